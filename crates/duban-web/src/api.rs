//! The JSON API under /api/v1 (same session cookie as the pages) and its OpenAPI document.
//! Row types of duban-db are returned as they are and documented as free-form objects.

use crate::error::{Api400, ApiError};
use crate::session::{ApiUser, ClientInfo, login_cookie, removal_cookie};
use crate::upload::{self, MAX_UPLOAD_BODY};
use axum::extract::multipart::MultipartRejection;
use axum::extract::rejection::JsonRejection;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Query, Request, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use axum_extra::extract::CookieJar;
use duban_app::core::Period;
use duban_app::progress::{Decision, ReportInput};
use duban_app::{App, AppError, auth, dashboard, import, items, progress, status};
use serde::Deserialize;
use serde_json::json;
use utoipa::{IntoParams, OpenApi, ToSchema};

type ApiResult = Result<Response, ApiError>;

/// A JSON body whose rejection is a Chinese `{"error": …}` like every other API error.
pub struct Body<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = ApiError;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(Self(v)),
            Err(e) => Err(ApiError(AppError::BadInput(match e {
                JsonRejection::JsonDataError(e) => format!("请求内容有误：{}", e.body_text()),
                JsonRejection::MissingJsonContentType(_) => {
                    "请求须为 JSON（Content-Type: application/json）".into()
                }
                other => format!("请求内容不是有效的 JSON：{}", other.body_text()),
            }))),
        }
    }
}

fn ok(v: impl serde::Serialize) -> ApiResult {
    Ok(Json(v).into_response())
}

pub fn routes() -> Router<App> {
    Router::new()
        .route("/api/v1/logout", post(logout))
        .route("/api/v1/me", get(me))
        .route("/api/v1/plans", get(plans))
        .route("/api/v1/items", get(list_items))
        .route("/api/v1/items/{id}", get(item))
        .route("/api/v1/items/{id}/assign", post(assign))
        .route("/api/v1/items/{id}/reports", post(save_report))
        .route("/api/v1/reports/{id}/review", post(review))
        .route(
            "/api/v1/plans/{id}/settings",
            get(get_settings).put(put_settings),
        )
        .route(
            "/api/v1/reports/{id}/attachments",
            post(upload_attachment).layer(DefaultBodyLimit::max(MAX_UPLOAD_BODY)),
        )
        .route("/api/v1/attachments/{id}", get(download_attachment))
        .route(
            "/api/v1/import",
            post(import).layer(DefaultBodyLimit::max(MAX_UPLOAD_BODY)),
        )
        .route("/api/v1/status", get(item_status))
        .route("/api/v1/dashboard", get(dash))
        .route("/api/openapi.json", get(openapi_json))
}

/// Only POST /api/v1/login: it gets the rate limit.
pub fn login_routes() -> Router<App> {
    Router::new().route("/api/v1/login", post(login))
}

pub fn docs() -> Router<App> {
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
}

async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "督办 API",
        description = "政府工作报告目标任务督查：计划、事项、分解、进度填报与审核、状态与仪表盘。除登录外均需会话 Cookie duban_session。"
    ),
    paths(
        login,
        logout,
        me,
        plans,
        list_items,
        item,
        assign,
        save_report,
        review,
        item_status,
        dash,
        get_settings,
        put_settings,
        upload_attachment,
        download_attachment,
        import
    ),
    components(schemas(
        LoginBody,
        ReviewBody,
        ErrorBody,
        AssignBody,
        MilestoneDoc,
        ReportDoc,
        SettingsDoc,
        ThresholdsDoc,
        FileUpload,
        ImportUpload
    ))
)]
pub struct ApiDoc;

/// A JSON error: `{"error": "<中文说明>"}`.
#[derive(ToSchema)]
#[allow(dead_code)] // documentation only
pub struct ErrorBody {
    error: String,
}

#[derive(Deserialize, ToSchema)]
pub struct LoginBody {
    username: String,
    password: String,
}

/// Logs in; sets the `duban_session` cookie and returns the actor.
#[utoipa::path(post, path = "/api/v1/login", tag = "会话", request_body = LoginBody,
    responses((status = 200, description = "登录成功，返回当前用户", body = serde_json::Value),
              (status = 401, description = "用户名或密码错误", body = ErrorBody),
              (status = 429, description = "账户已锁定或尝试过于频繁", body = ErrorBody)))]
async fn login(
    State(app): State<App>,
    client: ClientInfo,
    headers: HeaderMap,
    jar: CookieJar,
    Body(b): Body<LoginBody>,
) -> ApiResult {
    match auth::login(
        &app,
        &b.username,
        &b.password,
        client.user_agent.as_deref(),
        client.ip.as_deref(),
    )
    .await
    {
        Ok(l) => Ok((jar.add(login_cookie(l.token, &headers)), Json(l.actor)).into_response()),
        // Wrong credentials are an authentication failure, not a malformed request.
        Err(AppError::BadInput(m)) => Ok((
            axum::http::StatusCode::UNAUTHORIZED,
            Json(json!({ "error": m })),
        )
            .into_response()),
        Err(e) => Err(e.into()),
    }
}

#[utoipa::path(post, path = "/api/v1/logout", tag = "会话", responses((status = 200, description = "已退出", body = serde_json::Value)))]
async fn logout(State(app): State<App>, jar: CookieJar) -> ApiResult {
    if let Some(c) = jar.get(crate::COOKIE) {
        auth::logout(&app, c.value()).await?;
    }
    Ok((jar.remove(removal_cookie()), Json(json!({ "ok": true }))).into_response())
}

#[utoipa::path(get, path = "/api/v1/me", tag = "会话",
    responses((status = 200, description = "当前用户（角色、单位）", body = serde_json::Value), (status = 401, description = "未登录", body = ErrorBody)))]
async fn me(user: ApiUser) -> ApiResult {
    ok(user.actor)
}

#[utoipa::path(get, path = "/api/v1/plans", tag = "计划",
    responses((status = 200, description = "全部年度计划，最新在前", body = serde_json::Value)))]
async fn plans(State(app): State<App>, _user: ApiUser) -> ApiResult {
    ok(items::plans(&app).await?)
}

#[derive(Deserialize, IntoParams)]
pub struct ItemsParams {
    /// 计划编号；缺省为最新计划
    plan_id: Option<i64>,
    /// 分管领导只看本人分管的事项
    mine: Option<bool>,
}

async fn plan_or_latest(app: &App, plan_id: Option<i64>) -> Result<i64, ApiError> {
    match plan_id {
        Some(id) => Ok(items::plan(app, id).await?.id),
        None => Ok(items::latest_plan(app)
            .await?
            .ok_or_else(|| AppError::BadInput("尚无计划，请先导入政府工作报告".into()))?
            .id),
    }
}

#[utoipa::path(get, path = "/api/v1/items", tag = "事项", params(ItemsParams),
    responses((status = 200, description = "调用者可见的事项（单位用户只见本单位参与的事项）", body = serde_json::Value)))]
async fn list_items(
    State(app): State<App>,
    user: ApiUser,
    Query(p): Query<ItemsParams>,
) -> ApiResult {
    let plan_id = plan_or_latest(&app, p.plan_id).await?;
    ok(items::list(&app, &user.actor, plan_id, p.mine.unwrap_or(false)).await?)
}

#[utoipa::path(get, path = "/api/v1/items/{id}", tag = "事项", params(("id" = i64, Path, description = "事项编号")),
    responses((status = 200, description = "事项详情：分解、节点、调整、报告", body = serde_json::Value),
              (status = 404, description = "不存在或无权查看", body = ErrorBody)))]
async fn item(State(app): State<App>, user: ApiUser, Path(id): Path<i64>) -> ApiResult {
    ok(items::detail(&app, &user.actor, id).await?)
}

/// What the supervisor decides for an item (`items::AssignInput` with a plain-text date).
#[derive(Deserialize, ToSchema)]
pub struct AssignBody {
    lead_unit_id: i64,
    #[serde(default)]
    supporting_unit_ids: Vec<i64>,
    leader_user_id: Option<i64>,
    leader_name: Option<String>,
    /// 完成时限 YYYY-MM-DD
    deadline: Option<String>,
    weight: Option<f64>,
    /// monthly | quarterly | halfyearly | yearly
    #[schema(value_type = Option<String>)]
    cycle: Option<duban_app::core::Cycle>,
    /// 节点：省略则保持不变
    #[schema(value_type = Option<Vec<MilestoneDoc>>)]
    milestones: Option<Vec<items::MilestoneInput>>,
}

/// Parses YYYY-MM-DD.
pub fn parse_date(s: &str) -> Result<time::Date, AppError> {
    let f = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s.trim(), f)
        .map_err(|_| AppError::BadInput(format!("日期“{s}”应为 YYYY-MM-DD")))
}

impl AssignBody {
    fn into_input(self) -> Result<items::AssignInput, AppError> {
        Ok(items::AssignInput {
            lead_unit_id: self.lead_unit_id,
            supporting_unit_ids: self.supporting_unit_ids,
            leader_user_id: self.leader_user_id,
            leader_name: self.leader_name,
            deadline: match self
                .deadline
                .as_deref()
                .map(str::trim)
                .filter(|d| !d.is_empty())
            {
                Some(d) => Some(parse_date(d)?),
                None => None,
            },
            weight: self.weight,
            cycle: self.cycle,
            milestones: self.milestones,
        })
    }
}

#[derive(ToSchema)]
#[allow(dead_code)] // documentation only
pub struct MilestoneDoc {
    /// YYYY-MM
    period: String,
    planned_value: Option<f64>,
    description: Option<String>,
    is_final: bool,
}

#[utoipa::path(post, path = "/api/v1/items/{id}/assign", tag = "分解", request_body = AssignBody,
    params(("id" = i64, Path, description = "事项编号")),
    responses((status = 200, description = "分解后的事项", body = serde_json::Value), (status = 403, description = "仅督查室", body = ErrorBody)))]
async fn assign(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
    Body(b): Body<AssignBody>,
) -> ApiResult {
    ok(items::assign(&app, &user.actor, id, &b.into_input()?).await?)
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
async fn save_report(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
    Body(b): Body<ReportInput>,
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
async fn review(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
    Body(b): Body<ReviewBody>,
) -> ApiResult {
    ok(progress::review(&app, &user.actor, id, b.decision, &b.comment).await?)
}

#[derive(Deserialize, IntoParams)]
pub struct PeriodParams {
    /// 计划编号；缺省为最新计划
    plan_id: Option<i64>,
    /// YYYY-MM；缺省为有报告的最近月份
    period: Option<String>,
    /// 分管领导只看本人分管的事项
    mine: Option<bool>,
}

async fn period_of(app: &App, plan_id: i64, p: Option<&str>) -> Result<Period, ApiError> {
    match p.filter(|s| !s.trim().is_empty()) {
        Some(s) => Ok(s
            .trim()
            .parse::<Period>()
            .map_err(|e| AppError::BadInput(e.to_string()))?),
        None => {
            let plan = items::plan(app, plan_id).await?;
            Ok(crate::pages::default_period(app, &plan, crate::pages::PeriodUse::Status).await?)
        }
    }
}

#[utoipa::path(get, path = "/api/v1/status", tag = "状态", params(PeriodParams),
    responses((status = 200, description = "每个可见事项的状态（序时进度规则）", body = serde_json::Value)))]
async fn item_status(
    State(app): State<App>,
    user: ApiUser,
    Query(p): Query<PeriodParams>,
) -> ApiResult {
    let plan_id = plan_or_latest(&app, p.plan_id).await?;
    let period = period_of(&app, plan_id, p.period.as_deref()).await?;
    let (_, list) = status::compute(&app, &user.actor, plan_id, period, duban_app::today()).await?;
    ok(json!({ "plan_id": plan_id, "period": period.to_string(), "items": list }))
}

#[utoipa::path(get, path = "/api/v1/dashboard", tag = "状态", params(PeriodParams),
    responses((status = 200, description = "督查通报口径的统计：按状态、板块、单位、领导，滞后清单", body = serde_json::Value)))]
async fn dash(State(app): State<App>, user: ApiUser, Query(p): Query<PeriodParams>) -> ApiResult {
    let plan_id = plan_or_latest(&app, p.plan_id).await?;
    let period = period_of(&app, plan_id, p.period.as_deref()).await?;
    ok(dashboard::build(
        &app,
        &user.actor,
        plan_id,
        period,
        duban_app::today(),
        p.mine.unwrap_or(false),
    )
    .await?)
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
async fn get_settings(State(app): State<App>, user: ApiUser, Path(id): Path<i64>) -> ApiResult {
    ok(items::plan_settings(&app, &user.actor, id).await?)
}

#[utoipa::path(put, path = "/api/v1/plans/{id}/settings", tag = "计划", request_body = SettingsDoc,
    params(("id" = i64, Path, description = "计划编号")),
    responses((status = 200, description = "保存后的设置", body = SettingsDoc),
              (status = 400, description = "截止日或阈值不合理", body = ErrorBody),
              (status = 403, description = "仅督查室", body = ErrorBody),
              (status = 404, description = "计划不存在", body = ErrorBody)))]
async fn put_settings(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
    body: Result<Body<items::PlanSettings>, ApiError>,
) -> Result<Response, Api400> {
    let Body(s) = body?;
    items::set_plan_settings(&app, &user.actor, id, &s).await?;
    Ok(Json(items::plan_settings(&app, &user.actor, id).await?).into_response())
}

/// A multipart upload with one file.
#[derive(ToSchema)]
#[allow(dead_code)] // documentation only
pub struct FileUpload {
    /// 附件（pdf、jpg、png、docx、xlsx、doc、xls、wps、ofd、txt，20MB 以内）
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

#[utoipa::path(post, path = "/api/v1/reports/{id}/attachments", tag = "填报",
    request_body(content = FileUpload, content_type = "multipart/form-data"),
    params(("id" = i64, Path, description = "报告编号")),
    responses((status = 200, description = "已保存的附件", body = serde_json::Value),
              (status = 400, description = "文件为空、过大或类型不支持", body = ErrorBody),
              (status = 403, description = "只能为本单位未提交的报告上传", body = ErrorBody),
              (status = 404, description = "报告不存在或无权查看", body = ErrorBody)))]
async fn upload_attachment(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
    mp: Result<Multipart, MultipartRejection>,
) -> Result<Response, Api400> {
    let mut up = upload::read(mp, "file").await?;
    let (name, bytes) = upload::require_file(&mut up)?;
    Ok(Json(progress::attach(&app, &user.actor, id, &name, &bytes).await?).into_response())
}

#[utoipa::path(get, path = "/api/v1/attachments/{id}", tag = "填报", params(("id" = i64, Path, description = "附件编号")),
    responses((status = 200, description = "附件内容（作为下载，Content-Disposition 含 UTF-8 文件名）", content_type = "application/octet-stream"),
              (status = 404, description = "不存在或无权查看", body = ErrorBody)))]
async fn download_attachment(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
) -> ApiResult {
    let (a, bytes) = progress::attachment_bytes(&app, &user.actor, id).await?;
    Ok(attachment_response(&a, bytes))
}

/// An attachment as a download that never runs in our origin.
pub fn attachment_response(a: &duban_app::db::Attachment, bytes: Vec<u8>) -> Response {
    use axum::http::header;
    (
        [
            (header::CONTENT_TYPE, a.content_type.clone()),
            (
                header::CONTENT_DISPOSITION,
                upload::content_disposition(&a.file_name),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}

/// The multipart form of a report import.
#[derive(ToSchema)]
#[allow(dead_code)] // documentation only
pub struct ImportUpload {
    /// 报告全文（.txt，UTF-8、GBK 等编码均可）
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    /// 政府名称，例如 山城区
    government: String,
    /// 年份；省略时取报告自身的年份
    year: Option<i32>,
}

/// The year field of an upload form: empty means none.
pub fn opt_year(s: &str) -> Result<Option<i32>, AppError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    s.parse()
        .map(Some)
        .map_err(|_| AppError::BadInput(format!("年份“{s}”应为四位数字")))
}

#[utoipa::path(post, path = "/api/v1/import", tag = "计划",
    request_body(content = ImportUpload, content_type = "multipart/form-data"),
    responses((status = 200, description = "导入结果：计划编号、板块、指标、任务、上年实绩的数目", body = serde_json::Value),
              (status = 400, description = "文件为空、不是文本、编码无法识别或未找到指标", body = ErrorBody),
              (status = 403, description = "仅督查室", body = ErrorBody),
              (status = 409, description = "该政府该年度的计划已导入", body = ErrorBody)))]
async fn import(
    State(app): State<App>,
    user: ApiUser,
    mp: Result<Multipart, MultipartRejection>,
) -> Result<Response, Api400> {
    let mut up = upload::read(mp, "file").await?;
    let year = opt_year(&up.field("year"))?;
    let (name, bytes) = upload::require_file(&mut up)?;
    let summary = import::import_report(
        &app,
        &user.actor,
        &up.field("government"),
        year,
        &name,
        &bytes,
    )
    .await?;
    Ok(Json(summary).into_response())
}
