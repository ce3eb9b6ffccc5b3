//! Issue 16, the organisation tab: units listed with their headcounts, renamed and moved with the rules of the tree,
//! and each unit's history of those changes.

use thuocdo_service as service;

use service::demo::{create_demo, DemoScale, DEMO_PASSWORD};
use service::{NewUnit, NewUser, Office, Role, ServiceError, UnitChangeKind, UnitItem};

fn commune() -> (tempfile::TempDir, Office, service::Session) {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("thuocdo.db");
    create_demo(&database, DemoScale::Commune, 5, None).unwrap();
    let (office, admin) = Office::unlock(&database, None, DEMO_PASSWORD).unwrap();
    (dir, office, admin)
}

fn unit<'a>(units: &'a [UnitItem], code: &str) -> &'a UnitItem {
    units.iter().find(|u| u.code == code).unwrap_or_else(|| panic!("{code} is listed"))
}

#[test]
fn headcounts_add_up_the_tree_and_match_the_roster() {
    let (_dir, office, admin) = commune();
    let units = office.units(&admin, domain::Lang::Vi).unwrap();
    let people = office.summary(&admin).unwrap().people as usize;
    assert_eq!(units[0].depth, 0);
    assert_eq!(units[0].headcount_with_below, people, "the office's unit counts everyone");
    assert_eq!(units.iter().map(|u| u.headcount).sum::<usize>(), people, "each person is on one unit's roster");
    // Every unit's total is its own count plus its children's totals.
    for (i, u) in units.iter().enumerate() {
        let children: usize = units[i + 1..]
            .iter()
            .take_while(|below| below.depth > u.depth)
            .filter(|below| below.depth == u.depth + 1)
            .map(|below| below.headcount_with_below)
            .sum();
        assert_eq!(u.headcount_with_below, u.headcount + children, "{}", u.code);
    }
    assert!(units.iter().all(|u| u.editable), "the commune's own units are its to change");
}

#[test]
fn a_unit_is_renamed_and_moved_within_the_rules_and_its_history_says_so() {
    let (_dir, mut office, admin) = commune();
    let units = office.units(&admin, domain::Lang::Vi).unwrap();
    let root = units[0].code.clone();
    let agencies: Vec<String> = units.iter().filter(|u| u.level == "agency").map(|u| u.code.clone()).collect();
    let (first, second) = (agencies[0].clone(), agencies[1].clone());
    let new = NewUnit { code: "PHONG-THU".into(), name: "Tổ  thư ký".into(), level: "department".into(), parent_code: first.clone() };
    office.add_unit(&admin, &new).unwrap();

    office.rename_unit(&admin, "phong-thu", "Phòng Tổng hợp").unwrap();
    office.move_unit(&admin, "PHONG-THU", &second).unwrap();
    let units = office.units(&admin, domain::Lang::Vi).unwrap();
    let moved = unit(&units, "PHONG-THU");
    assert_eq!(moved.name, "Phòng Tổng hợp");
    assert_eq!(moved.parent_code.as_deref(), Some(second.as_str()));
    assert_eq!(moved.depth, unit(&units, &second).depth + 1);

    let history = office.unit_history(&admin, "PHONG-THU").unwrap();
    let kinds: Vec<UnitChangeKind> = history.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [UnitChangeKind::Added, UnitChangeKind::Renamed, UnitChangeKind::Moved]);
    assert_eq!((history[1].from.as_str(), history[1].to.as_str()), ("Tổ thư ký", "Phòng Tổng hợp"));
    assert_eq!(history[2].from, unit(&units, &first).name);
    assert_eq!(history[2].to, unit(&units, &second).name);
    assert!(history.iter().all(|c| c.username == "admin"));
    assert!(office.unit_history(&admin, &second).unwrap().is_empty(), "a unit's history is its own");

    // Refused, with nothing changed: an agency under a department, the office's own unit anywhere, an empty name.
    let before = office.units(&admin, domain::Lang::Vi).unwrap();
    assert!(matches!(office.move_unit(&admin, &first, "PHONG-THU"), Err(ServiceError::LevelNotBelowParent { .. })));
    assert!(matches!(office.move_unit(&admin, &root, &first), Err(ServiceError::UnitCannotMove { .. })));
    assert!(matches!(office.rename_unit(&admin, "PHONG-THU", "   "), Err(ServiceError::EmptyName)));
    assert!(matches!(office.move_unit(&admin, "KHONG-CO", &first), Err(ServiceError::UnknownUnit { .. })));
    let after = office.units(&admin, domain::Lang::Vi).unwrap();
    assert_eq!(
        before.iter().map(|u| (&u.code, &u.name, &u.parent_code)).collect::<Vec<_>>(),
        after.iter().map(|u| (&u.code, &u.name, &u.parent_code)).collect::<Vec<_>>()
    );
    assert_eq!(office.unit_history(&admin, "PHONG-THU").unwrap().len(), 3, "refusals leave no history");
}

#[test]
fn only_organisation_staff_change_units() {
    let (_dir, mut office, admin) = commune();
    let units = office.units(&admin, domain::Lang::Vi).unwrap();
    let agency = units.iter().find(|u| u.level == "agency").unwrap().code.clone();
    let new = NewUser { username: "lanhdao".into(), role: Role::Viewer, unit_code: None, password: "Lãnh đạo 2026!".into() };
    office.add_user(&admin, DEMO_PASSWORD, &new).unwrap();
    let viewer = office.login(Some("lanhdao"), "Lãnh đạo 2026!").unwrap();
    assert!(matches!(office.rename_unit(&viewer, &agency, "Tên khác"), Err(ServiceError::Forbidden { .. })));
    assert!(office.unit_history(&viewer, &agency).is_ok(), "anyone may read a unit's history");
}
