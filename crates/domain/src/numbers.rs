//! Numbers the Vietnamese way: '.' groups thousands, ',' marks decimals (1.234,5).

/// 10000 -> "10.000"; -1234 -> "-1.234".
pub fn format_count(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Points computed as a float (a mean) back to hundredths, rounded half away from zero, for exact display and sums.
pub fn to_hundredths(value: f64) -> i64 {
    (value * 100.0).round() as i64
}

/// A value in hundredths (how points are stored exactly) with `decimals` places: 123450 -> "1.234,5" for 1 place.
pub fn format_hundredths(value: i64, decimals: usize) -> String {
    let decimals = decimals.min(2);
    let divisor = 10i64.pow(2 - decimals as u32);
    // Round half away from zero at the requested precision.
    let scaled = (value.abs() + divisor / 2) / divisor * value.signum();
    let unit = 10i64.pow(decimals as u32);
    let whole = format_count(scaled.abs() / unit);
    let sign = if scaled < 0 { "-" } else { "" };
    if decimals == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole},{:0width$}", scaled.abs() % unit, width = decimals)
    }
}

/// A share in hundredths of a percent, to hundredths as reports print them: 9492 -> "94,92 %", 10000 -> "100,00 %".
pub fn format_percent(hundredths: i64) -> String {
    format!("{} %", format_hundredths(hundredths, 2))
}

/// An exact quantity in hundredths, with decimals only when it has them: 200000 -> "2.000", 150 -> "1,5".
pub fn format_quantity(value: i64) -> String {
    if value % 100 == 0 {
        format_count(value / 100)
    } else if value % 10 == 0 {
        format_hundredths(value, 1)
    } else {
        format_hundredths(value, 2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_print_to_hundredths_with_the_percent_sign_apart() {
        assert_eq!(format_percent(9492), "94,92 %");
        assert_eq!(format_percent(9490), "94,90 %");
        assert_eq!(format_percent(10_000), "100,00 %");
        assert_eq!(format_percent(6), "0,06 %");
    }

    #[test]
    fn floats_become_hundredths_rounded_half_away_from_zero() {
        assert_eq!(to_hundredths(7.125), 713);
        assert_eq!(to_hundredths(91.666_666), 9167);
        assert_eq!(to_hundredths(-0.005), -1);
        assert_eq!(to_hundredths(0.0), 0);
    }

    #[test]
    fn thousands_are_grouped_with_dots() {
        assert_eq!(format_count(0), "0");
        assert_eq!(format_count(999), "999");
        assert_eq!(format_count(1000), "1.000");
        assert_eq!(format_count(10000), "10.000");
        assert_eq!(format_count(1234567), "1.234.567");
        assert_eq!(format_count(-1234), "-1.234");
    }

    #[test]
    fn decimals_use_a_comma() {
        assert_eq!(format_hundredths(123450, 1), "1.234,5");
        assert_eq!(format_hundredths(8999, 2), "89,99");
        assert_eq!(format_hundredths(8999, 1), "90,0");
        assert_eq!(format_hundredths(-150, 1), "-1,5");
        assert_eq!(format_hundredths(10500, 0), "105");
    }

    #[test]
    fn quantities_show_only_the_decimals_they_have() {
        assert_eq!(format_quantity(200_000), "2.000");
        assert_eq!(format_quantity(150), "1,5");
        assert_eq!(format_quantity(10_925), "109,25");
        assert_eq!(format_quantity(-5), "-0,05");
    }
}
