//! Extensions moving reminders and chases, and the briefing's list of notices.

use super::*;
use time::Date;
use time::macros::date;

fn ext(new_due: Date, requested_on: Date, decision: ExtensionDecision) -> Extension {
    Extension {
        id: 1,
        item_id: 1,
        unit_id: 10,
        period: JUNE,
        requested_on,
        old_due: DUE,
        new_due,
        reason: "项目审批延后".into(),
        decision,
    }
}

#[test]
fn an_approved_extension_moves_reminders_and_chases_a_rejected_one_does_not() {
    let obs = [owe(1, 10)];
    let approved = ext(
        date!(2024 - 07 - 10),
        date!(2024 - 06 - 20),
        ExtensionDecision::Approved {
            on: date!(2024 - 06 - 21),
            comment: "同意".into(),
        },
    );
    let rejected = Extension {
        decision: ExtensionDecision::Rejected {
            on: date!(2024 - 06 - 21),
            comment: "理由不充分".into(),
        },
        ..approved.clone()
    };
    let pending = Extension {
        decision: ExtensionDecision::Pending,
        ..approved.clone()
    };
    let day = date!(2024 - 06 - 26);
    assert!(
        run(day, &obs, std::slice::from_ref(&approved), &[])
            .notices
            .is_empty()
    );
    assert_eq!(run(day, &obs, &[rejected], &[]).notices.len(), 1);
    assert_eq!(run(day, &obs, &[pending], &[]).notices.len(), 1);
    let plan = run(
        date!(2024 - 07 - 07),
        &obs,
        std::slice::from_ref(&approved),
        &[],
    );
    assert_eq!(plan.digests[0].lines[0].due, date!(2024 - 07 - 10));
    assert_eq!(plan.digests[0].lines[0].stage, ReminderStage::Before(3));
    assert_eq!(
        run(date!(2024 - 07 - 11), &obs, &[approved], &[])
            .notices
            .len(),
        1
    );
}

#[test]
fn the_briefing_names_supervision_notices_of_the_window_and_open_ones() {
    let obs = [owe(1, 10), owe(2, 11)];
    let mut existing = Vec::new();
    issue(&run(date!(2024 - 06 - 26), &obs, &[], &[]), &mut existing);
    issue(
        &run(date!(2024 - 07 - 02), &obs, &[], &existing),
        &mut existing,
    );
    assert_eq!(existing.len(), 4);
    existing[3].answered_on = Some(date!(2024 - 07 - 03));
    let cfg = ChaseConfig::default();
    let ids = |since, until| -> Vec<i64> {
        briefing_list(&cfg, &existing, since, until)
            .iter()
            .map(|n| n.id)
            .collect()
    };
    assert_eq!(
        ids(date!(2024 - 07 - 01), date!(2024 - 07 - 31)),
        vec![102, 103]
    );
    assert_eq!(ids(date!(2024 - 08 - 01), date!(2024 - 08 - 31)), vec![102]);
}
