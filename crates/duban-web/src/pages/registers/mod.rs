//! 台账 pages: one module per register (重点项目, 建议提案, 政务服务事项, 经济运行指标), the
//! shared entry form, paging and the import/export page (`files`). What the actor may see
//! and change is decided in duban-app; these pages only offer what it allows.

pub mod binding;
pub mod dash;
mod files;
mod form;
mod indicators;
mod projects;
mod proposals;
mod services;

use super::views::{Me, Opt};
use super::{PageResult, render};
use crate::error::PageError;
use crate::extract::PageUser;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use duban_app::{Actor, App, AppError, registers};
use serde::Deserialize;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/registers", get(index))
        .merge(projects::routes())
        .merge(proposals::routes())
        .merge(services::routes())
        .merge(indicators::routes())
        .merge(files::routes())
        .merge(binding::routes())
}

/// Rows per page of a register list.
pub const PER_PAGE: i64 = 50;

/// The government and year a register page is about: `?g=<id>&year=` or the latest
/// plan's (the first government and this year when there is no plan).
#[derive(Debug, Clone)]
pub struct Scope {
    pub government_id: i64,
    pub government: String,
    pub year: i32,
    pub gov_opts: Vec<Opt>,
}

impl Scope {
    /// `g=…&year=…` for links that keep the scope.
    pub fn query(&self) -> String {
        format!("g={}&year={}", self.government_id, self.year)
    }
}

#[derive(Debug, Deserialize, Default)]
pub struct ScopeQuery {
    #[serde(default)]
    pub g: String,
    #[serde(default)]
    pub year: String,
    /// `?plan=ID`: that plan's government and year (the menu's link on a shared page).
    #[serde(default)]
    pub plan: String,
}

/// The scope of `?g=&year=`, or of `?plan=` when neither is given.
pub async fn scope_of(app: &App, actor: &Actor, q: &ScopeQuery) -> Result<Scope, PageError> {
    if q.g.trim().is_empty()
        && q.year.trim().is_empty()
        && !q.plan.trim().is_empty()
        && let Some(p) = super::page_plan(app, actor, &q.plan).await?
    {
        let (g, year) = (p.government_id.to_string(), p.year.to_string());
        return scope(app, actor, &g, &year).await;
    }
    scope(app, actor, &q.g, &q.year).await
}

/// The governments offered are those the actor sees; without `?g=` the plan the user is
/// looking at decides (another government's id is not found).
pub async fn scope(app: &App, actor: &Actor, g: &str, year: &str) -> Result<Scope, PageError> {
    let govs = registers::governments(app, actor).await?;
    let plan = duban_app::plan_choice::current_plan_for(app, actor).await?;
    let wanted: Option<i64> = match g.trim() {
        "" => None,
        s => Some(
            s.parse()
                .map_err(|_| AppError::BadInput(format!("政府编号“{s}”无效")))?,
        ),
    };
    let gov = match wanted {
        Some(id) => govs.iter().find(|x| x.id == id).ok_or(AppError::NotFound)?,
        None => plan
            .as_ref()
            .and_then(|p| govs.iter().find(|x| x.id == p.government_id))
            .or(govs.first())
            .ok_or_else(|| AppError::BadInput("尚无政府，请先导入政府工作报告".into()))?,
    };
    let year = match year.trim() {
        "" => plan
            .as_ref()
            .map(|p| p.year as i32)
            .unwrap_or_else(|| app.today().year()),
        s => s
            .parse::<i32>()
            .ok()
            .filter(|y| (2000..=2100).contains(y))
            .ok_or_else(|| AppError::BadInput(format!("年份“{s}”应为四位数字")))?,
    };
    Ok(Scope {
        government_id: gov.id,
        government: gov.name.clone(),
        year,
        gov_opts: govs
            .iter()
            .map(|x| Opt::new(x.id, &x.name, &gov.id.to_string()))
            .collect(),
    })
}

/// The month figures are shown for: `?period=` if given, else December of past years, the
/// current month of this year.
pub fn period_of(app: &App, year: i32, p: &str) -> Result<duban_app::core::Period, PageError> {
    use duban_app::core::Period;
    if !p.trim().is_empty() {
        let period: Period = p
            .trim()
            .parse()
            .map_err(|e: duban_app::core::period::BadPeriod| AppError::BadInput(e.to_string()))?;
        return Ok(period);
    }
    let today = app.today();
    let month = match year.cmp(&today.year()) {
        std::cmp::Ordering::Less => 12,
        std::cmp::Ordering::Equal => u8::from(today.month()),
        std::cmp::Ordering::Greater => 1,
    };
    Ok(Period { year, month })
}

/// The links of a paged list: previous / next with the list's own query string.
#[derive(Debug, Clone)]
pub struct Pager {
    pub page: i64,
    pub pages: i64,
    pub total: i64,
    pub prev: String,
    pub next: String,
}

impl Pager {
    /// `base` is the list's path with its filters (ending in `?…&` or `?`).
    pub fn of<T>(p: &registers::Paged<T>, base: &str) -> Self {
        let pages = p.pages();
        Self {
            page: p.page,
            pages,
            total: p.total,
            prev: if p.page > 1 {
                format!("{base}page={}", p.page - 1)
            } else {
                String::new()
            },
            next: if p.page < pages {
                format!("{base}page={}", p.page + 1)
            } else {
                String::new()
            },
        }
    }
}

pub fn page_no(s: &str) -> i64 {
    s.trim().parse().unwrap_or(1)
}

/// 亿元 figures: 261.2亿元; under 1亿 as 万元 (0.35 → 3500万元).
pub fn yi(x: f64) -> String {
    if x.abs() < 1.0 && x != 0.0 {
        format!("{}万元", super::views::num((x * 10000.0).round()))
    } else {
        format!("{}亿元", super::views::num((x * 100.0).round() / 100.0))
    }
}

pub fn opt_pct(x: Option<f64>) -> String {
    x.map(super::views::pct).unwrap_or_else(|| "—".into())
}

/// Unit options for a select of a register of `government_id`, `current` selected: that
/// government's units only (names repeat across governments).
pub async fn unit_opts(
    app: &App,
    government_id: i64,
    current: Option<i64>,
) -> Result<Vec<Opt>, PageError> {
    let cur = current.map(|c| c.to_string()).unwrap_or_default();
    Ok(duban_app::admin::units_of_government(app, government_id)
        .await?
        .into_iter()
        .filter(|u| u.active && u.government_id.is_none_or(|g| g == government_id))
        .map(|u| Opt::new(u.id, u.name, &cur))
        .collect())
}

#[derive(Template)]
#[template(path = "registers/index.html")]
struct IndexPage {
    me: Me,
    scope: Scope,
    office: bool,
    sentences: Vec<String>,
}

async fn index(State(app): State<App>, user: PageUser, Query(q): Query<ScopeQuery>) -> PageResult {
    let a = &user.actor;
    let scope = scope_of(&app, &user.actor, &q).await?;
    let period = period_of(&app, scope.year, "")?;
    let s = registers::summary::summary(
        &app,
        a,
        scope.government_id,
        scope.year,
        period,
        app.today(),
    )
    .await?;
    render(IndexPage {
        me: Me::of(a),
        office: a.abilities().manage,
        scope,
        sentences: s.sentences,
    })
}
