//! The registers over HTTP: the demo's derived 2023 figures, who may read and change
//! which entries, the project report flow, proposal handling with its letter, files.

use crate::{TestApp, client, spawn, units};
use reqwest::StatusCode;
use serde_json::{Value, json};

const G: &str = "government=%E5%B1%B1%E5%9F%8E%E5%8C%BA"; // 山城区

fn r1(v: &Value) -> f64 {
    (v.as_f64().unwrap() * 10.0).round() / 10.0
}

#[tokio::test]
async fn the_api_gives_the_seed_reports_2023_figures() {
    let t = spawn().await;
    let c = t.login("quzhang").await;
    let (s, v) = t
        .get(
            &c,
            &format!("/api/v1/registers/summary?{G}&year=2023&period=2023-12"),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let stage = |name: &str| {
        v["funnel"]["stages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["stage"] == name)
            .cloned()
            .unwrap()
    };
    assert_eq!(stage("signed")["count"], 42);
    assert_eq!(r1(&stage("signed")["investment"]), 261.2);
    assert_eq!(stage("landed")["count"], 23);
    assert_eq!(r1(&stage("landed")["investment"]), 142.5);
    assert_eq!(v["key_investment"]["projects"], 15);
    assert_eq!(r1(&v["key_investment"]["completed"]), 34.7);
    assert_eq!(r1(&v["key_investment"]["share_of_plan"]), 121.3);
    let p = &v["proposals"];
    assert_eq!(
        (p["npc"].clone(), p["cppcc"].clone()),
        (json!(96), json!(132))
    );
    for k in [
        "reply_rate",
        "close_rate",
        "work_satisfaction",
        "result_satisfaction",
    ] {
        assert_eq!(p[k].as_f64(), Some(100.0), "{k}");
    }
    assert_eq!(v["services"]["total"], 1144);
    assert_eq!(v["services"]["at_most_once_rate"].as_f64(), Some(100.0));
    assert_eq!(v["services"]["no_visit_rate"].as_f64(), Some(100.0));
    let latest = |name: &str, unit: &str| {
        v["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["indicator"]["name"] == name && i["indicator"]["unit"] == unit)
            .and_then(|i| i["latest"]["value"].as_f64())
    };
    assert_eq!(latest("地区生产总值", "亿元"), Some(121.3));
    assert_eq!(latest("一般公共预算收入", "亿元"), Some(8.86));
    assert_eq!(latest("税收占比", "%"), Some(66.4));
}

/// A 2024 project led by `unit` (as the office sees the list).
async fn project_of(t: &TestApp, office: &reqwest::Client, unit: i64) -> Value {
    let (s, list) = t
        .get(office, &format!("/api/v1/registers/projects?{G}&year=2024"))
        .await;
    assert_eq!(s, StatusCode::OK, "{list}");
    list.as_array()
        .unwrap()
        .iter()
        .find(|r| r["project"]["lead_unit_id"] == unit)
        .map(|r| r["project"].clone())
        .unwrap_or_else(|| panic!("no 2024 project of unit {unit}"))
}

#[tokio::test]
async fn a_unit_reads_and_changes_only_its_own_entries() {
    let t = spawn().await;
    let u = units(&t).await;
    let fgw = u["区发改委"].as_i64().unwrap();
    let rsj = u["区人社局"].as_i64().unwrap();
    let office = t.login("duchashi").await;
    let gxj = u["区工信局"].as_i64().unwrap();
    let theirs = project_of(&t, &office, gxj).await;
    let mine = project_of(&t, &office, fgw).await;
    let fgw_tb = t.login("fgw_tb").await;
    // The list holds only the unit's own projects.
    let (s, list) = t
        .get(
            &fgw_tb,
            &format!("/api/v1/registers/projects?{G}&year=2024"),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let list = list.as_array().unwrap();
    assert!(!list.is_empty());
    assert!(list.iter().all(|r| r["project"]["lead_unit_id"] == fgw));
    // Another unit's project is not found, to read, change or report on.
    let other = format!("/api/v1/registers/projects/{}", theirs["id"]);
    assert_eq!(t.get(&fgw_tb, &other).await.0, StatusCode::NOT_FOUND);
    let mut body = theirs.clone();
    body["name"] = json!("改名");
    let r = fgw_tb
        .put(format!("{}{other}", t.url))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let (s, _) = t
        .post(
            &fgw_tb,
            &format!("{other}/reports"),
            json!({"period": "2024-06", "completed": 1.0}),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // The owner and the office read it; the leader and the viewer read but cannot change.
    assert_eq!(
        t.get(&t.login("gxj_tb").await, &other).await.0,
        StatusCode::OK
    );
    for who in ["quzhang", "guest"] {
        let c = t.login(who).await;
        assert_eq!(t.get(&c, &other).await.0, StatusCode::OK, "{who}");
        let r = c
            .put(format!("{}{other}", t.url))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{who}");
    }
    // The unit changes its own project.
    let own = format!("/api/v1/registers/projects/{}", mine["id"]);
    let mut b = mine.clone();
    b["content"] = json!("新的建设内容");
    let r = fgw_tb
        .put(format!("{}{own}", t.url))
        .json(&b)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    assert_eq!(
        t.get(&office, &own).await.1["project"]["content"],
        "新的建设内容"
    );
    // Proposals and service items of another unit are hidden the same way.
    for reg in ["proposals", "services"] {
        let path = if reg == "proposals" {
            format!("/api/v1/registers/{reg}?{G}&year=2023")
        } else {
            format!("/api/v1/registers/{reg}?{G}")
        };
        let (_, all) = t.get(&office, &path).await;
        let key = if reg == "proposals" {
            "lead_unit_id"
        } else {
            "unit_id"
        };
        let foreign = all
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x[key] == rsj)
            .unwrap_or_else(|| panic!("no {reg} of 人社局"))["id"]
            .clone();
        let (s, _) = t
            .get(&fgw_tb, &format!("/api/v1/registers/{reg}/{foreign}"))
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{reg}");
        let (_, mine) = t.get(&fgw_tb, &path).await;
        assert!(
            mine.as_array().unwrap().iter().all(|x| x["id"] != foreign),
            "{reg}"
        );
    }
    // Anonymous: 401.
    assert_eq!(
        t.get(&client(), &format!("/api/v1/registers/projects?{G}"))
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_project_report_goes_through_the_flow() {
    let t = spawn().await;
    let fgw = units(&t).await["区发改委"].as_i64().unwrap();
    let office = t.login("duchashi").await;
    let p = project_of(&t, &office, fgw).await;
    let tb = t.login("fgw_tb").await;
    let (s, r) = t
        .post(
            &tb,
            &format!("/api/v1/registers/projects/{}/reports", p["id"]),
            json!({"period": "2024-07", "completed": 3.5, "progress": "主体施工", "submit": true}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["state"], "submitted");
    let review = |id: &Value| format!("/api/v1/registers/project-reports/{id}/review");
    // The reporter cannot approve; another unit's approver does not see it.
    let (s, _) = t
        .post(&tb, &review(&r["id"]), json!({"decision": "approve"}))
        .await;
    assert!(
        s == StatusCode::FORBIDDEN || s == StatusCode::NOT_FOUND,
        "{s}"
    );
    let (s, _) = t
        .post(
            &t.login("gxj_sh").await,
            &review(&r["id"]),
            json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, a) = t
        .post(
            &t.login("fgw_sh").await,
            &review(&r["id"]),
            json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(
        (s, a["state"].clone()),
        (StatusCode::OK, json!("approved")),
        "{a}"
    );
    let (s, q) = t
        .get(
            &office,
            &format!("/api/v1/registers/project-reports?{G}&year=2024"),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        q.as_array().unwrap().iter().any(|x| x["id"] == r["id"]),
        "{q}"
    );
    let (s, a) = t
        .post(&office, &review(&r["id"]), json!({"decision": "approve"}))
        .await;
    assert_eq!(
        (s, a["state"].clone()),
        (StatusCode::OK, json!("accepted")),
        "{a}"
    );
    let (s, h) = t
        .get(
            &tb,
            &format!("/api/v1/registers/project-reports/{}/history", r["id"]),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(h.as_array().unwrap().len() >= 3, "{h}");
}
