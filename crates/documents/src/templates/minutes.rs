//! Biên bản hội nghị kiểm điểm, đánh giá, xếp loại: content after HD 16-HD/VPTW (2023) for Party meeting minutes,
//! header after HD 36-HD/VPTW (2018).

use super::{band, body, body_text, cell, header_cells, heading, letterhead, or_blank, signatures, span, title_block, Sizes};
use crate::fonts::Style;
use crate::layout::{Align, Block, Row, Table};
use crate::views::{MinutesSubject, MinutesView};

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn time_or_blank(time: &str) -> String {
    if time.trim().is_empty() {
        "…… giờ ……".to_string()
    } else {
        time.to_string()
    }
}

fn who(subject: &MinutesSubject) -> Vec<crate::layout::Span> {
    let mut spans = vec![span(&subject.name, Style::Bold)];
    if !subject.position.is_empty() {
        spans.push(span(format!("\n{}", subject.position), Style::Italic));
    }
    spans
}

/// The proposal as the votes table shows it: the computed points and level, and the staff's proposal where it
/// differs, with its reason.
fn proposal_spans(s: &MinutesSubject) -> Vec<crate::layout::Span> {
    let mut spans = vec![span(&s.computed, Style::Regular)];
    if !s.proposal_reason.is_empty() {
        spans.push(span(format!("\nĐề xuất: {}", s.proposal), Style::Bold));
        spans.push(span(format!("\n({})", s.proposal_reason), Style::Italic));
    }
    spans
}

fn votes_table(view: &MinutesView, sizes: Sizes) -> Block {
    let rows = view
        .subjects
        .iter()
        .map(|s| {
            let mut cells =
                vec![cell(&s.ordinal, Style::Regular, Align::Center), crate::layout::Cell { spans: who(s), align: Align::Left }];
            cells.push(crate::layout::Cell { spans: proposal_spans(s), align: Align::Left });
            match &s.votes {
                Some(votes) => {
                    cells.push(cell(&s.method, Style::Regular, Align::Center));
                    cells.extend(votes.iter().map(|v| cell(v, Style::Regular, Align::Center)));
                    cells.push(cell(if s.passed.is_empty() { "Không mức nào quá nửa" } else { &s.passed }, Style::Regular, Align::Left));
                }
                None => {
                    cells.push(cell("", Style::Regular, Align::Center));
                    cells.extend((0..4).map(|_| cell("", Style::Regular, Align::Center)));
                    cells.push(cell("Chưa biểu quyết", Style::Italic, Align::Left));
                }
            }
            Row::Cells(cells)
        })
        .collect();
    Block::Table(Table {
        widths: vec![0.55, 2.5, 1.9, 1.35, 0.75, 0.75, 0.75, 0.95, 1.75],
        header: header_cells(&["TT", "Họ và tên, chức vụ", "Đề xuất", "Hình thức", "XS", "T", "HT", "KHT", "Kết quả biểu quyết"]),
        rows,
        size: sizes.table,
    })
}

/// The conclusion, each subject as computed → proposed → decided (DOMAIN.md rule 9).
fn results_table(view: &MinutesView, sizes: Sizes) -> Block {
    let mut rows = Vec::new();
    let (collectives, people): (Vec<&MinutesSubject>, Vec<&MinutesSubject>) = view.subjects.iter().partition(|s| s.is_collective);
    for (label, subjects) in [("Tập thể", collectives), ("Cá nhân", people)] {
        if subjects.is_empty() {
            continue;
        }
        rows.push(band(label));
        for s in subjects {
            let decided = if s.decided.is_empty() { "Chưa quyết định".to_string() } else { s.decided.clone() };
            let mut level = vec![span(decided, if s.decided.is_empty() { Style::Italic } else { Style::Regular })];
            if !s.decision_reason.is_empty() {
                level.push(span(format!("\n({})", s.decision_reason), Style::Italic));
            }
            let mut proposed = vec![span(&s.proposal, Style::Regular)];
            if !s.proposal_reason.is_empty() {
                proposed.push(span(format!("\n({})", s.proposal_reason), Style::Italic));
            }
            rows.push(Row::Cells(vec![
                cell(&s.ordinal, Style::Regular, Align::Center),
                crate::layout::Cell { spans: who(s), align: Align::Left },
                cell(&s.computed, Style::Regular, Align::Left),
                crate::layout::Cell { spans: proposed, align: Align::Left },
                crate::layout::Cell { spans: level, align: Align::Left },
            ]));
        }
    }
    Block::Table(Table {
        widths: vec![0.55, 2.6, 2.0, 1.8, 2.0],
        header: header_cells(&["TT", "Họ và tên, chức vụ", "Kết quả tính theo quy định", "Đề xuất của cơ quan tham mưu", "Mức quyết định"]),
        rows,
        size: sizes.table,
    })
}

pub(super) fn blocks(view: &MinutesView, sizes: Sizes) -> Vec<Block> {
    let mut out = vec![letterhead(&view.letterhead, sizes)];
    let draft = if view.locked { "" } else { "(Dự thảo — kết quả chưa khóa)" };
    out.extend(title_block("BIÊN BẢN", &[&view.summary, draft], sizes));

    out.push(body(
        vec![span(
            format!(
                "Vào hồi {}, {}, tại {}, {} tiến hành {}.",
                time_or_blank(&view.start_time),
                view.held_on,
                or_blank(&view.place),
                view.body_name,
                lower_first(&view.summary)
            ),
            Style::Regular,
        )],
        sizes,
    ));

    out.push(heading("I. THÀNH PHẦN HỘI NGHỊ", sizes));
    out.push(body(
        vec![
            span("Chủ trì hội nghị: ", Style::Regular),
            span(format!("đồng chí {}", or_blank(&view.chair)), Style::Bold),
            span(".", Style::Regular),
        ],
        sizes,
    ));
    out.push(body(
        vec![
            span("Thư ký hội nghị: ", Style::Regular),
            span(format!("đồng chí {}", or_blank(&view.secretary)), Style::Bold),
            span(".", Style::Regular),
        ],
        sizes,
    ));
    let absent_note = if view.absent_note.is_empty() { String::new() } else { format!(" ({})", view.absent_note) };
    out.push(body_text(
        &format!(
            "Tổng số được triệu tập: {} đồng chí; có mặt: {} đồng chí; vắng mặt: {} đồng chí{}.",
            view.invited, view.present, view.absent, absent_note
        ),
        sizes,
    ));
    out.push(body_text(&format!("Khách mời: {}.", or_blank(&view.guests)), sizes));

    out.push(heading("II. NỘI DUNG HỘI NGHỊ", sizes));
    out.push(body_text(
        "1. Hội nghị nghe báo cáo kiểm điểm của tập thể, bản tự kiểm điểm của từng cá nhân và ý kiến đề xuất của bộ phận tham mưu về tổ chức, cán bộ.",
        sizes,
    ));
    out.push(body_text("2. Ý kiến thảo luận, góp ý của các đại biểu (ghi rõ tên người phát biểu):", sizes));
    out.push(Block::Dots { lines: 4, size: sizes.body });
    out.push(body_text(
        &format!(
            "3. Kết quả biểu quyết mức xếp loại (số đại biểu có mặt khi biểu quyết: {}; XS: Hoàn thành xuất sắc nhiệm vụ, T: Hoàn thành tốt nhiệm vụ, HT: Hoàn thành nhiệm vụ, KHT: Không hoàn thành nhiệm vụ):",
            view.present
        ),
        sizes,
    ));
    out.push(votes_table(view, sizes));

    out.push(heading("III. KẾT LUẬN CỦA CHỦ TRÌ HỘI NGHỊ", sizes));
    out.push(body_text("Kết quả đánh giá, xếp loại chất lượng như sau:", sizes));
    out.push(results_table(view, sizes));
    if !view.quota_line.is_empty() {
        out.push(Block::Space(sizes.body * 0.4));
        out.push(body_text(&format!("Tỷ lệ Hoàn thành xuất sắc nhiệm vụ: {}.", view.quota_line), sizes));
    }
    if !view.tie_order.is_empty() {
        out.push(body_text(
            &format!(
                "Thứ tự giữ mức Hoàn thành xuất sắc nhiệm vụ khi bằng điểm ở giới hạn tỷ lệ, do hội nghị quyết định: {}.",
                view.tie_order
            ),
            sizes,
        ));
    }
    out.push(Block::Space(sizes.body * 0.4));
    let mut closing = body_text(
        &format!(
            "Hội nghị kết thúc vào hồi {} cùng ngày. Biên bản đã được đọc lại cho hội nghị nghe và nhất trí thông qua.",
            time_or_blank(&view.end_time)
        ),
        sizes,
    );
    // The signatures never stand alone on the last page: the closing sentence goes over with them.
    if let Block::Para(p) = &mut closing {
        p.keep_with_next = true;
    }
    out.push(closing);
    out.extend(signatures(&[view.left_signature.clone(), view.right_signature.clone()], sizes));
    out
}
