//! 事项 and 分解: the items an actor may see, one item's detail, assignment.

use super::types::ErrorBody;
use super::types::items::{AssignBody, ItemDetailDto, ItemDto};
use super::{ApiResult, ok, plan_or_latest};
use crate::extract::{ApiUser, JsonBody, parse_date};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use duban_app::{App, AppError, items};
use serde::Deserialize;
use utoipa::IntoParams;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/api/v1/items", get(list_items))
        .route("/api/v1/items/{id}", get(item))
        .route("/api/v1/items/{id}/assign", post(assign))
}

#[derive(Deserialize, IntoParams)]
pub struct ItemsParams {
    /// 计划编号；缺省为最新计划
    plan_id: Option<i64>,
    /// 分管领导只看本人分管的事项
    mine: Option<bool>,
}

#[utoipa::path(get, path = "/api/v1/items", tag = "事项", params(ItemsParams),
    responses((status = 200, description = "调用者可见的事项（单位用户只见本单位参与的事项）", body = Vec<ItemDto>)))]
pub async fn list_items(
    State(app): State<App>,
    user: ApiUser,
    Query(p): Query<ItemsParams>,
) -> ApiResult {
    let plan_id = plan_or_latest(&app, &user.actor, p.plan_id).await?;
    let list = items::list(&app, &user.actor, plan_id, p.mine.unwrap_or(false)).await?;
    ok(list.into_iter().map(ItemDto::from).collect::<Vec<_>>())
}

#[utoipa::path(get, path = "/api/v1/items/{id}", tag = "事项", params(("id" = i64, Path, description = "事项编号")),
    responses((status = 200, description = "事项详情：分解、节点、调整、报告", body = ItemDetailDto),
              (status = 404, description = "不存在或无权查看", body = ErrorBody)))]
pub async fn item(State(app): State<App>, user: ApiUser, Path(id): Path<i64>) -> ApiResult {
    ok(ItemDetailDto::from(
        items::detail(&app, &user.actor, id).await?,
    ))
}

/// The supervisor's decision with its date read.
fn into_input(b: AssignBody) -> Result<items::AssignInput, AppError> {
    Ok(items::AssignInput {
        lead_unit_id: b.lead_unit_id,
        supporting_unit_ids: b.supporting_unit_ids,
        leader_user_id: b.leader_user_id,
        leader_name: b.leader_name,
        deadline: match b
            .deadline
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
        {
            Some(d) => Some(parse_date(d)?),
            None => None,
        },
        weight: b.weight,
        cycle: b.cycle,
        milestones: b
            .milestones
            .map(|m| m.into_iter().map(Into::into).collect()),
    })
}

#[utoipa::path(post, path = "/api/v1/items/{id}/assign", tag = "分解", request_body = AssignBody,
    params(("id" = i64, Path, description = "事项编号")),
    responses((status = 200, description = "分解后的事项", body = ItemDto), (status = 403, description = "仅督查室", body = ErrorBody)))]
pub async fn assign(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
    JsonBody(b): JsonBody<AssignBody>,
) -> ApiResult {
    let input = into_input(b)?;
    ok(ItemDto::from(
        items::assign(&app, &user.actor, id, &input).await?,
    ))
}
