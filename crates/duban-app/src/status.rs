//! Status by rule for every item of a plan and a period: gathers the lead units' accepted
//! reports and the milestones in two queries and applies the pure rules of duban-core. The
//! result is kept for the data version it was computed at (`cache`).

use crate::access::filter_for;
use crate::cache::Key;
use crate::items::thresholds;
use crate::{Actor, App, AppError, Result};
use duban_core::period::due_date;
use duban_core::status::{ItemRule, Observation, Thresholds, assess};
use duban_core::{ItemKind, Measure, Op, Period};
use duban_db::{Item, Milestone, Plan, ProgressReport, items, reports};
use std::collections::HashMap;
use time::Date;

// The type lives with the items so that the registers' overlay, which status calls, can
// name it without depending on status (no module cycle).
pub use crate::items::ItemStatus;

/// Status of every item the actor may see, for `period`, judged on `today`.
pub async fn compute(
    app: &App,
    actor: &Actor,
    plan_id: i64,
    period: Period,
    today: Date,
) -> Result<(Plan, Vec<ItemStatus>)> {
    let mut tx = app.db.read().await?;
    // First read of the snapshot: the result is kept for this version (see `cache`).
    let version = duban_db::audit::version(&mut tx).await?;
    let plan = crate::access::visible_plan(&mut tx, actor, plan_id).await?;
    if i64::from(period.year) != plan.year {
        return Err(AppError::BadInput(format!(
            "期间 {period} 不在计划年度 {} 内",
            plan.year
        )));
    }
    let key = Key::Status {
        plan_id,
        period,
        today,
        unit: actor.unit_scope(),
    };
    if let Some(hit) = app.cache.get::<Vec<ItemStatus>>(&key, version) {
        return Ok((plan, hit.as_ref().clone()));
    }
    let list = items::list(&mut tx, &filter_for(actor, plan_id)).await?;
    let accepted = reports::lead_accepted_until(&mut tx, plan_id, &period.to_string()).await?;
    let milestones = items::plan_milestones(&mut tx, plan_id).await?;
    let th = thresholds(&plan);
    let mut by_item: HashMap<i64, Vec<&ProgressReport>> = HashMap::new();
    for r in &accepted {
        by_item.entry(r.item_id).or_default().push(r);
    }
    let mut ms: HashMap<i64, Vec<&Milestone>> = HashMap::new();
    for m in &milestones {
        ms.entry(m.item_id).or_default().push(m);
    }
    let mut out = list
        .into_iter()
        .map(|item| {
            let reps: Vec<&ProgressReport> = by_item
                .get(&item.id)
                .map(|v| {
                    v.iter()
                        .copied()
                        .filter(|r| Some(r.unit_id) == item.lead_unit_id)
                        .collect()
                })
                .unwrap_or_default();
            let m = ms.get(&item.id).map(Vec::as_slice).unwrap_or(&[]);
            assess_item(&plan, &th, item, &reps, m, period, today)
        })
        .collect::<Vec<_>>();
    // Targets bound to a register take their status from it, not from reports.
    crate::registers::bindings::overlay(&mut tx, &plan, &th, &mut out, period, today).await?;
    app.cache
        .put(key, version, std::sync::Arc::new(out.clone()));
    Ok((plan, out))
}

/// Applies the rules to one item. `reports` are the lead unit's accepted reports up to
/// `period`, oldest first.
pub fn assess_item(
    plan: &Plan,
    th: &Thresholds,
    item: Item,
    reports: &[&ProgressReport],
    milestones: &[&Milestone],
    period: Period,
    today: Date,
) -> ItemStatus {
    let rule = rule_for(&item, milestones);
    let Some(q) = item.cycle().latest_due_at(period) else {
        let a = assess(&rule, period, &Observation::NothingYet, th);
        return ItemStatus {
            item,
            assessment: a,
            assessed_period: None,
            value: None,
        };
    };
    let qs = q.to_string();
    let milestone_final = |p: &str| milestones.iter().any(|m| m.period == p && m.is_final);
    let observe = |r: &ProgressReport| -> Observation {
        if item.kind == ItemKind::Task || item.value.is_none() {
            match (r.milestone_done, r.value) {
                (Some(done), _) => Observation::Milestone {
                    done,
                    is_final: milestone_final(&r.period),
                },
                (None, Some(v)) => Observation::Value(v),
                (None, None) => Observation::Milestone {
                    done: true,
                    is_final: false,
                },
            }
        } else {
            match r.value {
                Some(v) => Observation::Value(v),
                None => Observation::Missing {
                    due: format!("{}（已报送但未填写累计完成值）", r.period),
                },
            }
        }
    };
    let this = reports.iter().rev().find(|r| r.period == qs);
    let (obs, used) = match this {
        Some(r) => (observe(r), Some(*r)),
        None => {
            let due = due_date(q, plan.due_day);
            let before = reports.iter().rev().find(|r| r.period < qs);
            if item.assignment_id.is_some() && today > due {
                (
                    Observation::Missing {
                        due: due.to_string(),
                    },
                    None,
                )
            } else if let Some(r) = before {
                (observe(r), Some(*r))
            } else {
                (Observation::NothingYet, None)
            }
        }
    };
    let assessed_on = used
        .and_then(|r| r.period.parse::<Period>().ok())
        .unwrap_or(q);
    let a = assess(&rule, assessed_on, &obs, th);
    ItemStatus {
        value: used.and_then(|r| r.value),
        item,
        assessment: a,
        assessed_period: Some(assessed_on.to_string()),
    }
}

fn rule_for(item: &Item, milestones: &[&Milestone]) -> ItemRule {
    let mut rule = if item.kind == ItemKind::Task {
        ItemRule::from_figure(Measure::Level, Op::Exactly, None, None, "")
    } else {
        ItemRule::from_figure(
            item.measure().unwrap_or(Measure::Level),
            item.op().unwrap_or(Op::Exactly),
            item.direction(),
            item.value,
            item.unit.as_deref().unwrap_or(""),
        )
    };
    rule.adjusted = item.adjusted;
    // A planned cumulative curve overrides the linear 1/12 default for level targets.
    if let Some(target) = item
        .value
        .filter(|v| *v > 0.0 && item.measure() == Some(Measure::Level))
    {
        let mut curve = [None; 12];
        let mut any = false;
        for m in milestones {
            if let (Ok(p), Some(v)) = (m.period.parse::<Period>(), m.planned_value) {
                curve[usize::from(p.month - 1)] = Some((v / target).clamp(0.0, 1.0));
                any = true;
            }
        }
        if any {
            rule.planned_curve = Some(curve);
        }
    }
    rule
}
