//! The audit log: who did what, when, before → after. Written in the same transaction as
//! the change it records.

use crate::{AuditEntry, Db, Result, Tx};

pub struct Record<'a> {
    pub user_id: Option<i64>,
    pub actor: &'a str,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<i64>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// Actions that change nothing a page computes from the data (signing in and out): they do
/// not move the data version.
const UNVERSIONED: &[&str] = &["login", "login_failed", "logout"];

pub async fn record(tx: &mut Tx, r: Record<'_>) -> Result<()> {
    if !UNVERSIONED.contains(&r.action) {
        bump_version(tx).await?;
    }
    let before = r.before.map(|v| v.to_string());
    let after = r.after.map(|v| v.to_string());
    with_conn!(tx, |c| {
        sqlx::query(
            "INSERT INTO audit_log (at, user_id, actor, action, entity, entity_id, before_json, after_json) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(tx.at)
        .bind(r.user_id)
        .bind(r.actor)
        .bind(r.action)
        .bind(r.entity)
        .bind(r.entity_id)
        .bind(&before)
        .bind(&after)
        .execute(c)
        .await?;
        Ok(())
    })
}

/// The data version: a counter every audited change adds one to inside its own
/// transaction. The row lock orders writers, so a snapshot that reads `n` holds exactly the
/// changes up to the n-th; a result computed in that snapshot stays right while the
/// version reads `n` (the app's cache keys on it).
pub async fn version(tx: &mut Tx) -> Result<i64> {
    with_conn!(tx, |c| Ok(sqlx::query_scalar::<_, i64>(
        "SELECT n FROM data_version WHERE id = 1"
    )
    .fetch_optional(c)
    .await?
    .unwrap_or(0)))
}

/// Both counters a request's cached results are keyed on, read by one statement (so from
/// one snapshot on either backend): the data version and the personal version (sessions
/// and inboxes, which change without an audit record; see [`bump_personal`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Versions {
    pub data: i64,
    pub personal: i64,
}

/// Read straight from the pool, outside any transaction: one statement is one snapshot, and
/// a request that finds both unchanged needs nothing else from the database.
pub async fn versions(db: &Db) -> Result<Versions> {
    const SQL: &str = "SELECT (SELECT n FROM data_version WHERE id = 1), \
                       (SELECT n FROM personal_version WHERE id = 1)";
    let (data, personal) = match db {
        Db::Sqlite(p) => sqlx::query_as::<_, (i64, i64)>(SQL).fetch_one(p).await?,
        Db::Postgres(p) => sqlx::query_as::<_, (i64, i64)>(SQL).fetch_one(p).await?,
    };
    Ok(Versions { data, personal })
}

/// Adds one to the personal version, in the change's own transaction: called by every
/// write that ends a session or changes an inbox (the row lock orders those writers as
/// the data version's orders audited ones).
pub(crate) async fn bump_personal(tx: &mut Tx) -> Result<()> {
    with_conn!(tx, |c| {
        sqlx::query("UPDATE personal_version SET n = n + 1 WHERE id = 1")
            .execute(c)
            .await?;
        Ok(())
    })
}

async fn bump_version(tx: &mut Tx) -> Result<()> {
    with_conn!(tx, |c| {
        sqlx::query("UPDATE data_version SET n = n + 1 WHERE id = 1")
            .execute(c)
            .await?;
        Ok(())
    })
}

/// The latest entries, newest first; optionally for one entity.
pub async fn recent(
    tx: &mut Tx,
    entity: Option<&str>,
    entity_id: Option<i64>,
    limit: i64,
) -> Result<Vec<AuditEntry>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, AuditEntry>(
        "SELECT id, at, user_id, actor, action, entity, entity_id, before_json, after_json FROM audit_log \
         WHERE ($1 IS NULL OR entity = $1) AND ($2 IS NULL OR entity_id = $2) ORDER BY id DESC LIMIT $3"
    )
    .bind(entity)
    .bind(entity_id)
    .bind(limit)
    .fetch_all(c)
    .await?)
    })
}

pub async fn count(tx: &mut Tx) -> Result<i64> {
    with_conn!(tx, |c| Ok(sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM audit_log"
    )
    .fetch_one(c)
    .await?))
}
