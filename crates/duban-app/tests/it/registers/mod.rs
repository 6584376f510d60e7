//! Registers through the app API: permissions per unit and bound targets following the
//! register here; project reports through the flow in [`projects`], the proposal clock and
//! feedback loop in [`proposals`], the demo's 2023 figures in [`demo`].

use super::app;
use duban_app::core::registers::binding::BoundFigure;
use duban_app::core::registers::projects::ProjectLevel;
use duban_app::core::{Period, ProjectStage, ProposalSource, Role};
use duban_app::registers::projects::{ProjectInput, ProjectQuery, ProjectReportInput};
use duban_app::registers::proposals::ProposalInput;
use duban_app::registers::{self as regs};
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
mod projects;
mod proposals;
mod roles;
