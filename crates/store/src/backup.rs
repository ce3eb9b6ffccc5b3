//! Consistent copies of the database taken while it is in use, and putting one back (issue 15).
//!
//! A copy is written by SQLite (`VACUUM INTO`) to a temporary name in the destination folder, flushed to disk and
//! only then renamed to its final name: a program killed half-way leaves a stray temporary file and every earlier
//! copy as it was. Restoring checks the copy first, keeps the file it replaces, and swaps files by renaming.

use crate::cipher::{DatabaseKey, FileKind};
use crate::convert::{first, time, time_text};
use crate::error::{Result, StoreError};
use crate::migrate::{self, SCHEMA_VERSION};
use crate::{Reader, Store, Writer};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// What a copy holds, read from the copy itself.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SnapshotFacts {
    pub schema_version: i64,
    pub unit_code: String,
    pub unit_name: String,
    pub units: i64,
    pub people: i64,
    pub products: i64,
    pub audit_entries: i64,
}

impl Store {
    /// Writes a consistent copy of the database to `target` (which must not exist), through a temporary file in
    /// the same folder, flushed before it takes its name.
    pub fn snapshot_to(&self, target: &Path) -> Result<()> {
        if target.exists() {
            return Err(StoreError::SnapshotFailed(format!("{} already exists", target.display())));
        }
        let temporary = temporary_beside(target);
        let _ = std::fs::remove_file(&temporary);
        let outcome = (|| -> std::io::Result<()> {
            crate::private::create_private(&temporary)?;
            self.conn.execute("VACUUM INTO ?1", [temporary.to_string_lossy()]).map_err(std::io::Error::other)?;
            sync_file(&temporary)?;
            std::fs::rename(&temporary, target)?;
            sync_folder(target);
            Ok(())
        })();
        if let Err(error) = outcome {
            let _ = std::fs::remove_file(&temporary);
            return Err(StoreError::SnapshotFailed(error.to_string()));
        }
        crate::private::restrict(target);
        Ok(())
    }
}

/// The automatic daily backup: where to, and whether it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSettingsRecord {
    pub folder: String,
    pub daily: bool,
    pub updated_at: DateTime<Utc>,
}

impl Reader<'_> {
    pub fn backup_settings(&self) -> Result<Option<BackupSettingsRecord>> {
        let mut stmt = self.conn.prepare_cached("SELECT folder, daily, updated_at FROM backup_settings WHERE singleton = 1")?;
        let rows = stmt.query_and_then([], |r| -> Result<BackupSettingsRecord> {
            Ok(BackupSettingsRecord { folder: r.get(0)?, daily: r.get(1)?, updated_at: time(&r.get::<_, String>(2)?)? })
        })?;
        first(rows)
    }
}

impl Reader<'_> {
    /// Whether this database was made as demo data.
    pub fn is_demo(&self) -> Result<bool> {
        let mut stmt = self.conn.prepare_cached("SELECT COUNT(*) FROM demo_marker")?;
        Ok(stmt.query_row([], |r| r.get::<_, i64>(0))? > 0)
    }
}

impl Writer<'_> {
    /// Marks this database as demo data.
    pub fn mark_demo(&self, at: DateTime<Utc>) -> Result<()> {
        self.conn().execute("INSERT OR REPLACE INTO demo_marker (singleton, made_at) VALUES (1, ?1)", params![time_text(at)])?;
        Ok(())
    }

    pub fn save_backup_settings(&self, settings: &BackupSettingsRecord) -> Result<()> {
        self.conn().execute(
            "INSERT OR REPLACE INTO backup_settings (singleton, folder, daily, updated_at) VALUES (1, ?1, ?2, ?3)",
            params![settings.folder, settings.daily, time_text(settings.updated_at)],
        )?;
        Ok(())
    }
}

/// Opens a copy read-only and checks it is whole and ours: SQLite's integrity check, our application id, a
/// schema this program can read (an older one is migrated when opened after restoring), an office in it.
pub fn inspect_snapshot(path: &Path, key: Option<&DatabaseKey>) -> Result<SnapshotFacts> {
    read_snapshot(path, key, true)
}

/// What a copy SQLite has just written holds, without the integrity check (a province's copy: 4 s of 6,6).
pub fn snapshot_facts(path: &Path, key: Option<&DatabaseKey>) -> Result<SnapshotFacts> {
    read_snapshot(path, key, false)
}

fn read_snapshot(path: &Path, key: Option<&DatabaseKey>, check: bool) -> Result<SnapshotFacts> {
    let kind = crate::cipher::file_kind(path)?;
    let not_ours = || match (kind, key) {
        (FileKind::Encrypted, Some(_)) => StoreError::WrongKey(path.to_path_buf()),
        _ => StoreError::NotADatabase(path.to_path_buf()),
    };
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    crate::cipher::apply_key(&conn, key)?;
    let number = |sql: &str| conn.query_row(sql, [], |row| row.get::<_, i64>(0));
    let application_id = number("PRAGMA application_id").map_err(|_| not_ours())?;
    if application_id != migrate::APPLICATION_ID {
        return Err(not_ours());
    }
    let schema_version = number("PRAGMA user_version").map_err(|_| not_ours())?;
    if schema_version > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema { found: schema_version, supported: SCHEMA_VERSION });
    }
    let integrity: String =
        if check { conn.query_row("PRAGMA integrity_check", [], |row| row.get(0)).map_err(|_| not_ours())? } else { "ok".into() };
    if integrity != "ok" {
        return Err(StoreError::Corrupt(integrity));
    }
    let (unit_code, unit_name): (String, String) = conn
        .query_row("SELECT u.code, u.name FROM office o JOIN units u ON u.id = o.unit_id", [], |row| Ok((row.get(0)?, row.get(1)?)))
        .map_err(|_| not_ours())?;
    Ok(SnapshotFacts {
        schema_version,
        unit_code,
        unit_name,
        units: number("SELECT count(*) FROM units")?,
        people: number("SELECT count(*) FROM people")?,
        products: number("SELECT count(*) FROM products").unwrap_or(0),
        audit_entries: number("SELECT count(*) FROM audit_log")?,
    })
}

/// Puts the copy at `snapshot` in place of the database at `database`, keeping the replaced file (with its WAL
/// folded in) at `keep`. The copy is first copied beside the database and flushed, then the files are renamed:
/// killed at any point, either the old database or the restored one is in place, never half of one. Refuses while
/// another program has the database open.
pub fn restore_snapshot(snapshot: &Path, database: &Path, keep: &Path, key: Option<&DatabaseKey>) -> Result<()> {
    let incoming = temporary_beside(database);
    let _ = std::fs::remove_file(&incoming);
    let io = |e: std::io::Error| StoreError::SnapshotFailed(e.to_string());
    crate::private::create_private(&incoming).map_err(io)?;
    let copied = std::fs::copy(snapshot, &incoming).and_then(|_| sync_file(&incoming));
    if let Err(error) = copied {
        let _ = std::fs::remove_file(&incoming);
        return Err(io(error));
    }
    if database.exists() {
        // In WAL mode every open connection holds a shared lock SQLite keeps for as long as it is open: taking the
        // database in exclusive locking mode fails while a window or a command has it open, even idle. Alone, the
        // WAL is folded into the file, so the kept file is whole by itself.
        let alone = (|| -> rusqlite::Result<()> {
            let conn = Connection::open(database)?;
            crate::cipher::apply_key(&conn, key)?;
            conn.busy_timeout(std::time::Duration::from_millis(0))?;
            conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
            conn.execute_batch("BEGIN EXCLUSIVE; SELECT count(*) FROM sqlite_master; COMMIT;")?;
            let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| row.get(0))?;
            if busy != 0 {
                return Err(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY), None));
            }
            Ok(())
        })();
        // A database too damaged to open is what a restore is for: it is kept as it is, its WAL beside it.
        let busy = matches!(
            alone.as_ref().err().and_then(|e| e.sqlite_error_code()),
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        );
        if busy {
            let _ = std::fs::remove_file(&incoming);
            return Err(StoreError::InUse(database.to_path_buf()));
        }
        std::fs::rename(database, keep).map_err(io)?;
        for suffix in ["-wal", "-shm"] {
            let beside = crate::private::beside(database, suffix);
            if beside.exists() {
                let _ = std::fs::rename(&beside, crate::private::beside(keep, suffix));
            }
        }
    }
    if let Err(error) = std::fs::rename(&incoming, database) {
        // The database is put back where it was: a failed restore leaves things as before.
        if keep.exists() && !database.exists() {
            let _ = std::fs::rename(keep, database);
        }
        let _ = std::fs::remove_file(&incoming);
        return Err(io(error));
    }
    sync_folder(database);
    Ok(())
}

fn temporary_beside(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.partial"))
}

/// Flushes a written file to the disk. Opened for writing: Windows refuses to flush a file opened read-only
/// ("Access denied", os error 5), which made every backup fail there (found under Wine).
pub(crate) fn sync_file(path: &Path) -> std::io::Result<()> {
    std::fs::OpenOptions::new().write(true).open(path)?.sync_all()
}

/// Makes a rename durable (the folder's entry); nothing to do where folders cannot be opened (Windows).
pub(crate) fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Ok(dir) = std::fs::File::open(folder) {
            let _ = dir.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}
