//! Tasks: the items of the plan, as a 督查室 lists them in the rows of its 分解表 — one per
//! marked item (一是…, （一）…, ①…) or, where a section has no markers, one per paragraph of
//! work — with the units and deadline a decomposition notice gives them. Framing, the
//! 主要预期目标, lead-ins and closing rhetoric are not tasks; [`TaskGranularity::Sentence`]
//! splits each item into its sentences.

mod carried;
mod fields;
mod rules;

use crate::structure::{Paragraph, Structure, marker};
use crate::text::class;
use crate::{Doc, Figure, PartKind, Task, TaskGranularity};
use carried::Carried;
use fields::{next_label, read_fields, table_row};

/// Chars beyond which a paragraph is no item (report items run to a few hundred).
const LONG_ITEM: usize = 1500;

/// What a paragraph is.
#[derive(Clone, PartialEq, Eq, Debug)]
enum Kind {
    /// Outside the plan (the review; a preamble sentence without targets).
    Outside,
    /// A line of decomposition fields (牵头单位：…), which belongs to the task before it.
    Fields,
    /// A table row of a decomposition notice.
    Row,
    /// A paragraph whose inline items (一是…；二是…) are the tasks.
    Items(Vec<(usize, usize)>),
    /// The heading line of section `k`, with any text that follows the heading on it.
    Heading(usize),
    /// Framing, a lead-in, the 主要预期目标 or rhetoric.
    NotWork,
    /// The 主要预期目标 sentence: the bulleted or numbered lines after it are its list.
    Goals,
    /// A paragraph of work.
    Work,
}

/// What the paragraph rules read besides the paragraph.
struct Ctx<'x, 'a> {
    doc: &'x Doc<'a>,
    st: &'x Structure<'x>,
    /// Whether `a..b` holds a target figure.
    has_target: &'x dyn Fn(usize, usize) -> bool,
    /// Positions of the circled numbers (①…⑳) in the text.
    circled: &'x [usize],
}

/// Where a paragraph sits: its part, innermost section, and whether it lies inside a
/// heading (a part's heading line).
struct Place {
    part: PartKind,
    sec: Option<usize>,
    heading_line: bool,
}

/// Reads what a paragraph is from its own text and place (the rules in [`rules`]).
#[inline(never)]
fn kind_of(x: &Ctx<'_, '_>, p: &Paragraph, at: &Place) -> Kind {
    let (doc, st, has_target, circled) = (x.doc, x.st, x.has_target, x.circled);
    let (part, sec, heading_line) = (at.part, at.sec, at.heading_line);
    let targets = has_target(p.start, p.end);
    let c = &doc.c;
    let (s, e) = (p.start, p.end);
    let plan = matches!(
        part,
        PartKind::Goals | PartKind::Work | PartKind::SelfBuilding
    ) || targets;
    if !plan || e <= s || st.title_line.is_some_and(|t| t.0 == s) {
        return Kind::Outside;
    }
    let flags = doc.classes(s, e);
    // Fields open the line (牵头单位：…, or after a short marker): only its head is read.
    if doc.classes(s, (s + 3).min(e)) & class::LABEL != 0
        && next_label(doc, s, (s + 12).min(e))
            .is_some_and(|(q, _, _)| q == s || (q - s <= 2 && !crate::text::at(c, s, "由")))
    {
        return Kind::Fields;
    }
    if flags & class::CELL != 0 && table_row(doc, s, e).is_some() {
        return Kind::Row;
    }
    let lo = circled.partition_point(|&q| q < s);
    let hi = circled.partition_point(|&q| q < e);
    let items = rules::inline_items(doc, s, e, &circled[lo..hi]);
    if items.len() >= 2 {
        return Kind::Items(items);
    }
    if p.last - p.first >= 3
        && st.sentences.get(p.first).is_some_and(|x| {
            crate::lexicon::tasks::MINSHENG_LEAD
                .iter()
                .any(|w| crate::text::find(c, x.start, x.end.min(e), w).is_some())
        })
    {
        let sents: Vec<(usize, usize, bool)> = st.sentences
            [p.first..p.last.min(st.sentences.len())]
            .iter()
            .map(|x| (x.start, x.end.min(e), has_target(x.start, x.end)))
            .filter(|x| x.1 > x.0)
            .collect();
        let entries = rules::minsheng_sentences(c, &sents);
        if entries.len() >= 2 {
            return Kind::Items(entries);
        }
    }
    if let Some(k) = sec.filter(|&k| st.sections[k].start == s) {
        return Kind::Heading(k);
    }
    // A part's heading line (2024年工作重点).
    if heading_line && !targets {
        return Kind::NotWork;
    }
    let first = st.sentences.get(p.first).filter(|_| p.first < p.last);
    let (fs, fe) = first.map(|x| (x.start, x.end.min(e))).unwrap_or((s, e));
    if rules::goals_statement(c, fs, fe) {
        return Kind::Goals;
    }
    let not_work = e - s < 4
        || rules::vocative(c, s, e)
        || rules::closing_call(c, s, e)
        || rules::lead_in(c, s, e)
        || !targets && (rules::exclamation(c, s, e) || rules::year_character(c, fs, fe))
        // The line to follow is stated at the paragraph's head (今年是…。…总体要求是：…).
        || st.sentences[p.first..p.last.min(st.sentences.len())]
            .iter()
            .take(2)
            .any(|x| rules::framing(c, x.start, x.end.min(e)))
        || !targets && rules::bare_title(c, s, e);
    if not_work { Kind::NotWork } else { Kind::Work }
}

/// Positions of the circled numbers ①…⑳ (most texts have none): sixteen chars are tested
/// at a time without a branch, which the compiler turns into vector compares.
fn circled_numbers(c: &[char]) -> Vec<usize> {
    let is = |x: char| (x as u32).wrapping_sub('①' as u32) < 20;
    let mut out = Vec::new();
    let mut chunks = c.chunks_exact(16);
    let mut base = 0;
    for w in &mut chunks {
        if w.iter().fold(false, |a, &x| a | is(x)) {
            out.extend((0..16).filter(|&k| is(w[k])).map(|k| base + k));
        }
        base += 16;
    }
    let rest = chunks.remainder();
    out.extend((0..rest.len()).filter(|&k| is(rest[k])).map(|k| base + k));
    out
}

/// A section's heading is an item of the list when its style numbers items rather than
/// headings (一是, 1., （1）, ①): such a line is a task even without text after the heading.
fn item_style(c: &[char], at: usize) -> bool {
    use crate::structure::Style;
    matches!(
        marker(c, at, c.len()).map(|m| m.0),
        Some(Style::CnShi | Style::Arabic | Style::ArabicParen | Style::Circled)
    )
}

#[inline(never)] // Kept out of line so that profiles show each phase.
pub(crate) fn collect<'a>(
    doc: &Doc<'a>,
    st: &Structure<'_>,
    figures: &[Figure<'_>],
    granularity: TaskGranularity,
) -> Vec<Task<'a>> {
    let c = &doc.c;
    let paras = &st.paragraphs;
    let carried = Carried::new(figures);
    let figs_in = |a: usize, b: usize| carried.figures_in(a, b);
    let has_target = |a: usize, b: usize| carried.has_target(a, b);

    let circled = circled_numbers(c);
    // Pass 1: each paragraph by its own text.
    let ctx = Ctx {
        doc,
        st,
        has_target: &has_target,
        circled: &circled,
    };
    let mut loc = st.locator();
    let mut kinds = Vec::with_capacity(paras.len());
    let mut secs = Vec::with_capacity(paras.len());
    for p in paras {
        let part = loc.part_at(p.start);
        let sec = loc.section_at(p.start);
        let heading_line = loc.in_heading(p.start, p.end);
        let place = Place {
            part,
            sec,
            heading_line,
        };
        kinds.push(kind_of(&ctx, p, &place));
        secs.push(sec);
    }

    // Pass 2: what the neighbours tell.
    let n = paras.len();
    for i in 0..n {
        match kinds[i] {
            // The list after the 主要预期目标 sentence is its list of targets.
            Kind::Goals if rules::lead_in(c, paras[i].start, paras[i].end) => {
                // The list runs while its lines open alike (the same bullet, or markers of
                // the same style): a heading of another style starts the work.
                let opening = |q: &Paragraph| {
                    if rules::bulleted(c, q.start) {
                        Some((Some(c[q.start]), None))
                    } else {
                        marker(c, q.start, q.end).map(|m| (None, Some(m.0)))
                    }
                };
                let first = paras.get(i + 1).and_then(opening);
                let mut j = i + 1;
                while j < n
                    && first.is_some()
                    && matches!(kinds[j], Kind::Work | Kind::Heading(_) | Kind::Items(_))
                    && opening(&paras[j]) == first
                {
                    kinds[j] = Kind::NotWork;
                    j += 1;
                }
            }
            // A paragraph right before its section's first numbered child introduces the
            // list (the section's general aims; a 民生实事 list's lead-in).
            Kind::Work => {
                if let Some(&Kind::Heading(k)) = kinds.get(i + 1)
                    && st.sections[k].parent == secs[i]
                {
                    kinds[i] = Kind::NotWork;
                }
            }
            _ => {}
        }
    }
    let ns = st.sections.len();
    let mut child_sections = vec![false; ns];
    for s in &st.sections {
        if let Some(p) = s.parent {
            child_sections[p] = true;
        }
    }
    let mut work_in = vec![0usize; ns];
    for i in 0..n {
        if matches!(kinds[i], Kind::Work | Kind::Items(_) | Kind::Row)
            && let Some(k) = secs[i]
            && st.sections[k].start != paras[i].start
        {
            work_in[k] += 1;
        }
    }
    // A section's opening paragraph of general aims, where its other paragraphs open with
    // lead phrases and this one does not: one sentence, no figures.
    let lead = |i: usize| {
        let p = &paras[i];
        st.sentences
            .get(p.first)
            .filter(|_| p.first < p.last)
            .is_some_and(|x| rules::lead_phrase(c, x.start, x.end.min(p.end)))
    };
    // Each section's paragraphs of work, gathered in one pass (a long text has thousands).
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); ns];
    for i in 0..n {
        if kinds[i] == Kind::Work
            && let Some(k) = secs[i]
            && work_in[k] >= 3
            && !child_sections[k]
        {
            members[k].push(i);
        }
    }
    for (k, m) in members.iter().enumerate() {
        let Some(&first) = m.first() else {
            continue;
        };
        let p = &paras[first];
        if !lead(first)
            && p.last - p.first == 1
            && figs_in(p.start, p.end).is_empty()
            && m[1..].iter().filter(|&&i| lead(i)).count() >= 2
        {
            kinds[first] = Kind::NotWork;
            work_in[k] -= 1;
        }
    }
    let goals_section = {
        let mut g = vec![false; ns];
        for (k, s) in st.sections.iter().enumerate() {
            g[k] = rules::goals_heading(&s.heading) || s.parent.is_some_and(|p| g[p]);
        }
        g
    };

    // Pass 3: the tasks.
    let mut tasks: Vec<Task> = Vec::with_capacity(n / 2 + 8);
    // Whether each task sits in a 主要预期目标 section (kept only as a decomposition row).
    let mut in_goals: Vec<bool> = Vec::with_capacity(n / 2 + 8);
    let mut loc = st.locator();
    let new_task = |loc: &mut crate::structure::Locator<'_>, a: usize, b: usize| Task {
        section: loc.section_at(a),
        text: doc.squeeze(a, b),
        start: a,
        end: b,
        figures: figs_in(a, b),
        lead_units: Vec::new(),
        supporting_units: Vec::new(),
        deadline: None,
    };
    for i in 0..n {
        let p = &paras[i];
        let goal = secs[i].is_some_and(|k| goals_section[k]);
        let mut span = None;
        match kinds[i] {
            Kind::Outside | Kind::NotWork | Kind::Goals => {}
            Kind::Fields => {
                if let Some(t) = tasks.last_mut() {
                    read_fields(doc, p.start, p.end, t);
                }
            }
            Kind::Row => {
                if let Some(((a, b), lead, support, deadline)) = table_row(doc, p.start, p.end) {
                    let mut t = new_task(&mut loc, a, b);
                    // A row's figure may take in the row number before its cell (1  新建…).
                    t.figures = figs_in(p.start, p.end);
                    t.figures
                        .retain(|&f| figures[f].end > a && figures[f].start < b);
                    t.lead_units = lead;
                    t.supporting_units = support;
                    t.deadline = deadline;
                    tasks.push(t);
                    in_goals.push(false);
                }
            }
            Kind::Items(ref items) => {
                for &(a, b) in items {
                    tasks.push(new_task(&mut loc, a, b));
                    in_goals.push(goal);
                }
            }
            Kind::Heading(k) => {
                let he = st.heading_ends[k] + 1;
                let body = he < p.end;
                let leaf = !child_sections[k] && work_in[k] == 0;
                // A body of several sentences, or one with targets, is work of its own even
                // where paragraphs follow; one plain sentence there frames the section.
                let own_work = body
                    && (has_target(he, p.end)
                        || st.sentences[p.first..p.last.min(st.sentences.len())]
                            .iter()
                            .filter(|x| x.start >= he)
                            .count()
                            >= 2);
                if leaf && (body || item_style(c, p.start) || has_target(p.start, p.end))
                    || !leaf && own_work
                {
                    span = Some((p.start, p.end));
                }
            }
            Kind::Work => {
                let mut a = p.start;
                // The one paragraph under a heading on its own line takes the heading along,
                // which names it best (when the heading is not the larger part).
                if let Some(k) = secs[i]
                    && work_in[k] == 1
                    && !child_sections[k]
                    && i > 0
                    && kinds[i - 1] == Kind::Heading(k)
                    && st.heading_ends[k] + 1 >= paras[i - 1].end
                    && paras[i - 1].end - paras[i - 1].start <= p.end - p.start
                {
                    a = paras[i - 1].start;
                }
                span = Some((a, p.end));
            }
        }
        let Some((a, b)) = span else { continue };
        let mut t = new_task(&mut loc, a, b);
        // Fields written inside the paragraph (…个。牵头单位：…) end its text.
        if doc.classes(a, b) & class::LABEL != 0
            && let Some(q) = read_fields(doc, a, b, &mut t)
        {
            let mut te = q;
            while te > a && matches!(c[te - 1], '（' | '(' | ' ' | '；' | ';' | '，' | ',') {
                te -= 1;
            }
            t.end = te;
            t.text = doc.squeeze(a, te);
            // Figures among the fields (a unit's name, a date) are not the task's.
            t.figures.retain(|&f| figures[f].start < te);
            // Nothing but fields (and punctuation) before them: they are the previous
            // task's, as on a line of their own.
            if t.text.is_empty() {
                if let Some(prev) = tasks.last_mut() {
                    prev.lead_units.append(&mut t.lead_units);
                    prev.supporting_units.append(&mut t.supporting_units);
                    prev.deadline = prev.deadline.take().or(t.deadline);
                }
                continue;
            }
        }
        // A "paragraph" far longer than any item is a text that lost its line breaks: its
        // sentences are the best items left.
        if t.end - t.start > LONG_ITEM && t.lead_units.is_empty() {
            for piece in split_sentences(doc, st, vec![t], &figs_in) {
                tasks.push(piece);
                in_goals.push(goal);
            }
            continue;
        }
        tasks.push(t);
        in_goals.push(goal);
    }
    // A 主要预期目标 line is a task only as a decomposition row, with its units.
    let mut k = 0;
    tasks.retain(|t| {
        let keep = !in_goals[k] || !t.lead_units.is_empty() || t.deadline.is_some();
        k += 1;
        keep
    });
    if granularity == TaskGranularity::Sentence {
        tasks = split_sentences(doc, st, tasks, &figs_in);
    }
    tasks.shrink_to_fit();
    tasks
}

/// Each task cut at its sentences; a heading sentence without figures is no task of its own,
/// and a task with decomposition fields stays whole (the fields belong to the row).
fn split_sentences<'a>(
    doc: &Doc<'a>,
    st: &Structure<'_>,
    tasks: Vec<Task<'a>>,
    figs_in: &dyn Fn(usize, usize) -> Vec<usize>,
) -> Vec<Task<'a>> {
    let mut out = Vec::with_capacity(tasks.len() * 4);
    let mut loc = st.locator();
    for t in tasks {
        if !t.lead_units.is_empty() || !t.supporting_units.is_empty() || t.deadline.is_some() {
            out.push(t);
            continue;
        }
        let lo = st.sentences.partition_point(|s| s.end <= t.start);
        let before = out.len();
        for s in st.sentences[lo..].iter().take_while(|s| s.start < t.end) {
            let (a, b) = (s.start.max(t.start), s.end.min(t.end));
            if b <= a + 1 {
                continue;
            }
            let figures = figs_in(a, b);
            if figures.is_empty() && loc.in_heading(a, b) {
                continue;
            }
            out.push(Task {
                section: loc.section_at(a),
                text: doc.squeeze(a, b),
                start: a,
                end: b,
                figures,
                lead_units: Vec::new(),
                supporting_units: Vec::new(),
                deadline: None,
            });
        }
        if out.len() == before {
            out.push(t);
        }
    }
    out
}

#[cfg(test)]
mod tests;
