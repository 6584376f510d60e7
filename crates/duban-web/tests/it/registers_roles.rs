//! Who may create, change and delete service items, define indicators and edit proposals
//! through the API (office, unit A reporter/approver, unit B, leader, viewer, anonymous).

use crate::{TestApp, client, units};
use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};

const ROLES: [&str; 7] = [
    "duchashi", "fgw_tb", "fgw_sh", "rsj_tb", "quzhang", "guest", "anon",
];

async fn send(t: &TestApp, c: &Client, m: Method, path: &str, body: &Value) -> u16 {
    let mut r = c.request(m.clone(), format!("{}{path}", t.url));
    if m != Method::DELETE {
        r = r.json(body);
    }
    r.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn register_changes_through_the_api_by_role() {
    let t = crate::spawn().await;
    let u = units(&t).await;
    let (fgw, rsj) = (u["区发改委"].clone(), u["区人社局"].clone());
    let mut clients = Vec::new();
    for r in ROLES {
        clients.push(if r == "anon" {
            client()
        } else {
            t.login(r).await
        });
    }
    let office = &clients[0];
    let (_, services) = t.get(office, "/api/v1/registers/services").await;
    let of_unit = |unit: &Value| {
        services
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["unit_id"] == *unit)
            .unwrap()["id"]
            .as_i64()
            .unwrap()
    };
    let (s_a, s_b) = (of_unit(&fgw), of_unit(&rsj));
    let (_, props) = t.get(office, "/api/v1/registers/proposals?year=2023").await;
    let p = props.as_array().unwrap()[0].clone();
    let (_, detail) = t
        .get(office, &format!("/api/v1/registers/proposals/{}", p["id"]))
        .await;
    let mut proposal = json!({
        "source": p["source"], "at_session": p["at_session"], "session": p["session"],
        "number": p["number"], "title": "改过的标题", "content": p["content"],
        "proposers": detail["proposers"].as_array().unwrap().iter().map(|x| x["name"].clone()).collect::<Vec<_>>(),
        "lead_unit_id": p["lead_unit_id"], "assigned_at": p["assigned_at"],
    });
    proposal["supporting_unit_ids"] = json!(
        detail["supporting"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["unit_id"].clone())
            .collect::<Vec<_>>()
    );
    let svc = |name: &str, unit: &Value| json!({"name": name, "unit_id": unit, "at_most_once": true, "legal_days": 20, "promised_days": 5});
    let indicator =
        json!({"name": "新指标", "unit": "亿元", "measure": "level", "frequency": "monthly"});
    let none = json!(null);
    // (method, path, body, expected per role) — the office's success is run last.
    let rows: Vec<(Method, String, Value, [u16; 7])> = vec![
        (
            Method::POST,
            "/api/v1/registers/services".into(),
            svc("为发改委登记", &fgw),
            [200, 200, 200, 403, 403, 403, 401],
        ),
        (
            Method::PUT,
            format!("/api/v1/registers/services/{s_a}"),
            svc("改名", &fgw),
            [200, 200, 200, 404, 403, 403, 401],
        ),
        (
            Method::POST,
            "/api/v1/registers/indicators".into(),
            indicator,
            [200, 403, 403, 403, 403, 403, 401],
        ),
        (
            Method::PUT,
            format!("/api/v1/registers/proposals/{}", p["id"]),
            proposal,
            [200, 403, 403, 403, 403, 403, 401],
        ),
        (
            Method::DELETE,
            format!("/api/v1/registers/services/{s_b}"),
            none,
            [200, 404, 404, 0, 403, 403, 401],
        ),
    ];
    let mut wrong = Vec::new();
    for (m, path, body, expected) in &rows {
        for i in (0..ROLES.len()).rev() {
            if expected[i] == 0 {
                continue;
            }
            let s = send(&t, &clients[i], m.clone(), path, body).await;
            if s != expected[i] {
                wrong.push(format!(
                    "{m} {path} as {}: {s}, expected {}",
                    ROLES[i], expected[i]
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let (s, _) = t
        .get(office, &format!("/api/v1/registers/services/{s_b}"))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "deleted by the office");
    let (_, after) = t
        .get(office, &format!("/api/v1/registers/proposals/{}", p["id"]))
        .await;
    assert_eq!(after["proposal"]["title"], "改过的标题");
}
