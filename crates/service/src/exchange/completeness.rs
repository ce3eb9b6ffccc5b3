//! The completeness board (EXCHANGE.md "What the superior sees"): per period, which offices below have sent a bundle
//! covering it, which sequence and when, which are missing or late, and which of their bundles were refused and why.
//!
//! A bundle covers a period when the `periods` list of its signed manifest names it. Export writes there the year of
//! every record it carries and, for records that name one, their month ("2026-09") or quarter ("2026-Q3"); the
//! importer keeps the list with the bundle's log row. So a commune's bundle with its 2026 targets covers "2026", and
//! covers "2026-09" only when it carries something of September (a product, an evaluation period).

use crate::auth::{Permission, Session};
use crate::error::{Result, ServiceError};
use crate::office::Office;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use ts_rs::TS;

/// Days after a period's last day before a unit that sent nothing for it is shown as late.
///
/// UNCONFIRMED: 10 is a placeholder, not a rule anyone has stated; the deadline for sending a period up should
/// become a setting of the office (and may differ for months, quarters and the year).
pub const LATE_AFTER_DAYS: i64 = 10;

/// How much of the bundle log the board reads.
const LOG_WINDOW: i64 = 100_000;

/// A bundle from this unit that was refused.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RefusedBundle {
    pub file_name: String,
    #[ts(type = "number | null")]
    pub sequence: Option<u64>,
    /// The refusal's code ("exchange.sequence_gap", …) and its message.
    pub code: Option<String>,
    pub message: Option<String>,
    pub at: DateTime<Utc>,
}

/// One office below, for one period.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CompletenessLine {
    pub unit_code: String,
    pub unit_name: String,
    /// The unit it sits below when that is not this office (a commune below a district).
    pub parent_code: Option<String>,
    /// Whether its public key is enrolled here (and not revoked): without it nothing it sends can be accepted.
    pub key_enrolled: bool,
    /// The last bundle accepted from it, whatever period it covered.
    #[ts(type = "number | null")]
    pub last_sequence: Option<u64>,
    pub last_accepted_at: Option<DateTime<Utc>>,
    /// "sent" (a bundle covering the period was accepted), "missing" (none yet) or "late" (none, and the period
    /// ended more than `LATE_AFTER_DAYS` days ago).
    pub state: String,
    /// The latest accepted bundle covering the period.
    #[ts(type = "number | null")]
    pub covered_sequence: Option<u64>,
    pub covered_at: Option<DateTime<Utc>>,
    /// Its refused bundles, newest first.
    pub refused: Vec<RefusedBundle>,
    /// For a year: the day this office approved it (its records of that year are locked), and the decision.
    pub approved_on: Option<chrono::NaiveDate>,
    pub approval_decision: Option<String>,
}

/// A period of the board: its text as bundles list it and its last day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BoardPeriod {
    pub text: String,
    pub last_day: NaiveDate,
}

/// Reads "2026", "2026-Q3" or "2026-09", strictly (four-digit year, quarter 1–4, two-digit month 01–12).
pub(crate) fn parse_period(text: &str) -> Result<BoardPeriod> {
    let bad = || ServiceError::BadPeriod { text: text.to_string() };
    let t = text.trim();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // get/split on byte 4 would cut a Vietnamese letter typed there: anything but ASCII digits is refused first.
    let Some((year_text, rest)) = t.get(..4).zip(t.get(4..)) else {
        return Err(bad());
    };
    if !digits(year_text) {
        return Err(bad());
    }
    let year: i32 = year_text.parse().map_err(|_| bad())?;
    if year < 1900 {
        return Err(bad());
    }
    let first_of = |y: i32, m: u32| NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(bad);
    let (canonical, next_start) = if rest.is_empty() {
        (year_text.to_string(), first_of(year + 1, 1)?)
    } else if let Some(q) = rest.strip_prefix("-Q") {
        let quarter: u32 = if q.len() == 1 && digits(q) { q.parse().map_err(|_| bad())? } else { return Err(bad()) };
        if !(1..=4).contains(&quarter) {
            return Err(bad());
        }
        let next = if quarter == 4 { first_of(year + 1, 1)? } else { first_of(year, quarter * 3 + 1)? };
        (format!("{year}-Q{quarter}"), next)
    } else if let Some(m) = rest.strip_prefix('-') {
        let month: u32 = if m.len() == 2 && digits(m) { m.parse().map_err(|_| bad())? } else { return Err(bad()) };
        if !(1..=12).contains(&month) {
            return Err(bad());
        }
        let next = if month == 12 { first_of(year + 1, 1)? } else { first_of(year, month + 1)? };
        (format!("{year}-{month:02}"), next)
    } else {
        return Err(bad());
    };
    let last_day = next_start.pred_opt().ok_or_else(bad)?;
    Ok(BoardPeriod { text: canonical, last_day })
}

impl Office {
    /// The completeness board for `period` ("2026", "2026-Q3" or "2026-09"): one line per unit directly below this
    /// office and, below those, per unit whose key is enrolled here (the communes of a district tier), in the order
    /// of the unit list.
    pub fn completeness(&self, session: &Session, period: &str) -> Result<Vec<CompletenessLine>> {
        session.require(Permission::Read)?;
        self.completeness_of(period)
    }

    /// The board of `period` as of today, for the screens that sum it up (the year at a glance).
    pub(crate) fn completeness_of(&self, period: &str) -> Result<Vec<CompletenessLine>> {
        let period = parse_period(period)?;
        self.completeness_on(&period, Utc::now().date_naive())
    }

    fn completeness_on(&self, period: &BoardPeriod, today: NaiveDate) -> Result<Vec<CompletenessLine>> {
        let office = self.office_record()?;
        let read = self.store.read();
        let units = read.units()?;
        let own_code = self.own_unit_code()?;
        let enrolled = |code: &str| -> Result<bool> { Ok(read.enrolled_key(code)?.is_some_and(|k| k.revoked_at.is_none())) };
        let mut below = Vec::new();
        for unit in units.iter().filter(|u| u.parent_id == Some(office.unit_id)) {
            below.push((unit, None));
            for inner in units.iter().filter(|u| u.parent_id == Some(unit.id)) {
                if read.enrolled_key(&inner.code)?.is_some() {
                    below.push((inner, Some(unit.code.clone())));
                }
            }
        }
        let chains = read.chains()?;
        let log = read.bundle_log(LOG_WINDOW)?; // newest first
        let late = (today - period.last_day).num_days() > LATE_AFTER_DAYS;
        let mut lines = Vec::with_capacity(below.len());
        for (unit, parent_code) in below {
            let last = chains.iter().filter(|c| c.source_unit == unit.code && c.source_unit != own_code).max_by_key(|c| c.updated_at);
            let mine = || log.iter().filter(|e| e.direction == "in" && e.source_unit.as_deref() == Some(unit.code.as_str()));
            let covering = mine().find(|e| e.outcome == "accepted" && e.periods.contains(&period.text));
            let refused = mine()
                .filter(|e| e.outcome == "refused")
                .map(|e| RefusedBundle {
                    file_name: e.file_name.clone(),
                    sequence: e.sequence,
                    code: e.code.clone(),
                    message: e.message.clone(),
                    at: e.at,
                })
                .collect();
            // Approvals are of whole years: the board of "2026" shows them, not that of a month.
            let approval = match period.text.parse::<i32>() {
                Ok(year) => read.period_approval(unit.id, year)?,
                Err(_) => None,
            };
            lines.push(CompletenessLine {
                unit_code: unit.code.clone(),
                unit_name: unit.name.clone(),
                parent_code,
                key_enrolled: enrolled(&unit.code)?,
                last_sequence: last.map(|c| c.last_sequence),
                last_accepted_at: last.map(|c| c.updated_at),
                state: match (covering, late) {
                    (Some(_), _) => "sent",
                    (None, true) => "late",
                    (None, false) => "missing",
                }
                .into(),
                covered_sequence: covering.and_then(|e| e.sequence),
                covered_at: covering.map(|e| e.at),
                refused,
                approved_on: approval.as_ref().map(|a| a.approved_on),
                approval_decision: approval.map(|a| a.decision),
            });
        }
        Ok(lines)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_parse_strictly() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(parse_period("2026").unwrap(), BoardPeriod { text: "2026".into(), last_day: d(2026, 12, 31) });
        assert_eq!(parse_period("2026-Q1").unwrap().last_day, d(2026, 3, 31));
        assert_eq!(parse_period("2026-Q4").unwrap().last_day, d(2026, 12, 31));
        assert_eq!(parse_period("2026-02").unwrap(), BoardPeriod { text: "2026-02".into(), last_day: d(2026, 2, 28) });
        assert_eq!(parse_period("2026-12").unwrap().last_day, d(2026, 12, 31));
        for bad in [
            "",
            "26",
            "2026-",
            "2026-Q5",
            "2026-Q0",
            "2026-q3",
            "2026-9",
            "2026-13",
            "2026-00",
            "2026/09",
            "abcd",
            "2026-09-01",
            "202é",
            "20ăm",
            "đ",
            "2026-Qđ",
        ] {
            let err = parse_period(bad).unwrap_err();
            assert_eq!(err.code(), "period.bad", "{bad}");
            assert!(err.message(domain::Lang::Vi).contains("không hợp lệ"), "{bad}");
        }
    }
}
