//! The figures a span of the text carries, for the tasks: each task is handed the figures
//! its text holds, and a paragraph with a target is part of the plan.

use crate::text::partition_point_near;
use crate::{Figure, FigureKind};
use std::cell::Cell;

/// The figures by start, with the answer to the last question kept: spans are asked about in
/// document order, mostly, so the first figure of a span is a step or two from the last
/// one, not a search of the whole list (a long text has tens of thousands of figures).
pub(super) struct Carried<'f, 'a> {
    figures: &'f [Figure<'a>],
    /// (start, index) of every figure, by start.
    by_start: Vec<(usize, usize)>,
    near: Cell<usize>,
}

impl<'f, 'a> Carried<'f, 'a> {
    pub(super) fn new(figures: &'f [Figure<'a>]) -> Self {
        let mut by_start: Vec<(usize, usize)> = figures
            .iter()
            .enumerate()
            .map(|(i, f)| (f.start, i))
            .collect();
        // Nearly in order already (figures come sentence by sentence): the adaptive stable
        // sort takes that in one pass, where the unstable one partitions the whole run.
        by_start.sort();
        Carried {
            figures,
            by_start,
            near: Cell::new(0),
        }
    }

    /// Indices of the figures starting in `a..b`, by start.
    fn starting_in(&self, a: usize, b: usize) -> impl Iterator<Item = usize> + '_ {
        let k = partition_point_near(&self.by_start, |x| x.0 < a, &self.near);
        self.by_start[k..]
            .iter()
            .take_while(move |x| x.0 < b)
            .map(|x| x.1)
    }

    /// Indices of the figures starting in `a..b`, in the order of the figure list.
    pub(super) fn figures_in(&self, a: usize, b: usize) -> Vec<usize> {
        let mut v: Vec<usize> = self.starting_in(a, b).collect();
        v.sort_unstable();
        v
    }

    /// Whether a target starts in `a..b`.
    pub(super) fn has_target(&self, a: usize, b: usize) -> bool {
        self.starting_in(a, b)
            .any(|i| self.figures[i].kind == FigureKind::Target)
    }
}
