//! Lists: the length of a list just given (`甲、乙、丙3大产业` restates it) and items of a list.

use super::*;

/// Number of top-level 、-separated items in `s..e`, when all are non-empty and none has a
/// digit (a list of names, not of figures).
/// Also says whether the last item holds a conjunction (…、B和C may be three names or two).
pub(super) fn list_len(c: &[char], s: usize, e: usize) -> Option<(usize, bool)> {
    let mut depth = 0i32;
    let mut items = 1usize;
    let mut last = s;
    let mut conj = false;
    let mut q = s;
    while q < e {
        let ch = c[q];
        // A footnote marker after a name ([1]) is not part of the list.
        if ch == '['
            && let Some(k) = (q + 1..e.min(q + 5)).find(|&k| c[k] == ']')
            && k > q + 1
            && c[q + 1..k].iter().all(char::is_ascii_digit)
        {
            q = k + 1;
            continue;
        }
        depth += quote_delta(ch);
        if ch.is_ascii_digit() {
            return None;
        }
        // Quoted names written side by side (“甲”“乙”两个品牌) are items too.
        if depth == 0
            && quote_delta(ch) < 0
            && c.get(q + 1).is_some_and(|&x| quote_delta(x) > 0)
            && q + 1 < e
        {
            items += 1;
            last = q + 1;
            conj = false;
        }
        // …、B和C: the conjunction in the last item joins one more name.
        if depth <= 0 && matches!(ch, '和' | '及' | '与') && q > last {
            conj = true;
        }
        if depth <= 0 && ch == '、' {
            if q == last {
                return None;
            }
            items += 1;
            last = q + 1;
            conj = false;
        }
        q += 1;
    }
    (e > last).then_some((items, conj))
}

/// Splits `s..e` at top-level separators (outside quotes).
pub(super) fn split_items(c: &[char], s: usize, e: usize, seps: &[&str]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut st = s;
    let mut k = s;
    while k < e {
        depth += quote_delta(c[k]);
        if depth <= 0
            && let Some(w) = seps.iter().find(|w| at(c, k, w))
            && !inside_word(c, k, s)
        {
            out.push((st, k));
            k += w.chars().count();
            st = k;
            continue;
        }
        k += 1;
    }
    out.push((st, e));
    out
}

/// A count that restates the length of a list just given (光电子信息、汽车制造、大健康3大产业),
/// possibly after a conjunction (…产业和物流、文旅两个板块).
pub(super) fn restates_list(c: &[char], cand: &Cand, seg: usize, ns: usize) -> bool {
    if cand.percent || cand.currency || cand.value < 2.0 || cand.value.fract() != 0.0 {
        return false;
    }
    let (xa, _) = strip_punct(c, seg, ns);
    let conj = (xa..ns)
        .rev()
        .find(|&q| matches!(c[q], '和' | '及' | '与'))
        .map(|q| q + 1);
    // 建成甲村和乙村2个示范村: two short names joined by a conjunction, restated as two of
    // the noun after the count.
    let pair = |from: usize, n: usize, conj: bool| {
        n == 1 && conj && cand.value == 2.0 && cand.post.is_some() && ns - from <= 10
    };
    let restated = |from: usize, to: usize| {
        list_len(c, from, to).is_some_and(|(n, conj)| {
            n >= 2 && (n as f64 == cand.value || conj && (n + 1) as f64 == cand.value)
                || pair(from, n, conj)
        })
    };
    [Some(xa), conj]
        .into_iter()
        .flatten()
        .any(|from| restated(from, ns))
        || quoted_before(c, xa, ns).is_some_and(|(qs, qe)| restated(qs, qe))
}

/// The inside of a quotation that ends right before `ns` (培育“甲、乙、丙”3个产业 → 甲、乙、丙).
fn quoted_before(c: &[char], from: usize, ns: usize) -> Option<(usize, usize)> {
    if ns == 0 || quote_delta(c[ns - 1]) >= 0 {
        return None;
    }
    let mut depth = 0i32;
    let open = (from..ns).rev().find(|&k| {
        depth += quote_delta(c[k]);
        depth == 0
    })?;
    (open + 1 < ns - 1).then_some((open + 1, ns - 1))
}

/// Whether the separator char at `k` is part of a word (普及率, 惠及, 和谐), not a separator.
fn inside_word(c: &[char], k: usize, s: usize) -> bool {
    SEP_CHAR_WORDS.iter().any(|w| {
        w.chars()
            .position(|x| x == c[k])
            .is_some_and(|o| k >= s + o && at(c, k - o, w))
    })
}

/// 实现1200户3600人稳定增收: a count written right before another count of the same group
/// (households, then people) and with no name in its own clause takes the second one's.
pub(super) fn paired_counts(c: &[char], ss: usize, figs: &mut [Fig<'_>]) {
    for i in 1..figs.len() {
        let (head, tail) = figs.split_at_mut(i);
        let (f, g) = (&mut head[i - 1], &tail[0]);
        let plain = |x: &Fig<'_>| !x.cand.currency && !x.cand.percent;
        if f.cand.end == g.cand.num_start
            && plain(f)
            && plain(g)
            && f.cand.unit != g.cand.unit
            && (f.ind.is_empty() || f.ind_end <= clause_start(c, ss, f.cand.num_start))
            && !g.ind.is_empty()
            && g.ind_start >= f.cand.num_start
        {
            f.ind = g.ind.clone();
            (f.ind_start, f.ind_end) = (g.ind_start, g.ind_end);
            f.span_start = f.span_start.max(clause_start(c, ss, f.cand.num_start));
            f.span_end = f.span_end.max(g.span_end);
        }
        // 监测户25户81人: the people of the households just counted are named as people.
        if f.cand.end == g.cand.num_start
            && f.ind == g.ind
            && let Some((hh, _)) = PEOPLE_OF_HOUSEHOLDS
                .iter()
                .find(|(hh, people)| f.cand.unit == *hh && g.cand.unit == *people)
            && let Some(stem) = g.ind.strip_suffix(hh)
            && stem.chars().count() >= 2
        {
            let name = format!("{stem}{PEOPLE_NOUN}");
            tail[0].ind = name.into();
        }
    }
}

/// 52个“五大类项目”，25个项目竣工，在建项目18个: counts after a count of a quoted class, whose
/// names end in the class's bare head (项目), are counts of its parts and take its name.
pub(super) fn parts_of_quoted_class(figs: &mut [Fig<'_>]) {
    let Some(i) = figs.iter().position(|f| {
        !f.cand.percent && !f.cand.currency && f.ind.starts_with('“') && f.ind.ends_with('”')
    }) else {
        return;
    };
    let class = figs[i].ind.to_string();
    let inner = class.trim_start_matches('“').trim_end_matches('”');
    let head: String = {
        let ch: Vec<char> = inner.chars().collect();
        if ch.len() < 4 {
            return;
        }
        ch[ch.len() - 2..].iter().collect()
    };
    let unit = figs[i].cand.unit.clone();
    for f in figs.iter_mut().skip(i + 1) {
        if f.cand.unit == unit
            && !f.ind.contains('“')
            && let Some(rest) = f.ind.strip_suffix(head.as_str())
        {
            f.ind = format!("{rest}{class}").into();
        }
    }
}
