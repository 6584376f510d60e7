//! 重点项目 (B9): stages with their dates, the 招商 funnel, completed investment against
//! 序时, and the 银川 lights (B5).

use super::calendar::{add_months, month_end};
use super::{amount_text, pct_text, rate};
use crate::figure::text_enum;
use crate::model::ProjectStage;
use crate::period::Period;
use crate::status::{ItemRule, Light, Observation, Target, Thresholds, assess};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use time::Date;

/// The level at which a project is listed as 重点.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProjectLevel {
    Province,
    City,
    District,
}
text_enum!(ProjectLevel { Province => "province", "省重点"; City => "city", "市重点"; District => "district", "区重点"; });

/// What the rules need of a project. Money is in 亿元.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ProjectFacts {
    pub id: i64,
    pub name: String,
    pub level: Option<ProjectLevel>,
    /// 亿元以上项目.
    pub over_100m: bool,
    pub total_investment: f64,
    /// This year's planned investment.
    pub annual_plan: Option<f64>,
    pub signed_on: Option<Date>,
    pub landed_on: Option<Date>,
    pub started_on: Option<Date>,
    pub producing_on: Option<Date>,
    pub planned_start: Option<Date>,
    /// 入统/入库 date.
    pub registered_on: Option<Date>,
    /// Year-to-date completed investment per reported month (accepted reports only).
    pub completed: Vec<(Period, f64)>,
}

impl ProjectFacts {
    /// The date the project reached `stage`, if it has.
    pub fn reached(&self, stage: ProjectStage) -> Option<Date> {
        match stage {
            ProjectStage::Signed => self.signed_on,
            ProjectStage::Landed => self.landed_on,
            ProjectStage::Started => self.started_on,
            ProjectStage::Producing => self.producing_on,
        }
    }

    /// The furthest stage reached by `on` (`None`: not even signed yet).
    pub fn stage_on(&self, on: Date) -> Option<ProjectStage> {
        ProjectStage::ALL
            .iter()
            .rev()
            .copied()
            .find(|s| self.reached(*s).is_some_and(|d| d <= on))
    }

    /// The year-to-date completed investment reported for `period` or the latest month of
    /// the same year before it.
    pub fn completed_until(&self, period: Period) -> Option<f64> {
        self.completed
            .iter()
            .filter(|(p, v)| p.year == period.year && *p <= period && v.is_finite())
            .max_by_key(|(p, _)| *p)
            .map(|(_, v)| *v)
    }
}

/// One stage of the funnel: the projects that reached it within the year to date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageCount {
    pub stage: ProjectStage,
    pub count: usize,
    pub investment: f64,
    pub count_over_100m: usize,
    pub investment_over_100m: f64,
}

/// The 招商 funnel of a year up to a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Funnel {
    pub period: Period,
    pub stages: Vec<StageCount>,
    /// 开工率: of the projects planned to start by the period's end, the share started.
    pub start_rate: Option<f64>,
    /// 履约率: of the projects signed this year, the share that has landed.
    pub fulfil_rate: Option<f64>,
    /// 投产率: of the projects started this year, the share producing.
    pub production_rate: Option<f64>,
}

impl Funnel {
    pub fn stage(&self, s: ProjectStage) -> &StageCount {
        // `funnel` always fills every stage in ALL's order.
        &self.stages[ProjectStage::ALL.iter().position(|x| *x == s).unwrap_or(0)]
    }

    /// "新签约项目42个、总投资261.2亿元".
    pub fn sentence(&self, s: ProjectStage) -> String {
        let c = self.stage(s);
        format!(
            "新{}项目{}个、总投资{}亿元",
            s.label(),
            c.count,
            amount_text(c.investment)
        )
    }
}

fn within(d: Option<Date>, year: i32, end: Date) -> bool {
    d.is_some_and(|d| d.year() == year && d <= end)
}

/// Counts per stage of the projects that reached the stage in `period`'s year, up to the
/// end of `period`'s month.
pub fn funnel(projects: &[ProjectFacts], period: Period) -> Funnel {
    let end = month_end(period.year, period.month);
    let y = period.year;
    let stages = ProjectStage::ALL
        .iter()
        .map(|&stage| {
            let mut c = StageCount {
                stage,
                count: 0,
                investment: 0.0,
                count_over_100m: 0,
                investment_over_100m: 0.0,
            };
            for p in projects.iter().filter(|p| within(p.reached(stage), y, end)) {
                let inv = if p.total_investment.is_finite() {
                    p.total_investment
                } else {
                    0.0
                };
                c.count += 1;
                c.investment += inv;
                if p.over_100m {
                    c.count_over_100m += 1;
                    c.investment_over_100m += inv;
                }
            }
            c.investment = round2(c.investment);
            c.investment_over_100m = round2(c.investment_over_100m);
            c
        })
        .collect();
    let planned: Vec<&ProjectFacts> = projects
        .iter()
        .filter(|p| within(p.planned_start, y, end))
        .collect();
    let started_of_planned = planned
        .iter()
        .filter(|p| p.started_on.is_some_and(|d| d <= end))
        .count();
    let signed: Vec<&ProjectFacts> = projects
        .iter()
        .filter(|p| within(p.signed_on, y, end))
        .collect();
    let landed_of_signed = signed
        .iter()
        .filter(|p| p.landed_on.is_some_and(|d| d <= end))
        .count();
    let started: Vec<&ProjectFacts> = projects
        .iter()
        .filter(|p| within(p.started_on, y, end))
        .collect();
    let producing_of_started = started
        .iter()
        .filter(|p| p.producing_on.is_some_and(|d| d <= end))
        .count();
    Funnel {
        period,
        stages,
        start_rate: rate(started_of_planned, planned.len()),
        fulfil_rate: rate(landed_of_signed, signed.len()),
        production_rate: rate(producing_of_started, started.len()),
    }
}

/// Sums of money are shown to 0.01亿元; rounding keeps 261.2 from printing as 261.19999.
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Completed investment of a set of projects against their annual plan and 序时.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvestmentProgress {
    pub period: Period,
    pub projects: usize,
    pub annual_plan: f64,
    pub completed: f64,
    /// Completed ÷ annual plan, in percent.
    pub share_of_plan: Option<f64>,
    /// 序时进度 in percent (months ÷ 12).
    pub time_progress: f64,
    /// share − 序时, percentage points.
    pub diff: Option<f64>,
    /// "1—10月完成投资629亿元，占年度投资计划的97.2%，超过时间进度13.8个百分点".
    pub explanation: String,
}

/// The investment of `projects` up to `period` (each project's latest YTD figure).
pub fn investment(projects: &[&ProjectFacts], period: Period) -> InvestmentProgress {
    let plan = round2(
        projects
            .iter()
            .filter_map(|p| p.annual_plan.filter(|v| v.is_finite()))
            .sum(),
    );
    let done = round2(
        projects
            .iter()
            .filter_map(|p| p.completed_until(period))
            .sum(),
    );
    let tp = f64::from(period.month.clamp(1, 12)) * 100.0 / 12.0;
    let share = (plan > 0.0).then(|| done * 100.0 / plan);
    let diff = share.map(|s| s - tp);
    let mut explanation = format!(
        "{}个项目{}完成投资{}亿元",
        projects.len(),
        period.ytd_label(),
        amount_text(done)
    );
    if let (Some(s), Some(d)) = (share, diff) {
        let d1 = (d * 10.0).round() / 10.0;
        let gap = if d1 > 0.0 {
            format!("超过时间进度{:.1}个百分点", d1)
        } else if d1 < 0.0 {
            format!("低于时间进度{:.1}个百分点", -d1)
        } else {
            "与时间进度持平".to_string()
        };
        explanation.push_str(&format!("，占年度投资计划的{}，{gap}", pct_text(s)));
    } else {
        explanation.push_str("，未填年度投资计划");
    }
    InvestmentProgress {
        period,
        projects: projects.len(),
        annual_plan: plan,
        completed: done,
        share_of_plan: share,
        time_progress: tp,
        diff,
        explanation,
    }
}

/// A project's 银川 light with the reasons behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectLight {
    pub light: Light,
    pub reasons: Vec<String>,
}

fn worse(a: Light, b: Light) -> Light {
    let rank = |l: Light| match l {
        Light::None => 0,
        Light::Green => 1,
        Light::Yellow => 2,
        Light::Red => 3,
    };
    if rank(b) > rank(a) { b } else { a }
}

/// Calendar months from `a`'s month to `b`'s month (0 in the same month).
fn month_index_diff(a: Date, b: Date) -> i32 {
    (b.year() - a.year()) * 12 + i32::from(u8::from(b.month())) - i32::from(u8::from(a.month()))
}

/// The 银川 rules for one project on `today`, with completed investment judged for
/// `period`:
/// - 开工: planned to start by this month and not started → yellow; 3 or more months after
///   the planned month → red;
/// - 入统: started and not registered 1 month later → yellow; 2 months later → red;
/// - 序时: completed ÷ annual plan 10–30 points below 序时 → yellow; more than 30 → red.
pub fn project_light(p: &ProjectFacts, period: Period, today: Date) -> ProjectLight {
    let mut light = Light::Green;
    let mut reasons = Vec::new();
    if let Some(ps) = p.planned_start
        && p.started_on.is_none_or(|s| s > today)
        && ps <= today
    {
        let late = month_index_diff(ps, today);
        let l = if late >= 3 { Light::Red } else { Light::Yellow };
        light = worse(light, l);
        reasons.push(if late == 0 {
            format!("计划{}月开工，尚未开工", u8::from(ps.month()))
        } else {
            format!(
                "计划{}年{}月开工，已滞后{late}个月未开工",
                ps.year(),
                u8::from(ps.month())
            )
        });
    }
    if let Some(s) = p.started_on.filter(|s| *s <= today)
        && p.registered_on.is_none_or(|r| r > today)
    {
        let l = if today >= add_months(s, 2) {
            Some(Light::Red)
        } else if today >= add_months(s, 1) {
            Some(Light::Yellow)
        } else {
            None
        };
        if let Some(l) = l {
            light = worse(light, l);
            reasons.push(format!(
                "{}开工，{}未入统",
                s,
                if l == Light::Red {
                    "超过2个月"
                } else {
                    "满1个月"
                }
            ));
        }
    }
    if let (Some(plan), Some(done)) = (
        p.annual_plan.filter(|v| v.is_finite() && *v > 0.0),
        p.completed_until(period),
    ) {
        let rule = ItemRule {
            target: Target::Level {
                value: plan,
                unit: "亿元".into(),
            },
            planned_curve: None,
            adjusted: false,
        };
        let a = assess(
            &rule,
            period,
            &Observation::Value(done),
            &Thresholds::yinchuan(),
        );
        if matches!(a.light, Light::Yellow | Light::Red) {
            reasons.push(format!("投资进度：{}", a.explanation));
        }
        light = worse(light, a.light);
    }
    ProjectLight { light, reasons }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    fn p(month: u8) -> Period {
        Period { year: 2024, month }
    }

    #[test]
    fn investment_against_time_progress_reads_like_the_bulletin() {
        let a = ProjectFacts {
            annual_plan: Some(647.3),
            completed: vec![(p(9), 500.0), (p(10), 629.0)],
            ..Default::default()
        };
        let inv = investment(&[&a], p(10));
        assert_eq!(inv.completed, 629.0);
        assert!(
            inv.explanation
                .ends_with("占年度投资计划的97.2%，超过时间进度13.8个百分点"),
            "{}",
            inv.explanation
        );
        // The seed: 15 projects, 34.7亿元 done of a 28.6亿元 plan = 121.3%.
        let many: Vec<ProjectFacts> = (0..15)
            .map(|i| ProjectFacts {
                annual_plan: Some(if i == 0 { 28.6 - 14.0 * 1.9 } else { 1.9 }),
                completed: vec![(
                    Period {
                        year: 2023,
                        month: 12,
                    },
                    if i == 0 { 34.7 - 14.0 * 2.3 } else { 2.3 },
                )],
                ..Default::default()
            })
            .collect();
        let refs: Vec<&ProjectFacts> = many.iter().collect();
        let inv = investment(
            &refs,
            Period {
                year: 2023,
                month: 12,
            },
        );
        assert_eq!(
            (inv.projects, inv.completed, inv.annual_plan),
            (15, 34.7, 28.6)
        );
        assert_eq!(pct_text(inv.share_of_plan.unwrap()), "121.3%");
        assert!(
            inv.explanation.contains("完成投资34.7亿元"),
            "{}",
            inv.explanation
        );
        // Behind: 4亿元 of 12 in June (33.3% vs 50%).
        let b = ProjectFacts {
            annual_plan: Some(12.0),
            completed: vec![(p(6), 4.0)],
            ..Default::default()
        };
        assert!(
            investment(&[&b], p(6))
                .explanation
                .ends_with("低于时间进度16.7个百分点")
        );
        // A later year's figures never count for an earlier period.
        assert_eq!(b.completed_until(p(5)), None);
    }

    #[test]
    fn funnel_counts_each_stage_in_the_year() {
        let mk =
            |signed: Date, landed: Option<Date>, started: Option<Date>, inv: f64| ProjectFacts {
                over_100m: inv >= 1.0,
                total_investment: inv,
                signed_on: Some(signed),
                landed_on: landed,
                started_on: started,
                ..Default::default()
            };
        let list = vec![
            mk(
                date!(2024 - 01 - 10),
                Some(date!(2024 - 03 - 01)),
                Some(date!(2024 - 05 - 01)),
                5.0,
            ),
            mk(
                date!(2024 - 02 - 10),
                Some(date!(2024 - 07 - 01)),
                None,
                0.5,
            ),
            mk(date!(2024 - 06 - 30), None, None, 2.0),
            mk(
                date!(2023 - 12 - 31),
                Some(date!(2024 - 01 - 05)),
                None,
                3.0,
            ),
        ];
        let f = funnel(&list, p(6));
        let s = f.stage(ProjectStage::Signed);
        assert_eq!(
            (
                s.count,
                s.investment,
                s.count_over_100m,
                s.investment_over_100m
            ),
            (3, 7.5, 2, 7.0)
        );
        let l = f.stage(ProjectStage::Landed);
        assert_eq!((l.count, l.investment), (2, 8.0));
        assert_eq!(f.stage(ProjectStage::Started).count, 1);
        assert_eq!(f.fulfil_rate, Some(100.0 / 3.0));
        assert_eq!(f.production_rate, Some(0.0));
        assert_eq!(
            f.sentence(ProjectStage::Signed),
            "新签约项目3个、总投资7.5亿元"
        );
        let mut planned = list[0].clone();
        planned.planned_start = Some(date!(2024 - 04 - 01));
        let mut late = list[1].clone();
        late.planned_start = Some(date!(2024 - 05 - 01));
        assert_eq!(funnel(&[planned, late], p(6)).start_rate, Some(50.0));
    }

    #[test]
    fn yinchuan_lights() {
        let base = ProjectFacts {
            planned_start: Some(date!(2024 - 03 - 10)),
            ..Default::default()
        };
        assert_eq!(
            project_light(&base, p(2), date!(2024 - 02 - 20)).light,
            Light::Green
        );
        assert_eq!(
            project_light(&base, p(3), date!(2024 - 03 - 25)).light,
            Light::Yellow
        );
        assert_eq!(
            project_light(&base, p(5), date!(2024 - 05 - 25)).light,
            Light::Yellow
        );
        let red = project_light(&base, p(6), date!(2024 - 06 - 01));
        assert_eq!(red.light, Light::Red, "{red:?}");
        assert!(red.reasons[0].contains("滞后3个月"));
        let started = ProjectFacts {
            started_on: Some(date!(2024 - 01 - 31)),
            ..Default::default()
        };
        assert_eq!(
            project_light(&started, p(2), date!(2024 - 02 - 28)).light,
            Light::Green
        );
        assert_eq!(
            project_light(&started, p(2), date!(2024 - 02 - 29)).light,
            Light::Yellow
        );
        assert_eq!(
            project_light(&started, p(3), date!(2024 - 03 - 31)).light,
            Light::Red
        );
        let mut registered = started.clone();
        registered.registered_on = Some(date!(2024 - 02 - 15));
        assert_eq!(
            project_light(&registered, p(3), date!(2024 - 03 - 31)).light,
            Light::Green
        );
        // 序时: June, 50%. 40% → 10 points below → yellow; 19% → 31 below → red; 41% green.
        let inv = |done: f64| ProjectFacts {
            annual_plan: Some(100.0),
            completed: vec![(p(6), done)],
            ..Default::default()
        };
        let at = date!(2024 - 06 - 30);
        assert_eq!(project_light(&inv(41.0), p(6), at).light, Light::Green);
        assert_eq!(project_light(&inv(40.0), p(6), at).light, Light::Yellow);
        assert_eq!(project_light(&inv(20.0), p(6), at).light, Light::Yellow);
        assert_eq!(project_light(&inv(19.0), p(6), at).light, Light::Red);
    }

    proptest! {
        #[test]
        fn funnel_sums_and_rates(invs in proptest::collection::vec(0.0f64..50.0, 0..40), month in 1u8..=12) {
            let list: Vec<ProjectFacts> = invs.iter().enumerate().map(|(i, v)| ProjectFacts {
                over_100m: *v >= 1.0,
                total_investment: *v,
                signed_on: Some(date!(2024 - 01 - 01) + time::Duration::days(i as i64 * 9)),
                landed_on: (i % 2 == 0).then(|| date!(2024 - 02 - 01) + time::Duration::days(i as i64 * 9)),
                ..Default::default()
            }).collect();
            let f = funnel(&list, p(month));
            let s = f.stage(ProjectStage::Signed);
            prop_assert!(s.count_over_100m <= s.count);
            prop_assert!(s.investment_over_100m <= s.investment + 1e-9);
            prop_assert!(f.stage(ProjectStage::Landed).count <= list.len());
            for r in [f.start_rate, f.fulfil_rate, f.production_rate].into_iter().flatten() {
                prop_assert!((0.0..=100.0).contains(&r));
            }
        }
    }
}
