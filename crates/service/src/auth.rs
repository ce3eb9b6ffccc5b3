//! Who may do what: passwords (argon2id), login with lock-out and back-off, roles.

use crate::error::{Result, ServiceError};
use crate::keyring::{self, Keyring};
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Duration, Utc};
use domain::Lang;
use exchange::OfficeSecret;
use serde::Serialize;
use std::path::Path;
use store::{Store, UserRecord};
use ts_rs::TS;
use unicode_normalization::UnicodeNormalization;
use uuid::Uuid;

pub const MIN_PASSWORD_CHARS: usize = 8;
/// Wrong passwords allowed before the account locks; each further failure doubles the wait.
const FREE_ATTEMPTS: i64 = 5;
const FIRST_LOCK_SECONDS: i64 = 30;
const MAX_LOCK_SECONDS: i64 = 3600;

/// The roles of an office's accounts. Which use case needs what is `Permission`; which role has which is
/// `Role::may`, the one table of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Role {
    /// Everything, including accounts, units, rule sets, settings and the office's keys.
    Admin,
    /// Organisation staff: the roster, appraisal, proposals and meetings, sending and receiving bundles.
    Organisation,
    /// Plans, products and progress; when the account has a unit, only for that unit and those below it.
    DataEntry,
    /// Leadership and read-only accounts: see and print.
    Viewer,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Organisation, Role::DataEntry, Role::Viewer];

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Organisation => "organisation",
            Role::DataEntry => "data_entry",
            Role::Viewer => "viewer",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code.trim())
    }

    /// The role's name as offices say it.
    pub fn name(self, lang: Lang) -> &'static str {
        let vi = lang == Lang::Vi;
        match self {
            Role::Admin if vi => "quản trị",
            Role::Admin => "administrator",
            Role::Organisation if vi => "cán bộ tổ chức",
            Role::Organisation => "organisation staff",
            Role::DataEntry if vi => "nhập liệu",
            Role::DataEntry => "data entry",
            Role::Viewer if vi => "lãnh đạo / chỉ xem",
            Role::Viewer => "leadership / read-only",
        }
    }

    /// Whether the role allows `permission` (for a data-entry account, within its unit: see `Office::require_unit`).
    // Interpretation (unconfirmed with offices): recording the committee's decisions and the superior's approval
    // stays with administrators — the person who answers for the office — while organisation staff prepare
    // everything up to the decision and lock nothing.
    pub fn may(self, permission: Permission) -> bool {
        use Permission::*;
        match self {
            Role::Admin => true,
            Role::Organisation => matches!(permission, Read | EditRoster | EditWork | Appraise | RunMeetings | Exchange),
            Role::DataEntry => matches!(permission, Read | EditWork),
            Role::Viewer => permission == Read,
        }
    }
}

/// What an action needs; checked here, never only in a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Permission {
    /// See and print.
    Read,
    EditRoster,
    /// Units, rule sets, the authority, print settings, the product-kind catalogue and the office's keys.
    EditOrganisation,
    /// Accounts: add, reset a password, change a role, deactivate.
    ManageUsers,
    /// Targets, progress, products, breakthrough tasks and action programmes.
    EditWork,
    /// Assessing products and cadres, the facts of the year, feedback, evaluation periods.
    Appraise,
    /// Review meetings: opening, attendance, votes, proposals.
    RunMeetings,
    /// Recording the standing committee's decisions (approve, return, reject, year-end result) and approvals.
    DecideWork,
    /// Sending and receiving bundles and receipts.
    Exchange,
}

impl Permission {
    pub const ALL: [Permission; 9] = [
        Permission::Read,
        Permission::EditRoster,
        Permission::EditOrganisation,
        Permission::ManageUsers,
        Permission::EditWork,
        Permission::Appraise,
        Permission::RunMeetings,
        Permission::DecideWork,
        Permission::Exchange,
    ];
}

/// A logged-in user. Every use case that reads or writes office data takes one.
#[derive(Debug, Clone, Serialize)]
pub struct Session {
    pub username: String,
    pub role: Role,
    /// The unit a data-entry account is limited to (with those below it); none for the whole office.
    pub unit_scope: Option<Uuid>,
}

impl Session {
    /// A session for the whole office (tests and the demo).
    pub fn new(username: &str, role: Role) -> Session {
        Session { username: username.to_string(), role, unit_scope: None }
    }

    pub fn require(&self, permission: Permission) -> Result<()> {
        if self.role.may(permission) {
            Ok(())
        } else {
            Err(ServiceError::Forbidden { role: self.role })
        }
    }

    /// What the window may offer this user.
    pub fn permissions(&self) -> Vec<Permission> {
        Permission::ALL.into_iter().filter(|p| self.role.may(*p)).collect()
    }
}

/// Vietnamese keyboards differ on precomposed letters; the same typed password must give the same bytes.
pub(crate) fn normalize_password(password: &str) -> String {
    password.nfc().collect()
}

pub(crate) fn check_new_password(password: &str) -> Result<()> {
    if normalize_password(password).chars().count() < MIN_PASSWORD_CHARS {
        return Err(ServiceError::PasswordTooShort { min: MIN_PASSWORD_CHARS });
    }
    Ok(())
}

pub(crate) fn check_username(username: &str) -> Result<String> {
    let name = username.trim();
    let ok = (3..=32).contains(&name.len()) && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    if ok {
        Ok(name.to_ascii_lowercase())
    } else {
        Err(ServiceError::BadUsername)
    }
}

pub(crate) fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(normalize_password(password).as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| ServiceError::Internal(format!("password hashing: {e}")))
}

fn password_matches(password: &str, stored_hash: &str) -> Result<bool> {
    let hash = PasswordHash::new(stored_hash).map_err(|e| ServiceError::Internal(format!("stored password hash: {e}")))?;
    Ok(Argon2::default().verify_password(normalize_password(password).as_bytes(), &hash).is_ok())
}

/// How long an account stays locked after `failures` consecutive wrong passwords.
fn lock_duration(failures: i64) -> Option<Duration> {
    let over = failures - FREE_ATTEMPTS;
    (over >= 0).then(|| Duration::seconds((FIRST_LOCK_SECONDS << over.min(16)).min(MAX_LOCK_SECONDS)))
}

pub(crate) fn login(store: &mut Store, username: &str, password: &str, now: DateTime<Utc>) -> Result<Session> {
    let username = username.trim().to_ascii_lowercase();
    let user: UserRecord = store.read().user_by_name(&username)?.ok_or_else(|| ServiceError::UnknownUser { username: username.clone() })?;
    if user.deactivated_at.is_some() {
        return Err(ServiceError::Deactivated { username });
    }
    if let Some(until) = user.locked_until.filter(|until| *until > now) {
        return Err(ServiceError::LockedOut { until });
    }
    let role = Role::from_code(&user.role).ok_or_else(|| ServiceError::Internal(format!("unknown role {}", user.role)))?;
    if password_matches(password, &user.password_hash)? {
        if user.failed_logins > 0 {
            store.write(|w| w.set_login_failures(&username, 0, None))?;
        }
        if user.secret_wrapped.is_none() {
            adopt_office_secret(store, &username, password)?;
        }
        return Ok(Session { username, role, unit_scope: user.unit_id });
    }
    // Counted inside the write transaction, so wrong attempts from a window and a command at once all count.
    let (failures, locked_until) = store.write(|w| -> Result<_> {
        let failures = w.count_login_failure(&username)?;
        let locked_until = lock_duration(failures).map(|d| now + d);
        w.set_login_failures(&username, failures, locked_until)?;
        w.audit(&username, "login.failed", &format!("attempt {failures}"))?;
        Ok((failures, locked_until))
    })?;
    Err(match locked_until {
        Some(until) => ServiceError::LockedOut { until },
        None => ServiceError::WrongPassword { attempts_left: FREE_ATTEMPTS - failures },
    })
}

/// Proves `password` for an encrypted office against its key file, and returns the office secret it unwraps with
/// the number of wrong passwords typed before this one. The attempt is counted in the file **before** the password
/// is tried, so that an attempt whose count cannot be written (a full disk) is refused untried instead of
/// uncounted; a right password then sets the count back to nothing.
pub(crate) fn unlock_keyring(database: &Path, username: Option<&str>, password: &str, now: DateTime<Utc>) -> Result<(OfficeSecret, i64)> {
    let mut ring =
        Keyring::load(database)?.ok_or_else(|| ServiceError::KeyringMissing { path: keyring::path_for(database).display().to_string() })?;
    let lookup = match username {
        Some(name) => keyring::lookup(name),
        None => ring.first_admin.clone(),
    };
    let name = || username.unwrap_or_default().trim().to_ascii_lowercase();
    if ring.deactivated.contains(&lookup) {
        return Err(ServiceError::Deactivated { username: name() });
    }
    let account = ring.account_mut(&lookup).ok_or_else(|| ServiceError::UnknownUser { username: name() })?;
    if let Some(until) = account.locked_until.filter(|until| *until > now) {
        return Err(ServiceError::LockedOut { until });
    }
    let before = account.failed_logins;
    account.failed_logins = before + 1;
    let wrapped = account.wrapped.clone();
    ring.save(database).map_err(|e| ServiceError::CannotRecordAttempt { reason: e.to_string() })?;
    match OfficeSecret::unwrap(&wrapped, &normalize_password(password)) {
        Ok(secret) => {
            if let Some(account) = ring.account_mut(&lookup) {
                account.failed_logins = 0;
                account.locked_until = None;
            }
            // The count set back is not worth refusing a right password for: it stays one too high at worst.
            let _ = ring.save(database);
            Ok((secret, before))
        }
        Err(exchange::ExchangeError::WrongPassword) => {
            let failures = before + 1;
            let locked_until = lock_duration(failures).map(|d| now + d);
            if let Some(account) = ring.account_mut(&lookup) {
                account.locked_until = locked_until;
            }
            ring.save(database).map_err(|e| ServiceError::CannotRecordAttempt { reason: e.to_string() })?;
            Err(match locked_until {
                Some(until) => ServiceError::LockedOut { until },
                None => ServiceError::WrongPassword { attempts_left: FREE_ATTEMPTS - failures },
            })
        }
        Err(other) => Err(other.into()),
    }
}

/// The session of `username` (the first administrator when `None`) in an office whose key file has just proven
/// the password; wrong passwords typed before it are entered in the audit trail now that it can be written.
pub(crate) fn session_after_unlock(store: &mut Store, username: Option<&str>, wrong_before: i64) -> Result<Session> {
    let username = match username {
        Some(name) => name.trim().to_ascii_lowercase(),
        None => store.read().first_admin()?.ok_or_else(|| ServiceError::Internal("office without administrator".into()))?,
    };
    let user: UserRecord = store.read().user_by_name(&username)?.ok_or_else(|| ServiceError::UnknownUser { username: username.clone() })?;
    if user.deactivated_at.is_some() {
        return Err(ServiceError::Deactivated { username });
    }
    let role = Role::from_code(&user.role).ok_or_else(|| ServiceError::Internal(format!("unknown role {}", user.role)))?;
    if wrong_before > 0 {
        store.write(|w| w.audit(&username, "login.failed", &format!("{wrong_before} wrong password(s) before this login")))?;
    }
    Ok(Session { username, role, unit_scope: user.unit_id })
}

/// An office made before the office secret keeps its signing keys wrapped with its administrator's password. At
/// that administrator's first login the keys are sealed under a new office secret, wrapped with the password, so
/// that the accounts the administrator adds can sign too. Nothing happens for another account (it gets the secret
/// when an administrator resets its password).
fn adopt_office_secret(store: &mut Store, username: &str, password: &str) -> Result<()> {
    let read = store.read();
    let Some(office) = read.office()? else { return Ok(()) };
    if exchange::is_sealed_key(&office.secret_key_wrapped) {
        return Ok(());
    }
    let password = normalize_password(password);
    let Ok(current) = exchange::OfficeKeyPair::unwrap(&office.secret_key_wrapped, &password) else { return Ok(()) };
    let previous = match read.previous_office_key()? {
        Some((_, wrapped)) => exchange::OfficeKeyPair::unwrap(&wrapped, &password).ok(),
        None => None,
    };
    let secret = exchange::OfficeSecret::generate();
    let sealed_current = secret.seal_key(&current)?;
    let sealed_previous = previous.as_ref().map(|k| secret.seal_key(k)).transpose()?;
    let wrapped = secret.wrap(&password)?;
    store.write(|w| -> Result<()> {
        w.rewrap_office_keys(&sealed_current, sealed_previous.as_deref())?;
        w.set_user_secret(username, &wrapped)?;
        w.audit(username, "keys.seal", "office keys sealed under the office secret")?;
        Ok(())
    })
}

/// Changes a user's own password. The current one is proven as at login (a wrong one counts towards the lock-out);
/// the new one must be as long as a new office's and differ from it. The office secret the account holds is wrapped
/// again with the new one in the same transaction (and, for an office whose keys are still wrapped with the
/// administrator's password, those keys), so the office still signs with the same key and its chain with its
/// superior goes on; nothing else is re-encrypted. True when the office's keys stay reachable with the new password.
pub(crate) fn change_password(store: &mut Store, session: &Session, current: &str, new: &str, now: DateTime<Utc>) -> Result<bool> {
    login(store, &session.username, current, now)?;
    check_new_password(new)?;
    if normalize_password(new) == normalize_password(current) {
        return Err(ServiceError::PasswordUnchanged);
    }
    let hash = hash_password(new)?;
    let (current, new) = (normalize_password(current), normalize_password(new));
    let read = store.read();
    let user = read.user_by_name(&session.username)?.ok_or_else(|| ServiceError::UnknownUser { username: session.username.clone() })?;
    let secret = match &user.secret_wrapped {
        Some(wrapped) => Some(exchange::OfficeSecret::unwrap(wrapped, &current)?.wrap(&new)?),
        None => None,
    };
    let office = read.office()?.ok_or_else(|| ServiceError::Internal("office record missing".into()))?;
    let legacy_keys = match exchange::OfficeKeyPair::unwrap(&office.secret_key_wrapped, &current) {
        Ok(key) => {
            let previous = match read.previous_office_key()? {
                Some((_, wrapped)) => exchange::OfficeKeyPair::unwrap(&wrapped, &current).ok().map(|k| k.wrap(&new)).transpose()?,
                None => None,
            };
            Some((key.wrap(&new)?, previous))
        }
        // Sealed under the office secret, or wrapped with another administrator's password: left alone.
        Err(_) => None,
    };
    let keys_reachable = secret.is_some() || legacy_keys.is_some();
    store.write(|w| -> Result<()> {
        w.set_password(&session.username, &hash, secret.as_deref())?;
        if let Some((current, previous)) = &legacy_keys {
            w.rewrap_office_keys(current, previous.as_deref())?;
        }
        w.audit(
            &session.username,
            "users.password",
            if keys_reachable { "password changed; office keys wrapped again" } else { "password changed" },
        )?;
        Ok(())
    })?;
    Ok(keys_reachable)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_out_starts_after_the_free_attempts_and_backs_off() {
        assert_eq!(lock_duration(4), None);
        assert_eq!(lock_duration(5), Some(Duration::seconds(30)));
        assert_eq!(lock_duration(6), Some(Duration::seconds(60)));
        assert_eq!(lock_duration(7), Some(Duration::seconds(120)));
        assert_eq!(lock_duration(60), Some(Duration::seconds(MAX_LOCK_SECONDS)));
    }

    #[test]
    fn the_same_password_typed_composed_or_decomposed_verifies() {
        let hash = hash_password("Mật khẩu 2026").unwrap();
        let decomposed: String = "Mật khẩu 2026".nfd().collect();
        assert!(password_matches(&decomposed, &hash).unwrap());
        assert!(!password_matches("Mat khau 2026", &hash).unwrap());
    }

    #[test]
    fn each_role_has_what_its_desk_needs_and_no_more() {
        use Permission::*;
        let allowed = |role: Role| Session::new("u", role).permissions();
        assert_eq!(allowed(Role::Admin), Permission::ALL.to_vec());
        assert_eq!(allowed(Role::Organisation), vec![Read, EditRoster, EditWork, Appraise, RunMeetings, Exchange]);
        assert_eq!(allowed(Role::DataEntry), vec![Read, EditWork]);
        assert_eq!(allowed(Role::Viewer), vec![Read]);
        assert_eq!(Session::new("u", Role::Viewer).require(EditRoster).unwrap_err().code(), "auth.forbidden");
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
    }

    #[test]
    fn usernames_are_plain() {
        assert_eq!(check_username(" Admin ").unwrap(), "admin");
        assert!(check_username("quản trị").is_err());
        assert!(check_username("ab").is_err());
    }
}
