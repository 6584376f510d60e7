//! Lines, sentences, parts, the section tree and the report's own dating.

use crate::lexicon::structure as lex;
use crate::numeral;
use crate::text::class;
use crate::text::{Words, at, contains_any, find, is_cjk, is_sentence_end};
use crate::{Diagnostic, DiagnosticKind, Doc, Part, PartKind, Section, Sentence, Severity};
use std::sync::LazyLock;

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

/// Numbering styles, in the order official documents nest them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Style {
    CnDun,
    CnParen,
    CnShi,
    Arabic,
    ArabicParen,
    Circled,
}

/// A section marker at `i`: (style, number, end of marker).
pub(crate) fn marker(c: &[char], i: usize, end: usize) -> Option<(Style, u32, usize)> {
    let ch = *c.get(i)?;
    if ('①'..='⑳').contains(&ch) {
        return Some((Style::Circled, ch as u32 - '①' as u32 + 1, i + 1));
    }
    if ch == '（' || ch == '(' {
        let j = i + 1;
        if let Some(n) = numeral::arabic(c, j)
            && n.end - j <= 2
            && n.end == n.tail_start
            && matches!(c.get(n.end), Some('）' | ')'))
        {
            return Some((Style::ArabicParen, n.value as u32, n.end + 1));
        }
        let mut k = j;
        while k < end
            && k - j < 3
            && matches!(
                c[k],
                '〇' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
            )
        {
            k += 1;
        }
        if k > j && matches!(c.get(k), Some('）' | ')')) {
            let v = numeral::chinese(c, j).map(|n| n.value).unwrap_or(0.0);
            return Some((Style::CnParen, v as u32, k + 1));
        }
        return None;
    }
    if ch.is_ascii_digit() {
        let n = numeral::arabic(c, i)?;
        if n.end - i <= 2
            && n.end == n.tail_start
            && n.value.fract() == 0.0
            && matches!(c.get(n.end), Some('.' | '、'))
            && !c.get(n.end + 1).is_some_and(|d| d.is_ascii_digit())
        {
            return Some((Style::Arabic, n.value as u32, n.end + 1));
        }
        return None;
    }
    let mut k = i;
    while k < end
        && k - i < 3
        && numeral::is_cn_numeral(c[k])
        && !matches!(c[k], '百' | '千' | '万' | '亿' | '两' | '零' | '〇' | '○')
    {
        k += 1;
    }
    if k > i {
        let v = numeral::chinese(c, i).map(|n| n.value).unwrap_or(0.0) as u32;
        match c.get(k) {
            Some('、') => return Some((Style::CnDun, v, k + 1)),
            Some('是') => return Some((Style::CnShi, v, k + 1)),
            _ => {}
        }
    }
    None
}

#[inline(never)]
fn part_of_line(c: &[char], ts: usize, te: usize) -> Option<PartKind> {
    let len = te - ts;
    if len == 0 || len > 40 {
        return None;
    }
    if find(c, ts, te, "%").is_some() || (c[te - 1] == '。' && len > 20) {
        return None;
    }
    // Every keyword below contains one of these chars: a cheap reject for ordinary lines.
    if !c[ts..te].iter().any(|ch| lex::PART_PREFILTER.contains(ch)) {
        return None;
    }
    // One pass over the line marks which keyword groups occur in it.
    let line = &c[..te];
    let mut seen = 0u8;
    for (k, &ch) in line.iter().enumerate().skip(ts) {
        if !PART_WORDS.iter().any(|w| w.may_start(ch)) {
            continue;
        }
        for (bit, words) in PART_WORDS.iter().enumerate() {
            if words.word_at(line, k).is_some() {
                seen |= 1 << bit;
            }
        }
    }
    // A heading reporting results (主要目标任务圆满完成) is not the plan's heading.
    if seen & 1 != 0 {
        return None;
    }
    if seen & 2 != 0 {
        return Some(PartKind::SelfBuilding);
    }
    if seen & 4 != 0 {
        return Some(PartKind::Review);
    }
    if seen & 8 != 0 {
        return Some(PartKind::Work);
    }
    if seen & 16 != 0 || (len <= 30 && find(c, ts, te, "目标").is_some()) {
        return Some(PartKind::Goals);
    }
    None
}

/// The keywords of part headings, by group: results (not a plan heading), 自身建设, the
/// review, the work plan and the goals.
static PART_WORDS: LazyLock<[Words; 5]> = LazyLock::new(|| {
    [
        Words::new(lex::PART_RESULT),
        Words::new(lex::PART_SELF_BUILDING),
        Words::new(lex::PART_REVIEW),
        Words::new(lex::PART_WORK),
        Words::new(lex::PART_GOALS),
    ]
});

fn rank(k: PartKind) -> u8 {
    match k {
        PartKind::Preamble => 0,
        PartKind::Review => 1,
        PartKind::Goals => 2,
        PartKind::Work => 3,
        PartKind::SelfBuilding => 4,
    }
}

/// A year written as 2023年 / 二〇二三年 at `i`: (year, end after 年).
pub(crate) fn year_at(c: &[char], i: usize) -> Option<(i32, usize)> {
    // A year is four numerals and 年: look at the 年 before reading any number.
    if c.get(i + 4) != Some(&'年') {
        return None;
    }
    let n = numeral::read(c, i)?;
    if c.get(n.end) != Some(&'年') || n.tail != 1.0 {
        return None;
    }
    let len = n.end - i;
    if len != 4 || n.value.fract() != 0.0 {
        return None;
    }
    let y = n.value as i32;
    (1949..=2100).contains(&y).then_some((y, n.end + 1))
}

/// Every year mention in `start..end`.
fn years_in(doc: &Doc<'_>, start: usize, end: usize) -> Vec<(i32, usize, usize)> {
    let c = &doc.c;
    let mut out = Vec::new();
    // Only numerals can start a year: jump between them.
    let mut i = doc.next_of(start, end, class::NUM);
    while i < end {
        let ch = c[i];
        let prev_num = i > 0 && (c[i - 1].is_ascii_digit() || numeral::is_cn_numeral(c[i - 1]));
        if !prev_num
            && (ch.is_ascii_digit() || numeral::cn_digit(ch).is_some())
            && let Some((y, e)) = year_at(c, i)
        {
            out.push((y, i, e));
            i = doc.next_of(e, end, class::NUM);
            continue;
        }
        i = doc.next_of(i + 1, end, class::NUM);
    }
    out
}

#[inline(never)] // Kept out of line so that profiles show each phase.
pub(crate) fn analyse<'a>(doc: &Doc<'a>, diags: &mut Vec<Diagnostic>) -> Structure<'a> {
    let c = &doc.c;
    let n = c.len();

    // Lines, trimmed.
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

    // Parts, sections, headings.
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
            part_of_line(c, body, te)
        } else {
            part_of_line(c, body, te).filter(|&k| k == PartKind::Review)
        };
        if let Some(k) = pk {
            let r = rank(k);
            let ok = r > rank(cur_part)
                && (k != PartKind::SelfBuilding || rank(cur_part) >= 2)
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
                let ys = years_in(doc, ts, te);
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
                    && let Some(&(y, ys, _)) = years_in(doc, p.ts, p.te).first()
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

    // Sentences: split at 。！？ and at line ends, but re-join lines that wrap a paragraph.
    let mut sentences = Vec::new();
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut para_start: Option<(usize, usize)> = None;
    let mut open: Option<usize> = None;
    let mut last_te = 0;
    let mut last_ts = 0;
    let mut last_len = 0;
    for line in &lines {
        let (ts, te) = (line.ts, line.te);
        if ts == te {
            continue;
        }
        if let Some(st) = open {
            let prev = c[last_te - 1];
            // Spaces and bars have the CELL class: most lines are ruled out eight chars at a time.
            let table_row = last_te >= 2
                && doc.classes(last_ts, last_te) & class::CELL != 0
                && (c[last_ts..last_te].windows(2).any(|w| w == [' ', ' '])
                    || c[last_ts..last_te].contains(&'|'));
            // A line wraps a paragraph when it is long, or when the open sentence began
            // after another sentence on it (a heading never does): 分类推动⏎⏎市场化转型.
            let wraps = (last_len >= 40 || st > last_ts)
                && !table_row
                && (is_cjk(prev) || prev.is_ascii_alphanumeric())
                && marker(c, ts, te).is_none()
                && !lex::BULLETS.contains(&c[ts]);
            if !wraps {
                sentences.push(Sentence {
                    start: st,
                    end: last_te,
                });
                open = None;
            }
        }
        // A line starts a paragraph unless it carries on the open sentence.
        if open.is_none() {
            if let Some((ps, pf)) = para_start.take() {
                paragraphs.push(Paragraph {
                    start: ps,
                    end: last_te,
                    first: pf,
                    last: sentences.len(),
                });
            }
            para_start = Some((ts, sentences.len()));
        }
        let mut i = ts;
        while i < te {
            if open.is_none() {
                if c[i] == ' ' {
                    i += 1;
                    continue;
                }
                open = Some(i);
            }
            if doc.cls[i] & class::SENT_END == 0 {
                i = doc.next_of(i + 1, te, class::SENT_END);
                continue;
            }
            // A '?' between characters is a garbled char (政??府), not a question mark.
            let garbled = matches!(c[i], '?' | '？')
                && c.get(i + 1)
                    .is_some_and(|&x| is_cjk(x) || x.is_ascii_digit() || x == '?' || x == '？');
            if is_sentence_end(c[i]) && !garbled {
                // Keep closing quotes with the sentence.
                let mut e = i + 1;
                while e < te && matches!(c[e], '”' | '’' | '」' | '）' | ')') {
                    e += 1;
                }
                if let Some(st) = open.take() {
                    sentences.push(Sentence { start: st, end: e });
                }
                i = e;
                continue;
            }
            i += 1;
        }
        last_te = te;
        last_ts = ts;
        last_len = te - ts;
    }
    if let Some(st) = open {
        sentences.push(Sentence {
            start: st,
            end: last_te.max(st),
        });
    }
    if let Some((ps, pf)) = para_start {
        paragraphs.push(Paragraph {
            start: ps,
            end: last_te.max(ps),
            first: pf,
            last: sentences.len(),
        });
    }

    // Years from the title block, the report's date and forward/backward cues.
    let head: Vec<&Line> = lines.iter().filter(|l| l.ts < l.te).take(8).collect();
    for l in &head {
        for (y, ys, ye) in years_in(doc, l.ts, l.te) {
            if find(c, ye, l.te, "政府工作报告").is_some() && ye - ys <= 6
                || at(c, ye, "政府工作报告")
            {
                plan_year.get_or_insert(y);
            }
            // A dated report: 2023年1月8日 / 二〇二二年十二月二十日.
            if let Some(m) = numeral::read(c, ye)
                && c.get(m.end) == Some(&'月')
                && m.value >= 1.0
                && m.value <= 12.0
                && plan_year.is_none()
                && review_year.is_none()
            {
                if m.value <= 6.0 {
                    plan_year = Some(y);
                } else if m.value >= 9.0 {
                    plan_year = Some(y + 1);
                }
            }
        }
    }
    if plan_year.is_none() && review_year.is_none() {
        'outer: for s in &sentences {
            for (y, _, ye) in years_in(doc, s.start, s.end) {
                let win = (ye + 14).min(s.end);
                if at(c, ye, "工作回顾")
                    || contains_any(c, ye, win, lex::REVIEW_YEAR_CUES)
                        && !contains_any(c, ye, win, lex::PLAN_YEAR_CUES)
                {
                    review_year = Some(y);
                    break 'outer;
                }
                if contains_any(c, ye, win, lex::PLAN_YEAR_CUES)
                    || contains_any(c, ye, win, lex::PLAN_YEAR_WEAK_CUES)
                {
                    plan_year = Some(y);
                    break 'outer;
                }
            }
        }
    }
    match (plan_year, review_year) {
        (Some(p), None) => review_year = Some(p - 1),
        (None, Some(r)) => plan_year = Some(r + 1),
        _ => {}
    }

    // The first line with words, past metadata lines such as `# source: …` that saved copies
    // of a text carry.
    let metadata = |l: &Line| {
        c[l.ts] == '#'
            && c[l.ts + 1..l.te]
                .iter()
                .skip_while(|&&x| x == '#' || x == ' ')
                .take_while(|&&x| x != ':')
                .all(|x| x.is_ascii_alphanumeric() || *x == '_' || *x == '-')
            && c[l.ts..l.te].contains(&':')
    };
    let title_line = lines
        .iter()
        .find(|l| l.ts < l.te && !metadata(l))
        .filter(|l| l.te - l.ts <= 80)
        .map(|l| (l.ts, l.te));
    let title = title_line.map(|(ts, te)| doc.slice(ts, te));

    // Garbled characters and unreadable numbers (positions collected with the lines).
    let mut i = 0;
    for &g in &garbles {
        if g < i {
            continue;
        }
        i = g;
        if c[i] == '?' || c[i] == '？' {
            let s0 = i;
            while i < n && (c[i] == '?' || c[i] == '？') {
                i += 1;
            }
            let before = s0 > 0 && (is_cjk(c[s0 - 1]) || c[s0 - 1].is_ascii_digit());
            let after = i < n && (is_cjk(c[i]) || c[i].is_ascii_digit());
            if before && after && (i - s0 >= 2 || is_cjk(c[s0 - 1]) && is_cjk(c[i])) {
                let digit = c[s0 - 1].is_ascii_digit() || c[i].is_ascii_digit();
                diags.push(Diagnostic {
                    start: s0,
                    end: i,
                    message: if digit {
                        "数字中有无法识别的字符".into()
                    } else {
                        "疑似乱码：无法识别的字符".into()
                    },
                    severity: Severity::Warning,
                    kind: if digit {
                        DiagnosticKind::UnreadableNumber
                    } else {
                        DiagnosticKind::Garbled
                    },
                });
            }
            continue;
        }
        if c[i] == 'I' && at(c, i, "IO(") {
            let mut e = i + 3;
            while e < n && e - i < 12 && c[e] != ')' {
                e += 1;
            }
            diags.push(Diagnostic {
                start: i,
                end: (e + 1).min(n),
                message: "无法读取的数字".into(),
                severity: Severity::Warning,
                kind: DiagnosticKind::UnreadableNumber,
            });
            i = e;
        }
        i += 1;
    }

    Structure {
        plan_year,
        review_year,
        title,
        parts,
        sections,
        sentences,
        headings,
        heading_ends,
        paragraphs,
        title_line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(s: &str) -> Doc<'_> {
        Doc::new(s)
    }

    #[test]
    fn markers() {
        let d = doc("（一）甲 一、乙 一是丙 1.丁 (2)戊 12.5%");
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
