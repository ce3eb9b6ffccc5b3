//! The organisation: levels, units, equivalent-position groups and positions.

use crate::convert::{meta, meta_params, opt_date, opt_uuid, uuid, META_COLUMNS};
use crate::error::Result;
use crate::{PositionGroupRecord, PositionRecord, Reader, UnitListing, UnitRecord, Writer};
use domain::org::{names_position, PositionMatch, UnitLevel};
use domain::text::fold;
use rusqlite::{params, OptionalExtension};
use uuid::Uuid;

/// The columns of a unit after `META_COLUMNS`, as `unit_record` reads them.
const UNIT_COLUMNS: &str = "code, name, level, parent_id, ended_on, merged_into";

/// A unit row selected as `{META_COLUMNS}, {UNIT_COLUMNS}`.
fn unit_record(row: &rusqlite::Row<'_>) -> Result<UnitRecord> {
    Ok(UnitRecord {
        meta: meta(row)?,
        code: row.get(5)?,
        name: row.get(6)?,
        level: row.get(7)?,
        parent_id: opt_uuid(row.get(8)?)?,
        ended_on: opt_date(row.get(9)?)?,
        merged_into: opt_uuid(row.get(10)?)?,
    })
}

impl Reader<'_> {
    pub fn unit_levels(&self) -> Result<Vec<UnitLevel>> {
        let mut stmt = self.conn.prepare_cached("SELECT code, name_vi, name_en, rank FROM unit_levels ORDER BY rank, code")?;
        let rows =
            stmt.query_map([], |row| Ok(UnitLevel { code: row.get(0)?, name_vi: row.get(1)?, name_en: row.get(2)?, rank: row.get(3)? }))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    pub fn unit_by_code(&self, code: &str) -> Result<Option<UnitRecord>> {
        self.one_unit("code = ?1", code)
    }

    pub fn unit_by_id(&self, id: Uuid) -> Result<Option<UnitRecord>> {
        self.one_unit("id = ?1", &id.to_string())
    }

    fn one_unit(&self, condition: &str, value: &str) -> Result<Option<UnitRecord>> {
        let sql = format!("SELECT {META_COLUMNS}, {UNIT_COLUMNS} FROM units WHERE {condition}");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query_and_then([value], unit_record)?;
        rows.next().transpose()
    }

    /// Which office owns each unit (the one that may change it).
    pub fn unit_owners(&self) -> Result<std::collections::HashMap<Uuid, Uuid>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, owner_unit FROM units")?;
        let rows = stmt.query_and_then([], |row| -> Result<(Uuid, Uuid)> {
            Ok((uuid(&row.get::<_, String>(0)?)?, uuid(&row.get::<_, String>(1)?)?))
        })?;
        rows.collect()
    }

    /// How many people each unit's roster holds (its own, not the units below it).
    pub fn people_per_unit(&self) -> Result<std::collections::HashMap<Uuid, usize>> {
        let mut stmt = self.conn.prepare_cached("SELECT unit_id, COUNT(*) FROM people GROUP BY unit_id")?;
        let rows = stmt.query_and_then([], |row| -> Result<(Uuid, usize)> {
            Ok((uuid(&row.get::<_, String>(0)?)?, row.get::<_, i64>(1)? as usize))
        })?;
        rows.collect()
    }

    /// Every unit with its parent's code, parents before children and siblings by code, as a tree is read.
    pub fn units(&self) -> Result<Vec<UnitListing>> {
        let mut stmt = self.conn.prepare_cached(
            "WITH RECURSIVE tree(id, path) AS (
                 SELECT id, code FROM units WHERE parent_id IS NULL
                 UNION ALL
                 SELECT u.id, tree.path || char(31) || u.code FROM units u JOIN tree ON u.parent_id = tree.id
             )
             SELECT u.id, u.code, u.name, u.level, u.parent_id, p.code, u.ended_on, u.merged_into
             FROM tree JOIN units u ON u.id = tree.id LEFT JOIN units p ON p.id = u.parent_id
             ORDER BY tree.path",
        )?;
        let rows = stmt.query_and_then([], |row| -> Result<UnitListing> {
            Ok(UnitListing {
                id: uuid(&row.get::<_, String>(0)?)?,
                code: row.get(1)?,
                name: row.get(2)?,
                level: row.get(3)?,
                parent_id: opt_uuid(row.get(4)?)?,
                parent_code: row.get(5)?,
                ended_on: opt_date(row.get(6)?)?,
                merged_into: opt_uuid(row.get(7)?)?,
            })
        })?;
        rows.collect()
    }

    /// The units directly below a unit.
    pub fn child_units(&self, unit_id: Uuid) -> Result<Vec<UnitRecord>> {
        let sql = format!("SELECT {META_COLUMNS}, {UNIT_COLUMNS} FROM units WHERE parent_id = ?1 ORDER BY code");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_and_then([unit_id.to_string()], unit_record)?;
        rows.collect()
    }

    /// Units whose name folds to the same text as `name` (case, diacritics and tone placement ignored).
    pub fn units_named(&self, name: &str) -> Result<Vec<UnitRecord>> {
        let sql = format!("SELECT {META_COLUMNS}, {UNIT_COLUMNS} FROM units WHERE name_folded = ?1 ORDER BY code");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_and_then([fold(name)], unit_record)?;
        rows.collect()
    }

    pub fn position_groups(&self) -> Result<Vec<PositionGroupRecord>> {
        let sql = format!("SELECT {META_COLUMNS}, code, name FROM position_groups ORDER BY code");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_and_then([], |row| -> Result<PositionGroupRecord> {
            Ok(PositionGroupRecord { meta: meta(row)?, code: row.get(5)?, name: row.get(6)? })
        })?;
        rows.collect()
    }

    pub fn position_group_by_code(&self, code: &str) -> Result<Option<PositionGroupRecord>> {
        Ok(self.position_groups()?.into_iter().find(|g| g.code == code))
    }

    pub fn positions(&self) -> Result<Vec<PositionRecord>> {
        self.positions_where("1 = 1", "")
    }

    /// The position whose name folds like `name` ("Bí thư Đảng uỷ" and "bi thu dang uy" are one position); else the
    /// one combined post of which `name` is a title (domain::org::names_position).
    pub fn position_named(&self, name: &str) -> Result<Option<PositionRecord>> {
        if let Some(exact) = self.positions_where("name_folded = ?1", &fold(name))?.into_iter().next() {
            return Ok(Some(exact));
        }
        let mut parts = self.positions()?.into_iter().filter(|p| names_position(name, &p.name) == PositionMatch::PartOfCombined);
        match (parts.next(), parts.next()) {
            (Some(only), None) => Ok(Some(only)),
            _ => Ok(None),
        }
    }

    pub fn position_code_taken(&self, code: &str) -> Result<bool> {
        Ok(self.conn.query_row("SELECT 1 FROM positions WHERE code = ?1", [code], |_| Ok(())).optional()?.is_some())
    }

    fn positions_where(&self, condition: &str, value: &str) -> Result<Vec<PositionRecord>> {
        let sql = format!("SELECT {META_COLUMNS}, code, name, group_id, is_head FROM positions WHERE {condition} ORDER BY code");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let bind: &[&dyn rusqlite::ToSql] = if value.is_empty() { &[] } else { &[&value] };
        let rows = stmt.query_and_then(bind, |row| -> Result<PositionRecord> {
            Ok(PositionRecord {
                meta: meta(row)?,
                code: row.get(5)?,
                name: row.get(6)?,
                group_id: uuid(&row.get::<_, String>(7)?)?,
                is_head: row.get(8)?,
            })
        })?;
        rows.collect()
    }
}

impl Writer<'_> {
    /// A unit renamed, moved or closed: its name, parent and closure, with the new revision and time of
    /// `unit.meta`. Its code and level do not change (they identify it in bundles and in the rules).
    pub fn update_unit(&self, unit: &UnitRecord) -> Result<()> {
        self.conn()
            .prepare_cached(
                "UPDATE units SET revision = ?2, updated_at = ?3, name = ?4, name_folded = ?5, parent_id = ?6, ended_on = ?7,
                     merged_into = ?8
                 WHERE id = ?1",
            )?
            .execute(params![
                unit.meta.id.to_string(),
                unit.meta.revision,
                crate::convert::time_text(unit.meta.updated_at),
                unit.name,
                fold(&unit.name),
                unit.parent_id.map(|p| p.to_string()),
                unit.ended_on.map(crate::convert::date_text),
                unit.merged_into.map(|u| u.to_string())
            ])?;
        Ok(())
    }

    pub fn insert_unit(&self, unit: &UnitRecord) -> Result<()> {
        let (id, owner, revision, created, updated) = meta_params(&unit.meta);
        self.conn()
            .prepare_cached(
                "INSERT INTO units (id, owner_unit, revision, created_at, updated_at, code, name, name_folded, level, parent_id,
                     ended_on, merged_into)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?
            .execute(params![
                id,
                owner,
                revision,
                created,
                updated,
                unit.code,
                unit.name,
                fold(&unit.name),
                unit.level,
                unit.parent_id.map(|p| p.to_string()),
                unit.ended_on.map(crate::convert::date_text),
                unit.merged_into.map(|u| u.to_string())
            ])?;
        Ok(())
    }

    pub fn insert_position_group(&self, group: &PositionGroupRecord) -> Result<()> {
        let (id, owner, revision, created, updated) = meta_params(&group.meta);
        self.conn()
            .prepare_cached("INSERT INTO position_groups (id, owner_unit, revision, created_at, updated_at, code, name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?
            .execute(params![id, owner, revision, created, updated, group.code, group.name])?;
        Ok(())
    }

    pub fn insert_position(&self, position: &PositionRecord) -> Result<()> {
        let (id, owner, revision, created, updated) = meta_params(&position.meta);
        self.conn()
            .prepare_cached(
                "INSERT INTO positions (id, owner_unit, revision, created_at, updated_at, code, name, name_folded, group_id, is_head)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![
                id,
                owner,
                revision,
                created,
                updated,
                position.code,
                position.name,
                fold(&position.name),
                position.group_id.to_string(),
                position.is_head
            ])?;
        Ok(())
    }
}
