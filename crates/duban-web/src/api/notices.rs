//! 督办通知 over the API: the list (filtered by kind, state, unit), one notice with its
//! answers, the unit's 签收 and answer (反馈) and the office's hand-issued 单.

use super::types::chase::{AnswerBody, IssueBody, NoticeDetailDoc, NoticeDoc, NoticeParams};
use super::{ApiResult, ErrorBody, ok, plan_or_latest};
use crate::extract::{ApiUser, JsonBody, parse_date};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use duban_app::chase::notice_list::{self, NoticeFilter, NoticeState};
use duban_app::chase::notices::{self, HandNotice};
use duban_app::core::NoticeKind;
use duban_app::{App, AppError};

pub fn routes() -> Router<App> {
    Router::new()
        .route("/api/v1/notices", get(list_notices).post(issue_notice))
        .route("/api/v1/notices/{id}", get(get_notice))
        .route("/api/v1/notices/{id}/receive", post(receive_notice))
        .route("/api/v1/notices/{id}/answer", post(answer_notice))
}

fn kind_of(s: &str) -> Result<NoticeKind, AppError> {
    s.trim()
        .parse()
        .map_err(|e: duban_app::core::UnknownCode| AppError::BadInput(e.to_string()))
}

#[utoipa::path(get, path = "/api/v1/notices", tag = "督办", params(NoticeParams),
    responses((status = 200, description = "调用者可见的督办通知，新的在前（单位用户只见本单位的）", body = Vec<NoticeDoc>),
              (status = 422, description = "筛选条件无效", body = ErrorBody)))]
pub async fn list_notices(
    State(app): State<App>,
    user: ApiUser,
    Query(q): Query<NoticeParams>,
) -> ApiResult {
    let plan_id = plan_or_latest(&app, &user.actor, q.plan_id).await?;
    let filter = NoticeFilter {
        kind: q.kind.as_deref().map(kind_of).transpose()?,
        state: match q.state.as_deref() {
            None => None,
            Some(s) => Some(
                NoticeState::parse(s.trim())
                    .ok_or_else(|| AppError::BadInput(format!("未知状态“{s}”")))?,
            ),
        },
        unit_id: q.unit_id,
    };
    let today = app.today();
    let list = notice_list::list(&app, &user.actor, plan_id, &filter).await?;
    ok(list
        .iter()
        .map(|n| NoticeDoc::of(n, today))
        .collect::<Vec<_>>())
}

#[utoipa::path(get, path = "/api/v1/notices/{id}", tag = "督办", params(("id" = i64, Path, description = "通知编号")),
    responses((status = 200, description = "通知及其反馈", body = NoticeDetailDoc),
              (status = 404, description = "不存在或无权查看", body = ErrorBody)))]
pub async fn get_notice(State(app): State<App>, user: ApiUser, Path(id): Path<i64>) -> ApiResult {
    let d = notices::get(&app, &user.actor, id).await?;
    ok(NoticeDetailDoc::of(&d, app.today()))
}

#[utoipa::path(post, path = "/api/v1/notices/{id}/receive", tag = "督办", params(("id" = i64, Path, description = "通知编号")),
    responses((status = 200, description = "已签收（再次签收不改变首次签收的时间和签收人）", body = NoticeDetailDoc),
              (status = 403, description = "不是被督办单位的填报员或审核人", body = ErrorBody),
              (status = 404, description = "不存在或无权查看", body = ErrorBody)))]
pub async fn receive_notice(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
) -> ApiResult {
    let d = notices::receive(&app, &user.actor, id).await?;
    ok(NoticeDetailDoc::of(&d, app.today()))
}

#[utoipa::path(post, path = "/api/v1/notices/{id}/answer", tag = "督办", params(("id" = i64, Path, description = "通知编号")),
    request_body = AnswerBody,
    responses((status = 200, description = "已反馈：本环节办结，不再升级", body = NoticeDetailDoc),
              (status = 403, description = "不是被督办单位的填报员或审核人", body = ErrorBody),
              (status = 404, description = "不存在或无权查看", body = ErrorBody),
              (status = 409, description = "已办结", body = ErrorBody),
              (status = 422, description = "内容为空或过长", body = ErrorBody)))]
pub async fn answer_notice(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
    JsonBody(b): JsonBody<AnswerBody>,
) -> ApiResult {
    let d = notices::answer(&app, &user.actor, id, &b.text, &[]).await?;
    ok(NoticeDetailDoc::of(&d, app.today()))
}

#[utoipa::path(post, path = "/api/v1/notices", tag = "督办", request_body = IssueBody,
    responses((status = 200, description = "已签发（编号按计划、种类、年度顺排）", body = NoticeDoc),
              (status = 403, description = "只有督查室可以签发", body = ErrorBody),
              (status = 404, description = "事项不存在", body = ErrorBody),
              (status = 422, description = "种类、单位或时限无效", body = ErrorBody)))]
pub async fn issue_notice(
    State(app): State<App>,
    user: ApiUser,
    JsonBody(b): JsonBody<IssueBody>,
) -> ApiResult {
    let deadline = b.deadline.as_deref().map(parse_date).transpose()?;
    let rec = notices::issue_by_hand(
        &app,
        &user.actor,
        &HandNotice {
            kind: kind_of(&b.kind)?,
            item_id: b.item_id,
            unit_id: b.unit_id,
            matter: &b.matter,
            requirement: &b.requirement,
            deadline,
        },
    )
    .await?;
    ok(NoticeDoc::of(&rec, app.today()))
}
