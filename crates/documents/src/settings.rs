use crate::fonts::FontChoice;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Page margins and type, kept by the office. The defaults follow DOCUMENTS.md: the exact Party margins are
/// unconfirmed (HD 36 gives ranges: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm), so they are settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PageSettings {
    pub margin_top_mm: u32,
    pub margin_bottom_mm: u32,
    pub margin_left_mm: u32,
    pub margin_right_mm: u32,
    /// Body text size in points (13 or 14 in official documents).
    pub body_size_pt: u32,
    pub font: FontChoice,
}

impl Default for PageSettings {
    fn default() -> Self {
        PageSettings {
            margin_top_mm: 20,
            margin_bottom_mm: 20,
            margin_left_mm: 30,
            margin_right_mm: 15,
            body_size_pt: 14,
            font: FontChoice::Liberation,
        }
    }
}

impl PageSettings {
    /// Margins and sizes a page can actually hold; anything outside is brought back into range rather than
    /// producing an unreadable page.
    pub fn sane(&self) -> PageSettings {
        PageSettings {
            margin_top_mm: self.margin_top_mm.clamp(5, 50),
            margin_bottom_mm: self.margin_bottom_mm.clamp(5, 50),
            margin_left_mm: self.margin_left_mm.clamp(5, 60),
            margin_right_mm: self.margin_right_mm.clamp(5, 50),
            body_size_pt: self.body_size_pt.clamp(10, 16),
            font: self.font,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    pub settings: PageSettings,
    /// The creation date written into the file; None takes the clock. Tests fix it to compare bytes.
    pub fixed_date: Option<DateTime<Utc>>,
    /// A line at the top right of every page, in the margin: "DỮ LIỆU MẪU…" on a demo office's documents, so a
    /// printout of made-up people is never taken for a real one.
    pub banner: Option<String>,
}
