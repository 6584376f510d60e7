//! 首页: the actor's work queue and what their unit owes this period.

use super::views::*;
use super::{PageResult, PeriodUse, no_plan, plan_ctx, render};
use crate::extract::PageUser;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use duban_app::core::ItemKind;
use duban_app::{App, items, progress};
use std::collections::HashMap;

pub fn routes() -> Router<App> {
    Router::new().route("/", get(home))
}

struct QueueRow {
    item_id: i64,
    item: String,
    period: String,
    unit: String,
    state: &'static str,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    me: Me,
    plan_title: String,
    period_label: String,
    total: usize,
    targets: usize,
    tasks: usize,
    assigned: usize,
    due_total: usize,
    due_done: usize,
    queue: Vec<QueueRow>,
}

pub async fn home(
    State(app): State<App>,
    user: PageUser,
    Query(f): Query<super::Flash>,
) -> PageResult {
    let a = &user.actor;
    if a.abilities().dashboard_first {
        let to = match f.plan.trim().parse::<i64>() {
            Ok(id) => format!("/dashboard?plan={id}"),
            Err(_) => "/dashboard".into(),
        };
        return Ok(Redirect::to(&to).into_response());
    }
    let usage = if a.reports_now() {
        PeriodUse::Reporting
    } else {
        PeriodUse::Status
    };
    let Some(ctx) = plan_ctx(&app, a, Some(&f.plan), None, usage).await? else {
        return no_plan(Me::of(a));
    };
    let me = Me::of(a);
    let list = items::list(&app, a, ctx.plan.id, false).await?;
    let titles: HashMap<i64, String> = list.iter().map(|i| (i.id, i.title.clone())).collect();
    let queue = progress::queue(&app, a, ctx.plan.id)
        .await?
        .into_iter()
        .map(|r| QueueRow {
            item: titles.get(&r.item_id).cloned().unwrap_or_default(),
            item_id: r.item_id,
            period: period_label(&r.period),
            unit: r.unit_name,
            state: r.state.label(),
        })
        .collect();
    let (due_total, due_done) = if a.reports_now() {
        let due = progress::due(&app, a, ctx.plan.id, ctx.period).await?;
        let done = due
            .iter()
            .filter(|d| d.report.as_ref().is_some_and(|r| !r.state.is_editable()))
            .count();
        (due.len(), done)
    } else {
        (0, 0)
    };
    render(HomePage {
        me,
        plan_title: ctx.plan.title.clone(),
        period_label: period_label(&ctx.period.to_string()),
        total: list.len(),
        targets: list.iter().filter(|i| i.kind == ItemKind::Target).count(),
        tasks: list.iter().filter(|i| i.kind == ItemKind::Task).count(),
        assigned: list.iter().filter(|i| i.assignment_id.is_some()).count(),
        due_total,
        due_done,
        queue,
    })
}
