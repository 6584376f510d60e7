//! The .docx writer for [`OfficialDoc`]: WordprocessingML written as text (every value
//! escaped), zipped. Written by hand because the layout needs settings docx-rs does not
//! expose as a whole (odd/even footers with `evenAndOddHeaders`, character spacing in the style,
//! `w:altName` in the font table, a second section without page numbers).

use super::parts::*;
use super::{Appendix, Block, Colophon, HeadingCounter, Masthead, OfficialDoc, Table, width_chars};
use crate::table::TableError;
use std::io::{Cursor, Write};

/// Renders the document as .docx bytes.
pub fn to_docx(doc: &OfficialDoc) -> Result<Vec<u8>, TableError> {
    let mut body = String::new();
    if let Some(m) = &doc.masthead {
        masthead(&mut body, m);
    }
    for line in doc.title.split('\n').filter(|l| !l.trim().is_empty()) {
        para(&mut body, &Pp::centre(), &[(line.trim(), FONT_TITLE, SZ_2)]);
    }
    blank(&mut body);
    if let Some(r) = &doc.recipients {
        para(&mut body, &Pp::default(), &[(r, FONT_BODY, SZ_3)]);
    }
    blocks(&mut body, &doc.body);
    attachment_note(&mut body, &doc.appendices);
    signature(&mut body, doc.signature.as_deref(), doc.date.as_deref());
    for (i, a) in doc.appendices.iter().enumerate() {
        appendix(&mut body, a, (doc.appendices.len() > 1).then_some(i + 1));
    }

    let numbered = concat!(
        r#"<w:footerReference w:type="default" r:id="rIdFooter1"/>"#,
        r#"<w:footerReference w:type="even" r:id="rIdFooter2"/>"#
    );
    let footers;
    if let Some(c) = &doc.colophon {
        // The main part ends in its own section; the 版记 gets a section on an even page,
        // bottom-aligned, whose footers are empty.
        body.push_str(&format!(
            r#"<w:p><w:pPr>{}</w:pPr></w:p>"#,
            sect_pr(numbered, None, false)
        ));
        colophon(&mut body, c);
        let plain = concat!(
            r#"<w:footerReference w:type="default" r:id="rIdFooter3"/>"#,
            r#"<w:footerReference w:type="even" r:id="rIdFooter3"/>"#
        );
        body.push_str(&sect_pr(plain, Some("evenPage"), true));
        footers = 3;
    } else {
        body.push_str(&sect_pr(numbered, None, false));
        footers = 2;
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}</w:body></w:document>"#
    );

    let w = |e: zip::result::ZipError| TableError::Write(e.to_string());
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opt = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut parts: Vec<(String, String)> = vec![
        ("[Content_Types].xml".into(), content_types(footers)),
        ("_rels/.rels".into(), ROOT_RELS.into()),
        (
            "docProps/core.xml".into(),
            core(&doc.title.replace('\n', "")),
        ),
        ("word/document.xml".into(), document),
        (
            "word/_rels/document.xml.rels".into(),
            document_rels(footers),
        ),
        ("word/styles.xml".into(), styles()),
        ("word/settings.xml".into(), settings()),
        ("word/fontTable.xml".into(), font_table()),
        ("word/footer1.xml".into(), page_footer(true)),
        ("word/footer2.xml".into(), page_footer(false)),
    ];
    if footers == 3 {
        parts.push(("word/footer3.xml".into(), empty_footer()));
    }
    for (name, text) in parts {
        zip.start_file(name, opt).map_err(w)?;
        zip.write_all(text.as_bytes())
            .map_err(|e| TableError::Write(e.to_string()))?;
    }
    Ok(zip.finish().map_err(w)?.into_inner())
}

fn sect_pr(footers: &str, kind: Option<&str>, bottom: bool) -> String {
    let kind = kind
        .map(|k| format!(r#"<w:type w:val="{k}"/>"#))
        .unwrap_or_default();
    let start = if kind.is_empty() {
        r#"<w:pgNumType w:fmt="decimal" w:start="1"/>"#
    } else {
        ""
    };
    let valign = if bottom {
        r#"<w:vAlign w:val="bottom"/>"#
    } else {
        ""
    };
    format!(
        concat!(
            r#"<w:sectPr>{footers}{kind}<w:pgSz w:w="{pw}" w:h="{ph}"/>"#,
            r#"<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="{header}" w:footer="{footer}" w:gutter="0"/>"#,
            r#"{start}<w:cols w:space="425"/>{valign}<w:docGrid w:type="lines" w:linePitch="{pitch}"/></w:sectPr>"#
        ),
        footers = footers,
        kind = kind,
        pw = PAGE_W,
        ph = PAGE_H,
        top = MARGIN_TOP,
        right = MARGIN_RIGHT,
        bottom = MARGIN_BOTTOM,
        left = MARGIN_LEFT,
        header = HEADER,
        footer = FOOTER,
        start = start,
        valign = valign,
        pitch = LINE_PITCH,
    )
}

/// Paragraph properties used here.
#[derive(Default)]
struct Pp {
    jc: Option<&'static str>,
    /// First-line indent in body characters ×100 (200 = two characters).
    first_chars: u32,
    right_twips: u32,
    left_twips: u32,
    hanging_twips: u32,
    /// Top / bottom rules: (size in eighths of a point, colour).
    top: Option<(u32, &'static str)>,
    bottom: Option<(u32, &'static str)>,
    right_tab: Option<u32>,
    page_break: bool,
    keep_next: bool,
    /// Single (auto) line height instead of the grid's exact line, for large or small text.
    auto_line: bool,
}

impl Pp {
    fn centre() -> Pp {
        Pp {
            jc: Some("center"),
            ..Pp::default()
        }
    }
    fn indented() -> Pp {
        Pp {
            first_chars: 200,
            ..Pp::default()
        }
    }
    fn xml(&self) -> String {
        let mut s = String::from("<w:pPr>");
        if self.keep_next {
            s.push_str("<w:keepNext/>");
        }
        if self.page_break {
            s.push_str("<w:pageBreakBefore/>");
        }
        if self.top.is_some() || self.bottom.is_some() {
            s.push_str("<w:pBdr>");
            if let Some((sz, c)) = self.top {
                s.push_str(&format!(
                    r#"<w:top w:val="single" w:sz="{sz}" w:space="1" w:color="{c}"/>"#
                ));
            }
            if let Some((sz, c)) = self.bottom {
                s.push_str(&format!(
                    r#"<w:bottom w:val="single" w:sz="{sz}" w:space="1" w:color="{c}"/>"#
                ));
            }
            s.push_str("</w:pBdr>");
        }
        if let Some(pos) = self.right_tab {
            s.push_str(&format!(
                r#"<w:tabs><w:tab w:val="right" w:pos="{pos}"/></w:tabs>"#
            ));
        }
        if self.auto_line {
            s.push_str(r#"<w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto"/>"#);
        }
        let mut ind = String::new();
        if self.left_twips > 0 {
            ind.push_str(&format!(r#" w:left="{}""#, self.left_twips));
        }
        if self.right_twips > 0 {
            ind.push_str(&format!(r#" w:right="{}""#, self.right_twips));
        }
        if self.hanging_twips > 0 {
            ind.push_str(&format!(r#" w:hanging="{}""#, self.hanging_twips));
        }
        if self.first_chars > 0 {
            ind.push_str(&format!(
                r#" w:firstLineChars="{}" w:firstLine="{}""#,
                self.first_chars,
                self.first_chars * CHAR_3 / 100
            ));
        }
        if !ind.is_empty() {
            s.push_str(&format!("<w:ind{ind}/>"));
        }
        if let Some(jc) = self.jc {
            s.push_str(&format!(r#"<w:jc w:val="{jc}"/>"#));
        }
        s.push_str("</w:pPr>");
        s
    }
}

/// One run per piece: (text, font, size). `\t` becomes a tab, `\n` a line break.
fn para(out: &mut String, pp: &Pp, runs: &[(&str, &str, u32)]) {
    para_coloured(out, pp, runs, None);
}

fn para_coloured(out: &mut String, pp: &Pp, runs: &[(&str, &str, u32)], colour: Option<&str>) {
    out.push_str("<w:p>");
    out.push_str(&pp.xml());
    for (text, font, sz) in runs {
        out.push_str("<w:r>");
        out.push_str(&rpr(font, *sz, colour));
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.push_str("<w:br/>");
            }
            for (j, piece) in line.split('\t').enumerate() {
                if j > 0 {
                    out.push_str("<w:tab/>");
                }
                if !piece.is_empty() {
                    out.push_str(&format!(
                        r#"<w:t xml:space="preserve">{}</w:t>"#,
                        esc(piece)
                    ));
                }
            }
        }
        out.push_str("</w:r>");
    }
    out.push_str("</w:p>");
}

fn blank(out: &mut String) {
    out.push_str("<w:p/>");
}

const RED: &str = "FF0000";

fn masthead(out: &mut String, m: &Masthead) {
    // The organ's mark fills the 版心's width at most: size by its length, 22–42 pt.
    let chars = width_chars(&m.organ).max(1.0);
    let pt = (TEXT_W as f64 / 20.0 / chars * 0.9).clamp(22.0, 42.0) as u32;
    let pp = Pp {
        auto_line: true,
        ..Pp::centre()
    };
    para_coloured(out, &pp, &[(&m.organ, FONT_TITLE, pt * 2)], Some(RED));
    blank(out);
    let rule = Some((18, RED));
    let has_line = m.issuer.is_some() || m.date.is_some();
    if let Some(n) = &m.number {
        let pp = Pp {
            bottom: if has_line { None } else { rule },
            ..Pp::centre()
        };
        para(out, &pp, &[(n, FONT_BODY, SZ_3)]);
    }
    if has_line {
        let line = format!(
            "{}\t{}",
            m.issuer.as_deref().unwrap_or(""),
            m.date.as_deref().unwrap_or("")
        );
        let pp = Pp {
            bottom: rule,
            right_tab: Some(TEXT_W),
            ..Pp::default()
        };
        para(out, &pp, &[(&line, FONT_BODY, SZ_3)]);
    }
    blank(out);
}

fn blocks(out: &mut String, blocks: &[Block]) {
    let mut n = HeadingCounter::default();
    for b in blocks {
        match b {
            Block::Heading1(t) => {
                let text = format!("{}{}", n.label(0), t);
                let pp = Pp {
                    keep_next: true,
                    ..Pp::indented()
                };
                para(out, &pp, &[(&text, FONT_H1, SZ_3)]);
            }
            Block::Heading2(t) => {
                let text = format!("{}{}", n.label(1), t);
                let pp = Pp {
                    keep_next: true,
                    ..Pp::indented()
                };
                para(out, &pp, &[(&text, FONT_H2, SZ_3)]);
            }
            Block::Heading3(t) => {
                let text = format!("{}{}", n.label(2), t);
                para(out, &Pp::indented(), &[(&text, FONT_BODY, SZ_3)]);
            }
            Block::Paragraph(t) => para(out, &Pp::indented(), &[(t, FONT_BODY, SZ_3)]),
            Block::Table(t) => table(out, t),
        }
    }
}

fn table(out: &mut String, t: &Table) {
    let ncols = t
        .header
        .len()
        .max(t.rows.iter().map(|r| r.len()).max().unwrap_or(0))
        .max(1);
    let weights: Vec<u32> = (0..ncols)
        .map(|i| t.widths.get(i).copied().unwrap_or(1).max(1))
        .collect();
    let total: u32 = weights.iter().sum();
    let widths: Vec<u32> = weights.iter().map(|w| TEXT_W * w / total).collect();
    out.push_str(concat!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:jc w:val="center"/><w:tblBorders>"#,
        r#"<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#,
        r#"<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#,
        r#"<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#,
        r#"</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>"#
    ));
    for w in &widths {
        out.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
    }
    out.push_str("</w:tblGrid>");
    let sz = t.font_half_points;
    let mut row = |cells: &[String], header: bool| {
        out.push_str("<w:tr>");
        out.push_str(if header {
            "<w:trPr><w:cantSplit/><w:tblHeader/><w:jc w:val=\"center\"/></w:trPr>"
        } else {
            "<w:trPr><w:cantSplit/></w:trPr>"
        });
        for (i, w) in widths.iter().enumerate() {
            let text = cells.get(i).map(String::as_str).unwrap_or("");
            out.push_str(&format!(
                r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>"#
            ));
            let short = width_chars(text) * (sz as f64 * 10.0) < *w as f64 - 216.0;
            let pp = Pp {
                jc: (header || short).then_some("center"),
                auto_line: true,
                ..Pp::default()
            };
            let font = if header { FONT_H1 } else { FONT_BODY };
            para(out, &pp, &[(text, font, sz)]);
            out.push_str("</w:tc>");
        }
        out.push_str("</w:tr>");
    };
    if !t.header.is_empty() {
        row(&t.header, true);
    }
    for r in &t.rows {
        row(r, false);
    }
    out.push_str("</w:tbl>");
}

/// "附件：" one blank line under the body, two characters in; further attachments line up
/// under the first one's title.
fn attachment_note(out: &mut String, appendices: &[Appendix]) {
    if appendices.is_empty() {
        return;
    }
    blank(out);
    let label_w = 3 * CHAR_3; // "附件："
    for (i, a) in appendices.iter().enumerate() {
        let text = match (appendices.len(), i) {
            (1, _) => format!("附件：{}", a.title),
            (_, 0) => format!("附件：1．{}", a.title),
            _ => format!("{}．{}", i + 1, a.title),
        };
        let pp = if i == 0 {
            Pp {
                left_twips: 2 * CHAR_3 + label_w,
                hanging_twips: label_w,
                ..Pp::default()
            }
        } else {
            Pp {
                left_twips: 2 * CHAR_3 + label_w,
                ..Pp::default()
            }
        };
        para(out, &pp, &[(&text, FONT_BODY, SZ_3)]);
    }
}

/// 署名 and 成文日期: the date four characters in from the right, the signature centred over it.
fn signature(out: &mut String, sig: Option<&str>, date: Option<&str>) {
    if sig.is_none() && date.is_none() {
        return;
    }
    blank(out);
    blank(out);
    let date_right = 4 * CHAR_3;
    if let Some(s) = sig {
        let extra = date.map_or(0.0, |d| (width_chars(d) - width_chars(s)) / 2.0);
        let pp = Pp {
            jc: Some("right"),
            right_twips: (date_right as f64 + extra.max(0.0) * CHAR_3 as f64) as u32,
            ..Pp::default()
        };
        para(out, &pp, &[(s, FONT_BODY, SZ_3)]);
    }
    if let Some(d) = date {
        let pp = Pp {
            jc: Some("right"),
            right_twips: date_right,
            ..Pp::default()
        };
        para(out, &pp, &[(d, FONT_BODY, SZ_3)]);
    }
}

fn appendix(out: &mut String, a: &Appendix, number: Option<usize>) {
    let label = match number {
        Some(n) => format!("附件{n}"),
        None => "附件".to_string(),
    };
    let pp = Pp {
        page_break: true,
        ..Pp::default()
    };
    para(out, &pp, &[(&label, FONT_H1, SZ_3)]);
    blank(out);
    for line in a.title.split('\n') {
        para(out, &Pp::centre(), &[(line, FONT_TITLE, SZ_2)]);
    }
    blank(out);
    blocks(out, &a.body);
}

/// 版记: 抄送 and 印发 lines in 4号仿宋 between rules of 0.35 mm (first and last) and 0.25 mm
/// (between); the rules run the 版心's full width, so the one-character indents are spaces.
/// Its section is bottom-aligned (`w:vAlign`), which Word and WPS honour; LibreOffice 7.4 does
/// not and sets it at the top of its page. (A table floating at the foot of the 版心 would do
/// it in LibreOffice only if narrower than the 版心, and then it moves onto the page before.)
fn colophon(out: &mut String, c: &Colophon) {
    const THICK: (u32, &str) = (8, "000000"); // 1 pt ≈ 0.35 mm
    const THIN: (u32, &str) = (6, "000000"); // 0.75 pt ≈ 0.26 mm
    if let Some(cc) = &c.cc {
        let pp = Pp {
            top: Some(THICK),
            bottom: Some(THIN),
            ..Pp::default()
        };
        para(out, &pp, &[(&format!("　抄送：{cc}"), FONT_BODY, SZ_4)]);
    }
    let pp = Pp {
        top: if c.cc.is_some() { None } else { Some(THICK) },
        bottom: Some(THICK),
        right_tab: Some(TEXT_W - SZ_4 * 10),
        ..Pp::default()
    };
    let line = format!("　{}\t{}印发", c.printer, c.print_date);
    para(out, &pp, &[(&line, FONT_BODY, SZ_4)]);
}
