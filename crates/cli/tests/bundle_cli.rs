//! The exchange commands against the real `thuocdo` binary: `keys enrol`, `bundle export`, `bundle import [--dry-run]`
//! and `bundle status`, their JSON and exit codes; the stock `minisign` and `sha256sum` checking an exported bundle
//! with the file from `keys export`; and an import killed with SIGKILL at many moments, after which the database is
//! sound and holds exactly the state before or the state after the import.

mod common;

use common::Run;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;
use tempfile::TempDir;

const PASSWORD: &str = "Mật khẩu 2026";
const PROVINCE: &str = "SL";

/// A demo commune and its province, each a database in one temporary directory, driven through the binary.
struct Offices {
    dir: TempDir,
    commune_code: String,
}

impl Offices {
    fn new() -> Offices {
        let dir = tempfile::tempdir().unwrap();
        let mut offices = Offices { dir, commune_code: String::new() };
        let demo = offices.run("commune.db", &["--json", "demo", "--scale", "commune", "--seed", "3"]).ok().json();
        offices.commune_code = demo["office_unit"].as_str().unwrap().to_string();
        offices
            .run(
                "province.db",
                &["init", "--unit-name", "Tỉnh Sông Lam", "--unit-code", PROVINCE, "--level", "province", "--admin", "admin"],
            )
            .ok();
        let code = offices.commune_code.clone();
        offices
            .run(
                "province.db",
                &["units", "add", "--code", &code, "--name", "Xã trong bản demo", "--level", "commune", "--parent-code", PROVINCE],
            )
            .ok();
        offices
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn command(&self, db: &str, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_thuocdo"));
        command
            .arg("--db")
            .arg(self.path(db))
            .args(args)
            .current_dir(self.dir.path())
            .env_remove("THUOCDO_DB")
            .env("THUOCDO_PASSWORD", PASSWORD)
            .stdin(Stdio::null());
        command
    }

    fn run(&self, db: &str, args: &[&str]) -> Run {
        let output = self.command(db, args).output().expect("the thuocdo binary runs");
        Run {
            code: output.status.code().expect("thuocdo exits rather than being killed"),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        }
    }

    /// `keys export` of the commune and its fingerprint from `keys show`.
    fn commune_key(&self) -> (PathBuf, String) {
        self.run("commune.db", &["keys", "export", "-o", "commune.pub"]).ok();
        let shown = self.run("commune.db", &["--json", "keys", "show"]).ok().json();
        (self.path("commune.pub"), shown["fingerprint"].as_str().unwrap().to_string())
    }

    fn enrol_commune(&self) {
        let (file, fingerprint) = self.commune_key();
        let code = self.commune_code.clone();
        self.run("province.db", &["keys", "enrol", file.to_str().unwrap(), "--unit-code", &code, "--fingerprint", &fingerprint]).ok();
    }

    /// `bundle export` from the commune into the folder `out`; the receipt.
    fn export(&self) -> Value {
        std::fs::create_dir_all(self.path("out")).unwrap();
        self.run("commune.db", &["--json", "bundle", "export", "--to", PROVINCE, "-o", "out"]).ok().json()
    }
}

/// Every row of every table of the database at `path`, through the store.
/// Copies an office's database with the key file that opens it.
fn copy_office(from: &Path, to: &Path) {
    std::fs::copy(from, to).unwrap();
    std::fs::copy(format!("{}.keys", from.display()), format!("{}.keys", to.display())).unwrap();
}

fn dump(path: &Path) -> BTreeMap<String, Vec<String>> {
    service::unlocked_store(path, None, PASSWORD).unwrap().read().content_dump().unwrap()
}

fn tool(dir: &Path, program: &str, args: &[&str]) -> std::process::Output {
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("`{program}` must be installed ({e})"))
}

#[test]
// Runs on Linux; under the Wine runner (tests/windows/run.sh) the tool it calls is not there.
#[cfg_attr(windows, ignore = "verifies the bundle with minisign, unzip and sha256sum, Unix tools here")]
fn enrol_export_import_and_status_through_the_command_line() {
    let offices = Offices::new();
    let code = offices.commune_code.clone();
    let (key_file, fingerprint) = offices.commune_key();
    let key = key_file.to_str().unwrap();

    // Enrolment: a wrong fingerprint is refused with its code, the right one (typed loosely) pins the key.
    let wrong = offices
        .run("province.db", &["--json", "keys", "enrol", key, "--unit-code", &code, "--fingerprint", "0000-0000-0000-0000"])
        .fails(1);
    assert_eq!(wrong.json()["error"]["code"], "exchange.fingerprint_mismatch");
    assert!(wrong.stderr.contains("không khớp"), "{}", wrong.stderr);
    let typed = fingerprint.to_lowercase().replace('-', " ");
    let enrolled = offices.run("province.db", &["--json", "keys", "enrol", key, "--unit-code", &code, "--fingerprint", &typed]).ok().json();
    assert_eq!((enrolled["unit_code"].as_str(), enrolled["newly_enrolled"].as_bool()), (Some(code.as_str()), Some(true)));
    let text = offices.run("province.db", &["keys", "enrol", key, "--unit-code", &code, "--fingerprint", &fingerprint]).ok().stdout;
    assert!(text.contains("đã được đăng ký"), "{text}");
    let missing =
        offices.run("province.db", &["--json", "keys", "enrol", "none.pub", "--unit-code", &code, "--fingerprint", &fingerprint]).fails(1);
    assert_eq!(missing.json()["error"]["code"], "tabular.not_found");
    // Re-enrolment with a new chain is refused while the pinned key works, and says to revoke it first.
    let args = ["keys", "enrol", key, "--unit-code", &code, "--fingerprint", &fingerprint, "--new-chain", "Mất máy"];
    let refused = offices.run("province.db", &args).fails(1);
    assert!(refused.stderr.contains("chưa bị thu hồi"), "{}", refused.stderr);

    // Export into a folder: the conventional file name, sequence 1.
    let receipt = offices.export();
    let file_name = format!("{code}-{PROVINCE}-000001.tdb");
    assert_eq!((receipt["file_name"].as_str(), receipt["sequence"].as_u64()), (Some(file_name.as_str()), Some(1)));
    let bundle = offices.path("out").join(&file_name);
    assert!(bundle.is_file());
    assert!(receipt["counts"]["targets"].as_u64().unwrap() > 0);
    let text = offices.run("commune.db", &["bundle", "export", "--to", PROVINCE, "-o", "out/second.tdb"]).ok().stdout;
    assert!(text.contains("out/second.tdb") && text.contains("số 2"), "{text}");
    assert_eq!(
        offices.run("commune.db", &["--json", "bundle", "export", "--to", "XA-KHAC", "-o", "out"]).fails(1).json()["error"]["code"],
        "exchange.no_route"
    );

    // The stock tools check the bundle: minisign with the public key file from `keys export`, sha256sum against
    // the manifest.
    let unpacked = offices.path("unpacked");
    std::fs::create_dir_all(&unpacked).unwrap();
    let unzip = tool(&unpacked, "unzip", &["-q", bundle.to_str().unwrap()]);
    assert!(unzip.status.success(), "{unzip:?}");
    let verified = tool(&unpacked, "minisign", &["-V", "-p", key, "-m", "manifest.json"]);
    let said = String::from_utf8_lossy(&verified.stdout);
    assert!(verified.status.success(), "minisign -V: {said} {}", String::from_utf8_lossy(&verified.stderr));
    assert!(said.contains(&format!("thuocdo-bundle source={code} destination={PROVINCE} sequence=1")), "{said}");
    let manifest: Value = serde_json::from_slice(&std::fs::read(unpacked.join("manifest.json")).unwrap()).unwrap();
    let sums: String = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{}  {}\n", f["sha256"].as_str().unwrap(), f["path"].as_str().unwrap()))
        .collect();
    std::fs::write(unpacked.join("SHA256SUMS"), sums).unwrap();
    let checked = tool(&unpacked, "sha256sum", &["--strict", "-c", "SHA256SUMS"]);
    assert!(checked.status.success(), "{}", String::from_utf8_lossy(&checked.stdout));
    let tampered = unpacked.join("payload/targets.jsonl");
    let mut content = std::fs::read(&tampered).unwrap();
    content[10] ^= 1;
    std::fs::write(&tampered, content).unwrap();
    assert!(!tool(&unpacked, "sha256sum", &["--strict", "-c", "SHA256SUMS"]).status.success());

    // Dry run: the preview, nothing written.
    let before = dump(&offices.path("province.db"));
    let bundle_arg = bundle.to_str().unwrap();
    let preview = offices.run("province.db", &["--json", "bundle", "import", bundle_arg, "--dry-run"]).ok().json();
    assert_eq!((preview["applied"].as_bool(), preview["verdict"].as_str()), (Some(false), Some("next")));
    let targets = preview["kinds"].as_array().unwrap().iter().find(|k| k["kind"] == "targets").unwrap().clone();
    assert_eq!(targets["new"], receipt["counts"]["targets"]);
    assert_eq!(dump(&offices.path("province.db")), before, "a dry run writes nothing");
    let shown = offices.run("province.db", &["bundle", "import", bundle_arg, "--dry-run"]).ok().stdout;
    assert!(shown.contains("Xem trước") && shown.contains("targets"), "{shown}");

    // Import, then the same file again.
    let imported = offices.run("province.db", &["--json", "bundle", "import", bundle_arg]).ok().json();
    assert_eq!((imported["applied"].as_bool(), imported["sequence"].as_u64()), (Some(true), Some(1)));
    let again = offices.run("province.db", &["bundle", "import", bundle_arg]).ok().stdout;
    assert!(again.contains("đã được nhập trước đây"), "{again}");
    let listed = offices.run("province.db", &["--json", "targets", "list", "--year", "2026", "--unit", &code]).ok().json();
    assert_eq!(listed.as_array().unwrap().len() as u64, receipt["counts"]["targets"].as_u64().unwrap());

    // Refusals: exit 1, the code in JSON, the Vietnamese message on stderr.
    let refused = offices.run("province.db", &["--json", "bundle", "import", key]).fails(1);
    assert_eq!(refused.json()["error"]["code"], "exchange.bundle_not_zip");
    assert!(refused.stderr.contains("không phải gói dữ liệu"), "{}", refused.stderr);
    let nowhere = offices.run("province.db", &["--json", "bundle", "import", "none.tdb"]).fails(1);
    assert_eq!(nowhere.json()["error"]["code"], "tabular.not_found");

    // Status on both sides.
    let status = offices.run("province.db", &["--json", "bundle", "status"]).ok().json();
    let chains = status.as_array().unwrap();
    let line = chains.iter().find(|l| l["source_unit"] == code.as_str()).unwrap();
    assert_eq!(
        (line["direction"].as_str(), line["last_sequence"].as_u64(), line["last_outcome"].as_str()),
        (Some("in"), Some(1), Some("already"))
    );
    let unnamed = chains.iter().find(|l| l["source_unit"].is_null()).expect("the refused key file, which named no sender");
    assert_eq!((unnamed["refused"].as_u64(), unnamed["last_code"].as_str()), (Some(1), Some("exchange.bundle_not_zip")));
    let sent = offices.run("commune.db", &["--lang", "en", "bundle", "status"]).ok().stdout;
    assert!(sent.contains("sent") && sent.contains(&code) && sent.contains(" 2 "), "{sent}");

    // The completeness board for the year the commune sent.
    let board = offices.run("province.db", &["--json", "bundle", "status", "--period", "2026"]).ok().json();
    let line = board.as_array().unwrap().iter().find(|l| l["unit_code"] == code.as_str()).expect("the commune on the board");
    assert_eq!((line["state"].as_str(), line["key_enrolled"].as_bool()), (Some("sent"), Some(true)));
    let text = offices.run("province.db", &["bundle", "status", "--period", "2026"]).ok().stdout;
    assert!(text.contains("đã gửi") && text.contains(&code), "{text}");
    let bad = offices.run("province.db", &["--json", "bundle", "status", "--period", "2026-13"]).fails(1);
    assert_eq!(bad.json()["error"]["code"], "period.bad");
}

#[test]
fn bundle_commands_have_help_and_usage_errors_exit_2() {
    let offices = Offices::new();
    for args in [
        &["bundle"][..],
        &["bundle", "export", "-o", "x.tdb"],
        &["bundle", "export", "--to", "SL"],
        &["bundle", "import"],
        &["keys", "enrol", "x.pub"],
    ] {
        let run = offices.run("province.db", args).fails(2);
        assert!(run.stdout.is_empty(), "{args:?}");
    }
    for command in ["bundle", "bundle export", "bundle import", "bundle status", "keys enrol"] {
        let mut args: Vec<&str> = command.split_whitespace().collect();
        args.push("--help");
        let run = offices.run("province.db", &args).ok();
        assert!(run.stdout.contains(&format!("Usage: thuocdo {command}")), "{command}:\n{}", run.stdout);
    }
}

/// Timestamps of the moment of import (when a bundle was accepted, logged, an evidence file or alias stored, the
/// audit entry, and so the audit entry's hash) differ between two runs of the same import; everything else must be
/// identical.
fn masked(dump: BTreeMap<String, Vec<String>>) -> BTreeMap<String, Vec<String>> {
    const STAMPED: [&str; 6] = ["audit_log", "bundle_chain", "bundle_log", "evidence_files", "exchange_aliases", "issued_receipts"];
    dump.into_iter()
        .map(|(table, rows)| {
            let rows = if STAMPED.contains(&table.as_str()) {
                let mut rows: Vec<String> = rows.iter().map(|r| mask_hashes(&mask_times(r))).collect();
                rows.sort();
                rows
            } else {
                rows
            };
            (table, rows)
        })
        .collect()
}

/// Replaces every run of 64 hexadecimal digits (an audit entry's hash, which covers its time) by `H`.
fn mask_hashes(text: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_hexdigit() {
            run.push(c);
            continue;
        }
        out.push_str(if run.len() == 64 { "H" } else { &run });
        run.clear();
        out.push(c);
    }
    out.pop();
    out
}

/// Replaces every `YYYY-MM-DDTHH:MM:SS…Z` in `text` by `T`.
fn mask_times(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let looks_like_time = i + 20 <= chars.len()
            && chars[i..i + 4].iter().all(char::is_ascii_digit)
            && chars[i + 4] == '-'
            && chars[i + 10] == 'T'
            && chars[i + 13] == ':';
        if looks_like_time {
            let mut j = i + 10;
            while j < chars.len() && chars[j] != 'Z' {
                j += 1;
            }
            out.push('T');
            i = j + 1;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Where a kill landed: before the import wrote anything, while it was writing (uncommitted pages in the
/// write-ahead log), or after its commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Landed {
    Before,
    Writing,
    After,
}

/// Reports a month of the commune's first target with two incompressible 3 MB scans as evidence.
fn attach_scans(db: &Path, dir: &Path) {
    use service::work::{Period, ProgressInput, TargetFilter};
    std::fs::create_dir_all(dir).unwrap();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let scans: Vec<String> = (0..2)
        .map(|i| {
            let bytes: Vec<u8> = (0..3 * 1024 * 1024)
                .map(|_| {
                    state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                    (state >> 56) as u8
                })
                .collect();
            let path = dir.join(format!("scan-{i}.pdf"));
            std::fs::write(&path, bytes).unwrap();
            path.display().to_string()
        })
        .collect();
    let (mut office, session) = service::Office::unlock(db, None, PASSWORD).unwrap();
    let filter = TargetFilter { year: 2026, unit_code: None, as_of: None };
    let target = office.targets(&session, &filter, service::Lang::Vi).unwrap().remove(0);
    let input =
        ProgressInput { target_id: target.id, period: Period::Month(12), value: "1".into(), comment: String::new(), evidence: scans };
    office.report_progress(&session, &input).unwrap();
}

#[test]
fn an_import_killed_at_any_moment_leaves_the_database_before_or_after() {
    let offices = Offices::new();
    offices.enrol_commune();
    // Two scans of a few megabytes as evidence of a report, so that the import writes more than SQLite keeps in its
    // page cache and pages reach the write-ahead log before the commit: a kill then interrupts real writing.
    attach_scans(&offices.path("commune.db"), &offices.path("scans"));
    let receipt = offices.export();
    assert_eq!(receipt["attachments"].as_u64(), Some(2));
    let bundle = receipt["path"].as_str().map(|p| offices.dir.path().join(p)).unwrap();
    let bundle = bundle.to_str().unwrap().to_string();
    let province = offices.path("province.db");
    let before = masked(dump(&province));

    // The state after, and how long a whole import takes.
    copy_office(&province, &offices.path("after.db"));
    let started = Instant::now();
    offices.run("after.db", &["bundle", "import", &bundle]).ok();
    let whole = started.elapsed();
    let after = masked(dump(&offices.path("after.db")));
    assert_ne!(before, after);

    // Kills the import `delay` after it starts, checks the database and says where the kill landed.
    let mut attempt = 0;
    let mut kill_at = |delay: std::time::Duration| -> Landed {
        attempt += 1;
        let name = format!("killed-{attempt}.db");
        let path = offices.path(&name);
        copy_office(&province, &path);
        let mut child = offices.command(&name, &["bundle", "import", &bundle]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        // Frames in the write-ahead log of a database left as before: the import was writing when it was killed.
        let wal = std::fs::metadata(format!("{}-wal", path.display())).map_or(0, |m| m.len());
        let conn = service::raw_database(&path, None, PASSWORD).unwrap();
        let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(integrity, "ok", "killed after {delay:?}");
        drop(conn);
        let state = masked(dump(&path));
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        if state == before {
            if wal > 0 {
                Landed::Writing
            } else {
                Landed::Before
            }
        } else if state == after {
            Landed::After
        } else {
            let differing: Vec<&String> =
                state.keys().filter(|t| state.get(*t) != before.get(*t) && state.get(*t) != after.get(*t)).collect();
            panic!("killed after {delay:?} of a {whole:?} import: neither before nor after; tables {differing:?}");
        }
    };

    // From at once to well past the end, evenly; then, if no kill caught the import writing, more between the
    // latest kill that left the state before and the earliest that left it after (where the writing is).
    let steps = 24u32;
    let mut landed: Vec<(std::time::Duration, Landed)> = (0..=steps)
        .map(|step| {
            let delay = whole.mul_f64(1.3 * f64::from(step) / f64::from(steps));
            (delay, kill_at(delay))
        })
        .collect();
    for _ in 0..24 {
        if landed.iter().any(|(_, l)| *l == Landed::Writing) {
            break;
        }
        let latest_before = landed.iter().filter(|(_, l)| *l == Landed::Before).map(|(d, _)| *d).max().unwrap_or_default();
        let earliest_after = landed.iter().filter(|(_, l)| *l == Landed::After).map(|(d, _)| *d).min().unwrap_or(whole * 2);
        let delay = latest_before + (earliest_after.saturating_sub(latest_before)).mul_f64(0.5 + 0.4 * (landed.len() % 3) as f64 / 3.0);
        landed.push((delay, kill_at(delay)));
    }
    let count = |which: Landed| landed.iter().filter(|(_, l)| *l == which).count();
    eprintln!(
        "a {whole:?} import killed {} times: {} before it wrote, {} while it wrote, {} after its commit",
        landed.len(),
        count(Landed::Before),
        count(Landed::Writing),
        count(Landed::After)
    );
    assert!(count(Landed::Before) > 0 && count(Landed::After) > 0, "{landed:?}");
    assert!(count(Landed::Writing) > 0, "no kill landed while the import was writing: {landed:?}");
    // A killed import is not a refused bundle: once killed before the commit, the same file imports normally.
    let last = offices.path("killed-again.db");
    copy_office(&province, &last);
    offices.run("killed-again.db", &["bundle", "import", &bundle]).ok();
    assert_eq!(masked(dump(&last)), after);
}

#[test]
fn a_skipped_sequence_is_imported_only_with_allow_gap_and_a_reason() {
    let offices = Offices::new();
    offices.enrol_commune();
    offices.export();
    let second = offices.export();
    let file = format!("out/{}", second["file_name"].as_str().unwrap());
    let gap = offices.run("province.db", &["--json", "bundle", "import", &file]).fails(1);
    assert_eq!(gap.json()["error"]["code"], "exchange.bundle_gap");
    let no_reason = offices.run("province.db", &["--json", "bundle", "import", &file, "--allow-gap"]).fails(1);
    assert_eq!(no_reason.json()["error"]["code"], "exchange.gap_reason_required");
    offices.run("province.db", &["bundle", "import", &file, "--reason", "thiếu --allow-gap"]).fails(2);
    let reason = "gói số 1 bị mất";
    let preview =
        offices.run("province.db", &["--json", "bundle", "import", &file, "--dry-run", "--allow-gap", "--reason", reason]).ok().json();
    assert_eq!(preview["applied"].as_bool(), Some(false));
    let imported = offices.run("province.db", &["--json", "bundle", "import", &file, "--allow-gap", "--reason", reason]).ok().json();
    assert_eq!((imported["applied"].as_bool(), imported["sequence"].as_u64()), (Some(true), Some(2)));
    let audit = dump(&offices.path("province.db")).remove("audit_log").unwrap();
    assert!(audit.iter().any(|row| row.contains("bundle.import_gap") && row.contains(reason)), "{audit:?}");
}

#[test]
fn keys_rotate_list_and_revoke_through_the_command_line() {
    let offices = Offices::new();
    let code = offices.commune_code.clone();
    offices.enrol_commune();
    let first = offices.export();
    offices.run("province.db", &["bundle", "import", first["path"].as_str().unwrap()]).ok();

    // A new key at the commune: `keys show` then shows it, and the next bundle announces it to the province.
    let rotated = offices.run("commune.db", &["--json", "keys", "rotate"]).ok().json();
    let shown = offices.run("commune.db", &["--json", "keys", "show"]).ok().json();
    assert_eq!(rotated["fingerprint"], shown["fingerprint"], "{rotated}");
    assert_eq!(rotated["must_enrol_again"], false);
    let second = offices.export();
    assert_eq!(second["counts"]["key_announcements"], 1, "{second}");
    let imported = offices.run("province.db", &["--json", "bundle", "import", second["path"].as_str().unwrap()]).ok().json();
    assert_eq!(imported["key_announced"], rotated["key_id"], "{imported}");
    let keys = offices.run("province.db", &["--json", "keys", "list"]).ok().json();
    assert_eq!(keys["enrolled"][0]["fingerprint"], rotated["fingerprint"], "{keys}");

    // Revocation needs a reason; then the province lists it and refuses the commune's next bundle with it.
    let blank = offices.run("province.db", &["--json", "keys", "revoke", "--unit-code", &code, "--reason", " "]).fails(1);
    assert_eq!(blank.json()["error"]["code"], "exchange.revocation_reason_required");
    let revoked = offices.run("province.db", &["--json", "keys", "revoke", "--unit-code", &code, "--reason", "Mất máy"]).ok().json();
    assert_eq!((revoked["unit_code"].as_str(), revoked["key_id"].as_str()), (Some(code.as_str()), rotated["key_id"].as_str()));
    let keys = offices.run("province.db", &["keys", "list"]).ok();
    assert!(keys.stdout.contains("đã thu hồi") && keys.stdout.contains("Mất máy"), "{}", keys.stdout);
    let third = offices.export();
    let refused = offices.run("province.db", &["--json", "bundle", "import", third["path"].as_str().unwrap()]).fails(1);
    assert_eq!(refused.json()["error"]["code"], "exchange.key_revoked", "{}", refused.stdout);
    assert!(refused.json()["error"]["message"].as_str().unwrap().contains("Mất máy"), "{}", refused.stdout);
}
