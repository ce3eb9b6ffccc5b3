//! The audit trail: who did what and when, as a hash chain that shows an entry edited or deleted (issue 15).

use crate::auth::{Permission, Session};
use crate::error::Result;
use crate::office::Office;
use serde::Serialize;
use ts_rs::TS;

/// One entry as the audit screen and `thuocdo audit list` show it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AuditItem {
    #[ts(type = "number")]
    pub id: i64,
    /// RFC 3339, UTC.
    pub at: String,
    pub username: String,
    /// The kind of change, e.g. "users.add", "meetings.decide".
    pub action: String,
    pub detail: String,
}

/// What `thuocdo audit verify` reports.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AuditVerification {
    #[ts(type = "number")]
    pub entries: i64,
    /// The hash of the newest entry, to compare with a copy kept elsewhere.
    pub head: Option<String>,
    /// True when every entry is in place and unchanged.
    pub intact: bool,
    /// Where the chain first breaks: the entry edited, or the ids around the entries missing.
    #[ts(type = "number | null")]
    pub edited_entry: Option<i64>,
    #[ts(type = "[number, number] | null")]
    pub missing_between: Option<(i64, i64)>,
}

/// Which entries to list.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub username: Option<String>,
    /// An action ("users.add") or a family of them ("users").
    pub action: Option<String>,
    pub limit: Option<i64>,
}

const DEFAULT_LIMIT: i64 = 200;
const MAX_LIMIT: i64 = 100_000;

impl Office {
    /// The newest entries of the audit trail, newest first. Administrators only: it names who did what.
    pub fn audit_trail(&self, session: &Session, limit: i64) -> Result<Vec<AuditItem>> {
        self.audit_entries(session, &AuditFilter { limit: Some(limit), ..Default::default() })
    }

    pub fn audit_entries(&self, session: &Session, filter: &AuditFilter) -> Result<Vec<AuditItem>> {
        session.require(Permission::ManageUsers)?;
        let limit = filter.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
        let username = filter.username.as_deref().map(|u| u.trim().to_ascii_lowercase());
        let entries = self.store.read().audit_log(limit, username.as_deref(), filter.action.as_deref().map(str::trim))?;
        Ok(entries
            .into_iter()
            .map(|e| AuditItem { id: e.id, at: e.at, username: e.username, action: e.action, detail: e.detail })
            .collect())
    }

    /// Walks the whole chain.
    pub fn verify_audit(&self, session: &Session) -> Result<AuditVerification> {
        session.require(Permission::ManageUsers)?;
        let check = self.store.read().check_audit_chain()?;
        let (edited_entry, missing_between) = match check.first_break {
            None => (None, None),
            Some(store::ChainBreak::Edited { id }) | Some(store::ChainBreak::Unsealed { id }) => (Some(id), None),
            Some(store::ChainBreak::Missing { after, next }) => (None, Some((after, next))),
        };
        Ok(AuditVerification {
            entries: check.entries,
            head: check.head,
            intact: edited_entry.is_none() && missing_between.is_none(),
            edited_entry,
            missing_between,
        })
    }
}
