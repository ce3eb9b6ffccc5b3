//! People and their position history.

use crate::convert::{code, date, date_text, meta, meta_params, opt_date, time_text, uuid, META_COLUMNS};
use crate::error::Result;
use crate::{AssignmentRecord, PersonRecord, Reader, RosterLine, Writer};
use chrono::{DateTime, NaiveDate, Utc};
use domain::profile::{Gender, PoliticalTheory, Qualification};
use domain::text::{fold, person_sort_key};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter};
use uuid::Uuid;

const PERSON_COLUMNS: &str = "p.id, p.owner_unit, p.revision, p.created_at, p.updated_at, p.full_name, p.birth_date, p.gender, p.hometown,
     p.is_local, p.party_member, p.qualification, p.qualification_detail, p.political_theory, p.unit_id, p.birth_year_only,
     p.ethnicity";
/// How many values `PERSON_COLUMNS` selects: a query's further columns come after them.
const PERSON_FIELDS: usize = 17;

fn person(row: &rusqlite::Row<'_>) -> Result<PersonRecord> {
    let optional_code = |index: usize| -> Result<Option<String>> { Ok(row.get::<_, Option<String>>(index)?) };
    Ok(PersonRecord {
        meta: meta(row)?,
        full_name: row.get(5)?,
        birth_date: date(&row.get::<_, String>(6)?)?,
        gender: code(&row.get::<_, String>(7)?, Gender::from_code)?,
        hometown: row.get(8)?,
        is_local: row.get(9)?,
        party_member: row.get(10)?,
        qualification: optional_code(11)?.map(|c| code(&c, Qualification::from_code)).transpose()?,
        qualification_detail: row.get(12)?,
        political_theory: optional_code(13)?.map(|c| code(&c, PoliticalTheory::from_code)).transpose()?,
        unit_id: uuid(&row.get::<_, String>(14)?)?,
        birth_year_only: row.get(15)?,
        ethnicity: row.get(16)?,
    })
}

fn assignment(row: &rusqlite::Row<'_>) -> Result<AssignmentRecord> {
    Ok(AssignmentRecord {
        meta: meta(row)?,
        person_id: uuid(&row.get::<_, String>(5)?)?,
        position_id: uuid(&row.get::<_, String>(6)?)?,
        unit_id: uuid(&row.get::<_, String>(7)?)?,
        start_kind: row.get(8)?,
        start_date: opt_date(row.get(9)?)?,
        reappointment_due: opt_date(row.get(10)?)?,
        end_date: opt_date(row.get(11)?)?,
        end_reason: row.get(12)?,
    })
}

const ASSIGNMENT_COLUMNS: &str = "person_id, position_id, unit_id, start_kind, start_date, reappointment_due, end_date, end_reason";

/// The 19 stored values of a person, in column order (with the derived search and sort columns).
fn person_values(p: &PersonRecord) -> Vec<Value> {
    let (id, owner, revision, created, updated) = meta_params(&p.meta);
    let text = |s: Option<&str>| s.map_or(Value::Null, |s| Value::Text(s.to_string()));
    vec![
        Value::Text(id),
        Value::Text(owner),
        Value::Integer(revision),
        Value::Text(created),
        Value::Text(updated),
        Value::Text(p.full_name.clone()),
        Value::Text(fold(&p.full_name)),
        Value::Blob(person_sort_key(&p.full_name)),
        Value::Text(date_text(p.birth_date)),
        Value::Text(p.gender.code().into()),
        text(p.hometown.as_deref()),
        p.is_local.map_or(Value::Null, |b| Value::Integer(b.into())),
        Value::Integer(p.party_member.into()),
        text(p.qualification.map(|q| q.code())),
        text(p.qualification_detail.as_deref()),
        text(p.political_theory.map(|t| t.code())),
        Value::Text(p.unit_id.to_string()),
        Value::Integer(p.birth_year_only.into()),
        text(p.ethnicity.as_deref()),
    ]
}

/// Escapes LIKE wildcards so that what the user typed is matched literally.
fn like_contains(word: &str) -> String {
    let escaped = word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

impl Reader<'_> {
    pub fn person_count(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM people", [], |row| row.get(0))?)
    }

    pub fn person_by_id(&self, id: Uuid) -> Result<Option<PersonRecord>> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM people p WHERE p.id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query_and_then([id.to_string()], person)?;
        rows.next().transpose()
    }

    /// The person with this folded name and birth date: the roster's identity rule.
    /// The person of the roster's identity rule (the same folded name and birth date) among the people `owner` keeps.
    pub fn person_by_identity(&self, owner: Uuid, full_name: &str, birth_date: NaiveDate) -> Result<Option<PersonRecord>> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM people p WHERE p.owner_unit = ?1 AND p.name_folded = ?2 AND p.birth_date = ?3");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query_and_then(params![owner.to_string(), fold(full_name), date_text(birth_date)], person)?;
        rows.next().transpose()
    }

    /// The roster in Vietnamese order (by given name). When `folded_words` is not empty, only people whose
    /// folded name contains every word are returned: a cheap pre-filter the caller refines.
    pub fn roster(&self, folded_words: &[String]) -> Result<Vec<RosterLine>> {
        let filter: String = folded_words.iter().map(|_| " AND p.name_folded LIKE ? ESCAPE '\\'").collect();
        let sql = format!(
            "SELECT {PERSON_COLUMNS}, u.code, u.name, pos.name, g.code, a.start_date, a.reappointment_due
             FROM people p
             JOIN units u ON u.id = p.unit_id
             LEFT JOIN assignments a ON a.id = (
                 SELECT id FROM assignments WHERE person_id = p.id AND end_date IS NULL ORDER BY start_date DESC, revision DESC LIMIT 1)
             LEFT JOIN positions pos ON pos.id = a.position_id
             LEFT JOIN position_groups g ON g.id = pos.group_id
             WHERE 1 = 1{filter}
             ORDER BY p.sort_key, p.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_and_then(params_from_iter(folded_words.iter().map(|w| like_contains(w))), |row| -> Result<RosterLine> {
            Ok(RosterLine {
                person: person(row)?,
                unit_code: row.get(PERSON_FIELDS)?,
                unit_name: row.get(PERSON_FIELDS + 1)?,
                position: row.get(PERSON_FIELDS + 2)?,
                position_group: row.get(PERSON_FIELDS + 3)?,
                appointment_date: opt_date(row.get(PERSON_FIELDS + 4)?)?,
                reappointment_due: opt_date(row.get(PERSON_FIELDS + 5)?)?,
            })
        })?;
        rows.collect()
    }

    /// Position history of one person, oldest first.
    pub fn assignments_of(&self, person_id: Uuid) -> Result<Vec<AssignmentRecord>> {
        let sql =
            format!("SELECT {META_COLUMNS}, {ASSIGNMENT_COLUMNS} FROM assignments WHERE person_id = ?1 ORDER BY start_date, revision");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_and_then([person_id.to_string()], assignment)?;
        rows.collect()
    }

    /// The people `owner` keeps with this folded name, born in `year`: a list giving the year alone is matched
    /// against them.
    pub fn people_named_born_in(&self, owner: Uuid, full_name: &str, year: i32) -> Result<Vec<PersonRecord>> {
        let sql = format!(
            "SELECT {PERSON_COLUMNS} FROM people p WHERE p.owner_unit = ?1 AND p.name_folded = ?2 AND substr(p.birth_date, 1, 4) = ?3"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_and_then(params![owner.to_string(), fold(full_name), format!("{year:04}")], person)?;
        rows.collect()
    }

    /// The people on a unit's own roster (not those of the units below it).
    pub fn people_in_unit(&self, unit_id: Uuid) -> Result<Vec<PersonRecord>> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM people p WHERE p.unit_id = ?1 ORDER BY p.sort_key, p.id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_and_then([unit_id.to_string()], person)?;
        rows.collect()
    }

    /// The posts held in a unit now (not ended), whoever holds them.
    pub fn open_assignments_in_unit(&self, unit_id: Uuid) -> Result<Vec<AssignmentRecord>> {
        let sql = format!(
            "SELECT {META_COLUMNS}, {ASSIGNMENT_COLUMNS} FROM assignments WHERE unit_id = ?1 AND end_date IS NULL ORDER BY start_date, id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_and_then([unit_id.to_string()], assignment)?;
        rows.collect()
    }
}

impl Writer<'_> {
    pub fn insert_person(&self, p: &PersonRecord) -> Result<()> {
        self.conn()
            .prepare_cached(
                "INSERT INTO people (id, owner_unit, revision, created_at, updated_at, full_name, name_folded, sort_key, birth_date, gender,
                     hometown, is_local, party_member, qualification, qualification_detail, political_theory, unit_id, birth_year_only,
                     ethnicity)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
            )?
            .execute(params_from_iter(person_values(p)))?;
        Ok(())
    }

    /// Overwrites a person's profile; the caller gives the new revision and update time in `p.meta`.
    pub fn update_person(&self, p: &PersonRecord) -> Result<()> {
        self.conn()
            .prepare_cached(
                "UPDATE people SET owner_unit = ?2, revision = ?3, created_at = ?4, updated_at = ?5, full_name = ?6, name_folded = ?7,
                     sort_key = ?8, birth_date = ?9, gender = ?10, hometown = ?11, is_local = ?12, party_member = ?13, qualification = ?14,
                     qualification_detail = ?15, political_theory = ?16, unit_id = ?17, birth_year_only = ?18,
                     ethnicity = ?19
                 WHERE id = ?1",
            )?
            .execute(params_from_iter(person_values(p)))?;
        Ok(())
    }

    pub fn insert_assignment(&self, a: &AssignmentRecord) -> Result<()> {
        let (id, owner, revision, created, updated) = meta_params(&a.meta);
        let sql = format!("INSERT INTO assignments ({META_COLUMNS}, {ASSIGNMENT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
        self.conn().prepare_cached(&sql)?.execute(params![
            id,
            owner,
            revision,
            created,
            updated,
            a.person_id.to_string(),
            a.position_id.to_string(),
            a.unit_id.to_string(),
            a.start_kind,
            a.start_date.map(date_text),
            a.reappointment_due.map(date_text),
            a.end_date.map(date_text),
            a.end_reason,
        ])?;
        Ok(())
    }

    /// Closes an assignment (rotation, transfer, end of term …); history is never deleted.
    pub fn end_assignment(&self, id: Uuid, end_date: NaiveDate, reason: &str, revision: i64, at: DateTime<Utc>) -> Result<()> {
        self.conn().execute(
            "UPDATE assignments SET end_date = ?2, end_reason = ?3, revision = ?4, updated_at = ?5 WHERE id = ?1",
            params![id.to_string(), date_text(end_date), reason, revision, time_text(at)],
        )?;
        Ok(())
    }

    /// Corrects the dates of an open assignment (the file gave another appointment date for the same post).
    pub fn redate_assignment(
        &self,
        id: Uuid,
        start_date: Option<NaiveDate>,
        reappointment_due: Option<NaiveDate>,
        revision: i64,
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.conn().execute(
            "UPDATE assignments SET start_date = ?2, reappointment_due = ?3, revision = ?4, updated_at = ?5 WHERE id = ?1",
            params![id.to_string(), start_date.map(date_text), reappointment_due.map(date_text), revision, time_text(at)],
        )?;
        Ok(())
    }
}
