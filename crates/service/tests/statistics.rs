//! Issue 17, personnel statistics: a small roster counted by hand, the seeds' 168 of 177 non-local secretaries to
//! hundredths, and the province demo against counts made with SQL on the database itself.

use thuocdo_service as service;

use chrono::NaiveDate;
use domain::profile::{PoliticalTheory, Qualification};
use domain::statistics::Share;
use service::demo::{create_demo, DemoScale, DEMO_PASSWORD};
use service::roster::ImportOptions;
use service::{create_office, NewOffice, Office, Session};
use std::fmt::Write as _;

const PASSWORD: &str = "Mật khẩu 2026";

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A commune office with `rows` of a roster imported (units made as named).
fn office_with(dir: &std::path::Path, header: &str, rows: &[String]) -> (Office, Session) {
    let new = NewOffice {
        unit_name: "Tỉnh ủy Ninh Bình".into(),
        unit_code: "NB".into(),
        level: "province".into(),
        parent_code: None,
        admin: "admin".into(),
    };
    let mut office = create_office(&dir.join("office.db"), &new, PASSWORD).unwrap();
    let session = office.login(None, PASSWORD).unwrap();
    let file = dir.join("danh-sach.csv");
    std::fs::write(&file, format!("{header}\n{}\n", rows.join("\n"))).unwrap();
    let options = ImportOptions { create_units: true, today: Some(day(2026, 1, 15)), ..ImportOptions::default() };
    let report = office.import_roster(&session, &file, &options).unwrap();
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    (office, session)
}

const HEADER: &str =
    "Họ và tên;Ngày sinh;Giới tính;Người địa phương;Đảng viên;Chức vụ;Đơn vị;Trình độ chuyên môn;Lý luận chính trị;Dân tộc";

/// Ten people, every figure of the report counted by hand below.
fn ten_people() -> Vec<String> {
    [
        // name; born; gender; local; party; position; unit; qualification; theory; ethnicity
        "Nguyễn Văn An;05/09/1980;Nam;Không;Có;Bí thư Đảng ủy;Đảng ủy xã Kim Đông;Thạc sĩ Luật;Cao cấp;Kinh",
        "Trần Thị Bình;12/03/1985;Nữ;x;Có;Chủ tịch UBND;Ủy ban nhân dân xã Kim Đông;Đại học Kinh tế;Trung cấp;Mường",
        "Lê Văn Cường;1975;Nam;;Có;Chuyên viên;Ủy ban nhân dân xã Kim Đông;Tiến sĩ Nông nghiệp;Cao cấp;Kinh",
        "Phạm Thị Dung;20/11/1996;Nữ;;;Chuyên viên;Ủy ban nhân dân xã Kim Đông;Đại học Luật;;dân tộc Mường",
        "Hoàng Văn Em;01/01/1966;Nam;;Có;Chuyên viên;Ủy ban nhân dân xã Kim Đông;Cao đẳng;Sơ cấp;Tày",
        "Vũ Thị Giang;31/12/1996;Nữ;;Có;Chuyên viên;Đảng ủy xã Kim Đông;Trung cấp;Sơ cấp;KINH",
        "Đặng Văn Hùng;15/06/1990;Nam;Không;Có;Bí thư Đảng ủy;Đảng ủy xã Kim Tân;Đại học Luật;Trung cấp;Kinh",
        "Bùi Thị Lan;02/02/2000;Nữ;;;Chuyên viên;Đảng ủy xã Kim Tân;;;",
        "Đỗ Văn Minh;1986;Nam;;Có;Chuyên viên;Đảng ủy xã Kim Tân;Thạc sĩ Quản lý công;Trung cấp;H'Mông",
        "Ngô Thị Nga;10/10/1970;Nữ;;Có;Chuyên viên;Đảng ủy xã Kim Tân;Đại học;Cao cấp;Kinh",
    ]
    .iter()
    .map(|r| r.to_string())
    .collect()
}

fn share(count: u32, of: u32, percent: i64) -> Share {
    Share { count, of, percent: Some(percent) }
}

#[test]
fn a_small_roster_is_counted_as_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let (office, session) = office_with(dir.path(), HEADER, &ten_people());
    let stats = office.personnel_statistics(&session, None, Some(day(2026, 12, 31))).unwrap();
    assert_eq!(stats.unit.unit_code, "NB");
    let s = &stats.unit.statistics;
    assert_eq!(s.people, 10);

    // Qualification: 1 doctor, 2 masters, 4 university (Bình, Dung, Hùng, Nga), 1 college, 1 intermediate, 0
    // elementary, 1 not recorded; university or above 7 of 10.
    let q: Vec<(Option<Qualification>, u32)> = s.qualification.iter().map(|(q, s)| (*q, s.count)).collect();
    assert_eq!(
        q,
        [
            (Some(Qualification::Doctorate), 1),
            (Some(Qualification::Master), 2),
            (Some(Qualification::University), 4),
            (Some(Qualification::College), 1),
            (Some(Qualification::Intermediate), 1),
            (Some(Qualification::Elementary), 0),
            (None, 1),
        ]
    );
    assert_eq!(s.university_or_above, share(7, 10, 7000));
    // Political theory: advanced An, Cường, Nga; intermediate Bình, Hùng, Minh; elementary Em, Giang; none Dung, Lan.
    let t: Vec<(Option<PoliticalTheory>, u32)> = s.political_theory.iter().map(|(t, s)| (*t, s.count)).collect();
    assert_eq!(
        t,
        [(Some(PoliticalTheory::Advanced), 3), (Some(PoliticalTheory::Intermediate), 3), (Some(PoliticalTheory::Elementary), 2), (None, 2)]
    );
    // Ages on 31/12/2026: An 46, Bình 41, Cường 51 (year alone), Dung 30, Em 60, Giang 30 (her birthday that very
    // day), Hùng 36, Lan 26, Minh 40 (year alone), Nga 56.
    let ages: Vec<u32> = s.age.iter().map(|(_, s)| s.count).collect();
    assert_eq!(ages, [3, 2, 2, 3, 0], "≤30: Dung, Giang, Lan; 31–40: Hùng, Minh; 41–50: An, Bình; 51–60: Cường, Em, Nga");
    // A day earlier Giang is still 29, and on 01/01/2026 Em was 60 too, Minh 40.
    let before = office.personnel_statistics(&session, None, Some(day(2026, 12, 30))).unwrap();
    assert_eq!(before.unit.statistics.age[0].1.count, 3);
    assert_eq!((s.female, s.male), (share(5, 10, 5000), share(5, 10, 5000)));
    assert_eq!(s.party_members, share(8, 10, 8000));
    // Ethnicity: Kinh An, Cường, Giang, Hùng, Nga; Mường Bình, Dung; Tày Em; Mông Minh ("H'Mông"); Lan not recorded.
    // Mường before Tày and Mông by count; Tày before Mông by the list's order.
    let groups: Vec<(Option<&str>, u32)> = s.ethnicity.iter().map(|(g, s)| (g.as_deref(), s.count)).collect();
    assert_eq!(groups, [(Some("Kinh"), 5), (Some("Mường"), 2), (Some("Tày"), 1), (Some("Mông"), 1), (None, 1)]);
    assert_eq!(s.ethnic_minority, share(4, 10, 4000));
    // Heads: the two Party secretaries and the committee chairman (a head post); An and Hùng not local, Bình local.
    assert_eq!(s.heads, 3);
    assert_eq!(s.heads_not_local, share(2, 3, 6667));
    assert_eq!(s.heads_local, share(1, 3, 3333));
    assert_eq!(s.heads_unknown, share(0, 3, 0));

    // Each unit directly below, rolled up: Kim Đông's committee and Party committee, Kim Tân's Party committee.
    let below: Vec<(&str, u32)> = stats.below.iter().map(|u| (u.unit_name.as_str(), u.statistics.people)).collect();
    let total: u32 = below.iter().map(|(_, n)| n).sum();
    assert_eq!(total, 10, "{below:?}");
    let kim_tan = stats.below.iter().find(|u| u.unit_name == "Đảng ủy xã Kim Tân").unwrap();
    assert_eq!(kim_tan.statistics.people, 4);
    assert_eq!(kim_tan.statistics.university_or_above, share(3, 4, 7500));

    // One unit asked for by its code.
    let alone = office.personnel_statistics(&session, Some(&kim_tan.unit_code), Some(day(2026, 12, 31))).unwrap();
    assert_eq!(alone.unit.statistics, kim_tan.statistics);
    let missing = office.personnel_statistics(&session, Some("KHONG-CO"), None).unwrap_err();
    assert_eq!(missing.code(), "org.unknown_unit");
}

#[test]
fn the_seeds_168_of_177_non_local_secretaries_print_as_94_92_percent() {
    let dir = tempfile::tempdir().unwrap();
    let given = ["An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Long", "Minh", "Nam", "Phúc", "Quang", "Sơn"];
    let family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý", "Hồ", "Tạ"];
    let rows: Vec<String> = (0..177)
        .map(|i| {
            let name = format!("{} Văn {}", family[i % family.len()], given[i / family.len()]);
            let local = if i < 168 { "Không" } else { "x" };
            format!("{name};01/01/{};Nam;{local};Có;Bí thư Đảng ủy;Đảng ủy xã Số {};Đại học Luật;Cao cấp", 1970 + i % 20, i + 1)
        })
        .collect();
    let (office, session) = office_with(dir.path(), HEADER, &rows);
    let stats = office.personnel_statistics(&session, None, None).unwrap();
    let s = &stats.unit.statistics;
    assert_eq!(s.heads, 177);
    assert_eq!(s.heads_not_local, share(168, 177, 9492));
    assert_eq!(domain::numbers::format_percent(s.heads_not_local.percent.unwrap()), "94,92 %");
    assert_eq!(stats.below.len(), 177);
}

/// The province demo counted twice: by the service, and with SQL on the database file.
#[test]
fn the_province_demo_agrees_with_counts_made_in_sql() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tinh.db");
    create_demo(&path, DemoScale::Province, 1, None).unwrap();
    let on = day(2026, 12, 31);
    let stats = {
        let (office, session) = Office::unlock(&path, None, DEMO_PASSWORD).unwrap();
        office.personnel_statistics(&session, None, Some(on)).unwrap()
    };
    let conn = service::raw_database(&path, None, DEMO_PASSWORD).unwrap();
    let count = |sql: &str| -> u32 { conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap() as u32 };
    let s = &stats.unit.statistics;
    assert_eq!(s.people, count("SELECT count(*) FROM people"));
    for (q, share) in &s.qualification {
        let condition = q.map_or("qualification IS NULL".to_string(), |q| format!("qualification = '{}'", q.code()));
        assert_eq!(share.count, count(&format!("SELECT count(*) FROM people WHERE {condition}")), "{q:?}");
    }
    assert_eq!(
        s.university_or_above.count,
        count("SELECT count(*) FROM people WHERE qualification IN ('doctorate', 'master', 'university')")
    );
    for (t, share) in &s.political_theory {
        let condition = t.map_or("political_theory IS NULL".to_string(), |t| format!("political_theory = '{}'", t.code()));
        assert_eq!(share.count, count(&format!("SELECT count(*) FROM people WHERE {condition}")), "{t:?}");
    }
    assert_eq!(s.female.count, count("SELECT count(*) FROM people WHERE gender = 'female'"));
    assert_eq!(s.party_members.count, count("SELECT count(*) FROM people WHERE party_member = 1"));
    for (group, share) in &s.ethnicity {
        let condition = group.as_ref().map_or("ethnicity IS NULL".to_string(), |g| format!("ethnicity = '{g}'"));
        assert_eq!(share.count, count(&format!("SELECT count(*) FROM people WHERE {condition}")), "{group:?}");
    }
    assert_eq!(s.ethnic_minority.count, count("SELECT count(*) FROM people WHERE ethnicity IS NOT NULL AND ethnicity <> 'Kinh'"));
    assert!(s.ethnic_minority.count > 500, "the demo province has its minorities: {}", s.ethnic_minority.count);
    // Ages in SQL: whole years on 31/12/2026 are 2026 minus the year of birth (every birthday has passed).
    for (band, share) in &s.age {
        let mut condition = format!("2026 - CAST(substr(birth_date, 1, 4) AS INTEGER) >= {}", band.from);
        if let Some(to) = band.to {
            let _ = write!(condition, " AND 2026 - CAST(substr(birth_date, 1, 4) AS INTEGER) <= {to}");
        }
        assert_eq!(share.count, count(&format!("SELECT count(*) FROM people WHERE {condition}")), "{band:?}");
    }
    // Heads: people holding a head post on that day.
    let heads = "SELECT DISTINCT a.person_id FROM assignments a JOIN positions pos ON pos.id = a.position_id
                 WHERE pos.is_head = 1 AND (a.start_date IS NULL OR a.start_date <= '2026-12-31')
                   AND (a.end_date IS NULL OR a.end_date > '2026-12-31')";
    assert_eq!(s.heads, count(&format!("SELECT count(*) FROM ({heads})")));
    assert!(s.heads > 1_000, "{} heads in the province", s.heads);
    assert_eq!(s.heads_not_local.count, count(&format!("SELECT count(*) FROM people WHERE is_local = 0 AND id IN ({heads})")));
    assert_eq!(s.heads_local.count, count(&format!("SELECT count(*) FROM people WHERE is_local = 1 AND id IN ({heads})")));
    // The communes side by side add up to the province.
    assert_eq!(stats.below.iter().map(|u| u.statistics.people).sum::<u32>(), s.people);
    let _ = on;
}

/// The statistics as a workbook: the breakdowns with counts and percentages as numbers, and the units below.
#[test]
fn the_statistics_export_to_a_workbook_with_the_same_figures() {
    let dir = tempfile::tempdir().unwrap();
    let (office, session) = office_with(dir.path(), HEADER, &ten_people());
    let path = dir.path().join("thong-ke.xlsx");
    let units = office.export_personnel_statistics(&session, None, Some(day(2026, 12, 31)), &path, service::Lang::Vi).unwrap();
    assert_eq!(units, 3);
    let table = tabular::read_table(&path).unwrap();
    let row = |label: &str| {
        table.rows.iter().find(|r| r.cells.first().map(String::as_str) == Some(label)).unwrap_or_else(|| panic!("{label}")).cells.clone()
    };
    assert_eq!(table.rows[0].cells[..3], ["Nội dung", "Số người", "Tỷ lệ (%)"]);
    assert_eq!(row("Tổng số")[1..3], ["10", "100"]);
    assert_eq!(row("Đại học trở lên")[1..3], ["7", "70"]);
    assert_eq!(row("Không phải người địa phương")[1..3], ["2", "66,67"]);
    assert_eq!(row("Từ 51 đến 60 tuổi")[1], "3");
    assert_eq!(row("Mường")[1..3], ["2", "20"]);
    assert_eq!(row("Dân tộc thiểu số")[1..3], ["4", "40"]);
}
