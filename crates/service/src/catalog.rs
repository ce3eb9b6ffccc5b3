//! The default catalogue of positions and equivalent-position groups every new office starts with
//! (assets/catalog/positions.tsv: the standard posts of a commune after the 2025 reorganisation).

use crate::tsv::Tsv;

pub(crate) struct CatalogPosition {
    pub code: String,
    pub name: String,
    pub group_code: String,
    pub group_name: String,
    pub is_head: bool,
    pub agency_suffix: String,
    pub per_commune: usize,
}

const POSITIONS_TSV: &str = include_str!("../../../assets/catalog/positions.tsv");

/// Positions found in a roster file but absent from the catalogue go to this group until someone sorts them.
pub(crate) const OTHER_GROUP_CODE: &str = "khac";
pub(crate) const OTHER_GROUP_NAME: &str = "Chức danh khác (chưa xếp nhóm)";

pub(crate) fn positions() -> Vec<CatalogPosition> {
    Tsv::parse(POSITIONS_TSV)
        .records()
        .map(|r| CatalogPosition {
            code: r.get("code").to_string(),
            name: r.get("name").to_string(),
            group_code: r.get("group_code").to_string(),
            group_name: r.get("group_name").to_string(),
            is_head: r.get("is_head") == "1",
            agency_suffix: r.get("agency_suffix").to_string(),
            per_commune: r.get("per_commune").parse().unwrap_or(0),
        })
        .collect()
}

/// A kind of product with its default conversion coefficient (NĐ 335 quy đổi; unconfirmed defaults).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProductKind {
    pub code: String,
    pub name: String,
    pub measure: String,
    /// Hundredths: 1,5 = 150.
    pub coefficient: i64,
    /// The position groups whose posts deliver it; ["*"] for every group.
    pub groups: Vec<String>,
}

const PRODUCT_KINDS_TSV: &str = include_str!("../../../assets/catalog/product_kinds.tsv");

pub(crate) fn product_kinds() -> Vec<ProductKind> {
    Tsv::parse(PRODUCT_KINDS_TSV)
        .records()
        .map(|r| ProductKind {
            code: r.get("code").to_string(),
            name: r.get("name").to_string(),
            measure: r.get("measure").to_string(),
            coefficient: domain::quantity::parse_quantity(r.get("coefficient")).unwrap_or(100),
            groups: r.get("groups").split(',').map(|g| g.trim().to_string()).filter(|g| !g.is_empty()).collect(),
        })
        .collect()
}

/// The level of the authority that decides a position group's levels (its cadre-management decentralisation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum DecidedBy {
    /// The province's standing committee (commune key posts since 7/2025).
    Province,
    /// The commune (ward, special zone) itself.
    Commune,
}

const AUTHORITY_TSV: &str = include_str!("../../../assets/catalog/authority.tsv");

/// The shipped default (unconfirmed): group code → who decides; "*" for every other group.
pub(crate) fn default_authority() -> Vec<(String, DecidedBy)> {
    Tsv::parse(AUTHORITY_TSV)
        .records()
        .map(|r| {
            let by = if r.get("decided_by") == "province" { DecidedBy::Province } else { DecidedBy::Commune };
            (r.get("group_code").to_string(), by)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_authority_table_names_the_commune_key_posts() {
        let table = super::default_authority();
        assert!(table.contains(&("bi_thu_xa".to_string(), super::DecidedBy::Province)));
        assert!(table.contains(&("*".to_string(), super::DecidedBy::Commune)));
    }

    #[test]
    fn the_product_kinds_have_positive_coefficients() {
        let kinds = super::product_kinds();
        assert!(kinds.len() >= 8);
        assert!(kinds.iter().all(|k| k.coefficient > 0 && !k.name.is_empty() && !k.measure.is_empty()));
        let kind = super::product_kinds().into_iter().find(|k| k.code == "van_ban_tham_muu").unwrap();
        assert_eq!((kind.coefficient, kind.groups.clone()), (150, vec!["*".to_string()]));
    }

    #[test]
    fn the_shipped_catalogue_is_complete() {
        let positions = super::positions();
        assert!(positions.len() >= 30);
        assert!(positions.iter().all(|p| !p.code.is_empty() && !p.name.is_empty() && !p.group_code.is_empty()));
        assert!(positions.iter().any(|p| p.code == "bi_thu_dang_uy" && p.is_head));
        let per_commune: usize = positions.iter().map(|p| p.per_commune).sum();
        assert!((55..=70).contains(&per_commune), "a commune has about 60 cadres, got {per_commune}");
    }
}
