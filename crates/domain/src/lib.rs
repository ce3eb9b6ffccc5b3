//! Pure types and rules of Thước Đo. Nothing here touches a database, a file or a window, so every rule is
//! tested in microseconds and read in one place.

pub mod dates;
pub mod lang;
pub mod numbers;
pub mod org;
pub mod profile;
pub mod roster;
pub mod text;

pub use lang::Lang;
