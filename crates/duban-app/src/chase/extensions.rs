//! Extension requests (延期申请): a unit asks for a new deadline before the old one passes,
//! with a reason; the office approves or rejects it with a comment. Only an approved
//! request moves the deadline the item is chased and scored against.

use crate::access::chase as access;
use crate::access::visible_item;
use crate::{Actor, App, AppError, Result};
use duban_core::Period;
use duban_core::chase::{ExtensionError, effective_due, validate_request};
use duban_core::period::due_date;
use duban_db::chase::{self as db, ExtensionRow, NewExtension};
use time::Date;

fn message(e: ExtensionError) -> AppError {
    AppError::BadInput(e.to_string())
}

/// The unit requests `new_due` for its report on `item_id` for `period`.
pub async fn request(
    app: &App,
    actor: &Actor,
    item_id: i64,
    period: Period,
    new_due: Date,
    reason: &str,
) -> Result<ExtensionRow> {
    let today = app.today();
    let unit = access::extension_unit(actor)?;
    let mut tx = app.begin().await?;
    let item = visible_item(&mut tx, actor, item_id).await?;
    let plan = duban_db::plans::get(&mut tx, item.plan_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if i64::from(period.year) != plan.year {
        return Err(AppError::BadInput(format!("期间 {period} 不在计划年度内")));
    }
    let old_due = due_date(period, plan.due_day);
    let others: Vec<_> = db::extensions_for_plan(&mut tx, plan.id)
        .await?
        .iter()
        .filter(|e| e.item_id == item_id && e.unit_id == unit && e.period == period.to_string())
        .filter_map(ExtensionRow::to_core)
        .collect();
    let refs: Vec<_> = others.iter().collect();
    let current = effective_due(old_due, &refs);
    validate_request(today, current, new_due, reason, &others).map_err(message)?;
    let id = db::request_extension(
        &mut tx,
        &NewExtension {
            plan_id: plan.id,
            item_id,
            unit_id: unit,
            period,
            old_due: current,
            new_due,
            reason: reason.trim(),
            requested_on: today,
            requested_by: actor.user_id,
        },
    )
    .await?;
    let row = db::extension(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    actor
        .audit(
            &mut tx,
            "extension_request",
            "extension_request",
            Some(id),
            None,
            serde_json::to_value(&row).ok(),
        )
        .await?;
    tx.commit().await?;
    Ok(row)
}

/// The office approves (`approve`) or rejects a pending request, with a comment.
pub async fn decide(
    app: &App,
    actor: &Actor,
    id: i64,
    approve: bool,
    comment: &str,
) -> Result<ExtensionRow> {
    access::require_office(actor)?;
    let mut tx = app.begin().await?;
    let before = db::extension(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::access::require_plan(&mut tx, actor, before.plan_id).await?;
    let row = db::decide_extension(
        &mut tx,
        id,
        approve,
        app.today(),
        actor.user_id,
        comment.trim(),
    )
    .await?;
    actor
        .audit(
            &mut tx,
            if approve {
                "extension_approve"
            } else {
                "extension_reject"
            },
            "extension_request",
            Some(id),
            serde_json::to_value(&before).ok(),
            serde_json::to_value(&row).ok(),
        )
        .await?;
    tx.commit().await?;
    Ok(row)
}

/// The requests of a plan the actor may see (a unit user: its own unit's), oldest first;
/// only the pending ones if `pending_only`.
pub async fn list(
    app: &App,
    actor: &Actor,
    plan_id: i64,
    pending_only: bool,
) -> Result<Vec<ExtensionRow>> {
    let mut tx = app.db.read().await?;
    crate::access::require_plan(&mut tx, actor, plan_id).await?;
    let rows = if pending_only {
        db::pending_extensions(&mut tx, plan_id).await?
    } else {
        db::extensions_for_plan(&mut tx, plan_id).await?
    };
    let scope = actor.unit_scope();
    Ok(rows
        .into_iter()
        .filter(|r| scope.is_none_or(|u| u == r.unit_id))
        .collect())
}
