//! Which records travel, and how a stored row becomes a bundle record and back.
//!
//! A record is a faithful copy of its row: every column but the derived search and sort helpers, with its id,
//! owner unit, revision and UTC timestamps, ids and dates as text and numbers as numbers. A progress report also
//! carries the list of its evidence files (`"evidence": [{"sha256", "file_name"}]`), whose content travels as
//! attachments named by hash; attaching evidence gives the report a new revision, so the list travels with it.
//!
//! Rule-set files and the choice of which applies to which group travel down only (the office above decides them).
//!
//! Not travelling: users, the audit log, the office's key and settings, who decides which group, and the anonymous
//! feedback. Feedback scores never leave the office individually (that is what keeps them anonymous); the
//! aggregates the classification uses are computed where the scores are and are not sent either.

use crate::error::{Result, ServiceError};
use exchange::ExchangeError;
use serde_json::{json, Value};
use std::collections::HashMap;
use store::{ExchangeRow, ExchangeTable, Reader};
use uuid::Uuid;

/// The name under which a progress report carries its evidence list.
pub(crate) const EVIDENCE_FIELD: &str = "evidence";

/// What a bundle upward carries: the office's whole work, in an order where references come first. Units,
/// positions and people are there so the superior can make sense of the rest.
pub(crate) static UP_KINDS: [&ExchangeTable; 17] = [
    &store::UNITS,
    &store::POSITION_GROUPS,
    &store::POSITIONS,
    &store::PEOPLE,
    &store::ASSIGNMENTS,
    &store::TARGETS,
    &store::PROGRESS_REPORTS,
    &store::PRODUCTS,
    &store::BREAKTHROUGH_TASKS,
    &store::BREAKTHROUGH_EVENTS,
    &store::ACTION_PROGRAMMES,
    &store::ACTION_ITEMS,
    &store::EVALUATION_PERIODS,
    &store::PERIOD_ASSESSMENTS,
    &store::YEAR_FACTS,
    &store::REVIEW_MEETINGS,
    &store::MEETING_SUBJECTS,
];

/// What a bundle downward carries: the units that address it (this office's and the destination's), the targets
/// assigned to units of the destination (with the targets they were split from), and this office's decisions on
/// the destination's breakthrough tasks, and this office's rule-set files and choices (they apply below it).
pub(crate) static DOWN_KINDS: [&ExchangeTable; 6] =
    [&store::UNITS, &store::RULESETS, &store::RULESET_CHOICES, &store::TARGETS, &store::BREAKTHROUGH_EVENTS, &store::PERIOD_APPROVALS];

/// Whether a bundle may carry records of `table`: from the office directly above, only what travels down (rule sets
/// and their choice, targets, decisions, approvals); from an office below, or relayed through one, only what travels
/// up. A commune's bundle carrying "approvals" spoke for its superior; it is refused as a whole.
pub(crate) fn may_carry(table: &ExchangeTable, from_superior: bool) -> bool {
    let kinds: &[&ExchangeTable] = if from_superior { &DOWN_KINDS } else { &UP_KINDS };
    kinds.iter().any(|t| t.name == table.name)
}

/// Bounds on what a travelling record may hold, as local entry has them: a name or code as long as the roster allows,
/// other text a page, a rule-set file 256 KiB, a JSON column 64 KiB; a revision no office's clock reaches in a
/// lifetime (one that did would shadow every later change); dates between 1900 and 2100.
const MAX_NAME_CHARS: usize = 200;
const MAX_TEXT_CHARS: usize = 4_000;
const MAX_RULE_SET_CHARS: usize = 256 * 1024;
const MAX_JSON_BYTES: usize = 64 * 1024;
const MAX_REVISION: i64 = 1_000_000_000_000;
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Columns that hold a name or a code (the roster's bound).
fn is_name_column(column: &str) -> bool {
    matches!(column, "full_name" | "name" | "code" | "hometown" | "qualification" | "political_theory" | "gender" | "level" | "ethnicity")
}

/// Checks a record's values as local entry would have: text in NFC without control or bidirectional characters,
/// on one line (a rule-set file excepted), within its bound; JSON without duplicate keys; dates and years in range,
/// a birth date a serving cadre can have; a sane revision. The reason, in Vietnamese and English, when it fails.
pub(crate) fn check_values(table: &ExchangeTable, row: &ExchangeRow, today: chrono::NaiveDate) -> std::result::Result<(), String> {
    use store::ColumnType;
    for column in table.columns {
        let name = column.name;
        let Some(value) = row.get(name).filter(|v| !v.is_null()) else { continue };
        match column.ty {
            ColumnType::Text => {
                let text = value.as_str().unwrap_or_default();
                let multi_line = table.name == store::RULESETS.name && name == "source";
                let max = if multi_line {
                    MAX_RULE_SET_CHARS
                } else if is_name_column(name) {
                    MAX_NAME_CHARS
                } else {
                    MAX_TEXT_CHARS
                };
                check_text(name, text, multi_line, max)?;
            }
            ColumnType::Json => {
                let text = value.as_str().unwrap_or_default();
                if text.len() > MAX_JSON_BYTES {
                    return Err(format!("{name} dài quá {MAX_JSON_BYTES} byte / {name} is longer than {MAX_JSON_BYTES} bytes"));
                }
                let inner = exchange::strict_json::from_slice(text.as_bytes())
                    .map_err(|e| format!("{name} không phải JSON hợp lệ ({e}) / {name} is not valid JSON ({e})"))?;
                check_json_text(name, &inner)?;
            }
            ColumnType::Date => {
                let date = chrono::NaiveDate::parse_from_str(value.as_str().unwrap_or_default(), "%Y-%m-%d").unwrap_or_default();
                if !YEARS.contains(&chrono::Datelike::year(&date)) {
                    return Err(format!("{name} {date} ngoài khoảng 1900–2100 / {name} {date} is outside 1900–2100"));
                }
                if name == "birth_date" {
                    if let Some(problem) = domain::roster::birth_date_problem(date, today) {
                        return Err(format!(
                            "{name}: {} / {name}: {}",
                            problem.message(domain::Lang::Vi),
                            problem.message(domain::Lang::En)
                        ));
                    }
                }
            }
            ColumnType::Time => {
                let at = chrono::DateTime::parse_from_rfc3339(value.as_str().unwrap_or_default()).map(|t| t.with_timezone(&chrono::Utc));
                if !at.is_ok_and(|t| YEARS.contains(&chrono::Datelike::year(&t))) {
                    return Err(format!("{name} ngoài khoảng 1900–2100 / {name} is outside 1900–2100"));
                }
            }
            ColumnType::Integer => {
                let n = value.as_i64().unwrap_or_default();
                if name == "revision" && !(1..=MAX_REVISION).contains(&n) {
                    return Err(format!(
                        "revision {n} không hợp lý (1 đến {MAX_REVISION}) / revision {n} is not sane (1 to {MAX_REVISION})"
                    ));
                }
                if name == "year" && !i32::try_from(n).is_ok_and(|y| YEARS.contains(&y)) {
                    return Err(format!("year {n} ngoài khoảng 1900–2100 / year {n} is outside 1900–2100"));
                }
            }
            ColumnType::Id => {}
        }
    }
    Ok(())
}

fn check_text(name: &str, text: &str, multi_line: bool, max: usize) -> std::result::Result<(), String> {
    if text.chars().any(domain::text::is_unsafe_char) {
        return Err(format!(
            "{name} chứa ký tự điều khiển hoặc ký tự đổi chiều văn bản / {name} holds a control or bidirectional character"
        ));
    }
    if !multi_line && text.contains(['\n', '\r', '\t']) {
        return Err(format!("{name} chứa dấu xuống dòng hoặc tab / {name} holds a line break or tab"));
    }
    if !domain::text::is_nfc(text) {
        return Err(format!("{name} không ở dạng Unicode NFC / {name} is not in Unicode NFC"));
    }
    let length = text.chars().count();
    if length > max {
        return Err(format!("{name} dài {length} ký tự, quá {max} / {name} is {length} characters long, over {max}"));
    }
    Ok(())
}

/// The text inside a JSON column (its keys and strings) follows the rules of a text column.
fn check_json_text(name: &str, value: &Value) -> std::result::Result<(), String> {
    match value {
        Value::String(s) => check_text(name, s, false, MAX_TEXT_CHARS),
        Value::Array(items) => items.iter().try_for_each(|v| check_json_text(name, v)),
        Value::Object(map) => {
            map.iter().try_for_each(|(k, v)| check_text(name, k, false, MAX_NAME_CHARS).and_then(|_| check_json_text(name, v)))
        }
        _ => Ok(()),
    }
}

/// Payload kinds that are not rows of a table: receipts for the bundles the destination sent (downward), revoked keys
/// (downward), and the announcement of the sender's new key (any direction, signed with the old key).
pub(crate) const RECEIPTS_KIND: &str = "receipts";
pub(crate) const REVOCATIONS_KIND: &str = "key_revocations";
pub(crate) const ANNOUNCEMENT_KIND: &str = "key_announcements";

/// True for the payload kinds above.
pub(crate) fn is_trust_kind(kind: &str) -> bool {
    matches!(kind, RECEIPTS_KIND | REVOCATIONS_KIND | ANNOUNCEMENT_KIND)
}

/// The travelling table of a record kind; the kind is the table's name.
pub(crate) fn table_of(kind: &str) -> Option<&'static ExchangeTable> {
    ExchangeTable::named(kind)
}

/// A record's id in one of its id columns.
pub(crate) fn id_in(row: &ExchangeRow, column: &str) -> Option<Uuid> {
    row.get(column).and_then(Value::as_str).and_then(|s| Uuid::parse_str(s).ok())
}

/// The record's own id (checked to be present by `ExchangeTable::check_record`).
pub(crate) fn id_of(row: &ExchangeRow) -> Uuid {
    id_in(row, "id").unwrap_or_default()
}

pub(crate) fn revision_of(row: &ExchangeRow) -> i64 {
    row.get("revision").and_then(Value::as_i64).unwrap_or_default()
}

/// The row as it travels: a progress report gains its evidence list.
pub(crate) fn outgoing(read: Reader<'_>, table: &ExchangeTable, mut row: ExchangeRow) -> Result<ExchangeRow> {
    if table.name == store::PROGRESS_REPORTS.name {
        let links = read.evidence_links(id_of(&row))?;
        row.insert(EVIDENCE_FIELD.into(), evidence_value(&links));
    }
    Ok(row)
}

pub(crate) fn evidence_value(links: &[(String, String)]) -> Value {
    Value::Array(links.iter().map(|(sha256, file_name)| json!({"sha256": sha256, "file_name": file_name})).collect())
}

/// A record read from a bundle: its row, checked column by column, and for a progress report its evidence list.
#[derive(Debug, Clone)]
pub(crate) struct Incoming {
    pub row: ExchangeRow,
    pub evidence: Option<Vec<(String, String)>>,
}

/// Reads one record of `kind` (line `line` of its payload file) written in bundle format `version`, as a row of
/// today's table, or says why it is not a valid one.
pub(crate) fn incoming(table: &ExchangeTable, value: Value, line: usize, today: chrono::NaiveDate, version: u32) -> Result<Incoming> {
    let bad = |reason: String| {
        ServiceError::from(ExchangeError::BundleBadRecord { path: format!("payload/{}.jsonl", table.name), line: line as u64, reason })
    };
    let Value::Object(mut row) = value else { return Err(bad("a record must be a JSON object".into())) };
    let evidence = if table.name == store::PROGRESS_REPORTS.name {
        let list = row.remove(EVIDENCE_FIELD).ok_or_else(|| bad(format!("field {EVIDENCE_FIELD:?} is missing")))?;
        Some(evidence_list(&list).map_err(bad)?)
    } else {
        None
    };
    table.check_record(version, &mut row).map_err(bad)?;
    check_values(table, &row, today).map_err(bad)?;
    if table.name == store::RULESETS.name {
        check_rule_set(&row).map_err(bad)?;
    }
    if table.name == store::PEOPLE.name {
        check_birth_year_only(&row).map_err(bad)?;
        check_ethnicity(&row).map_err(bad)?;
    }
    if table.name == store::UNITS.name {
        check_closure(&row).map_err(bad)?;
    }
    Ok(Incoming { row, evidence })
}

/// The year-alone mark is a yes or a no, and stands for 1 January of the year.
fn check_birth_year_only(row: &ExchangeRow) -> std::result::Result<(), String> {
    let birth = row.get("birth_date").and_then(Value::as_str).unwrap_or_default();
    match row.get("birth_year_only").and_then(Value::as_i64) {
        Some(0) => Ok(()),
        Some(1) if birth.ends_with("-01-01") => Ok(()),
        Some(1) => Err(format!(
            "birth_year_only: chỉ biết năm sinh thì ngày sinh ghi ngày 01/01, không phải {birth} / a year alone is stored as 1 January, not {birth}"
        )),
        other => Err(format!("birth_year_only phải là 0 hoặc 1, không phải {other:?} / birth_year_only must be 0 or 1, not {other:?}")),
    }
}

/// An ethnicity is one of the 54 groups by the name this program writes, or none: the statistics count by it.
fn check_ethnicity(row: &ExchangeRow) -> std::result::Result<(), String> {
    match row.get("ethnicity") {
        None | Some(Value::Null) => Ok(()),
        Some(Value::String(group)) if domain::ethnicity::ETHNIC_GROUPS.contains(&group.as_str()) => Ok(()),
        Some(other) => Err(format!(
            "ethnicity: {other} không phải tên một trong 54 dân tộc Việt Nam / {other} is not the name of one of Việt Nam's 54 ethnic groups"
        )),
    }
}

/// A unit merged into another is closed, and not into itself.
fn check_closure(row: &ExchangeRow) -> std::result::Result<(), String> {
    let merged_into = id_in(row, "merged_into");
    if merged_into.is_some() && row.get("ended_on").is_none_or(Value::is_null) {
        return Err("merged_into: đơn vị sáp nhập phải có ngày kết thúc (ended_on) / a merged unit needs its ended_on".into());
    }
    if merged_into.is_some() && merged_into == id_in(row, "id") {
        return Err("merged_into: đơn vị không sáp nhập vào chính nó / a unit is not merged into itself".into());
    }
    Ok(())
}

/// A rule-set file sent down is checked as one imported by hand, and must be the code and version it says it is.
fn check_rule_set(row: &ExchangeRow) -> std::result::Result<(), String> {
    let text = |field: &str| row.get(field).and_then(Value::as_str).unwrap_or_default();
    let set = domain::ruleset::RuleSet::parse(text("code"), text("source"))
        .map_err(|refused| refused.problems.iter().map(|p| p.message.as_str()).collect::<Vec<_>>().join("; "))?;
    let version = row.get("version").and_then(Value::as_i64);
    if set.code != text("code") || version != Some(i64::from(set.version)) {
        return Err(format!(
            "bộ quy tắc ghi mã \"{}\" phiên bản {} nhưng tệp của nó là \"{}\" phiên bản {}",
            text("code"),
            version.unwrap_or_default(),
            set.code,
            set.version
        ));
    }
    Ok(())
}

fn evidence_list(value: &Value) -> std::result::Result<Vec<(String, String)>, String> {
    let items = value.as_array().ok_or("the evidence list must be an array")?;
    let mut links = Vec::with_capacity(items.len());
    for item in items {
        let text = |field: &str| item.get(field).and_then(Value::as_str).map(str::to_string);
        match (text("sha256"), text("file_name")) {
            (Some(sha), Some(name)) if is_sha256(&sha) && item.as_object().is_some_and(|o| o.len() == 2) => links.push((sha, name)),
            _ => return Err("an evidence entry must be {\"sha256\": <64 hex digits>, \"file_name\": <text>}".into()),
        }
    }
    links.sort();
    links.dedup_by(|a, b| a.0 == b.0);
    Ok(links)
}

fn is_sha256(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Replaces every id the row holds (its owner and its references, not its own id) that another office gave a
/// shared thing by this office's id for it.
pub(crate) fn translate(table: &ExchangeTable, row: &mut ExchangeRow, aliases: &HashMap<Uuid, Uuid>) {
    for column in table.id_columns().filter(|c| *c != "id") {
        if let Some(local) = id_in(row, column).and_then(|id| aliases.get(&id)) {
            row.insert(column.to_string(), Value::String(local.to_string()));
        }
    }
}

/// The record this office already has for the same shared thing under its own id: a unit by code, a position
/// group or position by code (a position also by name), a person by the roster's identity rule.
pub(crate) fn natural_match(read: Reader<'_>, table: &ExchangeTable, row: &ExchangeRow) -> Result<Option<Uuid>> {
    let text = |column: &str| row.get(column).and_then(Value::as_str).unwrap_or_default();
    Ok(match table.name {
        "units" => read.unit_by_code(text("code"))?.map(|u| u.meta.id),
        "position_groups" => read.position_group_by_code(text("code"))?.map(|g| g.meta.id),
        "positions" => match read.position_by_code(text("code"))? {
            Some(id) => Some(id),
            None => read.position_named(text("name"))?.map(|p| p.meta.id),
        },
        "people" => match chrono::NaiveDate::parse_from_str(text("birth_date"), "%Y-%m-%d") {
            // The receiver's own record of the person (its own roster), never another office's person of the same
            // name and birth date: two communes may each have one.
            Ok(birth) => match read.office()? {
                Some(office) => read.person_by_identity(office.unit_id, text("full_name"), birth)?.map(|p| p.meta.id),
                None => None,
            },
            Err(_) => None,
        },
        _ => None,
    })
}

/// Orders rows so that a row comes after the row it names in the table's parent column when both are there.
pub(crate) fn parents_first(table: &ExchangeTable, rows: Vec<Incoming>) -> Vec<Incoming> {
    let Some(parent_column) = table.parent_column else { return rows };
    let ids: std::collections::HashSet<Uuid> = rows.iter().map(|r| id_of(&r.row)).collect();
    let mut placed: std::collections::HashSet<Uuid> = std::collections::HashSet::new();
    let mut pending = rows;
    let mut ordered = Vec::with_capacity(pending.len());
    while !pending.is_empty() {
        let before = pending.len();
        let (ready, rest): (Vec<_>, Vec<_>) = pending
            .into_iter()
            .partition(|r| id_in(&r.row, parent_column).is_none_or(|parent| !ids.contains(&parent) || placed.contains(&parent)));
        placed.extend(ready.iter().map(|r| id_of(&r.row)));
        ordered.extend(ready);
        pending = rest;
        if pending.len() == before {
            // A cycle: keep the given order; the database refuses what does not fit.
            ordered.append(&mut pending);
        }
    }
    ordered
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(id: u128, parent: Option<u128>) -> Incoming {
        let mut row = ExchangeRow::new();
        row.insert("id".into(), json!(Uuid::from_u128(id).to_string()));
        row.insert("parent_id".into(), parent.map_or(Value::Null, |p| json!(Uuid::from_u128(p).to_string())));
        Incoming { row, evidence: None }
    }

    #[test]
    fn parents_come_before_their_parts() {
        let rows = vec![target(3, Some(2)), target(2, Some(1)), target(1, None), target(4, Some(99))];
        let order: Vec<u128> = parents_first(&store::TARGETS, rows).iter().map(|r| id_of(&r.row).as_u128()).collect();
        assert_eq!(order, vec![1, 4, 2, 3]);
        let cycle = vec![target(1, Some(2)), target(2, Some(1))];
        assert_eq!(parents_first(&store::TARGETS, cycle).len(), 2);
    }

    #[test]
    fn evidence_lists_are_strict() {
        let sha = "a".repeat(64);
        assert_eq!(
            evidence_list(&json!([{"sha256": sha, "file_name": "biên bản.pdf"}])).unwrap(),
            vec![(sha.clone(), "biên bản.pdf".into())]
        );
        for bad in
            [json!({}), json!([{"sha256": "x", "file_name": "a"}]), json!([{"sha256": sha, "file_name": "a", "more": 1}]), json!([1])]
        {
            assert!(evidence_list(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn feedback_never_travels() {
        for table in UP_KINDS.iter().chain(DOWN_KINDS.iter()) {
            assert!(!table.name.contains("feedback"), "{}", table.name);
        }
    }
}
