//! Vietnamese typed in the pre-Unicode 8-bit font encodings TCVN3 (ABC: .VnTime, .VnArial) and VNI
//! (VNI-Times), turned into Unicode NFC.
//!
//! Such text reaches us one character per legacy byte: an .xlsx keeps what the old font drew as the
//! Latin-1/Windows-1252 character of each byte (TCVN3 "Hä vµ tªn", VNI "Hoï vaø teân" = "Họ và tên"),
//! and an old CSV is read as Windows-1252. Bytes 0x80–0x9F may therefore come as U+0080–U+009F or as
//! their Windows-1252 characters ('€', 'Š', …); both are accepted, and neither table puts a letter there.
//!
//! Sources of the tables (each agrees with the others on every code used here; the tests hold the
//! complete listings):
//! - TCVN3: UniKey's VnConv `SingleByteTables` "TCVN3" (github.com/vn-input/ibus-unikey,
//!   ukengine/data.cpp); xvnkb (github.com/lamdao/xvnkb, tcvn.h); the libiconv/XFree86 TCVN-5712 table
//!   (xc/lib/X11/lcUniConv/tcvn.h, rows 0xA0–0xFF, of which ABC uses a subset); duydev/vietnamese-conversion
//!   (src/charsets.ts) for the lower-case letters and Ă Â Ê Ô Ơ Ư Đ.
//! - VNI-Windows: UniKey's `DoubleByteTables` "VNI-WIN" (same data.cpp); xvnkb vni.h;
//!   duydev/vietnamese-conversion src/charsets.ts as first published (commit 46413a0; a later
//!   refactor garbled Ỷ and Ỹ).
//! - Windows-1252 0x80–0x9F: the Unicode consortium's cp1252 mapping (as in Python's `cp1252` codec).

use std::ops::Range;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// A pre-Unicode Vietnamese font encoding.
///
/// TCVN3 (the ABC single-font table, TCVN 5712:1993 VN3) has upper-case codes only for Ă Â Ê Ô Ơ Ư Đ:
/// other capitals with a tone mark (Á, Ọ, Ễ …) were typed with the lower-case code in the .VnTimeH
/// font, so the code alone does not give the case. [`convert`] writes such letters in lower case
/// unless the text says otherwise: they become upper case in a word with two or more capitals and
/// no lower-case letter, or in a text with two or more capitals and no lower-case letter at all
/// ("NGUYÔN" → "NGUYỄN"); a word that starts with one is capitalised when every other word of the
/// text is ("Đặng Ngọc Ẩn"), or when it opens a text that has another capital ("Ủy viên Ban Thường
/// vụ"). The capitals that only the full VN1 table has (at 0x80–0x9F, 0x01–0x17, 0xC0–0xC5 …) are
/// not ABC and are not decoded: those bytes keep their Windows-1252 meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegacyEncoding {
    Tcvn3,
    Vni,
}

/// Windows-1252 characters for bytes 0x80–0x9F ('\0' where the code page leaves the byte undefined).
#[rustfmt::skip]
const CP1252_80: [char; 32] = [
    '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0',
    '\0', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
];

/// TCVN3 letters for bytes 0xA0–0xFF ('\0' = not a letter in ABC; the byte keeps its Latin-1 meaning).
/// From 0xB5 on, each code also stands for the upper-case letter (see [`LegacyEncoding`]).
#[rustfmt::skip]
const TCVN3_A0: [char; 96] = [
    '\0', 'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ', 'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ', '\0', // 0xA0
    '\0', '\0', '\0', '\0', '\0', 'à', 'ả', 'ã', 'á', 'ạ', '\0', 'ằ', 'ẳ', 'ẵ', 'ắ', '\0', // 0xB0
    '\0', '\0', '\0', '\0', '\0', '\0', 'ặ', 'ầ', 'ẩ', 'ẫ', 'ấ', 'ậ', 'è', '\0', 'ẻ', 'ẽ', // 0xC0
    'é', 'ẹ', 'ề', 'ể', 'ễ', 'ế', 'ệ', 'ì', 'ỉ', '\0', '\0', '\0', 'ĩ', 'í', 'ị', 'ò', // 0xD0
    '\0', 'ỏ', 'õ', 'ó', 'ọ', 'ồ', 'ổ', 'ỗ', 'ố', 'ộ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ', 'ù', // 0xE0
    '\0', 'ủ', 'ũ', 'ú', 'ụ', 'ừ', 'ử', 'ữ', 'ứ', 'ự', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ', '\0', // 0xF0
];

/// VNI writes most letters as a base letter followed by one diacritic byte. The diacritic bytes as
/// (after a lower-case base, after an upper-case base), in the column order of [`VNI_COMBOS`]:
/// acute, grave, hook, tilde, dot; circumflex alone and with those five; breve alone and with them.
#[rustfmt::skip]
const VNI_MARKS: [(u8, u8); 17] = [
    (0xF9, 0xD9), (0xF8, 0xD8), (0xFB, 0xDB), (0xF5, 0xD5), (0xEF, 0xCF),
    (0xE2, 0xC2), (0xE1, 0xC1), (0xE0, 0xC0), (0xE5, 0xC5), (0xE3, 0xC3), (0xE4, 0xC4),
    (0xEA, 0xCA), (0xE9, 0xC9), (0xE8, 0xC8), (0xFA, 0xDA), (0xFC, 0xDC), (0xEB, 0xCB),
];

/// For each VNI base (as its lower-case byte: 'ô' 0xF4 is VNI's ơ, 'ö' 0xF6 its ư), the letter each
/// diacritic byte of [`VNI_MARKS`] makes with it ('\0' = no such pair). An upper-case base with the
/// upper-case diacritic byte gives the same letter in upper case.
#[rustfmt::skip]
const VNI_COMBOS: [(u8, [char; 17]); 7] = [
    (b'a', ['á', 'à', 'ả', 'ã', 'ạ', 'â', 'ấ', 'ầ', 'ẩ', 'ẫ', 'ậ', 'ă', 'ắ', 'ằ', 'ẳ', 'ẵ', 'ặ']),
    (b'e', ['é', 'è', 'ẻ', 'ẽ', 'ẹ', 'ê', 'ế', 'ề', 'ể', 'ễ', 'ệ', '\0', '\0', '\0', '\0', '\0', '\0']),
    (b'o', ['ó', 'ò', 'ỏ', 'õ', 'ọ', 'ô', 'ố', 'ồ', 'ổ', 'ỗ', 'ộ', '\0', '\0', '\0', '\0', '\0', '\0']),
    (0xF4, ['ớ', 'ờ', 'ở', 'ỡ', 'ợ', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0']),
    (b'u', ['ú', 'ù', 'ủ', 'ũ', 'ụ', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0']),
    (0xF6, ['ứ', 'ừ', 'ử', 'ữ', 'ự', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0']),
    (b'y', ['ý', 'ỳ', 'ỷ', 'ỹ', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0', '\0']),
];

/// VNI letters that take a single byte: Đ, ơ and ư (which are also bases above), and the i's and ỵ.
#[rustfmt::skip]
const VNI_SINGLES: [(u8, char); 18] = [
    (0xD1, 'Đ'), (0xF1, 'đ'), (0xD4, 'Ơ'), (0xF4, 'ơ'), (0xD6, 'Ư'), (0xF6, 'ư'),
    (0xCD, 'Í'), (0xED, 'í'), (0xCC, 'Ì'), (0xEC, 'ì'), (0xC6, 'Ỉ'), (0xE6, 'ỉ'),
    (0xD3, 'Ĩ'), (0xF3, 'ĩ'), (0xD2, 'Ị'), (0xF2, 'ị'), (0xCE, 'Ỵ'), (0xEE, 'ỵ'),
];

/// Which legacy encoding a set of texts (e.g. all cells of a sheet) was typed in, if any: `None` when
/// the text already looks like Unicode Vietnamese or plain ASCII.
///
/// Decides on the whole sample: each word of two or more characters that is not plain ASCII is
/// converted both ways and checked against Vietnamese spelling (onset, vowel group, final consonant,
/// one tone mark in a possible place). For each encoding, a word that becomes a syllable and was not
/// one scores +1; one that was a syllable and is no longer, or that is not a syllable either way, −1;
/// one that is a syllable both ways (TCVN3 turns "Chí" into "Chớ") counts for nothing. Words holding a
/// character no legacy byte can stand for (ạ, ư, đ …) are Unicode: each such syllable counts −1 for
/// both. The better encoding wins if its score is positive and strictly higher than the other's.
pub fn detect(texts: &[&str]) -> Option<LegacyEncoding> {
    const ENCODINGS: [LegacyEncoding; 2] = [LegacyEncoding::Tcvn3, LegacyEncoding::Vni];
    let mut scores = [0i64; 2];
    for word in texts.iter().flat_map(|text| words(text)) {
        if word.is_ascii() || word.chars().nth(1).is_none() {
            continue; // unchanged by both, or too short to tell ("£" would read as TCVN3 "Ê")
        }
        if word.chars().any(|c| legacy_byte(c).is_none()) {
            if is_syllable(word) {
                scores.iter_mut().for_each(|s| *s -= 1);
            }
            continue;
        }
        let before = is_syllable(word);
        for (score, encoding) in scores.iter_mut().zip(ENCODINGS) {
            let after = convert(word, encoding);
            if after != word {
                match (before, is_syllable(&after)) {
                    (false, true) => *score += 1,
                    (true, true) => {}
                    _ => *score -= 1,
                }
            }
        }
    }
    let [tcvn3, vni] = scores;
    if tcvn3 > 0 && tcvn3 > vni {
        Some(LegacyEncoding::Tcvn3)
    } else if vni > 0 && vni > tcvn3 {
        Some(LegacyEncoding::Vni)
    } else {
        None
    }
}

/// Converts one text (already decoded as chars, each legacy byte as the char U+0000..U+00FF or its
/// Windows-1252 character for 0x80..0x9F) to Unicode NFC. Characters that are not part of the
/// encoding's letters are kept (C1 controls become their Windows-1252 characters).
pub fn convert(text: &str, encoding: LegacyEncoding) -> String {
    let converted = match encoding {
        LegacyEncoding::Tcvn3 => convert_tcvn3(text),
        LegacyEncoding::Vni => convert_vni(text),
    };
    converted.nfc().collect()
}

/// Whether every character of the text can stand for a legacy byte: text holding any other character (ạ, ư, đ …)
/// is already Unicode and must not be converted.
pub fn could_be_legacy(text: &str) -> bool {
    text.chars().all(|c| legacy_byte(c).is_some())
}

/// The bytes of an old text file as Windows-1252 characters, the way the old fonts' text reaches us from Excel
/// (bytes the code page leaves undefined become their C1 code points).
pub fn decode_windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => windows_1252(char::from(b)),
            _ => char::from(b),
        })
        .collect()
}

/// The legacy byte a character stands for, if any.
fn legacy_byte(c: char) -> Option<u8> {
    u8::try_from(u32::from(c)).ok().or_else(|| {
        let i = CP1252_80.iter().position(|&w| w == c)?;
        u8::try_from(0x80 + i).ok()
    })
}

/// A C1 control stands for the Windows-1252 character of its byte; anything else stays itself.
fn windows_1252(c: char) -> char {
    let i = u32::from(c).wrapping_sub(0x80) as usize;
    match CP1252_80.get(i) {
        Some(&w) if w != '\0' => w,
        _ => c,
    }
}

fn tcvn3_letter(byte: u8) -> Option<char> {
    let c = *TCVN3_A0.get(usize::from(byte).checked_sub(0xA0)?)?;
    (c != '\0').then_some(c)
}

fn convert_tcvn3(text: &str) -> String {
    // Each char with whether it came from a code ABC shares between the cases (0xB5 and up).
    let mut chars: Vec<(char, bool)> = text
        .chars()
        .map(|c| match legacy_byte(c).and_then(|b| Some((tcvn3_letter(b)?, b >= 0xB5))) {
            Some(letter) => letter,
            None => (windows_1252(c), false),
        })
        .collect();
    restore_tcvn3_case(&mut chars);
    chars.into_iter().map(|(c, _)| c).collect()
}

/// Chooses upper case for shared-code letters where the rest of the text shows it was meant
/// (the rules are in [`LegacyEncoding`]'s documentation).
fn restore_tcvn3_case(chars: &mut [(char, bool)]) {
    let known_lower = |&(c, shared): &(char, bool)| c.is_lowercase() && !shared;
    let capitals = chars.iter().filter(|(c, _)| c.is_uppercase()).count();
    if capitals >= 2 && !chars.iter().any(known_lower) {
        chars.iter_mut().filter(|(_, shared)| *shared).for_each(|(c, _)| *c = upper(*c));
        return;
    }
    let mut words: Vec<Range<usize>> = Vec::new();
    let mut start = None;
    for (i, (c, _)) in chars.iter().enumerate() {
        if c.is_alphabetic() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            words.push(s..i);
        }
    }
    words.extend(start.map(|s| s..chars.len()));
    let (mut capitalised, mut lower) = (0, 0);
    for w in &words {
        match chars[w.start] {
            (_, true) => {}
            (c, _) if c.is_uppercase() => capitalised += 1,
            _ => lower += 1,
        }
    }
    let title_case = capitalised > 0 && lower == 0;
    for (n, w) in words.into_iter().enumerate() {
        let word = &mut chars[w];
        let word_capitals = word.iter().filter(|(c, _)| c.is_uppercase()).count();
        if word_capitals >= 2 && !word.iter().any(known_lower) {
            word.iter_mut().filter(|(_, shared)| *shared).for_each(|(c, _)| *c = upper(*c));
        } else if word[0].1 && word_capitals == 0 && (title_case || (n == 0 && capitals > 0)) {
            word[0].0 = upper(word[0].0);
        }
    }
}

fn upper(c: char) -> char {
    let mut u = c.to_uppercase();
    match (u.next(), u.next()) {
        (Some(single), None) => single,
        _ => c,
    }
}

fn convert_vni(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(letter) = chars.peek().and_then(|&mark| vni_pair(c, mark)) {
            out.push(letter);
            chars.next();
        } else {
            let single = legacy_byte(c).and_then(|b| VNI_SINGLES.iter().find(|&&(s, _)| s == b));
            out.push(single.map_or_else(|| windows_1252(c), |&(_, letter)| letter));
        }
    }
    out
}

fn vni_pair(base: char, mark: char) -> Option<char> {
    let (base, mark) = (legacy_byte(base)?, legacy_byte(mark)?);
    let capital = base.is_ascii_uppercase() || base == 0xD4 || base == 0xD6;
    let base = if capital { base | 0x20 } else { base };
    let column = VNI_MARKS.iter().position(|&(lower, upper)| mark == if capital { upper } else { lower })?;
    let (_, row) = VNI_COMBOS.iter().find(|&&(b, _)| b == base)?;
    let letter = row[column];
    (letter != '\0').then(|| if capital { upper(letter) } else { letter })
}

/// Runs of letters, combining marks and TCVN3 letter codes (several are Latin-1 symbols such as '¸').
fn words(text: &str) -> impl Iterator<Item = &str> {
    let is_word_char = |c: char| c.is_alphabetic() || is_combining_mark(c) || legacy_byte(c).and_then(tcvn3_letter).is_some();
    text.split(move |c: char| !is_word_char(c)).filter(|w| !w.is_empty())
}

const ONSETS: [&str; 28] = [
    "ngh", "ng", "gh", "gi", "kh", "nh", "ph", "qu", "th", "tr", "ch", "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s",
    "t", "v", "x", "",
];
const CODAS: [&str; 9] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

/// Vowel groups (glides included), with the positions that may carry the tone mark when the group
/// ends the syllable and when a final consonant follows (empty = the group cannot stand there).
/// Both the old ("hòa") and new ("hoà") placements are accepted.
#[rustfmt::skip]
const NUCLEI: [(&str, &[usize], &[usize]); 54] = [
    ("a", &[0], &[0]), ("ă", &[], &[0]), ("â", &[], &[0]), ("e", &[0], &[0]), ("ê", &[0], &[0]),
    ("i", &[0], &[0]), ("o", &[0], &[0]), ("ô", &[0], &[0]), ("ơ", &[0], &[0]), ("u", &[0], &[0]),
    ("ư", &[0], &[0]), ("y", &[0], &[]),
    ("ai", &[0], &[]), ("ao", &[0], &[]), ("au", &[0], &[]), ("ay", &[0], &[]), ("âu", &[0], &[]),
    ("ây", &[0], &[]), ("eo", &[0], &[]), ("êu", &[0], &[]), ("ia", &[0], &[]), ("iu", &[0], &[]),
    ("oi", &[0], &[]), ("ôi", &[0], &[]), ("ơi", &[0], &[]), ("ua", &[0], &[]), ("ui", &[0], &[]),
    ("ưa", &[0], &[]), ("ưi", &[0], &[]), ("ưu", &[0], &[]),
    ("oa", &[0, 1], &[1]), ("oe", &[0, 1], &[1]), ("uy", &[0, 1], &[1]), ("uê", &[1], &[1]), ("uơ", &[1], &[]),
    ("iê", &[], &[1]), ("yê", &[], &[1]), ("uô", &[], &[1]), ("ươ", &[], &[1]), ("oă", &[], &[1]),
    ("uâ", &[], &[1]), ("oo", &[], &[1]),
    ("iêu", &[1], &[]), ("yêu", &[1], &[]), ("oai", &[1], &[]), ("oay", &[1], &[]), ("oeo", &[1], &[]),
    ("uây", &[1], &[]), ("uôi", &[1], &[]), ("ươi", &[1], &[]), ("ươu", &[1], &[]), ("uya", &[1], &[]),
    ("uyu", &[1], &[]), ("uyê", &[], &[2]),
];

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y')
}

/// Whether a word is spelt like one Vietnamese syllable (any case, NFC or not).
fn is_syllable(word: &str) -> bool {
    let mut letters: Vec<char> = Vec::with_capacity(8);
    let mut tone: Option<(usize, char)> = None;
    for c in word.nfd().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' | 'đ' => letters.push(c),
            '\u{302}' | '\u{306}' | '\u{31B}' => {
                let Some(last) = letters.last_mut() else { return false };
                *last = match (*last, c) {
                    ('a', '\u{302}') => 'â',
                    ('a', '\u{306}') => 'ă',
                    ('e', '\u{302}') => 'ê',
                    ('o', '\u{302}') => 'ô',
                    ('o', '\u{31B}') => 'ơ',
                    ('u', '\u{31B}') => 'ư',
                    _ => return false,
                };
            }
            '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}' if tone.is_none() && !letters.is_empty() => {
                tone = Some((letters.len() - 1, c));
            }
            _ => return false,
        }
    }
    ONSETS.iter().any(|onset| fits(&letters, onset, tone))
}

/// Whether `letters` read as `onset` + vowel group + final consonant, with the tone where it may go.
fn fits(letters: &[char], onset: &str, tone: Option<(usize, char)>) -> bool {
    let n = onset.chars().count();
    if letters.len() < n || !letters.iter().zip(onset.chars()).all(|(&a, b)| a == b) {
        return false;
    }
    let rest = &letters[n..];
    let vowel_count = rest.iter().take_while(|&&c| is_vowel(c)).count();
    let (vowels, coda) = rest.split_at(vowel_count);
    let coda: String = coda.iter().collect();
    let Some(&first) = vowels.first() else { return false };
    if !CODAS.contains(&coda.as_str()) {
        return false;
    }
    let front = matches!(first, 'i' | 'e' | 'ê' | 'y');
    let onset_fits = match onset {
        "k" | "gh" | "ngh" => front,
        "c" | "ng" => !front,
        "g" => !matches!(first, 'e' | 'ê'),
        "qu" => first != 'u',
        "gi" => first != 'i',
        _ => true,
    };
    // Spelling hides a glide in "qu" + y (quỳnh = qu + uynh) and an i in "gi" + ê (giếng = gi + iêng).
    let mut group: String = vowels.iter().collect();
    let mut shift = 0;
    if (onset == "qu" && group == "y" && !coda.is_empty()) || (onset == "gi" && first == 'ê') {
        group.insert(0, if onset == "qu" { 'u' } else { 'i' });
        shift = 1;
    }
    let Some(&(_, open, closed)) = NUCLEI.iter().find(|(g, _, _)| *g == group) else { return false };
    let places = if coda.is_empty() { open } else { closed };
    let coda_fits = match coda.as_str() {
        "ch" | "nh" => matches!(group.as_str(), "a" | "ê" | "i" | "oa" | "uê" | "uy"),
        "c" | "ng" => !matches!(group.as_str(), "i" | "ê" | "ơ" | "uy" | "uê"),
        _ => true,
    };
    // A syllable closed by c, ch, p or t carries the acute or the dot below.
    let stop = matches!(coda.as_str(), "c" | "ch" | "p" | "t");
    let tone_fits = match tone {
        None => !stop,
        Some((at, mark)) => at >= n && places.contains(&(at - n + shift)) && (!stop || matches!(mark, '\u{301}' | '\u{323}')),
    };
    onset_fits && !places.is_empty() && coda_fits && tone_fits
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::is_nfc;
    use LegacyEncoding::{Tcvn3, Vni};

    /// Test-only inverse of the tables: Unicode → legacy, one char per byte (Latin-1).
    fn encode(text: &str, encoding: LegacyEncoding) -> String {
        let mut out = String::new();
        for c in text.nfc() {
            if c.is_ascii() {
                out.push(c);
                continue;
            }
            match encoding {
                Tcvn3 => {
                    let lower = c.to_lowercase().next().unwrap_or(c);
                    let byte = (0xA0..=0xFF)
                        .find(|&b| tcvn3_letter(b) == Some(c))
                        .or_else(|| (0xB5..=0xFF).find(|&b| tcvn3_letter(b) == Some(lower)))
                        .unwrap_or_else(|| panic!("{c} has no TCVN3 code"));
                    out.push(char::from(byte));
                }
                Vni => {
                    if let Some(&(b, _)) = VNI_SINGLES.iter().find(|&&(_, s)| s == c) {
                        out.push(char::from(b));
                        continue;
                    }
                    let (base, mark) = VNI_COMBOS
                        .iter()
                        .flat_map(|&(base, row)| row.into_iter().zip(VNI_MARKS).map(move |(l, m)| (base, l, m)))
                        .find_map(|(base, letter, (lower, capital))| match letter {
                            '\0' => None,
                            l if l == c => Some((char::from(base), lower)),
                            l if upper(l) == c => Some((upper(char::from(base)), capital)),
                            _ => None,
                        })
                        .unwrap_or_else(|| panic!("{c} has no VNI spelling"));
                    out.push(base);
                    out.push(char::from(mark));
                }
            }
        }
        out
    }

    // The roster header row, names and places an office sheet holds.
    const PHRASES: &[&str] = &[
        "Họ và tên",
        "Ngày, tháng, năm sinh",
        "Giới tính",
        "Quê quán",
        "Chức vụ",
        "Trình độ chuyên môn",
        "Lý luận chính trị",
        "Đảng viên",
        "Nguyễn Thị Hường",
        "Trần Đức Lộc",
        "Lê Văn Thưởng",
        "Phạm Quỳnh Anh",
        "Đặng Ngọc Ẩn",
        "Xã Tân Phước, huyện Đức Hòa",
        "Bí thư Đảng ủy",
        "Chủ tịch UBND",
        "Thạc sĩ Quản lý công",
        "Cử nhân chính trị",
        "Ủy viên Ban Thường vụ",
        "Phó Giám đốc Sở Nội vụ",
        "Đoàn Thị Ánh Tuyết",
        "Nguyễn Văn Ấu",
        "Trường Tiểu học Lê Quý Đôn",
        "Khen thưởng, kỷ luật",
        "Nơi ở hiện nay",
        "Quá trình công tác",
        "Dân tộc: Kinh",
        "Nữ",
        "NGUYỄN VĂN AN",
        "ĐẢNG ỦY XÃ",
        "Trưởng phòng Tổ chức - Hành chính",
        "Số điện thoại: 0912 345 678",
        "Ngày vào Đảng 19/05/2001",
        "Huyện Yên Thế, tỉnh Bắc Giang",
        "Giám đốc Trung tâm Y tế",
        "Người được khen thưởng",
        "Quyết định số 123/QĐ-UBND",
        "Phường Nghĩa Đô, quận Cầu Giấy",
    ];

    #[test]
    fn phrases_round_trip_through_both_encodings() {
        for phrase in PHRASES {
            for encoding in [Tcvn3, Vni] {
                let legacy = encode(phrase, encoding);
                assert_ne!(&legacy, phrase, "{encoding:?} changes {phrase}");
                assert_eq!(convert(&legacy, encoding), *phrase, "{encoding:?} {legacy:?}");
            }
        }
    }

    /// Every letter in UniKey's order (a, â, ă, e, ê, o, ô, ơ, u, ư, i, y with no tone, acute, grave,
    /// hook, tilde, dot; then đ), as listed by xvnkb's tcvn.h/vni.h and UniKey's data.cpp.
    const LOWER: &str = "áàảãạâấầẩẫậăắằẳẵặéèẻẽẹêếềểễệóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựíìỉĩịýỳỷỹỵđ";
    const UPPER: &str = "ÁÀẢÃẠÂẤẦẨẪẬĂẮẰẲẴẶÉÈẺẼẸÊẾỀỂỄỆÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÚÙỦŨỤƯỨỪỬỮỰÍÌỈĨỊÝỲỶỸỴĐ";
    const TCVN3_LOWER: &str = "¸µ¶·¹©ÊÇÈÉË¨¾»¼½ÆÐÌÎÏÑªÕÒÓÔÖãßáâä«èåæçé¬íêëìîóïñòô\u{AD}øõö÷ùÝ×ØÜÞýúûüþ®";
    const VNI_LOWER: &str = "aù aø aû aõ aï aâ aá aà aå aã aä aê aé aè aú aü aë eù eø eû eõ eï eâ eá eà eå eã eä \
         où oø oû oõ oï oâ oá oà oå oã oä ô ôù ôø ôû ôõ ôï uù uø uû uõ uï ö öù öø öû öõ öï í ì æ ó ò yù yø yû yõ î ñ";
    const VNI_UPPER: &str = "AÙ AØ AÛ AÕ AÏ AÂ AÁ AÀ AÅ AÃ AÄ AÊ AÉ AÈ AÚ AÜ AË EÙ EØ EÛ EÕ EÏ EÂ EÁ EÀ EÅ EÃ EÄ \
         OÙ OØ OÛ OÕ OÏ OÂ OÁ OÀ OÅ OÃ OÄ Ô ÔÙ ÔØ ÔÛ ÔÕ ÔÏ UÙ UØ UÛ UÕ UÏ Ö ÖÙ ÖØ ÖÛ ÖÕ ÖÏ Í Ì Æ Ó Ò YÙ YØ YÛ YÕ Î Ñ";

    #[test]
    fn tables_match_the_published_listings() {
        assert_eq!(convert(TCVN3_LOWER, Tcvn3), LOWER);
        assert_eq!(encode(LOWER, Tcvn3), TCVN3_LOWER);
        assert_eq!(convert("¡¢§£¤¥¦", Tcvn3), "ĂÂĐÊÔƠƯ");
        let letters = |s: &str| s.chars().map(String::from).collect::<Vec<_>>();
        let spelt = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        for (unicode, vni) in [(LOWER, VNI_LOWER), (UPPER, VNI_UPPER)] {
            assert_eq!(spelt(vni).iter().map(|v| convert(v, Vni)).collect::<Vec<_>>(), letters(unicode));
            assert_eq!(letters(unicode).iter().map(|u| encode(u, Vni)).collect::<Vec<_>>(), spelt(vni));
        }
        // Every table letter is distinct and the VNI single bytes never double as diacritic bytes.
        let tcvn3: Vec<char> = TCVN3_A0.iter().copied().filter(|&c| c != '\0').collect();
        assert_eq!(tcvn3.len(), 74);
        assert!(VNI_SINGLES.iter().all(|&(b, _)| VNI_MARKS.iter().all(|&(l, u)| b != l && b != u)));
    }

    #[test]
    fn literal_strings_from_published_sources() {
        let cases = [
            // The brief's header row, and duydev/vietnamese-conversion's README and tests.
            ("Hä vµ tªn", Tcvn3, "Họ và tên"),
            ("Hoï vaø teân", Vni, "Họ và tên"),
            ("Xin chµo c¸c b¹n", Tcvn3, "Xin chào các bạn"),
            ("Xin chaøo caùc baïn", Vni, "Xin chào các bạn"),
            ("T«i ®i häc", Tcvn3, "Tôi đi học"),
            ("Toâi ñi hoïc", Vni, "Tôi đi học"),
            // duydev/vietnamese-conversion example/detect-charset.js.
            ("TiÕng ViÖt cã 29 ch÷ c¸i", Tcvn3, "Tiếng Việt có 29 chữ cái"),
            ("Tieáng Vieät coù 29 chöõ caùi", Vni, "Tiếng Việt có 29 chữ cái"),
            // Place names as a TCVN3 data file spells them (ư is the soft hyphen U+00AD).
            ("B¶o Th¾ng", Tcvn3, "Bảo Thắng"),
            ("M\u{AD}êng Kh\u{AD}¬ng", Tcvn3, "Mường Khương"),
            ("B¸t X¸t", Tcvn3, "Bát Xát"),
            ("§µi Loan, Ch©u ¢u, NhËt B¶n", Tcvn3, "Đài Loan, Châu Âu, Nhật Bản"),
        ];
        for (legacy, encoding, unicode) in cases {
            assert_eq!(convert(legacy, encoding), unicode, "{legacy}");
        }
    }

    #[test]
    fn tcvn3_capitals_follow_the_rest_of_the_text() {
        assert_eq!(convert("NGUYÔN V¡N AN", Tcvn3), "NGUYỄN VĂN AN");
        assert_eq!(convert("Hä Vµ T£N", Tcvn3), "HỌ VÀ TÊN");
        assert_eq!(convert("Hä", Tcvn3), "Họ");
        assert_eq!(convert("§Æng Ngäc Èn", Tcvn3), "Đặng Ngọc Ẩn");
        assert_eq!(convert("Bao gåm ¸o", Tcvn3), "Bao gồm áo");
        assert_eq!(convert("ë nhµ", Tcvn3), "ở nhà");
        assert_eq!(convert("NguyÔn ¸i Quèc", Tcvn3), "Nguyễn Ái Quốc");
    }

    #[test]
    fn both_forms_of_windows_1252_bytes_are_accepted() {
        // 0x85 '…', 0x96 '–', 0x93/0x94 quotes: as C1 controls or as their Windows-1252 characters.
        assert_eq!(convert("Hä\u{85} vµ\u{96}tªn \u{93}A\u{94}", Tcvn3), "Họ… và–tên “A”");
        assert_eq!(convert("Hä… vµ–tªn “A”", Tcvn3), "Họ… và–tên “A”");
        assert_eq!(convert("Hoï\u{85} vaø\u{96}teân", Vni), "Họ… và–tên");
        assert_eq!(convert("Hoï… vaø–teân", Vni), "Họ… và–tên");
        assert_eq!(legacy_byte('Š'), Some(0x8A));
        assert_eq!(legacy_byte('\u{8A}'), Some(0x8A));
        assert_eq!(windows_1252('\u{81}'), '\u{81}');
        assert_eq!(detect(&["Hä\u{85} vµ tªn"]), Some(Tcvn3));
    }

    #[test]
    fn unicode_english_numbers_and_empty_samples_are_not_legacy() {
        assert_eq!(detect(&[]), None);
        assert_eq!(detect(&["", " "]), None);
        assert_eq!(detect(PHRASES), None);
        for phrase in PHRASES {
            assert_eq!(detect(&[phrase]), None, "{phrase}");
            let decomposed: String = phrase.nfd().collect();
            assert_eq!(detect(&[&decomposed]), None, "{phrase} (NFD)");
        }
        let other = [
            "Nguyễn Văn An",
            "Hồ Chí Minh",
            "Lê Văn Tám",
            "Hà Nam",
            "Cô Tô",
            "Full name",
            "Date of birth",
            "José Müller, café crème",
            "Ångström Øresund",
            "12/05/1980",
            "2024-01-15",
            "1.234.567,89",
            "© 2020 £100 °C ½",
        ];
        assert_eq!(detect(&other), None);
        for text in other {
            assert_eq!(detect(&[text]), None, "{text}");
        }
    }

    #[test]
    fn legacy_samples_are_recognised() {
        assert_eq!(detect(&["Hä vµ tªn", "Ngµy sinh", "Quª qu¸n", "NguyÔn ThÞ H\u{AD}êng", "12/05/1980"]), Some(Tcvn3));
        assert_eq!(detect(&["Hoï vaø teân", "Ngaøy sinh", "Queâ quaùn", "Nguyeãn Thò Höôøng", "12/05/1980"]), Some(Vni));
        // A sheet mostly in TCVN3 with a Unicode title still reads as TCVN3.
        assert_eq!(detect(&["Danh sách cán bộ", "Hä vµ tªn", "Chøc vô", "Tr×nh ®é", "§¶ng viªn"]), Some(Tcvn3));
    }

    #[test]
    fn each_phrase_of_two_words_or_more_is_recognised() {
        for phrase in PHRASES.iter().filter(|p| p.split_whitespace().count() >= 2) {
            for encoding in [Tcvn3, Vni] {
                let legacy = encode(phrase, encoding);
                assert_eq!(detect(&[&legacy]), Some(encoding), "{phrase} as {legacy:?}");
            }
        }
    }

    #[test]
    fn spelling_check_accepts_syllables_and_refuses_the_rest() {
        for word in ["người", "nguyễn", "quỳnh", "giếng", "gì", "khuỷu", "hoà", "hòa", "thuở", "ĐỨC", "yêu", "ở", "quốc"]
        {
            assert!(is_syllable(word), "{word}");
        }
        for word in ["hä", "tªn", "chớnh", "tợnh", "cac", "hello", "kan", "ngi", "ơng", "café", "x", "ếc"] {
            assert!(!is_syllable(word), "{word}");
        }
    }

    #[test]
    fn arbitrary_input_never_panics_and_comes_out_nfc() {
        let pool: Vec<char> =
            "\0\u{301}\u{323}\u{31B}😀aAoOuUyYeEiô Ôö Öñ Ñ€\u{80}\u{81}\u{9f}\u{ad}¸µùÙøØïÏâÂêÊ,.-ß\u{10FFFF}\u{FFFD}ǅŉ١".chars().collect();
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..(state % 12) {
                state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                text.push(pool[(state >> 33) as usize % pool.len()]);
            }
            for encoding in [Tcvn3, Vni] {
                assert!(is_nfc(&convert(&text, encoding)), "{text:?}");
            }
            let _ = detect(&[&text, "Hä vµ tªn"]);
            let _ = is_syllable(&text);
        }
        for text in ["\u{301}", "\u{301}\u{301}a", "\0", "😀😀", "a\u{301}\u{301}", "ô", "Ö"] {
            let _ = (convert(text, Tcvn3), convert(text, Vni), detect(&[text]), is_syllable(text));
        }
    }
}
