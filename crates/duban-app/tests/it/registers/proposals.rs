//! Proposals: the reply clock, returns, extensions and the loop of unsatisfied ratings.

use super::{actor, proposal, setup};
use crate::app;
use duban_app::AppError;
use duban_app::core::registers::proposals::{ProposalState, Rating, ReplyCategory};
use duban_app::core::{Period, Role};
use duban_app::registers::{self as regs, RegisterSettings};
use time::macros::date;

#[tokio::test]
async fn proposal_clock_return_extension_and_the_unsatisfied_loop() {
    let (app, _t) = app().await;
    let (g, a, b) = setup(&app).await;
    let office = actor(Role::Supervisor, None);
    let mut settings = RegisterSettings::default();
    // 2024 清明: 4月4–6日 off, Sunday 4月7日 worked.
    settings.calendar.holidays.extend([
        date!(2024 - 04 - 04),
        date!(2024 - 04 - 05),
        date!(2024 - 04 - 06),
    ]);
    settings.calendar.workdays.insert(date!(2024 - 04 - 07));
    regs::set_settings(&app, &office, g, &settings)
        .await
        .unwrap();
    // 交办 on 31 Jan 2024: due on the last day of April; a leap February in between.
    let d = regs::proposals::create(&app, &office, g, 2024, &proposal(a, date!(2024 - 01 - 31)))
        .await
        .unwrap();
    assert_eq!(d.proposal.due_date, Some(date!(2024 - 04 - 30)));
    let id = d.proposal.id;
    let ua = actor(Role::Reporter, Some(a));
    let ub = actor(Role::Reporter, Some(b));
    // The wrong-assignee window has closed long ago.
    assert!(
        regs::proposals::return_item(&app, &ua, id, "非本单位职责", date!(2024 - 03 - 01))
            .await
            .is_err()
    );
    // A second item, 交办 2 April: 5 working days across 清明 end on 10 April.
    let d2 = regs::proposals::create(&app, &office, g, 2024, &proposal(a, date!(2024 - 04 - 02)))
        .await
        .unwrap();
    assert_eq!(d2.clock.unwrap().return_by, date!(2024 - 04 - 10));
    assert!(
        regs::proposals::return_item(&app, &ub, d2.proposal.id, "x", date!(2024 - 04 - 10))
            .await
            .is_err()
    );
    let back = regs::proposals::return_item(
        &app,
        &ua,
        d2.proposal.id,
        "属区商务局职责",
        date!(2024 - 04 - 10),
    )
    .await
    .unwrap();
    assert_eq!(back.proposal.state, ProposalState::Returned.as_str());
    let re = regs::proposals::reassign(
        &app,
        &office,
        d2.proposal.id,
        b,
        &[a],
        date!(2024 - 04 - 12),
    )
    .await
    .unwrap();
    assert_eq!(
        (re.proposal.lead_unit_id, re.proposal.due_date),
        (Some(b), Some(date!(2024 - 07 - 12)))
    );
    // The former lead still sees it as a supporting unit and sends its opinion.
    regs::proposals::opinion(
        &app,
        &ua,
        d2.proposal.id,
        "同意主办单位意见",
        date!(2024 - 05 - 01),
    )
    .await
    .unwrap();
    assert_eq!(re.clock.unwrap().support_due_on, date!(2024 - 06 - 12));
    // Extension: at most 6 months after 交办.
    assert!(
        regs::proposals::extend(&app, &office, id, date!(2024 - 08 - 01), "情况复杂")
            .await
            .is_err()
    );
    assert!(
        regs::proposals::extend(&app, &ua, id, date!(2024 - 06 - 30), "情况复杂")
            .await
            .is_err()
    );
    let ext = regs::proposals::extend(&app, &office, id, date!(2024 - 07 - 31), "情况复杂")
        .await
        .unwrap();
    assert_eq!(ext.proposal.due_date, Some(date!(2024 - 07 - 31)));
    // Reply B → 跟踪办理; one proposer 不满意 → 重新办理 within a month.
    let r = regs::proposals::reply(
        &app,
        &ua,
        id,
        ReplyCategory::B,
        "正在推进",
        Some(regs::proposals::Letter {
            file_name: "答复函.pdf",
            bytes: b"%PDF-1.4 reply",
        }),
        date!(2024 - 05 - 20),
    )
    .await
    .unwrap();
    assert_eq!(r.proposal.state, ProposalState::Tracking.as_str());
    let (name, bytes) = regs::proposals::reply_letter(&app, &ua, id).await.unwrap();
    assert_eq!(
        (name.as_str(), bytes.as_slice()),
        ("答复函.pdf", b"%PDF-1.4 reply".as_slice())
    );
    assert!(matches!(
        regs::proposals::reply_letter(&app, &ub, id).await,
        Err(AppError::NotFound)
    ));
    let [p1, p2] = [r.proposers[0].id, r.proposers[1].id];
    regs::proposals::feedback(
        &app,
        &office,
        id,
        p1,
        Rating::Satisfied,
        Rating::Satisfied,
        date!(2024 - 05 - 31),
    )
    .await
    .unwrap();
    let redo = regs::proposals::feedback(
        &app,
        &office,
        id,
        p2,
        Rating::Basic,
        Rating::Unsatisfied,
        date!(2024 - 05 - 31),
    )
    .await
    .unwrap();
    assert_eq!(redo.proposal.state, ProposalState::Redo.as_str());
    assert_eq!(
        (redo.proposal.due_date, redo.proposal.redo_count),
        (Some(date!(2024 - 06 - 30)), 1)
    );
    let today = date!(2024 - 07 - 05);
    let s = regs::summary::summary(
        &app,
        &office,
        g,
        2024,
        Period {
            year: 2024,
            month: 6,
        },
        today,
    )
    .await
    .unwrap();
    assert_eq!(
        s.proposals.overdue.iter().map(|e| e.id).collect::<Vec<_>>(),
        [id]
    );
    assert_eq!(s.proposals.reply_rate, Some(0.0));
    // Answered again A, both satisfied → 办结.
    let again = regs::proposals::reply(
        &app,
        &ua,
        id,
        ReplyCategory::A,
        "已解决",
        None,
        date!(2024 - 06 - 25),
    )
    .await
    .unwrap();
    assert!(
        again.proposers.iter().all(|p| p.work_rating.is_none()),
        "a new reply asks for new feedback"
    );
    regs::proposals::feedback(
        &app,
        &office,
        id,
        p1,
        Rating::Satisfied,
        Rating::Satisfied,
        today,
    )
    .await
    .unwrap();
    let closed = regs::proposals::feedback(
        &app,
        &office,
        id,
        p2,
        Rating::Satisfied,
        Rating::Basic,
        today,
    )
    .await
    .unwrap();
    assert_eq!(closed.proposal.state, ProposalState::Closed.as_str());
    let s = regs::summary::summary(
        &app,
        &office,
        g,
        2024,
        Period {
            year: 2024,
            month: 7,
        },
        today,
    )
    .await
    .unwrap();
    assert_eq!((s.proposals.closed, s.proposals.total), (1, 2));
    assert_eq!(s.proposals.close_rate, Some(50.0));
    assert_eq!(s.proposals.result_satisfaction, Some(100.0));
}
