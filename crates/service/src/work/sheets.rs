//! The spreadsheets offices keep targets and progress in: import all or nothing with every bad row named,
//! export in the same columns so an exported file imports back unchanged.

use super::draft::{self, Draft, DraftIssue, Lookup, TargetText};
use super::progress::{check_period_kind, check_value, read_evidence, save_report, NewReport};
use super::targets::{share_of, TargetFilter};
use crate::auth::{Permission, Session};
use crate::error::{Result, ServiceError};
use crate::layout_view::{read_layout, reading_of, ReadingChoices, SheetField, SheetReading};
use crate::office::Office;
use crate::roster::ImportIssue;
use domain::numbers::format_count;
use domain::roster::HeaderProblem;
use domain::sheet_layout::{year_in_title, LayoutProblem, SheetRow};
use domain::targets::{Period, Share};
use domain::text::fold;
use domain::Lang;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use store::{Reader, TargetRecord};
use tabular::Cell;
use ts_rs::TS;
use uuid::Uuid;

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SheetOptions {
    pub dry_run: bool,
    /// The user's corrections of how the sheet was read (header row, what a column holds); none at first.
    #[serde(default)]
    pub reading: ReadingChoices,
}

/// What a targets or progress import found and did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SheetReport {
    pub file: String,
    /// "targets" or "progress"
    pub kind: String,
    pub rows: usize,
    pub dry_run: bool,
    pub written: bool,
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub errors: Vec<ImportIssue>,
    /// How the sheet was read (header row, each column's field), for the preview to show and correct; None when no
    /// header was recognised and the first row was taken.
    pub reading: Option<SheetReading>,
}

const ERRORS_IN_MESSAGE: usize = 50;

impl SheetReport {
    pub(crate) fn new(path: &Path, kind: &str, dry_run: bool) -> Self {
        SheetReport {
            file: path.display().to_string(),
            kind: kind.into(),
            rows: 0,
            dry_run,
            written: false,
            new: 0,
            updated: 0,
            unchanged: 0,
            reading: None,
            errors: Vec::new(),
        }
    }

    pub(crate) fn rejection_message(&self, lang: Lang) -> String {
        let mut text = match lang {
            Lang::Vi => format!(
                "Không nhập gì: tệp {} có {} lỗi. Sửa các dòng sau rồi nhập lại:",
                self.file,
                format_count(self.errors.len() as i64)
            ),
            Lang::En => format!("Nothing was imported: {} has {} errors. Fix these rows and import again:", self.file, self.errors.len()),
        };
        for issue in self.errors.iter().take(ERRORS_IN_MESSAGE) {
            text.push_str("\n  ");
            text.push_str(if lang == Lang::Vi { &issue.message } else { &issue.message_en });
        }
        if self.errors.len() > ERRORS_IN_MESSAGE {
            let more = self.errors.len() - ERRORS_IN_MESSAGE;
            text.push_str(&match lang {
                Lang::Vi => format!("\n  … và {} lỗi khác (xem đủ bằng --json).", format_count(more as i64)),
                Lang::En => format!("\n  … and {more} more (see all with --json)."),
            });
        }
        text
    }

    pub(crate) fn error(&mut self, row: usize, column: Option<&SheetColumn>, vi: &str, en: &str) {
        let (message, message_en) = match column {
            Some(c) => (format!("Dòng {row}, cột \"{}\": {vi}", c.vi), format!("Row {row}, column \"{}\": {en}", c.en)),
            None => (format!("Dòng {row}: {vi}"), format!("Row {row}: {en}")),
        };
        self.errors.push(ImportIssue { row, column: column.map(|c| c.vi.to_string()), message, message_en });
    }

    pub(crate) fn issue(&mut self, row: usize, columns: &[SheetColumn], issue: &DraftIssue) {
        let column = columns.iter().find(|c| c.field == issue.field);
        self.error(row, column, &issue.vi, &issue.en);
    }
}

/// A column of a sheet: the field it fills, its headers in both languages, and whether it must be present.
pub(crate) struct SheetColumn {
    pub field: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
    pub required: bool,
}

pub(crate) const fn column(field: &'static str, vi: &'static str, en: &'static str, required: bool) -> SheetColumn {
    SheetColumn { field, vi, en, required }
}

pub(crate) const TARGET_COLUMNS: [SheetColumn; 15] = [
    column("year", "Năm", "Year", true),
    column("unit", "Mã đơn vị", "Unit code", true),
    column("person", "Người được giao", "Assigned to", false),
    column("group", "Nhóm nhiệm vụ", "Task group", true),
    column("code", "Mã chỉ tiêu", "Target code", true),
    column("name", "Tên chỉ tiêu", "Target", true),
    column("measure", "Đơn vị tính", "Unit of measure", true),
    column("plan", "Kế hoạch", "Plan", true),
    column("direction", "Chiều đánh giá", "Direction", false),
    column("accumulation", "Cách tính thực hiện", "Accumulation", false),
    column("weight", "Trọng số", "Weight", false),
    column("start", "Ngày bắt đầu", "Start", false),
    column("deadline", "Hạn hoàn thành", "Deadline", false),
    column("document", "Văn bản giao", "Source document", false),
    column("parent", "Chỉ tiêu cấp trên", "Parent target", false),
];

/// Columns an export adds after the importable ones; an import ignores them.
const FIGURE_HEADERS: [(&str, &str); 3] = [("Thực hiện", "Actual"), ("Tỷ lệ hoàn thành (%)", "Completion (%)"), ("Trạng thái", "Status")];

pub(crate) const PROGRESS_COLUMNS: [SheetColumn; 8] = [
    column("year", "Năm", "Year", true),
    column("unit", "Mã đơn vị", "Unit code", true),
    column("code", "Mã chỉ tiêu", "Target code", true),
    column("period", "Kỳ", "Period", true),
    column("value", "Thực hiện", "Actual", true),
    column("measure", "Đơn vị tính", "Unit of measure", false),
    column("comment", "Ghi chú", "Comment", false),
    column("evidence", "Minh chứng", "Evidence", false),
];

/// Finds each column by its header in either language (case and diacritics ignored); other columns are ignored.
pub(crate) fn map_headers(header: &[String], columns: &[SheetColumn], report: &mut SheetReport) -> HashMap<&'static str, usize> {
    let mut found = HashMap::new();
    for (index, cell) in header.iter().enumerate() {
        let folded = fold(cell);
        if let Some(c) = columns.iter().find(|c| fold(c.vi) == folded || fold(c.en) == folded) {
            found.entry(c.field).or_insert(index);
        }
    }
    for c in columns.iter().filter(|c| c.required && !found.contains_key(c.field)) {
        report.error(1, None, &format!("Thiếu cột \"{}\".", c.vi), &format!("The column \"{}\" is missing.", c.en));
    }
    found
}

pub(crate) fn cell<'a>(cells: &'a [String], map: &HashMap<&'static str, usize>, field: &str) -> &'a str {
    map.get(field).and_then(|&i| cells.get(i)).map(String::as_str).unwrap_or("")
}

/// The columns of one kind of sheet, as the layout reader's fields (so a preview can show and correct the mapping).
pub(crate) trait ColumnSet: Copy + PartialEq {
    fn columns() -> &'static [SheetColumn];
}

/// A column of the sheet kind `S`, by its place in `S::columns()`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct KnownColumn<S: ColumnSet>(usize, std::marker::PhantomData<S>);

impl<S: ColumnSet> SheetField for KnownColumn<S> {
    fn all() -> Vec<Self> {
        (0..S::columns().len()).map(|i| KnownColumn(i, std::marker::PhantomData)).collect()
    }
    fn code(self) -> String {
        S::columns()[self.0].field.to_string()
    }
    fn label(self, lang: Lang) -> String {
        let c = &S::columns()[self.0];
        match lang {
            Lang::Vi => c.vi.to_string(),
            Lang::En => c.en.to_string(),
        }
    }
    fn recognise(path: &[&str]) -> Option<Self> {
        let folded = fold(path.last()?);
        S::columns().iter().position(|c| fold(c.vi) == folded || fold(c.en) == folded).map(|i| KnownColumn(i, std::marker::PhantomData))
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TargetSheet;
impl ColumnSet for TargetSheet {
    fn columns() -> &'static [SheetColumn] {
        &TARGET_COLUMNS
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ProgressSheet;
impl ColumnSet for ProgressSheet {
    fn columns() -> &'static [SheetColumn] {
        &PROGRESS_COLUMNS
    }
}

/// A sheet as read: each column's header label at its index (the importer's own label where the column was
/// recognised or set by the user, blank where the user set it aside), the data rows, and the reading for the preview.
pub(crate) struct ReadSheet {
    pub header: Vec<String>,
    pub rows: Vec<tabular::Row>,
    pub reading: Option<SheetReading>,
}

/// Reads a sheet as offices lay it out (see `domain::sheet_layout`): the header found among the first rows, one row
/// or two, with letterheads, numbering rows, group rows and the footer left out, and text typed in TCVN3 or VNI
/// converted — with the user's corrections (`choices`: the header row, what a column holds) applied.
pub(crate) fn read_sheet<S: ColumnSet>(path: &Path, choices: &ReadingChoices) -> Result<ReadSheet> {
    let mut table = tabular::read_table(path)?;
    let conversion = crate::layout_view::to_unicode(&mut table, choices.keep_encoding);
    let sheet: Vec<SheetRow<'_>> = table.rows.iter().map(|r| (r.number, r.cells.as_slice())).collect();
    let read = match read_layout::<KnownColumn<S>>(&sheet, choices) {
        Ok(layout) => {
            let width = layout.columns.iter().map(|c| c.index + 1).max().unwrap_or(0);
            let mut header = vec![String::new(); width];
            for c in &layout.columns {
                let own = c.label.rsplit(" / ").next().unwrap_or_default();
                header[c.index] = match c.field {
                    Some(field) => field.label(Lang::Vi),
                    // A column whose label names a field it does not hold (set aside by the user, or its field given
                    // to another column) must not be found by that label again: the importer reads what the
                    // preview showed.
                    None if KnownColumn::<S>::recognise(&[own]).is_some() => String::new(),
                    // Not one of the importer's columns (a criterion of an assessment sheet, a note): its own label.
                    None => own.to_string(),
                };
            }
            let mut reading = reading_of(&layout, &sheet, conversion.as_ref());
            let mut rows: Vec<tabular::Row> = layout.data.iter().map(|&i| table.rows[i].clone()).collect();
            let first_header = layout.header_rows.first().copied().unwrap_or(0);
            let title = sheet.iter().take_while(|r| r.0 < first_header).map(|r| r.1.join(" "));
            let title: Vec<String> = title.collect();
            let year_column = S::columns().iter().find(|c| c.field == YEAR);
            if let Some((column, year)) = year_column.zip(year_in_title(title.iter().map(String::as_str))) {
                reading.title_year = Some(year);
                fill_year(&mut header, &mut rows, column.vi, &year.to_string());
            }
            ReadSheet { header, rows, reading: Some(reading) }
        }
        // The header row the user chose is not in the sheet: said, rather than read another way than asked.
        Err(LayoutProblem::NoSuchRow { row }) => return Err(ServiceError::BadHeader(HeaderProblem::NoSuchRow { row })),
        // Too few known columns to find a header: the first row is taken, and the missing columns are named.
        Err(LayoutProblem::NoHeader { .. }) => {
            let mut rows = table.rows.into_iter();
            let header = rows.next().ok_or(ServiceError::File(tabular::TabularError::Empty))?;
            ReadSheet { header: header.cells, rows: rows.collect(), reading: None }
        }
    };
    if read.rows.is_empty() {
        return Err(ServiceError::File(tabular::TabularError::Empty));
    }
    Ok(read)
}

/// The field of the year in every sheet kind that has one.
const YEAR: &str = "year";

/// A year named by the title goes where a row has none: into a "Năm" column added for sheets without one, into the
/// empty cells of one that is there. A year a row gives is kept.
fn fill_year(header: &mut Vec<String>, rows: &mut [tabular::Row], label: &str, year: &str) {
    let column = match header.iter().position(|h| h == label) {
        Some(column) => column,
        None => {
            header.push(label.to_string());
            header.len() - 1
        }
    };
    for row in rows {
        if row.cells.len() <= column {
            row.cells.resize(column + 1, String::new());
        }
        if row.cells[column].trim().is_empty() {
            row.cells[column] = year.to_string();
        }
    }
}

pub(crate) fn reject(report: SheetReport) -> ServiceError {
    ServiceError::SheetRejected(Box::new(report))
}

/// A checked target row, with the id it will have and its parent resolved.
struct PlannedTarget {
    row: usize,
    draft: Draft,
    id: Uuid,
    existing: Option<TargetRecord>,
    parent_id: Option<Uuid>,
    depth: usize,
}

impl Office {
    /// Imports targets: every row checked (fields, unknown units and people, parents, the cascade of every parent
    /// touched), then all written in one transaction, or nothing.
    pub fn import_targets(&mut self, session: &Session, path: &Path, options: &SheetOptions) -> Result<SheetReport> {
        if options.dry_run {
            session.require(Permission::Read)?;
        } else {
            self.require_whole_office(session, Permission::EditWork)?;
        }
        let ReadSheet { header, rows, reading } = read_sheet::<TargetSheet>(path, &options.reading)?;
        let stamp = self.stamp()?;
        let rules = self.rules();
        let username = session.username.clone();
        self.store.write(|w| {
            let mut report = SheetReport::new(path, "targets", options.dry_run);
            report.rows = rows.len();
            report.reading = reading.clone();
            let map = map_headers(&header, &TARGET_COLUMNS, &mut report);
            if !report.errors.is_empty() {
                return Err(reject(report));
            }
            let read = w.read();
            let lookup = Lookup::load(read)?;
            let mut planned: Vec<PlannedTarget> = Vec::new();
            let mut keys: HashMap<(i32, String, String), usize> = HashMap::new();
            for row in &rows {
                let get = |f: &str| cell(&row.cells, &map, f).to_string();
                let text = TargetText {
                    year: get("year"),
                    unit: get("unit"),
                    person: get("person"),
                    code: get("code"),
                    group: get("group"),
                    name: get("name"),
                    measure: get("measure"),
                    plan: get("plan"),
                    direction: get("direction"),
                    accumulation: get("accumulation"),
                    weight: get("weight"),
                    start: get("start"),
                    deadline: get("deadline"),
                    document: get("document"),
                    parent: get("parent"),
                };
                // The saved target's assignee settles a name shared by two people (an exported sheet re-imported).
                let keep = match (text.year.trim().parse::<i32>(), lookup.unit(&text.unit)) {
                    (Ok(year), Some(unit)) => {
                        read.target_by_code(year, unit, &domain::text::clean(&text.code).to_uppercase())?.and_then(|t| t.person_id)
                    }
                    _ => None,
                };
                match draft::check(&text, None, keep, &lookup, &rules) {
                    Err(issues) => issues.iter().for_each(|i| report.issue(row.number, &TARGET_COLUMNS, i)),
                    Ok(draft) => {
                        if let Some(first) = keys.insert(draft.key(), row.number) {
                            report.issue(
                                row.number,
                                &TARGET_COLUMNS,
                                &DraftIssue {
                                    field: "code",
                                    vi: format!("Mã chỉ tiêu {} của {} đã có ở dòng {first}.", draft.code, draft.unit_code),
                                    en: format!("Target {} of {} is already on row {first}.", draft.code, draft.unit_code),
                                },
                            );
                            continue;
                        }
                        let existing = read.target_by_code(draft.year, draft.unit_id, &draft.code)?;
                        let id = existing.as_ref().map_or_else(|| stamp.meta(0).id, |e| e.meta.id);
                        planned.push(PlannedTarget { row: row.number, draft, id, existing, parent_id: None, depth: 0 });
                    }
                }
            }
            resolve_parents(read, &lookup, &mut planned, &mut report)?;
            check_cascades(read, &planned, &mut report)?;
            if !report.errors.is_empty() {
                report.errors.sort_by_key(|e| e.row);
                return Err(reject(report));
            }
            planned.sort_by_key(|p| p.depth);
            for plan in &planned {
                let changed = match &plan.existing {
                    None => {
                        report.new += 1;
                        true
                    }
                    Some(existing) if plan.draft.differs_from(existing, plan.parent_id) => {
                        report.updated += 1;
                        true
                    }
                    Some(_) => {
                        report.unchanged += 1;
                        false
                    }
                };
                if changed && !options.dry_run {
                    let meta = match &plan.existing {
                        Some(e) => store::Meta { revision: w.next_revision()?, updated_at: stamp.now, ..e.meta.clone() },
                        None => stamp.meta_with_id(plan.id, w.next_revision()?),
                    };
                    w.save_target(&plan.draft.record(meta, plan.parent_id))?;
                }
            }
            if !options.dry_run && report.new + report.updated > 0 {
                w.audit(&username, "targets.import", &format!("{}: {} new, {} updated", report.file, report.new, report.updated))?;
                report.written = true;
            }
            Ok(report)
        })
    }

    /// Writes the targets of a year (or of a unit and those below it) with their figures, in the import's columns.
    pub fn export_targets(&self, session: &Session, filter: &TargetFilter, path: &Path, lang: Lang) -> Result<usize> {
        let lines = self.targets(session, filter, lang)?;
        let lookup = Lookup::load(self.store.read())?;
        let mut headers: Vec<&str> = TARGET_COLUMNS.iter().map(|c| lang.pick(c.vi, c.en)).collect();
        headers.extend(FIGURE_HEADERS.iter().map(|(vi, en)| lang.pick(vi, en)));
        let number = |hundredths: i64| Cell::Number(hundredths as f64 / 100.0);
        let text = |s: &str| if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) };
        let rows: Vec<Vec<Cell>> = lines
            .iter()
            .map(|l| {
                vec![
                    Cell::Number(f64::from(l.year)),
                    Cell::Text(l.unit_code.clone()),
                    // With the birth date when a namesake works in the same unit, so the file imports back.
                    text(&l.person_id.and_then(|p| lookup.person_label(l.unit_id, p)).unwrap_or_default()),
                    Cell::Text(l.group_name.clone()),
                    Cell::Text(l.code.clone()),
                    Cell::Text(l.name.clone()),
                    Cell::Text(l.measure.clone()),
                    number(l.plan),
                    Cell::Text(l.direction.label(lang).into()),
                    Cell::Text(l.accumulation.label(lang).into()),
                    number(l.weight),
                    Cell::Date(l.start_date),
                    Cell::Date(l.deadline),
                    text(l.source_document.as_deref().unwrap_or("")),
                    text(l.parent_ref.as_deref().unwrap_or("")),
                    l.actual.map_or(Cell::Empty, number),
                    l.completion.map_or(Cell::Empty, number),
                    Cell::Text(l.status_label.clone()),
                ]
            })
            .collect();
        tabular::write_xlsx(path, lang.pick("Chỉ tiêu", "Targets"), &headers, &rows)?;
        Ok(rows.len())
    }

    /// Imports actual values by period. Evidence files named in the sheet (relative to its folder) are read and
    /// hashed before anything is written; any bad row or unreadable file and nothing is saved.
    pub fn import_progress(&mut self, session: &Session, path: &Path, options: &SheetOptions) -> Result<SheetReport> {
        if options.dry_run {
            session.require(Permission::Read)?;
        } else {
            self.require_whole_office(session, Permission::EditWork)?;
        }
        let ReadSheet { header, rows, reading } = read_sheet::<ProgressSheet>(path, &options.reading)?;
        let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let stamp = self.stamp()?;
        let username = session.username.clone();
        self.store.write(|w| {
            let mut report = SheetReport::new(path, "progress", options.dry_run);
            report.rows = rows.len();
            report.reading = reading.clone();
            let map = map_headers(&header, &PROGRESS_COLUMNS, &mut report);
            if !report.errors.is_empty() {
                return Err(reject(report));
            }
            let read = w.read();
            let lookup = Lookup::load(read)?;
            let col = |field: &str| PROGRESS_COLUMNS.iter().find(|c| c.field == field);
            let mut targets: HashMap<Uuid, (TargetRecord, Vec<Period>)> = HashMap::new();
            let mut seen: HashMap<(Uuid, Period), usize> = HashMap::new();
            let mut accepted: Vec<NewReport> = Vec::new();
            for row in &rows {
                let get = |f: &str| cell(&row.cells, &map, f);
                let errors_before = report.errors.len();
                let year = get("year").trim().parse::<i32>().ok();
                if year.is_none() {
                    report.error(row.number, col("year"), "Năm phải là số có 4 chữ số.", "The year is four digits.");
                }
                let unit = lookup.unit(get("unit"));
                if unit.is_none() {
                    report.error(
                        row.number,
                        col("unit"),
                        &format!("Không có đơn vị mã \"{}\".", get("unit").trim()),
                        &format!("There is no unit \"{}\".", get("unit").trim()),
                    );
                }
                let (Some(year), Some(unit)) = (year, unit) else { continue };
                let code = domain::text::clean(get("code")).to_uppercase();
                let Some(target) = read.target_by_code(year, unit, &code)? else {
                    report.error(
                        row.number,
                        col("code"),
                        &format!("Không có chỉ tiêu {code} của đơn vị này năm {year}."),
                        &format!("This unit has no target {code} for {year}."),
                    );
                    continue;
                };
                if let std::collections::hash_map::Entry::Vacant(slot) = targets.entry(target.meta.id) {
                    let periods = read.progress_of_target(target.meta.id)?.into_iter().map(|r| r.period).collect();
                    slot.insert((target.clone(), periods));
                }
                let Some(period) = Period::parse(get("period"), year) else {
                    report.error(
                        row.number,
                        col("period"),
                        &format!("Kỳ \"{}\" không hợp lệ: ghi T1…T12 hoặc Q1…Q4.", get("period").trim()),
                        &format!("The period \"{}\" is not valid: write T1…T12 or Q1…Q4.", get("period").trim()),
                    );
                    continue;
                };
                let value = match check_value(&target, get("value")) {
                    Ok(v) => Some(v),
                    Err(issue) => {
                        report.issue(row.number, &PROGRESS_COLUMNS, &issue);
                        None
                    }
                };
                if !draft::measure_agrees(&target.measure, get("measure")) {
                    report.error(
                        row.number,
                        col("measure"),
                        &format!("Đơn vị tính \"{}\" khác với chỉ tiêu (\"{}\").", get("measure").trim(), target.measure),
                        &format!("The unit \"{}\" differs from the target's (\"{}\").", get("measure").trim(), target.measure),
                    );
                }
                if let Some(first) = seen.insert((target.meta.id, period), row.number) {
                    report.error(
                        row.number,
                        col("period"),
                        &format!("Kỳ này của chỉ tiêu đã có ở dòng {first}."),
                        &format!("This period of the target is already on row {first}."),
                    );
                }
                let mut evidence = Vec::new();
                for name in get("evidence").split([';', '\n']).map(str::trim).filter(|n| !n.is_empty()) {
                    match read_evidence(&folder.join(name)) {
                        Ok(file) => evidence.push(file),
                        Err(e) => report.error(row.number, col("evidence"), &e.message(Lang::Vi), &e.message(Lang::En)),
                    }
                }
                if let (Some(value), true) = (value, report.errors.len() == errors_before) {
                    let comment = Some(domain::text::clean(get("comment"))).filter(|c| !c.is_empty());
                    accepted.push(NewReport { target_id: target.meta.id, period, value, comment, evidence });
                    if let Some((_, periods)) = targets.get_mut(&target.meta.id) {
                        if let Err(issue) = check_period_kind(&target, periods, period) {
                            report.issue(row.number, &[column("period", "Kỳ", "Period", true)], &issue);
                        }
                        periods.push(period);
                    }
                }
            }
            if !report.errors.is_empty() {
                report.errors.sort_by_key(|e| e.row);
                return Err(reject(report));
            }
            for new in accepted {
                let target = &targets[&new.target_id].0;
                let saved = read.progress_by_period(new.target_id, new.period)?;
                if options.dry_run {
                    let unchanged =
                        saved.as_ref().is_some_and(|p| p.value == new.value && p.comment == new.comment) && new.evidence.is_empty();
                    match (saved.is_some(), unchanged) {
                        (_, true) => report.unchanged += 1,
                        (true, false) => report.updated += 1,
                        (false, _) => report.new += 1,
                    }
                    continue;
                }
                let existed = saved.is_some();
                let changed = save_report(w, stamp, &username, target, new)?;
                match (existed, changed) {
                    (_, false) => report.unchanged += 1,
                    (true, true) => report.updated += 1,
                    (false, true) => report.new += 1,
                }
            }
            if !options.dry_run && report.new + report.updated > 0 {
                w.audit(&username, "progress.import", &format!("{}: {} new, {} updated", report.file, report.new, report.updated))?;
                report.written = true;
            }
            Ok(report)
        })
    }
}

/// Resolves each row's parent (in the file or already saved) and the order to write them in (parents first).
fn resolve_parents(read: Reader<'_>, lookup: &Lookup, planned: &mut [PlannedTarget], report: &mut SheetReport) -> Result<()> {
    let index: HashMap<(i32, String, String), usize> = planned.iter().enumerate().map(|(i, p)| (p.draft.key(), i)).collect();
    let mut parent_of: Vec<Option<usize>> = vec![None; planned.len()];
    for i in 0..planned.len() {
        let Some((unit_code, code)) = planned[i].draft.parent.clone() else { continue };
        let key = (planned[i].draft.year, unit_code.clone(), code.clone());
        if key == planned[i].draft.key() {
            report.issue(
                planned[i].row,
                &TARGET_COLUMNS,
                &DraftIssue {
                    field: "parent",
                    vi: "Chỉ tiêu không thể là cấp trên của chính nó.".into(),
                    en: "A target cannot be its own parent.".into(),
                },
            );
        } else if let Some(&p) = index.get(&key) {
            parent_of[i] = Some(p);
            planned[i].parent_id = Some(planned[p].id);
        } else if let Some(parent) = lookup.unit(&unit_code).map(|u| read.target_by_code(key.0, u, &code)).transpose()?.flatten() {
            planned[i].parent_id = Some(parent.meta.id);
        } else {
            report.issue(
                planned[i].row,
                &TARGET_COLUMNS,
                &DraftIssue {
                    field: "parent",
                    vi: format!("Không có chỉ tiêu cấp trên {unit_code}/{code} năm {} (trong tệp hay đã lưu).", key.0),
                    en: format!("There is no parent target {unit_code}/{code} for {} (in the file or saved).", key.0),
                },
            );
        }
    }
    for i in 0..planned.len() {
        let (mut depth, mut at) = (0, i);
        while let Some(p) = parent_of[at] {
            depth += 1;
            at = p;
            if depth > planned.len() {
                report.issue(
                    planned[i].row,
                    &TARGET_COLUMNS,
                    &DraftIssue {
                        field: "parent",
                        vi: "Các chỉ tiêu cấp trên tạo thành vòng lặp.".into(),
                        en: "The parent targets form a loop.".into(),
                    },
                );
                break;
            }
        }
        planned[i].depth = depth;
    }
    Ok(())
}

/// Checks the split of every parent the file touches, with the file's rows in place of the saved ones.
fn check_cascades(read: Reader<'_>, planned: &[PlannedTarget], report: &mut SheetReport) -> Result<()> {
    let in_file: HashMap<Uuid, &PlannedTarget> = planned.iter().map(|p| (p.id, p)).collect();
    let mut parents: HashSet<Uuid> = planned.iter().filter_map(|p| p.parent_id).collect();
    parents.extend(planned.iter().filter(|p| p.existing.is_some()).map(|p| p.id));
    let mut parents: Vec<Uuid> = parents.into_iter().collect();
    parents.sort();
    for parent_id in parents {
        let parent = match in_file.get(&parent_id) {
            Some(p) => p.draft.record(stamp_free_meta(parent_id), None),
            None => match read.target_by_id(parent_id)? {
                Some(t) => t,
                None => continue,
            },
        };
        let saved: Vec<TargetRecord> = read.target_parts(parent_id)?.into_iter().filter(|t| !in_file.contains_key(&t.meta.id)).collect();
        let from_file: Vec<&PlannedTarget> = planned.iter().filter(|p| p.parent_id == Some(parent_id)).collect();
        let mut shares: Vec<Share<'_>> = saved.iter().map(share_of).collect();
        shares.extend(from_file.iter().map(|p| p.draft.share()));
        let issues = draft::cascade_issues(&parent, &shares);
        // Report on the file's part rows, or on the parent's row when only the parent changed.
        let row = from_file.first().map(|p| p.row).or_else(|| in_file.get(&parent_id).map(|p| p.row)).unwrap_or(1);
        for issue in issues {
            report.issue(row, &TARGET_COLUMNS, &issue);
        }
    }
    Ok(())
}

fn stamp_free_meta(id: Uuid) -> store::Meta {
    let epoch = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
    store::Meta { id, owner_unit: Uuid::nil(), revision: 0, created_at: epoch, updated_at: epoch }
}

impl Office {
    /// Writes every report of the year's targets (or a unit's and those below it) in the progress import's columns,
    /// plus the target's name and the names of the evidence files kept (which an import does not read back).
    pub fn export_progress(&self, session: &Session, filter: &TargetFilter, path: &Path, lang: Lang) -> Result<usize> {
        let lines = self.targets(session, filter, lang)?;
        let read = self.store.read();
        let mut headers: Vec<&str> = PROGRESS_COLUMNS.iter().filter(|c| c.field != "evidence").map(|c| lang.pick(c.vi, c.en)).collect();
        headers.insert(3, lang.pick("Tên chỉ tiêu", "Target"));
        headers.push(lang.pick("Tệp minh chứng đã lưu", "Evidence kept"));
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        for line in &lines {
            for report in super::progress::items(read, line.id, lang)? {
                let evidence: Vec<&str> = report.evidence.iter().map(|e| e.file_name.as_str()).collect();
                rows.push(vec![
                    Cell::Number(f64::from(line.year)),
                    Cell::Text(line.unit_code.clone()),
                    Cell::Text(line.code.clone()),
                    Cell::Text(line.name.clone()),
                    Cell::Text(report.period.short()),
                    Cell::Number(report.value as f64 / 100.0),
                    Cell::Text(line.measure.clone()),
                    report.comment.map_or(Cell::Empty, Cell::Text),
                    if evidence.is_empty() { Cell::Empty } else { Cell::Text(evidence.join("; ")) },
                ]);
            }
        }
        tabular::write_xlsx(path, lang.pick("Kết quả thực hiện", "Progress"), &headers, &rows)?;
        Ok(rows.len())
    }

    /// Imports a sheet of any kind the window offers.
    pub fn import_sheet(&mut self, session: &Session, kind: SheetKind, path: &Path, options: &SheetOptions) -> Result<SheetReport> {
        match kind {
            SheetKind::Targets => self.import_targets(session, path, options),
            SheetKind::Progress => self.import_progress(session, path, options),
            SheetKind::Products => self.import_products(session, path, options),
            SheetKind::Assessments => self.import_assessments(session, path, options),
        }
    }

    /// What importing would do, with every bad row, writing nothing: for a preview screen. `reading` holds the
    /// user's corrections of how the sheet was read.
    pub fn preview_sheet(&mut self, session: &Session, kind: SheetKind, path: &Path, reading: &ReadingChoices) -> Result<SheetReport> {
        match self.import_sheet(session, kind, path, &SheetOptions { dry_run: true, reading: reading.clone() }) {
            Err(ServiceError::SheetRejected(report)) => Ok(*report),
            other => other,
        }
    }
}

/// The fields a column of a sheet of this kind can be set to (the codes `--column H=plan` takes).
pub fn sheet_field_choices(kind: SheetKind) -> Vec<crate::layout_view::FieldChoice> {
    match kind {
        SheetKind::Targets => crate::layout_view::field_choices::<KnownColumn<TargetSheet>>(),
        SheetKind::Progress => crate::layout_view::field_choices::<KnownColumn<ProgressSheet>>(),
        SheetKind::Products => crate::layout_view::field_choices::<KnownColumn<super::product_sheet::ProductSheet>>(),
        SheetKind::Assessments => crate::layout_view::field_choices::<KnownColumn<crate::evaluation::assessment_sheet::AssessmentSheet>>(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum SheetKind {
    Targets,
    Progress,
    Products,
    Assessments,
}
