//! What the store hands out and takes in: plain records, no SQL types.

use chrono::{DateTime, NaiveDate, Utc};
use domain::profile::{Gender, PoliticalTheory, Qualification};
use serde::Serialize;
use uuid::Uuid;

/// Identity and provenance of every record that travels between offices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Meta {
    pub id: Uuid,
    /// The unit whose office authored the record; only its bundles may change it.
    pub owner_unit: Uuid,
    pub revision: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitRecord {
    pub meta: Meta,
    pub code: String,
    pub name: String,
    pub level: String,
    pub parent_id: Option<Uuid>,
    /// Closed from this day: merged into another unit or dissolved. Its history stays.
    pub ended_on: Option<NaiveDate>,
    /// The unit it was merged into.
    pub merged_into: Option<Uuid>,
}

/// A unit as listed: with its parent's code resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitListing {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub level: String,
    pub parent_id: Option<Uuid>,
    pub parent_code: Option<String>,
    pub ended_on: Option<NaiveDate>,
    pub merged_into: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OfficeRecord {
    pub unit_id: Uuid,
    pub superior_code: Option<String>,
    pub key_id: String,
    pub public_key: String,
    #[serde(skip)]
    pub secret_key_wrapped: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UserRecord {
    pub id: Uuid,
    pub username: String,
    pub role: String,
    /// The unit (and those below it) a data-entry account may edit; none for the whole office.
    pub unit_id: Option<Uuid>,
    #[serde(skip)]
    pub password_hash: String,
    /// The office secret wrapped with this account's password (none for an account made before there was one).
    #[serde(skip)]
    pub secret_wrapped: Option<String>,
    pub failed_logins: i64,
    pub locked_until: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub deactivated_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PositionGroupRecord {
    pub meta: Meta,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PositionRecord {
    pub meta: Meta,
    pub code: String,
    pub name: String,
    pub group_id: Uuid,
    pub is_head: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonRecord {
    pub meta: Meta,
    pub full_name: String,
    /// 1 January of the year when only the year is known.
    pub birth_date: NaiveDate,
    pub birth_year_only: bool,
    pub gender: Gender,
    pub hometown: Option<String>,
    pub is_local: Option<bool>,
    pub party_member: bool,
    pub qualification: Option<Qualification>,
    pub qualification_detail: Option<String>,
    pub political_theory: Option<PoliticalTheory>,
    pub unit_id: Uuid,
    /// One of the 54 groups by its census name (domain::ethnicity).
    pub ethnicity: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssignmentRecord {
    pub meta: Meta,
    pub person_id: Uuid,
    pub position_id: Uuid,
    pub unit_id: Uuid,
    pub start_kind: String,
    pub start_date: Option<NaiveDate>,
    pub reappointment_due: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub end_reason: Option<String>,
}

/// One line of the roster: a person with their unit and current position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RosterLine {
    pub person: PersonRecord,
    pub unit_code: String,
    pub unit_name: String,
    pub position: Option<String>,
    pub position_group: Option<String>,
    pub appointment_date: Option<NaiveDate>,
    pub reappointment_due: Option<NaiveDate>,
}
