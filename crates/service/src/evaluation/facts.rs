//! Facts of the year the app cannot derive: discipline, months worked and absent, the confidence vote, whether
//! earlier shortcomings were fixed, and whether a unit is recognised as outstanding.

use crate::auth::{Permission, Session};
use crate::error::{FieldIssue, Result, ServiceError};
use crate::office::Office;
use domain::evaluation::Discipline;
use domain::quantity::parse_quantity;
use serde::{Deserialize, Serialize};
use store::FactsRecord;
use ts_rs::TS;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FactsInput {
    pub year: i32,
    /// A person's or a unit's id.
    pub subject_id: Uuid,
    pub discipline: Option<Discipline>,
    pub months_worked: u32,
    pub months_absent: u32,
    /// Share of low-confidence ballots as typed ("35" or "35,5"); empty when no vote was held.
    pub low_confidence_percent: String,
    pub shortcomings_fixed: bool,
    pub outstanding_unit: bool,
}

impl Office {
    /// The stored facts of a person or unit for a year, or the defaults (12 months worked, nothing else) when none.
    pub fn year_facts(&self, session: &Session, year: i32, subject_id: Uuid) -> Result<FactsInput> {
        session.require(Permission::Read)?;
        Ok(match self.store.read().facts_of(year, subject_id)? {
            Some(f) => FactsInput {
                year,
                subject_id,
                discipline: f.discipline,
                months_worked: f.months_worked,
                months_absent: f.months_absent,
                low_confidence_percent: f.low_confidence.map(domain::numbers::format_quantity).unwrap_or_default(),
                shortcomings_fixed: f.shortcomings_fixed,
                outstanding_unit: f.outstanding_unit,
            },
            None => FactsInput {
                year,
                subject_id,
                discipline: None,
                months_worked: 12,
                months_absent: 0,
                low_confidence_percent: String::new(),
                shortcomings_fixed: true,
                outstanding_unit: false,
            },
        })
    }

    pub fn save_year_facts(&mut self, session: &Session, input: &FactsInput) -> Result<()> {
        session.require(Permission::Appraise)?;
        let mut issues = Vec::new();
        let issue = |field: &str, vi: &str, en: &str| FieldIssue { field: field.into(), message: vi.into(), message_en: en.into() };
        if input.months_worked > 12 || input.months_absent > 12 {
            issues.push(issue("months_worked", "Số tháng từ 0 đến 12.", "Months are between 0 and 12."));
        }
        let low_confidence = if input.low_confidence_percent.trim().is_empty() {
            None
        } else {
            match parse_quantity(&input.low_confidence_percent) {
                Ok(v) if (0..=10_000).contains(&v) => Some(v),
                _ => {
                    issues.push(issue(
                        "low_confidence_percent",
                        "Tỷ lệ phiếu tín nhiệm thấp từ 0 đến 100 %.",
                        "The low-confidence share is between 0 and 100 %.",
                    ));
                    None
                }
            }
        };
        if !issues.is_empty() {
            return Err(ServiceError::InvalidFields(issues));
        }
        let stamp = self.stamp()?;
        let username = session.username.clone();
        self.store.write(|w| {
            let read = w.read();
            if read.person_by_id(input.subject_id)?.is_none() && read.unit_by_id(input.subject_id)?.is_none() {
                return Err(ServiceError::UnknownPerson);
            }
            let meta = match read.facts_of(input.year, input.subject_id)? {
                Some(existing) => store::Meta { revision: w.next_revision()?, updated_at: stamp.now, ..existing.meta },
                None => stamp.meta(w.next_revision()?),
            };
            w.save_facts(&FactsRecord {
                meta,
                year: input.year,
                subject_id: input.subject_id,
                discipline: input.discipline,
                months_worked: input.months_worked,
                months_absent: input.months_absent,
                low_confidence,
                shortcomings_fixed: input.shortcomings_fixed,
                outstanding_unit: input.outstanding_unit,
            })?;
            w.audit(&username, "evaluation.facts", &format!("{} {}", input.year, input.subject_id))?;
            Ok(())
        })
    }
}

/// What `facts set` changes: only the fields given (the rest stay as stored), as typed on a command line.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FactsChange {
    /// "none", "reprimand", "warning", "dismissal" (or the Vietnamese words).
    pub discipline: Option<String>,
    pub months_worked: Option<u32>,
    pub months_absent: Option<u32>,
    /// "35,5", or "none" when no vote was held.
    pub low_confidence: Option<String>,
    /// "yes" / "no" (có / không).
    pub shortcomings_fixed: Option<String>,
    pub outstanding_unit: Option<String>,
}

fn yes_no(field: &str, typed: &str) -> Result<bool> {
    match domain::text::fold(typed).trim() {
        "yes" | "co" | "true" | "1" | "x" => Ok(true),
        "no" | "khong" | "false" | "0" => Ok(false),
        _ => Err(ServiceError::InvalidFields(vec![FieldIssue {
            field: field.into(),
            message: format!("\"{}\": ghi có (yes) hoặc không (no).", typed.trim()),
            message_en: format!("\"{}\": write yes or no.", typed.trim()),
        }])),
    }
}

fn discipline_of(typed: &str) -> Result<Option<Discipline>> {
    let folded = domain::text::fold(typed);
    match folded.trim() {
        "none" | "khong" | "" => Ok(None),
        "khien trach" => Ok(Some(Discipline::Reprimand)),
        "canh cao" => Ok(Some(Discipline::Warning)),
        "cach chuc" | "cach chuc tro len" | "giang chuc" | "khai tru" | "buoc thoi viec" => Ok(Some(Discipline::Dismissal)),
        code => Discipline::from_code(code).map(Some).ok_or_else(|| {
            ServiceError::InvalidFields(vec![FieldIssue {
                field: "discipline".into(),
                message: format!("Hình thức kỷ luật \"{}\" không hiểu được: ghi none, khiển trách, cảnh cáo hoặc cách chức.", typed.trim()),
                message_en: format!("Discipline \"{}\" is not understood: write none, reprimand, warning or dismissal.", typed.trim()),
            }])
        }),
    }
}

impl Office {
    /// A person (by id) or a unit (by code) whose facts are kept.
    pub fn facts_subject(&self, session: &Session, typed: &str) -> Result<Uuid> {
        session.require(Permission::Read)?;
        let read = self.store.read();
        if let Ok(id) = typed.trim().parse::<Uuid>() {
            if read.person_by_id(id)?.is_some() || read.unit_by_id(id)?.is_some() {
                return Ok(id);
            }
            return Err(ServiceError::UnknownPerson);
        }
        let code = crate::work::unit_code_of(typed);
        read.units()?.into_iter().find(|u| u.code == code).map(|u| u.id).ok_or(ServiceError::UnknownUnit { code })
    }

    /// Changes only the facts given, keeps the rest; with `dry_run`, checks and returns what would be saved.
    pub fn change_year_facts(
        &mut self,
        session: &Session,
        year: i32,
        subject_id: Uuid,
        change: &FactsChange,
        dry_run: bool,
    ) -> Result<FactsInput> {
        let mut facts = self.year_facts(session, year, subject_id)?;
        if let Some(d) = &change.discipline {
            facts.discipline = discipline_of(d)?;
        }
        if let Some(m) = change.months_worked {
            facts.months_worked = m;
        }
        if let Some(m) = change.months_absent {
            facts.months_absent = m;
        }
        if let Some(l) = &change.low_confidence {
            facts.low_confidence_percent = if domain::text::fold(l).trim() == "none" { String::new() } else { l.clone() };
        }
        if let Some(s) = &change.shortcomings_fixed {
            facts.shortcomings_fixed = yes_no("shortcomings_fixed", s)?;
        }
        if let Some(o) = &change.outstanding_unit {
            facts.outstanding_unit = yes_no("outstanding_unit", o)?;
        }
        if dry_run {
            session.require(Permission::Read)?;
        } else {
            self.save_year_facts(session, &facts)?;
        }
        Ok(facts)
    }
}
