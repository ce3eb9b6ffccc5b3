//! The rule sets an office holds: those shipped with the program, those its administrator imported from a file,
//! and those the offices above sent down in bundles (issue 14). A code's version in force is the highest one held
//! from this office or the offices above it; every version stays kept, so a result can say which one it came from.

use crate::auth::{Permission, Session};
use crate::error::{Result, ServiceError};
use crate::office::Office;
use chrono::{DateTime, Utc};
use domain::ruleset::{RuleSet, RuleSetProblem};
use serde::Serialize;
use store::{Reader, StoredRuleSet};
use ts_rs::TS;
use uuid::Uuid;

/// Where a held rule set came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Origin {
    BuiltIn,
    /// Imported here (`owner` is this office's unit) or sent down by the office of `owner`.
    Stored {
        owner: Uuid,
        by: String,
        at: DateTime<Utc>,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct Held {
    pub set: RuleSet,
    pub origin: Origin,
}

pub(crate) struct RuleLibrary {
    held: Vec<Held>,
    /// This office's unit, then the unit above it, and so on up: whose rule sets and choices count here.
    chain: Vec<Uuid>,
}

impl RuleLibrary {
    pub fn load(read: Reader<'_>) -> Result<RuleLibrary> {
        let chain = office_chain(read)?;
        let mut held: Vec<Held> = RuleSet::built_in().into_iter().map(|set| Held { set, origin: Origin::BuiltIn }).collect();
        for stored in read.stored_rule_sets()? {
            if !chain.contains(&stored.meta.owner_unit) {
                continue;
            }
            // Checked before it was stored; a file this program can no longer read is left out rather than guessed.
            if let Ok(set) = RuleSet::parse(&stored.code, &stored.source) {
                let origin = Origin::Stored { owner: stored.meta.owner_unit, by: stored.imported_by, at: stored.meta.created_at };
                held.push(Held { set, origin });
            }
        }
        Ok(RuleLibrary { held, chain })
    }

    pub fn chain(&self) -> &[Uuid] {
        &self.chain
    }

    /// The version in force of a code: the highest held.
    pub fn in_force(&self, code: &str) -> Option<&Held> {
        self.held.iter().filter(|h| h.set.code == code).max_by_key(|h| (h.set.version, self.rank(&h.origin)))
    }

    /// The set a choice made by `owner` names: the highest version that office holds itself, else the one in force.
    pub fn chosen_by(&self, code: &str, owner: Uuid) -> Option<&RuleSet> {
        self.held
            .iter()
            .filter(|h| h.set.code == code && matches!(h.origin, Origin::Stored { owner: o, .. } if o == owner))
            .max_by_key(|h| h.set.version)
            .or_else(|| self.in_force(code))
            .map(|h| &h.set)
    }

    /// Every code held, each at its version in force, in the order first held (the shipped sets first).
    pub fn codes_in_force(&self) -> Vec<&Held> {
        let mut codes: Vec<&str> = Vec::new();
        for held in &self.held {
            if !codes.contains(&held.set.code.as_str()) {
                codes.push(&held.set.code);
            }
        }
        codes.into_iter().filter_map(|code| self.in_force(code)).collect()
    }

    /// Every version held of a code, oldest first.
    pub fn versions(&self, code: &str) -> Vec<u32> {
        let mut versions: Vec<u32> = self.held.iter().filter(|h| h.set.code == code).map(|h| h.set.version).collect();
        versions.sort_unstable();
        versions.dedup();
        versions
    }

    /// Equal versions: the one from higher up wins (the province's over the commune's own).
    fn rank(&self, origin: &Origin) -> usize {
        match origin {
            Origin::BuiltIn => 0,
            Origin::Stored { owner, .. } => self.chain.iter().position(|u| u == owner).map_or(0, |p| p + 1),
        }
    }
}

/// This office's unit and every unit above it, nearest first (empty before the office is set up).
pub(crate) fn office_chain(read: Reader<'_>) -> Result<Vec<Uuid>> {
    let mut chain = Vec::new();
    let Some(office) = read.office()? else { return Ok(chain) };
    // A commune's own unit may not name its parent (the office above is known by its code, and its unit arrives
    // with its first bundle): the superior's unit continues the chain where the parents stop.
    let superior = match &office.superior_code {
        Some(code) => read.unit_by_code(code)?.map(|u| u.meta.id),
        None => None,
    };
    let mut next = Some(office.unit_id);
    while let Some(id) = next {
        if chain.contains(&id) {
            break;
        }
        chain.push(id);
        next = read.unit_by_id(id)?.and_then(|u| u.parent_id).or(superior.filter(|s| !chain.contains(s)));
    }
    Ok(chain)
}

/// The text of a file as Windows editors save it: UTF-8 with or without a byte-order mark, or Notepad's "Unicode"
/// (UTF-16 with its mark).
fn file_text(bytes: &[u8]) -> std::result::Result<String, RuleSetProblem> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return file_text(rest);
    }
    let wide = |le: bool, rest: &[u8]| {
        let units = rest.chunks_exact(2).map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) });
        char::decode_utf16(units).collect::<std::result::Result<String, _>>().ok()
    };
    let decoded = match bytes {
        [0xFF, 0xFE, rest @ ..] => wide(true, rest),
        [0xFE, 0xFF, rest @ ..] => wide(false, rest),
        _ => String::from_utf8(bytes.to_vec()).ok(),
    };
    decoded.ok_or_else(|| RuleSetProblem {
        key: String::new(),
        message: "Tệp không phải văn bản UTF-8. Mở tệp bằng Notepad, chọn Tệp → Lưu thành…, mã hóa UTF-8, rồi nhập lại.".into(),
        message_en: "The file is not UTF-8 text. Save it again as UTF-8 and import it again.".into(),
    })
}

/// What an import did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ImportedRuleSet {
    pub code: String,
    pub version: u32,
    pub name: String,
    /// The same file was already here: nothing changed.
    pub already_held: bool,
    /// Parameters that are interpretations ("section.key").
    pub unconfirmed: Vec<String>,
}

impl Office {
    /// Reads and imports a rule-set file from disk (see `import_rule_set`).
    pub fn import_rule_set_file(&mut self, session: &Session, path: &std::path::Path) -> Result<ImportedRuleSet> {
        let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| path.display().to_string());
        let bytes = std::fs::read(path).map_err(|e| ServiceError::RuleSetRefused {
            file: name.clone(),
            problems: vec![RuleSetProblem {
                key: String::new(),
                message: format!("Không đọc được tệp {} ({e}). Kiểm tra đường dẫn rồi thử lại.", path.display()),
                message_en: format!("The file {} could not be read ({e}). Check the path and retry.", path.display()),
            }],
        })?;
        self.import_rule_set(session, &name, &bytes)
    }

    /// Imports a rule-set file (TOML): checked with every problem named, then kept as a new version. The same
    /// file twice changes nothing; the same code and version with other numbers, or a version older than the one
    /// in force, is refused. Choosing it for a group is a separate step.
    pub fn import_rule_set(&mut self, session: &Session, file_name: &str, bytes: &[u8]) -> Result<ImportedRuleSet> {
        session.require(Permission::EditOrganisation)?;
        let refused = |problems| ServiceError::RuleSetRefused { file: file_name.into(), problems };
        let text = file_text(bytes).map_err(|p| refused(vec![p]))?;
        let text = text.as_str();
        let set = RuleSet::parse(file_name, text)
            .map_err(|refused| ServiceError::RuleSetRefused { file: file_name.into(), problems: refused.problems })?;
        let library = RuleLibrary::load(self.store.read())?;
        let outcome = |already_held: bool| ImportedRuleSet {
            code: set.code.clone(),
            version: set.version,
            name: set.name.clone(),
            already_held,
            unconfirmed: set.unconfirmed(),
        };
        if let Some(current) = library.in_force(&set.code) {
            if current.set.version == set.version {
                return if current.set == set {
                    Ok(outcome(true))
                } else {
                    Err(ServiceError::RuleSetVersionClash { code: set.code.clone(), version: set.version })
                };
            }
            if current.set.version > set.version {
                return Err(ServiceError::RuleSetOlder { code: set.code.clone(), version: set.version, current: current.set.version });
            }
        }
        let stamp = self.stamp()?;
        let username = session.username.clone();
        let source: String = unicode_normalization::UnicodeNormalization::nfc(text).collect();
        self.store.write(|w| {
            w.insert_rule_set(&StoredRuleSet {
                meta: stamp.meta(w.next_revision()?),
                code: set.code.clone(),
                version: set.version,
                source,
                imported_by: username.clone(),
            })?;
            w.audit(&username, "rulesets.import", &format!("{} v{} ({file_name})", set.code, set.version))?;
            Ok::<(), ServiceError>(())
        })?;
        Ok(outcome(false))
    }
}
