//! The year's results as a spreadsheet (issue 16: every list can be exported): the people and the collectives of a
//! unit and those below it, each with the points, the level the rules give, the proposal and the committee's decision,
//! as the results screen shows them — for the office that keeps its own tables in Excel.

use crate::auth::{Permission, Session};
use crate::error::Result;
use crate::office::Office;
use domain::Lang;
use std::path::Path;
use tabular::{Cell, SheetData};

impl Office {
    /// Writes the year's results of `unit_code` and the units below it to an .xlsx file: a sheet of people and one of
    /// collectives. Returns how many people and collectives were written.
    pub fn export_results(&self, session: &Session, year: i32, unit_code: &str, path: &Path, lang: Lang) -> Result<(usize, usize)> {
        session.require(Permission::Read)?;
        // Only an .xlsx is written: a workbook under another name would be a file nothing opens as what it says.
        let extension = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        if extension != "xlsx" {
            return Err(tabular::TabularError::UnsupportedFormat(format!(".{extension}")).into());
        }
        let classification = self.classify(session, year, unit_code, lang)?;
        let level = |l: Option<domain::evaluation::Level>| l.map_or(Cell::Empty, |l| Cell::Text(l.label(lang).to_string()));
        let people_headers = [
            lang.pick("STT", "No."),
            lang.pick("Họ và tên", "Full name"),
            lang.pick("Chức vụ", "Position"),
            lang.pick("Đơn vị", "Unit"),
            lang.pick("Điểm", "Points"),
            lang.pick("Mức theo quy định", "Level by the rules"),
            lang.pick("Mức đề xuất", "Proposed level"),
            lang.pick("Mức quyết định", "Decided level"),
        ];
        let people: Vec<Vec<Cell>> = classification
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                vec![
                    Cell::Number((i + 1) as f64),
                    Cell::Text(p.name.clone()),
                    p.position.clone().map_or(Cell::Empty, Cell::Text),
                    Cell::Text(p.unit_name.clone()),
                    Cell::Number(p.points_basis as f64 / 100.0),
                    Cell::Text(p.computed_label.clone()),
                    Cell::Text(p.level_label.clone()),
                    level(p.decided_level),
                ]
            })
            .collect();
        let collective_headers = [
            lang.pick("STT", "No."),
            lang.pick("Tập thể", "Collective"),
            lang.pick("Điểm", "Points"),
            lang.pick("Mức theo quy định", "Level by the rules"),
            lang.pick("Mức đề xuất", "Proposed level"),
            lang.pick("Mức quyết định", "Decided level"),
        ];
        let collectives: Vec<Vec<Cell>> = classification
            .collectives
            .iter()
            .enumerate()
            .map(|(i, c)| {
                vec![
                    Cell::Number((i + 1) as f64),
                    Cell::Text(c.unit_name.clone()),
                    Cell::Number(c.points_basis as f64 / 100.0),
                    Cell::Text(c.computed_label.clone()),
                    Cell::Text(c.level_label.clone()),
                    level(c.decided_level),
                ]
            })
            .collect();
        tabular::write_xlsx_sheets(
            path,
            &[
                SheetData { name: lang.pick("Cá nhân", "People"), headers: &people_headers, rows: &people },
                SheetData { name: lang.pick("Tập thể", "Collectives"), headers: &collective_headers, rows: &collectives },
            ],
        )?;
        Ok((people.len(), collectives.len()))
    }
}
