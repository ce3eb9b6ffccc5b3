//! Products (Nghị định 335/2025/NĐ-CP): what a cadre must deliver in a period, assessed on quantity, quality and
//! progress; the period's task-result points follow from the rule set.

use super::draft::DraftIssue;
use super::targets::invalid;
use crate::auth::{Permission, Session};
use crate::error::{Result, ServiceError};
use crate::office::Office;
use domain::numbers::{format_hundredths, format_quantity};
use domain::products::{ProductAssessment, ProductScore};
use domain::quantity::parse_quantity;
use domain::targets::Period;
use domain::Lang;
use serde::{Deserialize, Serialize};
use store::ProductRecord;
use ts_rs::TS;
use uuid::Uuid;

/// Where a product comes from, when it was made from other work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum ProductSource {
    Target(Uuid),
    Breakthrough(Uuid),
    ActionItem(Uuid),
}

impl ProductSource {
    fn parts(self) -> (&'static str, Uuid) {
        match self {
            ProductSource::Target(id) => ("target", id),
            ProductSource::Breakthrough(id) => ("breakthrough", id),
            ProductSource::ActionItem(id) => ("action_item", id),
        }
    }

    fn from_parts(kind: Option<&str>, id: Option<Uuid>) -> Option<ProductSource> {
        match (kind?, id?) {
            ("target", id) => Some(ProductSource::Target(id)),
            ("breakthrough", id) => Some(ProductSource::Breakthrough(id)),
            ("action_item", id) => Some(ProductSource::ActionItem(id)),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProductInput {
    pub person_id: Uuid,
    pub year: i32,
    /// None for the whole year.
    pub period: Option<Period>,
    pub title: String,
    /// Required quantity as typed ("1", "12").
    pub required: String,
    pub source: Option<ProductSource>,
    /// Proposed by the cadre: it counts once the head accepts it.
    #[serde(default)]
    pub proposed: bool,
    /// Conversion coefficient as typed ("1", "1,5"); empty for 1.
    #[serde(default)]
    pub coefficient: String,
    /// Unit of measure ("báo cáo", "hồ sơ").
    #[serde(default)]
    pub measure: String,
    /// Deadline, dd/mm/yyyy; empty for the period's last day.
    #[serde(default)]
    pub deadline: String,
    /// The kind of product in the office's catalogue (its code or name), empty for none: kept with the product, so
    /// the sheets and lists name it. The coefficient and unit are what `coefficient` and `measure` say.
    #[serde(default)]
    pub kind: String,
}

/// The appraiser's assessment as typed: quantities like "3", shares in percent like "90".
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssessmentInput {
    pub delivered: String,
    pub quality_percent: String,
    pub major_errors: u32,
    pub on_time_percent: String,
    pub delays: u32,
    /// The day it was delivered, dd/mm/yyyy (empty: not said).
    #[serde(default)]
    pub completed_on: String,
}

/// One change of a product's plan: when, by whom, and the plan as it read before.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PlanChange {
    /// RFC 3339, UTC.
    pub at: String,
    pub by: String,
    /// "Báo cáo tháng — 2 báo cáo × 1,5, hạn 31/01/2027".
    pub before: String,
}

/// An empty deadline is the period's last day (the year's for a year-long product).
fn default_deadline(year: i32, period: Option<Period>) -> chrono::NaiveDate {
    period.map_or_else(|| chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default(), |p| p.end(year))
}

/// A plan in words, as the history keeps it.
pub(crate) fn plan_text(p: &ProductRecord) -> String {
    let measure = p.measure.as_deref().filter(|m| !m.is_empty()).map(|m| format!(" {m}")).unwrap_or_default();
    let deadline = p.deadline.map(|d| format!(", hạn {}", domain::dates::format_vn_date(d))).unwrap_or_default();
    format!("{} — {}{measure} × {}{deadline}", p.title, format_quantity(p.required), format_quantity(p.coefficient))
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ProductLine {
    pub id: Uuid,
    pub period: Option<Period>,
    pub period_label: String,
    pub title: String,
    pub source: Option<ProductSource>,
    pub required_text: String,
    /// "1,5"
    pub coefficient_text: String,
    pub measure: String,
    /// The kind of product in the office's catalogue (its code), empty for none.
    pub kind_code: String,
    /// dd/mm/yyyy or empty
    pub deadline: String,
    pub completed_on: String,
    /// Proposed by the cadre, not yet accepted by the head: not counted.
    pub proposed: bool,
    /// Files given as evidence of what was delivered.
    pub evidence: Vec<super::EvidenceItem>,
    pub assessment: Option<ProductAssessment>,
    pub score: Option<ProductScore>,
    /// "83,33 %" or empty when not yet assessed.
    pub score_text: String,
    pub assessed_by: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ProductsView {
    pub person_id: Uuid,
    pub year: i32,
    pub products: Vec<ProductLine>,
    pub assessed: usize,
    /// Task-result points of the year (the task part of the year's score), in hundredths of a point (of 70 by
    /// default); None until a period is scored.
    #[ts(type = "number | null")]
    pub points: Option<i64>,
    pub points_text: String,
    #[ts(type = "number")]
    pub points_of: i64,
    /// The year's score and its periods, the same figures as every other screen shows.
    pub score: Option<crate::evaluation::PersonScore>,
    /// Rule-set parameters that are interpretations, shown as "chưa xác nhận".
    pub unconfirmed: Vec<String>,
}

fn percent(field: &'static str, typed: &str) -> std::result::Result<i64, DraftIssue> {
    let value = parse_quantity(typed).map_err(|p| DraftIssue { field, vi: p.message(Lang::Vi), en: p.message(Lang::En) })?;
    if !(0..=10_000).contains(&value) {
        return Err(DraftIssue { field, vi: "Tỷ lệ phải từ 0 đến 100 %.".into(), en: "A share is between 0 and 100 %.".into() });
    }
    Ok(value)
}

/// A product's plan as typed, checked: every problem named at once.
struct Plan {
    title: String,
    required: i64,
    coefficient: i64,
    measure: Option<String>,
    deadline: Option<chrono::NaiveDate>,
}

fn checked_plan(input: &ProductInput) -> Result<Plan> {
    let title = domain::text::clean(&input.title);
    let mut issues = Vec::new();
    if title.is_empty() {
        issues.push(DraftIssue { field: "title", vi: "Chưa ghi tên sản phẩm.".into(), en: "The product needs a title.".into() });
    }
    let required = match parse_quantity(&input.required) {
        Ok(v) if v > 0 => Some(v),
        Ok(_) => {
            issues.push(DraftIssue {
                field: "required",
                vi: "Số lượng yêu cầu phải lớn hơn 0.".into(),
                en: "The required quantity must be above 0.".into(),
            });
            None
        }
        Err(p) => {
            issues.push(DraftIssue { field: "required", vi: p.message(Lang::Vi), en: p.message(Lang::En) });
            None
        }
    };
    if !(2000..=2100).contains(&input.year) {
        issues.push(DraftIssue { field: "year", vi: "Năm không hợp lệ.".into(), en: "The year is not valid.".into() });
    }
    let coefficient = coefficient(&input.coefficient).map_err(|i| issues.push(i)).ok();
    let deadline = optional_date("deadline", &input.deadline).map_err(|i| issues.push(i)).ok().flatten();
    let measure = Some(domain::text::clean(&input.measure)).filter(|m| !m.is_empty());
    match (required, coefficient, issues.is_empty()) {
        (Some(required), Some(coefficient), true) => Ok(Plan { title, required, coefficient, measure, deadline }),
        _ => Err(invalid(issues)),
    }
}

/// The catalogue kind a plan names (its code or its name), None when it names none; a kind the office's catalogue
/// does not list is refused by field.
fn kind_of(read: store::Reader<'_>, typed: &str) -> Result<Option<String>> {
    if typed.trim().is_empty() {
        return Ok(None);
    }
    match super::product_kinds::Catalogue::load(read)?.find(typed) {
        Some(kind) => Ok(Some(kind.code.clone())),
        None => Err(invalid(vec![DraftIssue {
            field: "kind",
            vi: format!("Loại sản phẩm \"{}\" không có trong danh mục của cơ quan.", typed.trim()),
            en: format!("The product kind \"{}\" is not in the office's catalogue.", typed.trim()),
        }])),
    }
}

impl Office {
    pub fn add_product(&mut self, session: &Session, input: &ProductInput) -> Result<Uuid> {
        session.require(Permission::EditWork)?;
        let stamp = self.stamp()?;
        let username = session.username.clone();
        let Plan { title, required, coefficient, measure, deadline } = checked_plan(input)?;
        self.store.write(|w| {
            w.read().person_by_id(input.person_id)?.ok_or(ServiceError::UnknownPerson)?;
            crate::users::require_person(w.read(), session, input.person_id)?;
            let kind_code = kind_of(w.read(), &input.kind)?;
            let (source_kind, source_id) = input.source.map(ProductSource::parts).unzip();
            let record = ProductRecord {
                meta: stamp.meta(w.next_revision()?),
                person_id: input.person_id,
                year: input.year,
                period: input.period,
                title: title.clone(),
                source_kind: source_kind.map(str::to_string),
                source_id,
                required,
                assessment: None,
                assessed_by: None,
                assessed_at: None,
                coefficient,
                kind_code,
                measure,
                deadline: deadline.or_else(|| Some(default_deadline(input.year, input.period))),
                completed_on: None,
                proposed: input.proposed,
            };
            ensure_open(w.read(), stamp.owner, record.year, record.period)?;
            w.save_product(&record)?;
            w.audit(&username, "products.add", &title)?;
            Ok(record.meta.id)
        })
    }

    /// Makes a product from a target (its cadre, or the head answering for the unit), a breakthrough task or an
    /// action-programme item, with the title and quantity taken from it.
    pub fn product_from(&mut self, session: &Session, source: ProductSource, period: Option<Period>) -> Result<Uuid> {
        session.require(Permission::EditWork)?;
        let read = self.store.read();
        let (person_id, year, title, required) = match source {
            ProductSource::Target(id) => {
                let t = read.target_by_id(id)?.ok_or(ServiceError::UnknownTarget)?;
                let person = match t.person_id {
                    Some(p) => p,
                    None => head_of(read, t.unit_id, t.deadline)?.ok_or(ServiceError::UnknownPerson)?,
                };
                (person, t.year, format!("{} — {} {}", t.name, format_quantity(t.plan), t.measure), 100)
            }
            ProductSource::Breakthrough(id) => {
                let t = read.breakthrough_by_id(id)?.ok_or(ServiceError::UnknownBreakthrough)?;
                (t.person_id, t.year, t.title, 100)
            }
            ProductSource::ActionItem(id) => {
                let item = read.action_item_by_id(id)?.ok_or(ServiceError::UnknownProgramme)?;
                let programme = read.programme_by_id(item.programme_id)?.ok_or(ServiceError::UnknownProgramme)?;
                (programme.person_id, chrono::Datelike::year(&item.five.deadline), item.five.work, 100)
            }
        };
        let input = ProductInput {
            person_id,
            year,
            period,
            title,
            required: format_quantity(required),
            source: Some(source),
            proposed: false,
            coefficient: String::new(),
            measure: String::new(),
            deadline: String::new(),
            kind: String::new(),
        };
        self.add_product(session, &input)
    }

    pub fn assess_product(&mut self, session: &Session, id: Uuid, input: &AssessmentInput) -> Result<()> {
        session.require(Permission::Appraise)?;
        let stamp = self.stamp()?;
        let username = session.username.clone();
        self.store.write(|w| {
            let product = w.read().product_by_id(id)?.ok_or(ServiceError::UnknownProduct)?;
            ensure_open(w.read(), stamp.owner, product.year, product.period)?;
            let mut issues = Vec::new();
            let delivered = parse_quantity(&input.delivered)
                .map_err(|p| issues.push(DraftIssue { field: "delivered", vi: p.message(Lang::Vi), en: p.message(Lang::En) }))
                .ok();
            let quality = percent("quality_percent", &input.quality_percent).map_err(|i| issues.push(i)).ok();
            let on_time = percent("on_time_percent", &input.on_time_percent).map_err(|i| issues.push(i)).ok();
            let completed_on = optional_date("completed_on", &input.completed_on).map_err(|i| issues.push(i)).ok();
            let (Some(delivered), Some(quality), Some(on_time), Some(completed_on)) = (delivered, quality, on_time, completed_on) else {
                return Err(invalid(issues));
            };
            let assessment = ProductAssessment {
                required: product.required,
                delivered,
                quality,
                major_errors: input.major_errors,
                on_time,
                delays: input.delays,
            };
            if let Err(problem) = assessment.check() {
                return Err(invalid(vec![DraftIssue {
                    field: "delivered",
                    vi: problem.message(Lang::Vi).into(),
                    en: problem.message(Lang::En).into(),
                }]));
            }
            let meta = store::Meta { revision: w.next_revision()?, updated_at: stamp.now, ..product.meta.clone() };
            w.save_product(&ProductRecord {
                meta,
                assessment: Some(assessment),
                assessed_by: Some(username.clone()),
                assessed_at: Some(stamp.now),
                completed_on: completed_on.or(product.completed_on),
                ..product
            })?;
            w.audit(&username, "products.assess", &id.to_string())?;
            Ok(())
        })
    }

    /// Changes a product's plan (title, quantity, coefficient, unit, deadline) until it is appraised; the plan as it
    /// was is kept in the log.
    pub fn update_product(&mut self, session: &Session, id: Uuid, input: &ProductInput) -> Result<()> {
        session.require(Permission::EditWork)?;
        let stamp = self.stamp()?;
        let username = session.username.clone();
        let Plan { title, required, coefficient, measure, deadline } = checked_plan(input)?;
        self.store.write(|w| {
            let product = w.read().product_by_id(id)?.ok_or(ServiceError::UnknownProduct)?;
            crate::users::require_person(w.read(), session, product.person_id)?;
            ensure_open(w.read(), stamp.owner, product.year, product.period)?;
            if product.assessment.is_some() {
                return Err(invalid(vec![DraftIssue {
                    field: "required",
                    vi: "Sản phẩm đã được thẩm định: không sửa kế hoạch được nữa.".into(),
                    en: "The product is appraised: its plan can no longer change.".into(),
                }]));
            }
            let kind_code = kind_of(w.read(), &input.kind)?;
            let before = plan_text(&product);
            let deadline = deadline.or_else(|| Some(default_deadline(product.year, product.period)));
            let meta = store::Meta { revision: w.next_revision()?, updated_at: stamp.now, ..product.meta.clone() };
            w.save_product(&ProductRecord { meta, title, required, coefficient, measure, deadline, kind_code, ..product })?;
            w.audit(&username, "products.change", &format!("{id}: {before}"))?;
            Ok(())
        })
    }

    /// How a product's plan read before each change (the plan may change until the product is appraised; every
    /// change is kept), oldest first.
    pub fn product_plan_history(&self, session: &Session, id: Uuid) -> Result<Vec<PlanChange>> {
        session.require(Permission::Read)?;
        let read = self.store.read();
        read.product_by_id(id)?.ok_or(ServiceError::UnknownProduct)?;
        let prefix = format!("{id}: ");
        Ok(read
            .audit_entries_about("products.change", &prefix)?
            .into_iter()
            .map(|(at, by, detail)| PlanChange {
                at: at.to_rfc3339(),
                by,
                before: detail.strip_prefix(&prefix).unwrap_or(&detail).to_string(),
            })
            .collect())
    }

    /// Keeps a file as evidence of a product delivered (read and hashed first; at most the size a report's evidence
    /// may have). A closed period's products take no more evidence.
    pub fn attach_product_evidence(&mut self, session: &Session, id: Uuid, path: &std::path::Path) -> Result<()> {
        session.require(Permission::EditWork)?;
        let file = super::progress::read_evidence(path)?;
        let stamp = self.stamp()?;
        let username = session.username.clone();
        self.store.write(|w| {
            let product = w.read().product_by_id(id)?.ok_or(ServiceError::UnknownProduct)?;
            crate::users::require_person(w.read(), session, product.person_id)?;
            ensure_open(w.read(), stamp.owner, product.year, product.period)?;
            w.attach_product_evidence(id, &file.sha256, &file.file_name, &file.content, stamp.now)?;
            w.audit(&username, "products.evidence", &format!("{id}: {}", file.file_name))?;
            Ok(())
        })
    }

    /// The head accepts a product the cadre proposed: from now on it counts.
    pub fn accept_product(&mut self, session: &Session, id: Uuid) -> Result<()> {
        session.require(Permission::DecideWork)?;
        let stamp = self.stamp()?;
        let username = session.username.clone();
        self.store.write(|w| {
            let product = w.read().product_by_id(id)?.ok_or(ServiceError::UnknownProduct)?;
            ensure_open(w.read(), stamp.owner, product.year, product.period)?;
            if !product.proposed {
                return Ok(());
            }
            let meta = store::Meta { revision: w.next_revision()?, updated_at: stamp.now, ..product.meta.clone() };
            w.save_product(&ProductRecord { meta, proposed: false, ..product })?;
            w.audit(&username, "products.accept", &id.to_string())?;
            Ok(())
        })
    }

    /// Copies every product planned in `from` for the people of a unit (and those below it) into `to`, without
    /// appraisals, deadlines moved to the end of `to`; a product already planned in `to` is left as it is. Returns how
    /// many were copied.
    pub fn copy_plan_forward(&mut self, session: &Session, unit_code: &str, year: i32, from: Period, to: Period) -> Result<usize> {
        session.require(Permission::EditWork)?;
        let stamp = self.stamp()?;
        let username = session.username.clone();
        if from.kind() != to.kind() || from == to {
            return Err(invalid(vec![DraftIssue {
                field: "period",
                vi: "Chọn hai kỳ khác nhau cùng loại (tháng sang tháng, quý sang quý).".into(),
                en: "Choose two different periods of the same kind (month to month, quarter to quarter).".into(),
            }]));
        }
        self.store.write(|w| {
            let read = w.read();
            ensure_open(read, stamp.owner, year, Some(to))?;
            let scope = super::units_within_code(read, unit_code)?;
            if let Some(unit) = read.unit_by_code(&super::unit_code_of(unit_code))? {
                crate::users::require_unit(read, session, unit.meta.id)?;
            }
            let mut copied = 0;
            for line in read.roster(&[])?.into_iter().filter(|l| scope.contains(&l.person.unit_id)) {
                let products = read.products_of(line.person.meta.id, year)?;
                let planned: std::collections::HashSet<String> =
                    products.iter().filter(|p| p.period == Some(to)).map(|p| domain::text::fold(&p.title)).collect();
                for p in products.iter().filter(|p| p.period == Some(from) && !planned.contains(&domain::text::fold(&p.title))) {
                    let record = ProductRecord {
                        meta: stamp.meta(w.next_revision()?),
                        period: Some(to),
                        assessment: None,
                        assessed_by: None,
                        assessed_at: None,
                        deadline: Some(to.end(year)),
                        completed_on: None,
                        proposed: false,
                        ..p.clone()
                    };
                    w.save_product(&record)?;
                    copied += 1;
                }
            }
            w.audit(&username, "products.copy_forward", &format!("{unit_code} {year} {} → {}: {copied}", from.short(), to.short()))?;
            Ok(copied)
        })
    }

    /// A cadre's products of a year with their scores, and the year's score they give (the same as the
    /// classification's, the periods sheet's and the forms').
    pub fn products(&self, session: &Session, person_id: Uuid, year: i32, lang: Lang) -> Result<ProductsView> {
        session.require(Permission::Read)?;
        let read = self.store.read();
        let choice = crate::evaluation::rules::RuleChoice::load(read)?;
        let group = crate::evaluation::periods::group_of(read, person_id, year)?;
        let rules = choice.for_group(&group).clone();
        let records = read.products_of(person_id, year)?;
        let products: Vec<ProductLine> = records.into_iter().map(|p| product_line(read, p, year, &rules, lang)).collect::<Result<_>>()?;
        // The person's unit (and the one they hold a post in): a head's score needs the people under them.
        let mut units: std::collections::HashSet<Uuid> = std::collections::HashSet::new();
        if let Some(person) = read.person_by_id(person_id)? {
            units.insert(person.unit_id);
        }
        let day = chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
        units.extend(read.position_holders(None, day)?.into_iter().filter(|(_, h)| h.person_id == person_id).map(|(_, h)| h.unit_id));
        let book = crate::evaluation::scores::ScoreBook::load_for_units(read, year, Office::today(), &choice, lang, &units)?;
        let score = book.person(person_id).cloned();
        let points = score.as_ref().filter(|s| s.year.periods_scored > 0).map(|s| s.year.task);
        Ok(ProductsView {
            person_id,
            year,
            assessed: products.iter().filter(|p| p.score.is_some()).count(),
            points,
            points_text: points.map(|p| format_hundredths(p, 2)).unwrap_or_default(),
            points_of: rules.evaluation.task_points,
            unconfirmed: rules.products.unconfirmed.clone(),
            products,
            score,
        })
    }
}

pub(crate) fn product_line(
    read: store::Reader<'_>,
    p: ProductRecord,
    year: i32,
    rules: &domain::ruleset::RuleSet,
    lang: Lang,
) -> Result<ProductLine> {
    let score = p.assessment.map(|a| a.score(&rules.products));
    let evidence = read
        .evidence_of_product(p.meta.id)?
        .into_iter()
        .map(|e| super::EvidenceItem { sha256: e.sha256, file_name: e.file_name, size: e.size })
        .collect();
    Ok(ProductLine {
        id: p.meta.id,
        period: p.period,
        period_label: p.period.map_or_else(|| format!("{} {year}", lang.pick("Năm", "Year")), |x| x.label(lang)),
        title: p.title,
        source: ProductSource::from_parts(p.source_kind.as_deref(), p.source_id),
        required_text: format_quantity(p.required),
        coefficient_text: format_quantity(p.coefficient),
        measure: p.measure.unwrap_or_default(),
        kind_code: p.kind_code.unwrap_or_default(),
        deadline: p.deadline.map(domain::dates::format_vn_date).unwrap_or_default(),
        completed_on: p.completed_on.map(domain::dates::format_vn_date).unwrap_or_default(),
        proposed: p.proposed,
        evidence,
        assessment: p.assessment,
        score,
        score_text: score.map(|s| super::percent_text(s.score)).unwrap_or_default(),
        assessed_by: p.assessed_by,
    })
}

/// A product of a closed period no longer changes (the office's own period of that kind and index).
fn ensure_open(read: store::Reader<'_>, owner: Uuid, year: i32, period: Option<Period>) -> Result<()> {
    let Some(period) = period else { return Ok(()) };
    let closed = read
        .periods_of_year(year)?
        .iter()
        .any(|p| p.meta.owner_unit == owner && p.kind == period.kind() && p.index == period.index() && p.closed_at.is_some());
    if closed {
        Err(ServiceError::PeriodClosed)
    } else {
        Ok(())
    }
}

/// A conversion coefficient as typed: empty is 1; otherwise above 0 and at most 100.
pub(crate) fn coefficient(typed: &str) -> std::result::Result<i64, DraftIssue> {
    if typed.trim().is_empty() {
        return Ok(100);
    }
    match parse_quantity(typed) {
        Ok(v) if v > 0 && v <= 10_000 => Ok(v),
        _ => Err(DraftIssue {
            field: "coefficient",
            vi: "Hệ số quy đổi phải là số lớn hơn 0 và không quá 100 (ví dụ 1 hoặc 1,5).".into(),
            en: "The conversion coefficient is a number above 0 and at most 100 (e.g. 1 or 1.5).".into(),
        }),
    }
}

/// A day typed dd/mm/yyyy, or nothing.
pub(crate) fn optional_date(field: &'static str, typed: &str) -> std::result::Result<Option<chrono::NaiveDate>, DraftIssue> {
    if typed.trim().is_empty() {
        return Ok(None);
    }
    domain::dates::parse_vn_date(typed).map(Some).ok_or_else(|| DraftIssue {
        field,
        vi: format!("Ngày \"{}\" không đúng dạng ngày/tháng/năm (dd/mm/yyyy).", typed.trim()),
        en: format!("\"{}\" is not a date as dd/mm/yyyy.", typed.trim()),
    })
}

/// The head of a unit on a day: who holds a head position there.
fn head_of(read: store::Reader<'_>, unit_id: Uuid, day: chrono::NaiveDate) -> Result<Option<Uuid>> {
    Ok(read.position_holders(None, day)?.into_iter().map(|(_, h)| h).find(|h| h.unit_id == unit_id && h.is_head).map(|h| h.person_id))
}
