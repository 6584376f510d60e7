//! Accounts and sessions: login that reveals nothing, locks, session ends, deletion,
//! passwords, role names.

use super::add;
use crate::{app, assert_audited, login_actor};
use duban_app::core::Role;
use duban_app::db::{audit, logins};
use duban_app::{Actor, AppError, admin, auth, demo, items};

#[tokio::test]
async fn login_answers_alike_and_a_lock_holds_only_where_the_failures_came_from() {
    let (app, _t) = app().await;
    add(&app, "wang", Role::Supervisor, None).await;
    add(&app, "li", Role::Supervisor, None).await;
    let good = "correct-horse-battery";
    let attacker = Some("203.0.113.9");
    let office = Some("10.1.2.3");
    let fail = |user: &'static str, pass: &'static str, ip: Option<&'static str>| {
        let app = app.clone();
        async move {
            let e = auth::login(&app, user, pass, None, ip).await.unwrap_err();
            assert!(matches!(e, AppError::InvalidCredentials), "{user}: {e:?}");
            e.to_string()
        }
    };
    let unknown = fail("nobody", "whatever-pass", attacker).await;
    let wrong = fail("wang", "wrong-pass", attacker).await;
    for _ in 1..app.settings.lockout_after {
        fail("wang", "wrong-pass", attacker).await;
    }
    // Locked from the attacker's address: even the right password gets the same answer …
    let locked = fail("wang", good, attacker).await;
    // … but the office still logs in.
    auth::login(&app, "wang", good, None, office).await.unwrap();
    admin::disable_user(&app, &Actor::cli(), "li")
        .await
        .unwrap();
    let disabled = fail("li", good, office).await;
    assert_eq!(unknown, wrong);
    assert_eq!(wrong, locked);
    assert_eq!(locked, disabled);
    // The reason is in the audit log only.
    let mut tx = app.db.read().await.unwrap();
    let reasons: Vec<String> = audit::recent(&mut tx, None, None, 50)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "login_failed")
        .filter_map(|e| e.after_json)
        .collect();
    drop(tx);
    for r in ["unknown_user", "wrong_password", "locked", "disabled"] {
        assert!(reasons.iter().any(|j| j.contains(r)), "{r} in {reasons:?}");
    }
    // The administrator unlocks.
    admin::unlock_user(&app, &Actor::cli(), "wang")
        .await
        .unwrap();
    assert_audited(&app, "unlock_user", "user").await;
    auth::login(&app, "wang", good, None, attacker)
        .await
        .unwrap();
    // Success resets the counter: four mistakes, a success, four more — not locked.
    for _ in 0..2 {
        for _ in 1..app.settings.lockout_after {
            fail("wang", "wrong-pass", attacker).await;
        }
        auth::login(&app, "wang", good, None, attacker)
            .await
            .unwrap();
    }
    // A lock that has expired resets the counter: one more mistake does not lock again,
    // and the next lock lasts twice as long (progressive back-off).
    for _ in 0..app.settings.lockout_after {
        fail("wang", "wrong-pass", attacker).await;
    }
    let mut tx = app.begin().await.unwrap();
    let mut f = logins::get(&mut tx, "wang", "203.0.113.9")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(f.locks, 1);
    let first = f.locked_until.unwrap() - f.last_failed_at;
    f.locked_until = Some(time::OffsetDateTime::now_utc() - time::Duration::seconds(1));
    logins::put(&mut tx, &f).await.unwrap();
    tx.commit().await.unwrap();
    fail("wang", "wrong-pass", attacker).await;
    let mut tx = app.db.read().await.unwrap();
    let f = logins::get(&mut tx, "wang", "203.0.113.9")
        .await
        .unwrap()
        .unwrap();
    drop(tx);
    assert_eq!((f.failures, f.locked_until), (1, None));
    for _ in 1..app.settings.lockout_after {
        fail("wang", "wrong-pass", attacker).await;
    }
    let mut tx = app.db.read().await.unwrap();
    let f = logins::get(&mut tx, "wang", "203.0.113.9")
        .await
        .unwrap()
        .unwrap();
    drop(tx);
    assert_eq!(f.locks, 2);
    assert_eq!(f.locked_until.unwrap() - f.last_failed_at, first * 2);
    fail("wang", good, attacker).await;
    // A success forgets the locks: the next lock is short again.
    admin::unlock_user(&app, &Actor::cli(), "wang")
        .await
        .unwrap();
    auth::login(&app, "wang", good, None, attacker)
        .await
        .unwrap();
    for _ in 0..app.settings.lockout_after {
        fail("wang", "wrong-pass", attacker).await;
    }
    let mut tx = app.db.read().await.unwrap();
    let f = logins::get(&mut tx, "wang", "203.0.113.9")
        .await
        .unwrap()
        .unwrap();
    drop(tx);
    assert_eq!(f.locks, 1);
    assert_eq!(f.locked_until.unwrap() - f.last_failed_at, first);
}

#[tokio::test]
async fn sessions_end_on_disable_and_after_their_absolute_lifetime() {
    let (mut app, _t) = app().await;
    add(&app, "wang", Role::Supervisor, None).await;
    let good = "correct-horse-battery";
    let l = auth::login(&app, "wang", good, None, None).await.unwrap();
    auth::actor_for_token(&app, &l.token).await.unwrap();
    admin::disable_user(&app, &Actor::cli(), "wang")
        .await
        .unwrap();
    assert!(matches!(
        auth::actor_for_token(&app, &l.token).await,
        Err(AppError::Unauthenticated)
    ));
    admin::enable_user(&app, &Actor::cli(), "wang")
        .await
        .unwrap();
    let l = auth::login(&app, "wang", good, None, None).await.unwrap();
    app.settings.session_absolute_hours = 0;
    assert!(matches!(
        auth::actor_for_token(&app, &l.token).await,
        Err(AppError::Unauthenticated)
    ));
}

#[tokio::test]
async fn a_session_check_needs_no_write_lock() {
    if duban_app::db::testing::backend() != duban_app::db::Backend::Sqlite {
        return; // PostgreSQL has no single writer
    }
    let (app, _t) = app().await;
    add(&app, "wang", Role::Supervisor, None).await;
    let l = auth::login(&app, "wang", "correct-horse-battery", None, None)
        .await
        .unwrap();
    // Another writer holds SQLite's one write lock: reads must not queue behind it.
    let writer = app.begin().await.unwrap();
    let got = auth::actor_for_token(&app, &l.token).await;
    writer.rollback().await.unwrap();
    assert_eq!(got.unwrap().username, "wang");
}

#[tokio::test]
async fn deleting_a_user_anonymises_it_and_keeps_the_audit_trail() {
    let (app, _t) = app().await;
    add(&app, "wang", Role::Supervisor, None).await;
    auth::login(&app, "wang", "correct-horse-battery", None, None)
        .await
        .unwrap();
    admin::delete_user(&app, &Actor::cli(), "wang")
        .await
        .unwrap();
    assert_audited(&app, "delete_user", "user").await;
    assert!(matches!(
        auth::login(&app, "wang", "correct-horse-battery", None, None).await,
        Err(AppError::InvalidCredentials)
    ));
    assert!(
        !admin::users(&app, &Actor::cli())
            .await
            .unwrap()
            .iter()
            .any(|u| u.username == "wang")
    );
    let mut tx = app.db.read().await.unwrap();
    let log = audit::recent(&mut tx, Some("user"), None, 20)
        .await
        .unwrap();
    drop(tx);
    assert!(log.iter().any(|e| e.action == "login"));
    assert!(log.iter().any(|e| e.action == "delete_user"));
    // The name is free again; the deleted row cannot be re-enabled.
    add(&app, "wang", Role::Viewer, None).await;
    assert!(
        admin::enable_user(&app, &Actor::cli(), "deleted-1")
            .await
            .is_err()
    );
}

#[tokio::test]
async fn passwords_follow_the_policy() {
    let (app, _t) = app().await;
    for (user, pass) in [
        ("a1", "12345678"),
        ("a2", "short-pw"),
        ("a3", "1234567890"),
        ("a4", "password123"),
        ("zhangsan01", "zhangsan01"),
        ("wang", "wang123456"),
        ("a5", "aaaaaaaaaab"),
    ] {
        let e = admin::add_user(
            &app,
            &Actor::cli(),
            admin::NewUser {
                username: user,
                display_name: None,
                role: Role::Viewer,
                unit: None,
                password: pass,
            },
        )
        .await
        .unwrap_err();
        assert!(matches!(e, AppError::BadInput(_)), "{pass}: {e}");
    }
    add(&app, "ok", Role::Viewer, None).await;
}

#[tokio::test]
async fn only_leaders_are_named_leader_and_supervisors_see_no_admins() {
    let (app, _t) = app().await;
    let info = demo::seed(&app).await.unwrap();
    let supervisor = login_actor(&app, "duchashi").await;
    let list = items::list(&app, &supervisor, info.plan_id, false)
        .await
        .unwrap();
    let item = list.iter().find(|i| i.assignment_id.is_some()).unwrap();
    let users = admin::users(&app, &Actor::cli()).await.unwrap();
    let reporter = users.iter().find(|u| u.role == Role::Reporter).unwrap();
    let input = items::AssignInput {
        lead_unit_id: item.lead_unit_id.unwrap(),
        supporting_unit_ids: vec![],
        leader_user_id: Some(reporter.id),
        leader_name: None,
        deadline: None,
        weight: None,
        cycle: None,
        milestones: None,
    };
    assert!(matches!(
        items::assign(&app, &supervisor, item.id, &input).await,
        Err(AppError::BadInput(_))
    ));
    let seen = admin::users(&app, &supervisor).await.unwrap();
    assert!(!seen.is_empty());
    assert!(
        seen.iter()
            .all(|u| matches!(u.role, Role::Reporter | Role::Approver | Role::Leader)),
        "{seen:?}"
    );
    assert!(seen.iter().all(|u| u.last_login_at.is_none()));
}
