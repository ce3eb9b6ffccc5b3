//! Issue 16, every list printed and exported: the roster, the organisation tree, the review meetings, the accounts,
//! the audit trail, the attention list, the comparison of equivalent posts, the completeness board, the product
//! kinds and the rule sets, as the window lists them, each as a PDF (read back with pdftotext, its page size with
//! pdfinfo), a Word file and a workbook with the same rows.

use thuocdo_service as service;

use chrono::{TimeZone, Utc};
use service::demo::{create_demo, DemoScale, DEMO_PASSWORD, DEMO_YEAR};
use service::figures::Figure;
use service::lists::ListRequest;
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
    let table = office.list_table(&session, &ListRequest::Roster, Lang::Vi).unwrap();
    assert_eq!(table.rows.len(), roster.len());
    assert_eq!(table.columns[..3], ["STT", "Họ và tên", "Ngày sinh"]);
    for (i, (row, person)) in table.rows.iter().zip(&roster).enumerate() {
        let cells = text_of(&row.cells);
        assert_eq!(cells[0], (i + 1).to_string());
        assert_eq!(cells[1], person.full_name, "sorted as the roster is, by given name");
        assert_eq!(cells[4], person.ethnicity.clone().unwrap_or_default());
    }
    let units = office.units(&session, Lang::Vi).unwrap();
    let table = office.list_table(&session, &ListRequest::Units, Lang::Vi).unwrap();
    assert_eq!(table.rows.len(), units.len());
    assert!(text_of(&table.rows[1].cells)[1].ends_with(&units[1].name), "the tree's order, indented");
    assert_eq!(table.rows[0].cells[5], Figure::Count(units[0].headcount_with_below as u32));
    let meetings = office.meetings(&session).unwrap();
    assert!(!meetings.is_empty());
    let table = office.list_table(&session, &ListRequest::Meetings, Lang::Vi).unwrap();
    assert_eq!(table.rows.len(), meetings.len());
    assert_eq!(text_of(&table.rows[0].cells)[6], if meetings[0].locked { "Đã khóa" } else { "Đang họp" });
    let accounts = office.list_table(&session, &ListRequest::Accounts, Lang::Vi).unwrap();
    assert_eq!(accounts.rows.len(), office.users(&session).unwrap().len());
    assert!(text_of(&accounts.rows[0].cells).contains(&"quản trị".to_string()), "{:?}", accounts.rows[0]);

    // The lists of work and evaluation, each against the screen's own source.
    let office_unit = office.summary(&session).unwrap().unit_code;
    let audit = office.audit_entries(&session, &service::audit::AuditFilter { limit: Some(200), ..Default::default() }).unwrap();
    assert!(!audit.is_empty());
    let audit_request = ListRequest::Audit { username: None, action: None, limit: Some(200) };
    let table = office.list_table(&session, &audit_request, Lang::Vi).unwrap();
    assert_eq!(table.rows.len(), audit.len());
    let newest = text_of(&table.rows[0].cells);
    assert_eq!(newest[2], audit[0].username);
    assert_eq!(newest[3], service::words::audit_action(Lang::Vi, &audit[0].action));
    assert_ne!(newest[3], audit[0].action, "the action in words, not its code");
    assert!(newest[1].len() == 16 && newest[1].as_bytes()[2] == b'/', "dd/mm/yyyy hh:mm: {}", newest[1]);
    let attention = office.attention_list(&session, DEMO_YEAR, &office_unit, Lang::Vi).unwrap();
    assert!(!attention.is_empty(), "the commune demo has people to look at");
    let attention_request = ListRequest::Attention { year: DEMO_YEAR, unit_code: office_unit.clone() };
    let table = office.list_table(&session, &attention_request, Lang::Vi).unwrap();
    assert_eq!(table.rows.len(), attention.len());
    let first_attention = text_of(&table.rows[0].cells);
    assert_eq!(first_attention[1], attention[0].name);
    assert_eq!(first_attention[3], service::words::attention_reason(Lang::Vi, attention[0].kind.code()));
    let unit_of_first = units.iter().find(|u| u.code == attention[0].unit_code).expect("the person's unit");
    assert_eq!(first_attention[2], unit_of_first.name, "the unit's name, not its code");
    let group =
        office.comparison_groups(&session, DEMO_YEAR, None).unwrap().into_iter().max_by_key(|g| g.with_targets).expect("a group of posts");
    let ranking = office.comparison(&session, DEMO_YEAR, &group.code, None, Lang::Vi).unwrap();
    let comparison_request = ListRequest::Comparison { year: DEMO_YEAR, group: group.code.clone() };
    let table = office.list_table(&session, &comparison_request, Lang::Vi).unwrap();
    assert_eq!(table.columns[0], "Hạng", "a ranking leads with the rank, not STT");
    assert_eq!(table.rows.len(), ranking.rows.len());
    assert_eq!(table.rows[0].cells[0], Figure::Count(1));
    assert_eq!(table.rows[0].cells[5], Figure::Percent(ranking.rows[0].completion_basis));
    let completeness_request = ListRequest::Completeness { period: format!("{DEMO_YEAR}-11") };
    let board = office.completeness(&session, &format!("{DEMO_YEAR}-11")).unwrap();
    let table = office.list_table(&session, &completeness_request, Lang::Vi).unwrap();
    assert_eq!(table.rows.len(), board.len());
    assert_eq!(table.title, format!("Tình hình gửi dữ liệu tháng 11/{DEMO_YEAR}"));
    let tasks = office.breakthrough_tasks(&session, DEMO_YEAR, Lang::Vi).unwrap();
    let breakthrough_request = ListRequest::Breakthrough { year: DEMO_YEAR };
    let table = office.list_table(&session, &breakthrough_request, Lang::Vi).unwrap();
    assert_eq!(table.rows.len(), tasks.len());
    if let Some(task) = tasks.first() {
        let cells = text_of(&table.rows[0].cells);
        assert_eq!(
            (cells[1].as_str(), cells[3].as_str(), cells[6].as_str()),
            (task.person_name.as_str(), task.title.as_str(), task.state_label.as_str())
        );
    }
    let kinds = office.product_kinds(&session, None).unwrap();
    let table = office.list_table(&session, &ListRequest::ProductKinds, Lang::Vi).unwrap();
    assert_eq!(table.rows.len(), kinds.len());
    let sets = office.rule_sets(&session, Lang::Vi).unwrap();
    let table = office.list_table(&session, &ListRequest::RuleSets, Lang::Vi).unwrap();
    assert_eq!(table.rows.len(), sets.len());
    assert!(text_of(&table.rows[0].cells)[4].contains('/'), "the day it applies from as dd/mm/yyyy");

    let options = PrintOptions { fixed_date: Some(Utc.with_ymd_and_hms(2026, 12, 4, 8, 0, 0).unwrap()), ..PrintOptions::default() };
    let first_unit_below = board.first().map(|l| l.unit_name.clone());
    for (request, heading, first, landscape) in [
        (ListRequest::Roster, "DANH SÁCH CÁN BỘ, CÔNG CHỨC".to_string(), Some(roster[0].full_name.clone()), true),
        (ListRequest::Units, "DANH SÁCH ĐƠN VỊ".into(), Some(units[0].name.clone()), false),
        (ListRequest::Meetings, "DANH SÁCH HỘI NGHỊ KIỂM ĐIỂM".into(), Some(meetings[0].unit_name.clone()), false),
        (ListRequest::Accounts, "DANH SÁCH TÀI KHOẢN".into(), Some("admin".to_string()), false),
        (audit_request, "NHẬT KÝ THAY ĐỔI".into(), Some(service::words::audit_action(Lang::Vi, &audit[0].action)), false),
        (attention_request, format!("DANH SÁCH CÁN BỘ CẦN QUAN TÂM NĂM {DEMO_YEAR}"), Some(attention[0].name.clone()), false),
        (
            comparison_request,
            format!("SO SÁNH KẾT QUẢ THỰC HIỆN CHỈ TIÊU NĂM {DEMO_YEAR}"),
            ranking.rows.first().map(|r| r.name.clone()),
            true,
        ),
        (breakthrough_request, format!("NHIỆM VỤ ĐỘT PHÁ NĂM {DEMO_YEAR}"), tasks.first().map(|t| t.person_name.clone()), true),
        (completeness_request, format!("TÌNH HÌNH GỬI DỮ LIỆU THÁNG 11/{DEMO_YEAR}"), first_unit_below, false),
        (ListRequest::ProductKinds, "DANH MỤC LOẠI SẢN PHẨM".into(), Some(kinds[0].name.clone()), false),
        (ListRequest::RuleSets, "DANH SÁCH BỘ QUY TẮC ĐÁNH GIÁ".into(), Some(sets[0].applies_to.clone()), true),
    ] {
        let kind = &request;
        let printed = office.print_document(&session, &DocumentRequest::List { list: request.clone() }, &options).unwrap();
        assert!(printed.file_name.ends_with("-20261204.pdf") && printed.file_name.is_ascii(), "{}", printed.file_name);
        let pdf = dir.path().join(&printed.file_name);
        std::fs::write(&pdf, &printed.bytes).unwrap();
        let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]).split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains(&heading), "{kind:?}: {text}");
        assert!(text.contains("(Tính đến ngày 04/12/2026)"), "{kind:?}: {text}");
        // A long cell wraps onto lines of its own: compare its first words.
        let first_words = |t: &str| t.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
        if let Some(first) = &first {
            assert!(text.contains(&first_words(first)), "{kind:?}: {first} in {text}");
        }
        let rows = office.list_table(&session, kind, Lang::Vi).unwrap().rows.len();
        assert!(text.contains(&format!("Tổng số: {rows}.")), "{kind:?}: {text}");
        let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
        let size = info.lines().find(|l| l.starts_with("Page size:")).unwrap().to_string();
        assert_eq!(size.contains("841.89 x 595.2"), landscape, "{kind:?}: {size}");

        let word = office
            .print_document(
                &session,
                &DocumentRequest::List { list: request.clone() },
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
        if let Some(first) = &first {
            assert!(xml.contains(&first_words(first)), "{kind:?}: the Word list has the rows");
        }

        let book = dir.path().join(format!("{}.xlsx", kind.file_stem()));
        assert_eq!(office.export_list(&session, kind, &book, Lang::Vi).unwrap(), rows);
        let sheet = tabular::read_table(&book).unwrap();
        assert_eq!(sheet.rows.len(), rows + 1, "the header and the rows");
        if let Some(first) = &first {
            assert!(sheet.rows[1].cells.iter().any(|c| c.contains(first.trim())), "{kind:?}: {:?}", sheet.rows[1]);
        }
    }
}

#[test]
fn a_list_of_another_office_or_a_bad_period_is_refused_and_viewers_see_no_audit_trail() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("xa.db");
    create_demo(&path, DemoScale::Commune, 4, None).unwrap();
    let (mut office, session) = Office::unlock(&path, None, DEMO_PASSWORD).unwrap();
    let bad = office.list_table(&session, &ListRequest::Completeness { period: "tháng 9".into() }, Lang::Vi).unwrap_err();
    assert_eq!(bad.code(), "period.bad", "{bad}");
    let unknown = office.list_table(&session, &ListRequest::Attention { year: DEMO_YEAR, unit_code: "KHONG-CO".into() }, Lang::Vi);
    assert!(unknown.is_err(), "an unknown unit is refused");
    let group = office.list_table(&session, &ListRequest::Comparison { year: DEMO_YEAR, group: "khong_co".into() }, Lang::Vi);
    assert!(group.is_err(), "an unknown group is refused");
    // The printed audit trail keeps the page's rule: administrators only.
    office
        .add_user(
            &session,
            DEMO_PASSWORD,
            &service::NewUser { username: "xem".into(), password: "mat-khau-dai-du".into(), role: service::Role::Viewer, unit_code: None },
        )
        .unwrap();
    drop(office);
    let (office, viewer) = Office::unlock(&path, Some("xem"), "mat-khau-dai-du").unwrap();
    let refused = office.list_table(&viewer, &ListRequest::Audit { username: None, action: None, limit: None }, Lang::Vi).unwrap_err();
    assert_eq!(refused.code(), "auth.forbidden", "{refused}");
}
