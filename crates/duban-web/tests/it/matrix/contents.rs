//! Whether a request changed data without an audit record (the matrix runs every route of
//! every role; this watches the database under it).

use crate::TestApp;
use std::collections::BTreeMap;

/// What is bookkeeping rather than data, and may change without an audit record: sessions
/// and login counters (logging in and out is logged on its own), the sending of messages and
/// the scheduler's leases (they run after the answer, in the background), the inbox's read
/// marks, and the audit log with its version
/// and the personal version (moved by session ends and inbox changes).
const BOOKKEEPING: &[&str] = &[
    "sessions",
    "login_failures",
    "scheduler_leases",
    "deliveries",
    "delivery_attempts",
    "inbox_messages",
    "audit_log",
    "data_version",
    "personal_version",
];
const BOOKKEEPING_COLUMNS: &[(&str, &str)] = &[
    ("users", "failed_logins"),
    ("users", "locked_until"),
    ("users", "last_login_at"),
];

/// The contents of the demo database, one fingerprint per table of data, read on a
/// connection of its own (SQLite only; the same code runs on PostgreSQL in the rest of the
/// matrix). A request that changes a table with no new audit record breaks the rule that a
/// change is one transaction together with its audit record, on which the app's cache
/// (keyed on the data version the audit records move) also relies.
///
/// Fingerprinting every table after every row would be slow, so each row first reads
/// `PRAGMA data_version` (it moves whenever another connection commits) and the audit count;
/// only a commit with no audit record is fingerprinted and compared.
pub struct Contents {
    conn: Option<sqlx::SqliteConnection>,
    /// (data_version, audit records, fingerprints) after the last row.
    last: Option<(i64, i64, BTreeMap<String, u64>)>,
}

impl Contents {
    pub async fn open(t: &TestApp) -> Self {
        if std::env::var("DUBAN_TEST_BACKEND").as_deref() == Ok("postgres") {
            return Self {
                conn: None,
                last: None,
            };
        }
        use sqlx::Connection;
        let url = format!("sqlite://{}/duban.db?mode=ro", t._dir.path().display());
        let mut c = Self {
            conn: Some(sqlx::SqliteConnection::connect(&url).await.unwrap()),
            last: None,
        };
        let (v, n) = c.counters().await;
        let f = c.fingerprints().await;
        c.last = Some((v, n, f));
        c
    }

    async fn counters(&mut self) -> (i64, i64) {
        let c = self.conn.as_mut().expect("sqlite");
        let v: i64 = sqlx::query_scalar("PRAGMA data_version")
            .fetch_one(&mut *c)
            .await
            .unwrap();
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
            .fetch_one(&mut *c)
            .await
            .unwrap();
        (v, n)
    }

    /// The tables of data that changed since the last call with no audit record (empty on
    /// PostgreSQL).
    pub async fn unaudited_changes(&mut self) -> Vec<String> {
        let Some((v0, n0, f0)) = self.last.take() else {
            return vec![];
        };
        let (v, n) = self.counters().await;
        if v == v0 {
            self.last = Some((v, n, f0));
            return vec![];
        }
        let f = self.fingerprints().await;
        let changed = if n == n0 {
            f.iter()
                .filter(|(k, h)| f0.get(*k) != Some(h))
                .map(|(k, _)| k.clone())
                .collect()
        } else {
            vec![]
        };
        self.last = Some((v, n, f));
        changed
    }

    /// One fingerprint per table of data.
    async fn fingerprints(&mut self) -> BTreeMap<String, u64> {
        use std::hash::{Hash, Hasher};
        let c = self.conn.as_mut().expect("sqlite");
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name NOT LIKE '_sqlx%' ORDER BY name",
        )
        .fetch_all(&mut *c)
        .await
        .unwrap();
        let mut out = BTreeMap::new();
        for table in tables
            .into_iter()
            .filter(|t| !BOOKKEEPING.contains(&t.as_str()))
        {
            let columns: Vec<String> =
                sqlx::query_scalar("SELECT name FROM pragma_table_info(?) ORDER BY cid")
                    .bind(&table)
                    .fetch_all(&mut *c)
                    .await
                    .unwrap();
            let row = columns
                .iter()
                .filter(|col| !BOOKKEEPING_COLUMNS.contains(&(table.as_str(), col.as_str())))
                .map(|col| format!("quote(\"{col}\")"))
                .collect::<Vec<_>>()
                .join("||','||");
            // Names come from the schema itself, quoted as identifiers.
            let sql = format!("SELECT {row} FROM \"{table}\" ORDER BY rowid");
            let rows: Vec<Option<String>> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .fetch_all(&mut *c)
                .await
                .unwrap();
            let mut h = std::collections::hash_map::DefaultHasher::new();
            rows.hash(&mut h);
            out.insert(table, h.finish());
        }
        out
    }
}
