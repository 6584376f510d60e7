//! Reports through the office's pages: attachments, the htmx review row, and the progress
//! import page.

use super::{chinese, upload, upload_json};
use crate::api::item_of;
use crate::{TestApp, spawn};
use reqwest::{Client, StatusCode};
use serde_json::json;

/// A draft report of 区发改委 for 2024-08, saved by its reporter: (item, report id).
async fn draft(t: &TestApp, tb: &Client) -> (i64, i64) {
    let item = item_of(t, "区发改委", "").await;
    let (s, r) = t
        .post(
            tb,
            &format!("/api/v1/items/{item}/reports"),
            json!({"period": "2024-08", "value": 2.0, "milestone_done": false, "progress": "推进中", "submit": false}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    (item, r["id"].as_i64().unwrap())
}

#[tokio::test]
async fn attachments_upload_and_download() {
    let t = spawn().await;
    let tb = t.login("fgw_tb").await;
    let (_, report) = draft(&t, &tb).await;
    let path = format!("/api/v1/reports/{report}/attachments");
    let pdf = b"%PDF-1.4\n% duban test\n".to_vec();
    let (s, a) = upload_json(&t, &tb, &path, &[], Some(("file", "进展 说明.pdf", &pdf))).await;
    assert_eq!(s, StatusCode::OK, "{a}");
    assert_eq!(a["file_name"], "进展 说明.pdf");
    let id = a["id"].as_i64().unwrap();

    let office = t.login("duchashi").await;
    let r = office
        .get(format!("{}/api/v1/attachments/{id}", t.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let h = r.headers().clone();
    assert_eq!(h["content-type"], "application/pdf");
    assert_eq!(h["x-content-type-options"], "nosniff");
    let disp = h["content-disposition"].to_str().unwrap();
    assert!(disp.starts_with("attachment;"), "{disp}");
    assert!(
        disp.contains("filename*=UTF-8''%E8%BF%9B%E5%B1%95%20%E8%AF%B4%E6%98%8E.pdf"),
        "{disp}"
    );
    assert_eq!(r.bytes().await.unwrap().to_vec(), pdf);
    // The page route serves it the same way.
    let r = office
        .get(format!("{}/attachments/{id}", t.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("filename*=UTF-8''")
    );

    // Another unit's reporter sees nothing of it, and cannot add to the report.
    let rsj = t.login("rsj_tb").await;
    let (s, v) = t.get(&rsj, &format!("/api/v1/attachments/{id}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{v}");
    let (s, _) = upload_json(&t, &rsj, &path, &[], Some(("file", "x.pdf", &pdf))).await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    // Wrong type, too large, empty, missing: 400 with a Chinese message.
    let big = vec![b'a'; 20 * 1024 * 1024 + 1];
    for (name, bytes) in [
        ("run.exe", &b"MZ\x90\x00"[..]),
        ("big.pdf", &big[..]),
        ("empty.pdf", &b""[..]),
    ] {
        let (s, v) = upload_json(&t, &tb, &path, &[], Some(("file", name, bytes))).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{name}: {v}");
        assert!(chinese(&v), "{name}: {v}");
    }
    let (s, v) = upload_json(&t, &tb, &path, &[("comment", "x")], None).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
}

#[tokio::test]
async fn review_with_htmx_returns_the_row() {
    let t = spawn().await;
    let tb = t.login("fgw_tb").await;
    let (item, report) = draft(&t, &tb).await;
    let (s, _) = t
        .post(
            &tb,
            &format!("/api/v1/items/{item}/reports"),
            json!({"period": "2024-08", "value": 2.0, "progress": "推进中", "submit": true}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let sh = t.login("fgw_sh").await;
    let (_, page) = t.page(&sh, "/review").await;
    assert!(
        page.contains(&format!("hx-post=\"/review/{report}\"")),
        "{page}"
    );
    let url = format!("{}/review/{report}", t.url);
    // A return without a comment: the same card again with the message.
    let r = sh
        .post(&url)
        .header("HX-Request", "true")
        .form(&[("decision", "return"), ("comment", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let body = r.text().await.unwrap();
    assert!(!body.contains("<html"), "a fragment: {body}");
    assert!(body.contains(&format!("id=\"report-{report}\"")), "{body}");
    assert!(body.contains("退回时请填写退回意见"), "{body}");
    // Approve: the card says so.
    let r = sh
        .post(&url)
        .header("HX-Request", "true")
        .form(&[("decision", "approve"), ("comment", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let body = r.text().await.unwrap();
    assert!(
        !body.contains("<html") && body.contains("已审核通过"),
        "{body}"
    );
    assert!(body.contains(&format!("href=\"/items/{item}\"")), "{body}");
    // Without htmx the form posts and redirects as before.
    let office = t.login("duchashi").await;
    let r = office
        .post(&url)
        .form(&[("decision", "approve"), ("comment", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.url().query().unwrap_or("").contains("ok=approve"));
    let (_, v) = t.get(&office, &format!("/api/v1/items/{item}")).await;
    let state = v["reports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == report)
        .unwrap()["state"]
        .clone();
    assert_eq!(state, "accepted");
}

#[tokio::test]
async fn progress_import_page_shows_counts_and_row_errors() {
    let t = spawn().await;
    let office = t.login("duchashi").await;
    let (s, page) = t.page(&office, "/import/progress").await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains("累计完成值") && page.contains("YYYY-MM"));
    let item = item_of(&t, "区发改委", "").await;
    let csv = format!(
        "编号,单位,期间,累计完成值,进展情况,存在问题,下步措施\n{item},区发改委,2024-09,3,按计划推进,无,继续推进\n"
    );
    let r = upload(
        &t,
        &office,
        "/import/progress",
        &[("government", "山城区"), ("year", "2024")],
        Some(("file", "progress.csv", csv.as_bytes())),
    )
    .await;
    let status = r.status();
    let body = r.text().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        body.contains("导入成功：新增 1 份报告，更新 0 份报告"),
        "{body}"
    );
    // Two bad rows: each is one list entry.
    let bad = "编号,单位,期间,累计完成值\n99999,区发改委,2024-09,1\n1,区发改委,2024-13,1\n";
    let r = upload(
        &t,
        &office,
        "/import/progress",
        &[("government", "山城区"), ("year", "2024")],
        Some(("file", "bad.csv", bad.as_bytes())),
    )
    .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let body = r.text().await.unwrap();
    assert!(body.contains("共 2 处错误"), "{body}");
    assert_eq!(body.matches("<li>第").count(), 2, "{body}");
}
