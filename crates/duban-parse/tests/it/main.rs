//! Integration tests of duban-parse (one test binary).

mod dev;
mod props;
mod seed;
mod tasks;
