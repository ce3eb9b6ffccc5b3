//! Numeric targets (DOMAIN.md rule 4): completion, status against the straight line from plan start to deadline,
//! the cascade of a target into its parts, the weighted roll-up and the ranking of equivalent positions.

use crate::quantity::{same_measure, Hundredths};
use crate::text::fold;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Completion is kept in hundredths of a percent: 10_500 is 105,00 %.
pub type Basis = i64;
pub const FULL: Basis = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// More is better (party members admitted, revenue).
    Higher,
    /// Less is better (poverty rate, complaints): completion is plan / actual.
    Lower,
    /// Done or not done by the deadline.
    Milestone,
}

impl Direction {
    pub const ALL: [Direction; 3] = [Direction::Higher, Direction::Lower, Direction::Milestone];

    pub fn code(self) -> &'static str {
        match self {
            Direction::Higher => "higher",
            Direction::Lower => "lower",
            Direction::Milestone => "milestone",
        }
    }

    pub fn from_code(code: &str) -> Option<Direction> {
        Direction::ALL.into_iter().find(|d| d.code() == code)
    }

    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            Direction::Higher => lang.pick("Càng cao càng tốt", "Higher is better"),
            Direction::Lower => lang.pick("Càng thấp càng tốt", "Lower is better"),
            Direction::Milestone => lang.pick("Mốc hoàn thành", "Milestone"),
        }
    }

    /// Reads what a sheet says: the label in either language, the code, or a short word ("tăng", "giảm", "mốc").
    pub fn parse(text: &str) -> Option<Direction> {
        let folded = fold(text);
        let word = folded.trim();
        Direction::ALL
            .into_iter()
            .find(|d| word == d.code() || word == fold(d.label(crate::Lang::Vi)) || word == fold(d.label(crate::Lang::En)))
            .or(match word {
                "cao" | "tang" | "cao hon la tot" | "vuot" => Some(Direction::Higher),
                "thap" | "giam" | "thap hon la tot" => Some(Direction::Lower),
                "moc" | "hoan thanh" | "co/khong" | "co khong" => Some(Direction::Milestone),
                _ => None,
            })
    }

    /// How reports add up when the sheet does not say: counts are summed; rates (a measure in %), "lower is
    /// better" levels and milestones take the latest report.
    pub fn default_accumulation(self, measure: &str) -> Accumulation {
        let folded = fold(measure);
        let is_rate = folded.contains('%') || folded.starts_with("ty le") || folded.starts_with("phan tram");
        match self {
            Direction::Higher if !is_rate => Accumulation::Sum,
            _ => Accumulation::Latest,
        }
    }
}

/// How the reported values of a target make its actual.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Accumulation {
    /// Each report is what was done in its period (admissions this month): the actual is their sum.
    Sum,
    /// Each report is the level at the end of its period (a rate, a survey result): the actual is the newest.
    Latest,
}

impl Accumulation {
    pub fn code(self) -> &'static str {
        match self {
            Accumulation::Sum => "sum",
            Accumulation::Latest => "latest",
        }
    }

    pub fn from_code(code: &str) -> Option<Accumulation> {
        [Accumulation::Sum, Accumulation::Latest].into_iter().find(|a| a.code() == code)
    }

    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            Accumulation::Sum => lang.pick("Cộng dồn", "Sum of periods"),
            Accumulation::Latest => lang.pick("Số mới nhất", "Latest value"),
        }
    }

    pub fn parse(text: &str) -> Option<Accumulation> {
        let word = fold(text);
        [Accumulation::Sum, Accumulation::Latest]
            .into_iter()
            .find(|a| word == a.code() || word == fold(a.label(crate::Lang::Vi)) || word == fold(a.label(crate::Lang::En)))
            .or(match word.as_str() {
                "cong" | "tong" | "luy ke" => Some(Accumulation::Sum),
                "moi nhat" | "cuoi ky" => Some(Accumulation::Latest),
                _ => None,
            })
    }
}

/// A reporting period inside the target's year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(tag = "kind", content = "index", rename_all = "snake_case")]
pub enum Period {
    Month(u8),
    Quarter(u8),
}

impl Period {
    pub fn month(index: u8) -> Option<Period> {
        (1..=12).contains(&index).then_some(Period::Month(index))
    }

    pub fn quarter(index: u8) -> Option<Period> {
        (1..=4).contains(&index).then_some(Period::Quarter(index))
    }

    pub fn kind(self) -> &'static str {
        match self {
            Period::Month(_) => "month",
            Period::Quarter(_) => "quarter",
        }
    }

    pub fn index(self) -> u8 {
        match self {
            Period::Month(i) | Period::Quarter(i) => i,
        }
    }

    pub fn from_parts(kind: &str, index: u8) -> Option<Period> {
        match kind {
            "month" => Period::month(index),
            "quarter" => Period::quarter(index),
            _ => None,
        }
    }

    /// The first day of the period in `year`: a report counts from then on (November's figures entered on
    /// 21 November count that day).
    pub fn start(self, year: i32) -> NaiveDate {
        let first_month = match self {
            Period::Month(m) => u32::from(m),
            Period::Quarter(q) => u32::from(q) * 3 - 2,
        };
        NaiveDate::from_ymd_opt(year, first_month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The last day of the period in `year`.
    pub fn end(self, year: i32) -> NaiveDate {
        let last_month = match self {
            Period::Month(m) => u32::from(m),
            Period::Quarter(q) => u32::from(q) * 3,
        };
        let next =
            if last_month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, last_month + 1, 1) };
        next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX)
    }

    /// "T3" / "Q2" in sheets; "Tháng 3" / "Quý 2" on screen.
    pub fn short(self) -> String {
        match self {
            Period::Month(m) => format!("T{m}"),
            Period::Quarter(q) => format!("Q{q}"),
        }
    }

    pub fn label(self, lang: crate::Lang) -> String {
        match self {
            Period::Month(m) => format!("{} {m}", lang.pick("Tháng", "Month")),
            Period::Quarter(q) => format!("{} {q}", lang.pick("Quý", "Quarter")),
        }
    }

    /// Reads "T3", "Tháng 3", "thang 03", "3", "Q2", "Quý II", "quy 2", "M3", "Month 3", "Quarter 2", and "03/2025"
    /// (the year part must then be `year`).
    pub fn parse(text: &str, year: i32) -> Option<Period> {
        let folded = fold(text).replace(['.', '-'], " ");
        let word = folded.trim();
        if let Some((month, y)) = word.split_once('/') {
            let y: i32 = y.trim().parse().ok()?;
            return if y == year { Period::month(month.trim().parse().ok()?) } else { None };
        }
        let (prefix, number) = word.split_at(word.find(|c: char| c.is_ascii_digit() || c == ' ').unwrap_or(word.len()));
        let number = number.trim();
        let roman = |n: &str| match n {
            "i" => Some(1),
            "ii" => Some(2),
            "iii" => Some(3),
            "iv" => Some(4),
            _ => n.parse::<u8>().ok(),
        };
        match prefix.trim() {
            "" => Period::month(number.parse().ok()?),
            "t" | "thang" | "m" | "month" => Period::month(number.parse().ok()?),
            "q" | "quy" | "quarter" => Period::quarter(roman(number)?),
            _ => None,
        }
    }
}

/// What is wrong with a target's numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetProblem {
    /// A plan of 0 (or below) for "higher is better": nothing to divide by.
    ZeroPlan,
    NegativePlan,
    /// An actual below zero where counting cannot go negative.
    NegativeActual,
    /// A milestone is reported as 1 (done) or 0 (not done).
    MilestoneNotYesNo,
    /// The weight must be above zero.
    NonPositiveWeight,
    DeadlineBeforeStart,
}

impl TargetProblem {
    pub fn code(&self) -> &'static str {
        match self {
            TargetProblem::ZeroPlan => "target.zero_plan",
            TargetProblem::NegativePlan => "target.negative_plan",
            TargetProblem::NegativeActual => "target.negative_actual",
            TargetProblem::MilestoneNotYesNo => "target.milestone_not_yes_no",
            TargetProblem::NonPositiveWeight => "target.weight",
            TargetProblem::DeadlineBeforeStart => "target.deadline_before_start",
        }
    }

    pub fn message(&self, lang: crate::Lang) -> &'static str {
        match self {
            TargetProblem::ZeroPlan => lang.pick(
                "Kế hoạch phải lớn hơn 0 với chỉ tiêu \"càng cao càng tốt\" (không thể tính tỷ lệ hoàn thành trên 0).",
                "The plan must be above 0 for a \"higher is better\" target (completion cannot be computed against 0).",
            ),
            TargetProblem::NegativePlan => lang.pick("Kế hoạch không được là số âm.", "The plan must not be negative."),
            TargetProblem::NegativeActual => lang.pick("Số thực hiện không được là số âm.", "The actual value must not be negative."),
            TargetProblem::MilestoneNotYesNo => lang
                .pick("Chỉ tiêu mốc chỉ nhận 1 (đã hoàn thành) hoặc 0 (chưa hoàn thành).", "A milestone takes 1 (done) or 0 (not done)."),
            TargetProblem::NonPositiveWeight => lang.pick("Trọng số phải lớn hơn 0.", "The weight must be above 0."),
            TargetProblem::DeadlineBeforeStart => {
                lang.pick("Hạn hoàn thành phải sau ngày bắt đầu.", "The deadline must come after the start.")
            }
        }
    }
}

/// The numbers that define a target, as the rules need them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TargetTerms {
    pub direction: Direction,
    pub accumulation: Accumulation,
    pub plan: Hundredths,
    pub start: NaiveDate,
    pub deadline: NaiveDate,
}

impl TargetTerms {
    pub fn check(&self) -> Result<(), TargetProblem> {
        match self.direction {
            Direction::Higher if self.plan == 0 => return Err(TargetProblem::ZeroPlan),
            Direction::Milestone if !(self.plan == 0 || self.plan == 100) => return Err(TargetProblem::MilestoneNotYesNo),
            _ if self.plan < 0 => return Err(TargetProblem::NegativePlan),
            _ => {}
        }
        if self.deadline <= self.start {
            return Err(TargetProblem::DeadlineBeforeStart);
        }
        Ok(())
    }

    /// Checks one reported value. Every direction counts or measures something that cannot go below zero.
    pub fn check_actual(&self, value: Hundredths) -> Result<(), TargetProblem> {
        if value < 0 {
            return Err(TargetProblem::NegativeActual);
        }
        if self.direction == Direction::Milestone && value != 0 && value != 100 {
            return Err(TargetProblem::MilestoneNotYesNo);
        }
        Ok(())
    }
}

/// Divides rounding half up (both operands non-negative).
fn div_round(numerator: i128, denominator: i128) -> i64 {
    ((numerator * 2 + denominator) / (denominator * 2)) as i64
}

/// Completion of a target (DOMAIN.md rule 4): actual / plan when higher is better, plan / actual when lower is
/// better, 100 % or 0 % for a milestone; capped at `cap` so that one tiny plan cannot outweigh the rest.
/// "Lower is better" with an actual of 0 reaches the cap (nothing left to reduce); with a plan of 0 it is
/// 100 % at 0 and 0 % above.
pub fn completion(terms: &TargetTerms, actual: Hundredths, cap: Basis) -> Basis {
    let value = match terms.direction {
        Direction::Higher => div_round(i128::from(actual.max(0)) * i128::from(FULL), i128::from(terms.plan.max(1))),
        Direction::Lower if actual <= 0 => {
            if terms.plan == 0 {
                FULL
            } else {
                cap
            }
        }
        Direction::Lower => div_round(i128::from(terms.plan.max(0)) * i128::from(FULL), i128::from(actual)),
        Direction::Milestone if actual >= 100 => FULL,
        Direction::Milestone => 0,
    };
    value.min(cap)
}

/// Where a target stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum TargetStatus {
    /// Above the plan (above 100 %).
    Exceeded,
    /// Exactly the plan.
    Met,
    /// Before the deadline and not behind.
    OnTrack,
    /// Before the deadline and behind the straight line from start to deadline.
    AtRisk,
    /// Deadline passed below the plan, or nothing reported by then.
    NotMet,
    /// Before the deadline with nothing reported yet.
    NoData,
}

impl TargetStatus {
    pub fn code(self) -> &'static str {
        match self {
            TargetStatus::Exceeded => "exceeded",
            TargetStatus::Met => "met",
            TargetStatus::OnTrack => "on_track",
            TargetStatus::AtRisk => "at_risk",
            TargetStatus::NotMet => "not_met",
            TargetStatus::NoData => "no_data",
        }
    }

    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            TargetStatus::Exceeded => lang.pick("Vượt", "Exceeded"),
            TargetStatus::Met => lang.pick("Đạt", "Met"),
            TargetStatus::OnTrack => lang.pick("Đúng tiến độ", "On track"),
            TargetStatus::AtRisk => lang.pick("Có nguy cơ không đạt", "At risk"),
            TargetStatus::NotMet => lang.pick("Không đạt", "Not met"),
            TargetStatus::NoData => lang.pick("Chưa có số liệu", "No data"),
        }
    }
}

/// Compares actual with plan exactly (no rounding): `Greater` means better than planned.
fn against_plan(terms: &TargetTerms, actual: Hundredths) -> std::cmp::Ordering {
    match terms.direction {
        Direction::Higher | Direction::Milestone => actual.cmp(&terms.plan),
        Direction::Lower => terms.plan.cmp(&actual),
    }
}

/// Status on `as_of`, given the actual as of that day (None when nothing was reported).
///
/// A summed target is at risk when the actual is below the straight line from 0 at the start to the plan at the
/// deadline. A level (rate, survey) has no such line: the plan itself is the line, so it is at risk while below
/// the plan. A milestone not yet done before its deadline is on track.
pub fn status(terms: &TargetTerms, actual: Option<Hundredths>, as_of: NaiveDate) -> TargetStatus {
    use std::cmp::Ordering::*;
    let past_deadline = as_of >= terms.deadline;
    let Some(actual) = actual else {
        return if past_deadline { TargetStatus::NotMet } else { TargetStatus::NoData };
    };
    match against_plan(terms, actual) {
        Greater => return TargetStatus::Exceeded,
        Equal => return TargetStatus::Met,
        Less if past_deadline => return TargetStatus::NotMet,
        Less => {}
    }
    match (terms.direction, terms.accumulation) {
        (Direction::Milestone, _) => TargetStatus::OnTrack,
        (_, Accumulation::Latest) => TargetStatus::AtRisk,
        (_, Accumulation::Sum) => {
            let total = (terms.deadline - terms.start).num_days().max(1);
            let elapsed = (as_of - terms.start).num_days().clamp(0, total);
            // actual < plan × elapsed / total, compared without division
            let behind = i128::from(actual) * i128::from(total) < i128::from(terms.plan) * i128::from(elapsed);
            if behind {
                TargetStatus::AtRisk
            } else {
                TargetStatus::OnTrack
            }
        }
    }
}

/// One report of a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    pub period: Period,
    pub value: Hundredths,
}

/// The actual on `as_of` from the reports of periods begun by then: their sum, or the newest.
pub fn actual_as_of(accumulation: Accumulation, year: i32, reports: &[Report], as_of: NaiveDate) -> Option<Hundredths> {
    let mut counted = reports.iter().filter(|r| r.period.start(year) <= as_of).peekable();
    counted.peek()?;
    Some(match accumulation {
        Accumulation::Sum => counted.map(|r| r.value).sum(),
        Accumulation::Latest => counted.max_by_key(|r| (r.period.end(year), r.period.kind() == "month")).map(|r| r.value)?,
    })
}

/// What is wrong with splitting a target into parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CascadeProblem {
    MeasureMismatch {
        parent: String,
        part: String,
    },
    DirectionMismatch,
    /// The parts of a summed target plan more than the target itself.
    OverAllocated {
        plan: Hundredths,
        allocated: Hundredths,
    },
}

impl CascadeProblem {
    pub fn code(&self) -> &'static str {
        match self {
            CascadeProblem::MeasureMismatch { .. } => "target.measure_mismatch",
            CascadeProblem::DirectionMismatch => "target.direction_mismatch",
            CascadeProblem::OverAllocated { .. } => "target.over_allocated",
        }
    }

    pub fn message(&self, lang: crate::Lang) -> String {
        use crate::numbers::format_hundredths as n;
        match self {
            CascadeProblem::MeasureMismatch { parent, part } => match lang {
                crate::Lang::Vi => format!("Đơn vị tính \"{part}\" khác với chỉ tiêu cấp trên (\"{parent}\"). Hãy dùng cùng đơn vị tính."),
                crate::Lang::En => {
                    format!("The unit of measure \"{part}\" differs from the parent target's (\"{parent}\"). Use the same unit.")
                }
            },
            CascadeProblem::DirectionMismatch => {
                lang.pick("Chiều đánh giá khác với chỉ tiêu cấp trên.", "The direction differs from the parent target's.").into()
            }
            CascadeProblem::OverAllocated { plan, allocated } => match lang {
                crate::Lang::Vi => format!(
                    "Tổng kế hoạch giao xuống ({}) vượt kế hoạch của chỉ tiêu cấp trên ({}). Hãy giảm phần giao cho các đơn vị, cá nhân.",
                    n(*allocated, 2),
                    n(*plan, 2)
                ),
                crate::Lang::En => format!(
                    "The parts plan {} in total, more than the parent target's plan of {}. Reduce the shares.",
                    n(*allocated, 2),
                    n(*plan, 2)
                ),
            },
        }
    }
}

/// The part of a target that a cascade check needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share<'a> {
    pub measure: &'a str,
    pub direction: Direction,
    pub accumulation: Accumulation,
    pub plan: Hundredths,
}

/// Checks the parts of `parent` (its split among cadres or sub-units). Parts must share the measure and the
/// direction; for a summed target their plans may not add up to more than the parent's (less is allowed: the
/// rest stays with the unit). A level (rate) is not split by summing: each part carries its own level.
pub fn check_cascade(parent: &Share<'_>, parts: &[Share<'_>]) -> Vec<CascadeProblem> {
    let mut problems = Vec::new();
    for part in parts {
        if !same_measure(parent.measure, part.measure) {
            problems.push(CascadeProblem::MeasureMismatch { parent: parent.measure.into(), part: part.measure.into() });
        } else if part.direction != parent.direction {
            problems.push(CascadeProblem::DirectionMismatch);
        }
    }
    if problems.is_empty() && parent.accumulation == Accumulation::Sum && parent.direction == Direction::Higher {
        let allocated: Hundredths = parts.iter().map(|p| p.plan).sum();
        if allocated > parent.plan {
            problems.push(CascadeProblem::OverAllocated { plan: parent.plan, allocated });
        }
    }
    problems
}

/// Weighted mean of completions, rounded half up; None when there is nothing to weigh.
pub fn weighted_completion(items: &[(Hundredths, Basis)]) -> Option<Basis> {
    let total_weight: i128 = items.iter().map(|(w, _)| i128::from((*w).max(0))).sum();
    if total_weight == 0 {
        return None;
    }
    let weighted: i128 = items.iter().map(|(w, c)| i128::from((*w).max(0)) * i128::from((*c).max(0))).sum();
    Some(div_round(weighted, total_weight))
}

/// Competition ranks ("1, 2, 2, 4") for values already sorted best first: equal completions share a rank.
pub fn competition_ranks(sorted_best_first: &[Basis]) -> Vec<usize> {
    let mut ranks = Vec::with_capacity(sorted_best_first.len());
    for (i, value) in sorted_best_first.iter().enumerate() {
        let rank = if i > 0 && sorted_best_first[i - 1] == *value { ranks[i - 1] } else { i + 1 };
        ranks.push(rank);
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn terms(direction: Direction, plan: Hundredths) -> TargetTerms {
        TargetTerms {
            direction,
            accumulation: direction.default_accumulation(if direction == Direction::Higher { "người" } else { "%" }),
            plan,
            start: date(2021, 1, 1),
            deadline: date(2021, 12, 31),
        }
    }

    const CAP: Basis = 20_000;

    #[test]
    fn vinh_phuc_admissions_are_105_percent_and_exceeded() {
        // Seed 002: 2.100 party members admitted against a target of 2.000.
        let t = terms(Direction::Higher, 200_000);
        assert_eq!(completion(&t, 210_000, CAP), 10_500);
        assert_eq!(status(&t, Some(210_000), date(2021, 12, 31)), TargetStatus::Exceeded);
        assert_eq!(status(&t, Some(200_000), date(2021, 12, 31)), TargetStatus::Met);
        assert_eq!(status(&t, Some(199_999), date(2021, 12, 31)), TargetStatus::NotMet);
    }

    #[test]
    fn lower_is_better_divides_plan_by_actual() {
        // Poverty rate planned at 2 %, reached 1,6 %: 125 %.
        let t = terms(Direction::Lower, 200);
        assert_eq!(completion(&t, 160, CAP), 12_500);
        assert_eq!(completion(&t, 250, CAP), 8_000);
        assert_eq!(completion(&t, 0, CAP), CAP);
        assert_eq!(status(&t, Some(160), date(2021, 12, 31)), TargetStatus::Exceeded);
        assert_eq!(status(&t, Some(250), date(2021, 6, 30)), TargetStatus::AtRisk);
        let zero_plan = terms(Direction::Lower, 0);
        assert_eq!(completion(&zero_plan, 0, CAP), FULL);
        assert_eq!(completion(&zero_plan, 100, CAP), 0);
    }

    #[test]
    fn milestones_are_all_or_nothing() {
        let t = terms(Direction::Milestone, 100);
        assert_eq!(completion(&t, 100, CAP), FULL);
        assert_eq!(completion(&t, 0, CAP), 0);
        assert_eq!(status(&t, Some(0), date(2021, 6, 1)), TargetStatus::OnTrack);
        assert_eq!(status(&t, Some(0), date(2021, 12, 31)), TargetStatus::NotMet);
        assert_eq!(status(&t, Some(100), date(2021, 6, 1)), TargetStatus::Met);
        assert_eq!(t.check_actual(50), Err(TargetProblem::MilestoneNotYesNo));
    }

    #[test]
    fn bad_terms_are_refused() {
        assert_eq!(terms(Direction::Higher, 0).check(), Err(TargetProblem::ZeroPlan));
        assert_eq!(terms(Direction::Lower, -5).check(), Err(TargetProblem::NegativePlan));
        assert!(terms(Direction::Lower, 0).check().is_ok());
        assert_eq!(terms(Direction::Higher, 100).check_actual(-1), Err(TargetProblem::NegativeActual));
        let mut backwards = terms(Direction::Higher, 100);
        backwards.deadline = backwards.start;
        assert_eq!(backwards.check(), Err(TargetProblem::DeadlineBeforeStart));
    }

    #[test]
    fn a_summed_target_behind_the_straight_line_is_at_risk() {
        let t = terms(Direction::Higher, 120_000); // 1.200 over the year
                                                   // At the end of June about half the year has passed: 600 is on the line, 500 is behind it.
        assert_eq!(status(&t, Some(60_000), date(2021, 6, 30)), TargetStatus::OnTrack);
        assert_eq!(status(&t, Some(50_000), date(2021, 6, 30)), TargetStatus::AtRisk);
        assert_eq!(status(&t, None, date(2021, 6, 30)), TargetStatus::NoData);
        assert_eq!(status(&t, None, date(2022, 1, 1)), TargetStatus::NotMet);
    }

    #[test]
    fn actual_counts_only_periods_begun() {
        let reports = [
            Report { period: Period::Month(1), value: 100 },
            Report { period: Period::Month(2), value: 200 },
            Report { period: Period::Month(3), value: 300 },
        ];
        assert_eq!(actual_as_of(Accumulation::Sum, 2021, &reports, date(2021, 2, 28)), Some(300));
        assert_eq!(actual_as_of(Accumulation::Latest, 2021, &reports, date(2021, 2, 28)), Some(200));
        assert_eq!(actual_as_of(Accumulation::Sum, 2021, &reports, date(2021, 1, 30)), Some(100));
        assert_eq!(actual_as_of(Accumulation::Sum, 2021, &reports, date(2020, 12, 31)), None);
        assert_eq!(actual_as_of(Accumulation::Sum, 2021, &reports, date(2021, 12, 31)), Some(600));
    }

    #[test]
    fn periods_read_from_sheets() {
        assert_eq!(Period::parse("T3", 2025), Some(Period::Month(3)));
        assert_eq!(Period::parse("Tháng 12", 2025), Some(Period::Month(12)));
        assert_eq!(Period::parse("3", 2025), Some(Period::Month(3)));
        assert_eq!(Period::parse("03/2025", 2025), Some(Period::Month(3)));
        assert_eq!(Period::parse("03/2024", 2025), None);
        assert_eq!(Period::parse("Quý II", 2025), Some(Period::Quarter(2)));
        assert_eq!(Period::parse("Q4", 2025), Some(Period::Quarter(4)));
        assert_eq!(Period::parse("T13", 2025), None);
        assert_eq!(Period::parse("Q5", 2025), None);
        assert_eq!(Period::parse("năm", 2025), None);
        assert_eq!(Period::Month(2).end(2024), date(2024, 2, 29));
        assert_eq!(Period::Quarter(4).end(2025), date(2025, 12, 31));
        assert_eq!(Period::Quarter(2).start(2025), date(2025, 4, 1));
    }

    #[test]
    fn rates_take_the_latest_report_and_counts_are_summed() {
        assert_eq!(Direction::Higher.default_accumulation("đảng viên"), Accumulation::Sum);
        assert_eq!(Direction::Higher.default_accumulation("%"), Accumulation::Latest);
        assert_eq!(Direction::Higher.default_accumulation("Tỷ lệ (%)"), Accumulation::Latest);
        assert_eq!(Direction::Lower.default_accumulation("vụ"), Accumulation::Latest);
    }

    #[test]
    fn directions_read_from_sheets() {
        assert_eq!(Direction::parse("Càng cao càng tốt"), Some(Direction::Higher));
        assert_eq!(Direction::parse("giảm"), Some(Direction::Lower));
        assert_eq!(Direction::parse("Mốc hoàn thành"), Some(Direction::Milestone));
        assert_eq!(Direction::parse("lower is better"), Some(Direction::Lower));
        assert_eq!(Direction::parse("ngang"), None);
        assert_eq!(Accumulation::parse("Cộng dồn"), Some(Accumulation::Sum));
        assert_eq!(Accumulation::parse("số mới nhất"), Some(Accumulation::Latest));
    }

    #[test]
    fn cascade_checks_measure_and_over_allocation() {
        let parent = Share { measure: "Đảng viên", direction: Direction::Higher, accumulation: Accumulation::Sum, plan: 200_000 };
        let part = |measure, plan| Share { measure, direction: Direction::Higher, accumulation: Accumulation::Sum, plan };
        assert!(check_cascade(&parent, &[part("đảng viên", 100_000), part("Đảng viên", 100_000)]).is_empty());
        assert!(check_cascade(&parent, &[part("Đảng viên", 50_000)]).is_empty(), "under-allocation is allowed");
        assert_eq!(
            check_cascade(&parent, &[part("Đảng viên", 150_000), part("Đảng viên", 60_000)]),
            vec![CascadeProblem::OverAllocated { plan: 200_000, allocated: 210_000 }]
        );
        assert_eq!(check_cascade(&parent, &[part("hộ", 1)])[0].code(), "target.measure_mismatch");
    }

    #[test]
    fn weighted_completion_and_ranks() {
        assert_eq!(weighted_completion(&[(100, 10_000), (300, 12_000)]), Some(11_500));
        assert_eq!(weighted_completion(&[]), None);
        assert_eq!(competition_ranks(&[11_500, 10_900, 10_900, 9_000]), vec![1, 2, 2, 4]);
    }

    proptest! {
        #[test]
        fn whatever_a_sheet_holds_reading_it_never_panics(text in any::<String>(), year in 1900i32..2200) {
            let _ = Period::parse(&text, year);
            let _ = Direction::parse(&text);
            let _ = Accumulation::parse(&text);
            let _ = crate::quantity::parse_quantity(&text);
        }

        #[test]
        fn completion_is_monotone_in_the_actual(plan in 1i64..10_000_000, a in 0i64..20_000_000, b in 0i64..20_000_000) {
            let higher = terms(Direction::Higher, plan);
            let lower = terms(Direction::Lower, plan);
            let (small, large) = (a.min(b), a.max(b));
            prop_assert!(completion(&higher, small, CAP) <= completion(&higher, large, CAP));
            prop_assert!(completion(&lower, small, CAP) >= completion(&lower, large, CAP));
        }

        #[test]
        fn status_agrees_with_completion_at_the_deadline(plan in 1i64..10_000_000, actual in 0i64..20_000_000) {
            let t = terms(Direction::Higher, plan);
            let s = status(&t, Some(actual), t.deadline);
            prop_assert_eq!(s == TargetStatus::Exceeded, actual > plan);
            prop_assert_eq!(s == TargetStatus::Met, actual == plan);
            prop_assert_eq!(s == TargetStatus::NotMet, actual < plan);
        }

        #[test]
        fn weighted_completion_lies_between_the_extremes(items in proptest::collection::vec((1i64..1000, 0i64..20_000), 1..20)) {
            let mean = weighted_completion(&items).unwrap();
            let min = items.iter().map(|i| i.1).min().unwrap();
            let max = items.iter().map(|i| i.1).max().unwrap();
            prop_assert!(min <= mean && mean <= max);
        }
    }
}
