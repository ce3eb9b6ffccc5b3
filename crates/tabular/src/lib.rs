//! Spreadsheet files as plain grids of text, and XLSX output.
//!
//! This crate knows nothing about rosters: reading yields rows of trimmed, NFC-normalised
//! strings numbered as the user sees them in Excel/LibreOffice, and writing takes typed
//! cells. Interpreting headers and values is the service layer's job.

mod error;
pub mod legacy;
mod read;
mod write;

pub use error::TabularError;

/// Characters that make a CSV cell a formula in spreadsheet programs (see `write::defuse_formula`).
pub(crate) const FORMULA_STARTS: [char; 5] = ['=', '+', '@', '\t', '\r'];
pub use read::{read_table, read_table_bytes, MAX_FILE_BYTES, MAX_ROWS};
pub use write::{replace_file, write_csv, write_xlsx, write_xlsx_sheets, SheetData};

/// One row as the user sees it in the spreadsheet: `number` is the 1-based row number shown
/// by Excel/LibreOffice (for CSV: the 1-based record number, header = 1, counting blank lines
/// as Excel does), so error messages can point at it.
///
/// `cells[i]` is column i (A = 0). Trailing empty cells are dropped, so a row may be shorter
/// than the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub number: usize,
    pub cells: Vec<String>,
}

/// The non-empty rows of one sheet, in order. The first row is normally the header;
/// `Table` does not interpret it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub rows: Vec<Row>,
}

/// A typed value to write with [`write_xlsx`].
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Date(chrono::NaiveDate),
    Number(f64),
    Empty,
}
