//! A year of measured work for the demo: the province's targets to every commune (cascaded from the province's
//! own), agencies' targets, monthly and quarterly progress, breakthrough tasks and action
//! programmes. Invented figures, drawn from the seeded generator so the same seed gives the same year.

use super::Generator;
use crate::error::Result;
use chrono::NaiveDate;
use domain::breakthrough::BreakthroughState;
use domain::programmes::{FiveClear, ItemState, ProgrammeOccasion};
use domain::targets::{Accumulation, Direction, Period};
use rand::Rng;
use std::collections::HashMap;
use store::{ActionItemRecord, BreakthroughEventRecord, BreakthroughRecord, ProgrammeRecord, ProgressRecord, TargetRecord, Writer};
use uuid::Uuid;

/// The first full year of the two-tier communes, seen from its end: every month reported, evaluated and reviewed.
pub const DEMO_YEAR: i32 = 2026;
const LAST_REPORTED_MONTH: u8 = 12;

/// What the demo needs to know of a commune once its people exist.
pub(crate) struct CommuneFacts {
    pub unit_id: Uuid,
    pub code: String,
    /// "xã Gia Hanh": the commune as its tasks name it (never by its code)
    pub place: String,
    /// agency suffix ("DU", "UBND", "PKT" …) to unit id
    pub agencies: HashMap<String, Uuid>,
    /// (person, position code, position name) of everyone in a leading post
    pub leaders: Vec<(Uuid, String, String)>,
}

#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct WorkCounts {
    pub targets: usize,
    pub reports: usize,
    pub products: usize,
    pub breakthrough: usize,
}

/// Who answers for a target of the commune: its secretary, its chairman, or the unit (its head).
#[derive(Clone, Copy)]
enum Holder {
    Secretary,
    Chairman,
    Agency(&'static str),
}

struct Template {
    code: &'static str,
    group: &'static str,
    name: &'static str,
    measure: &'static str,
    direction: Direction,
    /// plan range in hundredths
    plan: (i64, i64),
    holder: Holder,
    quarterly: bool,
    /// cascaded from the province's target with the same code
    cascaded: bool,
}

const fn t(
    code: &'static str,
    group: &'static str,
    name: &'static str,
    measure: &'static str,
    direction: Direction,
    plan: (i64, i64),
    holder: Holder,
) -> Template {
    Template { code, group, name, measure, direction, plan, holder, quarterly: false, cascaded: false }
}

fn templates() -> Vec<Template> {
    use Direction::*;
    use Holder::*;
    vec![
        Template {
            cascaded: true, ..t("1.1", "xay_dung_dang", "Kết nạp đảng viên mới", "đảng viên", Higher, (1_500, 4_000), Secretary)
        },
        t("1.2", "xay_dung_dang", "Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên", "%", Higher, (8_500, 9_500), Secretary),
        t("1.3", "xay_dung_dang", "Hoàn thành kiện toàn chi bộ thôn, tổ dân phố sau sắp xếp", "mốc", Milestone, (100, 100), Secretary),
        Template {
            cascaded: true,
            ..t("2.1", "kinh_te_xa_hoi", "Thu ngân sách nhà nước trên địa bàn", "triệu đồng", Higher, (800_000, 3_000_000), Chairman)
        },
        t("2.2", "kinh_te_xa_hoi", "Tỷ lệ hộ nghèo", "%", Lower, (150, 350), Chairman),
        t("2.3", "kinh_te_xa_hoi", "Doanh nghiệp thành lập mới", "doanh nghiệp", Higher, (500, 2_000), Chairman),
        t("2.4", "kinh_te_xa_hoi", "Hồ sơ thủ tục hành chính giải quyết đúng hạn", "%", Higher, (9_800, 9_800), Chairman),
        t("3.1", "quoc_phong_an_ninh", "Hoàn thành chỉ tiêu giao quân", "thanh niên", Higher, (1_000, 2_500), Chairman),
        Template {
            quarterly: true,
            ..t("4.1", "hai_long", "Chỉ số hài lòng của người dân, doanh nghiệp", "%", Higher, (8_500, 8_500), Agency("UBND"))
        },
        t("VP.1", "kinh_te_xa_hoi", "Văn bản đến được xử lý đúng hạn", "%", Higher, (9_500, 9_500), Agency("VP")),
        t("KT.1", "kinh_te_xa_hoi", "Diện tích chuyển đổi cơ cấu cây trồng", "ha", Higher, (2_000, 8_000), Agency("PKT")),
        t("XH.1", "kinh_te_xa_hoi", "Lao động được tạo việc làm mới", "người", Higher, (10_000, 30_000), Agency("PVHXH")),
        t("HC.1", "kinh_te_xa_hoi", "Hồ sơ trực tuyến toàn trình", "%", Higher, (6_000, 8_000), Agency("TTHCC")),
    ]
}

fn date(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(DEMO_YEAR, month, day).unwrap_or_default()
}

fn round_to(value: i64, step: i64) -> i64 {
    ((value + step / 2) / step).max(1) * step
}

impl Generator {
    fn target(
        &mut self,
        w: &Writer<'_>,
        unit_id: Uuid,
        person_id: Option<Uuid>,
        template: &Template,
        plan: i64,
        parent_id: Option<Uuid>,
    ) -> Result<TargetRecord> {
        let record = TargetRecord {
            meta: self.meta(w)?,
            year: DEMO_YEAR,
            unit_id,
            person_id,
            code: template.code.into(),
            group_code: template.group.into(),
            name: template.name.into(),
            measure: template.measure.into(),
            plan,
            direction: template.direction,
            accumulation: template.direction.default_accumulation(template.measure),
            weight: 100,
            start_date: date(1, 1),
            deadline: date(12, 31),
            source_document: Some(format!("Quyết định số 25-QĐ/TU ngày 15/01/{DEMO_YEAR} của Ban Thường vụ Tỉnh ủy")),
            parent_id,
        };
        w.save_target(&record)?;
        self.work.targets += 1;
        Ok(record)
    }

    fn report(&mut self, w: &Writer<'_>, target: &TargetRecord, period: Period, value: i64) -> Result<()> {
        let meta = self.meta(w)?;
        let reported_at = self.now;
        w.save_progress(&ProgressRecord {
            meta,
            target_id: target.meta.id,
            period,
            value,
            comment: None,
            reported_by: super::DEMO_ADMIN.into(),
            reported_at,
        })?;
        self.work.reports += 1;
        Ok(())
    }

    /// Reports to October, as a commune whose performance is `factor` of plan would make them.
    fn progress(&mut self, w: &Writer<'_>, target: &TargetRecord, factor: f64, quarterly: bool) -> Result<()> {
        let plan = target.plan as f64;
        match (target.direction, target.accumulation) {
            (Direction::Milestone, _) => {
                let done_in = if factor > 0.97 { self.rng.gen_range(3..=9) } else { 13 };
                for month in 1..=LAST_REPORTED_MONTH {
                    self.report(w, target, Period::Month(month), if month >= done_in { 100 } else { 0 })?;
                }
            }
            (_, Accumulation::Sum) => {
                for month in 1..=LAST_REPORTED_MONTH {
                    let noise = self.rng.gen_range(0.8..1.2);
                    let value = (plan * factor / 12.0 * noise).round() as i64;
                    self.report(w, target, Period::Month(month), round_to(value.max(0), 100))?;
                }
            }
            (direction, Accumulation::Latest) => {
                let periods: Vec<Period> =
                    if quarterly { (1..=4).map(Period::Quarter).collect() } else { (1..=LAST_REPORTED_MONTH).map(Period::Month).collect() };
                let steps = periods.len() as f64;
                for (i, period) in periods.into_iter().enumerate() {
                    // The level moves from short of the plan towards where this commune ends up.
                    let progress = (i as f64 + 1.0) / steps;
                    let end = if direction == Direction::Lower { plan / factor } else { (plan * factor).min(10_000.0) };
                    let start = if direction == Direction::Lower { plan * 1.3 } else { plan * 0.85 };
                    let value = (start + (end - start) * progress).round() as i64;
                    self.report(w, target, period, value.max(0))?;
                }
            }
        }
        Ok(())
    }

    pub(super) fn measured_work(&mut self, w: &Writer<'_>, province: Option<(Uuid, &str)>) -> Result<()> {
        let templates = templates();
        let communes = std::mem::take(&mut self.communes);
        // The province's own targets come first so that the communes' can be their parts.
        let mut plans: Vec<HashMap<&str, i64>> = Vec::new();
        for _ in &communes {
            let mut plan = HashMap::new();
            for template in &templates {
                let (low, high) = template.plan;
                let step = if high - low >= 100_000 { 10_000 } else { 100 };
                let value = if low == high { low } else { round_to(self.rng.gen_range(low..=high), step) };
                plan.insert(template.code, if template.direction == Direction::Milestone { 100 } else { value });
            }
            plans.push(plan);
        }
        let mut province_targets: HashMap<&str, Uuid> = HashMap::new();
        if let Some((province_id, _)) = province {
            for template in templates.iter().filter(|t| t.cascaded) {
                let total: i64 = plans.iter().map(|p| p[template.code]).sum();
                // The province keeps a margin above what it hands down (1.1: Vĩnh Phúc's 2.000 admissions).
                let plan = round_to(total + total / 20, 10_000);
                let record = self.target(w, province_id, None, template, plan, None)?;
                province_targets.insert(template.code, record.meta.id);
            }
        }
        for (commune, plan) in communes.iter().zip(&plans) {
            let factor = self.rng.gen_range(1.0..1.25);
            let secretary = commune.leaders.iter().find(|l| l.1 == "bi_thu_dang_uy").map(|l| l.0);
            let chairman = commune.leaders.iter().find(|l| l.1 == "chu_tich_ubnd").map(|l| l.0);
            for template in &templates {
                let (unit_id, person_id) = match template.holder {
                    Holder::Secretary => (commune.unit_id, secretary),
                    Holder::Chairman => (commune.unit_id, chairman),
                    Holder::Agency(suffix) => match commune.agencies.get(suffix) {
                        Some(&agency) => (agency, None),
                        None => continue,
                    },
                };
                let parent = if template.cascaded { province_targets.get(template.code).copied() } else { None };
                let target = self.target(w, unit_id, person_id, template, plan[template.code], parent)?;
                // The cadre who answers for a target carries it in their monthly products.
                if let Some(person) = person_id {
                    self.led_targets.entry(person).or_default().push((target.meta.id, target.name.clone()));
                }
                let own = factor * self.rng.gen_range(0.92..1.08);
                self.progress(w, &target, own, template.quarterly)?;
            }
            self.breakthrough(w, commune, secretary, chairman, factor)?;
        }
        self.programmes(w, &communes)?;
        self.communes = communes;
        Ok(())
    }

    fn event(&mut self, w: &Writer<'_>, task_id: Uuid, action: &str, comment: Option<&str>, document: Option<&str>) -> Result<()> {
        let meta = self.meta(w)?;
        w.insert_breakthrough_event(&BreakthroughEventRecord {
            meta,
            task_id,
            action: action.into(),
            comment: comment.map(str::to_string),
            document: document.map(str::to_string),
            actor: super::DEMO_ADMIN.into(),
        })?;
        Ok(())
    }

    fn breakthrough(
        &mut self,
        w: &Writer<'_>,
        commune: &CommuneFacts,
        secretary: Option<Uuid>,
        chairman: Option<Uuid>,
        factor: f64,
    ) -> Result<()> {
        const TASKS: [(&str, &str); 4] = [
            ("Chuyển đổi số toàn diện hoạt động của Đảng ủy", "100 % văn bản của Đảng ủy được xử lý trên môi trường mạng"),
            ("Xây dựng thôn kiểu mẫu nông thôn mới nâng cao", "Thêm 2 thôn đạt chuẩn kiểu mẫu"),
            ("Giải phóng mặt bằng cụm công nghiệp", "Bàn giao 100 % mặt bằng đúng tiến độ"),
            ("Cải cách thủ tục hành chính một cửa", "Thời gian giải quyết hồ sơ giảm 30 %"),
        ];
        for person_id in [secretary, chairman].into_iter().flatten() {
            let (title, expected) = TASKS[self.rng.gen_range(0..TASKS.len())];
            let roll: f64 = self.rng.gen();
            // The chairman's task is the hard one: every commune ends the year with it still owed (approved and under
            // way, or not completed), which is what the attention list is for; the secretary's goes any way.
            let state = match roll {
                _ if Some(person_id) == chairman && factor < 1.12 => BreakthroughState::NotCompleted,
                _ if Some(person_id) == chairman => BreakthroughState::Approved,
                r if r < 0.05 => BreakthroughState::Returned,
                r if r < 0.08 => BreakthroughState::Rejected,
                r if r < 0.12 => BreakthroughState::Registered,
                _ if self.rng.gen_bool(0.6) => BreakthroughState::Completed,
                _ => BreakthroughState::Approved,
            };
            let meta = self.meta(w)?;
            let document = format!("Thông báo số 12-TB/TU ngày 20/02/{DEMO_YEAR} của Ban Thường vụ Tỉnh ủy");
            let decided = matches!(state, BreakthroughState::Approved | BreakthroughState::Completed | BreakthroughState::NotCompleted);
            let record = BreakthroughRecord {
                meta,
                year: DEMO_YEAR,
                person_id,
                unit_id: commune.unit_id,
                title: title.into(),
                description: format!("{title} trên địa bàn {}", commune.place),
                expected_result: expected.into(),
                deadline: date(11, 30),
                state,
                decision_document: decided.then(|| document.clone()),
            };
            w.save_breakthrough(&record)?;
            self.work.breakthrough += 1;
            let id = record.meta.id;
            self.event(w, id, "register", None, None)?;
            match state {
                BreakthroughState::Registered => {}
                BreakthroughState::Returned => self.event(w, id, "return", Some("Cần nêu rõ sản phẩm và mốc thời gian"), None)?,
                BreakthroughState::Rejected => {
                    self.event(w, id, "reject", Some("Không phải nhiệm vụ đột phá, là nhiệm vụ thường xuyên"), None)?
                }
                _ => {
                    self.event(w, id, "approve", None, Some(&document))?;
                    self.event(w, id, "note", Some("Đã hoàn thành 60 % khối lượng"), None)?;
                    match state {
                        BreakthroughState::Completed => self.event(w, id, "complete", Some("Đạt kết quả dự kiến"), None)?,
                        BreakthroughState::NotCompleted => self.event(w, id, "fail", Some("Chậm tiến độ do vướng mặt bằng"), None)?,
                        _ => {}
                    }
                }
            }
        }
        Ok(())
    }

    /// Action programmes of leaders appointed when the communes began (1/7/2025), for a few communes.
    fn programmes(&mut self, w: &Writer<'_>, communes: &[CommuneFacts]) -> Result<()> {
        const ITEMS: [(&str, &str, u32); 3] = [
            ("Rà soát, hoàn thiện quy chế làm việc", "Văn phòng", 3),
            ("Đưa 100 % thủ tục hành chính lên cổng dịch vụ công", "Trung tâm Phục vụ hành chính công", 9),
            ("Giải quyết dứt điểm đơn thư tồn đọng", "Công chức tư pháp - hộ tịch", 12),
        ];
        for commune in communes.iter().take(12) {
            let Some((person_id, _, position)) = commune.leaders.iter().find(|l| l.1 == "chu_tich_ubnd").cloned() else { continue };
            let meta = self.meta(w)?;
            let programme = ProgrammeRecord {
                meta,
                person_id,
                occasion: ProgrammeOccasion::Appointment,
                position_title: position.clone(),
                presented_on: NaiveDate::from_ymd_opt(2025, 6, 20).unwrap_or_default(),
                summary: "Chương trình hành động nhiệm kỳ 2025 - 2030".into(),
            };
            w.insert_programme(&programme)?;
            for (i, (work, person, month)) in ITEMS.iter().enumerate() {
                let state = match self.rng.gen_range(0..3) {
                    0 => ItemState::Done,
                    1 => ItemState::InProgress,
                    _ => ItemState::NotStarted,
                };
                let meta = self.meta(w)?;
                w.save_action_item(&ActionItemRecord {
                    meta,
                    programme_id: programme.meta.id,
                    ordinal: i as i64 + 1,
                    five: FiveClear {
                        work: (*work).into(),
                        person: (*person).into(),
                        deadline: date(*month, 28).min(date(12, 31)),
                        expected_result: "Có sản phẩm cụ thể, được Thường trực Đảng ủy nghiệm thu".into(),
                        responsibility: position.clone(),
                    },
                    state,
                    result_note: None,
                })?;
            }
        }
        Ok(())
    }
}
