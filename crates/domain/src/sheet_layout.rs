//! Finding the table inside a sheet laid out the way offices lay it out: letterhead and title rows above the header;
//! a header of one row or two (merged cells: a group title such as "Ngày, tháng, năm sinh" over its sub-columns "Nam |
//! Nữ"); a numbering row "(1) (2) (3)…" under it; group rows ("I. Khối Đảng") between the people; and a footer (the
//! total, the place and date, the signatures) below. Pure: rows of text in, the header's mapping and the data rows out.
//!
//! What each header means is the caller's business: it hands over a recogniser that turns a header's label path (the
//! group title, then the sub-column's title) into its own field type, so the roster and the work sheets share one
//! reading of the layout.

use crate::text::fold;
use serde::Serialize;

/// How far down a header is looked for: letterheads, titles and notes above the table take a dozen rows at most.
pub const HEADER_SEARCH_ROWS: usize = 30;

/// A row as the spreadsheet shows it: its 1-based number and its cells (column A = 0).
pub type SheetRow<'a> = (usize, &'a [String]);

/// One column of the header as read: where it is, what it says, and the field it was taken for (None: not used).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeaderColumn<K> {
    pub index: usize,
    /// The label as the user reads it: "Ngày, tháng, năm sinh / Nam" for a sub-column.
    pub label: String,
    pub field: Option<K>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// "(1) (2) (3)…" or "1 2 3…" right under the header.
    Numbering,
    /// A heading between people: "I. Khối Đảng", "A", "CÔNG CHỨC".
    Group,
    /// The total, the place and date, the signatures: this row and every row after it.
    Footer,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedRow {
    pub row: usize,
    pub reason: SkipReason,
    /// The row's first words, so the user recognises it.
    pub text: String,
}

/// The table found in a sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Layout<K> {
    /// The spreadsheet row numbers of the header: one, or two for a merged two-row header.
    pub header_rows: Vec<usize>,
    /// Every column with a header label, in sheet order.
    pub columns: Vec<HeaderColumn<K>>,
    /// Indices into the rows handed over of the rows that hold data.
    pub data: Vec<usize>,
    pub skipped: Vec<SkippedRow>,
}

impl<K: Copy + PartialEq> Layout<K> {
    /// The columns taken for a field, in sheet order.
    pub fn columns_of(&self, field: K) -> impl Iterator<Item = usize> + '_ {
        self.columns.iter().filter(move |c| c.field == Some(field)).map(|c| c.index)
    }

    /// The user's corrections of the mapping: column index → field (None: ignore the column). Another column taken
    /// for the same field loses it, so a correction never makes a field appear twice.
    pub fn correct(&mut self, corrections: &[(usize, Option<K>)]) {
        for &(index, field) in corrections {
            if let Some(field) = field {
                for column in self.columns.iter_mut().filter(|c| c.field == Some(field) && c.index != index) {
                    column.field = None;
                }
            }
            match self.columns.iter_mut().find(|c| c.index == index) {
                Some(column) => column.field = field,
                None if field.is_some() => {
                    self.columns.push(HeaderColumn { index, label: String::new(), field });
                    self.columns.sort_by_key(|c| c.index);
                }
                None => {}
            }
        }
    }
}

/// Why no table was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LayoutProblem {
    /// No row among the first ones names at least two known columns.
    NoHeader { searched: usize },
    /// The header row the user chose is not in the sheet.
    NoSuchRow { row: usize },
}

/// Finds the header (one row or two) among the first [`HEADER_SEARCH_ROWS`] rows — or at `header_row` when the user
/// chose it — as the rows whose labels the recogniser knows best, then the data rows below it.
///
/// `recognise` gets a column's label path, group title first ("Ngày, tháng, năm sinh", "Nam"), or one label for a
/// single-row header, each already trimmed; it answers the field, if any.
pub fn find_layout<K: Copy + PartialEq>(
    rows: &[SheetRow<'_>],
    recognise: &dyn Fn(&[&str]) -> Option<K>,
    header_row: Option<usize>,
) -> Result<Layout<K>, LayoutProblem> {
    let starts: Vec<usize> = match header_row {
        Some(number) => vec![rows.iter().position(|r| r.0 == number).ok_or(LayoutProblem::NoSuchRow { row: number })?],
        None => (0..rows.len().min(HEADER_SEARCH_ROWS)).collect(),
    };
    let mut best: Option<(usize, Vec<HeaderColumn<K>>, usize)> = None; // (score, columns, header row count)
    let mut best_start = 0;
    for start in starts {
        let single = header_columns(&[rows[start].1], recognise);
        let single_score = score(&single);
        let mut candidates = vec![(single_score, single, 1)];
        // The row under a header of two rows sits directly under it, with no blank row between. Both rows must count:
        // a title above a one-row header ("DANH SÁCH") adds nothing and stays out of the header.
        if let Some(below) = rows.get(start + 1).filter(|below| below.0 == rows[start].0 + 1) {
            let double = header_columns(&[rows[start].1, below.1], recognise);
            let double_score = score(&double);
            let below_alone = score(&header_columns(&[below.1], recognise));
            if double_score > single_score && double_score > below_alone {
                candidates.push((double_score, double, 2));
            }
        }
        for candidate in candidates {
            if best.as_ref().is_none_or(|b| candidate.0 > b.0) {
                best = Some(candidate);
                best_start = start;
            }
        }
    }
    let (found, columns, height) = best.ok_or(LayoutProblem::NoHeader { searched: 0 })?;
    // One known column is a title row that happens to say "Danh sách"; a header names at least two.
    if found < 2 && header_row.is_none() {
        return Err(LayoutProblem::NoHeader { searched: rows.len().min(HEADER_SEARCH_ROWS) });
    }
    let header_rows: Vec<usize> = rows[best_start..best_start + height].iter().map(|r| r.0).collect();
    let (data, skipped) = data_rows(rows, best_start + height, &columns);
    Ok(Layout { header_rows, columns, data, skipped })
}

/// The distinct fields a header names: a header that names more of them is the better reading.
fn score<K: PartialEq>(columns: &[HeaderColumn<K>]) -> usize {
    let mut seen: Vec<&K> = Vec::new();
    for field in columns.iter().filter_map(|c| c.field.as_ref()) {
        if !seen.contains(&field) {
            seen.push(field);
        }
    }
    seen.len()
}

/// Reads a header of one or two rows. In a two-row header a group title is merged across its sub-columns, which leaves
/// it in the first of them only: it is carried right over the sub-columns that have a title below. A title merged
/// down over both rows ("Họ và tên") stands alone.
fn header_columns<K>(header: &[&[String]], recognise: &dyn Fn(&[&str]) -> Option<K>) -> Vec<HeaderColumn<K>> {
    let width = header.iter().map(|cells| cells.len()).max().unwrap_or(0);
    let cell = |row: usize, index: usize| header.get(row).and_then(|cells| cells.get(index)).map(|s| s.trim()).unwrap_or("");
    let mut columns = Vec::new();
    let mut group = "";
    for index in 0..width {
        let top = cell(0, index);
        let below = if header.len() > 1 { cell(1, index) } else { "" };
        if !top.is_empty() {
            group = if below.is_empty() { "" } else { top };
        }
        let path: Vec<&str> = match (top.is_empty(), below.is_empty()) {
            (false, true) => vec![top],
            (false, false) => vec![top, below],
            (true, false) if !group.is_empty() => vec![group, below],
            (true, false) => vec![below],
            (true, true) => {
                group = "";
                continue;
            }
        };
        columns.push(HeaderColumn { index, label: path.join(" / "), field: recognise(&path) });
    }
    columns
}

fn data_rows<K>(rows: &[SheetRow<'_>], first: usize, columns: &[HeaderColumn<K>]) -> (Vec<usize>, Vec<SkippedRow>) {
    let mapped = columns.iter().filter(|c| c.field.is_some()).count().max(1);
    let mut data = Vec::new();
    let mut skipped = Vec::new();
    let mut previous_number = rows.get(first.wrapping_sub(1)).map_or(0, |r| r.0);
    // Whether a person-like row comes at or after each row, computed once from the end: asking it afresh for every
    // footer-like row would make a hostile sheet of sparse rows cost the square of its length.
    let mut data_from = vec![false; rows.len() + 1];
    for i in (0..rows.len()).rev() {
        data_from[i] = data_from[i + 1] || looks_like_data(rows[i].1, mapped);
    }
    for (i, &(number, cells)) in rows.iter().enumerate().skip(first) {
        let filled: Vec<&str> = cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
        let after_gap = number > previous_number + 1;
        previous_number = number;
        let skip = |reason| SkippedRow { row: number, reason, text: first_words(&filled) };
        if i == first && is_numbering(&filled) {
            skipped.push(skip(SkipReason::Numbering));
        } else if (is_footer(&filled) || (after_gap && !data.is_empty() && filled.len() * 2 < mapped)) && !data_from[i + 1] {
            skipped.push(skip(SkipReason::Footer));
            break;
        } else if is_group(&filled) {
            skipped.push(skip(SkipReason::Group));
        } else {
            data.push(i);
        }
    }
    (data, skipped)
}

/// A row filled like a person's: a footer is never taken above one, so a wrong guess cannot drop people silently.
fn looks_like_data(cells: &[String], mapped: usize) -> bool {
    cells.iter().filter(|c| !c.trim().is_empty()).count() >= 3.max(mapped.div_ceil(2))
}

fn first_words(filled: &[&str]) -> String {
    let text = filled.join(" ");
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

/// "(1) (2) (3)…", "1 2 3…" or "A B 1 2…": the column numbers printed under a header.
fn is_numbering(filled: &[&str]) -> bool {
    filled.len() >= 3
        && filled.iter().all(|cell| {
            let inner = cell.trim_start_matches('(').trim_end_matches(')').trim();
            let digits = inner.chars().all(|c| c.is_ascii_digit()) && (1..=2).contains(&inner.len());
            let letter = inner.len() == 1 && inner.chars().all(|c| c.is_ascii_alphabetic());
            digits || letter
        })
}

/// A heading between people: at most two cells, the first a Roman numeral or a letter ("I.", "II", "A") or the only
/// one written in capitals ("CÔNG CHỨC").
fn is_group(filled: &[&str]) -> bool {
    let Some(first) = filled.first() else { return false };
    if filled.len() > 2 {
        return false;
    }
    let mark = first.split([' ', '.', ')', '/']).next().unwrap_or("");
    let numeral = !mark.is_empty() && mark.chars().all(|c| "IVXLC".contains(c));
    let letter = mark.len() == 1 && mark.chars().all(|c| c.is_ascii_uppercase());
    let capitals = filled.len() == 1
        && first.chars().filter(|c| c.is_alphabetic()).count() > 3
        && first.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
    numeral || letter || capitals
}

/// The first words of a footer: totals, the place and date line, signature captions.
fn is_footer(filled: &[&str]) -> bool {
    // Word sequences a footer's first cell starts with; a total ("Tổng: 25", "Cộng 25") is told from a name such as
    // "Tổng Thị Hoa" by what follows it.
    const STARTS: [&[&str]; 13] = [
        &["tong", "cong"],
        &["tong", "so"],
        &["nguoi", "lap"],
        &["nguoi", "ky"],
        &["xac", "nhan"],
        &["thu", "truong"],
        &["t/m"],
        &["tm"],
        &["ky", "ten"],
        &["(ky"],
        &["noi", "nhan"],
        &["danh", "sach", "nay"],
        &["danh", "sach", "gom"],
    ];
    let Some(first) = filled.first() else { return false };
    let folded = fold(first);
    let words: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric() && c != '/' && c != '(').filter(|w| !w.is_empty()).collect();
    let number_or_end = |at: usize| words.get(at).is_none_or(|w| w.chars().all(|c| c.is_ascii_digit()));
    let starts = STARTS.iter().any(|s| words.starts_with(s) && !(s == &["tong", "cong"] && words.get(2) == Some(&"ty")))
        || (matches!(words.first(), Some(&"tong" | &"cong")) && number_or_end(1) && filled.len() <= 3);
    // "Tân Phước, ngày 20 tháng 11 năm 2025" — in any cell of a short row (a person's note may hold a date in words).
    let dated = filled.len() <= 3
        && filled.iter().any(|cell| {
            let f = fold(cell);
            let (ngay, thang, nam) = (f.find("ngay"), f.find("thang"), f.rfind("nam"));
            matches!((ngay, thang, nam), (Some(a), Some(b), Some(c)) if a < b && b < c)
                && f.chars().filter(|c| c.is_ascii_digit()).count() >= 2
        });
    starts || dated
}

/// The year a sheet's title names, for sheets whose rows carry no year of their own: offices title a target or
/// product sheet "GIAO CHỈ TIÊU NĂM 2026" or "Sản phẩm tháng 11 năm 2026" and leave the year out of the table.
///
/// Each line is a row above the header, its cells joined. A dated line ("Tân Phước, ngày 20 tháng 12 năm 2025") is
/// the day the sheet was signed, not its year, and is passed over. When the title lines name two different years
/// none is taken: the user then adds a "Năm" column.
pub fn year_in_title<'a>(lines: impl IntoIterator<Item = &'a str>) -> Option<i32> {
    let mut found: Option<i32> = None;
    for line in lines {
        let folded = fold(line);
        let words: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        for (i, pair) in words.windows(2).enumerate() {
            if pair[0] != "nam" || pair[1].len() != 4 {
                continue;
            }
            let Ok(year) = pair[1].parse::<i32>() else { continue };
            if !(1990..=2100).contains(&year) {
                continue;
            }
            // "ngày 20 tháng 12 năm 2025": a date, not the sheet's year.
            let dated = i >= 2 && words[i - 2] == "thang" && words.get(i.wrapping_sub(4)) == Some(&"ngay");
            if dated {
                continue;
            }
            match found {
                Some(other) if other != year => return None,
                _ => found = Some(year),
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_year_of_a_title_is_read_and_a_signing_date_is_not() {
        let title = ["ỦY BAN NHÂN DÂN XÃ TÂN PHƯỚC", "Tân Phước, ngày 20 tháng 12 năm 2025", "GIAO CHỈ TIÊU NĂM 2026"];
        assert_eq!(year_in_title(title), Some(2026));
        assert_eq!(year_in_title(["Sản phẩm tháng 11 năm 2026 của cán bộ"]), Some(2026));
        assert_eq!(year_in_title(["KẾ HOẠCH NĂM 2026", "(Kèm theo Quyết định số 12/QĐ-UBND)"]), Some(2026));
        assert_eq!(year_in_title(["Chỉ tiêu năm 2025 và năm 2026"]), None, "two years: none taken");
        assert_eq!(year_in_title(["Tân Phước, ngày 05 tháng 01 năm 2026"]), None, "only the signing date");
        assert_eq!(year_in_title(["DANH SÁCH CÁN BỘ"]), None);
        assert_eq!(year_in_title(["Năm 12345", "nam 1800"]), None);
        assert_eq!(year_in_title(["CHỈ TIÊU NĂM 2026", "Chỉ tiêu năm 2026 (bổ sung)"]), Some(2026));
    }

    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum F {
        Name,
        Birth,
        BirthMale,
        BirthFemale,
        Position,
        Qualification,
        Theory,
    }

    fn recognise(path: &[&str]) -> Option<F> {
        let folded: Vec<String> = path.iter().map(|p| fold(p).replace(',', "")).collect();
        let last = folded.last()?.as_str();
        match (folded.len(), folded[0].as_str(), last) {
            (2, "ngay thang nam sinh", "nam") => Some(F::BirthMale),
            (2, "ngay thang nam sinh", "nu") => Some(F::BirthFemale),
            (_, _, "ho va ten" | "ho ten") => Some(F::Name),
            (_, _, "ngay thang nam sinh" | "ngay sinh") => Some(F::Birth),
            (_, _, "chuc vu") => Some(F::Position),
            (_, _, "chuyen mon" | "trinh do") => Some(F::Qualification),
            (_, _, "ly luan chinh tri") => Some(F::Theory),
            _ => None,
        }
    }

    fn sheet(rows: &[(usize, &[&str])]) -> Vec<(usize, Vec<String>)> {
        rows.iter().map(|(n, cells)| (*n, cells.iter().map(|c| c.to_string()).collect())).collect()
    }

    fn layout(rows: &[(usize, Vec<String>)], header_row: Option<usize>) -> Result<Layout<F>, LayoutProblem> {
        let view: Vec<SheetRow<'_>> = rows.iter().map(|(n, c)| (*n, c.as_slice())).collect();
        find_layout(&view, &recognise, header_row)
    }

    /// A commune's list as offices keep it: letterhead, title, a two-row header, numbering, a group row, people, footer.
    fn commune_list() -> Vec<(usize, Vec<String>)> {
        sheet(&[
            (1, &["ĐẢNG BỘ HUYỆN ĐỨC HÒA", "", "", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]),
            (2, &["ĐẢNG ỦY XÃ TÂN PHƯỚC", "", "", "", "Độc lập - Tự do - Hạnh phúc"]),
            (4, &["DANH SÁCH CÁN BỘ, CÔNG CHỨC XÃ TÂN PHƯỚC"]),
            (5, &["(Kèm theo Báo cáo số 12-BC/ĐU ngày 20/11/2025)"]),
            (7, &["STT", "Họ và tên", "Ngày, tháng, năm sinh", "", "Chức vụ", "Trình độ", "", "Ghi chú"]),
            (8, &["", "", "Nam", "Nữ", "", "Chuyên môn", "Lý luận chính trị"]),
            (9, &["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"]),
            (10, &["I", "CÁN BỘ"]),
            (11, &["1", "Nguyễn Văn An", "12/03/1975", "", "Bí thư Đảng ủy", "Đại học Luật", "Cao cấp"]),
            (12, &["2", "Trần Thị Bình", "", "1980", "Chủ tịch UBND", "Thạc sĩ", "Trung cấp"]),
            (13, &["II", "CÔNG CHỨC"]),
            (14, &["3", "Lê Văn Cường", "01/01/1990", "", "Công chức Tư pháp - Hộ tịch", "Đại học"]),
            (15, &["Tổng cộng: 3 người"]),
            (17, &["", "Người lập biểu", "", "", "", "T/M ĐẢNG ỦY"]),
            (18, &["", "", "", "", "", "BÍ THƯ"]),
            (21, &["", "Phạm Văn Dũng", "", "", "", "Nguyễn Văn An"]),
        ])
    }

    #[test]
    fn a_two_row_header_under_a_letterhead_is_found_with_its_groups() {
        let rows = commune_list();
        let found = layout(&rows, None).unwrap();
        assert_eq!(found.header_rows, [7, 8]);
        let fields: Vec<(usize, &str, Option<F>)> = found.columns.iter().map(|c| (c.index, c.label.as_str(), c.field)).collect();
        assert_eq!(
            fields,
            [
                (0, "STT", None),
                (1, "Họ và tên", Some(F::Name)),
                (2, "Ngày, tháng, năm sinh / Nam", Some(F::BirthMale)),
                (3, "Ngày, tháng, năm sinh / Nữ", Some(F::BirthFemale)),
                (4, "Chức vụ", Some(F::Position)),
                (5, "Trình độ / Chuyên môn", Some(F::Qualification)),
                (6, "Trình độ / Lý luận chính trị", Some(F::Theory)),
                (7, "Ghi chú", None),
            ]
        );
        let data: Vec<usize> = found.data.iter().map(|&i| rows[i].0).collect();
        assert_eq!(data, [11, 12, 14]);
        let skipped: Vec<(usize, SkipReason)> = found.skipped.iter().map(|s| (s.row, s.reason)).collect();
        assert_eq!(skipped, [(9, SkipReason::Numbering), (10, SkipReason::Group), (13, SkipReason::Group), (15, SkipReason::Footer)]);
        assert_eq!(found.skipped[3].text, "Tổng cộng: 3 người");
    }

    #[test]
    fn a_plain_header_in_the_first_row_stays_a_one_row_header() {
        let rows = sheet(&[
            (1, &["Họ và tên", "Ngày sinh", "Chức vụ"]),
            (2, &["Nguyễn Văn An", "12/03/1975", "Bí thư"]),
            (3, &["Trần Thị Bình", "", "Chủ tịch"]),
        ]);
        let found = layout(&rows, None).unwrap();
        assert_eq!(found.header_rows, [1]);
        assert_eq!(found.data, [1, 2]);
        assert!(found.skipped.is_empty());
        // A title right above it stays out of the header.
        let rows =
            sheet(&[(1, &["DANH SÁCH"]), (2, &["Họ và tên", "Ngày sinh", "Chức vụ"]), (3, &["Nguyễn Văn An", "12/03/1975", "Bí thư"])]);
        assert_eq!(layout(&rows, None).unwrap().header_rows, [2]);
    }

    #[test]
    fn the_footer_is_found_by_its_date_line_or_a_gap_then_signatures() {
        let rows = sheet(&[
            (1, &["Họ và tên", "Ngày sinh", "Chức vụ"]),
            (2, &["Nguyễn Văn An", "12/03/1975", "Bí thư"]),
            (4, &["", "", "Tân Phước, ngày 20 tháng 11 năm 2025"]),
        ]);
        assert_eq!(layout(&rows, None).unwrap().data, [1]);
        let rows = sheet(&[
            (1, &["Họ và tên", "Ngày sinh", "Chức vụ"]),
            (2, &["Nguyễn Văn An", "12/03/1975", "Bí thư"]),
            (5, &["Chủ tịch"]),
            (8, &["Trần Văn Bé"]),
        ]);
        let found = layout(&rows, None).unwrap();
        assert_eq!(found.data, [1]);
        assert_eq!(found.skipped[0].reason, SkipReason::Footer);
        // A footer-like row with people below it is not the footer: nobody after it is dropped.
        let rows = sheet(&[
            (1, &["Họ và tên", "Ngày sinh", "Chức vụ"]),
            (2, &["Nguyễn Văn An", "12/03/1975", "Bí thư"]),
            (3, &["Tổng cộng"]),
            (4, &["Trần Thị Bình", "01/02/1980", "Chủ tịch"]),
        ]);
        assert_eq!(layout(&rows, None).unwrap().data, [1, 2, 3]);
        // A person's position that starts like a footer word is data: "Tổng" must stand first in the row.
        let rows = sheet(&[(1, &["Họ và tên", "Ngày sinh", "Chức vụ"]), (2, &["Nguyễn Văn An", "12/03/1975", "Tổng biên tập"])]);
        assert_eq!(layout(&rows, None).unwrap().data, [1]);
    }

    #[test]
    fn a_sheet_without_a_header_says_so_and_a_chosen_row_is_used() {
        let rows = sheet(&[(1, &["Danh sách"]), (2, &["Nguyễn Văn An", "12/03/1975"])]);
        assert_eq!(layout(&rows, None), Err(LayoutProblem::NoHeader { searched: 2 }));
        assert_eq!(layout(&rows, Some(9)), Err(LayoutProblem::NoSuchRow { row: 9 }));
        let rows = commune_list();
        // Chosen by the user: the first header row alone.
        let found = layout(&rows, Some(7)).unwrap();
        assert_eq!(found.header_rows[0], 7);
    }

    #[test]
    fn a_correction_moves_a_field_and_never_doubles_it() {
        let rows = commune_list();
        let mut found = layout(&rows, None).unwrap();
        found.correct(&[(7, Some(F::Position)), (5, None)]);
        assert_eq!(found.columns_of(F::Position).collect::<Vec<_>>(), [7]);
        assert_eq!(found.columns_of(F::Qualification).count(), 0);
        found.correct(&[(9, Some(F::Name))]);
        assert_eq!(found.columns_of(F::Name).collect::<Vec<_>>(), [9]);
    }

    #[test]
    fn numbering_and_groups_are_told_from_people() {
        assert!(is_numbering(&["(1)", "(2)", "(3)"]));
        assert!(is_numbering(&["A", "B", "1", "2"]));
        assert!(!is_numbering(&["1", "Nguyễn Văn An", "1975"]));
        assert!(is_group(&["I", "CÁN BỘ"]));
        assert!(is_group(&["A. Khối Đảng"]));
        assert!(is_group(&["CÔNG CHỨC CẤP XÃ"]));
        assert!(!is_group(&["1", "Nguyễn Văn An"]));
        assert!(!is_group(&["Nguyễn Văn An"]));
        assert!(!is_group(&["Lê Văn Cường", "01/01/1990", "Công chức"]));
        assert!(is_footer(&["Tổng cộng: 3 người"]));
        assert!(is_footer(&["Tổng số 25"]));
        assert!(is_footer(&["Cộng", "25"]));
        assert!(is_footer(&["Người lập biểu", "T/M ĐẢNG ỦY"]));
        assert!(!is_footer(&["Tổng Thị Hoa", "12/03/1975"]));
        assert!(!is_footer(&["3", "Cồng Văn Nam"]));
    }

    #[test]
    fn nothing_panics_on_ragged_or_empty_rows() {
        assert!(layout(&[], None).is_err());
        let rows = sheet(&[(1, &["Họ và tên", "Chức vụ"]), (2, &[]), (3, &["", "", "", "", "x"])]);
        let found = layout(&rows, None).unwrap();
        assert_eq!(found.header_rows, [1]);
    }
}
