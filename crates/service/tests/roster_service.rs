//! The roster use cases through the service API, on a real SQLite file: position history across moves,
//! updates that touch only what changed, and the province-size demo data.

// The package is thuocdo-service; the other crates know it as `service`.
use thuocdo_service as service;

use chrono::NaiveDate;
use domain::text::fold;
use service::demo::{create_demo, DemoScale, DEMO_PASSWORD};
use service::roster::{ImportOptions, ImportReport, PreviewAction, RosterItem};
use service::{create_office, Lang, NewOffice, NewUnit, Office, Session};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use tabular::Cell;
use tempfile::TempDir;

const PASSWORD: &str = "Mật khẩu 2026";
const OFFICE_CODE: &str = "XA-TANLAP";

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%d/%m/%Y").expect("a test date")
}

/// An office for the commune Tân Lập with two agencies, and its administrator logged in.
struct Fixture {
    dir: TempDir,
    office: Office,
    session: Session,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("temporary directory");
        let new = NewOffice {
            unit_name: "Đảng ủy xã Tân Lập".into(),
            unit_code: OFFICE_CODE.into(),
            level: "commune".into(),
            parent_code: Some("SL".into()),
            admin: "admin".into(),
        };
        let mut office = create_office(&dir.path().join("office.db"), &new, PASSWORD).expect("office created");
        let session = office.login(None, PASSWORD).expect("administrator logs in");
        for (code, name) in [("XA-TANLAP-UB", "Văn phòng HĐND và UBND xã Tân Lập"), ("XA-TANLAP-KT", "Phòng Kinh tế xã Tân Lập")]
        {
            let unit = NewUnit { code: code.into(), name: name.into(), level: "agency".into(), parent_code: OFFICE_CODE.into() };
            office.add_unit(&session, &unit).expect("unit added");
        }
        Fixture { dir, office, session }
    }

    /// Writes an XLSX file; cells that read as dd/mm/yyyy become real date cells.
    fn file(&self, name: &str, headers: &[&str], rows: &[Vec<&str>]) -> PathBuf {
        let path = self.dir.path().join(name);
        let cells: Vec<Vec<Cell>> = rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|text| match NaiveDate::parse_from_str(text, "%d/%m/%Y") {
                        Ok(d) => Cell::Date(d),
                        Err(_) if text.is_empty() => Cell::Empty,
                        Err(_) => Cell::Text(text.to_string()),
                    })
                    .collect()
            })
            .collect();
        tabular::write_xlsx(&path, "Danh sách", headers, &cells).expect("test file written");
        path
    }

    fn import(&mut self, path: &Path) -> ImportReport {
        let options = ImportOptions { today: Some(date("15/01/2026")), ..ImportOptions::default() };
        self.office.import_roster(&self.session, path, &options).unwrap_or_else(|e| panic!("import of {}: {e}", path.display()))
    }

    fn roster(&self) -> Vec<RosterItem> {
        self.office.roster(&self.session).expect("roster")
    }

    fn person(&self, name: &str) -> RosterItem {
        self.roster().into_iter().find(|p| p.full_name == name).unwrap_or_else(|| panic!("{name} is in the roster"))
    }
}

const HEADERS: [&str; 6] = ["Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Đơn vị", "Ngày bổ nhiệm"];

#[test]
fn a_move_to_another_unit_ends_the_old_post_and_opens_a_new_term() {
    let mut f = Fixture::new();
    let first = f.file(
        "2020.xlsx",
        &HEADERS,
        &[
            vec!["Nguyễn Văn Hùng", "10/10/1985", "Nam", "Chuyên viên", "XA-TANLAP-UB", "01/03/2020"],
            vec!["Lê Thị Mai", "04/04/1990", "Nữ", "Chuyên viên", "XA-TANLAP-UB", "01/09/2019"],
        ],
    );
    f.import(&first);
    let mai_before = serde_json::to_value(f.person("Lê Thị Mai")).unwrap();

    let second = f.file(
        "2025.xlsx",
        &HEADERS,
        &[
            vec!["Nguyễn Văn Hùng", "10/10/1985", "Nam", "Trưởng phòng", "Phòng Kinh tế xã Tân Lập", "01/07/2025"],
            vec!["Lê Thị Mai", "04/04/1990", "Nữ", "Chuyên viên", "XA-TANLAP-UB", "01/09/2019"],
        ],
    );
    let report = f.import(&second);
    assert_eq!((report.new_people, report.updated_people, report.unchanged_people), (0, 1, 1));
    assert_eq!((report.new_assignments, report.ended_assignments, report.updated_assignments), (1, 1, 0));

    let hung = f.person("Nguyễn Văn Hùng");
    assert_eq!(hung.unit_code, "XA-TANLAP-KT");
    assert_eq!(hung.position.as_deref(), Some("Trưởng phòng"));
    assert_eq!(hung.appointment_date, Some(date("01/07/2025")));
    assert_eq!(hung.reappointment_due, Some(date("01/07/2030")));

    let history = f.office.person_profile(&f.session, hung.person_id).expect("profile").history;
    assert_eq!(history.len(), 2, "{history:#?}");
    let (old, new) = (&history[0], &history[1]);
    assert_eq!((old.position.as_str(), old.unit_code.as_str()), ("Chuyên viên", "XA-TANLAP-UB"));
    assert_eq!(old.start_date, Some(date("01/03/2020")));
    assert_eq!(old.end_date, Some(date("01/07/2025")));
    assert_eq!(old.end_reason.as_deref(), Some("transfer"));
    assert_eq!(old.reappointment_due, None, "a specialist post has no term");
    assert_eq!((new.position.as_str(), new.unit_code.as_str()), ("Trưởng phòng", "XA-TANLAP-KT"));
    assert_eq!(new.start_date, Some(date("01/07/2025")));
    assert_eq!(new.end_date, None);
    assert_eq!(new.end_reason, None);
    assert_eq!(new.reappointment_due, Some(date("01/07/2030")));

    assert_eq!(serde_json::to_value(f.person("Lê Thị Mai")).unwrap(), mai_before, "the colleague is untouched");

    // The same file again neither repeats the move nor adds history.
    let again = f.import(&second);
    assert_eq!(again.changes(), 0, "{again:#?}");
    assert!(!again.written);
    assert_eq!(f.office.person_profile(&f.session, hung.person_id).unwrap().history.len(), 2);
}

#[test]
fn an_older_file_after_a_newer_one_is_refused_and_the_history_kept() {
    let mut f = Fixture::new();
    let old_file =
        f.file("2020.xlsx", &HEADERS, &[vec!["Nguyễn Văn Hùng", "10/10/1985", "Nam", "Chuyên viên", "XA-TANLAP-UB", "01/03/2020"]]);
    let new_file =
        f.file("2025.xlsx", &HEADERS, &[vec!["Nguyễn Văn Hùng", "10/10/1985", "Nam", "Trưởng phòng", "XA-TANLAP-KT", "01/07/2025"]]);
    f.import(&old_file);
    f.import(&new_file);
    let hung = f.person("Nguyễn Văn Hùng");
    let history_before = f.office.person_profile(&f.session, hung.person_id).unwrap().history;

    let options = ImportOptions { today: Some(date("15/01/2026")), ..ImportOptions::default() };
    let error = f.office.import_roster(&f.session, &old_file, &options).expect_err("an older file is refused");
    assert_eq!(error.code(), "roster.rejected");
    let message = error.message(Lang::Vi);
    assert!(message.contains("Dòng 2") && message.contains("Ngày bổ nhiệm") && message.contains("01/07/2025"), "{message}");

    let history_after = f.office.person_profile(&f.session, hung.person_id).unwrap().history;
    assert_eq!(serde_json::to_value(&history_after).unwrap(), serde_json::to_value(&history_before).unwrap());
    assert_eq!(f.person("Nguyễn Văn Hùng").position.as_deref(), Some("Trưởng phòng"));
}

#[test]
fn a_changed_field_updates_only_that_person_and_raises_their_revision() {
    let mut f = Fixture::new();
    let headers = ["Họ và tên", "Ngày sinh", "Giới tính", "Quê quán", "Đơn vị"];
    let people = |hoa_hometown: &'static str| {
        vec![
            vec!["Trần Văn An", "12/05/1980", "Nam", "Thôn Tây, xã Tân Lập", "XA-TANLAP-UB"],
            vec!["Phạm Thị Hoa", "03/03/1988", "Nữ", hoa_hometown, "XA-TANLAP-UB"],
            vec!["Đỗ Văn Cường", "21/12/1975", "Nam", "xã Quỳnh Sơn", "XA-TANLAP-KT"],
        ]
    };
    f.import(&f.file("lan1.xlsx", &headers, &people("Thôn Đông, xã Tân Lập")));
    let before = f.roster();

    let report = f.import(&f.file("lan2.xlsx", &headers, &people("Thôn Bắc, xã Tân Lập")));
    assert_eq!((report.new_people, report.updated_people, report.unchanged_people), (0, 1, 2));
    let changed: Vec<_> = report.preview.iter().filter(|p| p.action != PreviewAction::Unchanged).collect();
    assert_eq!(changed.len(), 1);
    assert_eq!((changed[0].row, changed[0].full_name.as_str()), (3, "Phạm Thị Hoa"));
    assert_eq!(changed[0].changes, ["Quê quán"]);

    let after = f.roster();
    assert_eq!(after.len(), before.len());
    for (old, new) in before.iter().zip(&after) {
        assert_eq!(old.person_id, new.person_id, "the same people in the same order");
        if new.full_name == "Phạm Thị Hoa" {
            assert_eq!(new.hometown.as_deref(), Some("Thôn Bắc, xã Tân Lập"));
            assert!(new.revision > old.revision, "revision {} → {}", old.revision, new.revision);
            let mut expected = serde_json::to_value(old).unwrap();
            expected["hometown"] = new.hometown.clone().into();
            expected["revision"] = new.revision.into();
            assert_eq!(serde_json::to_value(new).unwrap(), expected, "nothing else about her changes");
        } else {
            assert_eq!(serde_json::to_value(new).unwrap(), serde_json::to_value(old).unwrap(), "{} is untouched", new.full_name);
        }
    }

    // A file without the hometown column says nothing about hometowns: they are kept, nothing is updated.
    let short: Vec<Vec<&str>> = people("")
        .into_iter()
        .map(|mut row| {
            row.remove(3);
            row
        })
        .collect();
    let report = f.import(&f.file("lan3.xlsx", &["Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị"], &short));
    assert_eq!((report.new_people, report.updated_people), (0, 0));
    let kept = f.roster();
    assert_eq!(
        kept.iter().map(|p| serde_json::to_value(p).unwrap()).collect::<Vec<_>>(),
        after.iter().map(|p| serde_json::to_value(p).unwrap()).collect::<Vec<_>>()
    );
}

#[test]
fn the_province_demo_has_about_150_communes_and_10000_distinct_people() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tinh.db");
    let summary = create_demo(&path, DemoScale::Province, 1, None).expect("demo created");
    let (office, session) = Office::unlock(&path, None, DEMO_PASSWORD).expect("the demo password opens it");

    let units = office.units(&session, Lang::Vi).unwrap();
    let communes = units.iter().filter(|u| matches!(u.level.as_str(), "commune" | "ward" | "special_zone")).count();
    assert!((140..=170).contains(&communes), "{communes} communes");
    assert_eq!(units.len(), summary.units);

    let people = office.roster(&session).unwrap();
    assert!((9_000..=11_000).contains(&people.len()), "{} people", people.len());
    assert_eq!(people.len(), summary.people);
    let mut identities = HashSet::new();
    for p in &people {
        assert!(identities.insert((fold(&p.full_name), p.birth_date)), "{} born {} appears twice", p.full_name, p.birth_date);
    }
}

fn form(name: &str, birth: &str, unit: &str, position: &str, appointed: &str) -> service::roster::PersonInput {
    service::roster::PersonInput {
        full_name: name.into(),
        birth_date: birth.into(),
        gender: "Nữ".into(),
        ethnicity: "H'Mông".into(),
        hometown: "Thôn Đông, xã Tân Lập".into(),
        is_local: Some(true),
        party_member: true,
        qualification: "Đại học Luật".into(),
        political_theory: "Trung cấp".into(),
        unit_code: unit.into(),
        position: position.into(),
        appointment_date: appointed.into(),
    }
}

#[test]
fn the_person_form_reports_each_bad_field_and_saves_nothing() {
    let mut f = Fixture::new();
    let mut input = form("", "31/02/1990", "XA-KHONG-CO", "Chuyên viên", "01/01/2020");
    input.qualification = "Giỏi".into();
    input.ethnicity = "Hà Nội".into();
    let error = f.office.add_person(&f.session, &input).expect_err("a bad form is refused");
    assert_eq!(error.code(), "form.invalid");
    let body = error.body(Lang::Vi);
    let fields: HashSet<&str> = body.fields.iter().map(|i| i.field.as_str()).collect();
    assert_eq!(fields, HashSet::from(["full_name", "birth_date", "qualification", "unit_code", "ethnicity"]), "{:#?}", body.fields);
    let ethnicity = body.fields.iter().find(|i| i.field == "ethnicity").unwrap();
    assert!(ethnicity.message.contains("\"Hà Nội\" không có trong danh mục 54 dân tộc"), "{}", ethnicity.message);
    assert!(f.roster().is_empty());
}

#[test]
fn editing_a_person_keeps_identity_and_records_a_new_post_in_the_history() {
    let mut f = Fixture::new();
    let added = f.office.add_person(&f.session, &form("Trần Thị Thuý", "02/02/1991", "XA-TANLAP-UB", "Chuyên viên", "01/03/2021")).unwrap();
    let mut edited = form("Trần Thị Thúy", "02/02/1991", "XA-TANLAP-KT", "Phó Trưởng phòng Kinh tế", "01/07/2025");
    edited.hometown = "Thôn Bắc, xã Tân Lập".into();
    let saved = f.office.update_person(&f.session, added.person_id, &edited).unwrap();
    assert_eq!(saved.person_id, added.person_id, "the same person, not a new one");
    assert_eq!(saved.full_name, "Trần Thị Thúy");
    assert_eq!(saved.hometown.as_deref(), Some("Thôn Bắc, xã Tân Lập"));
    assert_eq!(saved.ethnicity.as_deref(), Some("Mông"), "the form's \"H'Mông\" kept by the group's census name");
    assert!(saved.revision > added.revision);
    let history = f.office.person_profile(&f.session, added.person_id).unwrap().history;
    assert_eq!(history.len(), 2);
    assert_eq!((history[0].end_date, history[0].end_reason.as_deref()), (Some(date("01/07/2025")), Some("transfer")));
    assert_eq!(history[1].reappointment_due, Some(date("01/07/2030")));

    // A second person may not take the first one's identity.
    let other = f.office.add_person(&f.session, &form("Lê Thị Lan", "03/03/1993", "XA-TANLAP-UB", "", "")).unwrap();
    let clash = f.office.update_person(&f.session, other.person_id, &form("TRẦN THỊ THUÝ", "02/02/1991", "XA-TANLAP-UB", "", ""));
    assert_eq!(clash.unwrap_err().code(), "roster.same_person_exists");
    assert_eq!(f.person("Lê Thị Lan").revision, other.revision, "nothing saved");
}

#[test]
fn a_move_to_another_unit_without_a_position_ends_the_old_post() {
    let mut f = Fixture::new();
    f.import(&f.file("dot1.xlsx", &HEADERS, &[vec!["Nguyễn Văn Hùng", "10/10/1985", "Nam", "Chuyên viên", "XA-TANLAP-UB", "01/03/2020"]]));
    let headers = ["Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị"];
    let report = f.import(&f.file("dot2.xlsx", &headers, &[vec!["Nguyễn Văn Hùng", "10/10/1985", "Nam", "XA-TANLAP-KT"]]));
    assert_eq!((report.updated_people, report.ended_assignments), (1, 1));
    let hung = f.person("Nguyễn Văn Hùng");
    assert_eq!((hung.unit_code.as_str(), hung.position.as_deref()), ("XA-TANLAP-KT", None), "no post shown from the old unit");
    let history = f.office.person_profile(&f.session, hung.person_id).unwrap().history;
    assert_eq!(history.len(), 1);
    assert_eq!((history[0].end_date, history[0].end_reason.as_deref()), (Some(date("15/01/2026")), Some("transfer")));
}

#[test]
fn a_birth_year_alone_is_kept_shown_as_a_year_and_written_back_as_one() {
    let mut f = Fixture::new();
    // An office's list: one birth year typed as text, one as an Excel number, one full date.
    let path = f.dir.path().join("nam-sinh.xlsx");
    let row = |name: &str, birth: Cell| vec![Cell::Text(name.into()), birth, Cell::Text("Nam".into()), Cell::Text(OFFICE_CODE.into())];
    let rows = vec![
        row("Lò Văn Pấng", Cell::Text("1968".into())),
        row("Vi Văn Thắng", Cell::Number(1971.0)),
        row("Hà Văn Tâm", Cell::Date(date("12/03/1968"))),
    ];
    tabular::write_xlsx(&path, "Danh sách", &["Họ và tên", "Năm sinh", "Giới tính", "Đơn vị"], &rows).unwrap();
    let report = f.import(&path);
    assert_eq!(report.new_people, 3, "{report:#?}");
    let pang = f.person("Lò Văn Pấng");
    assert_eq!((pang.birth_date, pang.birth_year_only), (date("01/01/1968"), true));
    assert_eq!((f.person("Vi Văn Thắng").birth_date, f.person("Vi Văn Thắng").birth_year_only), (date("01/01/1971"), true));
    assert!(!f.person("Hà Văn Tâm").birth_year_only);

    // Written back to Excel, the year stays a year, and reading the export again changes nobody.
    let exported = f.dir.path().join("xuat.xlsx");
    f.office.export_roster(&f.session, &exported, Lang::Vi).unwrap();
    let table = tabular::read_table(&exported).unwrap();
    let birth_column = table.rows[0].cells.iter().position(|c| c == "Ngày sinh").expect("a birth-date column");
    let born: Vec<&str> = table.rows[1..].iter().map(|r| r.cells[birth_column].as_str()).collect();
    assert!(born.contains(&"1968") && born.contains(&"1971") && born.contains(&"12/03/1968"), "{born:?}");
    let again = f.import(&exported);
    assert_eq!((again.new_people, again.updated_people), (0, 0), "{again:#?}");

    // The form takes the year alone too, and says what it accepts when neither fits.
    let mut input = form("Lường Thị Xuân", "1980", OFFICE_CODE, "", "");
    input.unit_code = OFFICE_CODE.into();
    let added = f.office.add_person(&f.session, &input).expect("a year alone in the form");
    assert!(added.birth_year_only);
    let error = f.office.add_person(&f.session, &form("Lường Thị Xuân", "80", OFFICE_CODE, "", "")).unwrap_err();
    let body = error.body(Lang::Vi);
    assert!(body.fields.iter().any(|i| i.field == "birth_date" && i.message.contains("chỉ năm sinh")), "{:#?}", body.fields);
}

#[test]
fn a_list_with_the_year_alone_finds_the_person_already_known_and_a_full_date_completes_a_year() {
    let mut f = Fixture::new();
    let row = |name: &str, birth: &str| {
        vec![Cell::Text(name.into()), Cell::Text(birth.into()), Cell::Text("Nam".into()), Cell::Text(OFFICE_CODE.into())]
    };
    let headers = ["Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị"];
    let write = |name: &str, rows: Vec<Vec<Cell>>| {
        let path = f.dir.path().join(name);
        tabular::write_xlsx(&path, "Danh sách", &headers, &rows).unwrap();
        path
    };
    let first = write("day-du.xlsx", vec![row("Hà Văn Tâm", "12/03/1968"), row("Lò Văn Pấng", "1971")]);
    let later = write("chi-nam.xlsx", vec![row("Hà Văn Tâm", "1968"), row("Lò Văn Pấng", "05/06/1971")]);
    assert_eq!(f.import(&first).new_people, 2);

    let report = f.import(&later);
    assert_eq!((report.new_people, report.updated_people), (0, 1), "{report:#?}");
    assert_eq!(f.roster().len(), 2, "nobody is made twice");
    let tam = f.person("Hà Văn Tâm");
    assert_eq!((tam.birth_date, tam.birth_year_only), (date("12/03/1968"), false), "a year alone takes no full date away");
    let pang = f.person("Lò Văn Pấng");
    assert_eq!((pang.birth_date, pang.birth_year_only), (date("05/06/1971"), false), "a full date completes the year");

    // The form refuses a second person of the same name and year of birth.
    let error = f.office.add_person(&f.session, &form("Hà Văn Tâm", "1968", OFFICE_CODE, "", "")).unwrap_err();
    assert_eq!(error.code(), "roster.same_person_exists");
}
