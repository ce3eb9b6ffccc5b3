//! Roster export to XLSX, in the same columns the import reads, so an exported file imports back unchanged.

use super::query::RosterItem;
use crate::auth::{Permission, Session};
use crate::error::Result;
use crate::office::Office;
use domain::dates::format_birth;
use domain::roster::Column;
use domain::Lang;
use std::path::Path;
use tabular::Cell;

/// Every column the import reads, in its order, so an exported file imports back unchanged.
const EXPORT_COLUMNS: [Column; Column::ALL.len()] = Column::ALL;

fn text(value: Option<&str>) -> Cell {
    value.map_or(Cell::Empty, |v| Cell::Text(v.to_string()))
}

fn yes_no(value: bool, lang: Lang) -> Cell {
    if value {
        Cell::Text(lang.pick("Có", "Yes").into())
    } else {
        Cell::Empty
    }
}

fn cell(item: &RosterItem, column: Column, lang: Lang) -> Cell {
    match column {
        Column::FullName => Cell::Text(item.full_name.clone()),
        // The year alone as text, so that a spreadsheet shows "1975" and the importer reads it back as a year.
        Column::BirthDate if item.birth_year_only => Cell::Text(format_birth(item.birth_date, true)),
        Column::BirthDate => Cell::Date(item.birth_date),
        Column::Gender => Cell::Text(item.gender.label(lang).into()),
        Column::Ethnicity => text(item.ethnicity.as_deref()),
        Column::Hometown => text(item.hometown.as_deref()),
        Column::Local => match item.is_local {
            Some(true) => yes_no(true, lang),
            Some(false) => Cell::Text(lang.pick("Không", "No").into()),
            None => Cell::Empty,
        },
        Column::PartyMember => yes_no(item.party_member, lang),
        Column::Position => text(item.position.as_deref()),
        // The code, not the name: names can repeat across communes, codes cannot.
        Column::Unit => Cell::Text(item.unit_code.clone()),
        Column::Qualification => text(item.qualification_detail.as_deref().or(item.qualification.map(|q| q.label(lang)))),
        Column::PoliticalTheory => text(item.political_theory.map(|p| p.label(lang))),
        Column::AppointmentDate => item.appointment_date.map_or(Cell::Empty, Cell::Date),
    }
}

impl Office {
    /// Writes the whole roster to `path`, XLSX or (by its extension) CSV UTF-8, atomically: a failure leaves no
    /// half-written file. Returns the row count.
    pub fn export_roster(&self, session: &Session, path: &Path, lang: Lang) -> Result<usize> {
        session.require(Permission::Read)?;
        let items = self.roster(session)?;
        let headers: Vec<&str> = EXPORT_COLUMNS.iter().map(|c| c.header(lang)).collect();
        let rows: Vec<Vec<Cell>> = items.iter().map(|item| EXPORT_COLUMNS.iter().map(|&c| cell(item, c, lang)).collect()).collect();
        // The import reads .txt as CSV, so a .txt export must be CSV too or it would not import back.
        let extension = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        if !matches!(extension.as_str(), "xlsx" | "csv" | "txt") {
            // Only what `roster import` reads back; anything else would be a file the office cannot re-import.
            return Err(tabular::TabularError::UnsupportedFormat(format!(".{extension}")).into());
        }
        let is_csv = extension != "xlsx";
        if is_csv {
            tabular::write_csv(path, &headers, &rows)?;
        } else {
            tabular::write_xlsx(path, lang.pick("Danh sách cán bộ", "Roster"), &headers, &rows)?;
        }
        Ok(rows.len())
    }
}
