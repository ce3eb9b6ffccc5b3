//! The office's print settings: page margins and type, and the header lines its documents carry. Until the office
//! saves its own, the header lines are derived from its unit (letterhead.rs).

use super::letterhead::{self, HeaderLines, UnitInfo};
use crate::auth::{Permission, Session};
use crate::error::{FieldIssue, Result, ServiceError};
use crate::office::Office;
use chrono::Utc;
use documents::{FontChoice, PageSettings};
use domain::text::clean;
use serde::{Deserialize, Serialize};
use store::{PrintSettingsRecord, Reader};
use ts_rs::TS;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PrintSettings {
    pub page: PageSettings,
    /// "ĐẢNG BỘ TỈNH SÔNG LAM"; may be empty.
    pub party_superior: String,
    /// "ĐẢNG ỦY XÃ HOÀ BÌNH"
    pub party_issuer: String,
    /// Empty for a People's Committee; "UBND XÃ …" above an agency.
    pub state_superior: String,
    /// "ỦY BAN NHÂN DÂN XÃ HOÀ BÌNH"
    pub state_issuer: String,
    /// The place in the date line: "Hoà Bình".
    pub place: String,
    /// Whether a Times New Roman is installed, so the window offers the choice only when it means something.
    #[serde(default)]
    pub times_available: bool,
    /// Where printed files go on this PC, a full path; None (or empty) for "Thước Đo" in the user's Documents folder.
    #[serde(default)]
    pub folder: Option<String>,
}

impl PrintSettings {
    /// The chosen print folder, when one is chosen.
    pub fn chosen_folder(&self) -> Option<std::path::PathBuf> {
        self.folder.as_deref().map(str::trim).filter(|f| !f.is_empty()).map(std::path::PathBuf::from)
    }
}

impl PrintSettings {
    pub(crate) fn lines(&self) -> HeaderLines {
        HeaderLines {
            party_superior: self.party_superior.clone(),
            party_issuer: self.party_issuer.clone(),
            state_superior: self.state_superior.clone(),
            state_issuer: self.state_issuer.clone(),
            place: self.place.clone(),
        }
    }
}

fn font_code(font: FontChoice) -> &'static str {
    match font {
        FontChoice::Liberation => "liberation",
        FontChoice::SystemTimes => "system_times",
    }
}

fn font_of(code: &str) -> FontChoice {
    match code {
        "system_times" => FontChoice::SystemTimes,
        _ => FontChoice::Liberation,
    }
}

/// The unit, its parent and every ancestor above, for the header rules. The office's own unit has no parent in
/// the tree; its superior is found by the code it was set up with, when that unit is known here.
pub(crate) fn unit_chain(read: Reader<'_>, unit_id: Uuid) -> Result<Vec<UnitInfo>> {
    let office = read.office()?.ok_or_else(|| ServiceError::Internal("office record missing".into()))?;
    let mut chain = Vec::new();
    let mut at = read.unit_by_id(unit_id)?;
    while let Some(unit) = at {
        chain.push(UnitInfo { name: unit.name.clone(), level: unit.level.clone() });
        at = match unit.parent_id {
            Some(parent) => read.unit_by_id(parent)?,
            None if unit.meta.id == office.unit_id => match &office.superior_code {
                Some(code) => read.unit_by_code(code)?,
                None => None,
            },
            None => None,
        };
        // A damaged tree with a cycle must not hang the printer.
        if chain.len() > 64 {
            break;
        }
    }
    Ok(chain)
}

/// What each field must hold, checked all at once so the window can mark every wrong field.
fn check(settings: &PrintSettings) -> std::result::Result<(), Vec<FieldIssue>> {
    let page = &settings.page;
    let mut issues = Vec::new();
    let mut range = |field: &str, value: u32, (low, high): (u32, u32), vi: &str, en: &str, unit: &str| {
        if !(low..=high).contains(&value) {
            issues.push(FieldIssue {
                field: field.into(),
                message: format!("{vi} phải từ {low} đến {high} {unit}, đang là {value}"),
                message_en: format!("{en} must be {low} to {high} {unit}, it is {value}"),
            });
        }
    };
    // The same bounds the renderer holds a page to, so what is saved prints as saved.
    range("margin_top_mm", page.margin_top_mm, (5, 50), "Lề trên", "The top margin", "mm");
    range("margin_bottom_mm", page.margin_bottom_mm, (5, 50), "Lề dưới", "The bottom margin", "mm");
    range("margin_left_mm", page.margin_left_mm, (5, 60), "Lề trái", "The left margin", "mm");
    range("margin_right_mm", page.margin_right_mm, (5, 50), "Lề phải", "The right margin", "mm");
    range("body_size_pt", page.body_size_pt, (10, 16), "Cỡ chữ", "The type size", "pt");
    for (field, value, vi, en) in [
        ("party_issuer", &settings.party_issuer, "Tên cấp ủy ban hành", "The Party issuer"),
        ("state_issuer", &settings.state_issuer, "Tên cơ quan ban hành", "The State issuer"),
        ("place", &settings.place, "Địa danh ghi ngày tháng", "The place of the date line"),
    ] {
        if clean(value).is_empty() {
            issues.push(FieldIssue {
                field: field.into(),
                message: format!("{vi} không được để trống."),
                message_en: format!("{en} must not be empty."),
            });
        }
    }
    if let Some(folder) = settings.chosen_folder() {
        let problem = if !folder.is_absolute() {
            Some((
                format!("Thư mục in phải là đường dẫn đầy đủ (ví dụ C:\\Users\\…\\Documents\\In ấn), đang là \"{}\".", folder.display()),
                format!("The print folder must be a full path (e.g. C:\\Users\\…\\Documents\\Printing), it is \"{}\".", folder.display()),
            ))
        } else {
            std::fs::create_dir_all(&folder).err().map(|e| {
                (
                    format!("Không tạo được thư mục in {} ({e}). Hãy chọn một thư mục khác.", folder.display()),
                    format!("The print folder {} could not be created ({e}). Choose another folder.", folder.display()),
                )
            })
        };
        if let Some((message, message_en)) = problem {
            issues.push(FieldIssue { field: "folder".into(), message, message_en });
        }
    }
    if issues.is_empty() {
        Ok(())
    } else {
        Err(issues)
    }
}

impl Office {
    /// The office's print settings, or the defaults derived from its unit when none are saved.
    pub fn print_settings(&self, session: &Session) -> Result<PrintSettings> {
        session.require(Permission::Read)?;
        let read = self.store.read();
        let times_available = documents::system_times_available();
        if let Some(saved) = read.print_settings()? {
            return Ok(PrintSettings {
                page: PageSettings {
                    margin_top_mm: saved.margin_top_mm,
                    margin_bottom_mm: saved.margin_bottom_mm,
                    margin_left_mm: saved.margin_left_mm,
                    margin_right_mm: saved.margin_right_mm,
                    body_size_pt: saved.body_size_pt,
                    font: font_of(&saved.font),
                },
                party_superior: saved.party_superior,
                party_issuer: saved.party_issuer,
                state_superior: saved.state_superior,
                state_issuer: saved.state_issuer,
                place: saved.place,
                times_available,
                folder: saved.folder,
            });
        }
        let lines = letterhead::derive(&unit_chain(read, self.office_record()?.unit_id)?);
        Ok(PrintSettings {
            page: PageSettings::default(),
            party_superior: lines.party_superior,
            party_issuer: lines.party_issuer,
            state_superior: lines.state_superior,
            state_issuer: lines.state_issuer,
            place: lines.place,
            times_available,
            folder: None,
        })
    }

    /// Saves the print settings; nothing is saved when any field is wrong. Header lines are printed in capitals,
    /// so they are kept in capitals.
    pub fn save_print_settings(&mut self, session: &Session, settings: &PrintSettings) -> Result<()> {
        session.require(Permission::EditOrganisation)?;
        check(settings).map_err(ServiceError::InvalidFields)?;
        let page = &settings.page;
        let record = PrintSettingsRecord {
            margin_top_mm: page.margin_top_mm,
            margin_bottom_mm: page.margin_bottom_mm,
            margin_left_mm: page.margin_left_mm,
            margin_right_mm: page.margin_right_mm,
            body_size_pt: page.body_size_pt,
            font: font_code(page.font).into(),
            party_superior: letterhead::upper(&settings.party_superior),
            party_issuer: letterhead::upper(&settings.party_issuer),
            state_superior: letterhead::upper(&settings.state_superior),
            state_issuer: letterhead::upper(&settings.state_issuer),
            place: clean(&settings.place),
            folder: settings.chosen_folder().map(|f| f.display().to_string()),
            updated_at: Utc::now(),
        };
        let username = session.username.clone();
        self.store.write(|w| {
            w.save_print_settings(&record)?;
            w.audit(&username, "print.settings", &format!("{} / {}", record.party_issuer, record.state_issuer))?;
            Ok(())
        })
    }

    /// The header lines for a document issued by `unit_id`: the office's own (saved or derived) for its unit, the
    /// unit's derived ones for a unit below it (a commune's minutes printed at the province carry the commune's
    /// header), and the page as the office set it.
    pub(crate) fn print_setup(&self, session: &Session, unit_id: Option<Uuid>) -> Result<(PageSettings, HeaderLines)> {
        let settings = self.print_settings(session)?;
        let office_unit = self.office_record()?.unit_id;
        let lines = match unit_id {
            Some(unit) if unit != office_unit => letterhead::derive(&unit_chain(self.store.read(), unit)?),
            _ => settings.lines(),
        };
        Ok((settings.page, lines))
    }
}
