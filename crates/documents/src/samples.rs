//! Sample documents with invented names and places (no real person or unit), for the tests, the benchmark and
//! previews of the layout.

use crate::views::*;

pub fn party_head(number: &str, place_date: &str) -> Letterhead {
    Letterhead {
        format: HeaderFormat::Party,
        superior: "ĐẢNG BỘ TỈNH SÔNG LAM".into(),
        issuer: "ĐẢNG ỦY XÃ HOÀ BÌNH ĐÔNG NGẠN THƯỢNG".into(),
        number: number.into(),
        place_date: place_date.into(),
    }
}

pub fn subject(ordinal: usize, name: &str, position: &str, votes: Option<[u32; 4]>) -> MinutesSubject {
    MinutesSubject {
        ordinal: ordinal.to_string(),
        name: name.into(),
        position: position.into(),
        is_collective: false,
        computed: "86,5 điểm — Hoàn thành tốt nhiệm vụ".into(),
        proposal: "Hoàn thành tốt nhiệm vụ".into(),
        proposal_reason: String::new(),
        method: if votes.is_some() { "bỏ phiếu kín".into() } else { String::new() },
        votes: votes.map(|v| v.map(|n| n.to_string())),
        passed: if votes.is_some() { "Hoàn thành tốt nhiệm vụ".into() } else { String::new() },
        decided: if votes.is_some() { "Hoàn thành tốt nhiệm vụ".into() } else { String::new() },
        decision_reason: String::new(),
    }
}

pub fn minutes(subjects: Vec<MinutesSubject>) -> MinutesView {
    MinutesView {
        letterhead: party_head("Số      -BB/ĐU", "Hoà Bình, ngày 28 tháng 12 năm 2026"),
        summary: "Hội nghị kiểm điểm, đánh giá, xếp loại chất lượng năm 2026".into(),
        body_name: "Đảng ủy xã Hoà Bình".into(),
        held_on: "ngày 28 tháng 12 năm 2026".into(),
        start_time: "8 giờ 00".into(),
        end_time: String::new(),
        place: "Hội trường Đảng ủy".into(),
        chair: "Nguyễn Thị Ánh Tuyết".into(),
        secretary: "Trần Văn Ước".into(),
        invited: "21".into(),
        present: "19".into(),
        absent: "2".into(),
        absent_note: "đi công tác".into(),
        guests: String::new(),
        subjects,
        quota_line: "2/3 (không vượt giới hạn 20 %)".into(),
        tie_order: String::new(),
        locked: true,
        left_signature: Signature { on_behalf: String::new(), title: "THƯ KÝ".into(), name: "Trần Văn Ước".into() },
        right_signature: Signature {
            on_behalf: String::new(), title: "CHỦ TRÌ HỘI NGHỊ".into(), name: "Nguyễn Thị Ánh Tuyết".into()
        },
    }
}

pub fn voted_subjects() -> Vec<MinutesSubject> {
    let mut collective = subject(1, "Tập thể Đảng ủy xã Hoà Bình", "", Some([2, 15, 2, 0]));
    collective.is_collective = true;
    vec![
        collective,
        subject(2, "Nguyễn Thị Ánh Tuyết", "Bí thư Đảng ủy", Some([17, 2, 0, 0])),
        subject(3, "Lê Văn Ửng", "Phó Bí thư Thường trực Đảng ủy", Some([3, 13, 3, 0])),
        subject(4, "Phạm Đức Ưng", "Chủ tịch UBND xã", Some([1, 11, 6, 1])),
    ]
}

pub fn results_of(count: usize) -> ResultsView {
    let given = ["An", "Bình", "Cúc", "Dũng", "Đào", "Hà", "Hường", "Lực", "Ước", "Yến"];
    let units = ["Văn phòng Đảng ủy", "Ủy ban nhân dân xã", "Phòng Văn hóa - Xã hội"];
    let per_unit = count.div_ceil(units.len());
    let groups = units
        .iter()
        .enumerate()
        .map(|(u, unit)| ResultGroup {
            unit_name: unit.to_string(),
            rows: (0..per_unit)
                .map(|i| u * per_unit + i)
                .filter(|n| *n < count)
                .map(|n| ResultRow {
                    ordinal: (n + 1).to_string(),
                    name: format!("Nguyễn Thị {} {:03}", given[n % given.len()], n + 1),
                    birth_date: format!("{:02}/{:02}/19{}", 1 + n % 28, 1 + n % 12, 60 + n % 40),
                    position: "Công chức Địa chính - Xây dựng".into(),
                    level: "Hoàn thành tốt nhiệm vụ".into(),
                    note: String::new(),
                })
                .collect(),
        })
        .collect();
    ResultsView {
        letterhead: party_head("", "Hoà Bình, ngày 30 tháng 12 năm 2026"),
        title: "DANH SÁCH KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG NĂM 2026".into(),
        subtitle: "Đảng ủy xã Hoà Bình".into(),
        groups,
        totals: vec![CountRow { label: "Hoàn thành tốt nhiệm vụ".into(), count: count.to_string(), percent: "100,0 %".into() }],
        signatures: vec![
            Signature { on_behalf: String::new(), title: "NGƯỜI LẬP BIỂU".into(), name: "Trần Văn Ước".into() },
            Signature { on_behalf: "T/M ĐẢNG ỦY".into(), title: "BÍ THƯ".into(), name: "Nguyễn Thị Ánh Tuyết".into() },
        ],
        provisional: String::new(),
    }
}

/// A month's form (05) with its products, one of them not appraised yet; `scored` false leaves the month without
/// a score, as a period not fully appraised is printed.
pub fn monthly_form(scored: bool) -> FormView {
    let product = |n: usize, title: &str, source: &str, coefficient: &str, required: &str, appraisal: Option<[&str; 6]>| {
        let [delivered, quality, major_errors, on_time, delays, score] = appraisal.unwrap_or(["", "", "", "", "", "Chưa thẩm định"]);
        ProductRow {
            ordinal: n.to_string(),
            title: title.into(),
            source: source.into(),
            coefficient: coefficient.into(),
            required: required.into(),
            delivered: delivered.into(),
            quality: quality.into(),
            major_errors: major_errors.into(),
            on_time: on_time.into(),
            delays: delays.into(),
            score: score.into(),
        }
    };
    let products = vec![
        product(
            1,
            "Chỉ đạo thực hiện chỉ tiêu: Hồ sơ thủ tục hành chính giải quyết đúng hạn",
            "chỉ tiêu 2.3",
            "2",
            "1 báo cáo",
            Some(["1", "90", "0", "100", "0", "96,67"]),
        ),
        product(
            2,
            "Hồ sơ thủ tục hành chính được giải quyết",
            "thường xuyên",
            "0,5",
            "36 hồ sơ",
            Some(["43", "100", "1", "100", "2", "75,00"]),
        ),
        product(
            3,
            "Buổi tuyên truyền, vận động",
            "thường xuyên",
            "1",
            "3 buổi",
            if scored { Some(["3", "95", "0", "100", "0", "98,33"]) } else { None },
        ),
    ];
    let score = if scored {
        FormScore {
            period: "tháng 3 năm 2026".into(),
            task: "63,14 / 70".into(),
            task_basis: "tỷ lệ hoàn thành sản phẩm quy đổi 90,20 %".into(),
            summary: "87,14 / 100: tiêu chí chung 24,00 / 30, kết quả nhiệm vụ 63,14 / 70".into(),
            missing: String::new(),
        }
    } else {
        FormScore {
            period: "tháng 3 năm 2026".into(),
            missing: "Chưa thẩm định đủ: chưa thẩm định hết sản phẩm của kỳ".into(),
            ..FormScore::default()
        }
    };
    FormView {
        letterhead: party_head("", "Hoà Bình, ngày 02 tháng 4 năm 2026"),
        variant: FormVariant::Periodic,
        period: "tháng 3 năm 2026".into(),
        name: "Phạm Đức Ưng".into(),
        birth_date: "06/06/1984".into(),
        position: "Phó Bí thư Đảng ủy, Chủ tịch UBND".into(),
        unit: "Ủy ban nhân dân xã Hoà Bình".into(),
        party_member: true,
        self_text: String::new(),
        criteria: vec![CriterionRow {
            name: "Chính trị, tư tưởng".into(),
            max: "30".into(),
            self_points: "24".into(),
            superior_points: "24".into(),
        }],
        task_points: if scored { "63,14".into() } else { String::new() },
        self_total: if scored { "87,14".into() } else { String::new() },
        superior_total: if scored { "87,14".into() } else { String::new() },
        self_level: String::new(),
        superior_comment: String::new(),
        superior_level: String::new(),
        authority_level: String::new(),
        signatures: vec![
            Signature { on_behalf: String::new(), title: "NGƯỜI TỰ ĐÁNH GIÁ".into(), name: "Phạm Đức Ưng".into() },
            Signature { on_behalf: String::new(), title: "THỦ TRƯỞNG TRỰC TIẾP".into(), name: String::new() },
        ],
        task_max: "70".into(),
        products,
        scores: vec![score],
        provisional: String::new(),
    }
}

/// A unit's monthly summary list of `count` people, every seventh without a score.
pub fn monthly_of(count: usize) -> MonthlyView {
    let given = ["An", "Bình", "Cúc", "Dũng", "Đào", "Hà", "Hường", "Lực", "Ước", "Yến"];
    let rows = (0..count)
        .map(|n| {
            let scored = n % 7 != 6;
            MonthlyRow {
                ordinal: (n + 1).to_string(),
                name: format!("Nguyễn Thị {} {:03}", given[n % given.len()], n + 1),
                position: "Công chức Địa chính - Nông nghiệp - Xây dựng và Môi trường".into(),
                general: if scored { "24,50".into() } else { String::new() },
                task: if scored { "63,14".into() } else { String::new() },
                total: if scored { "87,64".into() } else { String::new() },
                level: if scored { "Hoàn thành tốt nhiệm vụ".into() } else { String::new() },
                products: if scored { "5/5".into() } else { "0/4".into() },
                note: if scored { String::new() } else { "Chưa có sản phẩm được thẩm định".into() },
            }
        })
        .collect();
    let unscored = count / 7;
    MonthlyView {
        letterhead: party_head("", "Hoà Bình, ngày 02 tháng 4 năm 2026"),
        title: "DANH SÁCH TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ THÁNG 3 NĂM 2026".into(),
        subtitle: "Xã Hoà Bình và các đơn vị trực thuộc".into(),
        general_max: "30".into(),
        task_max: "70".into(),
        rows,
        totals: vec![
            CountRow { label: "Hoàn thành xuất sắc nhiệm vụ".into(), count: "0".into(), percent: "0 %".into() },
            CountRow { label: "Hoàn thành tốt nhiệm vụ".into(), count: (count - unscored).to_string(), percent: String::new() },
            CountRow { label: "Hoàn thành nhiệm vụ".into(), count: "0".into(), percent: "0 %".into() },
            CountRow { label: "Không hoàn thành nhiệm vụ".into(), count: "0".into(), percent: "0 %".into() },
            CountRow { label: "Chưa thẩm định đủ".into(), count: unscored.to_string(), percent: String::new() },
            CountRow { label: "Tổng số".into(), count: count.to_string(), percent: "100 %".into() },
        ],
        signatures: vec![
            Signature { on_behalf: String::new(), title: "NGƯỜI LẬP BIỂU".into(), name: "Trần Văn Ước".into() },
            Signature { on_behalf: "T/M ỦY BAN NHÂN DÂN".into(), title: "CHỦ TỊCH".into(), name: String::new() },
        ],
    }
}
