//! The dashboard: the numbers a 督查通报 gives, computed live from the statuses.

use crate::status::{ItemStatus, compute};
use crate::{Actor, App, Result};
use duban_core::Period;
use duban_core::status::{Light, Status};
use serde::Serialize;
use std::collections::BTreeMap;
use time::Date;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StatusCount {
    pub status: Status,
    pub label: &'static str,
    pub count: usize,
    /// Share of all items, in percent.
    pub share: f64,
}

/// Counts per status and per light for a group of items (a section, a unit, a leader).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Group {
    pub name: String,
    pub id: Option<i64>,
    pub total: usize,
    pub green: usize,
    pub yellow: usize,
    pub red: usize,
    pub completed: usize,
    /// Share of green items among those with a light, in percent (the ranking key).
    pub green_share: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    pub plan_id: i64,
    pub plan_title: String,
    pub government: String,
    pub year: i64,
    pub period: String,
    pub total: usize,
    pub by_status: Vec<StatusCount>,
    pub green: usize,
    pub yellow: usize,
    pub red: usize,
    /// Quantified targets that reached 序时 out of those assessed (宣城 style).
    pub targets_on_pace: usize,
    pub targets_assessed: usize,
    pub by_section: Vec<Group>,
    pub by_unit: Vec<Group>,
    pub by_leader: Vec<Group>,
    /// 欠进度, 严重滞后 and 未填报 items, worst first.
    pub lagging: Vec<ItemStatus>,
    /// The registers of the plan's government and year (台账).
    pub registers: crate::registers::dashboard::RegisterSection,
}

fn group(name: String, id: Option<i64>, items: &[&ItemStatus]) -> Group {
    let count = |l: Light| items.iter().filter(|s| s.assessment.light == l).count();
    let (green, yellow, red) = (count(Light::Green), count(Light::Yellow), count(Light::Red));
    let lit = green + yellow + red;
    Group {
        name,
        id,
        total: items.len(),
        green,
        yellow,
        red,
        completed: items
            .iter()
            .filter(|s| s.assessment.status == Status::Completed)
            .count(),
        green_share: if lit == 0 {
            0.0
        } else {
            green as f64 * 100.0 / lit as f64
        },
    }
}

pub async fn build(
    app: &App,
    actor: &Actor,
    plan_id: i64,
    period: Period,
    today: Date,
    mine_only: bool,
) -> Result<Dashboard> {
    let (plan, mut all) = compute(app, actor, plan_id, period, today).await?;
    if mine_only && actor.role == duban_core::Role::Leader {
        all.retain(|s| s.item.leader_user_id == actor.user_id);
    }
    let total = all.len();
    let by_status = Status::ALL
        .iter()
        .map(|st| {
            let count = all.iter().filter(|s| s.assessment.status == *st).count();
            StatusCount {
                status: *st,
                label: st.label(),
                count,
                share: if total == 0 {
                    0.0
                } else {
                    count as f64 * 100.0 / total as f64
                },
            }
        })
        .collect();
    let lights = |l: Light| all.iter().filter(|s| s.assessment.light == l).count();
    let targets: Vec<&ItemStatus> = all
        .iter()
        .filter(|s| s.item.kind == duban_core::ItemKind::Target)
        .collect();
    let assessed: Vec<&&ItemStatus> = targets
        .iter()
        .filter(|s| {
            s.assessment.status.progress_rank().is_some() || s.assessment.assessed_as.is_some()
        })
        .collect();
    let on_pace = assessed
        .iter()
        .filter(|s| {
            let st = s.assessment.assessed_as.unwrap_or(s.assessment.status);
            matches!(st, Status::Completed | Status::Ahead | Status::OnTrack)
        })
        .count();

    // Sections group at the top of their tree (a report's 八个方面), not at each 一是.
    let tree = {
        let mut tx = app.db.read().await?;
        duban_db::plans::sections(&mut tx, plan.id).await?
    };
    let root_of = |id: i64| -> Option<&duban_db::Section> {
        let mut cur = tree.iter().find(|s| s.id == id)?;
        for _ in 0..tree.len() {
            match cur.parent_id.and_then(|p| tree.iter().find(|s| s.id == p)) {
                Some(parent) => cur = parent,
                None => break,
            }
        }
        Some(cur)
    };
    let mut sections: BTreeMap<(i64, String), Vec<&ItemStatus>> = BTreeMap::new();
    let mut units: BTreeMap<String, (Option<i64>, Vec<&ItemStatus>)> = BTreeMap::new();
    let mut leaders: BTreeMap<String, Vec<&ItemStatus>> = BTreeMap::new();
    for s in &all {
        let key = match s.item.section_id.and_then(root_of) {
            Some(root) => (root.seq, format!("{}{}", root.marker, root.heading)),
            None => (-1, "（未分节）".to_string()),
        };
        sections.entry(key).or_default().push(s);
        let unit = s
            .item
            .lead_unit_name
            .clone()
            .unwrap_or_else(|| "（未交办）".into());
        units
            .entry(unit)
            .or_insert_with(|| (s.item.lead_unit_id, Vec::new()))
            .1
            .push(s);
        if let Some(l) = &s.item.leader_name {
            leaders.entry(l.clone()).or_default().push(s);
        }
    }
    let by_section = sections
        .into_iter()
        .map(|((seq, name), v)| {
            let id = tree.iter().find(|s| s.seq == seq).map(|s| s.id);
            group(name, id, &v)
        })
        .collect();
    let mut by_unit: Vec<Group> = units
        .into_iter()
        .map(|(name, (id, v))| group(name, id, &v))
        .collect();
    by_unit.sort_by(|a, b| {
        b.green_share
            .total_cmp(&a.green_share)
            .then(b.total.cmp(&a.total))
            .then(a.name.cmp(&b.name))
    });
    let by_leader = leaders
        .into_iter()
        .map(|(name, v)| group(name, None, &v))
        .collect();
    let severity = |s: &ItemStatus| match s.assessment.status {
        Status::NotReported => 0,
        Status::SeriouslyBehind => 1,
        Status::Behind => 2,
        _ => 3,
    };
    let mut lagging: Vec<ItemStatus> = all
        .iter()
        .filter(|s| matches!(s.assessment.light, Light::Red | Light::Yellow))
        .cloned()
        .collect();
    lagging.sort_by_key(|s| (severity(s), s.item.seq));
    let registers =
        crate::registers::dashboard::section(app, actor, &plan, period, today, &all).await?;
    Ok(Dashboard {
        plan_id: plan.id,
        plan_title: plan.title.clone(),
        government: plan.government_name.clone(),
        year: plan.year,
        period: period.to_string(),
        total,
        by_status,
        green: lights(Light::Green),
        yellow: lights(Light::Yellow),
        red: lights(Light::Red),
        targets_on_pace: on_pace,
        targets_assessed: assessed.len(),
        by_section,
        by_unit,
        by_leader,
        lagging,
        registers,
    })
}
