//! Sealing bytes under a password, the one way both the office's signing key (keys.rs) and the office secret
//! (secret.rs) are stored. One ASCII line:
//!
//!   prefix base64( m_kib u32le | t u32le | p u32le | public[..] | salt[16] | nonce[24] | ciphertext[plain + 16 tag] | check[8] )
//!
//! - Argon2id v0x13 (m_kib, t, p, salt) stretches the password into a 32-byte key. The parameters travel with the
//!   sealed value so they can be raised later without a format change; absurd ones are refused before use.
//! - XChaCha20-Poly1305 seals the plain bytes. The associated data is the prefix and everything before the
//!   ciphertext, so the cleartext `public` part (a key id) and the KDF parameters cannot be altered undetected.
//! - check = SHA-256(prefix | everything before it)[..8] is an unkeyed checksum. It lets a damaged string (bad copy,
//!   truncated file) be reported as damaged instead of as a wrong password, which the AEAD alone cannot tell apart.

use argon2::{Algorithm, Argon2, Params, Version};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use rand::rngs::OsRng;
use rand::RngCore as _;
use sha2::{Digest as _, Sha256};
use zeroize::Zeroizing;

use crate::error::ExchangeError;

const ARGON2_M_KIB: u32 = 19_456;
const ARGON2_T: u32 = 2;
const ARGON2_P: u32 = 1;
// Bounds on stored parameters, so a crafted string cannot make us allocate absurd memory.
const MAX_M_KIB: u32 = 1 << 20;
const MAX_T: u32 = 16;
const MAX_P: u32 = 16;
const PARAMS_LEN: usize = 12;
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
const CHECK_LEN: usize = 8;

/// Seals `plain` under `password` (NFC-normalised by the caller: Vietnamese input methods differ in whether they
/// emit precomposed letters), with `public` readable without it.
pub(crate) fn seal(prefix: &str, public: &[u8], plain: &[u8], password: &str) -> Result<String, ExchangeError> {
    let mut salt = [0u8; SALT_LEN];
    let mut nonce = [0u8; NONCE_LEN];
    OsRng.fill_bytes(&mut salt);
    OsRng.fill_bytes(&mut nonce);
    let mut out = Vec::with_capacity(PARAMS_LEN + public.len() + SALT_LEN + NONCE_LEN + plain.len() + TAG_LEN + CHECK_LEN);
    for v in [ARGON2_M_KIB, ARGON2_T, ARGON2_P] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(public);
    out.extend_from_slice(&salt);
    out.extend_from_slice(&nonce);
    let params =
        Params::new(ARGON2_M_KIB, ARGON2_T, ARGON2_P, Some(32)).map_err(|_| ExchangeError::Internal("invalid Argon2 parameters"))?;
    let cipher = derive_cipher(password, &salt, params).map_err(|_| ExchangeError::Internal("key derivation failed"))?;
    let sealed = cipher
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: plain, aad: &[prefix.as_bytes(), &out].concat() })
        .map_err(|_| ExchangeError::Internal("encryption failed"))?;
    out.extend_from_slice(&sealed);
    out.extend_from_slice(&checksum(prefix, &out));
    Ok(format!("{prefix}{}", B64.encode(out)))
}

/// Opens a string made by [`seal`] with the same prefix and lengths: (public, plain). A wrong password is
/// `WrongPassword`; anything else wrong with the string is `MalformedKey`.
pub(crate) fn open(
    prefix: &str,
    sealed: &str,
    password: &str,
    public_len: usize,
    plain_len: usize,
) -> Result<(Vec<u8>, Zeroizing<Vec<u8>>), ExchangeError> {
    use ExchangeError::MalformedKey as Bad;
    let header_len = PARAMS_LEN + public_len + SALT_LEN + NONCE_LEN;
    let total = header_len + plain_len + TAG_LEN + CHECK_LEN;
    let body = sealed.trim().strip_prefix(prefix).ok_or(Bad("not a sealed key of a supported version"))?;
    let raw = B64.decode(body).map_err(|_| Bad("sealed key is not valid base64"))?;
    if raw.len() != total {
        return Err(Bad("sealed key has the wrong length"));
    }
    let (content, check) = raw.split_at(total - CHECK_LEN);
    if checksum(prefix, content) != check {
        return Err(Bad("sealed key is damaged"));
    }
    let (header, ciphertext) = content.split_at(header_len);
    let u32_at = |i: usize| u32::from_le_bytes(take(&header[i..i + 4]));
    let (m_kib, t, p) = (u32_at(0), u32_at(4), u32_at(8));
    if m_kib > MAX_M_KIB || t > MAX_T || p > MAX_P {
        return Err(Bad("sealed key has unreasonable KDF parameters"));
    }
    let params = Params::new(m_kib, t, p, Some(32)).map_err(|_| Bad("sealed key has invalid KDF parameters"))?;
    let public = header[PARAMS_LEN..PARAMS_LEN + public_len].to_vec();
    let salt = &header[PARAMS_LEN + public_len..PARAMS_LEN + public_len + SALT_LEN];
    let nonce = XNonce::from_slice(&header[header_len - NONCE_LEN..]);
    let cipher = derive_cipher(password, salt, params).map_err(|_| ExchangeError::Internal("key derivation failed"))?;
    let plain = cipher
        .decrypt(nonce, Payload { msg: ciphertext, aad: &[prefix.as_bytes(), header].concat() })
        .map_err(|_| ExchangeError::WrongPassword)?;
    Ok((public, Zeroizing::new(plain)))
}

fn derive_cipher(password: &str, salt: &[u8], params: Params) -> Result<XChaCha20Poly1305, argon2::Error> {
    let mut key = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params).hash_password_into(password.as_bytes(), salt, key.as_mut())?;
    Ok(XChaCha20Poly1305::new(key.as_ref().into()))
}

fn checksum(prefix: &str, content: &[u8]) -> [u8; CHECK_LEN] {
    take(&Sha256::new().chain_update(prefix).chain_update(content).finalize()[..CHECK_LEN])
}

/// Copies a slice whose length the caller has already established.
pub(crate) fn take<const N: usize>(slice: &[u8]) -> [u8; N] {
    let mut out = [0u8; N];
    out.copy_from_slice(slice);
    out
}
