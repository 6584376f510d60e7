//! 审核: the reports waiting for the actor's decision; decisions by form or htmx.

use super::views::*;
use super::{Flash, PageResult, flash_text, no_plan, render};
use crate::extract::{Htmx, PageUser};
use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use duban_app::progress::Decision;
use duban_app::{App, AppError, items, progress};
use serde::Deserialize;
use std::collections::HashMap;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/review", get(review_page))
        .route("/review/{id}", post(review_submit))
}

struct ReviewRow {
    id: i64,
    item_id: i64,
    item: String,
    period: String,
    unit: String,
    value: String,
    state: &'static str,
    progress: String,
    problems: String,
    next_steps: String,
    /// What the reviewer typed, kept when the decision failed.
    comment: String,
    /// Why the decision failed (htmx fragment only).
    error: String,
}

#[derive(Template)]
#[template(path = "review.html")]
struct ReviewPage {
    me: Me,
    flash: String,
    rows: Vec<ReviewRow>,
}

/// One report of the review page, swapped in by htmx after a failed decision.
#[derive(Template)]
#[template(path = "review_row.html")]
struct ReviewRowFragment {
    office: bool,
    r: ReviewRow,
}

/// What replaces a report of the review page once it is decided (htmx).
#[derive(Template)]
#[template(path = "review_done.html")]
struct ReviewDone {
    id: i64,
    item_id: i64,
    item: String,
    period: String,
    unit: String,
    message: String,
}

/// The reports waiting for the actor's decision, as rows of the review page.
async fn review_rows(
    app: &App,
    a: &duban_app::Actor,
    plan_id: i64,
) -> Result<Vec<ReviewRow>, AppError> {
    let list = items::list(app, a, plan_id, false).await?;
    let by_id: HashMap<i64, &duban_app::db::Item> = list.iter().map(|i| (i.id, i)).collect();
    Ok(progress::queue(app, a, plan_id)
        .await?
        .into_iter()
        .map(|r| {
            let item = by_id.get(&r.item_id);
            ReviewRow {
                id: r.id,
                item_id: r.item_id,
                item: item.map(|i| i.title.clone()).unwrap_or_default(),
                period: period_label(&r.period),
                unit: r.unit_name.clone(),
                value: match (r.value, r.milestone_done) {
                    (Some(v), _) => format!(
                        "{}{}",
                        num(v),
                        item.and_then(|i| i.unit.clone()).unwrap_or_default()
                    ),
                    (None, Some(true)) => "节点已完成".into(),
                    (None, Some(false)) => "节点未完成".into(),
                    _ => "—".into(),
                },
                state: r.state.label(),
                progress: r.progress,
                problems: r.problems,
                next_steps: r.next_steps,
                comment: String::new(),
                error: String::new(),
            }
        })
        .collect())
}

async fn review_page(State(app): State<App>, user: PageUser, Query(f): Query<Flash>) -> PageResult {
    let a = &user.actor;
    a.require_review()?;
    let Some(plan) = super::page_plan(&app, a, &f.plan).await? else {
        return no_plan(Me::of(a));
    };
    let me = Me::of(a);
    let rows = review_rows(&app, a, plan.id).await?;
    render(ReviewPage {
        me,
        flash: flash_text(&f.ok),
        rows,
    })
}

#[derive(Deserialize)]
struct ReviewForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    comment: String,
}

/// Approve or return a report. A plain form post redirects back to the review page; an
/// htmx request (`HX-Request: true`) gets just the report's new card, or the card again
/// with the message when the decision failed.
async fn review_submit(
    State(app): State<App>,
    user: PageUser,
    Path(id): Path<i64>,
    Htmx(htmx): Htmx,
    Form(f): Form<ReviewForm>,
) -> PageResult {
    let a = &user.actor;
    let decision = match f.decision.as_str() {
        "approve" => Ok(Decision::Approve),
        "return" => Ok(Decision::Return),
        _ => Err(AppError::BadInput("未知的审核操作".into())),
    };
    let result = match decision {
        Ok(d) => progress::review(&app, a, id, d, &f.comment).await,
        Err(e) => Err(e),
    };
    if !htmx {
        result?;
        return Ok(Redirect::to(&format!("/review?ok={}", f.decision)).into_response());
    }
    match result {
        Ok(r) => {
            let item = items::detail(&app, a, r.item_id)
                .await
                .map(|d| d.item.title)
                .unwrap_or_default();
            render(ReviewDone {
                id,
                item_id: r.item_id,
                item,
                period: period_label(&r.period),
                unit: r.unit_name,
                message: if a.accepts_reports() && f.decision == "approve" {
                    "已验收通过".into()
                } else {
                    flash_text(&f.decision)
                },
            })
        }
        // Not logged in any more, or not allowed: the whole page shows why.
        Err(e @ (AppError::Unauthenticated | AppError::Internal(_))) => Err(e.into()),
        Err(e) => {
            let message = match &e {
                AppError::NotFound => "该报告已不在待处理清单中，或您无权处理".to_string(),
                other => other.to_string(),
            };
            let plan = super::page_plan(&app, a, "").await?;
            let row = match plan {
                Some(p) => review_rows(&app, a, p.id)
                    .await?
                    .into_iter()
                    .find(|r| r.id == id),
                None => None,
            };
            match row {
                Some(mut r) => {
                    r.error = message;
                    r.comment = f.comment;
                    render(ReviewRowFragment {
                        office: a.accepts_reports(),
                        r,
                    })
                }
                None => render(ReviewDone {
                    id,
                    item_id: 0,
                    item: String::new(),
                    period: String::new(),
                    unit: String::new(),
                    message,
                }),
            }
        }
    }
}
