//! The command line, as promised in the CLI contract of the foundation issue. Help is Vietnamese first.

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "thuocdo",
    // "thuocdo" in the usage text on every system, not "thuocdo.exe" on Windows.
    bin_name = "thuocdo",
    version,
    about = "Thước Đo — đánh giá cán bộ bằng sản phẩm (evaluate cadres by their products)",
    after_help = "Mật khẩu lấy từ biến môi trường THUOCDO_PASSWORD hoặc được hỏi khi chạy; không bao giờ truyền qua tham số.\n(The password comes from THUOCDO_PASSWORD or a prompt, never from an argument.)"
)]
pub struct Cli {
    /// Tệp cơ sở dữ liệu (database file); mặc định trong thư mục dữ liệu của người dùng
    #[arg(long, global = true, env = "THUOCDO_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Ngôn ngữ thông báo (message language)
    #[arg(long, global = true, value_enum, default_value = "vi")]
    pub lang: LangArg,
    /// In kết quả dạng JSON ra stdout (machine-readable output)
    #[arg(long, global = true)]
    pub json: bool,
    /// Người dùng (user); mặc định là quản trị viên của văn phòng
    #[arg(long, global = true, value_name = "NAME")]
    pub user: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    Vi,
    En,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Thiết lập văn phòng mới: đơn vị, quản trị viên, khoá ký (set up a new office)
    Init {
        /// Tên đơn vị (unit name), ví dụ "Đảng ủy xã Tân Lập"
        #[arg(long, value_name = "NAME")]
        unit_name: String,
        /// Mã đơn vị (unit code), ví dụ XA-TANLAP
        #[arg(long, value_name = "CODE")]
        unit_code: String,
        /// Cấp đơn vị (level): province, district, commune, ward, special_zone, agency, party_cell, department
        #[arg(long, value_name = "LEVEL")]
        level: String,
        /// Mã đơn vị cấp trên (superior unit code)
        #[arg(long, value_name = "CODE")]
        parent_code: Option<String>,
        /// Tên đăng nhập của quản trị viên (administrator user name)
        #[arg(long, value_name = "USER")]
        admin: String,
    },
    /// Sao lưu: chép toàn bộ dữ liệu văn phòng (đang dùng cũng được) vào thư mục, kèm tệp mô tả và mã băm (back up)
    Backup {
        /// Thư mục đích, ví dụ USB (destination folder)
        #[arg(short = 'o', long = "output", value_name = "DIR")]
        output: PathBuf,
        /// Chỉ giữ bản mới nhất của 7 ngày và 4 tuần gần nhất của văn phòng này trong thư mục (keep 7 daily, 4 weekly)
        #[arg(long)]
        rotate: bool,
    },
    /// Khôi phục từ bản sao lưu: không có --yes thì chỉ cho xem bản sao lưu chứa gì; tệp bị thay được giữ lại
    /// (restore a backup; without --yes only shows what it holds; the replaced file is kept)
    Restore {
        file: PathBuf,
        /// Thay dữ liệu hiện tại bằng bản sao lưu (replace the current data)
        #[arg(long)]
        yes: bool,
        /// Mở bản sao lưu bằng mã trên phiếu khôi phục thay cho mật khẩu; với --yes, mật khẩu mới của quản trị viên
        /// từ THUOCDO_NEW_PASSWORD hoặc được hỏi hai lần (open the copy with the recovery sheet's code instead of a
        /// password; with --yes, the administrator's new password from THUOCDO_NEW_PASSWORD or asked twice)
        #[arg(long, value_name = "CODE")]
        code: Option<String>,
    },
    /// Tệp mẫu XLSX để điền: dòng tiêu đề và trang "Hướng dẫn" giải thích từng cột
    /// (a template to fill in: the header row and a guide sheet explaining each column)
    Template {
        #[arg(value_enum)]
        kind: TemplateArg,
        /// Tệp XLSX (XLSX file)
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// In phiếu khôi phục truy cập (PDF) với mã khôi phục mới; phiếu in trước đó hết hiệu lực (quản trị)
    /// (print a recovery sheet with a new recovery code; any earlier sheet stops working; administrators)
    RecoverySheet {
        /// Tệp PDF (PDF file)
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Khôi phục truy cập khi mọi quản trị viên quên mật khẩu: mã trên phiếu khôi phục, mật khẩu mới của quản trị
    /// viên (--user, mặc định quản trị viên đầu tiên) từ THUOCDO_NEW_PASSWORD hoặc được hỏi hai lần
    /// (recover access with the recovery sheet's code: a new password for an administrator)
    Recover {
        /// Mã khôi phục trên phiếu, hoặc THUOCDO_RECOVERY_CODE; không có thì được hỏi (the code on the sheet)
        #[arg(long, env = "THUOCDO_RECOVERY_CODE", value_name = "CODE", hide_env_values = true)]
        code: Option<String>,
    },
    /// Tạo dữ liệu mẫu (create demo data): một xã hoặc cả tỉnh (≈150 xã, ≈10.000 cán bộ)
    Demo {
        /// Quy mô (scale)
        #[arg(long, value_enum)]
        scale: ScaleArg,
        /// Hạt giống ngẫu nhiên: cùng số cho cùng dữ liệu (seed)
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Thông tin văn phòng (office summary)
    Status,
    /// Tổng quan năm (the year at a glance): chỉ tiêu theo nhóm và tình trạng, mức xếp loại đề xuất và đã quyết định,
    /// sản phẩm theo tháng, số trường hợp cần chú ý, các đơn vị trực thuộc cạnh nhau
    Overview {
        #[arg(long)]
        year: i32,
        /// Mã đơn vị (unit code); mặc định đơn vị của văn phòng
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
        /// Số liệu đến ngày dd/mm/yyyy (as of); mặc định hôm nay, tối đa cuối năm
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        /// Xuất ra tệp XLSX: mỗi bảng một trang tính (export to a workbook, a sheet per table)
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Xuất một danh sách của văn phòng ra XLSX, có số thứ tự (export one of the office's lists to a workbook)
    List {
        #[arg(value_enum)]
        list: ListArg,
        #[command(flatten)]
        scope: ListScopeArgs,
        #[arg(long, short = 'o', value_name = "FILE")]
        output: PathBuf,
    },
    /// Thống kê đội ngũ cán bộ (personnel statistics): trình độ, lý luận chính trị, độ tuổi, giới tính, đảng viên,
    /// người đứng đầu không phải người địa phương; của một đơn vị (gồm các đơn vị trực thuộc) và từng đơn vị ngay dưới
    Stats {
        /// Mã đơn vị (unit code); mặc định đơn vị của văn phòng
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
        /// Tính đến ngày dd/mm/yyyy (as of); mặc định hôm nay
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        /// Xuất ra tệp XLSX: bảng thống kê và các đơn vị trực thuộc (export to a workbook)
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// In đường dẫn tệp cơ sở dữ liệu đang dùng, không cần đăng nhập (print the database path in use)
    Path,
    /// Nhật ký thay đổi: xem, kiểm tra không bị sửa hay xoá (audit trail: list, verify)
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Người dùng: danh sách, thêm, đặt lại mật khẩu, vai trò, ngừng; đổi mật khẩu của mình (users and roles)
    Users {
        #[command(subcommand)]
        command: UsersCommand,
    },
    /// Khoá ký của văn phòng (the office signing key)
    Keys {
        #[command(subcommand)]
        command: KeysCommand,
    },
    /// Gói dữ liệu ký số gửi cấp trên, cấp dưới (signed bundles to the superior and the offices below)
    Bundle {
        #[command(subcommand)]
        command: BundleCommand,
    },
    /// Cây tổ chức (the unit tree)
    Units {
        #[command(subcommand)]
        command: UnitsCommand,
    },
    /// Danh sách cán bộ (the roster)
    Roster {
        #[command(subcommand)]
        command: RosterCommand,
    },
    /// Chỉ tiêu được giao (numeric targets): liệt kê, nhập, xuất Excel
    Targets {
        #[command(subcommand)]
        command: TargetsCommand,
    },
    /// Kết quả thực hiện chỉ tiêu theo tháng, quý (progress by month or quarter)
    Progress {
        #[command(subcommand)]
        command: ProgressCommand,
    },
    /// Sản phẩm của cán bộ theo kỳ (products per cadre and period, NĐ 335): nhập, xuất Excel, liệt kê
    Products {
        #[command(subcommand)]
        command: ProductsCommand,
    },
    /// Kỳ đánh giá tháng, quý (evaluation periods): liệt kê, mở, khóa, xem điểm từng người
    Periods {
        #[command(subcommand)]
        command: PeriodsCommand,
    },
    /// Điểm tiêu chí chung theo kỳ, tự đánh giá và cấp trên (general-criteria points): nhập, xuất Excel
    Assess {
        #[command(subcommand)]
        command: AssessCommand,
    },
    /// Dữ kiện của năm: kỷ luật, số tháng công tác, nghỉ, phiếu tín nhiệm (facts of the year)
    Facts {
        #[command(subcommand)]
        command: FactsCommand,
    },
    /// So sánh các chức danh tương đồng (compare equivalent positions): không có --group thì liệt kê các nhóm
    Compare {
        #[arg(long)]
        year: i32,
        /// Mã nhóm chức danh (position group code), ví dụ bi_thu_xa
        #[arg(long, value_name = "GROUP")]
        group: Option<String>,
        /// Ngày tính số liệu dd/mm/yyyy (figures as of); mặc định hôm nay, tối đa cuối năm
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        /// Xuất bảng xếp hạng ra tệp XLSX (export the ranked table)
        #[arg(long, short = 'o', value_name = "FILE", requires = "group")]
        output: Option<PathBuf>,
    },
    /// Nhiệm vụ đột phá (breakthrough tasks)
    Breakthrough {
        #[command(subcommand)]
        command: BreakthroughCommand,
    },
    /// Xếp loại năm của một đơn vị và các đơn vị trực thuộc, có giải thích (classify a year, explained)
    Classify {
        #[arg(long)]
        year: i32,
        #[arg(long, value_name = "CODE")]
        unit: String,
        /// Liệt kê các tập thể thay vì cá nhân (list the collectives instead of people)
        #[arg(long)]
        collectives: bool,
        /// Ghi kết quả ra tệp Excel: một trang cá nhân, một trang tập thể (write the results to an .xlsx file)
        #[arg(long, short = 'o', value_name = "FILE.xlsx")]
        output: Option<std::path::PathBuf>,
    },
    /// Lấy ý kiến nhiều chiều, ẩn danh (anonymous multi-source feedback): ghi một phiếu, xem tổng hợp
    Feedback {
        #[command(subcommand)]
        command: FeedbackCommand,
    },
    /// Hội nghị kiểm điểm (review meetings)
    Meetings {
        #[command(subcommand)]
        command: MeetingsCommand,
    },
    /// In biên bản hội nghị kiểm điểm ra PDF, hoặc ra Word với -o …docx (print a review meeting's minutes)
    Minutes {
        /// Mã hội nghị (meeting id), xem bằng: thuocdo meetings list
        #[arg(long, value_name = "MEETING_ID")]
        meeting: String,
        #[command(flatten)]
        print: PrintArgs,
    },
    /// In tài liệu ra PDF (hoặc Word với -o …docx): phiếu đánh giá, báo cáo tập thể, danh sách kết quả, tổng hợp tháng, bảng chỉ tiêu, sổ nhiệm vụ đột phá, chương trình hành động (print documents)
    Print {
        #[command(subcommand)]
        command: PrintCommand,
    },
    /// Danh sách cần chú ý (attention list): hai năm không hoàn thành, nhiều kỳ thấp, tiêu chuẩn khi bổ nhiệm lại, nhiệm vụ đột phá dở dang
    Attention {
        #[arg(long)]
        year: i32,
        #[arg(long, value_name = "CODE")]
        unit: String,
    },
    /// Các bộ quy tắc và bộ đang áp dụng; --import để nhập một tệp bộ quy tắc (TOML), --choose để áp dụng một bộ cho
    /// một nhóm chức danh (rule sets; import a file; choose one)
    Rulesets {
        /// Tệp bộ quy tắc (.toml) cần nhập; được kiểm tra và báo mọi chỗ sai (rule-set file to import)
        #[arg(long, value_name = "FILE")]
        import: Option<std::path::PathBuf>,
        /// Mã bộ quy tắc cần áp dụng (rule set code to apply)
        #[arg(long, value_name = "CODE", requires = "group")]
        choose: Option<String>,
        /// Nhóm chức danh, hoặc * cho mọi người còn lại (position group, or * for everyone else)
        #[arg(long, value_name = "GROUP")]
        group: Option<String>,
    },
    /// Thứ tự cấp ủy quyết định cho những người bằng điểm ở ngưỡng tỷ lệ Xuất sắc, người đầu giữ trước (the committee's
    /// order for a tie at the edge of the Excellent quota)
    TieOrder {
        #[arg(long)]
        year: i32,
        /// Mã người theo thứ tự, cách nhau bằng dấu phẩy (person ids in order, comma-separated)
        #[arg(long, value_name = "ID,ID,…", value_delimiter = ',')]
        order: Vec<String>,
    },
    /// Cấp có thẩm quyền quyết định xếp loại từng nhóm chức danh; tỷ lệ Xuất sắc áp dụng trong từng cấp (who decides
    /// each position group's levels; the Excellent quota applies within what one authority decides)
    Authority {
        /// Mã nhóm chức danh cần đổi, hoặc * cho mọi nhóm còn lại (group to change)
        #[arg(long, value_name = "GROUP", requires = "decided_by")]
        set: Option<String>,
        /// province (cấp tỉnh), commune (cấp xã) hoặc default (trở lại mặc định)
        #[arg(long, value_name = "LEVEL")]
        decided_by: Option<String>,
    },
    /// Danh mục loại sản phẩm và hệ số quy đổi theo nhóm chức danh (NĐ 335); --set để thêm hoặc sửa, --remove để bỏ,
    /// --reset để trở lại mặc định (the product-kind catalogue with conversion coefficients)
    ProductKinds {
        /// Chỉ các loại của một nhóm chức danh (only the kinds of one position group)
        #[arg(long, value_name = "GROUP")]
        group: Option<String>,
        /// Mã loại cần thêm hoặc sửa (kind code to add or change)
        #[arg(long, value_name = "CODE", requires_all = ["name", "measure", "coefficient"])]
        set: Option<String>,
        /// Tên loại sản phẩm (kind name)
        #[arg(long)]
        name: Option<String>,
        /// Đơn vị tính: báo cáo, hồ sơ, cuộc … (unit of count)
        #[arg(long)]
        measure: Option<String>,
        /// Hệ số quy đổi, ví dụ 1,5 (conversion coefficient)
        #[arg(long)]
        coefficient: Option<String>,
        /// Mã các nhóm chức danh, cách nhau bằng dấu phẩy; * cho mọi nhóm (position groups; * for all)
        #[arg(long = "groups", value_name = "GROUP,GROUP|*", default_value = "*")]
        for_groups: String,
        /// Bỏ một loại khỏi danh mục (take a kind out)
        #[arg(long, value_name = "CODE")]
        remove: Option<String>,
        /// Trở lại loại mặc định như khi cài đặt (back to the shipped default)
        #[arg(long, value_name = "CODE")]
        reset: Option<String>,
    },
    /// Đo tốc độ trên dữ liệu cỡ tỉnh (measure speed on a province-size data set)
    Bench {
        /// Thư mục làm việc tạm (scratch directory); mặc định một thư mục tạm mới
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TemplateArg {
    /// Danh sách cán bộ (roster)
    Roster,
    /// Chỉ tiêu (targets)
    Targets,
    /// Kết quả thực hiện (progress)
    Progress,
    /// Sản phẩm (products)
    Products,
}

/// One of the office's lists, as the window lists it.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListArg {
    /// Danh sách cán bộ
    Roster,
    /// Danh sách đơn vị (the organisation tree)
    Units,
    /// Danh sách hội nghị kiểm điểm
    Meetings,
    /// Danh sách tài khoản (administrators)
    Accounts,
    /// Nhật ký thay đổi, mới nhất trước (audit trail; administrators); lọc bằng --by, --action, --limit
    Audit,
    /// Cán bộ cần quan tâm của một đơn vị trong năm (attention list); cần --year và --unit
    Attention,
    /// So sánh vị trí tương đương (ranking of equivalent posts); cần --year và --group
    Comparison,
    /// Nhiệm vụ đột phá của năm (breakthrough tasks); cần --year
    Breakthrough,
    /// Tình hình gửi dữ liệu của đơn vị cấp dưới trong một kỳ (completeness); cần --period
    Completeness,
    /// Danh mục loại sản phẩm (product kinds)
    ProductKinds,
    /// Các bộ quy tắc đánh giá (rule sets)
    RuleSets,
}

/// What a list of a year, a unit, a group or a period needs to know; ignored by the others.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ListScopeArgs {
    /// Năm (attention, comparison)
    #[arg(long)]
    pub year: Option<i32>,
    /// Mã đơn vị (attention)
    #[arg(long, value_name = "CODE")]
    pub unit: Option<String>,
    /// Mã nhóm chức vụ tương đương (comparison), như `thuocdo compare --year Y` liệt kê
    #[arg(long, value_name = "GROUP")]
    pub group: Option<String>,
    /// Kỳ: 2026, 2026-Q3 hoặc 2026-09 (completeness)
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,
    /// Chỉ của tài khoản này (audit)
    #[arg(long, value_name = "USERNAME")]
    pub by: Option<String>,
    /// Chỉ loại việc này, như users.add (audit)
    #[arg(long, value_name = "ACTION")]
    pub action: Option<String>,
    /// Số mục mới nhất tối đa (audit)
    #[arg(long)]
    pub limit: Option<i64>,
}

impl ListArg {
    /// The list asked for, or which option it lacks, said as a form field would be.
    pub fn request(self, scope: &ListScopeArgs) -> Result<service::lists::ListRequest, service::ServiceError> {
        use service::lists::ListRequest;
        let needs = |option: &str, vi: &str, en: &str| {
            service::ServiceError::InvalidFields(vec![service::FieldIssue {
                field: option.into(),
                message: format!("Danh sách này cần {vi}: thêm {option}."),
                message_en: format!("This list needs {en}: add {option}."),
            }])
        };
        let year = || scope.year.ok_or_else(|| needs("--year", "năm", "a year"));
        Ok(match self {
            ListArg::Roster => ListRequest::Roster,
            ListArg::Units => ListRequest::Units,
            ListArg::Meetings => ListRequest::Meetings,
            ListArg::Accounts => ListRequest::Accounts,
            ListArg::Audit => ListRequest::Audit { username: scope.by.clone(), action: scope.action.clone(), limit: scope.limit },
            ListArg::Attention => ListRequest::Attention {
                year: year()?,
                unit_code: scope.unit.clone().ok_or_else(|| needs("--unit", "mã đơn vị", "a unit code"))?,
            },
            ListArg::Comparison => ListRequest::Comparison {
                year: year()?,
                group: scope.group.clone().ok_or_else(|| needs("--group", "nhóm chức vụ", "a position group"))?,
            },
            ListArg::Completeness => ListRequest::Completeness {
                period: scope.period.clone().ok_or_else(|| needs("--period", "kỳ (2026, 2026-Q3 hoặc 2026-09)", "a period"))?,
            },
            ListArg::Breakthrough => ListRequest::Breakthrough { year: year()? },
            ListArg::ProductKinds => ListRequest::ProductKinds,
            ListArg::RuleSets => ListRequest::RuleSets,
        })
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ScaleArg {
    Commune,
    Province,
}

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// Các tài khoản của văn phòng: vai trò, ngày tạo, có đang bị tạm khoá (the office's accounts; administrators)
    List,
    /// Đổi mật khẩu của người đăng nhập: mật khẩu hiện tại từ THUOCDO_PASSWORD, mật khẩu mới từ THUOCDO_NEW_PASSWORD
    /// hoặc được hỏi hai lần; khoá ký của văn phòng được bọc lại bằng mật khẩu mới (change the logged-in user's
    /// password: the current one from THUOCDO_PASSWORD, the new one from THUOCDO_NEW_PASSWORD or asked twice)
    Password,
    /// Thêm tài khoản (quản trị): mật khẩu của quản trị viên từ THUOCDO_PASSWORD, mật khẩu đầu tiên của tài khoản
    /// mới từ THUOCDO_NEW_PASSWORD hoặc được hỏi hai lần (add an account; administrators)
    Add {
        /// Tên đăng nhập (user name): chữ không dấu, số, dấu chấm, gạch
        name: String,
        /// Vai trò (role): admin, organisation (cán bộ tổ chức), data_entry (nhập liệu), viewer (lãnh đạo / chỉ xem)
        #[arg(long)]
        role: String,
        /// Chỉ với nhập liệu: mã đơn vị được giao, gồm các đơn vị trực thuộc (data entry only: the unit it may edit)
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
    },
    /// Đặt lại mật khẩu cho tài khoản khác (quản trị); mật khẩu mới từ THUOCDO_NEW_PASSWORD hoặc được hỏi hai lần
    /// (reset another account's password; administrators)
    Reset { name: String },
    /// Đổi vai trò (và đơn vị) của tài khoản (change an account's role; administrators)
    Role {
        name: String,
        #[arg(long)]
        role: String,
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
    },
    /// Ngừng sử dụng tài khoản: không đăng nhập được nữa, tên vẫn còn trong hồ sơ (deactivate an account)
    Deactivate { name: String },
    /// Mở lại tài khoản đã ngừng (reactivate an account)
    Reactivate { name: String },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Các mục mới nhất của nhật ký (the newest entries; administrators)
    List {
        /// Chỉ của người dùng này (only this user's)
        #[arg(long = "by", value_name = "NAME")]
        by: Option<String>,
        /// Chỉ loại việc này, ví dụ "users" hoặc "users.add" (only this kind)
        #[arg(long, value_name = "KIND")]
        action: Option<String>,
        /// Số mục tối đa (at most this many; 200 by default)
        #[arg(long)]
        limit: Option<i64>,
    },
    /// Kiểm tra chuỗi băm của nhật ký: mục nào bị sửa, mục nào bị xoá (check the hash chain; exit 1 when broken)
    Verify,
}

#[derive(Subcommand, Debug)]
pub enum KeysCommand {
    /// Mã khoá và dấu vân tay (key id and fingerprint)
    Show,
    /// Xuất khoá công khai dạng minisign (export the minisign public key file)
    Export {
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Đăng ký khoá công khai của đơn vị cấp dưới hoặc cấp trên, sau khi đối chiếu dấu vân tay qua điện thoại
    /// (enrol another office's public key once its fingerprint is confirmed)
    Enrol {
        /// Tệp khoá công khai minisign của đơn vị kia (the other office's minisign public key file)
        file: PathBuf,
        /// Mã đơn vị của văn phòng kia (the other office's unit code)
        #[arg(long, value_name = "CODE")]
        unit_code: String,
        /// Dấu vân tay đơn vị kia đọc cho (the fingerprint the other office read out), ví dụ C7WW-RVYX-3WDE-RM0M
        #[arg(long, value_name = "FP")]
        fingerprint: String,
        /// Đăng ký lại văn phòng cấp dưới đã mất toàn bộ dữ liệu và được thiết lập lại, với lý do: khoá cũ phải đã bị
        /// thu hồi; hai chuỗi gói với văn phòng đó bắt đầu lại từ số 1 (re-enrol an office below that lost
        /// everything, with the reason: its old key must be revoked; both chains with it start again at 1)
        #[arg(long, value_name = "REASON")]
        new_chain: Option<String>,
    },
    /// Các khoá đã đăng ký và các khoá đã thu hồi (the keys enrolled here and the revoked keys)
    List,
    /// Tạo khoá mới cho văn phòng; khoá mới được thông báo trong gói tiếp theo, ký bằng khoá cũ
    /// (make a new office key, announced in the next bundle under the old one)
    Rotate,
    /// Thu hồi khoá của một đơn vị cấp dưới; gói ký bằng khoá đó bị từ chối, việc thu hồi được gửi xuống
    /// (revoke a subordinate's key: its bundles are refused and the revocation travels down)
    Revoke {
        #[arg(long, value_name = "CODE")]
        unit_code: String,
        /// Lý do (mất máy, lộ mật khẩu…) (why)
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum BundleCommand {
    /// Xuất gói dữ liệu tiếp theo cho cấp trên hoặc một đơn vị cấp dưới đã đăng ký khoá
    /// (write the next bundle for the superior or an enrolled office below)
    Export {
        /// Mã đơn vị nhận (the receiving unit's code)
        #[arg(long, value_name = "CODE")]
        to: String,
        /// Tệp .tdb cần ghi, hoặc thư mục để ghi tệp <từ>-<đến>-<số>.tdb (file, or folder for the conventional name)
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Nhập gói dữ liệu (import a bundle); --dry-run chỉ xem trước, không ghi gì
    Import {
        file: PathBuf,
        /// Chỉ xem trước: mới, thay đổi, không đổi, xung đột (preview only; nothing is written)
        #[arg(long)]
        dry_run: bool,
        /// Nhận cả gói bỏ qua số thứ tự, cần --reason (accept a bundle that skips sequence numbers; needs --reason)
        #[arg(long)]
        allow_gap: bool,
        /// Lý do nhận gói bỏ qua số, ghi vào nhật ký (why, kept in the audit log)
        #[arg(long, value_name = "TEXT", requires = "allow_gap")]
        reason: Option<String>,
    },
    /// Ghi biên nhận đã ký cho một gói đã nhập, để gửi lại đơn vị gửi
    /// (write the signed receipt of an imported bundle, for its sender)
    Receipt {
        /// Mã đơn vị đã gửi gói (the sending unit's code)
        #[arg(long, value_name = "CODE")]
        from: String,
        /// Số thứ tự của gói (the bundle's sequence number)
        #[arg(long, value_name = "N")]
        sequence: u64,
        /// Tệp .tdr cần ghi, hoặc thư mục (file, or folder for the conventional name)
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Nhập biên nhận của cấp nhận cho một gói đã gửi (record the receiver's signed receipt of a bundle sent)
    Acknowledge { file: PathBuf },
    /// Phê duyệt năm của một đơn vị cấp dưới: khoá dữ liệu năm đó, quyết định được gửi xuống
    /// (approve a subordinate's year: locks it, and the decision travels down)
    Approve {
        #[arg(long, value_name = "CODE")]
        unit_code: String,
        #[arg(long, value_name = "YEAR")]
        year: i32,
        /// Số hiệu hoặc nội dung quyết định (the decision's number or text)
        #[arg(long, value_name = "TEXT")]
        decision: String,
        /// Mức xếp loại tập thể: excellent, good, completed, not_completed (the collective's level)
        #[arg(long, value_name = "LEVEL")]
        level: Option<String>,
        /// Ngày quyết định dd/mm/yyyy (the decision's date; today by default)
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        date: Option<NaiveDate>,
    },
    /// Các phê duyệt đã cho hoặc đã nhận (approvals given here or received)
    Approvals,
    /// Các chuỗi gói đã gửi, đã nhận và kết quả lần cuối (the chains sent and received, with their last outcome);
    /// với --period: bảng đủ/thiếu của các đơn vị cấp dưới cho kỳ đó (with --period: the completeness board)
    Status {
        /// Kỳ: năm 2026, quý 2026-Q3 hoặc tháng 2026-09 (a year, quarter or month)
        #[arg(long, value_name = "P")]
        period: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum UnitsCommand {
    /// Liệt kê cây đơn vị: mã, tên, cấp, mã cấp trên (list the unit tree)
    List,
    /// Thêm đơn vị (add a unit)
    Add {
        #[arg(long, value_name = "CODE")]
        code: String,
        #[arg(long, value_name = "NAME")]
        name: String,
        #[arg(long, value_name = "LEVEL")]
        level: String,
        #[arg(long, value_name = "CODE")]
        parent_code: String,
    },
    /// Đổi tên đơn vị; mã giữ nguyên (rename a unit; its code stays)
    Rename {
        #[arg(long, value_name = "CODE")]
        code: String,
        #[arg(long, value_name = "NAME")]
        name: String,
    },
    /// Chuyển đơn vị sang trực thuộc đơn vị khác (move a unit under another)
    Move {
        #[arg(long, value_name = "CODE")]
        code: String,
        #[arg(long, value_name = "CODE")]
        parent_code: String,
    },
    /// Lịch sử thêm, đổi tên, chuyển, sáp nhập, giải thể của một đơn vị (a unit's history)
    History {
        #[arg(long, value_name = "CODE")]
        code: String,
    },
    /// Sáp nhập đơn vị vào một đơn vị cùng cấp: người và đơn vị trực thuộc chuyển sang, chức vụ cũ kết thúc
    /// (merge units into another of the same level: people and units below move, old posts end)
    Merge {
        /// Mã các đơn vị được sáp nhập (codes of the units merged)
        #[arg(required = true, value_name = "CODE")]
        codes: Vec<String>,
        #[arg(long, value_name = "CODE")]
        into: String,
        /// Ngày quyết định có hiệu lực, dd/mm/yyyy; mặc định hôm nay (the day it took effect; default today)
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        on: Option<NaiveDate>,
    },
    /// Giải thể một đơn vị không còn người hay đơn vị trực thuộc (dissolve an empty unit)
    Dissolve {
        #[arg(long, value_name = "CODE")]
        code: String,
        /// Ngày quyết định có hiệu lực, dd/mm/yyyy; mặc định hôm nay (the day it took effect; default today)
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        on: Option<NaiveDate>,
    },
}

/// Corrections of how a work sheet is read, as for the roster: the header row, what a column holds.
#[derive(Debug, Clone, clap::Args)]
pub struct SheetReadingArgs {
    /// Dòng tiêu đề, khi không tự tìm đúng (the header row, when not found right)
    #[arg(long, value_name = "ROW")]
    pub header_row: Option<usize>,
    /// Cột nào là mục nào, ví dụ H=plan hoặc K=- để bỏ qua; xem mã mục bằng --dry-run --json
    /// (which column is which field; K=- ignores column K)
    #[arg(long = "column", value_name = "LETTER=FIELD")]
    pub columns: Vec<String>,
    /// Giữ nguyên chữ gõ bằng mã TCVN3 hoặc VNI, không chuyển sang Unicode (keep old-encoding text as it is)
    #[arg(long)]
    pub keep_encoding: bool,
}

#[derive(Debug, Subcommand)]
pub enum RosterCommand {
    /// Nhập danh sách từ tệp XLSX hoặc CSV (import from XLSX or CSV); tất cả hoặc không gì cả
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Chỉ kiểm tra và xem trước, không ghi gì (check and preview only)
        #[arg(long)]
        dry_run: bool,
        /// Tạo các đơn vị chưa có, dưới đơn vị của văn phòng (create missing units)
        #[arg(long)]
        create_units: bool,
        /// Dòng tiêu đề, khi không tự tìm đúng (the header row, when not found right)
        #[arg(long, value_name = "ROW")]
        header_row: Option<usize>,
        /// Cột nào là mục nào, ví dụ C=birth_date_male hoặc H=- để bỏ qua; xem mã mục bằng --dry-run --json
        /// (which column is which field; H=- ignores column H)
        #[arg(long = "column", value_name = "LETTER=FIELD")]
        columns: Vec<String>,
        /// Đơn vị của mọi dòng khi tệp không có cột đơn vị; mặc định là đơn vị của văn phòng
        /// (the unit of every row when the file has no unit column; the office's own by default)
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
        /// Giữ nguyên chữ gõ bằng mã TCVN3 hoặc VNI, không chuyển sang Unicode (keep old-encoding text as it is)
        #[arg(long)]
        keep_encoding: bool,
    },
    /// Liệt kê mọi người, xếp theo tên (list everyone, by given name)
    List,
    /// Tìm theo tên, không phân biệt dấu (find by name, diacritics optional)
    Find {
        #[arg(value_name = "TEXT")]
        text: String,
    },
    /// Hồ sơ và quá trình công tác của một người (profile and position history)
    Show {
        #[arg(value_name = "PERSON_ID")]
        person_id: String,
    },
    /// Xuất danh sách ra tệp XLSX hoặc CSV (export to XLSX or CSV)
    Export {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

/// dd/mm/yyyy, as every date is written in Vietnam.
fn parse_date(text: &str) -> Result<NaiveDate, String> {
    domain::dates::parse_vn_date(text).ok_or_else(|| format!("ngày không hợp lệ (dd/mm/yyyy): {text}"))
}

#[derive(Debug, Subcommand)]
pub enum TargetsCommand {
    /// Liệt kê chỉ tiêu của một năm với kết quả, tỷ lệ hoàn thành, trạng thái (list with figures)
    List {
        #[arg(long)]
        year: i32,
        /// Chỉ đơn vị này và các đơn vị trực thuộc (only this unit and those below it)
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<NaiveDate>,
    },
    /// Nhập chỉ tiêu từ XLSX hoặc CSV; tất cả hoặc không gì cả (import, all or nothing)
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        reading: SheetReadingArgs,
    },
    /// Xuất chỉ tiêu và kết quả ra XLSX, cùng cột với tệp nhập (export in the import's columns)
    Export {
        #[arg(long)]
        year: i32,
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
        #[arg(long, short = 'o', value_name = "FILE")]
        output: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProgressCommand {
    /// Nhập kết quả theo kỳ từ XLSX hoặc CSV, kèm tệp minh chứng; tất cả hoặc không gì cả
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        reading: SheetReadingArgs,
    },
    /// Xuất kết quả theo kỳ ra XLSX, cùng cột với tệp nhập (export in the import's columns)
    Export {
        #[arg(long)]
        year: i32,
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
        #[arg(long, short = 'o', value_name = "FILE")]
        output: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProductsCommand {
    /// Nhập kế hoạch và kết quả thẩm định sản phẩm từ XLSX hoặc CSV; tất cả hoặc không gì cả (import, all or nothing)
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        reading: SheetReadingArgs,
    },
    /// Xuất sản phẩm ra XLSX, cùng cột với tệp nhập (export in the import's columns)
    Export {
        #[arg(long)]
        year: i32,
        /// Kỳ T1…T12 hoặc Q1…Q4; bỏ trống để xuất cả năm (period)
        #[arg(long, value_name = "PERIOD")]
        period: Option<String>,
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
        #[arg(long, short = 'o', value_name = "FILE")]
        output: PathBuf,
    },
    /// Các lần sửa kế hoạch của một sản phẩm, kế hoạch trước mỗi lần sửa (a product's plan changes)
    History {
        /// Mã sản phẩm (product id), xem bằng: thuocdo --json products list
        #[arg(long, value_name = "ID")]
        id: String,
    },
    /// Liệt kê sản phẩm với điểm (list products with their scores)
    List {
        #[arg(long)]
        year: i32,
        #[arg(long, value_name = "PERIOD")]
        period: Option<String>,
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
        /// Mã người (person id), xem bằng: thuocdo roster find <tên>
        #[arg(long, value_name = "ID")]
        person: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PeriodsCommand {
    /// Các kỳ của năm mà văn phòng đã mở, đang mở hay đã khóa (the year's periods)
    List {
        #[arg(long)]
        year: i32,
    },
    /// Mở kỳ đánh giá (open a period); mở lại kỳ đã mở thì không đổi gì
    Open {
        #[arg(long)]
        year: i32,
        /// T1…T12 hoặc Q1…Q4
        #[arg(long, value_name = "PERIOD")]
        period: String,
    },
    /// Khóa kỳ: điểm của kỳ không còn thay đổi (close a period)
    Close {
        #[arg(long)]
        year: i32,
        #[arg(long, value_name = "PERIOD")]
        period: String,
    },
    /// Điểm của từng người trong kỳ: tiêu chí chung, kết quả nhiệm vụ từ sản phẩm, tổng, mức; kỳ còn thiếu (a period's points)
    Show {
        #[arg(long)]
        year: i32,
        #[arg(long, value_name = "PERIOD")]
        period: String,
        #[arg(long, value_name = "CODE")]
        unit: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum AssessCommand {
    /// Nhập điểm tiêu chí chung từ XLSX hoặc CSV (import general-criteria points, all or nothing)
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        reading: SheetReadingArgs,
    },
    /// Xuất điểm tiêu chí chung ra XLSX, cùng cột với tệp nhập (export in the import's columns)
    Export {
        #[arg(long)]
        year: i32,
        #[arg(long, value_name = "PERIOD")]
        period: Option<String>,
        #[arg(long, value_name = "CODE")]
        unit: String,
        #[arg(long, short = 'o', value_name = "FILE")]
        output: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum FactsCommand {
    /// Dữ kiện của năm của một người hoặc một đơn vị (show the facts of a year)
    Show {
        /// Mã người (person id) hoặc mã đơn vị (unit code)
        #[arg(long, value_name = "ID|CODE")]
        subject: String,
        #[arg(long)]
        year: i32,
    },
    /// Ghi dữ kiện của năm; chỉ các mục được ghi mới thay đổi (set the facts; only what is given changes)
    Set {
        #[arg(long, value_name = "ID|CODE")]
        subject: String,
        #[arg(long)]
        year: i32,
        /// Kỷ luật: none, reprimand (khiển trách), warning (cảnh cáo), dismissal (cách chức trở lên)
        #[arg(long, value_name = "KIND")]
        discipline: Option<String>,
        #[arg(long, value_name = "N")]
        months_worked: Option<u32>,
        #[arg(long, value_name = "N")]
        months_absent: Option<u32>,
        /// Tỷ lệ phiếu tín nhiệm thấp, ví dụ 35,5; "none" khi không lấy phiếu
        #[arg(long, value_name = "PERCENT")]
        low_confidence: Option<String>,
        /// Hạn chế đã chỉ ra đã khắc phục chưa: yes / no
        #[arg(long, value_name = "YES|NO")]
        shortcomings_fixed: Option<String>,
        /// Đơn vị được công nhận tiêu biểu: yes / no
        #[arg(long, value_name = "YES|NO")]
        outstanding_unit: Option<String>,
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum BreakthroughCommand {
    /// Liệt kê nhiệm vụ đột phá của một năm (list a year's tasks)
    List {
        #[arg(long)]
        year: i32,
        /// Chỉ những nhiệm vụ chưa hoàn thành (only unfinished ones: the attention list)
        #[arg(long)]
        unfinished: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum FeedbackCommand {
    /// Ghi điểm (0–100) một người đánh giá cho một cán bộ; mỗi người chỉ đánh giá một lần trong năm (give one rating)
    Give {
        #[arg(long)]
        year: i32,
        /// Mã người được đánh giá (person id of the cadre rated)
        #[arg(long, value_name = "ID")]
        rated: String,
        /// Mã người đánh giá (person id of the rater); chỉ dùng để chặn đánh giá hai lần, không gắn với điểm
        #[arg(long, value_name = "ID")]
        rater: String,
        /// Nhóm người đánh giá theo bộ quy tắc: superior, peers, subordinates, grassroots, people …
        #[arg(long, value_name = "GROUP")]
        group: String,
        #[arg(long, value_name = "POINTS")]
        points: String,
    },
    /// Kết quả theo nhóm, chỉ hiện khi đủ số người đánh giá tối thiểu (summary by group)
    Summary {
        #[arg(long)]
        year: i32,
        #[arg(long, value_name = "ID")]
        person: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum MeetingsCommand {
    /// Liệt kê các hội nghị với mã (list meetings with their id)
    List,
    /// Mở hội nghị kiểm điểm của một đơn vị cho một năm (open a review meeting)
    Open {
        #[arg(long)]
        year: i32,
        #[arg(long, value_name = "CODE")]
        unit: String,
        /// Ngày họp dd/mm/yyyy
        #[arg(long, value_name = "DATE")]
        held_on: String,
        #[arg(long, default_value = "")]
        place: String,
        /// Chủ trì (chair)
        #[arg(long, default_value = "")]
        chair: String,
        /// Thư ký (secretary)
        #[arg(long, default_value = "")]
        secretary: String,
    },
    /// Ghi thành phần: số được triệu tập, số có mặt (attendance)
    Attend {
        #[arg(long, value_name = "MEETING_ID")]
        meeting: String,
        #[arg(long)]
        invited: u32,
        #[arg(long)]
        present: u32,
        /// Lý do vắng mặt (who was absent and why)
        #[arg(long, default_value = "")]
        absent_note: String,
    },
    /// Ghi kết quả biểu quyết về một đối tượng (record the vote on a subject)
    Vote {
        #[arg(long, value_name = "MEETING_ID")]
        meeting: String,
        /// Mã đối tượng: mã người hoặc mã đơn vị (tập thể), xem bằng: thuocdo meetings show
        #[arg(long, value_name = "SUBJECT_ID")]
        subject: String,
        /// ballot (bỏ phiếu kín) hoặc hands (giơ tay)
        #[arg(long, default_value = "ballot")]
        method: String,
        #[arg(long, default_value_t = 0)]
        excellent: u32,
        #[arg(long, default_value_t = 0)]
        good: u32,
        #[arg(long, default_value_t = 0)]
        completed: u32,
        #[arg(long, default_value_t = 0)]
        not_completed: u32,
    },
    /// Đề xuất của bộ phận tham mưu (the organisation staff's proposal); khác mức tính theo quy định thì phải ghi lý do
    Propose {
        #[arg(long, value_name = "MEETING_ID")]
        meeting: String,
        #[arg(long, value_name = "SUBJECT_ID")]
        subject: String,
        /// excellent, good, completed, not_completed (hoặc tên mức bằng tiếng Việt)
        #[arg(long, value_name = "LEVEL")]
        level: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Quyết định mức xếp loại (decide a level); khác đề xuất thì phải ghi lý do
    Decide {
        #[arg(long, value_name = "MEETING_ID")]
        meeting: String,
        #[arg(long, value_name = "SUBJECT_ID")]
        subject: String,
        /// excellent, good, completed, not_completed
        #[arg(long, value_name = "LEVEL")]
        level: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Khóa kết quả hội nghị: không còn thay đổi (lock the results)
    Lock {
        #[arg(long, value_name = "MEETING_ID")]
        meeting: String,
    },
    /// Biên bản tóm tắt: thành phần, biểu quyết, quyết định (a meeting's attendance, votes and decisions)
    Show {
        #[arg(value_name = "MEETING_ID")]
        id: String,
    },
}

/// What every printed document takes: where to write it, a fixed date for identical bytes, the header format.
#[derive(Debug, clap::Args)]
pub struct PrintArgs {
    /// Tệp cần ghi: .pdf để in, .docx để sửa trong Word trước khi in (output file: .pdf, or .docx for Word)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: PathBuf,
    /// Ngày cố định dd/mm/yyyy cho ngày ghi trên văn bản và ngày tạo tệp: cùng dữ liệu cho cùng tệp (fixed date)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub fixed_date: Option<NaiveDate>,
    /// Thể thức: party (Đảng, HD 36) hoặc state (Nhà nước, NĐ 30); mặc định theo loại văn bản (header format)
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub header: Option<HeaderArg>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum HeaderArg {
    Party,
    State,
}

#[derive(Debug, Subcommand)]
pub enum PrintCommand {
    /// Biên bản hội nghị kiểm điểm (a review meeting's minutes)
    Minutes {
        #[arg(long, value_name = "MEETING_ID")]
        meeting: String,
        #[command(flatten)]
        print: PrintArgs,
    },
    /// Phiếu tự đánh giá, xếp loại của một người: cả năm, hoặc một quý (Q3) hay một tháng (T9) (a person's form)
    Form {
        #[arg(long, value_name = "PERSON_ID")]
        person: String,
        #[arg(long)]
        year: i32,
        /// Quý hoặc tháng, ví dụ Q3, T9; bỏ trống là cả năm (quarter or month; the year when left out)
        #[arg(long, value_name = "PERIOD")]
        period: Option<String>,
        #[command(flatten)]
        print: PrintArgs,
    },
    /// Báo cáo kiểm điểm tập thể (a unit's collective report)
    Collective {
        #[arg(long, value_name = "CODE")]
        unit: String,
        #[arg(long)]
        year: i32,
        #[command(flatten)]
        print: PrintArgs,
    },
    /// Danh sách kết quả đánh giá, xếp loại của đơn vị và các đơn vị trực thuộc (the list of results)
    Results {
        #[arg(long, value_name = "CODE")]
        unit: String,
        #[arg(long)]
        year: i32,
        #[command(flatten)]
        print: PrintArgs,
    },
    /// Danh sách tổng hợp kết quả đánh giá tháng (hoặc quý) của đơn vị và các đơn vị trực thuộc: điểm, mức,
    /// sản phẩm đã thẩm định, kỳ còn thiếu (a unit's monthly summary list)
    Monthly {
        #[arg(long, value_name = "CODE")]
        unit: String,
        #[arg(long)]
        year: i32,
        /// Tháng hoặc quý đã mở, ví dụ T3, Q1 (a month or quarter the office opened)
        #[arg(long, value_name = "PERIOD")]
        period: String,
        #[command(flatten)]
        print: PrintArgs,
    },
    /// Bảng chỉ tiêu với kết quả và tỷ lệ hoàn thành (a unit's target sheet)
    Targets {
        #[arg(long, value_name = "CODE")]
        unit: String,
        #[arg(long)]
        year: i32,
        /// Ngày tính số liệu dd/mm/yyyy (figures as of); mặc định hôm nay, tối đa cuối năm
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        #[command(flatten)]
        print: PrintArgs,
    },
    /// Sổ nhiệm vụ đột phá của năm (the breakthrough-task register)
    Breakthrough {
        /// Chỉ đơn vị này và các đơn vị trực thuộc (only this unit and those below it)
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
        #[arg(long)]
        year: i32,
        #[command(flatten)]
        print: PrintArgs,
    },
    /// Chương trình hành động của một cán bộ (an action programme)
    Programme {
        #[arg(long, value_name = "PROGRAMME_ID")]
        id: String,
        #[command(flatten)]
        print: PrintArgs,
    },
    /// In một danh sách của văn phòng như cửa sổ liệt kê (print one of the office's lists)
    List {
        #[arg(value_enum)]
        list: ListArg,
        #[command(flatten)]
        scope: ListScopeArgs,
        #[command(flatten)]
        print: PrintArgs,
    },
    /// Báo cáo tổng hợp kết quả năm, có biểu đồ (the year's summary report, with charts)
    Summary {
        #[arg(long)]
        year: i32,
        /// Mã đơn vị (unit code); mặc định đơn vị của văn phòng
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
        /// Số liệu đến ngày dd/mm/yyyy (as of); mặc định hôm nay, tối đa cuối năm
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        #[command(flatten)]
        print: PrintArgs,
    },
    /// Báo cáo thống kê đội ngũ cán bộ, có biểu đồ (personnel statistics report, with charts)
    Stats {
        /// Mã đơn vị (unit code); mặc định đơn vị của văn phòng
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
        /// Tính đến ngày dd/mm/yyyy (as of); mặc định hôm nay
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        #[command(flatten)]
        print: PrintArgs,
    },
}
