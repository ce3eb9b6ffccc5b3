//! Pinning another office's public key: the operator confirms the fingerprint the other office reads out.

use super::{EnrolledKeyItem, UnitTree};
use crate::auth::{Permission, Session};
use crate::error::{Result, ServiceError};
use crate::office::Office;
use chrono::Utc;
use domain::org::normalize_unit_code;
use exchange::{ExchangeError, PublicKey};
use store::EnrolledKey;

/// A fingerprint as typed: case, spaces and dashes do not matter, nor Crockford's look-alikes (O for 0, I and L
/// for 1).
fn squash(fingerprint: &str) -> String {
    fingerprint
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

fn item(key: EnrolledKey, newly_enrolled: bool) -> EnrolledKeyItem {
    EnrolledKeyItem {
        unit_code: key.unit_code,
        key_id: key.key_id,
        fingerprint: key.fingerprint,
        enrolled_at: key.enrolled_at,
        enrolled_by: key.enrolled_by,
        newly_enrolled,
    }
}

impl Office {
    /// Pins `public_key_file` (a minisign public key file) for the unit `unit_code`, an office below this one or
    /// its superior, once the operator typed the fingerprint the other office read out. Enrolling the same key
    /// again changes nothing; another key for an enrolled unit is refused (a new key is announced in a bundle
    /// signed with the old one).
    pub fn enrol_key(
        &mut self,
        session: &Session,
        public_key_file: &str,
        unit_code: &str,
        fingerprint_confirmed: &str,
    ) -> Result<EnrolledKeyItem> {
        session.require(Permission::EditOrganisation)?;
        let code = normalize_unit_code(unit_code).map_err(ServiceError::BadUnitCode)?;
        let key = PublicKey::from_minisign_file(public_key_file)?;
        let actual = key.fingerprint();
        if squash(fingerprint_confirmed) != squash(&actual) {
            return Err(ExchangeError::FingerprintMismatch { typed: fingerprint_confirmed.trim().to_string(), actual }.into());
        }
        let office = self.office_record()?;
        let is_superior = office.superior_code.as_deref() == Some(code.as_str());
        if !is_superior {
            let read = self.store.read();
            let unit = read.unit_by_code(&code)?.ok_or_else(|| ServiceError::UnknownUnit { code: code.clone() })?;
            if unit.meta.id == office.unit_id || !UnitTree::read(read)?.within(unit.meta.id, office.unit_id) {
                return Err(ExchangeError::NotEnrollable { unit: code }.into());
            }
        }
        let record = EnrolledKey {
            unit_code: code.clone(),
            key_id: key.key_id.to_string(),
            public_key: key.to_minisign_file(),
            fingerprint: actual,
            enrolled_at: Utc::now(),
            enrolled_by: session.username.clone(),
            revoked_at: None,
        };
        self.store.write(|w| {
            if let Some(existing) = w.read().enrolled_key(&code)? {
                let same = PublicKey::from_minisign_file(&existing.public_key).is_ok_and(|k| k == key);
                return if same {
                    Ok(item(existing, false))
                } else {
                    Err(ExchangeError::KeyAlreadyEnrolled { unit: code.clone(), enrolled: existing.key_id, offered: record.key_id.clone() }
                        .into())
                };
            }
            w.insert_enrolled_key(&record)?;
            w.audit(&session.username, "keys.enrol", &format!("{code} {} {}", record.key_id, record.fingerprint))?;
            Ok::<_, ServiceError>(item(record.clone(), true))
        })
    }

    /// The keys pinned for other offices.
    pub fn enrolled_keys(&self, session: &Session) -> Result<Vec<EnrolledKeyItem>> {
        session.require(Permission::Read)?;
        Ok(self.store.read().enrolled_keys()?.into_iter().map(|k| item(k, false)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_fingerprints_forgive_case_spaces_and_look_alikes() {
        assert_eq!(squash("c7ww rvyx 3wde rm0m"), squash("C7WW-RVYX-3WDE-RM0M"));
        assert_eq!(squash("C7WW-RVYX-3WDE-RMOM"), squash("C7WW-RVYX-3WDE-RM0M"));
        assert_ne!(squash("C7WW-RVYX-3WDE-RM0N"), squash("C7WW-RVYX-3WDE-RM0M"));
    }
}
