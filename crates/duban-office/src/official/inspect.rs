//! A written .docx read back into the facts GB/T 9704 (B11) is checked on: each section's page
//! size and margins, each paragraph's text, font and size, and each footer's alignment, text
//! and PAGE field. Tests of the generated 通报 and review check these against B11, and so can
//! anyone holding an edited copy.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::io::Read;

/// Page geometry of one section, in twips.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Section {
    pub width: u32,
    pub height: u32,
    pub top: u32,
    pub bottom: u32,
    pub left: u32,
    pub right: u32,
    /// The footer parts the section names (default/odd, even).
    pub footers: Vec<(String, String)>,
}

/// A paragraph: its text and its first run's East Asian font and size (half-points).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Paragraph {
    pub text: String,
    pub font: Option<String>,
    pub size: Option<u32>,
    pub align: Option<String>,
    pub in_table: bool,
}

/// A footer part: its file name, alignment, text and whether it holds a PAGE field.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Footer {
    pub part: String,
    pub align: Option<String>,
    pub text: String,
    pub font: Option<String>,
    pub size: Option<u32>,
    pub page_field: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Layout {
    pub sections: Vec<Section>,
    pub paragraphs: Vec<Paragraph>,
    pub footers: Vec<Footer>,
    /// settings.xml asks for separate odd and even footers.
    pub even_and_odd: bool,
}

impl Layout {
    /// The first paragraph whose text starts with `start`.
    pub fn paragraph(&self, start: &str) -> Option<&Paragraph> {
        self.paragraphs.iter().find(|p| p.text.starts_with(start))
    }
}

/// A file that is not a readable .docx.
#[derive(Debug, thiserror::Error)]
#[error("无法读取 Word 文件：{0}")]
pub struct InspectError(String);

fn bad(m: impl std::fmt::Display) -> InspectError {
    InspectError(m.to_string())
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find_map(|a| (a.key.local_name().as_ref() == name).then(|| a.value.to_string()))
}

fn local(e: &BytesStart<'_>) -> String {
    e.local_name().as_ref().to_string()
}

/// Paragraphs of one part (document or footer), plus sections when the part has them.
fn walk(xml: &str) -> Result<(Vec<Paragraph>, Vec<Section>, bool), InspectError> {
    let mut r = Reader::from_str(xml);
    let (mut paras, mut sections) = (Vec::new(), Vec::new());
    let mut cur: Option<Paragraph> = None;
    let mut sect: Option<Section> = None;
    let (mut in_t, mut in_instr, mut depth_tbl, mut runs, mut field) = (false, false, 0, 0, false);
    loop {
        let ev = r.read_event().map_err(bad)?;
        match &ev {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(ev, Event::Empty(_));
                match local(e).as_str() {
                    "tbl" if !empty => depth_tbl += 1,
                    "p" => {
                        cur = Some(Paragraph {
                            in_table: depth_tbl > 0,
                            ..Default::default()
                        });
                        runs = 0;
                        if empty {
                            paras.extend(cur.take());
                        }
                    }
                    "r" => runs += 1,
                    "t" if !empty => in_t = true,
                    "instrText" if !empty => in_instr = true,
                    "jc" => {
                        if let Some(p) = cur.as_mut().filter(|_| runs == 0) {
                            p.align = attr(e, "val");
                        }
                    }
                    "rFonts" => {
                        if let Some(p) = cur.as_mut().filter(|p| runs == 1 && p.font.is_none()) {
                            p.font = attr(e, "eastAsia");
                        }
                    }
                    "sz" => {
                        if let Some(p) = cur.as_mut().filter(|p| runs == 1 && p.size.is_none()) {
                            p.size = attr(e, "val").and_then(|v| v.parse().ok());
                        }
                    }
                    "sectPr" => {
                        sect = Some(Section::default());
                        if empty {
                            sections.extend(sect.take());
                        }
                    }
                    "footerReference" => {
                        if let Some(s) = sect.as_mut() {
                            s.footers.push((
                                attr(e, "type").unwrap_or_default(),
                                attr(e, "id").unwrap_or_default(),
                            ));
                        }
                    }
                    "pgSz" => {
                        if let Some(s) = sect.as_mut() {
                            let n = |k| attr(e, k).and_then(|v| v.parse().ok()).unwrap_or(0);
                            (s.width, s.height) = (n("w"), n("h"));
                        }
                    }
                    "pgMar" => {
                        if let Some(s) = sect.as_mut() {
                            let n = |k| attr(e, k).and_then(|v| v.parse().ok()).unwrap_or(0);
                            (s.top, s.bottom, s.left, s.right) =
                                (n("top"), n("bottom"), n("left"), n("right"));
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "tbl" => depth_tbl -= 1,
                "p" => paras.extend(cur.take()),
                "t" => in_t = false,
                "instrText" => in_instr = false,
                "sectPr" => sections.extend(sect.take()),
                _ => {}
            },
            Event::Text(t) => {
                let s = t.xml10_content();
                if in_t && let Some(p) = cur.as_mut() {
                    p.text.push_str(&s);
                }
                if in_instr && s.trim() == "PAGE" {
                    field = true;
                }
            }
            _ => {}
        }
    }
    Ok((paras, sections, field))
}

fn part(z: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str) -> Option<String> {
    let mut s = String::new();
    z.by_name(name).ok()?.read_to_string(&mut s).ok()?;
    Some(s)
}

/// Reads a .docx's layout facts.
pub fn inspect(bytes: &[u8]) -> Result<Layout, InspectError> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(bad)?;
    let doc = part(&mut z, "word/document.xml").ok_or_else(|| bad("缺少 word/document.xml"))?;
    let (paragraphs, sections, _) = walk(&doc)?;
    let mut names: Vec<String> = z
        .file_names()
        .flatten()
        .filter(|n| n.starts_with("word/footer") && n.ends_with(".xml"))
        .map(|n| n.into_owned())
        .collect();
    names.sort();
    let mut footers = Vec::new();
    for name in names {
        let xml = part(&mut z, &name).unwrap_or_default();
        let (ps, _, page_field) = walk(&xml)?;
        let first = ps.into_iter().next().unwrap_or_default();
        footers.push(Footer {
            part: name.trim_start_matches("word/").to_string(),
            align: first.align,
            text: first.text,
            font: first.font,
            size: first.size,
            page_field,
        });
    }
    let even_and_odd =
        part(&mut z, "word/settings.xml").is_some_and(|s| s.contains("evenAndOddHeaders"));
    Ok(Layout {
        sections,
        paragraphs,
        footers,
        even_and_odd,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_sample_brief_back() {
        let bytes = crate::official::to_docx(&crate::samples::brief()).unwrap();
        let l = inspect(&bytes).unwrap();
        assert_eq!(l.sections.len(), 2);
        assert_eq!((l.sections[0].width, l.sections[0].height), (11906, 16838));
        let title = l.paragraph("关于2024年").unwrap();
        assert_eq!(title.font.as_deref(), Some("方正小标宋简体"));
        assert_eq!(title.size, Some(44));
        assert!(l.footers.iter().filter(|f| f.page_field).count() == 2);
        assert!(l.even_and_odd);
        assert!(inspect(b"not a zip").is_err());
    }
}
