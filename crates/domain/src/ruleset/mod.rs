//! Rule sets: the parameters of the rules (weights, penalties, caps) as data, read from TOML files: those in
//! `assets/rulesets/` (embedded at build time) and those an administrator imports or the office above sends. A
//! value listed under `unconfirmed` is an interpretation the screens must show as such.

mod check;

pub use check::{RuleSetProblem, RuleSetProblems, MAX_FILE_BYTES};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const BUILT_IN: [&str; 4] = [
    include_str!("../../../../assets/rulesets/qd366-nd335-2025.toml"),
    include_str!("../../../../assets/rulesets/nd335-2025-cong-chuc.toml"),
    include_str!("../../../../assets/rulesets/hanoi-qd3814-2018.toml"),
    include_str!("../../../../assets/rulesets/haiphong-qd212-2025.toml"),
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RuleSet {
    pub code: String,
    /// Bumped whenever a number changes; every result records the code and version it came from.
    pub version: u32,
    pub name: String,
    pub name_en: String,
    pub valid_from: String,
    /// Who it is for, in words ("Đảng, MTTQ, đoàn thể", "công chức" …).
    pub applies_to: String,
    /// The documents the numbers come from (at least one).
    #[serde(default)]
    pub sources: Vec<SourceDocument>,
    pub targets: TargetRules,
    pub products: ProductRules,
    pub evaluation: EvaluationRules,
    pub quota: QuotaRules,
    pub criteria: Vec<Criterion>,
    pub feedback: FeedbackRules,
    /// How the levels are named under this set (Hà Nội's monthly scheme says A, B, C, D).
    #[serde(default)]
    pub level_names: Option<LevelNames>,
}

/// A regulation or guidance a rule set follows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SourceDocument {
    /// "Quy định 366-QĐ/TW", "Nghị định 335/2025/NĐ-CP" …
    pub title: String,
    /// When it was issued, as written ("30/8/2025").
    #[serde(default)]
    pub issued: String,
}

/// Bands and conditions of DOMAIN.md rule 5, and how the year's points are formed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EvaluationRules {
    /// Points of the general criteria and of task results, adding to 100.
    pub general_points: i64,
    pub task_points: i64,
    /// Bonus points on top (Hà Nội QĐ 3814: 20 + 70 + 10 for initiative and outstanding work), given through the
    /// criteria marked `bonus`; general + task + bonus add up to 100.
    #[serde(default)]
    pub bonus_points: i64,
    pub excellent_from: i64,
    pub good_from: i64,
    pub completed_from: i64,
    /// "month" or "quarter": the evaluation period.
    pub period: String,
    pub excellent_min_exceeding_percent: i64,
    pub good_requires_all_on_time: bool,
    /// With no product or task in the year a cadre cannot be proposed Excellent (nothing to show for it).
    #[serde(default = "yes")]
    pub excellent_requires_tasks: bool,
    pub completed_max_late_percent: i64,
    pub discipline_forces_not_completed: bool,
    pub leader_min_unit_completion_percent: i64,
    /// How a unit's completion is read for a leader or a collective (its share of targets and tasks done, or the
    /// weighted completion of its targets).
    #[serde(default)]
    pub unit_completion: UnitCompletion,
    pub leader_max_subunits_not_completed_percent: i64,
    pub max_low_confidence_percent: i64,
    pub nonleader_max_not_completed_percent: i64,
    pub min_months_worked: u32,
    pub absence_cap_from_months: u32,
    pub head_not_above_collective: bool,
    /// Periods rated Not completed in a year that put a person on the attention list (Hà Nội: weak cadres replaced
    /// without waiting for the end of the term).
    pub low_periods_for_attention: u32,
    #[serde(default)]
    pub unconfirmed: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum QuotaKind {
    /// QĐ 366: Excellent at most a share of those rated Good or Excellent.
    ShareOfGoodAndExcellent,
    /// Hà Nội QĐ 3814: grade A at most a share of all staff rated.
    ShareOfStaff,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct QuotaRules {
    pub kind: QuotaKind,
    pub percent: i64,
    pub outstanding_unit_percent: i64,
    /// A group whose base is under this size (1 to 4 people by default) …
    #[serde(default)]
    pub small_group_below: u32,
    /// … still has this many Excellent places (the percentage alone would give none).
    #[serde(default)]
    pub small_group_places: u32,
    /// The share also caps each period's levels within a unit (Hà Nội QĐ 3814: grade A at most 30 % of the staff
    /// each month, 40 % in an outstanding unit), not only the year's.
    #[serde(default)]
    pub per_period: bool,
    /// The same share caps the collectives rated Excellent, among the collectives of one tier under one unit (the
    /// communes of a province, the agencies of a commune): QĐ 366 speaks of "tập thể, cá nhân" (interpretation of
    /// the grouping, unconfirmed).
    #[serde(default)]
    pub collectives: bool,
    #[serde(default)]
    pub unconfirmed: Vec<String>,
}

/// One general criterion (politics, ethics, discipline, working style) and its maximum points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Criterion {
    pub code: String,
    pub name: String,
    pub name_en: String,
    pub max: i64,
    /// Bonus points (counted in `evaluation.bonus_points`, not the general criteria; nothing unless given).
    #[serde(default)]
    pub bonus: bool,
}

/// Multi-source feedback (Nghệ An): who rates, with what weight, and from how many raters a result is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FeedbackRules {
    /// The share of the general-criteria points that comes from the feedback (0 = shown, not counted).
    pub general_share_percent: i64,
    pub min_raters: u32,
    pub groups: Vec<RaterGroup>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RaterGroup {
    pub code: String,
    pub name: String,
    pub weight: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LevelNames {
    pub excellent: String,
    pub good: String,
    pub completed: String,
    pub not_completed: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TargetRules {
    pub completion_cap_percent: i64,
    pub default_weight: i64,
    #[serde(default)]
    pub unconfirmed: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProductRules {
    pub quantity_weight: i64,
    pub quality_weight: i64,
    pub progress_weight: i64,
    pub major_error_penalty_percent: i64,
    pub delay_penalty_percent: i64,
    pub task_result_points: i64,
    /// Whether a period's task-result points may be typed instead of computed from appraised products (then with a
    /// reason, and shown as typed everywhere). Off under the default rule set: results come from products.
    #[serde(default)]
    pub typed_task_points_allowed: bool,
    /// NĐ 335: the share of a leader's task-result points that comes from their unit's results (unconfirmed).
    #[serde(default = "default_leader_unit_share")]
    pub leader_unit_share_percent: i64,
    /// The unit element when every person under the leader is at least "Hoàn thành" …
    #[serde(default = "default_all_completed")]
    pub leader_unit_all_completed_percent: i64,
    /// … and when any of them is "Không hoàn thành".
    #[serde(default = "default_some_not_completed")]
    pub leader_unit_some_not_completed_percent: i64,
    /// How a period the cadre worked but that was not appraised counts in the year.
    #[serde(default)]
    pub missing_period: MissingPeriod,
    #[serde(default)]
    pub unconfirmed: Vec<String>,
}

fn yes() -> bool {
    true
}

fn default_leader_unit_share() -> i64 {
    30
}

fn default_all_completed() -> i64 {
    100
}

fn default_some_not_completed() -> i64 {
    50
}

/// A unit's completion: the share of its targets and tasks (its people's products) done — QĐ 366 counts tasks —
/// or the weighted completion of its targets (a reading some offices use).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum UnitCompletion {
    #[default]
    Count,
    Weighted,
}

/// What a missing period does to the year (DOMAIN.md rule 1: the year rolls up from its periods).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum MissingPeriod {
    /// The year is not proposed while a period is missing.
    #[default]
    Block,
    /// The year is the mean of the periods appraised.
    Skip,
    /// A missing period counts as 0 points.
    Zero,
}

impl RuleSet {
    /// Reads a rule set file and checks it: its shape (every key known, of the right kind, none missing) and that
    /// its numbers make sense together. Every problem is named, not only the first.
    pub fn parse(source_name: &str, text: &str) -> Result<RuleSet, RuleSetProblems> {
        check::parse(text).map_err(|problems| RuleSetProblems { source_name: source_name.into(), problems })
    }

    /// Points of the general part of a period, bonus included (the general criteria's maximum plus the bonus).
    pub fn general_max(&self) -> i64 {
        self.evaluation.general_points + self.evaluation.bonus_points
    }

    /// The rule sets shipped with the program.
    pub fn built_in() -> Vec<RuleSet> {
        BUILT_IN.iter().filter_map(|text| RuleSet::parse("built-in", text).ok()).collect()
    }

    /// The rule set in force by default (Quy định 366 and Nghị định 335).
    pub fn default_set() -> RuleSet {
        match RuleSet::parse("built-in", BUILT_IN[0]) {
            Ok(set) => set,
            // The file is embedded and tested below; a broken one cannot ship.
            Err(problem) => unreachable!("{problem}"),
        }
    }

    pub fn by_code(code: &str) -> Option<RuleSet> {
        RuleSet::built_in().into_iter().find(|r| r.code == code)
    }

    /// Every parameter listed as an interpretation, "section.name".
    pub fn unconfirmed(&self) -> Vec<String> {
        let section = |name: &str, items: &[String]| items.iter().map(|i| format!("{name}.{i}")).collect::<Vec<_>>();
        [
            section("targets", &self.targets.unconfirmed),
            section("products", &self.products.unconfirmed),
            section("evaluation", &self.evaluation.unconfirmed),
            section("quota", &self.quota.unconfirmed),
        ]
        .concat()
    }

    /// What a level is called under this set.
    pub fn level_name(&self, level: crate::evaluation::Level, lang: crate::Lang) -> String {
        use crate::evaluation::Level;
        match (&self.level_names, level) {
            (Some(n), Level::Excellent) => n.excellent.clone(),
            (Some(n), Level::Good) => n.good.clone(),
            (Some(n), Level::Completed) => n.completed.clone(),
            (Some(n), Level::NotCompleted) => n.not_completed.clone(),
            _ => level.label(lang).to_string(),
        }
    }

    /// The completion cap in hundredths of a percent.
    pub fn completion_cap(&self) -> crate::targets::Basis {
        self.targets.completion_cap_percent * 100
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_rule_sets_parse() {
        for text in BUILT_IN {
            if let Err(problem) = RuleSet::parse("built-in", text) {
                panic!("{problem}");
            }
        }
        assert_eq!(RuleSet::built_in().len(), BUILT_IN.len());
        let codes: std::collections::HashSet<String> = RuleSet::built_in().into_iter().map(|r| r.code).collect();
        assert_eq!(codes.len(), BUILT_IN.len(), "codes are unique");
        assert_eq!(RuleSet::by_code("haiphong-qd212-2025").map(|r| r.evaluation.general_points), Some(20));
        assert_eq!(RuleSet::by_code("hanoi-qd3814-2018").map(|r| r.quota.kind), Some(QuotaKind::ShareOfStaff));
        let set = RuleSet::default_set();
        assert_eq!(set.products.task_result_points, 70);
        assert_eq!(set.products.major_error_penalty_percent, 25);
        assert!(set.products.unconfirmed.contains(&"quality_weight".to_string()));
    }

    #[test]
    fn nonsense_numbers_are_refused() {
        let text = BUILT_IN[0].replace("delay_penalty_percent = 25", "delay_penalty_percent = 250");
        assert!(RuleSet::parse("test", &text).is_err());
        assert!(RuleSet::parse("test", "code = 1").is_err());
        let shifted = BUILT_IN[0].replace("good_from = 70", "good_from = 95");
        assert!(RuleSet::parse("test", &shifted).is_err(), "bands must rise");
    }
}
