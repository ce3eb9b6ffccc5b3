//! The automatic daily backup (issue 15): an administrator chooses a folder (a USB stick, a second disk); the first
//! time the office is opened on a day without a copy, a copy is made there and old ones are thinned to 7 days and
//! 4 weeks. A folder that is not there (the stick not plugged in) makes nothing and says so; the reminder stays.

use crate::auth::{Permission, Session};
use crate::backup::BackupReceipt;
use crate::error::{FieldIssue, Result, ServiceError};
use crate::office::Office;
use chrono::{DateTime, Local, Utc};
use serde::{Deserialize, Serialize};
use std::path::Path;
use store::BackupSettingsRecord;
use ts_rs::TS;

/// The automatic backup as the accounts page shows and edits it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BackupSettings {
    /// Where the copies go; empty when no folder was chosen.
    pub folder: String,
    /// A copy each day, made when the office is first opened that day.
    pub daily: bool,
}

/// What opening the office did about the automatic backup.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AutomaticBackup {
    /// Off, or there is already a copy of today.
    NotDue,
    Made {
        receipt: Box<BackupReceipt>,
    },
    /// The folder is not there: nothing was made.
    FolderMissing {
        folder: String,
    },
}

impl Office {
    pub fn backup_settings(&self, session: &Session) -> Result<BackupSettings> {
        session.require(Permission::Read)?;
        Ok(self.store.read().backup_settings()?.map(|r| BackupSettings { folder: r.folder, daily: r.daily }).unwrap_or_default())
    }

    /// Administrators choose the folder and switch the daily copy on or off; audited.
    pub fn save_backup_settings(&mut self, session: &Session, settings: &BackupSettings) -> Result<()> {
        session.require(Permission::ManageUsers)?;
        let folder = settings.folder.trim().to_string();
        if settings.daily && folder.is_empty() {
            return Err(folder_issue("Hãy chọn thư mục sao lưu tự động.", "Choose the folder for the automatic backup."));
        }
        if !folder.is_empty() && !Path::new(&folder).is_absolute() {
            return Err(folder_issue(
                "Thư mục sao lưu phải là đường dẫn đầy đủ, ví dụ E:\\Sao lưu.",
                "The backup folder must be a full path, e.g. E:\\Backups.",
            ));
        }
        let record = BackupSettingsRecord { folder: folder.clone(), daily: settings.daily, updated_at: Utc::now() };
        let detail = format!("{} {}", if settings.daily { "daily" } else { "off" }, folder);
        self.store.write(|w| -> Result<()> {
            w.save_backup_settings(&record)?;
            w.audit(&session.username, "backup.settings", &detail)?;
            Ok(())
        })
    }

    /// Makes the day's copy when the daily backup is on and none was made today (by anyone, to any folder); the
    /// window calls it after logging in. `now` decides "today" in local time.
    pub fn automatic_backup(&mut self, session: &Session, now: DateTime<Utc>) -> Result<AutomaticBackup> {
        session.require(Permission::Read)?;
        let settings = self.backup_settings(session)?;
        if !settings.daily || settings.folder.is_empty() {
            return Ok(AutomaticBackup::NotDue);
        }
        if self.last_backup_at()?.is_some_and(|at| at.with_timezone(&Local).date_naive() == now.with_timezone(&Local).date_naive()) {
            return Ok(AutomaticBackup::NotDue);
        }
        let folder = Path::new(&settings.folder);
        if !folder.is_dir() {
            return Ok(AutomaticBackup::FolderMissing { folder: settings.folder });
        }
        Ok(AutomaticBackup::Made { receipt: Box::new(self.backup(session, folder, true)?) })
    }

    /// When the last copy was made, from the audit trail.
    pub(crate) fn last_backup_at(&self) -> Result<Option<DateTime<Utc>>> {
        let last = self.store.read().audit_log(1, None, Some("backup.write"))?.pop();
        Ok(last.and_then(|entry| DateTime::parse_from_rfc3339(&entry.at).ok()).map(|at| at.with_timezone(&Utc)))
    }
}

fn folder_issue(vi: &str, en: &str) -> ServiceError {
    ServiceError::InvalidFields(vec![FieldIssue { field: "folder".into(), message: vi.into(), message_en: en.into() }])
}
