//! 重点项目: the list, entries, and the monthly reports through the progress flow
//! (draft → submitted → approved → accepted).

use super::{code, period_in, scope};
use crate::api::types::registers::{
    DecisionBody, ProjectDoc, ProjectParams, ProjectReportDoc, ScopeParams,
};
use crate::api::{ApiResult, ErrorBody, ok};
use crate::extract::{ApiUser, JsonBody};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use duban_app::App;
use duban_app::registers::projects::{self, ProjectInput, ProjectQuery, ProjectReportInput};

pub fn routes() -> Router<App> {
    Router::new()
        .route(
            "/api/v1/registers/projects",
            get(list_projects).post(create_project),
        )
        .route(
            "/api/v1/registers/projects/{id}",
            get(get_project).put(update_project),
        )
        .route(
            "/api/v1/registers/projects/{id}/reports",
            post(save_project_report),
        )
        .route("/api/v1/registers/project-reports", get(report_queue))
        .route(
            "/api/v1/registers/project-reports/{id}/review",
            post(review_project_report),
        )
        .route(
            "/api/v1/registers/project-reports/{id}/history",
            get(report_history),
        )
}

#[utoipa::path(get, path = "/api/v1/registers/projects", tag = "台账·重点项目", params(ProjectParams),
    responses((status = 200, description = "可见的项目（单位用户只见本单位牵头的），含累计完成投资、占计划比例、亮灯", body = [crate::api::types::registers::ProjectRowDoc]),
              (status = 400, description = "筛选条件无效", body = ErrorBody)))]
pub async fn list_projects(
    State(app): State<App>,
    user: ApiUser,
    Query(q): Query<ProjectParams>,
) -> ApiResult {
    let (g, year) = scope(&app, &user.actor, q.government.as_deref(), q.year).await?;
    let period = period_in(&app, year, q.period.as_deref())?;
    let query = ProjectQuery {
        level: code(q.level.as_deref(), "级别")?,
        stage: code(q.stage.as_deref(), "阶段")?,
        unit_id: q.unit_id,
    };
    ok(projects::list(&app, &user.actor, g, year, &query, period, app.today()).await?)
}

#[utoipa::path(post, path = "/api/v1/registers/projects", tag = "台账·重点项目", params(ScopeParams),
    request_body = ProjectDoc,
    responses((status = 200, description = "登记的项目", body = crate::api::types::registers::ProjectOut),
              (status = 400, description = "字段有误", body = ErrorBody),
              (status = 403, description = "只读账户，或为其他单位登记", body = ErrorBody)))]
pub async fn create_project(
    State(app): State<App>,
    user: ApiUser,
    Query(q): Query<ScopeParams>,
    JsonBody(b): JsonBody<ProjectInput>,
) -> ApiResult {
    let (g, year) = scope(&app, &user.actor, q.government.as_deref(), q.year).await?;
    ok(projects::create(&app, &user.actor, g, year, &b).await?)
}

#[utoipa::path(get, path = "/api/v1/registers/projects/{id}", tag = "台账·重点项目",
    params(("id" = i64, Path, description = "项目编号")),
    responses((status = 200, description = "项目、各月报告（流程状态）", body = crate::api::types::registers::ProjectDetailDoc),
              (status = 404, description = "不存在或无权查看", body = ErrorBody)))]
pub async fn get_project(State(app): State<App>, user: ApiUser, Path(id): Path<i64>) -> ApiResult {
    ok(projects::get(&app, &user.actor, id).await?)
}

#[utoipa::path(put, path = "/api/v1/registers/projects/{id}", tag = "台账·重点项目",
    params(("id" = i64, Path, description = "项目编号")), request_body = ProjectDoc,
    responses((status = 200, description = "修改后的项目", body = crate::api::types::registers::ProjectOut),
              (status = 403, description = "只读账户", body = ErrorBody),
              (status = 404, description = "不存在或不是本单位的项目", body = ErrorBody)))]
pub async fn update_project(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
    JsonBody(b): JsonBody<ProjectInput>,
) -> ApiResult {
    ok(projects::update(&app, &user.actor, id, &b).await?)
}

#[utoipa::path(post, path = "/api/v1/registers/projects/{id}/reports", tag = "台账·重点项目",
    params(("id" = i64, Path, description = "项目编号")), request_body = ProjectReportDoc,
    responses((status = 200, description = "保存（或提交）后的月报", body = crate::api::types::registers::ProjectReportOut),
              (status = 404, description = "不存在或不是本单位牵头的项目", body = ErrorBody),
              (status = 409, description = "月报已提交，不能修改", body = ErrorBody)))]
pub async fn save_project_report(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
    JsonBody(b): JsonBody<ProjectReportInput>,
) -> ApiResult {
    ok(projects::save_report(&app, &user.actor, id, &b).await?)
}

#[utoipa::path(get, path = "/api/v1/registers/project-reports", tag = "台账·重点项目", params(ScopeParams),
    responses((status = 200, description = "待本人审核或验收的项目月报", body = [crate::api::types::registers::ProjectReportOut])))]
pub async fn report_queue(
    State(app): State<App>,
    user: ApiUser,
    Query(q): Query<ScopeParams>,
) -> ApiResult {
    let (g, year) = scope(&app, &user.actor, q.government.as_deref(), q.year).await?;
    ok(projects::queue(&app, &user.actor, g, year).await?)
}

#[utoipa::path(post, path = "/api/v1/registers/project-reports/{id}/review", tag = "台账·重点项目",
    params(("id" = i64, Path, description = "月报编号")), request_body = DecisionBody,
    responses((status = 200, description = "审核（单位审核人）或验收（督查室）后的月报", body = crate::api::types::registers::ProjectReportOut),
              (status = 403, description = "无权审核", body = ErrorBody),
              (status = 404, description = "不存在或无权查看", body = ErrorBody),
              (status = 409, description = "状态不允许", body = ErrorBody)))]
pub async fn review_project_report(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
    JsonBody(b): JsonBody<DecisionBody>,
) -> ApiResult {
    ok(projects::review_report(&app, &user.actor, id, b.decision, &b.comment).await?)
}

#[utoipa::path(get, path = "/api/v1/registers/project-reports/{id}/history", tag = "台账·重点项目",
    params(("id" = i64, Path, description = "月报编号")),
    responses((status = 200, description = "月报的流转记录", body = [crate::api::types::registers::ReportHistoryDoc]),
              (status = 404, description = "不存在或无权查看", body = ErrorBody)))]
pub async fn report_history(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
) -> ApiResult {
    ok(projects::report_history(&app, &user.actor, id).await?)
}
