//! The remaining pages: home, item detail, reporting, review, dashboard, decomposition,
//! administration, password.

use crate::api::parse_date;
use crate::error::PageError;
use crate::pages::{PageResult, PeriodUse, no_plan, plan_ctx, render};
use crate::session::{PageUser, removal_cookie};
use crate::views::*;
use askama::Template;
use axum::Router;
use axum::extract::{Form, Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use duban_app::core::{Cycle, ItemKind, Period, Role};
use duban_app::progress::{Decision, ReportInput};
use duban_app::{App, AppError, admin, auth, dashboard, items, progress, status};
use serde::Deserialize;
use std::collections::HashMap;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/items/{id}", get(item_page))
        .route("/items/{id}/assign", post(assign_submit))
        .route("/items/{id}/adjust", post(adjust_submit))
        .route("/report", get(report_page))
        .route(
            "/report/{id}",
            post(report_submit).layer(axum::extract::DefaultBodyLimit::max(
                crate::upload::MAX_UPLOAD_BODY,
            )),
        )
        .route("/review", get(review_page))
        .route("/review/{id}", post(review_submit))
        .route("/dashboard", get(dashboard_page))
        .route("/decompose", get(decompose_page).post(decompose_submit))
        .route("/admin", get(admin_page))
        .route("/admin/users", post(admin_add_user))
        .route("/admin/units", post(admin_add_unit))
        .route("/admin/password", post(admin_password))
        .route("/password", get(password_page).post(password_submit))
        .route("/attachments/{id}", get(attachment))
}

#[derive(Deserialize, Default)]
pub struct Flash {
    #[serde(default)]
    ok: String,
    #[serde(default)]
    period: String,
    #[serde(default)]
    mine: String,
}

fn flash_text(code: &str) -> String {
    match code {
        "assign" => "分解交办已保存",
        "adjust" => "目标已调整，原值保留在调整记录中",
        "save" => "草稿已保存",
        "submit" => "已提交审核",
        "approve" => "已审核通过",
        "return" => "已退回",
        "batch" => "分解表已保存",
        "user" => "用户已添加",
        "unit" => "单位已添加",
        "password" => "密码已重置",
        _ => "",
    }
    .to_string()
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

pub async fn home(State(app): State<App>, user: PageUser) -> PageResult {
    let a = &user.actor;
    let me = Me::of(a);
    if matches!(a.role, Role::Leader | Role::Viewer) {
        return Ok(Redirect::to("/dashboard").into_response());
    }
    let usage = if a.role.is_unit_role() {
        PeriodUse::Reporting
    } else {
        PeriodUse::Status
    };
    let Some(ctx) = plan_ctx(&app, None, usage).await? else {
        return no_plan(me);
    };
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
    let (due_total, due_done) = if a.role.is_unit_role() {
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
    let d = items::detail(&app, a, id).await?;
    let period = crate::pages::default_period(&app, &d.plan, PeriodUse::Status).await?;
    let (_, st) = status::compute(&app, a, d.plan.id, period, duban_app::today()).await?;
    let assessment = st
        .iter()
        .find(|s| s.item.id == id)
        .map(|s| s.assessment.clone());
    let row = ItemRow::of(&d.item, assessment.as_ref());
    let text = items::source_text(&app, d.plan.id).await?;
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
    let mut reports = Vec::new();
    for r in d.reports.iter().rev() {
        let (_, hist, atts) = progress::report_detail(&app, a, r.id).await?;
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
    let (unit_opts, support_opts, leader_opts) = if a.is_office() {
        let units = admin::units(&app).await?;
        let leaders = admin::leaders(&app).await?;
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
        row,
    })
}

fn field<'a>(form: &'a [(String, String)], name: &str) -> &'a str {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .unwrap_or("")
}

fn opt_id(s: &str) -> Result<Option<i64>, AppError> {
    if s.is_empty() {
        Ok(None)
    } else {
        s.parse()
            .map(Some)
            .map_err(|_| AppError::BadInput(format!("编号“{s}”无效")))
    }
}

fn opt_f64(s: &str, what: &str) -> Result<Option<f64>, AppError> {
    if s.is_empty() {
        Ok(None)
    } else {
        s.replace([',', '，'], "")
            .parse()
            .map(Some)
            .map_err(|_| AppError::BadInput(format!("{what}“{s}”不是数字")))
    }
}

async fn assign_submit(
    State(app): State<App>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<Vec<(String, String)>>,
) -> PageResult {
    let lead =
        opt_id(field(&form, "lead"))?.ok_or_else(|| AppError::BadInput("请选择牵头单位".into()))?;
    let mut supporting = Vec::new();
    for (k, v) in &form {
        if k == "support"
            && let Some(u) = opt_id(v)?
            && u != lead
        {
            supporting.push(u);
        }
    }
    let mut milestones = Vec::new();
    for line in field(&form, "milestones")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        let mut parts = line.splitn(3, ['|', '｜']);
        let period = parts.next().unwrap_or("").trim().to_string();
        let planned_value = opt_f64(parts.next().unwrap_or("").trim(), "计划值")?;
        let description = parts
            .next()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        milestones.push(items::MilestoneInput {
            period,
            planned_value,
            description,
            is_final: false,
        });
    }
    if let Some(last) = milestones.iter_mut().max_by(|a, b| a.period.cmp(&b.period)) {
        // The last node closes the item.
        last.is_final = true;
    }
    let input = items::AssignInput {
        lead_unit_id: lead,
        supporting_unit_ids: supporting,
        leader_user_id: opt_id(field(&form, "leader"))?,
        leader_name: None,
        deadline: match field(&form, "deadline") {
            "" => None,
            d => Some(parse_date(d)?),
        },
        weight: opt_f64(field(&form, "weight"), "权重")?,
        cycle: field(&form, "cycle").parse::<Cycle>().ok(),
        milestones: Some(milestones),
    };
    items::assign(&app, &user.actor, id, &input).await?;
    Ok(Redirect::to(&format!("/items/{id}?ok=assign")).into_response())
}

#[derive(Deserialize)]
struct AdjustForm {
    value: String,
    reason: String,
}

async fn adjust_submit(
    State(app): State<App>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(f): Form<AdjustForm>,
) -> PageResult {
    let v = opt_f64(f.value.trim(), "目标值")?
        .ok_or_else(|| AppError::BadInput("请填写调整后目标值".into()))?;
    items::adjust(&app, &user.actor, id, v, &f.reason).await?;
    Ok(Redirect::to(&format!("/items/{id}?ok=adjust")).into_response())
}

struct DueForm {
    item_id: i64,
    title: String,
    kind: &'static str,
    lead: bool,
    target: String,
    state: &'static str,
    return_comment: String,
    editable: bool,
    is_task: bool,
    done: bool,
    value_label: &'static str,
    unit: String,
    value: String,
    progress: String,
    problems: String,
    next_steps: String,
}

#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage {
    me: Me,
    unit: String,
    period: String,
    period_label: String,
    flash: String,
    forms: Vec<DueForm>,
}

async fn report_page(State(app): State<App>, user: PageUser, Query(f): Query<Flash>) -> PageResult {
    let a = &user.actor;
    let me = Me::of(a);
    let Some(ctx) = plan_ctx(&app, Some(&f.period), PeriodUse::Reporting).await? else {
        return no_plan(me);
    };
    let due = progress::due(&app, a, ctx.plan.id, ctx.period).await?;
    let forms = due
        .into_iter()
        .map(|d| {
            // This period's report if any, else the last one to pre-fill from.
            let src = d.report.as_ref().or(d.previous.as_ref());
            DueForm {
                item_id: d.item.id,
                title: d.item.title.clone(),
                kind: d.item.kind.label(),
                lead: d.lead,
                target: target_text(&d.item),
                state: d
                    .report
                    .as_ref()
                    .map(|r| r.state.label())
                    .unwrap_or("未填报"),
                return_comment: d
                    .report
                    .as_ref()
                    .and_then(|r| r.return_comment.clone())
                    .filter(|_| {
                        d.report
                            .as_ref()
                            .is_some_and(|r| r.state == duban_app::core::ReportState::Returned)
                    })
                    .unwrap_or_default(),
                editable: d.report.as_ref().is_none_or(|r| r.state.is_editable()),
                is_task: d.item.kind == ItemKind::Task || d.item.value.is_none(),
                done: src.and_then(|r| r.milestone_done).unwrap_or(false),
                value_label: value_label(&d.item),
                unit: d.item.unit.clone().unwrap_or_default(),
                value: src.and_then(|r| r.value).map(num).unwrap_or_default(),
                progress: src.map(|r| r.progress.clone()).unwrap_or_default(),
                problems: src.map(|r| r.problems.clone()).unwrap_or_default(),
                next_steps: src.map(|r| r.next_steps.clone()).unwrap_or_default(),
            }
        })
        .collect();
    render(ReportPage {
        me,
        unit: a.unit_name.clone().unwrap_or_default(),
        period: ctx.period.to_string(),
        period_label: period_label(&ctx.period.to_string()),
        flash: flash_text(&f.ok),
        forms,
    })
}

async fn report_submit(
    State(app): State<App>,
    user: PageUser,
    Path(id): Path<i64>,
    mut mp: Multipart,
) -> PageResult {
    let mut fields: HashMap<String, String> = HashMap::new();
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Some(part) = mp
        .next_field()
        .await
        .map_err(|e| AppError::BadInput(format!("表单有误：{e}")))?
    {
        let name = part.name().unwrap_or("").to_string();
        if name == "file" {
            let fname = part.file_name().unwrap_or("").to_string();
            let bytes = part
                .bytes()
                .await
                .map_err(|e| AppError::BadInput(format!("附件上传失败：{e}")))?;
            if !fname.is_empty() && !bytes.is_empty() {
                file = Some((fname, bytes.to_vec()));
            }
        } else {
            let v = part
                .text()
                .await
                .map_err(|e| AppError::BadInput(format!("表单有误：{e}")))?;
            fields.insert(name, v);
        }
    }
    let get = |k: &str| {
        fields
            .get(k)
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    let submit = get("action") == "submit";
    let mut input = ReportInput {
        period: get("period"),
        value: opt_f64(&get("value"), "累计完成值")?,
        milestone_done: match get("milestone_done").as_str() {
            "1" => Some(true),
            "0" => Some(false),
            _ => None,
        },
        progress: get("progress"),
        problems: get("problems"),
        next_steps: get("next_steps"),
        submit: false,
    };
    // Save as draft first so the attachment can join the report, then submit.
    let r = progress::save(&app, &user.actor, id, &input).await?;
    if let Some((name, bytes)) = file {
        progress::attach(&app, &user.actor, r.id, &name, &bytes).await?;
    }
    if submit {
        input.submit = true;
        progress::save(&app, &user.actor, id, &input).await?;
    }
    let ok = if submit { "submit" } else { "save" };
    Ok(Redirect::to(&format!(
        "/report?period={}&ok={ok}#item-{id}",
        input.period
    ))
    .into_response())
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
    let me = Me::of(a);
    if !(a.is_office() || a.role == Role::Approver) {
        return Err(AppError::Forbidden("只有审核人和督查室可以审核报告".into()).into());
    }
    let Some(plan) = items::latest_plan(&app).await? else {
        return no_plan(me);
    };
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
    headers: axum::http::HeaderMap,
    Form(f): Form<ReviewForm>,
) -> PageResult {
    let htmx = headers
        .get("hx-request")
        .is_some_and(|v| v.as_bytes() == b"true");
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
                message: if a.is_office() && f.decision == "approve" {
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
            let plan = items::latest_plan(&app).await?;
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
                        office: a.is_office(),
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

/// 名称, 事项, 已完成, 绿, 黄, 红, 绿灯率.
type GroupRow = (String, usize, usize, usize, usize, usize, String);

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    me: Me,
    d: dashboard::Dashboard,
    mine: bool,
    summary: String,
    on_pace_share: String,
    statuses: Vec<(&'static str, &'static str, usize, String)>,
    pie_json: String,
    bar_json: String,
    lagging: Vec<ItemRow>,
    groups: Vec<(&'static str, Vec<GroupRow>)>,
}

async fn dashboard_page(
    State(app): State<App>,
    user: PageUser,
    Query(f): Query<Flash>,
) -> PageResult {
    let a = &user.actor;
    let me = Me::of(a);
    let Some(ctx) = plan_ctx(&app, Some(&f.period), PeriodUse::Status).await? else {
        return no_plan(me);
    };
    let mine = !f.mine.is_empty() && a.role == Role::Leader;
    let d = dashboard::build(&app, a, ctx.plan.id, ctx.period, duban_app::today(), mine).await?;
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
    render(DashboardPage {
        me,
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

struct DecomposeRow {
    id: i64,
    seq: i64,
    title: String,
    units: Vec<Opt>,
    leaders: Vec<Opt>,
    deadline: String,
    cycles: Vec<Opt>,
}

#[derive(Template)]
#[template(path = "decompose.html")]
struct DecomposePage {
    me: Me,
    flash: String,
    rows: Vec<DecomposeRow>,
}

async fn decompose_page(
    State(app): State<App>,
    user: PageUser,
    Query(f): Query<Flash>,
) -> PageResult {
    let a = &user.actor;
    if !a.is_office() {
        return Err(AppError::Forbidden("只有督查室或系统管理员可以分解任务".into()).into());
    }
    let me = Me::of(a);
    let Some(plan) = items::latest_plan(&app).await? else {
        return no_plan(me);
    };
    let list = items::list(&app, a, plan.id, false).await?;
    let units = admin::units(&app).await?;
    let leaders = admin::leaders(&app).await?;
    let rows = list
        .iter()
        .map(|i| {
            let lead = i.lead_unit_id.map(|x| x.to_string()).unwrap_or_default();
            let leader = i.leader_user_id.map(|x| x.to_string()).unwrap_or_default();
            DecomposeRow {
                id: i.id,
                seq: i.seq,
                title: i.title.clone(),
                units: units
                    .iter()
                    .map(|u| Opt::new(u.id, &u.name, &lead))
                    .collect(),
                leaders: leaders
                    .iter()
                    .map(|l| Opt::new(l.id, &l.display_name, &leader))
                    .collect(),
                deadline: i.deadline.map(|d| d.to_string()).unwrap_or_default(),
                cycles: Cycle::ALL
                    .iter()
                    .map(|c| Opt::new(c.as_str(), c.label(), i.cycle().as_str()))
                    .collect(),
            }
        })
        .collect();
    render(DecomposePage {
        me,
        flash: flash_text(&f.ok),
        rows,
    })
}

async fn decompose_submit(
    State(app): State<App>,
    user: PageUser,
    Form(form): Form<Vec<(String, String)>>,
) -> PageResult {
    let a = &user.actor;
    let Some(plan) = items::latest_plan(&app).await? else {
        return Err(AppError::NotFound.into());
    };
    let list = items::list(&app, a, plan.id, false).await?;
    let support = items::plan_supporting_units(&app, a, plan.id).await?;
    let mut rows = Vec::new();
    for i in &list {
        let lead = opt_id(field(&form, &format!("lead_{}", i.id)))?;
        let leader = opt_id(field(&form, &format!("leader_{}", i.id)))?;
        let deadline = match field(&form, &format!("deadline_{}", i.id)) {
            "" => None,
            d => Some(parse_date(d)?),
        };
        let cycle = field(&form, &format!("cycle_{}", i.id))
            .parse::<Cycle>()
            .ok();
        let Some(lead) = lead else { continue };
        let changed = Some(lead) != i.lead_unit_id
            || leader != i.leader_user_id
            || deadline != i.deadline
            || cycle.is_some_and(|c| i.assignment_id.is_none() || c != i.cycle());
        if !changed {
            continue;
        }
        rows.push((
            i.id,
            items::AssignInput {
                lead_unit_id: lead,
                // Keep the supporting units and milestones set on the item's own page.
                supporting_unit_ids: support
                    .iter()
                    .filter(|s| s.0 == i.id && s.1 != lead)
                    .map(|s| s.1)
                    .collect(),
                leader_user_id: leader,
                leader_name: if leader.is_none() {
                    i.leader_name.clone().filter(|_| i.leader_user_id.is_none())
                } else {
                    None
                },
                deadline,
                weight: i.weight,
                cycle,
                milestones: None,
            },
        ));
    }
    items::assign_many(&app, a, &rows).await?;
    Ok(Redirect::to("/decompose?ok=batch").into_response())
}

#[derive(Template)]
#[template(path = "admin.html")]
struct AdminPage {
    me: Me,
    flash: String,
    users: Vec<(String, String, &'static str, String, &'static str, String)>,
    units: Vec<(i64, String, &'static str)>,
    roles: Vec<(&'static str, &'static str)>,
}

async fn admin_page(State(app): State<App>, user: PageUser, Query(f): Query<Flash>) -> PageResult {
    let a = &user.actor;
    let users = admin::users(&app, a).await?;
    render(AdminPage {
        me: Me::of(a),
        flash: flash_text(&f.ok),
        users: users
            .iter()
            .map(|u| {
                (
                    u.username.clone(),
                    u.display_name.clone(),
                    u.role.label(),
                    u.unit_name.clone().unwrap_or_default(),
                    if u.active { "正常" } else { "停用" },
                    u.last_login_at.map(datetime).unwrap_or_else(|| "—".into()),
                )
            })
            .collect(),
        units: admin::units(&app)
            .await?
            .into_iter()
            .map(|u| (u.id, u.name, u.kind.label()))
            .collect(),
        roles: Role::ALL.iter().map(|r| (r.as_str(), r.label())).collect(),
    })
}

#[derive(Deserialize)]
struct UserForm {
    username: String,
    #[serde(default)]
    display_name: String,
    role: String,
    #[serde(default)]
    unit: String,
    password: String,
}

async fn admin_add_user(
    State(app): State<App>,
    user: PageUser,
    Form(f): Form<UserForm>,
) -> PageResult {
    let role: Role = f
        .role
        .parse()
        .map_err(|e: duban_app::core::UnknownCode| AppError::BadInput(e.to_string()))?;
    admin::add_user(
        &app,
        &user.actor,
        admin::NewUser {
            username: &f.username,
            display_name: Some(&f.display_name),
            role,
            unit: Some(&f.unit),
            password: &f.password,
        },
    )
    .await?;
    Ok(Redirect::to("/admin?ok=user").into_response())
}

#[derive(Deserialize)]
struct UnitForm {
    name: String,
    #[serde(default)]
    parent: String,
}

async fn admin_add_unit(
    State(app): State<App>,
    user: PageUser,
    Form(f): Form<UnitForm>,
) -> PageResult {
    admin::add_unit(&app, &user.actor, &f.name, Some(&f.parent)).await?;
    Ok(Redirect::to("/admin?ok=unit").into_response())
}

#[derive(Deserialize)]
struct ResetForm {
    username: String,
    password: String,
}

async fn admin_password(
    State(app): State<App>,
    user: PageUser,
    Form(f): Form<ResetForm>,
) -> PageResult {
    admin::set_password(&app, &user.actor, &f.username, &f.password).await?;
    Ok(Redirect::to("/admin?ok=password").into_response())
}

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage {
    me: Me,
    error: String,
}

async fn password_page(user: PageUser) -> PageResult {
    render(PasswordPage {
        me: Me::of(&user.actor),
        error: String::new(),
    })
}

#[derive(Deserialize)]
struct PasswordForm {
    old: String,
    new: String,
    new2: String,
}

async fn password_submit(
    State(app): State<App>,
    user: PageUser,
    jar: CookieJar,
    Form(f): Form<PasswordForm>,
) -> PageResult {
    let result = if f.new != f.new2 {
        Err(AppError::BadInput("两次输入的新密码不一致".into()))
    } else {
        auth::change_password(&app, &user.actor, &f.old, &f.new).await
    };
    match result {
        // Every session of the user ended: log in again with the new password.
        Ok(()) => Ok((jar.remove(removal_cookie()), Redirect::to("/login")).into_response()),
        Err(AppError::BadInput(m)) => render(PasswordPage {
            me: Me::of(&user.actor),
            error: m,
        }),
        Err(e) => Err(PageError::from(e)),
    }
}

async fn attachment(State(app): State<App>, user: PageUser, Path(id): Path<i64>) -> PageResult {
    let (a, bytes) = progress::attachment_bytes(&app, &user.actor, id).await?;
    // Served as a download so that uploaded files never run in our origin.
    Ok(crate::api::attachment_response(&a, bytes))
}
