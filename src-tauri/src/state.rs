//! What the window keeps between commands: the open office and who is logged in.

use service::{Lang, Office, Session};
use std::path::PathBuf;
use std::sync::Mutex;

pub struct AppState {
    pub database: PathBuf,
    pub lang: Mutex<Lang>,
    pub office: Mutex<Option<Office>>,
    pub session: Mutex<Option<Session>>,
}

impl AppState {
    pub fn new(database: PathBuf) -> Self {
        AppState { database, lang: Mutex::new(Lang::Vi), office: Mutex::new(None), session: Mutex::new(None) }
    }
}

/// THUOCDO_DB when set (tests point it at a temporary file), else the user's data directory, as the CLI does.
pub fn database_path() -> PathBuf {
    service::database_location(None)
}
