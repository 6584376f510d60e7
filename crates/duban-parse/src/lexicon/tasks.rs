//! Cue words of the plan's items: decomposition fields, and the paragraphs that frame,
//! introduce or close the work rather than describe it.

/// Field labels of the lead unit (牵头单位：县发改局).
pub(crate) const LEAD: &[&str] = &[
    "牵头单位",
    "责任单位",
    "主责单位",
    "牵头部门",
    "责任部门",
    "主办单位",
];
/// Field labels of the supporting units (配合单位：县统计局、县财政局).
pub(crate) const SUPPORT: &[&str] = &["配合单位", "协办单位", "协助单位", "配合部门", "参与单位"];
/// Field labels of the deadline (完成时限：2024年12月底).
pub(crate) const DEADLINE: &[&str] = &["完成时限", "完成时间", "时间节点", "时限要求", "时限"];

/// How the name of a unit ends (县民政局, 各乡镇 → 镇): a table cell of such names is a unit cell.
pub(crate) const ORG_SUFFIX: &[&str] = &[
    "局",
    "委",
    "办",
    "部",
    "院",
    "中心",
    "公司",
    "政府",
    "街道",
    "镇",
    "乡",
    "处",
    "所",
    "站",
    "队",
    "会",
    "集团",
    "办公室",
    "管委会",
    "分局",
    "支队",
    "大队",
    "厅",
    "署",
];

/// Words of a short table cell that gives a deadline (2024年底前, 长期坚持).
pub(crate) const DEADLINE_CELL: &[&str] = &["年", "月", "日", "底", "前", "长期", "持续", "季度"];

/// Phrases with which press pieces lead into what follows (下面我们一起来看看).
pub(crate) const LEAD_INS: &[&str] = &["一起来看", "来看看", "划重点", "一图读懂", "速览"];

/// Words near the head of a sentence that state the line to follow, not a piece of work
/// (今年政府工作的总体要求是：…).
pub(crate) const FRAMING: &[&str] = &["总体要求", "指导思想", "总体思路"];

/// How the 主要预期目标 sentence opens its list (主要预期目标是：…): its figures are the plan's
/// targets, not tasks.
pub(crate) const GOALS: &[&str] = &[
    "预期目标是",
    "预期目标为",
    "预期目标：",
    "预期目标:",
    "主要目标是",
    "主要目标为",
    "主要目标：",
    "主要目标:",
];

/// Words of a section heading over the 主要预期目标 (一、主要预期目标).
pub(crate) const GOALS_HEADING: &[&str] = &["预期目标", "主要目标"];

/// Words of a heading that also names the work beside the goals (主要目标和重点任务).
pub(crate) const WORK_HEADING: &[&str] = &["任务", "工作", "举措", "措施"];

/// Addresses to the assembly (各位代表！…): the speaker's rhetoric, not work.
pub(crate) const VOCATIVES: &[&str] = &["各位代表", "同志们", "代表们"];

/// Openers of the speaker's closing call (让我们团结奋斗…).
pub(crate) const RHETORIC_OPENERS: &[&str] = &["让我们", "我们坚信", "我们相信"];

/// Time phrases that open a sentence characterising a period (今年是…, 今后五年是…); a
/// year written with digits (2026年是…) counts too.
pub(crate) const PERIOD_OPENERS: &[&str] = &[
    "今年",
    "明年",
    "今后五年",
    "未来五年",
    "今后一个时期",
    "“十五五”时期",
    "“十四五”时期",
];

/// How a sentence characterising the year or period ends (…的关键之年, …的重要时期).
pub(crate) const YEAR_CHARACTER: &[&str] = &["之年", "一年", "时期", "阶段"];

/// Words of the sentence that leads into a 民生实事 list (继续办好十件民生实事。…提请大会票决。).
pub(crate) const MINSHENG_LEAD: &[&str] = &["民生实事", "实事项目", "票决"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::class;

    #[test]
    fn every_field_label_starts_with_a_label_char() {
        // The scanners jump between chars of the LABEL class: a label whose first char lacks
        // it would never be read.
        for w in [LEAD, SUPPORT, DEADLINE].concat() {
            let first = w.chars().next().unwrap_or(' ');
            assert_ne!(class::of(first) & class::LABEL, 0, "{w}");
        }
    }
}
