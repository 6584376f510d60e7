//! Attachments of reports, as downloads.

use super::PageResult;
use crate::extract::PageUser;
use crate::respond::attachment_response;
use axum::Router;
use axum::extract::{Path, State};
use axum::routing::get;
use duban_app::{App, progress};

pub fn routes() -> Router<App> {
    Router::new().route("/attachments/{id}", get(attachment))
}

async fn attachment(State(app): State<App>, user: PageUser, Path(id): Path<i64>) -> PageResult {
    let (a, bytes) = progress::attachment_bytes(&app, &user.actor, id).await?;
    // Served as a download so that uploaded files never run in our origin.
    Ok(attachment_response(&a, bytes))
}
