//! 计划事项: the list (here), an item's page (`detail`), and the office's assignment and
//! adjustment forms (`assign`).

mod assign;
mod chase;
mod detail;

use super::views::*;
use super::{PageResult, PeriodUse, no_plan, plan_ctx, render};
use crate::extract::PageUser;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use duban_app::{App, status};
use serde::Deserialize;
use std::collections::HashMap;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/items", get(items_page))
        .merge(detail::routes())
        .merge(assign::routes())
}

#[derive(Deserialize, Default)]
pub struct ItemsQuery {
    #[serde(default)]
    section: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    period: String,
    #[serde(default)]
    mine: String,
    #[serde(default)]
    plan: String,
}

async fn items_page(
    State(app): State<App>,
    user: PageUser,
    Query(q): Query<ItemsQuery>,
) -> PageResult {
    let Some(ctx) = plan_ctx(
        &app,
        &user.actor,
        Some(&q.plan),
        Some(&q.period),
        PeriodUse::Status,
    )
    .await?
    else {
        return no_plan(Me::of(&user.actor));
    };
    let me = Me::of(&user.actor);
    let list = duban_app::views::item_list(
        &app,
        &user.actor,
        user.seen,
        ctx.plan.id,
        ctx.period,
        app.today(),
    )
    .await?;
    let (carried, overview, statuses) = (&list.carried, &list.overview, &list.statuses);
    let by_id: HashMap<i64, &status::ItemStatus> =
        statuses.iter().map(|s| (s.item.id, s)).collect();
    let row = |i: &duban_app::db::Item| {
        let mut r = ItemRow::of(i, by_id.get(&i.id).map(|s| &s.assessment));
        r.carried_from = carried.get(&i.id).copied();
        r
    };
    let mine = user.actor.own_items_only(!q.mine.is_empty());
    let units = &list.units;
    let total = overview.items.len();
    let keep = |i: &duban_app::db::Item| {
        (q.section.is_empty() || i.section_id.map(|s| s.to_string()) == Some(q.section.clone()))
            && (q.unit.is_empty() || i.lead_unit_id.map(|s| s.to_string()) == Some(q.unit.clone()))
            && (q.kind.is_empty() || i.kind.as_str() == q.kind)
            && (!mine || i.leader_user_id == user.actor.user_id)
            && (q.status.is_empty()
                || by_id
                    .get(&i.id)
                    .is_some_and(|s| s.assessment.status.as_str() == q.status))
    };
    let mut blocks: Vec<SectionBlock> = Vec::new();
    let mut shown = 0;
    for s in &overview.sections {
        let rows: Vec<ItemRow> = overview
            .items
            .iter()
            .filter(|i| i.section_id == Some(s.id) && keep(i))
            .map(row)
            .collect();
        shown += rows.len();
        if !rows.is_empty() {
            blocks.push(SectionBlock {
                level: s.level,
                heading: format!("{} {}", s.marker, s.heading).trim().to_string(),
                rows,
            });
        }
    }
    let orphans: Vec<ItemRow> = overview
        .items
        .iter()
        .filter(|i| {
            i.section_id
                .is_none_or(|sid| !overview.sections.iter().any(|s| s.id == sid))
                && keep(i)
        })
        .map(row)
        .collect();
    shown += orphans.len();
    if !orphans.is_empty() {
        blocks.push(SectionBlock {
            level: 1,
            heading: "（未分节）".into(),
            rows: orphans,
        });
    }
    let page = ItemsPage {
        me,
        plan_id: ctx.plan.id,
        plan_title: overview.plan.title.clone(),
        period: ctx.period.to_string(),
        period_label: period_label(&ctx.period.to_string()),
        section_opts: overview
            .sections
            .iter()
            .filter(|s| overview.items.iter().any(|i| i.section_id == Some(s.id)))
            .map(|s| {
                Opt::new(
                    s.id,
                    format!("{} {}", s.marker, s.heading).trim(),
                    &q.section,
                )
            })
            .collect(),
        unit_opts: units
            .iter()
            .map(|u| Opt::new(u.id, &u.name, &q.unit))
            .collect(),
        status_opts: duban_app::core::status::Status::ALL
            .iter()
            .map(|s| Opt::new(s.as_str(), s.label(), &q.status))
            .collect(),
        kind_opts: duban_app::core::ItemKind::ALL
            .iter()
            .map(|k| Opt::new(k.as_str(), k.label(), &q.kind))
            .collect(),
        mine,
        shown,
        total,
        sections: blocks,
    };
    render(page)
}
