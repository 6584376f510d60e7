//! Notices of the escalation ladder. (The key-project, proposal and service-item tables
//! exist in the schema; their behaviour comes with their own issue.)

use crate::{Notice, Result, Tx, now};
use duban_core::NoticeKind;
use time::Date;

pub struct NewNotice<'a> {
    pub plan_id: Option<i64>,
    pub item_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub kind: NoticeKind,
    pub number: Option<&'a str>,
    pub title: &'a str,
    pub body: &'a str,
    pub period: Option<&'a str>,
    pub due_date: Option<Date>,
    pub issued_by: Option<i64>,
}

pub async fn insert_notice(tx: &mut Tx, n: &NewNotice<'_>) -> Result<i64> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_scalar::<_, i64>(
        "INSERT INTO notices (plan_id, item_id, unit_id, kind, number, title, body, period, due_date, issued_at, issued_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id"
    )
    .bind(n.plan_id)
    .bind(n.item_id)
    .bind(n.unit_id)
    .bind(n.kind.as_str())
    .bind(n.number)
    .bind(n.title)
    .bind(n.body)
    .bind(n.period)
    .bind(n.due_date)
    .bind(now())
    .bind(n.issued_by)
    .fetch_one(c)
    .await?)
    })
}

/// Open notices of a unit (or of everyone), newest first.
pub async fn open_notices(tx: &mut Tx, unit_id: Option<i64>) -> Result<Vec<Notice>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, Notice>(
        "SELECT id, plan_id, item_id, unit_id, kind, number, title, body, period, due_date, issued_at, issued_by, \
         resolved_at FROM notices WHERE resolved_at IS NULL AND ($1 IS NULL OR unit_id = $1) ORDER BY id DESC"
    )
    .bind(unit_id)
    .fetch_all(c)
    .await?)
    })
}
