//! Products (Nghị định 335/2025/NĐ-CP): each product assigned for a period is scored on quantity, quality and
//! progress (the period's task results from these scores are in `scoring`).

use crate::quantity::Hundredths;
use crate::ruleset::ProductRules;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How a product was delivered, as the appraiser records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProductAssessment {
    /// How many were required (hundredths; 1 for a single report is 100).
    #[ts(type = "number")]
    pub required: Hundredths,
    #[ts(type = "number")]
    pub delivered: Hundredths,
    /// Share meeting requirements before deductions, 0–100 % in hundredths (100 % = 10_000).
    #[ts(type = "number")]
    pub quality: i64,
    pub major_errors: u32,
    /// Share delivered on time before deductions, 0–100 % in hundredths.
    #[ts(type = "number")]
    pub on_time: i64,
    pub delays: u32,
}

/// A product's three part-scores and its score, each 0–100 % in hundredths of a percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProductScore {
    #[ts(type = "number")]
    pub quantity: i64,
    #[ts(type = "number")]
    pub quality: i64,
    #[ts(type = "number")]
    pub progress: i64,
    #[ts(type = "number")]
    pub score: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProductProblem {
    ZeroRequired,
    Negative,
    PercentOutOfRange,
}

impl ProductProblem {
    pub fn code(&self) -> &'static str {
        match self {
            ProductProblem::ZeroRequired => "product.zero_required",
            ProductProblem::Negative => "product.negative",
            ProductProblem::PercentOutOfRange => "product.percent_range",
        }
    }

    pub fn message(&self, lang: crate::Lang) -> &'static str {
        match self {
            ProductProblem::ZeroRequired => lang.pick("Số lượng yêu cầu phải lớn hơn 0.", "The required quantity must be above 0."),
            ProductProblem::Negative => lang.pick("Số lượng không được là số âm.", "Quantities must not be negative."),
            ProductProblem::PercentOutOfRange => {
                lang.pick("Tỷ lệ chất lượng và đúng hạn phải từ 0 đến 100 %.", "Quality and on-time shares are between 0 and 100 %.")
            }
        }
    }
}

const HUNDRED_PERCENT: i64 = 10_000;

fn div_round(numerator: i128, denominator: i128) -> i64 {
    ((numerator * 2 + denominator) / (denominator * 2)) as i64
}

impl ProductAssessment {
    pub fn check(&self) -> Result<(), ProductProblem> {
        if self.required <= 0 {
            return Err(ProductProblem::ZeroRequired);
        }
        if self.delivered < 0 {
            return Err(ProductProblem::Negative);
        }
        if !(0..=HUNDRED_PERCENT).contains(&self.quality) || !(0..=HUNDRED_PERCENT).contains(&self.on_time) {
            return Err(ProductProblem::PercentOutOfRange);
        }
        Ok(())
    }

    /// NĐ 335: quantity is the share delivered (at most 100 %); each major error takes `major_error_penalty` of the
    /// quality points and each delay `delay_penalty` of the progress points, never below zero.
    pub fn score(&self, rules: &ProductRules) -> ProductScore {
        let quantity = div_round(i128::from(self.delivered.max(0)) * 10_000, i128::from(self.required.max(1))).min(HUNDRED_PERCENT);
        let deduct = |base: i64, count: u32, penalty_percent: i64| (base - i64::from(count) * penalty_percent * 100).max(0);
        // Nothing delivered leaves no quality or timeliness to credit: the product scores 0.
        let delivered = self.delivered > 0;
        let quality = if delivered { deduct(self.quality, self.major_errors, rules.major_error_penalty_percent) } else { 0 };
        let progress = if delivered { deduct(self.on_time, self.delays, rules.delay_penalty_percent) } else { 0 };
        let weights = [rules.quantity_weight, rules.quality_weight, rules.progress_weight];
        let total: i64 = weights.iter().sum::<i64>().max(1);
        let weighted = i128::from(quantity * weights[0] + quality * weights[1] + progress * weights[2]);
        ProductScore { quantity, quality, progress, score: div_round(weighted, i128::from(total)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rules() -> ProductRules {
        crate::ruleset::RuleSet::default_set().products
    }

    fn assessment(required: i64, delivered: i64, major_errors: u32, delays: u32) -> ProductAssessment {
        ProductAssessment { required, delivered, quality: 10_000, major_errors, on_time: 10_000, delays }
    }

    #[test]
    fn a_perfect_product_scores_full_and_gives_70_points() {
        let score = assessment(100, 100, 0, 0).score(&rules());
        assert_eq!(score, ProductScore { quantity: 10_000, quality: 10_000, progress: 10_000, score: 10_000 });
        assert_eq!(crate::scoring::points_of_percent(score.score, &crate::ruleset::RuleSet::default_set()), 7_000);
    }

    #[test]
    fn each_major_error_and_each_delay_cost_a_quarter() {
        let score = assessment(400, 300, 1, 2).score(&rules());
        assert_eq!(score.quantity, 7_500);
        assert_eq!(score.quality, 7_500);
        assert_eq!(score.progress, 5_000);
        // (75 + 75 + 50) / 3 = 66,67 %
        assert_eq!(score.score, 6_667);
        // 66,67 % of 70 is 46,669: cut to 46,66.
        assert_eq!(crate::scoring::points_of_percent(score.score, &crate::ruleset::RuleSet::default_set()), 4_666);
        let worst = assessment(100, 0, 5, 9).score(&rules());
        assert_eq!((worst.quality, worst.progress, worst.score), (0, 0, 0));
    }

    #[test]
    fn nothing_delivered_scores_nothing() {
        assert_eq!(assessment(100, 0, 0, 0).score(&rules()), ProductScore { quantity: 0, quality: 0, progress: 0, score: 0 });
    }

    #[test]
    fn over_delivery_does_not_pass_100_percent() {
        assert_eq!(assessment(100, 250, 0, 0).score(&rules()).quantity, 10_000);
    }

    #[test]
    fn bad_assessments_are_refused() {
        assert_eq!(assessment(0, 1, 0, 0).check(), Err(ProductProblem::ZeroRequired));
        assert_eq!(assessment(100, -1, 0, 0).check(), Err(ProductProblem::Negative));
        let mut a = assessment(100, 100, 0, 0);
        a.quality = 10_001;
        assert_eq!(a.check(), Err(ProductProblem::PercentOutOfRange));
    }

    proptest! {
        #[test]
        fn scores_stay_between_0_and_100(required in 1i64..10_000, delivered in 0i64..20_000, q in 0i64..=10_000,
                                         t in 0i64..=10_000, errors in 0u32..10, delays in 0u32..10) {
            let a = ProductAssessment { required, delivered, quality: q, major_errors: errors, on_time: t, delays };
            let s = a.score(&rules());
            for part in [s.quantity, s.quality, s.progress, s.score] {
                prop_assert!((0..=10_000).contains(&part));
            }
        }
    }
}
