//! A year of evaluations for the demo: twelve closed monthly periods with self-assessment and the superior's
//! points for everyone, a few facts (discipline, absence, newcomers), and one finished review meeting per commune
//! whose decisions follow the proposals. Drawn from the seeded generator.

use super::work::DEMO_YEAR;
use super::Generator;
use crate::error::Result;
use crate::evaluation::classify::Classifier;
use crate::evaluation::meetings::{subjects_for, DecisionTree};
use crate::evaluation::rules::RuleChoice;
use domain::evaluation::{Discipline, Level};
use domain::ruleset::RuleSet;
use domain::Lang;
use rand::Rng;
use store::{AssessmentRecord, CriteriaPoints, FactsRecord, MeetingRecord, PeriodRecord, VoteRecord, Writer};
use uuid::Uuid;

impl Generator {
    pub(super) fn evaluations(&mut self, w: &Writer<'_>) -> Result<()> {
        let rules = RuleSet::default_set();
        let mut periods = Vec::new();
        for month in 1..=12u8 {
            let meta = self.meta(w)?;
            let period = PeriodRecord {
                meta,
                year: DEMO_YEAR,
                kind: "month".into(),
                index: month,
                closed_at: Some(self.now),
                closed_by: Some(super::DEMO_ADMIN.into()),
            };
            w.save_period(&period)?;
            periods.push(period.meta.id);
        }
        let people = std::mem::take(&mut self.evaluated);
        for &(person_id, leader) in &people {
            // A few facts of the year first, since they decide which months are worked: a reprimand, a long
            // absence (September to December), a newcomer (from August).
            let roll: f64 = self.rng.gen();
            let (discipline, months_worked, months_absent) = match roll {
                r if r < 0.004 => (Some(Discipline::Reprimand), 12, 0),
                r if r < 0.010 => (None, 12, 4),
                r if r < 0.014 => (None, 5, 0),
                _ => (None, 12, 0),
            };
            if (discipline, months_worked, months_absent) != (None, 12, 0) {
                let meta = self.meta(w)?;
                w.save_facts(&FactsRecord {
                    meta,
                    year: DEMO_YEAR,
                    subject_id: person_id,
                    discipline,
                    months_worked,
                    months_absent,
                    low_confidence: None,
                    shortcomings_fixed: true,
                    outstanding_unit: false,
                })?;
            }
            let worked = |month: u8| month > 12 - months_worked as u8 && month <= 12 - months_absent as u8;
            let profile = self.work_profile(leader);
            for (month, &period_id) in (1..=12u8).zip(&periods) {
                if !worked(month) {
                    continue;
                }
                let criteria = |rng: &mut rand_chacha::ChaCha8Rng, bias: f64| -> CriteriaPoints {
                    rules
                        .criteria
                        .iter()
                        .map(|c| {
                            let share = (profile.strength + bias + rng.gen_range(-0.08..0.08)).clamp(0.5, 1.0);
                            (c.code.clone(), ((c.max * 100) as f64 * share / 50.0).round() as i64 * 50)
                        })
                        .collect()
                };
                let self_points = criteria(&mut self.rng, 0.04);
                let superior_points = criteria(&mut self.rng, 0.0);
                let meta = self.meta(w)?;
                w.save_assessment(&AssessmentRecord {
                    meta,
                    period_id,
                    person_id,
                    self_points: Some(self_points),
                    self_text: Some("Hoàn thành các nhiệm vụ được giao trong tháng.".into()),
                    superior_points: Some(superior_points),
                    superior_comment: leader.then(|| "Chỉ đạo quyết liệt, có sản phẩm cụ thể.".to_string()),
                    task_points: None,
                    task_points_reason: None,
                })?;
                self.monthly_products(w, person_id, month, &profile)?;
            }
        }
        self.evaluated = people;
        self.review_meetings(w)
    }

    /// One review meeting per commune, held in the last days of December: attendance, a vote on everyone, the
    /// decision as proposed, and the results locked.
    fn review_meetings(&mut self, w: &Writer<'_>) -> Result<()> {
        let classifier = Classifier::load(w.read(), DEMO_YEAR, Lang::Vi)?;
        let choice = RuleChoice::load(w.read())?;
        let communes: Vec<(Uuid, String)> = self.communes.iter().map(|c| (c.unit_id, c.code.clone())).collect();
        for (unit_id, code) in communes {
            let classification = classifier.classify(&code, &choice)?;
            let meta = self.meta(w)?;
            let invited = classification.people.len() as u32;
            let absent = self.rng.gen_range(0..=3u32).min(invited);
            let meeting = MeetingRecord {
                meta,
                year: DEMO_YEAR,
                unit_id,
                held_on: chrono::NaiveDate::from_ymd_opt(DEMO_YEAR, 12, self.rng.gen_range(20..=29)).unwrap_or_default(),
                place: "Hội trường Đảng ủy".into(),
                chair: "Bí thư Đảng ủy".into(),
                secretary: "Chánh Văn phòng Đảng ủy".into(),
                invited,
                present: invited - absent,
                absent_note: (absent > 0).then(|| "đi công tác, ốm".to_string()),
                locked_at: Some(self.now),
                locked_by: Some(super::DEMO_ADMIN.into()),
            };
            w.save_meeting(&meeting)?;
            let order = DecisionTree::load(w.read(), DEMO_YEAR)?;
            let subjects = subjects_for(&classification, unit_id, meeting.meta.id, &order, || self.meta(w))?;
            for mut subject in subjects {
                let present = meeting.present;
                let against = self.rng.gen_range(0..=present / 10);
                let mut counts = [0u32; 4];
                let index = Level::RATED.iter().position(|l| *l == subject.proposed_level);
                if let Some(i) = index {
                    counts[i] = present - against;
                    counts[(i + 1) % 4] = against;
                }
                subject.vote = index.map(|_| VoteRecord { method: "ballot".into(), counts });
                subject.decided_level = Some(subject.proposed_level);
                subject.decided_by = Some(super::DEMO_ADMIN.into());
                subject.decided_at = Some(self.now);
                w.save_subject(&subject)?;
            }
            self.meetings += 1;
        }
        Ok(())
    }
}
