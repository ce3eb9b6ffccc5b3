//! The lists of the office's own records: the roster, the organisation tree, the review meetings, the accounts and
//! the audit trail.

use super::{columns, or_none, text, Listing};
use crate::audit::AuditFilter;
use crate::auth::{Permission, Session};
use crate::error::Result;
use crate::figures::Figure;
use crate::office::Office;
use chrono::{DateTime, Local};
use domain::dates::{format_birth, format_vn_date};
use domain::Lang;

fn yes(value: bool, lang: Lang) -> Figure {
    text(if value { lang.pick("x", "yes") } else { "" })
}

pub(super) fn roster(office: &Office, session: &Session, lang: Lang) -> Result<Listing> {
    let columns = columns(
        lang,
        &[
            ("Họ và tên", "Full name"),
            ("Ngày sinh", "Born"),
            ("Giới tính", "Gender"),
            ("Dân tộc", "Ethnicity"),
            ("Chức vụ", "Position"),
            ("Đơn vị", "Unit"),
            ("Trình độ chuyên môn", "Qualification"),
            ("Lý luận chính trị", "Political theory"),
            ("Đảng viên", "Party member"),
        ],
    );
    let rows = office
        .roster(session)?
        .into_iter()
        .map(|p| {
            vec![
                text(p.full_name),
                text(format_birth(p.birth_date, p.birth_year_only)),
                text(p.gender.label(lang)),
                or_none(p.ethnicity.as_deref()),
                or_none(p.position.as_deref()),
                text(p.unit_name),
                or_none(p.qualification_detail.as_deref().or(p.qualification.map(|q| q.label(lang)))),
                or_none(p.political_theory.map(|t| t.label(lang))),
                yes(p.party_member, lang),
            ]
        })
        .collect();
    Ok(Listing {
        title: lang.pick("Danh sách cán bộ, công chức", "Roster").into(),
        columns,
        widths: vec![2.6, 1.3, 0.9, 0.9, 2.4, 2.6, 2.0, 1.2, 0.9],
        rows,
        numbered: true,
    })
}

pub(super) fn units(office: &Office, session: &Session, lang: Lang) -> Result<Listing> {
    let columns = columns(
        lang,
        &[
            ("Đơn vị", "Unit"),
            ("Mã", "Code"),
            ("Cấp", "Level"),
            ("Số người", "People"),
            ("Cả đơn vị trực thuộc", "With the units below"),
            ("Ghi chú", "Note"),
        ],
    );
    let rows = office
        .units(session, lang)?
        .into_iter()
        .map(|u| {
            let note = match (u.ended_on, u.merged_into_name) {
                (Some(on), Some(into)) => {
                    format!("{} {into} {} {}", lang.pick("Sáp nhập vào", "Merged into"), lang.pick("ngày", "on"), format_vn_date(on))
                }
                (Some(on), None) => format!("{} {}", lang.pick("Giải thể ngày", "Dissolved on"), format_vn_date(on)),
                _ => String::new(),
            };
            vec![
                // The tree's depth as an indent, so the printed list reads as the tree.
                text(format!("{}{}", "\u{a0}\u{a0}\u{a0}".repeat(u.depth), u.name)),
                text(u.code),
                text(u.level_name),
                Figure::Count(u.headcount as u32),
                Figure::Count(u.headcount_with_below as u32),
                text(note),
            ]
        })
        .collect();
    Ok(Listing {
        title: lang.pick("Danh sách đơn vị", "Units").into(),
        columns,
        widths: vec![4.4, 1.6, 1.0, 0.8, 1.1, 2.0],
        rows,
        numbered: true,
    })
}

pub(super) fn meetings(office: &Office, session: &Session, lang: Lang) -> Result<Listing> {
    let columns = columns(
        lang,
        &[
            ("Đơn vị", "Unit"),
            ("Năm", "Year"),
            ("Ngày họp", "Held on"),
            ("Đối tượng", "Subjects"),
            ("Đã quyết định", "Decided"),
            ("Tình trạng", "State"),
        ],
    );
    let rows = office
        .meetings(session)?
        .into_iter()
        .map(|m| {
            vec![
                text(m.unit_name),
                text(m.year.to_string()),
                text(format_vn_date(m.held_on)),
                Figure::Count(m.subjects as u32),
                Figure::Count(m.decided as u32),
                text(if m.locked { lang.pick("Đã khóa", "Locked") } else { lang.pick("Đang họp", "Open") }),
            ]
        })
        .collect();
    Ok(Listing {
        title: lang.pick("Danh sách hội nghị kiểm điểm", "Review meetings").into(),
        columns,
        widths: vec![3.6, 0.8, 1.3, 1.0, 1.2, 1.3],
        rows,
        numbered: true,
    })
}

pub(super) fn accounts(office: &Office, session: &Session, lang: Lang) -> Result<Listing> {
    session.require(Permission::ManageUsers)?;
    let columns = columns(
        lang,
        &[("Tài khoản", "Account"), ("Vai trò", "Role"), ("Đơn vị", "Unit"), ("Ngày tạo", "Created"), ("Tình trạng", "State")],
    );
    let rows = office
        .users(session)?
        .into_iter()
        .map(|u| {
            let state = if let Some(at) = u.deactivated_at {
                format!("{} {}", lang.pick("Đã khóa ngày", "Deactivated on"), format_vn_date(at.with_timezone(&Local).date_naive()))
            } else if u.locked_until.is_some() {
                lang.pick("Tạm khóa do nhập sai mật khẩu", "Locked out after wrong passwords").to_string()
            } else {
                lang.pick("Đang dùng", "Active").to_string()
            };
            vec![
                text(u.username),
                text(u.role.name(lang)),
                or_none(u.unit_name.as_deref()),
                text(format_vn_date(u.created_at.with_timezone(&Local).date_naive())),
                text(state),
            ]
        })
        .collect();
    Ok(Listing {
        title: lang.pick("Danh sách tài khoản", "Accounts").into(),
        columns,
        widths: vec![1.8, 1.8, 3.0, 1.3, 2.4],
        rows,
        numbered: true,
    })
}

/// "05/12/2026 14:03" in the PC's time zone, as the accounts page shows an entry's time; the stored text when it
/// is not a time.
fn local_time(stored: &str) -> String {
    DateTime::parse_from_rfc3339(stored)
        .map(|at| at.with_timezone(&Local).format("%d/%m/%Y %H:%M").to_string())
        .unwrap_or_else(|_| stored.to_string())
}

pub(super) fn audit(
    office: &Office,
    session: &Session,
    username: Option<String>,
    action: Option<String>,
    limit: Option<i64>,
    lang: Lang,
) -> Result<Listing> {
    let filter =
        AuditFilter { username: username.filter(|u| !u.trim().is_empty()), action: action.filter(|a| !a.trim().is_empty()), limit };
    let columns = columns(lang, &[("Thời gian", "When"), ("Tài khoản", "Account"), ("Việc", "Action"), ("Chi tiết", "Detail")]);
    let rows = office
        .audit_entries(session, &filter)?
        .into_iter()
        .map(|e| vec![text(local_time(&e.at)), text(e.username), text(crate::words::audit_action(lang, &e.action)), text(e.detail)])
        .collect();
    Ok(Listing {
        title: lang.pick("Nhật ký thay đổi", "Audit trail").into(),
        columns,
        widths: vec![1.9, 1.3, 2.6, 4.2],
        rows,
        numbered: true,
    })
}
