//! One target as typed: in the form or in a spreadsheet row. Both are checked by the same code, so a rule
//! (a plan of 0, a unit of measure that differs from the parent's) gives the same message in both places.

use crate::error::{FieldIssue, Result};
use chrono::{Datelike as _, NaiveDate};
use domain::dates::{parse_birth_date, parse_vn_date, BirthDate};

use domain::quantity::{parse_quantity, same_measure};
use domain::ruleset::RuleSet;
use domain::targets::{check_cascade, Accumulation, Direction, Share, TargetTerms};
use domain::text::{clean, fold, name_matches};
use domain::Lang;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use store::{Reader, TargetRecord};
use ts_rs::TS;
use uuid::Uuid;

/// The fields of a target as text, exactly as typed (dates dd/mm/yyyy, numbers 1.234,5).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TargetText {
    pub year: String,
    pub unit: String,
    /// Full name of the cadre it is assigned to; empty for the unit (its head answers for it).
    pub person: String,
    pub code: String,
    /// Task group code or name.
    pub group: String,
    pub name: String,
    pub measure: String,
    pub plan: String,
    pub direction: String,
    pub accumulation: String,
    pub weight: String,
    pub start: String,
    pub deadline: String,
    pub document: String,
    /// The target it is a part of: "UNIT-CODE/TARGET-CODE", or "TARGET-CODE" in the same unit.
    pub parent: String,
}

/// The form: the text fields, plus ids picked from lists (which win over the typed person and parent).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TargetInput {
    pub id: Option<Uuid>,
    pub fields: TargetText,
    pub person_id: Option<Uuid>,
}

/// A problem with one field; `field` is the key of TargetText ("plan", "measure" …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DraftIssue {
    pub field: &'static str,
    pub vi: String,
    pub en: String,
}

impl DraftIssue {
    fn new(field: &'static str, vi: impl Into<String>, en: impl Into<String>) -> Self {
        DraftIssue { field, vi: vi.into(), en: en.into() }
    }

    pub fn field_issue(&self) -> FieldIssue {
        FieldIssue { field: self.field.into(), message: self.vi.clone(), message_en: self.en.clone() }
    }
}

/// A target checked and resolved, ready to be saved (ids of the new record are set by the caller).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Draft {
    pub year: i32,
    pub unit_id: Uuid,
    pub unit_code: String,
    pub person_id: Option<Uuid>,
    pub code: String,
    pub group_code: String,
    pub name: String,
    pub measure: String,
    pub plan: i64,
    pub direction: Direction,
    pub accumulation: Accumulation,
    pub weight: i64,
    pub start: NaiveDate,
    pub deadline: NaiveDate,
    pub document: Option<String>,
    /// (unit code, target code) of the parent.
    pub parent: Option<(String, String)>,
}

impl Draft {
    pub fn key(&self) -> (i32, String, String) {
        (self.year, self.unit_code.clone(), self.code.clone())
    }

    /// Whether saving this over `existing` would change anything.
    pub fn differs_from(&self, existing: &TargetRecord, parent_id: Option<Uuid>) -> bool {
        existing.person_id != self.person_id
            || existing.group_code != self.group_code
            || existing.name != self.name
            || existing.measure != self.measure
            || existing.plan != self.plan
            || existing.direction != self.direction
            || existing.accumulation != self.accumulation
            || existing.weight != self.weight
            || existing.start_date != self.start
            || existing.deadline != self.deadline
            || existing.source_document != self.document
            || existing.parent_id != parent_id
    }

    pub fn record(&self, meta: store::Meta, parent_id: Option<Uuid>) -> TargetRecord {
        TargetRecord {
            meta,
            year: self.year,
            unit_id: self.unit_id,
            person_id: self.person_id,
            code: self.code.clone(),
            group_code: self.group_code.clone(),
            name: self.name.clone(),
            measure: self.measure.clone(),
            plan: self.plan,
            direction: self.direction,
            accumulation: self.accumulation,
            weight: self.weight,
            start_date: self.start,
            deadline: self.deadline,
            source_document: self.document.clone(),
            parent_id,
        }
    }

    pub fn share(&self) -> Share<'_> {
        Share { measure: &self.measure, direction: self.direction, accumulation: self.accumulation, plan: self.plan }
    }
}

/// What checking a draft needs from the database, loaded once for a whole sheet.
pub(crate) struct Lookup {
    units: HashMap<String, Uuid>,
    /// The day each merged or dissolved unit closed.
    ended: HashMap<Uuid, NaiveDate>,
    groups: Vec<store::TaskGroup>,
    /// people of each unit and the units below it: (id, full name)
    people: HashMap<Uuid, Vec<(Uuid, String, BirthDate)>>,
}

impl Lookup {
    pub fn load(read: Reader<'_>) -> Result<Lookup> {
        let listing = read.units()?;
        let parents: HashMap<Uuid, Option<Uuid>> = listing.iter().map(|u| (u.id, u.parent_id)).collect();
        let ended = listing.iter().filter_map(|u| u.ended_on.map(|on| (u.id, on))).collect();
        let units = listing.into_iter().map(|u| (u.code, u.id)).collect();
        // A target of a commune may be assigned to its secretary, who works in the commune's Party office:
        // a person counts as a member of their unit and of every unit above it.
        let mut people: HashMap<Uuid, Vec<(Uuid, String, BirthDate)>> = HashMap::new();
        for line in read.roster(&[])? {
            let mut unit = Some(line.person.unit_id);
            while let Some(id) = unit {
                let birth = BirthDate { date: line.person.birth_date, year_only: line.person.birth_year_only };
                people.entry(id).or_default().push((line.person.meta.id, line.person.full_name.clone(), birth));
                unit = parents.get(&id).copied().flatten();
            }
        }
        Ok(Lookup { units, ended, groups: read.task_groups()?, people })
    }

    pub fn unit(&self, code: &str) -> Option<Uuid> {
        self.units.get(&unit_code(code)).copied()
    }

    pub fn person_in(&self, unit_id: Uuid, person_id: Uuid) -> bool {
        self.people.get(&unit_id).is_some_and(|p| p.iter().any(|(id, _, _)| *id == person_id))
    }

    fn group(&self, text: &str) -> Option<&store::TaskGroup> {
        let folded = fold(text);
        self.groups.iter().find(|g| g.code == text.trim() || fold(&g.name) == folded || fold(&g.name_en) == folded)
    }

    fn group_names(&self) -> String {
        self.groups.iter().map(|g| g.name.as_str()).collect::<Vec<_>>().join("; ")
    }

    /// People of the unit (or below it) with this name; "Name (dd/mm/yyyy)" also matches the birth date, which
    /// tells two namesakes apart, and "Name (yyyy)" the year of birth.
    pub(crate) fn people_named(&self, unit_id: Uuid, typed: &str) -> Vec<Uuid> {
        let (name, born) = split_birth_date(typed);
        let wanted = fold(name);
        self.people
            .get(&unit_id)
            .map(|people| {
                people
                    .iter()
                    .filter(|(_, full, birth)| fold(full) == wanted && name_matches(full, name) && born.is_none_or(|b| born_as(b, *birth)))
                    .map(|(id, _, _)| *id)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// How to write a person so that the name alone or with the birth date finds only them in `unit_id`.
    pub fn person_label(&self, unit_id: Uuid, person_id: Uuid) -> Option<String> {
        let people = self.people.get(&unit_id)?;
        let (_, name, birth) = people.iter().find(|(id, _, _)| *id == person_id)?;
        let namesakes = people.iter().filter(|(_, other, _)| fold(other) == fold(name)).count();
        Some(if namesakes > 1 { format!("{name} ({})", birth.format_vn()) } else { name.clone() })
    }
}

/// A unit code as stored (upper case); what does not normalise is kept as typed, to be reported as unknown.
pub(crate) fn unit_code(typed: &str) -> String {
    domain::org::normalize_unit_code(typed).unwrap_or_else(|_| clean(typed).to_uppercase())
}

/// Whether the birth date typed after a name ("(12/03/1975)", or "(1975)" for the year alone) is that of a person.
fn born_as(typed: BirthDate, birth: BirthDate) -> bool {
    if typed.year_only || birth.year_only {
        typed.date.year() == birth.date.year()
    } else {
        typed.date == birth.date
    }
}

/// "Phan Văn Trung (12/03/1975)" → ("Phan Văn Trung", 12/03/1975); a name without a date is returned whole.
fn split_birth_date(typed: &str) -> (&str, Option<BirthDate>) {
    let trimmed = typed.trim();
    if let Some(open) = trimmed.rfind('(') {
        if let Some(date) = trimmed[open + 1..].strip_suffix(')').and_then(parse_birth_date) {
            return (trimmed[..open].trim(), Some(date));
        }
    }
    (trimmed, None)
}

fn text(s: &str) -> String {
    clean(s)
}

/// Checks every field of a typed target; returns the draft or every problem found. `person_id` is a person picked
/// from a list (the form); `keep` is who the saved target is assigned to, chosen when a typed name fits several
/// people (so re-importing an exported sheet keeps the assignment).
pub(crate) fn check(
    input: &TargetText,
    person_id: Option<Uuid>,
    keep: Option<Uuid>,
    lookup: &Lookup,
    rules: &RuleSet,
) -> std::result::Result<Draft, Vec<DraftIssue>> {
    let mut issues = Vec::new();
    let year = match input.year.trim().parse::<i32>() {
        Ok(y) if (2000..=2100).contains(&y) => Some(y),
        _ => {
            issues.push(DraftIssue::new("year", "Năm phải là số có 4 chữ số, ví dụ 2026.", "The year is four digits, e.g. 2026."));
            None
        }
    };
    let unit_code = unit_code(&input.unit);
    let unit_id = if unit_code.is_empty() {
        issues.push(DraftIssue::new("unit", "Chưa ghi mã đơn vị được giao.", "The unit code is missing."));
        None
    } else {
        let found = lookup.unit(&unit_code);
        if found.is_none() {
            issues.push(DraftIssue::new(
                "unit",
                format!("Không có đơn vị mã {unit_code} (xem: thuocdo units list)."),
                format!("There is no unit {unit_code} (see: thuocdo units list)."),
            ));
        }
        // A unit merged or dissolved keeps the targets of its last year, and takes none for a later one.
        if let (Some(on), Some(year)) = (found.and_then(|id| lookup.ended.get(&id)), year) {
            if year > on.year() {
                let day = domain::dates::format_vn_date(*on);
                issues.push(DraftIssue::new(
                    "unit",
                    format!("Đơn vị {unit_code} đã sáp nhập hoặc giải thể từ {day}: không giao chỉ tiêu năm {year} cho đơn vị này."),
                    format!("Unit {unit_code} was merged or dissolved on {day}: it takes no targets for {year}."),
                ));
            }
        }
        found
    };
    let person_id = match (person_id, unit_id, input.person.trim()) {
        (Some(id), Some(unit), _) if lookup.person_in(unit, id) => Some(id),
        (Some(_), Some(_), _) => {
            issues.push(DraftIssue::new("person", "Người được chọn không thuộc đơn vị này.", "The chosen person is not in this unit."));
            None
        }
        (None, Some(unit), name) if !name.is_empty() => match lookup.people_named(unit, name).as_slice() {
            [one] => Some(*one),
            several if keep.is_some_and(|k| several.contains(&k)) => keep,
            [] => {
                issues.push(DraftIssue::new(
                    "person",
                    format!("Đơn vị {unit_code} không có ai tên \"{name}\"."),
                    format!("Nobody named \"{name}\" works in {unit_code}."),
                ));
                None
            }
            _ => {
                issues.push(DraftIssue::new(
                    "person",
                    format!("Đơn vị {unit_code} có nhiều người tên \"{name}\"; ghi kèm ngày sinh, ví dụ \"{name} (dd/mm/yyyy)\", hoặc giao trong phần mềm."),
                    format!("Several people named \"{name}\" work in {unit_code}; add the birth date, e.g. \"{name} (dd/mm/yyyy)\", or assign in the application."),
                ));
                None
            }
        },
        _ => None,
    };
    let code = text(&input.code).to_uppercase();
    if code.is_empty() {
        issues.push(DraftIssue::new("code", "Chưa ghi mã chỉ tiêu (ví dụ 1.1 hoặc XDD-01).", "The target code is missing (e.g. 1.1)."));
    }
    let group_code = match lookup.group(&input.group) {
        Some(g) => Some(g.code.clone()),
        None => {
            issues.push(DraftIssue::new(
                "group",
                format!("Không có nhóm nhiệm vụ \"{}\". Các nhóm: {}.", text(&input.group), lookup.group_names()),
                format!("There is no task group \"{}\". Groups: {}.", text(&input.group), lookup.group_names()),
            ));
            None
        }
    };
    let name = text(&input.name);
    if name.is_empty() {
        issues.push(DraftIssue::new("name", "Chưa ghi tên chỉ tiêu.", "The target name is missing."));
    }
    let measure = text(&input.measure);
    if measure.is_empty() {
        issues.push(DraftIssue::new("measure", "Chưa ghi đơn vị tính (người, hộ, %, …).", "The unit of measure is missing."));
    }
    let direction = if input.direction.trim().is_empty() {
        Some(Direction::Higher)
    } else {
        let parsed = Direction::parse(&input.direction);
        if parsed.is_none() {
            issues.push(DraftIssue::new(
                "direction",
                "Chiều đánh giá là \"Càng cao càng tốt\", \"Càng thấp càng tốt\" hoặc \"Mốc hoàn thành\".",
                "The direction is \"Higher is better\", \"Lower is better\" or \"Milestone\".",
            ));
        }
        parsed
    };
    let accumulation = if input.accumulation.trim().is_empty() {
        direction.map(|d| d.default_accumulation(&input.measure))
    } else {
        let parsed = Accumulation::parse(&input.accumulation);
        if parsed.is_none() {
            issues.push(DraftIssue::new(
                "accumulation",
                "Cách tính là \"Cộng dồn\" hoặc \"Số mới nhất\".",
                "Use \"Sum of periods\" or \"Latest value\".",
            ));
        }
        parsed
    };
    let plan = match parse_quantity(&input.plan) {
        Ok(value) => Some(value),
        Err(problem) => {
            issues.push(DraftIssue::new("plan", problem.message(Lang::Vi), problem.message(Lang::En)));
            None
        }
    };
    let weight = if input.weight.trim().is_empty() {
        Some(rules.targets.default_weight * 100)
    } else {
        match parse_quantity(&input.weight) {
            Ok(w) if w > 0 => Some(w),
            Ok(_) => {
                issues.push(DraftIssue::new("weight", "Trọng số phải lớn hơn 0.", "The weight must be above 0."));
                None
            }
            Err(problem) => {
                issues.push(DraftIssue::new("weight", problem.message(Lang::Vi), problem.message(Lang::En)));
                None
            }
        }
    };
    let mut date_field = |field: &'static str, value: &str, default: Option<NaiveDate>| -> Option<NaiveDate> {
        if value.trim().is_empty() {
            return default;
        }
        let parsed = parse_vn_date(value);
        if parsed.is_none() {
            issues.push(DraftIssue::new(
                field,
                format!("Ngày \"{}\" không hợp lệ (dd/mm/yyyy).", value.trim()),
                format!("The date \"{}\" is not valid (dd/mm/yyyy).", value.trim()),
            ));
        }
        parsed
    };
    let start = date_field("start", &input.start, year.and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1)));
    let deadline = date_field("deadline", &input.deadline, year.and_then(|y| NaiveDate::from_ymd_opt(y, 12, 31)));
    let document = Some(text(&input.document)).filter(|d| !d.is_empty());
    let parent = {
        let parent = text(&input.parent);
        match parent.split_once('/') {
            _ if parent.is_empty() => None,
            Some((unit, code)) => Some((self::unit_code(unit), code.trim().to_uppercase())),
            None => Some((unit_code.clone(), parent.to_uppercase())),
        }
    };

    if let (Some(direction), Some(accumulation), Some(plan), Some(start), Some(deadline)) = (direction, accumulation, plan, start, deadline)
    {
        let terms = TargetTerms { direction, accumulation, plan, start, deadline };
        if let Err(problem) = terms.check() {
            let field = if problem == domain::targets::TargetProblem::DeadlineBeforeStart { "deadline" } else { "plan" };
            issues.push(DraftIssue::new(field, problem.message(Lang::Vi), problem.message(Lang::En)));
        }
    }
    if let (Some(year), Some(deadline)) = (year, deadline) {
        if deadline > NaiveDate::from_ymd_opt(year + 1, 12, 31).unwrap_or(deadline) {
            issues.push(DraftIssue::new(
                "deadline",
                "Hạn hoàn thành quá xa so với năm giao.",
                "The deadline is too far past the target's year.",
            ));
        }
    }
    match (year, unit_id, group_code, direction, accumulation, plan, weight, start, deadline) {
        (
            Some(year),
            Some(unit_id),
            Some(group_code),
            Some(direction),
            Some(accumulation),
            Some(plan),
            Some(weight),
            Some(start),
            Some(deadline),
        ) if issues.is_empty() => Ok(Draft {
            year,
            unit_id,
            unit_code,
            person_id,
            code,
            group_code,
            name,
            measure,
            plan,
            direction,
            accumulation,
            weight,
            start,
            deadline,
            document,
            parent,
        }),
        _ => Err(issues),
    }
}

/// Checks a parent's parts after a change; problems are reported on the part's "plan" or "measure".
pub(crate) fn cascade_issues(parent: &TargetRecord, parts: &[Share<'_>]) -> Vec<DraftIssue> {
    let share = Share { measure: &parent.measure, direction: parent.direction, accumulation: parent.accumulation, plan: parent.plan };
    check_cascade(&share, parts)
        .into_iter()
        .map(|p| {
            let field = match p {
                domain::targets::CascadeProblem::MeasureMismatch { .. } => "measure",
                domain::targets::CascadeProblem::DirectionMismatch => "direction",
                domain::targets::CascadeProblem::OverAllocated { .. } => "plan",
            };
            DraftIssue { field, vi: p.message(Lang::Vi), en: p.message(Lang::En) }
        })
        .collect()
}

/// Whether a measure typed with a report agrees with the target's.
pub(crate) fn measure_agrees(target_measure: &str, typed: &str) -> bool {
    typed.trim().is_empty() || same_measure(target_measure, typed)
}
