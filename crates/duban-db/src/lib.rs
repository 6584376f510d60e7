//! duban's storage: the only crate that knows SQL.
//!
//! SQLite is the default (one file under the data directory, WAL, foreign keys on,
//! migrations embedded and run at start); PostgreSQL is used when the URL says
//! `postgres://`. Both backends run the very same SQL text: each query is written once and
//! compiled twice by [`with_conn!`], once per concrete sqlx driver, so rich types work on
//! both and nothing goes through sqlx's lossy `Any` driver.
//!
//! Callers see domain-level functions only (`users::by_username`, `reports::upsert`), never
//! sqlx types. Every function takes a [`Tx`]: writes are made in one transaction that the
//! application layer commits together with its audit record.

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// Runs `$body` with `$c` bound to the concrete connection of `$tx` (a `&mut Tx`).
/// The body is compiled once per backend.
macro_rules! with_conn {
    ($tx:expr, |$c:ident| $body:expr) => {
        match &mut $tx.conn {
            $crate::Conn::Sqlite(t) => {
                let $c = &mut **t;
                $body
            }
            $crate::Conn::Postgres(t) => {
                let $c = &mut **t;
                $body
            }
        }
    };
}

pub mod audit;
pub mod bindings;
pub mod carry;
pub mod chase;
pub mod city;
pub mod deliveries;
pub mod inbox;
pub mod indicators;
pub mod items;
pub mod json;
pub mod lease;
pub mod logins;
pub mod notices;
pub mod org;
pub mod plans;
pub mod projects;
pub mod proposals;
pub mod reports;
pub mod rows;
pub mod scores;
pub mod services;
pub mod sessions;
pub mod settings;
#[cfg(feature = "testing")]
pub mod testing;

pub use json::JsonText;
pub use rows::*;
pub use time::OffsetDateTime;

/// Errors of the storage layer.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("数据库地址无效：{0}")]
    BadUrl(String),
    #[error("记录不存在")]
    NotFound,
    /// A unique constraint was violated (e.g. a second plan for the same year).
    #[error("记录已存在：{0}")]
    Conflict(String),
    #[error("数据库迁移失败：{0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("数据库错误：{0}")]
    Sqlx(sqlx::Error),
    #[error("{0}")]
    Unsupported(String),
}

impl From<sqlx::Error> for DbError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => DbError::NotFound,
            sqlx::Error::Database(d) if d.is_unique_violation() => {
                DbError::Conflict(d.message().to_string())
            }
            _ => DbError::Sqlx(e),
        }
    }
}

pub type Result<T, E = DbError> = std::result::Result<T, E>;

/// Which backend a [`Db`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A connection pool on one of the two backends.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// A transaction on one of the two backends, and the time it writes. Dropping it without
/// [`Tx::commit`] rolls back.
///
/// The time is the caller's (the application's clock), taken when the transaction begins:
/// every row a change stamps (created, updated, read, decided) carries that one instant, and
/// nothing in this crate reads the system clock.
pub struct Tx {
    conn: Conn,
    at: OffsetDateTime,
}

/// The connection of a [`Tx`], by backend.
enum Conn {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Db {
    /// Connects to `url` (`sqlite://path`, `sqlite::memory:`, `postgres://…`).
    pub async fn connect(url: &str) -> Result<Db> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let mut opts =
                PgConnectOptions::from_str(url).map_err(|e| DbError::BadUrl(e.to_string()))?;
            // duban's working set (a city's plans, items, reports) sits in memory, where a
            // random page costs about what a sequential one does. With the default of 4 the
            // planner scans every milestone, assignment and section of the city to join the
            // hundred items of one plan (about 10 ms a query on the city data set, against
            // 0.5 ms by index). A URL that sets its own `options` keeps them.
            if !url.contains("options=") {
                opts = opts.options([("random_page_cost", "1.1")]);
            }
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(opts)
                .await?;
            Ok(Db::Postgres(pool))
        } else if url.starts_with("sqlite:") {
            let opts = SqliteConnectOptions::from_str(url)
                .map_err(|e| DbError::BadUrl(e.to_string()))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10));
            // An in-memory database exists per connection: keep exactly one.
            let max = if url.contains(":memory:") { 1 } else { 8 };
            let pool = SqlitePoolOptions::new()
                .max_connections(max)
                .connect_with(opts)
                .await?;
            Ok(Db::Sqlite(pool))
        } else {
            Err(DbError::BadUrl(format!(
                "{url}（应以 sqlite: 或 postgres:// 开头）"
            )))
        }
    }

    /// Connects and brings the schema up to date.
    pub async fn open(url: &str) -> Result<Db> {
        let db = Db::connect(url).await?;
        db.migrate().await?;
        Ok(db)
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies the embedded migrations that have not run yet.
    pub async fn migrate(&self) -> Result<()> {
        match self {
            Db::Sqlite(p) => SQLITE_MIGRATIONS.run(p).await?,
            Db::Postgres(p) => POSTGRES_MIGRATIONS.run(p).await?,
        }
        Ok(())
    }

    /// The versions of the embedded migrations for a backend (the two sets must agree).
    pub fn migration_versions(backend: Backend) -> Vec<i64> {
        let m = match backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        m.iter().map(|m| m.version).collect()
    }

    /// Starts a write transaction whose rows are stamped `at`. On SQLite it takes the write
    /// lock at once (`BEGIN IMMEDIATE`) so that two writers never deadlock on a lock upgrade.
    pub async fn begin(&self, at: OffsetDateTime) -> Result<Tx> {
        let conn = match self {
            Db::Sqlite(p) => Conn::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(p) => Conn::Postgres(p.begin().await?),
        };
        Ok(Tx { conn, at })
    }

    /// Starts a transaction meant for reading (a consistent snapshot; never committed).
    /// SQLite's deferred transaction reads one snapshot from its first read on (WAL);
    /// PostgreSQL's default READ COMMITTED would see each statement's own snapshot, so it
    /// asks for REPEATABLE READ, read only.
    /// It is never committed, so it stamps nothing: its time is the epoch.
    pub async fn read(&self) -> Result<Tx> {
        let conn = match self {
            Db::Sqlite(p) => Conn::Sqlite(p.begin().await?),
            Db::Postgres(p) => Conn::Postgres(
                p.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    .await?,
            ),
        };
        Ok(Tx {
            conn,
            at: OffsetDateTime::UNIX_EPOCH,
        })
    }

    /// Writes a consistent copy of a SQLite database to `dest` while it is in use.
    pub async fn backup(&self, dest: &Path) -> Result<()> {
        match self {
            Db::Sqlite(p) => {
                if dest.exists() {
                    return Err(DbError::Unsupported(format!(
                        "目标文件已存在：{}",
                        dest.display()
                    )));
                }
                let target = dest.to_string_lossy().to_string();
                // VACUUM INTO takes the file name as a bound value, so no quoting issues.
                sqlx::query("VACUUM INTO $1").bind(target).execute(p).await?;
                Ok(())
            }
            Db::Postgres(_) => Err(DbError::Unsupported(
                "PostgreSQL 数据库请使用 pg_dump 备份，例如：pg_dump -Fc -f duban.dump \"$DUBAN_DATABASE_URL\""
                    .into(),
            )),
        }
    }

    /// The table and column names of the live schema, sorted: used to check that both
    /// backends expose the same model.
    pub async fn schema_columns(&self) -> Result<Vec<(String, String)>> {
        let mut out: Vec<(String, String)> = match self {
            Db::Sqlite(p) => {
                sqlx::query_as::<_, (String, String)>(
                    "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p \
                     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'",
                )
                .fetch_all(p)
                .await?
            }
            Db::Postgres(p) => {
                sqlx::query_as::<_, (String, String)>(
                    "SELECT table_name::text, column_name::text FROM information_schema.columns \
                     WHERE table_schema = current_schema() AND table_name NOT LIKE '_sqlx%'",
                )
                .fetch_all(p)
                .await?
            }
        };
        out.sort();
        Ok(out)
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite(p) => p.close().await,
            Db::Postgres(p) => p.close().await,
        }
    }
}

impl Tx {
    /// The time this transaction stamps on the rows it writes.
    pub fn at(&self) -> OffsetDateTime {
        self.at
    }

    pub async fn commit(self) -> Result<()> {
        match self.conn {
            Conn::Sqlite(t) => t.commit().await?,
            Conn::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }

    pub async fn rollback(self) -> Result<()> {
        match self.conn {
            Conn::Sqlite(t) => t.rollback().await?,
            Conn::Postgres(t) => t.rollback().await?,
        }
        Ok(())
    }
}
