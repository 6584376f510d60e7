//! The session cookie and the extractors that turn it into an [`Actor`]. They only
//! authenticate; what the actor may do is decided in duban-app.

use crate::error::{ApiError, PageError};
use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use duban_app::{Actor, App, AppError, auth};

/// Name of the session cookie.
pub const COOKIE: &str = "duban_session";

/// Whether the request reached us over https (directly or through a proxy saying so).
fn is_https(headers: &HeaderMap, parts_uri_scheme: Option<&str>) -> bool {
    parts_uri_scheme == Some("https")
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// The session cookie for a fresh login: HttpOnly, SameSite=Lax, Path=/, Secure over https.
pub fn login_cookie(token: String, headers: &HeaderMap) -> Cookie<'static> {
    let mut c = Cookie::new(COOKIE, token);
    c.set_http_only(true);
    c.set_same_site(SameSite::Lax);
    c.set_path("/");
    c.set_secure(is_https(headers, None));
    c
}

pub fn removal_cookie() -> Cookie<'static> {
    let mut c = Cookie::from(COOKIE);
    c.set_path("/");
    c
}

/// Only same-site relative paths may be a login's `next` (no `//host`, no scheme).
pub fn safe_next(next: &str) -> bool {
    next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.contains("://")
        && !next.chars().any(|c| c.is_control())
}

pub fn client_ip(parts: &Parts) -> Option<String> {
    parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|ci| ci.0.ip().to_string())
}

async fn actor_of(parts: &Parts, app: &App) -> Result<Actor, AppError> {
    let jar = CookieJar::from_headers(&parts.headers);
    let token = jar
        .get(COOKIE)
        .map(|c| c.value().to_string())
        .ok_or(AppError::Unauthenticated)?;
    auth::actor_for_token(app, &token).await
}

/// A logged-in user of a page; otherwise a redirect to the login page.
pub struct PageUser {
    pub actor: Actor,
}

impl FromRequestParts<App> for PageUser {
    type Rejection = PageError;
    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        match actor_of(parts, app).await {
            Ok(actor) => Ok(Self { actor }),
            Err(err) => Err(PageError {
                err,
                next: parts.uri.path_and_query().map(|p| p.as_str().to_string()),
            }),
        }
    }
}

/// A logged-in caller of the API; otherwise 401 with a JSON error.
pub struct ApiUser {
    pub actor: Actor,
}

impl FromRequestParts<App> for ApiUser {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        Ok(Self {
            actor: actor_of(parts, app).await?,
        })
    }
}

/// The peer address and user agent, recorded with the session.
pub struct ClientInfo {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for ClientInfo {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self {
            ip: client_ip(parts),
            user_agent: parts
                .headers
                .get(axum::http::header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(|s| s.chars().take(256).collect()),
        })
    }
}
