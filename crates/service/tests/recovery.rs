//! Issue 15: every administrator's password forgotten. The recovery sheet's code gives an administrator a new
//! password and the office opens again with all it held; a wrong code, a clerk's account, an office without a
//! sheet, or an older sheet are refused and change nothing.

use thuocdo_service as service;

mod common;

use common::PASSWORD;
use service::{NewUser, Office, Role};

const NEW_PASSWORD: &str = "Mật khẩu sau khôi phục 2027";

fn code_of(error: service::ServiceError) -> String {
    error.code().to_string()
}

fn refusal<T>(outcome: service::Result<T>) -> String {
    match outcome {
        Ok(_) => panic!("expected a refusal"),
        Err(error) => code_of(error),
    }
}

#[test]
fn the_recovery_code_gives_an_administrator_a_new_password_and_nothing_else_does() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("office.db");
    common::new_province_office(&path);
    let (mut office, admin) = Office::unlock(&path, None, PASSWORD).unwrap();
    let clerk = NewUser { username: "nhaplieu".into(), role: Role::DataEntry, unit_code: None, password: "Nhập liệu 2026".into() };
    office.add_user(&admin, PASSWORD, &clerk).unwrap();

    // No sheet printed yet: nothing to recover with.
    let typed = exchange_code();
    assert_eq!(refusal(service::recover(&path, &typed, None, NEW_PASSWORD)), "auth.no_recovery_code");

    assert_eq!(code_of(office.new_recovery_code(&admin, "not the password").unwrap_err()), "exchange.wrong_password");
    let older = office.new_recovery_code(&admin, PASSWORD).unwrap();
    let code = office.new_recovery_code(&admin, PASSWORD).unwrap();
    let people_before = office.summary(&admin).unwrap().people;
    drop(office);
    let key_file = std::fs::read(format!("{}.keys", path.display())).unwrap();

    // Refusals change nothing, not even the key file.
    for (typed, user, expected) in [
        ("7K2M".to_string(), None, "exchange.bad_recovery_code"),
        (older.grouped(), None, "exchange.wrong_recovery_code"),
        (exchange_code(), None, "exchange.wrong_recovery_code"),
        (code.grouped(), Some("nhaplieu"), "auth.not_an_administrator"),
        (code.grouped(), Some("ai-do"), "auth.unknown_user"),
    ] {
        assert_eq!(refusal(service::recover(&path, &typed, user, NEW_PASSWORD)), expected, "{typed} for {user:?}");
        assert_eq!(std::fs::read(format!("{}.keys", path.display())).unwrap(), key_file);
    }
    assert_eq!(refusal(service::recover(&path, &code.grouped(), None, "ngắn")), "auth.password_too_short");

    // Typed from paper: lower case, spaces for dashes.
    let typed = code.grouped().to_lowercase().replace('-', " ");
    let (office, session) = service::recover(&path, &typed, None, NEW_PASSWORD).unwrap();
    assert_eq!(session.role, Role::Admin);
    assert_eq!(office.summary(&session).unwrap().people, people_before);
    drop(office);

    // The old password is gone, the new one opens, the recovery is in the audit trail; the sheet still works.
    assert_eq!(refusal(Office::unlock(&path, None, PASSWORD)), "auth.wrong_password");
    let (office, session) = Office::unlock(&path, None, NEW_PASSWORD).unwrap();
    let actions: Vec<String> = office.audit_trail(&session, 10).unwrap().into_iter().map(|e| e.action).collect();
    assert!(actions.contains(&"users.recover".to_string()) && actions.contains(&"recovery.new".to_string()), "{actions:?}");
    drop(office);
    Office::unlock(&path, Some("nhaplieu"), "Nhập liệu 2026").expect("other accounts keep their passwords");
}

/// A well-formed code that is not the office's.
fn exchange_code() -> String {
    ["0000"; 8].join("-")
}

#[test]
fn a_database_left_plain_at_login_asks_for_another_login_before_a_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("office.db");
    common::new_province_office(&path);
    common::decrypt_as_before_encryption(&path);
    // Another window holds the plain database: this login leaves it plain (and usable).
    let other = store::Store::open_existing(&path).unwrap();
    let (mut office, admin) = Office::unlock(&path, None, PASSWORD).unwrap();
    assert_eq!(store::file_kind(&path).unwrap(), store::FileKind::Plain);
    assert_eq!(refusal(office.new_recovery_code(&admin, PASSWORD)), "auth.not_yet_encrypted");
    drop((office, other));
    // Alone, the next login encrypts it and the sheet can be made.
    let (mut office, admin) = Office::unlock(&path, None, PASSWORD).unwrap();
    assert_eq!(store::file_kind(&path).unwrap(), store::FileKind::Encrypted);
    let code = office.new_recovery_code(&admin, PASSWORD).unwrap();
    drop(office);
    service::recover(&path, &code.grouped(), None, NEW_PASSWORD).expect("the sheet recovers");
}

#[test]
fn a_backup_made_after_the_sheet_comes_back_with_its_code_when_every_password_and_the_pc_are_gone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("office.db");
    common::new_province_office(&path);
    let (mut office, admin) = Office::unlock(&path, None, PASSWORD).unwrap();
    let clerk = NewUser { username: "nhaplieu".into(), role: Role::DataEntry, unit_code: None, password: "Nhập liệu 2026".into() };
    office.add_user(&admin, PASSWORD, &clerk).unwrap();
    let stick = dir.path().join("USB");
    let before_sheet = office.backup(&admin, &stick.join("cu"), false).unwrap();
    let code = office.new_recovery_code(&admin, PASSWORD).unwrap();
    let receipt = office.backup(&admin, &stick.join("moi"), false).unwrap();
    let people = office.summary(&admin).unwrap().people;
    drop(office);
    // A clerk's account cannot be given a password by the sheet: refused after the copy was checked, the database
    // in place goes back as it was, its key file too, and no kept copy is left behind.
    let files = |dir: &std::path::Path| {
        let mut names: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    };
    let keys_before = std::fs::read(format!("{}.keys", path.display())).unwrap();
    let listed_before = files(dir.path());
    let copy = std::path::Path::new(&receipt.path);
    let refused = service::backup::restore_backup_with_code(&path, copy, &code.grouped(), Some("nhaplieu"), NEW_PASSWORD);
    assert_eq!(refusal(refused), "auth.not_an_administrator");
    assert_eq!(std::fs::read(format!("{}.keys", path.display())).unwrap(), keys_before);
    assert_eq!(files(dir.path()), listed_before);
    drop(Office::unlock(&path, None, PASSWORD).expect("the database in place opens as before"));
    // The PC is gone.
    for suffix in ["", ".keys", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let old_copy = std::path::Path::new(&before_sheet.path);
    // A copy older than the sheet has no seal; a wrong code opens nothing; nothing is put in place.
    let typed = code.grouped();
    assert_eq!(refusal(service::backup::restore_backup_with_code(&path, old_copy, &typed, None, NEW_PASSWORD)), "backup.no_recovery_code");
    let wrong = ["0000"; 8].join("-");
    assert_eq!(refusal(service::backup::restore_backup_with_code(&path, copy, &wrong, None, NEW_PASSWORD)), "exchange.wrong_recovery_code");
    assert!(!path.exists());
    assert_eq!(
        refusal(service::backup::restore_backup_with_code(&path, copy, &typed, Some("nhaplieu"), NEW_PASSWORD)),
        "auth.not_an_administrator"
    );
    assert!(!path.exists() && !std::path::Path::new(&format!("{}.keys", path.display())).exists(), "nothing left where there was nothing");
    let shown = service::backup::inspect_backup_with_code(copy, &typed).unwrap();
    assert_eq!(shown.contents.people, people);

    service::backup::restore_backup_with_code(&path, copy, &typed.to_lowercase(), None, NEW_PASSWORD).expect("restored with the code");
    let (office, session) = Office::unlock(&path, None, NEW_PASSWORD).expect("the new password opens");
    let actions: Vec<String> = office.audit_trail(&session, 10).unwrap().into_iter().map(|e| e.action).collect();
    assert!(actions.contains(&"users.recover".to_string()) && actions.contains(&"backup.restore".to_string()), "{actions:?}");
}
