//! The unit's month as a sheet: each cadre's products with what was required, and (once appraised) what was
//! delivered, its quality and its timeliness. Imported all or nothing with every bad row and column named;
//! exported in the same columns, so an exported sheet filled in by the head imports back.

use super::draft::{DraftIssue, Lookup};
use super::products::{coefficient, optional_date, product_line, ProductLine};
use super::sheets::{cell, column, map_headers, read_sheet, reject, ColumnSet, ReadSheet, SheetColumn, SheetOptions, SheetReport};
use crate::auth::{Permission, Session};
use crate::error::Result;
use crate::evaluation::rules::RuleChoice;
use crate::office::Office;
use domain::products::ProductAssessment;
use domain::quantity::parse_quantity;
use domain::targets::Period;
use domain::text::fold;
use domain::Lang;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use store::{ProductRecord, Reader};
use tabular::Cell;
use ts_rs::TS;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ProductSheet;
impl ColumnSet for ProductSheet {
    fn columns() -> &'static [SheetColumn] {
        &PRODUCT_COLUMNS
    }
}

pub(crate) const PRODUCT_COLUMNS: [SheetColumn; 18] = [
    column("year", "Năm", "Year", true),
    column("period", "Kỳ", "Period", true),
    column("unit", "Mã đơn vị", "Unit code", true),
    column("person", "Người thực hiện", "Assigned to", true),
    column("title", "Sản phẩm", "Product", true),
    column("source", "Nguồn", "Source", false),
    column("kind", "Loại sản phẩm", "Product kind", false),
    column("coefficient", "Hệ số quy đổi", "Coefficient", false),
    column("measure", "Đơn vị tính", "Unit of measure", false),
    column("required", "Số lượng giao", "Required", true),
    column("deadline", "Hạn", "Deadline", false),
    column("delivered", "Số lượng đạt", "Delivered", false),
    column("completed_on", "Ngày hoàn thành", "Completed on", false),
    column("quality", "Chất lượng đạt (%)", "Quality (%)", false),
    column("major_errors", "Số lỗi lớn", "Major errors", false),
    column("on_time", "Đúng hạn (%)", "On time (%)", false),
    column("delays", "Số lần chậm", "Delays", false),
    column("evidence", "Minh chứng", "Evidence", false),
];

/// Columns an export adds after the importable ones; an import ignores them.
const EXTRA_HEADERS: [(&str, &str); 2] = [("Tệp minh chứng đã lưu", "Evidence kept"), ("Điểm sản phẩm (%)", "Product score (%)")];

/// Which products to list or export.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProductFilter {
    pub year: i32,
    /// A month or quarter; None for the whole year.
    pub period: Option<Period>,
    /// This unit and those below it; None for every unit.
    pub unit_code: Option<String>,
    pub person_id: Option<Uuid>,
}

/// A product with whose it is, for lists and sheets.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct UnitProductLine {
    pub person_id: Uuid,
    pub person: String,
    /// The person as a sheet names them (with the birth date when a namesake works in the same unit).
    pub person_label: String,
    pub unit_code: String,
    pub year: i32,
    pub product: ProductLine,
    pub source_text: String,
    pub kind_name: String,
}

/// A row read and checked, ready to write.
struct PlannedProduct {
    record: ProductRecord,
    existing: Option<ProductRecord>,
    evidence: Vec<super::progress::Evidence>,
}

/// Where a product comes from as stored: (source kind, source id), both None for routine work.
type Source = (Option<String>, Option<Uuid>);

/// "chỉ tiêu 1.1", "đột phá", "chương trình", "thường xuyên" (or empty).
fn parse_source(read: Reader<'_>, typed: &str, year: i32, unit: Uuid) -> Result<std::result::Result<Source, DraftIssue>> {
    let folded = fold(typed);
    let folded = folded.trim();
    let issue = |vi: String, en: String| Err(DraftIssue { field: "source", vi, en });
    if folded.is_empty() || folded.starts_with("thuong xuyen") || folded == "routine" {
        return Ok(Ok((None, None)));
    }
    for (word, kind) in [("chi tieu", "target"), ("target", "target")] {
        if let Some(rest) = folded.strip_prefix(word) {
            let code = domain::text::clean(rest.trim_start_matches([':', ' '])).to_uppercase();
            if code.is_empty() {
                return Ok(issue(
                    "Ghi mã chỉ tiêu sau chữ \"chỉ tiêu\", ví dụ \"chỉ tiêu 1.1\".".into(),
                    "Write the target code after \"target\", e.g. \"target 1.1\".".into(),
                ));
            }
            // A cadre of a commune's office carries the commune's targets too: the unit and those above it.
            let mut at = Some(unit);
            while let Some(u) = at {
                if let Some(t) = read.target_by_code(year, u, &code)? {
                    return Ok(Ok((Some(kind.into()), Some(t.meta.id))));
                }
                at = read.unit_by_id(u)?.and_then(|x| x.parent_id);
            }
            return Ok(issue(
                format!("Đơn vị này và các đơn vị cấp trên không có chỉ tiêu mã {code} năm {year}."),
                format!("Neither this unit nor those above it has a target {code} for {year}."),
            ));
        }
    }
    for (words, kind) in [(["dot pha", "breakthrough"], "breakthrough"), (["chuong trinh", "action programme"], "action_item")] {
        if words.iter().any(|w| folded.starts_with(w)) {
            return Ok(Ok((Some(kind.into()), None)));
        }
    }
    Ok(issue(
        format!("Nguồn \"{}\" không hiểu được: ghi chỉ tiêu <mã>, đột phá, chương trình hoặc thường xuyên.", typed.trim()),
        format!("Source \"{}\" is not understood: write target <code>, breakthrough, programme or routine.", typed.trim()),
    ))
}

fn source_text(p: &ProductRecord, read: Reader<'_>, lang: Lang) -> Result<String> {
    Ok(match (p.source_kind.as_deref(), p.source_id) {
        (Some("target"), Some(id)) => match read.target_by_id(id)? {
            Some(t) => format!("{} {}", lang.pick("chỉ tiêu", "target"), t.code),
            None => lang.pick("chỉ tiêu", "target").into(),
        },
        (Some("breakthrough"), _) => lang.pick("đột phá", "breakthrough").into(),
        (Some("action_item"), _) => lang.pick("chương trình", "programme").into(),
        _ => lang.pick("thường xuyên", "routine").into(),
    })
}

/// A whole number of errors or delays, empty for 0.
fn count(field: &'static str, typed: &str) -> std::result::Result<u32, DraftIssue> {
    if typed.trim().is_empty() {
        return Ok(0);
    }
    match parse_quantity(typed) {
        Ok(v) if v >= 0 && v % 100 == 0 && v <= 100 * 100 => Ok((v / 100) as u32),
        _ => Err(DraftIssue {
            field,
            vi: format!("\"{}\" phải là số nguyên từ 0 đến 100.", typed.trim()),
            en: format!("\"{}\" must be a whole number from 0 to 100.", typed.trim()),
        }),
    }
}

/// A share typed in percent ("95", "95 %", "95,5").
fn share(field: &'static str, typed: &str, default: i64) -> std::result::Result<i64, DraftIssue> {
    let text = typed.trim().trim_end_matches('%').trim();
    if text.is_empty() {
        return Ok(default);
    }
    match parse_quantity(text) {
        Ok(v) if (0..=10_000).contains(&v) => Ok(v),
        _ => Err(DraftIssue {
            field,
            vi: format!("Tỷ lệ \"{}\" phải từ 0 đến 100 %.", typed.trim()),
            en: format!("The share \"{}\" must be between 0 and 100 %.", typed.trim()),
        }),
    }
}

impl Office {
    /// Imports a product sheet (plans, and appraisals where delivered is filled in): every row checked first, then
    /// all written in one transaction, or nothing. A row matches a saved product of the same person, period and
    /// title; a row without an appraisal keeps the one saved.
    pub fn import_products(&mut self, session: &Session, path: &Path, options: &SheetOptions) -> Result<SheetReport> {
        if options.dry_run {
            session.require(Permission::Read)?;
        } else {
            self.require_whole_office(session, Permission::EditWork)?;
        }
        let ReadSheet { header, rows, reading } = read_sheet::<ProductSheet>(path, &options.reading)?;
        let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let stamp = self.stamp()?;
        let username = session.username.clone();
        self.store.write(|w| {
            let mut report = SheetReport::new(path, "products", options.dry_run);
            report.rows = rows.len();
            report.reading = reading.clone();
            let map = map_headers(&header, &PRODUCT_COLUMNS, &mut report);
            if !report.errors.is_empty() {
                return Err(reject(report));
            }
            let read = w.read();
            let lookup = Lookup::load(read)?;
            let choice = RuleChoice::load(read)?;
            let catalogue = super::product_kinds::Catalogue::load(read)?;
            let col = |field: &str| PRODUCT_COLUMNS.iter().find(|c| c.field == field);
            let closed: HashSet<(i32, Period)> = closed_periods(read, stamp.owner, &rows, &map)?;
            let mut saved: HashMap<(Uuid, i32), Vec<ProductRecord>> = HashMap::new();
            let mut seen: HashMap<(Uuid, i32, Period, String), usize> = HashMap::new();
            let mut planned: Vec<PlannedProduct> = Vec::new();
            // Everyone's position group per year, read once: the rule set (months or quarters) depends on it.
            let mut groups: HashMap<i32, HashMap<Uuid, String>> = HashMap::new();
            for row in &rows {
                let get = |f: &str| cell(&row.cells, &map, f);
                let errors_before = report.errors.len();
                let mut issue = |i: DraftIssue| report.issue(row.number, &PRODUCT_COLUMNS, &i);
                let year = get("year").trim().parse::<i32>().ok().filter(|y| (2000..=2100).contains(y));
                if year.is_none() {
                    issue(DraftIssue { field: "year", vi: "Năm phải là số có 4 chữ số.".into(), en: "The year is four digits.".into() });
                }
                let period = year.and_then(|y| Period::parse(get("period"), y));
                if year.is_some() && period.is_none() {
                    issue(DraftIssue {
                        field: "period",
                        vi: format!("Kỳ \"{}\" không hợp lệ: ghi T1…T12 hoặc Q1…Q4.", get("period").trim()),
                        en: format!("The period \"{}\" is not valid: write T1…T12 or Q1…Q4.", get("period").trim()),
                    });
                }
                let unit = lookup.unit(get("unit"));
                if unit.is_none() {
                    issue(DraftIssue {
                        field: "unit",
                        vi: format!("Không có đơn vị mã \"{}\".", get("unit").trim()),
                        en: format!("There is no unit \"{}\".", get("unit").trim()),
                    });
                }
                let person = match unit.map(|u| lookup.people_named(u, get("person"))) {
                    Some(found) if found.len() == 1 => Some(found[0]),
                    Some(found) if found.is_empty() => {
                        issue(DraftIssue {
                            field: "person",
                            vi: format!("Đơn vị này không có người tên \"{}\".", get("person").trim()),
                            en: format!("This unit has nobody named \"{}\".", get("person").trim()),
                        });
                        None
                    }
                    Some(_) => {
                        issue(DraftIssue {
                            field: "person",
                            vi: format!("Có nhiều người tên \"{}\": ghi thêm ngày sinh, ví dụ \"{} (05/01/1980)\".", get("person").trim(), get("person").trim()),
                            en: format!("Several people are named \"{}\": add the birth date, e.g. \"{} (05/01/1980)\".", get("person").trim(), get("person").trim()),
                        });
                        None
                    }
                    None => None,
                };
                let title = domain::text::clean(get("title"));
                if title.is_empty() {
                    issue(DraftIssue { field: "title", vi: "Chưa ghi tên sản phẩm.".into(), en: "The product needs a title.".into() });
                }
                let kind = if get("kind").trim().is_empty() {
                    None
                } else {
                    let found = catalogue.find(get("kind")).cloned();
                    if found.is_none() {
                        issue(DraftIssue {
                            field: "kind",
                            vi: format!("Loại sản phẩm \"{}\" không có trong danh mục: ghi đúng tên loại, hoặc để trống và ghi hệ số quy đổi.", get("kind").trim()),
                            en: format!("The product kind \"{}\" is not in the catalogue: write a listed kind, or leave it empty and give a coefficient.", get("kind").trim()),
                        });
                    }
                    found
                };
                let coefficient = if get("coefficient").trim().is_empty() {
                    Some(kind.as_ref().map_or(100, |k| k.coefficient))
                } else {
                    coefficient(get("coefficient")).map_err(&mut issue).ok()
                };
                let measure = Some(domain::text::clean(get("measure")))
                    .filter(|m| !m.is_empty())
                    .or_else(|| kind.as_ref().map(|k| k.measure.clone()));
                let required = match parse_quantity(get("required")) {
                    Ok(v) if v > 0 => Some(v),
                    _ => {
                        issue(DraftIssue {
                            field: "required",
                            vi: format!("Số lượng giao \"{}\" phải là số lớn hơn 0.", get("required").trim()),
                            en: format!("The required quantity \"{}\" must be a number above 0.", get("required").trim()),
                        });
                        None
                    }
                };
                let deadline = optional_date("deadline", get("deadline")).map_err(&mut issue).ok();
                let completed_on = optional_date("completed_on", get("completed_on")).map_err(&mut issue).ok();
                let appraised = !get("delivered").trim().is_empty();
                let delivered = if appraised {
                    match parse_quantity(get("delivered")) {
                        Ok(v) if v >= 0 => Some(v),
                        _ => {
                            issue(DraftIssue {
                                field: "delivered",
                                vi: format!("Số lượng đạt \"{}\" phải là số không âm.", get("delivered").trim()),
                                en: format!("The delivered quantity \"{}\" must be a number, not negative.", get("delivered").trim()),
                            });
                            None
                        }
                    }
                } else {
                    None
                };
                if appraised && get("quality").trim().is_empty() {
                    issue(DraftIssue {
                        field: "quality",
                        vi: "Đã ghi số lượng đạt thì phải ghi chất lượng đạt (%) do người đứng đầu thẩm định.".into(),
                        en: "With a delivered quantity, the quality (%) appraised by the head is required.".into(),
                    });
                }
                let quality = share("quality", get("quality"), 10_000).map_err(&mut issue).ok();
                let on_time = share("on_time", get("on_time"), 10_000).map_err(&mut issue).ok();
                let major_errors = count("major_errors", get("major_errors")).map_err(&mut issue).ok();
                let typed_delays = count("delays", get("delays")).map_err(&mut issue).ok();
                if !appraised && [get("quality"), get("major_errors"), get("on_time"), get("delays")].iter().any(|c| !c.trim().is_empty()) {
                    issue(DraftIssue {
                        field: "delivered",
                        vi: "Có kết quả thẩm định nhưng chưa ghi số lượng đạt.".into(),
                        en: "Appraisal figures are filled in without the delivered quantity.".into(),
                    });
                }
                let source = match (year, unit) {
                    (Some(year), Some(unit)) => match parse_source(read, get("source"), year, unit)? {
                        Ok(source) => Some(source),
                        Err(i) => {
                            issue(i);
                            None
                        }
                    },
                    _ => None,
                };
                // Evidence files named in the sheet (next to it), read and hashed before anything is written.
                let mut evidence = Vec::new();
                for name in get("evidence").split([';', '\n']).map(str::trim).filter(|n| !n.is_empty()) {
                    match super::progress::read_evidence(&folder.join(name)) {
                        Ok(file) => evidence.push(file),
                        Err(e) => issue(DraftIssue { field: "evidence", vi: e.message(Lang::Vi), en: e.message(Lang::En) }),
                    }
                }
                let (Some(year), Some(period), Some(_), Some(person), Some(coefficient), Some(required), Some(deadline), Some(completed_on)) =
                    (year, period, unit, person, coefficient, required, deadline, completed_on)
                else {
                    continue;
                };
                if let std::collections::hash_map::Entry::Vacant(slot) = groups.entry(year) {
                    slot.insert(crate::evaluation::periods::groups_of_year(read, year)?);
                }
                let group = groups[&year].get(&person).map_or(crate::catalog::OTHER_GROUP_CODE, String::as_str);
                let rules = choice.for_group(group);
                if period.kind() != rules.evaluation.period {
                    report.error(
                        row.number,
                        col("period"),
                        &format!(
                            "Bộ quy tắc của người này đánh giá theo {}: ghi kỳ {}.",
                            if rules.evaluation.period == "month" { "tháng" } else { "quý" },
                            if rules.evaluation.period == "month" { "T1…T12" } else { "Q1…Q4" }
                        ),
                        &format!(
                            "This person's rule set evaluates by {}: write {}.",
                            rules.evaluation.period,
                            if rules.evaluation.period == "month" { "T1…T12" } else { "Q1…Q4" }
                        ),
                    );
                }
                if let Some(first) = seen.insert((person, year, period, fold(&title)), row.number) {
                    report.error(
                        row.number,
                        col("title"),
                        &format!("Sản phẩm này của người này trong kỳ đã có ở dòng {first}."),
                        &format!("This person's product for the period is already on row {first}."),
                    );
                }
                // Deadline by default the period's last day; a delivery after it counts one delay unless typed.
                let deadline = deadline.unwrap_or_else(|| period.end(year));
                let delays = match (typed_delays, completed_on) {
                    (Some(0), Some(done)) if get("delays").trim().is_empty() && done > deadline => Some(1),
                    (delays, _) => delays,
                };
                let assessment = match (delivered, quality, on_time, major_errors, delays) {
                    (Some(delivered), Some(quality), Some(on_time), Some(major_errors), Some(delays)) => {
                        Some(ProductAssessment { required, delivered, quality, major_errors, on_time, delays })
                    }
                    _ => None,
                };
                let Some((source_kind, source_id)) = source else { continue };
                if report.errors.len() != errors_before {
                    continue;
                }
                if let std::collections::hash_map::Entry::Vacant(slot) = saved.entry((person, year)) {
                    slot.insert(read.products_of(person, year)?);
                }
                let existing =
                    saved[&(person, year)].iter().find(|p| p.period == Some(period) && fold(&p.title) == fold(&title)).cloned();
                // A row without an appraisal keeps the saved one; an unchanged appraisal keeps who made it and when.
                let (assessment, assessed_by, assessed_at) = match (assessment, &existing) {
                    (None, Some(e)) => (e.assessment, e.assessed_by.clone(), e.assessed_at),
                    (Some(a), Some(e)) if e.assessment == Some(a) => (Some(a), e.assessed_by.clone(), e.assessed_at),
                    (Some(a), _) => (Some(a), Some(username.clone()), Some(stamp.now)),
                    (None, None) => (None, None, None),
                };
                let record = ProductRecord {
                    meta: existing.as_ref().map_or_else(|| stamp.meta(0), |e| e.meta.clone()),
                    person_id: person,
                    year,
                    period: Some(period),
                    title: existing.as_ref().map_or(title.clone(), |e| e.title.clone()),
                    source_kind,
                    source_id,
                    required,
                    assessment,
                    assessed_by,
                    assessed_at,
                    coefficient,
                    kind_code: kind.map(|k| k.code),
                    measure,
                    deadline: Some(deadline),
                    completed_on: completed_on.or(existing.as_ref().and_then(|e| e.completed_on)),
                    proposed: false,
                };
                // A closed period's products no longer change; the same figures imported again are fine.
                if closed.contains(&(year, period)) && (existing.as_ref() != Some(&record) || !evidence.is_empty()) {
                    report.error(
                        row.number,
                        col("period"),
                        &format!("Kỳ {} năm {year} đã khóa: sản phẩm của kỳ không còn thay đổi được.", period.label(Lang::Vi)),
                        &format!("{} {year} is closed: its products can no longer change.", period.label(Lang::En)),
                    );
                    continue;
                }
                planned.push(PlannedProduct { record, existing, evidence });
            }
            if !report.errors.is_empty() {
                report.errors.sort_by_key(|e| e.row);
                return Err(reject(report));
            }
            for plan in planned {
                let id = plan.record.meta.id;
                let changed = match &plan.existing {
                    None => {
                        report.new += 1;
                        true
                    }
                    Some(e) if *e != plan.record => {
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
                        None => stamp.meta_with_id(id, w.next_revision()?),
                    };
                    if let Some(before) = plan.existing.as_ref().filter(|b| super::products::plan_text(b) != super::products::plan_text(&plan.record)) {
                        // The plan as it was is kept in the log: a plan may change until it is appraised.
                        w.audit(&username, "products.change", &format!("{}: {}", before.meta.id, super::products::plan_text(before)))?;
                    }
                    w.save_product(&ProductRecord { meta, ..plan.record })?;
                }
                if !options.dry_run {
                    for file in &plan.evidence {
                        w.attach_product_evidence(id, &file.sha256, &file.file_name, &file.content, stamp.now)?;
                    }
                }
            }
            if !options.dry_run && report.new + report.updated > 0 {
                w.audit(&username, "products.import", &format!("{}: {} new, {} updated", report.file, report.new, report.updated))?;
                report.written = true;
            }
            Ok(report)
        })
    }

    /// The products of a year (a period, a unit and those below it, a person), with whose they are.
    pub fn product_list(&self, session: &Session, filter: &ProductFilter, lang: Lang) -> Result<Vec<UnitProductLine>> {
        session.require(Permission::Read)?;
        let read = self.store.read();
        let choice = RuleChoice::load(read)?;
        let lookup = Lookup::load(read)?;
        let scope = match &filter.unit_code {
            Some(code) => Some(super::units_within_code(read, code)?),
            None => None,
        };
        let catalogue = super::product_kinds::Catalogue::load(read)?;
        let groups = crate::evaluation::periods::groups_of_year(read, filter.year)?;
        let mut lines = Vec::new();
        for roster in read.roster(&[])? {
            let person = &roster.person;
            if scope.as_ref().is_some_and(|s| !s.contains(&person.unit_id)) || filter.person_id.is_some_and(|p| p != person.meta.id) {
                continue;
            }
            let rules = choice.for_group(groups.get(&person.meta.id).map_or(crate::catalog::OTHER_GROUP_CODE, String::as_str));
            for p in read.products_of(person.meta.id, filter.year)? {
                if filter.period.is_some_and(|period| p.period != Some(period)) {
                    continue;
                }
                let source_text = source_text(&p, read, lang)?;
                let kind_name = p.kind_code.as_deref().and_then(|k| catalogue.name_of(k)).unwrap_or_default().to_string();
                lines.push(UnitProductLine {
                    person_id: person.meta.id,
                    person: person.full_name.clone(),
                    person_label: lookup.person_label(person.unit_id, person.meta.id).unwrap_or_else(|| person.full_name.clone()),
                    unit_code: roster.unit_code.clone(),
                    year: filter.year,
                    product: product_line(read, p, filter.year, rules, lang)?,
                    source_text,
                    kind_name,
                });
            }
        }
        lines.sort_by(|a, b| {
            (a.unit_code.as_str(), domain::text::person_sort_key(&a.person), a.person_id, a.product.period).cmp(&(
                b.unit_code.as_str(),
                domain::text::person_sort_key(&b.person),
                b.person_id,
                b.product.period,
            ))
        });
        Ok(lines)
    }

    /// Writes the products in the import's columns (the head fills delivered, quality and timeliness and imports it
    /// back), plus each appraised product's score.
    pub fn export_products(&self, session: &Session, filter: &ProductFilter, path: &Path, lang: Lang) -> Result<usize> {
        let lines = self.product_list(session, filter, lang)?;
        let mut headers: Vec<&str> = PRODUCT_COLUMNS.iter().map(|c| lang.pick(c.vi, c.en)).collect();
        headers.extend(EXTRA_HEADERS.iter().map(|(vi, en)| lang.pick(vi, en)));
        let number = |hundredths: i64| Cell::Number(hundredths as f64 / 100.0);
        let text = |s: &str| if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) };
        let date = |d: &str| domain::dates::parse_vn_date(d).map_or(Cell::Empty, Cell::Date);
        let rows: Vec<Vec<Cell>> = lines
            .iter()
            .map(|l| {
                let p = &l.product;
                let a = p.assessment;
                vec![
                    Cell::Number(f64::from(l.year)),
                    text(&p.period.map(|x| x.short()).unwrap_or_default()),
                    Cell::Text(l.unit_code.clone()),
                    Cell::Text(l.person_label.clone()),
                    Cell::Text(p.title.clone()),
                    Cell::Text(l.source_text.clone()),
                    text(&l.kind_name),
                    text(&p.coefficient_text),
                    text(&p.measure),
                    text(&p.required_text),
                    date(&p.deadline),
                    a.map_or(Cell::Empty, |a| number(a.delivered)),
                    date(&p.completed_on),
                    a.map_or(Cell::Empty, |a| number(a.quality)),
                    a.map_or(Cell::Empty, |a| Cell::Number(f64::from(a.major_errors))),
                    a.map_or(Cell::Empty, |a| number(a.on_time)),
                    a.map_or(Cell::Empty, |a| Cell::Number(f64::from(a.delays))),
                    // Evidence is attached from files next to the sheet; what is kept is listed after, not re-read.
                    Cell::Empty,
                    text(&p.evidence.iter().map(|e| e.file_name.as_str()).collect::<Vec<_>>().join("; ")),
                    p.score.map_or(Cell::Empty, |s| number(s.score)),
                ]
            })
            .collect();
        tabular::write_xlsx(path, lang.pick("Sản phẩm", "Products"), &headers, &rows)?;
        Ok(rows.len())
    }
}

/// The periods of this office that are closed, among those the sheet names.
fn closed_periods(
    read: Reader<'_>,
    owner: Uuid,
    rows: &[tabular::Row],
    map: &HashMap<&'static str, usize>,
) -> Result<HashSet<(i32, Period)>> {
    let years: HashSet<i32> = rows.iter().filter_map(|r| cell(&r.cells, map, "year").trim().parse().ok()).collect();
    let mut closed = HashSet::new();
    for year in years {
        for p in read.periods_of_year(year)? {
            if p.meta.owner_unit == owner && p.closed_at.is_some() {
                if let Some(period) = Period::from_parts(&p.kind, p.index) {
                    closed.insert((year, period));
                }
            }
        }
    }
    Ok(closed)
}
