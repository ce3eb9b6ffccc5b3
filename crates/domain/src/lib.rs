//! Pure types and rules of Thước Đo. Nothing here touches a database, a file or a window, so every rule is
//! tested in microseconds and read in one place.

pub mod breakthrough;
pub mod dates;
pub mod ethnicity;
pub mod evaluation;
pub mod lang;
pub mod numbers;
pub mod org;
pub mod products;
pub mod profile;
pub mod programmes;
pub mod quantity;
pub mod roster;
pub mod ruleset;
pub mod scoring;
pub mod sheet_layout;
pub mod statistics;
pub mod targets;
pub mod text;

pub use lang::Lang;
