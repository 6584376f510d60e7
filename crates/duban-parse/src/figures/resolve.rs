//! Pass 2 over a sentence's candidates: each number gets its indicator, measure and op, one
//! named rule after another (`新签约项目42个、总投资261.2亿元` → 新签约项目 42 个, 新签约项目总投资
//! 261.2 亿元).

use super::*;

/// One sentence as pass 2 reads it.
pub(super) struct Sentence<'d, 'a> {
    pub(super) doc: &'d Doc<'a>,
    pub(super) ss: usize,
    pub(super) se: usize,
    pub(super) scopes: &'d Scopes,
    /// 预计 before the sentence's first number covers every figure of the sentence.
    pub(super) yuji_sentence: bool,
}

/// Where the phrase of the number at `ns` starts: its clause start `cs`, or after the
/// previous number's unit and any noun read after it (1个省级…园、3个市级…园).
pub(super) fn phrase_start(figs: &[Fig<'_>], cs: usize, ns: usize) -> usize {
    figs.last()
        .filter(|f| f.cand.end > cs && f.cand.end <= ns)
        .map(|f| {
            let pe = f.cand.post.map(|(_, pe)| pe).unwrap_or(f.cand.end);
            f.cand.end.max(if pe <= ns { pe } else { f.cand.end })
        })
        .unwrap_or(cs)
        .max(cs)
}

/// The start of the clause holding `ns`; bounded, so that text without punctuation stays
/// linear.
pub(super) fn clause_start(c: &[char], ss: usize, ns: usize) -> usize {
    let mut cs = ns;
    while cs > ss && !is_clause_delim(c[cs - 1]) && ns - cs < MAX_CLAUSE {
        cs -= 1;
    }
    cs
}

/// 近4成企业增长超50%: a bounded change right after a share of a group is what defines the
/// share's members, not a figure of its own.
fn defines_share(c: &[char], cand: &Cand, figs: &[Fig<'_>]) -> bool {
    let Some(prev) = figs.last() else {
        return false;
    };
    let (s, e) = (prev.cand.end, cand.num_start);
    if !cand.percent || !(prev.cand.percent || prev.cand.unit == "成") || e <= s {
        return false;
    }
    let Some(b) = W_PRE_QUAL.longest_ending(c, s, e) else {
        return false;
    };
    // Only the change word and the bound between them (…4成增长超50%).
    W_UP.longest_at(c, s)
        .or_else(|| W_DOWN.longest_at(c, s))
        .is_some_and(|l| s + l == e - b)
}

/// 推广5项关键技术1.2万亩: a count of things whose noun runs straight into an area says which
/// things the area is covered with; the area is the figure.
/// It is dropped once the area is named, so that the area's name starts after the count.
fn names_what_an_area_covers(cand: &Cand, cands: &[Cand]) -> bool {
    THING_COUNTERS.contains(&&*cand.unit)
        && cand.post.is_some_and(|(ps, pe)| {
            pe > ps
                && cands
                    .iter()
                    .any(|n| n.num_start == pe && AREA_UNITS.contains(&&*n.unit))
        })
}

/// Resolves every candidate of the sentence into `figs`.
pub(super) fn resolve<'a>(sent: &Sentence<'_, 'a>, cands: &[Cand], figs: &mut Vec<Fig<'a>>) {
    let doc = sent.doc;
    let c = &doc.c;
    figs.clear();
    let mut fenbie_items: Option<(Vec<crate::Text<'a>>, usize)> = None;
    let mut k = 0;
    while k < cands.len() {
        let cand = &cands[k];
        let ns = cand.num_start;
        let cs = clause_start(c, sent.ss, ns);
        let seg = phrase_start(figs, cs, ns);
        if restates_list(c, cand, seg, ns)
            || untracked(c, cand, seg)
            || defines_share(c, cand, figs)
        {
            k += 1;
            continue;
        }
        let direction = change_before(c, seg, ns);
        let fenbie = first_in(&sent.scopes.fenbies, cs, ns);
        if fenbie.is_none()
            && let Some(next) = rate_list(doc, cands, k, seg, direction, figs)
        {
            k = next;
            continue;
        }
        let ph = phrase(sent, cand, figs, cs, seg);
        let ind = rename(sent, cand, figs, &ph, seg);
        let (measure, dir) = measure_of(c, cand, direction, ph.inherited, &ind);
        let op = op_of(sent, cand, figs, cs, seg, ph.inherited.is_some());
        figs.push(Fig {
            cand: cand.clone(),
            ind,
            ind_start: ph.ind_range.0,
            ind_end: ph.ind_range.1,
            span_start: ph.span_start,
            span_end: ph.span_end,
            measure,
            direction: dir,
            op,
            scoped: cand.op_post.is_none() && op == Op::About,
            thing: ph.thing,
        });
        if fenbie.is_none() && (jun_list(doc, seg, ns, figs) || percent_list(doc, cands, k, figs)) {
            k += 1;
            continue;
        }
        if let Some(fp) = fenbie {
            k = fenbie_list(doc, cands, k, (cs, fp), figs, &mut fenbie_items);
            continue;
        }
        // …分别为22694元、9527元，增长8.5%、11%: a list of values that continues a 分别 list
        // takes its names, one each.
        if ph.inherited.is_some()
            && let Some((names, _)) = &fenbie_items
            && names.len() >= 2
            && listed_values(c, cands, k) == names.len()
        {
            k = fenbie_list(doc, cands, k, (cs, cs), figs, &mut fenbie_items);
            continue;
        }
        k += 1;
    }
    if cands.iter().any(|n| AREA_UNITS.contains(&&*n.unit)) {
        figs.retain(|f| !names_what_an_area_covers(&f.cand, cands));
    }
    paired_counts(c, sent.ss, figs);
    share_names(doc, figs);
    parts_of_quoted_class(figs);
}
