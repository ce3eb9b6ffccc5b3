//! Exchange over time, through the service API on real SQLite files: the receiver's signed receipt (checked by the
//! stock `minisign`, imported by the sender, and carried back down), the superior's approval of a commune's year
//! (locking that year at both offices), the rotation of an office key announced under the old one, the revocation
//! of a key travelling down, and the progress an import reports.

use thuocdo_service as service;

mod common;
use common::*;

use service::demo::DEMO_YEAR;
use service::exchange::{ApprovalInput, ImportOptions, ImportProgress};
use service::work::{Period, ProgressInput};
use std::io::Read as _;
use std::process::Command;
use std::sync::{Arc, Mutex};

/// The commune pins the province's key, so that bundles and receipts from above can be checked.
fn enrol_superior(p: &mut Pair) {
    let (file, fingerprint) = p.province.public_key();
    p.commune.office.enrol_key(&p.commune.session, &file, PROVINCE, &fingerprint).expect("province key enrolled at the commune");
}

/// The commune's year, sent up and imported at the province.
fn year_up(p: &mut Pair) -> service::exchange::BundleReport {
    let (receipt, bytes) = p.export_up();
    p.province.import(&receipt.file_name, &bytes).expect("the commune's year imported")
}

/// A bundle down from the province to the commune, imported there.
fn down(p: &mut Pair) -> service::exchange::BundleReport {
    let code = p.commune.code();
    let out = p.out();
    let (receipt, bytes) = p.province.export_to(&code, &out);
    p.commune.import(&receipt.file_name, &bytes).expect("the province's bundle imported at the commune")
}

fn unzip(bytes: &[u8], name: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut content = Vec::new();
    archive.by_name(name).unwrap().read_to_end(&mut content).unwrap();
    content
}

fn repack(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    use std::io::Write as _;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in entries {
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        zip.start_file(*name, options).unwrap();
        zip.write_all(content).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// One more progress report of the commune's first target for December of the demo year.
fn report_december(side: &mut Side, value: &str) -> service::Result<()> {
    let target = side.targets(&side.code())[0].id;
    let input = ProgressInput {
        target_id: target,
        period: Period::Month(12),
        value: value.into(),
        comment: "Báo cáo bổ sung".into(),
        evidence: Vec::new(),
    };
    side.office.report_progress(&side.session, &input).map(|_| ())
}

// ---------------------------------------------------------------------------------------------------------------
// Receipts

#[test]
fn the_receiver_signs_a_receipt_that_minisign_checks_and_the_sender_records_once() {
    let mut p = pair(true);
    enrol_superior(&mut p);
    let code = p.commune.code();
    let imported = year_up(&mut p);
    let written: usize = imported.kinds.iter().map(|k| k.new + k.changed).sum();

    // Nothing to acknowledge for a bundle not accepted.
    let out = p.out();
    let none = p.province.office.write_receipt(&p.province.session, &code, 2, PASSWORD, &out);
    assert_eq!(code_of(none), "exchange.no_receipt");
    let wrong = p.province.office.write_receipt(&p.province.session, &code, 1, "sai mật khẩu", &out);
    assert_eq!(code_of(wrong), "exchange.wrong_password");

    let file = p.province.office.write_receipt(&p.province.session, &code, 1, PASSWORD, &out).expect("receipt written");
    assert_eq!(file.file_name, format!("{code}-{PROVINCE}-000001.bien-nhan.tdr"));
    let bytes = std::fs::read(&file.path).unwrap();

    // The stock tool checks it with the province's public key file, and the trusted comment names the bundle.
    let work = tempfile::tempdir().unwrap();
    std::fs::write(work.path().join("receipt.json"), unzip(&bytes, "receipt.json")).unwrap();
    std::fs::write(work.path().join("receipt.json.minisig"), unzip(&bytes, "receipt.json.minisig")).unwrap();
    std::fs::write(work.path().join("province.pub"), p.province.public_key().0).unwrap();
    let check = Command::new("minisign")
        .args(["-V", "-p", "province.pub", "-m", "receipt.json"])
        .current_dir(work.path())
        .output()
        .expect("minisign is installed (the test command installs it)");
    let said = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "minisign: {said} {}", String::from_utf8_lossy(&check.stderr));
    assert!(
        said.contains(&format!("source={code} destination={PROVINCE} sequence=1 manifest-sha256={}", imported.manifest_sha256)),
        "{said}"
    );

    // A changed byte in the receipt is refused at the commune, which records nothing: as damage (the zip's checksum)
    // or, repacked with a valid checksum, by the signature.
    let before = p.commune.data();
    let json = unzip(&bytes, "receipt.json");
    let at = json.windows(8).position(|w| w == b"accepted").expect("the outcome is in the receipt");
    let mut damaged = bytes.clone();
    let offset = damaged.windows(json.len()).position(|w| w == json.as_slice()).unwrap() + at;
    damaged[offset] = b'A';
    assert_eq!(code_of(p.commune.office.import_receipt(&p.commune.session, &damaged)), "exchange.receipt_invalid");
    let mut edited = json.clone();
    edited[at] = b'A';
    let forged = repack(&[("receipt.json", edited), ("receipt.json.minisig", unzip(&bytes, "receipt.json.minisig"))]);
    assert_eq!(code_of(p.commune.office.import_receipt(&p.commune.session, &forged)), "exchange.receipt_bad_signature");
    assert_eq!(code_of(p.commune.office.import_receipt(&p.commune.session, b"PK not a receipt")), "exchange.receipt_invalid");
    assert_same(&p.commune.data(), &before, "refused receipts record nothing");

    let recorded = p.commune.office.import_receipt(&p.commune.session, &bytes).expect("receipt recorded");
    assert!(recorded.newly_recorded);
    assert_eq!((recorded.sequence, recorded.outcome.as_str(), recorded.via.as_str()), (1, "accepted", "file"));
    assert_eq!(recorded.written as usize, written);
    let after = p.commune.data();
    let again = p.commune.office.import_receipt(&p.commune.session, &bytes).expect("the same receipt again");
    assert!(!again.newly_recorded);
    assert_same(&p.commune.data(), &after, "the same receipt again changes nothing");

    // The sibling commune's office did not send that bundle: the receipt is not its own.
    let listed = p.commune.office.received_receipts(&p.commune.session).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].manifest_sha256, imported.manifest_sha256);
}

#[test]
fn a_receipt_for_a_bundle_the_office_did_not_send_is_refused() {
    let mut p = pair(true);
    enrol_superior(&mut p);
    let code = p.commune.code();
    year_up(&mut p);
    let out = p.out();
    let file = p.province.office.write_receipt(&p.province.session, &code, 1, PASSWORD, &out).unwrap();
    let bytes = std::fs::read(&file.path).unwrap();

    // A second commune office from the same demo seed, with the same unit code but which never sent anything.
    let other_path = p.dir.path().join("other.db");
    service::demo::create_demo(&other_path, service::demo::DemoScale::Commune, common::COMMUNE_SEED, Some(PASSWORD)).unwrap();
    let mut other = Side::open(&other_path);
    let (file, fingerprint) = p.province.public_key();
    other.office.enrol_key(&other.session, &file, PROVINCE, &fingerprint).unwrap();
    let before = other.data();
    assert_eq!(code_of(other.office.import_receipt(&other.session, &bytes)), "exchange.receipt_unknown_bundle");
    assert_same(&other.data(), &before, "nothing recorded");
}

#[test]
fn receipts_travel_back_inside_the_next_bundle_down() {
    let mut p = pair(true);
    enrol_superior(&mut p);
    let imported = year_up(&mut p);
    let report = down(&mut p);
    assert_eq!(report.receipts, 1, "{report:?}");
    let listed = p.commune.office.received_receipts(&p.commune.session).unwrap();
    assert_eq!((listed.len(), listed[0].via.as_str()), (1, "bundle"));
    assert_eq!(listed[0].manifest_sha256, imported.manifest_sha256);
    // Not carried twice.
    let next = down(&mut p);
    assert_eq!(next.receipts, 0);
}

// ---------------------------------------------------------------------------------------------------------------
// Approvals

#[test]
fn an_approved_year_is_locked_at_the_province_and_once_it_travels_down_at_the_commune() {
    let mut p = pair(true);
    enrol_superior(&mut p);
    let code = p.commune.code();
    let input = |unit: &str, decision: &str| ApprovalInput {
        unit_code: unit.into(),
        year: DEMO_YEAR,
        decision: decision.into(),
        collective_level: Some("good".into()),
        approved_on: None,
    };

    // Nothing arrived yet: nothing to approve.
    let early = p.province.office.approve_year(&p.province.session, &input(&code, "Quyết định số 15-QĐ/TU"));
    assert_eq!(code_of(early), "approval.nothing_to_approve");
    year_up(&mut p);
    let blank = p.province.office.approve_year(&p.province.session, &input(&code, "  "));
    assert_eq!(code_of(blank), "approval.decision_required");
    let sibling = p.province.office.approve_year(&p.province.session, &input(SIBLING, "Quyết định số 16-QĐ/TU"));
    assert_eq!(code_of(sibling), "approval.nothing_to_approve");
    let bad_level = ApprovalInput { collective_level: Some("tốt".into()), ..input(&code, "Quyết định số 15-QĐ/TU") };
    assert_eq!(code_of(p.province.office.approve_year(&p.province.session, &bad_level)), "approval.bad_level");

    let approved = p.province.office.approve_year(&p.province.session, &input(&code, "Quyết định số 15-QĐ/TU")).expect("approved");
    assert!(approved.given_here);
    let twice = p.province.office.approve_year(&p.province.session, &input(&code, "Quyết định số 17-QĐ/TU"));
    assert_eq!(code_of(twice), "approval.already_approved");

    // A change the commune makes before it learns of the approval reaches the province as a conflict, not written.
    report_december(&mut p.commune, "1").expect("the commune does not know of the approval yet");
    let province_before = p.province.data();
    let (second, bytes) = p.export_up();
    let imported = p.province.import(&second.file_name, &bytes).expect("the bundle itself is accepted");
    let progress = imported.kinds.iter().find(|k| k.kind == "progress_reports").unwrap();
    assert_eq!((progress.new, progress.changed, progress.conflicting), (0, 0, 1), "{imported:?}");
    assert!(imported.conflicts[0].reason.contains("phê duyệt"), "{:?}", imported.conflicts);
    let after = p.province.data();
    assert_eq!(after["progress_reports"], province_before["progress_reports"], "the locked year did not change");

    // The approval travels down; from then on the commune's own screens cannot change that year.
    let report = down(&mut p);
    let approvals = report.kinds.iter().find(|k| k.kind == "period_approvals").expect("the approval travelled");
    assert_eq!(approvals.new, 1);
    let at_commune = p.commune.office.approvals(&p.commune.session).unwrap();
    assert_eq!(at_commune.len(), 1);
    assert_eq!(
        (at_commune[0].unit_code.as_str(), at_commune[0].year, at_commune[0].given_here, at_commune[0].collective_level.as_deref()),
        (code.as_str(), DEMO_YEAR, false, Some("good"))
    );
    assert_eq!(at_commune[0].decision, "Quyết định số 15-QĐ/TU");
    let before = p.commune.data();
    let refused = report_december(&mut p.commune, "2").expect_err("locked");
    assert_eq!(refused.code(), "store.year_approved");
    assert!(refused.message(service::Lang::Vi).contains("đã được cấp trên phê duyệt"), "{}", refused.message(service::Lang::Vi));
    assert_same(&p.commune.data(), &before, "a refused edit of an approved year changes nothing");
}

// ---------------------------------------------------------------------------------------------------------------
// Keys over time

#[test]
fn a_rotated_key_is_announced_under_the_old_one_and_used_afterwards() {
    let mut p = pair(true);
    year_up(&mut p);
    let old = p.commune.public_key().1;
    let rotation = p.commune.office.rotate_key(&p.commune.session, PASSWORD).expect("rotated");
    assert!(!rotation.must_enrol_again);
    assert_ne!(rotation.fingerprint, old);
    // Another new key before the province has heard of this one would leave it no way to check the next bundle.
    let again = p.commune.office.rotate_key(&p.commune.session, PASSWORD);
    assert_eq!(code_of(again), "exchange.rotation_pending");

    // The next bundle is signed with the old key and carries the new one: the province pins it.
    report_december(&mut p.commune, "1").unwrap();
    let (second, bytes) = p.export_up();
    assert_eq!(second.counts.get("key_announcements"), Some(&1));
    let imported = p.province.import(&second.file_name, &bytes).expect("announcing bundle");
    assert_eq!(imported.key_announced.as_deref(), Some(rotation.key_id.as_str()));
    let pinned = p.province.office.enrolled_keys(&p.province.session).unwrap();
    assert_eq!(pinned[0].fingerprint, rotation.fingerprint);
    // The same file again is still "already imported", though the key that signed it is no longer the one pinned.
    let again = p.province.import(&second.file_name, &bytes).expect("the announcing bundle again");
    assert_eq!(again.verdict, "already_imported");

    // The one after is signed with the new key, and nothing announces any more.
    report_december(&mut p.commune, "2").unwrap();
    let (third, bytes) = p.export_up();
    assert!(!third.counts.contains_key("key_announcements"));
    let signed_by = exchange::UnverifiedBundle::open(&bytes, &exchange::Limits::default()).unwrap().claimed().source_key_id.clone();
    assert_eq!(signed_by, rotation.key_id);
    p.province.import(&third.file_name, &bytes).expect("signed with the new key");
    // Announced everywhere: another rotation is fine.
    p.commune.office.rotate_key(&p.commune.session, PASSWORD).expect("a second rotation once the first was announced");
}

#[test]
fn a_revoked_key_is_refused_and_the_revocation_travels_down_until_a_new_key_is_enrolled() {
    let mut p = pair(true);
    enrol_superior(&mut p);
    let code = p.commune.code();
    year_up(&mut p);

    let blank = p.province.office.revoke_key(&p.province.session, &code, " ");
    assert_eq!(code_of(blank), "exchange.revocation_reason_required");
    let revoked = p.province.office.revoke_key(&p.province.session, &code, "Mất máy tính ở văn phòng xã").expect("revoked");
    assert_eq!(revoked.unit_code, code);

    // A bundle signed with the revoked key is refused with the reason; the province's data stays as it was.
    report_december(&mut p.commune, "1").unwrap();
    let (second, bytes) = p.export_up();
    let before = p.province.data();
    let refused = p.province.import(&second.file_name, &bytes).expect_err("revoked key");
    assert_eq!(refused.code(), "exchange.key_revoked");
    assert!(refused.message(service::Lang::Vi).contains("Mất máy tính"), "{}", refused.message(service::Lang::Vi));
    assert_same(&p.province.data(), &before, "refused");

    // The revocation travels down; the commune then refuses to sign with its own revoked key.
    let report = down(&mut p);
    assert_eq!(report.revocations, 1);
    let out = p.out();
    let own = p.commune.office.export_bundle(&p.commune.session, PROVINCE, PASSWORD, &out);
    assert_eq!(code_of(own), "exchange.own_key_revoked");

    // A new key, enrolled again with its fingerprint, continues the same chain.
    let rotation = p.commune.office.rotate_key(&p.commune.session, PASSWORD).unwrap();
    assert!(rotation.must_enrol_again);
    let (file, fingerprint) = p.commune.public_key();
    assert_eq!(fingerprint, rotation.fingerprint);
    let enrolled = p.province.office.enrol_key(&p.province.session, &file, &code, &fingerprint).expect("new key enrolled");
    assert!(enrolled.newly_enrolled);
    // The bundle made with the old key was never accepted: the next one skips its number, accepted with a reason.
    let (third, bytes) = p.export_up();
    assert_eq!(third.sequence, 3);
    let options = ImportOptions { allow_gap: Some("gói số 2 ký bằng khoá đã thu hồi".into()), ..Default::default() };
    let imported = p.province.office.import_bundle_with(&p.province.session, &third.file_name, &bytes, &options).expect("new key");
    assert_eq!(imported.sequence, 3);
}

#[test]
fn an_office_that_lost_everything_is_re_enrolled_with_a_new_chain_and_its_old_chain_stays_closed() {
    let mut p = pair(true);
    enrol_superior(&mut p);
    let code = p.commune.code();
    let name = p.commune.office.summary(&p.commune.session).unwrap().unit_name;
    year_up(&mut p);
    down(&mut p);
    report_december(&mut p.commune, "1").unwrap();
    let (undelivered, undelivered_bytes) = p.export_up();

    // The commune's PC dies with its database, its key and its recovery sheet: the office is set up again.
    let fresh_path = p.dir.path().join("commune-again.db");
    let new = service::NewOffice {
        unit_name: name,
        unit_code: code.clone(),
        level: "commune".into(),
        parent_code: Some(PROVINCE.into()),
        admin: "admin".into(),
    };
    drop(service::create_office(&fresh_path, &new, PASSWORD).unwrap());
    let mut fresh = Side::open(&fresh_path);
    let (province_file, province_fingerprint) = p.province.public_key();
    fresh.office.enrol_key(&fresh.session, &province_file, PROVINCE, &province_fingerprint).unwrap();
    let (file, fingerprint) = fresh.public_key();
    let province = &mut p.province;
    assert_eq!(code_of(province.office.enrol_key(&province.session, &file, &code, &fingerprint)), "exchange.key_already_enrolled");
    // Re-enrolment never pushes a working key aside, and says why it was needed.
    let reason = "Máy tính của xã hỏng, mất toàn bộ dữ liệu";
    let refused = province.office.reenrol_key(&province.session, &file, &code, &fingerprint, reason);
    assert_eq!(code_of(refused), "exchange.reenrolment_needs_revocation");
    province.office.revoke_key(&province.session, &code, reason).unwrap();
    assert_eq!(
        code_of(province.office.reenrol_key(&province.session, &file, &code, &fingerprint, "  ")),
        "exchange.reenrolment_reason_required"
    );
    let wrong = province.office.reenrol_key(&province.session, &file, &code, "AAAA-BBBB-CCCC-DDDD", reason);
    assert_eq!(code_of(wrong), "exchange.fingerprint_mismatch");

    // Enrolled the ordinary way, the new key would continue the old chain: the new office's number 1 is a replay.
    province.office.enrol_key(&province.session, &file, &code, &fingerprint).unwrap();
    let out = p.dir.path().join("out-again");
    std::fs::create_dir_all(&out).unwrap();
    let (first, first_bytes) = fresh.export_to(PROVINCE, &out);
    assert_eq!(first.sequence, 1);
    let province = &mut p.province;
    assert_eq!(code_of(province.import(&first.file_name, &first_bytes)), "exchange.bundle_replay");

    // Re-enrolled with a new chain, it is taken as the first bundle of that chain.
    let enrolled = province.office.reenrol_key(&province.session, &file, &code, &fingerprint, reason).expect("re-enrolled");
    assert_eq!(enrolled.unit_code, code);
    let report = province.import(&first.file_name, &first_bytes).expect("the new chain's first bundle");
    assert_eq!(report.sequence, 1);
    // The old chain stays closed: its undelivered bundle, signed with the old key, is not the pinned key's.
    let before = province.data();
    assert_eq!(code_of(province.import(&undelivered.file_name, &undelivered_bytes)), "exchange.bundle_wrong_key");
    assert_same(&province.data(), &before, "the old chain's bundle");
    // Down, the province starts at 1 again and the new office takes it.
    let (down_receipt, down_bytes) = province.export_to(&code, &out);
    assert_eq!(down_receipt.sequence, 1);
    fresh.import(&down_receipt.file_name, &down_bytes).expect("the new chain down");
    let entry = province.office.audit_trail(&province.session, 20).unwrap().into_iter().find(|e| e.action == "keys.reenrol").unwrap();
    assert!(
        entry.detail.contains(reason) && entry.detail.contains(&format!("{code}→{PROVINCE} #1, {PROVINCE}→{code} #1")),
        "{}",
        entry.detail
    );
}

// ---------------------------------------------------------------------------------------------------------------
// Progress

#[test]
fn an_import_reports_its_progress_up_to_every_record() {
    let mut p = pair(true);
    let (receipt, bytes) = p.export_up();
    let seen: Arc<Mutex<Vec<ImportProgress>>> = Arc::default();
    let sink = seen.clone();
    let options = ImportOptions { progress: Some(Arc::new(move |step| sink.lock().unwrap().push(step))), ..Default::default() };
    let report = p.province.office.import_bundle_with(&p.province.session, &receipt.file_name, &bytes, &options).unwrap();
    let records: usize = report.kinds.iter().map(|k| k.new + k.changed + k.unchanged + k.older + k.conflicting + k.matched).sum();
    let steps = seen.lock().unwrap().clone();
    assert_eq!(steps.first().map(|s| s.stage), Some("verify"));
    let last = steps.last().unwrap();
    assert_eq!((last.stage, last.done, last.total), ("done", records as u64, records as u64));
    let applied: Vec<u64> = steps.iter().filter(|s| s.stage == "apply").map(|s| s.done).collect();
    assert!(applied.len() > 10 && applied.len() <= 101, "{} steps", applied.len());
    assert!(applied.windows(2).all(|w| w[0] < w[1]), "done only grows");
}

// ---------------------------------------------------------------------------------------------------------------
// Passwords

#[test]
fn a_changed_password_opens_the_office_key_and_the_chain_with_the_superior_goes_on() {
    let mut p = pair(true);
    year_up(&mut p);
    let session = p.commune.session.clone();
    let new = "Mật khẩu mới 2027";

    // A wrong current password counts as a failed login; a short or unchanged new one is refused; nothing changes.
    let wrong = p.commune.office.change_password(&session, "không phải", new);
    assert_eq!(code_of(wrong), "auth.wrong_password");
    assert_eq!(code_of(p.commune.office.change_password(&session, PASSWORD, "ngắn")), "auth.password_too_short");
    assert_eq!(code_of(p.commune.office.change_password(&session, PASSWORD, PASSWORD)), "auth.password_unchanged");
    assert!(p.commune.office.login(Some(&session.username), PASSWORD).is_ok(), "the password is as before");

    // Only an administrator lists the accounts; no hash in what it lists.
    let viewer = service::Session::new("xem", service::Role::Viewer);
    assert_eq!(code_of(p.commune.office.users(&viewer)), "auth.forbidden");
    let users = p.commune.office.users(&session).unwrap();
    assert_eq!(
        users.iter().map(|u| (u.username.as_str(), u.role)).collect::<Vec<_>>(),
        vec![(session.username.as_str(), service::Role::Admin)]
    );
    let changed = p.commune.office.change_password(&session, PASSWORD, new).expect("changed");
    assert!(changed.office_keys_rewrapped, "the administrator's password wraps the office key");
    assert_eq!(code_of(p.commune.office.login(Some(&session.username), PASSWORD)), "auth.wrong_password");
    assert!(p.commune.office.login(Some(&session.username), new).is_ok());

    // The old password no longer opens the key; the new one signs the next bundle, which the province accepts in
    // the same chain (same key, next sequence).
    report_december(&mut p.commune, "3").expect("a change to send");
    let out = p.out();
    let old = p.commune.office.export_bundle(&session, PROVINCE, PASSWORD, &out);
    assert_eq!(code_of(old), "exchange.wrong_password");
    let receipt = p.commune.office.export_bundle(&session, PROVINCE, new, &out).expect("signed with the key the new password opens");
    let bytes = std::fs::read(&receipt.path).unwrap();
    let report = p.province.import(&receipt.file_name, &bytes).expect("the province accepts it in the same chain");
    assert!(report.kinds.iter().any(|k| k.kind == "progress_reports" && k.changed + k.new == 1), "{report:?}");
}
