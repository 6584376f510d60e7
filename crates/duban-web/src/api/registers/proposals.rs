//! 建议提案: entries (giving the 交办 date is the 交办), and their handling — return,
//! reassign, extend, supporting opinion, reply with its letter, proposers' feedback.

use super::{code, scope};
use crate::api::types::registers::{
    ExtendBody, FeedbackBody, OpinionBody, ProposalDoc, ProposalParams, ReassignBody, ReplyForm,
    ReplyUpload, ReturnBody, ScopeParams,
};
use crate::api::{ApiResult, ErrorBody, ok};
use crate::error::UploadError;
use crate::extract::{ApiUser, JsonBody, MAX_UPLOAD_BODY, Upload, UploadRejection, chosen, text};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use duban_app::core::registers::proposals::ReplyCategory;
use duban_app::registers::proposals::{self, Letter, ProposalInput, ProposalQuery};
use duban_app::{App, AppError};

pub fn routes() -> Router<App> {
    let p = |s: &str| format!("/api/v1/registers/proposals/{{id}}/{s}");
    Router::new()
        .route(
            "/api/v1/registers/proposals",
            get(list_proposals).post(create_proposal),
        )
        .route(
            "/api/v1/registers/proposals/{id}",
            get(get_proposal).put(update_proposal),
        )
        .route(&p("return"), post(return_proposal))
        .route(&p("reassign"), post(reassign_proposal))
        .route(&p("extend"), post(extend_proposal))
        .route(&p("opinion"), post(opinion))
        .route(
            &p("reply"),
            post(reply).layer(DefaultBodyLimit::max(MAX_UPLOAD_BODY)),
        )
        .route(&p("letter"), get(letter))
        .route(&p("feedback"), post(feedback))
}

#[utoipa::path(get, path = "/api/v1/registers/proposals", tag = "台账·建议提案", params(ProposalParams),
    responses((status = 200, description = "可见的建议提案（单位用户只见本单位主办或会办的）", body = [crate::api::types::registers::ProposalOut]),
              (status = 400, description = "筛选条件无效", body = ErrorBody)))]
pub async fn list_proposals(
    State(app): State<App>,
    user: ApiUser,
    Query(q): Query<ProposalParams>,
) -> ApiResult {
    let (g, year) = scope(&app, &user.actor, q.government.as_deref(), q.year).await?;
    let query = ProposalQuery {
        source: code(q.source.as_deref(), "类别")?,
        state: code(q.state.as_deref(), "状态")?,
    };
    ok(proposals::list(&app, &user.actor, g, year, &query).await?)
}

#[utoipa::path(post, path = "/api/v1/registers/proposals", tag = "台账·建议提案", params(ScopeParams),
    request_body = ProposalDoc,
    responses((status = 200, description = "登记（交办）的建议提案及其时限", body = crate::api::types::registers::ProposalDetailDoc),
              (status = 400, description = "字段有误", body = ErrorBody),
              (status = 403, description = "无权登记", body = ErrorBody)))]
pub async fn create_proposal(
    State(app): State<App>,
    user: ApiUser,
    Query(q): Query<ScopeParams>,
    JsonBody(b): JsonBody<ProposalInput>,
) -> ApiResult {
    let (g, year) = scope(&app, &user.actor, q.government.as_deref(), q.year).await?;
    ok(proposals::create(&app, &user.actor, g, year, &b).await?)
}

#[utoipa::path(get, path = "/api/v1/registers/proposals/{id}", tag = "台账·建议提案",
    params(("id" = i64, Path, description = "建议提案编号")),
    responses((status = 200, description = "建议提案、代表委员及其评价、会办单位、时限", body = crate::api::types::registers::ProposalDetailDoc),
              (status = 404, description = "不存在或无权查看", body = ErrorBody)))]
pub async fn get_proposal(State(app): State<App>, user: ApiUser, Path(id): Path<i64>) -> ApiResult {
    ok(proposals::get(&app, &user.actor, id).await?)
}

#[utoipa::path(put, path = "/api/v1/registers/proposals/{id}", tag = "台账·建议提案",
    params(("id" = i64, Path, description = "建议提案编号")), request_body = ProposalDoc,
    responses((status = 200, description = "修改后的建议提案", body = crate::api::types::registers::ProposalDetailDoc),
              (status = 403, description = "只读账户", body = ErrorBody),
              (status = 404, description = "不存在或不是本单位的", body = ErrorBody)))]
pub async fn update_proposal(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
    JsonBody(b): JsonBody<ProposalInput>,
) -> ApiResult {
    ok(proposals::update(&app, &user.actor, id, &b).await?)
}

#[utoipa::path(post, path = "/api/v1/registers/proposals/{id}/return", tag = "台账·建议提案",
    params(("id" = i64, Path, description = "建议提案编号")), request_body = ReturnBody,
    responses((status = 200, description = "已退回，待督查室重新交办", body = crate::api::types::registers::ProposalDetailDoc),
              (status = 404, description = "不存在或不是本单位主办", body = ErrorBody),
              (status = 409, description = "已超过退回时限或状态不允许", body = ErrorBody)))]
pub async fn return_proposal(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
    JsonBody(b): JsonBody<ReturnBody>,
) -> ApiResult {
    ok(proposals::return_item(&app, &user.actor, id, &b.reason, app.today()).await?)
}

#[utoipa::path(post, path = "/api/v1/registers/proposals/{id}/reassign", tag = "台账·建议提案",
    params(("id" = i64, Path, description = "建议提案编号")), request_body = ReassignBody,
    responses((status = 200, description = "重新交办后的建议提案（时限重新起算）", body = crate::api::types::registers::ProposalDetailDoc),
              (status = 403, description = "仅督查室", body = ErrorBody)))]
pub async fn reassign_proposal(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
    JsonBody(b): JsonBody<ReassignBody>,
) -> ApiResult {
    ok(proposals::reassign(
        &app,
        &user.actor,
        id,
        b.lead_unit_id,
        &b.supporting_unit_ids,
        app.today(),
    )
    .await?)
}

#[utoipa::path(post, path = "/api/v1/registers/proposals/{id}/extend", tag = "台账·建议提案",
    params(("id" = i64, Path, description = "建议提案编号")), request_body = ExtendBody,
    responses((status = 200, description = "延期后的建议提案", body = crate::api::types::registers::ProposalDetailDoc),
              (status = 400, description = "超过延期上限", body = ErrorBody),
              (status = 403, description = "仅督查室", body = ErrorBody)))]
pub async fn extend_proposal(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
    JsonBody(b): JsonBody<ExtendBody>,
) -> ApiResult {
    ok(proposals::extend(&app, &user.actor, id, b.new_due, &b.reason).await?)
}

#[utoipa::path(post, path = "/api/v1/registers/proposals/{id}/opinion", tag = "台账·建议提案",
    params(("id" = i64, Path, description = "建议提案编号")), request_body = OpinionBody,
    responses((status = 200, description = "会办意见已记录", body = crate::api::types::registers::ProposalDetailDoc),
              (status = 403, description = "不是会办单位", body = ErrorBody),
              (status = 404, description = "不存在或无权查看", body = ErrorBody)))]
pub async fn opinion(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
    JsonBody(b): JsonBody<OpinionBody>,
) -> ApiResult {
    ok(proposals::opinion(&app, &user.actor, id, &b.text, app.today()).await?)
}

#[utoipa::path(post, path = "/api/v1/registers/proposals/{id}/reply", tag = "台账·建议提案",
    params(("id" = i64, Path, description = "建议提案编号")),
    request_body(content = ReplyUpload, content_type = "multipart/form-data"),
    responses((status = 200, description = "答复后的建议提案（B、C类转跟踪办理）", body = crate::api::types::registers::ProposalDetailDoc),
              (status = 400, description = "类别无效或答复函类型不支持", body = ErrorBody),
              (status = 404, description = "不存在或不是本单位主办", body = ErrorBody),
              (status = 409, description = "状态不允许答复", body = ErrorBody)))]
pub async fn reply(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
    up: Result<Upload<ReplyForm>, UploadRejection>,
) -> Result<Response, UploadError> {
    let Upload(f) = up.map_err(AppError::from)?;
    let cat = text(&f.category);
    let category: ReplyCategory = cat
        .parse()
        .map_err(|_| AppError::BadInput(format!("答复类别“{cat}”应为 A、B、C 或 D")))?;
    let file = chosen(f.file);
    let letter = file.as_ref().map(|(name, bytes)| Letter {
        file_name: name,
        bytes,
    });
    let detail = proposals::reply(
        &app,
        &user.actor,
        id,
        category,
        &text(&f.text),
        letter,
        app.today(),
    )
    .await?;
    Ok(Json(detail).into_response())
}

#[utoipa::path(get, path = "/api/v1/registers/proposals/{id}/letter", tag = "台账·建议提案",
    params(("id" = i64, Path, description = "建议提案编号")),
    responses((status = 200, description = "答复函（下载）", content_type = "application/octet-stream"),
              (status = 404, description = "没有答复函或无权查看", body = ErrorBody)))]
pub async fn letter(State(app): State<App>, user: ApiUser, Path(id): Path<i64>) -> ApiResult {
    let (name, bytes) = proposals::reply_letter(&app, &user.actor, id).await?;
    let kind = if name.to_ascii_lowercase().ends_with(".pdf") {
        "application/pdf"
    } else {
        "application/octet-stream"
    };
    Ok(crate::respond::download(kind, &name, bytes))
}

#[utoipa::path(post, path = "/api/v1/registers/proposals/{id}/feedback", tag = "台账·建议提案",
    params(("id" = i64, Path, description = "建议提案编号")), request_body = FeedbackBody,
    responses((status = 200, description = "评价后的建议提案（不满意则重新办理）", body = crate::api::types::registers::ProposalDetailDoc),
              (status = 403, description = "仅督查室", body = ErrorBody),
              (status = 409, description = "尚未答复", body = ErrorBody)))]
pub async fn feedback(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
    JsonBody(b): JsonBody<FeedbackBody>,
) -> ApiResult {
    ok(proposals::feedback(
        &app,
        &user.actor,
        id,
        b.proposer_id,
        b.work,
        b.result,
        app.today(),
    )
    .await?)
}
