//! Products (Nghị định 335/2025/NĐ-CP): what a cadre must deliver in a period, assessed on quantity, quality and
//! progress; the period's task-result points follow from the rule set.

use super::draft::DraftIssue;
use super::targets::invalid;
use crate::auth::{Permission, Session};
use crate::error::{Result, ServiceError};
use crate::office::Office;
use domain::numbers::{format_hundredths, format_quantity};
use domain::products::{task_result_points, ProductAssessment, ProductScore};
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
    /// Task-result points of the year's assessed products, in hundredths of a point (of 70 by default).
    #[ts(type = "number | null")]
    pub points: Option<i64>,
    pub points_text: String,
    #[ts(type = "number")]
    pub points_of: i64,
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

impl Office {
    pub fn add_product(&mut self, session: &Session, input: &ProductInput) -> Result<Uuid> {
        session.require(Permission::EditWork)?;
        let stamp = self.stamp()?;
        let username = session.username.clone();
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
        let (Some(required), true) = (required, issues.is_empty()) else { return Err(invalid(issues)) };
        self.store.write(|w| {
            w.read().person_by_id(input.person_id)?.ok_or(ServiceError::UnknownPerson)?;
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
            };
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
        let input = ProductInput { person_id, year, period, title, required: format_quantity(required), source: Some(source) };
        self.add_product(session, &input)
    }

    pub fn assess_product(&mut self, session: &Session, id: Uuid, input: &AssessmentInput) -> Result<()> {
        session.require(Permission::EditWork)?;
        let stamp = self.stamp()?;
        let username = session.username.clone();
        self.store.write(|w| {
            let product = w.read().product_by_id(id)?.ok_or(ServiceError::UnknownProduct)?;
            let mut issues = Vec::new();
            let delivered = parse_quantity(&input.delivered)
                .map_err(|p| issues.push(DraftIssue { field: "delivered", vi: p.message(Lang::Vi), en: p.message(Lang::En) }))
                .ok();
            let quality = percent("quality_percent", &input.quality_percent).map_err(|i| issues.push(i)).ok();
            let on_time = percent("on_time_percent", &input.on_time_percent).map_err(|i| issues.push(i)).ok();
            let (Some(delivered), Some(quality), Some(on_time)) = (delivered, quality, on_time) else { return Err(invalid(issues)) };
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
                ..product
            })?;
            w.audit(&username, "products.assess", &id.to_string())?;
            Ok(())
        })
    }

    /// A cadre's products of a year with their scores and the task-result points they give.
    pub fn products(&self, session: &Session, person_id: Uuid, year: i32, lang: Lang) -> Result<ProductsView> {
        session.require(Permission::Read)?;
        let rules = self.rules().products;
        let records = self.store.read().products_of(person_id, year)?;
        let products: Vec<ProductLine> = records
            .into_iter()
            .map(|p| {
                let score = p.assessment.map(|a| a.score(&rules));
                ProductLine {
                    id: p.meta.id,
                    period: p.period,
                    period_label: p.period.map_or_else(|| format!("{} {year}", lang.pick("Năm", "Year")), |x| x.label(lang)),
                    title: p.title,
                    source: ProductSource::from_parts(p.source_kind.as_deref(), p.source_id),
                    required_text: format_quantity(p.required),
                    assessment: p.assessment,
                    score,
                    score_text: score.map(|s| super::percent_text(s.score)).unwrap_or_default(),
                    assessed_by: p.assessed_by,
                }
            })
            .collect();
        let scores: Vec<ProductScore> = products.iter().filter_map(|p| p.score).collect();
        let points = task_result_points(&scores, &rules);
        Ok(ProductsView {
            person_id,
            year,
            assessed: scores.len(),
            points,
            points_text: points.map(|p| format_hundredths(p, 2)).unwrap_or_default(),
            points_of: rules.task_result_points,
            unconfirmed: rules.unconfirmed.clone(),
            products,
        })
    }
}

/// The head of a unit on a day: who holds a head position there.
fn head_of(read: store::Reader<'_>, unit_id: Uuid, day: chrono::NaiveDate) -> Result<Option<Uuid>> {
    Ok(read.position_holders(None, day)?.into_iter().map(|(_, h)| h).find(|h| h.unit_id == unit_id && h.is_head).map(|h| h.person_id))
}
