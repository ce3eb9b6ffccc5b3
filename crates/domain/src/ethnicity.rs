//! Ethnicity (dân tộc) as a cadre's profile records it and personnel reports count it: one of the 54 ethnic groups of
//! the official list (Danh mục các dân tộc Việt Nam, Quyết định 121-TCTK/PPCĐ ngày 02/3/1979 of the General
//! Statistics Office), by the names the 2019 census uses, with the spellings offices write ("H'Mông", "Khơ-me",
//! "Ê-đê", "Dân tộc Tày") read as the same group. "Dân tộc thiểu số" is every group but Kinh.

use crate::text::fold;

/// The 54 groups in the list's order (Kinh first), by the census's names.
pub const ETHNIC_GROUPS: [&str; 54] = [
    "Kinh",
    "Tày",
    "Thái",
    "Hoa",
    "Khmer",
    "Mường",
    "Nùng",
    "Mông",
    "Dao",
    "Gia Rai",
    "Ngái",
    "Ê Đê",
    "Ba Na",
    "Xơ Đăng",
    "Sán Chay",
    "Cơ Ho",
    "Chăm",
    "Sán Dìu",
    "Hrê",
    "Mnông",
    "Ra Glai",
    "Xtiêng",
    "Bru Vân Kiều",
    "Thổ",
    "Giáy",
    "Cơ Tu",
    "Giẻ Triêng",
    "Mạ",
    "Khơ Mú",
    "Co",
    "Tà Ôi",
    "Chơ Ro",
    "Kháng",
    "Xinh Mun",
    "Hà Nhì",
    "Chu Ru",
    "Lào",
    "La Chí",
    "La Ha",
    "Phù Lá",
    "La Hủ",
    "Lự",
    "Lô Lô",
    "Chứt",
    "Mảng",
    "Pà Thẻn",
    "Cờ Lao",
    "Cống",
    "Bố Y",
    "Si La",
    "Pu Péo",
    "Brâu",
    "Ơ Đu",
    "Rơ Măm",
];

/// The majority group; every other is an ethnic minority.
pub const MAJORITY: &str = "Kinh";

/// Other names offices write for a group (older spellings, other names of the same people), folded.
const ALIASES: [(&str, &str); 12] = [
    ("viet", "Kinh"),
    ("khome", "Khmer"),
    ("hmong", "Mông"),
    ("meo", "Mông"),
    ("caolan", "Sán Chay"),
    ("sanchi", "Sán Chay"),
    ("stieng", "Xtiêng"),
    ("vankieu", "Bru Vân Kiều"),
    ("bru", "Bru Vân Kiều"),
    ("khmu", "Khơ Mú"),
    ("bahnar", "Ba Na"),
    ("jarai", "Gia Rai"),
];

/// A name reduced to its letters: no tone marks or diacritics, no case, no spaces, hyphens or apostrophes.
fn key(text: &str) -> String {
    fold(text).chars().filter(char::is_ascii_alphanumeric).collect()
}

/// The group `text` names, by its census name: "H'Mông" → "Mông", "dân tộc Tày" → "Tày"; None when it names none of
/// the 54 (a typing error, or a place written in the wrong column).
pub fn parse_ethnicity(text: &str) -> Option<&'static str> {
    let folded = fold(text);
    let bare = folded.trim().strip_prefix("dan toc").unwrap_or(folded.trim());
    let wanted = key(bare);
    if wanted.is_empty() {
        return None;
    }
    ETHNIC_GROUPS.iter().copied().find(|g| key(g) == wanted).or_else(|| ALIASES.iter().find(|(alias, _)| *alias == wanted).map(|(_, g)| *g))
}

pub fn is_minority(group: &str) -> bool {
    group != MAJORITY
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spellings_offices_write_name_one_group() {
        for (written, group) in [
            ("Kinh", "Kinh"),
            ("KINH", "Kinh"),
            ("Dân tộc Tày", "Tày"),
            ("tày", "Tày"),
            ("H'Mông", "Mông"),
            ("HMông", "Mông"),
            ("Mèo", "Mông"),
            ("Khơ-me", "Khmer"),
            ("Khmer", "Khmer"),
            ("Ê-đê", "Ê Đê"),
            ("Ê Đê", "Ê Đê"),
            ("Gia-rai", "Gia Rai"),
            ("M'Nông", "Mnông"),
            ("Ra-glai", "Ra Glai"),
            ("Bru - Vân Kiều", "Bru Vân Kiều"),
            ("Gié Triêng", "Giẻ Triêng"),
            ("Co Lao", "Cờ Lao"),
            ("Thổ", "Thổ"),
            ("Thái", "Thái"),
        ] {
            assert_eq!(parse_ethnicity(written), Some(group), "{written}");
        }
        for wrong in ["", "  ", "Hà Nội", "Kinhh", "Việt Nam"] {
            assert_eq!(parse_ethnicity(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn the_list_has_54_groups_each_read_back_as_itself() {
        let mut keys: Vec<String> = ETHNIC_GROUPS.iter().map(|g| key(g)).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), 54, "no two groups fold to the same letters");
        for group in ETHNIC_GROUPS {
            assert_eq!(parse_ethnicity(group), Some(group));
            assert!(crate::text::is_nfc(group), "{group}");
        }
        for (alias, group) in ALIASES {
            assert!(ETHNIC_GROUPS.contains(&group), "{alias} → {group}");
            assert!(!ETHNIC_GROUPS.iter().any(|g| key(g) == alias), "{alias} is a group's own name");
        }
        assert!(!is_minority("Kinh") && is_minority("Tày"));
    }
}
