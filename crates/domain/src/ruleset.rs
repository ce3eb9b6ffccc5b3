//! Rule sets: the parameters of the rules (weights, penalties, caps) as data, read from the files in
//! `assets/rulesets/` (embedded at build time). A value listed under `unconfirmed` is an interpretation the
//! screens must show as such.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

const BUILT_IN: [&str; 1] = [include_str!("../../../assets/rulesets/qd366-nd335-2025.toml")];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RuleSet {
    pub code: String,
    pub name: String,
    pub name_en: String,
    pub valid_from: String,
    pub targets: TargetRules,
    pub products: ProductRules,
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
    #[serde(default)]
    pub unconfirmed: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("rule set {source_name}: {reason}")]
pub struct RuleSetProblem {
    pub source_name: String,
    pub reason: String,
}

impl RuleSet {
    /// Reads a rule set file and checks that its numbers make sense.
    pub fn parse(source_name: &str, text: &str) -> Result<RuleSet, RuleSetProblem> {
        let problem = |reason: String| RuleSetProblem { source_name: source_name.into(), reason };
        let set: RuleSet = toml::from_str(text).map_err(|e| problem(e.to_string()))?;
        let p = &set.products;
        if [p.quantity_weight, p.quality_weight, p.progress_weight].iter().any(|w| *w < 0)
            || p.quantity_weight + p.quality_weight + p.progress_weight == 0
        {
            return Err(problem("product weights must be non-negative and not all zero".into()));
        }
        if !(0..=100).contains(&p.major_error_penalty_percent) || !(0..=100).contains(&p.delay_penalty_percent) {
            return Err(problem("penalties are percentages between 0 and 100".into()));
        }
        if !(0..=100).contains(&p.task_result_points) {
            return Err(problem("task_result_points is a share of 100 points".into()));
        }
        if set.targets.completion_cap_percent < 100 || set.targets.default_weight <= 0 {
            return Err(problem("completion_cap_percent is at least 100 and default_weight above 0".into()));
        }
        Ok(set)
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
        assert_eq!(RuleSet::built_in().len(), BUILT_IN.len());
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
    }
}
