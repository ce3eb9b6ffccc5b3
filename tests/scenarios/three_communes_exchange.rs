//! Three communes and their province over a year (seed 002, `002_4a60a090c4d0cb88.txt`: the province gathers the
//! results of the units below it — "kết nạp được 2.100/2.000 chỉ tiêu được giao" — and compares equivalent
//! positions, "có sự so sánh giữa các vị trí tương đương và công khai kết quả"; seed 001 adds that the evaluation
//! is monthly, "as a basis for synthesizing the results of the whole year"). Each commune keeps its own office and
//! sends its year up on a USB stick as a signed bundle; the province enrols the three keys, imports the bundles and
//! ranks the commune secretaries from imported data only; it assigns a commune a new target and sends it down; the
//! commune reports on it monthly and the next bundle up (sequence 2) carries the figures. A bundle replayed or one
//! arriving before the bundle it follows is refused and changes nothing. Driven through the real `thuocdo` binary.

mod support;

use serde_json::Value;
use std::path::PathBuf;
use support::{array, run_thuocdo, Run};
use tempfile::TempDir;

const PROVINCE: &str = "SL";
const YEAR: &str = "2026";
const AS_OF: &str = "31/12/2026";
const GROUP: &str = "bi_thu_xa";
const PROVINCE_DB: &str = "province.db";

/// Several offices, each a database in one temporary directory (the USB stick is the directory itself).
struct Offices {
    dir: TempDir,
}

impl Offices {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, db: &str, args: &[&str]) -> Run {
        run_thuocdo(self.dir.path(), &self.path(db), args)
    }

    fn json(&self, db: &str, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        self.run(db, &all).ok().json()
    }

    /// `bundle export` from `db` to `destination` into the folder `usb`; the receipt and the file's path.
    fn export(&self, db: &str, destination: &str) -> (Value, String) {
        std::fs::create_dir_all(self.path("usb")).unwrap();
        let receipt = self.json(db, &["bundle", "export", "--to", destination, "-o", "usb/"]);
        let path = self.path("usb").join(receipt["file_name"].as_str().unwrap());
        assert!(path.is_file(), "{receipt}");
        (receipt, path.to_str().unwrap().to_string())
    }

    /// Enrols `holder`'s key at `at` for the unit `code`, with the fingerprint read from `keys show --json`.
    fn enrol(&self, at: &str, holder: &str, code: &str) {
        let file = format!("{code}.pub");
        self.run(holder, &["keys", "export", "-o", &file]).ok();
        let fingerprint = self.json(holder, &["keys", "show"])["fingerprint"].as_str().unwrap().to_string();
        let enrolled = self.json(at, &["keys", "enrol", &file, "--unit-code", code, "--fingerprint", &fingerprint]);
        assert_eq!(enrolled["newly_enrolled"], true, "{enrolled}");
    }

    /// What an office shows of a unit's year: its targets with figures, and its commune secretaries ranked.
    fn targets(&self, db: &str, unit: &str) -> Vec<Value> {
        array(self.json(db, &["targets", "list", "--year", YEAR, "--unit", unit, "--as-of", AS_OF]))
    }

    fn compare(&self, db: &str) -> Vec<Value> {
        array(self.json(db, &["compare", "--year", YEAR, "--group", GROUP, "--as-of", AS_OF])["rows"].take())
    }

    /// Everything the province shows as JSON, to compare before and after a refusal.
    fn listing(&self, db: &str) -> Vec<Value> {
        vec![
            self.json(db, &["targets", "list", "--year", YEAR, "--as-of", AS_OF]),
            self.json(db, &["compare", "--year", YEAR, "--group", GROUP, "--as-of", AS_OF]),
            self.json(db, &["units", "list"]),
            self.json(db, &["bundle", "status"]),
        ]
    }
}

/// A ranked row without its rank, which depends on who else is in the table.
fn unranked(mut row: Value) -> Value {
    row.as_object_mut().unwrap().remove("rank");
    row
}

/// A target line without the id of its unit, which for the commune's own unit is each office's own record of it.
fn without_unit_id(mut line: Value) -> Value {
    line.as_object_mut().unwrap().remove("unit_id");
    line
}

struct Commune {
    db: String,
    code: String,
    name: String,
}

#[test]
fn three_communes_report_up_and_receive_an_assignment_and_an_approval_down() {
    let offices = Offices { dir: tempfile::tempdir().unwrap() };

    // Three commune offices from the demo generator, three seeds, three different communes of the same province.
    let communes: Vec<Commune> = [11u64, 12, 13]
        .iter()
        .map(|seed| {
            let db = format!("commune-{seed}.db");
            let demo = offices.json(&db, &["demo", "--scale", "commune", "--seed", &seed.to_string()]);
            assert_eq!(demo["year"].as_u64(), Some(2026));
            let status = offices.json(&db, &["status"]);
            assert_eq!(status["superior_code"], PROVINCE);
            Commune { db, code: status["unit_code"].as_str().unwrap().into(), name: status["unit_name"].as_str().unwrap().into() }
        })
        .collect();
    let mut codes: Vec<&str> = communes.iter().map(|c| c.code.as_str()).collect();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), 3, "three different communes: {codes:?}");

    // The province: a new office whose unit is the communes' superior, the three communes added below it.
    offices
        .run(PROVINCE_DB, &["init", "--unit-name", "Tỉnh Sông Lam", "--unit-code", PROVINCE, "--level", "province", "--admin", "admin"])
        .ok();
    for c in &communes {
        offices
            .run(PROVINCE_DB, &["units", "add", "--code", &c.code, "--name", &c.name, "--level", "commune", "--parent-code", PROVINCE])
            .ok();
        offices.enrol(PROVINCE_DB, &c.db, &c.code);
    }
    assert!(offices.compare(PROVINCE_DB).is_empty(), "the province has no cadre of its own to rank");
    assert!(offices.targets(PROVINCE_DB, &communes[0].code).is_empty());

    // Round 1: each commune sends its year up. Commune B's stick arrives late: the province imports A's and C's.
    let round_1: Vec<(Value, String)> = communes.iter().map(|c| offices.export(&c.db, PROVINCE)).collect();
    for (receipt, _) in &round_1 {
        assert_eq!(receipt["sequence"].as_u64(), Some(1), "{receipt}");
        assert!(receipt["counts"]["targets"].as_u64().unwrap() > 0, "{receipt}");
    }
    for i in [0, 2] {
        let imported = offices.json(PROVINCE_DB, &["bundle", "import", &round_1[i].1]);
        assert_eq!((imported["applied"].as_bool(), imported["sequence"].as_u64()), (Some(true), Some(1)), "{imported}");
    }

    // The province assigns commune B a new target and sends it down; B enrols the province's key and imports it.
    let b = &communes[1];
    let assignment = offices.path("giao-chi-tieu.xlsx");
    let headers = ["Năm", "Mã đơn vị", "Nhóm nhiệm vụ", "Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Văn bản giao"];
    let row = [YEAR, &b.code, "Phát triển kinh tế - xã hội", "TR-1", "Trồng rừng tập trung", "ha", "120", "Quyết định số 30-QĐ/UBND"];
    let cells = vec![row.iter().map(|c| tabular::Cell::Text(c.to_string())).collect()];
    tabular::write_xlsx(&assignment, "Trang 1", &headers, &cells).unwrap();
    offices.run(PROVINCE_DB, &["targets", "import", assignment.to_str().unwrap()]).ok();
    let (down, down_file) = offices.export(PROVINCE_DB, &b.code);
    assert_eq!((down["direction"].as_str(), down["sequence"].as_u64()), (Some("down"), Some(1)), "{down}");
    offices.enrol(&b.db, PROVINCE_DB, PROVINCE);
    let imported = offices.json(&b.db, &["bundle", "import", &down_file]);
    assert_eq!(imported["applied"], true, "{imported}");
    let at_b = offices.targets(&b.db, &b.code);
    let assigned = at_b.iter().find(|t| t["code"] == "TR-1").expect("the assigned target is in the commune's list");
    assert_eq!((assigned["unit_code"].as_str(), assigned["plan_text"].as_str()), (Some(b.code.as_str()), Some("120")));

    // Round 2: B reports its planting month by month and sends sequence 2 up.
    let progress = offices.path("ket-qua-trong-rung.xlsx");
    let headers = ["Năm", "Mã đơn vị", "Mã chỉ tiêu", "Kỳ", "Thực hiện", "Ghi chú"];
    let cells: Vec<Vec<tabular::Cell>> = [("T10", "30"), ("T11", "45"), ("T12", "50")]
        .iter()
        .map(|(month, value)| {
            [YEAR, &b.code, "TR-1", month, value, "Báo cáo tháng"].iter().map(|c| tabular::Cell::Text(c.to_string())).collect()
        })
        .collect();
    tabular::write_xlsx(&progress, "Trang 1", &headers, &cells).unwrap();
    offices.run(&b.db, &["progress", "import", progress.to_str().unwrap()]).ok();
    let (round_2, round_2_file) = offices.export(&b.db, PROVINCE);
    assert_eq!(round_2["sequence"].as_u64(), Some(2), "{round_2}");
    assert!(round_2["counts"]["progress_reports"].as_u64() == Some(3), "{round_2}");

    // B's round 2 before its round 1: refused with the gap code, naming the missing number; nothing written.
    let before = offices.listing(PROVINCE_DB);
    let gap = offices.run(PROVINCE_DB, &["--json", "bundle", "import", &round_2_file]).fails();
    assert_eq!(gap.json()["error"]["code"], "exchange.bundle_gap", "{}", gap.stdout);
    assert!(gap.json()["error"]["message"].as_str().unwrap().contains("số 1"), "{}", gap.stdout);
    let mut after = offices.listing(PROVINCE_DB);
    // The refusal itself is logged in the status board; everything else is as before.
    let line = array(after[3].clone()).into_iter().find(|l| l["source_unit"] == b.code.as_str() && l["direction"] == "in");
    assert_eq!(line.as_ref().map(|l| l["last_code"].clone()), Some(Value::from("exchange.bundle_gap")), "{line:?}");
    after[3] = before[3].clone();
    assert_eq!(after, before, "a refused bundle writes nothing");

    // B's round 1 arrives, then round 2 follows it.
    for file in [&round_1[1].1, &round_2_file] {
        let imported = offices.json(PROVINCE_DB, &["bundle", "import", file]);
        assert_eq!(imported["applied"], true, "{imported}");
    }

    // Replaying B's round 1 now that round 2 is in: refused with the replay code, nothing written.
    let before = offices.listing(PROVINCE_DB);
    let replay = offices.run(PROVINCE_DB, &["--json", "bundle", "import", &round_1[1].1]).fails();
    assert_eq!(replay.json()["error"]["code"], "exchange.bundle_replay", "{}", replay.stdout);
    let mut after = offices.listing(PROVINCE_DB);
    after[3] = before[3].clone();
    assert_eq!(after, before, "a replayed bundle writes nothing");

    // The province's view of each commune is exactly what the commune shows for itself, and the comparison table
    // ranks the three secretaries from the imported data.
    let table = offices.compare(PROVINCE_DB);
    assert_eq!(table.len(), 3, "{table:?}");
    for c in &communes {
        // The commune's own unit is the province's record of it, matched by code (EXCHANGE.md): its id differs.
        let (seen, own) = (offices.targets(PROVINCE_DB, &c.code), offices.targets(&c.db, &c.code));
        let (seen, own) =
            (seen.into_iter().map(without_unit_id).collect::<Vec<_>>(), own.into_iter().map(without_unit_id).collect::<Vec<_>>());
        assert!(own.len() >= 13, "{own:?}");
        assert_eq!(seen, own, "{}'s targets", c.code);
        let own: Vec<Value> = offices.compare(&c.db).into_iter().map(unranked).collect();
        assert_eq!(own.len(), 1, "{own:?}");
        let seen: Vec<Value> =
            table.iter().cloned().map(unranked).filter(|r| r["unit_code"].as_str().unwrap().starts_with(&format!("{}-", c.code))).collect();
        assert_eq!(seen, own, "{}'s secretary", c.code);
    }
    let ranks: Vec<u64> = table.iter().map(|r| r["rank"].as_u64().unwrap()).collect();
    assert_eq!(ranks, [1, 2, 3]);
    let planted = offices.targets(PROVINCE_DB, &b.code).into_iter().find(|t| t["code"] == "TR-1").unwrap();
    assert_eq!((planted["actual_text"].as_str(), planted["reports"].as_u64()), (Some("125"), Some(3)), "{planted}");

    // The province acknowledges B's round 2 with a signed receipt; B records it and its status shows it.
    let usb = offices.path("usb");
    let written =
        offices.json(PROVINCE_DB, &["bundle", "receipt", "--from", &b.code, "--sequence", "2", "-o", &format!("{}/", usb.display())]);
    let receipt_file = written["path"].as_str().expect("receipt written").to_string();
    assert!(receipt_file.ends_with(&format!("{}-{PROVINCE}-000002.bien-nhan.tdr", b.code)), "{receipt_file}");
    let acknowledged = offices.json(&b.db, &["bundle", "acknowledge", &receipt_file]);
    assert_eq!((acknowledged["sequence"].as_u64(), acknowledged["newly_recorded"].as_bool()), (Some(2), Some(true)), "{acknowledged}");
    let sent = array(offices.json(&b.db, &["bundle", "status"]));
    let up = sent.iter().find(|l| l["direction"] == "out" && l["destination_unit"] == PROVINCE).expect("B's chain up");
    assert_eq!(up["acknowledged_sequence"].as_u64(), Some(2), "{up}");

    // The province approves B's year with its decision and the collective's level; the board shows it.
    let approved = array(offices.json(
        PROVINCE_DB,
        &["bundle", "approve", "--unit-code", &b.code, "--year", YEAR, "--decision", "Quyết định số 45-QĐ/TU", "--level", "good"],
    ));
    assert_eq!(approved[0]["given_here"], true, "{approved:?}");
    let board = array(offices.json(PROVINCE_DB, &["bundle", "status", "--period", YEAR]));
    let line = board.iter().find(|l| l["unit_code"] == b.code.as_str()).unwrap();
    assert_eq!(line["approval_decision"], "Quyết định số 45-QĐ/TU", "{line}");

    // The approval (and the receipt of round 1) travel down in the next bundle; at B the year is now locked.
    let (down, down_file) = offices.export(PROVINCE_DB, &b.code);
    assert_eq!(down["sequence"].as_u64(), Some(2), "{down}");
    let imported = offices.json(&b.db, &["bundle", "import", &down_file]);
    assert_eq!((imported["applied"].as_bool(), imported["receipts"].as_u64()), (Some(true), Some(1)), "{imported}");
    let at_b = array(offices.json(&b.db, &["bundle", "approvals"]));
    assert_eq!((at_b.len(), at_b[0]["given_here"].as_bool(), at_b[0]["collective_level"].as_str()), (1, Some(false), Some("good")));
    let before = offices.targets(&b.db, &b.code);
    let late = offices.path("bao-cao-muon.xlsx");
    let cells =
        vec![[YEAR, &b.code, "TR-1", "T12", "60", "Báo cáo sau phê duyệt"].iter().map(|c| tabular::Cell::Text(c.to_string())).collect()];
    tabular::write_xlsx(&late, "Trang 1", &["Năm", "Mã đơn vị", "Mã chỉ tiêu", "Kỳ", "Thực hiện", "Ghi chú"], &cells).unwrap();
    let refused = offices.run(&b.db, &["--json", "progress", "import", late.to_str().unwrap()]).fails();
    assert_eq!(refused.json()["error"]["code"], "store.year_approved", "{}", refused.stdout);
    assert_eq!(offices.targets(&b.db, &b.code), before, "nothing of the approved year changed");
}
