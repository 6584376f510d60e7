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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
mod tests;
