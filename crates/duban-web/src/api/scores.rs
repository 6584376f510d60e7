//! 考核得分 over the API: the ranking with rank change and each unit's entries (得分反查),
//! which add up to its total.

use super::types::ErrorBody;
use super::types::chase::{ScoreBoardDoc, SpanParams};
use super::{ApiResult, ok, plan_or_latest};
use crate::extract::ApiUser;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use duban_app::App;
use duban_app::chase::scores;
use duban_app::core::scoring::ScorePeriod;

pub fn routes() -> Router<App> {
    Router::new().route("/api/v1/scores", get(board))
}

#[utoipa::path(get, path = "/api/v1/scores", tag = "督办", params(SpanParams),
    responses((status = 200, description = "各单位得分、名次与变化；每个单位的得分项之和等于总分（单位用户只见本单位明细）", body = ScoreBoardDoc),
              (status = 422, description = "考核期间格式无效", body = ErrorBody)))]
pub async fn board(
    State(app): State<App>,
    user: ApiUser,
    Query(p): Query<SpanParams>,
) -> ApiResult {
    let plan_id = plan_or_latest(&app, &user.actor, p.plan_id).await?;
    let span = match p.span.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(s) => scores::parse_span(s)?,
        None => {
            let plan = duban_app::items::plan_for(&app, &user.actor, plan_id).await?;
            ScorePeriod::Year {
                year: plan.year as i32,
            }
        }
    };
    let b = scores::board(&app, &user.actor, plan_id, span).await?;
    ok(ScoreBoardDoc::from(&b))
}
