//! Showing a printed document: it is written into the app's own temporary folder (the cache folder, "in-an") and
//! opened in the system's PDF viewer, where the user prints it. With THUOCDO_PRINT_DIR set (the end-to-end tests
//! set it) the file goes into that folder instead and nothing is opened, so no viewer starts under Xvfb.

use service::printing::{save_document, PrintedDocument};
use service::{ErrorBody, Lang, ServiceError};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};
use tauri::{AppHandle, Manager};
use tauri_plugin_opener::OpenerExt;

/// The folder that replaces the temporary one, and means "do not open a viewer".
pub const PRINT_DIR: &str = "THUOCDO_PRINT_DIR";

/// Documents shown more than a week ago are removed from the temporary folder.
const KEEP: Duration = Duration::from_secs(7 * 24 * 3600);

/// Writes the document where it is shown from and opens it; returns the file's path.
pub fn show(app: &AppHandle, document: &PrintedDocument, lang: Lang) -> Result<PathBuf, ErrorBody> {
    let (folder, open) = match std::env::var_os(PRINT_DIR).filter(|dir| !dir.is_empty()) {
        Some(dir) => (PathBuf::from(dir), false),
        None => {
            let cache = app.path().app_cache_dir().map_err(|e| cannot_write("app cache folder", e, lang))?;
            (cache.join("in-an"), true)
        }
    };
    std::fs::create_dir_all(&folder).map_err(|e| cannot_write(&folder.display().to_string(), e, lang))?;
    if open {
        remove_old(&folder);
    }
    let path = write(&folder, document).map_err(|e| e.body(lang))?;
    if open {
        app.opener().open_path(path.display().to_string(), None::<&str>).map_err(|e| cannot_open(&path, e, lang))?;
    }
    Ok(path)
}

/// The document under its own name; when that file cannot be replaced (a viewer on Windows may still hold the
/// previous copy open), under the name with the time added.
fn write(folder: &Path, document: &PrintedDocument) -> service::Result<PathBuf> {
    let path = folder.join(&document.file_name);
    match save_document(document, &path) {
        Ok(()) => Ok(path),
        Err(first) => {
            let stem = document.file_name.strip_suffix(".pdf").unwrap_or(&document.file_name);
            let stamp = chrono::Local::now().format("%H%M%S");
            let other = folder.join(format!("{stem}-{stamp}.pdf"));
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
        if old && path.extension().is_some_and(|e| e == "pdf") {
            let _ = std::fs::remove_file(path);
        }
    }
}

fn cannot_write(what: &str, error: impl std::fmt::Display, lang: Lang) -> ErrorBody {
    ServiceError::CannotWrite { path: what.to_string(), reason: error.to_string() }.body(lang)
}

/// The file is written; only the viewer did not start. The message says where the file is.
fn cannot_open(path: &Path, error: impl std::fmt::Display, lang: Lang) -> ErrorBody {
    let path = path.display();
    let message = match lang {
        Lang::Vi => {
            format!("Đã tạo tệp {path} nhưng không mở được trình xem PDF ({error}). Hãy mở tệp đó bằng tay, hoặc cài một trình xem PDF.")
        }
        Lang::En => format!("Created {path} but could not open a PDF viewer ({error}). Open the file by hand, or install a PDF viewer."),
    };
    ErrorBody { code: "print.cannot_open".into(), message, fields: Vec::new() }
}
