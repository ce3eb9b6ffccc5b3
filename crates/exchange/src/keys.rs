//! Office key pairs, minisign-compatible public keys and signatures, and the
//! password-wrapped form in which a secret key is stored.

use std::fmt;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use blake2::{Blake2b512, Digest as _};
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use rand::rngs::OsRng;
use rand::RngCore as _;
use sha2::Sha256;

use crate::error::ExchangeError;
use crate::sealed::{self, take};
use zeroize::Zeroizing;

/// minisign's algorithm tags: `Ed` signs the data itself, `ED` signs its BLAKE2b-512 hash.
const ALG_PURE: [u8; 2] = *b"Ed";
const ALG_PREHASHED: [u8; 2] = *b"ED";
const UNTRUSTED_PREFIX: &str = "untrusted comment: ";
const TRUSTED_PREFIX: &str = "trusted comment: ";
/// minisign reads each comment line with `fgets` into 1024- and 8192-byte buffers; a longer
/// line would be split and the file rejected, so we refuse to write one.
const MAX_UNTRUSTED_COMMENT: usize = 1024 - 1 - UNTRUSTED_PREFIX.len() - 1;
const MAX_TRUSTED_COMMENT: usize = 8192 - 1 - TRUSTED_PREFIX.len() - 1;

/// The 8-byte key identifier minisign stores next to every key and signature.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyId(pub [u8; 8]);

impl fmt::Display for KeyId {
    /// The little-endian u64 in uppercase hex, as minisign prints it, so users can compare.
    /// Always 16 digits like minisign 0.12+; minisign 0.11 omits leading zeros.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016X}", u64::from_le_bytes(self.0))
    }
}

impl fmt::Debug for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyId({self})")
    }
}

/// An office's public key, as found in a minisign public key file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey {
    pub key_id: KeyId,
    pub bytes: [u8; 32],
}

impl PublicKey {
    /// The content of a minisign public key file:
    /// `"untrusted comment: minisign public key <KEYID>\n<base64(b"Ed" || key_id || pk)>\n"`.
    pub fn to_minisign_file(&self) -> String {
        format!("{UNTRUSTED_PREFIX}minisign public key {}\n{}\n", self.key_id, self.to_base64())
    }

    /// Parses a minisign public key file, or just its base64 line (what `minisign -P` takes).
    /// The comment line is ignored, as minisign does: only the signed-over bytes matter.
    pub fn from_minisign_file(text: &str) -> Result<Self, ExchangeError> {
        let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
        let mut line = lines.next().ok_or(ExchangeError::MalformedKey("empty public key"))?;
        if line.starts_with(UNTRUSTED_PREFIX.trim_end()) {
            line = lines.next().ok_or(ExchangeError::MalformedKey("public key line missing"))?;
        }
        let raw = B64.decode(line).map_err(|_| ExchangeError::MalformedKey("public key is not valid base64"))?;
        let raw: [u8; 42] = raw.try_into().map_err(|_| ExchangeError::MalformedKey("public key has the wrong length"))?;
        if raw[..2] != ALG_PURE {
            return Err(ExchangeError::MalformedKey("not an Ed25519 minisign public key"));
        }
        let pk = PublicKey { key_id: KeyId(take(&raw[2..10])), bytes: take(&raw[10..]) };
        pk.verifying_key()?;
        Ok(pk)
    }

    /// The one-line form (second line of the key file; accepted by `minisign -P`).
    pub fn to_base64(&self) -> String {
        B64.encode(self.minisign_bytes())
    }

    /// Short fingerprint to read out over the phone: the first 10 bytes of
    /// SHA-256(b"Ed" || key_id || pk) in Crockford base32, as `"ABCD-EFGH-JKMN-PQRS"`.
    /// 80 bits is far beyond what an attacker could match by grinding keys.
    pub fn fingerprint(&self) -> String {
        const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        let digest = Sha256::digest(self.minisign_bytes());
        let n = digest[..10].iter().fold(0u128, |n, &b| (n << 8) | u128::from(b));
        let mut out = String::with_capacity(19);
        for i in 0..16 {
            if i > 0 && i % 4 == 0 {
                out.push('-');
            }
            out.push(char::from(CROCKFORD[((n >> (75 - 5 * i)) & 31) as usize]));
        }
        out
    }

    /// Verifies the content of a `.minisig` file over `data`, accepting both the prehashed
    /// (`ED`) and the legacy (`Ed`) algorithm, and returns the trusted comment.
    pub fn verify(&self, data: &[u8], minisig: &str) -> Result<String, ExchangeError> {
        let sig = parse_minisig(minisig)?;
        if sig.key_id != self.key_id {
            return Err(ExchangeError::KeyIdMismatch { expected: self.key_id, found: sig.key_id });
        }
        let vk = self.verifying_key()?;
        // verify_strict rejects the same malleable and small-order inputs libsodium does,
        // so we accept exactly what `minisign -V` accepts.
        let ok = match sig.alg {
            ALG_PREHASHED => vk.verify_strict(&Blake2b512::digest(data), &sig.signature),
            _ => vk.verify_strict(data, &sig.signature),
        };
        ok.map_err(|_| ExchangeError::BadSignature)?;
        let global = [&sig.signature.to_bytes()[..], sig.trusted_comment.as_bytes()].concat();
        vk.verify_strict(&global, &sig.global_signature).map_err(|_| ExchangeError::BadSignature)?;
        Ok(sig.trusted_comment)
    }

    fn minisign_bytes(&self) -> [u8; 42] {
        let mut raw = [0u8; 42];
        raw[..2].copy_from_slice(&ALG_PURE);
        raw[2..10].copy_from_slice(&self.key_id.0);
        raw[10..].copy_from_slice(&self.bytes);
        raw
    }

    fn verifying_key(&self) -> Result<VerifyingKey, ExchangeError> {
        VerifyingKey::from_bytes(&self.bytes).map_err(|_| ExchangeError::MalformedKey("not a valid Ed25519 public key"))
    }
}

struct Minisig {
    alg: [u8; 2],
    key_id: KeyId,
    signature: Signature,
    trusted_comment: String,
    global_signature: Signature,
}

fn parse_minisig(text: &str) -> Result<Minisig, ExchangeError> {
    use ExchangeError::MalformedSignature as Bad;
    // A file that went through Windows tooling may have CRLF endings; minisign strips CRs too.
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let mut next = || lines.next().ok_or(Bad("signature file is truncated"));
    if !next()?.starts_with(UNTRUSTED_PREFIX) {
        return Err(Bad("first line must be an untrusted comment"));
    }
    let raw = B64.decode(next()?.trim()).map_err(|_| Bad("signature is not valid base64"))?;
    let raw: [u8; 74] = raw.try_into().map_err(|_| Bad("signature has the wrong length"))?;
    let trusted_comment = next()?.strip_prefix(TRUSTED_PREFIX).ok_or(Bad("third line must be a trusted comment"))?.to_owned();
    let global = B64.decode(next()?.trim()).map_err(|_| Bad("comment signature is not valid base64"))?;
    let global: [u8; 64] = global.try_into().map_err(|_| Bad("comment signature has the wrong length"))?;
    let alg = take(&raw[..2]);
    if alg != ALG_PURE && alg != ALG_PREHASHED {
        return Err(ExchangeError::UnsupportedAlgorithm);
    }
    Ok(Minisig {
        alg,
        key_id: KeyId(take(&raw[2..10])),
        signature: Signature::from_bytes(&take(&raw[10..])),
        trusted_comment,
        global_signature: Signature::from_bytes(&global),
    })
}

/// An office's signing key. Deliberately not `Clone`: copies of a secret should be rare
/// and explicit (via [`OfficeKeyPair::wrap`]). The seed is zeroised on drop by ed25519-dalek.
pub struct OfficeKeyPair {
    key_id: KeyId,
    signing: SigningKey,
}

impl fmt::Debug for OfficeKeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OfficeKeyPair").field("key_id", &self.key_id).finish_non_exhaustive()
    }
}

// Wrapped secret key, format v1: sealed under the password as sealed.rs describes, with prefix "thuocdo-sk-v1:",
// the key id as the public part and key_id || ed25519 seed (40 bytes) as the plain part.
const WRAP_PREFIX: &str = "thuocdo-sk-v1:";
const KEY_ID_LEN: usize = 8;
const SEED_LEN: usize = 32;

impl OfficeKeyPair {
    /// A fresh key pair with a random key id, both from the operating system's RNG.
    pub fn generate() -> Self {
        let mut key_id = [0u8; 8];
        OsRng.fill_bytes(&mut key_id);
        OfficeKeyPair { key_id: KeyId(key_id), signing: SigningKey::generate(&mut OsRng) }
    }

    pub fn public_key(&self) -> PublicKey {
        PublicKey { key_id: self.key_id, bytes: self.signing.verifying_key().to_bytes() }
    }

    pub fn key_id(&self) -> &KeyId {
        &self.key_id
    }

    pub(crate) fn seed(&self) -> &[u8; 32] {
        self.signing.as_bytes()
    }

    pub(crate) fn from_parts(key_id: [u8; 8], seed: [u8; 32]) -> Self {
        OfficeKeyPair { key_id: KeyId(key_id), signing: SigningKey::from_bytes(&seed) }
    }

    /// Signs like `minisign -S` (prehashed `ED` algorithm) and returns the `.minisig` content.
    /// The trusted comment is covered by the signature; the untrusted one is not.
    pub fn sign(&self, data: &[u8], trusted_comment: &str, untrusted_comment: &str) -> Result<String, ExchangeError> {
        check_comment(untrusted_comment, MAX_UNTRUSTED_COMMENT)?;
        check_comment(trusted_comment, MAX_TRUSTED_COMMENT)?;
        let signature = self.signing.sign(&Blake2b512::digest(data)).to_bytes();
        let global = [&signature[..], trusted_comment.as_bytes()].concat();
        let global = self.signing.sign(&global).to_bytes();
        let sig_line = [&ALG_PREHASHED[..], &self.key_id.0, &signature].concat();
        Ok(format!(
            "{UNTRUSTED_PREFIX}{untrusted_comment}\n{}\n{TRUSTED_PREFIX}{trusted_comment}\n{}\n",
            B64.encode(sig_line),
            B64.encode(global),
        ))
    }

    /// Seals the secret key under `password` into one ASCII line (format described above).
    ///
    /// The password is used byte for byte: callers should Unicode-normalise it (NFC) first,
    /// since Vietnamese input methods differ in whether they emit precomposed characters.
    pub fn wrap(&self, password: &str) -> Result<String, ExchangeError> {
        let secret = Zeroizing::new([&self.key_id.0[..], self.signing.as_bytes()].concat());
        sealed::seal(WRAP_PREFIX, &self.key_id.0, &secret, password)
    }

    /// Opens a string made by [`OfficeKeyPair::wrap`].
    pub fn unwrap(wrapped: &str, password: &str) -> Result<Self, ExchangeError> {
        use ExchangeError::MalformedKey as Bad;
        let (public, secret) = sealed::open(WRAP_PREFIX, wrapped, password, KEY_ID_LEN, KEY_ID_LEN + SEED_LEN)?;
        let key_id: [u8; 8] = take(&public);
        if secret[..8] != key_id {
            return Err(Bad("wrapped secret key is inconsistent"));
        }
        Ok(OfficeKeyPair { key_id: KeyId(key_id), signing: SigningKey::from_bytes(&take(&secret[8..])) })
    }
}

fn check_comment(comment: &str, max: usize) -> Result<(), ExchangeError> {
    if comment.len() > max || comment.contains(['\n', '\r', '\0']) {
        return Err(ExchangeError::InvalidComment { max });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (OfficeKeyPair, Vec<u8>) {
        (OfficeKeyPair::generate(), b"bundle \x00\xff contents".to_vec())
    }

    #[test]
    fn key_id_displays_like_minisign() {
        // From a key made by minisign 0.11: bytes d8 de a6 22 6a 96 00 d4.
        let id = KeyId([0xd8, 0xde, 0xa6, 0x22, 0x6a, 0x96, 0x00, 0xd4]);
        assert_eq!(id.to_string(), "D400966A22A6DED8");
        let id = KeyId([0x06, 0xf8, 0xcd, 0x35, 0x8d, 0x45, 0xce, 0x00]);
        assert_eq!(id.to_string(), "00CE458D35CDF806");
    }

    #[test]
    fn public_key_file_round_trip() {
        let pk = OfficeKeyPair::generate().public_key();
        let file = pk.to_minisign_file();
        assert!(file.starts_with(&format!("untrusted comment: minisign public key {}\n", pk.key_id)));
        assert!(file.ends_with('\n'));
        assert_eq!(PublicKey::from_minisign_file(&file).unwrap(), pk);
        assert_eq!(PublicKey::from_minisign_file(&pk.to_base64()).unwrap(), pk);
        assert_eq!(PublicKey::from_minisign_file(&file.replace('\n', "\r\n")).unwrap(), pk);
    }

    #[test]
    fn parses_a_key_made_by_minisign() {
        let file = "untrusted comment: minisign public key D400966A22A6DED8\n\
                    RWTY3qYiapYA1Psunyw5Ndw3A7bjP/cifV4rZWvhkH6POpqz6GI+SOYk\n";
        let pk = PublicKey::from_minisign_file(file).unwrap();
        assert_eq!(pk.key_id.to_string(), "D400966A22A6DED8");
        assert_eq!(pk.to_minisign_file(), file);
    }

    #[test]
    fn malformed_public_keys_are_rejected() {
        let good = OfficeKeyPair::generate().public_key().to_base64();
        let mut wrong_alg = B64.decode(&good).unwrap();
        wrong_alg[1] = b'D';
        for bad in [
            String::new(),
            "untrusted comment: only a comment".to_owned(),
            "not base64 !!".to_owned(),
            good[..good.len() - 4].to_owned(),
            B64.encode(wrong_alg),
        ] {
            let err = PublicKey::from_minisign_file(&bad).unwrap_err();
            assert_eq!(err.code(), "exchange.malformed_key", "{bad:?}");
        }
    }

    #[test]
    fn fingerprint_shape() {
        const ALPHABET: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        let a = OfficeKeyPair::generate().public_key();
        let b = OfficeKeyPair::generate().public_key();
        let fa = a.fingerprint();
        assert_eq!(fa.len(), 19);
        assert_eq!(fa, a.clone().fingerprint());
        assert_ne!(fa, b.fingerprint());
        for (i, c) in fa.chars().enumerate() {
            if i % 5 == 4 {
                assert_eq!(c, '-');
            } else {
                assert!(ALPHABET.contains(c), "{c} in {fa}");
            }
        }
    }

    #[test]
    fn fingerprint_is_stable() {
        // Pinned (computed independently) so a refactor cannot silently change what offices
        // read to each other.
        let zero = PublicKey { key_id: KeyId([0; 8]), bytes: [0; 32] };
        assert_eq!(zero.fingerprint(), "ACME-2KJT-SSJT-YG0E");
        let pk = PublicKey::from_minisign_file("RWTY3qYiapYA1Psunyw5Ndw3A7bjP/cifV4rZWvhkH6POpqz6GI+SOYk").unwrap();
        assert_eq!(pk.fingerprint(), "C7WW-RVYX-3WDE-RM0M");
    }

    #[test]
    fn sign_verify_round_trip() {
        let (kp, data) = sample();
        let sig = kp.sign(&data, "bundle 42 from Sở Nội vụ", "signed by thuocdo").unwrap();
        let lines: Vec<_> = sig.lines().collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0], "untrusted comment: signed by thuocdo");
        assert_eq!(&B64.decode(lines[1]).unwrap()[..2], b"ED");
        assert_eq!(kp.public_key().verify(&data, &sig).unwrap(), "bundle 42 from Sở Nội vụ");
        assert_eq!(kp.public_key().verify(&data, &sig.replace('\n', "\r\n")).unwrap(), "bundle 42 from Sở Nội vụ");
        // The untrusted comment is not covered by the signature.
        let relabelled = sig.replacen("signed by thuocdo", "anything", 1);
        assert!(kp.public_key().verify(&data, &relabelled).is_ok());
    }

    #[test]
    fn verifies_legacy_signatures() {
        let (kp, data) = sample();
        let signature = kp.signing.sign(&data).to_bytes();
        let global = kp.signing.sign(&[&signature[..], b"legacy"].concat()).to_bytes();
        let sig = format!(
            "untrusted comment: x\n{}\ntrusted comment: legacy\n{}\n",
            B64.encode([&b"Ed"[..], &kp.key_id.0, &signature].concat()),
            B64.encode(global)
        );
        assert_eq!(kp.public_key().verify(&data, &sig).unwrap(), "legacy");
        assert_eq!(kp.public_key().verify(b"other", &sig).unwrap_err(), ExchangeError::BadSignature);
    }

    #[test]
    fn tampering_is_detected() {
        let (kp, data) = sample();
        let pk = kp.public_key();
        let sig = kp.sign(&data, "trusted", "untrusted").unwrap();

        let mut flipped = data.clone();
        flipped[3] ^= 1;
        assert_eq!(pk.verify(&flipped, &sig).unwrap_err().code(), "exchange.bad_signature");

        let lines: Vec<&str> = sig.lines().collect();
        let mut raw = B64.decode(lines[1]).unwrap();
        raw[40] ^= 0x80;
        let bad_sig = sig.replace(lines[1], &B64.encode(&raw));
        assert_eq!(pk.verify(&data, &bad_sig).unwrap_err().code(), "exchange.bad_signature");

        let bad_comment = sig.replace("trusted comment: trusted", "trusted comment: trustee");
        assert_eq!(pk.verify(&data, &bad_comment).unwrap_err().code(), "exchange.bad_signature");

        let mut global = B64.decode(lines[3]).unwrap();
        global[0] ^= 1;
        let bad_global = sig.replace(lines[3], &B64.encode(global));
        assert_eq!(pk.verify(&data, &bad_global).unwrap_err().code(), "exchange.bad_signature");
    }

    #[test]
    fn another_key_is_a_key_id_mismatch() {
        let (kp, data) = sample();
        let other = OfficeKeyPair::generate().public_key();
        let sig = kp.sign(&data, "t", "u").unwrap();
        assert_eq!(other.verify(&data, &sig).unwrap_err(), ExchangeError::KeyIdMismatch { expected: other.key_id, found: kp.key_id });
        // Same key id but different key material: the signature itself fails.
        let impostor = PublicKey { key_id: kp.key_id, bytes: other.bytes };
        assert_eq!(impostor.verify(&data, &sig).unwrap_err(), ExchangeError::BadSignature);
    }

    #[test]
    fn malformed_signature_files_are_rejected() {
        let (kp, data) = sample();
        let pk = kp.public_key();
        let sig = kp.sign(&data, "t", "u").unwrap();
        let lines: Vec<&str> = sig.lines().collect();
        let mut other_alg = B64.decode(lines[1]).unwrap();
        other_alg[0] = b'X';
        let cases = [
            String::new(),
            lines[..3].join("\n"),
            sig.replacen("untrusted comment: ", "comment: ", 1),
            sig.replacen("trusted comment: t", "t", 1),
            sig.replace(lines[1], &lines[1][4..]),
            sig.replace(lines[3], "!!!!"),
            sig.replace(lines[1], &B64.encode(other_alg)),
        ];
        for bad in &cases {
            let code = pk.verify(&data, bad).unwrap_err().code();
            assert!(matches!(code, "exchange.malformed_signature" | "exchange.unsupported_algorithm"), "{bad:?}");
        }
        for i in 0..sig.len() {
            if sig.is_char_boundary(i) {
                let _ = pk.verify(&data, &sig[..i]);
            }
        }
    }

    #[test]
    fn comments_must_be_single_lines() {
        let (kp, data) = sample();
        for (t, u) in [("a\nb", "u"), ("t", "a\rb"), ("nul\0", "u")] {
            assert_eq!(kp.sign(&data, t, u).unwrap_err().code(), "exchange.invalid_comment");
        }
        assert!(kp.sign(&data, &"x".repeat(MAX_TRUSTED_COMMENT), "u").is_ok());
        assert!(kp.sign(&data, &"x".repeat(MAX_TRUSTED_COMMENT + 1), "u").is_err());
        assert!(kp.sign(&data, "t", &"x".repeat(MAX_UNTRUSTED_COMMENT + 1)).is_err());
    }

    #[test]
    fn wrap_unwrap_round_trip() {
        let (kp, data) = sample();
        let wrapped = kp.wrap("mật khẩu đủ dài").unwrap();
        assert!(wrapped.starts_with(WRAP_PREFIX));
        assert!(wrapped.is_ascii() && !wrapped.contains('\n'));
        assert_ne!(wrapped, kp.wrap("mật khẩu đủ dài").unwrap(), "salt and nonce are random");

        let back = OfficeKeyPair::unwrap(&wrapped, "mật khẩu đủ dài").unwrap();
        assert_eq!(back.key_id(), kp.key_id());
        assert_eq!(back.public_key(), kp.public_key());
        let sig = back.sign(&data, "t", "u").unwrap();
        assert!(kp.public_key().verify(&data, &sig).is_ok());

        let err = OfficeKeyPair::unwrap(&wrapped, "mật khẩu sai").unwrap_err();
        assert_eq!(err, ExchangeError::WrongPassword);
        assert_eq!(err.code(), "exchange.wrong_password");
    }

    #[test]
    fn damaged_wrapped_keys_are_errors_not_panics() {
        let kp = OfficeKeyPair::generate();
        let wrapped = kp.wrap("pw").unwrap();
        let malformed = |s: &str| {
            let err = OfficeKeyPair::unwrap(s, "pw").unwrap_err();
            assert_eq!(err.code(), "exchange.malformed_key", "{s:?}: {err}");
        };
        malformed("");
        malformed("garbage");
        malformed(WRAP_PREFIX);
        malformed(&format!("{WRAP_PREFIX}not*base64"));
        malformed(&wrapped.replacen("v1", "v2", 1));
        for cut in 1..wrapped.len() - WRAP_PREFIX.len() {
            malformed(&wrapped[..wrapped.len() - cut]);
        }
        let body = &wrapped.as_bytes()[WRAP_PREFIX.len()..];
        for i in 0..body.len() {
            let mut text = body.to_vec();
            text[i] = if text[i] == b'A' { b'B' } else { b'A' };
            malformed(&format!("{WRAP_PREFIX}{}", String::from_utf8(text).unwrap()));
        }
        let mut raw = B64.decode(&wrapped[WRAP_PREFIX.len()..]).unwrap();
        for i in 0..raw.len() {
            raw[i] ^= 0x40;
            malformed(&format!("{WRAP_PREFIX}{}", B64.encode(&raw)));
            raw[i] ^= 0x40;
        }
    }

    /// Re-encodes a wrapped key after `edit`, with a valid checksum, as an attacker could.
    fn reseal(wrapped: &str, edit: impl FnOnce(&mut Vec<u8>)) -> String {
        let mut raw = B64.decode(&wrapped[WRAP_PREFIX.len()..]).unwrap();
        raw.truncate(raw.len() - 8);
        edit(&mut raw);
        let check = Sha256::new().chain_update(WRAP_PREFIX).chain_update(&raw).finalize();
        raw.extend_from_slice(&check[..8]);
        format!("{WRAP_PREFIX}{}", B64.encode(raw))
    }

    #[test]
    fn key_id_and_params_are_authenticated() {
        let kp = OfficeKeyPair::generate();
        let wrapped = kp.wrap("pw").unwrap();
        let relabelled = reseal(&wrapped, |raw| raw[12] ^= 1);
        assert_eq!(OfficeKeyPair::unwrap(&relabelled, "pw").unwrap_err(), ExchangeError::WrongPassword);
        let weaker = reseal(&wrapped, |raw| raw[4..8].copy_from_slice(&1u32.to_le_bytes()));
        assert_eq!(OfficeKeyPair::unwrap(&weaker, "pw").unwrap_err(), ExchangeError::WrongPassword);
        let huge = reseal(&wrapped, |raw| raw[..4].copy_from_slice(&u32::MAX.to_le_bytes()));
        assert_eq!(OfficeKeyPair::unwrap(&huge, "pw").unwrap_err().code(), "exchange.malformed_key");
        let zero_t = reseal(&wrapped, |raw| raw[4..8].copy_from_slice(&0u32.to_le_bytes()));
        assert_eq!(OfficeKeyPair::unwrap(&zero_t, "pw").unwrap_err().code(), "exchange.malformed_key");
    }

    #[test]
    fn debug_hides_the_secret() {
        let kp = OfficeKeyPair::generate();
        assert_eq!(format!("{kp:?}"), format!("OfficeKeyPair {{ key_id: KeyId({}), .. }}", kp.key_id()));
    }
}
