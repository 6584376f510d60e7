//! Server-rendered pages, one module per resource. Each handler asks duban-app for what
//! the actor may see and renders it; forms post back here and redirect (post/redirect/get).
//! Pages never import the API modules.

mod admin;
mod attachments;
mod auth;
mod carry;
mod city;
mod dashboard;
mod decompose;
mod documents;
mod endpoints;
mod extensions;
mod home;
mod import_decomposition;
mod imports;
mod inbox;
mod items;
mod notices;
mod plans;
pub mod registers;
mod report;
mod review;
mod scores;
mod settings;
pub mod views;

use crate::error::{PageError, error_page};
use askama::Template;
use axum::Router;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use duban_app::core::Period;
use duban_app::db::Plan;
use duban_app::{App, AppError};
use serde::Deserialize;
use views::*;

pub fn routes() -> Router<App> {
    Router::new()
        .merge(auth::routes())
        .merge(home::routes())
        .merge(items::routes())
        .merge(registers::routes())
        .merge(report::routes())
        .merge(review::routes())
        .merge(dashboard::routes())
        .merge(decompose::routes())
        .merge(admin::routes())
        .merge(imports::routes())
        .merge(import_decomposition::routes())
        .merge(documents::routes())
        .merge(settings::routes())
        .merge(attachments::routes())
        .merge(city::routes())
        .merge(notices::routes())
        .merge(inbox::routes())
        .merge(extensions::routes())
        .merge(scores::routes())
        .merge(endpoints::routes())
        .merge(plans::routes())
        .merge(carry::routes())
}

/// Only the POST /login route: it gets the rate limit.
pub fn login_routes() -> Router<App> {
    auth::login_routes()
}

pub type PageResult = Result<Response, PageError>;

pub fn render(t: impl Template) -> PageResult {
    t.render()
        .map(|h| Html(h).into_response())
        .map_err(|e| PageError::new(AppError::internal(e)))
}

pub async fn not_found(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        return crate::error::ApiError::new(AppError::NotFound).into_response();
    }
    error_page(
        StatusCode::NOT_FOUND,
        "您访问的页面或记录不存在，或您无权查看",
    )
}

/// Renders `t` with `status` (a form shown again with its error).
pub fn render_status(status: StatusCode, t: impl Template) -> PageResult {
    let mut r = render(t)?;
    *r.status_mut() = status;
    Ok(r)
}

/// The plan a page shows (the latest) and the period its statuses are for.
pub struct PlanCtx {
    pub plan: Plan,
    pub period: Period,
}

/// The period from `?period=YYYY-MM` if given, else the latest month with reports, else
/// the current month of the plan year.
///
/// The plan is `?plan=ID` when given (another government's is not found), else the plan the
/// user chose in the header if they still see it, else the newest they see. A period of
/// another year without `?plan=` (a link that kept only the period) opens that year's plan
/// of the same government when the user sees one.
pub async fn plan_ctx(
    app: &App,
    actor: &duban_app::Actor,
    plan: Option<&str>,
    period: Option<&str>,
    usage: PeriodUse,
) -> Result<Option<PlanCtx>, PageError> {
    let asked = plan.map(str::trim).filter(|p| !p.is_empty());
    let chosen = choose(app, actor, asked).await?;
    let Some(mut plan) = chosen else {
        return Ok(None);
    };
    let period = match period.map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => Some(
            p.parse::<Period>()
                .map_err(|e| AppError::BadInput(e.to_string()))?,
        ),
        None => None,
    };
    if let Some(p) = period
        && asked.is_none()
        && i64::from(p.year) != plan.year
        && let Ok(other) = duban_app::plan_choice::plan_named_for(
            app,
            actor,
            &plan.government_name,
            i64::from(p.year),
        )
        .await
    {
        plan = other;
    }
    let period = match period {
        Some(p) => p,
        None => default_period(app, &plan, usage).await?,
    };
    if i64::from(period.year) != plan.year {
        return Err(
            AppError::BadInput(format!("期间 {period} 不在计划年度 {} 内", plan.year)).into(),
        );
    }
    crate::extract::showing_plan(plan.id);
    Ok(Some(PlanCtx { plan, period }))
}

/// The plan a page without periods shows: `?plan=ID` (another government's is not found),
/// else the user's current plan (see [`plan_ctx`]).
pub async fn page_plan(
    app: &App,
    actor: &duban_app::Actor,
    plan: &str,
) -> Result<Option<Plan>, PageError> {
    let asked = Some(plan.trim()).filter(|p| !p.is_empty());
    let chosen = choose(app, actor, asked).await?;
    if let Some(p) = &chosen {
        crate::extract::showing_plan(p.id);
    }
    Ok(chosen)
}

/// The plan asked for (`?plan=`), else the default: from the plans the header's chooser
/// was built from on a GET, else asked of the app.
async fn choose(
    app: &App,
    actor: &duban_app::Actor,
    asked: Option<&str>,
) -> Result<Option<Plan>, AppError> {
    let id = match asked {
        Some(p) => Some(p.parse::<i64>().map_err(|_| AppError::NotFound)?),
        None => None,
    };
    if let Some((choice, _)) = crate::extract::choice() {
        return choice.pick(id);
    }
    Ok(match id {
        Some(id) => Some(duban_app::items::plan_for(app, actor, id).await?),
        None => duban_app::plan_choice::current_plan_for(app, actor).await?,
    })
}

/// What a page's default period is for: the month units report on now, or the month
/// whose statuses are settled (a past year's last mostly-accepted month).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodUse {
    Reporting,
    Status,
}

pub async fn default_period(app: &App, plan: &Plan, usage: PeriodUse) -> Result<Period, AppError> {
    let seen = crate::extract::choice().map(|(_, seen)| seen);
    let (reporting, status) =
        duban_app::progress::default_periods_at(app, plan, app.today(), seen).await?;
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
pub struct Flash {
    #[serde(default)]
    ok: String,
    #[serde(default)]
    period: String,
    #[serde(default)]
    mine: String,
    /// `?plan=ID`: a plan other than the newest (the city roll-up links with it).
    #[serde(default)]
    plan: String,
}

fn flash_text(code: &str) -> String {
    match code {
        "assign" => "分解交办已保存",
        "adjust" => "目标已调整，原值保留在调整记录中",
        "save" => "草稿已保存",
        "submit" => "已提交审核",
        "approve" => "已审核通过",
        "return" => "已退回",
        "batch" => "分解表已保存",
        "user" => "用户已添加",
        "unit" => "单位已添加",
        "password" => "密码已重置",
        "bind" => "已绑定台账数据，进度由台账计算",
        "unbind" => "已解除绑定",
        "extension" => "延期申请已提交，待督查室审批",
        "disable" => "账户已停用，其登录会话已全部结束",
        "enable" => "账户已启用",
        "delete" => "账户已删除（姓名与登录信息已清除，审计记录保留）",
        "unlock" => "登录锁定已解除",
        "self_review_on" => "已允许填报人审核本人填报的报告",
        "self_review_off" => "已恢复双人审核：填报人不能审核本人填报的报告",
        _ => "",
    }
    .to_string()
}
