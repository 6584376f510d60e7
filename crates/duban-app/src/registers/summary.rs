//! The derived figures of a government's registers for a year and period — the dashboard's
//! register section and the year-end review's sentences — in a constant number of queries.
//! A unit user's figures cover its own entries only.

use crate::access::registers as access;
use crate::cache::Key;
use crate::{Actor, App, Result};
use duban_core::Period;
use duban_core::ProjectStage;
use duban_core::registers::projects::{
    Funnel, InvestmentProgress, ProjectLevel, funnel, investment, project_light,
};
use duban_core::registers::proposals::{ProposalStats, stats as proposal_stats};
use duban_core::registers::services::{ServiceStats, stats as service_stats};
use duban_core::status::Light;
use serde::Serialize;
use time::Date;

#[derive(Debug, Clone, Serialize)]
pub struct LightCounts {
    pub green: usize,
    pub yellow: usize,
    pub red: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct FlaggedProject {
    pub id: i64,
    pub name: String,
    pub light: Light,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RegisterSummary {
    pub government_id: i64,
    pub year: i32,
    pub period: Period,
    pub funnel: Funnel,
    /// 省市重点项目 (province and city levels).
    pub key_investment: InvestmentProgress,
    /// Every project with an annual plan.
    pub all_investment: InvestmentProgress,
    pub project_lights: LightCounts,
    /// Yellow and red projects, red first.
    pub flagged_projects: Vec<FlaggedProject>,
    pub proposals: ProposalStats,
    pub services: ServiceStats,
    pub services_saved: Option<String>,
    pub indicators: Vec<super::indicators::Series>,
    /// Review-style sentences ("新签约项目42个、总投资261.2亿元" …).
    pub sentences: Vec<String>,
}

pub async fn summary(
    app: &App,
    actor: &Actor,
    government_id: i64,
    year: i32,
    period: Period,
    today: Date,
) -> Result<RegisterSummary> {
    let scope = access::read_scope(actor);
    let mut tx = app.db.read().await?;
    // First read of the snapshot: the result is kept for this version (see `cache`).
    let version = duban_db::audit::version(&mut tx).await?;
    crate::access::require_government(&mut tx, actor, government_id).await?;
    let cached = Key::Registers {
        government_id,
        year,
        period,
        today,
        unit: scope,
    };
    if let Some(hit) = app.cache.get::<RegisterSummary>(&cached, version) {
        return Ok(hit.as_ref().clone());
    }
    let projects = super::projects::load(
        &mut tx,
        government_id,
        i64::from(year),
        period,
        scope,
        None,
        None,
    )
    .await?;
    let proposals =
        super::proposals::load_facts(&mut tx, government_id, i64::from(year), scope).await?;
    let services: Vec<_> = duban_db::services::list(&mut tx, government_id, scope)
        .await?
        .iter()
        .map(super::services::facts)
        .collect();
    drop(tx);
    let facts: Vec<_> = projects.iter().map(|(_, f)| f.clone()).collect();
    let f = funnel(&facts, period);
    let key: Vec<_> = facts
        .iter()
        .filter(|p| matches!(p.level, Some(ProjectLevel::Province | ProjectLevel::City)))
        .collect();
    let key_investment = investment(&key, period);
    let planned: Vec<_> = facts.iter().filter(|p| p.annual_plan.is_some()).collect();
    let all_investment = investment(&planned, period);
    let mut counts = LightCounts {
        green: 0,
        yellow: 0,
        red: 0,
    };
    let mut flagged = Vec::new();
    for p in &facts {
        let l = project_light(p, period, today);
        match l.light {
            Light::Red => counts.red += 1,
            Light::Yellow => counts.yellow += 1,
            _ => counts.green += 1,
        }
        if matches!(l.light, Light::Red | Light::Yellow) {
            flagged.push(FlaggedProject {
                id: p.id,
                name: p.name.clone(),
                light: l.light,
                reasons: l.reasons,
            });
        }
    }
    flagged.sort_by_key(|f| (f.light != Light::Red, f.id));
    let proposals = proposal_stats(&proposals, today, super::proposals::DUE_SOON_DAYS);
    let services = service_stats(&services);
    let indicators = super::indicators::series(app, actor, government_id, period).await?;
    let mut sentences = vec![
        format!(
            "{}，{}",
            f.sentence(ProjectStage::Signed),
            f.sentence(ProjectStage::Landed)
        ),
        format!(
            "{}个省市重点项目{}",
            key_investment.projects,
            key_investment
                .explanation
                .split_once("个项目")
                .map(|(_, r)| r)
                .unwrap_or("")
        ),
    ];
    if proposals.total > 0 {
        sentences.push(proposals.sentence());
    }
    if services.total > 0 {
        sentences.push(services.sentence());
    }
    let summary = RegisterSummary {
        government_id,
        year,
        period,
        funnel: f,
        key_investment,
        all_investment,
        project_lights: counts,
        flagged_projects: flagged,
        services_saved: services.saved_text(),
        proposals,
        services,
        indicators,
        sentences,
    };
    app.cache
        .put(cached, version, std::sync::Arc::new(summary.clone()));
    Ok(summary)
}
