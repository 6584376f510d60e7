//! 计划: the plans and a plan's settings.

use super::types::ErrorBody;
use super::types::plans::{PlanDto, SettingsDto};
use super::{ApiResult, ok};
use crate::error::{ApiError, UploadError};
use crate::extract::{ApiUser, JsonBody};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use duban_app::{App, items};

pub fn routes() -> Router<App> {
    Router::new().route("/api/v1/plans", get(plans)).route(
        "/api/v1/plans/{id}/settings",
        get(get_settings).put(put_settings),
    )
}

#[utoipa::path(get, path = "/api/v1/plans", tag = "计划",
    responses((status = 200, description = "全部年度计划，最新在前", body = Vec<PlanDto>)))]
pub async fn plans(State(app): State<App>, user: ApiUser) -> ApiResult {
    ok(items::plans_for(&app, &user.actor)
        .await?
        .into_iter()
        .map(PlanDto::from)
        .collect::<Vec<_>>())
}

#[utoipa::path(get, path = "/api/v1/plans/{id}/settings", tag = "计划", params(("id" = i64, Path, description = "计划编号")),
    responses((status = 200, description = "计划的报送截止日、默认周期和状态阈值", body = SettingsDto),
              (status = 403, description = "仅督查室", body = ErrorBody),
              (status = 404, description = "计划不存在", body = ErrorBody)))]
pub async fn get_settings(State(app): State<App>, user: ApiUser, Path(id): Path<i64>) -> ApiResult {
    ok(SettingsDto::from(
        items::plan_settings(&app, &user.actor, id).await?,
    ))
}

#[utoipa::path(put, path = "/api/v1/plans/{id}/settings", tag = "计划", request_body = SettingsDto,
    params(("id" = i64, Path, description = "计划编号")),
    responses((status = 200, description = "保存后的设置", body = SettingsDto),
              (status = 400, description = "截止日或阈值不合理", body = ErrorBody),
              (status = 403, description = "仅督查室", body = ErrorBody),
              (status = 404, description = "计划不存在", body = ErrorBody)))]
pub async fn put_settings(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
    body: Result<JsonBody<SettingsDto>, ApiError>,
) -> Result<Response, UploadError> {
    let JsonBody(s) = body?;
    items::set_plan_settings(&app, &user.actor, id, &s.into()).await?;
    let saved = items::plan_settings(&app, &user.actor, id).await?;
    Ok(Json(SettingsDto::from(saved)).into_response())
}
