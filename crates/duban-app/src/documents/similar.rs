//! How alike two task texts are: the Dice coefficient of their character bigrams, after
//! dropping list markers, punctuation and spaces. Offices retype and shorten the report's
//! sentences in their tables; bigrams survive that better than whole-string comparison.

use std::collections::HashMap;

/// 0.0 (nothing shared) to 1.0 (the same characters in the same order).
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (bigrams(a), bigrams(b));
    let total: usize = a.values().sum::<usize>() + b.values().sum::<usize>();
    if total == 0 {
        return 0.0;
    }
    let shared: usize = a
        .iter()
        .map(|(k, n)| (*n).min(b.get(k).copied().unwrap_or(0)))
        .sum();
    2.0 * shared as f64 / total as f64
}

fn bigrams(s: &str) -> HashMap<(char, char), usize> {
    let chars: Vec<char> = s.chars().filter(|c| c.is_alphanumeric()).collect();
    let mut out = HashMap::new();
    for w in chars.windows(2) {
        *out.entry((w[0], w[1])).or_insert(0) += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::similarity;

    #[test]
    fn same_text_is_one_and_unrelated_is_low() {
        assert!((similarity("推进老旧小区改造", "推进老旧小区改造。") - 1.0).abs() < 1e-9);
        assert!(similarity("推进老旧小区改造", "开展全民健身活动") < 0.1);
        assert_eq!(similarity("", "abc"), 0.0);
    }

    #[test]
    fn a_shortened_sentence_stays_similar() {
        let full = "加快推进城南片区老旧小区改造，年内完成改造12个小区";
        assert!(similarity(full, "推进城南片区老旧小区改造") > 0.5);
    }
}
