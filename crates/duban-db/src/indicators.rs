//! Economic indicator series (经济运行指标) and their register values. A series is named
//! by government, name, unit and measure (a level and its growth are two series). Register
//! values have no plan (review actuals parsed from a report keep their plan_id).

use crate::{Result, Tx};
use serde::Serialize;
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Indicator {
    pub id: i64,
    pub government_id: i64,
    pub name: String,
    pub unit: String,
    pub measure: String,
    pub frequency: String,
    pub unit_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct SeriesValue {
    pub id: i64,
    pub indicator_id: i64,
    pub period: String,
    pub value: f64,
    pub provenance: String,
    pub note: Option<String>,
    pub recorded_at: OffsetDateTime,
    pub recorded_by: Option<i64>,
    pub recorded_by_name: Option<String>,
}

pub async fn list(tx: &mut Tx, government_id: i64) -> Result<Vec<Indicator>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, Indicator>(
        "SELECT id, government_id, name, unit, measure, frequency, unit_id FROM indicators \
         WHERE government_id = $1 ORDER BY id"
    )
    .bind(government_id)
    .fetch_all(c)
    .await?))
}

pub async fn get(tx: &mut Tx, id: i64) -> Result<Option<Indicator>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, Indicator>(
        "SELECT id, government_id, name, unit, measure, frequency, unit_id FROM indicators WHERE id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await?)
    })
}

/// The series with this name, unit and measure, created when missing; frequency and
/// reporting unit are updated to the given ones.
pub async fn ensure(
    tx: &mut Tx,
    government_id: i64,
    name: &str,
    unit: &str,
    measure: &str,
    frequency: &str,
    unit_id: Option<i64>,
) -> Result<i64> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_scalar::<_, i64>(
        "INSERT INTO indicators (government_id, name, unit, measure, frequency, unit_id) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (government_id, name, unit, measure) DO UPDATE SET frequency = excluded.frequency, \
         unit_id = COALESCE(excluded.unit_id, indicators.unit_id) RETURNING id"
    )
    .bind(government_id)
    .bind(name)
    .bind(unit)
    .bind(measure)
    .bind(frequency)
    .bind(unit_id)
    .fetch_one(c)
    .await?)
    })
}

macro_rules! values {
    () => {
        "SELECT v.id, v.indicator_id, v.period, v.value, v.provenance, v.note, v.recorded_at, v.recorded_by, \
         u.display_name AS recorded_by_name FROM indicator_values v LEFT JOIN users u ON u.id = v.recorded_by"
    };
}

/// Register values of every series of a government in a year (periods `YYYY-MM`), one query.
pub async fn values_of_year(
    tx: &mut Tx,
    government_id: i64,
    year: i64,
) -> Result<Vec<SeriesValue>> {
    let from = format!("{year:04}-01");
    let to = format!("{year:04}-12");
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, SeriesValue>(concat!(
        values!(),
        " JOIN indicators i ON i.id = v.indicator_id WHERE i.government_id = $1 AND v.plan_id IS NULL \
          AND v.period >= $2 AND v.period <= $3 ORDER BY v.indicator_id, v.period"
    ))
    .bind(government_id)
    .bind(from)
    .bind(to)
    .fetch_all(c)
    .await?)
    })
}

pub async fn values_of(tx: &mut Tx, indicator_id: i64) -> Result<Vec<SeriesValue>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, SeriesValue>(concat!(
        values!(),
        " WHERE v.indicator_id = $1 AND v.plan_id IS NULL ORDER BY v.period"
    ))
    .bind(indicator_id)
    .fetch_all(c)
    .await?))
}

pub async fn value(tx: &mut Tx, indicator_id: i64, period: &str) -> Result<Option<SeriesValue>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, SeriesValue>(concat!(
        values!(),
        " WHERE v.indicator_id = $1 AND v.period = $2 AND v.plan_id IS NULL"
    ))
    .bind(indicator_id)
    .bind(period)
    .fetch_optional(c)
    .await?))
}

/// Sets the register value of a series for a period (one per period), with who and where
/// it came from.
pub async fn set_value(
    tx: &mut Tx,
    indicator_id: i64,
    period: &str,
    value: f64,
    provenance: &str,
    note: Option<&str>,
    by: Option<i64>,
) -> Result<()> {
    let t = tx.at;
    with_conn!(tx, |c| {
        let n = sqlx::query(
            "UPDATE indicator_values SET value = $1, provenance = $2, note = $3, recorded_at = $4, recorded_by = $5 \
             WHERE indicator_id = $6 AND period = $7 AND plan_id IS NULL",
        )
        .bind(value)
        .bind(provenance)
        .bind(note)
        .bind(t)
        .bind(by)
        .bind(indicator_id)
        .bind(period)
        .execute(&mut *c)
        .await?
        .rows_affected();
        if n == 0 {
            sqlx::query(
                "INSERT INTO indicator_values (indicator_id, period, value, op, provenance, note, recorded_at, recorded_by) \
                 VALUES ($1, $2, $3, '=', $4, $5, $6, $7)",
            )
            .bind(indicator_id)
            .bind(period)
            .bind(value)
            .bind(provenance)
            .bind(note)
            .bind(t)
            .bind(by)
            .execute(&mut *c)
            .await?;
        }
        Ok(())
    })
}
