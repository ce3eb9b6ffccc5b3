//! The bundle format end to end, with real files: round trip (records, an attachment, a relayed
//! bundle that verifies with its own source's key), byte-identical output, interoperability with
//! the stock `minisign` and `sha256sum` tools, and a corpus of bad input that must each be refused
//! with the right code and never panic.

use std::collections::BTreeMap;
use std::fs;
use std::io::{Cursor, Read as _, Write as _};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use chrono::{TimeZone as _, Utc};
use proptest::prelude::*;
use serde_json::{json, Value};
use thuocdo_exchange::bundle::{
    bundle_file_name, check_sequence, sha256_hex, Accepted, BundleBuilder, BundleHeader, Limits, Manifest, RulesetRef, SequenceVerdict,
    UnverifiedBundle, VerifiedBundle, CURRENT_VERSION,
};
use thuocdo_exchange::{ExchangeError, OfficeKeyPair, PublicKey};
use zip::unstable::write::FileOptionsExt as _;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

// ---------------------------------------------------------------------------------------------
// Helpers

fn header(source: &str, destination: &str, sequence: u64, previous: Option<String>) -> BundleHeader {
    BundleHeader {
        source_unit: source.into(),
        destination_unit: destination.into(),
        sequence,
        previous,
        created_at: Utc.with_ymd_and_hms(2025, 12, 20, 8, 30, 0).unwrap(),
        ruleset: Some(RulesetRef { code: "HD36-2025".into(), version: "1".into() }),
        periods: vec!["2025".into()],
    }
}

fn people() -> Vec<Value> {
    vec![
        json!({"id": "0190f6c2-0000-7000-8000-000000000001", "owner_unit": "XA-TANLAP", "revision": 3, "name": "Nguyễn Thị Hoà"}),
        json!({"id": "0190f6c2-0000-7000-8000-000000000002", "owner_unit": "XA-TANLAP", "revision": 1, "name": "Trần Văn Đức\nline"}),
    ]
}

const SCAN: &[u8] = b"%PDF-1.7\n% scanned minutes of the year-end review\n%%EOF\n";

/// A commune's first bundle to its district.
fn commune_bundle(commune: &OfficeKeyPair) -> Vec<u8> {
    let mut b = BundleBuilder::new(header("XA-TANLAP", "HUYEN-A", 1, None));
    b.add_records("people", people()).unwrap();
    b.add_records("targets", [json!({"id": "t1", "owner_unit": "XA-TANLAP", "revision": 1, "points": 8750})]).unwrap();
    b.add_attachment(SCAN);
    b.finish(commune).unwrap()
}

/// The district's third bundle to the province, relaying the commune's.
fn district_bundle(district: &OfficeKeyPair, relayed: &[u8]) -> Vec<u8> {
    let mut b = BundleBuilder::new(header("HUYEN-A", "TINH-X", 3, Some("ab".repeat(32))));
    b.add_records("people", people()).unwrap();
    b.add_records("results", Vec::new()).unwrap();
    b.add_attachment(SCAN.to_vec());
    b.add_relayed(&bundle_file_name("XA-TANLAP", "HUYEN-A", 1), relayed).unwrap();
    b.finish(district).unwrap()
}

fn open(bytes: &[u8]) -> Result<UnverifiedBundle, ExchangeError> {
    UnverifiedBundle::open(bytes, &Limits::default())
}

fn open_and_verify(bytes: &[u8], key: &PublicKey) -> Result<VerifiedBundle, ExchangeError> {
    open(bytes)?.verify(key)
}

fn code_of(bytes: &[u8], key: &PublicKey) -> &'static str {
    match open_and_verify(bytes, key) {
        Ok(_) => "accepted",
        Err(e) => e.code(),
    }
}

/// Every entry of a zip, in archive order.
fn entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().to_owned(), data)
        })
        .collect()
}

/// The options a bundle is written with (the reader refuses other header values).
fn canonical(name: &str) -> SimpleFileOptions {
    let deflated = name.starts_with("payload/");
    SimpleFileOptions::default()
        .compression_method(if deflated { CompressionMethod::Deflated } else { CompressionMethod::Stored })
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644)
}

/// Writes a zip directly with the zip crate, as an attacker or a broken tool would.
fn rezip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        w.start_file(name.as_str(), canonical(name)).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn replace(entries: &mut [(String, Vec<u8>)], name: &str, data: Vec<u8>) {
    entries.iter_mut().find(|(n, _)| n == name).unwrap().1 = data;
}

fn get<'a>(entries: &'a [(String, Vec<u8>)], name: &str) -> &'a [u8] {
    &entries.iter().find(|(n, _)| n == name).unwrap().1
}

/// SHA-256 of an entry's bytes as packed in the zip.
fn packed_sha256(bytes: &[u8], name: &str) -> String {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut raw = Vec::new();
    let index = archive.index_for_name(name).unwrap();
    archive.by_index_raw(index).unwrap().read_to_end(&mut raw).unwrap();
    sha256_hex(&raw)
}

fn run(dir: &Path, program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("`{program}` must be installed ({e})"))
}

fn describe(out: &Output) -> String {
    format!("status {:?}\nstdout: {}\nstderr: {}", out.status, String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

// ---------------------------------------------------------------------------------------------
// Round trip

#[test]
fn round_trip_through_files_with_a_relayed_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let commune = OfficeKeyPair::generate();
    let district = OfficeKeyPair::generate();
    let relayed = commune_bundle(&commune);
    let bytes = district_bundle(&district, &relayed);
    let name = bundle_file_name("HUYEN-A", "TINH-X", 3);
    assert_eq!(name, "HUYEN-A-TINH-X-000003.tdb");
    fs::write(dir.path().join(&name), &bytes).unwrap();
    let read_back = fs::read(dir.path().join(&name)).unwrap();

    let unverified = open(&read_back).unwrap();
    let claimed = unverified.claimed();
    assert_eq!((claimed.source_unit.as_str(), claimed.destination_unit.as_str(), claimed.sequence), ("HUYEN-A", "TINH-X", 3));
    assert_eq!(claimed.version, CURRENT_VERSION);
    assert_eq!(claimed.source_key_id, district.key_id().to_string());
    let manifest_sha = unverified.manifest_sha256().to_owned();
    assert_eq!(manifest_sha, sha256_hex(unverified.manifest_bytes()));

    let bundle = unverified.verify(&district.public_key()).unwrap();
    let m: &Manifest = bundle.manifest();
    assert_eq!(m.format, "thuocdo-bundle");
    assert_eq!(m.version, CURRENT_VERSION);
    assert_eq!(m.source.key_id, district.key_id().to_string());
    assert_eq!(m.previous.as_deref(), Some("ab".repeat(32).as_str()));
    assert_eq!(m.periods, vec!["2025".to_owned()]);
    assert_eq!(m.ruleset.as_ref().map(|r| r.code.as_str()), Some("HD36-2025"));
    let paths: Vec<_> = m.files.iter().map(|f| f.path.as_str()).collect();
    let scan_sha = sha256_hex(SCAN);
    assert_eq!(
        paths,
        vec![
            format!("attachments/{scan_sha}").as_str(),
            "payload/people.jsonl",
            "payload/results.jsonl",
            "relayed/XA-TANLAP-HUYEN-A-000001.tdb"
        ]
    );
    assert_eq!(bundle.manifest_sha256(), manifest_sha);
    assert_eq!(bundle.kinds(), vec!["people", "results"]);
    assert_eq!(bundle.records("people").unwrap(), people());
    assert_eq!(bundle.records("results").unwrap(), Vec::<Value>::new());
    assert_eq!(bundle.records("absent").unwrap(), Vec::<Value>::new());
    assert_eq!(bundle.records("Bad-Kind").unwrap_err().code(), "exchange.bundle_invalid");
    assert_eq!(bundle.attachment(&scan_sha), Some(SCAN));
    assert_eq!(bundle.attachments(), vec![scan_sha.as_str()]);
    assert_eq!(bundle.attachment(&sha256_hex(b"other")), None);
    bundle.check_destination("TINH-X").unwrap();
    bundle.check_destination("tinh-x").unwrap();
    assert_eq!(bundle.check_destination("TINH-Y").unwrap_err().code(), "exchange.bundle_wrong_destination");

    // The relayed bundle is the commune's original, verifiable with the commune's own key only.
    let inner = bundle.relayed();
    assert_eq!(inner.len(), 1);
    assert_eq!(inner[0].0, "XA-TANLAP-HUYEN-A-000001.tdb");
    assert_eq!(inner[0].1, relayed.as_slice());
    let inner_bundle = open_and_verify(inner[0].1, &commune.public_key()).unwrap();
    assert_eq!(inner_bundle.manifest().source.unit_code, "XA-TANLAP");
    assert_eq!(inner_bundle.records("targets").unwrap()[0]["points"], json!(8750));
    assert_eq!(inner_bundle.attachment(&scan_sha), Some(SCAN));
    assert_eq!(open_and_verify(inner[0].1, &district.public_key()).unwrap_err().code(), "exchange.bundle_wrong_key");

    // The receiver's replay guard with the commune chain.
    let first = Accepted { sequence: 1, manifest_sha256: inner_bundle.manifest_sha256().to_owned() };
    assert_eq!(check_sequence(None, 1, None, inner_bundle.manifest_sha256()), SequenceVerdict::Next);
    assert_eq!(check_sequence(Some(&first), 1, None, inner_bundle.manifest_sha256()), SequenceVerdict::AlreadyImported);
}

#[test]
fn a_chain_of_bundles_links_by_manifest_hash() {
    let kp = OfficeKeyPair::generate();
    let first = BundleBuilder::new(header("XA-1", "HUYEN-A", 1, None)).build(&kp).unwrap();
    assert_eq!(first.file_name, "XA-1-HUYEN-A-000001.tdb");
    let second = BundleBuilder::new(header("XA-1", "HUYEN-A", 2, Some(first.manifest_sha256.clone()))).build(&kp).unwrap();
    let verified = open_and_verify(&second.bytes, &kp.public_key()).unwrap();
    assert_eq!(verified.manifest_sha256(), second.manifest_sha256);
    let last = Accepted { sequence: 1, manifest_sha256: open(&first.bytes).unwrap().manifest_sha256().to_owned() };
    let m = verified.manifest();
    assert_eq!(check_sequence(Some(&last), m.sequence, m.previous.as_deref(), verified.manifest_sha256()), SequenceVerdict::Next);
}

#[test]
fn the_builder_refuses_what_it_must_not_write() {
    let kp = OfficeKeyPair::generate();
    let invalid = |h: BundleHeader| BundleBuilder::new(h).finish(&kp).unwrap_err().code();
    assert_eq!(invalid(header("XA 1", "H", 1, None)), "exchange.bundle_invalid");
    assert_eq!(invalid(header("XA", "H=1", 1, None)), "exchange.bundle_invalid");
    assert_eq!(invalid(header("XA", "H", 0, None)), "exchange.bundle_invalid");
    assert_eq!(invalid(header("XA", "H", 1, Some("00".repeat(32)))), "exchange.bundle_invalid");
    assert_eq!(invalid(header("XA", "H", 2, None)), "exchange.bundle_invalid");
    assert_eq!(invalid(header("XA", "H", 2, Some("XYZ".into()))), "exchange.bundle_invalid");
    let mut b = BundleBuilder::new(header("XA", "H", 1, None));
    for kind in ["", "People", "a-b", "../x", &"k".repeat(65)] {
        assert_eq!(b.add_records(kind, [json!(1)]).unwrap_err().code(), "exchange.bundle_invalid", "{kind:?}");
    }
    for name in ["../x.tdb", "x.zip", ".tdb", "a/b.tdb"] {
        assert_eq!(b.add_relayed(name, commune_bundle(&kp)).unwrap_err().code(), "exchange.bundle_invalid", "{name:?}");
    }
    assert_eq!(b.add_relayed("garbage.tdb", b"not a bundle".to_vec()).unwrap_err().code(), "exchange.bundle_not_zip");
    b.add_relayed("x.tdb", commune_bundle(&kp)).unwrap();
    assert_eq!(b.add_relayed("x.tdb", commune_bundle(&kp)).unwrap_err().code(), "exchange.bundle_invalid");
}

#[test]
fn identical_inputs_give_identical_bytes() {
    let commune = OfficeKeyPair::generate();
    let district = OfficeKeyPair::generate();
    let relayed = commune_bundle(&commune);
    assert_eq!(relayed, commune_bundle(&commune));
    let a = district_bundle(&district, &relayed);
    let b = district_bundle(&district, &relayed);
    assert_eq!(a, b);
    // Records added in the same order across calls give the same file.
    let mut split = BundleBuilder::new(header("XA-TANLAP", "HUYEN-A", 1, None));
    let all = people();
    split.add_records("people", all[..1].to_vec()).unwrap();
    split.add_records("people", all[1..].to_vec()).unwrap();
    split.add_records("targets", [json!({"id": "t1", "owner_unit": "XA-TANLAP", "revision": 1, "points": 8750})]).unwrap();
    split.add_attachment(SCAN);
    split.add_attachment(SCAN);
    assert_eq!(split.finish(&commune).unwrap(), relayed);
    // And anything different gives other bytes.
    let mut later = header("XA-TANLAP", "HUYEN-A", 1, None);
    later.created_at += chrono::Duration::seconds(1);
    assert_ne!(
        BundleBuilder::new(later).finish(&commune).unwrap(),
        BundleBuilder::new(header("XA-TANLAP", "HUYEN-A", 1, None)).finish(&commune).unwrap()
    );
}

// ---------------------------------------------------------------------------------------------
// Interoperability with standard tools

#[test]
fn minisign_and_sha256sum_check_a_bundle_independently() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let commune = OfficeKeyPair::generate();
    let district = OfficeKeyPair::generate();
    let bytes = district_bundle(&district, &commune_bundle(&commune));
    fs::write(d.join("bundle.tdb"), &bytes).unwrap();
    fs::write(d.join("office.pub"), district.public_key().to_minisign_file()).unwrap();

    // Unpack with the zip crate, as any unzip tool would.
    let mut archive = ZipArchive::new(fs::File::open(d.join("bundle.tdb")).unwrap()).unwrap();
    let unpacked = d.join("unpacked");
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let path = unpacked.join(f.enclosed_name().expect("entry names are safe"));
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        fs::write(path, data).unwrap();
    }
    fs::copy(d.join("office.pub"), unpacked.join("office.pub")).unwrap();

    let manifest_bytes = fs::read(unpacked.join("manifest.json")).unwrap();
    let manifest: Manifest = serde_json::from_slice(&manifest_bytes).unwrap();
    let expected_comment =
        format!("thuocdo-bundle source=HUYEN-A destination=TINH-X sequence=3 manifest-sha256={}", sha256_hex(&manifest_bytes));
    for args in [&["-V", "-p", "office.pub", "-m", "manifest.json"][..], &["-V", "-H", "-p", "office.pub", "-m", "manifest.json"]] {
        let out = run(&unpacked, "minisign", args);
        assert!(out.status.success(), "{}", describe(&out));
        assert!(String::from_utf8_lossy(&out.stdout).contains(&expected_comment), "{}", describe(&out));
    }

    let sums: String = manifest.files.iter().map(|f| format!("{}  {}\n", f.sha256, f.path)).collect();
    fs::write(unpacked.join("SHA256SUMS"), sums).unwrap();
    let out = run(&unpacked, "sha256sum", &["--strict", "-c", "SHA256SUMS"]);
    assert!(out.status.success(), "{}", describe(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout).matches(": OK").count(), manifest.files.len(), "{}", describe(&out));
    for f in &manifest.files {
        assert_eq!(fs::metadata(unpacked.join(&f.path)).unwrap().len(), f.size, "{}", f.path);
    }

    // The tools notice tampering too.
    let mut people = fs::read(unpacked.join("payload/people.jsonl")).unwrap();
    people[10] ^= 1;
    fs::write(unpacked.join("payload/people.jsonl"), people).unwrap();
    let out = run(&unpacked, "sha256sum", &["--strict", "-c", "SHA256SUMS"]);
    assert!(!out.status.success(), "{}", describe(&out));
    fs::write(unpacked.join("manifest.json"), String::from_utf8(manifest_bytes).unwrap().replace("\"sequence\": 3", "\"sequence\": 4"))
        .unwrap();
    let out = run(&unpacked, "minisign", &["-V", "-p", "office.pub", "-m", "manifest.json"]);
    assert!(!out.status.success(), "{}", describe(&out));

    // The stock unzip reads the canonical container without complaint.
    let out = run(d, "unzip", &["-t", "bundle.tdb"]);
    assert!(out.status.success(), "{}", describe(&out));
}

// ---------------------------------------------------------------------------------------------
// Bad input

#[test]
fn every_flipped_byte_is_refused() {
    let kp = OfficeKeyPair::generate();
    let other = OfficeKeyPair::generate();
    let bytes = district_bundle(&kp, &commune_bundle(&other));
    let pk = kp.public_key();
    assert_eq!(code_of(&bytes, &pk), "accepted");
    let mut codes = BTreeMap::<&str, usize>::new();
    for flip in [0xFF, 0x01, 0x80] {
        for i in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[i] ^= flip;
            let code = code_of(&bad, &pk);
            assert!(code.starts_with("exchange.bundle_"), "flip {flip:#x} at {i} of {}: {code}", bytes.len());
            *codes.entry(code).or_default() += 1;
        }
    }
    eprintln!("{} bytes, refusals by code: {codes:?}", bytes.len());
}

#[test]
fn every_truncation_is_refused() {
    let kp = OfficeKeyPair::generate();
    let bytes = commune_bundle(&kp);
    let pk = kp.public_key();
    for len in 0..bytes.len() {
        let code = code_of(&bytes[..len], &pk);
        assert!(code.starts_with("exchange.bundle_"), "cut at {len}: {code}");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(code_of(&longer, &pk), "exchange.bundle_not_zip");
    let mut prefixed = b"MZ".to_vec();
    prefixed.extend_from_slice(&bytes);
    assert!(code_of(&prefixed, &pk).starts_with("exchange.bundle_"));
}

#[test]
fn not_a_zip_or_not_a_bundle() {
    let pk = OfficeKeyPair::generate().public_key();
    assert_eq!(code_of(b"", &pk), "exchange.bundle_not_zip");
    assert_eq!(code_of(b"hello, this is a text file\n", &pk), "exchange.bundle_not_zip");
    assert_eq!(code_of(&rezip(&[("payload/x.jsonl".into(), b"1\n".to_vec())]), &pk), "exchange.bundle_not_a_bundle");
    assert_eq!(code_of(&rezip(&[("manifest.json".into(), br#"{"format":"xlsx"}"#.to_vec())]), &pk), "exchange.bundle_not_a_bundle");
    assert_eq!(code_of(&rezip(&[("manifest.json".into(), b"\xff\xfe".to_vec())]), &pk), "exchange.bundle_not_a_bundle");
}

#[test]
fn signature_problems() {
    let kp = OfficeKeyPair::generate();
    let pk = kp.public_key();
    let bytes = commune_bundle(&kp);

    // Another office's key (different key id).
    let other = OfficeKeyPair::generate().public_key();
    let err = open_and_verify(&bytes, &other).unwrap_err();
    assert_eq!(err, ExchangeError::BundleWrongKey { expected: other.key_id.to_string(), found: kp.key_id().to_string() });
    assert!(err.message_vi().contains("đối chiếu"), "{}", err.message_vi());
    // Same key id, different key material.
    let impostor = PublicKey { key_id: pk.key_id, bytes: other.bytes };
    assert_eq!(code_of(&bytes, &impostor), "exchange.bundle_bad_signature");

    // A trusted comment edited after signing.
    let mut e = entries(&bytes);
    let sig = String::from_utf8(get(&e, "manifest.json.minisig").to_vec()).unwrap();
    assert!(sig.contains("sequence=1 "));
    replace(&mut e, "manifest.json.minisig", sig.replace("sequence=1 ", "sequence=2 ").into_bytes());
    assert_eq!(code_of(&rezip(&e), &pk), "exchange.bundle_bad_signature");

    // A manifest edited after signing (the zip's CRC recomputed, as a tool would).
    let mut e = entries(&bytes);
    let text = String::from_utf8(get(&e, "manifest.json").to_vec()).unwrap();
    assert!(text.contains("\"2025\""));
    replace(&mut e, "manifest.json", text.replace("\"2025\"", "\"2024\"").into_bytes());
    assert_eq!(code_of(&rezip(&e), &pk), "exchange.bundle_bad_signature");

    // A validly signed comment that does not describe the manifest.
    let mut e = entries(&bytes);
    let manifest = get(&e, "manifest.json").to_vec();
    let wrong = format!("thuocdo-bundle source=XA-TANLAP destination=HUYEN-B sequence=1 manifest-sha256={}", sha256_hex(&manifest));
    replace(&mut e, "manifest.json.minisig", kp.sign(&manifest, &wrong, "x").unwrap().into_bytes());
    assert_eq!(code_of(&rezip(&e), &pk), "exchange.bundle_comment_mismatch");

    // Unreadable or missing signature files.
    let mut e = entries(&bytes);
    replace(&mut e, "manifest.json.minisig", b"\xff\xfe garbage".to_vec());
    assert_eq!(code_of(&rezip(&e), &pk), "exchange.bundle_bad_signature");
    let e: Vec<_> = entries(&bytes).into_iter().filter(|(n, _)| n != "manifest.json.minisig").collect();
    assert_eq!(code_of(&rezip(&e), &pk), "exchange.bundle_missing_file");

    // A manifest whose key id is not the signing key's, signed properly.
    let mut e = entries(&bytes);
    let text = String::from_utf8(get(&e, "manifest.json").to_vec()).unwrap();
    let forged = text.replace(&kp.key_id().to_string(), "0123456789ABCDEF").into_bytes();
    let comment = format!("thuocdo-bundle source=XA-TANLAP destination=HUYEN-A sequence=1 manifest-sha256={}", sha256_hex(&forged));
    replace(&mut e, "manifest.json.minisig", kp.sign(&forged, &comment, "x").unwrap().into_bytes());
    replace(&mut e, "manifest.json", forged);
    assert_eq!(code_of(&rezip(&e), &pk), "exchange.bundle_wrong_key");
}

/// Re-signs an edited manifest with the right key, so that the checks after the signature run.
fn resign(e: &mut [(String, Vec<u8>)], kp: &OfficeKeyPair, edit: impl FnOnce(&mut Value)) {
    let mut manifest: Value = serde_json::from_slice(get(e, "manifest.json")).unwrap();
    edit(&mut manifest);
    let mut bytes = serde_json::to_vec_pretty(&manifest).unwrap();
    bytes.push(b'\n');
    let m = &manifest;
    let comment = format!(
        "thuocdo-bundle source={} destination={} sequence={} manifest-sha256={}",
        m["source"]["unit_code"].as_str().unwrap(),
        m["destination"]["unit_code"].as_str().unwrap(),
        m["sequence"],
        sha256_hex(&bytes)
    );
    replace(e, "manifest.json.minisig", kp.sign(&bytes, &comment, "x").unwrap().into_bytes());
    replace(e, "manifest.json", bytes);
}

#[test]
fn files_must_match_the_manifest() {
    let kp = OfficeKeyPair::generate();
    let pk = kp.public_key();
    let bytes = commune_bundle(&kp);

    let mut extra = entries(&bytes);
    extra.push(("payload/extra.jsonl".into(), b"{}\n".to_vec()));
    let err = open_and_verify(&rezip(&extra), &pk).unwrap_err();
    assert_eq!(err, ExchangeError::BundleExtraFile { path: "payload/extra.jsonl".into() });

    let missing: Vec<_> = entries(&bytes).into_iter().filter(|(n, _)| n != "payload/targets.jsonl").collect();
    let err = open_and_verify(&rezip(&missing), &pk).unwrap_err();
    assert_eq!(err, ExchangeError::BundleMissingFile { path: "payload/targets.jsonl".into() });

    let mut altered = entries(&bytes);
    replace(
        &mut altered,
        "payload/people.jsonl",
        people().iter().map(|r| format!("{r}\n")).collect::<String>().replace("Hoà", "Hòa").into_bytes(),
    );
    let err = open_and_verify(&rezip(&altered), &pk).unwrap_err();
    assert_eq!(err, ExchangeError::BundleHashMismatch { path: "payload/people.jsonl".into() });

    // An attachment whose name is not its hash, even when the (re-signed) manifest agrees.
    let mut renamed = entries(&bytes);
    let scan = format!("attachments/{}", sha256_hex(SCAN));
    let fake = format!("attachments/{}", sha256_hex(b"fake"));
    renamed.iter_mut().find(|(n, _)| *n == scan).unwrap().0 = fake.clone();
    resign(&mut renamed, &kp, |m| {
        for f in m["files"].as_array_mut().unwrap() {
            if f["path"] == scan {
                f["path"] = json!(fake);
            }
        }
    });
    assert_eq!(code_of(&rezip(&renamed), &pk), "exchange.bundle_bad_manifest");

    // A signed manifest that lists a malformed record file: verification passes, reading the
    // records names the file and the line.
    let mut bad = entries(&bytes);
    let lines = b"{\"id\":\"t1\"}\n{\"id\": oops}\n".to_vec();
    let (size, sha) = (lines.len(), sha256_hex(&lines));
    replace(&mut bad, "payload/targets.jsonl", lines);
    let packed = packed_sha256(&rezip(&bad), "payload/targets.jsonl");
    resign(&mut bad, &kp, |m| {
        for f in m["files"].as_array_mut().unwrap() {
            if f["path"] == "payload/targets.jsonl" {
                f["size"] = json!(size);
                f["sha256"] = json!(sha);
                f["packed_sha256"] = json!(packed);
            }
        }
    });
    let verified = open_and_verify(&rezip(&bad), &pk).unwrap();
    let err = verified.records("targets").unwrap_err();
    assert!(matches!(&err, ExchangeError::BundleBadRecord { path, line: 2, .. } if path == "payload/targets.jsonl"), "{err:?}");
    assert!(err.message_vi().contains("Dòng 2 của payload/targets.jsonl"), "{}", err.message_vi());
    assert_eq!(verified.records("people").unwrap(), people());

    // Unknown fields in a version-1 manifest are refused once the signature is checked.
    let mut extra_field = entries(&bytes);
    resign(&mut extra_field, &kp, |m| m["note"] = json!("added"));
    assert_eq!(code_of(&rezip(&extra_field), &pk), "exchange.bundle_bad_manifest");
}

#[test]
fn unsafe_and_unknown_entries_are_refused_before_unpacking() {
    let kp = OfficeKeyPair::generate();
    let pk = kp.public_key();
    let valid = entries(&commune_bundle(&kp));
    let with = |name: &str| {
        let mut e = valid.clone();
        e.push((name.to_owned(), b"{}\n".to_vec()));
        rezip(&e)
    };
    for name in [
        "../escape.jsonl",
        "payload/../../escape.jsonl",
        "/etc/cron.d/evil",
        "C:/Windows/evil.dll",
        "payload\\people.jsonl",
        "payload//x.jsonl",
        "dir/",
    ] {
        let bytes = with(name);
        let err = open(&bytes).unwrap_err();
        assert_eq!(err.code(), "exchange.bundle_unsafe_path", "{name}");
        assert_eq!(code_of(&bytes, &pk), "exchange.bundle_unsafe_path");
    }
    for name in ["payload/notes.txt", "readme.txt", "attachments/abc", "relayed/x.zip", "Payload/people.jsonl"] {
        assert_eq!(code_of(&with(name), &pk), "exchange.bundle_unknown_entry", "{name}");
    }

    // A symbolic link, even under an expected name.
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in &valid {
        if name != "payload/people.jsonl" {
            w.start_file(name.as_str(), canonical(name)).unwrap();
            w.write_all(data).unwrap();
        }
    }
    w.add_symlink("payload/people.jsonl", "/etc/passwd", canonical("payload/people.jsonl")).unwrap();
    let bytes = w.finish().unwrap().into_inner();
    assert_eq!(code_of(&bytes, &pk), "exchange.bundle_link");

    // Another writer's header values (a real date, other permissions) are not the canonical layout.
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in &valid {
        w.start_file(name.as_str(), canonical(name).unix_permissions(0o755)).unwrap();
        w.write_all(data).unwrap();
    }
    assert_eq!(code_of(&w.finish().unwrap().into_inner(), &pk), "exchange.bundle_damaged");

    // Encrypted entries.
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in &valid {
        let options = canonical(name);
        let options = if name == "payload/people.jsonl" { options.with_deprecated_encryption(b"secret") } else { options };
        w.start_file(name.as_str(), options).unwrap();
        w.write_all(data).unwrap();
    }
    assert_eq!(code_of(&w.finish().unwrap().into_inner(), &pk), "exchange.bundle_unsupported");
}

#[test]
fn too_many_files_are_refused_before_unpacking() {
    let kp = OfficeKeyPair::generate();
    let mut e = entries(&commune_bundle(&kp));
    let limit = Limits::default().max_files;
    for i in 0..limit {
        e.push((format!("attachments/{}", sha256_hex(&i.to_le_bytes())), Vec::new()));
    }
    let bytes = rezip(&e);
    let err = open(&bytes).unwrap_err();
    assert_eq!(err, ExchangeError::BundleTooManyFiles { count: e.len() as u64, limit });

    // With a tighter limit, an ordinary bundle.
    let small = commune_bundle(&kp);
    let limits = Limits { max_files: 3, ..Limits::default() };
    assert_eq!(UnverifiedBundle::open(&small, &limits).unwrap_err().code(), "exchange.bundle_too_many_files");
}

#[test]
fn size_limits() {
    let kp = OfficeKeyPair::generate();
    let bytes = commune_bundle(&kp);
    let tight = |limits: Limits| UnverifiedBundle::open(&bytes, &limits).unwrap_err().code();
    assert_eq!(tight(Limits { max_bundle_bytes: 100, ..Limits::default() }), "exchange.bundle_too_large");
    assert_eq!(tight(Limits { max_entry_bytes: 50, ..Limits::default() }), "exchange.bundle_too_large");
    assert_eq!(tight(Limits { max_total_bytes: 500, ..Limits::default() }), "exchange.bundle_too_large");
    assert_eq!(tight(Limits { max_manifest_bytes: 100, ..Limits::default() }), "exchange.bundle_too_large");
    assert_eq!(tight(Limits { max_ratio: 1, ratio_exempt_bytes: 0, ..Limits::default() }), "exchange.bundle_bomb");
    assert!(UnverifiedBundle::open(&bytes, &Limits::default()).is_ok());
}

fn zeros_bundle(kp: &OfficeKeyPair) -> Vec<u8> {
    let mut e = entries(&commune_bundle(kp));
    replace(&mut e, "payload/people.jsonl", vec![0u8; 50 * 1024 * 1024]);
    rezip(&e)
}

#[test]
fn decompression_bombs_are_refused() {
    let kp = OfficeKeyPair::generate();
    let bomb = zeros_bundle(&kp);
    assert!(bomb.len() < 1024 * 1024, "{}", bomb.len());
    let err = open(&bomb).unwrap_err();
    assert_eq!(err, ExchangeError::BundleBomb { path: "payload/people.jsonl".into(), ratio: Limits::default().max_ratio });
    assert!(err.message_vi().contains("payload/people.jsonl"));

    // Headers that lie about the uncompressed size (both copies, consistently) do not make the
    // reader inflate the whole thing: it stops at the ratio allowance.
    let mut lying = bomb.clone();
    let (local, central) = {
        let mut archive = ZipArchive::new(Cursor::new(&bomb)).unwrap();
        let f = archive.by_name("payload/people.jsonl").unwrap();
        (f.header_start() as usize, f.central_header_start() as usize)
    };
    lying[local + 22..local + 26].copy_from_slice(&1000u32.to_le_bytes());
    lying[central + 24..central + 28].copy_from_slice(&1000u32.to_le_bytes());
    let err = open(&lying).unwrap_err();
    assert_eq!(err.code(), "exchange.bundle_bomb", "{err:?}");
}

#[test]
fn very_repetitive_records_are_stored_rather_than_refused_as_a_bomb() {
    let kp = OfficeKeyPair::generate();
    let mut b = BundleBuilder::new(header("XA-1", "HUYEN-A", 1, None));
    // Ordinary records deflate at most ~160:1 (measured); a padded text field goes far beyond.
    let record = json!({"owner_unit": "XA-1", "revision": 1, "note": " ".repeat(2000)});
    b.add_records("flags", std::iter::repeat_n(record.clone(), 1000)).unwrap();
    b.add_records("people", people()).unwrap();
    let bytes = b.finish(&kp).unwrap();
    let mut archive = ZipArchive::new(Cursor::new(&bytes)).unwrap();
    assert_eq!(archive.by_name("payload/flags.jsonl").unwrap().compression(), CompressionMethod::Stored);
    assert_eq!(archive.by_name("payload/people.jsonl").unwrap().compression(), CompressionMethod::Deflated);
    let verified = open_and_verify(&bytes, &kp.public_key()).unwrap();
    let flags = verified.records("flags").unwrap();
    assert_eq!(flags.len(), 1000);
    assert!(flags.iter().all(|r| *r == record));
}

#[test]
fn newer_format_versions_ask_for_an_update() {
    let kp = OfficeKeyPair::generate();
    let mut e = entries(&commune_bundle(&kp));
    let mut manifest: Value = serde_json::from_slice(get(&e, "manifest.json")).unwrap();
    manifest["version"] = json!(CURRENT_VERSION + 1);
    manifest["new_field_of_version_2"] = json!({"anything": true});
    replace(&mut e, "manifest.json", serde_json::to_vec(&manifest).unwrap());
    // A newer version may also bring new kinds of entries.
    e.push(("payload2/new.cbor".into(), vec![1, 2, 3]));
    let err = open(&rezip(&e)).unwrap_err();
    assert_eq!(err, ExchangeError::BundleNewerVersion { found: u64::from(CURRENT_VERSION) + 1, supported: CURRENT_VERSION });
    assert!(err.message_vi().contains("cập nhật Thước Đo"), "{}", err.message_vi());
    assert!(err.to_string().contains("update Thước Đo"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// No input makes the reader panic

fn small_bundle() -> (Vec<u8>, PublicKey) {
    use std::sync::OnceLock;
    static CELL: OnceLock<(Vec<u8>, PublicKey)> = OnceLock::new();
    CELL.get_or_init(|| {
        let kp = OfficeKeyPair::generate();
        let mut b = BundleBuilder::new(header("XA-1", "HUYEN-A", 1, None));
        b.add_records("people", people()).unwrap();
        b.add_attachment(b"scan".to_vec());
        (b.finish(&kp).unwrap(), kp.public_key())
    })
    .clone()
}

#[derive(Debug, Clone)]
enum Mutation {
    Set(prop::sample::Index, u8),
    Insert(prop::sample::Index, Vec<u8>),
    Remove(prop::sample::Index, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<prop::sample::Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::Set(i, b)),
        (any::<prop::sample::Index>(), prop::collection::vec(any::<u8>(), 1..8)).prop_map(|(i, v)| Mutation::Insert(i, v)),
        (any::<prop::sample::Index>(), 1usize..16).prop_map(|(i, n)| Mutation::Remove(i, n)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let (_, pk) = small_bundle();
        let result = open_and_verify(&bytes, &pk);
        prop_assert!(result.is_err());
    }

    #[test]
    fn arbitrary_bytes_ending_like_a_zip_never_panic(mut bytes in prop::collection::vec(any::<u8>(), 0..512), entries in any::<u16>(), tail in any::<[u8; 8]>()) {
        let (_, pk) = small_bundle();
        bytes.extend_from_slice(&[0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0]);
        bytes.extend_from_slice(&entries.to_le_bytes());
        bytes.extend_from_slice(&entries.to_le_bytes());
        bytes.extend_from_slice(&tail);
        bytes.extend_from_slice(&[0, 0]);
        prop_assert!(open_and_verify(&bytes, &pk).is_err());
    }

    #[test]
    fn mutated_bundles_never_panic(mutations in prop::collection::vec(mutation(), 1..6)) {
        let (original, pk) = small_bundle();
        let mut bytes = original.clone();
        for m in mutations {
            match m {
                Mutation::Set(i, b) => { let i = i.index(bytes.len()); bytes[i] = b; }
                Mutation::Insert(i, v) => { let i = i.index(bytes.len() + 1); bytes.splice(i..i, v); }
                Mutation::Remove(i, n) => { let i = i.index(bytes.len()); let end = (i + n).min(bytes.len()); bytes.drain(i..end); }
            }
            if bytes.is_empty() { break; }
        }
        let result = open_and_verify(&bytes, &pk);
        // Only an unchanged file is accepted.
        prop_assert_eq!(result.is_ok(), bytes == original, "{:?}", result.err());
        if let Ok(bundle) = result {
            prop_assert_eq!(bundle.records("people").unwrap(), people());
        }
    }
}

#[test]
fn the_bundle_accepted_last_is_recognised_by_its_manifest_without_the_key() {
    let commune = OfficeKeyPair::generate();
    let bytes = commune_bundle(&commune);
    let accepted = open(&bytes).unwrap().manifest_sha256().to_string();
    let again = open(&bytes).unwrap().verify_as_accepted(&accepted).expect("the same manifest");
    assert_eq!(again.manifest_sha256(), accepted);
    // Another manifest hash is not the bundle accepted.
    let other = "0".repeat(64);
    assert_eq!(open(&bytes).unwrap().verify_as_accepted(&other).unwrap_err().code(), "exchange.bundle_bad_signature");
    // The same manifest over altered payload: the files are still checked against it.
    let mut all = entries(&bytes);
    let payload = all.iter().find(|(name, _)| name.starts_with("payload/")).unwrap().0.clone();
    replace(&mut all, &payload, b"{\"id\":\"forged\"}\n".to_vec());
    let forged = rezip(&all);
    assert_eq!(open(&forged).unwrap().verify_as_accepted(&accepted).unwrap_err().code(), "exchange.bundle_hash_mismatch");
}
