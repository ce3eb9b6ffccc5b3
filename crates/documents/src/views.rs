//! What each printed document shows, already decided, sorted and formatted by the service (dates dd/mm/yyyy,
//! numbers 1.234,5, level names as the rule set words them). The templates only lay these out, so a document is
//! testable without a database. Empty text means "not recorded": the template leaves a dotted line to fill in by
//! hand, as offices do on paper.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which official format the header follows: the issuing body decides (DOCUMENTS.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "lowercase")]
pub enum HeaderFormat {
    /// Hướng dẫn 36-HD/VPTW (2018): Party committees and their boards.
    Party,
    /// Nghị định 30/2020/NĐ-CP, Phụ lục I: People's Committees and State offices.
    State,
}

/// The two header blocks of an official document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Letterhead {
    pub format: HeaderFormat,
    /// The body above the issuer ("ĐẢNG BỘ TỈNH …", "UBND TỈNH …"); may be empty.
    pub superior: String,
    /// The issuing body ("ĐẢNG ỦY XÃ …", "ỦY BAN NHÂN DÂN XÃ …").
    pub issuer: String,
    /// "Số     -BB/ĐU"; the number itself is usually written by hand.
    pub number: String,
    /// "Hoà Bình, ngày 28 tháng 12 năm 2026".
    pub place_date: String,
}

/// One signature block: "T/M ĐẢNG ỦY" over "BÍ THƯ", space for the signature and seal, then the name.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Signature {
    /// "T/M ĐẢNG ỦY", "KT. CHỦ TỊCH"…; empty when the person signs in their own name.
    pub on_behalf: String,
    /// "THƯ KÝ", "CHỦ TRÌ", "NGƯỜI TỰ ĐÁNH GIÁ".
    pub title: String,
    /// Empty leaves the line for a handwritten name.
    pub name: String,
}

/// Biên bản hội nghị kiểm điểm, đánh giá, xếp loại (HD 16-HD/VPTW content).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MinutesView {
    pub letterhead: Letterhead,
    /// "Hội nghị kiểm điểm, đánh giá, xếp loại chất lượng năm 2026".
    pub summary: String,
    /// "Đảng ủy xã Hoà Bình".
    pub body_name: String,
    /// "ngày 28 tháng 12 năm 2026".
    pub held_on: String,
    /// "8 giờ 00"; empty when not recorded.
    pub start_time: String,
    pub end_time: String,
    pub place: String,
    pub chair: String,
    pub secretary: String,
    pub invited: String,
    pub present: String,
    pub absent: String,
    pub absent_note: String,
    pub guests: String,
    /// The subjects in the order of the meeting: the collective first, then each person.
    pub subjects: Vec<MinutesSubject>,
    /// "2 / 3 (trong giới hạn)"; empty when the rule set sets no ceiling.
    pub quota_line: String,
    /// The committee's order where equal points at the quota's edge needed one ("1. Nguyễn Văn A; 2. Trần Thị B");
    /// empty when no tie was settled.
    pub tie_order: String,
    /// Whether the results are locked: a draft says so in its summary line.
    pub locked: bool,
    pub left_signature: Signature,
    pub right_signature: Signature,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MinutesSubject {
    pub ordinal: String,
    /// "Tập thể Đảng ủy xã Hoà Bình" or the person's full name.
    pub name: String,
    pub position: String,
    pub is_collective: bool,
    /// Points and the level the rules computed, e.g. "92,50 điểm — Hoàn thành xuất sắc nhiệm vụ".
    pub computed: String,
    /// The organisation staff's proposed level (the computed one unless they proposed otherwise).
    pub proposal: String,
    /// Why the proposal differs from the computed level; empty when it does not.
    pub proposal_reason: String,
    /// "bỏ phiếu kín", "giơ tay"; empty when not voted yet.
    pub method: String,
    /// Votes for excellent, good, completed, not completed, formatted; None when not voted yet.
    pub votes: Option<[String; 4]>,
    /// The level more than half of those present voted for; empty when none (or no vote yet).
    pub passed: String,
    /// The authority's decided level; empty when not decided yet.
    pub decided: String,
    pub decision_reason: String,
}

/// Which self-assessment form (HD 43-HD/BTCTW): 2A leaders, 2B others, 05 quarterly/annual self-assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormVariant {
    Leader,
    NonLeader,
    Periodic,
}

/// Phiếu tự đánh giá, xếp loại of one person for one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormView {
    pub letterhead: Letterhead,
    pub variant: FormVariant,
    /// "năm 2026", "quý III năm 2026", "tháng 9 năm 2026".
    pub period: String,
    pub name: String,
    pub birth_date: String,
    pub position: String,
    pub unit: String,
    pub party_member: bool,
    /// The self-assessment text (strengths, shortcomings); empty leaves lines to write on.
    pub self_text: String,
    pub criteria: Vec<CriterionRow>,
    /// "70,0" task-result points (NĐ 335) or empty.
    pub task_points: String,
    pub self_total: String,
    pub superior_total: String,
    pub self_level: String,
    pub superior_comment: String,
    pub superior_level: String,
    /// The level the competent authority decided; empty until the meeting decides.
    pub authority_level: String,
    pub signatures: Vec<Signature>,
    /// The task-result maximum ("70") for the task row of the points table; empty leaves it blank.
    #[serde(default)]
    pub task_max: String,
    /// A period's form (05): the products of the period with their appraisal and score (NĐ 335). Empty on a
    /// year's form.
    #[serde(default)]
    pub products: Vec<ProductRow>,
    /// A period's form: each period's task results and total as the service scored them.
    #[serde(default)]
    pub scores: Vec<FormScore>,
    /// "(Tạm tính đến ngày dd/mm/yyyy)" while the periods it covers are not all closed; empty once they are.
    #[serde(default)]
    pub provisional: String,
}

/// One product on a period's form: what was assigned, how it was appraised, and its score.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ProductRow {
    pub ordinal: String,
    pub title: String,
    /// Where it comes from and its kind: "chỉ tiêu 1.1", "thường xuyên; Báo cáo tháng".
    pub source: String,
    /// Conversion coefficient, "1,5".
    pub coefficient: String,
    /// Required quantity with its unit, "3 hồ sơ".
    pub required: String,
    /// Empty until appraised, like the four that follow.
    pub delivered: String,
    /// Share meeting requirements, in percent ("95").
    pub quality: String,
    pub major_errors: String,
    /// Share on time, in percent ("100").
    pub on_time: String,
    pub delays: String,
    /// The product's score in percent ("98,33"), or why there is none ("Chưa thẩm định").
    pub score: String,
}

/// One period's task results and total on a period's form, as scored by the service.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct FormScore {
    /// "tháng 3 năm 2026"; named on the form only when it covers more than one period.
    pub period: String,
    /// "57,50 / 70"; empty when the period has no score.
    pub task: String,
    /// How the task results were found: "tỷ lệ hoàn thành sản phẩm quy đổi 94,44 %".
    pub task_basis: String,
    /// "84,50 / 100: tiêu chí chung 27,00 / 30, kết quả nhiệm vụ 57,50 / 70"; empty when not scored.
    pub summary: String,
    /// Why there is no score: "Chưa thẩm định đủ: chưa có sản phẩm được thẩm định"; empty when scored.
    pub missing: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriterionRow {
    pub name: String,
    pub max: String,
    pub self_points: String,
    pub superior_points: String,
}

/// Báo cáo kiểm điểm tập thể (form 01).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollectiveView {
    pub letterhead: Letterhead,
    pub unit_name: String,
    pub year: String,
    /// The unit's targets with their completion.
    pub targets: Vec<TargetRow>,
    /// "18 chỉ tiêu: 7 vượt, 9 đạt, 2 không đạt".
    pub targets_summary: String,
    /// Members' levels: (level name, count, percent).
    pub members: Vec<CountRow>,
    pub proposal: String,
    pub decided: String,
    pub signature: Signature,
    /// "(Tạm tính đến ngày dd/mm/yyyy)" while the year's periods are not all closed; empty once they are.
    #[serde(default)]
    pub provisional: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountRow {
    pub label: String,
    pub count: String,
    pub percent: String,
}

/// Danh sách kết quả xếp loại, by unit, names sorted the Vietnamese way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultsView {
    pub letterhead: Letterhead,
    /// "DANH SÁCH KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG NĂM 2026".
    pub title: String,
    pub subtitle: String,
    pub groups: Vec<ResultGroup>,
    pub totals: Vec<CountRow>,
    pub signatures: Vec<Signature>,
    /// "(Tạm tính đến ngày dd/mm/yyyy)" while some listed person's year is not closed; empty once all are.
    #[serde(default)]
    pub provisional: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultGroup {
    pub unit_name: String,
    pub rows: Vec<ResultRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultRow {
    pub ordinal: String,
    pub name: String,
    pub birth_date: String,
    pub position: String,
    pub level: String,
    pub note: String,
}

/// Danh sách tổng hợp kết quả đánh giá tháng (or quý): everyone of a unit and the units below it in one period,
/// in the period sheet's order, with their points, level and products.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthlyView {
    pub letterhead: Letterhead,
    /// "DANH SÁCH TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ THÁNG 3 NĂM 2026".
    pub title: String,
    /// "Xã Hoà Bình và các đơn vị trực thuộc".
    pub subtitle: String,
    /// The maxima of the points columns' headers ("30", "70").
    pub general_max: String,
    pub task_max: String,
    pub rows: Vec<MonthlyRow>,
    /// People by level, then those without a score, then the total.
    pub totals: Vec<CountRow>,
    pub signatures: Vec<Signature>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MonthlyRow {
    pub ordinal: String,
    pub name: String,
    pub position: String,
    /// Points as "27,00"; empty when the period has no score.
    pub general: String,
    pub task: String,
    pub total: String,
    pub level: String,
    /// Products appraised / assigned, "4/5".
    pub products: String,
    /// What keeps the period from its score, or how it was found ("Chưa chấm tiêu chí chung").
    pub note: String,
}

/// Bảng chỉ tiêu of a unit with the year's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetsView {
    pub letterhead: Letterhead,
    pub unit_name: String,
    pub year: String,
    /// "số liệu đến ngày 30/11/2026".
    pub as_of: String,
    pub groups: Vec<TargetGroup>,
    pub summary: String,
    pub signatures: Vec<Signature>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetGroup {
    pub name: String,
    pub rows: Vec<TargetRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetRow {
    pub ordinal: String,
    pub name: String,
    /// "ha", "%", "người".
    pub measure: String,
    pub plan: String,
    pub actual: String,
    pub completion: String,
    /// "Vượt", "Đạt", "Không đạt", "Chưa có số liệu".
    pub status: String,
}

/// Sổ đăng ký nhiệm vụ đột phá.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BreakthroughView {
    pub letterhead: Letterhead,
    pub scope: String,
    pub year: String,
    pub rows: Vec<BreakthroughRow>,
    pub signatures: Vec<Signature>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BreakthroughRow {
    pub ordinal: String,
    pub person: String,
    pub unit: String,
    pub title: String,
    pub expected_result: String,
    pub deadline: String,
    pub state: String,
    pub decision: String,
}

/// Chương trình hành động of one cadre, each item with its "5 rõ".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeView {
    pub letterhead: Letterhead,
    pub person: String,
    /// "Chương trình hành động khi được giới thiệu ứng cử chức danh Chủ tịch UBND xã Tân Lập".
    pub title: String,
    pub presented_on: String,
    pub summary: String,
    pub items: Vec<ProgrammeItem>,
    pub signature: Signature,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeItem {
    pub ordinal: String,
    pub work: String,
    pub person: String,
    pub deadline: String,
    pub expected_result: String,
    pub responsibility: String,
    /// "Đã hoàn thành", "Quá hạn"…
    pub state: String,
}

/// Phiếu khôi phục: the recovery code of an office, to be kept locked away and used when every administrator's
/// password is lost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecoverySheetView {
    pub office_name: String,
    /// dd/mm/yyyy.
    pub made_on: String,
    /// The administrator who made it, by account name.
    pub made_by: String,
    /// The code as printed: "7K2M-9QXD-…", eight groups of four.
    pub code: String,
    /// The database file the code opens, so the sheet says which one.
    pub database: String,
}

/// Báo cáo thống kê đội ngũ cán bộ: each breakdown as a table of counts and shares with a bar chart under it, then
/// the units directly below side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatisticsView {
    pub letterhead: Letterhead,
    /// "Thống kê đội ngũ cán bộ, công chức xã Gia Hanh".
    pub subject: String,
    /// "(Số liệu tính đến ngày 31/12/2026)".
    pub as_of: String,
    /// "Tổng số: 66 người."
    pub summary: String,
    pub sections: Vec<StatisticsSection>,
    pub below: Vec<StatisticsUnitRow>,
    pub signature: Signature,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatisticsSection {
    /// "1. Trình độ chuyên môn".
    pub title: String,
    pub rows: Vec<ShareRow>,
}

/// One line of a breakdown: its label, the count and the share as printed, and the share in hundredths of a
/// percent (the bar's length); a total line ("Đại học trở lên") is set in bold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShareRow {
    pub label: String,
    pub count: String,
    pub percent: String,
    pub share: u32,
    pub total: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatisticsUnitRow {
    pub ordinal: String,
    pub name: String,
    pub people: String,
    pub university: String,
    pub female: String,
    pub party: String,
    pub heads_not_local: String,
}

/// A report or a list made of tables: Báo cáo tổng hợp kết quả năm (a few sentences, then each table of figures with,
/// where it has one, its bar chart under it; the table carries every figure, so the printout reads without the
/// chart), or one of the office's lists (Danh sách cán bộ, đơn vị, hội nghị, tài khoản).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryView {
    pub letterhead: Letterhead,
    /// "BÁO CÁO", "DANH SÁCH CÁN BỘ, CÔNG CHỨC".
    pub heading: String,
    /// Set on A4 landscape: a list too wide for a portrait page.
    pub landscape: bool,
    /// "Tổng hợp kết quả thực hiện nhiệm vụ năm 2026 của xã Gia Hanh".
    pub subject: String,
    /// "(Số liệu tính đến ngày 31/12/2026)".
    pub as_of: String,
    pub summary: Vec<String>,
    pub sections: Vec<ReportSection>,
    pub signature: Signature,
}

/// A numbered table of a report: its columns (the first is the label, the others figures set right), its rows as
/// printed, and the bars drawn under it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportSection {
    /// "1. Chỉ tiêu theo nhóm nhiệm vụ"; empty for a list's one table.
    pub title: String,
    pub columns: Vec<String>,
    /// Relative widths, one per column.
    pub widths: Vec<f32>,
    /// Whether each column holds figures, set right; text is set left.
    pub figures: Vec<bool>,
    pub rows: Vec<ReportRow>,
    pub bars: Vec<ReportBar>,
    /// A sentence under the table ("Tỷ lệ Hoàn thành xuất sắc: … (quy định không quá 20 %)").
    pub note: Option<String>,
}

/// One row as printed; a total row is set in bold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportRow {
    pub cells: Vec<String>,
    pub total: bool,
}

/// One bar: its label, its length in ten-thousandths of the chart's width, and the figure printed after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportBar {
    pub label: String,
    pub length: u32,
    pub text: String,
}

/// Any document, so one call renders whichever the user asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DocumentView {
    Minutes(MinutesView),
    Form(FormView),
    Collective(CollectiveView),
    Results(ResultsView),
    Monthly(MonthlyView),
    Targets(TargetsView),
    Breakthrough(BreakthroughView),
    Programme(ProgrammeView),
    RecoverySheet(RecoverySheetView),
    Statistics(StatisticsView),
    Summary(SummaryView),
}
