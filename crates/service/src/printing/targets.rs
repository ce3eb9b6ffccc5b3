//! Bảng chỉ tiêu of a unit: its targets and those of the units below it, by task group, with plan, actual,
//! completion and where each stands on the day asked.

use super::common::{code_part, Built, Context};
use super::letterhead;
use crate::auth::Session;
use crate::error::{FieldIssue, Result, ServiceError};
use crate::office::Office;
use crate::work::{judging_day, TargetFilter, TargetLine, TargetStatus};
use chrono::NaiveDate;
use documents::{DocumentView, HeaderFormat, Signature, TargetGroup, TargetRow, TargetsView};
use domain::dates::{format_vn_date, parse_vn_date};
use domain::Lang;
use std::collections::HashSet;
use uuid::Uuid;

/// The word the sheet prints for a status; shorter than the screen's, as a table column needs.
pub(super) fn status_word(status: TargetStatus) -> &'static str {
    match status {
        TargetStatus::Exceeded => "Vượt",
        TargetStatus::Met => "Đạt",
        TargetStatus::OnTrack => "Đang thực hiện",
        TargetStatus::AtRisk => "Có nguy cơ",
        TargetStatus::NotMet => "Không đạt",
        TargetStatus::NoData => "Chưa có số liệu",
    }
}

/// The targets of a unit and the units below it on `day`. A part of a target also in scope is left out: its
/// parent already counts it (a province's admissions are its communes' admissions).
pub(super) fn lines_in_scope(office: &Office, session: &Session, unit_code: &str, year: i32, day: NaiveDate) -> Result<Vec<TargetLine>> {
    let filter = TargetFilter { year, unit_code: Some(unit_code.to_string()), as_of: Some(day) };
    let mut lines = office.targets(session, &filter, Lang::Vi)?;
    let ids: HashSet<Uuid> = lines.iter().map(|l| l.id).collect();
    lines.retain(|l| l.parent_id.is_none_or(|p| !ids.contains(&p)));
    Ok(lines)
}

/// One row; a target of a unit below the one printed names its unit.
pub(super) fn row(line: &TargetLine, ordinal: usize, unit_id: Uuid) -> TargetRow {
    TargetRow {
        ordinal: ordinal.to_string(),
        name: if line.unit_id == unit_id { line.name.clone() } else { format!("{} ({})", line.name, line.unit_name) },
        measure: line.measure.clone(),
        plan: line.plan_text.clone(),
        actual: line.actual_text.clone(),
        completion: line.completion_text.clone(),
        status: status_word(line.status).into(),
    }
}

/// "18 chỉ tiêu: 7 vượt, 9 đạt, 2 không đạt".
pub(super) fn summary(lines: &[TargetLine]) -> String {
    let counts: Vec<String> = [
        TargetStatus::Exceeded,
        TargetStatus::Met,
        TargetStatus::OnTrack,
        TargetStatus::AtRisk,
        TargetStatus::NotMet,
        TargetStatus::NoData,
    ]
    .into_iter()
    .filter_map(|status| {
        let n = lines.iter().filter(|l| l.status == status).count();
        (n > 0).then(|| format!("{n} {}", status_word(status).to_lowercase()))
    })
    .collect();
    if counts.is_empty() {
        format!("{} chỉ tiêu", lines.len())
    } else {
        format!("{} chỉ tiêu: {}", lines.len(), counts.join(", "))
    }
}

/// The day figures are judged on: the day asked (dd/mm/yyyy), else today, never past the year's end.
pub(super) fn figures_day(year: i32, as_of: Option<&str>, today: NaiveDate) -> Result<NaiveDate> {
    Ok(judging_day(year, Some(day_asked(as_of, today)?)))
}

/// The day typed (dd/mm/yyyy), else `today`; a day that is not one is refused beside the field.
pub(super) fn day_asked(as_of: Option<&str>, today: NaiveDate) -> Result<NaiveDate> {
    match as_of.map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => parse_vn_date(text).ok_or_else(|| {
            ServiceError::InvalidFields(vec![FieldIssue {
                field: "as_of".into(),
                message: format!("Ngày tính số liệu \"{text}\" không hợp lệ (dd/mm/yyyy)."),
                message_en: format!("The figures date \"{text}\" is not valid (dd/mm/yyyy)."),
            }])
        }),
        None => Ok(today),
    }
}

pub(super) fn build(
    office: &Office,
    session: &Session,
    unit_code: &str,
    year: i32,
    as_of: Option<&str>,
    context: Context,
) -> Result<Built> {
    let day = figures_day(year, as_of, context.today)?;
    let lines = lines_in_scope(office, session, unit_code, year, day)?;
    let code = crate::work::unit_code_of(unit_code);
    let unit = office.store.read().unit_by_code(&code)?.ok_or_else(|| ServiceError::UnknownUnit { code: code.clone() })?;
    let (_, header) = office.print_setup(session, Some(unit.meta.id))?;
    let format = context.format(HeaderFormat::State);

    // Task groups in their fixed order; within a group, the order of the target list (unit, then code).
    let groups = office
        .task_groups(session, Lang::Vi)?
        .into_iter()
        .filter_map(|group| {
            let rows: Vec<TargetRow> =
                lines.iter().filter(|l| l.group_code == group.code).enumerate().map(|(i, l)| row(l, i + 1, unit.meta.id)).collect();
            (!rows.is_empty()).then_some(TargetGroup { name: group.name, rows })
        })
        .collect();
    let view = TargetsView {
        letterhead: letterhead::letterhead(&header, format, None, context.today),
        unit_name: unit.name.clone(),
        year: year.to_string(),
        as_of: format!("số liệu đến ngày {}", format_vn_date(day)),
        groups,
        summary: summary(&lines),
        signatures: vec![
            Signature { on_behalf: String::new(), title: "NGƯỜI LẬP BIỂU".into(), name: String::new() },
            letterhead::issuer_signature(&header, format),
        ],
    };
    Ok(Built { view: DocumentView::Targets(view), file_name: format!("chi-tieu-{year}-{}.pdf", code_part(&code)) })
}
