//! Office documents in and out. Everything here works on bytes in memory and returns typed
//! errors with a message a person can act on; nothing here knows the database.
//!
//! - [`check`]: what a file is (.docx, .xlsx, old .doc/.xls, encrypted, PDF, …) and the message
//!   for one that cannot be read.
//! - [`report`]: a report (.txt or .docx) as text for the parser.
//! - [`decomposition`]: the 任务分解表 read from .xlsx/.csv and written as .xlsx.
//! - [`progress_sheet`]: the period's 落实情况表 as .xlsx.
//! - [`official`]: GB/T 9704-2012 Word documents (督查通报, 年度工作回顾, 催办单) and their
//!   Markdown twin.
//! - [`table`], [`text`]: generic CSV/Excel tables and text decoding.

pub mod check;
pub mod decomposition;
pub mod official;
pub mod progress_sheet;
pub mod report;
pub mod samples;
pub mod table;
pub mod text;
