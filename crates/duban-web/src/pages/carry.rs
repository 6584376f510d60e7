//! 结转: the 督查室 previews which of last year's items are not finished and confirms
//! carrying them into the next year's plan (issue 13). The app decides who may.

use super::views::*;
use super::{PageResult, page_plan, render};
use crate::extract::PageUser;
use askama::Template;
use axum::Router;
use axum::extract::{Form, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use duban_app::{App, AppError, carry};
use serde::Deserialize;

pub fn routes() -> Router<App> {
    Router::new().route("/carry", get(preview).post(confirm))
}

#[derive(Deserialize, Default)]
struct PlanQuery {
    #[serde(default)]
    plan: String,
}

#[derive(Template)]
#[template(path = "carry.html")]
struct CarryPage {
    me: Me,
    from_id: i64,
    from_title: String,
    from_year: i64,
    to_year: i64,
    into: String,
    finished: usize,
    already: usize,
    rows: Vec<ItemRow>,
}

/// The plan carried from: `?plan=` or the one the user is looking at.
async fn preview(State(app): State<App>, user: PageUser, Query(q): Query<PlanQuery>) -> PageResult {
    let a = &user.actor;
    let plan = page_plan(&app, a, &q.plan)
        .await?
        .ok_or(AppError::NotFound)?;
    let p = carry::preview(&app, a, plan.id).await?;
    render(CarryPage {
        me: Me::of(a),
        from_id: p.from.id,
        from_title: p.from.title.clone(),
        from_year: p.from.year,
        to_year: p.to_year,
        into: p.into.map(|i| i.title).unwrap_or_default(),
        finished: p.finished,
        already: p.already,
        rows: p
            .carry
            .iter()
            .map(|s| ItemRow::of(&s.item, Some(&s.assessment)))
            .collect(),
    })
}

async fn confirm(State(app): State<App>, user: PageUser, Form(q): Form<PlanQuery>) -> PageResult {
    let id: i64 = q
        .plan
        .trim()
        .parse()
        .map_err(|_| AppError::BadInput("请选择要结转的计划".into()))?;
    let out = carry::carry_over(&app, &user.actor, id).await?;
    Ok(Redirect::to(&format!("/items?plan={}&ok=carry", out.plan.id)).into_response())
}
