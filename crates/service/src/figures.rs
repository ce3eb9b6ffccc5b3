//! Tables of figures as a document, a workbook and the CLI print them (issue 17's summary, issue 16's lists): a
//! table is declared once, with its figures kept as numbers, and each output words them its own way.

use domain::numbers::{format_count, format_hundredths, format_percent};
use std::path::Path;
use tabular::{Cell, SheetData};

/// One figure of a table, kept as a number so the workbook gets numbers and the paper gets them in Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Figure {
    Text(String),
    Count(u32),
    /// Hundredths of a percent; None when there is nothing to take a share of.
    Percent(Option<i64>),
    /// Points of 100 in hundredths; None when no one was scored.
    Points(Option<i64>),
}

impl Figure {
    /// As printed: "1.234", "94,92 %", "87,50", "—".
    pub fn text(&self) -> String {
        match self {
            Figure::Text(t) => t.clone(),
            Figure::Count(n) => format_count(i64::from(*n)),
            Figure::Percent(p) => p.map_or_else(|| "—".to_string(), format_percent),
            Figure::Points(p) => p.map_or_else(|| "—".to_string(), |p| format_hundredths(p, 2)),
        }
    }

    /// As a workbook cell: counts as numbers, shares as percentages (94.92), nothing as an empty cell.
    pub fn cell(&self) -> Cell {
        match self {
            // An empty text (a holder without a rank) is an empty cell, not an empty string.
            Figure::Text(t) if t.is_empty() => Cell::Empty,
            Figure::Text(t) => Cell::Text(t.clone()),
            Figure::Count(n) => Cell::Number(f64::from(*n)),
            Figure::Percent(Some(p)) | Figure::Points(Some(p)) => Cell::Number(*p as f64 / 100.0),
            Figure::Percent(None) | Figure::Points(None) => Cell::Empty,
        }
    }

    /// The bar's length in ten-thousandths of the chart, against `largest` for counts.
    fn length(&self, largest: u32) -> u32 {
        match self {
            Figure::Count(n) if largest > 0 => (u64::from(*n) * 10_000 / u64::from(largest)) as u32,
            Figure::Percent(Some(p)) | Figure::Points(Some(p)) => (*p).clamp(0, 10_000) as u32,
            _ => 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureRow {
    pub cells: Vec<Figure>,
    /// A total row, set in bold and left out of the chart.
    pub total: bool,
}

/// A table of the summary: its title, a short name for its sheet, its columns (the first labels the row) and rows,
/// and which column its bar chart draws.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureTable {
    pub title: String,
    pub sheet: String,
    pub columns: Vec<String>,
    /// Relative widths on paper, one per column.
    pub widths: Vec<f32>,
    pub rows: Vec<FigureRow>,
    /// The column whose figures the chart under the table draws (a bar per row but the total), if it has one.
    pub chart: Option<usize>,
    pub note: Option<String>,
}

/// A bar of a table's chart: the row's label, its length (ten-thousandths) and its figure as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartBar {
    pub label: String,
    pub length: u32,
    pub text: String,
}

impl FigureTable {
    pub fn bars(&self) -> Vec<ChartBar> {
        let Some(column) = self.chart else { return Vec::new() };
        let rows: Vec<&FigureRow> = self.rows.iter().filter(|r| !r.total).collect();
        let largest = rows
            .iter()
            .filter_map(|r| match r.cells.get(column) {
                Some(Figure::Count(n)) => Some(*n),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        rows.iter()
            .filter_map(|r| {
                let figure = r.cells.get(column)?;
                Some(ChartBar {
                    label: r.cells.first().map(Figure::text).unwrap_or_default(),
                    length: figure.length(largest),
                    text: figure.text(),
                })
            })
            .collect()
    }

    /// Whether the column holds figures (set right on paper) rather than text: as its first row says.
    pub fn is_figure_column(&self, column: usize) -> bool {
        self.rows.first().and_then(|r| r.cells.get(column)).is_some_and(|f| !matches!(f, Figure::Text(_)))
    }

    pub fn text_rows(&self) -> Vec<Vec<String>> {
        self.rows.iter().map(|r| r.cells.iter().map(Figure::text).collect()).collect()
    }
}

pub fn row(cells: Vec<Figure>) -> FigureRow {
    FigureRow { cells, total: false }
}

pub fn total(cells: Vec<Figure>) -> FigureRow {
    FigureRow { cells, total: true }
}

/// Writes `tables` as a workbook, a sheet per table (numbers as numbers, shares as percentages).
pub fn write_workbook(path: &Path, tables: &[FigureTable]) -> crate::error::Result<usize> {
    let cells: Vec<Vec<Vec<Cell>>> =
        tables.iter().map(|t| t.rows.iter().map(|r| r.cells.iter().map(Figure::cell).collect()).collect()).collect();
    let headers: Vec<Vec<&str>> = tables.iter().map(|t| t.columns.iter().map(String::as_str).collect()).collect();
    let sheets: Vec<SheetData> =
        tables.iter().zip(&headers).zip(&cells).map(|((t, headers), rows)| SheetData { name: &t.sheet, headers, rows }).collect();
    tabular::write_xlsx_sheets(path, &sheets)?;
    Ok(sheets.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_print_in_vietnamese_and_go_to_the_workbook_as_numbers() {
        assert_eq!(Figure::Count(1234).text(), "1.234");
        assert_eq!(Figure::Percent(Some(9_492)).text(), "94,92 %");
        assert_eq!(Figure::Percent(None).text(), "—");
        assert_eq!(Figure::Points(Some(8_750)).text(), "87,50");
        assert_eq!(Figure::Percent(Some(9_492)).cell(), Cell::Number(94.92));
        assert_eq!(Figure::Count(7).cell(), Cell::Number(7.0));
        assert_eq!(Figure::Points(None).cell(), Cell::Empty);
    }

    #[test]
    fn bars_leave_the_total_out_and_scale_counts_to_the_largest() {
        let table = FigureTable {
            title: "t".into(),
            sheet: "s".into(),
            columns: vec!["a".into(), "b".into()],
            widths: vec![1.0, 1.0],
            rows: vec![
                row(vec![Figure::Text("x".into()), Figure::Count(5)]),
                row(vec![Figure::Text("y".into()), Figure::Count(20)]),
                total(vec![Figure::Text("Cộng".into()), Figure::Count(25)]),
            ],
            chart: Some(1),
            note: None,
        };
        let bars = table.bars();
        assert_eq!(bars.iter().map(|b| (b.label.as_str(), b.length)).collect::<Vec<_>>(), vec![("x", 2_500), ("y", 10_000)]);
        assert_eq!(bars[1].text, "20");
    }
}
