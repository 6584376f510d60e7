//! The JSON API under /api/v1 (same session cookie as the pages) and its OpenAPI document,
//! one module per resource. The API never imports the page modules.

mod attachments;
mod city;
mod extensions;
mod imports;
mod inbox;
mod items;
mod notices;
mod plans;
mod registers;
mod reports;
mod scores;
mod session;
mod status;
pub mod types;

use crate::error::ApiError;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use duban_app::core::Period;
use duban_app::{App, AppError};
use utoipa::OpenApi;

pub use types::ErrorBody;

type ApiResult = Result<Response, ApiError>;

fn ok(v: impl serde::Serialize) -> ApiResult {
    Ok(Json(v).into_response())
}

pub fn routes() -> Router<App> {
    Router::new()
        .merge(session::routes())
        .merge(plans::routes())
        .merge(items::routes())
        .merge(reports::routes())
        .merge(attachments::routes())
        .merge(imports::routes())
        .merge(status::routes())
        .merge(registers::routes())
        .merge(scores::routes())
        .merge(city::routes())
        .merge(notices::routes())
        .merge(extensions::routes())
        .merge(inbox::routes())
        .route("/api/openapi.json", get(openapi_json))
}

/// Only POST /api/v1/login: it gets the rate limit.
pub fn login_routes() -> Router<App> {
    session::login_routes()
}

/// The Swagger UI, for logged-in users only (the API's shape is no business of strangers').
pub fn docs(app: &App) -> Router<App> {
    let ui = utoipa_swagger_ui::SwaggerUi::new("/api/docs")
        .url("/api/docs/openapi.json", ApiDoc::openapi());
    // Swagger UI's page needs inline code; relax the CSP for it alone (set before the
    // global layer, which only adds the header when missing).
    Router::from(ui).layer(tower_http::set_header::SetResponseHeaderLayer::overriding(
        axum::http::header::CONTENT_SECURITY_POLICY,
        axum::http::HeaderValue::from_static(
            "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
        ),
    ))
    .layer(axum::middleware::from_extractor_with_state::<
        crate::extract::ApiUser,
        App,
    >(app.clone()))
}

pub async fn openapi_json(_user: crate::extract::ApiUser) -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "督办 API",
        description = "政府工作报告目标任务督查：计划、事项、分解、进度填报与审核、状态与仪表盘，台账（重点项目、建议提案、政务服务事项、经济运行指标），以及督办（通知、反馈、延期、消息、考核得分）。除登录外均需会话 Cookie duban_session。"
    ),
    paths(
        session::login,
        session::logout,
        session::me,
        plans::plans,
        items::list_items,
        items::item,
        items::assign,
        reports::save_report,
        reports::review,
        status::item_status,
        status::dash,
        plans::get_settings,
        plans::put_settings,
        attachments::upload_attachment,
        attachments::download_attachment,
        imports::import,
        registers::governments,
        registers::summary,
        registers::projects::list_projects,
        registers::projects::create_project,
        registers::projects::get_project,
        registers::projects::update_project,
        registers::projects::save_project_report,
        registers::projects::report_queue,
        registers::projects::review_project_report,
        registers::projects::report_history,
        registers::proposals::list_proposals,
        registers::proposals::create_proposal,
        registers::proposals::get_proposal,
        registers::proposals::update_proposal,
        registers::proposals::return_proposal,
        registers::proposals::reassign_proposal,
        registers::proposals::extend_proposal,
        registers::proposals::opinion,
        registers::proposals::reply,
        registers::proposals::letter,
        registers::proposals::feedback,
        registers::others::list_services,
        registers::others::create_service,
        registers::others::get_service,
        registers::others::update_service,
        registers::others::delete_service,
        registers::others::list_indicators,
        registers::others::define_indicator,
        registers::others::set_value,
        registers::others::list_bindings,
        registers::others::bind,
        registers::others::unbind,
        registers::files::template,
        registers::files::export,
        registers::files::import,
        city::rollup,
        notices::list_notices,
        notices::get_notice,
        notices::receive_notice,
        notices::answer_notice,
        notices::issue_notice,
        extensions::list_extensions,
        extensions::request_extension,
        extensions::decide_extension,
        inbox::messages,
        inbox::read_message,
        scores::board
    ),
    components(schemas(
        // The API's own types are collected from the paths that name them; the registers'
        // are listed here.
        ErrorBody,
        types::registers::ProjectDoc,
        types::city::CityRollupDoc,
        types::city::CityRowDoc,
        types::city::CountsDoc,
        types::city::StatusCountDoc,
        types::city::RegisterFiguresDoc,
        types::registers::ProjectReportDoc,
        types::registers::DecisionBody,
        types::registers::ProposalDoc,
        types::registers::ReturnBody,
        types::registers::ReassignBody,
        types::registers::ExtendBody,
        types::registers::OpinionBody,
        types::registers::FeedbackBody,
        types::registers::ReplyUpload,
        types::registers::ServiceDoc,
        types::registers::IndicatorDoc,
        types::registers::ValueDoc,
        types::registers::BindingDoc,
        types::registers::RegisterUpload,
        types::registers::ImportSummaryDoc,
        types::registers::StageDoc,
        types::registers::FunnelDoc,
        types::registers::InvestmentDoc,
        types::registers::SummaryDoc,
        types::registers::GovernmentDoc,
        types::registers::ProjectOut,
        types::registers::ProjectLightDoc,
        types::registers::ProjectRowDoc,
        types::registers::ProjectReportOut,
        types::registers::ProjectDetailDoc,
        types::registers::ReportHistoryDoc,
        types::registers::ProposalOut,
        types::registers::ProposerDoc,
        types::registers::SupportingUnitDoc,
        types::registers::ProposalClockDoc,
        types::registers::ProposalDetailDoc,
        types::registers::ServiceOut,
        types::registers::DeletedDoc,
        types::registers::UnboundDoc,
        types::registers::IndicatorOut,
        types::registers::SeriesValueDoc,
        types::registers::LatestDoc,
        types::registers::SeriesDoc,
        types::registers::BoundItemDoc,
        types::registers::BindingProposalDoc,
        types::registers::LightCountsDoc,
        types::registers::FlaggedProjectDoc,
        types::registers::CategoryShareDoc,
        types::registers::DueEntryDoc,
        types::registers::ProposalStatsDoc,
        types::registers::ServiceStatsDoc,
        types::chase::NoticeDoc,
        types::chase::NoticeDetailDoc,
        types::chase::AnswerDoc,
        types::chase::AnswerFileDoc,
        types::chase::AnswerBody,
        types::chase::IssueBody,
        types::chase::ExtensionDoc,
        types::chase::ExtensionBody,
        types::chase::ExtensionDecisionBody,
        types::chase::MessageDoc,
        types::chase::InboxDoc,
        types::chase::ScoreEntryDoc,
        types::chase::ScoreRowDoc,
        types::chase::ScoreBoardDoc
    ))
)]
pub struct ApiDoc;

/// The plan asked for (another government's is not found) or the actor's newest.
pub async fn plan_or_latest(
    app: &App,
    actor: &duban_app::Actor,
    plan_id: Option<i64>,
) -> Result<i64, ApiError> {
    match plan_id {
        Some(id) => Ok(duban_app::items::plan_for(app, actor, id).await?.id),
        None => Ok(duban_app::items::latest_plan_for(app, actor)
            .await?
            .ok_or_else(|| AppError::BadInput("尚无计划，请先导入政府工作报告".into()))?
            .id),
    }
}

pub async fn period_of(app: &App, plan_id: i64, p: Option<&str>) -> Result<Period, ApiError> {
    match p.filter(|s| !s.trim().is_empty()) {
        Some(s) => Ok(s
            .trim()
            .parse::<Period>()
            .map_err(|e| AppError::BadInput(e.to_string()))?),
        None => {
            let plan = duban_app::items::plan(app, plan_id).await?;
            let (_, settled) =
                duban_app::progress::default_periods(app, &plan, app.today()).await?;
            Ok(settled)
        }
    }
}
