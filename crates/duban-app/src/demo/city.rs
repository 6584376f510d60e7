//! The city-scale data set (issue 13): a deterministic synthetic 市 with its 区县, each with
//! five years of plans (the seed report, grown to about a hundred items), the usual units
//! and users, every item assigned, monthly progress through the whole flow, and register
//! entries. It goes through the storage functions the app uses, in one transaction per
//! government set-up and per plan (no second schema); the same arguments give the same data.

use super::{DEMO_PASSWORD, SEED_REPORT, UNITS, noise, settle};
use crate::{Actor, App, Result};
use duban_core::{Cycle, GovLevel, ItemKind, Measure, Period, Provenance, ReportState, Role};
use duban_db::{city, items, org, reports};
use serde::Serialize;

/// How big a city to build. [`CityScale::full`] is the set; tests use small ones.
#[derive(Debug, Clone, Copy)]
pub struct CityScale {
    pub governments: usize,
    pub years: usize,
    /// Items per plan: the seed report's, then synthetic tasks up to this many.
    pub items_per_plan: usize,
    /// Projects and proposals per government and year.
    pub projects: usize,
    pub proposals: usize,
}

impl CityScale {
    /// 20 governments × 5 years, ~100 items each, ≈50,000 projects, ≈20,000 proposals.
    pub fn full() -> Self {
        Self {
            governments: 20,
            years: 5,
            items_per_plan: 100,
            projects: 500,
            proposals: 200,
        }
    }

    /// A fraction `f` (0–1] of the full city: fewer governments and register entries (at
    /// least one government, two years and thirty items a plan).
    pub fn scaled(self, f: f64) -> Self {
        let part = |n: usize, min: usize| ((n as f64 * f).round() as usize).clamp(min, n);
        Self {
            governments: part(self.governments, 1),
            years: part(self.years, 2),
            items_per_plan: part(self.items_per_plan, 30),
            projects: part(self.projects, 1),
            proposals: part(self.proposals, 1),
        }
    }
}

/// The city's own government and its 区县 (the first `governments` are used).
pub const CITY: &str = "江城市";
pub const DISTRICTS: &[&str] = &[
    "东湖区",
    "西山区",
    "南岸区",
    "北塘区",
    "江北区",
    "滨江区",
    "青山区",
    "白沙区",
    "龙泉区",
    "凤凰区",
    "石门县",
    "清河县",
    "桃源县",
    "松林县",
    "柳溪县",
    "云岭县",
    "梅山县",
    "溪口县",
    "金川县",
    "玉屏县",
];

#[derive(Debug, Clone, Serialize)]
pub struct CityInfo {
    pub governments: usize,
    pub plans: usize,
    pub items: usize,
    pub reports: usize,
    pub projects: usize,
    pub proposals: usize,
    pub password: &'static str,
    /// Logins: `city_dcs` (市督查室), `city_ld` (市领导), and per district `gNN_dcs`,
    /// `gNN_ld`, `gNN_fgw_tb` …
    pub logins: Vec<String>,
}

/// Builds the city into an empty database. `last` is the latest month with reports: the
/// years are `last.year - years + 1 ..= last.year`, earlier years reported for all twelve
/// months.
pub async fn build(app: &App, scale: CityScale, last: Period) -> Result<CityInfo> {
    let cli = Actor::cli();
    let hash = crate::auth::hash_password(DEMO_PASSWORD).await?;
    let mut info = CityInfo {
        governments: 0,
        plans: 0,
        items: 0,
        reports: 0,
        projects: 0,
        proposals: 0,
        password: DEMO_PASSWORD,
        logins: Vec::new(),
    };
    let mut tx = app.begin().await?;
    org::ensure_government(&mut tx, CITY, GovLevel::City).await?;
    for (name, display, role) in [
        ("city_dcs", "市督查室 钱处长", Role::Supervisor),
        ("city_ld", "市长 冯远", Role::Leader),
    ] {
        let u = insert_user(&mut tx, name, display, &hash, role, None).await?;
        city::set_user_government(&mut tx, u, None, true).await?;
        info.logins.push(name.into());
    }
    tx.commit().await?;

    for (g, gov_name) in DISTRICTS.iter().take(scale.governments).enumerate() {
        let gov = set_up_government(app, &hash, g, gov_name, &mut info).await?;
        for y in 0..scale.years {
            let year = last.year - (scale.years - 1 - y) as i32;
            let months = if year == last.year { last.month } else { 12 };
            let plan_id = plan(app, &cli, gov_name, year, scale.items_per_plan).await?;
            let (n_items, n_reports) = assign_and_report(app, plan_id, gov, year, months).await?;
            info.plans += 1;
            info.items += n_items;
            info.reports += n_reports;
            let (p, q) = super::city_registers::seed(app, gov, year, &scale).await?;
            info.projects += p;
            info.proposals += q;
        }
    }
    Ok(info)
}

async fn insert_user(
    tx: &mut duban_db::Tx,
    username: &str,
    display: &str,
    hash: &str,
    role: Role,
    unit_id: Option<i64>,
) -> Result<i64> {
    Ok(org::insert_user(
        tx,
        &org::NewUser {
            username,
            display_name: display,
            password_hash: hash,
            role,
            unit_id,
        },
    )
    .await?
    .id)
}

/// The government, its units (the same names in every district, 县 for a county) and its
/// users, in one transaction.
async fn set_up_government(
    app: &App,
    hash: &str,
    g: usize,
    name: &str,
    info: &mut CityInfo,
) -> Result<i64> {
    let mut tx = app.begin().await?;
    let gov = org::ensure_government(&mut tx, name, GovLevel::from_name(name)).await?;
    let county = name.ends_with('县');
    let mut unit_ids = Vec::new();
    for u in UNITS {
        let n = if county && u.starts_with('区') {
            format!("县{}", &u['区'.len_utf8()..])
        } else {
            (*u).to_string()
        };
        let kind = duban_core::UnitKind::from_name(&n);
        unit_ids.push(
            org::insert_unit_in(&mut tx, Some(gov.id), &n, None, kind)
                .await?
                .id,
        );
    }
    let p = format!("g{:02}", g + 1);
    let mut people = vec![
        (
            format!("{p}_dcs"),
            format!("{name}督查室"),
            Role::Supervisor,
            None,
        ),
        (format!("{p}_ld"), format!("{name}区长"), Role::Leader, None),
        (
            format!("{p}_ld2"),
            format!("{name}副区长"),
            Role::Leader,
            None,
        ),
    ];
    for (i, short) in ["fgw", "gxj", "rsj"].iter().enumerate() {
        let unit = Some(unit_ids[1 + i]);
        people.push((
            format!("{p}_{short}_tb"),
            format!("{name}{short}填报"),
            Role::Reporter,
            unit,
        ));
        people.push((
            format!("{p}_{short}_sh"),
            format!("{name}{short}审核"),
            Role::Approver,
            unit,
        ));
    }
    for (username, display, role, unit) in &people {
        let id = insert_user(&mut tx, username, display, hash, *role, *unit).await?;
        city::set_user_government(&mut tx, id, Some(gov.id), false).await?;
        info.logins.push(username.clone());
    }
    Actor::cli()
        .audit(
            &mut tx,
            "seed_city_government",
            "government",
            Some(gov.id),
            None,
            None,
        )
        .await?;
    tx.commit().await?;
    info.governments += 1;
    Ok(gov.id)
}

/// Imports the seed report as the government's plan of `year`, then adds synthetic tasks
/// up to `n` items in one transaction.
async fn plan(app: &App, cli: &Actor, gov: &str, year: i32, n: usize) -> Result<i64> {
    let file = format!("{gov}{year}年政府工作报告.txt");
    let s = crate::import::import_report(app, cli, gov, Some(year), &file, SEED_REPORT.as_bytes())
        .await?;
    let mut tx = app.begin().await?;
    let have = items::count_for_plan(&mut tx, s.plan_id).await? as usize;
    let section = duban_db::plans::sections(&mut tx, s.plan_id)
        .await?
        .last()
        .map(|s| s.id);
    for k in have..n {
        let title = format!("推进第{}项重点民生实事", k + 1 - have);
        let text = format!("{title}，年底前全面完成。");
        items::insert(
            &mut tx,
            &items::NewItem {
                plan_id: s.plan_id,
                section_id: section,
                parent_id: None,
                seq: k as i64 + 1,
                kind: ItemKind::Task,
                title: &title,
                text: &text,
                indicator: None,
                value: None,
                value_max: None,
                unit: None,
                op: None,
                measure: None,
                direction: None,
                figure_year: None,
                start_char: None,
                end_char: None,
            },
        )
        .await?;
    }
    cli.audit(
        &mut tx,
        "seed_city_items",
        "plan",
        Some(s.plan_id),
        None,
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(s.plan_id)
}

/// Assigns every item (lead unit, 0–11 supporting units, a leader, quarterly milestones for
/// tasks) and writes each taking unit's report for every month: accepted for the months
/// before the last, every state of the flow in the last. One transaction per plan.
async fn assign_and_report(
    app: &App,
    plan_id: i64,
    gov: i64,
    year: i32,
    months: u8,
) -> Result<(usize, usize)> {
    let mut tx = app.begin().await?;
    let units: Vec<i64> = city::units_in(&mut tx, gov)
        .await?
        .iter()
        .map(|u| u.id)
        .collect();
    let leaders: Vec<(i64, String)> = city::leaders_in(&mut tx, gov)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let list = items::list(
        &mut tx,
        &items::ItemFilter {
            plan_id,
            ..Default::default()
        },
    )
    .await?;
    let deadline = time::Date::from_calendar_date(year, time::Month::December, 31).ok();
    let mut n_reports = 0;
    for item in &list {
        let h = |k: u8| noise(item.id, k);
        let lead = units[1 + (h(20) * (units.len() - 1) as f64) as usize % (units.len() - 1)];
        let mut takers = vec![lead];
        for k in 0..(h(21) * 12.0) as u8 {
            let u = units[(h(22 + k) * units.len() as f64) as usize % units.len()];
            if !takers.contains(&u) {
                takers.push(u);
            }
        }
        let leader = leaders.get(item.id as usize % leaders.len().max(1));
        items::set_assignment(
            &mut tx,
            item.id,
            &items::AssignmentInput {
                lead_unit_id: lead,
                supporting_unit_ids: &takers[1..],
                leader_name: leader.map(|l| l.1.as_str()),
                leader_user_id: leader.map(|l| l.0),
                deadline,
                weight: 1.0,
                cycle: Cycle::Monthly,
                note: None,
                updated_by: None,
            },
        )
        .await?;
        if item.kind == ItemKind::Task {
            let ms: Vec<(String, &str)> = [
                (3, "完成方案制定"),
                (6, "完成一半"),
                (9, "完成主体工作"),
                (12, "全面完成"),
            ]
            .iter()
            .map(|(m, d)| (format!("{year}-{m:02}"), *d))
            .collect();
            let inputs: Vec<items::MilestoneInput<'_>> = ms
                .iter()
                .map(|(p, d)| items::MilestoneInput {
                    period: p,
                    planned_value: None,
                    description: Some(d),
                    is_final: p.ends_with("-12"),
                })
                .collect();
            items::set_milestones(&mut tx, item.id, &inputs).await?;
        }
        let pace = 0.55 + 0.75 * h(0);
        for month in 1..=months {
            let r = h(month);
            let state = if month < months || r >= 0.6 {
                ReportState::Accepted
            } else if r < 0.15 {
                continue; // not reported yet
            } else if r < 0.3 {
                ReportState::Draft
            } else if r < 0.45 {
                ReportState::Submitted
            } else {
                ReportState::Approved
            };
            let value = match (item.kind, item.value, item.measure()) {
                (ItemKind::Task, _, _) | (_, None, _) => None,
                (_, Some(t), Some(Measure::Growth | Measure::Share)) => {
                    Some((t * (0.7 + 0.5 * pace) * 10.0).round() / 10.0)
                }
                (_, Some(t), _) => Some((t * f64::from(month) / 12.0 * pace).round()),
            };
            let done = (item.kind == ItemKind::Task).then_some(pace > 0.7 || month % 3 != 0);
            let p = Period { year, month }.to_string();
            let progress = format!("{month}月：按计划推进，相关工作有序开展。");
            // Reports meant to be accepted are stored so; the rest start as drafts.
            let inserted = if state == ReportState::Accepted {
                state
            } else {
                ReportState::Draft
            };
            for (k, unit) in takers.iter().enumerate() {
                let id = reports::insert(
                    &mut tx,
                    &reports::NewReport {
                        item_id: item.id,
                        unit_id: *unit,
                        period: &p,
                        fields: reports::ReportFields {
                            value: if k == 0 { value } else { None },
                            milestone_done: done,
                            progress: &progress,
                            problems: if pace < 0.8 {
                                "要素保障不足。"
                            } else {
                                ""
                            },
                            next_steps: "强化调度，确保按期完成。",
                        },
                        state: inserted,
                        is_late: r > 0.9,
                        is_contribution: k > 0,
                        provenance: Provenance::Reported.as_str(),
                        created_by: None,
                    },
                )
                .await?;
                n_reports += 1;
                // The last month walks the flow: the state it reached, and its history.
                if month == months {
                    settle(&mut tx, id, inserted, state, None).await?;
                }
            }
        }
    }
    Actor::cli()
        .audit(
            &mut tx,
            "seed_city_progress",
            "plan",
            Some(plan_id),
            None,
            None,
        )
        .await?;
    tx.commit().await?;
    Ok((list.len(), n_reports))
}
