//! The organisation tree: listing units with their headcounts, adding, renaming and moving them, and each unit's
//! history of those changes (from the audit trail, where every change is recorded with who made it and when).

use crate::auth::{Permission, Session};
use crate::error::{Result, ServiceError};
use crate::office::Office;
use chrono::NaiveDate;
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
    /// People on the unit's own roster.
    pub headcount: usize,
    /// People on its roster and on those of every unit below it.
    pub headcount_with_below: usize,
    /// Whether this office may rename or move it: its own units, not those another office sent.
    pub editable: bool,
    /// The office's own unit (the top of what it keeps), which does not move.
    pub is_office_unit: bool,
    /// Closed from this day: merged into another unit or dissolved; kept with its history.
    pub ended_on: Option<chrono::NaiveDate>,
    /// The name of the unit it was merged into.
    pub merged_into_name: Option<String>,
}

/// What a merger did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MergeOutcome {
    /// Units merged (closed and pointing to the unit they went into).
    pub merged: usize,
    /// People whose roster moved to the unit merged into.
    pub people_moved: usize,
    /// Units below the merged ones, now under the unit merged into.
    pub units_moved: usize,
    /// Posts held in the merged units, ended on the day of the merger (new posts are appointed by decision).
    pub posts_ended: usize,
}

/// One change in a unit's history, as the audit trail recorded it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct UnitChange {
    pub at: chrono::DateTime<chrono::Utc>,
    pub username: String,
    pub kind: UnitChangeKind,
    /// For a rename the old and new names, for a move the old and new parents' names, for an addition the
    /// parent's name and the unit's.
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum UnitChangeKind {
    Added,
    Renamed,
    Moved,
    /// From the unit's name to the name of the unit it went into.
    Merged,
    /// From the unit's name to the day it closed.
    Dissolved,
}

impl UnitChangeKind {
    const ALL: [UnitChangeKind; 5] =
        [UnitChangeKind::Added, UnitChangeKind::Renamed, UnitChangeKind::Moved, UnitChangeKind::Merged, UnitChangeKind::Dissolved];

    fn action(self) -> &'static str {
        match self {
            UnitChangeKind::Added => "unit.add",
            UnitChangeKind::Renamed => "unit.rename",
            UnitChangeKind::Moved => "unit.move",
            UnitChangeKind::Merged => "unit.merge",
            UnitChangeKind::Dissolved => "unit.dissolve",
        }
    }
}

/// How a change reads in the audit trail, which shows it as written: `XA-A: “Tên cũ” → “Tên mới”`.
fn change_detail(code: &str, from: &str, to: &str) -> String {
    format!("{code}: “{from}” → “{to}”")
}

/// The two sides of a detail written by `change_detail`.
fn change_sides<'a>(detail: &'a str, code: &str) -> Option<(&'a str, &'a str)> {
    detail.strip_prefix(code)?.strip_prefix(": “")?.strip_suffix('”')?.split_once("” → “")
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
        let people = read.people_per_unit()?;
        let owners = read.unit_owners()?;
        let mut depth_of = std::collections::HashMap::new();
        let mut items: Vec<UnitItem> = Vec::new();
        let listing = read.units()?;
        let name_of: std::collections::HashMap<uuid::Uuid, String> = listing.iter().map(|u| (u.id, u.name.clone())).collect();
        for unit in listing {
            let depth = unit.parent_id.and_then(|p| depth_of.get(&p).map(|d| d + 1)).unwrap_or(0);
            depth_of.insert(unit.id, depth);
            let parent_code = if unit.id == office.unit_id { office.superior_code.clone() } else { unit.parent_code };
            let level_name = levels.iter().find(|l| l.code == unit.level).map(|l| l.name(lang).to_string()).unwrap_or_default();
            let headcount = people.get(&unit.id).copied().unwrap_or(0);
            let editable = owners.get(&unit.id) == Some(&office.unit_id) && unit.ended_on.is_none();
            let merged_into_name = unit.merged_into.and_then(|id| name_of.get(&id).cloned());
            items.push(UnitItem {
                id: unit.id,
                code: unit.code,
                name: unit.name,
                level: unit.level,
                level_name,
                parent_code,
                depth,
                headcount,
                headcount_with_below: headcount,
                editable,
                is_office_unit: unit.id == office.unit_id,
                ended_on: unit.ended_on,
                merged_into_name,
            });
        }
        // Parents come before children: adding each unit's count to the units above it, from the last row up,
        // gives every subtree's total in one pass.
        let mut open: Vec<usize> = Vec::new();
        let mut totals: Vec<usize> = items.iter().map(|i| i.headcount).collect();
        for (i, item) in items.iter().enumerate() {
            while open.last().is_some_and(|&j| items[j].depth >= item.depth) {
                open.pop();
            }
            for &above in &open {
                totals[above] += item.headcount;
            }
            open.push(i);
        }
        for (item, total) in items.iter_mut().zip(totals) {
            item.headcount_with_below = total;
        }
        Ok(items)
    }

    /// Renames one of the office's own units; its code stays (bundles and imports know it by its code).
    pub fn rename_unit(&mut self, session: &Session, code: &str, name: &str) -> Result<()> {
        session.require(Permission::EditOrganisation)?;
        let code = normalize_unit_code(code).map_err(ServiceError::BadUnitCode)?;
        let name = clean(name);
        if name.is_empty() {
            return Err(ServiceError::EmptyName);
        }
        let stamp = self.stamp()?;
        let username = session.username.clone();
        self.store.write(|w| {
            let unit = w.read().unit_by_code(&code)?.ok_or_else(|| ServiceError::UnknownUnit { code: code.clone() })?;
            if unit.name == name {
                return Ok(());
            }
            active(&unit)?;
            let meta = changed(w, &unit.meta, stamp.now)?;
            w.update_unit(&UnitRecord { meta, name: name.clone(), ..unit.clone() })?;
            w.audit(&username, UnitChangeKind::Renamed.action(), &change_detail(&code, &unit.name, &name))?;
            Ok(())
        })
    }

    /// Moves one of the office's own units under another unit: the level must fit under the new parent's, and a
    /// unit cannot go under itself or a unit below it. The office's own unit stays where it is.
    pub fn move_unit(&mut self, session: &Session, code: &str, parent_code: &str) -> Result<()> {
        session.require(Permission::EditOrganisation)?;
        let code = normalize_unit_code(code).map_err(ServiceError::BadUnitCode)?;
        let parent_code = normalize_unit_code(parent_code).map_err(ServiceError::BadUnitCode)?;
        let office_unit = self.office_record()?.unit_id;
        let stamp = self.stamp()?;
        let username = session.username.clone();
        self.store.write(|w| {
            let read = w.read();
            let unit = read.unit_by_code(&code)?.ok_or_else(|| ServiceError::UnknownUnit { code: code.clone() })?;
            let parent = read.unit_by_code(&parent_code)?.ok_or_else(|| ServiceError::UnknownUnit { code: parent_code.clone() })?;
            if unit.parent_id == Some(parent.meta.id) {
                return Ok(());
            }
            active(&unit)?;
            active(&parent)?;
            // The office's own unit stays; a unit goes only under a unit of this office, since a bundle that puts
            // it under another office's unit is refused by that office's superior.
            if unit.meta.id == office_unit || parent.meta.owner_unit != office_unit {
                return Err(ServiceError::UnitCannotMove { code: code.clone(), under: parent_code.clone() });
            }
            // Walking up from the new parent must not meet the unit itself.
            let mut at = Some(parent.clone());
            let mut steps = 0;
            while let Some(above) = at {
                if above.meta.id == unit.meta.id || steps > 64 {
                    return Err(ServiceError::UnitCannotMove { code: code.clone(), under: parent_code.clone() });
                }
                at = above.parent_id.map(|p| read.unit_by_id(p)).transpose()?.flatten();
                steps += 1;
            }
            let levels = read.unit_levels()?;
            let level_of = |code: &str| levels.iter().find(|l| l.code == code).cloned();
            let (Some(level), Some(parent_level)) = (level_of(&unit.level), level_of(&parent.level)) else {
                return Err(ServiceError::Internal("unit level missing".into()));
            };
            if !level.may_be_child_of(&parent_level) {
                return Err(ServiceError::LevelNotBelowParent { level: Box::new(level), parent_level: Box::new(parent_level) });
            }
            let old_parent = match unit.parent_id {
                Some(p) => read.unit_by_id(p)?.map(|u| u.name).unwrap_or_default(),
                None => String::new(),
            };
            let meta = changed(w, &unit.meta, stamp.now)?;
            w.update_unit(&UnitRecord { meta, parent_id: Some(parent.meta.id), ..unit.clone() })?;
            w.audit(&username, UnitChangeKind::Moved.action(), &change_detail(&code, &old_parent, &parent.name))?;
            Ok(())
        })
    }

    /// The unit's additions, renames and moves made in this office, oldest first.
    pub fn unit_history(&self, session: &Session, code: &str) -> Result<Vec<UnitChange>> {
        session.require(Permission::Read)?;
        let code = normalize_unit_code(code).map_err(ServiceError::BadUnitCode)?;
        let read = self.store.read();
        let mut changes = Vec::new();
        for kind in UnitChangeKind::ALL {
            for (at, username, detail) in read.audit_entries_about(kind.action(), &format!("{code}: "))? {
                // A detail not in this shape is shown whole.
                let (from, to) = change_sides(&detail, &code).unwrap_or(("", &detail));
                changes.push(UnitChange { at, username, kind, from: from.to_string(), to: to.to_string() });
            }
        }
        changes.sort_by_key(|c| c.at);
        Ok(changes)
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
            active(&parent)?;
            if parent.meta.owner_unit != stamp.owner {
                return Err(ServiceError::ParentNotOwned { parent: parent.name.clone() });
            }
            let levels = read.unit_levels()?;
            let level = levels.iter().find(|l| l.code == new.level.trim().to_ascii_lowercase()).ok_or_else(|| {
                ServiceError::UnknownLevel { code: new.level.clone(), known: levels.iter().map(|l| l.code.clone()).collect() }
            })?;
            let parent_level =
                levels.iter().find(|l| l.code == parent.level).ok_or_else(|| ServiceError::Internal("parent level missing".into()))?;
            if !level.may_be_child_of(parent_level) {
                return Err(ServiceError::LevelNotBelowParent {
                    level: Box::new(level.clone()),
                    parent_level: Box::new(parent_level.clone()),
                });
            }
            let meta = stamp.meta(w.next_revision()?);
            let id = meta.id;
            w.insert_unit(&UnitRecord {
                meta,
                code: code.clone(),
                name: name.clone(),
                level: level.code.clone(),
                parent_id: Some(parent.meta.id),
                ended_on: None,
                merged_into: None,
            })?;
            w.audit(&username, UnitChangeKind::Added.action(), &change_detail(&code, &parent.name, &name))?;
            Ok(UnitItem {
                id,
                code: code.clone(),
                name: name.clone(),
                level: level.code.clone(),
                level_name: level.name_vi.clone(),
                parent_code: Some(parent_code.clone()),
                depth: 0,
                headcount: 0,
                headcount_with_below: 0,
                editable: true,
                is_office_unit: false,
                ended_on: None,
                merged_into_name: None,
            })
        })
    }

    /// Merges units of this office into another of the same level (the 2025 mergers): their people and the units
    /// below them go to it, the posts held in them end on the day (new posts come by decision), and each merged
    /// unit is kept, closed from that day and naming the unit it went into, with its history and its years' work.
    /// `on` is the day the decision took effect, today when not given.
    pub fn merge_units(&mut self, session: &Session, codes: &[String], into: &str, on: Option<NaiveDate>) -> Result<MergeOutcome> {
        session.require(Permission::EditOrganisation)?;
        let into = normalize_unit_code(into).map_err(ServiceError::BadUnitCode)?;
        let mut sources = Vec::new();
        for code in codes {
            let code = normalize_unit_code(code).map_err(ServiceError::BadUnitCode)?;
            if !sources.contains(&code) {
                sources.push(code);
            }
        }
        let on = closing_day(on)?;
        let stamp = self.stamp()?;
        let office_unit = stamp.owner;
        let username = session.username.clone();
        self.store.write(|w| {
            let read = w.read();
            let target = active_unit(&read, &into)?;
            let mut units = Vec::new();
            for code in &sources {
                let unit = active_unit(&read, code)?;
                let refused = || ServiceError::UnitCannotMerge { name: unit.name.clone(), into: target.name.clone() };
                if unit.meta.id == office_unit
                    || unit.meta.owner_unit != office_unit
                    || target.meta.owner_unit != office_unit
                    || unit.level != target.level
                    || is_within(&read, target.meta.id, unit.meta.id)?
                {
                    return Err(refused());
                }
                units.push(unit);
            }
            let mut outcome = MergeOutcome { merged: 0, people_moved: 0, units_moved: 0, posts_ended: 0 };
            for unit in units {
                outcome.posts_ended += end_posts(w, unit.meta.id, on, stamp.now)?;
                for person in w.read().people_in_unit(unit.meta.id)? {
                    let meta = changed(w, &person.meta, stamp.now)?;
                    w.update_person(&store::PersonRecord { meta, unit_id: target.meta.id, ..person })?;
                    outcome.people_moved += 1;
                }
                for child in w.read().child_units(unit.meta.id)? {
                    let meta = changed(w, &child.meta, stamp.now)?;
                    w.update_unit(&UnitRecord { meta, parent_id: Some(target.meta.id), ..child })?;
                    outcome.units_moved += 1;
                }
                let meta = changed(w, &unit.meta, stamp.now)?;
                let detail = change_detail(&unit.code, &unit.name, &target.name);
                w.update_unit(&UnitRecord { meta, ended_on: Some(on), merged_into: Some(target.meta.id), ..unit })?;
                w.audit(&username, UnitChangeKind::Merged.action(), &detail)?;
                outcome.merged += 1;
            }
            Ok(outcome)
        })
    }

    /// Dissolves an empty unit of this office: it is kept, closed from `on`, with its history. A unit that still
    /// has people or active units below it is refused: they go elsewhere first (or the unit is merged instead).
    pub fn dissolve_unit(&mut self, session: &Session, code: &str, on: Option<NaiveDate>) -> Result<()> {
        session.require(Permission::EditOrganisation)?;
        let code = normalize_unit_code(code).map_err(ServiceError::BadUnitCode)?;
        let on = closing_day(on)?;
        let stamp = self.stamp()?;
        let username = session.username.clone();
        self.store.write(|w| {
            let read = w.read();
            let unit = active_unit(&read, &code)?;
            if unit.meta.id == stamp.owner || unit.meta.owner_unit != stamp.owner {
                return Err(ServiceError::UnitCannotClose { name: unit.name.clone() });
            }
            let people = read.people_in_unit(unit.meta.id)?.len();
            let units = read.child_units(unit.meta.id)?.iter().filter(|c| c.ended_on.is_none()).count();
            if people > 0 || units > 0 {
                return Err(ServiceError::UnitNotEmpty { name: unit.name.clone(), people, units });
            }
            end_posts(w, unit.meta.id, on, stamp.now)?;
            let meta = changed(w, &unit.meta, stamp.now)?;
            let detail = change_detail(&unit.code, &unit.name, &domain::dates::format_vn_date(on));
            w.update_unit(&UnitRecord { meta, ended_on: Some(on), ..unit })?;
            w.audit(&username, UnitChangeKind::Dissolved.action(), &detail)?;
            Ok(())
        })
    }
}

/// A record's provenance for a change made now: the next revision of this office's clock and the time.
fn changed(w: &store::Writer<'_>, meta: &store::Meta, now: chrono::DateTime<chrono::Utc>) -> Result<store::Meta> {
    Ok(store::Meta { revision: w.next_revision()?, updated_at: now, ..meta.clone() })
}

/// The unit of this code, refused when unknown or closed.
fn active_unit(read: &store::Reader<'_>, code: &str) -> Result<UnitRecord> {
    let unit = read.unit_by_code(code)?.ok_or_else(|| ServiceError::UnknownUnit { code: code.to_string() })?;
    active(&unit)?;
    Ok(unit)
}

/// Refuses a unit that was merged or dissolved.
pub(crate) fn active(unit: &UnitRecord) -> Result<()> {
    match unit.ended_on {
        Some(_) => Err(ServiceError::UnitEnded { name: unit.name.clone() }),
        None => Ok(()),
    }
}

/// The day a merger or dissolution took effect: the one given, not after today, or today.
fn closing_day(on: Option<NaiveDate>) -> Result<NaiveDate> {
    let today = chrono::Local::now().date_naive();
    match on {
        Some(day) if day > today => Err(ServiceError::ClosingDateInFuture { date: day }),
        Some(day) => Ok(day),
        None => Ok(today),
    }
}

/// Whether `unit` is `ancestor` or sits below it.
fn is_within(read: &store::Reader<'_>, unit: uuid::Uuid, ancestor: uuid::Uuid) -> Result<bool> {
    let mut at = Some(unit);
    for _ in 0..64 {
        match at {
            Some(id) if id == ancestor => return Ok(true),
            Some(id) => at = read.unit_by_id(id)?.and_then(|u| u.parent_id),
            None => return Ok(false),
        }
    }
    Ok(true)
}

/// Ends the posts held in a unit on `on` (or on the day a post began, if that came later); how many. The reason is
/// "other": the stored reasons are a closed list without mergers, and the unit's own history says what happened.
fn end_posts(w: &store::Writer<'_>, unit: uuid::Uuid, on: NaiveDate, now: chrono::DateTime<chrono::Utc>) -> Result<usize> {
    let posts = w.read().open_assignments_in_unit(unit)?;
    for post in &posts {
        let end = post.start_date.map_or(on, |start| start.max(on));
        w.end_assignment(post.meta.id, end, "other", w.next_revision()?, now)?;
    }
    Ok(posts.len())
}

#[cfg(test)]
mod audit_words {
    use super::UnitChangeKind;
    use domain::Lang;

    /// The audit trail shows each unit change in words, in both languages (the scan of literal actions in
    /// tests/audit_words.rs cannot see these).
    #[test]
    fn every_unit_change_has_words() {
        for kind in UnitChangeKind::ALL {
            for lang in [Lang::Vi, Lang::En] {
                assert!(crate::words::word(lang, &format!("audit.{}", kind.action())).is_some(), "{kind:?} {lang:?}");
            }
        }
    }
}
