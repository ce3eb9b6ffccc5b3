//! Hà Nội and Nghệ An evaluate every cadre monthly, by the products of the month (seeds 001 and 004; NĐ 335/2025):
//! a division of five, three months of product sheets and general-criteria sheets filled in Excel and imported,
//! the head's appraisal, and each month's points checked against figures worked by hand below. Driven only through
//! the real `thuocdo` binary.
//!
//! The default rule set: general criteria 30 points (superior's points per criterion), task results 70 points; a
//! product scores the mean of quantity (delivered / required, at most 100 %), quality (% meeting requirements, −25 %
//! a major error) and progress (% on time, −25 % a delay); a month's task results are the products' scores weighted
//! by their conversion coefficients, × 70, cut to hundredths; the head's task results are 70 % their own products
//! and 30 % the unit element (100 % when everyone under them is at least "Hoàn thành", 50 % when anyone is not).

mod support;

use serde_json::Value;
use support::{array, Scenario};

const WARD: &str = "PHUONG-HOANKIEM";
const DIVISION: &str = "PHUONG-HOANKIEM-PKT";
const YEAR: &str = "2026";

const DUC: &str = "Trần Minh Đức";
const LAN: &str = "Nguyễn Thị Lan";
const HUNG: &str = "Lê Văn Hùng";
const HA: &str = "Phạm Thu Hà";
const VINH: &str = "Đỗ Quang Vinh";

const PRODUCT_HEADERS: [&str; 17] = [
    "Năm",
    "Kỳ",
    "Mã đơn vị",
    "Người thực hiện",
    "Sản phẩm",
    "Nguồn",
    "Loại sản phẩm",
    "Hệ số quy đổi",
    "Đơn vị tính",
    "Số lượng giao",
    "Hạn",
    "Số lượng đạt",
    "Ngày hoàn thành",
    "Chất lượng đạt (%)",
    "Số lỗi lớn",
    "Đúng hạn (%)",
    "Số lần chậm",
];

const CRITERIA_HEADERS: [&str; 10] = [
    "Năm",
    "Kỳ",
    "Mã đơn vị",
    "Người được đánh giá",
    "Bước",
    "Chính trị, tư tưởng",
    "Đạo đức, lối sống",
    "Ý thức tổ chức kỷ luật",
    "Tác phong, lề lối làm việc",
    "Nhận xét",
];

/// The superior's points per criterion (max 8, 8, 7, 7): 28,5; 27; 26; 25; 24.
const GENERAL: [(&str, [&str; 4]); 5] = [
    (DUC, ["8", "7,5", "6,5", "6,5"]),
    (LAN, ["7", "7", "6,5", "6,5"]),
    (HUNG, ["7", "7", "6", "6"]),
    (HA, ["7", "6,5", "6", "5,5"]),
    (VINH, ["6,5", "6,5", "5,5", "5,5"]),
];

fn set_up() -> Scenario {
    let s = Scenario::office("Đảng ủy phường Hoàn Kiếm", WARD, "ward", "HN");
    s.add_unit(DIVISION, "Phòng Kinh tế phường Hoàn Kiếm", "agency", WARD);
    let roster = s.sheet(
        "danh-sach.xlsx",
        &["Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị", "Chức vụ", "Ngày bổ nhiệm"],
        &[
            vec![DUC, "12/04/1978", "Nam", DIVISION, "Trưởng phòng Kinh tế", "01/07/2025"],
            vec![LAN, "03/09/1982", "Nữ", DIVISION, "Phó Trưởng phòng Kinh tế", "01/07/2025"],
            vec![HUNG, "21/01/1990", "Nam", DIVISION, "Chuyên viên Phòng Kinh tế", ""],
            vec![HA, "15/06/1992", "Nữ", DIVISION, "Chuyên viên Phòng Kinh tế", ""],
            vec![VINH, "30/11/1994", "Nam", DIVISION, "Chuyên viên Phòng Kinh tế", ""],
        ],
    );
    s.run(&["roster", "import", &s.file(&roster)]).ok();
    s
}

/// One product row: (person, title, kind, coefficient, required, delivered, completed on, quality, errors).
type Product<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str, &'a str, &'a str, &'a str, &'a str);

fn products(s: &Scenario, name: &str, period: &str, rows: &[Product<'_>]) -> std::path::PathBuf {
    let rows: Vec<Vec<&str>> = rows
        .iter()
        .map(|&(person, title, kind, coefficient, required, delivered, completed, quality, errors)| {
            vec![
                YEAR,
                period,
                DIVISION,
                person,
                title,
                "thường xuyên",
                kind,
                coefficient,
                "",
                required,
                "",
                delivered,
                completed,
                quality,
                errors,
                "",
                "",
            ]
        })
        .collect();
    s.sheet(name, &PRODUCT_HEADERS, &rows)
}

fn criteria(s: &Scenario, name: &str, period: &str, people: &[&str]) -> std::path::PathBuf {
    let rows: Vec<Vec<&str>> = GENERAL
        .iter()
        .filter(|(person, _)| people.contains(person))
        .map(|(person, p)| vec![YEAR, period, DIVISION, person, "Cấp trên", p[0], p[1], p[2], p[3], "Hoàn thành nhiệm vụ tháng"])
        .collect();
    s.sheet(name, &CRITERIA_HEADERS, &rows)
}

/// Each person's (total text, missing text) for a month, from `periods show`.
fn month(s: &Scenario, period: &str) -> Vec<(String, String, String)> {
    let sheet = s.run(&["--json", "periods", "show", "--year", YEAR, "--period", period, "--unit", DIVISION]).ok().json();
    array(sheet["rows"].clone())
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_string(),
                r["total_text"].as_str().unwrap().to_string(),
                r["missing"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn total_of(rows: &[(String, String, String)], name: &str) -> (String, String) {
    let row = rows.iter().find(|r| r.0 == name).unwrap_or_else(|| panic!("{name} is on the sheet"));
    (row.1.clone(), row.2.clone())
}

fn classify(s: &Scenario) -> Vec<Value> {
    array(s.run(&["--json", "classify", "--year", YEAR, "--unit", WARD]).ok().json())
}

fn person<'a>(rows: &'a [Value], name: &str) -> &'a Value {
    rows.iter().find(|r| r["name"] == name).unwrap_or_else(|| panic!("{name} is classified"))
}

fn reasons(row: &Value) -> String {
    array(row["reasons"].clone()).iter().map(|r| r.as_str().unwrap().to_string()).collect::<Vec<_>>().join(" | ")
}

#[test]
fn three_months_of_products_give_the_points_worked_by_hand() {
    let s = set_up();

    // January. Đức: a target report (coefficient 2) delivered fully: 100 %.
    // Lan: a proposal (kind "Văn bản tham mưu, đề xuất", coefficient 1,5 from the catalogue) 2 of 2 at 80 %:
    //   (100 + 80 + 100) / 3 = 93,33 %; a monthly report (1) perfect: 100 %.
    //   (1,5 × 93,33 + 1 × 100) / 2,5 = 95,99 % (cut) → × 70 = 67,19; + 27 = 94,19.
    // Hùng: 30 of 40 dossiers: (75 + 100 + 100) / 3 = 91,67 % → 64,16 (cut); + 26 = 90,16.
    // Hà: an inspection delivered on 05/02, after the deadline (31/01): one delay, progress 75 %:
    //   91,67 % → 64,16; + 25 = 89,16.
    // Vinh: a report with two major errors: quality 100 − 50 = 50 %: 83,33 % → 58,33; + 24 = 82,33.
    // Đức again: everyone under him is at least "Hoàn thành": unit element 100 % → 100 % → 70; + 28,5 = 98,50.
    let january = products(
        &s,
        "san-pham-t1.xlsx",
        "T1",
        &[
            (DUC, "Chỉ đạo thu ngân sách trên địa bàn", "", "2", "1", "1", "25/01/2026", "100", ""),
            (LAN, "Tờ trình kế hoạch chợ đêm", "Văn bản tham mưu, đề xuất", "", "2", "2", "28/01/2026", "80", ""),
            (LAN, "Báo cáo kinh tế tháng 1", "Báo cáo kết quả công tác tháng", "", "1", "1", "30/01/2026", "100", ""),
            (HUNG, "Hồ sơ đăng ký hộ kinh doanh", "Hồ sơ thủ tục hành chính được giải quyết", "", "40", "30", "31/01/2026", "100", ""),
            (HA, "Kiểm tra an toàn thực phẩm", "", "2", "1", "1", "05/02/2026", "100", ""),
            (VINH, "Báo cáo giá cả thị trường", "", "", "1", "1", "29/01/2026", "100", "2"),
        ],
    );
    // A preview writes nothing.
    let preview = s.run(&["--json", "products", "import", &s.file(&january), "--dry-run"]).ok().json();
    assert_eq!((preview["new"].as_u64(), preview["written"].as_bool()), (Some(6), Some(false)));
    assert!(array(s.run(&["--json", "products", "list", "--year", YEAR]).ok().json()).is_empty());
    s.run(&["products", "import", &s.file(&january)]).ok();
    s.run(&["assess", "import", &s.file(&criteria(&s, "tieu-chi-t1.xlsx", "T1", &[DUC, LAN, HUNG, HA, VINH]))]).ok();
    let t1 = month(&s, "T1");
    for (name, total) in [(DUC, "98,50"), (LAN, "94,19"), (HUNG, "90,16"), (HA, "89,16"), (VINH, "82,33")] {
        assert_eq!(total_of(&t1, name), (total.to_string(), String::new()), "{name}, January");
    }

    // February. Hà delivers nothing of her inspection: 0 % → 0; 25 points: "Không hoàn thành". Đức's unit element
    // falls to 50 %: 70 % × 100 + 30 % × 50 = 85 % → 59,50; + 28,5 = 88,00. Lan 100 % → 97,00. Hùng delivers 48
    // of 40 (above the requirement; quantity counts at most 100 %) → 96,00. Vinh's report is planned, not yet
    // appraised: February is missing for him.
    let february = products(
        &s,
        "san-pham-t2.xlsx",
        "T2",
        &[
            (DUC, "Chỉ đạo thu ngân sách trên địa bàn", "", "2", "1", "1", "25/02/2026", "100", ""),
            (LAN, "Báo cáo kinh tế tháng 2", "Báo cáo kết quả công tác tháng", "", "1", "1", "27/02/2026", "100", ""),
            (HUNG, "Hồ sơ đăng ký hộ kinh doanh", "Hồ sơ thủ tục hành chính được giải quyết", "", "40", "48", "27/02/2026", "100", ""),
            (HA, "Kiểm tra an toàn thực phẩm", "", "2", "1", "0", "", "0", ""),
            (VINH, "Báo cáo giá cả thị trường", "", "", "1", "", "", "", ""),
        ],
    );
    s.run(&["products", "import", &s.file(&february)]).ok();
    s.run(&["assess", "import", &s.file(&criteria(&s, "tieu-chi-t2.xlsx", "T2", &[DUC, LAN, HUNG, HA, VINH]))]).ok();
    let t2 = month(&s, "T2");
    for (name, total) in [(DUC, "88,00"), (LAN, "97,00"), (HUNG, "96,00"), (HA, "25,00")] {
        assert_eq!(total_of(&t2, name), (total.to_string(), String::new()), "{name}, February");
    }
    assert_eq!(total_of(&t2, VINH), (String::new(), "Chưa có sản phẩm được thẩm định".to_string()));

    // A typed task-result value is refused under the default rule set: the row is named, nothing is written.
    let typed = s.sheet(
        "nhap-tay.xlsx",
        &[
            "Năm",
            "Kỳ",
            "Mã đơn vị",
            "Người được đánh giá",
            "Bước",
            "Chính trị, tư tưởng",
            "Đạo đức, lối sống",
            "Ý thức tổ chức kỷ luật",
            "Tác phong, lề lối làm việc",
            "Điểm kết quả nhiệm vụ (nhập tay)",
            "Lý do nhập tay",
        ],
        &[vec![YEAR, "T2", DIVISION, VINH, "Cấp trên", "6,5", "6,5", "5,5", "5,5", "65", "Quên thẩm định"]],
    );
    let refused = s.run(&["assess", "import", &s.file(&typed)]).fails();
    assert!(refused.stderr.contains("Dòng 2, cột \"Điểm kết quả nhiệm vụ (nhập tay)\""), "{}", refused.stderr);
    assert!(refused.stderr.contains("không nhập tay"), "{}", refused.stderr);
    assert_eq!(total_of(&month(&s, "T2"), VINH).0, "", "nothing was written");

    // March. Everyone perfect; Hùng's general criteria were not given: March is missing for him.
    let march = products(
        &s,
        "san-pham-t3.xlsx",
        "T3",
        &[
            (DUC, "Chỉ đạo thu ngân sách trên địa bàn", "", "2", "1", "1", "25/03/2026", "100", ""),
            (LAN, "Báo cáo kinh tế tháng 3", "Báo cáo kết quả công tác tháng", "", "1", "1", "27/03/2026", "100", ""),
            (HUNG, "Hồ sơ đăng ký hộ kinh doanh", "Hồ sơ thủ tục hành chính được giải quyết", "", "40", "40", "27/03/2026", "100", ""),
            (HA, "Kiểm tra an toàn thực phẩm", "", "2", "1", "1", "20/03/2026", "100", ""),
            (VINH, "Báo cáo giá cả thị trường", "", "", "1", "1", "27/03/2026", "100", ""),
        ],
    );
    s.run(&["products", "import", &s.file(&march)]).ok();
    s.run(&["assess", "import", &s.file(&criteria(&s, "tieu-chi-t3.xlsx", "T3", &[DUC, LAN, HA, VINH]))]).ok();
    let t3 = month(&s, "T3");
    for (name, total) in [(DUC, "98,50"), (LAN, "97,00"), (HA, "95,00"), (VINH, "94,00")] {
        assert_eq!(total_of(&t3, name), (total.to_string(), String::new()), "{name}, March");
    }
    assert_eq!(total_of(&t3, HUNG), (String::new(), "Chưa chấm tiêu chí chung".to_string()));

    // The year so far, from its three months.
    let year = classify(&s);
    // Đức: (98,50 + 88,00 + 98,50) / 3 = 95,00, of which general 28,50 and task results 66,50.
    assert_eq!(person(&year, DUC)["points"], 95.0);
    // Three months of twelve, none closed: the year is provisional and says so.
    assert!(person(&year, DUC)["provisional_text"].as_str().unwrap().starts_with("Tạm tính đến ngày"), "{}", person(&year, DUC));
    assert_eq!(person(&year, DUC)["points_summary"], "95,00 / 100: tiêu chí chung 28,50 / 30, kết quả nhiệm vụ 66,50 / 70");
    // Lan: (94,19 + 97,00 + 97,00) / 3 = 96,063… → 96,06.
    assert_eq!(person(&year, LAN)["points"], 96.06);
    // Hà: (89,16 + 25,00 + 95,00) / 3 = 69,72: "Hoàn thành" by points; one of three products late (33 %, over 20 %).
    assert_eq!(person(&year, HA)["points"], 69.72);
    assert_eq!(person(&year, HA)["proposed_level"], "not_completed", "{}", reasons(person(&year, HA)));
    assert!(reasons(person(&year, HA)).contains("1/3 nhiệm vụ chậm"), "{}", reasons(person(&year, HA)));
    // The missing months are named, and those two are not proposed until they are appraised.
    for (name, missing) in [(HUNG, "Tháng 3"), (VINH, "Tháng 2")] {
        let row = person(&year, name);
        assert_eq!(row["proposed_level"], "not_rated", "{}", reasons(row));
        assert_eq!(row["missing_periods"], serde_json::json!([missing]));
        assert!(reasons(row).contains(&format!("Chưa đánh giá kỳ: {missing}")), "{}", reasons(row));
    }

    // The head appraises Vinh's February report (the same sheet, delivered and quality filled in): 100 % → 94,00.
    // His year: (82,33 + 94,00 + 94,00) / 3 = 90,11, in the Excellent band, but nothing of his exceeded what was
    // required: "Hoàn thành tốt".
    let appraised =
        products(&s, "san-pham-t2-tham-dinh.xlsx", "T2", &[(VINH, "Báo cáo giá cả thị trường", "", "", "1", "1", "26/02/2026", "100", "")]);
    let report = s.run(&["--json", "products", "import", &s.file(&appraised)]).ok().json();
    assert_eq!((report["new"].as_u64(), report["updated"].as_u64()), (Some(0), Some(1)));
    assert_eq!(total_of(&month(&s, "T2"), VINH).0, "94,00");
    let year = classify(&s);
    assert_eq!(person(&year, VINH)["points"], 90.11);
    assert_eq!(person(&year, VINH)["proposed_level"], "good", "{}", reasons(person(&year, VINH)));

    // Closing March keeps its figures: importing the same sheet again is fine, a change is refused.
    s.run(&["periods", "close", "--year", YEAR, "--period", "T3"]).ok();
    s.run(&["products", "import", &s.file(&march)]).ok();
    let changed =
        products(&s, "san-pham-t3-sua.xlsx", "T3", &[(VINH, "Báo cáo giá cả thị trường", "", "", "1", "1", "27/03/2026", "60", "")]);
    let refused = s.run(&["products", "import", &s.file(&changed)]).fails();
    assert!(refused.stderr.contains("đã khóa"), "{}", refused.stderr);
    assert_eq!(total_of(&month(&s, "T3"), VINH).0, "94,00");

    // The sheet exported for March imports back unchanged.
    let exported = s.path("xuat-t3.xlsx");
    s.run(&["products", "export", "--year", YEAR, "--period", "T3", "--unit", DIVISION, "-o", &s.file(&exported)]).ok();
    let again = s.run(&["--json", "products", "import", &s.file(&exported), "--dry-run"]).ok().json();
    assert_eq!((again["new"].as_u64(), again["updated"].as_u64(), again["unchanged"].as_u64()), (Some(0), Some(0), Some(5)));
}

#[test]
fn a_bad_product_sheet_names_every_bad_row_and_imports_nothing() {
    let s = set_up();
    let sheet = s.sheet(
        "loi.xlsx",
        &PRODUCT_HEADERS,
        &[
            vec![YEAR, "T13", DIVISION, LAN, "Báo cáo", "", "", "", "", "1", "", "", "", "", "", "", ""],
            vec![YEAR, "T1", DIVISION, "Người Lạ", "Báo cáo", "", "", "", "", "1", "", "", "", "", "", "", ""],
            vec![YEAR, "T1", DIVISION, LAN, "Báo cáo", "", "Không có loại này", "", "", "0", "", "", "", "", "", "", ""],
            vec![YEAR, "T1", DIVISION, HUNG, "Báo cáo", "", "", "", "", "1", "", "1", "", "", "", "", ""],
            vec![YEAR, "T1", DIVISION, HA, "Báo cáo", "chỉ tiêu 9.9", "", "-1", "", "1", "32/01/2026", "", "", "", "", "", ""],
            vec![YEAR, "T1", DIVISION, VINH, "Báo cáo", "", "", "", "", "1", "", "", "", "", "", "", ""],
        ],
    );
    let refused = s.run(&["--json", "products", "import", &s.file(&sheet)]).fails().json();
    let errors = array(refused["report"]["errors"].clone());
    let text = errors.iter().map(|e| e["message"].as_str().unwrap().to_string()).collect::<Vec<_>>().join("\n");
    for expected in [
        "Dòng 2, cột \"Kỳ\"",
        "Dòng 3, cột \"Người thực hiện\"",
        "Dòng 4, cột \"Loại sản phẩm\"",
        "Dòng 4, cột \"Số lượng giao\"",
        "Dòng 5, cột \"Chất lượng đạt (%)\"",
        "Dòng 6, cột \"Nguồn\"",
        "Dòng 6, cột \"Hệ số quy đổi\"",
        "Dòng 6, cột \"Hạn\"",
    ] {
        assert!(text.contains(expected), "{expected} in:\n{text}");
    }
    assert!(!text.contains("Dòng 7"), "the good row is not blamed:\n{text}");
    assert!(array(s.run(&["--json", "products", "list", "--year", YEAR]).ok().json()).is_empty(), "nothing was written");
}

#[test]
fn evidence_files_named_in_the_sheet_are_kept_with_the_product() {
    let s = set_up();
    let mut headers = PRODUCT_HEADERS.to_vec();
    headers.push("Minh chứng");
    std::fs::write(s.path("bien-ban-kiem-tra.pdf"), b"%PDF-1.4 bien ban").unwrap();
    let row = |evidence: &'static str| {
        vec![
            YEAR,
            "T1",
            DIVISION,
            HA,
            "Kiểm tra an toàn thực phẩm",
            "",
            "",
            "2",
            "",
            "1",
            "",
            "1",
            "20/01/2026",
            "100",
            "",
            "",
            "",
            evidence,
        ]
    };
    // A file that is not there: the row is named, nothing is written.
    let missing = s.sheet("thieu.xlsx", &headers, &[row("khong-co.pdf")]);
    let refused = s.run(&["products", "import", &s.file(&missing)]).fails();
    assert!(refused.stderr.contains("Dòng 2, cột \"Minh chứng\""), "{}", refused.stderr);
    assert!(array(s.run(&["--json", "products", "list", "--year", YEAR]).ok().json()).is_empty());
    let good = s.sheet("du.xlsx", &headers, &[row("bien-ban-kiem-tra.pdf")]);
    s.run(&["products", "import", &s.file(&good)]).ok();
    let listed = array(s.run(&["--json", "products", "list", "--year", YEAR]).ok().json());
    assert_eq!(listed[0]["product"]["evidence"][0]["file_name"], "bien-ban-kiem-tra.pdf");
    assert_eq!(listed[0]["product"]["evidence"][0]["size"], 17);
}

#[test]
fn the_office_s_own_coefficients_apply_to_the_kinds_its_sheets_name() {
    let s = set_up();
    // The catalogue for a group lists the kinds for every group and that group's own.
    let for_staff = array(s.run(&["--json", "product-kinds", "--group", "van_thu_xa"]).ok().json());
    let codes: Vec<&str> = for_staff.iter().map(|k| k["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"co_so_du_lieu") && codes.contains(&"bao_cao_thang"), "{codes:?}");
    assert!(!codes.contains(&"ho_so_tthc"), "one-stop dossiers are not a records clerk's: {codes:?}");

    // The office weighs a proposal 2 (not the default 1,5), adds a kind of its own, and takes the leaflets out.
    let changed = s
        .run(&[
            "--json",
            "product-kinds",
            "--set",
            "van_ban_tham_muu",
            "--name",
            "Văn bản tham mưu, đề xuất",
            "--measure",
            "văn bản",
            "--coefficient",
            "2",
        ])
        .ok()
        .json();
    let proposal = array(changed).into_iter().find(|k| k["code"] == "van_ban_tham_muu").unwrap();
    assert_eq!((proposal["coefficient_text"].as_str(), proposal["origin"].as_str()), (Some("2"), Some("changed")));
    s.run(&[
        "product-kinds",
        "--set",
        "bao_cao_quy",
        "--name",
        "Báo cáo quý",
        "--measure",
        "báo cáo",
        "--coefficient",
        "2,5",
        "--groups",
        "chuyen_vien_xa",
    ])
    .ok();
    s.run(&["product-kinds", "--remove", "tuyen_truyen"]).ok();
    let refused = s.run(&["product-kinds", "--set", "x", "--name", "X", "--measure", "cái", "--coefficient", "0"]).fails().stderr;
    assert!(refused.contains("Hệ số quy đổi \"0\""), "{refused}");

    let sheet = products(
        &s,
        "san-pham-t1.xlsx",
        "T1",
        &[
            (LAN, "Tờ trình kế hoạch chợ đêm", "Văn bản tham mưu, đề xuất", "", "2", "2", "28/01/2026", "100", ""),
            (HUNG, "Báo cáo quý I", "Báo cáo quý", "", "1", "1", "30/01/2026", "100", ""),
        ],
    );
    s.run(&["products", "import", &s.file(&sheet)]).ok();
    let list = array(s.run(&["--json", "products", "list", "--year", YEAR]).ok().json());
    let coefficient = |title: &str| {
        list.iter().find(|p| p["product"]["title"] == title).unwrap()["product"]["coefficient_text"].as_str().unwrap().to_string()
    };
    assert_eq!(coefficient("Tờ trình kế hoạch chợ đêm"), "2");
    assert_eq!(coefficient("Báo cáo quý I"), "2,5");
    // A kind taken out is refused by name, row and column, and nothing is imported.
    let leaflets =
        products(&s, "san-pham-t2.xlsx", "T2", &[(HA, "Tuyên truyền phòng cháy", "Buổi tuyên truyền, vận động", "", "2", "", "", "", "")]);
    let refused = s.run(&["products", "import", &s.file(&leaflets)]).fails().stderr;
    assert!(refused.contains("Loại sản phẩm") && refused.contains("không có trong danh mục"), "{refused}");
    // Back to the default.
    s.run(&["product-kinds", "--reset", "van_ban_tham_muu"]).ok();
    let kinds = array(s.run(&["--json", "product-kinds"]).ok().json());
    let proposal = kinds.iter().find(|k| k["code"] == "van_ban_tham_muu").unwrap();
    assert_eq!((proposal["coefficient_text"].as_str(), proposal["origin"].as_str()), (Some("1,5"), Some("default")));
}
