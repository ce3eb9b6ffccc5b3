//! Lists and reports of a unit: the collective's report (form 01), the published results, the target sheet and
//! the breakthrough-task register.

use super::{band, body, body_text, cell, header_cells, heading, letterhead, or_blank, signatures, span, title_block, Sizes};
use crate::fonts::Style;
use crate::layout::{Align, Block, Row, Table};
use crate::views::{BreakthroughView, CollectiveView, CountRow, MonthlyView, ResultsView, TargetRow, TargetsView};

fn target_rows(rows: &[TargetRow]) -> Vec<Row> {
    rows.iter()
        .map(|r| {
            Row::Cells(vec![
                cell(&r.ordinal, Style::Regular, Align::Center),
                cell(&r.name, Style::Regular, Align::Left),
                cell(&r.measure, Style::Regular, Align::Center),
                cell(&r.plan, Style::Regular, Align::Right),
                cell(&r.actual, Style::Regular, Align::Right),
                cell(&r.completion, Style::Regular, Align::Right),
                cell(&r.status, Style::Regular, Align::Left),
            ])
        })
        .collect()
}

fn target_table(rows: Vec<Row>, sizes: Sizes) -> Block {
    Block::Table(Table {
        widths: vec![0.55, 3.9, 1.1, 1.2, 1.2, 1.25, 1.35],
        header: header_cells(&["TT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Tỷ lệ", "Đánh giá"]),
        rows,
        size: sizes.table,
    })
}

fn count_table(rows: &[CountRow], first: &str, sizes: Sizes) -> Block {
    Block::Table(Table {
        widths: vec![4.0, 1.2, 1.2],
        header: header_cells(&[first, "Số lượng", "Tỷ lệ"]),
        rows: rows
            .iter()
            .map(|r| {
                Row::Cells(vec![
                    cell(&r.label, Style::Regular, Align::Left),
                    cell(&r.count, Style::Regular, Align::Right),
                    cell(&r.percent, Style::Regular, Align::Right),
                ])
            })
            .collect(),
        size: sizes.table,
    })
}

pub(super) fn collective(view: &CollectiveView, sizes: Sizes) -> Vec<Block> {
    let mut out = vec![letterhead(&view.letterhead, sizes)];
    out.extend(title_block("BÁO CÁO", &[&format!("Kiểm điểm tập thể {} năm {}", view.unit_name, view.year), &view.provisional], sizes));
    out.push(heading("I. KẾT QUẢ THỰC HIỆN CHỈ TIÊU, NHIỆM VỤ", sizes));
    if !view.targets_summary.is_empty() {
        out.push(body_text(&format!("{}.", view.targets_summary.trim_end_matches('.')), sizes));
    }
    if view.targets.is_empty() {
        out.push(body_text("Chưa giao chỉ tiêu nào trong năm.", sizes));
    } else {
        out.push(target_table(target_rows(&view.targets), sizes));
    }
    out.push(heading("II. KẾT QUẢ XẾP LOẠI CÁN BỘ, CÔNG CHỨC", sizes));
    out.push(count_table(&view.members, "Mức xếp loại", sizes));
    out.push(heading("III. TỰ ĐÁNH GIÁ, XẾP LOẠI TẬP THỂ", sizes));
    out.push(body(vec![span("Tập thể tự xếp loại ở mức: ", Style::Regular), span(or_blank(&view.proposal), Style::Bold)], sizes));
    out.push(body(vec![span("Cấp có thẩm quyền xếp loại: ", Style::Regular), span(or_blank(&view.decided), Style::Bold)], sizes));
    out.extend(signatures(std::slice::from_ref(&view.signature), sizes));
    out
}

pub(super) fn results(view: &ResultsView, sizes: Sizes) -> Vec<Block> {
    let mut out = vec![letterhead(&view.letterhead, sizes)];
    out.extend(title_block(&view.title, &[&view.subtitle, &view.provisional], sizes));
    let mut rows = Vec::new();
    for group in &view.groups {
        if view.groups.len() > 1 || !group.unit_name.is_empty() {
            rows.push(band(&group.unit_name));
        }
        for r in &group.rows {
            rows.push(Row::Cells(vec![
                cell(&r.ordinal, Style::Regular, Align::Center),
                cell(&r.name, Style::Regular, Align::Left),
                cell(&r.birth_date, Style::Regular, Align::Center),
                cell(&r.position, Style::Regular, Align::Left),
                cell(&r.level, Style::Regular, Align::Left),
                cell(&r.note, Style::Italic, Align::Left),
            ]));
        }
    }
    out.push(Block::Table(Table {
        widths: vec![0.5, 2.7, 1.35, 2.5, 2.4, 0.9],
        header: header_cells(&["TT", "Họ và tên", "Ngày sinh", "Chức vụ", "Kết quả xếp loại", "Ghi chú"]),
        rows,
        size: sizes.table,
    }));
    if !view.totals.is_empty() {
        out.push(heading("TỔNG HỢP", sizes));
        out.push(count_table(&view.totals, "Mức xếp loại", sizes));
    }
    out.extend(signatures(&view.signatures, sizes));
    out
}

pub(super) fn monthly(view: &MonthlyView, sizes: Sizes) -> Vec<Block> {
    let mut out = vec![letterhead(&view.letterhead, sizes)];
    out.extend(title_block(&view.title, &[&view.subtitle], sizes));
    let rows: Vec<Row> = view
        .rows
        .iter()
        .map(|r| {
            Row::Cells(vec![
                cell(&r.ordinal, Style::Regular, Align::Center),
                cell(&r.name, Style::Regular, Align::Left),
                cell(&r.position, Style::Regular, Align::Left),
                cell(&r.general, Style::Regular, Align::Right),
                cell(&r.task, Style::Regular, Align::Right),
                cell(&r.total, Style::Bold, Align::Right),
                cell(&r.level, Style::Regular, Align::Left),
                cell(&r.products, Style::Regular, Align::Center),
                cell(&r.note, Style::Italic, Align::Left),
            ])
        })
        .collect();
    let general = format!("Tiêu chí chung ({})", view.general_max);
    let task = format!("Kết quả nhiệm vụ ({})", view.task_max);
    out.push(Block::Table(Table {
        widths: vec![0.45, 2.2, 3.3, 1.0, 1.0, 0.85, 1.9, 1.2, 1.9],
        header: header_cells(&[
            "STT",
            "Họ và tên",
            "Chức vụ",
            &general,
            &task,
            "Tổng điểm",
            "Mức xếp loại",
            "Sản phẩm thẩm định / giao",
            "Ghi chú",
        ]),
        rows,
        size: sizes.table,
    }));
    if view.rows.is_empty() {
        out.push(body_text("Đơn vị chưa có cán bộ nào trong kỳ.", sizes));
    }
    // The totals and the signatures share a page, so that the signatures never stand alone.
    let mut closing = Vec::new();
    if !view.totals.is_empty() {
        // Across the page: one column per level, the count over its share.
        closing.push(heading("TỔNG HỢP THEO MỨC XẾP LOẠI", sizes));
        let mut labels = vec![""];
        labels.extend(view.totals.iter().map(|t| t.label.as_str()));
        let mut counts = vec![cell("Số người", Style::Bold, Align::Left)];
        counts.extend(view.totals.iter().map(|t| cell(&t.count, Style::Regular, Align::Center)));
        let mut shares = vec![cell("Tỷ lệ", Style::Bold, Align::Left)];
        shares.extend(view.totals.iter().map(|t| cell(&t.percent, Style::Regular, Align::Center)));
        let mut widths = vec![1.0];
        widths.extend(view.totals.iter().map(|_| 1.4));
        closing.push(Block::Table(Table {
            widths,
            header: header_cells(&labels),
            rows: vec![Row::Cells(counts), Row::Cells(shares)],
            size: sizes.table,
        }));
    }
    closing.extend(signatures(&view.signatures, sizes));
    out.push(Block::Keep(closing));
    out
}

pub(super) fn targets(view: &TargetsView, sizes: Sizes) -> Vec<Block> {
    let mut out = vec![letterhead(&view.letterhead, sizes)];
    let subtitle = format!("{} năm {}", view.unit_name, view.year);
    out.extend(title_block("BẢNG CHỈ TIÊU VÀ KẾT QUẢ THỰC HIỆN", &[&subtitle, &view.as_of], sizes));
    let mut rows = Vec::new();
    for group in &view.groups {
        rows.push(band(&group.name));
        rows.extend(target_rows(&group.rows));
    }
    if rows.is_empty() {
        out.push(body_text("Chưa giao chỉ tiêu nào trong năm.", sizes));
    } else {
        out.push(target_table(rows, sizes));
    }
    if !view.summary.is_empty() {
        out.push(Block::Space(sizes.body * 0.4));
        out.push(body_text(&format!("{}.", view.summary.trim_end_matches('.')), sizes));
    }
    out.extend(signatures(&view.signatures, sizes));
    out
}

pub(super) fn breakthrough(view: &BreakthroughView, sizes: Sizes) -> Vec<Block> {
    let mut out = vec![letterhead(&view.letterhead, sizes)];
    let subtitle = format!("{} năm {}", view.scope, view.year);
    out.extend(title_block("SỔ ĐĂNG KÝ NHIỆM VỤ ĐỘT PHÁ", &[&subtitle], sizes));
    let rows: Vec<Row> = view
        .rows
        .iter()
        .map(|r| {
            let mut state = vec![span(&r.state, Style::Regular)];
            if !r.decision.is_empty() {
                state.push(span(format!("\n{}", r.decision), Style::Italic));
            }
            let mut who = vec![span(&r.person, Style::Bold)];
            if !r.unit.is_empty() {
                who.push(span(format!("\n{}", r.unit), Style::Italic));
            }
            Row::Cells(vec![
                cell(&r.ordinal, Style::Regular, Align::Center),
                crate::layout::Cell { spans: who, align: Align::Left },
                cell(&r.title, Style::Regular, Align::Left),
                cell(&r.expected_result, Style::Regular, Align::Left),
                cell(&r.deadline, Style::Regular, Align::Center),
                crate::layout::Cell { spans: state, align: Align::Left },
            ])
        })
        .collect();
    if rows.is_empty() {
        out.push(body_text("Chưa có nhiệm vụ đột phá nào được đăng ký trong năm.", sizes));
    } else {
        out.push(Block::Table(Table {
            widths: vec![0.5, 2.0, 2.5, 2.3, 1.5, 1.8],
            header: header_cells(&["TT", "Người đăng ký", "Nhiệm vụ đột phá", "Kết quả dự kiến", "Thời hạn", "Tình trạng"]),
            rows,
            size: sizes.table,
        }));
    }
    out.extend(signatures(&view.signatures, sizes));
    out
}
