//! Relay through the service API, on real SQLite files: offices that keep a district tier (province ← district ←
//! commune). The district keeps each original it accepts from the commune and forwards it unchanged inside its own
//! next bundle upward, once; the province verifies the commune's own signature inside the district's bundle and
//! applies the commune's records under the commune's chain, in the same transaction. A relayed original that was
//! altered, or that comes from a commune whose key the province has not enrolled, refuses the whole import and
//! writes nothing.

use thuocdo_service as service;

mod common;

use exchange::bundle::{BundleBuilder, BundleHeader, Limits, UnverifiedBundle};
use exchange::OfficeKeyPair;
use serde_json::Value;
use service::exchange::{BundleReport, ExportReceipt};
use service::work::{Period, ProgressInput, TargetFilter, TargetInput, TargetLine, TargetText};
use service::{create_office, Lang, NewOffice, NewUnit, Office, Session};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const PASSWORD: &str = "Mật khẩu 2026";
const PROVINCE: &str = "SL";
const DISTRICT: &str = "HUYEN-TAMDUONG";
const COMMUNE: &str = "XA-HOANGLAU";
const YEAR: i32 = 2026;

struct Side {
    path: PathBuf,
    office: Office,
    session: Session,
}

impl Side {
    fn create(dir: &Path, code: &str, name: &str, level: &str, parent: Option<&str>) -> Side {
        let path = dir.join(format!("{code}.db"));
        let new = NewOffice {
            unit_name: name.into(),
            unit_code: code.into(),
            level: level.into(),
            parent_code: parent.map(Into::into),
            admin: "admin".into(),
        };
        drop(create_office(&path, &new, PASSWORD).expect("office created"));
        let (office, session) = Office::unlock(&path, None, PASSWORD).expect("administrator logs in");
        Side { path, office, session }
    }

    fn add_unit(&mut self, code: &str, name: &str, level: &str, parent: &str) {
        let unit = NewUnit { code: code.into(), name: name.into(), level: level.into(), parent_code: parent.into() };
        self.office.add_unit(&self.session, &unit).unwrap();
    }

    /// Pins `other`'s key here for the unit `code`.
    fn enrol(&mut self, other: &Side, code: &str) {
        let file = other.office.public_key_file(&other.session).unwrap();
        let fingerprint = other.office.summary(&other.session).unwrap().fingerprint;
        self.office.enrol_key(&self.session, &file, code, &fingerprint).expect("key enrolled");
    }

    fn key_pair(&self) -> OfficeKeyPair {
        self.office.unlock_signing_key(&self.session, PASSWORD).unwrap()
    }

    fn targets(&self, unit: &str) -> Vec<TargetLine> {
        let filter = TargetFilter { year: YEAR, unit_code: Some(unit.into()), as_of: None };
        self.office.targets(&self.session, &filter, Lang::Vi).unwrap()
    }

    fn export_to(&mut self, destination: &str, dir: &Path) -> (ExportReceipt, Vec<u8>) {
        let receipt = self.office.export_bundle(&self.session, destination, PASSWORD, dir).expect("bundle exported");
        let bytes = std::fs::read(&receipt.path).unwrap();
        (receipt, bytes)
    }

    fn import(&mut self, name: &str, bytes: &[u8]) -> service::Result<BundleReport> {
        self.office.import_bundle(&self.session, name, bytes)
    }

    /// Every row of every table but the bundle log (which notes refusals too).
    fn data(&self) -> BTreeMap<String, Vec<String>> {
        let mut dump = service::unlocked_store(&self.path, None, PASSWORD).unwrap().read().content_dump().unwrap();
        dump.remove("bundle_log");
        dump
    }
}

struct Tiers {
    dir: TempDir,
    commune: Side,
    district: Side,
    province: Side,
}

impl Tiers {
    fn out(&self) -> PathBuf {
        let out = self.dir.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        out
    }
}

/// A commune below a district below a province, each its own office. The commune has one target with two months
/// reported; the district knows the commune and has its key; the province knows both units and the district's key,
/// and the commune's key when `enrol_commune` is set.
fn tiers(enrol_commune: bool) -> Tiers {
    let dir = tempfile::tempdir().unwrap();
    let mut commune = Side::create(dir.path(), COMMUNE, "Xã Hoàng Lâu", "commune", Some(DISTRICT));
    let mut district = Side::create(dir.path(), DISTRICT, "Huyện Tam Dương", "district", Some(PROVINCE));
    let mut province = Side::create(dir.path(), PROVINCE, "Tỉnh Sông Lam", "province", None);
    district.add_unit(COMMUNE, "Xã Hoàng Lâu", "commune", DISTRICT);
    province.add_unit(DISTRICT, "Huyện Tam Dương", "district", PROVINCE);
    province.add_unit(COMMUNE, "Xã Hoàng Lâu", "commune", DISTRICT);
    district.enrol(&commune, COMMUNE);
    province.enrol(&district, DISTRICT);
    if enrol_commune {
        province.enrol(&commune, COMMUNE);
    }

    let fields = TargetText {
        year: YEAR.to_string(),
        unit: COMMUNE.into(),
        code: "1.1".into(),
        group: "Xây dựng Đảng và hệ thống chính trị".into(),
        name: "Kết nạp đảng viên mới".into(),
        measure: "đảng viên".into(),
        plan: "20".into(),
        ..TargetText::default()
    };
    let target = commune.office.save_target(&commune.session, &TargetInput { id: None, fields, person_id: None }).unwrap();
    for (month, value) in [(1, "3"), (2, "4")] {
        let input = ProgressInput {
            target_id: target,
            period: Period::Month(month),
            value: value.into(),
            comment: String::new(),
            evidence: vec![],
        };
        commune.office.report_progress(&commune.session, &input).unwrap();
    }
    Tiers { dir, commune, district, province }
}

/// The commune's first bundle accepted at the district, and the district's bundle upward that relays it.
fn relayed_up(t: &mut Tiers) -> (ExportReceipt, Vec<u8>, Vec<u8>) {
    let out = t.out();
    let (up, up_bytes) = t.commune.export_to(DISTRICT, &out);
    assert_eq!((up.destination_unit.as_str(), up.sequence), (DISTRICT, 1));
    let at_district = t.district.import(&up.file_name, &up_bytes).expect("the district accepts the commune's bundle");
    assert!(at_district.relayed.is_empty());
    let (outer, outer_bytes) = t.district.export_to(PROVINCE, &out);
    (outer, outer_bytes, up_bytes)
}

/// The district's bundle rebuilt and signed again by the district, its relayed original replaced by `edit`'s.
fn with_relayed(outer: &[u8], district: &OfficeKeyPair, edit: impl FnOnce(Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    let verified = UnverifiedBundle::open(outer, &Limits::default()).unwrap().verify(&district.public_key()).unwrap();
    let manifest = verified.manifest();
    let mut builder = BundleBuilder::new(common::header_of(manifest));
    for kind in verified.kinds() {
        builder.add_records(kind, verified.records(kind).unwrap()).unwrap();
    }
    let mut edit = Some(edit);
    for (name, bytes) in verified.relayed() {
        let bytes = edit.take().map_or_else(|| bytes.to_vec(), |edit| edit(bytes.to_vec()));
        builder.add_relayed(name, bytes).unwrap();
    }
    assert!(edit.is_none(), "the district's bundle relays an original");
    builder.finish(district).unwrap()
}

/// The commune's original rebuilt with `edit` applied to its records and signed with `key`.
fn forged(
    original: &[u8],
    verify_with: &OfficeKeyPair,
    key: &OfficeKeyPair,
    edit: impl FnOnce(&mut BTreeMap<String, Vec<Value>>),
) -> Vec<u8> {
    let verified = UnverifiedBundle::open(original, &Limits::default()).unwrap().verify(&verify_with.public_key()).unwrap();
    let manifest = verified.manifest();
    let mut records: BTreeMap<String, Vec<Value>> =
        verified.kinds().iter().map(|k| (k.to_string(), verified.records(k).unwrap())).collect();
    edit(&mut records);
    let mut builder = BundleBuilder::new(common::header_of(manifest));
    for (kind, values) in records {
        builder.add_records(&kind, values).unwrap();
    }
    builder.finish(key).unwrap()
}

/// Imports `bytes` at the province and checks that the whole import is refused with `code`, naming the relayed
/// file, and that nothing was written.
fn refused_at_province(t: &mut Tiers, bytes: &[u8], code: &str) -> service::ServiceError {
    let before = t.province.data();
    let preview = t.province.office.preview_bundle(&t.province.session, "district.tdb", bytes);
    let error = t.province.import("district.tdb", bytes).expect_err("refused");
    assert_eq!(error.code(), code, "{error}");
    assert_eq!(preview.expect_err("the preview refuses too").code(), code);
    let message = error.message(Lang::Vi);
    let relayed_name = format!("{COMMUNE}-{DISTRICT}-000001.tdb");
    assert!(message.contains(&relayed_name) && message.contains("chuyển tiếp"), "{message}");
    assert!(error.message(Lang::En).contains(&relayed_name));
    assert_eq!(t.province.data(), before, "a refused relay writes nothing");
    error
}

#[test]
fn the_province_verifies_the_communes_own_signature_inside_the_districts_bundle() {
    let mut t = tiers(true);
    let (outer, outer_bytes, original) = relayed_up(&mut t);
    let relayed_name = format!("{COMMUNE}-{DISTRICT}-000001.tdb");
    assert_eq!(outer.relayed, std::slice::from_ref(&relayed_name));

    // The original travels unchanged: the same bytes inside the district's bundle as the commune wrote.
    let inside = UnverifiedBundle::open(&outer_bytes, &Limits::default()).unwrap().verify(&t.district.key_pair().public_key()).unwrap();
    assert_eq!(inside.relayed(), [(relayed_name.as_str(), original.as_slice())]);

    let before = t.province.data();
    let preview = t.province.office.preview_bundle(&t.province.session, &outer.file_name, &outer_bytes).unwrap();
    assert_eq!(preview.relayed.len(), 1);
    assert_eq!(t.province.data(), before, "a preview writes nothing, relayed originals included");

    let report = t.province.import(&outer.file_name, &outer_bytes).expect("the province imports the district's bundle");
    assert_eq!((report.source_unit.as_str(), report.sequence), (DISTRICT, 1));
    let inner = &report.relayed[0];
    assert_eq!(
        (inner.file_name.as_str(), inner.source_unit.as_str(), inner.destination_unit.as_str()),
        (relayed_name.as_str(), COMMUNE, DISTRICT)
    );
    assert_eq!(inner.verdict, "next");
    let targets = inner.kinds.iter().find(|k| k.kind == "targets").unwrap();
    assert_eq!(targets.new, 1, "{inner:?}");

    // The commune's records, as the commune shows them.
    let (seen, own) = (t.province.targets(COMMUNE), t.commune.targets(COMMUNE));
    assert_eq!(seen.len(), 1);
    assert_eq!((seen[0].id, seen[0].plan, seen[0].actual, seen[0].reports), (own[0].id, own[0].plan, own[0].actual, own[0].reports));
    assert_eq!(seen[0].actual, Some(700));
    // The commune's chain at the province is its chain to the district.
    let read = service::unlocked_store(&t.province.path, None, PASSWORD).unwrap();
    let chain = read.read().chain(COMMUNE, DISTRICT).unwrap().expect("the commune's chain");
    assert_eq!(chain.last_sequence, 1);

    // Forwarded once: the district's next bundle relays nothing; the commune's next goes in the one after.
    let out = t.out();
    let (second, _) = t.district.export_to(PROVINCE, &out);
    assert!(second.relayed.is_empty(), "{second:?}");
    let (up2, up2_bytes) = t.commune.export_to(DISTRICT, &out);
    t.district.import(&up2.file_name, &up2_bytes).unwrap();
    let (third, third_bytes) = t.district.export_to(PROVINCE, &out);
    assert_eq!(third.relayed, [format!("{COMMUNE}-{DISTRICT}-000002.tdb")]);

    // The second district bundle skipped at the province: the gap is the district's, the relayed original not applied.
    let before = t.province.data();
    let gap = t.province.import(&third.file_name, &third_bytes).expect_err("the district's bundle 2 is missing");
    assert_eq!(gap.code(), "exchange.bundle_gap");
    assert_eq!(t.province.data(), before);
}

#[test]
fn an_original_already_imported_is_skipped_and_a_replayed_one_refuses_the_import() {
    let mut t = tiers(true);
    let (outer, outer_bytes, original) = relayed_up(&mut t);
    t.province.import(&outer.file_name, &outer_bytes).unwrap();

    // The district sends the same original again in its next bundle (built by hand): skipped as already imported.
    let district_key = t.district.key_pair();
    let relayed_name = format!("{COMMUNE}-{DISTRICT}-000001.tdb");
    let header = |sequence: u64, previous: &str| BundleHeader {
        source_unit: DISTRICT.into(),
        destination_unit: PROVINCE.into(),
        sequence,
        previous: Some(previous.to_string()),
        created_at: chrono::Utc::now(),
        ruleset: None,
        periods: vec![],
    };
    let mut builder = BundleBuilder::new(header(2, &outer.manifest_sha256));
    builder.add_relayed(&relayed_name, original.clone()).unwrap();
    let again = builder.build(&district_key).unwrap();
    let report = t.province.import(&again.file_name, &again.bytes).expect("an original already imported is skipped");
    assert_eq!(report.relayed[0].verdict, "already_imported");

    // The commune's bundle 2 goes in through the district; then its bundle 1 relayed again is a replay.
    let out = t.out();
    let (up2, up2_bytes) = t.commune.export_to(DISTRICT, &out);
    t.district.import(&up2.file_name, &up2_bytes).unwrap();
    let mut builder = BundleBuilder::new(header(3, &again.manifest_sha256));
    builder.add_relayed(&up2.file_name, up2_bytes).unwrap();
    let third = builder.build(&district_key).unwrap();
    t.province.import(&third.file_name, &third.bytes).unwrap();
    let mut builder = BundleBuilder::new(header(4, &third.manifest_sha256));
    builder.add_relayed(&relayed_name, original).unwrap();
    let replay = builder.build(&district_key).unwrap();
    refused_at_province(&mut t, &replay.bytes, "exchange.bundle_replay");
}

#[test]
fn a_tampered_relayed_original_refuses_the_whole_import() {
    let mut t = tiers(true);
    let (_, outer_bytes, _) = relayed_up(&mut t);
    let district_key = t.district.key_pair();

    // The commune's records altered (the plan raised) and the original signed again by the district: the
    // commune's pinned key does not check it.
    let commune_key = t.commune.key_pair();
    let altered = with_relayed(&outer_bytes, &district_key, |original| {
        forged(&original, &commune_key, &district_key, |records| {
            records.get_mut("targets").unwrap()[0]["plan"] = Value::from(100);
        })
    });
    let error = refused_at_province(&mut t, &altered, "exchange.bundle_wrong_key");
    assert!(matches!(error, service::ServiceError::Relayed { .. }), "{error:?}");
    assert!(t.province.targets(COMMUNE).is_empty());
    // (A flipped byte inside the original cannot even be packed: the bundle builder opens every relayed file, and
    // every byte of a bundle is pinned by the container or the signed manifest.)
}

#[test]
fn a_relayed_bundle_from_a_commune_the_province_has_not_enrolled_is_refused() {
    let mut t = tiers(false);
    let (_, outer_bytes, _) = relayed_up(&mut t);
    refused_at_province(&mut t, &outer_bytes, "exchange.bundle_unknown_source");
    assert!(t.province.targets(COMMUNE).is_empty());
    // Once the commune's key is enrolled, the same bundle imports.
    let (commune, province) = (&t.commune, &mut t.province);
    province.enrol(commune, COMMUNE);
    let report = t.province.import("district.tdb", &outer_bytes).expect("imported after enrolment");
    assert_eq!(report.relayed.len(), 1);
    assert_eq!(t.province.targets(COMMUNE).len(), 1);
}

#[test]
fn an_office_with_a_superior_forwards_a_relayed_original_only_inside_the_bundle_that_carried_it() {
    let mut t = tiers(true);
    // A province office that itself reports to a national office (TW): it relays what it accepts from below.
    let upper = t.dir.path().join("upper");
    std::fs::create_dir_all(&upper).unwrap();
    let mut province = Side::create(&upper, PROVINCE, "Tỉnh Sông Lam", "province", Some("TW"));
    province.add_unit(DISTRICT, "Huyện Tam Dương", "district", PROVINCE);
    province.add_unit(COMMUNE, "Xã Hoàng Lâu", "commune", DISTRICT);
    province.enrol(&t.district, DISTRICT);
    province.enrol(&t.commune, COMMUNE);

    let (outer, outer_bytes, _) = relayed_up(&mut t);
    let report = province.import(&outer.file_name, &outer_bytes).expect("the district's bundle with the commune's inside");
    assert_eq!(report.relayed.len(), 1);

    // Up to TW goes the district's bundle, which still holds the commune's original: not the commune's a second time.
    let out = t.out();
    let (up, up_bytes) = province.export_to("TW", &out);
    assert_eq!(up.relayed, [format!("{DISTRICT}-{PROVINCE}-000001.tdb")]);
    let sent = UnverifiedBundle::open(&up_bytes, &Limits::default()).unwrap().verify(&province.key_pair().public_key()).unwrap();
    let (_, district_bundle) = sent.relayed()[0];
    let district_key = t.district.key_pair().public_key();
    let inner = UnverifiedBundle::open(district_bundle, &Limits::default()).unwrap().verify(&district_key).unwrap();
    assert_eq!(inner.relayed().len(), 1, "the commune's original travels inside the district's");
}
