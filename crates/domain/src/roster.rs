//! Reading a roster spreadsheet: which column is which, and whether each row describes a real cadre.
//! Pure: the caller hands over rows of text and gets entries or row-level errors back; nothing is written.

use crate::dates::{format_vn_date, parse_vn_date, years_between};
use crate::lang::Lang;
use crate::profile::{parse_yes_no, Gender, PoliticalTheory, Qualification};
use crate::text::{clean, fold};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

/// Youngest age at which someone can be recruited as a civil servant (Luật Cán bộ, công chức: 18);
/// 16 is used so that vocational-age staff in old files are not refused, yet typos like 2020 are caught.
const MIN_AGE_YEARS: i32 = 16;
const MAX_AGE_YEARS: i32 = 100;
const MAX_TEXT_CHARS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    FullName,
    BirthDate,
    Gender,
    Hometown,
    Local,
    PartyMember,
    Position,
    Unit,
    Qualification,
    PoliticalTheory,
    AppointmentDate,
}

impl Column {
    pub const ALL: [Column; 11] = [
        Column::FullName,
        Column::BirthDate,
        Column::Gender,
        Column::Hometown,
        Column::Local,
        Column::PartyMember,
        Column::Position,
        Column::Unit,
        Column::Qualification,
        Column::PoliticalTheory,
        Column::AppointmentDate,
    ];
    pub const REQUIRED: [Column; 4] = [Column::FullName, Column::BirthDate, Column::Gender, Column::Unit];

    /// The header as printed in exported files and named in messages.
    pub fn header(self, lang: Lang) -> &'static str {
        match self {
            Column::FullName => lang.pick("Họ và tên", "Full name"),
            Column::BirthDate => lang.pick("Ngày sinh", "Birth date"),
            Column::Gender => lang.pick("Giới tính", "Gender"),
            Column::Hometown => lang.pick("Quê quán", "Hometown"),
            Column::Local => lang.pick("Người địa phương", "Local"),
            Column::PartyMember => lang.pick("Đảng viên", "Party member"),
            Column::Position => lang.pick("Chức vụ", "Position"),
            Column::Unit => lang.pick("Đơn vị", "Unit"),
            Column::Qualification => lang.pick("Trình độ chuyên môn", "Qualification"),
            Column::PoliticalTheory => lang.pick("Lý luận chính trị", "Political theory"),
            Column::AppointmentDate => lang.pick("Ngày bổ nhiệm", "Appointment date"),
        }
    }

    /// Other spellings seen in offices' files, already folded.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::FullName => &["ho ten", "ho va ten", "name", "ten", "full name"],
            Column::BirthDate => &["ngay thang nam sinh", "ngay sinh", "date of birth", "birth date", "dob"],
            Column::Gender => &["gioi tinh", "gender", "sex"],
            Column::Hometown => &["que quan", "hometown", "home town", "native place"],
            Column::Local => &["nguoi dia phuong", "dia phuong", "local"],
            Column::PartyMember => &["dang vien", "party member", "party membership"],
            Column::Position => &["chuc vu", "chuc danh", "position", "title"],
            Column::Unit => &["don vi", "co quan", "co quan don vi", "unit", "organisation", "organization"],
            Column::Qualification => &["trinh do chuyen mon", "trinh do", "chuyen mon", "qualification", "professional qualification"],
            Column::PoliticalTheory => &["ly luan chinh tri", "llct", "trinh do ly luan chinh tri", "political theory"],
            Column::AppointmentDate => &["ngay bo nhiem", "appointment date", "date of appointment", "ngay bo nhiem chuc vu"],
        }
    }

    fn from_header(text: &str) -> Option<Column> {
        let folded = fold(text).replace(['.', ':', '*'], "");
        let folded = folded.trim();
        Column::ALL.into_iter().find(|c| c.aliases().contains(&folded))
    }
}

/// Where each known column sits in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderMap {
    positions: HashMap<Column, usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HeaderProblem {
    MissingColumns { columns: Vec<Column> },
    RepeatedColumn { column: Column },
}

impl HeaderProblem {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            HeaderProblem::MissingColumns { columns } => {
                let names: Vec<&str> = columns.iter().map(|c| c.header(lang)).collect();
                match lang {
                    Lang::Vi => format!("Dòng tiêu đề thiếu cột: {}. Hãy thêm các cột này vào dòng đầu tiên của tệp.", names.join(", ")),
                    Lang::En => format!("The header row lacks the columns: {}. Add them to the first row of the file.", names.join(", ")),
                }
            }
            HeaderProblem::RepeatedColumn { column } => match lang {
                Lang::Vi => format!("Cột \"{}\" xuất hiện hai lần trong dòng tiêu đề. Hãy xoá một cột.", column.header(lang)),
                Lang::En => format!("The column \"{}\" appears twice in the header row. Remove one.", column.header(lang)),
            },
        }
    }
}

impl HeaderMap {
    /// Recognises Vietnamese or English headers, with or without diacritics; unknown columns are ignored.
    pub fn from_cells(cells: &[String]) -> Result<Self, HeaderProblem> {
        let mut positions = HashMap::new();
        for (index, cell) in cells.iter().enumerate() {
            if let Some(column) = Column::from_header(cell) {
                if positions.insert(column, index).is_some() {
                    return Err(HeaderProblem::RepeatedColumn { column });
                }
            }
        }
        let missing: Vec<Column> = Column::REQUIRED.into_iter().filter(|c| !positions.contains_key(c)).collect();
        if missing.is_empty() {
            Ok(HeaderMap { positions })
        } else {
            Err(HeaderProblem::MissingColumns { columns: missing })
        }
    }

    pub fn has(&self, column: Column) -> bool {
        self.positions.contains_key(&column)
    }

    fn cell<'a>(&self, cells: &'a [String], column: Column) -> &'a str {
        self.positions.get(&column).and_then(|&i| cells.get(i)).map(|s| s.trim()).unwrap_or("")
    }
}

/// One valid row of a roster file, cleaned and typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RosterEntry {
    pub row: usize,
    pub full_name: String,
    pub birth_date: NaiveDate,
    pub gender: Gender,
    pub hometown: Option<String>,
    pub is_local: Option<bool>,
    pub party_member: bool,
    pub position: Option<String>,
    pub unit: String,
    pub qualification: Option<Qualification>,
    pub qualification_detail: Option<String>,
    pub political_theory: Option<PoliticalTheory>,
    pub appointment_date: Option<NaiveDate>,
}

impl RosterEntry {
    /// Two rows with the same folded name and birth date are the same person.
    pub fn identity(&self) -> (String, NaiveDate) {
        (fold(&self.full_name), self.birth_date)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RowProblem {
    Missing,
    TooLong { max: usize },
    NotADate { text: String },
    InTheFuture { date: NaiveDate },
    AgeOutOfRange { age: i32 },
    AppointedBeforeAdult { date: NaiveDate },
    AppointmentWithoutPosition,
    UnknownGender { text: String },
    UnknownYesNo { text: String },
    UnknownQualification { text: String },
    UnknownPoliticalTheory { text: String },
    SamePersonTwice { first_row: usize },
    UnknownUnit { name: String },
    AmbiguousUnit { name: String, codes: Vec<String> },
    NoLevelBelowOffice { name: String },
    BeforeCurrentPost { current_start: NaiveDate },
}

/// Why a birth date cannot be that of a serving cadre as of `today`: in the future, or an age outside 16 to 100.
/// The roster's rule, applied as well to a person who arrives in a bundle.
pub fn birth_date_problem(date: NaiveDate, today: NaiveDate) -> Option<RowProblem> {
    if date > today {
        return Some(RowProblem::InTheFuture { date });
    }
    let age = years_between(date, today);
    (!(MIN_AGE_YEARS..=MAX_AGE_YEARS).contains(&age)).then_some(RowProblem::AgeOutOfRange { age })
}

impl RowProblem {
    pub fn message(&self, lang: Lang) -> String {
        use RowProblem::*;
        match (self, lang) {
            (Missing, Lang::Vi) => "bỏ trống, cần điền".into(),
            (Missing, Lang::En) => "is empty and is required".into(),
            (TooLong { max }, Lang::Vi) => format!("dài quá {max} ký tự"),
            (TooLong { max }, Lang::En) => format!("is longer than {max} characters"),
            (NotADate { text }, Lang::Vi) => format!("\"{text}\" không phải ngày hợp lệ theo dạng dd/mm/yyyy (ví dụ 05/09/1980)"),
            (NotADate { text }, Lang::En) => format!("\"{text}\" is not a valid dd/mm/yyyy date (e.g. 05/09/1980)"),
            (InTheFuture { date }, Lang::Vi) => format!("ngày {} ở tương lai", format_vn_date(*date)),
            (InTheFuture { date }, Lang::En) => format!("{} is in the future", format_vn_date(*date)),
            (AgeOutOfRange { age }, Lang::Vi) => {
                format!("tính ra {age} tuổi, không hợp lý (cần từ {MIN_AGE_YEARS} đến {MAX_AGE_YEARS}); kiểm tra lại năm sinh")
            }
            (AgeOutOfRange { age }, Lang::En) => {
                format!("gives an age of {age}, which is implausible (must be {MIN_AGE_YEARS} to {MAX_AGE_YEARS}); check the year")
            }
            (AppointedBeforeAdult { date }, Lang::Vi) => {
                format!("ngày {} trước khi người này đủ {MIN_AGE_YEARS} tuổi", format_vn_date(*date))
            }
            (AppointedBeforeAdult { date }, Lang::En) => format!("{} is before this person was {MIN_AGE_YEARS}", format_vn_date(*date)),
            (AppointmentWithoutPosition, Lang::Vi) => "có ngày bổ nhiệm nhưng không có chức vụ".into(),
            (AppointmentWithoutPosition, Lang::En) => "has an appointment date but no position".into(),
            (UnknownGender { text }, Lang::Vi) => format!("\"{text}\" không rõ; ghi \"Nam\" hoặc \"Nữ\""),
            (UnknownGender { text }, Lang::En) => format!("\"{text}\" is unclear; write \"Nam\" or \"Nữ\""),
            (UnknownYesNo { text }, Lang::Vi) => format!("\"{text}\" không rõ; ghi \"Có\" hoặc để trống"),
            (UnknownYesNo { text }, Lang::En) => format!("\"{text}\" is unclear; write \"Có\" or leave it empty"),
            (UnknownQualification { text }, Lang::Vi) => {
                format!("\"{text}\" không rõ; bắt đầu bằng Tiến sĩ, Thạc sĩ, Đại học, Cao đẳng, Trung cấp hoặc Sơ cấp")
            }
            (UnknownQualification { text }, Lang::En) => {
                format!("\"{text}\" is unclear; start with Tiến sĩ, Thạc sĩ, Đại học, Cao đẳng, Trung cấp or Sơ cấp")
            }
            (UnknownPoliticalTheory { text }, Lang::Vi) => format!("\"{text}\" không rõ; ghi Cao cấp, Cử nhân, Trung cấp hoặc Sơ cấp"),
            (UnknownPoliticalTheory { text }, Lang::En) => format!("\"{text}\" is unclear; write Cao cấp, Cử nhân, Trung cấp or Sơ cấp"),
            (SamePersonTwice { first_row }, Lang::Vi) => format!("trùng người ở dòng {first_row} (cùng họ tên và ngày sinh)"),
            (SamePersonTwice { first_row }, Lang::En) => format!("the same person as row {first_row} (same name and birth date)"),
            (UnknownUnit { name }, Lang::Vi) => {
                format!("đơn vị \"{name}\" chưa có; thêm đơn vị trước hoặc nhập với tuỳ chọn tạo đơn vị (--create-units)")
            }
            (UnknownUnit { name }, Lang::En) => format!("the unit \"{name}\" does not exist; add it first or import with --create-units"),
            (AmbiguousUnit { name, codes }, Lang::Vi) => {
                format!("có nhiều đơn vị tên \"{name}\" (mã {}); ghi mã đơn vị thay cho tên", codes.join(", "))
            }
            (AmbiguousUnit { name, codes }, Lang::En) => {
                format!("several units are named \"{name}\" (codes {}); write the unit code instead of the name", codes.join(", "))
            }
            (BeforeCurrentPost { current_start }, Lang::Vi) => format!(
                "sớm hơn ngày bắt đầu chức vụ hiện tại ({}); tệp này cũ hơn dữ liệu đang có, hãy dùng tệp mới nhất",
                format_vn_date(*current_start)
            ),
            (BeforeCurrentPost { current_start }, Lang::En) => format!(
                "is earlier than the start of the current post ({}); this file is older than the stored data, use the latest file",
                format_vn_date(*current_start)
            ),
            (NoLevelBelowOffice { name }, Lang::Vi) => format!("không thể tạo đơn vị \"{name}\": không có cấp nào dưới cấp của văn phòng"),
            (NoLevelBelowOffice { name }, Lang::En) => format!("cannot create the unit \"{name}\": there is no level below the office's"),
        }
    }
}

/// A problem found in one cell (or one row, when `column` is None), with the row number the user sees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    pub row: usize,
    pub column: Option<Column>,
    pub problem: RowProblem,
}

impl RowError {
    pub fn message(&self, lang: Lang) -> String {
        let row = lang.pick("Dòng", "Row");
        match self.column {
            Some(column) => {
                format!("{row} {}, {} \"{}\": {}", self.row, lang.pick("cột", "column"), column.header(lang), self.problem.message(lang))
            }
            None => format!("{row} {}: {}", self.row, self.problem.message(lang)),
        }
    }
}

/// Checks every row, collecting every problem rather than stopping at the first, so the user can fix the
/// whole file in one go. Rows are (spreadsheet row number, cells).
pub fn validate_rows(header: &HeaderMap, rows: &[(usize, &[String])], today: NaiveDate) -> (Vec<RosterEntry>, Vec<RowError>) {
    let mut entries = Vec::with_capacity(rows.len());
    let mut errors = Vec::new();
    let mut first_row_of: HashMap<(String, NaiveDate), usize> = HashMap::new();
    for &(row, cells) in rows {
        match validate_row(header, row, cells, today) {
            Ok(entry) => match first_row_of.get(&entry.identity()) {
                Some(&first_row) => errors.push(RowError { row, column: None, problem: RowProblem::SamePersonTwice { first_row } }),
                None => {
                    first_row_of.insert(entry.identity(), row);
                    entries.push(entry);
                }
            },
            Err(mut row_errors) => errors.append(&mut row_errors),
        }
    }
    (entries, errors)
}

fn validate_row(header: &HeaderMap, row: usize, cells: &[String], today: NaiveDate) -> Result<RosterEntry, Vec<RowError>> {
    let mut errors = Vec::new();
    let mut fail = |column: Column, problem: RowProblem| errors.push(RowError { row, column: Some(column), problem });
    let text = |column: Column| -> Option<String> {
        let value = clean(header.cell(cells, column));
        (!value.is_empty()).then_some(value)
    };

    let required_text = |column: Column, fail: &mut dyn FnMut(Column, RowProblem)| -> String {
        match text(column) {
            None => {
                fail(column, RowProblem::Missing);
                String::new()
            }
            Some(value) if value.chars().count() > MAX_TEXT_CHARS => {
                fail(column, RowProblem::TooLong { max: MAX_TEXT_CHARS });
                value
            }
            Some(value) => value,
        }
    };
    let full_name = required_text(Column::FullName, &mut fail);
    let unit = required_text(Column::Unit, &mut fail);

    let birth_date = match text(Column::BirthDate) {
        None => {
            fail(Column::BirthDate, RowProblem::Missing);
            None
        }
        Some(raw) => match parse_vn_date(&raw) {
            None => {
                fail(Column::BirthDate, RowProblem::NotADate { text: raw });
                None
            }
            Some(date) => match birth_date_problem(date, today) {
                Some(problem @ RowProblem::InTheFuture { .. }) => {
                    fail(Column::BirthDate, problem);
                    None
                }
                Some(problem) => {
                    fail(Column::BirthDate, problem);
                    Some(date)
                }
                None => Some(date),
            },
        },
    };

    let gender = match text(Column::Gender) {
        None => {
            fail(Column::Gender, RowProblem::Missing);
            None
        }
        Some(raw) => Gender::parse(&raw).or_else(|| {
            fail(Column::Gender, RowProblem::UnknownGender { text: raw });
            None
        }),
    };

    let yes_no = |column: Column, fail: &mut dyn FnMut(Column, RowProblem)| -> Option<bool> {
        let raw = text(column)?;
        parse_yes_no(&raw).or_else(|| {
            fail(column, RowProblem::UnknownYesNo { text: raw });
            None
        })
    };
    let party_member = yes_no(Column::PartyMember, &mut fail).unwrap_or(false);
    let is_local = yes_no(Column::Local, &mut fail);

    let qualification_detail = text(Column::Qualification);
    let qualification = qualification_detail.as_deref().and_then(|raw| {
        Qualification::parse(raw).or_else(|| {
            fail(Column::Qualification, RowProblem::UnknownQualification { text: raw.to_string() });
            None
        })
    });
    let political_theory = text(Column::PoliticalTheory).and_then(|raw| {
        PoliticalTheory::parse(&raw).or_else(|| {
            fail(Column::PoliticalTheory, RowProblem::UnknownPoliticalTheory { text: raw });
            None
        })
    });

    let position = text(Column::Position);
    let appointment_date = text(Column::AppointmentDate).and_then(|raw| match parse_vn_date(&raw) {
        None => {
            fail(Column::AppointmentDate, RowProblem::NotADate { text: raw });
            None
        }
        Some(date) if date > today => {
            fail(Column::AppointmentDate, RowProblem::InTheFuture { date });
            None
        }
        Some(date) => {
            if birth_date.is_some_and(|birth| years_between(birth, date) < MIN_AGE_YEARS) {
                fail(Column::AppointmentDate, RowProblem::AppointedBeforeAdult { date });
            }
            if position.is_none() {
                fail(Column::Position, RowProblem::AppointmentWithoutPosition);
            }
            Some(date)
        }
    });
    let hometown = text(Column::Hometown);

    match (errors.is_empty(), birth_date, gender) {
        (true, Some(birth_date), Some(gender)) => Ok(RosterEntry {
            row,
            full_name,
            birth_date,
            gender,
            hometown,
            is_local,
            party_member,
            position,
            unit,
            qualification,
            qualification_detail,
            political_theory,
            appointment_date,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    }

    const VI_HEADER: [&str; 10] = [
        "Họ và tên",
        "Ngày sinh",
        "Giới tính",
        "Quê quán",
        "Đảng viên",
        "Chức vụ",
        "Đơn vị",
        "Trình độ chuyên môn",
        "Lý luận chính trị",
        "Ngày bổ nhiệm",
    ];

    #[test]
    fn vietnamese_and_english_headers_are_recognised() {
        let vi = HeaderMap::from_cells(&strings(&VI_HEADER)).unwrap();
        let folded = HeaderMap::from_cells(&strings(&["HO VA TEN", "ngay sinh", "Gioi tinh", "Don vi"])).unwrap();
        let en = HeaderMap::from_cells(&strings(&["Full name", "Date of birth", "Gender", "Unit", "Position"])).unwrap();
        assert!(vi.has(Column::AppointmentDate) && vi.has(Column::PoliticalTheory));
        assert!(folded.has(Column::Unit));
        assert!(en.has(Column::Position));
    }

    #[test]
    fn missing_and_repeated_columns_are_named() {
        let err = HeaderMap::from_cells(&strings(&["Họ và tên", "Chức vụ"])).unwrap_err();
        assert_eq!(err, HeaderProblem::MissingColumns { columns: vec![Column::BirthDate, Column::Gender, Column::Unit] });
        assert!(err.message(Lang::Vi).contains("Ngày sinh, Giới tính, Đơn vị"));
        let err = HeaderMap::from_cells(&strings(&["Họ và tên", "Ho ten", "Ngày sinh", "Giới tính", "Đơn vị"])).unwrap_err();
        assert_eq!(err, HeaderProblem::RepeatedColumn { column: Column::FullName });
    }

    fn validate(rows: &[Vec<String>]) -> (Vec<RosterEntry>, Vec<RowError>) {
        let header = HeaderMap::from_cells(&strings(&VI_HEADER)).unwrap();
        let numbered: Vec<(usize, &[String])> = rows.iter().enumerate().map(|(i, r)| (i + 2, r.as_slice())).collect();
        validate_rows(&header, &numbered, today())
    }

    #[test]
    fn a_good_row_becomes_a_clean_entry() {
        let (entries, errors) = validate(&[strings(&[
            "  Nguyễn   Thị Hoà ",
            "05/09/1980",
            "Nữ",
            "Xã Tân Lập",
            "x",
            "Bí thư Đảng ủy",
            "Đảng ủy xã Tân Lập",
            "Thạc sĩ Luật",
            "Cao cấp",
            "01/07/2025",
        ])]);
        assert!(errors.is_empty(), "{errors:?}");
        let e = &entries[0];
        assert_eq!(e.full_name, "Nguyễn Thị Hoà");
        assert_eq!(e.gender, Gender::Female);
        assert!(e.party_member);
        assert_eq!(e.qualification, Some(Qualification::Master));
        assert_eq!(e.qualification_detail.as_deref(), Some("Thạc sĩ Luật"));
        assert_eq!(e.political_theory, Some(PoliticalTheory::Advanced));
        assert_eq!(e.appointment_date, NaiveDate::from_ymd_opt(2025, 7, 1));
    }

    #[test]
    fn every_problem_of_every_row_is_reported() {
        let (entries, errors) = validate(&[
            strings(&["", "31/02/1980", "Nam", "", "", "", "UBND", "", "", ""]),
            strings(&["Trần Văn Bình", "05/09/1980", "?", "", "có lẽ", "", "UBND", "Giỏi", "", "01/01/2030"]),
            strings(&["Lê Văn Cường", "05/09/2015", "Nam", "", "", "Chuyên viên", "UBND", "", "", ""]),
        ]);
        assert!(entries.is_empty());
        let found: Vec<(usize, Option<Column>)> = errors.iter().map(|e| (e.row, e.column)).collect();
        assert_eq!(
            found,
            vec![
                (2, Some(Column::FullName)),
                (2, Some(Column::BirthDate)),
                (3, Some(Column::Gender)),
                (3, Some(Column::PartyMember)),
                (3, Some(Column::Qualification)),
                (3, Some(Column::AppointmentDate)),
                (4, Some(Column::BirthDate)),
            ]
        );
        assert_eq!(errors[0].message(Lang::Vi), "Dòng 2, cột \"Họ và tên\": bỏ trống, cần điền");
        assert!(errors[6].message(Lang::En).contains("age of 11"));
    }

    #[test]
    fn the_same_person_twice_is_reported_against_the_first_row() {
        let row = strings(&["Phạm Thuý Hằng", "01/01/1990", "Nữ", "", "", "", "UBND", "", "", ""]);
        let mut same = row.clone();
        same[0] = "PHẠM THÚY HẰNG".into();
        let (entries, errors) = validate(&[row, same]);
        assert_eq!(entries.len(), 1);
        assert_eq!(errors, vec![RowError { row: 3, column: None, problem: RowProblem::SamePersonTwice { first_row: 2 } }]);
    }

    #[test]
    fn appointment_needs_a_position_and_an_adult() {
        let (_, errors) = validate(&[strings(&["Đỗ Văn Dũng", "01/01/1990", "Nam", "", "", "", "UBND", "", "", "01/01/2000"])]);
        let problems: Vec<&RowProblem> = errors.iter().map(|e| &e.problem).collect();
        assert!(problems.contains(&&RowProblem::AppointmentWithoutPosition));
        assert!(problems.iter().any(|p| matches!(p, RowProblem::AppointedBeforeAdult { .. })));
    }
}
