//! Exchange over time: receipts issued and received, revoked keys, the office's key rotation and the announcements
//! of its new key, and the superior's approvals of a unit's year (which lock that year's records, see migration 0008).

use crate::convert::{time, time_text, uuid};
use crate::error::{Result, StoreError};
use crate::{Reader, Writer};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use uuid::Uuid;

/// Which bundle a receipt is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptKey {
    pub source_unit: String,
    pub destination_unit: String,
    pub sequence: u64,
    pub manifest_sha256: String,
}

/// A receipt this office received for a bundle it sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedReceipt {
    pub bundle: ReceiptKey,
    /// The receipt's JSON.
    pub receipt: String,
    /// When the receiver says it received the bundle.
    pub received_at: DateTime<Utc>,
    pub recorded_at: DateTime<Utc>,
    /// "file" (a receipt file imported) or "bundle" (inside the receiver's bundle).
    pub via: String,
}

/// A revoked key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRevocation {
    pub unit_code: String,
    pub key_id: String,
    pub revoked_at: DateTime<Utc>,
    pub reason: String,
    /// The unit code of the office that decided it.
    pub decided_by: String,
    pub recorded_at: DateTime<Utc>,
}

/// A superior's approval of a unit's year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodApproval {
    pub id: Uuid,
    pub owner_unit: Uuid,
    pub revision: i64,
    pub created_at: DateTime<Utc>,
    pub unit_id: Uuid,
    pub year: i32,
    pub decision: String,
    pub collective_level: Option<String>,
    pub approved_by: String,
    pub approved_on: NaiveDate,
}

fn seq(n: u64) -> Result<i64> {
    i64::try_from(n).map_err(|_| StoreError::Corrupt(format!("bundle sequence {n} too large")))
}

fn unseq(n: i64) -> Result<u64> {
    u64::try_from(n).map_err(|_| StoreError::Corrupt("negative bundle sequence".into()))
}

const REVOCATION_COLUMNS: &str = "unit_code, key_id, revoked_at, reason, decided_by, recorded_at";
const APPROVAL_COLUMNS: &str = "id, owner_unit, revision, created_at, unit_id, year, decision, collective_level, approved_by, approved_on";

fn revocation(row: &rusqlite::Row<'_>) -> Result<KeyRevocation> {
    Ok(KeyRevocation {
        unit_code: row.get(0)?,
        key_id: row.get(1)?,
        revoked_at: time(&row.get::<_, String>(2)?)?,
        reason: row.get(3)?,
        decided_by: row.get(4)?,
        recorded_at: time(&row.get::<_, String>(5)?)?,
    })
}

fn approval(row: &rusqlite::Row<'_>) -> Result<PeriodApproval> {
    let day: String = row.get(9)?;
    Ok(PeriodApproval {
        id: uuid(&row.get::<_, String>(0)?)?,
        owner_unit: uuid(&row.get::<_, String>(1)?)?,
        revision: row.get(2)?,
        created_at: time(&row.get::<_, String>(3)?)?,
        unit_id: uuid(&row.get::<_, String>(4)?)?,
        year: row.get(5)?,
        decision: row.get(6)?,
        collective_level: row.get(7)?,
        approved_by: row.get(8)?,
        approved_on: NaiveDate::parse_from_str(&day, "%Y-%m-%d").map_err(|_| StoreError::Corrupt(format!("approval date {day:?}")))?,
    })
}

impl Reader<'_> {
    /// The receipt JSON this office issued for a bundle it accepted.
    pub fn issued_receipt(&self, source_unit: &str, destination_unit: &str, sequence: u64) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT receipt FROM issued_receipts WHERE source_unit = ?1 AND destination_unit = ?2 AND sequence = ?3",
                params![source_unit, destination_unit, seq(sequence)?],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// The receipts issued for bundles from `source_unit` after `after` (all when None), oldest first: what the
    /// next bundle down to that office carries back.
    pub fn issued_receipts_since(&self, source_unit: &str, after: Option<DateTime<Utc>>) -> Result<Vec<String>> {
        let after = after.map(time_text).unwrap_or_default();
        let mut stmt = self.conn.prepare_cached(
            "SELECT receipt FROM issued_receipts WHERE source_unit = ?1 AND issued_at > ?2 ORDER BY destination_unit, sequence",
        )?;
        let rows = stmt.query_map(params![source_unit, after], |row| row.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
    }

    /// The receipts received for bundles this office sent, by destination and sequence.
    pub fn received_receipts(&self) -> Result<Vec<ReceivedReceipt>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT source_unit, destination_unit, sequence, manifest_sha256, receipt, received_at, recorded_at, via
             FROM received_receipts ORDER BY destination_unit, sequence",
        )?;
        let rows = stmt.query_and_then([], |row| -> Result<ReceivedReceipt> {
            Ok(ReceivedReceipt {
                bundle: ReceiptKey {
                    source_unit: row.get(0)?,
                    destination_unit: row.get(1)?,
                    sequence: unseq(row.get(2)?)?,
                    manifest_sha256: row.get(3)?,
                },
                receipt: row.get(4)?,
                received_at: time(&row.get::<_, String>(5)?)?,
                recorded_at: time(&row.get::<_, String>(6)?)?,
                via: row.get(7)?,
            })
        })?;
        rows.collect()
    }

    /// The manifest hash of bundle `sequence` this office sent to `destination_unit`, from its log.
    pub fn sent_bundle_manifest(&self, source_unit: &str, destination_unit: &str, sequence: u64) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT manifest_sha256 FROM bundle_log WHERE direction = 'out' AND outcome = 'accepted'
                   AND source_unit = ?1 AND destination_unit = ?2 AND sequence = ?3 ORDER BY id DESC LIMIT 1",
                params![source_unit, destination_unit, seq(sequence)?],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Every revoked key known here.
    pub fn key_revocations(&self) -> Result<Vec<KeyRevocation>> {
        let mut stmt =
            self.conn.prepare_cached(&format!("SELECT {REVOCATION_COLUMNS} FROM key_revocations ORDER BY revoked_at, unit_code"))?;
        let rows = stmt.query_and_then([], revocation)?;
        rows.collect()
    }

    /// The revocation of this key of this unit, if it was revoked.
    pub fn key_revocation(&self, unit_code: &str, key_id: &str) -> Result<Option<KeyRevocation>> {
        let mut stmt =
            self.conn.prepare_cached(&format!("SELECT {REVOCATION_COLUMNS} FROM key_revocations WHERE unit_code = ?1 AND key_id = ?2"))?;
        let mut rows = stmt.query_and_then([unit_code, key_id], revocation)?;
        rows.next().transpose()
    }

    /// The office's previous key (its id and wrapped secret), kept after a rotation.
    pub fn previous_office_key(&self) -> Result<Option<(String, String)>> {
        let found: Option<(Option<String>, Option<String>)> = self
            .conn
            .query_row("SELECT previous_key_id, previous_secret_key_wrapped FROM office WHERE singleton = 1", [], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .optional()?;
        Ok(match found {
            Some((Some(id), Some(wrapped))) => Some((id, wrapped)),
            _ => None,
        })
    }

    /// True when `destination_unit` has been sent the announcement of key `key_id`.
    pub fn key_announced(&self, destination_unit: &str, key_id: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM key_announcements WHERE destination_unit = ?1 AND key_id = ?2",
                [destination_unit, key_id],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Every approval stored here (given here or received from the superior), by year and unit.
    pub fn period_approvals(&self) -> Result<Vec<PeriodApproval>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {APPROVAL_COLUMNS} FROM period_approvals ORDER BY year, unit_id"))?;
        let rows = stmt.query_and_then([], approval)?;
        rows.collect()
    }

    /// The approval of `unit_id`'s `year`, if given.
    pub fn period_approval(&self, unit_id: Uuid, year: i32) -> Result<Option<PeriodApproval>> {
        let mut stmt =
            self.conn.prepare_cached(&format!("SELECT {APPROVAL_COLUMNS} FROM period_approvals WHERE unit_id = ?1 AND year = ?2"))?;
        let mut rows = stmt.query_and_then(params![unit_id.to_string(), year], approval)?;
        rows.next().transpose()
    }
}

impl Writer<'_> {
    /// Records the receipt issued for an accepted bundle (the first one stays: the same bundle again changes nothing).
    pub fn issue_receipt(&self, bundle: &ReceiptKey, receipt: &str, at: DateTime<Utc>) -> Result<()> {
        self.conn().execute(
            "INSERT OR IGNORE INTO issued_receipts (source_unit, destination_unit, sequence, manifest_sha256, receipt, issued_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![bundle.source_unit, bundle.destination_unit, seq(bundle.sequence)?, bundle.manifest_sha256, receipt, time_text(at)],
        )?;
        Ok(())
    }

    /// Records a receipt received; false when this bundle's receipt was recorded already.
    pub fn record_received_receipt(&self, r: &ReceivedReceipt) -> Result<bool> {
        let inserted = self.conn().execute(
            "INSERT OR IGNORE INTO received_receipts (source_unit, destination_unit, sequence, manifest_sha256, receipt, received_at,
                 recorded_at, via) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                r.bundle.source_unit,
                r.bundle.destination_unit,
                seq(r.bundle.sequence)?,
                r.bundle.manifest_sha256,
                r.receipt,
                time_text(r.received_at),
                time_text(r.recorded_at),
                r.via
            ],
        )?;
        Ok(inserted == 1)
    }

    /// Records a revocation (once per key) and marks the key revoked where it is pinned; false when known already.
    pub fn record_revocation(&self, r: &KeyRevocation) -> Result<bool> {
        let inserted = self.conn().execute(
            &format!("INSERT OR IGNORE INTO key_revocations ({REVOCATION_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
            params![r.unit_code, r.key_id, time_text(r.revoked_at), r.reason, r.decided_by, time_text(r.recorded_at)],
        )?;
        self.conn().execute(
            "UPDATE enrolled_keys SET revoked_at = ?3 WHERE unit_code = ?1 AND key_id = ?2 AND revoked_at IS NULL",
            params![r.unit_code, r.key_id, time_text(r.revoked_at)],
        )?;
        Ok(inserted == 1)
    }

    /// Pins another key for a unit in place of the one pinned (a rotation announced under the old key, or a new
    /// enrolment after a revocation).
    pub fn replace_enrolled_key(&self, k: &crate::EnrolledKey) -> Result<()> {
        self.conn().execute(
            "UPDATE enrolled_keys SET key_id = ?2, public_key = ?3, fingerprint = ?4, enrolled_at = ?5, enrolled_by = ?6, revoked_at = NULL
             WHERE unit_code = ?1",
            params![k.unit_code, k.key_id, k.public_key, k.fingerprint, time_text(k.enrolled_at), k.enrolled_by],
        )?;
        Ok(())
    }

    /// Closes both chains between this office and `unit` (re-enrolment of an office that lost everything): the
    /// next bundle each way starts again at 1, and down from here it carries everything. Returns the closed
    /// chains, for the audit trail.
    pub fn close_chains(&self, own: &str, unit: &str) -> Result<Vec<crate::ChainRecord>> {
        let read = self.read();
        let closed: Vec<crate::ChainRecord> = [read.chain(unit, own)?, read.chain(own, unit)?].into_iter().flatten().collect();
        self.conn().execute(
            "DELETE FROM bundle_chain WHERE (source_unit = ?1 AND destination_unit = ?2) OR (source_unit = ?2 AND destination_unit = ?1)",
            params![own, unit],
        )?;
        Ok(closed)
    }

    /// Makes `key_id` the office's key, keeping the one before it to announce the change.
    pub fn rotate_office_key(&self, key_id: &str, public_key: &str, wrapped: &str) -> Result<()> {
        self.conn().execute(
            "UPDATE office SET previous_key_id = key_id, previous_secret_key_wrapped = secret_key_wrapped,
                 key_id = ?1, public_key = ?2, secret_key_wrapped = ?3 WHERE singleton = 1",
            params![key_id, public_key, wrapped],
        )?;
        Ok(())
    }

    /// The office's signing keys wrapped again under another password (the same keys: nothing signed changes).
    pub fn rewrap_office_keys(&self, current: &str, previous: Option<&str>) -> Result<()> {
        self.conn().execute(
            "UPDATE office SET secret_key_wrapped = ?1, previous_secret_key_wrapped = COALESCE(?2, previous_secret_key_wrapped)
             WHERE singleton = 1",
            params![current, previous],
        )?;
        Ok(())
    }

    /// Makes `key_id` the office's key after its own key was revoked: the revoked key is not kept (nothing may be
    /// signed with it any more).
    pub fn replace_revoked_office_key(&self, key_id: &str, public_key: &str, wrapped: &str) -> Result<()> {
        self.conn().execute(
            "UPDATE office SET previous_key_id = NULL, previous_secret_key_wrapped = NULL,
                 key_id = ?1, public_key = ?2, secret_key_wrapped = ?3 WHERE singleton = 1",
            params![key_id, public_key, wrapped],
        )?;
        Ok(())
    }

    /// Notes that bundle `sequence` to `destination_unit` announced key `key_id`.
    pub fn record_announcement(&self, destination_unit: &str, key_id: &str, sequence: u64, at: DateTime<Utc>) -> Result<()> {
        self.conn().execute(
            "INSERT OR IGNORE INTO key_announcements (destination_unit, key_id, sequence, announced_at) VALUES (?1, ?2, ?3, ?4)",
            params![destination_unit, key_id, seq(sequence)?, time_text(at)],
        )?;
        Ok(())
    }

    /// Records the approval of a unit's year, taking the next revision so that it travels down.
    pub fn insert_period_approval(&self, a: &PeriodApproval) -> Result<()> {
        self.conn().execute(
            &format!("INSERT INTO period_approvals ({APPROVAL_COLUMNS}, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?4)"),
            params![
                a.id.to_string(),
                a.owner_unit.to_string(),
                a.revision,
                time_text(a.created_at),
                a.unit_id.to_string(),
                a.year,
                a.decision,
                a.collective_level,
                a.approved_by,
                a.approved_on.format("%Y-%m-%d").to_string()
            ],
        )?;
        Ok(())
    }
}
