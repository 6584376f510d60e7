//! The office's forms on an item's page: assignment (分解交办) and target adjustment.

use super::super::PageResult;
use crate::extract::{PageUser, opt_f64, opt_id, parse_date};
use axum::Router;
use axum::extract::Form as PlainForm;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::post;
use axum_extra::extract::Form;
use duban_app::core::Cycle;
use duban_app::{App, AppError, items};
use serde::Deserialize;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/items/{id}/assign", post(assign_submit))
        .route("/items/{id}/adjust", post(adjust_submit))
}

/// The assignment form of an item's page; `support` repeats, once per supporting unit.
#[derive(Deserialize)]
struct AssignForm {
    #[serde(default)]
    lead: String,
    #[serde(default)]
    support: Vec<String>,
    #[serde(default)]
    leader: String,
    #[serde(default)]
    deadline: String,
    #[serde(default)]
    weight: String,
    #[serde(default)]
    cycle: String,
    #[serde(default)]
    milestones: String,
}

async fn assign_submit(
    State(app): State<App>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<AssignForm>,
) -> PageResult {
    let lead =
        opt_id(form.lead.trim())?.ok_or_else(|| AppError::BadInput("请选择牵头单位".into()))?;
    let mut supporting = Vec::new();
    for v in &form.support {
        if let Some(u) = opt_id(v.trim())?
            && u != lead
        {
            supporting.push(u);
        }
    }
    let mut milestones = Vec::new();
    for line in form
        .milestones
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        let mut parts = line.splitn(3, ['|', '｜']);
        let period = parts.next().unwrap_or("").trim().to_string();
        let planned_value = opt_f64(parts.next().unwrap_or("").trim(), "计划值")?;
        let description = parts
            .next()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        milestones.push(items::MilestoneInput {
            period,
            planned_value,
            description,
            is_final: false,
        });
    }
    if let Some(last) = milestones.iter_mut().max_by(|a, b| a.period.cmp(&b.period)) {
        // The last node closes the item.
        last.is_final = true;
    }
    let input = items::AssignInput {
        lead_unit_id: lead,
        supporting_unit_ids: supporting,
        leader_user_id: opt_id(form.leader.trim())?,
        leader_name: None,
        deadline: match form.deadline.trim() {
            "" => None,
            d => Some(parse_date(d)?),
        },
        weight: opt_f64(form.weight.trim(), "权重")?,
        cycle: form.cycle.trim().parse::<Cycle>().ok(),
        milestones: Some(milestones),
    };
    items::assign(&app, &user.actor, id, &input).await?;
    Ok(Redirect::to(&format!("/items/{id}?ok=assign")).into_response())
}

#[derive(Deserialize)]
struct AdjustForm {
    value: String,
    reason: String,
}

async fn adjust_submit(
    State(app): State<App>,
    user: PageUser,
    Path(id): Path<i64>,
    PlainForm(f): PlainForm<AdjustForm>,
) -> PageResult {
    let v = opt_f64(f.value.trim(), "目标值")?
        .ok_or_else(|| AppError::BadInput("请填写调整后目标值".into()))?;
    items::adjust(&app, &user.actor, id, v, &f.reason).await?;
    Ok(Redirect::to(&format!("/items/{id}?ok=adjust")).into_response())
}
