//! The replay guard's decision (EXCHANGE.md import rule 4), pure: the receiver keeps the last
//! accepted bundle of each source → destination chain and asks what an incoming one is.

/// The last bundle accepted from a source: its sequence and the SHA-256 of its manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    pub sequence: u64,
    pub manifest_sha256: String,
}

/// How many missing sequence numbers a [`SequenceVerdict::Gap`] lists at most.
pub const MAX_LISTED_MISSING: usize = 100;

/// What to do with an incoming bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SequenceVerdict {
    /// The last accepted bundle again, byte for byte: nothing to do, report success.
    AlreadyImported,
    /// The next bundle of the chain: import it.
    Next,
    /// Older than the last accepted one, or the same number with other content: refuse.
    Replay { last: u64 },
    /// Bundles are missing in between: refuse, naming them (the first [`MAX_LISTED_MISSING`] of
    /// `count`), unless an operator overrides it with a note in the audit log.
    Gap { missing: Vec<u64>, count: u64 },
    /// The right number, but it does not follow the last accepted bundle (its `previous` hash
    /// is another), or a first bundle that claims a predecessor: refuse.
    BrokenChain,
}

/// Decides what an incoming bundle is, given the last accepted one of its chain (`None` if
/// none was ever accepted). `Next` only for sequence 1 without a previous hash when nothing was
/// accepted, or for exactly `last + 1` naming the last one's manifest hash.
pub fn check_sequence(
    last: Option<&Accepted>,
    incoming_sequence: u64,
    incoming_previous: Option<&str>,
    incoming_manifest_sha256: &str,
) -> SequenceVerdict {
    let last_sequence = last.map_or(0, |l| l.sequence);
    if let Some(last) = last {
        if incoming_sequence == last.sequence && incoming_manifest_sha256 == last.manifest_sha256 {
            return SequenceVerdict::AlreadyImported;
        }
    }
    if incoming_sequence <= last_sequence || incoming_sequence == 0 {
        return SequenceVerdict::Replay { last: last_sequence };
    }
    // incoming_sequence > last_sequence, so this cannot overflow.
    let expected = last_sequence + 1;
    if incoming_sequence > expected {
        let count = incoming_sequence - expected;
        let missing = (expected..incoming_sequence).take(MAX_LISTED_MISSING).collect();
        return SequenceVerdict::Gap { missing, count };
    }
    let chained = match last {
        None => incoming_previous.is_none(),
        Some(last) => incoming_previous == Some(last.manifest_sha256.as_str()),
    };
    if chained {
        SequenceVerdict::Next
    } else {
        SequenceVerdict::BrokenChain
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use SequenceVerdict::*;

    fn accepted(sequence: u64, hash: &str) -> Accepted {
        Accepted { sequence, manifest_sha256: hash.to_owned() }
    }

    #[test]
    fn first_bundle() {
        assert_eq!(check_sequence(None, 1, None, "h1"), Next);
        assert_eq!(check_sequence(None, 1, Some("h0"), "h1"), BrokenChain);
        assert_eq!(check_sequence(None, 3, Some("h2"), "h3"), Gap { missing: vec![1, 2], count: 2 });
        assert_eq!(check_sequence(None, 0, None, "h"), Replay { last: 0 });
    }

    #[test]
    fn following_bundles() {
        let last = accepted(4, "h4");
        assert_eq!(check_sequence(Some(&last), 5, Some("h4"), "h5"), Next);
        assert_eq!(check_sequence(Some(&last), 5, Some("hX"), "h5"), BrokenChain);
        assert_eq!(check_sequence(Some(&last), 5, None, "h5"), BrokenChain);
        assert_eq!(check_sequence(Some(&last), 4, Some("h3"), "h4"), AlreadyImported);
        assert_eq!(check_sequence(Some(&last), 4, Some("h3"), "other"), Replay { last: 4 });
        assert_eq!(check_sequence(Some(&last), 2, Some("h1"), "h2"), Replay { last: 4 });
        assert_eq!(check_sequence(Some(&last), 0, None, "h0"), Replay { last: 4 });
        assert_eq!(check_sequence(Some(&last), 8, Some("h7"), "h8"), Gap { missing: vec![5, 6, 7], count: 3 });
    }

    #[test]
    fn huge_gaps_are_listed_in_part() {
        let last = accepted(1, "h1");
        let SequenceVerdict::Gap { missing, count } = check_sequence(Some(&last), u64::MAX, Some("x"), "y") else { panic!() };
        assert_eq!(count, u64::MAX - 2);
        assert_eq!(missing.len(), MAX_LISTED_MISSING);
        assert_eq!(missing[0], 2);
        let at_end = accepted(u64::MAX, "hm");
        assert_eq!(check_sequence(Some(&at_end), u64::MAX, None, "other"), Replay { last: u64::MAX });
    }

    proptest! {
        #[test]
        fn next_only_for_the_right_successor(
            last in proptest::option::of((0u64..6, 0u8..3).prop_map(|(s, h)| accepted(s.max(1), &format!("h{h}")))),
            sequence in prop_oneof![0u64..8, Just(u64::MAX)],
            previous in proptest::option::of(0u8..3).prop_map(|p| p.map(|p| format!("h{p}"))),
            hash in (0u8..3).prop_map(|h| format!("h{h}")),
        ) {
            let verdict = check_sequence(last.as_ref(), sequence, previous.as_deref(), &hash);
            let right_successor = match &last {
                None => sequence == 1 && previous.is_none(),
                Some(l) => Some(sequence) == l.sequence.checked_add(1) && previous.as_deref() == Some(l.manifest_sha256.as_str()),
            };
            prop_assert_eq!(verdict == Next, right_successor, "{:?}", verdict);
            if verdict == AlreadyImported {
                let l = last.as_ref().unwrap();
                prop_assert!(l.sequence == sequence && l.manifest_sha256 == hash);
            }
            if let Gap { missing, count } = &verdict {
                let last_sequence = last.as_ref().map_or(0, |l| l.sequence);
                prop_assert_eq!(*count, sequence - last_sequence - 1);
                prop_assert_eq!(missing.first().copied(), Some(last_sequence + 1));
                prop_assert!(missing.iter().all(|&m| m > last_sequence && m < sequence));
            }
        }
    }
}
