//! The demo's registers: 2023 entries from which the seed report's review figures come out
//! exactly, and 2024 entries half a year in, bound to the 2024 targets they measure.

mod projects;

use crate::{Actor, App, Result};
use duban_core::ProjectStage;
use duban_core::registers::binding::BoundFigure;
use duban_core::registers::projects::ProjectLevel;
use duban_db::{Tx, bindings, indicators, org, proposals, services};
use projects::{projects_2023, projects_2024};
use time::{Date, Month};

fn d(y: i32, m: u8, day: u8) -> Date {
    Date::from_calendar_date(y, Month::try_from(m).unwrap_or(Month::January), day)
        .unwrap_or(Date::MIN)
}

/// Lead units of demo projects (those with demo users first, so their pages have data).
const PROJECT_UNITS: &[&str] = &["区发改委", "区工信局", "区商务局", "区住建局", "区文广旅局"];

pub(super) async fn seed(app: &App, plan_id: i64) -> Result<()> {
    let mut tx = app.begin().await?;
    let g = org::government_by_name(&mut tx, super::SEED_GOVERNMENT)
        .await?
        .ok_or(crate::AppError::NotFound)?
        .id;
    let units = org::units(&mut tx).await?;
    let uid = |n: &str| units.iter().find(|u| u.name == n).map(|u| u.id);
    let project_units: Vec<Option<i64>> = PROJECT_UNITS.iter().map(|n| uid(n)).collect();
    let all_units: Vec<i64> = units
        .iter()
        .filter(|u| u.name != "区政府办公室")
        .map(|u| u.id)
        .collect();
    projects_2023(&mut tx, g, &project_units).await?;
    projects_2024(&mut tx, g, &project_units).await?;
    proposals_of(&mut tx, g, 2023, &all_units).await?;
    proposals_of(&mut tx, g, 2024, &all_units).await?;
    services_of(&mut tx, g, &all_units).await?;
    indicators_of(&mut tx, g, uid("区人社局")).await?;
    bind_2024(&mut tx, plan_id).await?;
    Actor::cli()
        .audit(
            &mut tx,
            "seed_demo_registers",
            "government",
            Some(g),
            None,
            None,
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// 2023: 96 suggestions and 132 proposals, all answered A and every proposer 满意.
/// 2024: 90 and 120 assigned on 20 Feb, most answered, some under 跟踪办理, a few late.
async fn proposals_of(tx: &mut Tx, g: i64, year: i32, units: &[i64]) -> Result<()> {
    let (npc, cppcc) = if year == 2023 { (96, 132) } else { (90, 120) };
    let assigned = d(year, 2, 20);
    let due = d(year, 5, 20);
    let mut n = 0usize;
    for (source, count, word) in [("npc", npc, "建议"), ("cppcc", cppcc, "提案")] {
        for k in 0..count {
            n += 1;
            let title = format!("关于{}的{word}", TOPICS[n % TOPICS.len()]);
            let number = format!("{}", k + 1);
            let lead = units[n % units.len()];
            let id = proposals::insert(
                tx,
                g,
                i64::from(year),
                &proposals::ProposalFields {
                    source,
                    at_session: true,
                    session: if year == 2023 {
                        "十一届二次"
                    } else {
                        "十一届三次"
                    },
                    number: &number,
                    title: &title,
                    content: "",
                    lead_unit_id: Some(lead),
                    assigned_at: Some(assigned),
                    due_date: Some(due),
                },
                "assigned",
            )
            .await?;
            let who = [format!("代表{n:03}"), format!("代表{:03}", n + 500)];
            let names: Vec<&str> = if n.is_multiple_of(7) {
                vec![&who[0], &who[1]]
            } else {
                vec![&who[0]]
            };
            proposals::set_proposers(tx, id, &names).await?;
            // 2024: every 10th still open (some past due), every 6th answered B (跟踪办理).
            let open = year == 2024 && n.is_multiple_of(10);
            if open {
                continue;
            }
            let cat = if year == 2024 && n.is_multiple_of(6) {
                "B"
            } else {
                "A"
            };
            let mut row = proposals::get(tx, id)
                .await?
                .ok_or(crate::AppError::NotFound)?;
            row.state = if cat == "B" { "tracking" } else { "closed" }.into();
            row.category = Some(cat.into());
            row.replied_at = Some(d(year, 5, 10));
            row.reply_text = "已按建议组织落实，具体情况函复如下。".into();
            proposals::save_handling(tx, &row).await?;
            for p in proposals::proposers(tx, id).await? {
                proposals::rate(
                    tx,
                    p.id,
                    Some("satisfied"),
                    Some("satisfied"),
                    Some(d(year, 5, 25)),
                )
                .await?;
            }
        }
    }
    Ok(())
}

const TOPICS: &[&str] = &[
    "加快老旧小区改造",
    "完善社区养老服务",
    "优化营商环境",
    "加强农村道路建设",
    "提升中小学教育质量",
    "扩大就业渠道",
    "加强生态环境保护",
    "推进智慧城市建设",
    "支持小微企业发展",
    "改善城区交通秩序",
];

/// 1144 items, every one 最多跑一次 and 不见面审批; promises 5 to 10 working days under the
/// legal limit.
async fn services_of(tx: &mut Tx, g: i64, units: &[i64]) -> Result<()> {
    const KINDS: [&str; 4] = ["行政许可", "行政确认", "公共服务", "其他行政权力"];
    for i in 0..1144usize {
        let name = format!("政务服务事项{:04}", i + 1);
        let legal = 20 + (i % 3) as i64 * 5;
        services::insert(
            tx,
            g,
            &services::ServiceFields {
                code: "",
                name: &name,
                unit_id: Some(units[i % units.len()]),
                kind: KINDS[i % 4],
                at_most_once: true,
                no_visit: true,
                fully_online: i % 5 != 0,
                one_window: true,
                legal_days: Some(legal),
                promised_days: Some(legal - 5 - (i % 6) as i64),
            },
        )
        .await?;
    }
    Ok(())
}

/// name, unit, measure, frequency, (period, value)…
type Series = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, f64)],
);

/// The review's 2023 indicators and the 2024 series to May/June.
async fn indicators_of(tx: &mut Tx, g: i64, rsj: Option<i64>) -> Result<()> {
    let series: &[Series] = &[
        (
            "地区生产总值",
            "亿元",
            "level",
            "quarterly",
            &[("2023-12", 121.3), ("2024-03", 29.6)],
        ),
        (
            "地区生产总值",
            "%",
            "growth",
            "quarterly",
            &[("2023-12", 5.2), ("2024-03", 5.6)],
        ),
        (
            "社会消费品零售总额",
            "%",
            "growth",
            "monthly",
            &[("2023-12", 6.1), ("2024-05", 6.3)],
        ),
        (
            "基础设施投资",
            "%",
            "growth",
            "monthly",
            &[("2023-12", 32.7), ("2024-05", 12.5)],
        ),
        (
            "一般公共预算收入",
            "亿元",
            "level",
            "monthly",
            &[("2023-12", 8.86), ("2024-06", 4.71)],
        ),
        (
            "税收占比",
            "%",
            "share",
            "monthly",
            &[("2023-12", 66.4), ("2024-06", 67.1)],
        ),
        (
            "千万元以上纳税企业",
            "户",
            "level",
            "yearly",
            &[("2023-12", 14.0)],
        ),
        (
            "百万元以上纳税企业",
            "户",
            "level",
            "yearly",
            &[("2023-12", 154.0)],
        ),
    ];
    for (name, unit, measure, freq, values) in series {
        let id = indicators::ensure(tx, g, name, unit, measure, freq, None).await?;
        for (p, v) in *values {
            indicators::set_value(tx, id, p, *v, "statistics", None, None).await?;
        }
    }
    // 城镇新增就业 is reported by 区人社局 and published a month late: data to May.
    let jobs = indicators::ensure(tx, g, "城镇新增就业", "人", "level", "monthly", rsj).await?;
    for (m, v) in [(1, 260.0), (2, 540.0), (3, 900.0), (4, 1230.0), (5, 1580.0)] {
        indicators::set_value(tx, jobs, &format!("2024-{m:02}"), v, "reported", None, None).await?;
    }
    Ok(())
}

/// Binds the 2024 targets the project register measures. 城镇新增就业 keeps its monthly
/// reports from 区人社局 (the demo's reporting flow runs on it); its series is there for the
/// office to bind (the indicator import proposes it).
async fn bind_2024(tx: &mut Tx, plan_id: i64) -> Result<()> {
    let list = duban_db::items::list(
        tx,
        &duban_db::items::ItemFilter {
            plan_id,
            ..Default::default()
        },
    )
    .await?;
    let find = |value: f64, words: &str| {
        list.iter()
            .find(|i| {
                i.value == Some(value)
                    && i.kind == duban_core::ItemKind::Target
                    && i.text.contains(words)
            })
            .map(|i| i.id)
    };
    let wanted = [
        (
            find(26.0, "新签约亿元以上项目"),
            BoundFigure::ProjectCount {
                stage: ProjectStage::Signed,
                over_100m_only: true,
            },
            None,
        ),
        (
            find(23.0, "新落地亿元以上项目"),
            BoundFigure::ProjectCount {
                stage: ProjectStage::Landed,
                over_100m_only: true,
            },
            None,
        ),
        (
            find(30.0, "新开工项目"),
            BoundFigure::ProjectCount {
                stage: ProjectStage::Started,
                over_100m_only: false,
            },
            None,
        ),
        (
            find(60.0, "省市重点项目完成投资"),
            BoundFigure::CompletedInvestment {
                levels: vec![ProjectLevel::Province, ProjectLevel::City],
            },
            None,
        ),
    ];
    for (item, figure, ind) in wanted {
        if let Some(item) = item {
            let json = serde_json::to_string(&figure).unwrap_or_default();
            bindings::bind(tx, item, &json, ind, None).await?;
        }
    }
    Ok(())
}
