//! Numbers as reports write them: Arabic (with decimals and thousands commas), Chinese
//! numerals (一万二千, 两千三百, 十二, 百, 二〇二二), and mixed forms (1.2万, 3.5亿, 13.57万亿).
//!
//! A trailing 万/亿 chain is reported separately (`tail`) because currency units keep it
//! (121.3亿元 stays 121.3 亿元) while every other unit folds it into the value.

/// A number read at some position of the char table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Numeral {
    pub start: usize,
    /// One past the last char, including any 万/亿 multipliers.
    pub end: usize,
    /// The value with every multiplier applied.
    pub value: f64,
    /// The value without the trailing 万/亿 chain.
    pub core: f64,
    /// Product of the trailing 万/亿 chain (1 when there is none).
    pub tail: f64,
    /// Where the trailing 万/亿 chain starts (`end` when there is none).
    pub tail_start: usize,
    /// Written (at least partly) in Chinese numerals.
    pub chinese: bool,
    /// Whether it has a real digit, not only 十百千万亿.
    pub has_digit: bool,
}

#[inline]
pub fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | '○' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

#[inline]
pub fn cn_unit(c: char) -> Option<f64> {
    Some(match c {
        '十' => 10.0,
        '百' => 100.0,
        '千' => 1000.0,
        '万' => 1e4,
        '亿' => 1e8,
        _ => return None,
    })
}

#[inline]
pub fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some() || cn_unit(c).is_some()
}

/// Reads the trailing multiplier chain after an Arabic number: 万, 亿, 万亿, and 千/百 only
/// directly before 万/亿 (so 千瓦 and 百分点 stay units). Returns (end, folded product,
/// tail product, tail start).
fn multipliers(c: &[char], mut k: usize) -> (usize, f64, f64, usize) {
    let mut folded = 1.0;
    let mut tail = 1.0;
    let mut tail_start = k;
    let mut steps = 0;
    while k < c.len() && steps < 4 {
        let m = match c[k] {
            '万' => 1e4,
            '亿' => 1e8,
            '千' | '百' if matches!(c.get(k + 1), Some('万' | '亿')) => {
                if c[k] == '千' {
                    1000.0
                } else {
                    100.0
                }
            }
            _ => break,
        };
        if m >= 1e4 {
            if tail == 1.0 {
                tail_start = k;
            }
            tail *= m;
        } else {
            folded *= tail * m;
            tail = 1.0;
        }
        k += 1;
        steps += 1;
    }
    if tail == 1.0 {
        tail_start = k;
    }
    (k, folded, tail, tail_start)
}

/// Reads an Arabic number (ASCII digits; normalise first) starting at `i`.
pub fn arabic(c: &[char], i: usize) -> Option<Numeral> {
    if !c.get(i)?.is_ascii_digit() {
        return None;
    }
    let mut k = i;
    let mut int: f64 = 0.0;
    let mut ndig = 0;
    while k < c.len() {
        let ch = c[k];
        if ch.is_ascii_digit() {
            int = int * 10.0 + (ch as u32 - '0' as u32) as f64;
            ndig += 1;
            k += 1;
        } else if ch == ','
            && ndig <= 3 * 6
            && (k + 3 < c.len() || k + 3 == c.len())
            && c.get(k + 1).is_some_and(|d| d.is_ascii_digit())
            && c.get(k + 2).is_some_and(|d| d.is_ascii_digit())
            && c.get(k + 3).is_some_and(|d| d.is_ascii_digit())
            && !c.get(k + 4).is_some_and(|d| d.is_ascii_digit())
        {
            // A thousands separator: exactly three digits follow.
            k += 1;
        } else {
            break;
        }
        if ndig > 18 {
            // Not a quantity (an ID or a garbled run); stop reading.
            break;
        }
    }
    let mut value = int;
    if c.get(k) == Some(&'.') && c.get(k + 1).is_some_and(|d| d.is_ascii_digit()) {
        k += 1;
        let mut scale = 0.1;
        let mut n = 0;
        while k < c.len() && c[k].is_ascii_digit() {
            if n < 12 {
                value += (c[k] as u32 - '0' as u32) as f64 * scale;
                scale /= 10.0;
            }
            n += 1;
            k += 1;
        }
        // Round away binary noise of the digit-wise accumulation.
        let p = 10f64.powi(n.min(12));
        value = (value * p).round() / p;
    }
    let (end, folded, tail, tail_start) = multipliers(c, k);
    let core = value * folded;
    Some(Numeral {
        start: i,
        end,
        value: core * tail,
        core,
        tail,
        tail_start,
        chinese: end > k,
        has_digit: true,
    })
}

/// Reads a Chinese numeral starting at `i` (at most 16 chars).
pub fn chinese(c: &[char], i: usize) -> Option<Numeral> {
    if !is_cn_numeral(*c.get(i)?) {
        return None;
    }
    let mut k = i;
    while k < c.len() && k - i < 16 && is_cn_numeral(c[k]) {
        k += 1;
    }
    let digits_only = c[i..k].iter().all(|&ch| cn_digit(ch).is_some());
    let has_digit = c[i..k].iter().any(|&ch| cn_digit(ch).is_some());
    let value = if digits_only && k - i > 1 {
        // Positional (二〇二二).
        c[i..k].iter().fold(0.0, |acc, &ch| {
            acc * 10.0 + cn_digit(ch).unwrap_or(0) as f64
        })
    } else {
        let mut total = 0.0;
        let mut section = 0.0;
        let mut num = 0.0;
        let mut had_num = false;
        for &ch in &c[i..k] {
            if let Some(d) = cn_digit(ch) {
                num = d as f64;
                had_num = true;
            } else if let Some(u) = cn_unit(ch) {
                if u < 1e4 {
                    if !had_num {
                        num = 1.0;
                    }
                    section += num * u;
                } else if u == 1e4 {
                    section += num;
                    if section == 0.0 && !had_num {
                        section = 1.0;
                    }
                    total += section * u;
                } else {
                    let base = total + section + num;
                    total = if base == 0.0 { u } else { base * u };
                }
                if u >= 1e4 {
                    section = 0.0;
                }
                num = 0.0;
                had_num = false;
            }
        }
        total + section + num
    };
    // Trailing 万/亿 chain, kept apart for currency units.
    let mut tail = 1.0;
    let mut t = k;
    while t > i && matches!(c[t - 1], '万' | '亿') {
        t -= 1;
        tail *= if c[t] == '万' { 1e4 } else { 1e8 };
    }
    if t == i {
        // Only multipliers: 万, 亿, 万亿.
        return Some(Numeral {
            start: i,
            end: k,
            value: tail,
            core: 1.0,
            tail,
            tail_start: i,
            chinese: true,
            has_digit: false,
        });
    }
    Some(Numeral {
        start: i,
        end: k,
        value,
        core: value / tail,
        tail,
        tail_start: t,
        chinese: true,
        has_digit,
    })
}

/// Reads a number of either kind at `i`.
pub fn read(c: &[char], i: usize) -> Option<Numeral> {
    arabic(c, i).or_else(|| chinese(c, i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Numeral {
        let c: Vec<char> = s.chars().map(crate::text::norm).collect();
        read(&c, 0).unwrap()
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(num("一万二千").value, 12000.0);
        assert_eq!(num("两千三百").value, 2300.0);
        assert_eq!(num("十二").value, 12.0);
        assert_eq!(num("十").value, 10.0);
        assert_eq!(num("百").value, 100.0);
        assert_eq!(num("三千五百亿").value, 3.5e11);
        assert_eq!(num("一亿二千万").value, 1.2e8);
        assert_eq!(num("二〇二二").value, 2022.0);
        assert_eq!(num("十万亿").value, 1e13);
        assert_eq!(num("一百零五").value, 105.0);
    }

    #[test]
    fn tails_for_currency() {
        let n = num("三千五百亿");
        assert_eq!((n.core, n.tail), (3500.0, 1e8));
        let n = num("百亿");
        assert_eq!((n.core, n.tail), (100.0, 1e8));
        let n = num("13.57万亿");
        assert_eq!((n.core, n.tail), (13.57, 1e12));
        let n = num("3千万");
        assert_eq!((n.core, n.tail), (3000.0, 1e4));
    }

    #[test]
    fn arabic_numbers() {
        assert_eq!(num("121.3").value, 121.3);
        assert_eq!(num("1.2万").value, 12000.0);
        assert_eq!(num("3.5亿").value, 3.5e8);
        assert_eq!(num("１２．５").value, 12.5);
        assert_eq!(num("1,200人").value, 1200.0);
        assert_eq!(num("5,6").value, 5.0);
        assert_eq!(num("0.93").value, 0.93);
        // 千 before a unit is part of the unit (千瓦), not a multiplier.
        let n = num("100千瓦");
        assert_eq!((n.value, n.end), (100.0, 3));
    }

    #[test]
    fn bare_multipliers_have_no_digit() {
        assert!(!num("万").has_digit);
        assert!(!num("百").has_digit);
        assert!(num("一").has_digit);
    }
}
