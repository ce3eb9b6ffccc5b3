//! Text columns to typed values. The database is ours, so a value that does not parse means damage.

use crate::error::{Result, StoreError};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use uuid::Uuid;

pub(crate) fn uuid(text: &str) -> Result<Uuid> {
    Uuid::parse_str(text).map_err(|_| StoreError::Corrupt(format!("bad id {text:?}")))
}

pub(crate) fn opt_uuid(text: Option<String>) -> Result<Option<Uuid>> {
    text.as_deref().map(uuid).transpose()
}

pub(crate) fn date(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| StoreError::Corrupt(format!("bad date {text:?}")))
}

pub(crate) fn opt_date(text: Option<String>) -> Result<Option<NaiveDate>> {
    text.as_deref().map(date).transpose()
}

pub(crate) fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

pub(crate) fn time(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text).map(|t| t.with_timezone(&Utc)).map_err(|_| StoreError::Corrupt(format!("bad timestamp {text:?}")))
}

pub(crate) fn opt_time(text: Option<String>) -> Result<Option<DateTime<Utc>>> {
    text.as_deref().map(time).transpose()
}

pub(crate) fn time_text(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(crate) fn code<T>(text: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T> {
    parse(text).ok_or_else(|| StoreError::Corrupt(format!("unknown code {text:?}")))
}

/// The five provenance columns, always selected first and in this order.
pub(crate) const META_COLUMNS: &str = "id, owner_unit, revision, created_at, updated_at";

pub(crate) fn meta(row: &rusqlite::Row<'_>) -> Result<crate::Meta> {
    Ok(crate::Meta {
        id: uuid(&row.get::<_, String>(0)?)?,
        owner_unit: uuid(&row.get::<_, String>(1)?)?,
        revision: row.get(2)?,
        created_at: time(&row.get::<_, String>(3)?)?,
        updated_at: time(&row.get::<_, String>(4)?)?,
    })
}

pub(crate) fn meta_params(meta: &crate::Meta) -> (String, String, i64, String, String) {
    (meta.id.to_string(), meta.owner_unit.to_string(), meta.revision, time_text(meta.created_at), time_text(meta.updated_at))
}

/// The first row of a query, if any.
pub(crate) fn first<T>(mut rows: impl Iterator<Item = Result<T>>) -> Result<Option<T>> {
    rows.next().transpose()
}
