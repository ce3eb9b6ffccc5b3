//! What an import found and did, for the preview screen, the CLI and the audit log.

use crate::layout_view::SheetReading;
use domain::numbers::format_count;
use domain::roster::{HeaderProblem, RowError};
use domain::Lang;
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PlannedUnit {
    pub name: String,
    pub code: String,
    pub level: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum PreviewAction {
    New,
    Changed,
    Unchanged,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PreviewRow {
    pub row: usize,
    pub full_name: String,
    pub action: PreviewAction,
    /// Headers of the columns that change, in Vietnamese.
    pub changes: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ImportIssue {
    pub row: usize,
    pub column: Option<String>,
    pub message: String,
    pub message_en: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ImportReport {
    pub file: String,
    pub rows: usize,
    pub dry_run: bool,
    pub written: bool,
    pub new_people: usize,
    pub updated_people: usize,
    pub unchanged_people: usize,
    pub new_assignments: usize,
    pub ended_assignments: usize,
    pub updated_assignments: usize,
    pub missing_units: Vec<String>,
    pub units_to_create: Vec<PlannedUnit>,
    pub created_units: Vec<PlannedUnit>,
    pub new_positions: Vec<String>,
    pub errors: Vec<ImportIssue>,
    pub preview: Vec<PreviewRow>,
    /// How the sheet was read: header rows, columns, rows passed over.
    pub reading: Option<SheetReading>,
    /// The unit given to every row, named, when the file has no unit column.
    pub default_unit: Option<String>,
}

/// How many errors a message lists before saying "and N more"; the report itself keeps them all.
const ERRORS_IN_MESSAGE: usize = 50;

impl ImportReport {
    pub(crate) fn new(path: &Path, dry_run: bool) -> Self {
        ImportReport {
            file: path.display().to_string(),
            rows: 0,
            dry_run,
            written: false,
            new_people: 0,
            updated_people: 0,
            unchanged_people: 0,
            new_assignments: 0,
            ended_assignments: 0,
            updated_assignments: 0,
            missing_units: Vec::new(),
            units_to_create: Vec::new(),
            created_units: Vec::new(),
            new_positions: Vec::new(),
            errors: Vec::new(),
            preview: Vec::new(),
            reading: None,
            default_unit: None,
        }
    }

    pub(crate) fn set_errors(&mut self, errors: &[RowError]) {
        self.errors = errors
            .iter()
            .map(|e| ImportIssue {
                row: e.row,
                column: e.column.map(|c| c.header(Lang::Vi).to_string()),
                message: e.message(Lang::Vi),
                message_en: e.message(Lang::En),
            })
            .collect();
    }

    /// Anything to write at all?
    /// A header that lacks a field: reported like a bad row, so the preview still shows how the sheet was read and
    /// the user can choose the columns.
    pub(crate) fn set_header_problem(&mut self, row: usize, problem: &HeaderProblem) {
        self.errors = vec![ImportIssue { row, column: None, message: problem.message(Lang::Vi), message_en: problem.message(Lang::En) }];
    }

    pub fn changes(&self) -> usize {
        self.new_people + self.updated_people + self.new_assignments + self.updated_assignments + self.units_to_create.len()
    }

    pub(crate) fn audit_line(&self) -> String {
        format!(
            "{}: {} new, {} updated, {} unchanged, {} new assignments, {} units created",
            self.file,
            self.new_people,
            self.updated_people,
            self.unchanged_people,
            self.new_assignments,
            self.created_units.len()
        )
    }

    pub(crate) fn rejection_message(&self, lang: Lang) -> String {
        let mut text = match lang {
            Lang::Vi => format!(
                "Không nhập gì: tệp {} có {} lỗi. Sửa các dòng sau rồi nhập lại:",
                self.file,
                format_count(self.errors.len() as i64)
            ),
            Lang::En => format!(
                "Nothing was imported: {} has {} errors. Fix these rows and import again:",
                self.file,
                format_count(self.errors.len() as i64)
            ),
        };
        for issue in self.errors.iter().take(ERRORS_IN_MESSAGE) {
            text.push_str("\n  ");
            text.push_str(if lang == Lang::Vi { &issue.message } else { &issue.message_en });
        }
        if self.errors.len() > ERRORS_IN_MESSAGE {
            let more = self.errors.len() - ERRORS_IN_MESSAGE;
            text.push_str(&match lang {
                Lang::Vi => format!("\n  … và {} lỗi khác (xem đủ bằng --json).", format_count(more as i64)),
                Lang::En => format!("\n  … and {more} more (see all with --json)."),
            });
        }
        if !self.missing_units.is_empty() {
            text.push_str(&match lang {
                Lang::Vi => format!("\nĐơn vị chưa có: {}. Thêm đơn vị trước, hoặc nhập lại với --create-units để tạo chúng dưới đơn vị của văn phòng.", self.missing_units.join("; ")),
                Lang::En => format!("\nUnits that do not exist: {}. Add them first, or import again with --create-units to create them under the office's unit.", self.missing_units.join("; ")),
            });
        }
        text
    }
}
