//! Issue 15: "Sao lưu" and restoring, on real SQLite files: a copy taken while the office is open gives back the
//! same data; a damaged or foreign copy is refused with nothing replaced; an open database is not swapped under a
//! window; the replaced file is kept.

use thuocdo_service as service;

mod common;

use common::{code_of, PASSWORD};
use service::backup::{inspect_backup, restore_backup};
use service::demo::{create_demo, DemoScale, DEMO_YEAR};
use service::{Lang, Office};
use std::collections::BTreeMap;
use std::path::Path;

fn dump(path: &Path) -> BTreeMap<String, Vec<String>> {
    let mut dump = service::unlocked_store(path, None, PASSWORD).unwrap().read().content_dump().unwrap();
    // The log notes the backup and the restore themselves.
    dump.remove("audit_log");
    dump
}

fn demo(dir: &Path) -> (std::path::PathBuf, Office, service::Session) {
    let path = dir.join("office.db");
    create_demo(&path, DemoScale::Commune, 5, Some(PASSWORD)).unwrap();
    let (office, session) = Office::unlock(&path, None, PASSWORD).unwrap();
    (path, office, session)
}

#[test]
fn a_backup_taken_while_open_restores_the_same_data_and_keeps_the_replaced_file() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut office, session) = demo(dir.path());
    let before = dump(&path);
    let summary = office.summary(&session).unwrap();
    assert!(summary.backup_due && summary.last_backup.is_none(), "a new office is reminded to back up");
    let folder = dir.path().join("USB stick/Sao lưu");
    let receipt = office.backup(&session, &folder, false).expect("backed up while open");
    assert!(receipt.path.ends_with(".tdbak"));
    let manifest = &receipt.manifest;
    assert_eq!(manifest.contents.people as usize, office.roster(&session).unwrap().len());
    let summary = office.summary(&session).unwrap();
    assert!(!summary.backup_due && summary.last_backup.is_some(), "{summary:?}");
    assert_eq!(manifest.sha256.len(), 64);
    assert!(Path::new(&format!("{}.json", receipt.path)).is_file(), "the manifest sits beside the copy");
    #[cfg(unix)]
    for file in [receipt.path.clone(), format!("{}.json", receipt.path)] {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600, "{file} is private");
    }

    // Work goes on after the copy…
    let person = office.roster(&session).unwrap()[0].person_id;
    let input = common::product_input(person, "Sản phẩm sau khi sao lưu");
    office.add_product(&session, &input).unwrap();
    assert_ne!(dump(&path), before);

    // …and restoring refuses while the office is open here, replacing nothing.
    assert_eq!(code_of(restore_backup(&path, Path::new(&receipt.path), None, PASSWORD)), "store.in_use");
    drop(office);

    let inspection = inspect_backup(Path::new(&receipt.path), None, PASSWORD).unwrap();
    assert!(inspection.manifest_found);
    assert_eq!(inspection.contents.people, manifest.contents.people);
    let report = restore_backup(&path, Path::new(&receipt.path), None, PASSWORD).expect("restored");
    assert_eq!(dump(&path), before, "the data is as at the backup");
    let kept = report.kept.expect("the replaced file is kept");
    let (kept_office, kept_session) = Office::unlock(Path::new(&kept), None, PASSWORD).unwrap();
    let titles: Vec<String> =
        kept_office.products(&kept_session, person, DEMO_YEAR, Lang::Vi).unwrap().products.into_iter().map(|p| p.title).collect();
    assert!(titles.iter().any(|t| t == "Sản phẩm sau khi sao lưu"), "the work after the backup is in the kept file");

    // The restored office opens with the same password, and its log says it was restored, chain intact.
    let (office, session) = Office::unlock(&path, None, PASSWORD).unwrap();
    let verification = office.verify_audit(&session).unwrap();
    assert!(verification.intact, "{verification:?}");
    assert_eq!(office.audit_trail(&session, 1).unwrap()[0].action, "backup.restore");
}

#[test]
fn a_damaged_or_foreign_copy_is_refused_and_nothing_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut office, session) = demo(dir.path());
    let folder = dir.path().join("copies");
    let receipt = office.backup(&session, &folder, false).unwrap();
    drop(office);
    let before = std::fs::read(&path).unwrap();

    // A byte changed in the copy: its hash no longer matches the manifest.
    let damaged = folder.join("damaged.tdbak");
    let mut bytes = std::fs::read(&receipt.path).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    std::fs::write(&damaged, &bytes).unwrap();
    std::fs::copy(format!("{}.json", receipt.path), folder.join("damaged.tdbak.json")).unwrap();
    assert_eq!(code_of(restore_backup(&path, &damaged, None, PASSWORD)), "backup.unreadable");

    // An encrypted copy without its manifest has no key file to open it with: refused, saying so.
    let cut = folder.join("cut.tdbak");
    std::fs::write(&cut, &std::fs::read(&receipt.path).unwrap()[..middle]).unwrap();
    let error = restore_backup(&path, &cut, None, PASSWORD).unwrap_err();
    assert_eq!(error.code(), "backup.unreadable");
    assert!(error.message(Lang::Vi).contains(".json"), "{}", error.message(Lang::Vi));

    // Not a database at all, and a file that is not there.
    let text = folder.join("notes.tdbak");
    std::fs::write(&text, "không phải cơ sở dữ liệu").unwrap();
    assert_eq!(code_of(restore_backup(&path, &text, None, PASSWORD)), "store.not_a_database");
    assert_eq!(code_of(restore_backup(&path, &folder.join("missing.tdbak"), None, PASSWORD)), "backup.unreadable");

    assert_eq!(std::fs::read(&path).unwrap(), before, "the database is byte for byte as before");
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("before-restore") || n.ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_lost_database_comes_back_from_the_stick() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut office, session) = demo(dir.path());
    let before = dump(&path);
    let receipt = office.backup(&session, &dir.path().join("usb"), false).unwrap();
    drop(office);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let report = restore_backup(&path, Path::new(&receipt.path), None, PASSWORD).expect("restored onto nothing");
    assert!(report.kept.is_none());
    assert_eq!(dump(&path), before);
}

#[test]
fn the_daily_backup_is_made_once_a_day_into_the_chosen_folder_and_says_when_the_stick_is_missing() {
    use service::automatic_backup::{AutomaticBackup, BackupSettings};
    let dir = tempfile::tempdir().unwrap();
    let (_, mut office, admin) = demo(dir.path());
    let stick = dir.path().join("USB").join("Sao lưu");
    // Copies are stamped with the clock; "today" is the local day of `now`.
    let now = chrono::Utc::now();
    // Off until an administrator switches it on.
    assert!(matches!(office.automatic_backup(&admin, now).unwrap(), AutomaticBackup::NotDue));
    let on = BackupSettings { folder: stick.display().to_string(), daily: true };
    for (settings, field) in [
        (BackupSettings { folder: "  ".into(), daily: true }, "folder"),
        (BackupSettings { folder: "Sao lưu".into(), daily: true }, "folder"),
    ] {
        match office.save_backup_settings(&admin, &settings) {
            Err(service::ServiceError::InvalidFields(issues)) => assert_eq!(issues[0].field, field),
            other => panic!("{other:?}"),
        }
    }
    office.save_backup_settings(&admin, &on).unwrap();
    assert_eq!(office.backup_settings(&admin).unwrap(), on);

    // The stick is not plugged in: nothing is made, and it says which folder it looked for.
    match office.automatic_backup(&admin, now).unwrap() {
        AutomaticBackup::FolderMissing { folder } => assert_eq!(folder, on.folder),
        other => panic!("{other:?}"),
    }
    std::fs::create_dir_all(&stick).unwrap();
    let receipt = match office.automatic_backup(&admin, now).unwrap() {
        AutomaticBackup::Made { receipt } => receipt,
        other => panic!("{other:?}"),
    };
    assert!(Path::new(&receipt.path).starts_with(&stick));
    // Once a day: opened again the same day, nothing more.
    assert!(matches!(office.automatic_backup(&admin, now).unwrap(), AutomaticBackup::NotDue));
    let copies = |dir: &Path| {
        std::fs::read_dir(dir).unwrap().filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "tdbak")).count()
    };
    assert_eq!(copies(&stick), 1);
    // The next day, a second copy; the audit trail names the setting.
    let next = match office.automatic_backup(&admin, now + chrono::Duration::days(1)).unwrap() {
        AutomaticBackup::Made { receipt } => receipt,
        other => panic!("{other:?}"),
    };
    assert_ne!(next.path, receipt.path, "a copy in the same second takes another name");
    // Both copies carry today's real stamp: rotation keeps the newest of the day.
    assert_eq!(copies(&stick), 1);
    assert!(Path::new(&next.path).is_file());
    let log: Vec<String> = office.audit_trail(&admin, 20).unwrap().into_iter().map(|e| e.action).collect();
    assert!(log.contains(&"backup.settings".to_string()), "{log:?}");

    // Only an administrator chooses the folder.
    let clerk = service::NewUser {
        username: "nhaplieu".into(),
        role: service::Role::DataEntry,
        unit_code: None,
        password: "Nhập liệu 2026".into(),
    };
    office.add_user(&admin, PASSWORD, &clerk).unwrap();
    let session = office.login(Some("nhaplieu"), "Nhập liệu 2026").unwrap();
    assert_eq!(code_of(office.save_backup_settings(&session, &BackupSettings::default())), "auth.forbidden");
}
