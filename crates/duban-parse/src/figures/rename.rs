//! Rewrites of a name once its phrase is known: footnotes and set words out, attributes named
//! with the things they belong to (`新签约项目42个、总投资261.2亿元` → 新签约项目总投资), funds with
//! their verb, shares with their population, sectors of a ratio.

use super::*;

/// The text of the figure's name.
pub(super) fn rename<'a>(
    sent: &Sentence<'_, 'a>,
    cand: &Cand,
    figs: &[Fig<'a>],
    ph: &Phrase<'a>,
    seg: usize,
) -> crate::Text<'a> {
    let doc = sent.doc;
    let ind_range = ph.ind_range;
    let mut ind = ph
        .named
        .clone()
        .unwrap_or_else(|| doc.squeeze(ind_range.0, ind_range.1));
    tidy(doc, ind_range, &mut ind);
    if let Some(name) = attribute_of_counted(doc, cand, figs, ind_range, seg) {
        ind = name;
    }
    if let Some(name) = rate_of_counted(doc, cand, figs, ind_range, seg) {
        ind = name;
    }
    if let Some(name) = fund(doc, cand, seg) {
        ind = name;
    }
    if let Some(name) = share_of_population(sent, cand, &ind, ind_range) {
        ind = name;
    }
    if let Some(name) = rate_of_action(sent, cand, &ind, seg) {
        ind = name;
    }
    if let Some(name) = sector_share(doc, cand, sent.ss) {
        ind = name;
    }
    if let Some(name) = group_attribute(sent, cand, ind_range, seg) {
        ind = name;
    }
    if let Some(name) = share_of_previous(doc, cand, figs, &ind, ind_range) {
        ind = name;
    }
    if let Some(name) = count_of_group(sent, cand) {
        ind = name;
    }
    if let Some(name) = event_of_previous(doc, cand, figs, &ind, ind_range) {
        ind = name;
    }
    if let Some(name) = change_of_previous(doc, cand, figs, ind_range) {
        ind = name;
    }
    if let Some(name) = merged(doc, cand, figs, ind_range) {
        ind = name;
    }
    ind
}

/// 12处敬老院整合为3处: a merge verb alone after a count, with 为 before the number, counts
/// the things after the merge (整合后敬老院).
fn merged<'a>(
    doc: &Doc<'a>,
    cand: &Cand,
    figs: &[Fig<'a>],
    (s, e): (usize, usize),
) -> Option<crate::Text<'a>> {
    let c = &doc.c;
    let prev = figs.last()?;
    if W_MERGE_VERB.longest_at(c, s) != Some(e - s)
        || !matches!(c.get(e), Some('为' | '成'))
        || e + 1 != cand.num_start
        || prev.cand.unit != cand.unit
        || prev.thing.1 != s
    {
        return None;
    }
    let (ts, te) = strip(c, prev.thing.0, prev.thing.1);
    (te >= ts + 2).then(|| format!("{}后{}", doc.squeeze(s, e), doc.squeeze(ts, te)).into())
}

/// 规上工业企业达到156家，净增18家: a flow or change word alone, in the clause after a count in
/// the same unit, is the change of those things (净增规上工业企业), not of a total word.
fn change_of_previous<'a>(
    doc: &Doc<'a>,
    cand: &Cand,
    figs: &[Fig<'a>],
    (s, e): (usize, usize),
) -> Option<crate::Text<'a>> {
    let c = &doc.c;
    let prev = figs.last()?;
    let alone = |w: &Words| w.longest_at(c, s) == Some(e - s);
    if cand.percent
        || cand.currency
        || e <= s
        || !(alone(&W_FLOW_LEAD) || alone(&W_UP) || alone(&W_DOWN))
        || prev.cand.percent
        || prev.cand.currency
        || prev.cand.unit != cand.unit
        || prev.cand.end > s
        || !(prev.cand.end..s).all(|k| is_clause_delim(c[k]) || c[k] == ' ')
    {
        return None;
    }
    let (ts, mut te) = strip(c, prev.thing.0, prev.thing.1);
    if let Some(l) = W_STOCK_LEAD
        .longest_ending(c, ts, te)
        .filter(|&l| te >= ts + l + 2)
    {
        te -= l;
    }
    (te >= ts + 2).then(|| format!("{}{}", doc.squeeze(s, e), doc.squeeze(ts, te)).into())
}

/// 发生安全生产事故3起，死亡4人: a word too short to name anything, in the clause after a count
/// of events, says what happened in them (安全生产事故死亡). A part after 其中 is not.
fn event_of_previous<'a>(
    doc: &Doc<'a>,
    cand: &Cand,
    figs: &[Fig<'a>],
    ind: &str,
    (s, e): (usize, usize),
) -> Option<crate::Text<'a>> {
    let c = &doc.c;
    let prev = figs.last()?;
    if cand.percent
        || cand.currency
        || ind.chars().count() != 2
        || e != s + 2
        || prev.cand.percent
        || prev.cand.currency
        || !EVENT_UNITS.contains(&&*prev.cand.unit)
        || prev.cand.end > s
        || !(prev.cand.end..s).all(|k| is_clause_delim(c[k]) || c[k] == ' ')
    {
        return None;
    }
    let (ts, te) = strip(c, prev.thing.0, prev.thing.1);
    (te >= ts + 2).then(|| format!("{}{ind}", doc.squeeze(ts, te)).into())
}

/// 实施32个总投资68亿元的产业项目 (also …等26个、总投资达16亿元的重点项目): the count is of the
/// group named after the money.
fn count_of_group<'a>(sent: &Sentence<'_, 'a>, cand: &Cand) -> Option<crate::Text<'a>> {
    let doc = sent.doc;
    let c = &doc.c;
    if cand.currency || cand.percent {
        return None;
    }
    let mut ps = cand.end;
    if c.get(ps) == Some(&'、') {
        ps += 1;
    }
    let mut pe = ps + W_ATTRIBUTE.longest_at(c, ps)?;
    if c.get(pe).is_some_and(|x| MONEY_LINKS.contains(x)) {
        pe += 1;
    }
    let n = numeral::read(c, pe).filter(|n| n.end < sent.se)?;
    let (_, ue, _, currency, _, _) = read_unit(c, doc, &n, n.end, false)?;
    if !currency || c.get(ue) != Some(&'的') {
        return None;
    }
    let (gs, ge) = group_noun(c, ue + 1, sent.se, true)?;
    Some(doc.squeeze(gs, ge))
}

/// 税收收入8.6亿元，占比70%; 民生支出24亿元，占一般公共预算支出比重达81%: a share with no
/// subject of its own is the share of the figure just given, and named with it.
fn share_of_previous<'a>(
    doc: &Doc<'a>,
    cand: &Cand,
    figs: &[Fig<'a>],
    ind: &str,
    (s, _): (usize, usize),
) -> Option<crate::Text<'a>> {
    let c = &doc.c;
    if !cand.percent || !(ind.starts_with('占') || SHARE_WORDS.contains(&ind)) {
        return None;
    }
    let prev = figs.last()?;
    let gap = s.checked_sub(prev.cand.end)?;
    if gap > 2
        || !(prev.cand.end..s).all(|k| is_clause_delim(c[k]) || c[k] == ' ')
        || prev.ind.is_empty()
        || prev.ind.starts_with('占')
        || prev.cand.percent && prev.measure != Measure::Growth
    {
        return None;
    }
    Some(format!("{}{ind}", prev.ind).into())
}

/// Footnote markers (“四好农村路”[8]建设), set words (各类) and the 的 of 的比重 are not part of a
/// name.
fn tidy(doc: &Doc<'_>, (s, e): (usize, usize), ind: &mut crate::Text<'_>) {
    if ind.contains('[') {
        *ind = drop_footnotes(ind).into();
    }
    for &(short, full) in SHORT_NAMES {
        // A char search first: building a substring searcher for every name costs more than
        // the rest of tidy.
        if let Some(first) = short.chars().next()
            && ind.chars().any(|x| x == first)
            && let Some(q) = ind.find(short)
            && !ind[..q].ends_with(|x| SHORT_NAME_NOT_AFTER.contains(&x))
        {
            *ind = ind.replacen(short, full, 1).into();
        }
    }
    let (has_ge, has_de) = doc.c[s..e.max(s)]
        .iter()
        .fold((false, false), |(g, d), &x| {
            (g || x == '各', d || x == '的')
        });
    if has_ge {
        for w in SET_WORDS {
            if ind.contains(w) && ind.chars().count() > 4 {
                *ind = ind.replace(w, "").into();
            }
        }
    }
    if has_de {
        for (from, to) in [("的比重", "比重"), ("的比例", "比例")] {
            if ind.contains(from) {
                *ind = ind.replace(from, to).into();
            }
        }
    }
}

/// An attribute of the things last counted in the sentence (新签约项目42个、总投资261.2亿元;
/// 项目20个，开工率100%，完成投资9亿元) is named with them: 新签约项目总投资, 项目开工率.
fn attribute_of_counted<'a>(
    doc: &Doc<'a>,
    cand: &Cand,
    figs: &[Fig<'a>],
    ind_range: (usize, usize),
    seg: usize,
) -> Option<crate::Text<'a>> {
    let c = &doc.c;
    let l = W_ATTRIBUTE.longest_ending(c, seg, ind_range.1)?;
    // 年内投资: a time word before the attribute stays with it.
    let time = W_TIME_WORD
        .longest_at(c, ind_range.0)
        .filter(|&t| ind_range.0 + t + l == ind_range.1)
        .unwrap_or(0);
    if ind_range.1 - l > ind_range.0 + time || cand.percent && c[ind_range.1 - 1] != '率' {
        return None;
    }
    // Other attributes (money, rates) may stand between the count and this one.
    let mut counts = figs
        .iter()
        .rev()
        .filter(|f| !f.cand.currency && !f.cand.percent);
    let prev = counts.next().filter(|f| f.thing.1 > f.thing.0 + 1)?;
    // 建议56件，提案52件，办复率100%: a rate after several counts of one kind is of them all,
    // and the last alone does not name it.
    if cand.percent && counts.next().is_some_and(|f| f.cand.unit == prev.cand.unit) {
        return None;
    }
    let (mut ts, mut te) = prev.thing;
    // 总投资X亿元的重点项目 → 重点项目; 储备项目数量 → 储备项目; but a threshold is part of
    // the name (500万元以上项目).
    if let Some(q) = (ts..te)
        .rev()
        .find(|&q| c[q] == '的' || c[q].is_ascii_digit())
        .filter(|&q| c[q] == '的' || find(c, q, te, "以上").is_none())
    {
        ts = q + 1;
    }
    // 17个重点项目建设，年内投资…: the investment is of the projects, not of their building.
    if let Some(l) = W_WORK_END.longest_ending(c, ts, te)
        && W_WORK_TAIL.longest_ending(c, ts, te - l).is_some()
    {
        te -= l;
    }
    for w in COUNT_WORDS {
        if ends_with(c, ts, te, w) && te - w.chars().count() >= ts + 2 {
            te -= w.chars().count();
            break;
        }
    }
    // 规上工业企业净增9家，总数… → 规上工业企业总数: the change word is not the things.
    if let Some(l) = W_UP.longest_ending(c, ts, te).filter(|&l| te - l >= ts + 2) {
        te -= l;
        if te > ts + 2 && matches!(c[te - 1], '净' | '新') {
            te -= 1;
        }
    }
    let attr_start = ind_range.1 - l;
    // 新增高新技术企业5家，总数达到28家: the total is of all such firms, not the new ones.
    if W_STOCK.longest_at(c, attr_start) == Some(l)
        && let Some(nl) = W_FLOW_LEAD
            .longest_at(c, ts)
            .filter(|&nl| te >= ts + nl + 2)
    {
        ts += nl;
    }
    (te >= ts + 2).then(|| {
        let attr = doc.squeeze(attr_start - time, ind_range.1);
        format!("{}{}", doc.squeeze(ts, te), attr).into()
    })
}

/// 23个乡镇污水处理率达到95%: a rate written right after the things just counted is theirs
/// (乡镇污水处理率).
fn rate_of_counted<'a>(
    doc: &Doc<'a>,
    cand: &Cand,
    figs: &[Fig<'a>],
    (s, e): (usize, usize),
    seg: usize,
) -> Option<crate::Text<'a>> {
    let c = &doc.c;
    let prev = figs.last()?;
    if !cand.percent
        || s != seg
        || e < s + 3
        || c[e - 1] != '率'
        || prev.cand.percent
        || prev.cand.currency
        || prev.cand.post.map(|(_, pe)| pe) != Some(seg)
        || prev.thing.1 != seg
        || seg < prev.thing.0 + 2
    {
        return None;
    }
    Some(format!("{}{}", doc.squeeze(prev.thing.0, seg), doc.squeeze(s, e)).into())
}

/// 拨付1600万元就业补助资金: money named by the fund after it and the verb before.
fn fund<'a>(doc: &Doc<'a>, cand: &Cand, seg: usize) -> Option<crate::Text<'a>> {
    let c = &doc.c;
    let ns = cand.num_start;
    if cand.currency
        && let Some((ps, pe)) = cand.post
        && ps == cand.end
        && W_FUND_END.longest_ending(c, ps, pe).is_some()
        && let Some(l) = W_FUND_VERB.longest_ending(c, seg, ns)
    {
        return Some(format!("{}{}", doc.squeeze(ns - l, ns), doc.squeeze(ps, pe)).into());
    }
    None
}

/// 推动60%以上的县级机构达标: the share of the things after 的, not the verb.
fn share_of_population<'a>(
    sent: &Sentence<'_, 'a>,
    cand: &Cand,
    ind: &str,
    ind_range: (usize, usize),
) -> Option<crate::Text<'a>> {
    let doc = sent.doc;
    let c = &doc.c;
    if cand.percent
        && c.get(cand.end) == Some(&'的')
        && let Some((ps, pe)) = cand.post
        && pe >= ps + 2
        && (ind.chars().count() <= 2
            || W_VERB_END.longest_ending(c, ind_range.0, ind_range.1)
                == Some(ind_range.1 - ind_range.0))
    {
        let lim = (ps + 24).min(sent.se);
        let e = (ps..lim)
            .find(|&k| is_clause_delim(c[k]))
            .unwrap_or(pe.max(lim));
        return Some(format!("{}比例", doc.squeeze(ps, e.max(pe))).into());
    }
    None
}

/// 确保生活垃圾100%无害化处理: a share followed by the action it measures, closing the clause,
/// is the rate of that action (生活垃圾无害化处理率); a name that is a rate already keeps it.
fn rate_of_action<'a>(
    sent: &Sentence<'_, 'a>,
    cand: &Cand,
    ind: &str,
    seg: usize,
) -> Option<crate::Text<'a>> {
    let doc = sent.doc;
    let c = &doc.c;
    let (ps, pe) = cand.post?;
    if !cand.percent
        || cand.unit != "%"
        || ps != cand.end
        || !(2..=6).contains(&(pe - ps))
        || pe < sent.se && !is_clause_delim(c[pe])
        || ind.ends_with(['率', '比', '重', '例'])
        || ind.contains('占')
        || change_before(c, seg, cand.num_start).is_some()
    {
        return None;
    }
    let action = doc.squeeze(ps, pe);
    let subject = if *ind == *action { "" } else { ind };
    Some(format!("{subject}{action}率").into())
}

/// A part of a ratio of the three sectors is that sector's share.
fn sector_share<'a>(doc: &Doc<'a>, cand: &Cand, ss: usize) -> Option<crate::Text<'a>> {
    let c = &doc.c;
    let ns = cand.num_start;
    let k = cand.part?;
    if (ns.saturating_sub(48).max(ss)..ns).any(|q| at(c, q, "产业")) {
        let sector = SECTORS.get(k as usize)?;
        return Some(format!("{sector}占比").into());
    }
    None
}

/// 总投资X亿元的N个重点项目: the attribute of a group is named with the group.
fn group_attribute<'a>(
    sent: &Sentence<'_, 'a>,
    cand: &Cand,
    ind_range: (usize, usize),
    seg: usize,
) -> Option<crate::Text<'a>> {
    let doc = sent.doc;
    let c = &doc.c;
    let counted_before = count_before_money(c, sent.ss, cand.num_start);
    // After a count (32个总投资…) the attribute word is read back from the number itself.
    let (attr_end, from) = if counted_before {
        let ns = cand.num_start;
        let linked = ns > sent.ss && MONEY_LINKS.contains(&c[ns - 1]);
        (if linked { ns - 1 } else { ns }, sent.ss)
    } else {
        (ind_range.1, seg)
    };
    if cand.currency
        && c.get(cand.end) == Some(&'的')
        && let Some((gs, ge)) = group_noun(c, cand.end + 1, sent.se, counted_before)
        && let Some(l) = W_ATTRIBUTE.longest_ending(c, from, attr_end)
    {
        let attr = doc.squeeze(attr_end - l, attr_end);
        return Some(format!("{}{}", doc.squeeze(gs, ge), attr).into());
    }
    None
}
