//! 填报 and 审核: saving a report, deciding on one.

use super::{ApiResult, ErrorBody, ok};
use crate::extract::{ApiUser, JsonBody};
use axum::Router;
use axum::extract::{Path, State};
use axum::routing::post;
use duban_app::progress::{Decision, ReportInput};
use duban_app::{App, progress};
use serde::Deserialize;
use utoipa::ToSchema;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/api/v1/items/{id}/reports", post(save_report))
        .route("/api/v1/reports/{id}/review", post(review))
}

/// Documents `progress::ReportInput`.
#[derive(ToSchema)]
#[allow(dead_code)] // documentation only
pub struct ReportDoc {
    /// YYYY-MM
    period: String,
    /// 累计完成值（增速目标为累计增幅%，比率/上限目标为当前值）
    value: Option<f64>,
    /// 任务：本期节点是否完成
    milestone_done: Option<bool>,
    progress: String,
    problems: String,
    next_steps: String,
    /// true 提交审核；false 保存草稿
    submit: bool,
}

#[utoipa::path(post, path = "/api/v1/items/{id}/reports", tag = "填报", request_body = ReportDoc,
    params(("id" = i64, Path, description = "事项编号")),
    responses((status = 200, description = "保存后的报告", body = serde_json::Value),
              (status = 404, description = "不存在或无权查看", body = ErrorBody),
              (status = 409, description = "报告已提交，不能修改", body = ErrorBody)))]
pub async fn save_report(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
    JsonBody(b): JsonBody<ReportInput>,
) -> ApiResult {
    ok(progress::save(&app, &user.actor, id, &b).await?)
}

#[derive(Deserialize, ToSchema)]
pub struct ReviewBody {
    /// approve | return
    #[schema(value_type = String, example = "approve")]
    decision: Decision,
    #[serde(default)]
    comment: String,
}

#[utoipa::path(post, path = "/api/v1/reports/{id}/review", tag = "审核", request_body = ReviewBody,
    params(("id" = i64, Path, description = "报告编号")),
    responses((status = 200, description = "审核后的报告", body = serde_json::Value),
              (status = 403, description = "无权审核", body = ErrorBody),
              (status = 409, description = "状态不允许", body = ErrorBody)))]
pub async fn review(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
    JsonBody(b): JsonBody<ReviewBody>,
) -> ApiResult {
    ok(progress::review(&app, &user.actor, id, b.decision, &b.comment).await?)
}
