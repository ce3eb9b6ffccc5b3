//! Action programmes (Hải Dương): the "5 rõ" commitments a cadre presents when nominated or appointed, printed for
//! the personnel meeting and tracked afterwards.

use super::draft::DraftIssue;
use super::targets::invalid;
use crate::auth::{Permission, Session};
use crate::error::{Result, ServiceError};
use crate::office::Office;
use chrono::NaiveDate;
use domain::dates::parse_vn_date;
use domain::programmes::{is_overdue, FiveClear, ItemState, ProgrammeOccasion};
use domain::text::clean;
use domain::Lang;
use serde::{Deserialize, Serialize};
use store::{ActionItemRecord, ProgrammeRecord};
use ts_rs::TS;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActionItemInput {
    pub work: String,
    pub person: String,
    /// dd/mm/yyyy
    pub deadline: String,
    pub expected_result: String,
    pub responsibility: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProgrammeInput {
    pub person_id: Uuid,
    pub occasion: ProgrammeOccasion,
    /// The post it is presented for, e.g. "Chủ tịch UBND xã Tân Lập".
    pub position_title: String,
    /// dd/mm/yyyy
    pub presented_on: String,
    pub summary: String,
    pub items: Vec<ActionItemInput>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ActionItemView {
    pub id: Uuid,
    #[ts(type = "number")]
    pub ordinal: i64,
    pub five: FiveClear,
    pub state: ItemState,
    pub state_label: String,
    pub overdue: bool,
    pub result_note: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ProgrammeView {
    pub id: Uuid,
    pub person_id: Uuid,
    pub person_name: String,
    pub occasion: ProgrammeOccasion,
    pub occasion_label: String,
    pub position_title: String,
    pub presented_on: NaiveDate,
    pub summary: String,
    pub items: Vec<ActionItemView>,
    pub done: usize,
    pub overdue: usize,
}

impl Office {
    /// Saves a programme with its items; every item must have all five "rõ", and nothing is saved otherwise.
    pub fn create_programme(&mut self, session: &Session, input: &ProgrammeInput) -> Result<Uuid> {
        self.require_whole_office(session, Permission::EditWork)?;
        let stamp = self.stamp()?;
        let username = session.username.clone();
        let mut issues = Vec::new();
        let position_title = clean(&input.position_title);
        if position_title.is_empty() {
            issues.push(DraftIssue {
                field: "position_title",
                vi: "Chưa ghi chức danh dự kiến.".into(),
                en: "The post is missing.".into(),
            });
        }
        let presented_on = parse_vn_date(&input.presented_on);
        if presented_on.is_none() {
            issues.push(DraftIssue {
                field: "presented_on",
                vi: "Ngày trình bày không hợp lệ (dd/mm/yyyy).".into(),
                en: "The date is not valid (dd/mm/yyyy).".into(),
            });
        }
        if input.items.is_empty() {
            issues.push(DraftIssue {
                field: "items",
                vi: "Chương trình cần ít nhất một việc.".into(),
                en: "The programme needs at least one item.".into(),
            });
        }
        let mut items = Vec::new();
        for (i, item) in input.items.iter().enumerate() {
            let deadline = parse_vn_date(&item.deadline);
            let five = FiveClear {
                work: clean(&item.work),
                person: clean(&item.person),
                deadline: deadline.unwrap_or(NaiveDate::MIN),
                expected_result: clean(&item.expected_result),
                responsibility: clean(&item.responsibility),
            };
            let mut missing: Vec<&str> = five.missing();
            if deadline.is_none() {
                missing.push("deadline");
            }
            for field in missing {
                let (vi, en) = match field {
                    "work" => ("rõ việc", "the work"),
                    "person" => ("rõ người", "who does it"),
                    "deadline" => ("rõ tiến độ (dd/mm/yyyy)", "the deadline (dd/mm/yyyy)"),
                    "expected_result" => ("rõ hiệu quả", "the expected result"),
                    _ => ("rõ trách nhiệm", "who answers for it"),
                };
                issues.push(DraftIssue {
                    field: "items",
                    vi: format!("Việc {}: thiếu {vi}.", i + 1),
                    en: format!("Item {}: {en} is missing.", i + 1),
                });
            }
            items.push(five);
        }
        let (Some(presented_on), true) = (presented_on, issues.is_empty()) else { return Err(invalid(issues)) };
        self.store.write(|w| {
            w.read().person_by_id(input.person_id)?.ok_or(ServiceError::UnknownPerson)?;
            let programme = ProgrammeRecord {
                meta: stamp.meta(w.next_revision()?),
                person_id: input.person_id,
                occasion: input.occasion,
                position_title: position_title.clone(),
                presented_on,
                summary: clean(&input.summary),
            };
            w.insert_programme(&programme)?;
            for (i, five) in items.into_iter().enumerate() {
                let item = ActionItemRecord {
                    meta: stamp.meta(w.next_revision()?),
                    programme_id: programme.meta.id,
                    ordinal: i as i64 + 1,
                    five,
                    state: ItemState::NotStarted,
                    result_note: None,
                };
                w.save_action_item(&item)?;
            }
            w.audit(&username, "programmes.create", &position_title)?;
            Ok(programme.meta.id)
        })
    }

    /// Tracks one commitment: its state and what came of it.
    pub fn set_action_item(&mut self, session: &Session, item_id: Uuid, state: ItemState, note: &str) -> Result<()> {
        self.require_whole_office(session, Permission::EditWork)?;
        let stamp = self.stamp()?;
        let username = session.username.clone();
        self.store.write(|w| {
            let item = w.read().action_item_by_id(item_id)?.ok_or(ServiceError::UnknownProgramme)?;
            let meta = store::Meta { revision: w.next_revision()?, updated_at: stamp.now, ..item.meta.clone() };
            let result_note = Some(clean(note)).filter(|n| !n.is_empty()).or(item.result_note.clone());
            w.save_action_item(&ActionItemRecord { meta, state, result_note, ..item })?;
            w.audit(&username, "programmes.item", &format!("{item_id} {}", state.code()))?;
            Ok(())
        })
    }

    /// Programmes of one person, or all, newest first, with each item's state and whether it is overdue on `as_of`.
    pub fn programmes(&self, session: &Session, person_id: Option<Uuid>, as_of: NaiveDate, lang: Lang) -> Result<Vec<ProgrammeView>> {
        session.require(Permission::Read)?;
        let read = self.store.read();
        let mut views = Vec::new();
        for p in read.programmes(person_id)? {
            let person_name = read.person_by_id(p.person_id)?.map(|x| x.full_name).unwrap_or_default();
            let items: Vec<ActionItemView> = read
                .action_items(p.meta.id)?
                .into_iter()
                .map(|i| ActionItemView {
                    id: i.meta.id,
                    ordinal: i.ordinal,
                    overdue: is_overdue(i.state, i.five.deadline, as_of),
                    state_label: i.state.label(lang).into(),
                    state: i.state,
                    five: i.five,
                    result_note: i.result_note,
                })
                .collect();
            views.push(ProgrammeView {
                id: p.meta.id,
                person_id: p.person_id,
                person_name,
                occasion: p.occasion,
                occasion_label: p.occasion.label(lang).into(),
                position_title: p.position_title,
                presented_on: p.presented_on,
                summary: p.summary,
                done: items.iter().filter(|i| i.state == ItemState::Done).count(),
                overdue: items.iter().filter(|i| i.overdue).count(),
                items,
            });
        }
        Ok(views)
    }
}
