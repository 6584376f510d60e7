//! Review of progress reports: the two-step approval (the unit's approver, then the
//! supervisor), returns with comments, the queue each reviewer works from, and the rule that
//! nobody passes on a report they wrote.

use super::snapshot;
use crate::access::visible_report;
use crate::{Actor, App, AppError, Result};
use duban_core::{ReportState, Role};
use duban_db::{ProgressReport, reports};

/// A review decision on a report (defined beside the transition it drives).
pub use crate::access::review::Decision;

/// The approver (own unit, submitted reports) or the supervisor (approved reports)
/// decides on a report.
pub async fn review(
    app: &App,
    actor: &Actor,
    report_id: i64,
    decision: Decision,
    comment: &str,
) -> Result<ProgressReport> {
    let mut tx = app.begin().await?;
    let r = visible_report(&mut tx, actor, report_id).await?;
    let (to, note) = decide(
        &mut tx,
        actor,
        (r.id, r.unit_id, r.state),
        decision,
        comment,
    )
    .await?;
    let after = reports::get(&mut tx, r.id)
        .await?
        .ok_or(AppError::NotFound)?;
    record_review(
        &mut tx,
        actor,
        "report",
        r.id,
        r.state,
        to,
        note,
        snapshot(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// One review step, for item and project reports alike, on a report the caller has shown
/// the actor may see: the state the decision leads to, the two-person rule, a return's
/// comment (required), and the new state stored. Returns the new state and the comment.
pub(crate) async fn decide<'c>(
    tx: &mut duban_db::Tx,
    actor: &Actor,
    (report_id, unit_id, state): (i64, i64, ReportState),
    decision: Decision,
    comment: &'c str,
) -> Result<(ReportState, Option<&'c str>)> {
    let to = crate::access::review::transition(actor, unit_id, state, decision)?;
    require_second_person(tx, actor, report_id, to).await?;
    let comment = comment.trim();
    if to == ReportState::Returned && comment.is_empty() {
        return Err(AppError::BadInput("退回时请填写退回意见".into()));
    }
    let note = (!comment.is_empty()).then_some(comment);
    let returned_note = note.filter(|_| to == ReportState::Returned);
    reports::set_state(tx, report_id, to, returned_note, None).await?;
    Ok((to, note))
}

/// The history row and audit record of one review step (an item's or a project's report:
/// `kind` names it in the audit action, `report_approve` or `project_report_accept`).
#[allow(clippy::too_many_arguments)]
pub(crate) async fn record_review(
    tx: &mut duban_db::Tx,
    actor: &Actor,
    kind: &str,
    report_id: i64,
    from: ReportState,
    to: ReportState,
    note: Option<&str>,
    snapshot: String,
) -> Result<()> {
    let action = match to {
        ReportState::Approved => "approve",
        ReportState::Accepted => "accept",
        _ => "return",
    };
    reports::add_history(
        tx,
        &reports::NewHistory {
            report_id,
            user_id: actor.user_id,
            action,
            state_from: Some(from),
            state_to: to,
            comment: note,
            snapshot,
        },
    )
    .await?;
    actor
        .audit(
            tx,
            &format!("{kind}_{action}"),
            "progress_report",
            Some(report_id),
            Some(serde_json::json!({ "state": from })),
            Some(serde_json::json!({ "state": to, "comment": note })),
        )
        .await?;
    Ok(())
}

/// Reports waiting for the actor: submitted ones of the approver's unit, or approved ones
/// for the supervisor.
pub async fn queue(app: &App, actor: &Actor, plan_id: i64) -> Result<Vec<ProgressReport>> {
    let mut tx = app.db.read().await?;
    crate::access::require_plan(&mut tx, actor, plan_id).await?;
    Ok(match actor.role {
        Role::Approver => {
            reports::in_state(
                &mut tx,
                plan_id,
                ReportState::Submitted,
                actor.unit_id.or(Some(-1)),
            )
            .await?
        }
        Role::Supervisor | Role::Admin => {
            reports::in_state(&mut tx, plan_id, ReportState::Approved, None).await?
        }
        _ => Vec::new(),
    })
}

/// Two-person check, for item and project reports alike: whoever wrote a report does not
/// pass it on, unless the administrator has allowed it (a unit of one person).
async fn require_second_person(
    tx: &mut duban_db::Tx,
    actor: &Actor,
    report_id: i64,
    to: ReportState,
) -> Result<()> {
    if matches!(to, ReportState::Approved | ReportState::Accepted)
        && let Some(me) = actor.user_id
        && reports::authors(tx, report_id).await?.contains(&me)
        && !crate::admin::self_review_allowed_in(tx).await?
    {
        return Err(AppError::Forbidden(
            "不能审核本人填报的报告，请由单位其他审核人或督查室办理".into(),
        ));
    }
    Ok(())
}
