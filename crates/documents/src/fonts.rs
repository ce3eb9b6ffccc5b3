//! The four faces a document is set in, and how wide a piece of text is in each: the layout layer breaks lines
//! with these widths, so they must be the advances the PDF viewer will draw (hmtx, no kerning: printpdf draws
//! glyph after glyph).

use crate::{DocumentError, Result};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Which type the documents are set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum FontChoice {
    /// Liberation Serif, shipped in assets/fonts (metric-compatible with Times New Roman).
    Liberation,
    /// The system's Times New Roman when installed; Liberation Serif otherwise.
    SystemTimes,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Style {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Style {
    #[cfg(test)]
    pub(crate) const ALL: [Style; 4] = [Style::Regular, Style::Bold, Style::Italic, Style::BoldItalic];

    fn index(self) -> usize {
        self as usize
    }
}

const LIBERATION: [&[u8]; 4] = [
    include_bytes!("../../../assets/fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../../assets/fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../../assets/fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../../assets/fonts/LiberationSerif-BoldItalic.ttf"),
];

/// Where Times New Roman lives on the machines offices use: Windows, and Linux with the msttcorefonts package.
fn times_candidates() -> Vec<[PathBuf; 4]> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Some(windir) = std::env::var_os("WINDIR") {
        dirs.push(Path::new(&windir).join("Fonts"));
    }
    dirs.push(PathBuf::from("C:\\Windows\\Fonts"));
    // Windows 10 (1809) and later install a font "for this user only" here.
    if let Some(local) = std::env::var_os("LOCALAPPDATA") {
        dirs.push(Path::new(&local).join("Microsoft").join("Windows").join("Fonts"));
    }
    dirs.push(PathBuf::from("/usr/share/fonts/truetype/msttcorefonts"));
    dirs.push(PathBuf::from("/usr/share/fonts/TTF"));
    dirs.push(PathBuf::from("/Library/Fonts"));
    dirs.push(PathBuf::from("/System/Library/Fonts/Supplemental"));
    let names: [[&str; 4]; 3] = [
        ["times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"],
        ["Times_New_Roman.ttf", "Times_New_Roman_Bold.ttf", "Times_New_Roman_Italic.ttf", "Times_New_Roman_Bold_Italic.ttf"],
        ["Times New Roman.ttf", "Times New Roman Bold.ttf", "Times New Roman Italic.ttf", "Times New Roman Bold Italic.ttf"],
    ];
    dirs.iter().flat_map(|dir| names.iter().map(move |set| set.map(|name| dir.join(name)))).collect()
}

fn installed_times() -> Option<[PathBuf; 4]> {
    times_candidates().into_iter().find(|set| set.iter().all(|path| path.is_file()))
}

/// Whether a Times New Roman family is installed on this machine.
pub fn system_times_available() -> bool {
    installed_times().is_some()
}

/// One face: its bytes (embedded later) and the advance of every character it maps.
pub(crate) struct Face {
    /// What gets embedded (as a subset): the font without its hinting programs.
    pub(crate) bytes: Vec<u8>,
    advances: HashMap<char, f32>,
    missing_advance: f32,
}

impl Face {
    fn parse(bytes: Vec<u8>, label: &str) -> Result<Face> {
        let face = ttf_parser::Face::parse(&bytes, 0).map_err(|e| DocumentError::Font(format!("{label}: {e}")))?;
        let per_em = f32::from(face.units_per_em());
        let mut advances = HashMap::new();
        if let Some(cmap) = face.tables().cmap {
            for subtable in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                subtable.codepoints(|code| {
                    if let (Some(ch), Some(glyph)) = (char::from_u32(code), subtable.glyph_index(code)) {
                        if let Some(advance) = face.glyph_hor_advance(glyph) {
                            advances.insert(ch, f32::from(advance) / per_em);
                        }
                    }
                });
            }
        }
        if advances.is_empty() {
            return Err(DocumentError::Font(format!("{label}: no Unicode characters")));
        }
        let missing_advance = face.glyph_hor_advance(ttf_parser::GlyphId(0)).map(|a| f32::from(a) / per_em).unwrap_or(0.5);
        Ok(Face { bytes: crate::dehint::strip_hinting(&bytes), advances, missing_advance })
    }

    /// Width of `text` at `size` points.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|ch| self.advances.get(&ch).copied().unwrap_or(self.missing_advance)).sum::<f32>() * size
    }

    #[cfg(test)]
    pub(crate) fn covers(&self, ch: char) -> bool {
        self.advances.contains_key(&ch)
    }
}

/// The regular, bold, italic and bold italic faces of one family.
pub(crate) struct FontSet {
    faces: Vec<Face>,
}

impl FontSet {
    pub(crate) fn load(choice: FontChoice) -> Result<FontSet> {
        if choice == FontChoice::SystemTimes {
            if let Some(paths) = installed_times() {
                let mut faces = Vec::new();
                for path in &paths {
                    let bytes = std::fs::read(path).map_err(|e| DocumentError::Font(format!("{}: {e}", path.display())))?;
                    faces.push(Face::parse(bytes, &path.display().to_string())?);
                }
                return Ok(FontSet { faces });
            }
        }
        let faces = LIBERATION
            .iter()
            .zip(["LiberationSerif-Regular", "LiberationSerif-Bold", "LiberationSerif-Italic", "LiberationSerif-BoldItalic"])
            .map(|(bytes, label)| Face::parse(bytes.to_vec(), label))
            .collect::<Result<Vec<_>>>()?;
        Ok(FontSet { faces })
    }

    pub(crate) fn face(&self, style: Style) -> &Face {
        &self.faces[style.index()]
    }

    pub(crate) fn width(&self, text: &str, style: Style, size: f32) -> f32 {
        self.face(style).width(text, size)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn liberation_covers_every_precomposed_vietnamese_letter() {
        let fonts = FontSet::load(FontChoice::Liberation).unwrap();
        let vietnamese = (0x1EA0u32..=0x1EF9).filter_map(char::from_u32).chain("ĂăÂâĐđÊêÔôƠơƯư".chars());
        for style in Style::ALL {
            for ch in vietnamese.clone() {
                assert!(fonts.face(style).covers(ch), "{style:?} lacks {ch}");
            }
        }
    }

    #[test]
    fn widths_follow_the_text_and_the_size() {
        let fonts = FontSet::load(FontChoice::Liberation).unwrap();
        let one = fonts.width("Nguyễn", Style::Regular, 14.0);
        assert!(one > 0.0);
        assert!((fonts.width("Nguyễn Nguyễn", Style::Regular, 14.0) - (2.0 * one + fonts.width(" ", Style::Regular, 14.0))).abs() < 0.01);
        assert!((fonts.width("Nguyễn", Style::Regular, 28.0) - 2.0 * one).abs() < 0.01);
        assert!(fonts.width("ĐẢNG ỦY", Style::Bold, 14.0) > fonts.width("ĐẢNG ỦY", Style::Regular, 14.0));
    }

    #[test]
    fn system_times_falls_back_to_liberation_when_absent() {
        let fonts = FontSet::load(FontChoice::SystemTimes).unwrap();
        assert!(fonts.face(Style::Regular).covers('Ữ'));
    }
}
