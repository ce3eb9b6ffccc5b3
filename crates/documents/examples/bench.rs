//! Speed and size of two documents, for BENCHMARKS.md (run by scripts/bench-documents.sh, which converts the
//! HTML equivalents written here with LibreOffice in the same run):
//!   cargo run --release -p thuocdo-documents --example bench -- OUT_DIR
//! Prints one line per document: name, pages, bytes, median milliseconds over 21 renders.

use std::time::Instant;
use thuocdo_documents::samples::{minutes, results_of, voted_subjects};
use thuocdo_documents::{render, to_html, DocumentView, RenderOptions};

fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    std::fs::create_dir_all(&dir).expect("output directory");
    let options =
        RenderOptions { fixed_date: Some(chrono::DateTime::from_timestamp(1_798_444_800, 0).expect("date")), ..Default::default() };
    // A commune committee's minutes: the collective and three standing members, on two pages.
    let documents =
        [("minutes-2-pages", DocumentView::Minutes(minutes(voted_subjects()))), ("results-300", DocumentView::Results(results_of(300)))];
    for (name, view) in documents {
        let mut times = Vec::new();
        let mut last = None;
        for _ in 0..21 {
            let start = Instant::now();
            let rendered = render(&view, &options).expect("renders");
            times.push(start.elapsed().as_secs_f64() * 1000.0);
            last = Some(rendered);
        }
        times.sort_by(f64::total_cmp);
        let rendered = last.expect("rendered");
        std::fs::write(dir.join(format!("{name}.pdf")), &rendered.bytes).expect("write pdf");
        std::fs::write(dir.join(format!("{name}.html")), to_html(&view, &options)).expect("write html");
        println!("{name}\t{}\t{}\t{:.1}", rendered.pages, rendered.bytes.len(), times[times.len() / 2]);
    }
}
