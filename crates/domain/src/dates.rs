//! Dates as Vietnamese offices write them: dd/mm/yyyy.

use chrono::{Datelike, NaiveDate};

/// Parses "dd/mm/yyyy" (also "d/m/yyyy" and the '-' or '.' separators people type).
/// Month-first and two-digit years are refused rather than guessed: a wrong birth date is worse than an error.
pub fn parse_vn_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let parts: Vec<&str> = text.split(['/', '-', '.']).collect();
    if parts.len() != 3 || parts[2].len() != 4 || parts[0].len() > 2 || parts[1].len() > 2 {
        return None;
    }
    let number = |s: &str| -> Option<u32> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let (day, month, year) = (number(parts[0])?, number(parts[1])?, number(parts[2])?);
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// A birth date as offices' lists give it: a full date ("30/04/1975"), or the year alone ("1975", "năm 1975").
/// The year alone stands for 1 January of it, with `year_only` set so that no day or month is ever shown for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BirthDate {
    pub date: NaiveDate,
    pub year_only: bool,
}

impl BirthDate {
    pub fn full(date: NaiveDate) -> Self {
        Self { date, year_only: false }
    }

    /// "dd/mm/yyyy", or "yyyy" when only the year is known.
    pub fn format_vn(&self) -> String {
        format_birth(self.date, self.year_only)
    }
}

/// Parses a birth date: a full date as [`parse_vn_date`] reads it, or four digits of a year (after an optional
/// "năm"), which an office's list gives when the day and month are not known.
pub fn parse_birth_date(text: &str) -> Option<BirthDate> {
    if let Some(date) = parse_vn_date(text) {
        return Some(BirthDate::full(date));
    }
    let text = text.trim();
    let digits = text.strip_prefix("năm").or_else(|| text.strip_prefix("Năm")).map_or(text, str::trim);
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(digits.parse().ok()?, 1, 1)?;
    Some(BirthDate { date, year_only: true })
}

/// A birth date as shown and printed: "dd/mm/yyyy", or the year alone when only the year is known.
pub fn format_birth(date: NaiveDate, year_only: bool) -> String {
    if year_only {
        format!("{:04}", date.year())
    } else {
        format_vn_date(date)
    }
}

/// Formats a date the way it is printed and shown: dd/mm/yyyy.
pub fn format_vn_date(date: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", date.day(), date.month(), date.year())
}

/// Whole years between two dates, as an age is counted.
pub fn years_between(from: NaiveDate, to: NaiveDate) -> i32 {
    let mut years = to.year() - from.year();
    if (to.month(), to.day()) < (from.month(), from.day()) {
        years -= 1;
    }
    years
}

/// The same day `years` later; 29 February falls back to 28 February in a common year.
pub fn add_years(date: NaiveDate, years: i32) -> NaiveDate {
    let year = date.year() + years;
    NaiveDate::from_ymd_opt(year, date.month(), date.day()).or_else(|| NaiveDate::from_ymd_opt(year, date.month(), 28)).unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_day_first_dates() {
        let d = NaiveDate::from_ymd_opt(1975, 4, 30).unwrap();
        assert_eq!(parse_vn_date("30/04/1975"), Some(d));
        assert_eq!(parse_vn_date(" 30/4/1975 "), Some(d));
        assert_eq!(parse_vn_date("30-04-1975"), Some(d));
        assert_eq!(parse_vn_date("30.04.1975"), Some(d));
    }

    #[test]
    fn a_birth_year_alone_is_kept_as_a_year() {
        let year_only = parse_birth_date(" 1975 ").unwrap();
        assert_eq!(year_only, BirthDate { date: NaiveDate::from_ymd_opt(1975, 1, 1).unwrap(), year_only: true });
        assert_eq!(year_only.format_vn(), "1975");
        assert_eq!(parse_birth_date("năm 1968").map(|b| b.format_vn()).as_deref(), Some("1968"));
        let full = parse_birth_date("01/01/1975").unwrap();
        assert!(!full.year_only, "a full date on 1 January stays a full date");
        assert_eq!(full.format_vn(), "01/01/1975");
        for bad in ["75", "19750", "1975a", "năm", "", "１９７５"] {
            assert_eq!(parse_birth_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn refuses_what_it_would_have_to_guess() {
        for bad in ["04/30/1975", "30/04/75", "1975-04-30", "31/02/2000", "", "abc", "3o/04/1975", "+1/04/1975"] {
            assert_eq!(parse_vn_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn formats_with_leading_zeros() {
        assert_eq!(format_vn_date(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()), "05/01/2026");
    }

    #[test]
    fn counts_age_in_whole_years() {
        let birth = NaiveDate::from_ymd_opt(2000, 6, 15).unwrap();
        assert_eq!(years_between(birth, NaiveDate::from_ymd_opt(2018, 6, 14).unwrap()), 17);
        assert_eq!(years_between(birth, NaiveDate::from_ymd_opt(2018, 6, 15).unwrap()), 18);
    }

    #[test]
    fn leap_day_anniversary_falls_back() {
        let d = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(add_years(d, 5), NaiveDate::from_ymd_opt(2029, 2, 28).unwrap());
    }
}
