//! What the desktop window exchanges with the shell before anyone has logged in.

use crate::office::NewOffice;
use domain::Lang;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The first thing the window asks: is there an office yet, and who is logged in.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AppStatus {
    pub database: String,
    pub has_office: bool,
    pub logged_in: Option<String>,
    pub lang: Lang,
    /// Shown on the login screen after "Open demo data", as the README states it.
    pub demo_password: String,
}

/// The first-run form: the office's unit, its administrator and the password that also guards the signing key.
#[derive(Clone, Deserialize, TS)]
#[ts(export)]
pub struct SetupInput {
    pub unit_name: String,
    pub unit_code: String,
    pub level: String,
    pub parent_code: Option<String>,
    pub admin: String,
    pub password: String,
}

/// Written by hand so that the password never reaches a log.
impl std::fmt::Debug for SetupInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SetupInput").field("unit_code", &self.unit_code).field("admin", &self.admin).finish_non_exhaustive()
    }
}

impl SetupInput {
    pub fn office(&self) -> NewOffice {
        NewOffice {
            unit_name: self.unit_name.clone(),
            unit_code: self.unit_code.clone(),
            level: self.level.clone(),
            parent_code: self.parent_code.clone().filter(|c| !c.trim().is_empty()),
            admin: self.admin.clone(),
        }
    }
}
