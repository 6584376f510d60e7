//! Register handling over HTTP: a proposal's 交办 → 退回 → 重新交办 → 会办意见 → 答复（答复函）
//! → 评价, register files, bindings and indicator values — each with who may do it.

use crate::office::multipart;
use crate::{TestApp, client, spawn, units};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

const G: &str = "government=%E5%B1%B1%E5%9F%8E%E5%8C%BA"; // 山城区

async fn send(
    t: &TestApp,
    c: &Client,
    path: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &str, &[u8])>,
) -> (StatusCode, Value, Vec<u8>) {
    let (ct, body) = multipart(fields, file);
    let r = c
        .post(format!("{}{path}", t.url))
        .header("content-type", ct)
        .body(body)
        .send()
        .await
        .unwrap();
    let s = r.status();
    let bytes = r.bytes().await.unwrap().to_vec();
    (
        s,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        bytes,
    )
}

async fn bytes(t: &TestApp, c: &Client, path: &str) -> (StatusCode, Vec<u8>) {
    let r = c.get(format!("{}{path}", t.url)).send().await.unwrap();
    (r.status(), r.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn a_proposal_is_handled_step_by_step_by_the_right_people() {
    let t = spawn().await;
    let u = units(&t).await;
    let (fgw, rsj) = (u["区发改委"].clone(), u["区人社局"].clone());
    let office = t.login("duchashi").await;
    let today = t.app.today().to_string();
    let input = json!({"source": "npc", "number": "T-1", "title": "关于加快产业园建设的建议",
        "proposers": ["张三", "李四"], "lead_unit_id": fgw, "supporting_unit_ids": [rsj],
        "assigned_at": today});
    let path = format!("/api/v1/registers/proposals?{G}&year=2024");
    // Only the office registers (交办) proposals.
    let (s, _) = t.post(&t.login("fgw_tb").await, &path, input.clone()).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, p) = t.post(&office, &path, input).await;
    assert_eq!(s, StatusCode::OK, "{p}");
    assert!(p["clock"]["due_on"].is_string(), "{p}");
    let id = p["proposal"]["id"].clone();
    let at = |s: &str| format!("/api/v1/registers/proposals/{id}/{s}");
    let (fgw_tb, rsj_tb, gxj_tb) = (
        t.login("fgw_tb").await,
        t.login("rsj_tb").await,
        t.login("gxj_tb").await,
    );
    // 退回 by the lead unit only; then the office reassigns.
    let (s, _) = t
        .post(&gxj_tb, &at("return"), json!({"reason": "非本单位职责"}))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, v) = t
        .post(&fgw_tb, &at("return"), json!({"reason": "非本单位职责"}))
        .await;
    assert_eq!(
        (s, v["proposal"]["state"].clone()),
        (StatusCode::OK, json!("returned")),
        "{v}"
    );
    let body = json!({"lead_unit_id": fgw, "supporting_unit_ids": [rsj]});
    let (s, _) = t.post(&fgw_tb, &at("reassign"), body.clone()).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, v) = t.post(&office, &at("reassign"), body).await;
    assert_eq!(
        (s, v["proposal"]["state"].clone()),
        (StatusCode::OK, json!("assigned")),
        "{v}"
    );
    // 会办意见 by the supporting unit; a stranger does not see the item.
    let (s, _) = t
        .post(&gxj_tb, &at("opinion"), json!({"text": "同意"}))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, v) = t
        .post(&rsj_tb, &at("opinion"), json!({"text": "同意，配合办理"}))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    // 延期 is the office's.
    let due = json!({"new_due": v["clock"]["due_on"], "reason": "需协调"});
    let (s, _) = t.post(&fgw_tb, &at("extend"), due).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // 答复 with the letter, by the lead unit.
    let letter = b"%PDF-1.4 reply letter";
    let fields = [("category", "A"), ("text", "已纳入年度计划")];
    let (s, _, _) = send(
        &t,
        &gxj_tb,
        &at("reply"),
        &fields,
        Some(("file", "复函.pdf", letter)),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _, _) = send(&t, &fgw_tb, &at("reply"), &[("category", "E")], None).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, v, _) = send(
        &t,
        &fgw_tb,
        &at("reply"),
        &fields,
        Some(("file", "复函.pdf", letter)),
    )
    .await;
    assert_eq!(
        (s, v["proposal"]["state"].clone()),
        (StatusCode::OK, json!("replied")),
        "{v}"
    );
    for (c, want) in [
        (&fgw_tb, StatusCode::OK),
        (&rsj_tb, StatusCode::OK),
        (&office, StatusCode::OK),
        (&gxj_tb, StatusCode::NOT_FOUND),
    ] {
        let (s, b) = bytes(&t, c, &at("letter")).await;
        assert_eq!(s, want);
        if s == StatusCode::OK {
            assert_eq!(b, letter);
        }
    }
    // 评价, recorded by the office; all satisfied closes the item.
    let proposers = v["proposers"].as_array().unwrap().clone();
    let fb = |pid: &Value| json!({"proposer_id": pid, "work": "satisfied", "result": "basic"});
    let (s, _) = t
        .post(&fgw_tb, &at("feedback"), fb(&proposers[0]["id"]))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let mut last = Value::Null;
    for p in &proposers {
        let (s, v) = t.post(&office, &at("feedback"), fb(&p["id"])).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        last = v;
    }
    assert_eq!(last["proposal"]["state"], "closed", "{last}");
}

#[tokio::test]
async fn register_files_template_export_and_import() {
    let t = spawn().await;
    let office = t.login("duchashi").await;
    let fgw_tb = t.login("fgw_tb").await;
    let (s, b) = bytes(&t, &fgw_tb, "/api/v1/registers/template?kind=projects").await;
    assert_eq!(s, StatusCode::OK);
    assert!(b.starts_with(b"PK"), "an xlsx is a zip");
    assert_eq!(
        bytes(&t, &client(), "/api/v1/registers/template?kind=projects")
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        bytes(&t, &office, "/api/v1/registers/template?kind=cars")
            .await
            .0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let (s, file) = bytes(
        &t,
        &office,
        &format!("/api/v1/registers/export?kind=services&{G}&year=2023"),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    let fields = [
        ("kind", "services"),
        ("government", "山城区"),
        ("year", "2023"),
    ];
    let (s, _, _) = send(
        &t,
        &fgw_tb,
        "/api/v1/registers/import",
        &fields,
        Some(("file", "事项.xlsx", &file)),
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // Export → import round-trips: every row is an update, none new.
    let (s, v, _) = send(
        &t,
        &office,
        "/api/v1/registers/import",
        &fields,
        Some(("file", "事项.xlsx", &file)),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        (v["created"].clone(), v["updated"].clone()),
        (json!(0), json!(1144)),
        "{v}"
    );
    // A broken file changes nothing and says why, row by row for bad rows.
    let (s, v, _) = send(
        &t,
        &office,
        "/api/v1/registers/import",
        &fields,
        Some(("file", "坏.xlsx", b"not a zip")),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(v["error"].is_string(), "{v}");
    let csv = "事项名称,实施部门,法定时限,承诺时限\n新事项,不存在的局,abc,5\n".as_bytes();
    let (s, v, _) = send(
        &t,
        &office,
        "/api/v1/registers/import",
        &fields,
        Some(("file", "事项.csv", csv)),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(v["error"].as_str().unwrap().contains("第2行"), "{v}");
    let (_, list) = t
        .get(&office, &format!("/api/v1/registers/services?{G}"))
        .await;
    assert_eq!(list.as_array().unwrap().len(), 1144);
    // A unit's export holds only its own rows.
    let (s, own) = bytes(
        &t,
        &fgw_tb,
        &format!("/api/v1/registers/export?kind=services&{G}&year=2023"),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert!(own.len() < file.len());
}

#[tokio::test]
async fn bindings_and_indicator_values_are_the_offices() {
    let t = spawn().await;
    let office = t.login("duchashi").await;
    let guest = t.login("guest").await;
    let plan_2024 = duban_app::items::plan_by_name(&t.app, "山城区", 2024)
        .await
        .unwrap()
        .id;
    let (s, bound) = t
        .get(&guest, &format!("/api/v1/plans/{plan_2024}/bindings"))
        .await;
    assert_eq!(s, StatusCode::OK);
    let first = bound
        .as_array()
        .unwrap()
        .first()
        .cloned()
        .expect("the demo binds 2024 targets");
    let item = first["item_id"].clone();
    let figure = first["figure"].clone();
    let path = format!("{}/api/v1/items/{item}/binding", t.url);
    for who in ["fgw_tb", "quzhang", "guest"] {
        let c = t.login(who).await;
        let r = c.put(&path).json(&figure).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{who}");
        let r = c.delete(&path).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{who}");
    }
    assert_eq!(
        office.delete(&path).send().await.unwrap().status(),
        StatusCode::OK
    );
    let r = office.put(&path).json(&figure).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    // Indicator values: the office enters with provenance; the viewer reads only.
    let (s, series) = t
        .get(
            &guest,
            &format!("/api/v1/registers/indicators?{G}&year=2024&period=2024-06"),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let gdp = series
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["indicator"]["name"] == "地区生产总值")
        .unwrap()["indicator"]["id"]
        .clone();
    let v = json!({"period": "2024-06", "value": 66.6, "provenance": "verified", "note": "核实"});
    let vpath = format!("/api/v1/registers/indicators/{gdp}/values");
    assert_eq!(
        t.post(&guest, &vpath, v.clone()).await.0,
        StatusCode::FORBIDDEN
    );
    let (s, saved) = t.post(&office, &vpath, v).await;
    assert_eq!(s, StatusCode::OK, "{saved}");
    assert_eq!(saved["provenance"], "verified", "{saved}");
}
