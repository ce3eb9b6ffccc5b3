//! Signed data bundles between offices (EXCHANGE.md): the `.tdb` file format.
//!
//! A bundle is a zip archive holding
//!
//! - `manifest.json`: the [`Manifest`] (format name and version, source unit and key id,
//!   destination unit, sequence number, hash of the previous bundle's manifest, creation time,
//!   rule set, periods, and the path, size and SHA-256 of every other entry);
//! - `manifest.json.minisig`: a minisign signature over `manifest.json` whose trusted comment is
//!   `thuocdo-bundle source=<code> destination=<code> sequence=<n> manifest-sha256=<hex>`, so
//!   `minisign -V -p office.pub -m manifest.json` checks a bundle with the stock tool;
//! - `payload/<kind>.jsonl`: records of one kind, one JSON value per line (`kind` is `[a-z0-9_]+`);
//! - `attachments/<sha256 hex>`: evidence files, named by the SHA-256 of their content;
//! - `relayed/<file name>.tdb`: subordinates' original bundles, forwarded unchanged.
//!
//! The manifest lists, for each file, its SHA-256 (what `sha256sum` prints for the unpacked
//! file) and the SHA-256 of its packed bytes in the zip.
//!
//! The container is canonical: the manifest, its signature, then the files in path order;
//! `payload/` deflated (stored if it would deflate beyond the bomb ratio), everything else stored; the DOS time 1980-01-01 00:00, Unix mode
//! `-rw-r--r--`, no extra fields, no comments, no data descriptors, no zip64 and nothing before
//! the first entry or after the end-of-central-directory record. The reader refuses anything
//! else, so every byte of a bundle is either a fixed header value, a header value checked
//! against its other copy and the data, the signed manifest, the signature (its CRC and its
//! check), or packed file data pinned by the signed manifest: no byte can change unnoticed.
//!
//! Reading is in two steps so that nothing of the payload is parsed before the signature is
//! checked: [`UnverifiedBundle::open`] checks the archive (sizes, paths, entry names, the
//! decompression ratio, the container layout) while unpacking into memory under [`Limits`], and
//! reads only the claimed source, destination, version and sequence from the manifest;
//! [`UnverifiedBundle::verify`] checks the signature with the key pinned for that source, then
//! every file against the manifest. [`check_sequence`] is the replay guard's pure decision.
//!
//! This module produces and checks bundles; it never writes to a database.

mod container;
mod entry;
mod manifest;
mod read;
mod sequence;
mod verify;
mod write;

pub use manifest::{Destination, FileEntry, Manifest, RulesetRef, Source};
pub use read::{Claimed, Limits, UnverifiedBundle};
pub use sequence::{check_sequence, Accepted, SequenceVerdict, MAX_LISTED_MISSING};
pub use verify::VerifiedBundle;
pub use write::{BuiltBundle, BundleBuilder, BundleHeader};

use sha2::{Digest as _, Sha256};

/// The `format` field of every bundle manifest.
pub const FORMAT: &str = "thuocdo-bundle";
/// The format version this program writes and the highest it reads. Offices upgrade on different days, so every
/// version since [`OLDEST_READABLE_VERSION`] stays readable, and a newer one is refused with a request to update.
///
/// - 1: the first format.
/// - 2: people's records carry `birth_year_only`, units' records `ended_on` and `merged_into` (issue 16); a person of
///   a version-1 record has a full birth date, and a unit of one is open.
/// - 3: people's records carry `ethnicity` (issue 17); a person of an earlier record has none recorded.
///
/// The records of each version are pinned by `crates/service/tests/bundle_format.rs`, and bundles written by
/// earlier versions are kept under `tests/fixtures/bundles/` and imported by every test run: a change to a
/// travelling table fails there until the version is raised and the new column says what older records stand for.
pub const CURRENT_VERSION: u32 = 3;
/// The oldest format version this program still reads.
pub const OLDEST_READABLE_VERSION: u32 = 1;
/// The extension of bundle files.
pub const EXTENSION: &str = "tdb";
/// Name of the manifest entry.
pub const MANIFEST_NAME: &str = "manifest.json";
/// Name of the manifest's signature entry.
pub const SIGNATURE_NAME: &str = "manifest.json.minisig";

/// The conventional file name of a bundle: `<from>-<to>-<seq>.tdb`, the sequence zero-padded
/// to six digits so that a file manager lists a chain in order. Unit codes may themselves
/// contain `-`, so the name is for people; the manifest inside is what counts.
pub fn bundle_file_name(from_unit: &str, to_unit: &str, sequence: u64) -> String {
    format!("{from_unit}-{to_unit}-{sequence:06}.{EXTENSION}")
}

/// Lower-case hex SHA-256, as the manifest, the trusted comment and `sha256sum` write it.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

/// True for 64 lower-case hex digits (a SHA-256 as we write it).
fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The longest unit code, as the domain crate allows.
pub const MAX_UNIT_CODE_LEN: usize = 32;

/// Unit codes travel in file names and in the trusted comment: 1 to 32 of `A-Z a-z 0-9 - _ .`
/// (the domain crate's rule; it stores them upper-case).
fn is_unit_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= MAX_UNIT_CODE_LEN
        && code.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// The trusted comment signed with a manifest. Built from checked unit codes (no spaces or
/// `=`), so it parses unambiguously.
fn trusted_comment(source: &str, destination: &str, sequence: u64, manifest_sha256: &str) -> String {
    format!("{FORMAT} source={source} destination={destination} sequence={sequence} manifest-sha256={manifest_sha256}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_name_convention() {
        assert_eq!(bundle_file_name("XA-TANLAP", "HUYEN-A", 12), "XA-TANLAP-HUYEN-A-000012.tdb");
        assert_eq!(bundle_file_name("A", "B", 1_234_567), "A-B-1234567.tdb");
    }

    #[test]
    fn sha256_of_nothing() {
        assert_eq!(sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert!(is_sha256_hex(&sha256_hex(b"x")));
        assert!(!is_sha256_hex(&sha256_hex(b"x").to_uppercase()));
    }

    #[test]
    fn unit_codes() {
        assert!(is_unit_code("XA-TANLAP"));
        assert!(is_unit_code("h.01_a"));
        for bad in ["", "A B", "A=B", "Á", &"X".repeat(33)] {
            assert!(!is_unit_code(bad), "{bad:?}");
        }
    }
}
