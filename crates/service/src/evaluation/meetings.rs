//! Review meetings (DOMAIN.md rule 9): the proposals as they stood when the meeting opened, attendance, the vote
//! on each person and the collective, the authority's decision (with a written reason where it differs from the
//! proposal), in the required order and within the quota; then the results lock and who decided what is kept.

use super::rules::RuleChoice;
use crate::auth::{Permission, Session};
use crate::error::{FieldIssue, Result, ServiceError};
use crate::office::Office;
use chrono::{DateTime, NaiveDate, Utc};
use domain::dates::parse_vn_date;
use domain::evaluation::{decision_order, Level, Reason};
use domain::text::clean;
use domain::Lang;
use serde::{Deserialize, Serialize};
use store::{MeetingRecord, SubjectRecord, VoteRecord};
use ts_rs::TS;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MeetingInput {
    pub year: i32,
    pub unit_code: String,
    /// dd/mm/yyyy
    pub held_on: String,
    pub place: String,
    pub chair: String,
    pub secretary: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct VoteInput {
    /// "ballot" (bỏ phiếu kín) or "hands" (giơ tay)
    pub method: String,
    pub excellent: u32,
    pub good: u32,
    pub completed: u32,
    pub not_completed: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct MeetingLine {
    pub id: Uuid,
    pub year: i32,
    pub unit_code: String,
    pub unit_name: String,
    pub held_on: NaiveDate,
    pub subjects: usize,
    pub decided: usize,
    pub locked: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SubjectView {
    pub id: Uuid,
    pub kind: String,
    pub subject_id: Uuid,
    pub name: String,
    pub position: Option<String>,
    pub group_code: Option<String>,
    pub is_head: bool,
    /// The unit whose collective this person heads.
    pub head_of_unit: Option<Uuid>,
    pub points: Option<f64>,
    /// The level the rules computed when the meeting opened.
    pub computed_level: Level,
    pub computed_label: String,
    /// The organisation staff's proposal: the computed level unless they proposed otherwise, with the reason.
    pub proposed_level: Level,
    pub proposed_label: String,
    pub proposal_reason: Option<String>,
    pub proposed_by: Option<String>,
    pub quota_adjusted: bool,
    /// The place the committee's tie order gave this person at the quota's edge.
    pub tie_rank: Option<u32>,
    pub reasons: Vec<String>,
    pub ruleset: String,
    pub ruleset_version: u32,
    pub vote_method: Option<String>,
    /// Excellent, Good, Completed, NotCompleted.
    pub votes: Option<[u32; 4]>,
    /// The level with more than half of those present, if any.
    pub passed_level: Option<Level>,
    pub decided_level: Option<Level>,
    pub decided_label: String,
    pub decision_reason: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct MeetingDetail {
    pub id: Uuid,
    pub year: i32,
    pub unit_code: String,
    pub unit_name: String,
    pub held_on: NaiveDate,
    pub place: String,
    pub chair: String,
    pub secretary: String,
    pub invited: u32,
    pub present: u32,
    pub absent_note: Option<String>,
    pub locked: bool,
    pub locked_by: Option<String>,
    pub locked_at: Option<DateTime<Utc>>,
    pub subjects: Vec<SubjectView>,
}

fn invalid(field: &str, vi: impl Into<String>, en: impl Into<String>) -> ServiceError {
    ServiceError::InvalidFields(vec![FieldIssue { field: field.into(), message: vi.into(), message_en: en.into() }])
}

/// The level more than half of those present voted for.
fn passed(counts: [u32; 4], present: u32) -> Option<Level> {
    Level::RATED.into_iter().zip(counts).find(|(_, n)| present > 0 && u64::from(*n) * 2 > u64::from(present)).map(|(l, _)| l)
}

impl Office {
    /// Opens the meeting of a unit for a year: the collective and every person in the unit and below it, with the
    /// proposal as it stands now (and the rule set and version it came from).
    pub fn open_meeting(&mut self, session: &Session, input: &MeetingInput, lang: Lang) -> Result<Uuid> {
        session.require(Permission::RunMeetings)?;
        let held_on = parse_vn_date(&input.held_on)
            .ok_or_else(|| invalid("held_on", "Ngày họp không hợp lệ (dd/mm/yyyy).", "The date is not valid (dd/mm/yyyy)."))?;
        for (field, value) in [("place", &input.place), ("chair", &input.chair), ("secretary", &input.secretary)] {
            if clean(value).is_empty() {
                return Err(invalid(field, "Cần ghi đủ địa điểm, chủ trì và thư ký.", "Place, chair and secretary are needed."));
            }
        }
        let classification = self.classify(session, input.year, &input.unit_code, lang)?;
        let stamp = self.stamp()?;
        let username = session.username.clone();
        self.store.write(|w| {
            let read = w.read();
            let unit = read
                .unit_by_code(&classification.unit_code)?
                .ok_or_else(|| ServiceError::UnknownUnit { code: classification.unit_code.clone() })?;
            if read.meetings()?.iter().any(|m| m.year == input.year && m.unit_id == unit.meta.id) {
                return Err(ServiceError::MeetingExists);
            }
            let meeting = MeetingRecord {
                meta: stamp.meta(w.next_revision()?),
                year: input.year,
                unit_id: unit.meta.id,
                held_on,
                place: clean(&input.place),
                chair: clean(&input.chair),
                secretary: clean(&input.secretary),
                invited: 0,
                present: 0,
                absent_note: None,
                locked_at: None,
                locked_by: None,
            };
            w.save_meeting(&meeting)?;
            let order = DecisionTree::load(read, input.year)?;
            for subject in subjects_for(&classification, unit.meta.id, meeting.meta.id, &order, || Ok(stamp.meta(w.next_revision()?)))? {
                w.save_subject(&subject)?;
            }
            w.audit(&username, "meetings.open", &format!("{} {}", input.year, unit.code))?;
            Ok(meeting.meta.id)
        })
    }

    /// Records who attended: invited and present counts, and who was absent and why.
    pub fn set_attendance(&mut self, session: &Session, meeting_id: Uuid, invited: u32, present: u32, absent_note: &str) -> Result<()> {
        session.require(Permission::RunMeetings)?;
        if present > invited || invited == 0 {
            return Err(invalid(
                "present",
                "Số có mặt không vượt số được triệu tập (và phải có người được triệu tập).",
                "Present cannot exceed invited.",
            ));
        }
        let stamp = self.stamp()?;
        self.change_meeting(session, meeting_id, |w, meeting| {
            let meta = store::Meta { revision: w.next_revision()?, updated_at: stamp.now, ..meeting.meta.clone() };
            let absent_note = Some(clean(absent_note)).filter(|n| !n.is_empty());
            w.save_meeting(&MeetingRecord { meta, invited, present, absent_note, ..meeting })?;
            Ok(())
        })
    }

    /// Records the vote on one subject: counts for each level, by ballot or show of hands.
    pub fn record_vote(&mut self, session: &Session, meeting_id: Uuid, subject_id: Uuid, vote: &VoteInput) -> Result<Option<Level>> {
        session.require(Permission::RunMeetings)?;
        if vote.method != "ballot" && vote.method != "hands" {
            return Err(invalid(
                "method",
                "Hình thức biểu quyết là bỏ phiếu kín hoặc giơ tay.",
                "The vote is by ballot or by show of hands.",
            ));
        }
        let stamp = self.stamp()?;
        let counts = [vote.excellent, vote.good, vote.completed, vote.not_completed];
        let mut passed_level = None;
        self.change_meeting(session, meeting_id, |w, meeting| {
            if meeting.present == 0 {
                return Err(invalid("present", "Hãy ghi số người có mặt trước khi biểu quyết.", "Record attendance before voting."));
            }
            if counts.iter().map(|c| u64::from(*c)).sum::<u64>() > u64::from(meeting.present) {
                return Err(invalid(
                    "votes",
                    format!("Tổng số phiếu vượt số người có mặt ({}).", meeting.present),
                    format!("More votes than people present ({}).", meeting.present),
                ));
            }
            let subject = subject_in(w.read(), meeting_id, subject_id)?;
            passed_level = passed(counts, meeting.present);
            let meta = store::Meta { revision: w.next_revision()?, updated_at: stamp.now, ..subject.meta.clone() };
            w.save_subject(&SubjectRecord { meta, vote: Some(VoteRecord { method: vote.method.clone(), counts }), ..subject })?;
            Ok(())
        })?;
        Ok(passed_level)
    }

    /// The organisation staff's proposal for one subject (DOMAIN.md rule 9): the computed level, or another with a
    /// written reason. Refused once the subject is decided, without a reason when it differs from the computed
    /// level, and when a proposed Excellent would pass the group's quota.
    pub fn propose(&mut self, session: &Session, meeting_id: Uuid, subject_id: Uuid, level: Level, reason: &str) -> Result<()> {
        session.require(Permission::RunMeetings)?;
        let stamp = self.stamp()?;
        let username = session.username.clone();
        let reason = Some(clean(reason)).filter(|r| !r.is_empty());
        self.change_meeting(session, meeting_id, |w, _meeting| {
            let read = w.read();
            let subjects = read.subjects_of(meeting_id)?;
            let subject = subjects.iter().find(|s| s.subject_id == subject_id).cloned().ok_or(ServiceError::UnknownPerson)?;
            if subject.decided_level.is_some() {
                return Err(invalid(
                    "level",
                    "Đã có quyết định cho trường hợp này: không đề xuất lại được.",
                    "This subject is already decided: the proposal can no longer change.",
                ));
            }
            let differs = level != subject.computed_level;
            if differs && reason.is_none() {
                return Err(invalid(
                    "reason",
                    "Mức đề xuất khác mức tính theo quy định: cần ghi rõ lý do.",
                    "The proposal differs from the computed level: give the reason in writing.",
                ));
            }
            if subject.kind == "person" && level == Level::Excellent {
                let choice = RuleChoice::load(read)?;
                let rules = choice.for_group(subject.group_code.as_deref().unwrap_or(crate::catalog::OTHER_GROUP_CODE));
                within_quota(&subjects, &subject, level, rules)?;
            }
            let meta = store::Meta { revision: w.next_revision()?, updated_at: stamp.now, ..subject.meta.clone() };
            w.save_subject(&SubjectRecord {
                meta,
                proposed_level: level,
                proposal_reason: if differs { reason.clone() } else { None },
                proposed_by: Some(username.clone()),
                proposed_at: Some(stamp.now),
                ..subject
            })?;
            w.audit(&username, "meetings.propose", &format!("{meeting_id} {subject_id} {}", level.code()))?;
            Ok(())
        })
    }

    /// The authority's decision on one subject. Refused when it comes before what must precede it (the units below
    /// before the unit, the collective before its members), when it would rate a head above their collective (if
    /// the rule set says so), when it would pass the group's Excellent quota, or when it differs from the proposal
    /// without a written reason.
    pub fn decide(&mut self, session: &Session, meeting_id: Uuid, subject_id: Uuid, level: Level, reason: &str) -> Result<()> {
        session.require(Permission::DecideWork)?;
        let stamp = self.stamp()?;
        let username = session.username.clone();
        let reason = Some(clean(reason)).filter(|r| !r.is_empty());
        self.change_meeting(session, meeting_id, |w, meeting| {
            let read = w.read();
            let subjects = read.subjects_of(meeting_id)?;
            let subject = subjects.iter().find(|s| s.subject_id == subject_id).cloned().ok_or(ServiceError::UnknownPerson)?;
            let collective = subjects.iter().find(|s| s.kind == "collective" && s.subject_id == meeting.unit_id);
            let is_collective = subject.kind == "collective";
            // Lower before upper (DOMAIN.md rule 8): the collectives below this one in the meeting, and the meetings
            // of the units below it not yet locked.
            let lower_open = if is_collective {
                let in_meeting = subjects
                    .iter()
                    .filter(|s| s.kind == "collective" && s.decided_level.is_none() && s.subject_id != subject_id)
                    .filter(|s| is_below(read, s.subject_id, subject_id))
                    .count();
                let meetings = read
                    .meetings()?
                    .iter()
                    .filter(|m| m.year == meeting.year && m.locked_at.is_none() && m.meta.id != meeting_id)
                    .filter(|m| is_below(read, m.unit_id, subject_id))
                    .count();
                (in_meeting + meetings) as u32
            } else {
                0
            };
            // A person after the meeting's collective (which comes after every collective below it) and after the
            // collective they head.
            let own_collective = collective_headed(&subjects, &subject);
            let collectives_decided = [collective, own_collective].into_iter().flatten().all(|c| c.decided_level.is_some());
            if let Some(problem) = decision_order(is_collective, collectives_decided, lower_open) {
                return Err(ServiceError::DecisionOrder(problem));
            }
            if level != subject.proposed_level && reason.is_none() {
                return Err(invalid(
                    "reason",
                    "Mức quyết định khác mức đề xuất: cần ghi rõ lý do.",
                    "The decision differs from the proposal: give the reason in writing.",
                ));
            }
            let choice = RuleChoice::load(read)?;
            let rules = choice.for_group(subject.group_code.as_deref().unwrap_or(crate::catalog::OTHER_GROUP_CODE));
            if rules.evaluation.head_not_above_collective {
                if let Some(collective_level) = own_collective.and_then(|c| c.decided_level) {
                    if level != Level::NotRated && collective_level != Level::NotRated && level.rank() > collective_level.rank() {
                        return Err(ServiceError::HeadAboveCollective { collective: collective_level.label(Lang::Vi).into() });
                    }
                }
            }
            if level == Level::Excellent && !is_collective {
                within_quota(&subjects, &subject, level, rules)?;
            }
            let meta = store::Meta { revision: w.next_revision()?, updated_at: stamp.now, ..subject.meta.clone() };
            w.save_subject(&SubjectRecord {
                meta,
                decided_level: Some(level),
                decision_reason: reason.clone(),
                decided_by: Some(username.clone()),
                decided_at: Some(stamp.now),
                ..subject
            })?;
            w.audit(&username, "meetings.decide", &format!("{meeting_id} {subject_id} {}", level.code()))?;
            Ok(())
        })
    }

    /// Locks the results once attendance is recorded and every subject decided.
    pub fn lock_meeting(&mut self, session: &Session, meeting_id: Uuid) -> Result<()> {
        session.require(Permission::DecideWork)?;
        let stamp = self.stamp()?;
        let username = session.username.clone();
        self.change_meeting(session, meeting_id, |w, meeting| {
            if meeting.present == 0 {
                return Err(invalid("present", "Chưa ghi thành phần dự họp.", "Attendance is not recorded."));
            }
            let open = w.read().subjects_of(meeting_id)?.iter().filter(|s| s.decided_level.is_none()).count();
            if open > 0 {
                return Err(ServiceError::MeetingUndecided { open });
            }
            let meta = store::Meta { revision: w.next_revision()?, updated_at: stamp.now, ..meeting.meta.clone() };
            w.save_meeting(&MeetingRecord { meta, locked_at: Some(stamp.now), locked_by: Some(username.clone()), ..meeting })?;
            w.audit(&username, "meetings.lock", &meeting_id.to_string())?;
            Ok(())
        })
    }

    /// Runs a change on an open meeting in one transaction; a locked meeting refuses every change.
    fn change_meeting(
        &mut self,
        _session: &Session,
        meeting_id: Uuid,
        change: impl FnOnce(&store::Writer<'_>, MeetingRecord) -> Result<()>,
    ) -> Result<()> {
        self.store.write(|w| {
            let meeting = w.read().meeting_by_id(meeting_id)?.ok_or(ServiceError::UnknownMeeting)?;
            if meeting.locked_at.is_some() {
                return Err(ServiceError::MeetingLocked);
            }
            change(w, meeting)
        })
    }

    pub fn meetings(&self, session: &Session) -> Result<Vec<MeetingLine>> {
        session.require(Permission::Read)?;
        let read = self.store.read();
        let units: std::collections::HashMap<Uuid, (String, String)> =
            read.units()?.into_iter().map(|u| (u.id, (u.code, u.name))).collect();
        let mut lines = Vec::new();
        for m in read.meetings()? {
            let subjects = read.subjects_of(m.meta.id)?;
            let (unit_code, unit_name) = units.get(&m.unit_id).cloned().unwrap_or_default();
            lines.push(MeetingLine {
                id: m.meta.id,
                year: m.year,
                unit_code,
                unit_name,
                held_on: m.held_on,
                decided: subjects.iter().filter(|s| s.decided_level.is_some()).count(),
                subjects: subjects.len(),
                locked: m.locked_at.is_some(),
            });
        }
        Ok(lines)
    }

    pub fn meeting_detail(&self, session: &Session, meeting_id: Uuid, lang: Lang) -> Result<MeetingDetail> {
        session.require(Permission::Read)?;
        let read = self.store.read();
        let m = read.meeting_by_id(meeting_id)?.ok_or(ServiceError::UnknownMeeting)?;
        let unit = read.unit_by_id(m.unit_id)?;
        let choice = RuleChoice::load(read)?;
        let subjects = read
            .subjects_of(meeting_id)?
            .into_iter()
            .map(|s| {
                let rules = choice.by_code(&s.ruleset_code).unwrap_or_else(|| choice.default_set()).clone();
                SubjectView {
                    id: s.meta.id,
                    kind: s.kind,
                    subject_id: s.subject_id,
                    name: s.name,
                    position: s.position,
                    group_code: s.group_code,
                    is_head: s.is_head,
                    head_of_unit: s.head_of_unit,
                    points: s.points.map(|p| p as f64 / 100.0),
                    computed_label: rules.level_name(s.computed_level, lang),
                    computed_level: s.computed_level,
                    proposed_label: rules.level_name(s.proposed_level, lang),
                    proposed_level: s.proposed_level,
                    proposal_reason: s.proposal_reason,
                    proposed_by: s.proposed_by,
                    quota_adjusted: s.quota_adjusted,
                    tie_rank: s.tie_rank,
                    reasons: s.reasons.iter().map(|r| r.message(lang)).collect(),
                    ruleset: s.ruleset_code,
                    ruleset_version: s.ruleset_version,
                    vote_method: s.vote.as_ref().map(|v| v.method.clone()),
                    votes: s.vote.as_ref().map(|v| v.counts),
                    passed_level: s.vote.as_ref().and_then(|v| passed(v.counts, m.present)),
                    decided_label: s.decided_level.map(|l| rules.level_name(l, lang)).unwrap_or_default(),
                    decided_level: s.decided_level,
                    decision_reason: s.decision_reason,
                    decided_by: s.decided_by,
                    decided_at: s.decided_at,
                }
            })
            .collect();
        Ok(MeetingDetail {
            id: m.meta.id,
            year: m.year,
            unit_code: unit.as_ref().map(|u| u.code.clone()).unwrap_or_default(),
            unit_name: unit.map(|u| u.name).unwrap_or_default(),
            held_on: m.held_on,
            place: m.place,
            chair: m.chair,
            secretary: m.secretary,
            invited: m.invited,
            present: m.present,
            absent_note: m.absent_note,
            locked: m.locked_at.is_some(),
            locked_by: m.locked_by,
            locked_at: m.locked_at,
            subjects,
        })
    }
}

/// The subjects of a unit's meeting, in the order the decisions must follow (DOMAIN.md rule 8): the collectives of
/// the units below that have no meeting of their own, lowest first, then the unit's collective, then every person;
/// each with the level the rules computed, the proposal (the computed level, or the staff's where one was made with
/// its reason), the committee's tie order where it settled a tie, and the rule set and version it came from.
pub(crate) fn subjects_for(
    classification: &super::Classification,
    unit_id: Uuid,
    meeting_id: Uuid,
    order: &DecisionTree,
    mut meta: impl FnMut() -> Result<store::Meta>,
) -> Result<Vec<SubjectRecord>> {
    let mut subjects = Vec::new();
    let undecided = |meta: store::Meta, ordinal: i64| SubjectRecord {
        meta,
        meeting_id,
        ordinal,
        kind: String::new(),
        subject_id: Uuid::nil(),
        name: String::new(),
        position: None,
        group_code: None,
        is_head: false,
        points: None,
        proposed_level: Level::NotRated,
        quota_adjusted: false,
        reasons: Vec::new(),
        ruleset_code: String::new(),
        ruleset_version: 0,
        vote: None,
        decided_level: None,
        decision_reason: None,
        decided_by: None,
        decided_at: None,
        computed_level: Level::NotRated,
        proposal_reason: None,
        proposed_by: None,
        proposed_at: None,
        tie_rank: None,
        head_of_unit: None,
    };
    let mut collectives: Vec<&super::CollectiveResult> = classification
        .collectives
        .iter()
        .filter(|c| c.unit_id == unit_id || (order.is_below(c.unit_id, unit_id) && !order.has_own_meeting(c.unit_id)))
        .collect();
    collectives.sort_by_key(|c| (std::cmp::Reverse(order.depth(c.unit_id)), c.unit_code.clone()));
    for c in collectives {
        let ordinal = subjects.len() as i64 + 1;
        subjects.push(SubjectRecord {
            kind: "collective".into(),
            subject_id: c.unit_id,
            name: c.unit_name.clone(),
            // No result reported for any target: no completion to show (a 0,00 would read as a failed unit).
            points: (!c.reason_codes.iter().any(|r| matches!(r, Reason::NoTargetResults { .. }))).then_some(c.points_basis),
            computed_level: c.computed_level,
            proposed_level: c.proposed_level,
            proposal_reason: c.proposal_reason.clone(),
            reasons: c.reason_codes.clone(),
            ruleset_code: c.ruleset.clone(),
            ruleset_version: c.ruleset_version,
            ..undecided(meta()?, ordinal)
        });
    }
    for p in &classification.people {
        let ordinal = subjects.len() as i64 + 1;
        subjects.push(SubjectRecord {
            kind: "person".into(),
            subject_id: p.person_id,
            name: p.name.clone(),
            position: p.position.clone(),
            group_code: Some(p.group.clone()),
            is_head: p.is_head,
            head_of_unit: p.head_of_unit,
            // No period assessed: no points yet, rather than a 0,00 that reads as a score.
            points: (p.periods_assessed > 0).then_some(p.points_basis),
            computed_level: p.computed_level,
            proposed_level: p.proposed_level,
            proposal_reason: p.proposal_reason.clone(),
            quota_adjusted: p.quota_adjusted,
            tie_rank: p.tie_rank,
            reasons: p.reason_codes.clone(),
            ruleset_code: p.ruleset.clone(),
            ruleset_version: p.ruleset_version,
            ..undecided(meta()?, ordinal)
        });
    }
    Ok(subjects)
}

/// The unit tree as the order of decisions needs it: each unit's depth, its parent, and which units hold a review
/// meeting of their own in the year.
pub(crate) struct DecisionTree {
    parent: std::collections::HashMap<Uuid, Option<Uuid>>,
    depth: std::collections::HashMap<Uuid, usize>,
    own_meeting: std::collections::HashSet<Uuid>,
}

impl DecisionTree {
    pub fn load(read: store::Reader<'_>, year: i32) -> Result<DecisionTree> {
        let (mut parent, mut depth) = (std::collections::HashMap::new(), std::collections::HashMap::new());
        // Parents come before their children.
        for unit in read.units()? {
            let d = unit.parent_id.and_then(|p| depth.get(&p).map(|d| d + 1)).unwrap_or(0);
            depth.insert(unit.id, d);
            parent.insert(unit.id, unit.parent_id);
        }
        let own_meeting = read.meetings()?.into_iter().filter(|m| m.year == year).map(|m| m.unit_id).collect();
        Ok(DecisionTree { parent, depth, own_meeting })
    }

    fn depth(&self, unit: Uuid) -> usize {
        self.depth.get(&unit).copied().unwrap_or(0)
    }

    fn has_own_meeting(&self, unit: Uuid) -> bool {
        self.own_meeting.contains(&unit)
    }

    /// Whether `unit` lies strictly below `above`.
    fn is_below(&self, unit: Uuid, above: Uuid) -> bool {
        let mut at = self.parent.get(&unit).copied().flatten();
        for _ in 0..64 {
            match at {
                Some(p) if p == above => return true,
                Some(p) => at = self.parent.get(&p).copied().flatten(),
                None => return false,
            }
        }
        false
    }
}

/// The collective subject a person heads in this meeting (for rows written before heads of sub-units were kept,
/// the meeting's own collective when the person is marked its head).
fn collective_headed<'a>(subjects: &'a [SubjectRecord], person: &SubjectRecord) -> Option<&'a SubjectRecord> {
    if person.kind != "person" {
        return None;
    }
    match person.head_of_unit {
        Some(unit) => subjects.iter().find(|s| s.kind == "collective" && s.subject_id == unit),
        None if person.is_head => subjects.iter().find(|s| s.kind == "collective"),
        None => None,
    }
}

/// Refuses a level for `subject` that would pass its position group's Excellent ceiling in this meeting, counting
/// every decision so far and the proposals not yet decided.
fn within_quota(subjects: &[SubjectRecord], subject: &SubjectRecord, level: Level, rules: &domain::ruleset::RuleSet) -> Result<()> {
    let same_group: Vec<&SubjectRecord> = subjects.iter().filter(|s| s.kind == "person" && s.group_code == subject.group_code).collect();
    let current = |s: &SubjectRecord| if s.subject_id == subject.subject_id { level } else { s.decided_level.unwrap_or(s.proposed_level) };
    let entries: Vec<domain::evaluation::QuotaEntry> = same_group
        .iter()
        .map(|s| domain::evaluation::QuotaEntry {
            id: s.subject_id.as_u128(),
            level: current(s),
            points: s.points.unwrap_or(0),
            tie_rank: s.tie_rank,
            outstanding_unit: false,
        })
        .collect();
    let outcome = domain::evaluation::apply_quota(&entries, &rules.quota);
    let excellent = same_group.iter().filter(|s| current(s) == Level::Excellent).count() as u32;
    if excellent > outcome.ceiling {
        return Err(ServiceError::QuotaExceeded { ceiling: outcome.ceiling, base: outcome.base });
    }
    Ok(())
}

fn subject_in(read: store::Reader<'_>, meeting_id: Uuid, subject_id: Uuid) -> Result<SubjectRecord> {
    read.subjects_of(meeting_id)?.into_iter().find(|s| s.subject_id == subject_id).ok_or(ServiceError::UnknownPerson)
}

/// Whether `unit` lies strictly below `above`.
fn is_below(read: store::Reader<'_>, unit: Uuid, above: Uuid) -> bool {
    let mut at = read.unit_by_id(unit).ok().flatten().and_then(|u| u.parent_id);
    let mut steps = 0;
    while let Some(parent) = at {
        if parent == above {
            return true;
        }
        steps += 1;
        if steps > 64 {
            return false;
        }
        at = read.unit_by_id(parent).ok().flatten().and_then(|u| u.parent_id);
    }
    false
}
