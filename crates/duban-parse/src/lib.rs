//! Parses the text of a 政府工作报告 (or a press summary, an excerpt, a 民生实事 list, a
//! 任务分解 notice) into its parts, section tree, sentences, quantitative figures and tasks.
//!
//! Pure and total: [`parse`] never fails and never panics; what it could not read is reported
//! in [`Parsed::diagnostics`]. All offsets are character offsets (Unicode scalar values) into
//! the exact input, end exclusive.

pub use duban_core::{Direction, FigureKind, Measure, Op, PartKind};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

mod doc;
mod figures;
mod lexicon;
pub mod numeral;
pub mod output;
mod structure;
mod tasks;
pub mod text;
pub(crate) use doc::Doc;
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
    let mut parsed = Parsed {
        plan_year: st.plan_year,
        review_year: st.review_year,
        title: st.title,
        parts: st.parts,
        sections: st.sections,
        sentences: st.sentences,
        figures,
        tasks,
        diagnostics,
    };
    to_input(&doc, &mut parsed);
    doc.recycle();
    parsed
}

/// Table positions to input offsets, for a text whose blanks were left out of the table.
fn to_input(doc: &Doc<'_>, p: &mut Parsed<'_>) {
    if !doc.left_out_blanks() {
        return;
    }
    let map = |s: &mut usize, e: &mut usize| (*s, *e) = doc.input_range(*s, *e);
    p.parts
        .iter_mut()
        .for_each(|x| map(&mut x.start, &mut x.end));
    p.sections
        .iter_mut()
        .for_each(|x| map(&mut x.start, &mut x.end));
    p.sentences
        .iter_mut()
        .for_each(|x| map(&mut x.start, &mut x.end));
    p.figures
        .iter_mut()
        .for_each(|x| map(&mut x.start, &mut x.end));
    p.tasks
        .iter_mut()
        .for_each(|x| map(&mut x.start, &mut x.end));
    p.diagnostics
        .iter_mut()
        .for_each(|x| map(&mut x.start, &mut x.end));
}
