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
