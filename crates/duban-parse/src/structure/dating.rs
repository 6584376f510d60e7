//! The years a report is about: from its part headings, title block and date, or the cues
//! around the first years it names.

use super::Line;
use crate::lexicon::structure as lex;
use crate::text::{at, class, contains_any, find};
use crate::{Doc, Sentence, numeral};

/// A year written as 2023年 / 二〇二三年 at `i`: (year, end after 年).
pub(crate) fn year_at(c: &[char], i: usize) -> Option<(i32, usize)> {
    // A year is four numerals and 年: look at the 年 before reading any number.
    if c.get(i + 4) != Some(&'年') {
        return None;
    }
    let n = numeral::read(c, i)?;
    if c.get(n.end) != Some(&'年') || n.tail != 1.0 {
        return None;
    }
    let len = n.end - i;
    if len != 4 || n.value.fract() != 0.0 {
        return None;
    }
    let y = n.value as i32;
    (1949..=2100).contains(&y).then_some((y, n.end + 1))
}

/// Every year mention in `start..end`.
pub(super) fn years_in(doc: &Doc<'_>, start: usize, end: usize) -> Vec<(i32, usize, usize)> {
    let c = &doc.c;
    let mut out = Vec::new();
    // Only numerals can start a year: jump between them.
    let mut i = doc.next_of(start, end, class::NUM);
    while i < end {
        let ch = c[i];
        let prev_num = i > 0 && (c[i - 1].is_ascii_digit() || numeral::is_cn_numeral(c[i - 1]));
        if !prev_num
            && (ch.is_ascii_digit() || numeral::cn_digit(ch).is_some())
            && let Some((y, e)) = year_at(c, i)
        {
            out.push((y, i, e));
            i = doc.next_of(e, end, class::NUM);
            continue;
        }
        i = doc.next_of(i + 1, end, class::NUM);
    }
    out
}

/// (plan year, reviewed year), completing what the part headings gave.
pub(super) fn years(
    doc: &Doc<'_>,
    lines: &[Line],
    sentences: &[Sentence],
    mut plan_year: Option<i32>,
    mut review_year: Option<i32>,
) -> (Option<i32>, Option<i32>) {
    let c = &doc.c;
    let head: Vec<&Line> = lines.iter().filter(|l| l.ts < l.te).take(8).collect();
    for l in &head {
        for (y, ys, ye) in years_in(doc, l.ts, l.te) {
            if find(c, ye, l.te, "政府工作报告").is_some() && ye - ys <= 6
                || at(c, ye, "政府工作报告")
                || commitment_title(c, ye, l.te)
            {
                plan_year.get_or_insert(y);
            }
            // A dated report: 2023年1月8日 / 二〇二二年十二月二十日.
            if let Some(m) = numeral::read(c, ye)
                && c.get(m.end) == Some(&'月')
                && m.value >= 1.0
                && m.value <= 12.0
                && plan_year.is_none()
                && review_year.is_none()
            {
                if m.value <= 6.0 {
                    plan_year = Some(y);
                } else if m.value >= 9.0 {
                    plan_year = Some(y + 1);
                }
            }
        }
    }
    if plan_year.is_none() && review_year.is_none() {
        'outer: for s in sentences {
            for (y, _, ye) in years_in(doc, s.start, s.end) {
                let win = (ye + 14).min(s.end);
                if at(c, ye, "工作回顾")
                    || contains_any(c, ye, win, lex::REVIEW_YEAR_CUES)
                        && !contains_any(c, ye, win, lex::PLAN_YEAR_CUES)
                {
                    review_year = Some(y);
                    break 'outer;
                }
                if contains_any(c, ye, win, lex::PLAN_YEAR_CUES)
                    || contains_any(c, ye, win, lex::PLAN_YEAR_WEAK_CUES)
                {
                    plan_year = Some(y);
                    break 'outer;
                }
            }
        }
    }
    match (plan_year, review_year) {
        (Some(p), None) => review_year = Some(p - 1),
        (None, Some(r)) => plan_year = Some(r + 1),
        _ => {}
    }

    (plan_year, review_year)
}

/// Whether `s..e` (a title line after its year) names a list of commitments, not its results
/// (2026年民生实事 → yes; 2025年民生实事完成情况 → no).
pub(crate) fn commitment_title(c: &[char], s: usize, e: usize) -> bool {
    let e = e.min(s + 24);
    contains_any(c, s, e, lex::COMMITMENT_TITLE_WORDS) && !contains_any(c, s, e, lex::PART_RESULT)
}
