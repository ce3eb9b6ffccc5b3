//! Comparison of equivalent positions (Vĩnh Phúc, Quảng Ninh): for each group of similar posts across the
//! province, a ranked table of target completion, publishable and exportable.

use super::figures::YearFigures;
use super::{judging_day, percent_text};
use crate::auth::{Permission, Session};
use crate::error::{Result, ServiceError};
use crate::office::Office;
use chrono::NaiveDate;
use domain::targets::{competition_ranks, weighted_completion, TargetStatus};
use domain::Lang;
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use store::Holder;
use ts_rs::TS;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ComparisonGroup {
    pub code: String,
    pub name: String,
    /// People holding a position of the group on the day.
    pub holders: usize,
    /// Of those, how many have targets this year (their own, or their unit's when they head it).
    pub with_targets: usize,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ComparisonRow {
    /// Competition rank (1, 2, 2, 4); None for a holder without targets, listed last.
    pub rank: Option<usize>,
    pub person_id: Uuid,
    pub name: String,
    pub position: String,
    pub unit_code: String,
    pub unit_name: String,
    /// Weighted completion in percent (105.5 is 105,5 %); None without targets.
    pub completion: Option<f64>,
    /// The same, exact: hundredths of a percent.
    #[ts(type = "number | null")]
    pub completion_basis: Option<i64>,
    pub completion_text: String,
    pub targets: usize,
    pub exceeded: usize,
    pub met: usize,
    pub at_risk: usize,
    pub not_met: usize,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ComparisonTable {
    pub year: i32,
    pub as_of: NaiveDate,
    pub group_code: String,
    pub group_name: String,
    pub rows: Vec<ComparisonRow>,
}

impl Office {
    /// The equivalent-position groups with how many hold them on the day, for choosing a comparison.
    pub fn comparison_groups(&self, session: &Session, year: i32, as_of: Option<NaiveDate>) -> Result<Vec<ComparisonGroup>> {
        session.require(Permission::Read)?;
        let read = self.store.read();
        let day = judging_day(year, as_of);
        let measured = measured_people(read, year)?;
        let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
        for (group, holder) in read.position_holders(None, day)? {
            let entry = counts.entry(group).or_default();
            entry.0 += 1;
            if measured.has_targets(&holder) {
                entry.1 += 1;
            }
        }
        Ok(read
            .position_groups()?
            .into_iter()
            .filter_map(|g| {
                counts.get(&g.code).map(|&(holders, with_targets)| ComparisonGroup { code: g.code, name: g.name, holders, with_targets })
            })
            .collect())
    }

    /// One group's ranked table: each holder's weighted completion of their targets (their own, plus their unit's
    /// when they head it), best first; equal completions share a rank and are listed by name.
    pub fn comparison(
        &self,
        session: &Session,
        year: i32,
        group_code: &str,
        as_of: Option<NaiveDate>,
        lang: Lang,
    ) -> Result<ComparisonTable> {
        session.require(Permission::Read)?;
        let read = self.store.read();
        let group =
            read.position_group_by_code(group_code.trim())?.ok_or_else(|| ServiceError::UnknownGroup { code: group_code.trim().into() })?;
        let day = judging_day(year, as_of);
        let figures = YearFigures::compute(read, year, day, &self.rules(), lang)?;
        let mut by_person: HashMap<Uuid, Vec<usize>> = HashMap::new();
        let mut by_unit: HashMap<Uuid, Vec<usize>> = HashMap::new();
        for (i, line) in figures.lines.iter().enumerate() {
            match line.person_id {
                Some(person) => by_person.entry(person).or_default().push(i),
                None => by_unit.entry(line.unit_id).or_default().push(i),
            }
        }
        let mut holders: Vec<Holder> = read.position_holders(Some(&group.code), day)?.into_iter().map(|(_, h)| h).collect();
        // One row per person even if they hold two posts of the group.
        holders.sort_by(|a, b| a.person_id.cmp(&b.person_id).then(b.is_head.cmp(&a.is_head)));
        holders.dedup_by_key(|h| h.person_id);
        let mut rows: Vec<(ComparisonRow, Vec<u8>)> = holders
            .into_iter()
            .map(|h| {
                let mut mine: Vec<usize> = by_person.get(&h.person_id).cloned().unwrap_or_default();
                if h.is_head {
                    mine.extend(by_unit.get(&h.unit_id).cloned().unwrap_or_default());
                }
                let lines: Vec<&super::TargetLine> = mine.iter().map(|&i| &figures.lines[i]).collect();
                // A target with nothing reported counts as 0 % in the comparison.
                let weighted: Vec<(i64, i64)> = lines.iter().map(|l| (l.weight, l.completion.unwrap_or(0))).collect();
                let completion = weighted_completion(&weighted);
                let count = |s: TargetStatus| lines.iter().filter(|l| l.status == s).count();
                let row = ComparisonRow {
                    rank: None,
                    person_id: h.person_id,
                    name: h.full_name,
                    position: h.position,
                    unit_code: h.unit_code,
                    unit_name: h.unit_name,
                    completion: completion.map(|c| c as f64 / 100.0),
                    completion_basis: completion,
                    completion_text: completion.map(percent_text).unwrap_or_default(),
                    targets: lines.len(),
                    exceeded: count(TargetStatus::Exceeded),
                    met: count(TargetStatus::Met),
                    at_risk: count(TargetStatus::AtRisk),
                    not_met: count(TargetStatus::NotMet),
                };
                (row, h.sort_key)
            })
            .collect();
        rows.sort_by(|(a, ka), (b, kb)| {
            b.completion_basis
                .is_some()
                .cmp(&a.completion_basis.is_some())
                .then(b.completion_basis.cmp(&a.completion_basis))
                .then(ka.cmp(kb))
        });
        let ranked: Vec<i64> = rows.iter().filter_map(|(r, _)| r.completion_basis).collect();
        for (rank, (row, _)) in competition_ranks(&ranked).into_iter().zip(rows.iter_mut()) {
            row.rank = Some(rank);
        }
        Ok(ComparisonTable {
            year,
            as_of: day,
            group_code: group.code,
            group_name: group.name,
            rows: rows.into_iter().map(|(r, _)| r).collect(),
        })
    }

    /// Writes a group's ranked table to XLSX, as published.
    pub fn export_comparison(
        &self,
        session: &Session,
        year: i32,
        group_code: &str,
        as_of: Option<NaiveDate>,
        path: &Path,
        lang: Lang,
    ) -> Result<usize> {
        // The same table the printed list sets ("In danh sách" on the screen).
        let table = crate::lists::comparison_table(self, session, year, group_code, as_of, lang)?;
        crate::figures::write_workbook(path, std::slice::from_ref(&table))?;
        Ok(table.rows.len())
    }
}

/// Who has targets in a year: people with their own, and units with unit-wide ones (whose heads answer for them).
struct Measured {
    people: std::collections::HashSet<Uuid>,
    units: std::collections::HashSet<Uuid>,
}

impl Measured {
    fn has_targets(&self, holder: &Holder) -> bool {
        self.people.contains(&holder.person_id) || (holder.is_head && self.units.contains(&holder.unit_id))
    }
}

fn measured_people(read: store::Reader<'_>, year: i32) -> Result<Measured> {
    let targets = read.targets_of_year(year)?;
    Ok(Measured {
        people: targets.iter().filter_map(|t| t.person_id).collect(),
        units: targets.iter().filter(|t| t.person_id.is_none()).map(|t| t.unit_id).collect(),
    })
}
