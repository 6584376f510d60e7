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

/// A session cookie (`name=value`) of `user`.
async fn session_of(t: &crate::TestApp, user: &str) -> String {
    let r = client()
        .post(format!("{}/api/v1/login", t.url))
        .json(&json!({ "username": user, "password": demo::DEMO_PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let c = r.headers()["set-cookie"].to_str().unwrap();
    c.split(';').next().unwrap().to_string()
}

/// Starts a multipart upload declaring `declared` bytes, sends only its first 64 KB and
/// returns the status line of the answer. The rest of the body is never sent, so an answer
/// arrives only if the server gave it without reading the body (the timeout is a bound on a
/// hang, not a speed claim).
async fn upload_head(t: &crate::TestApp, cookie: &str, path: &str, declared: usize) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = t.url.trim_start_matches("http://");
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\nSec-Fetch-Site: same-origin\r\n\
         Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: {declared}\r\n\r\n\
         --XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pdf\"\r\n\r\n"
    );
    s.write_all(head.as_bytes()).await.unwrap();
    s.write_all(&vec![b'x'; 64 * 1024]).await.unwrap();
    let mut buf = vec![0; 4096];
    let n = tokio::time::timeout(std::time::Duration::from_secs(60), s.read(&mut buf))
        .await
        .expect("no answer while the body was incomplete: the server waited to read it")
        .unwrap();
    let text = String::from_utf8_lossy(&buf[..n]).into_owned();
    text.lines().next().unwrap_or("").to_string()
}

async fn draft_of_fgw(t: &crate::TestApp) -> i64 {
    let item = crate::api::item_of(t, "区发改委", "").await;
    let tb = t.login("fgw_tb").await;
    let (s, v) = t
        .post(
            &tb,
            &format!("/api/v1/items/{item}/reports"),
            json!({"period": "2024-08", "progress": "草稿", "submit": false}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v["id"].as_i64().unwrap()
}

#[tokio::test]
async fn an_unauthorised_upload_is_refused_before_its_body_is_read() {
    let t = spawn().await;
    let draft = draft_of_fgw(&t).await;
    // 15 MB: within the size limit, so only the permission check can answer early.
    let big = 15 * 1024 * 1024;
    for (user, path) in [
        ("guest", format!("/api/v1/reports/{draft}/attachments")),
        ("rsj_tb", format!("/api/v1/reports/{draft}/attachments")),
        ("fgw_tb", "/api/v1/import".to_string()),
        ("quzhang", "/import/progress".to_string()),
    ] {
        let cookie = session_of(&t, user).await;
        let status = upload_head(&t, &cookie, &path, big).await;
        assert!(
            status.contains(" 403 ") || status.contains(" 404 "),
            "{user} {path}: {status}"
        );
    }
    let item = crate::api::item_of(&t, "区发改委", "").await;
    let cookie = session_of(&t, "guest").await;
    let status = upload_head(&t, &cookie, &format!("/report/{item}"), big).await;
    assert!(status.contains(" 403 "), "report form: {status}");
}

#[tokio::test]
async fn the_upload_limit_is_the_configured_one() {
    let t = spawn_with(|s| {
        s.max_upload_bytes = 100 * 1024;
        s.max_attachment_bytes = 100 * 1024;
    })
    .await;
    let draft = draft_of_fgw(&t).await;
    let cookie = session_of(&t, "fgw_tb").await;
    // 3 MB is refused unread under a 100 KB limit (the old fixed limit was 21 MB).
    let status = upload_head(
        &t,
        &cookie,
        &format!("/api/v1/reports/{draft}/attachments"),
        3 * 1024 * 1024,
    )
    .await;
    assert!(status.contains(" 400 "), "{status}");
    // A small one passes.
    let body = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n附件\r\n--XyZ--\r\n";
    let r = client()
        .post(format!("{}/api/v1/reports/{draft}/attachments", t.url))
        .header("cookie", &cookie)
        .header("content-type", "multipart/form-data; boundary=XyZ")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}

async fn login_from(t: &crate::TestApp, forwarded_for: &str, user: &str, password: &str) -> u16 {
    client()
        .post(format!("{}/api/v1/login", t.url))
        .header("x-forwarded-for", forwarded_for)
        .json(&json!({ "username": user, "password": password }))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn the_login_rate_limit_keys_on_the_forwarded_client_only_behind_a_trusted_proxy() {
    // Behind the proxy (127.0.0.1 trusted), each forwarded client has its own bucket.
    let t = spawn_with(|s| s.trusted_proxies = vec!["127.0.0.1".into()]).await;
    let mut first = Vec::new();
    for n in 0..12 {
        first.push(login_from(&t, "10.0.0.1", &format!("nobody{n}"), "wrong-password-1").await);
    }
    assert_eq!(first.last(), Some(&429), "{first:?}");
    assert_eq!(
        login_from(&t, "10.0.0.2", "nobody", "wrong-password-1").await,
        401,
        "another client behind the proxy shares the first one's bucket"
    );
    // Without trust, the header is the client's to forge and changes nothing.
    let t = spawn().await;
    for n in 0..12 {
        login_from(&t, "10.0.0.1", &format!("nobody{n}"), "wrong-password-1").await;
    }
    assert_eq!(
        login_from(&t, "10.0.0.2", "nobody", "wrong-password-1").await,
        429,
        "a forged X-Forwarded-For escaped the rate limit"
    );
}

async fn fails(t: &crate::TestApp) {
    for _ in 0..t.app.settings.lockout_after {
        assert_eq!(
            login_from(t, "10.0.0.1", "fgw_tb", "wrong-password-1").await,
            401
        );
    }
}

#[tokio::test]
async fn failed_logins_count_per_forwarded_client_only_behind_a_trusted_proxy() {
    let t = spawn_with(|s| s.trusted_proxies = vec!["127.0.0.1".into()]).await;
    fails(&t).await;
    // The account is locked for that client only: the real user elsewhere still logs in.
    assert_eq!(
        login_from(&t, "10.0.0.1", "fgw_tb", demo::DEMO_PASSWORD).await,
        401
    );
    assert_eq!(
        login_from(&t, "10.0.0.2", "fgw_tb", demo::DEMO_PASSWORD).await,
        200
    );
    // Untrusted: a forged address does not get around the lock of the real peer.
    let t = spawn().await;
    fails(&t).await;
    assert_eq!(
        login_from(&t, "10.0.0.2", "fgw_tb", demo::DEMO_PASSWORD).await,
        401
    );
}
