//! TypeScript shapes of the documents crate's types that cross to the window. The documents crate knows nothing
//! of ts-rs; these mirror its serde form exactly and are used only through `#[ts(as = …)]`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum FontChoice {
    Liberation,
    SystemTimes,
}

#[derive(Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PageSettings {
    pub margin_top_mm: u32,
    pub margin_bottom_mm: u32,
    pub margin_left_mm: u32,
    pub margin_right_mm: u32,
    pub body_size_pt: u32,
    pub font: FontChoice,
}

#[derive(Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "lowercase")]
pub enum HeaderFormat {
    Party,
    State,
}

#[cfg(test)]
mod tests {
    /// The mirrors must serialise as the documents crate's own types do, or the window would send what the
    /// service cannot read.
    #[test]
    fn the_mirrors_have_the_documents_shapes() {
        let page = documents::PageSettings { font: documents::FontChoice::SystemTimes, ..Default::default() };
        let mirror = super::PageSettings {
            margin_top_mm: page.margin_top_mm,
            margin_bottom_mm: page.margin_bottom_mm,
            margin_left_mm: page.margin_left_mm,
            margin_right_mm: page.margin_right_mm,
            body_size_pt: page.body_size_pt,
            font: super::FontChoice::SystemTimes,
        };
        assert_eq!(serde_json::to_value(&page).unwrap(), serde_json::to_value(&mirror).unwrap());
        for (format, mirror) in
            [(documents::HeaderFormat::Party, super::HeaderFormat::Party), (documents::HeaderFormat::State, super::HeaderFormat::State)]
        {
            assert_eq!(serde_json::to_value(format).unwrap(), serde_json::to_value(mirror).unwrap());
        }
    }
}
