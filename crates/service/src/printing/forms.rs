//! Phiếu tự đánh giá, xếp loại (HD 43-HD/BTCTW forms 2A leaders, 2B others, 05 quarterly/monthly): the person's
//! profile, points per criterion from their periods, and the levels the year's classification and meeting give.
//! A month's or quarter's form also lists the period's products with their appraisal and score (NĐ 335), the task
//! results they give and the total with its parts, the same figures as the period sheet.

use super::common::{slug, Built, Context};
use super::letterhead;
use super::scores::PeriodFigures;
use crate::auth::Session;
use crate::error::{Result, ServiceError};
use crate::evaluation::{PeriodRow, PersonResult};
use crate::office::Office;
use crate::work::{Period, ProductFilter};
use documents::{CriterionRow, DocumentView, FormScore, FormVariant, FormView, HeaderFormat, ProductRow, Signature};
use domain::dates::format_birth;
use domain::evaluation::band;
use domain::numbers::{format_hundredths, format_quantity, to_hundredths};
use domain::quantity::parse_quantity;
use domain::ruleset::RuleSet;
use domain::scoring::{PeriodScore, TaskSource};
use domain::text::fold;
use domain::Lang;
use std::cmp::Reverse;
use uuid::Uuid;

pub(super) fn build(
    office: &Office,
    session: &Session,
    person_id: Uuid,
    year: i32,
    period: Option<&str>,
    context: Context,
) -> Result<Built> {
    let person = office.person_profile(session, person_id)?.person;
    let span = period.map(|text| crate::work::period_from_text(text, year)).transpose()?;
    let result = classification_of(office, session, person_id, &person.unit_code, year)?;
    let rules = RuleSet::by_code(&result.ruleset).unwrap_or_else(RuleSet::default_set);

    // The periods of the person's rule set (months or quarters) that fall within what the form covers. A period's
    // form shows each of its periods, scored or not; a year's form averages the periods somebody assessed.
    let mut rows: Vec<PeriodRow> = Vec::new();
    let mut periods: Vec<Period> = Vec::new();
    for line in office.periods(session, year, Lang::Vi)? {
        if line.period.kind() != rules.evaluation.period || !within(span, line.period, year) {
            continue;
        }
        let sheet = office.period_sheet(session, line.id, &person.unit_code, Lang::Vi)?;
        if let Some(row) = sheet.rows.into_iter().find(|r| r.person_id == person_id) {
            if span.is_some() || row.self_points.is_some() || row.superior_points.is_some() {
                rows.push(row);
                periods.push(line.period);
            }
        }
    }

    let criteria: Vec<CriterionRow> = rules
        .criteria
        .iter()
        .map(|c| CriterionRow {
            name: c.name.clone(),
            max: c.max.to_string(),
            self_points: mean(rows.iter().filter_map(|r| typed(r.self_criteria.get(&c.code)))).map(format_quantity).unwrap_or_default(),
            superior_points: mean(rows.iter().filter_map(|r| typed(r.superior_criteria.get(&c.code))))
                .map(format_quantity)
                .unwrap_or_default(),
        })
        .collect();
    // The year's task results are the classification's (the same figure as every screen); a period's its own.
    let task = match span {
        Some(_) => mean(rows.iter().filter_map(|r| r.task_points.map(to_hundredths))),
        None => (result.periods_assessed > 0).then_some(result.task_basis),
    };
    let self_total = mean(rows.iter().filter_map(|r| r.self_points.map(|p| to_hundredths(p) + r.task_points.map_or(0, to_hundredths))));
    // A period's points are written as the period sheet writes them ("57,50"); a year's as its forms always were.
    let points_text = |points: i64| if span.is_some() { format_hundredths(points, 2) } else { format_quantity(points) };
    let level_of = |points: i64| rules.level_name(band(points, &rules.evaluation), Lang::Vi);
    // A year is judged as the classification judges it (its conditions, quota and meeting); a period by its band.
    let (superior_total, superior_level, authority_level) = match span {
        Some(_) => {
            let total = mean(rows.iter().filter_map(|r| r.total.map(to_hundredths)));
            (total.map(points_text).unwrap_or_default(), total.map(level_of).unwrap_or_default(), String::new())
        }
        None if result.periods_assessed > 0 => (
            format_quantity(result.points_basis),
            result.level_label.clone(),
            result.decided_level.map(|l| rules.level_name(l, Lang::Vi)).unwrap_or_default(),
        ),
        None => (String::new(), String::new(), result.decided_level.map(|l| rules.level_name(l, Lang::Vi)).unwrap_or_default()),
    };
    // The texts written for a period belong on that period's form; a year's form leaves lines to write on.
    let last_text = |text: fn(&PeriodRow) -> Option<&String>| -> String {
        if span.is_none() {
            return String::new();
        }
        rows.iter().rev().find_map(|r| text(r).filter(|t| !t.is_empty()).cloned()).unwrap_or_default()
    };

    // A period's form carries its products and, for each period, the task results and total the service scored.
    let (products, scores) = match span {
        Some(span) => {
            let figures = PeriodFigures::load(office, year)?;
            let scores = periods
                .iter()
                .zip(&rows)
                .map(|(period, row)| form_score(*period, row, figures.score(person_id, *period), year, &rules))
                .collect();
            (product_rows(office, session, person_id, year, span, periods.len() > 1)?, scores)
        }
        None => (Vec::new(), Vec::new()),
    };

    let (_, lines) = office.print_setup(session, None)?;
    let format = context.format(HeaderFormat::Party);
    let variant = match (span, result.is_leader) {
        (Some(_), _) => FormVariant::Periodic,
        (None, true) => FormVariant::Leader,
        (None, false) => FormVariant::NonLeader,
    };
    let view = FormView {
        letterhead: letterhead::letterhead(&lines, format, None, context.today),
        variant,
        period: period_words(span, year),
        name: person.full_name.clone(),
        birth_date: format_birth(person.birth_date, person.birth_year_only),
        position: person.position.clone().unwrap_or_default(),
        unit: person.unit_name.clone(),
        party_member: person.party_member,
        self_text: last_text(|r| r.self_text.as_ref()),
        criteria,
        task_points: task.map(points_text).unwrap_or_default(),
        self_total: self_total.map(points_text).unwrap_or_default(),
        superior_total,
        self_level: self_total.map(level_of).unwrap_or_default(),
        superior_comment: last_text(|r| r.superior_comment.as_ref()),
        superior_level,
        authority_level,
        signatures: vec![
            Signature { on_behalf: String::new(), title: "NGƯỜI TỰ ĐÁNH GIÁ".into(), name: person.full_name.clone() },
            Signature { on_behalf: String::new(), title: "THỦ TRƯỞNG TRỰC TIẾP".into(), name: String::new() },
        ],
        task_max: rules.evaluation.task_points.to_string(),
        products,
        scores,
        // A year's form while its periods are not all closed (a period's form shows each period's state).
        provisional: if span.is_none() { super::common::provisional_line([&result], context.today) } else { String::new() },
    };
    let period_part = span.map(|p| format!("-{}", p.short().to_lowercase())).unwrap_or_default();
    Ok(Built { view: DocumentView::Form(view), file_name: format!("phieu-danh-gia-{year}{period_part}-{}.pdf", slug(&person.full_name)) })
}

/// Whether a period falls within what a form covers (everything on a year's form).
fn within(span: Option<Period>, period: Period, year: i32) -> bool {
    span.is_none_or(|s| period.start(year) >= s.start(year) && period.end(year) <= s.end(year))
}

/// The person's products of the periods a form covers, in the order the product list gives, each with its
/// appraisal and score as the service gives them (percent columns without their sign).
fn product_rows(
    office: &Office,
    session: &Session,
    person_id: Uuid,
    year: i32,
    span: Period,
    name_period: bool,
) -> Result<Vec<ProductRow>> {
    let filter = ProductFilter { year, period: None, unit_code: None, person_id: Some(person_id) };
    let lines = office.product_list(session, &filter, Lang::Vi)?;
    let rows = lines
        .into_iter()
        .filter(|l| l.product.period.is_some_and(|p| within(Some(span), p, year)))
        .enumerate()
        .map(|(i, l)| {
            let p = l.product;
            let mut source: Vec<String> = Vec::new();
            if name_period {
                source.push(p.period_label.clone());
            }
            source.push(l.source_text.clone());
            // The kind says more than the title only when the title does not already open with the kind's words.
            if !l.kind_name.is_empty() && !same_opening(&p.title, &l.kind_name) {
                source.push(l.kind_name.clone());
            }
            if p.proposed {
                source.push("đề xuất, chưa được chấp nhận".into());
            }
            let a = p.assessment;
            let quantity =
                |f: fn(&domain::products::ProductAssessment) -> i64| a.as_ref().map(|a| format_quantity(f(a))).unwrap_or_default();
            let count = |f: fn(&domain::products::ProductAssessment) -> u32| a.as_ref().map(|a| f(a).to_string()).unwrap_or_default();
            ProductRow {
                ordinal: (i + 1).to_string(),
                title: p.title.clone(),
                source: source.into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · "),
                coefficient: p.coefficient_text.clone(),
                required: format!("{} {}", p.required_text, p.measure).trim().to_string(),
                delivered: quantity(|a| a.delivered),
                quality: quantity(|a| a.quality),
                major_errors: count(|a| a.major_errors),
                on_time: quantity(|a| a.on_time),
                delays: count(|a| a.delays),
                score: match (p.proposed, p.score) {
                    (true, _) => "Đề xuất".into(),
                    (false, Some(score)) => format_hundredths(score.score, 2),
                    (false, None) => "Chưa thẩm định".into(),
                },
            }
        })
        .collect();
    Ok(rows)
}

/// One period's task results and total on the form: the period sheet's summary and missing text, the task result
/// the scores give, and how it was found.
fn form_score(period: Period, row: &PeriodRow, score: Option<PeriodScore>, year: i32, rules: &RuleSet) -> FormScore {
    let percent = |basis: i64| format!("{} %", format_quantity(basis));
    let (task, task_basis) = match score {
        Some(s) => {
            let basis = match (s.task.source, s.task.products_percent, s.task.unit_percent) {
                (TaskSource::Typed, _, _) => "nhập tay theo bộ quy tắc".to_string(),
                (TaskSource::Products, Some(own), Some(unit)) => format!(
                    "tỷ lệ hoàn thành sản phẩm quy đổi {}, kết hợp kết quả của đơn vị {} theo tỷ lệ {} % của bộ quy tắc",
                    percent(own),
                    percent(unit),
                    rules.products.leader_unit_share_percent
                ),
                (TaskSource::Products, Some(own), None) => format!("tỷ lệ hoàn thành sản phẩm quy đổi {}", percent(own)),
                (TaskSource::Products, None, _) => String::new(),
            };
            (format!("{} / {}", format_hundredths(s.task.points, 2), rules.evaluation.task_points), basis)
        }
        None => (String::new(), String::new()),
    };
    let missing = match (row.summary.is_empty(), row.missing.is_empty()) {
        (false, _) => String::new(),
        (true, false) => format!("Chưa thẩm định đủ: {}", lower_first(&row.missing)),
        (true, true) => "Kỳ chưa kết thúc, chưa đủ để tính điểm".to_string(),
    };
    FormScore { period: period_words(Some(period), year), task, task_basis, summary: row.summary.clone(), missing }
}

/// Whether two texts open with the same three words, ignoring case and marks ("Chỉ đạo thực hiện chỉ tiêu: …" and
/// "Chỉ đạo thực hiện chỉ tiêu được giao").
fn same_opening(a: &str, b: &str) -> bool {
    let opening =
        |text: &str| fold(text).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(3).collect::<Vec<_>>().join(" ");
    opening(a) == opening(b)
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// "năm 2026", "quý III năm 2026", "tháng 9 năm 2026".
pub(super) fn period_words(span: Option<Period>, year: i32) -> String {
    match span {
        None => format!("năm {year}"),
        Some(Period::Quarter(q)) => {
            let roman = ["I", "II", "III", "IV"].get(usize::from(q).saturating_sub(1)).copied().unwrap_or("");
            format!("quý {roman} năm {year}")
        }
        Some(Period::Month(m)) => format!("tháng {m} năm {year}"),
    }
}

/// The person's line of the year's classification, over the scope that reviewed them: the unit of the latest
/// meeting of the year that has them as a subject (its quota is the one that applied), else the office's unit.
fn classification_of(office: &Office, session: &Session, person_id: Uuid, own_unit: &str, year: i32) -> Result<PersonResult> {
    let mut meetings: Vec<_> = office.meetings(session)?.into_iter().filter(|m| m.year == year).collect();
    meetings.sort_by_key(|m| Reverse(m.held_on));
    let mut scope = None;
    for meeting in meetings {
        if office.store.read().subjects_of(meeting.id)?.iter().any(|s| s.subject_id == person_id) {
            scope = Some(meeting.unit_code);
            break;
        }
    }
    let office_unit = office.store.read().unit_by_id(office.office_record()?.unit_id)?.map(|u| u.code).unwrap_or_default();
    for code in [scope.unwrap_or(office_unit), own_unit.to_string()] {
        let classification = office.classify(session, year, &code, Lang::Vi)?;
        if let Some(found) = classification.people.into_iter().find(|p| p.person_id == person_id) {
            return Ok(found);
        }
    }
    Err(ServiceError::UnknownPerson)
}

/// Points as saved and shown ("7,5"), back to hundredths.
fn typed(text: Option<&String>) -> Option<i64> {
    text.and_then(|t| parse_quantity(t).ok())
}

/// The mean of the periods' points, cut to hundredths as every score feeding a band is.
fn mean(values: impl Iterator<Item = i64>) -> Option<i64> {
    let values: Vec<i64> = values.collect();
    // Summed wide: absurd stored points must not overflow into a panic.
    (!values.is_empty()).then(|| (values.iter().map(|v| i128::from(*v)).sum::<i128>() / values.len() as i128) as i64)
}
