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

/// The report as char tables: `orig` for spans, `c` normalised for scanning.
pub(crate) struct Doc {
    pub orig: Vec<char>,
    pub c: Vec<char>,
}

/// Parses a report. Never panics; returns what it found plus diagnostics.
pub fn parse(text: &str) -> Parsed {
    let orig: Vec<char> = text.chars().collect();
    let c: Vec<char> = orig.iter().map(|&ch| text::norm(ch)).collect();
    let doc = Doc { orig, c };
    let mut diagnostics = Vec::new();
    let st = structure::analyse(&doc, &mut diagnostics);
    let figures = figures::extract(&doc, &st, &mut diagnostics);
    let tasks = tasks::collect(&doc, &st, &figures);
    diagnostics.sort_by_key(|d| (d.start, d.end));
    Parsed {
        plan_year: st.plan_year,
        review_year: st.review_year,
        title: st.title.clone(),
        parts: st.parts.clone(),
        sections: st.sections.clone(),
        sentences: st.sentences.clone(),
        figures,
        tasks,
        diagnostics,
    }
}
