//! Hải Dương (seed 000): every leader registers breakthrough tasks for the year; the standing committee returns,
//! rejects or approves and assigns them; they are tracked to a year-end result, which feeds classification, and
//! those left unfinished go on the attention list. A cadre nominated for a post presents an action programme
//! with the "5 rõ", tracked afterwards. Driven through the service (as the window does) and the real binary.

mod support;

use chrono::NaiveDate;
use service::roster::PersonInput;
use service::work::{
    AssessmentInput, BreakthroughAction, BreakthroughInput, BreakthroughState, BreakthroughStep, ItemState, ProductSource, ProgrammeInput,
    ProgrammeOccasion,
};
use service::{Office, Session};
use support::{array, Scenario, PASSWORD};
use uuid::Uuid;

const COMMUNE: &str = "XA-GIALOC";

fn person(office: &mut Office, session: &Session, name: &str, born: &str, position: &str) -> Uuid {
    let input = PersonInput {
        full_name: name.into(),
        birth_date: born.into(),
        gender: "Nam".into(),
        ethnicity: String::new(),
        hometown: String::new(),
        is_local: None,
        party_member: true,
        qualification: String::new(),
        political_theory: String::new(),
        unit_code: COMMUNE.into(),
        position: position.into(),
        appointment_date: "01/07/2020".into(),
    };
    office.add_person(session, &input).expect("person added").person_id
}

fn register(office: &mut Office, session: &Session, leader: Uuid, title: &str) -> Uuid {
    let input = BreakthroughInput {
        id: None,
        person_id: leader,
        year: 2022,
        title: title.into(),
        description: format!("{title} trên địa bàn xã Gia Lộc"),
        expected_result: "Có sản phẩm cụ thể, nghiệm thu được".into(),
        deadline: "30/11/2022".into(),
    };
    office.register_breakthrough(session, &input).expect("registered")
}

fn step(
    office: &mut Office,
    session: &Session,
    task: Uuid,
    action: BreakthroughAction,
    comment: &str,
    document: &str,
) -> service::Result<BreakthroughState> {
    office.breakthrough_step(session, &BreakthroughStep { task_id: task, action, comment: comment.into(), document: document.into() })
}

const DECISION: &str = "Thông báo số 45-TB/TU ngày 28/02/2022 của Ban Thường vụ";

#[test]
fn a_year_of_breakthrough_tasks_from_registration_to_result() {
    let s = Scenario::office("Đảng ủy xã Gia Lộc", COMMUNE, "commune", "HD");
    let (mut office, session) = Office::unlock(&s.db(), Some("admin"), PASSWORD).expect("login");
    let secretary = person(&mut office, &session, "Vũ Văn Khánh", "12/04/1971", "Bí thư Đảng ủy");
    let chairman = person(&mut office, &session, "Đặng Thị Hương", "08/09/1978", "Chủ tịch UBND");
    let deputy = person(&mut office, &session, "Phạm Quốc Toản", "19/01/1983", "Phó Chủ tịch UBND");

    let digital = register(&mut office, &session, secretary, "Chuyển đổi số hoạt động của Đảng ủy");
    let land = register(&mut office, &session, chairman, "Giải phóng mặt bằng cụm công nghiệp Gia Lộc");
    let routine = register(&mut office, &session, deputy, "Tổ chức họp giao ban hằng tháng");
    let roads = register(&mut office, &session, deputy, "Cứng hóa 100 % đường thôn");

    // The standing committee: a decision that does not follow the rules is refused and changes nothing.
    let no_reason = step(&mut office, &session, routine, BreakthroughAction::Reject, "  ", "").unwrap_err();
    assert_eq!(no_reason.code(), "form.invalid");
    let no_decision = step(&mut office, &session, digital, BreakthroughAction::Approve, "", "").unwrap_err();
    assert_eq!(no_decision.code(), "form.invalid");
    let too_early = step(&mut office, &session, digital, BreakthroughAction::Complete, "", "").unwrap_err();
    assert_eq!(too_early.code(), "breakthrough.not_allowed");

    assert_eq!(
        step(&mut office, &session, routine, BreakthroughAction::Reject, "Là nhiệm vụ thường xuyên, không phải đột phá", "").unwrap(),
        BreakthroughState::Rejected
    );
    assert_eq!(
        step(&mut office, &session, land, BreakthroughAction::Return, "Nêu rõ diện tích và mốc bàn giao", "").unwrap(),
        BreakthroughState::Returned
    );
    // The leader revises the returned task and sends it back; then it is approved like the others.
    let revised = BreakthroughInput {
        id: Some(land),
        person_id: chairman,
        year: 2022,
        title: "Giải phóng mặt bằng 45 ha cụm công nghiệp Gia Lộc".into(),
        description: "Bàn giao mặt bằng theo ba đợt".into(),
        expected_result: "Bàn giao 45 ha trước 30/11/2022".into(),
        deadline: "30/11/2022".into(),
    };
    office.register_breakthrough(&session, &revised).expect("a returned task can be revised");
    assert_eq!(step(&mut office, &session, land, BreakthroughAction::Resubmit, "", "").unwrap(), BreakthroughState::Registered);
    for task in [digital, land, roads] {
        assert_eq!(step(&mut office, &session, task, BreakthroughAction::Approve, "", DECISION).unwrap(), BreakthroughState::Approved);
    }
    let approved_edit = office.register_breakthrough(&session, &BreakthroughInput { id: Some(digital), ..revised.clone() }).unwrap_err();
    assert_eq!(approved_edit.code(), "breakthrough.not_allowed", "an approved task is no longer edited");

    // Tracked during the year, then the year-end result.
    step(&mut office, &session, digital, BreakthroughAction::Note, "Đã số hóa 70 % hồ sơ", "").unwrap();
    assert_eq!(
        step(&mut office, &session, digital, BreakthroughAction::Complete, "Đạt kết quả dự kiến", "").unwrap(),
        BreakthroughState::Completed
    );
    assert_eq!(
        step(&mut office, &session, land, BreakthroughAction::FailToComplete, "Mới bàn giao 30 ha", "").unwrap(),
        BreakthroughState::NotCompleted
    );

    let lang = service::Lang::Vi;
    let tasks = office.breakthrough_tasks(&session, 2022, lang).unwrap();
    assert_eq!(tasks.len(), 4);
    let detail = office.breakthrough_detail(&session, land, lang).unwrap();
    let history: Vec<&str> = detail.events.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(history, ["register", "return", "edit", "resubmit", "approve", "fail"]);
    assert_eq!(detail.line.decision_document.as_deref(), Some(DECISION));
    assert_eq!(detail.line.title, "Giải phóng mặt bằng 45 ha cụm công nghiệp Gia Lộc");

    // The attention list: the failed task and the one still under way; not the rejected one.
    let unfinished: Vec<Uuid> = office.unfinished_breakthrough_tasks(&session, 2022, lang).unwrap().iter().map(|t| t.id).collect();
    assert_eq!(unfinished.len(), 2);
    assert!(unfinished.contains(&land) && unfinished.contains(&roads));

    // The completed task becomes a product of the secretary's year, assessed under NĐ 335.
    let product = office.product_from(&session, ProductSource::Breakthrough(digital), None).unwrap();
    let assessment = AssessmentInput {
        delivered: "1".into(),
        quality_percent: "100".into(),
        major_errors: 1,
        on_time_percent: "100".into(),
        delays: 0,
        completed_on: "15/12/2022".into(),
    };
    office.assess_product(&session, product, &assessment).unwrap();
    let products = office.products(&session, secretary, 2022, lang).unwrap();
    assert_eq!(products.products.len(), 1);
    assert_eq!(products.products[0].score.map(|s| (s.quantity, s.quality, s.progress, s.score)), Some((10_000, 7_500, 10_000, 9_167)));
    assert_eq!(products.products[0].score_text, "91,67 %");
    assert_eq!(products.products[0].completed_on, "15/12/2022");
    // A product of the whole year counts among the year's tasks, not in a month's points: no month is scored yet.
    assert_eq!(products.points_text, "", "task results come from appraised months");
    drop(office);

    // The same list through the binary, as the organisation committee would print it.
    let listed = array(s.run(&["--json", "breakthrough", "list", "--year", "2022", "--unfinished"]).ok().json());
    let mut states: Vec<&str> = listed.iter().map(|t| t["state"].as_str().unwrap()).collect();
    states.sort();
    assert_eq!(states, ["approved", "not_completed"]);
}

#[test]
fn an_action_programme_needs_all_five_and_is_tracked() {
    let s = Scenario::office("Đảng ủy xã Gia Lộc", COMMUNE, "commune", "HD");
    let (mut office, session) = Office::unlock(&s.db(), Some("admin"), PASSWORD).expect("login");
    let nominee = person(&mut office, &session, "Nguyễn Thị Mai", "02/03/1985", "Phó Chủ tịch UBND");
    let item = |work: &str, who: &str, deadline: &str| service::work::ActionItemInput {
        work: work.into(),
        person: who.into(),
        deadline: deadline.into(),
        expected_result: "100 % hồ sơ đúng hạn".into(),
        responsibility: "Chủ tịch UBND xã".into(),
    };
    let mut input = ProgrammeInput {
        person_id: nominee,
        occasion: ProgrammeOccasion::Nomination,
        position_title: "Chủ tịch UBND xã Gia Lộc".into(),
        presented_on: "15/03/2023".into(),
        summary: "Chương trình hành động khi được giới thiệu bầu giữ chức Chủ tịch UBND xã".into(),
        items: vec![
            item("Cải cách thủ tục hành chính", "", "30/06/2023"),
            item("Số hóa hồ sơ đất đai", "Công chức địa chính", "31/12/2023"),
        ],
    };
    let missing = office.create_programme(&session, &input).unwrap_err();
    assert_eq!(missing.code(), "form.invalid");
    assert!(missing.message(service::Lang::Vi).contains("Việc 1: thiếu rõ người"), "{}", missing.message(service::Lang::Vi));
    assert!(
        office.programmes(&session, Some(nominee), NaiveDate::from_ymd_opt(2023, 7, 1).unwrap(), service::Lang::Vi).unwrap().is_empty(),
        "nothing saved"
    );

    input.items[0].person = "Bộ phận một cửa".into();
    office.create_programme(&session, &input).unwrap();
    let on = NaiveDate::from_ymd_opt(2023, 7, 1).unwrap();
    let programmes = office.programmes(&session, Some(nominee), on, service::Lang::Vi).unwrap();
    assert_eq!(programmes.len(), 1);
    let items = &programmes[0].items;
    assert_eq!(items.len(), 2);
    assert!(items[0].overdue && !items[1].overdue, "the first commitment's deadline passed on 30/06/2023");

    office.set_action_item(&session, items[0].id, ItemState::Done, "Hoàn thành ngày 05/07/2023").unwrap();
    let programmes = office.programmes(&session, Some(nominee), on, service::Lang::Vi).unwrap();
    assert_eq!((programmes[0].done, programmes[0].overdue), (1, 0));
    assert_eq!(programmes[0].items[0].result_note.as_deref(), Some("Hoàn thành ngày 05/07/2023"));
}
