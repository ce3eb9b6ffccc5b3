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
    let (office, session) = Office::unlock(&path, None, DEMO_PASSWORD).unwrap();
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
        // What the rules computed, with the points to hundredths as everywhere else; the proposal beside it.
        if !printed.is_collective && subject.computed_level != Level::NotRated {
            let points = domain_points(subject.points.unwrap());
            assert_eq!(printed.computed, format!("{points} điểm — {}", subject.computed_label));
        }
        assert_eq!(printed.proposal, subject.proposed_label);
        assert_eq!(printed.proposal_reason, subject.proposal_reason.clone().unwrap_or_default());
    }
    assert!(voted * 10 >= view.subjects.len() * 9, "{voted} of {} voted on", view.subjects.len());
    let (excellent, ceiling) = view.quota_line.split_once(' ').and_then(|(n, _)| n.split_once('/')).expect("a quota line");
    assert!(excellent.parse::<u32>().unwrap() <= ceiling.parse::<u32>().unwrap(), "{}", view.quota_line);
    assert!(view.quota_line.ends_with("(không vượt giới hạn 20 %)"), "{}", view.quota_line);
}

/// "94,50" from 94.5.
fn domain_points(points: f64) -> String {
    format!("{points:.2}").replace('.', ",")
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
fn the_print_folder_is_a_full_path_made_when_saved_and_empty_means_the_default() {
    let (dir, mut office, session) = demo();
    let defaults = office.print_settings(&session).unwrap();
    assert_eq!(defaults.folder, None);
    assert_eq!(defaults.chosen_folder(), None);

    let refused = |office: &mut Office, folder: &str| match office
        .save_print_settings(&session, &PrintSettings { folder: Some(folder.into()), ..defaults.clone() })
    {
        Err(ServiceError::InvalidFields(issues)) => {
            assert_eq!(issues.iter().map(|i| i.field.as_str()).collect::<Vec<_>>(), ["folder"]);
            issues[0].message.clone()
        }
        other => panic!("{folder}: expected a field error, got {other:?}"),
    };
    assert!(refused(&mut office, "In ấn").contains("đường dẫn đầy đủ"));
    let file = dir.path().join("một tệp");
    std::fs::write(&file, b"x").unwrap();
    assert!(refused(&mut office, &file.join("con").display().to_string()).contains("Không tạo được thư mục in"));
    assert_eq!(office.print_settings(&session).unwrap().folder, None, "nothing saved");

    let chosen = dir.path().join("Văn bản in").join("2026");
    let with_folder = PrintSettings { folder: Some(format!("  {}  ", chosen.display())), ..defaults.clone() };
    office.save_print_settings(&session, &with_folder).unwrap();
    assert!(chosen.is_dir(), "made when saved, so the first print does not fail on it");
    let saved = office.print_settings(&session).unwrap();
    assert_eq!(saved.folder.as_deref(), Some(chosen.display().to_string().as_str()));
    assert_eq!(saved.chosen_folder(), Some(chosen));

    office.save_print_settings(&session, &PrintSettings { folder: Some("   ".into()), ..saved }).unwrap();
    assert_eq!(office.print_settings(&session).unwrap().folder, None, "empty goes back to the default");
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
    let options =
        PrintOptions { fixed_date: Some(Utc.with_ymd_and_hms(2026, 12, 30, 8, 0, 0).unwrap()), header: None, ..PrintOptions::default() };
    let first = office.print_document(&session, &request, &options).unwrap();
    assert!(first.bytes.starts_with(b"%PDF"), "a PDF");
    assert!(first.pages.is_some_and(|p| p >= 1));
    assert!(first.file_name.starts_with(&format!("bien-ban-hoi-nghi-{DEMO_YEAR}-")) && first.file_name.ends_with(".pdf"));
    assert!(first.file_name.is_ascii(), "{}", first.file_name);
    let second = office.print_document(&session, &request, &options).unwrap();
    assert_eq!(first.bytes, second.bytes, "same data, same fixed date, same bytes");
    let state = office.print_document(&session, &request, &PrintOptions { header: Some(HeaderFormat::State), ..options }).unwrap();
    assert_ne!(first.bytes, state.bytes, "the State header is another document");
}

// ---- The month's form with its products, and the unit's monthly summary list (issue 13) ----

/// Runs a poppler or qpdf tool on a PDF and returns what it printed; the tools are installed by `make test`.
fn tool(program: &str, args: &[&str]) -> String {
    let output = std::process::Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} must be installed (make test installs it): {e}"));
    let text = String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{program} {args:?} failed: {text}");
    text
}

/// Prints the request to a PDF in `dir` (and into THUOCDO_KEEP_PDFS when set, to look at the pages), checks it
/// with qpdf and pdffonts, and returns its path.
fn print_to(office: &Office, session: &Session, request: &DocumentRequest, dir: &std::path::Path) -> std::path::PathBuf {
    let options =
        PrintOptions { fixed_date: Some(Utc.with_ymd_and_hms(2026, 4, 2, 8, 0, 0).unwrap()), header: None, ..PrintOptions::default() };
    let printed = office.print_document(session, request, &options).unwrap();
    assert!(printed.file_name.is_ascii() && printed.file_name.ends_with(".pdf"), "{}", printed.file_name);
    let path = dir.join(&printed.file_name);
    std::fs::write(&path, &printed.bytes).unwrap();
    if let Some(keep) = std::env::var_os("THUOCDO_KEEP_PDFS") {
        std::fs::write(std::path::Path::new(&keep).join(&printed.file_name), &printed.bytes).unwrap();
    }
    let file = path.to_str().unwrap();
    assert!(tool("qpdf", &["--check", file]).contains("No syntax or stream encoding errors"));
    let fonts = tool("pdffonts", &[file]);
    let lines: Vec<&str> = fonts.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
    assert!(!lines.is_empty(), "{fonts}");
    for line in lines {
        let columns: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(&columns[columns.len() - 5..columns.len() - 2], &["yes", "yes", "yes"], "not embedded, subset and mapped: {line}");
    }
    let info = tool("pdfinfo", &[file]);
    let pages = info.lines().find_map(|l| l.strip_prefix("Pages:")).map(|n| n.trim().parse::<usize>().unwrap());
    assert_eq!(pages, printed.pages, "{info}");
    // A page renders (the picture is what was looked at when this was written).
    let png = dir.join("page");
    tool("pdftoppm", &["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", file, png.to_str().unwrap()]);
    assert!(std::fs::metadata(dir.join("page.png")).unwrap().len() > 10_000);
    path
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Each word of each text, in order, from `at` on: a text wrapped inside a table cell still reads in order.
fn assert_in_order<'a>(text: &str, mut at: usize, texts: impl IntoIterator<Item = &'a str>) -> usize {
    for expected in texts {
        for word in expected.split_whitespace() {
            at += text[at..].find(word).unwrap_or_else(|| panic!("{word:?} of {expected:?} missing or out of order in: {}", &text[at..]))
                + word.len();
        }
    }
    at
}

/// Hundredths from "87,64".
fn hundredths(text: &str) -> i64 {
    let (whole, part) = text.split_once(',').unwrap_or((text, "00"));
    whole.replace('.', "").parse::<i64>().unwrap() * 100 + part.parse::<i64>().unwrap()
}

#[test]
fn a_months_form_lists_its_products_and_prints_the_total_the_period_sheet_gives() {
    let (dir, office, session) = demo();
    let unit = office.summary(&session).unwrap().unit_code;
    let period = office.period_named(&session, DEMO_YEAR, "T3", Lang::Vi).unwrap();
    let sheet = office.period_sheet(&session, period.id, &unit, Lang::Vi).unwrap();
    let roster = office.roster(&session).unwrap();
    let leader = roster.iter().find(|p| p.position.as_deref().is_some_and(|n| n.starts_with("Bí thư"))).unwrap();
    let other = roster.iter().find(|p| p.position.as_deref().is_some_and(|n| n.starts_with("Chuyên viên"))).unwrap();
    for person in [leader, other] {
        let row = sheet.rows.iter().find(|r| r.person_id == person.person_id).unwrap();
        assert!(!row.summary.is_empty(), "the demo's March is appraised: {row:?}");
        let filter = service::work::ProductFilter {
            year: DEMO_YEAR,
            period: Some(period.period),
            unit_code: None,
            person_id: Some(person.person_id),
        };
        let products = office.product_list(&session, &filter, Lang::Vi).unwrap();
        assert!(products.len() >= 2, "{} has {} products in March", person.full_name, products.len());

        let request = DocumentRequest::Form { person_id: person.person_id, year: DEMO_YEAR, period: Some("T3".into()) };
        let DocumentView::Form(form) = office.document_view(&session, &request, today()).unwrap() else { panic!("form") };
        assert_eq!(form.variant, FormVariant::Periodic);
        let titles: Vec<&str> = form.products.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, products.iter().map(|p| p.product.title.as_str()).collect::<Vec<_>>());
        for (printed, line) in form.products.iter().zip(&products) {
            let assessment = line.product.assessment.expect("appraised");
            assert_eq!(printed.coefficient, line.product.coefficient_text);
            assert_eq!(printed.required, format!("{} {}", line.product.required_text, line.product.measure).trim());
            assert_eq!(printed.delivered, domain::numbers::format_quantity(assessment.delivered));
            assert_eq!(
                (printed.major_errors.clone(), printed.delays.clone()),
                (assessment.major_errors.to_string(), assessment.delays.to_string())
            );
            assert_eq!(format!("{} %", printed.score.trim_end_matches('0').trim_end_matches(',')), line.product.score_text);
            assert!(printed.source.starts_with(&line.source_text), "{} / {}", printed.source, line.source_text);
        }
        assert_eq!(form.scores.len(), 1);
        let score = &form.scores[0];
        assert_eq!(score.summary, row.summary, "the total with its parts, as the period sheet gives it");
        assert_eq!(score.missing, "");
        let task = domain::numbers::format_hundredths(domain::numbers::to_hundredths(row.task_points.unwrap()), 2);
        assert_eq!(score.task, format!("{task} / {}", row.task_max));
        assert!(score.task_basis.starts_with("tỷ lệ hoàn thành sản phẩm quy đổi "), "{}", score.task_basis);
        assert_eq!(form.superior_total, row.total_text);
        assert_eq!(form.task_points, task);
        assert_eq!(form.superior_level, row.level_label);

        let path = print_to(&office, &session, &request, dir.path());
        let text = squash(&tool("pdftotext", &[path.to_str().unwrap(), "-"]));
        let products_part = text.find("II. SẢN PHẨM VÀ KẾT QUẢ THỰC HIỆN NHIỆM VỤ").expect("the products part");
        let after = assert_in_order(&text, products_part, products.iter().map(|p| p.product.title.as_str()));
        assert!(text[after..].contains(&format!("Kết quả thực hiện nhiệm vụ: {task} / {} điểm", row.task_max)), "{text}");
        assert!(text.contains(&format!("Tổng điểm: {}.", row.summary)), "the period sheet's {:?} in: {text}", row.summary);
        assert!(text.contains(&person.full_name) && text.contains("Tháng 3 năm 2026"), "{text}");
    }
}

#[test]
fn the_monthly_list_has_every_person_of_the_period_sheet_with_the_same_points_in_the_same_order() {
    let (dir, office, session) = demo();
    let unit = office.summary(&session).unwrap().unit_code;
    let period = office.period_named(&session, DEMO_YEAR, "T3", Lang::Vi).unwrap();
    let sheet = office.period_sheet(&session, period.id, &unit, Lang::Vi).unwrap();
    let filter =
        service::work::ProductFilter { year: DEMO_YEAR, period: Some(period.period), unit_code: Some(unit.clone()), person_id: None };
    let products = office.product_list(&session, &filter, Lang::Vi).unwrap();

    // Typed in lower case, as a user may: the same list.
    let request = DocumentRequest::Monthly { unit_code: unit.to_lowercase(), year: DEMO_YEAR, period: "t3".into() };
    let DocumentView::Monthly(list) = office.document_view(&session, &request, today()).unwrap() else { panic!("monthly") };
    assert_eq!(list.title, format!("DANH SÁCH TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ THÁNG 3 NĂM {DEMO_YEAR}"));
    assert!(list.subtitle.ends_with(" và các đơn vị trực thuộc"), "{}", list.subtitle);
    assert_eq!(list.letterhead.format, HeaderFormat::State, "the head of the unit's list");
    assert_eq!((list.general_max.as_str(), list.task_max.as_str()), ("30", "70"));
    assert_eq!(list.signatures[0].title, "NGƯỜI LẬP BIỂU");
    assert_eq!(list.rows.len(), sheet.rows.len());
    assert_eq!(list.rows.len(), office.roster(&session).unwrap().len());
    for pair in list.rows.windows(2) {
        assert_ne!(compare_person_names(&pair[0].name, &pair[1].name), Ordering::Greater, "{} before {}", pair[0].name, pair[1].name);
    }
    for (i, (printed, row)) in list.rows.iter().zip(&sheet.rows).enumerate() {
        assert_eq!(printed.ordinal, (i + 1).to_string());
        assert_eq!(printed.name, row.name);
        assert_eq!(printed.total, row.total_text, "{}", row.name);
        assert_eq!(printed.level, row.level_label);
        assert_eq!(printed.task, domain::numbers::format_hundredths(domain::numbers::to_hundredths(row.task_points.unwrap()), 2));
        assert_eq!(hundredths(&printed.general) + hundredths(&printed.task), hundredths(&printed.total), "{printed:?}");
        assert!(row.summary.starts_with(&format!("{} / 100: tiêu chí chung {} / 30", printed.total, printed.general)), "{}", row.summary);
        let own: Vec<_> = products.iter().filter(|p| p.person_id == row.person_id && !p.product.proposed).collect();
        let appraised = own.iter().filter(|p| p.product.assessment.is_some()).count();
        assert_eq!(printed.products, format!("{appraised}/{}", own.len()));
        assert_eq!(printed.note, "");
    }
    let counted: Vec<(String, usize)> =
        list.totals.iter().map(|t| (t.label.clone(), t.count.replace('.', "").parse::<usize>().unwrap())).collect();
    let (total_label, total) = counted.last().unwrap();
    assert_eq!((total_label.as_str(), *total), ("Tổng số", sheet.rows.len()));
    assert_eq!(counted[..counted.len() - 1].iter().map(|(_, n)| n).sum::<usize>(), sheet.rows.len());
    for (label, count) in &counted[..4] {
        assert_eq!(*count, sheet.rows.iter().filter(|r| &r.level_label == label).count(), "{label}");
    }

    let path = print_to(&office, &session, &request, dir.path());
    let file = path.to_str().unwrap();
    assert!(path.file_name().unwrap().to_str().unwrap().starts_with(&format!("tong-hop-danh-gia-{DEMO_YEAR}-t3-")));
    assert!(tool("pdfinfo", &[file]).contains("841.89 x 595.276 pts (A4)"), "A4 landscape");
    // Every person's line of the page carries their total, in the sheet's order.
    let layout = tool("pdftotext", &["-layout", file, "-"]);
    let mut at = 0;
    for (i, row) in sheet.rows.iter().enumerate() {
        let start = format!("{} {}", i + 1, row.name.split(' ').take(2).collect::<Vec<_>>().join(" "));
        let found = layout[at..].lines().position(|l| squash(l).starts_with(&start)).unwrap_or_else(|| panic!("no line for {start}"));
        let line = layout[at..].lines().nth(found).unwrap();
        assert!(line.split_whitespace().any(|w| w == row.total_text), "{} missing on: {line}", row.total_text);
        at += layout[at..].find(line).unwrap() + line.len();
    }
    let text = squash(&tool("pdftotext", &[file, "-"]));
    let place_date = format!("{}, ngày 02 tháng 4 năm 2026", place_of(&office, &session));
    for expected in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TỔNG HỢP THEO MỨC XẾP LOẠI", "NGƯỜI LẬP BIỂU", &place_date]
    {
        assert!(text.contains(expected), "missing {expected:?}: {text}");
    }
    // The Party's header on request.
    let options = PrintOptions { fixed_date: None, header: Some(HeaderFormat::Party), ..PrintOptions::default() };
    let party = office.print_document(&session, &request, &options).unwrap();
    assert!(party.bytes.starts_with(b"%PDF"));

    let unknown = DocumentRequest::Monthly { unit_code: unit.clone(), year: DEMO_YEAR + 1, period: "T3".into() };
    assert_eq!(office.document_view(&session, &unknown, today()).unwrap_err().code(), "period.unknown");
    let bad = DocumentRequest::Monthly { unit_code: unit, year: DEMO_YEAR, period: "mùa thu".into() };
    assert_eq!(office.document_view(&session, &bad, today()).unwrap_err().code(), "form.invalid");
    let nowhere = DocumentRequest::Monthly { unit_code: "KHONG-CO".into(), year: DEMO_YEAR, period: "T3".into() };
    assert_eq!(office.document_view(&session, &nowhere, today()).unwrap_err().code(), "org.unknown_unit");
}

#[test]
fn a_month_not_fully_appraised_is_printed_as_such_on_the_form_and_the_list() {
    let (dir, mut office, session) = demo();
    let unit = office.summary(&session).unwrap().unit_code;
    // December of the year before: over, opened now, nothing in it yet.
    let year = DEMO_YEAR - 1;
    let period = office.open_period(&session, year, domain::targets::Period::Month(12), Lang::Vi).unwrap();
    let person = office.roster(&session).unwrap().into_iter().find(|p| p.position.is_some()).unwrap();
    let sheet = office.period_sheet(&session, period.id, &unit, Lang::Vi).unwrap();
    let criteria = sheet.rows.iter().find(|r| r.person_id == person.person_id).unwrap().criteria.clone();
    office
        .superior_assess(
            &session,
            &service::evaluation::PeriodAssessmentInput {
                period_id: period.id,
                person_id: person.person_id,
                points: criteria.iter().map(|c| (c.code.clone(), c.max.to_string())).collect(),
                ..Default::default()
            },
        )
        .unwrap();
    office
        .add_product(
            &session,
            &service::work::ProductInput {
                person_id: person.person_id,
                year,
                period: Some(domain::targets::Period::Month(12)),
                title: "Báo cáo tổng kết công tác năm".into(),
                required: "1".into(),
                source: None,
                proposed: false,
                coefficient: "1,5".into(),
                measure: "báo cáo".into(),
                deadline: String::new(),
                kind: String::new(),
            },
        )
        .unwrap();
    let sheet = office.period_sheet(&session, period.id, &unit, Lang::Vi).unwrap();
    let row = sheet.rows.iter().find(|r| r.person_id == person.person_id).unwrap();
    assert!(row.summary.is_empty() && !row.missing.is_empty(), "{row:?}");

    let request = DocumentRequest::Form { person_id: person.person_id, year, period: Some("T12".into()) };
    let DocumentView::Form(form) = office.document_view(&session, &request, today()).unwrap() else { panic!("form") };
    assert_eq!(form.products.len(), 1);
    assert_eq!((form.products[0].score.as_str(), form.products[0].delivered.as_str()), ("Chưa thẩm định", ""));
    assert_eq!((form.products[0].coefficient.as_str(), form.products[0].required.as_str()), ("1,5", "1 báo cáo"));
    let missing = &form.scores[0].missing;
    assert!(missing.starts_with("Chưa thẩm định đủ: ") && missing.to_lowercase().ends_with(&row.missing.to_lowercase()), "{missing}");
    assert_eq!((form.scores[0].summary.as_str(), form.scores[0].task.as_str(), form.superior_total.as_str()), ("", "", ""));
    let path = print_to(&office, &session, &request, dir.path());
    let text = squash(&tool("pdftotext", &[path.to_str().unwrap(), "-"]));
    assert!(text.contains(missing.as_str()), "{missing:?} in: {text}");
    assert!(text.contains("Báo cáo tổng kết công tác năm") && !text.contains("Tổng điểm:"), "{text}");

    let request = DocumentRequest::Monthly { unit_code: unit, year, period: "T12".into() };
    let DocumentView::Monthly(list) = office.document_view(&session, &request, today()).unwrap() else { panic!("monthly") };
    assert_eq!(list.rows.len(), sheet.rows.len());
    for (printed, row) in list.rows.iter().zip(&sheet.rows) {
        assert_eq!((printed.total.as_str(), printed.general.as_str(), printed.level.as_str()), ("", "", ""));
        assert_eq!(printed.note, row.missing, "the sheet's words for what is missing");
    }
    let ours = list.rows.iter().find(|r| r.name == person.full_name).unwrap();
    assert_eq!((ours.products.as_str(), ours.note.as_str()), ("0/1", "Chưa có sản phẩm được thẩm định"));
    let unscored = list.totals.iter().find(|t| t.label == "Chưa thẩm định đủ").expect("a line for those not appraised");
    assert_eq!(unscored.count.replace('.', "").parse::<usize>().unwrap(), sheet.rows.len());
    assert_eq!(unscored.percent, "100 %");
    let path = print_to(&office, &session, &request, dir.path());
    let text = squash(&tool("pdftotext", &[path.to_str().unwrap(), "-"]));
    assert!(text.contains("Chưa có sản phẩm được thẩm định") && text.contains("Chưa đánh giá"), "{text}");
}

#[test]
fn a_year_not_yet_closed_is_printed_as_provisional_and_a_closed_one_is_not() {
    let (dir, mut office, session) = demo();
    let unit = office.summary(&session).unwrap().unit_code;
    // The year before the demo's: only December opened, one product appraised, so the year is counted so far.
    let year = DEMO_YEAR - 1;
    let period = office.open_period(&session, year, domain::targets::Period::Month(12), Lang::Vi).unwrap();
    let person = office.roster(&session).unwrap().into_iter().find(|p| p.position.is_some()).unwrap();
    let sheet = office.period_sheet(&session, period.id, &unit, Lang::Vi).unwrap();
    let criteria = sheet.rows.iter().find(|r| r.person_id == person.person_id).unwrap().criteria.clone();
    office
        .superior_assess(
            &session,
            &service::evaluation::PeriodAssessmentInput {
                period_id: period.id,
                person_id: person.person_id,
                points: criteria.iter().map(|c| (c.code.clone(), c.max.to_string())).collect(),
                ..Default::default()
            },
        )
        .unwrap();
    let product = office
        .add_product(
            &session,
            &service::work::ProductInput {
                person_id: person.person_id,
                year,
                period: Some(domain::targets::Period::Month(12)),
                title: "Báo cáo tổng kết công tác năm".into(),
                required: "1".into(),
                source: None,
                proposed: false,
                coefficient: "1".into(),
                measure: "báo cáo".into(),
                deadline: String::new(),
                kind: String::new(),
            },
        )
        .unwrap();
    office
        .assess_product(
            &session,
            product,
            &service::work::AssessmentInput {
                delivered: "1".into(),
                quality_percent: "100".into(),
                major_errors: 0,
                on_time_percent: "100".into(),
                delays: 0,
                completed_on: "20/12/2025".into(),
            },
        )
        .unwrap();
    let line = "(Tạm tính đến ngày 30/12/2026)";
    // The printed file is dated by the print's fixed day (02/04/2026, see `print_to`).
    let printed_line = "(Tạm tính đến ngày 02/04/2026)";

    let results = DocumentRequest::Results { unit_code: unit.clone(), year };
    let DocumentView::Results(view) = office.document_view(&session, &results, today()).unwrap() else { panic!("results") };
    assert_eq!(view.provisional, line);
    let text = squash(&tool("pdftotext", &[print_to(&office, &session, &results, dir.path()).to_str().unwrap(), "-"]));
    assert!(text.contains(printed_line), "{text}");

    let form = DocumentRequest::Form { person_id: person.person_id, year, period: None };
    let DocumentView::Form(view) = office.document_view(&session, &form, today()).unwrap() else { panic!("form") };
    assert_eq!(view.provisional, line);
    let text = squash(&tool("pdftotext", &[print_to(&office, &session, &form, dir.path()).to_str().unwrap(), "-"]));
    assert!(text.contains(printed_line), "{text}");
    // A month's form is that month's, not the year's: no year-so-far line.
    let month = DocumentRequest::Form { person_id: person.person_id, year, period: Some("T12".into()) };
    let DocumentView::Form(view) = office.document_view(&session, &month, today()).unwrap() else { panic!("form") };
    assert_eq!(view.provisional, "");

    let collective = DocumentRequest::Collective { unit_code: unit.clone(), year };
    let DocumentView::Collective(view) = office.document_view(&session, &collective, today()).unwrap() else { panic!("collective") };
    assert_eq!(view.provisional, line);

    // The demo's year: every month closed, nothing provisional.
    let closed = DocumentRequest::Results { unit_code: unit, year: DEMO_YEAR };
    let DocumentView::Results(view) = office.document_view(&session, &closed, today()).unwrap() else { panic!("results") };
    assert_eq!(view.provisional, "");
    let text = squash(&tool("pdftotext", &[print_to(&office, &session, &closed, dir.path()).to_str().unwrap(), "-"]));
    assert!(!text.contains("Tạm tính"), "{text}");
}

// ---- The personnel statistics report (issue 17) ----

/// The report says what Office::personnel_statistics counted, each breakdown as a table followed by its chart, and
/// its charts are vector strokes in the PDF (the first page, rendered, was looked at); the Word file has the same
/// figures, its bars as shaded cells.
#[test]
fn the_statistics_report_prints_every_figure_with_its_chart() {
    use domain::numbers::format_percent;
    let (dir, office, session) = demo();
    let day = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    let stats = office.personnel_statistics(&session, None, Some(day)).unwrap();
    let s = &stats.unit.statistics;
    let request = DocumentRequest::Statistics { unit_code: None, as_of: Some("31/12/2026".into()) };
    let path = print_to(&office, &session, &request, dir.path());
    let text = squash(&tool("pdftotext", &[path.to_str().unwrap(), "-"]));
    let university = format_percent(s.university_or_above.percent.unwrap());
    let women = format_percent(s.female.percent.unwrap());
    let minority = format_percent(s.ethnic_minority.percent.unwrap());
    let at = assert_in_order(
        &text,
        0,
        [
            "BÁO CÁO",
            "Thống kê đội ngũ cán bộ, công chức",
            "(Số liệu tính đến ngày 31/12/2026)",
            &format!("Tổng số: {} người.", format_count(i64::from(s.people))),
            "1. Trình độ chuyên môn",
            "Đại học trở lên",
            &university,
            // The chart repeats the lines and their figures after the table.
            "Tiến sĩ",
            "Đại học trở lên",
            &university,
            "2. Trình độ lý luận chính trị",
            "3. Độ tuổi",
            "Từ 31 đến 40 tuổi",
            "4. Giới tính, đảng viên",
            &women,
            "5. Dân tộc",
            "Kinh",
            "Dân tộc thiểu số",
            &minority,
            "6. Người đứng đầu đơn vị",
            "Không phải người địa phương",
            "7. Các đơn vị trực thuộc",
        ],
    );
    assert_in_order(&text, at, [stats.below[0].unit_name.as_str()]);
    // The charts are strokes in the page's content (their lengths and places are the layout's tests): a line
    // thickness of 0,7 of the tables' type (12 pt in the demo's settings), which no rule or border has.
    let qdf = dir.path().join("qdf.pdf");
    tool("qpdf", &["--qdf", "--object-streams=disable", path.to_str().unwrap(), qdf.to_str().unwrap()]);
    let content = String::from_utf8_lossy(&std::fs::read(&qdf).unwrap()).into_owned();
    let widths: Vec<f32> = content.lines().filter_map(|l| l.trim().strip_suffix(" w")).filter_map(|n| n.trim().parse().ok()).collect();
    assert!(widths.iter().any(|w| (w - 8.4).abs() < 0.05), "bars drawn as 8,4 pt strokes: {widths:?}");

    // The unit asked for, and a day that is not one.
    let unit = &stats.below[0].unit_code;
    let one = DocumentRequest::Statistics { unit_code: Some(unit.clone()), as_of: None };
    let view = office.document_view(&session, &one, today()).unwrap();
    let DocumentView::Statistics(view) = view else { panic!("a statistics report") };
    assert!(
        view.subject.contains(&stats.below[0].unit_name) || view.subject.to_lowercase().contains(&stats.below[0].unit_name.to_lowercase()),
        "{}",
        view.subject
    );
    let bad = DocumentRequest::Statistics { unit_code: None, as_of: Some("31/02/2026".into()) };
    assert!(matches!(office.print_document(&session, &bad, &PrintOptions::default()), Err(ServiceError::InvalidFields(_))));

    // Word: the same figures, the bars as black cells.
    let options = PrintOptions { format: service::printing::DocumentFormat::Docx, ..PrintOptions::default() };
    let word = office.print_document(&session, &request, &options).unwrap();
    let mut xml = String::new();
    use std::io::Read as _;
    zip::ZipArchive::new(std::io::Cursor::new(word.bytes)).unwrap().by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    assert!(xml.contains(&university) && xml.contains("w:fill=\"000000\""), "the Word report has the figures and its bars");
}

// ---- The year's summary report (issue 17) ----

/// The summary report says what Office::year_overview counted, each table followed by its chart (vector strokes),
/// the quota beside the people's levels, the units below at the end; Word has the same figures.
#[test]
fn the_year_summary_report_prints_the_overview_with_its_charts() {
    use domain::numbers::{format_count, format_percent};
    let (dir, office, session) = demo();
    let day = NaiveDate::from_ymd_opt(DEMO_YEAR, 12, 31).unwrap();
    let overview = office.year_overview(&session, DEMO_YEAR, None, Some(day)).unwrap();
    let request = DocumentRequest::Summary { unit_code: None, year: DEMO_YEAR, as_of: Some("31/12/2026".into()) };
    let path = print_to(&office, &session, &request, dir.path());
    let text = squash(&tool("pdftotext", &[path.to_str().unwrap(), "-"]));
    let done = format_percent(overview.targets_done.percent.unwrap());
    let quota = format_percent(overview.quota.proposed.unwrap());
    let first_group = overview.targets[0].group_name.as_str();
    let at = assert_in_order(
        &text,
        0,
        [
            "BÁO CÁO",
            "Tổng hợp kết quả thực hiện nhiệm vụ năm 2026",
            "(Số liệu tính đến ngày 31/12/2026)",
            &format!("Tổng số cán bộ: {} người.", format_count(i64::from(overview.people))),
            &format!("Chỉ tiêu đạt, vượt: {}/{} ({done})", overview.targets_done.count, overview.targets_total),
            "1. Chỉ tiêu theo nhóm nhiệm vụ và tình trạng",
            first_group,
            "Cộng",
            "2. Xếp loại cá nhân",
            "Hoàn thành xuất sắc nhiệm vụ",
            &format!("Tỷ lệ đề xuất Hoàn thành xuất sắc nhiệm vụ: {quota}"),
            "quy định không quá 20 %",
            "3. Xếp loại tập thể",
            "4. Sản phẩm theo tháng",
            "Tháng 1",
            "Cả năm",
            "5. Điểm bình quân theo kỳ đánh giá",
            "6. Các đơn vị trực thuộc",
            overview.below[0].unit_name.as_str(),
        ],
    );
    assert!(at > 0);
    // The table's total share, and the chart that repeats each group after the table.
    assert!(text.contains(&done), "{text}");
    assert_eq!(text.matches(first_group).count(), 2, "the group in the table and in its chart: {text}");
    let qdf = dir.path().join("qdf.pdf");
    tool("qpdf", &["--qdf", "--object-streams=disable", path.to_str().unwrap(), qdf.to_str().unwrap()]);
    let content = String::from_utf8_lossy(&std::fs::read(&qdf).unwrap()).into_owned();
    let strokes = content.lines().filter(|l| l.trim() == "8.4 w" || l.trim().starts_with("8.4 w")).count();
    assert!(strokes > 0, "bars drawn as 8,4 pt strokes");

    // A day that is not one is refused; Word has the same figures and bars.
    let bad = DocumentRequest::Summary { unit_code: None, year: DEMO_YEAR, as_of: Some("32/12/2026".into()) };
    assert!(matches!(office.print_document(&session, &bad, &PrintOptions::default()), Err(ServiceError::InvalidFields(_))));
    let options = PrintOptions { format: service::printing::DocumentFormat::Docx, ..PrintOptions::default() };
    let word = office.print_document(&session, &request, &options).unwrap();
    let mut xml = String::new();
    use std::io::Read as _;
    zip::ZipArchive::new(std::io::Cursor::new(word.bytes)).unwrap().by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    assert!(
        xml.contains(&done) && xml.contains(&quota) && xml.contains("w:fill=\"000000\""),
        "the Word report has the figures and its bars"
    );
}
