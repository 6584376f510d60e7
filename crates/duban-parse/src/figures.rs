//! Quantitative figures: numbers with units, their qualifiers, indicators and measures.
//!
//! One pass over each sentence finds candidate numbers (outside quotes and footnote markers)
//! and reads the unit and qualifiers around them; a second pass over the sentence's
//! candidates resolves indicators (including elided ones, 分别 lists and rate lists),
//! measure, op and kind.

use crate::lexicon::figures::*;
use crate::lexicon::units::*;
use crate::numeral::{self, Numeral};
use crate::structure::{Locator, Structure, marker, year_at};
use crate::text::{self, Words, at, class, ends_with, find, is_cjk, is_clause_delim};
use crate::{Diagnostic, Direction, Doc, Figure, FigureKind, Measure, Op, PartKind};
use std::borrow::Cow;
use std::sync::LazyLock;

/// A number with a unit, before its indicator is known.
#[derive(Debug, Clone)]
struct Cand {
    num_start: usize,
    /// End of the unit and any qualifier after it.
    end: usize,
    value: f64,
    value_max: Option<f64>,
    unit: Cow<'static, str>,
    percent: bool,
    currency: bool,
    /// Qualifier read around the number itself (以上, 左右, 余, 多).
    op_post: Option<Op>,
    /// A noun right after the unit (建设100个口袋公园 → 口袋公园).
    post: Option<(usize, usize)>,
    /// Position in a ratio of shares written without % (18.7:37.7:43.6 → 0, 1, 2).
    part: Option<u8>,
}

/// Qualifies a position: inside quotes or book-title marks.
fn quote_delta(ch: char) -> i32 {
    // Every mark below lies in U+2018..U+300F; ideographs and ASCII are rejected at once.
    if !('\u{2018}'..='\u{300f}').contains(&ch) {
        return 0;
    }
    match ch {
        '“' | '《' | '「' | '『' | '〈' | '‘' => 1,
        '”' | '》' | '」' | '』' | '〉' | '’' => -1,
        _ => 0,
    }
}

type Unit = Cow<'static, str>;

/// Whether `ch` can begin what follows a number: a unit, 余/多, 分之, a range sign.
fn unit_may_start(ch: char) -> bool {
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
fn read_unit(
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
    let (core, tail, tail_start) = if extra > 1.0 {
        (n.value, extra, extra_start)
    } else if more {
        (n.value, 1.0, p)
    } else {
        (n.core, n.tail, n.tail_start)
    };
    if let Some(cu) = W_CURRENCY.word_at(c, p) {
        let e = p + cu.chars().count();
        if tail > 1.0 {
            let unit: Unit = match (&c[tail_start..p], cu) {
                (['万'], "元") => "万元".into(),
                (['亿'], "元") => "亿元".into(),
                (['万', '亿'], "元") => "万亿元".into(),
                (['万'], "美元") => "万美元".into(),
                (['亿'], "美元") => "亿美元".into(),
                _ => format!("{}{}", doc.slice(tail_start, p), cu).into(),
            };
            return Some((unit, e, false, true, core, 1.0));
        }
        return Some((cu.into(), e, false, true, core * tail, 1.0));
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

/// Tries to read a figure at `i` (a numeral start). Returns the candidate and how far the
/// scanner may skip.
fn read_figure(doc: &Doc<'_>, i: usize, s_start: usize, s_end: usize) -> (Option<Cand>, usize) {
    let c = &doc.c;
    // 百分之五
    if at(c, i, "百分之") {
        if let Some(n) = numeral::read(c, i + 3).filter(|n| n.end <= s_end && n.has_digit) {
            let cand = Cand {
                num_start: i,
                end: n.end,
                value: n.value,
                value_max: None,
                unit: "%".into(),
                percent: true,
                currency: false,
                op_post: None,
                post: None,
                part: None,
            };
            return (Some(finish(doc, cand, s_end)), n.end);
        }
        return (None, i + 3);
    }
    // A unit that is a fixed term holding multiplier chars (10.36百亿亿次/秒).
    if c[i].is_ascii_digit() {
        let mut k = i + 1;
        while k < s_end && (c[k].is_ascii_digit() || c[k] == '.') {
            k += 1;
        }
        if k < s_end
            && W_FIXED.may_start(c[k])
            && let Some(u) = W_FIXED.word_at(c, k)
            && let Some(n) = numeral::arabic(&c[..k], i)
        {
            let e = k + u.chars().count();
            let cand = Cand {
                num_start: i,
                end: e,
                value: n.value,
                value_max: None,
                unit: u.into(),
                percent: false,
                currency: false,
                op_post: None,
                post: None,
                part: None,
            };
            return (Some(finish(doc, cand, s_end)), e);
        }
    }
    let Some(n) = numeral::read(c, i) else {
        return (None, i + 1);
    };
    let skip = n.end.max(i + 1);
    let none = (None, skip);
    if n.end > s_end {
        return none;
    }
    // 零 alone is inside a word (零部件, 零售, 零的突破), never a count.
    if n.chinese && n.end == i + 1 && c[i] == '零' {
        return none;
    }
    // Most Chinese numerals are inside words (一批, 统一, 三农): reject them at once unless
    // what follows could start a unit.
    if n.chinese && !c[i].is_ascii_digit() && !c.get(n.end).is_some_and(|&u| unit_may_start(u)) {
        return none;
    }
    // Adjacent Latin letters or date/code punctuation: 5G, PM2.5, 2023-01-05, 10:47.
    if i > 0 {
        let p = c[i - 1];
        if p.is_ascii_alphabetic() || p == '_' || p == '#' {
            return none;
        }
        if matches!(p, '.' | '-' | '/' | ':')
            && i > 1
            && c[i - 2].is_ascii_digit()
            && (p != ':' || ratio_part(c, i, s_start, s_end).is_none())
        {
            return none;
        }
    }
    let next = c.get(n.end).copied().unwrap_or(' ');
    if next.is_ascii_alphabetic() || next == '_' {
        return none;
    }
    // Shares written as a ratio without %: 三次产业结构比18.7:37.7:43.6.
    if (next == ':' || i > 0 && c[i - 1] == ':')
        && !n.chinese
        && let Some(k) = ratio_part(c, i, s_start, s_end)
    {
        let cand = Cand {
            num_start: i,
            end: n.end,
            value: n.value,
            value_max: None,
            unit: "%".into(),
            percent: true,
            currency: false,
            op_post: None,
            post: None,
            part: Some(k),
        };
        return (Some(cand), n.end);
    }
    if matches!(next, ':' | '/' | '.') && c.get(n.end + 1).is_some_and(|d| d.is_ascii_digit()) {
        // Fractions 1/6; otherwise times, dates, versions.
        if next == '/'
            && !n.chinese
            && let Some(d) = numeral::arabic(c, n.end + 1)
        {
            let after = c.get(d.end).copied().unwrap_or(' ');
            if d.value > n.value
                && d.value <= 1000.0
                && !after.is_ascii_digit()
                && after != '/'
                && after != '-'
                && d.end == d.tail_start
            {
                let cand = fraction_cand(i, d.end, n.value / d.value);
                return (Some(finish(doc, cand, s_end)), d.end);
            }
        }
        return (None, n.end + 1);
    }
    if n.chinese && !n.has_digit {
        // Bare multipliers: only 十 (十件) and 百亿元/千亿元-style thresholds.
        let bare_ten = n.end - i == 1 && c[i] == '十';
        let big = matches!(c[i], '十' | '百' | '千')
            && n.tail >= 1e8
            && W_CURRENCY.longest_at(c, n.end).is_some();
        if !bare_ten && !big {
            return none;
        }
    }
    if n.chinese && n.has_digit && !c[i].is_ascii_digit() {
        if n.end - i == 1 && c[i] == '一' {
            return none;
        }
        // 三分之一
        if at(c, n.end, "分之") {
            if let Some(d) =
                numeral::chinese(c, n.end + 2).filter(|d| d.end <= s_end && n.value > 0.0)
            {
                let cand = fraction_cand(i, d.end, d.value / n.value);
                return (Some(finish(doc, cand, s_end)), d.end);
            }
            return none;
        }
        if W_NAMED.longest_at(c, i).is_some() {
            return none;
        }
    }
    // Words before the number that make it an ordinal, a rank, a streak or an attribute.
    if W_SKIP_BEFORE.longest_ending(c, s_start, i).is_some() {
        return none;
    }
    let mut p = n.end;
    // Text from PDFs may put a space between the number and its unit (12 亿元).
    if !n.chinese && c.get(p) == Some(&' ') && c.get(p + 1).is_some_and(|&u| is_cjk(u) || u == '%')
    {
        p += 1;
    }
    let mut more = false;
    if p < s_end && matches!(c[p], '余' | '多') {
        more = true;
        p += 1;
    }
    let Some((mut unit, mut ue, mut percent, currency, value, _)) = read_unit(c, doc, &n, p, more)
    else {
        // Values sharing the unit of the last under 分别 (产值分别突破70和50亿元).
        if !more
            && p < s_end
            && matches!(c[p], '和' | '、')
            && (i.saturating_sub(8).max(s_start)..i).any(|q| at(c, q, "分别"))
            && let Some(n2) = numeral::read(c, p + 1).filter(|m| {
                m.end <= s_end && m.has_digit && c[p + 1].is_ascii_digit() == c[i].is_ascii_digit()
            })
            && let Some((u2, _, pc2, cur2, _, _)) = read_unit(c, doc, &n2, n2.end, false)
        {
            let v = if cur2 && n2.tail > 1.0 {
                n.value
            } else {
                n.value * n2.tail.max(1.0)
            };
            let cand = Cand {
                num_start: i,
                end: n.end,
                value: v,
                value_max: None,
                unit: u2,
                percent: pc2,
                currency: cur2,
                op_post: None,
                post: None,
                part: None,
            };
            return (Some(cand), n.end);
        }
        // Ranges whose first number has no unit: 5至10个工作日, 5-6%.
        if !more
            && p < s_end
            && matches!(c[p], '至' | '-' | '~' | '到')
            && let Some(n2) = numeral::read(c, p + 1)
                .filter(|m| m.end <= s_end && m.has_digit && m.chinese == n.chinese)
            && let Some((u2, e2, pc2, cur2, v2, _)) = read_unit(c, doc, &n2, n2.end, false)
            && n2.value > n.value
            && W_BREAKERS.longest_at(c, n2.end).is_none()
        {
            let lo = if cur2 && n2.tail > 1.0 {
                n.value / n2.tail
            } else {
                n.value
            };
            let cand = Cand {
                num_start: i,
                end: e2,
                value: lo,
                value_max: Some(v2),
                unit: u2,
                percent: pc2,
                currency: cur2,
                op_post: None,
                post: None,
                part: None,
            };
            let cand = finish(doc, cand, s_end);
            return (Some(cand), e2);
        }
        // An index has no unit: 空气质量综合指数6.06.
        if !n.chinese
            && !more
            && n.tail == 1.0
            && index_before(c, s_start, i)
            && !c
                .get(n.end)
                .is_some_and(|&x| x == '%' || is_cjk(x) && W_CURRENCY.word_at(c, n.end).is_some())
        {
            let cand = Cand {
                num_start: i,
                end: n.end,
                value: n.value,
                value_max: None,
                unit: "index".into(),
                percent: false,
                currency: false,
                op_post: None,
                post: None,
                part: None,
            };
            return (Some(cand), n.end);
        }
        // A person noun takes the natural counter 人: 200万中小学生.
        if n.has_digit
            && (!n.chinese || n.tail > 1.0)
            && !more
            && let Some(w) = W_PERSON.word_at(c, n.end)
        {
            let e = n.end + w.chars().count();
            let cand = Cand {
                num_start: i,
                end: n.end,
                value: n.value,
                value_max: None,
                unit: "人".into(),
                percent: false,
                currency: false,
                op_post: None,
                post: Some((n.end, e)),
                part: None,
            };
            let mut cand = finish(doc, cand, s_end);
            cand.end = n.end;
            return (Some(cand), e);
        }
        return none;
    };
    if W_BREAKERS.longest_at(c, p).is_some() {
        return none;
    }
    // A size class (25兆瓦级, 千亿元级) and counters that Chinese numerals only form words with.
    if c.get(ue) == Some(&'级') || (!c[i].is_ascii_digit() && ARABIC_ONLY.contains(&&*unit)) {
        return none;
    }
    // A Chinese count followed by another numeral is a slogan (两个一百年, 三个一批).
    if n.chinese
        && !c[i].is_ascii_digit()
        && c.get(ue).is_some_and(|&x| numeral::cn_digit(x).is_some())
    {
        return none;
    }
    // N个方面 counts only 民生实事-style commitments, not the report's own chapters.
    let fm = if unit == "个" && at(c, ue, "方面") {
        Some(ue + 2)
    } else if unit == "方面" {
        Some(ue)
    } else {
        None
    };
    if let Some(e) = fm {
        if !(at(c, e, "民生") || at(c, e, "实事") || at(c, e, "重点民生")) {
            return none;
        }
        if unit == "个" {
            unit = "方面".into();
            ue = e;
        }
    }
    if matches!(&*unit, "名" | "位") && ends_with(c, s_start, i, "前") {
        return none;
    }
    // Range with a unit on both sides: 5%-6%, 6.0%—6.5%.
    let mut value_max = None;
    if ue < s_end
        && matches!(c[ue], '-' | '至' | '~' | '到')
        && let Some(n2) = numeral::read(c, ue + 1).filter(|m| m.end <= s_end && m.has_digit)
        && let Some((u2, e2, _, _, v2, _)) = read_unit(c, doc, &n2, n2.end, false)
        && u2 == unit
        && v2 > value
    {
        value_max = Some(v2);
        ue = e2;
    }
    if unit == "倍" {
        percent = true;
    }
    // An alternative counter in brackets (300台(件)以上) belongs to the unit.
    if ue + 2 < s_end
        && matches!(c[ue], '(' | '（')
        && matches!(c[ue + 2], ')' | '）')
        && W_COUNTERS.longest_at(c, ue + 1) == Some(1)
    {
        ue += 3;
    }
    let mut end = ue;
    let mut op_post = more.then_some(Op::AtLeast);
    if let Some(w) = W_POST_QUAL.word_at(c, end) {
        op_post = Some(qual_op(w));
        end += w.chars().count();
    }
    // Thresholds that define a class (千万元以上纳税企业, 50万元以上的经济强村).
    // A percentage of a class (60%以上的县级机构达标) is a share, not a class.
    if !percent && matches!(op_post, Some(Op::AtLeast | Op::AtMost)) && end < s_end && end > ue {
        let nx = c[end];
        if nx == '的' || (currency && is_cjk(nx)) {
            return none;
        }
    }
    // Attributes of one named project (总投资2.8亿元的…项目, 30万吨乙醇项目); a group of
    // projects (总投资9亿元的6个项目, …的A、B项目) is an aggregate and stays.
    let group = currency && c.get(end) == Some(&'的') && group_noun(c, end + 1, s_end).is_some();
    if currency && c.get(end) == Some(&'的') && ends_with(c, s_start, i, "投资") && !group {
        return none;
    }
    // A size class of the noun that follows (50户以上木质房屋连片村寨, 100人以上企业).
    if matches!(&*unit, "户" | "人" | "名") && matches!(op_post, Some(Op::AtLeast | Op::AtMost))
    {
        let lim = (end + 10).min(s_end);
        let stop = (end..lim)
            .find(|&k| is_clause_delim(c[k]) || c[k] == '、')
            .unwrap_or(lim);
        let classy = CLASS_NOUNS.iter().any(|w| ends_with(c, end, stop, w));
        if stop > end && classy {
            return none;
        }
    }
    if currency && c.get(end) == Some(&'的') && !group {
        let lim = (end + 24).min(s_end);
        if find(c, end, lim, "项目").is_some() || find(c, end, lim, "工程").is_some() {
            let stop = (end..lim).find(|&k| is_clause_delim(c[k])).unwrap_or(lim);
            if find(c, end, stop, "项目").is_some() || find(c, end, stop, "工程").is_some() {
                return none;
            }
        }
    }
    // The area of one park or base (2000亩桑叶产业园) is its attribute.
    if AREA_UNITS.contains(&&*unit) && is_cjk(c.get(end).copied().unwrap_or(' ')) {
        let lim = (end + 12).min(s_end);
        let stop = (end..lim)
            .find(|&k| is_clause_delim(c[k]) || c[k] == '、')
            .unwrap_or(lim);
        if SITE_NOUNS.iter().any(|w| find(c, end, stop, w).is_some()) {
            return none;
        }
    }
    if matches!(&*unit, "吨" | "千瓦" | "兆瓦") && is_cjk(c.get(end).copied().unwrap_or(' ')) {
        let lim = (end + 10).min(s_end);
        let stop = (end..lim)
            .find(|&k| is_clause_delim(c[k]) || c[k] == '、')
            .unwrap_or(lim);
        if find(c, end, stop, "项目").is_some() {
            return none;
        }
    }
    if !percent && !currency && ranking_field(c, end, s_end) {
        return none;
    }
    let cand = Cand {
        num_start: i,
        end,
        value,
        value_max,
        unit,
        percent,
        currency,
        op_post,
        post: None,
        part: None,
    };
    if group {
        // The group's own count (…的重点项目21个) reads its name after 的.
        return (Some(cand), end);
    }
    (Some(finish(doc, cand, s_end)), end)
}

/// Adds the noun after the unit (for number-first phrasing).
fn finish(doc: &Doc<'_>, mut cand: Cand, s_end: usize) -> Cand {
    if cand.post.is_some() {
        return cand;
    }
    let c = &doc.c;
    let mut k = cand.end;
    if c.get(k) == Some(&'的') {
        k += 1;
    }
    // An age class before the noun (1万名65周岁以上常住居民) belongs to the noun.
    if let Some(n) = numeral::arabic(c, k).or_else(|| numeral::chinese(c, k))
        && let Some(l) = AGE_WORDS
            .iter()
            .find(|w| at(c, n.end, w))
            .map(|w| w.chars().count())
    {
        k = n.end + l;
    }
    let s = k;
    let mut depth = 0i32;
    while k < s_end && k - s < 20 {
        let ch = c[k];
        let d = quote_delta(ch);
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
        if k > s && W_POST_STOP.longest_at(c, k).is_some() {
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
    if k > s {
        cand.post = Some((s, k));
    }
    cand
}

/// The predicate that follows a counted noun up to the clause end (18个老旧小区完成改造 →
/// 完成改造), when it starts with an action word and holds no other number.
fn predicate_after(c: &[char], from: usize, se: usize) -> Option<(usize, usize)> {
    let w = W_ACTION_AFTER.word_at(c, from)?;
    let _ = w;
    let lim = (from + MAX_PREDICATE).min(se);
    let end = (from..lim)
        .find(|&k| is_clause_delim(c[k]) || c[k] == '、' || c[k] == '\n')
        .unwrap_or(lim);
    if end == lim && lim < se && !is_clause_delim(c[lim]) {
        return None;
    }
    if (from..end).any(|k| c[k].is_ascii_digit() || class_num_counter(c, k)) {
        return None;
    }
    let mut s = from;
    while let Some(a) = W_ADVERB_LEAD.word_at(c, s) {
        s += a.chars().count();
    }
    (end >= s + 2).then_some((s, end))
}

/// A Chinese numeral directly followed by a counter inside a predicate (another figure).
fn class_num_counter(c: &[char], k: usize) -> bool {
    numeral::cn_digit(c[k]).is_some()
        && numeral::read(c, k).is_some_and(|n| W_COUNTERS.longest_at(c, n.end).is_some())
}

/// A counted thing named with its action: verb + predicate + 的 + noun (帮助实现就业的脱贫人口),
/// or verb + noun when nothing follows (实施省重点项目).
fn action_name<'a>(
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
    if pred_text.is_none() && (verb.is_none() || !ACTION_VERB_NAMES) {
        return None;
    }
    if let Some((s, e)) = verb {
        out.push_str(&doc.squeeze(s, e));
    }
    if let Some(p) = pred_text {
        out.push_str(&p);
        out.push('的');
    }
    out.push_str(&doc.squeeze(noun.0, noun.1));
    Some(out.into())
}

/// A counted thing followed by the work done on it, as one noun (38个村电网改造): named
/// 电网改造的村, with the verb before the count when there is one (完成电网改造的村).
fn object_action_name<'a>(
    doc: &Doc<'a>,
    verb: Option<(usize, usize)>,
    (ps, pe): (usize, usize),
) -> Option<crate::Text<'a>> {
    let c = &doc.c;
    let mut e = pe;
    if let Some(l) = W_WORK_TAIL.longest_ending(c, ps, e) {
        e -= l;
    }
    W_WORK_END.longest_ending(c, ps, e)?;
    // The thing ends where an entity noun ends and does not go on into a longer one
    // (村 of 村电网改造, 村庄 of 村庄污水治理).
    let split = (ps + 1..e.saturating_sub(2)).find(|&k| {
        W_ENTITY
            .longest_ending(c, ps, k)
            .is_some_and(|l| k - l == ps)
            && W_ENTITY
                .longest_ending(c, ps, k + 1)
                .is_none_or(|l| k + 1 - l != ps)
    })?;
    if e < split + 2 {
        return None;
    }
    let mut out = String::new();
    if let Some((vs, ve)) = verb {
        out.push_str(&doc.squeeze(vs, ve));
    }
    out.push_str(&doc.squeeze(split, e));
    out.push('的');
    out.push_str(&doc.squeeze(ps, split));
    Some(out.into())
}

/// The text without footnote markers ([1], [12]).
fn drop_footnotes(t: &str) -> String {
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
const ACTION_VERB_NAMES: bool = false;

/// The longest predicate read after a counted noun.
const MAX_PREDICATE: usize = 28;

/// The noun of a group of projects after 总投资X亿元的: (start, end) of its name without the
/// count, when a count (的15个城建项目, 的重点项目21个) or a list (的A、B项目) says it is a group.
fn group_noun(c: &[char], from: usize, s_end: usize) -> Option<(usize, usize)> {
    let lim = (from + 28).min(s_end);
    let stop = (from..lim).find(|&k| is_clause_delim(c[k])).unwrap_or(lim);
    let mut s = from;
    let mut counted = false;
    if let Some(n) = numeral::read(c, s).filter(|n| n.end < stop)
        && let Some(u) = W_COUNTERS.word_at(c, n.end)
    {
        s = n.end + u.chars().count();
        counted = true;
    }
    let (pe, pl) = PROJECT_NOUNS
        .iter()
        .filter_map(|w| text::rfind(c, s, stop, w).map(|q| (q, w.chars().count())))
        .max()?;
    let e = pe + pl;
    if e < s + 3 {
        return None;
    }
    let listed = c[s..e].contains(&'、');
    let count_after = numeral::read(c, e)
        .is_some_and(|n| n.end <= stop && W_COUNTERS.word_at(c, n.end).is_some());
    (counted || listed || count_after).then_some((s, e))
}

/// Names for a list of rates that share one figure: each item names its own rate
/// (办结率、满意率100%), or only the last does and the others share its tail
/// (城乡居民养老保险和基本医疗保险参保率 → …养老保险参保率, 基本医疗保险参保率).
fn rate_list_names<'a>(doc: &Doc<'a>, items: &[(usize, usize)]) -> Option<Vec<crate::Text<'a>>> {
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
        return Some(stripped.iter().map(|&(x, y)| doc.squeeze(x, y)).collect());
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
        let tail = (ls..le - 2)
            .find(|&q| c[q] == c[y - 2] && c[q + 1] == c[y - 1])
            .map(|q| q + 2)
            .unwrap_or(ls + 2);
        if tail + 1 >= le {
            return None;
        }
        names.push(format!("{}{}", doc.squeeze(x, y), doc.squeeze(tail, le)).into());
    }
    names.push(doc.squeeze(ls, le));
    Some(names)
}

/// Firm names that start with a Chinese numeral (X棵树公司, X只松鼠集团): wherever the report
/// names the firm with its suffix, the same words elsewhere are the name, not a count.
fn firm_names(c: &[char]) -> Vec<Vec<char>> {
    let mut out: Vec<Vec<char>> = Vec::new();
    let [a, b] = [FIRM_SUFFIXES[0][0], FIRM_SUFFIXES[1][0]];
    // Blocks without either first char are rejected by a loop the compiler vectorises: this
    // pass touches every char of the report.
    const BLOCK: usize = 32;
    let (ua, ub) = (a as u32, b as u32);
    for (bi, block) in c.chunks(BLOCK).enumerate() {
        let hits = block.iter().fold(0u32, |acc, &x| {
            acc | (x as u32 == ua) as u32 | (x as u32 == ub) as u32
        });
        if hits == 0 {
            continue;
        }
        for (k, _) in block.iter().enumerate().filter(|&(_, &x)| x == a || x == b) {
            let p = bi * BLOCK + k;
            if p < 3 || p + 1 >= c.len() || !FIRM_SUFFIXES.contains(&[c[p], c[p + 1]]) {
                continue;
            }
            firm_before(c, p, &mut out);
        }
    }
    out
}

/// Records the numeral-led name before a firm suffix at `p`.
fn firm_before(c: &[char], p: usize, out: &mut Vec<Vec<char>>) {
    {
        for l in [3, 4] {
            if p >= l
                && numeral::cn_digit(c[p - l]).is_some()
                && c[p - l + 1..p]
                    .iter()
                    .all(|&x| is_cjk(x) && !numeral::is_cn_numeral(x))
                && W_COUNTERS.word_at(c, p - l + 1).is_some()
            {
                let name = c[p - l..p].to_vec();
                if !out.contains(&name) {
                    out.push(name);
                }
            }
        }
    }
}

/// The index of the number at `i` in a ratio of shares written without % (结构比
/// 18.7:37.7:43.6): two or more numbers joined by ':' that add up to 100, with 比 shortly
/// before them or at least three parts. Times (10:30) and scores are not ratios of shares.
fn ratio_part(c: &[char], i: usize, s_start: usize, s_end: usize) -> Option<u8> {
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
fn index_before(c: &[char], s: usize, i: usize) -> bool {
    W_INDEX_LEAD.longest_ending(c, s, i).is_some()
}

/// A count that sizes the field of a ranking (在全省91个县（市）中排名第一) is not a figure.
fn ranking_field(c: &[char], from: usize, s_end: usize) -> bool {
    let lim = (from + 16).min(s_end);
    let Some(z) = (from..lim).find(|&k| c[k] == '中' || is_clause_delim(c[k])) else {
        return false;
    };
    c[z] == '中' && {
        let w = (z + 8).min(s_end);
        RANKING_WORDS.iter().any(|p| find(c, z + 1, w, p).is_some())
    }
}

/// The longest stretch read back from a number to find its clause.
const MAX_CLAUSE: usize = 160;

/// How far a span may reach back from its number to include an elided indicator.
const MAX_SPAN_BACK: usize = 96;

/// Number of top-level 、-separated items in `s..e`, when all are non-empty and none has a
/// digit (a list of names, not of figures).
/// Also says whether the last item holds a conjunction (…、B和C may be three names or two).
fn list_len(c: &[char], s: usize, e: usize) -> Option<(usize, bool)> {
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
        // …、B和C: the conjunction in the last item joins one more name.
        if depth <= 0 && items >= 2 && matches!(ch, '和' | '及' | '与') && q > last {
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

/// Strips connective and verb words from both ends of `s..e`.
fn strip(c: &[char], mut s: usize, mut e: usize) -> (usize, usize) {
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
        if (s, e) == before {
            return (s, e);
        }
    }
}

/// Splits `s..e` at top-level separators (outside quotes).
fn split_items(c: &[char], s: usize, e: usize, seps: &[&str]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut st = s;
    let mut k = s;
    while k < e {
        depth += quote_delta(c[k]);
        if depth <= 0
            && let Some(w) = seps.iter().find(|w| at(c, k, w))
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

/// The change word that directly governs a number ending its phrase at `e`.
fn change_before(c: &[char], s: usize, mut e: usize) -> Option<Direction> {
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

#[derive(Debug, Clone)]
struct Fig<'a> {
    cand: Cand,
    ind: crate::Text<'a>,
    ind_start: usize,
    ind_end: usize,
    span_start: usize,
    span_end: usize,
    measure: Measure,
    direction: Option<Direction>,
    op: Op,
    /// The op is `~` from a 预计/力争 scope or a qualifier word before the number.
    scoped: bool,
    number_first: bool,
    /// The counted thing, unshortened (新签约项目 of 新签约项目42个).
    thing: (usize, usize),
}

#[inline(never)] // Kept out of line so that profiles show each phase.
pub(crate) fn extract<'a>(
    doc: &Doc<'a>,
    st: &Structure<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Figure<'a>> {
    let c = &doc.c;
    let n = c.len();
    // Sized once from the sentence count, then trimmed: growing a vector of this size by
    // doubling copies it and faults in fresh pages at every step.
    let mut out = Vec::with_capacity(st.sentences.len() * 3 / 2 + 16);
    let mut carry_kind = default_kind(doc, st);
    let last_sentence = st.sentences.len().saturating_sub(1);
    // Positions of scope words in the current sentence, filled by pass 1 so that pass 2
    // answers "is there a 预计 before this number" by binary search (linear overall).
    let mut semis: Vec<usize> = Vec::new();
    let mut yuji: Vec<usize> = Vec::new();
    let mut lizheng: Vec<usize> = Vec::new();
    let mut fenbies: Vec<usize> = Vec::new();
    // Buffers reused across sentences.
    let mut cands: Vec<Cand> = Vec::new();
    let mut figs: Vec<Fig<'a>> = Vec::new();
    let mut loc = st.locator();
    let firms = firm_names(c);
    for (si, s) in st.sentences.iter().enumerate() {
        let (ss, se) = (s.start, s.end.min(n));
        semis.clear();
        yuji.clear();
        lizheng.clear();
        fenbies.clear();
        // Pass 1: candidates.
        cands.clear();
        let mut depth = 0i32;
        let mut ascii_quote = false;
        let mut i = ss;
        while i < se {
            // Fast path: skip chars that are neither numerals, quotes nor scope words' starts.
            i = doc.next_of(i, se, class::NUM | class::SCOPE | class::QUOTE);
            if i >= se {
                break;
            }
            let ch = c[i];
            match ch {
                '；' | ';' => semis.push(i),
                _ if doc.cls[i] & class::SCOPE == 0 => {}
                _ => match SCOPE_WORDS.iter().position(|w| at(c, i, w)) {
                    Some(0) => yuji.push(i),
                    Some(1) => lizheng.push(i),
                    Some(2) => fenbies.push(i),
                    _ => {}
                },
            }
            let d = quote_delta(ch);
            if d != 0 {
                depth = (depth + d).max(0);
                i += 1;
                continue;
            }
            if ch == '"' {
                ascii_quote = !ascii_quote;
                i += 1;
                continue;
            }
            if ch == '[' {
                // Footnote markers [1].
                let mut k = i + 1;
                while k < se && c[k].is_ascii_digit() && k - i < 4 {
                    k += 1;
                }
                if k > i + 1 && c.get(k) == Some(&']') {
                    i = k + 1;
                    continue;
                }
            }
            let starts = ch.is_ascii_digit() || numeral::is_cn_numeral(ch);
            if !starts {
                i += 1;
                continue;
            }
            let prev_num = i > ss
                && (c[i - 1].is_ascii_digit()
                    || numeral::is_cn_numeral(c[i - 1])
                    || c[i - 1] == '.');
            if prev_num || depth > 0 || ascii_quote {
                i += 1;
                continue;
            }
            // Most Chinese numerals sit inside words (一批, 统一, 三农): a run of them not
            // followed by what could start a unit is skipped before any number is read
            // (read_figure would reject it the same way).
            let percent_words = ch == '百' && at(c, i, "百分之");
            if !ch.is_ascii_digit() && !percent_words {
                let mut k = i + 1;
                while k < n && k - i < 16 && numeral::is_cn_numeral(c[k]) {
                    k += 1;
                }
                if k > se || !c.get(k).is_some_and(|&u| unit_may_start(u)) {
                    i = k;
                    continue;
                }
            }
            if !ch.is_ascii_digit()
                && let Some(f) = firms.iter().find(|f| c[i..].starts_with(f))
            {
                i += f.len();
                continue;
            }
            let (cand, next) = read_figure(doc, i, ss, se);
            if let Some(cd) = cand {
                // Rhetorical counts in headings (聚焦三项重点) are not figures.
                let commitment = COMMITMENT_WORDS.iter().any(|w| at(c, cd.end, w));
                let rhetorical = !c[cd.num_start].is_ascii_digit()
                    && !commitment
                    && loc.in_heading(cd.num_start, cd.end);
                if !rhetorical {
                    cands.push(cd);
                }
            }
            i = next.max(i + 1);
        }
        if cands.is_empty() {
            // Only the kind a preamble sentence carries forward matters here.
            sentence_kind(doc, st, &mut loc, ss, se, &mut carry_kind);
            continue;
        }
        // A statement cut off by the end of the text.
        if si == last_sentence
            && !c[se - 1].eq(&'。')
            && !matches!(c[se - 1], '！' | '？' | '；' | ';' | '!' | '?')
        {
            let rest_blank = c[se..].iter().all(|ch| ch.is_whitespace());
            if rest_blank && let Some(last) = cands.last() {
                let clause_open = !(last.end..se).any(|k| is_clause_delim(c[k]));
                if clause_open && last.post.is_some() && se - last.end < 12 {
                    diags.push(Diagnostic {
                        start: last.num_start,
                        end: se,
                        message: "文本在此处截断，未计入不完整的数据".into(),
                        severity: crate::Severity::Info,
                        kind: crate::DiagnosticKind::Truncated,
                    });
                    cands.pop();
                }
            }
        }
        if cands.is_empty() {
            continue;
        }
        // Sentence-level cues.
        let first = cands[0].num_start;
        let yuji_sentence = any_in(&yuji, ss, first);
        let kind = sentence_kind(doc, st, &mut loc, ss, se, &mut carry_kind);
        let year = match kind {
            FigureKind::Actual => st.review_year,
            FigureKind::Target => st.plan_year,
        };

        // Pass 2: indicators, measures, ops.
        figs.clear();
        let mut fenbie_items: Option<(Vec<crate::Text<'a>>, usize)> = None;
        let mut k = 0;
        while k < cands.len() {
            let cand = cands[k].clone();
            let ns = cand.num_start;
            let mut cs = ns;
            // Bounded, so that text without punctuation stays linear.
            while cs > ss && !is_clause_delim(c[cs - 1]) && ns - cs < MAX_CLAUSE {
                cs -= 1;
            }
            let prev_in_clause = figs.last().filter(|f| f.cand.end > cs && f.cand.end <= ns);
            // The phrase of this number starts after the previous number's unit and any noun
            // read after it (1个省级…园、3个市级…园).
            let seg = prev_in_clause
                .map(|f| {
                    let pe = f.cand.post.map(|(_, pe)| pe).unwrap_or(f.cand.end);
                    f.cand.end.max(if pe <= ns { pe } else { f.cand.end })
                })
                .unwrap_or(cs)
                .max(cs);

            // Counts that restate the length of a list just given (…、…、…三大产业).
            if !cand.percent && !cand.currency && cand.value >= 2.0 && cand.value.fract() == 0.0 {
                let (xa, _) = strip_punct(c, seg, ns);
                // The list may also start after a conjunction (…产业和物流、文旅两个板块).
                let conj = (xa..ns)
                    .rev()
                    .find(|&q| matches!(c[q], '和' | '及' | '与'))
                    .map(|q| q + 1);
                let restates = [Some(xa), conj].into_iter().flatten().any(|from| {
                    list_len(c, from, ns).is_some_and(|(n, conj)| {
                        n >= 2 && (n as f64 == cand.value || conj && (n + 1) as f64 == cand.value)
                    })
                });
                if restates {
                    k += 1;
                    continue;
                }
            }

            let direction = change_before(c, seg, ns);
            let fenbie = first_in(&fenbies, cs, ns);

            // Rate lists: 办结率、满意率100%.
            if cand.unit == "%" && fenbie.is_none() && (seg..ns).any(|q| c[q] == '率') {
                let (a, b) = strip(c, seg, ns);
                let items = split_items(c, a, b, RATE_LIST_SEPS);
                if let Some(names) = rate_list_names(doc, &items) {
                    for (&(x, y), name) in items.iter().zip(names) {
                        let (x, y) = strip(c, x, y);
                        figs.push(Fig {
                            cand: cand.clone(),
                            ind: name,
                            ind_start: x,
                            ind_end: y,
                            span_start: x,
                            span_end: cand.end,
                            measure: Measure::Share,
                            direction: None,
                            op: cand.op_post.unwrap_or(Op::Exactly),
                            scoped: false,
                            number_first: false,
                            thing: (x, y),
                        });
                    }
                    k += 1;
                    continue;
                }
            }

            // Indicator before the number; a phrase ending in 等 or a conjunction is a list
            // head, and the noun after the number names the figure (泉林路等6条道路).
            let list_head =
                LIST_HEAD_ENDS.iter().any(|w| ends_with(c, seg, ns, w)) && cand.post.is_some();
            let (mut a, mut b) = if list_head {
                (ns, ns)
            } else {
                strip(c, seg, ns)
            };
            // A phrase ending in a verb (…将接续办好15件重点民生实事) names nothing: the noun
            // after the number does.
            let post_noun = !cand.currency
                && !cand.percent
                && cand.post.is_some_and(|(ps, pe)| pe > ps && ps == cand.end);
            let commitment = cand
                .post
                .is_some_and(|(ps, pe)| find(c, ps, pe, "实事").is_some());
            // The verb before the count, kept for the name (帮助360名…实现就业 → 帮助…).
            let mut verb_before: Option<(usize, usize)> = None;
            // The raw phrase before the number: strip() may have taken a verb (实现) or a 的
            // away from its end.
            let raw_end_verb = W_VERB_END.longest_ending(c, seg, ns).filter(|&l| l >= 2);
            let raw_de = ns > seg && c[ns - 1] == '的';
            if b > a && post_noun {
                let vl = W_VERB_END.longest_ending(c, a, b);
                let time_only = W_TIME_WORD.longest_at(c, a) == Some(b - a);
                if commitment
                    || vl.is_some()
                    || raw_de
                    || time_only
                    || raw_end_verb.is_some() && b < ns
                {
                    if let Some(l) = vl.filter(|_| !commitment) {
                        verb_before = Some((b - l, b));
                    }
                    // 推动116个重点项目加快建设 → 加快建设的重点项目: light verbs say nothing.
                    if verb_before
                        .is_some_and(|(vs, ve)| W_LIGHT_VERB.longest_at(c, vs) == Some(ve - vs))
                    {
                        verb_before = None;
                    }
                    (a, b) = (ns, ns);
                }
            }
            if let Some(dpos) = find_top(doc, a, b, "等") {
                let (x, y) = strip(c, dpos + 1, b);
                if y > x + 1 {
                    (a, b) = (x, y);
                } else {
                    let ls = rfind_top(doc, a, dpos, "、").map(|q| q + 1).unwrap_or(a);
                    (a, b) = strip(c, ls, dpos);
                }
            } else if let Some(q) = rfind_top(doc, a, b, "、") {
                // A short list of nouns is one name (办理人大代表建议、政协委员提案71件); a
                // longer phrase is a list of clauses, and the last one names the figure.
                let short_list = find_top(doc, a, b, "、") == Some(q) && q - a <= 8 && b - q <= 9;
                if !short_list {
                    (a, b) = strip(c, q + 1, b);
                }
            }
            // 某市将新建…: the subject before 将/拟 is not part of the name.
            if b > a + 2
                && let Some(q) = (a..b - 2).rev().find(|&q| matches!(c[q], '将' | '拟'))
            {
                a = strip(c, q + 1, b).0;
            }
            if b > a + 2 {
                // The last occurrence of each verb, found in one pass; the first verb of the
                // list whose last occurrence leaves a name of two chars or more wins.
                let mut last = [None::<usize>; MID_VERBS.len()];
                for q in a + 1..b {
                    if !MID_VERB_FIRST.contains(&c[q]) {
                        continue;
                    }
                    for (vi, v) in MID_VERBS.iter().enumerate() {
                        if at(c, q, v) && q + v.chars().count() <= b {
                            last[vi] = Some(q);
                        }
                    }
                }
                for (vi, v) in MID_VERBS.iter().enumerate() {
                    if let Some(q) = last[vi] {
                        let after = q + v.chars().count();
                        if b >= after + 2 {
                            a = after;
                            break;
                        }
                    }
                }
            }
            let mut number_first = false;
            let mut thing = (a, b);
            let mut named_by_action: Option<crate::Text<'a>> = None;
            let mut inherited: Option<(Measure, Option<Direction>, bool)> = None;
            let mut ind_range = (a, b);
            let mut span_start = if b > a { a } else { ns };
            let mut span_end = cand.end;
            if b <= a {
                // Nothing before the number in its phrase.
                let post_ok = !cand.currency
                    && cand
                        .post
                        .is_some_and(|(ps, pe)| pe > ps && (!cand.percent || ps == cand.end));
                let mut ps = cs.saturating_sub(1);
                while ps > ss && !is_clause_delim(c[ps - 1]) && cs - ps < MAX_CLAUSE {
                    ps -= 1;
                }
                let prev_near = figs.last().filter(|f| f.cand.num_start >= ps || cs <= ss);
                // A verb alone before the count that strip() took away (完成26个村…).
                if verb_before.is_none() {
                    let (vs, _) = strip_punct(c, seg, ns);
                    if W_VERB_END.longest_ending(c, vs, ns) == Some(ns - vs)
                        && ns > vs
                        && W_LIGHT_VERB.longest_at(c, vs) != Some(ns - vs)
                    {
                        verb_before = Some((vs, ns));
                    }
                }
                if let (true, Some((ps, pe))) = (post_ok, cand.post) {
                    // Commitments (10件民生实事) and nouns with their own 的 keep their name.
                    let pred = predicate_after(c, pe, se)
                        .filter(|_| !commitment && !c[ps..pe].contains(&'的'));
                    let (ps2, pe2) = if pred.is_some() {
                        (ps, pe)
                    } else {
                        trim_suffix(c, ps, pe)
                    };
                    ind_range = (ps2, pe2);
                    thing = (ps, pe);
                    if let Some(name) = action_name(doc, verb_before, pred, (ps2, pe2)) {
                        named_by_action = Some(name);
                    } else if let Some(name) = object_action_name(doc, verb_before, (ps, pe)) {
                        named_by_action = Some(name);
                    }
                    number_first = true;
                    span_end = span_end.max(pe);
                    let (vs, _) = strip_punct(c, seg, ns);
                    span_start = vs.min(ns);
                } else if let Some(prev) = prev_near {
                    ind_range = (prev.ind_start, prev.ind_end);
                    span_start = prev.span_start.min(ns);
                    inherited = Some((prev.measure, prev.direction, prev.cand.percent));
                } else {
                    // Elided: the previous clause of the sentence names it.
                    if cs > ss + 1 {
                        let (x, y) = strip(c, ps, cs - 1);
                        if y > x {
                            ind_range = (x, y);
                            span_start = x;
                        }
                    }
                }
            }
            // Ordinal qualifiers inside the name (广东第二个…, 第三批…) are not part of it.
            if let Some(q) = find_top(doc, ind_range.0, ind_range.1, "第") {
                let mut e = q + 1;
                while e < ind_range.1 && (numeral::is_cn_numeral(c[e]) || c[e].is_ascii_digit()) {
                    e += 1;
                }
                if e > q + 1
                    && e < ind_range.1
                    && matches!(c[e], '个' | '批' | '家' | '届' | '次')
                    && ind_range.1 >= e + 3
                {
                    ind_range.0 = e + 1;
                }
            }
            // A two-char verb or modifier alone before a count joins the noun after it
            // (省定20项民生工程 → 省定民生工程, 招标两家环卫企业 → 招标环卫企业).
            if named_by_action.is_none()
                && post_noun
                && !list_head
                && ind_range.1 == ind_range.0 + 2
                && ind_range.1 <= ns
                && W_TIME_WORD.longest_at(c, ind_range.0).is_none()
                && let Some((ps, pe)) = cand.post
                && pe >= ps + 2
                && !matches!(c[ps], '并' | '和' | '及' | '与' | '且' | '还')
                && c[ind_range.0..ind_range.1].iter().all(|&x| is_cjk(x))
                && !(ps..pe).any(|q| c[q] == '的')
            {
                named_by_action = Some(
                    format!(
                        "{}{}",
                        doc.squeeze(ind_range.0, ind_range.1),
                        doc.squeeze(ps, pe)
                    )
                    .into(),
                );
            }
            // 总长7.6公里的博望路大修工程: a measure word names nothing, the thing after 的 does.
            if named_by_action.is_none()
                && c.get(cand.end) == Some(&'的')
                && W_MEASURE_WORD.longest_at(c, ind_range.0) == Some(ind_range.1 - ind_range.0)
                && let Some((ps, pe)) = cand.post
                && pe >= ps + 2
            {
                let (ps, pe) = trim_suffix(c, ps, pe);
                named_by_action = Some(doc.squeeze(ps, pe));
            }
            let mut ind = named_by_action.unwrap_or_else(|| doc.squeeze(ind_range.0, ind_range.1));
            // Footnote markers inside a name (“四好农村路”[8]建设) are not part of it.
            if ind.contains('[') {
                ind = drop_footnotes(&ind).into();
            }
            let (has_ge, has_de) = c[ind_range.0..ind_range.1.max(ind_range.0)]
                .iter()
                .fold((false, false), |(g, d), &x| {
                    (g || x == '各', d || x == '的')
                });
            if has_ge {
                for w in SET_WORDS {
                    if ind.contains(w) && ind.chars().count() > 4 {
                        ind = ind.replace(w, "").into();
                    }
                }
            }
            if has_de {
                for (from, to) in [("的比重", "比重"), ("的比例", "比例")] {
                    if ind.contains(from) {
                        ind = ind.replace(from, to).into();
                    }
                }
            }

            // An attribute of the things just counted (新签约项目42个、总投资261.2亿元) is named
            // with them: 新签约项目总投资.
            if !cand.percent
                && let Some(l) = W_ATTRIBUTE.longest_ending(c, seg, ind_range.1)
                && ind_range.1 - l <= ind_range.0
                && let Some(prev) = figs
                    .last()
                    .filter(|f| !f.cand.currency && !f.cand.percent && f.thing.1 > f.thing.0 + 1)
            {
                let (mut ts, mut te) = prev.thing;
                // 总投资X亿元的重点项目 → 重点项目; 储备项目数量 → 储备项目.
                if let Some(q) = (ts..te)
                    .rev()
                    .find(|&q| c[q] == '的' || c[q].is_ascii_digit())
                {
                    ts = q + 1;
                }
                for w in COUNT_WORDS {
                    if ends_with(c, ts, te, w) && te - w.chars().count() >= ts + 2 {
                        te -= w.chars().count();
                        break;
                    }
                }
                if te >= ts + 2 {
                    let attr = doc.squeeze(ind_range.1 - l, ind_range.1);
                    ind = format!("{}{}", doc.squeeze(ts, te), attr).into();
                }
            }

            // 拨付1600万元就业补助资金: money named by the fund after it and the verb before.
            if cand.currency
                && let Some((ps, pe)) = cand.post
                && ps == cand.end
                && W_FUND_END.longest_ending(c, ps, pe).is_some()
                && let Some(l) = W_FUND_VERB.longest_ending(c, seg, ns)
            {
                ind = format!("{}{}", doc.squeeze(ns - l, ns), doc.squeeze(ps, pe)).into();
            }

            // 推动60%以上的县级机构达标: the share of the things after 的, not the verb.
            if cand.percent
                && c.get(cand.end) == Some(&'的')
                && let Some((ps, pe)) = cand.post
                && pe >= ps + 2
                && (ind.chars().count() <= 2
                    || W_VERB_END.longest_ending(c, ind_range.0, ind_range.1)
                        == Some(ind_range.1 - ind_range.0))
            {
                let lim = (ps + 24).min(se);
                let e = (ps..lim)
                    .find(|&k| is_clause_delim(c[k]))
                    .unwrap_or(pe.max(lim));
                ind = format!("{}比例", doc.squeeze(ps, e.max(pe))).into();
            }

            // A part of a ratio of the three sectors is that sector's share.
            if let Some(k) = cand.part
                && (ns.saturating_sub(48).max(ss)..ns).any(|q| at(c, q, "产业"))
                && let Some(sector) = SECTORS.get(k as usize)
            {
                ind = format!("{sector}占比").into();
            }

            // 总投资X亿元的N个重点项目: the attribute of a group is named with the group.
            if cand.currency
                && c.get(cand.end) == Some(&'的')
                && let Some((gs, ge)) = group_noun(c, cand.end + 1, se)
                && let Some(l) = W_ATTRIBUTE.longest_ending(c, seg, ind_range.1)
            {
                let attr = doc.squeeze(ind_range.1 - l, ind_range.1);
                ind = format!("{}{}", doc.squeeze(gs, ge), attr).into();
            }

            // Measure.
            let (measure, dir) = if cand.percent {
                if let Some(d) = direction {
                    (Measure::Growth, Some(d))
                } else if let Some((m, d, true)) = inherited {
                    // 增长6.5%以上，力争7%: the second number continues the first.
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
            } else {
                (Measure::Level, None)
            };

            // Op.
            let prev_scoped = figs.last().is_some_and(|f| f.scoped);
            let op = cand.op_post.unwrap_or_else(|| {
                let mut e = ns;
                while e > seg && matches!(c[e - 1], '了' | ' ') {
                    e -= 1;
                }
                if let Some(w) = W_PRE_QUAL.word_ending(c, seg.min(e), e) {
                    // 最近/附近 are not 近.
                    let near_word = w == "近" && e >= 2 && NOT_NEAR.contains(&c[e - 2]);
                    // 节约/制约/签约 are not 约.
                    let yue_word = w == "约" && e >= 2 && NOT_ABOUT.contains(&c[e - 2]);
                    if !near_word && !yue_word {
                        return qual_op(w);
                    }
                }
                // A bound word a few chars before the number (不超过总医疗费10%).
                let near = ns.saturating_sub(14).max(seg);
                if c[near..ns].iter().any(|&x| x == '不' || x == '控') {
                    for w in NEAR_BOUNDS {
                        if find(c, near, ns, w).is_some() {
                            return qual_op(w);
                        }
                    }
                }
                // 预计/力争 inside a clause cover that clause (and elided continuations).
                let clause_yuji = any_in(&yuji, cs, ns);
                let lizheng = any_in(&lizheng, cs, ns);
                if yuji_sentence || clause_yuji || lizheng {
                    Op::About
                } else if inherited.is_some() && prev_scoped {
                    // 居民人均可支配收入预计4.6万元，增长10%: 预计 covers the continuation.
                    Op::About
                } else {
                    Op::Exactly
                }
            });
            let scoped = cand.op_post.is_none() && op == Op::About;

            figs.push(Fig {
                cand: cand.clone(),
                ind,
                ind_start: ind_range.0,
                ind_end: ind_range.1,
                span_start,
                span_end,
                measure,
                direction: dir,
                op,
                scoped,
                number_first,
                thing,
            });

            // X和Y均增长10%: one figure per name.
            if fenbie.is_none()
                && let Some(q) = rfind_top(doc, seg, ns, "均")
                && q > seg
                && !matches!(c[q - 1], '人' | '平')
                && strip(c, q + 1, ns).0 >= strip(c, q + 1, ns).1
            {
                let (xa, xb) = strip(c, seg, q);
                let items = split_items(c, xa, xb, JUN_LIST_SEPS);
                if items.len() >= 2 && items.iter().all(|&(x, y)| y > x + 1) {
                    let base = figs.pop().expect("just pushed");
                    for &(x, y) in &items {
                        let (x, y) = strip(c, x, y);
                        let mut f = base.clone();
                        f.ind = doc.squeeze(x, y);
                        f.ind_start = x;
                        f.ind_end = y;
                        f.span_start = x;
                        figs.push(f);
                    }
                    k += 1;
                    continue;
                }
            }

            // 分别 lists: resolve the group of figures following 分别 in this clause.
            if let Some(fp) = fenbie {
                let first_in_group = figs.len() - 1;
                let mut group = vec![k];
                let mut j = k + 1;
                while j < cands.len() {
                    let between_ok = (cands[j - 1].end..cands[j].num_start)
                        .all(|q| matches!(c[q], '、' | '和' | '与' | '及' | ' ' | ',' | '，'))
                        && !(cands[j - 1].end..cands[j].num_start)
                            .any(|q| matches!(c[q], '，' | ','));
                    if !between_ok {
                        break;
                    }
                    group.push(j);
                    j += 1;
                }
                // The names before 分别.
                let (xa, xb) = strip(c, cs, fp);
                let mut names: Vec<crate::Text<'a>> = Vec::new();
                let mut names_start = xa;
                if xb > xa {
                    let mut items = split_items(c, xa, xb, FENBIE_SEPS);
                    // 城、乡居民收入: a pair written apart is the pair.
                    let whole = doc.squeeze(xa, xb);
                    let apart = PAIRS_APART
                        .iter()
                        .find(|(w, _)| whole.starts_with(w))
                        .map(|&(w, joined)| whole.replacen(w, joined, 1));
                    if apart.is_some() {
                        items.truncate(1);
                    }
                    if items.len() == 1 {
                        let t: crate::Text<'a> = apart.map(Into::into).unwrap_or(whole);
                        if let Some(w) = SECTOR_GROUPS.iter().find(|w| t.contains(*w)) {
                            names = SECTORS.iter().map(|p| t.replacen(w, p, 1).into()).collect();
                        } else if let Some((w, p1, p2)) =
                            PAIRS.iter().find(|(w, _, _)| t.contains(w))
                        {
                            names = vec![t.replacen(w, p1, 1).into(), t.replacen(w, p2, 1).into()];
                        } else {
                            names = vec![t];
                        }
                    } else {
                        names = items
                            .iter()
                            .map(|&(x, y)| {
                                let (x, y) = strip(c, x, y);
                                doc.squeeze(x, y)
                            })
                            .collect();
                        // 城镇、农村居民收入: a half of a pair takes the rest of the other's name.
                        if let Some(last) = names.last().cloned() {
                            for name in names.iter_mut() {
                                if let Some(rest) = PAIRS.iter().find_map(|&(_, p1, p2)| {
                                    let other = if &**name == p1 {
                                        p2
                                    } else if &**name == p2 {
                                        p1
                                    } else {
                                        return None;
                                    };
                                    last.strip_prefix(other).filter(|r| !r.is_empty())
                                }) {
                                    *name = format!("{name}{rest}").into();
                                }
                            }
                        }
                    }
                } else if let Some((ns_, st_)) = &fenbie_items {
                    names = ns_.clone();
                    names_start = *st_;
                }
                if !names.is_empty() {
                    fenbie_items = Some((names.clone(), names_start));
                }
                let head = figs[first_in_group].clone();
                let last_op = cands[group[group.len() - 1]].op_post;
                for (gi, &cj) in group.iter().enumerate() {
                    let fig = if gi == 0 {
                        figs.pop().unwrap_or(head.clone())
                    } else {
                        let cd = cands[cj].clone();
                        Fig {
                            span_end: cd.end,
                            cand: cd,
                            ..head.clone()
                        }
                    };
                    let mut fig = fig;
                    if names.len() == group.len() {
                        fig.ind = names[gi].clone();
                        fig.span_start = names_start.min(fig.cand.num_start);
                    }
                    fig.op = fig.cand.op_post.or(last_op).unwrap_or(head.op);
                    if fig.cand.percent != head.cand.percent {
                        fig.measure = if fig.cand.percent {
                            Measure::Share
                        } else {
                            Measure::Level
                        };
                        fig.direction = None;
                    }
                    figs.push(fig);
                }
                k = j;
                continue;
            }
            k += 1;
        }

        for i in 0..figs.len() {
            if figs[i].ind.is_empty()
                && let Some(next) = figs.get(i + 1)
                && next.cand.num_start == figs[i].cand.end
                && let Some((ps, pe)) = next.cand.post
            {
                figs[i].ind = doc.squeeze(ps, pe);
            }
            // 4个省级、12个市级美丽乡村示范村: the first level shares the noun of the last.
            if let Some(lv) = LEVELS.iter().find(|l| &*figs[i].ind == **l)
                && let Some(next) = figs.get(i + 1)
                && let Some(l2) = LEVELS.iter().find(|l| next.ind.starts_with(**l))
                && next.ind.len() > l2.len()
            {
                let name = format!("{lv}{}", &next.ind[l2.len()..]);
                figs[i].ind = name.into();
            }
        }
        for f in figs.drain(..) {
            // A span reaches back to its indicator, but never further than a long clause
            // (chains of elided figures would otherwise grow quadratically).
            let from = f
                .span_start
                .min(f.cand.num_start)
                .max(f.cand.num_start.saturating_sub(MAX_SPAN_BACK));
            let (s0, e0) = trim_span(
                c,
                from,
                f.span_end
                    .min(f.cand.end.max(f.cand.num_start) + MAX_CLAUSE),
            );
            let _ = f.number_first;
            let section = loc.section_at(f.cand.num_start);
            out.push(Figure {
                kind,
                span: doc.slice(s0, e0),
                indicator: f.ind,
                value: clean(f.cand.value),
                value_max: f.cand.value_max.map(clean),
                unit: f.cand.unit,
                measure: f.measure,
                op: f.op,
                direction: if f.measure == Measure::Growth {
                    f.direction
                } else {
                    None
                },
                year,
                start: s0,
                end: e0,
                section,
            });
        }
    }
    out.shrink_to_fit();
    out
}

/// Whether a two-char word recorded at one of `v` lies wholly inside `s..e`.
fn any_in(v: &[usize], s: usize, e: usize) -> bool {
    first_in(v, s, e).is_some()
}

fn first_in(v: &[usize], s: usize, e: usize) -> Option<usize> {
    let k = v.partition_point(|&q| q < s);
    v.get(k).copied().filter(|&q| q + 2 <= e)
}

/// Rounds away float noise so that 0.1+0.2-style artefacts never reach the output.
fn clean(v: f64) -> f64 {
    if !v.is_finite() {
        return 0.0;
    }
    let r = (v * 1e6).round() / 1e6;
    if (r - v).abs() < 1e-9 * v.abs().max(1.0) {
        r
    } else {
        v
    }
}

fn trim_span(c: &[char], mut s: usize, mut e: usize) -> (usize, usize) {
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

fn strip_punct(c: &[char], mut s: usize, e: usize) -> (usize, usize) {
    while s < e
        && (c[s].is_whitespace()
            || matches!(
                c[s],
                '，' | ',' | '、' | '；' | ';' | '：' | ':' | '●' | '◆' | '■' | '•'
            ))
    {
        s += 1;
    }
    (s, e)
}

/// Drops generic tails from a noun read after a number (…治理项目 → …治理).
fn trim_suffix(c: &[char], s: usize, e: usize) -> (usize, usize) {
    for w in GENERIC_TAILS {
        let l = w.chars().count();
        if ends_with(c, s, e, w) && e - l >= s + 5 {
            return (s, e - l);
        }
    }
    (s, e)
}

/// The first `pat` in `s..e` outside quotes.
fn find_top(doc: &Doc<'_>, s: usize, e: usize, pat: &str) -> Option<usize> {
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
fn rfind_top(doc: &Doc<'_>, s: usize, e: usize, pat: &str) -> Option<usize> {
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
fn word_starts(w: &Words, c: &[char], s: usize, e: usize) -> impl Iterator<Item = usize> {
    let c = &c[..e.min(c.len())];
    (s..c.len()).filter(move |&k| w.longest_at(c, k).is_some())
}

fn cue_kind(doc: &Doc<'_>, st: &Structure<'_>, ss: usize, se: usize) -> Option<FigureKind> {
    let c = &doc.c;
    let mut i = doc.next_of(ss, se, class::NUM);
    while i < se {
        if (c[i].is_ascii_digit() || numeral::cn_digit(c[i]).is_some())
            && let Some((y, e)) = year_at(c, i)
        {
            if !c
                .get(e)
                .is_some_and(|&ch| ch.is_ascii_digit() || numeral::cn_digit(ch).is_some())
                && let Some(p) = st.plan_year
            {
                if y < p {
                    return Some(FigureKind::Actual);
                }
                return Some(FigureKind::Target);
            }
            i = doc.next_of(e, se, class::NUM);
            continue;
        }
        i = doc.next_of(i + 1, se, class::NUM);
    }
    if word_starts(&W_TARGET, c, ss, se).next().is_some() {
        return Some(FigureKind::Target);
    }
    if word_starts(&W_ACTUAL, c, ss, se).next().is_some() {
        return Some(FigureKind::Actual);
    }
    None
}

/// The kind assumed for the opening of a text that names none of its parts: a press piece
/// about results reads as actuals, a list of commitments as targets.
fn default_kind(doc: &Doc<'_>, st: &Structure<'_>) -> FigureKind {
    if st.parts.iter().any(|p| p.kind != PartKind::Preamble) {
        return FigureKind::Target;
    }
    let c = &doc.c;
    let n = c.len().min(20_000);
    // Each list's words start with different chars, so counting the positions where one
    // starts counts every occurrence of every word.
    let past = word_starts(&W_PAST, c, 0, n).count();
    let future = word_starts(&W_FUTURE, c, 0, n).count();
    if past > future {
        FigureKind::Actual
    } else {
        FigureKind::Target
    }
}

fn sentence_kind(
    doc: &Doc<'_>,
    st: &Structure<'_>,
    loc: &mut Locator<'_>,
    ss: usize,
    se: usize,
    carry: &mut FigureKind,
) -> FigureKind {
    match loc.part_at(ss) {
        PartKind::Review => FigureKind::Actual,
        PartKind::Goals | PartKind::Work | PartKind::SelfBuilding => FigureKind::Target,
        PartKind::Preamble => {
            if let Some(k) = cue_kind(doc, st, ss, se) {
                *carry = k;
            }
            *carry
        }
    }
}

/// A fraction (1/6, 三分之一) as the labels store it: a decimal rounded to 4 places.
fn fraction_cand(num_start: usize, end: usize, ratio: f64) -> Cand {
    Cand {
        num_start,
        end,
        value: (ratio * 10000.0).round() / 10000.0,
        value_max: None,
        unit: "fraction".into(),
        percent: true,
        currency: false,
        op_post: None,
        post: None,
        part: None,
    }
}

#[cfg(test)]
mod tests {
    use crate::{Measure, Op, parse};

    fn figs(s: &str) -> Vec<(f64, String, Measure, Op, String)> {
        parse(s)
            .figures
            .into_iter()
            .map(|f| {
                (
                    f.value,
                    f.unit.into_owned(),
                    f.measure,
                    f.op,
                    f.indicator.into_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn growth_and_level() {
        let f = figs("全年实现粮食产量88.5万吨，同比增长2.1%。");
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].0, 885000.0);
        assert_eq!(f[0].1, "吨");
        assert_eq!(f[1].2, Measure::Growth);
        assert_eq!(f[1].4, "粮食产量");
    }

    #[test]
    fn currency_keeps_multiplier() {
        let f = figs("实现税收收入12.6亿元，引进资金3500余万元。");
        assert_eq!((f[0].0, f[0].1.as_str()), (12.6, "亿元"));
        assert_eq!(
            (f[1].0, f[1].1.as_str(), f[1].3),
            (3500.0, "万元", Op::AtLeast)
        );
    }

    #[test]
    fn qualifiers() {
        let f = figs("今年新增就业岗位八千个以上，失业率控制在4%以内，物价涨幅3%左右。");
        assert_eq!((f[0].0, f[0].3), (8000.0, Op::AtLeast));
        assert_eq!((f[1].0, f[1].2, f[1].3), (4.0, Measure::Share, Op::AtMost));
        assert_eq!((f[2].2, f[2].3), (Measure::Growth, Op::About));
    }

    #[test]
    fn skips_dates_ordinals_and_quotes() {
        assert!(figs("2023年3月5日，第十二届会议在“12345”平台召开，连续5年排名第2位。").is_empty());
    }

    #[test]
    fn fenbie_lists() {
        let f = figs("城乡居民收入分别增长5.1%、6.3%以上。");
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].4, "城镇居民收入");
        assert_eq!(f[1].4, "农村居民收入");
        assert!(
            f.iter()
                .all(|x| x.3 == Op::AtLeast && x.2 == Measure::Growth)
        );
    }

    #[test]
    fn ranges_and_fractions() {
        let p = parse("办理时限压缩3至5个工作日，占全省三分之一。");
        assert_eq!(p.figures[0].value_max, Some(5.0));
        assert_eq!(p.figures[1].unit, "fraction");
        assert_eq!(p.figures[1].value, 0.3333);
    }

    #[test]
    fn lizheng_covers_its_clause_only() {
        let f = figs("今年目标：外贸总额力争增长6%，新增就业3000人。");
        assert_eq!(f[0].3, Op::About);
        assert_eq!(f[1].3, Op::Exactly);
    }

    #[test]
    fn jun_lists_give_one_figure_per_name() {
        let f = figs("城镇居民收入和农民收入均增长6%左右。");
        assert_eq!(f.len(), 2);
        assert_eq!(f[1].4, "农民收入");
        assert!(f.iter().all(|x| x.2 == Measure::Growth && x.3 == Op::About));
    }

    #[test]
    fn traditional_script_is_read() {
        let f = figs("新增停車位500個以上，糧食產量1.3萬億斤。");
        assert_eq!(
            (f[0].0, f[0].1.as_str(), f[0].3),
            (500.0, "个", Op::AtLeast)
        );
        assert_eq!((f[1].0, f[1].1.as_str()), (1.3e12, "斤"));
    }

    #[test]
    fn skips_names_ranks_and_attributes() {
        let f = figs(
            "建设总投资5亿元的物流园项目，年产10万吨饲料，在全市12个县中排名第一，残疾人两项补贴800万元。",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, 800.0);
    }

    #[test]
    fn list_restatements_are_skipped() {
        assert!(
            figs("推动电子信息、装备制造、生物医药三大产业和物流、文旅两个板块发展。").is_empty()
        );
        assert_eq!(figs("培育龙头企业、专精特新企业等3家。").len(), 1);
    }

    #[test]
    fn class_sizes_and_policy_packages_are_skipped() {
        assert!(
            figs("改造30户以上传统村寨，落实稳增长15条，建设总投资9亿元的抽水蓄能电站。")
                .is_empty()
        );
        let f = figs("全市八大类36项民生实事全部完成，新建3人制篮球场6个。");
        assert_eq!(f.len(), 3, "{f:?}");
        assert_eq!(
            (f[0].0, f[0].1.as_str(), f[0].4.as_str()),
            (8.0, "大类", "民生实事")
        );
        assert_eq!((f[1].0, f[1].4.as_str()), (36.0, "民生实事"));
        assert_eq!(f[2].0, 6.0);
    }

    #[test]
    fn tense_word_lists_start_with_different_chars() {
        // default_kind counts start positions; that counts each word only if no two words
        // of a list share a first char.
        for list in [super::PAST_WORDS, super::FUTURE_WORDS] {
            let mut firsts: Vec<char> = list.iter().filter_map(|w| w.chars().next()).collect();
            firsts.sort_unstable();
            firsts.dedup();
            assert_eq!(firsts.len(), list.len());
        }
    }
}
