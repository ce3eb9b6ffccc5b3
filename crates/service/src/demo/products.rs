//! A year of monthly products for every demo cadre (NĐ 335): 2–6 products a month worked, assigned with a
//! quantity, a coefficient and a deadline, delivered and appraised, with the variety of a real commune: most on
//! time and as required, some above it, a few late or with major errors, leaders carrying their targets.

use super::work::DEMO_YEAR;
use super::Generator;
use crate::catalog::ProductKind;
use crate::error::Result;
use chrono::NaiveDate;
use domain::products::ProductAssessment;
use domain::targets::Period;
use rand::Rng;
use store::{ProductRecord, Writer};
use uuid::Uuid;

/// Routine work of a post: the catalogue's kind and the range of the quantity required in a month (hundredths).
const ROUTINE: [(&str, (i64, i64)); 8] = [
    ("bao_cao_thang", (1, 1)),
    ("van_ban_tham_muu", (1, 4)),
    ("ho_so_tthc", (10, 60)),
    ("kiem_tra_giam_sat", (1, 2)),
    ("hoi_nghi_tap_huan", (1, 1)),
    ("don_thu", (2, 10)),
    ("tuyen_truyen", (1, 4)),
    ("co_so_du_lieu", (20, 100)),
];

/// How a cadre works through the year.
pub(super) struct WorkProfile {
    /// 0,62 to 1: drives the general criteria and the quality of products.
    pub strength: f64,
    /// Share of products delivered late.
    late_rate: f64,
    /// Share of products delivered above the required quantity.
    exceed_rate: f64,
    /// Share of products delivered short of it.
    short_rate: f64,
    leader: bool,
}

impl Generator {
    pub(super) fn work_profile(&mut self, leader: bool) -> WorkProfile {
        let strength: f64 = self.rng.gen_range(0.62..1.0);
        // Most cadres deliver everything on time all year; some are late now and then, a few often.
        let late_rate = match self.rng.gen_range(0..100) {
            0..=86 => 0.0,
            87..=97 => 0.04,
            _ => 0.3,
        };
        let exceed_rate = ((strength - 0.81) * 3.0).clamp(0.0, 0.6);
        let short_rate = if strength < 0.68 { 0.08 } else { 0.003 };
        WorkProfile { strength, late_rate, exceed_rate, short_rate, leader }
    }

    pub(super) fn monthly_products(&mut self, w: &Writer<'_>, person_id: Uuid, month: u8, profile: &WorkProfile) -> Result<()> {
        let period = Period::Month(month);
        let deadline = period.end(DEMO_YEAR);
        // (title, kind, required, target answered for)
        let mut planned: Vec<(String, ProductKind, i64, Option<Uuid>)> = Vec::new();
        // A leader carries one or two of the targets they answer for each month.
        let led = self.led_targets.get(&person_id).cloned().unwrap_or_default();
        if profile.leader && !led.is_empty() {
            for _ in 0..self.rng.gen_range(1..=2usize.min(led.len())) {
                let (target, name) = &led[self.rng.gen_range(0..led.len())];
                if planned.iter().any(|p| p.3 == Some(*target)) {
                    continue;
                }
                planned.push((format!("Chỉ đạo thực hiện chỉ tiêu: {name}"), self.kinds["chi_dao_chi_tieu"].clone(), 100, Some(*target)));
            }
        }
        let routine = if profile.leader { self.rng.gen_range(2..=3) } else { self.rng.gen_range(2..=6) };
        let mut kinds: Vec<usize> = (0..ROUTINE.len()).collect();
        for _ in 0..routine.min(ROUTINE.len()) {
            let kind = kinds.remove(self.rng.gen_range(0..kinds.len()));
            let (code, (low, high)) = ROUTINE[kind];
            let kind = self.kinds[code].clone();
            planned.push((kind.name.clone(), kind, self.rng.gen_range(low..=high) * 100, None));
        }
        for (title, kind, required, target) in planned {
            let assessment = self.appraisal(required, profile);
            let completed_on = if assessment.delays > 0 {
                deadline + chrono::Duration::days(self.rng.gen_range(3..=12))
            } else {
                deadline - chrono::Duration::days(self.rng.gen_range(0..=10))
            };
            let meta = self.meta(w)?;
            w.save_product(&ProductRecord {
                meta,
                person_id,
                year: DEMO_YEAR,
                period: Some(period),
                title,
                source_kind: target.map(|_| "target".to_string()),
                source_id: target,
                required,
                assessment: Some(assessment),
                assessed_by: Some(super::DEMO_ADMIN.into()),
                assessed_at: Some(self.now),
                coefficient: kind.coefficient,
                kind_code: Some(kind.code.clone()),
                measure: Some(kind.measure.clone()),
                deadline: Some(deadline),
                completed_on: Some(completed_on.min(NaiveDate::from_ymd_opt(DEMO_YEAR, 12, 31).unwrap_or(deadline))),
                proposed: false,
            })?;
            self.work.products += 1;
        }
        Ok(())
    }

    fn appraisal(&mut self, required: i64, profile: &WorkProfile) -> ProductAssessment {
        let step = |value: i64| (value.max(100) / 100) * 100;
        let delivered = if self.rng.gen_bool(profile.short_rate) {
            // Short of what was required: part of it, or nothing of a single piece of work.
            if required <= 100 {
                0
            } else {
                step(required * self.rng.gen_range(50..=90) / 100).min(required - 100)
            }
        } else if self.rng.gen_bool(profile.exceed_rate) {
            required + step(required * self.rng.gen_range(10..=30) / 100)
        } else {
            required
        };
        let quality = ((profile.strength - 0.05) * 100.0 + self.rng.gen_range(-5.0..5.0)).clamp(50.0, 100.0);
        let error_rate = 0.02 + (1.0 - profile.strength) * 0.1;
        let late = self.rng.gen_bool(profile.late_rate);
        ProductAssessment {
            required,
            delivered,
            quality: (quality / 5.0).round() as i64 * 500,
            major_errors: u32::from(self.rng.gen_bool(error_rate)),
            on_time: 10_000,
            delays: if late { self.rng.gen_range(1..=2) } else { 0 },
        }
    }
}
