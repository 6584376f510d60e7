//! Login sessions, shared by every server process through the database. Only the SHA-256
//! of the cookie token is stored.

use crate::{Result, Tx};
use time::OffsetDateTime;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub token_hash: String,
    pub user_id: i64,
    pub created_at: OffsetDateTime,
    pub last_seen_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

pub async fn create(
    tx: &mut Tx,
    token_hash: &str,
    user_id: i64,
    expires_at: OffsetDateTime,
    user_agent: Option<&str>,
    ip: Option<&str>,
) -> Result<()> {
    let t = tx.at;
    with_conn!(tx, |c| {
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, user_agent, ip) \
             VALUES ($1, $2, $3, $3, $4, $5, $6)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(t)
        .bind(expires_at)
        .bind(user_agent)
        .bind(ip)
        .execute(c)
        .await?;
        Ok(())
    })
}

pub async fn get(tx: &mut Tx, token_hash: &str) -> Result<Option<SessionRow>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, SessionRow>(
        "SELECT token_hash, user_id, created_at, last_seen_at, expires_at FROM sessions WHERE token_hash = $1"
    )
    .bind(token_hash)
    .fetch_optional(c)
    .await?)
    })
}

/// Moves the idle deadline forward.
pub async fn touch(tx: &mut Tx, token_hash: &str, expires_at: OffsetDateTime) -> Result<()> {
    with_conn!(tx, |c| {
        sqlx::query("UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3")
            .bind(tx.at)
            .bind(expires_at)
            .bind(token_hash)
            .execute(c)
            .await?;
        Ok(())
    })
}

/// Ends a session; a server that kept it sees the personal version move.
pub async fn delete(tx: &mut Tx, token_hash: &str) -> Result<()> {
    crate::audit::bump_personal(tx).await?;
    with_conn!(tx, |c| {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(c)
            .await?;
        Ok(())
    })
}

/// Ends every session of a user (after a password change).
pub async fn delete_for_user(tx: &mut Tx, user_id: i64) -> Result<()> {
    crate::audit::bump_personal(tx).await?;
    with_conn!(tx, |c| {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(c)
            .await?;
        Ok(())
    })
}

/// Removes expired sessions (a server that kept one sees the personal version move).
pub async fn purge_expired(tx: &mut Tx) -> Result<u64> {
    let n = with_conn!(tx, |c| {
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
            .bind(tx.at)
            .execute(c)
            .await?
            .rows_affected()
    });
    if n > 0 {
        crate::audit::bump_personal(tx).await?;
    }
    Ok(n)
}
