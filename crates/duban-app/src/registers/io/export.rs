//! The rows of each register as exported (the same columns the import reads).

use super::RegisterKind;
use super::cells::{date_text, flag_text, num_text};
use crate::{Actor, App, Result};
use duban_core::registers::indicators::Frequency;
use duban_core::registers::projects::ProjectLevel;
use duban_core::{Measure, ProposalSource, Provenance};
use duban_db::{indicators, projects, proposals, services};
use std::collections::HashMap;

pub(super) async fn rows(
    app: &App,
    actor: &Actor,
    kind: RegisterKind,
    government_id: i64,
    year: i32,
) -> Result<Vec<Vec<String>>> {
    let scope = crate::access::registers::read_scope(actor);
    let mut tx = app.db.read().await?;
    let y = i64::from(year);
    Ok(match kind {
        RegisterKind::Projects => projects::list(
            &mut tx,
            &projects::ProjectFilter {
                government_id,
                year: y,
                unit_id: scope,
                ..Default::default()
            },
        )
        .await?
        .into_iter()
        .map(|p| {
            vec![
                p.name,
                p.content,
                p.lead_unit_name.unwrap_or_default(),
                p.leader_name,
                p.level
                    .as_deref()
                    .and_then(|l| l.parse::<ProjectLevel>().ok())
                    .map(|l| l.label().to_string())
                    .unwrap_or_default(),
                flag_text(p.over_100m),
                num_text(Some(p.total_investment)),
                num_text(p.annual_plan_investment),
                date_text(p.signed_on),
                date_text(p.landed_on),
                date_text(p.started_on),
                date_text(p.producing_on),
                date_text(p.planned_start),
                date_text(p.registered_on),
                p.campaign,
                p.nodes,
            ]
        })
        .collect(),
        RegisterKind::Proposals => {
            let list = proposals::list(
                &mut tx,
                &proposals::ProposalFilter {
                    government_id,
                    year: y,
                    unit_id: scope,
                    ..Default::default()
                },
            )
            .await?;
            let mut names: HashMap<i64, Vec<String>> = HashMap::new();
            for p in proposals::proposers_of_year(&mut tx, government_id, y).await? {
                names.entry(p.proposal_id).or_default().push(p.name);
            }
            let mut sup: HashMap<i64, Vec<String>> = HashMap::new();
            for s in proposals::supporting_of_year(&mut tx, government_id, y).await? {
                sup.entry(s.proposal_id).or_default().push(s.unit_name);
            }
            list.into_iter()
                .map(|p| {
                    let source = p
                        .source
                        .parse::<ProposalSource>()
                        .map(|s| s.label())
                        .unwrap_or("");
                    let state = p
                        .state
                        .parse::<duban_core::registers::proposals::ProposalState>()
                        .map(|s| s.label())
                        .unwrap_or("");
                    vec![
                        source.to_string(),
                        p.session,
                        flag_text(p.at_session),
                        p.number,
                        p.title,
                        p.content,
                        names.remove(&p.id).unwrap_or_default().join("、"),
                        p.lead_unit_name.unwrap_or_default(),
                        sup.remove(&p.id).unwrap_or_default().join("、"),
                        date_text(p.assigned_at),
                        state.to_string(),
                        date_text(p.due_date),
                        p.category.unwrap_or_default(),
                    ]
                })
                .collect()
        }
        RegisterKind::Services => services::list(&mut tx, government_id, scope)
            .await?
            .into_iter()
            .map(|s| {
                vec![
                    s.name,
                    s.code,
                    s.unit_name.unwrap_or_default(),
                    s.kind,
                    flag_text(s.at_most_once),
                    flag_text(s.no_visit),
                    flag_text(s.fully_online),
                    flag_text(s.one_window),
                    s.legal_days.map(|d| d.to_string()).unwrap_or_default(),
                    s.promised_days.map(|d| d.to_string()).unwrap_or_default(),
                ]
            })
            .collect(),
        RegisterKind::Indicators => {
            let inds: HashMap<i64, indicators::Indicator> =
                indicators::list(&mut tx, government_id)
                    .await?
                    .into_iter()
                    .filter(|i| {
                        crate::access::registers::require_read(actor, i.unit_id, &[]).is_ok()
                    })
                    .map(|i| (i.id, i))
                    .collect();
            indicators::values_of_year(&mut tx, government_id, y)
                .await?
                .into_iter()
                .filter_map(|v| {
                    let i = inds.get(&v.indicator_id)?;
                    Some(vec![
                        i.name.clone(),
                        i.unit.clone(),
                        i.measure
                            .parse::<Measure>()
                            .map(|m| m.label())
                            .unwrap_or("总量")
                            .to_string(),
                        i.frequency
                            .parse::<Frequency>()
                            .map(|f| f.label())
                            .unwrap_or("月度")
                            .to_string(),
                        v.period,
                        num_text(Some(v.value)),
                        v.provenance
                            .parse::<Provenance>()
                            .map(|p| p.label())
                            .unwrap_or("")
                            .to_string(),
                        v.note.unwrap_or_default(),
                    ])
                })
                .collect()
        }
    })
}
