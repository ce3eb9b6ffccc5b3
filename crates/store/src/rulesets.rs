//! Rule-set files an office keeps (imported by its administrator or sent down by the office above) and its choices
//! of which set applies to which position group. Both travel down in bundles.

use crate::convert::{meta, meta_params, META_COLUMNS};
use crate::{Meta, Reader, Result, Writer};
use rusqlite::params;

/// A rule-set file as stored: its text is checked by `domain::ruleset::RuleSet::parse` before it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRuleSet {
    pub meta: Meta,
    pub code: String,
    pub version: u32,
    pub source: String,
    pub imported_by: String,
}

/// Which rule set an office applies to a position group ('*' for everyone else); None: taken back to the default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSetChoiceRecord {
    pub meta: Meta,
    pub group_code: String,
    pub ruleset_code: Option<String>,
}

impl Reader<'_> {
    /// Every stored rule-set file, oldest version first.
    pub fn stored_rule_sets(&self) -> Result<Vec<StoredRuleSet>> {
        let sql = format!("SELECT {META_COLUMNS}, code, version, source, imported_by FROM rulesets ORDER BY code, version, owner_unit");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_and_then([], |r| -> Result<StoredRuleSet> {
            Ok(StoredRuleSet { meta: meta(r)?, code: r.get(5)?, version: r.get(6)?, source: r.get(7)?, imported_by: r.get(8)? })
        })?;
        rows.collect()
    }

    /// Every office's choices held here: this office's own and those sent down by the offices above.
    pub fn ruleset_choice_records(&self) -> Result<Vec<RuleSetChoiceRecord>> {
        let sql = format!("SELECT {META_COLUMNS}, group_code, ruleset_code FROM ruleset_choices ORDER BY group_code, owner_unit");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_and_then([], |r| -> Result<RuleSetChoiceRecord> {
            Ok(RuleSetChoiceRecord { meta: meta(r)?, group_code: r.get(5)?, ruleset_code: r.get(6)? })
        })?;
        rows.collect()
    }
}

impl Writer<'_> {
    pub fn insert_rule_set(&self, set: &StoredRuleSet) -> Result<()> {
        let (id, owner, revision, created, updated) = meta_params(&set.meta);
        self.conn().execute(
            &format!(
                "INSERT INTO rulesets ({META_COLUMNS}, code, version, source, imported_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
            ),
            params![id, owner, revision, created, updated, set.code, set.version, set.source, set.imported_by],
        )?;
        Ok(())
    }

    /// Writes a choice (new, or an update of the same record with its new revision).
    pub fn save_ruleset_choice(&self, choice: &RuleSetChoiceRecord) -> Result<()> {
        let (id, owner, revision, created, updated) = meta_params(&choice.meta);
        self.conn().execute(
            &format!(
                "INSERT INTO ruleset_choices ({META_COLUMNS}, group_code, ruleset_code) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (id) DO UPDATE SET revision = ?3, updated_at = ?5, ruleset_code = ?7"
            ),
            params![id, owner, revision, created, updated, choice.group_code, choice.ruleset_code],
        )?;
        Ok(())
    }
}
