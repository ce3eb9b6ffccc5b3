//! Sample views and the poppler/qpdf checks every document test uses.

#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use std::path::Path;
use std::process::Command;
pub use thuocdo_documents::samples::*;
use thuocdo_documents::*;

pub fn options() -> RenderOptions {
    RenderOptions {
        settings: PageSettings::default(),
        fixed_date: Some(Utc.with_ymd_and_hms(2026, 12, 28, 9, 0, 0).unwrap()),
        banner: None,
    }
}

pub fn write(dir: &Path, name: &str, view: &DocumentView) -> (std::path::PathBuf, Rendered) {
    let rendered = render(view, &options()).expect("renders");
    let path = dir.join(name);
    std::fs::write(&path, &rendered.bytes).unwrap();
    // To look at the pages: THUOCDO_KEEP_PDFS=/some/dir cargo test -p thuocdo-documents, then pdftoppm.
    if let Some(keep) = std::env::var_os("THUOCDO_KEEP_PDFS") {
        std::fs::write(Path::new(&keep).join(name), &rendered.bytes).unwrap();
    }
    (path, rendered)
}

fn run(program: &str, args: &[&str]) -> (bool, String) {
    let output =
        Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program} must be installed (make test installs it): {e}"));
    (output.status.success(), String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr))
}

pub fn text_of(path: &Path) -> String {
    let (ok, out) = run("pdftotext", &[path.to_str().unwrap(), "-"]);
    assert!(ok, "pdftotext failed: {out}");
    out
}

/// The text as laid out on the page: a table row stays on one line.
pub fn layout_text_of(path: &Path) -> String {
    let (ok, out) = run("pdftotext", &["-layout", path.to_str().unwrap(), "-"]);
    assert!(ok, "pdftotext failed: {out}");
    out
}

/// Every font line of pdffonts says embedded and subset, and there is at least one.
pub fn assert_fonts_embedded_and_subset(path: &Path) {
    let (ok, out) = run("pdffonts", &[path.to_str().unwrap()]);
    assert!(ok, "{out}");
    let fonts: Vec<&str> = out.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
    assert!(!fonts.is_empty(), "{out}");
    for line in fonts {
        let columns: Vec<&str> = line.split_whitespace().collect();
        let n = columns.len();
        // name type... encoding emb sub uni object-id generation
        assert_eq!(&columns[n - 5..n - 2], &["yes", "yes", "yes"], "not embedded, subset and mapped: {line}");
        assert!(columns[0].len() > 7 && columns[0].as_bytes()[6] == b'+', "no subset tag: {line}");
    }
}

pub fn assert_qpdf_clean(path: &Path) {
    let (ok, out) = run("qpdf", &["--check", path.to_str().unwrap()]);
    assert!(ok && out.contains("No syntax or stream encoding errors"), "{out}");
}

pub fn page_count(path: &Path) -> usize {
    let (ok, out) = run("pdfinfo", &[path.to_str().unwrap()]);
    assert!(ok, "{out}");
    out.lines().find_map(|l| l.strip_prefix("Pages:")).map(|n| n.trim().parse().unwrap()).unwrap()
}
