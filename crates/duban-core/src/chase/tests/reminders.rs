//! Reminders before the due date and the daily digest per unit.

use super::*;
use crate::ReportState;
use std::collections::HashSet;
use time::Date;
use time::macros::date;

#[test]
fn reminders_come_three_and_one_day_before_and_once_overdue() {
    let obs = [owe(1, 10)];
    let mut got = Vec::new();
    for day in 18..=30 {
        let today = Date::from_calendar_date(2024, time::Month::June, day).unwrap();
        for d in run(today, &obs, &[], &[]).digests {
            got.push((day, d.lines[0].stage));
        }
    }
    assert_eq!(
        got,
        vec![
            (22, ReminderStage::Before(3)),
            (23, ReminderStage::Before(3)),
            (24, ReminderStage::Before(1)),
            (25, ReminderStage::Before(1)),
            (26, ReminderStage::Overdue),
            (27, ReminderStage::Overdue),
            (28, ReminderStage::Overdue),
        ],
        "without recorded keys each day repeats the latest stage (a few days' catch-up)"
    );
}

#[test]
fn a_recorded_reminder_is_not_sent_again() {
    let obs = [owe(1, 10)];
    let cfg = ChaseConfig::default();
    let mut recorded = HashSet::new();
    let mut sent = Vec::new();
    for day in 18..=30 {
        let today = Date::from_calendar_date(2024, time::Month::June, day).unwrap();
        // Twice a day, as after a restart.
        for _ in 0..2 {
            let plan = plan_day(1, today, &cfg, &obs, &[], &[], &recorded);
            for d in plan.digests {
                recorded.insert(d.key.clone());
                for l in d.lines {
                    recorded.insert(l.key.clone());
                    sent.push((day, l.stage));
                }
            }
        }
    }
    assert_eq!(
        sent,
        vec![
            (22, ReminderStage::Before(3)),
            (24, ReminderStage::Before(1)),
            (26, ReminderStage::Overdue),
        ]
    );
}

#[test]
fn one_digest_per_unit_listing_all_its_items() {
    let mut obs = vec![owe(1, 10), owe(2, 10), owe(3, 11), owe(4, 10)];
    obs[3].report = Some(ReportState::Submitted);
    obs.push(Obligation {
        lead: false,
        ..owe(1, 12)
    });
    let plan = run(date!(2024 - 06 - 22), &obs, &[], &[]);
    let per_unit: Vec<(i64, Vec<i64>)> = plan
        .digests
        .iter()
        .map(|d| (d.unit_id, d.lines.iter().map(|l| l.item_id).collect()))
        .collect();
    assert_eq!(
        per_unit,
        vec![(10, vec![1, 2]), (11, vec![3]), (12, vec![1])],
        "the submitted item is not listed; a supporting unit is reminded too"
    );
    let text = plan.digests[0].text(date!(2024 - 06 - 22));
    assert!(
        text.contains("2项") && text.contains("事项2（2024-06，6月25日截止，还有3天）"),
        "{text}"
    );
}

#[test]
fn a_digest_is_at_most_one_per_unit_and_day() {
    let obs = [owe(1, 10)];
    let today = date!(2024 - 06 - 22);
    let first = run(today, &obs, &[], &[]);
    let key = first.digests[0].key.clone();
    assert_eq!(key, "digest/1/10/2024-06-22");
    let other_plan = plan_day(
        2,
        today,
        &ChaseConfig::default(),
        &obs,
        &[],
        &[],
        &HashSet::from([key.clone()]),
    );
    assert_eq!(
        other_plan.digests.len(),
        1,
        "another plan's digest is its own"
    );
    let again = plan_day(
        1,
        today,
        &ChaseConfig::default(),
        &[owe(1, 10), owe(2, 10)],
        &[],
        &[],
        &HashSet::from([key]),
    );
    assert!(again.digests.is_empty(), "{again:?}");
}
