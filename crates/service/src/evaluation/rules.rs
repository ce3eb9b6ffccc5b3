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

/// Everyone else's group in `ruleset_choices`.
pub const EVERYONE: &str = "*";

/// The rule sets in force for an office, resolved once per use case.
pub(crate) struct RuleChoice {
    by_group: HashMap<String, RuleSet>,
    default: RuleSet,
}

impl RuleChoice {
    pub fn load(read: Reader<'_>) -> Result<RuleChoice> {
        let mut by_group = HashMap::new();
        let mut default = RuleSet::default_set();
        for (group, code) in read.ruleset_choices()? {
            // A choice naming a set this program does not have falls back to the default rather than failing.
            let Some(set) = RuleSet::by_code(&code) else { continue };
            if group == EVERYONE {
                default = set;
            } else {
                by_group.insert(group, set);
            }
        }
        Ok(RuleChoice { by_group, default })
    }

    pub fn for_group(&self, group: &str) -> &RuleSet {
        self.by_group.get(group).unwrap_or(&self.default)
    }

    pub fn default_set(&self) -> &RuleSet {
        &self.default
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RuleSetItem {
    pub code: String,
    pub version: u32,
    pub name: String,
    pub applies_to: String,
    pub valid_from: String,
    /// Parameters that are interpretations: shown as "chưa xác nhận".
    pub unconfirmed: Vec<String>,
    /// Position groups this office applies it to ('*' = everyone not listed elsewhere).
    pub chosen_for: Vec<String>,
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
        let choices = self.store.read().ruleset_choices()?;
        let default_chosen =
            choices.iter().find(|(g, _)| g == EVERYONE).map(|(_, c)| c.clone()).unwrap_or_else(|| RuleSet::default_set().code);
        Ok(RuleSet::built_in()
            .into_iter()
            .map(|set| {
                let mut chosen_for: Vec<String> =
                    choices.iter().filter(|(g, c)| *c == set.code && g != EVERYONE).map(|(g, _)| g.clone()).collect();
                if set.code == default_chosen {
                    chosen_for.insert(0, EVERYONE.into());
                }
                RuleSetItem {
                    code: set.code.clone(),
                    version: set.version,
                    name: if lang == Lang::Vi { set.name.clone() } else { set.name_en.clone() },
                    applies_to: set.applies_to.clone(),
                    valid_from: set.valid_from.clone(),
                    unconfirmed: set.unconfirmed(),
                    chosen_for,
                }
            })
            .collect())
    }

    /// Applies a rule set to a position group ('*' for everyone else); None returns the group to the default.
    pub fn choose_rule_set(&mut self, session: &Session, group: &str, code: Option<&str>) -> Result<()> {
        session.require(Permission::EditOrganisation)?;
        if let Some(code) = code {
            RuleSet::by_code(code).ok_or_else(|| ServiceError::UnknownRuleSet { code: code.into() })?;
        }
        let group = group.trim();
        if group != EVERYONE && self.store.read().position_group_by_code(group)?.is_none() {
            return Err(ServiceError::UnknownGroup { code: group.into() });
        }
        let username = session.username.clone();
        self.store.write(|w| {
            w.set_ruleset_choice(group, code)?;
            w.audit(&username, "rulesets.choose", &format!("{group} → {}", code.unwrap_or("default")))?;
            Ok(())
        })
    }
}
