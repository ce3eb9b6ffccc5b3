//! The wording and arrangement of each document, as blocks for the layout layer. The service decides what the
//! document says; these decide how it reads on paper (DOCUMENTS.md).

mod lists;
mod minutes;
mod personal;
mod recovery;
mod statistics;
mod summary;

use crate::fonts::Style;
use crate::layout::{Align, Block, Cell, Columns, Para, Row, Span};
use crate::views::{DocumentView, HeaderFormat, Letterhead, Signature};

/// Sizes of the parts of a page, from the body size the office chose.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sizes {
    pub body: f32,
    /// Tables are one point smaller so that wide ones fit a portrait page.
    pub table: f32,
    pub title: f32,
}

impl Sizes {
    pub(crate) fn from_body(body: f32) -> Sizes {
        Sizes { body, table: (body - 2.0).max(10.0), title: body + 1.0 }
    }
}

pub(crate) fn blocks(view: &DocumentView, sizes: Sizes) -> Vec<Block> {
    match view {
        DocumentView::Minutes(v) => minutes::blocks(v, sizes),
        DocumentView::Form(v) => personal::form(v, sizes),
        DocumentView::Programme(v) => personal::programme(v, sizes),
        DocumentView::Collective(v) => lists::collective(v, sizes),
        DocumentView::Results(v) => lists::results(v, sizes),
        DocumentView::Monthly(v) => lists::monthly(v, sizes),
        DocumentView::Targets(v) => lists::targets(v, sizes),
        DocumentView::Breakthrough(v) => lists::breakthrough(v, sizes),
        DocumentView::RecoverySheet(v) => recovery::sheet(v, sizes),
        DocumentView::Statistics(v) => statistics::report(v, sizes),
        DocumentView::Summary(v) => summary::report(v, sizes),
    }
}

/// Whether the document is set on A4 landscape: a list too wide for a portrait page.
pub(crate) fn landscape(view: &DocumentView) -> bool {
    match view {
        DocumentView::Monthly(_) => true,
        DocumentView::Summary(v) => v.landscape,
        _ => false,
    }
}

/// The PDF's title (what a viewer shows in its title bar).
pub(crate) fn title(view: &DocumentView) -> String {
    match view {
        DocumentView::Minutes(v) => format!("Biên bản — {}", v.summary),
        DocumentView::Form(v) => format!("Bản tự đánh giá, xếp loại — {} — {}", v.name, v.period),
        DocumentView::Programme(v) => format!("Chương trình hành động — {}", v.person),
        DocumentView::Collective(v) => format!("Báo cáo kiểm điểm tập thể — {} — năm {}", v.unit_name, v.year),
        DocumentView::Results(v) => v.title.clone(),
        DocumentView::Monthly(v) => format!("{} — {}", v.title, v.subtitle),
        DocumentView::Targets(v) => format!("Chỉ tiêu năm {} — {}", v.year, v.unit_name),
        DocumentView::Breakthrough(v) => format!("Sổ đăng ký nhiệm vụ đột phá năm {} — {}", v.year, v.scope),
        DocumentView::RecoverySheet(v) => format!("Phiếu khôi phục truy cập — {}", v.office_name),
        DocumentView::Statistics(v) => format!("Báo cáo — {}", v.subject),
        DocumentView::Summary(v) => format!("Báo cáo — {}", v.subject),
    }
}

pub(crate) fn span(text: impl Into<String>, style: Style) -> Span {
    Span::new(text, style)
}

pub(crate) fn para(spans: Vec<Span>, size: f32, align: Align) -> Para {
    Para::new(spans, size, align)
}

/// A body paragraph: justified, first line indented, a little air after it.
pub(crate) fn body(spans: Vec<Span>, sizes: Sizes) -> Block {
    let mut p = para(spans, sizes.body, Align::Justify);
    p.first_indent = sizes.body * 2.0;
    p.after = sizes.body * 0.3;
    Block::Para(p)
}

pub(crate) fn body_text(text: &str, sizes: Sizes) -> Block {
    body(vec![span(text, Style::Regular)], sizes)
}

/// "I. THÀNH PHẦN": bold, kept with what follows.
pub(crate) fn heading(text: &str, sizes: Sizes) -> Block {
    let mut p = para(vec![span(text, Style::Bold)], sizes.body, Align::Left);
    p.before = sizes.body * 0.4;
    p.after = sizes.body * 0.2;
    p.keep_with_next = true;
    Block::Para(p)
}

/// The document type ("BIÊN BẢN") and its summary line, centred.
pub(crate) fn title_block(kind: &str, summary: &[&str], sizes: Sizes) -> Vec<Block> {
    let mut out = Vec::new();
    let mut t = para(vec![span(kind, Style::Bold)], sizes.title, Align::Center);
    t.before = sizes.body;
    out.push(Block::Para(t));
    for line in summary.iter().filter(|l| !l.is_empty()) {
        out.push(Block::Para(para(vec![span(*line, Style::Bold)], sizes.body, Align::Center)));
    }
    out.push(Block::Space(sizes.body * 0.8));
    out
}

/// Text or, when nothing was recorded, a short run of dots to fill in by hand.
pub(crate) fn or_blank(text: &str) -> String {
    if text.trim().is_empty() {
        "…………………".to_string()
    } else {
        text.to_string()
    }
}

pub(crate) fn cell(text: impl Into<String>, style: Style, align: Align) -> Cell {
    Cell { spans: vec![span(text, style)], align }
}

pub(crate) fn header_cells(labels: &[&str]) -> Vec<Cell> {
    labels.iter().map(|l| cell(*l, Style::Bold, Align::Center)).collect()
}

pub(crate) fn band(text: &str) -> Row {
    Row::Band(vec![span(text, Style::BoldItalic)])
}

/// The two header blocks side by side (HD 36 for Party bodies, NĐ 30 for State ones).
pub(crate) fn letterhead(head: &Letterhead, sizes: Sizes) -> Block {
    let size = sizes.body;
    let centred = |text: &str, style: Style, size: f32| para(vec![span(text, style)], size, Align::Center);
    let (left, right, widths) = match head.format {
        HeaderFormat::Party => {
            let mut left = Vec::new();
            if !head.superior.is_empty() {
                left.push(centred(&head.superior, Style::Regular, size));
            }
            left.push(centred(&head.issuer, Style::Bold, size));
            left.push(centred("*", Style::Regular, size));
            if !head.number.is_empty() {
                left.push(centred(&head.number, Style::Regular, size));
            }
            let mut party = centred("ĐẢNG CỘNG SẢN VIỆT NAM", Style::Bold, size + 1.0);
            party.rule_under = Some(1.0);
            party.after = size * 0.5;
            let right = vec![party, centred(&head.place_date, Style::Italic, size)];
            (left, right, vec![0.45, 0.55])
        }
        HeaderFormat::State => {
            let small = (size - 1.0).max(10.0);
            let mut left = Vec::new();
            if !head.superior.is_empty() {
                left.push(centred(&head.superior, Style::Regular, small));
            }
            // NĐ 30 sets a People's Committee's name on two lines: "ỦY BAN NHÂN DÂN" over "XÃ …".
            let issuer_text = match head.issuer.strip_prefix("ỦY BAN NHÂN DÂN ") {
                Some(place) if !head.issuer.contains('\n') => format!("ỦY BAN NHÂN DÂN\n{place}"),
                _ => head.issuer.clone(),
            };
            let mut issuer = centred(&issuer_text, Style::Bold, small);
            issuer.rule_under = Some(0.4);
            issuer.after = size * 0.3;
            left.push(issuer);
            if !head.number.is_empty() {
                left.push(centred(&head.number, Style::Regular, small));
            }
            let republic = centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Style::Bold, small);
            let mut motto = centred("Độc lập - Tự do - Hạnh phúc", Style::Bold, size);
            motto.rule_under = Some(1.0);
            motto.after = size * 0.5;
            let right = vec![republic, motto, centred(&head.place_date, Style::Italic, size)];
            (left, right, vec![0.42, 0.58])
        }
    };
    Block::Columns(Columns { widths, columns: vec![left, right], keep_together: true })
}

/// Signature blocks side by side, each: on whose behalf, the title, the hint, room for signature and seal, the name.
pub(crate) fn signatures(signatures: &[Signature], sizes: Sizes) -> Vec<Block> {
    let size = sizes.body;
    let columns: Vec<Vec<Para>> = signatures
        .iter()
        .map(|s| {
            let mut lines = Vec::new();
            if !s.on_behalf.is_empty() {
                lines.push(para(vec![span(&s.on_behalf, Style::Bold)], size, Align::Center));
            }
            lines.push(para(vec![span(&s.title, Style::Bold)], size, Align::Center));
            let mut hint = para(vec![span("(Ký, ghi rõ họ tên)", Style::Italic)], size - 1.0, Align::Center);
            hint.after = size * 4.5;
            lines.push(hint);
            lines.push(para(vec![span(if s.name.is_empty() { " " } else { &s.name }, Style::Bold)], size, Align::Center));
            lines
        })
        .collect();
    if columns.is_empty() {
        return Vec::new();
    }
    // One signature sits on the right half, as on paper.
    let (widths, columns) =
        if columns.len() == 1 { (vec![1.0, 1.0], vec![Vec::new(), columns[0].clone()]) } else { (vec![1.0; columns.len()], columns) };
    vec![Block::Space(size), Block::Columns(Columns { widths, columns, keep_together: true })]
}
