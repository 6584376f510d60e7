//! The one error of the web face: an [`AppError`] and how it is shown — a Chinese error
//! page (or the login page), a JSON `{"error": …}` for the API, or the same JSON where
//! malformed input is 400 (uploads and settings, whose clients send files and forms
//! rather than JSON the schema describes). One status table serves all of them.

use askama::Template;
use axum::Json;
use axum::body::Body;
use axum::http::{Response, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect};
use duban_app::AppError;
use std::marker::PhantomData;
use tower_http::csrf::ProtectionError;

/// How an error is shown.
pub trait Face {
    fn show(e: WebError<Self>) -> axum::response::Response
    where
        Self: Sized;
    /// Whether malformed input is 400 Bad Request rather than 422.
    const BAD_INPUT_400: bool = false;
}

/// A page: a Chinese error page, or the login page when not logged in.
#[derive(Debug)]
pub struct Page;
/// The JSON API.
#[derive(Debug)]
pub struct Api;
/// The JSON API's upload and settings endpoints.
#[derive(Debug)]
pub struct Form;

/// An application error on its way to the client.
#[derive(Debug)]
pub struct WebError<F> {
    pub err: AppError,
    /// Where to come back after logging in (pages).
    pub next: Option<String>,
    face: PhantomData<F>,
}

pub type PageError = WebError<Page>;
pub type ApiError = WebError<Api>;
pub type UploadError = WebError<Form>;

impl<F> WebError<F> {
    pub fn new(err: AppError) -> Self {
        Self {
            err,
            next: None,
            face: PhantomData,
        }
    }

    /// The page to come back to after logging in.
    pub fn coming_back_to(mut self, next: Option<String>) -> Self {
        self.next = next;
        self
    }
}

impl<F> From<AppError> for WebError<F> {
    fn from(err: AppError) -> Self {
        Self::new(err)
    }
}

impl From<ApiError> for UploadError {
    fn from(e: ApiError) -> Self {
        Self::new(e.err)
    }
}

impl<F: Face> IntoResponse for WebError<F> {
    fn into_response(self) -> axum::response::Response {
        F::show(self)
    }
}

/// The status table.
pub fn status_of(e: &AppError, bad_input_400: bool) -> StatusCode {
    match e {
        AppError::NotFound => StatusCode::NOT_FOUND,
        AppError::Unauthenticated | AppError::InvalidCredentials => StatusCode::UNAUTHORIZED,
        AppError::Forbidden(_) => StatusCode::FORBIDDEN,
        AppError::BadInput(_) | AppError::Rows(_) if bad_input_400 => StatusCode::BAD_REQUEST,
        AppError::BadInput(_) | AppError::Rows(_) => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Conflict(_) => StatusCode::CONFLICT,
        AppError::Locked(_) => StatusCode::TOO_MANY_REQUESTS,
        AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// What people may read: internal details go to the log (once, here), not to the browser.
pub fn public_message(e: &AppError) -> String {
    match e {
        AppError::Internal(i) => {
            log_internal(i);
            "服务器内部错误，请稍后再试或联系系统管理员".into()
        }
        AppError::NotFound => "您访问的页面或记录不存在，或您无权查看".into(),
        other => other.to_string(),
    }
}

/// Logs an internal error with its chain of causes. Called where the error becomes a
/// response, and nowhere else, so each failure is one line in the log.
fn log_internal(i: &duban_app::Internal) {
    let mut chain = i.to_string();
    let mut cause = std::error::Error::source(i).and_then(std::error::Error::source);
    while let Some(c) = cause {
        chain.push_str(" ← ");
        chain.push_str(&c.to_string());
        cause = c.source();
    }
    tracing::error!(error = %chain, "internal error");
}

fn json_error<F: Face>(e: WebError<F>) -> axum::response::Response {
    let status = status_of(&e.err, F::BAD_INPUT_400);
    (
        status,
        Json(serde_json::json!({ "error": public_message(&e.err) })),
    )
        .into_response()
}

impl Face for Api {
    fn show(e: WebError<Self>) -> axum::response::Response {
        json_error(e)
    }
}

impl Face for Form {
    const BAD_INPUT_400: bool = true;
    fn show(e: WebError<Self>) -> axum::response::Response {
        json_error(e)
    }
}

impl Face for Page {
    fn show(e: WebError<Self>) -> axum::response::Response {
        if matches!(e.err, AppError::Unauthenticated) {
            let to = match e.next.as_deref().filter(|n| crate::session::safe_next(n)) {
                Some(n) => format!("/login?next={}", crate::session::urlencode(n)),
                None => "/login".into(),
            };
            return Redirect::to(&to).into_response();
        }
        error_page(status_of(&e.err, false), &public_message(&e.err))
    }
}

/// The error page (also the fallback for unknown paths).
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub code: u16,
    pub title: &'static str,
    pub message: String,
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
    plain_json(StatusCode::FORBIDDEN, "跨站请求已被拒绝（CSRF 防护）", None)
}

/// A state-changing request that says nowhere where it comes from.
pub fn csrf_missing_origin() -> Response<Body> {
    plain_json(
        StatusCode::FORBIDDEN,
        "跨站请求已被拒绝（CSRF 防护）：请求缺少来源信息",
        None,
    )
}

/// tower_governor's rejection when a client logs in too often.
pub fn rate_limited(_: tower_governor::GovernorError) -> Response<Body> {
    plain_json(
        StatusCode::TOO_MANY_REQUESTS,
        "登录尝试过于频繁，请稍后再试",
        Some("6"),
    )
}

fn plain_json(status: StatusCode, message: &str, retry_after: Option<&str>) -> Response<Body> {
    let body = serde_json::json!({ "error": message }).to_string();
    let mut r = Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "application/json; charset=utf-8");
    if let Some(s) = retry_after {
        r = r.header(header::RETRY_AFTER, s);
    }
    r.body(Body::from(body)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tracing_subscriber::layer::{Context, SubscriberExt};

    /// Counts ERROR events and keeps the last one's fields.
    #[derive(Default, Clone)]
    struct Errors(Arc<AtomicUsize>, Arc<std::sync::Mutex<String>>);

    impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Errors {
        fn on_event(&self, e: &tracing::Event<'_>, _: Context<'_, S>) {
            if *e.metadata().level() == tracing::Level::ERROR {
                self.0.fetch_add(1, Ordering::SeqCst);
                struct V<'a>(&'a mut String);
                impl tracing::field::Visit for V<'_> {
                    fn record_debug(&mut self, f: &tracing::field::Field, v: &dyn std::fmt::Debug) {
                        self.0.push_str(&format!("{}={v:?} ", f.name()));
                    }
                }
                e.record(&mut V(&mut self.1.lock().unwrap()));
            }
        }
    }

    #[test]
    fn an_internal_error_keeps_its_source_and_is_logged_once() {
        let errors = Errors::default();
        let sub = tracing_subscriber::registry().with(errors.clone());
        tracing::subscriber::with_default(sub, || {
            let io = std::io::Error::other("disk on fire");
            let db = AppError::from(duban_app::db::DbError::Sqlx(sqlx::Error::PoolTimedOut));
            assert!(matches!(db, AppError::Internal(_)));
            assert!(std::error::Error::source(&db).is_some());
            let e = AppError::internal_in("保存附件", io);
            assert!(
                std::error::Error::source(&e).is_some(),
                "the source is kept"
            );
            assert_eq!(errors.0.load(Ordering::SeqCst), 0, "not logged when made");
            drop(db);
            let r = ApiError::new(e).into_response();
            assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
            assert_eq!(errors.0.load(Ordering::SeqCst), 1, "logged once when shown");
            let page = PageError::new(AppError::internal_msg("坏了")).into_response();
            assert_eq!(page.status(), StatusCode::INTERNAL_SERVER_ERROR);
            assert_eq!(errors.0.load(Ordering::SeqCst), 2);
        });
        let last = errors.1.lock().unwrap().clone();
        assert!(
            last.contains("保存附件") && last.contains("disk on fire"),
            "{last}"
        );
    }
}
