//! The same document as Markdown, for review in the browser or a diff.

use super::{Block, HeadingCounter, OfficialDoc};

/// Markdown: 版头 as a quote, the title as `#`, headings numbered as in the .docx, tables as
/// pipe tables, appendices after a rule, the 版记 at the end.
pub fn to_markdown(doc: &OfficialDoc) -> String {
    let mut s = String::new();
    if let Some(m) = &doc.masthead {
        s.push_str(&format!("> **{}**\n", m.organ));
        for v in [&m.number, &m.issuer, &m.date].into_iter().flatten() {
            s.push_str(&format!(">\n> {v}\n"));
        }
        s.push('\n');
    }
    s.push_str(&format!("# {}\n\n", doc.title.replace('\n', "")));
    if let Some(r) = &doc.recipients {
        s.push_str(&format!("{r}\n\n"));
    }
    blocks(&mut s, &doc.body);
    if !doc.appendices.is_empty() {
        let titles: Vec<String> = if doc.appendices.len() == 1 {
            vec![doc.appendices[0].title.replace('\n', "")]
        } else {
            doc.appendices
                .iter()
                .enumerate()
                .map(|(i, a)| format!("{}．{}", i + 1, a.title.replace('\n', "")))
                .collect()
        };
        s.push_str(&format!("附件：{}\n\n", titles.join("；")));
    }
    // Plain lines, no HTML: the text is the caller's and is not escaped here.
    let sig: Vec<&str> = [&doc.signature, &doc.date]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    if !sig.is_empty() {
        s.push_str(&format!("{}\n\n", sig.join("  \n")));
    }
    for (i, a) in doc.appendices.iter().enumerate() {
        let label = if doc.appendices.len() > 1 {
            format!("附件{}", i + 1)
        } else {
            "附件".into()
        };
        s.push_str(&format!(
            "---\n\n**{label}**\n\n## {}\n\n",
            a.title.replace('\n', "")
        ));
        blocks(&mut s, &a.body);
    }
    if let Some(c) = &doc.colophon {
        s.push_str("---\n\n");
        if let Some(cc) = &c.cc {
            s.push_str(&format!("抄送：{cc}\n\n"));
        }
        s.push_str(&format!("{}　{}印发\n", c.printer, c.print_date));
    }
    s
}

fn cell(t: &str) -> String {
    t.replace('|', "\\|").replace('\n', "<br>")
}

fn blocks(s: &mut String, blocks: &[Block]) {
    let mut n = HeadingCounter::default();
    for b in blocks {
        match b {
            Block::Heading1(t) => s.push_str(&format!("## {}{}\n\n", n.label(0), t)),
            Block::Heading2(t) => s.push_str(&format!("### {}{}\n\n", n.label(1), t)),
            Block::Heading3(t) => s.push_str(&format!("{}{}\n\n", n.label(2), t)),
            Block::Paragraph(t) => s.push_str(&format!("{t}\n\n")),
            Block::Table(t) => {
                let cols = t.header.len().max(1);
                let head: Vec<String> = t.header.iter().map(|h| cell(h)).collect();
                s.push_str(&format!("| {} |\n", head.join(" | ")));
                s.push_str(&format!("|{}\n", " --- |".repeat(cols)));
                for r in &t.rows {
                    let cells: Vec<String> = (0..cols)
                        .map(|i| cell(r.get(i).map(String::as_str).unwrap_or("")))
                        .collect();
                    s.push_str(&format!("| {} |\n", cells.join(" | ")));
                }
                s.push('\n');
            }
        }
    }
}
