//! The demo objects the matrix rows name, and the filling in of paths and bodies.

use crate::TestApp;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Ids of the demo's objects that the rows' paths name.
pub async fn fixture(t: &TestApp) -> BTreeMap<&'static str, String> {
    let units = crate::units(t).await;
    let unit_a = units["区发改委"].as_i64().unwrap();
    let unit_b = units["区人社局"].as_i64().unwrap();
    let item_a = crate::api::item_of(t, "区发改委", "区人社局").await;
    let cli = duban_app::Actor::cli();
    // Approved reports wait for the office; unit A's and unit B's.
    let approved = duban_app::progress::queue(&t.app, &cli, t.plan_id)
        .await
        .unwrap();
    let report_a = approved
        .iter()
        .find(|r| r.unit_id == unit_a)
        .expect("an approved report of unit A")
        .id;
    // A draft of unit A for 2024-08, with an attachment.
    let admin = t.login("fgw_tb").await; // the reporter writes the draft
    let (s, v) = t
        .post(
            &admin,
            &format!("/api/v1/items/{item_a}/reports"),
            json!({"period": "2024-08", "progress": "附件测试", "submit": false}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let draft_a = v["id"].as_i64().unwrap();
    let (ct, body) = multipart("");
    let r = admin
        .post(format!("{}/api/v1/reports/{draft_a}/attachments", t.url))
        .header("content-type", ct)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let att: Value = r.json().await.unwrap();
    let office = t.login("admin").await;
    let first_of = |v: &Value, unit_key: &str| -> String {
        let list = match v {
            Value::Array(a) => a.clone(),
            Value::Object(o) => o
                .values()
                .find_map(|x| x.as_array().cloned())
                .unwrap_or_default(),
            _ => vec![],
        };
        // An entry is the object itself or wraps it (`{"project": {…}, …}`).
        let field = |x: &Value, k: &str| -> Value {
            if !x[k].is_null() {
                return x[k].clone();
            }
            x.as_object()
                .and_then(|o| o.values().find(|c| c.is_object() && !c[k].is_null()))
                .map(|c| c[k].clone())
                .unwrap_or(Value::Null)
        };
        list.iter()
            .find(|x| field(x, unit_key) == unit_a)
            .or(list.first())
            .map(|x| field(x, "id").to_string())
            .unwrap_or_else(|| "999999".into())
    };
    let reg = |kind: &str| format!("/api/v1/registers/{kind}?{G}&year=2024");
    let (_, projects) = t.get(&office, &reg("projects")).await;
    let (_, preports) = t.get(&office, &reg("project-reports")).await;
    let (_, proposals) = t.get(&office, &reg("proposals")).await;
    let (_, services) = t.get(&office, &reg("services")).await;
    let (_, indicators) = t.get(&office, &reg("indicators")).await;
    let chase = crate::chase::matrix_fixture(t, item_a).await;
    BTreeMap::from_iter(chase.into_iter().chain([
        ("unitA", unit_a.to_string()),
        ("unitB", unit_b.to_string()),
        ("plan", t.plan_id.to_string()),
        ("itemA", item_a.to_string()),
        ("reportA", report_a.to_string()),
        ("draftA", draft_a.to_string()),
        ("attA", att["id"].to_string()),
        ("projA", first_of(&projects, "lead_unit_id")),
        ("projReportA", first_of(&preports, "unit_id")),
        ("propA", first_of(&proposals, "lead_unit_id")),
        ("svcA", first_of(&services, "unit_id")),
        ("indA", first_of(&indicators, "unit_id")),
        ("G", G.to_string()),
    ]))
}

const G: &str = "government=%E5%B1%B1%E5%9F%8E%E5%8C%BA"; // 山城区

pub fn fill(s: &str, ids: &BTreeMap<&'static str, String>) -> String {
    let mut s = s.to_string();
    for (k, v) in ids {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

pub fn multipart(fields: &str) -> (String, Vec<u8>) {
    let b = "matrixboundary7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for kv in fields.split('&').filter(|s| !s.is_empty()) {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        body.extend_from_slice(
            format!("--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"matrix.txt\"\r\nContent-Type: text/plain\r\n\r\n矩阵\r\n--{b}--\r\n"
        )
        .as_bytes(),
    );
    (format!("multipart/form-data; boundary={b}"), body)
}
