//! The exchange operations on files the user picked: read, named after the file, then handled as bytes. The CLI and
//! the window both call these.

use super::{BundleReport, EnrolledKeyItem, ImportOptions, ReceiptItem};
use crate::auth::Session;
use crate::error::Result;
use crate::office::Office;
use std::path::Path;

/// The name a bundle is logged under: the file's own name.
fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

impl Office {
    /// `enrol_key` with the public key read from a minisign `.pub` file.
    pub fn enrol_key_file(&mut self, session: &Session, path: &Path, unit_code: &str, fingerprint: &str) -> Result<EnrolledKeyItem> {
        let text = String::from_utf8_lossy(&super::read_file(path)?).into_owned();
        self.enrol_key(session, &text, unit_code, fingerprint)
    }

    /// `reenrol_key` with the key read from a file.
    pub fn reenrol_key_file(
        &mut self,
        session: &Session,
        path: &Path,
        unit_code: &str,
        fingerprint: &str,
        reason: &str,
    ) -> Result<EnrolledKeyItem> {
        let text = String::from_utf8_lossy(&super::read_file(path)?).into_owned();
        self.reenrol_key(session, &text, unit_code, fingerprint, reason)
    }

    /// `preview_bundle_with` on a `.tdb` file.
    pub fn preview_bundle_file(&mut self, session: &Session, path: &Path, options: &ImportOptions) -> Result<BundleReport> {
        let bytes = super::read_file(path)?;
        self.preview_bundle_with(session, &file_name(path), &bytes, options)
    }

    /// `import_bundle_with` on a `.tdb` file.
    pub fn import_bundle_file(&mut self, session: &Session, path: &Path, options: &ImportOptions) -> Result<BundleReport> {
        let bytes = super::read_file(path)?;
        self.import_bundle_with(session, &file_name(path), &bytes, options)
    }

    /// `import_receipt` on a `.tdr` file.
    pub fn import_receipt_file(&mut self, session: &Session, path: &Path) -> Result<ReceiptItem> {
        let bytes = super::read_file(path)?;
        self.import_receipt(session, &bytes)
    }
}
