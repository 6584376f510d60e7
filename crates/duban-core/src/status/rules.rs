//! The rules per kind of target: level against 序时, growth, ceiling, share, milestone.

use super::text::*;
use super::*;

/// The result of a rule before 已调整 and the light are applied.
pub(super) struct Outcome {
    pub(super) status: Status,
    pub(super) completion: Option<f64>,
    pub(super) time_progress: Option<f64>,
    pub(super) diff: Option<f64>,
    /// The diff the light may soften on (序时-based results only).
    pub(super) light_diff: Option<f64>,
    pub(super) explanation: String,
}

impl Outcome {
    pub(super) fn plain(status: Status, explanation: impl Into<String>) -> Self {
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
pub(super) fn by_points(diff: f64, th: &Thresholds) -> Status {
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
pub(super) fn unassessable(v: f64, t: f64, lead: &str) -> Outcome {
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
pub(super) fn time_progress(rule: &ItemRule, month: u8) -> (f64, bool) {
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
pub(super) fn level(
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

pub(super) fn growth(
    g: f64,
    t: f64,
    dir: Direction,
    final_month: bool,
    th: &Thresholds,
) -> Outcome {
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

pub(super) fn ceiling(v: f64, c: f64, unit: &str, final_month: bool, th: &Thresholds) -> Outcome {
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

pub(super) fn share(v: f64, t: f64, unit: &str, final_month: bool, th: &Thresholds) -> Outcome {
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

pub(super) fn milestone(done: bool, is_final: bool) -> Outcome {
    match (done, is_final) {
        (true, true) => Outcome::plain(Status::Completed, "最终节点已完成"),
        (true, false) => Outcome::plain(Status::OnTrack, "本期节点已完成"),
        (false, true) => Outcome::plain(Status::Behind, "最终节点未完成"),
        (false, false) => Outcome::plain(Status::Behind, "本期节点未完成"),
    }
}
