//! The dashboard's register section: the derived summary of the plan's government and
//! year, and for each indicator series the light of the targets bound to it.

use super::summary::{RegisterSummary, summary};
use crate::items::ItemStatus;
use crate::{Actor, App, Result};
use duban_core::Period;
use duban_core::registers::binding::BoundFigure;
use duban_core::status::Light;
use duban_db::Plan;
use serde::Serialize;
use time::Date;

/// A bound target's light, by the series it reads.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorLight {
    pub indicator_id: i64,
    pub item_id: i64,
    pub light: Light,
    pub explanation: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RegisterSection {
    pub summary: RegisterSummary,
    pub indicator_lights: Vec<IndicatorLight>,
}

/// The section for `plan` at `period`, reusing the statuses the dashboard computed.
pub async fn section(
    app: &App,
    actor: &Actor,
    plan: &Plan,
    period: Period,
    today: Date,
    statuses: &[ItemStatus],
) -> Result<RegisterSection> {
    let summary = summary(
        app,
        actor,
        plan.government_id,
        plan.year as i32,
        period,
        today,
    )
    .await?;
    let indicator_lights = super::bindings::list(app, actor, plan.id)
        .await?
        .into_iter()
        .filter_map(|b| match b.figure {
            BoundFigure::Indicator { indicator_id, .. } => {
                let s = statuses.iter().find(|s| s.item.id == b.item_id)?;
                Some(IndicatorLight {
                    indicator_id,
                    item_id: b.item_id,
                    light: s.assessment.light,
                    explanation: s.assessment.explanation.clone(),
                })
            }
            _ => None,
        })
        .collect();
    Ok(RegisterSection {
        summary,
        indicator_lights,
    })
}
