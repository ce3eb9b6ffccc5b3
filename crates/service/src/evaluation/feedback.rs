//! Multi-source feedback (Nghệ An): raters from the rule set's groups rate a person once a year. That a rater has
//! rated is stored apart from what they gave, so no score can be traced to its rater; a group's result is shown
//! only from the rule set's minimum number of raters.

use super::rules::RuleChoice;
use crate::auth::{Permission, Session};
use crate::error::{FieldIssue, Result, ServiceError};
use crate::office::Office;
use domain::quantity::parse_quantity;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FeedbackGroupResult {
    pub code: String,
    pub name: String,
    pub weight: i64,
    pub raters: u32,
    /// Mean points (0–100) when at least the minimum number rated, else hidden.
    pub mean: Option<f64>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FeedbackSummary {
    pub person_id: Uuid,
    pub year: i32,
    pub min_raters: u32,
    pub groups: Vec<FeedbackGroupResult>,
    /// Weighted over the groups shown.
    pub weighted: Option<f64>,
}

impl Office {
    /// Records one rater's points (0–100) for a person. A rater rates a person once a year.
    pub fn give_feedback(&mut self, session: &Session, year: i32, rated: Uuid, rater: Uuid, group: &str, points: &str) -> Result<()> {
        session.require(Permission::Appraise)?;
        let invalid = |field: &str, vi: &str, en: &str| {
            ServiceError::InvalidFields(vec![FieldIssue { field: field.into(), message: vi.into(), message_en: en.into() }])
        };
        if rated == rater {
            return Err(invalid(
                "rater",
                "Người được đánh giá không tự lấy phiếu cho mình ở đây (dùng phần tự đánh giá).",
                "Self-assessment is entered separately.",
            ));
        }
        let points = match parse_quantity(points) {
            Ok(p) if (0..=10_000).contains(&p) => p,
            _ => return Err(invalid("points", "Điểm từ 0 đến 100.", "Points are between 0 and 100.")),
        };
        self.store.write(|w| {
            let read = w.read();
            read.person_by_id(rated)?.ok_or(ServiceError::UnknownPerson)?;
            read.person_by_id(rater)?.ok_or(ServiceError::UnknownPerson)?;
            let choice = RuleChoice::load(read)?;
            let group_of_rated = read
                .position_holders(None, chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default())?
                .into_iter()
                .find(|(_, h)| h.person_id == rated)
                .map_or(crate::catalog::OTHER_GROUP_CODE.to_string(), |(g, _)| g);
            let rules = choice.for_group(&group_of_rated);
            if !rules.feedback.groups.iter().any(|g| g.code == group) {
                return Err(invalid("group", "Nhóm người đánh giá không có trong bộ quy tắc.", "This rater group is not in the rule set."));
            }
            if read.has_rated(year, rated, rater)? {
                return Err(ServiceError::AlreadyRated);
            }
            w.add_feedback(year, rated, rater, group, points)?;
            Ok::<_, ServiceError>(())
        })?;
        // The totals before this rating must not stay in the log beside those after it.
        self.store.fold_wal()?;
        Ok(())
    }

    pub fn feedback_summary(&self, session: &Session, year: i32, person: Uuid) -> Result<FeedbackSummary> {
        session.require(Permission::Read)?;
        let read = self.store.read();
        let choice = RuleChoice::load(read)?;
        let group_of = read
            .position_holders(None, chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default())?
            .into_iter()
            .find(|(_, h)| h.person_id == person)
            .map_or(crate::catalog::OTHER_GROUP_CODE.to_string(), |(g, _)| g);
        let rules = choice.for_group(&group_of);
        let totals: Vec<(Uuid, String, u32, i64)> = read.feedback_totals(year)?.into_iter().filter(|t| t.0 == person).collect();
        let groups: Vec<FeedbackGroupResult> = rules
            .feedback
            .groups
            .iter()
            .map(|g| {
                let (raters, sum) = totals.iter().find(|t| t.1 == g.code).map_or((0, 0), |t| (t.2, t.3));
                let mean = (raters >= rules.feedback.min_raters && raters > 0).then(|| sum as f64 / f64::from(raters) / 100.0);
                FeedbackGroupResult { code: g.code.clone(), name: g.name.clone(), weight: g.weight, raters, mean }
            })
            .collect();
        let shown: Vec<(i64, i64)> = groups.iter().filter_map(|g| g.mean.map(|m| (g.weight, domain::numbers::to_hundredths(m)))).collect();
        let weighted = domain::targets::weighted_completion(&shown).map(|w| w as f64 / 100.0);
        Ok(FeedbackSummary { person_id: person, year, min_raters: rules.feedback.min_raters, groups, weighted })
    }
}
