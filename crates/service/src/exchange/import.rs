//! Importing a bundle under the import rules of EXCHANGE.md, in their order:
//!
//! 1. sizes, paths, links, entry count and decompression ratio, while unpacking into memory (`UnverifiedBundle::open`);
//! 2. the signature with the key pinned for the claimed source (an unknown source is refused), before any payload is
//!    parsed, then every file against the signed manifest;
//! 3. the destination is this office; the format version is one this program reads (a newer one is refused at 1);
//! 4. the sequence against the last bundle accepted from that source: the same bundle again is a success that
//!    changes nothing, an older one is a replay, a gap names the missing numbers, a broken chain is refused;
//! 5. each kind only in its direction (from the office above what travels down, from below what travels up), each
//!    record's values as local entry would accept them (`records::check_values`), JSON with a key twice refused;
//!    each record only from its owner: its owner must be the sending unit or a unit below it, and it may not
//!    replace a record owned by another; a lower revision than the stored one is ignored; the same revision with
//!    other content is a conflict, reported and not written;
//! 6. everything in one transaction with the chain row, a bundle log row and an audit entry.
//!
//! Relay (province ← district ← commune): each original bundle relayed inside the one imported is checked by the same
//! rules 1 to 5 as if it had come directly: its signature with the key pinned for its own source (which must be a
//! unit below the relaying one here), addressed to the relaying office, in its own source's chain. An original
//! already imported is skipped; any refusal refuses the whole import, naming the relayed file. The originals are
//! applied before the relaying office's own records, in the same transaction. An office with a superior keeps the
//! original bytes of every bundle it accepts from below, to forward them upward in its next bundle.
//!
//! Gap override: an administrator may accept a bundle whose sequence skips numbers (the missing ones lost for good,
//! a stick that broke) only by giving a reason (`ImportOptions::allow_gap`). The reason and the skipped numbers go
//! into the audit log and the bundle's log row (code `exchange.bundle_gap_allowed`). It applies to the bundle
//! imported, not to originals relayed inside it. Without it a gap is refused as always.
//!
//! The preview runs the very same code in a transaction that is always rolled back. A refused bundle leaves the
//! data as it was and is noted in the bundle log (its own small transaction), for the completeness board.

use super::records::{self, Incoming};
use super::{BundleReport, KindCounts, RecordIssue, UnitTree};
use crate::auth::{Permission, Session};
use crate::error::{Result, ServiceError};
use crate::office::Office;
use chrono::{DateTime, Utc};
use exchange::bundle::{check_sequence, Accepted, Claimed, Limits, SequenceVerdict, UnverifiedBundle, VerifiedBundle};
use exchange::{ExchangeError, PublicKey};
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;
use store::{ChainRecord, ExchangeRow, ExchangeTable, NewBundleLog, PutOutcome, Reader, ReceivedBundle, Writer, EXCHANGE_TABLES};
use ts_rs::TS;
use uuid::Uuid;

/// At most this many conflicts are listed (all are counted).
const MAX_LISTED_CONFLICTS: usize = 100;

/// How deep relayed bundles may nest (a commune's inside a district's inside a province's, and one tier more).
const MAX_RELAY_DEPTH: usize = 3;

/// A bundle that passed rules 1 to 3, with its records read and checked.
struct Checked {
    bundle: VerifiedBundle,
    /// The file as received, kept for relaying upward.
    original: Vec<u8>,
    /// The originals relayed inside it, checked the same way, by source and sequence.
    relayed: Vec<(String, Checked)>,
    source: String,
    destination: String,
    sequence: u64,
    previous: Option<String>,
    manifest_sha256: String,
    records: Vec<(&'static ExchangeTable, Vec<Incoming>)>,
    /// Receipts, revocations and a key announcement carried by the bundle.
    trust: Trust,
}

/// The payload kinds that are not table rows (see `records::is_trust_kind`).
#[derive(Default)]
struct Trust {
    receipts: Vec<Value>,
    revocations: Vec<Value>,
    announcement: Option<Value>,
}

impl Checked {
    /// The records of this bundle and of the originals relayed inside it.
    fn record_count(&self) -> u64 {
        let own: usize = self.records.iter().map(|(_, rows)| rows.len()).sum();
        own as u64 + self.relayed.iter().map(|(_, inner)| inner.record_count()).sum::<u64>()
    }
}

/// What is known of a bundle, for the log, however far reading it got.
#[derive(Default)]
struct Known {
    claimed: Option<Claimed>,
    manifest_sha256: Option<String>,
}

/// Choices of the person importing.
#[derive(Clone, Default)]
pub struct ImportOptions {
    /// Accept a bundle whose sequence skips numbers, for this reason (which must not be empty).
    pub allow_gap: Option<String>,
    /// Told how far the import has got (the window's progress bar).
    pub progress: Option<ProgressSink>,
}

impl std::fmt::Debug for ImportOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImportOptions").field("allow_gap", &self.allow_gap).field("progress", &self.progress.is_some()).finish()
    }
}

/// How far an import (or its preview) has got: `stage` is "verify" (reading and checking signatures and hashes;
/// `total` still 0), then "apply" with `done` of `total` records (relayed originals included), then "done".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportProgress {
    pub stage: &'static str,
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

/// Receives the import's progress; called from the importing thread.
pub type ProgressSink = std::sync::Arc<dyn Fn(ImportProgress) + Send + Sync>;

/// Counts applied records and tells the sink about every hundredth part of them (at most ~100 calls per import).
#[derive(Clone)]
struct ProgressCounter {
    sink: ProgressSink,
    done: std::sync::Arc<std::sync::atomic::AtomicU64>,
    total: u64,
    step: u64,
}

impl ProgressCounter {
    fn start(options: &ImportOptions, checked: &Checked) -> Option<ProgressCounter> {
        let sink = options.progress.clone()?;
        let total = checked.record_count();
        sink(ImportProgress { stage: "apply", done: 0, total });
        Some(ProgressCounter { sink, done: Default::default(), total, step: total.div_ceil(100).max(1) })
    }

    fn record_applied(&self) {
        let done = self.done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        if done.is_multiple_of(self.step) {
            (self.sink)(ImportProgress { stage: "apply", done, total: self.total });
        }
    }

    fn finish(&self) {
        (self.sink)(ImportProgress { stage: "done", done: self.total, total: self.total });
    }
}

fn announce_verify(options: &ImportOptions) {
    if let Some(sink) = &options.progress {
        sink(ImportProgress { stage: "verify", done: 0, total: 0 });
    }
}

impl ImportOptions {
    fn gap_reason(&self) -> Result<Option<String>> {
        match &self.allow_gap {
            Some(reason) if reason.trim().is_empty() => Err(ServiceError::GapReasonRequired),
            Some(reason) => Ok(Some(reason.trim().to_string())),
            None => Ok(None),
        }
    }
}

impl Office {
    /// What importing the bundle would do: every check of the import and every record compared, written in a
    /// transaction that is rolled back. A bundle the import would refuse is refused here with the same error.
    pub fn preview_bundle(&mut self, session: &Session, file_name: &str, bytes: &[u8]) -> Result<BundleReport> {
        self.preview_bundle_with(session, file_name, bytes, &ImportOptions::default())
    }

    /// `preview_bundle` with the importer's choices (a gap allowed for a reason).
    pub fn preview_bundle_with(
        &mut self,
        session: &Session,
        file_name: &str,
        bytes: &[u8],
        options: &ImportOptions,
    ) -> Result<BundleReport> {
        session.require(Permission::Read)?;
        let gap_reason = options.gap_reason()?;
        announce_verify(options);
        let checked = self.check_bundle(bytes, &mut Known::default())?;
        let mut context = self.context(&checked.source)?;
        context.gap = gap_reason.map(|reason| GapAllowance { reason, username: session.username.clone() });
        context.progress = ProgressCounter::start(options, &checked);
        let report = self.store.trial(|w| apply(w, &context, file_name, &checked, false))?;
        if let Some(progress) = &context.progress {
            progress.finish();
        }
        Ok(report)
    }

    /// Imports the bundle: all of it in one transaction, or nothing (EXCHANGE.md import rules 1–6). The same
    /// bundle again is a success that changes nothing. Administrators only. A refusal is noted in the bundle log.
    pub fn import_bundle(&mut self, session: &Session, file_name: &str, bytes: &[u8]) -> Result<BundleReport> {
        self.import_bundle_with(session, file_name, bytes, &ImportOptions::default())
    }

    /// `import_bundle` with the importer's choices: `allow_gap` accepts a bundle that skips sequence numbers, its
    /// reason kept in the audit log and the bundle log.
    pub fn import_bundle_with(
        &mut self,
        session: &Session,
        file_name: &str,
        bytes: &[u8],
        options: &ImportOptions,
    ) -> Result<BundleReport> {
        session.require(Permission::Exchange)?;
        let gap_reason = options.gap_reason()?;
        let mut known = Known::default();
        announce_verify(options);
        let result = self.check_bundle(bytes, &mut known).and_then(|checked| {
            let mut context = self.context(&checked.source)?;
            context.gap = gap_reason.map(|reason| GapAllowance { reason, username: session.username.clone() });
            context.progress = ProgressCounter::start(options, &checked);
            let finished = context.progress.clone();
            let key_id = self.office_record()?.key_id;
            let report = self.store.write(|w| {
                let report = apply(w, &context, file_name, &checked, true)?;
                super::receipts::issue(w, &super::receipts::receipt_for(&report, &context.own_code, &key_id, context.now))?;
                // The same bundle again changes nothing but the bundle log.
                if report.verdict == "next" {
                    let new: usize = report.kinds.iter().map(|k| k.new).sum();
                    let changed: usize = report.kinds.iter().map(|k| k.changed).sum();
                    w.audit(
                        &session.username,
                        "bundle.import",
                        &format!(
                            "{file_name}: {} #{}, {new} new, {changed} changed, {} conflicts",
                            report.source_unit, report.sequence, report.conflict_count
                        ),
                    )?;
                }
                Ok::<_, ServiceError>(report)
            })?;
            if let Some(progress) = finished {
                progress.finish();
            }
            Ok(report)
        });
        if let Err(error) = &result {
            self.log_refusal(file_name, &known, error);
        }
        result
    }

    /// Rules 1 to 3 and the records' form, before any transaction.
    fn check_bundle(&self, bytes: &[u8], known: &mut Known) -> Result<Checked> {
        let own = self.own_unit_code()?;
        self.check_one(bytes, known, &own, 0)
    }

    /// Rules 1 to 3 for one bundle addressed to `destination` (this office, or for a relayed original the office
    /// that relays it), and recursively for the originals relayed inside it.
    fn check_one(&self, bytes: &[u8], known: &mut Known, destination: &str, depth: usize) -> Result<Checked> {
        let unverified = UnverifiedBundle::open(bytes, &Limits::default())?;
        known.claimed = Some(unverified.claimed().clone());
        known.manifest_sha256 = Some(unverified.manifest_sha256().to_string());
        let source = unverified.claimed().source_unit.clone();
        let read = self.store.read();
        let key = read.enrolled_key(&source)?.ok_or_else(|| ExchangeError::BundleUnknownSource { unit: source.clone() })?;
        if key.revoked_at.is_some() {
            return Err(match read.key_revocation(&source, &key.key_id)? {
                Some(revocation) => super::keys::revoked(&revocation).into(),
                None => ExchangeError::BundleUnknownSource { unit: source.clone() }.into(),
            });
        }
        // The bundle accepted last, again: its manifest was verified then, perhaps with a key it replaced.
        let claimed = unverified.claimed().clone();
        let accepted_last = read
            .chain(&source, &claimed.destination_unit)?
            .filter(|c| c.last_sequence == claimed.sequence && c.last_manifest_sha256 == unverified.manifest_sha256());
        let bundle = match accepted_last {
            Some(chain) => unverified.verify_as_accepted(&chain.last_manifest_sha256)?,
            None => unverified.verify(&PublicKey::from_minisign_file(&key.public_key)?)?,
        };
        bundle.check_destination(destination)?;

        let bad_kind = |kind: &str| ExchangeError::BundleBadRecord {
            path: format!("payload/{kind}.jsonl"),
            line: 1,
            reason: format!("records of kind {kind:?} are not known to this version of Thước Đo"),
        };
        if let Some(unknown) = bundle.kinds().into_iter().find(|k| records::table_of(k).is_none() && !records::is_trust_kind(k)) {
            return Err(bad_kind(unknown).into());
        }
        let from_superior = depth == 0 && read.office()?.and_then(|o| o.superior_code).as_deref() == Some(source.as_str());
        let today = chrono::Local::now().date_naive();
        let version = bundle.manifest().version;
        let mut all = Vec::new();
        for table in EXCHANGE_TABLES {
            let values = bundle.records(table.name)?;
            if values.is_empty() {
                continue;
            }
            if !records::may_carry(table, from_superior) {
                let reason = if from_superior {
                    "cấp trên không gửi loại bản ghi này xuống / the office above does not send these records down"
                } else {
                    "chỉ cấp trên trực tiếp được gửi loại bản ghi này (phê duyệt, bộ quy tắc, việc chọn bộ quy tắc) / only the office directly above may send these records (approvals, rule sets, their choice)"
                };
                return Err(ExchangeError::BundleBadRecord {
                    path: format!("payload/{}.jsonl", table.name),
                    line: 1,
                    reason: reason.into(),
                }
                .into());
            }
            let rows = values
                .into_iter()
                .enumerate()
                .map(|(i, v)| records::incoming(table, v, i + 1, today, version))
                .collect::<Result<Vec<_>>>()?;
            all.push((table, records::parents_first(table, rows)));
        }
        let mut announcements = bundle.records(records::ANNOUNCEMENT_KIND)?;
        if announcements.len() > 1 {
            return Err(bad_kind("key_announcements (more than one)").into());
        }
        let trust = Trust {
            receipts: bundle.records(records::RECEIPTS_KIND)?,
            revocations: bundle.records(records::REVOCATIONS_KIND)?,
            announcement: announcements.pop(),
        };
        let manifest = bundle.manifest();
        let mut relayed = Vec::new();
        for (name, inner) in bundle.relayed() {
            let refused = |error: ServiceError| ServiceError::Relayed { file: name.to_string(), error: Box::new(error) };
            if depth + 1 >= MAX_RELAY_DEPTH {
                let error = ExchangeError::BundleInvalid(format!("relayed bundles nest deeper than {MAX_RELAY_DEPTH} tiers"));
                return Err(refused(error.into()));
            }
            let checked = self.check_one(inner, &mut Known::default(), &manifest.source.unit_code, depth + 1).map_err(refused)?;
            relayed.push((name.to_string(), checked));
        }
        relayed.sort_by(|(_, a), (_, b)| (&a.source, a.sequence).cmp(&(&b.source, b.sequence)));
        Ok(Checked {
            original: bytes.to_vec(),
            relayed,
            source: manifest.source.unit_code.clone(),
            destination: manifest.destination.unit_code.clone(),
            sequence: manifest.sequence,
            previous: manifest.previous.clone(),
            manifest_sha256: bundle.manifest_sha256().to_string(),
            records: all,
            trust,
            bundle,
        })
    }

    pub(super) fn own_unit_code(&self) -> Result<String> {
        let office = self.office_record()?;
        Ok(self.store.read().unit_by_id(office.unit_id)?.ok_or_else(|| ServiceError::Internal("office unit missing".into()))?.code)
    }

    fn context(&self, source: &str) -> Result<Context> {
        let office = self.office_record()?;
        Ok(Context {
            own_unit: office.unit_id,
            own_code: self.own_unit_code()?,
            from_superior: office.superior_code.as_deref() == Some(source),
            relays: office.superior_code.is_some(),
            now: Utc::now(),
            gap: None,
            progress: None,
        })
    }

    /// Notes a refused bundle in the log, in its own transaction; a failure to note it does not hide the refusal.
    fn log_refusal(&mut self, file_name: &str, known: &Known, error: &ServiceError) {
        let claimed = known.claimed.as_ref();
        let message = error.message(domain::Lang::Vi);
        let _ = self.store.write(|w| {
            w.log_bundle(&NewBundleLog {
                direction: "in",
                file_name,
                source_unit: claimed.map(|c| c.source_unit.as_str()),
                destination_unit: claimed.map(|c| c.destination_unit.as_str()),
                sequence: claimed.map(|c| c.sequence),
                manifest_sha256: known.manifest_sha256.as_deref(),
                outcome: "refused",
                code: Some(error.code()),
                message: Some(&message),
                counts: None,
                at: Utc::now(),
                periods: &[],
            })
        });
    }
}

#[derive(Clone)]
struct Context {
    own_unit: Uuid,
    own_code: String,
    /// This office has a superior: it keeps what it accepts from below, to relay it upward.
    relays: bool,
    /// The bundle comes from this office's superior, which may address any unit of this office.
    from_superior: bool,
    now: DateTime<Utc>,
    /// A gap in the sequence accepted by an administrator, with the reason.
    gap: Option<GapAllowance>,
    /// Where applied records are counted for the progress bar.
    progress: Option<ProgressCounter>,
}

#[derive(Clone)]
struct GapAllowance {
    reason: String,
    username: String,
}

/// Rules 4 to 6 inside the caller's transaction. `real` writes the log row of an accepted or repeated bundle (a
/// preview's transaction is rolled back anyway).
fn apply(w: &Writer<'_>, context: &Context, file_name: &str, checked: &Checked, real: bool) -> Result<BundleReport> {
    let read = w.read();
    let last = read
        .chain(&checked.source, &checked.destination)?
        .map(|c| Accepted { sequence: c.last_sequence, manifest_sha256: c.last_manifest_sha256 });
    let verdict = check_sequence(last.as_ref(), checked.sequence, checked.previous.as_deref(), &checked.manifest_sha256);
    let mut report = BundleReport {
        file_name: file_name.to_string(),
        source_unit: checked.source.clone(),
        destination_unit: checked.destination.clone(),
        sequence: checked.sequence,
        manifest_sha256: checked.manifest_sha256.clone(),
        verdict: "next".into(),
        applied: real,
        kinds: Vec::new(),
        conflicts: Vec::new(),
        conflict_count: 0,
        attachments: 0,
        relayed: Vec::new(),
        receipts: 0,
        revocations: 0,
        key_announced: None,
    };
    let source_unit = checked.source.clone();
    let mut gap_note: Option<String> = None;
    match verdict {
        SequenceVerdict::Next => {}
        SequenceVerdict::AlreadyImported => {
            report.verdict = "already_imported".into();
            if real {
                log(w, context, checked, file_name, "already", "{}")?;
            }
            return Ok(report);
        }
        SequenceVerdict::Replay { last } => {
            return Err(ExchangeError::BundleReplay { source_unit, sequence: checked.sequence, last }.into());
        }
        SequenceVerdict::Gap { missing, count } => match &context.gap {
            Some(allowed) => {
                let mut listed = missing.iter().map(u64::to_string).collect::<Vec<_>>().join(", ");
                if count > missing.len() as u64 {
                    listed.push_str(&format!(" … ({count})"));
                }
                gap_note = Some(format!("bỏ qua số {listed}; lý do: {}", allowed.reason));
                if real {
                    w.audit(
                        &allowed.username,
                        "bundle.import_gap",
                        &format!("{file_name}: {} #{} {}", checked.source, checked.sequence, gap_note.as_deref().unwrap_or("")),
                    )?;
                }
            }
            None => return Err(ExchangeError::BundleGap { source_unit, missing, count }.into()),
        },
        SequenceVerdict::BrokenChain => return Err(ExchangeError::BundleBrokenChain { source_unit, sequence: checked.sequence }.into()),
    }

    // The originals relayed inside, first: each as if it had come directly, from a unit below the relaying one.
    for (name, relayed) in &checked.relayed {
        let refused = |error: ServiceError| ServiceError::Relayed { file: name.clone(), error: Box::new(error) };
        let below = match (read.unit_by_code(&relayed.source)?, read.unit_by_code(&checked.source)?) {
            (Some(unit), Some(relaying)) => {
                unit.meta.id != relaying.meta.id && UnitTree::read(read)?.within(unit.meta.id, relaying.meta.id)
            }
            _ => false,
        };
        if !below {
            return Err(refused(ExchangeError::BundleUnknownSource { unit: relayed.source.clone() }.into()));
        }
        // An original relayed inside travels on inside the bundle that carried it, not a second time on its own.
        let inner = Context { from_superior: false, gap: None, relays: false, ..context.clone() };
        report.relayed.push(apply(w, &inner, name, relayed, real).map_err(refused)?);
    }

    let mut applier = Applier {
        w,
        read,
        context,
        checked,
        aliases: read.exchange_aliases()?,
        tree: UnitTree::read(read)?,
        source_local: read.unit_by_code(&checked.source)?.map(|u| u.meta.id),
        report: &mut report,
    };
    for (table, rows) in &checked.records {
        let mut counts = KindCounts { kind: table.name.to_string(), ..KindCounts::default() };
        for incoming in rows {
            applier.apply_one(table, incoming, &mut counts)?;
            if let Some(progress) = &context.progress {
                progress.record_applied();
            }
        }
        applier.report.kinds.push(counts);
    }

    apply_trust(w, context, checked, &mut report)?;

    // The chain is the sender's to the office it addressed: this office, or for a relayed original the relaying one.
    w.save_chain(&ChainRecord {
        source_unit: checked.source.clone(),
        destination_unit: checked.destination.clone(),
        last_sequence: checked.sequence,
        last_manifest_sha256: checked.manifest_sha256.clone(),
        last_revision: 0,
        updated_at: context.now,
    })?;
    if context.relays && !context.from_superior {
        w.keep_received_bundle(&ReceivedBundle {
            source_unit: checked.source.clone(),
            sequence: checked.sequence,
            manifest_sha256: checked.manifest_sha256.clone(),
            file_name: file_name.to_string(),
            bytes: checked.original.clone(),
            received_at: context.now,
        })?;
    }
    if real {
        let counts: std::collections::BTreeMap<&str, usize> =
            report.kinds.iter().map(|k| (k.kind.as_str(), k.new + k.changed + k.unchanged + k.older + k.conflicting + k.matched)).collect();
        let counts = serde_json::to_string(&counts).unwrap_or_default();
        match &gap_note {
            Some(note) => log_entry(w, context, checked, file_name, "accepted", &counts, Some("exchange.bundle_gap_allowed"), Some(note))?,
            None => log(w, context, checked, file_name, "accepted", &counts)?,
        }
    }
    Ok(report)
}

/// Receipts for this office's bundles, revocations decided above, and the sender's new key.
fn apply_trust(w: &Writer<'_>, context: &Context, checked: &Checked, report: &mut BundleReport) -> Result<()> {
    let text = |v: &Value, field: &str| v.get(field).and_then(Value::as_str).unwrap_or_default().to_string();
    for value in &checked.trust.receipts {
        // Only the signer's own acknowledgements, and only of bundles this office sent it; others are passed over.
        let Ok(receipt) = serde_json::from_value::<exchange::Receipt>(value.clone()) else { continue };
        if receipt.receiver.unit_code != checked.source {
            continue;
        }
        match super::receipts::record(w, &context.own_code, &receipt, value.to_string(), "bundle", context.now) {
            Ok(item) => report.receipts += usize::from(item.newly_recorded),
            // A receipt of a bundle this office did not send is not its own: passed over. Anything else (the disk)
            // refuses the import, which then writes nothing.
            Err(ServiceError::Exchange(ExchangeError::ReceiptUnknownBundle { .. })) => {}
            Err(other) => return Err(other),
        }
    }
    if context.from_superior {
        for value in &checked.trust.revocations {
            let revoked_at = DateTime::parse_from_rfc3339(&text(value, "revoked_at")).map(|t| t.with_timezone(&Utc)).unwrap_or(context.now);
            let revocation = store::KeyRevocation {
                unit_code: text(value, "unit_code"),
                key_id: text(value, "key_id"),
                revoked_at,
                reason: text(value, "reason"),
                decided_by: text(value, "decided_by"),
                recorded_at: context.now,
            };
            if revocation.unit_code.is_empty() || revocation.key_id.is_empty() {
                continue;
            }
            report.revocations += usize::from(w.record_revocation(&revocation)?);
        }
    }
    if let Some(value) = &checked.trust.announcement {
        let bad = |reason: &str| ExchangeError::BundleBadRecord {
            path: format!("payload/{}.jsonl", records::ANNOUNCEMENT_KIND),
            line: 1,
            reason: reason.to_string(),
        };
        if text(value, "unit_code") != checked.source {
            return Err(bad("a key may only be announced by its own office").into());
        }
        let key = PublicKey::from_minisign_file(&text(value, "public_key")).map_err(|_| bad("the public key is not readable"))?;
        if key.key_id.to_string() != text(value, "key_id") || key.fingerprint() != text(value, "fingerprint") {
            return Err(bad("the key id or fingerprint does not match the public key").into());
        }
        let pinned = w.read().enrolled_key(&checked.source)?;
        if pinned.is_some_and(|p| p.key_id != key.key_id.to_string()) {
            w.replace_enrolled_key(&store::EnrolledKey {
                unit_code: checked.source.clone(),
                key_id: key.key_id.to_string(),
                public_key: key.to_minisign_file(),
                fingerprint: key.fingerprint(),
                enrolled_at: context.now,
                enrolled_by: format!("{} #{}", checked.source, checked.sequence),
                revoked_at: None,
            })?;
            report.key_announced = Some(key.key_id.to_string());
        }
    }
    Ok(())
}

fn log(w: &Writer<'_>, context: &Context, checked: &Checked, file_name: &str, outcome: &str, counts: &str) -> Result<()> {
    log_entry(w, context, checked, file_name, outcome, counts, None, None)
}

/// A log row; a code and message also for an accepted bundle that needed an override.
#[allow(clippy::too_many_arguments)]
fn log_entry(
    w: &Writer<'_>,
    context: &Context,
    checked: &Checked,
    file_name: &str,
    outcome: &str,
    counts: &str,
    code: Option<&str>,
    message: Option<&str>,
) -> Result<()> {
    w.log_bundle(&NewBundleLog {
        direction: "in",
        file_name,
        source_unit: Some(&checked.source),
        destination_unit: Some(&checked.destination),
        sequence: Some(checked.sequence),
        manifest_sha256: Some(&checked.manifest_sha256),
        outcome,
        code,
        message,
        counts: Some(counts),
        at: context.now,
        periods: &checked.bundle.manifest().periods,
    })?;
    Ok(())
}

struct Applier<'a, 'w> {
    w: &'a Writer<'w>,
    read: Reader<'a>,
    context: &'a Context,
    checked: &'a Checked,
    /// Another office's ids of shared things → this office's ids; grows as the bundle maps new ones.
    aliases: HashMap<Uuid, Uuid>,
    /// This office's unit tree, grown by the units the bundle adds.
    tree: UnitTree,
    /// The sending unit here; None while a superior's unit is not known yet (its first bundle adds it).
    source_local: Option<Uuid>,
    report: &'a mut BundleReport,
}

impl Applier<'_, '_> {
    fn apply_one(&mut self, table: &'static ExchangeTable, incoming: &Incoming, counts: &mut KindCounts) -> Result<()> {
        let remote_id = records::id_of(&incoming.row);
        if self.aliases.contains_key(&remote_id) {
            // A shared thing mapped to this office's own record by an earlier bundle.
            counts.matched += 1;
            return Ok(());
        }
        let mut row = incoming.row.clone();
        records::translate(table, &mut row, &self.aliases);
        let is_unit = table.name == store::UNITS.name;
        let local = self.read.exchange_row(table, remote_id)?;

        if local.is_none() {
            if let Some(mine) = records::natural_match(self.read, table, &row)? {
                if is_unit && !self.may_refer_to(mine) {
                    return Err(self.foreign(table, remote_id, mine));
                }
                self.w.insert_alias(remote_id, mine, table.name, &self.checked.source, self.context.now)?;
                self.aliases.insert(remote_id, mine);
                counts.matched += 1;
                return Ok(());
            }
        }

        let owner = records::id_in(&row, "owner_unit").unwrap_or_default();
        // The sending office's own unit, new here (a superior's unit at an office below): it owns itself.
        let founds_source = is_unit
            && local.is_none()
            && self.source_local.is_none()
            && row.get("code").and_then(Value::as_str) == Some(self.checked.source.as_str());
        if founds_source {
            if owner != remote_id {
                return Err(self.foreign(table, remote_id, owner));
            }
        } else {
            if !self.within_source(owner) {
                return Err(self.foreign(table, remote_id, owner));
            }
            if is_unit && Some(remote_id) != self.source_local {
                // A unit of the sender's sits below the sending unit, never elsewhere in this office's tree.
                let parent = records::id_in(&row, "parent_id");
                if !parent.is_some_and(|p| self.within_source(p)) {
                    return Err(self.foreign(table, remote_id, parent.unwrap_or(owner)));
                }
            }
        }

        // Every unit the record refers to (its place, a collective it assesses…) is one the sender may address.
        for column in table.id_columns().filter(|c| !matches!(*c, "id" | "owner_unit")) {
            if let Some(unit) = records::id_in(&row, column).filter(|id| self.tree.contains(*id)) {
                if !self.may_refer_to(unit) {
                    return Err(self.foreign(table, remote_id, unit));
                }
            }
        }

        match &local {
            Some(stored) => {
                let stored_owner = records::id_in(stored, "owner_unit").unwrap_or_default();
                if stored_owner != owner {
                    // Only the owner's bundles write a record: this one belongs to another unit here.
                    return Err(self.foreign(table, remote_id, stored_owner));
                }
                let (theirs, ours) = (records::revision_of(&row), records::revision_of(stored));
                if theirs < ours {
                    counts.older += 1;
                } else if theirs == ours {
                    if self.same_content(table, stored, &row, incoming)? {
                        counts.unchanged += 1;
                    } else {
                        self.conflict(table, remote_id, format!("revision {theirs} here has other content"), counts);
                    }
                } else if self.write(table, remote_id, &row, incoming, counts)? {
                    counts.changed += 1;
                }
            }
            None => {
                if self.write(table, remote_id, &row, incoming, counts)? {
                    counts.new += 1;
                    if is_unit {
                        self.tree.add(remote_id, records::id_in(&row, "parent_id"));
                        if founds_source {
                            self.source_local = Some(remote_id);
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn within_source(&self, unit: Uuid) -> bool {
        self.source_local.is_some_and(|source| self.tree.within(unit, source))
    }

    /// The units a bundle may address: the sender's own and those below it; from the superior, also this office's
    /// own unit and those below it (the assignments it sends down).
    fn may_refer_to(&self, unit: Uuid) -> bool {
        self.within_source(unit) || (self.context.from_superior && self.tree.within(unit, self.context.own_unit))
    }

    /// Writes the row (and a report's evidence); false when the database refused it, counted as a conflict.
    fn write(&mut self, table: &ExchangeTable, id: Uuid, row: &ExchangeRow, incoming: &Incoming, counts: &mut KindCounts) -> Result<bool> {
        if let Some(links) = &incoming.evidence {
            for (sha, _) in links {
                if !self.read.has_evidence_file(sha)? {
                    match self.checked.bundle.attachment(sha) {
                        Some(content) => {
                            self.w.put_evidence_file(sha, content, self.context.now)?;
                            self.report.attachments += 1;
                        }
                        None => {
                            self.conflict(table, id, format!("evidence file {sha} is neither in the bundle nor here"), counts);
                            return Ok(false);
                        }
                    }
                }
            }
        }
        match self.w.put_exchange_row(table, row)? {
            PutOutcome::Written => {}
            PutOutcome::Refused(reason) => {
                self.conflict(table, id, reason, counts);
                return Ok(false);
            }
        }
        if let Some(links) = &incoming.evidence {
            if let PutOutcome::Refused(reason) = self.w.set_evidence_links(id, links)? {
                return Err(ServiceError::Internal(format!("evidence of report {id}: {reason}")));
            }
        }
        Ok(true)
    }

    fn same_content(&self, table: &ExchangeTable, stored: &ExchangeRow, row: &ExchangeRow, incoming: &Incoming) -> Result<bool> {
        if stored != row {
            return Ok(false);
        }
        Ok(match &incoming.evidence {
            Some(links) => &self.read.evidence_links(records::id_of(row))? == links,
            None => table.name != store::PROGRESS_REPORTS.name,
        })
    }

    fn conflict(&mut self, table: &ExchangeTable, id: Uuid, reason: String, counts: &mut KindCounts) {
        counts.conflicting += 1;
        self.report.conflict_count += 1;
        if self.report.conflicts.len() < MAX_LISTED_CONFLICTS {
            self.report.conflicts.push(RecordIssue { kind: table.name.to_string(), id: id.to_string(), reason });
        }
    }

    /// The refusal of a record the sending office may not write: owned by (or placed in) `owner`.
    fn foreign(&self, table: &ExchangeTable, id: Uuid, owner: Uuid) -> ServiceError {
        let owner = match self.read.unit_by_id(owner) {
            Ok(Some(unit)) => unit.code,
            _ => owner.to_string(),
        };
        ExchangeError::BundleForeignOwner {
            source_unit: self.checked.source.clone(),
            kind: table.name.to_string(),
            id: id.to_string(),
            owner,
        }
        .into()
    }
}
