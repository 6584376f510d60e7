//! Rules that read one paragraph (or one span of it) and tell what it is. Each names a
//! phenomenon of reports in general; the example beside it is of our own making.

use crate::Doc;
use crate::lexicon::structure::BULLETS;
use crate::lexicon::tasks as lex;
use crate::numeral;
use crate::structure::{Style, marker};
use crate::text::{at, class, find, is_cjk};

/// The last char of `s..e` that is not a closing quote or bracket.
fn last_char(c: &[char], s: usize, e: usize) -> Option<char> {
    c[s..e]
        .iter()
        .rev()
        .copied()
        .find(|&x| !matches!(x, '”' | '’' | '」' | '）' | ')' | ' '))
}

/// An address to the assembly opens the speaker's rhetoric: `各位代表！民生为大。…`.
pub(super) fn vocative(c: &[char], s: usize, e: usize) -> bool {
    lex::VOCATIVES
        .iter()
        .any(|w| at(c, s, w) && s + w.chars().count() <= e)
}

/// The speaker's closing call: `让我们携手并进，共同谱写新篇章。`.
pub(super) fn closing_call(c: &[char], s: usize, e: usize) -> bool {
    lex::RHETORIC_OPENERS
        .iter()
        .any(|w| at(c, s, w) && s + w.chars().count() < e)
}

/// A paragraph that ends in an exclamation closes a section: `我们要…打造全省一流的工业强县！`.
pub(super) fn exclamation(c: &[char], s: usize, e: usize) -> bool {
    matches!(last_char(c, s, e), Some('！' | '!'))
}

/// A paragraph that ends in a colon leads into what follows: `围绕上述目标，重点做好以下五个方面：`.
pub(super) fn lead_in(c: &[char], s: usize, e: usize) -> bool {
    matches!(last_char(c, s, e), Some('：' | ':'))
}

/// The line to follow, stated near a sentence's head: `今年政府工作的总体要求是：坚持…`.
pub(super) fn framing(c: &[char], ss: usize, se: usize) -> bool {
    let head = (ss + 30).min(se);
    c[ss..head].iter().any(|&x| x == '总' || x == '指')
        && lex::FRAMING.iter().any(|w| find(c, ss, head, w).is_some())
}

/// A sentence that characterises the year or period: `明年是实施规划的攻坚之年。`,
/// `今后五年是爬坡过坎的关键时期。`.
pub(super) fn year_character(c: &[char], ss: usize, se: usize) -> bool {
    let mut p = ss;
    if let Some(w) = lex::PERIOD_OPENERS.iter().find(|w| at(c, p, w)) {
        p += w.chars().count();
    } else if let Some((_, e)) = crate::structure::year_at(c, p) {
        p = e;
    } else {
        return false;
    }
    while p < se && matches!(c[p], '，' | ',' | ' ') {
        p += 1;
    }
    if c.get(p) != Some(&'是') {
        return false;
    }
    // Up to the first clause stop: `…之年，也是…一年。` counts by its first clause.
    let stop = (p..se)
        .find(|&k| matches!(c[k], '，' | ',' | '。' | '；' | ';'))
        .unwrap_or(se);
    lex::YEAR_CHARACTER
        .iter()
        .any(|w| crate::text::ends_with(c, p, stop, w))
}

/// A 民生实事 list written as one sentence per entry after its lead-in
/// (`继续办好民生实事。新建公园2个。改造小区10个。`): the entries, given the paragraph's
/// sentences and whether each carries a target. Needs the lead in the first sentence and
/// a target in most entries.
pub(super) fn minsheng_sentences(
    c: &[char],
    sentences: &[(usize, usize, bool)],
) -> Vec<(usize, usize)> {
    let mentions = |&(a, b, _): &(usize, usize, bool)| {
        lex::MINSHENG_LEAD
            .iter()
            .any(|w| find(c, a, b, w).is_some())
            || matches!(c[b - 1], '：' | ':')
    };
    if sentences.first().is_none_or(|x| !mentions(x)) {
        return Vec::new();
    }
    // The lead runs to the last of the first three sentences that still speaks of the list.
    let lead = (0..sentences.len().min(3))
        .rev()
        .find(|&k| mentions(&sentences[k]))
        .unwrap_or(0);
    let entries = &sentences[lead + 1..];
    let with_target = entries.iter().filter(|x| x.2).count();
    if entries.len() < 2 || with_target * 2 < entries.len() + 1 {
        return Vec::new();
    }
    entries.iter().map(|&(a, b, _)| (a, b)).collect()
}

/// The 主要预期目标 sentence: `今年全县发展的主要预期目标是：生产总值增长6%…`.
pub(super) fn goals_statement(c: &[char], ss: usize, se: usize) -> bool {
    let head = (ss + 50).min(se);
    c[ss..head].contains(&'目') && lex::GOALS.iter().any(|w| find(c, ss, head, w).is_some())
}

/// A heading over the 主要预期目标 alone: `一、全县经济社会发展主要预期目标`; not one that also
/// names the work (`二、今后五年的主要目标和重点任务`).
pub(super) fn goals_heading(heading: &str) -> bool {
    lex::GOALS_HEADING.iter().any(|w| heading.contains(w))
        && !lex::WORK_HEADING.iter().any(|w| heading.contains(w))
}

/// A line that opens with a bullet: `●新建口袋公园10个；`.
pub(super) fn bulleted(c: &[char], s: usize) -> bool {
    c.get(s).is_some_and(|x| BULLETS.contains(x))
}

/// A short lead phrase that names the paragraph's work: `推动工业提质增效。…`.
pub(super) fn lead_phrase(c: &[char], ss: usize, se: usize) -> bool {
    se - ss <= 20
        && matches!(c[se - 1], '。' | '；' | ';')
        && !c[ss..se - 1]
            .iter()
            .any(|&x| matches!(x, '，' | ',' | '。'))
}

/// A short line standing alone without a stop and followed by a numbered heading (抓好八个
/// 方面⏎（一）…): a title that introduces the list, not an item of it. Unpunctuated list items
/// are followed by their siblings, not by a heading, and stay tasks. A line of no words
/// (`2024`), a date line and a press piece's lead-in (`下面一起来看看`) name no work either.
pub(super) fn bare_title(c: &[char], ss: usize, se: usize) -> bool {
    let alone = (ss == 0 || c[ss - 1] == '\n') && c.get(se).is_none_or(|&x| x == '\n');
    if !alone
        || se - ss > 20
        || matches!(
            c[se - 1],
            '。' | '；' | ';' | '！' | '？' | '!' | '?' | '，' | ','
        )
    {
        return false;
    }
    let wordless = !c[ss..se].iter().any(|&x| is_cjk(x))
        || c[ss..se].iter().all(|&x| {
            // A date line: （二○二二年十二月二十日）.
            numeral::is_cn_numeral(x)
                || x.is_ascii_digit()
                || matches!(
                    x,
                    '年' | '月' | '日' | '（' | '）' | '(' | ')' | ' ' | '○' | '〇'
                )
        });
    let lead_in = lex::LEAD_INS.iter().any(|w| find(c, ss, se, w).is_some());
    let next = (se..c.len())
        .find(|&k| !c[k].is_whitespace())
        .unwrap_or(c.len());
    wordless || lead_in || marker(c, next, c.len()).is_some()
}

/// The kinds of inline item markers.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Inline {
    /// 一是 / 二是.
    Shi,
    /// ① / ②; past ⑩ also a '?' where a copy lost the char (GB2312 stops at ⑩).
    Circled,
    /// 第一， / 第二，.
    Ordinal,
    /// （1） / （2）, 1. / 2., （一） / （二）: the heading styles, written inline.
    Heading(Style),
}

/// An inline item marker at `p`: (kind, number, end of marker).
fn inline_marker(c: &[char], p: usize, e: usize) -> Option<(Inline, u32, usize)> {
    let ch = c[p];
    if ch == '第' {
        let n = numeral::chinese(c, p + 1)?;
        let k = n.end;
        return (n.value.fract() == 0.0
            && k - p <= 3
            && matches!(c.get(k), Some('，' | ',' | '、' | '是')))
        .then_some((Inline::Ordinal, n.value as u32, k + 1));
    }
    if class::of(ch) & class::NUM == 0 || ch.is_ascii_digit() {
        return None;
    }
    match marker(c, p, e) {
        Some((Style::CnShi, n, end)) => Some((Inline::Shi, n, end)),
        _ => None,
    }
}

/// An inline marker in a heading style at `p` (`（1）`, `1.`, `（一）`), which needs a stop
/// before it: `…工作：（1）…；（2）…`.
fn inline_heading_marker(c: &[char], p: usize, e: usize) -> Option<(Inline, u32, usize)> {
    if !(c[p].is_ascii_digit() || matches!(c[p], '（' | '(')) {
        return None;
    }
    match marker(c, p, e)? {
        (st @ (Style::Arabic | Style::ArabicParen | Style::CnParen), n, end) => {
            Some((Inline::Heading(st), n, end))
        }
        _ => None,
    }
}

/// Whether a marker may open at `p`: right after a stop, or at the start `s`.
#[inline]
fn after_stop(c: &[char], s: usize, p: usize) -> bool {
    p == s
        || matches!(
            c[p - 1],
            '；' | ';' | '：' | ':' | '，' | ',' | '。' | '！' | '!' | ' ' | '\n'
        )
}

/// Adds marker (kind, number) at `p` to its list when it continues it (or opens it at 1).
fn extend(lists: &mut Vec<(Inline, Vec<usize>, u32)>, k: Inline, n: u32, p: usize) {
    match lists.iter_mut().find(|l| l.0 == k) {
        Some(l) if n == l.2 + 1 => {
            l.1.push(p);
            l.2 = n;
        }
        None if n == 1 => lists.push((k, vec![p], 1)),
        _ => {}
    }
}

/// Items of an inline enumeration in `s..e`, each from its marker to the next
/// (`重点抓好三件事：一是…；二是…；三是…。`, `①新建…。②改造…。`): numbered 1, 2, … and each
/// right after a stop. The text before the first item leads into the list and is left out.
/// Where markers of several kinds qualify (`（一）扩大投资。1.…2.…`), the longest list wins.
/// `circled` holds the positions of circled numbers in `s..e` (most texts have none).
#[inline(never)]
pub(super) fn inline_items(
    doc: &Doc<'_>,
    s: usize,
    e: usize,
    circled: &[usize],
) -> Vec<(usize, usize)> {
    let c = &doc.c;
    let e = e.min(c.len());
    // (kind, item starts, last number) of each list under way.
    let mut lists: Vec<(Inline, Vec<usize>, u32)> = Vec::new();
    // Every other marker holds a numeral: jump between numerals, eight chars at a time, and
    // look at the opening bracket or 第 before one.
    let mut q = doc.next_of(s, e, class::NUM);
    while q < e {
        let m = if q > s && matches!(c[q - 1], '（' | '(' | '第') {
            q - 1
        } else {
            q
        };
        if after_stop(c, s, m)
            && let Some((k, n, end)) =
                inline_marker(c, m, e).or_else(|| inline_heading_marker(c, m, e))
        {
            extend(&mut lists, k, n, m);
            q = doc.next_of(end, e, class::NUM);
            continue;
        }
        // Past the rest of this number.
        let mut r = q + 1;
        while r < e && class::of(c[r]) & class::NUM != 0 {
            r += 1;
        }
        q = doc.next_of(r, e, class::NUM);
    }
    // Circled numbers (their positions in `s..e` are given), and past ⑩ the '?' a copy shows
    // for one it lost (GB2312 stops at ⑩): `…。?落实…`.
    for &p in circled {
        if after_stop(c, s, p) {
            extend(&mut lists, Inline::Circled, c[p] as u32 - '①' as u32 + 1, p);
        }
    }
    if let Some(l) = lists.iter().find(|l| l.0 == Inline::Circled && l.2 == 10) {
        let (mut n, mut q) = (10, l.1[l.1.len() - 1]);
        loop {
            q = doc.next_of(q + 1, e, class::GARBLE);
            if q >= e {
                break;
            }
            if matches!(c[q], '?' | '？')
                && after_stop(c, s, q)
                && c.get(q + 1).is_some_and(|&x| is_cjk(x))
            {
                n += 1;
                extend(&mut lists, Inline::Circled, n, q);
            }
        }
    }
    let Some(starts) = lists
        .into_iter()
        .map(|l| l.1)
        .filter(|v| v.len() >= 2)
        .max_by_key(|v| v.len())
    else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(starts.len());
    for (k, &a) in starts.iter().enumerate() {
        let mut b = starts.get(k + 1).copied().unwrap_or(e);
        while b > a && matches!(c[b - 1], '；' | ';' | '，' | ',' | ' ' | '\n') {
            b -= 1;
        }
        if b > a {
            out.push((a, b));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Vec<char> {
        crate::Doc::new(s).c.clone()
    }

    fn circ(c: &[char]) -> Vec<usize> {
        (0..c.len())
            .filter(|&i| ('①'..='⑳').contains(&c[i]))
            .collect()
    }

    /// A scanning table for chars already read.
    fn d(c: &[char]) -> Doc<'static> {
        let s: String = c.iter().collect();
        Doc::new(Box::leak(s.into_boxed_str()))
    }

    #[test]
    fn vocatives_and_exclamations_are_rhetoric() {
        let c = v("各位代表！实干创造未来。");
        assert!(vocative(&c, 0, c.len()));
        // Near miss: 代表 inside a sentence of work.
        let c = v("认真办理人大代表建议。");
        assert!(!vocative(&c, 0, c.len()));
        let c = v("我们要久久为功，建成全省一流的文旅强县！");
        assert!(exclamation(&c, 0, c.len()));
        let c = v("建成全省一流的文旅强县。");
        assert!(!exclamation(&c, 0, c.len()));
    }

    #[test]
    fn framing_year_and_goals_sentences() {
        let c = v("按照县委部署，明年政府工作的总体要求是：坚持稳中求进。");
        assert!(framing(&c, 0, c.len()));
        // Near miss: the words far from the head, inside a sentence of work.
        let c = v("完善项目谋划储备机制，把各项工作落实到县委县政府确定的总体要求上来。");
        assert!(!framing(&c, 0, c.len()));
        let c = v("明年是实施规划的攻坚之年，也是转型的关键一年。");
        assert!(year_character(&c, 0, c.len()));
        let c = v("2027年是全面完成规划目标的决胜之年。");
        assert!(year_character(&c, 0, c.len()));
        // Near miss: a year that opens a sentence of work.
        let c = v("今年是否开工取决于审批，力争年内开工建设。");
        assert!(!year_character(&c, 0, c.len()));
        let c = v("综合各方面因素，明年全县发展的主要预期目标是：生产总值增长6%。");
        assert!(goals_statement(&c, 0, c.len()));
        let c = v("完成上级下达的节能减排目标任务。");
        assert!(!goals_statement(&c, 0, c.len()));
    }

    #[test]
    fn closing_calls_and_periods() {
        let c = v("让我们携手并进，共同谱写新篇章。");
        assert!(closing_call(&c, 0, c.len()));
        let c = v("让群众办事更便捷。");
        assert!(!closing_call(&c, 0, c.len()));
        let c = v("今后五年是爬坡过坎的关键时期。");
        assert!(year_character(&c, 0, c.len()));
    }

    #[test]
    fn minsheng_entries_written_as_sentences() {
        let c = v("继续办好民生实事。新建公园2个。改造小区10个。增设车位500个。");
        let s = [
            (0, 9, false),
            (9, 16, true),
            (16, 23, true),
            (23, c.len(), true),
        ];
        assert_eq!(minsheng_sentences(&c, &s).len(), 3);
        // Near miss: a paragraph of work that only names the 实事 in passing.
        let c = v("办好民生实事。加大财政投入，完善推进机制。强化督查考核。");
        let s = [(0, 7, false), (7, 21, false), (21, c.len(), false)];
        assert!(minsheng_sentences(&c, &s).is_empty());
    }

    #[test]
    fn lead_phrases_are_short_first_sentences() {
        let c = v("推动工业提质增效。实施技改项目十个，新建智能工厂两家。");
        assert!(lead_phrase(&c, 0, 9));
        // Near miss: a first sentence of work with clauses.
        let c = v("实施技改项目，新建智能工厂。");
        assert!(!lead_phrase(&c, 0, c.len()));
    }

    #[test]
    fn inline_enumerations() {
        let c = v("重点抓好三件事：一是扩大投资；二是稳定就业；三是改善环境。");
        let items = inline_items(&d(&c), 0, c.len(), &circ(&c));
        let texts: Vec<String> = items
            .iter()
            .map(|&(a, b)| c[a..b].iter().collect())
            .collect();
        assert_eq!(
            texts,
            vec!["一是扩大投资", "二是稳定就业", "三是改善环境。"]
        );
        let c = v("办好民生实事。①新建公园三个。②改造路灯百盏。");
        assert_eq!(inline_items(&d(&c), 0, c.len(), &circ(&c)).len(), 2);
        let c = v("第一，稳住工业。第二，扩大消费。");
        assert_eq!(inline_items(&d(&c), 0, c.len(), &circ(&c)).len(), 2);
        let c = v("抓好两项工作：（1）扩大投资，新开工项目30个；（2）稳定就业。");
        assert_eq!(inline_items(&d(&c), 0, c.len(), &circ(&c)).len(), 2);
        let c = v("（一）扩大投资。1.新开工项目30个。2.完成投资50亿元。");
        let items = inline_items(&d(&c), 0, c.len(), &circ(&c));
        assert_eq!(
            items.len(),
            2,
            "the section's own marker is not an item of its list"
        );
        // Near miss: decimals after a stop are numbers, not items.
        let c = v("增长5%，1.2万人就业，2.5万人参保。");
        assert!(inline_items(&d(&c), 0, c.len(), &circ(&c)).is_empty());
        // Past ⑩ a copy shows '?' for the lost circled number.
        let mut s = String::new();
        for (k, m) in ('①'..='⑩').enumerate() {
            s.push_str(&format!("{m}建设第{}处站点。", k + 1));
        }
        s.push_str("?建设末处站点。");
        let c = v(&s);
        assert_eq!(inline_items(&d(&c), 0, c.len(), &circ(&c)).len(), 11);
        // Near misses: one item only, a numeral before 是 inside a clause, and a
        // sequence that does not start at one.
        let c = v("一是扩大投资，稳定就业。");
        assert!(inline_items(&d(&c), 0, c.len(), &circ(&c)).is_empty());
        let c = v("关键在于统一是非标准，二是其次。");
        assert!(inline_items(&d(&c), 0, c.len(), &circ(&c)).is_empty());
        let c = v("二是扩大投资；三是稳定就业。");
        assert!(inline_items(&d(&c), 0, c.len(), &circ(&c)).is_empty());
    }
}
