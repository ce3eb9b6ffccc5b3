//! The organisation tree: listing and adding units.

use crate::auth::{Permission, Session};
use crate::error::{Result, ServiceError};
use crate::office::Office;
use domain::org::normalize_unit_code;
use domain::text::clean;
use serde::Serialize;
use store::UnitRecord;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct UnitItem {
    /// The unit's identity (what facts of a collective are recorded against).
    pub id: uuid::Uuid,
    pub code: String,
    pub name: String,
    pub level: String,
    pub level_name: String,
    pub parent_code: Option<String>,
    /// Depth in the tree, 0 for the office's own unit, for indenting.
    pub depth: usize,
}

#[derive(Debug, Clone)]
pub struct NewUnit {
    pub code: String,
    pub name: String,
    pub level: String,
    pub parent_code: String,
}

impl Office {
    /// The unit tree, parents before children. The office's own unit shows its superior's code as parent.
    pub fn units(&self, session: &Session, lang: domain::Lang) -> Result<Vec<UnitItem>> {
        session.require(Permission::Read)?;
        let read = self.store.read();
        let office = self.office_record()?;
        let levels = read.unit_levels()?;
        let mut depth_of = std::collections::HashMap::new();
        let mut items = Vec::new();
        for unit in read.units()? {
            let depth = unit.parent_id.and_then(|p| depth_of.get(&p).map(|d| d + 1)).unwrap_or(0);
            depth_of.insert(unit.id, depth);
            let parent_code = if unit.id == office.unit_id { office.superior_code.clone() } else { unit.parent_code };
            let level_name = levels.iter().find(|l| l.code == unit.level).map(|l| l.name(lang).to_string()).unwrap_or_default();
            items.push(UnitItem { id: unit.id, code: unit.code, name: unit.name, level: unit.level, level_name, parent_code, depth });
        }
        Ok(items)
    }

    pub fn add_unit(&mut self, session: &Session, new: &NewUnit) -> Result<UnitItem> {
        session.require(Permission::EditOrganisation)?;
        let code = normalize_unit_code(&new.code).map_err(ServiceError::BadUnitCode)?;
        let parent_code = normalize_unit_code(&new.parent_code).map_err(ServiceError::BadUnitCode)?;
        let name = clean(&new.name);
        if name.is_empty() {
            return Err(ServiceError::EmptyName);
        }
        let stamp = self.stamp()?;
        let username = session.username.clone();
        self.store.write(|w| {
            let read = w.read();
            if read.unit_by_code(&code)?.is_some() {
                return Err(ServiceError::UnitCodeTaken { code: code.clone() });
            }
            let parent = read.unit_by_code(&parent_code)?.ok_or_else(|| ServiceError::UnknownUnit { code: parent_code.clone() })?;
            let levels = read.unit_levels()?;
            let level = levels.iter().find(|l| l.code == new.level.trim().to_ascii_lowercase()).ok_or_else(|| {
                ServiceError::UnknownLevel { code: new.level.clone(), known: levels.iter().map(|l| l.code.clone()).collect() }
            })?;
            let parent_level =
                levels.iter().find(|l| l.code == parent.level).ok_or_else(|| ServiceError::Internal("parent level missing".into()))?;
            if !level.may_be_child_of(parent_level) {
                return Err(ServiceError::LevelNotBelowParent { level: level.code.clone(), parent_level: parent_level.code.clone() });
            }
            let meta = stamp.meta(w.next_revision()?);
            let id = meta.id;
            w.insert_unit(&UnitRecord {
                meta,
                code: code.clone(),
                name: name.clone(),
                level: level.code.clone(),
                parent_id: Some(parent.meta.id),
            })?;
            w.audit(&username, "unit.add", &format!("{code} {name} under {parent_code}"))?;
            Ok(UnitItem {
                id,
                code: code.clone(),
                name: name.clone(),
                level: level.code.clone(),
                level_name: level.name_vi.clone(),
                parent_code: Some(parent_code.clone()),
                depth: 0,
            })
        })
    }
}
