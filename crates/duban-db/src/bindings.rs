//! Targets bound to a register figure. The figure is stored as the JSON of
//! `duban_core::registers::binding::BoundFigure`; an indicator binding also names its series
//! so that deleting the series drops the binding.

use crate::{Result, Tx};
use serde::Serialize;
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Binding {
    pub id: i64,
    pub item_id: i64,
    pub figure: String,
    pub indicator_id: Option<i64>,
    pub created_at: OffsetDateTime,
    pub created_by: Option<i64>,
}

/// Binds an item (replacing an earlier binding).
pub async fn bind(
    tx: &mut Tx,
    item_id: i64,
    figure: &str,
    indicator_id: Option<i64>,
    by: Option<i64>,
) -> Result<()> {
    with_conn!(tx, |c| {
        sqlx::query(
        "INSERT INTO target_bindings (item_id, figure, indicator_id, created_at, created_by) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (item_id) DO UPDATE SET figure = excluded.figure, indicator_id = excluded.indicator_id, \
         created_at = excluded.created_at, created_by = excluded.created_by"
    )
    .bind(item_id)
    .bind(figure)
    .bind(indicator_id)
    .bind(tx.at)
    .bind(by)
    .execute(c)
    .await?
    .rows_affected()
    });
    Ok(())
}

pub async fn unbind(tx: &mut Tx, item_id: i64) -> Result<u64> {
    with_conn!(tx, |c| Ok(sqlx::query(
        "DELETE FROM target_bindings WHERE item_id = $1"
    )
    .bind(item_id)
    .execute(c)
    .await?
    .rows_affected()))
}

pub async fn get(tx: &mut Tx, item_id: i64) -> Result<Option<Binding>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, Binding>(
        "SELECT id, item_id, figure, indicator_id, created_at, created_by FROM target_bindings WHERE item_id = $1"
    )
    .bind(item_id)
    .fetch_optional(c)
    .await?)
    })
}

/// Every binding of a plan's items, one query.
pub async fn for_plan(tx: &mut Tx, plan_id: i64) -> Result<Vec<Binding>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, Binding>(
        "SELECT b.id, b.item_id, b.figure, b.indicator_id, b.created_at, b.created_by FROM target_bindings b \
         JOIN items i ON i.id = b.item_id WHERE i.plan_id = $1 ORDER BY b.item_id"
    )
    .bind(plan_id)
    .fetch_all(c)
    .await?)
    })
}
