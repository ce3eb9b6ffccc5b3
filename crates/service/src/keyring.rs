//! The key file beside an encrypted office database (`<database>.keys`): what is needed to open the database
//! before anything in it can be read. It holds, for each active account, the office secret wrapped with that
//! account's password (the same wrap the database keeps in `users`), the secret sealed under the office's recovery
//! code, and the counts of wrong passwords, which must be written before the database can be.
//!
//! The database stays the authority on accounts: the file is rewritten from it after every change of a password or
//! an account (`Office::sync_keyring`), keeping its recovery seal and its counts. Accounts are found by a hash of
//! their name, so the file does not list the office's users; it holds no name, no role and nothing readable.
//! Without this file an encrypted database cannot be opened: backups carry a copy of it in their manifest.

use crate::error::{Result, ServiceError};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use std::path::{Path, PathBuf};
use store::UserRecord;

const FORMAT: &str = "thuocdo-keyring";
const VERSION: u32 = 1;
/// A key file of a hundred accounts is 40 KB; anything far larger is not one.
const MAX_BYTES: u64 = 4 << 20;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub(crate) struct Keyring {
    format: String,
    version: u32,
    /// The lookup of the office's first administrator: who logs in when no name is given.
    pub(crate) first_admin: String,
    pub(crate) accounts: Vec<KeyringAccount>,
    /// The lookups of deactivated accounts: told apart from names the office never had.
    #[serde(default)]
    pub(crate) deactivated: Vec<String>,
    /// The office secret sealed under the recovery code of the last recovery sheet printed.
    pub(crate) recovery: Option<String>,
    pub(crate) recovery_made_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub(crate) struct KeyringAccount {
    pub(crate) lookup: String,
    pub(crate) wrapped: String,
    pub(crate) failed_logins: i64,
    pub(crate) locked_until: Option<DateTime<Utc>>,
}

/// The database at `database` opened bare with the key its key file gives `username` (the first administrator
/// when `None`) for `password`; a plain database is opened as it is. For tests and support tools that must read
/// or alter the file as an outsider with the key could: nothing of the program's checks applies.
pub fn raw_database(database: &Path, username: Option<&str>, password: &str) -> Result<store::RawConnection> {
    Ok(store::open_raw(database, key_for(database, username, password)?.as_ref())?)
}

/// The store of the database at `database`, opened as `raw_database` opens it (for tests comparing whole
/// databases, below the use cases).
pub fn unlocked_store(database: &Path, username: Option<&str>, password: &str) -> Result<store::Store> {
    Ok(match key_for(database, username, password)? {
        Some(key) => store::Store::open_keyed(database, &key)?,
        None => store::Store::open(database)?,
    })
}

fn key_for(database: &Path, username: Option<&str>, password: &str) -> Result<Option<store::DatabaseKey>> {
    Ok(match store::file_kind(database)? {
        store::FileKind::Encrypted => {
            let ring =
                Keyring::load(database)?.ok_or_else(|| ServiceError::KeyringMissing { path: path_for(database).display().to_string() })?;
            Some(crate::office::database_key(&ring.open_secret(username, password)?))
        }
        _ => None,
    })
}

/// Where the key file of the database at `database` lives.
pub(crate) fn path_for(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".keys");
    PathBuf::from(name)
}

/// How an account is found in the file: a hash of its (lower-case) name under a label of its own.
pub(crate) fn lookup(username: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"thuocdo keyring account v1\0");
    hasher.update(username.trim().to_ascii_lowercase().as_bytes());
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

impl Keyring {
    /// The key file for the database's active accounts that hold the office secret; the recovery seal, and the
    /// counts of the passwords that did not change, are kept from `previous`.
    pub(crate) fn from_accounts(first_admin: &str, users: &[UserRecord], previous: Option<&Keyring>) -> Keyring {
        let accounts = users
            .iter()
            .filter(|u| u.deactivated_at.is_none())
            .filter_map(|u| {
                let wrapped = u.secret_wrapped.clone()?;
                let lookup = lookup(&u.username);
                // A new wrap is a new password (changed, reset, recovered): its count starts again.
                let before = previous.and_then(|p| p.account(&lookup)).filter(|a| a.wrapped == wrapped);
                Some(KeyringAccount {
                    failed_logins: before.map_or(0, |a| a.failed_logins),
                    locked_until: before.and_then(|a| a.locked_until),
                    lookup,
                    wrapped,
                })
            })
            .collect();
        Keyring {
            format: FORMAT.into(),
            version: VERSION,
            first_admin: lookup(first_admin),
            accounts,
            deactivated: users.iter().filter(|u| u.deactivated_at.is_some()).map(|u| lookup(&u.username)).collect(),
            recovery: previous.and_then(|p| p.recovery.clone()),
            recovery_made_at: previous.and_then(|p| p.recovery_made_at),
        }
    }

    pub(crate) fn account(&self, lookup: &str) -> Option<&KeyringAccount> {
        self.accounts.iter().find(|a| a.lookup == lookup)
    }

    /// The office secret this file gives `username` (the first administrator when `None`) for `password`,
    /// without counting the attempt: for a backup's copy of the file, which no login reads.
    pub(crate) fn open_secret(&self, username: Option<&str>, password: &str) -> Result<exchange::OfficeSecret> {
        let lookup = username.map(lookup).unwrap_or_else(|| self.first_admin.clone());
        let account = self
            .account(&lookup)
            .ok_or_else(|| ServiceError::UnknownUser { username: username.unwrap_or_default().trim().to_ascii_lowercase() })?;
        Ok(exchange::OfficeSecret::unwrap(&account.wrapped, &crate::auth::normalize_password(password))?)
    }

    pub(crate) fn account_mut(&mut self, lookup: &str) -> Option<&mut KeyringAccount> {
        self.accounts.iter_mut().find(|a| a.lookup == lookup)
    }

    /// The key file of the database at `database`; `None` when there is none.
    pub(crate) fn load(database: &Path) -> Result<Option<Keyring>> {
        let path = path_for(database);
        let damaged = |reason: String| ServiceError::KeyringDamaged { path: path.display().to_string(), reason };
        let size = match std::fs::metadata(&path) {
            Ok(meta) => meta.len(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(damaged(e.to_string())),
        };
        if size > MAX_BYTES {
            return Err(damaged(format!("{size} bytes")));
        }
        let bytes = std::fs::read(&path).map_err(|e| damaged(e.to_string()))?;
        Keyring::parse(&bytes).map(Some).map_err(damaged)
    }

    /// Reads a key file's text (also the copy a backup's manifest carries).
    pub(crate) fn parse(bytes: &[u8]) -> std::result::Result<Keyring, String> {
        let ring: Keyring = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        if ring.format != FORMAT {
            return Err("not a Thước Đo key file".into());
        }
        if ring.version != VERSION {
            return Err(format!("key file version {} (this program reads {VERSION})", ring.version));
        }
        Ok(ring)
    }

    /// Writes the file whole or not at all: to a private temporary file beside it, flushed, then renamed.
    pub(crate) fn save(&self, database: &Path) -> std::io::Result<()> {
        let path = path_for(database);
        let text = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        write_private(&path, &text)
    }
}

/// Writes `bytes` to `path` through a temporary file created readable by its owner only, flushed before it is
/// renamed over the old one: killed half-way, the old file stays.
pub(crate) fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".writing");
    let temporary = PathBuf::from(temporary);
    let written = (|| {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(name: &str, wrapped: Option<&str>, deactivated: bool) -> UserRecord {
        UserRecord {
            id: uuid::Uuid::now_v7(),
            username: name.into(),
            role: "admin".into(),
            unit_id: None,
            password_hash: String::new(),
            secret_wrapped: wrapped.map(String::from),
            failed_logins: 0,
            locked_until: None,
            created_at: Utc::now(),
            deactivated_at: deactivated.then(Utc::now),
        }
    }

    #[test]
    fn the_file_names_nobody_keeps_counts_and_recovery_and_leaves_out_who_may_not_open() {
        let users = [
            user("admin", Some("w-admin"), false),
            user("thu.ky", Some("w-thu"), false),
            user("cu", Some("w-cu"), true),
            user("old", None, false),
        ];
        let mut first = Keyring::from_accounts("admin", &users, None);
        assert_eq!(first.accounts.len(), 2);
        assert_eq!(first.deactivated, vec![lookup("cu")]);
        first.account_mut(&lookup("THU.KY")).unwrap().failed_logins = 3;
        first.recovery = Some("sealed".into());
        let again = Keyring::from_accounts("admin", &users, Some(&first));
        assert_eq!(again.account(&lookup("thu.ky")).unwrap().failed_logins, 3);
        assert_eq!(again.recovery.as_deref(), Some("sealed"));
        let dir = tempfile::tempdir().unwrap();
        let database = dir.path().join("office.db");
        again.save(&database).unwrap();
        let text = std::fs::read_to_string(path_for(&database)).unwrap();
        assert!(!text.contains("thu.ky") && !text.contains("\"admin\""));
        assert_eq!(Keyring::load(&database).unwrap().unwrap(), again);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            assert_eq!(std::fs::metadata(path_for(&database)).unwrap().permissions().mode() & 0o777, 0o600);
        }
        std::fs::write(path_for(&database), b"{\"format\":\"other\"}").unwrap();
        assert_eq!(Keyring::load(&database).unwrap_err().code(), "auth.keyring_damaged");
        assert!(Keyring::load(&dir.path().join("none.db")).unwrap().is_none());
    }
}
