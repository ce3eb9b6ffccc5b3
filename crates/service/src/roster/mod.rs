//! The roster: importing it from offices' spreadsheets, listing, searching, exporting.

mod edit;
mod export;
mod import;
mod query;
mod report;

pub use edit::PersonInput;
pub use import::ImportOptions;
pub use query::{HistoryItem, PersonProfile, RosterItem};
pub use report::{ImportIssue, ImportReport, PlannedUnit, PreviewAction, PreviewRow};
