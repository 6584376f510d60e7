//! Who may use each chasing route: one table of (method, path, body) × role → status,
//! run in order against one server (rows that change state come after the reads they
//! would disturb). Roles: the office (督查室), unit A's reporter and approver (区发改委,
//! the notice's unit), unit B's reporter (区人社局), a leader, a viewer, the administrator
//! and an anonymous client. Pages answer an anonymous client with a redirect to the login
//! (303 here, redirects are not followed); the API with 401.

use crate::chase::spawn_clocked;
use crate::office::multipart;
use duban_app::chase::{extensions, notices, run_pass};
use duban_app::core::{NoticeKind, Period};
use reqwest::redirect::Policy;
use reqwest::{Client, StatusCode};
use serde_json::json;
use time::macros::date;

const ROLES: [&str; 8] = [
    "office", "a_rep", "a_appr", "b_rep", "leader", "viewer", "admin", "anon",
];

fn user_of(role: &str) -> Option<&'static str> {
    Some(match role {
        "office" => "duchashi",
        "a_rep" => "fgw_tb",
        "a_appr" => "fgw_sh",
        "b_rep" => "rsj_tb",
        "leader" => "quzhang",
        "viewer" => "guest",
        "admin" => "admin",
        _ => return None,
    })
}

fn client() -> Client {
    let mut h = reqwest::header::HeaderMap::new();
    h.insert(
        "sec-fetch-site",
        reqwest::header::HeaderValue::from_static("same-origin"),
    );
    Client::builder()
        .cookie_store(true)
        .default_headers(h)
        .redirect(Policy::none())
        .build()
        .unwrap()
}

enum Body {
    None,
    Form(Vec<(&'static str, String)>),
    Json(serde_json::Value),
    Multipart(Vec<(&'static str, &'static str)>),
}

/// Page statuses: 200 shown, 303 done (post/redirect/get) or sent to the login.
const OK: u16 = 200;
const DONE: u16 = 303;

#[tokio::test]
async fn each_chasing_route_answers_each_role_as_access_decides() {
    let (t, clock) = spawn_clocked().await;
    let mut clients = Vec::new();
    for role in ROLES {
        let c = client();
        if let Some(u) = user_of(role) {
            let r = c
                .post(format!("{}/api/v1/login", t.url))
                .json(&json!({"username": u, "password": duban_app::demo::DEMO_PASSWORD}))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::OK, "login {u}");
        }
        clients.push(c);
    }
    clock.set_date(date!(2024 - 07 - 28));
    run_pass(&t.app, t.app.today(), false).await.unwrap();
    // Fixtures: two 催办单 of unit A (one to answer, one to close), an answer file, unit
    // A's inbox message, a pending extension, an endpoint.
    let a_rep = crate::chase::actor_of(&t, "fgw_tb").await;
    let unit_a = a_rep.unit_id.unwrap();
    let list = notices::for_unit(&t.app, &a_rep, unit_a, true)
        .await
        .unwrap();
    let chases: Vec<_> = list
        .iter()
        .filter(|n| n.kind == NoticeKind::Chase)
        .collect();
    assert!(chases.len() >= 2);
    let (n1, n2) = (chases[0].id, chases[1].id);
    let item = chases[0].item_id.unwrap();
    let file = notices::AnswerUpload {
        file_name: "说明.pdf",
        content_type: "application/pdf",
        bytes: b"%PDF-1.4 test",
    };
    let d = notices::answer(&t.app, &a_rep, n1, "先行说明", &[file])
        .await
        .unwrap();
    let file_id = d.files[0].id;
    let msg = duban_app::chase::inbox::list(&t.app, &a_rep, false)
        .await
        .unwrap()[0]
        .id;
    let ext = extensions::request(
        &t.app,
        &a_rep,
        item,
        Period::new(2024, 10).unwrap(),
        date!(2024 - 11 - 30),
        "前期手续未办结",
    )
    .await
    .unwrap()
    .id;
    let ext2 = extensions::request(
        &t.app,
        &a_rep,
        item,
        Period::new(2024, 11).unwrap(),
        date!(2024 - 12 - 20),
        "资金未到位",
    )
    .await
    .unwrap()
    .id;
    let admin = crate::chase::actor_of(&t, "admin").await;
    let ep = duban_app::chase::endpoints::create(
        &t.app,
        &admin,
        &duban_app::chase::endpoints::EndpointForm {
            name: "督查室群",
            channel: "wecom",
            target: "http://127.0.0.1:9/cgi-bin/webhook/send?key=x",
            secret: None,
            format: "markdown",
            unit_id: None,
            // Disabled: nothing is sent to it while the table runs (the toggle row
            // enables it, the delete row removes it before any later row issues a 单).
            enabled: false,
        },
    )
    .await
    .unwrap();
    let form = |v: &[(&'static str, &str)]| {
        Body::Form(v.iter().map(|(k, v)| (*k, v.to_string())).collect())
    };
    let all_read = [OK, OK, OK, OK, OK, OK, OK, DONE];
    let api_read = [200, 200, 200, 200, 200, 200, 200, 401];
    let unit_a_read = [OK, OK, OK, 404, OK, OK, OK, DONE];
    // The administrator may do what the office does (access counts it as the office); on
    // a one-time step it comes after the office, so it finds the step already taken.
    let office_only = [DONE, 403, 403, 403, 403, 403, DONE, DONE];
    let office_once = |admin_after: u16| [DONE, 403, 403, 403, 403, 403, admin_after, DONE];
    let admin_only = [403, 403, 403, 403, 403, 403, DONE, DONE];
    // (method, path, body, statuses in ROLES order)
    let table: Vec<(&str, String, Body, [u16; 8])> = vec![
        ("GET", "/notices".into(), Body::None, all_read),
        (
            "GET",
            "/notices?kind=chase&state=open".into(),
            Body::None,
            all_read,
        ),
        ("GET", format!("/notices/{n1}"), Body::None, unit_a_read),
        (
            "GET",
            format!("/notices/{n1}/docx"),
            Body::None,
            unit_a_read,
        ),
        (
            "GET",
            format!("/notices/{n1}/files/{file_id}"),
            Body::None,
            unit_a_read,
        ),
        ("GET", format!("/items/{item}"), Body::None, unit_a_read),
        (
            "POST",
            format!("/notices/{n1}/receive"),
            form(&[]),
            [403, DONE, DONE, 404, 403, 403, 403, DONE],
        ),
        (
            "POST",
            format!("/notices/{n1}/answer"),
            Body::Multipart(vec![("body", "已办理")]),
            [403, DONE, DONE, 404, 403, 403, 403, DONE],
        ),
        (
            "POST",
            format!("/notices/{n2}/close"),
            form(&[("comment", "已整改")]),
            office_once(404),
        ),
        (
            "POST",
            format!("/items/{item}/notices"),
            form(&[("kind", "assignment"), ("matter", "区长批示：抓紧推进")]),
            office_only,
        ),
        ("GET", "/inbox".into(), Body::None, all_read),
        (
            "POST",
            format!("/inbox/{msg}/read"),
            form(&[]),
            [404, DONE, 404, 404, 404, 404, 404, DONE],
        ),
        ("POST", "/inbox/read-all".into(), form(&[]), [DONE; 8]),
        ("GET", "/extensions".into(), Body::None, all_read),
        (
            "POST",
            format!("/items/{item}/extensions"),
            form(&[
                ("period", "2024-08"),
                ("new_due", "2024-09-10"),
                ("reason", "待批复"),
            ]),
            [403, DONE, 422, 404, 403, 403, 403, DONE],
        ),
        (
            "POST",
            format!("/extensions/{ext}/decide"),
            form(&[("decision", "approve"), ("comment", "同意")]),
            office_once(409),
        ),
        ("GET", "/scores".into(), Body::None, all_read),
        ("GET", "/scores?span=2024-Q2".into(), Body::None, all_read),
        (
            "GET",
            "/scores/xlsx?span=2024-06".into(),
            Body::None,
            all_read,
        ),
        (
            "POST",
            "/scores/adjust".into(),
            form(&[
                ("unit", &unit_a.to_string()),
                ("period", "2024-06"),
                ("points", "1"),
                ("reason", "表扬"),
            ]),
            office_only,
        ),
        (
            "GET",
            "/endpoints".into(),
            Body::None,
            [403, 403, 403, 403, 403, 403, OK, DONE],
        ),
        (
            "POST",
            "/endpoints".into(),
            form(&[
                ("name", "钉钉群"),
                ("channel", "dingtalk"),
                ("target", "http://127.0.0.1:9/robot/send?access_token=x"),
                ("secret", "SECxyz"),
            ]),
            admin_only,
        ),
        (
            "POST",
            format!("/endpoints/{ep}/toggle"),
            form(&[]),
            admin_only,
        ),
        (
            "POST",
            format!("/endpoints/{ep}/delete"),
            form(&[]),
            admin_only,
        ),
        ("GET", "/api/v1/notices".into(), Body::None, api_read),
        (
            "GET",
            format!("/api/v1/notices/{n1}"),
            Body::None,
            [200, 200, 200, 404, 200, 200, 200, 401],
        ),
        (
            "POST",
            format!("/api/v1/notices/{n1}/receive"),
            Body::None,
            [403, 200, 200, 404, 403, 403, 403, 401],
        ),
        (
            "POST",
            format!("/api/v1/notices/{n1}/answer"),
            Body::Json(json!({"text": "补充说明"})),
            [403, 200, 200, 404, 403, 403, 403, 401],
        ),
        (
            "POST",
            "/api/v1/notices".into(),
            Body::Json(json!({"kind": "chase", "item_id": item})),
            [200, 403, 403, 403, 403, 403, 200, 401],
        ),
        ("GET", "/api/v1/extensions".into(), Body::None, api_read),
        (
            "POST",
            "/api/v1/extensions".into(),
            Body::Json(
                json!({"item_id": item, "period": "2024-09", "new_due": "2024-10-08", "reason": "设计变更"}),
            ),
            [403, 200, 422, 404, 403, 403, 403, 401],
        ),
        (
            "POST",
            format!("/api/v1/extensions/{ext2}/decision"),
            Body::Json(json!({"approve": false, "comment": "理由不充分"})),
            [200, 403, 403, 403, 403, 403, 409, 401],
        ),
        ("GET", "/api/v1/inbox".into(), Body::None, api_read),
        (
            "POST",
            format!("/api/v1/inbox/{msg}/read"),
            Body::None,
            [404, 204, 404, 404, 404, 404, 404, 401],
        ),
        ("GET", "/api/v1/scores".into(), Body::None, api_read),
        (
            "GET",
            "/api/v1/scores?span=2024-06".into(),
            Body::None,
            api_read,
        ),
    ];
    let mut failures = Vec::new();
    for (method, path, body, want) in &table {
        for (i, role) in ROLES.iter().enumerate() {
            let c = &clients[i];
            let url = format!("{}{path}", t.url);
            let req = match *method {
                "GET" => c.get(&url),
                _ => c.post(&url),
            };
            let req = match body {
                Body::None => req,
                Body::Form(f) => req.form(f),
                Body::Json(v) => req.json(v),
                Body::Multipart(f) => {
                    let (ct, b) = multipart(f, None);
                    req.header("content-type", ct).body(b)
                }
            };
            let r = req.send().await.unwrap();
            let got = r.status().as_u16();
            let location = r
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string();
            let mut ok = got == want[i];
            // Anonymous page requests go to the login; done ones elsewhere.
            if ok && got == DONE {
                ok = (*role == "anon") == location.starts_with("/login");
            }
            if !ok {
                failures.push(format!(
                    "{method} {path} as {role}: want {}, got {got} {location}",
                    want[i]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
