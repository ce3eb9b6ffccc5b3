//! The single error type of this crate.

use crate::keys::KeyId;

/// Everything that can go wrong with keys and signatures.
///
/// Messages are English and meant for logs; user-facing text is chosen by
/// [`ExchangeError::code`], which never changes once released.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExchangeError {
    /// The password does not open the wrapped secret key.
    #[error("wrong password for this secret key")]
    WrongPassword,
    /// A public key or wrapped secret key could not be read.
    #[error("malformed key: {0}")]
    MalformedKey(&'static str),
    /// A `.minisig` file could not be read.
    #[error("malformed signature file: {0}")]
    MalformedSignature(&'static str),
    /// The signature uses an algorithm other than minisign's `Ed` / `ED`.
    #[error("unsupported signature algorithm")]
    UnsupportedAlgorithm,
    /// The signature was made by a different key than the one it is checked against.
    #[error("signature was made with key {found}, expected key {expected}")]
    KeyIdMismatch { expected: KeyId, found: KeyId },
    /// The data or the trusted comment does not match the signature.
    #[error("signature verification failed")]
    BadSignature,
    /// A comment would not survive the line-based minisign format.
    #[error("comment must be a single line of at most {max} bytes without NUL")]
    InvalidComment { max: usize },
    /// A failure that valid input cannot cause (e.g. a password longer than 4 GiB).
    #[error("internal cryptographic error: {0}")]
    Internal(&'static str),
}

impl ExchangeError {
    /// Stable identifier for translation and for tests; never reworded.
    pub fn code(&self) -> &'static str {
        match self {
            Self::WrongPassword => "exchange.wrong_password",
            Self::MalformedKey(_) => "exchange.malformed_key",
            Self::MalformedSignature(_) => "exchange.malformed_signature",
            Self::UnsupportedAlgorithm => "exchange.unsupported_algorithm",
            Self::KeyIdMismatch { .. } => "exchange.key_id_mismatch",
            Self::BadSignature => "exchange.bad_signature",
            Self::InvalidComment { .. } => "exchange.invalid_comment",
            Self::Internal(_) => "exchange.internal",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_namespaced() {
        let all = [
            ExchangeError::WrongPassword,
            ExchangeError::MalformedKey("x"),
            ExchangeError::MalformedSignature("x"),
            ExchangeError::UnsupportedAlgorithm,
            ExchangeError::KeyIdMismatch { expected: KeyId([0; 8]), found: KeyId([1; 8]) },
            ExchangeError::BadSignature,
            ExchangeError::InvalidComment { max: 1 },
            ExchangeError::Internal("x"),
        ];
        let mut codes: Vec<_> = all.iter().map(ExchangeError::code).collect();
        assert!(codes.iter().all(|c| c.starts_with("exchange.")));
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
    }
}
