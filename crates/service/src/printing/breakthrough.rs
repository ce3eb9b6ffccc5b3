//! Sổ đăng ký nhiệm vụ đột phá: every task of the year in a unit and those below it (or the whole office), with
//! its state and the decision that approved it.

use super::common::{code_part, Built, Context};
use super::letterhead;
use crate::auth::Session;
use crate::error::{Result, ServiceError};
use crate::office::Office;
use documents::{BreakthroughRow, BreakthroughView, DocumentView, HeaderFormat};
use domain::dates::format_vn_date;
use domain::Lang;
use std::collections::HashSet;

pub(super) fn build(office: &Office, session: &Session, unit_code: Option<&str>, year: i32, context: Context) -> Result<Built> {
    let mut tasks = office.breakthrough_tasks(session, year, Lang::Vi)?;
    let read = office.store.read();
    let unit = match unit_code {
        Some(typed) => {
            let code = crate::work::unit_code_of(typed);
            let unit = read.unit_by_code(&code)?.ok_or_else(|| ServiceError::UnknownUnit { code: code.clone() })?;
            let within = crate::work::units_within_code(read, &code)?;
            let codes: HashSet<String> = read.units()?.into_iter().filter(|u| within.contains(&u.id)).map(|u| u.code).collect();
            tasks.retain(|t| codes.contains(&t.unit_code));
            Some(unit)
        }
        None => None,
    };
    let scope = match &unit {
        Some(unit) => unit.name.clone(),
        None => read.unit_by_id(office.office_record()?.unit_id)?.map(|u| u.name).unwrap_or_default(),
    };
    let (_, lines) = office.print_setup(session, unit.as_ref().map(|u| u.meta.id))?;
    let format = context.format(HeaderFormat::Party);
    let rows = tasks
        .into_iter()
        .enumerate()
        .map(|(i, t)| BreakthroughRow {
            ordinal: (i + 1).to_string(),
            person: t.person_name,
            unit: t.unit_name,
            title: t.title,
            expected_result: t.expected_result,
            deadline: format_vn_date(t.deadline),
            state: t.state_label,
            decision: t.decision_document.unwrap_or_default(),
        })
        .collect();
    let view = BreakthroughView {
        letterhead: letterhead::letterhead(&lines, format, None, context.today),
        scope,
        year: year.to_string(),
        rows,
        signatures: vec![letterhead::issuer_signature(&lines, format)],
    };
    let file_name = match &unit {
        Some(unit) => format!("nhiem-vu-dot-pha-{year}-{}.pdf", code_part(&unit.code)),
        None => format!("nhiem-vu-dot-pha-{year}.pdf"),
    };
    Ok(Built { view: DocumentView::Breakthrough(view), file_name })
}
