use thiserror::Error;

/// What can go wrong while printing; the codes are stable at the boundary.
#[derive(Debug, Error)]
pub enum DocumentError {
    #[error("Không đọc được phông chữ {0}. Hãy chọn lại phông Liberation Serif trong phần cài đặt in.")]
    Font(String),
    #[error("Không tạo được tệp PDF: {0}")]
    Pdf(String),
    #[error("Không tạo được tệp Word (DOCX): {0}")]
    Docx(String),
}

impl DocumentError {
    pub fn code(&self) -> &'static str {
        match self {
            DocumentError::Font(_) => "document_font",
            DocumentError::Pdf(_) => "document_pdf",
            DocumentError::Docx(_) => "document_docx",
        }
    }
}

pub type Result<T> = std::result::Result<T, DocumentError>;
