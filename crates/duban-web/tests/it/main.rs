//! Integration tests: the real application on 127.0.0.1:0 with the demo data, driven over
//! HTTP with reqwest. Backend: SQLite temp file by default; PostgreSQL with
//! DUBAN_TEST_BACKEND=postgres and DUBAN_TEST_PG_URL (a fresh database per test).

mod api;
mod chase;
mod chase_access;
mod city;
mod cycles;
mod documents;
mod kept;
mod layout;
mod lifecycle;
mod matrix;
mod office;
mod openapi;
mod pages;
mod registers;
mod registers_due;
mod registers_flow;
mod registers_pages;
mod registers_roles;
mod registers_schema;
mod security;

use duban_app::{App, db::Db, demo};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

pub struct TestApp {
    pub url: String,
    pub app: App,
    pub plan_id: i64,
    /// The database's URL (a second server may open it).
    pub db_url: String,
    pub _dir: tempfile::TempDir,
}

pub async fn database_url(dir: &std::path::Path) -> String {
    if std::env::var("DUBAN_TEST_BACKEND").as_deref() == Ok("postgres") {
        let base =
            std::env::var("DUBAN_TEST_PG_URL").expect("DUBAN_TEST_PG_URL for postgres tests");
        let name = format!("duban_t_{:016x}", rand::random::<u64>());
        let pool = sqlx::PgPool::connect(&base)
            .await
            .expect("connect to postgres");
        // The name is generated here from hex digits only.
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&pool)
            .await
            .expect("create test database");
        pool.close().await;
        let (prefix, _) = base.rsplit_once('/').expect("url with a database path");
        format!("{prefix}/{name}")
    } else {
        format!("sqlite://{}/duban.db", dir.display())
    }
}

/// Starts duban with the demo data on a free port.
pub async fn spawn() -> TestApp {
    spawn_with(|_| {}).await
}

/// Starts duban with settings changed by `change`.
pub async fn spawn_with(change: impl FnOnce(&mut duban_app::Settings)) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let db_url = database_url(dir.path()).await;
    let db = Db::open(&db_url).await.unwrap();
    let mut app = App::new(db, dir.path().to_path_buf());
    change(&mut app.settings);
    let info = demo::seed(&app).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(duban_web::serve(app.clone(), listener));
    TestApp {
        url,
        app,
        plan_id: info.plan_id,
        db_url,
        _dir: dir,
    }
}

pub fn client() -> Client {
    // Browsers name the request's origin on every POST; the server refuses requests that
    // do not (CSRF), so the test client says what a same-origin page would.
    let mut h = reqwest::header::HeaderMap::new();
    h.insert(
        "sec-fetch-site",
        reqwest::header::HeaderValue::from_static("same-origin"),
    );
    Client::builder()
        .cookie_store(true)
        .default_headers(h)
        .build()
        .unwrap()
}

impl TestApp {
    /// A client logged in over the API as `user` (demo password).
    pub async fn login(&self, user: &str) -> Client {
        let c = client();
        let r = c
            .post(format!("{}/api/v1/login", self.url))
            .json(&json!({ "username": user, "password": demo::DEMO_PASSWORD }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "login {user}");
        c
    }

    pub async fn get(&self, c: &Client, path: &str) -> (StatusCode, Value) {
        let r = c.get(format!("{}{path}", self.url)).send().await.unwrap();
        let s = r.status();
        (s, r.json().await.unwrap_or(Value::Null))
    }

    pub async fn post(&self, c: &Client, path: &str, body: Value) -> (StatusCode, Value) {
        let r = c
            .post(format!("{}{path}", self.url))
            .json(&body)
            .send()
            .await
            .unwrap();
        let s = r.status();
        (s, r.json().await.unwrap_or(Value::Null))
    }

    pub async fn page(&self, c: &Client, path: &str) -> (StatusCode, String) {
        let r = c.get(format!("{}{path}", self.url)).send().await.unwrap();
        let s = r.status();
        (s, r.text().await.unwrap())
    }
}

/// Unit ids by name.
pub async fn units(t: &TestApp) -> Value {
    let mut m = serde_json::Map::new();
    for u in duban_app::admin::units(&t.app).await.unwrap() {
        m.insert(u.name, json!(u.id));
    }
    Value::Object(m)
}
