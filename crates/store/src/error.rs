use std::path::PathBuf;

/// Everything the office database can refuse or fail at. `code()` is the stable string the service maps to
/// a message; the Display text is for logs only.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database schema version {found} is newer than this program supports ({supported})")]
    NewerSchema { found: i64, supported: i64 },
    #[error("no office database at {0}")]
    NoDatabase(PathBuf),
    #[error("{0} is not a Thước Đo database")]
    NotADatabase(PathBuf),
    /// An encrypted database opened with a key that is not its own (or a damaged file: they cannot be told apart).
    #[error("{0} does not open with this key")]
    WrongKey(PathBuf),
    #[error("the database is busy (another window or command is writing)")]
    Busy,
    #[error("the disk is full")]
    DiskFull,
    /// The operating system refused a write (a file-size limit, a stick pulled out, a failing disk): like a full
    /// disk, the transaction is rolled back.
    #[error("the disk refused a write: {0}")]
    WriteFailed(String),
    #[error("backup before migration failed: {0}")]
    BackupFailed(String),
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    /// A write to a record of a year its unit's superior approved (refused by the triggers of migration 0008).
    /// A backup or a restore could not write its file.
    #[error("backup or restore failed: {0}")]
    SnapshotFailed(String),
    /// Restoring needs the database closed everywhere else.
    #[error("{0} is open in another window or command")]
    InUse(PathBuf),
    #[error("the year was approved by the superior; its records are locked")]
    YearApproved,
    /// A local change to a record another office owns (refused by the triggers of migration 0010).
    #[error("the record belongs to another office; only that office changes it")]
    ForeignRecord,
}

/// What the approval triggers raise.
pub(crate) const YEAR_APPROVED_MARK: &str = "thuocdo:year_approved";
/// What the read-only triggers for other offices' records raise.
pub(crate) const FOREIGN_RECORD_MARK: &str = "thuocdo:foreign_record";

impl StoreError {
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::NewerSchema { .. } => "store.newer_schema",
            StoreError::NoDatabase(_) => "store.no_database",
            StoreError::NotADatabase(_) => "store.not_a_database",
            StoreError::WrongKey(_) => "store.wrong_key",
            StoreError::Busy => "store.busy",
            StoreError::DiskFull => "store.disk_full",
            StoreError::WriteFailed(_) => "store.write_failed",
            StoreError::BackupFailed(_) => "store.backup_failed",
            StoreError::InUse(_) => "store.in_use",
            StoreError::SnapshotFailed(_) => "store.snapshot_failed",
            StoreError::Corrupt(_) => "store.corrupt",
            StoreError::Sqlite(_) => "store.sqlite",
            StoreError::Io(_) => "store.io",
            StoreError::YearApproved => "store.year_approved",
            StoreError::ForeignRecord => "store.foreign_record",
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match error.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            Some(ErrorCode::SystemIoFailure) => StoreError::WriteFailed(error.to_string()),
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::NotADatabase) => StoreError::Corrupt("not a database file".into()),
            Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt(error.to_string()),
            Some(ErrorCode::ConstraintViolation) if error.to_string().contains(YEAR_APPROVED_MARK) => StoreError::YearApproved,
            Some(ErrorCode::ConstraintViolation) if error.to_string().contains(FOREIGN_RECORD_MARK) => StoreError::ForeignRecord,
            _ => StoreError::Sqlite(error),
        }
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// A column read in place that is not of the type its table declares (`get_ref(i)?.as_str()`).
impl From<rusqlite::types::FromSqlError> for StoreError {
    fn from(error: rusqlite::types::FromSqlError) -> Self {
        StoreError::Corrupt(error.to_string())
    }
}
