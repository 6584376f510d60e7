//! Attachments of reports: upload and download.

use super::{ApiResult, ErrorBody};
use crate::error::UploadError;
use crate::extract::{ApiUser, File, Upload, require_file};
use crate::respond::attachment_response;
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use axum_typed_multipart::TryFromMultipart;
use duban_app::{App, AppError, progress};
use utoipa::ToSchema;

pub fn routes() -> Router<App> {
    Router::new()
        .route(
            "/api/v1/reports/{id}/attachments",
            // The size limit is the app's, applied by Upload::read.
            post(upload_attachment).layer(DefaultBodyLimit::disable()),
        )
        .route("/api/v1/attachments/{id}", get(download_attachment))
}

/// A multipart upload with one file.
#[derive(ToSchema)]
#[allow(dead_code)] // documentation only
pub struct FileUpload {
    /// 附件（pdf、jpg、png、docx、xlsx、doc、xls、wps、ofd、txt，20MB 以内）
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// What the attachment form sends.
#[derive(TryFromMultipart)]
pub struct FileForm {
    #[form_data(limit = "unlimited")]
    file: Option<File>,
}

#[utoipa::path(post, path = "/api/v1/reports/{id}/attachments", tag = "填报",
    request_body(content = FileUpload, content_type = "multipart/form-data"),
    params(("id" = i64, Path, description = "报告编号")),
    responses((status = 200, description = "已保存的附件", body = serde_json::Value),
              (status = 400, description = "文件为空、过大或类型不支持", body = ErrorBody),
              (status = 403, description = "只能为本单位未提交的报告上传", body = ErrorBody),
              (status = 404, description = "报告不存在或无权查看", body = ErrorBody)))]
pub async fn upload_attachment(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
    req: Request,
) -> Result<Response, UploadError> {
    // Decided before a byte of the body is read.
    progress::may_attach(&app, &user.actor, id).await?;
    let Upload(f) = Upload::<FileForm>::read(req, &app)
        .await
        .map_err(AppError::from)?;
    let (name, bytes) = require_file(f.file)?;
    Ok(Json(progress::attach(&app, &user.actor, id, &name, &bytes).await?).into_response())
}

#[utoipa::path(get, path = "/api/v1/attachments/{id}", tag = "填报", params(("id" = i64, Path, description = "附件编号")),
    responses((status = 200, description = "附件内容（作为下载，Content-Disposition 含 UTF-8 文件名）", content_type = "application/octet-stream"),
              (status = 404, description = "不存在或无权查看", body = ErrorBody)))]
pub async fn download_attachment(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
) -> ApiResult {
    let (a, bytes) = progress::attachment_bytes(&app, &user.actor, id).await?;
    Ok(attachment_response(&a, bytes))
}
