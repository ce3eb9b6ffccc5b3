//! Signed bundles are not trusted input (issue 15): a commune's own, correctly signed bundle may say only what a
//! commune may say. Each test takes the commune's real year, changes one thing the way a hostile or broken sender
//! would, signs it again with the commune's own key, and checks that the province refuses the whole bundle with
//! nothing written and the refusal logged — and, where it matters, that the genuine data still goes through.

use thuocdo_service as service;

mod common;
use common::*;

use serde_json::Value;
use service::demo::DEMO_YEAR;
use service::exchange::ApprovalInput;
use service::Lang;
use uuid::Uuid;

/// The commune's year with `edit` applied to its records, signed again by the commune. The year is exported once
/// per pair (a second export carries only what changed since) and kept in `year`.
fn forged_year(p: &mut Pair, edit: impl FnOnce(&mut std::collections::BTreeMap<String, Vec<Value>>)) -> Vec<u8> {
    let path = p.dir.path().join("year.tdb");
    if !path.exists() {
        let (_, bytes) = p.export_up();
        std::fs::write(&path, bytes).unwrap();
    }
    let bytes = std::fs::read(&path).unwrap();
    let key = p.commune.key_pair();
    rebuilt(&bytes, &key, |_, records| edit(records))
}

/// The refusal's Vietnamese message, after checking it is a bad record refused with nothing written.
fn refused_record(p: &mut Pair, name: &str, bytes: &[u8]) -> String {
    refused(p, name, bytes, "exchange.bundle_bad_record");
    p.province.import(name, bytes).unwrap_err().message(Lang::Vi)
}

#[test]
fn a_commune_cannot_approve_its_own_year_in_its_superiors_name() {
    let mut p = pair(true);
    let commune_id = p.commune.office.units(&p.commune.session, Lang::Vi).unwrap()[0].id.to_string();
    let forged = forged_year(&mut p, |records| {
        let now = "2026-12-20T08:00:00Z";
        let approval = serde_json::json!({
            "id": Uuid::now_v7().to_string(), "owner_unit": commune_id, "revision": 1, "created_at": now, "updated_at": now,
            "unit_id": commune_id, "year": DEMO_YEAR, "decision": "Quyết định số 99-QĐ/TU", "collective_level": "excellent",
            "approved_by": "tinh-uy", "approved_on": "2026-12-20",
        });
        records.insert("period_approvals".into(), vec![approval]);
    });
    let message = refused_record(&mut p, "forged-approval.tdb", &forged);
    assert!(message.contains("period_approvals") && message.contains("cấp trên"), "{message}");

    // The genuine year still goes up, and only the province approves it.
    let bytes = std::fs::read(p.dir.path().join("year.tdb")).unwrap();
    p.province.import("year.tdb", &bytes).expect("the genuine year");
    let input = ApprovalInput {
        unit_code: p.commune.code(),
        year: DEMO_YEAR,
        decision: "Quyết định số 15-QĐ/TU".into(),
        collective_level: Some("good".into()),
        approved_on: None,
    };
    let approved = p.province.office.approve_year(&p.province.session, &input).expect("the province approves");
    assert!(approved.given_here);
}

#[test]
fn rule_sets_and_their_choice_come_only_from_above() {
    let mut p = pair(true);
    let forged = forged_year(&mut p, |records| {
        let people = records["people"].clone();
        let owner = people[0]["owner_unit"].clone();
        let now = "2026-12-20T08:00:00Z";
        records.insert(
            "ruleset_choices".into(),
            vec![serde_json::json!({
                "id": Uuid::now_v7().to_string(), "owner_unit": owner, "revision": 1, "created_at": now, "updated_at": now,
                "group_code": "*", "ruleset_code": "qd366-nd335-2025",
            })],
        );
    });
    let message = refused_record(&mut p, "forged-choice.tdb", &forged);
    assert!(message.contains("ruleset_choices"), "{message}");
}

#[test]
fn the_superior_sends_down_only_what_travels_down() {
    let mut p = pair(true);
    let (file, fingerprint) = p.province.public_key();
    p.commune.office.enrol_key(&p.commune.session, &file, PROVINCE, &fingerprint).expect("province key enrolled at the commune");
    let code = p.commune.code();
    let out = p.out();
    let (_, bytes) = p.province.export_to(&code, &out);
    // The province's bundle down, with a person of the commune's "corrected" from above.
    let person = p.commune.office.roster(&p.commune.session).unwrap().into_iter().next().unwrap();
    let commune_people = {
        let (_, up) = p.export_up();
        let verified = exchange::bundle::UnverifiedBundle::open(&up, &exchange::bundle::Limits::default())
            .unwrap()
            .verify(&p.commune.key_pair().public_key())
            .unwrap();
        verified.records("people").unwrap()
    };
    let mut record = commune_people.into_iter().find(|r| r["id"] == person.person_id.to_string()).unwrap();
    record["full_name"] = Value::from("Tên Do Tỉnh Sửa");
    record["revision"] = Value::from(record["revision"].as_i64().unwrap() + 1000);
    let forged = rebuilt(&bytes, &p.province.key_pair(), |_, records| {
        records.insert("people".into(), vec![record]);
    });
    let before = p.commune.data();
    let error = p.commune.import("down-people.tdb", &forged).expect_err("refused");
    assert_eq!(error.code(), "exchange.bundle_bad_record", "{error}");
    assert!(error.message(Lang::Vi).contains("people"), "{}", error.message(Lang::Vi));
    assert_same(&p.commune.data(), &before, "a refused bundle down changes nothing");
}

#[test]
fn control_and_bidirectional_characters_line_breaks_and_decomposed_text_are_refused() {
    let mut p = pair(true);
    for (name, bad) in [
        ("nul", "Nguyễn Văn\u{0}An"),
        ("bidi", "Nguyễn \u{202E}nA năV"),
        ("isolate", "Nguyễn \u{2066}Văn\u{2069} An"),
        ("newline", "Nguyễn Văn\nAn"),
        ("nfd", "Nguye\u{0302}\u{0303}n Văn An"),
    ] {
        let forged = forged_year(&mut p, |records| {
            records.get_mut("people").unwrap()[0]["full_name"] = Value::from(bad);
        });
        let message = refused_record(&mut p, &format!("{name}.tdb"), &forged);
        assert!(message.contains("full_name"), "{name}: {message}");
    }
    // Inside a JSON column too: a bidirectional override in a period's points map.
    let forged = forged_year(&mut p, |records| {
        let assessments = records.get_mut("period_assessments").unwrap();
        let row = assessments.iter_mut().find(|r| r["self_points"].is_string()).expect("an assessment with points");
        row["self_points"] = Value::from("{\"\u{202E}chinh_tri\": 5}");
    });
    refused_record(&mut p, "json-bidi.tdb", &forged);
}

#[test]
fn a_future_or_implausible_birth_date_is_refused() {
    let mut p = pair(true);
    for (name, date) in [("future", "2099-01-01"), ("child", "2020-05-01"), ("ancient", "1850-01-01")] {
        let forged = forged_year(&mut p, |records| {
            records.get_mut("people").unwrap()[0]["birth_date"] = Value::from(date);
        });
        let message = refused_record(&mut p, &format!("{name}.tdb"), &forged);
        assert!(message.contains("birth_date"), "{name}: {message}");
    }
}

#[test]
fn an_oversized_field_is_refused() {
    let mut p = pair(true);
    let forged = forged_year(&mut p, |records| {
        records.get_mut("people").unwrap()[0]["full_name"] = Value::from("Nguyễn Văn An ".repeat(2_000).trim_end());
    });
    let message = refused_record(&mut p, "long-name.tdb", &forged);
    assert!(message.contains("quá 200"), "{message}");
    let forged = forged_year(&mut p, |records| {
        records.get_mut("targets").unwrap()[0]["name"] = Value::from("x".repeat(201));
    });
    refused_record(&mut p, "long-target.tdb", &forged);
}

#[test]
fn a_maximal_or_empty_revision_is_refused() {
    let mut p = pair(true);
    for (name, revision) in [("max", i64::MAX), ("zero", 0), ("negative", -1)] {
        let forged = forged_year(&mut p, |records| {
            records.get_mut("targets").unwrap()[0]["revision"] = Value::from(revision);
        });
        let message = refused_record(&mut p, &format!("revision-{name}.tdb"), &forged);
        assert!(message.contains("revision"), "{name}: {message}");
    }
    // A year far outside any evaluation.
    let forged = forged_year(&mut p, |records| {
        records.get_mut("targets").unwrap()[0]["year"] = Value::from(99_999);
    });
    refused_record(&mut p, "year.tdb", &forged);
}

#[test]
fn a_year_alone_mark_or_a_merger_that_cannot_be_is_refused_as_a_bad_record() {
    let mut p = pair(true);
    let before = p.province.data();
    let marked = forged_year(&mut p, |records| records.get_mut("people").unwrap()[0]["birth_year_only"] = Value::from(2));
    let message = refused_record(&mut p, "mark-2.tdb", &marked);
    assert!(message.contains("birth_year_only phải là 0 hoặc 1"), "{message}");

    // An ethnicity is one of the 54 groups by the name this program writes: a misspelt or invented one would count
    // as a group of its own in the province's statistics.
    for (name, group) in [("misspelt", Value::from("Kinhh")), ("alias", Value::from("H'Mông")), ("number", Value::from(7))] {
        let forged = forged_year(&mut p, |records| records.get_mut("people").unwrap()[0]["ethnicity"] = group.clone());
        let message = refused_record(&mut p, &format!("ethnicity-{name}.tdb"), &forged);
        assert!(message.contains("ethnicity"), "{name}: {message}");
        assert!(name == "number" || message.contains("54 dân tộc"), "{name}: {message}");
    }

    let mid_year = forged_year(&mut p, |records| {
        let person = &mut records.get_mut("people").unwrap()[0];
        person["birth_year_only"] = Value::from(1);
        person["birth_date"] = Value::from("1975-06-15");
    });
    assert!(refused_record(&mut p, "mark-mid-year.tdb", &mid_year).contains("01/01"));

    let open_merger = forged_year(&mut p, |records| {
        let units = records.get_mut("units").unwrap();
        let other = units[1]["id"].clone();
        units[2]["merged_into"] = other;
    });
    assert!(refused_record(&mut p, "open-merger.tdb", &open_merger).contains("ended_on"));
    let into_itself = forged_year(&mut p, |records| {
        let unit = &mut records.get_mut("units").unwrap()[2];
        unit["merged_into"] = unit["id"].clone();
        unit["ended_on"] = Value::from("2025-07-01");
    });
    assert!(refused_record(&mut p, "into-itself.tdb", &into_itself).contains("chính nó"));
    assert_same(&p.province.data(), &before, "nothing of any of them was written");
}
