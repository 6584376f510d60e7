//! Cue words of the report's layout: part headings, the title line, bullets and the words
//! that date the report.

/// Words of a document title naming the whole (…重点任务分解方案, …政府工作报告).
pub(crate) const TITLE_WORDS: &[&str] = &[
    "报告", "通知", "方案", "意见", "决定", "摘要", "全文", "解读", "清单",
];

/// A heading reporting results (主要目标任务圆满完成) is not the plan's heading.
pub(crate) const PART_RESULT: &[&str] = &["完成", "圆满", "超额", "取得", "实现了"];
/// 政府自身建设.
pub(crate) const PART_SELF_BUILDING: &[&str] = &["自身建设"];
/// The review of the past year (2023年工作回顾).
pub(crate) const PART_REVIEW: &[&str] = &[
    "工作回顾",
    "回顾",
    "过去一年",
    "过去五年",
    "过去的一年",
    "去年工作",
    "上年工作",
    "一年来的工作",
];
/// The plan's work (2024年工作重点, 重点抓好以下八个方面).
pub(crate) const PART_WORK: &[&str] = &[
    "工作重点",
    "重点工作",
    "重点抓好",
    "重点做好",
    "主要任务",
    "重点任务",
    "着力抓好",
    "抓好以下",
    "做好以下",
    "工作部署",
];
/// The plan's goals (主要预期目标, 总体要求和目标任务).
pub(crate) const PART_GOALS: &[&str] = &[
    "预期目标",
    "目标任务",
    "总体要求",
    "发展目标",
    "工作安排",
    "主要目标",
];

/// Chars of which every part keyword above (but the result words, which only veto) holds
/// at least one (a test checks): a line with none of them is no part heading.
pub(crate) const PART_PREFILTER: &[char] = &[
    '回', '过', '去', '上', '目', '重', '任', '自', '安', '部', '要', '抓', '做', '来',
];

/// Chars that open a bulleted line (●地区生产总值增长5%; ——坚持…, whose dashes fold to '-').
pub(crate) const BULLETS: &[char] = &[
    '●', '◆', '■', '□', '•', '·', '▲', '★', '☆', '◇', '○', '-', '*', '>', '※',
];

/// Words after a year that tell it is the reviewed one (2023年完成…).
pub(crate) const REVIEW_YEAR_CUES: &[&str] = &["达到", "完成", "实现", "同比"];
/// Words after a year that tell it is the planned one (2024年力争…).
pub(crate) const PLAN_YEAR_CUES: &[&str] = &["将", "力争", "目标", "预期", "计划"];
/// Words of a title naming a list of commitments (2026年民生实事): its year is the plan's and
/// its figures are targets, unless the title reports results (…完成情况).
pub(crate) const COMMITMENT_TITLE_WORDS: &[&str] = &["民生实事", "民生工程", "为民办实事"];
/// Plan cues that only count when no review cue is near (…年要…, …年政府工作报告).
pub(crate) const PLAN_YEAR_WEAK_CUES: &[&str] = &["要", "政府工作报告"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_part_prefilter_covers_every_part_keyword() {
        for w in [PART_SELF_BUILDING, PART_REVIEW, PART_WORK, PART_GOALS].concat() {
            assert!(w.chars().any(|c| PART_PREFILTER.contains(&c)), "{w}");
        }
        // 目标 alone (a goals heading of 30 chars at most) is checked by its own rule.
        assert!("目标".chars().any(|c| PART_PREFILTER.contains(&c)));
    }
}
