//! Candidate numbers: a number with its unit and the qualifiers around it, before its
//! indicator is known (`新增就业3760人以上` → 3760 人, `>=`).

use super::*;

/// Tries to read a figure at `i` (a numeral start). Returns the candidate and how far the
/// scanner may skip.
pub(super) fn read_figure(
    doc: &Doc<'_>,
    i: usize,
    s_start: usize,
    s_end: usize,
) -> (Option<Cand>, usize) {
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
        // 一 alone is inside words (统一, 一批), but 一成 after a change word is a share
        // (增长一成); 一成不变 is a word.
        let one_tenth = at(c, n.end, "成")
            && !at(c, n.end, "成不变")
            && (change_before(c, s_start, i).is_some()
                || W_PRE_QUAL.longest_ending(c, s_start, i).is_some());
        if n.end - i == 1 && c[i] == '一' && !one_tenth {
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
    // A verb before the count makes it one (开展三轮巡察), except for 方 (建立三方联动).
    let governed = || unit != "方" && W_VERB_END.longest_ending(c, s_start, i).is_some();
    if c.get(ue) == Some(&'级')
        || (!c[i].is_ascii_digit() && ARABIC_ONLY.contains(&&*unit) && !governed())
    {
        return none;
    }
    // A Chinese count of an abstract head is rhetoric (三个不动摇, 四项改革).
    if n.chinese
        && !c[i].is_ascii_digit()
        && matches!(&*unit, "个" | "项")
        && W_RHETORIC.longest_at(c, ue).is_some()
    {
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
    let group = currency
        && c.get(end) == Some(&'的')
        && group_noun(c, end + 1, s_end, count_before_money(c, s_start, i)).is_some();
    let q = Qualified {
        unit: &unit,
        percent,
        currency,
        ue,
        end,
        op_post,
        group,
    };
    if defines_class(c, s_end, &q) || attribute_of_one(c, s_start, s_end, i, &q) {
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

/// A fraction (1/6, 三分之一) as the labels store it: a decimal rounded to 4 places.
pub(super) fn fraction_cand(num_start: usize, end: usize, ratio: f64) -> Cand {
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

/// Rounds away float noise so that 0.1+0.2-style artefacts never reach the output.
pub(super) fn clean(v: f64) -> f64 {
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
