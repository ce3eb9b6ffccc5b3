//! The office's print settings: one row, absent until someone saves them (the service then derives defaults).

use crate::convert::{first, time, time_text};
use crate::error::Result;
use crate::{Reader, Writer};
use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrintSettingsRecord {
    pub margin_top_mm: u32,
    pub margin_bottom_mm: u32,
    pub margin_left_mm: u32,
    pub margin_right_mm: u32,
    pub body_size_pt: u32,
    /// "liberation" or "system_times"; the table refuses anything else.
    pub font: String,
    pub party_superior: String,
    pub party_issuer: String,
    pub state_superior: String,
    pub state_issuer: String,
    pub place: String,
    /// Where printed files go on this PC; None for the default folder.
    pub folder: Option<String>,
    pub updated_at: DateTime<Utc>,
}

const COLUMNS: &str = "margin_top_mm, margin_bottom_mm, margin_left_mm, margin_right_mm, body_size_pt, font, party_superior, \
                       party_issuer, state_superior, state_issuer, place, updated_at, folder";

impl Reader<'_> {
    pub fn print_settings(&self) -> Result<Option<PrintSettingsRecord>> {
        let sql = format!("SELECT {COLUMNS} FROM print_settings WHERE singleton = 1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_and_then([], |r| -> Result<PrintSettingsRecord> {
            Ok(PrintSettingsRecord {
                margin_top_mm: r.get(0)?,
                margin_bottom_mm: r.get(1)?,
                margin_left_mm: r.get(2)?,
                margin_right_mm: r.get(3)?,
                body_size_pt: r.get(4)?,
                font: r.get(5)?,
                party_superior: r.get(6)?,
                party_issuer: r.get(7)?,
                state_superior: r.get(8)?,
                state_issuer: r.get(9)?,
                place: r.get(10)?,
                updated_at: time(&r.get::<_, String>(11)?)?,
                folder: r.get(12)?,
            })
        })?;
        first(rows)
    }
}

impl Writer<'_> {
    /// Replaces the office's print settings.
    pub fn save_print_settings(&self, s: &PrintSettingsRecord) -> Result<()> {
        let sql = format!(
            "INSERT OR REPLACE INTO print_settings (singleton, {COLUMNS}) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
        );
        self.conn().execute(
            &sql,
            params![
                s.margin_top_mm,
                s.margin_bottom_mm,
                s.margin_left_mm,
                s.margin_right_mm,
                s.body_size_pt,
                s.font,
                s.party_superior,
                s.party_issuer,
                s.state_superior,
                s.state_issuer,
                s.place,
                time_text(s.updated_at),
                s.folder
            ],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    fn settings() -> PrintSettingsRecord {
        PrintSettingsRecord {
            margin_top_mm: 20,
            margin_bottom_mm: 20,
            margin_left_mm: 30,
            margin_right_mm: 15,
            body_size_pt: 14,
            font: "liberation".into(),
            party_superior: "ĐẢNG BỘ TỈNH SÔNG LAM".into(),
            party_issuer: "ĐẢNG ỦY XÃ HOÀ BÌNH".into(),
            state_superior: "UBND TỈNH SÔNG LAM".into(),
            state_issuer: "ỦY BAN NHÂN DÂN XÃ HOÀ BÌNH".into(),
            place: "Hoà Bình".into(),
            folder: None,
            updated_at: DateTime::parse_from_rfc3339("2026-12-28T08:00:00.000Z").unwrap().with_timezone(&Utc),
        }
    }

    #[test]
    fn nothing_is_saved_until_someone_saves_and_a_save_replaces_the_one_row() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("office.db")).unwrap();
        assert_eq!(store.read().print_settings().unwrap(), None);
        store.write(|w| w.save_print_settings(&settings())).unwrap();
        assert_eq!(store.read().print_settings().unwrap(), Some(settings()));
        let wider = PrintSettingsRecord {
            margin_left_mm: 35,
            font: "system_times".into(),
            folder: Some("D:\\Văn bản\\In ấn".into()),
            ..settings()
        };
        store.write(|w| w.save_print_settings(&wider)).unwrap();
        assert_eq!(store.read().print_settings().unwrap(), Some(wider));
    }

    #[test]
    fn an_unknown_font_is_refused_by_the_table() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("office.db")).unwrap();
        let bad = PrintSettingsRecord { font: "comic_sans".into(), ..settings() };
        assert!(store.write(|w| w.save_print_settings(&bad)).is_err());
        assert_eq!(store.read().print_settings().unwrap(), None);
    }
}
