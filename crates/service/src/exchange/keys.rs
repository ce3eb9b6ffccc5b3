//! Pinning another office's public key: the operator confirms the fingerprint the other office reads out.

use super::{EnrolledKeyItem, UnitTree};
use crate::auth::{Permission, Session};
use crate::error::{Result, ServiceError};
use crate::office::Office;
use chrono::Utc;
use domain::org::normalize_unit_code;
use exchange::{ExchangeError, PublicKey};
use serde::Serialize;
use store::EnrolledKey;
use ts_rs::TS;

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

/// The refusal of a bundle or key that was revoked.
pub(crate) fn revoked(r: &store::KeyRevocation) -> ExchangeError {
    ExchangeError::KeyRevoked {
        unit: r.unit_code.clone(),
        revoked_on: domain::dates::format_vn_date(r.revoked_at.date_naive()),
        reason: r.reason.clone(),
    }
}

/// A revoked key.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct KeyRevocationItem {
    pub unit_code: String,
    pub key_id: String,
    pub revoked_at: chrono::DateTime<Utc>,
    pub reason: String,
    /// The office that decided it.
    pub decided_by: String,
}

fn revocation_item(r: store::KeyRevocation) -> KeyRevocationItem {
    KeyRevocationItem { unit_code: r.unit_code, key_id: r.key_id, revoked_at: r.revoked_at, reason: r.reason, decided_by: r.decided_by }
}

/// What `rotate_key` did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct KeyRotation {
    pub previous_key_id: String,
    pub key_id: String,
    pub fingerprint: String,
    /// True after a revocation: the superior must enrol the new key (fingerprint by phone); nothing announces it.
    pub must_enrol_again: bool,
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
        let (code, record) = self.key_to_pin(session, public_key_file, unit_code, fingerprint_confirmed)?;
        self.store.write(|w| {
            if let Some(existing) = w.read().enrolled_key(&code)? {
                let same = PublicKey::from_minisign_file(&existing.public_key).is_ok_and(|k| k.to_minisign_file() == record.public_key);
                if let Some(revocation) = w.read().key_revocation(&code, &record.key_id)? {
                    return Err(revoked(&revocation).into());
                }
                if existing.revoked_at.is_some() {
                    // The office below made a new key after its old one was revoked: pinned in its place.
                    w.replace_enrolled_key(&record)?;
                    w.audit(
                        &session.username,
                        "keys.enrol",
                        &format!("{code} {} {} (replaces revoked {})", record.key_id, record.fingerprint, existing.key_id),
                    )?;
                    return Ok(item(record.clone(), true));
                }
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

    /// Re-enrolment of an office below that lost everything (its database, its key, its recovery sheet) and was
    /// set up again: its old key must already be revoked; the new key is pinned after its fingerprint is
    /// confirmed, and both chains with it are closed, so that its first bundle is accepted as number 1 and the
    /// next bundle down carries everything again. Bundles of the old chain stay refused (signed with the revoked
    /// key). Audited with the reason and the closed chains.
    pub fn reenrol_key(
        &mut self,
        session: &Session,
        public_key_file: &str,
        unit_code: &str,
        fingerprint_confirmed: &str,
        reason: &str,
    ) -> Result<EnrolledKeyItem> {
        session.require(Permission::EditOrganisation)?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(ServiceError::ReenrolmentReasonRequired);
        }
        let (code, record) = self.key_to_pin(session, public_key_file, unit_code, fingerprint_confirmed)?;
        if self.office_record()?.superior_code.as_deref() == Some(code.as_str()) {
            return Err(ExchangeError::NotEnrollable { unit: code }.into());
        }
        let own = self.own_unit_code()?;
        self.store.write(|w| {
            let existing = w.read().enrolled_key(&code)?;
            // The pinned key revoked; or this very key already pinned in place of a revoked one by an ordinary
            // enrolment, before anyone saw that the chain had to start again.
            let replaced_revoked = w.read().key_revocations()?.iter().any(|r| r.unit_code == code);
            match &existing {
                Some(old) if old.revoked_at.is_some() => {}
                Some(old) if old.key_id == record.key_id && replaced_revoked => {}
                _ => return Err(ServiceError::ReenrolmentNeedsRevocation { unit: code.clone() }),
            }
            if let Some(revocation) = w.read().key_revocation(&code, &record.key_id)? {
                return Err(revoked(&revocation).into());
            }
            match existing {
                Some(_) => w.replace_enrolled_key(&record)?,
                None => w.insert_enrolled_key(&record)?,
            }
            let closed = w.close_chains(&own, &code)?;
            let chains =
                closed.iter().map(|c| format!("{}→{} #{}", c.source_unit, c.destination_unit, c.last_sequence)).collect::<Vec<_>>();
            w.audit(
                &session.username,
                "keys.reenrol",
                &format!("{code} {} {}; closed chains: {} — {reason}", record.key_id, record.fingerprint, chains.join(", ")),
            )?;
            Ok::<_, ServiceError>(item(record.clone(), true))
        })
    }

    /// The key in a public key file, checked against the fingerprint read out by the other office, as it would be
    /// pinned for `unit_code` (the superior, or an office below this one).
    fn key_to_pin(
        &self,
        session: &Session,
        public_key_file: &str,
        unit_code: &str,
        fingerprint_confirmed: &str,
    ) -> Result<(String, EnrolledKey)> {
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
        Ok((code, record))
    }

    /// Revokes the key pinned for `unit_code`, an office below this one (a lost or stolen computer, a key read out
    /// wrongly): its bundles are refused from now on, and the revocation travels down in the next bundles to it and
    /// to the offices between. The office must then make a new key, enrolled again with its fingerprint.
    pub fn revoke_key(&mut self, session: &Session, unit_code: &str, reason: &str) -> Result<KeyRevocationItem> {
        session.require(Permission::EditOrganisation)?;
        let code = normalize_unit_code(unit_code).map_err(ServiceError::BadUnitCode)?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(ServiceError::RevocationReasonRequired);
        }
        let office = self.office_record()?;
        let own = self.own_unit_code()?;
        if office.superior_code.as_deref() == Some(code.as_str()) {
            return Err(ExchangeError::NotEnrollable { unit: code }.into());
        }
        let pinned = self.store.read().enrolled_key(&code)?.ok_or_else(|| ExchangeError::BundleUnknownSource { unit: code.clone() })?;
        let now = Utc::now();
        let revocation = store::KeyRevocation {
            unit_code: code.clone(),
            key_id: pinned.key_id.clone(),
            revoked_at: now,
            reason: reason.to_string(),
            decided_by: own,
            recorded_at: now,
        };
        self.store.write(|w| {
            if w.record_revocation(&revocation)? {
                w.audit(&session.username, "keys.revoke", &format!("{code} {} — {reason}", pinned.key_id))?;
            }
            Ok::<_, ServiceError>(())
        })?;
        Ok(revocation_item(revocation))
    }

    /// Every revoked key known here: revoked by this office, or by a superior (received in its bundles).
    pub fn key_revocations(&self, session: &Session) -> Result<Vec<KeyRevocationItem>> {
        session.require(Permission::Read)?;
        Ok(self.store.read().key_revocations()?.into_iter().map(revocation_item).collect())
    }

    /// Makes a new office key, wrapped with the same password. The old key is kept to sign the announcement of the
    /// new one: the next bundle to each office that knows the old key is signed with it and carries the new public
    /// key, which that office pins on import; every later bundle is signed with the new key. After a revocation of
    /// the office's own key there is nothing to announce with: the new key must be enrolled at the superior again.
    pub fn rotate_key(&mut self, session: &Session, password: &str) -> Result<KeyRotation> {
        session.require(Permission::EditOrganisation)?;
        let old = self.unlock_signing_key(session, password)?;
        let own = self.own_unit_code()?;
        let old_id = old.key_id().to_string();
        let read = self.store.read();
        let revoked = read.key_revocation(&own, &old_id)?.is_some();
        if !revoked && read.previous_office_key()?.is_some() {
            // Offices that know only the key before this one learn of this one from a bundle signed with that key:
            // a second rotation before they have would leave them no way to check the next one.
            let mut waiting = Vec::new();
            for chain in read.chains()?.into_iter().filter(|c| c.source_unit == own) {
                if !read.key_announced(&chain.destination_unit, &old_id)? {
                    waiting.push(chain.destination_unit);
                }
            }
            if !waiting.is_empty() {
                return Err(ServiceError::RotationPending { destinations: waiting });
            }
        }
        let new = exchange::OfficeKeyPair::generate();
        // Sealed under the office secret, so every account that may sign keeps signing after the rotation.
        let wrapped = self.open_secret(session, password)?.seal_key(&new)?;
        let public = new.public_key();
        self.store.write(|w| {
            if revoked {
                w.replace_revoked_office_key(&new.key_id().to_string(), &public.to_minisign_file(), &wrapped)?;
            } else {
                w.rotate_office_key(&new.key_id().to_string(), &public.to_minisign_file(), &wrapped)?;
            }
            w.audit(&session.username, "keys.rotate", &format!("{old_id} → {} {}", new.key_id(), public.fingerprint()))?;
            Ok::<_, ServiceError>(())
        })?;
        Ok(KeyRotation {
            previous_key_id: old_id,
            key_id: new.key_id().to_string(),
            fingerprint: public.fingerprint(),
            must_enrol_again: revoked,
        })
    }

    /// Refuses to sign with the office key when the superior revoked it.
    pub(crate) fn ensure_own_key_usable(&self) -> Result<()> {
        let office = self.office_record()?;
        match self.store.read().key_revocation(&self.own_unit_code()?, &office.key_id)? {
            Some(r) => {
                Err(ExchangeError::OwnKeyRevoked { revoked_on: domain::dates::format_vn_date(r.revoked_at.date_naive()), reason: r.reason }
                    .into())
            }
            None => Ok(()),
        }
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
