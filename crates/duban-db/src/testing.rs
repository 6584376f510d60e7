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

/// A fresh database migrated only up to `version` (to build an old database and then move
/// it forward with [`Db::migrate`]).
pub async fn at_version(version: i64) -> TestDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = fresh_url(dir.path()).await;
    let db = Db::connect(&url).await.expect("connect test database");
    match &db {
        Db::Sqlite(p) => crate::SQLITE_MIGRATIONS.run_to(version, p).await,
        Db::Postgres(p) => crate::POSTGRES_MIGRATIONS.run_to(version, p).await,
    }
    .expect("migrate test database to the old version");
    TestDb { db, url, dir }
}

/// Runs literal SQL (several statements) on the pool: for building a database at an old
/// schema version, which the typed functions of this crate no longer match.
pub async fn exec(db: &Db, sql: &str) {
    let r = match db {
        Db::Sqlite(p) => sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string()))
            .execute(p)
            .await
            .map(|_| ()),
        Db::Postgres(p) => sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string()))
            .execute(p)
            .await
            .map(|_| ()),
    };
    r.unwrap_or_else(|e| panic!("{e}: {sql}"));
}

/// The number of rows of every table of the schema, by table name.
pub async fn table_counts(db: &Db) -> Vec<(String, i64)> {
    let mut tables: Vec<String> = db
        .schema_columns()
        .await
        .expect("schema")
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    tables.dedup();
    let mut out = Vec::new();
    for t in tables {
        // Table names come from the catalog and are plain identifiers.
        assert!(t.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
        let sql = format!("SELECT COUNT(*) FROM {t}");
        let n: i64 = match db {
            Db::Sqlite(p) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .fetch_one(p)
                .await
                .expect("count"),
            Db::Postgres(p) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .fetch_one(p)
                .await
                .expect("count"),
        };
        out.push((t, n));
    }
    out
}

/// The instant test transactions stamp: noon in China on 2024-07-28. Tests that need an
/// instant of their own reckon from it, never from the system clock.
pub fn at() -> time::OffsetDateTime {
    time::OffsetDateTime::from_unix_timestamp(1_722_139_200)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
}

/// Runs `sql` with `binds` in `tx`: for tests that write what the storage layer offers no way
/// to write (a bad code in a row, a row that breaks a constraint), to see it refused or read
/// back as an error.
pub async fn execute(tx: &mut crate::Tx, sql: &'static str, binds: &[i64]) -> crate::Result<u64> {
    with_conn!(tx, |c| {
        let mut q = sqlx::query(sql);
        for &b in binds {
            q = q.bind(b);
        }
        Ok(q.execute(c).await?.rows_affected())
    })
}
