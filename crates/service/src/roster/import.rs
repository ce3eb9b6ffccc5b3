//! Roster import: every row validated first, then all or nothing in one transaction.
//! Re-importing the same file finds nothing to change and writes nothing.

use super::report::{ImportReport, PlannedUnit, PreviewAction, PreviewRow};
use crate::auth::{Permission, Session};
use crate::catalog;
use crate::error::{Result, ServiceError};
use crate::layout_view::{read_layout, reading_of, to_unicode, Conversion, ReadingChoices};
use crate::office::Office;
use crate::records::Stamp;
use chrono::{Local, NaiveDate};
use domain::dates::add_years;
use domain::org::{guess_level, is_leadership_title, unit_code_from_name, APPOINTMENT_TERM_YEARS};
use domain::roster::{Column, HeaderMap, HeaderProblem, RosterEntry, RosterField, RowError, RowProblem};
use domain::sheet_layout::{LayoutProblem, SheetRow};
use domain::text::fold;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use store::{AssignmentRecord, PersonRecord, PositionRecord, Reader, UnitRecord, Writer};
use uuid::Uuid;

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub dry_run: bool,
    pub create_units: bool,
    /// The day ages and "in the future" are judged against; today when None.
    pub today: Option<NaiveDate>,
    /// The user's corrections of how the sheet was read (header row, columns).
    pub reading: ReadingChoices,
    /// The unit (code) of every row when the file has no unit column; the office's own unit when None.
    pub default_unit: Option<String>,
}

/// Where a row's unit comes from: an existing unit or one the import will create.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UnitRef {
    Existing(Uuid),
    Planned(usize),
}

struct Plan {
    entries: Vec<RosterEntry>,
    units: Vec<UnitRef>,
    planned_units: Vec<PlannedUnit>,
    header: HeaderMap,
}

impl Office {
    /// Checks the file and says what an import would do, writing nothing.
    pub fn preview_roster_import(&self, session: &Session, path: &Path, options: &ImportOptions) -> Result<ImportReport> {
        session.require(Permission::Read)?;
        let (table, conversion) = read_roster_table(path, options)?;
        let office_unit = self.office_record()?.unit_id;
        let (report, _) = analyse(self.store.read(), office_unit, path, &table, conversion.as_ref(), options)?;
        Ok(report)
    }

    /// Imports the roster file: nothing is written if any row is bad (ServiceError::ImportRejected carries the
    /// report with every bad row), and nothing is written when nothing changed.
    pub fn import_roster(&mut self, session: &Session, path: &Path, options: &ImportOptions) -> Result<ImportReport> {
        session.require(Permission::EditRoster)?;
        if options.dry_run {
            // A dry run of a bad file fails like the real import would, so `import --dry-run && import` is safe.
            let report = self.preview_roster_import(session, path, options)?;
            if !report.errors.is_empty() {
                return Err(ServiceError::ImportRejected(Box::new(report)));
            }
            return Ok(report);
        }
        let (table, conversion) = read_roster_table(path, options)?;
        let stamp = self.stamp()?;
        let username = session.username.clone();
        self.store.write(|w| {
            let (mut report, plan) = analyse(w.read(), stamp.owner, path, &table, conversion.as_ref(), options)?;
            if !report.errors.is_empty() {
                return Err(ServiceError::ImportRejected(Box::new(report)));
            }
            let Some(plan) = plan else { return Ok(report) };
            if report.changes() == 0 {
                return Ok(report);
            }
            apply(w, &plan, stamp, options, &mut report)?;
            w.audit(&username, "roster.import", &report.audit_line())?;
            report.written = true;
            Ok(report)
        })
    }
}

/// The file's table, in Unicode when it was typed in an old font encoding (unless the user keeps it as it is).
fn read_roster_table(path: &Path, options: &ImportOptions) -> Result<(tabular::Table, Option<Conversion>)> {
    let mut table = tabular::read_table(path)?;
    let conversion = to_unicode(&mut table, options.reading.keep_encoding);
    Ok((table, conversion))
}

fn analyse(
    read: Reader<'_>,
    office_unit: Uuid,
    path: &Path,
    table: &tabular::Table,
    conversion: Option<&Conversion>,
    options: &ImportOptions,
) -> Result<(ImportReport, Option<Plan>)> {
    let today = options.today.unwrap_or_else(|| Local::now().date_naive());
    let mut report = ImportReport::new(path, options.dry_run);
    let sheet: Vec<SheetRow<'_>> = table.rows.iter().map(|r| (r.number, r.cells.as_slice())).collect();
    let layout = read_layout::<RosterField>(&sheet, &options.reading).map_err(|problem| match problem {
        LayoutProblem::NoHeader { searched } => ServiceError::BadHeader(HeaderProblem::NoHeader { searched }),
        LayoutProblem::NoSuchRow { row } => ServiceError::BadHeader(HeaderProblem::NoSuchRow { row }),
    })?;
    report.reading = Some(reading_of(&layout, &sheet, conversion));
    let fields: Vec<(usize, RosterField)> = layout.columns.iter().filter_map(|c| c.field.map(|f| (c.index, f))).collect();
    let default_unit = default_unit(read, office_unit, options)?;
    let header = match HeaderMap::from_fields(&fields, Some(default_unit.code.clone()), &layout.header_rows) {
        Ok(header) => header,
        Err(problem) => {
            report.set_header_problem(layout.header_rows[0], &problem);
            return Ok((report, None));
        }
    };
    if !header.has_own_column(Column::Unit) {
        report.default_unit = Some(default_unit.name.clone());
    }
    if layout.data.is_empty() {
        return Err(ServiceError::File(tabular::TabularError::Empty));
    }
    let rows: Vec<(usize, &[String])> = layout.data.iter().map(|&i| sheet[i]).collect();
    report.rows = rows.len();
    let (entries, mut errors) = domain::roster::validate_rows(&header, &rows, today);

    let (units, planned_units, unit_errors) = resolve_units(read, office_unit, &entries, options.create_units)?;
    errors.extend(unit_errors);
    report.missing_units = if options.create_units { Vec::new() } else { missing_unit_names(&errors) };
    report.units_to_create = planned_units.clone();
    errors.sort_by_key(|e| e.row);
    report.set_errors(&errors);
    if !errors.is_empty() {
        return Ok((report, None));
    }
    let plan = Plan { entries, units, planned_units, header };
    let history_errors = preview(read, &plan, &mut report)?;
    if !history_errors.is_empty() {
        report.set_errors(&history_errors);
        return Ok((report, None));
    }
    Ok((report, Some(plan)))
}

/// The unit of the rows of a file without a unit column: the one the user chose, else the office's own.
fn default_unit(read: Reader<'_>, office_unit: Uuid, options: &ImportOptions) -> Result<UnitRecord> {
    let chosen = match options.default_unit.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        Some(code) => read.unit_by_code(&code.to_ascii_uppercase())?.ok_or_else(|| ServiceError::UnknownUnit { code: code.to_string() })?,
        None => read.unit_by_id(office_unit)?.ok_or_else(|| ServiceError::Internal("office unit missing".into()))?,
    };
    crate::units::active(&chosen)?;
    Ok(chosen)
}

fn missing_unit_names(errors: &[RowError]) -> Vec<String> {
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for error in errors {
        if let RowProblem::UnknownUnit { name } = &error.problem {
            names.entry(fold(name)).or_insert_with(|| name.clone());
        }
    }
    names.into_values().collect()
}

/// A unit cell may hold a unit code or a unit name (matched without regard to case, diacritics or tone placement).
fn resolve_units(
    read: Reader<'_>,
    office_unit: Uuid,
    entries: &[RosterEntry],
    create: bool,
) -> Result<(Vec<UnitRef>, Vec<PlannedUnit>, Vec<RowError>)> {
    let levels = read.unit_levels()?;
    let office = read.unit_by_id(office_unit)?.ok_or_else(|| ServiceError::Internal("office unit missing".into()))?;
    let office_level =
        levels.iter().find(|l| l.code == office.level).ok_or_else(|| ServiceError::Internal("office level missing".into()))?;
    let mut known: HashMap<String, std::result::Result<UnitRef, RowProblem>> = HashMap::new();
    let mut planned: Vec<PlannedUnit> = Vec::new();
    let (mut refs, mut errors) = (Vec::with_capacity(entries.len()), Vec::new());
    for entry in entries {
        let key = fold(&entry.unit);
        if !known.contains_key(&key) {
            let found = match read.unit_by_code(&entry.unit.to_ascii_uppercase())? {
                Some(unit) if unit.ended_on.is_some() => Err(RowProblem::UnitEnded { name: unit.name }),
                Some(unit) => Ok(UnitRef::Existing(unit.meta.id)),
                None => {
                    // A name is that of an active unit; a merged or dissolved one of the same name is no match.
                    let (named, ended): (Vec<_>, Vec<_>) = read.units_named(&entry.unit)?.into_iter().partition(|u| u.ended_on.is_none());
                    match named.as_slice() {
                        [] if !ended.is_empty() => Err(RowProblem::UnitEnded { name: ended[0].name.clone() }),
                        [one] => Ok(UnitRef::Existing(one.meta.id)),
                        [] if create => match guess_level(&entry.unit, office_level, &levels) {
                            Some(level) => {
                                let code = free_code(read, &planned, &unit_code_from_name(&entry.unit))?;
                                planned.push(PlannedUnit { name: entry.unit.clone(), code, level: level.code.clone() });
                                Ok(UnitRef::Planned(planned.len() - 1))
                            }
                            None => Err(RowProblem::NoLevelBelowOffice { name: entry.unit.clone() }),
                        },
                        [] => Err(RowProblem::UnknownUnit { name: entry.unit.clone() }),
                        many => Err(RowProblem::AmbiguousUnit {
                            name: entry.unit.clone(),
                            codes: many.iter().map(|u| u.code.clone()).collect(),
                        }),
                    }
                }
            };
            known.insert(key.clone(), found);
        }
        match &known[&key] {
            Ok(unit) => refs.push(*unit),
            Err(problem) => {
                refs.push(UnitRef::Existing(Uuid::nil()));
                errors.push(RowError { row: entry.row, column: Some(Column::Unit), problem: problem.clone() });
            }
        }
    }
    Ok((refs, planned, errors))
}

fn free_code(read: Reader<'_>, planned: &[PlannedUnit], base: &str) -> Result<String> {
    for n in 1.. {
        let code = if n == 1 { base.to_string() } else { format!("{base}-{n}") };
        if read.unit_by_code(&code)?.is_none() && !planned.iter().any(|p| p.code == code) {
            return Ok(code);
        }
    }
    unreachable!("some numbered code is always free")
}

/// The stored person a row stands for: the same folded name and birth date (the roster's identity rule); or, when
/// the row or the stored person gives the year of birth alone, the one person of that name born that year (two
/// such namesakes are not guessed between: the row then makes a new person, as a different date would).
pub(crate) fn known_person(read: Reader<'_>, owner: Uuid, entry: &RosterEntry) -> Result<Option<PersonRecord>> {
    if let Some(person) = read.person_by_identity(owner, &entry.full_name, entry.birth_date)? {
        return Ok(Some(person));
    }
    let same_year = read.people_named_born_in(owner, &entry.full_name, chrono::Datelike::year(&entry.birth_date))?;
    let mut matching = same_year.into_iter().filter(|p| entry.birth_year_only || p.birth_year_only);
    Ok(match (matching.next(), matching.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    })
}

/// The person a row describes, merged over what is stored: columns absent from the file keep their stored values.
fn merged_person(
    existing: Option<&PersonRecord>,
    entry: &RosterEntry,
    unit_id: Uuid,
    header: &HeaderMap,
    meta: store::Meta,
) -> PersonRecord {
    let keep = |column: Column| !header.has(column) && existing.is_some();
    let old = existing;
    // A list giving the year alone does not take away a full birth date already known.
    let (birth_date, birth_year_only) = match old {
        Some(p) if entry.birth_year_only && !p.birth_year_only => (p.birth_date, false),
        _ => (entry.birth_date, entry.birth_year_only),
    };
    PersonRecord {
        meta,
        full_name: entry.full_name.clone(),
        birth_date,
        birth_year_only,
        gender: entry.gender,
        hometown: if keep(Column::Hometown) { old.and_then(|p| p.hometown.clone()) } else { entry.hometown.clone() },
        is_local: if keep(Column::Local) { old.and_then(|p| p.is_local) } else { entry.is_local },
        party_member: if keep(Column::PartyMember) { old.is_some_and(|p| p.party_member) } else { entry.party_member },
        qualification: if keep(Column::Qualification) { old.and_then(|p| p.qualification) } else { entry.qualification },
        qualification_detail: if keep(Column::Qualification) {
            old.and_then(|p| p.qualification_detail.clone())
        } else {
            entry.qualification_detail.clone()
        },
        political_theory: if keep(Column::PoliticalTheory) { old.and_then(|p| p.political_theory) } else { entry.political_theory },
        unit_id,
        ethnicity: if keep(Column::Ethnicity) { old.and_then(|p| p.ethnicity.clone()) } else { entry.ethnicity.map(str::to_string) },
    }
}

fn changed_fields(old: &PersonRecord, new: &PersonRecord) -> Vec<String> {
    let mut fields = Vec::new();
    let mut check = |changed: bool, column: Column| {
        if changed {
            fields.push(column.header(domain::Lang::Vi).to_string());
        }
    };
    check(old.full_name != new.full_name, Column::FullName);
    check(old.birth_date != new.birth_date || old.birth_year_only != new.birth_year_only, Column::BirthDate);
    check(old.gender != new.gender, Column::Gender);
    check(old.hometown != new.hometown, Column::Hometown);
    check(old.is_local != new.is_local, Column::Local);
    check(old.party_member != new.party_member, Column::PartyMember);
    check(old.qualification != new.qualification || old.qualification_detail != new.qualification_detail, Column::Qualification);
    check(old.political_theory != new.political_theory, Column::PoliticalTheory);
    check(old.ethnicity != new.ethnicity, Column::Ethnicity);
    check(old.unit_id != new.unit_id, Column::Unit);
    fields
}

/// What happens to a row's position: nothing, a new assignment (ending the open ones), or new dates on the open one.
#[derive(Debug, PartialEq)]
enum AssignmentChange {
    None,
    Start {
        end_open: Vec<(Uuid, Uuid)>,
    },
    Redate(Uuid),
    /// The row's appointment predates the post the person holds now: an old file, refused rather than
    /// turned into a history that ends before it starts.
    Older {
        current_start: NaiveDate,
    },
    /// The person moved to another unit and the row names no position: their posts in the old unit end.
    Leave {
        end_open: Vec<Uuid>,
    },
}

fn assignment_change(
    read: Reader<'_>,
    person: Option<&PersonRecord>,
    entry: &RosterEntry,
    unit: Option<Uuid>,
    position: Option<&PositionRecord>,
) -> Result<AssignmentChange> {
    let open: Vec<AssignmentRecord> = match person {
        Some(p) => read.assignments_of(p.meta.id)?.into_iter().filter(|a| a.end_date.is_none()).collect(),
        None => Vec::new(),
    };
    if entry.position.is_none() {
        let elsewhere: Vec<Uuid> = open.iter().filter(|a| unit.is_some_and(|u| a.unit_id != u)).map(|a| a.meta.id).collect();
        return Ok(if elsewhere.is_empty() { AssignmentChange::None } else { AssignmentChange::Leave { end_open: elsewhere } });
    }
    let same = open.iter().find(|a| Some(a.position_id) == position.map(|p| p.meta.id) && Some(a.unit_id) == unit);
    Ok(match same {
        Some(a) if entry.appointment_date.is_none() || a.start_date == entry.appointment_date => AssignmentChange::None,
        Some(a) => AssignmentChange::Redate(a.meta.id),
        None => {
            let current_start = open.iter().filter_map(|a| a.start_date).max();
            match (entry.appointment_date, current_start) {
                (Some(date), Some(current_start)) if date < current_start => AssignmentChange::Older { current_start },
                _ => AssignmentChange::Start { end_open: open.iter().map(|a| (a.meta.id, a.unit_id)).collect() },
            }
        }
    })
}

fn unit_id_of(plan: &Plan, index: usize) -> Option<Uuid> {
    match plan.units[index] {
        UnitRef::Existing(id) => Some(id),
        UnitRef::Planned(_) => None,
    }
}

/// Fills the report with what each row would do; returns the rows that conflict with the stored history.
fn preview(read: Reader<'_>, plan: &Plan, report: &mut ImportReport) -> Result<Vec<RowError>> {
    let mut errors = Vec::new();
    let mut new_positions: BTreeMap<String, String> = BTreeMap::new();
    let owner = read.office()?.map(|o| o.unit_id).unwrap_or_default();
    for (index, entry) in plan.entries.iter().enumerate() {
        let existing = known_person(read, owner, entry)?;
        let unit = unit_id_of(plan, index);
        let position = match &entry.position {
            Some(name) => {
                let found = read.position_named(name)?;
                if found.is_none() {
                    new_positions.entry(fold(name)).or_insert_with(|| name.clone());
                }
                found
            }
            None => None,
        };
        let assignment = assignment_change(read, existing.as_ref(), entry, unit, position.as_ref())?;
        let (action, mut changes) = match &existing {
            None => (PreviewAction::New, Vec::new()),
            Some(old) => {
                let merged = merged_person(Some(old), entry, unit.unwrap_or(Uuid::nil()), &plan.header, old.meta.clone());
                let fields = changed_fields(old, &merged);
                (if fields.is_empty() { PreviewAction::Unchanged } else { PreviewAction::Changed }, fields)
            }
        };
        match &assignment {
            AssignmentChange::None => {}
            AssignmentChange::Older { current_start } => errors.push(RowError {
                row: entry.row,
                column: Some(Column::AppointmentDate),
                problem: RowProblem::BeforeCurrentPost { current_start: *current_start },
            }),
            AssignmentChange::Leave { end_open } => {
                report.ended_assignments += end_open.len();
                changes.push(Column::Position.header(domain::Lang::Vi).to_string());
            }
            AssignmentChange::Start { end_open } => {
                report.new_assignments += 1;
                report.ended_assignments += end_open.len();
                if existing.is_some() {
                    changes.push(Column::Position.header(domain::Lang::Vi).to_string());
                }
            }
            AssignmentChange::Redate(_) => {
                report.updated_assignments += 1;
                changes.push(Column::AppointmentDate.header(domain::Lang::Vi).to_string());
            }
        }
        let action = if action == PreviewAction::Unchanged && !changes.is_empty() { PreviewAction::Changed } else { action };
        match action {
            PreviewAction::New => report.new_people += 1,
            PreviewAction::Changed => report.updated_people += 1,
            PreviewAction::Unchanged => report.unchanged_people += 1,
        }
        report.preview.push(PreviewRow { row: entry.row, full_name: entry.full_name.clone(), action, changes });
    }
    report.new_positions = new_positions.into_values().collect();
    Ok(errors)
}

fn apply(w: &Writer<'_>, plan: &Plan, stamp: Stamp, options: &ImportOptions, report: &mut ImportReport) -> Result<()> {
    let today = options.today.unwrap_or_else(|| Local::now().date_naive());
    let mut created_units = Vec::with_capacity(plan.planned_units.len());
    for unit in &plan.planned_units {
        let meta = stamp.meta(w.next_revision()?);
        created_units.push(meta.id);
        w.insert_unit(&UnitRecord {
            meta,
            code: unit.code.clone(),
            name: unit.name.clone(),
            level: unit.level.clone(),
            parent_id: Some(stamp.owner),
            ended_on: None,
            merged_into: None,
        })?;
    }
    for (index, entry) in plan.entries.iter().enumerate() {
        let unit_id = match plan.units[index] {
            UnitRef::Existing(id) => id,
            UnitRef::Planned(p) => created_units[p],
        };
        let existing = known_person(w.read(), stamp.owner, entry)?;
        let person_id = match &existing {
            None => {
                let person = merged_person(None, entry, unit_id, &plan.header, stamp.meta(w.next_revision()?));
                w.insert_person(&person)?;
                person.meta.id
            }
            Some(old) => {
                let mut meta = old.meta.clone();
                let merged = merged_person(Some(old), entry, unit_id, &plan.header, meta.clone());
                if !changed_fields(old, &merged).is_empty() {
                    meta.revision = w.next_revision()?;
                    meta.updated_at = stamp.now;
                    w.update_person(&PersonRecord { meta, ..merged })?;
                }
                old.meta.id
            }
        };
        record_position(w, existing.as_ref(), person_id, entry, unit_id, stamp, today)?;
    }
    report.created_units = plan.planned_units.clone();
    Ok(())
}

/// Records the position a row gives a person: nothing if they already hold it, new dates if only those differ,
/// otherwise a new assignment that ends the open ones (rotation within the unit, transfer between units).
pub(super) fn record_position(
    w: &Writer<'_>,
    person: Option<&PersonRecord>,
    person_id: Uuid,
    entry: &RosterEntry,
    unit_id: Uuid,
    stamp: Stamp,
    today: NaiveDate,
) -> Result<()> {
    let Some(position_name) = &entry.position else {
        if let AssignmentChange::Leave { end_open } = assignment_change(w.read(), person, entry, Some(unit_id), None)? {
            for id in end_open {
                w.end_assignment(id, entry.appointment_date.unwrap_or(today), "transfer", w.next_revision()?, stamp.now)?;
            }
        }
        return Ok(());
    };
    let other_group = w
        .read()
        .position_group_by_code(catalog::OTHER_GROUP_CODE)?
        .ok_or_else(|| ServiceError::Internal("position group 'khac' missing".into()))?;
    let position = match w.read().position_named(position_name)? {
        Some(position) => position,
        None => {
            let position = PositionRecord {
                meta: stamp.meta(w.next_revision()?),
                code: free_position_code(w.read(), position_name)?,
                name: position_name.clone(),
                group_id: other_group.meta.id,
                is_head: false,
            };
            w.insert_position(&position)?;
            position
        }
    };
    let reappointment_due =
        entry.appointment_date.filter(|_| is_leadership_title(position_name)).map(|d| add_years(d, APPOINTMENT_TERM_YEARS));
    match assignment_change(w.read(), person, entry, Some(unit_id), Some(&position))? {
        AssignmentChange::None | AssignmentChange::Leave { .. } => {}
        AssignmentChange::Older { current_start } => {
            return Err(ServiceError::InvalidFields(vec![crate::error::FieldIssue {
                field: "appointment_date".into(),
                message: RowProblem::BeforeCurrentPost { current_start }.message(domain::Lang::Vi),
                message_en: RowProblem::BeforeCurrentPost { current_start }.message(domain::Lang::En),
            }]))
        }
        AssignmentChange::Redate(id) => {
            w.redate_assignment(id, entry.appointment_date, reappointment_due, w.next_revision()?, stamp.now)?;
        }
        AssignmentChange::Start { end_open } => {
            let end_date = entry.appointment_date.unwrap_or(today);
            for (id, old_unit) in end_open {
                let reason = if old_unit == unit_id { "rotation" } else { "transfer" };
                w.end_assignment(id, end_date, reason, w.next_revision()?, stamp.now)?;
            }
            w.insert_assignment(&AssignmentRecord {
                meta: stamp.meta(w.next_revision()?),
                person_id,
                position_id: position.meta.id,
                unit_id,
                start_kind: "appointment".into(),
                start_date: entry.appointment_date,
                reappointment_due,
                end_date: None,
                end_reason: None,
            })?;
        }
    }
    Ok(())
}

fn free_position_code(read: Reader<'_>, name: &str) -> Result<String> {
    let base: String = fold(name).split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join("_");
    let base = if base.is_empty() { "chuc_vu".to_string() } else { base };
    for n in 1.. {
        let code = if n == 1 { base.clone() } else { format!("{base}_{n}") };
        if !read.position_code_taken(&code)? {
            return Ok(code);
        }
    }
    unreachable!("some numbered code is always free")
}
