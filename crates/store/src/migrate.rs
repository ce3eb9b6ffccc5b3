//! Schema migrations: ordered SQL files embedded in the binary, applied in one transaction, the version kept
//! in `PRAGMA user_version`, and a copy of the database taken before an existing one is changed.

use crate::cipher::{DatabaseKey, FileKind};
use crate::error::{Result, StoreError};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_foundation.sql"),
    include_str!("../migrations/0002_measured_work.sql"),
    include_str!("../migrations/0003_evaluation.sql"),
    include_str!("../migrations/0004_print_settings.sql"),
    include_str!("../migrations/0005_exchange.sql"),
    include_str!("../migrations/0006_relay.sql"),
    include_str!("../migrations/0007_bundle_periods.sql"),
    include_str!("../migrations/0008_receipts_keys_approvals.sql"),
    include_str!("../migrations/0009_people_identity_per_owner.sql"),
    include_str!("../migrations/0010_foreign_records_read_only.sql"),
    include_str!("../migrations/0011_products_as_unit_of_evaluation.sql"),
    include_str!("../migrations/0012_committee_steps.sql"),
    include_str!("../migrations/0013_loadable_rule_sets.sql"),
    include_str!("../migrations/0014_product_kind_catalogue.sql"),
    include_str!("../migrations/0015_scoring_reads.sql"),
    include_str!("../migrations/0016_users_roles_and_office_secret.sql"),
    include_str!("../migrations/0017_audit_chain.sql"),
    include_str!("../migrations/0018_feedback_totals_only.sql"),
    include_str!("../migrations/0019_automatic_backup.sql"),
    include_str!("../migrations/0020_demo_marker.sql"),
    include_str!("../migrations/0021_print_folder.sql"),
    include_str!("../migrations/0022_birth_year_only.sql"),
    include_str!("../migrations/0023_unit_closure.sql"),
    include_str!("../migrations/0024_ethnicity.sql"),
];

/// The migration that makes the audit log a hash chain; the entries before it are sealed as it runs.
const AUDIT_CHAIN_VERSION: usize = 17;

/// The schema version this program writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Marks the file as ours ("TĐ" in ASCII hex), so a stranger's SQLite file is refused, not migrated.
pub(crate) const APPLICATION_ID: i64 = 0x5444_5448;

pub(crate) fn open_and_migrate(path: &Path, key: Option<&DatabaseKey>) -> Result<Connection> {
    let found = if path.exists() {
        peek_version(path, key)?
    } else {
        crate::private::create_private(path)?;
        0
    };
    let conn = Connection::open(path)?;
    crate::cipher::apply_key(&conn, key)?;
    // The copy is taken before anything touches the old file, WAL switch included.
    if found > 0 && found < SCHEMA_VERSION {
        backup_before_migration(&conn, path, found)?;
    }
    crate::configure(&conn)?;
    if found < SCHEMA_VERSION {
        apply(&conn)?;
    }
    crate::private::restrict_database(path);
    Ok(conn)
}

/// Reads the version through a read-only connection, so that a database we must refuse stays byte-identical.
/// A file SQLite cannot read is "not ours" only when that is what SQLite says: a full disk or a file that cannot
/// be read is reported as what it is.
fn peek_version(path: &Path, key: Option<&DatabaseKey>) -> Result<i64> {
    let kind = crate::cipher::file_kind(path)?;
    let not_ours = |error: rusqlite::Error| match (error.sqlite_error_code(), kind, key) {
        (Some(rusqlite::ErrorCode::NotADatabase), FileKind::Encrypted, Some(_)) => StoreError::WrongKey(path.to_path_buf()),
        (Some(rusqlite::ErrorCode::NotADatabase) | None, ..) => StoreError::NotADatabase(path.to_path_buf()),
        _ => StoreError::from(error),
    };
    if kind == FileKind::Absent {
        return Ok(0);
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    crate::cipher::apply_key(&conn, key)?;
    let header = |pragma: &str| conn.query_row(pragma, [], |row| row.get::<_, i64>(0));
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get(0)).map_err(not_ours)?;
    let version = header("PRAGMA user_version").map_err(not_ours)?;
    let application_id = header("PRAGMA application_id").map_err(not_ours)?;
    match (version, application_id) {
        (0, 0) if tables == 0 => Ok(0),
        (v, APPLICATION_ID) if v > SCHEMA_VERSION => Err(StoreError::NewerSchema { found: v, supported: SCHEMA_VERSION }),
        (v, APPLICATION_ID) => Ok(v),
        _ => Err(StoreError::NotADatabase(path.to_path_buf())),
    }
}

fn backup_before_migration(conn: &Connection, path: &Path, version: i64) -> Result<PathBuf> {
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "thuocdo.db".into());
    let backup = path.with_file_name(format!("{file_name}.v{version}-{stamp}.bak"));
    crate::private::create_private(&backup).map_err(|e| StoreError::BackupFailed(e.to_string()))?;
    conn.execute("VACUUM INTO ?1", [backup.to_string_lossy()]).map_err(|e| StoreError::BackupFailed(e.to_string()))?;
    crate::private::restrict(&backup);
    Ok(backup)
}

fn apply(conn: &Connection) -> Result<()> {
    // IMMEDIATE, and the version read again inside: the window and a command opening an old database at the
    // same moment must not both migrate it.
    let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
    let from: i64 = tx.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        tx.execute_batch(sql)?;
        if index + 1 == AUDIT_CHAIN_VERSION {
            crate::audit::seal_unsealed(&tx)?;
        }
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_database_gets_the_latest_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("office.db");
        let conn = open_and_migrate(&path, None).unwrap();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let fk: i64 = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
        assert_eq!(fk, 1);
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
    }

    #[test]
    fn reopening_does_not_migrate_or_back_up_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("office.db");
        drop(open_and_migrate(&path, None).unwrap());
        drop(open_and_migrate(&path, None).unwrap());
        let backups =
            std::fs::read_dir(dir.path()).unwrap().filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".bak")).count();
        assert_eq!(backups, 0);
    }

    #[test]
    fn a_newer_database_is_refused_and_left_byte_identical() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("office.db");
        {
            let conn = open_and_migrate(&path, None).unwrap();
            conn.pragma_update(None, "user_version", SCHEMA_VERSION + 7).unwrap();
            conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        match open_and_migrate(&path, None) {
            Err(StoreError::NewerSchema { found, supported }) => assert_eq!((found, supported), (SCHEMA_VERSION + 7, SCHEMA_VERSION)),
            other => panic!("expected NewerSchema, got {:?}", other.map(|_| ())),
        }
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_file_that_is_not_ours_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("notes.db");
        std::fs::write(&text, "Biên bản hội nghị").unwrap();
        assert!(matches!(open_and_migrate(&text, None), Err(StoreError::NotADatabase(_))));
        assert_eq!(std::fs::read_to_string(&text).unwrap(), "Biên bản hội nghị");

        let foreign = dir.path().join("foreign.db");
        Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE t(x)").unwrap();
        assert!(matches!(open_and_migrate(&foreign, None), Err(StoreError::NotADatabase(_))));
    }

    #[test]
    fn the_backup_before_migration_is_a_full_copy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("office.db");
        let conn = open_and_migrate(&path, None).unwrap();
        conn.execute("INSERT INTO audit_log (at, username, action, detail) VALUES ('t', 'admin', 'test', 'trước khi nâng cấp')", [])
            .unwrap();
        let backup = backup_before_migration(&conn, &path, 1).unwrap();
        assert!(backup.file_name().unwrap().to_string_lossy().starts_with("office.db.v1-"));
        let copy = Connection::open(&backup).unwrap();
        let detail: String = copy.query_row("SELECT detail FROM audit_log", [], |r| r.get(0)).unwrap();
        assert_eq!(detail, "trước khi nâng cấp");
    }

    #[test]
    fn single_feedback_scores_become_totals_and_leave_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("office.db");
        {
            let conn = Connection::open(&path).unwrap();
            for sql in &MIGRATIONS[..17] {
                conn.execute_batch(sql).unwrap();
            }
            conn.pragma_update(None, "user_version", 17).unwrap();
            conn.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
            conn.execute_batch(
                "INSERT INTO units (id, code, name, name_folded, level, owner_unit, revision, created_at, updated_at)
                     VALUES ('u', 'XA', 'Xã', 'xa', 'commune', 'u', 1, 't', 't');
                 INSERT INTO people (id, full_name, name_folded, sort_key, birth_date, gender, party_member, unit_id, owner_unit,
                                     revision, created_at, updated_at)
                     VALUES ('p', 'Người được đánh giá', 'nguoi duoc danh gia', x'00', '1980-01-01', 'male', 1, 'u', 'u', 2, 't', 't');",
            )
            .unwrap();
            for (key, group, points) in [("a", "peers", 9100), ("b", "peers", 4700), ("c", "staff", 7300)] {
                conn.execute(
                    "INSERT INTO feedback_scores (key, year, rated_id, rater_group, points) VALUES (?1, 2026, 'p', ?2, ?3)",
                    rusqlite::params![key, group, points],
                )
                .unwrap();
            }
        }
        let conn = open_and_migrate(&path, None).unwrap();
        let totals: Vec<(String, i64, i64)> = conn
            .prepare("SELECT rater_group, raters, points_sum FROM feedback_totals ORDER BY rater_group")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(totals, [("peers".to_string(), 2, 13800), ("staff".to_string(), 1, 7300)]);
        assert!(conn.prepare("SELECT * FROM feedback_scores").is_err());
    }

    #[test]
    fn a_foundation_database_gains_measured_work_and_keeps_its_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("office.db");
        {
            // A database as the first release wrote it: schema 1 only.
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(MIGRATIONS[0]).unwrap();
            conn.pragma_update(None, "user_version", 1).unwrap();
            conn.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
            conn.execute("INSERT INTO audit_log (at, username, action, detail) VALUES ('t', 'admin', 'test', 'dữ liệu cũ')", []).unwrap();
            // Ids with a gap, as an old log may have them: sealing numbers them again.
            conn.execute("INSERT INTO audit_log (id, at, username, action, detail) VALUES (7, 't', 'admin', 'test', 'mục sau')", [])
                .unwrap();
            conn.execute("INSERT INTO users (id, username, role, password_hash, created_at) VALUES ('u', 'canbo', 'staff', 'h', 't')", [])
                .unwrap();
        }
        let conn = open_and_migrate(&path, None).unwrap();
        let chain = crate::Reader { conn: &conn }.check_audit_chain().unwrap();
        assert_eq!((chain.entries, chain.first_break), (2, None), "the old entries are sealed into the chain");
        let role: String = conn.query_row("SELECT role FROM users WHERE username = 'canbo'", [], |r| r.get(0)).unwrap();
        assert_eq!(role, "organisation", "the old staff role is organisation staff now");
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let kept: String = conn.query_row("SELECT detail FROM audit_log WHERE id = 1", [], |r| r.get(0)).unwrap();
        assert_eq!(kept, "dữ liệu cũ");
        let groups: i64 = conn.query_row("SELECT count(*) FROM task_groups", [], |r| r.get(0)).unwrap();
        assert_eq!(groups, 4);
        let backups =
            std::fs::read_dir(dir.path()).unwrap().filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().contains(".v1-")).count();
        assert_eq!(backups, 1, "a copy of the schema-1 database was kept before migrating");
    }

    #[test]
    fn an_evaluation_database_gains_print_settings_and_keeps_its_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("office.db");
        {
            // A database as the evaluation release wrote it: schemas 1 to 3.
            let conn = Connection::open(&path).unwrap();
            for sql in &MIGRATIONS[..3] {
                conn.execute_batch(sql).unwrap();
            }
            conn.pragma_update(None, "user_version", 3).unwrap();
            conn.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
            conn.execute("INSERT INTO ruleset_choices (group_code, ruleset_code) VALUES ('*', 'qd366')", []).unwrap();
        }
        let conn = open_and_migrate(&path, None).unwrap();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let kept: String = conn.query_row("SELECT ruleset_code FROM ruleset_choices", [], |r| r.get(0)).unwrap();
        assert_eq!(kept, "qd366");
        let settings: i64 = conn.query_row("SELECT count(*) FROM print_settings", [], |r| r.get(0)).unwrap();
        assert_eq!(settings, 0, "no settings until the office saves some: the defaults come from its unit");
        let backups =
            std::fs::read_dir(dir.path()).unwrap().filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().contains(".v3-")).count();
        assert_eq!(backups, 1, "a copy of the schema-3 database was kept before migrating");
    }

    #[test]
    fn a_print_settings_database_gains_exchange_and_keeps_its_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("office.db");
        let (owner, other) = ("0190f6c2-0000-7000-8000-0000000000aa", "0190f6c2-0000-7000-8000-0000000000bb");
        {
            // A database as the printing release wrote it: schemas 1 to 4, with a period and an assessment in it.
            let conn = Connection::open(&path).unwrap();
            for sql in &MIGRATIONS[..4] {
                conn.execute_batch(sql).unwrap();
            }
            conn.pragma_update(None, "user_version", 4).unwrap();
            conn.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
            conn.execute_batch(&format!(
                "INSERT INTO units (id, code, name, name_folded, level, owner_unit, revision, created_at, updated_at)
                     VALUES ('{owner}', 'XA', 'Xã', 'xa', 'commune', '{owner}', 1, 't', 't');
                 INSERT INTO people (id, full_name, name_folded, sort_key, birth_date, gender, party_member, unit_id, owner_unit, revision,
                     created_at, updated_at) VALUES ('p1', 'A', 'a', x'00', '1980-01-01', 'male', 1, '{owner}', '{owner}', 2, 't', 't');
                 INSERT INTO evaluation_periods (id, owner_unit, revision, created_at, updated_at, year, kind, idx, closed_at, closed_by)
                     VALUES ('e1', '{owner}', 3, 't', 't', 2025, 'month', 1, 'c', 'admin');
                 INSERT INTO period_assessments (id, owner_unit, revision, created_at, updated_at, period_id, person_id, task_points)
                     VALUES ('a1', '{owner}', 4, 't', 't', 'e1', 'p1', 750);"
            ))
            .unwrap();
        }
        let conn = open_and_migrate(&path, None).unwrap();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let kept: (String, String, i64) = conn
            .query_row(
                "SELECT p.closed_by, a.id, a.task_points FROM period_assessments a JOIN evaluation_periods p ON p.id = a.period_id",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(kept, ("admin".to_string(), "a1".to_string(), 750));
        let assessments: String =
            conn.query_row("SELECT sql FROM sqlite_master WHERE name = 'period_assessments'", [], |r| r.get(0)).unwrap();
        assert!(assessments.contains("REFERENCES evaluation_periods(id)"), "{assessments}");
        let leftovers: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_master WHERE name = 'evaluation_periods_copy'", [], |r| r.get(0)).unwrap();
        assert_eq!(leftovers, 0);
        let violations: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
        assert_eq!(violations, 0);
        // The same month of another office's periods sits beside this one; the same office's twice does not.
        conn.execute(&format!("INSERT INTO evaluation_periods VALUES ('e2', '{other}', 5, 't', 't', 2025, 'month', 1, NULL, NULL)"), [])
            .unwrap();
        assert!(conn
            .execute(&format!("INSERT INTO evaluation_periods VALUES ('e3', '{owner}', 6, 't', 't', 2025, 'month', 1, NULL, NULL)"), [])
            .is_err());
        assert!(conn.execute("INSERT INTO period_assessments (id, owner_unit, revision, created_at, updated_at, period_id, person_id) VALUES ('a2', 'x', 7, 't', 't', 'nope', 'p1')", []).is_err(), "the reference to periods is still enforced");
        for table in ["enrolled_keys", "bundle_chain", "bundle_log", "exchange_aliases"] {
            let rows: i64 = conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap();
            assert_eq!(rows, 0, "{table}");
        }
        let backups =
            std::fs::read_dir(dir.path()).unwrap().filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().contains(".v4-")).count();
        assert_eq!(backups, 1, "a copy of the schema-4 database was kept before migrating");
    }

    #[test]
    fn an_exchange_database_gains_the_relay_store_and_keeps_its_chains() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("office.db");
        {
            // A database as the exchange release wrote it: schemas 1 to 5, with an accepted bundle in its chain.
            let conn = Connection::open(&path).unwrap();
            for sql in &MIGRATIONS[..5] {
                conn.execute_batch(sql).unwrap();
            }
            conn.pragma_update(None, "user_version", 5).unwrap();
            conn.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
            conn.execute_batch(
                "INSERT INTO bundle_chain (source_unit, destination_unit, last_sequence, last_manifest_sha256, last_revision, updated_at)
                     VALUES ('XA-A', 'HUYEN', 3, 'abc', 0, 't');",
            )
            .unwrap();
        }
        let conn = open_and_migrate(&path, None).unwrap();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let kept: i64 = conn.query_row("SELECT last_sequence FROM bundle_chain WHERE source_unit = 'XA-A'", [], |r| r.get(0)).unwrap();
        assert_eq!(kept, 3);
        for table in ["received_bundles", "relay_forwarded"] {
            let rows: i64 = conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap();
            assert_eq!(rows, 0, "{table}");
        }
        conn.execute("INSERT INTO received_bundles VALUES ('XA-A', 1, 'abc', 'XA-A-HUYEN-000001.tdb', x'504b0304', 't')", []).unwrap();
        assert!(
            conn.execute("INSERT INTO relay_forwarded VALUES ('XA-A', 2, 'SL', 1, 't')", []).is_err(),
            "only a kept bundle can be marked forwarded"
        );
        let backups =
            std::fs::read_dir(dir.path()).unwrap().filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().contains(".v5-")).count();
        assert_eq!(backups, 1, "a copy of the schema-5 database was kept before migrating");
    }

    #[test]
    fn an_office_s_rule_set_choices_become_its_own_travelling_records() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("office.db");
        let unit = "0193a5b0-7e1c-7000-8000-00000000abcd";
        {
            // Schemas 1 to 12: an office with two choices and a revision clock at 40.
            let conn = Connection::open(&path).unwrap();
            for sql in &MIGRATIONS[..12] {
                conn.execute_batch(sql).unwrap();
            }
            conn.pragma_update(None, "user_version", 12).unwrap();
            conn.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
            conn.execute_batch(&format!(
                "INSERT INTO units (id, code, name, name_folded, level, parent_id, owner_unit, revision, created_at, updated_at)
                     VALUES ('{unit}', 'XA-A', 'Xã A', 'xa a', 'commune', NULL, '{unit}', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
                 INSERT INTO office (singleton, unit_id, superior_code, key_id, public_key, secret_key_wrapped, created_at)
                     VALUES (1, '{unit}', 'SL', 'k', 'p', 's', '2026-01-01T00:00:00.000Z');
                 UPDATE revision_clock SET last = 40;
                 INSERT INTO ruleset_choices (group_code, ruleset_code) VALUES ('*', 'hanoi-qd3814-2018'), ('bi_thu_xa', 'qd366-nd335-2025');"
            ))
            .unwrap();
        }
        let conn = open_and_migrate(&path, None).unwrap();
        let mut stmt =
            conn.prepare("SELECT id, owner_unit, revision, group_code, ruleset_code FROM ruleset_choices ORDER BY revision").unwrap();
        let rows: Vec<(String, String, i64, String, String)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))).unwrap().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), 2);
        for (id, owner, revision, _, _) in &rows {
            let parsed = uuid::Uuid::parse_str(id).expect("a UUID");
            assert_eq!(&parsed.to_string(), id, "canonical form, as the exchange compares ids");
            assert!(id.starts_with(&unit[..24]), "{id}");
            assert_eq!(owner, unit);
            assert!(*revision > 40, "taken after the clock: the choices travel in the next bundle");
        }
        assert_ne!(rows[0].0, rows[1].0);
        assert_eq!((rows[0].3.as_str(), rows[0].4.as_str()), ("*", "hanoi-qd3814-2018"));
        let clock: i64 = conn.query_row("SELECT last FROM revision_clock", [], |r| r.get(0)).unwrap();
        assert!(clock >= rows[1].2, "the clock moved past the revisions given");
    }

    #[test]
    fn a_relay_database_gains_bundle_periods_and_keeps_its_log() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("office.db");
        {
            // Schemas 1 to 6, with one accepted bundle in the log.
            let conn = Connection::open(&path).unwrap();
            for sql in &MIGRATIONS[..6] {
                conn.execute_batch(sql).unwrap();
            }
            conn.pragma_update(None, "user_version", 6).unwrap();
            conn.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
            conn.execute_batch(
                "INSERT INTO bundle_log (direction, file_name, source_unit, destination_unit, sequence, outcome, at)
                     VALUES ('in', 'XA-A-SL-000001.tdb', 'XA-A', 'SL', 1, 'accepted', '2026-01-05T00:00:00Z');",
            )
            .unwrap();
        }
        let conn = open_and_migrate(&path, None).unwrap();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let (file, periods): (String, Option<String>) =
            conn.query_row("SELECT file_name, periods FROM bundle_log", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        assert_eq!((file.as_str(), periods), ("XA-A-SL-000001.tdb", None), "an old row covers no period");
        let backups =
            std::fs::read_dir(dir.path()).unwrap().filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().contains(".v6-")).count();
        assert_eq!(backups, 1, "a copy of the schema-6 database was kept before migrating");
    }
}
