//! A fresh, migrated database for each test, on the backend the run asks for:
//! `DUBAN_TEST_BACKEND=postgres` with `DUBAN_TEST_PG_URL` pointing at a server (each test
//! gets its own `CREATE DATABASE`), otherwise a SQLite file in a temporary directory.

use crate::{Backend, Db};
use std::sync::atomic::{AtomicU64, Ordering};

pub struct TestDb {
    pub db: Db,
    pub url: String,
    /// Keeps the SQLite file's directory alive for the test's duration.
    pub dir: tempfile::TempDir,
}

/// The backend chosen for this test run.
pub fn backend() -> Backend {
    match std::env::var("DUBAN_TEST_BACKEND").as_deref() {
        Ok("postgres") => Backend::Postgres,
        _ => Backend::Sqlite,
    }
}

/// The URL of a fresh, empty database (not yet migrated).
pub async fn fresh_url(dir: &std::path::Path) -> String {
    match backend() {
        Backend::Sqlite => format!("sqlite://{}", dir.join("test.db").display()),
        Backend::Postgres => {
            let base = std::env::var("DUBAN_TEST_PG_URL").expect(
                "DUBAN_TEST_BACKEND=postgres needs DUBAN_TEST_PG_URL (scripts/test sets both)",
            );
            static N: AtomicU64 = AtomicU64::new(0);
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            let name = format!(
                "duban_t_{}_{}_{}",
                std::process::id(),
                nanos % 1_000_000_000,
                N.fetch_add(1, Ordering::Relaxed)
            );
            let admin = sqlx::PgPool::connect(&base)
                .await
                .expect("connect to the test PostgreSQL server");
            // The name is generated above from digits only: safe to splice.
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&admin)
                .await
                .expect("create test database");
            admin.close().await;
            let (prefix, _) = base.rsplit_once('/').expect("URL has a database path");
            format!("{prefix}/{name}")
        }
    }
}

/// A fresh, migrated database.
pub async fn fresh() -> TestDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = fresh_url(dir.path()).await;
    let db = Db::open(&url)
        .await
        .expect("open and migrate test database");
    TestDb { db, url, dir }
}
