//! 事项 and 分解: the items an actor may see, one item's detail, assignment.

use super::{ApiResult, ErrorBody, ok, plan_or_latest};
use crate::extract::{ApiUser, JsonBody, parse_date};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use duban_app::{App, AppError, items};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

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
    responses((status = 200, description = "调用者可见的事项（单位用户只见本单位参与的事项）", body = serde_json::Value)))]
pub async fn list_items(
    State(app): State<App>,
    user: ApiUser,
    Query(p): Query<ItemsParams>,
) -> ApiResult {
    let plan_id = plan_or_latest(&app, &user.actor, p.plan_id).await?;
    ok(items::list(&app, &user.actor, plan_id, p.mine.unwrap_or(false)).await?)
}

#[utoipa::path(get, path = "/api/v1/items/{id}", tag = "事项", params(("id" = i64, Path, description = "事项编号")),
    responses((status = 200, description = "事项详情：分解、节点、调整、报告", body = serde_json::Value),
              (status = 404, description = "不存在或无权查看", body = ErrorBody)))]
pub async fn item(State(app): State<App>, user: ApiUser, Path(id): Path<i64>) -> ApiResult {
    ok(items::detail(&app, &user.actor, id).await?)
}

/// What the supervisor decides for an item (`items::AssignInput` with a plain-text date).
#[derive(Deserialize, ToSchema)]
pub struct AssignBody {
    lead_unit_id: i64,
    #[serde(default)]
    supporting_unit_ids: Vec<i64>,
    leader_user_id: Option<i64>,
    leader_name: Option<String>,
    /// 完成时限 YYYY-MM-DD
    deadline: Option<String>,
    weight: Option<f64>,
    /// monthly | quarterly | halfyearly | yearly
    #[schema(value_type = Option<String>)]
    cycle: Option<duban_app::core::Cycle>,
    /// 节点：省略则保持不变
    #[schema(value_type = Option<Vec<MilestoneDoc>>)]
    milestones: Option<Vec<items::MilestoneInput>>,
}

impl AssignBody {
    fn into_input(self) -> Result<items::AssignInput, AppError> {
        Ok(items::AssignInput {
            lead_unit_id: self.lead_unit_id,
            supporting_unit_ids: self.supporting_unit_ids,
            leader_user_id: self.leader_user_id,
            leader_name: self.leader_name,
            deadline: match self
                .deadline
                .as_deref()
                .map(str::trim)
                .filter(|d| !d.is_empty())
            {
                Some(d) => Some(parse_date(d)?),
                None => None,
            },
            weight: self.weight,
            cycle: self.cycle,
            milestones: self.milestones,
        })
    }
}

#[derive(ToSchema)]
#[allow(dead_code)] // documentation only
pub struct MilestoneDoc {
    /// YYYY-MM
    period: String,
    planned_value: Option<f64>,
    description: Option<String>,
    is_final: bool,
}

#[utoipa::path(post, path = "/api/v1/items/{id}/assign", tag = "分解", request_body = AssignBody,
    params(("id" = i64, Path, description = "事项编号")),
    responses((status = 200, description = "分解后的事项", body = serde_json::Value), (status = 403, description = "仅督查室", body = ErrorBody)))]
pub async fn assign(
    State(app): State<App>,
    user: ApiUser,
    Path(id): Path<i64>,
    JsonBody(b): JsonBody<AssignBody>,
) -> ApiResult {
    ok(items::assign(&app, &user.actor, id, &b.into_input()?).await?)
}
