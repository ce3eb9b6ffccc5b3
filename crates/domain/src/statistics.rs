//! Personnel statistics as offices report them (issue 17; the seeds count qualifications, political theory and the
//! non-local Party secretaries, 168 of 177 = 94,92 %): counts by professional qualification with "đại học trở lên"
//! rolled up, by political-theory level, by age band, by gender, Party membership, and the heads of units who are or
//! are not local to the unit they lead. Pure: the service gathers the profiles, these functions count them.

use crate::ethnicity::{is_minority, ETHNIC_GROUPS, MAJORITY};
use crate::profile::{Gender, PoliticalTheory, Qualification};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

/// What the statistics need of one person, as of the day they are counted for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// 1 January of the year when only the year is known.
    pub birth_date: NaiveDate,
    pub birth_year_only: bool,
    pub gender: Gender,
    pub party_member: bool,
    pub qualification: Option<Qualification>,
    pub political_theory: Option<PoliticalTheory>,
    /// Holds, on that day, the head post of a unit (Bí thư, Chủ tịch, Trưởng phòng…).
    pub is_head: bool,
    /// Local to the place of the unit they work in; None when the profile does not say.
    pub is_local: Option<bool>,
    /// One of the 54 groups by its census name (crate::ethnicity); None when the profile does not say.
    pub ethnicity: Option<String>,
}

/// Age bands as personnel reports print them: 30 and under, 31–40, 41–50, 51–60, over 60 (the bands of the
/// reports the seeds quote are not given; these are the ones of the Central Organisation Commission's yearly
/// personnel statistics forms — interpretation, unconfirmed). Each band is its highest age; the last has none.
pub const AGE_BAND_TOPS: [u32; 4] = [30, 40, 50, 60];

/// An age band: its lowest and highest age (None: no upper end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AgeBand {
    pub from: u32,
    pub to: Option<u32>,
}

impl AgeBand {
    /// The bands of AGE_BAND_TOPS, youngest first.
    pub fn all() -> Vec<AgeBand> {
        let mut bands = Vec::with_capacity(AGE_BAND_TOPS.len() + 1);
        let mut from = 0;
        for top in AGE_BAND_TOPS {
            bands.push(AgeBand { from, to: Some(top) });
            from = top + 1;
        }
        bands.push(AgeBand { from, to: None });
        bands
    }

    pub fn contains(self, age: u32) -> bool {
        age >= self.from && self.to.is_none_or(|to| age <= to)
    }

    /// "Từ 30 tuổi trở xuống", "Từ 31 đến 40 tuổi", "Trên 60 tuổi".
    pub fn label(self, lang: crate::Lang) -> String {
        let vi = lang == crate::Lang::Vi;
        match (self.from, self.to) {
            (0, Some(to)) if vi => format!("Từ {to} tuổi trở xuống"),
            (0, Some(to)) => format!("{to} and under"),
            (from, Some(to)) if vi => format!("Từ {from} đến {to} tuổi"),
            (from, Some(to)) => format!("{from} to {to}"),
            (from, None) if vi => format!("Trên {} tuổi", from.saturating_sub(1)),
            (from, None) => format!("Over {}", from.saturating_sub(1)),
        }
    }
}

/// Age in whole years on `on`. With the year of birth alone, the age reached during that year (the year's
/// difference), as offices count it from a list that gives the year only (interpretation, unconfirmed).
pub fn age_on(birth_date: NaiveDate, birth_year_only: bool, on: NaiveDate) -> u32 {
    let years = on.year() - birth_date.year();
    let before_birthday = (on.month(), on.day()) < (birth_date.month(), birth_date.day());
    let age = if birth_year_only || !before_birthday { years } else { years - 1 };
    age.max(0) as u32
}

/// A count and its share of a whole, the share in hundredths of a percent rounded half up (168 of 177 → 9492,
/// printed "94,92 %"); no share of an empty whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Share {
    pub count: u32,
    pub of: u32,
    #[ts(type = "number | null")]
    pub percent: Option<i64>,
}

impl Share {
    pub fn new(count: u32, of: u32) -> Share {
        Share { count, of, percent: percent_hundredths(count, of) }
    }
}

/// `count` of `of` in hundredths of a percent, rounded half up: 168 / 177 = 94,915… % → 9492.
pub fn percent_hundredths(count: u32, of: u32) -> Option<i64> {
    (of > 0).then(|| (i64::from(count) * 1_000_000 + i64::from(of) * 50).div_euclid(i64::from(of) * 100))
}

/// The counts of one group of people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Statistics {
    pub people: u32,
    /// Qualification::ALL in order, then those with none recorded.
    pub qualification: Vec<(Option<Qualification>, Share)>,
    /// Đại học, thạc sĩ and tiến sĩ together.
    pub university_or_above: Share,
    /// PoliticalTheory::ALL in order, then those with none recorded.
    pub political_theory: Vec<(Option<PoliticalTheory>, Share)>,
    pub age: Vec<(AgeBand, Share)>,
    pub female: Share,
    pub male: Share,
    pub party_members: Share,
    /// Kinh first, then each other group present (most people first, then in the official list's order), then
    /// those with none recorded.
    pub ethnicity: Vec<(Option<String>, Share)>,
    /// Every group but Kinh together (người dân tộc thiểu số).
    pub ethnic_minority: Share,
    /// Heads of units, and among them those not local to the place of their unit (the share the seeds report), those
    /// local, and those whose profile does not say.
    pub heads: u32,
    pub heads_not_local: Share,
    pub heads_local: Share,
    pub heads_unknown: Share,
}

/// Counts the profiles as of `on` (ages are taken on that day).
pub fn tally<'a>(profiles: impl IntoIterator<Item = &'a Profile>, on: NaiveDate) -> Statistics {
    let profiles: Vec<&Profile> = profiles.into_iter().collect();
    let people = profiles.len() as u32;
    let count = |keep: &dyn Fn(&Profile) -> bool| profiles.iter().filter(|p| keep(p)).count() as u32;
    let share = |keep: &dyn Fn(&Profile) -> bool| Share::new(count(keep), people);

    let mut qualification: Vec<(Option<Qualification>, Share)> =
        Qualification::ALL.iter().map(|q| (Some(*q), share(&|p| p.qualification == Some(*q)))).collect();
    qualification.push((None, share(&|p| p.qualification.is_none())));
    let university_or_above =
        share(&|p| matches!(p.qualification, Some(Qualification::Doctorate | Qualification::Master | Qualification::University)));
    let mut political_theory: Vec<(Option<PoliticalTheory>, Share)> =
        PoliticalTheory::ALL.iter().map(|t| (Some(*t), share(&|p| p.political_theory == Some(*t)))).collect();
    political_theory.push((None, share(&|p| p.political_theory.is_none())));
    let age =
        AgeBand::all().into_iter().map(|band| (band, share(&|p| band.contains(age_on(p.birth_date, p.birth_year_only, on))))).collect();

    let mut groups: Vec<(&str, u32)> = ETHNIC_GROUPS
        .iter()
        .map(|g| (*g, count(&|p| p.ethnicity.as_deref() == Some(*g))))
        .filter(|(g, n)| *n > 0 || *g == MAJORITY)
        .collect();
    // Stable: equal counts keep the list's order; Kinh stays first.
    groups[1..].sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    let mut ethnicity: Vec<(Option<String>, Share)> =
        groups.into_iter().map(|(g, n)| (Some(g.to_string()), Share::new(n, people))).collect();
    ethnicity.push((None, share(&|p| p.ethnicity.is_none())));
    let ethnic_minority = share(&|p| p.ethnicity.as_deref().is_some_and(is_minority));

    let heads = count(&|p| p.is_head);
    let among_heads = |keep: &dyn Fn(&Profile) -> bool| Share::new(count(&|p| p.is_head && keep(p)), heads);
    Statistics {
        people,
        qualification,
        university_or_above,
        political_theory,
        age,
        female: share(&|p| p.gender == Gender::Female),
        male: share(&|p| p.gender == Gender::Male),
        party_members: share(&|p| p.party_member),
        ethnicity,
        ethnic_minority,
        heads,
        heads_not_local: among_heads(&|p| p.is_local == Some(false)),
        heads_local: among_heads(&|p| p.is_local == Some(true)),
        heads_unknown: among_heads(&|p| p.is_local.is_none()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn person(qualification: Option<Qualification>, is_head: bool, is_local: Option<bool>) -> Profile {
        Profile {
            birth_date: day(1980, 6, 15),
            birth_year_only: false,
            gender: Gender::Male,
            party_member: true,
            qualification,
            political_theory: None,
            is_head,
            is_local,
            ethnicity: None,
        }
    }

    #[test]
    fn the_seeds_share_of_non_local_secretaries_is_94_92_percent() {
        // 177 commune Party secretaries, 168 of them not local (seed 003).
        let mut all: Vec<Profile> = (0..168).map(|_| person(None, true, Some(false))).collect();
        all.extend((0..9).map(|_| person(None, true, Some(true))));
        let stats = tally(&all, day(2025, 7, 1));
        assert_eq!(stats.heads, 177);
        assert_eq!(stats.heads_not_local, Share { count: 168, of: 177, percent: Some(9492) });
        assert_eq!(stats.heads_local.percent, Some(508));
        // 12 of 13 district secretaries: 92,307… → 92,31.
        assert_eq!(percent_hundredths(12, 13), Some(9231));
    }

    #[test]
    fn shares_round_half_up_and_an_empty_whole_has_none() {
        assert_eq!(percent_hundredths(1, 8), Some(1250));
        assert_eq!(percent_hundredths(1, 3), Some(3333));
        assert_eq!(percent_hundredths(2, 3), Some(6667));
        // 1 / 16 = 6,25 % exactly; 1 / 1600 = 0,0625 % → 0,06; 1 / 800 = 0,125 % → 0,13 (half up).
        assert_eq!(percent_hundredths(1, 16), Some(625));
        assert_eq!(percent_hundredths(1, 1600), Some(6));
        assert_eq!(percent_hundredths(1, 800), Some(13));
        assert_eq!(percent_hundredths(0, 0), None);
        assert_eq!(percent_hundredths(5, 5), Some(10_000));
    }

    #[test]
    fn university_or_above_counts_masters_and_doctors_too() {
        let all = [
            person(Some(Qualification::Doctorate), false, None),
            person(Some(Qualification::Master), false, None),
            person(Some(Qualification::Master), false, None),
            person(Some(Qualification::University), false, None),
            person(Some(Qualification::College), false, None),
            person(Some(Qualification::Intermediate), false, None),
            person(None, false, None),
        ];
        let stats = tally(&all, day(2026, 1, 1));
        assert_eq!(stats.university_or_above.count, 4);
        assert_eq!(stats.university_or_above.percent, Some(5714));
        let counts: Vec<u32> = stats.qualification.iter().map(|(_, s)| s.count).collect();
        assert_eq!(counts, [1, 2, 1, 1, 1, 0, 1]);
        assert_eq!(stats.qualification.last().unwrap().0, None);
    }

    #[test]
    fn ages_are_whole_years_on_the_day_and_a_year_alone_counts_the_years() {
        assert_eq!(age_on(day(1980, 6, 15), false, day(2010, 6, 14)), 29);
        assert_eq!(age_on(day(1980, 6, 15), false, day(2010, 6, 15)), 30);
        assert_eq!(age_on(day(1980, 2, 29), false, day(2021, 2, 28)), 40);
        assert_eq!(age_on(day(1980, 1, 1), true, day(2010, 1, 1)), 30);
        assert_eq!(age_on(day(1980, 1, 1), true, day(2010, 12, 31)), 30);
        // Born after the day: no negative age.
        assert_eq!(age_on(day(2030, 1, 1), false, day(2026, 1, 1)), 0);
    }

    #[test]
    fn age_bands_cover_every_age_once_and_read_as_reports_print_them() {
        let bands = AgeBand::all();
        assert_eq!(bands.len(), AGE_BAND_TOPS.len() + 1);
        for age in 0..120 {
            assert_eq!(bands.iter().filter(|b| b.contains(age)).count(), 1, "age {age}");
        }
        let labels: Vec<String> = bands.iter().map(|b| b.label(crate::Lang::Vi)).collect();
        assert_eq!(labels, ["Từ 30 tuổi trở xuống", "Từ 31 đến 40 tuổi", "Từ 41 đến 50 tuổi", "Từ 51 đến 60 tuổi", "Trên 60 tuổi"]);
    }

    #[test]
    fn ethnic_groups_are_counted_kinh_first_then_the_largest() {
        let with = |group: Option<&str>| Profile { ethnicity: group.map(str::to_string), ..person(None, false, None) };
        let all: Vec<Profile> = [Some("Tày"), Some("Kinh"), Some("Mông"), Some("Mông"), Some("Thái"), None, Some("Kinh"), Some("Kinh")]
            .into_iter()
            .map(with)
            .collect();
        let stats = tally(&all, day(2026, 12, 31));
        let lines: Vec<(Option<&str>, u32)> = stats.ethnicity.iter().map(|(g, s)| (g.as_deref(), s.count)).collect();
        // Tày and Thái tie at one: the list's order (Tày is 2nd, Thái 3rd).
        assert_eq!(lines, [(Some("Kinh"), 3), (Some("Mông"), 2), (Some("Tày"), 1), (Some("Thái"), 1), (None, 1)]);
        assert_eq!(stats.ethnic_minority, Share { count: 4, of: 8, percent: Some(5_000) });
        // No one recorded: Kinh at nought, and everyone unrecorded.
        let none = tally(&[with(None)], day(2026, 12, 31));
        assert_eq!(none.ethnicity.iter().map(|(g, s)| (g.as_deref(), s.count)).collect::<Vec<_>>(), [(Some("Kinh"), 0), (None, 1)]);
    }

    proptest! {
        /// Every breakdown adds up to the whole, and every share is the count over the whole to hundredths.
        #[test]
        fn breakdowns_add_up(rows in proptest::collection::vec((0u8..7, 0u8..4, 1950i32..2005, any::<bool>(), any::<bool>(), 0u8..3), 0..60)) {
            let all: Vec<Profile> = rows.iter().map(|&(q, t, year, female, head, local)| Profile {
                birth_date: day(year, 3, 1),
                birth_year_only: year % 2 == 0,
                gender: if female { Gender::Female } else { Gender::Male },
                party_member: head,
                qualification: Qualification::ALL.get(q as usize).copied(),
                political_theory: PoliticalTheory::ALL.get(t as usize).copied(),
                is_head: head,
                is_local: [None, Some(true), Some(false)][local as usize],
                // No group, or one of the first five of the list (q doubles as the pick).
                ethnicity: ETHNIC_GROUPS.get(q as usize).filter(|_| q < 5).map(|g| g.to_string()),
            }).collect();
            let stats = tally(&all, day(2026, 12, 31));
            let n = all.len() as u32;
            prop_assert_eq!(stats.qualification.iter().map(|(_, s)| s.count).sum::<u32>(), n);
            prop_assert_eq!(stats.political_theory.iter().map(|(_, s)| s.count).sum::<u32>(), n);
            prop_assert_eq!(stats.age.iter().map(|(_, s)| s.count).sum::<u32>(), n);
            prop_assert_eq!(stats.female.count + stats.male.count, n);
            prop_assert_eq!(stats.ethnicity.iter().map(|(_, s)| s.count).sum::<u32>(), n);
            let kinh = stats.ethnicity[0].1.count;
            let unrecorded = stats.ethnicity.last().unwrap().1.count;
            prop_assert_eq!(stats.ethnic_minority.count + kinh + unrecorded, n);
            prop_assert_eq!(stats.ethnicity[0].0.as_deref(), Some(MAJORITY));
            prop_assert_eq!(stats.heads_local.count + stats.heads_not_local.count + stats.heads_unknown.count, stats.heads);
            for (_, s) in &stats.qualification {
                prop_assert_eq!(s.percent, percent_hundredths(s.count, n));
            }
        }
    }
}
