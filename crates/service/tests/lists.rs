//! Issue 16, every list printed and exported: the roster, the organisation tree, the review meetings and the accounts
//! as the window lists them, each as a PDF (read back with pdftotext, its page size with pdfinfo), a Word file and a
//! workbook with the same rows.

use thuocdo_service as service;

use chrono::{TimeZone, Utc};
use service::demo::{create_demo, DemoScale, DEMO_PASSWORD};
use service::figures::Figure;
use service::lists::ListKind;
use service::printing::{DocumentFormat, DocumentRequest, PrintOptions};
use service::{Lang, Office};

fn tool(program: &str, args: &[&str]) -> String {
    let output = std::process::Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} must be installed (make test installs it): {e}"));
    assert!(output.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn text_of(cells: &[Figure]) -> Vec<String> {
    cells.iter().map(Figure::text).collect()
}

#[test]
fn every_list_prints_and_exports_the_rows_the_window_shows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("xa.db");
    create_demo(&path, DemoScale::Commune, 4, None).unwrap();
    let (office, session) = Office::unlock(&path, None, DEMO_PASSWORD).unwrap();

    // The rows are the screens' own, in their order, numbered.
    let roster = office.roster(&session).unwrap();
    let table = office.list_table(&session, ListKind::Roster, Lang::Vi).unwrap();
    assert_eq!(table.rows.len(), roster.len());
    assert_eq!(table.columns[..3], ["STT", "Họ và tên", "Ngày sinh"]);
    for (i, (row, person)) in table.rows.iter().zip(&roster).enumerate() {
        let cells = text_of(&row.cells);
        assert_eq!(cells[0], (i + 1).to_string());
        assert_eq!(cells[1], person.full_name, "sorted as the roster is, by given name");
        assert_eq!(cells[4], person.ethnicity.clone().unwrap_or_default());
    }
    let units = office.units(&session, Lang::Vi).unwrap();
    let table = office.list_table(&session, ListKind::Units, Lang::Vi).unwrap();
    assert_eq!(table.rows.len(), units.len());
    assert!(text_of(&table.rows[1].cells)[1].ends_with(&units[1].name), "the tree's order, indented");
    assert_eq!(table.rows[0].cells[5], Figure::Count(units[0].headcount_with_below as u32));
    let meetings = office.meetings(&session).unwrap();
    assert!(!meetings.is_empty());
    let table = office.list_table(&session, ListKind::Meetings, Lang::Vi).unwrap();
    assert_eq!(table.rows.len(), meetings.len());
    assert_eq!(text_of(&table.rows[0].cells)[6], if meetings[0].locked { "Đã khóa" } else { "Đang họp" });
    let accounts = office.list_table(&session, ListKind::Accounts, Lang::Vi).unwrap();
    assert_eq!(accounts.rows.len(), office.users(&session).unwrap().len());
    assert!(text_of(&accounts.rows[0].cells).contains(&"quản trị".to_string()), "{:?}", accounts.rows[0]);

    let options = PrintOptions { fixed_date: Some(Utc.with_ymd_and_hms(2026, 12, 4, 8, 0, 0).unwrap()), ..PrintOptions::default() };
    for (kind, heading, first, landscape) in [
        (ListKind::Roster, "DANH SÁCH CÁN BỘ, CÔNG CHỨC", roster[0].full_name.clone(), true),
        (ListKind::Units, "DANH SÁCH ĐƠN VỊ", units[0].name.clone(), false),
        (ListKind::Meetings, "DANH SÁCH HỘI NGHỊ KIỂM ĐIỂM", meetings[0].unit_name.clone(), false),
        (ListKind::Accounts, "DANH SÁCH TÀI KHOẢN", "admin".to_string(), false),
    ] {
        let printed = office.print_document(&session, &DocumentRequest::List { list: kind }, &options).unwrap();
        assert!(printed.file_name.ends_with("-20261204.pdf") && printed.file_name.is_ascii(), "{}", printed.file_name);
        let pdf = dir.path().join(&printed.file_name);
        std::fs::write(&pdf, &printed.bytes).unwrap();
        let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]).split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains(heading), "{kind:?}: {text}");
        assert!(text.contains("(Tính đến ngày 04/12/2026)") && text.contains(&first), "{kind:?}: {text}");
        let rows = office.list_table(&session, kind, Lang::Vi).unwrap().rows.len();
        assert!(text.contains(&format!("Tổng số: {rows}.")), "{kind:?}: {text}");
        let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
        let size = info.lines().find(|l| l.starts_with("Page size:")).unwrap().to_string();
        assert_eq!(size.contains("841.89 x 595.2"), landscape, "{kind:?}: {size}");

        let word = office
            .print_document(
                &session,
                &DocumentRequest::List { list: kind },
                &PrintOptions { format: DocumentFormat::Docx, ..options.clone() },
            )
            .unwrap();
        let mut xml = String::new();
        use std::io::Read as _;
        zip::ZipArchive::new(std::io::Cursor::new(word.bytes))
            .unwrap()
            .by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        assert!(xml.contains(&first), "{kind:?}: the Word list has the rows");

        let book = dir.path().join(format!("{}.xlsx", kind.file_stem()));
        assert_eq!(office.export_list(&session, kind, &book, Lang::Vi).unwrap(), rows);
        let sheet = tabular::read_table(&book).unwrap();
        assert_eq!(sheet.rows.len(), rows + 1, "the header and the rows");
        assert!(sheet.rows[1].cells.iter().any(|c| c.contains(first.trim())), "{kind:?}: {:?}", sheet.rows[1]);
    }
}
