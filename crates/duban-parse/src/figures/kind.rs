//! Kind: target or actual, from cue words (`预计`, `力争`, `完成`) and the part of the report
//! (`今年` plan → target, `过去一年` review → actual).

use super::*;

pub(super) fn cue_kind(
    doc: &Doc<'_>,
    st: &Structure<'_>,
    ss: usize,
    se: usize,
) -> Option<FigureKind> {
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
pub(super) fn default_kind(doc: &Doc<'_>, st: &Structure<'_>) -> FigureKind {
    if st.parts.iter().any(|p| p.kind != PartKind::Preamble) {
        return FigureKind::Target;
    }
    let c = &doc.c;
    // A text titled as a list of commitments (2026年民生实事) holds targets however many
    // of its items say 完成.
    let first = (0..c.len().min(200))
        .skip_while(|&k| c[k].is_whitespace())
        .find(|&k| c[k] == '\n')
        .unwrap_or(c.len().min(200));
    if crate::structure::commitment_title(c, 0, first) {
        return FigureKind::Target;
    }
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

pub(super) fn sentence_kind(
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
