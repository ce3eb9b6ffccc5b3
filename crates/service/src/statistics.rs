//! Personnel statistics of a unit, rolled up over every unit below it, and of each unit directly below it, as of a
//! day (issue 17): the profiles are gathered here, domain::statistics counts them.

use crate::auth::{Permission, Session};
use crate::error::Result;
use crate::office::Office;
use crate::unit_tree::UnitTree;
use chrono::NaiveDate;
use domain::statistics::{tally, Profile, Statistics};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use ts_rs::TS;
use uuid::Uuid;

/// One unit's statistics: its own people and those of every unit below it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct UnitStatistics {
    pub unit_code: String,
    pub unit_name: String,
    pub level: String,
    pub statistics: Statistics,
}

/// The statistics of a unit as of a day, with those of each unit directly below it (open on that day), in the tree's
/// order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PersonnelStatistics {
    pub as_of: NaiveDate,
    pub unit: UnitStatistics,
    pub below: Vec<UnitStatistics>,
}

impl Office {
    /// The statistics of `unit_code` (the office's own unit when None) as of `as_of` (today when None): ages on that
    /// day, heads of units by the posts held that day, units closed by then left out. A person is counted in the unit
    /// they belong to now (the roster keeps no history of moves between units).
    pub fn personnel_statistics(
        &self,
        session: &Session,
        unit_code: Option<&str>,
        as_of: Option<NaiveDate>,
    ) -> Result<PersonnelStatistics> {
        session.require(Permission::Read)?;
        let on = as_of.unwrap_or_else(Office::today);
        let read = self.store.read();
        let tree = UnitTree::new(read.units()?);
        let top = tree.unit(unit_code, self.office_record()?.unit_id)?;
        let heads: HashSet<Uuid> =
            read.position_holders(None, on)?.into_iter().filter(|(_, h)| h.is_head).map(|(_, h)| h.person_id).collect();
        let mut profiles: HashMap<Uuid, Vec<Profile>> = HashMap::new();
        for line in read.roster(&[])? {
            let p = line.person;
            profiles.entry(p.unit_id).or_default().push(Profile {
                birth_date: p.birth_date,
                birth_year_only: p.birth_year_only,
                gender: p.gender,
                party_member: p.party_member,
                qualification: p.qualification,
                political_theory: p.political_theory,
                is_head: heads.contains(&p.meta.id),
                is_local: p.is_local,
            });
        }
        let of = |unit: &store::UnitListing| UnitStatistics {
            unit_code: unit.code.clone(),
            unit_name: unit.name.clone(),
            level: unit.level.clone(),
            statistics: tally(tree.subtree(unit.id).iter().flat_map(|id| profiles.get(id).into_iter().flatten()), on),
        };
        let below = tree.open_below(top.id, on).map(of).collect();
        Ok(PersonnelStatistics { as_of: on, unit: of(top), below })
    }
}
