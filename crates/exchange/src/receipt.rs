//! The receiver's signed acknowledgement of a bundle (EXCHANGE.md import rule 7): the `.tdr` file.
//!
//! A receipt is a zip of two stored entries:
//!
//! - `receipt.json`: the [`Receipt`] — which bundle (source, destination, sequence, manifest SHA-256), which office
//!   received it with which key, when, the outcome and what the import did per record kind;
//! - `receipt.json.minisig`: a minisign signature over it by the receiving office, whose trusted comment is
//!   `thuocdo-receipt source=<code> destination=<code> sequence=<n> manifest-sha256=<hex> receipt-sha256=<hex>`, so
//!   `minisign -V -p superior.pub -m receipt.json` checks it with the stock tool.
//!
//! The sender imports it to learn, with proof, that its bundle arrived; the same acknowledgement also travels back
//! inside the receiver's next bundle downward. A receipt is small: the reader refuses any file above
//! [`MAX_RECEIPT_BYTES`] before unpacking, any entry other than the two, and anything but stored entries.

use std::io::{Cursor, Read as _, Write as _};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::bundle::sha256_hex;
use crate::{ExchangeError, OfficeKeyPair, PublicKey};

/// The `format` field of every receipt.
pub const RECEIPT_FORMAT: &str = "thuocdo-receipt";
/// The receipt version this program writes and the highest it reads.
pub const RECEIPT_VERSION: u32 = 1;
/// Name of the receipt entry.
pub const RECEIPT_NAME: &str = "receipt.json";
/// Name of the receipt's signature entry.
pub const RECEIPT_SIGNATURE_NAME: &str = "receipt.json.minisig";
/// The extension of receipt files.
pub const RECEIPT_EXTENSION: &str = "tdr";
/// A receipt file larger than this is refused unread (a receipt lists at most a hundred conflicts).
pub const MAX_RECEIPT_BYTES: u64 = 1024 * 1024;

/// The bundle a receipt acknowledges, as its signed manifest names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleRef {
    pub source_unit: String,
    pub destination_unit: String,
    pub sequence: u64,
    pub manifest_sha256: String,
}

/// The office that received the bundle, and the key id its receipt is signed with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Receiver {
    pub unit_code: String,
    pub key_id: String,
}

/// The receiver's acknowledgement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Receipt {
    pub format: String,
    pub version: u32,
    pub bundle: BundleRef,
    pub receiver: Receiver,
    pub received_at: DateTime<Utc>,
    /// "accepted" (applied) or "already_imported" (the same bundle had been applied before).
    pub outcome: String,
    /// What the import did, per record kind (new, changed, unchanged, older, conflicting, matched): the receiver's
    /// own report, carried as it is.
    pub kinds: serde_json::Value,
    pub conflict_count: u64,
    /// The first conflicts with their reasons.
    pub conflicts: serde_json::Value,
    /// The originals from offices below that were relayed inside the bundle and applied with it.
    pub relayed: Vec<BundleRef>,
}

impl Receipt {
    /// The trusted comment that binds the signature to this receipt and to the bundle it acknowledges.
    pub fn trusted_comment(&self, receipt_sha256: &str) -> String {
        let b = &self.bundle;
        format!(
            "{RECEIPT_FORMAT} source={} destination={} sequence={} manifest-sha256={} receipt-sha256={receipt_sha256}",
            b.source_unit, b.destination_unit, b.sequence, b.manifest_sha256
        )
    }
}

/// The conventional file name of the receipt for bundle `<from>-<to>-<seq>`: `<from>-<to>-<seq>.bien-nhan.tdr`.
pub fn receipt_file_name(bundle: &BundleRef) -> String {
    format!("{}-{}-{:06}.bien-nhan.{RECEIPT_EXTENSION}", bundle.source_unit, bundle.destination_unit, bundle.sequence)
}

/// A signed receipt file.
#[derive(Debug, Clone)]
pub struct SignedReceipt {
    pub bytes: Vec<u8>,
    pub file_name: String,
    pub receipt_sha256: String,
}

fn stored() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644)
        .large_file(false)
}

fn invalid(why: impl Into<String>) -> ExchangeError {
    ExchangeError::ReceiptInvalid(why.into())
}

/// Signs `receipt` with the receiving office's key and packs it.
pub fn sign_receipt(receipt: &Receipt, key: &OfficeKeyPair) -> Result<SignedReceipt, ExchangeError> {
    if receipt.receiver.key_id != key.key_id().to_string() {
        return Err(invalid("the receipt names another key than the one signing it"));
    }
    let mut json = serde_json::to_vec_pretty(receipt).map_err(|e| invalid(e.to_string()))?;
    json.push(b'\n');
    let receipt_sha256 = sha256_hex(&json);
    let file_name = receipt_file_name(&receipt.bundle);
    let signature = key.sign(&json, &receipt.trusted_comment(&receipt_sha256), &format!("{RECEIPT_FORMAT} {file_name}"))?;
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in [(RECEIPT_NAME, json.as_slice()), (RECEIPT_SIGNATURE_NAME, signature.as_bytes())] {
        zip.start_file(name, stored()).map_err(|e| invalid(e.to_string()))?;
        zip.write_all(bytes).map_err(|e| invalid(e.to_string()))?;
    }
    let bytes = zip.finish().map_err(|e| invalid(e.to_string()))?.into_inner();
    if bytes.len() as u64 > MAX_RECEIPT_BYTES {
        return Err(invalid("the receipt is unexpectedly large"));
    }
    Ok(SignedReceipt { bytes, file_name, receipt_sha256 })
}

/// A receipt file unpacked, its claims read but its signature not yet checked.
#[derive(Debug, Clone)]
pub struct UnverifiedReceipt {
    receipt: Receipt,
    json: Vec<u8>,
    signature: String,
}

impl UnverifiedReceipt {
    /// Unpacks a receipt file: at most [`MAX_RECEIPT_BYTES`], exactly the two stored entries, a receipt of a known
    /// format and version.
    pub fn open(bytes: &[u8]) -> Result<UnverifiedReceipt, ExchangeError> {
        if bytes.len() as u64 > MAX_RECEIPT_BYTES {
            return Err(invalid(format!("the file is larger than {MAX_RECEIPT_BYTES} bytes")));
        }
        let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| invalid(format!("not a readable zip archive: {e}")))?;
        if archive.len() != 2 {
            return Err(invalid(format!("{} entries instead of {RECEIPT_NAME} and its signature", archive.len())));
        }
        let mut read = |name: &str| -> Result<Vec<u8>, ExchangeError> {
            let mut file = archive.by_name(name).map_err(|_| invalid(format!("{name} is missing")))?;
            if file.compression() != CompressionMethod::Stored || file.encrypted() || !file.is_file() {
                return Err(invalid(format!("{name} is not a plain stored file")));
            }
            let mut content = Vec::new();
            file.by_ref().take(MAX_RECEIPT_BYTES).read_to_end(&mut content).map_err(|e| invalid(format!("{name}: {e}")))?;
            Ok(content)
        };
        let json = read(RECEIPT_NAME)?;
        let signature = String::from_utf8(read(RECEIPT_SIGNATURE_NAME)?).map_err(|_| invalid("the signature is not text"))?;
        let head: serde_json::Value = crate::strict_json::from_slice(&json).map_err(|e| invalid(format!("{RECEIPT_NAME}: {e}")))?;
        if head.get("format").and_then(serde_json::Value::as_str) != Some(RECEIPT_FORMAT) {
            return Err(invalid(format!("{RECEIPT_NAME} is not a {RECEIPT_FORMAT}")));
        }
        match head.get("version").and_then(serde_json::Value::as_u64) {
            Some(v) if v > u64::from(RECEIPT_VERSION) => {
                return Err(ExchangeError::BundleNewerVersion { found: v, supported: RECEIPT_VERSION })
            }
            Some(_) => {}
            None => return Err(invalid("the version is missing")),
        }
        let receipt: Receipt = serde_json::from_value(head).map_err(|e| invalid(format!("{RECEIPT_NAME}: {e}")))?;
        Ok(UnverifiedReceipt { receipt, json, signature })
    }

    /// What the receipt claims, to choose the key to check it with. Not to be trusted before `verify`.
    pub fn claimed(&self) -> &Receipt {
        &self.receipt
    }

    /// Checks the signature with the receiving office's pinned key, and that the signed comment describes this very
    /// receipt.
    pub fn verify(self, key: &PublicKey) -> Result<Receipt, ExchangeError> {
        let comment = key.verify(&self.json, &self.signature).map_err(|e| match e {
            ExchangeError::KeyIdMismatch { expected, found } => {
                ExchangeError::BundleWrongKey { expected: expected.to_string(), found: found.to_string() }
            }
            ExchangeError::BadSignature | ExchangeError::MalformedSignature(_) => ExchangeError::ReceiptBadSignature,
            other => other,
        })?;
        if comment != self.receipt.trusted_comment(&sha256_hex(&self.json)) || self.receipt.receiver.key_id != key.key_id.to_string() {
            return Err(ExchangeError::ReceiptBadSignature);
        }
        Ok(self.receipt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(key: &OfficeKeyPair) -> Receipt {
        Receipt {
            format: RECEIPT_FORMAT.into(),
            version: RECEIPT_VERSION,
            bundle: BundleRef { source_unit: "XA-A".into(), destination_unit: "SL".into(), sequence: 3, manifest_sha256: "ab".repeat(32) },
            receiver: Receiver { unit_code: "SL".into(), key_id: key.key_id().to_string() },
            received_at: "2026-11-21T08:00:00Z".parse().unwrap(),
            outcome: "accepted".into(),
            kinds: serde_json::json!([{"kind": "targets", "new": 3}]),
            conflict_count: 0,
            conflicts: serde_json::json!([]),
            relayed: Vec::new(),
        }
    }

    #[test]
    fn a_signed_receipt_verifies_and_reads_back() {
        let key = OfficeKeyPair::generate();
        let signed = sign_receipt(&sample(&key), &key).unwrap();
        assert_eq!(signed.file_name, "XA-A-SL-000003.bien-nhan.tdr");
        let read = UnverifiedReceipt::open(&signed.bytes).unwrap().verify(&key.public_key()).unwrap();
        assert_eq!(read, sample(&key));
    }

    #[test]
    fn another_key_or_any_changed_byte_is_refused() {
        let key = OfficeKeyPair::generate();
        let signed = sign_receipt(&sample(&key), &key).unwrap();
        let other = OfficeKeyPair::generate();
        assert_eq!(
            UnverifiedReceipt::open(&signed.bytes).unwrap().verify(&other.public_key()).unwrap_err().code(),
            "exchange.bundle_wrong_key"
        );
        for i in 0..signed.bytes.len() {
            let mut bytes = signed.bytes.clone();
            bytes[i] ^= 0x01;
            // Bytes of zip headers the reader does not use may change; what it reads may not, unnoticed.
            if let Ok(read) = UnverifiedReceipt::open(&bytes).and_then(|r| r.verify(&key.public_key())) {
                assert_eq!(read, sample(&key), "byte {i}");
            }
        }
        for cut in [0, 10, signed.bytes.len() / 2, signed.bytes.len() - 1] {
            assert!(UnverifiedReceipt::open(&signed.bytes[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn a_bundle_or_anything_else_is_not_a_receipt() {
        let key = OfficeKeyPair::generate();
        let bundle = crate::BundleBuilder::new(crate::BundleHeader {
            source_unit: "XA-A".into(),
            destination_unit: "SL".into(),
            sequence: 1,
            previous: None,
            created_at: Utc::now(),
            ruleset: None,
            periods: Vec::new(),
        })
        .finish(&key)
        .unwrap();
        assert_eq!(UnverifiedReceipt::open(&bundle).unwrap_err().code(), "exchange.receipt_invalid");
        assert_eq!(UnverifiedReceipt::open(b"not a zip").unwrap_err().code(), "exchange.receipt_invalid");
        assert_eq!(UnverifiedReceipt::open(&vec![0u8; 2 * MAX_RECEIPT_BYTES as usize]).unwrap_err().code(), "exchange.receipt_invalid");
    }
}
