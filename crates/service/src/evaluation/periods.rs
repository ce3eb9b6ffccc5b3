//! Evaluation periods (month or quarter, as the rule set says): the person's self-assessment per criterion, the
//! direct superior's points, task results from the period's products; closing a period locks it.

use super::rules::RuleChoice;
use crate::auth::{Permission, Session};
use crate::error::{FieldIssue, Result, ServiceError};
use crate::office::Office;
use domain::evaluation::{apply_quota, Level, QuotaEntry};
use domain::numbers::format_hundredths;
use domain::quantity::parse_quantity;
use domain::ruleset::RuleSet;
use domain::scoring::{MissingPart, PeriodOutcome, TaskSource};
use domain::targets::Period;
use domain::Lang;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use store::{AssessmentRecord, CriteriaPoints, PeriodRecord};
use ts_rs::TS;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PeriodLine {
    pub id: Uuid,
    pub year: i32,
    pub period: Period,
    pub label: String,
    pub closed: bool,
    pub closed_by: Option<String>,
}

/// One step's points as typed: criterion code → "7,5"; for the superior also task-result points by hand.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PeriodAssessmentInput {
    pub period_id: Uuid,
    pub person_id: Uuid,
    pub points: BTreeMap<String, String>,
    pub text: String,
    /// Only for the superior, and only where the rule set allows typed task results (never under the default
    /// set: they are computed from the appraised products).
    pub task_points: String,
    /// Why the task results are typed: required with `task_points`.
    #[serde(default)]
    pub task_points_reason: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PeriodRow {
    pub person_id: Uuid,
    pub name: String,
    pub unit_code: String,
    pub unit_name: String,
    pub position: Option<String>,
    pub self_points: Option<f64>,
    pub superior_points: Option<f64>,
    pub task_points: Option<f64>,
    /// From assessed products of the period, or typed by the superior.
    pub task_from_products: bool,
    pub total: Option<f64>,
    pub total_text: String,
    /// "84,50 / 100: tiêu chí chung 27,00 / 30, kết quả nhiệm vụ 57,50 / 70" once the period is scored.
    pub summary: String,
    /// What keeps an ended period from its score ("Chưa thẩm định sản phẩm" …), empty otherwise.
    pub missing: String,
    pub level: Option<Level>,
    pub level_label: String,
    /// The period's points were Excellent, but the rule set caps each period's Excellent share (Hà Nội's monthly
    /// grade A) and this person was beyond it within the unit.
    pub moved_by_quota: bool,
    pub self_text: Option<String>,
    pub superior_comment: Option<String>,
    /// The points as saved, per criterion, written the Vietnamese way ("7,5"), to fill the forms.
    pub self_criteria: BTreeMap<String, String>,
    pub superior_criteria: BTreeMap<String, String>,
    /// The task-result points the superior typed ("" when none).
    pub typed_task_points: String,
    /// Whether this person's rule set lets the superior type task results at all (never under the default set).
    pub typed_task_points_allowed: bool,
    /// This person's rule set: its criteria and task-result maximum (a group may follow another set).
    pub criteria: Vec<domain::ruleset::Criterion>,
    #[ts(type = "number")]
    pub task_max: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PeriodSheet {
    pub period: PeriodLine,
    pub criteria: Vec<domain::ruleset::Criterion>,
    pub general_points: i64,
    pub task_points: i64,
    pub rows: Vec<PeriodRow>,
}

fn line(p: &PeriodRecord, lang: Lang) -> Option<PeriodLine> {
    let period = Period::from_parts(&p.kind, p.index)?;
    Some(PeriodLine {
        id: p.meta.id,
        year: p.year,
        period,
        label: format!("{} {}", period.label(lang), p.year),
        closed: p.closed_at.is_some(),
        closed_by: p.closed_by.clone(),
    })
}

/// Criterion points as typed, each within 0 and its maximum.
fn parse_points(typed: &BTreeMap<String, String>, rules: &RuleSet) -> std::result::Result<CriteriaPoints, Vec<FieldIssue>> {
    let mut points = CriteriaPoints::new();
    let mut issues = Vec::new();
    for criterion in &rules.criteria {
        let text = typed.get(&criterion.code).map(String::as_str).unwrap_or("");
        // Bonus points are given or not: left empty they are none.
        let text = if criterion.bonus && text.trim().is_empty() { "0" } else { text };
        match parse_quantity(text) {
            Ok(v) if (0..=criterion.max * 100).contains(&v) => {
                points.insert(criterion.code.clone(), v);
            }
            _ => issues.push(FieldIssue {
                field: criterion.code.clone(),
                message: format!("{}: từ 0 đến {} điểm.", criterion.name, criterion.max),
                message_en: format!("{}: 0 to {} points.", criterion.name_en, criterion.max),
            }),
        }
    }
    if issues.is_empty() {
        Ok(points)
    } else {
        Err(issues)
    }
}

impl Office {
    /// Opens a period of the year (a month or a quarter); opening an open one returns it.
    pub fn open_period(&mut self, session: &Session, year: i32, period: Period, lang: Lang) -> Result<PeriodLine> {
        session.require(Permission::Appraise)?;
        let stamp = self.stamp()?;
        let username = session.username.clone();
        let record = self.store.write(|w| {
            // Periods of offices below, received in bundles, sit beside this office's own.
            if let Some(existing) = w
                .read()
                .periods_of_year(year)?
                .into_iter()
                .find(|p| p.meta.owner_unit == stamp.owner && p.kind == period.kind() && p.index == period.index())
            {
                return Ok(existing);
            }
            let record = PeriodRecord {
                meta: stamp.meta(w.next_revision()?),
                year,
                kind: period.kind().into(),
                index: period.index(),
                closed_at: None,
                closed_by: None,
            };
            w.save_period(&record)?;
            w.audit(&username, "evaluation.open_period", &format!("{year} {}", period.short()))?;
            Ok::<_, ServiceError>(record)
        })?;
        line(&record, lang).ok_or(ServiceError::UnknownPeriod)
    }

    pub fn periods(&self, session: &Session, year: i32, lang: Lang) -> Result<Vec<PeriodLine>> {
        session.require(Permission::Read)?;
        let own = self.office_record()?.unit_id;
        Ok(self.store.read().periods_of_year(year)?.iter().filter(|p| p.meta.owner_unit == own).filter_map(|p| line(p, lang)).collect())
    }

    /// The person's own points per criterion and text.
    pub fn self_assess(&mut self, session: &Session, input: &PeriodAssessmentInput) -> Result<()> {
        self.assess(session, input, false)
    }

    /// The direct superior's points per criterion, comment and (when no product was assessed) task-result points.
    pub fn superior_assess(&mut self, session: &Session, input: &PeriodAssessmentInput) -> Result<()> {
        self.assess(session, input, true)
    }

    fn assess(&mut self, session: &Session, input: &PeriodAssessmentInput, superior: bool) -> Result<()> {
        // A cadre's own points are typed from their form by whoever enters data; the superior's are an appraisal.
        session.require(if superior { Permission::Appraise } else { Permission::EditWork })?;
        crate::users::require_person(self.store.read(), session, input.person_id)?;
        let stamp = self.stamp()?;
        let username = session.username.clone();
        self.store.write(|w| save_assessment(w, stamp, &username, input, superior))
    }

    /// This office's period of a year named as typed ("T3", "Q2"), when it has opened it.
    pub fn period_named(&self, session: &Session, year: i32, typed: &str, lang: Lang) -> Result<PeriodLine> {
        let period = crate::work::period_from_text(typed, year)?;
        self.periods(session, year, lang)?.into_iter().find(|p| p.period == period).ok_or(ServiceError::UnknownPeriod)
    }

    /// Closes a period: its assessments no longer change.
    pub fn close_period(&mut self, session: &Session, period_id: Uuid) -> Result<()> {
        session.require(Permission::DecideWork)?;
        let stamp = self.stamp()?;
        let username = session.username.clone();
        self.store.write(|w| {
            let period = w.read().period_by_id(period_id)?.ok_or(ServiceError::UnknownPeriod)?;
            if period.closed_at.is_some() {
                return Err(ServiceError::PeriodClosed);
            }
            let meta = store::Meta { revision: w.next_revision()?, updated_at: stamp.now, ..period.meta.clone() };
            w.save_period(&PeriodRecord { meta, closed_at: Some(stamp.now), closed_by: Some(username.clone()), ..period })?;
            w.audit(&username, "evaluation.close_period", &period_id.to_string())?;
            Ok(())
        })
    }

    /// A period's sheet for a unit and those below it: each person's points and level.
    pub fn period_sheet(&self, session: &Session, period_id: Uuid, unit_code: &str, lang: Lang) -> Result<PeriodSheet> {
        session.require(Permission::Read)?;
        let read = self.store.read();
        let period = read.period_by_id(period_id)?.ok_or(ServiceError::UnknownPeriod)?;
        let period_line = line(&period, lang).ok_or(ServiceError::UnknownPeriod)?;
        let this_period = period_line.period;
        let scope = crate::work::units_within_code(read, unit_code)?;
        let choice = RuleChoice::load(read)?;
        let default = choice.default_set();
        let book = super::scores::ScoreBook::load_for_units(read, period.year, Office::today(), &choice, lang, &scope)?;
        let day = chrono::NaiveDate::from_ymd_opt(period.year, 12, 31).unwrap_or_default();
        let posts: std::collections::HashMap<Uuid, (String, String)> =
            read.position_holders(None, day)?.into_iter().map(|(g, h)| (h.person_id, (g, h.position))).collect();
        let mut rows = Vec::new();
        let mut row_rules = Vec::new();
        for roster_line in read.roster(&[])?.into_iter().filter(|l| scope.contains(&l.person.unit_id)) {
            let person = &roster_line.person;
            let (group, position) =
                posts.get(&person.meta.id).cloned().map_or((crate::catalog::OTHER_GROUP_CODE.to_string(), None), |(g, p)| (g, Some(p)));
            let rules = choice.for_group(&group);
            let assessment = read.assessment(period_id, person.meta.id)?;
            let sum = |p: &Option<CriteriaPoints>| p.as_ref().map(|p| p.values().sum::<i64>());
            let self_points = assessment.as_ref().and_then(|a| sum(&a.self_points));
            let superior_points = assessment.as_ref().and_then(|a| sum(&a.superior_points));
            let scored = book.period(person.meta.id, this_period).map(|p| p.outcome);
            let (task, total, level, summary, missing) = match scored {
                Some(PeriodOutcome::Scored(score)) => (
                    Some(score.task),
                    Some(score.total),
                    Some(score.level),
                    super::scores::score_summary(score.total, score.general, score.task.points, rules, lang),
                    String::new(),
                ),
                Some(PeriodOutcome::Missing { missing }) => (None, None, None, String::new(), missing_text(missing, lang)),
                _ => (None, None, None, String::new(), String::new()),
            };
            rows.push(PeriodRow {
                person_id: person.meta.id,
                name: person.full_name.clone(),
                unit_code: roster_line.unit_code.clone(),
                unit_name: roster_line.unit_name.clone(),
                position,
                self_points: self_points.map(|p| p as f64 / 100.0),
                superior_points: superior_points.map(|p| p as f64 / 100.0),
                task_points: task.map(|t| t.points as f64 / 100.0),
                task_from_products: task.is_some_and(|t| t.source == TaskSource::Products),
                total: total.map(|p| p as f64 / 100.0),
                total_text: total.map(|t| format_hundredths(t, 2)).unwrap_or_default(),
                summary,
                missing,
                level,
                level_label: level.map(|l| rules.level_name(l, lang)).unwrap_or_default(),
                moved_by_quota: false,
                self_text: assessment.as_ref().and_then(|a| a.self_text.clone()),
                superior_comment: assessment.as_ref().and_then(|a| a.superior_comment.clone()),
                self_criteria: typed(assessment.as_ref().and_then(|a| a.self_points.as_ref())),
                superior_criteria: typed(assessment.as_ref().and_then(|a| a.superior_points.as_ref())),
                typed_task_points: assessment
                    .as_ref()
                    .and_then(|a| a.task_points)
                    .map(domain::numbers::format_quantity)
                    .unwrap_or_default(),
                typed_task_points_allowed: rules.products.typed_task_points_allowed,
                criteria: rules.criteria.clone(),
                task_max: rules.evaluation.task_points,
            });
            row_rules.push((rules, total));
        }
        cap_each_period(&mut rows, &row_rules, lang);
        Ok(PeriodSheet {
            period: period_line,
            criteria: default.criteria.clone(),
            general_points: default.general_max(),
            task_points: default.evaluation.task_points,
            rows,
        })
    }
}

/// Where the rule set caps each period's Excellent share (Hà Nội QĐ 3814: grade A at most 30 % of a unit's staff
/// each month), the lowest points beyond it move to Good, said in the label. Within each unit and rule set.
fn cap_each_period(rows: &mut [PeriodRow], rules: &[(&RuleSet, Option<i64>)], lang: Lang) {
    let mut groups: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        if rules[i].0.quota.per_period && row.level.is_some() {
            groups.entry((row.unit_code.clone(), rules[i].0.code.clone())).or_default().push(i);
        }
    }
    for members in groups.values() {
        let entries: Vec<QuotaEntry> = members
            .iter()
            .filter_map(|&i| {
                let row = &rows[i];
                Some(QuotaEntry {
                    id: row.person_id.as_u128(),
                    level: row.level?,
                    points: rules[i].1?,
                    tie_rank: None,
                    outstanding_unit: false,
                })
            })
            .collect();
        let rule = rules[members[0]].0;
        let outcome = apply_quota(&entries, &rule.quota);
        for &i in members {
            if outcome.moved.contains(&rows[i].person_id.as_u128()) {
                let row = &mut rows[i];
                row.level = Some(Level::Good);
                row.moved_by_quota = true;
                row.level_label = format!(
                    "{} ({})",
                    rule.level_name(Level::Good, lang),
                    lang.pick("vượt tỷ lệ Xuất sắc của kỳ", "beyond the period's Excellent share")
                );
            }
        }
    }
}

/// Saves one step's points of a period (the cadre's own, or the superior's) inside a write: the period must be
/// open, each criterion within its maximum, typed task results only where the rule set allows them.
pub(crate) fn save_assessment(
    w: &store::Writer<'_>,
    stamp: crate::records::Stamp,
    username: &str,
    input: &PeriodAssessmentInput,
    superior: bool,
) -> Result<()> {
    let read = w.read();
    let period = read.period_by_id(input.period_id)?.ok_or(ServiceError::UnknownPeriod)?;
    read.person_by_id(input.person_id)?.ok_or(ServiceError::UnknownPerson)?;
    let choice = RuleChoice::load(read)?;
    let group = group_of(read, input.person_id, period.year)?;
    let rules = choice.for_group(&group);
    let mut points = parse_points(&input.points, rules);
    let typed = superior && !input.task_points.trim().is_empty();
    let reason = Some(domain::text::clean(&input.task_points_reason)).filter(|r| !r.is_empty());
    let mut typed_issue = |message: String, message_en: String| {
        let issue = FieldIssue { field: "task_points".into(), message, message_en };
        match &mut points {
            Err(issues) => issues.push(issue),
            Ok(_) => points = Err(vec![issue]),
        }
    };
    let task_points = if !typed {
        None
    } else if !rules.products.typed_task_points_allowed {
        typed_issue(
            "Điểm kết quả nhiệm vụ được tính từ các sản phẩm đã thẩm định, không nhập tay (bộ quy tắc không cho phép). \
                 Hãy thẩm định sản phẩm của kỳ."
                .into(),
            "Task results are computed from the appraised products, not typed (the rule set does not allow it). \
                 Appraise the period's products."
                .into(),
        );
        None
    } else if reason.is_none() {
        typed_issue("Nhập tay điểm kết quả nhiệm vụ phải ghi lý do.".into(), "Typed task results need a reason.".into());
        None
    } else {
        match parse_quantity(&input.task_points) {
            Ok(v) if (0..=rules.evaluation.task_points * 100).contains(&v) => Some(v),
            _ => {
                typed_issue(
                    format!("Điểm kết quả nhiệm vụ từ 0 đến {}.", rules.evaluation.task_points),
                    format!("Task-result points are 0 to {}.", rules.evaluation.task_points),
                );
                None
            }
        }
    };
    let points = points.map_err(ServiceError::InvalidFields)?;
    let text = Some(domain::text::clean(&input.text)).filter(|t| !t.is_empty());
    let existing = read.assessment(input.period_id, input.person_id)?;
    let mut record = match existing {
        Some(e) => AssessmentRecord { meta: store::Meta { revision: w.next_revision()?, updated_at: stamp.now, ..e.meta.clone() }, ..e },
        None => AssessmentRecord {
            meta: stamp.meta(w.next_revision()?),
            period_id: input.period_id,
            person_id: input.person_id,
            self_points: None,
            self_text: None,
            superior_points: None,
            superior_comment: None,
            task_points: None,
            task_points_reason: None,
        },
    };
    if superior {
        record.superior_points = Some(points);
        record.superior_comment = text;
        record.task_points = task_points;
        record.task_points_reason = task_points.and(reason);
    } else {
        record.self_points = Some(points);
        record.self_text = text;
    }
    if period.closed_at.is_some() {
        // Saving again what a closed period holds (an exported sheet imported back) changes nothing; anything
        // else is refused.
        let content = |a: &AssessmentRecord| {
            (a.self_points.clone(), a.self_text.clone(), a.superior_points.clone(), a.superior_comment.clone(), a.task_points)
        };
        let unchanged = read.assessment(input.period_id, input.person_id)?.is_some_and(|e| content(&e) == content(&record));
        return if unchanged { Ok(()) } else { Err(ServiceError::PeriodClosed) };
    }
    w.save_assessment(&record)?;
    w.audit(
        username,
        if superior { "evaluation.superior" } else { "evaluation.self" },
        &format!("{} {}", input.period_id, input.person_id),
    )?;
    Ok(())
}

/// What an ended period still lacks, in words.
pub(crate) fn missing_text(missing: MissingPart, lang: Lang) -> String {
    match missing {
        MissingPart::GeneralCriteria => lang.pick("Chưa chấm tiêu chí chung", "General criteria not scored"),
        MissingPart::Products => lang.pick("Chưa có sản phẩm được thẩm định", "No appraised product"),
        MissingPart::Both => lang.pick("Chưa đánh giá", "Not appraised"),
    }
    .to_string()
}

/// Saved criterion points as the form shows them.
fn typed(points: Option<&CriteriaPoints>) -> BTreeMap<String, String> {
    points.map(|p| p.iter().map(|(code, v)| (code.clone(), domain::numbers::format_quantity(*v))).collect()).unwrap_or_default()
}

/// Everyone's equivalent-position group at the year's end (those without a post are in no entry: OTHER_GROUP_CODE).
pub(crate) fn groups_of_year(read: store::Reader<'_>, year: i32) -> Result<std::collections::HashMap<Uuid, String>> {
    let day = chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
    Ok(read.position_holders(None, day)?.into_iter().map(|(g, h)| (h.person_id, g)).collect())
}

/// A person's equivalent-position group at the year's end.
pub(crate) fn group_of(read: store::Reader<'_>, person: Uuid, year: i32) -> Result<String> {
    let day = chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
    Ok(read
        .position_holders(None, day)?
        .into_iter()
        .find(|(_, h)| h.person_id == person)
        .map_or(crate::catalog::OTHER_GROUP_CODE.to_string(), |(g, _)| g))
}
