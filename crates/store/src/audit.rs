//! The audit log as a hash chain: every entry's hash covers the hash of the entry before it and its own fields, and
//! ids are consecutive, so an entry edited or deleted from the middle of the log is found by `verify`.
//!
//! The chain is unkeyed: someone with the database key and the skill could rewrite every hash after an edit. What
//! makes that visible is a copy of the head held elsewhere (a backup, the superior's copy of a bundle).

use crate::convert::time_text;
use crate::error::Result;
use crate::{Reader, Writer};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// One entry of the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub username: String,
    pub action: String,
    pub detail: String,
    pub hash: Option<String>,
}

/// Where the chain breaks, if it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ChainBreak {
    /// The entry's content no longer gives its hash (it, or its hash, was edited).
    Edited { id: i64 },
    /// Entries between these two ids are missing.
    Missing { after: i64, next: i64 },
    /// The entry has no hash although the chain had started.
    Unsealed { id: i64 },
}

/// The result of checking the whole log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainCheck {
    pub entries: i64,
    /// The hash of the last entry: the head a copy elsewhere can be compared with.
    pub head: Option<String>,
    pub first_break: Option<ChainBreak>,
}

/// The hash of an entry given the hash of the one before it ("" for the first).
pub fn entry_hash(previous: &str, id: i64, at: &str, username: &str, action: &str, detail: &str) -> String {
    let mut hasher = Sha256::new();
    for part in [previous, &id.to_string(), at, username, action, detail] {
        // Each part with its length, so no two different entries hash alike by moving a boundary.
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn last_link(conn: &Connection) -> Result<(i64, String)> {
    Ok(conn
        .query_row("SELECT id, COALESCE(hash, '') FROM audit_log ORDER BY id DESC LIMIT 1", [], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?
        .unwrap_or((0, String::new())))
}

/// Seals the entries written before the chain existed, in id order (run once, by the migration that adds it).
pub(crate) fn seal_unsealed(conn: &Connection) -> Result<()> {
    let rows: Vec<(i64, String, String, String, String)> = {
        let mut stmt = conn.prepare("SELECT id, at, username, action, detail FROM audit_log ORDER BY id")?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?)))?;
        rows.collect::<std::result::Result<_, _>>()?
    };
    // Renumbered 1, 2, 3… so that a missing id means a deleted entry from now on.
    conn.execute("UPDATE audit_log SET id = -id", [])?;
    let mut previous = String::new();
    for (index, (old_id, at, username, action, detail)) in rows.into_iter().enumerate() {
        let id = index as i64 + 1;
        let hash = entry_hash(&previous, id, &at, &username, &action, &detail);
        conn.execute("UPDATE audit_log SET id = ?1, hash = ?2 WHERE id = ?3", params![id, hash, -old_id])?;
        previous = hash;
    }
    Ok(())
}

impl Writer<'_> {
    /// Appends an entry to the chain, inside the caller's transaction (so two writers cannot fork it).
    pub fn audit(&self, username: &str, action: &str, detail: &str) -> Result<()> {
        self.audit_at(Utc::now(), username, action, detail)
    }

    pub(crate) fn audit_at(&self, at: DateTime<Utc>, username: &str, action: &str, detail: &str) -> Result<()> {
        let (last_id, previous) = last_link(self.conn())?;
        let (id, at) = (last_id + 1, time_text(at));
        let hash = entry_hash(&previous, id, &at, username, action, detail);
        self.conn().execute(
            "INSERT INTO audit_log (id, at, username, action, detail, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, at, username, action, detail, hash],
        )?;
        Ok(())
    }
}

impl Reader<'_> {
    /// The newest `limit` entries, newest first, optionally only of one user or action.
    pub fn audit_log(&self, limit: i64, username: Option<&str>, action: Option<&str>) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, at, username, action, detail, hash FROM audit_log
             WHERE (?2 IS NULL OR username = ?2) AND (?3 IS NULL OR action = ?3 OR action LIKE ?3 || '.%')
             ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map(params![limit, username, action], entry)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Walks the whole chain and says where it first breaks.
    pub fn check_audit_chain(&self) -> Result<ChainCheck> {
        let mut stmt = self.conn.prepare("SELECT id, at, username, action, detail, hash FROM audit_log ORDER BY id")?;
        let mut rows = stmt.query_map([], entry)?;
        let (mut previous, mut last_id, mut entries, mut first_break) = (String::new(), 0i64, 0i64, None);
        for row in &mut rows {
            let e = row?;
            entries += 1;
            if first_break.is_none() {
                first_break = if e.id != last_id + 1 {
                    Some(ChainBreak::Missing { after: last_id, next: e.id })
                } else {
                    match &e.hash {
                        None => Some(ChainBreak::Unsealed { id: e.id }),
                        Some(hash) if *hash != entry_hash(&previous, e.id, &e.at, &e.username, &e.action, &e.detail) => {
                            Some(ChainBreak::Edited { id: e.id })
                        }
                        Some(_) => None,
                    }
                };
            }
            previous = e.hash.clone().unwrap_or_default();
            last_id = e.id;
        }
        Ok(ChainCheck { entries, head: (entries > 0).then_some(previous), first_break })
    }
}

fn entry(row: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry { id: row.get(0)?, at: row.get(1)?, username: row.get(2)?, action: row.get(3)?, detail: row.get(4)?, hash: row.get(5)? })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_a_boundary_between_fields_changes_the_hash() {
        assert_ne!(entry_hash("", 1, "t", "ab", "c", "d"), entry_hash("", 1, "t", "a", "bc", "d"));
        assert_ne!(entry_hash("x", 1, "t", "a", "b", "c"), entry_hash("y", 1, "t", "a", "b", "c"));
    }
}

#[cfg(test)]
mod chain_tests {
    use crate::{ChainBreak, Store};

    fn office_with_log(entries: usize) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("office.db");
        let mut store = Store::open(&path).unwrap();
        for n in 0..entries {
            store.write(|w| w.audit("admin", "test.write", &format!("lần {n}"))).unwrap();
        }
        (dir, path)
    }

    fn raw(path: &std::path::Path, sql: &str) {
        rusqlite::Connection::open(path).unwrap().execute_batch(sql).unwrap();
    }

    fn check(path: &std::path::Path) -> crate::ChainCheck {
        Store::open(path).unwrap().read().check_audit_chain().unwrap()
    }

    #[test]
    fn an_intact_log_checks_and_any_edit_or_deletion_is_found() {
        let (_dir, path) = office_with_log(6);
        let intact = check(&path);
        assert_eq!((intact.entries, intact.first_break.clone()), (6, None));

        raw(&path, "UPDATE audit_log SET detail = 'đã sửa' WHERE id = 3");
        assert_eq!(check(&path).first_break, Some(ChainBreak::Edited { id: 3 }));

        let (_dir, path) = office_with_log(6);
        raw(&path, "UPDATE audit_log SET username = 'ai-đó', hash = NULL WHERE id = 2");
        assert_eq!(check(&path).first_break, Some(ChainBreak::Unsealed { id: 2 }));

        let (_dir, path) = office_with_log(6);
        raw(&path, "DELETE FROM audit_log WHERE id = 4");
        assert_eq!(check(&path).first_break, Some(ChainBreak::Missing { after: 3, next: 5 }));

        // Deleting the entry and renumbering those after it still breaks the chain: each hash covers its id and the
        // hash before it.
        let (_dir, path) = office_with_log(6);
        raw(&path, "DELETE FROM audit_log WHERE id = 4; UPDATE audit_log SET id = id - 1 WHERE id > 4");
        assert_eq!(check(&path).first_break, Some(ChainBreak::Edited { id: 4 }));

        // The head changes with every entry: a copy kept elsewhere shows a log cut short at its end.
        let (_dir, path) = office_with_log(6);
        let head = check(&path).head;
        raw(&path, "DELETE FROM audit_log WHERE id = 6");
        let cut = check(&path);
        assert_eq!(cut.first_break, None);
        assert_ne!(cut.head, head);
    }
}
