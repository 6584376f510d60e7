//! Register files: the template to fill in, the export, and the import (all or nothing,
//! with row-level errors).

use super::scope;
use crate::api::types::registers::{FileParams, ImportSummaryDoc, RegisterForm, RegisterUpload};
use crate::api::{ApiResult, ErrorBody};
use crate::error::UploadError;
use crate::extract::{
    ApiUser, MAX_UPLOAD_BODY, Upload, UploadRejection, opt_year, require_file, text,
};
use crate::respond::download;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use duban_app::registers::io::{self, RegisterKind};
use duban_app::{App, AppError};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

pub fn routes() -> Router<App> {
    Router::new()
        .route("/api/v1/registers/template", get(template))
        .route("/api/v1/registers/export", get(export))
        .route(
            "/api/v1/registers/import",
            post(import).layer(DefaultBodyLimit::max(MAX_UPLOAD_BODY)),
        )
}

#[utoipa::path(get, path = "/api/v1/registers/template", tag = "台账·导入导出", params(FileParams),
    responses((status = 200, description = "导入模板（.xlsx，只有表头）", content_type = XLSX),
              (status = 400, description = "未知的台账", body = ErrorBody)))]
pub async fn template(_user: ApiUser, Query(q): Query<FileParams>) -> ApiResult {
    let kind: RegisterKind = q.kind.parse()?;
    let name = format!("{}导入模板.xlsx", kind.label());
    Ok(download(XLSX, &name, io::template(kind)?))
}

#[utoipa::path(get, path = "/api/v1/registers/export", tag = "台账·导入导出", params(FileParams),
    responses((status = 200, description = "台账（.xlsx，仅本人可见的条目；可原样导回）", content_type = XLSX),
              (status = 400, description = "未知的台账", body = ErrorBody)))]
pub async fn export(
    State(app): State<App>,
    user: ApiUser,
    Query(q): Query<FileParams>,
) -> ApiResult {
    let kind: RegisterKind = q.kind.parse()?;
    let (g, year) = scope(&app, &user.actor, q.government.as_deref(), q.year).await?;
    let bytes = io::export(&app, &user.actor, kind, g, year).await?;
    Ok(download(XLSX, &io::file_name(kind, year), bytes))
}

#[utoipa::path(post, path = "/api/v1/registers/import", tag = "台账·导入导出",
    request_body(content = RegisterUpload, content_type = "multipart/form-data"),
    responses((status = 200, description = "新增、更新的条数，建议的绑定", body = ImportSummaryDoc),
              (status = 400, description = "文件有误：逐行列出行号、列名和原因，未导入任何数据", body = ErrorBody),
              (status = 403, description = "仅督查室", body = ErrorBody)))]
pub async fn import(
    State(app): State<App>,
    user: ApiUser,
    up: Result<Upload<RegisterForm>, UploadRejection>,
) -> Result<Response, UploadError> {
    let Upload(f) = up.map_err(AppError::from)?;
    let kind: RegisterKind = text(&f.kind).parse()?;
    let year = opt_year(&text(&f.year))?;
    let gov = text(&f.government);
    let (g, year) = scope(&app, &user.actor, Some(&gov), year).await?;
    let (name, bytes) = require_file(f.file)?;
    let summary = io::import(&app, &user.actor, kind, g, year, &name, &bytes, app.today()).await?;
    Ok(Json(summary).into_response())
}
