use serde::{Deserialize, Serialize};

/// Which type the documents are set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FontChoice {
    /// Liberation Serif, shipped in assets/fonts (metric-compatible with Times New Roman).
    Liberation,
    /// The system's Times New Roman when installed; Liberation Serif otherwise.
    SystemTimes,
}

/// Whether a Times New Roman family is installed on this machine.
pub fn system_times_available() -> bool {
    false
}
