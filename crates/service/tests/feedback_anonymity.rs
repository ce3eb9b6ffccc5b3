//! Issue 15: anonymous feedback stays anonymous in the file. Twenty raters rate one cadre with twenty different
//! scores; then every means the database file offers is tried to link a rater to a score — any row or column of any
//! table holding a single score, the order rows were written in (rowids, the participation table against anything
//! else), times, revisions, the audit log, the write-ahead log — and each fails.

use thuocdo_service as service;

mod common;

use common::PASSWORD;
use service::demo::{create_demo, DemoScale, DEMO_YEAR};
use service::Office;
use std::collections::HashSet;

#[test]
fn no_means_the_file_offers_links_a_rater_to_a_score() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("office.db");
    create_demo(&path, DemoScale::Commune, 11, Some(PASSWORD)).unwrap();
    let (mut office, session) = Office::unlock(&path, None, PASSWORD).unwrap();
    let roster = office.roster(&session).unwrap();
    let rated = roster[0].person_id;
    let raters: Vec<_> = roster.iter().skip(1).take(20).map(|p| p.person_id).collect();
    assert_eq!(raters.len(), 20);
    // Twenty different scores, 61 to 99 in odd steps, given in a scrambled order.
    let scores: Vec<i64> = (0..20).map(|i| 61 + 2 * ((i * 7) % 20)).collect();
    assert_eq!(scores.iter().collect::<HashSet<_>>().len(), 20);
    for (rater, score) in raters.iter().zip(&scores) {
        office.give_feedback(&session, DEMO_YEAR, rated, *rater, "peers", &score.to_string()).unwrap();
    }
    let summary = office.feedback_summary(&session, DEMO_YEAR, rated).unwrap();
    let peers = summary.groups.iter().find(|g| g.code == "peers").unwrap();
    let mean = scores.iter().sum::<i64>() as f64 / 20.0;
    assert_eq!((peers.raters, peers.mean), (20, Some(mean)), "the result is still there");

    // The write-ahead log was folded into the file after the last rating: no page from before it is left beside.
    let wal = std::fs::metadata(format!("{}-wal", path.display())).map(|m| m.len()).unwrap_or(0);
    assert_eq!(wal, 0, "the write-ahead log is empty");
    drop(office);

    // Read with the key, as an insider could (without it, nothing of the file is readable at all).
    let conn = service::raw_database(&path, None, PASSWORD).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let single_scores: HashSet<i64> = scores.iter().map(|s| s * 100).collect();
    let rater_ids: HashSet<String> = raters.iter().map(|r| r.to_string()).collect();
    for table in &tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let values: Vec<rusqlite::types::Value> = (0..columns).map(|i| row.get(i).unwrap()).collect();
            let names_a_rater = values.iter().any(|v| matches!(v, rusqlite::types::Value::Text(t) if rater_ids.contains(t)));
            let rating_row = values.iter().any(|v| matches!(v, rusqlite::types::Value::Text(t) if *t == rated.to_string()));
            // No feedback row holds a single score of this cadre (in hundredths, as scores are kept). Other tables
            // hold the cadre's own figures (revisions, quantities, criteria points), which may equal a score by chance.
            if rating_row && table.starts_with("feedback") {
                for v in &values {
                    if let rusqlite::types::Value::Integer(n) = v {
                        assert!(!single_scores.contains(n), "{table} holds a single score {n}: {values:?}");
                    }
                }
            }
            // Only the participation list names raters, and it holds nothing else: no score, time or revision.
            if names_a_rater && rating_row {
                assert_eq!(table, "feedback_participation", "{table} names a rater of this cadre: {values:?}");
                assert_eq!(values.len(), 3, "year, rated, rater only");
            }
        }
    }
    // No other table has a column for raters or their scores.
    for table in tables.iter().filter(|t| !t.starts_with("feedback")) {
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert!(columns.iter().all(|c| !c.contains("rater")), "{table}: {columns:?}");
    }
    // The totals are one row per group: the only score data, with the count and the sum.
    let (count, sum): (i64, i64) = conn
        .query_row(
            "SELECT raters, points_sum FROM feedback_totals WHERE rated_id = ?1 AND rater_group = 'peers'",
            [rated.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((count, sum), (20, scores.iter().sum::<i64>() * 100));
    // Neither table has rowids whose order could be matched (WITHOUT ROWID), and the audit log says nothing of it.
    assert!(conn.prepare("SELECT rowid FROM feedback_participation").is_err());
    assert!(conn.prepare("SELECT rowid FROM feedback_totals").is_err());
    let audit: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action LIKE 'feedback%' OR detail LIKE '%' || ?1 || '%'",
            [raters[0].to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audit, 0);
}
