//! The office's lists as tables to print and to export (issue 16: "every list can be exported to XLSX and printed"):
//! each declared once here as the window shows it, then printed as "DANH SÁCH …" (PDF or Word) or written to a
//! workbook. The office's own records are in `records`, the lists of work, evaluation and exchange in `work`.

mod records;
mod work;

use crate::auth::Session;
use crate::error::Result;
use crate::figures::{row, write_workbook, Figure, FigureTable};
use crate::office::Office;
use domain::Lang;
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// Which list, with what the screen it comes from was showing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ListRequest {
    /// Danh sách cán bộ: the whole roster, sorted by given name.
    Roster,
    /// Danh sách đơn vị: the organisation tree in its order, with headcounts and what became of closed units.
    Units,
    /// Danh sách hội nghị kiểm điểm.
    Meetings,
    /// Danh sách tài khoản (administrators only).
    Accounts,
    /// Nhật ký thay đổi, filtered as on the accounts page, newest first (administrators only).
    Audit {
        username: Option<String>,
        action: Option<String>,
        #[ts(type = "number | null")]
        limit: Option<i64>,
    },
    /// Danh sách cán bộ cần quan tâm of a unit and those below it in a year.
    Attention { year: i32, unit_code: String },
    /// Nhiệm vụ đột phá of a year, as the tab lists them (its printed form is the register, DocumentRequest::Breakthrough).
    Breakthrough { year: i32 },
    /// Bảng so sánh of the holders of one group of equivalent positions in a year, ranked.
    Comparison { year: i32, group: String },
    /// Tình hình gửi dữ liệu of the units below for a period ("2026", "2026-Q3", "2026-09").
    Completeness { period: String },
    /// Danh mục loại sản phẩm.
    ProductKinds,
    /// Danh sách bộ quy tắc đánh giá.
    RuleSets,
}

impl ListRequest {
    /// The unit the list is of, when it is not the office's own (printed as "của …" under the title).
    pub fn unit_code(&self) -> Option<&str> {
        match self {
            ListRequest::Attention { unit_code, .. } => Some(unit_code),
            _ => None,
        }
    }

    /// The file name's stem: ASCII, as printed files are named.
    pub fn file_stem(&self) -> String {
        match self {
            ListRequest::Roster => "danh-sach-can-bo".into(),
            ListRequest::Units => "danh-sach-don-vi".into(),
            ListRequest::Meetings => "danh-sach-hoi-nghi".into(),
            ListRequest::Accounts => "danh-sach-tai-khoan".into(),
            ListRequest::Audit { .. } => "nhat-ky-thay-doi".into(),
            ListRequest::Attention { year, .. } => format!("can-bo-can-quan-tam-{year}"),
            ListRequest::Comparison { year, .. } => format!("so-sanh-{year}"),
            ListRequest::Breakthrough { year } => format!("nhiem-vu-dot-pha-{year}"),
            ListRequest::Completeness { period } => {
                let ascii: String = period.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
                format!("tinh-hinh-gui-du-lieu-{ascii}")
            }
            ListRequest::ProductKinds => "danh-muc-loai-san-pham".into(),
            ListRequest::RuleSets => "bo-quy-tac-danh-gia".into(),
        }
    }
}

/// A list before it is numbered: its title, columns, relative widths on paper and rows.
pub(crate) struct Listing {
    pub title: String,
    pub columns: Vec<String>,
    pub widths: Vec<f32>,
    pub rows: Vec<Vec<Figure>>,
    /// Whether the rows get an STT column; a ranked list has its rank instead.
    pub numbered: bool,
}

pub(crate) fn text(value: impl Into<String>) -> Figure {
    Figure::Text(value.into())
}

/// The columns' headings in the language asked for.
pub(crate) fn columns(lang: Lang, names: &[(&str, &str)]) -> Vec<String> {
    names.iter().map(|(vi, en)| lang.pick(vi, en).to_string()).collect()
}

pub(crate) fn or_none(value: Option<&str>) -> Figure {
    text(value.unwrap_or_default())
}

impl Office {
    /// The list as a table, every row numbered (STT) as printed lists are, unless it is ranked.
    pub fn list_table(&self, session: &Session, request: &ListRequest, lang: Lang) -> Result<FigureTable> {
        let listing = match request {
            ListRequest::Roster => records::roster(self, session, lang)?,
            ListRequest::Units => records::units(self, session, lang)?,
            ListRequest::Meetings => records::meetings(self, session, lang)?,
            ListRequest::Accounts => records::accounts(self, session, lang)?,
            ListRequest::Audit { username, action, limit } => {
                records::audit(self, session, username.clone(), action.clone(), *limit, lang)?
            }
            ListRequest::Attention { year, unit_code } => work::attention(self, session, *year, unit_code, lang)?,
            ListRequest::Breakthrough { year } => work::breakthrough(self, session, *year, lang)?,
            ListRequest::Comparison { year, group } => work::comparison(self, session, *year, group, None, lang)?,
            ListRequest::Completeness { period } => work::completeness(self, session, period, lang)?,
            ListRequest::ProductKinds => work::product_kinds(self, session, lang)?,
            ListRequest::RuleSets => work::rule_sets(self, session, lang)?,
        };
        Ok(numbered(listing, lang))
    }

    /// The list as a workbook of one sheet. Returns the rows written.
    pub fn export_list(&self, session: &Session, request: &ListRequest, path: &Path, lang: Lang) -> Result<usize> {
        let table = self.list_table(session, request, lang)?;
        let rows = table.rows.len();
        write_workbook(path, std::slice::from_ref(&table))?;
        Ok(rows)
    }
}

/// The ranking of a group of equivalent posts on a day, as printed and as `thuocdo compare -o` writes it.
pub(crate) fn comparison_table(
    office: &Office,
    session: &Session,
    year: i32,
    group: &str,
    as_of: Option<chrono::NaiveDate>,
    lang: Lang,
) -> Result<FigureTable> {
    Ok(numbered(work::comparison(office, session, year, group, as_of, lang)?, lang))
}

/// STT first, as every printed list has it (a ranked list already leads with its rank).
fn numbered(listing: Listing, lang: Lang) -> FigureTable {
    let Listing { title, columns, widths, rows, numbered } = listing;
    let (columns, widths, rows) = if numbered {
        let mut all_columns = vec![lang.pick("STT", "No.").to_string()];
        all_columns.extend(columns);
        let mut all_widths = vec![0.6];
        all_widths.extend(widths);
        let rows = rows
            .into_iter()
            .enumerate()
            .map(|(i, cells)| {
                let mut numbered = vec![Figure::Count(i as u32 + 1)];
                numbered.extend(cells);
                row(numbered)
            })
            .collect();
        (all_columns, all_widths, rows)
    } else {
        (columns, widths, rows.into_iter().map(row).collect())
    };
    // A sheet's name is at most 31 characters and cannot hold some punctuation.
    let sheet: String = title.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
    FigureTable { title, sheet, columns, widths, rows, chart: None, note: None }
}
