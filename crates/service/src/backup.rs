//! "Sao lưu" and restoring (issue 15): a consistent copy of the office database taken while it is in use, with a
//! manifest that says what it holds and its SHA-256; restoring shows and checks a copy before anything is replaced,
//! and keeps the replaced file. Old copies are thinned to the last 7 days and 4 weeks when asked.

use crate::auth::{Permission, Session};
use crate::error::{Result, ServiceError};
use crate::keyring::{self, Keyring};
use crate::office::Office;
use chrono::{Datelike, Local, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use ts_rs::TS;

const FORMAT: &str = "thuocdo-backup-1";
const EXTENSION: &str = "tdbak";
const STAMP: &str = "%Y%m%d-%H%M%S";
/// How many days and weeks of copies rotation keeps (the newest copy of each).
const KEEP_DAYS: usize = 7;
const KEEP_WEEKS: usize = 4;
/// After how many days without a backup the window reminds.
const REMIND_AFTER_DAYS: i64 = 7;

/// Written beside each copy as `<copy>.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BackupManifest {
    pub format: String,
    /// The copy's file name.
    pub file: String,
    pub sha256: String,
    #[ts(type = "number")]
    pub bytes: u64,
    pub created_at: String,
    pub created_by: String,
    pub program_version: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub contents: BackupContents,
    /// The head of the audit chain at the time of the copy: a later log that does not continue it was cut.
    pub audit_head: Option<String>,
    /// The key file of an encrypted copy as it was when the copy was made: the copy opens with the passwords of
    /// that day (or the recovery code), on another PC too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(skip)]
    pub(crate) keyring: Option<Keyring>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BackupReceipt {
    pub path: String,
    pub manifest: BackupManifest,
    /// Older copies removed by rotation.
    pub removed: Vec<String>,
}

/// What a copy holds: whose office, and how much.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BackupContents {
    pub unit_code: String,
    pub unit_name: String,
    #[ts(type = "number")]
    pub schema_version: i64,
    #[ts(type = "number")]
    pub units: i64,
    #[ts(type = "number")]
    pub people: i64,
    #[ts(type = "number")]
    pub products: i64,
    #[ts(type = "number")]
    pub audit_entries: i64,
}

impl From<store::SnapshotFacts> for BackupContents {
    fn from(f: store::SnapshotFacts) -> Self {
        BackupContents {
            unit_code: f.unit_code,
            unit_name: f.unit_name,
            schema_version: f.schema_version,
            units: f.units,
            people: f.people,
            products: f.products,
            audit_entries: f.audit_entries,
        }
    }
}

/// What a copy holds and whether it checks, before anything is replaced.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BackupInspection {
    pub path: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub contents: BackupContents,
    /// From the manifest, when there is one.
    pub created_at: Option<String>,
    /// False when the copy has no manifest beside it (it was still checked by SQLite and for an office).
    pub manifest_found: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RestoreReport {
    pub restored: BackupInspection,
    /// Where the database that was replaced is kept (none when there was none).
    pub kept: Option<String>,
}

impl Office {
    /// Writes a copy of the office database into `folder` (made when missing) with its manifest. With `rotate`,
    /// this office's older copies in the folder beyond the last 7 days and 4 weeks are removed.
    pub fn backup(&mut self, session: &Session, folder: &Path, rotate: bool) -> Result<BackupReceipt> {
        session.require(Permission::Read)?;
        let cannot = |e: std::io::Error| ServiceError::CannotWrite { path: folder.display().to_string(), reason: e.to_string() };
        std::fs::create_dir_all(folder).map_err(cannot)?;
        let office = self.office_record()?;
        let read = self.store.read();
        let unit = read.unit_by_id(office.unit_id)?.ok_or_else(|| ServiceError::Internal("office unit missing".into()))?;
        let now = Utc::now();
        // Named by the second; a second copy within the same second (a click after the automatic copy) takes the
        // next free second's name rather than failing.
        let (name, path) = (0..60)
            .map(|later| {
                let name = format!(
                    "thuocdo-{}-{}.{EXTENSION}",
                    unit.code,
                    (now + chrono::Duration::seconds(later)).with_timezone(&Local).format(STAMP)
                );
                let path = folder.join(&name);
                (name, path)
            })
            .find(|(_, path)| !path.exists())
            .ok_or_else(|| ServiceError::CannotWrite {
                path: folder.display().to_string(),
                reason: "too many copies in one minute".into(),
            })?;
        self.store.snapshot_to(&path)?;
        let facts = store::snapshot_facts(&path, self.store.key())?;
        let keyring = if self.store.is_encrypted() { Keyring::load(self.store.path())? } else { None };
        let (sha256, bytes) = hash_file(&path)?;
        let manifest = BackupManifest {
            format: FORMAT.into(),
            file: name,
            sha256,
            bytes,
            created_at: now.to_rfc3339(),
            created_by: session.username.clone(),
            program_version: env!("CARGO_PKG_VERSION").into(),
            contents: facts.into(),
            audit_head: read.check_audit_chain()?.head,
            keyring,
        };
        let manifest_path = manifest_path_of(&path);
        let text = serde_json::to_string_pretty(&manifest).map_err(|e| ServiceError::Internal(e.to_string()))?;
        std::fs::write(&manifest_path, text).map_err(cannot)?;
        store::make_private(&manifest_path);
        let removed = if rotate { rotate_folder(folder, &unit.code)? } else { Vec::new() };
        self.store.write(|w| w.audit(&session.username, "backup.write", &path.display().to_string()))?;
        Ok(BackupReceipt { path: path.display().to_string(), manifest, removed })
    }
}

/// Opens a copy read-only and checks it: its manifest's hash when there is one, SQLite's integrity check, that it
/// holds an office and a schema this program reads. An encrypted copy opens with the password (of `username`, the
/// first administrator when `None`) as it was on the day of the copy, through the key file its manifest carries.
pub fn inspect_backup(path: &Path, username: Option<&str>, password: &str) -> Result<BackupInspection> {
    Ok(open_backup(path, &BackupProof::Password { username, password })?.0)
}

/// How an encrypted copy's key file is opened: with an account's password of the day the copy was made, or with
/// the code of a recovery sheet printed before it (every password forgotten and the PC gone).
#[derive(Debug, Clone, Copy)]
pub enum BackupProof<'a> {
    Password { username: Option<&'a str>, password: &'a str },
    RecoveryCode(&'a str),
}

impl BackupProof<'_> {
    fn open(&self, ring: &Keyring) -> Result<exchange::OfficeSecret> {
        match self {
            BackupProof::Password { username, password } => ring.open_secret(*username, password),
            BackupProof::RecoveryCode(typed) => {
                let code = exchange::RecoveryCode::parse(typed)?;
                let sealed = ring.recovery.as_deref().ok_or(ServiceError::BackupWithoutRecoveryCode)?;
                Ok(code.open(sealed)?)
            }
        }
    }
}

/// `inspect_backup` opened with a recovery code.
pub fn inspect_backup_with_code(path: &Path, typed_code: &str) -> Result<BackupInspection> {
    Ok(open_backup(path, &BackupProof::RecoveryCode(typed_code))?.0)
}

fn open_backup(path: &Path, proof: &BackupProof<'_>) -> Result<(BackupInspection, Option<Keyring>)> {
    let unreadable = |reason| ServiceError::BackupUnreadable { path: path.display().to_string(), reason };
    if !path.is_file() {
        return Err(unreadable(BackupProblem::Missing));
    }
    let manifest = read_manifest(path)?;
    if let Some(manifest) = &manifest {
        let (sha256, _) = hash_file(path)?;
        if sha256 != manifest.sha256 {
            return Err(unreadable(BackupProblem::HashMismatch));
        }
    }
    let keyring = manifest.as_ref().and_then(|m| m.keyring.clone());
    let key = match (store::file_kind(path)?, &keyring) {
        (store::FileKind::Encrypted, Some(ring)) => Some(crate::office::database_key(&proof.open(ring)?)),
        (store::FileKind::Encrypted, None) => return Err(unreadable(BackupProblem::NoKeyFile)),
        _ => None,
    };
    let inspection = BackupInspection {
        path: path.display().to_string(),
        contents: store::inspect_snapshot(path, key.as_ref())?.into(),
        created_at: manifest.as_ref().map(|m| m.created_at.clone()),
        manifest_found: manifest.is_some(),
    };
    Ok((inspection, keyring))
}

/// Puts a checked copy in place of the database at `database`; the replaced file is kept beside it as
/// `<name>.before-restore-<time>` (with its key file). Nothing is replaced when the copy does not check or the
/// database is open. The restored office is opened with the same name and password, which proves it opens.
pub fn restore_backup(database: &Path, backup: &Path, username: Option<&str>, password: &str) -> Result<RestoreReport> {
    let report = put_in_place(database, backup, &BackupProof::Password { username, password })?;
    // Opening migrates an older copy and proves it opens; the audit log says a restore happened.
    let (mut office, session) = Office::unlock(database, username, password)?;
    office.store.write(|w| w.audit(&session.username, "backup.restore", &backup.display().to_string()))?;
    Ok(report)
}

/// Every password forgotten and the PC gone: the copy is opened with the code of a recovery sheet printed before
/// it, put in place like `restore_backup`, and the administrator account `username` (the first when `None`) gets
/// `new_password`, as `recover` would give it. The restore and the recovery are both audited.
pub fn restore_backup_with_code(
    database: &Path,
    backup: &Path,
    typed_code: &str,
    username: Option<&str>,
    new_password: &str,
) -> Result<RestoreReport> {
    crate::auth::check_new_password(new_password)?;
    let report = put_in_place(database, backup, &BackupProof::RecoveryCode(typed_code))?;
    // The account is checked in the restored copy (an administrator, still active): refused, the replaced database
    // goes back, so that a refusal leaves everything as it was.
    let (mut office, session) = match crate::recovery::recover(database, typed_code, username, new_password) {
        Ok(opened) => opened,
        Err(error) => {
            put_back(database, &report);
            return Err(error);
        }
    };
    office.store.write(|w| w.audit(&session.username, "backup.restore", &backup.display().to_string()))?;
    Ok(report)
}

/// Undoes `put_in_place`: the replaced database and its key file back in place, or nothing where there was nothing.
fn put_back(database: &Path, report: &RestoreReport) {
    let key_file = keyring::path_for(database);
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", database.display()));
    }
    match &report.kept {
        Some(keep) => {
            let keep = Path::new(keep);
            let _ = std::fs::rename(keep, database);
            for suffix in ["-wal", "-shm"] {
                let _ = std::fs::rename(format!("{}{suffix}", keep.display()), format!("{}{suffix}", database.display()));
            }
            let kept_key_file = keyring::path_for(keep);
            if kept_key_file.exists() {
                let _ = std::fs::rename(&kept_key_file, &key_file);
            } else {
                let _ = std::fs::remove_file(&key_file);
            }
        }
        None => {
            let _ = std::fs::remove_file(database);
            let _ = std::fs::remove_file(&key_file);
        }
    }
}

fn put_in_place(database: &Path, backup: &Path, proof: &BackupProof<'_>) -> Result<RestoreReport> {
    let (restored, keyring) = open_backup(backup, proof)?;
    let name = database.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "thuocdo.db".into());
    let keep = database.with_file_name(format!("{name}.before-restore-{}", Local::now().format(STAMP)));
    let existed = database.exists();
    // The database in place is checked for being open elsewhere with its own key, when the password opens it; a
    // database it does not open (another office, a damaged one) is replaced as a damaged one would be.
    let current_key = match store::file_kind(database)? {
        store::FileKind::Encrypted => Keyring::load(database)
            .ok()
            .flatten()
            .and_then(|ring| proof.open(&ring).ok())
            .map(|secret| crate::office::database_key(&secret)),
        _ => None,
    };
    let key_file = keyring::path_for(database);
    let kept_key_file = keyring::path_for(&keep);
    let cannot = |path: &Path, e: std::io::Error| ServiceError::CannotWrite { path: path.display().to_string(), reason: e.to_string() };
    if key_file.exists() {
        std::fs::copy(&key_file, &kept_key_file).map_err(|e| cannot(&kept_key_file, e))?;
        store::make_private(&kept_key_file);
    }
    store::restore_snapshot(backup, database, &keep, current_key.as_ref())?;
    let placed = match &keyring {
        Some(ring) => ring.save(database),
        None => match std::fs::remove_file(&key_file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        },
    };
    if let Err(error) = placed {
        // Without its key file the restored copy would not open: the replaced database goes back.
        if existed {
            let _ = std::fs::rename(&keep, database);
        }
        return Err(cannot(&key_file, error));
    }
    Ok(RestoreReport { restored, kept: existed.then(|| keep.display().to_string()) })
}

/// Why a copy was refused before anything was read from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupProblem {
    Missing,
    HashMismatch,
    BadManifest,
    /// An encrypted copy without the manifest that carries its key file.
    NoKeyFile,
}

fn manifest_path_of(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".json");
    path.with_file_name(name)
}

fn read_manifest(path: &Path) -> Result<Option<BackupManifest>> {
    let manifest_path = manifest_path_of(path);
    let Ok(text) = std::fs::read_to_string(&manifest_path) else { return Ok(None) };
    let bad = || ServiceError::BackupUnreadable { path: manifest_path.display().to_string(), reason: BackupProblem::BadManifest };
    let manifest: BackupManifest = serde_json::from_str(&text).map_err(|_| bad())?;
    if manifest.format != FORMAT {
        return Err(bad());
    }
    Ok(Some(manifest))
}

fn hash_file(path: &Path) -> Result<(String, u64)> {
    let unreadable = |e: std::io::Error| ServiceError::EvidenceUnreadable { path: path.display().to_string(), reason: e.to_string() };
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    let mut bytes = 0u64;
    loop {
        let n = file.read(&mut buffer).map_err(unreadable)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
        bytes += n as u64;
    }
    Ok((hasher.finalize().iter().map(|b| format!("{b:02x}")).collect(), bytes))
}

/// Removes this office's copies (and their manifests) that rotation does not keep; returns their names.
fn rotate_folder(folder: &Path, unit_code: &str) -> Result<Vec<String>> {
    let prefix = format!("thuocdo-{unit_code}-");
    let suffix = format!(".{EXTENSION}");
    let mut copies: Vec<(NaiveDateTime, PathBuf)> = std::fs::read_dir(folder)
        .map_err(|e| ServiceError::CannotWrite { path: folder.display().to_string(), reason: e.to_string() })?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?.to_string();
            let stamp = name.strip_prefix(&prefix)?.strip_suffix(&suffix)?;
            NaiveDateTime::parse_from_str(stamp, STAMP).ok().map(|at| (at, path))
        })
        .collect();
    copies.sort();
    let keep = copies_to_keep(&copies.iter().map(|(at, _)| *at).collect::<Vec<_>>());
    let mut removed = Vec::new();
    for (index, (_, path)) in copies.iter().enumerate() {
        if !keep.contains(&index) {
            // The copy first: a copy that could not be removed keeps its manifest.
            if std::fs::remove_file(path).is_ok() {
                let _ = std::fs::remove_file(manifest_path_of(path));
                removed.push(path.file_name().unwrap_or_default().to_string_lossy().into_owned());
            }
        }
    }
    Ok(removed)
}

/// True when there is no backup, or the last (RFC 3339) is older than a week.
pub fn backup_due(last_backup: Option<&str>, now: chrono::DateTime<Utc>) -> bool {
    match last_backup.and_then(|at| chrono::DateTime::parse_from_rfc3339(at).ok()) {
        Some(at) => now.signed_duration_since(at) > chrono::Duration::days(REMIND_AFTER_DAYS),
        None => true,
    }
}

/// Which copies rotation keeps, given their times in ascending order: the newest of each of the last 7 days that
/// have a copy, then the newest of each of the 4 older weeks (ISO weeks with no copy kept yet). The newest copy is
/// always kept.
pub fn copies_to_keep(times: &[NaiveDateTime]) -> HashSet<usize> {
    let week_of = |at: &NaiveDateTime| (at.iso_week().year(), at.iso_week().week());
    let mut keep = HashSet::new();
    let (mut days, mut covered_weeks, mut weekly) = (Vec::new(), Vec::new(), 0);
    for (index, at) in times.iter().enumerate().rev() {
        if days.len() < KEEP_DAYS {
            if !days.contains(&at.date()) {
                days.push(at.date());
                covered_weeks.push(week_of(at));
                keep.insert(index);
            }
        } else if weekly < KEEP_WEEKS && !covered_weeks.contains(&week_of(at)) {
            covered_weeks.push(week_of(at));
            weekly += 1;
            keep.insert(index);
        }
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(day: u32, month: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, month, day).unwrap().and_hms_opt(hour, 0, 0).unwrap()
    }

    #[test]
    fn rotation_keeps_the_newest_of_seven_days_and_four_weeks_before_them() {
        // Two copies a day from 1 October to 30 November 2026.
        let mut times = Vec::new();
        let mut day = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
        while day <= NaiveDate::from_ymd_opt(2026, 11, 30).unwrap() {
            times.push(day.and_hms_opt(9, 0, 0).unwrap());
            times.push(day.and_hms_opt(17, 0, 0).unwrap());
            day = day.succ_opt().unwrap();
        }
        let keep = copies_to_keep(&times);
        let mut kept: Vec<NaiveDateTime> = keep.iter().map(|i| times[*i]).collect();
        kept.sort();
        // 24–30 November (the evening copy of each; ISO weeks 48 and 49), then the newest copy of each of the four
        // weeks before: Sundays 22, 15, 8 and 1 November (weeks 47, 46, 45, 44).
        let mut expected = vec![at(1, 11, 17), at(8, 11, 17), at(15, 11, 17), at(22, 11, 17)];
        expected.extend((24..=30).map(|d| at(d, 11, 17)));
        assert_eq!(kept, expected);
        assert!(kept.contains(&times[times.len() - 1]), "the newest is kept");
    }

    #[test]
    fn a_backup_is_due_when_there_is_none_or_it_is_over_a_week_old() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-12-10T08:00:00Z").unwrap().with_timezone(&Utc);
        assert!(backup_due(None, now));
        assert!(!backup_due(Some("2026-12-09T17:00:00Z"), now));
        assert!(!backup_due(Some("2026-12-03T08:00:00Z"), now), "exactly a week");
        assert!(backup_due(Some("2026-12-03T07:59:00Z"), now));
        assert!(backup_due(Some("not a time"), now));
    }

    #[test]
    fn few_copies_are_all_kept() {
        let times = vec![at(1, 12, 9), at(2, 12, 9), at(2, 12, 10)];
        assert_eq!(copies_to_keep(&times), HashSet::from([0, 2]));
    }
}
