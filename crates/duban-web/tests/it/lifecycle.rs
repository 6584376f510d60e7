//! The users' lifecycle and the self-review setting on the admin page: disabling ends the
//! user's sessions and stops their logins, enabling lets them back, deleting anonymises;
//! only the administrator may do any of it.

use crate::{TestApp, client, spawn};
use duban_app::demo;
use reqwest::{Client, StatusCode};
use serde_json::json;

async fn form(t: &TestApp, c: &Client, path: &str, body: &str) -> (StatusCode, String) {
    let r = c
        .post(format!("{}{path}", t.url))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let s = r.status();
    (s, r.text().await.unwrap())
}

async fn login_status(t: &TestApp, user: &str) -> StatusCode {
    client()
        .post(format!("{}/api/v1/login", t.url))
        .json(&json!({ "username": user, "password": demo::DEMO_PASSWORD }))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn the_admin_disables_enables_and_deletes_users_on_the_admin_page() {
    let t = spawn().await;
    let admin = t.login("admin").await;
    let guest = t.login("guest").await;
    assert_eq!(t.get(&guest, "/api/v1/me").await.0, StatusCode::OK);

    let (s, page) = form(
        &t,
        &admin,
        "/admin/lifecycle",
        "username=guest&action=disable",
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{page}");
    assert!(page.contains("账户已停用"), "{page}");
    // The running session is over, and no new one starts.
    assert_eq!(
        t.get(&guest, "/api/v1/me").await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(login_status(&t, "guest").await, StatusCode::UNAUTHORIZED);
    let (_, page) = t.page(&admin, "/admin").await;
    assert!(page.contains("<td>guest</td>"), "{page}");
    assert!(page.contains("停用"));

    let (s, page) = form(
        &t,
        &admin,
        "/admin/lifecycle",
        "username=guest&action=enable",
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("账户已启用"), "{page}");
    assert_eq!(login_status(&t, "guest").await, StatusCode::OK);

    let (s, page) = form(
        &t,
        &admin,
        "/admin/lifecycle",
        "username=guest&action=delete",
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("账户已删除"), "{page}");
    assert!(
        !page.contains("<td>guest</td>"),
        "deleted user still listed"
    );
    assert_eq!(login_status(&t, "guest").await, StatusCode::UNAUTHORIZED);
    // The deletion is in the audit trail.
    let mut tx = t.app.db.read().await.unwrap();
    let audit = duban_app::db::audit::recent(&mut tx, Some("user"), None, 50)
        .await
        .unwrap();
    drop(tx);
    assert!(audit.iter().any(|a| a.action == "delete_user"), "{audit:?}");

    // The administrator cannot lock themselves out; an unknown action is refused.
    let (s, _) = form(
        &t,
        &admin,
        "/admin/lifecycle",
        "username=admin&action=disable",
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, _) = form(
        &t,
        &admin,
        "/admin/lifecycle",
        "username=fgw_tb&action=purge",
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(login_status(&t, "fgw_tb").await, StatusCode::OK);
}

#[tokio::test]
async fn only_the_admin_manages_accounts_and_the_self_review_setting() {
    let t = spawn().await;
    let office = t.login("duchashi").await;
    let (s, _) = form(
        &t,
        &office,
        "/admin/lifecycle",
        "username=guest&action=disable",
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(login_status(&t, "guest").await, StatusCode::OK);
    let (s, _) = form(&t, &office, "/admin/self-review", "allowed=1").await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert!(!duban_app::admin::self_review_allowed(&t.app).await.unwrap());

    let admin = t.login("admin").await;
    let (s, page) = form(&t, &admin, "/admin/self-review", "allowed=1").await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("已允许填报人审核本人"), "{page}");
    assert!(duban_app::admin::self_review_allowed(&t.app).await.unwrap());
    let (s, _) = form(&t, &admin, "/admin/self-review", "allowed=0").await;
    assert_eq!(s, StatusCode::OK);
    assert!(!duban_app::admin::self_review_allowed(&t.app).await.unwrap());
}
