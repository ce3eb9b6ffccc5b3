//! Vĩnh Phúc, 2021 (seed 002): the standing committee assigns a district four task groups with 18 numeric
//! targets; the district splits its party-admission target between its communes; results come in by month and
//! quarter; 2.100 admissions against 2.000 is 105 %, exceeded; the commune secretaries are compared, one at
//! 115 % and one at 109 %. Driven end to end through the real `thuocdo` binary and real XLSX files.

mod support;

use serde_json::Value;
use support::{array, Scenario};

const DISTRICT: &str = "HUYEN-TAMDUONG";
const HOANG_LAU: &str = "XA-HOANGLAU";
const KIM_LONG: &str = "XA-KIMLONG";
const AS_OF: &str = "31/12/2021";

const TARGET_HEADERS: [&str; 11] = [
    "Năm",
    "Mã đơn vị",
    "Người được giao",
    "Nhóm nhiệm vụ",
    "Mã chỉ tiêu",
    "Tên chỉ tiêu",
    "Đơn vị tính",
    "Kế hoạch",
    "Chiều đánh giá",
    "Văn bản giao",
    "Chỉ tiêu cấp trên",
];

const XDD: &str = "Xây dựng Đảng và hệ thống chính trị";
const KTXH: &str = "Phát triển kinh tế - xã hội";
const QPAN: &str = "Quốc phòng, an ninh";
const HL: &str = "Sự hài lòng của người dân, doanh nghiệp";

/// The district's 18 targets: (group, code, name, measure, plan, direction, year-end actual).
const DISTRICT_TARGETS: [(&str, &str, &str, &str, &str, &str, &str); 18] = [
    (XDD, "1.1", "Kết nạp đảng viên mới", "đảng viên", "2.000", "", ""),
    (XDD, "1.2", "Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên", "%", "90", "", "92"),
    (XDD, "1.3", "Đảng viên hoàn thành tốt nhiệm vụ trở lên", "%", "90", "", "88,5"),
    (XDD, "1.4", "Thành lập chi bộ trong doanh nghiệp tư nhân", "chi bộ", "5", "", "5"),
    (XDD, "1.5", "Hoàn thành đại hội chi bộ nhiệm kỳ 2022 - 2025", "mốc", "1", "Mốc hoàn thành", "1"),
    (KTXH, "2.1", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", "1.200", "", "1.260"),
    (KTXH, "2.2", "Tốc độ tăng giá trị sản xuất", "%", "10", "", "10,4"),
    (KTXH, "2.3", "Tỷ lệ hộ nghèo", "%", "1,5", "Càng thấp càng tốt", "1,2"),
    (KTXH, "2.4", "Xã đạt chuẩn nông thôn mới nâng cao", "xã", "3", "", "3"),
    (KTXH, "2.5", "Doanh nghiệp thành lập mới", "doanh nghiệp", "120", "", "131"),
    (KTXH, "2.6", "Lao động được tạo việc làm mới", "người", "2.500", "", "2.410"),
    (KTXH, "2.7", "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", "92", "", "93,1"),
    (KTXH, "2.8", "Giải ngân vốn đầu tư công", "%", "100", "", "96"),
    (QPAN, "3.1", "Hoàn thành chỉ tiêu giao quân", "thanh niên", "250", "", "250"),
    (QPAN, "3.2", "Số vụ tai nạn giao thông", "vụ", "20", "giảm", "17"),
    (QPAN, "3.3", "Diễn tập khu vực phòng thủ", "mốc", "1", "Mốc hoàn thành", "1"),
    (HL, "4.1", "Chỉ số hài lòng của người dân, doanh nghiệp", "%", "85", "", "87"),
    (HL, "4.2", "Hồ sơ thủ tục hành chính nộp trực tuyến", "%", "60", "", "64"),
];

fn set_up() -> Scenario {
    let s = Scenario::office("Huyện ủy Tam Dương", DISTRICT, "district", "VP");
    s.add_unit(HOANG_LAU, "Đảng ủy xã Hoàng Lâu", "commune", DISTRICT);
    s.add_unit(KIM_LONG, "Đảng ủy xã Kim Long", "commune", DISTRICT);
    let roster = s.sheet(
        "can-bo.xlsx",
        &["Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Đơn vị"],
        &[
            vec!["Nguyễn Văn Hùng", "14/02/1970", "Nam", "Bí thư Huyện ủy", DISTRICT],
            vec!["Trần Thị Lan", "03/08/1976", "Nữ", "Bí thư Đảng ủy", HOANG_LAU],
            vec!["Lê Văn Minh", "21/11/1972", "Nam", "Bí thư Đảng ủy", KIM_LONG],
        ],
    );
    s.run(&["roster", "import", &s.file(&roster)]).ok();
    s
}

fn targets_sheet(s: &Scenario, name: &str, hoang_lau_share: &str) -> std::path::PathBuf {
    let document = "Quyết định số 120-QĐ/TU ngày 15/01/2021 của Ban Thường vụ Tỉnh ủy";
    let mut rows: Vec<Vec<&str>> = DISTRICT_TARGETS
        .iter()
        .map(|(group, code, name, measure, plan, direction, _)| {
            vec!["2021", DISTRICT, "Nguyễn Văn Hùng", *group, *code, *name, *measure, *plan, *direction, document, ""]
        })
        .collect();
    let parent = "HUYEN-TAMDUONG/1.1";
    rows.push(vec!["2021", HOANG_LAU, "Trần Thị Lan", XDD, "1.1", "Kết nạp đảng viên mới", "đảng viên", hoang_lau_share, "", "", parent]);
    rows.push(vec!["2021", KIM_LONG, "Lê Văn Minh", XDD, "1.1", "Kết nạp đảng viên mới", "Đảng viên", "1.000", "", "", parent]);
    rows.push(vec!["2021", HOANG_LAU, "Trần Thị Lan", KTXH, "C.1", "Thu ngân sách xã", "triệu đồng", "10.000", "", "", ""]);
    rows.push(vec!["2021", KIM_LONG, "Lê Văn Minh", KTXH, "C.1", "Thu ngân sách xã", "triệu đồng", "10.000", "", "", ""]);
    s.sheet(name, &TARGET_HEADERS, &rows)
}

fn progress_sheet(s: &Scenario) -> std::path::PathBuf {
    let headers = ["Năm", "Mã đơn vị", "Mã chỉ tiêu", "Kỳ", "Thực hiện", "Đơn vị tính", "Ghi chú"];
    let mut rows: Vec<Vec<String>> = Vec::new();
    let row = |unit: &str, code: &str, period: String, value: &str| {
        vec!["2021".into(), unit.into(), code.into(), period, value.into(), String::new(), String::new()]
    };
    // Admissions month by month: Hoàng Lâu 10 × 95 + 2 × 100 = 1.150; Kim Long 10 × 80 + 2 × 75 = 950.
    for month in 1..=12 {
        rows.push(row(HOANG_LAU, "1.1", format!("T{month}"), if month <= 10 { "95" } else { "100" }));
        rows.push(row(KIM_LONG, "1.1", format!("Tháng {month}"), if month <= 10 { "80" } else { "75" }));
    }
    // Budget by quarter: 11.500 and 12.300 against 10.000 each.
    for (quarter, a, b) in [("Q1", "2.500", "3.000"), ("Quý II", "3.000", "3.000"), ("Q3", "3.000", "3.100"), ("Q4", "3.000", "3.200")] {
        rows.push(row(HOANG_LAU, "C.1", quarter.into(), a));
        rows.push(row(KIM_LONG, "C.1", quarter.into(), b));
    }
    // The district reports its own targets once, at the year's end (1.1 is the sum of its communes).
    for (_, code, _, _, _, _, actual) in DISTRICT_TARGETS.iter().filter(|t| !t.6.is_empty()) {
        rows.push(row(DISTRICT, code, "T12".into(), actual));
    }
    let rows: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    s.sheet("ket-qua-2021.xlsx", &headers, &rows)
}

fn targets(s: &Scenario) -> Vec<Value> {
    array(s.run(&["--json", "targets", "list", "--year", "2021", "--as-of", AS_OF]).ok().json())
}

fn target<'a>(lines: &'a [Value], unit: &str, code: &str) -> &'a Value {
    lines.iter().find(|l| l["unit_code"] == unit && l["code"] == code).unwrap_or_else(|| panic!("no target {unit}/{code}"))
}

#[test]
fn the_district_year_from_assignment_to_comparison() {
    let s = set_up();
    let sheet = targets_sheet(&s, "chi-tieu-2021.xlsx", "1.000");
    let imported = s.run(&["--json", "targets", "import", &s.file(&sheet)]).ok().json();
    assert_eq!(imported["new"], 22, "18 district targets and 4 commune targets: {imported}");

    let lines = targets(&s);
    let district: Vec<&Value> = lines.iter().filter(|l| l["unit_code"] == DISTRICT).collect();
    assert_eq!(district.len(), 18);
    let mut groups: Vec<&str> = district.iter().map(|l| l["group_code"].as_str().unwrap()).collect();
    groups.dedup();
    assert_eq!(groups, ["xay_dung_dang", "kinh_te_xa_hoi", "quoc_phong_an_ninh", "hai_long"], "four task groups, in order");
    assert!(district.iter().all(|l| l["person_name"] == "Nguyễn Văn Hùng"));
    assert!(district.iter().all(|l| l["status"] == "not_met"), "nothing reported by the year's end is not met");

    let progress = progress_sheet(&s);
    let reported = s.run(&["--json", "progress", "import", &s.file(&progress)]).ok().json();
    assert_eq!(reported["new"], 24 + 8 + 17);

    let lines = targets(&s);
    let admissions = target(&lines, DISTRICT, "1.1");
    assert_eq!(admissions["actual"], 210_000, "2.100 admitted, summed from the communes");
    assert_eq!(admissions["completion"], 10_500);
    assert_eq!(admissions["completion_text"], "105 %");
    assert_eq!(admissions["status"], "exceeded");
    assert_eq!(admissions["parts"], 2);
    assert_eq!(target(&lines, HOANG_LAU, "1.1")["completion"], 11_500);
    assert_eq!(target(&lines, KIM_LONG, "1.1")["completion"], 9_500);
    assert_eq!(target(&lines, KIM_LONG, "1.1")["status"], "not_met");
    // Lower is better: 1,5 % planned, 1,2 % reached is 125 %.
    assert_eq!(target(&lines, DISTRICT, "2.3")["completion"], 12_500);
    assert_eq!(target(&lines, DISTRICT, "3.2")["status"], "exceeded");
    assert_eq!(target(&lines, DISTRICT, "2.6")["status"], "not_met");
    assert_eq!(target(&lines, DISTRICT, "1.5")["status"], "met");
    assert_eq!(target(&lines, DISTRICT, "3.1")["status"], "met");

    // The commune secretaries compared: 115 % and 109 %.
    let groups = array(s.run(&["--json", "compare", "--year", "2021", "--as-of", AS_OF]).ok().json());
    let secretaries = groups.iter().find(|g| g["code"] == "bi_thu_xa").expect("the commune secretaries' group");
    assert_eq!(secretaries["holders"], 2);
    assert_eq!(secretaries["with_targets"], 2);
    let table = s.run(&["--json", "compare", "--year", "2021", "--group", "bi_thu_xa", "--as-of", AS_OF]).ok().json();
    let rows = array(table["rows"].clone());
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (rows[0]["rank"].as_u64(), rows[0]["name"].as_str(), rows[0]["unit_code"].as_str()),
        (Some(1), Some("Trần Thị Lan"), Some(HOANG_LAU))
    );
    assert_eq!(rows[0]["completion"], 115.0);
    assert_eq!((rows[1]["rank"].as_u64(), rows[1]["name"].as_str()), (Some(2), Some("Lê Văn Minh")));
    assert_eq!(rows[1]["completion"], 109.0);
    assert_eq!(rows[1]["not_met"], 1);

    // Published as XLSX, ranked as on screen.
    let published = s.path("so-sanh-bi-thu.xlsx");
    s.run(&["compare", "--year", "2021", "--group", "bi_thu_xa", "--as-of", AS_OF, "-o", &s.file(&published)]).ok();
    let read = tabular::read_table(&published).expect("the published table reads back");
    assert_eq!(read.rows[0].cells[0], "Hạng");
    assert_eq!(read.rows[1].cells[..2], ["1".to_string(), "Trần Thị Lan".to_string()]);
    assert_eq!(read.rows[1].cells[5], "115");
    assert_eq!(read.rows[2].cells[5], "109");

    // The exported targets import back unchanged.
    let exported = s.path("xuat-chi-tieu.xlsx");
    s.run(&["targets", "export", "--year", "2021", "-o", &s.file(&exported)]).ok();
    let again = s.run(&["--json", "targets", "import", &s.file(&exported)]).ok().json();
    assert_eq!((again["new"].as_u64(), again["updated"].as_u64(), again["unchanged"].as_u64()), (Some(0), Some(0), Some(22)));
    assert_eq!(again["written"], false);
    let exported = s.path("xuat-ket-qua.xlsx");
    s.run(&["progress", "export", "--year", "2021", "-o", &s.file(&exported)]).ok();
    let again = s.run(&["--json", "progress", "import", &s.file(&exported)]).ok().json();
    assert_eq!((again["new"].as_u64(), again["updated"].as_u64(), again["unchanged"].as_u64()), (Some(0), Some(0), Some(49)));
}

#[test]
fn an_over_allocated_split_and_bad_reports_change_nothing() {
    let s = set_up();
    s.run(&["targets", "import", &s.file(&targets_sheet(&s, "chi-tieu.xlsx", "1.000"))]).ok();
    let before = s.run(&["--json", "targets", "list", "--year", "2021", "--as-of", AS_OF]).ok().stdout;

    // 1.100 + 1.000 is more than the district's 2.000.
    let over = targets_sheet(&s, "chi-tieu-sai.xlsx", "1.100");
    let refused = s.run(&["--json", "targets", "import", &s.file(&over)]).fails();
    let body = refused.json();
    assert_eq!(body["error"]["code"], "sheet.rejected");
    let errors = array(body["report"]["errors"].clone());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["column"], "Kế hoạch");
    assert!(refused.stderr.contains("vượt kế hoạch của chỉ tiêu cấp trên"), "{}", refused.stderr);

    // A plan of 0, another unit of measure than the parent's, a negative actual, a wrong unit of measure in a
    // report and an evidence file that is not there: every row named, nothing saved.
    let bad_targets = s.sheet(
        "chi-tieu-loi.xlsx",
        &TARGET_HEADERS,
        &[
            vec!["2021", DISTRICT, "", XDD, "9.1", "Chỉ tiêu mới", "người", "0", "", "", ""],
            vec!["2021", KIM_LONG, "Lê Văn Minh", XDD, "9.2", "Kết nạp", "hộ", "10", "", "", "HUYEN-TAMDUONG/1.1"],
        ],
    );
    let refused = s.run(&["--json", "targets", "import", &s.file(&bad_targets)]).fails().json();
    let errors = array(refused["report"]["errors"].clone());
    assert_eq!(
        errors.iter().map(|e| (e["row"].as_u64().unwrap(), e["column"].as_str().unwrap())).collect::<Vec<_>>(),
        [(2, "Kế hoạch"), (3, "Đơn vị tính")]
    );

    let bad_progress = s.sheet(
        "ket-qua-loi.xlsx",
        &["Năm", "Mã đơn vị", "Mã chỉ tiêu", "Kỳ", "Thực hiện", "Đơn vị tính", "Minh chứng"],
        &[
            vec!["2021", HOANG_LAU, "1.1", "T1", "50", "", ""],
            vec!["2021", HOANG_LAU, "1.1", "T2", "-3", "", ""],
            vec!["2021", KIM_LONG, "1.1", "T1", "12", "hộ", ""],
            vec!["2021", KIM_LONG, "1.1", "T2", "12", "", "bien-ban-khong-co.pdf"],
            vec!["2021", KIM_LONG, "1.1", "T13", "12", "", ""],
        ],
    );
    let refused = s.run(&["--json", "progress", "import", &s.file(&bad_progress)]).fails().json();
    let errors = array(refused["report"]["errors"].clone());
    assert_eq!(
        errors.iter().map(|e| (e["row"].as_u64().unwrap(), e["column"].as_str().unwrap())).collect::<Vec<_>>(),
        [(3, "Thực hiện"), (4, "Đơn vị tính"), (5, "Minh chứng"), (6, "Kỳ")]
    );
    assert_eq!(s.run(&["--json", "targets", "list", "--year", "2021", "--as-of", AS_OF]).ok().stdout, before, "nothing half-saved");
}
