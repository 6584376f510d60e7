//! 状态: every item's status by rule, and the dashboard figures.

use super::types::status::{DashboardDto, ItemStatusDto, StatusListDto};
use super::{ApiResult, ok, period_of, plan_or_latest};
use crate::extract::ApiUser;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use duban_app::{App, AppError, status};
use serde::Deserialize;
use utoipa::IntoParams;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/api/v1/status", get(item_status))
        .route("/api/v1/dashboard", get(dash))
}

#[derive(Deserialize, IntoParams)]
pub struct PeriodParams {
    /// 计划编号；缺省为最新计划
    plan_id: Option<i64>,
    /// YYYY-MM；缺省为有报告的最近月份
    period: Option<String>,
    /// 分管领导只看本人分管的事项
    mine: Option<bool>,
}

#[utoipa::path(get, path = "/api/v1/status", tag = "状态", params(PeriodParams),
    responses((status = 200, description = "每个可见事项的状态（序时进度规则）", body = StatusListDto)))]
pub async fn item_status(
    State(app): State<App>,
    user: ApiUser,
    Query(p): Query<PeriodParams>,
) -> ApiResult {
    let plan_id = plan_or_latest(&app, &user.actor, p.plan_id).await?;
    let period = period_of(&app, plan_id, p.period.as_deref()).await?;
    let (_, list) = status::compute(&app, &user.actor, plan_id, period, app.today()).await?;
    ok(StatusListDto {
        plan_id,
        period: period.to_string(),
        items: list.into_iter().map(ItemStatusDto::from).collect(),
    })
}

#[utoipa::path(get, path = "/api/v1/dashboard", tag = "状态", params(PeriodParams),
    responses((status = 200, description = "督查通报口径的统计：按状态、板块、单位、领导，滞后清单", body = DashboardDto)))]
pub async fn dash(
    State(app): State<App>,
    user: ApiUser,
    Query(p): Query<PeriodParams>,
) -> ApiResult {
    let (plan_id, period) = match user.seen {
        // A GET: the plan and its default period from what the request's counters keep.
        Some(seen) => {
            let choice = duban_app::plan_choice::choice_at(&app, &user.actor, seen).await?;
            let plan = match p.plan_id {
                Some(id) => choice.pick(Some(id))?,
                None => choice.newest(),
            }
            .ok_or_else(|| AppError::BadInput("尚无计划，请先导入政府工作报告".into()))?;
            let period = match p.period.as_deref().filter(|s| !s.trim().is_empty()) {
                Some(_) => period_of(&app, plan.id, p.period.as_deref()).await?,
                None => {
                    duban_app::progress::default_periods_at(&app, &plan, app.today(), Some(seen))
                        .await?
                        .1
                }
            };
            (plan.id, period)
        }
        None => {
            let plan_id = plan_or_latest(&app, &user.actor, p.plan_id).await?;
            (
                plan_id,
                period_of(&app, plan_id, p.period.as_deref()).await?,
            )
        }
    };
    let d = duban_app::views::dashboard(
        &app,
        &user.actor,
        user.seen,
        plan_id,
        period,
        app.today(),
        p.mine.unwrap_or(false),
    )
    .await?;
    ok(DashboardDto::from(d.as_ref().clone()))
}
