//! Exchange between two offices through the service API, on real SQLite files: a commune made by the demo
//! generator and the province above it set up like `thuocdo init`. Enrolment with the fingerprint, the commune's
//! year going up and showing in the province's targets and comparison, the same file again, a second bundle with
//! only the change, a target going down; and every bad bundle refused with its code and the province's data
//! exactly as before.

use thuocdo_service as service;

mod common;
use common::*;

use exchange::bundle::{BundleBuilder, BundleHeader, Limits, UnverifiedBundle, CURRENT_VERSION};
use exchange::{OfficeKeyPair, PublicKey};
use serde_json::Value;
use service::demo::DEMO_YEAR;
use service::exchange::ImportOptions;
use service::work::{Period, ProgressInput, TargetInput, TargetLine, TargetText};
use service::{Lang, Session};
use std::io::{Cursor, Read as _, Write as _};
use std::path::{Path, PathBuf};
use uuid::Uuid;

/// Id, unit code, code, plan, actual, completion and number of reports of a target.
type Figures = (Uuid, String, String, i64, Option<i64>, Option<i64>, usize);

/// What a target line shows, without this office's ids for things (units) that differ between offices.
fn figures(lines: &[TargetLine]) -> Vec<Figures> {
    let mut out: Vec<_> =
        lines.iter().map(|l| (l.id, l.unit_code.clone(), l.code.clone(), l.plan, l.actual, l.completion, l.reports)).collect();
    out.sort();
    out
}

// ---------------------------------------------------------------------------------------------------------------
// Enrolment

#[test]
fn enrolment_needs_the_right_fingerprint_and_pins_one_key() {
    let mut p = pair(false);
    let (file, fingerprint) = p.commune.public_key();
    let code = p.commune.code();
    let province = &mut p.province;
    let before = province.data();

    let wrong = province.office.enrol_key(&province.session, &file, &code, "AAAA-BBBB-CCCC-DDDD").unwrap_err();
    assert_eq!(wrong.code(), "exchange.fingerprint_mismatch");
    assert!(wrong.message(Lang::Vi).contains("không khớp"), "{}", wrong.message(Lang::Vi));
    assert_same(&province.data(), &before, "nothing enrolled");

    let typed = fingerprint.to_lowercase().replace('-', " ");
    let enrolled = province.office.enrol_key(&province.session, &file, &code.to_lowercase(), &typed).expect("enrolled");
    assert!(enrolled.newly_enrolled);
    assert_eq!((enrolled.unit_code.as_str(), enrolled.fingerprint.as_str()), (code.as_str(), fingerprint.as_str()));
    let after = province.data();
    assert_eq!(after["enrolled_keys"].len(), 1);

    let again = province.office.enrol_key(&province.session, &file, &code, &fingerprint).expect("the same key again");
    assert!(!again.newly_enrolled);
    assert_same(&province.data(), &after, "enrolling the same key again changes nothing");

    let other = OfficeKeyPair::generate().public_key();
    let refused = province.office.enrol_key(&province.session, &other.to_minisign_file(), &code, &other.fingerprint());
    assert_eq!(code_of(refused), "exchange.key_already_enrolled");

    let stranger = province.office.enrol_key(&province.session, &other.to_minisign_file(), "XA-NOWHERE", &other.fingerprint());
    assert_eq!(code_of(stranger), "org.unknown_unit");
    let own = province.office.enrol_key(&province.session, &other.to_minisign_file(), PROVINCE, &other.fingerprint());
    assert_eq!(code_of(own), "exchange.not_enrollable");
    assert_same(&province.data(), &after, "refused enrolments");

    // The commune pins its superior's key (the superior is not in its tree, only named as its superior).
    let (province_file, province_fingerprint) = p.province.public_key();
    let pinned = p.commune.office.enrol_key(&p.commune.session, &province_file, PROVINCE, &province_fingerprint).unwrap();
    assert!(pinned.newly_enrolled);
    let sibling = p.commune.office.enrol_key(&p.commune.session, &province_file, SIBLING, &province_fingerprint);
    assert_eq!(code_of(sibling), "org.unknown_unit");
}

// ---------------------------------------------------------------------------------------------------------------
// Upward

#[test]
fn a_communes_year_goes_up_once_and_then_only_what_changed() {
    let mut p = pair(true);
    let code = p.commune.code();
    let (receipt, bytes) = p.export_up();
    assert_eq!((receipt.sequence, receipt.direction.as_str()), (1, "up"));
    assert_eq!(receipt.file_name, format!("{code}-{PROVINCE}-000001.tdb"));
    assert!(receipt.path.ends_with(&receipt.file_name));
    assert!(receipt.counts["targets"] > 0 && receipt.counts["progress_reports"] > 0 && receipt.counts["people"] > 0);
    assert!(!receipt.counts.contains_key("feedback_scores"), "anonymous feedback never travels");

    // The preview writes nothing and says what the import will do.
    let before = p.province.data();
    let preview = p.province.office.preview_bundle(&p.province.session, &receipt.file_name, &bytes).expect("preview");
    assert!(!preview.applied);
    assert_same(&p.province.data(), &before, "a preview writes nothing");

    let imported = p.province.import(&receipt.file_name, &bytes).expect("imported");
    assert!(imported.applied);
    assert_eq!((imported.verdict.as_str(), imported.sequence, imported.source_unit.as_str()), ("next", 1, code.as_str()));
    for (kind, count) in &receipt.counts {
        assert_eq!(total(&imported, kind), *count, "{kind}");
    }
    assert_eq!(kind(&imported, "targets").new, receipt.counts["targets"]);
    assert_eq!(kind(&imported, "people").new, receipt.counts["people"]);
    assert_eq!(kind(&imported, "units").matched, 1, "the commune's own unit is the province's record of it");
    assert_eq!(kind(&imported, "positions").matched, receipt.counts["positions"], "the same catalogue by code");
    assert_eq!(imported.conflict_count, 0, "{:?}", imported.conflicts);
    assert_eq!(preview.kinds, imported.kinds, "the preview counted exactly what the import did");

    // The province sees the commune's figures: its target list and its comparison of equivalent posts.
    let at_commune = p.commune.targets(&code);
    let at_province = p.province.targets(&code);
    assert!(!at_commune.is_empty());
    assert_eq!(figures(&at_province), figures(&at_commune));
    let groups = p.commune.office.comparison_groups(&p.commune.session, DEMO_YEAR, None).unwrap();
    let group = groups.iter().find(|g| g.with_targets > 0).expect("a group with targets");
    let rows = |side: &Side| {
        let table = side.office.comparison(&side.session, DEMO_YEAR, &group.code, None, Lang::Vi).unwrap();
        table.rows.into_iter().map(|r| (r.person_id, r.rank, r.completion_basis, r.targets, r.unit_code)).collect::<Vec<_>>()
    };
    assert_eq!(rows(&p.province), rows(&p.commune));

    // The same file again: already imported, nothing changes.
    let after_first = p.province.data();
    let again = p.province.import(&receipt.file_name, &bytes).expect("the same bundle again is fine");
    assert_eq!(again.verdict, "already_imported");
    assert_same(&p.province.data(), &after_first, "already imported");
    assert_eq!(p.province.last_log().outcome, "already");

    // A change at the commune: one more report, with evidence; the next bundle carries that (and the unit that
    // addresses it) and nothing else.
    let target = at_commune[0].clone();
    let scan = p.dir.path().join("biên bản tháng 12.pdf");
    std::fs::write(&scan, b"%PDF-1.4 minutes of December").unwrap();
    let report = ProgressInput {
        target_id: target.id,
        period: Period::Month(12),
        value: "1".into(),
        comment: "Báo cáo bổ sung".into(),
        evidence: vec![scan.display().to_string()],
    };
    p.commune.office.report_progress(&p.commune.session, &report).unwrap();
    let (second, second_bytes) = p.export_up();
    assert_eq!(second.sequence, 2);
    assert_eq!(second.counts["progress_reports"], 1, "{:?}", second.counts);
    assert_eq!(second.counts["units"], 1, "{:?}", second.counts);
    assert_eq!(second.attachments, 1);
    let others: usize = second.counts.iter().filter(|(k, _)| !["progress_reports", "units"].contains(&k.as_str())).map(|(_, n)| n).sum();
    assert_eq!(others, 0, "{:?}", second.counts);

    let imported = p.province.import(&second.file_name, &second_bytes).expect("sequence 2");
    assert_eq!((imported.verdict.as_str(), imported.sequence), ("next", 2));
    assert_eq!(kind(&imported, "progress_reports").new + kind(&imported, "progress_reports").changed, 1);
    assert_eq!(kind(&imported, "units").matched, 1);
    assert_eq!(imported.attachments, 1);
    assert_eq!(figures(&p.province.targets(&code)), figures(&p.commune.targets(&code)));
    let detail = p.province.office.target_detail(&p.province.session, target.id, None, Lang::Vi).unwrap();
    let december = detail.reports.iter().find(|r| r.period == Period::Month(12)).expect("December's report arrived");
    assert_eq!(december.comment.as_deref(), Some("Báo cáo bổ sung"));
    let evidence = &december.evidence[0];
    let copy = p.dir.path().join("copy.pdf");
    p.province.office.save_evidence(&p.province.session, &evidence.sha256, &copy).unwrap();
    assert_eq!(std::fs::read(&copy).unwrap(), b"%PDF-1.4 minutes of December");

    let status = p.province.office.bundle_status(&p.province.session).unwrap();
    let line = status.iter().find(|l| l.source_unit.as_deref() == Some(code.as_str())).unwrap();
    assert_eq!((line.direction.as_str(), line.last_sequence, line.last_outcome.as_deref()), ("in", Some(2), Some("accepted")));
    let sent = p.commune.office.bundle_status(&p.commune.session).unwrap();
    assert_eq!((sent[0].direction.as_str(), sent[0].last_sequence), ("out", Some(2)));
}

#[test]
fn the_same_revision_with_other_content_is_a_conflict_and_an_older_one_is_ignored() {
    let mut p = pair(true);
    let (receipt, bytes) = p.export_up();
    p.province.import(&receipt.file_name, &bytes).unwrap();
    // A next bundle (signed by the commune) with a target at the revision the province has but another plan, one at
    // an older revision, and one unchanged: a conflict reported and not written, an older one ignored.
    let key = p.commune.key_pair();
    let verified = UnverifiedBundle::open(&bytes, &Limits::default()).unwrap().verify(&key.public_key()).unwrap();
    let targets = verified.records("targets").unwrap();
    let mut changed = targets[0].clone();
    changed["plan"] = Value::from(changed["plan"].as_i64().unwrap() + 1);
    let mut builder = BundleBuilder::new(BundleHeader {
        source_unit: receipt.source_unit.clone(),
        destination_unit: PROVINCE.into(),
        sequence: 2,
        previous: Some(receipt.manifest_sha256.clone()),
        created_at: chrono::Utc::now(),
        ruleset: None,
        periods: vec![],
    });
    let mut older = targets[1].clone();
    older["revision"] = Value::from(older["revision"].as_i64().unwrap() - 1);
    older["plan"] = Value::from(1);
    builder.add_records("targets", [changed, older, targets[2].clone()]).unwrap();
    let forged = builder.finish(&key).unwrap();
    let before = p.province.targets(&receipt.source_unit);
    let report = p.province.import("conflict.tdb", &forged).expect("a conflict does not refuse the bundle");
    let counts = kind(&report, "targets");
    assert_eq!((counts.conflicting, counts.older, counts.unchanged), (1, 1, 1), "{report:?}");
    assert_eq!(report.conflicts[0].id, targets[0]["id"].as_str().unwrap());
    assert_eq!(figures(&p.province.targets(&receipt.source_unit)), figures(&before));
}

// ---------------------------------------------------------------------------------------------------------------
// Downward

#[test]
fn a_target_assigned_by_the_province_goes_down() {
    let mut p = pair(true);
    let code = p.commune.code();
    let (up, up_bytes) = p.export_up();
    p.province.import(&up.file_name, &up_bytes).unwrap();

    let fields = |unit: &str, code: &str, plan: &str, parent: &str| TargetText {
        year: DEMO_YEAR.to_string(),
        unit: unit.into(),
        code: code.into(),
        group: "Phát triển kinh tế - xã hội".into(),
        name: "Trồng rừng tập trung".into(),
        measure: "ha".into(),
        plan: plan.into(),
        parent: parent.into(),
        ..TargetText::default()
    };
    let province = &mut p.province;
    province
        .office
        .save_target(&province.session, &TargetInput { id: None, fields: fields(PROVINCE, "TR-1", "1.000", ""), person_id: None })
        .unwrap();
    let assigned = province
        .office
        .save_target(&province.session, &TargetInput { id: None, fields: fields(&code, "TR-1.1", "120", "SL/TR-1"), person_id: None })
        .unwrap();

    let out = p.out();
    let refused = p.province.office.export_bundle(&p.province.session, SIBLING, PASSWORD, &out);
    assert_eq!(code_of(refused), "exchange.no_route", "no key enrolled for the sibling");
    let (down, down_bytes) = p.province.export_to(&code, &out);
    assert_eq!((down.direction.as_str(), down.sequence), ("down", 1));
    assert_eq!(down.counts["targets"], 2, "the assigned target and the one it was split from");
    assert_eq!(down.counts["units"], 2);

    let unknown = p.commune.import(&down.file_name, &down_bytes);
    assert_eq!(code_of(unknown), "exchange.bundle_unknown_source");
    let (file, fingerprint) = p.province.public_key();
    p.commune.office.enrol_key(&p.commune.session, &file, PROVINCE, &fingerprint).unwrap();
    let imported = p.commune.import(&down.file_name, &down_bytes).expect("imported at the commune");
    assert_eq!(kind(&imported, "targets").new, 2);
    assert_eq!(kind(&imported, "units").matched, 1, "the commune's unit as the province knows it is the commune's own");
    assert_eq!(kind(&imported, "units").new, 1, "the province's unit, owner of the targets");
    let line = p.commune.targets(&code).into_iter().find(|l| l.id == assigned).expect("the assigned target is in the commune's list");
    assert_eq!((line.unit_code.as_str(), line.plan, line.parent_ref.as_deref()), (code.as_str(), 12_000, Some("SL/TR-1")));

    // Going up again, the commune's bundle does not carry the province's records back.
    let (again, _) = p.export_up();
    assert_eq!(again.counts["targets"], 0);

    // The province changes the assignment: the next bundle down carries that target (and its parent for context).
    let mut changed = fields(&code, "TR-1.1", "150", "SL/TR-1");
    changed.name = "Trồng rừng tập trung (điều chỉnh)".into();
    p.province.office.save_target(&p.province.session, &TargetInput { id: Some(assigned), fields: changed, person_id: None }).unwrap();
    let (second, second_bytes) = p.province.export_to(&code, &out);
    assert_eq!((second.sequence, second.counts["targets"]), (2, 2));
    let imported = p.commune.import(&second.file_name, &second_bytes).expect("the second bundle down");
    let targets = kind(&imported, "targets");
    assert_eq!((targets.changed, targets.unchanged), (1, 1), "{imported:?}");
    let units = kind(&imported, "units");
    assert_eq!((units.unchanged, units.matched), (1, 1), "the province's unit is known now, the commune's is its own");
    let line = p.commune.targets(&code).into_iter().find(|l| l.id == assigned).unwrap();
    assert_eq!(line.plan, 15_000);
}

// ---------------------------------------------------------------------------------------------------------------
// Bad input

#[test]
fn damaged_and_cut_files_are_refused_and_change_nothing() {
    let mut p = pair(true);
    let (receipt, bytes) = p.export_up();
    let len = bytes.len();
    for position in [0, 10, 40, 200, len / 3, len / 2, 2 * len / 3, len - 30, len - 1] {
        let mut flipped = bytes.clone();
        flipped[position] ^= 0x20;
        refused(&mut p, &format!("flipped-{position}.tdb"), &flipped, "exchange.bundle_*");
    }
    for cut in [0, 1, len / 2, len - 1] {
        refused(&mut p, &format!("cut-{cut}.tdb"), &bytes[..cut], "exchange.bundle_*");
    }
    // The intact file still imports afterwards: the refusals left no trace in the chain.
    assert_eq!(p.province.import(&receipt.file_name, &bytes).unwrap().verdict, "next");
}

#[test]
fn bundles_from_unknown_senders_or_keys_are_refused() {
    let mut p = pair(false);
    let (receipt, bytes) = p.export_up();
    refused(&mut p, &receipt.file_name, &bytes, "exchange.bundle_unknown_source");

    let other = OfficeKeyPair::generate().public_key();
    let code = p.commune.code();
    p.province.office.enrol_key(&p.province.session, &other.to_minisign_file(), &code, &other.fingerprint()).unwrap();
    refused(&mut p, &receipt.file_name, &bytes, "exchange.bundle_wrong_key");
}

#[test]
fn a_bundle_for_another_office_is_refused() {
    let mut p = pair(true);
    let (_, bytes) = p.export_up();
    let key = p.commune.key_pair();
    let elsewhere = rebuilt(&bytes, &key, |header, _| header.destination_unit = SIBLING.into());
    refused(&mut p, "elsewhere.tdb", &elsewhere, "exchange.bundle_wrong_destination");
}

#[test]
fn replayed_and_skipped_bundles_are_refused() {
    let mut p = pair(true);
    let (first, first_bytes) = p.export_up();
    let (second, second_bytes) = p.export_up();
    let (third, third_bytes) = p.export_up();
    assert_eq!((first.sequence, second.sequence, third.sequence), (1, 2, 3));

    refused(&mut p, &third.file_name, &third_bytes, "exchange.bundle_gap");
    let gap = p.province.import(&third.file_name, &third_bytes).unwrap_err();
    assert!(gap.message(Lang::Vi).contains("số 1, 2"), "{}", gap.message(Lang::Vi));

    p.province.import(&first.file_name, &first_bytes).unwrap();
    p.province.import(&second.file_name, &second_bytes).unwrap();
    refused(&mut p, &first.file_name, &first_bytes, "exchange.bundle_replay");

    // The right number but not following the last accepted bundle.
    let key = p.commune.key_pair();
    let broken = rebuilt(&third_bytes, &key, |header, _| header.previous = Some(first.manifest_sha256.clone()));
    refused(&mut p, "broken.tdb", &broken, "exchange.bundle_broken_chain");
    assert_eq!(p.province.import(&third.file_name, &third_bytes).unwrap().sequence, 3);
}

#[test]
fn a_record_claiming_another_owner_refuses_the_whole_bundle() {
    let mut p = pair(true);
    let (_, bytes) = p.export_up();
    let key = p.commune.key_pair();
    let sibling = p.sibling_id().to_string();
    // Every record of the commune's year, and at the end one target that claims to be the sibling commune's.
    let forged = rebuilt(&bytes, &key, |_, records| {
        let targets = records.get_mut("targets").unwrap();
        let mut stolen = targets[0].clone();
        stolen["id"] = Value::from(Uuid::now_v7().to_string());
        stolen["code"] = Value::from("MUON-TEN");
        stolen["owner_unit"] = Value::from(sibling.clone());
        stolen["unit_id"] = Value::from(sibling.clone());
        targets.push(stolen);
    });
    refused(&mut p, "foreign.tdb", &forged, "exchange.bundle_foreign_owner");
    let error = p.province.import("foreign.tdb", &forged).unwrap_err();
    assert!(error.message(Lang::Vi).contains(SIBLING), "{}", error.message(Lang::Vi));

    // A unit of the commune's placed under the sibling is refused the same way.
    let misplaced = rebuilt(&bytes, &key, |_, records| {
        let units = records.get_mut("units").unwrap();
        let mut unit = units.iter().find(|u| !u["parent_id"].is_null()).unwrap().clone();
        unit["id"] = Value::from(Uuid::now_v7().to_string());
        unit["code"] = Value::from("XA-CHEN-VAO");
        unit["parent_id"] = Value::from(sibling.clone());
        units.push(unit);
    });
    refused(&mut p, "misplaced.tdb", &misplaced, "exchange.bundle_foreign_owner");

    // A target of the commune's own placed on the sibling's unit, and the sibling's unit claimed as the commune's
    // (by its code, under another id): the commune may address only its own units.
    let placed = rebuilt(&bytes, &key, |_, records| {
        let targets = records.get_mut("targets").unwrap();
        let mut placed = targets[0].clone();
        placed["id"] = Value::from(Uuid::now_v7().to_string());
        placed["code"] = Value::from("DAT-NHO");
        placed["unit_id"] = Value::from(sibling.clone());
        targets.push(placed);
    });
    refused(&mut p, "placed.tdb", &placed, "exchange.bundle_foreign_owner");
    let claimed = rebuilt(&bytes, &key, |_, records| {
        let units = records.get_mut("units").unwrap();
        let mut unit = units.iter().find(|u| !u["parent_id"].is_null()).unwrap().clone();
        unit["id"] = Value::from(Uuid::now_v7().to_string());
        unit["code"] = Value::from(SIBLING);
        units.push(unit);
    });
    refused(&mut p, "claimed.tdb", &claimed, "exchange.bundle_foreign_owner");

    // A record that is not a record of its kind.
    let malformed = rebuilt(&bytes, &key, |_, records| {
        records.get_mut("people").unwrap()[0]["birth_date"] = Value::from("ngày 1 tháng 1");
    });
    refused(&mut p, "malformed.tdb", &malformed, "exchange.bundle_bad_record");
}

#[test]
fn a_newer_format_version_is_refused_with_a_request_to_update() {
    let mut p = pair(true);
    let (_, bytes) = p.export_up();
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes.as_slice())).unwrap();
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        if file.name() == "manifest.json" {
            let text = String::from_utf8(data).unwrap();
            let (current, next) = (CURRENT_VERSION, CURRENT_VERSION + 1);
            assert!(text.contains(&format!("\"version\": {current}")));
            data = text.replacen(&format!("\"version\": {current}"), &format!("\"version\": {next}"), 1).into_bytes();
        }
        writer.start_file(file.name(), zip::write::SimpleFileOptions::default()).unwrap();
        writer.write_all(&data).unwrap();
    }
    let newer = writer.finish().unwrap().into_inner();
    refused(&mut p, "newer.tdb", &newer, "exchange.bundle_newer_version");
    let error = p.province.import("newer.tdb", &newer).unwrap_err();
    assert!(error.message(Lang::Vi).contains("cập nhật Thước Đo"), "{}", error.message(Lang::Vi));
}

#[test]
fn data_entry_neither_exchanges_nor_enrols_and_the_key_needs_its_password() {
    let mut p = pair(true);
    let out = p.out();
    let staff = Session::new("canbo", service::Role::DataEntry);
    let (file, fingerprint) = p.province.public_key();
    assert_eq!(code_of(p.commune.office.export_bundle(&staff, PROVINCE, PASSWORD, &out)), "auth.forbidden");
    assert_eq!(code_of(p.commune.office.enrol_key(&staff, &file, PROVINCE, &fingerprint)), "auth.forbidden");
    assert_eq!(code_of(p.province.office.import_bundle(&staff, "x.tdb", b"")), "auth.forbidden");
    assert!(p.province.office.bundle_status(&staff).unwrap().is_empty(), "a forbidden import is not a refused bundle");
    let wrong = p.commune.office.export_bundle(&p.commune.session, PROVINCE, "not the password", &out);
    assert_eq!(code_of(wrong), "exchange.wrong_password");
    let nowhere = p.commune.office.export_bundle(&p.commune.session, "XA-NOWHERE", PASSWORD, &out);
    assert_eq!(code_of(nowhere), "exchange.no_route");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0, "no file for a refused export");
    assert!(p.commune.office.bundle_status(&p.commune.session).unwrap().is_empty());
    // A folder that does not exist yet, written with a trailing separator; the first bundle names the year it covers.
    let new_folder = format!("{}/usb/", out.display());
    let first = p.commune.office.export_bundle(&p.commune.session, PROVINCE, PASSWORD, Path::new(&new_folder)).unwrap();
    assert_eq!(PathBuf::from(&first.path), out.join("usb").join(&first.file_name));
    let verified = UnverifiedBundle::open(&std::fs::read(&first.path).unwrap(), &Limits::default())
        .unwrap()
        .verify(&PublicKey::from_minisign_file(&p.commune.public_key().0).unwrap())
        .unwrap();
    // The year, and the months and quarters of the products and evaluation periods the demo carries.
    let periods = &verified.manifest().periods;
    assert_eq!(periods.first(), Some(&DEMO_YEAR.to_string()), "{periods:?}");
    assert!(periods.contains(&format!("{DEMO_YEAR}-09")) && periods.contains(&format!("{DEMO_YEAR}-12")), "{periods:?}");
    assert!(periods.iter().all(|p| p.starts_with(&DEMO_YEAR.to_string())), "{periods:?}");
    // A named file instead of a folder; with nothing changed since, the bundle carries only the unit that addresses it.
    let named = out.join("len-tinh.tdb");
    let receipt = p.commune.office.export_bundle(&p.commune.session, PROVINCE, PASSWORD, &named).unwrap();
    assert_eq!(PathBuf::from(&receipt.path), named);
    assert_eq!((receipt.sequence, receipt.counts.values().sum::<usize>()), (2, 1));
    // The same file name again: refused, the earlier bundle left as it was, the chain still at 2.
    let earlier = std::fs::read(&named).unwrap();
    let again = p.commune.office.export_bundle(&p.commune.session, PROVINCE, PASSWORD, &named);
    assert_eq!(code_of(again), "file.cannot_write");
    assert_eq!(std::fs::read(&named).unwrap(), earlier);
    let third = p.commune.office.export_bundle(&p.commune.session, PROVINCE, PASSWORD, &out).unwrap();
    assert_eq!(third.sequence, 3);
}

// ---------------------------------------------------------------------------------------------------------------
// Completeness board

#[test]
fn the_completeness_board_shows_who_sent_who_did_not_and_what_was_refused() {
    let mut p = pair(true);
    let commune = p.commune.code();
    let (first, bytes) = p.export_up();
    let year = DEMO_YEAR.to_string();
    let verified = UnverifiedBundle::open(&bytes, &Limits::default()).unwrap().verify(&p.commune.key_pair().public_key()).unwrap();
    assert!(verified.manifest().periods.contains(&year), "the manifest lists the year it carries: {:?}", verified.manifest().periods);

    // Before anything arrived: both missing (the year has not ended), nothing refused.
    let board = p.province.office.completeness(&p.province.session, &year).unwrap();
    let states: Vec<(&str, &str)> = board.iter().map(|l| (l.unit_code.as_str(), l.state.as_str())).collect();
    // The board lists the units below by code.
    let mut expected = vec![(commune.as_str(), "missing"), (SIBLING, "missing")];
    expected.sort();
    assert_eq!(states, expected);

    // A bundle with a gap is refused, and the board says why.
    p.export_up();
    let (third, third_bytes) = p.export_up();
    p.province.import(&third.file_name, &third_bytes).unwrap_err();
    p.province.import(&first.file_name, &bytes).unwrap();

    let board = p.province.office.completeness(&p.province.session, &year).unwrap();
    let sent = board.iter().find(|l| l.unit_code == commune).unwrap();
    assert_eq!(sent.state, "sent");
    assert!(sent.key_enrolled);
    assert_eq!((sent.last_sequence, sent.covered_sequence), (Some(1), Some(1)));
    assert!(sent.covered_at.is_some() && sent.last_accepted_at.is_some());
    assert_eq!(sent.refused.len(), 1, "{:?}", sent.refused);
    assert_eq!(sent.refused[0].file_name, third.file_name);
    assert_eq!(sent.refused[0].code.as_deref(), Some("exchange.bundle_gap"));
    assert!(sent.refused[0].message.as_deref().is_some_and(|m| !m.is_empty()));

    let silent = board.iter().find(|l| l.unit_code == SIBLING).unwrap();
    assert_eq!((silent.state.as_str(), silent.key_enrolled, silent.last_sequence), ("missing", false, None));
    assert!(silent.refused.is_empty());

    // A long-past period the commune sent nothing for: late for both.
    let old = p.province.office.completeness(&p.province.session, "2020-Q3").unwrap();
    assert!(old.iter().all(|l| l.state == "late"), "{old:?}");

    // A period written wrongly is refused with a clear message.
    let error = p.province.office.completeness(&p.province.session, "2026-9").unwrap_err();
    assert_eq!(error.code(), "period.bad");
    assert!(error.message(Lang::Vi).contains("2026-9"));
}

/// The year at a glance of the office above says, for the last month ended, which communes sent it (issue 17): a
/// commune whose key is enrolled is late until its bundle covering the month is accepted, then sent with the day it
/// arrived; a unit that sends nothing here (no key) is left out of the count.
#[test]
fn the_year_at_a_glance_says_which_communes_sent_the_last_month() {
    let mut p = pair(true);
    let commune = p.commune.code();
    let (first, bytes) = p.export_up();
    let verified = UnverifiedBundle::open(&bytes, &Limits::default()).unwrap().verify(&p.commune.key_pair().public_key()).unwrap();
    // The earliest month the bundle carries: long ended, so late while nothing has arrived.
    let month = verified.manifest().periods.iter().filter(|t| t.len() == 7 && t.as_bytes()[4] == b'-').min().cloned().expect("a month");
    let (year, m): (i32, u32) = (month[..4].parse().unwrap(), month[5..].parse().unwrap());
    let next = if m == 12 { (year + 1, 1) } else { (year, m + 1) };
    let last_day = chrono::NaiveDate::from_ymd_opt(next.0, next.1, 1).unwrap().pred_opt().unwrap();
    let glance = |p: &Pair| p.province.office.year_overview(&p.province.session, year, None, Some(last_day)).unwrap();

    let before = glance(&p);
    let sending = before.sending.clone().expect("a commune below sends here");
    assert_eq!((sending.period.as_str(), sending.sent, sending.late, sending.missing), (month.as_str(), 0, 1, 0));
    let line = before.below.iter().find(|u| u.unit_code == commune).unwrap();
    assert_eq!((line.sending.as_deref(), line.last_received), (Some("late"), None));
    let sibling = before.below.iter().find(|u| u.unit_code == SIBLING).unwrap();
    assert_eq!(sibling.sending, None, "no key enrolled: not counted");

    p.province.import(&first.file_name, &bytes).unwrap();
    let after = glance(&p);
    let sending = after.sending.clone().expect("still counted");
    assert_eq!((sending.sent, sending.late, sending.missing), (1, 0, 0));
    let line = after.below.iter().find(|u| u.unit_code == commune).unwrap();
    assert_eq!(line.sending.as_deref(), Some("sent"));
    assert_eq!(line.last_received, Some(chrono::Utc::now().date_naive()));
    let sentences = service::year_summary::summary_sentences(&after, Lang::Vi);
    assert!(sentences.iter().any(|s| s.contains(&format!("tháng {:02}/{year}: 1/1 đơn vị đã gửi", m))), "{sentences:?}");
}

#[test]
fn a_gap_is_accepted_only_with_a_reason_that_is_kept_in_the_logs() {
    let mut p = pair(true);
    let (_, _) = p.export_up();
    let (second, second_bytes) = p.export_up();
    let before = p.province.data();
    let refused = p.province.import(&second.file_name, &second_bytes).unwrap_err();
    assert_eq!(refused.code(), "exchange.bundle_gap");
    for blank in ["", "   "] {
        let options = ImportOptions { allow_gap: Some(blank.into()), ..Default::default() };
        let error = p.province.office.import_bundle_with(&p.province.session, &second.file_name, &second_bytes, &options).unwrap_err();
        assert_eq!(error.code(), "exchange.gap_reason_required");
        assert!(error.message(Lang::Vi).contains("lý do"));
    }
    assert_same(&p.province.data(), &before, "refused without a reason");

    let reason = "USB gói số 1 bị hỏng, xã xác nhận bằng công văn 12/UBND";
    let options = ImportOptions { allow_gap: Some(reason.into()), ..Default::default() };
    let preview = p.province.office.preview_bundle_with(&p.province.session, &second.file_name, &second_bytes, &options).unwrap();
    assert!(!preview.applied);
    let report = p.province.office.import_bundle_with(&p.province.session, &second.file_name, &second_bytes, &options).unwrap();
    assert_eq!((report.sequence, report.verdict.as_str(), report.applied), (2, "next", true));

    let log = p.province.last_log();
    assert_eq!((log.outcome.as_str(), log.code.as_deref()), ("accepted", Some("exchange.bundle_gap_allowed")));
    assert!(log.message.as_deref().is_some_and(|m| m.contains(reason) && m.contains("số 1")), "{log:?}");
    let audit = p.province.data().remove("audit_log").unwrap_or_default();
    assert!(audit.iter().any(|row| row.contains("bundle.import_gap") && row.contains(reason)), "{audit:?}");
    // The chain goes on from the accepted bundle.
    let (third, third_bytes) = p.export_up();
    assert_eq!(p.province.import(&third.file_name, &third_bytes).unwrap().sequence, 3);
}

// ---------------------------------------------------------------------------------------------------------------
// People of two communes

#[test]
fn two_communes_people_of_the_same_name_and_birth_date_stay_two_people_at_the_province() {
    let mut p = pair(true);
    let first = p.commune.office.roster(&p.commune.session).unwrap().remove(0);

    // A second commune office (another demo seed, another commune of the province) where someone has the same name
    // and birth date as a cadre of the first commune.
    let (mut second, code) = (1u64..40)
        .find_map(|seed| {
            let path = p.dir.path().join(format!("second-{seed}.db"));
            service::demo::create_demo(&path, service::demo::DemoScale::Commune, seed, Some(PASSWORD)).unwrap();
            let side = Side::open(&path);
            let code = side.code();
            (code != p.commune.code()).then_some((side, code))
        })
        .expect("a demo seed with another commune");
    let unit = service::NewUnit { code: code.clone(), name: "Xã thứ hai".into(), level: "commune".into(), parent_code: PROVINCE.into() };
    p.province.office.add_unit(&p.province.session, &unit).unwrap();
    let (file, fingerprint) = second.public_key();
    p.province.office.enrol_key(&p.province.session, &file, &code, &fingerprint).unwrap();
    let position = second.office.roster(&second.session).unwrap().into_iter().find_map(|r| r.position).expect("a position");
    let namesake = service::roster::PersonInput {
        full_name: first.full_name.clone(),
        birth_date: domain::dates::format_vn_date(first.birth_date),
        gender: "Nữ".into(),
        ethnicity: String::new(),
        hometown: "Thôn Đông".into(),
        is_local: Some(true),
        party_member: true,
        qualification: "Đại học".into(),
        political_theory: "Trung cấp".into(),
        unit_code: code.clone(),
        position,
        appointment_date: "01/01/2024".into(),
    };
    let added = second.office.add_person(&second.session, &namesake).expect("the namesake at the second commune");

    let (receipt, bytes) = p.export_up();
    p.province.import(&receipt.file_name, &bytes).unwrap();
    let out = p.out();
    let (second_receipt, second_bytes) = second.export_to(PROVINCE, &out);
    let imported = p.province.import(&second_receipt.file_name, &second_bytes).expect("the second commune's year");
    let people = kind(&imported, "people");
    assert_eq!((people.new, people.matched, people.conflicting), (second_receipt.counts["people"], 0, 0), "{imported:?}");

    // Two people at the province, each in their own commune.
    let roster = p.province.office.roster(&p.province.session).unwrap();
    let namesakes: Vec<_> = roster.iter().filter(|r| r.full_name == first.full_name && r.birth_date == first.birth_date).collect();
    assert_eq!(namesakes.len(), 2, "{namesakes:?}");
    let mut ids: Vec<_> = namesakes.iter().map(|r| r.person_id).collect();
    ids.sort();
    let mut expected = vec![first.person_id, added.person_id];
    expected.sort();
    assert_eq!(ids, expected);
}

// ---------------------------------------------------------------------------------------------------------------
// Only the owner changes a record

#[test]
fn a_record_another_office_sent_is_read_only_here_but_the_superiors_decision_on_a_task_still_works() {
    let mut p = pair(true);
    let code = p.commune.code();
    let (receipt, bytes) = p.export_up();
    p.province.import(&receipt.file_name, &bytes).unwrap();

    // The province opens the commune's target and changes its plan: refused, nothing changed.
    let line = p.province.targets(&code).into_iter().find(|l| l.parent_id.is_none()).expect("a commune target");
    let fields = TargetText {
        year: line.year.to_string(),
        unit: line.unit_code.clone(),
        code: line.code.clone(),
        group: line.group_code.clone(),
        name: line.name.clone(),
        measure: line.measure.clone(),
        plan: format!("{}", line.plan / 100 + 1),
        ..TargetText::default()
    };
    let before = p.province.data();
    let refused = p.province.office.save_target(&p.province.session, &TargetInput { id: Some(line.id), fields, person_id: None });
    let error = refused.expect_err("another office's target");
    assert_eq!(error.code(), "store.foreign_record", "{error}");
    assert!(error.message(Lang::Vi).contains("chỉ văn phòng đó sửa được"), "{}", error.message(Lang::Vi));
    assert_same(&p.province.data(), &before, "a refused edit changes nothing");

    // The commune's own next bundle still updates it.
    let mut at_commune = p.commune.targets(&code).into_iter().find(|l| l.id == line.id).unwrap();
    at_commune.plan += 100;
    let fields = TargetText {
        year: at_commune.year.to_string(),
        unit: at_commune.unit_code.clone(),
        code: at_commune.code.clone(),
        group: at_commune.group_code.clone(),
        name: at_commune.name.clone(),
        measure: at_commune.measure.clone(),
        plan: format!("{}", at_commune.plan / 100),
        ..TargetText::default()
    };
    p.commune.office.save_target(&p.commune.session, &TargetInput { id: Some(line.id), fields, person_id: None }).unwrap();
    let (second, second_bytes) = p.export_up();
    let imported = p.province.import(&second.file_name, &second_bytes).unwrap();
    assert_eq!(kind(&imported, "targets").changed, 1, "{imported:?}");
    let seen = p.province.targets(&code).into_iter().find(|l| l.id == line.id).unwrap();
    assert_eq!(seen.plan, at_commune.plan);

    // The standing committee's decision on a commune's breakthrough task is taken at the province (it changes the
    // task's state there): still allowed.
    let tasks = p.province.office.breakthrough_tasks(&p.province.session, DEMO_YEAR, Lang::Vi).unwrap();
    let noted = domain::breakthrough::BreakthroughAction::Note;
    if let Some(task) = tasks.iter().find(|t| domain::breakthrough::next_state(t.state, noted).is_some()) {
        let step = service::work::BreakthroughStep {
            task_id: task.id,
            action: domain::breakthrough::BreakthroughAction::Note,
            comment: "Đã làm việc với xã".into(),
            document: String::new(),
        };
        p.province.office.breakthrough_step(&p.province.session, &step).expect("a note on the commune's task");
    } else {
        panic!("the demo commune has a breakthrough task under way: {tasks:?}");
    }
}

#[test]
fn no_unit_is_added_under_a_unit_another_office_keeps() {
    let mut p = pair(true);
    let (receipt, bytes) = p.export_up();
    p.province.import(&receipt.file_name, &bytes).unwrap();
    let agency = p.commune.office.units(&p.commune.session, Lang::Vi).unwrap().into_iter().find(|u| u.level == "agency").unwrap();
    let before = p.province.data();
    let under_theirs = service::NewUnit {
        code: "TO-CUA-TINH".into(),
        name: "Tổ của tỉnh".into(),
        level: "department".into(),
        parent_code: agency.code.clone(),
    };
    let refused = p.province.office.add_unit(&p.province.session, &under_theirs).unwrap_err();
    assert_eq!(refused.code(), "org.parent_not_owned");
    assert!(refused.message(Lang::Vi).contains(&agency.name), "{}", refused.message(Lang::Vi));
    assert_same(&p.province.data(), &before, "nothing added");
}
