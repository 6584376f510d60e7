//! Key projects: entry, editing, and the monthly report of completed investment, which goes
//! through the same draft → submitted → approved → accepted flow (and history table) as a
//! progress report.

use super::{MAX_NAME, MAX_TEXT, amount, optional, required, snap};
use crate::access::registers as access;
use crate::{Actor, App, AppError, Result};
use duban_core::registers::projects::{ProjectFacts, ProjectLevel, ProjectLight, project_light};
use duban_core::{Period, ProjectStage};
use duban_db::Tx;
use duban_db::projects::{self as db, Project, ProjectReport};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use time::Date;

mod monthly;
pub use monthly::*;

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
    crate::access::require_government(&mut tx, actor, government_id).await?;
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
        .map(|(project, f)| row_of(project, &f, period, today))
        .collect())
}

fn row_of(project: Project, f: &ProjectFacts, period: Period, today: Date) -> ProjectRow {
    let completed = f.completed_until(period);
    ProjectRow {
        share_of_plan: match (completed, f.annual_plan) {
            (Some(c), Some(a)) if a > 0.0 => Some(c * 100.0 / a),
            _ => None,
        },
        completed,
        light: project_light(f, period, today),
        project,
    }
}

/// One page of [`list`]: two queries for the page and one for its figures, whatever the
/// size of the register.
#[allow(clippy::too_many_arguments)]
pub async fn list_page(
    app: &App,
    actor: &Actor,
    government_id: i64,
    year: i32,
    q: &ProjectQuery,
    period: Period,
    today: Date,
    req: super::PageReq,
) -> Result<super::Paged<ProjectRow>> {
    let (page, per, offset) = super::page_window(req);
    let filter = db::ProjectFilter {
        government_id,
        year: i64::from(year),
        unit_id: access::read_scope(actor).or(q.unit_id),
        level: q.level.map(|l| l.as_str()),
        stage: q.stage.map(|s| s.as_str()),
    };
    let mut tx = app.db.read().await?;
    crate::access::require_government(&mut tx, actor, government_id).await?;
    let (list, total) = db::list_page(&mut tx, &filter, per, offset).await?;
    let figs =
        db::accepted_figures_page(&mut tx, &filter, per, offset, &period.to_string()).await?;
    let mut by: HashMap<i64, Vec<(Period, f64)>> = HashMap::new();
    for (id, p, v) in figs {
        if let Ok(p) = p.parse::<Period>() {
            by.entry(id).or_default().push((p, v));
        }
    }
    let rows = list
        .into_iter()
        .map(|p| {
            let f = facts(&p, by.get(&p.id).map(Vec::as_slice).unwrap_or(&[]));
            row_of(p, &f, period, today)
        })
        .collect();
    Ok(super::Paged {
        rows,
        total,
        page,
        per_page: per,
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct ProjectDetail {
    pub project: Project,
    /// Every monthly report in any state, oldest first.
    pub reports: Vec<ProjectReport>,
}

async fn visible(tx: &mut Tx, actor: &Actor, id: i64) -> Result<Project> {
    let p = db::get(tx, id).await?.ok_or(AppError::NotFound)?;
    crate::access::require_government(tx, actor, p.government_id).await?;
    access::require_read(actor, p.lead_unit_id, &[])?;
    Ok(p)
}

pub async fn get(app: &App, actor: &Actor, id: i64) -> Result<ProjectDetail> {
    let mut tx = app.db.read().await?;
    let project = visible(&mut tx, actor, id).await?;
    let reports = db::reports_of(&mut tx, id).await?;
    Ok(ProjectDetail { project, reports })
}

/// A project's page: the detail, its light and year-to-date completed investment at
/// `period`, and each monthly report's history.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectPage {
    pub detail: ProjectDetail,
    pub row: ProjectRow,
    pub history: Vec<(i64, Vec<duban_db::ReportHistory>)>,
}

pub async fn page(
    app: &App,
    actor: &Actor,
    id: i64,
    period: Period,
    today: Date,
) -> Result<ProjectPage> {
    let mut tx = app.db.read().await?;
    let project = visible(&mut tx, actor, id).await?;
    let reports = db::reports_of(&mut tx, id).await?;
    let mut history = Vec::with_capacity(reports.len());
    for r in &reports {
        history.push((r.id, duban_db::reports::history(&mut tx, r.id).await?));
    }
    let figures: Vec<(Period, f64)> = reports
        .iter()
        .filter(|r| r.state == duban_core::ReportState::Accepted)
        .filter_map(|r| Some((r.period.parse().ok()?, r.value?)))
        .collect();
    let f = facts(&project, &figures);
    let row = row_of(project.clone(), &f, period, today);
    Ok(ProjectPage {
        detail: ProjectDetail { project, reports },
        row,
        history,
    })
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
    let mut tx = app.begin().await?;
    crate::access::require_government(&mut tx, actor, government_id).await?;
    access::require_units(&mut tx, government_id, lead).await?;
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
    let mut tx = app.begin().await?;
    let before = db::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    crate::access::require_government(&mut tx, actor, before.government_id).await?;
    access::require_edit(actor, before.lead_unit_id)?;
    // A unit may not hand its project to another unit; the office may.
    let lead = if actor.is_office() {
        input.lead_unit_id
    } else {
        before.lead_unit_id
    };
    access::require_units(&mut tx, before.government_id, lead).await?;
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
