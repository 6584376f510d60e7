//! Server-rendered pages. Each handler asks duban-app for what the actor may see and
//! renders it; forms post back here and redirect (post/redirect/get).

use crate::error::{PageError, error_page};
use crate::session::{ClientInfo, PageUser, login_cookie, removal_cookie, safe_next};
use crate::views::*;
use askama::Template;
use axum::Router;
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use duban_app::core::Period;
use duban_app::db::Plan;
use duban_app::{App, AppError, auth, items, status};
use serde::Deserialize;
use std::collections::HashMap;

pub type PageResult = Result<Response, PageError>;

pub fn render(t: impl Template) -> PageResult {
    t.render()
        .map(|h| Html(h).into_response())
        .map_err(|e| PageError::from(AppError::Internal(e.to_string())))
}

pub fn routes() -> Router<App> {
    Router::new()
        .route("/login", get(login_page))
        .route("/logout", post(logout))
        .route("/", get(crate::pages2::home))
        .route("/items", get(items_page))
        .merge(crate::pages2::routes())
}

/// Only the POST /login route: it gets the rate limit.
pub fn login_routes() -> Router<App> {
    Router::new().route("/login", post(login_submit))
}

pub async fn not_found(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        return crate::error::ApiError(AppError::NotFound).into_response();
    }
    error_page(
        StatusCode::NOT_FOUND,
        "您访问的页面或记录不存在，或您无权查看",
    )
}

#[derive(Deserialize, Default)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

async fn login_page(Query(q): Query<NextQuery>) -> PageResult {
    render(LoginPage {
        error: String::new(),
        next: if safe_next(&q.next) {
            q.next
        } else {
            String::new()
        },
        username: String::new(),
    })
}

#[derive(Deserialize)]
pub struct LoginForm {
    username: String,
    password: String,
    #[serde(default)]
    next: String,
}

async fn login_submit(
    State(app): State<App>,
    client: ClientInfo,
    headers: HeaderMap,
    jar: CookieJar,
    Form(f): Form<LoginForm>,
) -> Response {
    match auth::login(
        &app,
        &f.username,
        &f.password,
        client.user_agent.as_deref(),
        client.ip.as_deref(),
    )
    .await
    {
        Ok(login) => {
            let to = if safe_next(&f.next) {
                f.next
            } else {
                "/".into()
            };
            (
                jar.add(login_cookie(login.token, &headers)),
                Redirect::to(&to),
            )
                .into_response()
        }
        Err(e) => {
            let status = match &e {
                AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
                AppError::Locked(_) => StatusCode::TOO_MANY_REQUESTS,
                _ => StatusCode::OK,
            };
            let page = LoginPage {
                error: match e {
                    AppError::Internal(_) => "服务器内部错误，请稍后再试".into(),
                    other => other.to_string(),
                },
                next: if safe_next(&f.next) {
                    f.next
                } else {
                    String::new()
                },
                username: f.username,
            };
            match page.render() {
                Ok(h) => (status, Html(h)).into_response(),
                Err(_) => status.into_response(),
            }
        }
    }
}

async fn logout(State(app): State<App>, jar: CookieJar) -> Response {
    if let Some(c) = jar.get(crate::COOKIE) {
        let _ = auth::logout(&app, c.value()).await;
    }
    (jar.remove(removal_cookie()), Redirect::to("/login")).into_response()
}

/// The plan a page shows (the latest) and the period its statuses are for.
pub struct PlanCtx {
    pub plan: Plan,
    pub period: Period,
}

/// The period from `?period=YYYY-MM` if given, else the latest month with reports, else
/// the current month of the plan year.
pub async fn plan_ctx(
    app: &App,
    period: Option<&str>,
    usage: PeriodUse,
) -> Result<Option<PlanCtx>, PageError> {
    let Some(plan) = items::latest_plan(app).await? else {
        return Ok(None);
    };
    let period = match period.map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => p
            .parse::<Period>()
            .map_err(|e| AppError::BadInput(e.to_string()))?,
        None => default_period(app, &plan, usage).await?,
    };
    if i64::from(period.year) != plan.year {
        return Err(
            AppError::BadInput(format!("期间 {period} 不在计划年度 {} 内", plan.year)).into(),
        );
    }
    Ok(Some(PlanCtx { plan, period }))
}

/// What a page's default period is for: the month units report on now, or the month
/// whose statuses are settled (a past year's last mostly-accepted month).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodUse {
    Reporting,
    Status,
}

pub async fn default_period(app: &App, plan: &Plan, usage: PeriodUse) -> Result<Period, AppError> {
    let (reporting, status) =
        duban_app::progress::default_periods(app, plan, duban_app::today()).await?;
    Ok(match usage {
        PeriodUse::Reporting => reporting,
        PeriodUse::Status => status,
    })
}

pub fn no_plan(me: Me) -> PageResult {
    render(EmptyPage {
        me,
        title: "尚无计划".into(),
        message: "系统中还没有导入政府工作报告。请督查室用 duban import 导入本年度报告。".into(),
    })
}

#[derive(Deserialize, Default)]
pub struct ItemsQuery {
    #[serde(default)]
    section: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    period: String,
    #[serde(default)]
    mine: String,
}

async fn items_page(
    State(app): State<App>,
    user: PageUser,
    Query(q): Query<ItemsQuery>,
) -> PageResult {
    let me = Me::of(&user.actor);
    let Some(ctx) = plan_ctx(&app, Some(&q.period), PeriodUse::Status).await? else {
        return no_plan(me);
    };
    let overview = items::overview(&app, &user.actor, ctx.plan.id).await?;
    let (_, statuses) = status::compute(
        &app,
        &user.actor,
        ctx.plan.id,
        ctx.period,
        duban_app::today(),
    )
    .await?;
    let by_id: HashMap<i64, &status::ItemStatus> =
        statuses.iter().map(|s| (s.item.id, s)).collect();
    let mine = !q.mine.is_empty() && user.actor.role == duban_app::core::Role::Leader;
    let units = duban_app::admin::units(&app).await?;
    let total = overview.items.len();
    let keep = |i: &duban_app::db::Item| {
        (q.section.is_empty() || i.section_id.map(|s| s.to_string()) == Some(q.section.clone()))
            && (q.unit.is_empty() || i.lead_unit_id.map(|s| s.to_string()) == Some(q.unit.clone()))
            && (q.kind.is_empty() || i.kind.as_str() == q.kind)
            && (!mine || i.leader_user_id == user.actor.user_id)
            && (q.status.is_empty()
                || by_id
                    .get(&i.id)
                    .is_some_and(|s| s.assessment.status.as_str() == q.status))
    };
    let mut blocks: Vec<SectionBlock> = Vec::new();
    let mut shown = 0;
    for s in &overview.sections {
        let rows: Vec<ItemRow> = overview
            .items
            .iter()
            .filter(|i| i.section_id == Some(s.id) && keep(i))
            .map(|i| ItemRow::of(i, by_id.get(&i.id).map(|s| &s.assessment)))
            .collect();
        shown += rows.len();
        if !rows.is_empty() {
            blocks.push(SectionBlock {
                level: s.level,
                heading: format!("{} {}", s.marker, s.heading).trim().to_string(),
                rows,
            });
        }
    }
    let orphans: Vec<ItemRow> = overview
        .items
        .iter()
        .filter(|i| {
            i.section_id
                .is_none_or(|sid| !overview.sections.iter().any(|s| s.id == sid))
                && keep(i)
        })
        .map(|i| ItemRow::of(i, by_id.get(&i.id).map(|s| &s.assessment)))
        .collect();
    shown += orphans.len();
    if !orphans.is_empty() {
        blocks.push(SectionBlock {
            level: 1,
            heading: "（未分节）".into(),
            rows: orphans,
        });
    }
    let page = ItemsPage {
        me,
        plan_title: overview.plan.title.clone(),
        period: ctx.period.to_string(),
        period_label: period_label(&ctx.period.to_string()),
        section_opts: overview
            .sections
            .iter()
            .filter(|s| overview.items.iter().any(|i| i.section_id == Some(s.id)))
            .map(|s| {
                Opt::new(
                    s.id,
                    format!("{} {}", s.marker, s.heading).trim(),
                    &q.section,
                )
            })
            .collect(),
        unit_opts: units
            .iter()
            .map(|u| Opt::new(u.id, &u.name, &q.unit))
            .collect(),
        status_opts: duban_app::core::status::Status::ALL
            .iter()
            .map(|s| Opt::new(s.as_str(), s.label(), &q.status))
            .collect(),
        kind_opts: duban_app::core::ItemKind::ALL
            .iter()
            .map(|k| Opt::new(k.as_str(), k.label(), &q.kind))
            .collect(),
        mine,
        shown,
        total,
        sections: blocks,
    };
    render(page)
}
