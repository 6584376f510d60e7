//! The remaining pages: home, item detail, reporting, review, dashboard, decomposition,
//! administration.

use crate::pages::PageResult;
use crate::session::PageUser;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect};
use duban_app::App;

pub fn routes() -> Router<App> {
    Router::new()
}

pub async fn home(State(_app): State<App>, _user: PageUser) -> PageResult {
    Ok(Redirect::to("/items").into_response())
}
