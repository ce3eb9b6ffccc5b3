//! From laid-out pages to PDF bytes with printpdf: the used faces embedded as subsets, text NFC, and nothing in
//! the file that changes between two runs on the same data when the date is fixed.

use crate::fonts::{FontSet, Style};
use crate::layout::{Block, Composer, Frame, Mark, Page};
use crate::settings::RenderOptions;
use crate::{DocumentError, Rendered, Result};
use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, TextItem, TextMatrix,
};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use unicode_normalization::UnicodeNormalization;

const A4_WIDTH_MM: f32 = 210.0;
const A4_HEIGHT_MM: f32 = 297.0;
const PT_PER_MM: f32 = 72.0 / 25.4;

/// Resource names double as the six-letter subset tags ("ABCDEF+Font"), so they are six capitals and fixed:
/// random ones (printpdf's default) would make every file different.
fn font_id(style: Style) -> FontId {
    FontId(
        match style {
            Style::Regular => "TDOREG",
            Style::Bold => "TDOBLD",
            Style::Italic => "TDOITA",
            Style::BoldItalic => "TDOBIT",
        }
        .to_string(),
    )
}

/// The page's width and height in millimetres: A4 portrait, or turned for a wide list. The margins stay on the
/// same sides of the page as it is read.
fn page_mm(landscape: bool) -> (f32, f32) {
    if landscape {
        (A4_HEIGHT_MM, A4_WIDTH_MM)
    } else {
        (A4_WIDTH_MM, A4_HEIGHT_MM)
    }
}

fn frame(options: &RenderOptions, landscape: bool) -> Frame {
    let s = options.settings.sane();
    let (width, height) = page_mm(landscape);
    Frame {
        page_width: width * PT_PER_MM,
        page_height: height * PT_PER_MM,
        top: s.margin_top_mm as f32 * PT_PER_MM,
        bottom: s.margin_bottom_mm as f32 * PT_PER_MM,
        left: s.margin_left_mm as f32 * PT_PER_MM,
        right: s.margin_right_mm as f32 * PT_PER_MM,
        number_size: s.body_size_pt as f32,
    }
}

/// Coordinates to a hundredth of a point: finer than any printer, and short numbers keep the file small.
fn round(value: f32) -> f32 {
    (value * 100.0).round() / 100.0
}

fn page_ops(page: &Page, page_height: f32) -> Vec<Op> {
    let mut ops = vec![Op::SetFillColor { col: Color::Greyscale(Greyscale { percent: 0.0, icc_profile: None }) }];
    let mut in_text = false;
    let mut current: Option<(Style, u32)> = None;
    for mark in &page.marks {
        if let Mark::Text { x, baseline, style, size, text } = mark {
            if !in_text {
                ops.push(Op::StartTextSection);
                in_text = true;
            }
            let key = (*style, (size * 100.0).round() as u32);
            if current != Some(key) {
                ops.push(Op::SetFont { font: PdfFontHandle::External(font_id(*style)), size: Pt(*size) });
                current = Some(key);
            }
            ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(round(*x)), Pt(round(page_height - baseline))) });
            ops.push(Op::ShowText { items: vec![TextItem::Text(text.nfc().collect())] });
        }
    }
    if in_text {
        ops.push(Op::EndTextSection);
    }
    let mut width = None;
    for (x1, y1, x2, y2, w) in page.merged_rules() {
        if width != Some(w) {
            ops.push(Op::SetOutlineThickness { pt: Pt(w) });
            width = Some(w);
        }
        let point = |x: f32, y: f32| LinePoint { p: Point { x: Pt(round(x)), y: Pt(round(page_height - y)) }, bezier: false };
        ops.push(Op::DrawLine { line: Line { points: vec![point(x1, y1), point(x2, y2)], is_closed: false } });
    }
    ops
}

fn used_styles(pages: &[Page]) -> BTreeSet<Style> {
    pages
        .iter()
        .flat_map(|p| p.marks.iter())
        .filter_map(|m| match m {
            Mark::Text { style, .. } => Some(*style),
            Mark::Line { .. } => None,
        })
        .collect()
}

/// printpdf draws the trailer's /ID from a counter that moves with every document; the ID becomes a digest of
/// the file instead (same length, so no offset moves), which is also what the ID is meant to be.
fn stable_trailer_id(mut bytes: Vec<u8>) -> Vec<u8> {
    let Some(trailer) = bytes.windows(7).rposition(|w| w == b"trailer") else {
        return bytes;
    };
    let digest = Sha256::digest(&bytes[..trailer]);
    let letters: Vec<u8> = digest.iter().flat_map(|b| [b'A' + (b >> 4), b'A' + (b & 0x0F)]).collect();
    let Some(id_at) = bytes[trailer..].windows(5).position(|w| w == b"/ID[(").map(|p| trailer + p + 5) else {
        return bytes;
    };
    let mut at = id_at;
    for half in letters.chunks(32).take(2) {
        let Some(close) = bytes[at..].iter().position(|b| *b == b')') else {
            return bytes;
        };
        if close == half.len() {
            bytes[at..at + close].copy_from_slice(half);
        }
        // Past ")(" to the second string.
        at += close + 2;
    }
    bytes
}

fn pdf_date(options: &RenderOptions) -> printpdf::OffsetDateTime {
    let seconds = options.fixed_date.unwrap_or_else(chrono::Utc::now).timestamp();
    printpdf::OffsetDateTime::from_unix_timestamp(seconds)
        .unwrap_or_else(|_| printpdf::OffsetDateTime::from_unix_timestamp(0).expect("epoch"))
}

pub(crate) fn write(title: &str, blocks: &[Block], landscape: bool, options: &RenderOptions) -> Result<Rendered> {
    let fonts = FontSet::load(options.settings.font)?;
    let frame = frame(options, landscape);
    let mut composer = Composer::new(&fonts, frame);
    composer.flow(blocks);
    let pages = composer.finish(options.banner.as_deref());

    let mut document = PdfDocument::new(&title.nfc().collect::<String>());
    for style in used_styles(&pages) {
        let mut warnings = Vec::new();
        let parsed = printpdf::ParsedFont::from_bytes(&fonts.face(style).bytes, 0, &mut warnings)
            .ok_or_else(|| DocumentError::Font(format!("{style:?}")))?;
        document.resources.fonts.map.insert(font_id(style), printpdf::font::PdfFont::new(parsed));
    }
    let date = pdf_date(options);
    document.metadata.info.creation_date = date;
    document.metadata.info.modification_date = date;
    document.metadata.info.producer = "Thước Đo".into();
    document.metadata.info.creator = "Thước Đo".into();
    let (width, height) = page_mm(landscape);
    let pdf_pages: Vec<PdfPage> = pages.iter().map(|page| PdfPage::new(Mm(width), Mm(height), page_ops(page, frame.page_height))).collect();
    let count = pdf_pages.len();
    let document = document.with_pages(pdf_pages);
    let mut warnings = Vec::new();
    let bytes = document.save(&PdfSaveOptions::default(), &mut warnings);
    if bytes.is_empty() {
        return Err(DocumentError::Pdf("printpdf returned nothing".into()));
    }
    Ok(Rendered { bytes: stable_trailer_id(bytes), pages: count })
}
