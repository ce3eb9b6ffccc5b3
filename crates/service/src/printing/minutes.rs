//! Biên bản hội nghị kiểm điểm (HD 16-HD/VPTW content): from the meeting as the meetings screen shows it.

use super::common::{code_part, Built, Context};
use super::letterhead::{self, party_body_name, UnitInfo};
use crate::auth::Session;
use crate::error::Result;
use crate::evaluation::SubjectView;
use crate::office::Office;
use documents::{DocumentView, HeaderFormat, MinutesSubject, MinutesView, Signature};
use domain::evaluation::{apply_quota, Level, QuotaEntry};
use domain::numbers::to_hundredths;
use domain::numbers::{format_count, format_hundredths};
use domain::ruleset::RuleSet;
use domain::Lang;
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

pub(super) fn build(office: &Office, session: &Session, meeting_id: Uuid, context: Context) -> Result<Built> {
    let detail = office.meeting_detail(session, meeting_id, Lang::Vi)?;
    let unit = office.store.read().unit_by_code(&detail.unit_code)?;
    let meeting_unit = unit.as_ref().map(|u| u.meta.id).unwrap_or_default();
    let (_, lines) = office.print_setup(session, unit.as_ref().map(|u| u.meta.id))?;
    let info = UnitInfo { name: detail.unit_name.clone(), level: unit.map(|u| u.level).unwrap_or_default() };
    let body_name = party_body_name(&info);
    let format = context.format(HeaderFormat::Party);
    let attendance = |n: u32| if detail.invited == 0 { String::new() } else { format_count(i64::from(n)) };

    let subjects = detail
        .subjects
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let rules = rules_of(s);
            let is_collective = s.kind == "collective";
            MinutesSubject {
                ordinal: (i + 1).to_string(),
                // The meeting's own collective by its Party body's name; a sub-unit's by the unit's.
                name: match (is_collective, s.subject_id == meeting_unit) {
                    (true, true) => format!("Tập thể {body_name}"),
                    (true, false) => format!("Tập thể {}", s.name),
                    (false, _) => s.name.clone(),
                },
                position: s.position.clone().unwrap_or_default(),
                is_collective,
                computed: computed(s, is_collective),
                proposal: s.proposed_label.clone(),
                proposal_reason: s.proposal_reason.clone().unwrap_or_default(),
                method: s.vote_method.as_deref().map(method_words).unwrap_or_default().into(),
                votes: s.votes.map(|counts| counts.map(|n| format_count(i64::from(n)))),
                passed: s.passed_level.map(|l| rules.level_name(l, Lang::Vi)).unwrap_or_default(),
                decided: s.decided_label.clone(),
                decision_reason: s.decision_reason.clone().unwrap_or_default(),
            }
        })
        .collect();

    let view = MinutesView {
        letterhead: letterhead::letterhead(&lines, format, Some("BB"), detail.held_on),
        summary: format!("Hội nghị kiểm điểm, đánh giá, xếp loại chất lượng năm {}", detail.year),
        body_name,
        held_on: letterhead::long_date(detail.held_on),
        start_time: String::new(),
        end_time: String::new(),
        place: detail.place.clone(),
        chair: detail.chair.clone(),
        secretary: detail.secretary.clone(),
        invited: attendance(detail.invited),
        present: attendance(detail.present),
        absent: attendance(detail.invited.saturating_sub(detail.present)),
        absent_note: detail.absent_note.clone().unwrap_or_default(),
        guests: String::new(),
        quota_line: quota_line(&detail.subjects),
        tie_order: tie_order(&detail.subjects),
        locked: detail.locked,
        subjects,
        left_signature: Signature { on_behalf: String::new(), title: "THƯ KÝ".into(), name: detail.secretary.clone() },
        right_signature: Signature { on_behalf: String::new(), title: "CHỦ TRÌ HỘI NGHỊ".into(), name: detail.chair.clone() },
    };
    Ok(Built {
        view: DocumentView::Minutes(view),
        file_name: format!("bien-ban-hoi-nghi-{}-{}.pdf", detail.year, code_part(&detail.unit_code)),
    })
}

/// The rule set a subject was proposed under (kept with the subject), so its levels are named as that set names
/// them even if the office has chosen another since.
fn rules_of(subject: &SubjectView) -> RuleSet {
    RuleSet::by_code(&subject.ruleset).unwrap_or_else(RuleSet::default_set)
}

fn method_words(code: &str) -> &'static str {
    match code {
        "hands" => "giơ tay",
        _ => "bỏ phiếu kín",
    }
}

/// "92,50 điểm — Hoàn thành xuất sắc nhiệm vụ": what the rules computed. A collective's basis is its target
/// completion, not points out of 100, and someone not rated has no points worth printing: both show the level alone.
fn computed(subject: &SubjectView, is_collective: bool) -> String {
    match subject.points {
        Some(points) if !is_collective && subject.computed_level != Level::NotRated => {
            format!("{} điểm — {}", format_hundredths(to_hundredths(points), 2), subject.computed_label)
        }
        _ => subject.computed_label.clone(),
    }
}

/// "1. Nguyễn Văn An; 2. Trần Thị Bình": the people whose place at the quota's edge the committee's order settled.
fn tie_order(subjects: &[SubjectView]) -> String {
    let mut ranked: Vec<(u32, &str)> = subjects.iter().filter_map(|s| s.tie_rank.map(|r| (r, s.name.as_str()))).collect();
    ranked.sort();
    ranked.iter().map(|(rank, name)| format!("{rank}. {name}")).collect::<Vec<_>>().join("; ")
}

/// "3/3 (không vượt giới hạn 20 %)": the people rated Excellent (decided, else proposed) against the sum of each
/// position group's ceiling, counted as the decision step counts it. Empty when no rule set caps Excellent.
fn quota_line(subjects: &[SubjectView]) -> String {
    let mut groups: BTreeMap<(String, String), Vec<&SubjectView>> = BTreeMap::new();
    for s in subjects.iter().filter(|s| s.kind == "person") {
        groups.entry((s.group_code.clone().unwrap_or_default(), s.ruleset.clone())).or_default().push(s);
    }
    let (mut excellent, mut ceiling, mut over) = (0u32, 0u32, false);
    let mut percents = BTreeSet::new();
    for members in groups.values() {
        let rules = rules_of(members[0]);
        if rules.quota.percent >= 100 {
            continue;
        }
        let current = |s: &SubjectView| s.decided_level.unwrap_or(s.proposed_level);
        let entries: Vec<QuotaEntry> = members
            .iter()
            .map(|s| QuotaEntry {
                id: s.subject_id.as_u128(),
                level: current(s),
                points: s.points.map(to_hundredths).unwrap_or(0),
                tie_rank: None,
                outstanding_unit: false,
            })
            .collect();
        let outcome = apply_quota(&entries, &rules.quota);
        let count = members.iter().filter(|s| current(s) == Level::Excellent).count() as u32;
        excellent += count;
        ceiling += outcome.ceiling;
        over |= count > outcome.ceiling;
        percents.insert(outcome.percent);
    }
    if percents.is_empty() {
        return String::new();
    }
    let limit = match (percents.len(), percents.first()) {
        (1, Some(percent)) => format!("giới hạn {percent} %"),
        _ => "giới hạn của từng nhóm chức danh".into(),
    };
    format!("{excellent}/{ceiling} ({} {limit})", if over { "vượt" } else { "không vượt" })
}
