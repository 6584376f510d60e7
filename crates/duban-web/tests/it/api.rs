use crate::{client, spawn};
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn login_good_bad_and_lockout() {
    let t = spawn().await;
    let c = client();
    let url = format!("{}/api/v1/login", t.url);
    let r = c
        .post(&url)
        .json(&json!({"username": "gxj_sh", "password": "wrong-password"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"], "用户名或密码错误");
    // Not logged in: the API answers 401 in JSON.
    let (s, v) = t.get(&c, "/api/v1/me").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(v["error"], "请先登录");
    // Four more failures lock this client out (lockout after 5), even for the right
    // password — with the very same answer as a wrong password (issue 9).
    for _ in 0..4 {
        c.post(&url)
            .json(&json!({"username": "gxj_sh", "password": "wrong-password"}))
            .send()
            .await
            .unwrap();
    }
    let r = c
        .post(&url)
        .json(&json!({"username": "gxj_sh", "password": "duban-demo"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"], "用户名或密码错误");
    // A good login sets the cookie; /me then names the user; logout ends it.
    let c = t.login("duchashi").await;
    let (s, v) = t.get(&c, "/api/v1/me").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["username"], "duchashi");
    assert_eq!(v["role"], "supervisor");
    let (s, _) = t.post(&c, "/api/v1/logout", json!({})).await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = t.get(&c, "/api/v1/me").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn session_cookie_flags() {
    let t = spawn().await;
    let r = client()
        .post(format!("{}/api/v1/login", t.url))
        .json(&json!({"username": "duchashi", "password": "duban-demo"}))
        .send()
        .await
        .unwrap();
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("duban_session="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("Secure"),
        "plain http must not set Secure: {cookie}"
    );
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    assert_eq!(r.headers()["x-frame-options"], "DENY");
}

#[tokio::test]
async fn cross_site_post_is_rejected() {
    let t = spawn().await;
    let c = t.login("duchashi").await;
    // A client sending Origin alone (the test client's default Sec-Fetch-Site would win).
    let bare = reqwest::Client::new();
    for path in ["/api/v1/login", "/api/v1/logout", "/logout", "/login"] {
        let r = bare
            .post(format!("{}{path}", t.url))
            .header("origin", "http://evil.example")
            .json(&json!({"username": "duchashi", "password": "duban-demo"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path}");
    }
    let r = c
        .post(format!("{}/api/v1/logout", t.url))
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // Still logged in: the forged logout did nothing.
    let (s, _) = t.get(&c, "/api/v1/me").await;
    assert_eq!(s, StatusCode::OK);
    // The same origin passes.
    let r = c
        .post(format!("{}/api/v1/logout", t.url))
        .header("origin", t.url.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}

/// An item led by `lead` in which `other` takes no part.
pub async fn item_of(t: &crate::TestApp, lead: &str, other: &str) -> i64 {
    let office = t.login("duchashi").await;
    let (_, items) = t.get(&office, "/api/v1/items").await;
    for i in items.as_array().unwrap() {
        if i["lead_unit_name"] != lead {
            continue;
        }
        let id = i["id"].as_i64().unwrap();
        let (_, d) = t.get(&office, &format!("/api/v1/items/{id}")).await;
        let supports = d["supporting_units"].as_array().unwrap();
        if !supports.iter().any(|s| s["name"] == other) {
            return id;
        }
    }
    panic!("no item of {lead} without {other}");
}

#[tokio::test]
async fn unit_user_sees_only_own_unit() {
    let t = spawn().await;
    let office = t.login("duchashi").await;
    let (_, all) = t.get(&office, "/api/v1/items").await;
    let all = all.as_array().unwrap().len();
    let rsj = t.login("rsj_tb").await;
    let (s, mine) = t.get(&rsj, "/api/v1/items").await;
    assert_eq!(s, StatusCode::OK);
    let mine = mine.as_array().unwrap();
    assert!(
        !mine.is_empty() && mine.len() < all,
        "{} of {all}",
        mine.len()
    );
    for i in mine {
        let id = i["id"].as_i64().unwrap();
        let (s, d) = t.get(&rsj, &format!("/api/v1/items/{id}")).await;
        assert_eq!(s, StatusCode::OK);
        let takes_part = i["lead_unit_name"] == "区人社局"
            || d["supporting_units"]
                .as_array()
                .unwrap()
                .iter()
                .any(|u| u["name"] == "区人社局");
        assert!(takes_part, "item {id} shown to 人社局");
    }
    let foreign = item_of(&t, "区发改委", "区人社局").await;
    let (s, v) = t.get(&rsj, &format!("/api/v1/items/{foreign}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(v["error"].is_string());
    // Nor can it report on it.
    let (s, _) = t
        .post(
            &rsj,
            &format!("/api/v1/items/{foreign}/reports"),
            json!({"period": "2024-07", "progress": "x"}),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = t.get(&rsj, "/api/v1/items/99999999").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

fn count(d: &Value, status: &str) -> i64 {
    d["by_status"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["status"] == status)
        .map(|s| s["count"].as_i64().unwrap())
        .unwrap()
}

#[tokio::test]
async fn report_flow_draft_to_accepted_changes_dashboard() {
    let t = spawn().await;
    let item = item_of(&t, "区发改委", "").await;
    let office = t.login("duchashi").await;
    let (s, before) = t.get(&office, "/api/v1/dashboard?period=2024-08").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(before["period"], "2024-08");
    let (_, st) = t.get(&office, "/api/v1/status?period=2024-08").await;
    let st_before = st["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["item"]["id"] == item)
        .unwrap()["assessment"]["status"]
        .clone();
    assert_eq!(st_before, "not_reported");

    let tb = t.login("fgw_tb").await;
    let path = format!("/api/v1/items/{item}/reports");
    let (s, r) = t.post(&tb, &path, json!({"period": "2024-08", "value": 1.0, "milestone_done": true, "progress": "草稿", "submit": false})).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["state"], "draft");
    let (s, r) = t.post(&tb, &path, json!({"period": "2024-08", "value": 1.0, "milestone_done": true, "progress": "1—8月按计划推进", "problems": "", "next_steps": "继续推进", "submit": true})).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["state"], "submitted");
    let id = r["id"].as_i64().unwrap();
    // Submitted reports cannot be edited.
    let (s, _) = t
        .post(
            &tb,
            &path,
            json!({"period": "2024-08", "progress": "改", "submit": false}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    // The reporter cannot approve; the supervisor cannot accept before the unit approved.
    let review = format!("/api/v1/reports/{id}/review");
    let (s, _) = t.post(&tb, &review, json!({"decision": "approve"})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = t
        .post(&office, &review, json!({"decision": "approve"}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let sh = t.login("fgw_sh").await;
    let (s, r) = t
        .post(&sh, &review, json!({"decision": "approve", "comment": ""}))
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["state"], "approved");
    let (s, r) = t
        .post(&office, &review, json!({"decision": "approve"}))
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["state"], "accepted");

    let (_, after) = t.get(&office, "/api/v1/dashboard?period=2024-08").await;
    assert_eq!(
        count(&after, "not_reported"),
        count(&before, "not_reported") - 1
    );
    assert_eq!(after["total"], before["total"]);
    let (_, st) = t.get(&office, "/api/v1/status?period=2024-08").await;
    let st_after = st["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["item"]["id"] == item)
        .unwrap()["assessment"]["status"]
        .clone();
    assert_ne!(st_after, "not_reported");
}

#[tokio::test]
async fn return_with_comment() {
    let t = spawn().await;
    let item = item_of(&t, "区发改委", "").await;
    let tb = t.login("fgw_tb").await;
    let (s, r) = t
        .post(&tb, &format!("/api/v1/items/{item}/reports"), json!({"period": "2024-08", "value": 2.0, "milestone_done": false, "progress": "推进中", "submit": true}))
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    let review = format!("/api/v1/reports/{}/review", r["id"]);
    let sh = t.login("fgw_sh").await;
    let (s, v) = t
        .post(&sh, &review, json!({"decision": "return", "comment": "  "}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v["error"], "退回时请填写退回意见");
    let (s, v) = t
        .post(
            &sh,
            &review,
            json!({"decision": "return", "comment": "数据需与统计局核实"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["state"], "returned");
    assert_eq!(v["return_comment"], "数据需与统计局核实");
    // Another unit's approver gets 404 for it.
    let rsj = t.login("rsj_sh").await;
    let (s, _) = t.post(&rsj, &review, json!({"decision": "approve"})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // Bad JSON gives a Chinese error.
    let (s, v) = t.post(&sh, &review, json!({"decision": "maybe"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(v["error"].as_str().unwrap().contains("请求内容有误"), "{v}");
}

#[tokio::test]
async fn assign_over_api_is_office_only() {
    let t = spawn().await;
    let item = item_of(&t, "区发改委", "").await;
    let units = crate::units(&t).await;
    let body = json!({"lead_unit_id": units["区商务局"], "supporting_unit_ids": [units["区财政局"]], "deadline": "2024-11-30", "cycle": "quarterly", "weight": 2.0,
        "milestones": [{"period": "2024-06", "planned_value": null, "description": "完成一半"}]});
    let tb = t.login("fgw_tb").await;
    let (s, v) = t
        .post(&tb, &format!("/api/v1/items/{item}/assign"), body.clone())
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    let office = t.login("duchashi").await;
    let (s, v) = t
        .post(&office, &format!("/api/v1/items/{item}/assign"), body)
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["lead_unit_name"], "区商务局");
    assert_eq!(v["cycle"], "quarterly");
    // Now 发改委 no longer takes part: 404 for its reporter.
    let (s, _) = t.get(&tb, &format!("/api/v1/items/{item}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn openapi_lists_the_paths() {
    let t = spawn().await;
    let office = t.login("duchashi").await;
    let (s, v) = t.get(&office, "/api/openapi.json").await;
    assert_eq!(s, StatusCode::OK);
    for p in [
        "/api/v1/login",
        "/api/v1/logout",
        "/api/v1/me",
        "/api/v1/plans",
        "/api/v1/items",
        "/api/v1/items/{id}",
        "/api/v1/items/{id}/assign",
        "/api/v1/items/{id}/reports",
        "/api/v1/reports/{id}/review",
        "/api/v1/status",
        "/api/v1/dashboard",
        "/api/v1/plans/{id}/settings",
        "/api/v1/reports/{id}/attachments",
        "/api/v1/attachments/{id}",
        "/api/v1/import",
    ] {
        assert!(v["paths"].get(p).is_some(), "missing {p}");
    }
    assert!(
        v["paths"]["/api/v1/plans/{id}/settings"]
            .get("put")
            .is_some()
    );
    assert!(
        v["paths"]["/api/v1/import"]["post"]["requestBody"]["content"]
            .get("multipart/form-data")
            .is_some()
    );
    let (s, _) = t.page(&office, "/api/docs/").await;
    assert_eq!(s, StatusCode::OK);
    let (s, v) = t.get(&client(), "/api/v1/nothing-here").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(v["error"].is_string());
}

#[tokio::test]
async fn scores_and_inbox_need_a_session_and_show_own_detail() {
    let t = spawn().await;
    let (s, _) = t.get(&crate::client(), "/api/v1/scores").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let (s, _) = t.get(&crate::client(), "/api/v1/inbox").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let office = t.login("duchashi").await;
    let (s, v) = t.get(&office, "/api/v1/scores?span=2024-Q2").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    for r in v["rows"].as_array().unwrap() {
        let sum: f64 = r["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["points"].as_f64().unwrap())
            .sum();
        assert!((sum - r["total"].as_f64().unwrap()).abs() < 1e-6, "{r}");
    }
    let (s, _) = t.get(&office, "/api/v1/scores?span=2024-Q9").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let tb = t.login("fgw_tb").await;
    let (s, v) = t.get(&tb, "/api/v1/scores?span=2024-Q2").await;
    assert_eq!(s, StatusCode::OK);
    let own = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| !r["entries"].as_array().unwrap().is_empty())
        .count();
    assert!(own <= 1, "a unit sees only its own drill-down");
    let (s, v) = t.get(&tb, "/api/v1/inbox").await;
    assert_eq!(s, StatusCode::OK);
    assert!(v["unread"].is_i64());
}
