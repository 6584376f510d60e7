//! The outline: the parts of a report (回顾, 目标, 重点工作, 自身建设) and its numbered sections,
//! read line by line with their headings and the years the part headings give.

use super::*;

/// Parts, the section tree and their headings, with the years part headings give.
pub(super) struct Outline<'a> {
    pub(super) parts: Vec<Part<'a>>,
    pub(super) sections: Vec<Section<'a>>,
    pub(super) headings: Vec<(usize, usize)>,
    pub(super) heading_ends: Vec<usize>,
    pub(super) plan_year: Option<i32>,
    pub(super) review_year: Option<i32>,
}

/// Reads the parts (回顾, 目标, 重点工作, 自身建设) and numbered sections line by line.
pub(super) fn outline<'a>(
    doc: &Doc<'a>,
    lines: &[Line],
    diags: &mut Vec<Diagnostic>,
) -> Outline<'a> {
    let c = &doc.c;
    let n = c.len();
    let mut parts: Vec<Part> = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut headings = Vec::new();
    let mut heading_ends = Vec::new();
    let mut stack: Vec<(Style, usize)> = Vec::new();
    let mut last_num: std::collections::HashMap<(Option<usize>, Style), u32> =
        std::collections::HashMap::new();
    let mut cur_part = PartKind::Preamble;
    let mut plan_year: Option<i32> = None;
    let mut review_year: Option<i32> = None;
    let mut prev_line: Option<Line> = None;
    for (li, line) in lines.iter().enumerate() {
        let (ts, te) = (line.ts, line.te);
        if ts == te {
            continue;
        }
        let mk = marker(c, ts, te);
        let body = mk.map(|m| m.2).unwrap_or(ts);
        // The first line is the document's title, which names the whole (…重点任务分解方案).
        let is_title = prev_line.is_none() && contains_any(c, ts, te, lex::TITLE_WORDS);
        // A document title only tells that the text is a review excerpt (…：2022年工作回顾).
        let pk = if !is_title {
            headings::part_of_line(c, body, te)
        } else {
            headings::part_of_line(c, body, te).filter(|&k| k == PartKind::Review)
        };
        if let Some(k) = pk {
            let r = headings::rank(k);
            let ok = r > headings::rank(cur_part)
                && (k != PartKind::SelfBuilding || headings::rank(cur_part) >= 2)
                && (k != PartKind::Review || cur_part == PartKind::Preamble);
            if ok {
                for (_, idx) in stack.drain(..) {
                    sections[idx].end = ts;
                }
                last_num.retain(|k, _| k.0.is_none() && k.1 == Style::CnDun);
                if let Some(p) = parts.last_mut() {
                    p.end = ts;
                }
                headings.push((ts, te));
                parts.push(Part {
                    kind: k,
                    heading: doc.squeeze(ts, te),
                    start: ts,
                    end: n,
                });
                cur_part = k;
            }
            if ok || k == cur_part {
                let ys = dating::years_in(doc, ts, te);
                if let Some(&(y, _, _)) = ys.first() {
                    match k {
                        PartKind::Review => {
                            review_year.get_or_insert(y);
                        }
                        PartKind::Goals | PartKind::Work => {
                            plan_year.get_or_insert(y);
                        }
                        _ => {}
                    }
                } else if matches!(k, PartKind::Goals | PartKind::Work)
                    && plan_year.is_none()
                    && let Some(p) = prev_line.filter(|p| p.te - p.ts <= 20)
                    && let Some(&(y, ys, _)) = dating::years_in(doc, p.ts, p.te).first()
                    && ys == p.ts
                {
                    plan_year = Some(y);
                }
            }
        }
        if let Some((style, num, mend)) = mk {
            // Heading text: up to the first sentence stop on the line.
            let mut hs = mend;
            while hs < te && c[hs] == ' ' {
                hs += 1;
            }
            let mut he = hs;
            while he < te
                && !matches!(c[he], '。' | '！' | '？' | '；' | ';' | '：' | ':')
                && he - hs < 60
            {
                he += 1;
            }
            if let Some(pos) = stack.iter().position(|&(st, _)| st == style) {
                for (_, idx) in stack.drain(pos..) {
                    sections[idx].end = ts;
                }
            }
            let parent = stack.last().map(|&(_, idx)| idx);
            // Numbering order within the parent.
            // Only a step backwards or a skip after a sibling is flagged: extracts often start
            // mid-list.
            let prev_num = last_num.get(&(parent, style)).copied();
            let expected = prev_num.map(|k| k + 1).unwrap_or(num);
            if num != expected && num != 0 {
                diags.push(Diagnostic {
                    start: ts,
                    end: mend,
                    message: format!("标题编号不连续：期望第{expected}项，实际为第{num}项"),
                    severity: Severity::Warning,
                    kind: DiagnosticKind::HeadingOrder,
                });
            }
            last_num.insert((parent, style), num);
            let index = sections.len();
            sections.push(Section {
                index,
                parent,
                level: (stack.len() + 1).min(255) as u8,
                marker: doc.squeeze(ts, mend),
                heading: doc.squeeze(hs, he),
                part: cur_part,
                start: ts,
                end: n,
            });
            headings.push((ts, he));
            heading_ends.push(he);
            stack.push((style, index));
        }
        let _ = li;
        prev_line = Some(*line);
    }
    if parts.is_empty()
        || parts[0].start > 0 && lines.iter().any(|l| l.ts < parts[0].start && l.ts < l.te)
    {
        let end = parts.first().map(|p| p.start).unwrap_or(n);
        parts.insert(
            0,
            Part {
                kind: PartKind::Preamble,
                heading: crate::Text::Borrowed(""),
                start: 0,
                end,
            },
        );
    }

    Outline {
        parts,
        sections,
        headings,
        heading_ends,
        plan_year,
        review_year,
    }
}
