//! Status by rule (序时进度) and warning lights.

use crate::figure::{Direction, Measure, Op, text_enum};
use crate::period::Period;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The computed status of an item for a period. Never typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    Completed,
    Ahead,
    OnTrack,
    Behind,
    SeriouslyBehind,
    NotReported,
    NotStarted,
    Adjusted,
}
text_enum!(Status {
    Completed => "completed", "已完成";
    Ahead => "ahead", "超进度";
    OnTrack => "on_track", "达进度";
    Behind => "behind", "欠进度";
    SeriouslyBehind => "seriously_behind", "严重滞后";
    NotReported => "not_reported", "未填报";
    NotStarted => "not_started", "未启动";
    Adjusted => "adjusted", "已调整";
});

/// 红黄绿灯.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Light {
    Green,
    Yellow,
    Red,
    /// No light yet (未启动).
    None,
}
text_enum!(Light { Green => "green", "绿灯"; Yellow => "yellow", "黄灯"; Red => "red", "红灯"; None => "none", "无"; });

impl Status {
    /// Where a rule-assessed status sits on the progress scale (higher = better), so that
    /// lists can be sorted and "more progress never gives a worse status" can be stated.
    /// `None` for statuses that are not a measure of progress (未填报, 未启动, 已调整).
    pub const fn progress_rank(self) -> Option<u8> {
        match self {
            Self::SeriouslyBehind => Some(0),
            Self::Behind => Some(1),
            Self::OnTrack => Some(2),
            Self::Ahead => Some(3),
            Self::Completed => Some(4),
            Self::NotReported | Self::NotStarted | Self::Adjusted => None,
        }
    }
}

/// The configurable bands of the status and light rules. All point values are percentage
/// points. Missing fields in a stored config fall back to the defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Thresholds {
    /// diff ≥ this → 超进度 (level and share targets).
    pub ahead_points: f64,
    /// diff below this → 欠进度; at or above (and below `ahead_points`) → 达进度.
    pub behind_points: f64,
    /// diff below −this → 严重滞后; exactly −this is still 欠进度.
    pub serious_points: f64,
    /// Growth targets: ±this many points around the target separate 超/达/欠/严重.
    pub growth_band: f64,
    /// Ceiling targets: a value up to (1 + this) × cap is 欠进度, beyond is 严重滞后.
    pub ceiling_tolerance: f64,
    /// Lights only: a 欠进度 level item stays green while diff > −this (银川: 10).
    /// 0 means every 欠进度 is yellow.
    pub yellow_from_points: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            ahead_points: 10.0,
            behind_points: 0.0,
            serious_points: 30.0,
            growth_band: 2.0,
            ceiling_tolerance: 0.1,
            yellow_from_points: 0.0,
        }
    }
}

impl Thresholds {
    /// 银川 key projects (2025): yellow from 10 points below 序时 (inclusive) to 30, red
    /// beyond 30. The statuses are the default ones; only the light changes.
    pub fn yinchuan() -> Self {
        Self {
            yellow_from_points: 10.0,
            ..Self::default()
        }
    }
}

/// What an item's status is measured against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    /// A cumulative amount for the year (3760人, 80亿元): compared with 序时进度.
    Level { value: f64, unit: String },
    /// A year-to-date growth rate in %. For `Down`, both the target and the observed value
    /// are the size of the decrease (下降3% → 3.0); an observed negative means it rose.
    Growth { value: f64, direction: Direction },
    /// A cap (控制在…以内): the latest value must not exceed it. No time scaling.
    Ceiling { value: f64, unit: String },
    /// A rate to reach (覆盖率95%以上): the rate itself is compared, no time scaling.
    Share { value: f64, unit: String },
    /// A task without figures: assessed by its milestones.
    Task,
}

/// How one item is assessed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemRule {
    pub target: Target,
    /// Planned cumulative fraction (0..=1) of a level target per month, January first.
    /// A month given here overrides the linear month/12; `None` months keep the default.
    #[serde(default)]
    pub planned_curve: Option<[Option<f64>; 12]>,
    /// The target was formally changed: the status is 已调整, assessed against the new value.
    #[serde(default)]
    pub adjusted: bool,
}

impl ItemRule {
    /// The rule for a parsed target figure. A missing value makes the item a task.
    /// Any `<=` figure is a ceiling (for growth, a cap on the rate in the stated direction,
    /// e.g. 降幅控制在2%以内 caps the size of the decrease). A growth without a direction
    /// counts as upward.
    pub fn from_figure(
        measure: Measure,
        op: Op,
        direction: Option<Direction>,
        value: Option<f64>,
        unit: &str,
    ) -> ItemRule {
        let target = match (value, measure, op) {
            (None, _, _) => Target::Task,
            (Some(value), Measure::Growth, Op::AtMost) => Target::Ceiling {
                value,
                unit: if unit.is_empty() { "%" } else { unit }.to_string(),
            },
            (Some(value), _, Op::AtMost) => Target::Ceiling {
                value,
                unit: unit.to_string(),
            },
            (Some(value), Measure::Growth, _) => Target::Growth {
                value,
                direction: direction.unwrap_or(Direction::Up),
            },
            (Some(value), Measure::Share, _) => Target::Share {
                value,
                unit: unit.to_string(),
            },
            (Some(value), Measure::Level, _) => Target::Level {
                value,
                unit: unit.to_string(),
            },
        };
        ItemRule {
            target,
            planned_curve: None,
            adjusted: false,
        }
    }
}

/// What is known about the item for the period being assessed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Observation {
    /// No report ever, and the first due date has not passed.
    NothingYet,
    /// No accepted report for the period although its due date (text) has passed.
    Missing { due: String },
    /// The accepted figure: cumulative amount (level), YTD growth in % (growth), current
    /// value (ceiling, share), or 形象进度 in % (task).
    Value(f64),
    /// A task's milestone for the period.
    Milestone { done: bool, is_final: bool },
}

/// The computed status of an item for a period, with the numbers behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub status: Status,
    /// The rule result behind 已调整; `None` unless `status` is `Adjusted`.
    pub assessed_as: Option<Status>,
    pub light: Light,
    /// Percent of the target reached (level, share, ceiling).
    pub completion: Option<f64>,
    /// 序时进度 in percent (level targets and tasks with 形象进度).
    pub time_progress: Option<f64>,
    /// Percentage points: completion − 序时 (level), growth − target (growth),
    /// (value ÷ target − 1) × 100 (share).
    pub diff: Option<f64>,
    /// One line of Chinese saying how the status was reached.
    pub explanation: String,
}

mod rules;
#[cfg(test)]
mod tests;
mod text;

use rules::*;
use text::*;

/// The status of an item for `period` by rule. Never panics: an invalid target or a
/// non-finite value yields a status and an explanation saying so.
pub fn assess(rule: &ItemRule, period: Period, obs: &Observation, th: &Thresholds) -> Assessment {
    // Period's fields are public, so guard the month rather than trust it.
    let month = period.month.clamp(1, 12);
    let final_month = month == 12;
    let out = match obs {
        Observation::NothingYet => {
            Outcome::plain(Status::NotStarted, "尚未报送进展，首个报送期限未到")
        }
        Observation::Missing { due } => Outcome::plain(
            Status::NotReported,
            format!("截至{due}未报送{}年{month}月进展", period.year),
        ),
        Observation::Milestone { done, is_final } => milestone(*done, *is_final),
        // An unusable number needs the same chasing as a missing report.
        Observation::Value(v) if !v.is_finite() => {
            Outcome::plain(Status::NotReported, "本期报送的数值无效，按未填报处理")
        }
        Observation::Value(v) => {
            let v = *v;
            match &rule.target {
                Target::Level { value, unit } => level(
                    v,
                    *value,
                    format!("累计完成{}{unit}", num(v)),
                    true,
                    time_progress(rule, month),
                    th,
                ),
                Target::Growth { value, direction } => {
                    growth(v, *value, *direction, final_month, th)
                }
                Target::Ceiling { value, unit } => ceiling(v, *value, unit, final_month, th),
                Target::Share { value, unit } => share(v, *value, unit, final_month, th),
                // A task that reports a number reports its 形象进度 in percent.
                Target::Task => level(
                    v,
                    100.0,
                    format!("形象进度{}%", num(v)),
                    false,
                    time_progress(rule, month),
                    th,
                ),
            }
        }
    };
    let light = light_for(out.status, out.light_diff, th);
    // 未填报/未启动 involve no target, so a changed target does not hide them.
    let (status, assessed_as, explanation) =
        if rule.adjusted && out.status.progress_rank().is_some() {
            (
                Status::Adjusted,
                Some(out.status),
                format!(
                    "目标已调整，按调整后目标评估为{}：{}",
                    out.status.label(),
                    out.explanation
                ),
            )
        } else {
            (out.status, None, out.explanation)
        };
    Assessment {
        status,
        assessed_as,
        light,
        completion: out.completion,
        time_progress: out.time_progress,
        diff: out.diff,
        explanation,
    }
}

/// The light for a status. `diff` is the point difference against 序时 of a level-style
/// assessment; pass `None` for anything else (growth, ceiling, share, tasks), so that the
/// 银川 softening (`yellow_from_points`) applies only where 银川 defines it. For 已调整 pass
/// the `assessed_as` status: `Adjusted` on its own has no light.
pub fn light_for(status: Status, diff: Option<f64>, th: &Thresholds) -> Light {
    match status {
        Status::Completed | Status::Ahead | Status::OnTrack => Light::Green,
        Status::Behind => match diff {
            // 银川: yellow is 10–30 points below 序时 inclusive, so exactly −10 is yellow.
            Some(d) if th.yellow_from_points > 0.0 && snap(d) > -th.yellow_from_points => {
                Light::Green
            }
            _ => Light::Yellow,
        },
        Status::SeriouslyBehind | Status::NotReported => Light::Red,
        Status::NotStarted | Status::Adjusted => Light::None,
    }
}
