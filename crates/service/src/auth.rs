//! Who may do what: passwords (argon2id), login with lock-out and back-off, roles.

use crate::error::{Result, ServiceError};
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use store::{Store, UserRecord};
use unicode_normalization::UnicodeNormalization;

pub const MIN_PASSWORD_CHARS: usize = 8;
/// Wrong passwords allowed before the account locks; each further failure doubles the wait.
const FREE_ATTEMPTS: i64 = 5;
const FIRST_LOCK_SECONDS: i64 = 30;
const MAX_LOCK_SECONDS: i64 = 3600;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Staff,
    Viewer,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Staff => "staff",
            Role::Viewer => "viewer",
        }
    }

    fn from_code(code: &str) -> Option<Role> {
        [Role::Admin, Role::Staff, Role::Viewer].into_iter().find(|r| r.code() == code)
    }
}

/// What an action needs; checked here, never only in a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    Read,
    EditRoster,
    EditOrganisation,
    /// Targets, progress, products, breakthrough tasks and action programmes.
    EditWork,
    /// Recording the standing committee's decisions (approve, return, reject, year-end result).
    DecideWork,
}

/// A logged-in user. Every use case that reads or writes office data takes one.
#[derive(Debug, Clone, Serialize)]
pub struct Session {
    pub username: String,
    pub role: Role,
}

impl Session {
    pub fn require(&self, permission: Permission) -> Result<()> {
        let allowed = match permission {
            Permission::Read => true,
            Permission::EditRoster => matches!(self.role, Role::Admin | Role::Staff),
            Permission::EditOrganisation | Permission::DecideWork => self.role == Role::Admin,
            Permission::EditWork => matches!(self.role, Role::Admin | Role::Staff),
        };
        if allowed {
            Ok(())
        } else {
            Err(ServiceError::Forbidden { role: self.role.code().into() })
        }
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
    if let Some(until) = user.locked_until.filter(|until| *until > now) {
        return Err(ServiceError::LockedOut { until });
    }
    let role = Role::from_code(&user.role).ok_or_else(|| ServiceError::Internal(format!("unknown role {}", user.role)))?;
    if password_matches(password, &user.password_hash)? {
        if user.failed_logins > 0 {
            store.write(|w| w.set_login_failures(&username, 0, None))?;
        }
        return Ok(Session { username, role });
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

/// Changes a user's own password. The current one is proven as at login (a wrong one counts towards the lock-out);
/// the new one must be as long as a new office's and differ from it. The office's signing keys (the current one and,
/// after a rotation, the previous one) that the current password opens are wrapped again with the new one in the
/// same transaction, so the office still signs its bundles and its chain with its superior goes on; nothing else
/// is re-encrypted. True when the keys were wrapped again.
pub(crate) fn change_password(store: &mut Store, session: &Session, current: &str, new: &str, now: DateTime<Utc>) -> Result<bool> {
    login(store, &session.username, current, now)?;
    check_new_password(new)?;
    if normalize_password(new) == normalize_password(current) {
        return Err(ServiceError::PasswordUnchanged);
    }
    let hash = hash_password(new)?;
    let (current, new) = (normalize_password(current), normalize_password(new));
    let read = store.read();
    let office = read.office()?.ok_or_else(|| ServiceError::Internal("office record missing".into()))?;
    let keys = match exchange::OfficeKeyPair::unwrap(&office.secret_key_wrapped, &current) {
        Ok(key) => {
            let previous = match read.previous_office_key()? {
                Some((_, wrapped)) => exchange::OfficeKeyPair::unwrap(&wrapped, &current).ok().map(|k| k.wrap(&new)).transpose()?,
                None => None,
            };
            Some((key.wrap(&new)?, previous))
        }
        // Another administrator's password wraps the keys: this change leaves them alone.
        Err(_) => None,
    };
    store.write(|w| -> Result<()> {
        w.set_password_hash(&session.username, &hash)?;
        if let Some((current, previous)) = &keys {
            w.rewrap_office_keys(current, previous.as_deref())?;
        }
        w.audit(
            &session.username,
            "users.password",
            if keys.is_some() { "password changed; office keys wrapped again" } else { "password changed" },
        )?;
        Ok(())
    })?;
    Ok(keys.is_some())
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
    fn viewers_read_staff_edit_the_roster_admins_everything() {
        let session = |role| Session { username: "u".into(), role };
        assert!(session(Role::Viewer).require(Permission::Read).is_ok());
        assert_eq!(session(Role::Viewer).require(Permission::EditRoster).unwrap_err().code(), "auth.forbidden");
        assert!(session(Role::Staff).require(Permission::EditRoster).is_ok());
        assert!(session(Role::Staff).require(Permission::EditOrganisation).is_err());
        assert!(session(Role::Admin).require(Permission::EditOrganisation).is_ok());
    }

    #[test]
    fn usernames_are_plain() {
        assert_eq!(check_username(" Admin ").unwrap(), "admin");
        assert!(check_username("quản trị").is_err());
        assert!(check_username("ab").is_err());
    }
}
