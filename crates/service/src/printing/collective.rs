//! Báo cáo kiểm điểm tập thể (form 01): the unit's targets with their completion, how its members were rated,
//! and the collective's proposed and decided levels, all as the classification counts them.

use super::common::{code_part, level_counts, Built, Context};
use super::letterhead;
use super::targets::{lines_in_scope, row, summary};
use crate::auth::Session;
use crate::error::{Result, ServiceError};
use crate::evaluation::rules::RuleChoice;
use crate::office::Office;
use crate::work::judging_day;
use documents::{CollectiveView, DocumentView, HeaderFormat};
use domain::Lang;

pub(super) fn build(office: &Office, session: &Session, unit_code: &str, year: i32, context: Context) -> Result<Built> {
    let classification = office.classify(session, year, unit_code, Lang::Vi)?;
    let read = office.store.read();
    let code = classification.unit_code.clone();
    let unit = read.unit_by_code(&code)?.ok_or_else(|| ServiceError::UnknownUnit { code: code.clone() })?;
    let (_, lines) = office.print_setup(session, Some(unit.meta.id))?;
    let format = context.format(HeaderFormat::Party);
    let rules = RuleChoice::load(read)?;
    let collective_rules = rules.default_set();

    let day = judging_day(year, Some(context.today));
    let targets = lines_in_scope(office, session, &code, year, day)?;
    let collective = classification.collectives.iter().find(|c| c.unit_id == unit.meta.id);
    let members: Vec<_> = classification.people.iter().map(|p| p.decided_level.unwrap_or(p.proposed_level)).collect();

    let view = CollectiveView {
        letterhead: letterhead::letterhead(&lines, format, Some("BC"), context.today),
        unit_name: letterhead::in_sentence(&unit.name),
        year: year.to_string(),
        targets_summary: summary(&targets),
        targets: targets.iter().enumerate().map(|(i, l)| row(l, i + 1, unit.meta.id)).collect(),
        members: level_counts(&members, collective_rules),
        proposal: collective.map(|c| c.level_label.clone()).unwrap_or_default(),
        decided: collective.and_then(|c| c.decided_level).map(|l| collective_rules.level_name(l, Lang::Vi)).unwrap_or_default(),
        signature: letterhead::issuer_signature(&lines, format),
        provisional: super::common::provisional_line(&classification.people, context.today),
    };
    Ok(Built { view: DocumentView::Collective(view), file_name: format!("bao-cao-tap-the-{year}-{}.pdf", code_part(&code)) })
}
