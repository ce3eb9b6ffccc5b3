//! Keys and signatures for exchanging data bundles between offices.
//!
//! Each office holds an Ed25519 key pair. Bundles are signed in the exact format of
//! [minisign](https://jedisct1.github.io/minisign/), so a recipient who distrusts this
//! application can check a bundle with the stock `minisign -V` tool, and signatures made
//! by `minisign -S` verify here. Public keys travel as minisign public key files; a short
//! [`PublicKey::fingerprint`] lets two offices confirm a key over the phone.
//!
//! The secret key never leaves an office unencrypted: [`OfficeKeyPair::wrap`] seals it
//! under a password (Argon2id + XChaCha20-Poly1305) into one ASCII line suitable for
//! storing in the database.
//!
//! [`bundle`] is the `.tdb` format that carries data between offices: a zip whose signed
//! manifest lists every file by size and SHA-256, read in two steps ([`UnverifiedBundle::open`]
//! under [`Limits`], then [`UnverifiedBundle::verify`] with the source's pinned key).
//!
//! Errors carry stable machine codes ([`ExchangeError::code`]), an English `Display` and a
//! Vietnamese [`ExchangeError::message_vi`].

pub mod bundle;
pub mod error;
pub mod keys;
pub mod receipt;
pub mod recovery;
mod sealed;
pub mod secret;
pub mod strict_json;

pub use bundle::{BundleBuilder, BundleHeader, Limits, Manifest, UnverifiedBundle, VerifiedBundle};
pub use error::ExchangeError;
pub use keys::{KeyId, OfficeKeyPair, PublicKey};
pub use receipt::{BundleRef, Receipt, SignedReceipt, UnverifiedReceipt};
pub use recovery::RecoveryCode;
pub use secret::{is_sealed_key, OfficeSecret};
