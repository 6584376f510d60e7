//! 结转 (issue 13): a new year's plan started from the previous one. Every item not 已完成
//! by rule at the end of last year (the latest accepted report of the lead unit, as the
//! status engine judges it for December) is copied into the plan of the next year with its
//! lead and supporting units, its leader, weight and cycle, marked 结转 with a link back to
//! last year's item. The new plan is created when the next year has none yet; when it has
//! one (the new report imported first), the carried items are added to it under a section of
//! their own. Carrying twice adds only what the first pass did not.

use crate::access::{require_carry_over, visible_plan};
use crate::items::ItemStatus;
use crate::{Actor, App, AppError, Result};
use duban_core::status::Status;
use duban_core::{PartKind, Period};
use duban_db::{Plan, Tx, carry, items, plans};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// The heading of the section the carried items go under in the new plan.
pub const SECTION_HEADING: &str = "上年结转事项";

/// What a carry-over from a plan would do, shown before it is confirmed.
#[derive(Debug, Clone, Serialize)]
pub struct CarryPreview {
    pub from: Plan,
    pub to_year: i64,
    /// The next year's plan when it exists already (the items are added to it).
    pub into: Option<Plan>,
    /// The items that would be carried, with last year's status.
    pub carry: Vec<ItemStatus>,
    /// Items left behind because they are 已完成.
    pub finished: usize,
    /// Items carried into the next year's plan before (not carried again).
    pub already: usize,
}

/// What a carry-over did.
#[derive(Debug, Clone, Serialize)]
pub struct CarryOutcome {
    pub plan: Plan,
    /// Whether the next year's plan was created by this carry-over.
    pub created: bool,
    /// (last year's item, the new item), in last year's order.
    pub carried: Vec<(i64, i64)>,
}

/// The items of `from_plan_id` a carry-over would take, checked as the action is.
pub async fn preview(app: &App, actor: &Actor, from_plan_id: i64) -> Result<CarryPreview> {
    let from = {
        let mut tx = app.db.read().await?;
        let from = visible_plan(&mut tx, actor, from_plan_id).await?;
        require_carry_over(&mut tx, actor, from.government_id).await?;
        from
    };
    let statuses = year_end_statuses(app, actor, &from).await?;
    let mut tx = app.db.read().await?;
    let into = plans::by_government_year(&mut tx, &from.government_name, from.year + 1).await?;
    let done: HashSet<i64> = match &into {
        Some(p) => carry::carried_between(&mut tx, from.id, p.id)
            .await?
            .into_iter()
            .collect(),
        None => HashSet::new(),
    };
    let total = statuses.len();
    let open: Vec<ItemStatus> = statuses
        .into_iter()
        .filter(|s| s.assessment.status != Status::Completed)
        .collect();
    let finished = total - open.len();
    let (already, carry): (Vec<_>, Vec<_>) =
        open.into_iter().partition(|s| done.contains(&s.item.id));
    Ok(CarryPreview {
        to_year: from.year + 1,
        from,
        into,
        carry,
        finished,
        already: already.len(),
    })
}

/// Carries the unfinished items of `from_plan_id` into the next year's plan: one
/// transaction with its audit record.
pub async fn carry_over(app: &App, actor: &Actor, from_plan_id: i64) -> Result<CarryOutcome> {
    let p = preview(app, actor, from_plan_id).await?;
    let from = p.from;
    let mut tx = app.begin().await?;
    // Checked again inside the write transaction: access, and what was carried meanwhile.
    require_carry_over(&mut tx, actor, from.government_id).await?;
    let (plan_id, created) =
        match plans::by_government_year(&mut tx, &from.government_name, from.year + 1).await? {
            Some(plan) => (plan.id, false),
            None => (new_plan(&mut tx, actor, &from).await?, true),
        };
    let done: HashSet<i64> = carry::carried_between(&mut tx, from.id, plan_id)
        .await?
        .into_iter()
        .collect();
    let todo: Vec<&ItemStatus> = p
        .carry
        .iter()
        .filter(|s| !done.contains(&s.item.id))
        .collect();
    let mut carried = Vec::with_capacity(todo.len());
    if !todo.is_empty() {
        let section = section_for(&mut tx, plan_id).await?;
        let mut seq = items::count_for_plan(&mut tx, plan_id).await?;
        let mut new_ids: HashMap<i64, i64> = HashMap::new();
        for s in todo {
            seq += 1;
            let at = Place {
                plan_id,
                section_id: section,
                seq,
                from: &from,
            };
            let new_id = copy_item(&mut tx, actor, s, &at, &new_ids).await?;
            new_ids.insert(s.item.id, new_id);
            carried.push((s.item.id, new_id));
        }
    }
    actor
        .audit(
            &mut tx,
            "carry_over",
            "plan",
            Some(plan_id),
            Some(serde_json::json!({ "from_plan": from.id, "from_year": from.year, "created": created })),
            Some(serde_json::json!({ "year": from.year + 1, "carried": carried })),
        )
        .await?;
    let plan = plans::get(&mut tx, plan_id)
        .await?
        .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(CarryOutcome {
        plan,
        created,
        carried,
    })
}

/// The carried items of a plan the actor sees, as item → last year's item.
pub async fn carried_in(app: &App, actor: &Actor, plan_id: i64) -> Result<HashMap<i64, i64>> {
    let mut tx = app.db.read().await?;
    crate::access::require_plan(&mut tx, actor, plan_id).await?;
    Ok(carry::in_plan(&mut tx, plan_id)
        .await?
        .into_iter()
        .collect())
}

/// Last year's item an item was carried from, when the actor may see it.
pub async fn source_of(app: &App, actor: &Actor, item_id: i64) -> Result<Option<i64>> {
    let mut tx = app.db.read().await?;
    crate::access::visible_item(&mut tx, actor, item_id).await?;
    let Some(from) = carry::source_of(&mut tx, item_id).await? else {
        return Ok(None);
    };
    // A unit that took no part last year still sees that the item was carried.
    Ok(crate::access::visible_item(&mut tx, actor, from)
        .await
        .ok()
        .map(|i| i.id))
}

/// Every item's status at the end of the plan's year from its latest accepted report: judged
/// for December as of the 1st, before December's report falls due, so that an item finished
/// in October and not reported since still counts as 已完成 and a missing report alone never
/// decides (nor does the day the carry-over is run).
async fn year_end_statuses(app: &App, actor: &Actor, from: &Plan) -> Result<Vec<ItemStatus>> {
    let year = i32::try_from(from.year).map_err(|_| AppError::BadInput("计划年度无效".into()))?;
    let december = Period { year, month: 12 };
    let as_of = time::Date::from_calendar_date(year, time::Month::December, 1)
        .map_err(|_| AppError::BadInput("计划年度无效".into()))?;
    let (_, list) = crate::status::compute(app, actor, from.id, december, as_of).await?;
    Ok(list)
}

async fn new_plan(tx: &mut Tx, actor: &Actor, from: &Plan) -> Result<i64> {
    let year = from.year + 1;
    let title = format!(
        "{}{year}年计划（{}年结转）",
        from.government_name, from.year
    );
    let source = format!("由{}年计划结转", from.year);
    let id = plans::insert(
        tx,
        &plans::NewPlan {
            government_id: from.government_id,
            year,
            title: &title,
            source_name: &source,
            source_text: "",
            source_sha256: "",
            review_year: None,
            due_day: from.due_day,
            default_cycle: from.default_cycle,
            parse_diagnostics: None,
            imported_by: actor.user_id,
        },
    )
    .await?;
    if let Some(t) = &from.thresholds {
        let json = serde_json::to_string(&t.0).map_err(AppError::internal)?;
        plans::set_settings(tx, id, from.due_day, from.default_cycle, Some(&json)).await?;
    }
    Ok(id)
}

/// The plan's 上年结转事项 section, added after its last one when missing.
async fn section_for(tx: &mut Tx, plan_id: i64) -> Result<i64> {
    let sections = plans::sections(tx, plan_id).await?;
    if let Some(s) = sections
        .iter()
        .find(|s| s.heading == SECTION_HEADING && s.parent_id.is_none())
    {
        return Ok(s.id);
    }
    let seq = sections.iter().map(|s| s.seq).max().unwrap_or(0) + 1;
    let end = sections.iter().map(|s| s.end_char).max().unwrap_or(0);
    Ok(plans::insert_section(
        tx,
        &plans::NewSection {
            plan_id,
            parent_id: None,
            seq,
            level: 1,
            marker: "",
            heading: SECTION_HEADING,
            part: PartKind::Work,
            start_char: end,
            end_char: end,
        },
    )
    .await?)
}

/// Where a carried item goes.
struct Place<'a> {
    plan_id: i64,
    section_id: i64,
    seq: i64,
    from: &'a Plan,
}

async fn copy_item(
    tx: &mut Tx,
    actor: &Actor,
    s: &ItemStatus,
    at: &Place<'_>,
    new_ids: &HashMap<i64, i64>,
) -> Result<i64> {
    let i = &s.item;
    let (plan_id, section_id, seq) = (at.plan_id, at.section_id, at.seq);
    let id = items::insert(
        tx,
        &items::NewItem {
            plan_id,
            section_id: Some(section_id),
            // A parent carried before its children (last year's order) keeps them.
            parent_id: i.parent_id.and_then(|p| new_ids.get(&p).copied()),
            seq,
            kind: i.kind,
            title: &i.title,
            text: &i.text,
            indicator: i.indicator.as_deref(),
            value: i.value,
            value_max: i.value_max,
            unit: i.unit.as_deref(),
            op: i.op.map(|o| o.as_str()),
            measure: i.measure.map(|m| m.as_str()),
            direction: i.direction.map(|d| d.as_str()),
            figure_year: i.figure_year,
            start_char: None,
            end_char: None,
        },
    )
    .await?;
    if let Some(lead) = i.lead_unit_id {
        let supporting: Vec<i64> = items::supporting_units_of(tx, i.id)
            .await?
            .into_iter()
            .map(|(u, _)| u)
            .collect();
        items::set_assignment(
            tx,
            id,
            &items::AssignmentInput {
                lead_unit_id: lead,
                supporting_unit_ids: &supporting,
                leader_name: i.leader_name.as_deref(),
                leader_user_id: i.leader_user_id,
                // Last year's deadline has passed; one already in the new year stays.
                deadline: i.deadline.filter(|d| i64::from(d.year()) > at.from.year),
                weight: i.weight.unwrap_or(1.0),
                cycle: i.cycle.unwrap_or(at.from.default_cycle),
                note: Some("结转"),
                updated_by: actor.user_id,
            },
        )
        .await?;
    }
    carry::link(tx, id, i.id, actor.user_id).await?;
    Ok(id)
}
