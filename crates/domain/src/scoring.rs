//! One score for a cadre, wherever it is shown: a period's points from its general criteria and its appraised
//! products (converted by their coefficients, with the leader's unit element), and the year's points from its
//! periods, with the periods that are missing named. Every screen, list, form and the classification read these
//! functions, so the same person has the same figure everywhere.

use crate::evaluation::{band, Level};
use crate::products::ProductScore;
use crate::ruleset::{MissingPeriod, RuleSet};
use crate::targets::Period;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// 100,00 % in hundredths of a percent.
const FULL: i64 = 10_000;

/// One appraised product of a period, with its conversion coefficient (hundredths: 1,00 = 100).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConvertedScore {
    pub coefficient: i64,
    pub score: ProductScore,
}

/// NĐ 335/2025: task results compare the converted products completed with the converted products assigned. Each
/// product weighs its coefficient; a product's own score (quantity, quality, progress) says how much of it counts
/// as completed. The result is Σ coefficient × score / Σ coefficient, in hundredths of a percent, cut. None when
/// nothing was appraised. (Reading the conversion as a weight per product is an interpretation: quantities of
/// different products have different units and cannot be added.)
pub fn converted_percent(products: &[ConvertedScore]) -> Option<i64> {
    let assigned: i128 = products.iter().map(|p| i128::from(p.coefficient.max(0))).sum();
    if assigned <= 0 {
        return None;
    }
    let completed: i128 = products.iter().map(|p| i128::from(p.coefficient.max(0)) * i128::from(p.score.score)).sum();
    Some((completed / assigned) as i64)
}

/// NĐ 335's unit element of a leader's task results: full when every person under them is at least "Hoàn thành",
/// reduced when any is "Không hoàn thành". None when nobody under them was scored in the period.
pub fn unit_element_percent(subordinates: &[Level], rules: &RuleSet) -> Option<i64> {
    let rated: Vec<&Level> = subordinates.iter().filter(|l| **l != Level::NotRated).collect();
    if rated.is_empty() {
        return None;
    }
    let any_not_completed = rated.iter().any(|l| **l == Level::NotCompleted);
    let percent = if any_not_completed {
        rules.products.leader_unit_some_not_completed_percent
    } else {
        rules.products.leader_unit_all_completed_percent
    };
    Some(percent * 100)
}

/// Where a period's task-result points come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum TaskSource {
    /// Computed from the period's appraised products.
    Products,
    /// Typed by the superior, where the rule set allows it (with a reason).
    Typed,
}

/// A period's task results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TaskResult {
    /// Points in hundredths (of 70 under the default rule set).
    #[ts(type = "number")]
    pub points: i64,
    pub source: TaskSource,
    /// The converted share of the cadre's own products, hundredths of a percent.
    #[ts(type = "number | null")]
    pub products_percent: Option<i64>,
    /// The leader's unit element, hundredths of a percent, when it counted.
    #[ts(type = "number | null")]
    pub unit_percent: Option<i64>,
}

/// Task-result points from a share (hundredths of a percent), cut to hundredths of a point: 66,67 % of 70 is
/// 46,66, never rounded up across a band's edge.
pub fn points_of_percent(percent: i64, rules: &RuleSet) -> i64 {
    (i128::from(percent.clamp(0, FULL)) * i128::from(rules.evaluation.task_points) / 100) as i64
}

/// A period's task results: from the appraised products (for a leader mixed with the unit element, by the rule
/// set's share), else the typed points when the rule set allows typing. None when neither is there.
pub fn task_result(products: &[ConvertedScore], unit_percent: Option<i64>, typed: Option<i64>, rules: &RuleSet) -> Option<TaskResult> {
    if let Some(own) = converted_percent(products) {
        let share = rules.products.leader_unit_share_percent;
        let percent = match unit_percent {
            Some(unit) => (own * (100 - share) + unit * share) / 100,
            None => own,
        };
        return Some(TaskResult {
            points: points_of_percent(percent, rules),
            source: TaskSource::Products,
            products_percent: Some(own),
            unit_percent,
        });
    }
    let max = rules.evaluation.task_points * 100;
    typed.filter(|_| rules.products.typed_task_points_allowed).map(|points| TaskResult {
        points: points.clamp(0, max),
        source: TaskSource::Typed,
        products_percent: None,
        unit_percent: None,
    })
}

/// A scored period: general criteria + task results, each in hundredths of a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PeriodScore {
    #[ts(type = "number")]
    pub general: i64,
    pub task: TaskResult,
    #[ts(type = "number")]
    pub total: i64,
    pub level: Level,
}

/// Why a period that counts has no score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum MissingPart {
    /// Nobody gave the general-criteria points.
    GeneralCriteria,
    /// No product of the period was appraised (and typing is not allowed).
    Products,
    /// Neither.
    Both,
}

/// A period as it stands for one cadre.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum PeriodOutcome {
    Scored(PeriodScore),
    /// The period is over (or closed) and is not fully appraised.
    Missing {
        missing: MissingPart,
    },
    /// Still running: not yet due.
    InProgress,
}

/// A period's score from the general-criteria points (the superior's, else the cadre's own) and the task results.
pub fn period_outcome(general: Option<i64>, task: Option<TaskResult>, over: bool, rules: &RuleSet) -> PeriodOutcome {
    match (general, task) {
        (Some(general), Some(task)) => {
            let general = general.clamp(0, rules.general_max() * 100);
            let total = general + task.points;
            PeriodOutcome::Scored(PeriodScore { general, task, total, level: band(total, &rules.evaluation) })
        }
        _ if !over => PeriodOutcome::InProgress,
        (None, None) => PeriodOutcome::Missing { missing: MissingPart::Both },
        (None, Some(_)) => PeriodOutcome::Missing { missing: MissingPart::GeneralCriteria },
        (Some(_), None) => PeriodOutcome::Missing { missing: MissingPart::Products },
    }
}

/// The year's points and their parts, from its periods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct YearScore {
    /// Points of 100 in hundredths: the mean of the counted periods' totals, cut.
    #[ts(type = "number")]
    pub total: i64,
    /// The general-criteria part (mean, cut) and the task-result part (the rest), which add up to `total`.
    #[ts(type = "number")]
    pub general: i64,
    #[ts(type = "number")]
    pub task: i64,
    pub periods_scored: u32,
    /// Periods that are over, were worked and were not appraised, beyond those excused by absence.
    pub missing: Vec<Period>,
    /// Missing periods excused by the months of absence recorded for the year.
    pub excused: u32,
    /// Periods still running.
    pub in_progress: u32,
    /// Some period's task results were typed.
    pub typed: bool,
    /// False while a missing period keeps the year from being proposed (rule set: missing_period = block), or when
    /// no period was scored.
    pub complete: bool,
}

/// Rolls the periods into the year. `absent_periods` missing periods are excused (the months of absence, in
/// periods); the rest follow the rule set: block the year, skip them, or count them as 0.
pub fn year_score(periods: &[(Period, PeriodOutcome)], absent_periods: u32, rules: &RuleSet) -> YearScore {
    let mut totals = Vec::new();
    let mut generals = Vec::new();
    let mut missing = Vec::new();
    let mut in_progress = 0;
    let mut typed = false;
    for (period, outcome) in periods {
        match outcome {
            PeriodOutcome::Scored(score) => {
                totals.push(score.total);
                generals.push(score.general);
                typed |= score.task.source == TaskSource::Typed;
            }
            PeriodOutcome::Missing { .. } => missing.push(*period),
            PeriodOutcome::InProgress => in_progress += 1,
        }
    }
    missing.sort();
    // Absence excuses the last missing periods first (which months were the absence is not recorded).
    let excused = absent_periods.min(missing.len() as u32);
    missing.truncate(missing.len() - excused as usize);
    let policy = rules.products.missing_period;
    if policy == MissingPeriod::Zero {
        totals.extend(missing.iter().map(|_| 0));
        generals.extend(missing.iter().map(|_| 0));
    }
    let mean = |values: &[i64]| if values.is_empty() { 0 } else { values.iter().sum::<i64>().div_euclid(values.len() as i64) };
    let total = mean(&totals);
    let general = mean(&generals).min(total);
    let scored = periods.iter().filter(|(_, o)| matches!(o, PeriodOutcome::Scored(_))).count() as u32;
    YearScore {
        total,
        general,
        task: total - general,
        periods_scored: scored,
        complete: scored > 0 && (missing.is_empty() || policy != MissingPeriod::Block),
        missing,
        excused,
        in_progress,
        typed,
    }
}

/// How many periods of the rule set's kind `months` months make (3 months of absence are one quarter).
pub fn months_as_periods(months: u32, rules: &RuleSet) -> u32 {
    if rules.evaluation.period == "quarter" {
        months / 3
    } else {
        months
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::products::ProductAssessment;
    use proptest::prelude::*;

    fn rules() -> RuleSet {
        RuleSet::default_set()
    }

    fn product(coefficient: i64, required: i64, delivered: i64, errors: u32, delays: u32) -> ConvertedScore {
        let a = ProductAssessment { required, delivered, quality: 10_000, major_errors: errors, on_time: 10_000, delays };
        ConvertedScore { coefficient, score: a.score(&rules().products) }
    }

    #[test]
    fn the_conversion_weighs_each_product_by_its_coefficient() {
        // A report (1,00, perfect) and a large dossier (3,00, one delay: progress 75 %, score 91,66 %).
        let products = [product(100, 100, 100, 0, 0), product(300, 100, 100, 0, 1)];
        assert_eq!(products[1].score.score, 9_167);
        // (1 × 100 + 3 × 91,67) / 4 = 93,75 %
        assert_eq!(converted_percent(&products), Some(9_375));
        // 93,75 % of 70 = 65,625 → 65,62
        let task = task_result(&products, None, None, &rules()).unwrap();
        assert_eq!((task.points, task.source), (6_562, TaskSource::Products));
        assert_eq!(converted_percent(&[]), None);
    }

    #[test]
    fn typed_points_count_only_where_the_rule_set_allows() {
        let r = rules();
        assert_eq!(task_result(&[], None, Some(6_000), &r), None, "the default rule set computes, never types");
        let mut open = r.clone();
        open.products.typed_task_points_allowed = true;
        let task = task_result(&[], None, Some(6_000), &open).unwrap();
        assert_eq!((task.points, task.source), (6_000, TaskSource::Typed));
        // Products win over a typed value even where typing is allowed.
        let task = task_result(&[product(100, 100, 100, 0, 0)], None, Some(1_000), &open).unwrap();
        assert_eq!(task.points, 7_000);
    }

    #[test]
    fn a_leader_carries_the_unit_element() {
        let r = rules();
        assert_eq!(unit_element_percent(&[Level::Good, Level::Completed], &r), Some(10_000));
        assert_eq!(unit_element_percent(&[Level::Good, Level::NotCompleted], &r), Some(5_000));
        assert_eq!(unit_element_percent(&[Level::NotRated], &r), None);
        // Own products 100 %, one subordinate not completed: 70 % × 100 + 30 % × 50 = 85 % → 59,50 of 70.
        let task = task_result(&[product(100, 100, 100, 0, 0)], Some(5_000), None, &r).unwrap();
        assert_eq!(task.points, 5_950);
        assert_eq!(task.unit_percent, Some(5_000));
    }

    #[test]
    fn a_period_needs_both_parts_once_it_is_over() {
        let r = rules();
        let task = task_result(&[product(100, 100, 100, 0, 0)], None, None, &r);
        let PeriodOutcome::Scored(score) = period_outcome(Some(2_700), task, true, &r) else { panic!("scored") };
        assert_eq!((score.general, score.task.points, score.total, score.level), (2_700, 7_000, 9_700, Level::Excellent));
        assert_eq!(period_outcome(Some(2_700), None, true, &r), PeriodOutcome::Missing { missing: MissingPart::Products });
        assert_eq!(period_outcome(None, task, true, &r), PeriodOutcome::Missing { missing: MissingPart::GeneralCriteria });
        assert_eq!(period_outcome(None, None, false, &r), PeriodOutcome::InProgress);
    }

    fn scored(general: i64, task: i64) -> PeriodOutcome {
        let task = TaskResult { points: task, source: TaskSource::Products, products_percent: None, unit_percent: None };
        period_outcome(Some(general), Some(task), true, &rules())
    }

    #[test]
    fn the_year_is_the_mean_of_its_periods_and_its_parts_add_up() {
        let r = rules();
        let periods = [(Period::Month(1), scored(2_700, 5_750)), (Period::Month(2), scored(2_800, 6_001))];
        let year = year_score(&periods, 0, &r);
        // (84,50 + 88,01) / 2 = 86,255 → 86,25; general (27 + 28) / 2 = 27,50; task the rest 58,75.
        assert_eq!((year.total, year.general, year.task), (8_625, 2_750, 5_875));
        assert!(year.complete);
        assert!(year.missing.is_empty());
    }

    #[test]
    fn a_missing_period_is_named_and_blocks_the_year_by_default() {
        let r = rules();
        let missing = PeriodOutcome::Missing { missing: MissingPart::Products };
        let periods =
            [(Period::Month(1), scored(2_700, 6_000)), (Period::Month(2), missing), (Period::Month(3), PeriodOutcome::InProgress)];
        let year = year_score(&periods, 0, &r);
        assert_eq!(year.missing, vec![Period::Month(2)]);
        assert!(!year.complete);
        assert_eq!(year.in_progress, 1);
        // A month of absence excuses it.
        let year = year_score(&periods, 1, &r);
        assert!(year.complete);
        assert_eq!(year.excused, 1);
        // Counted as 0 where the rule set says so.
        let mut zero = r.clone();
        zero.products.missing_period = MissingPeriod::Zero;
        let year = year_score(&periods, 0, &zero);
        assert_eq!(year.total, 4_350);
        assert!(year.complete);
        let mut skip = r;
        skip.products.missing_period = MissingPeriod::Skip;
        assert_eq!(year_score(&periods, 0, &skip).total, 8_700);
    }

    #[test]
    fn quarters_count_absence_in_whole_quarters() {
        let mut r = rules();
        assert_eq!(months_as_periods(4, &r), 4);
        r.evaluation.period = "quarter".into();
        assert_eq!(months_as_periods(4, &r), 1);
    }

    proptest! {
        #[test]
        fn converted_share_stays_within_its_products(
            parts in proptest::collection::vec((1i64..1_000, 1i64..500, 0i64..700, 0u32..4, 0u32..4), 1..8),
        ) {
            let products: Vec<ConvertedScore> = parts.iter().map(|&(c, r, d, e, l)| product(c, r, d, e, l)).collect();
            let percent = converted_percent(&products).unwrap();
            let lowest = products.iter().map(|p| p.score.score).min().unwrap();
            let highest = products.iter().map(|p| p.score.score).max().unwrap();
            prop_assert!(lowest <= percent && percent <= highest);
        }

        #[test]
        fn a_later_delay_never_raises_the_period(
            parts in proptest::collection::vec((1i64..1_000, 1i64..500, 0i64..700, 0u32..4, 0u32..4), 1..8),
            which in 0usize..8,
        ) {
            let products: Vec<ConvertedScore> = parts.iter().map(|&(c, r, d, e, l)| product(c, r, d, e, l)).collect();
            let mut later = parts.clone();
            let i = which % later.len();
            later[i].4 += 1;
            let delayed: Vec<ConvertedScore> = later.iter().map(|&(c, r, d, e, l)| product(c, r, d, e, l)).collect();
            prop_assert!(converted_percent(&delayed) <= converted_percent(&products));
        }

        #[test]
        fn the_year_parts_always_add_up(values in proptest::collection::vec((0i64..=3_000, 0i64..=7_000), 1..12)) {
            let periods: Vec<(Period, PeriodOutcome)> =
                values.iter().enumerate().map(|(i, &(g, t))| (Period::Month(i as u8 + 1), scored(g, t))).collect();
            let year = year_score(&periods, 0, &rules());
            prop_assert_eq!(year.general + year.task, year.total);
            prop_assert!(year.general >= 0 && year.task >= 0);
        }
    }
}
