//! Báo cáo tổng hợp kết quả năm (issue 17): the letterhead, the title with the day the figures are counted to, a few
//! sentences, then each table of figures with its bar chart under it, and the signature.

use super::{body_text, cell, header_cells, heading, letterhead, signatures, title_block, Sizes};
use crate::fonts::Style;
use crate::layout::{Align, Bar, Block, Row, Table};
use crate::views::{ReportSection, SummaryView};

fn table(section: &ReportSection, sizes: Sizes) -> Block {
    let labels: Vec<&str> = section.columns.iter().map(String::as_str).collect();
    Block::Table(Table {
        widths: section.widths.clone(),
        header: header_cells(&labels),
        rows: section
            .rows
            .iter()
            .map(|r| {
                let style = if r.total { Style::Bold } else { Style::Regular };
                Row::Cells(
                    r.cells
                        .iter()
                        .enumerate()
                        .map(|(i, text)| {
                            let right = section.figures.get(i).copied().unwrap_or(i > 0);
                            cell(text, style, if right { Align::Right } else { Align::Left })
                        })
                        .collect(),
                )
            })
            .collect(),
        size: sizes.table,
    })
}

pub(super) fn report(view: &SummaryView, sizes: Sizes) -> Vec<Block> {
    let mut out = vec![letterhead(&view.letterhead, sizes)];
    out.extend(title_block(&view.heading, &[&view.subject, &view.as_of], sizes));
    out.extend(view.summary.iter().map(|p| body_text(p, sizes)));
    let signature = signatures(std::slice::from_ref(&view.signature), sizes);
    for (at, section) in view.sections.iter().enumerate() {
        let mut kept = Vec::new();
        if !section.title.is_empty() {
            kept.push(heading(&section.title, sizes));
        }
        kept.push(table(section, sizes));
        if let Some(note) = &section.note {
            kept.push(Block::Space(sizes.table * 0.3));
            kept.push(body_text(note, sizes));
        }
        if !section.bars.is_empty() {
            kept.push(Block::Space(sizes.table * 0.4));
            kept.push(Block::Bars {
                bars: section
                    .bars
                    .iter()
                    .map(|b| Bar { label: b.label.clone(), value: b.length.min(10_000) as f32 / 10_000.0, text: b.text.clone() })
                    .collect(),
                size: sizes.table,
            });
        }
        // A table with its chart on one page when they fit on one, the last with the signature so that it never
        // stands alone on a page; a long table (the communes of a province) flows.
        let last = at + 1 == view.sections.len();
        if section.rows.len() <= 20 {
            if last {
                kept.extend(signature.iter().cloned());
            }
            out.push(Block::Keep(kept));
        } else {
            out.extend(kept);
        }
    }
    if view.sections.last().is_none_or(|s| s.rows.len() > 20) {
        out.extend(signature);
    }
    out
}
