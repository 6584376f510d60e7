//! The scheduler lease: among several server processes on one database, exactly one runs
//! the scheduler at a time. The holder renews its lease before it expires; when a holder
//! dies its lease expires and another process takes it over. Expiry is compared as
//! milliseconds since 1970, passed in by the caller, so both backends compare numbers.

use crate::{Result, Tx};
use time::{Duration, OffsetDateTime};

fn ms(t: OffsetDateTime) -> i64 {
    (t.unix_timestamp_nanos() / 1_000_000) as i64
}

/// Takes (or renews) the lease `name` for `owner` until `at + ttl`, if it is free, expired
/// or already `owner`'s. Returns whether `owner` holds it now. Run it in its own
/// transaction and commit at once.
pub async fn try_acquire(
    tx: &mut Tx,
    name: &str,
    owner: &str,
    at: OffsetDateTime,
    ttl: Duration,
) -> Result<bool> {
    let got: Option<String> = with_conn!(tx, |c| {
        sqlx::query_scalar::<_, String>(
        "INSERT INTO scheduler_leases (name, owner, acquired_at, expires_ms) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, acquired_at = excluded.acquired_at, \
         expires_ms = excluded.expires_ms \
         WHERE scheduler_leases.expires_ms <= $5 OR scheduler_leases.owner = excluded.owner \
         RETURNING owner"
    )
    .bind(name)
    .bind(owner)
    .bind(tx.at)
    .bind(ms(at + ttl))
    .bind(ms(at))
    .fetch_optional(c)
    .await?
    });
    Ok(got.as_deref() == Some(owner))
}

/// Gives the lease up (on shutdown), if `owner` holds it.
pub async fn release(tx: &mut Tx, name: &str, owner: &str) -> Result<bool> {
    let n = with_conn!(tx, |c| sqlx::query(
        "DELETE FROM scheduler_leases WHERE name = $1 AND owner = $2"
    )
    .bind(name)
    .bind(owner)
    .execute(c)
    .await?
    .rows_affected());
    Ok(n == 1)
}

/// The current holder and when its lease expires (ms since 1970).
pub async fn holder(tx: &mut Tx, name: &str) -> Result<Option<(String, i64)>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, (String, i64)>(
        "SELECT owner, expires_ms FROM scheduler_leases WHERE name = $1"
    )
    .bind(name)
    .fetch_optional(c)
    .await?))
}
