//! Leaving the demo for a real office: the demo database is put aside beside it (with its key file), never deleted,
//! so the setup screen can make the office's own database where the demo was.

use crate::auth::{Permission, Session};
use crate::error::{Result, ServiceError};
use crate::office::Office;
use std::path::{Path, PathBuf};

impl Office {
    /// Whether this database was made as demo data.
    pub fn is_demo(&self) -> Result<bool> {
        Ok(self.store.read().is_demo()?)
    }
}

/// Closes the demo office and puts its files aside as `<name>.demo-<time>`; returns where. Administrators only, and
/// only for a database made as demo data: a real office is never moved this way.
pub fn leave_demo(office: Office, session: &Session) -> Result<PathBuf> {
    session.require(Permission::ManageUsers)?;
    if !office.is_demo()? {
        return Err(ServiceError::NotADemo);
    }
    let database = office.store.path().to_path_buf();
    drop(office); // every connection closed: SQLite folds the WAL back into the file
    let name = database.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "thuocdo.db".into());
    let aside = database.with_file_name(format!("{name}.demo-{}", chrono::Local::now().format("%Y%m%d-%H%M%S")));
    let cannot = |path: &Path, e: std::io::Error| ServiceError::CannotWrite { path: path.display().to_string(), reason: e.to_string() };
    // The companions first, the database last: should a move fail, what was moved goes back and the demo stays whole
    // where it was, never a database separated from its key file.
    let mut moved: Vec<(PathBuf, PathBuf)> = Vec::new();
    let pairs = [
        (crate::keyring::path_for(&database), crate::keyring::path_for(&aside)),
        (sidecar(&database, "-wal"), sidecar(&aside, "-wal")),
        (sidecar(&database, "-shm"), sidecar(&aside, "-shm")),
        (database.clone(), aside.clone()),
    ];
    for (from, to) in pairs {
        if from.exists() {
            if let Err(e) = std::fs::rename(&from, &to) {
                for (back_from, back_to) in moved.iter().rev() {
                    let _ = std::fs::rename(back_to, back_from);
                }
                return Err(cannot(&from, e));
            }
            moved.push((from, to));
        }
    }
    Ok(aside)
}

fn sidecar(database: &Path, suffix: &str) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}
