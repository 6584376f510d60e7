//! Issue 13 over HTTP, on a small city (2 governments × 2 years): a district user of one
//! government meets nothing of the other's on any page, even when the other's plan is the
//! newest in the database; shareable `/g/{government}/{year}/…` links; the header's plan
//! chooser and its remembered choice; 结转 from the web.

use crate::client;
use duban_app::core::Period;
use duban_app::demo::city::{CityScale, DISTRICTS, build};
use duban_app::{Actor, App, auth, carry, db::Db, demo, items};
use reqwest::{Client, StatusCode};

struct City {
    url: String,
    app: App,
    _dir: tempfile::TempDir,
}

async fn spawn_city() -> City {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&crate::database_url(dir.path()).await)
        .await
        .unwrap();
    let app = App::new(db, dir.path().to_path_buf());
    let scale = CityScale {
        governments: 2,
        years: 2,
        items_per_plan: 20,
        projects: 2,
        proposals: 2,
    };
    build(
        &app,
        scale,
        Period {
            year: 2025,
            month: 6,
        },
    )
    .await
    .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(duban_web::serve(app.clone(), listener));
    City {
        url,
        app,
        _dir: dir,
    }
}

impl City {
    async fn login(&self, user: &str) -> Client {
        let c = client();
        let r = c
            .post(format!("{}/api/v1/login", self.url))
            .json(&serde_json::json!({ "username": user, "password": demo::DEMO_PASSWORD }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "login {user}");
        c
    }

    /// Status, final URL (redirects followed) and body.
    async fn page(&self, c: &Client, path: &str) -> (StatusCode, String, String) {
        let r = c.get(format!("{}{path}", self.url)).send().await.unwrap();
        let (s, u) = (r.status(), r.url().to_string());
        (s, u, r.text().await.unwrap())
    }

    async fn form(&self, c: &Client, path: &str, body: &[(&str, &str)]) -> (StatusCode, String) {
        let r = c
            .post(format!("{}{path}", self.url))
            .form(body)
            .send()
            .await
            .unwrap();
        (r.status(), r.url().to_string())
    }
}

async fn actor(app: &App, user: &str) -> Actor {
    auth::login(app, user, demo::DEMO_PASSWORD, None, None)
        .await
        .unwrap()
        .actor
}

/// Path segment as a browser sends it.
fn seg(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}

#[tokio::test]
async fn a_district_user_never_meets_another_governments_plan_and_links_name_plans() {
    let city = spawn_city().await;
    let (a_name, b_name) = (DISTRICTS[0], DISTRICTS[1]);
    // Government A's plan becomes the newest in the database: its 2025 plan carried into
    // a new 2026 plan. A page that still took "the newest plan" would show it to B.
    let a_office = actor(&city.app, "g01_dcs").await;
    let a2025 = items::plans_for(&city.app, &a_office)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.year == 2025)
        .unwrap();
    let a2026 = carry::carry_over(&city.app, &a_office, a2025.id)
        .await
        .unwrap()
        .plan;
    let a_items: Vec<i64> = items::list(&city.app, &a_office, a2026.id, false)
        .await
        .unwrap()
        .iter()
        .map(|i| i.id)
        .collect();
    assert!(!a_items.is_empty());

    let b = city.login("g02_dcs").await;
    let b_actor = actor(&city.app, "g02_dcs").await;
    let b_plans = items::plans_for(&city.app, &b_actor).await.unwrap();
    let b2025 = b_plans.iter().find(|p| p.year == 2025).unwrap();
    let b2024 = b_plans.iter().find(|p| p.year == 2024).unwrap();
    for path in [
        "/",
        "/items",
        "/dashboard",
        "/notices",
        "/registers",
        "/extensions?all=1",
        "/settings",
        "/import/progress",
        "/import",
        "/decompose",
        "/review",
        "/scores",
        "/carry",
        "/registers/projects",
    ] {
        let (s, _, body) = city.page(&b, path).await;
        assert_eq!(s, StatusCode::OK, "{path}: {body}");
        assert!(!body.contains(a_name), "{path} names government A");
        for id in &a_items {
            for mark in [format!("/items/{id}\""), format!("lead_{id}\"")] {
                assert!(!body.contains(&mark), "{path} shows A's item {id}");
            }
        }
        // The chooser: B's own plans only, as years (one government).
        assert!(body.contains(">2024年</option>"), "{path}: no chooser");
        assert!(
            body.contains(&format!("<option value=\"{}\" selected>2025年", b2025.id)),
            "{path}: B's newest plan is not the one shown"
        );
    }
    for path in ["/documents/decomposition.xlsx", "/scores/xlsx"] {
        let (s, _, _) = city.page(&b, path).await;
        assert_eq!(s, StatusCode::OK, "{path}");
    }
    // ?plan= of A's plan is not found on every page that takes it.
    for path in [
        "/items",
        "/dashboard",
        "/notices",
        "/scores",
        "/decompose",
        "/settings",
    ] {
        let (s, _, _) = city.page(&b, &format!("{path}?plan={}", a2026.id)).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{path}?plan=A");
    }

    // Shareable links: another government's is not found; B's own opens on that plan.
    let (s, _, _) = city
        .page(&b, &format!("/g/{}/2025/items", seg(a_name)))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, url, body) = city
        .page(
            &b,
            &format!("/g/{}/2024/dashboard?period=2024-06", seg(b_name)),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        url.ends_with(&format!("/dashboard?plan={}&period=2024-06", b2024.id)),
        "{url}"
    );
    // The page shows 2024 and the menu keeps it (it is not the default plan).
    assert!(body.contains(&format!("<option value=\"{}\" selected>2024年", b2024.id)));
    assert!(body.contains(&format!("href=\"/items?plan={}\"", b2024.id)));
    let (s, _, _) = city
        .page(&b, &format!("/g/{}/1999/items", seg(b_name)))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // A city user opens any government's link.
    let c = city.login("city_dcs").await;
    let (s, url, body) = city
        .page(&c, &format!("/g/{}/2026/items", seg(a_name)))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(url.ends_with(&format!("/items?plan={}", a2026.id)), "{url}");
    assert!(body.contains("结转"));
    // The city user's chooser names governments.
    assert!(body.contains(&format!("{b_name} 2025年")));

    // The chooser remembers: B picks 2024, and pages without ?plan= show it from then on
    // (the list was shown, and kept, with another default before).
    let (_, _, body) = city.page(&b, "/items").await;
    assert!(!body.contains(&format!("<option value=\"{}\" selected>2024年", b2024.id)));
    let id = a2026.id.to_string();
    let (s, _) = city
        .form(&b, "/plan", &[("plan", id.as_str()), ("back", "/items")])
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "A's plan cannot be chosen by B");
    let id = b2024.id.to_string();
    let (s, url) = city
        .form(&b, "/plan", &[("plan", id.as_str()), ("back", "/scores")])
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(url.ends_with("/scores"), "{url}");
    let (_, _, body) = city.page(&b, "/items").await;
    assert!(body.contains(&format!("<option value=\"{}\" selected>2024年", b2024.id)));
    // The default plan now: the menu needs no ?plan=.
    assert!(body.contains("href=\"/items\""));
    // Going back somewhere else than this site is refused: the start page instead.
    let (_, url) = city
        .form(
            &b,
            "/plan",
            &[("plan", id.as_str()), ("back", "//example.org/x")],
        )
        .await;
    assert!(url.starts_with(&city.url), "{url}");
}

#[tokio::test]
async fn the_office_previews_and_confirms_a_carry_over_on_the_web() {
    let city = spawn_city().await;
    let office = city.login("g01_dcs").await;
    let a = actor(&city.app, "g01_dcs").await;
    let plans = items::plans_for(&city.app, &a).await.unwrap();
    let y2025 = plans.iter().find(|p| p.year == 2025).unwrap();
    let preview = carry::preview(&city.app, &a, y2025.id).await.unwrap();
    assert!(!preview.carry.is_empty());

    let (s, _, body) = city
        .page(&office, &format!("/carry?plan={}", y2025.id))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(body.contains("2026年尚无计划"), "{body}");
    assert!(body.contains(&format!("确认结转 {} 项", preview.carry.len())));
    for s in &preview.carry {
        assert!(body.contains(&format!("/items/{}\"", s.item.id)));
    }

    // Another government's 督查室 and a unit user are refused; nothing is carried.
    let other = city.login("g02_dcs").await;
    let reporter = city.login("g01_fgw_tb").await;
    let id = y2025.id.to_string();
    let (s, _) = city.form(&other, "/carry", &[("plan", id.as_str())]).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = city
        .form(&reporter, "/carry", &[("plan", id.as_str())])
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _, _) = city
        .page(&reporter, &format!("/carry?plan={}", y2025.id))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(items::plans_for(&city.app, &a).await.unwrap().len(), 2);

    // Without an Origin naming this site, the form is refused (CSRF).
    let bare = Client::new();
    let r = bare
        .post(format!("{}/carry", city.url))
        .form(&[("plan", id.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    let (s, url) = city.form(&office, "/carry", &[("plan", id.as_str())]).await;
    assert_eq!(s, StatusCode::OK);
    let new_plan = items::latest_plan_for(&city.app, &a)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(new_plan.year, 2026);
    assert!(
        url.contains(&format!("/items?plan={}", new_plan.id)),
        "{url}"
    );
    let (_, _, body) = city.page(&office, &url.replace(&city.url, "")).await;
    assert_eq!(
        body.matches("title=\"由上年事项结转\">结转</a>").count(),
        preview.carry.len()
    );
    // The badge links back to last year's item, whose page is there.
    let first = &preview.carry[0].item;
    assert!(body.contains(&format!(
        "href=\"/items/{}\" title=\"由上年事项结转\"",
        first.id
    )));
    let carried = carry::carried_in(&city.app, &a, new_plan.id).await.unwrap();
    let (new_id, _) = carried.iter().find(|(_, from)| **from == first.id).unwrap();
    let (s, _, body) = city.page(&office, &format!("/items/{new_id}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(body.contains(&format!(
        "href=\"/items/{}\" title=\"由上年事项结转",
        first.id
    )));
}
