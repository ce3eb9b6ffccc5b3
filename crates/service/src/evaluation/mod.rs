//! Evaluation and classification (issue 5; DOMAIN.md rules 1–10): rule sets per group, periods with
//! self-assessment and the superior's points, facts of the year, anonymous multi-source feedback, the year's
//! classification with quota and reasons, review meetings that lock the decided levels, the attention list.

mod assessment_sheet;
mod attention;
pub(crate) mod classify;
mod facts;
mod feedback;
pub(crate) mod meetings;
pub(crate) mod periods;
pub(crate) mod rules;
pub(crate) mod scores;

pub use attention::{AttentionItem, AttentionKind};
pub use classify::{Classification, CollectiveResult, PersonResult};
pub use domain::evaluation::{Discipline, Level, Reason};
pub use facts::{FactsChange, FactsInput};
pub use feedback::{FeedbackGroupResult, FeedbackSummary};
pub use meetings::{MeetingDetail, MeetingInput, MeetingLine, SubjectView, VoteInput};
pub use periods::{PeriodAssessmentInput, PeriodLine, PeriodRow, PeriodSheet};
pub use rules::{RuleSetItem, EVERYONE};
pub use scores::{PersonScore, ScoredPeriod};

use crate::auth::{Permission, Session};
use crate::error::Result;
use crate::office::Office;
use domain::Lang;

impl Office {
    /// The year's proposed levels for a unit and every unit below it, each explained.
    pub fn classify(&self, session: &Session, year: i32, unit_code: &str, lang: Lang) -> Result<Classification> {
        session.require(Permission::Read)?;
        let read = self.store.read();
        let choice = rules::RuleChoice::load(read)?;
        classify::Classifier::load(read, year, lang)?.classify(unit_code, &choice)
    }
}
