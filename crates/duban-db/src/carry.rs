//! 结转 (issue 13): items carried from last year's plan into a new one, and the plan a user
//! last chose in the header. Kept apart from `items` so that the item queries stay as they
//! are: a page asks for a plan's carried items in one query and marks them.

use crate::{Result, Tx};

/// Records that `item_id` was carried over from `from_item_id`.
pub async fn link(
    tx: &mut Tx,
    item_id: i64,
    from_item_id: i64,
    carried_by: Option<i64>,
) -> Result<()> {
    with_conn!(tx, |c| {
        sqlx::query(
            "INSERT INTO item_carry_overs (item_id, from_item_id, carried_at, carried_by) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(item_id)
        .bind(from_item_id)
        .bind(tx.at)
        .bind(carried_by)
        .execute(c)
        .await?;
        Ok(())
    })
}

/// The carried items of a plan, as (item, the item it came from), in item order.
pub async fn in_plan(tx: &mut Tx, plan_id: i64) -> Result<Vec<(i64, i64)>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, (i64, i64)>(
        "SELECT k.item_id, k.from_item_id FROM item_carry_overs k \
         JOIN items i ON i.id = k.item_id WHERE i.plan_id = $1 ORDER BY k.item_id"
    )
    .bind(plan_id)
    .fetch_all(c)
    .await?))
}

/// The item `item_id` was carried from, if it was.
pub async fn source_of(tx: &mut Tx, item_id: i64) -> Result<Option<i64>> {
    with_conn!(tx, |c| Ok(sqlx::query_scalar::<_, i64>(
        "SELECT from_item_id FROM item_carry_overs WHERE item_id = $1"
    )
    .bind(item_id)
    .fetch_optional(c)
    .await?))
}

/// The items of `from_plan_id` already carried into `to_plan_id` (a second carry-over adds
/// only what the first did not).
pub async fn carried_between(tx: &mut Tx, from_plan_id: i64, to_plan_id: i64) -> Result<Vec<i64>> {
    with_conn!(tx, |c| Ok(sqlx::query_scalar::<_, i64>(
        "SELECT k.from_item_id FROM item_carry_overs k \
         JOIN items n ON n.id = k.item_id JOIN items o ON o.id = k.from_item_id \
         WHERE n.plan_id = $1 AND o.plan_id = $2 ORDER BY k.from_item_id"
    )
    .bind(to_plan_id)
    .bind(from_plan_id)
    .fetch_all(c)
    .await?))
}

/// The plan the user last chose (unchecked: the caller checks access on every use).
pub async fn chosen_plan(tx: &mut Tx, user_id: i64) -> Result<Option<i64>> {
    with_conn!(tx, |c| Ok(sqlx::query_scalar::<_, Option<i64>>(
        "SELECT chosen_plan_id FROM users WHERE id = $1"
    )
    .bind(user_id)
    .fetch_optional(c)
    .await?
    .flatten()))
}

/// Remembers the plan a user chose.
pub async fn set_chosen_plan(tx: &mut Tx, user_id: i64, plan_id: Option<i64>) -> Result<()> {
    with_conn!(tx, |c| {
        let r = sqlx::query("UPDATE users SET chosen_plan_id = $1 WHERE id = $2")
            .bind(plan_id)
            .bind(user_id)
            .execute(c)
            .await?;
        if r.rows_affected() == 0 {
            return Err(crate::DbError::NotFound);
        }
        Ok(())
    })
}
