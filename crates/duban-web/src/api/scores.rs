//! 考核得分 and the inbox over the API: the ranking with rank change and each unit's
//! entries (得分反查), and the caller's own messages.

use super::types::ErrorBody;
use super::types::inbox::{InboxDto, MessageDto};
use super::types::scores::ScoreBoardDto;
use super::{ApiResult, ok, plan_or_latest};
use crate::error::ApiError;
use crate::extract::ApiUser;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use duban_app::chase::{inbox, scores};
use duban_app::core::Period;
use duban_app::core::scoring::ScorePeriod;
use duban_app::{App, AppError};
use serde::Deserialize;
use utoipa::IntoParams;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/api/v1/scores", get(board))
        .route("/api/v1/inbox", get(messages))
}

#[derive(Deserialize, IntoParams)]
pub struct SpanParams {
    /// 计划编号；缺省为最新计划
    plan_id: Option<i64>,
    /// 2024-06 (月), 2024-Q2 (季度) or 2024 (年度).
    span: Option<String>,
}

/// Reads 2024-06, 2024-Q2 or 2024.
fn span_of(s: &str) -> Option<ScorePeriod> {
    let s = s.trim();
    if let Some((y, q)) = s.split_once("-Q") {
        let quarter: u8 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
        return Some(ScorePeriod::Quarter {
            year: y.parse().ok()?,
            quarter,
        });
    }
    if let Ok(p) = s.parse::<Period>() {
        return Some(ScorePeriod::month(p));
    }
    s.parse().ok().map(|year| ScorePeriod::Year { year })
}

#[utoipa::path(get, path = "/api/v1/scores", tag = "考核", params(SpanParams),
    responses((status = 200, description = "各单位得分排名、名次变化；本单位（或督查室）可见得分明细", body = ScoreBoardDto),
              (status = 400, description = "考核期间格式不对", body = ErrorBody),
              (status = 401, description = "未登录", body = ErrorBody)))]
pub async fn board(
    State(app): State<App>,
    user: ApiUser,
    Query(p): Query<SpanParams>,
) -> ApiResult {
    let plan_id = plan_or_latest(&app, &user.actor, p.plan_id).await?;
    let span = match p.span.as_deref() {
        Some(s) => span_of(s).ok_or_else(|| {
            ApiError::from(AppError::BadInput(
                "考核期间格式应为 2024-06、2024-Q2 或 2024".into(),
            ))
        })?,
        None => ScorePeriod::Year {
            year: app.today().year(),
        },
    };
    ok(ScoreBoardDto::from(
        scores::board(&app, &user.actor, plan_id, span).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/inbox", tag = "消息",
    responses((status = 200, description = "本人的站内消息与未读数", body = InboxDto),
              (status = 401, description = "未登录", body = ErrorBody)))]
pub async fn messages(State(app): State<App>, user: ApiUser) -> ApiResult {
    let list = inbox::list(&app, &user.actor, false).await?;
    let unread = inbox::unread_count(&app, &user.actor).await?;
    ok(InboxDto {
        unread,
        messages: list.into_iter().map(MessageDto::from).collect(),
    })
}
