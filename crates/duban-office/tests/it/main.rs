//! duban-office integration tests: documents written and read back, readers against files the
//! tests build themselves.

mod docx_layout;
mod readers;
mod roundtrip;
mod xml;
