//! The classification ladder against the texts, case by case: each case is worked by hand from DOMAIN.md rules 5–7
//! (QĐ 366-QĐ/TW Article 11; NĐ 48/2023 for absence) under the default rule set, with the level expected and the
//! reason that decides it. Bands: Excellent ≥ 90, Good 70 to < 90, Completed 50 to < 70. Excellent also needs every
//! task done, on time, ≥ 30 % beyond requirements, shortcomings fixed and something to show; Good needs every task on
//! time; Completed allows at most 20 % late; discipline, a leader's unit under 70 %, over 50 % of sub-units not
//! completed, over 50 % low confidence, or (non-leader) over 50 % of tasks not done force "not completed"; under 6
//! months worked is not rated; 3 to < 6 months absent caps at Completed.

use thuocdo_domain::evaluation::{apply_quota, propose, Discipline, Level, QuotaEntry, Reason, TaskCounts, YearFacts};
use thuocdo_domain::ruleset::RuleSet;

fn tasks(total: u32, done: u32, exceeding: u32, late: u32) -> TaskCounts {
    TaskCounts { total, done, exceeding, late }
}

fn cadre(points: i64, t: TaskCounts) -> YearFacts {
    YearFacts { points, tasks: t, months_worked: 12, shortcomings_fixed: true, ..YearFacts::default() }
}

fn leader(points: i64, t: TaskCounts, unit_completion: i64) -> YearFacts {
    YearFacts { is_leader: true, unit_completion: Some(unit_completion), ..cadre(points, t) }
}

/// (what the case is, the facts, the level expected, a reason the explanation must hold)
type Case = (&'static str, YearFacts, Level, Option<Reason>);

fn cases() -> Vec<Case> {
    vec![
        (
            "1. 95 points, 10 of 10 done on time, 4 beyond",
            cadre(9_500, tasks(10, 10, 4, 0)),
            Level::Excellent,
            Some(Reason::ConditionsMet { level: Level::Excellent }),
        ),
        ("2. exactly 90,00 with the conditions", cadre(9_000, tasks(10, 10, 3, 0)), Level::Excellent, None),
        ("3. 89,99 is not 90", cadre(8_999, tasks(10, 10, 10, 0)), Level::Good, Some(Reason::ConditionsMet { level: Level::Good })),
        ("4. 95 points, 3 of 10 beyond is exactly 30 %", cadre(9_500, tasks(10, 10, 3, 0)), Level::Excellent, None),
        (
            "5. 95 points, 2 of 10 beyond: Good",
            cadre(9_500, tasks(10, 10, 2, 0)),
            Level::Good,
            Some(Reason::TooFewExceeding { exceeding: 2, of: 10, min_percent: 30 }),
        ),
        (
            "6. 95 points, 9 of 10 done: Good",
            cadre(9_500, tasks(10, 9, 4, 0)),
            Level::Good,
            Some(Reason::NotAllTasksDone { done: 9, of: 10 }),
        ),
        (
            "7. 95,45 points, all ten late: late at every level, 100 % late is over 20 %",
            cadre(9_545, tasks(10, 10, 4, 10)),
            Level::NotCompleted,
            Some(Reason::TooManyLate { late: 10, of: 10, max_percent: 20 }),
        ),
        (
            "8. 95 points, one of ten late: Completed",
            cadre(9_500, tasks(10, 10, 4, 1)),
            Level::Completed,
            Some(Reason::LateTasks { late: 1, of: 10 }),
        ),
        ("9. 95 points, two of ten late (20 %): Completed", cadre(9_500, tasks(10, 10, 4, 2)), Level::Completed, None),
        (
            "10. 95 points, three of ten late (30 %): not completed",
            cadre(9_500, tasks(10, 10, 4, 3)),
            Level::NotCompleted,
            Some(Reason::TooManyLate { late: 3, of: 10, max_percent: 20 }),
        ),
        (
            "11. 98 points with no product or task: nothing to show for Excellent",
            cadre(9_800, tasks(0, 0, 0, 0)),
            Level::Good,
            Some(Reason::NoTasks),
        ),
        ("12. 80 points, all on time: Good", cadre(8_000, tasks(10, 10, 0, 0)), Level::Good, None),
        (
            "13. 80 points, one late: Completed",
            cadre(8_000, tasks(10, 10, 0, 1)),
            Level::Completed,
            Some(Reason::LateTasks { late: 1, of: 10 }),
        ),
        ("14. 70,00 exactly: Good", cadre(7_000, tasks(10, 10, 0, 0)), Level::Good, None),
        ("15. 69,99: Completed", cadre(6_999, tasks(10, 10, 0, 0)), Level::Completed, None),
        ("16. 60 points, 2 of 10 late: Completed", cadre(6_000, tasks(10, 10, 0, 2)), Level::Completed, None),
        ("17. 60 points, 3 of 10 late: not completed", cadre(6_000, tasks(10, 10, 0, 3)), Level::NotCompleted, None),
        ("18. 50,00 exactly: Completed", cadre(5_000, tasks(4, 4, 0, 0)), Level::Completed, None),
        ("19. 49,99: not completed by points", cadre(4_999, tasks(4, 4, 0, 0)), Level::NotCompleted, None),
        (
            "20. 97 points, reprimanded: not completed",
            YearFacts { discipline: Some(Discipline::Reprimand), ..cadre(9_700, tasks(10, 10, 5, 0)) },
            Level::NotCompleted,
            Some(Reason::Disciplined { discipline: Discipline::Reprimand }),
        ),
        (
            "21. a non-leader with 6 of 10 tasks not done: not completed",
            cadre(8_500, tasks(10, 4, 0, 0)),
            Level::NotCompleted,
            Some(Reason::TasksNotCompleted { not_done: 6, of: 10, max_percent: 50 }),
        ),
        ("22. a non-leader with 5 of 10 not done (50 %): still by the points, Good", cadre(8_500, tasks(10, 5, 0, 0)), Level::Good, None),
        (
            "23. a leader whose unit completed 69,99 %: not completed",
            leader(9_500, tasks(10, 10, 5, 0), 6_999),
            Level::NotCompleted,
            Some(Reason::UnitBelowCompletion { completion: 6_999, min_percent: 70, unfinished: vec![] }),
        ),
        ("24. a leader whose unit completed 70 %: by the points", leader(9_500, tasks(10, 10, 5, 0), 7_000), Level::Excellent, None),
        (
            "25. a leader with 3 of 5 sub-units not completed: not completed",
            YearFacts { subunits: 5, subunits_not_completed: 3, ..leader(9_000, tasks(10, 10, 5, 0), 9_000) },
            Level::NotCompleted,
            Some(Reason::SubunitsNotCompleted { not_completed: 3, of: 5, max_percent: 50 }),
        ),
        (
            "26. a leader with 2 of 4 sub-units not completed (50 %): by the points",
            YearFacts { subunits: 4, subunits_not_completed: 2, ..leader(9_000, tasks(10, 10, 5, 0), 9_000) },
            Level::Excellent,
            None,
        ),
        (
            "27. a leader with 50,01 % low-confidence votes: not completed",
            YearFacts { low_confidence: Some(5_001), ..leader(9_000, tasks(10, 10, 5, 0), 9_000) },
            Level::NotCompleted,
            Some(Reason::LowConfidence { share: 5_001, max_percent: 50 }),
        ),
        (
            "28. worked 5 months: not rated",
            YearFacts { months_worked: 5, ..cadre(9_500, tasks(5, 5, 2, 0)) },
            Level::NotRated,
            Some(Reason::TooFewMonths { months: 5, min: 6 }),
        ),
        (
            "29. absent 4 months: at most Completed",
            YearFacts { months_absent: 4, ..cadre(9_500, tasks(8, 8, 4, 0)) },
            Level::Completed,
            Some(Reason::Absent { months: 4 }),
        ),
        ("30. absent 2 months: no cap", YearFacts { months_absent: 2, ..cadre(9_500, tasks(10, 10, 4, 0)) }, Level::Excellent, None),
        (
            "31. shortcomings pointed out earlier not fixed: Good",
            YearFacts { shortcomings_fixed: false, ..cadre(9_500, tasks(10, 10, 4, 0)) },
            Level::Good,
            Some(Reason::ShortcomingsOpen),
        ),
        (
            "32. a collective with a member disciplined: not Excellent",
            YearFacts { is_collective: true, member_disciplined: true, unit_completion: Some(10_000), ..cadre(9_600, tasks(6, 6, 3, 0)) },
            Level::Good,
            Some(Reason::MemberDisciplined),
        ),
    ]
}

#[test]
fn every_case_worked_by_hand_gets_its_level_and_reason() {
    let rules = RuleSet::default_set().evaluation;
    let cases = cases();
    assert!(cases.len() >= 30);
    for (what, facts, level, reason) in cases {
        let proposal = propose(&facts, &rules);
        assert_eq!(proposal.level, level, "{what}: {:?}", proposal.reasons);
        if let Some(reason) = reason {
            assert!(proposal.reasons.contains(&reason), "{what}: {reason:?} not in {:?}", proposal.reasons);
        }
        assert!(!proposal.reasons.is_empty(), "{what}: explained");
    }
}

#[test]
fn the_quota_cases_worked_by_hand() {
    let quota = RuleSet::default_set().quota;
    let entry = |id: u128, level: Level, points: i64| QuotaEntry { id, level, points, tie_rank: None, outstanding_unit: false };
    // 33. 12 rated Good or Excellent: 20 % of 12 = 2,4 → 2 places; the four lower Excellent move to Good.
    let mut group: Vec<QuotaEntry> = (1..=6).map(|i| entry(i, Level::Excellent, 9_900 - i as i64 * 100)).collect();
    group.extend((7..=12).map(|i| entry(i, Level::Good, 8_000)));
    let outcome = apply_quota(&group, &quota);
    assert_eq!((outcome.base, outcome.ceiling, outcome.kept.clone()), (12, 2, vec![1, 2]));
    assert_eq!(outcome.moved, vec![3, 4, 5, 6]);
    // 34. an outstanding unit: 25 % of 12 = 3 places.
    let outstanding: Vec<QuotaEntry> = group.iter().map(|e| QuotaEntry { outstanding_unit: true, ..*e }).collect();
    assert_eq!(apply_quota(&outstanding, &quota).ceiling, 3);
    // 35. Not completed and not rated are outside the base: 10 Good or Excellent → 2 places.
    group.push(entry(13, Level::NotCompleted, 4_000));
    group.push(entry(14, Level::NotRated, 0));
    group.retain(|e| e.id != 11 && e.id != 12);
    assert_eq!(apply_quota(&group, &quota).base, 10);
}
