//! Receipts (EXCHANGE.md import rule 7): the receiver's signed acknowledgement of a bundle, which goes back to the
//! sender as a `.tdr` file and again inside the receiver's next bundle down.
//!
//! An import that accepts a bundle records what the receipt says in the same transaction (so a receipt exists exactly
//! for the bundles accepted); the receipt file is signed when someone asks for it, with the office key that the
//! administrator's password unlocks. The sender checks a receipt with the key it pinned for the receiver and records
//! it against the bundle it sent (same sequence and manifest hash), once.

use super::BundleReport;
use crate::auth::{Permission, Session};
use crate::error::{Result, ServiceError};
use crate::office::Office;
use chrono::{DateTime, Utc};
use exchange::receipt::{receipt_file_name, sign_receipt, BundleRef, Receipt, Receiver, RECEIPT_FORMAT, RECEIPT_VERSION};
use exchange::{ExchangeError, PublicKey, UnverifiedReceipt};
use serde::Serialize;
use std::path::Path;
use store::{ReceiptKey, ReceivedReceipt, Writer};
use ts_rs::TS;

/// A receipt as the sender sees it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ReceiptItem {
    pub source_unit: String,
    pub destination_unit: String,
    #[ts(type = "number")]
    pub sequence: u64,
    pub manifest_sha256: String,
    /// "accepted" or "already_imported".
    pub outcome: String,
    pub received_at: DateTime<Utc>,
    /// Records the receiver wrote (new and changed), and those it reported as conflicts.
    #[ts(type = "number")]
    pub written: u64,
    #[ts(type = "number")]
    pub conflicts: u64,
    /// "file" or "bundle": how it reached this office.
    pub via: String,
    /// False when this receipt had been recorded before (importing it again changes nothing).
    pub newly_recorded: bool,
}

/// A receipt file written.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ReceiptFile {
    pub path: String,
    pub file_name: String,
}

/// The receipt's JSON for an import report: what this office (`receiver`, key `key_id`) did with the bundle.
pub(crate) fn receipt_for(report: &BundleReport, receiver: &str, key_id: &str, at: DateTime<Utc>) -> Receipt {
    let bundle = |r: &BundleReport| BundleRef {
        source_unit: r.source_unit.clone(),
        destination_unit: r.destination_unit.clone(),
        sequence: r.sequence,
        manifest_sha256: r.manifest_sha256.clone(),
    };
    Receipt {
        format: RECEIPT_FORMAT.into(),
        version: RECEIPT_VERSION,
        bundle: bundle(report),
        receiver: Receiver { unit_code: receiver.into(), key_id: key_id.into() },
        received_at: at,
        outcome: if report.verdict == "next" { "accepted" } else { "already_imported" }.into(),
        kinds: serde_json::to_value(&report.kinds).unwrap_or_default(),
        conflict_count: report.conflict_count as u64,
        conflicts: serde_json::to_value(&report.conflicts).unwrap_or_default(),
        relayed: report.relayed.iter().map(bundle).collect(),
    }
}

/// Records the receipt of an accepted bundle, in the import's transaction.
pub(crate) fn issue(w: &Writer<'_>, receipt: &Receipt) -> Result<()> {
    let json = serde_json::to_string(receipt).map_err(|e| ServiceError::Internal(format!("receipt: {e}")))?;
    w.issue_receipt(&key_of(&receipt.bundle), &json, receipt.received_at)?;
    Ok(())
}

fn key_of(bundle: &BundleRef) -> ReceiptKey {
    ReceiptKey {
        source_unit: bundle.source_unit.clone(),
        destination_unit: bundle.destination_unit.clone(),
        sequence: bundle.sequence,
        manifest_sha256: bundle.manifest_sha256.clone(),
    }
}

fn written_by(receipt: &Receipt) -> u64 {
    let kinds = receipt.kinds.as_array().cloned().unwrap_or_default();
    let field = |k: &serde_json::Value, f: &str| k.get(f).and_then(serde_json::Value::as_u64).unwrap_or(0);
    kinds.iter().map(|k| field(k, "new") + field(k, "changed")).sum()
}

/// Records, at the sender, a receipt whose signature was checked (a file) or that came inside a signed bundle from
/// the receiver. It must acknowledge a bundle this office sent to that receiver, with the same manifest.
pub(crate) fn record(
    w: &Writer<'_>,
    own_code: &str,
    receipt: &Receipt,
    json: String,
    via: &str,
    now: DateTime<Utc>,
) -> Result<ReceiptItem> {
    let b = &receipt.bundle;
    let unknown = || ExchangeError::ReceiptUnknownBundle {
        source_unit: b.source_unit.clone(),
        destination_unit: b.destination_unit.clone(),
        sequence: b.sequence,
    };
    if b.source_unit != own_code || receipt.receiver.unit_code != b.destination_unit {
        return Err(unknown().into());
    }
    if w.read().sent_bundle_manifest(own_code, &b.destination_unit, b.sequence)?.as_deref() != Some(b.manifest_sha256.as_str()) {
        return Err(unknown().into());
    }
    let newly_recorded = w.record_received_receipt(&ReceivedReceipt {
        bundle: key_of(b),
        receipt: json,
        received_at: receipt.received_at,
        recorded_at: now,
        via: via.into(),
    })?;
    Ok(ReceiptItem {
        source_unit: b.source_unit.clone(),
        destination_unit: b.destination_unit.clone(),
        sequence: b.sequence,
        manifest_sha256: b.manifest_sha256.clone(),
        outcome: receipt.outcome.clone(),
        received_at: receipt.received_at,
        written: written_by(receipt),
        conflicts: receipt.conflict_count,
        via: via.into(),
        newly_recorded,
    })
}

impl Office {
    /// Writes the signed receipt for bundle `sequence` that `source_unit` sent to this office, to `out` (a file, or
    /// a folder for the conventional name), signed with the office key that `password` unlocks. Only bundles this
    /// office accepted have a receipt. Administrators only.
    pub fn write_receipt(&self, session: &Session, source_unit: &str, sequence: u64, password: &str, out: &Path) -> Result<ReceiptFile> {
        session.require(Permission::Exchange)?;
        let key = self.unlock_signing_key(session, password)?;
        self.ensure_own_key_usable()?;
        let own = self.own_unit_code()?;
        let source = domain::org::normalize_unit_code(source_unit).map_err(ServiceError::BadUnitCode)?;
        let json = self
            .store
            .read()
            .issued_receipt(&source, &own, sequence)?
            .ok_or_else(|| ServiceError::NoReceipt { source_unit: source.clone(), sequence })?;
        let mut receipt: Receipt = serde_json::from_str(&json).map_err(|e| ServiceError::Internal(format!("stored receipt: {e}")))?;
        // Signed with the key the office has now (it may have changed since the import).
        receipt.receiver.key_id = key.key_id().to_string();
        let signed = sign_receipt(&receipt, &key)?;
        let path = super::export::target_path(out, &signed.file_name)?;
        tabular::replace_file(&path, &signed.bytes)
            .map_err(|e| ServiceError::CannotWrite { path: path.display().to_string(), reason: e.to_string() })?;
        Ok(ReceiptFile { path: path.display().to_string(), file_name: receipt_file_name(&receipt.bundle) })
    }

    /// Imports a receipt file for a bundle this office sent: checked with the key pinned for the receiving office,
    /// recorded once (the same receipt again changes nothing). Administrators only.
    pub fn import_receipt(&mut self, session: &Session, bytes: &[u8]) -> Result<ReceiptItem> {
        session.require(Permission::Exchange)?;
        let own = self.own_unit_code()?;
        let unverified = UnverifiedReceipt::open(bytes)?;
        let receiver = unverified.claimed().receiver.unit_code.clone();
        let pinned =
            self.store.read().enrolled_key(&receiver)?.ok_or_else(|| ExchangeError::BundleUnknownSource { unit: receiver.clone() })?;
        let receipt = unverified.verify(&PublicKey::from_minisign_file(&pinned.public_key)?)?;
        let json = serde_json::to_string(&receipt).map_err(|e| ServiceError::Internal(format!("receipt: {e}")))?;
        let now = Utc::now();
        self.store.write(|w| {
            let item = record(w, &own, &receipt, json.clone(), "file", now)?;
            if item.newly_recorded {
                w.audit(&session.username, "receipt.import", &format!("{} #{} ← {}", item.destination_unit, item.sequence, receiver))?;
            }
            Ok(item)
        })
    }

    /// The receipts received for bundles this office sent.
    pub fn received_receipts(&self, session: &Session) -> Result<Vec<ReceiptItem>> {
        session.require(Permission::Read)?;
        let mut items = Vec::new();
        for stored in self.store.read().received_receipts()? {
            let receipt: Receipt =
                serde_json::from_str(&stored.receipt).map_err(|e| ServiceError::Internal(format!("stored receipt: {e}")))?;
            items.push(ReceiptItem {
                source_unit: stored.bundle.source_unit,
                destination_unit: stored.bundle.destination_unit,
                sequence: stored.bundle.sequence,
                manifest_sha256: stored.bundle.manifest_sha256,
                outcome: receipt.outcome.clone(),
                received_at: stored.received_at,
                written: written_by(&receipt),
                conflicts: receipt.conflict_count,
                via: stored.via,
                newly_recorded: false,
            });
        }
        Ok(items)
    }
}
