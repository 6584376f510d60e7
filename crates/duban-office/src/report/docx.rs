//! A .docx as text: paragraphs and tables in document order, with Word's automatic numbering
//! written out.

use super::numbering::Numbering;
use super::xml::{attr, local, reference};
use crate::check::{FileError, zip_part};
use quick_xml::Reader;
use quick_xml::events::Event;
use std::collections::HashMap;
use std::io::Cursor;

/// What a .docx body holds, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocBlock {
    /// One paragraph; `text` starts with its automatic number when it has one ("一、…").
    Paragraph { text: String, style: Option<String> },
    /// A table: rows of cell texts (a cell's paragraphs joined by a space; nested tables
    /// flattened into their cell).
    Table(Vec<Vec<String>>),
}

/// The body of a .docx.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocxText {
    pub blocks: Vec<DocBlock>,
}

impl DocxText {
    /// One line per paragraph, one line per table row with cells separated by tabs. Runs of
    /// empty paragraphs become one empty line.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let mut blank = true;
        for b in &self.blocks {
            match b {
                DocBlock::Paragraph { text, .. } => {
                    let t = text.trim_end();
                    if t.trim().is_empty() {
                        if !blank {
                            out.push('\n');
                        }
                        blank = true;
                        continue;
                    }
                    out.push_str(t);
                    out.push('\n');
                    blank = false;
                }
                DocBlock::Table(rows) => {
                    for r in rows {
                        out.push_str(&r.join("\t"));
                        out.push('\n');
                    }
                    blank = false;
                }
            }
        }
        out
    }
}

/// Reads the body of a .docx. `max_part` bounds each unpacked XML part.
pub fn read_docx(bytes: &[u8], max_part: u64) -> Result<DocxText, FileError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| FileError::Broken(format!("压缩包结构错误：{e}")))?;
    let doc = zip_part(&mut zip, "word/document.xml", max_part)?.ok_or(FileError::WrongType {
        found: "不含 Word 正文的压缩包",
        expected: "Word（.docx）文件",
    })?;
    let mut numbering = zip_part(&mut zip, "word/numbering.xml", max_part)?
        .map(|x| Numbering::parse(&x))
        .unwrap_or_default();
    let styles = zip_part(&mut zip, "word/styles.xml", max_part)?
        .map(|x| style_numbering(&x))
        .unwrap_or_default();
    numbering.resolve_style_links(|s| style_num(&styles, s).0);
    walk(&doc, &mut numbering, &styles)
}

/// Paragraph styles that carry numbering (headings often do): style id → (numId, ilvl, basedOn).
type StyleNum = HashMap<String, (Option<String>, Option<usize>, Option<String>)>;

fn style_numbering(xml: &str) -> StyleNum {
    let mut out = StyleNum::new();
    let mut r = Reader::from_str(xml);
    let mut cur: Option<String> = None;
    loop {
        match r.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let n = local(e.name().as_ref());
                match n.as_str() {
                    "style" => {
                        cur = attr(&e, "styleId");
                        if let Some(id) = &cur {
                            out.insert(id.clone(), (None, None, None));
                        }
                    }
                    "numId" | "ilvl" | "basedOn" => {
                        if let Some(entry) = cur.as_ref().and_then(|c| out.get_mut(c)) {
                            let v = attr(&e, "val");
                            match n.as_str() {
                                "numId" => entry.0 = v,
                                "ilvl" => entry.1 = v.and_then(|v| v.parse().ok()),
                                _ => entry.2 = v,
                            }
                        }
                    }
                    _ => {}
                }
            }
            Ok(Event::End(e)) if local(e.name().as_ref()) == "style" => cur = None,
            _ => {}
        }
    }
    out
}

fn style_num(styles: &StyleNum, id: &str) -> (Option<String>, Option<usize>) {
    let (mut num, mut lvl) = (None, None);
    let mut cur = Some(id.to_string());
    for _ in 0..10 {
        let Some(s) = cur.as_ref().and_then(|c| styles.get(c)) else {
            break;
        };
        num = num.or(s.0.clone());
        lvl = lvl.or(s.1);
        cur = s.2.clone();
    }
    (num, lvl)
}

#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    num_id: Option<String>,
    ilvl: Option<usize>,
}

#[derive(Default)]
struct Tbl {
    rows: Vec<Vec<String>>,
}

/// Elements whose content is not body text: deleted text, field codes, the older copy of a
/// changed format, the fallback twin of a drawing, text moved away.
const SKIP: [&str; 7] = [
    "del",
    "delText",
    "instrText",
    "pPrChange",
    "rPrChange",
    "Fallback",
    "moveFrom",
];

fn walk(xml: &str, numbering: &mut Numbering, styles: &StyleNum) -> Result<DocxText, FileError> {
    let mut r = Reader::from_str(xml);
    let mut out = DocxText::default();
    let mut paras: Vec<Para> = Vec::new();
    let mut tables: Vec<Tbl> = Vec::new();
    let mut in_t = false;
    let mut in_ppr = false;
    loop {
        let ev = r
            .read_event()
            .map_err(|e| FileError::Broken(format!("word/document.xml：{e}")))?;
        match ev {
            Event::Eof => break,
            Event::Start(e) => {
                let n = local(e.name().as_ref());
                if SKIP.contains(&n.as_str()) {
                    r.read_to_end(e.name())
                        .map_err(|e| FileError::Broken(format!("word/document.xml：{e}")))?;
                    continue;
                }
                match n.as_str() {
                    "p" => paras.push(Para::default()),
                    "pPr" => in_ppr = true,
                    "t" => in_t = true,
                    "tbl" => tables.push(Tbl::default()),
                    "tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.rows.push(Vec::new());
                        }
                    }
                    "tc" => {
                        if let Some(row) = tables.last_mut().and_then(|t| t.rows.last_mut()) {
                            row.push(String::new());
                        }
                    }
                    _ => {}
                }
            }
            Event::Empty(e) => {
                let n = local(e.name().as_ref());
                let p = paras.last_mut();
                match (n.as_str(), p) {
                    ("tab" | "ptab", Some(p)) if !in_ppr => p.text.push('\t'),
                    ("br" | "cr", Some(p)) => p.text.push('\n'),
                    ("noBreakHyphen", Some(p)) => p.text.push('-'),
                    ("pStyle", Some(p)) if in_ppr => p.style = attr(&e, "val"),
                    ("numId", Some(p)) if in_ppr => p.num_id = attr(&e, "val"),
                    ("ilvl", Some(p)) if in_ppr => {
                        p.ilvl = attr(&e, "val").and_then(|v| v.parse().ok())
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_t => {
                if let Some(p) = paras.last_mut() {
                    p.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(g) if in_t => {
                if let Some(p) = paras.last_mut() {
                    p.text.push_str(&reference(&g));
                }
            }
            Event::End(e) => match local(e.name().as_ref()).as_str() {
                "t" => in_t = false,
                "pPr" => in_ppr = false,
                "p" => {
                    let Some(p) = paras.pop() else { continue };
                    let (snum, slvl) = p
                        .style
                        .as_deref()
                        .map(|s| style_num(styles, s))
                        .unwrap_or_default();
                    let num = p.num_id.or(snum);
                    let label =
                        num.and_then(|id| numbering.next_label(&id, p.ilvl.or(slvl).unwrap_or(0)));
                    let text = format!("{}{}", label.unwrap_or_default(), p.text);
                    if let Some(outer) = paras.last_mut() {
                        // A text box's paragraphs inside a paragraph: keep the words.
                        outer.text.push_str(&text);
                    } else if let Some(cell) = tables
                        .last_mut()
                        .and_then(|t| t.rows.last_mut())
                        .and_then(|r| r.last_mut())
                    {
                        if !cell.is_empty() && !text.is_empty() {
                            cell.push(' ');
                        }
                        cell.push_str(text.trim());
                    } else {
                        out.blocks.push(DocBlock::Paragraph {
                            text,
                            style: p.style,
                        });
                    }
                }
                "tbl" => {
                    let Some(t) = tables.pop() else { continue };
                    if let Some(cell) = tables
                        .last_mut()
                        .and_then(|t| t.rows.last_mut())
                        .and_then(|r| r.last_mut())
                    {
                        for row in t.rows {
                            if !cell.is_empty() {
                                cell.push(' ');
                            }
                            cell.push_str(&row.join(" "));
                        }
                    } else {
                        out.blocks.push(DocBlock::Table(t.rows));
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    Ok(out)
}
