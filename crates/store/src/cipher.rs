//! Encryption at rest (issue 15): the database file is encrypted page by page by SQLCipher with a 256-bit key
//! the service derives from the office secret. The key is given raw (`x'…'`), so opening costs no key derivation:
//! the password's cost is paid once, when the office secret is unwrapped.
//!
//! A database made before encryption is plain; it is encrypted in place (`encrypt_in_place`) the first time
//! someone who holds the office secret logs in.

use crate::error::{Result, StoreError};
use crate::Store;
use rusqlite::Connection;
use std::io::Read;
use std::path::Path;

/// The key a database is encrypted with. Never displayed, never written anywhere but into SQLCipher.
#[derive(Clone)]
pub struct DatabaseKey([u8; 32]);

impl DatabaseKey {
    pub fn from_bytes(bytes: [u8; 32]) -> DatabaseKey {
        DatabaseKey(bytes)
    }

    /// SQLCipher's raw-key form: the 32 bytes are the page key, no PBKDF2 pass.
    fn raw(&self) -> String {
        let hex: String = self.0.iter().map(|b| format!("{b:02x}")).collect();
        format!("x'{hex}'")
    }

    fn literal(&self) -> String {
        format!("\"{}\"", self.raw())
    }
}

impl std::fmt::Debug for DatabaseKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DatabaseKey(…)")
    }
}

/// What is at a database path, from its first bytes alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// No file, or an empty one: an office can be set up there.
    Absent,
    /// An unencrypted SQLite file (a database made before encryption, or not ours at all).
    Plain,
    /// Whole pages of what looks like noise: an encrypted database (or, rarely, a file that is not a database;
    /// opening it with the key tells).
    Encrypted,
    /// Neither: a text, a document, a truncated copy. No database's pages come in other sizes.
    NotADatabase,
}

/// SQLite's (and SQLCipher's) smallest page: every database file is a whole number of pages.
const SMALLEST_PAGE: u64 = 512;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

pub fn file_kind(path: &Path) -> Result<FileKind> {
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileKind::Absent),
        Err(e) => return Err(e.into()),
    };
    let size = file.metadata()?.len();
    let mut head = Vec::with_capacity(16);
    file.by_ref().take(16).read_to_end(&mut head)?;
    Ok(match head.len() {
        0 => FileKind::Absent,
        _ if head.as_slice() == SQLITE_MAGIC => FileKind::Plain,
        _ if size % SMALLEST_PAGE == 0 => FileKind::Encrypted,
        _ => FileKind::NotADatabase,
    })
}

/// Gives a fresh connection its key, before anything reads a page. SQLCipher's own log (which writes wrong-key
/// errors to stderr) is silenced: a wrong key is reported as an error of ours.
pub(crate) fn apply_key(conn: &Connection, key: Option<&DatabaseKey>) -> rusqlite::Result<()> {
    let Some(key) = key else { return Ok(()) };
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    conn.execute_batch(&format!("PRAGMA key = {};", key.literal()))?;
    Ok(())
}

/// A bare SQLite connection to the database file, given its key: for tools and tests that read or alter the file
/// the way someone with SQLite (or SQLCipher's shell) and the key could, bypassing every rule of the program.
pub fn open_raw(path: &Path, key: Option<&DatabaseKey>) -> Result<Connection> {
    let conn = Connection::open(path)?;
    apply_key(&conn, key)?;
    Ok(conn)
}

impl Store {
    /// True when the file is encrypted (opened with a key).
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// Encrypts a plain database with `key`: the whole database is exported into an encrypted file beside it,
    /// flushed, then renamed over the plain one. Refused (`InUse`) while another window or command has the
    /// database open, since it would go on reading the plain file; the plain database is then left as it was.
    /// Killed at any point, either the plain or the encrypted database is in place.
    pub fn encrypt_in_place(self, key: &DatabaseKey) -> Result<Store> {
        if self.key.is_some() {
            return Ok(self);
        }
        let Store { conn, path, .. } = self;
        let outcome = export_encrypted(&conn, &path, key);
        match outcome {
            Ok(()) => {
                drop(conn);
                Store::open_keyed(&path, key)
            }
            Err(error) => {
                // Back to normal locking so that the plain database stays usable from this connection.
                let _ = conn.execute_batch("PRAGMA locking_mode = NORMAL; SELECT count(*) FROM sqlite_master;");
                let _ = std::fs::remove_file(crate::private::beside(&path, ".encrypting"));
                drop(conn);
                match error {
                    StoreError::Busy => Err(StoreError::InUse(path)),
                    other => Err(other),
                }
            }
        }
    }
}

impl Store {
    /// A copy of this database without encryption at `target` (which must not exist), the same schema version
    /// and application id: for benchmarks that weigh encryption against the plain file, and for tests of
    /// databases made before encryption. Never used on an office's own file.
    pub fn plain_copy(&self, target: &Path) -> Result<()> {
        if target.exists() {
            return Err(StoreError::Corrupt(format!("{} already exists", target.display())));
        }
        let version: i64 = self.conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        let application_id: i64 = self.conn.query_row("PRAGMA application_id", [], |row| row.get(0))?;
        crate::private::create_private(target)?;
        self.conn.execute("ATTACH DATABASE ?1 AS plain KEY ''", [target.to_string_lossy().into_owned()])?;
        let exported = (|| -> rusqlite::Result<()> {
            self.conn.query_row("SELECT sqlcipher_export('plain')", [], |_| Ok(()))?;
            self.conn.execute_batch(&format!("PRAGMA plain.user_version = {version}; PRAGMA plain.application_id = {application_id};"))
        })();
        let detached = self.conn.execute_batch("DETACH DATABASE plain");
        exported?;
        detached?;
        Ok(())
    }
}

fn export_encrypted(conn: &Connection, path: &Path, key: &DatabaseKey) -> Result<()> {
    let target = crate::private::beside(path, ".encrypting");
    let _ = std::fs::remove_file(&target);
    // Alone: in WAL mode every other connection holds a shared lock for as long as it is open.
    conn.busy_timeout(std::time::Duration::from_millis(0))?;
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
    conn.execute_batch("BEGIN EXCLUSIVE; SELECT count(*) FROM sqlite_master; COMMIT;")?;
    let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| row.get(0))?;
    if busy != 0 {
        return Err(StoreError::Busy);
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    let application_id: i64 = conn.query_row("PRAGMA application_id", [], |row| row.get(0))?;
    crate::private::create_private(&target)?;
    conn.execute("ATTACH DATABASE ?1 AS encrypted KEY ?2", [target.to_string_lossy().into_owned(), key.raw()])?;
    let exported = (|| -> rusqlite::Result<()> {
        conn.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))?;
        // sqlcipher_export copies schema and rows, not the header fields.
        conn.execute_batch(&format!("PRAGMA encrypted.user_version = {version}; PRAGMA encrypted.application_id = {application_id};"))
    })();
    conn.execute_batch("DETACH DATABASE encrypted")?;
    exported?;
    crate::backup::sync_file(&target)?;
    std::fs::rename(&target, path)?;
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(crate::private::beside(path, suffix));
    }
    crate::backup::sync_folder(path);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> DatabaseKey {
        DatabaseKey::from_bytes([byte; 32])
    }

    #[test]
    fn an_encrypted_database_shows_none_of_its_text_and_opens_only_with_its_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("office.db");
        let store = Store::open_keyed(&path, &key(7)).unwrap();
        store.conn.execute_batch("CREATE TABLE probe(name TEXT); INSERT INTO probe VALUES ('Nguyễn Thị Hoà');").unwrap();
        drop(store);
        let bytes = std::fs::read(&path).unwrap();
        assert!(!bytes.windows("Nguyễn".len()).any(|w| w == "Nguyễn".as_bytes()));
        assert_eq!(file_kind(&path).unwrap(), FileKind::Encrypted);
        assert_eq!(Store::open_keyed(&path, &key(8)).err().expect("refused").code(), "store.wrong_key");
        assert_eq!(Store::open(&path).err().expect("refused").code(), "store.not_a_database");
        let store = Store::open_keyed(&path, &key(7)).unwrap();
        let name: String = store.conn.query_row("SELECT name FROM probe", [], |r| r.get(0)).unwrap();
        assert_eq!(name, "Nguyễn Thị Hoà");
    }

    #[test]
    fn a_plain_database_is_encrypted_in_place_with_its_version_and_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("office.db");
        let store = Store::open(&path).unwrap();
        store.conn.execute_batch("CREATE TABLE probe(name TEXT); INSERT INTO probe VALUES ('Trần Văn Bình');").unwrap();
        assert_eq!(file_kind(&path).unwrap(), FileKind::Plain);
        let store = store.encrypt_in_place(&key(3)).unwrap();
        assert!(store.is_encrypted());
        let version: i64 = store.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, crate::SCHEMA_VERSION);
        let name: String = store.conn.query_row("SELECT name FROM probe", [], |r| r.get(0)).unwrap();
        assert_eq!(name, "Trần Văn Bình");
        drop(store);
        assert_eq!(file_kind(&path).unwrap(), FileKind::Encrypted);
        let bytes = std::fs::read(&path).unwrap();
        assert!(!bytes.windows("Bình".len()).any(|w| w == "Bình".as_bytes()));
        assert!(!crate::private::beside(&path, ".encrypting").exists());
    }

    #[test]
    fn a_plain_database_open_elsewhere_is_left_plain_and_usable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("office.db");
        let store = Store::open(&path).unwrap();
        let other = Store::open(&path).unwrap();
        assert_eq!(store.encrypt_in_place(&key(3)).err().expect("refused").code(), "store.in_use");
        assert_eq!(file_kind(&path).unwrap(), FileKind::Plain);
        other.conn.execute_batch("CREATE TABLE after(x); INSERT INTO after VALUES (1);").unwrap();
        drop(other);
        assert!(Store::open(&path).is_ok());
    }

    #[test]
    fn a_database_switched_to_wal_by_the_other_window_is_seen_as_open_there() {
        // A file in rollback-journal mode (a copy made by another tool): the window that opens it first switches
        // it to WAL; encrypting it from a second connection must still see the first one.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("office.db");
        drop(Store::open(&path).unwrap());
        let conn = rusqlite::Connection::open(&path).unwrap();
        let mode: String = conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "delete");
        drop(conn);
        let other = Store::open(&path).unwrap();
        let store = Store::open(&path).unwrap();
        assert_eq!(store.encrypt_in_place(&key(4)).err().expect("refused").code(), "store.in_use");
        assert_eq!(file_kind(&path).unwrap(), FileKind::Plain);
        drop(other);
    }
}
