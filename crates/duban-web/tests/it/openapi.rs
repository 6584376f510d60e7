//! The OpenAPI document describes every successful response with a real schema: no bare
//! object or `Value`, every `$ref` resolving. And no API response of the demo carries a
//! secret (a password hash, a session token, a webhook secret, a stored file name).

use crate::spawn;
use reqwest::StatusCode;
use serde_json::Value;
use std::collections::BTreeSet;

/// Operations allowed to answer with an undescribed JSON value, each `METHOD path`: none
/// now. An entry may only be added with a reason, and a stale one fails the test.
const KNOWN_GAPS: &[&str] = &[];

/// What is wrong with `schema` (as reached from a response), or nothing.
fn problems(
    doc: &Value,
    schema: &Value,
    at: &str,
    seen: &mut BTreeSet<String>,
    out: &mut Vec<String>,
) {
    let Some(obj) = schema.as_object() else {
        out.push(format!("{at}: not a schema"));
        return;
    };
    if let Some(r) = obj.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/components/schemas/");
        match doc["components"]["schemas"].get(name) {
            None => out.push(format!("{at}: $ref {r} does not resolve")),
            Some(s) => {
                if seen.insert(name.to_string()) {
                    problems(doc, s, &format!("{at} → {name}"), seen, out);
                }
            }
        }
        return;
    }
    let mut described = false;
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(list) = obj.get(key).and_then(Value::as_array) {
            described = true;
            for (i, s) in list.iter().enumerate() {
                problems(doc, s, &format!("{at}.{key}[{i}]"), seen, out);
            }
        }
    }
    if let Some(items) = obj.get("items") {
        described = true;
        problems(doc, items, &format!("{at}[]"), seen, out);
    }
    if let Some(props) = obj.get("properties").and_then(Value::as_object) {
        described = true;
        for (k, s) in props {
            if SECRET_FIELDS.iter().any(|b| k.contains(b)) {
                out.push(format!("{at}.{k}: names a secret"));
            }
            problems(doc, s, &format!("{at}.{k}"), seen, out);
        }
    }
    if let Some(extra) = obj.get("additionalProperties").filter(|v| v.is_object()) {
        described = true;
        problems(doc, extra, &format!("{at}{{*}}"), seen, out);
    }
    let ty = obj.get("type");
    let scalar = |t: &Value| {
        matches!(
            t.as_str(),
            Some("string" | "integer" | "number" | "boolean" | "null")
        )
    };
    let typed = match ty {
        Some(Value::String(_)) => ty.is_some_and(scalar),
        Some(Value::Array(ts)) => ts.iter().all(scalar),
        _ => false,
    };
    if !described && !typed {
        out.push(format!("{at}: no schema (a bare object or value)"));
    }
}

/// Every operation of the document with what is wrong with its successful responses.
fn walk(doc: &Value) -> Vec<(String, Vec<String>)> {
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().unwrap() {
            let name = format!("{} {path}", method.to_uppercase());
            let mut out = Vec::new();
            for (status, resp) in op["responses"].as_object().expect("responses") {
                // 204 No Content has, by definition, no body to describe.
                if !status.starts_with('2') || status == "204" {
                    continue;
                }
                let Some(content) = resp.get("content").and_then(Value::as_object) else {
                    out.push(format!("{status}: no content described"));
                    continue;
                };
                for (mime, media) in content {
                    // Downloads are bytes: their content type is the description.
                    if !mime.contains("json") {
                        continue;
                    }
                    match media.get("schema") {
                        None => out.push(format!("{status} {mime}: no schema")),
                        Some(s) => problems(doc, s, status, &mut BTreeSet::new(), &mut out),
                    }
                }
            }
            ops.push((name, out));
        }
    }
    ops
}

#[tokio::test]
async fn every_successful_response_has_a_real_schema() {
    let t = spawn().await;
    let office = t.login("duchashi").await;
    let (s, doc) = t.get(&office, "/api/openapi.json").await;
    assert_eq!(s, StatusCode::OK);
    let ops = walk(&doc);
    assert!(ops.len() > 40, "walked {} operations", ops.len());
    let mut failing = Vec::new();
    for (name, out) in &ops {
        if !out.is_empty() && !KNOWN_GAPS.contains(&name.as_str()) {
            failing.push(format!("{name}: {}", out.join("; ")));
        }
    }
    assert!(
        failing.is_empty(),
        "responses without a real schema:\n{}",
        failing.join("\n")
    );
    // The allow-list holds no stale entry: each names an operation that still has a gap.
    for gap in KNOWN_GAPS {
        match ops.iter().find(|(n, _)| n == gap) {
            None => panic!("KNOWN_GAPS names {gap}, which the document does not have"),
            Some((_, out)) => assert!(
                !out.is_empty(),
                "{gap} now has a real schema: remove it from KNOWN_GAPS"
            ),
        }
    }
}

#[test]
fn the_walk_sees_a_bare_value_and_a_dangling_ref() {
    let doc = serde_json::json!({
        "paths": {"/x": {"get": {"responses": {
            "200": {"content": {"application/json": {"schema": {}}}},
            "201": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Gone"}}}},
            "404": {"content": {"application/json": {"schema": {}}}}
        }}},
        "/y": {"get": {"responses": {
            "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Ok"}}}}
        }}}},
        "components": {"schemas": {"Ok": {"type": "object", "properties": {
            "id": {"type": "integer"}, "loose": {"type": "object"}
        }}}}
    });
    let ops = walk(&doc);
    let x = &ops.iter().find(|(n, _)| n == "GET /x").unwrap().1;
    assert_eq!(x.len(), 2, "{x:?}");
    assert!(x[1].contains("does not resolve"), "{x:?}");
    let y = &ops.iter().find(|(n, _)| n == "GET /y").unwrap().1;
    assert_eq!(y.len(), 1, "{y:?}");
    assert!(y[0].contains("loose"), "{y:?}");
}

/// Field names no response may carry, whatever the endpoint.
const SECRET_FIELDS: &[&str] = &["password", "token", "secret", "stored_name", "msg_key"];

fn secret_keys(v: &Value, at: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                if SECRET_FIELDS.iter().any(|s| k.contains(s)) {
                    out.push(format!("{at}.{k}"));
                }
                secret_keys(v, &format!("{at}.{k}"), out);
            }
        }
        Value::Array(a) => a.iter().for_each(|v| secret_keys(v, at, out)),
        _ => {}
    }
}

#[tokio::test]
async fn no_response_of_the_demo_carries_a_secret() {
    let t = spawn().await;
    let mut bodies: Vec<(String, String)> = Vec::new();
    let mut tokens = Vec::new();
    for user in ["duchashi", "rsj_tb", "fuquzhang1"] {
        let c = crate::client();
        let r = c
            .post(format!("{}/api/v1/login", t.url))
            .json(
                &serde_json::json!({"username": user, "password": duban_app::demo::DEMO_PASSWORD}),
            )
            .send()
            .await
            .unwrap();
        let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
        let token = cookie["duban_session=".len()..]
            .split(';')
            .next()
            .unwrap()
            .to_string();
        assert!(token.len() > 20, "{cookie}");
        tokens.push(token);
        bodies.push((format!("{user} login"), r.text().await.unwrap()));
        let (_, items) = t.get(&c, "/api/v1/items").await;
        let first = items[0]["id"].as_i64().unwrap();
        let mut paths: Vec<String> = [
            "/api/v1/me",
            "/api/v1/plans",
            "/api/v1/items",
            "/api/v1/status",
            "/api/v1/dashboard",
            "/api/v1/scores",
            "/api/v1/inbox",
            "/api/v1/registers/governments",
            "/api/v1/registers/summary",
            "/api/v1/registers/projects",
            "/api/v1/registers/proposals",
            "/api/v1/registers/services",
            "/api/v1/registers/indicators",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        paths.push(format!("/api/v1/items/{first}"));
        paths.push(format!("/api/v1/plans/{}/settings", t.plan_id));
        for p in paths {
            let r = c.get(format!("{}{p}", t.url)).send().await.unwrap();
            bodies.push((format!("{user} GET {p}"), r.text().await.unwrap()));
        }
    }
    let mut found = Vec::new();
    for (what, body) in &bodies {
        if body.contains("$argon2") || tokens.iter().any(|tok| body.contains(tok.as_str())) {
            found.push(format!("{what}: a password hash or session token"));
        }
        if let Ok(v) = serde_json::from_str::<Value>(body) {
            let mut keys = Vec::new();
            secret_keys(&v, "", &mut keys);
            found.extend(keys.into_iter().map(|k| format!("{what}: {k}")));
        }
    }
    assert!(bodies.len() > 40);
    assert!(
        found.is_empty(),
        "secrets in responses:\n{}",
        found.join("\n")
    );
}
