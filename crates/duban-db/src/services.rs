//! 政务服务事项目录.

use crate::{Result, Tx};
use serde::Serialize;
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct ServiceItem {
    pub id: i64,
    pub government_id: i64,
    pub code: String,
    pub name: String,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub kind: String,
    pub at_most_once: bool,
    pub no_visit: bool,
    pub fully_online: bool,
    pub one_window: bool,
    pub legal_days: Option<i64>,
    pub promised_days: Option<i64>,
    pub updated_at: OffsetDateTime,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ServiceFields<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub unit_id: Option<i64>,
    pub kind: &'a str,
    pub at_most_once: bool,
    pub no_visit: bool,
    pub fully_online: bool,
    pub one_window: bool,
    pub legal_days: Option<i64>,
    pub promised_days: Option<i64>,
}

macro_rules! select {
    () => {
        "SELECT s.id, s.government_id, s.code, s.name, s.unit_id, u.name AS unit_name, s.kind, s.at_most_once, \
         s.no_visit, s.fully_online, s.one_window, s.legal_days, s.promised_days, s.updated_at \
         FROM service_items s LEFT JOIN units u ON u.id = s.unit_id"
    };
}

pub async fn list(
    tx: &mut Tx,
    government_id: i64,
    unit_id: Option<i64>,
) -> Result<Vec<ServiceItem>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, ServiceItem>(concat!(
        select!(),
        " WHERE s.government_id = $1 AND ($2 IS NULL OR s.unit_id = $2) ORDER BY s.id"
    ))
    .bind(government_id)
    .bind(unit_id)
    .fetch_all(c)
    .await?))
}

/// One page of [`list`] (`limit` rows from `offset`, optionally only names containing
/// `name`) and how many rows match in all.
pub async fn list_page(
    tx: &mut Tx,
    government_id: i64,
    unit_id: Option<i64>,
    name: Option<&str>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<ServiceItem>, i64)> {
    let pattern = name.map(|n| format!("%{}%", n.replace(['%', '_'], "")));
    let rows = with_conn!(tx, |c| sqlx::query_as::<_, ServiceItem>(concat!(
        select!(),
        " WHERE s.government_id = $1 AND ($2 IS NULL OR s.unit_id = $2) \
          AND ($3 IS NULL OR s.name LIKE $3) ORDER BY s.id LIMIT $4 OFFSET $5"
    ))
    .bind(government_id)
    .bind(unit_id)
    .bind(pattern.as_deref())
    .bind(limit)
    .bind(offset)
    .fetch_all(c)
    .await?);
    let total = with_conn!(tx, |c| sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM service_items s WHERE s.government_id = $1 \
         AND ($2 IS NULL OR s.unit_id = $2) AND ($3 IS NULL OR s.name LIKE $3)"
    )
    .bind(government_id)
    .bind(unit_id)
    .bind(pattern.as_deref())
    .fetch_one(c)
    .await?);
    Ok((rows, total))
}

pub async fn get(tx: &mut Tx, id: i64) -> Result<Option<ServiceItem>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, ServiceItem>(concat!(
        select!(),
        " WHERE s.id = $1"
    ))
    .bind(id)
    .fetch_optional(c)
    .await?))
}

pub async fn insert(tx: &mut Tx, government_id: i64, s: &ServiceFields<'_>) -> Result<i64> {
    let t = tx.at;
    with_conn!(tx, |c| {
        Ok(sqlx::query_scalar::<_, i64>(
        "INSERT INTO service_items (government_id, code, name, unit_id, kind, at_most_once, no_visit, fully_online, \
         one_window, legal_days, promised_days, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id"
    )
    .bind(government_id)
    .bind(s.code)
    .bind(s.name)
    .bind(s.unit_id)
    .bind(s.kind)
    .bind(s.at_most_once)
    .bind(s.no_visit)
    .bind(s.fully_online)
    .bind(s.one_window)
    .bind(s.legal_days)
    .bind(s.promised_days)
    .bind(t)
    .fetch_one(c)
    .await?)
    })
}

pub async fn update(tx: &mut Tx, id: i64, s: &ServiceFields<'_>) -> Result<()> {
    with_conn!(tx, |c| {
        sqlx::query(
        "UPDATE service_items SET code = $1, name = $2, unit_id = $3, kind = $4, at_most_once = $5, no_visit = $6, \
         fully_online = $7, one_window = $8, legal_days = $9, promised_days = $10, updated_at = $11 WHERE id = $12"
    )
    .bind(s.code)
    .bind(s.name)
    .bind(s.unit_id)
    .bind(s.kind)
    .bind(s.at_most_once)
    .bind(s.no_visit)
    .bind(s.fully_online)
    .bind(s.one_window)
    .bind(s.legal_days)
    .bind(s.promised_days)
    .bind(tx.at)
    .bind(id)
    .execute(c)
    .await?
    .rows_affected()
    });
    Ok(())
}

pub async fn delete(tx: &mut Tx, id: i64) -> Result<()> {
    with_conn!(tx, |c| sqlx::query(
        "DELETE FROM service_items WHERE id = $1"
    )
    .bind(id)
    .execute(c)
    .await?
    .rows_affected());
    Ok(())
}
