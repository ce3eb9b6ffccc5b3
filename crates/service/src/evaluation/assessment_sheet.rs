//! The general-criteria points of a period as a sheet (the cadre's own and the superior's, per criterion), as a
//! unit fills them in Excel: imported all or nothing with every bad row named, exported in the same columns. A
//! period named in the sheet that the office has not opened yet is opened by the import.

use super::periods::{save_assessment, PeriodAssessmentInput};
use crate::auth::{Permission, Session};
use crate::error::{Result, ServiceError};
use crate::office::Office;
use crate::work::draft::Lookup;
use crate::work::sheets::{cell, column, map_headers, read_sheet, reject, ColumnSet, ReadSheet, SheetColumn, SheetOptions, SheetReport};
use domain::ruleset::RuleSet;
use domain::targets::Period;
use domain::text::fold;
use domain::Lang;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use store::PeriodRecord;
use tabular::Cell;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct AssessmentSheet;
impl ColumnSet for AssessmentSheet {
    fn columns() -> &'static [SheetColumn] {
        &FIXED_COLUMNS
    }
}

const FIXED_COLUMNS: [SheetColumn; 8] = [
    column("year", "Năm", "Year", true),
    column("period", "Kỳ", "Period", true),
    column("unit", "Mã đơn vị", "Unit code", true),
    column("person", "Người được đánh giá", "Person", true),
    column("step", "Bước", "Step", true),
    column("text", "Nhận xét", "Comment", false),
    // Only where the rule set allows typed task results (never under the default one: they come from products).
    column("task_points", "Điểm kết quả nhiệm vụ (nhập tay)", "Task results (typed)", false),
    column("task_reason", "Lý do nhập tay", "Reason for typing", false),
];

/// "Tự đánh giá" / "Cấp trên" (self / superior).
fn parse_step(typed: &str) -> Option<bool> {
    let folded = fold(typed);
    match folded.trim() {
        "tu danh gia" | "ca nhan tu danh gia" | "self" | "ban than" => Some(false),
        "cap tren" | "cap tren danh gia" | "cap tren truc tiep" | "superior" | "thu truong" => Some(true),
        _ => None,
    }
}

fn step_label(superior: bool, lang: Lang) -> &'static str {
    if superior {
        lang.pick("Cấp trên", "Superior")
    } else {
        lang.pick("Tự đánh giá", "Self")
    }
}

/// The criterion columns of a rule set, found by their name or code.
fn criterion_columns(header: &[String], rules: &RuleSet, report: &mut SheetReport) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    for c in &rules.criteria {
        let at = header.iter().position(|h| {
            let h = fold(h);
            h == fold(&c.name) || h == fold(&c.name_en) || h == c.code || h.starts_with(&format!("{} (", fold(&c.name)))
        });
        match at {
            Some(i) => found.push((c.code.clone(), i)),
            None => report.error(
                1,
                None,
                &format!("Thiếu cột tiêu chí \"{}\" (tối đa {} điểm).", c.name, c.max),
                &format!("The criterion column \"{}\" (at most {} points) is missing.", c.name_en, c.max),
            ),
        }
    }
    found
}

impl Office {
    /// Imports general-criteria points: every row checked against the open period and the criteria maxima of the
    /// person's rule set, then all saved in one transaction, or nothing.
    pub fn import_assessments(&mut self, session: &Session, path: &Path, options: &SheetOptions) -> Result<SheetReport> {
        session.require(if options.dry_run { Permission::Read } else { Permission::Appraise })?;
        let ReadSheet { header, rows, reading } = read_sheet::<AssessmentSheet>(path, &options.reading)?;
        let stamp = self.stamp()?;
        let username = session.username.clone();
        let default = self.rules();
        // A dry run runs the very same writes in a transaction that is rolled back.
        let work = |w: &store::Writer<'_>| -> Result<SheetReport> {
            let mut report = SheetReport::new(path, "assessments", options.dry_run);
            report.rows = rows.len();
            report.reading = reading.clone();
            let map = map_headers(&header, &FIXED_COLUMNS, &mut report);
            let criteria = criterion_columns(&header, &default, &mut report);
            if !report.errors.is_empty() {
                return Err(reject(report));
            }
            let read = w.read();
            let lookup = Lookup::load(read)?;
            let col = |field: &str| FIXED_COLUMNS.iter().find(|c| c.field == field);
            let mut periods: HashMap<(i32, Period), PeriodRecord> = HashMap::new();
            let mut seen: HashMap<(Uuid, i32, Period, bool), usize> = HashMap::new();
            let mut accepted: Vec<(usize, i32, Period, PeriodAssessmentInput, bool)> = Vec::new();
            for row in &rows {
                let get = |f: &str| cell(&row.cells, &map, f);
                let errors_before = report.errors.len();
                let year = get("year").trim().parse::<i32>().ok().filter(|y| (2000..=2100).contains(y));
                if year.is_none() {
                    report.error(row.number, col("year"), "Năm phải là số có 4 chữ số.", "The year is four digits.");
                }
                let period = year.and_then(|y| Period::parse(get("period"), y));
                if year.is_some() && period.is_none() {
                    report.error(
                        row.number,
                        col("period"),
                        &format!("Kỳ \"{}\" không hợp lệ: ghi T1…T12 hoặc Q1…Q4.", get("period").trim()),
                        &format!("The period \"{}\" is not valid: write T1…T12 or Q1…Q4.", get("period").trim()),
                    );
                }
                let superior = parse_step(get("step"));
                if superior.is_none() {
                    report.error(
                        row.number,
                        col("step"),
                        &format!("Bước \"{}\" không hiểu được: ghi \"Tự đánh giá\" hoặc \"Cấp trên\".", get("step").trim()),
                        &format!("Step \"{}\" is not understood: write \"Self\" or \"Superior\".", get("step").trim()),
                    );
                }
                let person = match lookup.unit(get("unit")) {
                    None => {
                        report.error(
                            row.number,
                            col("unit"),
                            &format!("Không có đơn vị mã \"{}\".", get("unit").trim()),
                            &format!("There is no unit \"{}\".", get("unit").trim()),
                        );
                        None
                    }
                    Some(unit) => match lookup.people_named(unit, get("person")).as_slice() {
                        [one] => Some(*one),
                        [] => {
                            report.error(
                                row.number,
                                col("person"),
                                &format!("Đơn vị này không có người tên \"{}\".", get("person").trim()),
                                &format!("This unit has nobody named \"{}\".", get("person").trim()),
                            );
                            None
                        }
                        _ => {
                            report.error(
                                row.number,
                                col("person"),
                                &format!("Có nhiều người tên \"{}\": ghi thêm ngày sinh \"Tên (dd/mm/yyyy)\".", get("person").trim()),
                                &format!(
                                    "Several people are named \"{}\": add the birth date \"Name (dd/mm/yyyy)\".",
                                    get("person").trim()
                                ),
                            );
                            None
                        }
                    },
                };
                let (Some(year), Some(period), Some(superior), Some(person)) = (year, period, superior, person) else { continue };
                if let Some(first) = seen.insert((person, year, period, superior), row.number) {
                    report.error(
                        row.number,
                        col("person"),
                        &format!("Bước này của người này trong kỳ đã có ở dòng {first}."),
                        &format!("This step for this person and period is already on row {first}."),
                    );
                }
                if report.errors.len() != errors_before {
                    continue;
                }
                let points: BTreeMap<String, String> =
                    criteria.iter().map(|(code, i)| (code.clone(), row.cells.get(*i).cloned().unwrap_or_default())).collect();
                let input = PeriodAssessmentInput {
                    period_id: Uuid::nil(),
                    person_id: person,
                    points,
                    text: get("text").to_string(),
                    task_points: get("task_points").to_string(),
                    task_points_reason: get("task_reason").to_string(),
                };
                accepted.push((row.number, year, period, input, superior));
            }
            if !report.errors.is_empty() {
                report.errors.sort_by_key(|e| e.row);
                return Err(reject(report));
            }
            // Periods this office has not opened are opened now (inside the same transaction).
            for (_, year, period, _, _) in &accepted {
                if periods.contains_key(&(*year, *period)) {
                    continue;
                }
                let existing = read
                    .periods_of_year(*year)?
                    .into_iter()
                    .find(|p| p.meta.owner_unit == stamp.owner && p.kind == period.kind() && p.index == period.index());
                let record = match existing {
                    Some(p) => p,
                    None => {
                        let record = PeriodRecord {
                            meta: stamp.meta(w.next_revision()?),
                            year: *year,
                            kind: period.kind().into(),
                            index: period.index(),
                            closed_at: None,
                            closed_by: None,
                        };
                        w.save_period(&record)?;
                        record
                    }
                };
                periods.insert((*year, *period), record);
            }
            for (row, year, period, mut input, superior) in accepted {
                let record = &periods[&(year, period)];
                input.period_id = record.meta.id;
                let before = read.assessment(record.meta.id, input.person_id)?;
                match save_assessment(w, stamp, &username, &input, superior) {
                    Ok(()) => {}
                    Err(ServiceError::PeriodClosed) => report.error(
                        row,
                        col("period"),
                        &format!("Kỳ {} năm {year} đã khóa.", period.label(Lang::Vi)),
                        &format!("{} {year} is closed.", period.label(Lang::En)),
                    ),
                    Err(ServiceError::InvalidFields(issues)) => {
                        for i in issues {
                            let column = FIXED_COLUMNS.iter().find(|c| c.field == i.field);
                            report.error(row, column, &i.message, &i.message_en);
                        }
                    }
                    Err(other) => return Err(other),
                }
                let after = read.assessment(record.meta.id, input.person_id)?;
                let same = |a: &store::AssessmentRecord, b: &store::AssessmentRecord| {
                    (&a.self_points, &a.self_text, &a.superior_points, &a.superior_comment)
                        == (&b.self_points, &b.self_text, &b.superior_points, &b.superior_comment)
                };
                match (before, after) {
                    (None, Some(_)) => report.new += 1,
                    (Some(b), Some(a)) if same(&a, &b) => report.unchanged += 1,
                    (Some(_), Some(_)) => report.updated += 1,
                    _ => {}
                }
            }
            if !report.errors.is_empty() {
                report.errors.sort_by_key(|e| e.row);
                return Err(reject(report));
            }
            if !options.dry_run && report.new + report.updated > 0 {
                w.audit(&username, "assessments.import", &format!("{}: {} new, {} updated", report.file, report.new, report.updated))?;
                report.written = true;
            }
            Ok(report)
        };
        if options.dry_run {
            self.store.trial(work)
        } else {
            self.store.write(work)
        }
    }

    /// Writes the general-criteria points of a year (or one period) for a unit and those below it, one row per
    /// person, period and step, in the import's columns.
    pub fn export_assessments(
        &self,
        session: &Session,
        year: i32,
        period: Option<Period>,
        unit_code: &str,
        path: &Path,
        lang: Lang,
    ) -> Result<usize> {
        session.require(Permission::Read)?;
        let read = self.store.read();
        let default = self.rules();
        let scope = crate::work::units_within_code(read, unit_code)?;
        let lookup = Lookup::load(read)?;
        let own = self.office_record()?.unit_id;
        let periods: Vec<(Uuid, Period)> = read
            .periods_of_year(year)?
            .into_iter()
            .filter(|p| p.meta.owner_unit == own)
            .filter_map(|p| Some((p.meta.id, Period::from_parts(&p.kind, p.index)?)))
            .filter(|(_, p)| period.is_none_or(|wanted| wanted == *p))
            .collect();
        let mut headers: Vec<String> = FIXED_COLUMNS[..5].iter().map(|c| lang.pick(c.vi, c.en).to_string()).collect();
        headers.extend(default.criteria.iter().map(|c| format!("{} ({})", lang.pick(&c.name, &c.name_en), c.max)));
        headers.extend(FIXED_COLUMNS[5..].iter().map(|c| lang.pick(c.vi, c.en).to_string()));
        let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
        let mut roster: Vec<store::RosterLine> = read.roster(&[])?.into_iter().filter(|l| scope.contains(&l.person.unit_id)).collect();
        roster.sort_by(|a, b| {
            (a.unit_code.as_str(), domain::text::person_sort_key(&a.person.full_name))
                .cmp(&(b.unit_code.as_str(), domain::text::person_sort_key(&b.person.full_name)))
        });
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        for (period_id, period) in &periods {
            for line in &roster {
                let person = &line.person;
                let Some(a) = read.assessment(*period_id, person.meta.id)? else { continue };
                for (superior, points, text) in [(false, &a.self_points, &a.self_text), (true, &a.superior_points, &a.superior_comment)] {
                    let Some(points) = points else { continue };
                    let mut row = vec![
                        Cell::Number(f64::from(year)),
                        Cell::Text(period.short()),
                        Cell::Text(line.unit_code.clone()),
                        Cell::Text(lookup.person_label(person.unit_id, person.meta.id).unwrap_or_else(|| person.full_name.clone())),
                        Cell::Text(step_label(superior, lang).into()),
                    ];
                    row.extend(
                        default.criteria.iter().map(|c| points.get(&c.code).map_or(Cell::Empty, |v| Cell::Number(*v as f64 / 100.0))),
                    );
                    row.push(text.clone().map_or(Cell::Empty, Cell::Text));
                    let typed = a.task_points.filter(|_| superior);
                    row.push(typed.map_or(Cell::Empty, |v| Cell::Number(v as f64 / 100.0)));
                    row.push(a.task_points_reason.clone().filter(|_| superior).map_or(Cell::Empty, Cell::Text));
                    rows.push(row);
                }
            }
        }
        tabular::write_xlsx(path, lang.pick("Tiêu chí chung", "General criteria"), &header_refs, &rows)?;
        Ok(rows.len())
    }
}

#[cfg(test)]
mod tests {
    use super::parse_step;

    #[test]
    fn steps_are_read_in_either_language() {
        assert_eq!(parse_step("Tự đánh giá"), Some(false));
        assert_eq!(parse_step("CẤP TRÊN"), Some(true));
        assert_eq!(parse_step("superior"), Some(true));
        assert_eq!(parse_step("ai đó"), None);
    }
}
