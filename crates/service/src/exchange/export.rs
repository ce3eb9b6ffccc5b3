//! Writing the next bundle of a chain.
//!
//! A bundle carries this office's own records (owner = its unit) whose revision is above the high-water mark of the
//! last bundle sent to the same destination: everything the first time, then what changed. The chain row (sequence,
//! manifest hash, high-water mark), a log row and an audit entry are written in one transaction that commits only
//! after the file itself was written whole (a temporary file renamed into place); if the commit fails the file is
//! removed again. So the sequence never advances without its file, and a file never exists for a sequence that did
//! not advance.

use super::records::{self, DOWN_KINDS, UP_KINDS};
use super::{ExportReceipt, UnitTree};
use crate::auth::{Permission, Session};
use crate::error::{Result, ServiceError};
use crate::office::Office;
use chrono::Utc;
use domain::org::normalize_unit_code;
use exchange::bundle::{bundle_file_name, BundleBuilder, BundleHeader};
use exchange::ExchangeError;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use store::{ChainRecord, ExchangeRow, ExchangeTable, NewBundleLog, Reader};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Up,
    Down,
}

impl Office {
    /// Writes the next bundle for `destination_code` (the superior office, or an office below whose key is enrolled)
    /// to `out` (a file, or a folder to put the conventional `<from>-<to>-<seq>.tdb` in), signed with the office key
    /// that `password` unlocks. Administrators and organisation staff.
    pub fn export_bundle(&mut self, session: &Session, destination_code: &str, password: &str, out: &Path) -> Result<ExportReceipt> {
        session.require(Permission::Exchange)?;
        let (current_key, previous_key) = self.open_office_keys(session, password)?;
        self.ensure_own_key_usable()?;
        let office = self.office_record()?;
        let read = self.store.read();
        let own = read.unit_by_id(office.unit_id)?.ok_or_else(|| ServiceError::Internal("office unit missing".into()))?;
        let destination = normalize_unit_code(destination_code).map_err(ServiceError::BadUnitCode)?;
        let no_route = || ServiceError::from(ExchangeError::NoRoute { unit: destination.clone() });
        let (direction, destination_unit) = if office.superior_code.as_deref() == Some(destination.as_str()) {
            (Direction::Up, None)
        } else {
            let unit = read.unit_by_code(&destination)?.ok_or_else(no_route)?;
            // A unit whose key was revoked still receives bundles: they carry the revocation to it.
            let enrolled = read.enrolled_key(&destination)?.is_some();
            if !enrolled || unit.meta.id == own.meta.id || !UnitTree::read(read)?.within(unit.meta.id, own.meta.id) {
                return Err(no_route());
            }
            (Direction::Down, Some(unit.meta.id))
        };

        let mut written: Option<PathBuf> = None;
        let now = Utc::now();
        let result = self.store.write(|w| -> Result<ExportReceipt> {
            let read = w.read();
            let last = read.chain(&own.code, &destination)?;
            let sequence = last.as_ref().map_or(1, |c| c.last_sequence + 1);
            let after = last.as_ref().map_or(0, |c| c.last_revision);
            let high_water = read.revision_high_water()?;
            let selected = match (direction, destination_unit) {
                (Direction::Down, Some(unit)) => select_down(read, own.meta.id, unit, after)?,
                _ => select_up(read, own.meta.id, after)?,
            };

            let mut periods = BTreeSet::new();
            let mut counts = BTreeMap::new();
            let mut payload = Vec::with_capacity(selected.len());
            let mut attachments: BTreeMap<String, Vec<u8>> = BTreeMap::new();
            for (table, rows) in &selected {
                let mut records = Vec::with_capacity(rows.len());
                for row in rows {
                    periods.extend(row_periods(row));
                    let record = records::outgoing(read, table, row.clone())?;
                    if let Some(Value::Array(files)) = record.get(records::EVIDENCE_FIELD) {
                        for sha in files.iter().filter_map(|f| f.get("sha256").and_then(Value::as_str)) {
                            if !attachments.contains_key(sha) {
                                let content = read
                                    .evidence_content(sha)?
                                    .ok_or_else(|| ServiceError::Internal(format!("evidence file {sha} missing")))?;
                                attachments.insert(sha.to_string(), content);
                            }
                        }
                    }
                    records.push(Value::Object(record));
                }
                counts.insert(table.name.to_string(), records.len());
                payload.push((table.name, records));
            }
            let periods: Vec<String> = periods.into_iter().collect();
            let mut builder = BundleBuilder::new(BundleHeader {
                source_unit: own.code.clone(),
                destination_unit: destination.clone(),
                sequence,
                previous: last.as_ref().map(|c| c.last_manifest_sha256.clone()),
                created_at: now,
                ruleset: None,
                periods: periods.clone(),
            });
            for (kind, records) in payload {
                builder.add_records(kind, records)?;
            }
            let attachment_count = attachments.len();
            for content in attachments.into_values() {
                builder.add_attachment(content);
            }
            if direction == Direction::Down {
                let since = last.as_ref().map(|c| c.updated_at);
                let receipts = read.issued_receipts_since(&destination, since)?;
                let receipts: Vec<Value> = receipts.iter().filter_map(|r| serde_json::from_str(r).ok()).collect();
                if !receipts.is_empty() {
                    counts.insert(records::RECEIPTS_KIND.to_string(), receipts.len());
                    builder.add_records(records::RECEIPTS_KIND, receipts)?;
                }
                let revocations = revocations_for(read, &destination, destination_unit, since)?;
                if !revocations.is_empty() {
                    counts.insert(records::REVOCATIONS_KIND.to_string(), revocations.len());
                    builder.add_records(records::REVOCATIONS_KIND, revocations)?;
                }
            }
            // After a rotation, the first bundle to an office that knows the old key is signed with it and carries
            // the new public key; later ones are signed with the new key.
            let announce = previous_key.is_some() && last.is_some() && !read.key_announced(&destination, &office.key_id)?;
            if announce {
                let public = current_key.public_key();
                let announcement = serde_json::json!({
                    "unit_code": own.code,
                    "key_id": public.key_id.to_string(),
                    "public_key": public.to_minisign_file(),
                    "fingerprint": public.fingerprint(),
                });
                counts.insert(records::ANNOUNCEMENT_KIND.to_string(), 1);
                builder.add_records(records::ANNOUNCEMENT_KIND, [announcement])?;
                w.record_announcement(&destination, &office.key_id, sequence, now)?;
            }
            let key = match (&previous_key, announce) {
                (Some(previous), true) => previous,
                _ => &current_key,
            };
            // Upward, the originals accepted from offices below and not yet sent to this destination, unchanged.
            let forwarded = if direction == Direction::Up { read.unforwarded_bundles(&destination)? } else { Vec::new() };
            let mut relayed = Vec::with_capacity(forwarded.len());
            for original in &forwarded {
                let name = bundle_file_name(&original.source_unit, &own.code, original.sequence);
                builder.add_relayed(&name, original.bytes.clone())?;
                w.mark_forwarded(&original.source_unit, original.sequence, &destination, sequence, now)?;
                relayed.push(name);
            }
            let built = builder.build(key)?;

            // Never over an existing file: if the commit then failed, removing ours would lose the earlier one.
            let path = target_path(out, &built.file_name)?;
            tabular::replace_file(&path, &built.bytes)
                .map_err(|e| ServiceError::CannotWrite { path: path.display().to_string(), reason: e.to_string() })?;
            written = Some(path.clone());

            w.save_chain(&ChainRecord {
                source_unit: own.code.clone(),
                destination_unit: destination.clone(),
                last_sequence: sequence,
                last_manifest_sha256: built.manifest_sha256.clone(),
                last_revision: high_water,
                updated_at: now,
            })?;
            let counts_json = serde_json::to_string(&counts).unwrap_or_default();
            w.log_bundle(&NewBundleLog {
                direction: "out",
                file_name: &built.file_name,
                source_unit: Some(&own.code),
                destination_unit: Some(&destination),
                sequence: Some(sequence),
                manifest_sha256: Some(&built.manifest_sha256),
                outcome: "accepted",
                code: None,
                message: None,
                counts: Some(&counts_json),
                at: now,
                periods: &periods,
            })?;
            let total: usize = counts.values().sum();
            w.audit(
                &session.username,
                "bundle.export",
                &format!("{} {total} records, {} files, {} relayed", built.file_name, attachment_count, relayed.len()),
            )?;
            Ok(ExportReceipt {
                path: path.display().to_string(),
                file_name: built.file_name,
                direction: if direction == Direction::Up { "up" } else { "down" }.into(),
                source_unit: own.code.clone(),
                destination_unit: destination.clone(),
                sequence,
                manifest_sha256: built.manifest_sha256,
                bytes: built.bytes.len() as u64,
                counts,
                attachments: attachment_count,
                relayed,
            })
        });
        if result.is_err() {
            // The chain did not advance: no file may claim its next number.
            if let Some(path) = written {
                let _ = std::fs::remove_file(path);
            }
        }
        result
    }
}

/// The periods a record belongs to, for the manifest's `periods` list (what the superior's completeness board reads):
/// the year of every record with a `year`, and with it the month ("2026-09") or quarter ("2026-Q3") of records that
/// also name one (`period_kind`/`period_index` of products, `kind`/`idx` of evaluation periods). Records without a
/// year of their own (progress reports, which hang on a target that carries it) add nothing.
fn row_periods(row: &store::ExchangeRow) -> Vec<String> {
    let Some(year) = row.get("year").and_then(Value::as_i64) else {
        return Vec::new();
    };
    let mut out = vec![year.to_string()];
    let kind = row.get("period_kind").or_else(|| row.get("kind")).and_then(Value::as_str);
    let index = row.get("period_index").or_else(|| row.get("idx")).and_then(Value::as_i64);
    match (kind, index) {
        (Some("month"), Some(m)) if (1..=12).contains(&m) => out.push(format!("{year}-{m:02}")),
        (Some("quarter"), Some(q)) if (1..=4).contains(&q) => out.push(format!("{year}-Q{q}")),
        _ => {}
    }
    out
}

/// Where to write a file the user asked for at `out`: `out` itself, or `name` inside it when `out` is a folder.
/// Never an existing file.
pub(super) fn target_path(out: &Path, name: &str) -> Result<PathBuf> {
    let path = if names_folder(out)? { out.join(name) } else { out.to_path_buf() };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| ServiceError::CannotWrite { path: parent.display().to_string(), reason: e.to_string() })?;
    }
    if path.exists() {
        return Err(ServiceError::CannotWrite {
            path: path.display().to_string(),
            reason: "đã có tệp này; hãy chọn thư mục khác hoặc đổi tên tệp cũ (a file is already there)".into(),
        });
    }
    Ok(path)
}

/// The revocations a bundle down to `destination` carries: those of keys of the destination itself or of units
/// below it, recorded here after the last bundle to it (every one in the first bundle).
fn revocations_for(
    read: Reader<'_>,
    destination: &str,
    destination_unit: Option<Uuid>,
    since: Option<chrono::DateTime<Utc>>,
) -> Result<Vec<Value>> {
    let tree = UnitTree::read(read)?;
    let mut out = Vec::new();
    for r in read.key_revocations()? {
        if since.is_some_and(|since| r.recorded_at <= since) {
            continue;
        }
        let below = match (read.unit_by_code(&r.unit_code)?, destination_unit) {
            (Some(unit), Some(root)) => tree.within(unit.meta.id, root),
            _ => r.unit_code == destination,
        };
        if below {
            out.push(serde_json::json!({
                "unit_code": r.unit_code,
                "key_id": r.key_id,
                "revoked_at": r.revoked_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                "reason": r.reason,
                "decided_by": r.decided_by,
            }));
        }
    }
    Ok(out)
}

/// True when `out` is a folder: one that exists, or a path ending in a separator (then made).
fn names_folder(out: &Path) -> Result<bool> {
    if out.is_dir() {
        return Ok(true);
    }
    let text = out.as_os_str().to_string_lossy();
    if text.ends_with('/') || text.ends_with(std::path::MAIN_SEPARATOR) {
        std::fs::create_dir_all(out).map_err(|e| ServiceError::CannotWrite { path: out.display().to_string(), reason: e.to_string() })?;
        return Ok(true);
    }
    Ok(false)
}

/// Upward: every kind, this office's own records changed since `after`. The office's own unit always goes, so
/// that the superior can map it to its own record of the unit even when nothing else changed.
fn select_up(read: Reader<'_>, own: Uuid, after: i64) -> Result<Vec<(&'static ExchangeTable, Vec<ExchangeRow>)>> {
    let mut selected = Vec::new();
    for table in UP_KINDS {
        let mut rows = read.exchange_rows_since(table, own, after)?;
        if table.name == store::UNITS.name && !rows.iter().any(|r| records::id_of(r) == own) {
            rows.extend(read.exchange_row(table, own)?);
        }
        selected.push((table, rows));
    }
    Ok(selected)
}

/// Downward: the two units that address the bundle, the targets this office assigned to units of the destination
/// (with the targets they were split from, so that the cascade reads whole), and this office's decisions on the
/// destination's breakthrough tasks, and this office's rule-set files and choices, each when changed since `after`.
fn select_down(read: Reader<'_>, own: Uuid, destination: Uuid, after: i64) -> Result<Vec<(&'static ExchangeTable, Vec<ExchangeRow>)>> {
    let tree = UnitTree::read(read)?;
    let for_destination = |row: &ExchangeRow, column: &str| records::id_in(row, column).is_some_and(|u| tree.within(u, destination));
    let mut selected = Vec::new();
    for table in DOWN_KINDS {
        let rows = match table.name {
            "units" => [own, destination]
                .into_iter()
                .filter_map(|id| read.exchange_row(table, id).transpose())
                .collect::<store::Result<Vec<_>>>()?,
            "targets" => {
                let mut rows: Vec<ExchangeRow> =
                    read.exchange_rows_since(table, own, after)?.into_iter().filter(|r| for_destination(r, "unit_id")).collect();
                let mut have: HashSet<Uuid> = rows.iter().map(records::id_of).collect();
                let mut index = 0;
                while index < rows.len() {
                    if let Some(parent) = records::id_in(&rows[index], "parent_id").filter(|p| !have.contains(p)) {
                        if let Some(row) = read.exchange_row(table, parent)?.filter(|r| records::id_in(r, "owner_unit") == Some(own)) {
                            have.insert(parent);
                            rows.push(row);
                        }
                    }
                    index += 1;
                }
                rows
            }
            // Every rule-set file and choice of this office: they apply in every office below it.
            "rulesets" | "ruleset_choices" => read.exchange_rows_since(table, own, after)?,
            "period_approvals" => {
                read.exchange_rows_since(table, own, after)?.into_iter().filter(|r| for_destination(r, "unit_id")).collect()
            }
            "breakthrough_events" => {
                let mut rows = Vec::new();
                for row in read.exchange_rows_since(table, own, after)? {
                    let task = records::id_in(&row, "task_id");
                    let task_row = match task {
                        Some(task) => read.exchange_row(&store::BREAKTHROUGH_TASKS, task)?,
                        None => None,
                    };
                    if task_row.is_some_and(|t| for_destination(&t, "unit_id")) {
                        rows.push(row);
                    }
                }
                rows
            }
            _ => Vec::new(),
        };
        selected.push((table, rows));
    }
    Ok(selected)
}
