//! The report in: a .txt (UTF-8 or GBK) or a .docx, as plain text for the parser.

mod docx;
mod numbering;
pub(crate) mod xml;

pub use docx::{DocBlock, DocxText, read_docx};

use crate::check::{Expected, FileError, FileKind, check};

/// Input limits for a report file.
#[derive(Debug, Clone, Copy)]
pub struct ReportLimits {
    /// Largest file accepted, in bytes.
    pub max_bytes: usize,
    /// Largest unpacked XML part of a .docx, in bytes (a zip bomb stops here).
    pub max_part_bytes: u64,
}

impl Default for ReportLimits {
    fn default() -> Self {
        ReportLimits {
            max_bytes: 20 << 20,
            max_part_bytes: 100 << 20,
        }
    }
}

/// A report's text, from whatever the office uploaded: .docx (numbering rendered as text,
/// tables as tab-separated rows) or text in UTF-8/GBK. Everything else is refused with a
/// message that says what to do (.doc, PDF, encrypted, a workbook, empty, broken).
pub fn report_text(bytes: &[u8], limits: &ReportLimits) -> Result<String, FileError> {
    match check(bytes, Expected::Report, limits.max_bytes)? {
        FileKind::Docx => Ok(read_docx(bytes, limits.max_part_bytes)?.to_text()),
        _ => Ok(crate::text::decode(bytes)?.0.into_owned()),
    }
}

/// 1 → 一, 12 → 十二: Chinese counting as Word's chineseCounting writes it.
pub fn chinese_number(n: u32) -> String {
    numbering::chinese(n)
}
