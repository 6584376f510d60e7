//! Quantitative figures: numbers with units, their qualifiers, indicators and measures.
//!
//! One pass over each sentence finds candidate numbers (outside quotes and footnote markers)
//! and reads the unit and qualifiers around them ([`scan`], [`candidates`]); a second pass over
//! the sentence's candidates ([`resolve`]) runs the named rules: the phrase that names each
//! number ([`phrase`]), rewrites of the name ([`rename`]), lists that share names or figures
//! ([`shared`]), the measure ([`measure`]), the op ([`op`]) and the kind ([`kind`]).

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
mod op;
mod phrase;
mod post_noun;
mod qualifiers;
mod rename;
mod resolve;
mod scan;
mod shared;
mod span;
#[cfg(test)]
mod tests;

use candidates::*;
use indicator::*;
use kind::*;
use lists::*;
use measure::*;
use names::*;
use op::*;
use phrase::*;
use post_noun::*;
use qualifiers::*;
use rename::*;
use resolve::*;
use scan::*;
use shared::*;
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
        if cands.is_empty() {
            // Only the kind a preamble sentence carries forward matters here.
            sentence_kind(doc, st, &mut loc, ss, se, &mut carry_kind);
            continue;
        }
        if si == last_sentence {
            drop_truncated(c, se, &mut cands, diags);
        }
        if cands.is_empty() {
            continue;
        }
        // Sentence-level cues.
        let yuji_sentence = any_in(&scopes.yuji, ss, cands[0].num_start);
        let kind = sentence_kind(doc, st, &mut loc, ss, se, &mut carry_kind);
        let year = match kind {
            _ if five_year(c, ss, cands[0].num_start) => None,
            FigureKind::Actual => st.review_year,
            FigureKind::Target => st.plan_year,
        };
        // Pass 2: indicators, measures, ops.
        let sent = Sentence {
            doc,
            ss,
            se,
            scopes: &scopes,
            yuji_sentence,
        };
        resolve(&sent, &cands, &mut figs);
        for f in figs.drain(..) {
            let section = loc.section_at(f.cand.num_start);
            let year = explicit_year(c, f.cand.num_start).or(year);
            out.push(emit(doc, f, kind, year, section));
        }
    }
    out.shrink_to_fit();
    out
}

/// A five-year period named before the sentence's first number (“十四五”时期…, 五年来…).
fn five_year(c: &[char], ss: usize, ns: usize) -> bool {
    (ss..ns.min(ss + 40)).any(|k| W_FIVE_YEAR.longest_at(c, k).is_some())
}

/// A year the text gives the figure itself: 从2020年的240亿元 (the base), 到2030年城镇化率达到
/// 65% (the year the target is for, opening the clause).
fn explicit_year(c: &[char], ns: usize) -> Option<i32> {
    let base = if ns >= 1 && c[ns - 1] == '的' {
        ns - 1
    } else {
        ns
    };
    if base >= 6 && c[base - 1] == '年' && matches!(c[base - 6], '从' | '由') {
        return year_at(c, base - 5).map(|(y, _)| y);
    }
    let cs = resolve::clause_start(c, 0, ns);
    if matches!(c.get(cs), Some('到' | '至')) {
        return year_at(c, cs + 1).map(|(y, _)| y);
    }
    None
}

/// A statement cut off by the end of the text (…共发放奖补资金1489万) is dropped, with a note.
fn drop_truncated(c: &[char], se: usize, cands: &mut Vec<Cand>, diags: &mut Vec<Diagnostic>) {
    if c[se - 1] == '。' || matches!(c[se - 1], '！' | '？' | '；' | ';' | '!' | '?') {
        return;
    }
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

/// The figure as the parser reports it: its span reaches back to its indicator, but never
/// further than a long clause (chains of elided figures would otherwise grow quadratically).
fn emit<'a>(
    doc: &Doc<'a>,
    f: Fig<'a>,
    kind: FigureKind,
    year: Option<i32>,
    section: Option<usize>,
) -> Figure<'a> {
    let c = &doc.c;
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
    Figure {
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
    }
}
