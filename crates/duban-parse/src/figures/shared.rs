//! Figures and names shared across a list: one rate for several names (`办结率、满意率100%`),
//! one figure said of several with 均 (`A和B均增长10%`), 分别 lists (`A、B分别增长5%、6%`), and
//! names one figure lends the next (`4个省级、12个市级示范村`).

use super::*;

/// Rate lists: one share per rate (办结率、满意率100%), or, when as many values follow as there
/// are rates, one value each without 分别 (本科率和升学率同比提高2%和3%), a change word making them
/// growth. Returns the index of the next candidate to read when it pushed them.
pub(super) fn rate_list<'a>(
    doc: &Doc<'a>,
    cands: &[Cand],
    k: usize,
    seg: usize,
    direction: Option<Direction>,
    figs: &mut Vec<Fig<'a>>,
) -> Option<usize> {
    let c = &doc.c;
    let cand = &cands[k];
    let ns = cand.num_start;
    if cand.unit != "%" || !(seg..ns).any(|q| c[q] == '率') {
        return None;
    }
    let (a, b) = strip(c, seg, ns);
    let items = split_items(c, a, b, RATE_LIST_SEPS);
    let names = rate_list_names(doc, &items)?;
    let values = listed_values(c, cands, k);
    let one_each = values == names.len();
    let (measure, direction) = match direction {
        Some(d) => (Measure::Growth, Some(d)),
        None => (Measure::Share, None),
    };
    let last_op = cands[k + values - 1].op_post;
    for (i, (&(x, y), name)) in items.iter().zip(names).enumerate() {
        let (x, y) = strip(c, x, y);
        let cd = if one_each { &cands[k + i] } else { cand };
        figs.push(Fig {
            cand: cd.clone(),
            ind: name,
            ind_start: x,
            ind_end: y,
            span_start: x,
            span_end: cd.end,
            measure,
            direction,
            op: cd
                .op_post
                .or(if one_each { last_op } else { None })
                .unwrap_or(Op::Exactly),
            scoped: false,
            thing: (x, y),
        });
    }
    Some(if one_each { k + values } else { k + 1 })
}

/// How many values from candidate `k` on form one list (7%和13%, 5%、6%以上): joined only by
/// 、/和/与/及, with the same unit.
pub(super) fn listed_values(c: &[char], cands: &[Cand], k: usize) -> usize {
    let mut j = k + 1;
    while j < cands.len()
        && cands[j].unit == cands[k].unit
        && cands[j].num_start > cands[j - 1].end
        && (cands[j - 1].end..cands[j].num_start)
            .all(|q| matches!(c[q], '、' | '和' | '与' | '及' | ' '))
    {
        j += 1;
    }
    j - k
}

/// X和Y均增长10%: the figure just pushed becomes one figure per name. Says whether it did.
pub(super) fn jun_list<'a>(doc: &Doc<'a>, seg: usize, ns: usize, figs: &mut Vec<Fig<'a>>) -> bool {
    let c = &doc.c;
    let Some(q) = rfind_top(doc, seg, ns, "均") else {
        return false;
    };
    if q <= seg || matches!(c[q - 1], '人' | '平') || strip(c, q + 1, ns).0 < strip(c, q + 1, ns).1
    {
        return false;
    }
    let (xa, xb) = strip(c, seg, q);
    let items = split_items(c, xa, xb, JUN_LIST_SEPS);
    if items.len() < 2 || !items.iter().all(|&(x, y)| y > x + 1) {
        return false;
    }
    one_per_name(doc, &items, figs)
}

/// The figure just pushed becomes one figure per item of `items`, each named by its item and
/// spanning from it. Says whether there was a figure.
fn one_per_name<'a>(doc: &Doc<'a>, items: &[(usize, usize)], figs: &mut Vec<Fig<'a>>) -> bool {
    let Some(base) = figs.pop() else {
        return false;
    };
    for &(x, y) in items {
        let (x, y) = strip(&doc.c, x, y);
        let mut f = base.clone();
        f.ind = doc.squeeze(x, y);
        (f.ind_start, f.ind_end) = (x, y);
        f.span_start = x;
        figs.push(f);
    }
    true
}

/// 工业投资、技改投资增长20%: a percentage said of a list of whole names is said of each (a
/// rate cannot be summed), so the figure just pushed becomes one per name. Short items
/// (县、乡级…) share the head after them and stay one name. Says whether it split.
pub(super) fn percent_list<'a>(
    doc: &Doc<'a>,
    cands: &[Cand],
    k: usize,
    figs: &mut Vec<Fig<'a>>,
) -> bool {
    let c = &doc.c;
    let Some(base) = figs.last() else {
        return false;
    };
    let (xa, xb) = (base.ind_start, base.ind_end);
    // Cheap tests first: this runs for every percentage.
    if !base.cand.percent
        || xb <= xa
        || !c[xa..xb].contains(&'、')
        || listed_values(c, cands, k) != 1
        || base.ind != doc.squeeze(xa, xb)
        || find_top(doc, xa, xb, "等").is_some()
    {
        return false;
    }
    let items = split_items(c, xa, xb, PERCENT_LIST_SEPS);
    if items.len() < 2
        || !items
            .iter()
            .all(|&(x, y)| strip(c, x, y).1 >= strip(c, x, y).0 + 3)
    {
        return false;
    }
    one_per_name(doc, &items, figs)
}

/// 分别 lists: the figure just pushed (candidate `k`) and the candidates that follow it in
/// the list take one name each from before 分别 at `fp` (clause from `cs`). Returns the index
/// of the next candidate to read.
pub(super) fn fenbie_list<'a>(
    doc: &Doc<'a>,
    cands: &[Cand],
    k: usize,
    (cs, fp): (usize, usize),
    figs: &mut Vec<Fig<'a>>,
    fenbie_items: &mut Option<(Vec<crate::Text<'a>>, usize)>,
) -> usize {
    let c = &doc.c;
    let first_in_group = figs.len() - 1;
    let mut group = vec![k];
    let mut j = k + 1;
    while j < cands.len() {
        let between = cands[j - 1].end..cands[j].num_start;
        // A period before each value (每月800元、每年6000元) stays inside the list.
        let mut q = between.start;
        let mut between_ok = true;
        while q < between.end {
            if matches!(c[q], '、' | '和' | '与' | '及' | ' ') {
                q += 1;
            } else if let Some(l) = W_PER_PERIOD.longest_at(c, q) {
                q += l;
            } else {
                between_ok = false;
                break;
            }
        }
        if !between_ok {
            break;
        }
        group.push(j);
        j += 1;
    }
    // The names before 分别, or those of the last 分别 of the sentence.
    let (xa, xb) = strip(c, cs, fp);
    let mut names: Vec<crate::Text<'a>> = Vec::new();
    let mut names_start = xa;
    if xb > xa {
        names = fenbie_names(doc, xa, xb, FENBIE_SEPS);
        // 普及率、供水率: a separator char inside a word (普及, 惠及, 和谐) splits too much;
        // the commas alone may give as many names as values.
        if names.len() > group.len() {
            for seps in [&["、"][..], &["、", "和"][..]] {
                let fewer = fenbie_names(doc, xa, xb, seps);
                if fewer.len() == group.len() {
                    names = fewer;
                    break;
                }
            }
        }
    } else if let Some((ns_, st_)) = fenbie_items {
        names = ns_.clone();
        names_start = *st_;
    }
    // 事故3起，死亡4人，同比分别下降50%、42.9%: with no names of its own, the list takes those
    // of the figures just given, one each.
    if names.is_empty() && first_in_group >= group.len() {
        let from = first_in_group - group.len();
        if figs[from..first_in_group]
            .iter()
            .all(|f| !f.ind.is_empty() && f.cand.percent != figs[first_in_group].cand.percent)
        {
            names = figs[from..first_in_group]
                .iter()
                .map(|f| f.ind.clone())
                .collect();
            names_start = figs[from].span_start;
        }
    }
    // 省级3家、市级12家，总数分别达到15家、48家: an attribute alone before 分别 is that of the
    // figures just given, one each.
    if names.len() == 1
        && first_in_group >= group.len()
        && W_ATTRIBUTE.longest_at(c, xa) == Some(xb - xa)
    {
        let from = first_in_group - group.len();
        let prev = &figs[from..first_in_group];
        if prev.iter().all(|f| !f.ind.is_empty() && !f.cand.percent) {
            let stock = W_STOCK.longest_at(c, xa).is_some();
            names = prev
                .iter()
                .map(|f| {
                    let thing = if stock {
                        without_flow_lead(&f.ind)
                    } else {
                        &f.ind
                    };
                    format!("{thing}{}", names[0]).into()
                })
                .collect();
        }
    }
    if !names.is_empty() {
        *fenbie_items = Some((names.clone(), names_start));
    }
    // 零售总额、公共预算收入分别增长7.5%: one value after 分别 and several names before it is
    // each name's value, as with 均; each span starts at its own name.
    if group.len() == 1 && xb > xa && (2..=4).contains(&names.len()) {
        let items = split_items(c, xa, xb, FENBIE_SEPS);
        let Some(base) = figs.pop() else { return j };
        for (gi, name) in names.iter().enumerate() {
            let mut f = base.clone();
            f.ind = name.clone();
            if items.len() == names.len() {
                f.span_start = strip(c, items[gi].0, items[gi].1).0.min(f.cand.num_start);
            }
            figs.push(f);
        }
        return j;
    }
    let head = figs[first_in_group].clone();
    let last_op = cands[group[group.len() - 1]].op_post;
    for (gi, &cj) in group.iter().enumerate() {
        let mut fig = if gi == 0 {
            figs.pop().unwrap_or(head.clone())
        } else {
            let cd = cands[cj].clone();
            Fig {
                span_end: cd.end,
                cand: cd,
                ..head.clone()
            }
        };
        if names.len() == group.len() {
            fig.ind = names[gi].clone();
            fig.span_start = names_start.min(fig.cand.num_start);
        }
        // A trailing qualifier applies to all values (分别增长5.5%、6%以上).
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
    j
}

/// The names listed before 分别 in `xa..xb`: the items of the list, or the pair or sectors one
/// name stands for (城乡居民人均可支配收入 → 城镇…, 农村…).
fn fenbie_names<'a>(doc: &Doc<'a>, xa: usize, xb: usize, seps: &[&str]) -> Vec<crate::Text<'a>> {
    let c = &doc.c;
    let mut items = split_items(c, xa, xb, seps);
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
        return if let Some(w) = SECTOR_GROUPS.iter().find(|w| t.contains(*w)) {
            SECTORS.iter().map(|p| t.replacen(w, p, 1).into()).collect()
        } else if let Some((w, p1, p2)) = PAIRS.iter().find(|(w, _, _)| t.contains(w)) {
            vec![t.replacen(w, p1, 1).into(), t.replacen(w, p2, 1).into()]
        } else {
            vec![t]
        };
    }
    let stripped: Vec<(usize, usize)> = items.iter().map(|&(x, y)| strip(c, x, y)).collect();
    let mut names: Vec<crate::Text<'a>> =
        stripped.iter().map(|&(x, y)| doc.squeeze(x, y)).collect();
    // 基本养老保险、基本医疗保险参保率分别…: only the last item names the measure, and the
    // others share its tail (基本养老保险参保率).
    if let Some((&(ls, le), head)) = stripped.split_last()
        && let Some(t) = SHARED_TAILS.iter().find(|t| ends_with(c, ls, le, t))
        && head
            .iter()
            .all(|&(x, y)| y >= x + 2 && !ends_with(c, x, y, t) && !ends_with(c, x, y, "率"))
        && le >= ls + t.chars().count() + 2
    {
        // Where the last item does not repeat an item's last word, its own first word is
        // guessed as two chars: only trusted when some item is that short (养老、失业、工伤保险
        // → …保险, not 城镇污水、生活垃圾处理率 → 城镇污水垃圾处理率).
        let short = head.iter().any(|&(x, y)| y - x <= 3);
        for (name, &(x, y)) in names.iter_mut().zip(head) {
            let repeated = (ls..le - 2).any(|q| c[q] == c[y - 2] && c[q + 1] == c[y - 1]);
            if !repeated && !short {
                continue;
            }
            let tail = shared_tail(c, (x, y), (ls, le));
            *name = format!("{name}{}", doc.squeeze(tail, le)).into();
        }
    }
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
    names
}

/// Names one figure of a sentence lends its neighbour: an unnamed count takes the noun of the
/// count right after it, and a bare level (4个省级、12个市级美丽乡村示范村) the noun of the next.
pub(super) fn share_names<'a>(doc: &Doc<'a>, figs: &mut [Fig<'a>]) {
    let c = &doc.c;
    // 4个街道、9个镇全部建成文化站: counts listed before one predicate share it.
    for i in (0..figs.len().saturating_sub(1)).rev() {
        let (a, b) = (&figs[i], &figs[i + 1]);
        if let (Some((ps, pe)), Some((qs, qe))) = (a.cand.post, b.cand.post)
            && !a.cand.percent
            && !a.cand.currency
            && a.ind == doc.squeeze(ps, pe)
            && (pe..b.cand.num_start).all(|q| matches!(c[q], '、' | '和' | '及'))
            && pe < b.cand.num_start
            && let Some(pred) = b.ind.strip_suffix(&*doc.squeeze(qs, qe))
            && pred.ends_with('的')
        {
            figs[i].ind = format!("{pred}{}", figs[i].ind).into();
        }
    }
    for i in 0..figs.len() {
        if figs[i].ind.is_empty()
            && let Some(next) = figs.get(i + 1)
            && next.cand.num_start == figs[i].cand.end
            && let Some((ps, pe)) = next.cand.post
        {
            figs[i].ind = doc.squeeze(ps, pe);
        }
        // 市定20件、县定10件民生实事: a two-char modifier with no noun of its own takes the
        // noun of the next count of the same unit.
        if figs[i].ind.chars().count() == 2
            && figs[i].cand.post.is_none()
            && !figs[i].cand.percent
            && let Some(next) = figs.get(i + 1)
            && next.cand.unit == figs[i].cand.unit
            && let Some((ps, pe)) = next.cand.post
            // The next count has a two-char modifier of its own (县定8件): the two are parallel.
            && next.cand.num_start == figs[i].cand.end + 3
            && matches!(c[figs[i].cand.end], '、' | '和' | '及')
            && (figs[i].cand.end + 1..next.cand.num_start).all(|q| is_cjk(c[q]))
        {
            let name = format!("{}{}", figs[i].ind, doc.squeeze(ps, pe));
            figs[i].ind = name.into();
            continue;
        }
        if let Some(lv) = LEVELS.iter().find(|l| &*figs[i].ind == **l)
            && let Some(next) = figs.get(i + 1)
            && let Some(l2) = LEVELS.iter().find(|l| next.ind.starts_with(**l))
            && next.ind.len() > l2.len()
        {
            let name = format!("{lv}{}", &next.ind[l2.len()..]);
            figs[i].ind = name.into();
        }
    }
}

/// A name without the flow word it opens with (新增市场主体 → 市场主体), for a stock of the
/// same things.
pub(super) fn without_flow_lead(name: &str) -> &str {
    FLOW_LEADS
        .iter()
        .filter(|w| name.starts_with(**w) && name.chars().count() >= w.chars().count() + 2)
        .map(|w| &name[w.len()..])
        .min_by_key(|r| r.len())
        .unwrap_or(name)
}
