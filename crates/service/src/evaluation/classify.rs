//! The year's classification of everyone in a unit and below it: points from the periods, tasks from targets,
//! products and breakthrough tasks, the facts of the year, every condition, the head tied to the collective and
//! the quota per equivalent-position group. Reads only; the same inputs always give the same output.

use super::rules::RuleChoice;
use super::scores::{ScoreBook, Staff};
use crate::error::Result;
use crate::work::TargetLine;
use chrono::NaiveDate;
use domain::evaluation::{apply_quota, cap_by_collective, propose, Level, QuotaEntry, Reason, TaskCounts, YearFacts};
use domain::ruleset::UnitCompletion;
use domain::targets::{weighted_completion, TargetStatus};
use domain::text::person_sort_key;
use domain::Lang;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use store::{FactsRecord, Holder, Reader};
use ts_rs::TS;
use uuid::Uuid;

/// One person's proposed level, explained.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PersonResult {
    pub person_id: Uuid,
    pub name: String,
    pub unit_id: Uuid,
    pub unit_code: String,
    pub unit_name: String,
    pub position: Option<String>,
    /// Equivalent-position group code.
    pub group: String,
    pub group_name: String,
    pub is_head: bool,
    /// The unit whose head this person is (their post's unit), when they head one.
    pub head_of_unit: Option<Uuid>,
    pub is_leader: bool,
    /// Points of 100 (86.5), and exactly, in hundredths.
    pub points: f64,
    #[ts(type = "number")]
    pub points_basis: i64,
    pub points_text: String,
    /// The points with their parts: "84,50 / 100: tiêu chí chung 27,00 / 30, kết quả nhiệm vụ 57,50 / 70".
    pub points_summary: String,
    /// The two parts, in hundredths, which add up to `points_basis`.
    #[ts(type = "number")]
    pub general_basis: i64,
    #[ts(type = "number")]
    pub task_basis: i64,
    pub periods_assessed: usize,
    /// Periods worked and over that were not appraised ("Tháng 3"), which keep the year from being proposed.
    pub missing_periods: Vec<String>,
    /// Some period's task results were typed (where the rule set allows it), not computed from products.
    pub typed_task_points: bool,
    /// The year's periods are not all closed: "Tạm tính đến ngày dd/mm/yyyy" (empty once they are).
    pub provisional_text: String,
    pub tasks: TaskCounts,
    /// The level the rules give (the quota applied); `proposed_level` is the organisation staff's proposal, the same
    /// unless they proposed otherwise in a review meeting with a written reason (`proposal_reason`).
    pub computed_level: Level,
    pub computed_label: String,
    pub proposed_level: Level,
    pub level_label: String,
    pub proposal_reason: Option<String>,
    pub quota_adjusted: bool,
    /// Equal points at the quota's edge: the committee must order them.
    pub quota_tie: bool,
    /// The place the committee's tie order gave this person at the quota's edge, where it settled a tie.
    pub tie_rank: Option<u32>,
    pub reasons: Vec<String>,
    pub reason_codes: Vec<Reason>,
    pub ruleset: String,
    pub ruleset_version: u32,
    /// The level decided in a locked review meeting, when there is one.
    pub decided_level: Option<Level>,
}

/// A collective (a unit) and its proposed level.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CollectiveResult {
    pub unit_id: Uuid,
    pub unit_code: String,
    pub unit_name: String,
    pub points: f64,
    #[ts(type = "number")]
    pub points_basis: i64,
    pub points_text: String,
    pub tasks: TaskCounts,
    /// The level the rules give; `proposed_level` is the staff's proposal (see PersonResult).
    pub computed_level: Level,
    pub computed_label: String,
    pub proposed_level: Level,
    pub level_label: String,
    pub proposal_reason: Option<String>,
    pub reasons: Vec<String>,
    pub reason_codes: Vec<Reason>,
    pub ruleset: String,
    pub ruleset_version: u32,
    pub decided_level: Option<Level>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Classification {
    pub year: i32,
    pub unit_code: String,
    pub people: Vec<PersonResult>,
    pub collectives: Vec<CollectiveResult>,
}

/// Counts a target line as a task: done when met or exceeded by the year's end, beyond requirements when exceeded.
/// A target not met is a task not done (which the conditions weigh), not a late one: lateness is about work
/// delivered after its deadline (products with delays).
fn count_target(counts: &mut TaskCounts, line: &TargetLine) {
    counts.total += 1;
    match line.status {
        TargetStatus::Exceeded => {
            counts.done += 1;
            counts.exceeding += 1;
        }
        TargetStatus::Met => counts.done += 1,
        TargetStatus::NotMet | TargetStatus::OnTrack | TargetStatus::AtRisk | TargetStatus::NoData => {}
    }
}

/// Counts appraised products as tasks: done when the required quantity was delivered, beyond it when more, late when
/// delivered with delays.
fn count_products<'a>(counts: &mut TaskCounts, products: impl IntoIterator<Item = &'a store::ProductFigures>) {
    for a in products.into_iter().filter_map(|p| p.assessment) {
        counts.total += 1;
        if a.delivered >= a.required {
            counts.done += 1;
        }
        if a.delivered > a.required {
            counts.exceeding += 1;
        }
        if a.delays > 0 && a.delivered > 0 {
            counts.late += 1;
        }
    }
}

fn add(counts: &mut TaskCounts, more: &TaskCounts) {
    counts.total += more.total;
    counts.done += more.done;
    counts.exceeding += more.exceeding;
    counts.late += more.late;
}

/// A target not done, in words: "1.1 Kết nạp đảng viên mới: 92,50 %".
fn unfinished(lines: &[&TargetLine]) -> Vec<String> {
    const NAMED: usize = 5;
    let not_done: Vec<&&TargetLine> = lines.iter().filter(|l| !matches!(l.status, TargetStatus::Met | TargetStatus::Exceeded)).collect();
    let mut words: Vec<String> = not_done
        .iter()
        .take(NAMED)
        .map(|l| match l.completion {
            Some(c) => format!("{} {}: {}", l.code, l.name, crate::work::percent_text(c)),
            None => format!("{} {}", l.code, l.name),
        })
        .collect();
    if not_done.len() > NAMED {
        words.push(format!("… (+{})", not_done.len() - NAMED));
    }
    words
}

/// Inputs loaded once for the whole year.
struct YearInputs {
    /// The points of everyone, and their products (read once for both).
    scores: ScoreBook,
    breakthrough: HashMap<Uuid, Vec<store::BreakthroughRecord>>,
    facts: HashMap<Uuid, FactsRecord>,
    decided: HashMap<Uuid, Level>,
    lines: Vec<TargetLine>,
    /// The committee's order for ties at the quota's edge.
    tie_ranks: HashMap<Uuid, u32>,
    /// The organisation staff's proposals that differ from the computed level, with their reasons.
    staff: HashMap<Uuid, (Level, String)>,
}

impl YearInputs {
    fn load(read: Reader<'_>, year: i32, day: NaiveDate, choice: &RuleChoice, lang: Lang, staff: &Staff) -> Result<YearInputs> {
        let scores = ScoreBook::load_with(read, year, crate::office::Office::today(), choice, lang, staff)?;
        let mut breakthrough: HashMap<Uuid, Vec<store::BreakthroughRecord>> = HashMap::new();
        for t in read.breakthrough_tasks(year)? {
            breakthrough.entry(t.person_id).or_default().push(t);
        }
        let facts = read.facts_of_year(year)?.into_iter().map(|f| (f.subject_id, f)).collect();
        let decided = read.decided_levels(year)?.into_iter().collect();
        let lines = crate::work::figures_for(read, year, day, lang)?;
        let tie_ranks = read.tie_orders(year)?.into_iter().collect();
        let staff = read.staff_proposals(year)?.into_iter().map(|(id, level, reason)| (id, (level, reason))).collect();
        Ok(YearInputs { scores, breakthrough, facts, decided, lines, tie_ranks, staff })
    }
}

/// Everything a year's classification reads, loaded once: one classifier serves many scopes (the demo opens a
/// meeting in every commune from one load).
pub(crate) struct Classifier {
    year: i32,
    lang: Lang,
    inputs: YearInputs,
    units: Vec<store::UnitListing>,
    group_names: HashMap<String, String>,
    holders: HashMap<Uuid, (String, Holder)>,
    roster: Vec<store::RosterLine>,
    /// Indexes into `inputs.lines`: each person's own targets, each unit's unit-wide targets, and every target that
    /// reaches a collective (its unit and those above, its assignee's unit and those above).
    by_person: HashMap<Uuid, Vec<usize>>,
    unit_wide: HashMap<Uuid, Vec<usize>>,
    reaching: HashMap<Uuid, Vec<usize>>,
    disciplined_units: HashSet<Uuid>,
    /// The unit whose authority decides each person's level: the quota applies within it.
    deciding_unit: HashMap<Uuid, Uuid>,
    /// The appraised products of the people of each unit and of the units below it, as tasks.
    products_below: HashMap<Uuid, TaskCounts>,
    /// The whole tree classified once; a scope is a view of it, so a person's level is the same wherever it is
    /// looked at.
    everything: std::cell::OnceCell<Classification>,
}

/// The unit that decides for someone in `unit`: the nearest unit above (or at) it of the deciding level (a commune,
/// ward or special zone for commune staff; the province for commune key posts), else the top of the tree.
fn deciding_unit(unit: Uuid, by: crate::catalog::DecidedBy, levels: &HashMap<Uuid, (String, Option<Uuid>)>) -> Uuid {
    let fits = |level: &str| match by {
        crate::catalog::DecidedBy::Province => level == "province",
        crate::catalog::DecidedBy::Commune => domain::org::is_commune_tier(level),
    };
    let mut at = unit;
    loop {
        match levels.get(&at) {
            Some((level, _)) if fits(level) => return at,
            Some((_, Some(parent))) => at = *parent,
            _ => return at,
        }
    }
}

impl Classifier {
    pub fn load(read: Reader<'_>, year: i32, lang: Lang) -> Result<Classifier> {
        let day = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
        let choice = RuleChoice::load(read)?;
        let staff = Staff::load(read, year)?;
        let inputs = YearInputs::load(read, year, day, &choice, lang, &staff)?;
        let Staff { roster, holders } = staff;
        let units = read.units()?;
        let parent_of: HashMap<Uuid, Option<Uuid>> = units.iter().map(|u| (u.id, u.parent_id)).collect();
        let ancestors = |start: Uuid| {
            let mut chain = Vec::new();
            let mut at = Some(start);
            while let Some(u) = at {
                chain.push(u);
                at = parent_of.get(&u).copied().flatten();
            }
            chain
        };
        let group_names = read.position_groups()?.into_iter().map(|g| (g.code, g.name)).collect();
        let person_unit: HashMap<Uuid, Uuid> = roster.iter().map(|l| (l.person.meta.id, l.person.unit_id)).collect();
        let mut by_person: HashMap<Uuid, Vec<usize>> = HashMap::new();
        let mut unit_wide: HashMap<Uuid, Vec<usize>> = HashMap::new();
        let mut reaching: HashMap<Uuid, Vec<usize>> = HashMap::new();
        for (i, line) in inputs.lines.iter().enumerate() {
            match line.person_id {
                Some(p) => by_person.entry(p).or_default().push(i),
                None => unit_wide.entry(line.unit_id).or_default().push(i),
            }
            let mut reached: HashSet<Uuid> = ancestors(line.unit_id).into_iter().collect();
            if let Some(unit) = line.person_id.and_then(|p| person_unit.get(&p)) {
                reached.extend(ancestors(*unit));
            }
            for unit in reached {
                reaching.entry(unit).or_default().push(i);
            }
        }
        let authority = super::rules::Authority::load(read)?;
        let levels: HashMap<Uuid, (String, Option<Uuid>)> = units.iter().map(|u| (u.id, (u.level.clone(), u.parent_id))).collect();
        let deciding_unit = roster
            .iter()
            .map(|l| {
                let id = l.person.meta.id;
                let post = holders.get(&id);
                let group = post.map_or(crate::catalog::OTHER_GROUP_CODE, |(g, _): &(String, Holder)| g.as_str());
                let unit = post.map_or(l.person.unit_id, |(_, h)| h.unit_id);
                (id, deciding_unit(unit, authority.of(group), &levels))
            })
            .collect();
        let mut products_below: HashMap<Uuid, TaskCounts> = HashMap::new();
        for (person, products) in inputs.scores.products_by_person() {
            let Some(unit) = person_unit.get(&person) else { continue };
            let mut counts = TaskCounts::default();
            count_products(&mut counts, products);
            for u in ancestors(*unit) {
                add(products_below.entry(u).or_default(), &counts);
            }
        }
        // A member disciplined in the year keeps every collective above them from Excellent.
        let mut disciplined_units: HashSet<Uuid> = HashSet::new();
        for facts in inputs.facts.values().filter(|f| f.discipline.is_some()) {
            if let Some(unit) = person_unit.get(&facts.subject_id) {
                disciplined_units.extend(ancestors(*unit));
            }
        }
        Ok(Classifier {
            year,
            lang,
            inputs,
            units,
            group_names,
            holders,
            roster,
            by_person,
            unit_wide,
            reaching,
            disciplined_units,
            deciding_unit,
            products_below,
            everything: std::cell::OnceCell::new(),
        })
    }

    /// The unit with this code and every unit below it (units come parents first).
    fn scope(&self, code: &str) -> Result<HashSet<Uuid>> {
        let code = crate::work::unit_code_of(code);
        let root = self.units.iter().find(|u| u.code == code).ok_or(crate::error::ServiceError::UnknownUnit { code: code.clone() })?.id;
        let mut within = HashSet::from([root]);
        for unit in &self.units {
            if unit.parent_id.is_some_and(|p| within.contains(&p)) {
                within.insert(unit.id);
            }
        }
        Ok(within)
    }

    fn lines(&self, indexes: Option<&Vec<usize>>) -> Vec<&TargetLine> {
        indexes.into_iter().flatten().map(|&i| &self.inputs.lines[i]).collect()
    }

    /// The year for `scope_code` (a unit and every unit below it): a view of the whole tree's classification, so that
    /// the quota (within each deciding authority's group) and the collectives above and below give a person the same
    /// level whichever unit is asked.
    pub fn classify(&self, scope_code: &str, choice: &RuleChoice) -> Result<Classification> {
        let scope = self.scope(scope_code)?;
        if self.everything.get().is_none() {
            let all = self.classify_all(choice)?;
            let _ = self.everything.set(all);
        }
        let all = self.everything.get().ok_or_else(|| crate::error::ServiceError::Internal("classification".into()))?;
        Ok(Classification {
            year: all.year,
            unit_code: crate::work::unit_code_of(scope_code),
            people: all.people.iter().filter(|p| scope.contains(&p.unit_id)).cloned().collect(),
            collectives: all.collectives.iter().filter(|c| scope.contains(&c.unit_id)).cloned().collect(),
        })
    }

    /// Classifies the whole tree. Collectives first, lowest units first, so that a unit's sub-units and a head's
    /// collective are known when they are needed; then people; then the quota per deciding authority's group.
    fn classify_all(&self, choice: &RuleChoice) -> Result<Classification> {
        let (year, lang, inputs, units) = (self.year, self.lang, &self.inputs, &self.units);
        let (group_names, holders, roster, disciplined_units) = (&self.group_names, &self.holders, &self.roster, &self.disciplined_units);
        let collective_rules = choice.default_set();
        let mut collective_level: HashMap<Uuid, Level> = HashMap::new();
        let mut collectives = Vec::new();
        for unit in units.iter().rev() {
            let lines = self.lines(self.reaching.get(&unit.id));
            if lines.is_empty() {
                continue;
            }
            let mut tasks = TaskCounts::default();
            lines.iter().for_each(|l| count_target(&mut tasks, l));
            // The unit's completion counts its targets and the products of its people (and of the units below it);
            // the collective's own conditions (done, exceeding) are its targets'.
            let mut unit_tasks = tasks;
            if let Some(products) = self.products_below.get(&unit.id) {
                add(&mut unit_tasks, products);
            }
            let completion =
                weighted_completion(&lines.iter().map(|l| (l.weight, l.completion.unwrap_or(0))).collect::<Vec<_>>()).unwrap_or(0);
            let unit_completion = match collective_rules.evaluation.unit_completion {
                UnitCompletion::Count => share_done(&unit_tasks),
                UnitCompletion::Weighted => completion.min(10_000),
            };
            let children: Vec<Level> =
                units.iter().filter(|c| c.parent_id == Some(unit.id)).filter_map(|c| collective_level.get(&c.id).copied()).collect();
            let facts = inputs.facts.get(&unit.id);
            let year_facts = YearFacts {
                // The collective's points are its weighted target completion, at most 100 (interpretation, unconfirmed).
                points: completion.min(10_000),
                tasks,
                months_worked: 12,
                months_absent: 0,
                discipline: facts.and_then(|f| f.discipline),
                is_leader: false,
                is_collective: true,
                unit_completion: Some(unit_completion),
                subunits: children.len() as u32,
                subunits_not_completed: children.iter().filter(|l| **l == Level::NotCompleted).count() as u32,
                low_confidence: facts.and_then(|f| f.low_confidence),
                shortcomings_fixed: facts.is_none_or(|f| f.shortcomings_fixed),
                member_disciplined: disciplined_units.contains(&unit.id),
                unfinished: unfinished(&lines),
            };
            // No result reported for any target: the unit's results are not in the office yet, which is not the same as
            // a unit that failed them all (a target with no report counts as not done only beside others reported).
            let proposal = if lines.iter().all(|l| l.actual.is_none()) {
                let targets = lines.len() as u32;
                domain::evaluation::Proposal { level: Level::NotRated, reasons: vec![Reason::NoTargetResults { targets }] }
            } else {
                propose(&year_facts, &collective_rules.evaluation)
            };
            let decided = inputs.decided.get(&unit.id).copied();
            collective_level.insert(unit.id, decided.unwrap_or(proposal.level));
            let staff = inputs.staff.get(&unit.id);
            let proposed = staff.map_or(proposal.level, |(level, _)| *level);
            collectives.push(CollectiveResult {
                unit_id: unit.id,
                unit_code: unit.code.clone(),
                unit_name: unit.name.clone(),
                points: year_facts.points as f64 / 100.0,
                points_basis: year_facts.points,
                // No result reported: no completion to show (a 0,00 would read as a failed unit).
                points_text: if matches!(proposal.reasons.as_slice(), [Reason::NoTargetResults { .. }]) {
                    "—".to_string()
                } else {
                    domain::numbers::format_hundredths(year_facts.points, 2)
                },
                tasks,
                computed_label: collective_rules.level_name(proposal.level, lang),
                computed_level: proposal.level,
                level_label: collective_rules.level_name(proposed, lang),
                proposed_level: proposed,
                proposal_reason: staff.map(|(_, reason)| reason.clone()),
                reasons: proposal.reasons.iter().map(|r| r.message(lang)).collect(),
                reason_codes: proposal.reasons,
                ruleset: collective_rules.code.clone(),
                ruleset_version: collective_rules.version,
                decided_level: decided,
            });
        }
        if collective_rules.quota.collectives {
            self.collective_quota(&mut collectives, &mut collective_level, collective_rules);
        }
        collectives.sort_by(|a, b| a.unit_code.cmp(&b.unit_code));

        let mut results: Vec<(PersonResult, Vec<u8>, bool)> = Vec::new();
        for line in roster.iter() {
            let person = &line.person;
            let id = person.meta.id;
            let post = holders.get(&id);
            let group = post.map_or(crate::catalog::OTHER_GROUP_CODE.to_string(), |(g, _)| g.clone());
            let rules = choice.for_group(&group);
            let is_head = post.is_some_and(|(_, h)| h.is_head);
            let position = post.map(|(_, h)| h.position.clone());
            let is_leader = is_head || position.as_deref().is_some_and(domain::org::is_leadership_title);
            let own_unit = post.map_or(person.unit_id, |(_, h)| h.unit_id);

            let score = inputs.scores.person(id);
            let points = score.map_or(0, |s| s.year.total);
            let periods_assessed = score.map_or(0, |s| s.year.periods_scored as usize);
            let mut tasks = TaskCounts::default();
            let mut mine: Vec<&TargetLine> = self.lines(self.by_person.get(&id));
            if is_head {
                mine.extend(self.lines(self.unit_wide.get(&own_unit)));
            }
            mine.iter().for_each(|l| count_target(&mut tasks, l));
            // A leader's unit: its targets and the products of its people.
            let mut unit_tasks = tasks;
            if let Some(products) = self.products_below.get(&own_unit) {
                add(&mut unit_tasks, products);
            }
            count_products(&mut tasks, inputs.scores.products(id));
            for task in inputs.breakthrough.get(&id).into_iter().flatten() {
                use domain::breakthrough::BreakthroughState as S;
                match task.state {
                    S::Completed => {
                        tasks.total += 1;
                        tasks.done += 1;
                        // A breakthrough task is beyond the ordinary duties by definition.
                        tasks.exceeding += 1;
                    }
                    S::NotCompleted | S::Approved => tasks.total += 1,
                    _ => {}
                }
            }
            let children: Vec<Level> = if is_head {
                units.iter().filter(|c| c.parent_id == Some(own_unit)).filter_map(|c| collective_level.get(&c.id).copied()).collect()
            } else {
                Vec::new()
            };
            let facts = inputs.facts.get(&id);
            let year_facts = YearFacts {
                points,
                tasks,
                months_worked: facts.map_or(12, |f| f.months_worked),
                months_absent: facts.map_or(0, |f| f.months_absent),
                discipline: facts.and_then(|f| f.discipline),
                is_leader,
                is_collective: false,
                unit_completion: (is_leader && unit_tasks.total > 0).then(|| match rules.evaluation.unit_completion {
                    UnitCompletion::Count => share_done(&unit_tasks),
                    UnitCompletion::Weighted => {
                        weighted_completion(&mine.iter().map(|l| (l.weight, l.completion.unwrap_or(0))).collect::<Vec<_>>())
                            .unwrap_or(10_000)
                            .min(10_000)
                    }
                }),
                subunits: children.len() as u32,
                subunits_not_completed: children.iter().filter(|l| **l == Level::NotCompleted).count() as u32,
                low_confidence: facts.and_then(|f| f.low_confidence),
                shortcomings_fixed: facts.is_none_or(|f| f.shortcomings_fixed),
                member_disciplined: false,
                unfinished: if is_leader { unfinished(&mine) } else { Vec::new() },
            };
            let missing: Vec<domain::targets::Period> = score.map(|s| s.year.missing.clone()).unwrap_or_default();
            let mut proposal = if periods_assessed == 0 {
                domain::evaluation::Proposal { level: Level::NotRated, reasons: vec![Reason::NoAssessments] }
            } else if !score.is_some_and(|s| s.year.complete) {
                domain::evaluation::Proposal { level: Level::NotRated, reasons: vec![Reason::MissingPeriods { periods: missing.clone() }] }
            } else {
                propose(&year_facts, &rules.evaluation)
            };
            if is_head {
                if let Some(collective) = collective_level.get(&own_unit) {
                    if let Some(capped) = cap_by_collective(proposal.level, *collective, &rules.evaluation) {
                        proposal.reasons.push(Reason::CappedByCollective { collective: *collective });
                        proposal.level = capped;
                    }
                }
            }
            let outstanding = inputs.facts.get(&own_unit).is_some_and(|f| f.outstanding_unit);
            results.push((
                PersonResult {
                    person_id: id,
                    name: person.full_name.clone(),
                    unit_id: person.unit_id,
                    unit_code: line.unit_code.clone(),
                    unit_name: line.unit_name.clone(),
                    position,
                    group_name: group_names.get(&group).cloned().unwrap_or_default(),
                    group,
                    is_head,
                    head_of_unit: is_head.then_some(own_unit),
                    is_leader,
                    points: points as f64 / 100.0,
                    points_basis: points,
                    // No period assessed: no points yet, rather than a 0,00 that reads as a score.
                    points_text: if periods_assessed == 0 { "—".to_string() } else { domain::numbers::format_hundredths(points, 2) },
                    points_summary: score.map(|s| s.summary.clone()).unwrap_or_default(),
                    general_basis: score.map_or(0, |s| s.year.general),
                    task_basis: score.map_or(0, |s| s.year.task),
                    periods_assessed,
                    missing_periods: missing.iter().map(|p| p.label(lang)).collect(),
                    typed_task_points: score.is_some_and(|s| s.year.typed),
                    provisional_text: if score.is_some_and(|s| s.provisional) {
                        format!(
                            "{} {}",
                            lang.pick("Tạm tính đến ngày", "Provisional as of"),
                            domain::dates::format_vn_date(crate::office::Office::today())
                        )
                    } else {
                        String::new()
                    },
                    tasks,
                    computed_level: proposal.level,
                    computed_label: String::new(),
                    level_label: String::new(),
                    proposed_level: proposal.level,
                    proposal_reason: None,
                    quota_adjusted: false,
                    quota_tie: false,
                    tie_rank: None,
                    reasons: Vec::new(),
                    reason_codes: proposal.reasons,
                    ruleset: rules.code.clone(),
                    ruleset_version: rules.version,
                    decided_level: inputs.decided.get(&id).copied(),
                },
                person_sort_key(&person.full_name),
                outstanding,
            ));
        }

        // The quota, per equivalent-position group and rule set, within what one authority decides (DOMAIN.md rule 6
        // and "Who decides").
        let mut quota_groups: HashMap<(String, String, Uuid), Vec<usize>> = HashMap::new();
        for (i, (r, _, _)) in results.iter().enumerate() {
            let decider = self.deciding_unit.get(&r.person_id).copied().unwrap_or(r.unit_id);
            quota_groups.entry((r.group.clone(), r.ruleset.clone(), decider)).or_default().push(i);
        }
        let mut keys: Vec<&(String, String, Uuid)> = quota_groups.keys().collect();
        keys.sort();
        for key in keys {
            let members = &quota_groups[key];
            let rules = choice.for_group(&key.0);
            let entries: Vec<QuotaEntry> = members
                .iter()
                .map(|&i| {
                    let (r, _, outstanding) = &results[i];
                    QuotaEntry {
                        id: r.person_id.as_u128(),
                        level: r.proposed_level,
                        points: r.points_basis,
                        tie_rank: inputs.tie_ranks.get(&r.person_id).copied(),
                        outstanding_unit: *outstanding,
                    }
                })
                .collect();
            let outcome = apply_quota(&entries, &rules.quota);
            for &i in members {
                let r = &mut results[i].0;
                let id = r.person_id.as_u128();
                let (ceiling, base, percent) = (outcome.ceiling, outcome.base, outcome.percent);
                if outcome.moved.contains(&id) {
                    r.proposed_level = Level::Good;
                    r.quota_adjusted = true;
                    r.reason_codes.push(Reason::QuotaMoved { ceiling, base, percent });
                } else if outcome.kept.contains(&id) {
                    r.reason_codes.push(Reason::QuotaKept { ceiling, base, percent });
                }
                if outcome.tied.contains(&id) {
                    r.quota_tie = true;
                    r.reason_codes.push(Reason::QuotaTie);
                }
                if outcome.ordered.contains(&id) {
                    r.tie_rank = inputs.tie_ranks.get(&r.person_id).copied();
                    if let Some(rank) = r.tie_rank {
                        r.reason_codes.push(Reason::QuotaTieOrdered { rank });
                    }
                }
            }
        }
        let mut people: Vec<(PersonResult, Vec<u8>)> = results
            .into_iter()
            .map(|(mut r, key, _)| {
                let rules = choice.for_group(&r.group);
                r.computed_level = r.proposed_level;
                r.computed_label = rules.level_name(r.computed_level, lang);
                if let Some((level, reason)) = inputs.staff.get(&r.person_id) {
                    r.proposed_level = *level;
                    r.proposal_reason = Some(reason.clone());
                }
                r.level_label = rules.level_name(r.proposed_level, lang);
                r.reasons = r.reason_codes.iter().map(|x| x.message(lang)).collect();
                (r, key)
            })
            .collect();
        people.sort_by(|(a, ka), (b, kb)| a.unit_code.cmp(&b.unit_code).then(ka.cmp(kb)).then(a.person_id.cmp(&b.person_id)));
        let people: Vec<PersonResult> = people.into_iter().map(|(r, _)| r).collect();
        let root = units.first().map(|u| u.code.clone()).unwrap_or_default();
        Ok(Classification { year, unit_code: root, people, collectives })
    }
}

impl Classifier {
    /// The Excellent quota among collectives (QĐ 366: "tập thể, cá nhân"): within each tier of units under one unit
    /// (the communes, wards and special zones of a province; the agencies of a commune), the overflow moved to Good
    /// and said so. A level already decided stays as decided.
    fn collective_quota(&self, collectives: &mut [CollectiveResult], levels: &mut HashMap<Uuid, Level>, rules: &domain::ruleset::RuleSet) {
        let tier = |level: &str| if domain::org::is_commune_tier(level) { "commune".to_string() } else { level.to_string() };
        let of: HashMap<Uuid, (String, Option<Uuid>)> = self.units.iter().map(|u| (u.id, (tier(&u.level), u.parent_id))).collect();
        let mut groups: HashMap<(String, Option<Uuid>), Vec<usize>> = HashMap::new();
        for (i, c) in collectives.iter().enumerate() {
            if let Some(key) = of.get(&c.unit_id) {
                groups.entry(key.clone()).or_default().push(i);
            }
        }
        let mut keys: Vec<&(String, Option<Uuid>)> = groups.keys().collect();
        keys.sort();
        for key in keys {
            let members = &groups[key];
            let outstanding = key.1.and_then(|parent| self.inputs.facts.get(&parent)).is_some_and(|f| f.outstanding_unit);
            let entries: Vec<QuotaEntry> = members
                .iter()
                .map(|&i| QuotaEntry {
                    id: collectives[i].unit_id.as_u128(),
                    level: collectives[i].computed_level,
                    points: collectives[i].points_basis,
                    tie_rank: self.inputs.tie_ranks.get(&collectives[i].unit_id).copied(),
                    outstanding_unit: outstanding,
                })
                .collect();
            let outcome = apply_quota(&entries, &rules.quota);
            let (ceiling, base, percent) = (outcome.ceiling, outcome.base, outcome.percent);
            for &i in members {
                let c = &mut collectives[i];
                let reason = if outcome.moved.contains(&c.unit_id.as_u128()) {
                    c.computed_level = Level::Good;
                    c.computed_label = rules.level_name(Level::Good, self.lang);
                    if c.proposal_reason.is_none() {
                        c.proposed_level = Level::Good;
                        c.level_label = c.computed_label.clone();
                    }
                    if c.decided_level.is_none() {
                        levels.insert(c.unit_id, Level::Good);
                    }
                    Reason::QuotaMoved { ceiling, base, percent }
                } else if outcome.kept.contains(&c.unit_id.as_u128()) {
                    Reason::QuotaKept { ceiling, base, percent }
                } else {
                    continue;
                };
                let id = c.unit_id.as_u128();
                let mut said = vec![reason];
                if outcome.tied.contains(&id) {
                    said.push(Reason::QuotaTie);
                }
                if let Some(rank) = self.inputs.tie_ranks.get(&c.unit_id).filter(|_| outcome.ordered.contains(&id)) {
                    said.push(Reason::QuotaTieOrdered { rank: *rank });
                }
                for reason in said {
                    c.reasons.push(reason.message(self.lang));
                    c.reason_codes.push(reason);
                }
            }
        }
    }
}

/// Share of tasks done, hundredths of a percent (100 % when there are none).
fn share_done(tasks: &TaskCounts) -> i64 {
    if tasks.total == 0 {
        10_000
    } else {
        i64::from(tasks.done) * 10_000 / i64::from(tasks.total)
    }
}
