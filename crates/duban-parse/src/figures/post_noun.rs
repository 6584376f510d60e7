//! The noun read after a number's unit (`建设100个口袋公园` → 口袋公园), for number-first
//! phrasing: where it ends (a verb, another count, a sum of money or a rate that names the next
//! number).

use super::*;

/// Adds the noun after the unit (for number-first phrasing).
pub(super) fn finish(doc: &Doc<'_>, mut cand: Cand, s_end: usize) -> Cand {
    if cand.post.is_some() {
        return cand;
    }
    let c = &doc.c;
    let mut k = cand.end;
    if c.get(k) == Some(&'的') {
        k += 1;
    }
    // An age class before the noun (1万名65周岁以上常住居民, 7万名35-64岁妇女) belongs to the
    // noun.
    if let Some(mut n) = numeral::arabic(c, k).or_else(|| numeral::chinese(c, k)) {
        if c.get(n.end).is_some_and(|x| RANGE_MARKS.contains(x))
            && let Some(m) = numeral::arabic(c, n.end + 1)
        {
            n = m;
        }
        if let Some(l) = AGE_WORDS
            .iter()
            .find(|w| at(c, n.end, w))
            .map(|w| w.chars().count())
        {
            k = n.end + l;
        }
    }
    let s = k;
    let mut depth = 0i32;
    while k < s_end && k - s < 20 {
        let ch = c[k];
        let d = quote_delta(ch);
        // A quotation opened before the number (“十件民生实事”) ends the noun where it closes.
        if d < 0 && depth == 0 {
            break;
        }
        if d != 0 {
            depth += d;
            k += 1;
            continue;
        }
        if depth > 0 {
            k += 1;
            continue;
        }
        if is_clause_delim(ch) || ch == '、' || ch.is_ascii_digit() || ch == ' ' {
            break;
        }
        if !(is_cjk(ch) || ch.is_ascii_alphabetic() || matches!(ch, '（' | '）' | '(' | ')' | '·'))
        {
            break;
        }
        if k > s && W_POST_STOP.longest_at(c, k).is_some() && !joins_nouns(c, k, s_end) {
            break;
        }
        if k > s
            && numeral::cn_digit(ch).is_some()
            && numeral::read(c, k).is_some_and(|n| W_COUNTERS.longest_at(c, n.end).is_some())
        {
            break;
        }
        k += 1;
    }
    // 63人获得保险赔付资金8.1万元: a noun that runs into another number ends in the name of
    // that number (资金, 费用); the count is of what comes before it.
    if k < s_end
        && c[k].is_ascii_digit()
        && let Some(l) = W_AMOUNT_NOUN
            .longest_ending(c, s, k)
            .filter(|&l| k >= s + l + 2)
    {
        k -= l;
    }
    // 23个乡镇污水处理率达到95%: a rate that runs on from the counted noun is the next
    // number's name; the count is of the things before it.
    if k > s + 3 && c[k - 1] == '率' && value_follows(c, k, s_end) {
        k = (s + 2..k - 2)
            .rev()
            .find(|&q| {
                W_ENTITY.longest_ending(c, s, q).is_some()
                    || W_POPULATION_END.longest_ending(c, s, q).is_some()
            })
            .unwrap_or(k);
    }
    if k > s {
        // 新建80个数字车间、智慧工厂: a list of nouns closing the clause is counted as one.
        cand.post = Some((s, noun_list_end(c, k, s_end).unwrap_or(k)));
    }
    cand
}

/// A number at `k`, or after a link word there (达到, 为).
fn value_follows(c: &[char], k: usize, s_end: usize) -> bool {
    let k = k + W_TRAIL.longest_at(c, k).unwrap_or(0);
    k < s_end && c[k].is_ascii_digit()
}

/// A conjunction at `k` inside a noun read after a number joins two nouns (节能改造和设备更新项目)
/// unless another number follows it (3个村和5个社区) or the clause ends first.
fn joins_nouns(c: &[char], k: usize, s_end: usize) -> bool {
    if !matches!(c[k], '和' | '及' | '与') || W_POST_STOP.longest_at(c, k) != Some(1) {
        return false;
    }
    let lim = (k + 8).min(s_end);
    let stop = (k + 1..lim).find(|&q| is_clause_delim(c[q]) || c[q] == '、');
    stop.is_none_or(|q| q > k + 2)
        && !(k + 1..stop.unwrap_or(lim))
            .any(|q| c[q].is_ascii_digit() || numeral::is_cn_numeral(c[q]))
}
