//! Parses the text of a 政府工作报告 (or a press summary, an excerpt, a 民生实事 list, a
//! 任务分解 notice) into its parts, section tree, sentences, quantitative figures and tasks.
//!
//! Pure and total: [`parse`] never fails and never panics; what it could not read is reported
//! in [`Parsed::diagnostics`]. All offsets are character offsets (Unicode scalar values) into
//! the exact input, end exclusive.

pub use duban_core::{Direction, FigureKind, Measure, Op, PartKind};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

mod figures;
mod lexicon;
pub mod numeral;
pub mod output;
mod structure;
mod tasks;
pub mod text;
pub use lexicon::units;

/// Text cut from the report: borrowed from the input where it is verbatim, owned where the
/// parser changed it (line breaks dropped, words folded). Parsing then copies almost nothing.
pub type Text<'a> = Cow<'a, str>;

/// Everything read from one report. Its texts borrow from the report; [`Parsed::into_owned`]
/// detaches them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Parsed<'a> {
    /// The year the plan part is for (e.g. 2024), from the report's own dating.
    pub plan_year: Option<i32>,
    /// The reviewed year (e.g. 2023).
    pub review_year: Option<i32>,
    pub title: Option<Text<'a>>,
    pub parts: Vec<Part<'a>>,
    /// The section tree, flattened in document order.
    pub sections: Vec<Section<'a>>,
    pub sentences: Vec<Sentence>,
    pub figures: Vec<Figure<'a>>,
    pub tasks: Vec<Task<'a>>,
    pub diagnostics: Vec<Diagnostic>,
}

fn own(t: Text<'_>) -> Text<'static> {
    Cow::Owned(t.into_owned())
}

impl Parsed<'_> {
    /// The same result with every text copied out of the report.
    pub fn into_owned(self) -> Parsed<'static> {
        Parsed {
            plan_year: self.plan_year,
            review_year: self.review_year,
            title: self.title.map(own),
            parts: self
                .parts
                .into_iter()
                .map(|p| Part {
                    kind: p.kind,
                    heading: own(p.heading),
                    start: p.start,
                    end: p.end,
                })
                .collect(),
            sections: self
                .sections
                .into_iter()
                .map(|s| Section {
                    marker: own(s.marker),
                    heading: own(s.heading),
                    index: s.index,
                    parent: s.parent,
                    level: s.level,
                    part: s.part,
                    start: s.start,
                    end: s.end,
                })
                .collect(),
            sentences: self.sentences,
            figures: self
                .figures
                .into_iter()
                .map(|f| Figure {
                    span: own(f.span),
                    indicator: own(f.indicator),
                    unit: own(f.unit),
                    kind: f.kind,
                    value: f.value,
                    value_max: f.value_max,
                    measure: f.measure,
                    op: f.op,
                    direction: f.direction,
                    year: f.year,
                    start: f.start,
                    end: f.end,
                    section: f.section,
                })
                .collect(),
            tasks: self
                .tasks
                .into_iter()
                .map(|t| Task {
                    text: own(t.text),
                    lead_units: t.lead_units.into_iter().map(own).collect(),
                    supporting_units: t.supporting_units.into_iter().map(own).collect(),
                    deadline: t.deadline.map(own),
                    section: t.section,
                    start: t.start,
                    end: t.end,
                    figures: t.figures,
                })
                .collect(),
            diagnostics: self.diagnostics,
        }
    }
}

/// A top-level part of the report (回顾, 目标, 重点工作, 自身建设).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Part<'a> {
    pub kind: PartKind,
    pub heading: Text<'a>,
    pub start: usize,
    pub end: usize,
}

/// A numbered section (一、 / （一） / 一是 / 1. / （1）).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Section<'a> {
    pub index: usize,
    pub parent: Option<usize>,
    /// 1 for the outermost numbering style met, deeper styles nest below.
    pub level: u8,
    pub marker: Text<'a>,
    pub heading: Text<'a>,
    pub part: PartKind,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

/// One quantitative statement, labelled as in the dev set's guide.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Figure<'a> {
    pub kind: FigureKind,
    pub span: Text<'a>,
    pub indicator: Text<'a>,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: Text<'a>,
    pub measure: Measure,
    pub op: Op,
    pub direction: Option<Direction>,
    pub year: Option<i32>,
    pub start: usize,
    pub end: usize,
    /// Index into [`Parsed::sections`] of the innermost section holding the figure.
    pub section: Option<usize>,
}

/// One item of the plan (a row of a 分解表: a marked item, or a paragraph of work where a
/// section has no markers; one sentence of it with [`TaskGranularity::Sentence`]), with what
/// a decomposition notice says about it. `figures` are the targets its text carries; the
/// 主要预期目标 are in no task and belong to the plan.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Task<'a> {
    pub section: Option<usize>,
    pub text: Text<'a>,
    pub start: usize,
    pub end: usize,
    /// Indices into [`Parsed::figures`].
    pub figures: Vec<usize>,
    pub lead_units: Vec<Text<'a>>,
    pub supporting_units: Vec<Text<'a>>,
    pub deadline: Option<Text<'a>>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DiagnosticKind {
    /// A number that could not be read (`IO(X)`, `??` next to a unit).
    UnreadableNumber,
    /// Garbled characters (`??` inside words).
    Garbled,
    /// Section numbers out of order or skipped.
    HeadingOrder,
    /// The text stops in the middle of a statement.
    Truncated,
}

/// Something the parser noticed but could not resolve.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Diagnostic {
    pub start: usize,
    pub end: usize,
    pub message: String,
    pub severity: Severity,
    pub kind: DiagnosticKind,
}

thread_local! {
    static BUFFERS: std::cell::RefCell<Buffers> = const {
        std::cell::RefCell::new((Vec::new(), Vec::new(), Vec::new()))
    };
}

type Buffers = (Vec<char>, Vec<u8>, Vec<u32>);

/// The report as a char table normalised for scanning (`c`) with each char's scanning class
/// (`cls`), plus the original text and a byte offset for every 4th char, so that spans are
/// cut verbatim from the input without keeping a second full char table.
pub(crate) struct Doc<'a> {
    pub c: Vec<char>,
    /// `text::class::of(c[i])`: the scanners skip eight chars of no interest at a time.
    pub cls: Vec<u8>,
    text: &'a str,
    checkpoints: Vec<u32>,
}

impl<'a> Doc<'a> {
    #[inline(never)] // Once per parse; kept out of line so that profiles show it.
    pub fn new(text: &'a str) -> Doc<'a> {
        // The tables are reused from the previous parse on this thread: repeated parsing (a
        // batch import, the benchmark) then touches no fresh pages.
        let (mut c, mut cls, mut checkpoints) =
            BUFFERS.with(|b| std::mem::take(&mut *b.borrow_mut()));
        c.clear();
        cls.clear();
        checkpoints.clear();
        // Capacity by bytes (an upper bound on chars): untouched pages cost nothing, and it
        // saves a counting pass over the text.
        c.reserve(text.len());
        cls.reserve(text.len());
        checkpoints.reserve(text.len() / 4 + 1);
        // Decoded by hand: the input is valid UTF-8, and a report is mostly three-byte
        // ideographs, which this loop takes without the general decoder's branches. Chars
        // go through small stack buffers and reach the tables by slice copies, which spares
        // a capacity check per char.
        const CHUNK: usize = 64;
        let mut cbuf = ['\0'; CHUNK];
        let mut kbuf = [0u8; CHUNK];
        let mut pbuf = [0u32; CHUNK / 4];
        let bytes = text.as_bytes();
        let mut b = 0;
        while b < bytes.len() {
            let mut k = 0;
            while k < CHUNK && b < bytes.len() {
                if k % 4 == 0 {
                    // Texts over 4 GiB keep 0 and fall back to walking from the start.
                    pbuf[k / 4] = u32::try_from(b).unwrap_or(0);
                }
                let x = bytes[b];
                let (u, w) = if x < 0x80 {
                    (x as u32, 1)
                } else if (0xe0..0xf0).contains(&x) && b + 2 < bytes.len() {
                    (
                        (x as u32 & 0x0f) << 12
                            | (bytes[b + 1] as u32 & 0x3f) << 6
                            | (bytes[b + 2] as u32 & 0x3f),
                        3,
                    )
                } else {
                    // Two- and four-byte forms: rare in a report, decoded by the library.
                    let ch = text
                        .get(b..)
                        .and_then(|t| t.chars().next())
                        .unwrap_or('\u{fffd}');
                    (ch as u32, ch.len_utf8())
                };
                let ch = char::from_u32(u).unwrap_or('\u{fffd}');
                let (ch, cl) = match text::class::raw(ch) {
                    text::class::NORM => {
                        let folded = text::norm(ch);
                        (folded, text::class::of(folded))
                    }
                    cl => (ch, cl),
                };
                cbuf[k] = ch;
                kbuf[k] = cl;
                k += 1;
                b += w;
            }
            c.extend_from_slice(&cbuf[..k]);
            cls.extend_from_slice(&kbuf[..k]);
            checkpoints.extend_from_slice(&pbuf[..k.div_ceil(4)]);
        }
        Doc {
            c,
            cls,
            text,
            checkpoints,
        }
    }

    /// The first position in `from..to` whose class shares a bit with `mask`, or `to`.
    #[inline]
    pub fn next_of(&self, from: usize, to: usize, mask: u8) -> usize {
        let to = to.min(self.cls.len());
        let mut i = from;
        let wide = u64::from_ne_bytes([mask; 8]);
        while i < to {
            if let Some(w) = self.cls[i..to].first_chunk::<8>() {
                let hit = u64::from_le_bytes(*w) & wide;
                if hit == 0 {
                    i += 8;
                    continue;
                }
                return i + (hit.trailing_zeros() / 8) as usize;
            }
            if self.cls[i] & mask != 0 {
                return i;
            }
            i += 1;
        }
        to
    }

    /// The union of the classes of `from..to`.
    #[inline]
    pub fn classes(&self, from: usize, to: usize) -> u8 {
        let to = to.min(self.cls.len());
        let from = from.min(to);
        let mut acc = 0u64;
        let chunks = self.cls[from..to].chunks_exact(8);
        let rest = chunks.remainder().iter().fold(0u8, |a, &x| a | x);
        for w in chunks {
            let mut a = [0u8; 8];
            a.copy_from_slice(w);
            acc |= u64::from_ne_bytes(a);
        }
        acc.to_ne_bytes().iter().fold(rest, |a, &x| a | x)
    }

    /// Hands the tables back for the next parse on this thread (small ones are kept only
    /// up to a bound, so that one huge text does not pin its memory).
    fn recycle(self) {
        if self.c.capacity() <= 16 << 20 {
            BUFFERS.with(|b| *b.borrow_mut() = (self.c, self.cls, self.checkpoints));
        }
    }

    /// Byte offset of char `i` (clamped to the end).
    fn byte_of(&self, i: usize) -> usize {
        if i >= self.c.len() {
            return self.text.len();
        }
        let (b, skip) = if self.text.len() <= u32::MAX as usize {
            (self.checkpoints[i / 4] as usize, i % 4)
        } else {
            (0, i)
        };
        // Step over whole chars by their lead bytes: the text is valid UTF-8.
        let bytes = self.text.as_bytes();
        let mut b = b;
        for _ in 0..skip {
            b += match bytes.get(b) {
                None => break,
                Some(&x) if x < 0x80 => 1,
                Some(&x) if x < 0xe0 => 2,
                Some(&x) if x < 0xf0 => 3,
                Some(_) => 4,
            };
        }
        b.min(self.text.len())
    }

    /// The original text of chars `s..e`.
    pub fn text_of(&self, s: usize, e: usize) -> &'a str {
        let e = e.min(self.c.len());
        let s = s.min(e);
        &self.text[self.byte_of(s)..self.byte_of(e)]
    }

    /// The original text of `s..e`.
    pub fn slice(&self, s: usize, e: usize) -> Text<'a> {
        Cow::Borrowed(self.text_of(s, e))
    }

    /// The original text of `s..e` without whitespace (line breaks inside words).
    pub fn squeeze(&self, s: usize, e: usize) -> Text<'a> {
        let t = self.text_of(s, e);
        // The normalised table maps every blank to ' ' or '\n', whose classes (CELL,
        // NEWLINE) the class table answers eight chars at a time.
        let (a, b) = (s.min(self.c.len()), e.min(self.c.len()));
        if self.classes(a.min(b), b) & (text::class::CELL | text::class::NEWLINE) != 0
            && self.c[a.min(b)..b]
                .iter()
                .any(|&ch| ch == ' ' || ch == '\n')
        {
            Cow::Owned(t.chars().filter(|c| !c.is_whitespace()).collect())
        } else {
            Cow::Borrowed(t)
        }
    }
}

/// How finely the plan's work is cut into tasks.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum TaskGranularity {
    /// One task per item, as the rows of a 分解表: a marked item (一是…, （一）…, ①…), or a
    /// paragraph of work where the section has no markers.
    #[default]
    Item,
    /// Each item split into its sentences, for offices that assign sentence by sentence.
    Sentence,
}

/// What [`parse_with`] can be asked to do differently.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct ParseOptions {
    pub tasks: TaskGranularity,
}

/// Parses a report with the default options. Never panics; returns what it found plus
/// diagnostics.
pub fn parse(text: &str) -> Parsed<'_> {
    parse_with(text, &ParseOptions::default())
}

/// Parses a report. Never panics; returns what it found plus diagnostics.
pub fn parse_with<'a>(text: &'a str, options: &ParseOptions) -> Parsed<'a> {
    let doc = Doc::new(text);
    let mut diagnostics = Vec::new();
    let st = structure::analyse(&doc, &mut diagnostics);
    let figures = figures::extract(&doc, &st, &mut diagnostics);
    let tasks = tasks::collect(&doc, &st, &figures, options.tasks);
    diagnostics.sort_by_key(|d| (d.start, d.end));
    doc.recycle();
    Parsed {
        plan_year: st.plan_year,
        review_year: st.review_year,
        title: st.title,
        parts: st.parts,
        sections: st.sections,
        sentences: st.sentences,
        figures,
        tasks,
        diagnostics,
    }
}
