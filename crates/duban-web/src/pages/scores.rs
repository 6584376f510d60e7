//! 考核: units ranked per month, quarter or year with the rank change since the span
//! before, each unit opening to its entries (得分反查) that add up to its total; the
//! office's manual adjustment with a reason; the .xlsx download.

use super::views::*;
use super::{PageResult, no_plan, page_plan, render};
use crate::extract::{PageUser, opt_f64, opt_id};
use crate::respond::download;
use askama::Template;
use axum::Router;
use axum::extract::{Form, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use duban_app::chase::scores;
use duban_app::core::Period;
use duban_app::core::scoring::ScorePeriod;
use duban_app::{App, AppError, admin};
use serde::Deserialize;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

pub fn routes() -> Router<App> {
    Router::new()
        .route("/scores", get(scores_page))
        .route("/scores/xlsx", get(xlsx))
        .route("/scores/adjust", post(adjust))
}

struct EntryView {
    label: &'static str,
    item_id: i64,
    points: String,
    negative: bool,
    reason: String,
}

struct RowView {
    unit_id: i64,
    rank: u32,
    unit: String,
    total: String,
    change: String,
    change_class: &'static str,
    entries: Vec<EntryView>,
}

#[derive(Template)]
#[template(path = "scores.html")]
struct ScoresPage {
    plan_id: i64,
    me: Me,
    flash: String,
    span: String,
    span_label: String,
    spans: Vec<Opt>,
    rows: Vec<RowView>,
    unit_opts: Vec<Opt>,
    period: String,
}

#[derive(Deserialize, Default)]
struct SpanQuery {
    #[serde(default)]
    span: String,
    #[serde(default)]
    plan: String,
    #[serde(default)]
    ok: String,
}

/// The span asked for, or this plan year's year-to-date.
fn span_or_default(s: &str, year: i32) -> Result<ScorePeriod, AppError> {
    if s.trim().is_empty() {
        Ok(ScorePeriod::Year { year })
    } else {
        scores::parse_span(s)
    }
}

/// Points with their sign: +2, −1.5, 100.
fn signed(x: f64) -> String {
    if x > 0.0 {
        format!("+{}", num(x))
    } else {
        num(x)
    }
}

async fn scores_page(
    State(app): State<App>,
    user: PageUser,
    Query(q): Query<SpanQuery>,
) -> PageResult {
    let a = &user.actor;
    let Some(plan) = page_plan(&app, a, &q.plan).await? else {
        return no_plan(Me::of(a));
    };
    let year = plan.year as i32;
    let span = span_or_default(&q.span, year)?;
    let b = scores::board(&app, a, plan.id, span).await?;
    let key = span.key();
    let mut spans = vec![Opt::new(
        ScorePeriod::Year { year }.key(),
        format!("{year}年度"),
        &key,
    )];
    for quarter in 1..=4u8 {
        let s = ScorePeriod::Quarter { year, quarter };
        spans.push(Opt::new(s.key(), s.label(), &key));
    }
    for p in Period::months_of(year) {
        let s = ScorePeriod::month(p);
        spans.push(Opt::new(s.key(), s.label(), &key));
    }
    let rows = b
        .rows
        .iter()
        .map(|r| RowView {
            unit_id: r.unit_id,
            rank: r.rank,
            unit: r.unit_name.clone(),
            total: num(r.total),
            change: match r.change {
                Some(c) if c > 0 => format!("↑{c}"),
                Some(c) if c < 0 => format!("↓{}", -c),
                Some(_) => "—".into(),
                None => "新".into(),
            },
            change_class: match r.change {
                Some(c) if c > 0 => "up",
                Some(c) if c < 0 => "down",
                _ => "",
            },
            entries: r
                .entries
                .iter()
                .map(|e| EntryView {
                    label: e.entry.label(),
                    item_id: e.item_id.unwrap_or_default(),
                    points: signed(e.points),
                    negative: e.points < 0.0,
                    reason: e.reason.clone(),
                })
                .collect(),
        })
        .collect();
    let unit_opts = if a.can_chase() {
        admin::units_for(&app, a)
            .await?
            .iter()
            .filter(|u| u.government_id.is_none_or(|g| g == plan.government_id))
            .map(|u| Opt::new(u.id, &u.name, ""))
            .collect()
    } else {
        Vec::new()
    };
    render(ScoresPage {
        plan_id: plan.id,
        me: Me::of(a),
        flash: if q.ok == "adjust" {
            "已加入人工调整".into()
        } else {
            String::new()
        },
        span: key,
        span_label: b.span_label,
        spans,
        rows,
        unit_opts,
        period: span.last_month().to_string(),
    })
}

async fn xlsx(State(app): State<App>, user: PageUser, Query(q): Query<SpanQuery>) -> PageResult {
    let plan = page_plan(&app, &user.actor, &q.plan)
        .await?
        .ok_or(AppError::NotFound)?;
    let span = span_or_default(&q.span, plan.year as i32)?;
    let (name, bytes) = scores::export_xlsx(&app, &user.actor, plan.id, span).await?;
    Ok(download(XLSX, &name, bytes))
}

#[derive(Deserialize)]
struct AdjustForm {
    unit: String,
    #[serde(default)]
    item: String,
    period: String,
    points: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    span: String,
    #[serde(default)]
    plan: String,
}

async fn adjust(State(app): State<App>, user: PageUser, Form(f): Form<AdjustForm>) -> PageResult {
    let plan = page_plan(&app, &user.actor, &f.plan)
        .await?
        .ok_or(AppError::NotFound)?;
    let unit = opt_id(f.unit.trim())?.ok_or_else(|| AppError::BadInput("请选择单位".into()))?;
    let period: Period = f
        .period
        .trim()
        .parse()
        .map_err(|e: duban_app::core::period::BadPeriod| AppError::BadInput(e.to_string()))?;
    let points =
        opt_f64(f.points.trim(), "分值")?.ok_or_else(|| AppError::BadInput("请填写分值".into()))?;
    scores::adjust(
        &app,
        &user.actor,
        plan.id,
        unit,
        opt_id(f.item.trim())?,
        period,
        points,
        &f.reason,
    )
    .await?;
    // Back to the span the office was looking at (only our own key, never a URL).
    let span = scores::parse_span(&f.span)
        .map(|s| s.key())
        .unwrap_or_default();
    Ok(Redirect::to(&format!("/scores?span={span}&ok=adjust&plan={}", plan.id)).into_response())
}
