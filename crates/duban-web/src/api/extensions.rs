//! 延期申请 over the API: the list, a unit's request and the office's decision.

use super::types::chase::{ExtensionBody, ExtensionDecisionBody, ExtensionDoc, ExtensionParams};
use super::{ApiResult, ErrorBody, ok, plan_or_latest};
use crate::extract::{ApiUser, JsonBody, parse_date};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use duban_app::chase::extensions;
use duban_app::core::Period;
use duban_app::{App, AppError};

pub fn routes() -> Router<App> {
    Router::new()
        .route(
            "/api/v1/extensions",
            get(list_extensions).post(request_extension),
        )
        .route("/api/v1/extensions/{id}/decision", post(decide_extension))
}

#[utoipa::path(get, path = "/api/v1/extensions", tag = "督办", params(ExtensionParams),
    responses((status = 200, description = "可见的延期申请（单位用户只见本单位的）", body = Vec<ExtensionDoc>)))]
pub async fn list_extensions(
    State(app): State<App>,
    user: ApiUser,
    Query(q): Query<ExtensionParams>,
) -> ApiResult {
    let plan_id = plan_or_latest(&app, &user.actor, q.plan_id).await?;
    let rows = extensions::list(&app, &user.actor, plan_id, q.pending).await?;
    ok(rows.iter().map(ExtensionDoc::from).collect::<Vec<_>>())
}

#[utoipa::path(post, path = "/api/v1/extensions", tag = "督办", request_body = ExtensionBody,
    responses((status = 200, description = "已提交，待督查室审批", body = ExtensionDoc),
              (status = 403, description = "只有责任单位的填报员或审核人可以申请", body = ErrorBody),
              (status = 404, description = "事项不存在或无权查看", body = ErrorBody),
              (status = 422, description = "期间、日期或理由无效，或已过原时限", body = ErrorBody)))]
pub async fn request_extension(
    State(app): State<App>,
    user: ApiUser,
    JsonBody(b): JsonBody<ExtensionBody>,
) -> ApiResult {
    let period: Period = b
        .period
        .trim()
        .parse()
        .map_err(|e: duban_app::core::period::BadPeriod| AppError::BadInput(e.to_string()))?;
    let new_due = parse_date(&b.new_due)?;
    let row = extensions::request(&app, &user.actor, b.item_id, period, new_due, &b.reason).await?;
    ok(ExtensionDoc::from(&row))
}

#[utoipa::path(post, path = "/api/v1/extensions/{id}/decision", tag = "督办",
    params(("id" = i64, Path, description = "申请编号")), request_body = ExtensionDecisionBody,
    responses((status = 200, description = "已批准或驳回", body = ExtensionDoc),
              (status = 403, description = "只有督查室可以审批", body = ErrorBody),
              (status = 404, description = "申请不存在", body = ErrorBody),
              (status = 409, description = "已审批过", body = ErrorBody)))]
pub async fn decide_extension(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
    JsonBody(b): JsonBody<ExtensionDecisionBody>,
) -> ApiResult {
    let row = extensions::decide(&app, &user.actor, id, b.approve, &b.comment).await?;
    ok(ExtensionDoc::from(&row))
}
