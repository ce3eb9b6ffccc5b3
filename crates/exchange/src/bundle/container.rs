//! The zip container's fixed shape: the options the writer uses, and the reader's check that
//! an archive has exactly that shape (see the module documentation of `bundle`).
//!
//! The check rebuilds every header from the values the zip library reported (name, method,
//! CRC, sizes, offset) plus the fixed values, and compares them with the bytes of the file. It
//! never looks at compressed data, so it does not depend on which deflate implementation wrote
//! the bundle, only on this header layout, which is part of the format.

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime};

use super::entry::PAYLOAD_DIR;
use crate::ExchangeError;

const LOCAL_SIGNATURE: u32 = 0x0403_4b50;
const CENTRAL_SIGNATURE: u32 = 0x0201_4b50;
const END_SIGNATURE: u32 = 0x0605_4b50;
const LOCAL_HEADER_LEN: usize = 30;
const CENTRAL_HEADER_LEN: usize = 46;
pub(crate) const END_RECORD_LEN: usize = 22;
/// MS-DOS time 00:00:00 and date 1980-01-01, the earliest a zip can say (`DateTime::default()`).
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;
/// "Made by" Unix (3), so the external attributes carry a Unix mode.
const MADE_BY_UNIX: u16 = 3 << 8;
pub(crate) const FILE_MODE: u32 = 0o644;
const EXTERNAL_ATTRIBUTES: u32 = (0o100_000 | FILE_MODE) << 16;
const STORED: u16 = 0;
const DEFLATED: u16 = 8;
const DEFLATE_LEVEL: i64 = 6;

/// How an entry is compressed: records (`payload/`) are deflated; the manifest and its
/// signature are stored so that their bytes in the file are exactly the signed ones, and
/// attachments (scans, photos) and relayed bundles are compressed already.
pub(crate) fn method_for(name: &str) -> CompressionMethod {
    if name.starts_with(PAYLOAD_DIR) {
        CompressionMethod::Deflated
    } else {
        CompressionMethod::Stored
    }
}

/// The zip writer's options for an entry.
pub(crate) fn options_for(name: &str) -> SimpleFileOptions {
    options(method_for(name))
}

/// The zip writer's options for an entry compressed with `method` (stored or deflated).
pub(crate) fn options(method: CompressionMethod) -> SimpleFileOptions {
    let options = SimpleFileOptions::default()
        .compression_method(method)
        .last_modified_time(DateTime::default())
        .unix_permissions(FILE_MODE)
        .large_file(false);
    if method == CompressionMethod::Deflated {
        options.compression_level(Some(DEFLATE_LEVEL))
    } else {
        options
    }
}

/// What the zip library reported about one entry, in central-directory order.
#[derive(Debug, Clone)]
pub(crate) struct RawEntry {
    pub name: String,
    pub deflated: bool,
    pub crc32: u32,
    pub compressed_size: u64,
    pub size: u64,
    pub header_start: u64,
}

/// The end-of-central-directory record, read from the last 22 bytes before the zip library
/// looks at the file. A bundle has no archive comment, so the record must end the file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EndRecord {
    pub entries: u16,
}

pub(crate) fn end_record(bytes: &[u8]) -> Result<EndRecord, ExchangeError> {
    let not_zip = || ExchangeError::BundleNotZip("the end-of-archive record is missing: the file is incomplete or not a zip".into());
    let start = bytes.len().checked_sub(END_RECORD_LEN).ok_or_else(not_zip)?;
    let record = bytes.get(start..).ok_or_else(not_zip)?;
    let u16_at = |i: usize| record.get(i..i + 2).map_or(0, |b| u16::from_le_bytes([b[0], b[1]]));
    let u32_at = |i: usize| record.get(i..i + 4).map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
    if u32_at(0) != END_SIGNATURE || u16_at(20) != 0 {
        return Err(not_zip());
    }
    Ok(EndRecord { entries: u16_at(10) })
}

/// Checks that `bytes` is exactly the canonical archive of `entries`.
pub(crate) fn check_layout(bytes: &[u8], entries: &[RawEntry]) -> Result<(), ExchangeError> {
    let damaged = |what: String| ExchangeError::BundleDamaged(what);
    let count = u16::try_from(entries.len()).map_err(|_| damaged("too many entries for a zip without zip64".into()))?;
    let mut pos: u64 = 0;
    let mut central = Vec::new();
    for e in entries {
        if e.header_start != pos {
            return Err(damaged(format!("{} does not start where the previous entry ends", e.name)));
        }
        let fields = Fields::of(e)?;
        let offset = u32::try_from(pos).map_err(|_| damaged("archive larger than 4 GiB".into()))?;
        let local = fields.local_header();
        expect(bytes, pos, &local, || format!("local header of {}", e.name))?;
        pos = add(pos, local.len() as u64).and_then(|p| add(p, e.compressed_size)).ok_or_else(|| damaged("entry sizes overflow".into()))?;
        central.extend_from_slice(&fields.central_header(offset));
    }
    let directory_start = u32::try_from(pos).map_err(|_| damaged("archive larger than 4 GiB".into()))?;
    let directory_len = u32::try_from(central.len()).map_err(|_| damaged("central directory larger than 4 GiB".into()))?;
    expect(bytes, pos, &central, || "central directory".into())?;
    pos = add(pos, central.len() as u64).ok_or_else(|| damaged("central directory overflows".into()))?;
    let end = end_record_bytes(count, directory_len, directory_start);
    expect(bytes, pos, &end, || "end-of-archive record".into())?;
    pos = add(pos, end.len() as u64).ok_or_else(|| damaged("archive size overflows".into()))?;
    if pos != bytes.len() as u64 {
        return Err(damaged("data after the end of the archive".into()));
    }
    Ok(())
}

/// The packed (compressed) bytes of an entry whose headers `check_layout` accepted.
pub(crate) fn packed_data<'a>(bytes: &'a [u8], e: &RawEntry) -> Option<&'a [u8]> {
    let start = add(e.header_start, LOCAL_HEADER_LEN as u64)?.checked_add(e.name.len() as u64)?;
    let end = add(start, e.compressed_size)?;
    bytes.get(usize::try_from(start).ok()?..usize::try_from(end).ok()?)
}

fn add(a: u64, b: u64) -> Option<u64> {
    a.checked_add(b)
}

fn expect(bytes: &[u8], pos: u64, expected: &[u8], what: impl FnOnce() -> String) -> Result<(), ExchangeError> {
    let found = usize::try_from(pos).ok().and_then(|start| bytes.get(start..start.checked_add(expected.len())?));
    if found == Some(expected) {
        Ok(())
    } else {
        Err(ExchangeError::BundleDamaged(format!("{} differs from the canonical layout", what())))
    }
}

/// The header fields shared by the local and the central header of an entry.
struct Fields<'a> {
    name: &'a [u8],
    version: u16,
    method: u16,
    crc32: u32,
    compressed_size: u32,
    size: u32,
}

impl<'a> Fields<'a> {
    fn of(e: &'a RawEntry) -> Result<Self, ExchangeError> {
        let too_big = || ExchangeError::BundleDamaged(format!("{} is larger than 4 GiB", e.name));
        // PKZIP "version needed to extract": 2.0 for deflate, 1.0 for a stored file.
        let (version, method) = if e.deflated { (20, DEFLATED) } else { (10, STORED) };
        Ok(Fields {
            name: e.name.as_bytes(),
            version,
            method,
            crc32: e.crc32,
            compressed_size: u32::try_from(e.compressed_size).map_err(|_| too_big())?,
            size: u32::try_from(e.size).map_err(|_| too_big())?,
        })
    }

    fn name_len(&self) -> u16 {
        // Entry names are checked to be at most 255 bytes long before this runs.
        u16::try_from(self.name.len()).unwrap_or(u16::MAX)
    }

    fn local_header(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(LOCAL_HEADER_LEN + self.name.len());
        out.extend_from_slice(&LOCAL_SIGNATURE.to_le_bytes());
        out.extend_from_slice(&self.version.to_le_bytes());
        self.common(&mut out);
        out.extend_from_slice(&0u16.to_le_bytes()); // extra field length
        out.extend_from_slice(self.name);
        out
    }

    fn central_header(&self, offset: u32) -> Vec<u8> {
        let mut out = Vec::with_capacity(CENTRAL_HEADER_LEN + self.name.len());
        out.extend_from_slice(&CENTRAL_SIGNATURE.to_le_bytes());
        out.extend_from_slice(&(MADE_BY_UNIX | self.version).to_le_bytes());
        out.extend_from_slice(&self.version.to_le_bytes());
        self.common(&mut out);
        out.extend_from_slice(&0u16.to_le_bytes()); // extra field length
        out.extend_from_slice(&0u16.to_le_bytes()); // comment length
        out.extend_from_slice(&0u16.to_le_bytes()); // disk number
        out.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        out.extend_from_slice(&EXTERNAL_ATTRIBUTES.to_le_bytes());
        out.extend_from_slice(&offset.to_le_bytes());
        out.extend_from_slice(self.name);
        out
    }

    /// flags .. file name length, identical in both headers.
    fn common(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&0u16.to_le_bytes()); // flags: no encryption, no data descriptor, ASCII name
        out.extend_from_slice(&self.method.to_le_bytes());
        out.extend_from_slice(&DOS_TIME.to_le_bytes());
        out.extend_from_slice(&DOS_DATE.to_le_bytes());
        out.extend_from_slice(&self.crc32.to_le_bytes());
        out.extend_from_slice(&self.compressed_size.to_le_bytes());
        out.extend_from_slice(&self.size.to_le_bytes());
        out.extend_from_slice(&self.name_len().to_le_bytes());
    }
}

fn end_record_bytes(count: u16, directory_len: u32, directory_start: u32) -> Vec<u8> {
    let mut out = Vec::with_capacity(END_RECORD_LEN);
    out.extend_from_slice(&END_SIGNATURE.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // this disk
    out.extend_from_slice(&0u16.to_le_bytes()); // disk of the central directory
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&directory_len.to_le_bytes());
    out.extend_from_slice(&directory_start.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // comment length
    out
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write as _};

    use zip::ZipWriter;

    use super::*;

    fn raw_entries(bytes: &[u8]) -> Vec<RawEntry> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        (0..archive.len())
            .map(|i| {
                let f = archive.by_index_raw(i).unwrap();
                RawEntry {
                    name: f.name().to_owned(),
                    deflated: f.compression() == CompressionMethod::Deflated,
                    crc32: f.crc32(),
                    compressed_size: f.compressed_size(),
                    size: f.size(),
                    header_start: f.header_start(),
                }
            })
            .collect()
    }

    fn write(entries: &[(&str, &[u8])], options: impl Fn(&str) -> SimpleFileOptions) -> Vec<u8> {
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in entries {
            w.start_file(*name, options(name)).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn the_writer_options_give_the_canonical_layout() {
        let bytes = write(
            &[("manifest.json", b"{}\n"), ("attachments/ab", b"\x89PNG"), ("payload/x.jsonl", b""), ("payload/y.jsonl", b"1\n")],
            options_for,
        );
        assert_eq!(end_record(&bytes).unwrap().entries, 4);
        check_layout(&bytes, &raw_entries(&bytes)).unwrap();
    }

    #[test]
    fn other_writer_options_are_refused() {
        let entries: &[(&str, &[u8])] = &[("manifest.json", b"{}\n")];
        let dated = write(entries, |n| options_for(n).last_modified_time(DateTime::from_date_and_time(2025, 1, 2, 3, 4, 6).unwrap()));
        let executable = write(entries, |n| options_for(n).unix_permissions(0o755));
        for bytes in [dated, executable] {
            let err = check_layout(&bytes, &raw_entries(&bytes)).unwrap_err();
            assert_eq!(err.code(), "exchange.bundle_damaged");
        }
        let mut trailing = write(entries, options_for);
        let entries = raw_entries(&trailing);
        trailing.push(0);
        assert_eq!(check_layout(&trailing, &entries).unwrap_err().code(), "exchange.bundle_damaged");
    }
}
