//! Issue 15: an office with several people. Accounts made by an administrator, each role's refusals (and nothing
//! refused to whom it belongs), a data-entry account limited to its unit, organisation staff signing with the
//! office's one key, resets and deactivation — all through the service, on real SQLite files.

use thuocdo_service as service;

mod common;

use common::{code_of, pair, Pair, PASSWORD, PROVINCE};
use service::demo::DEMO_YEAR;
use service::{Lang, NewUser, Office, Role, Session};
use uuid::Uuid;

const STAFF_PASSWORD: &str = "Tổ chức 2026!";
const ENTRY_PASSWORD: &str = "Nhập liệu 2026";
const VIEWER_PASSWORD: &str = "Lãnh đạo 2026";

struct Office4 {
    pair: Pair,
    /// A unit below the commune, with a cadre in it, and a cadre outside it.
    scoped_unit: String,
    inside: Uuid,
    outside: Uuid,
}

fn add(office: &mut Office, admin: &Session, name: &str, role: Role, unit: Option<&str>, password: &str) {
    let new = NewUser { username: name.into(), role, unit_code: unit.map(str::to_string), password: password.into() };
    office.add_user(admin, PASSWORD, &new).unwrap_or_else(|e| panic!("{name} added: {}", e.message(Lang::En)));
}

/// The demo commune with an organisation staff member, a data-entry clerk limited to one unit below the commune,
/// a whole-office data-entry clerk and a leader who only reads.
fn office_of_four() -> Office4 {
    let mut pair = pair(true);
    let side = &mut pair.commune;
    let roster = side.office.roster(&side.session).unwrap();
    let scoped_unit = roster[0].unit_code.clone();
    assert_ne!(scoped_unit, side.code(), "a unit below the commune");
    let inside = roster[0].person_id;
    let outside = roster.iter().find(|r| r.unit_code != scoped_unit).expect("a cadre of another unit").person_id;
    let admin = side.session.clone();
    add(&mut side.office, &admin, "tochuc", Role::Organisation, None, STAFF_PASSWORD);
    add(&mut side.office, &admin, "nhaplieu", Role::DataEntry, Some(&scoped_unit), ENTRY_PASSWORD);
    add(&mut side.office, &admin, "nhaplieu2", Role::DataEntry, None, ENTRY_PASSWORD);
    add(&mut side.office, &admin, "lanhdao", Role::Viewer, None, VIEWER_PASSWORD);
    Office4 { pair, scoped_unit, inside, outside }
}

type UseCase = fn(&mut Office, &Session, &Office4Ids) -> service::Result<()>;

struct Office4Ids {
    inside: Uuid,
}

#[test]
fn each_role_is_refused_what_is_not_its_desk_and_nothing_that_is() {
    let mut o = office_of_four();
    let ids = Office4Ids { inside: o.inside };
    let office = &mut o.pair.commune.office;
    let sessions: Vec<(Role, Session)> = [
        (Role::Admin, None, PASSWORD),
        (Role::Organisation, Some("tochuc"), STAFF_PASSWORD),
        (Role::DataEntry, Some("nhaplieu"), ENTRY_PASSWORD),
        (Role::Viewer, Some("lanhdao"), VIEWER_PASSWORD),
    ]
    .into_iter()
    .map(|(role, name, password)| {
        let session = office.login(name, password).expect("logs in");
        assert_eq!(session.role, role);
        (role, session)
    })
    .collect();

    use Role::*;
    // What the issue asks of each desk, written out here rather than read from the code under test.
    let cases: Vec<(&str, &[Role], UseCase)> = vec![
        ("see the roster", &[Admin, Organisation, DataEntry, Viewer], |o, s, _| o.roster(s).map(drop)),
        ("see the meetings", &[Admin, Organisation, DataEntry, Viewer], |o, s, _| o.meetings(s).map(drop)),
        ("see the print settings", &[Admin, Organisation, DataEntry, Viewer], |o, s, _| o.print_settings(s).map(drop)),
        ("import a roster", &[Admin, Organisation], |o, s, _| {
            o.import_roster(s, std::path::Path::new("/nonexistent/ds.xlsx"), &Default::default()).map(drop)
        }),
        ("change the print settings", &[Admin], |o, s, _| {
            let settings = o.print_settings(s)?;
            o.save_print_settings(s, &settings)
        }),
        ("list the accounts", &[Admin], |o, s, _| o.users(s).map(drop)),
        ("plan a product", &[Admin, Organisation, DataEntry], |o, s, ids| {
            o.add_product(s, &common::product_input(ids.inside, "Báo cáo ma trận")).map(drop)
        }),
        ("open an evaluation period", &[Admin, Organisation], |o, s, _| {
            o.open_period(s, DEMO_YEAR + 1, service::work::Period::Month(1), Lang::Vi).map(drop)
        }),
        ("open a review meeting", &[Admin, Organisation], |o, s, _| {
            let input = service::evaluation::MeetingInput {
                year: DEMO_YEAR + 1,
                unit_code: "KHONG-CO".into(),
                held_on: "15/12/2027".into(),
                place: String::new(),
                chair: String::new(),
                secretary: String::new(),
            };
            o.open_meeting(s, &input, Lang::Vi).map(drop)
        }),
        ("lock a meeting", &[Admin], |o, s, _| o.lock_meeting(s, Uuid::nil())),
        ("receive a bundle", &[Admin, Organisation], |o, s, _| o.import_bundle(s, "x.tdb", b"").map(drop)),
        ("rotate the office key", &[Admin], |o, s, _| o.rotate_key(s, "not the password").map(drop)),
    ];
    for (what, allowed, run) in cases {
        for (role, session) in &sessions {
            let code = match run(office, session, &ids) {
                Ok(()) => "ok".to_string(),
                Err(e) => e.code().to_string(),
            };
            let forbidden = code == "auth.forbidden";
            assert_eq!(forbidden, !allowed.contains(role), "{what} as {role:?}: {code}");
        }
    }
}

#[test]
fn organisation_staff_sign_with_the_office_key_and_the_superior_takes_it() {
    let mut o = office_of_four();
    let out = o.pair.out();
    let staff = o.pair.commune.office.login(Some("tochuc"), STAFF_PASSWORD).unwrap();
    let admin_password_is_not_theirs = o.pair.commune.office.export_bundle(&staff, PROVINCE, PASSWORD, &out);
    assert_eq!(code_of(admin_password_is_not_theirs), "exchange.wrong_password");
    let receipt = o.pair.commune.office.export_bundle(&staff, PROVINCE, STAFF_PASSWORD, &out).expect("organisation staff sign");
    let bytes = std::fs::read(&receipt.path).unwrap();
    let report = o.pair.province.import("commune-1.tdb", &bytes).expect("the province takes the staff member's bundle");
    assert!(common::total(&report, "people") > 0);
    let data_entry = o.pair.commune.office.login(Some("nhaplieu2"), ENTRY_PASSWORD).unwrap();
    assert_eq!(code_of(o.pair.commune.office.export_bundle(&data_entry, PROVINCE, ENTRY_PASSWORD, &out)), "auth.forbidden");
}

#[test]
fn a_data_entry_account_edits_only_its_unit_and_never_the_whole_office() {
    let mut o = office_of_four();
    let office = &mut o.pair.commune.office;
    let clerk = office.login(Some("nhaplieu"), ENTRY_PASSWORD).unwrap();
    assert!(clerk.unit_scope.is_some());
    let admin = office.login(None, PASSWORD).unwrap();
    let before = office.products(&admin, o.outside, DEMO_YEAR, Lang::Vi).unwrap().products.len();
    office.add_product(&clerk, &common::product_input(o.inside, "Sản phẩm trong đơn vị")).expect("inside the unit");
    let outside = office.add_product(&clerk, &common::product_input(o.outside, "Sản phẩm ngoài đơn vị"));
    assert_eq!(code_of(outside), "auth.outside_unit");
    assert_eq!(office.products(&admin, o.outside, DEMO_YEAR, Lang::Vi).unwrap().products.len(), before, "nothing written");
    let sheet = office.import_products(&clerk, std::path::Path::new("/nonexistent.xlsx"), &Default::default());
    assert_eq!(code_of(sheet), "auth.whole_office_only");
    // The same clerk without a unit may plan for anyone.
    let whole = office.login(Some("nhaplieu2"), ENTRY_PASSWORD).unwrap();
    office.add_product(&whole, &common::product_input(o.outside, "Sản phẩm cả văn phòng")).expect("whole office");
    // The list says the scope in words.
    let users = office.users(&admin).unwrap();
    let scoped = users.iter().find(|u| u.username == "nhaplieu").unwrap();
    assert_eq!(scoped.unit_code.as_deref(), Some(o.scoped_unit.as_str()));
    assert!(scoped.unit_name.is_some());
}

#[test]
fn accounts_are_reset_changed_and_deactivated_and_the_office_never_loses_its_last_administrator() {
    let mut o = office_of_four();
    let office = &mut o.pair.commune.office;
    let admin = office.login(None, PASSWORD).unwrap();

    // Adding needs the administrator's own password (it opens the office secret); nothing is made without it.
    let new = NewUser { username: "khac".into(), role: Role::Viewer, unit_code: None, password: "Mật khẩu khác 1".into() };
    assert_eq!(code_of(office.add_user(&admin, "sai mật khẩu", &new)), "exchange.wrong_password");
    assert!(office.users(&admin).unwrap().iter().all(|u| u.username != "khac"));
    assert_eq!(code_of(office.add_user(&admin, PASSWORD, &NewUser { username: "tochuc".into(), ..new.clone() })), "users.exists");
    let scoped_viewer = NewUser { unit_code: Some(o.scoped_unit.clone()), ..new.clone() };
    assert_eq!(code_of(office.add_user(&admin, PASSWORD, &scoped_viewer)), "users.scope_only_for_data_entry");
    let short = NewUser { password: "ngắn".into(), ..new.clone() };
    assert_eq!(code_of(office.add_user(&admin, PASSWORD, &short)), "auth.password_too_short");

    // A forgotten password: the administrator sets a new one, the lock-out ends, and the account still signs.
    for _ in 0..6 {
        let _ = office.login(Some("tochuc"), "quên rồi");
    }
    assert_eq!(code_of(office.login(Some("tochuc"), STAFF_PASSWORD)), "auth.locked_out");
    office.reset_password(&admin, PASSWORD, "tochuc", "Mật khẩu mới 2027").unwrap();
    let staff = office.login(Some("tochuc"), "Mật khẩu mới 2027").expect("logs in after the reset");
    office.unlock_signing_key(&staff, "Mật khẩu mới 2027").expect("still opens the office key");
    assert_eq!(code_of(office.reset_password(&staff, "Mật khẩu mới 2027", "nhaplieu", "Mật khẩu xyz 1")), "auth.forbidden");

    // Changing one's own password re-wraps the office secret: the key opens with the new one only.
    office.change_password(&staff, "Mật khẩu mới 2027", "Mật khẩu thứ ba 3").unwrap();
    assert_eq!(code_of(office.unlock_signing_key(&staff, "Mật khẩu mới 2027")), "exchange.wrong_password");
    office.unlock_signing_key(&staff, "Mật khẩu thứ ba 3").expect("opens with the new password");

    // A role change counts from the next login.
    office.set_role(&admin, "lanhdao", Role::Organisation, None).unwrap();
    assert_eq!(office.login(Some("lanhdao"), VIEWER_PASSWORD).unwrap().role, Role::Organisation);

    // Deactivated: no login, still listed; reactivated: logs in again.
    office.deactivate_user(&admin, "nhaplieu").unwrap();
    assert_eq!(code_of(office.login(Some("nhaplieu"), ENTRY_PASSWORD)), "auth.deactivated");
    assert!(office.users(&admin).unwrap().iter().any(|u| u.username == "nhaplieu" && u.deactivated_at.is_some()));
    office.reactivate_user(&admin, "nhaplieu").unwrap();
    office.login(Some("nhaplieu"), ENTRY_PASSWORD).expect("reactivated");

    // The last active administrator stays one, and nobody deactivates themself.
    let admin_name = admin.username.clone();
    assert_eq!(code_of(office.deactivate_user(&admin, &admin_name)), "users.cannot_deactivate_self");
    assert_eq!(code_of(office.set_role(&admin, &admin_name, Role::Viewer, None)), "users.last_admin");
    office.set_role(&admin, "tochuc", Role::Admin, None).unwrap();
    let second = office.login(Some("tochuc"), "Mật khẩu thứ ba 3").unwrap();
    office.deactivate_user(&second, &admin_name).expect("another administrator may");
    assert_eq!(code_of(office.login(Some(&admin_name), PASSWORD)), "auth.deactivated");
    let log: Vec<String> = office.audit_trail(&second, 50).unwrap().into_iter().map(|e| e.action).collect();
    for action in ["users.add", "users.reset", "users.role", "users.deactivate", "users.reactivate", "users.password"] {
        assert!(log.iter().any(|a| a == action), "{action} is in the audit log: {log:?}");
    }
}

#[test]
fn an_office_made_before_the_office_secret_seals_its_key_at_the_first_login_and_keeps_it() {
    let mut p = pair(true);
    let key = p.commune.office.unlock_signing_key(&p.commune.session, PASSWORD).unwrap();
    let key_id = key.key_id().to_string();
    // As an office of the previous release stored it: a plain file, the key wrapped with the administrator's
    // password, no secret.
    let legacy = key.wrap(PASSWORD).unwrap();
    let path = p.commune.path.clone();
    drop(std::mem::replace(&mut p.commune.office, service::Office::unlock(&p.province.path, None, PASSWORD).unwrap().0));
    common::decrypt_as_before_encryption(&path);
    let conn = service::raw_database(&path, None, PASSWORD).unwrap();
    conn.execute("UPDATE office SET secret_key_wrapped = ?1", [&legacy]).unwrap();
    conn.execute("UPDATE users SET secret_wrapped = NULL", []).unwrap();
    drop(conn);

    let (mut office, admin) = Office::unlock(&path, None, PASSWORD).expect("the administrator logs in as before");
    assert!(office.users(&admin).unwrap()[0].holds_office_secret, "the secret is made at this login");
    assert_eq!(office.unlock_signing_key(&admin, PASSWORD).unwrap().key_id().to_string(), key_id, "the same key");
    // And the file is encrypted at that login, its key file beside it.
    assert_eq!(store::file_kind(&path).unwrap(), store::FileKind::Encrypted);
    let bytes = std::fs::read(&path).unwrap();
    assert!(!bytes.windows(b"SQLite format 3".len()).any(|w| w == b"SQLite format 3"));
    let log: Vec<String> = office.audit_trail(&admin, 20).unwrap().into_iter().map(|e| e.action).collect();
    assert!(log.iter().any(|a| a == "office.encrypt"), "{log:?}");
    add(&mut office, &admin, "tochuc", Role::Organisation, None, STAFF_PASSWORD);
    let staff = office.login(Some("tochuc"), STAFF_PASSWORD).unwrap();
    let out = p.out();
    let receipt = office.export_bundle(&staff, PROVINCE, STAFF_PASSWORD, &out).expect("the new account signs with the same key");
    p.province.import("commune-1.tdb", &std::fs::read(&receipt.path).unwrap()).expect("the province, which knows the old key, takes it");
}

#[test]
fn the_audit_trail_names_every_account_change_and_checks_intact() {
    let mut o = office_of_four();
    let office = &mut o.pair.commune.office;
    let admin = office.login(None, PASSWORD).unwrap();
    let verification = office.verify_audit(&admin).unwrap();
    assert!(verification.intact && verification.entries > 4 && verification.head.is_some(), "{verification:?}");
    let added: Vec<String> = office
        .audit_entries(&admin, &service::audit::AuditFilter { action: Some("users".into()), ..Default::default() })
        .unwrap()
        .into_iter()
        .map(|e| e.detail)
        .collect();
    assert_eq!(added, ["lanhdao viewer", "nhaplieu2 data_entry", "nhaplieu data_entry", "tochuc organisation"]);
    let viewer = office.login(Some("lanhdao"), VIEWER_PASSWORD).unwrap();
    assert_eq!(code_of(office.verify_audit(&viewer)), "auth.forbidden");

    let conn = service::raw_database(&o.pair.commune.path, None, PASSWORD).unwrap();
    conn.execute("UPDATE audit_log SET detail = 'tochuc viewer' WHERE detail = 'tochuc organisation'", []).unwrap();
    let broken = o.pair.commune.office.verify_audit(&admin).unwrap();
    assert!(!broken.intact && broken.edited_entry.is_some(), "{broken:?}");
}
