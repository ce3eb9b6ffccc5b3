//! The bundle format between offices, pinned. Offices upgrade on different days, so a bundle written by one
//! release must be read by the next, and a bundle from a newer release must be refused as newer, not as damaged.
//!
//! - The records of every format version are written down under `tests/fixtures/bundles/format-v<N>.txt`. A change
//!   to a travelling table (a migration that adds a column) fails here until `exchange::bundle::CURRENT_VERSION` is
//!   raised and the new column says, in `store::exchange`, from which version it travels and what older records
//!   stand for; then the new version's file is written down (the failure says how).
//! - Bundles written by earlier versions are kept under `tests/fixtures/bundles/v<N>/` and imported here.
//! - Every travelling table is guarded by the triggers that keep another office's records read-only.

use thuocdo_service as service;

mod common;
use common::*;

use exchange::bundle::{CURRENT_VERSION, OLDEST_READABLE_VERSION};
use service::demo::{create_demo, DemoScale};
use service::NewUnit;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/bundles")
}

/// The records of format `version`: one line per travelling column, as "table column type nullable".
fn format_of(version: u32) -> String {
    let mut out = String::new();
    for table in store::EXCHANGE_TABLES {
        for column in table.columns_in(version) {
            let nullable = if column.nullable { "nullable" } else { "required" };
            out.push_str(&format!("{} {} {:?} {nullable}\n", table.name, column.name, column.ty));
        }
    }
    out
}

#[test]
fn the_records_of_every_version_are_as_written_down() {
    for version in OLDEST_READABLE_VERSION..=CURRENT_VERSION {
        let path = fixtures().join(format!("format-v{version}.txt"));
        let written = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            written == format_of(version),
            "the records of bundle format version {version} differ from {}.\n\
             A travelling table changed. If this version was released, do not change it: raise \
             exchange::bundle::CURRENT_VERSION, mark the new column with the new version and what older records stand \
             for (store::exchange), and write the new version's file. If the version is new and not yet released, \
             write its file down. Its records are now:\n{}",
            path.display(),
            format_of(version)
        );
    }
    let newest = store::EXCHANGE_TABLES.iter().flat_map(|t| t.columns.iter()).map(|c| c.since).max().unwrap();
    assert!(newest <= CURRENT_VERSION, "a column travels from version {newest}, but this program writes version {CURRENT_VERSION}");
}

#[test]
fn every_travelling_table_is_read_only_for_other_offices_records() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("province.db");
    new_province_office(&path);
    let conn = service::raw_database(&path, None, PASSWORD).unwrap();
    let names = |sql: &str| -> BTreeSet<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
    };
    let triggers = names("SELECT name FROM sqlite_master WHERE type = 'trigger'");
    // Breakthrough tasks are the one exception (migration 0010): the superior's decision changes the state of the
    // office's task where it is taken.
    for table in store::EXCHANGE_TABLES.iter().filter(|t| t.name != store::BREAKTHROUGH_TASKS.name) {
        for action in ["update", "delete"] {
            let trigger = format!("{}_foreign_{action}", table.name);
            assert!(triggers.contains(&trigger), "{} has no trigger {trigger}: another office's records could be changed here", table.name);
        }
    }
    // Every table that holds records owned by a unit travels, or is one of the office's own.
    let owned =
        names("SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE m.type = 'table' AND c.name = 'owner_unit'");
    let travelling: BTreeSet<String> = store::EXCHANGE_TABLES.iter().map(|t| t.name.to_string()).collect();
    let untravelled: Vec<&String> = owned.difference(&travelling).collect();
    assert_eq!(untravelled, Vec::<&String>::new(), "tables with owned records that no bundle carries");
}

/// A bundle of an earlier format version kept under `tests/fixtures/bundles/v<N>/`, with what its sender exported.
struct Fixture {
    expected: serde_json::Value,
    dir: PathBuf,
}

impl Fixture {
    fn of(version: u32) -> Fixture {
        let dir = fixtures().join(format!("v{version}"));
        let expected = serde_json::from_slice(&std::fs::read(dir.join("expected.json")).unwrap()).unwrap();
        Fixture { expected, dir }
    }

    fn bytes(&self, name: &str) -> Vec<u8> {
        let bytes = std::fs::read(self.dir.join(name)).unwrap();
        let opened = exchange::bundle::UnverifiedBundle::open(&bytes, &exchange::bundle::Limits::default()).unwrap();
        assert!(opened.claimed().version < CURRENT_VERSION, "{name} was written by an earlier version");
        bytes
    }

    fn text(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.join(name)).unwrap()
    }

    fn counts(&self, direction: &str) -> Vec<(String, usize)> {
        let counts = self.expected[direction]["counts"].as_object().unwrap();
        counts.iter().map(|(kind, n)| (kind.clone(), n.as_u64().unwrap() as usize)).filter(|(kind, _)| kind != "receipts").collect()
    }
}

/// The whole year a commune sent with format `version` is read at the province, every record of every kind.
fn a_communes_year_is_read_whole(version: u32) {
    let fixture = Fixture::of(version);
    let commune = fixture.expected["commune"].as_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("province.db");
    new_province_office(&path);
    let mut province = Side::open(&path);
    for (code, name) in [(commune, "Xã gửi bản dữ liệu cũ"), (SIBLING, "Xã Bên Cạnh")] {
        let unit = NewUnit { code: code.into(), name: name.into(), level: "commune".into(), parent_code: PROVINCE.into() };
        province.office.add_unit(&province.session, &unit).unwrap();
    }
    let fingerprint = fixture.expected["commune_fingerprint"].as_str().unwrap();
    province.office.enrol_key(&province.session, &fixture.text("commune.pub"), commune, fingerprint).expect("the commune's key");

    let name = fixture.expected["up"]["file_name"].as_str().unwrap();
    let imported = province.import(name, &fixture.bytes("commune-up.tdb")).expect("an earlier version's bundle is imported");
    assert!(imported.applied);
    assert_eq!(imported.conflict_count, 0, "{:?}", imported.conflicts);
    for (kind, count) in fixture.counts("up") {
        assert_eq!(total(&imported, &kind), count, "{kind}");
    }
    // The province has no people of its own: its roster is the commune's.
    let people = province.office.roster(&province.session).unwrap();
    assert_eq!(people.len() as u64, fixture.expected["up"]["counts"]["people"].as_u64().unwrap());
    if version == 1 {
        assert!(people.iter().all(|p| !p.birth_year_only), "a person of a version-1 record has a full birth date");
    }
    assert!(people.iter().all(|p| p.ethnicity.is_none()), "a person of a record before version 3 has no ethnicity recorded");
}

#[test]
fn a_communes_year_written_by_format_1_is_read_whole() {
    a_communes_year_is_read_whole(1);
}

#[test]
fn a_communes_year_written_by_format_2_is_read_whole() {
    a_communes_year_is_read_whole(2);
}

/// The targets a province sent down with format `version` arrive at the commune.
fn targets_sent_down_are_read_whole(version: u32) {
    let fixture = Fixture::of(version);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("commune.db");
    create_demo(&path, DemoScale::Commune, COMMUNE_SEED, Some(PASSWORD)).unwrap();
    let mut commune = Side::open(&path);
    assert_eq!(commune.code(), fixture.expected["commune"].as_str().unwrap(), "the fixture's commune is the demo's");
    let fingerprint = fixture.expected["province_fingerprint"].as_str().unwrap();
    commune.office.enrol_key(&commune.session, &fixture.text("province.pub"), PROVINCE, fingerprint).expect("the province's key");

    let name = fixture.expected["down"]["file_name"].as_str().unwrap();
    let imported = commune.import(name, &fixture.bytes("province-down.tdb")).expect("an earlier version's bundle is imported");
    assert!(imported.applied);
    for (kind, count) in fixture.counts("down") {
        assert_eq!(total(&imported, &kind), count, "{kind}");
    }
    let targets = commune.targets(&commune.code());
    assert!(targets.iter().any(|t| t.code == "TR-1.1" && t.parent_ref.as_deref() == Some("SL/TR-1")), "the assigned target arrived");
}

#[test]
fn targets_sent_down_by_format_1_are_read_whole() {
    targets_sent_down_are_read_whole(1);
}

#[test]
fn targets_sent_down_by_format_2_are_read_whole() {
    targets_sent_down_are_read_whole(2);
}

#[test]
fn a_birth_year_alone_travels_as_a_year_in_the_current_version() {
    let mut p = pair(true);
    let code = p.commune.code();
    let input = service::roster::PersonInput {
        full_name: "Lò Văn Pấng".into(),
        birth_date: "1968".into(),
        gender: "Nam".into(),
        ethnicity: String::new(),
        unit_code: code.clone(),
        ..Default::default()
    };
    p.commune.office.add_person(&p.commune.session, &input).expect("a person known by the year of birth");
    let (receipt, bytes) = p.export_up();
    let opened = exchange::bundle::UnverifiedBundle::open(&bytes, &exchange::bundle::Limits::default()).unwrap();
    assert_eq!(opened.claimed().version, CURRENT_VERSION);
    p.province.import(&receipt.file_name, &bytes).expect("imported");
    let roster = p.province.office.roster(&p.province.session).unwrap();
    let pang = roster.iter().find(|person| person.full_name == "Lò Văn Pấng").expect("the person arrived");
    assert!(pang.birth_year_only, "the province sees the year alone, not 01/01/1968");
    assert!(roster.iter().filter(|person| person.full_name != "Lò Văn Pấng").all(|person| !person.birth_year_only));
}

#[test]
fn an_ethnicity_travels_to_the_province_in_the_current_version() {
    let mut p = pair(true);
    let code = p.commune.code();
    let input = service::roster::PersonInput {
        full_name: "Hoàng Thị Mai".into(),
        birth_date: "12/03/1990".into(),
        gender: "Nữ".into(),
        ethnicity: "dân tộc Tày".into(),
        unit_code: code.clone(),
        ..Default::default()
    };
    p.commune.office.add_person(&p.commune.session, &input).expect("a person of the Tày");
    let (receipt, bytes) = p.export_up();
    p.province.import(&receipt.file_name, &bytes).expect("imported");
    let roster = p.province.office.roster(&p.province.session).unwrap();
    let mai = roster.iter().find(|person| person.full_name == "Hoàng Thị Mai").expect("the person arrived");
    assert_eq!(mai.ethnicity.as_deref(), Some("Tày"));
    // The province counts the commune's people by what they sent.
    let here = p.commune.office.personnel_statistics(&p.commune.session, None, None).unwrap();
    let there = p.province.office.personnel_statistics(&p.province.session, Some(&code), None).unwrap();
    assert_eq!(there.unit.statistics.ethnicity, here.unit.statistics.ethnicity);
    assert_eq!(there.unit.statistics.ethnic_minority, here.unit.statistics.ethnic_minority);
}

#[test]
fn a_merger_travels_to_the_province_in_the_current_version() {
    let mut p = pair(true);
    let (first, first_bytes) = p.export_up();
    p.province.import(&first.file_name, &first_bytes).unwrap();
    let units = p.commune.office.units(&p.commune.session, domain::Lang::Vi).unwrap();
    let agencies: Vec<_> = units.iter().filter(|u| u.level == "agency" && u.headcount > 0).collect();
    let (merged, into) = (agencies[0].clone(), agencies[1].clone());
    let on = chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
    p.commune.office.merge_units(&p.commune.session, std::slice::from_ref(&merged.code), &into.code, Some(on)).unwrap();

    let (second, bytes) = p.export_up();
    let imported = p.province.import(&second.file_name, &bytes).expect("the merger is imported");
    assert_eq!(imported.conflict_count, 0, "{:?}", imported.conflicts);
    let at_province = p.province.office.units(&p.province.session, domain::Lang::Vi).unwrap();
    let closed = at_province.iter().find(|u| u.code == merged.code).unwrap();
    assert_eq!((closed.ended_on, closed.merged_into_name.as_deref()), (Some(on), Some(into.name.as_str())));
    assert_eq!(closed.headcount, 0);
    let receiving = at_province.iter().find(|u| u.code == into.code).unwrap();
    assert_eq!(receiving.headcount, merged.headcount + into.headcount, "the people moved at the province too");
}
