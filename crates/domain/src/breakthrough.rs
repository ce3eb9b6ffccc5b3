//! Breakthrough tasks (Hải Dương, seed 000): a leader registers them for the year; the standing committee
//! approves and assigns them, returns them with comments, or rejects them; approved tasks are tracked to a
//! year-end result. Unfinished ones go on the attention list.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum BreakthroughState {
    Registered,
    Returned,
    Rejected,
    Approved,
    Completed,
    NotCompleted,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum BreakthroughAction {
    /// The leader sends a returned task back after revising it.
    Resubmit,
    /// The standing committee approves and assigns (with its decision).
    Approve,
    /// The standing committee returns it for revision, with comments.
    Return,
    Reject,
    /// A progress note while the task is under way; the state does not change.
    Note,
    /// Year-end result.
    Complete,
    FailToComplete,
}

impl BreakthroughState {
    pub const ALL: [BreakthroughState; 6] = [
        BreakthroughState::Registered,
        BreakthroughState::Returned,
        BreakthroughState::Rejected,
        BreakthroughState::Approved,
        BreakthroughState::Completed,
        BreakthroughState::NotCompleted,
    ];

    pub fn code(self) -> &'static str {
        match self {
            BreakthroughState::Registered => "registered",
            BreakthroughState::Returned => "returned",
            BreakthroughState::Rejected => "rejected",
            BreakthroughState::Approved => "approved",
            BreakthroughState::Completed => "completed",
            BreakthroughState::NotCompleted => "not_completed",
        }
    }

    pub fn from_code(code: &str) -> Option<BreakthroughState> {
        BreakthroughState::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            BreakthroughState::Registered => lang.pick("Đã đăng ký, chờ thẩm định", "Registered, awaiting appraisal"),
            BreakthroughState::Returned => lang.pick("Trả lại để bổ sung", "Returned for revision"),
            BreakthroughState::Rejected => lang.pick("Không phê duyệt", "Rejected"),
            BreakthroughState::Approved => lang.pick("Đã phê duyệt, đang thực hiện", "Approved, under way"),
            BreakthroughState::Completed => lang.pick("Hoàn thành", "Completed"),
            BreakthroughState::NotCompleted => lang.pick("Không hoàn thành", "Not completed"),
        }
    }

    /// Still owed at the year's end: what the evaluation must look at.
    pub fn is_unfinished(self) -> bool {
        matches!(self, BreakthroughState::Approved | BreakthroughState::NotCompleted)
    }
}

impl BreakthroughAction {
    pub fn code(self) -> &'static str {
        match self {
            BreakthroughAction::Resubmit => "resubmit",
            BreakthroughAction::Approve => "approve",
            BreakthroughAction::Return => "return",
            BreakthroughAction::Reject => "reject",
            BreakthroughAction::Note => "note",
            BreakthroughAction::Complete => "complete",
            BreakthroughAction::FailToComplete => "fail",
        }
    }

    pub fn from_code(code: &str) -> Option<BreakthroughAction> {
        use BreakthroughAction::*;
        [Resubmit, Approve, Return, Reject, Note, Complete, FailToComplete].into_iter().find(|a| a.code() == code)
    }

    /// Returning, rejecting and a failed result must say why; a note must say something.
    pub fn needs_comment(self) -> bool {
        matches!(
            self,
            BreakthroughAction::Return | BreakthroughAction::Reject | BreakthroughAction::Note | BreakthroughAction::FailToComplete
        )
    }
}

/// The state after `action`, or None when the action is not allowed from `state`.
pub fn next_state(state: BreakthroughState, action: BreakthroughAction) -> Option<BreakthroughState> {
    use BreakthroughAction as A;
    use BreakthroughState as S;
    match (state, action) {
        (S::Returned, A::Resubmit) => Some(S::Registered),
        (S::Registered, A::Approve) => Some(S::Approved),
        (S::Registered, A::Return) => Some(S::Returned),
        (S::Registered, A::Reject) => Some(S::Rejected),
        (S::Approved, A::Note) => Some(S::Approved),
        (S::Approved, A::Complete) => Some(S::Completed),
        (S::Approved, A::FailToComplete) => Some(S::NotCompleted),
        _ => None,
    }
}

/// Whether the leader may still edit the task's text: only before a decision or after it was returned.
pub fn is_editable(state: BreakthroughState) -> bool {
    matches!(state, BreakthroughState::Registered | BreakthroughState::Returned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use BreakthroughAction as A;
    use BreakthroughState as S;

    #[test]
    fn the_hai_duong_year_from_registration_to_result() {
        let mut state = S::Registered;
        for action in [A::Return, A::Resubmit, A::Approve, A::Note, A::Complete] {
            state = next_state(state, action).unwrap();
        }
        assert_eq!(state, S::Completed);
        assert!(!state.is_unfinished());
        assert!(S::NotCompleted.is_unfinished() && S::Approved.is_unfinished());
    }

    #[test]
    fn decisions_only_follow_registration() {
        assert_eq!(next_state(S::Rejected, A::Approve), None);
        assert_eq!(next_state(S::Completed, A::FailToComplete), None);
        assert_eq!(next_state(S::Registered, A::Complete), None);
        assert_eq!(next_state(S::Approved, A::Approve), None);
        assert!(is_editable(S::Returned) && !is_editable(S::Approved));
    }

    #[test]
    fn every_state_and_action_has_a_stable_code() {
        for s in S::ALL {
            assert_eq!(S::from_code(s.code()), Some(s));
        }
        for a in [A::Resubmit, A::Approve, A::Return, A::Reject, A::Note, A::Complete, A::FailToComplete] {
            assert_eq!(A::from_code(a.code()), Some(a));
        }
    }
}
