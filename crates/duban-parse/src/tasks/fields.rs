//! The fields a decomposition notice gives a task (牵头单位：…；配合单位：…；完成时限：…),
//! written after it or as the cells of a table row.

use crate::lexicon::tasks as lex;
use crate::text::{Words, class};
use crate::{Doc, Task, Text};
use lex::{DEADLINE, LEAD, SUPPORT};
use std::sync::LazyLock;

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Field {
    Lead,
    Support,
    Deadline,
}

/// Finds the first field label in `s..e`: (position, label end after the colon, field).
pub(super) fn next_label(doc: &Doc<'_>, s: usize, e: usize) -> Option<(usize, usize, Field)> {
    static ALL: LazyLock<Words> = LazyLock::new(|| Words::new(&[LEAD, SUPPORT, DEADLINE].concat()));
    let c = &doc.c;
    let e = e.min(c.len());
    let mut p = s;
    loop {
        p = doc.next_of(p, e, class::LABEL);
        if p >= e {
            return None;
        }
        if let Some(l) = ALL.longest_at(c, p).filter(|&l| p + l <= e) {
            let w: String = c[p..p + l].iter().collect();
            let f = if LEAD.contains(&w.as_str()) {
                Field::Lead
            } else if SUPPORT.contains(&w.as_str()) {
                Field::Support
            } else {
                Field::Deadline
            };
            let mut le = p + l;
            while le < e && matches!(c[le], ' ' | '：' | ':') {
                le += 1;
            }
            // Inside a sentence a label is a label only with its colon: `压缩办事时限。` names
            // no deadline.
            if p == s || c[p + l..le].iter().any(|&x| x == '：' || x == ':') {
                return Some((p, le, f));
            }
        }
        p += 1;
    }
}

fn split_units<'a>(doc: &Doc<'a>, s: usize, e: usize) -> Vec<Text<'a>> {
    let c = &doc.c;
    let mut out = Vec::new();
    let mut st = s;
    for k in s..=e {
        if c.get(k).is_none_or(|&ch| {
            k == e || matches!(ch, '、' | '，' | ',' | '；' | ';' | '/' | ' ' | '。')
        }) {
            let t = doc.squeeze(st, k);
            if !t.is_empty() && t != "等" {
                out.push(match t {
                    Text::Borrowed(b) => Text::Borrowed(b.trim_end_matches('等')),
                    Text::Owned(o) => Text::Owned(o.trim_end_matches('等').to_string()),
                });
            }
            st = k + 1;
        }
    }
    out
}

/// Reads the fields in `s..e` into `task`; returns where the first label starts.
pub(super) fn read_fields<'a>(
    doc: &Doc<'a>,
    s: usize,
    e: usize,
    task: &mut Task<'a>,
) -> Option<usize> {
    let c = &doc.c;
    let (first, _, _) = next_label(doc, s, e)?;
    let mut p = first;
    while let Some((ls, le, f)) = next_label(doc, p, e) {
        let stop = next_label(doc, le, e).map(|x| x.0).unwrap_or(e);
        let mut ve = stop;
        while ve > le
            && matches!(
                c[ve - 1],
                '；' | ';' | '。' | ' ' | '，' | ',' | '）' | ')' | '（' | '('
            )
        {
            ve -= 1;
        }
        match f {
            Field::Lead => task.lead_units.extend(split_units(doc, le, ve)),
            Field::Support => task.supporting_units.extend(split_units(doc, le, ve)),
            Field::Deadline => {
                let d = doc.squeeze(le, ve);
                if !d.is_empty() {
                    task.deadline = Some(d);
                }
            }
        }
        let _ = ls;
        p = stop.max(le);
        if p >= e {
            break;
        }
    }
    Some(first)
}

/// Splits a table-like row (cells separated by two or more spaces or '|') into cells.
fn cells(c: &[char], s: usize, e: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut st = s;
    let mut k = s;
    while k < e {
        let sep = if matches!(c[k], '|' | '│') {
            1
        } else if c[k] == ' ' && k + 1 < e && c[k + 1] == ' ' {
            let mut j = k;
            while j < e && c[j] == ' ' {
                j += 1;
            }
            j - k
        } else {
            0
        };
        if sep > 0 {
            if k > st {
                out.push((st, k));
            }
            k += sep;
            st = k;
            continue;
        }
        k += 1;
    }
    if e > st {
        out.push((st, e));
    }
    out.retain(|&(a, b)| c[a..b].iter().any(|ch| *ch != ' '));
    out
}

fn is_org_cell(doc: &Doc<'_>, a: usize, b: usize) -> bool {
    let t = doc.squeeze(a, b);
    !t.is_empty()
        && t.chars().count() <= 80
        && t.split(['、', '，', ',', '；', ';', '/']).all(|u| {
            let u = u.trim_end_matches('等');
            !u.is_empty() && lex::ORG_SUFFIX.iter().any(|s| u.ends_with(s))
        })
}

fn is_deadline_cell(doc: &Doc<'_>, a: usize, b: usize) -> bool {
    let t = doc.squeeze(a, b);
    t.chars().count() <= 20 && lex::DEADLINE_CELL.iter().any(|w| t.contains(w))
}

/// Reads a decomposition table row: (task cell range, lead units, supporting units, deadline).
#[allow(clippy::type_complexity)]
pub(super) fn table_row<'a>(
    doc: &Doc<'a>,
    s: usize,
    e: usize,
) -> Option<(
    (usize, usize),
    Vec<Text<'a>>,
    Vec<Text<'a>>,
    Option<Text<'a>>,
)> {
    let c = &doc.c;
    if !c[s..e]
        .iter()
        .any(|&ch| ch == ' ' || ch == '|' || ch == '│')
    {
        return None;
    }
    let cs = cells(c, s, e);
    if cs.len() < 3 {
        return None;
    }
    let mut task: Option<(usize, usize)> = None;
    let mut orgs: Vec<(usize, usize)> = Vec::new();
    let mut deadline = None;
    for (i, &(a, b)) in cs.iter().enumerate() {
        let numeric = c[a..b]
            .iter()
            .all(|ch| ch.is_ascii_digit() || matches!(ch, '.' | '、' | '（' | '）' | '(' | ')'));
        if i == 0 && numeric {
            continue;
        }
        if task.is_some() && is_org_cell(doc, a, b) {
            orgs.push((a, b));
        } else if task.is_some() && deadline.is_none() && is_deadline_cell(doc, a, b) {
            deadline = Some(doc.squeeze(a, b));
        } else if task.is_none_or(|(ta, tb)| orgs.is_empty() && b - a > tb - ta) {
            task = Some((a, b));
        }
    }
    let task = task?;
    if orgs.is_empty() && deadline.is_none() {
        return None;
    }
    let lead = orgs
        .first()
        .map(|&(a, b)| split_units(doc, a, b))
        .unwrap_or_default();
    let support = orgs
        .get(1)
        .map(|&(a, b)| split_units(doc, a, b))
        .unwrap_or_default();
    Some((task, lead, support, deadline))
}
