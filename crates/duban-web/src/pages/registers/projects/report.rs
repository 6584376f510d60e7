//! A project's page: stage dates, light, the monthly investment history with each report's
//! flow history, the lead unit's report form and the review buttons.

use super::{Line, line};
use crate::extract::{PageUser, field, opt_f64};
use crate::pages::registers::{period_of, yi};
use crate::pages::views::{Me, date, datetime, period_label};
use crate::pages::{PageResult, render};
use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use duban_app::access::registers as access;
use duban_app::core::ReportState;
use duban_app::db::projects::Project;
use duban_app::progress::Decision;
use duban_app::registers::projects::{self, ProjectReportInput};
use duban_app::{Actor, App, AppError};
use serde::Deserialize;

/// A monthly report as shown on the project's page.
struct ReportView {
    id: i64,
    period: String,
    value: String,
    state: &'static str,
    progress: String,
    problems: String,
    next_steps: String,
    return_comment: String,
    history: Vec<String>,
    /// approve / accept offered to this actor.
    review: &'static str,
}

#[derive(Template)]
#[template(path = "registers/project.html")]
struct DetailPage {
    me: Me,
    p: Project,
    l: Line,
    stages: Vec<(&'static str, String)>,
    planned_start: String,
    registered_on: String,
    nodes: Vec<String>,
    reports: Vec<ReportView>,
    editable: bool,
    can_report: bool,
    report_period: String,
    report_value: String,
    flash: &'static str,
    scope_query: String,
}

#[derive(Deserialize, Default)]
pub(super) struct DetailQuery {
    #[serde(default)]
    pub(super) period: String,
    #[serde(default)]
    pub(super) ok: String,
}

pub(super) async fn detail(
    State(app): State<App>,
    user: PageUser,
    Path(id): Path<i64>,
    Query(q): Query<DetailQuery>,
) -> PageResult {
    let a = &user.actor;
    let head = projects::get(&app, a, id).await?.project;
    let period = period_of(&app, head.year as i32, &q.period)?;
    let page = projects::page(&app, a, id, period, app.today()).await?;
    let p = page.detail.project.clone();
    let own = access::is_own_unit(a, p.lead_unit_id);
    let reports = page
        .detail
        .reports
        .iter()
        .rev()
        .map(|r| {
            let history = page
                .history
                .iter()
                .find(|(rid, _)| *rid == r.id)
                .map(|(_, h)| {
                    h.iter()
                        .map(|h| {
                            format!(
                                "{} {} {}{}",
                                datetime(h.at),
                                h.user_name.clone().unwrap_or_default(),
                                h.action,
                                h.comment
                                    .as_deref()
                                    .map(|c| format!("：{c}"))
                                    .unwrap_or_default()
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let review = match r.state {
                ReportState::Submitted if own && me_approver(a) => "approve",
                ReportState::Approved if a.abilities().manage => "accept",
                ReportState::Submitted if a.abilities().manage => "return",
                _ => "",
            };
            ReportView {
                id: r.id,
                period: period_label(&r.period),
                value: r.value.map(yi).unwrap_or_else(|| "—".into()),
                state: r.state.label(),
                progress: r.progress.clone(),
                problems: r.problems.clone(),
                next_steps: r.next_steps.clone(),
                return_comment: r.return_comment.clone().unwrap_or_default(),
                history,
                review,
            }
        })
        .collect();
    render(DetailPage {
        me: Me::of(a),
        l: line(&page.row),
        stages: vec![
            ("签约", date(p.signed_on)),
            ("落地", date(p.landed_on)),
            ("开工", date(p.started_on)),
            ("投产/竣工", date(p.producing_on)),
        ],
        planned_start: date(p.planned_start),
        registered_on: date(p.registered_on),
        nodes: p
            .nodes
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect(),
        reports,
        editable: access::can_edit(a, p.lead_unit_id),
        can_report: own,
        report_period: period.to_string(),
        report_value: String::new(),
        flash: match q.ok.as_str() {
            "save" => "已保存",
            "submit" => "月报已提交审核",
            "review" => "审核意见已保存",
            _ => "",
        },
        scope_query: format!("g={}&year={}", p.government_id, p.year),
        p,
    })
}

fn me_approver(a: &Actor) -> bool {
    a.abilities().approve
}

pub(super) async fn save_report(
    State(app): State<App>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<Vec<(String, String)>>,
) -> PageResult {
    let a = &user.actor;
    let submit = field(&form, "submit") == "1";
    let input = ProjectReportInput {
        period: field(&form, "period").into(),
        completed: opt_f64(field(&form, "completed"), "累计完成投资")?,
        progress: field(&form, "progress").into(),
        problems: field(&form, "problems").into(),
        next_steps: field(&form, "next_steps").into(),
        submit,
    };
    projects::save_report(&app, a, id, &input).await?;
    let ok = if submit { "submit" } else { "save" };
    Ok(Redirect::to(&format!("/registers/projects/{id}?ok={ok}")).into_response())
}

pub(super) async fn review(
    State(app): State<App>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<Vec<(String, String)>>,
) -> PageResult {
    let a = &user.actor;
    let decision = match field(&form, "decision") {
        "approve" => Decision::Approve,
        "return" => Decision::Return,
        other => return Err(AppError::BadInput(format!("审核意见“{other}”无效")).into()),
    };
    let r = projects::review_report(&app, a, id, decision, field(&form, "comment")).await?;
    Ok(Redirect::to(&format!("/registers/projects/{}?ok=review", r.project_id)).into_response())
}
