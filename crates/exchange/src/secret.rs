//! The office secret: 32 random bytes that every account of an office holds wrapped with its own password, and
//! under which the office's signing keys are sealed. Any account that may sign opens the secret with its password
//! and the key with the secret, so a second administrator signs with the office's one key, a password change
//! re-wraps 32 bytes, and a key rotation needs nobody else's password. (It is also the key the database will be
//! encrypted with: one key, wrapped per user and by a recovery code.)
//!
// Wrapped secret, format v1: sealed under the password as sealed.rs describes, with prefix "thuocdo-os-v1:", no
// public part and the 32 secret bytes as the plain part.
//
// Sealed signing key, format v1:
//
//   "thuocdo-sk-sealed-v1:" base64( key_id[8] | nonce[24] | ciphertext[40 + 16 tag] )
//
// XChaCha20-Poly1305 keyed by the secret itself (it is random: no stretching), sealing key_id || ed25519 seed with
// the prefix and key id as associated data.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use rand::rngs::OsRng;
use rand::RngCore as _;
use zeroize::Zeroizing;

use crate::error::ExchangeError;
use crate::keys::OfficeKeyPair;
use crate::sealed::{self, take};

const SECRET_PREFIX: &str = "thuocdo-os-v1:";
const SEALED_KEY_PREFIX: &str = "thuocdo-sk-sealed-v1:";
const SECRET_LEN: usize = 32;
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
const SEED_LEN: usize = 32;
const SEALED_KEY_LEN: usize = 8 + NONCE_LEN + 8 + SEED_LEN + TAG_LEN;

/// The office secret, wiped from memory when dropped.
pub struct OfficeSecret(Zeroizing<[u8; SECRET_LEN]>);

impl std::fmt::Debug for OfficeSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OfficeSecret(…)")
    }
}

impl OfficeSecret {
    pub fn generate() -> Self {
        let mut bytes = Zeroizing::new([0u8; SECRET_LEN]);
        OsRng.fill_bytes(bytes.as_mut());
        OfficeSecret(bytes)
    }

    /// The raw bytes, for the database key.
    pub fn bytes(&self) -> &[u8; SECRET_LEN] {
        &self.0
    }

    /// The key the office database is encrypted with: derived from the secret (SHA-256 under a label of its own),
    /// so that the bytes sealing the signing keys are never themselves handed to another cipher.
    pub fn database_key(&self) -> Zeroizing<[u8; 32]> {
        use sha2::{Digest as _, Sha256};
        let mut hasher = Sha256::new();
        hasher.update(b"thuocdo database key v1\0");
        hasher.update(self.0.as_ref());
        Zeroizing::new(hasher.finalize().into())
    }

    /// Seals the secret under `password` (already NFC-normalised by the caller) into one ASCII line.
    pub fn wrap(&self, password: &str) -> Result<String, ExchangeError> {
        sealed::seal(SECRET_PREFIX, &[], self.0.as_ref(), password)
    }

    /// Opens a string made by [`OfficeSecret::wrap`]; a wrong password is `WrongPassword`, a damaged string
    /// `MalformedKey`.
    pub fn unwrap(wrapped: &str, password: &str) -> Result<Self, ExchangeError> {
        let (_, secret) = sealed::open(SECRET_PREFIX, wrapped, password, 0, SECRET_LEN)?;
        Ok(OfficeSecret(Zeroizing::new(take(&secret))))
    }

    /// Seals a signing key under this secret.
    pub fn seal_key(&self, key: &OfficeKeyPair) -> Result<String, ExchangeError> {
        let mut nonce = [0u8; NONCE_LEN];
        OsRng.fill_bytes(&mut nonce);
        let key_id = key.key_id().0;
        let plain = Zeroizing::new([&key_id[..], key.seed()].concat());
        let sealed = self
            .cipher()
            .encrypt(XNonce::from_slice(&nonce), Payload { msg: &plain, aad: &sealed_aad(&key_id) })
            .map_err(|_| ExchangeError::Internal("encryption failed"))?;
        Ok(format!("{SEALED_KEY_PREFIX}{}", B64.encode([&key_id[..], &nonce, &sealed].concat())))
    }

    /// Opens a key sealed by [`OfficeSecret::seal_key`] with this secret.
    pub fn open_key(&self, sealed: &str) -> Result<OfficeKeyPair, ExchangeError> {
        use ExchangeError::MalformedKey as Bad;
        let body = sealed.trim().strip_prefix(SEALED_KEY_PREFIX).ok_or(Bad("not a sealed signing key of a supported version"))?;
        let raw = B64.decode(body).map_err(|_| Bad("sealed signing key is not valid base64"))?;
        if raw.len() != SEALED_KEY_LEN {
            return Err(Bad("sealed signing key has the wrong length"));
        }
        let key_id: [u8; 8] = take(&raw[..8]);
        let nonce = XNonce::from_slice(&raw[8..8 + NONCE_LEN]);
        let plain = Zeroizing::new(
            self.cipher()
                .decrypt(nonce, Payload { msg: &raw[8 + NONCE_LEN..], aad: &sealed_aad(&key_id) })
                .map_err(|_| ExchangeError::WrongPassword)?,
        );
        if plain[..8] != key_id {
            return Err(Bad("sealed signing key is inconsistent"));
        }
        Ok(OfficeKeyPair::from_parts(key_id, take(&plain[8..])))
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(self.0.as_ref().into())
    }
}

/// True for a signing key sealed under an office secret (as opposed to one wrapped with a password).
pub fn is_sealed_key(stored: &str) -> bool {
    stored.trim_start().starts_with(SEALED_KEY_PREFIX)
}

fn sealed_aad(key_id: &[u8; 8]) -> Vec<u8> {
    [SEALED_KEY_PREFIX.as_bytes(), key_id].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_opens_with_its_password_only_and_says_when_damaged() {
        let secret = OfficeSecret::generate();
        let wrapped = secret.wrap("mật khẩu tốt").unwrap();
        assert_eq!(OfficeSecret::unwrap(&wrapped, "mật khẩu tốt").unwrap().bytes(), secret.bytes());
        assert!(matches!(OfficeSecret::unwrap(&wrapped, "mật khẩu khác"), Err(ExchangeError::WrongPassword)));
        let mut damaged = wrapped.clone().into_bytes();
        let at = damaged.len() - 20;
        damaged[at] = if damaged[at] == b'A' { b'B' } else { b'A' };
        assert!(matches!(
            OfficeSecret::unwrap(std::str::from_utf8(&damaged).unwrap(), "mật khẩu tốt"),
            Err(ExchangeError::MalformedKey(_))
        ));
    }

    #[test]
    fn a_sealed_key_signs_as_the_original_and_only_its_secret_opens_it() {
        let (secret, other) = (OfficeSecret::generate(), OfficeSecret::generate());
        let key = OfficeKeyPair::generate();
        let sealed = secret.seal_key(&key).unwrap();
        assert!(is_sealed_key(&sealed));
        let opened = secret.open_key(&sealed).unwrap();
        assert_eq!(opened.public_key().to_minisign_file(), key.public_key().to_minisign_file());
        let signature = opened.sign(b"data", "t", "u").unwrap();
        assert!(key.public_key().verify(b"data", &signature).is_ok());
        assert!(other.open_key(&sealed).is_err());
        assert!(!is_sealed_key(&key.wrap("x").unwrap()));
    }
}
