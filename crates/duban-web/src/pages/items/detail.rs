//! An item's page: its target, status, source sentence, chart, reports and, for the
//! office, the assignment form.

use super::super::views::*;
use super::super::{Flash, PageResult, PeriodUse, default_period, flash_text, render};
use crate::extract::PageUser;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use duban_app::App;
use duban_app::core::{Cycle, ItemKind, Period};

pub fn routes() -> Router<App> {
    Router::new().route("/items/{id}", get(item_page))
}

struct ReportView {
    period: String,
    unit: String,
    value: String,
    state: &'static str,
    late: bool,
    return_comment: String,
    progress: String,
    problems: String,
    next_steps: String,
    attachments: Vec<(i64, String)>,
    history: Vec<String>,
}

#[derive(Template)]
#[template(path = "item.html")]
struct ItemPage {
    me: Me,
    id: i64,
    title: String,
    section: String,
    flash: String,
    row: ItemRow,
    supporting: String,
    has_chart: bool,
    chart_json: String,
    before: String,
    marked: String,
    after: String,
    milestones: Vec<(String, String, String)>,
    adjustments: Vec<(String, String, String, String)>,
    reports: Vec<ReportView>,
    unit_opts: Vec<Opt>,
    support_opts: Vec<Opt>,
    leader_opts: Vec<Opt>,
    cycle_opts: Vec<Opt>,
    deadline: String,
    weight: String,
    milestones_text: String,
    binding: Option<crate::pages::registers::binding::BindingView>,
    chase: super::chase::ItemChase,
}

/// Splits the report text around the item's sentence; offsets count characters.
fn split_source(text: &str, start: Option<i64>, end: Option<i64>) -> (String, String, String) {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let (s, e) = match (start, end) {
        (Some(s), Some(e)) if s >= 0 && e >= s => ((s as usize).min(n), (e as usize).min(n)),
        _ => (0, 0),
    };
    (
        chars[..s].iter().collect(),
        chars[s..e].iter().collect(),
        chars[e..].iter().collect(),
    )
}

async fn item_page(
    State(app): State<App>,
    user: PageUser,
    Path(id): Path<i64>,
    Query(f): Query<Flash>,
) -> PageResult {
    let a = &user.actor;
    let view = duban_app::views::item(&app, a, user.seen, id).await?;
    let d = &view.detail;
    let period = default_period(&app, &d.plan, PeriodUse::Status).await?;
    let st = duban_app::views::statuses(&app, a, user.seen, d.plan.id, period, app.today()).await?;
    let assessment = st
        .iter()
        .find(|s| s.item.id == id)
        .map(|s| s.assessment.clone());
    let mut row = ItemRow::of(&d.item, assessment.as_ref());
    row.carried_from = view.carried_from;
    let text = duban_app::views::source_text(&app, a, user.seen, d.plan.id).await?;
    let (before, marked, after) = split_source(&text, d.item.start_char, d.item.end_char);
    // Chart: the lead unit's reported cumulative values against the plan and 序时.
    let mut labels = Vec::new();
    let (mut reported, mut planned, mut pace) = (Vec::new(), Vec::new(), Vec::new());
    let is_level = d.item.kind == ItemKind::Target
        && d.item
            .measure()
            .is_none_or(|m| m == duban_app::core::Measure::Level)
        && d.item.op() != Some(duban_app::core::Op::AtMost);
    for p in Period::months_of(d.plan.year as i32) {
        let ps = p.to_string();
        labels.push(format!("{}月", p.month));
        let r = d
            .reports
            .iter()
            .filter(|r| r.period == ps && Some(r.unit_id) == d.item.lead_unit_id)
            .find_map(|r| r.value);
        reported.push(r);
        planned.push(
            d.milestones
                .iter()
                .find(|m| m.period == ps)
                .and_then(|m| m.planned_value),
        );
        pace.push(if is_level {
            d.item
                .value
                .map(|v| (v * f64::from(p.month) / 12.0 * 100.0).round() / 100.0)
        } else {
            d.item.value
        });
    }
    let has_chart = d.item.value.is_some() && reported.iter().any(Option::is_some);
    let chart = serde_json::json!({
        "kind": "line",
        "labels": labels,
        "unit": d.item.unit,
        "series": [
            {"name": "累计完成（已报）", "data": reported},
            {"name": "计划节点", "data": planned},
            {"name": if is_level { "序时进度" } else { "目标值" }, "data": pace},
        ]
    });
    let trails = &view.trails;
    let mut reports = Vec::new();
    for r in d.reports.iter().rev() {
        let hist = trails.history.get(&r.id).map(Vec::as_slice).unwrap_or(&[]);
        let atts = trails
            .attachments
            .get(&r.id)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        reports.push(ReportView {
            period: period_label(&r.period),
            unit: r.unit_name.clone(),
            value: match (r.value, r.milestone_done) {
                (Some(v), _) => format!("{}{}", num(v), d.item.unit.clone().unwrap_or_default()),
                (None, Some(true)) => "节点已完成".into(),
                (None, Some(false)) => "节点未完成".into(),
                _ => "—".into(),
            },
            state: r.state.label(),
            late: r.is_late,
            return_comment: r.return_comment.clone().unwrap_or_default(),
            progress: r.progress.clone(),
            problems: r.problems.clone(),
            next_steps: r.next_steps.clone(),
            attachments: atts.iter().map(|x| (x.id, x.file_name.clone())).collect(),
            history: hist
                .iter()
                .map(|h| {
                    let to = h
                        .state_to
                        .parse::<duban_app::core::ReportState>()
                        .map(|s| s.label())
                        .unwrap_or("");
                    format!(
                        "{} {} → {}{}",
                        datetime(h.at),
                        h.user_name.clone().unwrap_or_else(|| "系统".into()),
                        to,
                        h.comment
                            .as_ref()
                            .map(|c| format!("（{c}）"))
                            .unwrap_or_default()
                    )
                })
                .collect(),
        });
    }
    let (unit_opts, support_opts, leader_opts) = if a.can_decompose() {
        // The item's own government's units and leaders.
        let units: Vec<_> = duban_app::views::units_for(&app, a, user.seen)
            .await?
            .iter()
            .filter(|u| u.government_id.is_none_or(|g| g == d.plan.government_id))
            .cloned()
            .collect();
        let leaders = duban_app::views::leaders_for(&app, a, user.seen).await?;
        let lead = d
            .item
            .lead_unit_id
            .map(|i| i.to_string())
            .unwrap_or_default();
        let leader = d
            .item
            .leader_user_id
            .map(|i| i.to_string())
            .unwrap_or_default();
        (
            units
                .iter()
                .map(|u| Opt::new(u.id, &u.name, &lead))
                .collect(),
            units
                .iter()
                .map(|u| Opt {
                    value: u.id.to_string(),
                    label: u.name.clone(),
                    selected: d.supporting_units.iter().any(|s| s.0 == u.id),
                })
                .collect(),
            leaders
                .iter()
                .map(|l| Opt::new(l.id, &l.display_name, &leader))
                .collect(),
        )
    } else {
        (vec![], vec![], vec![])
    };
    let binding =
        crate::pages::registers::binding::view(&app, a, user.seen, &d.plan, &d.item).await?;
    let reporting = default_period(&app, &d.plan, PeriodUse::Reporting).await?;
    let chase = super::chase::item_chase(&app, a, user.seen, &d.item, reporting).await?;
    let cycle = d.item.cycle().as_str();
    render(ItemPage {
        me: Me::of(a),
        id,
        title: d.item.title.clone(),
        section: d.item.section_heading.clone().unwrap_or_default(),
        flash: flash_text(&f.ok),
        supporting: if d.supporting_units.is_empty() {
            "—".into()
        } else {
            d.supporting_units
                .iter()
                .map(|s| s.1.as_str())
                .collect::<Vec<_>>()
                .join("、")
        },
        has_chart,
        chart_json: chart.to_string(),
        before,
        marked,
        after,
        milestones: d
            .milestones
            .iter()
            .map(|m| {
                (
                    period_label(&m.period),
                    opt_num(m.planned_value),
                    m.description.clone().unwrap_or_default(),
                )
            })
            .collect(),
        adjustments: d
            .adjustments
            .iter()
            .map(|x| {
                (
                    datetime(x.adjusted_at),
                    opt_num(x.old_value),
                    opt_num(x.new_value),
                    x.reason.clone(),
                )
            })
            .collect(),
        reports,
        unit_opts,
        support_opts,
        leader_opts,
        cycle_opts: Cycle::ALL
            .iter()
            .map(|c| Opt::new(c.as_str(), c.label(), cycle))
            .collect(),
        deadline: d.item.deadline.map(|x| x.to_string()).unwrap_or_default(),
        weight: d.item.weight.map(num).unwrap_or_else(|| "1".into()),
        milestones_text: d
            .milestones
            .iter()
            .map(|m| {
                format!(
                    "{}|{}|{}",
                    m.period,
                    m.planned_value.map(num).unwrap_or_default(),
                    m.description.clone().unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
        binding,
        row,
        chase,
    })
}
