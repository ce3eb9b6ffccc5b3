//! Evaluation: rule-set choices, periods and their assessments, facts of the year, anonymous feedback, review
//! meetings and their subjects.

use crate::convert::{code, date, date_text, first, meta, meta_params, opt_time, time_text, uuid, META_COLUMNS};
use crate::error::{Result, StoreError};
use crate::{Meta, Reader, Writer};
use chrono::{DateTime, NaiveDate, Utc};
use domain::evaluation::{Discipline, Level, Reason};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use std::collections::BTreeMap;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodRecord {
    pub meta: Meta,
    pub year: i32,
    pub kind: String,
    pub index: u8,
    pub closed_at: Option<DateTime<Utc>>,
    pub closed_by: Option<String>,
}

/// Points per criterion code, in hundredths.
pub type CriteriaPoints = BTreeMap<String, i64>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssessmentRecord {
    pub meta: Meta,
    pub period_id: Uuid,
    pub person_id: Uuid,
    pub self_points: Option<CriteriaPoints>,
    pub self_text: Option<String>,
    pub superior_points: Option<CriteriaPoints>,
    pub superior_comment: Option<String>,
    pub task_points: Option<i64>,
    /// Why the task results were typed (required with `task_points`).
    pub task_points_reason: Option<String>,
}

/// The part of an assessment that scoring reads (a year of a province is 118.500 of them: no meta, no texts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentPoints {
    pub period_id: Uuid,
    pub person_id: Uuid,
    /// The superior's criteria points when given, else the person's own, as stored; None when nobody gave any.
    given: Option<String>,
    pub task_points: Option<i64>,
}

impl AssessmentPoints {
    /// Whether anybody gave criteria points.
    pub fn is_given(&self) -> bool {
        self.given.is_some()
    }

    /// Each criterion's points given (code, hundredths); nothing when nobody gave any.
    pub fn each_given(&self, mut each: impl FnMut(&str, i64)) -> Result<()> {
        let Some(text) = self.given.as_deref() else { return Ok(()) };
        // Read in place, without copying a code; a code written with escapes (never by Thước Đo itself, perhaps by
        // a bundle) is read the slower way.
        if let Ok(points) = serde_json::from_str::<BTreeMap<&str, i64>>(text) {
            points.into_iter().for_each(|(code, points)| each(code, points));
            return Ok(());
        }
        let points: CriteriaPoints = serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("bad JSON {text:?}: {e}")))?;
        points.iter().for_each(|(code, points)| each(code, *points));
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactsRecord {
    pub meta: Meta,
    pub year: i32,
    /// A person's or a unit's id.
    pub subject_id: Uuid,
    pub discipline: Option<Discipline>,
    pub months_worked: u32,
    pub months_absent: u32,
    pub low_confidence: Option<i64>,
    pub shortcomings_fixed: bool,
    pub outstanding_unit: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingRecord {
    pub meta: Meta,
    pub year: i32,
    pub unit_id: Uuid,
    pub held_on: NaiveDate,
    pub place: String,
    pub chair: String,
    pub secretary: String,
    pub invited: u32,
    pub present: u32,
    pub absent_note: Option<String>,
    pub locked_at: Option<DateTime<Utc>>,
    pub locked_by: Option<String>,
}

/// Vote counts for each level, in the order Excellent, Good, Completed, NotCompleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VoteRecord {
    pub method: String,
    pub counts: [u32; 4],
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubjectRecord {
    pub meta: Meta,
    pub meeting_id: Uuid,
    pub ordinal: i64,
    /// "person" or "collective"
    pub kind: String,
    pub subject_id: Uuid,
    pub name: String,
    pub position: Option<String>,
    pub group_code: Option<String>,
    pub is_head: bool,
    pub points: Option<i64>,
    pub proposed_level: Level,
    pub quota_adjusted: bool,
    pub reasons: Vec<Reason>,
    pub ruleset_code: String,
    pub ruleset_version: u32,
    pub vote: Option<VoteRecord>,
    pub decided_level: Option<Level>,
    pub decision_reason: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    /// The level the rules computed when the meeting opened; `proposed_level` is the organisation staff's proposal,
    /// which may differ from it with `proposal_reason`.
    pub computed_level: Level,
    pub proposal_reason: Option<String>,
    pub proposed_by: Option<String>,
    pub proposed_at: Option<DateTime<Utc>>,
    /// The committee's order at the quota's edge (1 keeps Excellent first), where it decided a tie.
    pub tie_rank: Option<u32>,
    /// The unit whose collective this person heads.
    pub head_of_unit: Option<Uuid>,
}

fn json<T: serde::de::DeserializeOwned>(text: Option<String>) -> Result<Option<T>> {
    text.map(|t| serde_json::from_str(&t).map_err(|e| StoreError::Corrupt(format!("bad JSON {t:?}: {e}")))).transpose()
}

fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn level(text: &str) -> Result<Level> {
    code(text, Level::from_code)
}

fn period(row: &rusqlite::Row<'_>) -> Result<PeriodRecord> {
    Ok(PeriodRecord {
        meta: meta(row)?,
        year: row.get(5)?,
        kind: row.get(6)?,
        index: row.get(7)?,
        closed_at: opt_time(row.get(8)?)?,
        closed_by: row.get(9)?,
    })
}

const ASSESSMENT_COLUMNS: &str =
    "period_id, person_id, self_points, self_text, superior_points, superior_comment, task_points, task_points_reason";

fn assessment(row: &rusqlite::Row<'_>) -> Result<AssessmentRecord> {
    Ok(AssessmentRecord {
        meta: meta(row)?,
        period_id: uuid(&row.get::<_, String>(5)?)?,
        person_id: uuid(&row.get::<_, String>(6)?)?,
        self_points: json(row.get(7)?)?,
        self_text: row.get(8)?,
        superior_points: json(row.get(9)?)?,
        superior_comment: row.get(10)?,
        task_points: row.get(11)?,
        task_points_reason: row.get(12)?,
    })
}

/// The superior's criteria points when given, else the person's own: only one of them is ever scored.
const ASSESSMENT_POINTS: &str = "a.period_id, a.person_id, COALESCE(a.superior_points, a.self_points), a.task_points";

fn assessment_points(row: &rusqlite::Row<'_>) -> Result<AssessmentPoints> {
    Ok(AssessmentPoints {
        period_id: uuid(row.get_ref(0)?.as_str()?)?,
        person_id: uuid(row.get_ref(1)?.as_str()?)?,
        given: row.get(2)?,
        task_points: row.get(3)?,
    })
}

const FACTS_COLUMNS: &str =
    "year, subject_id, discipline, months_worked, months_absent, low_confidence, shortcomings_fixed, outstanding_unit";

fn facts(row: &rusqlite::Row<'_>) -> Result<FactsRecord> {
    Ok(FactsRecord {
        meta: meta(row)?,
        year: row.get(5)?,
        subject_id: uuid(&row.get::<_, String>(6)?)?,
        discipline: row.get::<_, Option<String>>(7)?.map(|d| code(&d, Discipline::from_code)).transpose()?,
        months_worked: row.get(8)?,
        months_absent: row.get(9)?,
        low_confidence: row.get(10)?,
        shortcomings_fixed: row.get(11)?,
        outstanding_unit: row.get(12)?,
    })
}

const MEETING_COLUMNS: &str = "year, unit_id, held_on, place, chair, secretary, invited, present, absent_note, locked_at, locked_by";

fn meeting(row: &rusqlite::Row<'_>) -> Result<MeetingRecord> {
    Ok(MeetingRecord {
        meta: meta(row)?,
        year: row.get(5)?,
        unit_id: uuid(&row.get::<_, String>(6)?)?,
        held_on: date(&row.get::<_, String>(7)?)?,
        place: row.get(8)?,
        chair: row.get(9)?,
        secretary: row.get(10)?,
        invited: row.get(11)?,
        present: row.get(12)?,
        absent_note: row.get(13)?,
        locked_at: opt_time(row.get(14)?)?,
        locked_by: row.get(15)?,
    })
}

const SUBJECT_COLUMNS: &str = "meeting_id, ordinal, subject_kind, subject_id, name, position, group_code, is_head, points, proposed_level,
     quota_adjusted, reasons, ruleset_code, ruleset_version, vote_method, votes_excellent, votes_good, votes_completed,
     votes_not_completed, decided_level, decision_reason, decided_by, decided_at, computed_level, proposal_reason, proposed_by,
     proposed_at, tie_rank, head_of_unit";

fn subject(row: &rusqlite::Row<'_>) -> Result<SubjectRecord> {
    let method: Option<String> = row.get(19)?;
    let vote = match method {
        Some(method) => Some(VoteRecord { method, counts: [row.get(20)?, row.get(21)?, row.get(22)?, row.get(23)?] }),
        None => None,
    };
    Ok(SubjectRecord {
        meta: meta(row)?,
        meeting_id: uuid(&row.get::<_, String>(5)?)?,
        ordinal: row.get(6)?,
        kind: row.get(7)?,
        subject_id: uuid(&row.get::<_, String>(8)?)?,
        name: row.get(9)?,
        position: row.get(10)?,
        group_code: row.get(11)?,
        is_head: row.get(12)?,
        points: row.get(13)?,
        proposed_level: level(&row.get::<_, String>(14)?)?,
        quota_adjusted: row.get(15)?,
        reasons: json(row.get(16)?)?.unwrap_or_default(),
        ruleset_code: row.get(17)?,
        ruleset_version: row.get(18)?,
        vote,
        decided_level: row.get::<_, Option<String>>(24)?.map(|l| level(&l)).transpose()?,
        decision_reason: row.get(25)?,
        decided_by: row.get(26)?,
        decided_at: opt_time(row.get(27)?)?,
        computed_level: match row.get::<_, Option<String>>(28)? {
            Some(l) => level(&l)?,
            None => level(&row.get::<_, String>(14)?)?,
        },
        proposal_reason: row.get(29)?,
        proposed_by: row.get(30)?,
        proposed_at: opt_time(row.get(31)?)?,
        tie_rank: row.get(32)?,
        head_of_unit: row.get::<_, Option<String>>(33)?.map(|u| uuid(&u)).transpose()?,
    })
}

impl Reader<'_> {
    /// The committee's order for ties at the quota's edge: person → rank (1 keeps first).
    pub fn tie_orders(&self, year: i32) -> Result<Vec<(Uuid, u32)>> {
        let mut stmt = self.conn.prepare_cached("SELECT person_id, rank FROM quota_tie_orders WHERE year = ?1")?;
        let rows = stmt.query_and_then([year], |r| -> Result<(Uuid, u32)> { Ok((uuid(&r.get::<_, String>(0)?)?, r.get(1)?)) })?;
        rows.collect()
    }

    /// The office's changes to who decides each position group's levels: (group code, "province" | "commune").
    pub fn authority_choices(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare_cached("SELECT group_code, decided_by FROM authority_choices ORDER BY group_code")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    pub fn periods_of_year(&self, year: i32) -> Result<Vec<PeriodRecord>> {
        let sql = format!(
            "SELECT {META_COLUMNS}, year, kind, idx, closed_at, closed_by FROM evaluation_periods WHERE year = ?1 ORDER BY kind, idx"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_and_then([year], period)?;
        rows.collect()
    }

    pub fn period_by_id(&self, id: Uuid) -> Result<Option<PeriodRecord>> {
        let sql = format!("SELECT {META_COLUMNS}, year, kind, idx, closed_at, closed_by FROM evaluation_periods WHERE id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let found = first(stmt.query_and_then([id.to_string()], period)?)?;
        Ok(found)
    }

    /// What scoring reads of every assessment of the year's periods, for classifying everyone at once.
    pub fn assessment_points_of_year(&self, year: i32) -> Result<Vec<AssessmentPoints>> {
        // Read in the table's order, not looked up one by one through the index by period: 45 ms instead of 250 ms for
        // a province year (118.000 assessments); the scan grows with the years kept (≈50 ms a province year).
        let sql = format!(
            "SELECT {ASSESSMENT_POINTS} FROM period_assessments a NOT INDEXED
             WHERE a.period_id IN (SELECT id FROM evaluation_periods WHERE year = ?1)"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_and_then([year], assessment_points)?;
        rows.collect()
    }

    /// What scoring reads of one person's assessments of the year's periods.
    pub fn assessment_points_of_person(&self, person_id: Uuid, year: i32) -> Result<Vec<AssessmentPoints>> {
        let sql = format!(
            "SELECT {ASSESSMENT_POINTS} FROM period_assessments a JOIN evaluation_periods p ON p.id = a.period_id
             WHERE p.year = ?1 AND a.person_id = ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_and_then(params![year, person_id.to_string()], assessment_points)?;
        rows.collect()
    }

    pub fn assessment(&self, period_id: Uuid, person_id: Uuid) -> Result<Option<AssessmentRecord>> {
        let sql = format!("SELECT {META_COLUMNS}, {ASSESSMENT_COLUMNS} FROM period_assessments WHERE period_id = ?1 AND person_id = ?2");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let found = first(stmt.query_and_then([period_id.to_string(), person_id.to_string()], assessment)?)?;
        Ok(found)
    }

    pub fn facts_of_year(&self, year: i32) -> Result<Vec<FactsRecord>> {
        let sql = format!("SELECT {META_COLUMNS}, {FACTS_COLUMNS} FROM year_facts WHERE year = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_and_then([year], facts)?;
        rows.collect()
    }

    pub fn facts_of(&self, year: i32, subject_id: Uuid) -> Result<Option<FactsRecord>> {
        let sql = format!("SELECT {META_COLUMNS}, {FACTS_COLUMNS} FROM year_facts WHERE year = ?1 AND subject_id = ?2");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let found = first(stmt.query_and_then(params![year, subject_id.to_string()], facts)?)?;
        Ok(found)
    }

    pub fn has_rated(&self, year: i32, rated: Uuid, rater: Uuid) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM feedback_participation WHERE year = ?1 AND rated_id = ?2 AND rater_id = ?3",
                params![year, rated.to_string(), rater.to_string()],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Per rated person and rater group: how many rated and the sum of their points.
    pub fn feedback_totals(&self, year: i32) -> Result<Vec<(Uuid, String, u32, i64)>> {
        let mut stmt = self.conn.prepare_cached("SELECT rated_id, rater_group, raters, points_sum FROM feedback_totals WHERE year = ?1")?;
        let rows = stmt.query_and_then([year], |r| -> Result<(Uuid, String, u32, i64)> {
            Ok((uuid(&r.get::<_, String>(0)?)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        rows.collect()
    }

    pub fn meetings(&self) -> Result<Vec<MeetingRecord>> {
        let sql = format!("SELECT {META_COLUMNS}, {MEETING_COLUMNS} FROM review_meetings ORDER BY year DESC, held_on DESC, id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_and_then([], meeting)?;
        rows.collect()
    }

    pub fn meeting_by_id(&self, id: Uuid) -> Result<Option<MeetingRecord>> {
        let sql = format!("SELECT {META_COLUMNS}, {MEETING_COLUMNS} FROM review_meetings WHERE id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let found = first(stmt.query_and_then([id.to_string()], meeting)?)?;
        Ok(found)
    }

    pub fn subjects_of(&self, meeting_id: Uuid) -> Result<Vec<SubjectRecord>> {
        let sql = format!("SELECT {META_COLUMNS}, {SUBJECT_COLUMNS} FROM meeting_subjects WHERE meeting_id = ?1 ORDER BY ordinal");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_and_then([meeting_id.to_string()], subject)?;
        rows.collect()
    }

    /// Levels decided in locked meetings of a year, by subject (person or unit id).
    pub fn decided_levels(&self, year: i32) -> Result<Vec<(Uuid, Level)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.subject_id, s.decided_level FROM meeting_subjects s JOIN review_meetings m ON m.id = s.meeting_id
             WHERE m.year = ?1 AND m.locked_at IS NOT NULL AND s.decided_level IS NOT NULL",
        )?;
        let rows = stmt.query_and_then([year], |r| -> Result<(Uuid, Level)> {
            Ok((uuid(&r.get::<_, String>(0)?)?, level(&r.get::<_, String>(1)?)?))
        })?;
        rows.collect()
    }

    /// The organisation staff's proposals of a year that differ from the computed level, by subject: the level and
    /// its written reason (the latest where several meetings hold one).
    pub fn staff_proposals(&self, year: i32) -> Result<Vec<(Uuid, Level, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.subject_id, s.proposed_level, s.proposal_reason FROM meeting_subjects s JOIN review_meetings m ON m.id = s.meeting_id
             WHERE m.year = ?1 AND s.proposal_reason IS NOT NULL ORDER BY s.proposed_at",
        )?;
        let rows = stmt.query_and_then([year], |r| -> Result<(Uuid, Level, String)> {
            Ok((uuid(&r.get::<_, String>(0)?)?, level(&r.get::<_, String>(1)?)?, r.get(2)?))
        })?;
        rows.collect()
    }

    pub fn products_of_year(&self, year: i32) -> Result<Vec<crate::ProductRecord>> {
        let mut all = Vec::new();
        let mut stmt = self.conn.prepare_cached("SELECT DISTINCT person_id FROM products WHERE year = ?1")?;
        let people: Vec<String> = stmt.query_map([year], |r| r.get(0))?.collect::<std::result::Result<_, _>>()?;
        for person in people {
            all.extend(self.products_of(uuid(&person)?, year)?);
        }
        Ok(all)
    }
}

impl Writer<'_> {
    /// Replaces the committee's order for these people's tie (ranks 1, 2, …).
    pub fn set_tie_order(&self, year: i32, ordered: &[Uuid], by: &str, at: DateTime<Utc>) -> Result<()> {
        let mut delete = self.conn().prepare_cached("DELETE FROM quota_tie_orders WHERE year = ?1 AND person_id = ?2")?;
        let mut insert = self
            .conn()
            .prepare_cached("INSERT INTO quota_tie_orders (year, person_id, rank, set_by, set_at) VALUES (?1, ?2, ?3, ?4, ?5)")?;
        for (i, person) in ordered.iter().enumerate() {
            delete.execute(params![year, person.to_string()])?;
            insert.execute(params![year, person.to_string(), i as i64 + 1, by, crate::convert::time_text(at)])?;
        }
        Ok(())
    }

    pub fn set_authority_choice(&self, group_code: &str, decided_by: Option<&str>) -> Result<()> {
        match decided_by {
            Some(by) => self.conn().execute(
                "INSERT INTO authority_choices (group_code, decided_by) VALUES (?1, ?2) ON CONFLICT (group_code) DO UPDATE SET decided_by = ?2",
                params![group_code, by],
            )?,
            None => self.conn().execute("DELETE FROM authority_choices WHERE group_code = ?1", [group_code])?,
        };
        Ok(())
    }

    pub fn save_period(&self, p: &PeriodRecord) -> Result<()> {
        let (id, owner, revision, created, updated) = meta_params(&p.meta);
        let sql = format!(
            "INSERT INTO evaluation_periods ({META_COLUMNS}, year, kind, idx, closed_at, closed_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT (id) DO UPDATE SET revision = ?3, updated_at = ?5, closed_at = ?9, closed_by = ?10"
        );
        self.conn().prepare_cached(&sql)?.execute(params![
            id,
            owner,
            revision,
            created,
            updated,
            p.year,
            p.kind,
            p.index,
            p.closed_at.map(time_text),
            p.closed_by
        ])?;
        Ok(())
    }

    pub fn save_assessment(&self, a: &AssessmentRecord) -> Result<()> {
        let (id, owner, revision, created, updated) = meta_params(&a.meta);
        let sql = format!(
            "INSERT INTO period_assessments ({META_COLUMNS}, {ASSESSMENT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
             ON CONFLICT (id) DO UPDATE SET revision = ?3, updated_at = ?5, self_points = ?8, self_text = ?9, superior_points = ?10,
                 superior_comment = ?11, task_points = ?12, task_points_reason = ?13"
        );
        self.conn().prepare_cached(&sql)?.execute(params![
            id,
            owner,
            revision,
            created,
            updated,
            a.period_id.to_string(),
            a.person_id.to_string(),
            a.self_points.as_ref().map(to_json),
            a.self_text,
            a.superior_points.as_ref().map(to_json),
            a.superior_comment,
            a.task_points,
            a.task_points_reason,
        ])?;
        Ok(())
    }

    pub fn save_facts(&self, f: &FactsRecord) -> Result<()> {
        let (id, owner, revision, created, updated) = meta_params(&f.meta);
        let sql = format!(
            "INSERT INTO year_facts ({META_COLUMNS}, {FACTS_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
             ON CONFLICT (id) DO UPDATE SET revision = ?3, updated_at = ?5, discipline = ?8, months_worked = ?9, months_absent = ?10,
                 low_confidence = ?11, shortcomings_fixed = ?12, outstanding_unit = ?13"
        );
        self.conn().prepare_cached(&sql)?.execute(params![
            id,
            owner,
            revision,
            created,
            updated,
            f.year,
            f.subject_id.to_string(),
            f.discipline.map(|d| d.code()),
            f.months_worked,
            f.months_absent,
            f.low_confidence,
            f.shortcomings_fixed,
            f.outstanding_unit,
        ])?;
        Ok(())
    }

    /// Records that `rater` rated `rated`, and, apart, adds what was given to the totals of the rater group: no
    /// single rating is kept (see migration 0018). Follow with `Store::fold_wal`.
    pub fn add_feedback(&self, year: i32, rated: Uuid, rater: Uuid, rater_group: &str, points: i64) -> Result<()> {
        self.conn().execute(
            "INSERT INTO feedback_participation (year, rated_id, rater_id) VALUES (?1, ?2, ?3)",
            params![year, rated.to_string(), rater.to_string()],
        )?;
        // Only the totals: see migration 0018.
        self.conn().execute(
            "INSERT INTO feedback_totals (year, rated_id, rater_group, raters, points_sum) VALUES (?1, ?2, ?3, 1, ?4)
             ON CONFLICT (year, rated_id, rater_group) DO UPDATE SET raters = raters + 1, points_sum = points_sum + excluded.points_sum",
            params![year, rated.to_string(), rater_group, points],
        )?;
        Ok(())
    }

    pub fn save_meeting(&self, m: &MeetingRecord) -> Result<()> {
        let (id, owner, revision, created, updated) = meta_params(&m.meta);
        let sql = format!(
            "INSERT INTO review_meetings ({META_COLUMNS}, {MEETING_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
             ON CONFLICT (id) DO UPDATE SET revision = ?3, updated_at = ?5, held_on = ?8, place = ?9, chair = ?10, secretary = ?11,
                 invited = ?12, present = ?13, absent_note = ?14, locked_at = ?15, locked_by = ?16"
        );
        self.conn().prepare_cached(&sql)?.execute(params![
            id,
            owner,
            revision,
            created,
            updated,
            m.year,
            m.unit_id.to_string(),
            date_text(m.held_on),
            m.place,
            m.chair,
            m.secretary,
            m.invited,
            m.present,
            m.absent_note,
            m.locked_at.map(time_text),
            m.locked_by,
        ])?;
        Ok(())
    }

    pub fn save_subject(&self, s: &SubjectRecord) -> Result<()> {
        let (id, owner, revision, created, updated) = meta_params(&s.meta);
        let counts = s.vote.as_ref().map(|v| v.counts);
        let sql = format!(
            "INSERT INTO meeting_subjects ({META_COLUMNS}, {SUBJECT_COLUMNS})
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34)
             ON CONFLICT (id) DO UPDATE SET revision = ?3, updated_at = ?5, proposed_level = ?15, vote_method = ?20, votes_excellent = ?21,
                 votes_good = ?22, votes_completed = ?23, votes_not_completed = ?24, decided_level = ?25, decision_reason = ?26,
                 decided_by = ?27, decided_at = ?28, proposal_reason = ?30, proposed_by = ?31, proposed_at = ?32"
        );
        self.conn().prepare_cached(&sql)?.execute(params![
            id,
            owner,
            revision,
            created,
            updated,
            s.meeting_id.to_string(),
            s.ordinal,
            s.kind,
            s.subject_id.to_string(),
            s.name,
            s.position,
            s.group_code,
            s.is_head,
            s.points,
            s.proposed_level.code(),
            s.quota_adjusted,
            to_json(&s.reasons),
            s.ruleset_code,
            s.ruleset_version,
            s.vote.as_ref().map(|v| v.method.clone()),
            counts.map(|c| c[0]),
            counts.map(|c| c[1]),
            counts.map(|c| c[2]),
            counts.map(|c| c[3]),
            s.decided_level.map(|l| l.code()),
            s.decision_reason,
            s.decided_by,
            s.decided_at.map(time_text),
            s.computed_level.code(),
            s.proposal_reason,
            s.proposed_by,
            s.proposed_at.map(time_text),
            s.tie_rank,
            s.head_of_unit.map(|u| u.to_string()),
        ])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::Store;

    #[test]
    fn no_single_rating_is_kept_only_totals() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("office.db")).unwrap();
        let conn = &store.conn;
        let columns: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info('feedback_totals')")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|c| c.unwrap())
            .collect();
        assert_eq!(columns, ["year", "rated_id", "rater_group", "raters", "points_sum"], "no rater, no time, no single score");
        assert!(conn.prepare("SELECT * FROM feedback_scores").is_err(), "the table of single scores is gone");
        assert!(conn.prepare("SELECT rowid FROM feedback_participation").is_err());
        let secure: i64 = conn.query_row("PRAGMA secure_delete", [], |r| r.get(0)).unwrap();
        assert_eq!(secure, 1);
    }
}
