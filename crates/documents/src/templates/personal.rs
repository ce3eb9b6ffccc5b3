//! One person's documents: the self-assessment and classification form (HD 43-HD/BTCTW forms 2A, 2B, 05) and the
//! action programme with its "5 rõ".

use super::{body, body_text, cell, header_cells, heading, letterhead, or_blank, para, signatures, span, title_block, Sizes};
use crate::fonts::Style;
use crate::layout::{Align, Block, Cell, Row, Table};
use crate::views::{FormVariant, FormView, ProgrammeView};

fn labelled(label: &str, value: &str, sizes: Sizes) -> Block {
    let mut p = para(vec![span(format!("{label}: "), Style::Regular), span(or_blank(value), Style::Bold)], sizes.body, Align::Left);
    p.after = sizes.body * 0.2;
    Block::Para(p)
}

fn text_or_lines(text: &str, lines: usize, sizes: Sizes) -> Vec<Block> {
    if text.trim().is_empty() {
        vec![Block::Dots { lines, size: sizes.body }]
    } else {
        text.split('\n').filter(|l| !l.trim().is_empty()).map(|l| body_text(l.trim(), sizes)).collect()
    }
}

/// "I", "II" … for the numbered parts of a form, which has more parts when it carries the period's products.
fn roman(n: usize) -> &'static str {
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"].get(n.saturating_sub(1)).copied().unwrap_or("")
}

/// The products of the period with their appraisal and score, each period's task results under them.
fn products_part(view: &FormView, sizes: Sizes) -> Vec<Block> {
    let mut out = Vec::new();
    if view.products.is_empty() {
        out.push(body_text("Không có sản phẩm nào được giao trong kỳ.", sizes));
    } else {
        let size = (sizes.table - 1.0).max(10.0);
        let rows = view
            .products
            .iter()
            .map(|p| {
                let mut what = vec![span(&p.title, Style::Regular)];
                if !p.source.is_empty() {
                    what.push(span(format!("\n{}", p.source), Style::Italic));
                }
                let appraised = !p.delivered.is_empty();
                Row::Cells(vec![
                    cell(&p.ordinal, Style::Regular, Align::Center),
                    Cell { spans: what, align: Align::Left },
                    cell(&p.coefficient, Style::Regular, Align::Right),
                    cell(&p.required, Style::Regular, Align::Right),
                    cell(&p.delivered, Style::Regular, Align::Right),
                    cell(&p.quality, Style::Regular, Align::Right),
                    cell(&p.major_errors, Style::Regular, Align::Right),
                    cell(&p.on_time, Style::Regular, Align::Right),
                    cell(&p.delays, Style::Regular, Align::Right),
                    if appraised { cell(&p.score, Style::Bold, Align::Right) } else { cell(&p.score, Style::Italic, Align::Center) },
                ])
            })
            .collect();
        out.push(Block::Table(Table {
            widths: vec![0.45, 3.2, 0.6, 0.95, 0.6, 0.85, 0.6, 0.85, 0.6, 0.85],
            header: header_cells(&[
                "TT",
                "Sản phẩm (nguồn, loại)",
                "Hệ số",
                "Giao",
                "Đạt",
                "Chất lượng (%)",
                "Lỗi lớn",
                "Đúng hạn (%)",
                "Lần chậm",
                "Điểm (%)",
            ]),
            rows,
            size,
        }));
        out.push(Block::Space(sizes.body * 0.4));
    }
    let named = view.scores.len() > 1;
    for score in &view.scores {
        let mut spans = Vec::new();
        if named {
            spans.push(span(format!("{}: ", capitalised(&score.period)), Style::Italic));
        }
        if score.task.is_empty() {
            spans.push(span("Kết quả thực hiện nhiệm vụ: chưa tính được.", Style::Regular));
        } else {
            spans.push(span("Kết quả thực hiện nhiệm vụ: ", Style::Regular));
            spans.push(span(format!("{} điểm", score.task), Style::Bold));
            let basis = if score.task_basis.is_empty() { String::new() } else { format!(" ({})", score.task_basis) };
            spans.push(span(format!("{basis}."), Style::Regular));
        }
        out.push(body(spans, sizes));
    }
    out
}

/// Each period's total with its parts, or what keeps it from a score.
fn totals_part(view: &FormView, sizes: Sizes) -> Vec<Block> {
    let named = view.scores.len() > 1;
    view.scores
        .iter()
        .map(|score| {
            let mut spans = Vec::new();
            if named {
                spans.push(span(format!("{}: ", capitalised(&score.period)), Style::Italic));
            }
            if !score.summary.is_empty() {
                spans.push(span("Tổng điểm: ", Style::Regular));
                spans.push(span(&score.summary, Style::Bold));
                spans.push(span(".", Style::Regular));
            } else {
                spans.push(span(or_blank(&score.missing), Style::BoldItalic));
                spans.push(span(".", Style::Regular));
            }
            body(spans, sizes)
        })
        .collect()
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

pub(super) fn form(view: &FormView, sizes: Sizes) -> Vec<Block> {
    let (code, kind, audience) = match view.variant {
        FormVariant::Leader => ("Mẫu 2A", "BẢN KIỂM ĐIỂM, ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG", "(Dùng cho cán bộ lãnh đạo, quản lý)"),
        FormVariant::NonLeader => {
            ("Mẫu 2B", "BẢN KIỂM ĐIỂM, ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG", "(Dùng cho cán bộ, công chức không giữ chức vụ lãnh đạo, quản lý)")
        }
        FormVariant::Periodic => ("Mẫu 05", "PHIẾU TỰ ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NHIỆM VỤ", ""),
    };
    let periodic = view.variant == FormVariant::Periodic;
    let mut part = 0;
    let mut next = |title: &str| {
        part += 1;
        format!("{}. {title}", roman(part))
    };
    let mut out =
        vec![Block::Para(para(vec![span(code, Style::Italic)], sizes.body - 1.0, Align::Right)), letterhead(&view.letterhead, sizes)];
    let period = capitalised(&view.period);
    out.extend(title_block(kind, &[&period, audience, &view.provisional], sizes));
    out.push(labelled("Họ và tên", &view.name, sizes));
    out.push(labelled("Ngày sinh", &view.birth_date, sizes));
    out.push(labelled("Chức vụ", &view.position, sizes));
    out.push(labelled("Đơn vị công tác", &view.unit, sizes));
    if view.party_member {
        out.push(labelled("Đảng viên", "Có", sizes));
    }

    out.push(heading(&next("TỰ NHẬN XÉT, ĐÁNH GIÁ (ưu điểm, khuyết điểm, nguyên nhân, hướng khắc phục)"), sizes));
    out.extend(text_or_lines(&view.self_text, 6, sizes));

    if periodic {
        out.push(heading(&next("SẢN PHẨM VÀ KẾT QUẢ THỰC HIỆN NHIỆM VỤ"), sizes));
        out.extend(products_part(view, sizes));
    }

    out.push(heading(&next("ĐIỂM THEO TIÊU CHÍ"), sizes));
    let mut rows: Vec<Row> = view
        .criteria
        .iter()
        .enumerate()
        .map(|(i, c)| {
            Row::Cells(vec![
                cell((i + 1).to_string(), Style::Regular, Align::Center),
                cell(&c.name, Style::Regular, Align::Left),
                cell(&c.max, Style::Regular, Align::Right),
                cell(&c.self_points, Style::Regular, Align::Right),
                cell(&c.superior_points, Style::Regular, Align::Right),
            ])
        })
        .collect();
    if !view.task_points.is_empty() {
        rows.push(Row::Cells(vec![
            cell((view.criteria.len() + 1).to_string(), Style::Regular, Align::Center),
            cell("Kết quả thực hiện nhiệm vụ (sản phẩm)", Style::Regular, Align::Left),
            cell(&view.task_max, Style::Regular, Align::Right),
            cell(&view.task_points, Style::Regular, Align::Right),
            cell(&view.task_points, Style::Regular, Align::Right),
        ]));
    }
    rows.push(Row::Cells(vec![
        cell("", Style::Regular, Align::Center),
        cell("Tổng cộng", Style::Bold, Align::Left),
        cell("", Style::Regular, Align::Right),
        cell(&view.self_total, Style::Bold, Align::Right),
        cell(&view.superior_total, Style::Bold, Align::Right),
    ]));
    out.push(Block::Table(Table {
        widths: vec![0.6, 4.4, 1.2, 1.2, 1.4],
        header: header_cells(&["TT", "Tiêu chí", "Tối đa", "Tự chấm", "Cấp trên chấm"]),
        rows,
        size: sizes.table,
    }));
    if periodic {
        out.push(Block::Space(sizes.body * 0.4));
        out.extend(totals_part(view, sizes));
    }

    out.push(heading(&next("TỰ XẾP LOẠI"), sizes));
    out.push(body(vec![span("Tự xếp loại ở mức: ", Style::Regular), span(or_blank(&view.self_level), Style::Bold)], sizes));

    out.push(heading(&next("NHẬN XÉT, ĐÁNH GIÁ CỦA NGƯỜI QUẢN LÝ TRỰC TIẾP"), sizes));
    out.extend(text_or_lines(&view.superior_comment, 3, sizes));
    out.push(body(vec![span("Mức xếp loại đề xuất: ", Style::Regular), span(or_blank(&view.superior_level), Style::Bold)], sizes));

    out.push(heading(&next("KẾT QUẢ XẾP LOẠI CỦA CẤP CÓ THẨM QUYỀN"), sizes));
    out.push(body(vec![span("Xếp loại ở mức: ", Style::Regular), span(or_blank(&view.authority_level), Style::Bold)], sizes));
    out.extend(signatures(&view.signatures, sizes));
    out
}

pub(super) fn programme(view: &ProgrammeView, sizes: Sizes) -> Vec<Block> {
    let mut out = vec![letterhead(&view.letterhead, sizes)];
    out.extend(title_block("CHƯƠNG TRÌNH HÀNH ĐỘNG", &[&view.title], sizes));
    out.push(body(
        vec![
            span("Người trình bày: ", Style::Regular),
            span(&view.person, Style::Bold),
            span(format!("; ngày trình bày: {}.", view.presented_on), Style::Regular),
        ],
        sizes,
    ));
    if !view.summary.is_empty() {
        out.push(body_text(&view.summary, sizes));
    }
    out.push(heading("CÁC VIỆC CỤ THỂ (rõ việc, rõ người, rõ thời gian, rõ kết quả, rõ trách nhiệm)", sizes));
    let rows = view
        .items
        .iter()
        .map(|item| {
            Row::Cells(vec![
                cell(&item.ordinal, Style::Regular, Align::Center),
                cell(&item.work, Style::Regular, Align::Left),
                cell(&item.person, Style::Regular, Align::Left),
                cell(&item.deadline, Style::Regular, Align::Center),
                cell(&item.expected_result, Style::Regular, Align::Left),
                cell(&item.responsibility, Style::Regular, Align::Left),
                cell(&item.state, Style::Italic, Align::Left),
            ])
        })
        .collect();
    out.push(Block::Table(Table {
        widths: vec![0.5, 2.4, 1.5, 1.5, 1.9, 1.5, 1.2],
        header: header_cells(&["TT", "Việc", "Người thực hiện", "Thời hạn", "Kết quả, sản phẩm", "Trách nhiệm", "Tình trạng"]),
        rows,
        size: sizes.table,
    }));
    out.extend(signatures(std::slice::from_ref(&view.signature), sizes));
    out
}
