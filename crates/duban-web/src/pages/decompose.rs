//! 任务分解表: every item's lead unit, leader, deadline and cycle in one form.

use super::views::*;
use super::{Flash, PageResult, flash_text, no_plan, page_plan, render};
use crate::extract::{PageUser, field, opt_id, parse_date};
use askama::Template;
use axum::Router;
use axum::extract::{Form, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use duban_app::core::Cycle;
use duban_app::{App, AppError, admin, items};

pub fn routes() -> Router<App> {
    Router::new().route("/decompose", get(decompose_page).post(decompose_submit))
}

struct DecomposeRow {
    id: i64,
    seq: i64,
    title: String,
    units: Vec<Opt>,
    leaders: Vec<Opt>,
    deadline: String,
    cycles: Vec<Opt>,
}

#[derive(Template)]
#[template(path = "decompose.html")]
struct DecomposePage {
    me: Me,
    flash: String,
    plan_id: i64,
    rows: Vec<DecomposeRow>,
}

async fn decompose_page(
    State(app): State<App>,
    user: PageUser,
    Query(f): Query<Flash>,
) -> PageResult {
    let a = &user.actor;
    a.require_decompose()?;
    let Some(plan) = page_plan(&app, a, &f.plan).await? else {
        return no_plan(Me::of(a));
    };
    let me = Me::of(a);
    let list = items::list(&app, a, plan.id, false).await?;
    // The plan's own government's units (a city user sees every government's).
    let units: Vec<_> = admin::units_for(&app, a)
        .await?
        .into_iter()
        .filter(|u| u.government_id.is_none_or(|g| g == plan.government_id))
        .collect();
    let leaders = admin::leaders_for(&app, a).await?;
    let rows = list
        .iter()
        .map(|i| {
            let lead = i.lead_unit_id.map(|x| x.to_string()).unwrap_or_default();
            let leader = i.leader_user_id.map(|x| x.to_string()).unwrap_or_default();
            DecomposeRow {
                id: i.id,
                seq: i.seq,
                title: i.title.clone(),
                units: units
                    .iter()
                    .map(|u| Opt::new(u.id, &u.name, &lead))
                    .collect(),
                leaders: leaders
                    .iter()
                    .map(|l| Opt::new(l.id, &l.display_name, &leader))
                    .collect(),
                deadline: i.deadline.map(|d| d.to_string()).unwrap_or_default(),
                cycles: Cycle::ALL
                    .iter()
                    .map(|c| Opt::new(c.as_str(), c.label(), i.cycle().as_str()))
                    .collect(),
            }
        })
        .collect();
    render(DecomposePage {
        me,
        flash: flash_text(&f.ok),
        plan_id: plan.id,
        rows,
    })
}

async fn decompose_submit(
    State(app): State<App>,
    user: PageUser,
    Form(form): Form<Vec<(String, String)>>,
) -> PageResult {
    let a = &user.actor;
    let Some(plan) = page_plan(&app, a, field(&form, "plan")).await? else {
        return Err(AppError::NotFound.into());
    };
    let list = items::list(&app, a, plan.id, false).await?;
    let support = items::plan_supporting_units(&app, a, plan.id).await?;
    let mut rows = Vec::new();
    for i in &list {
        let lead = opt_id(field(&form, &format!("lead_{}", i.id)))?;
        let leader = opt_id(field(&form, &format!("leader_{}", i.id)))?;
        let deadline = match field(&form, &format!("deadline_{}", i.id)) {
            "" => None,
            d => Some(parse_date(d)?),
        };
        let cycle = field(&form, &format!("cycle_{}", i.id))
            .parse::<Cycle>()
            .ok();
        let Some(lead) = lead else { continue };
        let changed = Some(lead) != i.lead_unit_id
            || leader != i.leader_user_id
            || deadline != i.deadline
            || cycle.is_some_and(|c| i.assignment_id.is_none() || c != i.cycle());
        if !changed {
            continue;
        }
        rows.push((
            i.id,
            items::AssignInput {
                lead_unit_id: lead,
                // Keep the supporting units and milestones set on the item's own page.
                supporting_unit_ids: support
                    .iter()
                    .filter(|s| s.0 == i.id && s.1 != lead)
                    .map(|s| s.1)
                    .collect(),
                leader_user_id: leader,
                leader_name: if leader.is_none() {
                    i.leader_name.clone().filter(|_| i.leader_user_id.is_none())
                } else {
                    None
                },
                deadline,
                weight: i.weight,
                cycle,
                milestones: None,
            },
        ));
    }
    items::assign_many(&app, a, &rows).await?;
    Ok(Redirect::to(&format!("/decompose?ok=batch&plan={}", plan.id)).into_response())
}
