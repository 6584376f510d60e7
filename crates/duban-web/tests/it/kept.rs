//! Issue 13: what a request takes from memory (the session's actor, the header's unread
//! count and chooser, the read pages' models) is never stale. Each test first loads the
//! pages so that they are kept, then changes something and reads again.

use crate::api::item_of;
use crate::chase::spawn_clocked;
use crate::{TestApp, client, spawn};
use duban_app::db::{Db, inbox, org};
use duban_app::{App, Clock, demo};
use reqwest::{Client, StatusCode};
use serde_json::json;

/// The session cookie of a fresh login of `user`, to send by hand (to a second server).
async fn cookie(t: &TestApp, user: &str) -> String {
    let r = client()
        .post(format!("{}/api/v1/login", t.url))
        .json(&json!({ "username": user, "password": demo::DEMO_PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let set = r.headers()["set-cookie"].to_str().unwrap();
    set.split(';').next().unwrap().to_string()
}

/// A second `duban serve` on the same database.
async fn second_server(t: &TestApp) -> String {
    let db = Db::open(&t.db_url).await.unwrap();
    let app = App::new(db, t._dir.path().to_path_buf());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(duban_web::serve(app, listener));
    url
}

async fn status_with(c: &Client, base: &str, cookie: &str, method: &str, path: &str) -> StatusCode {
    let req = match method {
        "POST" => c.post(format!("{base}{path}")).json(&json!({})),
        _ => c.get(format!("{base}{path}")),
    };
    req.header("cookie", cookie).send().await.unwrap().status()
}

/// Loads the session on both servers (so both keep it) and checks it is accepted.
async fn warm(c: &Client, a: &str, b: &str, cookie: &str) {
    for base in [a, b] {
        for path in ["/api/v1/me", "/api/v1/dashboard"] {
            assert_eq!(
                status_with(c, base, cookie, "GET", path).await,
                StatusCode::OK
            );
        }
        let r = c
            .get(format!("{base}/dashboard"))
            .header("cookie", cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(r.url().path(), "/dashboard", "not sent to the login page");
    }
}

#[tokio::test]
async fn a_logout_a_password_change_and_a_deactivation_end_a_kept_session_on_both_servers() {
    let t = spawn().await;
    let b = second_server(&t).await;
    let c = Client::builder()
        .redirect(reqwest::redirect::Policy::limited(5))
        .default_headers({
            let mut h = reqwest::header::HeaderMap::new();
            h.insert("sec-fetch-site", "same-origin".parse().unwrap());
            h
        })
        .build()
        .unwrap();
    let gone = |base: String, cookie: String| {
        let c = c.clone();
        async move {
            assert_eq!(
                status_with(&c, &base, &cookie, "GET", "/api/v1/me").await,
                StatusCode::UNAUTHORIZED,
                "{base} still accepts the session"
            );
            let r = c
                .get(format!("{base}/dashboard"))
                .header("cookie", &cookie)
                .send()
                .await
                .unwrap();
            assert_eq!(r.url().path(), "/login", "{base} still shows the page");
        }
    };

    // A logout on the first server.
    let s = cookie(&t, "duchashi").await;
    warm(&c, &t.url, &b, &s).await;
    let out = status_with(&c, &t.url, &s, "POST", "/api/v1/logout").await;
    assert!(out.is_success(), "{out}");
    gone(t.url.clone(), s.clone()).await;
    gone(b.clone(), s).await;

    // A password change on the second: the user's other sessions end.
    let s = cookie(&t, "fgw_tb").await;
    let other = cookie(&t, "fgw_tb").await;
    warm(&c, &t.url, &b, &s).await;
    warm(&c, &t.url, &b, &other).await;
    let actor = duban_app::auth::actor_for_token(&t.app, s.split('=').nth(1).unwrap())
        .await
        .unwrap();
    let new = "换个新的口令-2024xyz";
    duban_app::auth::change_password(&t.app, &actor, demo::DEMO_PASSWORD, new)
        .await
        .unwrap();
    gone(t.url.clone(), other.clone()).await;
    gone(b.clone(), other).await;

    // An administrator disables an account.
    let s = cookie(&t, "guest").await;
    warm(&c, &t.url, &b, &s).await;
    duban_app::admin::disable_user(&t.app, &duban_app::Actor::cli(), "guest")
        .await
        .unwrap();
    gone(t.url.clone(), s.clone()).await;
    gone(b, s).await;
}

#[tokio::test]
async fn an_expired_session_fails_though_it_is_kept_and_a_used_one_lives_on() {
    let (t, clock) = spawn_clocked().await;
    let idle = t.app.settings.session_idle_minutes;
    let c = client();
    // Idle for longer than allowed: out, though nothing moved the counters.
    let s = cookie(&t, "duchashi").await;
    let start = clock.now();
    assert_eq!(
        status_with(&c, &t.url, &s, "GET", "/api/v1/me").await,
        StatusCode::OK
    );
    clock.set(start + time::Duration::minutes(idle + 1));
    assert_eq!(
        status_with(&c, &t.url, &s, "GET", "/api/v1/me").await,
        StatusCode::UNAUTHORIZED
    );
    // Used again within the idle time (past a minute, so the deadline moves): still in
    // after the first deadline.
    clock.set(time::OffsetDateTime::now_utc());
    let s = cookie(&t, "fgw_sh").await;
    let start = clock.now();
    assert_eq!(
        status_with(&c, &t.url, &s, "GET", "/api/v1/me").await,
        StatusCode::OK
    );
    clock.set(start + time::Duration::minutes(idle - 5));
    assert_eq!(
        status_with(&c, &t.url, &s, "GET", "/api/v1/me").await,
        StatusCode::OK
    );
    clock.set(start + time::Duration::minutes(idle + 30));
    assert_eq!(
        status_with(&c, &t.url, &s, "GET", "/api/v1/me").await,
        StatusCode::OK,
        "the kept session's deadline moved with its use"
    );
    // The absolute lifetime holds however busy the session (rows are stamped with the
    // real time, so the clock goes back to it first).
    clock.set(time::OffsetDateTime::now_utc());
    let s = cookie(&t, "fgw_tb").await;
    let start = clock.now();
    let hours = t.app.settings.session_absolute_hours;
    for h in 1..hours {
        clock.set(start + time::Duration::hours(h));
        assert_eq!(
            status_with(&c, &t.url, &s, "GET", "/api/v1/me").await,
            StatusCode::OK
        );
    }
    clock.set(start + time::Duration::hours(hours) + time::Duration::minutes(1));
    assert_eq!(
        status_with(&c, &t.url, &s, "GET", "/api/v1/me").await,
        StatusCode::UNAUTHORIZED
    );
}

/// The number in the header's inbox badge (0 without one).
fn badge(page: &str) -> i64 {
    page.split("id=\"inbox-link\">消息")
        .nth(1)
        .and_then(|rest| rest.strip_prefix("<span class=\"badge\""))
        .and_then(|rest| rest.split('>').nth(1))
        .and_then(|n| n.split('<').next())
        .map_or(0, |n| n.parse().unwrap())
}

#[tokio::test]
async fn a_new_inbox_message_and_reading_it_show_in_the_header_at_once() {
    let t = spawn().await;
    let c = t.login("rsj_tb").await;
    let (s, page) = t.page(&c, "/").await;
    assert_eq!(s, StatusCode::OK);
    let before = badge(&page);
    let (_, again) = t.page(&c, "/items").await;
    assert_eq!(badge(&again), before);
    // A message arrives (as the reminder pass delivers them).
    let mut tx = t.app.begin().await.unwrap();
    let user = org::user_by_username(&mut tx, "rsj_tb")
        .await
        .unwrap()
        .unwrap();
    let id = inbox::deliver(
        &mut tx,
        &inbox::NewMessage {
            user_id: user.id,
            key: "kept-test-1",
            kind: "digest",
            title: "测试消息",
            body: "缓存之后送达的一条消息",
            link: None,
            notice_id: None,
        },
    )
    .await
    .unwrap()
    .unwrap();
    tx.commit().await.unwrap();
    let (_, page) = t.page(&c, "/items").await;
    assert_eq!(badge(&page), before + 1, "the new message is counted");
    // Read on the inbox page: the count goes back.
    let r = c
        .post(format!("{}/inbox/{id}/read", t.url))
        .form(&[("x", "")])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
    let (_, page) = t.page(&c, "/items").await;
    assert_eq!(badge(&page), before);
}

/// The count of a status in the dashboard's opening sentence (共N项，已完成a项（x%），……).
fn count_in_summary(page: &str, label: &str) -> i64 {
    let summary = page
        .split("截至")
        .nth(1)
        .unwrap()
        .split('。')
        .next()
        .unwrap();
    summary
        .split('，')
        .find_map(|p| p.strip_prefix(label))
        .and_then(|p| p.split('项').next())
        .map_or(0, |n| n.parse().unwrap())
}

#[tokio::test]
async fn a_saved_and_accepted_report_changes_the_kept_pages() {
    let t = spawn().await;
    let item = item_of(&t, "区发改委", "").await;
    let office = t.login("duchashi").await;
    let tb = t.login("fgw_tb").await;
    let dash = "/dashboard?period=2024-08";
    let (_, page) = t.page(&office, dash).await;
    let not_reported = count_in_summary(&page, "未填报");
    assert!(not_reported > 0, "{page}");
    let (_, due) = t.page(&tb, "/report?period=2024-08").await;
    let (_, item_page) = t.page(&office, &format!("/items/{item}")).await;
    let words = "缓存测试：八月按计划推进";
    assert!(!due.contains(words) && !item_page.contains(words));

    let path = format!("/api/v1/items/{item}/reports");
    let (s, r) = t
        .post(&tb, &path, json!({"period": "2024-08", "value": 1.0, "milestone_done": true, "progress": words, "submit": false}))
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    let (_, due) = t.page(&tb, "/report?period=2024-08").await;
    assert!(due.contains(words), "本期待报 shows the saved draft");

    let (s, r) = t
        .post(&tb, &path, json!({"period": "2024-08", "value": 1.0, "milestone_done": true, "progress": words, "submit": true}))
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    let review = format!("/api/v1/reports/{}/review", r["id"]);
    let sh = t.login("fgw_sh").await;
    assert_eq!(
        t.post(&sh, &review, json!({"decision": "approve"})).await.0,
        StatusCode::OK
    );
    assert_eq!(
        t.post(&office, &review, json!({"decision": "approve"}))
            .await
            .0,
        StatusCode::OK
    );
    let (_, page) = t.page(&office, dash).await;
    assert_eq!(count_in_summary(&page, "未填报"), not_reported - 1);
    let (_, item_page) = t.page(&office, &format!("/items/{item}")).await;
    assert!(
        item_page.contains(words),
        "the item page shows the accepted report"
    );
}

#[tokio::test]
async fn kept_pages_are_never_another_users() {
    let t = spawn().await;
    let office = t.login("duchashi").await;
    let tb = t.login("fgw_tb").await;
    let rsj = t.login("rsj_tb").await;
    let foreign = item_of(&t, "区发改委", "区人社局").await;
    let link = format!("href=\"/items/{foreign}\"");
    for path in ["/dashboard", "/items"] {
        let (_, a) = t.page(&office, path).await;
        let (_, b) = t.page(&tb, path).await;
        let (_, c) = t.page(&rsj, path).await;
        assert!(a.contains("督查室 王科长"), "{path}");
        assert!(
            !b.contains("督查室 王科长") && !c.contains("督查室 王科长"),
            "{path}"
        );
        if path == "/items" {
            // A unit sees its own items only, whoever loaded the list first.
            assert!(a.contains(&link) && b.contains(&link), "{a}");
            assert!(!c.contains(&link), "another unit's item in a kept list");
        }
    }
    assert_eq!(
        t.page(&office, &format!("/items/{foreign}")).await.0,
        StatusCode::OK
    );
    assert_eq!(
        t.page(&rsj, &format!("/items/{foreign}")).await.0,
        StatusCode::NOT_FOUND,
        "an item kept for the office stays hidden from another unit"
    );
}

#[tokio::test]
async fn a_notice_issued_after_the_item_page_was_kept_shows_on_it() {
    let t = spawn().await;
    let item = item_of(&t, "区发改委", "").await;
    let office = t.login("duchashi").await;
    let tb = t.login("fgw_tb").await;
    let page = format!("/items/{item}");
    let (_, before) = t.page(&office, &page).await;
    let (_, before_unit) = t.page(&tb, &page).await;
    let (s, n) = t
        .post(
            &office,
            "/api/v1/notices",
            json!({"kind": "chase", "item_id": item}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{n}");
    let number = n["number"].as_str().expect("a notice number").to_string();
    assert!(!before.contains(&number) && !before_unit.contains(&number));
    let (_, after) = t.page(&office, &page).await;
    assert!(
        after.contains(&number),
        "the office's item page shows {number}"
    );
    let (_, after_unit) = t.page(&tb, &page).await;
    assert!(after_unit.contains(&number), "the unit's item page too");
}
