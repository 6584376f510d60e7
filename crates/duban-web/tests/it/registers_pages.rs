//! The register pages over HTTP against the real app: who may open and use each page
//! (office, unit A reporter and approver, unit B, leader, viewer, anonymous), and that a
//! unit can neither read nor change another unit's entries through the pages.

use crate::{TestApp, units};
use duban_app::demo;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

mod flows;

const ROLES: [&str; 7] = [
    "duchashi", "fgw_tb", "fgw_sh", "rsj_tb", "quzhang", "guest", "anon",
];

/// A client that does not follow redirects (a page's 303 is what we check), logged in as
/// `user` unless "anon".
async fn who(t: &TestApp, user: &str) -> Client {
    let mut h = reqwest::header::HeaderMap::new();
    h.insert(
        "sec-fetch-site",
        reqwest::header::HeaderValue::from_static("same-origin"),
    );
    let c = Client::builder()
        .cookie_store(true)
        .default_headers(h)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    if user != "anon" {
        let r = c
            .post(format!("{}/api/v1/login", t.url))
            .json(&json!({ "username": user, "password": demo::DEMO_PASSWORD }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "login {user}");
    }
    c
}

struct Fixture {
    /// 2024 projects led by 发改委 (A) and by another unit.
    p_a: i64,
    p_other: i64,
    /// Service items of 发改委 and of 人社局 (B).
    s_a: i64,
    s_b: i64,
    /// A 2023 proposal led by 人社局 that 发改委 does not support.
    prop_b: i64,
}

async fn fixture(t: &TestApp) -> Fixture {
    let u = units(t).await;
    let fgw = u["区发改委"].clone();
    let rsj = u["区人社局"].clone();
    let office = who(t, "duchashi").await;
    let (_, projects) = t.get(&office, "/api/v1/registers/projects?year=2024").await;
    let find = |v: &Value, key: &str, pred: &dyn Fn(&Value) -> bool| -> i64 {
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| if key.is_empty() { r } else { &r[key] })
            .find(|r| pred(r))
            .unwrap_or_else(|| panic!("no entry for the fixture in {v:.200}"))["id"]
            .as_i64()
            .unwrap()
    };
    let p_a = find(&projects, "project", &|p| p["lead_unit_id"] == fgw);
    let p_other = find(&projects, "project", &|p| {
        p["lead_unit_id"] != fgw && p["lead_unit_id"].is_i64()
    });
    let (_, services) = t.get(&office, "/api/v1/registers/services").await;
    let s_a = find(&services, "", &|s| s["unit_id"] == fgw);
    let s_b = find(&services, "", &|s| s["unit_id"] == rsj);
    let (_, proposals) = t
        .get(&office, "/api/v1/registers/proposals?year=2023")
        .await;
    let mut prop_b = None;
    for p in proposals.as_array().unwrap() {
        if p["lead_unit_id"] != rsj {
            continue;
        }
        let (_, d) = t
            .get(&office, &format!("/api/v1/registers/proposals/{}", p["id"]))
            .await;
        if d["supporting"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["unit_id"] != fgw)
        {
            prop_b = p["id"].as_i64();
            break;
        }
    }
    Fixture {
        p_a,
        p_other,
        s_a,
        s_b,
        prop_b: prop_b.expect("a 人社局 proposal without 发改委"),
    }
}

/// Expected statuses in the order of [`ROLES`].
type Row = (String, [u16; 7]);

/// A form post: path, fields, expected statuses in the order of [`ROLES`].
type PostRow<'a> = (&'a str, &'a [(&'a str, &'a str)], [u16; 7]);

fn get_table(f: &Fixture) -> Vec<Row> {
    let all = [200, 200, 200, 200, 200, 200, 303];
    let units_create = [200, 200, 200, 200, 403, 403, 303];
    let office_only = [200, 403, 403, 403, 403, 403, 303];
    vec![
        ("/registers".into(), all),
        ("/registers/projects?year=2024".into(), all),
        ("/registers/projects/new".into(), units_create),
        (
            format!("/registers/projects/{}", f.p_a),
            [200, 200, 200, 404, 200, 200, 303],
        ),
        (
            format!("/registers/projects/{}/edit", f.p_a),
            [200, 200, 200, 404, 403, 403, 303],
        ),
        (
            format!("/registers/projects/{}", f.p_other),
            [200, 404, 404, 404, 200, 200, 303],
        ),
        ("/registers/proposals?year=2023".into(), all),
        ("/registers/proposals/new".into(), office_only),
        (
            format!("/registers/proposals/{}", f.prop_b),
            [200, 404, 404, 200, 200, 200, 303],
        ),
        (
            format!("/registers/proposals/{}/edit", f.prop_b),
            office_only,
        ),
        ("/registers/services".into(), all),
        (
            "/registers/services?q=%E8%90%A5%E4%B8%9A&page=2".into(),
            all,
        ),
        ("/registers/services/new".into(), units_create),
        (
            format!("/registers/services/{}/edit", f.s_a),
            [200, 200, 200, 404, 403, 403, 303],
        ),
        (
            format!("/registers/services/{}/edit", f.s_b),
            [200, 404, 404, 200, 403, 403, 303],
        ),
        ("/registers/indicators?year=2023".into(), all),
        ("/registers/indicators/new".into(), office_only),
        ("/registers/import".into(), office_only),
        ("/registers/template?kind=projects".into(), all),
        ("/registers/export?kind=services".into(), all),
    ]
}

#[tokio::test]
async fn who_may_open_each_register_page() {
    let t = crate::spawn().await;
    let f = fixture(&t).await;
    let mut clients = Vec::new();
    for r in ROLES {
        clients.push(who(&t, r).await);
    }
    let mut wrong = Vec::new();
    for (path, expected) in get_table(&f) {
        for (i, c) in clients.iter().enumerate() {
            let s = c
                .get(format!("{}{path}", t.url))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16();
            if s != expected[i] {
                wrong.push(format!(
                    "GET {path} as {}: {s}, expected {}",
                    ROLES[i], expected[i]
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

async fn post_form(t: &TestApp, c: &Client, path: &str, form: &[(&str, &str)]) -> u16 {
    c.post(format!("{}{path}", t.url))
        .form(form)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn a_unit_cannot_change_another_units_entries_through_the_pages() {
    let t = crate::spawn().await;
    let f = fixture(&t).await;
    let rsj = units(&t).await["区人社局"].as_i64().unwrap().to_string();
    let svc = [
        ("name", "改名的事项"),
        ("legal_days", "20"),
        ("promised_days", "5"),
    ];
    let project = [("name", "改名的项目"), ("total_investment", "3")];
    let report = [("period", "2024-06"), ("completed", "1")];
    let returned = [("action", "return"), ("reason", "不是本单位的")];
    // (path, form, expected per role)
    let s_b = format!("/registers/services/{}", f.s_b);
    let s_b_del = format!("{s_b}/delete");
    let p_other = format!("/registers/projects/{}", f.p_other);
    let p_other_report = format!("{p_other}/report");
    let prop_b = format!("/registers/proposals/{}/handle", f.prop_b);
    let own_unit_svc = [("name", "新事项"), ("unit_id", rsj.as_str())];
    let ind = [
        ("name", "新指标"),
        ("unit", "亿元"),
        ("measure", "level"),
        ("frequency", "monthly"),
    ];
    let table: Vec<PostRow> = vec![
        (&s_b, &svc, [303, 404, 404, 303, 403, 403, 303]),
        (&p_other, &project, [303, 404, 404, 404, 403, 403, 303]),
        (
            &p_other_report,
            &report,
            [403, 404, 404, 404, 403, 403, 303],
        ),
        // The owner may return only while the item is open (this 2023 one is closed): 409.
        (&prop_b, &returned, [403, 404, 404, 409, 403, 403, 303]),
        // Registering for another unit: only the office (and 人社局 itself).
        (
            "/registers/services",
            &own_unit_svc,
            [303, 403, 403, 303, 403, 403, 303],
        ),
        (
            "/registers/indicators",
            &ind,
            [303, 403, 403, 403, 403, 403, 303],
        ),
        // Deleting last: everyone tries, the office succeeds after the others fail.
        (&s_b_del, &[], [0, 404, 404, 0, 403, 403, 303]),
    ];
    let mut clients = Vec::new();
    for r in ROLES {
        clients.push(who(&t, r).await);
    }
    let mut wrong = Vec::new();
    for (path, form, expected) in &table {
        // Roles in reverse, so that the office's successful change comes last.
        for (i, role) in ROLES.iter().enumerate().rev() {
            if expected[i] == 0 {
                continue;
            }
            let s = post_form(&t, &clients[i], path, form).await;
            if s != expected[i] {
                wrong.push(format!(
                    "POST {path} as {role}: {s}, expected {}",
                    expected[i]
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The office deletes the item; it is gone.
    let office = &clients[0];
    assert_eq!(post_form(&t, office, &s_b_del, &[]).await, 303);
    let (s, _) = t
        .get(office, &format!("/api/v1/registers/services/{}", f.s_b))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_unit_edits_its_own_project_and_a_bad_form_is_shown_again() {
    let t = crate::spawn().await;
    let f = fixture(&t).await;
    let c = who(&t, "fgw_tb").await;
    let path = format!("/registers/projects/{}", f.p_a);
    // A bad figure: the form again with the message, nothing saved.
    let r = c
        .post(format!("{}{path}", t.url))
        .form(&[("name", "新名称"), ("total_investment", "很多")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.text().await.unwrap();
    assert!(
        body.contains("未保存") && body.contains("很多"),
        "{body:.300}"
    );
    let r = c
        .post(format!("{}{path}", t.url))
        .form(&[
            ("name", "新名称的项目"),
            ("total_investment", "2.5"),
            ("signed_on", "2024-02-01"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (s, page) = t.page(&c, &path).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        page.contains("新名称的项目") && page.contains("2.5亿元"),
        "{page:.500}"
    );
    // The list shows it, and a unit's list holds only its own projects.
    let (_, list) = t.page(&c, "/registers/projects?year=2024").await;
    assert!(list.contains("新名称的项目"));
    let (_, other) = t
        .page(&c, &format!("/registers/projects/{}", f.p_other))
        .await;
    assert!(
        !list.contains(&format!("/registers/projects/{}\"", f.p_other)),
        "{other:.100}"
    );
}

#[tokio::test]
async fn the_services_list_is_paged() {
    let t = crate::spawn().await;
    let c = who(&t, "duchashi").await;
    let (s, p1) = t.page(&c, "/registers/services").await;
    assert_eq!(s, StatusCode::OK);
    assert!(p1.contains("共 1144 项"), "{p1:.300}");
    assert!(p1.contains("第 1 / 23 页"));
    assert_eq!(p1.matches("/edit\"").count(), 50);
    let (_, last) = t.page(&c, "/registers/services?page=23").await;
    assert_eq!(last.matches("/edit\"").count(), 1144 - 22 * 50);
}
