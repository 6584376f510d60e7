//! Units and measures: what follows a number (`亿元`, `个百分点`, `元/月`), the change word
//! before it (`下降3%` → down), parts of a ratio without % (`18.7:37.7:43.6`) and index values.

use super::*;

pub(super) type Unit = Cow<'static, str>;

/// Whether `ch` can begin what follows a number: a unit, 余/多, 分之, a range sign.
pub(super) fn unit_may_start(ch: char) -> bool {
    // One bit per char of the basic plane (8 KiB): a lookup instead of a search.
    static FIRST: LazyLock<Vec<u64>> = LazyLock::new(|| {
        let mut bits = vec![0u64; 1024];
        let firsts = [CURRENCY, PERCENT, COUNTERS, PERSON_NOUNS]
            .concat()
            .iter()
            .filter_map(|w| w.chars().next())
            .chain(['余', '多', '分', '至', '-', '~', '到', '万', '亿', ' '])
            .collect::<Vec<char>>();
        for f in firsts {
            let u = f as usize;
            if let Some(w) = bits.get_mut(u / 64) {
                *w |= 1 << (u % 64);
            }
        }
        bits
    });
    let u = ch as usize;
    FIRST.get(u / 64).is_some_and(|w| w >> (u % 64) & 1 == 1)
}

/// Reads the unit at `p`: (unit text, end, is_percent, is_currency, value multiplier).
pub(super) fn read_unit(
    c: &[char],
    doc: &Doc<'_>,
    n: &Numeral,
    mut p: usize,
    more: bool,
) -> Option<(Unit, usize, bool, bool, f64, f64)> {
    // 3500余万元: a multiplier after 余/多.
    let mut extra = 1.0;
    let extra_start = p;
    while p < c.len() && matches!(c[p], '万' | '亿') && p - extra_start < 2 {
        extra *= if c[p] == '万' { 1e4 } else { 1e8 };
        p += 1;
    }
    // 1.2亿余元: money keeps the multiplier written before 余.
    let money_after_more = more && n.tail > 1.0 && W_CURRENCY.word_at(c, p).is_some();
    let (core, tail, tail_start) = if extra > 1.0 {
        (n.value, extra, extra_start)
    } else if more && !money_after_more {
        (n.value, 1.0, p)
    } else {
        (n.core, n.tail, n.tail_start)
    };
    if let Some(cu) = W_CURRENCY.word_at(c, p) {
        let mut e = p + cu.chars().count();
        // A rate per month, person or mu is written with its unit (560元/月).
        let per = (c.get(e) == Some(&'/'))
            .then(|| W_PER.word_at(c, e + 1))
            .flatten();
        if let Some(w) = per {
            e += 1 + w.chars().count();
        }
        // The multiplier chars, without a 余/多 between them and the unit.
        let mut mult_end = p;
        while mult_end > tail_start && matches!(c[mult_end - 1], '余' | '多') {
            mult_end -= 1;
        }
        let mut unit: Unit = if tail > 1.0 {
            match (&c[tail_start..mult_end], cu) {
                (['万'], "元") => "万元".into(),
                (['亿'], "元") => "亿元".into(),
                (['万', '亿'], "元") => "万亿元".into(),
                (['万'], "美元") => "万美元".into(),
                (['亿'], "美元") => "亿美元".into(),
                _ => format!("{}{}", doc.slice(tail_start, mult_end), cu).into(),
            }
        } else {
            cu.into()
        };
        if let Some(w) = per {
            unit = format!("{unit}/{w}").into();
        }
        let value = if tail > 1.0 { core } else { core * tail };
        return Some((unit, e, false, true, value, 1.0));
    }
    let value = core * tail;
    if let Some(pu) = W_PERCENT.word_at(c, p) {
        let e = p + pu.chars().count();
        let unit = if pu == "百分点" {
            "个百分点"
        } else {
            pu
        };
        return Some((unit.into(), e, true, false, value, 1.0));
    }
    if let Some(u) = W_COUNTERS.word_at(c, p) {
        let e = p + u.chars().count();
        return Some((u.into(), e, false, false, value, 1.0));
    }
    None
}

/// The change word that directly governs a number ending its phrase at `e`.
pub(super) fn change_before(c: &[char], s: usize, mut e: usize) -> Option<Direction> {
    while let Some(l) = W_FILL.longest_ending(c, s, e) {
        e -= l;
    }
    let up = W_UP.longest_ending(c, s, e).unwrap_or(0);
    let down = W_DOWN.longest_ending(c, s, e).unwrap_or(0);
    let l = up.max(down);
    if l == 0 {
        return None;
    }
    // 新增 is a count, not a change.
    if l == 1 && e >= s + 2 && matches!(c[e - 2], '新' | '净') {
        return None;
    }
    Some(if up >= down {
        Direction::Up
    } else {
        Direction::Down
    })
}

/// The index of the number at `i` in a ratio of shares written without % (结构比
/// 18.7:37.7:43.6): two or more numbers joined by ':' that add up to 100, with 比 shortly
/// before them or at least three parts. Times (10:30) and scores are not ratios of shares.
pub(super) fn ratio_part(c: &[char], i: usize, s_start: usize, s_end: usize) -> Option<u8> {
    let is_part = |x: char| x.is_ascii_digit() || x == '.' || x == ':';
    let mut a = i;
    while a > s_start && is_part(c[a - 1]) && i - a < 40 {
        a -= 1;
    }
    let mut e = i;
    while e < s_end && is_part(c[e]) && e - i < 40 {
        e += 1;
    }
    let (mut sum, mut parts, mut index) = (0.0, 0u8, None);
    let mut k = a;
    while k < e {
        let n = numeral::arabic(&c[..e], k)?;
        if n.end == k || n.end < e && c[n.end] != ':' {
            return None;
        }
        if k == i {
            index = Some(parts);
        }
        sum += n.value;
        parts += 1;
        k = n.end + 1;
    }
    let lead = (a.saturating_sub(12).max(s_start)..a).any(|q| c[q] == '比');
    ((parts >= 3 || parts >= 2 && lead) && (sum - 100.0).abs() <= 1.0)
        .then_some(index)
        .flatten()
}

/// Whether the text before a number at `i` ends with 指数 (and perhaps 为/达/是): the number
/// is an index value.
pub(super) fn index_before(c: &[char], s: usize, i: usize) -> bool {
    W_INDEX_LEAD.longest_ending(c, s, i).is_some()
}

/// The measure of a figure: a percentage after a change word is growth (增长6.5%), one that
/// continues a growth is growth (增长6.5%以上，力争7%), one named as a change is growth
/// (居民消费价格涨幅3%), any other is a share; every other unit is a level.
pub(super) fn measure_of(
    c: &[char],
    cand: &Cand,
    direction: Option<Direction>,
    inherited: Option<(Measure, Option<Direction>, bool)>,
    ind: &str,
) -> (Measure, Option<Direction>) {
    if !cand.percent {
        return (Measure::Level, None);
    }
    if let Some(d) = direction {
        (Measure::Growth, Some(d))
    } else if let Some((m, d, true)) = inherited {
        (m, d)
    } else if cand.unit != "fraction"
        && cand.unit != "倍"
        && !ind.ends_with('率')
        && (CHANGE_NAMES.iter().any(|w| ind.contains(w))
            || at(c, cand.end, "的增长")
            || at(c, cand.end, "的增速"))
    {
        // A rate of change by name (居民消费价格, 经济增长目标, 9.5%的增长).
        (Measure::Growth, Some(Direction::Up))
    } else {
        (Measure::Share, None)
    }
}
