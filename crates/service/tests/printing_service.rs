//! Printed documents through the service API on real SQLite files: the view-models of the commune demo's minutes,
//! forms, reports and lists, a meeting not voted yet, the print settings and their refusals, and a unit named in
//! capitals. The PDF itself is checked once the renderer lays it out (last tests here, and the CLI contract).

use thuocdo_service as service;

use chrono::{NaiveDate, TimeZone, Utc};
use documents::{DocumentView, FormVariant, HeaderFormat};
use domain::numbers::format_count;
use domain::text::compare_person_names;
use service::demo::{create_demo, DemoScale, DEMO_PASSWORD, DEMO_YEAR};
use service::evaluation::{Level, MeetingInput};
use service::printing::{DocumentRequest, PrintOptions, PrintSettings};
use service::{create_office, Lang, NewOffice, Office, ServiceError, Session};
use std::cmp::Ordering;
use unicode_normalization::UnicodeNormalization;

fn demo() -> (tempfile::TempDir, Office, Session) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    create_demo(&path, DemoScale::Commune, 3, None).unwrap();
    let mut office = Office::open(&path).unwrap();
    let session = office.login(None, DEMO_PASSWORD).unwrap();
    (dir, office, session)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 30).unwrap()
}

fn minutes(office: &Office, session: &Session, meeting_id: uuid::Uuid) -> documents::MinutesView {
    match office.document_view(session, &DocumentRequest::Minutes { meeting_id }, today()).unwrap() {
        DocumentView::Minutes(view) => view,
        other => panic!("expected minutes, got {other:?}"),
    }
}

#[test]
fn the_minutes_of_a_demo_meeting_carry_the_attendance_and_every_vote() {
    let (_dir, office, session) = demo();
    let meeting = office.meetings(&session).unwrap().remove(0);
    let detail = office.meeting_detail(&session, meeting.id, Lang::Vi).unwrap();
    let view = minutes(&office, &session, meeting.id);

    assert_eq!(view.letterhead.format, HeaderFormat::Party);
    assert!(view.letterhead.issuer.starts_with("ĐẢNG ỦY XÃ "), "{}", view.letterhead.issuer);
    assert_eq!(view.letterhead.number, "Số      -BB/ĐU");
    assert!(view.letterhead.place_date.ends_with(&format!("tháng 12 năm {DEMO_YEAR}")), "{}", view.letterhead.place_date);
    assert_eq!(view.summary, format!("Hội nghị kiểm điểm, đánh giá, xếp loại chất lượng năm {DEMO_YEAR}"));
    assert!(view.body_name.starts_with("Đảng ủy xã "), "{}", view.body_name);
    assert_eq!(view.invited, format_count(i64::from(detail.invited)));
    assert_eq!(view.present, format_count(i64::from(detail.present)));
    assert_eq!(view.absent, format_count(i64::from(detail.invited - detail.present)));
    assert_eq!((view.chair.as_str(), view.secretary.as_str()), (detail.chair.as_str(), detail.secretary.as_str()));
    assert_eq!(view.left_signature.title, "THƯ KÝ");
    assert_eq!(view.left_signature.name, detail.secretary);
    assert_eq!(view.right_signature.title, "CHỦ TRÌ HỘI NGHỊ");
    assert_eq!(view.right_signature.name, detail.chair);
    assert!(view.locked);

    assert_eq!(view.subjects.len(), detail.subjects.len());
    assert!(view.subjects[0].is_collective && view.subjects[0].name.starts_with("Tập thể "), "the collective comes first");
    let mut voted = 0;
    for (printed, subject) in view.subjects.iter().zip(&detail.subjects) {
        assert_eq!(printed.name == subject.name, !printed.is_collective);
        // The demo votes on everyone it could rate; someone not rated (too few months) has no vote.
        assert_eq!(printed.votes, subject.votes.map(|counts| counts.map(|n| format_count(i64::from(n)))), "{}", printed.name);
        if subject.votes.is_some() {
            voted += 1;
            assert_eq!(printed.method, "bỏ phiếu kín");
            assert!(!printed.passed.is_empty(), "{printed:?}");
        }
        assert_eq!(printed.decided, subject.decided_label);
        assert!(!printed.decided.is_empty() && !printed.proposal.is_empty(), "{printed:?}");
        if !printed.is_collective && subject.proposed_level != Level::NotRated {
            assert!(printed.proposal.contains(" điểm — "), "{}", printed.proposal);
        }
    }
    assert!(voted * 10 >= view.subjects.len() * 9, "{voted} of {} voted on", view.subjects.len());
    let (excellent, ceiling) = view.quota_line.split_once(' ').and_then(|(n, _)| n.split_once('/')).expect("a quota line");
    assert!(excellent.parse::<u32>().unwrap() <= ceiling.parse::<u32>().unwrap(), "{}", view.quota_line);
    assert!(view.quota_line.ends_with("(không vượt giới hạn 20 %)"), "{}", view.quota_line);
}

#[test]
fn a_freshly_opened_meeting_without_votes_still_gives_sensible_minutes() {
    let (_dir, mut office, session) = demo();
    let summary = office.summary(&session).unwrap();
    let unit_code = format!("{}-UBND", summary.unit_code);
    let input = MeetingInput {
        year: DEMO_YEAR,
        unit_code: unit_code.clone(),
        held_on: "28/12/2026".into(),
        place: "Hội trường UBND".into(),
        chair: "Nguyễn Văn Chủ".into(),
        secretary: "Trần Thị Thư".into(),
    };
    let id = office.open_meeting(&session, &input, Lang::Vi).unwrap();
    let view = minutes(&office, &session, id);
    assert!(!view.locked);
    assert_eq!((view.invited.as_str(), view.present.as_str(), view.absent.as_str()), ("", "", ""), "attendance not recorded yet");
    assert!(view.subjects.len() > 1);
    for subject in &view.subjects {
        assert_eq!(subject.votes, None, "{}", subject.name);
        assert_eq!((subject.method.as_str(), subject.passed.as_str(), subject.decided.as_str()), ("", "", ""));
        assert!(!subject.proposal.is_empty());
    }
    assert_eq!(view.letterhead.place_date, format!("{}, ngày 28 tháng 12 năm 2026", place_of(&office, &session)));
    // The meeting's own unit, not the office's, issues these minutes.
    let unit = office.units(&session, Lang::Vi).unwrap().into_iter().find(|u| u.code == unit_code).unwrap();
    assert!(view.letterhead.issuer.ends_with(&unit.name.to_uppercase()), "{} / {}", view.letterhead.issuer, unit.name);
    assert!(view.letterhead.superior.starts_with("ĐẢNG BỘ XÃ "), "{}", view.letterhead.superior);

    office.set_attendance(&session, id, 12, 10, "2 đồng chí đi công tác").unwrap();
    let view = minutes(&office, &session, id);
    assert_eq!((view.invited.as_str(), view.present.as_str(), view.absent.as_str()), ("12", "10", "2"));
    assert_eq!(view.absent_note, "2 đồng chí đi công tác");
}

fn place_of(office: &Office, session: &Session) -> String {
    office.print_settings(session).unwrap().place
}

#[test]
fn results_rows_are_grouped_by_unit_in_vietnamese_given_name_order() {
    let (_dir, office, session) = demo();
    let unit = office.summary(&session).unwrap().unit_code;
    let request = DocumentRequest::Results { unit_code: unit.clone(), year: DEMO_YEAR };
    let DocumentView::Results(view) = office.document_view(&session, &request, today()).unwrap() else { panic!("results") };
    assert_eq!(view.title, format!("DANH SÁCH KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG NĂM {DEMO_YEAR}"));
    assert!(view.groups.len() > 1, "the commune's agencies");
    let mut people = 0;
    for group in &view.groups {
        for pair in group.rows.windows(2) {
            assert_ne!(compare_person_names(&pair[0].name, &pair[1].name), Ordering::Greater, "{} before {}", pair[0].name, pair[1].name);
        }
        for (i, row) in group.rows.iter().enumerate() {
            assert_eq!(row.ordinal, (i + 1).to_string());
            assert_eq!(row.birth_date.len(), 10, "dd/mm/yyyy: {}", row.birth_date);
            assert!(!row.level.is_empty());
            assert_eq!(row.note, "", "the demo's locked meeting decided everyone");
        }
        people += group.rows.len();
    }
    assert_eq!(people, office.roster(&session).unwrap().len());
    let counted: usize = view.totals.iter().map(|t| t.count.replace('.', "").parse::<usize>().unwrap()).sum();
    assert_eq!(counted, people);
    assert!(view.totals.iter().all(|t| t.percent.ends_with(" %")));

    // A year no meeting has decided lists the proposals, marked as such.
    let next = DocumentRequest::Results { unit_code: unit, year: DEMO_YEAR + 1 };
    let DocumentView::Results(view) = office.document_view(&session, &next, today()).unwrap() else { panic!("results") };
    assert!(view.groups.iter().flat_map(|g| &g.rows).all(|r| r.note == "Đề xuất"));
}

#[test]
fn print_settings_round_trip_and_a_bad_margin_is_rejected_with_nothing_saved() {
    let (_dir, mut office, session) = demo();
    let defaults = office.print_settings(&session).unwrap();
    let unit_name = office.summary(&session).unwrap().unit_name;
    assert_eq!(defaults.page, documents::PageSettings::default());
    assert_eq!(defaults.party_issuer, format!("ĐẢNG ỦY {}", unit_name.to_uppercase()));
    assert_eq!(defaults.state_issuer, format!("ỦY BAN NHÂN DÂN {}", unit_name.to_uppercase()));
    assert_eq!(defaults.party_superior, "", "the demo commune's province is not in its tree");
    assert_eq!(defaults.place, unit_name.split_once(' ').unwrap().1);

    let typed = PrintSettings {
        page: documents::PageSettings { margin_top_mm: 25, margin_left_mm: 35, body_size_pt: 13, ..defaults.page.clone() },
        party_superior: "Đảng bộ tỉnh Sông Lam".nfd().collect(),
        place: "  Hoà   Bình ".into(),
        ..defaults.clone()
    };
    office.save_print_settings(&session, &typed).unwrap();
    let saved = office.print_settings(&session).unwrap();
    assert_eq!(saved.page, typed.page);
    assert_eq!(saved.party_superior, "ĐẢNG BỘ TỈNH SÔNG LAM", "header lines are kept NFC and in capitals");
    assert_eq!(saved.place, "Hoà Bình");
    assert_eq!(saved.party_issuer, defaults.party_issuer);

    let bad = PrintSettings {
        page: documents::PageSettings { margin_top_mm: 2, margin_left_mm: 90, ..typed.page.clone() },
        place: "Nơi khác".into(),
        ..typed
    };
    match office.save_print_settings(&session, &bad) {
        Err(ServiceError::InvalidFields(issues)) => {
            let fields: Vec<&str> = issues.iter().map(|i| i.field.as_str()).collect();
            assert_eq!(fields, ["margin_top_mm", "margin_left_mm"]);
            assert!(issues[0].message.contains("Lề trên") && issues[0].message.contains("5 đến 50 mm"), "{}", issues[0].message);
        }
        other => panic!("expected field errors, got {other:?}"),
    }
    assert_eq!(office.print_settings(&session).unwrap(), saved, "nothing of the refused settings was saved");

    // The saved header lines are what the office's documents carry.
    let request = DocumentRequest::Results { unit_code: office.summary(&session).unwrap().unit_code, year: DEMO_YEAR };
    let DocumentView::Results(view) = office.document_view(&session, &request, today()).unwrap() else { panic!("results") };
    assert_eq!(view.letterhead.superior, "ĐẢNG BỘ TỈNH SÔNG LAM");
    assert_eq!(view.letterhead.place_date, "Hoà Bình, ngày 30 tháng 12 năm 2026");
}

#[test]
fn a_unit_named_in_capitals_with_diacritics_comes_out_right() {
    let dir = tempfile::tempdir().unwrap();
    let new = NewOffice {
        unit_name: "ĐẢNG ỦY XÃ HOÀ BÌNH".nfd().collect(),
        unit_code: "XA-HOABINH".into(),
        level: "commune".into(),
        parent_code: None,
        admin: "admin".into(),
    };
    let mut office = create_office(&dir.path().join("office.db"), &new, "Mật khẩu 2026").unwrap();
    let session = office.login(Some("admin"), "Mật khẩu 2026").unwrap();
    let settings = office.print_settings(&session).unwrap();
    assert_eq!(settings.party_issuer, "ĐẢNG ỦY XÃ HOÀ BÌNH");
    assert!(settings.party_issuer.nfc().eq(settings.party_issuer.chars()), "NFC");
    assert_eq!(settings.state_issuer, "ỦY BAN NHÂN DÂN XÃ HOÀ BÌNH");
    assert_eq!(settings.place, "Hoà Bình");
    let request = DocumentRequest::Results { unit_code: "xa-hoabinh".into(), year: 2026 };
    let DocumentView::Results(view) = office.document_view(&session, &request, today()).unwrap() else { panic!("results") };
    assert_eq!(view.letterhead.issuer, "ĐẢNG ỦY XÃ HOÀ BÌNH");
    assert_eq!(view.letterhead.place_date, "Hoà Bình, ngày 30 tháng 12 năm 2026");
    assert!(view.groups.is_empty(), "no people yet, and still a list to print");
}

#[test]
fn forms_reports_and_registers_of_the_demo_are_filled_and_formatted() {
    let (_dir, office, session) = demo();
    let unit = office.summary(&session).unwrap().unit_code;

    // A leader's annual form, and the same person's third quarter.
    let leader = office
        .roster(&session)
        .unwrap()
        .into_iter()
        .find(|p| p.position.as_deref().is_some_and(|name| name.starts_with("Bí thư")))
        .expect("the commune has a secretary");
    let annual = DocumentRequest::Form { person_id: leader.person_id, year: DEMO_YEAR, period: None };
    let DocumentView::Form(form) = office.document_view(&session, &annual, today()).unwrap() else { panic!("form") };
    assert_eq!(form.variant, FormVariant::Leader);
    assert_eq!(form.period, format!("năm {DEMO_YEAR}"));
    assert_eq!(form.name, leader.full_name);
    assert!(!form.criteria.is_empty() && form.criteria.iter().all(|c| !c.self_points.is_empty() && !c.superior_points.is_empty()));
    assert!(form.self_total.contains(',') || form.self_total.parse::<u32>().is_ok(), "{}", form.self_total);
    assert!(!form.superior_level.is_empty() && !form.authority_level.is_empty(), "{form:?}");
    let quarter = DocumentRequest::Form { person_id: leader.person_id, year: DEMO_YEAR, period: Some("Q3".into()) };
    let DocumentView::Form(form) = office.document_view(&session, &quarter, today()).unwrap() else { panic!("form") };
    assert_eq!((form.variant, form.period.as_str()), (FormVariant::Periodic, "quý III năm 2026"));
    assert!(!form.self_level.is_empty() && !form.superior_total.is_empty() && form.authority_level.is_empty());
    let bad = DocumentRequest::Form { person_id: leader.person_id, year: DEMO_YEAR, period: Some("mùa thu".into()) };
    assert_eq!(office.document_view(&session, &bad, today()).unwrap_err().code(), "form.invalid");

    let request = DocumentRequest::Collective { unit_code: unit.clone(), year: DEMO_YEAR };
    let DocumentView::Collective(report) = office.document_view(&session, &request, today()).unwrap() else { panic!("collective") };
    assert_eq!(report.letterhead.number, "Số      -BC/ĐU");
    assert!(!report.targets.is_empty() && report.targets_summary.starts_with(&format!("{} chỉ tiêu: ", report.targets.len())));
    assert!(!report.proposal.is_empty() && !report.decided.is_empty());
    let members: usize = report.members.iter().map(|m| m.count.parse::<usize>().unwrap()).sum();
    assert_eq!(members, office.roster(&session).unwrap().len());

    let request = DocumentRequest::Targets { unit_code: unit.clone(), year: DEMO_YEAR, as_of: Some("30/11/2026".into()) };
    let DocumentView::Targets(sheet) = office.document_view(&session, &request, today()).unwrap() else { panic!("targets") };
    assert_eq!(sheet.letterhead.format, HeaderFormat::State, "the target sheet is the People's Committee's");
    assert_eq!(sheet.letterhead.number, "");
    assert_eq!(sheet.as_of, "số liệu đến ngày 30/11/2026");
    let words = ["Vượt", "Đạt", "Đang thực hiện", "Có nguy cơ", "Không đạt", "Chưa có số liệu"];
    assert!(!sheet.groups.is_empty(), "{sheet:?}");
    for group in &sheet.groups {
        assert!(!group.rows.is_empty());
        for (i, row) in group.rows.iter().enumerate() {
            assert_eq!(row.ordinal, (i + 1).to_string(), "numbered within the group");
            assert!(words.contains(&row.status.as_str()), "{}", row.status);
        }
    }
    let bad = DocumentRequest::Targets { unit_code: unit.clone(), year: DEMO_YEAR, as_of: Some("31/02/2026".into()) };
    assert_eq!(office.document_view(&session, &bad, today()).unwrap_err().code(), "form.invalid");

    let request = DocumentRequest::Breakthrough { unit_code: None, year: DEMO_YEAR };
    let DocumentView::Breakthrough(register) = office.document_view(&session, &request, today()).unwrap() else { panic!("register") };
    assert_eq!(register.rows.len(), office.breakthrough_tasks(&session, DEMO_YEAR, Lang::Vi).unwrap().len());
    assert!(register.rows.iter().all(|r| r.deadline.len() == 10 && !r.state.is_empty()));
    assert!(register.rows.iter().any(|r| !r.decision.is_empty()), "approved tasks name their decision");

    let programme = office.programmes(&session, None, today(), Lang::Vi).unwrap().remove(0);
    let request = DocumentRequest::Programme { programme_id: programme.id };
    let DocumentView::Programme(view) = office.document_view(&session, &request, today()).unwrap() else { panic!("programme") };
    assert_eq!(view.items.len(), programme.items.len());
    assert!(!view.items.is_empty(), "the demo programme has items to print");
    assert!(view.title.starts_with("Chương trình hành động khi được"), "{}", view.title);
    assert!(view.items.iter().all(|i| !i.work.is_empty() && !i.person.is_empty() && i.deadline.len() == 10));
    assert_eq!(view.signature.name, programme.person_name);

    let unknown = DocumentRequest::Minutes { meeting_id: uuid::Uuid::nil() };
    assert_eq!(office.document_view(&session, &unknown, today()).unwrap_err().code(), "meeting.unknown");
}

#[test]
fn a_printed_document_is_a_pdf_and_the_same_fixed_date_gives_the_same_bytes() {
    let (_dir, office, session) = demo();
    let meeting = office.meetings(&session).unwrap().remove(0);
    let request = DocumentRequest::Minutes { meeting_id: meeting.id };
    let options = PrintOptions { fixed_date: Some(Utc.with_ymd_and_hms(2026, 12, 30, 8, 0, 0).unwrap()), header: None };
    let first = office.print_document(&session, &request, &options).unwrap();
    assert!(first.bytes.starts_with(b"%PDF"), "a PDF");
    assert!(first.pages >= 1);
    assert!(first.file_name.starts_with(&format!("bien-ban-hoi-nghi-{DEMO_YEAR}-")) && first.file_name.ends_with(".pdf"));
    assert!(first.file_name.is_ascii(), "{}", first.file_name);
    let second = office.print_document(&session, &request, &options).unwrap();
    assert_eq!(first.bytes, second.bytes, "same data, same fixed date, same bytes");
    let state = office.print_document(&session, &request, &PrintOptions { header: Some(HeaderFormat::State), ..options }).unwrap();
    assert_ne!(first.bytes, state.bytes, "the State header is another document");
}
