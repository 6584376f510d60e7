//! Targets bound to a register figure: the office binds and unbinds; a bound target's
//! status is computed from the register (no report is filed for it) with the figure's
//! source in the explanation.

use super::snap;
use crate::access::registers as access;
use crate::items::ItemStatus;
use crate::{Actor, App, AppError, Result};
use duban_core::registers::binding::{BoundFigure, FigureValue, Registers, assess_bound, figure};
use duban_core::status::{ItemRule, Thresholds};
use duban_core::{ItemKind, Measure, Op, Period};
use duban_db::{Item, Plan, Tx, bindings as db, indicators, items};
use serde::Serialize;
use std::collections::HashMap;
use time::Date;

#[derive(Debug, Clone, Serialize)]
pub struct BoundItem {
    pub item_id: i64,
    pub figure: BoundFigure,
    pub source: String,
}

/// Binds a target of a plan to a figure (replacing an earlier binding). Office only.
pub async fn bind(app: &App, actor: &Actor, item_id: i64, f: &BoundFigure) -> Result<BoundItem> {
    access::require_office(actor)?;
    let mut tx = app.begin().await?;
    let item = crate::access::visible_item(&mut tx, actor, item_id).await?;
    if item.kind != ItemKind::Target || item.value.is_none() {
        return Err(AppError::BadInput(
            "只有带目标值的量化指标可以关联台账".into(),
        ));
    }
    let plan = duban_db::plans::get(&mut tx, item.plan_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut name = None;
    let indicator_id = match f {
        BoundFigure::Indicator { indicator_id, .. } => {
            let ind = indicators::get(&mut tx, *indicator_id).await?;
            match ind {
                Some(i) if i.government_id == plan.government_id => {
                    name = Some(i.name);
                    Some(*indicator_id)
                }
                _ => return Err(AppError::BadInput("指标不存在或不属于该政府".into())),
            }
        }
        _ => None,
    };
    let before = db::get(&mut tx, item_id).await?;
    let json = super::to_json(f);
    db::bind(&mut tx, item_id, &json, indicator_id, actor.user_id).await?;
    actor
        .audit(
            &mut tx,
            "target_bind",
            "item",
            Some(item_id),
            before.as_ref().and_then(snap),
            serde_json::from_str(&json).ok(),
        )
        .await?;
    tx.commit().await?;
    Ok(BoundItem {
        item_id,
        source: f.source(name.as_deref()),
        figure: f.clone(),
    })
}

pub async fn unbind(app: &App, actor: &Actor, item_id: i64) -> Result<()> {
    access::require_office(actor)?;
    let mut tx = app.begin().await?;
    crate::access::visible_item(&mut tx, actor, item_id).await?;
    let before = db::get(&mut tx, item_id).await?.ok_or(AppError::NotFound)?;
    db::unbind(&mut tx, item_id).await?;
    actor
        .audit(
            &mut tx,
            "target_unbind",
            "item",
            Some(item_id),
            snap(&before),
            None,
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The bindings of a plan.
pub async fn list(app: &App, actor: &Actor, plan_id: i64) -> Result<Vec<BoundItem>> {
    let mut tx = app.db.read().await?;
    let plan = crate::access::visible_plan(&mut tx, actor, plan_id).await?;
    let names: HashMap<i64, String> = indicators::list(&mut tx, plan.government_id)
        .await?
        .into_iter()
        .map(|i| (i.id, i.name))
        .collect();
    Ok(db::for_plan(&mut tx, plan_id)
        .await?
        .into_iter()
        .filter_map(|b| {
            let f: BoundFigure = serde_json::from_str(&b.figure).ok()?;
            let name = b
                .indicator_id
                .and_then(|i| names.get(&i))
                .map(String::as_str);
            Some(BoundItem {
                item_id: b.item_id,
                source: f.source(name),
                figure: f,
            })
        })
        .collect())
}

fn rule_of(item: &Item) -> ItemRule {
    let mut r = ItemRule::from_figure(
        item.measure().unwrap_or(Measure::Level),
        item.op().unwrap_or(Op::Exactly),
        item.direction(),
        item.value,
        item.unit.as_deref().unwrap_or(""),
    );
    r.adjusted = item.adjusted;
    r
}

/// Replaces the status of every bound target in `out` by the one computed from the
/// registers. Loads only the registers the bindings name, each in a fixed number of queries.
pub(crate) async fn overlay(
    tx: &mut Tx,
    plan: &Plan,
    th: &Thresholds,
    out: &mut [ItemStatus],
    period: Period,
    today: Date,
) -> Result<()> {
    let bound = db::for_plan(tx, plan.id).await?;
    if bound.is_empty() {
        return Ok(());
    }
    let figures: HashMap<i64, BoundFigure> = bound
        .iter()
        .filter_map(|b| Some((b.item_id, serde_json::from_str(&b.figure).ok()?)))
        .collect();
    let year = plan.year;
    let needs = |f: fn(&BoundFigure) -> bool| figures.values().any(f);
    let projects: Vec<_> = if needs(|f| {
        matches!(
            f,
            BoundFigure::ProjectCount { .. }
                | BoundFigure::ProjectInvestment { .. }
                | BoundFigure::CompletedInvestment { .. }
        )
    }) {
        super::projects::load(tx, plan.government_id, year, period, None, None, None)
            .await?
            .into_iter()
            .map(|(_, f)| f)
            .collect()
    } else {
        Vec::new()
    };
    let proposals = if needs(|f| matches!(f, BoundFigure::ProposalRate { .. })) {
        super::proposals::load_facts(tx, plan.government_id, year, None).await?
    } else {
        Vec::new()
    };
    let services: Vec<_> = if needs(|f| {
        matches!(
            f,
            BoundFigure::ServiceRate { .. } | BoundFigure::ServiceCount
        )
    }) {
        duban_db::services::list(tx, plan.government_id, None)
            .await?
            .iter()
            .map(super::services::facts)
            .collect()
    } else {
        Vec::new()
    };
    let (inds, values) = if needs(|f| matches!(f, BoundFigure::Indicator { .. })) {
        (
            indicators::list(tx, plan.government_id).await?,
            indicators::values_of_year(tx, plan.government_id, year).await?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    for st in out.iter_mut() {
        let Some(f) = figures.get(&st.item.id) else {
            continue;
        };
        let (series, name) = match f {
            BoundFigure::Indicator { indicator_id, .. } => {
                match inds.iter().find(|i| i.id == *indicator_id) {
                    Some(ind) => {
                        let mine: Vec<&indicators::SeriesValue> =
                            values.iter().filter(|v| v.indicator_id == ind.id).collect();
                        (
                            super::indicators::core_values(ind, &mine),
                            Some(ind.name.as_str()),
                        )
                    }
                    None => (Vec::new(), None),
                }
            }
            _ => (Vec::new(), None),
        };
        let regs = Registers {
            projects: &projects,
            proposals: &proposals,
            services: &services,
            series: &series,
            indicator_name: name,
        };
        let fv: FigureValue = figure(f, &regs, period, today);
        st.assessment = assess_bound(&rule_of(&st.item), period, &fv, th);
        st.value = fv.value;
        st.assessed_period = Some(fv.period.to_string());
    }
    Ok(())
}

/// A binding the import suggests: a target whose indicator has the series' name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BindingProposal {
    pub item_id: i64,
    pub item_title: String,
    pub indicator_id: i64,
    pub indicator_name: String,
    pub figure: BoundFigure,
}

/// Suggests bindings for the unbound targets of the government's plans whose indicator
/// name equals a series' name (and whose measure matches).
pub(crate) async fn propose(tx: &mut Tx, government_id: i64) -> Result<Vec<BindingProposal>> {
    let inds = indicators::list(tx, government_id).await?;
    let mut out = Vec::new();
    for plan in duban_db::plans::list(tx)
        .await?
        .into_iter()
        .filter(|p| p.government_id == government_id)
    {
        let bound: Vec<i64> = db::for_plan(tx, plan.id)
            .await?
            .into_iter()
            .map(|b| b.item_id)
            .collect();
        let list = items::list(
            tx,
            &items::ItemFilter {
                plan_id: plan.id,
                ..Default::default()
            },
        )
        .await?;
        for item in list
            .iter()
            .filter(|i| i.kind == ItemKind::Target && i.value.is_some() && !bound.contains(&i.id))
        {
            let Some(name) = item.indicator.as_deref() else {
                continue;
            };
            let measure = item.measure().unwrap_or(Measure::Level);
            if let Some(ind) = inds
                .iter()
                .find(|i| i.name == name && i.measure == measure.as_str())
            {
                out.push(BindingProposal {
                    item_id: item.id,
                    item_title: item.title.clone(),
                    indicator_id: ind.id,
                    indicator_name: ind.name.clone(),
                    figure: BoundFigure::Indicator {
                        indicator_id: ind.id,
                        field: super::indicators::field_of(ind),
                    },
                });
            }
        }
    }
    Ok(out)
}
