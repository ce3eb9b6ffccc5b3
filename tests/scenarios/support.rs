//! What the scenario tests share: an office in a temporary directory driven through the real `thuocdo` binary,
//! and spreadsheets written the way offices write them.

#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use tabular::Cell;
use tempfile::TempDir;

pub const PASSWORD: &str = "Mật khẩu 2026";

/// One run of the real binary on the database `db`, from the folder `dir`, with the scenario's password.
pub fn run_thuocdo(dir: &Path, db: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_thuocdo"))
        .arg("--db")
        .arg(db)
        .args(args)
        .current_dir(dir)
        .env_remove("THUOCDO_DB")
        .env("THUOCDO_PASSWORD", PASSWORD)
        .stdin(Stdio::null())
        .output()
        .expect("the thuocdo binary runs");
    Run {
        code: output.status.code().expect("thuocdo exits rather than being killed"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn ok(self) -> Run {
        assert_eq!(self.code, 0, "expected success\nstdout: {}\nstderr: {}", self.stdout, self.stderr);
        self
    }

    #[track_caller]
    pub fn fails(self) -> Run {
        assert_eq!(self.code, 1, "expected exit 1\nstdout: {}\nstderr: {}", self.stdout, self.stderr);
        assert!(!self.stderr.trim().is_empty(), "a failure must say why on stderr");
        self
    }

    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

pub struct Scenario {
    pub dir: TempDir,
}

impl Scenario {
    /// A new office (`init`) of the given unit, with the admin password from the environment.
    pub fn office(name: &str, code: &str, level: &str, parent: &str) -> Scenario {
        let scenario = Scenario { dir: tempfile::tempdir().expect("temporary directory") };
        scenario
            .run(&["init", "--unit-name", name, "--unit-code", code, "--level", level, "--parent-code", parent, "--admin", "admin"])
            .ok();
        scenario
    }

    pub fn db(&self) -> PathBuf {
        self.path("office.db")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run_thuocdo(self.dir.path(), &self.db(), args)
    }

    pub fn add_unit(&self, code: &str, name: &str, level: &str, parent: &str) {
        self.run(&["units", "add", "--code", code, "--name", name, "--level", level, "--parent-code", parent]).ok();
    }

    /// Writes a sheet: text cells, except numbers written as real Excel numbers.
    pub fn sheet(&self, name: &str, headers: &[&str], rows: &[Vec<&str>]) -> PathBuf {
        let path = self.path(name);
        let cells: Vec<Vec<Cell>> = rows
            .iter()
            .map(|row| row.iter().map(|c| if c.is_empty() { Cell::Empty } else { Cell::Text(c.to_string()) }).collect())
            .collect();
        tabular::write_xlsx(&path, "Trang 1", headers, &cells).expect("sheet written");
        path
    }

    pub fn file(&self, path: &Path) -> String {
        path.to_str().expect("UTF-8 path").to_string()
    }
}

pub fn array(value: Value) -> Vec<Value> {
    match value {
        Value::Array(items) => items,
        other => panic!("expected an array, got {other}"),
    }
}
