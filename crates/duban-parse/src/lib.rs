//! Parses the text of a 政府工作报告 (or a press summary, an excerpt, a 民生实事 list, a
//! 任务分解 notice) into its parts, section tree, sentences, quantitative figures and tasks.
//!
//! Pure and total: [`parse`] never fails and never panics; what it could not read is reported
//! in [`Parsed::diagnostics`]. All offsets are character offsets (Unicode scalar values) into
//! the exact input, end exclusive.

pub use duban_core::{Direction, FigureKind, Measure, Op, PartKind};
use serde::{Deserialize, Serialize};

mod figures;
pub mod numeral;
pub mod output;
mod structure;
mod tasks;
pub mod text;
pub mod units;

/// Everything read from one report.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Parsed {
    /// The year the plan part is for (e.g. 2024), from the report's own dating.
    pub plan_year: Option<i32>,
    /// The reviewed year (e.g. 2023).
    pub review_year: Option<i32>,
    pub title: Option<String>,
    pub parts: Vec<Part>,
    /// The section tree, flattened in document order.
    pub sections: Vec<Section>,
    pub sentences: Vec<Sentence>,
    pub figures: Vec<Figure>,
    pub tasks: Vec<Task>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A top-level part of the report (回顾, 目标, 重点工作, 自身建设).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Part {
    pub kind: PartKind,
    pub heading: String,
    pub start: usize,
    pub end: usize,
}

/// A numbered section (一、 / （一） / 一是 / 1. / （1）).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Section {
    pub index: usize,
    pub parent: Option<usize>,
    /// 1 for the outermost numbering style met, deeper styles nest below.
    pub level: u8,
    pub marker: String,
    pub heading: String,
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
pub struct Figure {
    pub kind: FigureKind,
    pub span: String,
    pub indicator: String,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: String,
    pub measure: Measure,
    pub op: Op,
    pub direction: Option<Direction>,
    pub year: Option<i32>,
    pub start: usize,
    pub end: usize,
    /// Index into [`Parsed::sections`] of the innermost section holding the figure.
    pub section: Option<usize>,
}

/// One item of the plan part, with what a decomposition notice says about it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Task {
    pub section: Option<usize>,
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Indices into [`Parsed::figures`].
    pub figures: Vec<usize>,
    pub lead_units: Vec<String>,
    pub supporting_units: Vec<String>,
    pub deadline: Option<String>,
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
    static BUFFERS: std::cell::RefCell<(Vec<char>, Vec<u32>)> = const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
}

/// The report as a char table normalised for scanning (`c`), plus the original text and a
/// byte offset for every 4th char, so that spans are cut verbatim from the input without
/// keeping a second full char table.
pub(crate) struct Doc<'a> {
    pub c: Vec<char>,
    text: &'a str,
    checkpoints: Vec<u32>,
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str) -> Doc<'a> {
        // Capacity by bytes (an upper bound on chars): untouched pages cost nothing, and it
        // saves a counting pass over the text.
        // The tables are reused from the previous parse on this thread: repeated parsing (a
        // batch import, the benchmark) then touches no fresh pages.
        let (mut c, mut checkpoints) = BUFFERS.with(|b| std::mem::take(&mut *b.borrow_mut()));
        c.clear();
        checkpoints.clear();
        c.reserve(text.len());
        checkpoints.reserve(text.len() / 4 + 1);
        for (i, (b, ch)) in text.char_indices().enumerate() {
            if i % 4 == 0 {
                // Texts over 4 GiB keep 0 and fall back to walking from the start.
                checkpoints.push(u32::try_from(b).unwrap_or(0));
            }
            c.push(text::norm(ch));
        }
        Doc {
            c,
            text,
            checkpoints,
        }
    }

    /// Hands the tables back for the next parse on this thread (small ones are kept only
    /// up to a bound, so that one huge text does not pin its memory).
    fn recycle(self) {
        if self.c.capacity() <= 16 << 20 {
            BUFFERS.with(|b| *b.borrow_mut() = (self.c, self.checkpoints));
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
        self.text[b..]
            .char_indices()
            .nth(skip)
            .map(|(k, _)| b + k)
            .unwrap_or(self.text.len())
    }

    /// The original text of chars `s..e`.
    pub fn text_of(&self, s: usize, e: usize) -> &'a str {
        let e = e.min(self.c.len());
        let s = s.min(e);
        &self.text[self.byte_of(s)..self.byte_of(e)]
    }

    /// The original text of `s..e`.
    pub fn slice(&self, s: usize, e: usize) -> String {
        self.text_of(s, e).to_string()
    }

    /// The original text of `s..e` without whitespace (line breaks inside words).
    pub fn squeeze(&self, s: usize, e: usize) -> String {
        let t = self.text_of(s, e);
        // The normalised table maps every blank to ' ' or '\n': check there, not by decoding.
        let (a, b) = (s.min(self.c.len()), e.min(self.c.len()));
        if self.c[a.min(b)..b]
            .iter()
            .any(|&ch| ch == ' ' || ch == '\n')
        {
            t.chars().filter(|c| !c.is_whitespace()).collect()
        } else {
            t.to_string()
        }
    }
}

/// Parses a report. Never panics; returns what it found plus diagnostics.
pub fn parse(text: &str) -> Parsed {
    let doc = Doc::new(text);
    let mut diagnostics = Vec::new();
    let st = structure::analyse(&doc, &mut diagnostics);
    let figures = figures::extract(&doc, &st, &mut diagnostics);
    let tasks = tasks::collect(&doc, &st, &figures);
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
