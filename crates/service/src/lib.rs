//! Use cases of Thước Đo: one function per user action, with its permission check and its transaction.
//! The desktop shell and the CLI both call only this crate; neither holds logic of its own.

pub mod app;
pub mod audit;
mod auth;
pub mod automatic_backup;
pub mod backup;
pub mod bench;
mod catalog;
pub mod demo;
mod error;
pub mod evaluation;
pub mod exchange;
pub mod figures;
pub mod first_steps;
mod keyring;
pub mod layout_view;
pub mod lists;
mod office;
pub mod overview;
pub mod printing;
mod records;
mod recovery;
pub mod roster;
pub mod statistics;
pub mod templates;
mod tsv;
mod unit_tree;
mod units;
mod users;
pub mod words;
pub mod work;
pub mod year_summary;

pub use auth::{Permission, Role, Session, MIN_PASSWORD_CHARS};
pub use domain::Lang;
pub use error::{ErrorBody, FieldIssue, Result, ServiceError};
pub use keyring::{raw_database, unlocked_store};
pub use office::{create_office, NewOffice, Office, OfficeSummary};
pub use recovery::recover;
pub use units::{MergeOutcome, NewUnit, UnitChange, UnitChangeKind, UnitItem};
pub use users::{NewUser, PasswordChanged, UserItem};

/// Where the office database lives: the path given (`--db`), else `THUOCDO_DB`, else the user's data directory
/// (`~/.local/share/thuocdo/thuocdo.db` on Linux, `%LOCALAPPDATA%\thuocdo\thuocdo.db` on Windows: the local folder,
/// not the roaming one, which a domain may copy to a server at each logon). One rule for the window and the CLI.
pub fn database_location(given: Option<&std::path::Path>) -> std::path::PathBuf {
    if let Some(path) = given {
        return path.to_path_buf();
    }
    if let Some(path) = std::env::var_os("THUOCDO_DB") {
        return std::path::PathBuf::from(path);
    }
    dirs::data_local_dir().unwrap_or_else(std::env::temp_dir).join("thuocdo").join("thuocdo.db")
}
