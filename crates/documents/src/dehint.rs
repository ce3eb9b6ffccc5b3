//! TrueType hinting (the glyph programs that snap outlines to a screen's pixel grid) is half of a Liberation
//! Serif subset and does nothing for print or for today's PDF viewers, which hint on their own. The font handed
//! to the subsetter loses it: instructions cut from every glyph, the hinting tables dropped. The outlines, the
//! metrics and the character map are untouched. Anything unexpected returns the font as it was.

const DROPPED: [&[u8; 4]; 6] = [b"fpgm", b"prep", b"cvt ", b"hdmx", b"LTSH", b"VDMX"];

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    data.get(at..at + 2).map(|b| u16::from_be_bytes([b[0], b[1]]))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    data.get(at..at + 4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

struct Table {
    tag: [u8; 4],
    data: Vec<u8>,
}

fn read_tables(font: &[u8]) -> Option<Vec<Table>> {
    let count = usize::from(u16_at(font, 4)?);
    (0..count)
        .map(|i| {
            let record = 12 + 16 * i;
            let tag: [u8; 4] = font.get(record..record + 4)?.try_into().ok()?;
            let offset = u32_at(font, record + 8)? as usize;
            let length = u32_at(font, record + 12)? as usize;
            Some(Table { tag, data: font.get(offset..offset.checked_add(length)?)?.to_vec() })
        })
        .collect()
}

/// One glyph without its instructions.
fn strip_glyph(glyph: &[u8]) -> Option<Vec<u8>> {
    if glyph.is_empty() {
        return Some(Vec::new());
    }
    let contours = u16_at(glyph, 0)? as i16;
    if contours >= 0 {
        let length_at = 10 + 2 * contours as usize;
        let instructions = usize::from(u16_at(glyph, length_at)?);
        let rest = glyph.get(length_at + 2 + instructions..)?;
        let mut out = glyph.get(..length_at)?.to_vec();
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(rest);
        return Some(out);
    }
    // A composite: walk the components, clear "we have instructions", and end the glyph after the last one.
    const ARGS_ARE_WORDS: u16 = 0x0001;
    const HAVE_SCALE: u16 = 0x0008;
    const MORE_COMPONENTS: u16 = 0x0020;
    const HAVE_X_AND_Y_SCALE: u16 = 0x0040;
    const HAVE_TWO_BY_TWO: u16 = 0x0080;
    const HAVE_INSTRUCTIONS: u16 = 0x0100;
    let mut out = glyph.get(..10)?.to_vec();
    let mut at = 10;
    loop {
        let flags = u16_at(glyph, at)?;
        let mut length = 4 + if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
        length += if flags & HAVE_SCALE != 0 {
            2
        } else if flags & HAVE_X_AND_Y_SCALE != 0 {
            4
        } else if flags & HAVE_TWO_BY_TWO != 0 {
            8
        } else {
            0
        };
        let component = glyph.get(at..at + length)?;
        out.extend_from_slice(&(flags & !HAVE_INSTRUCTIONS).to_be_bytes());
        out.extend_from_slice(&component[2..]);
        at += length;
        if flags & MORE_COMPONENTS == 0 {
            return Some(out);
        }
    }
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

fn strip(font: &[u8]) -> Option<Vec<u8>> {
    let mut tables = read_tables(font)?;
    let find = |tables: &[Table], tag: &[u8; 4]| tables.iter().position(|t| &t.tag == tag);
    let (head, maxp, loca, glyf) = (find(&tables, b"head")?, find(&tables, b"maxp")?, find(&tables, b"loca")?, find(&tables, b"glyf")?);
    let glyphs = usize::from(u16_at(&tables[maxp].data, 4)?);
    let long_offsets = u16_at(&tables[head].data, 50)? == 1;
    let offset = |i: usize| -> Option<usize> {
        if long_offsets {
            u32_at(&tables[loca].data, 4 * i).map(|o| o as usize)
        } else {
            u16_at(&tables[loca].data, 2 * i).map(|o| 2 * usize::from(o))
        }
    };
    let mut new_glyf = Vec::with_capacity(tables[glyf].data.len());
    let mut new_loca = Vec::with_capacity(4 * (glyphs + 1));
    for i in 0..glyphs {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        let glyph = tables[glyf].data.get(offset(i)?..offset(i + 1)?)?;
        new_glyf.extend(strip_glyph(glyph)?);
        if new_glyf.len() % 2 == 1 {
            new_glyf.push(0);
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
    tables[glyf].data = new_glyf;
    tables[loca].data = new_loca;
    tables[head].data.get_mut(50..52)?.copy_from_slice(&1u16.to_be_bytes());
    tables[head].data.get_mut(8..12)?.copy_from_slice(&[0; 4]);
    if u32_at(&tables[maxp].data, 0)? == 0x0001_0000 {
        tables[maxp].data.get_mut(26..28)?.copy_from_slice(&[0, 0]);
    }
    tables.retain(|t| !DROPPED.contains(&&t.tag) && &t.tag != b"DSIG");
    tables.sort_by_key(|t| t.tag);
    Some(write(font.get(0..4)?, &tables))
}

fn write(version: &[u8], tables: &[Table]) -> Vec<u8> {
    let count = tables.len() as u16;
    let power = (0..16).rev().find(|p| (1u16 << p) <= count).unwrap_or(0);
    let search_range = (1u16 << power) * 16;
    let mut out = version.to_vec();
    out.extend_from_slice(&count.to_be_bytes());
    out.extend_from_slice(&search_range.to_be_bytes());
    out.extend_from_slice(&(power as u16).to_be_bytes());
    out.extend_from_slice(&(count * 16 - search_range).to_be_bytes());
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for table in tables {
        out.extend_from_slice(&table.tag);
        out.extend_from_slice(&checksum(&table.data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(table.data.len() as u32).to_be_bytes());
        offset += table.data.len().div_ceil(4) * 4;
    }
    for table in tables {
        if &table.tag == b"head" {
            head_at = Some(out.len());
        }
        out.extend_from_slice(&table.data);
        out.resize(out.len().div_ceil(4) * 4, 0);
    }
    if let Some(at) = head_at {
        let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjustment.to_be_bytes());
    }
    out
}

/// The font without hinting, or as it was when it is not a TrueType font this understands.
pub(crate) fn strip_hinting(font: &[u8]) -> Vec<u8> {
    strip(font).unwrap_or_else(|| font.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/LiberationSerif-Regular.ttf");

    #[test]
    fn the_stripped_font_keeps_every_outline_and_advance_and_loses_its_programs() {
        let stripped = strip_hinting(REGULAR);
        assert!(stripped.len() < REGULAR.len() * 3 / 4, "{} of {}", stripped.len(), REGULAR.len());
        let before = ttf_parser::Face::parse(REGULAR, 0).unwrap();
        let after = ttf_parser::Face::parse(&stripped, 0).unwrap();
        assert_eq!(before.number_of_glyphs(), after.number_of_glyphs());
        for ch in "ĐẢNG ỦY XÃ Hoà Bình — Nguyễn Thị Ánh Tuyết, ỹ ự ở 0123456789".chars() {
            let (a, b) = (before.glyph_index(ch).unwrap(), after.glyph_index(ch).unwrap());
            assert_eq!(a, b);
            assert_eq!(before.glyph_hor_advance(a), after.glyph_hor_advance(b));
            assert_eq!(before.glyph_bounding_box(a), after.glyph_bounding_box(b), "outline of {ch} changed");
        }
        let tables = read_tables(&stripped).unwrap();
        assert!(tables.iter().all(|t| !DROPPED.contains(&&t.tag)));
        // The whole file sums to the magic number, as the format requires.
        assert_eq!(checksum(&stripped), 0xB1B0_AFBA);
    }

    #[test]
    fn something_that_is_not_a_font_comes_back_unchanged() {
        assert_eq!(strip_hinting(b"not a font"), b"not a font".to_vec());
        assert_eq!(strip_hinting(&REGULAR[..100]), REGULAR[..100].to_vec());
    }
}
