//! The one place a cadre's points are formed: each period from its general-criteria points and its appraised
//! products (domain::scoring), the year from its periods. The classification, the periods sheet, the profile, the
//! meeting and the printed forms all read a `ScoreBook`, so the same person has the same figure everywhere.

use super::rules::RuleChoice;
use crate::error::Result;
use chrono::NaiveDate;
use domain::evaluation::Level;
use domain::numbers::format_hundredths;
use domain::ruleset::RuleSet;
use domain::scoring::{
    months_as_periods, period_outcome, task_result, unit_element_percent, year_score, ConvertedScore, PeriodOutcome, YearScore,
};
use domain::targets::{weighted_completion, Period};
use domain::Lang;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use store::{AssessmentPoints, Reader};
use ts_rs::TS;
use uuid::Uuid;

/// One period of a cadre as scored.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ScoredPeriod {
    pub period: Period,
    pub label: String,
    pub outcome: PeriodOutcome,
}

/// A cadre's year: every period the office opened, and the year they roll into.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PersonScore {
    pub periods: Vec<ScoredPeriod>,
    pub year: YearScore,
    /// "84,50 / 100: tiêu chí chung 27,00 / 30, kết quả nhiệm vụ 57,50 / 70"
    pub summary: String,
    /// Not every period of the year is opened and closed yet: the figures may still change.
    pub provisional: bool,
    pub total_text: String,
    #[ts(type = "number")]
    pub general_of: i64,
    #[ts(type = "number")]
    pub task_of: i64,
}

/// The points of 100 with their two parts, the way every screen and form writes them.
pub fn score_summary(total: i64, general: i64, task: i64, rules: &RuleSet, lang: Lang) -> String {
    let (g, t) = (rules.general_max(), rules.evaluation.task_points);
    let (total, general, task) = (format_hundredths(total, 2), format_hundredths(general, 2), format_hundredths(task, 2));
    let with_bonus = rules.evaluation.bonus_points > 0;
    match lang {
        Lang::Vi if with_bonus => format!("{total} / 100: tiêu chí chung và điểm thưởng {general} / {g}, kết quả nhiệm vụ {task} / {t}"),
        Lang::Vi => format!("{total} / 100: tiêu chí chung {general} / {g}, kết quả nhiệm vụ {task} / {t}"),
        Lang::En if with_bonus => format!("{total} / 100: general criteria and bonus {general} / {g}, task results {task} / {t}"),
        Lang::En => format!("{total} / 100: general criteria {general} / {g}, task results {task} / {t}"),
    }
}

/// Everyone on the roster with the post they hold at the year's end: read once, for scoring and classifying alike.
pub(crate) struct Staff {
    pub roster: Vec<store::RosterLine>,
    /// person → (position-group code, post)
    pub holders: HashMap<Uuid, (String, store::Holder)>,
}

impl Staff {
    pub fn load(read: Reader<'_>, year: i32) -> Result<Staff> {
        let day = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
        let holders = read.position_holders(None, day)?.into_iter().map(|(g, h)| (h.person_id, (g, h))).collect();
        Ok(Staff { roster: read.roster(&[])?, holders })
    }
}

/// Who a person is for scoring.
struct Scored {
    unit_id: Uuid,
    owner: Uuid,
    group: String,
    is_head: bool,
}

/// Everything scoring reads for a year, loaded once, with every person's score computed.
pub(crate) struct ScoreBook {
    scores: HashMap<Uuid, PersonScore>,
    /// Each person's products of the year (the whole year's too), a cadre's proposals not yet accepted left out.
    products: HashMap<Uuid, Vec<store::ProductFigures>>,
}

impl ScoreBook {
    /// Scores everyone on the roster for `year` as of `today` (a period is over once closed or past its end).
    pub fn load(read: Reader<'_>, year: i32, today: NaiveDate, choice: &RuleChoice, lang: Lang) -> Result<ScoreBook> {
        Self::load_for(read, year, today, choice, lang, &Staff::load(read, year)?, None)
    }

    /// Scores everyone of `staff` (read once by the caller, who needs it too).
    pub fn load_with(read: Reader<'_>, year: i32, today: NaiveDate, choice: &RuleChoice, lang: Lang, staff: &Staff) -> Result<ScoreBook> {
        Self::load_for(read, year, today, choice, lang, staff, None)
    }

    /// Scores the people of these units (and only them): a profile or a unit's sheet need not read a province.
    /// A head's unit element comes from the people of the unit they head, so scope whole units.
    pub fn load_for_units(
        read: Reader<'_>,
        year: i32,
        today: NaiveDate,
        choice: &RuleChoice,
        lang: Lang,
        units: &HashSet<Uuid>,
    ) -> Result<ScoreBook> {
        Self::load_for(read, year, today, choice, lang, &Staff::load(read, year)?, Some(units))
    }

    fn load_for(
        read: Reader<'_>,
        year: i32,
        today: NaiveDate,
        choice: &RuleChoice,
        lang: Lang,
        staff: &Staff,
        units: Option<&HashSet<Uuid>>,
    ) -> Result<ScoreBook> {
        // The periods each office opened, by kind: a person is expected in the periods of their own office.
        // (id, period, over, closed) of the periods each office opened.
        let mut periods_of_owner: HashMap<Uuid, Vec<(Uuid, Period, bool, bool)>> = HashMap::new();
        let mut period_of: HashMap<Uuid, Period> = HashMap::new();
        for p in read.periods_of_year(year)? {
            let Some(period) = Period::from_parts(&p.kind, p.index) else { continue };
            period_of.insert(p.meta.id, period);
            let over = p.closed_at.is_some() || period.end(year) < today;
            periods_of_owner.entry(p.meta.owner_unit).or_default().push((p.meta.id, period, over, p.closed_at.is_some()));
        }
        let mut people: HashMap<Uuid, Scored> = HashMap::new();
        for line in &staff.roster {
            let id = line.person.meta.id;
            let post = staff.holders.get(&id);
            let unit_id = post.map_or(line.person.unit_id, |(_, h)| h.unit_id);
            if units.is_some_and(|u| !u.contains(&unit_id) && !u.contains(&line.person.unit_id)) {
                continue;
            }
            people.insert(
                id,
                Scored {
                    unit_id,
                    owner: line.person.meta.owner_unit,
                    group: post.map_or(crate::catalog::OTHER_GROUP_CODE.to_string(), |(g, _)| g.clone()),
                    is_head: post.is_some_and(|(_, h)| h.is_head),
                },
            );
        }
        // A few people are read one by one; a province at once.
        let (all_assessments, all_products) = if units.is_some() && people.len() < 500 {
            let mut a = Vec::new();
            let mut p = Vec::new();
            for id in people.keys() {
                a.extend(read.assessment_points_of_person(*id, year)?);
                p.extend(read.product_figures_of_person(*id, year)?);
            }
            (a, p)
        } else {
            (read.assessment_points_of_year(year)?, read.product_figures_of_year(year)?)
        };
        let mut assessments: HashMap<(Uuid, Period), Assessed> = HashMap::with_capacity(all_assessments.len());
        for a in &all_assessments {
            let (Some(person), Some(period)) = (people.get(&a.person_id), period_of.get(&a.period_id)) else { continue };
            let given = criteria_sums(a, choice.for_group(&person.group))?;
            assessments.insert((a.person_id, *period), Assessed { given, task_points: a.task_points });
        }
        drop(all_assessments);
        // A cadre's proposal not yet accepted is no product of theirs.
        let mut products: HashMap<Uuid, Vec<store::ProductFigures>> = HashMap::with_capacity(people.len());
        for p in all_products.into_iter().filter(|p| !p.proposed && people.contains_key(&p.person_id)) {
            products.entry(p.person_id).or_default().push(p);
        }
        let mut feedback: HashMap<Uuid, Vec<(String, u32, i64)>> = HashMap::new();
        for (rated, group, n, sum) in read.feedback_totals(year)? {
            feedback.entry(rated).or_default().push((group, n, sum));
        }
        let facts: HashMap<Uuid, store::FactsRecord> = read.facts_of_year(year)?.into_iter().map(|f| (f.subject_id, f)).collect();
        let inputs = Inputs { assessments, products, feedback };

        // First the period outcomes of everyone without the unit element, which heads then take from the levels
        // of the people of their units.
        let mut first: HashMap<Uuid, Vec<(Period, bool, PeriodOutcome)>> = HashMap::with_capacity(people.len());
        let mut levels_in_unit: HashMap<(Uuid, Period), Vec<Level>> = HashMap::new();
        for (id, person) in &people {
            let rules = choice.for_group(&person.group);
            let outcomes: Vec<(Period, bool, PeriodOutcome)> = periods_of_owner
                .get(&person.owner)
                .into_iter()
                .flatten()
                .filter(|p| p.1.kind() == rules.evaluation.period)
                .map(|&(_, period, over, _)| (period, over, inputs.outcome(*id, period, over, None, rules)))
                .collect();
            if !person.is_head {
                for (period, _, outcome) in &outcomes {
                    if let PeriodOutcome::Scored(score) = outcome {
                        levels_in_unit.entry((person.unit_id, *period)).or_default().push(score.level);
                    }
                }
            }
            first.insert(*id, outcomes);
        }
        let mut scores = HashMap::with_capacity(people.len());
        for (id, person) in &people {
            let rules = choice.for_group(&person.group);
            // Only the periods of the person's rule set (months or quarters) make their year.
            let mut scored: Vec<ScoredPeriod> = Vec::new();
            for &(period, over, outcome) in first.get(id).into_iter().flatten() {
                let outcome = if person.is_head {
                    let unit = levels_in_unit.get(&(person.unit_id, period)).and_then(|levels| unit_element_percent(levels, rules));
                    inputs.outcome(*id, period, over, unit, rules)
                } else {
                    outcome
                };
                scored.push(ScoredPeriod { period, label: period.label(lang), outcome });
            }
            scored.sort_by_key(|s| s.period);
            let f = facts.get(id);
            let not_worked = f.map_or(0, |f| 12u32.saturating_sub(f.months_worked) + f.months_absent);
            let pairs: Vec<(Period, PeriodOutcome)> = scored.iter().map(|s| (s.period, s.outcome)).collect();
            let year = year_score(&pairs, months_as_periods(not_worked, rules), rules);
            let counted: Vec<&(Uuid, Period, bool, bool)> =
                periods_of_owner.get(&person.owner).into_iter().flatten().filter(|p| p.1.kind() == rules.evaluation.period).collect();
            let in_a_year = if rules.evaluation.period == "quarter" { 4 } else { 12 };
            let provisional = counted.len() < in_a_year || counted.iter().any(|p| !p.3);
            scores.insert(
                *id,
                PersonScore {
                    summary: score_summary(year.total, year.general, year.task, rules, lang),
                    provisional,
                    total_text: format_hundredths(year.total, 2),
                    general_of: rules.general_max(),
                    task_of: rules.evaluation.task_points,
                    periods: scored,
                    year,
                },
            );
        }
        Ok(ScoreBook { scores, products: inputs.products })
    }

    pub fn person(&self, id: Uuid) -> Option<&PersonScore> {
        self.scores.get(&id)
    }

    /// A person's products of the year that count (a cadre's proposals not yet accepted left out).
    pub fn products(&self, id: Uuid) -> &[store::ProductFigures] {
        self.products.get(&id).map_or(&[], Vec::as_slice)
    }

    /// Every person scored, with their products that count.
    pub fn products_by_person(&self) -> impl Iterator<Item = (Uuid, &[store::ProductFigures])> {
        self.products.iter().map(|(id, list)| (*id, list.as_slice()))
    }

    /// One period's outcome for a person (None when their office did not open it).
    pub fn period(&self, id: Uuid, period: Period) -> Option<&ScoredPeriod> {
        self.scores.get(&id)?.periods.iter().find(|p| p.period == period)
    }
}

/// What scoring keeps of a period assessment.
struct Assessed {
    /// The criteria points given, added up as the person's rule set counts them; None when nobody gave any.
    given: Option<CriteriaSums>,
    /// Task results typed (where the rule set allows it).
    task_points: Option<i64>,
}

#[derive(Clone, Copy)]
struct CriteriaSums {
    /// The general criteria, each at most its maximum, together at most the general points.
    own: i64,
    /// Bonus criteria (Hà Nội), given by the superior on top, at most the bonus points.
    bonus: i64,
}

/// The criteria points of an assessment (the superior's when given, else the person's own) as the rule set counts
/// them: a criterion it does not name counts nothing, each is cut to its maximum.
fn criteria_sums(a: &AssessmentPoints, rules: &RuleSet) -> Result<Option<CriteriaSums>> {
    if !a.is_given() {
        return Ok(None);
    }
    let (mut own, mut bonus) = (0, 0);
    a.each_given(|code, points| {
        if let Some(c) = rules.criteria.iter().find(|c| c.code == code) {
            let points = points.clamp(0, c.max * 100);
            if c.bonus {
                bonus += points;
            } else {
                own += points;
            }
        }
    })?;
    Ok(Some(CriteriaSums { own: own.min(rules.evaluation.general_points * 100), bonus: bonus.min(rules.evaluation.bonus_points * 100) }))
}

struct Inputs {
    assessments: HashMap<(Uuid, Period), Assessed>,
    /// Each person's products of the year, whichever period.
    products: HashMap<Uuid, Vec<store::ProductFigures>>,
    /// rated → (group, raters, points sum)
    feedback: HashMap<Uuid, Vec<(String, u32, i64)>>,
}

impl Inputs {
    fn outcome(&self, person: Uuid, period: Period, over: bool, unit: Option<i64>, rules: &RuleSet) -> PeriodOutcome {
        let assessment = self.assessments.get(&(person, period));
        let general = assessment.and_then(|a| self.general_points(a, person, rules));
        let converted: Vec<ConvertedScore> = self
            .products
            .get(&person)
            .into_iter()
            .flatten()
            .filter(|p| p.period == Some(period))
            .filter_map(|p| p.assessment.map(|a| ConvertedScore { coefficient: p.coefficient, score: a.score(&rules.products) }))
            .collect();
        let typed = assessment.and_then(|a| a.task_points);
        let task = task_result(&converted, unit, typed, rules);
        period_outcome(general, task, over, rules)
    }

    /// General-criteria points of one assessment (the superior's when given, else the person's own), with the
    /// feedback's share mixed in when the rule set counts it. None when nobody gave them.
    fn general_points(&self, a: &Assessed, person: Uuid, rules: &RuleSet) -> Option<i64> {
        let CriteriaSums { own, bonus } = a.given?;
        let max = rules.evaluation.general_points * 100;
        let share = rules.feedback.general_share_percent;
        Some(
            bonus
                + match self.feedback_percent(person, rules) {
                    Some(percent) if share > 0 => {
                        let from_feedback = percent * max / 10_000;
                        // Cut, not rounded: a share of a point never lifts the total across a band's edge.
                        (own * (100 - share) + from_feedback * share) / 100
                    }
                    _ => own,
                },
        )
    }

    /// The weighted feedback result in hundredths of a percent, when every group counted has enough raters.
    fn feedback_percent(&self, person: Uuid, rules: &RuleSet) -> Option<i64> {
        let given = self.feedback.get(&person)?;
        let mut items = Vec::new();
        for group in &rules.feedback.groups {
            if let Some(&(_, raters, sum)) = given.iter().find(|(code, _, _)| *code == group.code) {
                if raters >= rules.feedback.min_raters {
                    items.push((group.weight, sum / i64::from(raters)));
                }
            }
        }
        weighted_completion(&items)
    }
}
