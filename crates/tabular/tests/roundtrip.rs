use std::fs;
use std::io::Cursor;
use std::path::Path;

use calamine::{Reader, Xlsx};
use chrono::NaiveDate;
use thuocdo_tabular::{read_table, read_table_bytes, write_xlsx, Cell, Row, Table, TabularError, MAX_FILE_BYTES, MAX_ROWS};

fn date(y: i32, m: u32, d: u32) -> Cell {
    Cell::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn row(number: usize, cells: &[&str]) -> Row {
    Row { number, cells: cells.iter().map(|s| s.to_string()).collect() }
}

fn numbers(table: &Table) -> Vec<usize> {
    table.rows.iter().map(|r| r.number).collect()
}

fn csv(content: &[u8]) -> Result<Table, TabularError> {
    read_table_bytes("danh-sach.csv", content)
}

const HEADERS: [&str; 6] = ["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Điện thoại", "Hệ số"];

fn roster() -> Vec<Vec<Cell>> {
    vec![
        vec![
            Cell::Number(1.0),
            text("Nguyễn Thị Hoà"),
            date(1975, 4, 30),
            text("Đảng ủy xã Tân Lập"),
            text("0912345678"),
            Cell::Number(4.98),
        ],
        vec![
            Cell::Number(2.0),
            // Decomposed (NFD) as some macOS tools produce it.
            text("Tra\u{0302}\u{0300}n Va\u{0306}n \u{0110}u\u{031B}\u{0301}c"),
            date(2000, 2, 29),
            Cell::Empty,
            text(""),
            Cell::Number(3.0),
        ],
    ]
}

#[test]
fn xlsx_roundtrip_keeps_vietnamese_text_dates_and_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Danh sách.xlsx");
    write_xlsx(&path, "Cán bộ", &HEADERS, &roster()).unwrap();

    let table = read_table(&path).unwrap();
    assert_eq!(
        table.rows,
        vec![
            row(1, &HEADERS),
            row(2, &["1", "Nguyễn Thị Hoà", "30/04/1975", "Đảng ủy xã Tân Lập", "0912345678", "4,98"]),
            row(3, &["2", "Trần Văn Đức", "29/02/2000", "", "", "3"]),
        ]
    );
}

#[test]
fn written_file_is_a_zip_with_header_row_and_filter() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.xlsx");
    write_xlsx(&path, "Cán bộ", &HEADERS, &roster()).unwrap();

    let bytes = fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"));
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    assert_eq!(workbook.sheet_names(), ["Cán bộ"]);
    assert!(workbook.defined_names().iter().any(|(name, _)| name == "_xlnm._FilterDatabase"));
    let range = workbook.worksheet_range("Cán bộ").unwrap();
    let header: Vec<String> = range.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(header, HEADERS);
}

#[test]
fn xlsx_blank_rows_are_skipped_but_numbering_follows_the_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blank.xlsx");
    let rows = vec![vec![], vec![Cell::Empty, text("Lê Văn Tám"), Cell::Number(0.0)], vec![Cell::Empty, text("   ")], vec![text("x")]];
    write_xlsx(&path, "Sheet", &["A", "B", "C"], &rows).unwrap();

    let table = read_table(&path).unwrap();
    assert_eq!(numbers(&table), [1, 3, 5]);
    assert_eq!(table.rows[1].cells, ["", "Lê Văn Tám", "0"]);
}

#[test]
fn xlsx_content_is_recognised_despite_an_xls_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.xlsx");
    write_xlsx(&path, "S", &["Họ tên"], &[vec![text("Hoà")]]).unwrap();
    let table = read_table_bytes("TẢI VỀ.XLS", &fs::read(&path).unwrap()).unwrap();
    assert_eq!(table.rows[1], row(2, &["Hoà"]));
}

#[test]
fn writing_replaces_the_file_and_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.xlsx");
    fs::write(&path, b"old content").unwrap();
    write_xlsx(&path, "S", &["A"], &[vec![text("một")]]).unwrap();
    write_xlsx(&path, "S", &["A"], &[vec![text("hai")]]).unwrap();

    assert_eq!(read_table(&path).unwrap().rows[1].cells, ["hai"]);
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["out.xlsx"]);
}

#[test]
fn writing_into_a_missing_directory_fails_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("không có");
    let err = write_xlsx(&missing.join("out.xlsx"), "S", &["A"], &[]).unwrap_err();
    assert_eq!(err.code(), "tabular.io");
    assert!(!missing.exists());
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn writing_an_impossible_sheet_is_a_write_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.xlsx");
    let err = write_xlsx(&path, "S", &["A"], &[vec![text(&"x".repeat(40_000))]]).unwrap_err();
    assert_eq!(err.code(), "tabular.write");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn csv_with_and_without_bom_and_with_crlf() {
    let plain = "Họ tên,Năm sinh\r\nNguyễn Thị Hoà,1980\r\n";
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), plain.as_bytes()].concat();
    let expected = vec![row(1, &["Họ tên", "Năm sinh"]), row(2, &["Nguyễn Thị Hoà", "1980"])];
    assert_eq!(csv(plain.as_bytes()).unwrap().rows, expected);
    assert_eq!(csv(&with_bom).unwrap().rows, expected);
}

#[test]
fn csv_semicolon_and_tab_delimiters_are_detected() {
    let semi = "Họ tên;Hệ số;Đơn vị\nHoà;4,98;Đảng ủy xã Tân Lập\n";
    assert_eq!(csv(semi.as_bytes()).unwrap().rows[1].cells, ["Hoà", "4,98", "Đảng ủy xã Tân Lập"]);
    let tab = "Họ tên\tĐơn vị, phòng\nHoà\tVăn phòng, Tổ 1\n";
    assert_eq!(csv(tab.as_bytes()).unwrap().rows[1].cells, ["Hoà", "Văn phòng, Tổ 1"]);
}

#[test]
fn csv_quoted_fields_with_delimiters_and_newlines_keep_row_numbers() {
    let content = "Họ tên;Ghi chú;Năm\n\
                   \"Nguyễn Văn A\";\"Chuyển công tác; từ\nxã Tân Lập, huyện X\";1980\n\
                   Lê Thị B;;1990\n\
                   \n\
                   ;;\n\
                   Phạm C;\"nói \"\"không\"\"\";2000";
    let table = csv(content.as_bytes()).unwrap();
    assert_eq!(
        table.rows,
        vec![
            row(1, &["Họ tên", "Ghi chú", "Năm"]),
            row(2, &["Nguyễn Văn A", "Chuyển công tác; từ\nxã Tân Lập, huyện X", "1980"]),
            row(3, &["Lê Thị B", "", "1990"]),
            // Row 4 is a blank line and row 5 holds only delimiters, as Excel shows them.
            row(6, &["Phạm C", "nói \"không\"", "2000"]),
        ]
    );

    let windows = content.replace('\n', "\r\n");
    assert_eq!(numbers(&csv(windows.as_bytes()).unwrap()), [1, 2, 3, 6]);
    let leading_blank = format!("\r\n\r\n{windows}\r\n\r\nTrần D;;");
    assert_eq!(numbers(&csv(leading_blank.as_bytes()).unwrap()), [3, 4, 5, 8, 10]);
}

#[test]
fn csv_rows_of_differing_lengths_are_allowed_and_trimmed() {
    let table = csv("a,b,c\n  x  \n1,2,3,4,,\n".as_bytes()).unwrap();
    assert_eq!(table.rows[1].cells, ["x"]);
    assert_eq!(table.rows[2].cells, ["1", "2", "3", "4"]);
}

#[test]
fn csv_nfd_text_comes_back_nfc() {
    let nfd = "Ho\u{0323} te\u{0302}n\nNguye\u{0302}\u{0303}n Thi\u{0323} Hoa\u{0300}\n";
    let table = csv(nfd.as_bytes()).unwrap();
    assert_eq!(table.rows[0].cells, ["Họ tên"]);
    assert_eq!(table.rows[1].cells, ["Nguyễn Thị Hoà"]);
    assert_eq!(table.rows[1].cells[0].chars().count(), 14);
}

#[test]
fn csv_in_a_legacy_encoding_is_not_utf8_with_its_line() {
    // "Hòa" in Windows-1258 / Latin-1 on the third line.
    let bytes = b"Ho ten;Nam\nNguyen A;1980\nH\xF2a;1990\n";
    assert_eq!(csv(bytes), Err(TabularError::NotUtf8 { line: 3 }));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cu.csv");
    fs::write(&path, b"\xD0\xE3ng \xFBy\n").unwrap();
    assert_eq!(read_table(&path).unwrap_err().code(), "tabular.not_utf8");
}

#[test]
fn empty_inputs_are_empty() {
    assert_eq!(csv(b""), Err(TabularError::Empty));
    assert_eq!(csv(b"\xEF\xBB\xBF"), Err(TabularError::Empty));
    assert_eq!(csv(b"\n;;;\n \n\t\n"), Err(TabularError::Empty));
    assert_eq!(read_table_bytes("x.xlsx", b""), Err(TabularError::Empty));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("headers-only.xlsx");
    write_xlsx(&path, "S", &[], &[vec![], vec![Cell::Empty]]).unwrap();
    assert_eq!(read_table(&path), Err(TabularError::Empty));
}

#[test]
fn garbage_and_truncated_workbooks_are_unreadable() {
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    for name in ["x.xlsx", "x.xlsm", "x.xls"] {
        let err = read_table_bytes(name, &garbage).unwrap_err();
        assert_eq!(err.code(), "tabular.unreadable", "{name}: {err}");
    }
    // ODS is refused outright: its sheet size is trusted by the reader before any limit (a 2 KB bomb).
    assert_eq!(read_table_bytes("x.ods", &garbage).unwrap_err().code(), "tabular.unsupported_format");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ok.xlsx");
    write_xlsx(&path, "S", &HEADERS, &roster()).unwrap();
    let good = fs::read(&path).unwrap();
    let err = read_table_bytes("x.xlsx", &good[..good.len() / 2]).unwrap_err();
    assert_eq!(err.code(), "tabular.unreadable");

    // Corrupt single bytes all over a valid file: any outcome but a crash is acceptable. calamine itself panics on
    // some of these (an index out of bounds in its cell reader); the reader must turn that into an error the user
    // can read, so every call returns, and every failure is "unreadable".
    for i in (0..good.len()).step_by(37) {
        let mut bad = good.clone();
        bad[i] ^= 0x5A;
        match read_table_bytes("x.xlsx", &bad) {
            Ok(_) => {}
            Err(e) => assert!(matches!(e, TabularError::Unreadable(_) | TabularError::Empty), "byte {i}: {e:?}"),
        }
    }
}

#[test]
fn unknown_extensions_and_missing_files() {
    assert_eq!(read_table_bytes("ảnh.pdf", b"%PDF"), Err(TabularError::UnsupportedFormat(".pdf".into())));
    assert_eq!(read_table_bytes("README", b"x").unwrap_err().code(), "tabular.unsupported_format");

    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("không có.csv");
    assert_eq!(read_table(&missing), Err(TabularError::NotFound(missing.clone())));
    assert_eq!(read_table(Path::new(dir.path())).unwrap_err().code(), "tabular.unsupported_format");
}

#[test]
fn extension_is_case_insensitive_and_txt_is_csv() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("DANH SACH.CSV");
    fs::write(&path, "a;b\n1;2\n").unwrap();
    assert_eq!(read_table(&path).unwrap().rows[1].cells, ["1", "2"]);
    assert_eq!(read_table_bytes("x.Txt", b"a\tb").unwrap().rows[0].cells, ["a", "b"]);
}

#[test]
fn size_limits() {
    let big = vec![b'a'; MAX_FILE_BYTES as usize + 1];
    assert_eq!(csv(&big), Err(TabularError::TooLarge { limit: "64 MiB".into() }));

    let at_limit = "x\n".repeat(MAX_ROWS);
    assert_eq!(csv(at_limit.as_bytes()).unwrap().rows.len(), MAX_ROWS);
    let over = "x\n".repeat(MAX_ROWS + 1);
    assert_eq!(csv(over.as_bytes()).unwrap_err().code(), "tabular.too_large");
}

#[test]
fn error_codes_are_stable() {
    let cases = [
        (TabularError::NotFound("x".into()), "tabular.not_found"),
        (TabularError::UnsupportedFormat(".pdf".into()), "tabular.unsupported_format"),
        (TabularError::NotUtf8 { line: 1 }, "tabular.not_utf8"),
        (TabularError::TooLarge { limit: "1".into() }, "tabular.too_large"),
        (TabularError::Unreadable("x".into()), "tabular.unreadable"),
        (TabularError::Empty, "tabular.empty"),
        (TabularError::Io("x".into()), "tabular.io"),
        (TabularError::Write("x".into()), "tabular.write"),
    ];
    for (err, code) in cases {
        assert_eq!(err.code(), code);
        assert!(!err.to_string().is_empty());
    }
}

#[test]
fn a_formula_typed_as_text_stays_text_in_csv_and_comes_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.csv");
    let evil = "=HYPERLINK(\"http://x\",\"Bấm\")";
    let rows = vec![vec![Cell::Text(evil.into()), Cell::Text("@SUM(A1)".into()), Cell::Text("-5".into())]];
    thuocdo_tabular::write_csv(&path, &["Quê quán", "Ghi chú", "Số"], &rows).unwrap();
    let raw = std::fs::read_to_string(&path).unwrap();
    assert!(raw.contains("'=HYPERLINK") && raw.contains("'@SUM"), "{raw}");
    let table = read_table(&path).unwrap();
    assert_eq!(table.rows[1].cells, vec![evil.to_string(), "@SUM(A1)".to_string(), "-5".to_string()]);
}
