//! Integration tests of duban-parse (one test binary).

mod cases;
mod dev;
mod layout;
mod noise;
mod props;
mod seed;
mod tasks;
