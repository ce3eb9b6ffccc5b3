//! The "Bắt đầu" checklist of a real office's first week: units, roster, targets, evaluation periods, the office key
//! and its superior — each step counted from the data, so it is ticked when done, whoever did it and however.

use crate::auth::{Permission, Session};
use crate::error::Result;
use crate::office::Office;
use chrono::Datelike;
use serde::Serialize;
use ts_rs::TS;

/// What the office has of each first step, for the year in hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FirstSteps {
    pub year: i32,
    /// Units below the office's own.
    pub units: usize,
    #[ts(type = "number")]
    pub people: i64,
    pub targets: usize,
    pub periods: usize,
    /// The superior's code, when the office has one; and whether its key is enrolled here.
    pub superior_code: Option<String>,
    pub superior_enrolled: bool,
}

impl FirstSteps {
    /// Every step done: the checklist is no longer shown.
    pub fn all_done(&self) -> bool {
        self.units > 0
            && self.people > 0
            && self.targets > 0
            && self.periods > 0
            && (self.superior_code.is_none() || self.superior_enrolled)
    }
}

impl Office {
    pub fn first_steps(&self, session: &Session) -> Result<FirstSteps> {
        session.require(Permission::Read)?;
        let read = self.store.read();
        let office = self.office_record()?;
        let year = chrono::Local::now().year();
        let superior_code = office.superior_code.filter(|c| !c.trim().is_empty());
        let superior_enrolled = match &superior_code {
            Some(code) => read.enrolled_keys()?.iter().any(|k| &k.unit_code == code && k.revoked_at.is_none()),
            None => false,
        };
        Ok(FirstSteps {
            year,
            units: read.units()?.iter().filter(|u| u.id != office.unit_id).count(),
            people: read.person_count()?,
            targets: read.targets_of_year(year)?.len(),
            periods: read.periods_of_year(year)?.len(),
            superior_code,
            superior_enrolled,
        })
    }
}
