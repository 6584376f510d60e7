//! Issue 9, web face: forged proxy headers, requests without an origin, caching of private
//! answers, and the API description behind the login.

use crate::{client, spawn, spawn_with};
use duban_app::demo;
use reqwest::StatusCode;
use serde_json::json;

async fn login_cookie(t: &crate::TestApp, forged_proto: bool) -> String {
    let mut r = client()
        .post(format!("{}/api/v1/login", t.url))
        .json(&json!({ "username": "admin", "password": demo::DEMO_PASSWORD }));
    if forged_proto {
        r = r.header("x-forwarded-proto", "https");
    }
    let r = r.send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    r.headers()["set-cookie"].to_str().unwrap().to_string()
}

#[tokio::test]
async fn forwarded_proto_is_believed_only_from_a_trusted_proxy() {
    let t = spawn().await;
    let cookie = login_cookie(&t, true).await;
    assert!(
        !cookie.contains("Secure"),
        "untrusted peer set Secure: {cookie}"
    );
    let t = spawn_with(|s| s.trusted_proxies = vec!["127.0.0.1".into()]).await;
    let cookie = login_cookie(&t, true).await;
    assert!(cookie.contains("Secure"), "trusted proxy ignored: {cookie}");
    assert!(!login_cookie(&t, false).await.contains("Secure"));
}

#[tokio::test]
async fn a_post_naming_no_origin_is_refused() {
    let t = spawn().await;
    let bare = reqwest::Client::new();
    let r = bare
        .post(format!("{}/api/v1/login", t.url))
        .json(&json!({ "username": "admin", "password": demo::DEMO_PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = bare
        .post(format!("{}/api/v1/login", t.url))
        .header("origin", &t.url)
        .json(&json!({ "username": "admin", "password": demo::DEMO_PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}

#[tokio::test]
async fn private_answers_are_not_cached_and_the_api_description_needs_a_login() {
    let t = spawn().await;
    let anon = client();
    for path in ["/api/openapi.json", "/api/docs/", "/api/docs/openapi.json"] {
        let r = anon.get(format!("{}{path}", t.url)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
    let c = t.login("admin").await;
    for path in ["/", "/api/v1/me", "/api/openapi.json"] {
        let r = c.get(format!("{}{path}", t.url)).send().await.unwrap();
        assert!(r.status().is_success(), "{path}: {}", r.status());
        assert_eq!(r.headers()["cache-control"], "no-store", "{path}");
    }
}
