//! Exchange between offices: pinned keys, bundle chains, the bundle log, id aliases, and the travelling tables read
//! and written as plain rows (column → JSON value), so that a bundle carries a faithful copy of each row.

use crate::convert::{first, opt_time, time, time_text, uuid};
use crate::error::{Result, StoreError};
use crate::{Reader, Writer};
use chrono::{DateTime, NaiveDate, Utc};
use domain::text::{fold, person_sort_key};
use rusqlite::types::Value as Sql;
use rusqlite::{params, params_from_iter, OptionalExtension};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// A key pinned for another office's unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnrolledKey {
    pub unit_code: String,
    pub key_id: String,
    /// The minisign public key file.
    pub public_key: String,
    pub fingerprint: String,
    pub enrolled_at: DateTime<Utc>,
    pub enrolled_by: String,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// The original file of a bundle accepted from an office below, kept to be forwarded upward unchanged (relay).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedBundle {
    pub source_unit: String,
    pub sequence: u64,
    pub manifest_sha256: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub received_at: DateTime<Utc>,
}

/// The last bundle of a source → destination chain, sent or accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainRecord {
    pub source_unit: String,
    pub destination_unit: String,
    pub last_sequence: u64,
    pub last_manifest_sha256: String,
    /// For a chain this office sends: the highest revision of its own records the last bundle covered.
    pub last_revision: i64,
    pub updated_at: DateTime<Utc>,
}

/// One bundle written or read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BundleLogRecord {
    pub id: i64,
    /// "in" or "out".
    pub direction: String,
    pub file_name: String,
    pub source_unit: Option<String>,
    pub destination_unit: Option<String>,
    pub sequence: Option<u64>,
    pub manifest_sha256: Option<String>,
    /// "accepted", "already" or "refused".
    pub outcome: String,
    pub code: Option<String>,
    pub message: Option<String>,
    /// Records per kind, as JSON.
    pub counts: Option<String>,
    pub at: DateTime<Utc>,
    /// The periods the bundle's manifest lists ("2026", "2026-09", "2026-Q3"); empty for refused files and rows
    /// logged before schema 7.
    pub periods: Vec<String>,
}

/// What a column holds, as a bundle carries it: ids, text, dates and timestamps as JSON strings, integers as numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// A UUID in its canonical lower-case form: the id of a record (possibly of another table).
    Id,
    Text,
    Integer,
    /// A UTC timestamp, RFC 3339.
    Time,
    /// YYYY-MM-DD.
    Date,
    /// Text holding a JSON value.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub ty: ColumnType,
    pub nullable: bool,
    /// The first bundle format version whose records carry this column (`exchange::bundle` lists the versions).
    /// A column is never dropped from a travelling table, only added with a new version.
    pub since: u32,
    /// What a record of an earlier version, which does not carry the column, stands for.
    pub absent: Absent,
}

/// The value of a column in a record written before the column existed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Absent {
    /// Every column of the first version: a record without it is malformed.
    Never,
    /// A whole number: what the column's default in the migration that added it says.
    Integer(i64),
    /// Nothing: an optional column.
    Null,
}

/// A stored column computed from another (search and sort helpers); never travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Derived {
    Folded { column: &'static str, from: &'static str },
    SortKey { column: &'static str, from: &'static str },
}

/// A table whose rows travel between offices. Every one starts with the provenance columns
/// `id, owner_unit, revision, created_at, updated_at`.
#[derive(Debug, PartialEq, Eq)]
pub struct ExchangeTable {
    pub name: &'static str,
    pub columns: &'static [Column],
    /// A column referring to another row of the same table (a unit's parent, a target's parent).
    pub parent_column: Option<&'static str>,
    derived: &'static [Derived],
}

/// A row as it travels: column name → value.
pub type ExchangeRow = Map<String, Value>;

/// What writing one row came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PutOutcome {
    Written,
    /// The database refused it (a unique code or name taken by another record, a reference to a record this office
    /// does not have); nothing of it was written.
    Refused(String),
}

const fn col(name: &'static str, ty: ColumnType) -> Column {
    Column { name, ty, nullable: false, since: 1, absent: Absent::Never }
}

const fn opt(name: &'static str, ty: ColumnType) -> Column {
    Column { name, ty, nullable: true, since: 1, absent: Absent::Never }
}

/// An optional column added in bundle format `version`; records of earlier versions leave it empty.
const fn optional_since(version: u32, name: &'static str, ty: ColumnType) -> Column {
    Column { name, ty, nullable: true, since: version, absent: Absent::Null }
}

/// A whole-number column added in bundle format `version`; records of earlier versions stand for `absent`.
const fn integer_since(version: u32, name: &'static str, absent: i64) -> Column {
    Column { name, ty: ColumnType::Integer, nullable: false, since: version, absent: Absent::Integer(absent) }
}

use ColumnType::{Date as D, Id, Integer as I, Json as J, Text as T, Time as Tm};

macro_rules! meta_columns {
    ($($rest:expr),* $(,)?) => {
        &[col("id", Id), col("owner_unit", Id), col("revision", I), col("created_at", Tm), col("updated_at", Tm), $($rest),*]
    };
}

pub static UNITS: ExchangeTable = ExchangeTable {
    name: "units",
    columns: meta_columns![
        col("code", T),
        col("name", T),
        col("level", T),
        opt("parent_id", Id),
        // A unit merged into another or dissolved (the 2025 mergers) is kept with its history, closed from this day.
        optional_since(2, "ended_on", D),
        optional_since(2, "merged_into", Id),
    ],
    parent_column: Some("parent_id"),
    derived: &[Derived::Folded { column: "name_folded", from: "name" }],
};

pub static POSITION_GROUPS: ExchangeTable =
    ExchangeTable { name: "position_groups", columns: meta_columns![col("code", T), col("name", T)], parent_column: None, derived: &[] };

pub static POSITIONS: ExchangeTable = ExchangeTable {
    name: "positions",
    columns: meta_columns![col("code", T), col("name", T), col("group_id", Id), col("is_head", I)],
    parent_column: None,
    derived: &[Derived::Folded { column: "name_folded", from: "name" }],
};

pub static PEOPLE: ExchangeTable = ExchangeTable {
    name: "people",
    columns: meta_columns![
        col("full_name", T),
        col("birth_date", D),
        col("gender", T),
        opt("hometown", T),
        opt("is_local", I),
        col("party_member", I),
        opt("qualification", T),
        opt("qualification_detail", T),
        opt("political_theory", T),
        col("unit_id", Id),
        // Only the year of birth is known ("1975" in an office's list); birth_date then holds 1 January of it.
        integer_since(2, "birth_year_only", 0),
        // One of the 54 groups by its census name (domain::ethnicity); not recorded before version 3.
        optional_since(3, "ethnicity", T),
    ],
    parent_column: None,
    derived: &[Derived::Folded { column: "name_folded", from: "full_name" }, Derived::SortKey { column: "sort_key", from: "full_name" }],
};

pub static ASSIGNMENTS: ExchangeTable = ExchangeTable {
    name: "assignments",
    columns: meta_columns![
        col("person_id", Id),
        col("position_id", Id),
        col("unit_id", Id),
        col("start_kind", T),
        opt("start_date", D),
        opt("reappointment_due", D),
        opt("end_date", D),
        opt("end_reason", T),
    ],
    parent_column: None,
    derived: &[],
};

pub static TARGETS: ExchangeTable = ExchangeTable {
    name: "targets",
    columns: meta_columns![
        col("year", I),
        col("unit_id", Id),
        opt("person_id", Id),
        col("code", T),
        col("group_code", T),
        col("name", T),
        col("measure", T),
        col("plan", I),
        col("direction", T),
        col("accumulation", T),
        col("weight", I),
        col("start_date", D),
        col("deadline", D),
        opt("source_document", T),
        opt("parent_id", Id),
    ],
    parent_column: Some("parent_id"),
    derived: &[Derived::Folded { column: "name_folded", from: "name" }],
};

pub static PROGRESS_REPORTS: ExchangeTable = ExchangeTable {
    name: "progress_reports",
    columns: meta_columns![
        col("target_id", Id),
        col("period_kind", T),
        col("period_index", I),
        col("value", I),
        opt("comment", T),
        col("reported_by", T),
        col("reported_at", Tm),
    ],
    parent_column: None,
    derived: &[],
};

pub static PRODUCTS: ExchangeTable = ExchangeTable {
    name: "products",
    columns: meta_columns![
        col("person_id", Id),
        col("year", I),
        col("period_kind", T),
        col("period_index", I),
        col("title", T),
        opt("source_kind", T),
        opt("source_id", Id),
        col("required", I),
        opt("delivered", I),
        opt("quality", I),
        opt("major_errors", I),
        opt("on_time", I),
        opt("delays", I),
        opt("assessed_by", T),
        opt("assessed_at", Tm),
        col("coefficient", I),
        opt("kind_code", T),
        opt("measure", T),
        opt("deadline", D),
        opt("completed_on", D),
        col("plan_state", T),
    ],
    parent_column: None,
    derived: &[],
};

pub static BREAKTHROUGH_TASKS: ExchangeTable = ExchangeTable {
    name: "breakthrough_tasks",
    columns: meta_columns![
        col("year", I),
        col("person_id", Id),
        col("unit_id", Id),
        col("title", T),
        col("description", T),
        col("expected_result", T),
        col("deadline", D),
        col("state", T),
        opt("decision_document", T),
    ],
    parent_column: None,
    derived: &[],
};

pub static BREAKTHROUGH_EVENTS: ExchangeTable = ExchangeTable {
    name: "breakthrough_events",
    columns: meta_columns![col("task_id", Id), col("action", T), opt("comment", T), opt("document", T), col("actor", T)],
    parent_column: None,
    derived: &[],
};

pub static ACTION_PROGRAMMES: ExchangeTable = ExchangeTable {
    name: "action_programmes",
    columns: meta_columns![col("person_id", Id), col("occasion", T), col("position_title", T), col("presented_on", D), col("summary", T)],
    parent_column: None,
    derived: &[],
};

pub static ACTION_ITEMS: ExchangeTable = ExchangeTable {
    name: "action_items",
    columns: meta_columns![
        col("programme_id", Id),
        col("ordinal", I),
        col("work", T),
        col("person", T),
        col("deadline", T),
        col("expected_result", T),
        col("responsibility", T),
        col("state", T),
        opt("result_note", T),
    ],
    parent_column: None,
    derived: &[],
};

pub static EVALUATION_PERIODS: ExchangeTable = ExchangeTable {
    name: "evaluation_periods",
    columns: meta_columns![col("year", I), col("kind", T), col("idx", I), opt("closed_at", Tm), opt("closed_by", T)],
    parent_column: None,
    derived: &[],
};

pub static PERIOD_ASSESSMENTS: ExchangeTable = ExchangeTable {
    name: "period_assessments",
    columns: meta_columns![
        col("period_id", Id),
        col("person_id", Id),
        opt("self_points", J),
        opt("self_text", T),
        opt("superior_points", J),
        opt("superior_comment", T),
        opt("task_points", I),
        opt("task_points_reason", T),
    ],
    parent_column: None,
    derived: &[],
};

pub static YEAR_FACTS: ExchangeTable = ExchangeTable {
    name: "year_facts",
    columns: meta_columns![
        col("year", I),
        col("subject_id", Id),
        opt("discipline", T),
        col("months_worked", I),
        col("months_absent", I),
        opt("low_confidence", I),
        col("shortcomings_fixed", I),
        col("outstanding_unit", I),
    ],
    parent_column: None,
    derived: &[],
};

pub static REVIEW_MEETINGS: ExchangeTable = ExchangeTable {
    name: "review_meetings",
    columns: meta_columns![
        col("year", I),
        col("unit_id", Id),
        col("held_on", D),
        col("place", T),
        col("chair", T),
        col("secretary", T),
        col("invited", I),
        col("present", I),
        opt("absent_note", T),
        opt("locked_at", Tm),
        opt("locked_by", T),
    ],
    parent_column: None,
    derived: &[],
};

pub static MEETING_SUBJECTS: ExchangeTable = ExchangeTable {
    name: "meeting_subjects",
    columns: meta_columns![
        col("meeting_id", Id),
        col("ordinal", I),
        col("subject_kind", T),
        col("subject_id", Id),
        col("name", T),
        opt("position", T),
        opt("group_code", T),
        col("is_head", I),
        opt("points", I),
        col("proposed_level", T),
        col("quota_adjusted", I),
        col("reasons", J),
        col("ruleset_code", T),
        col("ruleset_version", I),
        opt("vote_method", T),
        opt("votes_excellent", I),
        opt("votes_good", I),
        opt("votes_completed", I),
        opt("votes_not_completed", I),
        opt("decided_level", T),
        opt("decision_reason", T),
        opt("decided_by", T),
        opt("decided_at", Tm),
        opt("computed_level", T),
        opt("proposal_reason", T),
        opt("proposed_by", T),
        opt("proposed_at", Tm),
        opt("tie_rank", I),
        opt("head_of_unit", Id),
    ],
    parent_column: None,
    derived: &[],
};

pub static PERIOD_APPROVALS: ExchangeTable = ExchangeTable {
    name: "period_approvals",
    columns: meta_columns![
        col("unit_id", Id),
        col("year", I),
        col("decision", T),
        opt("collective_level", T),
        col("approved_by", T),
        col("approved_on", D),
    ],
    parent_column: None,
    derived: &[],
};

/// Rule-set files, sent down by the office that imported them.
pub static RULESETS: ExchangeTable = ExchangeTable {
    name: "rulesets",
    columns: meta_columns![col("code", T), col("version", I), col("source", T), col("imported_by", T)],
    parent_column: None,
    derived: &[],
};

/// Which rule set applies to which position group, sent down so that the office above's choice applies below.
pub static RULESET_CHOICES: ExchangeTable = ExchangeTable {
    name: "ruleset_choices",
    columns: meta_columns![col("group_code", T), opt("ruleset_code", T)],
    parent_column: None,
    derived: &[],
};

/// Every table whose rows may travel, in an order where a row's references come before it.
pub static EXCHANGE_TABLES: [&ExchangeTable; 20] = [
    &UNITS,
    &RULESETS,
    &RULESET_CHOICES,
    &POSITION_GROUPS,
    &POSITIONS,
    &PEOPLE,
    &ASSIGNMENTS,
    &TARGETS,
    &PROGRESS_REPORTS,
    &PRODUCTS,
    &BREAKTHROUGH_TASKS,
    &BREAKTHROUGH_EVENTS,
    &ACTION_PROGRAMMES,
    &ACTION_ITEMS,
    &EVALUATION_PERIODS,
    &PERIOD_ASSESSMENTS,
    &YEAR_FACTS,
    &REVIEW_MEETINGS,
    &MEETING_SUBJECTS,
    &PERIOD_APPROVALS,
];

impl ExchangeTable {
    /// The travelling table of this name.
    pub fn named(name: &str) -> Option<&'static ExchangeTable> {
        EXCHANGE_TABLES.iter().copied().find(|t| t.name == name)
    }

    /// The columns holding record ids (the row's own, its owner's, and its references).
    pub fn id_columns(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.columns.iter().filter(|c| c.ty == ColumnType::Id).map(|c| c.name)
    }

    fn column_list(&self) -> String {
        self.columns.iter().map(|c| c.name).collect::<Vec<_>>().join(", ")
    }

    /// Checks that a row has exactly this table's columns, each of its type; the reason when it does not.
    pub fn check_row(&self, row: &ExchangeRow) -> std::result::Result<(), String> {
        self.check_record(u32::MAX, &mut row.clone())
    }

    /// The columns a record of bundle format `version` carries.
    pub fn columns_in(&self, version: u32) -> impl Iterator<Item = &'static Column> + '_ {
        self.columns.iter().filter(move |c| c.since <= version)
    }

    /// Checks that a record of bundle format `version` has exactly the columns of that version, each of its type,
    /// and completes it with what the columns added since then stand for, so that it becomes a row of today's
    /// table; the reason when it is not a record of that version.
    pub fn check_record(&self, version: u32, row: &mut ExchangeRow) -> std::result::Result<(), String> {
        if let Some(extra) = row.keys().find(|k| !self.columns_in(version).any(|c| c.name == k.as_str())) {
            return Err(format!("unknown field {extra:?}"));
        }
        for column in self.columns {
            if column.since > version {
                let value = match column.absent {
                    Absent::Never => return Err(format!("field {:?} has no value for records of version {version}", column.name)),
                    Absent::Integer(n) => Value::from(n),
                    Absent::Null => Value::Null,
                };
                row.insert(column.name.to_string(), value);
            }
            let value = row.get(column.name).ok_or_else(|| format!("field {:?} is missing", column.name))?;
            to_sql(column, value)?;
        }
        Ok(())
    }

    fn row_from_sql(&self, row: &rusqlite::Row<'_>) -> Result<ExchangeRow> {
        let mut out = Map::new();
        for (i, column) in self.columns.iter().enumerate() {
            let value = match row.get::<_, Sql>(i)? {
                Sql::Null => Value::Null,
                Sql::Integer(n) => Value::from(n),
                Sql::Text(s) => Value::String(s),
                Sql::Real(f) => Value::from(f),
                Sql::Blob(_) => return Err(StoreError::Corrupt(format!("{}.{} holds binary data", self.name, column.name))),
            };
            out.insert(column.name.to_string(), value);
        }
        Ok(out)
    }

    /// The values to store for a row: its columns, then the derived ones.
    fn values(&self, row: &ExchangeRow) -> std::result::Result<Vec<Sql>, String> {
        let mut values = Vec::with_capacity(self.columns.len() + self.derived.len());
        for column in self.columns {
            values.push(to_sql(column, row.get(column.name).unwrap_or(&Value::Null))?);
        }
        let text_of = |from: &str| row.get(from).and_then(Value::as_str).unwrap_or_default().to_string();
        for derived in self.derived {
            values.push(match derived {
                Derived::Folded { from, .. } => Sql::Text(fold(&text_of(from))),
                Derived::SortKey { from, .. } => Sql::Blob(person_sort_key(&text_of(from))),
            });
        }
        Ok(values)
    }

    fn upsert_sql(&self) -> String {
        let names: Vec<&str> = self
            .columns
            .iter()
            .map(|c| c.name)
            .chain(self.derived.iter().map(|d| match d {
                Derived::Folded { column, .. } | Derived::SortKey { column, .. } => *column,
            }))
            .collect();
        let placeholders: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
        let updates: Vec<String> = names.iter().filter(|n| **n != "id").map(|n| format!("{n} = excluded.{n}")).collect();
        format!(
            "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT (id) DO UPDATE SET {}",
            self.name,
            names.join(", "),
            placeholders.join(", "),
            updates.join(", ")
        )
    }
}

/// A travelling value as stored, or why it cannot be.
fn to_sql(column: &Column, value: &Value) -> std::result::Result<Sql, String> {
    let name = column.name;
    if value.is_null() {
        return if column.nullable { Ok(Sql::Null) } else { Err(format!("{name} must not be empty")) };
    }
    let text = || value.as_str().ok_or_else(|| format!("{name} must be text"));
    match column.ty {
        ColumnType::Integer => value.as_i64().map(Sql::Integer).ok_or_else(|| format!("{name} must be a whole number")),
        ColumnType::Text => Ok(Sql::Text(text()?.to_string())),
        ColumnType::Id => {
            let s = text()?;
            match Uuid::parse_str(s) {
                Ok(id) if id.to_string() == s => Ok(Sql::Text(s.to_string())),
                _ => Err(format!("{name} is not an id ({s:?})")),
            }
        }
        ColumnType::Time => {
            let s = text()?;
            DateTime::parse_from_rfc3339(s).map(|_| Sql::Text(s.to_string())).map_err(|_| format!("{name} is not a timestamp ({s:?})"))
        }
        ColumnType::Date => {
            let s = text()?;
            NaiveDate::parse_from_str(s, "%Y-%m-%d").map(|_| Sql::Text(s.to_string())).map_err(|_| format!("{name} is not a date ({s:?})"))
        }
        ColumnType::Json => {
            let s = text()?;
            serde_json::from_str::<Value>(s).map(|_| Sql::Text(s.to_string())).map_err(|_| format!("{name} is not JSON ({s:?})"))
        }
    }
}

fn key(row: &rusqlite::Row<'_>) -> Result<EnrolledKey> {
    Ok(EnrolledKey {
        unit_code: row.get(0)?,
        key_id: row.get(1)?,
        public_key: row.get(2)?,
        fingerprint: row.get(3)?,
        enrolled_at: time(&row.get::<_, String>(4)?)?,
        enrolled_by: row.get(5)?,
        revoked_at: opt_time(row.get(6)?)?,
    })
}

fn chain(row: &rusqlite::Row<'_>) -> Result<ChainRecord> {
    Ok(ChainRecord {
        source_unit: row.get(0)?,
        destination_unit: row.get(1)?,
        last_sequence: row.get::<_, i64>(2)?.try_into().map_err(|_| StoreError::Corrupt("negative bundle sequence".into()))?,
        last_manifest_sha256: row.get(3)?,
        last_revision: row.get(4)?,
        updated_at: time(&row.get::<_, String>(5)?)?,
    })
}

fn received(row: &rusqlite::Row<'_>) -> Result<ReceivedBundle> {
    Ok(ReceivedBundle {
        source_unit: row.get(0)?,
        sequence: row.get::<_, i64>(1)?.try_into().map_err(|_| StoreError::Corrupt("negative bundle sequence".into()))?,
        manifest_sha256: row.get(2)?,
        file_name: row.get(3)?,
        bytes: row.get(4)?,
        received_at: time(&row.get::<_, String>(5)?)?,
    })
}

fn log_record(row: &rusqlite::Row<'_>) -> Result<BundleLogRecord> {
    Ok(BundleLogRecord {
        id: row.get(0)?,
        direction: row.get(1)?,
        file_name: row.get(2)?,
        source_unit: row.get(3)?,
        destination_unit: row.get(4)?,
        sequence: row.get::<_, Option<i64>>(5)?.and_then(|n| u64::try_from(n).ok()),
        manifest_sha256: row.get(6)?,
        outcome: row.get(7)?,
        code: row.get(8)?,
        message: row.get(9)?,
        counts: row.get(10)?,
        at: time(&row.get::<_, String>(11)?)?,
        periods: match row.get::<_, Option<String>>(12)? {
            Some(text) => serde_json::from_str(&text).map_err(|e| StoreError::Corrupt(format!("bundle_log periods: {e}")))?,
            None => Vec::new(),
        },
    })
}

const KEY_COLUMNS: &str = "unit_code, key_id, public_key, fingerprint, enrolled_at, enrolled_by, revoked_at";
const CHAIN_COLUMNS: &str = "source_unit, destination_unit, last_sequence, last_manifest_sha256, last_revision, updated_at";
const LOG_COLUMNS: &str =
    "id, direction, file_name, source_unit, destination_unit, sequence, manifest_sha256, outcome, code, message, counts, at, periods";

fn sequence_param(n: u64) -> Result<i64> {
    i64::try_from(n).map_err(|_| StoreError::Corrupt(format!("bundle sequence {n} too large")))
}

const RECEIVED_COLUMNS: &str = "source_unit, sequence, manifest_sha256, file_name, bytes, received_at";

impl Reader<'_> {
    pub fn enrolled_key(&self, unit_code: &str) -> Result<Option<EnrolledKey>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {KEY_COLUMNS} FROM enrolled_keys WHERE unit_code = ?1"))?;
        let found = first(stmt.query_and_then([unit_code], key)?)?;
        Ok(found)
    }

    /// The bundles accepted from offices below and not yet forwarded to `destination_unit`, by source and sequence.
    pub fn unforwarded_bundles(&self, destination_unit: &str) -> Result<Vec<ReceivedBundle>> {
        let columns = RECEIVED_COLUMNS.split(", ").map(|c| format!("r.{c}")).collect::<Vec<_>>().join(", ");
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {columns} FROM received_bundles r
             WHERE NOT EXISTS (SELECT 1 FROM relay_forwarded f
                               WHERE f.source_unit = r.source_unit AND f.sequence = r.sequence AND f.destination_unit = ?1)
             ORDER BY r.source_unit, r.sequence"
        ))?;
        let rows = stmt.query_and_then([destination_unit], received)?;
        rows.collect()
    }

    pub fn enrolled_keys(&self) -> Result<Vec<EnrolledKey>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {KEY_COLUMNS} FROM enrolled_keys ORDER BY unit_code"))?;
        let rows = stmt.query_and_then([], key)?;
        rows.collect()
    }

    pub fn chain(&self, source_unit: &str, destination_unit: &str) -> Result<Option<ChainRecord>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {CHAIN_COLUMNS} FROM bundle_chain WHERE source_unit = ?1 AND destination_unit = ?2"))?;
        let found = first(stmt.query_and_then([source_unit, destination_unit], chain)?)?;
        Ok(found)
    }

    pub fn chains(&self) -> Result<Vec<ChainRecord>> {
        let mut stmt =
            self.conn.prepare_cached(&format!("SELECT {CHAIN_COLUMNS} FROM bundle_chain ORDER BY source_unit, destination_unit"))?;
        let rows = stmt.query_and_then([], chain)?;
        rows.collect()
    }

    /// The bundle log, newest first.
    pub fn bundle_log(&self, limit: i64) -> Result<Vec<BundleLogRecord>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {LOG_COLUMNS} FROM bundle_log ORDER BY id DESC LIMIT ?1"))?;
        let rows = stmt.query_and_then([limit], log_record)?;
        rows.collect()
    }

    /// Another office's ids mapped to this office's own, as learnt from earlier bundles.
    pub fn exchange_aliases(&self) -> Result<HashMap<Uuid, Uuid>> {
        let mut stmt = self.conn.prepare_cached("SELECT remote_id, local_id FROM exchange_aliases")?;
        let rows = stmt.query_and_then([], |row| -> Result<(Uuid, Uuid)> {
            Ok((uuid(&row.get::<_, String>(0)?)?, uuid(&row.get::<_, String>(1)?)?))
        })?;
        rows.collect()
    }

    /// The last revision this office's clock gave out.
    pub fn revision_high_water(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT last FROM revision_clock WHERE singleton = 1", [], |row| row.get(0))?)
    }

    /// Rows of `table` owned by `owner` whose revision is above `after_revision`, oldest revision first.
    pub fn exchange_rows_since(&self, table: &ExchangeTable, owner: Uuid, after_revision: i64) -> Result<Vec<ExchangeRow>> {
        let sql =
            format!("SELECT {} FROM {} WHERE owner_unit = ?1 AND revision > ?2 ORDER BY revision, id", table.column_list(), table.name);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_and_then(params![owner.to_string(), after_revision], |row| table.row_from_sql(row))?;
        rows.collect()
    }

    /// One row of `table` by id.
    pub fn exchange_row(&self, table: &ExchangeTable, id: Uuid) -> Result<Option<ExchangeRow>> {
        let sql = format!("SELECT {} FROM {} WHERE id = ?1", table.column_list(), table.name);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let found = first(stmt.query_and_then([id.to_string()], |row| table.row_from_sql(row))?)?;
        Ok(found)
    }

    pub fn position_by_code(&self, code: &str) -> Result<Option<Uuid>> {
        self.conn
            .query_row("SELECT id FROM positions WHERE code = ?1", [code], |row| row.get::<_, String>(0))
            .optional()?
            .map(|id| uuid(&id))
            .transpose()
    }

    /// The (sha256, file name) of each evidence file linked to a report, by hash.
    pub fn evidence_links(&self, report_id: Uuid) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare_cached("SELECT sha256, file_name FROM report_evidence WHERE report_id = ?1 ORDER BY sha256")?;
        let rows = stmt.query_map([report_id.to_string()], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    pub fn has_evidence_file(&self, sha256: &str) -> Result<bool> {
        Ok(self.conn.query_row("SELECT 1 FROM evidence_files WHERE sha256 = ?1", [sha256], |_| Ok(())).optional()?.is_some())
    }

    /// Every row of every table, each rendered as one line and sorted, by table name: the database's content,
    /// independent of page layout, to compare before and after (tests, diagnostics).
    pub fn content_dump(&self) -> Result<BTreeMap<String, Vec<String>>> {
        let mut stmt = self.conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?;
        let tables: Vec<String> = stmt.query_map([], |row| row.get(0))?.collect::<std::result::Result<_, _>>()?;
        let mut dump = BTreeMap::new();
        for table in tables {
            let mut stmt = self.conn.prepare(&format!("SELECT * FROM \"{}\"", table.replace('"', "\"\"")))?;
            let width = stmt.column_count();
            let mut rows: Vec<String> = stmt
                .query_map([], |row| {
                    let cells: Vec<String> =
                        (0..width).map(|i| row.get::<_, Sql>(i).map(|v| cell_text(&v))).collect::<std::result::Result<_, _>>()?;
                    Ok(cells.join(" | "))
                })?
                .collect::<std::result::Result<_, _>>()?;
            rows.sort();
            dump.insert(table, rows);
        }
        Ok(dump)
    }
}

/// A value as the content dump shows it; a blob by its length and a 64-bit FNV-1a hash, so that megabytes of
/// evidence do not become megabytes of text.
fn cell_text(value: &Sql) -> String {
    match value {
        Sql::Blob(bytes) => {
            let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
            format!("Blob({} bytes, {hash:016x})", bytes.len())
        }
        other => format!("{other:?}"),
    }
}

/// A bundle log entry to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBundleLog<'a> {
    pub direction: &'a str,
    pub file_name: &'a str,
    pub source_unit: Option<&'a str>,
    pub destination_unit: Option<&'a str>,
    pub sequence: Option<u64>,
    pub manifest_sha256: Option<&'a str>,
    pub outcome: &'a str,
    pub code: Option<&'a str>,
    pub message: Option<&'a str>,
    pub counts: Option<&'a str>,
    pub at: DateTime<Utc>,
    /// The periods the manifest lists (empty when unknown).
    pub periods: &'a [String],
}

impl Writer<'_> {
    pub fn insert_enrolled_key(&self, k: &EnrolledKey) -> Result<()> {
        self.conn().execute(
            &format!("INSERT INTO enrolled_keys ({KEY_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
            params![
                k.unit_code,
                k.key_id,
                k.public_key,
                k.fingerprint,
                time_text(k.enrolled_at),
                k.enrolled_by,
                k.revoked_at.map(time_text)
            ],
        )?;
        Ok(())
    }

    pub fn save_chain(&self, c: &ChainRecord) -> Result<()> {
        self.conn().execute(
            &format!(
                "INSERT INTO bundle_chain ({CHAIN_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (source_unit, destination_unit) DO UPDATE SET last_sequence = ?3, last_manifest_sha256 = ?4,
                     last_revision = ?5, updated_at = ?6"
            ),
            params![
                c.source_unit,
                c.destination_unit,
                sequence_param(c.last_sequence)?,
                c.last_manifest_sha256,
                c.last_revision,
                time_text(c.updated_at)
            ],
        )?;
        Ok(())
    }

    pub fn log_bundle(&self, l: &NewBundleLog<'_>) -> Result<()> {
        self.conn().execute(
            "INSERT INTO bundle_log (direction, file_name, source_unit, destination_unit, sequence, manifest_sha256, outcome, code, message,
                 counts, at, periods) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                l.direction,
                l.file_name,
                l.source_unit,
                l.destination_unit,
                l.sequence.map(sequence_param).transpose()?,
                l.manifest_sha256,
                l.outcome,
                l.code,
                l.message,
                l.counts,
                time_text(l.at),
                if l.periods.is_empty() { None } else { Some(serde_json::to_string(l.periods).unwrap_or_default()) }
            ],
        )?;
        Ok(())
    }

    /// Keeps the original of a bundle accepted from an office below (the same source and sequence twice is an error).
    pub fn keep_received_bundle(&self, b: &ReceivedBundle) -> Result<()> {
        self.conn().execute(
            &format!("INSERT INTO received_bundles ({RECEIVED_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
            params![b.source_unit, sequence_param(b.sequence)?, b.manifest_sha256, b.file_name, b.bytes, time_text(b.received_at)],
        )?;
        Ok(())
    }

    /// Notes that a received bundle went to `destination_unit` inside this office's bundle number `outer_sequence`.
    pub fn mark_forwarded(
        &self,
        source_unit: &str,
        sequence: u64,
        destination_unit: &str,
        outer_sequence: u64,
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.conn().execute(
            "INSERT INTO relay_forwarded (source_unit, sequence, destination_unit, outer_sequence, forwarded_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![source_unit, sequence_param(sequence)?, destination_unit, sequence_param(outer_sequence)?, time_text(at)],
        )?;
        Ok(())
    }

    pub fn insert_alias(&self, remote_id: Uuid, local_id: Uuid, kind: &str, source_unit: &str, at: DateTime<Utc>) -> Result<()> {
        self.conn().execute(
            "INSERT INTO exchange_aliases (remote_id, local_id, kind, source_unit, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![remote_id.to_string(), local_id.to_string(), kind, source_unit, time_text(at)],
        )?;
        Ok(())
    }

    /// Inserts or replaces (by id) one travelling row, with its derived columns. A row the database refuses (a
    /// constraint) is undone alone and reported; the caller's transaction goes on.
    pub fn put_exchange_row(&self, table: &ExchangeTable, row: &ExchangeRow) -> Result<PutOutcome> {
        let values = table.values(row).map_err(|why| StoreError::Corrupt(format!("{} row: {why}", table.name)))?;
        self.guarded(|conn| {
            // The owner's bundle may write the owner's record (migration 0010); the mark lives only for this row.
            conn.prepare_cached("INSERT OR IGNORE INTO exchange_writing (singleton) VALUES (1)")?.execute([])?;
            let written = conn.prepare_cached(&table.upsert_sql())?.execute(params_from_iter(values));
            conn.prepare_cached("DELETE FROM exchange_writing")?.execute([])?;
            written.map(|_| ())
        })
    }

    /// Keeps an evidence file (once per content).
    pub fn put_evidence_file(&self, sha256: &str, content: &[u8], at: DateTime<Utc>) -> Result<()> {
        self.conn()
            .prepare_cached("INSERT OR IGNORE INTO evidence_files (sha256, size, content, created_at) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![sha256, content.len() as i64, content, time_text(at)])?;
        Ok(())
    }

    /// Makes a report's evidence exactly these files (each must be stored already).
    pub fn set_evidence_links(&self, report_id: Uuid, links: &[(String, String)]) -> Result<PutOutcome> {
        let id = report_id.to_string();
        self.guarded(|conn| {
            conn.prepare_cached("DELETE FROM report_evidence WHERE report_id = ?1")?.execute([&id])?;
            let mut insert = conn.prepare_cached("INSERT INTO report_evidence (report_id, sha256, file_name) VALUES (?1, ?2, ?3)")?;
            for (sha, name) in links {
                insert.execute(params![id, sha, name])?;
            }
            Ok(())
        })
    }

    /// Runs `work` inside a savepoint: a constraint it breaks undoes only its own changes and comes back as
    /// `Refused`; any other error undoes them too and is returned.
    fn guarded(&self, work: impl FnOnce(&rusqlite::Connection) -> rusqlite::Result<()>) -> Result<PutOutcome> {
        let conn = self.conn();
        conn.execute_batch("SAVEPOINT exchange_row")?;
        match work(conn) {
            Ok(()) => {
                conn.execute_batch("RELEASE exchange_row")?;
                Ok(PutOutcome::Written)
            }
            Err(error) => {
                conn.execute_batch("ROLLBACK TO exchange_row; RELEASE exchange_row")?;
                match error.sqlite_error_code() {
                    Some(rusqlite::ErrorCode::ConstraintViolation) => Ok(PutOutcome::Refused(constraint_reason(&error))),
                    _ => Err(error.into()),
                }
            }
        }
    }
}

/// SQLite's words for a broken constraint, which name the columns ("UNIQUE constraint failed: targets.year, …").
fn constraint_reason(error: &rusqlite::Error) -> String {
    match error {
        rusqlite::Error::SqliteFailure(_, Some(message)) if message.contains(crate::error::YEAR_APPROVED_MARK) => {
            "năm này của đơn vị đã được cấp trên phê duyệt, dữ liệu đã khoá (the year was approved: locked)".into()
        }
        rusqlite::Error::SqliteFailure(_, Some(message)) => message.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;
    use serde_json::json;

    fn unit_row(id: Uuid, owner: Uuid, code: &str, parent: Option<Uuid>, revision: i64) -> ExchangeRow {
        let row = json!({
            "id": id.to_string(), "owner_unit": owner.to_string(), "revision": revision,
            "created_at": "2025-01-02T03:04:05.000Z", "updated_at": "2025-01-02T03:04:05.000Z",
            "code": code, "name": format!("Xã {code}"), "level": "commune", "parent_id": parent.map(|p| p.to_string()),
            "ended_on": null, "merged_into": null,
        });
        row.as_object().unwrap().clone()
    }

    #[test]
    fn a_row_goes_in_and_comes_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let row = unit_row(a, a, "XA-A", None, 3);
        let child = unit_row(b, a, "XA-B", Some(a), 4);
        store
            .write(|w| -> Result<()> {
                assert_eq!(w.put_exchange_row(&UNITS, &row)?, PutOutcome::Written);
                assert_eq!(w.put_exchange_row(&UNITS, &child)?, PutOutcome::Written);
                Ok(())
            })
            .unwrap();
        let read = store.read();
        assert_eq!(read.exchange_row(&UNITS, a).unwrap().unwrap(), row);
        assert_eq!(read.exchange_rows_since(&UNITS, a, 3).unwrap(), vec![child.clone()]);
        assert_eq!(read.units_named("xa xa-b").unwrap().len(), 1, "the folded name is derived");

        let mut renamed = row.clone();
        renamed.insert("name".into(), json!("Xã Mới"));
        renamed.insert("revision".into(), json!(9));
        store.write(|w| w.put_exchange_row(&UNITS, &renamed)).unwrap();
        assert_eq!(store.read().exchange_row(&UNITS, a).unwrap().unwrap(), renamed);
    }

    #[test]
    fn a_refused_row_is_undone_alone() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        let (a, b, c) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let outcomes = store
            .write(|w| -> Result<_> {
                Ok([
                    w.put_exchange_row(&UNITS, &unit_row(a, a, "XA-A", None, 1))?,
                    w.put_exchange_row(&UNITS, &unit_row(b, a, "XA-A", None, 2))?,
                    w.put_exchange_row(&UNITS, &unit_row(c, a, "XA-C", Some(Uuid::now_v7()), 3))?,
                ])
            })
            .unwrap();
        assert_eq!(outcomes[0], PutOutcome::Written);
        assert!(matches!(&outcomes[1], PutOutcome::Refused(why) if why.contains("UNIQUE")), "{outcomes:?}");
        assert!(matches!(&outcomes[2], PutOutcome::Refused(why) if why.contains("FOREIGN KEY")), "{outcomes:?}");
        assert_eq!(store.read().units().unwrap().len(), 1);
    }

    #[test]
    fn rows_are_checked_field_by_field() {
        let a = Uuid::now_v7();
        let good = unit_row(a, a, "XA-A", None, 1);
        assert_eq!(UNITS.check_row(&good), Ok(()));
        let broken = |field: &str, value: Value| {
            let mut row = good.clone();
            row.insert(field.into(), value);
            UNITS.check_row(&row).unwrap_err()
        };
        assert!(broken("revision", json!("1")).contains("whole number"));
        assert!(broken("id", json!(a.to_string().to_uppercase())).contains("not an id"));
        assert!(broken("created_at", json!("hôm qua")).contains("timestamp"));
        assert!(broken("code", Value::Null).contains("must not be empty"));
        assert!(broken("extra", json!(1)).contains("unknown field"));
        let mut missing = good.clone();
        missing.remove("level");
        assert!(UNITS.check_row(&missing).unwrap_err().contains("missing"));
    }

    fn person_row(version: u32) -> ExchangeRow {
        let a = Uuid::now_v7().to_string();
        let mut row = json!({
            "id": a, "owner_unit": a, "revision": 1,
            "created_at": "2025-01-02T03:04:05.000Z", "updated_at": "2025-01-02T03:04:05.000Z",
            "full_name": "Lò Văn Pấng", "birth_date": "1968-01-01", "gender": "male", "hometown": null, "is_local": null,
            "party_member": 1, "qualification": null, "qualification_detail": null, "political_theory": null, "unit_id": a,
        });
        if version >= 2 {
            row["birth_year_only"] = json!(1);
        }
        row.as_object().unwrap().clone()
    }

    #[test]
    fn a_record_of_an_earlier_version_becomes_a_row_of_today() {
        let mut old = person_row(1);
        PEOPLE.check_record(1, &mut old).expect("a version-1 person is read");
        assert_eq!(old["birth_year_only"], json!(0), "a version-1 person has a full birth date");
        assert_eq!(PEOPLE.check_row(&old), Ok(()), "completed, it is a row of today's table");

        let mut new = person_row(2);
        PEOPLE.check_record(2, &mut new).unwrap();
        assert_eq!(new["birth_year_only"], json!(1), "what the sender wrote is kept");

        let mut early = person_row(2);
        let error = PEOPLE.check_record(1, &mut early).unwrap_err();
        assert!(error.contains("birth_year_only"), "a version-1 record cannot carry a later column: {error}");
        let error = PEOPLE.check_record(2, &mut person_row(1)).unwrap_err();
        assert!(error.contains("missing"), "a version-2 record must carry it: {error}");
    }

    #[test]
    fn columns_of_later_versions_say_what_earlier_records_stand_for() {
        for table in EXCHANGE_TABLES {
            for column in table.columns {
                assert!(column.since >= 1, "{}.{}", table.name, column.name);
                assert_eq!(column.since == 1, column.absent == Absent::Never, "{}.{}", table.name, column.name);
            }
            let first_later = table.columns.iter().position(|c| c.since > 1).unwrap_or(table.columns.len());
            assert!(table.columns[first_later..].windows(2).all(|w| w[0].since <= w[1].since), "{}: later columns last", table.name);
        }
    }

    #[test]
    fn every_travelling_table_matches_the_schema() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).unwrap();
        for table in EXCHANGE_TABLES {
            let mut stmt = store.read().conn.prepare(&format!("SELECT name FROM pragma_table_info('{}')", table.name)).unwrap();
            let stored: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect();
            let mut expected: Vec<String> = table.columns.iter().map(|c| c.name.to_string()).collect();
            expected.extend(table.derived.iter().map(|d| match d {
                Derived::Folded { column, .. } | Derived::SortKey { column, .. } => column.to_string(),
            }));
            let (mut a, mut b) = (stored.clone(), expected.clone());
            a.sort();
            b.sort();
            assert_eq!(a, b, "{}", table.name);
            assert_eq!(
                &table.columns[..5].iter().map(|c| c.name).collect::<Vec<_>>(),
                &["id", "owner_unit", "revision", "created_at", "updated_at"]
            );
        }
    }

    #[test]
    fn keys_chains_log_and_aliases() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        let now = Utc::now();
        let (remote, local) = (Uuid::now_v7(), Uuid::now_v7());
        store
            .write(|w| -> Result<()> {
                w.insert_enrolled_key(&EnrolledKey {
                    unit_code: "XA-A".into(),
                    key_id: "0123456789ABCDEF".into(),
                    public_key: "untrusted comment: x\nRWQ\n".into(),
                    fingerprint: "AAAA-BBBB-CCCC-DDDD".into(),
                    enrolled_at: now,
                    enrolled_by: "admin".into(),
                    revoked_at: None,
                })?;
                let mut chain = ChainRecord {
                    source_unit: "XA-A".into(),
                    destination_unit: "SL".into(),
                    last_sequence: 1,
                    last_manifest_sha256: "a".repeat(64),
                    last_revision: 0,
                    updated_at: now,
                };
                w.save_chain(&chain)?;
                chain.last_sequence = 2;
                w.save_chain(&chain)?;
                w.log_bundle(&NewBundleLog {
                    direction: "in",
                    file_name: "x.tdb",
                    source_unit: None,
                    destination_unit: None,
                    sequence: None,
                    manifest_sha256: None,
                    outcome: "refused",
                    code: Some("exchange.bundle_not_zip"),
                    message: Some("hỏng"),
                    counts: None,
                    at: now,
                    periods: &[],
                })?;
                w.insert_alias(remote, local, "units", "XA-A", now)
            })
            .unwrap();
        let read = store.read();
        assert_eq!(read.enrolled_key("XA-A").unwrap().unwrap().fingerprint, "AAAA-BBBB-CCCC-DDDD");
        assert_eq!(read.chain("XA-A", "SL").unwrap().unwrap().last_sequence, 2);
        assert_eq!(read.chains().unwrap().len(), 1);
        assert_eq!(read.bundle_log(10).unwrap()[0].code.as_deref(), Some("exchange.bundle_not_zip"));
        assert_eq!(read.exchange_aliases().unwrap().get(&remote), Some(&local));
        let dump = read.content_dump().unwrap();
        assert_eq!(dump["bundle_chain"].len(), 1);
        assert!(dump["enrolled_keys"][0].contains("XA-A"));
    }

    #[test]
    fn received_bundles_are_forwarded_once_per_destination() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        let now = DateTime::parse_from_rfc3339("2026-03-01T08:00:00.000Z").unwrap().with_timezone(&Utc);
        let bundle = |source: &str, sequence: u64| ReceivedBundle {
            source_unit: source.into(),
            sequence,
            manifest_sha256: format!("{sequence}").repeat(64),
            file_name: format!("{source}-HUYEN-{sequence:06}.tdb"),
            bytes: vec![sequence as u8; 10],
            received_at: now,
        };
        store
            .write(|w| -> Result<()> {
                w.keep_received_bundle(&bundle("XA-B", 1))?;
                w.keep_received_bundle(&bundle("XA-A", 2))?;
                w.keep_received_bundle(&bundle("XA-A", 1))
            })
            .unwrap();
        let again = store.write(|w| w.keep_received_bundle(&bundle("XA-A", 1)));
        assert!(again.is_err(), "one original per source and sequence");
        let order = |list: Vec<ReceivedBundle>| list.into_iter().map(|b| (b.source_unit, b.sequence)).collect::<Vec<_>>();
        let pending = store.read().unforwarded_bundles("SL").unwrap();
        assert_eq!(pending[0], bundle("XA-A", 1));
        assert_eq!(order(pending), [("XA-A".into(), 1), ("XA-A".into(), 2), ("XA-B".into(), 1)]);
        store.write(|w| w.mark_forwarded("XA-A", 1, "SL", 4, now)).unwrap();
        assert_eq!(order(store.read().unforwarded_bundles("SL").unwrap()), [("XA-A".into(), 2), ("XA-B".into(), 1)]);
        assert_eq!(store.read().unforwarded_bundles("OTHER").unwrap().len(), 3, "forwarded-ness is per destination");
        assert!(store.write(|w| w.mark_forwarded("XA-C", 1, "SL", 4, now)).is_err(), "only a kept bundle is forwarded");
    }
}
