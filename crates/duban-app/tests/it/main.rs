//! Application tests: import, permissions, the reporting flow, progress import and status,
//! on the backend the run selects (both, in the test script).

use duban_app::core::status::Status;
use duban_app::core::{Period, ReportState, Role};
use duban_app::db::testing::fresh;
use duban_app::progress::{Decision, ReportInput};
use duban_app::{Actor, App, AppError, admin, auth, demo, import, items, progress, status};

mod audited;
mod carry;
mod chase;
mod city;
mod city_accounts;
mod clock;
mod imports;
mod reporting;

pub(crate) use audited::assert_audited;

mod registers;

pub(crate) const SEED: &str = demo::SEED_REPORT;

pub(crate) async fn app() -> (App, duban_app::db::testing::TestDb) {
    let t = fresh().await;
    let app = App::new(t.db.clone(), t.dir.path().to_path_buf());
    (app, t)
}

/// Row counts of every table an import touches, to prove a failed import changed nothing.
async fn counts(app: &App) -> (usize, usize, i64) {
    let plans = items::plans(app).await.unwrap();
    let n_items = match plans.first() {
        Some(p) => items::list(app, &Actor::cli(), p.id, false)
            .await
            .unwrap()
            .len(),
        None => 0,
    };
    let mut tx = app.db.read().await.unwrap();
    let audit = duban_app::db::audit::count(&mut tx).await.unwrap();
    (plans.len(), n_items, audit)
}

async fn login_actor(app: &App, user: &str) -> Actor {
    auth::login(app, user, demo::DEMO_PASSWORD, None, None)
        .await
        .unwrap()
        .actor
}

#[tokio::test]
async fn logins_lock_after_repeated_failures() {
    let (app, _t) = app().await;
    admin::add_user(
        &app,
        &Actor::cli(),
        admin::NewUser {
            username: "wang",
            display_name: None,
            role: Role::Supervisor,
            unit: None,
            password: "correct-horse",
        },
    )
    .await
    .unwrap();
    assert!(matches!(
        auth::login(&app, "nobody", "x", None, None).await,
        Err(AppError::InvalidCredentials)
    ));
    for _ in 0..app.settings.lockout_after {
        assert!(matches!(
            auth::login(&app, "wang", "wrong-pass", None, None).await,
            Err(AppError::InvalidCredentials)
        ));
    }
    // Locked: the right password gets the same answer as a wrong one.
    assert!(matches!(
        auth::login(&app, "wang", "correct-horse", None, None).await,
        Err(AppError::InvalidCredentials)
    ));
    admin::set_password(&app, &Actor::cli(), "wang", "another-pass")
        .await
        .unwrap();
    assert_audited(&app, "set_password", "user").await;
    let l = auth::login(&app, "wang", "another-pass", None, None)
        .await
        .unwrap();
    assert_eq!(
        auth::actor_for_token(&app, &l.token)
            .await
            .unwrap()
            .username,
        "wang"
    );
    auth::logout(&app, &l.token).await.unwrap();
    assert!(matches!(
        auth::actor_for_token(&app, &l.token).await,
        Err(AppError::Unauthenticated)
    ));
    // Unit roles need a unit; short passwords are refused.
    assert!(
        admin::add_user(
            &app,
            &Actor::cli(),
            admin::NewUser {
                username: "x",
                display_name: None,
                role: Role::Reporter,
                unit: None,
                password: "long-enough"
            }
        )
        .await
        .is_err()
    );
    assert!(
        admin::add_user(
            &app,
            &Actor::cli(),
            admin::NewUser {
                username: "y",
                display_name: None,
                role: Role::Viewer,
                unit: None,
                password: "short"
            }
        )
        .await
        .is_err()
    );
}

#[tokio::test]
async fn plan_settings_change_the_rules_and_are_checked() {
    let (app, _t) = app().await;
    let info = demo::seed(&app).await.unwrap();
    let cli = Actor::cli();
    let mut s = items::plan_settings(&app, &cli, info.plan_id)
        .await
        .unwrap();
    assert_eq!(s.due_day, 25);
    s.due_day = 31;
    assert!(matches!(
        items::set_plan_settings(&app, &cli, info.plan_id, &s).await,
        Err(AppError::BadInput(_))
    ));
    s.due_day = 10;
    s.thresholds = duban_app::core::status::Thresholds::yinchuan();
    items::set_plan_settings(&app, &cli, info.plan_id, &s)
        .await
        .unwrap();
    assert_audited(&app, "plan_settings", "plan").await;
    let back = items::plan_settings(&app, &cli, info.plan_id)
        .await
        .unwrap();
    assert_eq!(back, s);
    let viewer = login_actor(&app, "guest").await;
    assert!(matches!(
        items::set_plan_settings(&app, &viewer, info.plan_id, &s).await,
        Err(AppError::Forbidden(_))
    ));
}

#[tokio::test]
async fn default_periods_follow_the_calendar_or_the_reports() {
    use time::macros::date;
    let (app, _t) = app().await;
    let info = demo::seed(&app).await.unwrap();
    let plan = items::plan(&app, info.plan_id).await.unwrap();
    let p = |m| Period {
        year: 2024,
        month: m,
    };
    // The demo's July reports are in the flow; June's are accepted.
    assert_eq!(
        progress::default_periods(&app, &plan, date!(2026 - 11 - 27))
            .await
            .unwrap(),
        (p(7), p(6))
    );
    assert_eq!(
        progress::default_periods(&app, &plan, date!(2024 - 03 - 10))
            .await
            .unwrap(),
        (p(3), p(2))
    );
    assert_eq!(
        progress::default_periods(&app, &plan, date!(2024 - 03 - 26))
            .await
            .unwrap(),
        (p(3), p(3))
    );
    assert_eq!(
        progress::default_periods(&app, &plan, date!(2023 - 12 - 01))
            .await
            .unwrap(),
        (p(1), p(1))
    );
}

/// A decomposition notice in the usual shape, written for this test.
#[tokio::test]
async fn batch_assignment_is_all_or_nothing() {
    let (app, _t) = app().await;
    let cli = Actor::cli();
    let s = import::import_report(
        &app,
        &cli,
        "山城区",
        Some(2024),
        "seed.txt",
        SEED.as_bytes(),
    )
    .await
    .unwrap();
    let unit = admin::add_unit(&app, &cli, "区发改委", None).await.unwrap();
    let list = items::list(&app, &cli, s.plan_id, false).await.unwrap();
    let row = |lead: i64| items::AssignInput {
        lead_unit_id: lead,
        supporting_unit_ids: vec![],
        leader_user_id: None,
        leader_name: None,
        deadline: None,
        weight: None,
        cycle: None,
        milestones: None,
    };
    let rows = vec![(list[0].id, row(unit.id)), (list[1].id, row(unit.id + 999))];
    let err = items::assign_many(&app, &cli, &rows).await.unwrap_err();
    assert!(
        err.to_string().contains(&format!("事项 {}", list[1].id)),
        "{err}"
    );
    let after = items::list(&app, &cli, s.plan_id, false).await.unwrap();
    assert!(
        after[0].assignment_id.is_none(),
        "the good row was rolled back too"
    );
    let ok = vec![(list[0].id, row(unit.id)), (list[1].id, row(unit.id))];
    assert_eq!(items::assign_many(&app, &cli, &ok).await.unwrap().len(), 2);
    assert_audited(&app, "assign", "item").await;
    let after = items::list(&app, &cli, s.plan_id, false).await.unwrap();
    assert_eq!(after[1].lead_unit_name.as_deref(), Some("区发改委"));
}

#[tokio::test]
async fn the_dashboard_counts_like_a_briefing() {
    use duban_app::core::status::Light;
    let (app, _t) = app().await;
    let info = demo::seed(&app).await.unwrap();
    let office = login_actor(&app, "duchashi").await;
    let june = Period {
        year: 2024,
        month: 6,
    };
    let d = duban_app::dashboard::build(&app, &office, info.plan_id, june, app.today(), false)
        .await
        .unwrap();
    assert!(d.total > 20);
    assert_eq!(d.by_status.iter().map(|c| c.count).sum::<usize>(), d.total);
    assert!((d.by_status.iter().map(|c| c.share).sum::<f64>() - 100.0).abs() < 1e-6);
    assert_eq!(
        d.green
            + d.yellow
            + d.red
            + d.by_status
                .iter()
                .filter(|c| c.status == Status::NotStarted)
                .map(|c| c.count)
                .sum::<usize>(),
        d.total
    );
    // June is fully accepted in the demo: nothing is 未填报.
    assert_eq!(
        d.by_status
            .iter()
            .find(|c| c.status == Status::NotReported)
            .unwrap()
            .count,
        0
    );
    // Sections are grouped at the top of the tree (the report's 八个方面 and the like).
    assert!(
        d.by_section.len() < 15,
        "{:?}",
        d.by_section.iter().map(|g| &g.name).collect::<Vec<_>>()
    );
    assert!(
        d.by_section
            .iter()
            .any(|g| g.name.starts_with("(一)") || g.name.starts_with("（一）"))
    );
    assert_eq!(d.by_section.iter().map(|g| g.total).sum::<usize>(), d.total);
    assert!(
        d.by_unit
            .windows(2)
            .all(|w| w[0].green_share >= w[1].green_share)
    );
    assert!(
        d.lagging
            .iter()
            .all(|s| matches!(s.assessment.light, Light::Yellow | Light::Red))
    );
    assert_eq!(d.lagging.len(), d.yellow + d.red);
    // July is in the flow: what is not accepted yet is 未填报 once the due date has passed.
    let july = duban_app::dashboard::build(
        &app,
        &office,
        info.plan_id,
        Period {
            year: 2024,
            month: 7,
        },
        app.today(),
        false,
    )
    .await
    .unwrap();
    assert!(
        july.by_status
            .iter()
            .find(|c| c.status == Status::NotReported)
            .unwrap()
            .count
            > 0
    );
    // A leader's own view is a subset.
    let leader = login_actor(&app, "fuquzhang2").await;
    let mine = duban_app::dashboard::build(&app, &leader, info.plan_id, june, app.today(), true)
        .await
        .unwrap();
    assert!(mine.total > 0 && mine.total < d.total);
}

mod hardening;
