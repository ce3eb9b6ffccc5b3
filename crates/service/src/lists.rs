//! The office's lists as tables to print and to export (issue 16: "every list can be exported to XLSX and printed"):
//! the roster, the organisation tree, the review meetings and the accounts, each declared once here as the window
//! shows it, then printed as "DANH SÁCH …" (PDF or Word) or written to a workbook.

use crate::auth::{Permission, Session};
use crate::error::Result;
use crate::figures::{row, write_workbook, Figure, FigureTable};
use crate::office::Office;
use chrono::Local;
use domain::dates::{format_birth, format_vn_date};
use domain::Lang;
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// Which list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    /// Danh sách cán bộ: the whole roster, sorted by given name.
    Roster,
    /// Danh sách đơn vị: the organisation tree in its order, with headcounts and what became of closed units.
    Units,
    /// Danh sách hội nghị kiểm điểm.
    Meetings,
    /// Danh sách tài khoản (administrators only).
    Accounts,
}

impl ListKind {
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            ListKind::Roster => lang.pick("Danh sách cán bộ, công chức", "Roster"),
            ListKind::Units => lang.pick("Danh sách đơn vị", "Units"),
            ListKind::Meetings => lang.pick("Danh sách hội nghị kiểm điểm", "Review meetings"),
            ListKind::Accounts => lang.pick("Danh sách tài khoản", "Accounts"),
        }
    }

    /// The file name's stem: ASCII, as printed files are named.
    pub fn file_stem(self) -> &'static str {
        match self {
            ListKind::Roster => "danh-sach-can-bo",
            ListKind::Units => "danh-sach-don-vi",
            ListKind::Meetings => "danh-sach-hoi-nghi",
            ListKind::Accounts => "danh-sach-tai-khoan",
        }
    }
}

fn text(value: impl Into<String>) -> Figure {
    Figure::Text(value.into())
}

fn or_none(value: Option<&str>) -> Figure {
    text(value.unwrap_or_default())
}

fn yes(value: bool, lang: Lang) -> Figure {
    text(if value { lang.pick("x", "yes") } else { "" })
}

impl Office {
    /// The list as a table, every row numbered (STT) as printed lists are.
    pub fn list_table(&self, session: &Session, kind: ListKind, lang: Lang) -> Result<FigureTable> {
        let pick = |vi: &str, en: &str| lang.pick(vi, en).to_string();
        let (columns, widths, rows): (Vec<String>, Vec<f32>, Vec<Vec<Figure>>) = match kind {
            ListKind::Roster => {
                let columns = vec![
                    pick("Họ và tên", "Full name"),
                    pick("Ngày sinh", "Born"),
                    pick("Giới tính", "Gender"),
                    pick("Dân tộc", "Ethnicity"),
                    pick("Chức vụ", "Position"),
                    pick("Đơn vị", "Unit"),
                    pick("Trình độ chuyên môn", "Qualification"),
                    pick("Lý luận chính trị", "Political theory"),
                    pick("Đảng viên", "Party member"),
                ];
                let rows = self
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
                (columns, vec![2.6, 1.3, 0.9, 0.9, 2.4, 2.6, 2.0, 1.2, 0.9], rows)
            }
            ListKind::Units => {
                let columns = vec![
                    pick("Đơn vị", "Unit"),
                    pick("Mã", "Code"),
                    pick("Cấp", "Level"),
                    pick("Số người", "People"),
                    pick("Cả đơn vị trực thuộc", "With the units below"),
                    pick("Ghi chú", "Note"),
                ];
                let rows = self
                    .units(session, lang)?
                    .into_iter()
                    .map(|u| {
                        let note = match (u.ended_on, u.merged_into_name) {
                            (Some(on), Some(into)) => {
                                format!(
                                    "{} {into} {} {}",
                                    lang.pick("Sáp nhập vào", "Merged into"),
                                    lang.pick("ngày", "on"),
                                    format_vn_date(on)
                                )
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
                (columns, vec![4.4, 1.6, 1.0, 0.8, 1.1, 2.0], rows)
            }
            ListKind::Meetings => {
                let columns = vec![
                    pick("Đơn vị", "Unit"),
                    pick("Năm", "Year"),
                    pick("Ngày họp", "Held on"),
                    pick("Đối tượng", "Subjects"),
                    pick("Đã quyết định", "Decided"),
                    pick("Tình trạng", "State"),
                ];
                let rows = self
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
                (columns, vec![3.6, 0.8, 1.3, 1.0, 1.2, 1.3], rows)
            }
            ListKind::Accounts => {
                session.require(Permission::ManageUsers)?;
                let columns = vec![
                    pick("Tài khoản", "Account"),
                    pick("Vai trò", "Role"),
                    pick("Đơn vị", "Unit"),
                    pick("Ngày tạo", "Created"),
                    pick("Tình trạng", "State"),
                ];
                let rows = self
                    .users(session)?
                    .into_iter()
                    .map(|u| {
                        let state = if let Some(at) = u.deactivated_at {
                            format!(
                                "{} {}",
                                lang.pick("Đã khóa ngày", "Deactivated on"),
                                format_vn_date(at.with_timezone(&Local).date_naive())
                            )
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
                (columns, vec![1.8, 1.8, 3.0, 1.3, 2.4], rows)
            }
        };
        // STT first, as every printed list has it.
        let mut all_columns = vec![lang.pick("STT", "No.").to_string()];
        all_columns.extend(columns);
        let mut all_widths = vec![0.6];
        all_widths.extend(widths);
        let rows = rows
            .into_iter()
            .enumerate()
            .map(|(i, cells)| {
                let mut numbered = vec![Figure::Count(i as u32 + 1)];
                numbered.extend(cells);
                row(numbered)
            })
            .collect();
        Ok(FigureTable {
            title: kind.title(lang).to_string(),
            sheet: kind.title(lang).chars().take(31).collect(),
            columns: all_columns,
            widths: all_widths,
            rows,
            chart: None,
            note: None,
        })
    }

    /// The list as a workbook of one sheet. Returns the rows written.
    pub fn export_list(&self, session: &Session, kind: ListKind, path: &Path, lang: Lang) -> Result<usize> {
        let table = self.list_table(session, kind, lang)?;
        let rows = table.rows.len();
        write_workbook(path, std::slice::from_ref(&table))?;
        Ok(rows)
    }
}
