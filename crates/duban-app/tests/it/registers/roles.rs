//! Who may create, change and remove service items, define indicators and edit proposals:
//! the office always; a unit only its own entries (others' look missing); leaders and
//! viewers never. Every refusal leaves the audit log as it was; every change adds to it.

use super::{actor, setup};
use crate::app;
use duban_app::core::registers::indicators::Frequency;
use duban_app::core::{Measure, ProposalSource, Role};
use duban_app::registers::indicators::{self, IndicatorInput};
use duban_app::registers::proposals::{self, ProposalInput};
use duban_app::registers::services::{self, ServiceInput};
use duban_app::{Actor, App, AppError};
use time::macros::date;

async fn audit_count(app: &App) -> i64 {
    let mut tx = app.db.read().await.unwrap();
    duban_app::db::audit::count(&mut tx).await.unwrap()
}

fn service(name: &str, unit: Option<i64>) -> ServiceInput {
    ServiceInput {
        name: name.into(),
        unit_id: unit,
        at_most_once: true,
        legal_days: Some(20),
        promised_days: Some(5),
        ..Default::default()
    }
}

fn is_forbidden<T: std::fmt::Debug>(r: &Result<T, AppError>) -> bool {
    matches!(r, Err(AppError::Forbidden(_)))
}

fn is_missing<T: std::fmt::Debug>(r: &Result<T, AppError>) -> bool {
    matches!(r, Err(AppError::NotFound))
}

#[tokio::test]
async fn service_items_are_created_changed_and_removed_by_their_unit_or_the_office() {
    let (app, _t) = app().await;
    let (g, a, b) = setup(&app).await;
    let office = actor(Role::Supervisor, None);
    let a_tb = actor(Role::Reporter, Some(a));
    let a_sh = actor(Role::Approver, Some(a));
    let b_tb = actor(Role::Reporter, Some(b));
    let readers = [actor(Role::Leader, None), actor(Role::Viewer, None)];

    // Create: a unit for itself (the unit is filled in), never for another unit.
    let before = audit_count(&app).await;
    let mine = services::create(&app, &a_tb, g, &service("企业投资项目备案", None))
        .await
        .unwrap();
    assert_eq!(mine.unit_id, Some(a));
    assert_eq!(audit_count(&app).await, before + 1);
    let before = audit_count(&app).await;
    assert!(is_forbidden(
        &services::create(&app, &a_tb, g, &service("代登记", Some(b))).await
    ));
    for r in &readers {
        assert!(is_forbidden(
            &services::create(&app, r, g, &service("只读登记", None)).await
        ));
    }
    assert_eq!(audit_count(&app).await, before, "a refusal is not audited");
    let theirs = services::create(&app, &office, g, &service("就业登记", Some(b)))
        .await
        .unwrap();
    assert_eq!(theirs.unit_id, Some(b));

    // Update: own unit (reporter or approver) and the office; another unit sees nothing.
    let mut changed = service("企业投资项目备案（改）", None);
    let r = services::update(&app, &a_sh, mine.id, &changed)
        .await
        .unwrap();
    assert_eq!(r.name, "企业投资项目备案（改）");
    assert_eq!(r.unit_id, Some(a), "a unit cannot hand its item away");
    let before = audit_count(&app).await;
    assert!(is_missing(
        &services::update(&app, &b_tb, mine.id, &changed).await
    ));
    assert!(is_missing(
        &services::update(&app, &a_tb, theirs.id, &changed).await
    ));
    for r in &readers {
        assert!(is_forbidden(
            &services::update(&app, r, mine.id, &changed).await
        ));
    }
    assert_eq!(audit_count(&app).await, before);
    changed.unit_id = Some(b);
    let moved = services::update(&app, &office, mine.id, &changed)
        .await
        .unwrap();
    assert_eq!(moved.unit_id, Some(b), "the office may reassign");

    // Delete: another unit and readers cannot; the owner can.
    let before = audit_count(&app).await;
    assert!(is_missing(&services::delete(&app, &a_tb, theirs.id).await));
    for r in &readers {
        assert!(is_forbidden(&services::delete(&app, r, theirs.id).await));
    }
    assert_eq!(audit_count(&app).await, before);
    services::delete(&app, &b_tb, theirs.id).await.unwrap();
    assert_eq!(audit_count(&app).await, before + 1);
    assert!(is_missing(&services::get(&app, &office, theirs.id).await));
}

#[tokio::test]
async fn only_the_office_defines_indicators_and_edits_proposals() {
    let (app, _t) = app().await;
    let (g, a, b) = setup(&app).await;
    let office = actor(Role::Supervisor, None);
    let admin = actor(Role::Admin, None);
    let others: Vec<Actor> = vec![
        actor(Role::Reporter, Some(a)),
        actor(Role::Approver, Some(a)),
        actor(Role::Leader, None),
        actor(Role::Viewer, None),
    ];
    let ind = IndicatorInput {
        name: "城镇新增就业".into(),
        unit: "人".into(),
        measure: Measure::Level,
        frequency: Frequency::Monthly,
        unit_id: Some(a),
    };
    let before = audit_count(&app).await;
    for o in &others {
        assert!(
            is_forbidden(&indicators::define(&app, o, g, &ind).await),
            "{:?}",
            o.role
        );
    }
    assert_eq!(audit_count(&app).await, before);
    let defined = indicators::define(&app, &office, g, &ind).await.unwrap();
    assert_eq!(defined.unit_id, Some(a));
    assert!(audit_count(&app).await > before);
    indicators::define(
        &app,
        &admin,
        g,
        &IndicatorInput {
            name: "地区生产总值".into(),
            unit: "亿元".into(),
            ..ind.clone()
        },
    )
    .await
    .unwrap();

    let input = ProposalInput {
        source: Some(ProposalSource::Npc),
        at_session: true,
        session: "十一届三次".into(),
        number: "101".into(),
        title: "关于加强就业服务的建议".into(),
        proposers: vec!["张代表".into()],
        lead_unit_id: Some(a),
        supporting_unit_ids: vec![b],
        assigned_at: Some(date!(2024 - 03 - 01)),
        ..Default::default()
    };
    let p = proposals::create(&app, &office, g, 2024, &input)
        .await
        .unwrap();
    let id = p.proposal.id;
    let mut changed = input.clone();
    changed.title = "关于进一步加强就业服务的建议".into();
    let before = audit_count(&app).await;
    // Even the lead unit does not edit the registered fields; the office does.
    for o in &others {
        assert!(
            is_forbidden(&proposals::update(&app, o, id, &changed).await),
            "{:?}",
            o.role
        );
    }
    assert_eq!(audit_count(&app).await, before);
    assert_eq!(
        proposals::get(&app, &office, id)
            .await
            .unwrap()
            .proposal
            .title,
        "关于加强就业服务的建议"
    );
    let after = proposals::update(&app, &office, id, &changed)
        .await
        .unwrap();
    assert_eq!(after.proposal.title, "关于进一步加强就业服务的建议");
    assert_eq!(audit_count(&app).await, before + 1);
    // The supporting unit reads it.
    let c = actor(Role::Reporter, Some(b));
    assert!(proposals::get(&app, &c, id).await.is_ok());
}
