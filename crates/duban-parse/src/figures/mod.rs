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

mod candidates;
mod indicator;
mod kind;
mod lists;
mod measure;
mod names;
mod scan;
mod span;
#[cfg(test)]
mod tests;

use candidates::*;
use indicator::*;
use kind::*;
use lists::*;
use measure::*;
use names::*;
use scan::*;
use span::*;

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
    let mut scopes = Scopes::default();
    // Buffers reused across sentences.
    let mut cands: Vec<Cand> = Vec::new();
    let mut figs: Vec<Fig<'a>> = Vec::new();
    let mut loc = st.locator();
    let firms = firm_names(c);
    for (si, s) in st.sentences.iter().enumerate() {
        let (ss, se) = (s.start, s.end.min(n));
        // Pass 1: candidates.
        scan(doc, &mut loc, &firms, (ss, se), &mut scopes, &mut cands);
        let Scopes {
            yuji,
            lizheng,
            fenbies,
            ..
        } = &scopes;
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
        let yuji_sentence = any_in(yuji, ss, first);
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
            let fenbie = first_in(fenbies, cs, ns);

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
                let clause_yuji = any_in(yuji, cs, ns);
                let lizheng = any_in(lizheng, cs, ns);
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
