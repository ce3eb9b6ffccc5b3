//! Windows: the window is drawn by Microsoft's WebView2 runtime. Without it Tauri stops with "Could not find the
//! WebView2 Runtime" and a panic (exit 101); the clerk would see a crash. Instead the runtime is looked for first and,
//! when it is missing, a message says in Vietnamese what to install and where to find it, the same words go to the
//! log beside the database, and the program exits cleanly (code 3).

/// What the clerk reads: what is missing, where to get it without a network here, and that the CLI still works.
pub const MISSING_MESSAGE: &str = "Máy này chưa có Microsoft Edge WebView2 Runtime, phần mềm miễn phí của Microsoft mà \
cửa sổ Thước Đo cần để hiển thị, nên Thước Đo chưa mở được.\n\nCách cài: trên một máy có mạng, vào trang \
https://developer.microsoft.com/microsoft-edge/webview2/ , tải bản \"Evergreen Standalone Installer\" loại x64, chép sang \
máy này bằng USB và chạy tệp đó, rồi mở lại Thước Đo. Dữ liệu của văn phòng không bị ảnh hưởng.\n\nTrong lúc chờ, chương \
trình dòng lệnh thuocdo.exe trong thư mục cài đặt vẫn dùng được.";

/// The exit code when the runtime is missing (not 101, a panic's).
pub const MISSING_EXIT_CODE: i32 = 3;

/// Set (to anything) to skip the message box: the Wine tests read the log instead of clicking.
pub const NO_DIALOG: &str = "THUOCDO_NO_DIALOG";

/// The runtime's version, or the reason it cannot be used.
pub fn runtime() -> Result<String, String> {
    tauri::webview_version().map_err(|e| e.to_string())
}

/// Says the runtime is missing: in the log beside the database, on stderr, and in a message box.
pub fn report_missing(detail: &str, log: &std::path::Path) {
    let line = format!("{} WebView2: {detail}\n{MISSING_MESSAGE}\n", chrono::Local::now().format("%d/%m/%Y %H:%M:%S"));
    if let Some(folder) = log.parent() {
        let _ = std::fs::create_dir_all(folder);
    }
    use std::io::Write as _;
    if let Ok(mut file) = std::fs::OpenOptions::new().create(true).append(true).open(log) {
        let _ = file.write_all(line.as_bytes());
    }
    eprintln!("{line}");
    if std::env::var_os(NO_DIALOG).is_none() {
        message_box("Thước Đo", MISSING_MESSAGE);
    }
}

#[cfg(windows)]
fn message_box(title: &str, text: &str) {
    use std::ffi::c_void;
    #[link(name = "user32")]
    extern "system" {
        fn MessageBoxW(window: *mut c_void, text: *const u16, caption: *const u16, kind: u32) -> i32;
    }
    let wide = |s: &str| s.encode_utf16().chain(std::iter::once(0)).collect::<Vec<u16>>();
    let (text, title) = (wide(text), wide(title));
    // MB_OK | MB_ICONWARNING
    const KIND: u32 = 0x30;
    // SAFETY: both strings are NUL-terminated UTF-16 that live across the call; no owner window.
    unsafe {
        MessageBoxW(std::ptr::null_mut(), text.as_ptr(), title.as_ptr(), KIND);
    }
}

#[cfg(not(windows))]
fn message_box(_title: &str, _text: &str) {}
