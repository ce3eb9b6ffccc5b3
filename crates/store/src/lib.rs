//! The office database: one SQLite file, schema and migrations, and every query. No other crate writes SQL.

mod audit;
mod backup;
mod catalogue;
mod cipher;
mod convert;
mod error;
mod evaluation;
mod exchange;
mod exchange_trust;
mod migrate;
mod office;
mod org;
mod people;
mod printing;
mod private;
mod rows;
mod rulesets;
mod work;

pub use audit::{entry_hash, AuditEntry, ChainBreak, ChainCheck};
pub use backup::{inspect_snapshot, restore_snapshot, snapshot_facts, BackupSettingsRecord, SnapshotFacts};
pub use catalogue::*;
pub use cipher::{file_kind, open_raw, DatabaseKey, FileKind};
pub use error::{Result, StoreError};
pub use evaluation::*;
pub use exchange::*;
pub use exchange_trust::*;
pub use migrate::SCHEMA_VERSION;
pub use printing::PrintSettingsRecord;
pub use private::restrict as make_private;
pub use rows::*;
pub use rulesets::*;
/// The bare connection `open_raw` gives.
pub use rusqlite::Connection as RawConnection;
pub use work::*;

use rusqlite::{Connection, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// An open office database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The key of an encrypted database (`None` for a plain one, made before encryption).
    key: Option<DatabaseKey>,
}

/// Read access, from a plain connection or from inside a write transaction.
#[derive(Clone, Copy)]
pub struct Reader<'c> {
    conn: &'c Connection,
}

/// Write access: everything done through one Writer commits together or not at all.
pub struct Writer<'c> {
    tx: Transaction<'c>,
}

impl Store {
    /// Opens the database at `path`, creating it when absent and migrating it when older. A database written by
    /// a newer program is refused before anything touches it.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = migrate::open_and_migrate(path, None)?;
        Ok(Store { conn, path: path.to_path_buf(), key: None })
    }

    /// Opens (or creates) the encrypted database at `path` with its key; a wrong key is `WrongKey`, and nothing
    /// is written.
    pub fn open_keyed(path: &Path, key: &DatabaseKey) -> Result<Store> {
        let conn = migrate::open_and_migrate(path, Some(key))?;
        Ok(Store { conn, path: path.to_path_buf(), key: Some(key.clone()) })
    }

    /// The key the database was opened with, for copies of it (backups) to be read with.
    pub fn key(&self) -> Option<&DatabaseKey> {
        self.key.as_ref()
    }

    /// Opens a database that must already exist (every command but setting up an office).
    pub fn open_existing(path: &Path) -> Result<Store> {
        if !path.is_file() {
            return Err(StoreError::NoDatabase(path.to_path_buf()));
        }
        Store::open(path)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Folds the write-ahead log into the database file and empties it, so that the pages before the last write do
    /// not stay readable beside those after it (after an anonymous rating). A reader holding the log open makes
    /// this partial; it is done again at the next write of this kind.
    pub fn fold_wal(&self) -> Result<()> {
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    pub fn read(&self) -> Reader<'_> {
        Reader { conn: &self.conn }
    }

    /// Runs `work` in one IMMEDIATE transaction: it commits only if `work` returns Ok, so a failure anywhere
    /// leaves the database exactly as before.
    pub fn write<T, E: From<StoreError>>(
        &mut self,
        work: impl FnOnce(&Writer<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(StoreError::from)?;
        let writer = Writer { tx };
        let value = work(&writer)?;
        writer.tx.commit().map_err(StoreError::from)?;
        Ok(value)
    }

    /// Runs `work` in one IMMEDIATE transaction and always rolls it back: what a write would do, computed by the
    /// very code that would do it (the preview of an import), leaving the database as it was.
    pub fn trial<T, E: From<StoreError>>(
        &mut self,
        work: impl FnOnce(&Writer<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(StoreError::from)?;
        let writer = Writer { tx };
        let value = work(&writer);
        writer.tx.rollback().map_err(StoreError::from)?;
        value
    }
}

impl<'c> Writer<'c> {
    pub fn read(&self) -> Reader<'_> {
        Reader { conn: &self.tx }
    }

    fn conn(&self) -> &Connection {
        &self.tx
    }
}

pub(crate) fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // Deleted and overwritten content is zeroed, not left in free space: a rating's totals before it, a deleted
    // record, an edited audit entry must not be readable from the file afterwards.
    conn.pragma_update(None, "secure_delete", "ON")?;
    // 32 MiB of page cache (SQLite's default is 2 MiB): a large transaction (a province's demo year, a big import)
    // otherwise spills pages to the WAL again and again.
    conn.pragma_update(None, "cache_size", -32_768)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Corrupt(format!("could not switch to WAL journal (got {mode})")));
    }
    // One read through the WAL: from then on the connection holds the shared lock by which encryption in place
    // and restore see that the database is open (a file switched to WAL just now is not held otherwise).
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
    Ok(())
}
