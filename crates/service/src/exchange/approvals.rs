//! The superior's approval of a unit's year (EXCHANGE.md "What the superior sees"): given once the unit's year has
//! arrived, with the decision that approves it and the level the superior decided for the unit's collective. From then
//! on the unit's records of that year are locked at the superior (a later bundle's changes to them are conflicts, not
//! written) and, once the approval has travelled down in the next bundle, at the unit itself (its screens refuse the
//! edit). The lock is kept by the database (migration 0008), so no path of the program can go round it.

use crate::auth::{Permission, Session};
use crate::error::{Result, ServiceError};
use crate::office::Office;
use chrono::{NaiveDate, Utc};
use domain::org::normalize_unit_code;
use serde::Serialize;
use store::PeriodApproval;
use ts_rs::TS;
use uuid::Uuid;

/// The levels a superior may decide for a collective, as the classification stores them.
const LEVELS: [&str; 4] = ["excellent", "good", "completed", "not_completed"];

/// An approval, given here or received from the superior.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ApprovalItem {
    pub unit_code: String,
    pub unit_name: String,
    pub year: i32,
    pub decision: String,
    /// The collective's level decided by the superior, when it decided one.
    pub collective_level: Option<String>,
    pub approved_by: String,
    pub approved_on: NaiveDate,
    /// True when this office gave it; false for an approval received from the superior.
    pub given_here: bool,
}

/// What an approval says.
#[derive(Debug, Clone, Default)]
pub struct ApprovalInput {
    pub unit_code: String,
    pub year: i32,
    /// The decision's number or text ("Quyết định số 15-QĐ/ĐU ngày …").
    pub decision: String,
    /// "excellent", "good", "completed" or "not_completed".
    pub collective_level: Option<String>,
    /// The day of the decision; today when absent.
    pub approved_on: Option<NaiveDate>,
}

impl Office {
    /// Approves the year of `input.unit_code`, an office below this one whose bundle covering that year was
    /// accepted. Administrators only.
    pub fn approve_year(&mut self, session: &Session, input: &ApprovalInput) -> Result<ApprovalItem> {
        session.require(Permission::DecideWork)?;
        let code = normalize_unit_code(&input.unit_code).map_err(ServiceError::BadUnitCode)?;
        let decision = input.decision.trim();
        if decision.is_empty() {
            return Err(ServiceError::ApprovalDecisionRequired);
        }
        let level = input.collective_level.as_deref().map(str::trim).filter(|l| !l.is_empty());
        if let Some(level) = level {
            if !LEVELS.contains(&level) {
                return Err(ServiceError::BadApprovalLevel { level: level.to_string() });
            }
        }
        let nothing = || ServiceError::NothingToApprove { unit: code.clone(), year: input.year };
        let board = self.completeness(session, &input.year.to_string())?;
        if !board.iter().any(|line| line.unit_code == code && line.state == "sent") {
            return Err(nothing());
        }
        let office = self.office_record()?;
        let read = self.store.read();
        let unit = read.unit_by_code(&code)?.ok_or_else(nothing)?;
        if let Some(existing) = read.period_approval(unit.meta.id, input.year)? {
            return Err(ServiceError::AlreadyApproved {
                unit: code,
                year: input.year,
                approved_on: domain::dates::format_vn_date(existing.approved_on),
            });
        }
        let now = Utc::now();
        let approval = self.store.write(|w| {
            let approval = PeriodApproval {
                id: Uuid::new_v4(),
                owner_unit: office.unit_id,
                revision: w.next_revision()?,
                created_at: now,
                unit_id: unit.meta.id,
                year: input.year,
                decision: decision.to_string(),
                collective_level: level.map(str::to_string),
                approved_by: session.username.clone(),
                approved_on: input.approved_on.unwrap_or_else(|| now.date_naive()),
            };
            w.insert_period_approval(&approval)?;
            w.audit(&session.username, "approval.give", &format!("{code} {} — {decision}", input.year))?;
            Ok::<_, ServiceError>(approval)
        })?;
        Ok(ApprovalItem {
            unit_code: code,
            unit_name: unit.name,
            year: approval.year,
            decision: approval.decision,
            collective_level: approval.collective_level,
            approved_by: approval.approved_by,
            approved_on: approval.approved_on,
            given_here: true,
        })
    }

    /// Every approval stored here: those this office gave, and those its superior gave it.
    pub fn approvals(&self, session: &Session) -> Result<Vec<ApprovalItem>> {
        session.require(Permission::Read)?;
        let office = self.office_record()?;
        let read = self.store.read();
        let mut items = Vec::new();
        for a in read.period_approvals()? {
            let unit = read.unit_by_id(a.unit_id)?;
            items.push(ApprovalItem {
                unit_code: unit.as_ref().map(|u| u.code.clone()).unwrap_or_default(),
                unit_name: unit.map(|u| u.name).unwrap_or_default(),
                year: a.year,
                decision: a.decision,
                collective_level: a.collective_level,
                approved_by: a.approved_by,
                approved_on: a.approved_on,
                given_here: a.owner_unit == office.unit_id,
            });
        }
        Ok(items)
    }
}
