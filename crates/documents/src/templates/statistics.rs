//! Báo cáo thống kê đội ngũ cán bộ (issue 17): the letterhead, the title with the day the figures are counted to,
//! each breakdown as a table (count, share) with its bar chart below it, so the printout reads without colour and
//! without the chart, then the units directly below side by side, and the signature.

use super::{cell, header_cells, heading, letterhead, signatures, title_block, Sizes};
use crate::fonts::Style;
use crate::layout::{Align, Bar, Block, Row, Table};
use crate::views::StatisticsView;

pub(super) fn report(view: &StatisticsView, sizes: Sizes) -> Vec<Block> {
    let mut out = vec![letterhead(&view.letterhead, sizes)];
    out.extend(title_block("BÁO CÁO", &[&view.subject, &view.as_of], sizes));
    out.push(super::body_text(&view.summary, sizes));
    for section in &view.sections {
        let style = |total: bool| if total { Style::Bold } else { Style::Regular };
        // A breakdown, its table and its chart on one page when they fit on one.
        let mut kept = vec![heading(&section.title, sizes)];
        kept.push(Block::Table(Table {
            widths: vec![4.0, 1.3, 1.3],
            header: header_cells(&["Nội dung", "Số người", "Tỷ lệ"]),
            rows: section
                .rows
                .iter()
                .map(|r| {
                    Row::Cells(vec![
                        cell(&r.label, style(r.total), Align::Left),
                        cell(&r.count, style(r.total), Align::Right),
                        cell(&r.percent, style(r.total), Align::Right),
                    ])
                })
                .collect(),
            size: sizes.table,
        }));
        kept.push(Block::Space(sizes.table * 0.4));
        kept.push(Block::Bars {
            bars: section
                .rows
                .iter()
                .map(|r| Bar { label: r.label.clone(), value: r.share as f32 / 10_000.0, text: r.percent.clone() })
                .collect(),
            size: sizes.table,
        });
        out.push(Block::Keep(kept));
    }
    if !view.below.is_empty() {
        out.push(heading(&format!("{}. Các đơn vị trực thuộc", view.sections.len() + 1), sizes));
        out.push(Block::Table(Table {
            widths: vec![0.6, 3.4, 1.0, 1.25, 1.25, 1.25, 1.5],
            header: header_cells(&[
                "TT",
                "Đơn vị",
                "Số người",
                "Đại học trở lên",
                "Nữ",
                "Đảng viên",
                "Đứng đầu không phải người địa phương",
            ]),
            rows: view
                .below
                .iter()
                .map(|u| {
                    Row::Cells(vec![
                        cell(&u.ordinal, Style::Regular, Align::Center),
                        cell(&u.name, Style::Regular, Align::Left),
                        cell(&u.people, Style::Regular, Align::Right),
                        cell(&u.university, Style::Regular, Align::Right),
                        cell(&u.female, Style::Regular, Align::Right),
                        cell(&u.party, Style::Regular, Align::Right),
                        cell(&u.heads_not_local, Style::Regular, Align::Right),
                    ])
                })
                .collect(),
            size: sizes.table,
        }));
    }
    out.extend(signatures(std::slice::from_ref(&view.signature), sizes));
    out
}
