//! The demo: a district with its real set of units, a user for every role, the seed report
//! imported, every item assigned, and half a year of progress in every state of the flow.

use crate::admin::{NewUser, add_unit, add_user};
use crate::items::{AssignInput, MilestoneInput, assign};
use crate::{Actor, App, Result};
use duban_core::{Cycle, ItemKind, Measure, Period, ReportState, Role};
use duban_db::{Tx, items, reports};
use serde::Serialize;

pub mod city;
mod city_registers;
mod registers;

/// The seed report shipped as the project's example.
pub const SEED_REPORT: &str = include_str!("../../../examples/reports/shancheng_2024.txt");
pub const SEED_GOVERNMENT: &str = "山城区";
pub const SEED_YEAR: i32 = 2024;
/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "duban-demo";
/// The month the demo's progress reaches: reports for 1–6月 are accepted, 7月's are in
/// every state of the flow.
pub const DEMO_PERIOD: Period = Period {
    year: 2024,
    month: 7,
};

/// The units a 区 really has: 委办局 first, then 街道/乡镇.
pub const UNITS: &[&str] = &[
    "区政府办公室",
    "区发改委",
    "区工信局",
    "区科技局",
    "区财政局",
    "区人社局",
    "区自然资源局",
    "区住建局",
    "区农业农村局",
    "区生态环境分局",
    "区商务局",
    "区文广旅局",
    "区卫健委",
    "区民政局",
    "区教体局",
    "区行政审批局",
    "区统计局",
    "区应急管理局",
    "区市场监管局",
    "区交通运输局",
    "区水利局",
    "红旗街道",
    "人民路街道",
    "山城街道",
    "鹿楼乡",
    "石林镇",
];

/// Which unit a report's item most likely belongs to, by its words. The office checks and
/// corrects; in the demo it gives plausible assignments.
const KEYWORDS: &[(&str, &[&str])] = &[
    ("区人社局", &["就业", "社保", "人才", "技能", "工资"]),
    ("区农业农村局", &["农", "粮", "乡村", "耕地", "畜"]),
    ("区财政局", &["预算", "财政", "税", "债"]),
    ("区统计局", &["生产总值", "GDP", "增加值"]),
    (
        "区商务局",
        &["消费", "商贸", "外贸", "进出口", "招商", "签约", "电商"],
    ),
    ("区工信局", &["工业", "企业", "制造", "专精特新", "产业"]),
    ("区科技局", &["科技", "高新", "研发", "创新", "专利"]),
    ("区发改委", &["投资", "项目", "重点", "改革"]),
    (
        "区生态环境分局",
        &["生态", "空气", "水质", "环境", "污染", "碳"],
    ),
    ("区自然资源局", &["土地", "用地", "矿", "自然资源"]),
    (
        "区住建局",
        &["住房", "城建", "社区", "老旧小区", "燃气", "管网", "城市"],
    ),
    ("区交通运输局", &["道路", "交通", "公路"]),
    ("区文广旅局", &["旅游", "文化", "体育", "赛"]),
    ("区卫健委", &["医", "卫生", "健康"]),
    ("区教体局", &["教育", "学校", "幼儿园", "学位"]),
    ("区民政局", &["养老", "民政", "救助", "托育"]),
    ("区行政审批局", &["审批", "政务服务", "营商"]),
    ("区应急管理局", &["安全", "应急"]),
];

fn unit_for(text: &str, seq: usize) -> &'static str {
    KEYWORDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| text.contains(w)))
        .map(|(u, _)| *u)
        .unwrap_or(UNITS[1 + seq % 20])
}

#[derive(Debug, Clone, Serialize)]
pub struct DemoLogin {
    pub username: String,
    pub role: &'static str,
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DemoInfo {
    pub plan_id: i64,
    pub password: &'static str,
    pub logins: Vec<DemoLogin>,
}

/// A deterministic pseudo-random number in 0..1 for an item and month, so the demo looks
/// the same every time.
fn noise(id: i64, month: u8) -> f64 {
    let mut x = (id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ u64::from(month).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 31;
    x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^= x >> 29;
    (x % 10_000) as f64 / 10_000.0
}

/// Fills an empty database with the demo. Fails (changing nothing more) if it is not empty.
pub async fn seed(app: &App) -> Result<DemoInfo> {
    let cli = Actor::cli();
    for name in UNITS {
        add_unit(app, &cli, name, None).await?;
    }
    let mut logins = Vec::new();
    let mut user = |username: &str, display: &str, role: Role, unit: Option<&str>| {
        logins.push(DemoLogin {
            username: username.into(),
            role: role.label(),
            unit: unit.map(String::from),
        });
        (
            username.to_string(),
            display.to_string(),
            role,
            unit.map(String::from),
        )
    };
    let people = vec![
        user("admin", "系统管理员", Role::Admin, None),
        user("duchashi", "督查室 王科长", Role::Supervisor, None),
        user("quzhang", "区长 李明", Role::Leader, None),
        user("fuquzhang1", "副区长 张华", Role::Leader, None),
        user("fuquzhang2", "副区长 陈静", Role::Leader, None),
        user("fgw_tb", "发改委 刘填报", Role::Reporter, Some("区发改委")),
        user("fgw_sh", "发改委 赵主任", Role::Approver, Some("区发改委")),
        user("rsj_tb", "人社局 孙填报", Role::Reporter, Some("区人社局")),
        user("rsj_sh", "人社局 周局长", Role::Approver, Some("区人社局")),
        user("gxj_tb", "工信局 吴填报", Role::Reporter, Some("区工信局")),
        user("gxj_sh", "工信局 郑局长", Role::Approver, Some("区工信局")),
        user("guest", "只读访客", Role::Viewer, None),
    ];
    for (username, display, role, unit) in &people {
        add_user(
            app,
            &cli,
            NewUser {
                username,
                display_name: Some(display),
                role: *role,
                unit: unit.as_deref(),
                password: DEMO_PASSWORD,
            },
        )
        .await?;
    }
    let summary = crate::import::import_report(
        app,
        &cli,
        SEED_GOVERNMENT,
        Some(SEED_YEAR),
        "山城区2024年政府工作报告.txt",
        SEED_REPORT.as_bytes(),
    )
    .await?;
    let plan_id = summary.plan_id;

    let units = crate::admin::units(app).await?;
    let unit_id = |name: &str| {
        units
            .iter()
            .find(|u| u.name == name)
            .map(|u| u.id)
            .unwrap_or(units[0].id)
    };
    let leaders = crate::admin::leaders(app).await?;
    let list = crate::items::list(app, &cli, plan_id, false).await?;
    for (n, item) in list.iter().enumerate() {
        let words = format!(
            "{} {} {}",
            item.title,
            item.indicator.clone().unwrap_or_default(),
            item.text
        );
        let lead = unit_for(&words, n);
        let support = unit_for(&item.text.chars().rev().collect::<String>(), n + 7);
        let milestones = if item.kind == ItemKind::Task {
            // Quarterly 形象进度 for tasks; the last one closes the task.
            Some(
                [
                    (3, "完成方案制定"),
                    (6, "完成年度任务的一半"),
                    (9, "完成主体工作"),
                    (12, "全面完成并验收"),
                ]
                .iter()
                .map(|(m, d)| MilestoneInput {
                    period: format!("{SEED_YEAR}-{m:02}"),
                    planned_value: None,
                    description: Some((*d).to_string()),
                    is_final: *m == 12,
                })
                .collect(),
            )
        } else {
            None
        };
        assign(
            app,
            &cli,
            item.id,
            &AssignInput {
                lead_unit_id: unit_id(lead),
                supporting_unit_ids: if support != lead {
                    vec![unit_id(support)]
                } else {
                    vec![]
                },
                leader_user_id: leaders.get(n % leaders.len().max(1)).map(|l| l.id),
                leader_name: None,
                deadline: time::Date::from_calendar_date(SEED_YEAR, time::Month::December, 31).ok(),
                weight: Some(1.0),
                cycle: Some(Cycle::Monthly),
                milestones,
            },
        )
        .await?;
    }
    seed_progress(app, plan_id).await?;
    registers::seed(app, plan_id).await?;
    Ok(DemoInfo {
        plan_id,
        password: DEMO_PASSWORD,
        logins,
    })
}

/// Moves a demo report from the state it was inserted in to `state` and writes its one
/// history record: the demo's reports are stored in their final state, not walked through
/// the flow.
async fn settle(
    tx: &mut Tx,
    id: i64,
    inserted: ReportState,
    state: ReportState,
    is_late: Option<bool>,
) -> Result<()> {
    if state != inserted {
        reports::set_state(tx, id, state, None, is_late).await?;
    }
    reports::add_history(
        tx,
        &reports::NewHistory {
            report_id: id,
            user_id: None,
            action: "demo",
            state_from: None,
            state_to: state,
            comment: Some("演示数据"),
            snapshot: "{}".into(),
        },
    )
    .await?;
    Ok(())
}

/// Half a year of progress: accepted reports for 1–6月; for 7月 a mix of every state of
/// the flow, and some items not reported yet.
async fn seed_progress(app: &App, plan_id: i64) -> Result<()> {
    let list = crate::items::list(app, &Actor::cli(), plan_id, false).await?;
    let mut tx = app.begin().await?;
    for item in &list {
        let Some(unit) = item.lead_unit_id else {
            continue;
        };
        // A task is reported on its milestone; a target on its cumulative value.
        let pace = 0.55 + 0.75 * noise(item.id, 0);
        for month in 1..=DEMO_PERIOD.month {
            let r = noise(item.id, month);
            let state = if month < DEMO_PERIOD.month {
                ReportState::Accepted
            } else if r < 0.15 {
                continue; // not reported yet
            } else if r < 0.3 {
                ReportState::Draft
            } else if r < 0.45 {
                ReportState::Submitted
            } else if r < 0.6 {
                ReportState::Approved
            } else {
                ReportState::Accepted
            };
            let (value, done) = match (item.kind, item.value, item.measure()) {
                (ItemKind::Task, _, _) | (_, None, _) => (None, Some(pace > 0.7 || month % 3 != 0)),
                (_, Some(t), Some(Measure::Growth)) => {
                    (Some(((t * (0.6 + 0.7 * pace)) * 10.0).round() / 10.0), None)
                }
                (_, Some(t), Some(Measure::Share)) => {
                    (Some(((t * (0.8 + 0.3 * pace)) * 10.0).round() / 10.0), None)
                }
                (_, Some(t), _) if item.op == Some(duban_core::Op::AtMost) => (
                    Some(((t * (0.8 + 0.35 * pace)) * 100.0).round() / 100.0),
                    None,
                ),
                (_, Some(t), _) => {
                    let v = t * f64::from(month) / 12.0 * pace * (0.9 + 0.2 * r);
                    // Counts of firms, people, projects … are whole numbers; money is not.
                    let money = item.unit.as_deref().is_some_and(|u| u.ends_with('元'));
                    (
                        Some(if !money || t >= 100.0 {
                            v.round()
                        } else {
                            (v * 100.0).round() / 100.0
                        }),
                        None,
                    )
                }
            };
            let progress = match item.kind {
                ItemKind::Task => format!(
                    "{}月：按计划推进，已召开专题会议研究部署，相关工作有序开展。",
                    month
                ),
                ItemKind::Target => format!(
                    "1—{}月累计完成{}，正在加快推进。",
                    month,
                    value
                        .map(|v| format!("{v}{}", item.unit.clone().unwrap_or_default()))
                        .unwrap_or_default()
                ),
            };
            let problems = if pace < 0.8 {
                "要素保障不足，部分工作推进偏慢。"
            } else {
                ""
            };
            let next = "下一步将强化调度，确保按期完成年度目标。";
            let p = Period {
                year: DEMO_PERIOD.year,
                month,
            }
            .to_string();
            let id = reports::insert(
                &mut tx,
                &reports::NewReport {
                    item_id: item.id,
                    unit_id: unit,
                    period: &p,
                    fields: reports::ReportFields {
                        value,
                        milestone_done: done,
                        progress: &progress,
                        problems,
                        next_steps: next,
                    },
                    state: ReportState::Draft,
                    is_late: false,
                    is_contribution: false,
                    provenance: duban_core::Provenance::Reported.as_str(),
                    created_by: None,
                },
            )
            .await?;
            settle(&mut tx, id, ReportState::Draft, state, Some(r > 0.9)).await?;
        }
    }
    let _ = items::count_for_plan(&mut tx, plan_id).await?;
    Actor::cli()
        .audit(
            &mut tx,
            "seed_demo_progress",
            "plan",
            Some(plan_id),
            None,
            None,
        )
        .await?;
    tx.commit().await?;
    Ok(())
}
