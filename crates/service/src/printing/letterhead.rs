//! The header lines of printed documents, derived from the unit tree when the office has saved none, and the
//! pieces every document shares: the place-and-date line, the number line, the issuer's signature block.
//! Pure functions of names and levels, so the rules are tested without a database.

use chrono::{Datelike, NaiveDate};
use documents::{HeaderFormat, Letterhead, Signature};
use domain::text::{clean, fold};

/// A unit as the header rules see it: its name and its level code ("commune", "agency" …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnitInfo {
    pub name: String,
    pub level: String,
}

/// The lines an office prints at the top of its documents, in both official formats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HeaderLines {
    pub party_superior: String,
    pub party_issuer: String,
    pub state_superior: String,
    pub state_issuer: String,
    pub place: String,
}

/// Levels whose units are territories with a People's Committee and a Party committee of their own.
const TERRITORIAL: [&str; 5] = ["province", "district", "commune", "ward", "special_zone"];

/// Words that open the name of a Party body, folded, with what they leave of the territory's name when removed
/// ("Tỉnh ủy Sông Lam" is the Party body of "tỉnh Sông Lam").
const PARTY_PREFIXES: [(&str, &str); 10] = [
    ("ban can su dang", ""),
    ("dang uy", ""),
    ("dang bo", ""),
    ("dang doan", ""),
    ("chi bo", ""),
    ("tinh uy", "tỉnh"),
    ("thanh uy", "thành phố"),
    ("huyen uy", "huyện"),
    ("quan uy", "quận"),
    ("thi uy", "thị xã"),
];

/// Level words a territory's name starts with, longest first so "thị xã" is not read as "thị".
const LEVEL_WORDS: [&str; 9] = ["thanh pho", "dac khu", "thi tran", "thi xa", "phuong", "huyen", "tinh", "quan", "xa"];

/// Capitals that keep every Vietnamese mark, in NFC: "Xã Hoà Bình" → "XÃ HOÀ BÌNH".
pub(crate) fn upper(text: &str) -> String {
    clean(&clean(text).to_uppercase())
}

/// How many leading words of `name` spell `folded_words`, if they do.
fn leading_words(name: &str, folded_words: &str) -> Option<usize> {
    let wanted: Vec<&str> = folded_words.split(' ').collect();
    let folded = fold(name);
    let have: Vec<&str> = folded.split(' ').collect();
    (have.len() >= wanted.len() && have[..wanted.len()] == wanted[..]).then_some(wanted.len())
}

fn drop_words(name: &str, count: usize) -> String {
    name.split(' ').skip(count).collect::<Vec<_>>().join(" ")
}

/// Whether the name is already a Party body's ("Đảng ủy …", "Chi bộ …", "Tỉnh ủy …", "Ban …").
pub(crate) fn is_party_name(name: &str) -> bool {
    PARTY_PREFIXES.iter().any(|(words, _)| leading_words(name, words).is_some()) || leading_words(name, "ban").is_some()
}

/// The territory or body a Party name stands for: "Đảng ủy xã Hoà Bình" → "xã Hoà Bình", "Tỉnh ủy Sông Lam" →
/// "tỉnh Sông Lam"; other names unchanged.
fn without_party_words(name: &str) -> String {
    let name = clean(name);
    for (words, territory) in PARTY_PREFIXES {
        if let Some(count) = leading_words(&name, words) {
            let rest = drop_words(&name, count);
            if rest.is_empty() {
                return name;
            }
            return if territory.is_empty() { rest } else { format!("{territory} {rest}") };
        }
    }
    name
}

/// "HOÀ BÌNH" → "Hoà Bình": a name typed in capitals, written as a place name is.
fn title_case(text: &str) -> String {
    if text.chars().any(char::is_lowercase) {
        return text.to_string();
    }
    let words = text.split(' ').map(|word| {
        let mut chars = word.chars();
        chars.next().map(|c| c.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect::<String>()).unwrap_or_default()
    });
    clean(&words.collect::<Vec<_>>().join(" "))
}

/// The place name without its level word: "Xã Hoà Bình" → "Hoà Bình", "ĐẢNG ỦY XÃ HOÀ BÌNH" → "Hoà Bình".
pub(crate) fn place_of(name: &str) -> String {
    let territory = without_party_words(name);
    let bare = LEVEL_WORDS
        .iter()
        .find_map(|words| leading_words(&territory, words).map(|count| drop_words(&territory, count)))
        .filter(|rest| !rest.is_empty())
        .unwrap_or(territory);
    title_case(&bare)
}

/// The Party line above the issuer for a body whose parent is `parent`: "ĐẢNG BỘ TỈNH SÔNG LAM".
fn party_superior(parent: &UnitInfo) -> String {
    let name = clean(&parent.name);
    let folded = fold(&name);
    if folded.starts_with("dang bo ") || folded.starts_with("chi bo ") || (is_party_name(&name) && folded.starts_with("ban ")) {
        return upper(&name);
    }
    format!("ĐẢNG BỘ {}", upper(&without_party_words(&name)))
}

/// A territory's name as it reads inside a sentence: "Xã Hoà Bình" → "xã Hoà Bình"; other names unchanged.
pub(crate) fn in_sentence(name: &str) -> String {
    let name = clean(name);
    match LEVEL_WORDS.iter().find_map(|words| leading_words(&name, words)) {
        Some(count) if count < name.split(' ').count() => {
            let level = name.split(' ').take(count).collect::<Vec<_>>().join(" ");
            format!("{} {}", level.to_lowercase(), drop_words(&name, count))
        }
        _ => name,
    }
}

/// "Đảng ủy xã Hoà Bình": the Party body of a unit, as a sentence names it.
pub(crate) fn party_body_name(unit: &UnitInfo) -> String {
    let name = clean(&unit.name);
    if is_party_name(&name) || !TERRITORIAL.contains(&unit.level.as_str()) {
        return name;
    }
    party_committee(&name)
}

/// Territories whose Party committee has a name of its own ("Tỉnh ủy Sông Lam", "Huyện ủy …"); a commune's, a
/// ward's and any other's is "Đảng ủy …". Folded level word, then the committee's word.
const OWN_COMMITTEES: [(&str, &str); 5] =
    [("tinh", "Tỉnh ủy"), ("thanh pho", "Thành ủy"), ("huyen", "Huyện ủy"), ("quan", "Quận ủy"), ("thi xa", "Thị ủy")];

/// The Party committee of a unit named without a Party word, as a sentence names it.
fn party_committee(name: &str) -> String {
    for (words, committee) in OWN_COMMITTEES {
        if let Some(count) = leading_words(name, words) {
            let rest = drop_words(name, count);
            if !rest.is_empty() {
                return format!("{committee} {rest}");
            }
        }
    }
    format!("Đảng ủy {}", in_sentence(name))
}

/// Default header lines for a unit: `chain` is the unit, then its parent, then further ancestors (any may be
/// missing). The Party issuer is the unit's Party committee unless the name already is a Party body's; a People's
/// Committee names no superior (NĐ 30 gives its name alone), an agency names the committee it belongs to.
pub(crate) fn derive(chain: &[UnitInfo]) -> HeaderLines {
    let Some(unit) = chain.first() else {
        return HeaderLines {
            party_superior: String::new(),
            party_issuer: String::new(),
            state_superior: String::new(),
            state_issuer: String::new(),
            place: String::new(),
        };
    };
    let parent = chain.get(1);
    let name = clean(&unit.name);
    let party_issuer = if is_party_name(&name) { upper(&name) } else { upper(&party_committee(&name)) };
    let territorial = TERRITORIAL.contains(&unit.level.as_str());
    let (state_superior, state_issuer) = if territorial {
        (String::new(), format!("ỦY BAN NHÂN DÂN {}", upper(&without_party_words(&name))))
    } else {
        let superior = parent
            .map(|p| {
                if TERRITORIAL.contains(&p.level.as_str()) {
                    format!("UBND {}", upper(&without_party_words(&p.name)))
                } else {
                    upper(&p.name)
                }
            })
            .unwrap_or_default();
        (superior, upper(&without_party_words(&name)))
    };
    let territory = chain.iter().find(|u| TERRITORIAL.contains(&u.level.as_str())).unwrap_or(unit);
    HeaderLines {
        party_superior: parent.map(party_superior).unwrap_or_default(),
        party_issuer,
        state_superior,
        state_issuer,
        place: place_of(&territory.name),
    }
}

/// "ngày 28 tháng 12 năm 2026". Days below 10 and the months January and February take a leading zero, as
/// NĐ 30 asks, so that no digit can be added by hand afterwards.
pub(crate) fn long_date(date: NaiveDate) -> String {
    let month = if date.month() <= 2 { format!("{:02}", date.month()) } else { date.month().to_string() };
    format!("ngày {:02} tháng {month} năm {}", date.day(), date.year())
}

/// "Hoà Bình, ngày 28 tháng 12 năm 2026"; without a place, "Ngày 28 tháng 12 năm 2026".
pub(crate) fn place_date(place: &str, date: NaiveDate) -> String {
    let place = clean(place);
    if place.is_empty() {
        let text = long_date(date);
        let mut chars = text.chars();
        chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
    } else {
        format!("{place}, {}", long_date(date))
    }
}

/// The number line with the number left blank for the clerk: "Số      -BB/ĐU" (HD 36) or "Số:      /BB-UBND"
/// (NĐ 30). `kind` is the document's abbreviation ("BB" minutes, "BC" report); None prints no number.
pub(crate) fn number_line(format: HeaderFormat, kind: Option<&str>) -> String {
    match (format, kind) {
        (_, None) => String::new(),
        (HeaderFormat::Party, Some(kind)) => format!("Số      -{kind}/ĐU"),
        (HeaderFormat::State, Some(kind)) => format!("Số:      /{kind}-UBND"),
    }
}

pub(crate) fn letterhead(lines: &HeaderLines, format: HeaderFormat, kind: Option<&str>, date: NaiveDate) -> Letterhead {
    let (superior, issuer) = match format {
        HeaderFormat::Party => (&lines.party_superior, &lines.party_issuer),
        HeaderFormat::State => (&lines.state_superior, &lines.state_issuer),
    };
    Letterhead {
        format,
        superior: superior.clone(),
        issuer: issuer.clone(),
        number: number_line(format, kind),
        place_date: place_date(&lines.place, date),
    }
}

/// The issuing body's signature: "T/M ĐẢNG ỦY" over "BÍ THƯ", or "T/M ỦY BAN NHÂN DÂN" over "CHỦ TỊCH"; an
/// agency's head signs in the agency's name.
pub(crate) fn issuer_signature(lines: &HeaderLines, format: HeaderFormat) -> Signature {
    match format {
        HeaderFormat::Party => {
            let body: Vec<&str> = lines.party_issuer.split(' ').take(2).collect();
            Signature { on_behalf: format!("T/M {}", body.join(" ")), title: "BÍ THƯ".into(), name: String::new() }
        }
        HeaderFormat::State if lines.state_issuer.starts_with("ỦY BAN NHÂN DÂN") => {
            Signature { on_behalf: "T/M ỦY BAN NHÂN DÂN".into(), title: "CHỦ TỊCH".into(), name: String::new() }
        }
        HeaderFormat::State => Signature { on_behalf: String::new(), title: "THỦ TRƯỞNG ĐƠN VỊ".into(), name: String::new() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn unit(name: &str, level: &str) -> UnitInfo {
        UnitInfo { name: name.into(), level: level.into() }
    }

    #[test]
    fn a_commune_under_a_province_gets_both_formats() {
        let lines = derive(&[unit("Xã Hoà Bình", "commune"), unit("Tỉnh Sông Lam", "province")]);
        assert_eq!(lines.party_superior, "ĐẢNG BỘ TỈNH SÔNG LAM");
        assert_eq!(lines.party_issuer, "ĐẢNG ỦY XÃ HOÀ BÌNH");
        assert_eq!(lines.state_superior, "");
        assert_eq!(lines.state_issuer, "ỦY BAN NHÂN DÂN XÃ HOÀ BÌNH");
        assert_eq!(lines.place, "Hoà Bình");
    }

    #[test]
    fn a_name_that_already_names_a_party_body_is_not_doubled() {
        let lines = derive(&[unit("Đảng uỷ phường Đông Hà", "ward"), unit("Tỉnh ủy Sông Lam", "province")]);
        assert_eq!(lines.party_issuer, "ĐẢNG UỶ PHƯỜNG ĐÔNG HÀ");
        assert_eq!(lines.party_superior, "ĐẢNG BỘ TỈNH SÔNG LAM");
        assert_eq!(lines.state_issuer, "ỦY BAN NHÂN DÂN PHƯỜNG ĐÔNG HÀ");
        assert_eq!(lines.place, "Đông Hà");
        let cell = derive(&[unit("Chi bộ Văn phòng", "party_cell"), unit("Đảng ủy xã Tân Lập", "commune")]);
        assert_eq!(cell.party_issuer, "CHI BỘ VĂN PHÒNG");
        assert_eq!(cell.party_superior, "ĐẢNG BỘ XÃ TÂN LẬP");
        assert_eq!(cell.place, "Tân Lập", "an agency dates its documents from its territory");
    }

    #[test]
    fn a_name_in_capitals_keeps_its_marks_and_reads_as_a_place() {
        let decomposed: String = "ĐẢNG ỦY XÃ HOÀ BÌNH".nfd().collect();
        let lines = derive(&[unit(&decomposed, "commune")]);
        assert_eq!(lines.party_issuer, "ĐẢNG ỦY XÃ HOÀ BÌNH");
        assert!(lines.party_issuer.nfc().eq(lines.party_issuer.chars()), "NFC");
        assert_eq!(lines.party_superior, "", "no parent, no superior line");
        assert_eq!(lines.state_issuer, "ỦY BAN NHÂN DÂN XÃ HOÀ BÌNH");
        assert_eq!(lines.place, "Hoà Bình");
    }

    #[test]
    fn an_agency_names_the_committee_it_belongs_to() {
        let lines = derive(&[
            unit("Văn phòng HĐND và UBND xã Tân Lập", "agency"),
            unit("Xã Tân Lập", "commune"),
            unit("Tỉnh Sông Lam", "province"),
        ]);
        assert_eq!(lines.state_superior, "UBND XÃ TÂN LẬP");
        assert_eq!(lines.state_issuer, "VĂN PHÒNG HĐND VÀ UBND XÃ TÂN LẬP");
        assert_eq!(lines.party_superior, "ĐẢNG BỘ XÃ TÂN LẬP");
        assert_eq!(lines.place, "Tân Lập");
    }

    #[test]
    fn a_province_and_a_special_zone_lose_their_level_word_in_the_place() {
        assert_eq!(derive(&[unit("Tỉnh Sông Lam", "province")]).place, "Sông Lam");
        assert_eq!(derive(&[unit("Đặc khu Cô Tô", "special_zone")]).place, "Cô Tô");
        assert_eq!(derive(&[unit("Tỉnh ủy Sông Lam", "province")]).state_issuer, "ỦY BAN NHÂN DÂN TỈNH SÔNG LAM");
    }

    #[test]
    fn a_province_and_a_district_have_committees_of_their_own_name() {
        assert_eq!(derive(&[unit("Tỉnh Sông Lam", "province")]).party_issuer, "TỈNH ỦY SÔNG LAM");
        assert_eq!(derive(&[unit("Thành phố Hải Phòng", "province")]).party_issuer, "THÀNH ỦY HẢI PHÒNG");
        assert_eq!(derive(&[unit("Huyện Yên Thành", "district")]).party_issuer, "HUYỆN ỦY YÊN THÀNH");
        assert_eq!(derive(&[unit("Thị xã Sơn Tây", "district")]).party_issuer, "THỊ ỦY SƠN TÂY");
        assert_eq!(derive(&[unit("Phường Thu Thuỷ", "ward")]).party_issuer, "ĐẢNG ỦY PHƯỜNG THU THUỶ");
    }

    #[test]
    fn the_body_name_reads_inside_a_sentence() {
        assert_eq!(party_body_name(&unit("Xã Hoà Bình", "commune")), "Đảng ủy xã Hoà Bình");
        assert_eq!(party_body_name(&unit("Đảng ủy xã Hoà Bình", "commune")), "Đảng ủy xã Hoà Bình");
        assert_eq!(party_body_name(&unit("Phòng Kinh tế xã Hoà Bình", "agency")), "Phòng Kinh tế xã Hoà Bình");
        assert_eq!(party_body_name(&unit("Tỉnh Sông Lam", "province")), "Tỉnh ủy Sông Lam");
        assert_eq!(in_sentence("Thị xã Sơn Tây"), "thị xã Sơn Tây");
        assert_eq!(in_sentence("Xã"), "Xã", "a level word alone is a name, not a level");
    }

    #[test]
    fn dates_are_written_out_with_the_leading_zeros_of_official_documents() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(place_date("Hoà Bình", d(2026, 12, 28)), "Hoà Bình, ngày 28 tháng 12 năm 2026");
        assert_eq!(place_date("Hoà Bình", d(2026, 2, 5)), "Hoà Bình, ngày 05 tháng 02 năm 2026");
        assert_eq!(place_date("Hoà Bình", d(2026, 3, 5)), "Hoà Bình, ngày 05 tháng 3 năm 2026");
        assert_eq!(place_date(" ", d(2026, 12, 28)), "Ngày 28 tháng 12 năm 2026");
    }

    #[test]
    fn number_lines_and_signatures_follow_the_format() {
        assert_eq!(number_line(HeaderFormat::Party, Some("BB")), "Số      -BB/ĐU");
        assert_eq!(number_line(HeaderFormat::State, Some("BC")), "Số:      /BC-UBND");
        assert_eq!(number_line(HeaderFormat::Party, None), "");
        let lines = derive(&[unit("Xã Hoà Bình", "commune")]);
        assert_eq!(issuer_signature(&lines, HeaderFormat::Party).on_behalf, "T/M ĐẢNG ỦY");
        assert_eq!(issuer_signature(&lines, HeaderFormat::State).title, "CHỦ TỊCH");
    }
}
