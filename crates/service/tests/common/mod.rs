//! What the exchange tests share: two offices on real SQLite files — a commune made by the demo generator and the
//! province above it, set up like `thuocdo init` — and comparisons of whole databases.
#![allow(dead_code)]

use thuocdo_service as service;

use exchange::OfficeKeyPair;
use service::demo::{create_demo, DemoScale, DEMO_YEAR};
use service::exchange::{BundleReport, ExportReceipt};
use service::work::{TargetFilter, TargetLine};
use service::{create_office, Lang, NewOffice, NewUnit, Office, Session};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tempfile::TempDir;
use uuid::Uuid;

pub const PASSWORD: &str = "Mật khẩu 2026";
pub const PROVINCE: &str = "SL";
pub const SIBLING: &str = "XA-BEN-CANH";

pub struct Side {
    pub path: PathBuf,
    pub office: Office,
    pub session: Session,
}

impl Side {
    pub fn open(path: &Path) -> Side {
        let (office, session) = Office::unlock(path, None, PASSWORD).expect("administrator logs in");
        Side { path: path.to_path_buf(), office, session }
    }

    pub fn code(&self) -> String {
        self.office.summary(&self.session).unwrap().unit_code
    }

    pub fn public_key(&self) -> (String, String) {
        let file = self.office.public_key_file(&self.session).unwrap();
        let fingerprint = self.office.summary(&self.session).unwrap().fingerprint;
        (file, fingerprint)
    }

    pub fn key_pair(&self) -> OfficeKeyPair {
        self.office.unlock_signing_key(&self.session, PASSWORD).unwrap()
    }

    pub fn targets(&self, unit: &str) -> Vec<TargetLine> {
        let filter = TargetFilter { year: DEMO_YEAR, unit_code: Some(unit.into()), as_of: None };
        self.office.targets(&self.session, &filter, Lang::Vi).unwrap()
    }

    pub fn export_to(&mut self, destination: &str, dir: &Path) -> (ExportReceipt, Vec<u8>) {
        let receipt = self.office.export_bundle(&self.session, destination, PASSWORD, dir).expect("bundle exported");
        let bytes = std::fs::read(&receipt.path).unwrap();
        (receipt, bytes)
    }

    pub fn import(&mut self, name: &str, bytes: &[u8]) -> service::Result<BundleReport> {
        self.office.import_bundle(&self.session, name, bytes)
    }

    /// Every row of every table but the bundle log (which notes refusals too).
    pub fn data(&self) -> BTreeMap<String, Vec<String>> {
        let mut dump = service::unlocked_store(&self.path, None, PASSWORD).unwrap().read().content_dump().unwrap();
        dump.remove("bundle_log");
        dump
    }

    pub fn last_log(&self) -> store::BundleLogRecord {
        service::unlocked_store(&self.path, None, PASSWORD).unwrap().read().bundle_log(1).unwrap().remove(0)
    }
}

/// Turns an office's encrypted database back into the plain file an office of an earlier release had, with no
/// key file beside it.
pub fn decrypt_as_before_encryption(path: &Path) {
    let conn = service::raw_database(path, None, PASSWORD).unwrap();
    let plain = path.with_extension("plain");
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    let application_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
    conn.execute("ATTACH DATABASE ?1 AS plain KEY ''", [plain.to_string_lossy()]).unwrap();
    conn.query_row("SELECT sqlcipher_export('plain')", [], |_| Ok(())).unwrap();
    conn.execute_batch(&format!(
        "PRAGMA plain.user_version = {version}; PRAGMA plain.application_id = {application_id}; DETACH DATABASE plain;"
    ))
    .unwrap();
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
    drop(conn);
    std::fs::rename(&plain, path).unwrap();
    for suffix in ["-wal", "-shm", ".keys"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    assert_eq!(store::file_kind(path).unwrap(), store::FileKind::Plain);
}

/// An empty province office (no units below it yet) whose administrator "admin" has `PASSWORD`.
pub fn new_province_office(path: &Path) {
    let new = NewOffice {
        unit_name: "Tỉnh Sông Lam".into(),
        unit_code: PROVINCE.into(),
        level: "province".into(),
        parent_code: None,
        admin: "admin".into(),
    };
    drop(create_office(path, &new, PASSWORD).expect("province office"));
}

pub struct Pair {
    pub dir: TempDir,
    pub commune: Side,
    pub province: Side,
}

/// A demo commune, and its province with the commune and a sibling below it; the commune's key enrolled there when
/// `enrol` is set.
/// The demo seed of the pair's commune (one whose chairman's breakthrough task is still under way at the year's end).
pub const COMMUNE_SEED: u64 = 8;

pub fn pair(enrol: bool) -> Pair {
    let dir = tempfile::tempdir().unwrap();
    let commune_path = dir.path().join("commune.db");
    let summary = create_demo(&commune_path, DemoScale::Commune, COMMUNE_SEED, Some(PASSWORD)).expect("demo commune");
    let commune = Side::open(&commune_path);
    assert_eq!(commune.office.summary(&commune.session).unwrap().superior_code.as_deref(), Some(PROVINCE));

    let province_path = dir.path().join("province.db");
    new_province_office(&province_path);
    let mut province = Side::open(&province_path);
    for (code, name) in [(summary.office_unit.as_str(), "Xã của bản demo"), (SIBLING, "Xã Bên Cạnh")] {
        let unit = NewUnit { code: code.into(), name: name.into(), level: "commune".into(), parent_code: PROVINCE.into() };
        province.office.add_unit(&province.session, &unit).unwrap();
    }
    let mut pair = Pair { dir, commune, province };
    if enrol {
        let (file, fingerprint) = pair.commune.public_key();
        let code = pair.commune.code();
        pair.province.office.enrol_key(&pair.province.session, &file, &code, &fingerprint).expect("commune key enrolled");
    }
    pair
}

impl Pair {
    pub fn out(&self) -> PathBuf {
        let out = self.dir.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        out
    }

    pub fn export_up(&mut self) -> (ExportReceipt, Vec<u8>) {
        let out = self.out();
        self.commune.export_to(PROVINCE, &out)
    }

    pub fn sibling_id(&self) -> Uuid {
        self.province.office.units(&self.province.session, Lang::Vi).unwrap().into_iter().find(|u| u.code == SIBLING).unwrap().id
    }
}

pub fn total(report: &BundleReport, kind: &str) -> usize {
    report.kinds.iter().find(|k| k.kind == kind).map_or(0, |k| k.new + k.changed + k.unchanged + k.older + k.conflicting + k.matched)
}

pub fn kind<'a>(report: &'a BundleReport, kind: &str) -> &'a service::exchange::KindCounts {
    report.kinds.iter().find(|k| k.kind == kind).unwrap_or_else(|| panic!("no {kind} in {report:?}"))
}

/// Compares two dumps, showing only the tables that differ and the rows that differ in them.
#[track_caller]
pub fn assert_same(after: &BTreeMap<String, Vec<String>>, before: &BTreeMap<String, Vec<String>>, what: &str) {
    let mut differences = Vec::new();
    for table in before.keys().chain(after.keys()).collect::<std::collections::BTreeSet<_>>() {
        let (a, b) = (before.get(table).cloned().unwrap_or_default(), after.get(table).cloned().unwrap_or_default());
        if a != b {
            let gone: Vec<_> = a.iter().filter(|r| !b.contains(r)).take(3).collect();
            let came: Vec<_> = b.iter().filter(|r| !a.contains(r)).take(3).collect();
            differences.push(format!("{table}: gone {gone:?}, came {came:?}"));
        }
    }
    assert!(differences.is_empty(), "{what}: {}", differences.join("\n"));
}

pub fn code_of<T: std::fmt::Debug>(result: service::Result<T>) -> String {
    result.expect_err("refused").code().to_string()
}

/// A bundle's header as its manifest states it, to rebuild the bundle (tampered with, or signed again).
pub fn header_of(manifest: &exchange::Manifest) -> exchange::BundleHeader {
    exchange::BundleHeader {
        source_unit: manifest.source.unit_code.clone(),
        destination_unit: manifest.destination.unit_code.clone(),
        sequence: manifest.sequence,
        previous: manifest.previous.clone(),
        created_at: manifest.created_at,
        ruleset: None,
        periods: manifest.periods.clone(),
    }
}

/// A bundle rebuilt with `edit` applied to its header and records, signed with `key`.
pub fn rebuilt(
    bytes: &[u8],
    key: &exchange::OfficeKeyPair,
    edit: impl FnOnce(&mut exchange::bundle::BundleHeader, &mut BTreeMap<String, Vec<serde_json::Value>>),
) -> Vec<u8> {
    let verified =
        exchange::bundle::UnverifiedBundle::open(bytes, &exchange::bundle::Limits::default()).unwrap().verify(&key.public_key()).unwrap();
    let manifest = verified.manifest();
    let mut header = header_of(manifest);
    let mut records: BTreeMap<String, Vec<serde_json::Value>> =
        verified.kinds().iter().map(|k| (k.to_string(), verified.records(k).unwrap())).collect();
    edit(&mut header, &mut records);
    let mut builder = exchange::bundle::BundleBuilder::new(header);
    for (kind, values) in records {
        builder.add_records(&kind, values).unwrap();
    }
    for sha in verified.attachments() {
        builder.add_attachment(verified.attachment(sha).unwrap().to_vec());
    }
    builder.finish(key).unwrap()
}

/// Imports `bytes` at the province and checks that it is refused with `code`, that nothing changed, and that the
/// refusal is in the bundle log.
pub fn refused(p: &mut Pair, name: &str, bytes: &[u8], code: &str) {
    let before = p.province.data();
    let preview = p.province.office.preview_bundle(&p.province.session, name, bytes);
    let error = p.province.import(name, bytes).expect_err("refused");
    assert!(error.code() == code || (code.ends_with('*') && error.code().starts_with(code.trim_end_matches('*'))), "{name}: {error}");
    assert_eq!(preview.expect_err("the preview refuses too").code(), error.code());
    assert!(!error.message(Lang::Vi).is_empty());
    assert_same(&p.province.data(), &before, name);
    let log = p.province.last_log();
    assert_eq!((log.outcome.as_str(), log.code.as_deref(), log.file_name.as_str()), ("refused", Some(error.code()), name));
}

/// A product planned for the year, as the plan form sends it.
pub fn product_input(person: Uuid, title: &str) -> service::work::ProductInput {
    service::work::ProductInput {
        person_id: person,
        year: DEMO_YEAR,
        period: None,
        title: title.into(),
        required: "1".into(),
        source: None,
        proposed: false,
        coefficient: String::new(),
        measure: String::new(),
        deadline: String::new(),
        kind: String::new(),
    }
}
