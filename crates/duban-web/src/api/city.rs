//! 全市汇总: the city roll-up for city-level users.

use super::types::city::{CityParams, CityRollupDoc};
use super::{ApiResult, ok};
use crate::extract::ApiUser;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use duban_app::core::Period;
use duban_app::{App, AppError, city};

pub fn routes() -> Router<App> {
    Router::new().route("/api/v1/city", get(rollup))
}

#[utoipa::path(get, path = "/api/v1/city", tag = "全市", params(CityParams),
    responses((status = 200, description = "各地区本年度的状态、灯色、滞后占比、台账数字与排名", body = CityRollupDoc),
        (status = 403, description = "仅市级用户可查看")))]
pub async fn rollup(
    State(app): State<App>,
    user: ApiUser,
    Query(p): Query<CityParams>,
) -> ApiResult {
    let period = match p.period.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => Some(
            s.parse::<Period>()
                .map_err(|e| AppError::BadInput(e.to_string()))?,
        ),
        None => None,
    };
    ok(city::rollup(&app, &user.actor, p.year, period, app.today()).await?)
}
