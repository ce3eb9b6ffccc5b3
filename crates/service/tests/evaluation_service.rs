//! Evaluation through the service API on real SQLite files: the quota and the explanations on the province demo,
//! a review meeting run from attendance to locked results with every refusal the rules require, closed periods,
//! and anonymous feedback.

use thuocdo_service as service;

use service::demo::{create_demo, DemoScale, DEMO_PASSWORD, DEMO_YEAR};
use service::evaluation::{Level, MeetingInput, PeriodAssessmentInput, VoteInput};
use service::work::Period;
use service::{Lang, Office, Session};
use std::collections::{BTreeMap, HashMap};

fn demo(scale: DemoScale) -> (tempfile::TempDir, Office, Session) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    create_demo(&path, scale, 3, None).unwrap();
    let (office, session) = Office::unlock(&path, None, DEMO_PASSWORD).unwrap();
    (dir, office, session)
}

#[test]
fn the_province_demo_respects_the_quota_in_every_group_and_explains_every_level() {
    let (_dir, office, session) = demo(DemoScale::Province);
    let summary = office.summary(&session).unwrap();
    let classification = office.classify(&session, DEMO_YEAR, &summary.unit_code, Lang::Vi).unwrap();
    assert!(classification.people.len() > 9_000);
    // The quota holds within each deciding authority's group: commune key posts across the province, other staff
    // within their commune (a group under five keeps one place).
    let units = office.units(&session, Lang::Vi).unwrap();
    let by_code: HashMap<&str, &service::UnitItem> = units.iter().map(|u| (u.code.as_str(), u)).collect();
    let commune_of = |code: &str| -> String {
        let mut at = by_code[code];
        while !matches!(at.level.as_str(), "commune" | "ward" | "special_zone") {
            match at.parent_code.as_deref().and_then(|p| by_code.get(p)) {
                Some(parent) => at = parent,
                None => break,
            }
        }
        at.code.clone()
    };
    let decided_by: HashMap<String, service::evaluation::DecidedBy> =
        office.authority(&session).unwrap().into_iter().map(|a| (a.group_code, a.decided_by)).collect();
    let mut groups: HashMap<(String, String, String), (u32, u32)> = HashMap::new();
    for p in &classification.people {
        assert!(!p.reasons.is_empty(), "{} has no explanation", p.name);
        assert!(p.reasons.iter().all(|r| !r.trim().is_empty()));
        let decider = match decided_by.get(&p.group) {
            Some(service::evaluation::DecidedBy::Province) => summary.unit_code.clone(),
            _ => commune_of(&p.unit_code),
        };
        let entry = groups.entry((p.group.clone(), p.ruleset.clone(), decider)).or_default();
        match p.proposed_level {
            Level::Excellent => {
                entry.0 += 1;
                entry.1 += 1;
            }
            Level::Good => entry.1 += 1,
            _ => {}
        }
        if p.quota_adjusted {
            assert_eq!(p.proposed_level, Level::Good);
        }
    }
    for ((group, _, decider), (excellent, good_or_excellent)) in &groups {
        let ceiling = if *good_or_excellent < 5 { 1.min(*good_or_excellent) } else { good_or_excellent * 20 / 100 };
        assert!(*excellent <= ceiling, "group {group} of {decider}: {excellent} Excellent of {good_or_excellent}");
    }
    assert!(groups.keys().any(|(g, _, d)| g == "bi_thu_xa" && *d == summary.unit_code), "commune secretaries are decided by the province");
    let excellent: usize = classification.people.iter().filter(|p| p.proposed_level == Level::Excellent).count();
    assert!(excellent > 0, "the demo has Excellent cadres");
    // Every cadre is evaluated by products: at least 95 % of those rated have an appraised product in every month
    // they worked (none is missing), and no Excellent proposal lacks products or tasks.
    let rated: Vec<_> = classification.people.iter().filter(|p| p.proposed_level != Level::NotRated).collect();
    let complete = rated.iter().filter(|p| p.missing_periods.is_empty() && p.tasks.total > 0).count();
    assert!(complete * 100 >= rated.len() * 95, "{complete} of {} rated have products in every month worked", rated.len());
    assert!(classification.people.iter().filter(|p| p.proposed_level == Level::Excellent).all(|p| p.tasks.total > 0));
    assert!(classification.people.iter().all(|p| !p.typed_task_points), "no typed task results under the default rule set");
    // A second path, from each person's own products and facts (every 400th rated person): the months with an
    // appraised product cover the months worked.
    for p in rated.iter().step_by(400) {
        let view = office.products(&session, p.person_id, DEMO_YEAR, Lang::Vi).unwrap();
        let months: std::collections::BTreeSet<_> = view.products.iter().filter(|x| x.score.is_some()).filter_map(|x| x.period).collect();
        let facts = office.year_facts(&session, DEMO_YEAR, p.person_id).unwrap();
        let worked = facts.months_worked - facts.months_absent;
        assert!(months.len() as u32 >= worked, "{}: products in {} months, worked {worked}", p.name, months.len());
        assert_eq!(view.score.as_ref().map(|s| s.year.total), Some(p.points_basis), "{}: the profile and the classification agree", p.name);
    }
    // A cadre's level is the same whichever unit is classified: the quota applies within the deciding authority's
    // group (commune staff by their commune, commune key posts by the province), not within the unit asked.
    let by_id: HashMap<_, _> = classification.people.iter().map(|p| (p.person_id, p)).collect();
    let communes: Vec<String> = office
        .units(&session, Lang::Vi)
        .unwrap()
        .into_iter()
        .filter(|u| matches!(u.level.as_str(), "commune" | "ward" | "special_zone"))
        .map(|u| u.code)
        .collect();
    assert!(communes.len() >= 150);
    for commune in communes.iter().step_by(50) {
        let alone = office.classify(&session, DEMO_YEAR, commune, Lang::Vi).unwrap();
        assert!(!alone.people.is_empty(), "{commune}");
        for p in &alone.people {
            let in_province = by_id[&p.person_id];
            assert_eq!(
                (p.proposed_level, p.quota_adjusted, &p.reasons),
                (in_province.proposed_level, in_province.quota_adjusted, &in_province.reasons),
                "{} of {commune}",
                p.name
            );
        }
    }
    // The attention list reads the same period levels: only the few with repeated low months, not everyone.
    let attention = office.attention_list(&session, DEMO_YEAR, &summary.unit_code, Lang::Vi).unwrap();
    let low = attention.iter().filter(|a| a.kind == service::evaluation::AttentionKind::RepeatedLowPeriods).count();
    assert!(low * 20 < rated.len(), "{low} people with repeated low months of {}", rated.len());
    // The points carry their parts, which add up.
    for p in &rated {
        assert_eq!(p.general_basis + p.task_basis, p.points_basis, "{}", p.name);
        assert!(p.provisional_text.is_empty(), "the demo's twelve months are closed: {}", p.name);
        assert!(p.points_summary.starts_with(&p.points_text), "{}: {}", p.name, p.points_summary);
    }
    assert!(classification.people.iter().any(|p| p.quota_adjusted), "the demo shows the quota at work");
    // Collectives have the quota too, within each tier under one unit (the province's communes; a commune's
    // agencies), and a collective's level is also the same whichever unit is classified.
    fn tier(level: &str) -> &str {
        if matches!(level, "commune" | "ward" | "special_zone") {
            "commune"
        } else {
            level
        }
    }
    let mut collective_groups: HashMap<(&str, Option<&str>), (u32, u32)> = HashMap::new();
    for c in &classification.collectives {
        let unit = by_code[c.unit_code.as_str()];
        let entry = collective_groups.entry((tier(&unit.level), unit.parent_code.as_deref())).or_default();
        match c.proposed_level {
            Level::Excellent => {
                entry.0 += 1;
                entry.1 += 1;
            }
            Level::Good => entry.1 += 1,
            Level::NotCompleted => assert!(c.reasons.len() > 1, "{} is not completed without a reason: {:?}", c.unit_name, c.reasons),
            _ => {}
        }
    }
    for ((tier, parent), (excellent, good_or_excellent)) in &collective_groups {
        let ceiling = if *good_or_excellent < 5 { 1.min(*good_or_excellent) } else { good_or_excellent * 20 / 100 };
        assert!(*excellent <= ceiling, "collectives {tier} under {parent:?}: {excellent} Excellent of {good_or_excellent}");
    }
    let moved = classification
        .collectives
        .iter()
        .filter(|c| c.reason_codes.iter().any(|r| matches!(r, service::evaluation::Reason::QuotaMoved { .. })))
        .count();
    assert!(moved > 0, "the demo shows the collectives' quota at work");
    let collective_by_id: HashMap<_, _> = classification.collectives.iter().map(|c| (c.unit_id, c)).collect();
    for commune in communes.iter().step_by(50) {
        for c in office.classify(&session, DEMO_YEAR, commune, Lang::Vi).unwrap().collectives {
            let in_province = collective_by_id[&c.unit_id];
            assert_eq!((c.proposed_level, &c.reasons), (in_province.proposed_level, &in_province.reasons), "{}", c.unit_name);
        }
    }
    assert_eq!(office.meetings(&session).unwrap().iter().filter(|m| m.locked).count(), 152, "one locked meeting per commune");
}

#[test]
fn a_review_meeting_from_attendance_to_locked_results() {
    let (_dir, mut office, session) = demo(DemoScale::Commune);
    let summary = office.summary(&session).unwrap();
    let unit = format!("{}-UBND", summary.unit_code);
    let input = MeetingInput {
        year: DEMO_YEAR,
        unit_code: unit.clone(),
        held_on: "28/12/2026".into(),
        place: "Hội trường UBND".into(),
        chair: "Chủ tịch UBND".into(),
        secretary: "Chánh Văn phòng".into(),
    };
    let id = office.open_meeting(&session, &input, Lang::Vi).unwrap();
    assert_eq!(office.open_meeting(&session, &input, Lang::Vi).unwrap_err().code(), "meeting.exists");
    let detail = office.meeting_detail(&session, id, Lang::Vi).unwrap();
    let collective = detail.subjects.first().expect("the collective comes first").clone();
    assert_eq!(collective.kind, "collective");
    let people: Vec<_> = detail.subjects.iter().filter(|s| s.kind == "person").cloned().collect();
    assert!(!people.is_empty());

    // The collective before its members; a vote needs attendance; no more votes than people present.
    let first = &people[0];
    assert_eq!(office.decide(&session, id, first.subject_id, first.proposed_level, "").unwrap_err().code(), "meeting.order");
    let vote = VoteInput { method: "ballot".into(), excellent: 0, good: 9, completed: 1, not_completed: 0 };
    assert_eq!(office.record_vote(&session, id, collective.subject_id, &vote).unwrap_err().code(), "form.invalid");
    office.set_attendance(&session, id, 12, 10, "2 đồng chí đi công tác").unwrap();
    let too_many = VoteInput { good: 11, ..vote.clone() };
    assert_eq!(office.record_vote(&session, id, collective.subject_id, &too_many).unwrap_err().code(), "form.invalid");
    let absurd = VoteInput { excellent: u32::MAX, good: u32::MAX, ..vote.clone() };
    assert_eq!(office.record_vote(&session, id, collective.subject_id, &absurd).unwrap_err().code(), "form.invalid", "no overflow");
    let passed = office.record_vote(&session, id, collective.subject_id, &vote).unwrap();
    assert_eq!(passed, Some(Level::Good), "9 of 10 present");

    // A decision other than the proposal needs a written reason.
    let other = if collective.proposed_level == Level::Good { Level::Completed } else { Level::Good };
    assert_eq!(office.decide(&session, id, collective.subject_id, other, " ").unwrap_err().code(), "form.invalid");
    office.decide(&session, id, collective.subject_id, Level::Completed, "Còn chậm giải quyết hồ sơ đất đai").unwrap();

    // The head may not be rated above the collective now decided lower.
    if let Some(head) = people.iter().find(|p| p.is_head) {
        assert_eq!(
            office.decide(&session, id, head.subject_id, Level::Good, "Hoàn thành tốt").unwrap_err().code(),
            "meeting.head_above_collective"
        );
    }
    assert_eq!(office.lock_meeting(&session, id).unwrap_err().code(), "meeting.undecided");
    for p in &people {
        let level = if p.is_head { p.proposed_level.min(Level::Completed) } else { p.proposed_level };
        let reason = if level == p.proposed_level { "" } else { "Không cao hơn tập thể" };
        office.decide(&session, id, p.subject_id, level, reason).unwrap();
    }
    office.lock_meeting(&session, id).unwrap();
    let locked = office.meeting_detail(&session, id, Lang::Vi).unwrap();
    assert!(locked.locked && locked.locked_by.as_deref() == Some("admin"));
    assert!(locked.subjects.iter().all(|s| s.decided_level.is_some() && s.decided_by.is_some()));
    assert_eq!(locked.subjects[0].decision_reason.as_deref(), Some("Còn chậm giải quyết hồ sơ đất đai"));
    assert_eq!(office.decide(&session, id, first.subject_id, Level::NotCompleted, "đổi ý").unwrap_err().code(), "meeting.locked");
    // The decided levels are now what the classification reports.
    let classification = office.classify(&session, DEMO_YEAR, &unit, Lang::Vi).unwrap();
    let decided = classification.collectives.iter().find(|c| c.unit_code == unit).and_then(|c| c.decided_level);
    assert_eq!(decided, Some(Level::Completed));
}

#[test]
fn a_closed_period_keeps_its_points_and_feedback_stays_anonymous() {
    let (_dir, mut office, session) = demo(DemoScale::Commune);
    let periods = office.periods(&session, DEMO_YEAR, Lang::Vi).unwrap();
    assert_eq!(periods.len(), 12);
    assert!(periods.iter().all(|p| p.closed));
    let person = office.roster(&session).unwrap()[0].person_id;
    let points: BTreeMap<String, String> =
        [("politics", "8"), ("ethics", "8"), ("discipline", "7"), ("style", "7")].into_iter().map(|(k, v)| (k.into(), v.into())).collect();
    let input = PeriodAssessmentInput {
        period_id: periods[0].id,
        person_id: person,
        points: points.clone(),
        text: String::new(),
        task_points: String::new(),
        task_points_reason: String::new(),
    };
    assert_eq!(office.self_assess(&session, &input).unwrap_err().code(), "period.closed");

    // A new period takes points within each criterion's maximum.
    let next = office.open_period(&session, DEMO_YEAR + 1, Period::Month(1), Lang::Vi).unwrap();
    let too_high = PeriodAssessmentInput {
        period_id: next.id,
        points: [("politics".to_string(), "9".to_string())].into_iter().collect(),
        ..input.clone()
    };
    match office.self_assess(&session, &too_high) {
        Err(service::ServiceError::InvalidFields(issues)) => assert!(issues.iter().any(|i| i.field == "politics")),
        other => panic!("expected field errors, got {other:?}"),
    }
    office.self_assess(&session, &PeriodAssessmentInput { period_id: next.id, ..input }).unwrap();
    office.close_period(&session, next.id).unwrap();
    assert_eq!(office.close_period(&session, next.id).unwrap_err().code(), "period.closed");

    // Feedback: once per rater; a group's result hidden below the minimum number of raters.
    let raters: Vec<_> = office.roster(&session).unwrap().into_iter().skip(1).take(3).map(|p| p.person_id).collect();
    office.give_feedback(&session, DEMO_YEAR, person, raters[0], "peers", "80").unwrap();
    assert_eq!(office.give_feedback(&session, DEMO_YEAR, person, raters[0], "peers", "90").unwrap_err().code(), "feedback.already_rated");
    office.give_feedback(&session, DEMO_YEAR, person, raters[1], "peers", "90").unwrap();
    let summary = office.feedback_summary(&session, DEMO_YEAR, person).unwrap();
    let peers = summary.groups.iter().find(|g| g.code == "peers").unwrap();
    assert_eq!((peers.raters, peers.mean), (2, None), "two raters are under the minimum of three");
    office.give_feedback(&session, DEMO_YEAR, person, raters[2], "peers", "100").unwrap();
    let summary = office.feedback_summary(&session, DEMO_YEAR, person).unwrap();
    assert_eq!(summary.groups.iter().find(|g| g.code == "peers").unwrap().mean, Some(90.0));
}

/// Issue 16, every list exported: the results screen's people and collectives as an .xlsx file whose rows are the
/// screen's, with the points as numbers and the levels in words.
#[test]
fn the_years_results_export_to_a_spreadsheet_row_for_row() {
    let (dir, office, session) = demo(DemoScale::Commune);
    let unit = office.summary(&session).unwrap().unit_code;
    let classification = office.classify(&session, DEMO_YEAR, &unit, Lang::Vi).unwrap();
    let path = dir.path().join("kết quả.xlsx");
    let (people, collectives) = office.export_results(&session, DEMO_YEAR, &unit, &path, Lang::Vi).unwrap();
    assert_eq!((people, collectives), (classification.people.len(), classification.collectives.len()));
    let csv = dir.path().join("kết quả.csv");
    assert!(office.export_results(&session, DEMO_YEAR, &unit, &csv, Lang::Vi).is_err(), "only .xlsx is written");
    assert!(!csv.exists(), "nothing written under the wrong name");

    let people_sheet = tabular::read_table(&path).unwrap();
    assert_eq!(people_sheet.rows[0].cells[..5], ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Điểm"].map(String::from));
    assert_eq!(people_sheet.rows.len(), people + 1);
    for (row, person) in people_sheet.rows[1..].iter().zip(&classification.people) {
        assert_eq!(row.cells[1], person.name);
        let points: f64 = row.cells[4].replace(',', ".").parse().unwrap_or_else(|_| panic!("points as a number: {:?}", row.cells[4]));
        assert!((points * 100.0 - person.points_basis as f64).abs() < 0.5, "{} {}", row.cells[4], person.points_basis);
        assert_eq!(row.cells[5], person.computed_label);
        assert_eq!(row.cells[6], person.level_label);
        assert_eq!(row.cells[7], person.decided_level.map(|l| l.label(Lang::Vi).to_string()).unwrap_or_default());
    }
    // The second sheet: the collectives, one row each under the header.
    use std::io::Read as _;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut workbook = String::new();
    zip.by_name("xl/workbook.xml").unwrap().read_to_string(&mut workbook).unwrap();
    assert!(workbook.contains("Cá nhân") && workbook.contains("Tập thể"), "{workbook}");
    let mut second = String::new();
    zip.by_name("xl/worksheets/sheet2.xml").unwrap().read_to_string(&mut second).unwrap();
    assert_eq!(second.matches("<row ").count(), collectives + 1);
}
