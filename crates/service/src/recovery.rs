//! The way back when every administrator's password is lost (issue 15): an administrator prints a recovery sheet
//! whose code seals the office secret in the key file; with the sheet, an administrator account gets a new
//! password and the office opens again. Without the sheet nothing opens: the database is encrypted.

use crate::auth::{self, Permission, Role, Session};
use crate::error::{Result, ServiceError};
use crate::keyring::{self, Keyring};
use crate::office::{database_key, Office};
use chrono::Utc;
use exchange::RecoveryCode;
use std::path::Path;
use store::Store;

impl Office {
    /// A new recovery code for the office: the office secret (opened with the administrator's password) is sealed
    /// under it in the key file, replacing the seal of any earlier sheet, which no longer recovers anything. The
    /// code is shown once, to be printed and kept locked away; the program keeps no copy of it.
    pub fn new_recovery_code(&mut self, session: &Session, password: &str) -> Result<RecoveryCode> {
        session.require(Permission::ManageUsers)?;
        if !self.store.is_encrypted() {
            // A database from before encryption that another window kept plain at this login: the sheet would
            // seal a key file that the encryption at the next login rewrites anyway.
            return Err(ServiceError::NotYetEncrypted);
        }
        let secret = self.open_secret(session, password)?;
        let code = RecoveryCode::generate();
        let sealed = code.seal(&secret)?;
        let path = self.store.path().to_path_buf();
        self.sync_keyring()?;
        let mut ring =
            Keyring::load(&path)?.ok_or_else(|| ServiceError::KeyringMissing { path: keyring::path_for(&path).display().to_string() })?;
        ring.recovery = Some(sealed);
        ring.recovery_made_at = Some(Utc::now());
        ring.save(&path)
            .map_err(|e| ServiceError::CannotWrite { path: keyring::path_for(&path).display().to_string(), reason: e.to_string() })?;
        self.store.write(|w| w.audit(&session.username, "recovery.new", "a new recovery sheet"))?;
        Ok(code)
    }
}

/// Gives the administrator account `username` (the first administrator when `None`) the password `new_password`,
/// proven by the recovery code typed from the sheet, and opens the office with it. The lock-out of the account
/// ends; the recovery is entered in the audit trail. Another role cannot be recovered this way: an administrator
/// resets it.
pub fn recover(database: &Path, typed_code: &str, username: Option<&str>, new_password: &str) -> Result<(Office, Session)> {
    auth::check_new_password(new_password)?;
    let code = RecoveryCode::parse(typed_code)?;
    let ring =
        Keyring::load(database)?.ok_or_else(|| ServiceError::KeyringMissing { path: keyring::path_for(database).display().to_string() })?;
    let sealed = ring.recovery.as_deref().ok_or(ServiceError::NoRecoveryCode)?;
    let secret = code.open(sealed)?;
    let mut office = Office { store: Store::open_keyed(database, &database_key(&secret))? };
    let username = match username {
        Some(name) => name.trim().to_ascii_lowercase(),
        None => office.store.read().first_admin()?.ok_or_else(|| ServiceError::Internal("office without administrator".into()))?,
    };
    let user = office.store.read().user_by_name(&username)?.ok_or_else(|| ServiceError::UnknownUser { username: username.clone() })?;
    if user.deactivated_at.is_some() {
        return Err(ServiceError::Deactivated { username });
    }
    if Role::from_code(&user.role) != Some(Role::Admin) {
        return Err(ServiceError::NotAnAdministrator { username });
    }
    let hash = auth::hash_password(new_password)?;
    let wrapped = secret.wrap(&auth::normalize_password(new_password))?;
    office.store.write(|w| -> Result<()> {
        w.set_password(&username, &hash, Some(&wrapped))?;
        w.audit(&username, "users.recover", "new password from the recovery sheet")?;
        Ok(())
    })?;
    // Should the key file not be written (a full disk), it keeps the old wrap and the seal: the new password does
    // not open yet, and recovering again with the same sheet finishes the job.
    office.sync_keyring()?;
    let session = Session { username, role: Role::Admin, unit_scope: None };
    Ok((office, session))
}
