use std::path::PathBuf;

/// Why a spreadsheet could not be read or written.
///
/// The service layer shows users a translated message chosen by [`TabularError::code`],
/// so the codes are stable while the English `Display` text is only for logs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TabularError {
    #[error("file not found: {}", .0.display())]
    NotFound(PathBuf),
    #[error("unsupported file format: {0}")]
    UnsupportedFormat(String),
    #[error("the file is not UTF-8 text (first bad byte on line {line})")]
    NotUtf8 { line: usize },
    #[error("the file is too large (limit: {limit})")]
    TooLarge { limit: String },
    #[error("the file cannot be read: {0}")]
    Unreadable(String),
    #[error("the file contains no data")]
    Empty,
    #[error("input/output error: {0}")]
    Io(String),
    #[error("cannot write the spreadsheet: {0}")]
    Write(String),
    /// Windows: the file is held open by another program (a PDF viewer, Word, Excel) and cannot be replaced.
    #[error("the file is open in another program: {}", .0.display())]
    InUse(PathBuf),
}

impl TabularError {
    pub fn code(&self) -> &'static str {
        match self {
            TabularError::NotFound(_) => "tabular.not_found",
            TabularError::UnsupportedFormat(_) => "tabular.unsupported_format",
            TabularError::NotUtf8 { .. } => "tabular.not_utf8",
            TabularError::TooLarge { .. } => "tabular.too_large",
            TabularError::Unreadable(_) => "tabular.unreadable",
            TabularError::Empty => "tabular.empty",
            TabularError::Io(_) => "tabular.io",
            TabularError::Write(_) => "tabular.write",
            TabularError::InUse(_) => "tabular.in_use",
        }
    }
}
