//! The phrase that names a number: the words before it (`城镇新增就业3760人`), the noun after it
//! when nothing before names it (`新建口袋公园7个` / `建设7个口袋公园`), or the previous clause
//! when the name is elided (`…，增长6.6%`).

use super::*;

/// Where a number's name and span lie, before the name's text is rewritten.
pub(super) struct Phrase<'a> {
    /// The name's chars in the text.
    pub(super) ind_range: (usize, usize),
    /// A name built from several places (完成改造的老旧小区), when the range alone is not it.
    pub(super) named: Option<crate::Text<'a>>,
    /// The counted thing, unshortened.
    pub(super) thing: (usize, usize),
    /// Measure, direction and percent of the figure this one continues (增长6.5%以上，力争7%).
    pub(super) inherited: Option<(Measure, Option<Direction>, bool)>,
    pub(super) span_start: usize,
    pub(super) span_end: usize,
}

/// The words before a number that may name it.
struct Before {
    range: (usize, usize),
    /// A phrase ending in 等 or a conjunction is a list head (泉林路等6条道路).
    list_head: bool,
    /// A noun right after the unit may name the count.
    post_noun: bool,
    /// The noun after the count is a commitment (15件民生实事).
    commitment: bool,
    /// The verb before the count, kept for the name (帮助360名…实现就业 → 帮助…).
    verb: Option<(usize, usize)>,
    /// A subject, the verb after it and where the attribute after the verb starts
    /// (钒钛产业实现产值 → 钒钛产业产值).
    subject: Option<(usize, usize, usize)>,
}

/// Finds the phrase naming `cand`, whose clause starts at `cs` and phrase at `seg`.
pub(super) fn phrase<'a>(
    sent: &Sentence<'_, 'a>,
    cand: &Cand,
    figs: &[Fig<'a>],
    cs: usize,
    seg: usize,
) -> Phrase<'a> {
    let doc = sent.doc;
    let ns = cand.num_start;
    let mut before = words_before(doc, cand, seg);
    let (a, b) = before.range;
    let mut ph = Phrase {
        ind_range: (a, b),
        named: None,
        thing: (a, b),
        inherited: None,
        span_start: if b > a { a } else { ns },
        span_end: cand.end,
    };
    if b <= a {
        name_elsewhere(sent, cand, figs, cs, seg, &mut before, &mut ph);
    }
    drop_ordinal(doc, &mut ph.ind_range);
    if ph.named.is_none()
        && let Some((ss, vs, at_)) = before.subject
        && ph.ind_range == (a, b)
    {
        let (x, y) = strip(&doc.c, ss, vs);
        if y > x {
            ph.named = Some(format!("{}{}", doc.squeeze(x, y), doc.squeeze(at_, b)).into());
        }
    }
    if ph.named.is_none() {
        ph.named = modifier_with_noun(doc, cand, &before, ph.ind_range)
            .or_else(|| thing_after_measure_word(doc, cand, ph.ind_range));
    }
    ph
}

/// The words before the number, shorn of verbs, subjects and list heads (推进省市亿元以上重点
/// 项目73个 → 省市亿元以上重点项目).
fn words_before(doc: &Doc<'_>, cand: &Cand, seg: usize) -> Before {
    let c = &doc.c;
    let ns = cand.num_start;
    let list_head = LIST_HEAD_ENDS.iter().any(|w| ends_with(c, seg, ns, w)) && cand.post.is_some();
    let (mut a, mut b) = if list_head {
        (ns, ns)
    } else {
        strip(c, seg, ns)
    };
    // A phrase ending in a verb (…将接续办好15件重点民生实事) names nothing: the noun after the
    // number does.
    let post_noun = !cand.currency
        && !cand.percent
        && cand.post.is_some_and(|(ps, pe)| pe > ps && ps == cand.end);
    let commitment = cand
        .post
        .is_some_and(|(ps, pe)| find(c, ps, pe, "实事").is_some());
    let mut verb: Option<(usize, usize)> = None;
    // The raw phrase before the number: strip() may have taken a verb (实现) or a 的 away from
    // its end.
    let raw_end_verb = W_VERB_END.longest_ending(c, seg, ns).filter(|&l| l >= 2);
    // 对纳入名录的全省35家企业…: a place word after the 的 (全省, 我市) qualifies the count
    // with it, and the modifier is still the counted noun's.
    let place = W_SCOPE_PLACE
        .longest_ending(c, seg, ns)
        .filter(|&l| ns - l > seg + 1)
        .unwrap_or(0);
    let raw_de = ns > seg + place && c[ns - place - 1] == '的';
    if b > a && post_noun {
        let vl = W_VERB_END.longest_ending(c, a, b);
        let time_only = W_TIME_WORD.longest_at(c, a) == Some(b - a);
        if commitment || vl.is_some() || raw_de || time_only || raw_end_verb.is_some() && b < ns {
            if let Some(l) = vl.filter(|_| !commitment) {
                verb = Some((b - l, b));
            }
            // 推动116个重点项目加快建设 → 加快建设的重点项目: light verbs say nothing.
            if verb.is_some_and(|(vs, ve)| W_LIGHT_VERB.longest_at(c, vs) == Some(ve - vs)) {
                verb = None;
            }
            (a, b) = (ns, ns);
        }
    }
    if let Some(dpos) = find_list_deng(doc, a, b) {
        let (x, y) = strip(c, dpos + 1, b);
        if y > x + 1 {
            (a, b) = (x, y);
        } else {
            let ls = rfind_top(doc, a, dpos, "、").map(|q| q + 1).unwrap_or(a);
            (a, b) = strip(c, ls, dpos);
        }
    } else if let Some(q) = rfind_top(doc, a, b, "、") {
        // 培育具有示范作用的数字车间、智能工厂3家: a modifier with 的 before a list of nouns
        // is not part of the name.
        if let Some(d) = (a..q).rev().find(|&k| c[k] == '的')
            && find_top(doc, d, b, "、") == Some(q)
            && q > d + 2
        {
            a = d + 1;
        }
        // A short list of nouns is one name (办理人大代表建议、政协委员提案71件); a longer
        // phrase is a list of clauses, and the last one names the figure.
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
    let mut subject = None;
    let a2 = if b > a + 2 {
        after_mid_verb(c, a, b)
    } else {
        a
    };
    if a2 > a {
        // 钒钛产业实现产值120亿元: an attribute alone after the verb is the subject's
        // (钒钛产业产值; 重点项目完成投资 keeps 完成, which is part of the attribute).
        let vs = (a..a2).rev().find(|&q| {
            W_MID_VERB
                .word_at(c, q)
                .is_some_and(|v| q + v.chars().count() == a2)
        });
        // The subject without time words and scope words (年内力争实现产值… has none).
        let (mut x, mut y) = strip(c, a, vs.unwrap_or(a));
        while let Some(l) = W_TIME_WORD.longest_at(c, x).filter(|&l| x + l <= y) {
            (x, y) = strip(c, x + l, y);
        }
        if let Some(vs) = vs
            && y >= x + 2
        {
            if W_ATTRIBUTE.longest_at(c, vs) == Some(b - vs) {
                subject = Some((a, vs, vs));
            } else if W_ATTRIBUTE.longest_at(c, a2) == Some(b - a2) {
                subject = Some((a, vs, a2));
            } else if b - a2 <= 2 && !c[x..y].iter().any(char::is_ascii_digit) {
                // 林场实现造林4000亩 → 林场造林: a word this short names nothing without its
                // subject; an outcome verb keeps 实现 (失业人员实现就业 → 失业人员实现就业).
                // So does a measure made with the verb (净增目标完成比例).
                let outcome = W_OUTCOME.longest_at(c, a2) == Some(b - a2)
                    || SHARED_TAILS.iter().any(|t| ends_with(c, a2, b, t));
                subject = Some((a, vs, if outcome { vs } else { a2 }));
            }
        }
        if subject.is_none() {
            a = a2;
        }
    }
    Before {
        range: (a, b),
        list_head,
        post_noun,
        commitment,
        verb,
        subject,
    }
}

/// Where the name starts after a verb inside `a..b` (为未成年人提供…服务 → …服务): the first
/// verb of the list whose last occurrence leaves a name of two chars or more wins.
fn after_mid_verb(c: &[char], a: usize, b: usize) -> usize {
    // The last occurrence of each verb, found in one pass.
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
                return after;
            }
        }
    }
    a
}

/// Nothing before the number in its phrase names it: the noun after it does (建设7个口袋公园),
/// or the previous figure of the clause (增长6.5%以上，力争7%), or the previous clause.
fn name_elsewhere<'a>(
    sent: &Sentence<'_, 'a>,
    cand: &Cand,
    figs: &[Fig<'a>],
    cs: usize,
    seg: usize,
    before: &mut Before,
    ph: &mut Phrase<'a>,
) {
    let doc = sent.doc;
    let c = &doc.c;
    let (ss, se) = (sent.ss, sent.se);
    let ns = cand.num_start;
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
    if before.verb.is_none() {
        let vs = past_time_and_adverbs(c, strip_punct(c, seg, ns).0, ns);
        if W_VERB_END.longest_ending(c, vs, ns) == Some(ns - vs)
            && ns > vs
            && W_LIGHT_VERB.longest_at(c, vs) != Some(ns - vs)
        {
            before.verb = Some((vs, ns));
        }
    }
    if let (true, Some((ps, mut pe))) = (post_ok, cand.post) {
        let verb_in = |w: &Words| {
            before
                .verb
                .is_some_and(|(vs, ve)| w.longest_at(c, vs) == Some(ve - vs))
        };
        // 为, 为全县: the preposition opens the verb.
        let benefactive = before
            .verb
            .is_some_and(|(vs, _)| W_BENEFACTIVE.longest_at(c, vs).is_some());
        let causative = benefactive || verb_in(&W_CAUSATIVE);
        // 帮助180户脱贫户销售土特产: after a causative verb the people end where a person
        // noun ends, and what they do follows.
        if causative
            && let Some(k) = (ps + 2..pe.saturating_sub(1)).find(|&k| {
                let person = |k| {
                    W_POPULATION_END.longest_ending(c, ps, k).is_some()
                        || W_PERSON.longest_ending(c, ps, k).is_some()
                };
                // The longest person noun (农民工, not 农民).
                person(k) && !person(k + 1) && predicate_after(c, k, se, true).is_some()
            })
        {
            pe = k;
        }
        // Commitments (10件民生实事) and nouns with their own 的 keep their name; a relative
        // clause with 的 (10个有条件的县发展成为…) is dropped and the noun after it takes the
        // predicate.
        let noun_start = if W_RELATIVE_LEAD.longest_at(c, ps).is_some() {
            modified_noun(c, ps, pe)
        } else {
            ps
        };
        let pred = predicate_after(c, pe, se, causative)
            .filter(|_| !before.commitment && !c[noun_start..pe].contains(&'的'));
        let (ps2, pe2) = if pred.is_some() {
            (noun_start, pe)
        } else {
            trim_suffix(c, modified_noun(c, ps, pe), pe)
        };
        ph.ind_range = (ps2, pe2);
        ph.thing = (ps, pe);
        ph.named = if benefactive {
            // 为200万中小学生开展心理健康测评 → 中小学生心理健康测评: the people and what
            // they receive, without the verb.
            pred.map(|(qs, qe)| {
                let qs = W_MID_VERB
                    .word_at(c, qs)
                    .map_or(qs, |v| qs + v.chars().count());
                format!("{}{}", doc.squeeze(ps2, pe2), doc.squeeze(qs, qe)).into()
            })
        } else {
            action_name(doc, before.verb, pred, (ps2, pe2)).or_else(|| {
                let verb = before
                    .verb
                    .or_else(|| clause_verb(c, strip_punct(c, seg, ns).0, ns));
                let counted = THING_COUNTERS.contains(&&*cand.unit);
                object_action_name(doc, verb, (ps, pe), counted)
            })
        };
        ph.span_end = ph.span_end.max(pe);
        let (vs, _) = strip_punct(c, seg, ns);
        ph.span_start = vs.min(ns);
    } else if let Some(prev) = prev_near {
        ph.ind_range = (prev.ind_start, prev.ind_end);
        // 新增市场主体3200户，累计达到2.6万户: a running total is of all the things, not the
        // new ones.
        let stock = W_STOCK_LEAD
            .longest_at(c, strip_punct(c, seg, ns).0)
            .is_some();
        ph.named = Some(if stock && !prev.cand.percent && !cand.percent {
            without_flow_lead(&prev.ind).to_string().into()
        } else {
            prev.ind.clone()
        });
        ph.span_start = prev.span_start.min(ns);
        ph.inherited = Some((prev.measure, prev.direction, prev.cand.percent));
    } else if cs > ss + 1 {
        // Elided: the previous clause of the sentence names it.
        let (x, y) = strip(c, ps, cs - 1);
        if y > x {
            ph.ind_range = (x, y);
            ph.span_start = x;
        }
    }
}

/// 打造2个功能齐全的体育公园: a modifier with 的 after a count is not part of the name; the
/// noun after 的 starts it. A possessor (3个村的文化广场, 5名学生的家长) stays.
fn modified_noun(c: &[char], ps: usize, pe: usize) -> usize {
    let Some(d) = (ps + 2..pe.saturating_sub(2)).rev().find(|&q| c[q] == '的') else {
        return ps;
    };
    let possessor = W_ENTITY.longest_ending(c, ps, d).is_some()
        || W_POPULATION_END.longest_ending(c, ps, d).is_some()
        || W_PERSON.longest_ending(c, ps, d).is_some();
    if possessor { ps } else { d + 1 }
}

/// Ordinal qualifiers inside the name (广东第二个…, 第三批…) are not part of it.
fn drop_ordinal(doc: &Doc<'_>, range: &mut (usize, usize)) {
    let c = &doc.c;
    if let Some(q) = find_top(doc, range.0, range.1, "第") {
        let mut e = q + 1;
        while e < range.1 && (numeral::is_cn_numeral(c[e]) || c[e].is_ascii_digit()) {
            e += 1;
        }
        if e > q + 1
            && e < range.1
            && matches!(c[e], '个' | '批' | '家' | '届' | '次')
            && range.1 >= e + 3
        {
            range.0 = e + 1;
        }
    }
}

/// Where the words from `vs` start after time words and adverbs (去年完成…, 免费为…), which say
/// nothing about the thing; never at or past `to`.
fn past_time_and_adverbs(c: &[char], mut vs: usize, to: usize) -> usize {
    while let Some(l) = W_TIME_WORD
        .longest_at(c, vs)
        .or_else(|| W_PRE_VERB.longest_at(c, vs))
        .filter(|&l| vs + l < to)
    {
        vs += l;
    }
    vs
}

/// The verb opening the clause of a count with no verb right before it (加快实施甲河、乙河等
/// 3条…): what is done to the counted things. A time word or adverb before it is passed over (有序启动,
/// 高标准推进); a light verb gives way to the verb after it (加快实施 → 实施).
fn clause_verb(c: &[char], from: usize, to: usize) -> Option<(usize, usize)> {
    let vs = past_time_and_adverbs(c, from, to);
    let verb_at = |k: usize| {
        W_VERB_END
            .longest_at(c, k)
            .max(W_LIGHT_VERB.longest_at(c, k))
            .filter(|&l| l >= 2 && k + l < to)
    };
    let k = (vs..(vs + 4).min(to)).find(|&k| verb_at(k).is_some())?;
    let l = verb_at(k)?;
    if W_LIGHT_VERB.longest_at(c, k) == Some(l)
        && let Some(l2) = verb_at(k + l)
    {
        return Some((k + l, k + l + l2));
    }
    Some((k, k + l))
}

/// A short verb or modifier (two to five chars) alone before a count joins the noun after it (省定20项民生工程
/// → 省定民生工程, 招标两家环卫企业 → 招标环卫企业).
fn modifier_with_noun<'a>(
    doc: &Doc<'a>,
    cand: &Cand,
    before: &Before,
    (a, b): (usize, usize),
) -> Option<crate::Text<'a>> {
    let c = &doc.c;
    if before.post_noun
        && !before.list_head
        && (2..=5).contains(&(b - a))
        && b <= cand.num_start
        && W_TIME_WORD.longest_at(c, a).is_none()
        && let Some((ps, pe)) = cand.post
        && !matches!(c[ps], '并' | '和' | '及' | '与' | '且' | '还')
        // Past two chars the noun must close the clause (由3家增至7家 is no noun).
        && (b == a + 2 || c.get(pe).is_none_or(|&x| is_clause_delim(x)))
        && let ps = modified_noun(c, ps, pe)
        && pe >= ps + 2
        && c[a..b].iter().all(|&x| is_cjk(x))
        && !(ps..pe).any(|q| c[q] == '的')
    {
        // 制定15条河流管理保护方案: things and the work on them are named as such, with the
        // word before the count as the verb (制定管理保护方案的河流).
        let counted = THING_COUNTERS.contains(&&*cand.unit);
        if let Some(name) = object_action_name(doc, Some((a, b)), (ps, pe), counted) {
            return Some(name);
        }
        return Some(format!("{}{}", doc.squeeze(a, b), doc.squeeze(ps, pe)).into());
    }
    None
}

/// 总长7.6公里的博望路大修工程: a measure word names nothing, the thing after 的 does.
fn thing_after_measure_word<'a>(
    doc: &Doc<'a>,
    cand: &Cand,
    (a, b): (usize, usize),
) -> Option<crate::Text<'a>> {
    let c = &doc.c;
    if c.get(cand.end) == Some(&'的')
        && W_MEASURE_WORD.longest_at(c, a) == Some(b - a)
        && let Some((ps, pe)) = cand.post
        && pe >= ps + 2
    {
        let (ps, pe) = trim_suffix(c, ps, pe);
        return Some(doc.squeeze(ps, pe));
    }
    None
}
