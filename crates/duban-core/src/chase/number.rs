//! 编号 of numbered notices: prefix〔year〕seq号, counted per plan, year and kind.

use serde::{Deserialize, Serialize};

/// A notice number's parts; `to_string` gives e.g. 山督催〔2024〕7号.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeNumber {
    pub prefix: String,
    pub year: i32,
    pub seq: u32,
}

impl std::fmt::Display for NoticeNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&format_number(&self.prefix, self.year, self.seq))
    }
}

/// prefix〔year〕seq号, with the 六角括号 that GB/T 9704 prescribes for 发文字号.
pub fn format_number(prefix: &str, year: i32, seq: u32) -> String {
    format!("{prefix}〔{year}〕{seq}号")
}

impl NoticeNumber {
    /// Reads a number written by [`format_number`]; `None` for anything else.
    pub fn parse(s: &str) -> Option<Self> {
        let (prefix, rest) = s.split_once('〔')?;
        let (year, rest) = rest.split_once('〕')?;
        let seq = rest.strip_suffix('号')?;
        Some(Self {
            prefix: prefix.to_string(),
            year: year.parse().ok()?,
            seq: seq.parse().ok()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NoticeKind;
    use crate::chase::ChaseConfig;

    #[test]
    fn notice_numbers_round_trip() {
        let n = format_number("山督催", 2024, 7);
        assert_eq!(n, "山督催〔2024〕7号");
        assert_eq!(
            NoticeNumber::parse(&n),
            Some(NoticeNumber {
                prefix: "山督催".into(),
                year: 2024,
                seq: 7
            })
        );
        assert_eq!(NoticeNumber::parse("山督催2024-7"), None);
        let cfg = ChaseConfig::from_json(Some(r#"{"prefixes":{"chase":"山督催"}}"#));
        assert_eq!(cfg.prefixes.of(NoticeKind::Chase), Some("山督催"));
        assert_eq!(cfg.prefixes.of(NoticeKind::Supervision), Some("督办"));
        assert_eq!(cfg.remind_days_before, vec![3, 1]);
        assert_eq!(
            ChaseConfig::from_json(Some("not json")),
            ChaseConfig::default()
        );
    }
}
