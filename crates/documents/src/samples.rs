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
        proposal: "86,5 điểm — Hoàn thành tốt nhiệm vụ".into(),
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
    }
}
