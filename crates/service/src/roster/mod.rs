//! The roster: importing it from offices' spreadsheets, listing, searching, exporting.

mod edit;
mod export;
mod import;
mod query;
mod report;

/// The 54 ethnic groups a profile may record, by their census names (the person form suggests them).
pub use domain::ethnicity::ETHNIC_GROUPS;
pub use edit::PersonInput;
pub use import::ImportOptions;
pub use query::{HistoryItem, PersonProfile, RosterItem};
pub use report::{ImportIssue, ImportReport, PlannedUnit, PreviewAction, PreviewRow};
