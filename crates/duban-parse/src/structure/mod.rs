//! Lines, sentences, paragraphs, parts, the section tree and the report's own dating.

mod dating;
mod diagnostics;
mod headings;
mod outline;
mod sentences;

pub(crate) use dating::{commitment_title, year_at};
pub(crate) use headings::{Style, marker};
use outline::outline;

use crate::lexicon::structure as lex;
use crate::text::{class, contains_any};
use crate::{Diagnostic, DiagnosticKind, Doc, Part, PartKind, Section, Sentence, Severity};

#[derive(Debug, Clone, Copy)]
pub(crate) struct Line {
    /// First and one-past-last non-blank char of the line (ts == te for a blank line).
    pub ts: usize,
    pub te: usize,
}

pub(crate) struct Structure<'a> {
    pub plan_year: Option<i32>,
    pub review_year: Option<i32>,
    pub title: Option<crate::Text<'a>>,
    pub parts: Vec<Part<'a>>,
    pub sections: Vec<Section<'a>>,
    pub sentences: Vec<Sentence>,
    /// (start, end) of each section's marker + heading text, in document order.
    pub headings: Vec<(usize, usize)>,
    /// Where each section's heading text ends (parallel to `sections`).
    pub heading_ends: Vec<usize>,
    /// Paragraphs: lines, with the lines that wrap one paragraph joined.
    pub paragraphs: Vec<Paragraph>,
    /// The document's title line (its first line with words), when it is one.
    pub title_line: Option<(usize, usize)>,
}

/// One paragraph: chars `start..end`, holding `sentences[first..last]`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Paragraph {
    pub start: usize,
    pub end: usize,
    pub first: usize,
    pub last: usize,
}

impl Structure<'_> {
    /// The part holding `pos` (the reference the [`Locator`] is tested against).
    #[cfg(test)]
    pub fn part_at(&self, pos: usize) -> PartKind {
        let i = self.parts.partition_point(|p| p.start <= pos);
        if i == 0 {
            PartKind::Preamble
        } else {
            self.parts[i - 1].kind
        }
    }

    /// The innermost section holding `pos` (the reference the [`Locator`] is tested against).
    #[cfg(test)]
    pub fn section_at(&self, pos: usize) -> Option<usize> {
        let i = self.sections.partition_point(|s| s.start <= pos);
        let mut cur = if i == 0 { None } else { Some(i - 1) };
        while let Some(k) = cur {
            let s = &self.sections[k];
            if pos < s.end {
                return Some(k);
            }
            cur = s.parent;
        }
        None
    }

    /// Whether `start..end` lies inside a section heading.
    #[cfg(test)]
    pub fn in_heading(&self, start: usize, end: usize) -> bool {
        let i = self.headings.partition_point(|h| h.0 <= start);
        i > 0 && end <= self.headings[i - 1].1 + 1
    }

    /// A locator for positions visited mostly in document order.
    pub fn locator(&self) -> Locator<'_> {
        Locator {
            st: self,
            part: 0,
            section: 0,
            heading: 0,
        }
    }
}

/// Answers [`Structure::part_at`], [`Structure::section_at`] and [`Structure::in_heading`]
/// for positions met in document order by stepping forward from the previous answer: a long
/// text has thousands of sections, and a fresh binary search per sentence and per figure
/// misses the cache at every step. Going backwards falls back to the binary search.
pub(crate) struct Locator<'a> {
    st: &'a Structure<'a>,
    /// Count of parts / sections / headings starting at or before the last position.
    part: usize,
    section: usize,
    heading: usize,
}

/// The count of leading elements with `start(e) <= pos`, stepping on from `from`.
#[inline]
fn count_from<T>(v: &[T], from: usize, pos: usize, start: impl Fn(&T) -> usize) -> usize {
    let mut i = from.min(v.len());
    if i > 0 && start(&v[i - 1]) > pos {
        return v.partition_point(|e| start(e) <= pos);
    }
    // A short forward walk, then a binary search for long jumps.
    let stop = (i + 8).min(v.len());
    while i < stop {
        if start(&v[i]) > pos {
            return i;
        }
        i += 1;
    }
    i + v[i..].partition_point(|e| start(e) <= pos)
}

impl Locator<'_> {
    pub fn part_at(&mut self, pos: usize) -> PartKind {
        self.part = count_from(&self.st.parts, self.part, pos, |p| p.start);
        if self.part == 0 {
            PartKind::Preamble
        } else {
            self.st.parts[self.part - 1].kind
        }
    }

    pub fn section_at(&mut self, pos: usize) -> Option<usize> {
        self.section = count_from(&self.st.sections, self.section, pos, |s| s.start);
        let mut cur = self.section.checked_sub(1);
        while let Some(k) = cur {
            let s = &self.st.sections[k];
            if pos < s.end {
                return Some(k);
            }
            cur = s.parent;
        }
        None
    }

    pub fn in_heading(&mut self, start: usize, end: usize) -> bool {
        self.heading = count_from(&self.st.headings, self.heading, start, |h| h.0);
        self.heading > 0 && end <= self.st.headings[self.heading - 1].1 + 1
    }
}

#[inline(never)] // Kept out of line so that profiles show each phase.
pub(crate) fn analyse<'a>(doc: &Doc<'a>, diags: &mut Vec<Diagnostic>) -> Structure<'a> {
    let (lines, garbles) = lines_of(doc);
    let o = outline(doc, &lines, diags);
    let (sentences, paragraphs) = sentences::split(doc, &lines);
    let (plan_year, review_year) =
        dating::years(doc, &lines, &sentences, o.plan_year, o.review_year);
    let title_line = title_line(&doc.c, &lines);
    let title = title_line.map(|(ts, te)| doc.slice(ts, te));
    diagnostics::garbles(doc, &garbles, diags);
    Structure {
        plan_year,
        review_year,
        title,
        parts: o.parts,
        sections: o.sections,
        sentences,
        headings: o.headings,
        heading_ends: o.heading_ends,
        paragraphs,
        title_line,
    }
}

/// The lines, trimmed, and the positions of '?' and 'I' met on the way (for the garble
/// diagnostics).
fn lines_of(doc: &Doc<'_>) -> (Vec<Line>, Vec<usize>) {
    let c = &doc.c;
    let n = c.len();
    let mut lines = Vec::new();
    let mut garbles: Vec<usize> = Vec::new();
    let mut s = 0;
    let mut i = 0;
    while i <= n {
        i = doc.next_of(i, n, class::GARBLE | class::NEWLINE);
        let cl = if i < n { doc.cls[i] } else { class::NEWLINE };
        if cl & class::GARBLE != 0 {
            garbles.push(i);
        }
        if cl & class::NEWLINE != 0 {
            let mut ts = s;
            let mut te = i;
            while ts < te && (c[ts].is_whitespace() || c[ts] == ' ') {
                ts += 1;
            }
            while te > ts && (c[te - 1].is_whitespace() || c[te - 1] == ' ') {
                te -= 1;
            }
            lines.push(Line { ts, te });
            s = i + 1;
        }
        i += 1;
    }

    (lines, garbles)
}

/// The first line with words, past metadata lines such as `# source: …` that saved copies
/// of a text carry, when it is short enough to be a title.
fn title_line(c: &[char], lines: &[Line]) -> Option<(usize, usize)> {
    let metadata = |l: &Line| {
        c[l.ts] == '#'
            && c[l.ts + 1..l.te]
                .iter()
                .skip_while(|&&x| x == '#' || x == ' ')
                .take_while(|&&x| x != ':')
                .all(|x| x.is_ascii_alphanumeric() || *x == '_' || *x == '-')
            && c[l.ts..l.te].contains(&':')
    };
    lines
        .iter()
        .find(|l| l.ts < l.te && !metadata(l))
        .filter(|l| l.te - l.ts <= 80)
        .map(|l| (l.ts, l.te))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(s: &str) -> Doc<'_> {
        Doc::new(s)
    }

    #[test]
    fn markers() {
        let d = doc("（一）甲，一、乙，一是丙，1.丁，(2)戊，12.5%");
        let c = &d.c;
        assert_eq!(marker(c, 0, c.len()).map(|m| m.0), Some(Style::CnParen));
        assert_eq!(marker(c, 5, c.len()).map(|m| m.0), Some(Style::CnDun));
        assert_eq!(marker(c, 9, c.len()).map(|m| m.0), Some(Style::CnShi));
        assert_eq!(marker(c, 13, c.len()).map(|m| m.0), Some(Style::Arabic));
        assert_eq!(
            marker(c, 17, c.len()).map(|m| (m.0, m.1)),
            Some((Style::ArabicParen, 2))
        );
        assert_eq!(marker(c, 21, c.len()), None);
    }

    /// 目标 alone makes a short line a goals heading; a short sentence that says 目标 is not one.
    #[test]
    fn a_short_sentence_with_mubiao_is_no_heading() {
        let c: Vec<char> = "主要目标\n连续三年获评目标考核一等奖。".chars().collect();
        assert_eq!(headings::part_of_line(&c, 0, 4), Some(PartKind::Goals));
        assert_eq!(headings::part_of_line(&c, 5, c.len()), None);
    }

    #[test]
    fn parts_and_years() {
        let d = doc(
            "某县政府工作报告\n2022年工作回顾\n去年做了很多事。\n2023年工作安排\n一、抓产业\n（一）扩投资。\n（三）稳就业。\n",
        );
        let mut diags = Vec::new();
        let st = analyse(&d, &mut diags);
        let kinds: Vec<_> = st.parts.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            vec![PartKind::Preamble, PartKind::Review, PartKind::Goals]
        );
        assert_eq!((st.plan_year, st.review_year), (Some(2023), Some(2022)));
        assert_eq!(st.sections.len(), 3);
        assert_eq!(st.sections[1].parent, Some(0));
        assert_eq!(st.sections[1].level, 2);
        assert!(diags.iter().any(|d| d.kind == DiagnosticKind::HeadingOrder));
    }

    #[test]
    fn locator_agrees_with_binary_search_in_any_order() {
        let mut text =
            String::from("某县政府工作报告\n2022年工作回顾\n去年做了很多事。\n2023年工作安排\n");
        for k in 1..=30 {
            text.push_str(&format!("{k}.第{k}项工作\n（1）细项一。\n（2）细项二。\n"));
        }
        let d = doc(&text);
        let st = analyse(&d, &mut Vec::new());
        assert!(st.sections.len() > 60);
        let n = d.c.len();
        // Forward, backward and jumping orders must all give the binary search's answers.
        let mut order: Vec<usize> = (0..=n).collect();
        order.extend((0..=n).rev());
        order.extend((0..=n).map(|i| (i * 7919) % (n + 1)));
        let mut loc = st.locator();
        for p in order {
            assert_eq!(loc.part_at(p), st.part_at(p), "part at {p}");
            assert_eq!(loc.section_at(p), st.section_at(p), "section at {p}");
            let e = (p + 3).min(n);
            assert_eq!(loc.in_heading(p, e), st.in_heading(p, e), "heading at {p}");
        }
    }

    #[test]
    fn every_parenthesised_chinese_number_is_a_marker() {
        // 四 lies outside the code-point range 一..十: it must still count.
        for (k, m) in [
            "（一）",
            "（二）",
            "（三）",
            "（四）",
            "(四)",
            "（九）",
            "（十）",
        ]
        .iter()
        .enumerate()
        {
            let d = doc(m);
            let found = marker(&d.c, 0, d.c.len());
            assert_eq!(found.map(|x| x.0), Some(Style::CnParen), "{m}");
            if k == 3 {
                assert_eq!(found.map(|x| x.1), Some(4));
            }
        }
    }

    #[test]
    fn a_sentence_broken_by_a_blank_line_is_rejoined() {
        let text = "二是深化改革。提升运营能力，分类推动\n\n市场化转型发展。\n抓好八个方面\n一是稳就业。\n";
        let d = doc(text);
        let st = analyse(&d, &mut Vec::new());
        let sents: Vec<String> = st
            .sentences
            .iter()
            .map(|s| d.c[s.start..s.end].iter().collect())
            .collect();
        assert!(
            sents.contains(&"提升运营能力，分类推动\n\n市场化转型发展。".to_string()),
            "{sents:?}"
        );
        // A short title line is not joined to what follows.
        assert!(sents.contains(&"抓好八个方面".to_string()), "{sents:?}");
    }

    #[test]
    fn metadata_lines_are_not_the_title() {
        let d = doc("# source: a saved copy\n某县2024年政府工作报告\n一、工作回顾\n");
        let st = analyse(&d, &mut Vec::new());
        assert_eq!(st.title.as_deref(), Some("某县2024年政府工作报告"));
        // A heading written with # is still a title.
        let d = doc("# 某县2024年政府工作报告\n正文。\n");
        let st = analyse(&d, &mut Vec::new());
        assert_eq!(st.title.as_deref(), Some("# 某县2024年政府工作报告"));
    }
}
