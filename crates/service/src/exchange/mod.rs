//! Exchange between offices (EXCHANGE.md): pinning another office's key, writing the signed bundle for the superior
//! or an office below, previewing and importing a bundle under every import rule, and the state of each chain.
//!
//! - `keys`: enrolment of a public key after its fingerprint was confirmed.
//! - `records`: which record kinds travel in which direction, how a row becomes a record and back, and how another
//!   office's ids of shared things (units, positions, people) map to this office's own.
//! - `export`: the next bundle of a chain, written atomically before the chain advances.
//! - `import`: verify, then apply in one transaction (or, for the preview, in one that is rolled back).
//! - `status`: the chains and their last outcome.
//! - `completeness`: per period, which offices below have sent, are missing or late, and what was refused.

mod approvals;
mod completeness;
mod export;
mod files;
mod import;
mod keys;
mod receipts;
mod records;
mod status;

use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

pub use approvals::{ApprovalInput, ApprovalItem};
pub(crate) use completeness::parse_period;
pub use completeness::{CompletenessLine, RefusedBundle, LATE_AFTER_DAYS};
pub use import::{ImportOptions, ImportProgress, ProgressSink};
pub use keys::{KeyRevocationItem, KeyRotation};
pub use receipts::{ReceiptFile, ReceiptItem};
pub use status::ChainLine;

/// Reads a bundle or key file the user named.
pub fn read_file(path: &std::path::Path) -> crate::Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        crate::ServiceError::File(if e.kind() == std::io::ErrorKind::NotFound {
            tabular::TabularError::NotFound(path.to_path_buf())
        } else {
            tabular::TabularError::Io(format!("{}: {e}", path.display()))
        })
    })
}

/// A key pinned for another office.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct EnrolledKeyItem {
    pub unit_code: String,
    pub key_id: String,
    pub fingerprint: String,
    pub enrolled_at: chrono::DateTime<chrono::Utc>,
    pub enrolled_by: String,
    /// False when this exact key was enrolled already (enrolling again changes nothing).
    pub newly_enrolled: bool,
}

/// What `export_bundle` wrote.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ExportReceipt {
    /// The file written (the conventional name inside the folder when a folder was given).
    pub path: String,
    pub file_name: String,
    /// "up" to the superior, "down" to an office below.
    pub direction: String,
    pub source_unit: String,
    pub destination_unit: String,
    #[ts(type = "number")]
    pub sequence: u64,
    pub manifest_sha256: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// Records per kind.
    #[ts(type = "Record<string, number>")]
    pub counts: BTreeMap<String, usize>,
    pub attachments: usize,
    /// The file names of the originals from offices below forwarded unchanged inside this bundle (relay).
    pub relayed: Vec<String>,
}

/// Per record kind, what an import does (or would do).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct KindCounts {
    pub kind: String,
    /// Records this office did not have.
    pub new: usize,
    /// Newer revisions of records it had.
    pub changed: usize,
    /// The same revision and content as here.
    pub unchanged: usize,
    /// Older revisions than here: ignored.
    pub older: usize,
    /// The same revision with other content, or a record the database refuses: reported, not written.
    pub conflicting: usize,
    /// Shared things this office already had under its own id (a unit by code, a position by code or name, a
    /// person by name and birth date): mapped to its own record, not written.
    pub matched: usize,
}

/// One record not written, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RecordIssue {
    pub kind: String,
    pub id: String,
    pub reason: String,
}

/// The preview of an import (nothing written) or its receipt (everything written in one transaction).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BundleReport {
    pub file_name: String,
    pub source_unit: String,
    pub destination_unit: String,
    #[ts(type = "number")]
    pub sequence: u64,
    pub manifest_sha256: String,
    /// "next" (imported, or would be) or "already_imported" (the last accepted bundle again: nothing to do).
    pub verdict: String,
    /// False for a preview.
    pub applied: bool,
    pub kinds: Vec<KindCounts>,
    /// The first conflicts (at most 100), with the reason of each.
    pub conflicts: Vec<RecordIssue>,
    pub conflict_count: usize,
    pub attachments: usize,
    /// The originals of offices below that the sender relayed inside this bundle, each verified with its own
    /// source's key and imported (or previewed) in the same transaction, in the order applied.
    pub relayed: Vec<BundleReport>,
    /// Receipts for this office's own bundles that came back inside this one (newly recorded).
    pub receipts: usize,
    /// Key revocations decided above and newly recorded.
    pub revocations: usize,
    /// The sender's new key id, pinned in place of its old one (a rotation it announced).
    pub key_announced: Option<String>,
}

/// A preview: what importing the bundle would do.
pub type ImportPreview = BundleReport;
/// A receipt: what importing the bundle did.
pub type ImportReceipt = BundleReport;

/// The unit tree as parent links, to ask whether a unit lies below another.
#[derive(Debug, Clone, Default)]
pub(crate) struct UnitTree {
    parent: std::collections::HashMap<uuid::Uuid, Option<uuid::Uuid>>,
}

impl UnitTree {
    pub(crate) fn read(read: store::Reader<'_>) -> crate::Result<UnitTree> {
        Ok(UnitTree { parent: read.units()?.into_iter().map(|u| (u.id, u.parent_id)).collect() })
    }

    pub(crate) fn add(&mut self, id: uuid::Uuid, parent: Option<uuid::Uuid>) {
        self.parent.insert(id, parent);
    }

    pub(crate) fn contains(&self, id: uuid::Uuid) -> bool {
        self.parent.contains_key(&id)
    }

    /// True when `id` is `root` or lies below it.
    pub(crate) fn within(&self, id: uuid::Uuid, root: uuid::Uuid) -> bool {
        let mut current = Some(id);
        // A tree is at most as deep as it has units; the bound also ends a (damaged) cycle.
        for _ in 0..=self.parent.len() {
            match current {
                Some(unit) if unit == root => return true,
                Some(unit) => current = self.parent.get(&unit).copied().flatten(),
                None => return false,
            }
        }
        false
    }
}
