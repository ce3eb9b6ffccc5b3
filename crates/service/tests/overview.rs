//! Issue 17, the year at a glance: every figure of the overview agrees with the screen it sums up, counted again here
//! by the other way the window or the CLI gives it (the targets list, the classification, the product list of each
//! month, the attention list).

use thuocdo_service as service;

use chrono::NaiveDate;
use domain::evaluation::Level;
use domain::targets::{Period, TargetStatus};
use service::demo::{create_demo, DemoScale, DEMO_PASSWORD, DEMO_YEAR};
use service::work::{ProductFilter, TargetFilter};
use service::{Lang, Office};

/// A demo commune, and the last day of its year.
fn commune_demo() -> (tempfile::TempDir, Office, service::Session, NaiveDate) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("xa.db");
    create_demo(&path, DemoScale::Commune, 5, None).unwrap();
    let (office, session) = Office::unlock(&path, None, DEMO_PASSWORD).unwrap();
    (dir, office, session, NaiveDate::from_ymd_opt(DEMO_YEAR, 12, 31).unwrap())
}

#[test]
fn the_commune_demo_at_a_glance_agrees_with_the_lists_it_sums_up() {
    let (_dir, office, session, day) = commune_demo();
    let overview = office.year_overview(&session, DEMO_YEAR, None, Some(day)).unwrap();
    assert_eq!(overview.as_of, day);

    // Targets: the list of the whole office, by group and status.
    let filter = TargetFilter { year: DEMO_YEAR, unit_code: None, as_of: Some(day) };
    let lines = office.targets(&session, &filter, Lang::Vi).unwrap();
    assert!(!lines.is_empty());
    assert_eq!(overview.targets_total as usize, lines.len());
    for group in &overview.targets {
        for (status, count) in &group.by_status {
            let listed = lines.iter().filter(|l| l.group_code == group.group_code && l.status == *status).count();
            assert_eq!(*count as usize, listed, "{} {status:?}", group.group_code);
        }
        assert_eq!(group.by_status.iter().map(|(_, n)| n).sum::<u32>(), group.total);
    }
    let done = lines.iter().filter(|l| matches!(l.status, TargetStatus::Exceeded | TargetStatus::Met)).count();
    assert_eq!(overview.targets_done.count as usize, done);

    // Levels: the classification of the office's unit.
    let classification = office.classify(&session, DEMO_YEAR, &overview.unit_code, Lang::Vi).unwrap();
    for count in &overview.people_levels {
        let proposed = classification.people.iter().filter(|p| p.proposed_level == count.level).count();
        let decided = classification.people.iter().filter(|p| p.decided_level == Some(count.level)).count();
        assert_eq!((count.proposed as usize, count.decided as usize), (proposed, decided), "{:?}", count.level);
    }
    assert_eq!(overview.people_levels.iter().map(|c| c.proposed as usize).sum::<usize>(), classification.people.len());
    assert!(overview.people_levels.iter().any(|c| c.level == Level::Excellent && c.proposed > 0), "the demo proposes some excellent");
    assert_eq!(overview.collective_levels.iter().map(|c| c.proposed as usize).sum::<usize>(), classification.collectives.len());

    // Products: each month's product list, as the Sản phẩm screen and its export read it.
    for month in &overview.products {
        let filter = ProductFilter { year: DEMO_YEAR, period: Some(Period::Month(month.month)), unit_code: None, person_id: None };
        let listed = office.product_list(&session, &filter, Lang::Vi).unwrap();
        assert_eq!(month.planned as usize, listed.len(), "month {}", month.month);
        assert_eq!(month.appraised as usize, listed.iter().filter(|l| l.product.assessment.is_some()).count(), "month {}", month.month);
    }
    assert!(overview.products.iter().any(|m| m.appraised > 0));

    // Points by period: each period's sheet (the periods tab), its people scored and their mean total.
    assert!(!overview.points.is_empty(), "the demo's periods are scored");
    let periods = office.periods(&session, DEMO_YEAR, Lang::Vi).unwrap();
    assert!(periods.len() >= 12, "the demo opened its months: {}", periods.len());
    for line in periods {
        let sheet = office.period_sheet(&session, line.id, &overview.unit_code, Lang::Vi).unwrap();
        let totals: Vec<i64> = sheet.rows.iter().filter_map(|r| r.total).map(|t| (t * 100.0).round() as i64).collect();
        let shown = overview.points.iter().find(|p| p.period == line.period);
        if totals.is_empty() {
            assert!(shown.is_none(), "{}: nobody scored, no bar", line.label);
            continue;
        }
        let shown = shown.unwrap_or_else(|| panic!("{} is in the trend", line.label));
        assert_eq!(shown.scored as usize, totals.len(), "{}", line.label);
        assert_eq!(shown.mean, Some(totals.iter().sum::<i64>().div_euclid(totals.len() as i64)), "{}", line.label);
    }
    assert_eq!(overview.attention as usize, office.attention_list(&session, DEMO_YEAR, &overview.unit_code, Lang::Vi).unwrap().len());

    // The units below add up to the office (no person outside a unit below but the office's own people).
    let own = office.roster(&session).unwrap().iter().filter(|p| p.unit_code == overview.unit_code).count() as u32;
    assert_eq!(overview.below.iter().map(|u| u.people).sum::<u32>() + own, overview.people);
    for unit in &overview.below {
        let filter = TargetFilter { year: DEMO_YEAR, unit_code: Some(unit.unit_code.clone()), as_of: Some(day) };
        assert_eq!(unit.targets as usize, office.targets(&session, &filter, Lang::Vi).unwrap().len(), "{}", unit.unit_code);
        assert_eq!(unit.proposed.iter().map(|(_, n)| n).sum::<u32>(), unit.people, "{}: everyone proposed", unit.unit_code);
    }
    // A unit asked for by its code sees only itself and what is below it.
    let first = &overview.below[0];
    let alone = office.year_overview(&session, DEMO_YEAR, Some(&first.unit_code), Some(day)).unwrap();
    assert_eq!((alone.people, alone.targets_total), (first.people, first.targets));
}

/// The year's summary (issue 17) as tables, as a workbook and as the CLI prints it all come from one declaration; its
/// figures are the overview's, its totals add up, and the Excellent share stands against the rule set's quota.
#[test]
fn the_year_summary_tables_add_up_and_go_to_a_workbook_with_the_same_figures() {
    use service::figures::Figure;
    use service::year_summary::summary_tables;
    let (dir, office, session, day) = commune_demo();
    let overview = office.year_overview(&session, DEMO_YEAR, None, Some(day)).unwrap();

    // The quota: QĐ 366's 20 % of those proposed Good or better, and the share counted again from the levels.
    assert_eq!((overview.quota.percent, overview.quota.of_all_rated), (20, false));
    let count = |level: Level| overview.people_levels.iter().find(|c| c.level == level).unwrap().proposed;
    let base = count(Level::Excellent) + count(Level::Good);
    assert_eq!(overview.quota.proposed, Some((i64::from(count(Level::Excellent)) * 1_000_000 / i64::from(base) + 50) / 100));
    // A commune's agencies send no bundles: nothing about sending.
    assert!(overview.sending.is_none() && overview.below.iter().all(|u| u.sending.is_none() && u.last_received.is_none()));

    let tables = summary_tables(&overview, Lang::Vi);
    let titles: Vec<&str> = tables.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "1. Chỉ tiêu theo nhóm nhiệm vụ và tình trạng",
            "2. Xếp loại cá nhân",
            "3. Xếp loại tập thể",
            "4. Sản phẩm theo tháng",
            "5. Điểm bình quân theo kỳ đánh giá",
            "6. Các đơn vị trực thuộc",
        ]
    );
    let targets = &tables[0];
    let totals = targets.rows.last().unwrap();
    assert!(totals.total);
    assert_eq!(totals.cells[totals.cells.len() - 2], Figure::Count(overview.targets_total));
    assert_eq!(totals.cells[totals.cells.len() - 1], Figure::Percent(overview.targets_done.percent));
    for (at, _) in overview.targets[0].by_status.iter().enumerate() {
        let column: u32 = targets
            .rows
            .iter()
            .filter(|r| !r.total)
            .map(|r| match r.cells[at + 1] {
                Figure::Count(n) => n,
                _ => panic!("a count"),
            })
            .sum();
        assert_eq!(totals.cells[at + 1], Figure::Count(column), "the total row adds up its column");
    }
    assert_eq!(targets.bars().len(), overview.targets.len(), "a bar per group, none for the total");
    let people = &tables[1];
    assert!(people.note.as_deref().unwrap().contains("quy định không quá 20 %"), "{:?}", people.note);
    assert_eq!(people.rows.last().unwrap().cells[1], Figure::Count(overview.people_levels.iter().map(|c| c.proposed).sum()));
    let products = &tables[3];
    let planned: u32 = overview.products.iter().map(|m| m.planned).sum();
    assert_eq!(products.rows.last().unwrap().cells[1], Figure::Count(planned));
    assert_eq!(tables[5].rows.len(), overview.below.len());
    assert!(!tables[5].columns.iter().any(|c| c.starts_with("Số liệu")), "no sending column where nothing is sent");

    // The workbook: a sheet per table, the first sheet's figures as numbers.
    let book = dir.path().join("tong-quan.xlsx");
    assert_eq!(office.export_year_overview(&session, DEMO_YEAR, None, Some(day), &book, Lang::Vi).unwrap(), 6);
    let sheet = tabular::read_table(&book).unwrap();
    assert_eq!(sheet.rows[0].cells[0], "Nhóm nhiệm vụ");
    let last = sheet.rows.last().unwrap();
    assert_eq!(last.cells[0], "Cộng");
    assert_eq!(last.cells[last.cells.len() - 2], overview.targets_total.to_string());
    let percent = overview.targets_done.percent.unwrap();
    let written = last.cells[last.cells.len() - 1].replace(',', ".");
    assert!((written.parse::<f64>().unwrap() - percent as f64 / 100.0).abs() < 1e-9, "{written} vs {percent}");
    let mut xml = String::new();
    use std::io::Read as _;
    zip::ZipArchive::new(std::fs::File::open(&book).unwrap())
        .unwrap()
        .by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    for name in ["Chỉ tiêu", "Xếp loại cá nhân", "Xếp loại tập thể", "Sản phẩm", "Điểm theo kỳ", "Đơn vị trực thuộc"]
    {
        assert!(xml.contains(&format!("name=\"{name}\"")), "sheet {name}: {xml}");
    }
}
