//! 政务服务事项 and 经济运行指标 entries, and binding a target to a register figure.

use super::{period_in, scope};
use crate::api::types::registers::{
    BindingDoc, IndicatorDoc, PeriodScope, ScopeParams, ServiceDoc, ValueDoc,
};
use crate::api::{ApiResult, ErrorBody, ok};
use crate::extract::{ApiUser, JsonBody};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::{get, post, put};
use duban_app::App;
use duban_app::core::registers::binding::BoundFigure;
use duban_app::registers::bindings;
use duban_app::registers::indicators::{self, IndicatorInput, ValueInput};
use duban_app::registers::services::{self, ServiceInput};

pub fn routes() -> Router<App> {
    Router::new()
        .route(
            "/api/v1/registers/services",
            get(list_services).post(create_service),
        )
        .route(
            "/api/v1/registers/services/{id}",
            get(get_service).put(update_service).delete(delete_service),
        )
        .route(
            "/api/v1/registers/indicators",
            get(list_indicators).post(define_indicator),
        )
        .route("/api/v1/registers/indicators/{id}/values", post(set_value))
        .route("/api/v1/plans/{id}/bindings", get(list_bindings))
        .route("/api/v1/items/{id}/binding", put(bind).delete(unbind))
}

#[utoipa::path(get, path = "/api/v1/registers/services", tag = "台账·政务服务事项", params(ScopeParams),
    responses((status = 200, description = "可见的事项（单位用户只见本部门的）", body = [crate::api::types::registers::ServiceOut])))]
pub async fn list_services(
    State(app): State<App>,
    user: ApiUser,
    Query(q): Query<ScopeParams>,
) -> ApiResult {
    let (g, _) = scope(&app, &user.actor, q.government.as_deref(), q.year).await?;
    ok(services::list(&app, &user.actor, g).await?)
}

#[utoipa::path(post, path = "/api/v1/registers/services", tag = "台账·政务服务事项", params(ScopeParams),
    request_body = ServiceDoc,
    responses((status = 200, description = "登记的事项", body = crate::api::types::registers::ServiceOut),
              (status = 400, description = "字段有误（承诺时限不能长于法定时限）", body = ErrorBody),
              (status = 403, description = "无权登记", body = ErrorBody)))]
pub async fn create_service(
    State(app): State<App>,
    user: ApiUser,
    Query(q): Query<ScopeParams>,
    JsonBody(b): JsonBody<ServiceInput>,
) -> ApiResult {
    let (g, _) = scope(&app, &user.actor, q.government.as_deref(), q.year).await?;
    ok(services::create(&app, &user.actor, g, &b).await?)
}

#[utoipa::path(get, path = "/api/v1/registers/services/{id}", tag = "台账·政务服务事项",
    params(("id" = i64, Path, description = "事项编号")),
    responses((status = 200, description = "事项", body = crate::api::types::registers::ServiceOut),
              (status = 404, description = "不存在或无权查看", body = ErrorBody)))]
pub async fn get_service(State(app): State<App>, user: ApiUser, Path(id): Path<i64>) -> ApiResult {
    ok(services::get(&app, &user.actor, id).await?)
}

#[utoipa::path(put, path = "/api/v1/registers/services/{id}", tag = "台账·政务服务事项",
    params(("id" = i64, Path, description = "事项编号")), request_body = ServiceDoc,
    responses((status = 200, description = "修改后的事项", body = crate::api::types::registers::ServiceOut),
              (status = 403, description = "只读账户", body = ErrorBody),
              (status = 404, description = "不存在或不是本部门的", body = ErrorBody)))]
pub async fn update_service(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
    JsonBody(b): JsonBody<ServiceInput>,
) -> ApiResult {
    ok(services::update(&app, &user.actor, id, &b).await?)
}

#[utoipa::path(delete, path = "/api/v1/registers/services/{id}", tag = "台账·政务服务事项",
    params(("id" = i64, Path, description = "事项编号")),
    responses((status = 200, description = "已删除", body = crate::api::types::registers::DeletedDoc),
              (status = 403, description = "只读账户", body = ErrorBody),
              (status = 404, description = "不存在或不是本部门的", body = ErrorBody)))]
pub async fn delete_service(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
) -> ApiResult {
    services::delete(&app, &user.actor, id).await?;
    ok(serde_json::json!({ "deleted": id }))
}

#[utoipa::path(get, path = "/api/v1/registers/indicators", tag = "台账·经济运行指标", params(PeriodScope),
    responses((status = 200, description = "各指标截至该期的数值（总量、累计增速、来源、录入人）与最新值", body = [crate::api::types::registers::SeriesDoc])))]
pub async fn list_indicators(
    State(app): State<App>,
    user: ApiUser,
    Query(q): Query<PeriodScope>,
) -> ApiResult {
    let (g, year) = scope(&app, &user.actor, q.government.as_deref(), q.year).await?;
    let period = period_in(&app, year, q.period.as_deref())?;
    ok(indicators::series(&app, &user.actor, g, period).await?)
}

#[utoipa::path(post, path = "/api/v1/registers/indicators", tag = "台账·经济运行指标", params(ScopeParams),
    request_body = IndicatorDoc,
    responses((status = 200, description = "定义的指标", body = crate::api::types::registers::IndicatorOut),
              (status = 403, description = "仅督查室", body = ErrorBody)))]
pub async fn define_indicator(
    State(app): State<App>,
    user: ApiUser,
    Query(q): Query<ScopeParams>,
    JsonBody(b): JsonBody<IndicatorInput>,
) -> ApiResult {
    let (g, _) = scope(&app, &user.actor, q.government.as_deref(), q.year).await?;
    ok(indicators::define(&app, &user.actor, g, &b).await?)
}

#[utoipa::path(post, path = "/api/v1/registers/indicators/{id}/values", tag = "台账·经济运行指标",
    params(("id" = i64, Path, description = "指标编号")), request_body = ValueDoc,
    responses((status = 200, description = "录入的数值（含来源、录入人、时间）", body = crate::api::types::registers::SeriesValueDoc),
              (status = 403, description = "不是报送部门或督查室", body = ErrorBody),
              (status = 404, description = "指标不存在", body = ErrorBody)))]
pub async fn set_value(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
    JsonBody(b): JsonBody<ValueInput>,
) -> ApiResult {
    ok(indicators::set_value(&app, &user.actor, id, &b).await?)
}

#[utoipa::path(get, path = "/api/v1/plans/{id}/bindings", tag = "台账·绑定",
    params(("id" = i64, Path, description = "计划编号")),
    responses((status = 200, description = "计划中绑定到台账数据的目标及其来源", body = [crate::api::types::registers::BoundItemDoc]),
              (status = 404, description = "计划不存在", body = ErrorBody)))]
pub async fn list_bindings(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
) -> ApiResult {
    // Another government's plan is not found.
    let plan = duban_app::items::plan_for(&app, &user.actor, id).await?;
    ok(bindings::list(&app, &user.actor, plan.id).await?)
}

#[utoipa::path(put, path = "/api/v1/items/{id}/binding", tag = "台账·绑定",
    params(("id" = i64, Path, description = "目标事项编号")), request_body = BindingDoc,
    responses((status = 200, description = "绑定结果：进度由台账计算，不再填报", body = crate::api::types::registers::BoundItemDoc),
              (status = 400, description = "绑定不合理（如任务、指标不存在）", body = ErrorBody),
              (status = 403, description = "仅督查室", body = ErrorBody)))]
pub async fn bind(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
    JsonBody(b): JsonBody<BoundFigure>,
) -> ApiResult {
    ok(bindings::bind(&app, &user.actor, id, &b).await?)
}

#[utoipa::path(delete, path = "/api/v1/items/{id}/binding", tag = "台账·绑定",
    params(("id" = i64, Path, description = "目标事项编号")),
    responses((status = 200, description = "已解除绑定", body = crate::api::types::registers::UnboundDoc),
              (status = 403, description = "仅督查室", body = ErrorBody)))]
pub async fn unbind(State(app): State<App>, user: ApiUser, Path(id): Path<i64>) -> ApiResult {
    bindings::unbind(&app, &user.actor, id).await?;
    ok(serde_json::json!({ "unbound": id }))
}
