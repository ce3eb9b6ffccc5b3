//! The lists of work, evaluation and exchange: who needs attention, how equivalent posts compare, which units below
//! sent their data, and the catalogues the evaluation uses (product kinds, rule sets).

use super::{columns, or_none, text, Listing};
use crate::auth::Session;
use crate::error::Result;
use crate::figures::Figure;
use crate::office::Office;
use chrono::{Datelike, Local, NaiveDate};
use domain::dates::format_vn_date;
use domain::Lang;
use std::collections::HashMap;

pub(super) fn attention(office: &Office, session: &Session, year: i32, unit_code: &str, lang: Lang) -> Result<Listing> {
    let items = office.attention_list(session, year, unit_code, lang)?;
    let names: HashMap<String, String> = office.units(session, lang)?.into_iter().map(|u| (u.code, u.name)).collect();
    let unit_name = |code: &str| names.get(code).cloned().unwrap_or_else(|| code.to_string());
    let rows = items
        .into_iter()
        .map(|item| {
            vec![
                text(item.name),
                text(unit_name(&item.unit_code)),
                text(crate::words::attention_reason(lang, item.kind.code())),
                text(item.detail),
            ]
        })
        .collect();
    Ok(Listing {
        // Printed under the unit's name ("của …"), as the other reports of a unit are.
        title: format!("{} {year}", lang.pick("Danh sách cán bộ cần quan tâm năm", "People to look at in")),
        columns: columns(lang, &[("Họ và tên", "Full name"), ("Đơn vị", "Unit"), ("Lý do", "Reason"), ("Chi tiết", "Detail")]),
        widths: vec![2.2, 2.6, 2.4, 4.2],
        rows,
        numbered: true,
    })
}

pub(super) fn breakthrough(office: &Office, session: &Session, year: i32, lang: Lang) -> Result<Listing> {
    let rows = office
        .breakthrough_tasks(session, year, lang)?
        .into_iter()
        .map(|task| {
            vec![
                text(task.person_name),
                text(task.unit_name),
                text(task.title),
                text(task.expected_result),
                text(format_vn_date(task.deadline)),
                text(task.state_label),
                or_none(task.decision_document.as_deref()),
            ]
        })
        .collect();
    Ok(Listing {
        title: format!("{} {year}", lang.pick("Nhiệm vụ đột phá năm", "Breakthrough tasks of")),
        columns: columns(
            lang,
            &[
                ("Người đăng ký", "Registered by"),
                ("Đơn vị", "Unit"),
                ("Nhiệm vụ", "Task"),
                ("Kết quả dự kiến", "Expected result"),
                ("Hạn hoàn thành", "Deadline"),
                ("Tình trạng", "State"),
                ("Văn bản phê duyệt", "Approval document"),
            ],
        ),
        widths: vec![1.8, 2.0, 3.0, 3.0, 1.1, 1.3, 1.6],
        rows,
        numbered: true,
    })
}

/// The ranking of one group of equivalent posts, as the "So sánh" screen shows it: the rank leads each row (a holder
/// without targets has none and comes last).
pub(super) fn comparison(
    office: &Office,
    session: &Session,
    year: i32,
    group: &str,
    as_of: Option<NaiveDate>,
    lang: Lang,
) -> Result<Listing> {
    let table = office.comparison(session, year, group, as_of, lang)?;
    let count = |n: usize| Figure::Count(n as u32);
    let rows = table
        .rows
        .into_iter()
        .map(|r| {
            vec![
                r.rank.map_or_else(|| text(""), count),
                text(r.name),
                text(r.position),
                text(r.unit_name),
                text(r.unit_code),
                Figure::Percent(r.completion_basis),
                count(r.targets),
                count(r.exceeded),
                count(r.met),
                count(r.at_risk),
                count(r.not_met),
            ]
        })
        .collect();
    Ok(Listing {
        title: format!(
            "{} {year}: {}",
            lang.pick("So sánh kết quả thực hiện chỉ tiêu năm", "Target completion compared,"),
            table.group_name
        ),
        columns: columns(
            lang,
            &[
                ("Hạng", "Rank"),
                ("Họ và tên", "Full name"),
                ("Chức vụ", "Position"),
                ("Đơn vị", "Unit"),
                ("Mã đơn vị", "Unit code"),
                ("Tỷ lệ hoàn thành (%)", "Completion (%)"),
                ("Số chỉ tiêu", "Targets"),
                ("Vượt", "Exceeded"),
                ("Đạt", "Met"),
                ("Có nguy cơ", "At risk"),
                ("Không đạt", "Not met"),
            ],
        ),
        widths: vec![0.6, 2.2, 2.4, 2.4, 1.4, 1.2, 0.9, 0.7, 0.7, 0.9, 0.9],
        rows,
        numbered: false,
    })
}

/// "2026-09" → "tháng 09/2026", "2026-Q3" → "quý III/2026", "2026" → "năm 2026".
fn period_words(period: &str, lang: Lang) -> Result<String> {
    let board = crate::exchange::parse_period(period)?;
    let year = board.last_day.year();
    Ok(if let Some(q) = board.text.split_once("-Q").map(|(_, q)| q) {
        let roman = ["I", "II", "III", "IV"].get(q.parse::<usize>().unwrap_or(1).saturating_sub(1)).copied().unwrap_or("I");
        format!("{} {roman}/{year}", lang.pick("quý", "quarter"))
    } else if board.text.len() == 7 {
        format!("{} {:02}/{year}", lang.pick("tháng", "month"), board.last_day.month())
    } else {
        format!("{} {year}", lang.pick("năm", "year"))
    })
}

pub(super) fn completeness(office: &Office, session: &Session, period: &str, lang: Lang) -> Result<Listing> {
    let lines = office.completeness(session, period)?;
    let day = |at: chrono::DateTime<chrono::Utc>| format_vn_date(at.with_timezone(&Local).date_naive());
    let rows = lines
        .into_iter()
        .map(|line| {
            let last = match (line.last_sequence, line.last_accepted_at) {
                (Some(sequence), Some(at)) => format!("{} {sequence}, {}", lang.pick("số", "no."), day(at)),
                _ => String::new(),
            };
            let refused = line
                .refused
                .first()
                .map(|r| format!("{} ({}): {}", line.refused.len(), day(r.at), r.message.clone().or(r.code.clone()).unwrap_or_default()));
            vec![
                text(line.unit_name),
                text(if line.key_enrolled {
                    lang.pick("Đã đăng ký", "Enrolled")
                } else {
                    lang.pick("Chưa đăng ký", "Not enrolled")
                }),
                text(crate::words::sending_state(lang, &line.state)),
                text(line.covered_at.map(day).unwrap_or_default()),
                text(last),
                or_none(refused.as_deref()),
            ]
        })
        .collect();
    Ok(Listing {
        title: format!("{} {}", lang.pick("Tình hình gửi dữ liệu", "Data sent"), period_words(period, lang)?),
        columns: columns(
            lang,
            &[
                ("Đơn vị", "Unit"),
                ("Khoá", "Key"),
                ("Tình trạng", "State"),
                ("Ngày gửi kỳ này", "Sent on"),
                ("Gói cuối đã nhận", "Last bundle received"),
                ("Gói bị từ chối", "Bundles refused"),
            ],
        ),
        widths: vec![3.0, 1.2, 1.1, 1.3, 1.8, 3.2],
        rows,
        numbered: true,
    })
}

pub(super) fn product_kinds(office: &Office, session: &Session, lang: Lang) -> Result<Listing> {
    use crate::work::KindOrigin;
    let rows = office
        .product_kinds(session, None)?
        .into_iter()
        .map(|kind| {
            let groups = if kind.group_names.is_empty() {
                lang.pick("Mọi chức vụ", "Every position").to_string()
            } else {
                kind.group_names.join("; ")
            };
            let origin = match kind.origin {
                KindOrigin::Default => lang.pick("Mặc định", "Default"),
                KindOrigin::Changed => lang.pick("Mặc định, văn phòng đã sửa", "Default, changed here"),
                KindOrigin::Own => lang.pick("Của văn phòng", "The office's own"),
            };
            vec![text(kind.code), text(kind.name), text(kind.measure), text(kind.coefficient_text), text(groups), text(origin)]
        })
        .collect();
    Ok(Listing {
        title: lang.pick("Danh mục loại sản phẩm", "Product kinds").into(),
        columns: columns(
            lang,
            &[
                ("Mã", "Code"),
                ("Tên loại sản phẩm", "Kind"),
                ("Đơn vị tính", "Measure"),
                ("Hệ số", "Coefficient"),
                ("Áp dụng cho", "Applies to"),
                ("Nguồn", "Origin"),
            ],
        ),
        widths: vec![1.2, 3.6, 1.2, 0.8, 2.6, 1.6],
        rows,
        numbered: true,
    })
}

pub(super) fn rule_sets(office: &Office, session: &Session, lang: Lang) -> Result<Listing> {
    let rows = office
        .rule_sets(session, lang)?
        .into_iter()
        .map(|set| {
            vec![
                text(set.name),
                Figure::Count(set.version),
                text(set.applies_to),
                // Stored as 2025-08-30; printed as the window shows it.
                text(NaiveDate::parse_from_str(&set.valid_from, "%Y-%m-%d").map_or(set.valid_from.clone(), format_vn_date)),
                text(set.sources.join("; ")),
                text(set.summary),
                text(set.origin),
            ]
        })
        .collect();
    Ok(Listing {
        title: lang.pick("Danh sách bộ quy tắc đánh giá", "Evaluation rule sets").into(),
        columns: columns(
            lang,
            &[
                ("Bộ quy tắc", "Rule set"),
                ("Phiên bản", "Version"),
                ("Áp dụng cho", "Applies to"),
                ("Hiệu lực từ", "Valid from"),
                ("Căn cứ", "Sources"),
                ("Nội dung chính", "Main figures"),
                ("Nguồn", "Origin"),
            ],
        ),
        widths: vec![2.4, 0.8, 1.8, 1.1, 2.4, 4.0, 1.8],
        rows,
        numbered: true,
    })
}
