//! 消息: the logged-in user's inbox (digests of what the unit owes, notices issued to it),
//! marking read, opening a message's page.

use super::views::*;
use super::{PageResult, render};
use crate::extract::PageUser;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use duban_app::App;
use duban_app::chase::inbox;
use serde::Deserialize;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/inbox", get(inbox_page))
        .route("/inbox/read-all", post(read_all))
        .route("/inbox/{id}/read", post(read_one))
}

struct MessageRow {
    id: i64,
    kind: &'static str,
    title: String,
    body: String,
    at: String,
    unread: bool,
    has_link: bool,
}

#[derive(Template)]
#[template(path = "inbox.html")]
struct InboxPage {
    me: Me,
    rows: Vec<MessageRow>,
    unread_only: bool,
}

#[derive(Deserialize, Default)]
struct InboxQuery {
    #[serde(default)]
    unread: String,
}

async fn inbox_page(
    State(app): State<App>,
    user: PageUser,
    Query(q): Query<InboxQuery>,
) -> PageResult {
    let a = &user.actor;
    let unread_only = q.unread == "1";
    let list = inbox::list(&app, a, unread_only).await?;
    render(InboxPage {
        me: Me::of(a),
        rows: list
            .into_iter()
            .map(|m| MessageRow {
                id: m.id,
                kind: match m.kind.as_str() {
                    "digest" => "待报提醒",
                    "notice" => "督办通知",
                    _ => "消息",
                },
                title: m.title,
                body: m.body,
                at: datetime(m.created_at),
                unread: m.read_at.is_none(),
                has_link: m.link.as_deref().is_some_and(safe_link),
            })
            .collect(),
        unread_only,
    })
}

/// Only our own relative paths are followed (a message's link is ours, but a redirect
/// target is never taken on trust).
fn safe_link(l: &str) -> bool {
    l.starts_with('/') && !l.starts_with("//") && !l.contains('\\')
}

#[derive(Deserialize, Default)]
struct ReadForm {
    /// `1`: go on to the message's page after marking it read.
    #[serde(default)]
    open: String,
}

async fn read_one(
    State(app): State<App>,
    user: PageUser,
    Path(id): Path<i64>,
    axum::extract::Form(f): axum::extract::Form<ReadForm>,
) -> PageResult {
    let a = &user.actor;
    inbox::mark_read(&app, a, id).await?;
    let to = if f.open == "1" {
        inbox::list(&app, a, false)
            .await?
            .into_iter()
            .find(|m| m.id == id)
            .and_then(|m| m.link)
            .filter(|l| safe_link(l))
            .unwrap_or_else(|| "/inbox".into())
    } else {
        "/inbox".into()
    };
    Ok(Redirect::to(&to).into_response())
}

async fn read_all(State(app): State<App>, user: PageUser) -> PageResult {
    inbox::mark_all_read(&app, &user.actor).await?;
    Ok(Redirect::to("/inbox").into_response())
}
