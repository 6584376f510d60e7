//! Project reports through the flow: figures fed from accepted reports, and the two-person
//! rule.

use super::{actor, project, setup};
use crate::app;
use duban_app::core::{Period, ProjectStage, Role};
use duban_app::progress::Decision;
use duban_app::registers::projects::ProjectReportInput;
use duban_app::registers::{self as regs};
use duban_app::{Actor, App, AppError, admin};
use time::macros::date;

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
