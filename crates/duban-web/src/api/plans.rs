//! 计划: the plans and a plan's settings.

use super::{ApiResult, ErrorBody, ok};
use crate::error::{ApiError, UploadError};
use crate::extract::{ApiUser, JsonBody};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use duban_app::{App, items};
use utoipa::ToSchema;

pub fn routes() -> Router<App> {
    Router::new().route("/api/v1/plans", get(plans)).route(
        "/api/v1/plans/{id}/settings",
        get(get_settings).put(put_settings),
    )
}

#[utoipa::path(get, path = "/api/v1/plans", tag = "计划",
    responses((status = 200, description = "全部年度计划，最新在前", body = serde_json::Value)))]
pub async fn plans(State(app): State<App>, user: ApiUser) -> ApiResult {
    ok(items::plans_for(&app, &user.actor).await?)
}

/// Documents `items::PlanSettings`.
#[derive(ToSchema)]
#[allow(dead_code)] // documentation only
pub struct SettingsDoc {
    /// 每月报送截止日（1–28）
    due_day: i64,
    /// 默认填报周期：monthly | quarterly | halfyearly | yearly
    default_cycle: String,
    thresholds: ThresholdsDoc,
}

/// Documents `duban_core::status::Thresholds` (percentage points unless noted).
#[derive(ToSchema)]
#[allow(dead_code)] // documentation only
pub struct ThresholdsDoc {
    /// 超进度阈值：比序时进度快这么多个百分点即“超进度”
    ahead_points: f64,
    /// 欠进度阈值：低于序时进度这么多个百分点以下即“欠进度”
    behind_points: f64,
    /// 严重滞后阈值：落后序时进度超过这么多个百分点即“严重滞后”
    serious_points: f64,
    /// 增速容差：增速目标上下这么多个百分点之内算“达进度”
    growth_band: f64,
    /// 上限容差：上限目标超出上限的比例（0.1 = 10%）以内为“欠进度”，以上为“严重滞后”
    ceiling_tolerance: f64,
    /// 黄灯起点：欠进度但落后不足这么多个百分点时仍亮绿灯（0 = 欠进度即黄灯）
    yellow_from_points: f64,
}

#[utoipa::path(get, path = "/api/v1/plans/{id}/settings", tag = "计划", params(("id" = i64, Path, description = "计划编号")),
    responses((status = 200, description = "计划的报送截止日、默认周期和状态阈值", body = SettingsDoc),
              (status = 403, description = "仅督查室", body = ErrorBody),
              (status = 404, description = "计划不存在", body = ErrorBody)))]
pub async fn get_settings(State(app): State<App>, user: ApiUser, Path(id): Path<i64>) -> ApiResult {
    ok(items::plan_settings(&app, &user.actor, id).await?)
}

#[utoipa::path(put, path = "/api/v1/plans/{id}/settings", tag = "计划", request_body = SettingsDoc,
    params(("id" = i64, Path, description = "计划编号")),
    responses((status = 200, description = "保存后的设置", body = SettingsDoc),
              (status = 400, description = "截止日或阈值不合理", body = ErrorBody),
              (status = 403, description = "仅督查室", body = ErrorBody),
              (status = 404, description = "计划不存在", body = ErrorBody)))]
pub async fn put_settings(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
    body: Result<JsonBody<items::PlanSettings>, ApiError>,
) -> Result<Response, UploadError> {
    let JsonBody(s) = body?;
    items::set_plan_settings(&app, &user.actor, id, &s).await?;
    Ok(Json(items::plan_settings(&app, &user.actor, id).await?).into_response())
}
