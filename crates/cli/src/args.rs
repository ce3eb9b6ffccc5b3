//! The command line, as promised in the CLI contract of the foundation issue. Help is Vietnamese first.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "thuocdo",
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
    /// In đường dẫn tệp cơ sở dữ liệu đang dùng, không cần đăng nhập (print the database path in use)
    Path,
    /// Khoá ký của văn phòng (the office signing key)
    Keys {
        #[command(subcommand)]
        command: KeysCommand,
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
pub enum ScaleArg {
    Commune,
    Province,
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Mã khoá và dấu vân tay (key id and fingerprint)
    Show,
    /// Xuất khoá công khai dạng minisign (export the minisign public key file)
    Export {
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
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
