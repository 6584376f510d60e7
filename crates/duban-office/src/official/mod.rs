//! Official documents laid out to GB/T 9704-2012 (党政机关公文格式, domain rule B11): one model
//! for every document duban writes (督查通报, 年度工作回顾, 催办单/督办通知单), rendered as .docx
//! ([`to_docx`]) or as Markdown for review ([`to_markdown`]).
//!
//! Headings are numbered by the writer as text (一、 / （一） / 1．), so the caller passes
//! heading text without numbers, and the numbers survive any editor.

mod docx;
pub mod inspect;
mod markdown;
mod parts;

pub use docx::to_docx;
pub use markdown::to_markdown;

/// A whole document: 版头, 主体 (title to 成文日期, then the appendices), 版记.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OfficialDoc {
    pub masthead: Option<Masthead>,
    /// The title; `\n` breaks it into lines (shaped as a trapezoid by the caller).
    pub title: String,
    /// 主送机关 ("各镇（街道）、区直各单位："), on its own line under the title.
    pub recipients: Option<String>,
    pub body: Vec<Block>,
    /// 发文机关署名 ("山城区人民政府督查室").
    pub signature: Option<String>,
    /// 成文日期 in Arabic numerals, see [`chinese_date`].
    pub date: Option<String>,
    /// 附件: listed in the 附件 note under the body, each set on its own pages after it.
    pub appendices: Vec<Appendix>,
    pub colophon: Option<Colophon>,
}

/// 版头: the issuing organ's mark in red, the 期号 or 发文字号, the red rule.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Masthead {
    /// 发文机关标志 ("山城区政务督查", "山城区人民政府督查室文件").
    pub organ: String,
    /// 期号 ("第3期") or 发文字号 ("山政督〔2024〕3号"); use 〔〕, see [`doc_number`].
    pub number: Option<String>,
    /// In a 简报: the issuing office on the left of the line above the red rule…
    pub issuer: Option<String>,
    /// …and the date on its right.
    pub date: Option<String>,
}

/// A piece of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// 一、… in 黑体.
    Heading1(String),
    /// （一）… in 楷体_GB2312.
    Heading2(String),
    /// 1．… in 仿宋_GB2312.
    Heading3(String),
    /// A paragraph with a two-character first-line indent in 仿宋_GB2312.
    Paragraph(String),
    Table(Table),
}

/// A simple table: a header row (repeated on each page) and text cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Relative column widths; empty = equal.
    pub widths: Vec<u32>,
    /// Font size in half-points (24 = 小四, 21 = 五号).
    pub font_half_points: u32,
}

impl Table {
    pub fn new(header: Vec<String>, rows: Vec<Vec<String>>) -> Self {
        Table {
            header,
            rows,
            widths: Vec::new(),
            font_half_points: 24,
        }
    }
}

/// One 附件: its title and content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appendix {
    pub title: String,
    pub body: Vec<Block>,
}

/// 版记: 抄送, 印发机关 and 印发日期 between the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Colophon {
    /// 抄送 list without the "抄送：" label.
    pub cc: Option<String>,
    /// 印发机关 ("山城区人民政府办公室").
    pub printer: String,
    /// 印发日期 in Arabic numerals ("2024年7月2日"); "印发" is added.
    pub print_date: String,
}

/// A date as 公文 write it: Arabic numerals, no zero padding ("2024年7月2日").
pub fn chinese_date(year: i32, month: u8, day: u8) -> String {
    format!("{year}年{month}月{day}日")
}

/// A 发文字号 with 六角括号: `doc_number("山政督", 2024, 3)` → "山政督〔2024〕3号".
pub fn doc_number(prefix: &str, year: i32, n: u32) -> String {
    format!("{prefix}〔{year}〕{n}号")
}

/// Numbers headings as the writer prints them: level-1 一、, level-2 （一）, level-3 1．; a
/// higher level restarts the lower ones.
#[derive(Default)]
pub(crate) struct HeadingCounter([u32; 3]);

impl HeadingCounter {
    pub(crate) fn label(&mut self, level: usize) -> String {
        self.0[level] += 1;
        for l in &mut self.0[level + 1..] {
            *l = 0;
        }
        let n = self.0[level];
        let zh = crate::report::chinese_number(n);
        match level {
            0 => format!("{zh}、"),
            1 => format!("（{zh}）"),
            _ => format!("{n}．"),
        }
    }
}

/// How many characters wide a text is in the body font: CJK full width, ASCII half.
pub(crate) fn width_chars(s: &str) -> f64 {
    s.chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum()
}
