//! The office itself: its identity and key, its users, its revision clock and its audit log.

use crate::convert::{opt_time, time, time_text, uuid};
use crate::error::Result;
use crate::{OfficeRecord, Reader, UserRecord, Writer};
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

impl Reader<'_> {
    pub fn office(&self) -> Result<Option<OfficeRecord>> {
        self.conn
            .query_row(
                "SELECT unit_id, superior_code, key_id, public_key, secret_key_wrapped, created_at FROM office WHERE singleton = 1",
                [],
                |row| Ok((row.get::<_, String>(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get::<_, String>(5)?)),
            )
            .optional()?
            .map(|(unit_id, superior_code, key_id, public_key, secret_key_wrapped, created_at)| {
                Ok(OfficeRecord {
                    unit_id: uuid(&unit_id)?,
                    superior_code,
                    key_id,
                    public_key,
                    secret_key_wrapped,
                    created_at: time(&created_at)?,
                })
            })
            .transpose()
    }

    pub fn user_by_name(&self, username: &str) -> Result<Option<UserRecord>> {
        Ok(self.users_where("WHERE username = ?1", params![username])?.pop())
    }

    /// Every account of the office, by name.
    pub fn users(&self) -> Result<Vec<UserRecord>> {
        self.users_where("ORDER BY username", params![])
    }

    fn users_where(&self, clause: &str, values: impl rusqlite::Params) -> Result<Vec<UserRecord>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id, username, role, unit_id, password_hash, secret_wrapped, failed_logins, locked_until, created_at, deactivated_at
             FROM users {clause}"
        ))?;
        let rows = stmt.query_and_then(values, |row| -> Result<UserRecord> {
            Ok(UserRecord {
                id: uuid(&row.get::<_, String>(0)?)?,
                username: row.get(1)?,
                role: row.get(2)?,
                unit_id: row.get::<_, Option<String>>(3)?.as_deref().map(uuid).transpose()?,
                password_hash: row.get(4)?,
                secret_wrapped: row.get(5)?,
                failed_logins: row.get(6)?,
                locked_until: opt_time(row.get(7)?)?,
                created_at: time(&row.get::<_, String>(8)?)?,
                deactivated_at: opt_time(row.get(9)?)?,
            })
        })?;
        rows.collect()
    }

    /// The first administrator, who is who a command acts as when no user is named.
    pub fn first_admin(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT username FROM users WHERE role = 'admin' AND deactivated_at IS NULL ORDER BY created_at, username LIMIT 1",
                [],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// The entries of one action whose detail starts with `prefix` (a record's id), oldest first: (at, user, detail).
    pub fn audit_entries_about(&self, action: &str, prefix: &str) -> Result<Vec<(DateTime<Utc>, String, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, username, detail FROM audit_log WHERE action = ?1 AND substr(detail, 1, length(?2)) = ?2 ORDER BY id",
        )?;
        let rows = stmt.query_and_then(params![action, prefix], |row| -> Result<(DateTime<Utc>, String, String)> {
            Ok((time(&row.get::<_, String>(0)?)?, row.get(1)?, row.get(2)?))
        })?;
        rows.collect()
    }
}

impl Writer<'_> {
    pub fn insert_office(&self, office: &OfficeRecord) -> Result<()> {
        self.conn().execute(
            "INSERT INTO office (singleton, unit_id, superior_code, key_id, public_key, secret_key_wrapped, created_at) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                office.unit_id.to_string(),
                office.superior_code,
                office.key_id,
                office.public_key,
                office.secret_key_wrapped,
                time_text(office.created_at)
            ],
        )?;
        Ok(())
    }

    pub fn insert_user(&self, user: &UserRecord) -> Result<()> {
        self.conn().execute(
            "INSERT INTO users (id, username, role, unit_id, password_hash, secret_wrapped, failed_logins, locked_until, created_at, deactivated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                user.id.to_string(),
                user.username,
                user.role,
                user.unit_id.map(|id| id.to_string()),
                user.password_hash,
                user.secret_wrapped,
                user.failed_logins,
                user.locked_until.map(time_text),
                time_text(user.created_at),
                user.deactivated_at.map(time_text)
            ],
        )?;
        Ok(())
    }

    /// A new password: its hash and the office secret wrapped with it, in one statement. The failed-login count
    /// starts again, as after a good login.
    pub fn set_password(&self, username: &str, password_hash: &str, secret_wrapped: Option<&str>) -> Result<()> {
        self.conn().execute(
            "UPDATE users SET password_hash = ?2, secret_wrapped = COALESCE(?3, secret_wrapped), failed_logins = 0, locked_until = NULL
             WHERE username = ?1",
            params![username, password_hash, secret_wrapped],
        )?;
        Ok(())
    }

    pub fn set_user_secret(&self, username: &str, secret_wrapped: &str) -> Result<()> {
        self.conn().execute("UPDATE users SET secret_wrapped = ?2 WHERE username = ?1", params![username, secret_wrapped])?;
        Ok(())
    }

    pub fn set_user_role(&self, username: &str, role: &str, unit_id: Option<uuid::Uuid>) -> Result<()> {
        self.conn().execute(
            "UPDATE users SET role = ?2, unit_id = ?3 WHERE username = ?1",
            params![username, role, unit_id.map(|id| id.to_string())],
        )?;
        Ok(())
    }

    /// Deactivates (`Some`) or reactivates (`None`) an account; it is never deleted, the audit log names it.
    pub fn set_user_deactivated(&self, username: &str, at: Option<DateTime<Utc>>) -> Result<()> {
        self.conn().execute("UPDATE users SET deactivated_at = ?2 WHERE username = ?1", params![username, at.map(time_text)])?;
        Ok(())
    }

    /// Adds one failed login and returns the new count, atomically within the caller's transaction.
    pub fn count_login_failure(&self, username: &str) -> Result<i64> {
        Ok(self.conn().query_row(
            "UPDATE users SET failed_logins = failed_logins + 1 WHERE username = ?1 RETURNING failed_logins",
            [username],
            |row| row.get(0),
        )?)
    }

    pub fn set_login_failures(&self, username: &str, failed_logins: i64, locked_until: Option<DateTime<Utc>>) -> Result<()> {
        self.conn().execute(
            "UPDATE users SET failed_logins = ?2, locked_until = ?3 WHERE username = ?1",
            params![username, failed_logins, locked_until.map(time_text)],
        )?;
        Ok(())
    }

    /// The next value of the office's revision clock; taken inside the caller's transaction, so a rolled-back
    /// write gives its revision back.
    pub fn next_revision(&self) -> Result<i64> {
        Ok(self
            .conn()
            .prepare_cached("UPDATE revision_clock SET last = last + 1 WHERE singleton = 1 RETURNING last")?
            .query_row([], |row| row.get(0))?)
    }
}
