//! The registers the office keeps (重点项目, 建议提案, 政务服务事项, 经济运行指标) and the
//! figures derived from them. Every figure is computed from the entries, never typed in;
//! dates are passed in by the caller.

pub mod binding;
pub mod calendar;
pub mod indicators;
pub mod projects;
pub mod proposals;
pub mod services;

/// `part` of `whole` in percent, `None` when there is nothing to divide by. Always in
/// 0..=100 when `part <= whole`.
pub fn rate(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part.min(whole) as f64 * 100.0 / whole as f64)
}

/// A percentage as a 通报 writes it: 100%, 97.2%, 66.4%.
pub fn pct_text(x: f64) -> String {
    let s = format!("{x:.1}");
    let s = s.strip_suffix(".0").unwrap_or(&s);
    // A share of nothing done is 0%, not "-0%" (a zero sum may carry a sign).
    if s == "-0" {
        "0%".into()
    } else {
        format!("{s}%")
    }
}

/// An amount of 亿元 as written: 261.2, 34.7, 60 (at most two decimals).
pub fn amount_text(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn texts() {
        assert_eq!(pct_text(100.0), "100%");
        assert_eq!(pct_text(121.3286), "121.3%");
        assert_eq!(pct_text(-0.0), "0%");
        assert_eq!(pct_text(-0.04), "0%");
        assert_eq!(pct_text(-1.25), "-1.2%");
        assert_eq!(amount_text(261.2), "261.2");
        assert_eq!(amount_text(60.0), "60");
        assert_eq!(rate(0, 0), None);
    }

    proptest! {
        #[test]
        fn rates_stay_in_range(a in 0usize..10_000, b in 0usize..10_000) {
            if let Some(r) = rate(a, b) {
                prop_assert!((0.0..=100.0).contains(&r));
            }
        }
    }
}
