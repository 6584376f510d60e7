//! Key projects (重点项目) and their monthly reports. A monthly report is a row of
//! `progress_reports` with `project_id` set, so it moves through the same states and keeps
//! its history in `report_history` ([`crate::reports::set_state`], [`crate::reports::add_history`]).

use crate::{Result, Tx};
use duban_core::ReportState;
use serde::Serialize;
use time::{Date, OffsetDateTime};

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Project {
    pub id: i64,
    pub government_id: i64,
    pub year: i64,
    pub name: String,
    pub content: String,
    pub lead_unit_id: Option<i64>,
    pub lead_unit_name: Option<String>,
    pub leader_name: String,
    pub level: Option<String>,
    pub over_100m: bool,
    pub total_investment: f64,
    pub annual_plan_investment: Option<f64>,
    pub stage: Option<String>,
    pub signed_on: Option<Date>,
    pub landed_on: Option<Date>,
    pub started_on: Option<Date>,
    pub producing_on: Option<Date>,
    pub planned_start: Option<Date>,
    pub registered_on: Option<Date>,
    pub campaign: String,
    pub nodes: String,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

/// The fields an entry form or an import sets.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProjectFields<'a> {
    pub name: &'a str,
    pub content: &'a str,
    pub lead_unit_id: Option<i64>,
    pub leader_name: &'a str,
    pub level: Option<&'a str>,
    pub over_100m: bool,
    pub total_investment: f64,
    pub annual_plan_investment: Option<f64>,
    pub stage: Option<&'a str>,
    pub signed_on: Option<Date>,
    pub landed_on: Option<Date>,
    pub started_on: Option<Date>,
    pub producing_on: Option<Date>,
    pub planned_start: Option<Date>,
    pub registered_on: Option<Date>,
    pub campaign: &'a str,
    pub nodes: &'a str,
}

macro_rules! select {
    () => {
        "SELECT p.id, p.government_id, p.year, p.name, p.content, p.lead_unit_id, u.name AS lead_unit_name, \
     p.leader_name, p.level, p.over_100m, p.total_investment, p.annual_plan_investment, p.stage, p.signed_on, \
     p.landed_on, p.started_on, p.producing_on, p.planned_start, p.registered_on, p.campaign, p.nodes, \
     p.created_at, p.updated_at FROM projects p LEFT JOIN units u ON u.id = p.lead_unit_id"
    };
}

/// What a list is narrowed to.
#[derive(Debug, Clone, Default)]
pub struct ProjectFilter<'a> {
    pub government_id: i64,
    pub year: i64,
    pub unit_id: Option<i64>,
    pub level: Option<&'a str>,
    pub stage: Option<&'a str>,
}

pub async fn list(tx: &mut Tx, f: &ProjectFilter<'_>) -> Result<Vec<Project>> {
    let sql = concat!(
        select!(),
        " WHERE p.government_id = $1 AND p.year = $2 AND ($3 IS NULL OR p.lead_unit_id = $3) \
         AND ($4 IS NULL OR p.level = $4) AND ($5 IS NULL OR p.stage = $5) ORDER BY p.id"
    );
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, Project>(sql)
        .bind(f.government_id)
        .bind(f.year)
        .bind(f.unit_id)
        .bind(f.level)
        .bind(f.stage)
        .fetch_all(c)
        .await?))
}

/// The filter of [`list`] as SQL, for a page and its count.
macro_rules! project_where {
    () => {
        " WHERE p.government_id = $1 AND p.year = $2 AND ($3 IS NULL OR p.lead_unit_id = $3) \
         AND ($4 IS NULL OR p.level = $4) AND ($5 IS NULL OR p.stage = $5)"
    };
}

/// One page of [`list`] (`limit` rows from `offset`) and how many rows match in all.
pub async fn list_page(
    tx: &mut Tx,
    f: &ProjectFilter<'_>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Project>, i64)> {
    let sql = concat!(
        select!(),
        project_where!(),
        " ORDER BY p.id LIMIT $6 OFFSET $7"
    );
    let rows = with_conn!(tx, |c| sqlx::query_as::<_, Project>(sql)
        .bind(f.government_id)
        .bind(f.year)
        .bind(f.unit_id)
        .bind(f.level)
        .bind(f.stage)
        .bind(limit)
        .bind(offset)
        .fetch_all(c)
        .await?);
    let count_sql = concat!("SELECT COUNT(*) FROM projects p", project_where!());
    let total = with_conn!(tx, |c| sqlx::query_scalar::<_, i64>(count_sql)
        .bind(f.government_id)
        .bind(f.year)
        .bind(f.unit_id)
        .bind(f.level)
        .bind(f.stage)
        .fetch_one(c)
        .await?);
    Ok((rows, total))
}

/// The accepted figures (as [`accepted_figures`]) of the projects on one page of
/// [`list_page`] only, so that a page costs the same however large the register.
pub async fn accepted_figures_page(
    tx: &mut Tx,
    f: &ProjectFilter<'_>,
    limit: i64,
    offset: i64,
    period: &str,
) -> Result<Vec<(i64, String, f64)>> {
    // The page's projects first (CROSS JOIN keeps SQLite's order, see accepted_figures).
    let sql = concat!(
        "SELECT r.project_id, r.period, r.value FROM (SELECT p.id FROM projects p",
        project_where!(),
        " ORDER BY p.id LIMIT $6 OFFSET $7) pg CROSS JOIN progress_reports r WHERE r.project_id = pg.id \
         AND r.period <= $8 AND r.state = 'accepted' AND r.value IS NOT NULL ORDER BY r.project_id, r.period"
    );
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, (i64, String, f64)>(sql)
        .bind(f.government_id)
        .bind(f.year)
        .bind(f.unit_id)
        .bind(f.level)
        .bind(f.stage)
        .bind(limit)
        .bind(offset)
        .bind(period)
        .fetch_all(c)
        .await?))
}

pub async fn get(tx: &mut Tx, id: i64) -> Result<Option<Project>> {
    let sql = concat!(select!(), " WHERE p.id = $1");
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, Project>(sql)
        .bind(id)
        .fetch_optional(c)
        .await?))
}

pub async fn insert(
    tx: &mut Tx,
    government_id: i64,
    year: i64,
    p: &ProjectFields<'_>,
) -> Result<i64> {
    let t = tx.at;
    with_conn!(tx, |c| {
        Ok(sqlx::query_scalar::<_, i64>(
        "INSERT INTO projects (government_id, year, name, content, lead_unit_id, leader_name, level, over_100m, \
         total_investment, annual_plan_investment, stage, signed_on, landed_on, started_on, producing_on, \
         planned_start, registered_on, campaign, nodes, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $20) \
         RETURNING id"
    )
    .bind(government_id)
    .bind(year)
    .bind(p.name)
    .bind(p.content)
    .bind(p.lead_unit_id)
    .bind(p.leader_name)
    .bind(p.level)
    .bind(p.over_100m)
    .bind(p.total_investment)
    .bind(p.annual_plan_investment)
    .bind(p.stage)
    .bind(p.signed_on)
    .bind(p.landed_on)
    .bind(p.started_on)
    .bind(p.producing_on)
    .bind(p.planned_start)
    .bind(p.registered_on)
    .bind(p.campaign)
    .bind(p.nodes)
    .bind(t)
    .fetch_one(c)
    .await?)
    })
}

pub async fn update(tx: &mut Tx, id: i64, p: &ProjectFields<'_>) -> Result<()> {
    with_conn!(tx, |c| {
        sqlx::query(
        "UPDATE projects SET name = $1, content = $2, lead_unit_id = $3, leader_name = $4, level = $5, over_100m = $6, \
         total_investment = $7, annual_plan_investment = $8, stage = $9, signed_on = $10, landed_on = $11, \
         started_on = $12, producing_on = $13, planned_start = $14, registered_on = $15, campaign = $16, nodes = $17, \
         updated_at = $18 WHERE id = $19"
    )
    .bind(p.name)
    .bind(p.content)
    .bind(p.lead_unit_id)
    .bind(p.leader_name)
    .bind(p.level)
    .bind(p.over_100m)
    .bind(p.total_investment)
    .bind(p.annual_plan_investment)
    .bind(p.stage)
    .bind(p.signed_on)
    .bind(p.landed_on)
    .bind(p.started_on)
    .bind(p.producing_on)
    .bind(p.planned_start)
    .bind(p.registered_on)
    .bind(p.campaign)
    .bind(p.nodes)
    .bind(tx.at)
    .bind(id)
    .execute(c)
    .await?
    .rows_affected()
    });
    Ok(())
}

pub async fn count(tx: &mut Tx, government_id: i64, year: i64) -> Result<i64> {
    with_conn!(tx, |c| Ok(sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM projects WHERE government_id = $1 AND year = $2"
    )
    .bind(government_id)
    .bind(year)
    .fetch_one(c)
    .await?))
}

/// A project's monthly report: year-to-date completed investment (亿元) and its 形象进度.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct ProjectReport {
    pub id: i64,
    pub project_id: i64,
    pub unit_id: i64,
    pub period: String,
    pub value: Option<f64>,
    pub progress: String,
    pub problems: String,
    pub next_steps: String,
    #[sqlx(try_from = "String")]
    pub state: ReportState,
    pub return_comment: Option<String>,
    pub version: i64,
    pub created_by: Option<i64>,
    pub updated_at: OffsetDateTime,
}

macro_rules! report {
    () => {
        "SELECT id, project_id, unit_id, period, value, progress, problems, next_steps, state, \
     return_comment, version, created_by, updated_at FROM progress_reports"
    };
}

pub async fn report(tx: &mut Tx, id: i64) -> Result<Option<ProjectReport>> {
    let sql = concat!(report!(), " WHERE id = $1 AND project_id IS NOT NULL");
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, ProjectReport>(sql)
        .bind(id)
        .fetch_optional(c)
        .await?))
}

pub async fn find_report(
    tx: &mut Tx,
    project_id: i64,
    period: &str,
) -> Result<Option<ProjectReport>> {
    let sql = concat!(report!(), " WHERE project_id = $1 AND period = $2");
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, ProjectReport>(sql)
        .bind(project_id)
        .bind(period)
        .fetch_optional(c)
        .await?))
}

pub async fn reports_of(tx: &mut Tx, project_id: i64) -> Result<Vec<ProjectReport>> {
    let sql = concat!(report!(), " WHERE project_id = $1 ORDER BY period");
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, ProjectReport>(sql)
        .bind(project_id)
        .fetch_all(c)
        .await?))
}

/// Project reports in `state` for a government's year (a reviewer's queue), optionally of
/// one unit.
pub async fn reports_in_state(
    tx: &mut Tx,
    government_id: i64,
    year: i64,
    state: ReportState,
    unit_id: Option<i64>,
) -> Result<Vec<ProjectReport>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, ProjectReport>(
        "SELECT r.id, r.project_id, r.unit_id, r.period, r.value, r.progress, r.problems, r.next_steps, r.state, \
         r.return_comment, r.version, r.created_by, r.updated_at FROM progress_reports r \
         JOIN projects p ON p.id = r.project_id WHERE p.government_id = $1 AND p.year = $2 AND r.state = $3 \
         AND ($4 IS NULL OR r.unit_id = $4) ORDER BY r.period, r.id"
    )
    .bind(government_id)
    .bind(year)
    .bind(state.as_str())
    .bind(unit_id)
    .fetch_all(c)
    .await?)
    })
}

pub struct ReportFields<'a> {
    pub value: Option<f64>,
    pub progress: &'a str,
    pub problems: &'a str,
    pub next_steps: &'a str,
}

pub async fn insert_report(
    tx: &mut Tx,
    project_id: i64,
    unit_id: i64,
    period: &str,
    f: &ReportFields<'_>,
    state: ReportState,
    created_by: Option<i64>,
) -> Result<i64> {
    let t = tx.at;
    let accepted = (state == ReportState::Accepted).then_some(t);
    with_conn!(tx, |c| {
        Ok(sqlx::query_scalar::<_, i64>(
        "INSERT INTO progress_reports (project_id, unit_id, period, value, progress, problems, next_steps, state, \
         provenance, version, created_by, created_at, updated_at, accepted_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'reported', 1, $9, $10, $10, $11) RETURNING id"
    )
    .bind(project_id)
    .bind(unit_id)
    .bind(period)
    .bind(f.value)
    .bind(f.progress)
    .bind(f.problems)
    .bind(f.next_steps)
    .bind(state.as_str())
    .bind(created_by)
    .bind(t)
    .bind(accepted)
    .fetch_one(c)
    .await?)
    })
}

pub async fn update_report(tx: &mut Tx, id: i64, f: &ReportFields<'_>) -> Result<()> {
    with_conn!(tx, |c| sqlx::query(
        "UPDATE progress_reports SET value = $1, progress = $2, problems = $3, next_steps = $4, \
         version = version + 1, updated_at = $5 WHERE id = $6 AND project_id IS NOT NULL"
    )
    .bind(f.value)
    .bind(f.progress)
    .bind(f.problems)
    .bind(f.next_steps)
    .bind(tx.at)
    .bind(id)
    .execute(c)
    .await?
    .rows_affected());
    Ok(())
}

/// The accepted year-to-date completed investment of every project of a government's year
/// up to `period`: (project id, period, value). One query for a whole register.
pub async fn accepted_figures(
    tx: &mut Tx,
    government_id: i64,
    year: i64,
    period: &str,
) -> Result<Vec<(i64, String, f64)>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, (i64, String, f64)>(
            // CROSS JOIN keeps SQLite's join order: the government's projects of the year, then
            // each one's reports (index progress_reports_project), instead of every accepted
            // report of the database by the state index. PostgreSQL plans it as an inner join.
            "SELECT r.project_id, r.period, r.value FROM projects p CROSS JOIN progress_reports r \
         WHERE r.project_id = p.id AND p.government_id = $1 AND p.year = $2 AND r.period <= $3 \
         AND r.state = 'accepted' AND r.value IS NOT NULL ORDER BY r.project_id, r.period",
        )
        .bind(government_id)
        .bind(year)
        .bind(period)
        .fetch_all(c)
        .await?)
    })
}
