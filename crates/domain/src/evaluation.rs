//! Classification (DOMAIN.md rules 5–8): the level a person's or a collective's year earns from its points and
//! conditions, explained in words; the quota per equivalent-position group; the head tied to the collective;
//! the order in which levels may be decided. Points are exact hundredths: 89,995 is not 90.

use crate::numbers::format_hundredths;
use crate::ruleset::{EvaluationRules, QuotaKind, QuotaRules};
use crate::Lang;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The four levels of Party and State rules, and "not rated" (worked under six months).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Excellent,
    Good,
    Completed,
    NotCompleted,
    NotRated,
}

impl Level {
    pub const RATED: [Level; 4] = [Level::Excellent, Level::Good, Level::Completed, Level::NotCompleted];

    pub fn code(self) -> &'static str {
        match self {
            Level::Excellent => "excellent",
            Level::Good => "good",
            Level::Completed => "completed",
            Level::NotCompleted => "not_completed",
            Level::NotRated => "not_rated",
        }
    }

    pub fn from_code(code: &str) -> Option<Level> {
        Level::RATED.into_iter().chain([Level::NotRated]).find(|l| l.code() == code)
    }

    /// Higher is better; "not rated" is below everything for ordering but never compared in rules.
    pub fn rank(self) -> u8 {
        match self {
            Level::Excellent => 4,
            Level::Good => 3,
            Level::Completed => 2,
            Level::NotCompleted => 1,
            Level::NotRated => 0,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Level::Excellent => lang.pick("Hoàn thành xuất sắc nhiệm vụ", "Excellent"),
            Level::Good => lang.pick("Hoàn thành tốt nhiệm vụ", "Good"),
            Level::Completed => lang.pick("Hoàn thành nhiệm vụ", "Completed"),
            Level::NotCompleted => lang.pick("Không hoàn thành nhiệm vụ", "Not completed"),
            Level::NotRated => lang.pick("Không xếp loại", "Not rated"),
        }
    }

    /// The lower of two levels.
    pub fn min(self, other: Level) -> Level {
        if other.rank() < self.rank() {
            other
        } else {
            self
        }
    }
}

/// Discipline received in the year (Party and State forms, lightest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Discipline {
    /// Khiển trách
    Reprimand,
    /// Cảnh cáo
    Warning,
    /// Cách chức, giáng chức, khai trừ …
    Dismissal,
}

impl Discipline {
    pub fn code(self) -> &'static str {
        match self {
            Discipline::Reprimand => "reprimand",
            Discipline::Warning => "warning",
            Discipline::Dismissal => "dismissal",
        }
    }

    pub fn from_code(code: &str) -> Option<Discipline> {
        [Discipline::Reprimand, Discipline::Warning, Discipline::Dismissal].into_iter().find(|d| d.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Discipline::Reprimand => lang.pick("khiển trách", "reprimand"),
            Discipline::Warning => lang.pick("cảnh cáo", "warning"),
            Discipline::Dismissal => lang.pick("cách chức trở lên", "dismissal or heavier"),
        }
    }
}

/// Tasks of the year as the conditions count them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TaskCounts {
    pub total: u32,
    /// Done (target met or exceeded, product delivered, breakthrough task completed).
    pub done: u32,
    /// Done beyond what was required.
    pub exceeding: u32,
    /// Delivered after the deadline (a product with delays).
    pub late: u32,
}

/// Everything the year's level depends on, for one person or one collective.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct YearFacts {
    /// The year's points in hundredths of a point, of 100.
    #[ts(type = "number")]
    pub points: i64,
    pub tasks: TaskCounts,
    pub months_worked: u32,
    pub months_absent: u32,
    pub discipline: Option<Discipline>,
    /// Holds a leading post (head or deputy): the leader's conditions apply.
    pub is_leader: bool,
    /// The collective (a unit) rather than a person.
    pub is_collective: bool,
    /// Share of the unit's planned tasks completed, in hundredths of a percent (leaders and collectives).
    #[ts(type = "number | null")]
    pub unit_completion: Option<i64>,
    pub subunits: u32,
    pub subunits_not_completed: u32,
    /// Share of "low confidence" ballots, hundredths of a percent, when a vote was held.
    #[ts(type = "number | null")]
    pub low_confidence: Option<i64>,
    pub shortcomings_fixed: bool,
    /// For a collective: a member or sub-unit was disciplined in the year.
    pub member_disciplined: bool,
    /// The unit's targets and tasks not completed, in words ("1.1 Kết nạp đảng viên mới: 92,50 %"), so that a level a
    /// rule forces against the points names what caused it.
    #[serde(default)]
    pub unfinished: Vec<String>,
}

/// One step of the explanation of a level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// No period of the year was assessed: nothing to rate yet.
    NoAssessments,
    /// A collective none of whose targets has a result reported yet: its completion is unknown, not zero, so it is
    /// not rated until results are reported, as a person with no period assessed is not (interpretation, unconfirmed:
    /// a collective is rated by the results of its tasks, and missing results are not failed ones).
    NoTargetResults {
        targets: u32,
    },
    /// Periods worked and over that were not appraised: the year is not proposed until they are (rule set:
    /// missing_period = block).
    MissingPeriods {
        periods: Vec<crate::targets::Period>,
    },
    /// Under the months worked needed to be rated.
    TooFewMonths {
        months: u32,
        min: u32,
    },
    /// The band the points fall in.
    Band {
        #[ts(type = "number")]
        points: i64,
        level: Level,
    },
    Disciplined {
        discipline: Discipline,
    },
    UnitBelowCompletion {
        #[ts(type = "number")]
        completion: i64,
        min_percent: i64,
        /// What was not completed (at most a few, in words).
        #[serde(default)]
        unfinished: Vec<String>,
    },
    SubunitsNotCompleted {
        not_completed: u32,
        of: u32,
        max_percent: i64,
    },
    LowConfidence {
        #[ts(type = "number")]
        share: i64,
        max_percent: i64,
    },
    TasksNotCompleted {
        not_done: u32,
        of: u32,
        max_percent: i64,
    },
    /// Excellent needs products or tasks to show (rule set: excellent_requires_tasks).
    NoTasks,
    /// Excellent includes Good's condition: every task on time.
    ExcellentLate {
        late: u32,
        of: u32,
    },
    /// Excellent needs every task done.
    NotAllTasksDone {
        done: u32,
        of: u32,
    },
    TooFewExceeding {
        exceeding: u32,
        of: u32,
        min_percent: i64,
    },
    ShortcomingsOpen,
    MemberDisciplined,
    /// Good needs every task on time.
    LateTasks {
        late: u32,
        of: u32,
    },
    TooManyLate {
        late: u32,
        of: u32,
        max_percent: i64,
    },
    /// Absent between 3 and 6 months: at most Completed (NĐ 48/2023).
    Absent {
        months: u32,
    },
    /// Every condition of the level holds.
    ConditionsMet {
        level: Level,
    },
    /// The quota of the group moved this Excellent proposal to Good.
    QuotaMoved {
        ceiling: u32,
        base: u32,
        percent: i64,
    },
    /// The quota kept this proposal, within the ceiling.
    QuotaKept {
        ceiling: u32,
        base: u32,
        percent: i64,
    },
    /// Equal points at the quota's edge: the committee must decide the order (a person or a collective).
    QuotaTie,
    /// Equal points at the quota's edge, settled by the committee's order (1 = first to keep Excellent).
    QuotaTieOrdered {
        rank: u32,
    },
    /// The head may not be rated above the collective.
    CappedByCollective {
        collective: Level,
    },
}

fn pct(hundredths: i64) -> String {
    format!("{} %", crate::numbers::format_quantity(hundredths))
}

fn share(part: u32, of: u32) -> String {
    if of == 0 {
        "0 %".into()
    } else {
        pct(i64::from(part) * 10_000 / i64::from(of))
    }
}

impl Reason {
    /// The reason in words, as the window, the CLI and the minutes show it.
    pub fn message(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            Reason::NoAssessments if vi => "Chưa có kết quả đánh giá kỳ nào trong năm: chưa xếp loại.".into(),
            Reason::NoAssessments => "No period of the year was assessed: not rated yet.".into(),
            Reason::NoTargetResults { targets } if vi => {
                format!("Chưa có kết quả thực hiện của chỉ tiêu nào ({targets} chỉ tiêu được giao): chưa xếp loại tập thể.")
            }
            Reason::NoTargetResults { targets } => {
                format!("No result has been reported for any of its {targets} targets: the collective is not rated yet.")
            }
            Reason::MissingPeriods { periods } => {
                let names: Vec<String> = periods.iter().map(|p| p.label(lang)).collect();
                if vi {
                    format!("Chưa đánh giá kỳ: {}. Chưa đề xuất mức của năm cho đến khi các kỳ này được đánh giá.", names.join(", "))
                } else {
                    format!("Periods not appraised: {}. The year is not proposed until they are.", names.join(", "))
                }
            }
            Reason::TooFewMonths { months, min } if vi => format!("Công tác {months} tháng trong năm, dưới {min} tháng: không xếp loại."),
            Reason::TooFewMonths { months, min } => format!("Worked {months} months of the year, under {min}: not rated."),
            Reason::Band { points, level } if vi => {
                format!("Đạt {} điểm: thuộc khung \"{}\".", format_hundredths(*points, 2), level.label(lang))
            }
            Reason::Band { points, level } => format!("{} points: in the \"{}\" band.", format_hundredths(*points, 2), level.label(lang)),
            Reason::Disciplined { discipline } if vi => {
                format!("Bị kỷ luật {} trong năm: không hoàn thành nhiệm vụ.", discipline.label(lang))
            }
            Reason::Disciplined { discipline } => format!("Disciplined ({}) in the year: not completed.", discipline.label(lang)),
            Reason::UnitBelowCompletion { completion, min_percent, unfinished } if vi => {
                let named = if unfinished.is_empty() { String::new() } else { format!(" Chưa hoàn thành: {}.", unfinished.join("; ")) };
                format!(
                    "Đơn vị chỉ hoàn thành {} nhiệm vụ kế hoạch (dưới {min_percent} %): không hoàn thành nhiệm vụ.{named}",
                    pct(*completion)
                )
            }
            Reason::UnitBelowCompletion { completion, min_percent, unfinished } => {
                let named = if unfinished.is_empty() { String::new() } else { format!(" Not completed: {}.", unfinished.join("; ")) };
                format!("The unit completed only {} of its planned tasks (under {min_percent} %): not completed.{named}", pct(*completion))
            }
            Reason::SubunitsNotCompleted { not_completed, of, max_percent } if vi => format!(
                "{not_completed}/{of} đơn vị trực thuộc không hoàn thành nhiệm vụ (quá {max_percent} %): không hoàn thành nhiệm vụ."
            ),
            Reason::SubunitsNotCompleted { not_completed, of, max_percent } => {
                format!("{not_completed} of {of} sub-units not completed (over {max_percent} %): not completed.")
            }
            Reason::LowConfidence { share, max_percent } if vi => {
                format!("{} phiếu tín nhiệm thấp (quá {max_percent} %): không hoàn thành nhiệm vụ.", pct(*share))
            }
            Reason::LowConfidence { share, max_percent } => {
                format!("{} low-confidence votes (over {max_percent} %): not completed.", pct(*share))
            }
            Reason::TasksNotCompleted { not_done, of, max_percent } if vi => {
                format!(
                    "{not_done}/{of} nhiệm vụ không hoàn thành ({}, quá {max_percent} %): không hoàn thành nhiệm vụ.",
                    share(*not_done, *of)
                )
            }
            Reason::TasksNotCompleted { not_done, of, max_percent } => {
                format!("{not_done} of {of} tasks not done ({}, over {max_percent} %): not completed.", share(*not_done, *of))
            }
            Reason::NoTasks if vi => "Không có sản phẩm, nhiệm vụ nào trong năm để chứng minh mức Xuất sắc: hạ xuống Tốt.".into(),
            Reason::NoTasks => "No product or task in the year to show for Excellent: lowered to Good.".into(),
            Reason::ExcellentLate { late, of } if vi => {
                format!("Xuất sắc cần mọi nhiệm vụ đúng hạn (như mức Tốt); {late}/{of} nhiệm vụ chậm: hạ xuống Tốt.")
            }
            Reason::ExcellentLate { late, of } => {
                format!("Excellent needs every task on time (as Good does); {late} of {of} late: lowered to Good.")
            }
            Reason::NotAllTasksDone { done, of } if vi => {
                format!("Xuất sắc cần hoàn thành 100 % nhiệm vụ; mới hoàn thành {done}/{of}: hạ xuống Tốt.")
            }
            Reason::NotAllTasksDone { done, of } => format!("Excellent needs every task done; {done} of {of} done: lowered to Good."),
            Reason::TooFewExceeding { exceeding, of, min_percent } if vi => format!(
                "Xuất sắc cần ít nhất {min_percent} % nhiệm vụ vượt yêu cầu; có {exceeding}/{of} ({}): hạ xuống Tốt.",
                share(*exceeding, *of)
            ),
            Reason::TooFewExceeding { exceeding, of, min_percent } => format!(
                "Excellent needs at least {min_percent} % of tasks beyond requirements; {exceeding} of {of} ({}): lowered to Good.",
                share(*exceeding, *of)
            ),
            Reason::ShortcomingsOpen if vi => "Còn hạn chế, khuyết điểm đã chỉ ra chưa khắc phục: không thể Xuất sắc.".into(),
            Reason::ShortcomingsOpen => "Shortcomings pointed out earlier are not fixed: cannot be Excellent.".into(),
            Reason::MemberDisciplined if vi => {
                "Có thành viên hoặc đơn vị trực thuộc bị kỷ luật trong năm: tập thể không thể Xuất sắc.".into()
            }
            Reason::MemberDisciplined => "A member or sub-unit was disciplined in the year: the collective cannot be Excellent.".into(),
            Reason::LateTasks { late, of } if vi => {
                format!("Tốt cần 100 % nhiệm vụ đúng hạn; {late}/{of} nhiệm vụ chậm: hạ xuống Hoàn thành.")
            }
            Reason::LateTasks { late, of } => format!("Good needs every task on time; {late} of {of} late: lowered to Completed."),
            Reason::TooManyLate { late, of, max_percent } if vi => {
                format!("{late}/{of} nhiệm vụ chậm ({}, quá {max_percent} %): không hoàn thành nhiệm vụ.", share(*late, *of))
            }
            Reason::TooManyLate { late, of, max_percent } => {
                format!("{late} of {of} tasks late ({}, over {max_percent} %): not completed.", share(*late, *of))
            }
            Reason::Absent { months } if vi => {
                format!("Nghỉ {months} tháng trong năm (từ 3 đến dưới 6 tháng): cao nhất là Hoàn thành nhiệm vụ.")
            }
            Reason::Absent { months } => format!("Absent {months} months (3 to under 6): at most Completed."),
            Reason::ConditionsMet { level } if vi => format!("Đủ các điều kiện của mức \"{}\".", level.label(lang)),
            Reason::ConditionsMet { level } => format!("Every condition of \"{}\" holds.", level.label(lang)),
            Reason::QuotaMoved { ceiling, base, percent } if vi => format!(
                "Vượt tỷ lệ: nhóm chỉ được {ceiling} Xuất sắc ({percent} % của {base}, làm tròn xuống); điểm thấp hơn nên chuyển xuống Tốt."
            ),
            Reason::QuotaMoved { ceiling, base, percent } => {
                format!("Over the quota: the group may have {ceiling} Excellent ({percent} % of {base}, rounded down); lower points, moved to Good.")
            }
            Reason::QuotaKept { ceiling, base, percent } if vi => {
                format!("Trong tỷ lệ Xuất sắc của nhóm: {ceiling} suất ({percent} % của {base}, làm tròn xuống).")
            }
            Reason::QuotaKept { ceiling, base, percent } => {
                format!("Within the group's Excellent quota: {ceiling} places ({percent} % of {base}, rounded down).")
            }
            Reason::QuotaTie if vi => "Bằng điểm ở ngưỡng tỷ lệ: cấp ủy phải quyết định thứ tự để xác định suất Xuất sắc.".into(),
            Reason::QuotaTie => "Equal points at the quota's edge: the committee must decide the order for the Excellent places.".into(),
            Reason::QuotaTieOrdered { rank } if vi => {
                format!("Bằng điểm ở ngưỡng tỷ lệ: đứng thứ {rank} theo thứ tự cấp ủy quyết định.")
            }
            Reason::QuotaTieOrdered { rank } => format!("Equal points at the quota's edge: placed {rank} in the committee's order."),
            Reason::CappedByCollective { collective } if vi => {
                format!("Người đứng đầu không được xếp cao hơn tập thể (tập thể: \"{}\").", collective.label(lang))
            }
            Reason::CappedByCollective { collective } => {
                format!("The head may not be rated above the collective (\"{}\").", collective.label(lang))
            }
        }
    }
}

/// A proposed level with its explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Proposal {
    pub level: Level,
    pub reasons: Vec<Reason>,
}

/// The band the points fall in (DOMAIN.md rule 5): Excellent ≥ 90, Good 70 to < 90, Completed 50 to < 70.
pub fn band(points: i64, rules: &EvaluationRules) -> Level {
    if points >= rules.excellent_from * 100 {
        Level::Excellent
    } else if points >= rules.good_from * 100 {
        Level::Good
    } else if points >= rules.completed_from * 100 {
        Level::Completed
    } else {
        Level::NotCompleted
    }
}

/// The year's points from its periods' totals: their mean, cut (not rounded) to hundredths, so that a mean of
/// 89,995 stays 89,99 and never reaches the Excellent band by rounding.
pub fn year_points(period_totals: &[i64]) -> Option<i64> {
    let n = i64::try_from(period_totals.len()).ok().filter(|n| *n > 0)?;
    Some(period_totals.iter().sum::<i64>().div_euclid(n))
}

/// `part / of > max_percent %`, exactly.
fn over(part: u32, of: u32, max_percent: i64) -> bool {
    of > 0 && i64::from(part) * 100 > max_percent * i64::from(of)
}

/// The level the year's facts earn (Quy định 366-QĐ/TW; NĐ 90/2020 as amended by NĐ 48/2023), before the quota.
pub fn propose(facts: &YearFacts, rules: &EvaluationRules) -> Proposal {
    let mut reasons = Vec::new();
    if facts.months_worked < rules.min_months_worked {
        reasons.push(Reason::TooFewMonths { months: facts.months_worked, min: rules.min_months_worked });
        return Proposal { level: Level::NotRated, reasons };
    }
    let banded = band(facts.points, rules);
    reasons.push(Reason::Band { points: facts.points, level: banded });
    let tasks = facts.tasks;

    // Conditions that force "not completed" whatever the points.
    let mut forced = Vec::new();
    if let Some(discipline) = facts.discipline.filter(|_| rules.discipline_forces_not_completed) {
        forced.push(Reason::Disciplined { discipline });
    }
    if facts.is_leader || facts.is_collective {
        if let Some(completion) = facts.unit_completion.filter(|c| *c < rules.leader_min_unit_completion_percent * 100) {
            forced.push(Reason::UnitBelowCompletion {
                completion,
                min_percent: rules.leader_min_unit_completion_percent,
                unfinished: facts.unfinished.clone(),
            });
        }
        if over(facts.subunits_not_completed, facts.subunits, rules.leader_max_subunits_not_completed_percent) {
            forced.push(Reason::SubunitsNotCompleted {
                not_completed: facts.subunits_not_completed,
                of: facts.subunits,
                max_percent: rules.leader_max_subunits_not_completed_percent,
            });
        }
        if let Some(share) = facts.low_confidence.filter(|s| *s > rules.max_low_confidence_percent * 100) {
            forced.push(Reason::LowConfidence { share, max_percent: rules.max_low_confidence_percent });
        }
    } else if over(tasks.total - tasks.done.min(tasks.total), tasks.total, rules.nonleader_max_not_completed_percent) {
        forced.push(Reason::TasksNotCompleted {
            not_done: tasks.total - tasks.done.min(tasks.total),
            of: tasks.total,
            max_percent: rules.nonleader_max_not_completed_percent,
        });
    }
    if !forced.is_empty() {
        reasons.extend(forced);
        return Proposal { level: Level::NotCompleted, reasons };
    }

    let mut level = banded;
    // QĐ 366-QĐ/TW Art. 11: each level's conditions include those of the level below, so Excellent also needs every
    // task on time (Good's condition); a late task lowers it step by step below.
    if level == Level::Excellent {
        let mut short = Vec::new();
        if tasks.total == 0 && rules.excellent_requires_tasks {
            short.push(Reason::NoTasks);
        }
        if tasks.late > 0 && rules.good_requires_all_on_time {
            short.push(Reason::ExcellentLate { late: tasks.late, of: tasks.total });
        }
        if tasks.done < tasks.total {
            short.push(Reason::NotAllTasksDone { done: tasks.done, of: tasks.total });
        }
        if tasks.total > 0 && i64::from(tasks.exceeding) * 100 < rules.excellent_min_exceeding_percent * i64::from(tasks.total) {
            short.push(Reason::TooFewExceeding {
                exceeding: tasks.exceeding,
                of: tasks.total,
                min_percent: rules.excellent_min_exceeding_percent,
            });
        }
        if !facts.shortcomings_fixed {
            short.push(Reason::ShortcomingsOpen);
        }
        if facts.is_collective && facts.member_disciplined {
            short.push(Reason::MemberDisciplined);
        }
        if !short.is_empty() {
            reasons.extend(short);
            level = Level::Good;
        }
    }
    if level == Level::Good && rules.good_requires_all_on_time && tasks.late > 0 {
        reasons.push(Reason::LateTasks { late: tasks.late, of: tasks.total });
        level = Level::Completed;
    }
    if level == Level::Completed && over(tasks.late, tasks.total, rules.completed_max_late_percent) {
        reasons.push(Reason::TooManyLate { late: tasks.late, of: tasks.total, max_percent: rules.completed_max_late_percent });
        level = Level::NotCompleted;
    }
    if (rules.absence_cap_from_months..rules.min_months_worked).contains(&facts.months_absent) && level.rank() > Level::Completed.rank() {
        reasons.push(Reason::Absent { months: facts.months_absent });
        level = Level::Completed;
    }
    if level == banded {
        reasons.push(Reason::ConditionsMet { level });
    }
    Proposal { level, reasons }
}

/// The head's level may not pass the collective's (HD 21-HD/BTCTW 2019; carried into 2025 unconfirmed, switchable).
pub fn cap_by_collective(head: Level, collective: Level, rules: &EvaluationRules) -> Option<Level> {
    let capped = head.min(collective);
    (rules.head_not_above_collective && head != Level::NotRated && collective != Level::NotRated && capped != head).then_some(capped)
}

/// One proposal in an equivalent-position group, for the quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotaEntry {
    /// A stable identity (the person's id), so the outcome never depends on the order of the rows.
    pub id: u128,
    pub level: Level,
    pub points: i64,
    /// The committee's explicit order for equal points (1 keeps first); None when not decided.
    pub tie_rank: Option<u32>,
    /// The unit is recognised as outstanding (its quota is higher).
    pub outstanding_unit: bool,
}

/// What the quota did to a group.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuotaOutcome {
    pub base: u32,
    pub ceiling: u32,
    pub percent: i64,
    /// Ids moved from Excellent to Good.
    pub moved: Vec<u128>,
    /// Ids kept at Excellent.
    pub kept: Vec<u128>,
    /// Ids with equal points at the edge and no committee order: the choice among them is the committee's.
    pub tied: Vec<u128>,
    /// Ids with equal points at the edge whose place (kept or moved) the committee's order decided.
    pub ordered: Vec<u128>,
}

/// Applies the Excellent quota to one group (DOMAIN.md rule 6): at most `percent` of the base (everyone rated Good
/// or Excellent; or all rated staff for Hà Nội's scheme), rounded down. The overflow, lowest points first (ties by
/// the committee's order, else flagged), moves to Good.
pub fn apply_quota(entries: &[QuotaEntry], rules: &QuotaRules) -> QuotaOutcome {
    let percent =
        if !entries.is_empty() && entries.iter().all(|e| e.outstanding_unit) { rules.outstanding_unit_percent } else { rules.percent };
    let base = match rules.kind {
        QuotaKind::ShareOfGoodAndExcellent => entries.iter().filter(|e| matches!(e.level, Level::Good | Level::Excellent)).count(),
        QuotaKind::ShareOfStaff => entries.iter().filter(|e| e.level != Level::NotRated).count(),
    } as u32;
    let mut ceiling = (i64::from(base) * percent / 100) as u32;
    // A small group (one to four people) would get no place from the percentage alone (interpretation, unconfirmed).
    if base > 0 && base < rules.small_group_below {
        ceiling = ceiling.max(rules.small_group_places.min(base));
    }
    let mut excellent: Vec<&QuotaEntry> = entries.iter().filter(|e| e.level == Level::Excellent).collect();
    // Best first: points, then the committee's order, then the id (only so that the result is deterministic).
    excellent.sort_by(|a, b| {
        b.points.cmp(&a.points).then(a.tie_rank.unwrap_or(u32::MAX).cmp(&b.tie_rank.unwrap_or(u32::MAX))).then(a.id.cmp(&b.id))
    });
    let keep = (ceiling as usize).min(excellent.len());
    let mut outcome = QuotaOutcome { base, ceiling, percent, ..QuotaOutcome::default() };
    outcome.kept = excellent[..keep].iter().map(|e| e.id).collect();
    outcome.moved = excellent[keep..].iter().map(|e| e.id).collect();
    if keep > 0 && keep < excellent.len() {
        let (last_kept, first_moved) = (excellent[keep - 1], excellent[keep]);
        let undecided =
            last_kept.points == first_moved.points && (last_kept.tie_rank.is_none() || last_kept.tie_rank == first_moved.tie_rank);
        let at_edge = || excellent.iter().filter(|e| e.points == first_moved.points).map(|e| e.id).collect();
        if undecided {
            outcome.tied = at_edge();
        } else if last_kept.points == first_moved.points {
            outcome.ordered = at_edge();
        }
    }
    outcome
}

/// What must be decided before a level (DOMAIN.md rule 8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum OrderProblem {
    /// A member (or the head) before their collective.
    CollectiveFirst,
    /// A unit before the units below it.
    SubunitsFirst,
}

impl OrderProblem {
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            OrderProblem::CollectiveFirst => lang.pick(
                "Phải quyết định mức xếp loại của tập thể trước khi quyết định cho cá nhân trong tập thể đó.",
                "Decide the collective's level before its members'.",
            ),
            OrderProblem::SubunitsFirst => lang.pick(
                "Phải quyết định xếp loại các đơn vị cấp dưới trước đơn vị cấp trên.",
                "Decide the units below before the unit above.",
            ),
        }
    }
}

/// Whether a level may be decided now: a person after their collective; a collective after the units below it.
pub fn decision_order(is_collective: bool, collective_decided: bool, subunits_undecided: u32) -> Option<OrderProblem> {
    if is_collective {
        (subunits_undecided > 0).then_some(OrderProblem::SubunitsFirst)
    } else {
        (!collective_decided).then_some(OrderProblem::CollectiveFirst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ruleset::RuleSet;
    use proptest::prelude::*;

    fn rules() -> EvaluationRules {
        RuleSet::default_set().evaluation
    }

    fn facts(points: i64) -> YearFacts {
        YearFacts {
            points,
            tasks: TaskCounts { total: 10, done: 10, exceeding: 4, late: 0 },
            months_worked: 12,
            shortcomings_fixed: true,
            ..YearFacts::default()
        }
    }

    #[test]
    fn bands_are_exact_at_their_edges() {
        let r = rules();
        assert_eq!(band(9_000, &r), Level::Excellent);
        assert_eq!(band(8_999, &r), Level::Good, "89,99 is not 90");
        assert_eq!(band(7_000, &r), Level::Good);
        assert_eq!(band(6_999, &r), Level::Completed);
        assert_eq!(band(5_000, &r), Level::Completed);
        assert_eq!(band(4_999, &r), Level::NotCompleted);
    }

    #[test]
    fn the_year_mean_is_cut_not_rounded() {
        // Two periods at 89,99 and 90,00: the mean is 89,995, which is not 90.
        assert_eq!(year_points(&[8_999, 9_000]), Some(8_999));
        assert_eq!(band(year_points(&[8_999, 9_000]).unwrap(), &rules()), Level::Good);
        assert_eq!(year_points(&[9_000, 9_000, 9_001]), Some(9_000));
        assert_eq!(year_points(&[]), None);
    }

    #[test]
    fn excellent_needs_every_condition() {
        let r = rules();
        assert_eq!(propose(&facts(9_500), &r).level, Level::Excellent);
        let few_exceeding = YearFacts { tasks: TaskCounts { total: 10, done: 10, exceeding: 2, late: 0 }, ..facts(9_500) };
        let p = propose(&few_exceeding, &r);
        assert_eq!(p.level, Level::Good);
        assert!(p.reasons.iter().any(|x| matches!(x, Reason::TooFewExceeding { .. })));
        let open = YearFacts { shortcomings_fixed: false, ..facts(9_500) };
        assert_eq!(propose(&open, &r).level, Level::Good);
    }

    #[test]
    fn lateness_counts_at_the_top_too() {
        let r = rules();
        // 95,45 points, all ten products late: Excellent's conditions include Good's (all on time), and ten of ten
        // late is over the 20 % Completed allows.
        let all_late = YearFacts { tasks: TaskCounts { total: 10, done: 10, exceeding: 4, late: 10 }, ..facts(9_545) };
        let p = propose(&all_late, &r);
        assert_eq!(p.level, Level::NotCompleted);
        assert!(p.reasons.iter().any(|x| matches!(x, Reason::ExcellentLate { late: 10, of: 10 })));
        assert_eq!(propose(&YearFacts { points: 8_845, ..all_late.clone() }, &r).level, Level::NotCompleted, "the same at 88,45");
        // One late product of ten: Completed, whatever the points.
        let one_late = YearFacts { tasks: TaskCounts { total: 10, done: 10, exceeding: 4, late: 1 }, ..facts(9_545) };
        assert_eq!(propose(&one_late, &r).level, Level::Completed);
    }

    #[test]
    fn excellent_needs_something_to_show() {
        let r = rules();
        let nothing = YearFacts { tasks: TaskCounts::default(), ..facts(9_800) };
        let p = propose(&nothing, &r);
        assert_eq!(p.level, Level::Good);
        assert!(p.reasons.contains(&Reason::NoTasks));
        assert!(Reason::NoTasks.message(Lang::Vi).contains("Không có sản phẩm"));
        let allowed = EvaluationRules { excellent_requires_tasks: false, ..r };
        assert_eq!(propose(&nothing, &allowed).level, Level::Excellent);
    }

    #[test]
    fn lateness_lowers_good_and_completed() {
        let r = rules();
        let one_late = YearFacts { tasks: TaskCounts { total: 10, done: 10, exceeding: 0, late: 1 }, ..facts(8_000) };
        assert_eq!(propose(&one_late, &r).level, Level::Completed);
        let three_late = YearFacts { tasks: TaskCounts { total: 10, done: 10, exceeding: 0, late: 3 }, ..facts(8_000) };
        assert_eq!(propose(&three_late, &r).level, Level::NotCompleted, "30 % late is over the 20 % Completed allows");
        let two_late = YearFacts { tasks: TaskCounts { total: 10, done: 10, exceeding: 0, late: 2 }, ..facts(6_000) };
        assert_eq!(propose(&two_late, &r).level, Level::Completed, "20 % late is still Completed");
    }

    #[test]
    fn discipline_and_leaders_conditions_force_not_completed() {
        let r = rules();
        let disciplined = YearFacts { discipline: Some(Discipline::Reprimand), ..facts(9_500) };
        let p = propose(&disciplined, &r);
        assert_eq!(p.level, Level::NotCompleted);
        assert!(p.reasons[1].message(Lang::Vi).contains("khiển trách"));
        let leader = YearFacts { is_leader: true, unit_completion: Some(6_900), ..facts(9_500) };
        assert_eq!(propose(&leader, &r).level, Level::NotCompleted);
        let leader = YearFacts { is_leader: true, subunits: 4, subunits_not_completed: 3, ..facts(9_500) };
        assert_eq!(propose(&leader, &r).level, Level::NotCompleted);
        let leader = YearFacts { is_leader: true, low_confidence: Some(5_100), ..facts(9_500) };
        assert_eq!(propose(&leader, &r).level, Level::NotCompleted);
        let staff = YearFacts { tasks: TaskCounts { total: 10, done: 4, exceeding: 0, late: 0 }, ..facts(9_500) };
        assert_eq!(propose(&staff, &r).level, Level::NotCompleted, "6 of 10 tasks not done");
    }

    #[test]
    fn months_worked_and_absence() {
        let r = rules();
        assert_eq!(propose(&YearFacts { months_worked: 5, ..facts(9_500) }, &r).level, Level::NotRated);
        let absent = YearFacts { months_absent: 4, ..facts(9_500) };
        assert_eq!(propose(&absent, &r).level, Level::Completed);
    }

    #[test]
    fn the_head_is_capped_by_the_collective() {
        let r = rules();
        assert_eq!(cap_by_collective(Level::Excellent, Level::Good, &r), Some(Level::Good));
        assert_eq!(cap_by_collective(Level::Completed, Level::Good, &r), None);
        let off = EvaluationRules { head_not_above_collective: false, ..r };
        assert_eq!(cap_by_collective(Level::Excellent, Level::Good, &off), None);
    }

    fn entry(id: u128, level: Level, points: i64) -> QuotaEntry {
        QuotaEntry { id, level, points, tie_rank: None, outstanding_unit: false }
    }

    #[test]
    fn the_quota_moves_the_lowest_excellent_to_good() {
        let quota = RuleSet::default_set().quota;
        // 10 Good or Excellent: at most 2 Excellent.
        let mut group: Vec<QuotaEntry> = (0..6).map(|i| entry(i, Level::Good, 8_000)).collect();
        group.extend([
            entry(10, Level::Excellent, 9_600),
            entry(11, Level::Excellent, 9_400),
            entry(12, Level::Excellent, 9_200),
            entry(13, Level::Excellent, 9_100),
        ]);
        let outcome = apply_quota(&group, &quota);
        assert_eq!((outcome.base, outcome.ceiling), (10, 2));
        assert_eq!(outcome.kept, vec![10, 11]);
        assert_eq!(outcome.moved, vec![12, 13]);
        assert!(outcome.tied.is_empty());
    }

    #[test]
    fn hanoi_counts_grade_a_against_everyone_rated_and_more_in_an_outstanding_unit() {
        let quota = RuleSet::by_code("hanoi-qd3814-2018").unwrap().quota;
        // 12 rated (8 Excellent by points, 2 Completed, 2 Not completed): 30 % of 12 = 3 keep A; the Completed and
        // Not completed count in the base, unlike under QĐ 366.
        let mut group: Vec<QuotaEntry> = (0..8).map(|i| entry(i, Level::Excellent, 9_000 + i as i64 * 10)).collect();
        group.extend([entry(20, Level::Completed, 6_000), entry(21, Level::Completed, 6_000)]);
        group.extend([entry(22, Level::NotCompleted, 4_000), entry(23, Level::NotCompleted, 4_000), entry(24, Level::NotRated, 0)]);
        let outcome = apply_quota(&group, &quota);
        assert_eq!((outcome.base, outcome.ceiling), (12, 3));
        assert_eq!(outcome.kept, vec![7, 6, 5]);
        // An outstanding unit: 40 % of 12 = 4.
        let outstanding: Vec<QuotaEntry> = group.iter().map(|e| QuotaEntry { outstanding_unit: true, ..*e }).collect();
        assert_eq!(apply_quota(&outstanding, &quota).ceiling, 4);
    }

    #[test]
    fn a_small_group_keeps_the_places_the_rule_set_gives_it() {
        let quota = RuleSet::default_set().quota;
        assert_eq!((quota.small_group_below, quota.small_group_places), (5, 1));
        // Three people, all Excellent by their own conditions: 20 % of 3 is 0, the small-group rule gives one.
        let group = [entry(1, Level::Excellent, 9_500), entry(2, Level::Excellent, 9_300), entry(3, Level::Good, 8_000)];
        let outcome = apply_quota(&group, &quota);
        assert_eq!((outcome.base, outcome.ceiling, outcome.kept.clone(), outcome.moved.clone()), (3, 1, vec![1], vec![2]));
        let none = QuotaRules { small_group_below: 0, ..quota };
        assert_eq!(apply_quota(&group, &none).ceiling, 0);
    }

    #[test]
    fn equal_points_at_the_edge_are_flagged_unless_the_committee_ordered_them() {
        let quota = RuleSet::default_set().quota;
        let mut group: Vec<QuotaEntry> = (0..8).map(|i| entry(i, Level::Good, 8_000)).collect();
        group.extend([entry(20, Level::Excellent, 9_300), entry(21, Level::Excellent, 9_300)]);
        let outcome = apply_quota(&group, &quota);
        assert_eq!(outcome.ceiling, 2);
        assert!(outcome.moved.is_empty(), "two places for two");
        group.push(entry(22, Level::Excellent, 9_300));
        let outcome = apply_quota(&group, &quota);
        assert_eq!((outcome.ceiling, outcome.moved.len()), (2, 1));
        assert_eq!(outcome.tied.len(), 3);
        group[10].tie_rank = Some(1);
        group[9].tie_rank = Some(2);
        let outcome = apply_quota(&group, &quota);
        assert_eq!(outcome.moved, vec![20]);
        assert!(outcome.tied.is_empty());
        // Everyone at the edge had their place settled by the order (the minutes name them).
        let mut ordered = outcome.ordered.clone();
        ordered.sort();
        assert_eq!(ordered, vec![20, 21, 22]);
        assert!(apply_quota(&group[..10], &quota).ordered.is_empty(), "no tie, no order needed");
    }

    #[test]
    fn decisions_follow_the_order() {
        assert_eq!(decision_order(false, false, 0), Some(OrderProblem::CollectiveFirst));
        assert_eq!(decision_order(false, true, 0), None);
        assert_eq!(decision_order(true, false, 2), Some(OrderProblem::SubunitsFirst));
        assert_eq!(decision_order(true, false, 0), None);
    }

    fn level_strategy() -> impl Strategy<Value = Level> {
        prop_oneof![Just(Level::Excellent), Just(Level::Good), Just(Level::Completed), Just(Level::NotCompleted), Just(Level::NotRated)]
    }

    proptest! {
        #[test]
        fn the_quota_is_never_exceeded_and_ignores_row_order(
            rows in proptest::collection::vec((level_strategy(), 5_000i64..10_000), 0..60),
            seed in any::<u64>(),
        ) {
            let quota = RuleSet::default_set().quota;
            let entries: Vec<QuotaEntry> = rows.iter().enumerate().map(|(i, (l, p))| entry(i as u128, *l, *p)).collect();
            let outcome = apply_quota(&entries, &quota);
            prop_assert!(outcome.kept.len() as u32 <= outcome.ceiling);
            prop_assert_eq!(outcome.kept.len() + outcome.moved.len(), entries.iter().filter(|e| e.level == Level::Excellent).count());
            // Shuffle deterministically and compare.
            let mut shuffled = entries.clone();
            let n = shuffled.len();
            for i in 0..n {
                let j = ((seed as usize).wrapping_mul(31).wrapping_add(i * 17)) % n.max(1);
                shuffled.swap(i, j);
            }
            let again = apply_quota(&shuffled, &quota);
            prop_assert_eq!(outcome, again);
        }

        #[test]
        fn with_the_switch_on_a_head_never_outranks_the_collective(head in level_strategy(), collective in level_strategy()) {
            let r = rules();
            let final_level = cap_by_collective(head, collective, &r).unwrap_or(head);
            if head != Level::NotRated && collective != Level::NotRated {
                prop_assert!(final_level.rank() <= collective.rank());
            }
        }

        #[test]
        fn a_late_task_never_raises_a_level(points in 0i64..=10_000, total in 1u32..30, done_share in 0u32..=100,
                                           exceeding_share in 0u32..=100, late in 0u32..30, leader in any::<bool>()) {
            let r = rules();
            let done = total * done_share / 100;
            let tasks = TaskCounts { total, done, exceeding: done * exceeding_share / 100, late: late.min(total) };
            let f = YearFacts { tasks, is_leader: leader, ..facts(points) };
            let later = YearFacts { tasks: TaskCounts { late: (tasks.late + 1).min(total), ..tasks }, ..f.clone() };
            prop_assert!(propose(&later, &r).level.rank() <= propose(&f, &r).level.rank());
        }

        #[test]
        fn a_level_s_conditions_include_the_lower_levels(points in 9_000i64..=10_000, total in 0u32..30, done_share in 0u32..=100,
                                                          exceeding_share in 0u32..=100, late in 0u32..30) {
            // Whatever keeps a year from Excellent or lets it through, the same facts with points in a lower band
            // land exactly in that band or lower, never higher.
            let r = rules();
            let done = total * done_share / 100;
            let tasks = TaskCounts { total, done, exceeding: done * exceeding_share / 100, late: late.min(total) };
            let f = YearFacts { tasks, ..facts(points) };
            let top = propose(&f, &r).level;
            for (lower_points, band_level) in [(8_000, Level::Good), (6_000, Level::Completed)] {
                let lower = propose(&YearFacts { points: lower_points, ..f.clone() }, &r).level;
                prop_assert!(lower.rank() <= band_level.rank());
                if top == Level::Excellent {
                    prop_assert_eq!(lower, band_level, "an Excellent year's facts meet every lower level's conditions");
                }
            }
        }

        #[test]
        fn the_same_facts_give_the_same_level_and_points_decide_monotonely(points in 0i64..10_000, late in 0u32..5, done in 0u32..=10) {
            let r = rules();
            let f = YearFacts { tasks: TaskCounts { total: 10, done, exceeding: 3, late }, ..facts(points) };
            prop_assert_eq!(propose(&f, &r), propose(&f, &r));
            let better = YearFacts { points: (points + 500).min(10_000), ..f.clone() };
            prop_assert!(propose(&better, &r).level.rank() >= propose(&f, &r).level.rank());
        }
    }
}
