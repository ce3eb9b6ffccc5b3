//! Breakthrough tasks (Hải Dương): registration by a leader, the standing committee's decision, tracking, and the
//! year-end result. Each step is kept as an event; unfinished tasks feed the evaluation's attention list.

use super::draft::DraftIssue;
use super::targets::invalid;
use crate::auth::{Permission, Session};
use crate::error::{Result, ServiceError};
use crate::office::Office;
use chrono::{DateTime, NaiveDate, Utc};
use domain::breakthrough::{is_editable, next_state, BreakthroughAction, BreakthroughState};
use domain::dates::parse_vn_date;
use domain::text::clean;
use domain::Lang;
use serde::{Deserialize, Serialize};
use store::{BreakthroughEventRecord, BreakthroughRecord};
use ts_rs::TS;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BreakthroughInput {
    /// Set to edit a task still open to edits (registered or returned).
    pub id: Option<Uuid>,
    pub person_id: Uuid,
    pub year: i32,
    pub title: String,
    pub description: String,
    pub expected_result: String,
    /// dd/mm/yyyy
    pub deadline: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BreakthroughStep {
    pub task_id: Uuid,
    pub action: BreakthroughAction,
    pub comment: String,
    /// The decision's number and date, e.g. "QĐ 15-QĐ/TU ngày 20/02/2026".
    pub document: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BreakthroughLine {
    pub id: Uuid,
    pub year: i32,
    pub person_id: Uuid,
    pub person_name: String,
    pub unit_code: String,
    pub unit_name: String,
    pub title: String,
    pub expected_result: String,
    pub deadline: NaiveDate,
    pub state: BreakthroughState,
    pub state_label: String,
    pub decision_document: Option<String>,
    pub editable: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BreakthroughEvent {
    pub action: String,
    pub action_label: String,
    pub comment: Option<String>,
    pub document: Option<String>,
    pub actor: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BreakthroughDetail {
    pub line: BreakthroughLine,
    pub description: String,
    pub events: Vec<BreakthroughEvent>,
}

fn action_label(code: &str, lang: Lang) -> &'static str {
    match code {
        "register" => lang.pick("Đăng ký", "Registered"),
        "edit" => lang.pick("Sửa nội dung", "Edited"),
        "resubmit" => lang.pick("Gửi lại sau khi bổ sung", "Resubmitted"),
        "approve" => lang.pick("Phê duyệt, giao thực hiện", "Approved and assigned"),
        "return" => lang.pick("Trả lại để bổ sung", "Returned for revision"),
        "reject" => lang.pick("Không phê duyệt", "Rejected"),
        "note" => lang.pick("Ghi nhận tiến độ", "Progress note"),
        "complete" => lang.pick("Kết quả: hoàn thành", "Result: completed"),
        "fail" => lang.pick("Kết quả: không hoàn thành", "Result: not completed"),
        _ => lang.pick("Khác", "Other"),
    }
}

impl Office {
    /// Registers a leader's breakthrough task for the year, or edits one not yet decided.
    pub fn register_breakthrough(&mut self, session: &Session, input: &BreakthroughInput) -> Result<Uuid> {
        self.require_whole_office(session, Permission::EditWork)?;
        let stamp = self.stamp()?;
        let username = session.username.clone();
        let mut issues = Vec::new();
        let title = clean(&input.title);
        let expected_result = clean(&input.expected_result);
        if title.is_empty() {
            issues.push(DraftIssue { field: "title", vi: "Chưa ghi tên nhiệm vụ.".into(), en: "The task needs a title.".into() });
        }
        if expected_result.is_empty() {
            issues.push(DraftIssue {
                field: "expected_result",
                vi: "Chưa ghi kết quả dự kiến (sản phẩm cụ thể).".into(),
                en: "State the expected result.".into(),
            });
        }
        let deadline = parse_vn_date(&input.deadline);
        if deadline.is_none() {
            issues.push(DraftIssue {
                field: "deadline",
                vi: "Hạn hoàn thành không hợp lệ (dd/mm/yyyy).".into(),
                en: "The deadline is not a valid date (dd/mm/yyyy).".into(),
            });
        }
        let (Some(deadline), true) = (deadline, issues.is_empty()) else { return Err(invalid(issues)) };
        self.store.write(|w| {
            let read = w.read();
            let person = read.person_by_id(input.person_id)?.ok_or(ServiceError::UnknownPerson)?;
            let (meta, state, action) = match input.id {
                Some(id) => {
                    let existing = read.breakthrough_by_id(id)?.ok_or(ServiceError::UnknownBreakthrough)?;
                    if !is_editable(existing.state) {
                        return Err(ServiceError::ActionNotAllowed {
                            state: existing.state.label(Lang::Vi).into(), action: "sửa".into()
                        });
                    }
                    (store::Meta { revision: w.next_revision()?, updated_at: stamp.now, ..existing.meta }, existing.state, "edit")
                }
                None => (stamp.meta(w.next_revision()?), BreakthroughState::Registered, "register"),
            };
            let record = BreakthroughRecord {
                meta,
                year: input.year,
                person_id: person.meta.id,
                unit_id: person.unit_id,
                title: title.clone(),
                description: clean(&input.description),
                expected_result: expected_result.clone(),
                deadline,
                state,
                decision_document: None,
            };
            w.save_breakthrough(&record)?;
            let event = BreakthroughEventRecord {
                meta: stamp.meta(w.next_revision()?),
                task_id: record.meta.id,
                action: action.into(),
                comment: None,
                document: None,
                actor: username.clone(),
            };
            w.insert_breakthrough_event(&event)?;
            w.audit(&username, "breakthrough.register", &title)?;
            Ok(record.meta.id)
        })
    }

    /// A step of the task's life: the standing committee's decision (approve, return, reject), a progress note,
    /// or the year-end result. Decisions need the decision role; returning, rejecting and failing need a reason.
    pub fn breakthrough_step(&mut self, session: &Session, step: &BreakthroughStep) -> Result<BreakthroughState> {
        let deciding = !matches!(step.action, BreakthroughAction::Note | BreakthroughAction::Resubmit);
        self.require_whole_office(session, if deciding { Permission::DecideWork } else { Permission::EditWork })?;
        let stamp = self.stamp()?;
        let username = session.username.clone();
        let comment = Some(clean(&step.comment)).filter(|c| !c.is_empty());
        let document = Some(clean(&step.document)).filter(|d| !d.is_empty());
        if step.action.needs_comment() && comment.is_none() {
            return Err(invalid(vec![DraftIssue {
                field: "comment",
                vi: "Cần ghi ý kiến hoặc lý do.".into(),
                en: "A comment or reason is needed.".into(),
            }]));
        }
        if step.action == BreakthroughAction::Approve && document.is_none() {
            return Err(invalid(vec![DraftIssue {
                field: "document",
                vi: "Cần ghi số, ngày văn bản phê duyệt và giao nhiệm vụ.".into(),
                en: "Give the number and date of the approving decision.".into(),
            }]));
        }
        self.store.write(|w| {
            let task = w.read().breakthrough_by_id(step.task_id)?.ok_or(ServiceError::UnknownBreakthrough)?;
            let Some(next) = next_state(task.state, step.action) else {
                return Err(ServiceError::ActionNotAllowed {
                    state: task.state.label(Lang::Vi).into(),
                    action: action_label(step.action.code(), Lang::Vi).into(),
                });
            };
            let decision_document =
                if step.action == BreakthroughAction::Approve { document.clone() } else { task.decision_document.clone() };
            let meta = store::Meta { revision: w.next_revision()?, updated_at: stamp.now, ..task.meta.clone() };
            w.save_breakthrough(&BreakthroughRecord { meta, state: next, decision_document, ..task })?;
            let event = BreakthroughEventRecord {
                meta: stamp.meta(w.next_revision()?),
                task_id: step.task_id,
                action: step.action.code().into(),
                comment: comment.clone(),
                document: document.clone(),
                actor: username.clone(),
            };
            w.insert_breakthrough_event(&event)?;
            w.audit(&username, "breakthrough.step", &format!("{} {}", step.task_id, step.action.code()))?;
            Ok(next)
        })
    }

    pub fn breakthrough_tasks(&self, session: &Session, year: i32, lang: Lang) -> Result<Vec<BreakthroughLine>> {
        session.require(Permission::Read)?;
        let read = self.store.read();
        let units: std::collections::HashMap<Uuid, (String, String)> =
            read.units()?.into_iter().map(|u| (u.id, (u.code, u.name))).collect();
        let mut lines = Vec::new();
        for task in read.breakthrough_tasks(year)? {
            let person_name = read.person_by_id(task.person_id)?.map(|p| p.full_name).unwrap_or_default();
            let (unit_code, unit_name) = units.get(&task.unit_id).cloned().unwrap_or_default();
            lines.push(BreakthroughLine {
                id: task.meta.id,
                year: task.year,
                person_id: task.person_id,
                person_name,
                unit_code,
                unit_name,
                title: task.title,
                expected_result: task.expected_result,
                deadline: task.deadline,
                state: task.state,
                state_label: task.state.label(lang).into(),
                decision_document: task.decision_document,
                editable: is_editable(task.state),
            });
        }
        lines.sort_by(|a, b| a.unit_code.cmp(&b.unit_code).then(domain::text::compare_person_names(&a.person_name, &b.person_name)));
        Ok(lines)
    }

    pub fn breakthrough_detail(&self, session: &Session, id: Uuid, lang: Lang) -> Result<BreakthroughDetail> {
        session.require(Permission::Read)?;
        let read = self.store.read();
        let task = read.breakthrough_by_id(id)?.ok_or(ServiceError::UnknownBreakthrough)?;
        let line =
            self.breakthrough_tasks(session, task.year, lang)?.into_iter().find(|l| l.id == id).ok_or(ServiceError::UnknownBreakthrough)?;
        let events = read
            .breakthrough_events(id)?
            .into_iter()
            .map(|e| BreakthroughEvent {
                action_label: action_label(&e.action, lang).into(),
                action: e.action,
                comment: e.comment,
                document: e.document,
                actor: e.actor,
                at: e.meta.created_at,
            })
            .collect();
        Ok(BreakthroughDetail { line, description: task.description, events })
    }

    /// Tasks still owed or failed at the year's end: what the evaluation must look at (rule 10, attention list).
    pub fn unfinished_breakthrough_tasks(&self, session: &Session, year: i32, lang: Lang) -> Result<Vec<BreakthroughLine>> {
        Ok(self.breakthrough_tasks(session, year, lang)?.into_iter().filter(|t| t.state.is_unfinished()).collect())
    }
}
