//! Verifying an opened bundle against the key pinned for its source, and reading it after.

use std::collections::BTreeMap;

use serde_json::Value;

use super::entry::{is_kind, ATTACHMENTS_DIR, PAYLOAD_DIR, PAYLOAD_EXT, RELAYED_DIR};
use super::manifest::Manifest;
use super::read::UnverifiedBundle;
use super::{sha256_hex, trusted_comment};
use crate::{ExchangeError, PublicKey};

/// A bundle whose signature and every file were checked against the manifest.
#[derive(Clone)]
pub struct VerifiedBundle {
    manifest: Manifest,
    manifest_bytes: Vec<u8>,
    manifest_sha256: String,
    entries: BTreeMap<String, Vec<u8>>,
}

impl UnverifiedBundle {
    /// EXCHANGE.md import rule 2: the minisign signature over `manifest.json` with `key` (the key
    /// pinned for the claimed source), the trusted comment describing exactly this manifest
    /// (source, destination, sequence, manifest hash), the manifest naming this key, then every
    /// listed file present with its size, its SHA-256 and the SHA-256 of its packed bytes, and
    /// nothing unlisted.
    ///
    /// Destination, sequence and record ownership are the receiver's to check (rules 3–5); see
    /// [`VerifiedBundle::check_destination`] and [`super::check_sequence`].
    pub fn verify(self, key: &PublicKey) -> Result<VerifiedBundle, ExchangeError> {
        let signature = std::str::from_utf8(&self.signature).map_err(|_| ExchangeError::BundleBadSignature)?;
        let comment = key.verify(&self.manifest_bytes, signature).map_err(|e| match e {
            ExchangeError::KeyIdMismatch { expected, found } => {
                ExchangeError::BundleWrongKey { expected: expected.to_string(), found: found.to_string() }
            }
            _ => ExchangeError::BundleBadSignature,
        })?;
        let c = &self.claimed;
        if comment != trusted_comment(&c.source_unit, &c.destination_unit, c.sequence, &self.manifest_sha256) {
            return Err(ExchangeError::BundleCommentMismatch);
        }

        let manifest = self.read_manifest()?;
        let key_id = key.key_id.to_string();
        if manifest.source.key_id != key_id {
            return Err(ExchangeError::BundleWrongKey { expected: key_id, found: manifest.source.key_id });
        }
        self.check_files(manifest)
    }

    /// The bundle accepted last from its source again, after the source's key changed (a rotation it announced in
    /// that very bundle): its manifest is byte for byte the one verified and accepted then (`accepted_manifest_sha256`),
    /// so the signature is not checked again with the key pinned now; every file is checked against it as always.
    pub fn verify_as_accepted(self, accepted_manifest_sha256: &str) -> Result<VerifiedBundle, ExchangeError> {
        if self.manifest_sha256 != accepted_manifest_sha256 {
            return Err(ExchangeError::BundleBadSignature);
        }
        let manifest = self.read_manifest()?;
        self.check_files(manifest)
    }

    fn read_manifest(&self) -> Result<Manifest, ExchangeError> {
        let manifest: Manifest =
            serde_json::from_slice(&self.manifest_bytes).map_err(|e| ExchangeError::BundleBadManifest(e.to_string()))?;
        manifest.validate().map_err(ExchangeError::BundleBadManifest)?;
        Ok(manifest)
    }

    /// Every listed file present with its size, SHA-256 and packed SHA-256, and nothing unlisted.
    fn check_files(self, manifest: Manifest) -> Result<VerifiedBundle, ExchangeError> {
        let listed: BTreeMap<&str, _> = manifest.files.iter().map(|f| (f.path.as_str(), f)).collect();
        if let Some(extra) = self.entries.keys().find(|path| !listed.contains_key(path.as_str())) {
            return Err(ExchangeError::BundleExtraFile { path: extra.clone() });
        }
        for file in &manifest.files {
            let data = self.entries.get(&file.path).ok_or_else(|| ExchangeError::BundleMissingFile { path: file.path.clone() })?;
            let packed = self.packed_sha256.get(&file.path);
            if data.len() as u64 != file.size || sha256_hex(data) != file.sha256 || packed != Some(&file.packed_sha256) {
                return Err(ExchangeError::BundleHashMismatch { path: file.path.clone() });
            }
        }
        Ok(VerifiedBundle { manifest, manifest_bytes: self.manifest_bytes, manifest_sha256: self.manifest_sha256, entries: self.entries })
    }
}

impl std::fmt::Debug for VerifiedBundle {
    /// The manifest, not megabytes of content.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerifiedBundle")
            .field("manifest", &self.manifest)
            .field("manifest_sha256", &self.manifest_sha256)
            .finish_non_exhaustive()
    }
}

impl VerifiedBundle {
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The bytes of `manifest.json`, exactly as signed.
    pub fn manifest_bytes(&self) -> &[u8] {
        &self.manifest_bytes
    }

    /// SHA-256 of `manifest.json` (lower-case hex): the bundle's identity in its chain.
    pub fn manifest_sha256(&self) -> &str {
        &self.manifest_sha256
    }

    /// EXCHANGE.md import rule 3: the bundle must be addressed to this office. Unit codes
    /// compare case-insensitively, as the domain treats them.
    pub fn check_destination(&self, own_unit_code: &str) -> Result<(), ExchangeError> {
        let found = &self.manifest.destination.unit_code;
        if found.eq_ignore_ascii_case(own_unit_code) {
            Ok(())
        } else {
            Err(ExchangeError::BundleWrongDestination { expected: own_unit_code.to_owned(), found: found.clone() })
        }
    }

    /// The record kinds present (`payload/<kind>.jsonl`), sorted.
    pub fn kinds(&self) -> Vec<&str> {
        self.entries.keys().filter_map(|path| path.strip_prefix(PAYLOAD_DIR)?.strip_suffix(PAYLOAD_EXT)).collect()
    }

    /// The records of one kind, each line parsed as one JSON value; empty if the bundle has none
    /// of this kind. A line that is not valid JSON is an error naming the file and the line.
    pub fn records(&self, kind: &str) -> Result<Vec<Value>, ExchangeError> {
        if !is_kind(kind) {
            return Err(ExchangeError::BundleInvalid(format!("record kind {kind:?} must be 1 to 64 of a-z, 0-9 and _")));
        }
        let path = format!("{PAYLOAD_DIR}{kind}{PAYLOAD_EXT}");
        let Some(data) = self.entries.get(&path) else {
            return Ok(Vec::new());
        };
        parse_lines(&path, data)
    }

    /// An attachment by its SHA-256 (lower-case hex).
    pub fn attachment(&self, sha256: &str) -> Option<&[u8]> {
        self.entries.get(&format!("{ATTACHMENTS_DIR}{sha256}")).map(Vec::as_slice)
    }

    /// The SHA-256 of every attachment, sorted.
    pub fn attachments(&self) -> Vec<&str> {
        self.entries.keys().filter_map(|path| path.strip_prefix(ATTACHMENTS_DIR)).collect()
    }

    /// The relayed bundles, by file name, sorted. Each is a complete `.tdb` to open and verify
    /// with its own source's key.
    pub fn relayed(&self) -> Vec<(&str, &[u8])> {
        self.entries.iter().filter_map(|(path, data)| Some((path.strip_prefix(RELAYED_DIR)?, data.as_slice()))).collect()
    }
}

fn parse_lines(path: &str, data: &[u8]) -> Result<Vec<Value>, ExchangeError> {
    let bad = |line: usize, reason: String| ExchangeError::BundleBadRecord { path: path.to_owned(), line: line as u64, reason };
    if data.is_empty() {
        return Ok(Vec::new());
    }
    let Some(body) = data.strip_suffix(b"\n") else {
        let line = data.iter().filter(|&&b| b == b'\n').count().saturating_add(1);
        return Err(bad(line, "the last line has no line break: the file is cut short".into()));
    };
    body.split(|&b| b == b'\n')
        .enumerate()
        .map(|(i, line)| crate::strict_json::from_slice(line).map_err(|e| bad(i.saturating_add(1), e.to_string())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines() {
        assert_eq!(parse_lines("p", b"").unwrap(), Vec::<Value>::new());
        assert_eq!(parse_lines("p", b"{\"a\":1}\n2\n").unwrap(), vec![serde_json::json!({"a": 1}), serde_json::json!(2)]);
        let err = parse_lines("payload/x.jsonl", b"1\n{oops\n3\n").unwrap_err();
        assert!(matches!(&err, ExchangeError::BundleBadRecord { path, line: 2, .. } if path == "payload/x.jsonl"), "{err:?}");
        assert!(matches!(parse_lines("p", b"1\n\n").unwrap_err(), ExchangeError::BundleBadRecord { line: 2, .. }));
        assert!(matches!(parse_lines("p", b"1\n2").unwrap_err(), ExchangeError::BundleBadRecord { line: 2, .. }));
        assert!(matches!(parse_lines("p", b"1 2\n").unwrap_err(), ExchangeError::BundleBadRecord { line: 1, .. }));
        assert!(matches!(parse_lines("p", b"\xff\n").unwrap_err(), ExchangeError::BundleBadRecord { line: 1, .. }));
        // A record naming a field twice is read one way or not at all.
        let twice = parse_lines("p", b"{\"a\":1}\n{\"revision\":1,\"revision\":9}\n").unwrap_err();
        assert!(matches!(&twice, ExchangeError::BundleBadRecord { line: 2, reason, .. } if reason.contains("appears twice")), "{twice:?}");
    }
}
