//! The tab-separated data files shipped in assets/ (compiled in, so the program never reads them at run time).

pub(crate) struct Tsv<'a> {
    header: Vec<&'a str>,
    lines: Vec<Vec<&'a str>>,
}

pub(crate) struct Record<'t, 'a> {
    tsv: &'t Tsv<'a>,
    cells: &'t [&'a str],
}

impl<'a> Tsv<'a> {
    /// Lines starting with '#' are comments; the first other line is the header.
    pub fn parse(text: &'a str) -> Self {
        let mut rows = text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).map(|l| l.split('\t').collect::<Vec<_>>());
        let header = rows.next().unwrap_or_default();
        Tsv { header, lines: rows.collect() }
    }

    pub fn records(&self) -> impl Iterator<Item = Record<'_, 'a>> {
        self.lines.iter().map(move |cells| Record { tsv: self, cells })
    }
}

impl<'a> Record<'_, 'a> {
    /// The cell under `column`; empty when the column or the cell is missing (the files are ours and tested).
    pub fn get(&self, column: &str) -> &'a str {
        self.tsv.header.iter().position(|h| *h == column).and_then(|i| self.cells.get(i)).copied().unwrap_or("")
    }
}
