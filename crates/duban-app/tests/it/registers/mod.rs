//! Registers through the app API: permissions per unit, project reports through the flow,
//! the proposal clock and feedback loop, bound targets following the register, and the
//! demo's 2023 figures.

use super::app;
use duban_app::core::registers::binding::BoundFigure;
use duban_app::core::registers::projects::ProjectLevel;
use duban_app::core::registers::proposals::{ProposalState, Rating, ReplyCategory};
use duban_app::core::{Period, ProjectStage, ProposalSource, Role};
use duban_app::progress::Decision;
use duban_app::registers::projects::{ProjectInput, ProjectQuery, ProjectReportInput};
use duban_app::registers::proposals::ProposalInput;
use duban_app::registers::{self as regs, RegisterSettings};
use duban_app::{Actor, App, AppError, admin, import, status};
use time::macros::date;

fn actor(role: Role, unit: Option<i64>) -> Actor {
    Actor {
        user_id: None,
        username: format!("{role:?}"),
        display_name: format!("{role:?}"),
        role,
        unit_id: unit,
        unit_name: None,
    }
}

/// Two departments and the seed plan; returns (government, unit A, unit B).
async fn setup(app: &App) -> (i64, i64, i64) {
    let cli = Actor::cli();
    let a = admin::add_unit(app, &cli, "区发改委", None)
        .await
        .unwrap()
        .id;
    let b = admin::add_unit(app, &cli, "区商务局", None)
        .await
        .unwrap()
        .id;
    import::import_report(
        app,
        &cli,
        "山城区",
        Some(2024),
        "seed.txt",
        super::SEED.as_bytes(),
    )
    .await
    .unwrap();
    let g = regs::government_id(app, &duban_app::Actor::cli(), "山城区")
        .await
        .unwrap();
    (g, a, b)
}

fn project(name: &str, unit: i64, signed: time::Date, inv: f64) -> ProjectInput {
    ProjectInput {
        name: name.into(),
        lead_unit_id: Some(unit),
        level: Some(ProjectLevel::Province),
        total_investment: inv,
        annual_plan_investment: Some(2.0),
        signed_on: Some(signed),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_unit_reads_and_changes_only_its_own_entries() {
    let (app, _t) = app().await;
    let (g, a, b) = setup(&app).await;
    let office = actor(Role::Supervisor, None);
    let p = regs::projects::create(
        &app,
        &office,
        g,
        2024,
        &project("甲项目", a, date!(2024 - 01 - 10), 3.0),
    )
    .await
    .unwrap();
    let other = actor(Role::Reporter, Some(b));
    let mine = actor(Role::Reporter, Some(a));
    let period = Period {
        year: 2024,
        month: 6,
    };
    let today = date!(2024 - 06 - 30);
    let q = ProjectQuery::default();
    assert!(
        regs::projects::list(&app, &other, g, 2024, &q, period, today)
            .await
            .unwrap()
            .is_empty()
    );
    // Asking for unit A's list does not widen a unit user's scope.
    let widen = ProjectQuery {
        unit_id: Some(a),
        ..Default::default()
    };
    assert!(
        regs::projects::list(&app, &other, g, 2024, &widen, period, today)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        regs::projects::get(&app, &other, p.id).await,
        Err(AppError::NotFound)
    ));
    let mut edit = project("甲项目", a, date!(2024 - 01 - 10), 4.0);
    assert!(matches!(
        regs::projects::update(&app, &other, p.id, &edit).await,
        Err(AppError::NotFound)
    ));
    let report = ProjectReportInput {
        period: "2024-01".into(),
        completed: Some(0.2),
        ..Default::default()
    };
    assert!(
        regs::projects::save_report(&app, &other, p.id, &report)
            .await
            .is_err()
    );
    // A unit user cannot create an entry for another unit.
    assert!(
        regs::projects::create(
            &app,
            &other,
            g,
            2024,
            &project("乙", a, date!(2024 - 01 - 10), 1.0)
        )
        .await
        .is_err()
    );
    // Its own unit may edit it, but not hand it to another unit.
    edit.lead_unit_id = Some(b);
    let changed = regs::projects::update(&app, &mine, p.id, &edit)
        .await
        .unwrap();
    assert_eq!(
        (changed.total_investment, changed.lead_unit_id),
        (4.0, Some(a))
    );
    let leader = actor(Role::Leader, None);
    assert_eq!(
        regs::projects::list(&app, &leader, g, 2024, &q, period, today)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(
        regs::projects::update(&app, &leader, p.id, &edit)
            .await
            .is_err()
    );
    // Service items and proposals follow the same rule.
    let s = regs::services::create(
        &app,
        &mine,
        g,
        &regs::services::ServiceInput {
            name: "企业投资项目备案".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(s.unit_id, Some(a));
    assert!(matches!(
        regs::services::get(&app, &other, s.id).await,
        Err(AppError::NotFound)
    ));
    assert!(regs::services::delete(&app, &other, s.id).await.is_err());
    assert!(
        regs::services::list(&app, &other, g)
            .await
            .unwrap()
            .is_empty()
    );
    let prop = regs::proposals::create(&app, &office, g, 2024, &proposal(a, date!(2024 - 01 - 31)))
        .await
        .unwrap();
    assert!(matches!(
        regs::proposals::get(&app, &other, prop.proposal.id).await,
        Err(AppError::NotFound)
    ));
    assert!(
        regs::proposals::list(&app, &other, g, 2024, &Default::default())
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        regs::proposals::create(&app, &mine, g, 2024, &proposal(a, date!(2024 - 01 - 31)))
            .await
            .is_err()
    );
}

fn proposal(unit: i64, on: time::Date) -> ProposalInput {
    ProposalInput {
        source: Some(ProposalSource::Npc),
        at_session: true,
        session: "十一届三次".into(),
        number: format!("{}", on.ordinal()),
        title: "关于加强社区养老服务的建议".into(),
        proposers: vec!["张三".into(), "李四".into()],
        lead_unit_id: Some(unit),
        assigned_at: Some(on),
        ..Default::default()
    }
}

#[tokio::test]
async fn project_reports_go_through_the_flow_and_feed_the_figures() {
    let (app, _t) = app().await;
    let (g, a, _) = setup(&app).await;
    let office = actor(Role::Supervisor, None);
    let p = regs::projects::create(
        &app,
        &office,
        g,
        2024,
        &project("甲项目", a, date!(2024 - 01 - 10), 3.0),
    )
    .await
    .unwrap();
    let reporter = actor(Role::Reporter, Some(a));
    let approver = actor(Role::Approver, Some(a));
    let input = ProjectReportInput {
        period: "2024-06".into(),
        completed: Some(1.5),
        progress: "主体完工".into(),
        submit: true,
        ..Default::default()
    };
    let r = regs::projects::save_report(&app, &reporter, p.id, &input)
        .await
        .unwrap();
    let period = Period {
        year: 2024,
        month: 6,
    };
    let today = date!(2024 - 06 - 30);
    let done = |app: &App| {
        let app = app.clone();
        let office = office.clone();
        async move {
            regs::summary::summary(&app, &office, g, 2024, period, today)
                .await
                .unwrap()
                .key_investment
                .completed
        }
    };
    // Not accepted yet: nothing counts.
    assert_eq!(done(&app).await, 0.0);
    assert!(
        regs::projects::review_report(&app, &office, r.id, Decision::Approve, "")
            .await
            .is_err()
    );
    regs::projects::review_report(&app, &approver, r.id, Decision::Approve, "")
        .await
        .unwrap();
    assert_eq!(
        regs::projects::queue(&app, &office, g, 2024)
            .await
            .unwrap()
            .len(),
        1
    );
    let r = regs::projects::review_report(&app, &office, r.id, Decision::Approve, "")
        .await
        .unwrap();
    assert_eq!(r.state, duban_app::core::ReportState::Accepted);
    let s = regs::summary::summary(&app, &office, g, 2024, period, today)
        .await
        .unwrap();
    assert_eq!(s.key_investment.completed, 1.5);
    assert!(
        s.key_investment
            .explanation
            .contains("占年度投资计划的75%，超过时间进度25.0个百分点"),
        "{}",
        s.key_investment.explanation
    );
    assert_eq!(s.funnel.stage(ProjectStage::Signed).count, 1);
    let h = regs::projects::report_history(&app, &office, r.id)
        .await
        .unwrap();
    assert_eq!(
        h.iter().map(|h| h.action.as_str()).collect::<Vec<_>>(),
        ["submit", "approve", "accept"]
    );
    // An accepted report is closed to the unit.
    assert!(
        regs::projects::save_report(&app, &reporter, p.id, &input)
            .await
            .is_err()
    );
}

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

#[tokio::test]
async fn a_bound_target_follows_the_register_with_no_report() {
    let (app, _t) = app().await;
    let (g, a, _) = setup(&app).await;
    let office = actor(Role::Supervisor, None);
    let plan = duban_app::items::plan_by_name(&app, "山城区", 2024)
        .await
        .unwrap();
    let items = duban_app::items::list(&app, &office, plan.id, false)
        .await
        .unwrap();
    let target = items
        .iter()
        .find(|i| i.value == Some(26.0) && i.text.contains("新签约亿元以上项目"))
        .unwrap_or_else(|| {
            panic!(
                "{:#?}",
                items
                    .iter()
                    .map(|i| (&i.indicator, i.value))
                    .collect::<Vec<_>>()
            )
        });
    regs::bindings::bind(
        &app,
        &office,
        target.id,
        &BoundFigure::ProjectCount {
            stage: ProjectStage::Signed,
            over_100m_only: true,
        },
    )
    .await
    .unwrap();
    let mut ids = Vec::new();
    for i in 0..13 {
        let p = project(
            &format!("项目{i}"),
            a,
            date!(2024 - 01 - 05) + time::Duration::days(i * 10),
            2.0,
        );
        ids.push(
            regs::projects::create(&app, &office, g, 2024, &p)
                .await
                .unwrap()
                .id,
        );
    }
    let period = Period {
        year: 2024,
        month: 6,
    };
    let today = date!(2024 - 07 - 01);
    let status_of = |app: App| async move {
        let (_, list) = status::compute(&app, &Actor::cli(), plan.id, period, today)
            .await
            .unwrap();
        list.into_iter().find(|s| s.item.id == target.id).unwrap()
    };
    let s = status_of(app.clone()).await;
    assert_eq!(
        s.assessment.status,
        duban_app::core::status::Status::OnTrack,
        "{:?}",
        s.assessment
    );
    assert!(
        s.assessment
            .explanation
            .starts_with("重点项目台账：签约亿元以上项目个数"),
        "{}",
        s.assessment.explanation
    );
    // One project turns out to be below 1亿元: 12 of 26 is behind 序时 in June.
    let mut small = project("项目0", a, date!(2024 - 01 - 05), 0.8);
    small.over_100m = None;
    regs::projects::update(&app, &office, ids[0], &small)
        .await
        .unwrap();
    let s = status_of(app.clone()).await;
    assert_eq!(s.value, Some(12.0));
    assert_eq!(
        s.assessment.status,
        duban_app::core::status::Status::Behind,
        "{:?}",
        s.assessment
    );
    regs::bindings::unbind(&app, &office, target.id)
        .await
        .unwrap();
    assert!(
        regs::bindings::list(&app, &duban_app::Actor::cli(), plan.id)
            .await
            .unwrap()
            .is_empty()
    );
}

mod demo;
mod files;
mod roles;

/// The two-person rule holds for project reports as for item reports: an approver who wrote
/// and submitted a project's monthly report cannot approve it; a second approver can.
#[tokio::test]
async fn the_author_of_a_project_report_never_approves_it() {
    let (app, _t) = app().await;
    let (g, a, _) = setup(&app).await;
    let cli = Actor::cli();
    for name in ["fgw_sh_a", "fgw_sh_b"] {
        admin::add_user(
            &app,
            &cli,
            admin::NewUser {
                username: name,
                display_name: None,
                role: Role::Approver,
                unit: Some("区发改委"),
                password: "correct-horse-battery",
            },
        )
        .await
        .unwrap();
    }
    let login = |name: &'static str| {
        let app = app.clone();
        async move {
            duban_app::auth::login(&app, name, "correct-horse-battery", None, None)
                .await
                .unwrap()
                .actor
        }
    };
    let author = login("fgw_sh_a").await;
    let second = login("fgw_sh_b").await;
    let office = actor(Role::Supervisor, None);
    let p = regs::projects::create(
        &app,
        &office,
        g,
        2024,
        &project("乙项目", a, date!(2024 - 01 - 10), 3.0),
    )
    .await
    .unwrap();
    let input = ProjectReportInput {
        period: "2024-06".into(),
        completed: Some(1.0),
        progress: "主体施工".into(),
        submit: true,
        ..Default::default()
    };
    let r = regs::projects::save_report(&app, &author, p.id, &input)
        .await
        .unwrap();
    let own = regs::projects::review_report(&app, &author, r.id, Decision::Approve, "").await;
    assert!(matches!(own, Err(AppError::Forbidden(_))), "{own:?}");
    let r = regs::projects::review_report(&app, &second, r.id, Decision::Approve, "")
        .await
        .unwrap();
    assert_eq!(r.state, duban_app::core::ReportState::Approved);
}
