//! Action programmes (Hải Dương, seed 000): what a cadre commits to when nominated or appointed, item by item
//! with the "5 rõ": rõ việc, rõ người, rõ tiến độ, rõ hiệu quả, rõ trách nhiệm.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ProgrammeOccasion {
    Nomination,
    Appointment,
    Reappointment,
}

impl ProgrammeOccasion {
    pub const ALL: [ProgrammeOccasion; 3] =
        [ProgrammeOccasion::Nomination, ProgrammeOccasion::Appointment, ProgrammeOccasion::Reappointment];

    pub fn code(self) -> &'static str {
        match self {
            ProgrammeOccasion::Nomination => "nomination",
            ProgrammeOccasion::Appointment => "appointment",
            ProgrammeOccasion::Reappointment => "reappointment",
        }
    }

    pub fn from_code(code: &str) -> Option<ProgrammeOccasion> {
        ProgrammeOccasion::ALL.into_iter().find(|o| o.code() == code)
    }

    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            ProgrammeOccasion::Nomination => lang.pick("Giới thiệu, đề cử", "Nomination"),
            ProgrammeOccasion::Appointment => lang.pick("Bổ nhiệm", "Appointment"),
            ProgrammeOccasion::Reappointment => lang.pick("Bổ nhiệm lại", "Re-appointment"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ItemState {
    NotStarted,
    InProgress,
    Done,
    Dropped,
}

impl ItemState {
    pub const ALL: [ItemState; 4] = [ItemState::NotStarted, ItemState::InProgress, ItemState::Done, ItemState::Dropped];

    pub fn code(self) -> &'static str {
        match self {
            ItemState::NotStarted => "not_started",
            ItemState::InProgress => "in_progress",
            ItemState::Done => "done",
            ItemState::Dropped => "dropped",
        }
    }

    pub fn from_code(code: &str) -> Option<ItemState> {
        ItemState::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            ItemState::NotStarted => lang.pick("Chưa thực hiện", "Not started"),
            ItemState::InProgress => lang.pick("Đang thực hiện", "In progress"),
            ItemState::Done => lang.pick("Đã hoàn thành", "Done"),
            ItemState::Dropped => lang.pick("Thôi thực hiện", "Dropped"),
        }
    }
}

/// The five "rõ" of one commitment: each must be filled for the item to be accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FiveClear {
    /// rõ việc: the work
    pub work: String,
    /// rõ người: who carries it out
    pub person: String,
    /// rõ tiến độ: by when
    pub deadline: NaiveDate,
    /// rõ hiệu quả: the expected result
    pub expected_result: String,
    /// rõ trách nhiệm: who answers for it
    pub responsibility: String,
}

impl FiveClear {
    /// The names of the fields left empty ("work", "person", …), in form order.
    pub fn missing(&self) -> Vec<&'static str> {
        [
            ("work", &self.work),
            ("person", &self.person),
            ("expected_result", &self.expected_result),
            ("responsibility", &self.responsibility),
        ]
        .into_iter()
        .filter(|(_, text)| text.trim().is_empty())
        .map(|(name, _)| name)
        .collect()
    }
}

/// An item is overdue once its deadline has passed and it is neither done nor dropped.
pub fn is_overdue(state: ItemState, deadline: NaiveDate, as_of: NaiveDate) -> bool {
    as_of > deadline && matches!(state, ItemState::NotStarted | ItemState::InProgress)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_five_must_be_clear() {
        let item = FiveClear {
            work: "Hoàn thành chuyển đổi số thủ tục hành chính".into(),
            person: "  ".into(),
            deadline: NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
            expected_result: "100 % thủ tục trực tuyến".into(),
            responsibility: String::new(),
        };
        assert_eq!(item.missing(), vec!["person", "responsibility"]);
    }

    #[test]
    fn overdue_only_when_still_owed() {
        let deadline = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
        let later = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        assert!(is_overdue(ItemState::InProgress, deadline, later));
        assert!(!is_overdue(ItemState::Done, deadline, later));
        assert!(!is_overdue(ItemState::NotStarted, deadline, deadline));
    }
}
