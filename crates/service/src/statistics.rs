//! Personnel statistics of a unit, rolled up over every unit below it, and of each unit directly below it, as of a
//! day (issue 17): the profiles are gathered here, domain::statistics counts them.

use crate::auth::{Permission, Session};
use crate::error::Result;
use crate::office::Office;
use crate::unit_tree::UnitTree;
use chrono::NaiveDate;
use domain::statistics::{tally, Profile, Share, Statistics};
use domain::Lang;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use tabular::{Cell, SheetData};
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
                ethnicity: p.ethnicity,
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

/// A share as a spreadsheet keeps it: the percentage as a number with its two decimals (94,92), empty for a share of
/// nobody.
fn percent_cell(share: &Share) -> Cell {
    share.percent.map_or(Cell::Empty, |p| Cell::Number(p as f64 / 100.0))
}

fn count_cell(n: u32) -> Cell {
    Cell::Number(f64::from(n))
}

impl Office {
    /// The statistics as an XLSX workbook: the unit's breakdowns (a heading row per breakdown, then a count and a
    /// percentage per line), and the units directly below side by side. Returns how many units were written.
    pub fn export_personnel_statistics(
        &self,
        session: &Session,
        unit_code: Option<&str>,
        as_of: Option<NaiveDate>,
        path: &Path,
        lang: Lang,
    ) -> Result<usize> {
        let stats = self.personnel_statistics(session, unit_code, as_of)?;
        let s = &stats.unit.statistics;
        let none = lang.pick("Chưa ghi", "Not recorded");
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        let heading = |rows: &mut Vec<Vec<Cell>>, text: &str| rows.push(vec![Cell::Text(text.to_string()), Cell::Empty, Cell::Empty]);
        let line = |rows: &mut Vec<Vec<Cell>>, text: &str, share: &Share| {
            rows.push(vec![Cell::Text(text.to_string()), count_cell(share.count), percent_cell(share)])
        };
        line(&mut rows, lang.pick("Tổng số", "Total"), &Share::new(s.people, s.people));
        heading(&mut rows, lang.pick("Trình độ chuyên môn", "Professional qualification"));
        for (q, share) in &s.qualification {
            line(&mut rows, q.map_or(none, |q| q.label(lang)), share);
        }
        line(&mut rows, lang.pick("Đại học trở lên", "University or above"), &s.university_or_above);
        heading(&mut rows, lang.pick("Lý luận chính trị", "Political theory"));
        for (t, share) in &s.political_theory {
            line(&mut rows, t.map_or(none, |t| t.label(lang)), share);
        }
        heading(&mut rows, lang.pick("Độ tuổi", "Age"));
        for (band, share) in &s.age {
            line(&mut rows, &band.label(lang), share);
        }
        heading(&mut rows, lang.pick("Giới tính, đảng viên", "Gender, Party members"));
        line(&mut rows, lang.pick("Nữ", "Women"), &s.female);
        line(&mut rows, lang.pick("Nam", "Men"), &s.male);
        line(&mut rows, lang.pick("Đảng viên", "Party members"), &s.party_members);
        heading(&mut rows, lang.pick("Dân tộc", "Ethnicity"));
        for (group, share) in &s.ethnicity {
            line(&mut rows, group.as_deref().unwrap_or(none), share);
        }
        line(&mut rows, lang.pick("Dân tộc thiểu số", "Ethnic minorities"), &s.ethnic_minority);
        heading(&mut rows, lang.pick("Người đứng đầu đơn vị", "Heads of units"));
        line(&mut rows, lang.pick("Không phải người địa phương", "Not local"), &s.heads_not_local);
        line(&mut rows, lang.pick("Người địa phương", "Local"), &s.heads_local);
        line(&mut rows, none, &s.heads_unknown);
        let headers = [lang.pick("Nội dung", "Item"), lang.pick("Số người", "People"), lang.pick("Tỷ lệ (%)", "Share (%)")];

        let below_headers = [
            lang.pick("Đơn vị", "Unit"),
            lang.pick("Mã đơn vị", "Unit code"),
            lang.pick("Số người", "People"),
            lang.pick("Đại học trở lên", "University or above"),
            lang.pick("Tỷ lệ (%)", "Share (%)"),
            lang.pick("Nữ", "Women"),
            lang.pick("Tỷ lệ (%)", "Share (%)"),
            lang.pick("Đảng viên", "Party members"),
            lang.pick("Tỷ lệ (%)", "Share (%)"),
            lang.pick("Người đứng đầu", "Heads"),
            lang.pick("Không phải người địa phương", "Not local"),
            lang.pick("Tỷ lệ (%)", "Share (%)"),
        ];
        let below: Vec<Vec<Cell>> = stats
            .below
            .iter()
            .map(|u| {
                let s = &u.statistics;
                vec![
                    Cell::Text(u.unit_name.clone()),
                    Cell::Text(u.unit_code.clone()),
                    count_cell(s.people),
                    count_cell(s.university_or_above.count),
                    percent_cell(&s.university_or_above),
                    count_cell(s.female.count),
                    percent_cell(&s.female),
                    count_cell(s.party_members.count),
                    percent_cell(&s.party_members),
                    count_cell(s.heads),
                    count_cell(s.heads_not_local.count),
                    percent_cell(&s.heads_not_local),
                ]
            })
            .collect();
        let title = format!("{} {}", lang.pick("Thống kê", "Statistics"), domain::dates::format_vn_date(stats.as_of).replace('/', "-"));
        tabular::write_xlsx_sheets(
            path,
            &[
                SheetData { name: &title, headers: &headers, rows: &rows },
                SheetData { name: lang.pick("Đơn vị trực thuộc", "Units below"), headers: &below_headers, rows: &below },
            ],
        )?;
        Ok(below.len())
    }
}
