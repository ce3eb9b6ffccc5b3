//! Measured work (issue 4; DOMAIN.md rules 3 and 4): targets and their cascade, progress with evidence,
//! the spreadsheets offices keep them in, comparison of equivalent positions, products, breakthrough tasks
//! and action programmes.

mod breakthrough;
mod compare;
pub(crate) mod draft;
mod figures;
mod product_kinds;
pub(crate) mod product_sheet;
pub(crate) mod products;
mod programmes;
mod progress;
pub(crate) mod sheets;
mod targets;

pub use breakthrough::{BreakthroughDetail, BreakthroughEvent, BreakthroughInput, BreakthroughLine, BreakthroughStep};
pub use compare::{ComparisonGroup, ComparisonRow, ComparisonTable};
pub use draft::{TargetInput, TargetText};
pub use figures::TargetLine;
pub use product_kinds::{KindOrigin, ProductKindInput, ProductKindItem};
pub use product_sheet::{ProductFilter, UnitProductLine};
pub use products::{AssessmentInput, PlanChange, ProductInput, ProductLine, ProductSource, ProductsView};
pub use programmes::{ActionItemInput, ActionItemView, ProgrammeInput, ProgrammeView};
pub use progress::{EvidenceItem, ProgressInput, ProgressItem};
pub use sheets::{sheet_field_choices, SheetKind, SheetOptions, SheetReport};
pub use targets::{TargetDetail, TargetFilter, TaskGroupItem};

/// Domain types the screens and the CLI name directly.
pub use domain::breakthrough::{BreakthroughAction, BreakthroughState};
pub use domain::programmes::{ItemState, ProgrammeOccasion};
pub use domain::targets::{Accumulation, Direction, Period, TargetStatus};

use chrono::{Datelike, Local, NaiveDate};

/// A period as typed ("T3", "Tháng 3", "Q2", "03/2026"), or a clear error.
pub fn period_from_text(text: &str, year: i32) -> crate::error::Result<Period> {
    Period::parse(text, year).ok_or_else(|| {
        crate::error::ServiceError::InvalidFields(vec![crate::error::FieldIssue {
            field: "period".into(),
            message: format!("Không hiểu kỳ \"{text}\": ghi tháng như T9 hoặc quý như Q3."),
            message_en: format!("\"{text}\" is not a period: write a month as T9 or a quarter as Q3."),
        }])
    })
}

/// The day figures are computed for: the given day, else today, never past the year's last day (a past
/// year is judged at its end).
pub fn judging_day(year: i32, as_of: Option<NaiveDate>) -> NaiveDate {
    let day = as_of.unwrap_or_else(|| Local::now().date_naive());
    let year_end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(day);
    if day.year() > year {
        year_end
    } else {
        day.min(year_end)
    }
}

/// "105 %", "109,25 %": completion (hundredths of a percent) as people read it.
pub(crate) fn percent_text(basis: i64) -> String {
    format!("{} %", domain::numbers::format_quantity(basis))
}

/// Every target line of a year on a day, under the default rule set (for classification).
pub(crate) fn figures_for(read: store::Reader<'_>, year: i32, day: NaiveDate, lang: domain::Lang) -> crate::error::Result<Vec<TargetLine>> {
    Ok(figures::YearFigures::compute(read, year, day, &domain::ruleset::RuleSet::default_set(), lang)?.lines)
}

/// The unit with this code and every unit below it.
pub(crate) fn units_within_code(read: store::Reader<'_>, code: &str) -> crate::error::Result<std::collections::HashSet<uuid::Uuid>> {
    targets::units_within(read, code)
}

/// A unit code as stored.
pub(crate) fn unit_code_of(typed: &str) -> String {
    draft::unit_code(typed)
}
