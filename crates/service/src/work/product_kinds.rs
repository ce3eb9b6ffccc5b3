//! The product-kind catalogue (issue 13; NĐ 335 quy đổi): each kind of product with the unit it is counted in and
//! its conversion coefficient for size and difficulty, for the position groups whose posts deliver it. The program
//! ships defaults (unconfirmed: each office sets its own); an administrator changes a default, adds kinds of the
//! office's own, takes a default out, or takes a change back.

use crate::auth::{Permission, Session};
use crate::catalog::ProductKind;
use crate::error::{FieldIssue, Result, ServiceError};
use crate::evaluation::EVERYONE;
use crate::office::Office;
use chrono::Utc;
use domain::numbers::format_quantity;
use domain::quantity::parse_quantity;
use serde::{Deserialize, Serialize};
use store::{ProductKindRecord, Reader};
use ts_rs::TS;

/// Where a kind stands against the shipped defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum KindOrigin {
    /// As shipped.
    Default,
    /// A default the office changed.
    Changed,
    /// A kind of the office's own.
    Own,
}

/// The catalogue as the office has it: the defaults with its changes, without the kinds it took out.
pub(crate) struct Catalogue {
    kinds: Vec<(ProductKind, KindOrigin)>,
}

impl Catalogue {
    pub fn load(read: Reader<'_>) -> Result<Catalogue> {
        let changes = read.product_kind_changes()?;
        let mut kinds: Vec<(ProductKind, KindOrigin)> = Vec::new();
        for default in crate::catalog::product_kinds() {
            match changes.iter().find(|c| c.code == default.code) {
                Some(change) if change.removed => {}
                Some(change) => kinds.push((kind_of(change), KindOrigin::Changed)),
                None => kinds.push((default, KindOrigin::Default)),
            }
        }
        let defaults: Vec<String> = crate::catalog::product_kinds().into_iter().map(|k| k.code).collect();
        for change in changes.iter().filter(|c| !c.removed && !defaults.contains(&c.code)) {
            kinds.push((kind_of(change), KindOrigin::Own));
        }
        Ok(Catalogue { kinds })
    }

    /// The kind a sheet or a form names, by code or name (case and diacritics ignored).
    pub fn find(&self, typed: &str) -> Option<&ProductKind> {
        let folded = domain::text::fold(typed);
        self.kinds.iter().map(|(k, _)| k).find(|k| k.code == typed.trim() || domain::text::fold(&k.name) == folded)
    }

    pub fn name_of(&self, code: &str) -> Option<&str> {
        self.kinds.iter().find(|(k, _)| k.code == code).map(|(k, _)| k.name.as_str())
    }
}

fn kind_of(change: &ProductKindRecord) -> ProductKind {
    ProductKind {
        code: change.code.clone(),
        name: change.name.clone(),
        measure: change.measure.clone(),
        coefficient: change.coefficient,
        groups: change.groups.clone(),
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ProductKindItem {
    pub code: String,
    pub name: String,
    pub measure: String,
    /// "1,5".
    pub coefficient_text: String,
    /// Position-group codes; ["*"] for every group.
    pub groups: Vec<String>,
    /// The groups' names, for the screen (empty for every group).
    pub group_names: Vec<String>,
    pub origin: KindOrigin,
}

/// A kind as typed in a form or on the command line.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct ProductKindInput {
    pub code: String,
    pub name: String,
    pub measure: String,
    /// "1,5" (Vietnamese decimal comma; "1.5" is read too).
    pub coefficient: String,
    /// Position-group codes separated by commas, or "*" (empty: every group).
    pub groups: String,
}

fn issue(field: &str, vi: String, en: String) -> FieldIssue {
    FieldIssue { field: field.into(), message: vi, message_en: en }
}

impl Office {
    /// The catalogue, or the kinds a position group's posts deliver (those for every group included).
    pub fn product_kinds(&self, session: &Session, group: Option<&str>) -> Result<Vec<ProductKindItem>> {
        session.require(Permission::Read)?;
        let read = self.store.read();
        let catalogue = Catalogue::load(read)?;
        let names: std::collections::HashMap<String, String> = read.position_groups()?.into_iter().map(|g| (g.code, g.name)).collect();
        Ok(catalogue
            .kinds
            .into_iter()
            .filter(|(k, _)| group.is_none_or(|g| k.groups.iter().any(|kg| kg == EVERYONE || kg == g)))
            .map(|(k, origin)| ProductKindItem {
                coefficient_text: format_quantity(k.coefficient),
                group_names: k
                    .groups
                    .iter()
                    .filter(|g| *g != EVERYONE)
                    .map(|g| names.get(g).cloned().unwrap_or_else(|| g.clone()))
                    .collect(),
                code: k.code,
                name: k.name,
                measure: k.measure,
                groups: k.groups,
                origin,
            })
            .collect())
    }

    /// Adds a kind or changes one (a default changed stays marked as changed and can be taken back).
    pub fn save_product_kind(&mut self, session: &Session, input: &ProductKindInput) -> Result<()> {
        session.require(Permission::EditOrganisation)?;
        let read = self.store.read();
        let code = input.code.trim().to_lowercase();
        let name = domain::text::clean(&input.name);
        let measure = domain::text::clean(&input.measure);
        let mut issues = Vec::new();
        if code.is_empty() || code.len() > 40 || !code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
            issues.push(issue(
                "code",
                format!(
                    "Mã loại \"{}\": chữ thường không dấu, chữ số và dấu gạch dưới, tối đa 40 ký tự (ví dụ bao_cao_quy).",
                    input.code.trim()
                ),
                format!(
                    "Kind code \"{}\": lowercase ASCII letters, digits and underscores, at most 40 (e.g. bao_cao_quy).",
                    input.code.trim()
                ),
            ));
        }
        if name.is_empty() || name.chars().count() > 200 || name.chars().any(domain::text::is_unsafe_char) {
            issues.push(issue(
                "name",
                "Ghi tên loại sản phẩm (tối đa 200 ký tự).".into(),
                "Name the kind (at most 200 characters).".into(),
            ));
        }
        if measure.is_empty() || measure.chars().count() > 40 || measure.chars().any(domain::text::is_unsafe_char) {
            issues.push(issue(
                "measure",
                "Ghi đơn vị tính (báo cáo, hồ sơ, cuộc …), tối đa 40 ký tự.".into(),
                "Give the unit it is counted in (at most 40 characters).".into(),
            ));
        }
        let coefficient = parse_quantity(&input.coefficient).ok().filter(|c| (1..=10_000).contains(c));
        if coefficient.is_none() {
            issues.push(issue(
                "coefficient",
                format!("Hệ số quy đổi \"{}\": một số lớn hơn 0, tối đa 100 (ví dụ 1,5).", input.coefficient.trim()),
                format!("Coefficient \"{}\": a number above 0, at most 100 (e.g. 1,5).", input.coefficient.trim()),
            ));
        }
        let mut groups: Vec<String> = input.groups.split(',').map(|g| g.trim().to_string()).filter(|g| !g.is_empty()).collect::<Vec<_>>();
        if groups.is_empty() || groups.iter().any(|g| g == EVERYONE) {
            groups = vec![EVERYONE.to_string()];
        }
        for group in groups.iter().filter(|g| *g != EVERYONE) {
            if read.position_group_by_code(group)?.is_none() {
                issues.push(issue(
                    "groups",
                    format!("Không có nhóm chức danh \"{group}\"; ghi mã nhóm, cách nhau bằng dấu phẩy, hoặc * cho mọi nhóm."),
                    format!("There is no position group \"{group}\"; write group codes separated by commas, or * for all."),
                ));
            }
        }
        if !issues.is_empty() {
            return Err(ServiceError::InvalidFields(issues));
        }
        let record = ProductKindRecord {
            code: code.clone(),
            name,
            measure,
            coefficient: coefficient.unwrap_or(100),
            groups,
            removed: false,
            changed_by: session.username.clone(),
            changed_at: Utc::now(),
        };
        let username = session.username.clone();
        self.store.write(|w| {
            w.save_product_kind(&record)?;
            w.audit(&username, "product_kinds.save", &format!("{code} ×{}", format_quantity(record.coefficient)))?;
            Ok(())
        })
    }

    /// Takes a kind out of the catalogue (a default stays out until taken back; products already planned keep it).
    pub fn remove_product_kind(&mut self, session: &Session, code: &str) -> Result<()> {
        session.require(Permission::EditOrganisation)?;
        let catalogue = Catalogue::load(self.store.read())?;
        let Some((kind, origin)) = catalogue.kinds.iter().find(|(k, _)| k.code == code.trim()) else {
            return Err(unknown_kind(code));
        };
        let username = session.username.clone();
        let record = ProductKindRecord {
            code: kind.code.clone(),
            name: kind.name.clone(),
            measure: kind.measure.clone(),
            coefficient: kind.coefficient,
            groups: kind.groups.clone(),
            removed: true,
            changed_by: username.clone(),
            changed_at: Utc::now(),
        };
        let own = *origin == KindOrigin::Own;
        self.store.write(|w| {
            if own {
                w.forget_product_kind(&record.code)?;
            } else {
                w.save_product_kind(&record)?;
            }
            w.audit(&username, "product_kinds.remove", &record.code)?;
            Ok(())
        })
    }

    /// Takes the office's change of a default back (the shipped kind again, also after it was taken out).
    pub fn reset_product_kind(&mut self, session: &Session, code: &str) -> Result<()> {
        session.require(Permission::EditOrganisation)?;
        let code = code.trim().to_string();
        if !crate::catalog::product_kinds().iter().any(|k| k.code == code) {
            return Err(unknown_kind(&code));
        }
        let username = session.username.clone();
        self.store.write(|w| {
            w.forget_product_kind(&code)?;
            w.audit(&username, "product_kinds.reset", &code)?;
            Ok(())
        })
    }
}

fn unknown_kind(code: &str) -> ServiceError {
    ServiceError::InvalidFields(vec![issue(
        "code",
        format!("Không có loại sản phẩm mã \"{}\" trong danh mục mặc định hoặc của đơn vị.", code.trim()),
        format!("There is no product kind \"{}\" among the defaults or the office's own.", code.trim()),
    )])
}
