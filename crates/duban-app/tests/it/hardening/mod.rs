//! Issue 9: each finding of the hostile probe as a test that failed before its fix. Here:
//! who may write and review reports; accounts and sessions in [`accounts`], imports in
//! [`imports`].

mod accounts;
mod imports;

use crate::{app, assert_audited, login_actor};
use duban_app::core::{Period, ReportState, Role};
use duban_app::db::audit;
use duban_app::progress::{Decision, ReportInput};
use duban_app::{Actor, App, AppError, admin, demo, progress};

/// A draft of `reporter`'s unit on an item it leads, for August 2024.
async fn draft(app: &App, reporter: &Actor, plan_id: i64) -> duban_app::db::ProgressReport {
    let period = Period {
        year: 2024,
        month: 8,
    };
    let due = progress::due(app, reporter, plan_id, period).await.unwrap();
    let line = due.iter().find(|d| d.lead && d.report.is_none()).unwrap();
    progress::save(
        app,
        reporter,
        line.item.id,
        &ReportInput {
            period: period.to_string(),
            value: Some(1.0),
            progress: "推进中".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

fn as_role(a: &Actor, role: Role) -> Actor {
    Actor {
        role,
        user_id: None,
        username: format!("{a:?}-as-{role:?}"),
        ..a.clone()
    }
}

#[tokio::test]
async fn read_only_users_never_write_even_with_a_unit() {
    let (app, _t) = app().await;
    let info = demo::seed(&app).await.unwrap();
    let reporter = login_actor(&app, "rsj_tb").await;
    let r = draft(&app, &reporter, info.plan_id).await;
    // Accounts made before the fix may still carry a unit: the role decides, not the unit.
    for role in [Role::Viewer, Role::Leader] {
        let who = as_role(&reporter, role);
        assert!(
            matches!(
                progress::attach(&app, &who, r.id, "a.txt", b"x").await,
                Err(AppError::Forbidden(_))
            ),
            "{role:?} uploads"
        );
        assert!(matches!(
            progress::may_attach(&app, &who, r.id).await,
            Err(AppError::Forbidden(_))
        ));
        assert!(matches!(
            progress::save(
                &app,
                &who,
                r.item_id,
                &ReportInput {
                    period: r.period.clone(),
                    ..Default::default()
                }
            )
            .await,
            Err(AppError::Forbidden(_))
        ));
    }
    progress::may_attach(&app, &reporter, r.id).await.unwrap();
    assert!(
        progress::attach(&app, &reporter, r.id, "a.txt", b"x")
            .await
            .is_ok()
    );
    // Only reporters and approvers belong to a unit.
    for role in [Role::Viewer, Role::Leader, Role::Supervisor, Role::Admin] {
        let e = admin::add_user(
            &app,
            &Actor::cli(),
            admin::NewUser {
                username: &format!("u{}", role.as_str()),
                display_name: None,
                role,
                unit: Some("区人社局"),
                password: "a-long-passphrase",
            },
        )
        .await
        .unwrap_err();
        assert!(
            matches!(&e, AppError::BadInput(m) if m.contains("不关联单位")),
            "{e}"
        );
    }
}

#[tokio::test]
async fn the_author_of_a_report_never_reviews_it_unless_the_admin_allows() {
    let (app, _t) = app().await;
    let info = demo::seed(&app).await.unwrap();
    let approver = login_actor(&app, "rsj_sh").await;
    let supervisor = login_actor(&app, "duchashi").await;
    let admin_user = login_actor(&app, "admin").await;
    let r = draft(&app, &approver, info.plan_id).await;
    let submitted = progress::save(
        &app,
        &approver,
        r.item_id,
        &ReportInput {
            period: r.period.clone(),
            progress: "推进中".into(),
            submit: true,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(submitted.state, ReportState::Submitted);
    let e = progress::review(&app, &approver, r.id, Decision::Approve, "")
        .await
        .unwrap_err();
    assert!(
        matches!(&e, AppError::Forbidden(m) if m.contains("本人")),
        "{e}"
    );
    // Only the administrator may allow it, and it is audited.
    assert!(matches!(
        admin::set_self_review(&app, &supervisor, true).await,
        Err(AppError::Forbidden(_))
    ));
    assert!(!admin::self_review_allowed(&app).await.unwrap());
    admin::set_self_review(&app, &admin_user, true)
        .await
        .unwrap();
    assert!(admin::self_review_allowed(&app).await.unwrap());
    let mut tx = app.db.read().await.unwrap();
    let log = audit::recent(&mut tx, Some("system_setting"), None, 5)
        .await
        .unwrap();
    drop(tx);
    assert!(log.iter().any(|e| e.action == "allow_self_review"));
    let approved = progress::review(&app, &approver, r.id, Decision::Approve, "")
        .await
        .unwrap();
    assert_eq!(approved.state, ReportState::Approved);
    admin::set_self_review(&app, &admin_user, false)
        .await
        .unwrap();
    // The supervisor wrote nothing: it accepts.
    let accepted = progress::review(&app, &supervisor, r.id, Decision::Approve, "")
        .await
        .unwrap();
    assert_eq!(accepted.state, ReportState::Accepted);
    assert_audited(&app, "report_accept", "progress_report").await;
}

async fn add(app: &App, username: &str, role: Role, unit: Option<&str>) {
    admin::add_user(
        app,
        &Actor::cli(),
        admin::NewUser {
            username,
            display_name: None,
            role,
            unit,
            password: "correct-horse-battery",
        },
    )
    .await
    .unwrap();
}
