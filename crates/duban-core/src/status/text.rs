//! How the status explanations write their numbers.

/// Rounds to 1e-9 so that boundaries written as decimals (diff exactly +10, −30, a value
/// exactly at 1.1 × cap) land on the side the rule says despite binary float error.
/// Values too large for the rounding to mean anything pass through unchanged.
pub(super) fn snap(x: f64) -> f64 {
    if x.is_finite() && x.abs() < 1e6 {
        (x * 1e9).round() / 1e9
    } else {
        x
    }
}

/// A figure as given: up to four decimals, trailing zeros dropped (2130, 121.3, 4.5).
pub(super) fn num(x: f64) -> String {
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
pub(super) const OVERFLOW: &str = "（数值溢出）";

/// A computed percentage with its sign: always one decimal (50.0%, 56.6%).
pub(super) fn pct(x: f64) -> String {
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
pub(super) fn points(d: f64) -> String {
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

pub(super) fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}
