//! Progress: the actual value of a target for a month or quarter, with its evidence files.

use super::draft::DraftIssue;
use super::targets::invalid;
use crate::auth::{Permission, Session};
use crate::error::{Result, ServiceError};
use crate::office::Office;
use crate::records::Stamp;
use chrono::{DateTime, Utc};
use domain::numbers::format_quantity;
use domain::quantity::parse_quantity;
use domain::targets::{Accumulation, Period, TargetTerms};
use domain::Lang;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use store::{ProgressRecord, Reader, TargetRecord, Writer};
use ts_rs::TS;
use uuid::Uuid;

/// Evidence larger than this is refused: scans and photos fit; a video does not belong in the office database.
pub const MAX_EVIDENCE_BYTES: u64 = 25 * 1024 * 1024;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProgressInput {
    pub target_id: Uuid,
    pub period: Period,
    /// As typed: "2.100", "1,5"; 1 or 0 for a milestone.
    pub value: String,
    pub comment: String,
    /// Files to attach (paths chosen in the file dialog).
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct EvidenceItem {
    pub sha256: String,
    pub file_name: String,
    #[ts(type = "number")]
    pub size: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ProgressItem {
    pub id: Uuid,
    pub period: Period,
    pub period_label: String,
    #[ts(type = "number")]
    pub value: i64,
    pub value_text: String,
    pub comment: Option<String>,
    pub reported_by: String,
    pub reported_at: DateTime<Utc>,
    pub evidence: Vec<EvidenceItem>,
}

/// An evidence file read and hashed, before anything is written.
pub(crate) struct Evidence {
    pub file_name: String,
    pub sha256: String,
    pub content: Vec<u8>,
}

pub(crate) fn read_evidence(path: &Path) -> Result<Evidence> {
    let unreadable = |reason: String| ServiceError::EvidenceUnreadable { path: path.display().to_string(), reason };
    let meta = std::fs::metadata(path).map_err(|e| unreadable(e.to_string()))?;
    if !meta.is_file() {
        return Err(unreadable("not a file".into()));
    }
    if meta.len() > MAX_EVIDENCE_BYTES {
        return Err(unreadable(format!("{} MB > {} MB", meta.len() / 1_048_576, MAX_EVIDENCE_BYTES / 1_048_576)));
    }
    let content = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
    let sha256 = Sha256::digest(&content).iter().map(|b| format!("{b:02x}")).collect();
    let file_name = domain::text::clean(&path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
    Ok(Evidence { file_name, sha256, content })
}

/// A value checked against its target: a number, not negative, 0 or 1 for a milestone.
pub(crate) fn check_value(target: &TargetRecord, typed: &str) -> std::result::Result<i64, DraftIssue> {
    let value = parse_quantity(typed).map_err(|p| DraftIssue { field: "value", vi: p.message(Lang::Vi), en: p.message(Lang::En) })?;
    let terms = TargetTerms {
        direction: target.direction,
        accumulation: target.accumulation,
        plan: target.plan,
        start: target.start_date,
        deadline: target.deadline,
    };
    terms.check_actual(value).map_err(|p| DraftIssue { field: "value", vi: p.message(Lang::Vi).into(), en: p.message(Lang::En).into() })?;
    Ok(value)
}

/// A summed target reported by month and by quarter would count twice: one kind per target.
pub(crate) fn check_period_kind(target: &TargetRecord, existing: &[Period], period: Period) -> std::result::Result<(), DraftIssue> {
    let other_kind = existing.iter().any(|p| p.kind() != period.kind());
    if target.accumulation == Accumulation::Sum && other_kind {
        return Err(DraftIssue {
            field: "period",
            vi: "Chỉ tiêu cộng dồn này đã báo cáo theo kỳ khác (tháng/quý); trộn hai loại kỳ sẽ cộng trùng. Hãy báo cáo cùng một loại kỳ."
                .into(),
            en: "This summed target is reported by another kind of period (month/quarter); mixing them would count twice.".into(),
        });
    }
    if period.start(target.year) > target.deadline {
        return Err(DraftIssue {
            field: "period",
            vi: format!("Kỳ {} bắt đầu sau hạn của chỉ tiêu.", period.label(Lang::Vi)),
            en: format!("{} starts after the target's deadline.", period.label(Lang::En)),
        });
    }
    Ok(())
}

/// One period's report, checked and with its evidence read, ready to be written.
pub(crate) struct NewReport {
    pub target_id: Uuid,
    pub period: Period,
    pub value: i64,
    pub comment: Option<String>,
    pub evidence: Vec<Evidence>,
}

/// Writes a report (replacing that period's earlier one) and links its evidence; returns whether anything changed.
pub(crate) fn save_report(w: &Writer<'_>, stamp: Stamp, username: &str, target: &TargetRecord, report: NewReport) -> Result<bool> {
    let NewReport { period, value, comment, evidence, .. } = report;
    let existing = w.read().progress_by_period(target.meta.id, period)?;
    let known: Vec<String> = match &existing {
        Some(e) => w.read().evidence_of_report(e.meta.id)?.into_iter().map(|e| e.sha256).collect(),
        None => Vec::new(),
    };
    let new_evidence = evidence.iter().any(|file| !known.contains(&file.sha256));
    let same = existing.as_ref().is_some_and(|e| e.value == value && e.comment == comment);
    let record = match existing {
        // New evidence for the same figure is a change of the report too (a new revision), so that it travels.
        Some(e) if same && new_evidence => {
            let meta = store::Meta { revision: w.next_revision()?, updated_at: stamp.now, ..e.meta.clone() };
            w.save_progress(&ProgressRecord { meta: meta.clone(), ..e.clone() })?;
            ProgressRecord { meta, ..e }
        }
        Some(e) if same => e,
        Some(e) => {
            let meta = store::Meta { revision: w.next_revision()?, updated_at: stamp.now, ..e.meta };
            ProgressRecord { meta, value, comment, reported_by: username.into(), reported_at: stamp.now, ..e }
        }
        None => ProgressRecord {
            meta: stamp.meta(w.next_revision()?),
            target_id: target.meta.id,
            period,
            value,
            comment,
            reported_by: username.into(),
            reported_at: stamp.now,
        },
    };
    if !same {
        w.save_progress(&record)?;
    }
    let mut changed = !same;
    for file in &evidence {
        if !known.contains(&file.sha256) {
            w.attach_evidence(record.meta.id, &file.sha256, &file.file_name, &file.content, stamp.now)?;
            changed = true;
        }
    }
    Ok(changed)
}

pub(crate) fn items(read: Reader<'_>, target_id: Uuid, lang: Lang) -> Result<Vec<ProgressItem>> {
    let mut items = Vec::new();
    for report in read.progress_of_target(target_id)? {
        let evidence = read
            .evidence_of_report(report.meta.id)?
            .into_iter()
            .map(|e| EvidenceItem { sha256: e.sha256, file_name: e.file_name, size: e.size })
            .collect();
        items.push(ProgressItem {
            id: report.meta.id,
            period: report.period,
            period_label: report.period.label(lang),
            value: report.value,
            value_text: format_quantity(report.value),
            comment: report.comment,
            reported_by: report.reported_by,
            reported_at: report.reported_at,
            evidence,
        });
    }
    items.sort_by_key(|i| (i.period.kind() == "quarter", i.period.index()));
    Ok(items)
}

impl Office {
    /// Records one period's actual with its evidence. Every evidence file is read before anything is written;
    /// an unreadable one leaves the database as it was.
    pub fn report_progress(&mut self, session: &Session, input: &ProgressInput) -> Result<()> {
        session.require(Permission::EditWork)?;
        let evidence: Vec<Evidence> = input.evidence.iter().map(|p| read_evidence(&PathBuf::from(p))).collect::<Result<_>>()?;
        let stamp = self.stamp()?;
        let username = session.username.clone();
        self.store.write(|w| {
            let target = w.read().target_by_id(input.target_id)?.ok_or(ServiceError::UnknownTarget)?;
            crate::users::require_unit(w.read(), session, target.unit_id)?;
            let value = check_value(&target, &input.value).map_err(|i| invalid(vec![i]))?;
            let periods: Vec<Period> = w.read().progress_of_target(target.meta.id)?.into_iter().map(|r| r.period).collect();
            check_period_kind(&target, &periods, input.period).map_err(|i| invalid(vec![i]))?;
            let comment = Some(domain::text::clean(&input.comment)).filter(|c| !c.is_empty());
            let report = NewReport { target_id: target.meta.id, period: input.period, value, comment, evidence };
            if save_report(w, stamp, &username, &target, report)? {
                w.audit(&username, "progress.report", &format!("{} {} = {}", target.code, input.period.short(), format_quantity(value)))?;
            }
            Ok(())
        })
    }

    /// Copies an evidence file out of the database (to open or print it).
    pub fn save_evidence(&self, session: &Session, sha256: &str, path: &Path) -> Result<()> {
        session.require(Permission::Read)?;
        let content = self
            .store
            .read()
            .evidence_content(sha256)?
            .ok_or_else(|| ServiceError::EvidenceUnreadable { path: sha256.into(), reason: "not in this office's data".into() })?;
        std::fs::write(path, content).map_err(|e| ServiceError::CannotWrite { path: path.display().to_string(), reason: e.to_string() })
    }
}
