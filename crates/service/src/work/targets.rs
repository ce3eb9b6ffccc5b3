//! Targets: the list of a year with where each stands, one target with its reports and parts, the form.

use super::draft::{self, cascade_issues, DraftIssue, Lookup, TargetInput};
use super::figures::{TargetLine, YearFigures};
use super::judging_day;
use super::progress::ProgressItem;
use crate::auth::{Permission, Session};
use crate::error::{Result, ServiceError};
use crate::office::Office;
use chrono::NaiveDate;
use domain::Lang;
use serde::{Deserialize, Serialize};
use store::{Reader, TargetRecord};
use ts_rs::TS;
use uuid::Uuid;

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TargetFilter {
    pub year: i32,
    /// Only this unit and the units below it.
    pub unit_code: Option<String>,
    /// The day figures are computed for (today when None).
    pub as_of: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TaskGroupItem {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TargetDetail {
    pub line: TargetLine,
    pub reports: Vec<ProgressItem>,
    pub parts: Vec<TargetLine>,
    /// Sum of the parts' plans (hundredths) and what is left unallocated, for summed targets.
    #[ts(type = "number | null")]
    pub allocated: Option<i64>,
    pub allocated_text: String,
    pub as_of: NaiveDate,
}

impl Office {
    pub fn task_groups(&self, session: &Session, lang: Lang) -> Result<Vec<TaskGroupItem>> {
        session.require(Permission::Read)?;
        Ok(self
            .store
            .read()
            .task_groups()?
            .into_iter()
            .map(|g| TaskGroupItem { code: g.code, name: if lang == Lang::Vi { g.name } else { g.name_en } })
            .collect())
    }

    /// Years that have targets, newest first.
    pub fn target_years(&self, session: &Session) -> Result<Vec<i32>> {
        session.require(Permission::Read)?;
        Ok(self.store.read().target_years()?)
    }

    /// Targets of a year (optionally of one unit and the units below it), grouped by unit and task group.
    pub fn targets(&self, session: &Session, filter: &TargetFilter, lang: Lang) -> Result<Vec<TargetLine>> {
        session.require(Permission::Read)?;
        let read = self.store.read();
        let day = judging_day(filter.year, filter.as_of);
        let mut lines = YearFigures::compute(read, filter.year, day, &self.rules(), lang)?.lines;
        if let Some(code) = filter.unit_code.as_deref().filter(|c| !c.trim().is_empty()) {
            let within = units_within(read, code)?;
            lines.retain(|l| within.contains(&l.unit_id));
        }
        let groups: Vec<String> = read.task_groups()?.into_iter().map(|g| g.code).collect();
        let group_rank = |code: &str| groups.iter().position(|g| g == code).unwrap_or(usize::MAX);
        lines.sort_by(|a, b| {
            (a.unit_code.as_str(), group_rank(&a.group_code), natural(&a.code)).cmp(&(
                b.unit_code.as_str(),
                group_rank(&b.group_code),
                natural(&b.code),
            ))
        });
        Ok(lines)
    }

    pub fn target_detail(&self, session: &Session, id: Uuid, as_of: Option<NaiveDate>, lang: Lang) -> Result<TargetDetail> {
        session.require(Permission::Read)?;
        let read = self.store.read();
        let target = read.target_by_id(id)?.ok_or(ServiceError::UnknownTarget)?;
        let day = judging_day(target.year, as_of);
        let figures = YearFigures::compute(read, target.year, day, &self.rules(), lang)?;
        let line = figures.lines.iter().find(|l| l.id == id).cloned().ok_or(ServiceError::UnknownTarget)?;
        let parts: Vec<TargetLine> = figures.lines.iter().filter(|l| l.parent_id == Some(id)).cloned().collect();
        let reports = super::progress::items(read, id, lang)?;
        let summed = target.accumulation == domain::targets::Accumulation::Sum && target.direction == domain::targets::Direction::Higher;
        let allocated = (summed && !parts.is_empty()).then(|| parts.iter().map(|p| p.plan).sum::<i64>());
        let allocated_text = allocated
            .map(|a| match lang {
                Lang::Vi => format!(
                    "Đã giao xuống {} / {}; còn {}",
                    domain::numbers::format_quantity(a),
                    line.plan_text,
                    domain::numbers::format_quantity(target.plan - a)
                ),
                Lang::En => format!(
                    "Allocated {} of {}; {} left",
                    domain::numbers::format_quantity(a),
                    line.plan_text,
                    domain::numbers::format_quantity(target.plan - a)
                ),
            })
            .unwrap_or_default();
        Ok(TargetDetail { line, reports, parts, allocated, allocated_text, as_of: day })
    }

    /// Adds a target or changes one (same id). The parent's split is checked with the change in place.
    pub fn save_target(&mut self, session: &Session, input: &TargetInput) -> Result<Uuid> {
        session.require(Permission::EditWork)?;
        let stamp = self.stamp()?;
        let rules = self.rules();
        let username = session.username.clone();
        self.store.write(|w| {
            let read = w.read();
            let lookup = Lookup::load(read)?;
            let keep = match input.id {
                Some(id) => read.target_by_id(id)?.and_then(|t| t.person_id),
                None => None,
            };
            let draft = draft::check(&input.fields, input.person_id, keep, &lookup, &rules).map_err(invalid)?;
            let existing = match input.id {
                Some(id) => Some(read.target_by_id(id)?.ok_or(ServiceError::UnknownTarget)?),
                None => None,
            };
            if let Some(same_key) = read.target_by_code(draft.year, draft.unit_id, &draft.code)? {
                if Some(same_key.meta.id) != input.id {
                    return Err(invalid(vec![DraftIssue {
                        field: "code",
                        vi: format!("Đơn vị đã có chỉ tiêu mã {} năm {}.", draft.code, draft.year),
                        en: format!("The unit already has target {} for {}.", draft.code, draft.year),
                    }]));
                }
            }
            crate::users::require_unit(read, session, draft.unit_id)?;
            if let Some(existing) = &existing {
                crate::users::require_unit(read, session, existing.unit_id)?;
            }
            let parent = resolve_parent(read, &lookup, &draft)?;
            if let Some(parent) = &parent {
                let mut parts: Vec<TargetRecord> = read.target_parts(parent.meta.id)?;
                parts.retain(|p| Some(p.meta.id) != input.id);
                let mut shares: Vec<domain::targets::Share<'_>> = parts.iter().map(share_of).collect();
                shares.push(draft.share());
                let issues = cascade_issues(parent, &shares);
                if !issues.is_empty() {
                    return Err(invalid(issues));
                }
            }
            if let Some(existing) = &existing {
                let parts = read.target_parts(existing.meta.id)?;
                let as_parent = draft.record(existing.meta.clone(), None);
                let issues = cascade_issues(&as_parent, &parts.iter().map(share_of).collect::<Vec<_>>());
                if !issues.is_empty() {
                    return Err(invalid(issues));
                }
            }
            let parent_id = parent.map(|p| p.meta.id);
            let meta = match existing {
                Some(existing) => store::Meta { revision: w.next_revision()?, updated_at: stamp.now, ..existing.meta },
                None => stamp.meta(w.next_revision()?),
            };
            let id = meta.id;
            w.save_target(&draft.record(meta, parent_id))?;
            w.audit(&username, "targets.save", &format!("{} {}/{}", draft.year, draft.unit_code, draft.code))?;
            Ok(id)
        })
    }

    /// The rule set in force for this office (selectable per office once evaluation lands; the default now).
    pub(crate) fn rules(&self) -> domain::ruleset::RuleSet {
        domain::ruleset::RuleSet::default_set()
    }
}

pub(crate) fn invalid(issues: Vec<DraftIssue>) -> ServiceError {
    ServiceError::InvalidFields(issues.iter().map(DraftIssue::field_issue).collect())
}

pub(crate) fn share_of(t: &TargetRecord) -> domain::targets::Share<'_> {
    domain::targets::Share { measure: &t.measure, direction: t.direction, accumulation: t.accumulation, plan: t.plan }
}

/// The parent a draft names, which must exist in the same year.
fn resolve_parent(read: Reader<'_>, lookup: &Lookup, draft: &draft::Draft) -> Result<Option<TargetRecord>> {
    let Some((unit_code, code)) = &draft.parent else { return Ok(None) };
    let not_found = || {
        invalid(vec![DraftIssue {
            field: "parent",
            vi: format!("Không có chỉ tiêu cấp trên {unit_code}/{code} năm {}.", draft.year),
            en: format!("There is no parent target {unit_code}/{code} for {}.", draft.year),
        }])
    };
    let unit_id = lookup.unit(unit_code).ok_or_else(not_found)?;
    let parent = read.target_by_code(draft.year, unit_id, code)?.ok_or_else(not_found)?;
    if parent.unit_id == draft.unit_id && parent.code == draft.code {
        return Err(invalid(vec![DraftIssue {
            field: "parent",
            vi: "Chỉ tiêu không thể là cấp trên của chính nó.".into(),
            en: "A target cannot be its own parent.".into(),
        }]));
    }
    Ok(Some(parent))
}

/// The unit with this code and every unit below it.
pub(crate) fn units_within(read: Reader<'_>, code: &str) -> Result<std::collections::HashSet<Uuid>> {
    let code = draft::unit_code(code);
    let units = read.units()?;
    let root = units.iter().find(|u| u.code == code).ok_or(ServiceError::UnknownUnit { code: code.clone() })?.id;
    let mut within = std::collections::HashSet::from([root]);
    // Units come parents first, so one pass collects every descendant.
    for unit in &units {
        if unit.parent_id.is_some_and(|p| within.contains(&p)) {
            within.insert(unit.id);
        }
    }
    Ok(within)
}

/// Orders "1.2" before "1.10": digits compare as numbers.
pub(crate) fn natural(code: &str) -> Vec<(u64, String)> {
    let mut parts = Vec::new();
    let mut digits = String::new();
    let mut other = String::new();
    for c in code.chars() {
        if c.is_ascii_digit() {
            if !other.is_empty() {
                parts.push((0, std::mem::take(&mut other)));
            }
            digits.push(c);
        } else {
            if !digits.is_empty() {
                parts.push((digits.parse().unwrap_or(u64::MAX), String::new()));
                digits.clear();
            }
            other.push(c);
        }
    }
    if !digits.is_empty() {
        parts.push((digits.parse().unwrap_or(u64::MAX), String::new()));
    }
    if !other.is_empty() {
        parts.push((0, other));
    }
    parts
}
