//! Listing and searching people, Vietnamese-style.

use crate::auth::{Permission, Session};
use crate::error::{Result, ServiceError};
use crate::office::Office;
use chrono::NaiveDate;
use domain::text::{fold, name_matches};
use serde::Serialize;
use store::RosterLine;
use ts_rs::TS;
use uuid::Uuid;

/// One person as the roster shows them.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RosterItem {
    pub person_id: Uuid,
    pub full_name: String,
    /// 1 January of the year when only the year is known.
    pub birth_date: NaiveDate,
    /// Only the year of birth is known: show the year alone.
    pub birth_year_only: bool,
    pub gender: domain::profile::Gender,
    pub hometown: Option<String>,
    pub is_local: Option<bool>,
    pub party_member: bool,
    pub qualification: Option<domain::profile::Qualification>,
    pub qualification_detail: Option<String>,
    pub political_theory: Option<domain::profile::PoliticalTheory>,
    pub ethnicity: Option<String>,
    pub unit_code: String,
    pub unit_name: String,
    pub position: Option<String>,
    pub position_group: Option<String>,
    pub appointment_date: Option<NaiveDate>,
    pub reappointment_due: Option<NaiveDate>,
    #[ts(type = "number")]
    pub revision: i64,
}

impl From<RosterLine> for RosterItem {
    fn from(line: RosterLine) -> Self {
        let p = line.person;
        RosterItem {
            person_id: p.meta.id,
            full_name: p.full_name,
            birth_date: p.birth_date,
            birth_year_only: p.birth_year_only,
            gender: p.gender,
            hometown: p.hometown,
            is_local: p.is_local,
            party_member: p.party_member,
            qualification: p.qualification,
            qualification_detail: p.qualification_detail,
            political_theory: p.political_theory,
            ethnicity: p.ethnicity,
            unit_code: line.unit_code,
            unit_name: line.unit_name,
            position: line.position,
            position_group: line.position_group,
            appointment_date: line.appointment_date,
            reappointment_due: line.reappointment_due,
            revision: p.meta.revision,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct HistoryItem {
    pub position: String,
    pub unit_code: String,
    pub unit_name: String,
    pub start_kind: String,
    pub start_date: Option<NaiveDate>,
    pub reappointment_due: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub end_reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PersonProfile {
    pub person: RosterItem,
    /// The name of the person's position group ("Bí thư cấp xã"), shown instead of its code.
    pub position_group_name: Option<String>,
    pub history: Vec<HistoryItem>,
}

impl Office {
    /// Everyone, sorted by given name in Vietnamese alphabet order.
    pub fn roster(&self, session: &Session) -> Result<Vec<RosterItem>> {
        session.require(Permission::Read)?;
        Ok(self.store.read().roster(&[])?.into_iter().map(RosterItem::from).collect())
    }

    /// People whose name matches what was typed: "nguyen" finds Nguyễn and NGUYỄN, "hoà" finds Hòa.
    pub fn find_people(&self, session: &Session, query: &str) -> Result<Vec<RosterItem>> {
        session.require(Permission::Read)?;
        // The store narrows on folded substrings; the exact rule (word prefixes, tones when typed) is domain's.
        let words: Vec<String> = fold(query).split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect();
        let lines = self.store.read().roster(&words)?;
        Ok(lines.into_iter().filter(|l| name_matches(&l.person.full_name, query)).map(RosterItem::from).collect())
    }

    /// Only the ids of the matching people: the window keeps the roster in memory and filters it by these,
    /// so the one matching rule (domain's) serves both the CLI and the window.
    pub fn find_person_ids(&self, session: &Session, query: &str) -> Result<Vec<Uuid>> {
        Ok(self.find_people(session, query)?.into_iter().map(|p| p.person_id).collect())
    }

    /// Position names for the form's suggestions, catalogue order.
    pub fn position_names(&self, session: &Session) -> Result<Vec<String>> {
        session.require(Permission::Read)?;
        Ok(self.store.read().positions()?.into_iter().map(|p| p.name).collect())
    }

    pub fn person_profile(&self, session: &Session, person_id: Uuid) -> Result<PersonProfile> {
        session.require(Permission::Read)?;
        let read = self.store.read();
        let person = read.roster(&[])?.into_iter().find(|l| l.person.meta.id == person_id).ok_or(ServiceError::UnknownPerson)?;
        let positions = read.positions()?;
        let mut history = Vec::new();
        for a in read.assignments_of(person_id)? {
            let unit = read.unit_by_id(a.unit_id)?;
            history.push(HistoryItem {
                position: positions.iter().find(|p| p.meta.id == a.position_id).map(|p| p.name.clone()).unwrap_or_default(),
                unit_code: unit.as_ref().map(|u| u.code.clone()).unwrap_or_default(),
                unit_name: unit.map(|u| u.name).unwrap_or_default(),
                start_kind: a.start_kind,
                start_date: a.start_date,
                reappointment_due: a.reappointment_due,
                end_date: a.end_date,
                end_reason: a.end_reason,
            });
        }
        let person = RosterItem::from(person);
        let position_group_name = match &person.position_group {
            Some(code) => read.position_group_by_code(code)?.map(|g| g.name),
            None => None,
        };
        Ok(PersonProfile { person, position_group_name, history })
    }
}
