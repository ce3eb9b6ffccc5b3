use std::fs::{self, File};
use std::io::Write as _;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

use crate::{Cell, TabularError};

// Autofit would stretch a column of long notes to Excel's 255-character maximum.
const MAX_COLUMN_PIXELS: u16 = 400;

/// One worksheet to write: its name, header row and rows.
pub struct SheetData<'a> {
    pub name: &'a str,
    pub headers: &'a [&'a str],
    pub rows: &'a [Vec<Cell>],
}

/// Write one worksheet with a bold, frozen, filterable header row, then move it over `path`.
pub fn write_xlsx(path: &Path, sheet_name: &str, headers: &[&str], rows: &[Vec<Cell>]) -> Result<(), TabularError> {
    write_xlsx_sheets(path, &[SheetData { name: sheet_name, headers, rows }])
}

/// Write several worksheets (a template and its guide), each like [`write_xlsx`]'s, then move them over `path`.
pub fn write_xlsx_sheets(path: &Path, sheets: &[SheetData<'_>]) -> Result<(), TabularError> {
    let bytes = build(sheets).map_err(|e| TabularError::Write(e.to_string()))?;
    replace_file(path, &bytes)
}

/// Writes a UTF-8 CSV with a BOM (so Excel opens the Vietnamese text correctly), dates as dd/mm/yyyy.
/// Same atomic replacement as `write_xlsx`.
pub fn write_csv(path: &Path, headers: &[&str], rows: &[Vec<Cell>]) -> Result<(), TabularError> {
    let mut writer = csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes()));
    let fail = |e: csv::Error| TabularError::Write(e.to_string());
    writer.write_record(headers).map_err(fail)?;
    for row in rows {
        let cells = row.iter().map(|cell| match cell {
            Cell::Text(s) => defuse_formula(s),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
            Cell::Empty => String::new(),
        });
        writer.write_record(cells).map_err(fail)?;
    }
    let bytes = writer.into_inner().map_err(|e| TabularError::Write(e.to_string()))?;
    replace_file(path, &bytes)
}

/// Spreadsheet programs run a CSV cell that starts with = + @ (or a tab or CR) as a formula; a hometown typed
/// as `=HYPERLINK(…)` must stay text. The leading apostrophe is Excel's own "this is text" mark, and the reader
/// drops it again, so an export imports back unchanged.
pub(crate) fn defuse_formula(text: &str) -> String {
    if text.starts_with(crate::FORMULA_STARTS) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn build(sheets: &[SheetData<'_>]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    for data in sheets {
        add_sheet(&mut workbook, data)?;
    }
    workbook.save_to_buffer()
}

fn add_sheet(workbook: &mut Workbook, data: &SheetData<'_>) -> Result<(), XlsxError> {
    let SheetData { name: sheet_name, headers, rows } = *data;
    let header_format = Format::new().set_bold();
    let date_format = Format::new().set_num_format("dd/mm/yyyy");
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_title(sheet_name))?;
    for (col, header) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, col_num(col)?, *header, &header_format)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = u32::try_from(i + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (j, cell) in row.iter().enumerate() {
            let c = col_num(j)?;
            match cell {
                Cell::Text(s) if !s.is_empty() => {
                    sheet.write_string(r, c, s)?;
                }
                Cell::Number(n) => {
                    sheet.write_number(r, c, *n)?;
                }
                Cell::Date(d) => match excel_date(d) {
                    Some(date) => {
                        sheet.write_datetime_with_format(r, c, date, &date_format)?;
                    }
                    // Excel cannot hold dates outside 1900–9999; keep the value visible as text.
                    None => {
                        sheet.write_string(r, c, d.format("%d/%m/%Y").to_string())?;
                    }
                },
                Cell::Text(_) | Cell::Empty => {}
            }
        }
    }
    if !headers.is_empty() {
        let last_row = u32::try_from(rows.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(0, 0, last_row, col_num(headers.len() - 1)?)?;
    }
    sheet.autofit_to_max_width(MAX_COLUMN_PIXELS);
    Ok(())
}

fn col_num(col: usize) -> Result<u16, XlsxError> {
    u16::try_from(col).map_err(|_| XlsxError::RowColumnLimitError)
}

fn excel_date(d: &chrono::NaiveDate) -> Option<ExcelDateTime> {
    use chrono::Datelike;
    // rust_xlsxwriter accepts 1899-12-31 as serial 0, which Excel shows as a time, not a date.
    let year = u16::try_from(d.year()).ok().filter(|&y| y >= 1900)?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).ok()
}

/// Excel rejects sheet names that are blank, longer than 31 characters, contain `[]:*?/\` or
/// start/end with an apostrophe; callers pass human titles, so fix them up rather than fail.
fn sheet_title(name: &str) -> String {
    let cleaned: String = name.chars().map(|c| if "[]:*?/\\".contains(c) { '-' } else { c }).take(31).collect();
    let cleaned = cleaned.trim().trim_matches('\'').trim();
    if cleaned.is_empty() {
        "Sheet1".to_string()
    } else {
        cleaned.to_string()
    }
}

/// Writes `bytes` to a sibling temporary file and renames it over `path`, so readers (and a
/// crash mid-write) never see a half-written file. Printed documents are written the same way.
pub fn replace_file(path: &Path, bytes: &[u8]) -> Result<(), TabularError> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let io = |e: std::io::Error| TabularError::Io(format!("{}: {e}", path.display()));

    let file_name = path.file_name().ok_or_else(|| TabularError::Io(format!("{}: not a file path", path.display())))?;
    let tmp_name = format!(".{}.{}-{}.tmp", file_name.to_string_lossy(), std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed));
    let tmp = path.with_file_name(tmp_name);

    let mut file = File::create(&tmp).map_err(io)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all()).and_then(|()| {
        drop(file);
        fs::rename(&tmp, path)
    });
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        if cfg!(windows) && held_open_on_windows(e.raw_os_error(), path.exists()) {
            return Err(TabularError::InUse(path.to_path_buf()));
        }
        return Err(io(e));
    }
    Ok(())
}

/// Whether a failed replace on Windows means another program holds the file open: a sharing or lock violation
/// (32, 33), or access denied (5) on a file that is there — what Acrobat Reader or Word holding it gives.
pub fn held_open_on_windows(code: Option<i32>, exists: bool) -> bool {
    matches!(code, Some(32) | Some(33)) || (code == Some(5) && exists)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_held_open_on_windows_is_told_from_other_failures() {
        assert!(held_open_on_windows(Some(32), true));
        assert!(held_open_on_windows(Some(33), true));
        assert!(held_open_on_windows(Some(5), true), "access denied on a file that is there: held open");
        assert!(!held_open_on_windows(Some(5), false), "access denied on a new file: the folder's permissions");
        assert!(!held_open_on_windows(Some(112), true), "a full disk is not a file in use");
        assert!(!held_open_on_windows(None, true));
    }

    #[test]
    fn sheet_titles_are_made_valid() {
        assert_eq!(sheet_title("Danh sách cán bộ"), "Danh sách cán bộ");
        assert_eq!(sheet_title("Báo cáo 01/2024"), "Báo cáo 01-2024");
        assert_eq!(sheet_title("'Trích'"), "Trích");
        assert_eq!(sheet_title("   "), "Sheet1");
        let long = sheet_title("Danh sách cán bộ, công chức, viên chức Đảng ủy xã");
        assert_eq!(long.chars().count(), 31);
        assert!(Workbook::new().add_worksheet().set_name(long).is_ok());
    }

    #[test]
    fn dates_outside_excel_range_are_not_excel_dates() {
        let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert!(excel_date(&d(1975, 4, 30)).is_some());
        assert!(excel_date(&d(1899, 12, 31)).is_none());
        assert!(excel_date(&d(-5, 1, 1)).is_none());
    }
}
