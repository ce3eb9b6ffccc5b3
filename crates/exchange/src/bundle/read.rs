//! Opening a bundle: every check that needs no key, done while unpacking into memory under
//! [`Limits`]. Nothing of the payload is parsed here.

use std::collections::BTreeMap;
use std::io::{Cursor, Read as _};

use zip::read::{ArchiveOffset, Config};
use zip::{CompressionMethod, ZipArchive};

use super::container::{check_layout, end_record, packed_data, RawEntry};
use super::entry::{classify, is_safe_path, EntryKind};
use super::manifest::read_head;
use super::{sha256_hex, MANIFEST_NAME, SIGNATURE_NAME};
use crate::ExchangeError;

/// A `.minisig` file is four lines, the longest a trusted comment of at most 8 KiB.
pub(crate) const SIGNATURE_MAX_BYTES: u64 = 16 * 1024;
const MIB: u64 = 1024 * 1024;
const S_IFMT: u32 = 0o170_000;
const S_IFREG: u32 = 0o100_000;

/// Bounds on what opening a bundle may cost. The defaults fit a year of a province's data
/// with its evidence scans on an office computer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Size of the `.tdb` file itself.
    pub max_bundle_bytes: u64,
    /// Number of entries, manifest and signature included.
    pub max_files: u64,
    /// Sum of the uncompressed sizes of all entries.
    pub max_total_bytes: u64,
    /// Uncompressed size of any one entry.
    pub max_entry_bytes: u64,
    /// Uncompressed size of `manifest.json`.
    pub max_manifest_bytes: u64,
    /// How many times its compressed size an entry may expand to…
    pub max_ratio: u64,
    /// …unless it stays below this size (tiny files compress absurdly well and harm no one).
    pub ratio_exempt_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bundle_bytes: 512 * MIB,
            max_files: 10_000,
            max_total_bytes: 1024 * MIB,
            max_entry_bytes: 512 * MIB,
            max_manifest_bytes: 8 * MIB,
            max_ratio: 200,
            ratio_exempt_bytes: MIB,
        }
    }
}

impl Limits {
    /// The most an entry of `compressed` bytes may expand to before it counts as a bomb.
    pub(crate) fn ratio_allowance(&self, compressed: u64) -> u64 {
        compressed.saturating_mul(self.max_ratio).max(self.ratio_exempt_bytes)
    }
}

/// What the manifest claims, read before the signature is checked so that the receiver can
/// choose the key pinned for the claimed source. Not to be trusted until
/// [`UnverifiedBundle::verify`] succeeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    pub version: u32,
    pub source_unit: String,
    pub source_key_id: String,
    pub destination_unit: String,
    pub sequence: u64,
}

/// A bundle whose container passed every check and whose entries are in memory, but whose
/// signature has not been checked yet.
#[derive(Clone)]
pub struct UnverifiedBundle {
    pub(crate) claimed: Claimed,
    pub(crate) manifest_bytes: Vec<u8>,
    pub(crate) manifest_sha256: String,
    pub(crate) signature: Vec<u8>,
    /// Every other entry by path.
    pub(crate) entries: BTreeMap<String, Vec<u8>>,
    /// SHA-256 of every entry's packed bytes, by path.
    pub(crate) packed_sha256: BTreeMap<String, String>,
}

impl UnverifiedBundle {
    /// Checks the archive before and while unpacking it (EXCHANGE.md import rule 1): the file
    /// size; the entry count; every name (no absolute path, `..`, backslash, drive letter,
    /// control character); no links or special files; no encryption or unusual compression;
    /// the format version (a newer one is refused with its own error); only the entries a
    /// bundle has; the declared sizes and compression ratios; the canonical container layout;
    /// then decompresses each entry without reading past the limits, whatever the headers
    /// declare. Reads only the claimed source, destination, version and sequence.
    pub fn open(bytes: &[u8], limits: &Limits) -> Result<UnverifiedBundle, ExchangeError> {
        let bundle_len = bytes.len() as u64;
        if bundle_len > limits.max_bundle_bytes {
            return Err(ExchangeError::BundleTooLarge { what: "the file".into(), limit: limits.max_bundle_bytes });
        }
        let declared = u64::from(end_record(bytes)?.entries);
        if declared > limits.max_files {
            return Err(ExchangeError::BundleTooManyFiles { count: declared, limit: limits.max_files });
        }
        let config = Config { archive_offset: ArchiveOffset::Known(0) };
        let mut archive = ZipArchive::with_config(config, Cursor::new(bytes)).map_err(|e| ExchangeError::BundleNotZip(e.to_string()))?;
        let count = archive.len() as u64;
        if count > limits.max_files {
            return Err(ExchangeError::BundleTooManyFiles { count, limit: limits.max_files });
        }

        let raws = (0..archive.len()).map(|i| raw_entry(&mut archive, i)).collect::<Result<Vec<_>, _>>()?;

        let manifest_index = raws
            .iter()
            .position(|r| r.name == MANIFEST_NAME)
            .ok_or_else(|| ExchangeError::BundleNotABundle("there is no manifest.json".into()))?;
        let mut budget = limits.max_total_bytes;
        let manifest_bytes =
            read_entry(&mut archive, manifest_index, &raws[manifest_index], limits, limits.max_manifest_bytes, &mut budget, bundle_len)?;
        let (version, head) = read_head(&manifest_bytes)?;

        let mut declared_total: u64 = 0;
        for raw in &raws {
            let kind = classify(&raw.name).ok_or_else(|| ExchangeError::BundleUnknownEntry { path: raw.name.clone() })?;
            let cap = entry_cap(kind, limits);
            if raw.size > cap {
                return Err(ExchangeError::BundleTooLarge { what: raw.name.clone(), limit: cap });
            }
            if raw.size > limits.ratio_allowance(raw.compressed_size.min(bundle_len)) {
                return Err(ExchangeError::BundleBomb { path: raw.name.clone(), ratio: limits.max_ratio });
            }
            declared_total = declared_total.saturating_add(raw.size);
        }
        if declared_total > limits.max_total_bytes {
            return Err(ExchangeError::BundleTooLarge { what: "all files together".into(), limit: limits.max_total_bytes });
        }
        if declared != count {
            return Err(ExchangeError::BundleDamaged("the entry count does not match the central directory (duplicate names?)".into()));
        }
        check_layout(bytes, &raws)?;
        let mut packed_sha256 = BTreeMap::new();
        for raw in &raws {
            let data =
                packed_data(bytes, raw).ok_or_else(|| ExchangeError::BundleDamaged(format!("{} lies outside the file", raw.name)))?;
            packed_sha256.insert(raw.name.clone(), sha256_hex(data));
        }

        let mut signature = None;
        let mut entries = BTreeMap::new();
        for (i, raw) in raws.iter().enumerate() {
            let kind = classify(&raw.name).ok_or_else(|| ExchangeError::BundleUnknownEntry { path: raw.name.clone() })?;
            if kind == EntryKind::Manifest {
                continue;
            }
            let data = read_entry(&mut archive, i, raw, limits, entry_cap(kind, limits), &mut budget, bundle_len)?;
            if kind == EntryKind::Signature {
                signature = Some(data);
            } else {
                entries.insert(raw.name.clone(), data);
            }
        }
        let signature = signature.ok_or_else(|| ExchangeError::BundleMissingFile { path: SIGNATURE_NAME.into() })?;
        let claimed = Claimed {
            version,
            source_unit: head.source.unit_code,
            source_key_id: head.source.key_id,
            destination_unit: head.destination.unit_code,
            sequence: head.sequence,
        };
        let manifest_sha256 = sha256_hex(&manifest_bytes);
        Ok(UnverifiedBundle { claimed, manifest_bytes, manifest_sha256, signature, entries, packed_sha256 })
    }

    /// What the manifest claims; choose the key to verify with from `claimed().source_unit`.
    pub fn claimed(&self) -> &Claimed {
        &self.claimed
    }

    /// The bytes of `manifest.json`, exactly as signed.
    pub fn manifest_bytes(&self) -> &[u8] {
        &self.manifest_bytes
    }

    /// SHA-256 of `manifest.json` (lower-case hex).
    pub fn manifest_sha256(&self) -> &str {
        &self.manifest_sha256
    }
}

impl std::fmt::Debug for UnverifiedBundle {
    /// The claims and the entry names, not megabytes of content.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UnverifiedBundle")
            .field("claimed", &self.claimed)
            .field("manifest_sha256", &self.manifest_sha256)
            .field("entries", &self.entries.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// The most an entry of this kind may hold.
fn entry_cap(kind: EntryKind<'_>, limits: &Limits) -> u64 {
    match kind {
        EntryKind::Manifest => limits.max_manifest_bytes.min(limits.max_entry_bytes),
        EntryKind::Signature => SIGNATURE_MAX_BYTES,
        _ => limits.max_entry_bytes,
    }
}

/// An entry's name and header values, refusing unsafe names, links and unsupported features
/// before anything is decompressed.
fn raw_entry(archive: &mut ZipArchive<Cursor<&[u8]>>, index: usize) -> Result<RawEntry, ExchangeError> {
    let file = archive.by_index_raw(index).map_err(|e| ExchangeError::BundleDamaged(e.to_string()))?;
    let name = match std::str::from_utf8(file.name_raw()) {
        Ok(name) if is_safe_path(name) => name.to_owned(),
        // A hostile name can be 64 KiB of anything: keep enough of it to recognise.
        _ => return Err(ExchangeError::BundleUnsafePath { path: String::from_utf8_lossy(file.name_raw()).chars().take(200).collect() }),
    };
    if file.is_symlink() || file.unix_mode().is_some_and(|mode| !matches!(mode & S_IFMT, 0 | S_IFREG)) {
        return Err(ExchangeError::BundleLink { path: name });
    }
    if file.encrypted() {
        return Err(ExchangeError::BundleUnsupported { path: name, what: "encryption" });
    }
    let deflated = match file.compression() {
        CompressionMethod::Deflated => true,
        CompressionMethod::Stored => false,
        _ => return Err(ExchangeError::BundleUnsupported { path: name, what: "a compression method other than deflate" }),
    };
    Ok(RawEntry {
        name,
        deflated,
        crc32: file.crc32(),
        compressed_size: file.compressed_size(),
        size: file.size(),
        header_start: file.header_start(),
    })
}

/// Decompresses one entry, reading at most one byte past what the limits allow (the entry's
/// cap, the remaining total, the ratio allowance), so a header that lies about sizes cannot
/// make us inflate more. The zip library checks the CRC at the end; the size must match the
/// header.
fn read_entry(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    index: usize,
    raw: &RawEntry,
    limits: &Limits,
    cap: u64,
    budget: &mut u64,
    bundle_len: u64,
) -> Result<Vec<u8>, ExchangeError> {
    let ratio_allowance = limits.ratio_allowance(raw.compressed_size.min(bundle_len));
    let allowed = cap.min(*budget).min(ratio_allowance);
    let file = archive.by_index(index).map_err(|e| ExchangeError::BundleDamaged(format!("{}: {e}", raw.name)))?;
    let mut data = Vec::with_capacity(usize::try_from(raw.size.min(allowed)).unwrap_or(0));
    file.take(allowed.saturating_add(1)).read_to_end(&mut data).map_err(|e| ExchangeError::BundleDamaged(format!("{}: {e}", raw.name)))?;
    let read = data.len() as u64;
    if read > allowed {
        return Err(if read > ratio_allowance {
            ExchangeError::BundleBomb { path: raw.name.clone(), ratio: limits.max_ratio }
        } else if read > cap {
            ExchangeError::BundleTooLarge { what: raw.name.clone(), limit: cap }
        } else {
            ExchangeError::BundleTooLarge { what: "all files together".into(), limit: limits.max_total_bytes }
        });
    }
    if read != raw.size {
        return Err(ExchangeError::BundleDamaged(format!("{} holds {read} bytes, its header says {}", raw.name, raw.size)));
    }
    *budget = budget.saturating_sub(read);
    Ok(data)
}
