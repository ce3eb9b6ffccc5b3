//! The chains of bundles this office sends and receives, with the last thing that happened on each.

use crate::auth::{Permission, Session};
use crate::error::Result;
use crate::office::Office;
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// One source → destination chain.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ChainLine {
    /// "out" for bundles this office sends, "in" for those it receives.
    pub direction: String,
    /// Absent for files that could not be read far enough to name their sender.
    pub source_unit: Option<String>,
    pub destination_unit: Option<String>,
    /// The last bundle sent or accepted; absent when none was accepted yet.
    #[ts(type = "number | null")]
    pub last_sequence: Option<u64>,
    pub last_accepted_at: Option<DateTime<Utc>>,
    /// What happened to the last bundle of this chain: "accepted", "already" or "refused".
    pub last_outcome: Option<String>,
    pub last_file: Option<String>,
    /// The refusal's code and message when the last bundle was refused.
    pub last_code: Option<String>,
    pub last_message: Option<String>,
    pub last_at: Option<DateTime<Utc>>,
    /// Bundles of this chain refused so far.
    pub refused: usize,
    /// For a chain this office sends: the highest bundle the receiver acknowledged with a signed receipt, and when
    /// it says it received it.
    #[ts(type = "number | null")]
    pub acknowledged_sequence: Option<u64>,
    pub acknowledged_at: Option<DateTime<Utc>>,
}

/// How much of the log the status reads.
const LOG_WINDOW: i64 = 10_000;

impl Office {
    /// Every chain this office sends or receives on, with its last sequence and the last outcome; refused files that
    /// named no readable sender come last, as one line.
    pub fn bundle_status(&self, session: &Session) -> Result<Vec<ChainLine>> {
        session.require(Permission::Read)?;
        let read = self.store.read();
        let own = self.own_unit_code()?;
        let mut lines: Vec<ChainLine> = read
            .chains()?
            .into_iter()
            .map(|c| ChainLine {
                direction: if c.source_unit == own { "out" } else { "in" }.into(),
                source_unit: Some(c.source_unit),
                destination_unit: Some(c.destination_unit),
                last_sequence: Some(c.last_sequence),
                last_accepted_at: Some(c.updated_at),
                last_outcome: None,
                last_file: None,
                last_code: None,
                last_message: None,
                last_at: None,
                refused: 0,
                acknowledged_sequence: None,
                acknowledged_at: None,
            })
            .collect();
        // Oldest first, so the last entry seen for a chain is its latest.
        let mut log = read.bundle_log(LOG_WINDOW)?;
        log.reverse();
        for entry in log {
            let index = match lines.iter().position(|l| l.source_unit == entry.source_unit && l.destination_unit == entry.destination_unit)
            {
                Some(index) => index,
                None => {
                    lines.push(ChainLine {
                        direction: entry.direction.clone(),
                        source_unit: entry.source_unit.clone(),
                        destination_unit: entry.destination_unit.clone(),
                        last_sequence: None,
                        last_accepted_at: None,
                        last_outcome: None,
                        last_file: None,
                        last_code: None,
                        last_message: None,
                        last_at: None,
                        refused: 0,
                        acknowledged_sequence: None,
                        acknowledged_at: None,
                    });
                    lines.len() - 1
                }
            };
            let line = &mut lines[index];
            if entry.outcome == "refused" {
                line.refused += 1;
            }
            line.last_outcome = Some(entry.outcome);
            line.last_file = Some(entry.file_name);
            line.last_code = entry.code;
            line.last_message = entry.message;
            line.last_at = Some(entry.at);
        }
        for receipt in read.received_receipts()? {
            let chain = lines.iter_mut().find(|l| {
                l.source_unit.as_deref() == Some(receipt.bundle.source_unit.as_str())
                    && l.destination_unit.as_deref() == Some(receipt.bundle.destination_unit.as_str())
            });
            if let Some(line) = chain.filter(|l| l.acknowledged_sequence < Some(receipt.bundle.sequence)) {
                line.acknowledged_sequence = Some(receipt.bundle.sequence);
                line.acknowledged_at = Some(receipt.received_at);
            }
        }
        lines.sort_by(|a, b| {
            (a.source_unit.is_none(), &a.direction, &a.source_unit, &a.destination_unit).cmp(&(
                b.source_unit.is_none(),
                &b.direction,
                &b.source_unit,
                &b.destination_unit,
            ))
        });
        Ok(lines)
    }
}
