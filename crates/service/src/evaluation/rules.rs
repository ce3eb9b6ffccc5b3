//! Which rule set applies to whom: an office chooses one per equivalent-position group ('*' for everyone else).

use crate::auth::{Permission, Session};
use crate::catalog::DecidedBy;
use crate::error::{Result, ServiceError};
use crate::office::Office;
use domain::ruleset::RuleSet;
use domain::Lang;
use serde::Serialize;
use std::collections::HashMap;
use store::Reader;
use ts_rs::TS;
use uuid::Uuid;

use super::rule_library::{Origin, RuleLibrary};

/// Everyone else's group in `ruleset_choices`.
pub const EVERYONE: &str = "*";

/// The rule sets in force for an office, resolved once per use case. A group's set is the one chosen highest up
/// (the province's choice applies in its communes), else the office's own choice, else the default.
pub(crate) struct RuleChoice {
    by_group: HashMap<String, RuleSet>,
    default: RuleSet,
    library: RuleLibrary,
}

/// Whose choice applies to a group, and which set it names.
struct Chosen {
    owner: Uuid,
    /// 0 for this office, 1 for the office above, …
    height: usize,
    code: String,
}

/// Each group's choice in force: the one made highest up.
fn choices_in_force(read: Reader<'_>, library: &RuleLibrary) -> Result<HashMap<String, Chosen>> {
    let mut chosen: HashMap<String, Chosen> = HashMap::new();
    for record in read.ruleset_choice_records()? {
        let Some(height) = library.chain().iter().position(|u| *u == record.meta.owner_unit) else { continue };
        let Some(code) = record.ruleset_code else { continue };
        if chosen.get(&record.group_code).is_none_or(|c| height > c.height) {
            chosen.insert(record.group_code, Chosen { owner: record.meta.owner_unit, height, code });
        }
    }
    Ok(chosen)
}

impl RuleChoice {
    pub fn load(read: Reader<'_>) -> Result<RuleChoice> {
        let library = RuleLibrary::load(read)?;
        let shipped = RuleSet::default_set();
        let mut default = library.in_force(&shipped.code).map(|h| h.set.clone()).unwrap_or(shipped);
        let mut by_group = HashMap::new();
        for (group, chosen) in choices_in_force(read, &library)? {
            // A choice naming a set not held here (its file has not arrived) falls back to the default.
            let Some(set) = library.chosen_by(&chosen.code, chosen.owner) else { continue };
            if group == EVERYONE {
                default = set.clone();
            } else {
                by_group.insert(group, set.clone());
            }
        }
        Ok(RuleChoice { by_group, default, library })
    }

    pub fn for_group(&self, group: &str) -> &RuleSet {
        self.by_group.get(group).unwrap_or(&self.default)
    }

    pub fn default_set(&self) -> &RuleSet {
        &self.default
    }

    /// A rule set named by a stored result, at its version in force.
    pub fn by_code(&self, code: &str) -> Option<&RuleSet> {
        self.library.in_force(code).map(|h| &h.set)
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RuleSetItem {
    pub code: String,
    pub version: u32,
    /// Every version held, oldest first.
    pub versions: Vec<u32>,
    pub name: String,
    pub applies_to: String,
    pub valid_from: String,
    /// The documents it comes from: "Quy định 366-QĐ/TW (30/8/2025)".
    pub sources: Vec<String>,
    /// Its main numbers in a sentence.
    pub summary: String,
    /// "Có sẵn trong chương trình", "Nhập từ tệp ngày 05/12/2026 (admin)", "Do Tỉnh ủy Nghệ An gửi xuống ngày …".
    pub origin: String,
    /// Parameters that are interpretations: shown as "chưa xác nhận".
    pub unconfirmed: Vec<String>,
    /// Position groups it applies to here ('*' = everyone not listed elsewhere).
    pub chosen_for: Vec<String>,
    /// Of those, the groups whose choice was made by an office above (not changeable here).
    pub chosen_above: Vec<String>,
}

fn summary(set: &RuleSet, lang: Lang) -> String {
    let e = &set.evaluation;
    let period = match (e.period.as_str(), lang) {
        ("quarter", Lang::Vi) => "theo quý",
        ("quarter", Lang::En) => "quarterly",
        (_, Lang::Vi) => "theo tháng",
        (_, Lang::En) => "monthly",
    };
    let bonus = match (e.bonus_points, lang) {
        (0, _) => String::new(),
        (b, Lang::Vi) => format!(" + {b} điểm thưởng"),
        (b, Lang::En) => format!(" + {b} bonus"),
    };
    let per_period = match (set.quota.per_period, lang) {
        (false, _) => "",
        (true, Lang::Vi) => ", áp dụng cả từng kỳ",
        (true, Lang::En) => ", each period too",
    };
    match lang {
        Lang::Vi => format!(
            "{} + {}{bonus} điểm, chấm {period}; Xuất sắc từ {}, Tốt từ {}, Hoàn thành từ {}; Xuất sắc không quá {} %{per_period}.",
            e.general_points, e.task_points, e.excellent_from, e.good_from, e.completed_from, set.quota.percent
        ),
        Lang::En => format!(
            "{} + {}{bonus} points, {period}; excellent from {}, good from {}, completed from {}; excellent at most {} %{per_period}.",
            e.general_points, e.task_points, e.excellent_from, e.good_from, e.completed_from, set.quota.percent
        ),
    }
}

/// Who decides each position group's levels, as the office has it (the shipped default where unchanged).
pub(crate) struct Authority {
    by_group: HashMap<String, DecidedBy>,
    default: DecidedBy,
}

impl Authority {
    pub fn load(read: Reader<'_>) -> Result<Authority> {
        let mut by_group: HashMap<String, DecidedBy> = HashMap::new();
        let mut default = DecidedBy::Commune;
        let chosen = read
            .authority_choices()?
            .into_iter()
            .map(|(g, by)| (g, if by == "province" { DecidedBy::Province } else { DecidedBy::Commune }));
        for (group, by) in crate::catalog::default_authority().into_iter().chain(chosen) {
            if group == EVERYONE {
                default = by;
            } else {
                by_group.insert(group, by);
            }
        }
        Ok(Authority { by_group, default })
    }

    pub fn of(&self, group: &str) -> DecidedBy {
        self.by_group.get(group).copied().unwrap_or(self.default)
    }
}

/// "province" / "tỉnh", "commune" / "xã", or "default" (None: back to the shipped table), or a clear error.
pub fn decided_by_from_text(text: &str) -> Result<Option<DecidedBy>> {
    match domain::text::fold(text).trim() {
        "province" | "tinh" | "cap tinh" => Ok(Some(DecidedBy::Province)),
        "commune" | "xa" | "cap xa" | "phuong" => Ok(Some(DecidedBy::Commune)),
        "default" | "mac dinh" => Ok(None),
        _ => Err(ServiceError::InvalidFields(vec![crate::error::FieldIssue {
            field: "decided_by".into(),
            message: format!("\"{}\": ghi province (cấp tỉnh), commune (cấp xã) hoặc default (mặc định).", text.trim()),
            message_en: format!("\"{}\": write province, commune or default.", text.trim()),
        }])),
    }
}

/// A position group and who decides its levels.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AuthorityItem {
    pub group_code: String,
    pub group_name: String,
    pub decided_by: DecidedBy,
    /// The office changed the shipped default for this group.
    pub changed: bool,
}

impl Office {
    /// Who decides each position group's levels; the Excellent quota applies within what one authority decides.
    pub fn authority(&self, session: &Session) -> Result<Vec<AuthorityItem>> {
        session.require(Permission::Read)?;
        let read = self.store.read();
        let authority = Authority::load(read)?;
        let changed: Vec<String> = read.authority_choices()?.into_iter().map(|(g, _)| g).collect();
        Ok(read
            .position_groups()?
            .into_iter()
            .map(|g| AuthorityItem {
                decided_by: authority.of(&g.code),
                changed: changed.contains(&g.code),
                group_code: g.code,
                group_name: g.name,
            })
            .collect())
    }

    /// Changes who decides a group's levels ("province" or "commune"; None goes back to the shipped default).
    pub fn set_authority(&mut self, session: &Session, group: &str, decided_by: Option<DecidedBy>) -> Result<()> {
        session.require(Permission::EditOrganisation)?;
        let group = group.trim();
        if group != EVERYONE && self.store.read().position_group_by_code(group)?.is_none() {
            return Err(ServiceError::UnknownGroup { code: group.into() });
        }
        let username = session.username.clone();
        let by = decided_by.map(|b| match b {
            DecidedBy::Province => "province",
            DecidedBy::Commune => "commune",
        });
        self.store.write(|w| {
            w.set_authority_choice(group, by)?;
            w.audit(&username, "authority.set", &format!("{group} → {}", by.unwrap_or("default")))?;
            Ok(())
        })
    }

    pub fn rule_sets(&self, session: &Session, lang: Lang) -> Result<Vec<RuleSetItem>> {
        session.require(Permission::Read)?;
        let read = self.store.read();
        let library = RuleLibrary::load(read)?;
        let chosen = choices_in_force(read, &library)?;
        let default_code = chosen.get(EVERYONE).map(|c| c.code.clone()).unwrap_or_else(|| RuleSet::default_set().code);
        let mut items = Vec::new();
        for held in library.codes_in_force() {
            let set = &held.set;
            let mut groups: Vec<(&String, &Chosen)> = chosen.iter().filter(|(g, c)| c.code == set.code && *g != EVERYONE).collect();
            groups.sort_by(|a, b| a.0.cmp(b.0));
            let mut chosen_for: Vec<String> = groups.iter().map(|(g, _)| (*g).clone()).collect();
            let mut chosen_above: Vec<String> = groups.iter().filter(|(_, c)| c.height > 0).map(|(g, _)| (*g).clone()).collect();
            if set.code == default_code {
                chosen_for.insert(0, EVERYONE.into());
                if chosen.get(EVERYONE).is_some_and(|c| c.height > 0) {
                    chosen_above.insert(0, EVERYONE.into());
                }
            }
            let origin = match &held.origin {
                Origin::BuiltIn => lang.pick("Có sẵn trong chương trình", "Shipped with the program").to_string(),
                Origin::Stored { owner, by, at } => {
                    let day = domain::dates::format_vn_date(at.date_naive());
                    if library.chain().first() == Some(owner) {
                        match lang {
                            Lang::Vi => format!("Nhập từ tệp ngày {day} ({by})"),
                            Lang::En => format!("Imported from a file on {day} ({by})"),
                        }
                    } else {
                        let unit = read.unit_by_id(*owner)?.map(|u| u.name).unwrap_or_default();
                        match lang {
                            Lang::Vi => format!("Do {unit} gửi xuống ngày {day}"),
                            Lang::En => format!("Sent down by {unit} on {day}"),
                        }
                    }
                }
            };
            items.push(RuleSetItem {
                code: set.code.clone(),
                version: set.version,
                versions: library.versions(&set.code),
                name: if lang == Lang::Vi { set.name.clone() } else { set.name_en.clone() },
                applies_to: set.applies_to.clone(),
                valid_from: set.valid_from.clone(),
                sources: set
                    .sources
                    .iter()
                    .map(|s| if s.issued.is_empty() { s.title.clone() } else { format!("{} ({})", s.title, s.issued) })
                    .collect(),
                summary: summary(set, lang),
                origin,
                unconfirmed: set.unconfirmed(),
                chosen_for,
                chosen_above,
            });
        }
        Ok(items)
    }

    /// Applies a rule set to a position group ('*' for everyone else); None returns the group to the default. A
    /// group whose set the office above chose keeps that choice.
    pub fn choose_rule_set(&mut self, session: &Session, group: &str, code: Option<&str>) -> Result<()> {
        session.require(Permission::EditOrganisation)?;
        let read = self.store.read();
        let library = RuleLibrary::load(read)?;
        if let Some(code) = code {
            library.in_force(code).ok_or_else(|| ServiceError::UnknownRuleSet { code: code.into() })?;
        }
        let group = group.trim();
        if group != EVERYONE && read.position_group_by_code(group)?.is_none() {
            return Err(ServiceError::UnknownGroup { code: group.into() });
        }
        if let Some(above) = choices_in_force(read, &library)?.get(group).filter(|c| c.height > 0) {
            let unit = read.unit_by_id(above.owner)?.map(|u| u.name).unwrap_or_default();
            return Err(ServiceError::RuleSetChosenAbove { group: group.into(), unit });
        }
        let own = read
            .ruleset_choice_records()?
            .into_iter()
            .find(|r| r.group_code == group && Some(&r.meta.owner_unit) == library.chain().first());
        let stamp = self.stamp()?;
        let username = session.username.clone();
        self.store.write(|w| {
            let meta = match own {
                Some(existing) => store::Meta { revision: w.next_revision()?, updated_at: stamp.now, ..existing.meta },
                None => stamp.meta(w.next_revision()?),
            };
            w.save_ruleset_choice(&store::RuleSetChoiceRecord { meta, group_code: group.into(), ruleset_code: code.map(String::from) })?;
            w.audit(&username, "rulesets.choose", &format!("{group} → {}", code.unwrap_or("default")))?;
            Ok(())
        })
    }
}
