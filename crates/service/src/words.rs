//! The catalogue of words the shell shares with the window (`assets/i18n/vi.json`, `en.json`): what the window and
//! the printed documents must call the same thing — today the audit trail's actions, whether a unit below sent its
//! data, and why someone is on the attention list, which the screens show and the printed lists repeat. The window imports the same files (ui/src/lib/i18n.ts).

use domain::Lang;
use std::collections::HashMap;
use std::sync::OnceLock;

const VI: &str = include_str!("../../../assets/i18n/vi.json");
const EN: &str = include_str!("../../../assets/i18n/en.json");

fn catalogue(lang: Lang) -> &'static HashMap<String, String> {
    static VI_WORDS: OnceLock<HashMap<String, String>> = OnceLock::new();
    static EN_WORDS: OnceLock<HashMap<String, String>> = OnceLock::new();
    // The files are built in and checked by the tests below: an unreadable one is a build mistake, read as empty
    // (every word then falls back to its key) rather than a panic in an office.
    let (cell, text) = match lang {
        Lang::Vi => (&VI_WORDS, VI),
        Lang::En => (&EN_WORDS, EN),
    };
    cell.get_or_init(|| serde_json::from_str(text).unwrap_or_default())
}

/// The words for `key` in `lang`, when the catalogue has them.
pub fn word(lang: Lang, key: &str) -> Option<&'static str> {
    catalogue(lang).get(key).map(String::as_str)
}

/// The words for `prefix.code`, or the code itself when the catalogue lacks it (a code written by a newer release),
/// as the window shows it.
fn words_of(lang: Lang, prefix: &str, code: &str) -> String {
    word(lang, &format!("{prefix}.{code}")).map_or_else(|| code.to_string(), str::to_string)
}

/// "users.add" → "Thêm tài khoản": an audit entry's action in words.
pub fn audit_action(lang: Lang, action: &str) -> String {
    words_of(lang, "audit", action)
}

/// "late" → "Chậm gửi": whether a unit below sent a period's data (the completeness board, the year at a glance).
pub fn sending_state(lang: Lang, state: &str) -> String {
    words_of(lang, "sending", state)
}

/// "two_years_not_completed" → "Hai năm liền không hoàn thành nhiệm vụ": why someone is on the attention list.
pub fn attention_reason(lang: Lang, kind: &str) -> String {
    words_of(lang, "attention", kind)
}

/// Every key of the catalogue in `lang`.
pub fn keys(lang: Lang) -> impl Iterator<Item = &'static str> {
    catalogue(lang).keys().map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn both_files_parse_and_hold_the_same_keys() {
        let vi: Result<HashMap<String, String>, _> = serde_json::from_str(VI);
        let en: Result<HashMap<String, String>, _> = serde_json::from_str(EN);
        let (vi, en) = (vi.expect("vi.json"), en.expect("en.json"));
        assert!(!vi.is_empty());
        let vi_keys: BTreeSet<_> = vi.keys().collect();
        let en_keys: BTreeSet<_> = en.keys().collect();
        assert_eq!(vi_keys, en_keys, "a key missing in one language");
        for (key, words) in vi.iter().chain(en.iter()) {
            assert!(!words.trim().is_empty(), "{key} has no words");
        }
    }

    #[test]
    fn the_vietnamese_words_are_nfc_and_differ_from_the_english() {
        use unicode_normalization::UnicodeNormalization;
        for key in keys(Lang::Vi) {
            let vi = word(Lang::Vi, key).unwrap_or_default();
            assert_eq!(vi, vi.nfc().collect::<String>(), "{key} is not NFC");
            assert_ne!(Some(vi), word(Lang::En, key), "{key} is not translated");
        }
    }

    #[test]
    fn an_action_reads_as_words_and_an_unknown_one_as_itself() {
        assert_eq!(audit_action(Lang::Vi, "users.add"), "Thêm tài khoản");
        assert_eq!(audit_action(Lang::En, "users.add"), "Added an account");
        assert_eq!(audit_action(Lang::Vi, "future.thing"), "future.thing");
    }
}
