//! Spans: trimming a span to its words and searching a sentence outside brackets and quotes.

use super::*;

/// The longest stretch read back from a number to find its clause.
pub(super) const MAX_CLAUSE: usize = 160;

/// How far a span may reach back from its number to include an elided indicator.
pub(super) const MAX_SPAN_BACK: usize = 96;

/// Whether a two-char word recorded at one of `v` lies wholly inside `s..e`.
pub(super) fn any_in(v: &[usize], s: usize, e: usize) -> bool {
    first_in(v, s, e).is_some()
}

pub(super) fn first_in(v: &[usize], s: usize, e: usize) -> Option<usize> {
    let k = v.partition_point(|&q| q < s);
    v.get(k).copied().filter(|&q| q + 2 <= e)
}

pub(super) fn trim_span(c: &[char], mut s: usize, mut e: usize) -> (usize, usize) {
    while s < e
        && (c[s].is_whitespace() || matches!(c[s], '，' | ',' | '、' | '；' | ';' | '：' | ':'))
    {
        s += 1;
    }
    while e > s && c[e - 1].is_whitespace() {
        e -= 1;
    }
    (s, e)
}

/// Skips punctuation and a list marker ((二), 3.) at the start of `s..e`.
pub(super) fn strip_punct(c: &[char], mut s: usize, e: usize) -> (usize, usize) {
    loop {
        while s < e
            && (c[s].is_whitespace()
                || matches!(
                    c[s],
                    '，' | ',' | '、' | '；' | ';' | '：' | ':' | '●' | '◆' | '■' | '•'
                ))
        {
            s += 1;
        }
        match marker(c, s, e) {
            Some((_, _, me)) if me < e && me > s => s = me,
            _ => return (s, e),
        }
    }
}

/// Drops generic tails from a noun read after a number (…治理项目 → …治理).
pub(super) fn trim_suffix(c: &[char], s: usize, e: usize) -> (usize, usize) {
    for w in GENERIC_TAILS {
        let l = w.chars().count();
        if ends_with(c, s, e, w) && e - l >= s + 5 {
            return (s, e - l);
        }
    }
    (s, e)
}

/// The first `pat` in `s..e` outside quotes.
pub(super) fn find_top(doc: &Doc<'_>, s: usize, e: usize, pat: &str) -> Option<usize> {
    let c = &doc.c;
    let first = pat.chars().next()?;
    let mut depth = 0i32;
    for k in s..e.min(c.len()) {
        // The class byte says whether the char is a quote mark at all.
        if doc.cls[k] & class::QUOTE != 0 {
            depth += quote_delta(c[k]);
        }
        if depth <= 0 && c[k] == first && at(c, k, pat) {
            return Some(k);
        }
    }
    None
}

/// The last `pat` starting in `s..e` outside quotes.
pub(super) fn rfind_top(doc: &Doc<'_>, s: usize, e: usize, pat: &str) -> Option<usize> {
    let c = &doc.c;
    let first = pat.chars().next()?;
    let mut depth = 0i32;
    let mut found = None;
    for k in s..e.min(c.len()) {
        if doc.cls[k] & class::QUOTE != 0 {
            depth += quote_delta(c[k]);
        }
        if depth <= 0 && c[k] == first && at(c, k, pat) {
            found = Some(k);
        }
    }
    found
}

/// The positions in `s..e` where a word of `w` starts and ends by `e`.
pub(super) fn word_starts(
    w: &Words,
    c: &[char],
    s: usize,
    e: usize,
) -> impl Iterator<Item = usize> {
    let c = &c[..e.min(c.len())];
    (s..c.len()).filter(move |&k| w.longest_at(c, k).is_some())
}

/// The first 等 of `s..e` that closes a list (泉林路等): one inside a word (中等职业学校) is
/// skipped.
pub(super) fn find_list_deng(doc: &Doc<'_>, s: usize, e: usize) -> Option<usize> {
    let c = &doc.c;
    let mut from = s;
    while let Some(q) = find_top(doc, from, e, "等") {
        let in_word = (q > s && W_DENG_WORD.longest_at(c, q - 1) == Some(2))
            || W_DENG_WORD.longest_at(c, q).is_some_and(|l| q + l <= e);
        if !in_word {
            return Some(q);
        }
        from = q + 1;
    }
    None
}
