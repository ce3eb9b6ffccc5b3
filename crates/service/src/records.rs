//! Provenance for records this office writes.

use chrono::{DateTime, Utc};
use store::Meta;
use uuid::Uuid;

/// Who writes (the office's unit, owner of what it creates) and when; one per use case call.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Stamp {
    pub owner: Uuid,
    pub now: DateTime<Utc>,
}

impl Stamp {
    /// A new record's provenance; UUID v7 keeps ids in creation order, which keeps SQLite's indexes compact.
    pub fn meta(&self, revision: i64) -> Meta {
        self.meta_with_id(Uuid::now_v7(), revision)
    }
}
