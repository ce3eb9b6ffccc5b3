//! Báo cáo tổng hợp kết quả năm (issue 17): the year at a glance of a unit as its tables of figures, worded for paper;
//! each chart is drawn by the documents crate from the figures.

use super::common::{code_part, Built, Context};
use super::letterhead;
use super::targets::day_asked;
use crate::auth::Session;
use crate::error::{Result, ServiceError};
use crate::figures::FigureTable;
use crate::office::Office;
use crate::year_summary::{summary_sentences, summary_tables};
use documents::{DocumentView, HeaderFormat, ReportBar, ReportRow, ReportSection, SummaryView};
use domain::dates::format_vn_date;
use domain::Lang;

/// A table of figures as the document sets it: its rows as printed, its chart's bars.
pub(super) fn section(t: &FigureTable) -> ReportSection {
    ReportSection {
        title: t.title.clone(),
        columns: t.columns.clone(),
        widths: t.widths.clone(),
        figures: (0..t.columns.len()).map(|column| t.is_figure_column(column)).collect(),
        rows: t.text_rows().into_iter().zip(&t.rows).map(|(cells, r)| ReportRow { cells, total: r.total }).collect(),
        bars: t.bars().into_iter().map(|b| ReportBar { label: b.label, length: b.length, text: b.text }).collect(),
        note: t.note.clone(),
    }
}

pub(super) fn build(
    office: &Office,
    session: &Session,
    unit_code: Option<&str>,
    year: i32,
    as_of: Option<&str>,
    context: Context,
) -> Result<Built> {
    let overview = office.year_overview(session, year, unit_code, Some(day_asked(as_of, context.today)?))?;
    let code = overview.unit_code.clone();
    let unit = office.store.read().unit_by_code(&code)?.ok_or_else(|| ServiceError::UnknownUnit { code: code.clone() })?;
    let (_, lines) = office.print_setup(session, Some(unit.meta.id))?;
    let format = context.format(HeaderFormat::Party);
    let view = SummaryView {
        letterhead: letterhead::letterhead(&lines, format, Some("BC"), context.today),
        heading: "BÁO CÁO".into(),
        landscape: false,
        subject: format!("Tổng hợp kết quả thực hiện nhiệm vụ năm {year} của {}", letterhead::in_sentence(&unit.name)),
        as_of: format!("(Số liệu tính đến ngày {})", format_vn_date(overview.as_of)),
        summary: summary_sentences(&overview, Lang::Vi),
        sections: summary_tables(&overview, Lang::Vi).iter().map(section).collect(),
        signature: letterhead::issuer_signature(&lines, format),
    };
    Ok(Built {
        view: DocumentView::Summary(view),
        file_name: format!("tong-hop-nam-{year}-{}-{}.pdf", code_part(&code), overview.as_of.format("%Y%m%d")),
    })
}
