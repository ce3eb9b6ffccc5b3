//! The cadre profile fields the seed articles report statistics on (DOMAIN.md, "Cadre profile fields"),
//! with the words offices write in their spreadsheets.

use crate::lang::Lang;
use crate::text::fold;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    pub fn parse(text: &str) -> Option<Self> {
        match fold(text).as_str() {
            "nam" | "m" | "male" | "trai" => Some(Gender::Male),
            "nu" | "f" | "female" | "gai" => Some(Gender::Female),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Gender::Male => "male",
            Gender::Female => "female",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Gender::Male, Gender::Female].into_iter().find(|g| g.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Gender::Male => lang.pick("Nam", "Male"),
            Gender::Female => lang.pick("Nữ", "Female"),
        }
    }
}

/// Highest professional qualification (trình độ chuyên môn), ordered from highest to lowest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Qualification {
    Doctorate,
    Master,
    University,
    College,
    Intermediate,
    Elementary,
}

impl Qualification {
    pub const ALL: [Qualification; 6] = [
        Qualification::Doctorate,
        Qualification::Master,
        Qualification::University,
        Qualification::College,
        Qualification::Intermediate,
        Qualification::Elementary,
    ];

    /// Offices write the level followed by the field ("Đại học Luật", "Thạc sĩ Quản lý công"),
    /// or the degree title ("Cử nhân", "Kỹ sư"): the level is read from the start of the text.
    pub fn parse(text: &str) -> Option<Self> {
        let folded = fold(text);
        const PREFIXES: [(&str, Qualification); 14] = [
            ("tien si", Qualification::Doctorate),
            ("ts", Qualification::Doctorate),
            ("thac si", Qualification::Master),
            ("ths", Qualification::Master),
            ("dai hoc", Qualification::University),
            ("cu nhan", Qualification::University),
            ("ky su", Qualification::University),
            ("bac si", Qualification::University),
            ("dh", Qualification::University),
            ("cao dang", Qualification::College),
            ("trung cap", Qualification::Intermediate),
            ("so cap", Qualification::Elementary),
            ("doctor", Qualification::Doctorate),
            ("master", Qualification::Master),
        ];
        const ENGLISH: [(&str, Qualification); 5] = [
            ("phd", Qualification::Doctorate),
            ("bachelor", Qualification::University),
            ("university", Qualification::University),
            ("college", Qualification::College),
            ("intermediate", Qualification::Intermediate),
        ];
        PREFIXES.iter().chain(ENGLISH.iter()).find(|(prefix, _)| starts_with_word(&folded, prefix)).map(|(_, q)| *q)
    }

    pub fn code(self) -> &'static str {
        match self {
            Qualification::Doctorate => "doctorate",
            Qualification::Master => "master",
            Qualification::University => "university",
            Qualification::College => "college",
            Qualification::Intermediate => "intermediate",
            Qualification::Elementary => "elementary",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|q| q.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Qualification::Doctorate => lang.pick("Tiến sĩ", "Doctorate"),
            Qualification::Master => lang.pick("Thạc sĩ", "Master"),
            Qualification::University => lang.pick("Đại học", "University"),
            Qualification::College => lang.pick("Cao đẳng", "College"),
            Qualification::Intermediate => lang.pick("Trung cấp", "Intermediate"),
            Qualification::Elementary => lang.pick("Sơ cấp", "Elementary"),
        }
    }
}

/// Political-theory level (lý luận chính trị).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum PoliticalTheory {
    /// Cao cấp, or a bachelor's degree in political theory (cử nhân), which counts the same.
    Advanced,
    Intermediate,
    Elementary,
}

impl PoliticalTheory {
    pub const ALL: [PoliticalTheory; 3] = [PoliticalTheory::Advanced, PoliticalTheory::Intermediate, PoliticalTheory::Elementary];

    pub fn parse(text: &str) -> Option<Self> {
        let folded = fold(text);
        const WORDS: [(&str, PoliticalTheory); 7] = [
            ("cao cap", PoliticalTheory::Advanced),
            ("cu nhan", PoliticalTheory::Advanced),
            ("advanced", PoliticalTheory::Advanced),
            ("trung cap", PoliticalTheory::Intermediate),
            ("intermediate", PoliticalTheory::Intermediate),
            ("so cap", PoliticalTheory::Elementary),
            ("elementary", PoliticalTheory::Elementary),
        ];
        WORDS.iter().find(|(w, _)| starts_with_word(&folded, w)).map(|(_, p)| *p)
    }

    pub fn code(self) -> &'static str {
        match self {
            PoliticalTheory::Advanced => "advanced",
            PoliticalTheory::Intermediate => "intermediate",
            PoliticalTheory::Elementary => "elementary",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            PoliticalTheory::Advanced => lang.pick("Cao cấp", "Advanced"),
            PoliticalTheory::Intermediate => lang.pick("Trung cấp", "Intermediate"),
            PoliticalTheory::Elementary => lang.pick("Sơ cấp", "Elementary"),
        }
    }
}

/// Yes/no cells as offices fill them: "Có", "x", "Đảng viên", "1"; blank means no.
pub fn parse_yes_no(text: &str) -> Option<bool> {
    match fold(text).as_str() {
        "" | "khong" | "k" | "no" | "n" | "0" | "false" | "-" => Some(false),
        "co" | "c" | "x" | "yes" | "y" | "1" | "true" | "dang vien" | "dv" => Some(true),
        _ => None,
    }
}

fn starts_with_word(folded: &str, prefix: &str) -> bool {
    folded.strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || !rest.starts_with(|c: char| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn genders_in_the_words_people_write() {
        assert_eq!(Gender::parse("Nam"), Some(Gender::Male));
        assert_eq!(Gender::parse("NỮ"), Some(Gender::Female));
        assert_eq!(Gender::parse("nu"), Some(Gender::Female));
        assert_eq!(Gender::parse("Female"), Some(Gender::Female));
        assert_eq!(Gender::parse("không rõ"), None);
    }

    #[test]
    fn qualification_read_from_the_start_of_the_text() {
        assert_eq!(Qualification::parse("Đại học Luật"), Some(Qualification::University));
        assert_eq!(Qualification::parse("Thạc sĩ Quản lý công"), Some(Qualification::Master));
        assert_eq!(Qualification::parse("ThS. Kinh tế"), Some(Qualification::Master));
        assert_eq!(Qualification::parse("Cử nhân"), Some(Qualification::University));
        assert_eq!(Qualification::parse("TIẾN SĨ"), Some(Qualification::Doctorate));
        assert_eq!(Qualification::parse("Trung cấp kế toán"), Some(Qualification::Intermediate));
        assert_eq!(Qualification::parse("Tsubasa"), None, "a word that merely starts like an abbreviation");
        assert_eq!(Qualification::parse("Giỏi"), None);
    }

    #[test]
    fn political_theory_levels() {
        assert_eq!(PoliticalTheory::parse("Cao cấp"), Some(PoliticalTheory::Advanced));
        assert_eq!(PoliticalTheory::parse("Cử nhân chính trị"), Some(PoliticalTheory::Advanced));
        assert_eq!(PoliticalTheory::parse("trung cấp"), Some(PoliticalTheory::Intermediate));
        assert_eq!(PoliticalTheory::parse("Sơ cấp"), Some(PoliticalTheory::Elementary));
        assert_eq!(PoliticalTheory::parse("Tốt"), None);
    }

    #[test]
    fn codes_round_trip() {
        for q in Qualification::ALL {
            assert_eq!(Qualification::from_code(q.code()), Some(q));
            assert_eq!(Qualification::parse(q.label(Lang::Vi)), Some(q));
        }
        for p in PoliticalTheory::ALL {
            assert_eq!(PoliticalTheory::from_code(p.code()), Some(p));
            assert_eq!(PoliticalTheory::parse(p.label(Lang::Vi)), Some(p));
        }
    }

    #[test]
    fn yes_no_cells() {
        assert_eq!(parse_yes_no("Có"), Some(true));
        assert_eq!(parse_yes_no("x"), Some(true));
        assert_eq!(parse_yes_no("Đảng viên"), Some(true));
        assert_eq!(parse_yes_no(""), Some(false));
        assert_eq!(parse_yes_no("Không"), Some(false));
        assert_eq!(parse_yes_no("có lẽ"), None);
    }
}
