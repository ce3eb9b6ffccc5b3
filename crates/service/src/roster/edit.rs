//! Adding and editing one person from a form. The form is checked by the same rules as a spreadsheet row, so a
//! date or a qualification is accepted in the window exactly when it would be accepted in a file.

use super::import::record_position;
use super::query::RosterItem;
use crate::auth::{Permission, Session};
use crate::error::{FieldIssue, Result, ServiceError};
use crate::office::Office;
use chrono::Local;
use domain::roster::{validate_rows, Column, HeaderMap, RosterEntry, RowProblem};
use domain::text::fold;
use domain::Lang;
use serde::{Deserialize, Serialize};
use store::{PersonRecord, Reader};
use ts_rs::TS;
use uuid::Uuid;

/// The person form, as typed: dates dd/mm/yyyy, levels in words, the unit by its code.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonInput {
    pub full_name: String,
    pub birth_date: String,
    pub gender: String,
    /// One of the 54 groups, as typed ("H'Mông" is read as "Mông"); empty when not recorded.
    #[serde(default)]
    pub ethnicity: String,
    pub hometown: String,
    pub is_local: Option<bool>,
    pub party_member: bool,
    pub qualification: String,
    pub political_theory: String,
    pub unit_code: String,
    pub position: String,
    pub appointment_date: String,
}

/// The form field a spreadsheet column corresponds to, as the window names its inputs.
fn field_of(column: Column) -> &'static str {
    match column {
        Column::FullName => "full_name",
        Column::BirthDate => "birth_date",
        Column::Gender => "gender",
        Column::Ethnicity => "ethnicity",
        Column::Hometown => "hometown",
        Column::Local => "is_local",
        Column::PartyMember => "party_member",
        Column::Position => "position",
        Column::Unit => "unit_code",
        Column::Qualification => "qualification",
        Column::PoliticalTheory => "political_theory",
        Column::AppointmentDate => "appointment_date",
    }
}

fn issue(column: Option<Column>, problem: &RowProblem) -> FieldIssue {
    FieldIssue {
        field: column.map(field_of).unwrap_or("full_name").into(),
        message: problem.message(Lang::Vi),
        message_en: problem.message(Lang::En),
    }
}

/// Checks the form with the roster rules and resolves its unit; every problem is reported at once.
fn checked(read: Reader<'_>, input: &PersonInput) -> Result<(RosterEntry, Uuid)> {
    let yes_no = |b: bool| if b { "Có" } else { "Không" }.to_string();
    // In the order of Column::ALL, which the header below is made of.
    let cells = vec![
        input.full_name.clone(),
        input.birth_date.clone(),
        input.gender.clone(),
        input.ethnicity.clone(),
        input.hometown.clone(),
        input.is_local.map(yes_no).unwrap_or_default(),
        yes_no(input.party_member),
        input.position.clone(),
        input.unit_code.clone(),
        input.qualification.clone(),
        input.political_theory.clone(),
        input.appointment_date.clone(),
    ];
    let header_cells: Vec<String> = Column::ALL.iter().map(|c| c.header(Lang::Vi).to_string()).collect();
    let header = HeaderMap::from_cells(&header_cells).map_err(ServiceError::BadHeader)?;
    let (mut entries, errors) = validate_rows(&header, &[(1, cells.as_slice())], Local::now().date_naive());
    let mut issues: Vec<FieldIssue> = errors.iter().map(|e| issue(e.column, &e.problem)).collect();
    let unit = read.unit_by_code(&input.unit_code.trim().to_ascii_uppercase())?;
    if unit.is_none() && !input.unit_code.trim().is_empty() {
        issues.push(issue(Some(Column::Unit), &RowProblem::UnknownUnit { name: input.unit_code.clone() }));
    }
    if let Some(ended) = unit.as_ref().filter(|u| u.ended_on.is_some()) {
        issues.push(issue(Some(Column::Unit), &RowProblem::UnitEnded { name: ended.name.clone() }));
    }
    match (entries.pop(), unit) {
        (Some(entry), Some(unit)) if issues.is_empty() => Ok((entry, unit.meta.id)),
        _ => Err(ServiceError::InvalidFields(issues)),
    }
}

fn person_from(entry: &RosterEntry, unit_id: Uuid, meta: store::Meta) -> PersonRecord {
    PersonRecord {
        meta,
        full_name: entry.full_name.clone(),
        birth_date: entry.birth_date,
        birth_year_only: entry.birth_year_only,
        gender: entry.gender,
        hometown: entry.hometown.clone(),
        is_local: entry.is_local,
        party_member: entry.party_member,
        qualification: entry.qualification,
        qualification_detail: entry.qualification_detail.clone(),
        political_theory: entry.political_theory,
        unit_id,
        ethnicity: entry.ethnicity.map(str::to_string),
    }
}

impl Office {
    pub fn add_person(&mut self, session: &Session, input: &PersonInput) -> Result<RosterItem> {
        session.require(Permission::EditRoster)?;
        let stamp = self.stamp()?;
        let today = Local::now().date_naive();
        let username = session.username.clone();
        let id = self.store.write(|w| {
            let (entry, unit_id) = checked(w.read(), input)?;
            if super::import::known_person(w.read(), stamp.owner, &entry)?.is_some() {
                return Err(ServiceError::SamePersonExists);
            }
            let person = person_from(&entry, unit_id, stamp.meta(w.next_revision()?));
            w.insert_person(&person)?;
            record_position(w, None, person.meta.id, &entry, unit_id, stamp, today)?;
            w.audit(&username, "person.add", &person.full_name)?;
            Ok(person.meta.id)
        })?;
        Ok(self.person_profile(session, id)?.person)
    }

    /// Saves the edited form over the person's profile; a new position starts a new assignment in the history.
    pub fn update_person(&mut self, session: &Session, person_id: Uuid, input: &PersonInput) -> Result<RosterItem> {
        session.require(Permission::EditRoster)?;
        let stamp = self.stamp()?;
        let today = Local::now().date_naive();
        let username = session.username.clone();
        self.store.write(|w| {
            let old = w.read().person_by_id(person_id)?.ok_or(ServiceError::UnknownPerson)?;
            let (entry, unit_id) = checked(w.read(), input)?;
            let clash = w.read().person_by_identity(stamp.owner, &entry.full_name, entry.birth_date)?;
            if clash.is_some_and(|other| other.meta.id != person_id) {
                return Err(ServiceError::SamePersonExists);
            }
            let mut meta = old.meta.clone();
            meta.revision = w.next_revision()?;
            meta.updated_at = stamp.now;
            let person = person_from(&entry, unit_id, meta);
            if person_from(&entry, unit_id, old.meta.clone()) != old {
                w.update_person(&person)?;
            }
            record_position(w, Some(&old), person_id, &entry, unit_id, stamp, today)?;
            w.audit(&username, "person.update", &format!("{} ({})", person.full_name, fold(&old.full_name)))?;
            Ok(())
        })?;
        Ok(self.person_profile(session, person_id)?.person)
    }
}
