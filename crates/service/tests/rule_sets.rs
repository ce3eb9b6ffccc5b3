//! Rule sets an office loads (issue 14), on real SQLite files: a file checked with every problem named and nothing
//! kept when refused, versions kept apart, a province's set and choice travelling down in a signed bundle and
//! applying in the commune (which cannot override it), and hostile bundles that carry rule sets refused.

use thuocdo_service as service;

mod common;
use common::*;

use serde_json::Value;
use service::demo::DEMO_YEAR;
use service::Lang;

const DEFAULT: &str = include_str!("../../../assets/rulesets/qd366-nd335-2025.toml");
const HANOI: &str = include_str!("../../../assets/rulesets/hanoi-qd3814-2018.toml");

/// The default set under another code and version, with its Excellent band moved.
fn province_set(code: &str, version: u32, excellent_from: i64) -> String {
    DEFAULT
        .lines()
        .map(|line| if line.starts_with("version = ") { format!("version = {version}") } else { line.to_string() })
        .collect::<Vec<_>>()
        .join("\n")
        .replacen("code = \"qd366-nd335-2025\"", &format!("code = \"{code}\""), 1)
        .replacen("excellent_from = 90", &format!("excellent_from = {excellent_from}"), 1)
}

fn codes(side: &Side) -> Vec<(String, u32)> {
    side.office.rule_sets(&side.session, Lang::Vi).unwrap().into_iter().map(|r| (r.code, r.version)).collect()
}

#[test]
fn a_rule_set_file_is_checked_with_every_problem_named_and_kept_by_version() {
    let mut p = pair(false);
    let side = &mut p.province;
    let before = codes(side);
    let data_before = side.data();

    // Three mistakes, three problems named by key; nothing kept.
    let bad = province_set("tinh-thu-nghiem", 1, 90)
        .replace("good_from = 70", "good_from = \"70\"")
        .replace("completed_from = 50", "completed_frm = 50")
        .replace("min_raters = 3\n", "");
    let error = side.office.import_rule_set(&side.session, "tinh.toml", bad.as_bytes()).expect_err("refused");
    assert_eq!(error.code(), "rules.refused");
    let fields: Vec<String> = error.body(Lang::Vi).fields.into_iter().map(|f| f.field).collect();
    for key in ["evaluation.good_from", "evaluation.completed_frm", "evaluation.completed_from", "feedback.min_raters"] {
        assert!(fields.contains(&key.to_string()), "{key} in {fields:?}");
    }
    let message = error.message(Lang::Vi);
    assert!(
        message.starts_with("Chưa nhập bộ quy tắc \"tinh.toml\": 4 chỗ cần sửa") && message.contains("Không có gì thay đổi"),
        "{message}"
    );
    assert_eq!(codes(side), before);
    assert_same(&side.data(), &data_before, "a refused rule set");

    // Numbers that do not fit together are named too.
    let shifted =
        province_set("tinh-thu-nghiem", 1, 90).replace("good_from = 70", "good_from = 95").replace("percent = 20", "percent = 120");
    let error = side.office.import_rule_set(&side.session, "tinh.toml", shifted.as_bytes()).expect_err("refused");
    let fields: Vec<String> = error.body(Lang::Vi).fields.into_iter().map(|f| f.field).collect();
    assert!(fields.contains(&"evaluation.excellent_from".into()) && fields.contains(&"quota.percent".into()), "{fields:?}");

    // A good file, saved by Notepad with a byte-order mark, is kept; the same file again changes nothing.
    let good = format!("\u{feff}{}", province_set("tinh-thu-nghiem", 1, 92));
    let imported = side.office.import_rule_set(&side.session, "tinh.toml", good.as_bytes()).unwrap();
    assert_eq!((imported.code.as_str(), imported.version, imported.already_held), ("tinh-thu-nghiem", 1, false));
    assert!(side.office.import_rule_set(&side.session, "tinh.toml", good.as_bytes()).unwrap().already_held);
    let item = side.office.rule_sets(&side.session, Lang::Vi).unwrap().into_iter().find(|r| r.code == "tinh-thu-nghiem").unwrap();
    assert!(item.origin.starts_with("Nhập từ tệp ngày"), "{}", item.origin);
    assert!(item.sources.iter().any(|s| s.contains("366-QĐ/TW")), "{:?}", item.sources);
    assert!(item.summary.contains("Xuất sắc từ 92"), "{}", item.summary);
    assert!(item.unconfirmed.contains(&"products.quality_weight".to_string()));
    assert!(item.chosen_for.is_empty(), "imported is not chosen");

    // The same version with other numbers is a clash; a new version is kept beside the old; an older one is refused.
    let clash = province_set("tinh-thu-nghiem", 1, 95);
    assert_eq!(side.office.import_rule_set(&side.session, "tinh.toml", clash.as_bytes()).unwrap_err().code(), "rules.version_clash");
    side.office.import_rule_set(&side.session, "tinh-v2.toml", province_set("tinh-thu-nghiem", 2, 95).as_bytes()).unwrap();
    let item = side.office.rule_sets(&side.session, Lang::Vi).unwrap().into_iter().find(|r| r.code == "tinh-thu-nghiem").unwrap();
    assert_eq!((item.version, item.versions.clone()), (2, vec![1, 2]));
    assert_eq!(side.office.import_rule_set(&side.session, "tinh.toml", good.as_bytes()).unwrap_err().code(), "rules.older");

    // A file that is not text at all.
    let error = side.office.import_rule_set(&side.session, "anh.toml", &[0xff, 0xd8, 0xff, 0xe0, 0x00]).unwrap_err();
    assert!(error.message(Lang::Vi).contains("không phải văn bản UTF-8"), "{}", error.message(Lang::Vi));
}

#[test]
fn hanoi_bonus_points_count_in_the_period_and_are_none_unless_given() {
    let mut p = pair(false);
    let side = &mut p.commune;
    let hanoi = HANOI.replacen("code = \"hanoi-qd3814-2018\"", "code = \"hanoi-thu-nghiem\"", 1);
    side.office.import_rule_set(&side.session, "hanoi.toml", hanoi.as_bytes()).unwrap();
    side.office.choose_rule_set(&side.session, "*", Some("hanoi-thu-nghiem")).unwrap();
    let unit = side.code();
    let period = side.office.open_period(&side.session, DEMO_YEAR + 1, domain::targets::Period::Month(1), Lang::Vi).unwrap();
    let sheet = side.office.period_sheet(&side.session, period.id, &unit, Lang::Vi).unwrap();
    assert_eq!(sheet.general_points, 30, "20 general + 10 bonus");
    let row = &sheet.rows[0];
    let bonus = row.criteria.iter().find(|c| c.bonus).expect("a bonus item");
    assert_eq!(bonus.max, 10);
    let general: i64 = row.criteria.iter().filter(|c| !c.bonus).map(|c| c.max).sum();
    assert_eq!(general, 20);

    // Full general points and no bonus typed: 20; with 6 bonus points: 26.
    let mut points: std::collections::BTreeMap<String, String> =
        row.criteria.iter().filter(|c| !c.bonus).map(|c| (c.code.clone(), c.max.to_string())).collect();
    let input = |points: std::collections::BTreeMap<String, String>| service::evaluation::PeriodAssessmentInput {
        period_id: period.id,
        person_id: row.person_id,
        points,
        ..Default::default()
    };
    side.office.superior_assess(&side.session, &input(points.clone())).unwrap();
    let general_of = |side: &Side| {
        let sheet = side.office.period_sheet(&side.session, period.id, &unit, Lang::Vi).unwrap();
        sheet.rows.into_iter().find(|r| r.person_id == row.person_id).unwrap().superior_points
    };
    assert_eq!(general_of(side), Some(20.0));
    points.insert(bonus.code.clone(), "6".into());
    side.office.superior_assess(&side.session, &input(points.clone())).unwrap();
    assert_eq!(general_of(side), Some(26.0));
    points.insert(bonus.code.clone(), "11".into());
    let error = side.office.superior_assess(&side.session, &input(points)).unwrap_err();
    assert!(error.message(Lang::Vi).contains("từ 0 đến 10 điểm"), "{}", error.message(Lang::Vi));
}

#[test]
fn the_province_s_rule_set_travels_down_and_applies_in_the_commune() {
    let mut p = pair(true);
    let (file, fingerprint) = p.province.public_key();
    p.commune.office.enrol_key(&p.commune.session, &file, PROVINCE, &fingerprint).unwrap();
    let set = province_set("tinh-song-lam-2026", 1, 92);
    p.province.office.import_rule_set(&p.province.session, "tinh.toml", set.as_bytes()).unwrap();
    p.province.office.choose_rule_set(&p.province.session, "*", Some("tinh-song-lam-2026")).unwrap();

    let code = p.commune.code();
    let out = p.out();
    let (receipt, bytes) = p.province.export_to(&code, &out);
    let report = p.commune.import(&receipt.file_name, &bytes).expect("imported at the commune");
    assert_eq!((kind(&report, "rulesets").new, kind(&report, "ruleset_choices").new), (1, 1), "{report:?}");

    let item =
        p.commune.office.rule_sets(&p.commune.session, Lang::Vi).unwrap().into_iter().find(|r| r.code == "tinh-song-lam-2026").unwrap();
    assert_eq!((item.chosen_for.clone(), item.chosen_above.clone()), (vec!["*".to_string()], vec!["*".to_string()]));
    assert!(item.origin.starts_with("Do Tỉnh Sông Lam gửi xuống ngày"), "{}", item.origin);
    // The commune's classification follows it, and the commune cannot choose another for the same group.
    let classification = p.commune.office.classify(&p.commune.session, DEMO_YEAR, &code, Lang::Vi).unwrap();
    assert!(classification.people.iter().all(|r| r.ruleset == "tinh-song-lam-2026"), "{:?}", classification.people[0].ruleset);
    let error = p.commune.office.choose_rule_set(&p.commune.session, "*", Some("qd366-nd335-2025")).unwrap_err();
    assert_eq!(error.code(), "rules.chosen_above");
    assert!(error.message(Lang::Vi).contains("Tỉnh Sông Lam"), "{}", error.message(Lang::Vi));

    // A new version and a changed choice travel in the next bundle.
    p.province.office.import_rule_set(&p.province.session, "tinh-v2.toml", province_set("tinh-song-lam-2026", 2, 93).as_bytes()).unwrap();
    let (receipt, bytes) = p.province.export_to(&code, &out);
    let report = p.commune.import(&receipt.file_name, &bytes).unwrap();
    assert_eq!(kind(&report, "rulesets").new, 1, "{report:?}");
    let item =
        p.commune.office.rule_sets(&p.commune.session, Lang::Vi).unwrap().into_iter().find(|r| r.code == "tinh-song-lam-2026").unwrap();
    assert_eq!(item.version, 2);
    assert!(item.summary.contains("Xuất sắc từ 93"), "{}", item.summary);
}

#[test]
fn rule_sets_from_below_and_broken_ones_from_above_are_refused() {
    let mut p = pair(true);
    let (file, fingerprint) = p.province.public_key();
    p.commune.office.enrol_key(&p.commune.session, &file, PROVINCE, &fingerprint).unwrap();
    // The commune imports and chooses a set of its own: it applies there, and never travels up.
    p.commune.office.import_rule_set(&p.commune.session, "xa.toml", province_set("xa-rieng", 1, 85).as_bytes()).unwrap();
    p.commune.office.choose_rule_set(&p.commune.session, "*", Some("xa-rieng")).unwrap();
    let (receipt, bytes) = p.export_up();
    let verified = exchange::bundle::UnverifiedBundle::open(&bytes, &exchange::bundle::Limits::default())
        .unwrap()
        .verify(&p.commune.key_pair().public_key())
        .unwrap();
    assert!(!verified.kinds().iter().any(|k| k.starts_with("ruleset")), "{:?}", verified.kinds());

    // Forged into the commune's bundle, the province refuses it whole.
    let commune_key = p.commune.key_pair();
    let own_unit =
        p.commune.office.units(&p.commune.session, Lang::Vi).unwrap().into_iter().find(|u| u.code == p.commune.code()).unwrap().id;
    let forged = rebuilt(&bytes, &commune_key, |_, records| {
        records.insert(
            "rulesets".into(),
            vec![serde_json::json!({
                "id": uuid::Uuid::now_v7().to_string(), "owner_unit": own_unit.to_string(), "revision": 1,
                "created_at": "2026-12-01T00:00:00.000Z", "updated_at": "2026-12-01T00:00:00.000Z",
                "code": "xa-rieng", "version": 1, "source": province_set("xa-rieng", 1, 85), "imported_by": "admin"
            })],
        );
    });
    let before = p.province.data();
    let error = p.province.import(&receipt.file_name, &forged).unwrap_err();
    assert_eq!(error.code(), "exchange.bundle_bad_record");
    assert!(error.message(Lang::Vi).contains("chỉ cấp trên trực tiếp"), "{}", error.message(Lang::Vi));
    assert_same(&p.province.data(), &before, "a rule set from below");

    // From above, a rule set whose file is broken, or that is not what its row says, is refused whole.
    p.province.office.import_rule_set(&p.province.session, "tinh.toml", province_set("tinh-2026", 1, 92).as_bytes()).unwrap();
    let code = p.commune.code();
    let out = p.out();
    let (receipt, bytes) = p.province.export_to(&code, &out);
    let province_key = p.province.key_pair();
    for (what, edit) in [
        (
            "broken",
            Box::new(|v: &mut Value| v["source"] = Value::String("code = \"tinh-2026\"\nversion = 1\n".into())) as Box<dyn Fn(&mut Value)>,
        ),
        ("renamed", Box::new(|v: &mut Value| v["code"] = Value::String("qd366-nd335-2025".into()))),
        (
            "control characters",
            Box::new(|v: &mut Value| {
                let text = v["source"].as_str().unwrap().replacen("name = \"", "name = \"\u{202e}", 1);
                v["source"] = Value::String(text);
            }),
        ),
    ] {
        let forged = rebuilt(&bytes, &province_key, |_, records| {
            for value in records.get_mut("rulesets").expect("the set goes down") {
                edit(value);
            }
        });
        let before = p.commune.data();
        let error = p.commune.import(&receipt.file_name, &forged).unwrap_err();
        assert_eq!(error.code(), "exchange.bundle_bad_record", "{what}: {error}");
        assert_same(&p.commune.data(), &before, what);
    }
    // The genuine bundle still imports.
    p.commune.import(&receipt.file_name, &bytes).expect("the genuine bundle");
    assert!(codes(&p.commune).contains(&("tinh-2026".into(), 1)));
}

#[test]
fn hanoi_caps_each_month_s_excellent_share_within_the_unit() {
    let mut p = pair(false);
    let side = &mut p.commune;
    let hanoi = HANOI.replacen("code = \"hanoi-qd3814-2018\"", "code = \"hanoi-thu-nghiem\"", 1);
    side.office.import_rule_set(&side.session, "hanoi.toml", hanoi.as_bytes()).unwrap();
    side.office.choose_rule_set(&side.session, "*", Some("hanoi-thu-nghiem")).unwrap();
    let year = DEMO_YEAR - 1;
    let period = side.office.open_period(&side.session, year, domain::targets::Period::Month(12), Lang::Vi).unwrap();
    let unit = side.code();
    let sheet = side.office.period_sheet(&side.session, period.id, &unit, Lang::Vi).unwrap();
    // Everyone of the largest unit gets full points and one product delivered in full, on time.
    let mut by_unit: std::collections::BTreeMap<String, Vec<&service::evaluation::PeriodRow>> = Default::default();
    for row in &sheet.rows {
        by_unit.entry(row.unit_code.clone()).or_default().push(row);
    }
    let (unit_code, members) = by_unit.into_iter().max_by_key(|(_, m)| m.len()).unwrap();
    assert!(members.len() >= 7, "{unit_code}: {}", members.len());
    for row in &members {
        let points = row.criteria.iter().filter(|c| !c.bonus).map(|c| (c.code.clone(), c.max.to_string())).collect();
        let input =
            service::evaluation::PeriodAssessmentInput { period_id: period.id, person_id: row.person_id, points, ..Default::default() };
        side.office.superior_assess(&side.session, &input).unwrap();
        let product = side
            .office
            .add_product(
                &side.session,
                &service::work::ProductInput {
                    person_id: row.person_id,
                    year,
                    period: Some(domain::targets::Period::Month(12)),
                    title: "Báo cáo tháng".into(),
                    required: "1".into(),
                    source: None,
                    proposed: false,
                    coefficient: "1".into(),
                    measure: "báo cáo".into(),
                    deadline: String::new(),
                    kind: String::new(),
                },
            )
            .unwrap();
        let done = service::work::AssessmentInput {
            delivered: "1".into(),
            quality_percent: "100".into(),
            major_errors: 0,
            on_time_percent: "100".into(),
            delays: 0,
            completed_on: "20/12/2025".into(),
        };
        side.office.assess_product(&side.session, product, &done).unwrap();
    }
    let sheet = side.office.period_sheet(&side.session, period.id, &unit, Lang::Vi).unwrap();
    let rows: Vec<_> = sheet.rows.iter().filter(|r| r.unit_code == unit_code).collect();
    let scored = rows.iter().filter(|r| r.level.is_some()).count();
    assert_eq!(scored, members.len());
    // 20 + 70 of 100 without bonus: 90, grade A by points for all; at most 30 % keep it (cut), the rest are B.
    let excellent = rows.iter().filter(|r| r.level == Some(service::evaluation::Level::Excellent)).count();
    assert_eq!(excellent, scored * 30 / 100, "{rows:?}");
    let moved: Vec<_> = rows.iter().filter(|r| r.moved_by_quota).collect();
    assert_eq!(moved.len(), scored - excellent);
    assert!(moved.iter().all(|r| r.level_label == "Loại B (Hoàn thành tốt) (vượt tỷ lệ Xuất sắc của kỳ)"), "{:?}", moved[0].level_label);
    // Under the default set (no monthly cap) the same points are all Excellent.
    side.office.choose_rule_set(&side.session, "*", Some("qd366-nd335-2025")).unwrap();
    let sheet = side.office.period_sheet(&side.session, period.id, &unit, Lang::Vi).unwrap();
    assert!(sheet.rows.iter().filter(|r| r.unit_code == unit_code).all(|r| !r.moved_by_quota));
}
