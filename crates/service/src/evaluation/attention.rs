//! The attention list (DOMAIN.md rule 10; Hà Nội, Nghệ An): people the committee should look at — two
//! consecutive years not completed, repeated low periods, title standards not met before re-appointment, and
//! breakthrough tasks left unfinished.

use super::rules::RuleChoice;
use crate::auth::{Permission, Session};
use crate::error::Result;
use crate::office::Office;
use domain::evaluation::Level;
use domain::profile::{PoliticalTheory, Qualification};
use domain::scoring::PeriodOutcome;
use domain::Lang;
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum AttentionKind {
    TwoYearsNotCompleted,
    RepeatedLowPeriods,
    StandardsAtReappointment,
    UnfinishedBreakthrough,
}

impl AttentionKind {
    /// As the window receives it (serde's snake_case), the key of its words in the shared catalogue.
    pub fn code(self) -> &'static str {
        match self {
            AttentionKind::TwoYearsNotCompleted => "two_years_not_completed",
            AttentionKind::RepeatedLowPeriods => "repeated_low_periods",
            AttentionKind::StandardsAtReappointment => "standards_at_reappointment",
            AttentionKind::UnfinishedBreakthrough => "unfinished_breakthrough",
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AttentionItem {
    pub person_id: Uuid,
    pub name: String,
    pub unit_code: String,
    pub kind: AttentionKind,
    pub detail: String,
}

impl Office {
    /// Everyone in the unit and below it who should be looked at for `year`.
    pub fn attention_list(&self, session: &Session, year: i32, unit_code: &str, lang: Lang) -> Result<Vec<AttentionItem>> {
        session.require(Permission::Read)?;
        let read = self.store.read();
        let scope = crate::work::units_within_code(read, unit_code)?;
        let choice = RuleChoice::load(read)?;
        let roster: Vec<store::RosterLine> = read.roster(&[])?.into_iter().filter(|l| scope.contains(&l.person.unit_id)).collect();
        let this_year: HashMap<Uuid, Level> = read.decided_levels(year)?.into_iter().collect();
        let last_year: HashMap<Uuid, Level> = read.decided_levels(year - 1)?.into_iter().collect();
        // The periods' levels as every screen scores them (from their appraised products).
        let book = super::scores::ScoreBook::load_for_units(read, year, Office::today(), &choice, lang, &scope)?;
        let day = chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
        let groups: HashMap<Uuid, String> = read.position_holders(None, day)?.into_iter().map(|(g, h)| (h.person_id, g)).collect();
        let unfinished: Vec<crate::work::BreakthroughLine> = self.unfinished_breakthrough_tasks(session, year, lang)?;
        let reappointment_window = (
            chrono::NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default(),
            chrono::NaiveDate::from_ymd_opt(year + 1, 12, 31).unwrap_or_default(),
        );
        let mut items = Vec::new();
        for line in &roster {
            let id = line.person.meta.id;
            let mut push = |kind: AttentionKind, detail: String| {
                items.push(AttentionItem {
                    person_id: id,
                    name: line.person.full_name.clone(),
                    unit_code: line.unit_code.clone(),
                    kind,
                    detail,
                })
            };
            if this_year.get(&id) == Some(&Level::NotCompleted) && last_year.get(&id) == Some(&Level::NotCompleted) {
                push(
                    AttentionKind::TwoYearsNotCompleted,
                    match lang {
                        Lang::Vi => {
                            format!("Không hoàn thành nhiệm vụ hai năm liền ({} và {year}): xem xét cho thôi việc (công chức).", year - 1)
                        }
                        Lang::En => {
                            format!("Not completed two years running ({} and {year}): up for dismissal (civil servants).", year - 1)
                        }
                    },
                );
            }
            let rules = choice.for_group(groups.get(&id).map_or(crate::catalog::OTHER_GROUP_CODE, String::as_str));
            let low = book
                .person(id)
                .into_iter()
                .flat_map(|p| p.periods.iter())
                .filter(|p| matches!(p.outcome, PeriodOutcome::Scored(score) if score.level == Level::NotCompleted))
                .count() as u32;
            if a_low(low, rules.evaluation.low_periods_for_attention) {
                push(
                    AttentionKind::RepeatedLowPeriods,
                    match lang {
                        Lang::Vi => format!("{low} kỳ trong năm ở mức Không hoàn thành nhiệm vụ."),
                        Lang::En => format!("{low} periods of the year not completed."),
                    },
                );
            }
            if let Some(due) = line.reappointment_due.filter(|d| *d >= reappointment_window.0 && *d <= reappointment_window.1) {
                let qualified = line
                    .person
                    .qualification
                    .is_some_and(|q| matches!(q, Qualification::Doctorate | Qualification::Master | Qualification::University));
                let theory =
                    line.person.political_theory.is_some_and(|t| matches!(t, PoliticalTheory::Advanced | PoliticalTheory::Intermediate));
                if !qualified || !theory {
                    let missing = [
                        (!qualified).then(|| lang.pick("trình độ đại học", "a university degree")),
                        (!theory).then(|| lang.pick("lý luận chính trị trung cấp", "intermediate political theory")),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ");
                    push(
                        AttentionKind::StandardsAtReappointment,
                        match lang {
                            Lang::Vi => format!(
                                "Đến hạn bổ nhiệm lại {} nhưng chưa đạt tiêu chuẩn chức danh: thiếu {missing}.",
                                domain::dates::format_vn_date(due)
                            ),
                            Lang::En => format!(
                                "Re-appointment due {} but the title's standards are not met: missing {missing}.",
                                domain::dates::format_vn_date(due)
                            ),
                        },
                    );
                }
            }
            for task in unfinished.iter().filter(|t| t.person_id == id) {
                push(
                    AttentionKind::UnfinishedBreakthrough,
                    format!("{}: {} ({})", lang.pick("Nhiệm vụ đột phá", "Breakthrough task"), task.title, task.state_label),
                );
            }
        }
        Ok(items)
    }
}

fn a_low(low: u32, threshold: u32) -> bool {
    threshold > 0 && low >= threshold
}

#[cfg(test)]
mod tests {
    use super::AttentionKind;
    use domain::Lang;

    /// The code is what the window receives, and each reason has its words in both languages.
    #[test]
    fn each_reason_has_its_code_and_words() {
        for kind in [
            AttentionKind::TwoYearsNotCompleted,
            AttentionKind::RepeatedLowPeriods,
            AttentionKind::StandardsAtReappointment,
            AttentionKind::UnfinishedBreakthrough,
        ] {
            assert_eq!(serde_json::to_value(kind).ok().as_ref().and_then(|v| v.as_str()), Some(kind.code()));
            for lang in [Lang::Vi, Lang::En] {
                assert!(crate::words::word(lang, &format!("attention.{}", kind.code())).is_some(), "{kind:?} {lang:?}");
            }
        }
    }
}
