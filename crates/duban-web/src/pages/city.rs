//! 全市汇总: the city roll-up for city-level users — one row per government of a year,
//! every number linking down to that district's dashboard or item list.

use super::views::*;
use super::{PageResult, render};
use crate::extract::PageUser;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use duban_app::core::Period;
use duban_app::{App, AppError, city};
use serde::Deserialize;

pub fn routes() -> Router<App> {
    Router::new().route("/city", get(city_page))
}

#[derive(Deserialize, Default)]
pub struct CityQuery {
    #[serde(default)]
    year: String,
    #[serde(default)]
    period: String,
}

/// One status cell: code, count.
type Cell = (&'static str, usize);

struct Row {
    rank: usize,
    government: String,
    plan_id: i64,
    period: String,
    total: usize,
    cells: Vec<Cell>,
    green: usize,
    yellow: usize,
    red: usize,
    lagging: usize,
    lagging_share: String,
    green_share: String,
    projects: usize,
    key_investment: String,
    project_red: usize,
    proposals: usize,
    reply_rate: String,
}

#[derive(Template)]
#[template(path = "city.html")]
struct CityPage {
    me: Me,
    year: i64,
    years: Vec<i64>,
    period: String,
    labels: Vec<&'static str>,
    rows: Vec<Row>,
    totals: city::Counts,
    lagging_share: String,
}

async fn city_page(
    State(app): State<App>,
    user: PageUser,
    Query(q): Query<CityQuery>,
) -> PageResult {
    let year = match q.year.trim() {
        "" => None,
        y => Some(
            y.parse::<i64>()
                .map_err(|_| AppError::BadInput(format!("年份无效：{y}")))?,
        ),
    };
    let period = match q.period.trim() {
        "" => None,
        p => Some(
            p.parse::<Period>()
                .map_err(|e| AppError::BadInput(e.to_string()))?,
        ),
    };
    let r = city::rollup(&app, &user.actor, year, period, app.today()).await?;
    let opt = |x: Option<f64>| x.map(pct).unwrap_or_else(|| "—".into());
    let rows = r
        .rows
        .iter()
        .map(|row| Row {
            rank: row.rank,
            government: row.government.clone(),
            plan_id: row.plan_id,
            period: row.period.clone(),
            total: row.counts.total,
            cells: row
                .counts
                .by_status
                .iter()
                .map(|s| (s.status.as_str(), s.count))
                .collect(),
            green: row.counts.green,
            yellow: row.counts.yellow,
            red: row.counts.red,
            lagging: row.counts.lagging,
            lagging_share: pct(row.counts.lagging_share),
            green_share: pct(row.counts.green_share),
            projects: row.registers.projects,
            key_investment: opt(row.registers.key_investment_share),
            project_red: row.registers.project_red,
            proposals: row.registers.proposals,
            reply_rate: opt(row.registers.proposal_reply_rate),
        })
        .collect();
    render(CityPage {
        me: Me::of(&user.actor),
        year: r.year,
        years: r.years.clone(),
        period: period.map(|p| p.to_string()).unwrap_or_default(),
        labels: r.totals.by_status.iter().map(|s| s.label).collect(),
        lagging_share: pct(r.totals.lagging_share),
        totals: r.totals,
        rows,
    })
}
