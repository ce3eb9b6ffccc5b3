//! What a preview shows of how a sheet was read: the header row(s) taken, each column and the field it was taken for
//! (with the first value under it), the rows passed over and why, and the fields a column can be set to — so the user
//! can check the reading and correct it before anything is written.

use domain::sheet_layout::{find_layout, Layout, LayoutProblem, SheetRow, SkipReason};
use domain::Lang;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A field a column can be taken for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FieldChoice {
    pub code: String,
    pub label: String,
    pub label_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ColumnReading {
    /// 0-based; `letter` is what the spreadsheet shows ("A", "AB").
    pub index: usize,
    pub letter: String,
    pub label: String,
    /// The field's code, or None when the column is not used.
    pub field: Option<String>,
    /// The first value under the header, to see the mapping is right.
    pub sample: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PassedRow {
    pub row: usize,
    pub reason: String,
    pub reason_en: String,
    pub text: String,
}

/// How a sheet was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SheetReading {
    pub header_rows: Vec<usize>,
    pub columns: Vec<ColumnReading>,
    pub passed: Vec<PassedRow>,
    pub choices: Vec<FieldChoice>,
    /// The old font encoding the text was typed in ("TCVN3 (ABC)", "VNI"), if any.
    pub detected_encoding: Option<String>,
    /// Whether the text was converted to Unicode (the user may keep it as it is).
    pub converted: bool,
    /// A few cells before and after conversion, to see it is right.
    pub conversion_samples: Vec<(String, String)>,
    /// The year the sheet's title names ("GIAO CHỈ TIÊU NĂM 2026"), taken for rows that carry none of their own.
    pub title_year: Option<i32>,
}

/// A user's correction of the reading: which row is the header, and what a column holds (None: not used).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReadingChoices {
    pub header_row: Option<usize>,
    pub columns: Vec<ColumnChoice>,
    /// Keep text that looks typed in TCVN3 or VNI as it is, unconverted.
    #[serde(default)]
    pub keep_encoding: bool,
}

/// What was found of an old font encoding in a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Conversion {
    name: &'static str,
    converted: bool,
    samples: Vec<(String, String)>,
}

/// Cells looked at to recognise an old encoding: enough for any list, bounded for a huge one.
const ENCODING_SAMPLE_CELLS: usize = 5_000;
const CONVERSION_SAMPLES: usize = 5;

/// Converts a sheet typed in TCVN3 or VNI to Unicode, unless the user keeps it as it is, and says what was found.
/// Only cells that could be legacy text are converted: one already typed in Unicode is left alone.
pub(crate) fn to_unicode(table: &mut tabular::Table, keep: bool) -> Option<Conversion> {
    use tabular::legacy::{convert, could_be_legacy, detect, LegacyEncoding};
    let sample: Vec<&str> =
        table.rows.iter().flat_map(|r| r.cells.iter().map(String::as_str)).filter(|c| !c.is_empty()).take(ENCODING_SAMPLE_CELLS).collect();
    let encoding = detect(&sample)?;
    let name = match encoding {
        LegacyEncoding::Tcvn3 => "TCVN3 (ABC)",
        LegacyEncoding::Vni => "VNI",
    };
    let mut samples = Vec::new();
    for cell in table.rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
        if cell.is_ascii() || !could_be_legacy(cell) {
            continue;
        }
        let unicode = convert(cell, encoding);
        if samples.len() < CONVERSION_SAMPLES && !samples.iter().any(|(before, _)| before == cell) {
            samples.push((cell.clone(), unicode.clone()));
        }
        if !keep {
            *cell = unicode;
        }
    }
    Some(Conversion { name, converted: !keep, samples })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ColumnChoice {
    pub index: usize,
    pub field: Option<String>,
}

impl ColumnChoice {
    /// "C=birth_date_male" (column C holds the field) or "H=-" (column H is not used), as typed on the command line.
    /// The field's code is checked against `codes`.
    pub fn parse(text: &str, codes: &[FieldChoice]) -> Result<ColumnChoice, crate::ServiceError> {
        let bad = || crate::ServiceError::BadColumnChoice { text: text.to_string() };
        let (letter, field) = text.split_once('=').ok_or_else(bad)?;
        let index = column_index(letter.trim()).ok_or_else(bad)?;
        let field = field.trim();
        if field == "-" {
            return Ok(ColumnChoice { index, field: None });
        }
        codes.iter().find(|c| c.code == field).map(|c| ColumnChoice { index, field: Some(c.code.clone()) }).ok_or_else(bad)
    }
}

/// The fields of a roster file a column can be set to.
pub fn roster_field_choices() -> Vec<FieldChoice> {
    field_choices::<domain::roster::RosterField>()
}

pub(crate) fn field_choices<K: SheetField>() -> Vec<FieldChoice> {
    K::all().into_iter().map(|f| FieldChoice { code: f.code(), label: f.label(Lang::Vi), label_en: f.label(Lang::En) }).collect()
}

/// A field type the layout reader can map columns to, with its code and words.
pub(crate) trait SheetField: Copy + PartialEq + Sized {
    fn all() -> Vec<Self>;
    fn code(self) -> String;
    fn label(self, lang: Lang) -> String;
    fn recognise(path: &[&str]) -> Option<Self>;
}

impl SheetField for domain::roster::RosterField {
    fn all() -> Vec<Self> {
        domain::roster::RosterField::all()
    }
    fn code(self) -> String {
        domain::roster::RosterField::code(self)
    }
    fn label(self, lang: Lang) -> String {
        domain::roster::RosterField::label(self, lang)
    }
    fn recognise(path: &[&str]) -> Option<Self> {
        domain::roster::RosterField::recognise(path)
    }
}

/// Reads the layout of `rows` with the user's choices applied. A code the user sent that names no field is ignored.
pub(crate) fn read_layout<K: SheetField>(rows: &[SheetRow<'_>], choices: &ReadingChoices) -> Result<Layout<K>, LayoutProblem> {
    let mut layout = find_layout(rows, &|path| K::recognise(path), choices.header_row)?;
    let corrections: Vec<(usize, Option<K>)> = choices
        .columns
        .iter()
        .filter_map(|c| match &c.field {
            None => Some((c.index, None)),
            Some(code) => K::all().into_iter().find(|f| f.code() == *code).map(|f| (c.index, Some(f))),
        })
        .collect();
    layout.correct(&corrections);
    Ok(layout)
}

/// The reading as the preview shows it.
pub(crate) fn reading_of<K: SheetField>(layout: &Layout<K>, rows: &[SheetRow<'_>], conversion: Option<&Conversion>) -> SheetReading {
    let first_data = layout.data.first().map(|&i| rows[i].1);
    let columns = layout
        .columns
        .iter()
        .map(|c| ColumnReading {
            index: c.index,
            letter: column_letter(c.index),
            label: c.label.clone(),
            field: c.field.map(K::code),
            sample: first_data.and_then(|cells| cells.get(c.index)).cloned().unwrap_or_default(),
        })
        .collect();
    let passed = layout
        .skipped
        .iter()
        .map(|s| {
            let (vi, en) = match s.reason {
                SkipReason::Numbering => ("dòng đánh số cột", "column numbering"),
                SkipReason::Group => ("dòng tiêu đề nhóm", "group heading"),
                SkipReason::Footer => {
                    ("cuối bảng (tổng, chữ ký): bỏ qua từ dòng này", "end of the table (totals, signatures): ignored from here")
                }
            };
            PassedRow { row: s.row, reason: vi.into(), reason_en: en.into(), text: s.text.clone() }
        })
        .collect();
    let choices = field_choices::<K>();
    SheetReading {
        header_rows: layout.header_rows.clone(),
        columns,
        passed,
        choices,
        detected_encoding: conversion.map(|c| c.name.to_string()),
        converted: conversion.is_some_and(|c| c.converted),
        conversion_samples: conversion.map(|c| c.samples.clone()).unwrap_or_default(),
        title_year: None,
    }
}

/// "A" for 0, "Z" for 25, "AA" for 26, as spreadsheets name columns.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// 0 for "A", 27 for "AB"; None for anything but one to three letters.
pub fn column_index(letters: &str) -> Option<usize> {
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    letters.to_ascii_uppercase().bytes().try_fold(0usize, |n, b| Some(n * 26 + (b - b'A') as usize + 1)).map(|n| n - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_spreadsheets_do() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
        for i in [0, 25, 26, 27, 701, 702, 16_383] {
            assert_eq!(column_index(&column_letter(i)), Some(i));
        }
        assert_eq!(column_index("c"), Some(2));
        assert_eq!(column_index(""), None);
        assert_eq!(column_index("C3"), None);
    }

    #[test]
    fn a_typed_column_choice_names_a_known_field_or_none() {
        let codes = roster_field_choices();
        assert_eq!(
            ColumnChoice::parse("C=birth_date_male", &codes).unwrap(),
            ColumnChoice { index: 2, field: Some("birth_date_male".into()) }
        );
        assert_eq!(ColumnChoice::parse("h = -", &codes).unwrap(), ColumnChoice { index: 7, field: None });
        assert!(ColumnChoice::parse("C=ngay_sinh", &codes).is_err());
        assert!(ColumnChoice::parse("birth_date", &codes).is_err());
    }
}
