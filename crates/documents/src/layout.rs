//! Our own small layout layer: blocks (paragraphs, tables, side-by-side columns) set on pages of a fixed size.
//! It wraps words by measured width, aligns, repeats a table's header row on every page it runs onto, keeps a
//! heading with what follows and a signature block in one piece, and numbers pages from the second on. All
//! positions are points from the page's top-left corner; the PDF writer flips them.

use crate::fonts::{FontSet, Style};

/// Line height as a multiple of the type size (DOCUMENTS.md: about 1.2).
const LEADING: f32 = 1.2;
/// Where the baseline sits below the top of a line box, as a multiple of the size.
const BASELINE: f32 = 0.93;
const CELL_PAD_X: f32 = 3.0;
const CELL_PAD_Y: f32 = 2.5;
const RULE_WIDTH: f32 = 0.6;
const BORDER_WIDTH: f32 = 0.5;

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Span {
    pub text: String,
    pub style: Style,
}

impl Span {
    pub(crate) fn new(text: impl Into<String>, style: Style) -> Span {
        Span { text: text.into(), style }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
    Justify,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Para {
    pub spans: Vec<Span>,
    pub size: f32,
    pub align: Align,
    pub first_indent: f32,
    pub before: f32,
    pub after: f32,
    /// A heading: moved to the next page rather than left alone at the bottom of one.
    pub keep_with_next: bool,
    /// A short rule centred under the paragraph, as wide as that fraction of its widest line.
    pub rule_under: Option<f32>,
}

impl Para {
    pub(crate) fn new(spans: Vec<Span>, size: f32, align: Align) -> Para {
        Para { spans, size, align, first_indent: 0.0, before: 0.0, after: 0.0, keep_with_next: false, rule_under: None }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cell {
    pub spans: Vec<Span>,
    pub align: Align,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Row {
    Cells(Vec<Cell>),
    /// A row across every column: the name of a group of rows.
    Band(Vec<Span>),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table {
    /// Relative column widths.
    pub widths: Vec<f32>,
    pub header: Vec<Cell>,
    pub rows: Vec<Row>,
    pub size: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Columns {
    /// Relative widths of the columns.
    pub widths: Vec<f32>,
    pub columns: Vec<Vec<Para>>,
    /// Kept on one page: a signature block is never split.
    pub keep_together: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    Para(Para),
    Table(Table),
    Columns(Columns),
    Space(f32),
    /// Lines of dots to write on by hand, where something was not recorded.
    Dots {
        lines: usize,
        size: f32,
    },
    /// A square pattern of dark and light modules (a QR code), centred, each module `module` points wide, with
    /// the quiet zone the pattern itself includes.
    Squares {
        rows: Vec<Vec<bool>>,
        module: f32,
    },
    /// Blocks set on one page when they fit on one: the closing totals of a list with its signatures, so that the
    /// signatures never stand alone on the last page.
    Keep(Vec<Block>),
    /// A horizontal bar chart, drawn as strokes (vector, black, read without colour), kept on one page.
    Bars {
        bars: Vec<Bar>,
        size: f32,
    },
}

/// One bar of a chart: what it counts, its length as a share of the whole (0 to 1), and the figure after it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Bar {
    pub label: String,
    pub value: f32,
    pub text: String,
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Mark {
    Text { x: f32, baseline: f32, style: Style, size: f32, text: String },
    Line { x1: f32, y1: f32, x2: f32, y2: f32, width: f32 },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Page {
    pub marks: Vec<Mark>,
}

/// A straight rule: (x1, y1, x2, y2, width).
pub(crate) type Segment = (f32, f32, f32, f32, f32);

impl Page {
    /// The page's rules with touching pieces joined: a table draws every row's borders, and adjacent rows share
    /// them, so a column line becomes one stroke instead of one per row (a smaller file, the same picture).
    pub(crate) fn merged_rules(&self) -> Vec<Segment> {
        use std::collections::BTreeMap;
        let key = |v: f32| (v * 100.0).round() as i64;
        // Horizontal runs keyed by (y, width), vertical ones by (x, width); each a list of [from, to].
        let mut horizontal: BTreeMap<(i64, i64), Vec<(f32, f32)>> = BTreeMap::new();
        let mut vertical: BTreeMap<(i64, i64), Vec<(f32, f32)>> = BTreeMap::new();
        let mut other = Vec::new();
        for mark in &self.marks {
            if let Mark::Line { x1, y1, x2, y2, width } = *mark {
                if key(y1) == key(y2) {
                    horizontal.entry((key(y1), key(width))).or_default().push((x1.min(x2), x1.max(x2)));
                } else if key(x1) == key(x2) {
                    vertical.entry((key(x1), key(width))).or_default().push((y1.min(y2), y1.max(y2)));
                } else {
                    other.push((x1, y1, x2, y2, width));
                }
            }
        }
        fn join(mut runs: Vec<(f32, f32)>) -> Vec<(f32, f32)> {
            runs.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut out: Vec<(f32, f32)> = Vec::new();
            for (from, to) in runs {
                match out.last_mut() {
                    Some(last) if from <= last.1 + 0.01 => last.1 = last.1.max(to),
                    _ => out.push((from, to)),
                }
            }
            out
        }
        let mut segments = other;
        for ((y, width), runs) in horizontal {
            for (from, to) in join(runs) {
                segments.push((from, y as f32 / 100.0, to, y as f32 / 100.0, width as f32 / 100.0));
            }
        }
        for ((x, width), runs) in vertical {
            for (from, to) in join(runs) {
                segments.push((x as f32 / 100.0, from, x as f32 / 100.0, to, width as f32 / 100.0));
            }
        }
        segments
    }
}

/// The printable area of an A4 page.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame {
    pub page_width: f32,
    pub page_height: f32,
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
    /// Size of the page numbers.
    pub number_size: f32,
}

impl Frame {
    fn width(&self) -> f32 {
        self.page_width - self.left - self.right
    }
    fn floor(&self) -> f32 {
        self.page_height - self.bottom
    }
}

/// A laid-out line: runs at offsets from the line's left edge.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    runs: Vec<(f32, Style, String)>,
    width: f32,
}

/// A cell's wrapped lines and how they align.
type SetCell = (Vec<Line>, Align);

#[derive(Debug, Clone)]
struct Word {
    text: String,
    style: Style,
    width: f32,
    /// The space before this word, in the style of the word before it.
    space_before: f32,
    /// The width of one space in this word's style, to tell how many spaces `space_before` is.
    space_unit: f32,
    hard_break_before: bool,
}

fn words(spans: &[Span], fonts: &FontSet, size: f32) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut pending_space = false;
    let mut pending_break = false;
    for span in spans {
        let space = fonts.width(" ", span.style, size);
        for (line_index, line) in span.text.split('\n').enumerate() {
            if line_index > 0 {
                pending_break = true;
                pending_space = false;
            }
            let mut first_piece = true;
            // Runs of spaces are kept ("Số      -BB/ĐU" leaves room for the number written by hand).
            let mut spaces = 0usize;
            for piece in line.split(' ') {
                if !first_piece {
                    pending_space = true;
                    spaces += 1;
                }
                first_piece = false;
                if piece.is_empty() {
                    continue;
                }
                // Text that runs on from the previous span without a space joins its word (a bold name inside
                // a sentence, say).
                if !pending_space && !pending_break {
                    if let Some(last) = words.last_mut() {
                        if last.style == span.style {
                            last.text.push_str(piece);
                            last.width += fonts.width(piece, span.style, size);
                            continue;
                        }
                    }
                }
                words.push(Word {
                    space_unit: space,
                    text: piece.to_string(),
                    style: span.style,
                    width: fonts.width(piece, span.style, size),
                    space_before: if pending_space && !pending_break && !words.is_empty() { space * spaces.max(1) as f32 } else { 0.0 },
                    hard_break_before: pending_break,
                });
                spaces = 0;
                // A word continuing the previous one without a space (different style) must not be split from it.
                pending_space = false;
                pending_break = false;
            }
        }
    }
    words
}

/// Breaks a word too wide for any line into pieces that fit.
fn split_wide(word: &Word, width: f32, fonts: &FontSet, size: f32) -> Vec<Word> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    for ch in word.text.chars() {
        let mut candidate = current.clone();
        candidate.push(ch);
        if !current.is_empty() && fonts.width(&candidate, word.style, size) > width {
            pieces.push(std::mem::take(&mut current));
        }
        current.push(ch);
    }
    pieces.push(current);
    pieces
        .into_iter()
        .enumerate()
        .map(|(i, text)| Word {
            space_unit: word.space_unit,
            width: fonts.width(&text, word.style, size),
            text,
            style: word.style,
            space_before: if i == 0 { word.space_before } else { 0.0 },
            hard_break_before: i == 0 && word.hard_break_before,
        })
        .collect()
}

/// Greedy line breaking; the first line is `indent` narrower.
fn wrap(spans: &[Span], fonts: &FontSet, size: f32, width: f32, indent: f32, align: Align) -> Vec<Line> {
    let mut all = Vec::new();
    for word in words(spans, fonts, size) {
        if word.width > width {
            all.extend(split_wide(&word, width, fonts, size));
        } else {
            all.push(word);
        }
    }
    let mut lines: Vec<(Vec<Word>, bool)> = Vec::new();
    let mut current: Vec<Word> = Vec::new();
    let mut used = 0.0;
    for word in all {
        let available = if lines.is_empty() { width - indent } else { width };
        let advance = if current.is_empty() { word.width } else { word.space_before + word.width };
        if word.hard_break_before || (!current.is_empty() && used + advance > available + 0.01) {
            lines.push((std::mem::take(&mut current), word.hard_break_before));
            used = word.width;
        } else {
            used += advance;
        }
        current.push(word);
    }
    lines.push((current, true));
    // The flag says the line ends its paragraph or a hard break follows it: such a line is not stretched.
    lines
        .into_iter()
        .enumerate()
        .map(|(i, (line_words, ends))| {
            let available = if i == 0 { width - indent } else { width };
            let justify = align == Align::Justify && !ends && line_words.len() > 1;
            set_line(&line_words, available, justify)
        })
        .collect()
}

/// Runs of a line. A justified line places each word on its own so the gaps can stretch; otherwise words of one
/// style share a run, which keeps the PDF small and its text easy to extract.
fn set_line(line_words: &[Word], available: f32, justify: bool) -> Line {
    let natural: f32 = line_words.iter().enumerate().map(|(i, w)| if i == 0 { w.width } else { w.space_before + w.width }).sum();
    let gaps = line_words.len().saturating_sub(1) as f32;
    let stretch = if justify && gaps > 0.0 { (available - natural).max(0.0) / gaps } else { 0.0 };
    let mut runs: Vec<(f32, Style, String)> = Vec::new();
    let mut x = 0.0;
    for (i, word) in line_words.iter().enumerate() {
        if i > 0 {
            x += word.space_before + stretch;
        }
        let joins = !justify && i > 0 && runs.last().is_some_and(|r| r.1 == word.style);
        if joins {
            if let Some(run) = runs.last_mut() {
                if word.space_before > 0.0 {
                    let count = (word.space_before / word.space_unit).round().max(1.0) as usize;
                    run.2.push_str(&" ".repeat(count));
                }
                run.2.push_str(&word.text);
            }
        } else {
            runs.push((x, word.style, word.text.clone()));
        }
        x += word.width;
    }
    Line { runs, width: if justify { available } else { natural } }
}

fn line_height(size: f32) -> f32 {
    size * LEADING
}

/// Sets blocks on as many pages as they need.
pub(crate) struct Composer<'a> {
    fonts: &'a FontSet,
    frame: Frame,
    pages: Vec<Page>,
    y: f32,
}

impl<'a> Composer<'a> {
    pub(crate) fn new(fonts: &'a FontSet, frame: Frame) -> Composer<'a> {
        Composer { fonts, frame, pages: vec![Page::default()], y: frame.top }
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a composer always has a page")
    }

    fn at_top(&self) -> bool {
        (self.y - self.frame.top).abs() < 0.01
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.frame.top;
    }

    /// Starts a new page unless `height` still fits (or the page is empty, where nothing more can be done).
    fn ensure(&mut self, height: f32) {
        if self.y + height > self.frame.floor() + 0.01 && !self.at_top() {
            self.new_page();
        }
    }

    fn draw_line(&mut self, x: f32, baseline: f32, line: &Line, size: f32) {
        for (dx, style, text) in &line.runs {
            self.page().marks.push(Mark::Text { x: x + dx, baseline, style: *style, size, text: text.clone() });
        }
    }

    fn aligned_x(left: f32, width: f32, line_width: f32, align: Align) -> f32 {
        match align {
            Align::Left | Align::Justify => left,
            Align::Center => left + (width - line_width) / 2.0,
            Align::Right => left + width - line_width,
        }
    }

    /// Height of a paragraph set in `width`, without drawing it.
    fn para_height(&self, para: &Para, width: f32) -> f32 {
        let lines = wrap(&para.spans, self.fonts, para.size, width, para.first_indent, para.align);
        para.before + lines.len() as f32 * line_height(para.size) + para.after
    }

    /// Draws a paragraph inside [left, left + width] starting at `top`; returns the height used. No page breaks.
    fn place_para(&mut self, para: &Para, left: f32, width: f32, top: f32) -> f32 {
        let lines = wrap(&para.spans, self.fonts, para.size, width, para.first_indent, para.align);
        let mut y = top + para.before;
        let widest = lines.iter().map(|l| l.width).fold(0.0, f32::max);
        for (i, line) in lines.iter().enumerate() {
            let indent = if i == 0 { para.first_indent } else { 0.0 };
            let x = Self::aligned_x(left + indent, width - indent, line.width, para.align);
            self.draw_line(x, y + para.size * BASELINE, line, para.size);
            y += line_height(para.size);
        }
        if let Some(fraction) = para.rule_under {
            let rule = widest * fraction;
            let x = left + (width - rule) / 2.0;
            let rule_y = y + 1.0;
            self.page().marks.push(Mark::Line { x1: x, y1: rule_y, x2: x + rule, y2: rule_y, width: RULE_WIDTH });
            y += 3.0;
        }
        y + para.after - top
    }

    /// `following`: how much of what comes next must share the page when the paragraph is kept with it.
    fn flow_para(&mut self, para: &Para, following: Option<f32>) {
        let width = self.frame.width();
        let lines = wrap(&para.spans, self.fonts, para.size, width, para.first_indent, para.align);
        let lh = line_height(para.size);
        if para.keep_with_next {
            // A heading with at least three lines of what follows; a closing paragraph with its signatures.
            self.ensure(para.before + lines.len() as f32 * lh + following.unwrap_or(3.0 * lh));
        }
        if !self.at_top() {
            self.y += para.before;
        }
        for (i, line) in lines.iter().enumerate() {
            self.ensure(lh);
            let indent = if i == 0 { para.first_indent } else { 0.0 };
            let x = Self::aligned_x(self.frame.left + indent, width - indent, line.width, para.align);
            let baseline = self.y + para.size * BASELINE;
            self.draw_line(x, baseline, line, para.size);
            self.y += lh;
        }
        if let Some(fraction) = para.rule_under {
            let rule = lines.iter().map(|l| l.width).fold(0.0, f32::max) * fraction;
            let x = self.frame.left + (width - rule) / 2.0;
            let rule_y = self.y + 1.0;
            self.page().marks.push(Mark::Line { x1: x, y1: rule_y, x2: x + rule, y2: rule_y, width: RULE_WIDTH });
            self.y += 3.0;
        }
        self.y += para.after;
    }

    fn columns_height(&self, block: &Columns) -> f32 {
        let total: f32 = block.widths.iter().sum();
        block
            .columns
            .iter()
            .zip(&block.widths)
            .map(|(paras, width)| {
                let width = width / total * self.frame.width();
                paras.iter().map(|p| self.para_height(p, width)).sum::<f32>()
                    + 4.0 * paras.iter().filter(|p| p.rule_under.is_some()).count() as f32
            })
            .fold(0.0, f32::max)
    }

    /// The height of the block-kept-whole that follows (spaces included), if one does.
    fn kept_block_after(&self, rest: &[Block]) -> Option<f32> {
        let mut height = 0.0;
        for block in rest {
            match block {
                Block::Space(h) => height += h,
                Block::Columns(c) if c.keep_together => return Some(height + self.columns_height(c)),
                _ => return None,
            }
        }
        None
    }

    fn flow_columns(&mut self, block: &Columns) {
        let total: f32 = block.widths.iter().sum();
        let widths: Vec<f32> = block.widths.iter().map(|w| w / total * self.frame.width()).collect();
        let height = self.columns_height(block);
        if block.keep_together {
            self.ensure(height);
        }
        let top = self.y;
        let mut left = self.frame.left;
        let mut tallest: f32 = 0.0;
        for (paras, width) in block.columns.iter().zip(&widths) {
            let mut y = top;
            for para in paras {
                y += self.place_para(para, left, *width, y);
            }
            tallest = tallest.max(y - top);
            left += width;
        }
        self.y = top + tallest;
    }

    fn cell_lines(&self, spans: &[Span], align: Align, size: f32, width: f32) -> Vec<Line> {
        wrap(spans, self.fonts, size, (width - 2.0 * CELL_PAD_X).max(1.0), 0.0, align)
    }

    /// Draws one row of cells at the current position, with its borders; returns nothing, moves down.
    fn place_row(&mut self, cells: &[SetCell], xs: &[f32], widths: &[f32], size: f32) {
        let lh = line_height(size);
        let lines = cells.iter().map(|(l, _)| l.len()).max().unwrap_or(1).max(1);
        let height = lines as f32 * lh + 2.0 * CELL_PAD_Y;
        let top = self.y;
        for ((cell_lines, align), (x, width)) in cells.iter().zip(xs.iter().zip(widths)) {
            for (i, line) in cell_lines.iter().enumerate() {
                let line_x = Self::aligned_x(x + CELL_PAD_X, width - 2.0 * CELL_PAD_X, line.width, *align);
                let baseline = top + CELL_PAD_Y + i as f32 * lh + size * BASELINE;
                self.draw_line(line_x, baseline, line, size);
            }
        }
        let left = xs[0];
        let right = xs[xs.len() - 1] + widths[widths.len() - 1];
        let bottom = top + height;
        let page = self.page();
        page.marks.push(Mark::Line { x1: left, y1: top, x2: right, y2: top, width: BORDER_WIDTH });
        page.marks.push(Mark::Line { x1: left, y1: bottom, x2: right, y2: bottom, width: BORDER_WIDTH });
        let mut verticals: Vec<f32> = xs.to_vec();
        verticals.push(right);
        for x in verticals {
            page.marks.push(Mark::Line { x1: x, y1: top, x2: x, y2: bottom, width: BORDER_WIDTH });
        }
        self.y = bottom;
    }

    fn row_height(cells: &[SetCell], size: f32) -> f32 {
        cells.iter().map(|(l, _)| l.len()).max().unwrap_or(1).max(1) as f32 * line_height(size) + 2.0 * CELL_PAD_Y
    }

    /// The widest word of each column (a date, an amount) with its padding: narrower, it would be cut.
    fn column_minimums(&self, table: &Table) -> Vec<f32> {
        let mut minimums = vec![0.0f32; table.widths.len()];
        let rows = table.rows.iter().filter_map(|r| match r {
            Row::Cells(cells) => Some(cells),
            Row::Band(_) => None,
        });
        for cells in std::iter::once(&table.header).chain(rows) {
            for (minimum, cell) in minimums.iter_mut().zip(cells) {
                let widest = words(&cell.spans, self.fonts, table.size).iter().map(|w| w.width).fold(0.0, f32::max);
                *minimum = minimum.max(widest + 2.0 * CELL_PAD_X + 0.5);
            }
        }
        minimums
    }

    /// Column widths from the table's proportions, widened where a word would not fit and taken back from the
    /// columns that have room to spare.
    fn column_widths(&self, table: &Table) -> Vec<f32> {
        let total: f32 = table.widths.iter().sum();
        let full = self.frame.width();
        let mut widths: Vec<f32> = table.widths.iter().map(|w| w / total * full).collect();
        let minimums = self.column_minimums(table);
        if minimums.iter().sum::<f32>() > full {
            return widths;
        }
        for _ in 0..widths.len() {
            let short: f32 = widths.iter().zip(&minimums).map(|(w, m)| (m - w).max(0.0)).sum();
            if short <= 0.01 {
                break;
            }
            let spare: f32 = widths.iter().zip(&minimums).map(|(w, m)| (w - m).max(0.0)).sum();
            for (w, m) in widths.iter_mut().zip(&minimums) {
                if *w < *m {
                    *w = *m;
                } else {
                    *w -= (*w - m) / spare * short;
                }
            }
        }
        widths
    }

    fn flow_table(&mut self, table: &Table) {
        let widths = self.column_widths(table);
        let mut xs = Vec::with_capacity(widths.len());
        let mut x = self.frame.left;
        for w in &widths {
            xs.push(x);
            x += w;
        }
        let full = self.frame.width();
        let header: Vec<SetCell> =
            table.header.iter().zip(&widths).map(|(c, w)| (self.cell_lines(&c.spans, c.align, table.size, *w), c.align)).collect();
        let header_height = Self::row_height(&header, table.size);
        let mut header_on_page = false;
        let cell_row_heights: Vec<f32> = table
            .rows
            .iter()
            .map(|row| match row {
                Row::Cells(cells) => Self::row_height(
                    &cells
                        .iter()
                        .zip(&widths)
                        .map(|(c, w)| (self.cell_lines(&c.spans, c.align, table.size, *w), c.align))
                        .collect::<Vec<_>>(),
                    table.size,
                ),
                Row::Band(_) => 0.0,
            })
            .collect();
        for (index, row) in table.rows.iter().enumerate() {
            // A group's name is never left alone at the foot of a page: it goes over with its first row.
            let follower = if matches!(row, Row::Band(_)) { cell_row_heights.get(index + 1).copied().unwrap_or(0.0) } else { 0.0 };
            let (cells, xs_row, widths_row): (Vec<SetCell>, Vec<f32>, Vec<f32>) = match row {
                Row::Cells(cells) => (
                    cells.iter().zip(&widths).map(|(c, w)| (self.cell_lines(&c.spans, c.align, table.size, *w), c.align)).collect(),
                    xs.clone(),
                    widths.clone(),
                ),
                Row::Band(spans) => {
                    (vec![(self.cell_lines(spans, Align::Left, table.size, full), Align::Left)], vec![self.frame.left], vec![full])
                }
            };
            let height = Self::row_height(&cells, table.size);
            let needs_header = !header_on_page;
            let before = if needs_header { header_height } else { 0.0 };
            if self.y + before + height + follower > self.frame.floor() + 0.01 && !self.at_top() {
                self.new_page();
                header_on_page = false;
            }
            if !header_on_page {
                self.place_row(&header, &xs, &widths, table.size);
                header_on_page = true;
            }
            self.place_row(&cells, &xs_row, &widths_row, table.size);
            if self.y > self.frame.floor() {
                // A single row taller than a page: it is drawn as it is and the next starts afresh.
                self.new_page();
                header_on_page = false;
            }
        }
        if table.rows.is_empty() {
            self.ensure(header_height);
            self.place_row(&header, &xs, &widths, table.size);
        }
    }

    fn flow_dots(&mut self, lines: usize, size: f32) {
        let dot = self.fonts.width(".", Style::Regular, size).max(0.1);
        let count = (self.frame.width() / dot).floor() as usize;
        let text = ".".repeat(count);
        let lh = line_height(size);
        for _ in 0..lines {
            self.ensure(lh);
            let baseline = self.y + size * BASELINE;
            let line = Line { runs: vec![(0.0, Style::Regular, text.clone())], width: count as f32 * dot };
            let x = self.frame.left;
            self.draw_line(x, baseline, &line, size);
            self.y += lh;
        }
    }

    /// The labels in a column as wide as the widest (at most half the frame), each bar a stroke two thirds of a line
    /// thick and as long as its share of the room left beside the figures, its figure just after it.
    fn flow_bars(&mut self, bars: &[Bar], size: f32) {
        let lh = line_height(size);
        self.ensure(lh * bars.len() as f32);
        let widest = bars.iter().map(|b| self.fonts.width(&b.label, Style::Regular, size)).fold(0.0, f32::max);
        let label_width = (widest + size).min(self.frame.width() / 2.0);
        let figure_room = self.fonts.width("100,00 %", Style::Regular, size) + size;
        let track = (self.frame.width() - label_width - figure_room).max(size);
        let left = self.frame.left;
        for bar in bars {
            let baseline = self.y + size * BASELINE;
            let start = left + label_width;
            let length = track * bar.value.clamp(0.0, 1.0);
            let page = self.page();
            page.marks.push(Mark::Text { x: left, baseline, style: Style::Regular, size, text: bar.label.clone() });
            if length >= 0.1 {
                // Centred on the middle of the lower-case letters beside it.
                let middle = baseline - size * 0.3;
                page.marks.push(Mark::Line { x1: start, y1: middle, x2: start + length, y2: middle, width: size * 0.7 });
            }
            page.marks.push(Mark::Text { x: start + length + size * 0.4, baseline, style: Style::Regular, size, text: bar.text.clone() });
            self.y += lh;
        }
    }

    /// Each run of dark modules in a row is one line as thick as a module: a few hundred strokes, not thousands
    /// of rectangles, and exactly the modules' squares on paper.
    fn flow_squares(&mut self, rows: &[Vec<bool>], module: f32) {
        let side = rows.len() as f32 * module;
        self.ensure(side);
        let left = self.frame.left + (self.frame.width() - side) / 2.0;
        let top = self.y;
        for (r, row) in rows.iter().enumerate() {
            let y = top + (r as f32 + 0.5) * module;
            let mut c = 0;
            while c < row.len() {
                if !row[c] {
                    c += 1;
                    continue;
                }
                let start = c;
                while c < row.len() && row[c] {
                    c += 1;
                }
                let (x1, x2) = (left + start as f32 * module, left + c as f32 * module);
                self.page().marks.push(Mark::Line { x1, y1: y, x2, y2: y, width: module });
            }
        }
        self.y += side;
    }

    pub(crate) fn flow(&mut self, blocks: &[Block]) {
        for (index, block) in blocks.iter().enumerate() {
            match block {
                Block::Para(para) => {
                    let following = if para.keep_with_next { self.kept_block_after(&blocks[index + 1..]) } else { None };
                    self.flow_para(para, following)
                }
                Block::Table(table) => self.flow_table(table),
                Block::Columns(columns) => self.flow_columns(columns),
                Block::Dots { lines, size } => self.flow_dots(*lines, *size),
                Block::Squares { rows, module } => self.flow_squares(rows, *module),
                Block::Bars { bars, size } => self.flow_bars(bars, *size),
                Block::Keep(kept) => {
                    if let Some(height) = self.height_on_one_page(kept) {
                        self.ensure(height);
                    }
                    self.flow(kept);
                }
                Block::Space(height) => {
                    if !self.at_top() {
                        self.y = (self.y + height).min(self.frame.floor());
                    }
                }
            }
        }
    }

    /// How tall the blocks are when set from the top of an empty page, if they fit on it.
    fn height_on_one_page(&self, blocks: &[Block]) -> Option<f32> {
        let mut trial = Composer::new(self.fonts, self.frame);
        trial.flow(blocks);
        (trial.pages.len() == 1).then_some(trial.y - self.frame.top)
    }

    /// The pages, numbered from the second at the top centre (DOCUMENTS.md), each with the banner at the top right
    /// when there is one.
    pub(crate) fn finish(mut self, banner: Option<&str>) -> Vec<Page> {
        let count = self.pages.len();
        let size = self.frame.number_size;
        if let Some(text) = banner.filter(|b| !b.trim().is_empty()) {
            let small = (size - 2.0).max(9.0);
            let width = self.fonts.width(text, Style::BoldItalic, small);
            let x = (self.frame.page_width - self.frame.right - width).max(self.frame.left);
            let baseline = (self.frame.top / 2.0).max(size) + size * 0.3;
            for page in &mut self.pages {
                page.marks.push(Mark::Text { x, baseline, style: Style::BoldItalic, size: small, text: text.to_string() });
            }
        }
        for number in 2..=count {
            let text = number.to_string();
            let width = self.fonts.width(&text, Style::Regular, size);
            let x = (self.frame.page_width - width) / 2.0;
            let baseline = (self.frame.top / 2.0).max(size) + size * 0.3;
            self.pages[number - 1].marks.push(Mark::Text { x, baseline, style: Style::Regular, size, text });
        }
        self.pages
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FontChoice;

    fn fonts() -> FontSet {
        FontSet::load(FontChoice::Liberation).unwrap()
    }

    fn frame() -> Frame {
        let mm = 72.0 / 25.4;
        Frame {
            page_width: 210.0 * mm,
            page_height: 297.0 * mm,
            top: 20.0 * mm,
            bottom: 20.0 * mm,
            left: 30.0 * mm,
            right: 15.0 * mm,
            number_size: 14.0,
        }
    }

    fn texts(page: &Page) -> Vec<String> {
        page.marks
            .iter()
            .filter_map(|m| match m {
                Mark::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_long_name_wraps_within_the_width_and_keeps_every_word() {
        let fonts = fonts();
        let name = "Công Tằng Tôn Nữ Thị Hoàng Phương Thảo Nguyễn Ngọc Bảo Trâm Lê Thị Thu Hương Trần Văn Đức";
        let lines = wrap(&[Span::new(name, Style::Regular)], &fonts, 14.0, 120.0, 0.0, Align::Left);
        assert!(lines.len() > 2);
        for line in &lines {
            assert!(line.width <= 120.01, "{line:?}");
        }
        let joined: Vec<String> = lines.iter().map(|l| l.runs.iter().map(|r| r.2.clone()).collect::<Vec<_>>().join(" ")).collect();
        assert_eq!(joined.join(" "), name);
    }

    #[test]
    fn a_word_wider_than_the_column_is_cut_not_lost() {
        let fonts = fonts();
        let long = "Đ".repeat(40);
        let lines = wrap(&[Span::new(long.clone(), Style::Bold)], &fonts, 14.0, 60.0, 0.0, Align::Left);
        assert!(lines.len() > 1);
        assert_eq!(lines.iter().flat_map(|l| l.runs.iter().map(|r| r.2.clone())).collect::<String>(), long);
    }

    #[test]
    fn justified_lines_fill_the_width_except_the_last() {
        let fonts = fonts();
        let text = "Hội nghị đã nghe báo cáo kiểm điểm của tập thể và của từng cá nhân, thảo luận dân chủ, thẳng thắn và biểu quyết xếp loại theo quy định.";
        let lines = wrap(&[Span::new(text, Style::Regular)], &fonts, 14.0, 300.0, 0.0, Align::Justify);
        assert!(lines.len() >= 2);
        for line in &lines[..lines.len() - 1] {
            let last = line.runs.last().unwrap();
            let end = last.0 + fonts.width(&last.2, last.1, 14.0);
            assert!((end - 300.0).abs() < 0.5, "line ends at {end}");
        }
    }

    #[test]
    fn a_banner_sits_in_the_top_margin_of_every_page_inside_the_right_margin() {
        let fonts = fonts();
        let mut composer = Composer::new(&fonts, frame());
        let lines: Vec<Block> =
            (0..120).map(|i| Block::Para(Para::new(vec![Span::new(format!("Dòng {i}"), Style::Regular)], 14.0, Align::Left))).collect();
        composer.flow(&lines);
        let f = frame();
        let pages = composer.finish(Some("DỮ LIỆU MẪU"));
        assert!(pages.len() >= 3);
        for page in &pages {
            let banner = page.marks.iter().find_map(|m| match m {
                Mark::Text { x, baseline, text, .. } if text == "DỮ LIỆU MẪU" => Some((*x, *baseline)),
                _ => None,
            });
            let (x, baseline) = banner.expect("every page carries the banner");
            assert!(baseline < f.top, "in the top margin, above the text");
            let width = fonts.width("DỮ LIỆU MẪU", Style::BoldItalic, 12.0);
            assert!((x + width - (f.page_width - f.right)).abs() < 0.5, "ends at the right margin");
        }
    }

    #[test]
    fn bars_are_strokes_as_long_as_their_shares_each_beside_its_label_and_figure() {
        let fonts = fonts();
        let mut composer = Composer::new(&fonts, frame());
        let bar = |label: &str, value: f32, text: &str| Bar { label: label.into(), value, text: text.into() };
        composer.flow(&[Block::Bars {
            bars: vec![
                bar("Đại học", 0.6818, "68,18 %"),
                bar("Thạc sĩ", 0.3409, "34,09 %"),
                bar("Sơ cấp", 0.0, "0,00 %"),
                bar("Tất cả", 1.2, "100,00 %"),
            ],
            size: 12.0,
        }]);
        let pages = composer.finish(None);
        assert_eq!(pages.len(), 1);
        let strokes: Vec<(f32, f32, f32, f32)> = pages[0]
            .marks
            .iter()
            .filter_map(|m| match *m {
                Mark::Line { x1, x2, y1, width, .. } => Some((x1, x2, y1, width)),
                _ => None,
            })
            .collect();
        // No stroke for a share of nothing; a share above the whole is drawn as the whole.
        assert_eq!(strokes.len(), 3, "{strokes:?}");
        let length = |i: usize| strokes[i].1 - strokes[i].0;
        assert!((length(0) / length(1) - 2.0).abs() < 0.01, "twice the share, twice the length: {strokes:?}");
        assert!((length(0) / length(2) - 0.6818).abs() < 0.01);
        assert!(strokes.iter().all(|s| (s.3 - 8.4).abs() < 0.01 && (s.0 - strokes[0].0).abs() < 0.01), "same thickness, same start");
        assert!(strokes[0].2 < strokes[1].2 && strokes[1].2 < strokes[2].2, "one line under another");
        let f = frame();
        assert!(strokes[2].1 <= f.page_width - f.right, "inside the right margin");
        // Every label and every figure is written, the figures after their bars.
        let written = texts(&pages[0]);
        for text in ["Đại học", "68,18 %", "Sơ cấp", "0,00 %", "100,00 %"] {
            assert!(written.iter().any(|t| t == text), "{text} in {written:?}");
        }
        let figure_x = pages[0].marks.iter().find_map(|m| match m {
            Mark::Text { x, text, .. } if text == "68,18 %" => Some(*x),
            _ => None,
        });
        assert!(figure_x.unwrap() > strokes[0].1, "the figure follows its bar");
    }

    #[test]
    fn a_table_over_many_pages_repeats_its_header_on_each() {
        let fonts = fonts();
        let mut composer = Composer::new(&fonts, frame());
        let cell = |t: &str| Cell { spans: vec![Span::new(t, Style::Regular)], align: Align::Left };
        let rows = (1..=300).map(|i| Row::Cells(vec![cell(&i.to_string()), cell(&format!("Người thứ {i}"))])).collect();
        composer.flow(&[Block::Table(Table {
            widths: vec![1.0, 5.0],
            header: vec![
                Cell { spans: vec![Span::new("TT", Style::Bold)], align: Align::Center },
                Cell { spans: vec![Span::new("Họ và tên", Style::Bold)], align: Align::Center },
            ],
            rows,
            size: 13.0,
        })]);
        let pages = composer.finish(None);
        assert!(pages.len() > 5);
        for (i, page) in pages.iter().enumerate() {
            let t = texts(page);
            assert!(t.contains(&"Họ và tên".to_string()), "page {} has no header", i + 1);
            if i > 0 {
                assert!(t.contains(&(i + 1).to_string()), "page {} has no number", i + 1);
            }
            for mark in &page.marks {
                if let Mark::Text { baseline, .. } = mark {
                    assert!(*baseline < frame().page_height - frame().bottom + 1.0);
                }
            }
        }
        let all: Vec<String> = pages.iter().flat_map(texts).collect();
        for i in 1..=300 {
            assert_eq!(all.iter().filter(|t| **t == format!("Người thứ {i}")).count(), 1);
        }
    }

    #[test]
    fn the_borders_of_adjacent_rows_become_one_stroke_per_line() {
        let fonts = fonts();
        let mut composer = Composer::new(&fonts, frame());
        let cell = |t: &str| Cell { spans: vec![Span::new(t, Style::Regular)], align: Align::Left };
        composer.flow(&[Block::Table(Table {
            widths: vec![1.0, 1.0, 1.0],
            header: vec![cell("a"), cell("b"), cell("c")],
            rows: (0..10).map(|_| Row::Cells(vec![cell("x"), cell("y"), cell("z")])).collect(),
            size: 12.0,
        })]);
        let pages = composer.finish(None);
        let rules = pages[0].merged_rules();
        let verticals = rules.iter().filter(|r| (r.0 - r.2).abs() < 0.01).count();
        let horizontals = rules.iter().filter(|r| (r.1 - r.3).abs() < 0.01).count();
        assert_eq!(verticals, 4, "{rules:?}");
        assert_eq!(horizontals, 12, "header top, 11 row bottoms: {rules:?}");
    }

    #[test]
    fn a_column_too_narrow_for_a_date_is_widened_and_the_others_give_way() {
        let fonts = fonts();
        let composer = Composer::new(&fonts, frame());
        let cell = |t: &str| Cell { spans: vec![Span::new(t, Style::Regular)], align: Align::Left };
        let table = Table {
            widths: vec![10.0, 0.2],
            header: vec![cell("Nhiệm vụ"), cell("Hạn")],
            rows: vec![Row::Cells(vec![cell("Giải phóng mặt bằng"), cell("30/09/2026")])],
            size: 12.0,
        };
        let widths = composer.column_widths(&table);
        assert!(widths[1] >= fonts.width("30/09/2026", Style::Regular, 12.0) + 2.0 * CELL_PAD_X, "{widths:?}");
        assert!((widths.iter().sum::<f32>() - frame().width()).abs() < 0.1);
    }

    #[test]
    fn a_group_name_is_not_left_alone_at_the_foot_of_a_page() {
        let fonts = fonts();
        let cell = |t: &str| Cell { spans: vec![Span::new(t, Style::Regular)], align: Align::Left };
        for filler in 0..60 {
            let mut composer = Composer::new(&fonts, frame());
            let mut rows: Vec<Row> = (0..filler).map(|i| Row::Cells(vec![cell(&format!("hàng {i}"))])).collect();
            rows.push(Row::Band(vec![Span::new("Nhóm cuối", Style::Bold)]));
            rows.push(Row::Cells(vec![cell("hàng của nhóm")]));
            composer.flow(&[Block::Table(Table { widths: vec![1.0], header: vec![cell("Chỉ tiêu")], rows, size: 12.0 })]);
            let pages = composer.finish(None);
            let page_of = |text: &str| pages.iter().position(|p| texts(p).iter().any(|t| t == text)).unwrap();
            assert_eq!(page_of("Nhóm cuối"), page_of("hàng của nhóm"), "after {filler} rows");
        }
    }

    #[test]
    fn kept_blocks_move_to_the_next_page_together_when_they_do_not_fit() {
        let fonts = fonts();
        let line = |t: &str| Block::Para(Para::new(vec![Span::new(t, Style::Regular)], 14.0, Align::Left));
        for filler in 25..40 {
            let mut composer = Composer::new(&fonts, frame());
            let mut blocks: Vec<Block> = (0..filler).map(|i| line(&format!("Dòng {i}"))).collect();
            blocks.push(Block::Keep(vec![line("Tổng hợp"), line("Số người"), Block::Space(40.0), line("NGƯỜI LẬP BIỂU")]));
            composer.flow(&blocks);
            let pages = composer.finish(None);
            let page_of = |text: &str| pages.iter().position(|p| texts(p).iter().any(|t| t == text)).unwrap();
            assert_eq!(page_of("Tổng hợp"), page_of("NGƯỜI LẬP BIỂU"), "after {filler} lines");
        }
    }

    #[test]
    fn a_signature_block_is_not_split_across_pages() {
        let fonts = fonts();
        let mut composer = Composer::new(&fonts, frame());
        let mut blocks: Vec<Block> =
            (0..35).map(|i| Block::Para(Para::new(vec![Span::new(format!("Dòng {i}"), Style::Regular)], 14.0, Align::Left))).collect();
        let mut closing = Para::new(vec![Span::new("Biên bản đã được đọc lại", Style::Regular)], 14.0, Align::Left);
        closing.keep_with_next = true;
        blocks.push(Block::Para(closing));
        let block = |t: &str| {
            let mut p = Para::new(vec![Span::new(t, Style::Bold)], 14.0, Align::Center);
            p.after = 60.0;
            p
        };
        blocks.push(Block::Space(14.0));
        blocks.push(Block::Columns(Columns {
            widths: vec![1.0, 1.0],
            columns: vec![vec![block("THƯ KÝ"), block("Tên")], vec![block("CHỦ TRÌ"), block("Tên")]],
            keep_together: true,
        }));
        composer.flow(&blocks);
        let pages = composer.finish(None);
        let last = texts(pages.last().unwrap());
        assert!(last.contains(&"THƯ KÝ".to_string()) && last.contains(&"CHỦ TRÌ".to_string()));
        assert!(last.contains(&"Biên bản đã được đọc lại".to_string()), "the closing paragraph goes over with the signatures");
        assert!(pages.len() >= 2, "the block must not have fitted on the first page");
        assert!(!texts(&pages[0]).contains(&"Biên bản đã được đọc lại".to_string()));
        assert_eq!(last.iter().filter(|t| *t == "Tên").count(), 2);
    }
}
