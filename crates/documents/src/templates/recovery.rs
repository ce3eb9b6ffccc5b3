//! Phiếu khôi phục truy cập: the recovery code in large type and as a QR code, what it is for, how to use it and
//! how to keep it. It is the only way back into an encrypted office whose administrators all forgot their
//! passwords, so it says plainly that whoever holds it and the database can open everything.

use super::{body, body_text, heading, para, span, title_block, Sizes};
use crate::fonts::Style;
use crate::layout::{Align, Block};
use crate::views::RecoverySheetView;
use qrcode::{Color, EcLevel, QrCode};

/// Modules of light margin around the QR code that scanners need (ISO/IEC 18004).
const QUIET_ZONE: usize = 4;
/// Side of one QR module in points: ≈1,2 mm, read by any phone camera from a printed page.
const QR_MODULE: f32 = 3.5;

pub(crate) fn sheet(v: &RecoverySheetView, sizes: Sizes) -> Vec<Block> {
    let mut out = Vec::new();
    out.push(Block::Para(para(vec![span(v.office_name.to_uppercase(), Style::Bold)], sizes.body, Align::Center)));
    out.push(Block::Para(para(vec![span("MẬT — Cất giữ trong tủ có khoá", Style::BoldItalic)], sizes.body, Align::Center)));
    out.extend(title_block("PHIẾU KHÔI PHỤC TRUY CẬP", &["Phần mềm Thước Đo — đánh giá cán bộ theo kết quả, sản phẩm"], sizes));

    out.push(Block::Para(para(vec![span("Mã khôi phục", Style::Italic)], sizes.body, Align::Center)));
    // Four groups to a line, large enough to read without mistakes when typing it back.
    let groups: Vec<&str> = v.code.split('-').collect();
    for line in groups.chunks(4) {
        let mut p = para(vec![span(line.join(" - "), Style::Bold)], sizes.title + 6.0, Align::Center);
        p.after = 4.0;
        out.push(Block::Para(p));
    }
    out.push(Block::Space(sizes.body * 0.3));
    if let Some(rows) = qr_modules(&v.code) {
        out.push(Block::Squares { rows, module: QR_MODULE });
    }
    out.push(Block::Space(sizes.body * 0.3));
    let made = format!("Lập ngày {} bởi tài khoản quản trị \u{201c}{}\u{201d}, cho cơ sở dữ liệu {}.", v.made_on, v.made_by, v.database);
    out.push(body_text(&made, sizes));

    out.push(heading("1. Dùng phiếu này khi nào", sizes));
    out.push(body_text(
        "Khi mọi quản trị viên đều quên mật khẩu, hoặc tài khoản quản trị bị khoá mà không ai mở được. Nếu còn một quản trị viên đăng nhập được, người đó đặt lại mật khẩu cho người khác trong mục Tài khoản; không cần phiếu.",
        sizes,
    ));
    out.push(heading("2. Cách dùng", sizes));
    out.push(body(
        vec![
            span("Trên màn hình đăng nhập, bấm ", Style::Regular),
            span("\u{201c}Quên mật khẩu?\u{201d}", Style::Bold),
            span(
                ", gõ mã khôi phục ở trên (không phân biệt chữ hoa, chữ thường; dấu gạch và khoảng trắng có thể bỏ), chọn tài khoản quản trị và đặt mật khẩu mới. Trên máy không có cửa sổ Thước Đo, dùng lệnh: ",
                Style::Regular,
            ),
            span("thuocdo recover --code <mã>", Style::Bold),
            span(". Việc khôi phục được ghi vào nhật ký; các tài khoản khác giữ nguyên mật khẩu.", Style::Regular),
        ],
        sizes,
    ));
    out.push(heading("3. Cất giữ", sizes));
    out.push(body_text(
        "Ai có phiếu này và tệp cơ sở dữ liệu thì mở được toàn bộ hồ sơ đánh giá cán bộ: cất phiếu trong tủ có khoá, không chụp ảnh, không gửi qua mạng. Phiếu dùng cho cơ sở dữ liệu này và các bản sao lưu lập sau ngày lập phiếu.",
        sizes,
    ));
    out.push(body_text(
        "Khi in phiếu mới, phiếu này hết hiệu lực: hãy huỷ phiếu cũ. Phiếu không thay cho bản sao lưu: hãy sao lưu thường xuyên ra USB.",
        sizes,
    ));
    // Who made it signs on one line: the sheet stays on one page, and whoever keeps it knows whom to ask.
    out.push(Block::Space(sizes.body * 0.5));
    out.push(body(vec![span("NGƯỜI LẬP PHIẾU ", Style::Bold), span("(ký, ghi rõ họ tên):", Style::Italic)], sizes));
    out.push(Block::Dots { lines: 2, size: sizes.body });
    out
}

/// The QR code of the recovery code (alphanumeric: digits, capitals and dashes), with its quiet zone; `None`
/// should the text ever not fit, in which case the sheet still carries the code in letters.
fn qr_modules(code: &str) -> Option<Vec<Vec<bool>>> {
    let qr = QrCode::with_error_correction_level(code.as_bytes(), EcLevel::M).ok()?;
    let width = qr.width();
    let colors = qr.to_colors();
    let side = width + 2 * QUIET_ZONE;
    let mut rows = vec![vec![false; side]; side];
    for (index, color) in colors.iter().enumerate() {
        if *color == Color::Dark {
            rows[index / width + QUIET_ZONE][index % width + QUIET_ZONE] = true;
        }
    }
    Some(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_qr_code_has_its_quiet_zone_and_finder_patterns() {
        let rows = qr_modules("7K2M-9QXD-0000-1111-2222-3333-4444-5555").unwrap();
        let side = rows.len();
        assert!(rows.iter().all(|r| r.len() == side));
        // Quiet zone all light; a finder pattern's dark 7×7 border starts right after it in the top-left corner.
        assert!(rows[..QUIET_ZONE].iter().all(|r| r.iter().all(|d| !d)));
        assert!((QUIET_ZONE..QUIET_ZONE + 7).all(|c| rows[QUIET_ZONE][c]));
        assert!(!rows[QUIET_ZONE + 1][QUIET_ZONE + 1] && rows[QUIET_ZONE + 2][QUIET_ZONE + 2]);
    }
}
