//! 延期申请: the unit's request from the item page, and the list where the office
//! approves or rejects with a comment (a unit user sees its own requests).

use super::views::*;
use super::{PageResult, no_plan, page_plan, render};
use crate::extract::{PageUser, parse_date};
use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use duban_app::chase::extensions;
use duban_app::core::Period;
use duban_app::db::chase::ExtensionRow;
use duban_app::{App, AppError, admin, items};
use serde::Deserialize;
use std::collections::HashMap;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/extensions", get(list_page))
        .route("/extensions/{id}/decide", post(decide))
        .route("/items/{id}/extensions", post(request))
}

/// A request as the lists show it.
pub struct ExtensionView {
    pub id: i64,
    pub item_id: i64,
    pub item: String,
    pub unit: String,
    pub period: String,
    pub old_due: String,
    pub new_due: String,
    pub reason: String,
    pub state: &'static str,
    pub state_label: &'static str,
    pub comment: String,
    pub requested: String,
}

pub fn state_label(state: &str) -> &'static str {
    match state {
        "pending" => "待审批",
        "approved" => "已批准",
        "rejected" => "未批准",
        _ => "—",
    }
}

impl ExtensionView {
    pub fn of(e: &ExtensionRow, item: &str, unit: &str) -> Self {
        Self {
            id: e.id,
            item_id: e.item_id,
            item: item.to_string(),
            unit: unit.to_string(),
            period: period_label(&e.period),
            old_due: date(Some(e.old_due)),
            new_due: date(Some(e.new_due)),
            reason: e.reason.clone(),
            state: match e.state.as_str() {
                "pending" => "pending",
                "approved" => "approved",
                _ => "rejected",
            },
            state_label: state_label(&e.state),
            comment: e.decision_comment.clone().unwrap_or_default(),
            requested: date(Some(e.requested_on)),
        }
    }
}

#[derive(Template)]
#[template(path = "extensions.html")]
struct ListPage {
    me: Me,
    flash: String,
    pending_only: bool,
    rows: Vec<ExtensionView>,
}

#[derive(Deserialize, Default)]
struct ListQuery {
    #[serde(default)]
    all: String,
    #[serde(default)]
    plan: String,
    #[serde(default)]
    ok: String,
}

async fn list_page(
    State(app): State<App>,
    user: PageUser,
    Query(q): Query<ListQuery>,
) -> PageResult {
    let a = &user.actor;
    let Some(plan) = page_plan(&app, a, &q.plan).await? else {
        return no_plan(Me::of(a));
    };
    // The office works through what is pending; a unit sees its history.
    let pending_only = a.can_chase() && q.all != "1";
    let rows = extensions::list(&app, a, plan.id, pending_only).await?;
    let titles: HashMap<i64, String> = items::list(&app, a, plan.id, false)
        .await?
        .into_iter()
        .map(|i| (i.id, i.title))
        .collect();
    let units: HashMap<i64, String> = admin::units_for(&app, a)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let empty = String::new();
    render(ListPage {
        me: Me::of(a),
        flash: match q.ok.as_str() {
            "approve" => "已批准延期".into(),
            "reject" => "已驳回延期申请".into(),
            _ => String::new(),
        },
        pending_only,
        rows: rows
            .iter()
            .rev()
            .map(|e| {
                ExtensionView::of(
                    e,
                    titles.get(&e.item_id).unwrap_or(&empty),
                    units.get(&e.unit_id).unwrap_or(&empty),
                )
            })
            .collect(),
    })
}

#[derive(Deserialize)]
struct DecideForm {
    /// approve | reject.
    decision: String,
    #[serde(default)]
    comment: String,
}

async fn decide(
    State(app): State<App>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(f): Form<DecideForm>,
) -> PageResult {
    let approve = match f.decision.as_str() {
        "approve" => true,
        "reject" => false,
        _ => return Err(AppError::BadInput("请选择批准或驳回".into()).into()),
    };
    extensions::decide(&app, &user.actor, id, approve, &f.comment).await?;
    let ok = if approve { "approve" } else { "reject" };
    Ok(Redirect::to(&format!("/extensions?ok={ok}")).into_response())
}

#[derive(Deserialize)]
struct RequestForm {
    period: String,
    new_due: String,
    #[serde(default)]
    reason: String,
}

async fn request(
    State(app): State<App>,
    user: PageUser,
    Path(item_id): Path<i64>,
    Form(f): Form<RequestForm>,
) -> PageResult {
    let period: Period = f
        .period
        .trim()
        .parse()
        .map_err(|e: duban_app::core::period::BadPeriod| AppError::BadInput(e.to_string()))?;
    let new_due = parse_date(&f.new_due)?;
    extensions::request(&app, &user.actor, item_id, period, new_due, &f.reason).await?;
    Ok(Redirect::to(&format!("/items/{item_id}?ok=extension#chase")).into_response())
}
