//! Indicator names: the noun phrase a figure measures (`完成改造的老旧小区`), the predicate
//! after a count, groups of projects and rate lists (`A、B参保率` → one name each).

use super::*;

/// The predicate that follows a counted noun up to the clause end (18个老旧小区完成改造 →
/// 完成改造), when it starts with an action word (or anything, after a causative verb: 帮助
/// 300户农户销售农产品) and holds no other number.
pub(super) fn predicate_after(
    c: &[char],
    from: usize,
    se: usize,
    causative: bool,
) -> Option<(usize, usize)> {
    if !causative {
        W_ACTION_AFTER.word_at(c, from)?;
    } else if !c.get(from).is_some_and(|&x| is_cjk(x))
        || W_POST_STOP
            .word_at(c, from)
            .is_some_and(|w| matches!(w, "和" | "及" | "与"))
    {
        return None;
    }
    let lim = (from + MAX_PREDICATE).min(se);
    let end = (from..lim)
        .find(|&k| is_clause_delim(c[k]) || c[k] == '、' && !causative || c[k] == '\n')
        .unwrap_or(lim);
    if end == lim && lim < se && !is_clause_delim(c[lim]) {
        return None;
    }
    // Another number ends the predicate; one inside quotes is a name (实现“最多跑一次”).
    let mut depth = 0i32;
    if (from..end).any(|k| {
        depth += quote_delta(c[k]);
        depth <= 0 && (c[k].is_ascii_digit() || class_num_counter(c, k))
    }) {
        return None;
    }
    let mut s = from;
    while let Some(a) = W_ADVERB_LEAD.word_at(c, s) {
        s += a.chars().count();
    }
    (end >= s + 2).then_some((s, end))
}

/// Where a list of nouns that goes on from a noun read after a count (`、` at `k`) ends: only
/// when every item is a bare noun (no verb opening or inside it, no number, no 的 or 等) and
/// the list closes the clause, so that 新建8个车间、推广… stays one noun.
pub(super) fn noun_list_end(c: &[char], k: usize, s_end: usize) -> Option<usize> {
    let mut k = k;
    for _ in 0..3 {
        if c.get(k) != Some(&'、') {
            break;
        }
        let s = k + 1;
        let lim = (s + 11).min(s_end);
        let e = (s..lim)
            .find(|&q| c[q] == '、' || is_clause_delim(c[q]))
            .unwrap_or(lim);
        // 4轮全方位、全链条的安全检查: a last item with 的 is a modifier of the noun after it,
        // and only that noun must be bare.
        let de = (s..e).rev().find(|&q| c[q] == '的');
        let s = de.map_or(s, |d| d + 1);
        if e < s + 2
            || e == lim && lim < s_end
            || de.is_some() && e < s_end && !is_clause_delim(c[e])
            || W_LEAD.longest_at(c, s).is_some()
            || W_VERB_END.longest_at(c, s).is_some()
            || (s..e).any(|q| {
                !is_cjk(c[q])
                    || matches!(c[q], '的' | '等')
                    || numeral::is_cn_numeral(c[q])
                        && numeral::read(c, q)
                            .is_some_and(|n| W_COUNTERS.longest_at(c, n.end).is_some())
                    || W_POST_STOP.longest_at(c, q).is_some()
                    || W_ACTION_AFTER.longest_at(c, q).is_some()
            })
        {
            return None;
        }
        // 12个路口、广场照明设施: a last item ending in a generic head is the head of the
        // whole list, and the count is of the first noun alone.
        if W_GROUP_HEAD.longest_ending(c, s + 2, e).is_some() {
            return None;
        }
        k = e;
    }
    (k == s_end || is_clause_delim(c[k])).then_some(k)
}

/// A Chinese numeral directly followed by a counter inside a predicate (another figure).
pub(super) fn class_num_counter(c: &[char], k: usize) -> bool {
    numeral::cn_digit(c[k]).is_some()
        && numeral::read(c, k).is_some_and(|n| W_COUNTERS.longest_at(c, n.end).is_some())
}

/// A counted thing named with its action: verb + predicate + 的 + noun (帮助实现就业的脱贫人口),
/// or verb + noun when nothing follows (实施省重点项目).
pub(super) fn action_name<'a>(
    doc: &Doc<'a>,
    verb: Option<(usize, usize)>,
    pred: Option<(usize, usize)>,
    noun: (usize, usize),
) -> Option<crate::Text<'a>> {
    if noun.1 <= noun.0 {
        return None;
    }
    let mut out = String::new();
    let pred_text = pred.map(|(s, e)| {
        let t = doc.squeeze(s, e);
        // 建立了… → 建立…; ordinal batches (第三批) say nothing about the thing.
        let mut t = t.replace('了', "");
        if let Some(q) = t.find('第') {
            let rest = &t[q + '第'.len_utf8()..];
            let n = rest
                .chars()
                .take_while(|&x| numeral::is_cn_numeral(x) || x.is_ascii_digit())
                .count();
            let after: String = rest.chars().skip(n).collect();
            if n > 0 && (after.starts_with('批') || after.starts_with('届')) {
                t = format!("{}{}", &t[..q], &after['批'.len_utf8()..]);
            }
        }
        t
    });
    // 20个重点项目加快推进: light verbs alone say nothing done; the things are named alone.
    let pred_text = pred_text.filter(|_| !pred.is_some_and(|(s, e)| light_only(&doc.c, s, e)));
    if pred_text.is_none() && (verb.is_none() || !ACTION_VERB_NAMES) {
        return None;
    }
    // A one-char verb (为, 对) is a preposition here, not part of the name.
    if let Some((s, e)) = verb.filter(|(s, e)| e - s >= 2) {
        out.push_str(&doc.squeeze(s, e));
    }
    if let Some(p) = pred_text {
        out.push_str(&p);
        out.push('的');
    }
    out.push_str(&doc.squeeze(noun.0, noun.1));
    Some(out.into())
}

/// Whether `s..e` is made of light verbs only (加快推进, 有序推进 is not: 有序 is no verb).
fn light_only(c: &[char], s: usize, e: usize) -> bool {
    let mut k = s;
    while k < e
        && let Some(l) = W_LIGHT_VERB.longest_at(c, k)
    {
        k += l;
    }
    k > s && k == e
}

/// A counted thing followed by the work done on it, as one noun (38个村电网改造): named
/// 电网改造的村, with the verb before the count when there is one (完成电网改造的村).
/// `counted` says the unit counts things (个, 所), not a length or area.
pub(super) fn object_action_name<'a>(
    doc: &Doc<'a>,
    verb: Option<(usize, usize)>,
    (ps, pe): (usize, usize),
    counted: bool,
) -> Option<crate::Text<'a>> {
    let c = &doc.c;
    let mut e = pe;
    let object = verb.is_some() && W_WORK_OBJECT.longest_ending(c, ps, e).is_some();
    // A light verb (推进) says nothing of work done (推进…提档升级 → 提档升级的…), but it is
    // what is done to a work object (加快…建设进度 → 加快建设进度的…).
    let verb = verb.filter(|&(vs, ve)| object || W_LIGHT_VERB.longest_at(c, vs) != Some(ve - vs));
    let mut tail = false;
    // The end of the work's name: a built work (治理工程) keeps its tail, a task (整治任务)
    // does not.
    let mut work_end = e;
    if !object {
        if let Some(w) = W_WORK_TAIL.word_ending(c, ps, e) {
            e -= w.chars().count();
            tail = true;
            if !BUILT_TAILS.contains(&w) {
                work_end = e;
            }
        }
        W_WORK_END.longest_ending(c, ps, e)?;
    }
    // The thing is one head noun (村 of 村电网改造, 村庄 of 村庄污水治理) that does not go on
    // into a longer one.
    let exact = (ps + 1..=e.saturating_sub(2)).find(|&k| {
        W_ENTITY
            .longest_ending(c, ps, k)
            .is_some_and(|l| k - l == ps)
            && W_ENTITY
                .longest_ending(c, ps, k + 1)
                .is_none_or(|l| k + 1 - l != ps)
    });
    // Or a modified one (A级景区 of A级景区提档升级) when the things themselves are counted:
    // a count of projects or tasks (城中村改造工程) counts the works, and a one-char head is
    // too often a modifier (农村道路).
    let split = exact.or_else(|| {
        (counted && !tail)
            .then(|| {
                (ps + 1..=e.saturating_sub(2))
                    .rev()
                    .find(|&k| W_ENTITY.longest_ending(c, ps, k).is_some_and(|l| l >= 2))
            })
            .flatten()
    })?;
    // 7个乡镇的集镇改造: the 的 joins the thing to its work.
    let ws = if c[split] == '的' { split + 1 } else { split };
    if e < ws + 2 {
        return None;
    }
    let mut out = String::new();
    if let Some((vs, ve)) = verb {
        out.push_str(&doc.squeeze(vs, ve));
    }
    out.push_str(&doc.squeeze(ws, work_end));
    out.push('的');
    out.push_str(&doc.squeeze(ps, split));
    Some(out.into())
}

/// The text without footnote markers ([1], [12]).
pub(super) fn drop_footnotes(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(q) = rest.find('[') {
        out.push_str(&rest[..q]);
        let after = &rest[q + 1..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && digits <= 3 && after[digits..].starts_with(']') {
            rest = &after[digits + 1..];
        } else {
            out.push('[');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Whether a verb before a count joins the noun after it when no predicate follows.
pub(super) const ACTION_VERB_NAMES: bool = false;

/// The longest predicate read after a counted noun.
pub(super) const MAX_PREDICATE: usize = 28;

/// The noun of a group of projects after 总投资X亿元的: (start, end) of its name without the
/// count, when a count (的15个城建项目, 的重点项目21个) or a list (的A、B项目) says it is a group.
/// `counted_before`: a count stands before the money (32个总投资68亿元的产业项目).
pub(super) fn group_noun(
    c: &[char],
    from: usize,
    s_end: usize,
    counted_before: bool,
) -> Option<(usize, usize)> {
    let lim = (from + 28).min(s_end);
    let stop = (from..lim).find(|&k| is_clause_delim(c[k])).unwrap_or(lim);
    let mut s = from;
    let mut counted = counted_before;
    if let Some(n) = numeral::read(c, s).filter(|n| n.end < stop)
        && let Some(u) = W_COUNTERS.word_at(c, n.end)
    {
        s = n.end + u.chars().count();
        counted = true;
    }
    // After a count the group's noun ends at its first project noun (的56个项目纳入省重点
    // 项目 → 项目); a list runs to the last one (的A、B项目).
    let (pe, pl) = if counted {
        PROJECT_NOUNS
            .iter()
            .filter_map(|w| find(c, s, stop, w).map(|q| (q, w.chars().count())))
            .min()?
    } else {
        PROJECT_NOUNS
            .iter()
            .filter_map(|w| text::rfind(c, s, stop, w).map(|q| (q, w.chars().count())))
            .max()?
    };
    let e = pe + pl;
    let count_after = numeral::read(c, e)
        .is_some_and(|n| n.end <= stop && W_COUNTERS.word_at(c, n.end).is_some());
    // 的项目18个: a bare project noun is a group when a count follows it.
    if e < s + if counted || count_after { 2 } else { 3 } {
        return None;
    }
    let listed = c[s..e].contains(&'、');
    (counted || listed || count_after).then_some((s, e))
}

/// Whether a count stands right before the money at `i` and its attribute word (32个总投资
/// 68亿元的…): the money is then the group's.
pub(super) fn count_before_money(c: &[char], s: usize, mut i: usize) -> bool {
    if i > s && MONEY_LINKS.contains(&c[i - 1]) {
        i -= 1;
    }
    let Some(l) = W_ATTRIBUTE.longest_ending(c, s, i) else {
        return false;
    };
    let mut e = i - l;
    // …等26个、总投资16亿元的: a list comma may join the count to the money.
    if e > s && c[e - 1] == '、' {
        e -= 1;
    }
    W_COUNTERS.longest_ending(c, s, e).is_some_and(|u| {
        e - u > s && (c[e - u - 1].is_ascii_digit() || numeral::is_cn_numeral(c[e - u - 1]))
    })
}

/// Names for a list of rates that share one figure: each item names its own rate
/// (办结率、满意率100%), or only the last does and the others share its tail
/// (城乡居民养老保险和基本医疗保险参保率 → …养老保险参保率, 基本医疗保险参保率).
pub(super) fn rate_list_names<'a>(
    doc: &Doc<'a>,
    items: &[(usize, usize)],
) -> Option<Vec<crate::Text<'a>>> {
    let c = &doc.c;
    if items.len() < 2
        || items.iter().any(|&(x, y)| y < x + 2)
        || c[items[items.len() - 1].1 - 1] != '率'
    {
        return None;
    }
    let stripped: Vec<(usize, usize)> = items.iter().map(|&(x, y)| strip(c, x, y)).collect();
    if stripped
        .iter()
        .any(|&(x, y)| y < x + 2 || c[x..y].iter().any(char::is_ascii_digit))
    {
        return None;
    }
    let is_rate = |&(_, y): &(usize, usize)| c[y - 1] == '率';
    if stripped.iter().all(is_rate) {
        // 建议提案办复率、满意率: a bare rate word after the first takes the first one's head
        // (建议提案满意率).
        let (fs, fe) = stripped[0];
        return Some(
            stripped
                .iter()
                .enumerate()
                .map(|(i, &(x, y))| {
                    let l = y - x;
                    if i > 0 && l <= 3 && fe - fs >= l + 2 {
                        format!("{}{}", doc.squeeze(fs, fe - l), doc.squeeze(x, y)).into()
                    } else {
                        doc.squeeze(x, y)
                    }
                })
                .collect(),
        );
    }
    let (&(ls, le), head) = stripped.split_last()?;
    if !is_rate(&(ls, le)) || head.iter().any(is_rate) || le < ls + 4 {
        return None;
    }
    // 脱贫户和监测对象就业率: a rate of two populations together is one figure.
    if head
        .iter()
        .any(|&(x, y)| W_POPULATION_END.longest_ending(c, x, y).is_some())
    {
        return None;
    }
    let mut names: Vec<crate::Text<'a>> = Vec::new();
    for &(x, y) in head {
        // The tail starts after the item's own last word where the last item repeats it
        // (…养老保险 + 参保率), else after the last item's own first word (…医疗 + 保险参保率).
        let tail = shared_tail(c, (x, y), (ls, le));
        if tail + 1 >= le {
            return None;
        }
        names.push(format!("{}{}", doc.squeeze(x, y), doc.squeeze(tail, le)).into());
    }
    names.push(doc.squeeze(ls, le));
    Some(names)
}

/// Where the tail that a list's last item lends the others starts: after the item's own last
/// word where the last item repeats it (…养老保险 + 参保率), else after the last item's own
/// first word (…医疗 + 保险参保率).
pub(super) fn shared_tail(c: &[char], (_, y): (usize, usize), (ls, le): (usize, usize)) -> usize {
    (ls..le - 2)
        .find(|&q| c[q] == c[y - 2] && c[q + 1] == c[y - 1])
        .map(|q| q + 2)
        .unwrap_or(ls + 2)
}

/// Strips connective and verb words from both ends of `s..e`.
pub(super) fn strip(c: &[char], mut s: usize, mut e: usize) -> (usize, usize) {
    loop {
        let before = (s, e);
        while s < e
            && (c[s] == ' '
                || c[s] == '\n'
                || matches!(
                    c[s],
                    '●' | '◆'
                        | '■'
                        | '□'
                        | '•'
                        | '·'
                        | '▲'
                        | '★'
                        | '☆'
                        | '◇'
                        | '-'
                        | '*'
                        | '※'
                        | '、'
                        | '，'
                        | ','
                ))
        {
            s += 1;
        }
        if s < e
            && (matches!(c[s], '（' | '(' | '①'..='⑳') || class::of(c[s]) & class::NUM != 0)
            && let Some((_, _, me)) = marker(c, s, e)
            && me < e
        {
            s = me;
        }
        if let Some((_, ye)) = year_at(c, s)
            && ye <= e
        {
            s = ye;
        }
        // A comparison with another place alone (高于全市) names nothing; nor does the base
        // of a comparison (比2020年, 较2019年同期). One char test first: strip runs often.
        if s + 1 < e
            && matches!(
                c[s],
                '高' | '低' | '快' | '慢' | '领' | '比' | '较' | '到' | '至'
            )
        {
            // 到2030年城镇化率: the year a target is for is no part of its name.
            if matches!(c[s], '到' | '至')
                && let Some((_, ye)) = year_at(c, s + 1)
                && ye < e
            {
                s = if matches!(c[ye], '底' | '末') {
                    ye + 1
                } else {
                    ye
                };
                continue;
            }
            if let Some(l) = W_COMPARE.longest_at(c, s).filter(|&l| s + l < e)
                && W_COMPARE_BASE.longest_at(c, s + l) == Some(e - s - l)
            {
                s = e;
            } else if matches!(c[s], '比' | '较')
                && let Some((_, ye)) = year_at(c, s + 1)
                && ye <= e
            {
                s = if at(c, ye, "同期") { ye + 2 } else { ye }.min(e);
            }
        }
        if let Some(w) = W_LEAD
            .word_at(c, s)
            .filter(|_| W_KEEP_LEAD.longest_at(c, s).is_none())
        {
            let l = w.chars().count();
            // Scope words (全省, 我市) stay when they are most of the name (全省总量).
            let scope = matches!(c[s], '全' | '我') && l == 2;
            // Never leave a single char behind (完成率 is a name, not 完成 + 率).
            if s + l <= e && e != s + l + 1 && (!scope || e == s + l || e >= s + l + 3) {
                s += l;
            }
        }
        while e > s && (c[e - 1] == ' ' || c[e - 1] == '\n' || c[e - 1] == '、') {
            e -= 1;
        }
        // A footnote marker before the number: 固定资产投资[5]120亿元.
        if e > s + 2 && c[e - 1] == ']' {
            let mut k = e - 1;
            while k > s && c[k - 1].is_ascii_digit() {
                k -= 1;
            }
            if k > s && k < e - 1 && c[k - 1] == '[' {
                e = k - 1;
                continue;
            }
        }
        let best = W_TRAIL.longest_ending(c, s, e).unwrap_or(0);
        e -= best;
        // 地区生产总值从2020年的240亿元: the base year is no part of the name either.
        if e >= s + 8
            && c[e - 1] == '年'
            && matches!(c[e - 6], '从' | '由')
            && year_at(c, e - 5).is_some_and(|(_, ye)| ye == e)
        {
            e -= 6;
        }
        if (s, e) == before {
            return (s, e);
        }
    }
}
