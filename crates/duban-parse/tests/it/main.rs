//! Integration tests of duban-parse (one test binary).

mod cases;
mod dev;
mod props;
mod seed;
