//! Personnel evaluations are among the most sensitive records an office keeps, often on a PC several people share:
//! the database, the files SQLite keeps beside it and the copy taken before a migration are readable and writable by
//! the user who runs the program only (mode 0600). On Windows the user's data folder is already private to them by
//! its access rules, and these calls do nothing.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Creates an empty file only its owner may read, unless the file exists (SQLite takes an empty file for a new
/// database, and gives its WAL and shared-memory files the same mode).
pub(crate) fn create_private(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(error) => Err(error),
    }
}

/// Narrows the database and the files beside it to their owner: a database made by an older version (0644) is
/// made private the first time it is opened. A file system without modes (a FAT stick) cannot be narrowed; the
/// data still opens.
pub(crate) fn restrict_database(path: &Path) {
    for file in [path.to_path_buf(), beside(path, "-wal"), beside(path, "-shm")] {
        restrict(&file);
    }
}

/// Narrows one file to its owner, when it exists and the system has modes.
pub fn restrict(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(metadata) = std::fs::metadata(path) {
            if metadata.permissions().mode() & 0o077 != 0 {
                // Not fatal: see above.
                let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

pub(crate) fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = OsString::from(path.as_os_str());
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(all(test, unix))]
mod tests {
    use crate::Store;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &std::path::Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn a_new_database_and_its_wal_are_private_and_an_old_one_is_narrowed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("thuocdo.db");
        let store = Store::open(&path).unwrap();
        assert_eq!(mode(&path), 0o600);
        let wal = dir.path().join("thuocdo.db-wal");
        assert!(wal.exists(), "WAL mode keeps a -wal file beside the database");
        assert_eq!(mode(&wal), 0o600);
        drop(store);

        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let _store = Store::open(&path).unwrap();
        assert_eq!(mode(&path), 0o600, "a database left readable by others is narrowed when opened");
    }
}
