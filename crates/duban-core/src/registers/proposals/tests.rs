//! Tests of the proposal rules with the figures of B10.

use super::*;
use proptest::prelude::*;
use time::macros::date;

#[test]
fn three_month_clock_across_month_ends_and_leap_years() {
    let r = ClockRules::default();
    let cal = WorkCalendar::default();
    assert_eq!(
        clock(&r, &cal, date!(2023 - 11 - 30), None).due_on,
        date!(2024 - 02 - 29)
    );
    assert_eq!(
        clock(&r, &cal, date!(2022 - 11 - 30), None).due_on,
        date!(2023 - 02 - 28)
    );
    assert_eq!(
        clock(&r, &cal, date!(2024 - 03 - 31), None).due_on,
        date!(2024 - 06 - 30)
    );
    assert_eq!(
        clock(&r, &cal, date!(2024 - 10 - 15), None).due_on,
        date!(2025 - 01 - 15)
    );
    let c = clock(&r, &cal, date!(2024 - 01 - 31), None);
    assert_eq!(c.due_on, date!(2024 - 04 - 30));
    // Supporting units: a month before the lead's deadline.
    assert_eq!(c.support_due_on, date!(2024 - 03 - 30));
    assert_eq!(c.max_due_on, date!(2024 - 07 - 31));
    // 政协全会 提案 under 四川 rules: 5 months.
    let s = ClockSettings::sichuan();
    let plenary = s.rules(ProposalSource::Cppcc, true);
    assert_eq!(
        clock(&plenary, &cal, date!(2024 - 01 - 31), None).due_on,
        date!(2024 - 06 - 30)
    );
    assert_eq!(s.rules(ProposalSource::Npc, true).reply_months, 3);
}

#[test]
fn extension_at_most_six_months() {
    let r = ClockRules::default();
    let cal = WorkCalendar::default();
    let c = clock(&r, &cal, date!(2024 - 02 - 20), None);
    assert_eq!(c.due_on, date!(2024 - 05 - 20));
    assert!(check_extension(&r, &c, date!(2024 - 08 - 20)).is_ok());
    assert!(matches!(
        check_extension(&r, &c, date!(2024 - 08 - 21)),
        Err(ClockError::ExtensionTooLong { .. })
    ));
    assert!(check_extension(&r, &c, date!(2024 - 05 - 01)).is_err());
    let extended = clock(&r, &cal, date!(2024 - 02 - 20), Some(date!(2024 - 07 - 20)));
    assert_eq!(extended.due_on, date!(2024 - 07 - 20));
    assert_eq!(extended.support_due_on, date!(2024 - 06 - 20));
}

#[test]
fn wrong_assignee_return_within_working_days_across_a_holiday() {
    let r = ClockRules::default();
    let mut cal = WorkCalendar::default();
    // 2024 清明: 4月4–6日 off, Sunday 4月7日 worked.
    for d in [
        date!(2024 - 04 - 04),
        date!(2024 - 04 - 05),
        date!(2024 - 04 - 06),
    ] {
        cal.holidays.insert(d);
    }
    cal.workdays.insert(date!(2024 - 04 - 07));
    // 交办 Tuesday 4月2日: 3日, 7日(调休), 8, 9, 10 → 4月10日.
    let c = clock(&r, &cal, date!(2024 - 04 - 02), None);
    assert_eq!(c.return_by, date!(2024 - 04 - 10));
    assert!(check_return(&r, &c, date!(2024 - 04 - 10)).is_ok());
    assert!(check_return(&r, &c, date!(2024 - 04 - 11)).is_err());
    // Without the holiday list it would have been Tuesday 4月9日.
    let plain = clock(&r, &WorkCalendar::default(), date!(2024 - 04 - 02), None);
    assert_eq!(plain.return_by, date!(2024 - 04 - 09));
}

#[test]
fn unsatisfied_reopens_and_tracking_stays() {
    let r = ClockRules::default();
    let sat = Feedback {
        work: Some(Rating::Satisfied),
        result: Some(Rating::Basic),
    };
    let bad = Feedback {
        work: Some(Rating::Satisfied),
        result: Some(Rating::Unsatisfied),
    };
    assert_eq!(state_after_reply(ReplyCategory::A), ProposalState::Replied);
    assert_eq!(state_after_reply(ReplyCategory::C), ProposalState::Tracking);
    assert_eq!(
        after_feedback(&r, ReplyCategory::A, &[sat, bad], date!(2024 - 01 - 31)),
        (ProposalState::Redo, Some(date!(2024 - 02 - 29)))
    );
    assert_eq!(
        after_feedback(&r, ReplyCategory::A, &[sat, sat], date!(2024 - 01 - 31)),
        (ProposalState::Closed, None)
    );
    assert_eq!(
        after_feedback(
            &r,
            ReplyCategory::A,
            &[sat, Feedback::default()],
            date!(2024 - 01 - 31)
        ),
        (ProposalState::Replied, None)
    );
    assert_eq!(
        after_feedback(&r, ReplyCategory::B, &[sat], date!(2024 - 01 - 31)),
        (ProposalState::Tracking, None)
    );
}

fn facts(
    id: i64,
    state: ProposalState,
    cat: Option<ReplyCategory>,
    fb: Vec<Feedback>,
    due: Date,
) -> ProposalFacts {
    ProposalFacts {
        id,
        source: if id % 2 == 0 {
            ProposalSource::Npc
        } else {
            ProposalSource::Cppcc
        },
        unit_id: Some(id % 3),
        state,
        due_on: Some(due),
        category: cat,
        feedback: fb,
    }
}

#[test]
fn rates_categories_and_due_lists() {
    let sat = Feedback {
        work: Some(Rating::Satisfied),
        result: Some(Rating::Satisfied),
    };
    let basic = Feedback {
        work: Some(Rating::Basic),
        result: Some(Rating::Unsatisfied),
    };
    let today = date!(2024 - 06 - 15);
    let list = vec![
        facts(
            1,
            ProposalState::Closed,
            Some(ReplyCategory::A),
            vec![sat, sat],
            date!(2024 - 05 - 01),
        ),
        facts(
            2,
            ProposalState::Tracking,
            Some(ReplyCategory::B),
            vec![sat],
            date!(2024 - 05 - 01),
        ),
        facts(
            3,
            ProposalState::Redo,
            Some(ReplyCategory::A),
            vec![basic],
            date!(2024 - 06 - 10),
        ),
        facts(
            4,
            ProposalState::Assigned,
            None,
            vec![],
            date!(2024 - 06 - 20),
        ),
    ];
    let s = stats(&list, today, 7);
    assert_eq!(
        (s.total, s.npc, s.cppcc, s.answered, s.closed),
        (4, 2, 2, 2, 2)
    );
    assert_eq!(s.reply_rate, Some(50.0));
    assert_eq!(s.close_rate, Some(50.0));
    assert_eq!(s.work_satisfaction, Some(100.0));
    assert_eq!(s.result_satisfaction, Some(75.0));
    assert_eq!(s.categories[0].share, Some(50.0));
    assert_eq!(s.categories[1].share, Some(50.0));
    assert_eq!(
        s.overdue,
        vec![DueEntry {
            id: 3,
            unit_id: Some(0),
            due_on: date!(2024 - 06 - 10),
            days: 5
        }]
    );
    assert_eq!(s.due_soon.len(), 1);
    assert_eq!(s.due_soon[0].days, 5);
    let all = vec![
        facts(
            1,
            ProposalState::Closed,
            Some(ReplyCategory::A),
            vec![sat],
            today
        );
        3
    ];
    assert!(stats(&all, today, 7).sentence().contains("办结率100%"));
}

proptest! {
    #[test]
    fn rates_are_percentages(states in proptest::collection::vec(0usize..6, 0..50), r in 0usize..3) {
        let rating = [Rating::Satisfied, Rating::Basic, Rating::Unsatisfied][r];
        let list: Vec<ProposalFacts> = states.iter().enumerate().map(|(i, s)| facts(
            i as i64, ProposalState::ALL[*s], Some(ReplyCategory::A),
            vec![Feedback { work: Some(rating), result: None }], date!(2024 - 06 - 01))).collect();
        let s = stats(&list, date!(2024 - 06 - 15), 7);
        prop_assert!(s.closed <= s.answered && s.answered <= s.total);
        for x in [s.reply_rate, s.close_rate, s.work_satisfaction, s.result_satisfaction].into_iter().flatten() {
            prop_assert!((0.0..=100.0).contains(&x));
        }
        let total: usize = s.categories.iter().map(|c| c.count).sum();
        prop_assert_eq!(total, s.answered);
    }
}
