//! The recovery code printed on an office's recovery sheet: the way back when every administrator's password is
//! lost. 20 random bytes (160 bits) written as 32 characters of Crockford's base32 in eight groups of four, so it
//! can be typed from paper: no I, L, O or U; typing them (or lower case, spaces, dashes) is forgiven.
//!
//! The office secret is sealed under the code exactly as under a password (sealed.rs: Argon2id then
//! XChaCha20-Poly1305), so the code is as slow to guess as a password and far longer.

use rand::rngs::OsRng;
use rand::RngCore as _;
use zeroize::Zeroizing;

use crate::error::ExchangeError;
use crate::secret::OfficeSecret;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_BYTES: usize = 20;
const CODE_CHARS: usize = CODE_BYTES * 8 / 5;
const GROUP: usize = 4;

/// A recovery code, kept as its 32 canonical characters and wiped when dropped.
pub struct RecoveryCode(Zeroizing<String>);

impl std::fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryCode(…)")
    }
}

impl RecoveryCode {
    pub fn generate() -> RecoveryCode {
        let mut bytes = Zeroizing::new([0u8; CODE_BYTES]);
        OsRng.fill_bytes(bytes.as_mut());
        let mut text = String::with_capacity(CODE_CHARS);
        let mut buffer: u32 = 0;
        let mut bits = 0;
        for byte in bytes.iter() {
            buffer = (buffer << 8) | u32::from(*byte);
            bits += 8;
            while bits >= 5 {
                bits -= 5;
                text.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
            }
        }
        RecoveryCode(Zeroizing::new(text))
    }

    /// Reads a code as typed: case, spaces and dashes are ignored; O is read as 0, I and L as 1. Anything else,
    /// or the wrong length, is `BadRecoveryCode`.
    pub fn parse(typed: &str) -> Result<RecoveryCode, ExchangeError> {
        let mut text = String::with_capacity(CODE_CHARS);
        for c in typed.chars().filter(|c| !c.is_whitespace() && *c != '-') {
            let c = match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) {
                return Err(ExchangeError::BadRecoveryCode);
            }
            text.push(c);
        }
        if text.len() != CODE_CHARS {
            return Err(ExchangeError::BadRecoveryCode);
        }
        Ok(RecoveryCode(Zeroizing::new(text)))
    }

    /// The code in groups of four, as printed: `7K2M-Q9X4-…`.
    pub fn grouped(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        chars.chunks(GROUP).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("-")
    }

    /// Seals the office secret under this code.
    pub fn seal(&self, secret: &OfficeSecret) -> Result<String, ExchangeError> {
        secret.wrap(&self.0)
    }

    /// Opens the office secret sealed under this code; another code is `WrongRecoveryCode`.
    pub fn open(&self, sealed: &str) -> Result<OfficeSecret, ExchangeError> {
        OfficeSecret::unwrap(sealed, &self.0).map_err(|e| match e {
            ExchangeError::WrongPassword => ExchangeError::WrongRecoveryCode,
            other => other,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_32_characters_in_eight_groups_and_reads_back_as_typed_from_paper() {
        let code = RecoveryCode::generate();
        let grouped = code.grouped();
        assert_eq!(grouped.len(), 32 + 7);
        assert_eq!(grouped.split('-').count(), 8);
        assert!(!grouped.contains(['I', 'L', 'O', 'U']));
        let typed = grouped.to_lowercase().replace('-', " ").replace('0', "o").replace('1', "l");
        assert_eq!(RecoveryCode::parse(&typed).unwrap().grouped(), grouped);
        assert!(matches!(RecoveryCode::parse(&grouped[..30]), Err(ExchangeError::BadRecoveryCode)));
        assert!(matches!(RecoveryCode::parse(&format!("{}U", &grouped[..38])), Err(ExchangeError::BadRecoveryCode)));
        assert_ne!(RecoveryCode::generate().grouped(), grouped);
    }

    #[test]
    fn the_secret_sealed_under_a_code_opens_with_that_code_only() {
        let secret = OfficeSecret::generate();
        let code = RecoveryCode::generate();
        let sealed = code.seal(&secret).unwrap();
        assert_eq!(code.open(&sealed).unwrap().bytes(), secret.bytes());
        assert!(matches!(RecoveryCode::generate().open(&sealed), Err(ExchangeError::WrongRecoveryCode)));
    }
}
