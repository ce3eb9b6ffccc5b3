//! The same blocks as a plain HTML page, styled to match the PDF (A4, Times, the office's margins). Word and
//! LibreOffice open it for editing, and the benchmark converts it with `libreoffice --headless --convert-to pdf`
//! to compare with our own PDFs on an equivalent document.

use crate::fonts::Style;
use crate::layout::{Align, Block, Cell, Para, Row, Span};
use crate::settings::RenderOptions;
use crate::views::DocumentView;
use unicode_normalization::UnicodeNormalization;

fn escape(text: &str) -> String {
    text.nfc().collect::<String>().replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('\n', "<br>")
}

fn spans(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| match s.style {
            Style::Regular => escape(&s.text),
            Style::Bold => format!("<b>{}</b>", escape(&s.text)),
            Style::Italic => format!("<i>{}</i>", escape(&s.text)),
            Style::BoldItalic => format!("<b><i>{}</i></b>", escape(&s.text)),
        })
        .collect()
}

fn align(align: Align) -> &'static str {
    match align {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
        Align::Justify => "justify",
    }
}

fn para(p: &Para) -> String {
    let rule = if p.rule_under.is_some() { "text-decoration:underline;" } else { "" };
    format!(
        "<p style=\"margin:{:.1}pt 0 {:.1}pt 0;text-indent:{:.1}pt;text-align:{};font-size:{:.1}pt;{rule}\">{}</p>\n",
        p.before,
        p.after,
        p.first_indent,
        align(p.align),
        p.size,
        spans(&p.spans)
    )
}

fn cell(tag: &str, c: &Cell, size: f32) -> String {
    format!("<{tag} style=\"text-align:{};font-size:{size:.1}pt\">{}</{tag}>", align(c.align), spans(&c.spans))
}

fn block(b: &Block, out: &mut String) {
    match b {
        Block::Para(p) => out.push_str(&para(p)),
        Block::Space(h) => out.push_str(&format!("<div style=\"height:{h:.1}pt\"></div>\n")),
        Block::Keep(kept) => {
            out.push_str("<div style=\"page-break-inside:avoid\">\n");
            kept.iter().for_each(|b| block(b, out));
            out.push_str("</div>\n");
        }
        Block::Dots { lines, size } => {
            for _ in 0..*lines {
                out.push_str(&format!("<p style=\"font-size:{size:.1}pt;margin:0\">{}</p>\n", ".".repeat(120)));
            }
        }
        Block::Bars { bars, size } => {
            out.push_str("<table style=\"border:none;width:100%;border-collapse:collapse\">\n");
            for bar in bars {
                out.push_str(&format!(
                    "<tr><td style=\"font-size:{size:.1}pt;white-space:nowrap;padding-right:6pt\">{}</td><td style=\"width:60%\"><div style=\"background:#000;height:{:.1}pt;width:{:.2}%\"></div></td><td style=\"font-size:{size:.1}pt;white-space:nowrap\">{}</td></tr>\n",
                    escape(&bar.label),
                    size * 0.7,
                    bar.value.clamp(0.0, 1.0) * 100.0,
                    escape(&bar.text)
                ));
            }
            out.push_str("</table>\n");
        }
        Block::Squares { rows, module } => {
            // One SVG path of the dark modules, the same squares as on paper.
            let side = rows.len();
            let mut path = String::new();
            for (r, row) in rows.iter().enumerate() {
                for (c, dark) in row.iter().enumerate() {
                    if *dark {
                        path.push_str(&format!("M{c} {r}h1v1h-1z"));
                    }
                }
            }
            out.push_str(&format!(
                "<div style=\"text-align:center\"><svg viewBox=\"0 0 {side} {side}\" style=\"width:{:.1}pt;height:{:.1}pt\" shape-rendering=\"crispEdges\"><path d=\"{path}\"/></svg></div>\n",
                side as f32 * module,
                side as f32 * module
            ));
        }
        Block::Columns(c) => {
            let total: f32 = c.widths.iter().sum();
            out.push_str("<table style=\"width:100%;border-collapse:collapse\"><tr>");
            for (column, width) in c.columns.iter().zip(&c.widths) {
                out.push_str(&format!("<td style=\"vertical-align:top;width:{:.0}%\">", width / total * 100.0));
                for p in column {
                    out.push_str(&para(p));
                }
                out.push_str("</td>");
            }
            out.push_str("</tr></table>\n");
        }
        Block::Table(t) => {
            let total: f32 = t.widths.iter().sum();
            out.push_str("<table border=\"1\" style=\"width:100%;border-collapse:collapse\">\n<colgroup>");
            for w in &t.widths {
                out.push_str(&format!("<col style=\"width:{:.1}%\">", w / total * 100.0));
            }
            out.push_str("</colgroup>\n<thead><tr>");
            for c in &t.header {
                out.push_str(&cell("th", c, t.size));
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for row in &t.rows {
                out.push_str("<tr>");
                match row {
                    Row::Cells(cells) => cells.iter().for_each(|c| out.push_str(&cell("td", c, t.size))),
                    Row::Band(s) => {
                        out.push_str(&format!("<td colspan=\"{}\" style=\"font-size:{:.1}pt\">{}</td>", t.widths.len(), t.size, spans(s)))
                    }
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody></table>\n");
        }
    }
}

/// The document as one HTML page.
pub fn to_html(view: &DocumentView, options: &RenderOptions) -> String {
    let s = options.settings.sane();
    let sizes = crate::templates::Sizes::from_body(s.body_size_pt as f32);
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{}</title>\n<style>@page {{ size: A4{}; margin: {}mm {}mm {}mm {}mm; }} body {{ font-family: 'Times New Roman', 'Liberation Serif', serif; font-size: {}pt; line-height: 1.2; }} td, th {{ vertical-align: top; padding: 2pt 3pt; }}</style></head><body>\n",
        escape(&crate::templates::title(view)),
        if crate::templates::landscape(view) { " landscape" } else { "" },
        s.margin_top_mm,
        s.margin_right_mm,
        s.margin_bottom_mm,
        s.margin_left_mm,
        s.body_size_pt
    );
    for b in crate::templates::blocks(view, sizes) {
        block(&b, &mut out);
    }
    out.push_str("</body></html>\n");
    out
}
