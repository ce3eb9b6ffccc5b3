//! `thuocdo bench`: the speed figures of BENCHMARKS.md, measured on a generated province (≈150 communes,
//! ≈10,000 cadres). Timing is reported, never asserted.

use crate::demo::{create_demo, DemoScale, DEMO_PASSWORD};
use crate::error::{Result, ServiceError};
use crate::office::{create_office, NewOffice, Office};
use crate::roster::ImportOptions;
use crate::work::{SheetOptions, TargetFilter};
use crate::Lang;
use serde::Serialize;
use std::path::Path;
use std::time::{Duration, Instant};
use store::Store;

#[derive(Debug, Clone, Serialize)]
pub struct Measurement {
    pub what: String,
    pub millis: f64,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BenchResults {
    pub people: usize,
    pub units: usize,
    pub measurements: Vec<Measurement>,
}

impl BenchResults {
    pub fn to_markdown(&self) -> String {
        let mut text = format!("Province demo: {} units, {} people\n\n| what | ms | note |\n|---|---:|---|\n", self.units, self.people);
        for m in &self.measurements {
            text.push_str(&format!("| {} | {:.1} | {} |\n", m.what, m.millis, m.note));
        }
        text
    }
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn timed<T>(work: impl FnOnce() -> Result<T>) -> Result<(T, f64)> {
    let start = Instant::now();
    let value = work()?;
    Ok((value, millis(start.elapsed())))
}

/// Median of `runs` timings, so one slow run (a page fault, another process) does not decide the figure.
fn median_of<T>(runs: usize, mut work: impl FnMut() -> Result<T>) -> Result<(T, f64)> {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let (value, ms) = timed(&mut work)?;
        times.push(ms);
        last = Some(value);
    }
    times.sort_by(f64::total_cmp);
    let value = last.ok_or_else(|| ServiceError::Internal("no bench runs".into()))?;
    Ok((value, times[times.len() / 2]))
}

fn fresh_office(path: &Path) -> Result<Office> {
    let new = NewOffice {
        unit_name: "Tỉnh Sông Lam".into(),
        unit_code: "SL".into(),
        level: "province".into(),
        parent_code: None,
        admin: "admin".into(),
    };
    create_office(path, &new, DEMO_PASSWORD)
}

pub fn run(dir: &Path, seed: u64, progress: &mut dyn FnMut(&str)) -> Result<BenchResults> {
    std::fs::create_dir_all(dir).map_err(|e| ServiceError::CannotWrite { path: dir.display().to_string(), reason: e.to_string() })?;
    let mut measurements = Vec::new();
    let mut note = |what: &str, ms: f64, note: String| measurements.push(Measurement { what: what.into(), millis: ms, note });
    let demo_path = dir.join("province.db");
    let _ = std::fs::remove_file(&demo_path);

    progress("generating the province demo");
    let (summary, ms) = timed(|| create_demo(&demo_path, DemoScale::Province, seed, None))?;
    let size = std::fs::metadata(&demo_path).map(|m| m.len()).unwrap_or(0);
    note("generate province demo (thuocdo demo --scale province)", ms, format!("database {:.1} MB", size as f64 / 1e6));

    progress("opening the demo");
    let ((office, session), ms) = timed(|| Office::unlock(&demo_path, None, DEMO_PASSWORD))?;
    note("open the province demo and log in (argon2id unwrap of the database key)", ms, String::new());
    let (people, ms) = median_of(5, || office.roster(&session))?;
    note("list the whole roster, sorted by given name", ms, format!("{} people, median of 5", people.len()));
    for query in ["nguyen", "hoà", "nguyen van h", "thuý"] {
        let (found, ms) = median_of(21, || office.find_people(&session, query))?;
        note(&format!("folded search \"{query}\""), ms, format!("{} found, median of 21", found.len()));
    }

    progress("exporting the roster");
    let xlsx = dir.join("roster.xlsx");
    let csv = dir.join("roster.csv");
    let (rows, ms) = timed(|| office.export_roster(&session, &xlsx, Lang::Vi))?;
    note("export roster to XLSX", ms, format!("{rows} rows"));
    let (_, ms) = timed(|| office.export_roster(&session, &csv, Lang::Vi))?;
    note("export roster to CSV", ms, format!("{rows} rows"));

    progress("measured work");
    let year = crate::demo::DEMO_YEAR;
    let day = chrono::NaiveDate::from_ymd_opt(year, 11, 20);
    let filter = TargetFilter { year, unit_code: None, as_of: day };
    let (lines, ms) = median_of(5, || office.targets(&session, &filter, Lang::Vi))?;
    note(
        "recompute every target's actual, completion and status for the year",
        ms,
        format!("{} targets, {} reports, median of 5", lines.len(), lines.iter().map(|l| l.reports).sum::<usize>()),
    );
    let (groups, ms) = median_of(5, || office.comparison_groups(&session, year, day))?;
    note("list the equivalent-position groups with holders", ms, format!("{} groups, median of 5", groups.len()));
    let (table, ms) = median_of(5, || office.comparison(&session, year, "bi_thu_xa", day, Lang::Vi))?;
    note("one group's ranked comparison (commune Party secretaries)", ms, format!("{} ranked, median of 5", table.rows.len()));
    let measured: Vec<&str> = groups.iter().filter(|g| g.with_targets > 0).map(|g| g.code.as_str()).collect();
    let (ranked, ms) = timed(|| {
        let mut ranked = 0;
        for group in &measured {
            ranked += office.comparison(&session, year, group, day, Lang::Vi)?.rows.len();
        }
        Ok(ranked)
    })?;
    note("every comparison table of the year", ms, format!("{} groups, {ranked} people ranked", measured.len()));
    let targets_xlsx = dir.join("targets.xlsx");
    let (rows, ms) = timed(|| office.export_targets(&session, &filter, &targets_xlsx, Lang::Vi))?;
    note("export the year's targets with figures to XLSX", ms, format!("{rows} rows"));
    let mut office = office;
    let (report, ms) =
        timed(|| office.import_targets(&session, &targets_xlsx, &SheetOptions { dry_run: false, ..SheetOptions::default() }))?;
    note("re-import the exported targets (every row checked, nothing changes)", ms, format!("{} unchanged", report.unchanged));

    progress("classification");
    let province = office.summary(&session)?.unit_code;
    let (classification, ms) = median_of(3, || office.classify(&session, year, &province, Lang::Vi))?;
    note(
        "classify the province year end to end (points from 12 monthly periods, tasks, conditions, head rule, quota)",
        ms,
        format!("{} people, {} collectives, median of 3", classification.people.len(), classification.collectives.len()),
    );
    let commune = classification.collectives.iter().find(|c| c.unit_code != province).map(|c| c.unit_code.clone()).unwrap_or_default();
    let (one, ms) = median_of(5, || office.classify(&session, year, &commune, Lang::Vi))?;
    note("classify one commune (same load, a smaller scope)", ms, format!("{} people, median of 5", one.people.len()));
    let (attention, ms) = median_of(3, || office.attention_list(&session, year, &province, Lang::Vi))?;
    note("the province's attention list", ms, format!("{} entries, median of 3", attention.len()));

    progress("products");
    let products = office.store.read().product_count(year)?;
    note("products of the year in the demo", 0.0, format!("{products} products, database {:.1} MB", size as f64 / 1e6));
    let march = crate::work::ProductFilter { year, period: Some(crate::work::Period::Month(3)), unit_code: None, person_id: None };
    let month_xlsx = dir.join("products-t3.xlsx");
    let (rows, ms) = timed(|| office.export_products(&session, &march, &month_xlsx, Lang::Vi))?;
    note("export one month of the province's products to XLSX (T3)", ms, format!("{rows} rows"));
    let (report, ms) =
        timed(|| office.import_products(&session, &month_xlsx, &SheetOptions { dry_run: false, ..SheetOptions::default() }))?;
    note("re-import that month (every row checked, nothing changes)", ms, format!("{} unchanged", report.unchanged));
    // A month not yet planned: the same sheet moved to January of the next year, every row new.
    let next = dir.join("products-next.xlsx");
    let table = tabular::read_table(&month_xlsx)?;
    let mut table_rows = table.rows.into_iter();
    let header: Vec<String> = table_rows.next().map(|r| r.cells).unwrap_or_default();
    let cells: Vec<Vec<tabular::Cell>> = table_rows
        .map(|r| {
            r.cells
                .into_iter()
                .enumerate()
                .map(|(i, c)| match i {
                    0 => tabular::Cell::Text((year + 1).to_string()),
                    1 => tabular::Cell::Text("T1".into()),
                    // Next year's targets are not set yet: routine work.
                    5 => tabular::Cell::Text("thường xuyên".into()),
                    10 | 12 => tabular::Cell::Empty,
                    _ if c.is_empty() => tabular::Cell::Empty,
                    _ => tabular::Cell::Text(c),
                })
                .collect()
        })
        .collect();
    let headers: Vec<&str> = header.iter().map(String::as_str).collect();
    tabular::write_xlsx(&next, "Sản phẩm", &headers, &cells)?;
    let (report, ms) = timed(|| office.import_products(&session, &next, &SheetOptions { dry_run: false, ..SheetOptions::default() }))?;
    note("import one new month of the province's products (plans and appraisals)", ms, format!("{} new", report.new));
    let size_after = std::fs::metadata(&demo_path).map(|m| m.len()).unwrap_or(0);
    note("database after that month", 0.0, format!("{:.1} MB", size_after as f64 / 1e6));

    let options = ImportOptions { create_units: true, ..ImportOptions::default() };
    for (label, file) in [("CSV", &csv), ("XLSX", &xlsx)] {
        progress(&format!("importing {label}"));
        let target = dir.join(format!("import-{label}.db"));
        let _ = std::fs::remove_file(&target);
        let mut fresh = fresh_office(&target)?;
        let admin = fresh.login(None, DEMO_PASSWORD)?;
        let (report, ms) = timed(|| fresh.import_roster(&admin, file, &options))?;
        note(
            &format!("import {} roster rows from {label} into an empty office", report.rows),
            ms,
            format!("{} new people, {} units created", report.new_people, report.created_units.len()),
        );
        let (report, ms) = timed(|| fresh.import_roster(&admin, file, &options))?;
        note(&format!("re-import the same {label} (nothing changes)"), ms, format!("{} unchanged", report.unchanged_people));
        // The share of an import spent reading the file as offices lay it out: the file read, the old-encoding check,
        // the header search and the footer scan — against the whole re-import above.
        let (_, read_ms) = timed(|| tabular::read_table(file).map_err(ServiceError::from))?;
        let (rows, layout_ms) = timed(|| {
            let mut table = tabular::read_table(file)?;
            let _ = crate::layout_view::to_unicode(&mut table, false);
            let sheet: Vec<domain::sheet_layout::SheetRow<'_>> = table.rows.iter().map(|r| (r.number, r.cells.as_slice())).collect();
            let layout = crate::layout_view::read_layout::<domain::roster::RosterField>(&sheet, &Default::default())
                .map_err(|_| ServiceError::Internal("no header".into()))?;
            Ok::<_, ServiceError>(layout.data.len())
        })?;
        note(&format!("read the {label} file alone"), read_ms, String::new());
        note(
            &format!("read it as offices lay files out (encoding check, header search, footer scan) — {label}"),
            layout_ms,
            format!("{rows} data rows"),
        );
    }
    progress("encryption at rest");
    encryption_cost(dir, &demo_path, &mut note)?;
    Ok(BenchResults { people: summary.people, units: summary.units, measurements })
}

/// The same work on the encrypted province database and on a plain copy of it (SQLCipher's cost, issue 15). The
/// plain copy is opened as a database from before encryption would be, without encrypting it at login.
fn encryption_cost(dir: &Path, encrypted: &Path, note: &mut dyn FnMut(&str, f64, String)) -> Result<()> {
    let plain = dir.join("province-plain.db");
    let _ = std::fs::remove_file(&plain);
    crate::keyring::unlocked_store(encrypted, None, DEMO_PASSWORD)?.plain_copy(&plain)?;
    let year = crate::demo::DEMO_YEAR;
    for (label, path) in [("encrypted", encrypted), ("plain", plain.as_path())] {
        let ((office, session), ms) = timed(|| {
            if label == "plain" {
                let mut office = Office::with_store(Store::open_existing(path)?)?;
                let session = office.login(None, DEMO_PASSWORD)?;
                Ok((office, session))
            } else {
                Office::unlock(path, None, DEMO_PASSWORD)
            }
        })?;
        note(&format!("{label}: open and log in"), ms, String::new());
        let (people, ms) = median_of(5, || office.roster(&session))?;
        note(&format!("{label}: the whole roster"), ms, format!("{} people, median of 5", people.len()));
        let (found, ms) = median_of(21, || office.find_people(&session, "nguyen van h"))?;
        note(&format!("{label}: folded search"), ms, format!("{} found, median of 21", found.len()));
        let province = office.summary(&session)?.unit_code;
        let (classification, ms) = median_of(3, || office.classify(&session, year, &province, Lang::Vi))?;
        note(&format!("{label}: classify the province year"), ms, format!("{} people, median of 3", classification.people.len()));
        let copies = dir.join(format!("backups-{label}"));
        let _ = std::fs::remove_dir_all(&copies);
        let mut office = office;
        let (receipt, ms) = timed(|| office.backup(&session, &copies, false))?;
        note(
            &format!("{label}: back up"),
            ms,
            format!("{:.1} MB copy", std::fs::metadata(&receipt.path).map(|m| m.len()).unwrap_or(0) as f64 / 1e6),
        );
    }
    Ok(())
}
