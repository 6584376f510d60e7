//! Issue 9: each finding of the hostile probe as a test that failed before its fix.

use super::{SEED, app, assert_audited, login_actor};
use duban_app::core::ItemKind;
use duban_app::core::{Period, ReportState, Role};
use duban_app::db::{audit, logins};
use duban_app::progress::{Decision, ReportInput};
use duban_app::progress_rows::{self, ImportContext, ItemRef};
use duban_app::{Actor, App, AppError, admin, auth, demo, import, items, progress};
use std::collections::HashMap;
use time::macros::date;

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

fn ctx_items() -> Vec<ItemRef> {
    vec![
        ItemRef {
            id: 1,
            kind: ItemKind::Target,
            assigned: true,
            lead_unit_id: Some(10),
            supporting_unit_ids: vec![11],
        },
        ItemRef {
            id: 2,
            kind: ItemKind::Task,
            assigned: false,
            lead_unit_id: None,
            supporting_unit_ids: vec![],
        },
    ]
}

fn check(csv: &str, existing: &HashMap<(i64, i64, String), ReportState>) -> Result<usize, String> {
    let table = duban_app::office::table::read("p.csv", csv.as_bytes()).unwrap();
    let items = ctx_items();
    let units = vec![
        (10, "区发改委".to_string()),
        (11, "区统计局".to_string()),
        (12, "区教育局".to_string()),
    ];
    let ctx = ImportContext {
        government: "山城区",
        plan_year: 2024,
        items: &items,
        units: &units,
        existing,
        today: date!(2024 - 06 - 20),
    };
    progress_rows::validate(&table, &ctx)
        .map(|rows| rows.len())
        .map_err(|errs| {
            errs.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        })
}

const HEAD: &str = "编号,单位,期间,累计完成值,进展情况\n";

#[test]
fn progress_rows_are_refused_for_each_hole_the_probe_found() {
    let none = HashMap::new();
    assert_eq!(
        check(
            &format!("{HEAD}1,区发改委,2024-05,3,好\n1,区统计局,2024-05,,配合\n"),
            &none
        ),
        Ok(2)
    );
    let cases = [
        (
            format!("{HEAD}1,区发改委,2024-05,3,好\n1,区发改委,2024-05,4,又报\n"),
            "第3行",
            "重复",
        ),
        (
            format!("{HEAD}1,区教育局,2024-05,3,好\n"),
            "第2行",
            "既不是牵头单位也不是配合单位",
        ),
        (
            format!("{HEAD}1,区发改委,2024-07,3,好\n"),
            "第2行",
            "尚未到来",
        ),
        (
            format!("{HEAD}2,区发改委,2024-05,,好\n"),
            "第2行",
            "尚未分解",
        ),
    ];
    for (csv, row, what) in cases {
        let e = check(&csv, &none).unwrap_err();
        assert!(e.contains(row) && e.contains(what), "{what}: {e}");
    }
    let mut in_review = HashMap::new();
    in_review.insert((1, 10, "2024-05".to_string()), ReportState::Submitted);
    let e = check(&format!("{HEAD}1,区发改委,2024-05,3,好\n"), &in_review).unwrap_err();
    assert!(e.contains("第2行") && e.contains("审核"), "{e}");
    in_review.insert((1, 10, "2024-05".to_string()), ReportState::Accepted);
    assert_eq!(
        check(&format!("{HEAD}1,区发改委,2024-05,3,好\n"), &in_review),
        Ok(1)
    );
}

#[tokio::test]
async fn progress_import_refuses_a_broken_quote_and_a_report_in_review_and_changes_nothing() {
    let (app, _t) = app().await;
    let info = demo::seed(&app).await.unwrap();
    let reporter = login_actor(&app, "rsj_tb").await;
    let r = draft(&app, &reporter, info.plan_id).await;
    progress::save(
        &app,
        &reporter,
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
    let cli = Actor::cli();
    let before = super::counts(&app).await;
    let csv = format!("{HEAD}{},区人社局,{},9,导入覆盖\n", r.item_id, r.period);
    let e = progress::import_file(&app, &cli, "山城区", 2024, "p.csv", csv.as_bytes())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("审核"), "{e}");
    let csv = format!(
        "{HEAD}{},区人社局,2024-03,\"9,半截\n{},区人社局,2024-04,1,好\n",
        r.item_id, r.item_id
    );
    let e = progress::import_file(&app, &cli, "山城区", 2024, "p.csv", csv.as_bytes())
        .await
        .unwrap_err();
    assert!(
        e.to_string().contains("第2行") && e.to_string().contains("引号"),
        "{e}"
    );
    assert_eq!(super::counts(&app).await, before);
    let (r2, _, _) = progress::report_detail(&app, &cli, r.id).await.unwrap();
    assert_eq!(r2.state, ReportState::Submitted);
}

#[tokio::test]
async fn future_periods_are_refused_when_saving() {
    let (app, _t) = app().await;
    let cli = Actor::cli();
    let next_year = app.today().year() + 1;
    let s = import::import_report(
        &app,
        &cli,
        "山城区",
        Some(next_year),
        "seed.txt",
        SEED.as_bytes(),
    )
    .await
    .unwrap();
    admin::add_unit(&app, &cli, "区人社局", None).await.unwrap();
    add(&app, "tb", Role::Reporter, Some("区人社局")).await;
    let unit = admin::units(&app).await.unwrap()[0].id;
    let list = items::list(&app, &cli, s.plan_id, false).await.unwrap();
    items::assign(
        &app,
        &cli,
        list[0].id,
        &items::AssignInput {
            lead_unit_id: unit,
            supporting_unit_ids: vec![],
            leader_user_id: None,
            leader_name: None,
            deadline: None,
            weight: None,
            cycle: None,
            milestones: None,
        },
    )
    .await
    .unwrap();
    let tb = auth::login(&app, "tb", "correct-horse-battery", None, None)
        .await
        .unwrap()
        .actor;
    let e = progress::save(
        &app,
        &tb,
        list[0].id,
        &ReportInput {
            period: format!("{next_year}-01"),
            progress: "提前填".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&e, AppError::BadInput(m) if m.contains("尚未到来")),
        "{e}"
    );
}

#[tokio::test]
async fn imports_have_size_and_item_limits() {
    let (mut app, _t) = app().await;
    let cli = Actor::cli();
    app.settings.max_items_per_plan = 5;
    let e = import::import_report(
        &app,
        &cli,
        "山城区",
        Some(2024),
        "seed.txt",
        SEED.as_bytes(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&e, AppError::BadInput(m) if m.contains("上限") && m.contains('5')),
        "{e}"
    );
    app.settings.max_items_per_plan = 5000;
    app.settings.max_upload_bytes = 100;
    let e = import::import_report(
        &app,
        &cli,
        "山城区",
        Some(2024),
        "seed.txt",
        SEED.as_bytes(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&e, AppError::BadInput(m) if m.contains("MB")),
        "{e}"
    );
    assert!(items::plans(&app).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_failed_attachment_leaves_no_file() {
    let (app, _t) = app().await;
    let info = demo::seed(&app).await.unwrap();
    let reporter = login_actor(&app, "rsj_tb").await;
    let r = draft(&app, &reporter, info.plan_id).await;
    let dir = app.data_dir.join("attachments");
    let files = || {
        std::fs::read_dir(&dir)
            .map(|d| d.filter_map(|e| e.ok()).count())
            .unwrap_or(0)
    };
    // An uploader id no user has: the row's foreign key fails, so the transaction does.
    let ghost = Actor {
        user_id: Some(987_654),
        ..reporter.clone()
    };
    assert!(
        progress::attach(&app, &ghost, r.id, "a.pdf", b"%PDF-1.4")
            .await
            .is_err()
    );
    assert_eq!(files(), 0, "no orphan file");
    let a = progress::attach(&app, &reporter, r.id, "a.pdf", b"%PDF-1.4")
        .await
        .unwrap();
    assert_eq!(files(), 1, "only the committed file, no temporary one");
    let (_, bytes) = progress::attachment_bytes(&app, &reporter, a.id)
        .await
        .unwrap();
    assert_eq!(bytes, b"%PDF-1.4");
}
