//! Failed logins, counted per typed username AND client address: a lock then holds only
//! for the address the failures came from, so nobody can lock an account out from elsewhere.

use crate::{Result, Tx};
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct LoginFailure {
    pub username: String,
    pub client: String,
    /// Failures since the counter was last reset (success, expiry or unlock).
    pub failures: i64,
    /// Locks served recently: each one doubles the next (progressive back-off).
    pub locks: i64,
    pub last_failed_at: OffsetDateTime,
    pub locked_until: Option<OffsetDateTime>,
}

pub async fn get(tx: &mut Tx, username: &str, client: &str) -> Result<Option<LoginFailure>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, LoginFailure>(
        "SELECT username, client, failures, locks, last_failed_at, locked_until FROM login_failures \
         WHERE username = $1 AND client = $2"
    )
    .bind(username)
    .bind(client)
    .fetch_optional(c)
    .await?)
    })
}

/// Stores the counter of a username and client as the caller computed it.
pub async fn put(tx: &mut Tx, f: &LoginFailure) -> Result<()> {
    with_conn!(tx, |c| {
        sqlx::query(
            "INSERT INTO login_failures (username, client, failures, locks, last_failed_at, locked_until) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (username, client) DO UPDATE SET \
             failures = excluded.failures, locks = excluded.locks, \
             last_failed_at = excluded.last_failed_at, locked_until = excluded.locked_until",
        )
        .bind(&f.username)
        .bind(&f.client)
        .bind(f.failures)
        .bind(f.locks)
        .bind(f.last_failed_at)
        .bind(f.locked_until)
        .execute(c)
        .await?;
        Ok(())
    })
}

/// Forgets the failures of a username from one client (after a successful login there).
pub async fn clear(tx: &mut Tx, username: &str, client: &str) -> Result<()> {
    with_conn!(tx, |c| {
        sqlx::query("DELETE FROM login_failures WHERE username = $1 AND client = $2")
            .bind(username)
            .bind(client)
            .execute(c)
            .await?;
        Ok(())
    })
}

/// Forgets every failure of a username from anywhere (the administrator's unlock); returns
/// how many clients had a counter.
pub async fn clear_all(tx: &mut Tx, username: &str) -> Result<u64> {
    with_conn!(tx, |c| {
        let r = sqlx::query("DELETE FROM login_failures WHERE username = $1")
            .bind(username)
            .execute(c)
            .await?;
        Ok(r.rows_affected())
    })
}

/// Forgets counters untouched since `before` whose lock (if any) has run out, so that
/// guessed usernames do not pile up.
pub async fn purge_stale(tx: &mut Tx, before: OffsetDateTime) -> Result<u64> {
    with_conn!(tx, |c| {
        let r = sqlx::query(
            "DELETE FROM login_failures WHERE last_failed_at < $1 \
             AND (locked_until IS NULL OR locked_until < $1)",
        )
        .bind(before)
        .execute(c)
        .await?;
        Ok(r.rows_affected())
    })
}
