//! The office's uploads and settings: report import over the API and the page (UTF-8 and
//! GBK), bad files, permissions and plan settings here; attachments, the htmx review and the
//! progress import page in [`reports`].

mod reports;

use crate::{TestApp, spawn};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

const SEED: &str = include_str!("../../../../../examples/reports/shancheng_2024.txt");

/// A multipart/form-data body: text fields and an optional file (field, file name, bytes).
pub fn multipart(fields: &[(&str, &str)], file: Option<(&str, &str, &[u8])>) -> (String, Vec<u8>) {
    let boundary = "----dubanTestBoundary7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    if let Some((field, name, bytes)) = file {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(
    t: &TestApp,
    c: &Client,
    path: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &str, &[u8])>,
) -> reqwest::Response {
    let (ct, body) = multipart(fields, file);
    c.post(format!("{}{path}", t.url))
        .header("content-type", ct)
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn upload_json(
    t: &TestApp,
    c: &Client,
    path: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &str, &[u8])>,
) -> (StatusCode, Value) {
    let r = upload(t, c, path, fields, file).await;
    let s = r.status();
    (s, r.json().await.unwrap_or(Value::Null))
}

fn chinese(v: &Value) -> bool {
    v["error"]
        .as_str()
        .is_some_and(|m| m.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
}

async fn plan_count(t: &TestApp, c: &Client) -> usize {
    let (s, v) = t.get(c, "/api/v1/plans").await;
    assert_eq!(s, StatusCode::OK);
    v.as_array().unwrap().len()
}

#[tokio::test]
async fn import_over_api_and_page_utf8_and_gbk_agree() {
    let t = spawn().await;
    let office = t.login("duchashi").await;
    let before = plan_count(&t, &office).await;
    let (s, v) = upload_json(
        &t,
        &office,
        "/api/v1/import",
        &[("government", "山城区"), ("year", "2025")],
        Some(("file", "山城区2025.txt", SEED.as_bytes())),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["year"], 2025);
    assert_eq!(v["government"], "山城区");
    assert!(v["targets"].as_u64().unwrap() > 5, "{v}");
    assert!(v["tasks"].as_u64().unwrap() > 5, "{v}");
    assert_eq!(plan_count(&t, &office).await, before + 1);

    // The same report in GBK, through the page, under another government: same counts.
    let (gbk, _, bad) = encoding_rs::GBK.encode(SEED);
    assert!(!bad);
    assert_ne!(&gbk[..], SEED.as_bytes());
    let r = upload(
        &t,
        &office,
        "/import",
        &[("government", "河城区"), ("year", "")],
        Some(("file", "report-gbk.txt", &gbk)),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let page = r.text().await.unwrap();
    assert!(page.contains("导入成功：河城区2024年"), "{page}");
    for (n, label) in [
        (&v["sections"], "板块"),
        (&v["targets"], "量化指标"),
        (&v["tasks"], "重点任务"),
        (&v["actuals"], "上年实绩"),
    ] {
        let cell = format!("<b>{n}</b><span>{label}</span>");
        assert!(page.contains(&cell), "{cell} in {page}");
    }
    assert!(page.contains("href=\"/items\""), "links to the items");
    // The plan belongs to another government: 山城区's office does not see it (issue 13).
    assert_eq!(plan_count(&t, &office).await, before + 1);
    let plans = t.get(&office, "/api/v1/plans").await.1;
    assert!(
        !plans
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["government_name"] == "河城区"),
        "{plans}"
    );
}

#[tokio::test]
async fn bad_report_files_change_nothing() {
    let t = spawn().await;
    let office = t.login("admin").await;
    let before = plan_count(&t, &office).await;
    let docx: &[u8] = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00word/document.xml";
    for (name, bytes, year, status) in [
        ("empty.txt", &b""[..], "2025", StatusCode::BAD_REQUEST),
        ("report.docx", docx, "2025", StatusCode::BAD_REQUEST),
        (
            "hello.txt",
            "你好，这是一段普通的文字。".as_bytes(),
            "2025",
            StatusCode::BAD_REQUEST,
        ),
        // The demo already imported 山城区 2024.
        ("again.txt", SEED.as_bytes(), "2024", StatusCode::CONFLICT),
    ] {
        let (s, v) = upload_json(
            &t,
            &office,
            "/api/v1/import",
            &[("government", "山城区"), ("year", year)],
            Some(("file", name, bytes)),
        )
        .await;
        assert_eq!(s, status, "{name}: {v}");
        assert!(chinese(&v), "{name}: {v}");
        assert_eq!(plan_count(&t, &office).await, before, "{name}");
    }
    // No file at all, and a bad year.
    let (s, v) = upload_json(
        &t,
        &office,
        "/api/v1/import",
        &[("government", "山城区")],
        None,
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(chinese(&v), "{v}");
    let (s, v) = upload_json(
        &t,
        &office,
        "/api/v1/import",
        &[("government", "山城区"), ("year", "明年")],
        Some(("file", "a.txt", SEED.as_bytes())),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(chinese(&v), "{v}");
    // Not multipart at all.
    let (s, v) = t.post(&office, "/api/v1/import", json!({})).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(chinese(&v), "{v}");
    // The page shows the message with the form, and 400/409.
    let r = upload(
        &t,
        &office,
        "/import",
        &[("government", "山城区"), ("year", "2025")],
        Some(("file", "report.docx", docx)),
    )
    .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("导入失败") && page.contains("未做任何更改"),
        "{page}"
    );
    assert!(
        page.contains("name=\"government\" value=\"山城区\""),
        "{page}"
    );
    let r = upload(
        &t,
        &office,
        "/import",
        &[("government", "山城区"), ("year", "2024")],
        Some(("file", "again.txt", SEED.as_bytes())),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(r.text().await.unwrap().contains("不能重复导入"));
    assert_eq!(plan_count(&t, &office).await, before);
}

#[tokio::test]
async fn reporters_may_not_import_or_change_settings() {
    let t = spawn().await;
    let tb = t.login("fgw_tb").await;
    let (s, v) = upload_json(
        &t,
        &tb,
        "/api/v1/import",
        &[("government", "山城区"), ("year", "2025")],
        Some(("file", "a.txt", SEED.as_bytes())),
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    assert!(chinese(&v));
    let settings = format!("/api/v1/plans/{}/settings", t.plan_id);
    let (s, _) = t.get(&tb, &settings).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let r = tb
        .put(format!("{}{settings}", t.url))
        .json(&json!({"due_day": 20, "default_cycle": "monthly", "thresholds": duban_app::core::status::Thresholds::default()}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    for p in ["/import", "/import/progress", "/settings"] {
        let (s, body) = t.page(&tb, p).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{p}");
        assert!(body.contains("无权访问"), "{p}");
        assert!(
            !body.contains("href=\"/import\""),
            "no office links for units"
        );
    }
    let r = upload(
        &t,
        &tb,
        "/import",
        &[("government", "山城区"), ("year", "2025")],
        Some(("file", "a.txt", SEED.as_bytes())),
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = upload(
        &t,
        &tb,
        "/import/progress",
        &[("government", "山城区"), ("year", "2024")],
        Some(("file", "p.csv", "编号,单位,期间\n".as_bytes())),
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // The office sees the pages and the links.
    let office = t.login("duchashi").await;
    for p in ["/import", "/import/progress", "/settings"] {
        let (s, body) = t.page(&office, p).await;
        assert_eq!(s, StatusCode::OK, "{p}");
        assert!(body.contains("href=\"/import\"") && body.contains("href=\"/settings\""));
    }
}

#[tokio::test]
async fn settings_round_trip_and_validation() {
    let t = spawn().await;
    let office = t.login("duchashi").await;
    let path = format!("/api/v1/plans/{}/settings", t.plan_id);
    let (s, v) = t.get(&office, &path).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["due_day"], 25);
    let mut want = json!({
        "due_day": 20,
        "default_cycle": "quarterly",
        "thresholds": {"ahead_points": 8.0, "behind_points": -2.0, "serious_points": 25.0,
                       "growth_band": 1.5, "ceiling_tolerance": 0.2, "yellow_from_points": 10.0}
    });
    let put = |body: Value| {
        let office = office.clone();
        let url = format!("{}{path}", t.url);
        async move {
            let r = office.put(url).json(&body).send().await.unwrap();
            let s = r.status();
            (s, r.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    let (s, v) = put(want.clone()).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v, want);
    let (_, v) = t.get(&office, &path).await;
    assert_eq!(v, want);
    want["due_day"] = json!(31);
    let (s, v) = put(want.clone()).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert!(v["error"].as_str().unwrap().contains("截止日"), "{v}");
    let (s, v) = put(json!({"due_day": "x"})).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
    assert!(chinese(&v), "{v}");
    let (_, v) = t.get(&office, &path).await;
    assert_eq!(v["due_day"], 20, "unchanged by the rejected updates");
    let (s, _) = t.get(&office, "/api/v1/plans/999999/settings").await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // The page: a preset button, then a bad due day shown with the form.
    let (s, page) = t.page(&office, "/settings").await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        page.contains("name=\"due_day\"") && page.contains("value=\"20\""),
        "{page}"
    );
    assert!(page.contains("黄灯起点") && page.contains("value=\"yinchuan\""));
    let pid = t.plan_id.to_string();
    let r = office
        .post(format!("{}/settings", t.url))
        .form(&[
            ("plan_id", pid.as_str()),
            ("due_day", "15"),
            ("default_cycle", "monthly"),
            ("ahead_points", "1"),
            ("behind_points", "0"),
            ("serious_points", "1"),
            ("growth_band", "1"),
            ("ceiling_tolerance", "0"),
            ("yellow_from_points", "0"),
            ("preset", "default"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.url().query().unwrap_or("").contains("ok=1"));
    assert!(r.text().await.unwrap().contains("计划设置已保存"));
    let (_, v) = t.get(&office, &path).await;
    assert_eq!(v["due_day"], 15);
    assert_eq!(v["default_cycle"], "monthly");
    assert_eq!(
        v["thresholds"],
        serde_json::to_value(duban_app::core::status::Thresholds::default()).unwrap()
    );
    let r = office
        .post(format!("{}/settings", t.url))
        .form(&[
            ("plan_id", pid.as_str()),
            ("due_day", "31"),
            ("default_cycle", "monthly"),
            ("ahead_points", "10"),
            ("behind_points", "0"),
            ("serious_points", "30"),
            ("growth_band", "2"),
            ("ceiling_tolerance", "0.1"),
            ("yellow_from_points", "0"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("未保存") && body.contains("value=\"31\""),
        "{body}"
    );
    let (_, v) = t.get(&office, &path).await;
    assert_eq!(v["due_day"], 15);
}
