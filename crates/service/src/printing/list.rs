//! The office's lists on paper (issue 16): "DANH SÁCH …" of the office, its one table numbered, on a landscape page
//! when it is wide, and the signature of whoever issues it.

use super::common::{Built, Context};
use super::letterhead;
use super::summary::section;
use crate::auth::Session;
use crate::error::Result;
use crate::lists::ListRequest;
use crate::office::Office;
use documents::{DocumentView, HeaderFormat, SummaryView};
use domain::dates::format_vn_date;
use domain::numbers::format_count;
use domain::Lang;

/// Lists with more columns than this are set on a landscape page.
const PORTRAIT_COLUMNS: usize = 7;

pub(super) fn build(office: &Office, session: &Session, request: &ListRequest, context: Context) -> Result<Built> {
    let mut table = office.list_table(session, request, Lang::Vi)?;
    let (_, lines) = office.print_setup(session, None)?;
    let format = context.format(HeaderFormat::State);
    let read = office.store.read();
    let unit = match request.unit_code() {
        Some(code) => read.unit_by_code(code)?,
        None => read.unit_by_id(office.office_record()?.unit_id)?,
    };
    let unit_name = unit.map(|u| u.name).unwrap_or_default();
    let count = table.rows.len();
    let title = std::mem::take(&mut table.title);
    let view = SummaryView {
        letterhead: letterhead::letterhead(&lines, format, None, context.today),
        heading: title.to_uppercase(),
        landscape: table.columns.len() > PORTRAIT_COLUMNS,
        subject: letterhead::in_sentence(&unit_name),
        as_of: format!("(Tính đến ngày {})", format_vn_date(context.today)),
        summary: vec![format!("Tổng số: {}.", format_count(count as i64))],
        sections: vec![section(&table)],
        signature: letterhead::issuer_signature(&lines, format),
    };
    Ok(Built { view: DocumentView::Summary(view), file_name: format!("{}-{}.pdf", request.file_stem(), context.today.format("%Y%m%d")) })
}
