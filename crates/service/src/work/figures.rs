//! The figures of a year: every target's actual, completion and status on a day, computed in one pass.

use super::percent_text;
use crate::error::Result;
use chrono::NaiveDate;
use domain::numbers::format_quantity;
use domain::ruleset::RuleSet;
use domain::targets::{actual_as_of, completion, status, Accumulation, Direction, Report, TargetStatus, TargetTerms};
use domain::Lang;
use serde::Serialize;
use std::collections::HashMap;
use store::{Reader, TargetRecord};
use ts_rs::TS;
use uuid::Uuid;

/// One target as listed: its terms, and where it stands on the day asked.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TargetLine {
    pub id: Uuid,
    pub year: i32,
    pub unit_id: Uuid,
    pub unit_code: String,
    pub unit_name: String,
    pub person_id: Option<Uuid>,
    pub person_name: Option<String>,
    pub code: String,
    pub group_code: String,
    pub group_name: String,
    pub name: String,
    pub measure: String,
    /// Hundredths (2.000 is 200000).
    #[ts(type = "number")]
    pub plan: i64,
    pub plan_text: String,
    pub direction: Direction,
    pub accumulation: Accumulation,
    #[ts(type = "number")]
    pub weight: i64,
    pub start_date: NaiveDate,
    pub deadline: NaiveDate,
    pub source_document: Option<String>,
    pub parent_id: Option<Uuid>,
    /// "UNIT/CODE" of the parent target.
    pub parent_ref: Option<String>,
    #[ts(type = "number | null")]
    pub actual: Option<i64>,
    pub actual_text: String,
    /// Hundredths of a percent (105 % is 10500).
    #[ts(type = "number | null")]
    pub completion: Option<i64>,
    pub completion_text: String,
    pub status: TargetStatus,
    pub status_label: String,
    pub reports: usize,
    pub parts: usize,
}

/// Figures of every target of `year` on `day`.
pub(crate) struct YearFigures {
    pub lines: Vec<TargetLine>,
}

impl YearFigures {
    pub fn compute(read: Reader<'_>, year: i32, day: NaiveDate, rules: &RuleSet, lang: Lang) -> Result<YearFigures> {
        let targets = read.targets_of_year(year)?;
        let mut reports: HashMap<Uuid, Vec<Report>> = HashMap::new();
        for value in read.progress_values_of_year(year)? {
            reports.entry(value.target_id).or_default().push(Report { period: value.period, value: value.value });
        }
        let units: HashMap<Uuid, (String, String)> = read.units()?.into_iter().map(|u| (u.id, (u.code, u.name))).collect();
        let mut names: HashMap<Uuid, String> = HashMap::new();
        for person_id in targets.iter().filter_map(|t| t.person_id) {
            if let std::collections::hash_map::Entry::Vacant(slot) = names.entry(person_id) {
                if let Some(person) = read.person_by_id(person_id)? {
                    slot.insert(person.full_name);
                }
            }
        }
        let groups: HashMap<String, String> =
            read.task_groups()?.into_iter().map(|g| (g.code, if lang == Lang::Vi { g.name } else { g.name_en })).collect();
        let by_id: HashMap<Uuid, &TargetRecord> = targets.iter().map(|t| (t.meta.id, t)).collect();
        let mut parts: HashMap<Uuid, usize> = HashMap::new();
        for parent in targets.iter().filter_map(|t| t.parent_id) {
            *parts.entry(parent).or_default() += 1;
        }
        let no_reports = Vec::new();
        let mut lines: Vec<TargetLine> = targets
            .iter()
            .map(|t| {
                let target_reports = reports.get(&t.meta.id).unwrap_or(&no_reports);
                let (unit_code, unit_name) = units.get(&t.unit_id).cloned().unwrap_or_default();
                let parent_ref = t.parent_id.and_then(|p| by_id.get(&p)).map(|p| {
                    let unit = units.get(&p.unit_id).map(|u| u.0.as_str()).unwrap_or("?");
                    format!("{unit}/{}", p.code)
                });
                line(
                    t,
                    target_reports,
                    day,
                    rules,
                    lang,
                    unit_code,
                    unit_name,
                    t.person_id.and_then(|p| names.get(&p).cloned()),
                    groups.get(&t.group_code).cloned().unwrap_or_default(),
                    parent_ref,
                    parts.get(&t.meta.id).copied().unwrap_or(0),
                )
            })
            .collect();
        roll_up_parts(&mut lines, &targets, day, rules, lang);
        Ok(YearFigures { lines })
    }
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn line(
    t: &TargetRecord,
    reports: &[Report],
    day: NaiveDate,
    rules: &RuleSet,
    lang: Lang,
    unit_code: String,
    unit_name: String,
    person_name: Option<String>,
    group_name: String,
    parent_ref: Option<String>,
    parts: usize,
) -> TargetLine {
    let terms =
        TargetTerms { direction: t.direction, accumulation: t.accumulation, plan: t.plan, start: t.start_date, deadline: t.deadline };
    let actual = actual_as_of(t.accumulation, t.year, reports, day);
    let completion = actual.map(|a| completion(&terms, a, rules.completion_cap()));
    let status = status(&terms, actual, day);
    TargetLine {
        id: t.meta.id,
        year: t.year,
        unit_id: t.unit_id,
        unit_code,
        unit_name,
        person_id: t.person_id,
        person_name,
        code: t.code.clone(),
        group_code: t.group_code.clone(),
        group_name,
        name: t.name.clone(),
        measure: t.measure.clone(),
        plan: t.plan,
        plan_text: format_quantity(t.plan),
        direction: t.direction,
        accumulation: t.accumulation,
        weight: t.weight,
        start_date: t.start_date,
        deadline: t.deadline,
        source_document: t.source_document.clone(),
        parent_id: t.parent_id,
        parent_ref,
        actual,
        actual_text: actual.map(format_quantity).unwrap_or_default(),
        completion,
        completion_text: completion.map(percent_text).unwrap_or_default(),
        status,
        status_label: status.label(lang).into(),
        reports: reports.len(),
        parts,
    }
}

/// A summed target split into parts and not reported on itself takes the sum of its parts' actuals (the province's
/// admissions are the communes' admissions), deepest parents first.
fn roll_up_parts(lines: &mut [TargetLine], targets: &[TargetRecord], day: NaiveDate, rules: &RuleSet, lang: Lang) {
    let index: HashMap<Uuid, usize> = lines.iter().enumerate().map(|(i, l)| (l.id, i)).collect();
    let depth = |mut id: Uuid| {
        let mut depth = 0;
        while let Some(parent) = index.get(&id).and_then(|&i| lines[i].parent_id) {
            depth += 1;
            id = parent;
            if depth > lines.len() {
                break;
            }
        }
        depth
    };
    let mut parents: Vec<(usize, usize)> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.parts > 0 && l.reports == 0 && l.accumulation == Accumulation::Sum)
        .map(|(i, l)| (depth(l.id), i))
        .collect();
    parents.sort_by_key(|p| std::cmp::Reverse(p.0));
    for (_, i) in parents {
        let id = lines[i].id;
        let actuals: Vec<i64> = lines.iter().filter(|l| l.parent_id == Some(id)).filter_map(|l| l.actual).collect();
        if actuals.is_empty() {
            continue;
        }
        let t = &targets[i];
        let terms =
            TargetTerms { direction: t.direction, accumulation: t.accumulation, plan: t.plan, start: t.start_date, deadline: t.deadline };
        let actual: i64 = actuals.iter().sum();
        let completion = completion(&terms, actual, rules.completion_cap());
        let status = status(&terms, Some(actual), day);
        let line = &mut lines[i];
        line.actual = Some(actual);
        line.actual_text = format_quantity(actual);
        line.completion = Some(completion);
        line.completion_text = percent_text(completion);
        line.status = status;
        line.status_label = status.label(lang).into();
    }
}
