//! System settings an administrator changes at run time (e.g. whether the author of a
//! report may also review it). Keys are fixed by the application; values are text.

use crate::{Result, Tx};

pub async fn get(tx: &mut Tx, key: &str) -> Result<Option<String>> {
    with_conn!(tx, |c| Ok(sqlx::query_scalar::<_, String>(
        "SELECT value FROM system_settings WHERE key = $1"
    )
    .bind(key)
    .fetch_optional(c)
    .await?))
}

pub async fn set(tx: &mut Tx, key: &str, value: &str, user_id: Option<i64>) -> Result<()> {
    with_conn!(tx, |c| {
        sqlx::query(
            "INSERT INTO system_settings (key, value, updated_at, updated_by) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, \
             updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        )
        .bind(key)
        .bind(value)
        .bind(tx.at)
        .bind(user_id)
        .execute(c)
        .await?;
        Ok(())
    })
}
