//! Printed documents: the service hands over a view-model (already sorted and formatted), a template turns it
//! into blocks (headings, paragraphs, tables, signature blocks), and the layout layer sets those blocks on A4
//! pages with printpdf, embedding a subset of Liberation Serif (or a system Times New Roman when chosen).

mod dehint;
mod docx;
mod error;
mod fonts;
mod html;
mod layout;
mod pdf;
pub mod samples;
mod settings;
mod templates;
pub mod views;

pub use docx::render_docx;
pub use error::{DocumentError, Result};
pub use fonts::{system_times_available, FontChoice};
pub use html::to_html;
pub use settings::{PageSettings, RenderOptions};
pub use views::*;

/// A finished PDF.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

/// Lays out any document as PDF bytes. With `options.fixed_date` the bytes depend only on the view and the
/// settings, so the same data prints to the same file.
pub fn render(view: &DocumentView, options: &RenderOptions) -> Result<Rendered> {
    let sizes = templates::Sizes::from_body(options.settings.sane().body_size_pt as f32);
    let blocks = templates::blocks(view, sizes);
    let title = templates::title(view);
    pdf::write(&title, &blocks, templates::landscape(view), options)
}
