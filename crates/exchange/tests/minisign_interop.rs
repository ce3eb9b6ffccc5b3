//! Interoperability with the real `minisign` tool. These tests fail (rather than skip) when
//! the tool is missing: compatibility with it is a promise made to users, and the project's
//! test setup installs it.

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use thuocdo_exchange::{ExchangeError, OfficeKeyPair, PublicKey};

fn minisign(dir: &Path, args: &[&str]) -> Output {
    Command::new("minisign")
        .args(args)
        .current_dir(dir)
        // A prompt for a password would otherwise hang the test.
        .stdin(Stdio::null())
        .output()
        .expect("the `minisign` CLI must be installed (apt-get install minisign)")
}

fn describe(out: &Output) -> String {
    format!("status {:?}\nstdout: {}\nstderr: {}", out.status, String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

#[test]
fn minisign_verifies_our_signatures() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let kp = OfficeKeyPair::generate();
    let data: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let trusted = "bundle:42\toffice:Sở Nội vụ Hà Nội";
    fs::write(d.join("office.pub"), kp.public_key().to_minisign_file()).unwrap();
    fs::write(d.join("data.bin"), &data).unwrap();
    fs::write(d.join("data.bin.minisig"), kp.sign(&data, trusted, "thuocdo bundle").unwrap()).unwrap();

    let verify = ["-V", "-p", "office.pub", "-m", "data.bin", "-x", "data.bin.minisig"];
    let out = minisign(d, &verify);
    assert!(out.status.success(), "{}", describe(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains(trusted), "{}", describe(&out));

    // -H insists on the prehashed algorithm, which is what we produce.
    let out = minisign(d, &["-V", "-H", "-p", "office.pub", "-m", "data.bin", "-x", "data.bin.minisig"]);
    assert!(out.status.success(), "{}", describe(&out));

    // The one-line form is what `minisign -P` takes.
    let b64 = kp.public_key().to_base64();
    let out = minisign(d, &["-V", "-P", &b64, "-m", "data.bin", "-x", "data.bin.minisig"]);
    assert!(out.status.success(), "{}", describe(&out));

    let mut flipped = data.clone();
    flipped[50_000] ^= 0x01;
    fs::write(d.join("data.bin"), &flipped).unwrap();
    let out = minisign(d, &verify);
    assert!(!out.status.success(), "minisign accepted tampered data\n{}", describe(&out));

    fs::write(d.join("data.bin"), &data).unwrap();
    let sig = fs::read_to_string(d.join("data.bin.minisig")).unwrap();
    fs::write(d.join("data.bin.minisig"), sig.replace("bundle:42", "bundle:43")).unwrap();
    let out = minisign(d, &verify);
    assert!(!out.status.success(), "minisign accepted a tampered trusted comment\n{}", describe(&out));

    let other = OfficeKeyPair::generate();
    fs::write(d.join("data.bin.minisig"), other.sign(&data, trusted, "x").unwrap()).unwrap();
    let out = minisign(d, &verify);
    assert!(!out.status.success(), "minisign accepted another key's signature\n{}", describe(&out));
}

#[test]
fn we_verify_minisign_signatures() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = minisign(d, &["-G", "-W", "-p", "k.pub", "-s", "k.key"]);
    assert!(out.status.success(), "{}", describe(&out));

    let pub_file = fs::read_to_string(d.join("k.pub")).unwrap();
    let pk = PublicKey::from_minisign_file(&pub_file).unwrap();
    let printed_id = pub_file
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("untrusted comment: minisign public key "))
        .expect("minisign's public key comment names the key id");
    // minisign 0.11 prints the id without leading zeros; 0.12 and later pad it to 16 digits,
    // as we always do.
    let printed_id = printed_id.trim();
    assert_eq!(pk.key_id.to_string(), format!("{printed_id:0>16}"));
    assert_eq!(PublicKey::from_minisign_file(&pk.to_minisign_file()).unwrap(), pk);

    let data = b"roster export \xe2\x80\x94 2025\n".repeat(1000);
    fs::write(d.join("file.bin"), &data).unwrap();
    let trusted = "exported by the other office";
    let out = minisign(d, &["-S", "-s", "k.key", "-m", "file.bin", "-t", trusted, "-c", "hello"]);
    assert!(out.status.success(), "{}", describe(&out));
    let sig = fs::read_to_string(d.join("file.bin.minisig")).unwrap();
    assert_eq!(pk.verify(&data, &sig).unwrap(), trusted);

    let mut flipped = data.clone();
    flipped[0] ^= 0x20;
    assert_eq!(pk.verify(&flipped, &sig).unwrap_err(), ExchangeError::BadSignature);
    let other = OfficeKeyPair::generate().public_key();
    assert_eq!(other.verify(&data, &sig).unwrap_err().code(), "exchange.key_id_mismatch");

    // Legacy (non-prehashed) signatures are still produced by `minisign -S -l`.
    let out = minisign(d, &["-S", "-l", "-s", "k.key", "-m", "file.bin", "-x", "legacy.minisig", "-t", "legacy"]);
    assert!(out.status.success(), "{}", describe(&out));
    let legacy = fs::read_to_string(d.join("legacy.minisig")).unwrap();
    assert_eq!(pk.verify(&data, &legacy).unwrap(), "legacy");
    assert_eq!(pk.verify(&flipped, &legacy).unwrap_err(), ExchangeError::BadSignature);
}
