//! The in-app inbox: messages per user with their read state.

use crate::{Result, Tx};
use serde::Serialize;
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Message {
    pub id: i64,
    pub user_id: i64,
    pub msg_key: String,
    /// digest | notice | extension | answer | … (the app's codes).
    pub kind: String,
    pub title: String,
    pub body: String,
    pub link: Option<String>,
    pub notice_id: Option<i64>,
    pub created_at: OffsetDateTime,
    pub read_at: Option<OffsetDateTime>,
}

pub struct NewMessage<'a> {
    pub user_id: i64,
    /// Unique per user: the same key is delivered once.
    pub key: &'a str,
    pub kind: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub link: Option<&'a str>,
    pub notice_id: Option<i64>,
}

/// Puts a message in a user's inbox; `None` if that user already has one with the key.
pub async fn deliver(tx: &mut Tx, m: &NewMessage<'_>) -> Result<Option<i64>> {
    let id = with_conn!(tx, |c| {
        sqlx::query_scalar::<_, i64>(
        "INSERT INTO inbox_messages (user_id, msg_key, kind, title, body, link, notice_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (user_id, msg_key) DO NOTHING RETURNING id"
    )
    .bind(m.user_id)
    .bind(m.key)
    .bind(m.kind)
    .bind(m.title)
    .bind(m.body)
    .bind(m.link)
    .bind(m.notice_id)
    .bind(tx.at)
    .fetch_optional(c)
    .await?
    });
    // The header's unread count is kept on the personal version.
    if id.is_some() {
        crate::audit::bump_personal(tx).await?;
    }
    Ok(id)
}

/// A user's messages, newest first, at most `limit`.
pub async fn for_user(
    tx: &mut Tx,
    user_id: i64,
    unread_only: bool,
    limit: i64,
) -> Result<Vec<Message>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, Message>(
        "SELECT id, user_id, msg_key, kind, title, body, link, notice_id, created_at, read_at FROM inbox_messages \
         WHERE user_id = $1 AND ($2 = FALSE OR read_at IS NULL) ORDER BY id DESC LIMIT $3"
    )
    .bind(user_id)
    .bind(unread_only)
    .bind(limit)
    .fetch_all(c)
    .await?)
    })
}

/// The unread count for the header.
pub async fn unread_count(tx: &mut Tx, user_id: i64) -> Result<i64> {
    with_conn!(tx, |c| Ok(sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM inbox_messages WHERE user_id = $1 AND read_at IS NULL"
    )
    .bind(user_id)
    .fetch_one(c)
    .await?))
}

/// Marks one of the user's own messages read; `false` if it is not theirs (or unknown).
pub async fn mark_read(tx: &mut Tx, user_id: i64, id: i64) -> Result<bool> {
    let n = with_conn!(tx, |c| {
        sqlx::query(
        "UPDATE inbox_messages SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND user_id = $2"
    )
    .bind(id)
    .bind(user_id)
    .bind(tx.at)
    .execute(c)
    .await?
    .rows_affected()
    });
    if n > 0 {
        crate::audit::bump_personal(tx).await?;
    }
    Ok(n == 1)
}

pub async fn mark_all_read(tx: &mut Tx, user_id: i64) -> Result<u64> {
    let n = with_conn!(tx, |c| sqlx::query(
        "UPDATE inbox_messages SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL"
    )
    .bind(user_id)
    .bind(tx.at)
    .execute(c)
    .await?
    .rows_affected());
    if n > 0 {
        crate::audit::bump_personal(tx).await?;
    }
    Ok(n)
}

/// Who receives a unit's messages: (unit_id, user_id) of every active reporter and
/// approver, for all units in one query.
pub async fn unit_recipients(tx: &mut Tx) -> Result<Vec<(i64, i64)>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, (i64, i64)>(
        "SELECT unit_id, id FROM users WHERE unit_id IS NOT NULL AND active = TRUE \
         AND role IN ('reporter', 'approver') ORDER BY unit_id, id"
    )
    .fetch_all(c)
    .await?))
}
