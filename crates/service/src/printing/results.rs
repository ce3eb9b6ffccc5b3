//! Danh sách kết quả xếp loại: everyone of a unit and the units below it, by unit, names in Vietnamese order, each
//! with the level the authority decided (or the proposal, marked as such while no locked meeting has decided).

use super::common::{code_part, level_counts, Built, Context};
use super::letterhead;
use crate::auth::Session;
use crate::error::{Result, ServiceError};
use crate::evaluation::rules::RuleChoice;
use crate::evaluation::PersonResult;
use crate::office::Office;
use documents::{DocumentView, HeaderFormat, ResultGroup, ResultRow, ResultsView, Signature};
use domain::dates::format_birth;
use domain::evaluation::Level;
use domain::ruleset::RuleSet;
use domain::Lang;
use std::collections::HashMap;

pub(super) fn build(office: &Office, session: &Session, unit_code: &str, year: i32, context: Context) -> Result<Built> {
    let classification = office.classify(session, year, unit_code, Lang::Vi)?;
    let read = office.store.read();
    let unit = read
        .unit_by_code(&classification.unit_code)?
        .ok_or_else(|| ServiceError::UnknownUnit { code: classification.unit_code.clone() })?;
    let (_, lines) = office.print_setup(session, Some(unit.meta.id))?;
    let format = context.format(HeaderFormat::Party);
    let birth_dates: HashMap<_, _> =
        office.roster(session)?.into_iter().map(|p| (p.person_id, format_birth(p.birth_date, p.birth_year_only))).collect();
    // Units in the tree's order (parents first), so the office's own people come before its agencies'.
    let tree: Vec<String> = office.units(session, Lang::Vi)?.into_iter().map(|u| u.code).collect();
    let rank = |code: &str| tree.iter().position(|c| c == code).unwrap_or(usize::MAX);

    // The classification lists people by unit, then by given name the Vietnamese way; that order is kept.
    let mut by_unit: Vec<(String, String, Vec<&PersonResult>)> = Vec::new();
    for person in &classification.people {
        match by_unit.last_mut() {
            Some((code, _, people)) if *code == person.unit_code => people.push(person),
            _ => by_unit.push((person.unit_code.clone(), person.unit_name.clone(), vec![person])),
        }
    }
    by_unit.sort_by_key(|(code, _, _)| rank(code));

    let mut levels = Vec::new();
    let groups = by_unit
        .into_iter()
        .map(|(_, unit_name, people)| ResultGroup {
            unit_name,
            rows: people
                .into_iter()
                .enumerate()
                .map(|(i, p)| {
                    let level = p.decided_level.unwrap_or(p.proposed_level);
                    levels.push(level);
                    ResultRow {
                        ordinal: (i + 1).to_string(),
                        name: p.name.clone(),
                        birth_date: birth_dates.get(&p.person_id).cloned().unwrap_or_default(),
                        position: p.position.clone().unwrap_or_default(),
                        level: level_label(p, level),
                        note: if p.decided_level.is_some() { String::new() } else { "Đề xuất".into() },
                    }
                })
                .collect(),
        })
        .collect::<Vec<_>>();

    let choice = RuleChoice::load(read)?;
    let view = ResultsView {
        letterhead: letterhead::letterhead(&lines, format, None, context.today),
        title: format!("DANH SÁCH KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG NĂM {year}"),
        subtitle: if groups.len() > 1 { format!("{} và các đơn vị trực thuộc", unit.name) } else { unit.name.clone() },
        totals: level_counts(&levels, choice.default_set()),
        groups,
        signatures: vec![
            Signature { on_behalf: String::new(), title: "NGƯỜI LẬP DANH SÁCH".into(), name: String::new() },
            letterhead::issuer_signature(&lines, format),
        ],
        provisional: super::common::provisional_line(&classification.people, context.today),
    };
    Ok(Built {
        view: DocumentView::Results(view),
        file_name: format!("ket-qua-xep-loai-{year}-{}.pdf", code_part(&classification.unit_code)),
    })
}

/// The level as the person's own rule set names it.
fn level_label(person: &PersonResult, level: Level) -> String {
    if level == person.proposed_level {
        return person.level_label.clone();
    }
    RuleSet::by_code(&person.ruleset).unwrap_or_else(RuleSet::default_set).level_name(level, Lang::Vi)
}
