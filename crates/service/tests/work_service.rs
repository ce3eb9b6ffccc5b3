//! Measured work through the service API on a real SQLite file: the target form's field errors, progress with
//! evidence kept by hash, and every bad report refused with nothing saved.

use thuocdo_service as service;

use service::demo::{create_demo, DemoScale, DEMO_PASSWORD, DEMO_YEAR};
use service::work::{Period, ProgressInput, TargetFilter, TargetInput, TargetText};
use service::{create_office, Lang, NewOffice, Office, Session};
use tempfile::TempDir;
use uuid::Uuid;

const PASSWORD: &str = "Mật khẩu 2026";

struct Fixture {
    dir: TempDir,
    office: Office,
    session: Session,
}

fn fields(code: &str, plan: &str) -> TargetText {
    TargetText {
        year: "2026".into(),
        unit: "xa-tanlap".into(),
        code: code.into(),
        group: "Phát triển kinh tế - xã hội".into(),
        name: "Doanh nghiệp thành lập mới".into(),
        measure: "doanh nghiệp".into(),
        plan: plan.into(),
        ..TargetText::default()
    }
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("temporary directory");
        let new = NewOffice {
            unit_name: "Đảng ủy xã Tân Lập".into(),
            unit_code: "XA-TANLAP".into(),
            level: "commune".into(),
            parent_code: Some("SL".into()),
            admin: "admin".into(),
        };
        let mut office = create_office(&dir.path().join("office.db"), &new, PASSWORD).expect("office created");
        let session = office.login(None, PASSWORD).expect("administrator logs in");
        Fixture { dir, office, session }
    }

    fn save(&mut self, text: TargetText) -> service::Result<Uuid> {
        self.office.save_target(&self.session, &TargetInput { id: None, fields: text, person_id: None })
    }

    fn report(&mut self, target: Uuid, period: Period, value: &str, evidence: Vec<String>) -> service::Result<()> {
        let input = ProgressInput { target_id: target, period, value: value.into(), comment: String::new(), evidence };
        self.office.report_progress(&self.session, &input)
    }

    fn reports(&self, target: Uuid) -> Vec<service::work::ProgressItem> {
        self.office.target_detail(&self.session, target, None, Lang::Vi).expect("detail").reports
    }

    fn write(&self, name: &str, content: &[u8]) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, content).expect("file written");
        path.display().to_string()
    }
}

#[track_caller]
fn invalid_fields(result: service::Result<Uuid>) -> Vec<String> {
    match result {
        Err(service::ServiceError::InvalidFields(issues)) => issues.into_iter().map(|i| i.field).collect(),
        other => panic!("expected form.invalid, got {other:?}"),
    }
}

#[test]
fn the_target_form_names_each_bad_field() {
    let mut f = Fixture::new();
    assert_eq!(invalid_fields(f.save(fields("2.3", "0"))), ["plan"], "a plan of 0 for higher-is-better");
    assert_eq!(
        invalid_fields(f.save(TargetText { group: "Văn hoá".into(), unit: "XA-KHONGCO".into(), ..fields("2.3", "10") })),
        ["unit", "group"]
    );
    assert_eq!(
        invalid_fields(f.save(TargetText { start: "01/06/2026".into(), deadline: "01/03/2026".into(), ..fields("2.3", "10") })),
        ["deadline"]
    );
    assert_eq!(invalid_fields(f.save(TargetText { plan: "mười".into(), weight: "0".into(), ..fields("2.3", "") })), ["plan", "weight"]);
    f.save(fields("2.3", "10")).expect("a good target saves");
    assert_eq!(invalid_fields(f.save(fields("2.3", "12"))), ["code"], "the same code twice in a unit and year");
    let lines = f.office.targets(&f.session, &TargetFilter { year: 2026, unit_code: None, as_of: None }, Lang::Vi).unwrap();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].plan, 1_000);
}

#[test]
fn a_split_cannot_exceed_its_parent_or_change_its_measure() {
    let mut f = Fixture::new();
    let parent = f.save(TargetText { name: "Kết nạp đảng viên".into(), measure: "đảng viên".into(), ..fields("1.1", "20") }).unwrap();
    let part = |code: &str, plan: &str, measure: &str| TargetText {
        name: "Kết nạp đảng viên".into(),
        measure: measure.into(),
        parent: "1.1".into(),
        ..fields(code, plan)
    };
    f.save(part("1.1.A", "12", "Đảng viên")).expect("12 of 20");
    assert_eq!(invalid_fields(f.save(part("1.1.B", "9", "đảng viên"))), ["plan"], "12 + 9 > 20");
    assert_eq!(invalid_fields(f.save(part("1.1.B", "8", "người"))), ["measure"]);
    f.save(part("1.1.B", "8", "đảng viên")).expect("12 + 8 = 20");
    // Lowering the parent below what it handed down is refused too.
    let lowered = TargetInput {
        id: Some(parent),
        fields: TargetText { name: "Kết nạp đảng viên".into(), measure: "đảng viên".into(), ..fields("1.1", "19") },
        person_id: None,
    };
    assert!(matches!(f.office.save_target(&f.session, &lowered), Err(service::ServiceError::InvalidFields(_))));
    let detail = f.office.target_detail(&f.session, parent, None, Lang::Vi).unwrap();
    assert_eq!(detail.parts.len(), 2);
    assert_eq!(detail.allocated, Some(2_000));
    assert_eq!(detail.line.plan, 2_000, "the refused change left the plan as it was");
}

#[test]
fn evidence_is_kept_once_by_hash_and_a_bad_report_saves_nothing() {
    let mut f = Fixture::new();
    let target = f.save(fields("2.3", "12")).unwrap();
    let minutes = f.write("Biên bản tháng 1.pdf", b"%PDF-1.4 bien ban");
    let copy = f.write("ban-sao.pdf", b"%PDF-1.4 bien ban");
    f.report(target, Period::Month(1), "3", vec![minutes.clone()]).unwrap();
    f.report(target, Period::Month(2), "2", vec![copy]).unwrap();
    let reports = f.reports(target);
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0].evidence[0].file_name, "Biên bản tháng 1.pdf");
    assert_eq!(reports[0].evidence[0].sha256, reports[1].evidence[0].sha256, "the same bytes are one stored file");
    assert_eq!(reports[0].evidence[0].sha256.len(), 64);
    let out = f.dir.path().join("saved.pdf");
    f.office.save_evidence(&f.session, &reports[0].evidence[0].sha256, &out).unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), b"%PDF-1.4 bien ban");

    let missing = f.dir.path().join("khong-co.pdf").display().to_string();
    let folder = f.dir.path().display().to_string();
    for (period, value, evidence, code) in [
        (Period::Month(3), "4", vec![minutes.clone(), missing], "evidence.unreadable"),
        (Period::Month(3), "4", vec![folder], "evidence.unreadable"),
        (Period::Month(3), "-1", vec![], "form.invalid"),
        (Period::Month(3), "4 doanh nghiệp", vec![], "form.invalid"),
        (Period::Quarter(2), "4", vec![], "form.invalid"),
    ] {
        let error = f.report(target, period, value, evidence).unwrap_err();
        assert_eq!(error.code(), code, "{period:?} {value}: {}", error.message(Lang::Vi));
    }
    assert_eq!(f.reports(target).len(), 2, "nothing half-saved");

    // A period reported again replaces its value; the year's actual follows.
    f.report(target, Period::Month(2), "5", vec![]).unwrap();
    let detail = f.office.target_detail(&f.session, target, None, Lang::Vi).unwrap();
    assert_eq!(detail.line.actual, Some(800));
    assert_eq!(detail.reports.len(), 2);
}

#[test]
fn a_milestone_is_reported_as_done_or_not() {
    let mut f = Fixture::new();
    let text =
        TargetText {
            name: "Hoàn thành đề án".into(), measure: "mốc".into(), direction: "Mốc hoàn thành".into(), ..fields("5.1", "1")
        };
    let target = f.save(text).unwrap();
    let error = f.report(target, Period::Month(4), "0,5", vec![]).unwrap_err();
    assert_eq!(error.code(), "form.invalid");
    f.report(target, Period::Month(4), "1", vec![]).unwrap();
    let line = f.office.target_detail(&f.session, target, None, Lang::Vi).unwrap().line;
    assert_eq!((line.completion, line.status), (Some(10_000), service::work::TargetStatus::Met));
}

#[test]
fn the_commune_demo_has_a_year_of_measured_work() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let summary = create_demo(&path, DemoScale::Commune, 7, None).unwrap();
    assert_eq!(summary.year, DEMO_YEAR);
    assert!(
        summary.targets >= 13 && summary.progress_reports > 100 && summary.products > 0 && summary.breakthrough_tasks > 0,
        "{summary:?}"
    );
    let (office, session) = Office::unlock(&path, None, DEMO_PASSWORD).unwrap();
    let as_of = chrono::NaiveDate::from_ymd_opt(DEMO_YEAR, 11, 1);
    let lines = office.targets(&session, &TargetFilter { year: DEMO_YEAR, unit_code: None, as_of }, Lang::Vi).unwrap();
    assert_eq!(lines.len(), summary.targets);
    assert!(lines.iter().all(|l| l.actual.is_some()), "every demo target has reports by November");
    let table = office.comparison(&session, DEMO_YEAR, "bi_thu_xa", as_of, Lang::Vi).unwrap();
    assert_eq!(table.rows.len(), 1);
    assert_eq!(table.rows[0].rank, Some(1));
    let products = office.products(&session, table.rows[0].person_id, DEMO_YEAR, Lang::Vi).unwrap();
    // Every month: the secretary's products (one or two targets carried, two or three routine), all appraised.
    assert!(products.products.len() >= 36, "{}", products.products.len());
    assert_eq!(products.assessed, products.products.len());
    assert!(products.products.iter().any(|p| p.source.is_some()), "a leader carries the targets answered for");
    let score = products.score.expect("the year is scored");
    assert_eq!(score.year.periods_scored, 12);
    assert!(products.points.is_some_and(|p| (0..=7_000).contains(&p) && p == score.year.task));
}

#[test]
fn a_plan_changes_until_its_product_is_appraised_and_every_change_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    create_demo(&path, DemoScale::Commune, 7, None).unwrap();
    let (mut office, session) = Office::unlock(&path, None, DEMO_PASSWORD).unwrap();
    let year = DEMO_YEAR - 1;
    office.open_period(&session, year, Period::Month(12), Lang::Vi).unwrap();
    let person = office.roster(&session).unwrap().into_iter().find(|p| p.position.is_some()).unwrap().person_id;
    let plan = |title: &str, required: &str, coefficient: &str| service::work::ProductInput {
        person_id: person,
        year,
        period: Some(Period::Month(12)),
        title: title.into(),
        required: required.into(),
        source: None,
        proposed: false,
        coefficient: coefficient.into(),
        measure: "báo cáo".into(),
        deadline: String::new(),
        kind: String::new(),
    };
    let id = office.add_product(&session, &plan("Báo cáo tháng 12", "1", "1")).unwrap();
    assert!(office.product_plan_history(&session, id).unwrap().is_empty());
    office.update_product(&session, id, &plan("Báo cáo tháng 12", "2", "1")).unwrap();
    office.update_product(&session, id, &plan("Báo cáo tổng kết tháng 12", "2", "1,5")).unwrap();
    let history = office.product_plan_history(&session, id).unwrap();
    let before: Vec<&str> = history.iter().map(|c| c.before.as_str()).collect();
    assert_eq!(before, ["Báo cáo tháng 12 — 1 báo cáo × 1, hạn 31/12/2025", "Báo cáo tháng 12 — 2 báo cáo × 1, hạn 31/12/2025"]);
    assert!(history.iter().all(|c| c.by == "admin" && chrono::DateTime::parse_from_rfc3339(&c.at).is_ok()));

    // The kind chosen from the office's catalogue (by code or by name) is kept with the plan; one it does not list
    // is refused beside its field, and nothing changes.
    let kind_of = |office: &Office| {
        let view = office.products(&session, person, year, Lang::Vi).unwrap();
        view.products.into_iter().find(|p| p.id == id).unwrap().kind_code
    };
    assert_eq!(kind_of(&office), "");
    let with_kind = |kind: &str| service::work::ProductInput { kind: kind.into(), ..plan("Báo cáo tổng kết tháng 12", "2", "1,5") };
    office.update_product(&session, id, &with_kind("Văn bản tham mưu, đề xuất")).unwrap();
    assert_eq!(kind_of(&office), "van_ban_tham_muu");
    let refused = office.update_product(&session, id, &with_kind("Loại không có")).unwrap_err();
    match &refused {
        service::ServiceError::InvalidFields(issues) => assert_eq!(issues[0].field, "kind"),
        other => panic!("refused by field, not {other:?}"),
    }
    assert_eq!(kind_of(&office), "van_ban_tham_muu");
    office.update_product(&session, id, &plan("Báo cáo tổng kết tháng 12", "2", "1,5")).unwrap();
    assert_eq!(kind_of(&office), "", "the kind taken off");

    // Appraised, the plan no longer changes, and the history stays as it was.
    let done = service::work::AssessmentInput {
        delivered: "2".into(),
        quality_percent: "100".into(),
        major_errors: 0,
        on_time_percent: "100".into(),
        delays: 0,
        completed_on: "20/12/2025".into(),
    };
    office.assess_product(&session, id, &done).unwrap();
    let refused = office.update_product(&session, id, &plan("Khác", "3", "1")).unwrap_err();
    assert!(refused.message(Lang::Vi).contains("đã được thẩm định"), "{}", refused.message(Lang::Vi));
    assert_eq!(office.product_plan_history(&session, id).unwrap().len(), 4);
    let unknown = office.product_plan_history(&session, Uuid::now_v7()).unwrap_err();
    assert_eq!(unknown.code(), "product.unknown");
}
