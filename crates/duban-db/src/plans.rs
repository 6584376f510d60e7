//! Plans, their section tree, and the figures a report states.

use crate::{IndicatorValue, Plan, Result, Section, Tx};
use duban_core::{Cycle, PartKind};

pub struct NewPlan<'a> {
    pub government_id: i64,
    pub year: i64,
    pub title: &'a str,
    pub source_name: &'a str,
    pub source_text: &'a str,
    pub source_sha256: &'a str,
    pub review_year: Option<i64>,
    pub due_day: i64,
    pub default_cycle: Cycle,
    pub parse_diagnostics: Option<String>,
    pub imported_by: Option<i64>,
}

macro_rules! plan_select {
    () => {
        "SELECT p.id, p.government_id, g.name AS government_name, p.year, p.title, p.source_name, \
         p.source_sha256, p.review_year, p.due_day, p.default_cycle, p.thresholds, p.parse_diagnostics, \
         p.imported_at FROM plans p JOIN governments g ON g.id = p.government_id"
    };
}

pub async fn insert(tx: &mut Tx, p: &NewPlan<'_>) -> Result<i64> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_scalar::<_, i64>(
        "INSERT INTO plans (government_id, year, title, source_name, source_text, source_sha256, review_year, \
         due_day, default_cycle, parse_diagnostics, imported_at, imported_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id"
    )
    .bind(p.government_id)
    .bind(p.year)
    .bind(p.title)
    .bind(p.source_name)
    .bind(p.source_text)
    .bind(p.source_sha256)
    .bind(p.review_year)
    .bind(p.due_day)
    .bind(p.default_cycle.as_str())
    .bind(&p.parse_diagnostics)
    .bind(tx.at)
    .bind(p.imported_by)
    .fetch_one(c)
    .await?)
    })
}

pub async fn get(tx: &mut Tx, id: i64) -> Result<Option<Plan>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, Plan>(concat!(
        plan_select!(),
        " WHERE p.id = $1"
    ))
    .bind(id)
    .fetch_optional(c)
    .await?))
}

pub async fn by_government_year(tx: &mut Tx, government: &str, year: i64) -> Result<Option<Plan>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, Plan>(concat!(
        plan_select!(),
        " WHERE g.name = $1 AND p.year = $2"
    ))
    .bind(government)
    .bind(year)
    .fetch_optional(c)
    .await?))
}

/// Every plan, newest year first.
pub async fn list(tx: &mut Tx) -> Result<Vec<Plan>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, Plan>(concat!(
        plan_select!(),
        " ORDER BY p.year DESC, g.name, p.id"
    ))
    .fetch_all(c)
    .await?))
}

pub async fn source_text(tx: &mut Tx, plan_id: i64) -> Result<String> {
    with_conn!(tx, |c| Ok(sqlx::query_scalar::<_, String>(
        "SELECT source_text FROM plans WHERE id = $1"
    )
    .bind(plan_id)
    .fetch_one(c)
    .await?))
}

pub async fn set_settings(
    tx: &mut Tx,
    plan_id: i64,
    due_day: i64,
    default_cycle: Cycle,
    thresholds: Option<&str>,
) -> Result<()> {
    with_conn!(tx, |c| {
        sqlx::query(
            "UPDATE plans SET due_day = $1, default_cycle = $2, thresholds = $3 WHERE id = $4",
        )
        .bind(due_day)
        .bind(default_cycle.as_str())
        .bind(thresholds)
        .bind(plan_id)
        .execute(c)
        .await?;
        Ok(())
    })
}

pub struct NewSection<'a> {
    pub plan_id: i64,
    pub parent_id: Option<i64>,
    pub seq: i64,
    pub level: i64,
    pub marker: &'a str,
    pub heading: &'a str,
    pub part: PartKind,
    pub start_char: i64,
    pub end_char: i64,
}

pub async fn insert_section(tx: &mut Tx, s: &NewSection<'_>) -> Result<i64> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_scalar::<_, i64>(
        "INSERT INTO sections (plan_id, parent_id, seq, level, marker, heading, part, start_char, end_char) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id"
    )
    .bind(s.plan_id)
    .bind(s.parent_id)
    .bind(s.seq)
    .bind(s.level)
    .bind(s.marker)
    .bind(s.heading)
    .bind(s.part.as_str())
    .bind(s.start_char)
    .bind(s.end_char)
    .fetch_one(c)
    .await?)
    })
}

pub async fn sections(tx: &mut Tx, plan_id: i64) -> Result<Vec<Section>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, Section>(
        "SELECT id, plan_id, parent_id, seq, level, marker, heading, part, start_char, end_char \
         FROM sections WHERE plan_id = $1 ORDER BY seq"
    )
    .bind(plan_id)
    .fetch_all(c)
    .await?))
}

pub struct NewIndicatorValue<'a> {
    pub government_id: i64,
    pub name: &'a str,
    pub unit: &'a str,
    pub measure: &'a str,
    pub period: &'a str,
    pub value: f64,
    pub op: &'a str,
    pub provenance: &'a str,
    pub plan_id: Option<i64>,
    pub item_id: Option<i64>,
    pub start_char: Option<i64>,
    pub end_char: Option<i64>,
    pub recorded_by: Option<i64>,
}

/// Records a value of a named series, creating the series when new.
pub async fn insert_indicator_value(tx: &mut Tx, v: &NewIndicatorValue<'_>) -> Result<i64> {
    let id: Option<i64> = with_conn!(tx, |c| {
        sqlx::query_scalar::<_, i64>(
        "SELECT id FROM indicators WHERE government_id = $1 AND name = $2 AND unit = $3 AND measure = $4"
    )
    .bind(v.government_id)
    .bind(v.name)
    .bind(v.unit)
    .bind(v.measure)
    .fetch_optional(c)
    .await?
    });
    let indicator_id = match id {
        Some(id) => id,
        None => with_conn!(tx, |c| {
            sqlx::query_scalar::<_, i64>(
            "INSERT INTO indicators (government_id, name, unit, measure) VALUES ($1, $2, $3, $4) RETURNING id"
        )
        .bind(v.government_id)
        .bind(v.name)
        .bind(v.unit)
        .bind(v.measure)
        .fetch_one(c)
        .await?
        }),
    };
    with_conn!(tx, |c| {
        Ok(sqlx::query_scalar::<_, i64>(
        "INSERT INTO indicator_values (indicator_id, period, value, op, provenance, plan_id, item_id, \
         start_char, end_char, recorded_at, recorded_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id"
    )
    .bind(indicator_id)
    .bind(v.period)
    .bind(v.value)
    .bind(v.op)
    .bind(v.provenance)
    .bind(v.plan_id)
    .bind(v.item_id)
    .bind(v.start_char)
    .bind(v.end_char)
    .bind(tx.at)
    .bind(v.recorded_by)
    .fetch_one(c)
    .await?)
    })
}

/// The values a plan's report states (its review figures), in text order.
pub async fn plan_indicator_values(tx: &mut Tx, plan_id: i64) -> Result<Vec<IndicatorValue>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, IndicatorValue>(
        "SELECT v.id, v.indicator_id, i.name, i.unit, i.measure, v.period, v.value, v.op, v.provenance, \
         v.start_char, v.end_char FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id \
         WHERE v.plan_id = $1 ORDER BY v.start_char, v.id"
    )
    .bind(plan_id)
    .fetch_all(c)
    .await?)
    })
}
