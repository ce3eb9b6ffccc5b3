//! Issue 16: an office's own Excel lists, read as they are. The fixtures are built here the way communes and districts
//! lay out their staff lists (the shape of the lists attached to "Báo cáo số lượng, chất lượng cán bộ"): the Party or
//! State letterhead, a title, a two-row merged header with the birth date split into "Nam | Nữ" and "Trình độ" over
//! "Chuyên môn | Lý luận chính trị", an STT column, a "(1) (2) (3)…" numbering row, group rows, dates typed as text or
//! stored as Excel dates, then the total, the place and date and the signatures.

use thuocdo_service as service;

use chrono::NaiveDate;
use domain::profile::{Gender, PoliticalTheory, Qualification};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook};
use service::layout_view::{ColumnChoice, ReadingChoices};
use service::roster::{ImportOptions, ImportReport, RosterItem};
use service::{create_office, NewOffice, NewUnit, Office, Session};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const PASSWORD: &str = "Mật khẩu 2026";

struct Commune {
    dir: TempDir,
    office: Office,
    session: Session,
}

fn commune() -> Commune {
    let dir = tempfile::tempdir().expect("temporary directory");
    let new = NewOffice {
        unit_name: "Đảng ủy xã Tân Phước".into(),
        unit_code: "XA-TANPHUOC".into(),
        level: "commune".into(),
        parent_code: Some("DH".into()),
        admin: "admin".into(),
    };
    let mut office = create_office(&dir.path().join("office.db"), &new, PASSWORD).expect("office created");
    let session = office.login(None, PASSWORD).expect("administrator logs in");
    let unit = NewUnit {
        code: "XA-TANPHUOC-UB".into(),
        name: "UBND xã Tân Phước".into(),
        level: "agency".into(),
        parent_code: "XA-TANPHUOC".into(),
    };
    office.add_unit(&session, &unit).expect("unit added");
    Commune { dir, office, session }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()
}

impl Commune {
    fn options(&self, dry_run: bool) -> ImportOptions {
        ImportOptions { dry_run, today: Some(today()), ..ImportOptions::default() }
    }

    fn preview(&self, path: &Path, options: &ImportOptions) -> ImportReport {
        self.office.preview_roster_import(&self.session, path, options).expect("preview")
    }

    fn import(&mut self, path: &Path, options: &ImportOptions) -> ImportReport {
        self.office.import_roster(&self.session, path, options).unwrap_or_else(|e| panic!("import of {}: {e}", path.display()))
    }

    fn person(&self, name: &str) -> RosterItem {
        let roster = self.office.roster(&self.session).expect("roster");
        roster.into_iter().find(|p| p.full_name == name).unwrap_or_else(|| panic!("{name} is in the roster"))
    }
}

/// A cell of a fixture row: text, or a date stored as Excel stores it.
enum V<'a> {
    T(&'a str),
    D(i16, u8, u8),
    N(f64),
    E,
}

/// The staff list of a commune as its office keeps it (no unit column: the whole list is the commune's).
fn commune_staff_list(dir: &Path) -> PathBuf {
    let path = dir.join("Danh sách CBCC xã Tân Phước.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("DS CBCC").unwrap();
    let bold = Format::new().set_bold().set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter).set_text_wrap();
    let plain = Format::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    // Letterhead: the Party committee on the left, the national motto on the right, each merged over several columns.
    sheet.merge_range(0, 0, 0, 2, "ĐẢNG BỘ HUYỆN ĐỨC HÒA", &bold).unwrap();
    sheet.merge_range(0, 5, 0, 8, "ĐẢNG CỘNG SẢN VIỆT NAM", &bold).unwrap();
    sheet.merge_range(1, 0, 1, 2, "ĐẢNG ỦY XÃ TÂN PHƯỚC", &bold).unwrap();
    sheet.merge_range(1, 5, 1, 8, "Tân Phước, ngày 20 tháng 11 năm 2025", &plain).unwrap();
    sheet.merge_range(3, 0, 3, 8, "DANH SÁCH CÁN BỘ, CÔNG CHỨC XÃ TÂN PHƯỚC", &bold).unwrap();
    sheet.merge_range(4, 0, 4, 8, "(Kèm theo Báo cáo số 45-BC/ĐU ngày 20/11/2025 của Đảng ủy xã)", &plain).unwrap();
    // The two-row header: titles merged down over both rows, groups merged across their sub-columns.
    for (col, title) in [(0, "STT"), (1, "Họ và tên"), (4, "Chức vụ"), (5, "Đảng viên")] {
        sheet.merge_range(6, col, 7, col, title, &bold).unwrap();
    }
    sheet.merge_range(6, 2, 6, 3, "Ngày, tháng, năm sinh", &bold).unwrap();
    sheet.write_string_with_format(7, 2, "Nam", &bold).unwrap();
    sheet.write_string_with_format(7, 3, "Nữ", &bold).unwrap();
    sheet.merge_range(6, 6, 6, 7, "Trình độ", &bold).unwrap();
    sheet.write_string_with_format(7, 6, "Chuyên môn", &bold).unwrap();
    sheet.write_string_with_format(7, 7, "Lý luận chính trị", &bold).unwrap();
    sheet.merge_range(6, 8, 7, 8, "Ghi chú", &bold).unwrap();
    for col in 0..9u16 {
        sheet.write_string_with_format(8, col, format!("({})", col + 1), &bold).unwrap();
    }
    let rows: Vec<Vec<V>> = vec![
        vec![V::T("I"), V::T("CÁN BỘ")],
        vec![
            V::N(1.0),
            V::T("Nguyễn Văn An"),
            V::D(1975, 3, 12),
            V::E,
            V::T("Bí thư Đảng ủy"),
            V::T("x"),
            V::T("Đại học Luật"),
            V::T("Cao cấp"),
        ],
        vec![
            V::N(2.0),
            V::T("Trần Thị Bình"),
            V::E,
            V::T("05/09/1980"),
            V::T("Chủ tịch UBND"),
            V::T("x"),
            V::T("Thạc sĩ Quản lý công"),
            V::T("Cao cấp"),
        ],
        vec![
            V::N(3.0),
            V::T("Lê Thị Cúc"),
            V::E,
            V::D(1988, 11, 2),
            V::T("Chủ tịch Hội LHPN"),
            V::T("x"),
            V::T("Đại học"),
            V::T("Trung cấp"),
        ],
        vec![V::T("II"), V::T("CÔNG CHỨC")],
        vec![
            V::N(4.0),
            V::T("Phạm Văn Dũng"),
            V::T("20/10/1990"),
            V::E,
            V::T("Công chức Tư pháp - Hộ tịch"),
            V::E,
            V::T("Đại học Luật"),
            V::E,
            V::T("Tuyển dụng 2015"),
        ],
        vec![
            V::N(5.0),
            V::T("Đỗ Thị Hằng"),
            V::E,
            V::D(1995, 1, 30),
            V::T("Công chức Văn phòng - Thống kê"),
            V::T("x"),
            V::T("Cao đẳng"),
            V::T("Sơ cấp"),
        ],
    ];
    let mut r = 9u32;
    for row in &rows {
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                V::T(text) => {
                    sheet.write_string(r, c, *text).unwrap();
                }
                V::D(y, m, d) => {
                    sheet.write_datetime_with_format(r, c, ExcelDateTime::from_ymd(*y as u16, *m, *d).unwrap(), &date).unwrap();
                }
                V::N(n) => {
                    sheet.write_number(r, c, *n).unwrap();
                }
                V::E => {}
            }
        }
        r += 1;
    }
    // The footer: the total, then the signatures (a blank row between).
    sheet.merge_range(r, 0, r, 1, "Tổng cộng: 05 người", &bold).unwrap();
    sheet.write_string(r + 2, 1, "NGƯỜI LẬP BIỂU").unwrap();
    sheet.write_string(r + 2, 5, "T/M ĐẢNG ỦY").unwrap();
    sheet.write_string(r + 3, 5, "BÍ THƯ").unwrap();
    sheet.write_string(r + 6, 1, "Võ Thị Lan").unwrap();
    sheet.write_string(r + 6, 5, "Nguyễn Văn An").unwrap();
    book.save(&path).unwrap();
    path
}

#[test]
fn a_communes_own_staff_list_is_read_as_it_is() {
    let mut c = commune();
    let file = commune_staff_list(c.dir.path());
    let report = c.preview(&file, &c.options(true));
    assert!(report.errors.is_empty(), "{:#?}", report.errors);
    let reading = report.reading.as_ref().expect("the reading is shown");
    // Rows 7 and 8 of the sheet are the header; each column is shown with the field it was taken for.
    assert_eq!(reading.header_rows, [7, 8]);
    let mapped: Vec<(&str, &str, Option<&str>)> =
        reading.columns.iter().map(|c| (c.letter.as_str(), c.label.as_str(), c.field.as_deref())).collect();
    assert_eq!(
        mapped,
        [
            ("A", "STT", None),
            ("B", "Họ và tên", Some("full_name")),
            ("C", "Ngày, tháng, năm sinh / Nam", Some("birth_date_male")),
            ("D", "Ngày, tháng, năm sinh / Nữ", Some("birth_date_female")),
            ("E", "Chức vụ", Some("position")),
            ("F", "Đảng viên", Some("party_member")),
            ("G", "Trình độ / Chuyên môn", Some("qualification")),
            ("H", "Trình độ / Lý luận chính trị", Some("political_theory")),
            ("I", "Ghi chú", None),
        ]
    );
    assert_eq!(reading.columns[1].sample, "Nguyễn Văn An");
    // The numbering row, the two group rows and the footer are passed over, and say so.
    let passed: Vec<usize> = reading.passed.iter().map(|p| p.row).collect();
    assert_eq!(passed, [9, 10, 14, 17]);
    assert!(reading.passed[3].reason.contains("cuối bảng") && reading.passed[3].text.contains("Tổng cộng"), "{:?}", reading.passed);
    // No unit column: every row goes to the office's own unit, and the preview says so.
    assert_eq!(report.default_unit.as_deref(), Some("Đảng ủy xã Tân Phước"));
    assert_eq!((report.rows, report.new_people), (5, 5));

    let done = c.import(&file, &c.options(false));
    assert!(done.written);
    let an = c.person("Nguyễn Văn An");
    assert_eq!((an.birth_date, an.gender), (NaiveDate::from_ymd_opt(1975, 3, 12).unwrap(), Gender::Male));
    assert_eq!((an.qualification, an.political_theory), (Some(Qualification::University), Some(PoliticalTheory::Advanced)));
    assert!(an.party_member);
    assert_eq!(an.unit_code, "XA-TANPHUOC");
    // The column a date sits in gives the gender, whether typed or stored as an Excel date.
    let binh = c.person("Trần Thị Bình");
    assert_eq!((binh.birth_date, binh.gender), (NaiveDate::from_ymd_opt(1980, 9, 5).unwrap(), Gender::Female));
    assert_eq!(c.person("Đỗ Thị Hằng").gender, Gender::Female);
    assert_eq!(c.person("Phạm Văn Dũng").gender, Gender::Male);
    assert!(!c.person("Phạm Văn Dũng").party_member);
    // The signatures are not people.
    assert!(c.office.roster(&c.session).unwrap().iter().all(|p| p.full_name != "Võ Thị Lan"));
    // The same file again changes nothing.
    let again = c.import(&file, &c.options(false));
    assert!(!again.written && again.unchanged_people == 5, "{again:?}");
}

/// A district's list: the header in row 4 under a title, a unit column, qualification and theory ticked with "x" under
/// their levels, and the gender in its own column.
fn ticked_list(dir: &Path) -> PathBuf {
    let path = dir.join("Tong hop.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let bold = Format::new().set_bold();
    sheet.merge_range(0, 0, 0, 10, "THỐNG KÊ CHẤT LƯỢNG CÁN BỘ NĂM 2025", &bold).unwrap();
    for (col, title) in [(0, "TT"), (1, "Họ tên"), (2, "Năm sinh"), (3, "Giới tính"), (4, "Đơn vị")] {
        sheet.merge_range(2, col, 3, col, title, &bold).unwrap();
    }
    sheet.merge_range(2, 5, 2, 7, "Trình độ chuyên môn", &bold).unwrap();
    sheet.merge_range(2, 8, 2, 10, "Lý luận chính trị", &bold).unwrap();
    for (col, level) in [(5, "Thạc sĩ"), (6, "Đại học"), (7, "Cao đẳng"), (8, "Cao cấp"), (9, "Trung cấp"), (10, "Sơ cấp")]
    {
        sheet.write_string_with_format(3, col, level, &bold).unwrap();
    }
    let rows: [[&str; 11]; 2] = [
        ["1", "Hồ Văn Kiên", "14/02/1979", "Nam", "UBND xã Tân Phước", "", "x", "", "", "x", ""],
        ["2", "Lý Thị Mai", "03/03/1991", "Nữ", "XA-TANPHUOC-UB", "x", "", "", "", "", "x"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if !text.is_empty() {
                sheet.write_string(4 + r as u32, c as u16, *text).unwrap();
            }
        }
    }
    book.save(&path).unwrap();
    path
}

#[test]
fn levels_ticked_under_their_names_and_a_header_below_a_title() {
    let mut c = commune();
    let file = ticked_list(c.dir.path());
    let report = c.preview(&file, &c.options(true));
    assert!(report.errors.is_empty(), "{:#?}", report.errors);
    let reading = report.reading.as_ref().unwrap();
    assert_eq!(reading.header_rows, [3, 4]);
    let field = |letter: &str| reading.columns.iter().find(|c| c.letter == letter).and_then(|c| c.field.clone());
    assert_eq!(field("C").as_deref(), Some("birth_date"));
    assert_eq!(field("F").as_deref(), Some("qualification_master"));
    assert_eq!(field("J").as_deref(), Some("political_theory_intermediate"));
    assert_eq!(report.default_unit, None, "the file has its unit column");
    c.import(&file, &c.options(false));
    let kien = c.person("Hồ Văn Kiên");
    assert_eq!((kien.qualification, kien.political_theory), (Some(Qualification::University), Some(PoliticalTheory::Intermediate)));
    assert_eq!(kien.unit_code, "XA-TANPHUOC-UB");
    let mai = c.person("Lý Thị Mai");
    assert_eq!((mai.qualification, mai.political_theory), (Some(Qualification::Master), Some(PoliticalTheory::Elementary)));
}

#[test]
fn a_wrong_reading_is_corrected_before_anything_is_written() {
    let mut c = commune();
    let file = commune_staff_list(c.dir.path());
    // The user says column I ("Ghi chú") is the position and column E is not used: the preview follows.
    let mut options = c.options(true);
    options.reading = ReadingChoices {
        header_row: None,
        keep_encoding: false,
        columns: vec![ColumnChoice { index: 8, field: Some("position".into()) }, ColumnChoice { index: 4, field: None }],
    };
    let report = c.preview(&file, &options);
    let reading = report.reading.as_ref().unwrap();
    assert_eq!(reading.columns[8].field.as_deref(), Some("position"));
    assert_eq!(reading.columns[4].field, None);
    // Choosing a unit for a file without a unit column puts everyone there.
    options.reading = ReadingChoices::default();
    options.default_unit = Some("XA-TANPHUOC-UB".into());
    options.dry_run = false;
    c.import(&file, &options);
    assert_eq!(c.person("Lê Thị Cúc").unit_code, "XA-TANPHUOC-UB");

    // A date in both the Nam and the Nữ column, and a gender column that disagrees with the date's column: named, and
    // nothing written.
    let c = commune();
    let path = c.dir.path().join("sai.csv");
    std::fs::write(
        &path,
        "Họ và tên;Ngày, tháng, năm sinh;;Giới tính\n;Nam;Nữ;\nVũ Văn Tài;01/01/1980;02/02/1981;\nMai Thị Hoa;01/01/1985;;Nữ\n",
    )
    .unwrap();
    let report = c.preview(&path, &c.options(true));
    let messages: Vec<&str> = report.errors.iter().map(|e| e.message.as_str()).collect();
    assert!(messages.iter().any(|m| m.starts_with("Dòng 3") && m.contains("cả cột Nam và cột Nữ")), "{messages:?}");
    assert!(messages.iter().any(|m| m.starts_with("Dòng 4") && m.contains("ngày sinh nằm ở cột Nam")), "{messages:?}");
    assert!(c.office.roster(&c.session).unwrap().is_empty());
}

#[test]
fn a_sheet_without_a_header_or_lacking_a_column_says_what_to_do() {
    let c = commune();
    let path = c.dir.path().join("khong-tieu-de.csv");
    std::fs::write(&path, "Nguyễn Văn An;12/03/1975;Nam\nTrần Thị Bình;05/09/1980;Nữ\n").unwrap();
    let err = c.office.preview_roster_import(&c.session, &path, &c.options(true)).unwrap_err();
    assert_eq!(err.code(), "roster.bad_header");
    assert!(err.message(service::Lang::Vi).contains("Không tìm thấy dòng tiêu đề"), "{}", err.message(service::Lang::Vi));

    // A header that lacks the birth date: the preview still shows the reading, with the problem as an error.
    let path = c.dir.path().join("thieu-cot.csv");
    std::fs::write(&path, "DANH SÁCH\nHọ và tên;Giới tính;Chức vụ\nNguyễn Văn An;Nam;Bí thư\n").unwrap();
    let report = c.preview(&path, &c.options(true));
    assert_eq!(report.reading.as_ref().unwrap().header_rows, [2]);
    assert_eq!(report.errors.len(), 1);
    assert!(report.errors[0].message.contains("dòng 2") && report.errors[0].message.contains("Ngày sinh"), "{:?}", report.errors);
}

/// Unicode text as an old .VnTime font stored it: one byte per character (the accented capitals of these test words
/// are among those TCVN3 has codes for).
fn tcvn3_bytes(text: &str) -> Vec<u8> {
    use tabular::legacy::{convert, LegacyEncoding};
    text.chars()
        .map(|c| match u8::try_from(u32::from(c)).ok().filter(|b| b.is_ascii()) {
            Some(b) => b,
            None => (0xA0..=0xFFu8)
                .find(|&b| convert(&char::from(b).to_string(), LegacyEncoding::Tcvn3) == c.to_string())
                .unwrap_or_else(|| panic!("{c} has a TCVN3 code")),
        })
        .collect()
}

#[test]
fn an_old_list_typed_in_tcvn3_is_converted_and_shown_before_and_after() {
    let mut c = commune();
    let path = c.dir.path().join("danh sach cu.csv");
    let text = "Họ và tên;Ngày sinh;Giới tính;Chức vụ\r\nNguyễn Văn Thưởng;12/03/1975;Nam;Phó Bí thư Đảng ủy\r\nLê Thị Hường;01/06/1983;Nữ;Chủ tịch Hội Nông dân\r\n";
    std::fs::write(&path, tcvn3_bytes(text)).unwrap();
    let report = c.preview(&path, &c.options(true));
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let reading = report.reading.as_ref().unwrap();
    assert_eq!((reading.detected_encoding.as_deref(), reading.converted), (Some("TCVN3 (ABC)"), true));
    assert!(
        reading.conversion_samples.iter().any(|(before, after)| before == "Hä vµ tªn" && after == "Họ và tên"),
        "{:?}",
        reading.conversion_samples
    );
    c.import(&path, &c.options(false));
    assert_eq!(c.person("Nguyễn Văn Thưởng").position.as_deref(), Some("Phó Bí thư Đảng ủy"));
    assert_eq!(c.person("Lê Thị Hường").gender, Gender::Female);

    // A list in Unicode is never taken for an old encoding.
    let path = c.dir.path().join("moi.csv");
    std::fs::write(&path, text).unwrap();
    let reading = c.preview(&path, &c.options(true)).reading.unwrap();
    assert_eq!((reading.detected_encoding, reading.converted), (None, false));
}

/// The committed copies of the fixtures (the window's end-to-end test imports them) read as the ones built here.
#[test]
fn the_committed_fixture_files_read_the_same() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/office-files");
    let c = commune();
    for (committed, built) in
        [("danh-sach-cbcc-xa.xlsx", commune_staff_list(c.dir.path())), ("thong-ke-danh-dau.xlsx", ticked_list(c.dir.path()))]
    {
        let committed = c.preview(&dir.join(committed), &c.options(true));
        let built = c.preview(&built, &c.options(true));
        assert!(committed.errors.is_empty(), "{:?}", committed.errors);
        assert_eq!(committed.reading, built.reading);
        let names = |r: &ImportReport| r.preview.iter().map(|p| p.full_name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&committed), names(&built));
    }
}

/// A commune demo and its targets of the demo year exported as the office exports them: the folder, the office, the
/// session, the file, how many targets it holds and the file read back.
struct ExportedTargets {
    dir: tempfile::TempDir,
    office: Office,
    session: service::Session,
    plain: std::path::PathBuf,
    exported: usize,
    table: tabular::Table,
}

fn exported_targets() -> ExportedTargets {
    use service::demo::{create_demo, DemoScale, DEMO_PASSWORD, DEMO_YEAR};
    use service::work::TargetFilter;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    create_demo(&db, DemoScale::Commune, 7, None).unwrap();
    let (office, session) = Office::unlock(&db, None, DEMO_PASSWORD).unwrap();
    let plain = dir.path().join("chi-tieu.xlsx");
    let filter = TargetFilter { year: DEMO_YEAR, unit_code: None, as_of: None };
    let exported = office.export_targets(&session, &filter, &plain, service::Lang::Vi).unwrap();
    let table = tabular::read_table(&plain).unwrap();
    ExportedTargets { dir, office, session, plain, exported, table }
}

/// The targets sheet the office exported, dressed as offices send it round: a letterhead and a title above, the
/// numbering row, and the place, date and signature below. It reads as the plain export does.
#[test]
fn a_targets_sheet_under_a_letterhead_and_over_signatures_reads_as_the_plain_one() {
    use service::demo::DEMO_YEAR;
    use service::work::SheetKind;
    let ExportedTargets { dir, mut office, session, plain, exported, table } = exported_targets();

    let dressed = dressed(dir.path(), "chi-tieu-gui-xa.xlsx", &format!("BẢNG GIAO CHỈ TIÊU NĂM {DEMO_YEAR}"), &table);

    let as_exported = office.preview_sheet(&session, SheetKind::Targets, &plain, &Default::default()).unwrap();
    let as_sent = office.preview_sheet(&session, SheetKind::Targets, &dressed, &Default::default()).unwrap();
    assert!(as_sent.errors.is_empty(), "{:?}", as_sent.errors);
    assert_eq!((as_sent.rows, as_sent.unchanged), (exported, as_exported.unchanged));
    assert_eq!(as_sent.unchanged, exported, "every target is found unchanged");
}

/// A sheet the office exported, dressed as offices send it round: a letterhead and a title above, the numbering row
/// "(1) (2) …" under the header, and the place, date and signature below.
fn dressed(dir: &std::path::Path, name: &str, title: &str, table: &tabular::Table) -> std::path::PathBuf {
    let path = dir.join(name);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "ỦY BAN NHÂN DÂN XÃ TÂN LẬP").unwrap();
    sheet.write_string(0, 5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").unwrap();
    sheet.write_string(2, 0, title).unwrap();
    let width = table.rows[0].cells.len();
    let mut r = 4u32;
    for row in &table.rows {
        for (c, text) in row.cells.iter().enumerate() {
            sheet.write_string(r, c as u16, text).unwrap();
        }
        r += 1;
        if r == 5 {
            for c in 0..width {
                sheet.write_string(r, c as u16, format!("({})", c + 1)).unwrap();
            }
            r += 1;
        }
    }
    sheet.write_string(r + 1, 5, "Tân Lập, ngày 05 tháng 04 năm 2026").unwrap();
    sheet.write_string(r + 2, 5, "TM. ỦY BAN NHÂN DÂN").unwrap();
    sheet.write_string(r + 5, 5, "Nguyễn Văn An").unwrap();
    book.save(&path).unwrap();
    path
}

/// A month's products as a unit head sends them back to be appraised: the export of the month under a letterhead,
/// with the numbering row and the signatures. It reads as the plain export does, every product found unchanged.
#[test]
fn a_months_products_sheet_under_a_letterhead_reads_as_the_plain_one() {
    use service::demo::DEMO_YEAR;
    use service::work::{Period, ProductFilter, SheetKind};
    let ExportedTargets { dir, mut office, session, .. } = exported_targets();
    let filter = ProductFilter { year: DEMO_YEAR, period: Some(Period::Month(3)), unit_code: None, person_id: None };
    let plain = dir.path().join("san-pham-thang-3.xlsx");
    let exported = office.export_products(&session, &filter, &plain, service::Lang::Vi).unwrap();
    assert!(exported > 10, "the demo has a month of products: {exported}");
    let table = tabular::read_table(&plain).unwrap();
    let sent = dressed(dir.path(), "san-pham-gui-lai.xlsx", &format!("BẢNG SẢN PHẨM THÁNG 3 NĂM {DEMO_YEAR}"), &table);

    let as_exported = office.preview_sheet(&session, SheetKind::Products, &plain, &Default::default()).unwrap();
    let as_sent = office.preview_sheet(&session, SheetKind::Products, &sent, &Default::default()).unwrap();
    assert!(as_sent.errors.is_empty(), "{:?}", as_sent.errors);
    assert_eq!(as_exported.unchanged, exported, "the plain export reads back unchanged");
    assert_eq!((as_sent.rows, as_sent.unchanged, as_sent.new + as_sent.updated), (exported, exported, 0));
    let reading = as_sent.reading.expect("how the sheet was read");
    assert_eq!(reading.header_rows, vec![5], "the header under the letterhead and title");
}

/// A table written back as an .xlsx of text cells, as a clerk's edited copy is.
fn save_as_text(table: &tabular::Table, path: &std::path::Path) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in table.rows.iter().enumerate() {
        for (c, text) in row.cells.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, text).unwrap();
        }
    }
    book.save(path).unwrap();
}

/// A targets sheet whose plan column is headed in the office's own words ("Chỉ tiêu giao năm …") is refused for that
/// column until the user says which column holds the plan; the preview shows the reading and the corrected import
/// finds every target as the plain export.
#[test]
fn a_work_sheet_column_headed_in_the_offices_words_is_corrected_before_import() {
    use service::demo::DEMO_YEAR;
    use service::layout_view::{column_letter, ColumnChoice, ReadingChoices};
    use service::work::{sheet_field_choices, SheetKind, SheetOptions};
    let ExportedTargets { dir, mut office, session, exported, mut table, .. } = exported_targets();
    let plan = table.rows[0].cells.iter().position(|c| c == "Kế hoạch").expect("the export has a plan column");
    table.rows[0].cells[plan] = format!("Chỉ tiêu giao năm {DEMO_YEAR}");
    let own = dir.path().join("chi-tieu-cua-xa.xlsx");
    save_as_text(&table, &own);

    let first = office.preview_sheet(&session, SheetKind::Targets, &own, &ReadingChoices::default()).unwrap();
    assert!(first.errors.iter().any(|e| e.message.contains("Kế hoạch")), "{:?}", first.errors);
    let reading = first.reading.expect("the preview shows how the sheet was read");
    let column = reading.columns.iter().find(|c| c.index == plan).unwrap();
    assert_eq!((column.field.as_deref(), column.letter.as_str()), (None, column_letter(plan).as_str()));
    assert!(reading.choices.iter().any(|c| c.code == "plan"), "the plan is offered for the column");

    let typed = ColumnChoice::parse(&format!("{}=plan", column_letter(plan)), &sheet_field_choices(SheetKind::Targets)).unwrap();
    let corrected = ReadingChoices { columns: vec![typed], ..ReadingChoices::default() };
    let second = office.preview_sheet(&session, SheetKind::Targets, &own, &corrected).unwrap();
    assert!(second.errors.is_empty(), "{:?}", second.errors);
    assert_eq!(second.unchanged, exported, "every target found, unchanged");
    let shown = second.reading.unwrap();
    assert_eq!(shown.columns.iter().find(|c| c.index == plan).unwrap().field.as_deref(), Some("plan"));

    // A column given a field another column was recognised for takes it from that column: the importer reads the
    // column the preview shows, not the first one whose label matches.
    let mut twice = table.clone();
    twice.rows[0].cells[plan] = "Kế hoạch".into();
    let revised = twice.rows[0].cells.len();
    twice.rows[0].cells.push("Kế hoạch điều chỉnh".into());
    // Plans above 1 go up by one; milestones (1 or 0) stay, as a milestone takes nothing else.
    let mut raised = 0;
    for row in twice.rows.iter_mut().skip(1) {
        let cell = row.cells[plan].clone();
        match cell.parse::<i64>() {
            Ok(old) if old > 1 => {
                raised += 1;
                row.cells.push((old + 1).to_string());
            }
            _ => row.cells.push(cell),
        }
    }
    assert!(raised > 0);
    let both = dir.path().join("chi-tieu-hai-cot.xlsx");
    save_as_text(&twice, &both);
    let moved = ReadingChoices { columns: vec![ColumnChoice { index: revised, field: Some("plan".into()) }], ..ReadingChoices::default() };
    let read = office.preview_sheet(&session, SheetKind::Targets, &both, &moved).unwrap();
    assert!(read.errors.is_empty(), "{:?}", read.errors);
    assert_eq!((read.updated, read.unchanged), (raised, exported - raised), "every plan read from the revised column");
    let columns = read.reading.unwrap().columns;
    assert_eq!(columns.iter().find(|c| c.index == plan).unwrap().field, None, "the old column no longer holds the plan");

    // Setting a column aside drops it: without its code column the sheet is refused, and nothing is written.
    let code = table.rows[0].cells.iter().position(|c| c == "Mã chỉ tiêu").unwrap();
    let aside = ReadingChoices {
        columns: vec![corrected.columns[0].clone(), ColumnChoice { index: code, field: None }],
        ..ReadingChoices::default()
    };
    let refused = office.import_targets(&session, &own, &SheetOptions { dry_run: false, reading: aside });
    assert!(matches!(refused, Err(service::ServiceError::SheetRejected(_))));
    assert!(ColumnChoice::parse("H=khong-co", &sheet_field_choices(SheetKind::Targets)).is_err());
    // A header row that is not in the sheet is said, not replaced by the first row.
    let far = ReadingChoices { header_row: Some(9_999), ..ReadingChoices::default() };
    let said = office.preview_sheet(&session, SheetKind::Targets, &own, &far).unwrap_err();
    assert!(said.message(service::Lang::Vi).contains("không có dòng 9999"), "{}", said.message(service::Lang::Vi));
}

/// A template per sheet: its header row is what the importer reads, and its guide sheet explains every column.
#[test]
fn templates_have_the_importers_headers_and_a_guide_to_each_column() {
    use service::templates::TemplateKind;
    use std::io::Read as _;
    let mut c = commune();
    for kind in [TemplateKind::Roster, TemplateKind::Targets, TemplateKind::Progress, TemplateKind::Products] {
        let path = c.dir.path().join(format!("mau-{kind:?}.xlsx"));
        c.office.write_template(&c.session, kind, &path, service::Lang::Vi).unwrap();
        let mut strings = String::new();
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
        zip.by_name("xl/sharedStrings.xml").unwrap().read_to_string(&mut strings).unwrap();
        let workbook = {
            let mut text = String::new();
            zip.by_name("xl/workbook.xml").unwrap().read_to_string(&mut text).unwrap();
            text
        };
        assert!(workbook.contains("name=\"Hướng dẫn\""), "{kind:?}: {workbook}");
        assert!(strings.contains("Cách ghi") && strings.contains("Bắt buộc"), "{kind:?}");
        assert!(strings.contains("dòng tiêu đề không cần ở dòng đầu"), "{kind:?}");
    }
    // The roster template, filled in by hand, imports as it is.
    let path = c.dir.path().join("mau.xlsx");
    c.office.write_template(&c.session, TemplateKind::Roster, &path, service::Lang::Vi).unwrap();
    let header = tabular::read_table(&path).unwrap().rows.remove(0).cells;
    assert_eq!(header[..5], ["Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Quê quán"]);
    let filled = c.dir.path().join("da-dien.csv");
    let mut row = vec![String::new(); header.len()];
    for (i, h) in header.iter().enumerate() {
        row[i] = match h.as_str() {
            "Họ và tên" => "Ngô Thị Nga",
            "Ngày sinh" => "02/02/1992",
            "Giới tính" => "Nữ",
            "Dân tộc" => "Khơ-me",
            "Đơn vị" => "UBND xã Tân Phước",
            "Trình độ chuyên môn" => "Đại học Luật",
            _ => "",
        }
        .to_string();
    }
    std::fs::write(&filled, format!("{}\n{}\n", header.join(";"), row.join(";"))).unwrap();
    c.import(&filled, &c.options(false));
    assert_eq!(c.person("Ngô Thị Nga").unit_code, "XA-TANPHUOC-UB");
    assert_eq!(c.person("Ngô Thị Nga").ethnicity.as_deref(), Some("Khmer"), "an older spelling read as the census name");
}

/// A work sheet as a commune's People's Committee types it: its letterhead and the national motto, a title and the
/// decision it goes with, the header with an STT column, the numbering row "(1) (2) …", group headings ("I", "II"),
/// numbers and dates as Excel stores them, and the total and signatures at the end.
fn committee_sheet(path: &Path, title: &str, subtitle: &str, header: &[&str], rows: &[Vec<V>], total: &str) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Biểu 01").unwrap();
    let bold = Format::new().set_bold().set_align(FormatAlign::Center).set_text_wrap();
    let plain = Format::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let last = header.len() as u16 - 1;
    sheet.merge_range(0, 0, 0, 2, "ỦY BAN NHÂN DÂN", &bold).unwrap();
    sheet.merge_range(0, 5, 0, last, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", &bold).unwrap();
    sheet.merge_range(1, 0, 1, 2, "XÃ TÂN PHƯỚC", &bold).unwrap();
    sheet.merge_range(1, 5, 1, last, "Độc lập - Tự do - Hạnh phúc", &bold).unwrap();
    sheet.merge_range(3, 0, 3, last, title, &bold).unwrap();
    sheet.merge_range(4, 0, 4, last, subtitle, &plain).unwrap();
    for (col, text) in header.iter().enumerate() {
        sheet.write_string_with_format(6, col as u16, *text, &bold).unwrap();
        sheet.write_string_with_format(7, col as u16, format!("({})", col + 1), &bold).unwrap();
    }
    let mut r = 8u32;
    for row in rows {
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                V::T(text) => {
                    sheet.write_string(r, c, *text).unwrap();
                }
                V::D(y, m, d) => {
                    sheet.write_datetime_with_format(r, c, ExcelDateTime::from_ymd(*y as u16, *m, *d).unwrap(), &date).unwrap();
                }
                V::N(n) => {
                    sheet.write_number(r, c, *n).unwrap();
                }
                V::E => {}
            }
        }
        r += 1;
    }
    sheet.merge_range(r, 0, r, 2, total, &bold).unwrap();
    sheet.merge_range(r + 2, 5, r + 2, last, "Tân Phước, ngày 05 tháng 01 năm 2026", &plain).unwrap();
    sheet.merge_range(r + 3, 5, r + 3, last, "TM. ỦY BAN NHÂN DÂN", &bold).unwrap();
    sheet.merge_range(r + 4, 5, r + 4, last, "CHỦ TỊCH", &bold).unwrap();
    sheet.merge_range(r + 8, 5, r + 8, last, "Trần Thị Bình", &bold).unwrap();
    book.save(path).unwrap();
}

/// The targets the commune's People's Committee (XA-TANPHUOC-UB) gives its staff of the list above for 2026: task
/// groups by name, the person by name, plans as numbers and as typed text ("2,5"), deadlines as Excel dates.
fn committee_targets_sheet(dir: &Path) -> PathBuf {
    let path = dir.join("giao-chi-tieu-2026.xlsx");
    let (header, rows) = committee_targets_table();
    committee_sheet(
        &path,
        "BẢNG GIAO CHỈ TIÊU NĂM 2026",
        "(Kèm theo Quyết định số 12/QĐ-UBND ngày 05/01/2026 của Ủy ban nhân dân xã)",
        &header,
        &rows,
        "Tổng cộng: 04 chỉ tiêu",
    );
    path
}

/// The committee's targets: the header and the rows, group rows included.
fn committee_targets_table() -> (Vec<&'static str>, Vec<Vec<V<'static>>>) {
    let economy = "Phát triển kinh tế - xã hội";
    let party = "Xây dựng Đảng và hệ thống chính trị";
    let unit = "XA-TANPHUOC-UB";
    let rows = vec![
        vec![V::T("I"), V::T("PHÁT TRIỂN KINH TẾ - XÃ HỘI")],
        vec![
            V::N(1.0),
            V::N(2026.0),
            V::T(unit),
            V::T("KT-01"),
            V::T("Thu ngân sách nhà nước trên địa bàn"),
            V::T(economy),
            V::T("triệu đồng"),
            V::N(12_500.0),
            V::T("Trần Thị Bình"),
            V::D(2026, 12, 31),
        ],
        vec![
            V::N(2.0),
            V::N(2026.0),
            V::T(unit),
            V::T("KT-02"),
            V::T("Hồ sơ thủ tục hành chính giải quyết đúng hạn"),
            V::T(economy),
            V::T("%"),
            V::N(98.0),
            V::T("Đỗ Thị Hằng"),
            V::D(2026, 12, 31),
        ],
        vec![
            V::N(3.0),
            V::N(2026.0),
            V::T(unit),
            V::T("KT-03"),
            V::T("Hòa giải thành các vụ việc ở cơ sở"),
            V::T(economy),
            V::T("%"),
            V::T("85,5"),
            V::T("Phạm Văn Dũng"),
            V::T("30/11/2026"),
        ],
        vec![V::T("II"), V::T("XÂY DỰNG ĐẢNG VÀ HỆ THỐNG CHÍNH TRỊ")],
        vec![
            V::N(4.0),
            V::N(2026.0),
            V::T(unit),
            V::T("XD-01"),
            V::T("Kết nạp đảng viên mới"),
            V::T(party),
            V::T("đảng viên"),
            V::N(5.0),
            V::T("Nguyễn Văn An"),
            V::D(2026, 12, 31),
        ],
    ];
    let header = vec![
        "STT",
        "Năm",
        "Mã đơn vị",
        "Mã chỉ tiêu",
        "Tên chỉ tiêu",
        "Nhóm nhiệm vụ",
        "Đơn vị tính",
        "Kế hoạch",
        "Người được giao",
        "Hạn hoàn thành",
    ];
    (header, rows)
}

/// The same sheet as many committees type it: no "Năm" column, the year only in the title (or nowhere).
fn committee_targets_sheet_without_year(dir: &Path, title: &str) -> PathBuf {
    let path = dir.join("giao-chi-tieu-khong-cot-nam.xlsx");
    let (mut header, mut rows) = committee_targets_table();
    header.remove(1);
    for row in rows.iter_mut().filter(|r| r.len() > 2) {
        row.remove(1);
    }
    committee_sheet(
        &path,
        title,
        "(Kèm theo Quyết định số 12/QĐ-UBND ngày 05/01/2026 của Ủy ban nhân dân xã)",
        &header,
        &rows,
        "Tổng cộng: 04 chỉ tiêu",
    );
    path
}

#[test]
fn a_target_sheet_without_a_year_column_takes_the_year_of_its_title() {
    use service::work::SheetKind;
    let mut c = commune();
    let list = commune_staff_list(c.dir.path());
    let options = ImportOptions { default_unit: Some("XA-TANPHUOC-UB".into()), ..c.options(false) };
    c.import(&list, &options);

    // Signed in December for the next year: the signing date's year is not the sheet's.
    let titled = committee_targets_sheet_without_year(c.dir.path(), "Tân Phước, ngày 20 tháng 12 năm 2025 — GIAO CHỈ TIÊU NĂM 2026");
    let preview = c.office.preview_sheet(&c.session, SheetKind::Targets, &titled, &Default::default()).unwrap();
    assert!(preview.errors.is_empty(), "{:#?}", preview.errors);
    assert_eq!((preview.rows, preview.new), (4, 4));
    assert_eq!(preview.reading.as_ref().and_then(|r| r.title_year), Some(2026), "the preview says where the year came from");
    c.office.import_sheet(&c.session, SheetKind::Targets, &titled, &Default::default()).unwrap();
    let filter = service::work::TargetFilter { year: 2026, unit_code: Some("XA-TANPHUOC-UB".into()), as_of: None };
    assert_eq!(c.office.targets(&c.session, &filter, service::Lang::Vi).unwrap().len(), 4);

    // Without a year in the title either, the sheet is refused as before, naming the column to add.
    let untitled = committee_targets_sheet_without_year(c.dir.path(), "BẢNG GIAO CHỈ TIÊU");
    let refused = c.office.preview_sheet(&c.session, SheetKind::Targets, &untitled, &Default::default());
    let message = match refused {
        Ok(report) => report.errors.iter().map(|e| e.message.clone()).collect::<Vec<_>>().join("\n"),
        Err(error) => error.to_string(),
    };
    assert!(message.contains("Thiếu cột \"Năm\""), "{message}");
}

/// The products of November 2026 as the committee's office sends them to be appraised: the month as "Tháng 11",
/// quantities as numbers, a completion date typed and one stored as a date, quality and timeliness in percent.
fn committee_products_sheet(dir: &Path) -> PathBuf {
    let path = dir.join("san-pham-thang-11-2026.xlsx");
    let unit = "XA-TANPHUOC-UB";
    let product = |stt: f64, person, title, required: f64, delivered: f64, done: V<'static>, quality: f64, on_time: f64| {
        vec![
            V::N(stt),
            V::N(2026.0),
            V::T("Tháng 11"),
            V::T(unit),
            V::T(person),
            V::T(title),
            V::N(required),
            V::N(delivered),
            V::D(2026, 11, 30),
            done,
            V::N(quality),
            V::N(on_time),
        ]
    };
    let rows = vec![
        product(1.0, "Trần Thị Bình", "Báo cáo kinh tế - xã hội tháng 11", 1.0, 1.0, V::D(2026, 11, 25), 100.0, 100.0),
        product(2.0, "Trần Thị Bình", "Kế hoạch thu ngân sách quý IV", 1.0, 1.0, V::T("28/11/2026"), 90.0, 100.0),
        product(3.0, "Phạm Văn Dũng", "Hồ sơ hộ tịch giải quyết", 40.0, 38.0, V::D(2026, 11, 30), 95.0, 90.0),
        product(4.0, "Đỗ Thị Hằng", "Văn bản đến được xử lý", 120.0, 120.0, V::D(2026, 11, 30), 100.0, 100.0),
        product(5.0, "Nguyễn Văn An", "Nghị quyết chuyên đề xây dựng Đảng", 1.0, 1.0, V::T("20/11/2026"), 100.0, 100.0),
        product(6.0, "Lê Thị Cúc", "Báo cáo công tác Hội tháng 11", 1.0, 1.0, V::D(2026, 11, 27), 100.0, 100.0),
    ];
    let header = [
        "STT",
        "Năm",
        "Kỳ",
        "Mã đơn vị",
        "Người thực hiện",
        "Sản phẩm",
        "Số lượng giao",
        "Số lượng đạt",
        "Hạn",
        "Ngày hoàn thành",
        "Chất lượng đạt (%)",
        "Đúng hạn (%)",
    ];
    committee_sheet(
        &path,
        "BẢNG THEO DÕI SẢN PHẨM THÁNG 11 NĂM 2026",
        "(Cán bộ, công chức Ủy ban nhân dân xã)",
        &header,
        &rows,
        "Tổng cộng: 06 sản phẩm",
    );
    path
}

/// The files of a commune's first week, in the order it uses them (the window's end-to-end test imports the
/// committed copies under tests/fixtures/office-files): its staff list into the People's Committee, the targets it
/// gives for the year, the products of a month. Each reads whole in a fresh office with nothing corrected.
#[test]
fn a_communes_first_week_files_import_into_a_fresh_office() {
    use service::work::SheetKind;
    let mut c = commune();
    let list = commune_staff_list(c.dir.path());
    let options = ImportOptions { default_unit: Some("XA-TANPHUOC-UB".into()), ..c.options(false) };
    let done = c.import(&list, &options);
    assert_eq!(done.new_people, 5);
    assert_eq!(c.person("Đỗ Thị Hằng").unit_code, "XA-TANPHUOC-UB");

    let targets = committee_targets_sheet(c.dir.path());
    let preview = c.office.preview_sheet(&c.session, SheetKind::Targets, &targets, &Default::default()).unwrap();
    assert!(preview.errors.is_empty(), "{:#?}", preview.errors);
    assert_eq!((preview.rows, preview.new), (4, 4));
    let reading = preview.reading.as_ref().expect("how the sheet was read");
    assert_eq!(reading.header_rows, [7]);
    c.office.import_sheet(&c.session, SheetKind::Targets, &targets, &Default::default()).unwrap();
    let filter = service::work::TargetFilter { year: 2026, unit_code: Some("XA-TANPHUOC-UB".into()), as_of: None };
    let given = c.office.targets(&c.session, &filter, service::Lang::Vi).unwrap();
    let mediation = given.iter().find(|t| t.code == "KT-03").expect("KT-03 given");
    assert_eq!(mediation.plan, 8_550, "a plan typed as \"85,5\" is 85,5 (in hundredths)");
    assert_eq!(mediation.person_name.as_deref(), Some("Phạm Văn Dũng"));
    assert_eq!(mediation.deadline, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());

    let products = committee_products_sheet(c.dir.path());
    let preview = c.office.preview_sheet(&c.session, SheetKind::Products, &products, &Default::default()).unwrap();
    assert!(preview.errors.is_empty(), "{:#?}", preview.errors);
    assert_eq!((preview.rows, preview.new), (6, 6));
    c.office.import_sheet(&c.session, SheetKind::Products, &products, &Default::default()).unwrap();

    // A week in, nothing can be rated yet, and the proposals say so instead of failing anyone: no period has been
    // assessed for the people, and no target of the committee has a result reported (unknown, not 0 %).
    use domain::evaluation::{Level, Reason};
    let year = c.office.classify(&c.session, 2026, "XA-TANPHUOC", service::Lang::Vi).unwrap();
    let committee = year.collectives.iter().find(|u| u.unit_code == "XA-TANPHUOC-UB").expect("the committee is rated");
    assert_eq!(committee.proposed_level, Level::NotRated, "{:?}", committee.reasons);
    assert_eq!(committee.reason_codes, [Reason::NoTargetResults { targets: 4 }]);
    assert!(year.people.iter().all(|p| p.proposed_level == Level::NotRated), "nobody is rated before any period is assessed");
    // Nothing scored shows no points, not a 0,00 that reads as a failing score.
    assert_eq!(committee.points_text, "—");
    assert!(year.people.iter().all(|p| p.points_text == "—"), "{:?}", year.people.iter().map(|p| &p.points_text).collect::<Vec<_>>());

    // Once a result is reported, the collective is rated by its targets: three with nothing reported count as not
    // done, so a unit that reported a single target of four is proposed "not completed", with the reason.
    let kt01 = given.iter().find(|t| t.code == "KT-01").unwrap();
    let report = service::work::ProgressInput {
        target_id: kt01.id,
        period: domain::targets::Period::Month(11),
        value: "12.600".into(),
        comment: String::new(),
        evidence: Vec::new(),
    };
    c.office.report_progress(&c.session, &report).unwrap();
    let year = c.office.classify(&c.session, 2026, "XA-TANPHUOC", service::Lang::Vi).unwrap();
    let committee = year.collectives.iter().find(|u| u.unit_code == "XA-TANPHUOC-UB").unwrap();
    assert_eq!(committee.proposed_level, Level::NotCompleted, "{:?}", committee.reasons);
    assert!(committee.reason_codes.iter().any(|r| matches!(r, Reason::UnitBelowCompletion { .. })), "{:?}", committee.reasons);
}

/// The committed copies of the first week's work sheets are what the builders above make.
#[test]
fn the_committed_work_sheets_are_the_ones_built_here() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/office-files");
    let built = tempfile::tempdir().unwrap();
    for (name, path) in [
        ("giao-chi-tieu-2026.xlsx", committee_targets_sheet(built.path())),
        ("san-pham-thang-11-2026.xlsx", committee_products_sheet(built.path())),
    ] {
        // THUOCDO_WRITE_FIXTURES=1 writes them again when a builder is changed on purpose.
        if std::env::var_os("THUOCDO_WRITE_FIXTURES").is_some() {
            std::fs::copy(&path, dir.join(name)).unwrap();
        }
        let committed = tabular::read_table(&dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(committed, tabular::read_table(&path).unwrap(), "{name}");
    }
}
