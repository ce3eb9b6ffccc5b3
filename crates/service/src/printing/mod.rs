//! Printed documents (issue 6): the service gathers each document's data through the use cases that show it on
//! screen, formats it the Vietnamese way, and hands a view-model to the documents crate, which lays it out as PDF.
//! The office's print settings (margins, type, header lines) are kept here too.

mod breakthrough;
mod collective;
pub(crate) mod common;
mod forms;
mod letterhead;
mod list;
mod minutes;
mod monthly;
mod programme;
mod results;
mod scores;
mod settings;
mod statistics;
mod summary;
mod targets;

pub use documents::{DocumentView, FontChoice, HeaderFormat, PageSettings};
pub use settings::PrintSettings;

use crate::auth::{Permission, Session};
use crate::error::{Result, ServiceError};
use crate::office::Office;
use chrono::{DateTime, Local, NaiveDate, Utc};
use common::{Built, Context};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;
use uuid::Uuid;

/// What every page of a demo office's documents says at its top right.
pub const DEMO_BANNER: &str = "DỮ LIỆU MẪU — không dùng để ký";

/// Which document to print, and of what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DocumentRequest {
    /// Biên bản hội nghị kiểm điểm.
    Minutes { meeting_id: Uuid },
    /// Phiếu tự đánh giá, xếp loại: the year when `period` is None, else a quarter ("Q3") or a month ("T9").
    Form { person_id: Uuid, year: i32, period: Option<String> },
    /// Báo cáo kiểm điểm tập thể.
    Collective { unit_code: String, year: i32 },
    /// Danh sách kết quả xếp loại of a unit and the units below it.
    Results { unit_code: String, year: i32 },
    /// Danh sách tổng hợp kết quả đánh giá tháng (or quý) of a unit and the units below it: `period` as typed,
    /// "T3" or "Q1", one of the periods the office opened.
    Monthly { unit_code: String, year: i32, period: String },
    /// Bảng chỉ tiêu; `as_of` is dd/mm/yyyy (today when None, never past the year's end).
    Targets { unit_code: String, year: i32, as_of: Option<String> },
    /// Sổ nhiệm vụ đột phá of a unit and those below it, or of the whole office.
    Breakthrough { unit_code: Option<String>, year: i32 },
    /// Chương trình hành động.
    Programme { programme_id: Uuid },
    /// Báo cáo thống kê đội ngũ cán bộ of a unit (the office's own when None) and the units below it; `as_of` is
    /// dd/mm/yyyy (today when None).
    Statistics { unit_code: Option<String>, as_of: Option<String> },
    /// Báo cáo tổng hợp kết quả năm: the year at a glance of a unit (the office's own when None) with its charts;
    /// `as_of` is dd/mm/yyyy (today when None, never past the year's end).
    Summary { unit_code: Option<String>, year: i32, as_of: Option<String> },
    /// One of the office's lists (Danh sách cán bộ, đơn vị, hội nghị, tài khoản, nhật ký …), as the window shows it.
    List { list: crate::lists::ListRequest },
}

/// What file a document is made as.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum DocumentFormat {
    /// Laid out by us, the same on every printer: what is signed.
    #[default]
    Pdf,
    /// A Word document with the same header, text and tables, for completing before signing (issue 16).
    Docx,
}

impl DocumentFormat {
    pub fn extension(self) -> &'static str {
        match self {
            DocumentFormat::Pdf => "pdf",
            DocumentFormat::Docx => "docx",
        }
    }

    /// The format a file name asks for: ".docx" is Word, anything else PDF.
    pub fn of_path(path: &Path) -> DocumentFormat {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("docx") => DocumentFormat::Docx,
            _ => DocumentFormat::Pdf,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PrintOptions {
    /// Fixes the file's creation date and "today" in the date line, so the same data prints the same bytes.
    pub fixed_date: Option<DateTime<Utc>>,
    /// The header format instead of the document's usual one (Party for most, State for the target sheet).
    pub header: Option<HeaderFormat>,
    /// PDF unless Word is asked for.
    #[serde(default)]
    pub format: DocumentFormat,
}

/// A printed document, ready to be saved or shown.
#[derive(Debug, Clone)]
pub struct PrintedDocument {
    /// ASCII, e.g. "bien-ban-hoi-nghi-2026-XA_HOA_BINH.pdf" (".docx" for Word).
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// The PDF's pages; None for a Word document, which Word paginates on the user's machine.
    pub pages: Option<usize>,
    pub format: DocumentFormat,
}

impl Office {
    /// What the document shows, laid out by nothing yet: for previews and tests. `today` is the date line's day.
    pub fn document_view(&self, session: &Session, request: &DocumentRequest, today: NaiveDate) -> Result<DocumentView> {
        Ok(self.build_document(session, request, Context { today, header: None })?.view)
    }

    /// The document as PDF or DOCX, with the office's page settings.
    pub fn print_document(&self, session: &Session, request: &DocumentRequest, options: &PrintOptions) -> Result<PrintedDocument> {
        let today = options.fixed_date.map_or_else(|| Local::now().date_naive(), |d| d.date_naive());
        let built = self.build_document(session, request, Context { today, header: options.header })?;
        let page = self.print_settings(session)?.page;
        let banner = self.is_demo()?.then(|| DEMO_BANNER.to_string());
        let render = documents::RenderOptions { settings: page, fixed_date: options.fixed_date, banner };
        let file_name = match built.file_name.strip_suffix(".pdf") {
            Some(stem) => format!("{stem}.{}", options.format.extension()),
            None => built.file_name,
        };
        match options.format {
            DocumentFormat::Pdf => {
                let rendered = documents::render(&built.view, &render)?;
                Ok(PrintedDocument { file_name, bytes: rendered.bytes, pages: Some(rendered.pages), format: DocumentFormat::Pdf })
            }
            DocumentFormat::Docx => Ok(PrintedDocument {
                file_name,
                bytes: documents::render_docx(&built.view, &render)?,
                pages: None,
                format: DocumentFormat::Docx,
            }),
        }
    }

    fn build_document(&self, session: &Session, request: &DocumentRequest, context: Context) -> Result<Built> {
        session.require(Permission::Read)?;
        match request {
            DocumentRequest::Minutes { meeting_id } => minutes::build(self, session, *meeting_id, context),
            DocumentRequest::Form { person_id, year, period } => forms::build(self, session, *person_id, *year, period.as_deref(), context),
            DocumentRequest::Collective { unit_code, year } => collective::build(self, session, unit_code, *year, context),
            DocumentRequest::Results { unit_code, year } => results::build(self, session, unit_code, *year, context),
            DocumentRequest::Monthly { unit_code, year, period } => monthly::build(self, session, unit_code, *year, period, context),
            DocumentRequest::Targets { unit_code, year, as_of } => {
                targets::build(self, session, unit_code, *year, as_of.as_deref(), context)
            }
            DocumentRequest::Breakthrough { unit_code, year } => {
                breakthrough::build(self, session, unit_code.as_deref().filter(|c| !c.trim().is_empty()), *year, context)
            }
            DocumentRequest::Programme { programme_id } => programme::build(self, session, *programme_id, context),
            DocumentRequest::Statistics { unit_code, as_of } => {
                statistics::build(self, session, unit_code.as_deref(), as_of.as_deref(), context)
            }
            DocumentRequest::List { list } => list::build(self, session, list, context),
            DocumentRequest::Summary { unit_code, year, as_of } => {
                summary::build(self, session, unit_code.as_deref().filter(|c| !c.trim().is_empty()), *year, as_of.as_deref(), context)
            }
        }
    }
}

/// Saves a printed document at `path` through a temporary file in the same folder, so a reader never sees half a
/// file and a failed write leaves any earlier file as it was.
pub fn save_document(document: &PrintedDocument, path: &Path) -> Result<()> {
    tabular::replace_file(path, &document.bytes).map_err(|e| match e {
        // Said as such, with another name to use (a viewer on Windows holds the previous copy open).
        tabular::TabularError::InUse(_) => ServiceError::File(e),
        e => ServiceError::CannotWrite { path: path.display().to_string(), reason: e.to_string() },
    })
}
