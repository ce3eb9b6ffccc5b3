//! Empty files to fill in, one for every sheet the app reads: the header row the importer knows, and a guide sheet that
//! explains each column (required or not, how to write it, an example). Offices start from these, or check their own
//! lists against them.

use crate::auth::{Permission, Session};
use crate::error::Result;
use crate::office::Office;
use crate::work::sheets::{SheetColumn, PROGRESS_COLUMNS, TARGET_COLUMNS};
use domain::roster::Column;
use domain::Lang;
use serde::{Deserialize, Serialize};
use std::path::Path;
use tabular::{Cell, SheetData};
use ts_rs::TS;

/// The sheets the app reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum TemplateKind {
    Roster,
    Targets,
    Progress,
    Products,
}

impl TemplateKind {
    fn sheet_name(self, lang: Lang) -> &'static str {
        match self {
            TemplateKind::Roster => lang.pick("Danh sách", "Roster"),
            TemplateKind::Targets => lang.pick("Chỉ tiêu", "Targets"),
            TemplateKind::Progress => lang.pick("Kết quả thực hiện", "Progress"),
            TemplateKind::Products => lang.pick("Sản phẩm", "Products"),
        }
    }
}

/// One line of a guide sheet: the column, whether it is required, how to fill it, an example.
struct GuideLine {
    header: String,
    required: bool,
    how: String,
    example: String,
}

impl Office {
    /// Writes the template of `kind` to `path` (XLSX): the header row, and a guide sheet.
    pub fn write_template(&self, session: &Session, kind: TemplateKind, path: &Path, lang: Lang) -> Result<()> {
        session.require(Permission::Read)?;
        let guide = match kind {
            TemplateKind::Roster => roster_guide(lang),
            TemplateKind::Targets => sheet_guide(&TARGET_COLUMNS, lang),
            TemplateKind::Progress => sheet_guide(&PROGRESS_COLUMNS, lang),
            TemplateKind::Products => sheet_guide(&crate::work::product_sheet::PRODUCT_COLUMNS, lang),
        };
        let headers: Vec<&str> = guide.iter().map(|g| g.header.as_str()).collect();
        let guide_headers = [
            lang.pick("Cột", "Column"),
            lang.pick("Bắt buộc", "Required"),
            lang.pick("Cách ghi", "How to fill it"),
            lang.pick("Ví dụ", "Example"),
        ];
        let yes = lang.pick("Bắt buộc", "Required");
        let mut guide_rows: Vec<Vec<Cell>> = guide
            .iter()
            .map(|g| {
                vec![
                    Cell::Text(g.header.clone()),
                    Cell::Text(if g.required { yes.into() } else { String::new() }),
                    Cell::Text(g.how.clone()),
                    Cell::Text(g.example.clone()),
                ]
            })
            .collect();
        guide_rows.push(vec![Cell::Empty]);
        guide_rows.push(vec![Cell::Text(lang.pick(LAYOUT_NOTE.0, LAYOUT_NOTE.1).into())]);
        tabular::write_xlsx_sheets(
            path,
            &[
                SheetData { name: kind.sheet_name(lang), headers: &headers, rows: &[] },
                SheetData { name: lang.pick("Hướng dẫn", "Guide"), headers: &guide_headers, rows: &guide_rows },
            ],
        )?;
        Ok(())
    }
}

/// What the importers accept beyond the template's own shape.
const LAYOUT_NOTE: (&str, &str) = (
    "Có thể dùng tệp của văn phòng như đang có: dòng tiêu đề không cần ở dòng đầu (quốc hiệu, tên văn bản ở trên đều được bỏ qua), tiêu đề có thể gộp hai dòng, cột STT, dòng đánh số (1) (2) (3), dòng tiêu đề nhóm và phần ký tên ở cuối đều được bỏ qua; chữ gõ bằng mã TCVN3 hoặc VNI được chuyển sang Unicode. Xem trước cho biết từng cột được hiểu thế nào và cho chọn lại.",
    "An office's own file can be used as it is: the header need not be the first row (letterheads and titles above are passed over), it may span two merged rows, and the STT column, a (1) (2) (3) numbering row, group headings and the signatures at the end are passed over; text typed in TCVN3 or VNI is converted to Unicode. The preview shows how each column was read and lets you choose again.",
);

fn roster_guide(lang: Lang) -> Vec<GuideLine> {
    Column::ALL
        .into_iter()
        .map(|column| {
            let (how, example) = column.guide(lang);
            GuideLine {
                header: column.header(lang).to_string(),
                required: Column::REQUIRED.contains(&column),
                how: how.to_string(),
                example: example.to_string(),
            }
        })
        .collect()
}

fn sheet_guide(columns: &[SheetColumn], lang: Lang) -> Vec<GuideLine> {
    columns
        .iter()
        .map(|c| {
            let (how, example) = field_hint(c.field, lang);
            GuideLine {
                header: lang.pick(c.vi, c.en).to_string(),
                required: c.required,
                how: how.to_string(),
                example: example.to_string(),
            }
        })
        .collect()
}

/// How to write the fields the work sheets share.
fn field_hint(field: &str, lang: Lang) -> (&'static str, &'static str) {
    match field {
        "year" => (lang.pick("Năm, bốn chữ số", "The year, four digits"), "2026"),
        "unit" => (lang.pick("Mã đơn vị như trong tab Tổ chức", "The unit code, as in the Organisation tab"), "XA-TANLAP"),
        "period" => (
            lang.pick("Tháng (2026-03), quý (2026-Q1) hoặc năm (2026)", "A month (2026-03), a quarter (2026-Q1) or the year (2026)"),
            "2026-03",
        ),
        "person" => (lang.pick("Họ và tên như trong danh sách cán bộ", "The full name, as in the roster"), "Nguyễn Thị Hường"),
        "code" => (lang.pick("Mã chỉ tiêu, không trùng trong năm", "The target's code, unique in the year"), "KT-01"),
        "name" | "title" => (lang.pick("Tên đầy đủ", "The full title"), "Tỷ lệ thu ngân sách đạt dự toán"),
        "measure" => (lang.pick("Đơn vị tính", "Unit of measure"), "%"),
        "plan" | "required" | "value" | "delivered" => {
            (lang.pick("Số, dấu phẩy thập phân (1.234,5)", "A number, decimal comma (1.234,5)"), "100")
        }
        "start" | "deadline" | "completed_on" => (lang.pick("Ngày dd/mm/yyyy", "A date dd/mm/yyyy"), "31/12/2026"),
        "weight" | "coefficient" => (lang.pick("Số, mặc định 1", "A number, 1 by default"), "1"),
        "quality" | "on_time" => (lang.pick("Phần trăm, từ 0 đến 100", "A percentage, 0 to 100"), "100"),
        "major_errors" => (lang.pick("Số nguyên", "A whole number"), "0"),
        "group" => {
            (lang.pick("Tên nhóm nhiệm vụ (hoặc mã của nhóm)", "The task group's name (or its code)"), "Phát triển kinh tế - xã hội")
        }
        "direction" => (lang.pick("Càng cao càng tốt / Càng thấp càng tốt", "Higher is better / Lower is better"), "Càng cao càng tốt"),
        "evidence" => (lang.pick("Đường dẫn tệp minh chứng (không bắt buộc)", "Path of an evidence file (optional)"), ""),
        _ => (lang.pick("Ghi như trong tệp xuất ra từ Thước Đo", "As in the file Thước Đo exports"), ""),
    }
}
