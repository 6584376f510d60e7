//! Report parser (work in progress).
