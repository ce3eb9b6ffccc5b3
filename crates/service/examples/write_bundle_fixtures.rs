//! Writes the bundles a release sends, to keep under `tests/fixtures/bundles/v<N>/` before the bundle format changes
//! (see that folder's README): a demo commune sends its whole year up to its province, and the province sends a
//! target down to the commune. Run once, with the release about to be superseded:
//!
//!     cargo run -p thuocdo-service --example write_bundle_fixtures -- tests/fixtures/bundles/v2
//!
//! The offices are the pair the exchange tests make (`tests/common`); never run it again over a committed folder.

use thuocdo_service as service;

#[path = "../tests/common/mod.rs"]
mod common;

use common::{pair, PROVINCE};
use service::demo::DEMO_YEAR;
use service::work::{TargetInput, TargetText};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(std::env::args().nth(1).ok_or("usage: write_bundle_fixtures <folder>")?);
    if out.join("expected.json").exists() {
        return Err(format!("{} already holds fixtures: they stand for files on offices' disks", out.display()).into());
    }
    std::fs::create_dir_all(&out)?;
    let mut p = pair(true);
    let code = p.commune.code();
    let (up, up_bytes) = p.export_up();
    p.province.import(&up.file_name, &up_bytes)?;

    let fields = |unit: &str, target: &str, plan: &str, parent: &str| TargetText {
        year: DEMO_YEAR.to_string(),
        unit: unit.into(),
        code: target.into(),
        group: "Phát triển kinh tế - xã hội".into(),
        name: "Trồng rừng tập trung".into(),
        measure: "ha".into(),
        plan: plan.into(),
        parent: parent.into(),
        ..TargetText::default()
    };
    let province = &mut p.province;
    for (unit, target, plan, parent) in [(PROVINCE, "TR-1", "1.000", ""), (code.as_str(), "TR-1.1", "120", "SL/TR-1")] {
        province
            .office
            .save_target(&province.session, &TargetInput { id: None, fields: fields(unit, target, plan, parent), person_id: None })?;
    }
    let (down, down_bytes) = p.province.export_to(&code, &p.out());
    let (commune_key, commune_fingerprint) = p.commune.public_key();
    let (province_key, province_fingerprint) = p.province.public_key();

    std::fs::write(out.join("commune-up.tdb"), &up_bytes)?;
    std::fs::write(out.join("province-down.tdb"), &down_bytes)?;
    std::fs::write(out.join("commune.pub"), commune_key)?;
    std::fs::write(out.join("province.pub"), province_key)?;
    let expected = serde_json::json!({
        "commune": code,
        "commune_fingerprint": commune_fingerprint,
        "province_fingerprint": province_fingerprint,
        "up": { "file_name": up.file_name, "counts": up.counts },
        "down": { "file_name": down.file_name, "counts": down.counts },
    });
    std::fs::write(out.join("expected.json"), serde_json::to_string_pretty(&expected)? + "\n")?;
    println!("wrote {}", out.display());
    Ok(())
}
