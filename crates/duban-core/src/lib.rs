//! duban's domain: the vocabulary every other crate speaks, plus the pure rules
//! (periods, 序时进度, status, lights). Nothing here does I/O, so every rule can be
//! tested exhaustively and reused by the web, the CLI and the document writers alike.

#![forbid(unsafe_code)]

pub mod chase;
pub mod figure;
pub mod model;
pub mod period;
pub mod registers;
pub mod scoring;
pub mod status;

pub use figure::{Direction, FigureKind, Measure, Op};
pub use model::*;
pub use period::{Cycle, Period};
