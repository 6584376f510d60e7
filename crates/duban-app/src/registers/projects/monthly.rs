//! A project's monthly report of completed investment: filled by the lead unit and moved
//! through the same draft → submitted → approved → accepted flow (and history) as a
//! progress report.

use super::visible;
use crate::access::registers as access;
use crate::progress::Decision;
use crate::registers::{MAX_TEXT, amount, optional, snap};
use crate::{Actor, App, AppError, Result};
use duban_core::{Period, ReportState, Role};
use duban_db::projects::{self as db, ProjectReport};
use duban_db::reports;
use serde::{Deserialize, Serialize};

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
    let mut tx = app.begin().await?;
    let project = db::get(&mut tx, project_id)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::access::require_government(&mut tx, actor, project.government_id).await?;
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

pub async fn review_report(
    app: &App,
    actor: &Actor,
    report_id: i64,
    decision: Decision,
    comment: &str,
) -> Result<ProjectReport> {
    let mut tx = app.begin().await?;
    let r = db::report(&mut tx, report_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let project = db::get(&mut tx, r.project_id)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::access::require_government(&mut tx, actor, project.government_id).await?;
    access::require_read(actor, project.lead_unit_id, &[])?;
    let decided = (r.id, r.unit_id, r.state);
    let (to, note) = crate::progress::decide(&mut tx, actor, decided, decision, comment).await?;
    let after = db::report(&mut tx, r.id).await?.ok_or(AppError::NotFound)?;
    crate::progress::record_review(
        &mut tx,
        actor,
        "project_report",
        r.id,
        r.state,
        to,
        note,
        report_snapshot(&after),
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
    crate::access::require_government(&mut tx, actor, government_id).await?;
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
