//! Targets bound to a register: the figure a binding names, computed from the register,
//! and the target's status through the same rules as reported figures, with the figure's
//! source in the explanation.

use super::indicators::{SeriesField, SeriesValue, latest};
use super::projects::{ProjectFacts, ProjectLevel, funnel, investment};
use super::proposals::{ProposalFacts, stats as proposal_stats};
use super::services::{ServiceFacts, stats as service_stats};
use crate::model::ProjectStage;
use crate::period::Period;
use crate::status::{Assessment, ItemRule, Observation, Thresholds, assess};
use serde::{Deserialize, Serialize};
use time::Date;

/// A rate of the proposal register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalRate {
    Reply,
    Close,
    WorkSatisfaction,
    ResultSatisfaction,
}

/// A rate of the service catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceRate {
    AtMostOnce,
    NoVisit,
    FullyOnline,
    OneWindow,
}

/// The figure a target is bound to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BoundFigure {
    /// Projects that reached `stage` this year (新签约亿元以上项目26个以上).
    ProjectCount {
        stage: ProjectStage,
        over_100m_only: bool,
    },
    /// Total investment of those projects, 亿元.
    ProjectInvestment {
        stage: ProjectStage,
        over_100m_only: bool,
    },
    /// Year-to-date completed investment of the key projects at `levels` (empty: all),
    /// 亿元 (12个省市重点项目完成投资60亿元以上).
    CompletedInvestment {
        levels: Vec<ProjectLevel>,
    },
    ProposalRate {
        rate: ProposalRate,
    },
    ServiceRate {
        rate: ServiceRate,
    },
    ServiceCount,
    /// An indicator series (城镇新增就业3760人以上).
    Indicator {
        indicator_id: i64,
        field: SeriesField,
    },
}

impl BoundFigure {
    /// Where the figure comes from, for explanations and pages.
    pub fn source(&self, indicator_name: Option<&str>) -> String {
        let over = |o: &bool| if *o { "亿元以上" } else { "" };
        match self {
            Self::ProjectCount {
                stage,
                over_100m_only,
            } => {
                format!(
                    "重点项目台账：{}{}项目个数",
                    stage.label(),
                    over(over_100m_only)
                )
            }
            Self::ProjectInvestment {
                stage,
                over_100m_only,
            } => {
                format!(
                    "重点项目台账：{}{}项目总投资",
                    stage.label(),
                    over(over_100m_only)
                )
            }
            Self::CompletedInvestment { levels } => {
                let names: Vec<&str> = levels.iter().map(|l| l.label()).collect();
                if names.is_empty() {
                    "重点项目台账：完成投资".into()
                } else {
                    format!("重点项目台账：{}项目完成投资", names.join("、"))
                }
            }
            Self::ProposalRate { rate } => format!(
                "建议提案台账：{}",
                match rate {
                    ProposalRate::Reply => "办复率",
                    ProposalRate::Close => "办结率",
                    ProposalRate::WorkSatisfaction => "办理工作满意率",
                    ProposalRate::ResultSatisfaction => "办理结果满意率",
                }
            ),
            Self::ServiceRate { rate } => format!(
                "政务服务事项目录：{}",
                match rate {
                    ServiceRate::AtMostOnce => "“最多跑一次”比例",
                    ServiceRate::NoVisit => "“不见面审批”比例",
                    ServiceRate::FullyOnline => "“全程网办”比例",
                    ServiceRate::OneWindow => "“一窗受理”比例",
                }
            ),
            Self::ServiceCount => "政务服务事项目录：事项数".into(),
            Self::Indicator { field, .. } => format!(
                "经济运行指标“{}”{}",
                indicator_name.unwrap_or("（未命名）"),
                match field {
                    SeriesField::Level => "",
                    SeriesField::Growth => "累计增速",
                }
            ),
        }
    }
}

/// The register entries of one government and year, as the figures need them.
#[derive(Debug, Clone, Default)]
pub struct Registers<'a> {
    pub projects: &'a [ProjectFacts],
    pub proposals: &'a [ProposalFacts],
    pub services: &'a [ServiceFacts],
    /// Values of the indicator a binding names (the caller loads that one series).
    pub series: &'a [SeriesValue],
    pub indicator_name: Option<&'a str>,
}

/// A bound figure's value for a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureValue {
    pub value: Option<f64>,
    /// The period the value is for (earlier than asked when statistics lag).
    pub period: Period,
    pub source: String,
    pub lag_note: Option<String>,
}

pub fn figure(b: &BoundFigure, r: &Registers<'_>, period: Period, today: Date) -> FigureValue {
    let source = b.source(r.indicator_name);
    let plain = |value: Option<f64>| FigureValue {
        value,
        period,
        source: source.clone(),
        lag_note: None,
    };
    match b {
        BoundFigure::ProjectCount {
            stage,
            over_100m_only,
        } => {
            let f = funnel(r.projects, period);
            let c = f.stage(*stage);
            plain(Some(if *over_100m_only {
                c.count_over_100m
            } else {
                c.count
            } as f64))
        }
        BoundFigure::ProjectInvestment {
            stage,
            over_100m_only,
        } => {
            let f = funnel(r.projects, period);
            let c = f.stage(*stage);
            plain(Some(if *over_100m_only {
                c.investment_over_100m
            } else {
                c.investment
            }))
        }
        BoundFigure::CompletedInvestment { levels } => {
            let set: Vec<&ProjectFacts> = r
                .projects
                .iter()
                .filter(|p| levels.is_empty() || p.level.is_some_and(|l| levels.contains(&l)))
                .collect();
            plain(Some(investment(&set, period).completed))
        }
        BoundFigure::ProposalRate { rate } => {
            let s = proposal_stats(r.proposals, today, 0);
            plain(match rate {
                ProposalRate::Reply => s.reply_rate,
                ProposalRate::Close => s.close_rate,
                ProposalRate::WorkSatisfaction => s.work_satisfaction,
                ProposalRate::ResultSatisfaction => s.result_satisfaction,
            })
        }
        BoundFigure::ServiceRate { rate } => {
            let s = service_stats(r.services);
            plain(match rate {
                ServiceRate::AtMostOnce => s.at_most_once_rate,
                ServiceRate::NoVisit => s.no_visit_rate,
                ServiceRate::FullyOnline => s.fully_online_rate,
                ServiceRate::OneWindow => s.one_window_rate,
            })
        }
        BoundFigure::ServiceCount => plain(Some(r.services.len() as f64)),
        BoundFigure::Indicator { field, .. } => match latest(r.series, period, *field) {
            Some(l) => FigureValue {
                value: Some(l.value),
                period: l.period,
                source: format!("{source}（{}）", l.provenance.label()),
                lag_note: l.note,
            },
            None => plain(None),
        },
    }
}

/// The status of a bound target: the rule applied to the register's figure on the period
/// the figure is for, with its source (and any statistical lag) leading the explanation.
pub fn assess_bound(
    rule: &ItemRule,
    asked: Period,
    f: &FigureValue,
    th: &Thresholds,
) -> Assessment {
    let (period, obs) = match f.value {
        Some(v) => (f.period, Observation::Value(v)),
        None => (asked, Observation::NothingYet),
    };
    let mut a = assess(rule, period, &obs, th);
    a.explanation = match (&f.lag_note, f.value) {
        (_, None) => format!("{}：台账暂无{}数据", f.source, asked.ytd_label()),
        (Some(note), _) => format!("{}，{}：{}", note, f.source, a.explanation),
        (None, _) => format!("{}：{}", f.source, a.explanation),
    };
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Provenance;
    use crate::status::{Light, Status, Target};
    use crate::{Direction, Measure, Op};
    use time::macros::date;

    fn p(month: u8) -> Period {
        Period { year: 2024, month }
    }

    #[test]
    fn a_bound_count_follows_the_register() {
        let rule = ItemRule::from_figure(Measure::Level, Op::AtLeast, None, Some(26.0), "个");
        let b = BoundFigure::ProjectCount {
            stage: ProjectStage::Signed,
            over_100m_only: true,
        };
        let mut projects: Vec<ProjectFacts> = (0..13)
            .map(|i| ProjectFacts {
                over_100m: true,
                total_investment: 2.0,
                signed_on: Some(date!(2024 - 01 - 05) + time::Duration::days(i * 10)),
                ..Default::default()
            })
            .collect();
        let r = Registers {
            projects: &projects,
            ..Default::default()
        };
        let f = figure(&b, &r, p(6), date!(2024 - 07 - 01));
        assert_eq!(f.value, Some(13.0));
        let a = assess_bound(&rule, p(6), &f, &Thresholds::default());
        assert_eq!(a.status, Status::OnTrack);
        assert!(
            a.explanation
                .starts_with("重点项目台账：签约亿元以上项目个数：累计完成13个"),
            "{}",
            a.explanation
        );
        projects.truncate(8);
        let r = Registers {
            projects: &projects,
            ..Default::default()
        };
        let a = assess_bound(
            &rule,
            p(6),
            &figure(&b, &r, p(6), date!(2024 - 07 - 01)),
            &Thresholds::default(),
        );
        assert_eq!(a.status, Status::Behind);
    }

    #[test]
    fn a_lagged_indicator_says_which_months_it_judged() {
        let rule = ItemRule {
            target: Target::Growth {
                value: 6.0,
                direction: Direction::Up,
            },
            planned_curve: None,
            adjusted: false,
        };
        let series = [SeriesValue {
            period: p(5),
            level: None,
            growth: Some(6.5),
            provenance: Provenance::Statistics,
        }];
        let r = Registers {
            series: &series,
            indicator_name: Some("社会消费品零售总额"),
            ..Default::default()
        };
        let b = BoundFigure::Indicator {
            indicator_id: 1,
            field: SeriesField::Growth,
        };
        let f = figure(&b, &r, p(6), date!(2024 - 07 - 01));
        let a = assess_bound(&rule, p(6), &f, &Thresholds::default());
        assert_eq!(a.light, Light::Green);
        assert!(
            a.explanation.starts_with("统计数据滞后一个月，按1—5月数据判定，经济运行指标“社会消费品零售总额”累计增速（统计部门）："),
            "{}",
            a.explanation
        );
        let none = figure(&b, &Registers::default(), p(6), date!(2024 - 07 - 01));
        let a = assess_bound(&rule, p(6), &none, &Thresholds::default());
        assert_eq!(a.status, Status::NotStarted);
        assert!(a.explanation.contains("台账暂无1—6月数据"));
    }
}
