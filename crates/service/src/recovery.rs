//! The way back when every administrator's password is lost (issue 15): an administrator prints a recovery sheet
//! whose code seals the office secret in the key file; with the sheet, an administrator account gets a new
//! password and the office opens again. Without the sheet nothing opens: the database is encrypted.

use crate::auth::{self, Permission, Role, Session};
use crate::error::{Result, ServiceError};
use crate::keyring::{self, Keyring};
use crate::office::{database_key, Office};
use crate::printing::{PrintOptions, PrintedDocument};
use chrono::{Local, Utc};
use documents::{DocumentView, RecoverySheetView};
use exchange::RecoveryCode;
use std::path::Path;
use store::Store;

/// A recovery sheet printed but not yet in force: the caller saves or shows the PDF, then keeps the sheet, which
/// seals its code in the key file. Saving failed, nothing changed: the earlier sheet still works.
pub struct RecoverySheet {
    pub document: PrintedDocument,
    sealed: String,
}

impl Office {
    /// A new recovery code for the office, in force at once: the office secret (opened with the administrator's
    /// password) is sealed under it in the key file, replacing the seal of any earlier sheet, which no longer
    /// recovers anything. The program keeps no copy of the code.
    pub fn new_recovery_code(&mut self, session: &Session, password: &str) -> Result<RecoveryCode> {
        let (code, sealed) = self.seal_new_code(session, password)?;
        self.keep_seal(session, sealed)?;
        Ok(code)
    }

    /// The recovery sheet of a new code, as PDF (Phiếu khôi phục truy cập). Nothing changes until
    /// [`Office::keep_recovery_sheet`].
    pub fn recovery_sheet(&self, session: &Session, password: &str, options: &PrintOptions) -> Result<RecoverySheet> {
        let (code, sealed) = self.seal_new_code(session, password)?;
        let today = options.fixed_date.map_or_else(|| Local::now().date_naive(), |d| d.date_naive());
        let summary = self.summary(session)?;
        let view = DocumentView::RecoverySheet(RecoverySheetView {
            office_name: summary.unit_name,
            made_on: domain::dates::format_vn_date(today),
            made_by: session.username.clone(),
            code: code.grouped(),
            database: summary.database,
        });
        let page = self.print_settings(session)?.page;
        let rendered =
            documents::render(&view, &documents::RenderOptions { settings: page, fixed_date: options.fixed_date, banner: None })?;
        let file_name = format!("phieu-khoi-phuc-{}.pdf", crate::printing::common::code_part(&summary.unit_code));
        Ok(RecoverySheet {
            document: PrintedDocument {
                file_name,
                bytes: rendered.bytes,
                pages: Some(rendered.pages),
                format: crate::printing::DocumentFormat::Pdf,
            },
            sealed,
        })
    }

    /// Puts a printed sheet in force: its code now opens the office, and any earlier sheet no longer does.
    pub fn keep_recovery_sheet(&mut self, session: &Session, sheet: RecoverySheet) -> Result<()> {
        self.keep_seal(session, sheet.sealed)
    }

    fn seal_new_code(&self, session: &Session, password: &str) -> Result<(RecoveryCode, String)> {
        session.require(Permission::ManageUsers)?;
        if !self.store.is_encrypted() {
            // A database from before encryption that another window kept plain at this login: the sheet would
            // seal a key file that the encryption at the next login rewrites anyway.
            return Err(ServiceError::NotYetEncrypted);
        }
        let secret = self.open_secret(session, password)?;
        let code = RecoveryCode::generate();
        let sealed = code.seal(&secret)?;
        Ok((code, sealed))
    }

    fn keep_seal(&mut self, session: &Session, sealed: String) -> Result<()> {
        session.require(Permission::ManageUsers)?;
        let path = self.store.path().to_path_buf();
        self.sync_keyring()?;
        let mut ring =
            Keyring::load(&path)?.ok_or_else(|| ServiceError::KeyringMissing { path: keyring::path_for(&path).display().to_string() })?;
        ring.recovery = Some(sealed);
        ring.recovery_made_at = Some(Utc::now());
        ring.save(&path)
            .map_err(|e| ServiceError::CannotWrite { path: keyring::path_for(&path).display().to_string(), reason: e.to_string() })?;
        self.store.write(|w| w.audit(&session.username, "recovery.new", "a new recovery sheet"))?;
        Ok(())
    }

    /// When the office's recovery sheet was made; `None` when it has none (the header then asks an administrator
    /// to print one).
    pub(crate) fn recovery_sheet_made_at(&self) -> Option<chrono::DateTime<Utc>> {
        if !self.store.is_encrypted() {
            return None;
        }
        Keyring::load(self.store.path()).ok().flatten().and_then(|ring| ring.recovery.is_some().then_some(ring.recovery_made_at).flatten())
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
