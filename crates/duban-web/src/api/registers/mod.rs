//! 台账: key projects, proposals, service items, indicators, target bindings, the derived
//! summary, and register files (import, export, template). One module per register.

pub mod files;
pub mod others;
pub mod projects;
pub mod proposals;

use super::{ApiResult, ok};
use crate::api::types::registers::PeriodScope;
use crate::error::ApiError;
use crate::extract::ApiUser;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use duban_app::core::Period;
use duban_app::{App, AppError, registers};

pub fn routes() -> Router<App> {
    Router::new()
        .route("/api/v1/registers/governments", get(governments))
        .route("/api/v1/registers/summary", get(summary))
        .merge(projects::routes())
        .merge(proposals::routes())
        .merge(others::routes())
        .merge(files::routes())
}

/// The government (by name; the first one when none is given) and year of a request.
pub async fn scope(
    app: &App,
    actor: &duban_app::Actor,
    government: Option<&str>,
    year: Option<i32>,
) -> Result<(i64, i32), ApiError> {
    let id = match government.map(str::trim).filter(|s| !s.is_empty()) {
        Some(name) => registers::government_id(app, actor, name).await?,
        None => registers::governments(app, actor)
            .await?
            .first()
            .map(|g| g.id)
            .ok_or_else(|| AppError::BadInput("尚无政府，请先导入政府工作报告".into()))?,
    };
    let year = year.unwrap_or_else(|| app.today().year());
    if !(2000..=2100).contains(&year) {
        return Err(AppError::BadInput(format!("年份“{year}”不合理")).into());
    }
    Ok((id, year))
}

/// The period given, or the year's last month that has begun (December of past years).
pub fn period_in(app: &App, year: i32, p: Option<&str>) -> Result<Period, ApiError> {
    if let Some(s) = p.map(str::trim).filter(|s| !s.is_empty()) {
        return Ok(s
            .parse::<Period>()
            .map_err(|e| AppError::BadInput(e.to_string()))?);
    }
    let today = app.today();
    let month = match year.cmp(&today.year()) {
        std::cmp::Ordering::Less => 12,
        std::cmp::Ordering::Equal => u8::from(today.month()),
        std::cmp::Ordering::Greater => 1,
    };
    Ok(Period { year, month })
}

#[utoipa::path(get, path = "/api/v1/registers/governments", tag = "台账",
    responses((status = 200, description = "可建台账的政府（id、name、level）", body = [crate::api::types::registers::GovernmentDoc])))]
pub async fn governments(State(app): State<App>, user: ApiUser) -> ApiResult {
    ok(registers::governments(&app, &user.actor).await?)
}

#[utoipa::path(get, path = "/api/v1/registers/summary", tag = "台账", params(PeriodScope),
    responses((status = 200, description = "台账派生数据：项目漏斗、投资对序时、建议提案各率与逾期、政务服务事项各率、指标最新值",
               body = crate::api::types::registers::SummaryDoc)))]
pub async fn summary(
    State(app): State<App>,
    user: ApiUser,
    Query(q): Query<PeriodScope>,
) -> ApiResult {
    let (g, year) = scope(&app, &user.actor, q.government.as_deref(), q.year).await?;
    let period = period_in(&app, year, q.period.as_deref())?;
    ok(registers::summary::summary(&app, &user.actor, g, year, period, app.today()).await?)
}

/// Parses a code-valued query filter (`level=city`) with the type's own parser.
pub fn code<T: std::str::FromStr>(v: Option<&str>, what: &str) -> Result<Option<T>, ApiError> {
    match v.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s
            .parse()
            .map(Some)
            .map_err(|_| AppError::BadInput(format!("{what}“{s}”无效")).into()),
    }
}
