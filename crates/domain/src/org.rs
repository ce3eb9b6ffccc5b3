//! The organisation tree. Levels are data (the office can model the former district tier), so the only
//! rules here are the ones every tree must keep whatever its levels.

use crate::lang::Lang;
use crate::text::fold;
use serde::{Deserialize, Serialize};

/// A level of the unit tree (province, commune, party cell …), as stored in the office database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitLevel {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    /// Depth in the administrative hierarchy: smaller is higher. Levels of equal rank are siblings
    /// (commune, ward and special zone are all rank 3).
    pub rank: i64,
}

impl UnitLevel {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_vi, &self.name_en)
    }

    /// A unit sits strictly below its parent: a commune may hang under a province or a former district,
    /// never the other way round.
    pub fn may_be_child_of(&self, parent: &UnitLevel) -> bool {
        self.rank > parent.rank
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitCodeProblem {
    Empty,
    TooLong,
    BadCharacter,
}

pub const MAX_UNIT_CODE_LEN: usize = 32;

/// Unit codes travel in bundle file names and are typed on the phone between offices: plain ASCII letters,
/// digits, '-', '_' and '.', compared case-insensitively and stored upper-case.
pub fn normalize_unit_code(code: &str) -> Result<String, UnitCodeProblem> {
    let code = code.trim();
    if code.is_empty() {
        return Err(UnitCodeProblem::Empty);
    }
    if code.len() > MAX_UNIT_CODE_LEN {
        return Err(UnitCodeProblem::TooLong);
    }
    if !code.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) {
        return Err(UnitCodeProblem::BadCharacter);
    }
    Ok(code.to_ascii_uppercase())
}

impl UnitCodeProblem {
    pub fn message(self, lang: Lang) -> String {
        match self {
            UnitCodeProblem::Empty => lang.pick("Mã đơn vị không được để trống.", "The unit code must not be empty.").into(),
            UnitCodeProblem::TooLong => match lang {
                Lang::Vi => format!("Mã đơn vị dài quá {MAX_UNIT_CODE_LEN} ký tự."),
                Lang::En => format!("The unit code is longer than {MAX_UNIT_CODE_LEN} characters."),
            },
            UnitCodeProblem::BadCharacter => lang
                .pick(
                    "Mã đơn vị chỉ gồm chữ cái không dấu, chữ số và các dấu - _ . (ví dụ XA-TANLAP).",
                    "A unit code holds only unaccented letters, digits and - _ . (for example XA-TANLAP).",
                )
                .into(),
        }
    }
}

/// Term of an appointed leadership post: five years, after which the cadre is reviewed for re-appointment
/// (Quy định 80-QĐ/TW 2022 on appointment and re-appointment, Điều 3).
pub const APPOINTMENT_TERM_YEARS: i32 = 5;

/// Whether a position typed in a list names the catalogue position `catalogue_name`: the same words (case and
/// diacritics aside), or the main title of a combined post the catalogue writes as one — its last, after the titles
/// held concurrently: "Chủ tịch UBND" is the post "Phó Bí thư Đảng ủy, Chủ tịch UBND", but "Phó Bí thư Đảng ủy" alone
/// is not (a commune has other deputy secretaries).
pub fn names_position(typed: &str, catalogue_name: &str) -> PositionMatch {
    let typed = fold(typed);
    if typed.is_empty() {
        return PositionMatch::No;
    }
    if fold(catalogue_name) == typed {
        return PositionMatch::Exact;
    }
    let titles: Vec<String> = catalogue_name.split(',').map(fold).collect();
    if titles.len() > 1 && titles.last() == Some(&typed) {
        PositionMatch::PartOfCombined
    } else {
        PositionMatch::No
    }
}

/// How a typed position names a catalogue one: an exact name wins over a part of a combined post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PositionMatch {
    No,
    PartOfCombined,
    Exact,
}

/// Leadership titles, whose holders are appointed or elected for a term and come up for re-appointment;
/// staff posts (chuyên viên, công chức) do not.
pub fn is_leadership_title(position_name: &str) -> bool {
    const TITLES: [&str; 12] = [
        "bi thu",
        "pho bi thu",
        "chu tich",
        "pho chu tich",
        "truong",
        "pho truong",
        "chanh",
        "pho chanh",
        "giam doc",
        "pho giam doc",
        "chu nhiem",
        "pho chu nhiem",
    ];
    let folded = fold(position_name);
    TITLES.iter().any(|t| folded.strip_prefix(t).is_some_and(|rest| rest.is_empty() || rest.starts_with(' ')))
}

/// Whether a unit level is of the commune tier of the two-tier local government of 2025 (Luật Tổ chức chính quyền
/// địa phương 2025: xã, phường, đặc khu are one tier under the province).
pub fn is_commune_tier(level_code: &str) -> bool {
    matches!(level_code, "commune" | "ward" | "special_zone")
}

/// The level a unit named in a roster file most likely has, from the words it starts with ("Xã …", "Phường …",
/// "Chi bộ …"); otherwise the highest level allowed below the parent, skipping the former district tier.
pub fn guess_level<'a>(unit_name: &str, parent: &UnitLevel, levels: &'a [UnitLevel]) -> Option<&'a UnitLevel> {
    const HINTS: [(&str, &str); 8] = [
        ("xa ", "commune"),
        ("phuong ", "ward"),
        ("dac khu ", "special_zone"),
        ("chi bo ", "party_cell"),
        ("phong ", "department"),
        ("ban ", "department"),
        ("huyen ", "district"),
        ("tinh ", "province"),
    ];
    let folded = fold(unit_name);
    let allowed = |level: &&UnitLevel| level.may_be_child_of(parent);
    let hinted = HINTS
        .iter()
        .find(|(word, _)| folded.starts_with(word))
        .and_then(|(_, code)| levels.iter().filter(allowed).find(|l| l.code == *code));
    hinted.or_else(|| levels.iter().filter(allowed).filter(|l| l.code != "district").min_by_key(|l| (l.rank, l.code != "agency")))
}

/// A unit code made from a name, for units created during an import: "Đảng ủy xã Tân Lập" -> "DANG-UY-XA-TAN-LAP".
pub fn unit_code_from_name(name: &str) -> String {
    let words: Vec<String> =
        fold(name).split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).map(|w| w.to_ascii_uppercase()).collect();
    let mut code = String::new();
    for word in words {
        if code.len() + word.len() + 1 > MAX_UNIT_CODE_LEN - 4 {
            break;
        }
        if !code.is_empty() {
            code.push('-');
        }
        code.push_str(&word);
    }
    if code.is_empty() {
        code.push_str("DV");
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_position_names_the_combined_post_it_is_part_of() {
        let combined = "Phó Bí thư Đảng ủy, Chủ tịch UBND";
        assert_eq!(names_position("Chủ tịch UBND", combined), PositionMatch::PartOfCombined);
        assert_eq!(names_position("chu tich ubnd", combined), PositionMatch::PartOfCombined);
        assert_eq!(names_position("Phó Bí thư Đảng ủy, Chủ tịch UBND", combined), PositionMatch::Exact);
        assert_eq!(names_position("Chủ tịch", combined), PositionMatch::No);
        // The title held concurrently is not the post: other deputy secretaries hold it too.
        assert_eq!(names_position("Phó Bí thư Đảng ủy", combined), PositionMatch::No);
        assert_eq!(names_position("Chủ tịch UBND", "Chủ tịch UBND"), PositionMatch::Exact);
        assert_eq!(names_position("", combined), PositionMatch::No);
        assert!(PositionMatch::Exact > PositionMatch::PartOfCombined);
    }

    fn level(code: &str, rank: i64) -> UnitLevel {
        UnitLevel { code: code.into(), name_vi: code.into(), name_en: code.into(), rank }
    }

    #[test]
    fn children_sit_strictly_below() {
        let (province, district, commune, ward) = (level("province", 1), level("district", 2), level("commune", 3), level("ward", 3));
        assert!(commune.may_be_child_of(&province));
        assert!(commune.may_be_child_of(&district));
        assert!(!province.may_be_child_of(&commune));
        assert!(!ward.may_be_child_of(&commune), "siblings in rank are not parent and child");
    }

    #[test]
    fn unit_codes_are_plain_and_upper_case() {
        assert_eq!(normalize_unit_code(" xa-tanlap "), Ok("XA-TANLAP".into()));
        assert_eq!(normalize_unit_code(""), Err(UnitCodeProblem::Empty));
        assert_eq!(normalize_unit_code("XÃ"), Err(UnitCodeProblem::BadCharacter));
        assert_eq!(normalize_unit_code("a b"), Err(UnitCodeProblem::BadCharacter));
        assert_eq!(normalize_unit_code(&"A".repeat(33)), Err(UnitCodeProblem::TooLong));
    }

    #[test]
    fn leadership_titles_are_recognised() {
        assert!(is_leadership_title("Bí thư Đảng ủy"));
        assert!(is_leadership_title("Phó Chủ tịch UBND"));
        assert!(is_leadership_title("Trưởng phòng Kinh tế"));
        assert!(is_leadership_title("Chánh Văn phòng"));
        assert!(!is_leadership_title("Chuyên viên"));
        assert!(!is_leadership_title("Công chức Văn phòng - Thống kê"));
        assert!(!is_leadership_title("Trưởngthôn"), "a title word must stand alone");
    }

    #[test]
    fn levels_are_guessed_from_the_name_and_the_parent() {
        let levels = vec![
            level("province", 1),
            level("district", 2),
            level("commune", 3),
            level("ward", 3),
            level("agency", 4),
            level("party_cell", 5),
            level("department", 5),
        ];
        let province = &levels[0];
        let commune = &levels[2];
        assert_eq!(guess_level("Phường Hòa Bình", province, &levels).unwrap().code, "ward");
        assert_eq!(guess_level("Xã Tân Lập", province, &levels).unwrap().code, "commune");
        assert_eq!(guess_level("Sở Nội vụ", province, &levels).unwrap().code, "commune", "highest allowed level, district skipped");
        assert_eq!(guess_level("Ủy ban nhân dân", commune, &levels).unwrap().code, "agency");
        assert_eq!(guess_level("Chi bộ thôn Đông", commune, &levels).unwrap().code, "party_cell");
        assert_eq!(guess_level("Xã Tân Lập", commune, &levels).unwrap().code, "agency", "a commune cannot sit under a commune");
        assert!(guess_level("Chi bộ", &levels[6], &levels).is_none());
    }

    #[test]
    fn codes_from_names_are_valid_codes() {
        assert_eq!(unit_code_from_name("Đảng ủy xã Tân Lập"), "DANG-UY-XA-TAN-LAP");
        assert_eq!(unit_code_from_name("!!!"), "DV");
        let long = unit_code_from_name("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã Nghĩa Đàn");
        assert!(long.len() <= MAX_UNIT_CODE_LEN - 4);
        assert_eq!(normalize_unit_code(&long), Ok(long.clone()));
    }
}
