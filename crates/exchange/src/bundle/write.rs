//! Writing a bundle: [`BundleBuilder`].

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read as _, Write as _};

use chrono::{DateTime, Utc};
use serde_json::Value;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::container::{options, options_for, FILE_MODE};
use super::entry::{is_kind, is_relayed_name, ATTACHMENTS_DIR, PAYLOAD_DIR, PAYLOAD_EXT, RELAYED_DIR};
use super::manifest::{check_chain, FileEntry, Manifest};
use super::read::{Limits, UnverifiedBundle, SIGNATURE_MAX_BYTES};
use super::{bundle_file_name, is_unit_code, sha256_hex, CURRENT_VERSION, FORMAT, MANIFEST_NAME, SIGNATURE_NAME};
use super::{Destination, RulesetRef, Source};
use crate::{ExchangeError, OfficeKeyPair};

/// Everything about a bundle except its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleHeader {
    pub source_unit: String,
    pub destination_unit: String,
    /// 1 for the first bundle from this source to this destination, then +1 each time.
    pub sequence: u64,
    /// [`BuiltBundle::manifest_sha256`] of the previous bundle of the chain; `None` for sequence 1.
    pub previous: Option<String>,
    pub created_at: DateTime<Utc>,
    pub ruleset: Option<RulesetRef>,
    pub periods: Vec<String>,
}

/// A finished bundle.
#[derive(Clone, PartialEq, Eq)]
pub struct BuiltBundle {
    /// The `.tdb` file.
    pub bytes: Vec<u8>,
    /// SHA-256 of its `manifest.json`: what the next bundle of the chain names as `previous`,
    /// and what the receiver records as the last accepted bundle.
    pub manifest_sha256: String,
    /// The conventional file name, [`bundle_file_name`].
    pub file_name: String,
}

/// Collects records, attachments and relayed bundles, then signs and packs them. The output
/// depends only on the inputs (fixed zip timestamps, sorted entries, deterministic Ed25519), so
/// the same inputs give the same bytes.
#[derive(Clone)]
pub struct BundleBuilder {
    header: BundleHeader,
    entries: BTreeMap<String, Vec<u8>>,
}

impl std::fmt::Debug for BuiltBundle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BuiltBundle")
            .field("file_name", &self.file_name)
            .field("manifest_sha256", &self.manifest_sha256)
            .field("len", &self.bytes.len())
            .finish()
    }
}

impl std::fmt::Debug for BundleBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sizes: BTreeMap<_, _> = self.entries.iter().map(|(path, bytes)| (path, bytes.len())).collect();
        f.debug_struct("BundleBuilder").field("header", &self.header).field("entries", &sizes).finish()
    }
}

impl BundleBuilder {
    pub fn new(header: BundleHeader) -> Self {
        BundleBuilder { header, entries: BTreeMap::new() }
    }

    /// Appends records of one kind (`[a-z0-9_]+`, e.g. `"people"`) to `payload/<kind>.jsonl`, one
    /// compact JSON value per line. Calling it twice with the same kind appends; calling it with
    /// no records still creates the (empty) file, which says "none of this kind".
    pub fn add_records(&mut self, kind: &str, records: impl IntoIterator<Item = Value>) -> Result<(), ExchangeError> {
        if !is_kind(kind) {
            return Err(ExchangeError::BundleInvalid(format!("record kind {kind:?} must be 1 to 64 of a-z, 0-9 and _")));
        }
        let file = self.entries.entry(format!("{PAYLOAD_DIR}{kind}{PAYLOAD_EXT}")).or_default();
        for record in records {
            // Compact JSON escapes control characters in strings, so a record is one line.
            serde_json::to_writer(&mut *file, &record).map_err(|e| ExchangeError::BundleInvalid(format!("a {kind} record: {e}")))?;
            file.push(b'\n');
        }
        Ok(())
    }

    /// Adds an evidence file as `attachments/<sha256>` and returns that hash, by which records
    /// refer to it. Adding the same content twice stores it once.
    pub fn add_attachment(&mut self, bytes: impl Into<Vec<u8>>) -> String {
        let bytes = bytes.into();
        let sha = sha256_hex(&bytes);
        self.entries.entry(format!("{ATTACHMENTS_DIR}{sha}")).or_insert(bytes);
        sha
    }

    /// Forwards a subordinate's original bundle unchanged as `relayed/<file_name>`. The name
    /// must be a plain `.tdb` file name (`[A-Za-z0-9._-]`); the bytes must open as a bundle
    /// (its signature is for the final receiver to check with the subordinate's own key).
    pub fn add_relayed(&mut self, file_name: &str, bytes: impl Into<Vec<u8>>) -> Result<(), ExchangeError> {
        if !is_relayed_name(file_name) {
            return Err(ExchangeError::BundleInvalid(format!("relayed file name {file_name:?} must be a plain .tdb file name")));
        }
        let path = format!("{RELAYED_DIR}{file_name}");
        if self.entries.contains_key(&path) {
            return Err(ExchangeError::BundleInvalid(format!("{file_name} is relayed twice")));
        }
        let bytes = bytes.into();
        UnverifiedBundle::open(&bytes, &Limits::default())?;
        self.entries.insert(path, bytes);
        Ok(())
    }

    /// Signs and packs the bundle; the `.tdb` bytes.
    pub fn finish(self, key: &OfficeKeyPair) -> Result<Vec<u8>, ExchangeError> {
        Ok(self.build(key)?.bytes)
    }

    /// Signs and packs the bundle; the bytes with the manifest hash and the file name.
    pub fn build(self, key: &OfficeKeyPair) -> Result<BuiltBundle, ExchangeError> {
        let invalid = ExchangeError::BundleInvalid;
        let h = self.header;
        for (what, code) in [("source", &h.source_unit), ("destination", &h.destination_unit)] {
            if !is_unit_code(code) {
                return Err(invalid(format!("{what} unit code {code:?} must be 1 to 32 of A-Z, 0-9, -, _ and .")));
            }
        }
        check_chain(h.sequence, h.previous.as_deref()).map_err(invalid)?;
        check_limits(&self.entries)?;

        // Pack the files first: the manifest pins their packed bytes too.
        let packed = pack(&self.entries)?;
        let mut packed = ZipArchive::new(Cursor::new(packed.as_slice())).map_err(|e| zip_failed(&e))?;
        let mut files = Vec::with_capacity(self.entries.len());
        for (i, (path, bytes)) in self.entries.iter().enumerate() {
            let mut raw = Vec::new();
            packed
                .by_index_raw(i)
                .and_then(|mut f| {
                    if f.name() != path {
                        return Err(zip::result::ZipError::InvalidArchive("entries out of order".into()));
                    }
                    Ok(f.read_to_end(&mut raw)?)
                })
                .map_err(|e| zip_failed(&e))?;
            files.push(FileEntry {
                path: path.clone(),
                size: bytes.len() as u64,
                sha256: sha256_hex(bytes),
                packed_sha256: sha256_hex(&raw),
            });
        }

        let manifest = Manifest {
            format: FORMAT.to_owned(),
            version: CURRENT_VERSION,
            source: Source { unit_code: h.source_unit, key_id: key.key_id().to_string() },
            destination: Destination { unit_code: h.destination_unit },
            sequence: h.sequence,
            previous: h.previous,
            created_at: h.created_at,
            ruleset: h.ruleset,
            periods: h.periods,
            files,
        };
        manifest.validate().map_err(invalid)?;
        let mut manifest_bytes = serde_json::to_vec_pretty(&manifest).map_err(|e| invalid(format!("the manifest: {e}")))?;
        manifest_bytes.push(b'\n');
        let manifest_sha256 = sha256_hex(&manifest_bytes);
        let file_name = bundle_file_name(&manifest.source.unit_code, &manifest.destination.unit_code, manifest.sequence);
        let signature = key.sign(&manifest_bytes, &manifest.trusted_comment(&manifest_sha256), &format!("{FORMAT} {file_name}"))?;
        if signature.len() as u64 > SIGNATURE_MAX_BYTES {
            return Err(invalid("the signature is unexpectedly long".into()));
        }

        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes) in [(MANIFEST_NAME, manifest_bytes.as_slice()), (SIGNATURE_NAME, signature.as_bytes())] {
            zip.start_file(name, options_for(name)).map_err(|e| zip_failed(&e))?;
            zip.write_all(bytes).map_err(|e| zip_failed(&e))?;
        }
        for i in 0..packed.len() {
            // The very bytes hashed above, with the canonical header values.
            let file = packed.by_index_raw(i).map_err(|e| zip_failed(&e))?;
            zip.raw_copy_file_touch(file, zip::DateTime::default(), Some(FILE_MODE)).map_err(|e| zip_failed(&e))?;
        }
        let bytes = zip.finish().map_err(|e| zip_failed(&e))?.into_inner();
        // What a receiver with the default limits would refuse (e.g. a file that compresses
        // better than the bomb ratio allows) is refused here, where the sender can act on it.
        UnverifiedBundle::open(&bytes, &Limits::default())?;
        Ok(BuiltBundle { bytes, manifest_sha256, file_name })
    }
}

fn zip_failed(e: &dyn std::fmt::Display) -> ExchangeError {
    ExchangeError::BundleInvalid(format!("the zip writer failed: {e}"))
}

/// The files (everything but the manifest and its signature) in a zip of their own, in path
/// order, compressed as the bundle has them. A file that deflates beyond the ratio a receiver
/// takes for a decompression bomb (very repetitive records) is stored instead.
fn pack(entries: &BTreeMap<String, Vec<u8>>) -> Result<Vec<u8>, ExchangeError> {
    let limits = Limits::default();
    let mut store = BTreeSet::new();
    loop {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        for (path, bytes) in entries {
            let options = if store.contains(path.as_str()) { options(CompressionMethod::Stored) } else { options_for(path) };
            zip.start_file(path.as_str(), options).map_err(|e| zip_failed(&e))?;
            zip.write_all(bytes).map_err(|e| zip_failed(&e))?;
        }
        let packed = zip.finish().map_err(|e| zip_failed(&e))?.into_inner();
        let mut archive = ZipArchive::new(Cursor::new(packed.as_slice())).map_err(|e| zip_failed(&e))?;
        let before = store.len();
        for i in 0..archive.len() {
            let f = archive.by_index_raw(i).map_err(|e| zip_failed(&e))?;
            if f.size() > limits.ratio_allowance(f.compressed_size()) {
                store.insert(f.name().to_owned());
            }
        }
        if store.len() == before {
            return Ok(packed);
        }
    }
}

/// Refuses to write what a receiver with the default limits would refuse to read.
fn check_limits(entries: &BTreeMap<String, Vec<u8>>) -> Result<(), ExchangeError> {
    let limits = Limits::default();
    let count = entries.len() as u64 + 2;
    if count > limits.max_files {
        return Err(ExchangeError::BundleTooManyFiles { count, limit: limits.max_files });
    }
    let mut total: u64 = 0;
    for (path, bytes) in entries {
        let size = bytes.len() as u64;
        if size > limits.max_entry_bytes {
            return Err(ExchangeError::BundleTooLarge { what: path.clone(), limit: limits.max_entry_bytes });
        }
        total = total.saturating_add(size);
    }
    if total > limits.max_total_bytes {
        return Err(ExchangeError::BundleTooLarge { what: "all files together".into(), limit: limits.max_total_bytes });
    }
    Ok(())
}
