//! The JSON API under /api/v1 and its OpenAPI document.

use axum::Router;
use duban_app::App;

pub fn routes() -> Router<App> {
    Router::new()
}

pub fn login_routes() -> Router<App> {
    Router::new()
}

pub fn docs() -> Router<App> {
    Router::new()
}
