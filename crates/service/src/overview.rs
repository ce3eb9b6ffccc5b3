//! The year at a glance (issue 17): a unit's targets by status in each task group, how its people and collectives
//! are proposed and decided, the products planned and appraised each month, the attention list's count, and the
//! units directly below side by side. Everything is counted from what the targets list, the classification and the
//! products already say, so the overview never disagrees with the screens it sums up.

use crate::auth::{Permission, Session};
use crate::error::Result;
use crate::evaluation::rules::RuleChoice;
use crate::evaluation::scores::ScoreBook;
use crate::exchange::CompletenessLine;
use crate::office::Office;
use crate::unit_tree::UnitTree;
use crate::work::{judging_day, TargetFilter, TargetLine};
use chrono::{Datelike, NaiveDate};
use domain::evaluation::Level;
use domain::scoring::PeriodOutcome;
use domain::statistics::{percent_hundredths, Share};
use domain::targets::{Period, TargetStatus};
use domain::Lang;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use ts_rs::TS;
use uuid::Uuid;

/// Target statuses in the order a chart stacks them, best first.
pub const STATUS_ORDER: [TargetStatus; 6] =
    [TargetStatus::Exceeded, TargetStatus::Met, TargetStatus::OnTrack, TargetStatus::AtRisk, TargetStatus::NotMet, TargetStatus::NoData];

/// Levels in the order a chart shows them, best first, then "not rated".
pub const LEVEL_ORDER: [Level; 5] = [Level::Excellent, Level::Good, Level::Completed, Level::NotCompleted, Level::NotRated];

/// One task group's targets, counted by status (STATUS_ORDER).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct GroupTargets {
    pub group_code: String,
    pub group_name: String,
    pub by_status: Vec<(TargetStatus, u32)>,
    pub total: u32,
}

/// How many are proposed and decided at one level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LevelCount {
    pub level: Level,
    pub proposed: u32,
    pub decided: u32,
}

/// The products of one month: planned, and of those appraised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MonthProducts {
    pub month: u8,
    pub planned: u32,
    pub appraised: u32,
}

/// One period's points: how many people were scored in it and their mean total (points of 100 in hundredths, cut),
/// as the periods tab shows each of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PeriodPoints {
    pub period: Period,
    pub label: String,
    pub scored: u32,
    #[ts(type = "number | null")]
    pub mean: Option<i64>,
}

/// A unit directly below, in figures to compare it with the others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct UnitAtAGlance {
    pub unit_code: String,
    pub unit_name: String,
    pub people: u32,
    pub targets: u32,
    /// Targets met or exceeded, of all its targets.
    pub targets_done: Share,
    pub products_appraised: u32,
    /// People proposed at each level (LEVEL_ORDER).
    pub proposed: Vec<(Level, u32)>,
    /// Proposed "Hoàn thành xuất sắc" of the quota's base (the people proposed Good or better, or all rated), to
    /// hundredths.
    #[ts(type = "number | null")]
    pub excellent_share: Option<i64>,
    /// Whether it sent the month of `YearOverview::sending` up ("sent", "missing" or "late"), when its key is
    /// enrolled here (a commune below a province office); None for a unit that sends nothing (an agency of the
    /// commune the office is).
    pub sending: Option<String>,
    /// The day its last bundle was accepted here.
    pub last_received: Option<NaiveDate>,
}

/// Whether the units below sent up the last month ended by the overview's day (the completeness board, EXCHANGE.md),
/// counted over the units that send (their key is enrolled here).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Sending {
    /// "2026-11", as the board names it.
    pub period: String,
    pub month: u8,
    pub sent: u32,
    pub missing: u32,
    pub late: u32,
}

/// The Excellent quota of the office's default rule set, and how the proposals stand against it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct QuotaStanding {
    /// At most this percent ...
    #[ts(type = "number")]
    pub percent: i64,
    /// ... of all the people rated (Hà Nội QĐ 3814) when true, of those rated Good or better (QĐ 366) when false.
    pub of_all_rated: bool,
    /// The people proposed Excellent, as a share of that base, in hundredths of a percent.
    #[ts(type = "number | null")]
    pub proposed: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct YearOverview {
    pub year: i32,
    pub as_of: NaiveDate,
    pub unit_code: String,
    pub unit_name: String,
    pub people: u32,
    pub targets: Vec<GroupTargets>,
    pub targets_total: u32,
    pub targets_done: Share,
    pub people_levels: Vec<LevelCount>,
    pub collective_levels: Vec<LevelCount>,
    pub products: Vec<MonthProducts>,
    /// The periods of the year with someone scored, in order: the trend of the points.
    pub points: Vec<PeriodPoints>,
    pub attention: u32,
    pub quota: QuotaStanding,
    /// None when no unit below sends bundles here, or no month of the year has ended by `as_of`.
    pub sending: Option<Sending>,
    pub below: Vec<UnitAtAGlance>,
}

/// What is counted of one unit below (with the units below it), in one pass over each list.
#[derive(Debug, Clone, Default)]
struct BelowTally {
    people: u32,
    targets: u32,
    targets_done: u32,
    products_appraised: u32,
    levels: Vec<Level>,
}

/// The people proposed Excellent as a share of the quota's base.
fn excellent_share(levels: &[Level], of_all_rated: bool) -> Option<i64> {
    let count = |level: Level| levels.iter().filter(|l| **l == level).count() as u32;
    let base = if of_all_rated {
        levels.iter().filter(|l| **l != Level::NotRated).count() as u32
    } else {
        count(Level::Excellent) + count(Level::Good)
    };
    percent_hundredths(count(Level::Excellent), base)
}

/// The last month of `year` that has ended by `day`: the month `day` closes, else the one before; None in January.
fn last_ended_month(day: NaiveDate) -> Option<u8> {
    let closes_its_month = day.succ_opt().is_none_or(|next| next.month() != day.month());
    let month = if closes_its_month { day.month() } else { day.month() - 1 };
    (month >= 1).then_some(month as u8)
}

pub(crate) fn done(status: TargetStatus) -> bool {
    matches!(status, TargetStatus::Exceeded | TargetStatus::Met)
}

fn level_counts<'a>(levels: impl Iterator<Item = (Level, Option<Level>)> + 'a) -> Vec<LevelCount> {
    let mut proposed: HashMap<Level, u32> = HashMap::new();
    let mut decided: HashMap<Level, u32> = HashMap::new();
    for (p, d) in levels {
        *proposed.entry(p).or_default() += 1;
        if let Some(d) = d {
            *decided.entry(d).or_default() += 1;
        }
    }
    LEVEL_ORDER
        .iter()
        .map(|l| LevelCount { level: *l, proposed: proposed.get(l).copied().unwrap_or(0), decided: decided.get(l).copied().unwrap_or(0) })
        .collect()
}

impl Office {
    /// The year at a glance of `unit_code` (the office's own unit when None) and of each unit directly below it,
    /// figures as of `as_of` (today when None, never past the year's end).
    pub fn year_overview(&self, session: &Session, year: i32, unit_code: Option<&str>, as_of: Option<NaiveDate>) -> Result<YearOverview> {
        session.require(Permission::Read)?;
        let day = judging_day(year, as_of);
        let (tree, roster) = {
            let read = self.store.read();
            (UnitTree::new(read.units()?), read.roster(&[])?)
        };
        let top = tree.unit(unit_code, self.office_record()?.unit_id)?;
        let unit_of: HashMap<Uuid, Uuid> = roster.iter().map(|l| (l.person.meta.id, l.person.unit_id)).collect();

        let filter = TargetFilter { year, unit_code: Some(top.code.clone()), as_of: Some(day) };
        let lines: Vec<TargetLine> = self.targets(session, &filter, Lang::Vi)?;
        let classification = self.classify(session, year, &top.code, Lang::Vi)?;
        let products: Vec<store::ProductFigures> = self.store.read().product_figures_of_year(year)?;
        let attention = self.attention_list(session, year, &top.code, Lang::Vi)?.len() as u32;

        let everything = tree.subtree(top.id);
        let points = {
            let read = self.store.read();
            let choice = RuleChoice::load(read)?;
            let book = ScoreBook::load_for_units(read, year, Office::today(), &choice, Lang::Vi, &everything)?;
            let mut totals: BTreeMap<Period, (String, Vec<i64>)> = BTreeMap::new();
            for line in roster.iter().filter(|l| everything.contains(&l.person.unit_id)) {
                for scored in book.person(line.person.meta.id).map(|s| s.periods.as_slice()).unwrap_or_default() {
                    if let PeriodOutcome::Scored(score) = &scored.outcome {
                        totals.entry(scored.period).or_insert_with(|| (scored.label.clone(), Vec::new())).1.push(score.total);
                    }
                }
            }
            totals
                .into_iter()
                .map(|(period, (label, all))| PeriodPoints {
                    period,
                    label,
                    scored: all.len() as u32,
                    mean: (!all.is_empty()).then(|| all.iter().sum::<i64>().div_euclid(all.len() as i64)),
                })
                .collect()
        };
        let in_scope = |scope: &HashSet<Uuid>, person: Uuid| unit_of.get(&person).is_some_and(|u| scope.contains(u));
        let quota_rules = RuleChoice::load(self.store.read())?.default_set().quota.clone();
        let of_all_rated = matches!(quota_rules.kind, domain::ruleset::QuotaKind::ShareOfStaff);
        let all_levels: Vec<Level> = classification.people.iter().map(|p| p.proposed_level).collect();
        let quota = QuotaStanding { percent: quota_rules.percent, of_all_rated, proposed: excellent_share(&all_levels, of_all_rated) };
        // The board of the last month ended, read once for all the units below.
        let month = last_ended_month(day);
        let board: Vec<CompletenessLine> = match month {
            Some(m) => self.completeness_of(&format!("{year}-{m:02}"))?,
            None => Vec::new(),
        };
        let sending_of = |code: &str| board.iter().find(|l| l.unit_code == code && l.key_enrolled);

        // Targets by task group, groups in the order the targets list gives them.
        let mut groups: Vec<GroupTargets> = Vec::new();
        for line in &lines {
            let at = match groups.iter().position(|g| g.group_code == line.group_code) {
                Some(at) => at,
                None => {
                    groups.push(GroupTargets {
                        group_code: line.group_code.clone(),
                        group_name: line.group_name.clone(),
                        by_status: STATUS_ORDER.iter().map(|s| (*s, 0)).collect(),
                        total: 0,
                    });
                    groups.len() - 1
                }
            };
            let group = &mut groups[at];
            group.total += 1;
            if let Some(slot) = group.by_status.iter_mut().find(|(s, _)| *s == line.status) {
                slot.1 += 1;
            }
        }
        let targets_total = lines.len() as u32;
        let targets_done = Share::new(lines.iter().filter(|l| done(l.status)).count() as u32, targets_total);

        let mut months: Vec<MonthProducts> = (1..=12).map(|month| MonthProducts { month, planned: 0, appraised: 0 }).collect();
        for p in products.iter().filter(|p| in_scope(&everything, p.person_id)) {
            if let Some(Period::Month(m)) = p.period {
                if let Some(slot) = months.get_mut(usize::from(m).saturating_sub(1)) {
                    slot.planned += 1;
                    if p.assessment.is_some() {
                        slot.appraised += 1;
                    }
                }
            }
        }

        // The units below, each figure counted in one pass over its list: which unit below each unit of the tree
        // sits in, then every person, target, level and product added to its unit below (a province has 150
        // communes and 33.000 products; filtering the lists once per commune took seconds).
        let open_below: Vec<&store::UnitListing> = tree.open_below(top.id, day).collect();
        let mut slot_of_unit: HashMap<Uuid, usize> = HashMap::new();
        for (slot, unit) in open_below.iter().enumerate() {
            slot_of_unit.extend(tree.subtree(unit.id).into_iter().map(|id| (id, slot)));
        }
        let slot_of_person = |person: &Uuid| unit_of.get(person).and_then(|u| slot_of_unit.get(u)).copied();
        let mut tallies: Vec<BelowTally> = vec![BelowTally::default(); open_below.len()];
        for line in &roster {
            if let Some(&slot) = slot_of_unit.get(&line.person.unit_id) {
                tallies[slot].people += 1;
            }
        }
        for line in &lines {
            if let Some(&slot) = slot_of_unit.get(&line.unit_id) {
                tallies[slot].targets += 1;
                tallies[slot].targets_done += u32::from(done(line.status));
            }
        }
        for person in &classification.people {
            if let Some(&slot) = slot_of_unit.get(&person.unit_id) {
                tallies[slot].levels.push(person.proposed_level);
            }
        }
        for product in products.iter().filter(|p| p.assessment.is_some()) {
            if let Some(slot) = slot_of_person(&product.person_id) {
                tallies[slot].products_appraised += 1;
            }
        }
        let below = open_below
            .iter()
            .zip(tallies)
            .map(|(unit, tally)| {
                let count = |level: Level| tally.levels.iter().filter(|l| **l == level).count() as u32;
                let sent = sending_of(&unit.code);
                UnitAtAGlance {
                    unit_code: unit.code.clone(),
                    unit_name: unit.name.clone(),
                    people: tally.people,
                    targets: tally.targets,
                    targets_done: Share::new(tally.targets_done, tally.targets),
                    products_appraised: tally.products_appraised,
                    proposed: LEVEL_ORDER.iter().map(|l| (*l, count(*l))).collect(),
                    excellent_share: excellent_share(&tally.levels, of_all_rated),
                    sending: sent.map(|l| l.state.clone()),
                    last_received: sent.and_then(|l| l.last_accepted_at).map(|at| at.date_naive()),
                }
            })
            .collect::<Vec<_>>();
        let sending = month.filter(|_| below.iter().any(|u| u.sending.is_some())).map(|month| {
            let count = |state: &str| below.iter().filter(|u| u.sending.as_deref() == Some(state)).count() as u32;
            Sending { period: format!("{year}-{month:02}"), month, sent: count("sent"), missing: count("missing"), late: count("late") }
        });

        Ok(YearOverview {
            year,
            as_of: day,
            unit_code: top.code.clone(),
            unit_name: top.name.clone(),
            people: roster.iter().filter(|l| everything.contains(&l.person.unit_id)).count() as u32,
            targets: groups,
            targets_total,
            targets_done,
            people_levels: level_counts(classification.people.iter().map(|p| (p.proposed_level, p.decided_level))),
            collective_levels: level_counts(classification.collectives.iter().map(|c| (c.proposed_level, c.decided_level))),
            products: months,
            points,
            attention,
            quota,
            sending,
            below,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_month_ended_is_the_one_a_day_closes_or_the_one_before() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(last_ended_month(d(2026, 11, 30)), Some(11));
        assert_eq!(last_ended_month(d(2026, 12, 4)), Some(11));
        assert_eq!(last_ended_month(d(2026, 12, 31)), Some(12));
        assert_eq!(last_ended_month(d(2026, 2, 28)), Some(2));
        assert_eq!(last_ended_month(d(2028, 2, 28)), Some(1), "2028 is a leap year");
        assert_eq!(last_ended_month(d(2026, 1, 30)), None);
        assert_eq!(last_ended_month(d(2026, 1, 31)), Some(1));
    }

    #[test]
    fn the_excellent_share_follows_the_quotas_base() {
        use Level::*;
        let levels = [Excellent, Good, Good, Good, Completed, NotRated];
        assert_eq!(excellent_share(&levels, false), Some(2_500), "1 of the 4 rated Good or better");
        assert_eq!(excellent_share(&levels, true), Some(2_000), "1 of the 5 rated");
        assert_eq!(excellent_share(&[Completed, NotRated], false), None, "no one Good or better: no share");
    }
}
