//! The same blocks as a Word document (DOCX), for the secretary who completes the opinions in Word before the
//! minutes are signed (issue 16). The layout follows the PDF: A4 in the office's margins, Times New Roman at the
//! office's size, the Party or State header side by side in a borderless table with the short rules under
//! "ĐẢNG CỘNG SẢN VIỆT NAM" and the motto, tables with their header row repeated on every page, signature blocks
//! that do not split, page numbers at the top centre from the second page (DOCUMENTS.md).
//!
//! Written by hand rather than with a DOCX crate: the one maintained writer (docx-rs 0.4) cannot mark a table's
//! header row to repeat on each page, which every list here needs, and the subset of WordprocessingML these blocks
//! use is small. Element order inside `pPr`, `rPr`, `tblPr`, `tcPr` and `sectPr` follows the schema (ECMA-376
//! part 1, §17), which Word checks strictly; LibreOffice reads the files back in the tests.

use crate::error::{DocumentError, Result};
use crate::fonts::{FontSet, Style};
use crate::layout::{Align, Bar, Block, Cell, Columns, Para, Row, Span, Table};
use crate::settings::RenderOptions;
use crate::views::DocumentView;
use std::io::Write;
use unicode_normalization::UnicodeNormalization;

/// A4 in twentieths of a point.
const A4_SHORT: u32 = 11_906;
const A4_LONG: u32 = 16_838;
const TWIPS_PER_MM: f32 = 56.692_914;
/// Word's "single" line is about 1.15 of the size for Times New Roman; 250/240 of it gives the PDF's 1.2.
const LINE_AUTO: u32 = 250;
const FONT: &str = "Times New Roman";
/// Cell padding of the PDF's tables (layout.rs: 3 pt across, 2,5 pt down).
const CELL_PAD_X: u32 = 60;
const CELL_PAD_Y: u32 = 50;

fn twips(points: f32) -> i64 {
    (points * 20.0).round() as i64
}

fn half_points(size: f32) -> i64 {
    (size * 2.0).round() as i64
}

/// Text as XML character data: NFC, the five escapes, and the control characters XML 1.0 cannot carry dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.nfc() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(ch),
            // XML 1.0 carries neither the C0 controls nor U+FFFE / U+FFFF.
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn jc(align: Align) -> &'static str {
    match align {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
        Align::Justify => "both",
    }
}

fn run_properties(style: Style, size: f32) -> String {
    let weight = match style {
        Style::Regular => "",
        Style::Bold => "<w:b/><w:bCs/>",
        Style::Italic => "<w:i/><w:iCs/>",
        Style::BoldItalic => "<w:b/><w:bCs/><w:i/><w:iCs/>",
    };
    let hp = half_points(size);
    format!("<w:rPr>{weight}<w:sz w:val=\"{hp}\"/><w:szCs w:val=\"{hp}\"/></w:rPr>")
}

/// One span as runs; a line break in the text is a line break in the paragraph.
fn runs(spans: &[Span], size: f32, out: &mut String) {
    for span in spans {
        let properties = run_properties(span.style, size);
        for (i, line) in span.text.split('\n').enumerate() {
            out.push_str("<w:r>");
            out.push_str(&properties);
            if i > 0 {
                out.push_str("<w:br/>");
            }
            if !line.is_empty() {
                out.push_str(&format!("<w:t xml:space=\"preserve\">{}</w:t>", escape(line)));
            }
            out.push_str("</w:r>");
        }
    }
}

/// Paragraph properties in schema order: keepNext, keepLines, pBdr, tabs, spacing, ind, jc, rPr.
#[derive(Default)]
struct ParagraphLook<'a> {
    keep_next: bool,
    keep_lines: bool,
    border_bottom: bool,
    dot_tab_at: Option<i64>,
    before: i64,
    after: i64,
    /// Exact line height in twips, or Word's auto spacing.
    exact_line: Option<i64>,
    indent: (i64, i64, i64),
    align: Option<Align>,
    mark: &'a str,
}

impl ParagraphLook<'_> {
    fn write(&self, out: &mut String) {
        out.push_str("<w:pPr>");
        if self.keep_next {
            out.push_str("<w:keepNext/>");
        }
        if self.keep_lines {
            out.push_str("<w:keepLines/>");
        }
        if self.border_bottom {
            out.push_str("<w:pBdr><w:bottom w:val=\"single\" w:sz=\"5\" w:space=\"0\" w:color=\"000000\"/></w:pBdr>");
        }
        if let Some(at) = self.dot_tab_at {
            out.push_str(&format!("<w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"{at}\"/></w:tabs>"));
        }
        match self.exact_line {
            Some(line) => out.push_str(&format!(
                "<w:spacing w:before=\"{}\" w:after=\"{}\" w:line=\"{line}\" w:lineRule=\"exact\"/>",
                self.before, self.after
            )),
            None => out.push_str(&format!(
                "<w:spacing w:before=\"{}\" w:after=\"{}\" w:line=\"{LINE_AUTO}\" w:lineRule=\"auto\"/>",
                self.before, self.after
            )),
        }
        let (left, right, first) = self.indent;
        if (left, right, first) != (0, 0, 0) {
            out.push_str(&format!("<w:ind w:left=\"{left}\" w:right=\"{right}\" w:firstLine=\"{first}\"/>"));
        }
        if let Some(align) = self.align {
            out.push_str(&format!("<w:jc w:val=\"{}\"/>", jc(align)));
        }
        out.push_str(self.mark);
        out.push_str("</w:pPr>");
    }
}

struct Writer<'f> {
    fonts: &'f FontSet,
    out: String,
    /// The last paragraph written keeps with what follows: a space after it must keep too, or the chain breaks
    /// there (the closing sentence of the minutes and the signatures after a space).
    keeping: bool,
}

impl Writer<'_> {
    /// `width`: the text width the paragraph sits in, in points (for the rule under it).
    fn para(&mut self, p: &Para, width: f32, keep_next: bool) {
        self.out.push_str("<w:p>");
        ParagraphLook {
            keep_next: keep_next || p.keep_with_next || p.rule_under.is_some(),
            before: twips(p.before),
            after: if p.rule_under.is_some() { 0 } else { twips(p.after) },
            indent: (0, 0, twips(p.first_indent)),
            align: Some(p.align),
            ..ParagraphLook::default()
        }
        .write(&mut self.out);
        runs(&p.spans, p.size, &mut self.out);
        self.out.push_str("</w:p>");
        if let Some(fraction) = p.rule_under {
            self.rule_under(p, width, fraction, keep_next);
        }
    }

    /// The short centred rule under a header line: an empty paragraph two points high whose bottom border runs
    /// between indents set so that it is `fraction` of the paragraph's widest line, as on the PDF.
    fn rule_under(&mut self, p: &Para, width: f32, fraction: f32, keep_next: bool) {
        let widest = widest_line(self.fonts, &p.spans, p.size).min(width);
        let side = ((width - widest * fraction) / 2.0).max(0.0);
        self.out.push_str("<w:p>");
        ParagraphLook {
            keep_next,
            border_bottom: true,
            after: twips(p.after),
            exact_line: Some(40),
            indent: (twips(side), twips(side), 0),
            mark: "<w:rPr><w:sz w:val=\"4\"/><w:szCs w:val=\"4\"/></w:rPr>",
            ..ParagraphLook::default()
        }
        .write(&mut self.out);
        self.out.push_str("</w:p>");
    }

    fn space(&mut self, height: f32) {
        self.out.push_str("<w:p>");
        ParagraphLook {
            keep_next: self.keeping,
            exact_line: Some(twips(height).max(20)),
            mark: "<w:rPr><w:sz w:val=\"2\"/><w:szCs w:val=\"2\"/></w:rPr>",
            ..ParagraphLook::default()
        }
        .write(&mut self.out);
        self.out.push_str("</w:p>");
    }

    /// Lines to write on by hand: a right tab with a dot leader across the text width, as Word users make them.
    fn dots(&mut self, lines: usize, size: f32, width: f32) {
        for _ in 0..lines {
            self.out.push_str("<w:p>");
            ParagraphLook { dot_tab_at: Some(twips(width)), ..ParagraphLook::default() }.write(&mut self.out);
            self.out.push_str(&format!("<w:r>{}<w:tab/></w:r></w:p>", run_properties(Style::Regular, size)));
        }
    }

    fn table_start(&mut self, grid: &[i64], borders: bool, pad: (u32, u32)) {
        let total: i64 = grid.iter().sum();
        self.out.push_str(&format!("<w:tbl><w:tblPr><w:tblW w:w=\"{total}\" w:type=\"dxa\"/>"));
        let line = if borders { "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"" } else { "w:val=\"nil\"" };
        self.out.push_str("<w:tblBorders>");
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            self.out.push_str(&format!("<w:{side} {line}/>"));
        }
        self.out.push_str("</w:tblBorders><w:tblLayout w:type=\"fixed\"/>");
        let (across, down) = pad;
        self.out.push_str(&format!(
            "<w:tblCellMar><w:top w:w=\"{down}\" w:type=\"dxa\"/><w:left w:w=\"{across}\" w:type=\"dxa\"/><w:bottom w:w=\"{down}\" w:type=\"dxa\"/><w:right w:w=\"{across}\" w:type=\"dxa\"/></w:tblCellMar>"
        ));
        self.out.push_str("</w:tblPr><w:tblGrid>");
        for w in grid {
            self.out.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
        }
        self.out.push_str("</w:tblGrid>");
    }

    fn cell(&mut self, width: i64, span: usize, cell: &Cell, size: f32, keep_next: bool) {
        self.out.push_str(&format!("<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>"));
        if span > 1 {
            self.out.push_str(&format!("<w:gridSpan w:val=\"{span}\"/>"));
        }
        self.out.push_str("</w:tcPr><w:p>");
        ParagraphLook { keep_next, align: Some(cell.align), ..ParagraphLook::default() }.write(&mut self.out);
        runs(&cell.spans, size, &mut self.out);
        self.out.push_str("</w:p></w:tc>");
    }

    fn table(&mut self, t: &Table, width: f32, keep: bool) {
        let mut grid = shares(&t.widths, width);
        self.widen_for_words(&mut grid, t);
        self.table_start(&grid, true, (CELL_PAD_X, CELL_PAD_Y));
        self.out.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
        for (cell, w) in t.header.iter().zip(&grid) {
            self.cell(*w, 1, cell, t.size, true);
        }
        self.out.push_str("</w:tr>");
        for row in &t.rows {
            self.out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            match row {
                Row::Cells(cells) => {
                    for (cell, w) in cells.iter().zip(&grid) {
                        self.cell(*w, 1, cell, t.size, keep);
                    }
                }
                Row::Band(spans) => {
                    let band = Cell { spans: spans.clone(), align: Align::Left };
                    // A group's name stays with its first row.
                    self.cell(grid.iter().sum(), grid.len(), &band, t.size, true);
                }
            }
            self.out.push_str("</w:tr>");
        }
        self.out.push_str("</w:tbl>");
        self.after_table(keep);
    }

    /// Word breaks a word that does not fit its cell ("STT" as "ST" over "T"), where our PDF layout, with its
    /// own metrics, fitted it. A column narrower than its longest word takes the difference from the column with
    /// the most room to spare.
    fn widen_for_words(&self, grid: &mut [i64], t: &Table) {
        // Word's and LibreOffice's own rounding and the borders take a little more than the measured text.
        const SLACK: i64 = 40;
        let needs: Vec<i64> = (0..grid.len())
            .map(|i| {
                let cells = t.header.get(i).into_iter().chain(t.rows.iter().filter_map(|r| match r {
                    Row::Cells(cells) => cells.get(i),
                    Row::Band(_) => None,
                }));
                let widest = cells
                    .flat_map(|c| c.spans.iter())
                    .flat_map(|s| s.text.split_whitespace().map(move |w| self.fonts.width(w, s.style, t.size)))
                    .fold(0.0, f32::max);
                twips(widest) + 2 * CELL_PAD_X as i64 + SLACK
            })
            .collect();
        for i in 0..grid.len() {
            let short = needs[i] - grid[i];
            if short <= 0 {
                continue;
            }
            let donor = (0..grid.len()).filter(|&j| j != i).max_by_key(|&j| grid[j] - needs[j]);
            if let Some(j) = donor.filter(|&j| grid[j] - needs[j] >= short) {
                grid[j] -= short;
                grid[i] += short;
            }
        }
    }

    /// Side-by-side columns (the header, the signatures) as a borderless table of one row that does not split.
    fn columns(&mut self, c: &Columns, width: f32, keep_next: bool) {
        let grid = shares(&c.widths, width);
        self.table_start(&grid, false, (0, 30));
        self.out.push_str(if c.keep_together { "<w:tr><w:trPr><w:cantSplit/></w:trPr>" } else { "<w:tr>" });
        for (column, w) in c.columns.iter().zip(&grid) {
            self.out.push_str(&format!("<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/></w:tcPr>"));
            if column.is_empty() {
                self.out.push_str("<w:p/>");
            }
            for p in column {
                self.para(p, *w as f32 / 20.0, keep_next);
            }
            self.out.push_str("</w:tc>");
        }
        self.out.push_str("</w:tr></w:tbl>");
        self.after_table(keep_next);
    }

    /// A QR code as a grid of filled cells.
    fn squares(&mut self, rows: &[Vec<bool>], module: f32, width: f32) {
        let side = rows.len();
        let cell = twips(module);
        let indent = ((twips(width) - cell * side as i64) / 2).max(0);
        let grid = vec![cell; side];
        let total = cell * side as i64;
        self.out.push_str(&format!(
            "<w:tbl><w:tblPr><w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:tblInd w:w=\"{indent}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>"
        ));
        for w in &grid {
            self.out.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
        }
        self.out.push_str("</w:tblGrid>");
        for row in rows {
            self.out.push_str(&format!("<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val=\"{cell}\" w:hRule=\"exact\"/></w:trPr>"));
            for dark in row {
                let fill = if *dark { "000000" } else { "FFFFFF" };
                self.out.push_str(&format!(
                    "<w:tc><w:tcPr><w:tcW w:w=\"{cell}\" w:type=\"dxa\"/><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{fill}\"/></w:tcPr><w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"{cell}\" w:lineRule=\"exact\"/><w:rPr><w:sz w:val=\"2\"/></w:rPr></w:pPr></w:p></w:tc>"
                ));
            }
            self.out.push_str("</w:tr>");
        }
        self.out.push_str("</w:tbl>");
        self.after_table(false);
    }

    /// A bar chart as a borderless table: the label, then a track of a hundred narrow columns of which the bar fills
    /// its share, then the figure. The bar is a shaded paragraph, not a shaded cell, so that the cells' top and bottom
    /// margins leave white between one bar and the next, as on the PDF.
    fn bars(&mut self, bars: &[Bar], size: f32, width: f32) {
        const STEPS: usize = 100;
        let label = twips(width * 0.36);
        let figure = twips(size * 6.0);
        let step = ((twips(width) - label - figure) / STEPS as i64).max(1);
        let mut grid = vec![label];
        grid.extend(std::iter::repeat_n(step, STEPS));
        grid.push(figure);
        self.table_start(&grid, false, (0, 0));
        for bar in bars {
            let filled = (bar.value.clamp(0.0, 1.0) * STEPS as f32).round() as usize;
            self.out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            self.cell(label, 1, &Cell { spans: vec![Span::new(bar.label.clone(), Style::Regular)], align: Align::Left }, size, true);
            for (span, fill) in [(filled, "000000"), (STEPS - filled, "FFFFFF")] {
                if span == 0 {
                    continue;
                }
                self.out.push_str(&format!(
                    "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/><w:gridSpan w:val=\"{span}\"/><w:vAlign w:val=\"center\"/></w:tcPr><w:p><w:pPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{fill}\"/><w:spacing w:before=\"0\" w:after=\"0\"/><w:rPr><w:sz w:val=\"{}\"/></w:rPr></w:pPr></w:p></w:tc>",
                    step * span as i64,
                    (size * 1.4).round() as i64
                ));
            }
            self.cell(figure, 1, &Cell { spans: vec![Span::new(bar.text.clone(), Style::Regular)], align: Align::Left }, size, true);
            self.out.push_str("</w:tr>");
        }
        self.out.push_str("</w:tbl>");
        self.after_table(false);
    }

    /// Word needs a paragraph between two tables, or it joins them into one; and a body cannot end in a table.
    fn after_table(&mut self, keep_next: bool) {
        self.keeping = keep_next;
        self.space(1.0);
    }

    fn block(&mut self, b: &Block, width: f32, keep: bool) {
        match b {
            Block::Para(p) => {
                self.para(p, width, keep);
                self.keeping = keep || p.keep_with_next;
                return;
            }
            Block::Space(h) => {
                self.keeping |= keep;
                self.space(*h);
                return;
            }
            Block::Dots { lines, size } => self.dots(*lines, *size, width),
            Block::Table(t) => self.table(t, width, keep),
            Block::Columns(c) => self.columns(c, width, keep),
            Block::Squares { rows, module } => self.squares(rows, *module, width),
            Block::Bars { bars, size } => self.bars(bars, *size, width),
            Block::Keep(kept) => {
                // Everything but the last block keeps with what follows, so the group moves to a new page whole
                // when it does not fit, as the PDF does.
                for (i, inner) in kept.iter().enumerate() {
                    self.block(inner, width, keep || i + 1 < kept.len());
                }
            }
        }
        self.keeping = false;
    }
}

/// The widest line of a paragraph set on one line per `\n`, in points.
fn widest_line(fonts: &FontSet, spans: &[Span], size: f32) -> f32 {
    let mut widest: f32 = 0.0;
    let mut current: f32 = 0.0;
    for span in spans {
        for (i, piece) in span.text.split('\n').enumerate() {
            if i > 0 {
                widest = widest.max(current);
                current = 0.0;
            }
            current += fonts.width(piece, span.style, size);
        }
    }
    widest.max(current)
}

/// Relative widths as twips that add up to the available width.
fn shares(widths: &[f32], available: f32) -> Vec<i64> {
    let total: f32 = widths.iter().sum::<f32>().max(f32::EPSILON);
    let full = twips(available);
    let mut grid: Vec<i64> = widths.iter().map(|w| (twips(available * w / total)).max(1)).collect();
    let before_last: i64 = grid.iter().rev().skip(1).sum();
    if let Some(last) = grid.last_mut() {
        *last = (full - before_last).max(1);
    }
    grid
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/></Relationships>"#;

const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#;

const W_NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

fn styles(body_size: f32) -> String {
    let hp = half_points(body_size);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {W_NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/><w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="{LINE_AUTO}" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#
    )
}

/// The page number at the top centre (header1, every page but the first) and none on the first page (header2);
/// the banner, when there is one, at the top right of both.
fn headers(number_size: f32, banner: Option<&str>) -> (String, String) {
    let hp = half_points(number_size);
    let r = format!("<w:rPr><w:sz w:val=\"{hp}\"/><w:szCs w:val=\"{hp}\"/></w:rPr>");
    let banner = banner.filter(|b| !b.trim().is_empty()).map_or(String::new(), |text| {
        let mut p = String::from("<w:p><w:pPr><w:jc w:val=\"right\"/></w:pPr>");
        runs(&[Span::new(text, Style::BoldItalic)], (number_size - 2.0).max(9.0), &mut p);
        p.push_str("</w:p>");
        p
    });
    let numbered = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr {W_NS}>{banner}<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r>{r}<w:fldChar w:fldCharType="begin"/></w:r><w:r>{r}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r>{r}<w:fldChar w:fldCharType="separate"/></w:r><w:r>{r}<w:t>2</w:t></w:r><w:r>{r}<w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>"#
    );
    let first = if banner.is_empty() { "<w:p/>".to_string() } else { banner };
    let blank = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr {W_NS}>{first}</w:hdr>"#
    );
    (numbered, blank)
}

fn core_properties(title: &str, created: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>Thước Đo</dc:creator><dc:language>vi-VN</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{created}</dcterms:modified></cp:coreProperties>"#,
        escape(title)
    )
}

const APP_PROPERTIES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Thước Đo</Application></Properties>"#;

/// Lays out any document as DOCX bytes. With `options.fixed_date` the bytes depend only on the view and the
/// settings.
pub fn render_docx(view: &DocumentView, options: &RenderOptions) -> Result<Vec<u8>> {
    let settings = options.settings.sane();
    let body = settings.body_size_pt as f32;
    let sizes = crate::templates::Sizes::from_body(body);
    let landscape = crate::templates::landscape(view);
    let (page_w, page_h) = if landscape { (A4_LONG, A4_SHORT) } else { (A4_SHORT, A4_LONG) };
    let margin = |mm: u32| (mm as f32 * TWIPS_PER_MM).round() as i64;
    let (top, bottom, left, right) = (
        margin(settings.margin_top_mm),
        margin(settings.margin_bottom_mm),
        margin(settings.margin_left_mm),
        margin(settings.margin_right_mm),
    );
    let text_width = (page_w as i64 - left - right) as f32 / 20.0;

    // Widths are measured with Liberation Serif, whose metrics are those of Times New Roman.
    let fonts = FontSet::load(crate::fonts::FontChoice::Liberation)?;
    let mut writer = Writer { fonts: &fonts, out: String::new(), keeping: false };
    for b in crate::templates::blocks(view, sizes) {
        writer.block(&b, text_width, false);
    }
    let orient = if landscape { " w:orient=\"landscape\"" } else { "" };
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W_NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{}<w:sectPr><w:headerReference w:type="default" r:id="rId3"/><w:headerReference w:type="first" r:id="rId4"/><w:pgSz w:w="{page_w}" w:h="{page_h}"{orient}/><w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="{}" w:footer="{}" w:gutter="0"/><w:titlePg/></w:sectPr></w:body></w:document>"#,
        writer.out,
        top / 2,
        bottom / 2
    );
    let (numbered, blank) = headers(body, options.banner.as_deref());
    let created = options.fixed_date.unwrap_or_else(chrono::Utc::now).format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let parts: [(&str, String); 10] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", PACKAGE_RELS.to_string()),
        ("docProps/core.xml", core_properties(&crate::templates::title(view), &created)),
        ("docProps/app.xml", APP_PROPERTIES.to_string()),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/styles.xml", styles(body)),
        ("word/settings.xml", SETTINGS.to_string()),
        ("word/header1.xml", numbered),
        ("word/header2.xml", blank),
    ];
    package(&parts).map_err(|e| DocumentError::Docx(e.to_string()))
}

/// The parts zipped with a fixed timestamp, so the same document makes the same bytes.
fn package(parts: &[(&str, String)]) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, text) in parts {
        zip.start_file(*name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples;
    use std::io::Read;

    fn part(bytes: &[u8], name: &str) -> String {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut text = String::new();
        archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
        text
    }

    fn fixed() -> RenderOptions {
        RenderOptions { fixed_date: Some(chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap()), ..RenderOptions::default() }
    }

    #[test]
    fn minutes_carry_the_party_header_the_text_and_a_repeating_table_header() {
        let view = DocumentView::Minutes(samples::minutes(samples::voted_subjects()));
        let bytes = render_docx(&view, &fixed()).unwrap();
        let document = part(&bytes, "word/document.xml");
        assert!(document.contains("ĐẢNG CỘNG SẢN VIỆT NAM"));
        assert!(document.contains("BIÊN BẢN"));
        assert!(document.contains("<w:tblHeader/>"), "a table's header row repeats on each page");
        assert!(document.contains("w:pBdr"), "the rule under the Party's name");
        assert!(document.contains("<w:titlePg/>"), "no number on the first page");
        let styles = part(&bytes, "word/styles.xml");
        assert!(styles.contains("Times New Roman") && styles.contains("w:val=\"28\""), "Times New Roman 14 pt by default");
    }

    #[test]
    fn the_same_document_makes_the_same_bytes_and_text_is_nfc() {
        let view = DocumentView::Minutes(samples::minutes(samples::voted_subjects()));
        assert_eq!(render_docx(&view, &fixed()).unwrap(), render_docx(&view, &fixed()).unwrap());
        assert_eq!(escape("Nguye\u{0302}\u{0303}n & <b>\u{1}"), "Nguyễn &amp; &lt;b&gt;");
    }

    #[test]
    fn a_demo_banner_heads_every_page_and_is_absent_otherwise() {
        let view = DocumentView::Minutes(samples::minutes(samples::voted_subjects()));
        let banner = RenderOptions { banner: Some("DỮ LIỆU MẪU".into()), ..fixed() };
        let bytes = render_docx(&view, &banner).unwrap();
        assert!(part(&bytes, "word/header1.xml").contains("DỮ LIỆU MẪU"));
        assert!(part(&bytes, "word/header2.xml").contains("DỮ LIỆU MẪU"), "the first page too");
        let plain = render_docx(&view, &fixed()).unwrap();
        assert!(!part(&plain, "word/header1.xml").contains("DỮ LIỆU") && !part(&plain, "word/header2.xml").contains("DỮ LIỆU"));
    }

    #[test]
    fn a_landscape_list_turns_the_page() {
        let view = DocumentView::Monthly(samples::monthly_of(40));
        let document = part(&render_docx(&view, &fixed()).unwrap(), "word/document.xml");
        assert!(document.contains("w:orient=\"landscape\"") && document.contains("w:w=\"16838\""));
    }

    #[test]
    fn a_narrow_column_is_widened_so_that_no_word_breaks() {
        let fonts = FontSet::load(crate::fonts::FontChoice::Liberation).unwrap();
        let writer = Writer { fonts: &fonts, out: String::new(), keeping: false };
        let cell = |text: &str| Cell { spans: vec![Span::new(text, Style::Bold)], align: Align::Center };
        let table = Table {
            widths: vec![1.0, 30.0],
            header: vec![cell("STT"), cell("Họ và tên")],
            rows: vec![Row::Cells(vec![cell("1"), cell("Nguyễn Văn An")])],
            size: 13.0,
        };
        let mut grid = shares(&table.widths, 480.0);
        let before: i64 = grid.iter().sum();
        writer.widen_for_words(&mut grid, &table);
        assert_eq!(grid.iter().sum::<i64>(), before, "the table keeps its width");
        assert!(grid[0] >= twips(fonts.width("STT", Style::Bold, 13.0)) + 2 * CELL_PAD_X as i64, "{grid:?}");
    }

    #[test]
    fn shares_fill_the_width_exactly() {
        let grid = shares(&[1.0, 2.0, 3.0], 481.9);
        assert_eq!(grid.iter().sum::<i64>(), twips(481.9));
        assert!(grid[0] < grid[1] && grid[1] < grid[2]);
    }
}
