//! The unit tree as the statistics and the year's overview read it: a unit asked for by its code (the office's own
//! when none), every unit below it, and the units directly below it still open on a day.

use crate::error::{Result, ServiceError};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};
use store::UnitListing;
use uuid::Uuid;

pub(crate) struct UnitTree {
    pub units: Vec<UnitListing>,
    children: HashMap<Uuid, Vec<Uuid>>,
}

impl UnitTree {
    pub fn new(units: Vec<UnitListing>) -> UnitTree {
        let mut children: HashMap<Uuid, Vec<Uuid>> = HashMap::new();
        for unit in &units {
            if let Some(parent) = unit.parent_id {
                children.entry(parent).or_default().push(unit.id);
            }
        }
        UnitTree { units, children }
    }

    /// The unit of `code` (case aside), or the office's own unit when no code is given.
    pub fn unit(&self, code: Option<&str>, office_unit: Uuid) -> Result<&UnitListing> {
        match code.map(str::trim).filter(|c| !c.is_empty()) {
            Some(code) => self
                .units
                .iter()
                .find(|u| u.code.eq_ignore_ascii_case(code))
                .ok_or_else(|| ServiceError::UnknownUnit { code: code.to_string() }),
            None => self.units.iter().find(|u| u.id == office_unit).ok_or_else(|| ServiceError::UnknownUnit { code: String::new() }),
        }
    }

    /// The unit and every unit below it, closed ones included (their people, if any are left, count where they are).
    pub fn subtree(&self, root: Uuid) -> HashSet<Uuid> {
        let mut all = vec![root];
        let mut next = 0;
        while next < all.len() {
            all.extend(self.children.get(&all[next]).into_iter().flatten().copied());
            next += 1;
        }
        all.into_iter().collect()
    }

    /// The units directly below `parent` that are still open on `day`, in the tree's order.
    pub fn open_below(&self, parent: Uuid, day: NaiveDate) -> impl Iterator<Item = &UnitListing> {
        self.units.iter().filter(move |u| u.parent_id == Some(parent) && u.ended_on.is_none_or(|d| d > day))
    }
}
