//! Showing a printed document: it is written into a folder the user can find ("Thước Đo" in their Documents folder;
//! the app's cache folder only when there is no Documents folder) and opened in the system's PDF viewer, where the
//! user prints it, or, for a Word file, in the system's word processor. When no viewer opens, the file is still there and the window says where, with "Mở thư mục" and
//! "Lưu PDF…" — printing never dead-ends on an error. With THUOCDO_PRINT_DIR set (the end-to-end tests set it) the
//! file goes into that folder instead and nothing is opened, so no viewer starts under Xvfb.

use service::printing::{save_document, DocumentFormat, PrintedDocument};
use service::{ErrorBody, Lang, ServiceError};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};
use tauri::{AppHandle, Manager};
use tauri_plugin_opener::OpenerExt;

/// The folder that replaces the temporary one, and means "do not open a viewer".
pub const PRINT_DIR: &str = "THUOCDO_PRINT_DIR";
/// The program that opens PDFs, when not the system's default one (the end-to-end tests name one that does not exist,
/// to see the window when no viewer opens).
pub const PDF_VIEWER: &str = "THUOCDO_PDF_VIEWER";

/// Documents shown more than a week ago are removed from the temporary folder.
const KEEP: Duration = Duration::from_secs(7 * 24 * 3600);

/// A document written to be shown: where it is, and why no viewer opened it, if none did.
pub struct Shown {
    pub path: PathBuf,
    pub viewer_failed: Option<String>,
}

/// The name of the folder printed documents go to, inside the user's Documents folder.
const PRINT_FOLDER_NAME: &str = "Thước Đo";

/// Where printed documents are written, whether a viewer is opened, and whether old copies are cleared away (only in
/// the app's own cache folder: a folder in Documents, or one chosen in the print settings, is the user's).
pub fn print_folder(app: &AppHandle, lang: Lang, chosen: Option<PathBuf>) -> Result<(PathBuf, bool, bool), ErrorBody> {
    if let Some(dir) = std::env::var_os(PRINT_DIR).filter(|dir| !dir.is_empty()) {
        return Ok((PathBuf::from(dir), false, false));
    }
    // A chosen folder that is gone (a USB stick pulled, the settings copied from another PC) does not stop printing:
    // the default folder takes the file, and the message names where it went.
    if let Some(dir) = chosen.filter(|dir| std::fs::create_dir_all(dir).is_ok()) {
        return Ok((dir, true, false));
    }
    match app.path().document_dir() {
        Ok(documents) => Ok((documents.join(PRINT_FOLDER_NAME), true, false)),
        Err(_) => {
            let cache = app.path().app_cache_dir().map_err(|e| cannot_write("app cache folder", e, lang))?;
            Ok((cache.join("in-an"), true, true))
        }
    }
}

/// Writes the document where it is shown from and opens it. A viewer that does not start is not an error: the file is
/// written, and the reason goes back with its path.
pub fn show(app: &AppHandle, document: &PrintedDocument, lang: Lang, chosen: Option<PathBuf>) -> Result<Shown, ErrorBody> {
    let (folder, open, clear_old) = print_folder(app, lang, chosen)?;
    std::fs::create_dir_all(&folder).map_err(|e| cannot_write(&folder.display().to_string(), e, lang))?;
    if clear_old {
        remove_old(&folder);
    }
    let path = write(&folder, document).map_err(|e| e.body(lang))?;
    let viewer_failed = match open {
        true => {
            // A Word file opens in the system's program for DOCX (Word, LibreOffice Writer).
            let viewer = std::env::var(PDF_VIEWER).ok().filter(|v| !v.is_empty() && document.format == DocumentFormat::Pdf);
            app.opener().open_path(path.display().to_string(), viewer.as_deref()).err().map(|e| e.to_string())
        }
        false => None,
    };
    Ok(Shown { path, viewer_failed })
}

/// Shows the folder a printed file is in, with the file selected where the system allows.
pub fn reveal(app: &AppHandle, path: &Path, lang: Lang) -> Result<(), ErrorBody> {
    app.opener().reveal_item_in_dir(path).map_err(|e| {
        let folder = path.parent().unwrap_or(path).display();
        let message = match lang {
            Lang::Vi => format!("Không mở được thư mục {folder} ({e}). Hãy mở thư mục đó bằng trình quản lý tệp."),
            Lang::En => format!("Could not open the folder {folder} ({e}). Open it with the file manager."),
        };
        ErrorBody { code: "print.cannot_open_folder".into(), message, fields: Vec::new() }
    })
}

/// The document under its own name; when that file cannot be replaced (a viewer on Windows may still hold the
/// previous copy open), under the name with the time added.
fn write(folder: &Path, document: &PrintedDocument) -> service::Result<PathBuf> {
    let extension = document.format.extension();
    let stem = document.file_name.strip_suffix(&format!(".{extension}")).unwrap_or(&document.file_name);
    let mut path = folder.join(&document.file_name);
    // A Word file is there to be completed: one already in the folder may hold the secretary's edits, so a new one
    // never replaces it but takes the next free name.
    if document.format == DocumentFormat::Docx {
        let mut n = 2;
        while path.exists() && n < 1000 {
            path = folder.join(format!("{stem}-{n}.{extension}"));
            n += 1;
        }
    }
    match save_document(document, &path) {
        Ok(()) => Ok(path),
        Err(first) => {
            let stamp = chrono::Local::now().format("%H%M%S");
            let other = folder.join(format!("{stem}-{stamp}.{extension}"));
            save_document(document, &other).map(|()| other).map_err(|_| first)
        }
    }
}

/// Best effort: a file that cannot be removed now is tried again next time.
fn remove_old(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let path = entry.path();
        let old =
            entry.metadata().and_then(|m| m.modified()).is_ok_and(|modified| now.duration_since(modified).is_ok_and(|age| age > KEEP));
        // PDFs only: a Word file may hold edits.
        if old && path.extension().is_some_and(|e| e == "pdf") {
            let _ = std::fs::remove_file(path);
        }
    }
}

fn cannot_write(what: &str, error: impl std::fmt::Display, lang: Lang) -> ErrorBody {
    ServiceError::CannotWrite { path: what.to_string(), reason: error.to_string() }.body(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printed(format: DocumentFormat, bytes: &[u8]) -> PrintedDocument {
        let name = format!("bien-ban-hoi-nghi-2026-XA_A.{}", format.extension());
        PrintedDocument { file_name: name, bytes: bytes.to_vec(), pages: None, format }
    }

    #[test]
    fn a_word_file_already_in_the_folder_is_never_replaced_and_a_pdf_is() {
        let folder = tempfile::tempdir().unwrap();
        let first = write(folder.path(), &printed(DocumentFormat::Docx, b"ban dau")).unwrap();
        std::fs::write(&first, b"ban da sua trong Word").unwrap();
        let second = write(folder.path(), &printed(DocumentFormat::Docx, b"ban moi")).unwrap();
        assert_ne!(first, second);
        assert!(second.to_string_lossy().ends_with("XA_A-2.docx"), "{}", second.display());
        assert_eq!(std::fs::read(&first).unwrap(), b"ban da sua trong Word", "the edited file is kept");

        let pdf = write(folder.path(), &printed(DocumentFormat::Pdf, b"1")).unwrap();
        let again = write(folder.path(), &printed(DocumentFormat::Pdf, b"2")).unwrap();
        assert_eq!(pdf, again, "a PDF is made again under its own name");
        assert_eq!(std::fs::read(&again).unwrap(), b"2");
    }
}
