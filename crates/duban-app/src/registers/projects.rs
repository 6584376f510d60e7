//! Key projects: entry, editing, and the monthly report of completed investment, which goes
//! through the same draft → submitted → approved → accepted flow (and history table) as a
//! progress report.

use super::{MAX_NAME, MAX_TEXT, amount, optional, required, snap};
use crate::access::registers as access;
use crate::progress::Decision;
use crate::{Actor, App, AppError, Result};
use duban_core::registers::projects::{ProjectFacts, ProjectLevel, ProjectLight, project_light};
use duban_core::{Period, ProjectStage, ReportState, Role};
use duban_db::projects::{self as db, Project, ProjectReport};
use duban_db::{Tx, reports};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use time::Date;

/// A project as the entry form and the import give it. Money in 亿元.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProjectInput {
    pub name: String,
    #[serde(default)]
    pub content: String,
    pub lead_unit_id: Option<i64>,
    #[serde(default)]
    pub leader_name: String,
    pub level: Option<ProjectLevel>,
    /// 亿元以上; when not given, total investment ≥ 1亿元 decides.
    pub over_100m: Option<bool>,
    pub total_investment: f64,
    pub annual_plan_investment: Option<f64>,
    pub signed_on: Option<Date>,
    pub landed_on: Option<Date>,
    pub started_on: Option<Date>,
    pub producing_on: Option<Date>,
    pub planned_start: Option<Date>,
    pub registered_on: Option<Date>,
    #[serde(default)]
    pub campaign: String,
    /// 形象进度 nodes, one per line (e.g. "2024-06 结构封顶").
    #[serde(default)]
    pub nodes: String,
}

/// The checked, normalised form of an input.
pub(crate) struct Checked {
    name: String,
    content: String,
    leader: String,
    campaign: String,
    nodes: String,
    over: bool,
    stage: Option<ProjectStage>,
}

pub(crate) fn check(p: &ProjectInput) -> Result<Checked> {
    let name = required("项目名称", &p.name, MAX_NAME)?;
    amount("总投资", p.total_investment)?;
    if let Some(a) = p.annual_plan_investment {
        amount("年度计划投资", a)?;
    }
    let steps = [
        ("签约", p.signed_on),
        ("落地", p.landed_on),
        ("开工", p.started_on),
        ("投产", p.producing_on),
    ];
    let mut last: Option<(&str, Date)> = None;
    for (label, d) in steps {
        if let Some(d) = d {
            if let Some((l, prev)) = last
                && d < prev
            {
                return Err(AppError::BadInput(format!(
                    "{label}日期{d}早于{l}日期{prev}"
                )));
            }
            last = Some((label, d));
        }
    }
    let stage = [
        (ProjectStage::Producing, p.producing_on),
        (ProjectStage::Started, p.started_on),
        (ProjectStage::Landed, p.landed_on),
        (ProjectStage::Signed, p.signed_on),
    ]
    .into_iter()
    .find(|(_, d)| d.is_some())
    .map(|(s, _)| s);
    Ok(Checked {
        name,
        content: optional("建设内容", &p.content, MAX_TEXT)?,
        leader: optional("包抓领导", &p.leader_name, MAX_NAME)?,
        campaign: optional("招商活动", &p.campaign, MAX_NAME)?,
        nodes: optional("形象进度节点", &p.nodes, MAX_TEXT)?,
        over: p.over_100m.unwrap_or(p.total_investment >= 1.0),
        stage,
    })
}

pub(crate) fn fields<'a>(
    p: &'a ProjectInput,
    c: &'a Checked,
    lead: Option<i64>,
) -> db::ProjectFields<'a> {
    db::ProjectFields {
        name: &c.name,
        content: &c.content,
        lead_unit_id: lead,
        leader_name: &c.leader,
        level: p.level.map(|l| l.as_str()),
        over_100m: c.over,
        total_investment: p.total_investment,
        annual_plan_investment: p.annual_plan_investment,
        stage: c.stage.map(|s| s.as_str()),
        signed_on: p.signed_on,
        landed_on: p.landed_on,
        started_on: p.started_on,
        producing_on: p.producing_on,
        planned_start: p.planned_start,
        registered_on: p.registered_on,
        campaign: &c.campaign,
        nodes: &c.nodes,
    }
}

/// The rules' view of a stored project with its accepted monthly figures.
pub(crate) fn facts(p: &Project, figures: &[(Period, f64)]) -> ProjectFacts {
    ProjectFacts {
        id: p.id,
        name: p.name.clone(),
        level: p.level.as_deref().and_then(|l| l.parse().ok()),
        over_100m: p.over_100m,
        total_investment: p.total_investment,
        annual_plan: p.annual_plan_investment,
        signed_on: p.signed_on,
        landed_on: p.landed_on,
        started_on: p.started_on,
        producing_on: p.producing_on,
        planned_start: p.planned_start,
        registered_on: p.registered_on,
        completed: figures.to_vec(),
    }
}

/// Projects of a government's year with their accepted figures up to `period`, in a
/// constant number of queries. `unit` limits to one lead unit.
pub(crate) async fn load(
    tx: &mut Tx,
    government_id: i64,
    year: i64,
    period: Period,
    unit: Option<i64>,
    level: Option<&str>,
    stage: Option<&str>,
) -> Result<Vec<(Project, ProjectFacts)>> {
    let list = db::list(
        tx,
        &db::ProjectFilter {
            government_id,
            year,
            unit_id: unit,
            level,
            stage,
        },
    )
    .await?;
    let figs = db::accepted_figures(tx, government_id, year, &period.to_string()).await?;
    let mut by: HashMap<i64, Vec<(Period, f64)>> = HashMap::new();
    for (id, p, v) in figs {
        if let Ok(p) = p.parse::<Period>() {
            by.entry(id).or_default().push((p, v));
        }
    }
    Ok(list
        .into_iter()
        .map(|p| {
            let f = facts(&p, by.get(&p.id).map(Vec::as_slice).unwrap_or(&[]));
            (p, f)
        })
        .collect())
}

/// A line of the project list.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectRow {
    pub project: Project,
    /// Year-to-date completed investment (accepted reports), 亿元.
    pub completed: Option<f64>,
    /// Completed ÷ annual plan, percent.
    pub share_of_plan: Option<f64>,
    pub light: ProjectLight,
}

/// What a list may be narrowed to.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ProjectQuery {
    pub level: Option<ProjectLevel>,
    pub stage: Option<ProjectStage>,
    pub unit_id: Option<i64>,
}

pub async fn list(
    app: &App,
    actor: &Actor,
    government_id: i64,
    year: i32,
    q: &ProjectQuery,
    period: Period,
    today: Date,
) -> Result<Vec<ProjectRow>> {
    let unit = access::read_scope(actor).or(q.unit_id);
    let mut tx = app.db.read().await?;
    let rows = load(
        &mut tx,
        government_id,
        i64::from(year),
        period,
        unit,
        q.level.map(|l| l.as_str()),
        q.stage.map(|s| s.as_str()),
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|(project, f)| {
            let completed = f.completed_until(period);
            ProjectRow {
                share_of_plan: match (completed, f.annual_plan) {
                    (Some(c), Some(a)) if a > 0.0 => Some(c * 100.0 / a),
                    _ => None,
                },
                completed,
                light: project_light(&f, period, today),
                project,
            }
        })
        .collect())
}

#[derive(Debug, Clone, Serialize)]
pub struct ProjectDetail {
    pub project: Project,
    /// Every monthly report in any state, oldest first.
    pub reports: Vec<ProjectReport>,
}

async fn visible(tx: &mut Tx, actor: &Actor, id: i64) -> Result<Project> {
    let p = db::get(tx, id).await?.ok_or(AppError::NotFound)?;
    access::require_read(actor, p.lead_unit_id, &[])?;
    Ok(p)
}

pub async fn get(app: &App, actor: &Actor, id: i64) -> Result<ProjectDetail> {
    let mut tx = app.db.read().await?;
    let project = visible(&mut tx, actor, id).await?;
    let reports = db::reports_of(&mut tx, id).await?;
    Ok(ProjectDetail { project, reports })
}

pub async fn create(
    app: &App,
    actor: &Actor,
    government_id: i64,
    year: i32,
    input: &ProjectInput,
) -> Result<Project> {
    let lead = access::owner_for_new(actor, input.lead_unit_id)?;
    let c = check(input)?;
    let mut tx = app.db.begin().await?;
    let id = db::insert(
        &mut tx,
        government_id,
        i64::from(year),
        &fields(input, &c, lead),
    )
    .await?;
    let after = db::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    actor
        .audit(
            &mut tx,
            "project_create",
            "project",
            Some(id),
            None,
            snap(&after),
        )
        .await?;
    tx.commit().await?;
    Ok(after)
}

pub async fn update(app: &App, actor: &Actor, id: i64, input: &ProjectInput) -> Result<Project> {
    let c = check(input)?;
    let mut tx = app.db.begin().await?;
    let before = db::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    access::require_edit(actor, before.lead_unit_id)?;
    // A unit may not hand its project to another unit; the office may.
    let lead = if actor.is_office() {
        input.lead_unit_id
    } else {
        before.lead_unit_id
    };
    db::update(&mut tx, id, &fields(input, &c, lead)).await?;
    let after = db::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    actor
        .audit(
            &mut tx,
            "project_update",
            "project",
            Some(id),
            snap(&before),
            snap(&after),
        )
        .await?;
    tx.commit().await?;
    Ok(after)
}

/// A project's monthly report as the lead unit fills it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ProjectReportInput {
    pub period: String,
    /// 1—N月 completed investment, 亿元.
    pub completed: Option<f64>,
    #[serde(default)]
    pub progress: String,
    #[serde(default)]
    pub problems: String,
    #[serde(default)]
    pub next_steps: String,
    #[serde(default)]
    pub submit: bool,
}

fn report_snapshot(r: &ProjectReport) -> String {
    serde_json::json!({
        "value": r.value, "progress": r.progress, "problems": r.problems,
        "next_steps": r.next_steps, "state": r.state, "version": r.version,
    })
    .to_string()
}

/// Saves (and optionally submits) the lead unit's monthly report on a project.
pub async fn save_report(
    app: &App,
    actor: &Actor,
    project_id: i64,
    input: &ProjectReportInput,
) -> Result<ProjectReport> {
    let period: Period = input
        .period
        .parse()
        .map_err(|e: duban_core::period::BadPeriod| AppError::BadInput(e.to_string()))?;
    if let Some(v) = input.completed {
        amount("累计完成投资", v)?;
    }
    let progress = optional("形象进度", &input.progress, MAX_TEXT)?;
    let problems = optional("存在问题", &input.problems, MAX_TEXT)?;
    let next = optional("下步措施", &input.next_steps, MAX_TEXT)?;
    if input.submit && input.completed.is_none() {
        return Err(AppError::BadInput("提交前请填写累计完成投资".into()));
    }
    let mut tx = app.db.begin().await?;
    let project = db::get(&mut tx, project_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let unit = access::require_own_unit(actor, project.lead_unit_id)?;
    if i64::from(period.year) != project.year {
        return Err(AppError::BadInput(format!(
            "期间 {period} 不在项目年度 {} 内",
            project.year
        )));
    }
    let f = db::ReportFields {
        value: input.completed,
        progress: &progress,
        problems: &problems,
        next_steps: &next,
    };
    let existing = db::find_report(&mut tx, project_id, &period.to_string()).await?;
    let (id, from) = match &existing {
        Some(r) if !r.state.is_editable() => {
            return Err(AppError::Conflict(format!(
                "本期报告当前状态为“{}”，不能修改",
                r.state.label()
            )));
        }
        Some(r) => {
            db::update_report(&mut tx, r.id, &f).await?;
            (r.id, Some(r.state))
        }
        None => (
            db::insert_report(
                &mut tx,
                project_id,
                unit,
                &period.to_string(),
                &f,
                ReportState::Draft,
                actor.user_id,
            )
            .await?,
            None,
        ),
    };
    let to = if input.submit {
        reports::set_state(&mut tx, id, ReportState::Submitted, None, None).await?;
        ReportState::Submitted
    } else {
        if from == Some(ReportState::Returned) {
            reports::set_state(&mut tx, id, ReportState::Draft, None, None).await?;
        }
        ReportState::Draft
    };
    let after = db::report(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let action = if input.submit { "submit" } else { "save" };
    reports::add_history(
        &mut tx,
        &reports::NewHistory {
            report_id: id,
            user_id: actor.user_id,
            action,
            state_from: from,
            state_to: to,
            comment: None,
            snapshot: report_snapshot(&after),
        },
    )
    .await?;
    actor
        .audit(
            &mut tx,
            &format!("project_report_{action}"),
            "progress_report",
            Some(id),
            existing.as_ref().and_then(snap),
            snap(&after),
        )
        .await?;
    tx.commit().await?;
    Ok(after)
}

/// The same transitions as a progress report's review: the unit's approver passes a
/// submitted report up or returns it; the office accepts an approved one or returns it.
fn next_state(actor: &Actor, unit: i64, state: ReportState, d: Decision) -> Result<ReportState> {
    match (actor.role, state, d) {
        (Role::Approver, ReportState::Submitted, Decision::Approve)
            if actor.unit_id == Some(unit) =>
        {
            Ok(ReportState::Approved)
        }
        (Role::Approver, ReportState::Submitted, Decision::Return)
            if actor.unit_id == Some(unit) =>
        {
            Ok(ReportState::Returned)
        }
        (Role::Supervisor | Role::Admin, ReportState::Approved, Decision::Approve) => {
            Ok(ReportState::Accepted)
        }
        (
            Role::Supervisor | Role::Admin,
            ReportState::Approved | ReportState::Submitted | ReportState::Accepted,
            Decision::Return,
        ) => Ok(ReportState::Returned),
        (Role::Approver | Role::Supervisor | Role::Admin, s, _)
            if actor.unit_scope().is_none_or(|u| u == unit) =>
        {
            Err(AppError::Conflict(format!(
                "报告当前状态为“{}”，不能进行此操作",
                s.label()
            )))
        }
        (Role::Approver | Role::Reporter, _, _) => Err(AppError::NotFound),
        _ => Err(AppError::Forbidden("无权审核该报告".into())),
    }
}

pub async fn review_report(
    app: &App,
    actor: &Actor,
    report_id: i64,
    decision: Decision,
    comment: &str,
) -> Result<ProjectReport> {
    let mut tx = app.db.begin().await?;
    let r = db::report(&mut tx, report_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let project = db::get(&mut tx, r.project_id)
        .await?
        .ok_or(AppError::NotFound)?;
    access::require_read(actor, project.lead_unit_id, &[])?;
    let to = next_state(actor, r.unit_id, r.state, decision)?;
    let comment = comment.trim();
    if to == ReportState::Returned && comment.is_empty() {
        return Err(AppError::BadInput("退回时请填写退回意见".into()));
    }
    let note = (!comment.is_empty()).then_some(comment);
    reports::set_state(
        &mut tx,
        r.id,
        to,
        note.filter(|_| to == ReportState::Returned),
        None,
    )
    .await?;
    let after = db::report(&mut tx, r.id).await?.ok_or(AppError::NotFound)?;
    let action = match to {
        ReportState::Approved => "approve",
        ReportState::Accepted => "accept",
        _ => "return",
    };
    reports::add_history(
        &mut tx,
        &reports::NewHistory {
            report_id: r.id,
            user_id: actor.user_id,
            action,
            state_from: Some(r.state),
            state_to: to,
            comment: note,
            snapshot: report_snapshot(&after),
        },
    )
    .await?;
    actor
        .audit(
            &mut tx,
            &format!("project_report_{action}"),
            "progress_report",
            Some(r.id),
            Some(serde_json::json!({ "state": r.state })),
            Some(serde_json::json!({ "state": to, "comment": note })),
        )
        .await?;
    tx.commit().await?;
    Ok(after)
}

/// Project reports waiting for the actor (approver: own unit's submitted; office: approved).
pub async fn queue(
    app: &App,
    actor: &Actor,
    government_id: i64,
    year: i32,
) -> Result<Vec<ProjectReport>> {
    let mut tx = app.db.read().await?;
    let y = i64::from(year);
    Ok(match actor.role {
        Role::Approver => {
            db::reports_in_state(
                &mut tx,
                government_id,
                y,
                ReportState::Submitted,
                actor.unit_id.or(Some(-1)),
            )
            .await?
        }
        Role::Supervisor | Role::Admin => {
            db::reports_in_state(&mut tx, government_id, y, ReportState::Approved, None).await?
        }
        _ => Vec::new(),
    })
}

/// The history of a project report the actor may see.
pub async fn report_history(
    app: &App,
    actor: &Actor,
    report_id: i64,
) -> Result<Vec<duban_db::ReportHistory>> {
    let mut tx = app.db.read().await?;
    let r = db::report(&mut tx, report_id)
        .await?
        .ok_or(AppError::NotFound)?;
    visible(&mut tx, actor, r.project_id).await?;
    Ok(reports::history(&mut tx, report_id).await?)
}
