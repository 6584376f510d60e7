//! AppError → HTTP: JSON `{"error": …}` for the API, Chinese error pages for people.

use crate::views::ErrorPage;
use askama::Template;
use axum::Json;
use axum::body::Body;
use axum::http::{Response, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect};
use duban_app::AppError;
use tower_http::csrf::ProtectionError;

pub fn status_of(e: &AppError) -> StatusCode {
    match e {
        AppError::NotFound => StatusCode::NOT_FOUND,
        AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
        AppError::Forbidden(_) => StatusCode::FORBIDDEN,
        AppError::BadInput(_) => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Conflict(_) => StatusCode::CONFLICT,
        AppError::Locked(_) => StatusCode::TOO_MANY_REQUESTS,
        AppError::InvalidCredentials => StatusCode::UNAUTHORIZED,
        AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// What people may read: internal details go to the log, not to the browser.
fn public_message(e: &AppError) -> String {
    match e {
        AppError::Internal(m) => {
            tracing::error!(error = %m, "internal error");
            "服务器内部错误，请稍后再试或联系系统管理员".into()
        }
        AppError::NotFound => "您访问的页面或记录不存在，或您无权查看".into(),
        other => other.to_string(),
    }
}

/// An error of the JSON API.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        Self(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> axum::response::Response {
        let status = status_of(&self.0);
        (
            status,
            Json(serde_json::json!({ "error": public_message(&self.0) })),
        )
            .into_response()
    }
}

/// An error of a page: a Chinese error page, or the login page when not logged in.
#[derive(Debug)]
pub struct PageError {
    pub err: AppError,
    /// Where to come back after logging in.
    pub next: Option<String>,
}

impl From<AppError> for PageError {
    fn from(err: AppError) -> Self {
        Self { err, next: None }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> axum::response::Response {
        if matches!(self.err, AppError::Unauthenticated) {
            let to = match self
                .next
                .as_deref()
                .filter(|n| crate::session::safe_next(n))
            {
                Some(n) => format!("/login?next={}", crate::views::urlencode(n)),
                None => "/login".into(),
            };
            return Redirect::to(&to).into_response();
        }
        let status = status_of(&self.err);
        error_page(status, &public_message(&self.err))
    }
}

pub fn error_page(status: StatusCode, message: &str) -> axum::response::Response {
    let title = match status {
        StatusCode::NOT_FOUND => "页面不存在",
        StatusCode::FORBIDDEN => "无权访问",
        StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY => "请求有误",
        StatusCode::CONFLICT => "操作冲突",
        StatusCode::TOO_MANY_REQUESTS => "操作过于频繁",
        _ => "服务器错误",
    };
    let page = ErrorPage {
        code: status.as_u16(),
        title,
        message: message.to_string(),
    };
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => (status, message.to_string()).into_response(),
    }
}

/// The CsrfLayer's rejection: a Chinese message, as JSON (clients of the API read it) —
/// browsers of real users never see it, since their own forms are same-origin.
pub fn csrf_rejected(_: ProtectionError) -> Response<Body> {
    let body = serde_json::json!({ "error": "跨站请求已被拒绝（CSRF 防护）" }).to_string();
    Response::builder()
        .status(StatusCode::FORBIDDEN)
        .header(header::CONTENT_TYPE, "application/json; charset=utf-8")
        .body(Body::from(body))
        .unwrap_or_default()
}

/// tower_governor's rejection when a client logs in too often.
pub fn rate_limited(_: tower_governor::GovernorError) -> Response<Body> {
    let body = serde_json::json!({ "error": "登录尝试过于频繁，请稍后再试" }).to_string();
    Response::builder()
        .status(StatusCode::TOO_MANY_REQUESTS)
        .header(header::CONTENT_TYPE, "application/json; charset=utf-8")
        .header(header::RETRY_AFTER, "6")
        .body(Body::from(body))
        .unwrap_or_default()
}

/// An API error where malformed input (an unreadable file, a bad value) is 400 Bad Request
/// rather than 422: used by the upload and settings endpoints, whose clients send files
/// and forms rather than JSON the schema could describe.
#[derive(Debug)]
pub struct Api400(pub AppError);

impl From<AppError> for Api400 {
    fn from(e: AppError) -> Self {
        Self(e)
    }
}

impl From<ApiError> for Api400 {
    fn from(e: ApiError) -> Self {
        Self(e.0)
    }
}

impl IntoResponse for Api400 {
    fn into_response(self) -> axum::response::Response {
        match self.0 {
            AppError::BadInput(m) => (
                StatusCode::BAD_REQUEST,
                Json(serde_json::json!({ "error": m })),
            )
                .into_response(),
            other => ApiError(other).into_response(),
        }
    }
}
