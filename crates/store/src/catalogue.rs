//! The office's changes to the product-kind catalogue (its defaults ship with the program).

use crate::convert::{time, time_text};
use crate::{Reader, Result, Writer};
use chrono::{DateTime, Utc};
use rusqlite::params;

/// A kind of product as the office has it: a changed default, a kind of its own, or a default taken out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductKindRecord {
    pub code: String,
    pub name: String,
    pub measure: String,
    /// Hundredths: 1,5 = 150.
    pub coefficient: i64,
    /// Position-group codes; ["*"] for every group.
    pub groups: Vec<String>,
    pub removed: bool,
    pub changed_by: String,
    pub changed_at: DateTime<Utc>,
}

impl Reader<'_> {
    pub fn product_kind_changes(&self) -> Result<Vec<ProductKindRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT code, name, measure, coefficient, groups, removed, changed_by, changed_at FROM product_kinds ORDER BY code",
        )?;
        let rows = stmt.query_and_then([], |r| -> Result<ProductKindRecord> {
            Ok(ProductKindRecord {
                code: r.get(0)?,
                name: r.get(1)?,
                measure: r.get(2)?,
                coefficient: r.get(3)?,
                groups: r.get::<_, String>(4)?.split(',').map(str::to_string).filter(|g| !g.is_empty()).collect(),
                removed: r.get(5)?,
                changed_by: r.get(6)?,
                changed_at: time(&r.get::<_, String>(7)?)?,
            })
        })?;
        rows.collect()
    }
}

impl Writer<'_> {
    pub fn save_product_kind(&self, kind: &ProductKindRecord) -> Result<()> {
        self.conn().execute(
            "INSERT INTO product_kinds (code, name, measure, coefficient, groups, removed, changed_by, changed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (code) DO UPDATE SET name = ?2, measure = ?3, coefficient = ?4, groups = ?5, removed = ?6, changed_by = ?7, changed_at = ?8",
            params![
                kind.code,
                kind.name,
                kind.measure,
                kind.coefficient,
                kind.groups.join(","),
                kind.removed,
                kind.changed_by,
                time_text(kind.changed_at)
            ],
        )?;
        Ok(())
    }

    /// Takes back the office's change: the shipped default again (or, for a kind of its own, no kind).
    pub fn forget_product_kind(&self, code: &str) -> Result<bool> {
        Ok(self.conn().execute("DELETE FROM product_kinds WHERE code = ?1", [code])? > 0)
    }
}
