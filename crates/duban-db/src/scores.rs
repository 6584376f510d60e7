//! Manual score adjustments (with their reason; the app audits them) and published score
//! snapshots per unit and span.

use crate::{Result, Tx};
use duban_core::Period;
use duban_core::scoring::Adjustment;
use serde::Serialize;
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct AdjustmentRow {
    pub id: i64,
    pub plan_id: i64,
    pub unit_id: i64,
    pub item_id: Option<i64>,
    pub period: String,
    pub points: f64,
    pub reason: String,
    pub created_at: OffsetDateTime,
    pub created_by: Option<i64>,
}

impl AdjustmentRow {
    pub fn to_core(&self) -> Option<Adjustment> {
        Some(Adjustment {
            id: self.id,
            unit_id: self.unit_id,
            item_id: self.item_id,
            period: self.period.parse::<Period>().ok()?,
            points: self.points,
            reason: self.reason.clone(),
        })
    }
}

pub struct NewAdjustment<'a> {
    pub plan_id: i64,
    pub unit_id: i64,
    pub item_id: Option<i64>,
    pub period: Period,
    pub points: f64,
    pub reason: &'a str,
    pub created_by: Option<i64>,
}

pub async fn add_adjustment(tx: &mut Tx, a: &NewAdjustment<'_>) -> Result<i64> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_scalar::<_, i64>(
        "INSERT INTO score_adjustments (plan_id, unit_id, item_id, period, points, reason, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"
    )
    .bind(a.plan_id)
    .bind(a.unit_id)
    .bind(a.item_id)
    .bind(a.period.to_string())
    .bind(a.points)
    .bind(a.reason)
    .bind(tx.at)
    .bind(a.created_by)
    .fetch_one(c)
    .await?)
    })
}

pub async fn adjustments(tx: &mut Tx, plan_id: i64) -> Result<Vec<AdjustmentRow>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, AdjustmentRow>(
        "SELECT id, plan_id, unit_id, item_id, period, points, reason, created_at, created_by \
         FROM score_adjustments WHERE plan_id = $1 ORDER BY period, id"
    )
    .bind(plan_id)
    .fetch_all(c)
    .await?))
}

pub async fn delete_adjustment(tx: &mut Tx, id: i64) -> Result<Option<AdjustmentRow>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, AdjustmentRow>(
        "DELETE FROM score_adjustments WHERE id = $1 \
         RETURNING id, plan_id, unit_id, item_id, period, points, reason, created_at, created_by"
    )
    .bind(id)
    .fetch_optional(c)
    .await?))
}

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Snapshot {
    pub plan_id: i64,
    /// 2024-06, 2024-Q2 or 2024.
    pub span: String,
    pub unit_id: i64,
    pub total: f64,
    pub rank: i64,
    /// The entries (得分反查) as JSON.
    pub entries: String,
    pub computed_at: OffsetDateTime,
}

/// One unit's published score.
pub struct SnapshotRow<'a> {
    pub unit_id: i64,
    pub total: f64,
    pub rank: i64,
    pub entries_json: &'a str,
}

/// Publishes (or republishes) a span's scores: the rows replace those of the span.
pub async fn save_snapshot(
    tx: &mut Tx,
    plan_id: i64,
    span: &str,
    rows: &[SnapshotRow<'_>],
) -> Result<()> {
    let at = tx.at;
    with_conn!(tx, |c| {
        sqlx::query("DELETE FROM score_snapshots WHERE plan_id = $1 AND span = $2")
            .bind(plan_id)
            .bind(span)
            .execute(&mut *c)
            .await?;
        for r in rows {
            sqlx::query(
                "INSERT INTO score_snapshots (plan_id, span, unit_id, total, rank, entries, computed_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(plan_id)
            .bind(span)
            .bind(r.unit_id)
            .bind(r.total)
            .bind(r.rank)
            .bind(r.entries_json)
            .bind(at)
            .execute(&mut *c)
            .await?;
        }
        Ok(())
    })
}

/// A span's published scores, best first.
pub async fn snapshot(tx: &mut Tx, plan_id: i64, span: &str) -> Result<Vec<Snapshot>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, Snapshot>(
        "SELECT plan_id, span, unit_id, total, rank, entries, computed_at FROM score_snapshots \
         WHERE plan_id = $1 AND span = $2 ORDER BY rank, unit_id"
    )
    .bind(plan_id)
    .bind(span)
    .fetch_all(c)
    .await?))
}
