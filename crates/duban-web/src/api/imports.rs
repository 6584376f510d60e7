//! 导入: a 政府工作报告 uploaded as text.

use super::ErrorBody;
use crate::error::UploadError;
use crate::extract::{ApiUser, File, Upload, opt_year, require_file, text};
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use axum_typed_multipart::TryFromMultipart;
use duban_app::{App, AppError, import};
use utoipa::ToSchema;

pub fn routes() -> Router<App> {
    Router::new().route(
        "/api/v1/import",
        // The size limit is the app's, applied by Upload::read.
        post(import).layer(DefaultBodyLimit::disable()),
    )
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

/// What the import form sends.
#[derive(TryFromMultipart)]
pub struct ImportForm {
    #[form_data(limit = "unlimited")]
    pub file: Option<File>,
    pub government: Option<String>,
    pub year: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/import", tag = "计划",
    request_body(content = ImportUpload, content_type = "multipart/form-data"),
    responses((status = 200, description = "导入结果：计划编号、板块、指标、任务、上年实绩的数目", body = serde_json::Value),
              (status = 400, description = "文件为空、不是文本、编码无法识别或未找到指标", body = ErrorBody),
              (status = 403, description = "仅督查室", body = ErrorBody),
              (status = 409, description = "该政府该年度的计划已导入", body = ErrorBody)))]
pub async fn import(
    State(app): State<App>,
    user: ApiUser,
    req: Request,
) -> Result<Response, UploadError> {
    // Decided before a byte of the body is read.
    user.actor.require_import()?;
    let Upload(f) = Upload::<ImportForm>::read(req, &app)
        .await
        .map_err(AppError::from)?;
    let year = opt_year(&text(&f.year))?;
    let (name, bytes) = require_file(f.file)?;
    let summary =
        import::import_report(&app, &user.actor, &text(&f.government), year, &name, &bytes).await?;
    Ok(Json(summary).into_response())
}
