//! Character-level helpers over a `&[char]` view of the report. Everything works on char
//! indices so that offsets are Unicode scalar values, as the output promises.

pub mod blanks;
pub mod class;
mod fold;
use fold::T2S;
pub use fold::norm;

/// Whether `c` (already normalised) is a CJK ideograph.
#[inline]
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

#[inline]
pub fn is_space(c: char) -> bool {
    c == ' ' || c == '\n'
}

/// Ends a sentence.
#[inline]
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?')
}

/// Ends a clause inside a sentence (the list comma 、 is not one).
#[inline]
pub fn is_clause_delim(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '；' | ';' | '：' | ':' | '。' | '！' | '？' | '!' | '?' | '\n'
    )
}

/// Whether the chars at `i` spell `pat`.
#[inline]
pub fn at(c: &[char], i: usize, pat: &str) -> bool {
    let mut k = i;
    for p in pat.chars() {
        match c.get(k) {
            Some(&x) if x == p => k += 1,
            _ => return false,
        }
    }
    true
}

/// Whether the chars ending just before `end` spell `pat`.
#[inline]
pub fn ends_with(c: &[char], start: usize, end: usize, pat: &str) -> bool {
    let n = pat.chars().count();
    end >= start + n && at(c, end - n, pat)
}

/// First position in `start..end` where `pat` occurs.
pub fn find(c: &[char], start: usize, end: usize, pat: &str) -> Option<usize> {
    let first = pat.chars().next()?;
    let end = end.min(c.len());
    let mut i = start;
    while i < end {
        if c[i] == first && at(c, i, pat) && i + pat.chars().count() <= end {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Last position in `start..end` where `pat` starts (and ends before `end`).
pub fn rfind(c: &[char], start: usize, end: usize, pat: &str) -> Option<usize> {
    let first = pat.chars().next()?;
    let n = pat.chars().count();
    let end = end.min(c.len());
    if end < start + n {
        return None;
    }
    // The first char is compared before the pattern is decoded again.
    (start..=end - n)
        .rev()
        .find(|&i| c[i] == first && at(c, i, pat))
}

/// Whether any of `pats` occurs in `start..end`.
pub fn contains_any(c: &[char], start: usize, end: usize, pats: &[&str]) -> bool {
    pats.iter().any(|p| find(c, start, end, p).is_some())
}

/// The longest entry of `list` spelled at `i`.
pub fn longest_at<'a>(c: &[char], i: usize, list: &[&'a str]) -> Option<&'a str> {
    let mut best: Option<&'a str> = None;
    for p in list {
        if at(c, i, p) && best.is_none_or(|b| p.len() > b.len()) {
            best = Some(p);
        }
    }
    best
}

/// `v.partition_point(below)` (the first index whose element is not `below`), looked for
/// first at the last answer `near` and the one after it: callers that ask about positions
/// close together and mostly in order then seldom search.
#[inline]
pub fn partition_point_near<T>(
    v: &[T],
    below: impl Fn(&T) -> bool,
    near: &std::cell::Cell<usize>,
) -> usize {
    let fits = |k: usize| {
        (k == 0 || v.get(k - 1).is_some_and(&below)) && v.get(k).is_none_or(|x| !below(x))
    };
    let k = near.get().min(v.len());
    let k = if fits(k) {
        k
    } else if fits(k + 1) {
        k + 1
    } else {
        v.partition_point(&below)
    };
    near.set(k);
    k
}

/// `t` without its whitespace chars (`char::is_whitespace`), copied run by run: only a
/// byte that can begin a whitespace char (ASCII up to the space, or the lead bytes 0xC2,
/// 0xE1, 0xE2, 0xE3 of U+0085…U+3000) has its char decoded, and the runs between are copied
/// whole, so a paragraph of ideographs is not decoded and re-encoded char by char.
pub fn without_whitespace(t: &str) -> String {
    let b = t.as_bytes();
    let mut out = String::with_capacity(t.len());
    let (mut run, mut i) = (0, 0);
    while i < b.len() {
        if !matches!(b[i], 0..=0x20 | 0xc2 | 0xe1..=0xe3) {
            i += 1;
            continue;
        }
        // `i` is a char boundary: the bytes matched are ASCII or lead bytes.
        let Some(ch) = t.get(i..).and_then(|r| r.chars().next()) else {
            i += 1;
            continue;
        };
        if ch.is_whitespace() {
            out.push_str(t.get(run..i).unwrap_or_default());
            run = i + ch.len_utf8();
        }
        i += ch.len_utf8();
    }
    out.push_str(t.get(run..).unwrap_or_default());
    out
}

/// Display width for aligned tables: CJK and full-width forms take two columns.
pub fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let u = c as u32;
            if (0x1100..=0x115f).contains(&u)
                || (0x2e80..=0xa4cf).contains(&u)
                || (0xac00..=0xd7a3).contains(&u)
                || (0xf900..=0xfaff).contains(&u)
                || (0xfe30..=0xfe4f).contains(&u)
                || (0xff00..=0xff60).contains(&u)
                || (0xffe0..=0xffe6).contains(&u)
                || (0x20000..=0x3fffd).contains(&u)
            {
                2
            } else if c.is_control() {
                0
            } else {
                1
            }
        })
        .sum()
}

/// A fixed word list indexed by first and last char, built once, so that matching at a
/// position costs a filter bit and a short scan of one group instead of a pass over the whole
/// list.
pub struct Words {
    /// Bit `ch % 128` is set when some word starts (`first_bits`) or ends with `ch`:
    /// a cheap reject before the search.
    first_bits: u128,
    last_bits: u128,
    by_first: Index,
    by_last: Index,
    /// The chars of every word, one after another; entries point into it.
    pool: Vec<char>,
}

/// Words grouped by one of their chars (the key), in flat arrays: the entries sorted by the
/// key's residue mod 128 (the filter bit), then the key, then longest first, so that the
/// first match is the longest; `slot[r]..slot[r + 1]` are the entries of residue `r`. A
/// lookup is two loads and a short scan, with no search.
struct Index {
    slot: Vec<u32>,
    entries: Vec<Entry>,
}

/// One word: its key char, where its chars lie in the pool, and its text.
#[derive(Clone, Copy)]
struct Entry {
    key: char,
    at: u32,
    len: u32,
    word: &'static str,
}

impl Index {
    /// Groups `entries` by their key (stable, so equal words keep the list's order).
    fn new(mut entries: Vec<Entry>) -> Index {
        let residue = |e: &Entry| e.key as u32 % 128;
        entries.sort_by(|a, b| {
            (residue(a), a.key)
                .cmp(&(residue(b), b.key))
                .then(b.len.cmp(&a.len))
        });
        let mut slot = vec![0u32; 129];
        for e in &entries {
            slot[residue(e) as usize + 1] += 1;
        }
        for r in 0..128 {
            slot[r + 1] += slot[r];
        }
        Index { slot, entries }
    }

    /// The entries whose key has the residue of `ch` (the caller checks the key itself).
    #[inline(always)]
    fn group(&self, ch: char) -> &[Entry] {
        let r = ch as usize % 128;
        match (self.slot.get(r), self.slot.get(r + 1)) {
            (Some(&s), Some(&e)) => self.entries.get(s as usize..e as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Whether some key has the residue of `ch`.
    fn bits(&self) -> u128 {
        self.entries
            .iter()
            .fold(0, |acc, e| acc | 1u128 << (e.key as u32 % 128))
    }
}

/// Equality of two short char slices without a call into memcmp.
#[inline(always)]
fn same(a: &[char], b: &[char]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

impl Words {
    pub fn new(list: &[&'static str]) -> Self {
        let mut pool: Vec<char> = Vec::new();
        let mut firsts = Vec::new();
        let mut lasts = Vec::new();
        for &w in list {
            let at = pool.len() as u32;
            pool.extend(w.chars());
            let len = pool.len() as u32 - at;
            let (Some(&f), Some(&l)) = (pool.get(at as usize), pool.last()) else {
                continue;
            };
            let e = Entry {
                key: f,
                at,
                len,
                word: w,
            };
            firsts.push(e);
            lasts.push(Entry { key: l, ..e });
        }
        let by_first = Index::new(firsts);
        let by_last = Index::new(lasts);
        Words {
            first_bits: by_first.bits(),
            last_bits: by_last.bits(),
            by_first,
            by_last,
            pool,
        }
    }

    /// Whether some word may start with `ch` (a cheap filter: false means none does).
    #[inline]
    pub fn may_start(&self, ch: char) -> bool {
        self.first_bits & (1u128 << (ch as u32 % 128)) != 0
    }

    /// Length (in chars) of the longest word spelled at `i`.
    #[inline]
    pub fn longest_at(&self, c: &[char], i: usize) -> Option<usize> {
        self.match_at(c, i).map(|b| b.0)
    }

    /// The longest word spelled at `i`.
    #[inline]
    pub fn word_at(&self, c: &[char], i: usize) -> Option<&'static str> {
        self.match_at(c, i).map(|b| b.1)
    }

    /// The chars of entry `e`.
    #[inline(always)]
    fn chars_of(&self, e: &Entry) -> &[char] {
        let s = e.at as usize;
        self.pool.get(s..s + e.len as usize).unwrap_or(&[])
    }

    /// (length in chars, word) of the longest word spelled at `i`. The filter is tested
    /// where the call is (most calls end there); the search is one shared function.
    #[inline(always)]
    fn match_at(&self, c: &[char], i: usize) -> Option<(usize, &'static str)> {
        let f = *c.get(i)?;
        if self.first_bits & (1u128 << (f as u32 % 128)) == 0 {
            return None;
        }
        self.search_at(c, i, f)
    }

    #[inline(never)]
    fn search_at(&self, c: &[char], i: usize, f: char) -> Option<(usize, &'static str)> {
        let rest = c.get(i..)?;
        self.by_first.group(f).iter().find_map(|e| {
            if e.key != f {
                return None;
            }
            let w = self.chars_of(e);
            (rest.len() >= w.len() && same(&rest[..w.len()], w)).then_some((w.len(), e.word))
        })
    }

    /// Length of the longest word ending just before `end` and starting at or after `start`.
    #[inline]
    pub fn longest_ending(&self, c: &[char], start: usize, end: usize) -> Option<usize> {
        self.match_ending(c, start, end).map(|b| b.0)
    }

    /// The longest word ending just before `end` and starting at or after `start`.
    #[inline]
    pub fn word_ending(&self, c: &[char], start: usize, end: usize) -> Option<&'static str> {
        self.match_ending(c, start, end).map(|b| b.1)
    }

    #[inline(always)]
    fn match_ending(&self, c: &[char], start: usize, end: usize) -> Option<(usize, &'static str)> {
        if end == 0 || end > c.len() || end <= start {
            return None;
        }
        let l = c[end - 1];
        if self.last_bits & (1u128 << (l as u32 % 128)) == 0 {
            return None;
        }
        self.search_ending(c, start, end, l)
    }

    #[inline(never)]
    fn search_ending(
        &self,
        c: &[char],
        start: usize,
        end: usize,
        l: char,
    ) -> Option<(usize, &'static str)> {
        let head = c.get(start..end)?;
        self.by_last.group(l).iter().find_map(|e| {
            if e.key != l {
                return None;
            }
            let w = self.chars_of(e);
            (head.len() >= w.len() && same(&head[head.len() - w.len()..], w))
                .then_some((w.len(), e.word))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Vec<char> {
        s.chars().map(norm).collect()
    }

    #[test]
    fn traditional_table_is_sorted_and_folds() {
        assert!(
            T2S.windows(2).all(|w| w[0].0 < w[1].0),
            "T2S must stay sorted for binary search"
        );
        assert_eq!(v("萬億個項"), vec!['万', '亿', '个', '项']);
        assert_eq!(norm('中'), '中');
    }

    #[test]
    fn normalises_full_width() {
        assert_eq!(v("５．５％"), vec!['5', '.', '5', '%']);
    }

    #[test]
    fn words_match_the_longest_word_within_bounds() {
        let w = Words::new(&["增长", "增长率", "长率", "率", "产值"]);
        let c = v("产值增长率");
        assert_eq!(w.word_at(&c, 2), Some("增长率"));
        assert_eq!(w.word_at(&c, 3), Some("长率"));
        assert_eq!(w.word_at(&c, 1), None);
        assert_eq!(w.word_ending(&c, 0, 5), Some("增长率"));
        // The word must start at or after `start`.
        assert_eq!(w.word_ending(&c, 3, 5), Some("长率"));
        assert_eq!(w.word_ending(&c, 4, 5), Some("率"));
        assert_eq!(w.longest_ending(&c, 0, 2), Some(2));
        assert_eq!(w.longest_ending(&c, 0, 0), None);
        // A word running past the text's end is no match.
        assert_eq!(w.word_at(&v("增"), 0), None);
        assert!(w.may_start('增') && !Words::new(&[]).may_start('增'));
    }

    #[test]
    fn partition_point_near_answers_as_the_search_does() {
        let v = [1, 3, 3, 7, 9, 12];
        let near = std::cell::Cell::new(0);
        let asks = (0..14)
            .chain((0..14).rev())
            .chain((0..14).map(|k| k * 5 % 14));
        for a in asks {
            let want = v.partition_point(|&x| x < a);
            assert_eq!(partition_point_near(&v, |&x| x < a, &near), want, "{a}");
            assert_eq!(near.get(), want);
        }
        let empty: [i32; 0] = [];
        assert_eq!(partition_point_near(&empty, |&x| x < 5, &near), 0);
    }

    #[test]
    fn whitespace_is_taken_out_as_the_char_filter_does() {
        let plain = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        for t in [
            "",
            "  ",
            "新建 5G\n基站\t1200个",
            "\u{3000}全年\u{a0}增长\u{2002}6%\u{85}\u{1680}\u{2028}\u{202f}\u{205f}",
            "“一带一路”、《规划》—— 完成…",
            "\r\x0b\x0c末尾 ",
        ] {
            assert_eq!(without_whitespace(t), plain(t), "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn whitespace_filter_matches_on_any_text(t in "(\\PC|\\s| |\n|\u{3000}|\u{2002}|，|增)*") {
            let want: String = t.chars().filter(|c| !c.is_whitespace()).collect();
            proptest::prop_assert_eq!(without_whitespace(&t), want);
        }
    }

    #[test]
    fn finds_patterns() {
        let c = v("全年增长百分之五");
        assert!(at(&c, 2, "增长"));
        assert_eq!(find(&c, 0, c.len(), "百分之"), Some(4));
        assert_eq!(rfind(&c, 0, c.len(), "增长"), Some(2));
        assert!(ends_with(&c, 0, 4, "增长"));
        assert_eq!(width("增长5%"), 6);
    }
}
