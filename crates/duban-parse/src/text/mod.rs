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
/// position costs a binary search instead of a pass over the whole list.
pub struct Words {
    /// Bit `ch % 128` is set when some word starts (`first_bits`) or ends with `ch`:
    /// a cheap reject before the binary search.
    first_bits: u128,
    last_bits: u128,
    by_first: Buckets,
    by_last: Buckets,
}

/// Equality of two short char slices without a call into memcmp.
#[inline(always)]
fn same(a: &[char], b: &[char]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// Words grouped by one of their chars: (char, [(word chars, word)]).
type Buckets = Vec<(char, Vec<(Box<[char]>, &'static str)>)>;

impl Words {
    pub fn new(list: &[&'static str]) -> Self {
        let mut by_first: Buckets = Vec::new();
        let mut by_last: Buckets = Vec::new();
        for &w in list {
            let v: Box<[char]> = w.chars().collect();
            let (Some(&f), Some(&l)) = (v.first(), v.last()) else {
                continue;
            };
            match by_first.binary_search_by_key(&f, |e| e.0) {
                Ok(k) => by_first[k].1.push((v.clone(), w)),
                Err(k) => by_first.insert(k, (f, vec![(v.clone(), w)])),
            }
            match by_last.binary_search_by_key(&l, |e| e.0) {
                Ok(k) => by_last[k].1.push((v, w)),
                Err(k) => by_last.insert(k, (l, vec![(v, w)])),
            }
        }
        let bit = |ch: char| 1u128 << (ch as u32 % 128);
        let first_bits = by_first.iter().fold(0, |acc, e| acc | bit(e.0));
        let last_bits = by_last.iter().fold(0, |acc, e| acc | bit(e.0));
        Words {
            first_bits,
            last_bits,
            by_first,
            by_last,
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

    /// (length in chars, word) of the longest word spelled at `i`.
    #[inline]
    fn match_at(&self, c: &[char], i: usize) -> Option<(usize, &'static str)> {
        let f = *c.get(i)?;
        if self.first_bits & (1u128 << (f as u32 % 128)) == 0 {
            return None;
        }
        let k = self.by_first.binary_search_by_key(&f, |e| e.0).ok()?;
        let mut best: Option<(usize, &'static str)> = None;
        for (w, s) in &self.by_first[k].1 {
            if c.len() >= i + w.len()
                && same(&c[i..i + w.len()], w)
                && best.is_none_or(|b| w.len() > b.0)
            {
                best = Some((w.len(), s));
            }
        }
        best
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

    #[inline]
    fn match_ending(&self, c: &[char], start: usize, end: usize) -> Option<(usize, &'static str)> {
        if end == 0 || end > c.len() || end <= start {
            return None;
        }
        let l = c[end - 1];
        if self.last_bits & (1u128 << (l as u32 % 128)) == 0 {
            return None;
        }
        let k = self.by_last.binary_search_by_key(&l, |e| e.0).ok()?;
        let mut best: Option<(usize, &'static str)> = None;
        for (w, s) in &self.by_last[k].1 {
            if end >= start + w.len()
                && same(&c[end - w.len()..end], w)
                && best.is_none_or(|b| w.len() > b.0)
            {
                best = Some((w.len(), s));
            }
        }
        best
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
    fn finds_patterns() {
        let c = v("全年增长百分之五");
        assert!(at(&c, 2, "增长"));
        assert_eq!(find(&c, 0, c.len(), "百分之"), Some(4));
        assert_eq!(rfind(&c, 0, c.len(), "增长"), Some(2));
        assert!(ends_with(&c, 0, 4, "增长"));
        assert_eq!(width("增长5%"), 6);
    }
}
