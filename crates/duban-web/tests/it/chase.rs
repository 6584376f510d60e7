//! Chasing over HTTP with the clock set: an overdue item's 催办 reaches the unit's inbox and
//! the item's timeline, the unit answers on the page and it does not escalate; scores
//! decompose into their entries on the page and in the API; extensions on the item page.

use crate::office::multipart;
use crate::{TestApp, database_url};
use duban_app::chase::run_pass;
use duban_app::db::Db;
use duban_app::{App, FixedClock, demo};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::sync::Arc;
use time::Date;
use time::macros::date;

/// duban with the demo data and a clock the test sets. It starts at the real time: the
/// session cookie's expiry follows the app's clock and the test client drops cookies that
/// expired, so clients log in first and the test moves the date afterwards.
pub async fn spawn_clocked() -> (TestApp, Arc<FixedClock>) {
    let dir = tempfile::tempdir().unwrap();
    let db_url = database_url(dir.path()).await;
    let db = Db::open(&db_url).await.unwrap();
    let clock = Arc::new(FixedClock::new(time::OffsetDateTime::now_utc()));
    let app = App::new(db, dir.path().to_path_buf()).with_clock(clock.clone());
    let info = demo::seed(&app).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(duban_web::serve(app.clone(), listener));
    let t = TestApp {
        url,
        app,
        plan_id: info.plan_id,
        db_url,
        _dir: dir,
    };
    (t, clock)
}

/// The unit's open notices of `kind` over the API.
async fn notices_of(t: &TestApp, c: &reqwest::Client, kind: &str) -> Vec<Value> {
    let (s, v) = t
        .get(c, &format!("/api/v1/notices?kind={kind}&state=open"))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v.as_array().unwrap().clone()
}

#[tokio::test]
async fn an_overdue_item_is_chased_answered_on_the_page_and_not_escalated() {
    let (t, clock) = spawn_clocked().await;
    let fgw = t.login("fgw_tb").await;
    let office = t.login("duchashi").await;
    clock.set_date(date!(2024 - 07 - 28));
    run_pass(&t.app, t.app.today(), false).await.unwrap();
    // The 催办单 is in the unit's inbox, with the unread count in every page's header.
    let (s, inbox) = t.get(&fgw, "/api/v1/inbox").await;
    assert_eq!(s, StatusCode::OK);
    let unread = inbox["unread"].as_i64().unwrap();
    assert!(unread > 0, "{inbox}");
    let chase_msgs: Vec<&Value> = inbox["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] == "notice" && m["title"].as_str().unwrap().contains("催办"))
        .collect();
    assert!(!chase_msgs.is_empty(), "{inbox}");
    let (_, home) = t.page(&fgw, "/").await;
    assert!(
        home.contains(&format!("aria-label=\"{unread} 条未读\"")),
        "the header shows the unread count"
    );
    let (s, page) = t.page(&fgw, "/inbox").await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("催办单"), "{page}");

    let chases = notices_of(&t, &fgw, "chase").await;
    assert!(chases.len() >= 2, "{chases:?}");
    let (answered, silent) = (&chases[0], &chases[1]);
    let id = answered["id"].as_i64().unwrap();
    let item = answered["item_id"].as_i64().unwrap();
    let number = answered["number"].as_str().unwrap().to_string();
    assert!(number.contains("〔2024〕"), "{number}");
    assert_eq!(answered["level"], "blue");
    // It is on the item's timeline, with its number and state.
    let (s, item_page) = t.page(&fgw, &format!("/items/{item}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(item_page.contains(&number), "timeline shows {number}");
    assert!(item_page.contains("待反馈"));
    // The unit answers on the notice's page, with an attachment.
    let (s, notice_page) = t.page(&fgw, &format!("/notices/{id}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(notice_page.contains("提交反馈") && notice_page.contains("责任单位"));
    // First it signs for it (签收); the office's list then shows the day, and the button
    // is gone.
    assert!(notice_page.contains(&format!("action=\"/notices/{id}/receive\"")));
    let (_, list) = t.page(&office, "/notices?kind=chase").await;
    assert!(list.contains("未签收"), "nothing signed yet");
    let r = fgw
        .post(format!("{}/notices/{id}/receive", t.url))
        .form(&[("x", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("已签收") && !html.contains("/receive\""),
        "{html}"
    );
    let (_, d) = t.get(&office, &format!("/api/v1/notices/{id}")).await;
    assert!(
        d["notice"]["read_at"]
            .as_str()
            .unwrap()
            .starts_with("2024-07-28"),
        "{d}"
    );
    assert!(d["received_by"].is_string(), "{d}");
    let (_, seen) = t.page(&office, &format!("/notices/{id}")).await;
    assert!(seen.contains("2024-07-28") && !seen.contains("/receive\""));
    let (ct, body) = multipart(
        &[("body", "已于7月29日补报，原因是数据核对")],
        Some(("file", "说明.txt", "补报说明".as_bytes())),
    );
    let r = fgw
        .post(format!("{}/notices/{id}/answer", t.url))
        .header("content-type", ct)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("反馈已提交") && html.contains("说明.txt"),
        "{html}"
    );
    let (_, d) = t.get(&fgw, &format!("/api/v1/notices/{id}")).await;
    assert_eq!(d["notice"]["state"], "answered");
    let href = d["answers"][0]["files"][0]["href"].as_str().unwrap();
    let r = fgw.get(format!("{}{href}", t.url)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.bytes().await.unwrap().as_ref(), "补报说明".as_bytes());
    // After the 限期, the unanswered one becomes a 督办通知单; the answered one does not.
    clock.set_date(silent["due_date"].as_str().unwrap().parse_date());
    run_pass(&t.app, t.app.today(), false).await.unwrap();
    run_pass(&t.app, t.app.today() + time::Duration::days(1), false)
        .await
        .unwrap();
    let (_, all) = t.get(&office, "/api/v1/notices?kind=supervision").await;
    let sups = all.as_array().unwrap();
    let silent_item = silent["item_id"].as_i64().unwrap();
    assert!(
        sups.iter().any(|n| n["item_id"] == silent_item),
        "the unanswered 催办 escalated: {all}"
    );
    assert!(
        !sups
            .iter()
            .any(|n| n["item_id"] == item && n["period"] == answered["period"]),
        "the answered 催办 did not: {all}"
    );
    let (_, item_page) = t.page(&fgw, &format!("/items/{item}")).await;
    assert!(item_page.contains("已反馈"));
}

trait ParseDate {
    fn parse_date(&self) -> Date;
}

impl ParseDate for str {
    fn parse_date(&self) -> Date {
        Date::parse(
            self,
            time::macros::format_description!("[year]-[month]-[day]"),
        )
        .unwrap()
    }
}

/// Sums the `data-points` of one unit's entries table and reads its `data-total`.
fn page_parts(html: &str, unit: i64) -> (f64, f64) {
    let row = html
        .split(&format!("<tr id=\"unit-{unit}\">"))
        .nth(1)
        .expect("the unit's row");
    let row = row.split("<tr id=\"unit-").next().unwrap();
    let sum: f64 = row
        .split("data-points=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().trim_start_matches('+'))
        .map(|s| s.parse::<f64>().unwrap())
        .sum();
    let total: f64 = row
        .split("data-total=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    (sum, total)
}

#[tokio::test]
async fn scores_decompose_into_their_entries_on_the_page_and_in_the_api() {
    let (t, clock) = spawn_clocked().await;
    let office = t.login("duchashi").await;
    let rsj = t.login("rsj_tb").await;
    clock.set_date(date!(2024 - 07 - 28));
    run_pass(&t.app, t.app.today(), false).await.unwrap();
    let units = crate::units(&t).await;
    let fgw = units["区发改委"].as_i64().unwrap();
    // A manual adjustment, audited, shows up as an entry.
    let r = office
        .post(format!("{}/scores/adjust", t.url))
        .form(&[
            ("unit", fgw.to_string().as_str()),
            ("period", "2024-06"),
            ("points", "-2.5"),
            ("reason", "季度督查通报批评"),
            ("span", "2024-Q2"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    // Back to the span, on the plan the adjustment was made in.
    assert_eq!(
        r.url().query(),
        Some(format!("span=2024-Q2&ok=adjust&plan={}", t.plan_id).as_str())
    );
    for span in ["2024", "2024-Q2", "2024-06"] {
        let (s, api) = t.get(&office, &format!("/api/v1/scores?span={span}")).await;
        assert_eq!(s, StatusCode::OK, "{api}");
        assert_eq!(api["span"], span);
        let (s, html) = t.page(&office, &format!("/scores?span={span}")).await;
        assert_eq!(s, StatusCode::OK);
        let rows = api["rows"].as_array().unwrap();
        assert!(rows.len() >= 3, "{api}");
        for r in rows {
            let total = r["total"].as_f64().unwrap();
            let parts: f64 = r["entries"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["points"].as_f64().unwrap())
                .sum();
            assert!((parts - total).abs() < 1e-9, "API {span}: {r}");
            let (sum, shown) = page_parts(&html, r["unit_id"].as_i64().unwrap());
            assert!(
                (sum - total).abs() < 1e-6,
                "page {span} unit {}",
                r["unit_id"]
            );
            assert!((shown - total).abs() < 1e-6);
        }
    }
    let (_, q2) = t.get(&office, "/api/v1/scores?span=2024-Q2").await;
    let row = q2["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["unit_id"] == fgw)
        .unwrap()
        .clone();
    assert!(
        row["entries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["event"] == "manual" && e["points"] == json!(-2.5)),
        "{row}"
    );
    // The .xlsx download.
    let r = office
        .get(format!("{}/scores/xlsx?span=2024-Q2", t.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.bytes().await.unwrap().starts_with(b"PK"));
    // A unit user sees the ranking, but only its own unit's entries.
    let (_, v) = t.get(&rsj, "/api/v1/scores?span=2024-Q2").await;
    let own = units["区人社局"].as_i64().unwrap();
    for r in v["rows"].as_array().unwrap() {
        let entries = r["entries"].as_array().unwrap();
        assert_eq!(r["unit_id"] == own, !entries.is_empty(), "{r}");
    }
    let (s, _) = t.get(&rsj, "/api/v1/scores?span=2024-Q9").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn an_extension_is_requested_on_the_item_page_and_decided_by_the_office() {
    let (t, clock) = spawn_clocked().await;
    let fgw = t.login("fgw_tb").await;
    let office = t.login("duchashi").await;
    let item = crate::api::item_of(&t, "区发改委", "区人社局").await;
    clock.set_date(date!(2024 - 07 - 20));
    let (_, page) = t.page(&fgw, &format!("/items/{item}")).await;
    assert!(page.contains("申请延期"), "the unit gets the form");
    let r = fgw
        .post(format!("{}/items/{item}/extensions", t.url))
        .form(&[
            ("period", "2024-07"),
            ("new_due", "2024-08-05"),
            ("reason", "统计口径调整，数据需重新核对"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("延期申请已提交"));
    // A second request for the same report while one is pending is refused.
    let (s, _) = t
        .post(
            &fgw,
            "/api/v1/extensions",
            json!({"item_id": item, "period": "2024-07", "new_due": "2024-08-06", "reason": "再次"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, list) = t.get(&office, "/api/v1/extensions?pending=true").await;
    let ext = list.as_array().unwrap()[0]["id"].as_i64().unwrap();
    let (s, page) = t.page(&office, "/extensions").await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("统计口径调整") && page.contains("批准"));
    let r = office
        .post(format!("{}/extensions/{ext}/decide", t.url))
        .form(&[("decision", "approve"), ("comment", "同意")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let (_, page) = t.page(&fgw, &format!("/items/{item}")).await;
    assert!(
        page.contains("已批准延期") && page.contains("2024年8月5日"),
        "the item page shows the moved deadline"
    );
    let (s, v) = t
        .post(
            &office,
            &format!("/api/v1/extensions/{ext}/decision"),
            json!({"approve": false}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "decided once: {v}");
}

/// The app's Actor for a demo user (fixtures made through the app, not over HTTP).
pub async fn actor_of(t: &TestApp, user: &str) -> duban_app::Actor {
    duban_app::auth::login(&t.app, user, demo::DEMO_PASSWORD, None, None)
        .await
        .unwrap()
        .actor
}

/// The authorization matrix's chasing objects, all of unit A (区发改委): a 催办单 issued
/// by hand on its item (`noticeA`), answered with a file (`ansFileA`), the message it put
/// in the reporter's inbox (`msgA`), a pending extension request (`extA`) and a disabled
/// push endpoint (`epA`).
pub async fn matrix_fixture(t: &TestApp, item_a: i64) -> Vec<(&'static str, String)> {
    use duban_app::chase::{endpoints, inbox, notices};
    let office = actor_of(t, "duchashi").await;
    let rep = actor_of(t, "fgw_tb").await;
    let n = notices::issue_by_hand(
        &t.app,
        &office,
        &notices::HandNotice {
            kind: duban_app::core::NoticeKind::Chase,
            item_id: item_a,
            unit_id: None,
            matter: "",
            requirement: "",
            deadline: None,
        },
    )
    .await
    .unwrap();
    let file = notices::AnswerUpload {
        file_name: "说明.pdf",
        content_type: "application/pdf",
        bytes: b"%PDF-1.4 matrix",
    };
    let d = notices::answer(&t.app, &rep, n.id, "先行说明", &[file])
        .await
        .unwrap();
    let msg = inbox::list(&t.app, &rep, false)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.notice_id == Some(n.id))
        .unwrap();
    // Straight into the database: the matrix runs on today's clock, when a 2024 report can
    // no longer be extended through the app.
    let mut tx = t.app.begin().await.unwrap();
    let ext = duban_app::db::chase::request_extension(
        &mut tx,
        &duban_app::db::chase::NewExtension {
            plan_id: t.plan_id,
            item_id: item_a,
            unit_id: rep.unit_id.unwrap(),
            period: duban_app::core::Period::new(2024, 8).unwrap(),
            old_due: date!(2024 - 08 - 25),
            new_due: date!(2024 - 09 - 10),
            reason: "矩阵",
            requested_on: date!(2024 - 08 - 20),
            requested_by: rep.user_id,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let admin = actor_of(t, "admin").await;
    let ep = endpoints::create(
        &t.app,
        &admin,
        &endpoints::EndpointForm {
            name: "矩阵",
            channel: "wecom",
            target: "http://127.0.0.1:9/cgi-bin/webhook/send?key=matrix",
            secret: None,
            format: "markdown",
            unit_id: None,
            enabled: false,
        },
    )
    .await
    .unwrap();
    vec![
        ("noticeA", n.id.to_string()),
        ("ansFileA", d.files[0].id.to_string()),
        ("msgA", msg.id.to_string()),
        ("extA", ext.to_string()),
        ("epA", ep.to_string()),
    ]
}
