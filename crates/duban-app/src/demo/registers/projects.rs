//! The demo's projects: 2023 projects whose accepted reports give the seed report's review
//! figures, and 2024 projects half a year in.

use super::d;
use crate::Result;
use duban_core::registers::projects::ProjectLevel;
use duban_core::{ProjectStage, ReportState};
use duban_db::{Tx, projects};
use time::Duration;

fn project<'a>(name: &'a str, unit: Option<i64>, inv: f64) -> projects::ProjectFields<'a> {
    projects::ProjectFields {
        name,
        lead_unit_id: unit,
        over_100m: inv >= 1.0,
        total_investment: inv,
        ..Default::default()
    }
}

/// Accepted monthly reports of completed investment (YTD) for `months`.
async fn accepted(
    tx: &mut Tx,
    project: i64,
    unit: i64,
    year: i32,
    figures: &[(u8, f64)],
    last_state: ReportState,
) -> Result<()> {
    for (i, (m, v)) in figures.iter().enumerate() {
        let state = if i + 1 == figures.len() {
            last_state
        } else {
            ReportState::Accepted
        };
        let period = format!("{year}-{m:02}");
        let text = format!("1—{m}月累计完成投资{v}亿元，形象进度按计划推进。");
        let id = projects::insert_report(
            tx,
            project,
            unit,
            &period,
            &projects::ReportFields {
                value: Some(*v),
                progress: &text,
                problems: "",
                next_steps: "加快施工进度",
            },
            ReportState::Draft,
            None,
        )
        .await?;
        crate::demo::settle(tx, id, ReportState::Draft, state, Some(false)).await?;
    }
    Ok(())
}

/// 2023: 42 projects signed for 261.2亿元, 23 of them landed for 142.5亿元; 15 of the landed
/// are 省市重点 with a 28.6亿元 plan and 34.7亿元 done (121.3%).
pub(super) async fn projects_2023(tx: &mut Tx, g: i64, units: &[Option<i64>]) -> Result<()> {
    for i in 0..42usize {
        let landed = i < 23;
        let inv = match i {
            22 => 6.1,
            41 => 7.1,
            _ => 6.2,
        };
        let name = format!("2023年签约项目{:02}", i + 1);
        let unit = units[i % units.len()];
        let mut f = project(&name, unit, inv);
        let signed = d(2023, 1, 10) + Duration::days(7 * i as i64);
        f.signed_on = Some(signed);
        f.campaign = if i % 2 == 0 {
            "春季集中签约活动"
        } else {
            "驻外招商"
        };
        let key = i < 15;
        if landed {
            f.landed_on = Some(signed + Duration::days(30));
            f.planned_start = Some(signed + Duration::days(45));
            f.started_on = Some(signed + Duration::days(50));
            f.registered_on = Some(signed + Duration::days(60));
            f.stage = Some(ProjectStage::Started.as_str());
        } else {
            f.stage = Some(ProjectStage::Signed.as_str());
        }
        if key {
            f.level = Some(
                if i < 5 {
                    ProjectLevel::Province
                } else {
                    ProjectLevel::City
                }
                .as_str(),
            );
            f.annual_plan_investment = Some(if i == 0 { 2.0 } else { 1.9 });
        }
        if i < 4 {
            f.producing_on = Some(d(2023, 11, 20) + Duration::days(i as i64));
            f.stage = Some(ProjectStage::Producing.as_str());
        }
        let id = projects::insert(tx, g, 2023, &f).await?;
        if key && let Some(u) = unit {
            let done = if i == 0 { 2.5 } else { 2.3 };
            let half = ((done * 0.45) * 100.0_f64).round() / 100.0;
            accepted(
                tx,
                id,
                u,
                2023,
                &[(6, half), (12, done)],
                ReportState::Accepted,
            )
            .await?;
        }
    }
    Ok(())
}

/// 2024 to the end of June: 14 亿元以上 signed, 11 landed, 16 started; 12 省市重点 with a
/// 60亿元 plan, reported monthly (July's reports in every state of the flow).
pub(super) async fn projects_2024(tx: &mut Tx, g: i64, units: &[Option<i64>]) -> Result<()> {
    for i in 0..20usize {
        let name = format!("2024年重点项目{:02}", i + 1);
        let unit = units[i % units.len()];
        let inv = if i < 14 { 3.0 + (i % 4) as f64 } else { 0.6 };
        let mut f = project(&name, unit, inv);
        let signed = d(2024, 1, 8) + Duration::days(12 * i as i64);
        f.signed_on = (i < 17).then_some(signed);
        if i < 11 {
            f.landed_on = Some(signed + Duration::days(20));
        }
        f.planned_start = Some(d(2024, 2 + (i % 5) as u8, 15));
        if i < 16 && i != 3 {
            f.started_on = Some(d(2024, 2 + (i % 5) as u8, 18));
            // Two started projects are not yet 入统: one yellow, one red.
            if i != 6 && i != 9 {
                f.registered_on = Some(d(2024, 3 + (i % 5) as u8, 10));
            }
        }
        f.stage = [
            (f.started_on, ProjectStage::Started),
            (f.landed_on, ProjectStage::Landed),
            (f.signed_on, ProjectStage::Signed),
        ]
        .into_iter()
        .find(|(x, _)| x.is_some())
        .map(|(_, s)| s.as_str());
        let key = i < 12;
        if key {
            f.level = Some(
                if i < 4 {
                    ProjectLevel::Province
                } else {
                    ProjectLevel::City
                }
                .as_str(),
            );
            f.annual_plan_investment = Some(5.0);
            f.nodes = "3月 基础施工\n6月 主体封顶\n9月 设备安装\n12月 竣工投产";
        }
        let id = projects::insert(tx, g, 2024, &f).await?;
        if key && let Some(u) = unit {
            // Paces from brisk to lagging so the lights differ (June: 序时 50%).
            let pace = [
                1.2, 1.1, 1.0, 1.0, 0.95, 0.9, 0.9, 0.85, 0.8, 0.7, 0.55, 0.4,
            ][i];
            let figs: Vec<(u8, f64)> = (1..=7u8)
                .map(|m| {
                    (
                        m,
                        ((5.0 * f64::from(m) / 12.0 * pace) * 100.0).round() / 100.0,
                    )
                })
                .collect();
            let last = [
                ReportState::Draft,
                ReportState::Submitted,
                ReportState::Approved,
                ReportState::Accepted,
            ][i % 4];
            accepted(tx, id, u, 2024, &figs, last).await?;
        }
    }
    Ok(())
}
