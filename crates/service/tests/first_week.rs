//! Issue 16, the first week: the demo is marked as demo, and an office leaves it for its real data without deleting a file: the demo
//! database is put aside beside it (with its key file) and the real office is set up where it was.

use thuocdo_service as service;

use service::demo::{create_demo, leave_demo, DemoScale, DEMO_PASSWORD};
use service::{create_office, NewOffice, Office};

/// A real commune office.
fn tan_lap() -> NewOffice {
    NewOffice {
        unit_name: "Đảng ủy xã Tân Lập".into(),
        unit_code: "XA-TANLAP".into(),
        level: "commune".into(),
        parent_code: Some("SL".into()),
        admin: "admin".into(),
    }
}

#[test]
fn the_demo_says_it_is_one_and_is_put_aside_for_the_real_office() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("thuocdo.db");
    create_demo(&database, DemoScale::Commune, 3, None).unwrap();
    let (office, admin) = Office::unlock(&database, None, DEMO_PASSWORD).unwrap();
    assert!(office.summary(&admin).unwrap().demo);

    let aside = leave_demo(office, &admin).unwrap();
    assert!(!database.exists(), "nothing is left where the demo was");
    assert!(aside.file_name().unwrap().to_string_lossy().starts_with("thuocdo.db.demo-"), "{}", aside.display());
    // The demo is kept and still opens.
    let (kept, session) = Office::unlock(&aside, None, DEMO_PASSWORD).unwrap();
    assert!(kept.summary(&session).unwrap().people > 0);
    drop(kept);

    // The real office is made where the demo was; it is not a demo, and it cannot be "left".
    let mut real = create_office(&database, &tan_lap(), "Mật khẩu 2026").unwrap();
    let admin = real.login(None, "Mật khẩu 2026").unwrap();
    assert!(!real.summary(&admin).unwrap().demo);
    let refused = leave_demo(real, &admin).unwrap_err();
    assert_eq!(refused.code(), "app.not_a_demo");
    assert!(database.exists(), "a real office is never moved");
}

/// The first steps of a real office are counted from its data: a new office has none done, and each is ticked by
/// the data that does it, however it got there.
#[test]
fn the_first_steps_of_a_new_office_are_ticked_by_its_data() {
    use chrono::Datelike;
    let dir = tempfile::tempdir().unwrap();
    let mut office = create_office(&dir.path().join("o.db"), &tan_lap(), "Mật khẩu 2026").unwrap();
    let admin = office.login(None, "Mật khẩu 2026").unwrap();
    let steps = office.first_steps(&admin).unwrap();
    assert_eq!((steps.units, steps.people, steps.targets, steps.periods), (0, 0, 0, 0));
    assert_eq!((steps.superior_code.as_deref(), steps.superior_enrolled), (Some("SL"), false));
    assert_eq!(steps.year, chrono::Local::now().year());
    assert!(!steps.all_done());

    let unit = service::NewUnit {
        code: "XA-TANLAP-UB".into(),
        name: "UBND xã Tân Lập".into(),
        level: "agency".into(),
        parent_code: "XA-TANLAP".into(),
    };
    office.add_unit(&admin, &unit).unwrap();
    let steps = office.first_steps(&admin).unwrap();
    assert_eq!(steps.units, 1, "the office's own unit is not counted, the one added is");

    // The demo has every step but the superior's key (its superior is not an office on this PC).
    let demo = dir.path().join("demo.db");
    create_demo(&demo, DemoScale::Commune, 3, None).unwrap();
    let (office, admin) = Office::unlock(&demo, None, DEMO_PASSWORD).unwrap();
    let steps = office.first_steps(&admin).unwrap();
    assert!(steps.units > 0 && steps.people > 0, "{steps:?}");
}
