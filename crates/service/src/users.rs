//! The office's accounts (issue 15): an administrator adds them with a role (and, for data entry, a unit), resets a
//! forgotten password, changes a role, deactivates and reactivates; and the office secret each account holds
//! wrapped with its own password, which opens the office's signing keys.
//!
//! Making or resetting an account needs the administrator's own password as well as the session: the office secret
//! must be opened to wrap it for the other account, and a sensitive change deserves the proof.

use crate::auth::{self, Permission, Role, Session};
use crate::error::{Result, ServiceError};
use crate::exchange::UnitTree;
use crate::office::Office;
use chrono::{DateTime, Utc};
use exchange::{OfficeKeyPair, OfficeSecret};
use serde::{Deserialize, Serialize};
use store::{Reader, UserRecord};
use ts_rs::TS;
use uuid::Uuid;

/// An account as an administrator sees it (never its password hash).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct UserItem {
    pub username: String,
    pub role: Role,
    /// The unit a data-entry account is limited to, by code and name.
    pub unit_code: Option<String>,
    pub unit_name: Option<String>,
    /// Wrong passwords since the last good one.
    #[ts(type = "number")]
    pub failed_logins: i64,
    /// Set while the account is locked out.
    #[ts(type = "string | null")]
    pub locked_until: Option<DateTime<Utc>>,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    #[ts(type = "string | null")]
    pub deactivated_at: Option<DateTime<Utc>>,
    /// False for an account made before the office secret existed that has not logged in since: it cannot sign.
    pub holds_office_secret: bool,
}

/// What the administrator fills in to add an account.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct NewUser {
    pub username: String,
    pub role: Role,
    /// For data entry: the unit (code) the account may edit, with those below it; empty for the whole office.
    pub unit_code: Option<String>,
    /// The new account's first password; its owner should change it.
    pub password: String,
}

/// A password changed: whose, and whether the office's signing keys were wrapped again with it.
#[derive(Debug, Clone, Serialize)]
pub struct PasswordChanged {
    pub username: String,
    pub office_keys_rewrapped: bool,
}

impl Office {
    /// The office's accounts: name, role, unit, when made, whether locked out now or deactivated.
    pub fn users(&self, session: &Session) -> Result<Vec<UserItem>> {
        session.require(Permission::ManageUsers)?;
        let read = self.store.read();
        let now = Utc::now();
        read.users()?.into_iter().map(|u| user_item(read, u, now)).collect()
    }

    /// Adds an account. `admin_password` is the administrator's own: it opens the office secret, which is wrapped
    /// with the new account's password.
    pub fn add_user(&mut self, session: &Session, admin_password: &str, new: &NewUser) -> Result<UserItem> {
        session.require(Permission::ManageUsers)?;
        let username = auth::check_username(&new.username)?;
        auth::check_new_password(&new.password)?;
        let read = self.store.read();
        if read.user_by_name(&username)?.is_some() {
            return Err(ServiceError::UserExists { username });
        }
        let unit_id = self.scope_unit(new.role, new.unit_code.as_deref())?;
        let secret = self.open_secret(session, admin_password)?;
        let user = UserRecord {
            id: Uuid::now_v7(),
            username: username.clone(),
            role: new.role.code().into(),
            unit_id,
            password_hash: auth::hash_password(&new.password)?,
            secret_wrapped: Some(secret.wrap(&auth::normalize_password(&new.password))?),
            failed_logins: 0,
            locked_until: None,
            created_at: Utc::now(),
            deactivated_at: None,
        };
        self.store.write(|w| -> Result<()> {
            w.insert_user(&user)?;
            w.audit(&session.username, "users.add", &format!("{username} {}", new.role.code()))?;
            Ok(())
        })?;
        self.sync_keyring()?;
        let read = self.store.read();
        user_item(read, user, Utc::now())
    }

    /// Sets a new password for another account (forgotten, or a new person takes the desk); the lock-out ends.
    pub fn reset_password(&mut self, session: &Session, admin_password: &str, username: &str, new_password: &str) -> Result<()> {
        session.require(Permission::ManageUsers)?;
        let user = self.existing_user(username)?;
        auth::check_new_password(new_password)?;
        let secret = self.open_secret(session, admin_password)?;
        let hash = auth::hash_password(new_password)?;
        let wrapped = secret.wrap(&auth::normalize_password(new_password))?;
        self.store.write(|w| -> Result<()> {
            w.set_password(&user.username, &hash, Some(&wrapped))?;
            w.audit(&session.username, "users.reset", &user.username)?;
            Ok(())
        })?;
        self.sync_keyring()
    }

    /// Gives an account another role (and unit, for data entry). The last active administrator keeps the role.
    pub fn set_role(&mut self, session: &Session, username: &str, role: Role, unit_code: Option<&str>) -> Result<()> {
        session.require(Permission::ManageUsers)?;
        let user = self.existing_user(username)?;
        if user.role == Role::Admin.code() && role != Role::Admin {
            self.ensure_another_admin(&user.username)?;
        }
        let unit_id = self.scope_unit(role, unit_code)?;
        self.store.write(|w| -> Result<()> {
            w.set_user_role(&user.username, role.code(), unit_id)?;
            w.audit(&session.username, "users.role", &format!("{} {} → {}", user.username, user.role, role.code()))?;
            Ok(())
        })?;
        self.sync_keyring()
    }

    /// Deactivates an account: it can no longer log in; its name stays in the records and the audit log. Nobody
    /// deactivates their own account or the last active administrator.
    pub fn deactivate_user(&mut self, session: &Session, username: &str) -> Result<()> {
        session.require(Permission::ManageUsers)?;
        let user = self.existing_user(username)?;
        if user.username == session.username {
            return Err(ServiceError::CannotDeactivateSelf);
        }
        if user.role == Role::Admin.code() {
            self.ensure_another_admin(&user.username)?;
        }
        self.store.write(|w| -> Result<()> {
            w.set_user_deactivated(&user.username, Some(Utc::now()))?;
            w.audit(&session.username, "users.deactivate", &user.username)?;
            Ok(())
        })?;
        self.sync_keyring()
    }

    pub fn reactivate_user(&mut self, session: &Session, username: &str) -> Result<()> {
        session.require(Permission::ManageUsers)?;
        let user = self.existing_user(username)?;
        self.store.write(|w| -> Result<()> {
            w.set_user_deactivated(&user.username, None)?;
            w.audit(&session.username, "users.reactivate", &user.username)?;
            Ok(())
        })?;
        self.sync_keyring()
    }

    /// Changes the logged-in user's own password (see `auth::change_password`).
    pub fn change_password(&mut self, session: &Session, current: &str, new: &str) -> Result<PasswordChanged> {
        let office_keys_rewrapped = auth::change_password(&mut self.store, session, current, new, Utc::now())?;
        self.sync_keyring()?;
        Ok(PasswordChanged { username: session.username.clone(), office_keys_rewrapped })
    }

    /// The office's signing key (and the previous one during a rotation), opened with the user's password.
    pub(crate) fn open_office_keys(&self, session: &Session, password: &str) -> Result<(OfficeKeyPair, Option<OfficeKeyPair>)> {
        session.require(Permission::Exchange)?;
        let office = self.office_record()?;
        let previous = self.store.read().previous_office_key()?.map(|(_, stored)| stored);
        if exchange::is_sealed_key(&office.secret_key_wrapped) {
            let secret = self.open_secret(session, password)?;
            let current = secret.open_key(&office.secret_key_wrapped)?;
            let previous = previous.map(|stored| secret.open_key(&stored)).transpose()?;
            Ok((current, previous))
        } else {
            // An office whose key is still wrapped with its administrator's password (made before the office
            // secret, the administrator not logged in since).
            let password = auth::normalize_password(password);
            let current = OfficeKeyPair::unwrap(&office.secret_key_wrapped, &password)?;
            let previous = previous.map(|stored| OfficeKeyPair::unwrap(&stored, &password)).transpose()?;
            Ok((current, previous))
        }
    }

    /// The office secret, opened with the session user's password.
    pub(crate) fn open_secret(&self, session: &Session, password: &str) -> Result<OfficeSecret> {
        let user = self.existing_user(&session.username)?;
        let wrapped = user.secret_wrapped.ok_or(ServiceError::NoOfficeSecret)?;
        Ok(OfficeSecret::unwrap(&wrapped, &auth::normalize_password(password))?)
    }

    fn existing_user(&self, username: &str) -> Result<UserRecord> {
        let name = username.trim().to_ascii_lowercase();
        self.store.read().user_by_name(&name)?.ok_or(ServiceError::UnknownUser { username: name })
    }

    fn ensure_another_admin(&self, username: &str) -> Result<()> {
        let others = self
            .store
            .read()
            .users()?
            .into_iter()
            .filter(|u| u.role == Role::Admin.code() && u.deactivated_at.is_none() && u.username != username)
            .count();
        if others == 0 {
            return Err(ServiceError::LastAdmin);
        }
        Ok(())
    }

    /// The unit an account of `role` is limited to: only data entry may be; the unit must exist.
    fn scope_unit(&self, role: Role, unit_code: Option<&str>) -> Result<Option<Uuid>> {
        let code = unit_code.map(str::trim).filter(|c| !c.is_empty());
        match (role, code) {
            (_, None) => Ok(None),
            (Role::DataEntry, Some(code)) => {
                let code = domain::org::normalize_unit_code(code).map_err(ServiceError::BadUnitCode)?;
                let unit = self.store.read().unit_by_code(&code)?.ok_or(ServiceError::UnknownUnit { code })?;
                Ok(Some(unit.meta.id))
            }
            (_, Some(_)) => Err(ServiceError::ScopeOnlyForDataEntry),
        }
    }

    /// Refuses an action that spans the whole office (a sheet import, a programme) to an account limited to a unit.
    pub(crate) fn require_whole_office(&self, session: &Session, permission: Permission) -> Result<()> {
        session.require(permission)?;
        match session.unit_scope {
            None => Ok(()),
            Some(_) => Err(ServiceError::WholeOfficeOnly),
        }
    }
}

/// Refuses a data-entry account limited to a unit when `unit_id` lies outside it (the permission itself is the
/// caller's to check).
pub(crate) fn require_unit(read: Reader<'_>, session: &Session, unit_id: Uuid) -> Result<()> {
    let Some(scope) = session.unit_scope else { return Ok(()) };
    if UnitTree::read(read)?.within(unit_id, scope) {
        return Ok(());
    }
    let unit = read.unit_by_id(unit_id)?.map(|u| u.name).unwrap_or_default();
    Err(ServiceError::OutsideUnit { unit })
}

/// As `require_unit`, for a cadre: one of their current posts must lie within the account's unit.
pub(crate) fn require_person(read: Reader<'_>, session: &Session, person_id: Uuid) -> Result<()> {
    let Some(scope) = session.unit_scope else { return Ok(()) };
    let tree = UnitTree::read(read)?;
    let units: Vec<Uuid> = read.assignments_of(person_id)?.into_iter().filter(|a| a.end_date.is_none()).map(|a| a.unit_id).collect();
    if units.iter().any(|u| tree.within(*u, scope)) {
        return Ok(());
    }
    let unit = units.first().map(|u| read.unit_by_id(*u)).transpose()?.flatten().map(|u| u.name).unwrap_or_default();
    Err(ServiceError::OutsideUnit { unit })
}

fn user_item(read: Reader<'_>, user: UserRecord, now: DateTime<Utc>) -> Result<UserItem> {
    let unit = user.unit_id.map(|id| read.unit_by_id(id)).transpose()?.flatten();
    Ok(UserItem {
        role: Role::from_code(&user.role).ok_or_else(|| ServiceError::Internal(format!("unknown role {}", user.role)))?,
        unit_code: unit.as_ref().map(|u| u.code.clone()),
        unit_name: unit.map(|u| u.name),
        locked_until: user.locked_until.filter(|until| *until > now),
        failed_logins: user.failed_logins,
        created_at: user.created_at,
        deactivated_at: user.deactivated_at,
        holds_office_secret: user.secret_wrapped.is_some(),
        username: user.username,
    })
}
