//! 填报 and 审核: saving a report, deciding on one.

use super::types::ErrorBody;
use super::types::reports::{ReportBody, ReportDto, ReviewBody};
use super::{ApiResult, ok};
use crate::extract::{ApiUser, JsonBody};
use axum::Router;
use axum::extract::{Path, State};
use axum::routing::post;
use duban_app::{App, progress};

pub fn routes() -> Router<App> {
    Router::new()
        .route("/api/v1/items/{id}/reports", post(save_report))
        .route("/api/v1/reports/{id}/review", post(review))
}

#[utoipa::path(post, path = "/api/v1/items/{id}/reports", tag = "填报", request_body = ReportBody,
    params(("id" = i64, Path, description = "事项编号")),
    responses((status = 200, description = "保存后的报告", body = ReportDto),
              (status = 404, description = "不存在或无权查看", body = ErrorBody),
              (status = 409, description = "报告已提交，不能修改", body = ErrorBody)))]
pub async fn save_report(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
    JsonBody(b): JsonBody<ReportBody>,
) -> ApiResult {
    ok(ReportDto::from(
        progress::save(&app, &user.actor, id, &b.into()).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/reports/{id}/review", tag = "审核", request_body = ReviewBody,
    params(("id" = i64, Path, description = "报告编号")),
    responses((status = 200, description = "审核后的报告", body = ReportDto),
              (status = 403, description = "无权审核", body = ErrorBody),
              (status = 409, description = "状态不允许", body = ErrorBody)))]
pub async fn review(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
    JsonBody(b): JsonBody<ReviewBody>,
) -> ApiResult {
    ok(ReportDto::from(
        progress::review(&app, &user.actor, id, b.decision, &b.comment).await?,
    ))
}
