//! 消息 over the API: the caller's own inbox and marking messages read.

use super::types::chase::{InboxDoc, MessageDoc};
use super::{ApiResult, ErrorBody, ok};
use crate::extract::ApiUser;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use duban_app::App;
use duban_app::chase::inbox;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/api/v1/inbox", get(messages))
        .route("/api/v1/inbox/{id}/read", post(read_message))
}

#[utoipa::path(get, path = "/api/v1/inbox", tag = "督办",
    responses((status = 200, description = "调用者本人的消息（最新 200 条）与未读数", body = InboxDoc)))]
pub async fn messages(State(app): State<App>, user: ApiUser) -> ApiResult {
    let list = inbox::list(&app, &user.actor, false).await?;
    let unread = inbox::unread_count(&app, &user.actor).await?;
    ok(InboxDoc {
        unread,
        messages: list.iter().map(MessageDoc::from).collect(),
    })
}

#[utoipa::path(post, path = "/api/v1/inbox/{id}/read", tag = "督办", params(("id" = i64, Path, description = "消息编号")),
    responses((status = 204, description = "已标为已读"),
              (status = 404, description = "不是调用者的消息", body = ErrorBody)))]
pub async fn read_message(State(app): State<App>, user: ApiUser, Path(id): Path<i64>) -> ApiResult {
    inbox::mark_read(&app, &user.actor, id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
