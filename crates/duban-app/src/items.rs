//! Plans, items and their decomposition (分解), as each actor may see and change them.

use crate::access::{filter_for, visible_item};
use crate::{Actor, App, AppError, Result};
use duban_core::{Cycle, Period};
use duban_db::{
    Item, ItemAdjustment, Milestone, Plan, ProgressReport, Section, items, org, plans, reports,
};
use serde::{Deserialize, Serialize};
use time::Date;

pub async fn plans(app: &App) -> Result<Vec<Plan>> {
    let mut tx = app.db.read().await?;
    Ok(plans::list(&mut tx).await?)
}

pub async fn plan(app: &App, plan_id: i64) -> Result<Plan> {
    let mut tx = app.db.read().await?;
    plans::get(&mut tx, plan_id)
        .await?
        .ok_or(AppError::NotFound)
}

/// The plan of a government and year, with a clear message when missing.
pub async fn plan_by_name(app: &App, government: &str, year: i32) -> Result<Plan> {
    let mut tx = app.db.read().await?;
    plans::by_government_year(&mut tx, government.trim(), i64::from(year))
        .await?
        .ok_or_else(|| {
            AppError::BadInput(format!(
                "没有{government}{year}年的计划，请先用 duban import 导入报告"
            ))
        })
}

/// A plan the actor may see (another government's is not found).
pub async fn plan_for(app: &App, actor: &Actor, plan_id: i64) -> Result<Plan> {
    let mut tx = app.db.read().await?;
    crate::access::visible_plan(&mut tx, actor, plan_id).await
}

/// The plans the actor sees (its own government's, or every one for the city level).
pub async fn plans_for(app: &App, actor: &Actor) -> Result<Vec<Plan>> {
    let mut tx = app.db.read().await?;
    crate::access::plans_for(&mut tx, actor).await
}

/// The most recent plan the actor sees, for pages that default to it.
pub async fn latest_plan_for(app: &App, actor: &Actor) -> Result<Option<Plan>> {
    Ok(plans_for(app, actor).await?.into_iter().next())
}

/// A plan with everything needed to show it: its sections, the items the actor may see,
/// and the figures its review part states.
#[derive(Debug, Clone, Serialize)]
pub struct PlanOverview {
    pub plan: Plan,
    pub sections: Vec<Section>,
    pub items: Vec<Item>,
    pub actuals: Vec<duban_db::IndicatorValue>,
}

pub async fn overview(app: &App, actor: &Actor, plan_id: i64) -> Result<PlanOverview> {
    let mut tx = app.db.read().await?;
    let plan = crate::access::visible_plan(&mut tx, actor, plan_id).await?;
    let sections = plans::sections(&mut tx, plan_id).await?;
    let items = items::list(&mut tx, &filter_for(actor, plan_id)).await?;
    let actuals = plans::plan_indicator_values(&mut tx, plan_id).await?;
    Ok(PlanOverview {
        plan,
        sections,
        items,
        actuals,
    })
}

/// Items of a plan the actor may see; a leader may narrow to their own 分管 items.
pub async fn list(app: &App, actor: &Actor, plan_id: i64, mine_only: bool) -> Result<Vec<Item>> {
    let mut f = filter_for(actor, plan_id);
    if actor.own_items_only(mine_only) {
        f.leader_user_id = actor.user_id;
    }
    let mut tx = app.db.read().await?;
    crate::access::require_plan(&mut tx, actor, plan_id).await?;
    Ok(items::list(&mut tx, &f).await?)
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemDetail {
    pub item: Item,
    pub plan: Plan,
    pub supporting_units: Vec<(i64, String)>,
    pub milestones: Vec<Milestone>,
    pub adjustments: Vec<ItemAdjustment>,
    pub reports: Vec<ProgressReport>,
    pub children: Vec<Item>,
}

pub async fn detail(app: &App, actor: &Actor, item_id: i64) -> Result<ItemDetail> {
    let mut tx = app.db.read().await?;
    let item = visible_item(&mut tx, actor, item_id).await?;
    let plan = plans::get(&mut tx, item.plan_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let supporting_units = items::supporting_units_of(&mut tx, item_id).await?;
    let milestones = items::milestones(&mut tx, item_id).await?;
    let adjustments = items::adjustments(&mut tx, item_id).await?;
    let mut reports = reports::for_item(&mut tx, item_id).await?;
    // A unit sees its own reports and the accepted ones of others on the same item.
    if let Some(unit) = actor.unit_scope() {
        reports.retain(|r| r.unit_id == unit || r.state == duban_core::ReportState::Accepted);
    }
    let children = items::list(&mut tx, &filter_for(actor, item.plan_id))
        .await?
        .into_iter()
        .filter(|i| i.parent_id == Some(item_id))
        .collect();
    Ok(ItemDetail {
        item,
        plan,
        supporting_units,
        milestones,
        adjustments,
        reports,
        children,
    })
}

pub async fn source_text(app: &App, plan_id: i64) -> Result<String> {
    let mut tx = app.db.read().await?;
    Ok(plans::source_text(&mut tx, plan_id).await?)
}

/// A planned milestone for one period.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MilestoneInput {
    pub period: String,
    pub planned_value: Option<f64>,
    pub description: Option<String>,
    #[serde(default)]
    pub is_final: bool,
}

/// What the supervisor decides for an item.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AssignInput {
    pub lead_unit_id: i64,
    #[serde(default)]
    pub supporting_unit_ids: Vec<i64>,
    pub leader_user_id: Option<i64>,
    pub leader_name: Option<String>,
    pub deadline: Option<Date>,
    pub weight: Option<f64>,
    pub cycle: Option<Cycle>,
    /// None keeps the milestones as they are; Some replaces them.
    pub milestones: Option<Vec<MilestoneInput>>,
}

pub async fn assign(app: &App, actor: &Actor, item_id: i64, a: &AssignInput) -> Result<Item> {
    actor.require_office()?;
    let mut tx = app.begin().await?;
    let item = assign_in(&mut tx, actor, item_id, a).await?;
    tx.commit().await?;
    Ok(item)
}

/// Assigns several items at once (the decomposition table), all or nothing: the first bad
/// row rolls back the whole batch and its message names the item.
pub async fn assign_many(
    app: &App,
    actor: &Actor,
    rows: &[(i64, AssignInput)],
) -> Result<Vec<Item>> {
    actor.require_office()?;
    let mut tx = app.begin().await?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, input) in rows {
        match assign_in(&mut tx, actor, *id, input).await {
            Ok(item) => out.push(item),
            Err(AppError::BadInput(m)) => {
                return Err(AppError::BadInput(format!("事项 {id}：{m}")));
            }
            Err(e) => return Err(e),
        }
    }
    tx.commit().await?;
    Ok(out)
}

pub(crate) async fn assign_in(
    tx: &mut duban_db::Tx,
    actor: &Actor,
    item_id: i64,
    a: &AssignInput,
) -> Result<Item> {
    let weight = a.weight.unwrap_or(1.0);
    if !(weight.is_finite() && (0.0..=100.0).contains(&weight)) {
        return Err(AppError::BadInput("权重应在 0 到 100 之间".into()));
    }
    // Another government's item is not found; its units are not this plan's units.
    let before = visible_item(tx, actor, item_id).await?;
    let government = duban_db::city::plan_government(tx, before.plan_id).await?;
    let lead = org::unit(tx, a.lead_unit_id)
        .await?
        .filter(|u| u.government_id.is_none() || u.government_id == government)
        .ok_or_else(|| AppError::BadInput("牵头单位不存在".into()))?;
    for u in &a.supporting_unit_ids {
        org::unit(tx, *u)
            .await?
            .filter(|u| u.government_id.is_none() || u.government_id == government)
            .ok_or_else(|| AppError::BadInput("配合单位不存在".into()))?;
    }
    let leader_name = match a.leader_user_id {
        Some(id) => {
            // Another government's leader reads as a missing one, like its units.
            let u = org::user(tx, id)
                .await?
                .filter(|u| u.government_id.is_none() || u.government_id == government)
                .ok_or_else(|| AppError::BadInput("责任领导不存在".into()))?;
            if u.role != duban_core::Role::Leader || !u.active {
                return Err(AppError::BadInput(format!(
                    "{}不是在用的领导账户，不能作为责任领导",
                    u.display_name
                )));
            }
            Some(u.display_name)
        }
        None => a.leader_name.clone().filter(|s| !s.trim().is_empty()),
    };
    let plan = plans::get(tx, before.plan_id)
        .await?
        .ok_or(AppError::NotFound)?;
    items::set_assignment(
        tx,
        item_id,
        &items::AssignmentInput {
            lead_unit_id: lead.id,
            supporting_unit_ids: &a.supporting_unit_ids,
            leader_name: leader_name.as_deref(),
            leader_user_id: a.leader_user_id,
            deadline: a.deadline,
            weight,
            cycle: a.cycle.unwrap_or(plan.default_cycle),
            note: None,
            updated_by: actor.user_id,
        },
    )
    .await?;
    if let Some(ms) = &a.milestones {
        let mut rows = Vec::with_capacity(ms.len());
        for m in ms {
            let p: Period = m
                .period
                .parse()
                .map_err(|e: duban_core::period::BadPeriod| AppError::BadInput(e.to_string()))?;
            if i64::from(p.year) != plan.year {
                return Err(AppError::BadInput(format!(
                    "节点期间 {p} 不在计划年度 {} 内",
                    plan.year
                )));
            }
            if m.planned_value.is_some_and(|v| !v.is_finite()) {
                return Err(AppError::BadInput(format!("节点 {p} 的计划值无效")));
            }
            rows.push((p.to_string(), m));
        }
        let input: Vec<items::MilestoneInput> = rows
            .iter()
            .map(|(p, m)| items::MilestoneInput {
                period: p,
                planned_value: m.planned_value,
                description: m.description.as_deref().filter(|d| !d.trim().is_empty()),
                is_final: m.is_final,
            })
            .collect();
        items::set_milestones(tx, item_id, &input).await?;
    }
    let after = items::get(tx, item_id).await?.ok_or(AppError::NotFound)?;
    actor
        .audit(
            tx,
            "assign",
            "item",
            Some(item_id),
            Some(serde_json::json!({ "lead_unit": before.lead_unit_name, "leader": before.leader_name, "deadline": before.deadline, "cycle": before.cycle })),
            Some(serde_json::json!({ "lead_unit": after.lead_unit_name, "supporting": a.supporting_unit_ids, "leader": after.leader_name, "deadline": after.deadline, "cycle": after.cycle, "weight": after.weight, "milestones": a.milestones })),
        )
        .await?;
    Ok(after)
}

/// A formal change of a target (e.g. approved by the 人大 at mid-year): the old value is
/// kept and the item shows as 已调整.
pub async fn adjust(
    app: &App,
    actor: &Actor,
    item_id: i64,
    new_value: f64,
    reason: &str,
) -> Result<Item> {
    actor.require_office()?;
    if !new_value.is_finite() {
        return Err(AppError::BadInput("调整后的目标值无效".into()));
    }
    if reason.trim().is_empty() {
        return Err(AppError::BadInput("请填写调整依据".into()));
    }
    let mut tx = app.begin().await?;
    let item = visible_item(&mut tx, actor, item_id).await?;
    if item.value.is_none() {
        return Err(AppError::BadInput(
            "该事项没有量化目标，无法调整目标值".into(),
        ));
    }
    items::adjust(
        &mut tx,
        &item,
        Some(new_value),
        None,
        item.op,
        reason.trim(),
        actor.user_id,
    )
    .await?;
    actor
        .audit(
            &mut tx,
            "adjust_target",
            "item",
            Some(item_id),
            Some(serde_json::json!({ "value": item.value, "value_max": item.value_max })),
            Some(serde_json::json!({ "value": new_value, "reason": reason.trim() })),
        )
        .await?;
    let after = items::get(&mut tx, item_id)
        .await?
        .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(after)
}

/// A plan's reporting settings: the day of the month reports are due, the default cycle
/// for newly assigned items, and the status thresholds (a preset or custom values).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PlanSettings {
    pub due_day: i64,
    pub default_cycle: Cycle,
    pub thresholds: duban_core::status::Thresholds,
}

/// The thresholds configured for a plan (defaults when none are set; a stored value that
/// does not parse already failed reading the plan).
pub fn thresholds(plan: &Plan) -> duban_core::status::Thresholds {
    plan.thresholds
        .as_ref()
        .map(|t| t.0.clone())
        .unwrap_or_default()
}

pub async fn plan_settings(app: &App, actor: &Actor, plan_id: i64) -> Result<PlanSettings> {
    actor.require_office()?;
    let p = plan_for(app, actor, plan_id).await?;
    Ok(PlanSettings {
        due_day: p.due_day,
        default_cycle: p.default_cycle,
        thresholds: thresholds(&p),
    })
}

pub async fn set_plan_settings(
    app: &App,
    actor: &Actor,
    plan_id: i64,
    s: &PlanSettings,
) -> Result<()> {
    actor.require_office()?;
    if !(1..=28).contains(&s.due_day) {
        return Err(AppError::BadInput(
            "报送截止日应在每月 1 日至 28 日之间".into(),
        ));
    }
    let t = &s.thresholds;
    let all = [
        t.ahead_points,
        t.behind_points,
        t.serious_points,
        t.growth_band,
        t.ceiling_tolerance,
        t.yellow_from_points,
    ];
    if all
        .iter()
        .any(|v| !v.is_finite() || *v < -100.0 || *v > 100.0)
        || t.ahead_points < 0.0
        || t.serious_points < 0.0
    {
        return Err(AppError::BadInput(
            "阈值应为 -100 到 100 之间的数，且超进度、严重滞后阈值不为负".into(),
        ));
    }
    let mut tx = app.begin().await?;
    let before = crate::access::visible_plan(&mut tx, actor, plan_id).await?;
    let json = serde_json::to_string(&s.thresholds).map_err(AppError::internal)?;
    plans::set_settings(&mut tx, plan_id, s.due_day, s.default_cycle, Some(&json)).await?;
    actor
        .audit(
            &mut tx,
            "plan_settings",
            "plan",
            Some(plan_id),
            Some(serde_json::json!({ "due_day": before.due_day, "default_cycle": before.default_cycle, "thresholds": before.thresholds })),
            Some(serde_json::to_value(s).unwrap_or_default()),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Supporting units of every item of a plan, as (item, unit id, unit name), for the
/// decomposition table, which only the office uses.
pub async fn plan_supporting_units(
    app: &App,
    actor: &Actor,
    plan_id: i64,
) -> Result<Vec<(i64, i64, String)>> {
    actor.require_office()?;
    let mut tx = app.db.read().await?;
    crate::access::require_plan(&mut tx, actor, plan_id).await?;
    Ok(items::supporting_units(&mut tx, plan_id).await?)
}

/// An item with its status by rule for a period (built by `status`).
#[derive(Debug, Clone, Serialize)]
pub struct ItemStatus {
    pub item: Item,
    pub assessment: duban_core::status::Assessment,
    /// The period the assessment is for (the latest one the item's cycle owes).
    pub assessed_period: Option<String>,
    /// The accepted value used, if any.
    pub value: Option<f64>,
}
