//! Exact quantities: plans, actuals and weights are stored in hundredths (i64), never floats, so that a
//! completion of exactly 100 % is "met" and not 99,999… % (ARCHITECTURE.md: exact numbers).

use crate::text::fold;
use std::fmt;

/// A value in hundredths: 2.000 admissions is 200_000; 1,5 % is 150.
pub type Hundredths = i64;

pub const ONE: Hundredths = 100;

/// Largest magnitude accepted (10^13 whole units): far beyond any plan, far from i64 overflow in products.
const LIMIT: i64 = 1_000_000_000_000_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuantityProblem {
    Empty,
    NotANumber(String),
    TooManyDecimals(String),
    TooLarge(String),
}

impl fmt::Display for QuantityProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QuantityProblem::Empty => write!(f, "empty"),
            QuantityProblem::NotANumber(t) => write!(f, "not a number: {t}"),
            QuantityProblem::TooManyDecimals(t) => write!(f, "more than two decimals: {t}"),
            QuantityProblem::TooLarge(t) => write!(f, "too large: {t}"),
        }
    }
}

impl QuantityProblem {
    pub fn message(&self, lang: crate::Lang) -> String {
        match self {
            QuantityProblem::Empty => lang.pick("Chưa có số", "No number given").into(),
            QuantityProblem::NotANumber(t) => {
                format!("{} \"{t}\"", lang.pick("Không phải là số (viết như 1.234,5):", "Not a number (write like 1.234,5):"))
            }
            QuantityProblem::TooManyDecimals(t) => {
                format!("{} \"{t}\"", lang.pick("Chỉ nhận tối đa 2 chữ số thập phân:", "At most two decimals are kept:"))
            }
            QuantityProblem::TooLarge(t) => format!("{} \"{t}\"", lang.pick("Số quá lớn:", "Number too large:")),
        }
    }
}

/// Reads a number the way Vietnamese offices write it: "2.000" is two thousand, "1,5" is one and a half,
/// "1.234,5" both. A lone '.' followed by other than three digits ("1.5", from an English-locale sheet) is a
/// decimal point. Spaces and a trailing '%' are ignored.
pub fn parse_quantity(text: &str) -> Result<Hundredths, QuantityProblem> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let compact = compact.strip_suffix('%').unwrap_or(&compact);
    if compact.is_empty() {
        return Err(QuantityProblem::Empty);
    }
    let not_a_number = || QuantityProblem::NotANumber(text.trim().to_string());
    let (negative, body) = match compact.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, compact.strip_prefix('+').unwrap_or(compact)),
    };
    let (whole, fraction) = split_decimal(body).ok_or_else(not_a_number)?;
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return Err(not_a_number());
    }
    if fraction.len() > 2 {
        return Err(QuantityProblem::TooManyDecimals(text.trim().to_string()));
    }
    if whole.len() > 13 {
        return Err(QuantityProblem::TooLarge(text.trim().to_string()));
    }
    let whole: i64 = whole.parse().map_err(|_| not_a_number())?;
    let fraction: i64 = format!("{fraction:0<2}").parse().map_err(|_| not_a_number())?;
    let value = whole * 100 + fraction;
    if value > LIMIT {
        return Err(QuantityProblem::TooLarge(text.trim().to_string()));
    }
    Ok(if negative { -value } else { value })
}

/// Splits "1.234,5" into ("1234", "5"), checking that grouping dots sit every three digits.
fn split_decimal(body: &str) -> Option<(String, String)> {
    let grouped = |whole: &str| -> Option<String> {
        let groups: Vec<&str> = whole.split('.').collect();
        let well_grouped = groups.len() == 1 || (!groups[0].is_empty() && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
        well_grouped.then(|| groups.concat())
    };
    if let Some((whole, fraction)) = body.split_once(',') {
        if fraction.contains(',') || fraction.contains('.') {
            return None;
        }
        return Some((grouped(whole)?, fraction.to_string()));
    }
    match body.matches('.').count() {
        0 => Some((body.to_string(), String::new())),
        1 => {
            let (whole, after) = body.split_once('.')?;
            if after.len() == 3 {
                Some((format!("{whole}{after}"), String::new()))
            } else {
                Some((whole.to_string(), after.to_string()))
            }
        }
        _ => Some((grouped(body)?, String::new())),
    }
}

/// Whether two units of measure are the same ("Người", "người", "ngươi " → same; "%" vs "tỷ lệ %" differ).
pub fn same_measure(a: &str, b: &str) -> bool {
    fold(a) == fold(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn vietnamese_grouping_and_decimal_comma() {
        assert_eq!(parse_quantity("2.000"), Ok(200_000));
        assert_eq!(parse_quantity("2000"), Ok(200_000));
        assert_eq!(parse_quantity("1.234,5"), Ok(123_450));
        assert_eq!(parse_quantity("1,5"), Ok(150));
        assert_eq!(parse_quantity("1.234.567"), Ok(123_456_700));
        assert_eq!(parse_quantity(" 85 % "), Ok(8_500));
        assert_eq!(parse_quantity("-3"), Ok(-300));
        assert_eq!(parse_quantity("0,05"), Ok(5));
    }

    #[test]
    fn an_english_decimal_point_is_read_when_unambiguous() {
        assert_eq!(parse_quantity("1.5"), Ok(150));
        assert_eq!(parse_quantity("12.25"), Ok(1_225));
        // Three digits after one dot is the Vietnamese thousands separator.
        assert_eq!(parse_quantity("1.234"), Ok(123_400));
    }

    #[test]
    fn bad_numbers_are_named() {
        assert_eq!(parse_quantity(""), Err(QuantityProblem::Empty));
        assert!(matches!(parse_quantity("hai nghìn"), Err(QuantityProblem::NotANumber(_))));
        assert!(matches!(parse_quantity("1.23.4"), Err(QuantityProblem::NotANumber(_))));
        assert!(matches!(parse_quantity("1,2,3"), Err(QuantityProblem::NotANumber(_))));
        assert!(matches!(parse_quantity("1,234"), Err(QuantityProblem::TooManyDecimals(_))));
        assert!(matches!(parse_quantity("99999999999999999"), Err(QuantityProblem::TooLarge(_))));
    }

    #[test]
    fn measures_compare_without_case_or_diacritics() {
        assert!(same_measure("Người", "người"));
        assert!(same_measure("Đảng viên", "dang vien"));
        assert!(!same_measure("%", "người"));
    }

    proptest! {
        #[test]
        fn formatted_values_read_back(value in -10_000_000_000i64..10_000_000_000) {
            let text = crate::numbers::format_hundredths(value, 2);
            prop_assert_eq!(parse_quantity(&text), Ok(value));
        }
    }
}
