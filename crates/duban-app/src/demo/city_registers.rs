//! The city data set's registers: per government and year, key projects through their
//! stages (some 省市重点 with an annual plan) and 人大建议/政协提案, some answered.

use super::city::CityScale;
use super::noise;
use crate::{Actor, App, Result};
use duban_core::ProjectStage;
use duban_core::registers::projects::ProjectLevel;
use duban_db::{city, projects, proposals};
use time::{Date, Duration, Month};

fn day(y: i32, m: u8, d: u8) -> Date {
    Date::from_calendar_date(y, Month::try_from(m).unwrap_or(Month::January), d)
        .unwrap_or(Date::MIN)
}

/// Writes one government-year's entries in one transaction; returns (projects, proposals).
pub(super) async fn seed(
    app: &App,
    gov: i64,
    year: i32,
    scale: &CityScale,
) -> Result<(usize, usize)> {
    let mut tx = app.begin().await?;
    let units: Vec<i64> = city::units_in(&mut tx, gov)
        .await?
        .iter()
        .skip(1)
        .map(|u| u.id)
        .collect();
    let seed = gov * 10_000 + i64::from(year);
    for i in 0..scale.projects {
        let h = |k: u8| noise(seed * 1_000 + i as i64, k);
        let name = format!("{year}年重点项目{:04}", i + 1);
        let inv = ((0.2 + 8.0 * h(1)) * 100.0).round() / 100.0;
        let signed = day(year, 1, 5) + Duration::days((h(2) * 300.0) as i64);
        let reached = (h(3) * 4.0) as u8; // 0 signed … 3 producing
        let key = i % 5 == 0;
        let stage = [
            ProjectStage::Signed,
            ProjectStage::Landed,
            ProjectStage::Started,
            ProjectStage::Producing,
        ][usize::from(reached.min(3))];
        let f = projects::ProjectFields {
            name: &name,
            lead_unit_id: units.get(i % units.len().max(1)).copied(),
            over_100m: inv >= 1.0,
            total_investment: inv,
            annual_plan_investment: key.then_some(((inv * 0.4) * 100.0).round() / 100.0),
            level: key.then_some(
                if i % 10 == 0 {
                    ProjectLevel::Province
                } else {
                    ProjectLevel::City
                }
                .as_str(),
            ),
            stage: Some(stage.as_str()),
            signed_on: Some(signed),
            landed_on: (reached >= 1).then_some(signed + Duration::days(20)),
            started_on: (reached >= 2).then_some(signed + Duration::days(50)),
            registered_on: (reached >= 2).then_some(signed + Duration::days(60)),
            producing_on: (reached >= 3).then_some(signed + Duration::days(200)),
            ..Default::default()
        };
        projects::insert(&mut tx, gov, i64::from(year), &f).await?;
    }
    for k in 0..scale.proposals {
        let (source, word) = if k % 2 == 0 {
            ("npc", "建议")
        } else {
            ("cppcc", "提案")
        };
        let title = format!("关于加强第{}项民生工作的{word}", k + 1);
        let number = format!("{}", k + 1);
        let state = if noise(seed + k as i64, 7) < 0.8 {
            "replied"
        } else {
            "assigned"
        };
        proposals::insert(
            &mut tx,
            gov,
            i64::from(year),
            &proposals::ProposalFields {
                source,
                at_session: true,
                session: "届次会议",
                number: &number,
                title: &title,
                content: "",
                lead_unit_id: units.get(k % units.len().max(1)).copied(),
                assigned_at: Some(day(year, 2, 20)),
                due_date: Some(day(year, 5, 20)),
            },
            state,
        )
        .await?;
    }
    Actor::cli()
        .audit(
            &mut tx,
            "seed_city_registers",
            "government",
            Some(gov),
            None,
            None,
        )
        .await?;
    tx.commit().await?;
    Ok((scale.projects, scale.proposals))
}
