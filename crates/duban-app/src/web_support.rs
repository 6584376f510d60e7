//! Small queries and batch actions the web face needs; permission checks stay here, in
//! the application layer, like everywhere else.

use crate::items::{AssignInput, assign};
use crate::{Actor, App, Result};
use duban_core::Period;
use duban_db::{Item, reports};

/// The latest period with any report the actor may see on a plan (the dashboard's default
/// period), or `None` when nothing was reported yet.
pub async fn latest_report_period(
    app: &App,
    actor: &Actor,
    plan_id: i64,
) -> Result<Option<Period>> {
    let plan = crate::items::plan(app, plan_id).await?;
    let mut tx = app.db.read().await?;
    let last = Period {
        year: plan.year as i32,
        month: 12,
    };
    let all = reports::for_plan_until(&mut tx, plan_id, &last.to_string(), None).await?;
    let scope = actor.unit_scope();
    Ok(all
        .iter()
        .filter(|r| scope.is_none_or(|u| r.unit_id == u))
        .filter_map(|r| r.period.parse::<Period>().ok())
        .max())
}

/// Assigns several items at once (the decomposition table). Each row is checked and
/// audited by `items::assign`; the first failing row stops the batch and names the item.
pub async fn assign_many(
    app: &App,
    actor: &Actor,
    rows: &[(i64, AssignInput)],
) -> Result<Vec<Item>> {
    actor.require_office()?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, input) in rows {
        match assign(app, actor, *id, input).await {
            Ok(item) => out.push(item),
            Err(crate::AppError::BadInput(m)) => {
                return Err(crate::AppError::BadInput(format!("事项 {id}：{m}")));
            }
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// Supporting units of every item of a plan, as (item, unit id, unit name); for the
/// decomposition table, which only the office uses.
pub async fn supporting_units(
    app: &App,
    actor: &Actor,
    plan_id: i64,
) -> Result<Vec<(i64, i64, String)>> {
    actor.require_office()?;
    let mut tx = app.db.read().await?;
    Ok(duban_db::items::supporting_units(&mut tx, plan_id).await?)
}
