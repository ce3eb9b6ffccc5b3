//! Evaluation and classification (issue 5; DOMAIN.md rules 1–10): rule sets per group, periods with
//! self-assessment and the superior's points, facts of the year, anonymous multi-source feedback, the year's
//! classification with quota and reasons, review meetings that lock the decided levels, the attention list.

pub(crate) mod assessment_sheet;
mod attention;
pub(crate) mod classify;
mod facts;
mod feedback;
pub(crate) mod meetings;
pub(crate) mod periods;
mod results_sheet;
pub(crate) mod rule_library;
pub(crate) mod rules;
pub(crate) mod scores;

pub use crate::catalog::DecidedBy;
pub use attention::{AttentionItem, AttentionKind};
pub use classify::{Classification, CollectiveResult, PersonResult};
pub use domain::evaluation::{Discipline, Level, Reason};
pub use facts::{FactsChange, FactsInput};
pub use feedback::{FeedbackGroupResult, FeedbackSummary};
pub use meetings::{MeetingDetail, MeetingInput, MeetingLine, SubjectView, VoteInput};
pub use periods::{PeriodAssessmentInput, PeriodLine, PeriodRow, PeriodSheet};
pub use rule_library::ImportedRuleSet;
pub use rules::{decided_by_from_text, AuthorityItem, RuleSetItem, EVERYONE};
pub use scores::{PersonScore, ScoredPeriod};

use crate::auth::{Permission, Session};
use crate::error::Result;
use crate::office::Office;
use domain::Lang;

/// A level as typed ("good", "Hoàn thành tốt", "tốt"), or a clear error.
pub fn level_from_text(text: &str) -> Result<Level> {
    let folded = domain::text::fold(text);
    let level = match folded.trim() {
        "xuat sac" | "hoan thanh xuat sac" | "hoan thanh xuat sac nhiem vu" => Some(Level::Excellent),
        "tot" | "hoan thanh tot" | "hoan thanh tot nhiem vu" => Some(Level::Good),
        "hoan thanh" | "hoan thanh nhiem vu" => Some(Level::Completed),
        "khong hoan thanh" | "khong hoan thanh nhiem vu" => Some(Level::NotCompleted),
        code => Level::from_code(code).filter(|l| *l != Level::NotRated),
    };
    level.ok_or_else(|| {
        crate::error::ServiceError::InvalidFields(vec![crate::error::FieldIssue {
            field: "level".into(),
            message: format!("Mức \"{}\" không hợp lệ: ghi xuất sắc, tốt, hoàn thành hoặc không hoàn thành.", text.trim()),
            message_en: format!("\"{}\" is not a level: write excellent, good, completed or not_completed.", text.trim()),
        }])
    })
}

impl Office {
    /// Records the committee's order for people with equal points at the edge of the Excellent quota (first keeps
    /// first); the classification then applies it instead of flagging the tie.
    pub fn set_tie_order(&mut self, session: &Session, year: i32, ordered: &[uuid::Uuid]) -> Result<()> {
        session.require(Permission::DecideWork)?;
        let mut seen = std::collections::HashSet::new();
        if ordered.is_empty() || !ordered.iter().all(|p| seen.insert(*p)) {
            return Err(crate::error::ServiceError::InvalidFields(vec![crate::error::FieldIssue {
                field: "order".into(),
                message: "Ghi thứ tự các đồng chí bằng điểm, mỗi người một lần.".into(),
                message_en: "Give the order of the people with equal points, each once.".into(),
            }]));
        }
        let stamp = self.stamp()?;
        let username = session.username.clone();
        self.store.write(|w| {
            for person in ordered {
                w.read().person_by_id(*person)?.ok_or(crate::error::ServiceError::UnknownPerson)?;
            }
            w.set_tie_order(year, ordered, &username, stamp.now)?;
            let names: Vec<String> = ordered.iter().map(|p| p.to_string()).collect();
            w.audit(&username, "evaluation.tie_order", &format!("{year}: {}", names.join(", ")))?;
            Ok(())
        })
    }

    /// The year's proposed levels for a unit and every unit below it, each explained.
    pub fn classify(&self, session: &Session, year: i32, unit_code: &str, lang: Lang) -> Result<Classification> {
        session.require(Permission::Read)?;
        let read = self.store.read();
        let choice = rules::RuleChoice::load(read)?;
        classify::Classifier::load(read, year, lang)?.classify(unit_code, &choice)
    }
}
