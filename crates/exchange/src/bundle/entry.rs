//! Entry names: which paths are safe at all, and which ones a version-1 bundle may contain.

use super::{is_sha256_hex, EXTENSION, MANIFEST_NAME, SIGNATURE_NAME};

pub(crate) const PAYLOAD_DIR: &str = "payload/";
pub(crate) const PAYLOAD_EXT: &str = ".jsonl";
pub(crate) const ATTACHMENTS_DIR: &str = "attachments/";
pub(crate) const RELAYED_DIR: &str = "relayed/";
/// Longest record kind name.
pub(crate) const MAX_KIND_LEN: usize = 64;
/// Longest relayed file name (two unit codes, a sequence and the extension fit easily).
pub(crate) const MAX_RELAYED_NAME_LEN: usize = 128;
/// Longest entry name looked at; longer ones are refused before anything else.
const MAX_PATH_LEN: usize = 255;

/// What a known entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntryKind<'a> {
    Manifest,
    Signature,
    Payload(&'a str),
    Attachment(&'a str),
    Relayed(&'a str),
}

/// Refuses names that could escape or confuse an unpacking directory on any system: empty,
/// absolute, `.` or `..` components, empty components (`a//b`, a trailing `/`), backslashes,
/// drive letters and other colons, control characters. Checked on every entry before
/// anything is decompressed, whatever the format version.
pub(crate) fn is_safe_path(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_PATH_LEN
        && !name.starts_with('/')
        && !name.chars().any(|c| c == '\\' || c == ':' || c.is_control())
        && name.split('/').all(|part| !part.is_empty() && part != "." && part != "..")
}

/// Classifies a name that a version-1 bundle may contain; `None` for anything else.
pub(crate) fn classify(name: &str) -> Option<EntryKind<'_>> {
    if name == MANIFEST_NAME {
        return Some(EntryKind::Manifest);
    }
    if name == SIGNATURE_NAME {
        return Some(EntryKind::Signature);
    }
    if let Some(kind) = name.strip_prefix(PAYLOAD_DIR).and_then(|rest| rest.strip_suffix(PAYLOAD_EXT)) {
        return is_kind(kind).then_some(EntryKind::Payload(kind));
    }
    if let Some(sha) = name.strip_prefix(ATTACHMENTS_DIR) {
        return is_sha256_hex(sha).then_some(EntryKind::Attachment(sha));
    }
    if let Some(file) = name.strip_prefix(RELAYED_DIR) {
        return is_relayed_name(file).then_some(EntryKind::Relayed(file));
    }
    None
}

/// A record kind: 1 to 64 of `[a-z0-9_]`.
pub(crate) fn is_kind(kind: &str) -> bool {
    !kind.is_empty() && kind.len() <= MAX_KIND_LEN && kind.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// A relayed bundle's file name: `[A-Za-z0-9._-]`, starting with a letter or digit, ending in
/// `.tdb`, at most 128 bytes.
pub(crate) fn is_relayed_name(file: &str) -> bool {
    file.len() <= MAX_RELAYED_NAME_LEN
        && file.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && file.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        && file.strip_suffix(EXTENSION).and_then(|stem| stem.strip_suffix('.')).is_some_and(|stem| !stem.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_paths() {
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "payload/../../x",
            "a/./b",
            "a//b",
            "dir/",
            "C:/x",
            "C:x",
            "payload\\x.jsonl",
            "a\0b",
            "a\nb",
            &"a".repeat(256),
        ] {
            assert!(!is_safe_path(bad), "{bad:?}");
        }
        for good in ["manifest.json", "payload/people.jsonl", "relayed/A-B-000001.tdb", "..x", "x.."] {
            assert!(is_safe_path(good), "{good:?}");
        }
    }

    #[test]
    fn known_entries() {
        let sha = "a".repeat(64);
        assert_eq!(classify("manifest.json"), Some(EntryKind::Manifest));
        assert_eq!(classify("manifest.json.minisig"), Some(EntryKind::Signature));
        assert_eq!(classify("payload/people_2025.jsonl"), Some(EntryKind::Payload("people_2025")));
        assert_eq!(classify(&format!("attachments/{sha}")), Some(EntryKind::Attachment(&sha)));
        assert_eq!(classify("relayed/XA-1-HUYEN-000003.tdb"), Some(EntryKind::Relayed("XA-1-HUYEN-000003.tdb")));
        for bad in [
            "payload/People.jsonl",
            "payload/.jsonl",
            "payload/a-b.jsonl",
            "payload/x.json",
            "payload/sub/x.jsonl",
            "attachments/ABC",
            &format!("attachments/{}", "A".repeat(64)),
            "relayed/.tdb",
            "relayed/x.zip",
            "relayed/.x.tdb",
            "relayed/a/b.tdb",
            "other.txt",
            "Manifest.json",
        ] {
            assert_eq!(classify(bad), None, "{bad:?}");
        }
    }
}
