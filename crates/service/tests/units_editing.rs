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

/// The people on a unit's own roster and the posts held in it now.
fn roster_of(office: &Office, admin: &service::Session, code: &str) -> Vec<service::roster::RosterItem> {
    office.roster(admin).unwrap().into_iter().filter(|p| p.unit_code == code).collect()
}

#[test]
fn units_merged_into_another_bring_their_people_and_are_kept_closed_with_their_history() {
    let (_dir, mut office, admin) = commune();
    let units = office.units(&admin, domain::Lang::Vi).unwrap();
    let agencies: Vec<UnitItem> = units.iter().filter(|u| u.level == "agency" && u.headcount > 0).cloned().collect();
    let (a, b, into) = (agencies[0].clone(), agencies[1].clone(), agencies[2].clone());
    // A department under the first agency goes along.
    let department =
        NewUnit { code: "TO-MOT-CUA".into(), name: "Tổ một cửa".into(), level: "department".into(), parent_code: a.code.clone() };
    office.add_unit(&admin, &department).unwrap();
    let people_before = office.roster(&admin).unwrap().len();
    let moving: Vec<uuid::Uuid> = [&a, &b].iter().flat_map(|u| roster_of(&office, &admin, &u.code)).map(|p| p.person_id).collect();
    let with_posts = [&a, &b].iter().flat_map(|u| roster_of(&office, &admin, &u.code)).filter(|p| p.position.is_some()).count();
    let on = chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();

    let outcome = office.merge_units(&admin, &[a.code.to_lowercase(), b.code.clone(), a.code.clone()], &into.code, Some(on)).unwrap();
    assert_eq!(outcome.merged, 2, "a code given twice is merged once");
    assert_eq!(outcome.people_moved, moving.len());
    assert_eq!(outcome.units_moved, 1);
    assert!(outcome.posts_ended >= with_posts, "{outcome:?}");

    let units = office.units(&admin, domain::Lang::Vi).unwrap();
    for merged in [&a, &b] {
        let now = unit(&units, &merged.code);
        assert_eq!(now.ended_on, Some(on));
        assert_eq!(now.merged_into_name.as_deref(), Some(into.name.as_str()));
        assert_eq!((now.headcount, now.editable), (0, false), "kept, empty and closed");
        let history = office.unit_history(&admin, &merged.code).unwrap();
        let last = history.last().unwrap();
        assert_eq!((last.kind, last.from.as_str(), last.to.as_str()), (UnitChangeKind::Merged, merged.name.as_str(), into.name.as_str()));
    }
    assert_eq!(unit(&units, "TO-MOT-CUA").parent_code.as_deref(), Some(into.code.as_str()));
    assert_eq!(office.roster(&admin).unwrap().len(), people_before, "nobody is lost");
    let there = roster_of(&office, &admin, &into.code);
    assert!(moving.iter().all(|id| there.iter().any(|p| p.person_id == *id)), "everyone of the merged units is in the new one");
    for person in there.iter().filter(|p| moving.contains(&p.person_id)) {
        assert_eq!(person.position, None, "their old post ended with the merger");
        let profile = office.person_profile(&admin, person.person_id).unwrap();
        assert!(profile.history.iter().all(|h| h.end_date.is_some()), "{:?}", profile.history);
    }

    // Closed units take nothing new.
    let ended = |r: service::Result<()>| assert_eq!(r.unwrap_err().code(), "org.unit_ended");
    ended(office.rename_unit(&admin, &a.code, "Tên mới"));
    ended(office.move_unit(&admin, "TO-MOT-CUA", &b.code));
    ended(
        office
            .add_unit(&admin, &NewUnit { code: "X1".into(), name: "X".into(), level: "department".into(), parent_code: a.code.clone() })
            .map(|_| ()),
    );
    ended(office.merge_units(&admin, std::slice::from_ref(&a.code), &into.code, Some(on)).map(|_| ()));
    let input = service::roster::PersonInput {
        full_name: "Lường Văn Ún".into(),
        birth_date: "1980".into(),
        gender: "Nam".into(),
        ethnicity: String::new(),
        unit_code: a.code.clone(),
        ..Default::default()
    };
    // A target for a year after the merger is refused for the closed unit, in words beside the unit field.
    let target = service::work::TargetText {
        year: "2026".into(),
        unit: a.code.clone(),
        code: "CT-1".into(),
        group: "Phát triển kinh tế - xã hội".into(),
        name: "Trồng rừng".into(),
        measure: "ha".into(),
        plan: "10".into(),
        ..Default::default()
    };
    let refused = office.save_target(&admin, &service::work::TargetInput { id: None, fields: target, person_id: None }).unwrap_err();
    let fields = refused.body(domain::Lang::Vi).fields;
    assert!(fields.iter().any(|f| f.field == "unit" && f.message.contains("đã sáp nhập hoặc giải thể từ 01/07/2025")), "{fields:?}");
    let refused = office.add_person(&admin, &input).unwrap_err();
    assert!(refused.body(domain::Lang::Vi).fields.iter().any(|f| f.field == "unit_code" && f.message.contains("sáp nhập")), "{refused:?}");
}

#[test]
fn a_merger_or_dissolution_outside_the_rules_changes_nothing() {
    let (dir, mut office, admin) = commune();
    let units = office.units(&admin, domain::Lang::Vi).unwrap();
    let root = units[0].clone();
    let agencies: Vec<UnitItem> = units.iter().filter(|u| u.level == "agency").cloned().collect();
    let (a, b) = (agencies[0].clone(), agencies[1].clone());
    office
        .add_unit(&admin, &NewUnit { code: "TO-A".into(), name: "Tổ A".into(), level: "department".into(), parent_code: a.code.clone() })
        .unwrap();
    let before = service::unlocked_store(&dir.path().join("thuocdo.db"), None, DEMO_PASSWORD).unwrap().read().content_dump().unwrap();
    let on = chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
    let code = |r: service::Result<service::MergeOutcome>| r.unwrap_err().code().to_string();

    assert_eq!(
        code(office.merge_units(&admin, std::slice::from_ref(&root.code), &a.code, Some(on))),
        "org.unit_cannot_merge",
        "the office's own unit stays"
    );
    assert_eq!(
        code(office.merge_units(&admin, std::slice::from_ref(&a.code), &a.code, Some(on))),
        "org.unit_cannot_merge",
        "not into itself"
    );
    assert_eq!(
        code(office.merge_units(&admin, std::slice::from_ref(&a.code), "TO-A", Some(on))),
        "org.unit_cannot_merge",
        "not into a unit below it"
    );
    assert_eq!(
        code(office.merge_units(&admin, std::slice::from_ref(&a.code), &root.code, Some(on))),
        "org.unit_cannot_merge",
        "only into the same level"
    );
    let tomorrow = chrono::Local::now().date_naive() + chrono::Days::new(1);
    assert_eq!(code(office.merge_units(&admin, std::slice::from_ref(&a.code), &b.code, Some(tomorrow))), "org.closing_date_in_future");
    assert_eq!(code(office.merge_units(&admin, std::slice::from_ref(&a.code), "KHONG-CO", Some(on))), "org.unknown_unit");
    let not_empty = office.dissolve_unit(&admin, &a.code, Some(on)).unwrap_err();
    assert_eq!(not_empty.code(), "org.unit_not_empty");
    assert!(not_empty.message(domain::Lang::Vi).contains("1 đơn vị trực thuộc"), "{}", not_empty.message(domain::Lang::Vi));
    assert_eq!(office.dissolve_unit(&admin, &root.code, Some(on)).unwrap_err().code(), "org.unit_cannot_close");
    let after = service::unlocked_store(&dir.path().join("thuocdo.db"), None, DEMO_PASSWORD).unwrap().read().content_dump().unwrap();
    assert_eq!(after, before, "nothing was written");

    // An empty unit dissolves, and says when in its history.
    office.dissolve_unit(&admin, "TO-A", Some(on)).unwrap();
    let units = office.units(&admin, domain::Lang::Vi).unwrap();
    assert_eq!(unit(&units, "TO-A").ended_on, Some(on));
    assert_eq!(unit(&units, "TO-A").merged_into_name, None);
    let last = office.unit_history(&admin, "TO-A").unwrap().pop().unwrap();
    assert_eq!((last.kind, last.to.as_str()), (UnitChangeKind::Dissolved, "01/07/2025"));
    // A dissolved unit below no longer keeps its parent from being dissolved.
    assert_eq!(office.dissolve_unit(&admin, &a.code, Some(on)).unwrap_err().code(), "org.unit_not_empty", "people are still there");
}
