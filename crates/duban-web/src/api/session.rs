//! 会话: login, logout and the current user.

use super::types::session::{ActorDto, LoginBody};
use super::types::{ErrorBody, OkDto};
use super::{ApiResult, ok};
use crate::extract::{ApiUser, ClientInfo, JsonBody};
use crate::session::{login_cookie, removal_cookie};
use axum::extract::State;

use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use axum_extra::extract::CookieJar;
use duban_app::{App, auth};

pub fn routes() -> Router<App> {
    Router::new()
        .route("/api/v1/logout", post(logout))
        .route("/api/v1/me", get(me))
}

/// Only POST /api/v1/login: it gets the rate limit.
pub fn login_routes() -> Router<App> {
    Router::new().route("/api/v1/login", post(login))
}

/// Logs in; sets the `duban_session` cookie and returns the actor.
#[utoipa::path(post, path = "/api/v1/login", tag = "会话", request_body = LoginBody,
    responses((status = 200, description = "登录成功，返回当前用户", body = ActorDto),
              (status = 401, description = "用户名或密码错误", body = ErrorBody),
              (status = 429, description = "账户已锁定或尝试过于频繁", body = ErrorBody)))]
pub async fn login(
    State(app): State<App>,
    client: ClientInfo,
    jar: CookieJar,
    JsonBody(b): JsonBody<LoginBody>,
) -> ApiResult {
    // Wrong credentials are InvalidCredentials: 401, not a malformed request.
    let l = auth::login(
        &app,
        &b.username,
        &b.password,
        client.user_agent.as_deref(),
        client.ip.as_deref(),
    )
    .await?;
    Ok((
        jar.add(login_cookie(l.token, client.https)),
        Json(ActorDto::from(l.actor)),
    )
        .into_response())
}

#[utoipa::path(post, path = "/api/v1/logout", tag = "会话", responses((status = 200, description = "已退出", body = OkDto)))]
pub async fn logout(State(app): State<App>, jar: CookieJar) -> ApiResult {
    if let Some(c) = jar.get(crate::COOKIE) {
        auth::logout(&app, c.value()).await?;
    }
    Ok((jar.remove(removal_cookie()), Json(OkDto { ok: true })).into_response())
}

#[utoipa::path(get, path = "/api/v1/me", tag = "会话",
    responses((status = 200, description = "当前用户（角色、单位）", body = ActorDto), (status = 401, description = "未登录", body = ErrorBody)))]
pub async fn me(user: ApiUser) -> ApiResult {
    ok(ActorDto::from(user.actor))
}
