//! What the document builders share: the day and header a print is made for, level counts, percentages and
//! file names.

use chrono::NaiveDate;
use documents::{CountRow, DocumentView, HeaderFormat};
use domain::evaluation::Level;
use domain::numbers::{format_count, format_hundredths};
use domain::ruleset::RuleSet;
use domain::text::fold;
use domain::Lang;

/// What a builder is asked for besides the data: the day ("today" in the date line, the day figures are judged
/// on) and a header format chosen by the user over the document's usual one.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Context {
    pub today: NaiveDate,
    pub header: Option<HeaderFormat>,
}

impl Context {
    pub fn format(&self, usual: HeaderFormat) -> HeaderFormat {
        self.header.unwrap_or(usual)
    }
}

/// A document's view and the name its file is offered under.
pub(crate) struct Built {
    pub view: DocumentView,
    pub file_name: String,
}

/// "(Tạm tính đến ngày 04/12/2026)" when any of these people's year is not yet closed (issue 14: a document printed
/// before the year's periods are all closed says so), else empty. Dated by the print's day, so a fixed date gives
/// the same bytes.
pub(crate) fn provisional_line<'a>(people: impl IntoIterator<Item = &'a crate::evaluation::PersonResult>, today: NaiveDate) -> String {
    if people.into_iter().any(|p| !p.provisional_text.is_empty()) {
        format!("(Tạm tính đến ngày {})", domain::dates::format_vn_date(today))
    } else {
        String::new()
    }
}

/// "33,3 %", "100 %": a share of a whole, cut (not rounded) to a tenth.
pub(crate) fn percent(count: usize, total: usize) -> String {
    if total == 0 {
        return String::new();
    }
    let basis = (count as i64 * 10_000 / total as i64) / 10 * 10;
    let text = if basis % 100 == 0 { format_count(basis / 100) } else { format_hundredths(basis, 1) };
    format!("{text} %")
}

/// Counts of each level, in the order of the rule set (best first), with "not rated" only when someone is.
pub(crate) fn level_counts(levels: &[Level], rules: &RuleSet) -> Vec<CountRow> {
    let total = levels.len();
    let mut order = Level::RATED.to_vec();
    if levels.contains(&Level::NotRated) {
        order.push(Level::NotRated);
    }
    order
        .into_iter()
        .map(|level| {
            let count = levels.iter().filter(|l| **l == level).count();
            CountRow { label: rules.level_name(level, Lang::Vi), count: format_count(count as i64), percent: percent(count, total) }
        })
        .collect()
}

/// "XA_HOA_BINH": a unit code as part of a file name.
pub(crate) fn code_part(code: &str) -> String {
    code.trim().chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' }).collect()
}

/// "nguyen-van-an": a name as part of a file name, ASCII only.
pub(crate) fn slug(text: &str) -> String {
    fold(text).split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_cut_to_a_tenth_and_whole_ones_lose_their_decimals() {
        assert_eq!(percent(1, 3), "33,3 %");
        assert_eq!(percent(2, 3), "66,6 %");
        assert_eq!(percent(3, 3), "100 %");
        assert_eq!(percent(0, 0), "");
    }

    #[test]
    fn file_name_parts_are_ascii() {
        assert_eq!(code_part("XA-HOA-BINH"), "XA_HOA_BINH");
        assert_eq!(slug("Nguyễn Văn Đức"), "nguyen-van-duc");
    }

    #[test]
    fn level_counts_list_the_four_levels_and_not_rated_only_when_present() {
        let rules = RuleSet::default_set();
        let rows = level_counts(&[Level::Good, Level::Good, Level::Excellent, Level::Completed], &rules);
        assert_eq!(rows.len(), 4);
        assert_eq!((rows[1].count.as_str(), rows[1].percent.as_str()), ("2", "50 %"));
        assert_eq!(level_counts(&[Level::NotRated], &rules).len(), 5);
    }
}
