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

#[test]
fn the_commune_demo_at_a_glance_agrees_with_the_lists_it_sums_up() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("xa.db");
    create_demo(&path, DemoScale::Commune, 5, None).unwrap();
    let (office, session) = Office::unlock(&path, None, DEMO_PASSWORD).unwrap();
    let day = NaiveDate::from_ymd_opt(DEMO_YEAR, 12, 31).unwrap();
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
