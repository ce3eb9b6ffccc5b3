//! What the period prints read besides the period sheet: each person's scored period as the one place scores are
//! formed gives it (evaluation::scores), and how many of their products of the period were appraised. Read-only;
//! nothing is computed here that a screen computes differently.

use crate::error::Result;
use crate::evaluation::rules::RuleChoice;
use crate::evaluation::scores::ScoreBook;
use crate::office::Office;
use domain::scoring::{PeriodOutcome, PeriodScore};
use domain::targets::Period;
use domain::Lang;
use std::collections::HashMap;
use uuid::Uuid;

pub(super) struct PeriodFigures {
    book: ScoreBook,
    /// (person, period) → (appraised, assigned); a cadre's proposal not yet accepted is not assigned, as scoring
    /// leaves it out.
    products: HashMap<(Uuid, Period), (usize, usize)>,
}

impl PeriodFigures {
    /// The year's scores as of today, the day the period sheet judges them on.
    pub fn load(office: &Office, year: i32) -> Result<PeriodFigures> {
        let read = office.store.read();
        let choice = RuleChoice::load(read)?;
        let book = ScoreBook::load(read, year, Office::today(), &choice, Lang::Vi)?;
        let mut products: HashMap<(Uuid, Period), (usize, usize)> = HashMap::new();
        for (_, list) in book.products_by_person() {
            for p in list {
                let Some(period) = p.period else { continue };
                let counts = products.entry((p.person_id, period)).or_default();
                counts.1 += 1;
                if p.assessment.is_some() {
                    counts.0 += 1;
                }
            }
        }
        Ok(PeriodFigures { book, products })
    }

    /// The period's score when it has one.
    pub fn score(&self, person: Uuid, period: Period) -> Option<PeriodScore> {
        match self.book.period(person, period)?.outcome {
            PeriodOutcome::Scored(score) => Some(score),
            _ => None,
        }
    }

    /// Products of the period: (appraised, assigned).
    pub fn products(&self, person: Uuid, period: Period) -> (usize, usize) {
        self.products.get(&(person, period)).copied().unwrap_or_default()
    }
}
