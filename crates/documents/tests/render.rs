//! Real PDFs, checked with the tools offices' files will meet: pdftotext for the exact Vietnamese text in reading
//! order, pdffonts for embedded subset fonts, qpdf for structure.

mod support;

use support::*;
use thuocdo_documents::*;
use unicode_normalization::UnicodeNormalization;

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn minutes_show_the_header_attendance_every_vote_and_both_signatures() {
    let dir = tempfile::tempdir().unwrap();
    let (path, rendered) = write(dir.path(), "minutes.pdf", &DocumentView::Minutes(minutes(voted_subjects())));
    let text = text_of(&path);
    for expected in [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "ĐẢNG BỘ TỈNH SÔNG LAM",
        "BIÊN BẢN",
        "Hội nghị kiểm điểm, đánh giá, xếp loại chất lượng năm 2026",
        "Hoà Bình, ngày 28 tháng 12 năm 2026",
        "Số -BB/ĐU",
        "Tổng số được triệu tập: 21 đồng chí; có mặt: 19 đồng chí; vắng mặt: 2 đồng chí (đi công tác).",
        "THƯ KÝ",
        "CHỦ TRÌ HỘI NGHỊ",
        "Lê Văn Ửng",
        "Phó Bí thư Thường trực Đảng ủy",
    ] {
        assert!(squash(&text).contains(expected), "missing {expected:?} in:\n{text}");
    }
    // The capitals with diacritics of a long issuer may wrap inside the left block; every word is there in order.
    assert!(squash(&text).contains("ĐẢNG ỦY XÃ HOÀ BÌNH ĐÔNG NGẠN THƯỢNG"), "{text}");
    // A table row reads across on one line of the physical layout: the name, then the four counts in order.
    let layout = layout_text_of(&path);
    for s in voted_subjects() {
        let votes = s.votes.unwrap();
        let votes_part = &layout[layout.find("3. Kết quả biểu quyết").unwrap()..layout.find("III. KẾT LUẬN").unwrap()];
        let first_words: String = s.name.split(' ').take(2).collect::<Vec<_>>().join(" ");
        let line = votes_part.lines().find(|l| l.contains(&first_words)).unwrap_or_else(|| panic!("no row for {} in:\n{layout}", s.name));
        assert_eq!(squash(line).split(' ').filter(|w| w.chars().all(|c| c.is_ascii_digit())).skip(1).collect::<Vec<_>>(), votes, "{line}");
    }
    // Signature names come after their titles.
    let squashed = squash(&text);
    let secretary_title = squashed.rfind("THƯ KÝ").unwrap();
    assert!(squashed[secretary_title..].contains("Trần Văn Ước") && squashed[secretary_title..].contains("Nguyễn Thị Ánh Tuyết"));
    assert_fonts_embedded_and_subset(&path);
    assert_qpdf_clean(&path);
    assert_eq!(page_count(&path), rendered.pages);
    assert!(rendered.bytes.len() < 100_000, "a short minutes file should be tens of KB, it is {}", rendered.bytes.len());
}

#[test]
fn the_same_data_and_date_give_the_same_bytes_and_another_date_does_not() {
    let view = DocumentView::Minutes(minutes(voted_subjects()));
    let first = render(&view, &options()).unwrap();
    let second = render(&view, &options()).unwrap();
    assert!(first.bytes == second.bytes, "two renders differ");
    let mut later = options();
    later.fixed_date = Some(chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2027, 1, 2, 8, 0, 0).unwrap());
    assert!(render(&view, &later).unwrap().bytes != first.bytes);
}

#[test]
fn a_meeting_with_no_votes_yet_prints_as_a_draft_with_blank_counts() {
    let dir = tempfile::tempdir().unwrap();
    let mut view = minutes(vec![subject(1, "Đỗ Thị Hường", "Công chức Văn phòng", None), subject(2, "Vũ Văn Lực", "", None)]);
    view.locked = false;
    view.quota_line = String::new();
    let (path, _) = write(dir.path(), "draft.pdf", &DocumentView::Minutes(view));
    let text = squash(&text_of(&path));
    assert!(text.contains("Dự thảo"), "{text}");
    assert_eq!(text.matches("Chưa biểu quyết").count(), 2, "{text}");
    assert_eq!(text.matches("Chưa quyết định").count(), 2, "{text}");
    assert!(text.contains("Khách mời: …………………."), "{text}");
    assert_qpdf_clean(&path);
}

#[test]
fn a_result_list_of_300_runs_over_many_pages_with_headers_and_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let (path, rendered) = write(dir.path(), "results.pdf", &DocumentView::Results(results_of(300)));
    let pages = page_count(&path);
    assert!(pages >= 8, "300 rows on {pages} pages");
    assert_eq!(pages, rendered.pages);
    let text = squash(&text_of(&path));
    let mut at = 0;
    for n in 1..=300 {
        let name = format!("{:03}", n);
        let found = text[at..].find(&name).unwrap_or_else(|| panic!("row {n} missing or out of order"));
        at += found;
    }
    for page in 2..=pages {
        let one = std::process::Command::new("pdftotext")
            .args(["-f", &page.to_string(), "-l", &page.to_string(), path.to_str().unwrap(), "-"])
            .output()
            .unwrap();
        let page_text = String::from_utf8(one.stdout).unwrap();
        assert!(page_text.contains("Họ và tên") && page_text.contains("Kết quả xếp loại"), "page {page} has no table header");
        assert_eq!(page_text.split_whitespace().next(), Some(page.to_string().as_str()), "page {page} is not numbered at the top");
    }
    assert_fonts_embedded_and_subset(&path);
    assert_qpdf_clean(&path);
}

#[test]
fn a_name_long_enough_to_wrap_keeps_every_word_and_decomposed_text_comes_out_composed() {
    let dir = tempfile::tempdir().unwrap();
    let long = "Công Tằng Tôn Nữ Thị Hoàng Phương Thảo Nguyễn Ngọc Bảo Trâm Lê Thị Thu Hương Trần Văn Đức Hạnh";
    let decomposed: String = "Nguyễn Thị Ướt Ỷ".nfd().collect();
    let mut view = minutes(vec![
        subject(1, long, "Phó Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam xã", Some([1, 17, 1, 0])),
        subject(2, &decomposed, "", Some([0, 19, 0, 0])),
    ]);
    view.chair = decomposed.clone();
    view.secretary = long.to_string();
    let (path, _) = write(dir.path(), "long.pdf", &DocumentView::Minutes(view));
    let text = squash(&text_of(&path));
    // Wrapped in a paragraph, the name reads whole.
    assert!(text.contains(&format!("Thư ký hội nghị: đồng chí {long}.")), "{text}");
    // Wrapped in a table cell, its lines sit beside the neighbouring cells' lines: every word still comes in order.
    let table = &text[text.find("3. Kết quả biểu quyết").unwrap()..];
    let mut at = 0;
    for word in long.split(' ') {
        at += table[at..].find(word).unwrap_or_else(|| panic!("{word} missing or out of order in {table}")) + word.len();
    }
    assert!(text.contains("Nguyễn Thị Ướt Ỷ"), "decomposed input must print composed: {text}");
    assert!(!text.contains(&decomposed));
}

fn targets_view(format: HeaderFormat) -> TargetsView {
    let mut head = party_head("", "Hoà Bình, ngày 30 tháng 11 năm 2026");
    head.format = format;
    head.superior = "UBND TỈNH SÔNG LAM".into();
    head.issuer = "ỦY BAN NHÂN DÂN XÃ HOÀ BÌNH".into();
    TargetsView {
        letterhead: head,
        unit_name: "Xã Hoà Bình".into(),
        year: "2026".into(),
        as_of: "Số liệu đến ngày 30/11/2026".into(),
        groups: vec![TargetGroup {
            name: "Kinh tế".into(),
            rows: vec![TargetRow {
                ordinal: "1".into(),
                name: "Thu ngân sách nhà nước trên địa bàn".into(),
                measure: "triệu đồng".into(),
                plan: "12.500".into(),
                actual: "13.812,5".into(),
                completion: "110,5 %".into(),
                status: "Vượt".into(),
            }],
        }],
        summary: "1 chỉ tiêu: 1 vượt".into(),
        signatures: vec![Signature { on_behalf: "TM. ỦY BAN NHÂN DÂN".into(), title: "CHỦ TỊCH".into(), name: String::new() }],
    }
}

#[test]
fn a_state_document_carries_the_national_title_and_motto() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = write(dir.path(), "targets.pdf", &DocumentView::Targets(targets_view(HeaderFormat::State)));
    let text = squash(&text_of(&path));
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN",
        "XÃ HOÀ BÌNH",
        "12.500",
        "13.812,5",
        "110,5 %",
        "Vượt",
    ] {
        assert!(text.contains(expected), "missing {expected:?}: {text}");
    }
    assert!(!text.contains("ĐẢNG CỘNG SẢN"));
    assert_fonts_embedded_and_subset(&path);
}

#[test]
fn every_other_document_renders_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let head = || party_head("", "Hoà Bình, ngày 30 tháng 12 năm 2026");
    let signature = Signature { on_behalf: String::new(), title: "NGƯỜI TỰ ĐÁNH GIÁ".into(), name: "Lê Văn Ửng".into() };
    let views = vec![
        (
            DocumentView::Form(FormView {
                letterhead: head(),
                variant: FormVariant::Leader,
                period: "năm 2026".into(),
                name: "Lê Văn Ửng".into(),
                birth_date: "02/09/1980".into(),
                position: "Phó Bí thư Thường trực Đảng ủy".into(),
                unit: "Đảng ủy xã Hoà Bình".into(),
                party_member: true,
                self_text: "Hoàn thành 18/18 chỉ tiêu được giao.\nCòn chậm trong chuyển đổi số.".into(),
                criteria: vec![CriterionRow {
                    name: "Chính trị, tư tưởng".into(),
                    max: "10".into(),
                    self_points: "9,5".into(),
                    superior_points: "9,0".into(),
                }],
                task_points: "70,0".into(),
                self_total: "79,5".into(),
                superior_total: "79,0".into(),
                self_level: "Hoàn thành tốt nhiệm vụ".into(),
                superior_comment: String::new(),
                superior_level: String::new(),
                authority_level: String::new(),
                signatures: vec![
                    Signature { on_behalf: String::new(), title: "NGƯỜI NHẬN XÉT".into(), name: String::new() },
                    signature.clone(),
                ],
                task_max: "70".into(),
                products: Vec::new(),
                scores: Vec::new(),
                provisional: "(Tạm tính đến ngày 30/11/2026)".into(),
            }),
            vec![
                "Mẫu 2A",
                "Dùng cho cán bộ lãnh đạo, quản lý",
                "Lê Văn Ửng",
                "Chính trị, tư tưởng",
                "79,5",
                "Còn chậm trong chuyển đổi số.",
                "NGƯỜI TỰ ĐÁNH GIÁ",
                "Tạm tính đến ngày 30/11/2026",
            ],
        ),
        (
            DocumentView::Collective(CollectiveView {
                letterhead: head(),
                unit_name: "Đảng ủy xã Hoà Bình".into(),
                year: "2026".into(),
                targets: targets_view(HeaderFormat::Party).groups[0].rows.clone(),
                targets_summary: "1 chỉ tiêu: 1 vượt".into(),
                members: vec![CountRow {
                    label: "Hoàn thành xuất sắc nhiệm vụ".into(), count: "3".into(), percent: "14,3 %".into()
                }],
                proposal: "Hoàn thành tốt nhiệm vụ".into(),
                decided: String::new(),
                signature: Signature {
                    on_behalf: "T/M ĐẢNG ỦY".into(), title: "BÍ THƯ".into(), name: "Nguyễn Thị Ánh Tuyết".into()
                },
                provisional: String::new(),
            }),
            vec!["BÁO CÁO", "Kiểm điểm tập thể Đảng ủy xã Hoà Bình năm 2026", "14,3 %", "T/M ĐẢNG ỦY"],
        ),
        (
            DocumentView::Breakthrough(BreakthroughView {
                letterhead: head(),
                scope: "Xã Hoà Bình".into(),
                year: "2026".into(),
                rows: vec![BreakthroughRow {
                    ordinal: "1".into(),
                    person: "Phạm Đức Ưng".into(),
                    unit: "UBND xã".into(),
                    title: "Giải phóng mặt bằng khu công nghiệp Hoà Bình".into(),
                    expected_result: "Bàn giao 45 ha".into(),
                    deadline: "30/09/2026".into(),
                    state: "Đã phê duyệt".into(),
                    decision: "QĐ 15-QĐ/ĐU ngày 20/02/2026".into(),
                }],
                signatures: vec![],
            }),
            vec!["SỔ ĐĂNG KÝ NHIỆM VỤ ĐỘT PHÁ", "Giải phóng mặt bằng", "khu công nghiệp Hoà Bình", "QĐ 15-QĐ/ĐU ngày 20/02/2026"],
        ),
        (
            DocumentView::Programme(ProgrammeView {
                letterhead: head(),
                person: "Phạm Đức Ưng".into(),
                title: "Khi được giới thiệu ứng cử chức danh Chủ tịch UBND xã Hoà Bình".into(),
                presented_on: "15/01/2026".into(),
                summary: "Tập trung ba khâu đột phá.".into(),
                items: vec![ProgrammeItem {
                    ordinal: "1".into(),
                    work: "Số hoá hồ sơ đất đai".into(),
                    person: "Công chức Địa chính".into(),
                    deadline: "30/06/2026".into(),
                    expected_result: "100 % hồ sơ".into(),
                    responsibility: "Chủ tịch UBND xã".into(),
                    state: "Quá hạn".into(),
                }],
                signature: Signature { on_behalf: String::new(), title: "NGƯỜI TRÌNH BÀY".into(), name: "Phạm Đức Ưng".into() },
            }),
            vec!["CHƯƠNG TRÌNH HÀNH ĐỘNG", "Số hoá hồ sơ đất đai", "Quá hạn", "NGƯỜI TRÌNH BÀY"],
        ),
    ];
    for (i, (view, expected)) in views.into_iter().enumerate() {
        let (path, _) = write(dir.path(), &format!("doc{i}.pdf"), &view);
        let text = squash(&text_of(&path));
        for e in expected {
            assert!(text.contains(e), "document {i} misses {e:?}: {text}");
        }
        assert_fonts_embedded_and_subset(&path);
        assert_qpdf_clean(&path);
    }
}

#[test]
fn a_months_form_lists_its_products_with_their_scores_and_the_total_with_its_parts() {
    let dir = tempfile::tempdir().unwrap();
    let view = monthly_form(true);
    let (path, rendered) = write(dir.path(), "form-month.pdf", &DocumentView::Form(view.clone()));
    let text = squash(&text_of(&path));
    for expected in [
        "Mẫu 05",
        "PHIẾU TỰ ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
        "Tháng 3 năm 2026",
        "II. SẢN PHẨM VÀ KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
        "III. ĐIỂM THEO TIÊU CHÍ",
        "VI. KẾT QUẢ XẾP LOẠI CỦA CẤP CÓ THẨM QUYỀN",
        "Kết quả thực hiện nhiệm vụ: 63,14 / 70 điểm (tỷ lệ hoàn thành sản phẩm quy đổi 90,20 %).",
        "Tổng điểm: 87,14 / 100: tiêu chí chung 24,00 / 30, kết quả nhiệm vụ 63,14 / 70.",
    ] {
        assert!(text.contains(expected), "missing {expected:?}: {text}");
    }
    // Each product's row reads across one line of the page: its figures in the order of the columns.
    let layout = layout_text_of(&path);
    for (product, figures) in view.products.iter().zip([
        ["2", "1", "báo", "1", "90", "0", "100", "0", "96,67"],
        ["0,5", "36", "hồ", "43", "100", "1", "100", "2", "75,00"],
        ["1", "3", "buổi", "3", "95", "0", "100", "0", "98,33"],
    ]) {
        let part = &layout[layout.find("II. SẢN PHẨM").unwrap()..layout.find("III. ĐIỂM").unwrap()];
        let line = part
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{} ", product.ordinal)))
            .unwrap_or_else(|| panic!("no row for {} in:\n{layout}", product.title));
        let words: Vec<&str> = line.split_whitespace().collect();
        let mut wanted = figures.iter().peekable();
        for word in &words {
            if wanted.peek() == Some(&word) {
                wanted.next();
            }
        }
        assert!(wanted.peek().is_none(), "{figures:?} not in this order on: {line}");
        assert!(line.trim_end().ends_with(&product.score), "the score closes the row: {line}");
    }
    for product in &view.products {
        let mut at = 0;
        for word in product.title.split(' ') {
            at += text[at..].find(word).unwrap_or_else(|| panic!("{word} of {} missing: {text}", product.title)) + word.len();
        }
    }
    assert_eq!(rendered.pages, page_count(&path));
    assert_fonts_embedded_and_subset(&path);
    assert_qpdf_clean(&path);
}

#[test]
fn a_month_not_fully_appraised_says_so_instead_of_a_total() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = write(dir.path(), "form-missing.pdf", &DocumentView::Form(monthly_form(false)));
    let text = squash(&text_of(&path));
    assert!(text.contains("Chưa thẩm định đủ: chưa thẩm định hết sản phẩm của kỳ."), "{text}");
    assert!(text.contains("Kết quả thực hiện nhiệm vụ: chưa tính được."), "{text}");
    assert!(!text.contains("Tổng điểm:"), "{text}");
    assert!(text.contains("Chưa thẩm định"), "the product not appraised says so: {text}");
    assert_qpdf_clean(&path);
}

#[test]
fn a_year_form_has_no_products_part() {
    let dir = tempfile::tempdir().unwrap();
    let mut view = monthly_form(true);
    view.variant = FormVariant::NonLeader;
    view.products.clear();
    view.scores.clear();
    let (path, _) = write(dir.path(), "form-year.pdf", &DocumentView::Form(view));
    let text = squash(&text_of(&path));
    assert!(text.contains("II. ĐIỂM THEO TIÊU CHÍ") && text.contains("V. KẾT QUẢ XẾP LOẠI"), "{text}");
    assert!(!text.contains("SẢN PHẨM VÀ KẾT QUẢ"), "{text}");
}

#[test]
fn the_monthly_list_is_landscape_with_every_row_in_order_and_the_totals() {
    let dir = tempfile::tempdir().unwrap();
    let view = monthly_of(120);
    let (path, rendered) = write(dir.path(), "monthly.pdf", &DocumentView::Monthly(view.clone()));
    let info = std::process::Command::new("pdfinfo").arg(&path).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("841.89 x 595.276 pts (A4)"), "landscape A4: {info}");
    let layout = layout_text_of(&path);
    let mut at = 0;
    for row in &view.rows {
        // A row's first line starts with its number and the first words of the name (a long name may wrap).
        let start = format!("{} {}", row.ordinal, row.name.split(' ').take(2).collect::<Vec<_>>().join(" "));
        let found = layout[at..]
            .lines()
            .position(|l| squash(l).starts_with(&start))
            .unwrap_or_else(|| panic!("{} missing or out of order", row.name));
        let line = layout[at..].lines().nth(found).unwrap();
        at += layout[at..].find(line).unwrap() + line.len();
        // The row's figures sit on its own line, in the order of the columns.
        let expected: Vec<&str> =
            [row.general.as_str(), row.task.as_str(), row.total.as_str()].into_iter().filter(|t| !t.is_empty()).collect();
        let figures: Vec<&str> =
            line.split_whitespace().filter(|w| w.contains(',') && w.chars().next().is_some_and(|c| c.is_ascii_digit())).collect();
        assert_eq!(figures, expected, "{line}");
        assert!(line.contains(&row.products), "{line}");
    }
    let text = squash(&text_of(&path));
    for expected in [
        "DANH SÁCH TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ THÁNG 3 NĂM 2026",
        "(30",
        "(70",
        "TỔNG HỢP THEO MỨC XẾP LOẠI",
        "Chưa thẩm định đủ",
        "NGƯỜI LẬP BIỂU",
        "T/M ỦY BAN NHÂN DÂN",
    ] {
        assert!(text.contains(expected), "missing {expected:?}: {text}");
    }
    assert!(rendered.pages >= 3, "{} pages", rendered.pages);
    for page in 2..=rendered.pages {
        let one = std::process::Command::new("pdftotext")
            .args(["-f", &page.to_string(), "-l", &page.to_string(), path.to_str().unwrap(), "-"])
            .output()
            .unwrap();
        let page_text = String::from_utf8(one.stdout).unwrap();
        assert!(page_text.contains("Họ và tên") || !page_text.contains("Nguyễn Thị"), "page {page} has rows without the header");
    }
    assert_fonts_embedded_and_subset(&path);
    assert_qpdf_clean(&path);
    let html = to_html(&DocumentView::Monthly(view), &options());
    assert!(html.contains("size: A4 landscape"));
}
