//! Vietnamese text handling: normalisation, search folding, name matching and
//! collation. Pure functions; every function accepts any string without panicking.
//!
//! Vietnamese has two accepted tone placements ("hoà" / "hòa", "thuý" / "thúy"),
//! and users type names with or without diacritics, in any case. Everything here
//! exists so that those variants compare the way a Vietnamese reader expects.

use std::cmp::Ordering;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

const BREVE: char = '\u{0306}';
const CIRCUMFLEX: char = '\u{0302}';
const HORN: char = '\u{031B}';

/// The five Vietnamese tones, declared in dictionary order so that the
/// derived discriminants double as collation weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tone {
    Huyen = 1,
    Hoi = 2,
    Nga = 3,
    Sac = 4,
    Nang = 5,
}

impl Tone {
    fn from_mark(c: char) -> Option<Tone> {
        match c {
            '\u{0300}' => Some(Tone::Huyen),
            '\u{0309}' => Some(Tone::Hoi),
            '\u{0303}' => Some(Tone::Nga),
            '\u{0301}' => Some(Tone::Sac),
            '\u{0323}' => Some(Tone::Nang),
            _ => None,
        }
    }

    fn digit(self) -> char {
        char::from(b'0' + self as u8)
    }
}

/// A character no stored text may hold: a control character (other than the whitespace `clean` collapses) or a
/// bidirectional override or isolate, which can make printed text read other than it is stored (CVE-2021-42574).
pub fn is_unsafe_char(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Whether the text is already in Unicode NFC, the form every stored text has.
pub fn is_nfc(s: &str) -> bool {
    unicode_normalization::is_nfc(s)
}

/// NFC-normalise, trim, and collapse runs of whitespace to a single ASCII space.
/// Used before storing any text.
pub fn clean(s: &str) -> String {
    collapse_whitespace(&s.nfc().collect::<String>())
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Search/identity form: lowercase, every diacritic removed (tone and vowel
/// marks), đ -> d, whitespace collapsed. Pure ASCII for Vietnamese input.
/// `"Nguyễn Văn Đức"` -> `"nguyen van duc"`. Accepts NFC or NFD input alike.
pub fn fold(s: &str) -> String {
    // Lowercasing may itself introduce marks (İ -> i + U+0307), hence the second
    // decomposition; whitespace is collapsed last because removing a stray mark
    // can leave two spaces side by side.
    let lowered = s.nfd().collect::<String>().to_lowercase();
    let stripped: String = lowered.nfd().filter(|&c| !is_combining_mark(c)).map(|c| if c == 'đ' { 'd' } else { c }).collect();
    collapse_whitespace(&stripped)
}

/// Removes the tone mark from one word, keeping vowel-quality marks.
/// Returns the NFC word without tone and the first tone found, if any.
fn split_tone(word: &str) -> (String, Option<Tone>) {
    let mut tone = None;
    let toneless: String = word
        .nfd()
        .filter(|&c| match Tone::from_mark(c) {
            Some(t) => {
                tone.get_or_insert(t);
                false
            }
            None => true,
        })
        .collect();
    (toneless.nfc().collect(), tone)
}

/// Tone-placement-neutral form: cleaned, lowercased, vowel marks kept, and the
/// tone of each word moved to its end as a digit (1 huyền, 2 hỏi, 3 ngã, 4 sắc,
/// 5 nặng). `"Hoà"` and `"Hòa"` both give `"hoa1"`; `"Nguyễn"` gives `"nguyên3"`.
pub fn tone_neutral(s: &str) -> String {
    let lowered = clean(s).to_lowercase();
    let words: Vec<String> = lowered
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| match split_tone(w) {
            (base, Some(tone)) => format!("{base}{}", tone.digit()),
            (base, None) => base,
        })
        .collect();
    words.join(" ")
}

fn has_diacritics(word: &str) -> bool {
    word.nfd().any(|c| is_combining_mark(c) || c == 'đ' || c == 'Đ')
}

struct NameWord {
    folded: String,
    toneless: String,
    tone: Option<Tone>,
}

enum QueryWord {
    /// Typed without diacritics: the user may not have a Vietnamese keyboard,
    /// so compare on the folded form.
    Plain(String),
    /// Typed with diacritics: the user meant them, so respect them, but not
    /// where the tone mark happens to sit.
    Marked { toneless: String, tone: Option<Tone> },
}

impl QueryWord {
    fn new(word: &str) -> QueryWord {
        if has_diacritics(word) {
            let (toneless, tone) = split_tone(word);
            QueryWord::Marked { toneless, tone }
        } else {
            QueryWord::Plain(fold(word))
        }
    }

    fn matches(&self, name: &NameWord) -> bool {
        match self {
            QueryWord::Plain(folded) => name.folded.starts_with(folded.as_str()),
            QueryWord::Marked { toneless, tone } => name.toneless.starts_with(toneless.as_str()) && (tone.is_none() || *tone == name.tone),
        }
    }
}

/// Does a person's name match what the user typed in a search box?
///
/// Every query word must be a prefix of a distinct name word, in any order.
/// Query words without diacritics compare on [`fold`]; query words with
/// diacritics must agree on vowel marks and, if they carry a tone, on the tone,
/// regardless of tone placement. Case never matters. A blank query matches all.
pub fn name_matches(name: &str, query: &str) -> bool {
    let query = clean(query).to_lowercase();
    let query_words: Vec<QueryWord> = query.split(' ').filter(|w| !w.is_empty()).map(QueryWord::new).collect();
    if query_words.is_empty() {
        return true;
    }
    let name = clean(name).to_lowercase();
    let name_words: Vec<NameWord> = name
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let (toneless, tone) = split_tone(w);
            NameWord { folded: fold(w), toneless, tone }
        })
        .collect();
    if query_words.len() > name_words.len() {
        return false;
    }
    let candidates: Vec<Vec<usize>> =
        query_words.iter().map(|q| (0..name_words.len()).filter(|&i| q.matches(&name_words[i])).collect()).collect();
    every_query_word_assigned(&candidates, name_words.len())
}

/// Bipartite matching (augmenting paths, breadth-first so that pasted text
/// with many words cannot exhaust the stack). A greedy choice is not enough:
/// "văn" and "v" against "Vũ Văn" need "v" to take "Vũ".
fn every_query_word_assigned(candidates: &[Vec<usize>], slots: usize) -> bool {
    let mut owner: Vec<Option<usize>> = vec![None; slots];
    let mut assigned: Vec<Option<usize>> = vec![None; candidates.len()];
    for start in 0..candidates.len() {
        let mut reached_from: Vec<Option<usize>> = vec![None; slots];
        let mut queue = std::collections::VecDeque::from([start]);
        let mut free_slot = None;
        'search: while let Some(q) = queue.pop_front() {
            for &slot in candidates.get(q).into_iter().flatten() {
                if reached_from[slot].is_some() {
                    continue;
                }
                reached_from[slot] = Some(q);
                match owner[slot] {
                    None => {
                        free_slot = Some(slot);
                        break 'search;
                    }
                    Some(other) => queue.push_back(other),
                }
            }
        }
        let Some(mut slot) = free_slot else {
            return false;
        };
        // Walk the path back, shifting each query word onto the slot it reached.
        while let Some(q) = reached_from[slot] {
            let previous = assigned[q];
            owner[slot] = Some(q);
            assigned[q] = Some(slot);
            match previous {
                Some(p) => slot = p,
                None => break,
            }
        }
    }
    true
}

/// The given name: the last word of the full name (Vietnamese order is family,
/// middle, given). Returns a slice of the input, so it is not NFC-normalised;
/// pass it through [`clean`] before storing. Empty for blank input.
pub fn given_name(full_name: &str) -> &str {
    full_name.split_whitespace().next_back().unwrap_or("")
}

// Collation key layout: primary ++ SEP ++ secondary ++ SEP ++ tertiary ++ SEP ++ identity.
// SEP (0) appears nowhere else, so a key that is a strict prefix of another key
// has always run out inside the last level; person_sort_key relies on this.
const SEP: u8 = 0x00;
const SPACE: u8 = 0x01;
const SYMBOL: u8 = 0x02; // followed by a code point
const DIGIT: u8 = 0x10; // + digit value
const LETTER: u8 = 0x20; // + position in ALPHABET
const OTHER_LETTER: u8 = 0x60; // followed by a code point
const NO_TONE: u8 = 0x01; // Tone weights follow: 0x02 huyền .. 0x06 nặng
const LOWER: u8 = 0x01;
const UPPER: u8 = 0x02;

/// The Vietnamese alphabet with f, j, w, z in their Latin positions.
const ALPHABET: [char; 33] = [
    'a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'ô', 'ơ', 'p', 'q', 'r', 's', 't', 'u',
    'ư', 'v', 'w', 'x', 'y', 'z',
];

/// Three bytes, seven bits each with the high bit set: order-preserving and
/// never equal to SEP.
fn push_code_point(c: char, out: &mut Vec<u8>) {
    let cp = u32::from(c);
    for shift in [14, 7, 0] {
        out.push(0x80 | ((cp >> shift) & 0x7F) as u8);
    }
}

fn push_primary(c: char, out: &mut Vec<u8>) {
    if let Some(d) = c.to_digit(10).filter(|_| c.is_ascii_digit()) {
        out.push(DIGIT + d as u8);
    } else if let Some(pos) = ALPHABET.iter().position(|&l| l == c) {
        out.push(LETTER + pos as u8);
    } else if c.is_alphanumeric() {
        out.push(OTHER_LETTER);
        push_code_point(c, out);
    } else {
        out.push(SYMBOL);
        push_code_point(c, out);
    }
}

/// A vowel mark makes a distinct letter of the alphabet; other marks
/// (ü, ç in foreign names) are left to the identity level.
fn with_vowel_mark(c: char, marks: &[char]) -> char {
    let has = |m: char| marks.contains(&m);
    match c {
        'a' if has(BREVE) => 'ă',
        'a' if has(CIRCUMFLEX) => 'â',
        'e' if has(CIRCUMFLEX) => 'ê',
        'o' if has(CIRCUMFLEX) => 'ô',
        'o' if has(HORN) => 'ơ',
        'u' if has(HORN) => 'ư',
        _ => c,
    }
}

/// Collation key for Vietnamese alphabetical order, compared bytewise (memcmp).
///
/// Levels: primary letters (a ă â b c d đ e ê …, case-insensitive, digits before
/// letters, space and punctuation first), then one tone weight per word (none <
/// huyền < hỏi < ngã < sắc < nặng), then case (lower before upper), then the
/// toneless text itself so that different texts never share a key. Tone
/// placement ("hoà" / "hòa") does not change the key.
pub fn collation_key(s: &str) -> Vec<u8> {
    let cleaned = clean(s);
    let (mut primary, mut secondary, mut tertiary) = (Vec::new(), Vec::new(), Vec::new());
    let mut identity = String::new();
    for (i, word) in cleaned.split(' ').filter(|w| !w.is_empty()).enumerate() {
        if i > 0 {
            primary.push(SPACE);
            identity.push(' ');
        }
        let (toneless, tone) = split_tone(word);
        secondary.push(tone.map_or(NO_TONE, |t| NO_TONE + t as u8));
        let mut chars = toneless.nfd().peekable();
        while let Some(base) = chars.next() {
            let mut marks = Vec::new();
            while let Some(m) = chars.next_if(|&c| is_combining_mark(c)) {
                marks.push(m);
            }
            if is_combining_mark(base) {
                continue; // a mark with no letter to sit on
            }
            let unchanged = base.to_lowercase().eq(std::iter::once(base));
            tertiary.push(if unchanged { LOWER } else { UPPER });
            for (k, c) in base.to_lowercase().enumerate() {
                let c = if k == 0 { with_vowel_mark(c, &marks) } else { c };
                push_primary(c, &mut primary);
            }
        }
        identity.push_str(&toneless);
    }
    let mut key = primary;
    key.push(SEP);
    key.extend(secondary);
    key.push(SEP);
    key.extend(tertiary);
    key.push(SEP);
    identity.chars().for_each(|c| push_code_point(c, &mut key));
    key
}

/// Sort key for people the Vietnamese way: by given name, then by the full name
/// from the family name onward. Bytewise comparable; "An" sorts before "Anh".
pub fn person_sort_key(full_name: &str) -> Vec<u8> {
    let mut key = collation_key(given_name(full_name));
    key.push(SEP);
    key.extend(collation_key(full_name));
    key
}

/// Orders two full names as [`person_sort_key`] does.
pub fn compare_person_names(a: &str, b: &str) -> Ordering {
    person_sort_key(a).cmp(&person_sort_key(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const VIET_LOWER: &str = "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ";

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    fn nfc(s: &str) -> String {
        s.nfc().collect()
    }

    fn viet_string(max_len: usize) -> impl Strategy<Value = String> {
        let mut letters: Vec<char> = VIET_LOWER.chars().collect();
        letters.extend(VIET_LOWER.to_uppercase().chars());
        letters.extend([' ', ' ']);
        prop::collection::vec(prop::sample::select(letters), 0..max_len).prop_map(|v| v.into_iter().collect())
    }

    /// Like tone_neutral but keeping case: what collation_key must be injective on.
    fn cased_neutral(s: &str) -> Vec<(String, Option<Tone>)> {
        clean(s).split(' ').filter(|w| !w.is_empty()).map(split_tone).collect()
    }

    #[test]
    fn clean_normalises_and_collapses() {
        assert_eq!(clean("  Nguyễn \t Văn\n\u{a0}An  "), "Nguyễn Văn An");
        assert_eq!(clean(&nfd("Nguyễn")), "Nguyễn");
        assert_eq!(clean(" \n "), "");
    }

    #[test]
    fn fold_examples() {
        assert_eq!(fold("Nguyễn Văn Đức"), "nguyen van duc");
        assert_eq!(fold("NGUYỄN"), "nguyen");
        assert_eq!(fold(&nfd("Trương Thị Ánh")), "truong thi anh");
        assert_eq!(fold("ĂÂÊÔƠƯĐ ăâêôơưđ"), "aaeooud aaeooud");
        assert_eq!(fold("a \u{301} b"), "a b");
    }

    #[test]
    fn tone_neutral_examples() {
        assert_eq!(tone_neutral("Nguyễn"), "nguyên3");
        assert_eq!(tone_neutral(&nfd("NGUYỄN")), "nguyên3");
        for (old, new, expected) in [("Hoà", "Hòa", "hoa1"), ("Thuý", "Thúy", "thuy4"), ("Khoẻ", "Khỏe", "khoe2"), ("Hoá", "Hóa", "hoa4")]
        {
            assert_eq!(tone_neutral(old), expected);
            assert_eq!(tone_neutral(new), expected);
        }
        assert_eq!(tone_neutral("Trần Thị Hằng  Nga"), "trân1 thi5 hăng1 nga");
        assert_eq!(tone_neutral("a\u{301}\u{300}"), "a4");
    }

    #[test]
    fn name_matching() {
        assert!(name_matches("Nguyễn Văn Đức", "nguyen"));
        assert!(name_matches("NGUYỄN VĂN ĐỨC", "duc ng"));
        for name in ["Hòa", "Hoà", "Hoa", "Hóa"] {
            assert!(name_matches(name, "hoa"), "{name}");
        }
        assert!(name_matches("Lê Thị Hòa", "hoà"));
        assert!(name_matches("Lê Thị Hoà", "HÒA"));
        assert!(!name_matches("Lê Thị Hoa", "hoà"));
        assert!(!name_matches("Lê Thị Hóa", "hoà"));
        assert!(name_matches("Lê Thị Thúy", "thuý"));
        assert!(name_matches("Nguyễn Văn An", "nguyễ"));
        assert!(name_matches("Đỗ Văn Đạt", "đ đ"));
        assert!(!name_matches("Đỗ Văn Dung", "đ đ"));
        assert!(!name_matches("Nguyễn Văn An", "van van"));
        assert!(name_matches("Vũ Văn Hùng", "văn v"));
        assert!(!name_matches("Phạm Văn An", "phăm"));
        assert!(name_matches("Phạm Văn An", "  "));
        assert!(!name_matches("", "a"));
    }

    #[test]
    fn given_name_is_last_word() {
        assert_eq!(given_name("Nguyễn Thị Minh Khai"), "Khai");
        assert_eq!(given_name("  Khai  "), "Khai");
        assert_eq!(given_name(" \t "), "");
    }

    #[test]
    fn collation_order() {
        let ordered = [
            "", "-", "0", "9", "a", "A", "an", "An", "anh", "ă", "â", "b", "d", "đ", "e", "ê", "f", "hoa", "hòa", "hỏa", "hõa", "hóa",
            "họa", "hoan", "o", "ô", "ơ", "u", "ü", "ư", "y", "z", "中",
        ];
        for pair in ordered.windows(2) {
            assert!(collation_key(pair[0]) < collation_key(pair[1]), "{pair:?}");
        }
        assert_eq!(collation_key("Hoà"), collation_key("Hòa"));
        assert_eq!(collation_key(&nfd("Thuý  Khoẻ")), collation_key("Thúy Khỏe"));
        assert_ne!(collation_key("u"), collation_key("ü"));
    }

    #[test]
    fn people_sort_by_given_name_the_vietnamese_way() {
        let expected = [
            "Trần Văn An",
            "Nguyễn Thị Anh",
            "Lê Văn Ân",
            "Lê Thị Bình",
            "Lê Văn Bình",
            "Nguyễn Văn Bình",
            "Đỗ Thị Dung",
            "Phan Văn Dũng",
            "Phạm Chí Đức",
            "Mai Thị Hoa",
            "Trần Văn Hòa",
            "Bùi Văn Hóa",
            "Trịnh Xuân Sang",
            "Nguyễn Thành Sơn",
            "Phạm Minh Tuấn",
            "Ngô Thị Tư",
            "Hoàng Thị Yến",
        ];
        let mut names = expected.to_vec();
        names.reverse();
        names.sort_by(|a, b| compare_person_names(a, b));
        assert_eq!(names, expected);
        assert_eq!(compare_person_names("Lê Văn Hoà", "Lê Văn Hòa"), Ordering::Equal);
        assert_eq!(compare_person_names("Vũ An", "Lê Anh"), Ordering::Less);
    }

    proptest! {
        #[test]
        fn nothing_panics(a in any::<String>(), b in any::<String>()) {
            let _ = (clean(&a), fold(&a), tone_neutral(&a), given_name(&a));
            let _ = (name_matches(&a, &b), collation_key(&a), compare_person_names(&a, &b));
        }

        #[test]
        fn fold_is_idempotent(s in any::<String>()) {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once);
        }

        #[test]
        fn fold_of_vietnamese_is_ascii(s in viet_string(30)) {
            prop_assert!(fold(&s).is_ascii());
            prop_assert!(fold(&nfd(&s)).is_ascii());
        }

        #[test]
        fn tone_neutral_ignores_normal_form(s in any::<String>(), v in viet_string(30)) {
            for x in [s, v] {
                prop_assert_eq!(tone_neutral(&x), tone_neutral(&nfc(&x)));
                prop_assert_eq!(tone_neutral(&x), tone_neutral(&nfd(&x)));
            }
        }

        #[test]
        fn a_name_matches_itself_and_its_fold(s in any::<String>(), v in viet_string(30)) {
            for name in [s, v] {
                prop_assert!(name_matches(&name, &name));
                prop_assert!(name_matches(&name, &fold(&name)));
            }
        }

        #[test]
        fn matching_ignores_case_and_normal_form(name in viet_string(30), q in viet_string(8)) {
            let expected = name_matches(&name, &q);
            prop_assert!(name_matches(&name, &name.to_uppercase()));
            prop_assert_eq!(name_matches(&nfd(&name.to_uppercase()), &nfd(&q)), expected);
        }

        #[test]
        fn keys_equal_exactly_when_texts_equal_modulo_tone_placement(
            a in "[hoaHOAàòÀÒ \u{300}]{0,6}", b in "[hoaHOAàòÀÒ \u{300}]{0,6}"
        ) {
            prop_assert_eq!(collation_key(&a) == collation_key(&b), cased_neutral(&a) == cased_neutral(&b));
        }

        #[test]
        fn case_only_matters_after_letters_and_tones(s in viet_string(20)) {
            let level12 = |k: Vec<u8>| k.split(|&b| b == SEP).take(2).map(<[u8]>::to_vec).collect::<Vec<_>>();
            prop_assert_eq!(level12(collation_key(&s)), level12(collation_key(&s.to_uppercase())));
        }

        #[test]
        fn people_order_by_given_name_first(a in viet_string(20), b in viet_string(20)) {
            let (ga, gb) = (collation_key(given_name(&a)), collation_key(given_name(&b)));
            let expected = ga.cmp(&gb).then_with(|| collation_key(&a).cmp(&collation_key(&b)));
            prop_assert_eq!(compare_person_names(&a, &b), expected);
            prop_assert_eq!(compare_person_names(&b, &a), expected.reverse());
        }
    }
}
