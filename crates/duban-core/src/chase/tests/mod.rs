//! The chasing planner by example: chases and the ladder here; reminders and digests in
//! [`reminders`], extensions and the briefing in [`extensions`].

use super::*;

mod extensions;
mod reminders;
use crate::status::Status;
use crate::{NoticeKind, Period, ReportState};
use std::collections::HashSet;
use time::macros::date;
use time::{Date, Duration};

const JUNE: Period = Period {
    year: 2024,
    month: 6,
};
const DUE: Date = date!(2024 - 06 - 25);

fn owe(item: i64, unit: i64) -> Obligation {
    Obligation {
        item_id: item,
        item_title: format!("事项{item}"),
        unit_id: unit,
        lead: true,
        period: JUNE,
        due: DUE,
        report: None,
        submitted_on: None,
        status: None,
        responsible: Some("张华".into()),
    }
}

fn run(today: Date, obs: &[Obligation], ext: &[Extension], notices: &[ExistingNotice]) -> DayPlan {
    plan_day(
        1,
        today,
        &ChaseConfig::default(),
        obs,
        ext,
        notices,
        &HashSet::new(),
    )
}

/// Issues what a plan says, as the app would store it: numbered, ids from 100.
fn issue(plan: &DayPlan, into: &mut Vec<ExistingNotice>) {
    for d in &plan.notices {
        let id = 100 + into.len() as i64;
        into.push(ExistingNotice {
            id,
            kind: d.kind,
            cause: d.cause,
            item_id: d.item_id,
            unit_id: d.unit_id,
            period: d.period,
            parent_id: d.parent_id,
            number: Some(format_number("山督催", 2024, id as u32)),
            matter: d.matter.clone(),
            responsible: d.responsible.clone(),
            issued_on: d.issued_on,
            deadline: Some(d.deadline),
            answered_on: None,
            closed: false,
        });
    }
}

#[test]
fn overdue_reports_get_a_blue_chase_the_day_after_the_due_date() {
    let obs = [owe(1, 10)];
    assert!(run(DUE, &obs, &[], &[]).notices.is_empty());
    let plan = run(date!(2024 - 06 - 26), &obs, &[], &[]);
    let n = &plan.notices[0];
    assert_eq!(
        (n.kind, n.level, n.cause, n.deadline),
        (
            NoticeKind::Chase,
            NoticeLevel::Blue,
            Cause::Overdue,
            date!(2024 - 07 - 01)
        )
    );
    assert_eq!(n.responsible.as_deref(), Some("张华"));
    assert!(n.matter.contains("逾期未报送"), "{}", n.matter);
    // Once issued, it is not issued again.
    let mut existing = Vec::new();
    issue(&plan, &mut existing);
    assert!(
        run(date!(2024 - 06 - 27), &obs, &[], &existing)
            .notices
            .is_empty()
    );
}

#[test]
fn long_past_periods_are_not_chased_when_chasing_starts_late() {
    let obs = [owe(1, 10)];
    assert_eq!(run(date!(2024 - 07 - 25), &obs, &[], &[]).notices.len(), 1);
    assert!(
        run(date!(2024 - 07 - 26), &obs, &[], &[])
            .notices
            .is_empty()
    );
    let cfg = ChaseConfig {
        chase_within_days: None,
        ..ChaseConfig::default()
    };
    let plan = plan_day(
        1,
        date!(2024 - 12 - 01),
        &cfg,
        &obs,
        &[],
        &[],
        &HashSet::new(),
    );
    assert_eq!(plan.notices.len(), 1);
}

#[test]
fn lagging_statuses_of_long_past_periods_are_not_chased() {
    let behind = Obligation {
        report: Some(ReportState::Accepted),
        submitted_on: Some(DUE),
        status: Some(Status::Behind),
        ..owe(1, 10)
    };
    // Within the window (30 days after the due date) the accepted, lagging report is
    // chased; a day later it is not, unless the window is switched off.
    assert_eq!(
        run(
            DUE + time::Duration::days(30),
            std::slice::from_ref(&behind),
            &[],
            &[]
        )
        .notices
        .len(),
        1
    );
    assert!(
        run(
            DUE + time::Duration::days(31),
            std::slice::from_ref(&behind),
            &[],
            &[]
        )
        .notices
        .is_empty()
    );
    let cfg = ChaseConfig {
        chase_within_days: None,
        ..ChaseConfig::default()
    };
    let plan = plan_day(
        1,
        DUE + time::Duration::days(200),
        &cfg,
        &[behind],
        &[],
        &[],
        &HashSet::new(),
    );
    assert_eq!(plan.notices.len(), 1);
}

#[test]
fn supporting_units_are_not_chased_by_default() {
    let obs = [Obligation {
        lead: false,
        ..owe(1, 10)
    }];
    assert!(
        run(date!(2024 - 06 - 28), &obs, &[], &[])
            .notices
            .is_empty()
    );
}

#[test]
fn lagging_after_acceptance_is_chased_on_track_is_not() {
    let mut a = owe(1, 10);
    a.report = Some(ReportState::Accepted);
    a.status = Some(Status::SeriouslyBehind);
    let mut b = owe(2, 10);
    b.report = Some(ReportState::Accepted);
    b.status = Some(Status::OnTrack);
    let mut c = owe(3, 10);
    c.report = Some(ReportState::Approved);
    c.status = Some(Status::Behind);
    let plan = run(date!(2024 - 06 - 20), &[a, b, c], &[], &[]);
    assert_eq!(plan.notices.len(), 1);
    assert_eq!(
        (plan.notices[0].item_id, plan.notices[0].cause),
        (Some(1), Cause::SeriouslyBehind)
    );
}

#[test]
fn an_answered_chase_does_not_become_a_supervision_notice() {
    let obs = [owe(1, 10)];
    let mut existing = Vec::new();
    issue(&run(date!(2024 - 06 - 26), &obs, &[], &[]), &mut existing);
    existing[0].answered_on = Some(date!(2024 - 06 - 30));
    for day in [date!(2024 - 07 - 02), date!(2024 - 07 - 20)] {
        assert!(run(day, &obs, &[], &existing).notices.is_empty());
    }
    // Closed by the office: the same.
    existing[0].answered_on = None;
    existing[0].closed = true;
    assert!(
        run(date!(2024 - 07 - 02), &obs, &[], &existing)
            .notices
            .is_empty()
    );
}

#[test]
fn an_unanswered_chase_becomes_orange_after_its_deadline_then_red() {
    let obs = [owe(1, 10)];
    let mut existing = Vec::new();
    issue(&run(date!(2024 - 06 - 26), &obs, &[], &[]), &mut existing);
    let deadline = existing[0].deadline.unwrap();
    assert!(
        run(deadline, &obs, &[], &existing).notices.is_empty(),
        "on the 限期 itself it is still in time"
    );
    let plan = run(deadline + Duration::days(1), &obs, &[], &existing);
    let n = &plan.notices[0];
    assert_eq!(
        (n.kind, n.level, n.parent_id, n.cause),
        (
            NoticeKind::Supervision,
            NoticeLevel::Orange,
            Some(existing[0].id),
            Cause::Escalated
        )
    );
    assert!(
        n.matter.contains("山督催〔2024〕100号逾期未反馈"),
        "{}",
        n.matter
    );
    issue(&plan, &mut existing);
    let sup_deadline = existing[1].deadline.unwrap();
    assert!(
        run(sup_deadline, &obs, &[], &existing).notices.is_empty(),
        "nothing twice"
    );
    let plan = run(sup_deadline + Duration::days(1), &obs, &[], &existing);
    assert_eq!(
        (
            plan.notices[0].kind,
            plan.notices[0].level,
            plan.notices[0].parent_id
        ),
        (
            NoticeKind::Interview,
            NoticeLevel::Red,
            Some(existing[1].id)
        )
    );
    issue(&plan, &mut existing);
    assert!(
        run(date!(2024 - 12 - 31), &obs, &[], &existing)
            .notices
            .is_empty(),
        "约谈 is the top rung"
    );
}

#[test]
fn an_unanswered_assignment_gets_a_chase_then_climbs_the_ladder() {
    let assignment = ExistingNotice {
        id: 7,
        kind: NoticeKind::Assignment,
        cause: Cause::Manual,
        item_id: Some(1),
        unit_id: Some(10),
        period: None,
        parent_id: None,
        number: Some("山督交〔2024〕1号".into()),
        matter: "落实区长批示：加快高标准农田建设".into(),
        responsible: None,
        issued_on: date!(2024 - 06 - 01),
        deadline: Some(date!(2024 - 06 - 10)),
        answered_on: None,
        closed: false,
    };
    let mut existing = vec![assignment];
    assert!(
        run(date!(2024 - 06 - 10), &[], &[], &existing)
            .notices
            .is_empty()
    );
    let plan = run(date!(2024 - 06 - 11), &[], &[], &existing);
    assert_eq!(
        (
            plan.notices[0].kind,
            plan.notices[0].parent_id,
            plan.notices[0].period
        ),
        (NoticeKind::Chase, Some(7), None)
    );
    assert!(plan.notices[0].matter.contains("落实区长批示"));
    issue(&plan, &mut existing);
    let later = existing[1].deadline.unwrap() + Duration::days(1);
    assert_eq!(
        run(later, &[], &[], &existing).notices[0].kind,
        NoticeKind::Supervision
    );
    let off = ChaseConfig {
        escalate_assignments: false,
        ..ChaseConfig::default()
    };
    let plan = plan_day(
        1,
        date!(2024 - 06 - 11),
        &off,
        &[],
        &[],
        &existing[..1],
        &HashSet::new(),
    );
    assert!(plan.notices.is_empty());
}

#[test]
fn a_report_in_by_the_deadline_answers_an_overdue_chase() {
    let mut obs = [owe(1, 10)];
    let mut existing = Vec::new();
    issue(&run(date!(2024 - 06 - 26), &obs, &[], &[]), &mut existing);
    obs[0].report = Some(ReportState::Submitted);
    obs[0].submitted_on = Some(date!(2024 - 06 - 28));
    assert!(
        run(date!(2024 - 07 - 05), &obs, &[], &existing)
            .notices
            .is_empty()
    );
    // Submitted after the 限期: the chase was ignored.
    obs[0].submitted_on = Some(date!(2024 - 07 - 03));
    assert_eq!(
        run(date!(2024 - 07 - 05), &obs, &[], &existing)
            .notices
            .len(),
        1
    );
}

#[test]
fn steps_can_be_switched_off_and_delays_set_per_plan() {
    let cfg = ChaseConfig {
        remind_days_before: vec![5],
        overdue_reminder_after: None,
        chase_overdue_after: Some(3),
        supervision_enabled: false,
        ..ChaseConfig::default()
    };
    let obs = [owe(1, 10)];
    let none = HashSet::new();
    let at = |d: Date, n: &[ExistingNotice]| plan_day(1, d, &cfg, &obs, &[], n, &none);
    assert_eq!(at(date!(2024 - 06 - 20), &[]).digests.len(), 1);
    assert!(at(date!(2024 - 06 - 19), &[]).digests.is_empty());
    assert!(at(date!(2024 - 06 - 27), &[]).is_empty());
    let plan = at(date!(2024 - 06 - 28), &[]);
    assert_eq!(plan.notices.len(), 1);
    let mut existing = Vec::new();
    issue(&plan, &mut existing);
    assert!(at(date!(2024 - 08 - 01), &existing).notices.is_empty());
}
