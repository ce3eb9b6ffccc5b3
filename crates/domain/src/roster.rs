//! Reading a roster spreadsheet: which column is which, and whether each row describes a real cadre.
//! Pure: the caller hands over rows of text and gets entries or row-level errors back; nothing is written.

use crate::dates::{format_vn_date, parse_birth_date, parse_vn_date, years_between};
use crate::ethnicity::parse_ethnicity;
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
    Ethnicity,
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
    pub const ALL: [Column; 12] = [
        Column::FullName,
        Column::BirthDate,
        Column::Gender,
        Column::Ethnicity,
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

    /// A stable code, as serialised.
    pub fn code(self) -> &'static str {
        match self {
            Column::FullName => "full_name",
            Column::BirthDate => "birth_date",
            Column::Gender => "gender",
            Column::Ethnicity => "ethnicity",
            Column::Hometown => "hometown",
            Column::Local => "local",
            Column::PartyMember => "party_member",
            Column::Position => "position",
            Column::Unit => "unit",
            Column::Qualification => "qualification",
            Column::PoliticalTheory => "political_theory",
            Column::AppointmentDate => "appointment_date",
        }
    }

    /// The header as printed in exported files and named in messages.
    pub fn header(self, lang: Lang) -> &'static str {
        match self {
            Column::FullName => lang.pick("Họ và tên", "Full name"),
            Column::BirthDate => lang.pick("Ngày sinh", "Birth date"),
            Column::Gender => lang.pick("Giới tính", "Gender"),
            Column::Ethnicity => lang.pick("Dân tộc", "Ethnicity"),
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

    /// How to fill the column, and an example: the guide sheet of the roster template.
    pub fn guide(self, lang: Lang) -> (&'static str, &'static str) {
        match self {
            Column::FullName => (lang.pick("Họ, chữ đệm và tên, viết có dấu", "Family, middle and given names, with diacritics"), "Nguyễn Thị Hường"),
            Column::BirthDate => (
                lang.pick(
                    "Ngày/tháng/năm (dd/mm/yyyy) hoặc ô ngày của Excel; chỉ năm sinh (1980) nếu không rõ ngày; có thể chia hai cột Nam | Nữ dưới tiêu đề \"Ngày, tháng, năm sinh\", khi đó không cần cột Giới tính",
                    "Day/month/year (dd/mm/yyyy) or an Excel date cell; the year alone (1980) if the day is not known; may be split into Nam | Nữ columns under \"Ngày, tháng, năm sinh\", then no gender column is needed",
                ),
                "05/09/1980",
            ),
            Column::Gender => (lang.pick("Nam hoặc Nữ", "Nam (male) or Nữ (female)"), "Nữ"),
            Column::Ethnicity => (
                lang.pick("Một trong 54 dân tộc: Kinh, Tày, Thái, Mường, Mông…", "One of the 54 ethnic groups: Kinh, Tày, Thái, Mường, Mông…"),
                "Kinh",
            ),
            Column::Hometown => (lang.pick("Xã, tỉnh quê quán", "Commune and province of origin"), "Xã Tân Lập, tỉnh Sông Lam"),
            Column::Local => (lang.pick("Có / x nếu là người địa phương; để trống nếu không", "Có / x for a local person; empty otherwise"), "x"),
            Column::PartyMember => (lang.pick("Có / x nếu là đảng viên; để trống nếu không", "Có / x for a Party member; empty otherwise"), "x"),
            Column::Position => (lang.pick("Chức vụ hiện nay, như trong quyết định", "Current position, as in the decision"), "Phó Chủ tịch UBND"),
            Column::Unit => (
                lang.pick(
                    "Tên hoặc mã đơn vị; bỏ cột này khi cả danh sách thuộc một đơn vị (chọn đơn vị khi nhập)",
                    "Unit name or code; leave the column out when the whole list is one unit (chosen when importing)",
                ),
                "Ủy ban nhân dân xã Tân Lập",
            ),
            Column::Qualification => (
                lang.pick(
                    "Bắt đầu bằng Tiến sĩ, Thạc sĩ, Đại học, Cao đẳng, Trung cấp hoặc Sơ cấp, rồi chuyên ngành; hoặc đánh dấu x dưới cột của từng trình độ",
                    "Starts with Tiến sĩ, Thạc sĩ, Đại học, Cao đẳng, Trung cấp or Sơ cấp, then the field; or an x under each level's column",
                ),
                "Đại học Luật",
            ),
            Column::PoliticalTheory => (
                lang.pick("Cao cấp, Cử nhân, Trung cấp hoặc Sơ cấp; hoặc đánh dấu x dưới cột của từng trình độ", "Cao cấp, Cử nhân, Trung cấp or Sơ cấp; or an x under each level's column"),
                "Trung cấp",
            ),
            Column::AppointmentDate => (lang.pick("Ngày bổ nhiệm chức vụ hiện nay (dd/mm/yyyy)", "Date of appointment to the current position (dd/mm/yyyy)"), "01/07/2025"),
        }
    }

    /// Other spellings seen in offices' files, already folded.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::FullName => &["ho ten", "ho va ten", "name", "ten", "full name", "ho va ten can bo", "ho ten can bo"],
            Column::BirthDate => {
                &["ngay thang nam sinh", "ngay sinh", "nam sinh", "sinh ngay", "date of birth", "birth date", "dob", "year of birth"]
            }
            Column::Gender => &["gioi tinh", "gender", "sex"],
            Column::Ethnicity => &["dan toc", "ethnicity", "ethnic group", "dan toc thieu so"],
            Column::Hometown => &["que quan", "hometown", "home town", "native place", "nguyen quan"],
            Column::Local => &["nguoi dia phuong", "dia phuong", "local"],
            Column::PartyMember => &["dang vien", "party member", "party membership", "la dang vien"],
            Column::Position => &["chuc vu", "chuc danh", "position", "title", "chuc vu hien nay", "chuc vu hien tai", "chuc vu chuc danh"],
            Column::Unit => &[
                "don vi",
                "co quan",
                "co quan don vi",
                "unit",
                "organisation",
                "organization",
                "noi cong tac",
                "don vi cong tac",
                "co quan cong tac",
            ],
            Column::Qualification => &[
                "trinh do chuyen mon",
                "trinh do",
                "chuyen mon",
                "qualification",
                "professional qualification",
                "trinh do chuyen mon nghiep vu",
                "chuyen mon nghiep vu",
                "trinh do dao tao",
            ],
            Column::PoliticalTheory => &["ly luan chinh tri", "llct", "trinh do ly luan chinh tri", "trinh do llct", "political theory"],
            Column::AppointmentDate => &["ngay bo nhiem", "appointment date", "date of appointment", "ngay bo nhiem chuc vu"],
        }
    }

    fn from_header(text: &str) -> Option<Column> {
        let folded = header_words(text);
        Column::ALL.into_iter().find(|c| c.aliases().contains(&folded.as_str()))
    }
}

/// A header's words, folded, without punctuation or a note in brackets: "Ngày, tháng, năm sinh" and "Họ và tên (khai
/// sinh)" read as "ngay thang nam sinh" and "ho va ten".
fn header_words(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '.' | ',' | ':' | ';' | '*' | '-' | '/' | '\n' => plain.push(' '),
            _ => plain.push(c),
        }
    }
    fold(&plain)
}

/// What one column of a roster file holds. Offices' lists split some fields across sub-columns: the birth date in
/// "Nam | Nữ" columns (the column a date sits in gives the gender), or a level ticked with "x" under its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum RosterField {
    Value(Column),
    BirthDateOf(Gender),
    GenderMark(Gender),
    QualificationMark(Qualification),
    TheoryMark(PoliticalTheory),
}

impl RosterField {
    /// Every field a column can be taken for, in the order a user picks from.
    pub fn all() -> Vec<RosterField> {
        let mut all: Vec<RosterField> = Column::ALL.into_iter().map(RosterField::Value).collect();
        all.extend([Gender::Male, Gender::Female].map(RosterField::BirthDateOf));
        all.extend([Gender::Male, Gender::Female].map(RosterField::GenderMark));
        all.extend(Qualification::ALL.into_iter().map(RosterField::QualificationMark));
        all.extend(PoliticalTheory::ALL.into_iter().map(RosterField::TheoryMark));
        all
    }

    /// A stable code for the field, used to send a user's correction back.
    pub fn code(self) -> String {
        match self {
            RosterField::Value(column) => column.code().to_string(),
            RosterField::BirthDateOf(gender) => format!("birth_date_{}", gender.code()),
            RosterField::GenderMark(gender) => format!("gender_{}", gender.code()),
            RosterField::QualificationMark(level) => format!("qualification_{}", level.code()),
            RosterField::TheoryMark(level) => format!("political_theory_{}", level.code()),
        }
    }

    pub fn from_code(code: &str) -> Option<RosterField> {
        RosterField::all().into_iter().find(|f| f.code() == code)
    }

    /// The field as the user reads it in the preview's mapping.
    pub fn label(self, lang: Lang) -> String {
        let tick = lang.pick("đánh dấu", "ticked");
        match self {
            RosterField::Value(column) => column.header(lang).to_string(),
            RosterField::BirthDateOf(gender) => format!("{} ({})", Column::BirthDate.header(lang), gender.label(lang)),
            RosterField::GenderMark(gender) => format!("{}: {} ({tick})", Column::Gender.header(lang), gender.label(lang)),
            RosterField::QualificationMark(level) => {
                format!("{}: {} ({tick})", Column::Qualification.header(lang), level.label(lang))
            }
            RosterField::TheoryMark(level) => format!("{}: {} ({tick})", Column::PoliticalTheory.header(lang), level.label(lang)),
        }
    }

    /// Recognises a header's label path, group title first: "Ngày, tháng, năm sinh / Nữ", "Trình độ / Lý luận chính
    /// trị", "Giới tính / Nam", "Trình độ chuyên môn / Đại học"; or a single label.
    pub fn recognise(path: &[&str]) -> Option<RosterField> {
        let (child, parent) = match path {
            [one] => return Column::from_header(one).map(RosterField::Value),
            [parent, child] => (*child, Column::from_header(parent)),
            _ => return None,
        };
        let words = header_words(child);
        let exact_gender = Gender::parse(&words);
        match parent {
            Some(Column::BirthDate) if exact_gender.is_some() => return exact_gender.map(RosterField::BirthDateOf),
            Some(Column::Gender) if exact_gender.is_some() => return exact_gender.map(RosterField::GenderMark),
            _ => {}
        }
        if let Some(column) = Column::from_header(child) {
            return Some(RosterField::Value(column));
        }
        match parent {
            Some(Column::Qualification) => Qualification::parse(&words).map(RosterField::QualificationMark),
            Some(Column::PoliticalTheory) => PoliticalTheory::parse(&words).map(RosterField::TheoryMark),
            _ => None,
        }
    }
}

/// Where each known field sits in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderMap {
    positions: HashMap<Column, usize>,
    birth_dates: Vec<(Gender, usize)>,
    gender_marks: Vec<(Gender, usize)>,
    qualification_marks: Vec<(Qualification, usize)>,
    theory_marks: Vec<(PoliticalTheory, usize)>,
    /// The unit of every row, when the file has no unit column (a commune's own list).
    default_unit: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HeaderProblem {
    MissingColumns {
        columns: Vec<Column>,
        header_rows: Vec<usize>,
    },
    RepeatedColumn {
        column: Column,
    },
    /// No row names at least two known columns among the first ones searched.
    NoHeader {
        searched: usize,
    },
    /// The header row the user chose is not in the sheet.
    NoSuchRow {
        row: usize,
    },
}

impl HeaderProblem {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            HeaderProblem::MissingColumns { columns, header_rows } => {
                let names: Vec<&str> = columns.iter().map(|c| c.header(lang)).collect();
                let rows: Vec<String> = header_rows.iter().map(|r| r.to_string()).collect();
                let rows = rows.join(lang.pick(" và ", " and "));
                match lang {
                    Lang::Vi => format!(
                        "Dòng tiêu đề (dòng {rows}) thiếu cột: {}. Hãy thêm các cột này vào dòng tiêu đề, hoặc chọn lại cột cho từng mục trong phần xem trước.",
                        names.join(", ")
                    ),
                    Lang::En => format!(
                        "The header (row {rows}) lacks the columns: {}. Add them to the header, or choose the columns in the preview.",
                        names.join(", ")
                    ),
                }
            }
            HeaderProblem::RepeatedColumn { column } => match lang {
                Lang::Vi => format!("Cột \"{}\" xuất hiện hai lần trong dòng tiêu đề. Hãy xoá một cột.", column.header(lang)),
                Lang::En => format!("The column \"{}\" appears twice in the header row. Remove one.", column.header(lang)),
            },
            HeaderProblem::NoSuchRow { row } => match lang {
                Lang::Vi => format!("Trang tính không có dòng {row} để làm dòng tiêu đề. Hãy chọn một dòng có chữ."),
                Lang::En => format!("The sheet has no row {row} to take as the header. Choose a row with text."),
            },
            HeaderProblem::NoHeader { searched } => match lang {
                Lang::Vi => format!(
                    "Không tìm thấy dòng tiêu đề trong {searched} dòng đầu của trang tính: cần một dòng có các cột như \"Họ và tên\", \"Ngày sinh\", \"Giới tính\". Hãy kiểm tra trang tính đầu tiên của tệp, hoặc tải tệp mẫu."
                ),
                Lang::En => format!(
                    "No header row in the first {searched} rows of the sheet: a row with columns such as \"Họ và tên\", \"Ngày sinh\", \"Giới tính\" is needed. Check the file's first sheet, or download the template."
                ),
            },
        }
    }
}

impl HeaderMap {
    /// Recognises Vietnamese or English headers of one row, with or without diacritics; unknown columns are ignored.
    pub fn from_cells(cells: &[String]) -> Result<Self, HeaderProblem> {
        let fields: Vec<(usize, RosterField)> =
            cells.iter().enumerate().filter_map(|(i, cell)| RosterField::recognise(&[cell]).map(|f| (i, f))).collect();
        HeaderMap::from_fields(&fields, None, &[1])
    }

    /// The map of a header read by [`crate::sheet_layout`] (and corrected by the user). `default_unit` is the unit of
    /// every row when no column gives one; `header_rows` name the rows in messages.
    pub fn from_fields(
        fields: &[(usize, RosterField)],
        default_unit: Option<String>,
        header_rows: &[usize],
    ) -> Result<Self, HeaderProblem> {
        let mut map = HeaderMap {
            positions: HashMap::new(),
            birth_dates: Vec::new(),
            gender_marks: Vec::new(),
            qualification_marks: Vec::new(),
            theory_marks: Vec::new(),
            default_unit,
        };
        for &(index, field) in fields {
            match field {
                RosterField::Value(column) => {
                    if map.positions.insert(column, index).is_some() {
                        return Err(HeaderProblem::RepeatedColumn { column });
                    }
                }
                RosterField::BirthDateOf(gender) => map.birth_dates.push((gender, index)),
                RosterField::GenderMark(gender) => map.gender_marks.push((gender, index)),
                RosterField::QualificationMark(level) => map.qualification_marks.push((level, index)),
                RosterField::TheoryMark(level) => map.theory_marks.push((level, index)),
            }
        }
        let missing: Vec<Column> = Column::REQUIRED.into_iter().filter(|c| !map.has(*c)).collect();
        if missing.is_empty() {
            Ok(map)
        } else {
            Err(HeaderProblem::MissingColumns { columns: missing, header_rows: header_rows.to_vec() })
        }
    }

    /// Whether the file gives the field, in its own column or from sub-columns.
    pub fn has(&self, column: Column) -> bool {
        self.positions.contains_key(&column)
            || match column {
                Column::BirthDate => !self.birth_dates.is_empty(),
                Column::Gender => !self.birth_dates.is_empty() || !self.gender_marks.is_empty(),
                Column::Qualification => !self.qualification_marks.is_empty(),
                Column::PoliticalTheory => !self.theory_marks.is_empty(),
                Column::Unit => self.default_unit.is_some(),
                _ => false,
            }
    }

    /// Whether the field has a column of its own (not sub-columns, not the default unit).
    pub fn has_own_column(&self, column: Column) -> bool {
        self.positions.contains_key(&column)
    }

    fn cell<'a>(&self, cells: &'a [String], column: Column) -> &'a str {
        self.positions.get(&column).and_then(|&i| cells.get(i)).map(|s| s.trim()).unwrap_or("")
    }

    /// The sub-columns of a split field that hold something in this row.
    fn filled<'a, T: Copy>(cells: &'a [String], columns: &[(T, usize)]) -> Vec<(T, &'a str)> {
        columns.iter().filter_map(|&(value, i)| cells.get(i).map(|c| c.trim()).filter(|c| !c.is_empty()).map(|c| (value, c))).collect()
    }

    /// The sub-columns ticked in this row ("x", "có", "1").
    fn ticked<T: Copy>(cells: &[String], columns: &[(T, usize)]) -> Result<Vec<T>, String> {
        let mut ticked = Vec::new();
        for (value, text) in HeaderMap::filled(cells, columns) {
            match parse_yes_no(text) {
                Some(true) => ticked.push(value),
                Some(false) => {}
                None => return Err(text.to_string()),
            }
        }
        Ok(ticked)
    }
}

/// One valid row of a roster file, cleaned and typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RosterEntry {
    pub row: usize,
    pub full_name: String,
    /// 1 January of the year when only the year is known (`birth_year_only`).
    pub birth_date: NaiveDate,
    pub birth_year_only: bool,
    pub gender: Gender,
    pub hometown: Option<String>,
    pub is_local: Option<bool>,
    pub party_member: bool,
    pub position: Option<String>,
    pub unit: String,
    pub qualification: Option<Qualification>,
    pub qualification_detail: Option<String>,
    pub political_theory: Option<PoliticalTheory>,
    /// One of the 54 groups by its census name (crate::ethnicity).
    pub ethnicity: Option<&'static str>,
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
    TooLong {
        max: usize,
    },
    NotADate {
        text: String,
    },
    /// Neither a full date nor a year alone.
    NotABirthDate {
        text: String,
    },
    InTheFuture {
        date: NaiveDate,
    },
    AgeOutOfRange {
        age: i32,
    },
    AppointedBeforeAdult {
        date: NaiveDate,
    },
    AppointmentWithoutPosition,
    UnknownGender {
        text: String,
    },
    UnknownYesNo {
        text: String,
    },
    UnknownQualification {
        text: String,
    },
    UnknownPoliticalTheory {
        text: String,
    },
    UnknownEthnicity {
        text: String,
    },
    SamePersonTwice {
        first_row: usize,
    },
    UnknownUnit {
        name: String,
    },
    /// A unit merged into another or dissolved.
    UnitEnded {
        name: String,
    },
    AmbiguousUnit {
        name: String,
        codes: Vec<String>,
    },
    NoLevelBelowOffice {
        name: String,
    },
    BeforeCurrentPost {
        current_start: NaiveDate,
    },
    /// A date in both the "Nam" and the "Nữ" birth-date columns.
    BirthDateInBothColumns,
    /// The gender column says one thing, the birth-date column the date sits in the other.
    GenderDisagrees {
        written: Gender,
        by_column: Gender,
    },
    /// More than one level ticked where one is expected.
    SeveralTicked,
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
            (NotABirthDate { text }, Lang::Vi) => {
                format!(
                    "\"{text}\" không phải ngày sinh hợp lệ: ghi dd/mm/yyyy (ví dụ 05/09/1980), hoặc chỉ năm sinh (1980) nếu không rõ ngày"
                )
            }
            (NotABirthDate { text }, Lang::En) => {
                format!("\"{text}\" is not a valid birth date: write dd/mm/yyyy (e.g. 05/09/1980), or the year alone (1980) if the day is not known")
            }
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
            (UnknownEthnicity { text }, Lang::Vi) => {
                format!("\"{text}\" không có trong danh mục 54 dân tộc Việt Nam; ghi tên dân tộc như Kinh, Tày, Thái, Mường, Mông")
            }
            (UnknownEthnicity { text }, Lang::En) => {
                format!(
                    "\"{text}\" is not one of Việt Nam's 54 ethnic groups; write the group's name, such as Kinh, Tày, Thái, Mường, Mông"
                )
            }
            (SamePersonTwice { first_row }, Lang::Vi) => format!("trùng người ở dòng {first_row} (cùng họ tên và ngày sinh)"),
            (SamePersonTwice { first_row }, Lang::En) => format!("the same person as row {first_row} (same name and birth date)"),
            (UnknownUnit { name }, Lang::Vi) => {
                format!("đơn vị \"{name}\" chưa có; thêm đơn vị trước, hoặc chọn \"Tạo các đơn vị chưa có\" khi nhập")
            }
            (UnknownUnit { name }, Lang::En) => {
                format!("the unit \"{name}\" does not exist; add it first, or choose \"Create missing units\" when importing")
            }
            (UnitEnded { name }, Lang::Vi) => format!("đơn vị \"{name}\" đã sáp nhập hoặc giải thể; ghi đơn vị hiện nay của người này"),
            (UnitEnded { name }, Lang::En) => format!("the unit \"{name}\" was merged or dissolved; write the person's unit today"),
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
            (BirthDateInBothColumns, Lang::Vi) => "có ngày sinh ở cả cột Nam và cột Nữ; chỉ ghi vào một cột".into(),
            (BirthDateInBothColumns, Lang::En) => "has a birth date in both the Nam and the Nữ column; fill one only".into(),
            (GenderDisagrees { written, by_column }, Lang::Vi) => {
                format!("ghi \"{}\" nhưng ngày sinh nằm ở cột {}; sửa một trong hai", written.label(lang), by_column.label(lang))
            }
            (GenderDisagrees { written, by_column }, Lang::En) => format!(
                "says \"{}\" but the birth date is in the {} column; correct one of them",
                written.label(lang),
                by_column.label(lang)
            ),
            (SeveralTicked, Lang::Vi) => "đánh dấu nhiều hơn một cột; chỉ đánh dấu một".into(),
            (SeveralTicked, Lang::En) => "more than one column is ticked; tick one only".into(),
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
    let unit = match (header.positions.contains_key(&Column::Unit), &header.default_unit) {
        (false, Some(default)) => default.clone(),
        _ => required_text(Column::Unit, &mut fail),
    };

    // The birth date in its own column, or in the "Nam" / "Nữ" sub-column that also gives the gender.
    let dated = HeaderMap::filled(cells, &header.birth_dates);
    let (birth_text, gender_by_column) = match (text(Column::BirthDate), dated.as_slice()) {
        (Some(raw), _) => (Some(raw), None),
        (None, [(gender, raw)]) => (Some(clean(raw)), Some(*gender)),
        (None, []) => (None, None),
        (None, [..]) => {
            fail(Column::BirthDate, RowProblem::BirthDateInBothColumns);
            (None, None)
        }
    };
    let birth_date = match birth_text {
        None => {
            if dated.len() < 2 {
                fail(Column::BirthDate, RowProblem::Missing);
            }
            None
        }
        Some(raw) => match parse_birth_date(&raw) {
            None => {
                fail(Column::BirthDate, RowProblem::NotABirthDate { text: raw });
                None
            }
            Some(birth) => match birth_date_problem(birth.date, today) {
                Some(problem @ RowProblem::InTheFuture { .. }) => {
                    fail(Column::BirthDate, problem);
                    None
                }
                Some(problem) => {
                    fail(Column::BirthDate, problem);
                    Some(birth)
                }
                None => Some(birth),
            },
        },
    };

    let gender_by_tick = match HeaderMap::ticked(cells, &header.gender_marks) {
        Ok(ticked) if ticked.len() > 1 => {
            fail(Column::Gender, RowProblem::SeveralTicked);
            None
        }
        Ok(ticked) => ticked.first().copied(),
        Err(text) => {
            fail(Column::Gender, RowProblem::UnknownYesNo { text });
            None
        }
    };
    let gender = match (text(Column::Gender), gender_by_column.or(gender_by_tick)) {
        (Some(raw), by_column) => match Gender::parse(&raw) {
            None => {
                fail(Column::Gender, RowProblem::UnknownGender { text: raw });
                None
            }
            Some(written) if by_column.is_some_and(|g| g != written) => {
                fail(Column::Gender, RowProblem::GenderDisagrees { written, by_column: by_column.unwrap_or(written) });
                None
            }
            Some(written) => Some(written),
        },
        (None, Some(by_column)) => Some(by_column),
        (None, None) => {
            if dated.len() < 2 {
                fail(Column::Gender, RowProblem::Missing);
            }
            None
        }
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

    // A level written out, or ticked under its name; a written level keeps its field ("Đại học Luật").
    let mut one_ticked = |column: Column, ticked: Result<Vec<&'static str>, String>| -> Option<&'static str> {
        match ticked {
            Ok(ticked) if ticked.len() > 1 => {
                fail(column, RowProblem::SeveralTicked);
                None
            }
            Ok(ticked) => ticked.first().copied(),
            Err(text) => {
                fail(column, RowProblem::UnknownYesNo { text });
                None
            }
        }
    };
    let ticked_qualification = one_ticked(
        Column::Qualification,
        HeaderMap::ticked(cells, &header.qualification_marks).map(|t| t.iter().map(|q| q.label(Lang::Vi)).collect()),
    );
    let ticked_theory = one_ticked(
        Column::PoliticalTheory,
        HeaderMap::ticked(cells, &header.theory_marks).map(|t| t.iter().map(|p| p.label(Lang::Vi)).collect()),
    );
    let qualification_detail = text(Column::Qualification).or(ticked_qualification.map(str::to_string));
    let qualification = qualification_detail.as_deref().and_then(|raw| {
        Qualification::parse(raw).or_else(|| {
            fail(Column::Qualification, RowProblem::UnknownQualification { text: raw.to_string() });
            None
        })
    });
    let political_theory = text(Column::PoliticalTheory).or(ticked_theory.map(str::to_string)).and_then(|raw| {
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
            if birth_date.is_some_and(|birth| years_between(birth.date, date) < MIN_AGE_YEARS) {
                fail(Column::AppointmentDate, RowProblem::AppointedBeforeAdult { date });
            }
            if position.is_none() {
                fail(Column::Position, RowProblem::AppointmentWithoutPosition);
            }
            Some(date)
        }
    });
    let hometown = text(Column::Hometown);
    let ethnicity = text(Column::Ethnicity).and_then(|raw| {
        parse_ethnicity(&raw).or_else(|| {
            fail(Column::Ethnicity, RowProblem::UnknownEthnicity { text: raw });
            None
        })
    });

    match (errors.is_empty(), birth_date, gender) {
        (true, Some(birth), Some(gender)) => Ok(RosterEntry {
            row,
            full_name,
            birth_date: birth.date,
            birth_year_only: birth.year_only,
            gender,
            hometown,
            is_local,
            party_member,
            position,
            unit,
            qualification,
            qualification_detail,
            political_theory,
            ethnicity,
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
        assert_eq!(
            err,
            HeaderProblem::MissingColumns { columns: vec![Column::BirthDate, Column::Gender, Column::Unit], header_rows: vec![1] }
        );
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
    fn a_birth_year_alone_is_kept_as_a_year() {
        let row = |birth: &str| strings(&["Lò Văn Pấng", birth, "Nam", "", "", "", "UBND", "", "", ""]);
        let (entries, errors) = validate(&[row("1968"), row("12/03/1968")]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!((entries[0].birth_date, entries[0].birth_year_only), (NaiveDate::from_ymd_opt(1968, 1, 1).unwrap(), true));
        assert_eq!((entries[1].birth_date, entries[1].birth_year_only), (NaiveDate::from_ymd_opt(1968, 3, 12).unwrap(), false));
        let (_, errors) = validate(&[row("68"), row("2030")]);
        let messages: Vec<String> = errors.iter().map(|e| e.problem.message(Lang::Vi)).collect();
        assert!(messages[0].contains("hoặc chỉ năm sinh (1980)"), "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("2030")), "a year to come is refused: {messages:?}");
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
