use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Display;
use std::fs::File;
use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Data, ExcelDateTime, Reader, Sheet, SheetType, SheetVisible, Xls, Xlsx};
use unicode_normalization::UnicodeNormalization;

use crate::{Row, Table, TabularError};

/// Largest file `read_table` accepts.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Largest number of non-empty rows `read_table` accepts.
pub const MAX_ROWS: usize = 200_000;

// Cells held in memory, counting the empty ones left of used cells. A few kilobytes of
// compressed XML can place a cell in column XFD on every row; without this cap such a file
// would exhaust memory long before MAX_ROWS is reached.
const MAX_CELLS: usize = 20_000_000;

// Excel's last date, 31/12/9999; serials beyond it are not dates Excel can show.
const MAX_EXCEL_SERIAL: f64 = 2_958_466.0;

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Xlsx,
    Xls,
}

/// Read the first visible worksheet of .xlsx/.xlsm/.xls (not .ods: see `format_of`), or a .csv/.txt file, chosen by
/// extension (case-insensitive).
///
/// Every cell becomes text: strings NFC-normalised and trimmed; whole numbers without ".0", fractions with a
/// decimal comma ("1,234" is one and a quarter; written "1.234" a Vietnamese reader takes it for 1234);
/// dates "dd/mm/yyyy"; booleans "TRUE"/"FALSE"; errors "#ERR". Entirely empty rows are skipped
/// but [`Row::number`] still follows the spreadsheet. CSV may be UTF-8 (with or without BOM)
/// or UTF-16 with BOM; the delimiter (',', ';' or tab) is sniffed from the first line.
pub fn read_table(path: &Path) -> Result<Table, TabularError> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let format = format_of(&name)?;
    let file = File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => TabularError::NotFound(path.to_path_buf()),
        _ => TabularError::Io(format!("{}: {e}", path.display())),
    })?;
    // Reading one byte past the limit, rather than trusting the file's metadata, keeps the
    // check honest for files that grow while being read and for special files.
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| TabularError::Io(format!("{}: {e}", path.display())))?;
    parse(format, &bytes)
}

/// Same as [`read_table`] for bytes already in memory; `file_name` only selects the format.
pub fn read_table_bytes(file_name: &str, bytes: &[u8]) -> Result<Table, TabularError> {
    parse(format_of(file_name)?, bytes)
}

fn format_of(file_name: &str) -> Result<Format, TabularError> {
    let ext = Path::new(file_name).extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "csv" | "txt" => Ok(Format::Csv),
        "xlsx" | "xlsm" => Ok(Format::Xlsx),
        "xls" => Ok(Format::Xls),
        // calamine sizes an ODS sheet from its "repeated" attributes before any limit applies, so a 2 KB file
        // can demand gigabytes; offices use Excel, so ODS is refused with a message to save as .xlsx.
        "ods" => Err(TabularError::UnsupportedFormat(".ods".into())),
        _ => Err(TabularError::UnsupportedFormat(if ext.is_empty() { file_name.to_string() } else { format!(".{ext}") })),
    }
}

fn parse(format: Format, bytes: &[u8]) -> Result<Table, TabularError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(TabularError::TooLarge { limit: "64 MiB".into() });
    }
    if bytes.is_empty() {
        return Err(TabularError::Empty);
    }
    match format {
        Format::Csv => read_csv(bytes),
        sheet => read_workbook(sheet, bytes),
    }
}

/// Accumulates non-empty cells by spreadsheet position, enforcing the size limits as it goes.
#[derive(Default)]
struct Grid {
    rows: BTreeMap<usize, Vec<String>>,
    cells: usize,
}

impl Grid {
    /// `row` and `col` are 0-based.
    fn set(&mut self, row: usize, col: usize, text: String) -> Result<(), TabularError> {
        if text.is_empty() {
            return Ok(());
        }
        if self.rows.len() >= MAX_ROWS && !self.rows.contains_key(&row) {
            return Err(TabularError::TooLarge { limit: format!("{MAX_ROWS} rows") });
        }
        let cells = self.rows.entry(row).or_default();
        if col >= cells.len() {
            self.cells += col + 1 - cells.len();
            if self.cells > MAX_CELLS {
                return Err(TabularError::TooLarge { limit: format!("{MAX_CELLS} cells") });
            }
            cells.resize(col + 1, String::new());
        }
        cells[col] = text;
        Ok(())
    }

    fn finish(self) -> Result<Table, TabularError> {
        if self.rows.is_empty() {
            return Err(TabularError::Empty);
        }
        let rows = self.rows.into_iter().map(|(row, cells)| Row { number: row + 1, cells }).collect();
        Ok(Table { rows })
    }
}

/// Drops the apostrophe our CSV export puts before a cell that would otherwise run as a formula.
fn undo_formula_guard(text: String) -> String {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(crate::FORMULA_STARTS) => rest.to_string(),
        _ => text,
    }
}

fn clean(s: &str) -> String {
    s.trim().nfc().collect()
}

// ---------------------------------------------------------------------------------------------
// Workbooks
// ---------------------------------------------------------------------------------------------

fn read_workbook(format: Format, bytes: &[u8]) -> Result<Table, TabularError> {
    let first = read_workbook_as(format, bytes);
    // Offices rename files freely (an .xlsx saved as "x.xls", an old .xls renamed to .xlsx), so
    // when the extension's reader fails and the content says otherwise, trust the content.
    let by_content = if bytes.starts_with(ZIP_MAGIC) {
        Format::Xlsx
    } else if bytes.starts_with(CFB_MAGIC) {
        Format::Xls
    } else {
        return first;
    };
    match first {
        Err(TabularError::Unreadable(_)) if by_content != format => read_workbook_as(by_content, bytes).or(first),
        other => other,
    }
}

fn read_workbook_as(format: Format, bytes: &[u8]) -> Result<Table, TabularError> {
    // calamine parses untrusted binary formats; a bug there must become an error message for
    // the user, not bring down the desktop app.
    std::panic::catch_unwind(|| match format {
        Format::Xlsx => read_xlsx(bytes),
        Format::Xls => read_range::<Xls<_>>(bytes),
        Format::Csv => unreachable!("CSV is not a workbook"),
    })
    .unwrap_or_else(|_| Err(TabularError::Unreadable("the spreadsheet reader crashed".into())))
}

fn unreadable(e: impl Display) -> TabularError {
    TabularError::Unreadable(e.to_string())
}

/// The sheet the user sees first when opening the file: hidden helper sheets and chart sheets
/// are skipped unless there is nothing else.
fn first_sheet(sheets: &[Sheet]) -> Option<String> {
    let worksheets = || sheets.iter().filter(|s| s.typ == SheetType::WorkSheet);
    worksheets()
        .find(|s| s.visible == SheetVisible::Visible)
        .or_else(|| worksheets().next())
        .or_else(|| sheets.first())
        .map(|s| s.name.clone())
}

// XLSX is streamed cell by cell because calamine's `worksheet_range` allocates the whole
// bounding rectangle up front, which a sparse sheet can make enormous.
fn read_xlsx(bytes: &[u8]) -> Result<Table, TabularError> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let name = first_sheet(workbook.sheets_metadata()).ok_or(TabularError::Empty)?;
    let mut cells = workbook.worksheet_cells_reader(&name).map_err(unreadable)?;
    let mut grid = Grid::default();
    while let Some(cell) = cells.next_cell().map_err(unreadable)? {
        let (row, col) = cell.get_position();
        let value = Data::from(cell.get_value().clone());
        grid.set(row as usize, col as usize, cell_text(&value))?;
    }
    grid.finish()
}

fn read_range<'a, R>(bytes: &'a [u8]) -> Result<Table, TabularError>
where
    R: Reader<Cursor<&'a [u8]>>,
    R::Error: Display,
{
    let mut workbook = R::new(Cursor::new(bytes)).map_err(unreadable)?;
    let name = first_sheet(workbook.sheets_metadata()).ok_or(TabularError::Empty)?;
    let range = workbook.worksheet_range(&name).map_err(unreadable)?;
    let (row0, col0) = range.start().ok_or(TabularError::Empty)?;
    let mut grid = Grid::default();
    for (i, row) in range.rows().enumerate() {
        for (j, value) in row.iter().enumerate() {
            grid.set(row0 as usize + i, col0 as usize + j, cell_text(value))?;
        }
    }
    grid.finish()
}

fn cell_text(value: &Data) -> String {
    match value {
        Data::Empty => String::new(),
        Data::String(s) | Data::DurationIso(s) => clean(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::Error(_) => "#ERR".to_string(),
        Data::DateTime(dt) => excel_datetime_text(dt),
        Data::DateTimeIso(s) => iso_date_text(s),
    }
}

fn number_text(f: f64) -> String {
    if !f.is_finite() {
        return "#ERR".to_string();
    }
    // Excel shows at most 15 significant digits; rounding there hides binary noise such as
    // 0.30000000000000004 from formulas. `Display` for f64 already omits ".0" on whole numbers.
    let shown: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    if shown == 0.0 {
        "0".to_string() // not "-0"
    } else {
        // Decimal comma, no grouping: unambiguous for the Vietnamese number parser ("1.234" would be 1234).
        shown.to_string().replace('.', ",")
    }
}

fn excel_datetime_text(dt: &ExcelDateTime) -> String {
    let serial = dt.as_f64();
    if !(0.0..MAX_EXCEL_SERIAL).contains(&serial) {
        return number_text(serial);
    }
    if dt.is_duration() {
        let secs = (serial * 86_400.0).round() as u64;
        return format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
    }
    let (year, month, day, hour, minute, second, _) = dt.to_ymd_hms_milli();
    if serial < 1.0 {
        // Day zero only carries a time of day (a cell formatted "hh:mm").
        return if second == 0 { format!("{hour:02}:{minute:02}") } else { format!("{hour:02}:{minute:02}:{second:02}") };
    }
    format!("{day:02}/{month:02}/{year:04}")
}

/// ODS stores dates as ISO text ("2024-01-15" or "2024-01-15T08:30:00").
fn iso_date_text(s: &str) -> String {
    s.get(..10)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|| clean(s))
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

fn read_csv(bytes: &[u8]) -> Result<Table, TabularError> {
    let text = decode_text(bytes)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(sniff_delimiter(text)).from_reader(text.as_bytes());

    let mut grid = Grid::default();
    let mut record = csv::StringRecord::new();
    let mut row = 0;
    while reader.read_record(&mut record).map_err(unreadable)? {
        let start = record.position().map_or(0, |p| p.byte() as usize);
        row += 1 + blank_lines_at(text.as_bytes(), start);
        for (col, field) in record.iter().enumerate() {
            grid.set(row - 1, col, undo_formula_guard(clean(field)))?;
        }
    }
    grid.finish()
}

/// Excel shows a blank line as an empty row but the csv crate skips it silently, so count the
/// blank lines between the previous record's end (`byte`) and the next record.
fn blank_lines_at(text: &[u8], byte: usize) -> usize {
    let mut gap = text.get(byte..).unwrap_or_default();
    // After a "\r\n" terminator the reader stops between the '\r' and the '\n'.
    if byte > 0 && text.get(byte - 1) == Some(&b'\r') {
        gap = gap.strip_prefix(b"\n").unwrap_or(gap);
    }
    gap.iter().take_while(|&&b| b == b'\r' || b == b'\n').filter(|&&b| b == b'\n').count()
}

fn decode_text(bytes: &[u8]) -> Result<Cow<'_, str>, TabularError> {
    // Excel's "Unicode Text (*.txt)" export is UTF-16 with a byte-order mark; it is the usual
    // way a tab-separated file with Vietnamese text comes out of older Excel.
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest.chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]])));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest.chunks_exact(2).map(|p| u16::from_be_bytes([p[0], p[1]])));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(e) => {
            // An old file typed in TCVN3 or VNI is not UTF-8: read as Windows-1252 it is the text those fonts drew,
            // which the importers convert. Anything else not UTF-8 is refused rather than guessed at.
            let text = crate::legacy::decode_windows_1252(bytes);
            let cells: Vec<&str> = text.split(['\n', ',', ';', '\t']).take(5_000).collect();
            if crate::legacy::detect(&cells).is_some() {
                return Ok(Cow::Owned(text));
            }
            let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(TabularError::NotUtf8 { line })
        }
    }
}

fn decode_utf16(units: impl Iterator<Item = u16>) -> Result<Cow<'static, str>, TabularError> {
    let mut text = String::new();
    let mut line = 1;
    for c in char::decode_utf16(units) {
        let c = c.map_err(|_| TabularError::NotUtf8 { line })?;
        if c == '\n' {
            line += 1;
        }
        text.push(c);
    }
    Ok(Cow::Owned(text))
}

/// Picks the most frequent of tab, ';' and ',' outside quotes over the first lines: offices' files often open with a
/// title line that has no delimiter at all. Vietnamese Excel saves ';' because ',' is its decimal separator. Ties go
/// to the character least likely to appear in ordinary text (tab, then ';'); a single column falls back to ','.
fn sniff_delimiter(text: &str) -> u8 {
    const CANDIDATES: [u8; 3] = [b'\t', b';', b','];
    const LINES: usize = 20;
    let mut counts = [0usize; 3];
    let mut quoted = false;
    let mut lines = 0;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                lines += 1;
                if lines == LINES {
                    break;
                }
            }
            _ if !quoted => {
                if let Some(i) = CANDIDATES.iter().position(|&c| c == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let mut best = 0;
    for i in 1..CANDIDATES.len() {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    if counts[best] == 0 {
        b','
    } else {
        CANDIDATES[best]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_shown_as_excel_shows_them() {
        assert_eq!(number_text(3.0), "3");
        assert_eq!(number_text(-0.0), "0");
        assert_eq!(number_text(912345678.0), "912345678");
        assert_eq!(number_text(0.1 + 0.2), "0,3");
        assert_eq!(number_text(1234.5), "1234,5");
        assert_eq!(number_text(f64::NAN), "#ERR");
    }

    #[test]
    fn excel_serials_become_dates() {
        use calamine::ExcelDateTimeType::{DateTime, TimeDelta};
        let date = |v, is_1904| excel_datetime_text(&ExcelDateTime::new(v, DateTime, is_1904));
        assert_eq!(date(45306.0, false), "15/01/2024");
        assert_eq!(date(45306.75, false), "15/01/2024");
        assert_eq!(date(43844.0, true), "15/01/2024");
        assert_eq!(date(0.5, false), "12:00");
        assert_eq!(date(-1.0, false), "-1");
        assert_eq!(date(1e300, false), number_text(1e300));
        assert_eq!(date(f64::NAN, false), "#ERR");
        let duration = ExcelDateTime::new(1.5, TimeDelta, false);
        assert_eq!(excel_datetime_text(&duration), "36:00:00");
    }

    #[test]
    fn iso_dates_from_ods() {
        assert_eq!(iso_date_text("2024-01-15"), "15/01/2024");
        assert_eq!(iso_date_text("1975-04-30T00:00:00"), "30/04/1975");
        assert_eq!(iso_date_text("không phải ngày"), "không phải ngày");
    }

    #[test]
    fn delimiter_sniffing() {
        assert_eq!(sniff_delimiter("Họ tên;Ngày sinh;Chức vụ\n1,5;2;3"), b';');
        assert_eq!(sniff_delimiter("a\tb\tc\r\nx\ty\tz;w"), b'\t');
        // A title line without delimiters above the table.
        assert_eq!(sniff_delimiter("DANH SÁCH CÁN BỘ\nHọ và tên;Ngày sinh;Giới tính\nAn;1/1/1980;Nam\n"), b';');
        assert_eq!(sniff_delimiter("\"Tên; đầy đủ\",Ngày\n"), b',');
        assert_eq!(sniff_delimiter("\"a\nb;c;d\";x;y\n"), b';');
        assert_eq!(sniff_delimiter("một cột"), b',');
        assert_eq!(sniff_delimiter("\r\n  \nHọ tên;Năm\n"), b';');
        assert_eq!(sniff_delimiter("Họ tên\tĐơn vị, phòng\n"), b'\t');
    }

    #[test]
    fn grid_limits() {
        let mut grid = Grid::default();
        assert!(matches!(grid.set(0, MAX_CELLS, "x".into()), Err(TabularError::TooLarge { .. })));
        let mut grid = Grid::default();
        for row in 0..MAX_ROWS {
            grid.set(row * 2, 0, "x".into()).unwrap();
        }
        grid.set(0, 1, "same row".into()).unwrap();
        assert_eq!(grid.set(1, 0, "x".into()), Err(TabularError::TooLarge { limit: "200000 rows".into() }));
    }

    #[test]
    fn an_old_tcvn3_csv_is_read_as_the_font_drew_it() {
        // "Họ và tên;Giới tính" typed with .VnTime and saved as bytes: not UTF-8.
        let bytes = b"H\xe4 v\xb5 t\xaan;Gi\xedi t\xddnh\nNguy\xd6n V\xa8n An;Nam\n";
        let table = read_table_bytes("cu.csv", bytes).unwrap();
        assert_eq!(table.rows[0].cells, ["Hä vµ tªn", "Giíi tÝnh"]);
        assert_eq!(crate::legacy::convert(&table.rows[0].cells[0], crate::legacy::LegacyEncoding::Tcvn3), "Họ và tên");
        // Bytes that are not UTF-8 and not a legacy encoding are still refused.
        assert_eq!(read_table_bytes("x.csv", b"abc\n\xff\xfe\xfd\n"), Err(TabularError::NotUtf8 { line: 2 }));
    }

    #[test]
    fn utf16_text_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Họ tên\tNăm\r\nHoà\t1980\r\n".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let table = read_table_bytes("export.txt", &bytes).unwrap();
        assert_eq!(table.rows[1].cells, ["Hoà", "1980"]);
        // An unpaired surrogate on the second line.
        let bad = [0xFF, 0xFE, b'a', 0, b'\n', 0, 0x00, 0xD8, b'b', 0];
        assert_eq!(read_table_bytes("x.txt", &bad), Err(TabularError::NotUtf8 { line: 2 }));
    }
}
