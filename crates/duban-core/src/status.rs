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

/// Rounds to 1e-9 so that boundaries written as decimals (diff exactly +10, −30, a value
/// exactly at 1.1 × cap) land on the side the rule says despite binary float error.
/// Values too large for the rounding to mean anything pass through unchanged.
fn snap(x: f64) -> f64 {
    if x.is_finite() && x.abs() < 1e6 {
        (x * 1e9).round() / 1e9
    } else {
        x
    }
}

/// A figure as given: up to four decimals, trailing zeros dropped (2130, 121.3, 4.5).
fn num(x: f64) -> String {
    if !x.is_finite() {
        return "无效数值".to_string();
    }
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// Shown instead of a computed number that overflowed (a huge value over a tiny target).
const OVERFLOW: &str = "（数值溢出）";

/// A computed percentage with its sign: always one decimal (50.0%, 56.6%).
fn pct(x: f64) -> String {
    if !x.is_finite() {
        return OVERFLOW.to_string();
    }
    let s = format!("{x:.1}");
    if s == "-0.0" {
        "0.0%".to_string()
    } else {
        format!("{s}%")
    }
}

/// The size of a point difference; more decimals when one would show 0.0 for a nonzero gap,
/// so a 欠进度 never reads "低于序时0.0个百分点".
fn points(d: f64) -> String {
    if !d.is_finite() {
        return OVERFLOW.to_string();
    }
    let a = d.abs();
    let s = format!("{a:.1}");
    if s != "0.0" || a == 0.0 {
        return s;
    }
    let s = format!("{a:.2}");
    if s != "0.00" {
        s
    } else {
        "不足0.01".to_string()
    }
}

fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// The result of a rule before 已调整 and the light are applied.
struct Outcome {
    status: Status,
    completion: Option<f64>,
    time_progress: Option<f64>,
    diff: Option<f64>,
    /// The diff the light may soften on (序时-based results only).
    light_diff: Option<f64>,
    explanation: String,
}

impl Outcome {
    fn plain(status: Status, explanation: impl Into<String>) -> Self {
        Self {
            status,
            completion: None,
            time_progress: None,
            diff: None,
            light_diff: None,
            explanation: explanation.into(),
        }
    }
}

/// 已完成 / 超 / 达 / 欠 / 严重 by a point difference, shared by level and share targets.
fn by_points(diff: f64, th: &Thresholds) -> Status {
    if diff >= th.ahead_points {
        Status::Ahead
    } else if diff >= th.behind_points {
        Status::OnTrack
    } else if diff >= -th.serious_points {
        Status::Behind
    } else {
        Status::SeriouslyBehind
    }
}

/// A target that cannot be divided by (zero, negative, not a number): met only if the value
/// reaches it, never 已完成. `lead` names the value with its unit.
fn unassessable(v: f64, t: f64, lead: &str) -> Outcome {
    if !t.is_finite() {
        return Outcome::plain(
            Status::Behind,
            format!("{lead}，目标值无效，无法评估，请核对目标"),
        );
    }
    let (status, side) = if v >= t {
        (Status::OnTrack, "不低于")
    } else {
        (Status::Behind, "低于")
    };
    Outcome::plain(
        status,
        format!("{lead}，目标值{}无法计算完成比例，当前值{side}目标", num(t)),
    )
}

/// 序时进度 in percent for `month`: the planned curve where it gives the month, else m/12.
fn time_progress(rule: &ItemRule, month: u8) -> (f64, bool) {
    let planned = rule
        .planned_curve
        .as_ref()
        .and_then(|c| c[usize::from(month) - 1])
        .filter(|f| f.is_finite());
    match planned {
        Some(f) => (f.clamp(0.0, 1.0) * 100.0, true),
        None => (f64::from(month) * 100.0 / 12.0, false),
    }
}

/// A level target against 序时. `lead` names the value ("累计完成2130人" / "形象进度60%").
fn level(
    v: f64,
    t: f64,
    lead: String,
    show_share: bool,
    tp: (f64, bool),
    th: &Thresholds,
) -> Outcome {
    if !(t.is_finite() && t > 0.0) {
        return unassessable(v, t, &lead);
    }
    let (tp, planned) = tp;
    let completion = snap(v * 100.0 / t);
    let diff = snap(completion - tp);
    let share = if show_share {
        format!("，占目标{}", pct(completion))
    } else {
        String::new()
    };
    let tp_text = if planned {
        format!("序时进度（按年度计划）{}", pct(tp))
    } else {
        format!("序时进度{}", pct(tp))
    };
    let (status, tail) = if completion >= 100.0 {
        (Status::Completed, "已完成年度目标".to_string())
    } else {
        let tail = if diff > 0.0 {
            format!("超序时{}个百分点", points(diff))
        } else if diff < 0.0 {
            format!("低于序时{}个百分点", points(diff))
        } else {
            "与序时持平".to_string()
        };
        (by_points(diff, th), format!("{tp_text}，{tail}"))
    };
    Outcome {
        status,
        completion: finite(completion),
        time_progress: Some(tp),
        diff: finite(diff),
        light_diff: finite(diff),
        explanation: format!("{lead}{share}，{tail}"),
    }
}

fn growth(g: f64, t: f64, dir: Direction, final_month: bool, th: &Thresholds) -> Outcome {
    let (up_word, down_word, better, worse) = match dir {
        Direction::Up => ("增长", "下降", "高于目标", "低于目标"),
        Direction::Down => ("下降", "上升", "降幅超过目标", "降幅低于目标"),
    };
    let observed = if g >= 0.0 {
        format!("累计{up_word}{}%", num(g))
    } else {
        format!("累计{down_word}{}%", num(-g))
    };
    if !t.is_finite() {
        return Outcome::plain(
            Status::Behind,
            format!("{observed}，目标值无效，无法评估，请核对目标"),
        );
    }
    let diff = snap(g - t);
    let status = if final_month && diff >= 0.0 {
        Status::Completed
    } else if g < 0.0 && t >= 0.0 {
        // Going the wrong way is serious whatever the band says (天津: red = 负增长).
        Status::SeriouslyBehind
    } else if diff >= th.growth_band {
        Status::Ahead
    } else if diff >= 0.0 {
        Status::OnTrack
    } else if diff >= -th.growth_band {
        Status::Behind
    } else {
        Status::SeriouslyBehind
    };
    let gap = if diff > 0.0 {
        format!("{better}{}个百分点", points(diff))
    } else if diff < 0.0 {
        format!("{worse}{}个百分点", points(diff))
    } else {
        "与目标持平".to_string()
    };
    let note = match status {
        Status::Completed => "，完成年度目标",
        Status::SeriouslyBehind if g < 0.0 && t >= 0.0 => match dir {
            Direction::Up => "（负增长）",
            Direction::Down => "（不降反升）",
        },
        _ => "",
    };
    Outcome {
        status,
        completion: None,
        time_progress: None,
        diff: finite(diff),
        light_diff: None,
        explanation: format!("{observed}，目标{up_word}{}%，{gap}{note}", num(t)),
    }
}

fn ceiling(v: f64, c: f64, unit: &str, final_month: bool, th: &Thresholds) -> Outcome {
    let now = format!("当前值{}{unit}", num(v));
    if !c.is_finite() {
        return Outcome::plain(
            Status::Behind,
            format!("{now}，控制目标无效，无法评估，请核对目标"),
        );
    }
    let cap = format!("控制目标{}{unit}以内", num(c));
    // Compare the excess with the tolerance band rather than v with c × 1.1, so that a value
    // exactly at the band's edge is not pushed over it by float error. |c| keeps the band
    // above the cap for a negative cap; a zero cap has no band.
    let over = snap(v - c);
    let band = snap(c.abs() * th.ceiling_tolerance);
    let over_text = |o: f64| {
        if unit == "%" {
            format!("高出{}个百分点", num(o))
        } else {
            format!("超出{}{unit}", num(o))
        }
    };
    let (status, text) = if over <= 0.0 {
        if final_month {
            (Status::Completed, format!("{now}，{cap}，完成年度控制目标"))
        } else {
            (Status::OnTrack, format!("{now}，{cap}"))
        }
    } else if over <= band {
        (Status::Behind, format!("{now}，{cap}，{}", over_text(over)))
    } else {
        (
            Status::SeriouslyBehind,
            format!("{now}，{cap}，{}，超出容许幅度", over_text(over)),
        )
    };
    Outcome {
        status,
        completion: if c > 0.0 {
            finite(snap(v * 100.0 / c))
        } else {
            None
        },
        time_progress: None,
        diff: None,
        light_diff: None,
        explanation: text,
    }
}

fn share(v: f64, t: f64, unit: &str, final_month: bool, th: &Thresholds) -> Outcome {
    if !(t.is_finite() && t > 0.0) {
        return unassessable(v, t, &format!("当前值{}{unit}", num(v)));
    }
    let completion = snap(v * 100.0 / t);
    let diff = snap(completion - 100.0);
    let status = if final_month && diff >= 0.0 {
        Status::Completed
    } else {
        by_points(diff, th)
    };
    let reach = if diff >= 0.0 {
        "已达到目标"
    } else {
        "未达到目标"
    };
    Outcome {
        status,
        completion: finite(completion),
        time_progress: None,
        diff: finite(diff),
        light_diff: None,
        explanation: format!(
            "当前值{}{unit}，目标{}{unit}，为目标值的{}，{reach}",
            num(v),
            num(t),
            pct(completion)
        ),
    }
}

fn milestone(done: bool, is_final: bool) -> Outcome {
    match (done, is_final) {
        (true, true) => Outcome::plain(Status::Completed, "最终节点已完成"),
        (true, false) => Outcome::plain(Status::OnTrack, "本期节点已完成"),
        (false, true) => Outcome::plain(Status::Behind, "最终节点未完成"),
        (false, false) => Outcome::plain(Status::Behind, "本期节点未完成"),
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const DEF: fn() -> Thresholds = Thresholds::default;

    fn p(month: u8) -> Period {
        Period { year: 2024, month }
    }
    fn rule(target: Target) -> ItemRule {
        ItemRule {
            target,
            planned_curve: None,
            adjusted: false,
        }
    }
    fn level(t: f64) -> ItemRule {
        rule(Target::Level {
            value: t,
            unit: "人".into(),
        })
    }
    fn growth(t: f64, direction: Direction) -> ItemRule {
        rule(Target::Growth {
            value: t,
            direction,
        })
    }
    fn ceiling(c: f64) -> ItemRule {
        rule(Target::Ceiling {
            value: c,
            unit: "%".into(),
        })
    }
    fn share(t: f64) -> ItemRule {
        rule(Target::Share {
            value: t,
            unit: "%".into(),
        })
    }
    fn val(v: f64) -> Observation {
        Observation::Value(v)
    }

    use Status::*;

    use Light::{Green as G, None as NoLight, Red as R, Yellow as Y};

    /// Runs `(case, month, observation, status, light)` rows against one rule under the
    /// default thresholds.
    fn check(r: &ItemRule, rows: &[(&str, u8, Observation, Status, Light)]) {
        for (name, m, obs, want, light) in rows {
            let a = assess(r, p(*m), obs, &DEF());
            assert_eq!((a.status, a.light), (*want, *light), "{name}: {a:?}");
            let one_line = !a.explanation.is_empty() && !a.explanation.contains('\n');
            assert!(one_line, "{name}");
        }
    }

    #[test]
    fn level_bands_on_both_sides_of_every_threshold() {
        // Target 1000, June: 序时 50%, so diff = value/10 − 50.
        check(
            &level(1000.0),
            &[
                ("completion exactly 100%", 6, val(1000.0), Completed, G),
                ("completion just below 100%", 6, val(999.9), Ahead, G),
                ("diff exactly +10", 6, val(600.0), Ahead, G),
                ("diff +9.99", 6, val(599.9), OnTrack, G),
                ("diff exactly 0", 6, val(500.0), OnTrack, G),
                ("diff -0.01", 6, val(499.9), Behind, Y),
                ("diff exactly -30", 6, val(200.0), Behind, Y),
                ("diff -30.01", 6, val(199.9), SeriouslyBehind, R),
                ("negative cumulative", 6, val(-5.0), SeriouslyBehind, R),
                ("December, 99.99%", 12, val(999.9), Behind, Y),
                ("December, 100%", 12, val(1000.0), Completed, G),
                // January: 序时 8.333…%, not a decimal; 183.34 is just over +10.
                ("January ahead", 1, val(183.34), Ahead, G),
                ("January on track", 1, val(183.33), OnTrack, G),
            ],
        );
    }

    #[test]
    fn level_explanation_matches_the_briefing_style() {
        let a = assess(&level(3760.0), p(6), &val(2130.0), &DEF());
        assert_eq!(
            a.explanation,
            "累计完成2130人，占目标56.6%，序时进度50.0%，超序时6.6个百分点"
        );
        assert_eq!(a.time_progress, Some(50.0));
        assert!((a.completion.unwrap() - 56.648_936_170).abs() < 1e-6);
        let a = assess(&level(1000.0), p(6), &val(499.9), &DEF());
        assert_eq!(
            a.explanation,
            "累计完成499.9人，占目标50.0%，序时进度50.0%，低于序时0.01个百分点"
        );
        let a = assess(&level(1000.0), p(6), &val(500.0), &DEF());
        assert!(a.explanation.ends_with("与序时持平"), "{}", a.explanation);
        let r = rule(Target::Level {
            value: 80.0,
            unit: "亿元".into(),
        });
        let a = assess(&r, p(10), &val(100.512), &DEF());
        assert_eq!(
            a.explanation,
            "累计完成100.512亿元，占目标125.6%，已完成年度目标"
        );
    }

    #[test]
    fn planned_curve_overrides_the_linear_default() {
        // 450 of 1000 in June: linear 序时 50% → −5 (欠进度).
        let mut curve = [None; 12];
        let mut r = level(1000.0);
        let cases = [
            (None, Behind, 50.0),
            (Some(0.4), OnTrack, 40.0),
            (Some(0.35), Ahead, 35.0),
            (Some(0.8), SeriouslyBehind, 80.0),
            (Some(f64::NAN), Behind, 50.0),
            (Some(1.5), SeriouslyBehind, 100.0),
            (Some(-1.0), Ahead, 0.0),
        ];
        for (june, want, tp) in cases {
            curve[5] = june;
            curve[6] = Some(0.9); // other months never leak into June
            r.planned_curve = Some(curve);
            let a = assess(&r, p(6), &val(450.0), &DEF());
            assert_eq!(
                (a.status, a.time_progress),
                (want, Some(tp)),
                "{june:?}: {a:?}"
            );
        }
        curve[5] = Some(0.4);
        r.planned_curve = Some(curve);
        let a = assess(&r, p(6), &val(450.0), &DEF());
        assert!(
            a.explanation.contains("序时进度（按年度计划）40.0%"),
            "{}",
            a.explanation
        );
    }

    #[test]
    fn growth_up_and_down_on_both_sides_of_every_threshold() {
        check(
            &growth(6.0, Direction::Up),
            &[
                ("up t+2 exactly", 6, val(8.0), Ahead, G),
                ("up just below t+2", 6, val(7.99), OnTrack, G),
                ("up t exactly", 6, val(6.0), OnTrack, G),
                ("up just below t", 6, val(5.99), Behind, Y),
                ("up t-2 exactly", 6, val(4.0), Behind, Y),
                ("up just below t-2", 6, val(3.99), SeriouslyBehind, R),
                ("up December at t", 12, val(6.0), Completed, G),
                ("up December above t+2", 12, val(9.0), Completed, G),
                ("up December below t", 12, val(5.99), Behind, Y),
            ],
        );
        // Within t−2 but negative: the g < 0 rule makes it serious.
        check(
            &growth(1.0, Direction::Up),
            &[
                ("up small target, g 0", 6, val(0.0), Behind, Y),
                ("up small target, g<0", 6, val(-0.5), SeriouslyBehind, R),
            ],
        );
        check(
            &growth(3.0, Direction::Down),
            &[
                ("down t+2 exactly", 6, val(5.0), Ahead, G),
                ("down just below t+2", 6, val(4.99), OnTrack, G),
                ("down t exactly", 6, val(3.0), OnTrack, G),
                ("down just below t", 6, val(2.99), Behind, Y),
                ("down t-2 exactly", 6, val(1.0), Behind, Y),
                ("down just below t-2", 6, val(0.99), SeriouslyBehind, R),
                ("down December at t", 12, val(3.0), Completed, G),
                ("down December short", 12, val(2.99), Behind, Y),
            ],
        );
        check(
            &growth(1.0, Direction::Down),
            &[
                ("down rose instead", 6, val(-0.5), SeriouslyBehind, R),
                ("down flat", 6, val(0.0), Behind, Y),
            ],
        );
    }

    #[test]
    fn growth_explanations() {
        let a = assess(&growth(6.0, Direction::Up), p(6), &val(5.1), &DEF());
        assert_eq!(
            a.explanation,
            "累计增长5.1%，目标增长6%，低于目标0.9个百分点"
        );
        assert_eq!(a.diff, Some(-0.9));
        assert_eq!(a.time_progress, None);
        let a = assess(&growth(6.0, Direction::Up), p(6), &val(-1.2), &DEF());
        assert_eq!(
            a.explanation,
            "累计下降1.2%，目标增长6%，低于目标7.2个百分点（负增长）"
        );
        let a = assess(&growth(3.0, Direction::Down), p(6), &val(-0.5), &DEF());
        assert_eq!(
            a.explanation,
            "累计上升0.5%，目标下降3%，降幅低于目标3.5个百分点（不降反升）"
        );
        let a = assess(&growth(3.0, Direction::Down), p(12), &val(3.2), &DEF());
        assert_eq!(
            a.explanation,
            "累计下降3.2%，目标下降3%，降幅超过目标0.2个百分点，完成年度目标"
        );
    }

    #[test]
    fn ceiling_on_both_sides_of_every_threshold() {
        check(
            &ceiling(4.5),
            &[
                ("below cap", 6, val(4.2), OnTrack, G),
                ("at cap", 6, val(4.5), OnTrack, G),
                ("just above cap", 6, val(4.51), Behind, Y),
                ("exactly 1.1c", 6, val(4.95), Behind, Y),
                ("just above 1.1c", 6, val(4.96), SeriouslyBehind, R),
                ("December at cap", 12, val(4.5), Completed, G),
                ("December above cap", 12, val(4.6), Behind, Y),
            ],
        );
        check(
            &ceiling(0.0),
            &[
                ("zero cap met", 6, val(0.0), OnTrack, G),
                (
                    "zero cap exceeded: no band",
                    6,
                    val(0.01),
                    SeriouslyBehind,
                    R,
                ),
            ],
        );
        check(
            &ceiling(-10.0),
            &[
                ("negative cap within band", 6, val(-9.0), Behind, Y),
                ("negative cap beyond band", 6, val(-8.9), SeriouslyBehind, R),
            ],
        );
        let a = assess(&ceiling(4.5), p(6), &val(4.2), &DEF());
        assert_eq!(a.explanation, "当前值4.2%，控制目标4.5%以内");
        let a = assess(&ceiling(4.5), p(6), &val(4.7), &DEF());
        assert_eq!(
            a.explanation,
            "当前值4.7%，控制目标4.5%以内，高出0.2个百分点"
        );
    }

    #[test]
    fn share_on_both_sides_of_every_threshold() {
        // Target 90%: diff = (v/90 − 1) × 100.
        check(
            &share(90.0),
            &[
                ("ratio 110%", 6, val(99.0), Ahead, G),
                ("ratio just below 110%", 6, val(98.99), OnTrack, G),
                ("at target before December", 6, val(90.0), OnTrack, G),
                ("just below target", 6, val(89.99), Behind, Y),
                ("ratio exactly 70%", 6, val(63.0), Behind, Y),
                ("ratio just below 70%", 6, val(62.99), SeriouslyBehind, R),
                ("December at target", 12, val(90.0), Completed, G),
                ("December above target", 12, val(99.0), Completed, G),
                ("December just below", 12, val(89.99), Behind, Y),
            ],
        );
        let a = assess(&share(90.0), p(6), &val(63.0), &DEF());
        assert_eq!(
            a.explanation,
            "当前值63%，目标90%，为目标值的70.0%，未达到目标"
        );
        let numbers = (a.completion, a.diff, a.time_progress);
        assert_eq!(numbers, (Some(70.0), Some(-30.0), None));
    }

    #[test]
    fn tasks_by_milestone_and_by_image_progress() {
        let ms = |done, is_final| Observation::Milestone { done, is_final };
        check(
            &rule(Target::Task),
            &[
                ("milestone done", 6, ms(true, false), OnTrack, G),
                ("milestone not done", 6, ms(false, false), Behind, Y),
                ("final milestone done", 12, ms(true, true), Completed, G),
                ("final milestone not done", 12, ms(false, true), Behind, Y),
                ("形象进度 60% in June", 6, val(60.0), Ahead, G),
                ("形象进度 45% in June", 6, val(45.0), Behind, Y),
                ("形象进度 100%", 6, val(100.0), Completed, G),
            ],
        );
        check(
            &level(100.0),
            &[("milestone on a level item", 6, ms(true, false), OnTrack, G)],
        );
        let a = assess(&rule(Target::Task), p(6), &ms(true, false), &DEF());
        assert_eq!(a.explanation, "本期节点已完成");
        let a = assess(&rule(Target::Task), p(6), &val(45.0), &DEF());
        assert_eq!(
            a.explanation,
            "形象进度45%，序时进度50.0%，低于序时5.0个百分点"
        );
    }

    #[test]
    fn missing_and_not_started() {
        let due = || Observation::Missing {
            due: "2024-06-25".into(),
        };
        check(
            &level(10.0),
            &[
                ("missing level", 6, due(), NotReported, R),
                (
                    "nothing yet",
                    1,
                    Observation::NothingYet,
                    NotStarted,
                    NoLight,
                ),
                ("NaN value", 6, val(f64::NAN), NotReported, R),
            ],
        );
        check(
            &rule(Target::Task),
            &[("missing task", 6, due(), NotReported, R)],
        );
        check(
            &growth(6.0, Direction::Up),
            &[("infinite value", 6, val(f64::INFINITY), NotReported, R)],
        );
        let a = assess(&level(10.0), p(6), &due(), &DEF());
        assert_eq!(a.explanation, "截至2024-06-25未报送2024年6月进展");
    }

    #[test]
    fn adjusted_keeps_the_assessed_status_and_its_light() {
        let mut r = level(1000.0);
        r.adjusted = true;
        for (v, under, light) in [
            (1000.0, Completed, Light::Green),
            (450.0, Behind, Light::Yellow),
            (100.0, SeriouslyBehind, Light::Red),
        ] {
            let a = assess(&r, p(6), &val(v), &DEF());
            assert_eq!(
                (a.status, a.assessed_as, a.light),
                (Adjusted, Some(under), light)
            );
            assert!(a.explanation.starts_with("目标已调整"), "{}", a.explanation);
        }
        // No report: nothing was assessed against the new target, so 未填报 shows through.
        let a = assess(
            &r,
            p(6),
            &Observation::Missing {
                due: "2024-06-25".into(),
            },
            &DEF(),
        );
        assert_eq!(
            (a.status, a.assessed_as, a.light),
            (NotReported, None, Light::Red)
        );
        let a = assess(&level(1000.0), p(6), &val(450.0), &DEF());
        assert_eq!(a.assessed_as, None);
    }

    #[test]
    fn invalid_targets_do_not_divide() {
        let cases = [
            (level(0.0), 5.0, OnTrack),
            (level(0.0), -1.0, Behind),
            (level(-5.0), -5.0, OnTrack),
            (level(f64::NAN), 5.0, Behind),
            (level(f64::INFINITY), 5.0, Behind),
            (share(0.0), 1.0, OnTrack),
            (share(f64::NAN), 1.0, Behind),
            (growth(f64::NAN, Direction::Up), 1.0, Behind),
            (ceiling(f64::NEG_INFINITY), 1.0, Behind),
        ];
        for (r, v, want) in cases {
            for m in [6, 12] {
                let a = assess(&r, p(m), &val(v), &DEF());
                assert_eq!(a.status, want, "{r:?} {v}: {a:?}");
                assert!(a.explanation.contains("目标"), "{}", a.explanation);
                assert_eq!(a.completion, None);
            }
        }
        let a = assess(&level(0.0), p(6), &val(5.0), &DEF());
        assert_eq!(
            a.explanation,
            "累计完成5人，目标值0无法计算完成比例，当前值不低于目标"
        );
    }

    #[test]
    fn light_presets() {
        let (d, y) = (Thresholds::default(), Thresholds::yinchuan());
        let cases = [
            (Behind, Some(-0.01), Light::Yellow, Light::Green),
            (Behind, Some(-5.0), Light::Yellow, Light::Green),
            (Behind, Some(-9.99), Light::Yellow, Light::Green),
            (Behind, Some(-10.0), Light::Yellow, Light::Yellow),
            (Behind, Some(-30.0), Light::Yellow, Light::Yellow),
            (Behind, None, Light::Yellow, Light::Yellow),
            (SeriouslyBehind, Some(-30.01), Light::Red, Light::Red),
            (OnTrack, Some(0.0), Light::Green, Light::Green),
            (Ahead, Some(10.0), Light::Green, Light::Green),
            (Completed, None, Light::Green, Light::Green),
            (NotReported, None, Light::Red, Light::Red),
            (NotStarted, None, Light::None, Light::None),
        ];
        for (s, diff, want_d, want_y) in cases {
            assert_eq!(light_for(s, diff, &d), want_d, "default {s:?} {diff:?}");
            assert_eq!(light_for(s, diff, &y), want_y, "银川 {s:?} {diff:?}");
        }
        // Through assess: 银川 softens level 欠进度 only, never a growth shortfall.
        let a = assess(&level(1000.0), p(6), &val(410.0), &y);
        assert_eq!((a.status, a.light), (Behind, Light::Green));
        let a = assess(&level(1000.0), p(6), &val(400.0), &y);
        assert_eq!((a.status, a.light), (Behind, Light::Yellow));
        let a = assess(&growth(6.0, Direction::Up), p(6), &val(5.0), &y);
        assert_eq!((a.status, a.light), (Behind, Light::Yellow));
        assert_eq!(y.serious_points, 30.0);
    }

    #[test]
    fn from_figure_picks_the_target_kind() {
        use Direction::{Down, Up};
        use Measure::{Growth as Gr, Level as Lv, Share as Sh};
        use Op::{About, AtLeast, AtMost, Exactly};
        let lv = |value, unit: &str| Target::Level {
            value,
            unit: unit.into(),
        };
        let cap = |value, unit: &str| Target::Ceiling {
            value,
            unit: unit.into(),
        };
        let gr = |value, direction| Target::Growth { value, direction };
        let sh = |value| Target::Share {
            value,
            unit: "%".into(),
        };
        let cases = [
            ((Lv, AtLeast, None, Some(3760.0), "人"), lv(3760.0, "人")),
            ((Lv, About, None, Some(80.0), "亿元"), lv(80.0, "亿元")),
            ((Lv, AtMost, None, Some(5.0), "万吨"), cap(5.0, "万吨")),
            ((Gr, Exactly, None, Some(6.0), "%"), gr(6.0, Up)),
            ((Gr, About, Some(Down), Some(3.0), "%"), gr(3.0, Down)),
            ((Gr, AtMost, Some(Up), Some(3.0), ""), cap(3.0, "%")),
            ((Sh, AtMost, None, Some(4.5), "%"), cap(4.5, "%")),
            ((Sh, AtLeast, None, Some(95.0), "%"), sh(95.0)),
            ((Lv, AtLeast, None, None, "人"), Target::Task),
        ];
        for ((m, op, dir, v, unit), want) in cases {
            let got = ItemRule::from_figure(m, op, dir, v, unit);
            assert_eq!(got.target, want, "{m:?} {op:?} {v:?}");
            assert!(!got.adjusted && got.planned_curve.is_none());
        }
    }

    #[test]
    fn out_of_range_month_is_clamped_not_a_panic() {
        let mut r = level(1000.0);
        r.planned_curve = Some([Some(0.5); 12]);
        for month in [0, 13, 255] {
            let a = assess(&r, Period { year: 2024, month }, &val(500.0), &DEF());
            assert_eq!(a.status, OnTrack);
        }
    }

    #[test]
    fn number_formatting() {
        assert_eq!(num(2130.0), "2130");
        assert_eq!(num(121.30), "121.3");
        assert_eq!(num(-0.0), "0");
        assert_eq!(num(0.00001), "0");
        assert_eq!(pct(-0.04), "0.0%");
        assert_eq!(points(-0.004), "不足0.01");
        assert_eq!(Status::Adjusted.progress_rank(), None);
        let a = assess(&level(1e-300), p(6), &val(1e300), &DEF());
        assert_eq!((a.status, a.completion), (Completed, None));
        assert!(
            a.explanation
                .ends_with("人，占目标（数值溢出），已完成年度目标"),
            "{}",
            a.explanation
        );
    }

    fn any_f64() -> impl Strategy<Value = f64> {
        prop_oneof![
            prop::num::f64::ANY,
            -200.0..200.0f64,
            (-2000i32..2000).prop_map(|x| f64::from(x) / 10.0),
            Just(0.0),
        ]
    }

    fn any_target() -> impl Strategy<Value = Target> {
        prop_oneof![
            any_f64().prop_map(|value| Target::Level {
                value,
                unit: "人".into()
            }),
            (any_f64(), any::<bool>()).prop_map(|(value, up)| Target::Growth {
                value,
                direction: if up { Direction::Up } else { Direction::Down },
            }),
            any_f64().prop_map(|value| Target::Ceiling {
                value,
                unit: "%".into()
            }),
            any_f64().prop_map(|value| Target::Share {
                value,
                unit: "%".into()
            }),
            Just(Target::Task),
        ]
    }

    fn any_obs() -> impl Strategy<Value = Observation> {
        prop_oneof![
            Just(Observation::NothingYet),
            Just(Observation::Missing {
                due: "2024-06-25".into()
            }),
            any_f64().prop_map(Observation::Value),
            (any::<bool>(), any::<bool>())
                .prop_map(|(done, is_final)| Observation::Milestone { done, is_final }),
        ]
    }

    fn any_thresholds() -> impl Strategy<Value = Thresholds> {
        prop_oneof![
            Just(Thresholds::default()),
            Just(Thresholds::yinchuan()),
            (
                any_f64(),
                any_f64(),
                any_f64(),
                any_f64(),
                any_f64(),
                any_f64()
            )
                .prop_map(|(a, b, s, g, c, y)| Thresholds {
                    ahead_points: a,
                    behind_points: b,
                    serious_points: s,
                    growth_band: g,
                    ceiling_tolerance: c,
                    yellow_from_points: y,
                }),
        ]
    }

    /// The light a status must have, whatever the thresholds; `None` where 银川-style
    /// softening allows either green or yellow.
    fn required_light(s: Status) -> Option<Light> {
        match s {
            Completed | Ahead | OnTrack => Some(Light::Green),
            SeriouslyBehind | NotReported => Some(Light::Red),
            NotStarted => Some(Light::None),
            Behind | Adjusted => None,
        }
    }

    proptest! {
        #[test]
        fn never_panics_and_stays_consistent(
            target in any_target(),
            curve in prop::option::of(prop::array::uniform12(prop::option::of(any_f64()))),
            adjusted in any::<bool>(),
            month in any::<u8>(),
            obs in any_obs(),
            th in any_thresholds(),
        ) {
            let r = ItemRule { target, planned_curve: curve, adjusted };
            let a = assess(&r, Period { year: 2024, month }, &obs, &th);
            prop_assert!(!a.explanation.is_empty() && !a.explanation.contains('\n'));
            prop_assert!(!a.explanation.contains("NaN") && !a.explanation.contains("inf"));
            for x in [a.completion, a.time_progress, a.diff].into_iter().flatten() {
                prop_assert!(x.is_finite());
            }
            let under = match a.status {
                Adjusted => {
                    prop_assert!(adjusted);
                    a.assessed_as.expect("adjusted carries its assessment")
                }
                s => {
                    prop_assert_eq!(a.assessed_as, None);
                    s
                }
            };
            prop_assert!(under != Adjusted);
            if let Some(l) = required_light(under) {
                prop_assert_eq!(a.light, l);
            } else {
                prop_assert!(a.light == Light::Yellow || a.light == Light::Green);
            }
            if th == Thresholds::default() && under == Behind {
                prop_assert_eq!(a.light, Light::Yellow);
            }
        }

        #[test]
        fn more_progress_never_worse_for_a_level_target(
            t in 0.001..1e7f64,
            a in -1e7..1e7f64,
            b in -1e7..1e7f64,
            month in 1u8..=12,
            yinchuan in any::<bool>(),
        ) {
            let th = if yinchuan { Thresholds::yinchuan() } else { Thresholds::default() };
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            let r = level(t);
            let s_lo = assess(&r, p(month), &val(lo), &th).status;
            let s_hi = assess(&r, p(month), &val(hi), &th).status;
            prop_assert!(s_lo.progress_rank().unwrap() <= s_hi.progress_rank().unwrap(),
                "{lo} → {s_lo:?}, {hi} → {s_hi:?}");
        }

        #[test]
        fn light_matches_status_under_both_presets(
            v in -100.0..2000.0f64,
            month in 1u8..=12,
        ) {
            let r = level(1000.0);
            let a = assess(&r, p(month), &val(v), &Thresholds::default());
            let y = assess(&r, p(month), &val(v), &Thresholds::yinchuan());
            prop_assert_eq!(a.status, y.status);
            let want = |yellow_from: f64| match a.status {
                Behind if a.diff.unwrap() > -yellow_from => Light::Green,
                Behind => Light::Yellow,
                s => required_light(s).unwrap(),
            };
            prop_assert_eq!(a.light, want(0.0));
            prop_assert_eq!(y.light, want(10.0));
        }
    }
}
