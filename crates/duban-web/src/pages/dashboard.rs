//! 仪表盘: the 督查通报 figures of a period.

use super::views::*;
use super::{Flash, PageResult, PeriodUse, no_plan, plan_ctx, render};
use crate::extract::PageUser;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use duban_app::{App, dashboard};

pub fn routes() -> Router<App> {
    Router::new().route("/dashboard", get(dashboard_page))
}

/// 名称, 事项, 已完成, 绿, 黄, 红, 绿灯率.
type GroupRow = (String, usize, usize, usize, usize, usize, String);

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    me: Me,
    d: std::sync::Arc<dashboard::Dashboard>,
    mine: bool,
    summary: String,
    on_pace_share: String,
    statuses: Vec<(&'static str, &'static str, usize, String)>,
    pie_json: String,
    bar_json: String,
    lagging: Vec<ItemRow>,
    groups: Vec<(&'static str, Vec<GroupRow>)>,
    reg: super::registers::dash::RegView,
}

async fn dashboard_page(
    State(app): State<App>,
    user: PageUser,
    Query(f): Query<Flash>,
) -> PageResult {
    let a = &user.actor;
    let Some(ctx) = plan_ctx(&app, a, Some(&f.plan), Some(&f.period), PeriodUse::Status).await?
    else {
        return no_plan(Me::of(a));
    };
    // After the plan is known: the header's chooser shows it.
    let me = Me::of(a);
    let mine = a.own_items_only(!f.mine.is_empty());
    let d = duban_app::views::dashboard(
        &app,
        a,
        user.seen,
        ctx.plan.id,
        ctx.period,
        app.today(),
        mine,
    )
    .await?;
    // The sentence a 督查通报 opens with: 共N项，已完成a项（x%），……
    let parts: Vec<String> = d
        .by_status
        .iter()
        .filter(|s| s.count > 0)
        .map(|s| format!("{}{}项（{}）", s.label, s.count, pct(s.share)))
        .collect();
    let summary = format!(
        "截至{}，共{}项，{}。",
        period_label(&d.period),
        d.total,
        parts.join("，")
    );
    let pie: Vec<_> = d
        .by_status
        .iter()
        .filter(|s| s.count > 0)
        .map(
            |s| serde_json::json!({"name": s.label, "value": s.count, "status": s.status.as_str()}),
        )
        .collect();
    let bar = serde_json::json!({
        "kind": "bar",
        "labels": d.by_unit.iter().map(|g| g.name.clone()).collect::<Vec<_>>(),
        "series": [{"name": "绿灯率(%)", "data": d.by_unit.iter().map(|g| (g.green_share * 10.0).round() / 10.0).collect::<Vec<_>>()}],
    });
    let rows = |gs: &[dashboard::Group]| {
        gs.iter()
            .map(|g| {
                (
                    g.name.clone(),
                    g.total,
                    g.completed,
                    g.green,
                    g.yellow,
                    g.red,
                    pct(g.green_share),
                )
            })
            .collect::<Vec<_>>()
    };
    let reg = super::registers::dash::view(&app, user.seen, &d.registers).await?;
    render(DashboardPage {
        me,
        reg,
        mine,
        summary,
        on_pace_share: if d.targets_assessed > 0 {
            pct(d.targets_on_pace as f64 * 100.0 / d.targets_assessed as f64)
        } else {
            String::new()
        },
        statuses: d
            .by_status
            .iter()
            .map(|s| (s.status.as_str(), s.label, s.count, pct(s.share)))
            .collect(),
        pie_json: serde_json::json!({"kind": "pie", "data": pie}).to_string(),
        bar_json: bar.to_string(),
        lagging: d
            .lagging
            .iter()
            .map(|s| ItemRow::of(&s.item, Some(&s.assessment)))
            .collect(),
        groups: vec![
            ("按板块", rows(&d.by_section)),
            ("单位排名（按绿灯率）", rows(&d.by_unit)),
            ("按责任领导", rows(&d.by_leader)),
        ],
        d,
    })
}
