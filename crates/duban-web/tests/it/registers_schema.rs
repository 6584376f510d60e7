//! The register endpoints' responses in the OpenAPI document are typed (no bare JSON
//! value), and what the server sends has exactly the documented fields.

use crate::spawn;
use reqwest::StatusCode;
use serde_json::Value;
use std::collections::BTreeSet;

fn is_register(path: &str) -> bool {
    path.starts_with("/api/v1/registers")
        || path.ends_with("/binding")
        || path.ends_with("/bindings")
}

/// The component a 200 JSON response names (through an array if need be).
fn component(doc: &Value, op: &Value) -> Option<String> {
    let s = &op["responses"]["200"]["content"]["application/json"]["schema"];
    let r = s["$ref"].as_str().or_else(|| s["items"]["$ref"].as_str())?;
    let name = r.rsplit('/').next()?.to_string();
    doc["components"]["schemas"].get(&name).map(|_| name)
}

fn properties(doc: &Value, name: &str) -> BTreeSet<String> {
    doc["components"]["schemas"][name]["properties"]
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn register_responses_are_typed_and_match_what_is_sent() {
    let t = spawn().await;
    let c = t.login("duchashi").await;
    let (s, doc) = t.get(&c, "/api/openapi.json").await;
    assert_eq!(s, StatusCode::OK);
    let mut untyped = Vec::new();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        if !is_register(path) {
            continue;
        }
        for (method, op) in ops.as_object().unwrap() {
            let json = &op["responses"]["200"]["content"]["application/json"];
            if json.is_null() {
                continue; // downloads
            }
            if component(&doc, op).is_none() {
                untyped.push(format!("{method} {path}"));
            }
        }
    }
    assert!(untyped.is_empty(), "untyped responses: {untyped:?}");
    // Field for field: the first entry of each list, and one detail.
    let lists = [
        ("/api/v1/registers/governments", "GovernmentDoc"),
        ("/api/v1/registers/projects?year=2024", "ProjectRowDoc"),
        ("/api/v1/registers/proposals?year=2023", "ProposalOut"),
        ("/api/v1/registers/services", "ServiceOut"),
        ("/api/v1/registers/indicators?year=2023", "SeriesDoc"),
    ];
    for (path, schema) in lists {
        let (s, v) = t.get(&c, path).await;
        assert_eq!(s, StatusCode::OK, "{path}");
        let first = &v.as_array().unwrap()[0];
        let got: BTreeSet<String> = first.as_object().unwrap().keys().cloned().collect();
        assert_eq!(got, properties(&doc, schema), "{path} vs {schema}");
    }
    let (_, projects) = t.get(&c, "/api/v1/registers/projects?year=2024").await;
    let id = &projects[0]["project"]["id"];
    let (_, d) = t.get(&c, &format!("/api/v1/registers/projects/{id}")).await;
    let got: BTreeSet<String> = d["project"].as_object().unwrap().keys().cloned().collect();
    assert_eq!(got, properties(&doc, "ProjectOut"));
    let (_, sum) = t
        .get(&c, "/api/v1/registers/summary?year=2023&period=2023-12")
        .await;
    for (field, schema) in [
        ("proposals", "ProposalStatsDoc"),
        ("services", "ServiceStatsDoc"),
    ] {
        let got: BTreeSet<String> = sum[field].as_object().unwrap().keys().cloned().collect();
        assert_eq!(got, properties(&doc, schema), "{field}");
    }
}
