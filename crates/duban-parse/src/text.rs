//! Character-level helpers over a `&[char]` view of the report. Everything works on char
//! indices so that offsets are Unicode scalar values, as the output promises.

/// Folds the full-width forms that reports mix freely into their ASCII counterparts, so that
/// the scanners only need to know one spelling. Chinese punctuation is kept as is.
#[inline]
pub fn norm(c: char) -> char {
    // Fast path: plain ASCII never changes; ideographs only through the traditional table.
    if c.is_ascii() && !matches!(c, '\t' | '\r') {
        return c;
    }
    let u = c as u32;
    if (0x4e00..0x4e00 + 0x5200).contains(&u) {
        let k = (u - 0x4e00) as usize;
        if T2S_BITS[k / 64] & (1 << (k % 64)) == 0 {
            return c;
        }
        return match T2S.binary_search_by_key(&c, |p| p.0) {
            Ok(i) => T2S[i].1,
            Err(_) => c,
        };
    }
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        'Ａ'..='Ｚ' => char::from_u32(c as u32 - 'Ａ' as u32 + 'A' as u32).unwrap_or(c),
        'ａ'..='ｚ' => char::from_u32(c as u32 - 'ａ' as u32 + 'a' as u32).unwrap_or(c),
        '％' => '%',
        '．' => '.',
        '－' | '—' | '–' | '～' | '〜' => '-',
        '／' => '/',
        '［' | '【' => '[',
        '］' | '】' => ']',
        '\u{3000}' | '\u{a0}' | '\t' | '\r' => ' ',
        _ => c,
    }
}

/// Traditional forms of the characters the scanners look for (numerals, counters, qualifier
/// and change words), folded to simplified for scanning only; spans keep the original.
const T2S: &[(char, char)] = &[
    ('並', '并'),
    ('來', '来'),
    ('倉', '仓'),
    ('個', '个'),
    ('們', '们'),
    ('價', '价'),
    ('億', '亿'),
    ('內', '内'),
    ('兩', '两'),
    ('別', '别'),
    ('劃', '划'),
    ('動', '动'),
    ('務', '务'),
    ('勞', '劳'),
    ('區', '区'),
    ('協', '协'),
    ('參', '参'),
    ('噸', '吨'),
    ('圍', '围'),
    ('園', '园'),
    ('場', '场'),
    ('學', '学'),
    ('實', '实'),
    ('將', '将'),
    ('專', '专'),
    ('對', '对'),
    ('屆', '届'),
    ('幣', '币'),
    ('幹', '干'),
    ('幾', '几'),
    ('廠', '厂'),
    ('廣', '广'),
    ('張', '张'),
    ('從', '从'),
    ('態', '态'),
    ('應', '应'),
    ('戰', '战'),
    ('戶', '户'),
    ('據', '据'),
    ('擴', '扩'),
    ('數', '数'),
    ('於', '于'),
    ('會', '会'),
    ('東', '东'),
    ('條', '条'),
    ('棟', '栋'),
    ('業', '业'),
    ('標', '标'),
    ('機', '机'),
    ('歲', '岁'),
    ('歷', '历'),
    ('滬', '沪'),
    ('漲', '涨'),
    ('澇', '涝'),
    ('瀋', '沈'),
    ('為', '为'),
    ('營', '营'),
    ('爭', '争'),
    ('獲', '获'),
    ('現', '现'),
    ('環', '环'),
    ('產', '产'),
    ('畝', '亩'),
    ('當', '当'),
    ('發', '发'),
    ('稅', '税'),
    ('種', '种'),
    ('積', '积'),
    ('節', '节'),
    ('簽', '签'),
    ('籌', '筹'),
    ('糧', '粮'),
    ('約', '约'),
    ('級', '级'),
    ('紹', '绍'),
    ('統', '统'),
    ('綠', '绿'),
    ('網', '网'),
    ('線', '线'),
    ('縣', '县'),
    ('總', '总'),
    ('續', '续'),
    ('臺', '台'),
    ('與', '与'),
    ('興', '兴'),
    ('舉', '举'),
    ('萬', '万'),
    ('蘇', '苏'),
    ('處', '处'),
    ('號', '号'),
    ('衛', '卫'),
    ('裏', '里'),
    ('製', '制'),
    ('規', '规'),
    ('計', '计'),
    ('設', '设'),
    ('調', '调'),
    ('證', '证'),
    ('議', '议'),
    ('豐', '丰'),
    ('財', '财'),
    ('貧', '贫'),
    ('貨', '货'),
    ('費', '费'),
    ('資', '资'),
    ('車', '车'),
    ('較', '较'),
    ('輛', '辆'),
    ('辦', '办'),
    ('農', '农'),
    ('這', '这'),
    ('週', '周'),
    ('進', '进'),
    ('運', '运'),
    ('過', '过'),
    ('達', '达'),
    ('遠', '远'),
    ('邊', '边'),
    ('鄉', '乡'),
    ('醫', '医'),
    ('鎮', '镇'),
    ('鐵', '铁'),
    ('長', '长'),
    ('門', '门'),
    ('開', '开'),
    ('間', '间'),
    ('關', '关'),
    ('陸', '陆'),
    ('際', '际'),
    ('隻', '只'),
    ('雙', '双'),
    ('電', '电'),
    ('項', '项'),
    ('預', '预'),
    ('額', '额'),
    ('顯', '显'),
    ('養', '养'),
    ('餘', '余'),
    ('體', '体'),
    ('鹽', '盐'),
    ('點', '点'),
];

/// One bit per ideograph: set when it has a traditional→simplified fold. Small enough to
/// stay in L1 cache; the pair list is searched only on a hit.
const fn build_t2s_bits() -> [u64; 0x5200 / 64] {
    let mut t = [0u64; 0x5200 / 64];
    let mut i = 0;
    while i < T2S.len() {
        let k = T2S[i].0 as usize - 0x4e00;
        t[k / 64] |= 1 << (k % 64);
        i += 1;
    }
    t
}

static T2S_BITS: [u64; 0x5200 / 64] = build_t2s_bits();

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

/// Char classes for the hot scanning loops, looked up in one table instead of a chain of
/// comparisons: most chars of a report are ideographs of no interest and are skipped at once.
pub mod class {
    pub const NUM: u8 = 1;
    /// First char of a scope word tracked per sentence (预计, 力争, 分别) or a semicolon.
    pub const SCOPE: u8 = 2;
    /// Quotes, book-title marks and footnote brackets.
    pub const QUOTE: u8 = 4;
    /// '?' and 'I' (of IO(X)): garbled or unreadable numbers.
    pub const GARBLE: u8 = 8;
    pub const SENT_END: u8 = 16;
    pub const NEWLINE: u8 = 32;
    /// First char of a decomposition field label (牵头单位, 配合单位, 完成时限 …).
    pub const LABEL: u8 = 64;
    /// Cell separators of table-like rows (space, '|').
    pub const CELL: u8 = 128;

    const fn build() -> [u8; 65536] {
        let mut t = [0u8; 65536];
        let nums = [
            '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '〇', '零', '○', '一', '二', '两',
            '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万', '亿',
        ];
        let mut i = 0;
        while i < nums.len() {
            t[nums[i] as usize] |= NUM;
            i += 1;
        }
        let scope = ['预', '力', '分', '；', ';'];
        i = 0;
        while i < scope.len() {
            t[scope[i] as usize] |= SCOPE;
            i += 1;
        }
        let quotes = [
            '“', '”', '《', '》', '「', '」', '『', '』', '〈', '〉', '‘', '’', '"', '[',
        ];
        i = 0;
        while i < quotes.len() {
            t[quotes[i] as usize] |= QUOTE;
            i += 1;
        }
        t['?' as usize] |= GARBLE;
        t['？' as usize] |= GARBLE;
        t['I' as usize] |= GARBLE;
        let ends = ['。', '！', '？', '!', '?'];
        i = 0;
        while i < ends.len() {
            t[ends[i] as usize] |= SENT_END;
            i += 1;
        }
        t['\n' as usize] |= NEWLINE;
        let labels = ['牵', '责', '主', '配', '协', '参', '完', '时'];
        i = 0;
        while i < labels.len() {
            t[labels[i] as usize] |= LABEL;
            i += 1;
        }
        t[' ' as usize] |= CELL;
        t['|' as usize] |= CELL;
        t['│' as usize] |= CELL;
        // Chars that `norm` changes. None of them has a class of its own (they are folded
        // before classing), so the entry can say "fold me" instead: one lookup per char
        // while the report is read. Must list exactly what `norm` folds (a test checks).
        i = 0;
        while i < super::T2S.len() {
            t[super::T2S[i].0 as usize] = NORM;
            i += 1;
        }
        let mut u = '０' as usize;
        while u <= '９' as usize {
            t[u] = NORM;
            u += 1;
        }
        u = 'Ａ' as usize;
        while u <= 'Ｚ' as usize {
            t[u] = NORM;
            u += 1;
        }
        u = 'ａ' as usize;
        while u <= 'ｚ' as usize {
            t[u] = NORM;
            u += 1;
        }
        let singles = [
            '％', '．', '－', '—', '–', '～', '〜', '／', '［', '【', '］', '】', '\u{3000}',
            '\u{a0}', '\t', '\r',
        ];
        i = 0;
        while i < singles.len() {
            t[singles[i] as usize] = NORM;
            i += 1;
        }
        t
    }

    /// The table entry of a char that `norm` folds (no real class has every bit set).
    pub const NORM: u8 = 0xff;

    static TABLE: [u8; 65536] = build();

    /// The class bits of `c`, a normalised char (0 for chars outside the basic plane).
    #[inline(always)]
    pub fn of(c: char) -> u8 {
        match raw(c) {
            NORM => 0,
            t => t,
        }
    }

    /// The table entry of `c` before normalising: its class, or [`NORM`].
    #[inline(always)]
    pub fn raw(c: char) -> u8 {
        let u = c as u32;
        if u < 65536 { TABLE[u as usize] } else { 0 }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn fold_marks_match_norm_exactly() {
            for u in 0..65536u32 {
                let Some(ch) = char::from_u32(u) else {
                    continue;
                };
                let folds = super::super::norm(ch) != ch;
                assert_eq!(raw(ch) == NORM, folds, "U+{u:04X}");
                if folds {
                    assert_ne!(raw(super::super::norm(ch)), NORM, "U+{u:04X} folds twice");
                }
            }
        }
    }
}
