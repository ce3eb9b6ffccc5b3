//! Measured work: targets, progress reports and their evidence, products, breakthrough tasks, action programmes.

use crate::convert::{code, date, date_text, first, meta, meta_params, opt_uuid, time, time_text, uuid, META_COLUMNS};
use crate::error::Result;
use crate::{Meta, Reader, Writer};
use chrono::{DateTime, NaiveDate, Utc};
use domain::breakthrough::BreakthroughState;
use domain::products::ProductAssessment;
use domain::programmes::{FiveClear, ItemState, ProgrammeOccasion};
use domain::quantity::Hundredths;
use domain::targets::{Accumulation, Direction, Period};
use domain::text::fold;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaskGroup {
    pub code: String,
    pub name: String,
    pub name_en: String,
    pub sort_order: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetRecord {
    pub meta: Meta,
    pub year: i32,
    pub unit_id: Uuid,
    pub person_id: Option<Uuid>,
    pub code: String,
    pub group_code: String,
    pub name: String,
    pub measure: String,
    pub plan: Hundredths,
    pub direction: Direction,
    pub accumulation: Accumulation,
    pub weight: Hundredths,
    pub start_date: NaiveDate,
    pub deadline: NaiveDate,
    pub source_document: Option<String>,
    pub parent_id: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgressRecord {
    pub meta: Meta,
    pub target_id: Uuid,
    pub period: Period,
    pub value: Hundredths,
    pub comment: Option<String>,
    pub reported_by: String,
    pub reported_at: DateTime<Utc>,
}

/// The lean form of a report used to compute every completion of a year at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProgressValue {
    pub target_id: Uuid,
    pub period: Period,
    pub value: Hundredths,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceRef {
    pub sha256: String,
    pub file_name: String,
    pub size: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProductRecord {
    pub meta: Meta,
    pub person_id: Uuid,
    pub year: i32,
    /// None for a product of the whole year.
    pub period: Option<Period>,
    pub title: String,
    pub source_kind: Option<String>,
    pub source_id: Option<Uuid>,
    pub required: Hundredths,
    pub assessment: Option<ProductAssessment>,
    pub assessed_by: Option<String>,
    pub assessed_at: Option<DateTime<Utc>>,
    /// The conversion coefficient (NĐ 335 quy đổi), hundredths: 1,00 = 100.
    pub coefficient: i64,
    /// The product kind of the catalogue the coefficient came from, when it came from one.
    pub kind_code: Option<String>,
    /// Unit of measure ("báo cáo", "hồ sơ" …).
    pub measure: Option<String>,
    pub deadline: Option<NaiveDate>,
    /// The day it was delivered, as the cadre reported it.
    pub completed_on: Option<NaiveDate>,
    /// Proposed by the cadre and not yet accepted by the head: not counted.
    pub proposed: bool,
}

/// What scoring needs of a product, without its words: read for a whole province's year at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProductFigures {
    pub person_id: Uuid,
    pub period: Option<Period>,
    pub coefficient: i64,
    pub required: Hundredths,
    pub assessment: Option<ProductAssessment>,
    pub proposed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BreakthroughRecord {
    pub meta: Meta,
    pub year: i32,
    pub person_id: Uuid,
    pub unit_id: Uuid,
    pub title: String,
    pub description: String,
    pub expected_result: String,
    pub deadline: NaiveDate,
    pub state: BreakthroughState,
    pub decision_document: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BreakthroughEventRecord {
    pub meta: Meta,
    pub task_id: Uuid,
    pub action: String,
    pub comment: Option<String>,
    pub document: Option<String>,
    pub actor: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgrammeRecord {
    pub meta: Meta,
    pub person_id: Uuid,
    pub occasion: ProgrammeOccasion,
    pub position_title: String,
    pub presented_on: NaiveDate,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionItemRecord {
    pub meta: Meta,
    pub programme_id: Uuid,
    pub ordinal: i64,
    pub five: FiveClear,
    pub state: ItemState,
    pub result_note: Option<String>,
}

/// A person holding a position of an equivalent-position group on a given day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Holder {
    pub person_id: Uuid,
    pub full_name: String,
    pub sort_key: Vec<u8>,
    pub unit_id: Uuid,
    pub unit_code: String,
    pub unit_name: String,
    pub position: String,
    pub is_head: bool,
}

/// An equivalent-position group with how many hold its positions on the day asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupHolders {
    pub code: String,
    pub name: String,
    pub holders: i64,
}

const TARGET_COLUMNS: &str = "year, unit_id, person_id, code, group_code, name, measure, plan, direction, accumulation, weight,
     start_date, deadline, source_document, parent_id";

fn target(row: &rusqlite::Row<'_>) -> Result<TargetRecord> {
    Ok(TargetRecord {
        meta: meta(row)?,
        year: row.get(5)?,
        unit_id: uuid(&row.get::<_, String>(6)?)?,
        person_id: opt_uuid(row.get(7)?)?,
        code: row.get(8)?,
        group_code: row.get(9)?,
        name: row.get(10)?,
        measure: row.get(11)?,
        plan: row.get(12)?,
        direction: code(&row.get::<_, String>(13)?, Direction::from_code)?,
        accumulation: code(&row.get::<_, String>(14)?, Accumulation::from_code)?,
        weight: row.get(15)?,
        start_date: date(&row.get::<_, String>(16)?)?,
        deadline: date(&row.get::<_, String>(17)?)?,
        source_document: row.get(18)?,
        parent_id: opt_uuid(row.get(19)?)?,
    })
}

fn period(kind: &str, index: i64) -> Result<Period> {
    u8::try_from(index)
        .ok()
        .and_then(|i| Period::from_parts(kind, i))
        .ok_or_else(|| crate::StoreError::Corrupt(format!("bad period {kind} {index}")))
}

fn progress(row: &rusqlite::Row<'_>) -> Result<ProgressRecord> {
    Ok(ProgressRecord {
        meta: meta(row)?,
        target_id: uuid(&row.get::<_, String>(5)?)?,
        period: period(&row.get::<_, String>(6)?, row.get(7)?)?,
        value: row.get(8)?,
        comment: row.get(9)?,
        reported_by: row.get(10)?,
        reported_at: time(&row.get::<_, String>(11)?)?,
    })
}

const PRODUCT_COLUMNS: &str = "person_id, year, period_kind, period_index, title, source_kind, source_id, required, delivered, quality,
     major_errors, on_time, delays, assessed_by, assessed_at, coefficient, kind_code, measure, deadline, completed_on, plan_state";

fn product(row: &rusqlite::Row<'_>) -> Result<ProductRecord> {
    let kind: String = row.get(7)?;
    let period = if kind == "year" { None } else { Some(period(&kind, row.get(8)?)?) };
    let delivered: Option<i64> = row.get(13)?;
    let assessment = match delivered {
        Some(delivered) => Some(ProductAssessment {
            required: row.get(12)?,
            delivered,
            quality: row.get::<_, Option<i64>>(14)?.unwrap_or(0),
            major_errors: row.get::<_, Option<u32>>(15)?.unwrap_or(0),
            on_time: row.get::<_, Option<i64>>(16)?.unwrap_or(0),
            delays: row.get::<_, Option<u32>>(17)?.unwrap_or(0),
        }),
        None => None,
    };
    Ok(ProductRecord {
        meta: meta(row)?,
        person_id: uuid(&row.get::<_, String>(5)?)?,
        year: row.get(6)?,
        period,
        title: row.get(9)?,
        source_kind: row.get(10)?,
        source_id: opt_uuid(row.get(11)?)?,
        required: row.get(12)?,
        assessment,
        assessed_by: row.get(18)?,
        assessed_at: row.get::<_, Option<String>>(19)?.as_deref().map(time).transpose()?,
        coefficient: row.get(20)?,
        kind_code: row.get(21)?,
        measure: row.get(22)?,
        deadline: row.get::<_, Option<String>>(23)?.as_deref().map(date).transpose()?,
        completed_on: row.get::<_, Option<String>>(24)?.as_deref().map(date).transpose()?,
        proposed: row.get::<_, String>(25)? == "proposed",
    })
}

const PRODUCT_FIGURES: &str =
    "person_id, period_kind, period_index, coefficient, required, delivered, quality, major_errors, on_time, delays, plan_state";

fn product_figures(row: &rusqlite::Row<'_>) -> Result<ProductFigures> {
    // Read in place (a province's year is 400.000 rows): no text is copied.
    let kind = row.get_ref(1)?.as_str()?;
    let period = if kind == "year" { None } else { Some(period(kind, row.get(2)?)?) };
    let required: i64 = row.get(4)?;
    let assessment = match row.get::<_, Option<i64>>(5)? {
        Some(delivered) => Some(ProductAssessment {
            required,
            delivered,
            quality: row.get::<_, Option<i64>>(6)?.unwrap_or(0),
            major_errors: row.get::<_, Option<u32>>(7)?.unwrap_or(0),
            on_time: row.get::<_, Option<i64>>(8)?.unwrap_or(0),
            delays: row.get::<_, Option<u32>>(9)?.unwrap_or(0),
        }),
        None => None,
    };
    Ok(ProductFigures {
        person_id: uuid(row.get_ref(0)?.as_str()?)?,
        period,
        coefficient: row.get(3)?,
        required,
        assessment,
        proposed: row.get_ref(10)?.as_str()? == "proposed",
    })
}

const BREAKTHROUGH_COLUMNS: &str = "year, person_id, unit_id, title, description, expected_result, deadline, state, decision_document";

fn breakthrough(row: &rusqlite::Row<'_>) -> Result<BreakthroughRecord> {
    Ok(BreakthroughRecord {
        meta: meta(row)?,
        year: row.get(5)?,
        person_id: uuid(&row.get::<_, String>(6)?)?,
        unit_id: uuid(&row.get::<_, String>(7)?)?,
        title: row.get(8)?,
        description: row.get(9)?,
        expected_result: row.get(10)?,
        deadline: date(&row.get::<_, String>(11)?)?,
        state: code(&row.get::<_, String>(12)?, BreakthroughState::from_code)?,
        decision_document: row.get(13)?,
    })
}

const ITEM_COLUMNS: &str = "programme_id, ordinal, work, person, deadline, expected_result, responsibility, state, result_note";

fn action_item(row: &rusqlite::Row<'_>) -> Result<ActionItemRecord> {
    Ok(ActionItemRecord {
        meta: meta(row)?,
        programme_id: uuid(&row.get::<_, String>(5)?)?,
        ordinal: row.get(6)?,
        five: FiveClear {
            work: row.get(7)?,
            person: row.get(8)?,
            deadline: date(&row.get::<_, String>(9)?)?,
            expected_result: row.get(10)?,
            responsibility: row.get(11)?,
        },
        state: code(&row.get::<_, String>(12)?, ItemState::from_code)?,
        result_note: row.get(13)?,
    })
}

fn programme(row: &rusqlite::Row<'_>) -> Result<ProgrammeRecord> {
    Ok(ProgrammeRecord {
        meta: meta(row)?,
        person_id: uuid(&row.get::<_, String>(5)?)?,
        occasion: code(&row.get::<_, String>(6)?, ProgrammeOccasion::from_code)?,
        position_title: row.get(7)?,
        presented_on: date(&row.get::<_, String>(8)?)?,
        summary: row.get(9)?,
    })
}

impl Reader<'_> {
    pub fn task_groups(&self) -> Result<Vec<TaskGroup>> {
        let mut stmt = self.conn.prepare_cached("SELECT code, name, name_en, sort_order FROM task_groups ORDER BY sort_order, code")?;
        let rows = stmt.query_map([], |r| Ok(TaskGroup { code: r.get(0)?, name: r.get(1)?, name_en: r.get(2)?, sort_order: r.get(3)? }))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Every target of a year (a province has tens of thousands; one query is faster than many).
    pub fn targets_of_year(&self, year: i32) -> Result<Vec<TargetRecord>> {
        let sql = format!("SELECT {META_COLUMNS}, {TARGET_COLUMNS} FROM targets WHERE year = ?1 ORDER BY unit_id, code");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_and_then([year], target)?;
        rows.collect()
    }

    pub fn target_by_id(&self, id: Uuid) -> Result<Option<TargetRecord>> {
        let sql = format!("SELECT {META_COLUMNS}, {TARGET_COLUMNS} FROM targets WHERE id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let found = first(stmt.query_and_then([id.to_string()], target)?)?;
        Ok(found)
    }

    pub fn target_by_code(&self, year: i32, unit_id: Uuid, code: &str) -> Result<Option<TargetRecord>> {
        let sql = format!("SELECT {META_COLUMNS}, {TARGET_COLUMNS} FROM targets WHERE year = ?1 AND unit_id = ?2 AND code = ?3");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let found = first(stmt.query_and_then(params![year, unit_id.to_string(), code], target)?)?;
        Ok(found)
    }

    /// The parts a target was split into.
    pub fn target_parts(&self, parent_id: Uuid) -> Result<Vec<TargetRecord>> {
        let sql = format!("SELECT {META_COLUMNS}, {TARGET_COLUMNS} FROM targets WHERE parent_id = ?1 ORDER BY code");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_and_then([parent_id.to_string()], target)?;
        rows.collect()
    }

    pub fn target_years(&self) -> Result<Vec<i32>> {
        let mut stmt = self.conn.prepare_cached("SELECT DISTINCT year FROM targets ORDER BY year DESC")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Every reported value of a year's targets, for computing all completions at once.
    pub fn progress_values_of_year(&self, year: i32) -> Result<Vec<ProgressValue>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.target_id, r.period_kind, r.period_index, r.value FROM progress_reports r JOIN targets t ON t.id = r.target_id
             WHERE t.year = ?1",
        )?;
        let rows = stmt.query_and_then([year], |r| -> Result<ProgressValue> {
            Ok(ProgressValue {
                target_id: uuid(&r.get::<_, String>(0)?)?,
                period: period(&r.get::<_, String>(1)?, r.get(2)?)?,
                value: r.get(3)?,
            })
        })?;
        rows.collect()
    }

    pub fn progress_of_target(&self, target_id: Uuid) -> Result<Vec<ProgressRecord>> {
        let sql = format!(
            "SELECT {META_COLUMNS}, target_id, period_kind, period_index, value, comment, reported_by, reported_at
             FROM progress_reports WHERE target_id = ?1 ORDER BY period_kind, period_index"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_and_then([target_id.to_string()], progress)?;
        rows.collect()
    }

    pub fn progress_by_period(&self, target_id: Uuid, period: Period) -> Result<Option<ProgressRecord>> {
        let sql = format!(
            "SELECT {META_COLUMNS}, target_id, period_kind, period_index, value, comment, reported_by, reported_at
             FROM progress_reports WHERE target_id = ?1 AND period_kind = ?2 AND period_index = ?3"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let found = first(stmt.query_and_then(params![target_id.to_string(), period.kind(), period.index()], progress)?)?;
        Ok(found)
    }

    pub fn evidence_of_report(&self, report_id: Uuid) -> Result<Vec<EvidenceRef>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.sha256, e.file_name, f.size FROM report_evidence e JOIN evidence_files f ON f.sha256 = e.sha256
             WHERE e.report_id = ?1 ORDER BY e.file_name",
        )?;
        let rows =
            stmt.query_map([report_id.to_string()], |r| Ok(EvidenceRef { sha256: r.get(0)?, file_name: r.get(1)?, size: r.get(2)? }))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    pub fn evidence_content(&self, sha256: &str) -> Result<Option<Vec<u8>>> {
        Ok(self.conn.query_row("SELECT content FROM evidence_files WHERE sha256 = ?1", [sha256], |r| r.get(0)).optional()?)
    }

    pub fn products_of(&self, person_id: Uuid, year: i32) -> Result<Vec<ProductRecord>> {
        let sql = format!(
            "SELECT {META_COLUMNS}, {PRODUCT_COLUMNS} FROM products WHERE person_id = ?1 AND year = ?2
             ORDER BY period_kind, period_index, title"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_and_then(params![person_id.to_string(), year], product)?;
        rows.collect()
    }

    pub fn product_by_id(&self, id: Uuid) -> Result<Option<ProductRecord>> {
        let sql = format!("SELECT {META_COLUMNS}, {PRODUCT_COLUMNS} FROM products WHERE id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let found = first(stmt.query_and_then([id.to_string()], product)?)?;
        Ok(found)
    }

    /// Every product of a year with the figures scoring needs.
    pub fn product_figures_of_year(&self, year: i32) -> Result<Vec<ProductFigures>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {PRODUCT_FIGURES} FROM products WHERE year = ?1"))?;
        let rows = stmt.query_and_then([year], product_figures)?;
        rows.collect()
    }

    /// One person's products of a year with the figures scoring needs.
    pub fn product_figures_of_person(&self, person_id: Uuid, year: i32) -> Result<Vec<ProductFigures>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {PRODUCT_FIGURES} FROM products WHERE person_id = ?1 AND year = ?2"))?;
        let rows = stmt.query_and_then(params![person_id.to_string(), year], product_figures)?;
        rows.collect()
    }

    /// The evidence files of a product.
    pub fn evidence_of_product(&self, product_id: Uuid) -> Result<Vec<EvidenceRef>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.sha256, e.file_name, f.size FROM product_evidence e JOIN evidence_files f ON f.sha256 = e.sha256
             WHERE e.product_id = ?1 ORDER BY e.file_name",
        )?;
        let rows =
            stmt.query_map([product_id.to_string()], |r| Ok(EvidenceRef { sha256: r.get(0)?, file_name: r.get(1)?, size: r.get(2)? }))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    pub fn product_count(&self, year: i32) -> Result<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM products WHERE year = ?1", [year], |r| r.get(0))?)
    }

    pub fn breakthrough_tasks(&self, year: i32) -> Result<Vec<BreakthroughRecord>> {
        let sql = format!("SELECT {META_COLUMNS}, {BREAKTHROUGH_COLUMNS} FROM breakthrough_tasks WHERE year = ?1 ORDER BY created_at, id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_and_then([year], breakthrough)?;
        rows.collect()
    }

    pub fn breakthrough_by_id(&self, id: Uuid) -> Result<Option<BreakthroughRecord>> {
        let sql = format!("SELECT {META_COLUMNS}, {BREAKTHROUGH_COLUMNS} FROM breakthrough_tasks WHERE id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let found = first(stmt.query_and_then([id.to_string()], breakthrough)?)?;
        Ok(found)
    }

    pub fn breakthrough_events(&self, task_id: Uuid) -> Result<Vec<BreakthroughEventRecord>> {
        let sql = format!(
            "SELECT {META_COLUMNS}, task_id, action, comment, document, actor FROM breakthrough_events WHERE task_id = ?1
             ORDER BY revision"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_and_then([task_id.to_string()], |r| -> Result<BreakthroughEventRecord> {
            Ok(BreakthroughEventRecord {
                meta: meta(r)?,
                task_id: uuid(&r.get::<_, String>(5)?)?,
                action: r.get(6)?,
                comment: r.get(7)?,
                document: r.get(8)?,
                actor: r.get(9)?,
            })
        })?;
        rows.collect()
    }

    /// Action programmes, of one person or of everyone, newest first.
    pub fn programmes(&self, person_id: Option<Uuid>) -> Result<Vec<ProgrammeRecord>> {
        let sql = format!(
            "SELECT {META_COLUMNS}, person_id, occasion, position_title, presented_on, summary FROM action_programmes
             WHERE ?1 IS NULL OR person_id = ?1 ORDER BY presented_on DESC, id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_and_then([person_id.map(|p| p.to_string())], programme)?;
        rows.collect()
    }

    pub fn programme_by_id(&self, id: Uuid) -> Result<Option<ProgrammeRecord>> {
        let sql = format!(
            "SELECT {META_COLUMNS}, person_id, occasion, position_title, presented_on, summary FROM action_programmes WHERE id = ?1"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let found = first(stmt.query_and_then([id.to_string()], programme)?)?;
        Ok(found)
    }

    pub fn action_items(&self, programme_id: Uuid) -> Result<Vec<ActionItemRecord>> {
        let sql = format!("SELECT {META_COLUMNS}, {ITEM_COLUMNS} FROM action_items WHERE programme_id = ?1 ORDER BY ordinal");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_and_then([programme_id.to_string()], action_item)?;
        rows.collect()
    }

    pub fn action_item_by_id(&self, id: Uuid) -> Result<Option<ActionItemRecord>> {
        let sql = format!("SELECT {META_COLUMNS}, {ITEM_COLUMNS} FROM action_items WHERE id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let found = first(stmt.query_and_then([id.to_string()], action_item)?)?;
        Ok(found)
    }

    /// Who holds a position of the group on `day`, or of every group when `group_code` is None.
    pub fn position_holders(&self, group_code: Option<&str>, day: NaiveDate) -> Result<Vec<(String, Holder)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT g.code, p.id, p.full_name, p.sort_key, u.id, u.code, u.name, pos.name, pos.is_head
             FROM assignments a
             JOIN positions pos ON pos.id = a.position_id
             JOIN position_groups g ON g.id = pos.group_id
             JOIN people p ON p.id = a.person_id
             JOIN units u ON u.id = a.unit_id
             WHERE (?1 IS NULL OR g.code = ?1)
               AND (a.start_date IS NULL OR a.start_date <= ?2)
               AND (a.end_date IS NULL OR a.end_date > ?2)",
        )?;
        let rows = stmt.query_and_then(params![group_code, date_text(day)], |r| -> Result<(String, Holder)> {
            Ok((
                r.get(0)?,
                Holder {
                    person_id: uuid(&r.get::<_, String>(1)?)?,
                    full_name: r.get(2)?,
                    sort_key: r.get(3)?,
                    unit_id: uuid(&r.get::<_, String>(4)?)?,
                    unit_code: r.get(5)?,
                    unit_name: r.get(6)?,
                    position: r.get(7)?,
                    is_head: r.get(8)?,
                },
            ))
        })?;
        rows.collect()
    }
}

impl Writer<'_> {
    pub fn insert_task_group(&self, group: &TaskGroup) -> Result<()> {
        self.conn().execute(
            "INSERT INTO task_groups (code, name, name_en, sort_order) VALUES (?1, ?2, ?3, ?4)",
            params![group.code, group.name, group.name_en, group.sort_order],
        )?;
        Ok(())
    }

    /// Inserts a target, or overwrites the one with the same id (the caller sets the new revision).
    pub fn save_target(&self, t: &TargetRecord) -> Result<()> {
        let (id, owner, revision, created, updated) = meta_params(&t.meta);
        let sql = format!(
            "INSERT INTO targets ({META_COLUMNS}, {TARGET_COLUMNS}, name_folded)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)
             ON CONFLICT (id) DO UPDATE SET owner_unit = ?2, revision = ?3, updated_at = ?5, year = ?6, unit_id = ?7,
                 person_id = ?8, code = ?9, group_code = ?10, name = ?11, measure = ?12, plan = ?13, direction = ?14,
                 accumulation = ?15, weight = ?16, start_date = ?17, deadline = ?18, source_document = ?19, parent_id = ?20,
                 name_folded = ?21"
        );
        self.conn().prepare_cached(&sql)?.execute(params![
            id,
            owner,
            revision,
            created,
            updated,
            t.year,
            t.unit_id.to_string(),
            t.person_id.map(|p| p.to_string()),
            t.code,
            t.group_code,
            t.name,
            t.measure,
            t.plan,
            t.direction.code(),
            t.accumulation.code(),
            t.weight,
            date_text(t.start_date),
            date_text(t.deadline),
            t.source_document,
            t.parent_id.map(|p| p.to_string()),
            fold(&t.name),
        ])?;
        Ok(())
    }

    /// Inserts a report, or overwrites the one with the same id.
    pub fn save_progress(&self, p: &ProgressRecord) -> Result<()> {
        let (id, owner, revision, created, updated) = meta_params(&p.meta);
        let sql = format!(
            "INSERT INTO progress_reports ({META_COLUMNS}, target_id, period_kind, period_index, value, comment, reported_by, reported_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT (id) DO UPDATE SET revision = ?3, updated_at = ?5, value = ?9, comment = ?10, reported_by = ?11,
                 reported_at = ?12"
        );
        self.conn().prepare_cached(&sql)?.execute(params![
            id,
            owner,
            revision,
            created,
            updated,
            p.target_id.to_string(),
            p.period.kind(),
            p.period.index(),
            p.value,
            p.comment,
            p.reported_by,
            time_text(p.reported_at),
        ])?;
        Ok(())
    }

    /// Stores a file once by its hash and links it to a report under the name the user gave it.
    pub fn attach_evidence(&self, report_id: Uuid, sha256: &str, file_name: &str, content: &[u8], at: DateTime<Utc>) -> Result<()> {
        self.conn()
            .prepare_cached("INSERT OR IGNORE INTO evidence_files (sha256, size, content, created_at) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![sha256, content.len() as i64, content, time_text(at)])?;
        self.conn()
            .prepare_cached("INSERT OR REPLACE INTO report_evidence (report_id, sha256, file_name) VALUES (?1, ?2, ?3)")?
            .execute(params![report_id.to_string(), sha256, file_name])?;
        Ok(())
    }

    /// Keeps a file (once per content) as evidence of a product delivered.
    pub fn attach_product_evidence(
        &self,
        product_id: Uuid,
        sha256: &str,
        file_name: &str,
        content: &[u8],
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.conn()
            .prepare_cached("INSERT OR IGNORE INTO evidence_files (sha256, size, content, created_at) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![sha256, content.len() as i64, content, time_text(at)])?;
        self.conn()
            .prepare_cached("INSERT OR REPLACE INTO product_evidence (product_id, sha256, file_name) VALUES (?1, ?2, ?3)")?
            .execute(params![product_id.to_string(), sha256, file_name])?;
        Ok(())
    }

    pub fn save_product(&self, p: &ProductRecord) -> Result<()> {
        let (id, owner, revision, created, updated) = meta_params(&p.meta);
        let a = p.assessment.as_ref();
        let sql = format!(
            "INSERT INTO products ({META_COLUMNS}, {PRODUCT_COLUMNS})
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
                     ?21, ?22, ?23, ?24, ?25, ?26)
             ON CONFLICT (id) DO UPDATE SET revision = ?3, updated_at = ?5, person_id = ?6, year = ?7, period_kind = ?8,
                 period_index = ?9, title = ?10, source_kind = ?11, source_id = ?12, required = ?13, delivered = ?14,
                 quality = ?15, major_errors = ?16, on_time = ?17, delays = ?18, assessed_by = ?19, assessed_at = ?20,
                 coefficient = ?21, kind_code = ?22, measure = ?23, deadline = ?24, completed_on = ?25, plan_state = ?26"
        );
        self.conn().prepare_cached(&sql)?.execute(params![
            id,
            owner,
            revision,
            created,
            updated,
            p.person_id.to_string(),
            p.year,
            p.period.map_or("year", |x| x.kind()),
            p.period.map_or(0, |x| x.index()),
            p.title,
            p.source_kind,
            p.source_id.map(|s| s.to_string()),
            p.required,
            a.map(|a| a.delivered),
            a.map(|a| a.quality),
            a.map(|a| a.major_errors),
            a.map(|a| a.on_time),
            a.map(|a| a.delays),
            p.assessed_by,
            p.assessed_at.map(time_text),
            p.coefficient,
            p.kind_code,
            p.measure,
            p.deadline.map(date_text),
            p.completed_on.map(date_text),
            if p.proposed { "proposed" } else { "assigned" },
        ])?;
        Ok(())
    }

    pub fn save_breakthrough(&self, t: &BreakthroughRecord) -> Result<()> {
        let (id, owner, revision, created, updated) = meta_params(&t.meta);
        let sql = format!(
            "INSERT INTO breakthrough_tasks ({META_COLUMNS}, {BREAKTHROUGH_COLUMNS})
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
             ON CONFLICT (id) DO UPDATE SET revision = ?3, updated_at = ?5, year = ?6, person_id = ?7, unit_id = ?8, title = ?9,
                 description = ?10, expected_result = ?11, deadline = ?12, state = ?13, decision_document = ?14"
        );
        self.conn().prepare_cached(&sql)?.execute(params![
            id,
            owner,
            revision,
            created,
            updated,
            t.year,
            t.person_id.to_string(),
            t.unit_id.to_string(),
            t.title,
            t.description,
            t.expected_result,
            date_text(t.deadline),
            t.state.code(),
            t.decision_document,
        ])?;
        Ok(())
    }

    pub fn insert_breakthrough_event(&self, e: &BreakthroughEventRecord) -> Result<()> {
        let (id, owner, revision, created, updated) = meta_params(&e.meta);
        let sql = format!(
            "INSERT INTO breakthrough_events ({META_COLUMNS}, task_id, action, comment, document, actor)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
        );
        self.conn().prepare_cached(&sql)?.execute(params![
            id,
            owner,
            revision,
            created,
            updated,
            e.task_id.to_string(),
            e.action,
            e.comment,
            e.document,
            e.actor
        ])?;
        Ok(())
    }

    pub fn insert_programme(&self, p: &ProgrammeRecord) -> Result<()> {
        let (id, owner, revision, created, updated) = meta_params(&p.meta);
        let sql = format!(
            "INSERT INTO action_programmes ({META_COLUMNS}, person_id, occasion, position_title, presented_on, summary)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
        );
        self.conn().prepare_cached(&sql)?.execute(params![
            id,
            owner,
            revision,
            created,
            updated,
            p.person_id.to_string(),
            p.occasion.code(),
            p.position_title,
            date_text(p.presented_on),
            p.summary
        ])?;
        Ok(())
    }

    pub fn save_action_item(&self, i: &ActionItemRecord) -> Result<()> {
        let (id, owner, revision, created, updated) = meta_params(&i.meta);
        let sql = format!(
            "INSERT INTO action_items ({META_COLUMNS}, {ITEM_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
             ON CONFLICT (id) DO UPDATE SET revision = ?3, updated_at = ?5, ordinal = ?7, work = ?8, person = ?9, deadline = ?10,
                 expected_result = ?11, responsibility = ?12, state = ?13, result_note = ?14"
        );
        self.conn().prepare_cached(&sql)?.execute(params![
            id,
            owner,
            revision,
            created,
            updated,
            i.programme_id.to_string(),
            i.ordinal,
            i.five.work,
            i.five.person,
            date_text(i.five.deadline),
            i.five.expected_result,
            i.five.responsibility,
            i.state.code(),
            i.result_note
        ])?;
        Ok(())
    }
}
