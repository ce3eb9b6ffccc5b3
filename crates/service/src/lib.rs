//! Use cases of Thước Đo: one function per user action, with its permission check and its transaction.
//! The desktop shell and the CLI both call only this crate; neither holds logic of its own.

pub mod app;
mod auth;
pub mod bench;
mod catalog;
pub mod demo;
mod error;
mod office;
mod records;
pub mod roster;
mod tsv;
mod units;

pub use auth::{Role, Session, MIN_PASSWORD_CHARS};
pub use domain::Lang;
pub use error::{ErrorBody, FieldIssue, Result, ServiceError};
pub use office::{create_office, NewOffice, Office, OfficeSummary};
pub use units::{NewUnit, UnitItem};

/// Where the office database lives when no path is given: the user's data directory.
pub fn default_database_file(data_dir: &std::path::Path) -> std::path::PathBuf {
    data_dir.join("thuocdo").join("thuocdo.db")
}
