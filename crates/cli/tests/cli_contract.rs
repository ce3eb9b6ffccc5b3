//! The CLI contract, checked against the real `thuocdo` binary: exit codes, Vietnamese-first messages, JSON on
//! stdout, and what each command leaves in the database. Every test works in its own temporary directory.

mod common;

use common::Run;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use tabular::Cell;
use tempfile::TempDir;

/// Vietnamese letters in the password: the CLI must hand it over unchanged from the environment.
const PASSWORD: &str = "Mật khẩu 2026";
const OFFICE_CODE: &str = "XA-TANLAP";

const VI_HEADERS: [&str; 10] = [
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Quê quán",
    "Đảng viên",
    "Chức vụ",
    "Đơn vị",
    "Trình độ chuyên môn",
    "Lý luận chính trị",
    "Ngày bổ nhiệm",
];

/// Six cadres of the commune, deliberately out of order. Units are named by code (in any case) or by name (with
/// another tone placement, "uỷ" for "ủy"). The first name is typed decomposed (NFD), as some keyboards send it.
/// A date starting with ' is written as a text cell, the others as real Excel dates.
const SIX: [[&str; 10]; 6] = [
    ["Hoàng Thị Yến", "02/09/1990", "Nữ", "Thôn Đông, xã Tân Lập", "Có", "Chuyên viên", "XA-TANLAP-UB", "Đại học Luật", "Sơ cấp", ""],
    [
        "Phạm Chí Đức",
        "15/03/1978",
        "Nam",
        "xã Quỳnh Sơn",
        "Có",
        "Chánh Văn phòng",
        "Văn phòng HĐND và UBND xã Tân Lập",
        "Thạc sĩ Quản lý nhà nước",
        "Cao cấp",
        "01/07/2025",
    ],
    [
        "Tra\u{302}\u{300}n Va\u{306}n An",
        "12/05/1980",
        "Nam",
        "Thôn Tây, xã Tân Lập",
        "Có",
        "Bí thư Đảng ủy",
        "xa-tanlap-du",
        "Đại học Xây dựng Đảng",
        "Cao cấp",
        "01/07/2025",
    ],
    [
        "Đỗ Thị Dung",
        "30/11/1985",
        "Nữ",
        "",
        "Có",
        "Phó Chánh Văn phòng",
        "Văn phòng Đảng uỷ xã Tân Lập",
        "Đại học Hành chính học",
        "Trung cấp",
        "'20/10/2021",
    ],
    ["Nguyễn Thị Anh", "07/07/1995", "Nữ", "", "", "Chuyên viên", "XA-TANLAP-VHXH", "Cao đẳng Kế toán", "", ""],
    ["Lê Văn Bình", "01/01/1970", "Nam", "Thôn Nam, xã Tân Lập", "", "", "Phòng Văn hóa - Xã hội xã Tân Lập", "", "", ""],
];

/// What `roster list` must show for SIX: name, birth date, gender, unit code, position, in Vietnamese order.
const SIX_LISTED: [(&str, &str, &str, &str, Option<&str>); 6] = [
    ("Trần Văn An", "1980-05-12", "male", "XA-TANLAP-DU", Some("Bí thư Đảng ủy")),
    ("Nguyễn Thị Anh", "1995-07-07", "female", "XA-TANLAP-VHXH", Some("Chuyên viên")),
    ("Lê Văn Bình", "1970-01-01", "male", "XA-TANLAP-VHXH", None),
    ("Đỗ Thị Dung", "1985-11-30", "female", "XA-TANLAP-DU", Some("Phó Chánh Văn phòng")),
    ("Phạm Chí Đức", "1978-03-15", "male", "XA-TANLAP-UB", Some("Chánh Văn phòng")),
    ("Hoàng Thị Yến", "1990-09-02", "female", "XA-TANLAP-UB", Some("Chuyên viên")),
];

/// One office database in its own temporary directory.
struct Office {
    dir: TempDir,
}

impl Office {
    /// A directory with no database yet.
    fn empty() -> Office {
        Office { dir: tempfile::tempdir().expect("temporary directory") }
    }

    /// An office for the commune Tân Lập with three agencies, added through `units add`.
    fn set_up() -> Office {
        let office = Office::empty();
        office.init();
        for (code, name) in [
            ("XA-TANLAP-DU", "Văn phòng Đảng ủy xã Tân Lập"),
            ("XA-TANLAP-UB", "Văn phòng HĐND và UBND xã Tân Lập"),
            ("XA-TANLAP-VHXH", "Phòng Văn hóa - Xã hội xã Tân Lập"),
        ] {
            office.run(&["units", "add", "--code", code, "--name", name, "--level", "agency", "--parent-code", OFFICE_CODE]).ok();
        }
        office
    }

    fn init(&self) -> Run {
        self.run(&[
            "init",
            "--unit-name",
            "Đảng ủy xã Tân Lập",
            "--unit-code",
            OFFICE_CODE,
            "--level",
            "commune",
            "--parent-code",
            "SL",
            "--admin",
            "admin",
        ])
        .ok()
    }

    fn db(&self) -> PathBuf {
        self.path("office.db")
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The binary on this office's database, with the password from the environment and never THUOCDO_DB.
    fn command(&self, db: &Path, password: Option<&str>, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_thuocdo"));
        command.arg("--db").arg(db).args(args).current_dir(self.dir.path()).env_remove("THUOCDO_DB").stdin(Stdio::null());
        match password {
            Some(password) => command.env("THUOCDO_PASSWORD", password),
            None => command.env_remove("THUOCDO_PASSWORD"),
        };
        command
    }

    fn run_with(&self, db: &Path, password: Option<&str>, args: &[&str]) -> Run {
        run(self.command(db, password, args))
    }

    fn run(&self, args: &[&str]) -> Run {
        self.run_with(&self.db(), Some(PASSWORD), args)
    }

    fn import(&self, file: &Path, extra: &[&str]) -> Run {
        let mut args = vec!["roster", "import", file.to_str().expect("UTF-8 path")];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// `--json roster list`, as text: byte-for-byte comparisons need the exact output.
    fn roster_text(&self) -> String {
        self.run(&["--json", "roster", "list"]).ok().stdout
    }

    fn roster(&self) -> Vec<Value> {
        array(self.run(&["--json", "roster", "list"]).ok().json())
    }

    fn units(&self) -> Vec<Value> {
        array(self.run(&["--json", "units", "list"]).ok().json())
    }

    fn find(&self, text: &str) -> Vec<String> {
        array(self.run(&["--json", "roster", "find", text]).ok().json()).iter().map(|p| str_of(&p["full_name"])).collect()
    }

    /// Writes an XLSX roster file in this office's directory.
    fn xlsx(&self, name: &str, headers: &[&str], rows: &[[&str; 10]]) -> PathBuf {
        let path = self.path(name);
        let rows: Vec<Vec<Cell>> = rows.iter().map(|row| row.iter().map(|text| cell(text)).collect()).collect();
        tabular::write_xlsx(&path, "Danh sách", headers, &rows).expect("test file written");
        path
    }
}

/// Runs the binary as `command` says and keeps what it gave back.
fn run(mut command: Command) -> Run {
    let output = command.output().expect("the thuocdo binary runs");
    Run {
        code: output.status.code().expect("thuocdo exits rather than being killed"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// A spreadsheet cell as an office would type it: valid dd/mm/yyyy dates become date cells, unless written with
/// a leading apostrophe (Excel's way to keep text), and an empty string is an empty cell.
fn cell(text: &str) -> Cell {
    if text.is_empty() {
        return Cell::Empty;
    }
    if let Some(literal) = text.strip_prefix('\'') {
        return Cell::Text(literal.to_string());
    }
    match chrono::NaiveDate::parse_from_str(text, "%d/%m/%Y") {
        Ok(date) if text.len() == 10 => Cell::Date(date),
        _ => Cell::Text(text.to_string()),
    }
}

fn array(value: Value) -> Vec<Value> {
    match value {
        Value::Array(items) => items,
        other => panic!("expected a JSON array, got {other}"),
    }
}

fn str_of(value: &Value) -> String {
    value.as_str().unwrap_or_else(|| panic!("expected a JSON string, got {value}")).to_string()
}

fn names(people: &[Value]) -> Vec<String> {
    people.iter().map(|p| str_of(&p["full_name"])).collect()
}

/// A row of the ten Vietnamese columns with only the required ones and a position filled in.
fn row(name: &'static str, born: &'static str, gender: &'static str, unit: &'static str) -> [&'static str; 10] {
    [name, born, gender, "", "", "Chuyên viên", unit, "", "", ""]
}

/// Every file in a directory with its bytes, to show a refused command left everything as it was.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("readable directory")
        .map(|e| e.expect("directory entry").path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).expect("readable file")))
        .collect();
    files.sort();
    files
}

#[test]
fn an_xlsx_roster_with_vietnamese_headers_imports_and_lists_in_vietnamese_order() {
    let office = Office::set_up();
    let file = office.xlsx("danh_sach.xlsx", &VI_HEADERS, &SIX);

    let report = office.import(&file, &["--json"]).ok().json();
    assert_eq!(report["rows"], 6);
    assert_eq!(report["new_people"], 6);
    assert_eq!(report["updated_people"], 0);
    assert_eq!(report["written"], true);
    assert_eq!(report["errors"], Value::Array(vec![]));

    let people = office.roster();
    let listed: Vec<(String, String, String, String, Option<String>)> = people
        .iter()
        .map(|p| {
            (
                str_of(&p["full_name"]),
                str_of(&p["birth_date"]),
                str_of(&p["gender"]),
                str_of(&p["unit_code"]),
                p["position"].as_str().map(str::to_string),
            )
        })
        .collect();
    let expected: Vec<(String, String, String, String, Option<String>)> = SIX_LISTED
        .iter()
        .map(|(n, b, g, u, p)| (n.to_string(), b.to_string(), g.to_string(), u.to_string(), p.map(str::to_string)))
        .collect();
    assert_eq!(listed, expected);
    // The name typed decomposed is stored composed (NFC), so it compares equal to the precomposed literal.
    assert!(!str_of(&people[0]["full_name"]).contains('\u{300}'));

    let by_name = |name: &str| people.iter().find(|p| p["full_name"] == name).unwrap_or_else(|| panic!("{name} listed")).clone();
    let an = by_name("Trần Văn An");
    assert_eq!(an["party_member"], true);
    assert_eq!(an["political_theory"], "advanced");
    assert_eq!(an["hometown"], "Thôn Tây, xã Tân Lập");
    assert_eq!(an["unit_name"], "Văn phòng Đảng ủy xã Tân Lập");
    assert_eq!(an["appointment_date"], "2025-07-01");
    assert_eq!(an["reappointment_due"], "2030-07-01", "a leader is due for re-appointment five years on");
    let duc = by_name("Phạm Chí Đức");
    assert_eq!(duc["qualification"], "master");
    assert_eq!(duc["qualification_detail"], "Thạc sĩ Quản lý nhà nước");
    let dung = by_name("Đỗ Thị Dung");
    assert_eq!(dung["appointment_date"], "2021-10-20", "a date typed as text is read like a date cell");
    assert_eq!(dung["hometown"], Value::Null);
    let anh = by_name("Nguyễn Thị Anh");
    assert_eq!(anh["party_member"], false);
    assert_eq!(anh["qualification"], "college");
    assert_eq!(anh["political_theory"], Value::Null);
    assert_eq!(anh["reappointment_due"], Value::Null, "a specialist post has no term");
    let binh = by_name("Lê Văn Bình");
    assert_eq!(binh["appointment_date"], Value::Null);

    let table = office.run(&["roster", "list"]).ok().stdout;
    assert!(table.contains("Trần Văn An") && table.contains("12/05/1980"), "{table}");
    assert!(table.trim_end().ends_with("6 người"), "{table}");
}

#[test]
fn one_bad_row_rejects_the_whole_file_and_names_row_and_column() {
    let office = Office::set_up();
    let first = office.xlsx("dot1.xlsx", &VI_HEADERS, &[row("Trần Văn An", "12/05/1980", "Nam", "XA-TANLAP-DU")]);
    office.import(&first, &[]).ok();
    let before = office.roster_text();

    // Row 2 changes a stored person, rows 3 and 5 are new and fine, row 4 has a date that does not exist.
    let mut changed = row("Trần Văn An", "12/05/1980", "Nam", "XA-TANLAP-DU");
    changed[3] = "Thôn Mới, xã Tân Lập";
    let bad_file = office.xlsx(
        "dot2.xlsx",
        &VI_HEADERS,
        &[
            changed,
            row("Lê Thị Bình", "03/04/1992", "Nữ", "XA-TANLAP-UB"),
            row("Vũ Văn Cường", "'31/02/1980", "Nam", "XA-TANLAP-UB"),
            row("Phan Thị Dung", "09/09/1999", "Nữ", "XA-TANLAP-VHXH"),
        ],
    );

    let vi = office.import(&bad_file, &[]).fails(1);
    assert!(vi.stderr.contains("Dòng 4"), "{}", vi.stderr);
    assert!(vi.stderr.contains("Ngày sinh"), "{}", vi.stderr);
    assert!(vi.stderr.contains("31/02/1980"), "{}", vi.stderr);
    assert!(vi.stderr.contains("Không nhập gì"), "{}", vi.stderr);
    for good_row in ["Dòng 2", "Dòng 3", "Dòng 5"] {
        assert!(!vi.stderr.contains(good_row), "only the bad row is named: {}", vi.stderr);
    }

    let json = office.import(&bad_file, &["--json"]).fails(1).json();
    assert_eq!(json["error"]["code"], "roster.rejected");
    assert_eq!(json["report"]["written"], false);
    let errors = array(json["report"]["errors"].clone());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["row"], 4);
    assert_eq!(errors[0]["column"], "Ngày sinh");

    let en = office.run(&["--lang", "en", "roster", "import", bad_file.to_str().unwrap()]).fails(1);
    assert!(en.stderr.contains("Row 4"), "{}", en.stderr);
    assert!(en.stderr.contains("Birth date"), "{}", en.stderr);
    assert!(en.stderr.contains("Nothing was imported"), "{}", en.stderr);
    assert!(!en.stderr.contains("Dòng"), "{}", en.stderr);

    assert_eq!(office.roster_text(), before, "a rejected file changes nothing, not even the good rows");

    // In an empty office the same file leaves the roster empty.
    let fresh = Office::set_up();
    let bad_copy = fresh.path("dot2.xlsx");
    std::fs::copy(&bad_file, &bad_copy).unwrap();
    fresh.import(&bad_copy, &[]).fails(1);
    assert!(fresh.roster().is_empty());
}

#[test]
fn importing_the_same_file_twice_changes_nothing() {
    let office = Office::set_up();
    let file = office.xlsx("danh_sach.xlsx", &VI_HEADERS, &SIX);
    office.import(&file, &[]).ok();
    let before = office.roster_text();

    let again = office.import(&file, &["--json"]).ok().json();
    assert_eq!(again["new_people"], 0);
    assert_eq!(again["updated_people"], 0);
    assert_eq!(again["unchanged_people"], 6);
    assert_eq!(again["new_assignments"], 0);
    assert_eq!(again["updated_assignments"], 0);
    assert_eq!(again["written"], false);
    assert_eq!(office.roster_text(), before, "revisions and all fields must stay as they were");

    let said = office.import(&file, &[]).ok().stdout;
    assert!(said.contains("Không có gì thay đổi"), "{said}");
    assert!(said.contains("0 người mới, 0 cập nhật, 6 không đổi"), "{said}");
    assert_eq!(office.roster_text(), before);
}

#[test]
fn the_same_person_twice_in_one_file_is_reported_with_both_rows() {
    let office = Office::set_up();
    let file = office.xlsx(
        "trung.xlsx",
        &VI_HEADERS,
        &[
            row("Phạm Thuý Hằng", "12/12/1988", "Nữ", "XA-TANLAP-DU"),
            row("Vũ Văn Nam", "01/02/1983", "Nam", "XA-TANLAP-DU"),
            // Same name, another birth date: another person, not a duplicate.
            row("Phạm Thúy Hằng", "13/12/1988", "Nữ", "XA-TANLAP-UB"),
            row("PHẠM THÚY HẰNG", "12/12/1988", "Nữ", "XA-TANLAP-UB"),
        ],
    );

    let run = office.import(&file, &[]).fails(1);
    assert!(run.stderr.contains("Dòng 5"), "{}", run.stderr);
    assert!(run.stderr.contains("dòng 2"), "the first occurrence is named too: {}", run.stderr);

    let json = office.import(&file, &["--json"]).fails(1).json();
    assert_eq!(json["error"]["code"], "roster.rejected");
    let errors = array(json["report"]["errors"].clone());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["row"], 5);
    assert!(str_of(&errors[0]["message"]).contains("dòng 2"), "{errors:?}");
    assert!(office.roster().is_empty());
}

#[test]
fn units_missing_from_the_office_are_refused_or_created_on_request() {
    let office = Office::set_up();
    let units_before = office.units();
    let file = office.xlsx(
        "don_vi_moi.xlsx",
        &VI_HEADERS,
        &[
            row("Trần Thị Mai", "05/05/1990", "Nữ", "Trường Mầm non Tân Lập"),
            row("Lý Văn Hùng", "06/06/1986", "Nam", "Phòng Kinh tế xã Tân Lập"),
            row("Cao Thị Hạnh", "07/07/1993", "Nữ", "TRƯỜNG MẦM NON TÂN LẬP"),
            row("Hà Văn Tú", "08/08/1981", "Nam", "XA-TANLAP-UB"),
        ],
    );

    let refused = office.import(&file, &[]).fails(1);
    assert!(refused.stderr.contains("Trường Mầm non Tân Lập"), "{}", refused.stderr);
    assert!(refused.stderr.contains("Phòng Kinh tế xã Tân Lập"), "{}", refused.stderr);
    assert!(refused.stderr.contains("--create-units"), "the message says how to go on: {}", refused.stderr);
    let json = office.import(&file, &["--json"]).fails(1).json();
    assert_eq!(json["report"]["missing_units"], serde_json::json!(["Phòng Kinh tế xã Tân Lập", "Trường Mầm non Tân Lập"]));
    assert_eq!(office.units(), units_before);
    assert!(office.roster().is_empty());

    let report = office.import(&file, &["--json", "--create-units"]).ok().json();
    assert_eq!(report["new_people"], 4);
    assert_eq!(array(report["created_units"].clone()).len(), 2, "one unit per name, whatever its case");

    let units = office.units();
    assert_eq!(units.len(), units_before.len() + 2);
    let created = |name: &str| -> Value {
        units.iter().find(|u| u["name"] == name).unwrap_or_else(|| panic!("unit {name} created: {units:?}")).clone()
    };
    let school = created("Trường Mầm non Tân Lập");
    let economy = created("Phòng Kinh tế xã Tân Lập");
    for unit in [&school, &economy] {
        assert_eq!(unit["parent_code"], OFFICE_CODE, "{unit}");
    }
    assert_eq!(school["level"], "agency");
    assert_eq!(economy["level"], "department");

    let people = office.roster();
    let unit_of = |name: &str| people.iter().find(|p| p["full_name"] == name).map(|p| p["unit_code"].clone());
    assert_eq!(unit_of("Trần Thị Mai"), Some(school["code"].clone()));
    assert_eq!(unit_of("Cao Thị Hạnh"), Some(school["code"].clone()));
    assert_eq!(unit_of("Lý Văn Hùng"), Some(economy["code"].clone()));
    assert_eq!(unit_of("Hà Văn Tú"), Some(Value::from("XA-TANLAP-UB")));
}

#[test]
fn a_dry_run_reports_what_would_happen_and_writes_nothing() {
    let office = Office::set_up();
    let units_before = office.units();
    let file = office.xlsx("danh_sach.xlsx", &VI_HEADERS, &SIX);

    let preview = office.import(&file, &["--json", "--dry-run"]).ok().json();
    assert_eq!(preview["dry_run"], true);
    assert_eq!(preview["written"], false);
    assert_eq!(preview["new_people"], 6);
    let actions: Vec<Value> = array(preview["preview"].clone()).iter().map(|p| p["action"].clone()).collect();
    assert_eq!(actions, vec![Value::from("new"); 6]);
    assert!(office.roster().is_empty());

    let said = office.import(&file, &["--dry-run"]).ok().stdout;
    assert!(said.contains("Xem trước (chưa ghi gì)"), "{said}");
    assert!(said.contains("6 người mới"), "{said}");
    assert!(office.roster().is_empty());

    let missing = office.xlsx("don_vi_moi.xlsx", &VI_HEADERS, &[row("Trần Thị Mai", "05/05/1990", "Nữ", "Trường Mầm non Tân Lập")]);
    let preview = office.import(&missing, &["--json", "--dry-run", "--create-units"]).ok().json();
    assert_eq!(array(preview["units_to_create"].clone()).len(), 1);
    assert_eq!(preview["new_people"], 1);
    assert_eq!(office.units(), units_before, "a dry run creates no unit");
    assert!(office.roster().is_empty());

    let done = office.import(&file, &["--json"]).ok().json();
    assert_eq!(done["new_people"], 6, "the real import does what the preview said");
}

#[test]
fn a_csv_with_bom_semicolons_and_english_headers_imports_like_the_xlsx() {
    let from_xlsx = Office::set_up();
    let xlsx = from_xlsx.xlsx("danh_sach.xlsx", &VI_HEADERS, &SIX);
    from_xlsx.import(&xlsx, &[]).ok();

    // The same people as Excel saves them in "CSV UTF-8" with a Vietnamese regional setting: BOM, ';', CRLF,
    // English headers in another order, English values where the app understands them.
    let mut csv = String::from(
        "\u{feff}Full name;Birth date;Gender;Unit;Position;Hometown;Party member;Qualification;Political theory;Appointment date\r\n",
    );
    for [name, born, gender, hometown, party, position, unit, qualification, theory, appointed] in SIX {
        let gender = if gender == "Nam" { "Male" } else { "Female" };
        let party = if party == "Có" { "Yes" } else { "" };
        let theory = match theory {
            "Cao cấp" => "Advanced",
            "Trung cấp" => "Intermediate",
            "Sơ cấp" => "Elementary",
            _ => "",
        };
        let fields = [name, born, gender, unit, position, hometown, party, qualification, theory, appointed.trim_start_matches('\'')];
        let quoted: Vec<String> = fields.iter().map(|f| if f.contains(',') { format!("\"{f}\"") } else { f.to_string() }).collect();
        csv.push_str(&quoted.join(";"));
        csv.push_str("\r\n");
    }
    let from_csv = Office::set_up();
    let csv_path = from_csv.path("danh_sach.csv");
    std::fs::write(&csv_path, csv).unwrap();
    let report = from_csv.import(&csv_path, &["--json"]).ok().json();
    assert_eq!(report["new_people"], 6);

    // Ids are new in each office; everything else, revisions included, must be the same.
    let without_ids = |people: Vec<Value>| -> Vec<Value> {
        people
            .into_iter()
            .map(|mut p| {
                p.as_object_mut().unwrap().remove("person_id");
                p
            })
            .collect()
    };
    let via_csv = without_ids(from_csv.roster());
    assert_eq!(via_csv, without_ids(from_xlsx.roster()));
    assert_eq!(names(&via_csv), SIX_LISTED.iter().map(|p| p.0.to_string()).collect::<Vec<_>>());

    // The five basic English headers alone are enough.
    let minimal = Office::set_up();
    let path = minimal.path("basic.csv");
    std::fs::write(&path, "Full name,Birth date,Gender,Unit,Position\nNgô Thị Tư,04/04/1994,Female,XA-TANLAP-DU,Chuyên viên\n").unwrap();
    minimal.import(&path, &[]).ok();
    let people = minimal.roster();
    assert_eq!(names(&people), ["Ngô Thị Tư"]);
    assert_eq!(people[0]["birth_date"], "1994-04-04");
    assert_eq!(people[0]["gender"], "female");
    assert_eq!(people[0]["unit_code"], "XA-TANLAP-DU");
    assert_eq!(people[0]["position"], "Chuyên viên");
}

#[test]
fn find_ignores_case_and_diacritics_unless_typed() {
    let office = Office::set_up();
    let file = office.xlsx(
        "tim.xlsx",
        &VI_HEADERS,
        &[
            row("Nguyễn Văn An", "01/01/1980", "Nam", "XA-TANLAP-DU"),
            row("NGUYỄN THỊ BÌNH", "02/02/1982", "Nữ", "XA-TANLAP-DU"),
            row("Lê Văn Hòa", "03/03/1983", "Nam", "XA-TANLAP-UB"),
            row("Trần Thị Hoà", "04/04/1984", "Nữ", "XA-TANLAP-UB"),
            row("Đỗ Văn Hoa", "05/05/1985", "Nam", "XA-TANLAP-VHXH"),
            row("Vũ Thị Lan", "06/06/1986", "Nữ", "XA-TANLAP-VHXH"),
        ],
    );
    office.import(&file, &[]).ok();

    assert_eq!(office.find("nguyen"), ["Nguyễn Văn An", "NGUYỄN THỊ BÌNH"]);
    assert_eq!(office.find("NGUYỄN"), ["Nguyễn Văn An", "NGUYỄN THỊ BÌNH"]);
    assert_eq!(office.find("hoà"), ["Lê Văn Hòa", "Trần Thị Hoà"], "a typed tone must match, wherever it sits");
    assert_eq!(office.find("hòa"), ["Lê Văn Hòa", "Trần Thị Hoà"]);
    assert_eq!(office.find("HÒA"), ["Lê Văn Hòa", "Trần Thị Hoà"]);
    assert_eq!(office.find("hoa"), ["Đỗ Văn Hoa", "Lê Văn Hòa", "Trần Thị Hoà"], "no tone typed: all three");
    assert_eq!(office.find("xyz"), Vec::<String>::new());

    let table = office.run(&["roster", "find", "nguyen"]).ok().stdout;
    assert!(table.contains("NGUYỄN THỊ BÌNH"), "{table}");
    assert!(table.trim_end().ends_with("2 người"), "{table}");
}

#[test]
fn an_exported_roster_imports_back_unchanged() {
    let office = Office::set_up();
    let file = office.xlsx("danh_sach.xlsx", &VI_HEADERS, &SIX);
    office.import(&file, &[]).ok();
    let before = office.roster_text();

    let export = office.path("xuat.xlsx");
    let said = office.run(&["roster", "export", export.to_str().unwrap()]).ok().stdout;
    assert!(said.contains("6 dòng"), "{said}");
    let exported = tabular::read_table(&export).expect("the export is a readable spreadsheet");
    assert_eq!(exported.rows.len(), 7, "a header and six people");

    // The import reads .txt as CSV, so an export named .txt must be CSV too.
    for (name, lang) in [("xuat.xlsx", "vi"), ("xuat.csv", "vi"), ("xuat.txt", "vi"), ("export_en.xlsx", "en")] {
        let path = office.path(name);
        office.run(&["--lang", lang, "roster", "export", path.to_str().unwrap()]).ok();
        let report = office.import(&path, &["--json"]).ok().json();
        assert_eq!(report["rows"], 6, "{name}");
        assert_eq!(report["new_people"], 0, "{name}: {report}");
        assert_eq!(report["updated_people"], 0, "{name}: {report}");
        assert_eq!(report["new_assignments"], 0, "{name}: {report}");
        assert_eq!(report["updated_assignments"], 0, "{name}: {report}");
        assert_eq!(report["written"], false, "{name}");
        assert_eq!(office.roster_text(), before, "{name}");
    }
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_byte_identical() {
    let office = Office::empty();
    office.init();
    {
        let conn = service::raw_database(&office.db(), None, PASSWORD).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        let mode: String = conn.query_row("PRAGMA journal_mode = DELETE", [], |row| row.get(0)).unwrap();
        assert_eq!(mode, "delete");
    }
    let before = snapshot(office.dir.path());

    let run = office.run(&["roster", "list"]).fails(1);
    assert!(run.stderr.contains("cập nhật"), "{}", run.stderr);
    assert!(run.stderr.contains("99"), "{}", run.stderr);
    assert_eq!(snapshot(office.dir.path()), before, "the file (and its folder) must stay exactly as they were");

    let json = office.run(&["--json", "status"]).fails(1).json();
    assert_eq!(json["error"]["code"], "store.newer_schema");
    let en = office.run(&["--lang", "en", "units", "list"]).fails(1);
    assert!(en.stderr.contains("Update Thước Đo"), "{}", en.stderr);
    office.run(&["init", "--unit-name", "Xã Khác", "--unit-code", "XA-KHAC", "--level", "commune", "--admin", "admin"]).fails(1);
    assert_eq!(snapshot(office.dir.path()), before);
}

#[test]
fn a_file_that_is_not_a_thuoc_do_database_is_refused_and_unchanged() {
    let office = Office::empty();
    let notes = office.path("bien_ban.db");
    std::fs::write(&notes, "Biên bản họp chi bộ tháng 11\n").unwrap();
    let foreign = office.path("khac.sqlite");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE so_sach (x TEXT); INSERT INTO so_sach VALUES ('a');")
        .unwrap();
    let before = snapshot(office.dir.path());

    for db in [&notes, &foreign] {
        let run = office.run_with(db, Some(PASSWORD), &["roster", "list"]).fails(1);
        assert!(run.stderr.contains("không phải cơ sở dữ liệu Thước Đo"), "{}", run.stderr);
        let json = office.run_with(db, Some(PASSWORD), &["--json", "status"]).fails(1).json();
        assert_eq!(json["error"]["code"], "store.not_a_database");
        office
            .run_with(
                db,
                Some(PASSWORD),
                &["init", "--unit-name", "Xã Khác", "--unit-code", "XA-KHAC", "--level", "commune", "--admin", "admin"],
            )
            .fails(1);
        office.run_with(db, None, &["demo", "--scale", "commune"]).fails(1);
    }
    assert_eq!(snapshot(office.dir.path()), before);
}

#[test]
fn usage_errors_exit_2_and_every_command_has_help() {
    let office = Office::empty();
    for args in [
        &["frobnicate"][..],
        &["roster", "frobnicate"],
        &["roster"],
        &["roster", "import"],
        &["roster", "find"],
        &["roster", "show"],
        &["roster", "export"],
        &["keys", "export"],
        &["units", "add", "--code", "XA-TANLAP-X"],
        &["init", "--unit-code", "XA-TANLAP"],
        &["demo"],
        &["demo", "--scale", "city"],
        &["--lang", "fr", "status"],
        &[],
    ] {
        let run = office.run(args).fails(2);
        assert!(run.stdout.is_empty(), "{args:?} printed on stdout: {}", run.stdout);
    }

    for command in [
        "",
        "init",
        "demo",
        "status",
        "path",
        "bench",
        "keys",
        "keys show",
        "keys export",
        "units",
        "units list",
        "units add",
        "roster",
        "roster import",
        "roster list",
        "roster find",
        "roster show",
        "roster export",
    ] {
        let mut args: Vec<&str> = command.split_whitespace().collect();
        args.push("--help");
        let run = office.run(&args).ok();
        let usage = format!("Usage: thuocdo {command}").trim_end().to_string();
        assert!(run.stdout.contains(&usage), "{command} --help:\n{}", run.stdout);
    }
    assert!(!office.db().exists(), "asking for help or misusing the command line creates no database");
}

#[test]
fn users_list_and_password_change_the_password_and_the_office_key_opens_with_the_new_one() {
    let office = Office::empty();
    office.init();
    let db = office.db();
    let new = "Mật khẩu mới 2027";
    let change = |current: &str, next: Option<&str>| {
        let mut command = office.command(&db, Some(current), &["--json", "users", "password"]);
        match next {
            Some(next) => command.env("THUOCDO_NEW_PASSWORD", next),
            None => command.env_remove("THUOCDO_NEW_PASSWORD"),
        };
        run(command)
    };
    // No new password and no terminal to ask on: refused, nothing changed.
    assert_eq!(change(PASSWORD, None).fails(1).json()["error"]["code"], "auth.password_required");
    assert_eq!(change(PASSWORD, Some("ngắn")).fails(1).json()["error"]["code"], "auth.password_too_short");
    office.run_with(&db, Some(PASSWORD), &["status"]).ok();

    let users = array(office.run_with(&db, Some(PASSWORD), &["--json", "users", "list"]).ok().json());
    assert_eq!(users.len(), 1, "{users:?}");
    assert_eq!((str_of(&users[0]["username"]), str_of(&users[0]["role"])), ("admin".to_string(), "admin".to_string()));
    assert!(users[0]["locked_until"].is_null() && users[0].get("password_hash").is_none(), "{:?}", users[0]);
    let listed = office.run_with(&db, Some(PASSWORD), &["users", "list"]).ok();
    assert!(listed.stdout.contains("quản trị") && listed.stdout.contains("hoạt động"), "{}", listed.stdout);
    let key_before = office.run_with(&db, Some(PASSWORD), &["--json", "keys", "show"]).ok().json();
    let changed = change(PASSWORD, Some(new)).ok().json();
    assert_eq!((changed["username"].as_str(), changed["office_keys_rewrapped"].as_bool()), (Some("admin"), Some(true)), "{changed}");
    let json = office.run_with(&db, Some(PASSWORD), &["--json", "status"]).fails(1).json();
    assert_eq!(json["error"]["code"], "auth.wrong_password");
    office.run_with(&db, Some(new), &["status"]).ok();
    // The same signing key (wrapped again, not replaced): its superior still knows it by the same fingerprint. That
    // the new password opens it is shown by the service test that signs a bundle with it.
    let key_after = office.run_with(&db, Some(new), &["--json", "keys", "show"]).ok().json();
    assert_eq!(key_after["fingerprint"], key_before["fingerprint"]);
    assert!(key_after["fingerprint"].is_string(), "{key_after}");
}

#[test]
fn a_wrong_password_is_refused_and_five_lock_the_account() {
    let office = Office::empty();
    office.init();
    let db = office.db();
    let decomposed = "Ma\u{302}\u{323}t kha\u{302}\u{309}u 2026";
    office.run_with(&db, Some(decomposed), &["status"]).ok();

    for left in (1..=4).rev() {
        let run = office.run_with(&db, Some("sai-mat-khau"), &["status"]).fails(1);
        assert!(run.stderr.contains("Sai mật khẩu"), "{}", run.stderr);
        assert!(run.stderr.contains(&format!("Còn {left} lần thử")), "{}", run.stderr);
    }
    let json = office.run_with(&db, Some("sai-mat-khau"), &["--json", "status"]).fails(1).json();
    assert_eq!(json["error"]["code"], "auth.locked_out", "the fifth wrong password locks: {json}");

    let locked = office.run_with(&db, Some(PASSWORD), &["status"]).fails(1);
    assert!(locked.stderr.contains("Tài khoản tạm khoá"), "{}", locked.stderr);
    assert!(!locked.stderr.contains("Sai mật khẩu"), "the right password is not called wrong: {}", locked.stderr);
    let json = office.run_with(&db, Some(PASSWORD), &["--json", "roster", "list"]).fails(1).json();
    assert_eq!(json["error"]["code"], "auth.locked_out");

    let other = Office::empty();
    other.init();
    let json = other.run_with(&other.db(), Some("sai-mat-khau"), &["--json", "status"]).fails(1).json();
    assert_eq!(json["error"]["code"], "auth.wrong_password");
    let en = other.run_with(&other.db(), Some("sai-mat-khau"), &["--lang", "en", "status"]).fails(1);
    assert!(en.stderr.contains("Wrong password"), "{}", en.stderr);
}

#[test]
fn demo_data_is_deterministic_for_a_seed() {
    let office = Office::empty();
    let roster_of = |name: &str, seed: &str| -> String {
        let db = office.path(name);
        office.run_with(&db, Some(PASSWORD), &["demo", "--scale", "commune", "--seed", seed]).ok();
        office.run_with(&db, Some(PASSWORD), &["--json", "roster", "list"]).ok().stdout
    };
    let first = roster_of("a.db", "3");
    let second = roster_of("b.db", "3");
    let other = roster_of("c.db", "4");
    let people = array(serde_json::from_str(&first).unwrap());
    assert!(people.len() >= 50, "a commune has some sixty cadres, got {}", people.len());
    assert_eq!(first, second, "the same seed gives the same roster, ids and revisions included");
    assert_ne!(names(&people), names(&array(serde_json::from_str(&other).unwrap())), "another seed gives other people");

    let default = office.path("demo.db");
    let run = office.run_with(&default, None, &["demo", "--scale", "commune", "--seed", "3"]).ok();
    assert!(run.stdout.contains("thuocdo-demo"), "{}", run.stdout);
    office.run_with(&default, Some("thuocdo-demo"), &["status"]).ok();
    office.run_with(&default, Some(PASSWORD), &["status"]).fails(1);

    let chosen = office.path("chosen.db");
    let run = office.run_with(&chosen, Some(PASSWORD), &["demo", "--scale", "commune"]).ok();
    assert!(!run.stdout.contains("thuocdo-demo"), "{}", run.stdout);
    office.run_with(&chosen, Some(PASSWORD), &["status"]).ok();
    office.run_with(&chosen, Some("thuocdo-demo"), &["status"]).fails(1);

    let again = office.run_with(&chosen, Some(PASSWORD), &["demo", "--scale", "commune"]).fails(1);
    assert!(again.stderr.contains("đã có một văn phòng"), "demo never overwrites an office: {}", again.stderr);
}

#[test]
// Runs on Linux; under the Wine runner (tests/windows/run.sh) the tool it calls is not there.
#[cfg_attr(windows, ignore = "checks the key with minisign, a Unix tool here")]
fn keys_show_an_id_and_fingerprint_and_export_a_minisign_public_key() {
    let office = Office::empty();
    office.init();
    let key = office.run(&["keys", "show", "--json"]).ok().json();
    let key_id = str_of(&key["key_id"]);
    assert_eq!(key_id.len(), 16, "{key_id}");
    assert!(key_id.chars().all(|c| c.is_ascii_hexdigit()), "{key_id}");
    let fingerprint = str_of(&key["fingerprint"]);
    let groups: Vec<&str> = fingerprint.split('-').collect();
    assert_eq!(groups.len(), 4, "{fingerprint}");
    assert!(groups.iter().all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())), "{fingerprint}");

    let shown = office.run(&["keys", "show"]).ok().stdout;
    assert!(shown.contains(&key_id) && shown.contains(&fingerprint), "{shown}");

    office.run(&["keys", "export", "-o", "office.pub"]).ok();
    let text = std::fs::read_to_string(office.path("office.pub")).unwrap();
    assert!(text.starts_with("untrusted comment: minisign public key"), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert_eq!(lines[0], format!("untrusted comment: minisign public key {key_id}"));
    assert_eq!(lines[1].len(), 56, "base64 of the 42-byte Ed25519 key record: {text}");
    assert!(lines[1].starts_with("RW"), "an Ed25519 minisign key starts with \"Ed\": {text}");

    let nowhere = office.path("khong-co/office.pub");
    office.run(&["keys", "export", "-o", nowhere.to_str().unwrap()]).fails(1);
}

#[test]
fn commands_on_a_missing_database_say_to_run_init_or_demo() {
    let office = Office::empty();
    let missing = office.path("chua-co/office.db");
    for args in [&["status"][..], &["roster", "list"], &["units", "list"], &["keys", "show"], &["roster", "find", "an"]] {
        let run = office.run_with(&missing, Some(PASSWORD), args).fails(1);
        assert!(run.stderr.contains("thuocdo init") && run.stderr.contains("thuocdo demo"), "{args:?}: {}", run.stderr);
        let json = office.run_with(&missing, Some(PASSWORD), &[&["--json"][..], args].concat()).fails(1).json();
        assert_eq!(json["error"]["code"], "store.no_database", "{args:?}");
    }
    let en = office.run_with(&missing, Some(PASSWORD), &["--lang", "en", "status"]).fails(1);
    assert!(en.stderr.contains("Set up the office"), "{}", en.stderr);
    assert!(!missing.exists() && !missing.parent().unwrap().exists(), "nothing is created by looking");
}

#[test]
fn a_dry_run_of_a_bad_file_fails_like_the_import_would() {
    let office = Office::set_up();
    let bad = office.xlsx("xem_truoc.xlsx", &VI_HEADERS, &[row("Vũ Văn Cường", "'31/02/1980", "Nam", "XA-TANLAP-UB")]);
    let run = office.import(&bad, &["--dry-run"]).fails(1);
    assert!(run.stderr.contains("Dòng 2"), "{}", run.stderr);
    assert!(office.roster().is_empty());
}

#[test]
fn a_rejected_init_leaves_no_database_file_behind() {
    let office = Office::empty();
    let run = office.run(&["init", "--unit-name", "Xã Tân Lập", "--unit-code", "XA-TANLAP", "--level", "hamlet", "--admin", "admin"]);
    let run = run.fails(1);
    assert!(run.stderr.contains("hamlet"), "{}", run.stderr);
    assert!(!office.db().exists(), "no empty office file may remain");
    // A level typed in capitals is still the level.
    office.run(&["init", "--unit-name", "Xã Tân Lập", "--unit-code", "XA-TANLAP", "--level", "Commune", "--admin", "admin"]).ok();
}

#[test]
fn export_refuses_a_format_it_could_not_import_back() {
    let office = Office::set_up();
    let run = office.run(&["roster", "export", office.path("danh_sach.pdf").to_str().unwrap()]).fails(1);
    assert!(run.stderr.contains(".pdf"), "{}", run.stderr);
    assert!(!office.path("danh_sach.pdf").exists());
}

#[test]
fn meetings_are_listed_with_their_id_and_shown() {
    let office = Office::empty();
    office.run_with(&office.db(), None, &["demo", "--scale", "commune"]).ok();
    let run = |args: &[&str]| office.run_with(&office.db(), Some("thuocdo-demo"), args);
    let meetings = array(run(&["--json", "meetings", "list"]).ok().json());
    assert_eq!(meetings.len(), 1, "the commune demo has its 2026 review meeting");
    let id = meetings[0]["id"].as_str().expect("an id").to_string();
    assert_eq!(meetings[0]["locked"], true);
    let detail = run(&["--json", "meetings", "show", &id]).ok().json();
    assert_eq!(detail["id"], id.as_str());
    assert!(array(detail["subjects"].clone()).iter().all(|s| !s["decided_level"].is_null()));
    let unknown = run(&["--json", "meetings", "show", "khong-phai-ma"]).fails(1).json();
    assert_eq!(unknown["error"]["code"], "meeting.unknown");
    // classify: one object per person of the unit and below, each explained.
    let unit = detail["unit_code"].as_str().unwrap().to_string();
    let people = array(run(&["--json", "classify", "--year", "2026", "--unit", &unit]).ok().json());
    assert!(people.len() > 40);
    for person in &people {
        let level = person["proposed_level"].as_str().unwrap();
        assert!(["excellent", "good", "completed", "not_completed", "not_rated"].contains(&level));
        assert!(person["points"].is_number() && person["quota_adjusted"].is_boolean() && person["group"].is_string());
        assert!(!array(person["reasons"].clone()).is_empty());
    }
}

/// The commune demo, opened with its default password.
fn demo_office() -> Office {
    let office = Office::empty();
    office.run_with(&office.db(), None, &["demo", "--scale", "commune"]).ok();
    office
}

impl Office {
    fn demo(&self, args: &[&str]) -> Run {
        self.run_with(&self.db(), Some("thuocdo-demo"), args)
    }
}

/// The PDF's text, words separated by single spaces (layout breaks lines anywhere).
fn pdf_text(path: &Path) -> String {
    let output = Command::new("pdftotext").arg("-enc").arg("UTF-8").arg(path).arg("-").output().expect("pdftotext runs");
    assert!(output.status.success(), "pdftotext failed on {}: {}", path.display(), String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("UTF-8 text").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every font embedded and subset, and a structure qpdf finds clean.
#[track_caller]
fn assert_clean_pdf(path: &Path) {
    let fonts = Command::new("pdffonts").arg(path).output().expect("pdffonts runs");
    assert!(fonts.status.success(), "pdffonts failed on {}", path.display());
    let listing = String::from_utf8_lossy(&fonts.stdout).to_string();
    let lines: Vec<&str> = listing.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
    assert!(!lines.is_empty(), "no fonts in {}:\n{listing}", path.display());
    for line in lines {
        let columns: Vec<&str> = line.split_whitespace().collect();
        // name type… encoding emb sub uni object generation: emb and sub are the fifth and fourth from the end.
        let (emb, sub) = (columns[columns.len() - 5], columns[columns.len() - 4]);
        assert_eq!((emb, sub), ("yes", "yes"), "a font not embedded and subset in {}: {line}", path.display());
    }
    let check = Command::new("qpdf").arg("--check").arg(path).output().expect("qpdf runs");
    assert!(check.status.success(), "qpdf --check on {}:\n{}", path.display(), String::from_utf8_lossy(&check.stdout));
}

#[test]
// Runs on Linux; under the Wine runner (tests/windows/run.sh) the tool it calls is not there.
#[cfg_attr(windows, ignore = "reads the PDF with poppler (pdftotext), a Unix tool here")]
fn minutes_print_with_attendance_votes_and_signatures_and_the_same_bytes_for_a_fixed_date() {
    let office = demo_office();
    let run = |args: &[&str]| office.demo(args);
    let id = str_of(&array(run(&["--json", "meetings", "list"]).ok().json())[0]["id"]);
    let detail = run(&["--json", "meetings", "show", &id]).ok().json();
    let first = office.path("bien-ban.pdf");
    let printed = run(&["--json", "minutes", "--meeting", &id, "-o", first.to_str().unwrap(), "--fixed-date", "30/12/2026"]).ok().json();
    assert_eq!(printed["file"], first.to_str().unwrap());
    assert!(printed["pages"].as_u64().unwrap() >= 1);
    assert_eq!(printed["bytes"].as_u64().unwrap(), std::fs::metadata(&first).unwrap().len());
    assert_clean_pdf(&first);

    let text = pdf_text(&first);
    for expected in ["ĐẢNG CỘNG SẢN VIỆT NAM", "BIÊN BẢN", "THƯ KÝ", "CHỦ TRÌ"] {
        assert!(text.contains(expected), "{expected} missing from the minutes:\n{text}");
    }
    for person in [str_of(&detail["chair"]), str_of(&detail["secretary"])] {
        assert!(text.contains(&person), "{person} missing from the minutes");
    }
    let words: Vec<&str> = text.split(' ').map(|w| w.trim_matches(|c: char| !c.is_alphanumeric())).collect();
    for count in [&detail["invited"], &detail["present"]] {
        assert!(words.contains(&count.to_string().as_str()), "attendance {count} missing from the minutes");
    }
    for subject in array(detail["subjects"].clone()) {
        for vote in subject["votes"].as_array().into_iter().flatten() {
            assert!(words.contains(&vote.to_string().as_str()), "vote count {vote} of {} missing", subject["name"]);
        }
    }

    let second = office.path("bien-ban-lan-2.pdf");
    run(&["minutes", "--meeting", &id, "-o", second.to_str().unwrap(), "--fixed-date", "30/12/2026"]).ok();
    assert_eq!(std::fs::read(&first).unwrap(), std::fs::read(&second).unwrap(), "same data and date, same bytes");
    let state = office.path("bien-ban-nha-nuoc.pdf");
    run(&["print", "minutes", "--meeting", &id, "-o", state.to_str().unwrap(), "--header", "state"]).ok();
    assert!(pdf_text(&state).contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    let leftovers: Vec<_> = std::fs::read_dir(office.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "the temporary file was renamed into place: {leftovers:?}");
}

#[test]
// Runs on Linux; under the Wine runner (tests/windows/run.sh) the tool it calls is not there.
#[cfg_attr(windows, ignore = "checks the PDFs with poppler and qpdf, Unix tools here")]
fn every_print_command_writes_a_clean_pdf() {
    let office = demo_office();
    let run = |args: &[&str]| office.demo(args);
    let unit = str_of(&run(&["--json", "status"]).ok().json()["unit_code"]);
    let people = array(run(&["--json", "roster", "list"]).ok().json());
    let leader = people.iter().find(|p| p["position"].as_str().is_some_and(|s| s.starts_with("Bí thư"))).expect("a secretary");
    let person = str_of(&leader["person_id"]);
    let programme: String = service::raw_database(&office.db(), None, "thuocdo-demo")
        .unwrap()
        .query_row("SELECT id FROM action_programmes ORDER BY id LIMIT 1", [], |r| r.get(0))
        .expect("the demo has an action programme");
    let cases: [(&str, Vec<&str>, &str); 9] = [
        ("phieu-nam.pdf", vec!["form", "--person", &person, "--year", "2026"], "Mẫu 2A"),
        ("phieu-quy.pdf", vec!["form", "--person", &person, "--year", "2026", "--period", "Q3"], "Quý III"),
        (
            "phieu-thang.pdf",
            vec!["form", "--person", &person, "--year", "2026", "--period", "T3"],
            "SẢN PHẨM VÀ KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
        ),
        ("tong-hop-thang.pdf", vec!["monthly", "--unit", &unit, "--year", "2026", "--period", "T3"], "TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ THÁNG 3"),
        ("bao-cao.pdf", vec!["collective", "--unit", &unit, "--year", "2026"], "BÁO CÁO"),
        ("ket-qua.pdf", vec!["results", "--unit", &unit, "--year", "2026"], "DANH SÁCH KẾT QUẢ"),
        ("chi-tieu.pdf", vec!["targets", "--unit", &unit, "--year", "2026", "--as-of", "30/11/2026"], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("dot-pha.pdf", vec!["breakthrough", "--year", "2026"], "ĐỘT PHÁ"),
        ("chuong-trinh.pdf", vec!["programme", "--id", &programme], "Chương trình hành động"),
    ];
    for (file, args, expected) in cases {
        let path = office.path(file);
        let mut full = vec!["print"];
        full.extend(args.iter().copied());
        full.extend(["-o", path.to_str().unwrap(), "--fixed-date", "30/12/2026"]);
        let run = run(&full).ok();
        assert!(run.stdout.contains("Đã in ra"), "{}", run.stdout);
        assert_clean_pdf(&path);
        let text = pdf_text(&path);
        assert!(text.contains(expected), "{expected} missing from {file}:\n{text}");
        assert!(text.contains("ngày 30 tháng 12 năm 2026"), "the fixed date in {file}");
    }
}

/// A DOCX converted to PDF by LibreOffice, as a clerk's Word would open it; LibreOffice runs with its own profile
/// folder so that tests running side by side do not share one.
fn word_to_pdf(office: &Office, docx: &Path) -> PathBuf {
    let out = office.dir.path().join("libreoffice");
    let profile = office.dir.path().join("libreoffice-profile");
    let converted = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .arg(docx)
        .output()
        .expect("LibreOffice (soffice) runs: scripts/install-deps.sh installs it");
    let pdf = out.join(docx.file_stem().unwrap()).with_extension("pdf");
    assert!(
        converted.status.success() && pdf.exists(),
        "LibreOffice could not open {}: {}",
        docx.display(),
        String::from_utf8_lossy(&converted.stderr)
    );
    pdf
}

fn printed_pages(pdf: &Path) -> usize {
    String::from_utf8(Command::new("pdfinfo").arg(pdf).output().unwrap().stdout)
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().unwrap()))
        .unwrap()
}

/// The words with a letter in them, counted: what two layouts of the same text share, whatever their line breaks,
/// page numbers and table reading order.
fn letter_words(text: &str) -> std::collections::BTreeMap<String, usize> {
    let mut counts = std::collections::BTreeMap::new();
    for word in text.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)) {
        *counts.entry(word.to_string()).or_insert(0) += 1;
    }
    counts
}

#[test]
// Runs on Linux; under the Wine runner (tests/windows/run.sh) the tool it calls is not there.
#[cfg_attr(windows, ignore = "opens the Word files with LibreOffice, a Unix program here")]
fn minutes_and_lists_as_word_documents_open_in_libreoffice_with_the_same_text_as_the_pdf() {
    let office = demo_office();
    let run = |args: &[&str]| office.demo(args);
    let id = str_of(&array(run(&["--json", "meetings", "list"]).ok().json())[0]["id"]);
    let unit = str_of(&run(&["--json", "status"]).ok().json()["unit_code"]);
    let cases: [(&str, Vec<&str>); 3] = [
        ("bien-ban", vec!["print", "minutes", "--meeting", &id]),
        ("ket-qua", vec!["print", "results", "--unit", &unit, "--year", "2026"]),
        ("tong-hop-thang", vec!["print", "monthly", "--unit", &unit, "--year", "2026", "--period", "T3"]),
    ];
    for (name, args) in cases {
        let pdf = office.path(&format!("{name}.pdf"));
        let docx = office.path(&format!("{name}.docx"));
        for target in [&pdf, &docx] {
            let mut full = vec!["--json"];
            full.extend(args.iter().copied());
            full.extend(["-o", target.to_str().unwrap(), "--fixed-date", "30/12/2026"]);
            let printed = run(&full).ok().json();
            let word = target == &docx;
            assert_eq!(printed["format"], if word { "docx" } else { "pdf" }, "{name}");
            assert_eq!(printed["pages"].is_null(), word, "Word paginates a DOCX itself: {printed}");
        }
        assert!(std::fs::read(&docx).unwrap().starts_with(b"PK"), "{name}.docx is a zip package");

        let opened = word_to_pdf(&office, &docx);
        // The demo's banner heads every page, and the two have different page counts.
        let banner = service::printing::DEMO_BANNER;
        let ours = pdf_text(&pdf);
        let word = pdf_text(&opened);
        assert_eq!(ours.matches(banner).count(), printed_pages(&pdf), "{name}: every page of a demo says so");
        assert!(word.contains(banner), "{name}: the Word file says it is demo data");
        let (ours, word) = (ours.replace(banner, ""), word.replace(banner, ""));
        assert_eq!(letter_words(&word), letter_words(&ours), "{name}: the Word document says what the PDF says");
        let fonts = String::from_utf8(Command::new("pdffonts").arg(&opened).output().unwrap().stdout).unwrap();
        assert!(fonts.contains("LiberationSerif"), "{name}: Times New Roman (Liberation Serif here), not a fallback:\n{fonts}");
        let info = String::from_utf8(Command::new("pdfinfo").arg(&opened).output().unwrap().stdout).unwrap();
        let size = info.lines().find_map(|l| l.strip_prefix("Page size:")).unwrap_or_default();
        let (w, h) = size
            .split_once(" x ")
            .map(|(w, h)| {
                (
                    w.trim().parse::<f32>().unwrap(),
                    h.trim_end_matches(|c: char| !c.is_ascii_digit()).split(' ').next().unwrap().parse::<f32>().unwrap(),
                )
            })
            .unwrap();
        let (short, long) = if name == "tong-hop-thang" { (h, w) } else { (w, h) };
        assert!((short - 595.3).abs() < 1.0 && (long - 841.9).abs() < 1.0, "{name}: A4, turned for the monthly list: {size}");
    }

    // The closing sentence of the minutes goes over with the signatures, as on the PDF.
    let opened = office.dir.path().join("libreoffice").join("bien-ban.pdf");
    let pages = printed_pages(&opened);
    let last = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-f", &pages.to_string(), "-l", &pages.to_string()])
        .arg(&opened)
        .arg("-")
        .output()
        .unwrap();
    let last = String::from_utf8(last.stdout).unwrap();
    assert!(last.contains("THƯ KÝ") && last.contains("Hội nghị kết thúc"), "the last page:\n{last}");
}

#[test]
fn printing_refuses_unknown_records_and_bad_dates_and_writes_nothing() {
    let office = demo_office();
    let run = |args: &[&str]| office.demo(args);
    let out = office.path("khong-ghi.pdf");
    let out = out.to_str().unwrap();
    let json = run(&["--json", "minutes", "--meeting", "khong-phai-ma", "-o", out]).fails(1).json();
    assert_eq!(json["error"]["code"], "meeting.unknown");
    let json = run(&["--json", "print", "programme", "--id", &uuid::Uuid::nil().to_string(), "-o", out]).fails(1).json();
    assert_eq!(json["error"]["code"], "programme.unknown");
    let unit = str_of(&run(&["--json", "status"]).ok().json()["unit_code"]);
    let json = run(&["--json", "print", "targets", "--unit", &unit, "--year", "2026", "--as-of", "31/02/2026", "-o", out]).fails(1).json();
    assert_eq!(json["error"]["code"], "form.invalid");
    let json = run(&["--json", "print", "results", "--unit", "KHONG-CO", "--year", "2026", "-o", out]).fails(1).json();
    assert_eq!(json["error"]["code"], "org.unknown_unit");
    let json = run(&["--json", "print", "monthly", "--unit", &unit, "--year", "2027", "--period", "T3", "-o", out]).fails(1).json();
    assert_eq!(json["error"]["code"], "period.unknown", "a period the office never opened");
    run(&["print", "monthly", "--unit", &unit, "--year", "2026", "-o", out]).fails(2);
    run(&["print", "results", "--unit", &unit, "--year", "2026", "-o", out, "--fixed-date", "31/02/2026"]).fails(2);
    run(&["print", "results", "--unit", &unit, "--year", "2026", "-o", out, "--header", "royal"]).fails(2);
    run(&["print", "results", "--unit", &unit, "--year", "2026"]).fails(2);
    assert!(!Path::new(out).exists(), "nothing written by a refused print");
    for command in [
        "minutes",
        "print",
        "print form",
        "print collective",
        "print results",
        "print monthly",
        "print targets",
        "print breakthrough",
        "print programme",
    ] {
        let mut args: Vec<&str> = command.split_whitespace().collect();
        args.push("--help");
        assert!(run(&args).ok().stdout.contains(&format!("Usage: thuocdo {command}")), "{command} --help");
    }
}

#[test]
fn accounts_with_roles_an_audit_trail_that_shows_tampering_and_backups_through_the_command_line() {
    let office = Office::set_up();
    let db = office.db();
    let add = |name: &str, role: &str, unit: Option<&str>, password: &str| {
        let mut args = vec!["--json", "users", "add", name, "--role", role];
        if let Some(unit) = unit {
            args.extend(["--unit", unit]);
        }
        let mut command = office.command(&db, Some(PASSWORD), &args);
        command.env("THUOCDO_NEW_PASSWORD", password);
        run(command)
    };
    let added = add("tochuc", "organisation", None, "Tổ chức 2026!").ok().json();
    assert_eq!(added[0]["role"], "organisation", "{added}");
    let clerk = add("nhaplieu", "data_entry", Some("XA-TANLAP-UB"), "Nhập liệu 2026").ok().json();
    assert_eq!(clerk[0]["unit_code"], "XA-TANLAP-UB", "{clerk}");
    assert_eq!(add("khac", "staff", None, "Mật khẩu 12345").fails(1).json()["error"]["code"], "users.unknown_role");
    let listed = office.run(&["users", "list"]).ok().stdout;
    for words in ["cán bộ tổ chức", "nhập liệu", "Văn phòng HĐND và UBND xã Tân Lập", "cả văn phòng"] {
        assert!(listed.contains(words), "{words}:\n{listed}");
    }

    // Each account works within its role; the refusal says so in words, not codes.
    let as_user = |name: &str, password: &str, args: &[&str]| {
        let mut all = vec!["--user", name];
        all.extend_from_slice(args);
        office.run_with(&db, Some(password), &all)
    };
    as_user("tochuc", "Tổ chức 2026!", &["status"]).ok();
    let refused = as_user(
        "tochuc",
        "Tổ chức 2026!",
        &["units", "add", "--code", "XA-TANLAP-X", "--name", "Thử", "--level", "agency", "--parent-code", OFFICE_CODE],
    )
    .fails(1);
    assert!(refused.stderr.contains("cán bộ tổ chức") && refused.stderr.contains("không được"), "{}", refused.stderr);
    let refused = as_user("nhaplieu", "Nhập liệu 2026", &["--json", "users", "list"]).fails(1).json();
    assert_eq!(refused["error"]["code"], "auth.forbidden");

    // Reset and deactivate.
    let mut reset = office.command(&db, Some(PASSWORD), &["users", "reset", "nhaplieu"]);
    reset.env("THUOCDO_NEW_PASSWORD", "Mật khẩu mới 2027");
    run(reset).ok();
    as_user("nhaplieu", "Mật khẩu mới 2027", &["status"]).ok();
    office.run(&["users", "deactivate", "nhaplieu"]).ok();
    let gone = as_user("nhaplieu", "Mật khẩu mới 2027", &["--json", "status"]).fails(1).json();
    assert_eq!(gone["error"]["code"], "auth.deactivated");
    assert_eq!(office.run(&["--json", "users", "deactivate", "admin"]).fails(1).json()["error"]["code"], "users.cannot_deactivate_self");

    // The audit trail names it all and checks intact; an entry edited with sqlite is found.
    let entries = array(office.run(&["--json", "audit", "list", "--action", "users"]).ok().json());
    let actions: Vec<String> = entries.iter().map(|e| str_of(&e["action"])).collect();
    assert_eq!(actions, ["users.deactivate", "users.reset", "users.add", "users.add"], "{entries:?}");
    assert!(office.run(&["audit", "verify"]).ok().stdout.contains("Nhật ký nguyên vẹn"));
    service::raw_database(&db, None, PASSWORD)
        .unwrap()
        .execute("UPDATE audit_log SET username = 'ai-do' WHERE action = 'users.reset'", [])
        .unwrap();
    let broken = office.run(&["audit", "verify"]).fails(1);
    assert!(broken.stderr.contains("bị sửa"), "{}", broken.stderr);

    // A backup, what it holds, and putting it back (the replaced file kept).
    let usb = office.path("USB/Sao lưu");
    let backup = office.run(&["--json", "backup", "-o", usb.to_str().unwrap()]).ok().json();
    let file = str_of(&backup["path"]);
    let shown = office.run(&["restore", &file]).ok().stdout;
    assert!(shown.contains("Đảng ủy xã Tân Lập") && shown.contains("--yes"), "{shown}");
    office
        .run(&[
            "units",
            "add",
            "--code",
            "XA-TANLAP-MOI",
            "--name",
            "Đơn vị sau sao lưu",
            "--level",
            "agency",
            "--parent-code",
            OFFICE_CODE,
        ])
        .ok();
    let restored = office.run_with(&db, Some(PASSWORD), &["--json", "restore", &file, "--yes"]).ok().json();
    assert!(Path::new(&str_of(&restored["kept"])).is_file(), "{restored}");
    assert!(office.units().iter().all(|u| u["code"] != "XA-TANLAP-MOI"), "the unit added after the backup is gone");
}

#[test]
fn a_backup_killed_half_way_leaves_every_earlier_copy_whole() {
    let office = Office::set_up();
    let db = office.db();
    let usb = office.path("usb");
    let first = str_of(&office.run(&["--json", "backup", "-o", usb.to_str().unwrap()]).ok().json()["path"]);
    let first_bytes = std::fs::read(&first).unwrap();
    for delay_ms in [0u64, 2, 5, 10, 20, 40] {
        let mut child = office.command(&db, Some(PASSWORD), &["backup", "-o", usb.to_str().unwrap()]).spawn().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL on Unix.
        let _ = child.wait();
        std::thread::sleep(std::time::Duration::from_millis(1100)); // copies are named by the second
    }
    assert_eq!(std::fs::read(&first).unwrap(), first_bytes, "the first copy is untouched");
    for entry in std::fs::read_dir(&usb).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "tdbak") {
            // Every copy under its final name is whole (a killed run leaves at most a hidden .partial file).
            office.run(&["restore", path.to_str().unwrap()]).ok();
        }
    }
    office.run(&["status"]).ok();
}

/// The recovery code on a printed sheet, as a person reads it: the eight groups after "Mã khôi phục".
fn code_on_sheet(text: &str) -> String {
    let after = text.split("Mã khôi phục").nth(1).expect("the sheet shows the code");
    let groups: Vec<&str> = after.split_whitespace().filter(|w| *w != "-").take(8).collect();
    assert!(groups.iter().all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_alphanumeric())), "{groups:?}");
    groups.join("-")
}

#[test]
// Runs on Linux; under the Wine runner (tests/windows/run.sh) the tool it calls is not there.
#[cfg_attr(windows, ignore = "reads the QR code with pdftoppm and zbarimg, Unix tools here")]
fn the_recovery_sheet_restores_access_after_every_password_is_forgotten() {
    let office = Office::set_up();
    let db = office.db();
    let key_file = office.path("office.db.keys");
    // The header asks for a sheet until one is printed.
    assert_eq!(office.run(&["--json", "status"]).ok().json()["recovery_sheet_due"], true);
    let first = office.path("phiếu cũ/phieu-khoi-phuc.pdf");
    office.run(&["recovery-sheet", "-o", first.to_str().unwrap()]).ok();
    let sheet = office.path("phieu-khoi-phuc.pdf");
    let printed = office.run(&["recovery-sheet", "-o", sheet.to_str().unwrap()]).ok();
    assert!(printed.stdout.contains("phiếu in trước đó hết hiệu lực"), "{}", printed.stdout);
    assert_eq!(office.run(&["--json", "status"]).ok().json()["recovery_sheet_due"], false);
    assert_clean_pdf(&sheet);
    let text = pdf_text(&sheet);
    for words in ["PHIẾU KHÔI PHỤC TRUY CẬP", "Quên mật khẩu?", "thuocdo recover --code", "NGƯỜI LẬP PHIẾU", "tủ có khoá"]
    {
        assert!(text.contains(words), "{words}: {text}");
    }
    let code = code_on_sheet(&text);
    let old_code = code_on_sheet(&pdf_text(&first));
    assert_ne!(code, old_code);

    // The QR code on the page scans to the same code.
    let page = office.path("trang");
    let rendered = Command::new("pdftoppm").args(["-r", "150", "-png", "-singlefile"]).arg(&sheet).arg(&page).status().unwrap();
    assert!(rendered.success());
    let scanned = Command::new("zbarimg").args(["--raw", "-q"]).arg(page.with_extension("png")).output().expect("zbarimg runs");
    assert_eq!(String::from_utf8_lossy(&scanned.stdout).trim(), code, "{}", String::from_utf8_lossy(&scanned.stderr));

    // Every password forgotten.
    assert_eq!(office.run_with(&db, Some("quên rồi"), &["--json", "status"]).fails(1).json()["error"]["code"], "auth.wrong_password");
    let recover = |code: &str, new: &str| {
        let mut command = office.command(&db, None, &["--json", "recover", "--code", code]);
        command.env("THUOCDO_NEW_PASSWORD", new);
        run(command)
    };
    // The earlier sheet, a made-up code and a short password are refused and change nothing.
    let keys_before = std::fs::read(&key_file).unwrap();
    assert_eq!(recover(&old_code, "Mật khẩu mới 2027").fails(1).json()["error"]["code"], "exchange.wrong_recovery_code");
    assert_eq!(
        recover("0000-0000-0000-0000-0000-0000-0000-0000", "Mật khẩu mới 2027").fails(1).json()["error"]["code"],
        "exchange.wrong_recovery_code"
    );
    assert_eq!(recover(&code, "ngắn").fails(1).json()["error"]["code"], "auth.password_too_short");
    let mut without = office.command(&db, None, &["recover"]);
    without.env("THUOCDO_NEW_PASSWORD", "Mật khẩu mới 2027");
    let refused = run(without).fails(1);
    assert!(refused.stderr.contains("mã khôi phục") || refused.stderr.contains("Mã khôi phục"), "{}", refused.stderr);
    assert_eq!(std::fs::read(&key_file).unwrap(), keys_before);

    // Typed from paper: lower case, spaces for dashes.
    let typed = code.to_lowercase().replace('-', " ");
    assert_eq!(recover(&typed, "Mật khẩu mới 2027").ok().json()["username"], "admin");
    office.run_with(&db, Some(PASSWORD), &["status"]).fails(1);
    let status = office.run_with(&db, Some("Mật khẩu mới 2027"), &["--json", "status"]).ok().json();
    assert_eq!(status["people"], 0, "{status}");
    let audit = office.run_with(&db, Some("Mật khẩu mới 2027"), &["--json", "audit", "list"]).ok().stdout;
    assert!(audit.contains("users.recover") && audit.contains("recovery.new"), "{audit}");
    // A clerk cannot print a sheet.
    let mut add = office.command(&db, Some("Mật khẩu mới 2027"), &["users", "add", "nhaplieu", "--role", "data_entry"]);
    add.env("THUOCDO_NEW_PASSWORD", "Nhập liệu 2026");
    run(add).ok();
    let clerk = office.run_with(&db, Some("Nhập liệu 2026"), &["--user", "nhaplieu", "--json", "recovery-sheet", "-o", "x.pdf"]);
    assert_eq!(clerk.fails(1).json()["error"]["code"], "auth.forbidden");
    assert!(!office.path("x.pdf").exists());

    // Then the PC dies and the new password is forgotten too: the backup on the stick opens with the same sheet.
    let stick = office.path("USB");
    let copy = office.run_with(&db, Some("Mật khẩu mới 2027"), &["--json", "backup", "-o", stick.to_str().unwrap()]).ok().json();
    let copy = str_of(&copy["path"]);
    for suffix in ["", ".keys", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let shown = office.command(&db, None, &["restore", &copy, "--code", &code]);
    assert!(run(shown).ok().stdout.contains("nguyên vẹn"));
    let mut restore = office.command(&db, None, &["restore", &copy, "--code", &typed, "--yes"]);
    restore.env("THUOCDO_NEW_PASSWORD", "Mật khẩu thứ ba 2028");
    run(restore).ok();
    office.run_with(&db, Some("Mật khẩu thứ ba 2028"), &["status"]).ok();
}

/// The binary run with the size of any file it writes limited to `blocks` × 512 bytes (`ulimit -f`), the signal
/// such a write raises ignored: each write past the limit fails as on a full disk.
fn run_on_a_full_disk(office: &Office, blocks: u64, password: &str, args: &[&str]) -> Run {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_thuocdo"))
        .arg("--db")
        .arg(office.db())
        .args(args)
        .current_dir(office.dir.path())
        .env_remove("THUOCDO_DB")
        .env("THUOCDO_PASSWORD", password)
        .stdin(Stdio::null());
    run(command)
}

#[test]
// Runs on Linux; under the Wine runner (tests/windows/run.sh) the tool it calls is not there.
#[cfg_attr(windows, ignore = "fills a disk through sh and a Unix file system")]
fn a_full_disk_is_said_plainly_refuses_untried_passwords_and_loses_nothing() {
    let office = demo_office();
    let keys = office.path("office.db.keys");
    let units_before = office.demo(&["--json", "units", "list"]).ok().stdout;
    let keys_before = std::fs::read(&keys).unwrap();

    // Nothing may be written at all: a login attempt cannot be counted, so the password is not tried.
    let wrong = run_on_a_full_disk(&office, 0, "sai mật khẩu", &["--json", "status"]).fails(1);
    assert_eq!(wrong.json()["error"]["code"], "auth.cannot_record_attempt", "{}", wrong.stderr);
    let said = run_on_a_full_disk(&office, 0, "sai mật khẩu", &["status"]).fails(1).stderr;
    assert!(said.contains("đĩa đã đầy") && said.contains("chưa được thử"), "{said}");
    assert_eq!(std::fs::read(&keys).unwrap(), keys_before, "no attempt counted");

    // Room for the key file but not for the database's log: the change is refused in words, nothing is kept.
    let args = ["--json", "units", "add", "--code", "XA-DAY-DU", "--name", "Tổ công tác", "--level", "agency", "--parent-code"];
    let parent = serde_json::from_str::<Value>(&units_before).unwrap()[0]["code"].as_str().unwrap().to_string();
    let mut all: Vec<&str> = args.to_vec();
    all.push(&parent);
    let refused = run_on_a_full_disk(&office, 8, "thuocdo-demo", &all).fails(1);
    let code = refused.json()["error"]["code"].as_str().unwrap().to_string();
    assert!(["store.disk_full", "store.write_failed"].contains(&code.as_str()), "{code}: {}", refused.stderr);
    let message = run_on_a_full_disk(&office, 8, "thuocdo-demo", &all[1..]).fails(1).stderr;
    assert!(message.contains("đĩa"), "{message}");
    // With room again, everything is as before and the office works.
    assert_eq!(office.demo(&["--json", "units", "list"]).ok().stdout, units_before);
    office.demo(&all).ok();
}

#[test]
fn a_communes_own_list_is_read_as_it_is_and_its_reading_corrected_from_the_command_line() {
    let office = Office::set_up();
    let list = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/office-files/danh-sach-cbcc-xa.xlsx");
    let list = list.to_str().unwrap();
    let said = office.import(Path::new(list), &["--dry-run"]).ok().stdout;
    assert!(said.contains("Dòng tiêu đề: 7 và 8"), "{said}");
    assert!(said.contains("C Ngày, tháng, năm sinh / Nam → Ngày sinh (Nam) [birth_date_male]"), "{said}");
    assert!(said.contains("Bỏ qua dòng 17: cuối bảng"), "{said}");
    assert!(said.contains("Tệp không có cột đơn vị; mọi dòng thuộc:"), "{said}");
    assert!(said.contains("5 người mới"), "{said}");

    // A column read again, and a choice that names no field is refused with the way to write one.
    let json = office.import(Path::new(list), &["--json", "--dry-run", "--column", "I=hometown", "--column", "E=-"]).ok().json();
    let columns = array(json["reading"]["columns"].clone());
    assert_eq!(columns[8]["field"], "hometown");
    assert_eq!(columns[4]["field"], Value::Null);
    let refused = office.import(Path::new(list), &["--json", "--dry-run", "--column", "I=que"]).fails(1).json();
    assert_eq!(refused["error"]["code"], "roster.bad_column_choice");

    // The template: its header row, a guide sheet; written where asked.
    let template = office.path("mau.xlsx");
    office.run(&["template", "roster", "-o", template.to_str().unwrap()]).ok();
    let header = tabular::read_table(&template).unwrap().rows.remove(0).cells;
    assert_eq!(header[0], "Họ và tên");
}

#[test]
fn units_are_merged_and_dissolved_with_a_date_and_kept_closed() {
    let office = Office::set_up();
    let merged = office.run(&["--json", "units", "merge", "xa-tanlap-vhxh", "--into", "XA-TANLAP-UB", "--on", "01/07/2025"]).ok().json();
    assert_eq!(merged["merged"], 1, "{merged}");
    let unit = |code: &str| office.units().into_iter().find(|u| u["code"] == code).unwrap_or_else(|| panic!("{code} is listed"));
    assert_eq!(unit("XA-TANLAP-VHXH")["ended_on"], "2025-07-01");
    assert_eq!(unit("XA-TANLAP-VHXH")["merged_into_name"], "Văn phòng HĐND và UBND xã Tân Lập");

    let history = office.run(&["units", "history", "--code", "XA-TANLAP-VHXH"]).ok().stdout;
    assert!(history.contains("sáp nhập vào") && history.contains("Văn phòng HĐND và UBND xã Tân Lập"), "{history}");
    let again = office.run(&["units", "merge", "XA-TANLAP-VHXH", "--into", "XA-TANLAP-UB"]);
    assert!(again.stderr.contains("đã sáp nhập hoặc giải thể"), "{}", again.stderr);

    office.run(&["units", "dissolve", "--code", "XA-TANLAP-DU", "--on", "15/08/2025"]).ok();
    assert_eq!(unit("XA-TANLAP-DU")["ended_on"], "2025-08-15");
    assert_eq!(unit("XA-TANLAP-DU")["merged_into_name"], Value::Null);
    let bad_day = office.run(&["units", "dissolve", "--code", "XA-TANLAP-UB", "--on", "31/02/2025"]);
    assert!(bad_day.stderr.contains("31/02/2025"), "{}", bad_day.stderr);
    assert_eq!(unit("XA-TANLAP-UB")["ended_on"], Value::Null, "nothing dissolved on a day that does not exist");
}

#[test]
// Runs on Linux; under the Wine runner (tests/windows/run.sh) the tool it calls is not there.
#[cfg_attr(windows, ignore = "reads the PDF with poppler (pdftotext), a Unix tool here")]
fn a_list_of_a_year_or_a_period_says_which_option_it_lacks_and_prints_with_it() {
    let office = Office::empty();
    let db = office.path("xa.db");
    office.run_with(&db, Some(PASSWORD), &["demo", "--scale", "commune"]).ok();
    let book = office.path("can-bo.xlsx");
    let book_arg = book.to_str().unwrap();
    // Without its year the attention list is refused as a form is: the option named, nothing written.
    let missing = office.run_with(&db, Some(PASSWORD), &["--json", "list", "attention", "-o", book_arg]).fails(1);
    assert_eq!(missing.json()["error"]["code"], "form.invalid", "{}", missing.stdout);
    assert!(missing.stdout.contains("--year"), "{}", missing.stdout);
    assert!(!book.exists());
    let unit = str_of(&office.run_with(&db, Some(PASSWORD), &["--json", "status"]).ok().json()["unit_code"]);
    let written = office
        .run_with(&db, Some(PASSWORD), &["--json", "list", "attention", "--year", "2026", "--unit", &unit, "-o", book_arg])
        .ok()
        .json();
    assert!(written["rows"].as_u64().unwrap() > 0, "{written}");
    assert!(book.exists());
    // The audit trail printed, filtered as the accounts page filters it.
    let pdf = office.path("nhat-ky.pdf");
    office.run_with(&db, Some(PASSWORD), &["print", "list", "audit", "--action", "demo.create", "-o", pdf.to_str().unwrap()]).ok();
    let text = std::process::Command::new("pdftotext").args([pdf.to_str().unwrap(), "-"]).output().expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("NHẬT KÝ THAY ĐỔI") && text.contains("Tạo dữ liệu mẫu") && text.contains("Tổng số: 1."), "{text}");
    // A period that is not one is refused with the forms it may take.
    let bad = office.run_with(&db, Some(PASSWORD), &["--json", "list", "completeness", "--period", "9/2026", "-o", book_arg]).fails(1);
    assert_eq!(bad.json()["error"]["code"], "period.bad");
}
