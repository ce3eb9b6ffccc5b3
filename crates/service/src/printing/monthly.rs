//! Danh sách tổng hợp kết quả đánh giá tháng (or quý, as the rule set's periods are): everyone of a unit and the
//! units below it in one period, in the period sheet's order (by given name, the Vietnamese way), with the points
//! the sheet gives, the level, the products appraised of those assigned, and what keeps a period from its score.

use super::common::{code_part, percent, Built, Context};
use super::forms::period_words;
use super::letterhead;
use super::scores::PeriodFigures;
use crate::auth::Session;
use crate::error::{Result, ServiceError};
use crate::evaluation::rules::RuleChoice;
use crate::office::Office;
use documents::{CountRow, DocumentView, HeaderFormat, MonthlyRow, MonthlyView, Signature};
use domain::evaluation::Level;
use domain::numbers::{format_count, format_hundredths};
use domain::scoring::TaskSource;
use domain::Lang;

/// Why a row has no score: not appraised in full (the sheet's words), or the period still running.
enum Unscored {
    Missing,
    Running,
}

pub(super) fn build(office: &Office, session: &Session, unit_code: &str, year: i32, period: &str, context: Context) -> Result<Built> {
    let line = office.period_named(session, year, period, Lang::Vi)?;
    let code = crate::work::unit_code_of(unit_code);
    let sheet = office.period_sheet(session, line.id, &code, Lang::Vi)?;
    let figures = PeriodFigures::load(office, year)?;
    let read = office.store.read();
    let unit = read.unit_by_code(&code)?.ok_or_else(|| ServiceError::UnknownUnit { code: code.clone() })?;
    let below = crate::work::units_within_code(read, &code)?.len() > 1;
    let (_, lines) = office.print_setup(session, Some(unit.meta.id))?;
    // The monthly evaluation of NĐ 335 is the head of the unit's (State format); --header party prints it as the
    // Party committee's.
    let format = context.format(HeaderFormat::State);
    let choice = RuleChoice::load(read)?;
    let rules = choice.default_set();

    let mut levels: Vec<Level> = Vec::new();
    let mut unscored = (0usize, 0usize);
    let rows: Vec<MonthlyRow> = sheet
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let score = figures.score(row.person_id, line.period);
            let (appraised, assigned) = figures.products(row.person_id, line.period);
            let points = |value: Option<i64>| value.map(|v| format_hundredths(v, 2)).unwrap_or_default();
            let state = match (&score, row.missing.is_empty()) {
                (Some(_), _) => None,
                (None, false) => Some(Unscored::Missing),
                (None, true) => Some(Unscored::Running),
            };
            let note = match state {
                Some(Unscored::Missing) => {
                    unscored.0 += 1;
                    row.missing.clone()
                }
                Some(Unscored::Running) => {
                    unscored.1 += 1;
                    "Kỳ chưa kết thúc".to_string()
                }
                None if score.is_some_and(|s| s.task.source == TaskSource::Typed) => "Điểm nhiệm vụ nhập tay".to_string(),
                None => String::new(),
            };
            if let (Some(_), Some(level)) = (score, row.level) {
                levels.push(level);
            }
            MonthlyRow {
                ordinal: (i + 1).to_string(),
                name: row.name.clone(),
                position: row.position.clone().unwrap_or_default(),
                general: points(score.map(|s| s.general)),
                task: points(score.map(|s| s.task.points)),
                total: if score.is_some() { row.total_text.clone() } else { String::new() },
                level: row.level_label.clone(),
                products: format!("{}/{}", format_count(appraised as i64), format_count(assigned as i64)),
                note,
            }
        })
        .collect();

    let total = rows.len();
    let mut totals: Vec<CountRow> = Level::RATED
        .iter()
        .map(|level| {
            let count = levels.iter().filter(|l| *l == level).count();
            CountRow { label: rules.level_name(*level, Lang::Vi), count: format_count(count as i64), percent: percent(count, total) }
        })
        .collect();
    for (label, count) in [("Chưa thẩm định đủ", unscored.0), ("Kỳ chưa kết thúc", unscored.1)] {
        if count > 0 {
            totals.push(CountRow { label: label.into(), count: format_count(count as i64), percent: percent(count, total) });
        }
    }
    totals.push(CountRow { label: "Tổng số".into(), count: format_count(total as i64), percent: percent(total, total) });

    let view = MonthlyView {
        letterhead: letterhead::letterhead(&lines, format, None, context.today),
        title: format!("DANH SÁCH TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ {}", letterhead::upper(&period_words(Some(line.period), year))),
        subtitle: if below { format!("{} và các đơn vị trực thuộc", unit.name) } else { unit.name.clone() },
        general_max: sheet.general_points.to_string(),
        task_max: sheet.task_points.to_string(),
        rows,
        totals,
        signatures: vec![
            Signature { on_behalf: String::new(), title: "NGƯỜI LẬP BIỂU".into(), name: String::new() },
            letterhead::issuer_signature(&lines, format),
        ],
    };
    Ok(Built {
        view: DocumentView::Monthly(view),
        file_name: format!("tong-hop-danh-gia-{year}-{}-{}.pdf", line.period.short().to_lowercase(), code_part(&code)),
    })
}
