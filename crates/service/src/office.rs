//! Setting up an office and opening it: the unit it serves, its administrator and its signing key.

use crate::auth::{self, Role, Session};
use crate::catalog;
use crate::error::{Result, ServiceError};
use crate::keyring::Keyring;
use crate::records::Stamp;
use chrono::Utc;
use domain::org::normalize_unit_code;
use domain::text::clean;
use exchange::OfficeKeyPair;
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use store::{Meta, OfficeRecord, PositionGroupRecord, PositionRecord, Store, UnitRecord, UserRecord};
use ts_rs::TS;
use uuid::Uuid;

/// What `thuocdo init` and the first-run screen ask for.
#[derive(Debug, Clone)]
pub struct NewOffice {
    pub unit_name: String,
    pub unit_code: String,
    pub level: String,
    pub parent_code: Option<String>,
    pub admin: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct OfficeSummary {
    pub unit_code: String,
    pub unit_name: String,
    pub level: String,
    pub superior_code: Option<String>,
    pub admin: String,
    pub key_id: String,
    pub fingerprint: String,
    pub database: String,
    pub units: usize,
    #[ts(type = "number")]
    pub people: i64,
    /// The logged-in user and their role: the window offers only what the permissions allow.
    pub username: String,
    pub role: auth::Role,
    pub permissions: Vec<auth::Permission>,
    /// The unit a data-entry account is limited to, by name.
    pub unit_scope: Option<String>,
    /// When the office was last backed up (RFC 3339), from the audit trail.
    pub last_backup: Option<String>,
    /// True when there is no backup, or the last is older than a week: the window reminds.
    pub backup_due: bool,
    /// True when the office has no recovery sheet in force and the user could print one (an administrator of an
    /// encrypted office): the window reminds.
    pub recovery_sheet_due: bool,
    /// True for demo data: the window marks it as such everywhere and offers to leave it for a real office.
    pub demo: bool,
}

/// An open office database. Use cases are methods; those that touch office data take a Session.
pub struct Office {
    pub(crate) store: Store,
}

/// Creates the office in a new database at `path` (or an empty one). Refuses a database that already has one.
pub fn create_office(path: &Path, new: &NewOffice, password: &str) -> Result<Office> {
    create_office_with(path, new, password, |_, _| Ok(()))
}

/// Creates the office and runs `more` in the same transaction. When anything fails, a database file this call
/// created is removed again, so a bad input never leaves an empty office file behind.
pub(crate) fn create_office_with(
    path: &Path,
    new: &NewOffice,
    password: &str,
    more: impl FnOnce(&store::Writer<'_>, Stamp) -> Result<()>,
) -> Result<Office> {
    let existed = path.exists();
    let result = set_up(path, new, password, more);
    if result.is_err() && !existed {
        for suffix in ["", "-wal", "-shm", ".keys"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
    result
}

fn set_up(path: &Path, new: &NewOffice, password: &str, more: impl FnOnce(&store::Writer<'_>, Stamp) -> Result<()>) -> Result<Office> {
    let admin = auth::check_username(&new.admin)?;
    auth::check_new_password(password)?;
    let unit_name = clean(&new.unit_name);
    if unit_name.is_empty() {
        return Err(ServiceError::EmptyName);
    }
    let unit_code = normalize_unit_code(&new.unit_code).map_err(ServiceError::BadUnitCode)?;
    let superior_code = new.parent_code.as_deref().map(normalize_unit_code).transpose().map_err(ServiceError::BadUnitCode)?;

    if store::file_kind(path)? != store::FileKind::Absent {
        return Err(ServiceError::AlreadySetUp { path: path.display().to_string() });
    }
    let secret = exchange::OfficeSecret::generate();
    let mut store = Store::open_keyed(path, &database_key(&secret))?;
    let levels = store.read().unit_levels()?;
    let level = new.level.trim().to_ascii_lowercase();
    if !levels.iter().any(|l| l.code == level) {
        return Err(ServiceError::UnknownLevel { code: new.level.clone(), known: levels.into_iter().map(|l| l.code).collect() });
    }

    let key = OfficeKeyPair::generate();
    let sealed_key = secret.seal_key(&key)?;
    let secret_wrapped = secret.wrap(&auth::normalize_password(password))?;
    let password_hash = auth::hash_password(password)?;
    let unit_id = Uuid::now_v7();
    let now = Utc::now();
    store.write(|w| -> Result<()> {
        let stamp = Stamp { owner: unit_id, now };
        let revision = w.next_revision()?;
        w.insert_unit(&UnitRecord {
            meta: stamp.meta_with_id(unit_id, revision),
            code: unit_code.clone(),
            name: unit_name.clone(),
            level: level.clone(),
            parent_id: None,
            ended_on: None,
            merged_into: None,
        })?;
        w.insert_office(&OfficeRecord {
            unit_id,
            superior_code: superior_code.clone(),
            key_id: key.key_id().to_string(),
            public_key: key.public_key().to_minisign_file(),
            secret_key_wrapped: sealed_key.clone(),
            created_at: now,
        })?;
        w.insert_user(&UserRecord {
            id: Uuid::now_v7(),
            username: admin.clone(),
            role: Role::Admin.code().into(),
            unit_id: None,
            password_hash: password_hash.clone(),
            secret_wrapped: Some(secret_wrapped.clone()),
            failed_logins: 0,
            locked_until: None,
            created_at: now,
            deactivated_at: None,
        })?;
        seed_catalogue(w, stamp)?;
        w.audit(&admin, "office.create", &format!("{unit_code} {unit_name}"))?;
        more(w, stamp)
    })?;
    let office = Office { store };
    office.sync_keyring()?;
    Ok(office)
}

/// The key the office database is encrypted with, from the office secret.
pub(crate) fn database_key(secret: &exchange::OfficeSecret) -> store::DatabaseKey {
    store::DatabaseKey::from_bytes(*secret.database_key())
}

fn seed_catalogue(w: &store::Writer<'_>, stamp: Stamp) -> Result<()> {
    let mut groups: HashMap<String, Uuid> = HashMap::new();
    for position in catalog::positions() {
        let group_id = match groups.get(&position.group_code) {
            Some(id) => *id,
            None => {
                let meta = stamp.meta(w.next_revision()?);
                let id = meta.id;
                w.insert_position_group(&PositionGroupRecord {
                    meta,
                    code: position.group_code.clone(),
                    name: position.group_name.clone(),
                })?;
                groups.insert(position.group_code.clone(), id);
                id
            }
        };
        w.insert_position(&PositionRecord {
            meta: stamp.meta(w.next_revision()?),
            code: position.code,
            name: position.name,
            group_id,
            is_head: position.is_head,
        })?;
    }
    let meta = stamp.meta(w.next_revision()?);
    w.insert_position_group(&PositionGroupRecord { meta, code: catalog::OTHER_GROUP_CODE.into(), name: catalog::OTHER_GROUP_NAME.into() })?;
    Ok(())
}

impl Office {
    /// Opens the office database at `path` for `username` (the first administrator when `None`) with their
    /// password. An encrypted database is opened with the office secret its key file unwraps with the password; a
    /// database made before encryption is checked against its accounts as before, then encrypted in place when the
    /// account holds the office secret and nothing else has the database open.
    pub fn unlock(path: &Path, username: Option<&str>, password: &str) -> Result<(Office, Session)> {
        match store::file_kind(path)? {
            store::FileKind::Absent => Err(store::StoreError::NoDatabase(path.to_path_buf()).into()),
            store::FileKind::NotADatabase => Err(store::StoreError::NotADatabase(path.to_path_buf()).into()),
            store::FileKind::Plain => {
                let mut office = Office::with_store(Store::open_existing(path)?)?;
                let session = office.login(username, password)?;
                let office = office.encrypted(&session, password)?;
                Ok((office, session))
            }
            store::FileKind::Encrypted => {
                let (secret, wrong_before) = auth::unlock_keyring(path, username, password, Utc::now())?;
                let mut office = Office::with_store(Store::open_keyed(path, &database_key(&secret))?)?;
                let session = auth::session_after_unlock(&mut office.store, username, wrong_before)?;
                Ok((office, session))
            }
        }
    }

    pub(crate) fn with_store(store: Store) -> Result<Office> {
        if store.read().office()?.is_none() {
            return Err(ServiceError::NoOffice { path: store.path().display().to_string() });
        }
        Ok(Office { store })
    }

    /// Logs a user in to the open office (again); `None` means the office's first administrator.
    pub fn login(&mut self, username: Option<&str>, password: &str) -> Result<Session> {
        if self.store.is_encrypted() {
            let (_, wrong_before) = auth::unlock_keyring(self.store.path(), username, password, Utc::now())?;
            return auth::session_after_unlock(&mut self.store, username, wrong_before);
        }
        let username = match username {
            Some(name) => name.to_string(),
            None => self.store.read().first_admin()?.ok_or_else(|| ServiceError::Internal("office without administrator".into()))?,
        };
        auth::login(&mut self.store, &username, password, Utc::now())
    }

    /// A database made before encryption, encrypted with the key of the office secret the account holds (its key
    /// file written first). Left plain, and usable, when the account holds no secret or another window or command
    /// has the database open: it is encrypted at a later login.
    fn encrypted(self, session: &Session, password: &str) -> Result<Office> {
        let Ok(secret) = self.open_secret(session, password) else { return Ok(self) };
        let path = self.store.path().to_path_buf();
        if self.write_keyring().is_err() {
            return Ok(self);
        }
        match self.store.encrypt_in_place(&database_key(&secret)) {
            Ok(store) => {
                let mut office = Office { store };
                office.store.write(|w| w.audit(&session.username, "office.encrypt", "database encrypted at rest"))?;
                Ok(office)
            }
            // Still plain and still usable: in use elsewhere, or the disk refused the encrypted copy (the partial
            // copy is removed). The next login tries again.
            Err(error) => Office::with_store(Store::open_existing(&path).map_err(|_| error)?),
        }
    }

    /// Rewrites the key file of an encrypted office from its accounts (after a password or an account changed).
    pub(crate) fn sync_keyring(&self) -> Result<()> {
        if !self.store.is_encrypted() {
            return Ok(());
        }
        self.write_keyring()
    }

    fn write_keyring(&self) -> Result<()> {
        let path = self.store.path();
        let read = self.store.read();
        let first_admin = read.first_admin()?.unwrap_or_default();
        let previous = Keyring::load(path).ok().flatten();
        let ring = Keyring::from_accounts(&first_admin, &read.users()?, previous.as_ref());
        ring.save(path)
            .map_err(|e| ServiceError::CannotWrite { path: crate::keyring::path_for(path).display().to_string(), reason: e.to_string() })
    }

    pub fn summary(&self, session: &Session) -> Result<OfficeSummary> {
        session.require(auth::Permission::Read)?;
        let read = self.store.read();
        let office = self.office_record()?;
        let unit = read.unit_by_id(office.unit_id)?.ok_or_else(|| ServiceError::Internal("office unit missing".into()))?;
        let public_key = exchange::PublicKey::from_minisign_file(&office.public_key)?;
        let last_backup = read.audit_log(1, None, Some("backup.write"))?.pop().map(|e| e.at);
        Ok(OfficeSummary {
            unit_code: unit.code,
            unit_name: unit.name,
            level: unit.level,
            superior_code: office.superior_code,
            admin: read.first_admin()?.unwrap_or_default(),
            key_id: office.key_id,
            fingerprint: public_key.fingerprint(),
            database: self.store.path().display().to_string(),
            units: read.units()?.len(),
            people: read.person_count()?,
            username: session.username.clone(),
            role: session.role,
            permissions: session.permissions(),
            unit_scope: session.unit_scope.map(|id| read.unit_by_id(id)).transpose()?.flatten().map(|u| u.name),
            backup_due: crate::backup::backup_due(last_backup.as_deref(), Utc::now()),
            recovery_sheet_due: self.store.is_encrypted()
                && session.role.may(auth::Permission::ManageUsers)
                && self.recovery_sheet_made_at().is_none(),
            last_backup,
            demo: read.is_demo()?,
        })
    }

    /// The office's public key file in minisign format, for enrolment at the superior office.
    pub fn public_key_file(&self, session: &Session) -> Result<String> {
        session.require(auth::Permission::Read)?;
        Ok(self.office_record()?.public_key)
    }

    /// Writes the public key file for the superior office to enrol.
    pub fn export_public_key(&self, session: &Session, path: &Path) -> Result<()> {
        let text = self.public_key_file(session)?;
        std::fs::write(path, text).map_err(|e| ServiceError::CannotWrite { path: path.display().to_string(), reason: e.to_string() })
    }

    /// Proves the password opens the office signing key (used before anything is signed).
    pub fn unlock_signing_key(&self, session: &Session, password: &str) -> Result<OfficeKeyPair> {
        Ok(self.open_office_keys(session, password)?.0)
    }

    pub(crate) fn office_record(&self) -> Result<OfficeRecord> {
        self.store.read().office()?.ok_or_else(|| ServiceError::Internal("office record missing".into()))
    }

    /// The office's calendar day: periods that ended before it are over.
    pub(crate) fn today() -> chrono::NaiveDate {
        chrono::Local::now().date_naive()
    }

    pub(crate) fn stamp(&self) -> Result<Stamp> {
        Ok(Stamp { owner: self.office_record()?.unit_id, now: Utc::now() })
    }
}

impl Stamp {
    pub(crate) fn meta_with_id(&self, id: Uuid, revision: i64) -> Meta {
        Meta { id, owner_unit: self.owner, revision, created_at: self.now, updated_at: self.now }
    }
}
