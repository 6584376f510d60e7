//! Section markers (一、 （一） 一是 1. （1） ①) and the headings of the report's parts.

use crate::lexicon::structure as lex;
use crate::text::{Words, find};
use crate::{PartKind, numeral};
use std::sync::LazyLock;

/// Numbering styles, in the order official documents nest them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Style {
    CnDun,
    CnParen,
    CnShi,
    Arabic,
    ArabicParen,
    Circled,
}

/// A section marker at `i`: (style, number, end of marker).
pub(crate) fn marker(c: &[char], i: usize, end: usize) -> Option<(Style, u32, usize)> {
    let ch = *c.get(i)?;
    if ('①'..='⑳').contains(&ch) {
        return Some((Style::Circled, ch as u32 - '①' as u32 + 1, i + 1));
    }
    if ch == '（' || ch == '(' {
        let j = i + 1;
        if let Some(n) = numeral::arabic(c, j)
            && n.end - j <= 2
            && n.end == n.tail_start
            && matches!(c.get(n.end), Some('）' | ')'))
        {
            return Some((Style::ArabicParen, n.value as u32, n.end + 1));
        }
        let mut k = j;
        while k < end
            && k - j < 3
            && matches!(
                c[k],
                '〇' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
            )
        {
            k += 1;
        }
        if k > j && matches!(c.get(k), Some('）' | ')')) {
            let v = numeral::chinese(c, j).map(|n| n.value).unwrap_or(0.0);
            return Some((Style::CnParen, v as u32, k + 1));
        }
        return None;
    }
    if ch.is_ascii_digit() {
        let n = numeral::arabic(c, i)?;
        if n.end - i <= 2
            && n.end == n.tail_start
            && n.value.fract() == 0.0
            && matches!(c.get(n.end), Some('.' | '、'))
            && !c.get(n.end + 1).is_some_and(|d| d.is_ascii_digit())
        {
            return Some((Style::Arabic, n.value as u32, n.end + 1));
        }
        return None;
    }
    let mut k = i;
    while k < end
        && k - i < 3
        && numeral::is_cn_numeral(c[k])
        && !matches!(c[k], '百' | '千' | '万' | '亿' | '两' | '零' | '〇' | '○')
    {
        k += 1;
    }
    if k > i {
        let v = numeral::chinese(c, i).map(|n| n.value).unwrap_or(0.0) as u32;
        match c.get(k) {
            Some('、') => return Some((Style::CnDun, v, k + 1)),
            Some('是') => return Some((Style::CnShi, v, k + 1)),
            _ => {}
        }
    }
    None
}

#[inline(never)]
pub(super) fn part_of_line(c: &[char], ts: usize, te: usize) -> Option<PartKind> {
    let len = te - ts;
    if len == 0 || len > 40 {
        return None;
    }
    if find(c, ts, te, "%").is_some() || (c[te - 1] == '。' && len > 20) {
        return None;
    }
    // Every keyword below contains one of these chars: a cheap reject for ordinary lines.
    if !c[ts..te].iter().any(|ch| lex::PART_PREFILTER.contains(ch)) {
        return None;
    }
    // One pass over the line marks which keyword groups occur in it.
    let line = &c[..te];
    let mut seen = 0u8;
    for (k, &ch) in line.iter().enumerate().skip(ts) {
        if !PART_WORDS.iter().any(|w| w.may_start(ch)) {
            continue;
        }
        for (bit, words) in PART_WORDS.iter().enumerate() {
            if words.word_at(line, k).is_some() {
                seen |= 1 << bit;
            }
        }
    }
    // A heading reporting results (主要目标任务圆满完成) is not the plan's heading.
    if seen & 1 != 0 {
        return None;
    }
    if seen & 2 != 0 {
        return Some(PartKind::SelfBuilding);
    }
    if seen & 4 != 0 {
        return Some(PartKind::Review);
    }
    if seen & 8 != 0 {
        return Some(PartKind::Work);
    }
    // 目标 alone makes a short line a goals heading, but not a sentence (…获评目标考核一等奖。).
    if seen & 16 != 0 || (len <= 30 && c[te - 1] != '。' && find(c, ts, te, "目标").is_some()) {
        return Some(PartKind::Goals);
    }
    None
}

/// The keywords of part headings, by group: results (not a plan heading), 自身建设, the
/// review, the work plan and the goals.
static PART_WORDS: LazyLock<[Words; 5]> = LazyLock::new(|| {
    [
        Words::new(lex::PART_RESULT),
        Words::new(lex::PART_SELF_BUILDING),
        Words::new(lex::PART_REVIEW),
        Words::new(lex::PART_WORK),
        Words::new(lex::PART_GOALS),
    ]
});

pub(super) fn rank(k: PartKind) -> u8 {
    match k {
        PartKind::Preamble => 0,
        PartKind::Review => 1,
        PartKind::Goals => 2,
        PartKind::Work => 3,
        PartKind::SelfBuilding => 4,
    }
}
