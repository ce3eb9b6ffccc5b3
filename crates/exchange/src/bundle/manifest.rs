//! `manifest.json`: what a bundle claims, signed.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::entry::{classify, EntryKind};
use super::{is_sha256_hex, is_unit_code, CURRENT_VERSION, FORMAT, OLDEST_READABLE_VERSION};
use crate::ExchangeError;

/// The manifest of a bundle. Fields serialise in declaration order, so the same manifest
/// always gives the same bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// [`CURRENT_VERSION`] when written by this program.
    pub version: u32,
    pub source: Source,
    pub destination: Destination,
    /// Monotonic per source → destination, starting at 1.
    pub sequence: u64,
    /// SHA-256 (lower-case hex) of the previous bundle's `manifest.json` in this source →
    /// destination chain; `None` exactly when `sequence` is 1.
    pub previous: Option<String>,
    pub created_at: DateTime<Utc>,
    pub ruleset: Option<RulesetRef>,
    pub periods: Vec<String>,
    /// Every entry except `manifest.json` and its signature, sorted by path.
    pub files: Vec<FileEntry>,
}

/// The sending office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub unit_code: String,
    /// The signing key's id as minisign prints it (16 upper-case hex digits, [`crate::KeyId`]).
    pub key_id: String,
}

/// The receiving office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Destination {
    pub unit_code: String,
}

/// The rule set the evaluations in the bundle were made under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesetRef {
    pub code: String,
    pub version: String,
}

/// One entry of the archive, as `sha256sum` would describe it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileEntry {
    pub path: String,
    pub size: u64,
    /// Lower-case hex SHA-256 of the entry's (uncompressed) content: what `sha256sum` prints
    /// for the unpacked file.
    pub sha256: String,
    /// Lower-case hex SHA-256 of the entry's bytes as packed in the zip (after compression; the
    /// same as `sha256` for a stored entry). Deflate lets some bits change without changing the
    /// content (the padding after the last block); this pins them too, so that no byte of a
    /// bundle can change unnoticed.
    pub packed_sha256: String,
}

impl Manifest {
    /// The trusted comment the signature over this manifest must carry.
    pub fn trusted_comment(&self, manifest_sha256: &str) -> String {
        super::trusted_comment(&self.source.unit_code, &self.destination.unit_code, self.sequence, manifest_sha256)
    }

    /// Checks every rule that the manifest alone can show (the manifest is the same in every version so far).
    pub(crate) fn validate(&self) -> Result<(), String> {
        if self.format != FORMAT {
            return Err(format!("format is {:?}, expected {FORMAT:?}", self.format));
        }
        if !(OLDEST_READABLE_VERSION..=CURRENT_VERSION).contains(&self.version) {
            return Err(format!("version {} is not one of {OLDEST_READABLE_VERSION} to {CURRENT_VERSION}", self.version));
        }
        if !is_unit_code(&self.source.unit_code) {
            return Err(format!("invalid source unit code {:?}", self.source.unit_code));
        }
        if !is_unit_code(&self.destination.unit_code) {
            return Err(format!("invalid destination unit code {:?}", self.destination.unit_code));
        }
        if !is_key_id(&self.source.key_id) {
            return Err(format!("invalid key id {:?}", self.source.key_id));
        }
        check_chain(self.sequence, self.previous.as_deref())?;
        if let Some(r) = &self.ruleset {
            if r.code.trim().is_empty() || r.version.trim().is_empty() {
                return Err("the rule set needs a code and a version".into());
            }
        }
        let mut seen = BTreeSet::new();
        for f in &self.files {
            match classify(&f.path) {
                Some(EntryKind::Payload(_) | EntryKind::Relayed(_)) => {}
                Some(EntryKind::Attachment(name)) if name == f.sha256 => {}
                Some(EntryKind::Attachment(_)) => return Err(format!("{} is not named by its SHA-256", f.path)),
                _ => return Err(format!("{:?} cannot be listed as a file", f.path)),
            }
            if !is_sha256_hex(&f.sha256) || !is_sha256_hex(&f.packed_sha256) {
                return Err(format!("invalid SHA-256 for {}", f.path));
            }
            if !seen.insert(f.path.as_str()) {
                return Err(format!("{} is listed twice", f.path));
            }
        }
        Ok(())
    }
}

/// Sequence 1 starts a chain (no previous); every later bundle names its predecessor.
pub(crate) fn check_chain(sequence: u64, previous: Option<&str>) -> Result<(), String> {
    match (sequence, previous) {
        (0, _) => Err("the sequence starts at 1".into()),
        (1, None) => Ok(()),
        (1, Some(_)) => Err("the first bundle of a chain has no previous bundle".into()),
        (_, None) => Err(format!("bundle {sequence} must name the hash of bundle {}", sequence - 1)),
        (_, Some(p)) if is_sha256_hex(p) => Ok(()),
        (_, Some(p)) => Err(format!("previous {p:?} is not a lower-case hex SHA-256")),
    }
}

fn is_key_id(s: &str) -> bool {
    s.len() == 16 && s.bytes().all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))
}

/// What `UnverifiedBundle::open` reads before the signature is checked: only the format,
/// version and the fields needed to find the key and describe the bundle. Lenient: unknown
/// fields are ignored, so that a newer version is reported as such.
#[derive(Debug, Deserialize)]
pub(crate) struct Probe {
    pub format: Option<String>,
    pub version: Option<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Head {
    pub source: HeadSource,
    pub destination: HeadDestination,
    pub sequence: u64,
}

#[derive(Debug, Deserialize)]
pub(crate) struct HeadSource {
    pub unit_code: String,
    pub key_id: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct HeadDestination {
    pub unit_code: String,
}

/// Reads the probe and then the head, refusing other formats and newer versions.
pub(crate) fn read_head(bytes: &[u8]) -> Result<(u32, Head), ExchangeError> {
    let probe: Probe =
        serde_json::from_slice(bytes).map_err(|e| ExchangeError::BundleNotABundle(format!("manifest.json is not a JSON object: {e}")))?;
    match probe.format.as_deref() {
        Some(FORMAT) => {}
        Some(other) => return Err(ExchangeError::BundleNotABundle(format!("format {other:?}"))),
        None => return Err(ExchangeError::BundleNotABundle("the manifest names no format".into())),
    }
    let version = match probe.version {
        Some(serde_json::Value::Number(n)) => n.as_u64().ok_or_else(|| ExchangeError::BundleBadManifest(format!("version {n}")))?,
        Some(other) => return Err(ExchangeError::BundleBadManifest(format!("version {other}"))),
        None => return Err(ExchangeError::BundleBadManifest("no version".into())),
    };
    if version > u64::from(CURRENT_VERSION) {
        return Err(ExchangeError::BundleNewerVersion { found: version, supported: CURRENT_VERSION });
    }
    let version = u32::try_from(version)
        .ok()
        .filter(|&v| v >= OLDEST_READABLE_VERSION)
        .ok_or_else(|| ExchangeError::BundleBadManifest(format!("version {version}")))?;
    crate::strict_json::from_slice(bytes).map_err(|e| ExchangeError::BundleBadManifest(e.to_string()))?;
    let head: Head = serde_json::from_slice(bytes).map_err(|e| ExchangeError::BundleBadManifest(e.to_string()))?;
    if !is_unit_code(&head.source.unit_code) || !is_unit_code(&head.destination.unit_code) {
        return Err(ExchangeError::BundleBadManifest("invalid unit code".into()));
    }
    Ok((version, head))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_rules() {
        let h = "0".repeat(64);
        assert!(check_chain(1, None).is_ok());
        assert!(check_chain(2, Some(&h)).is_ok());
        assert!(check_chain(0, None).is_err());
        assert!(check_chain(1, Some(&h)).is_err());
        assert!(check_chain(2, None).is_err());
        assert!(check_chain(2, Some(&h.to_uppercase().replace('0', "A"))).is_err());
    }

    #[test]
    fn probe_reports_newer_versions_and_other_formats() {
        let next = CURRENT_VERSION + 1;
        let newer = format!(r#"{{"format":"thuocdo-bundle","version":{next},"whatever":{{"new":true}}}}"#);
        assert_eq!(
            read_head(newer.as_bytes()).unwrap_err(),
            ExchangeError::BundleNewerVersion { found: u64::from(next), supported: CURRENT_VERSION }
        );
        for readable in OLDEST_READABLE_VERSION..=CURRENT_VERSION {
            let head = format!(
                r#"{{"format":"thuocdo-bundle","version":{readable},"source":{{"unit_code":"XA","key_id":"0000000000000000"}},"destination":{{"unit_code":"H"}},"sequence":1}}"#
            );
            assert_eq!(read_head(head.as_bytes()).map(|(v, _)| v), Ok(readable), "version {readable} is read");
        }
        let huge = br#"{"format":"thuocdo-bundle","version":99999999999999999999}"#;
        assert_eq!(read_head(huge).unwrap_err().code(), "exchange.bundle_bad_manifest");
        assert_eq!(read_head(br#"{"format":"other","version":1}"#).unwrap_err().code(), "exchange.bundle_not_a_bundle");
        assert_eq!(read_head(b"[1]").unwrap_err().code(), "exchange.bundle_not_a_bundle");
        assert_eq!(read_head(br#"{"format":"thuocdo-bundle","version":0}"#).unwrap_err().code(), "exchange.bundle_bad_manifest");
    }
}
