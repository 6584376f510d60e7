//! Renderings of a [`Parsed`]: JSON lines of figures (the scorer's format), the whole result
//! as pretty JSON, and an aligned table for people.

use crate::text::width;
use crate::{Figure, Parsed};
use serde::Serialize;
use serde_json::{Value, json};
use std::fmt::Write;
use std::io;

/// A number as JSON: integers without a fractional part.
fn num(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        json!(v as i64)
    } else {
        json!(v)
    }
}

/// Writes `v` as JSON into a line (writing to a Vec does not fail).
fn put_num<T: Serialize>(line: &mut Vec<u8>, v: &T) {
    let _ = serde_json::to_writer(&mut *line, v);
}

/// Whether `b` holds no byte that JSON must escape (a control char, `"` or `\\`). Tested
/// sixteen bytes at a time without a branch, which the compiler vectorises.
fn plain(b: &[u8]) -> bool {
    let bad = |x: u8| u8::from(x < 0x20) | u8::from(x == b'"') | u8::from(x == b'\\');
    let mut acc = 0u8;
    let mut chunks = b.chunks_exact(16);
    for ch in &mut chunks {
        for &x in ch {
            acc |= bad(x);
        }
    }
    for &x in chunks.remainder() {
        acc |= bad(x);
    }
    acc == 0
}

/// Writes `s` as the inside of a JSON string (the quotes are part of the keys around it).
/// Report text almost never holds a char that needs escaping, so it is copied as it is after
/// one check, and only a string that needs it goes through serde_json's escaping; the output
/// is the same either way.
fn put_str(line: &mut Vec<u8>, s: &str) {
    if plain(s.as_bytes()) {
        line.extend_from_slice(s.as_bytes());
        return;
    }
    let quoted = serde_json::to_string(s).unwrap_or_default();
    let inner = quoted
        .get(1..quoted.len().saturating_sub(1))
        .unwrap_or_default();
    line.extend_from_slice(inner.as_bytes());
}

/// One figure line, fields in the scorer's order, built in `line`. The keys are written as
/// they are, with the quotes of the string values around them, the codes by `as_str` and
/// the numbers by serde_json: a whole report has tens of thousands of lines, and
/// serialising a struct field by field cost twice as much.
fn figure_line(p: &Parsed, f: &Figure, line: &mut Vec<u8>) {
    line.extend_from_slice(b"{\"kind\":\"");
    line.extend_from_slice(f.kind.as_str().as_bytes());
    line.extend_from_slice(b"\",\"span\":\"");
    put_str(line, &f.span);
    line.extend_from_slice(b"\",\"indicator\":\"");
    put_str(line, &f.indicator);
    line.extend_from_slice(b"\",\"value\":");
    put_num(line, &num(f.value));
    if let Some(m) = f.value_max {
        line.extend_from_slice(b",\"value_max\":");
        put_num(line, &num(m));
    }
    line.extend_from_slice(b",\"unit\":\"");
    put_str(line, &f.unit);
    line.extend_from_slice(b"\",\"measure\":\"");
    line.extend_from_slice(f.measure.as_str().as_bytes());
    line.extend_from_slice(b"\",\"op\":\"");
    line.extend_from_slice(f.op.as_str().as_bytes());
    line.push(b'"');
    if let Some(d) = f.direction {
        line.extend_from_slice(b",\"direction\":\"");
        line.extend_from_slice(d.as_str().as_bytes());
        line.push(b'"');
    }
    if let Some(y) = f.year {
        line.extend_from_slice(b",\"year\":");
        put_num(line, &y);
    }
    line.extend_from_slice(b",\"start\":");
    put_num(line, &f.start);
    line.extend_from_slice(b",\"end\":");
    put_num(line, &f.end);
    if let Some(s) = f.section.and_then(|i| p.sections.get(i)) {
        line.extend_from_slice(b",\"section\":\"");
        put_str(line, &s.heading);
        line.push(b'"');
    }
    line.extend_from_slice(b"}\n");
}

/// Writes one JSON object per figure, one per line, with the scorer's fields (plus
/// `section`), straight to `out`: a whole report's lines are megabytes, which then need no
/// buffer of their own nor a UTF-8 check of it. Each line is built in one small buffer and
/// handed to `out` whole.
pub fn write_jsonl<W: io::Write>(p: &Parsed, out: &mut W) -> io::Result<()> {
    let mut line = Vec::with_capacity(1024);
    for f in &p.figures {
        line.clear();
        figure_line(p, f, &mut line);
        out.write_all(&line)?;
    }
    Ok(())
}

/// [`write_jsonl`] into a string.
pub fn jsonl(p: &Parsed) -> String {
    let mut out = Vec::with_capacity(p.figures.len() * 256);
    // Writing to a Vec does not fail; serde_json and the keys above are UTF-8.
    let _ = write_jsonl(p, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// The whole result, pretty-printed.
pub fn json(p: &Parsed) -> String {
    serde_json::to_string_pretty(p).unwrap_or_else(|_| "{}".into())
}

fn pad(s: &str, w: usize) -> String {
    let mut out = s.to_string();
    for _ in width(s)..w {
        out.push(' ');
    }
    out
}

fn cut(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut w = 0;
    for ch in s.chars() {
        let cw = width(ch.encode_utf8(&mut [0; 4]));
        if w + cw > max {
            out.push('…');
            break;
        }
        out.push(ch);
        w += cw;
    }
    out
}

fn table_of(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(|r| r.len()).max().unwrap_or(0);
    let mut widths = vec![0; cols];
    for r in rows {
        for (i, cell) in r.iter().enumerate() {
            widths[i] = widths[i].max(width(cell));
        }
    }
    let mut out = String::new();
    for r in rows {
        let line: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(i, cell)| pad(cell, widths[i]))
            .collect();
        let _ = writeln!(out, "{}", line.join("  ").trim_end());
    }
    out
}

/// Sections and figures as aligned columns (CJK counts double width).
pub fn table(p: &Parsed) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "标题：{}  规划年度：{}  回顾年度：{}",
        p.title.as_deref().unwrap_or("-"),
        p.plan_year
            .map(|y| y.to_string())
            .unwrap_or_else(|| "-".into()),
        p.review_year
            .map(|y| y.to_string())
            .unwrap_or_else(|| "-".into())
    );
    out.push('\n');
    let mut rows = vec![vec![
        "部分".to_string(),
        "层级".into(),
        "编号".into(),
        "标题".into(),
        "位置".into(),
    ]];
    for part in &p.parts {
        rows.push(vec![
            part.kind.label().into(),
            "-".into(),
            "-".into(),
            cut(&part.heading, 40),
            format!("{}-{}", part.start, part.end),
        ]);
        for s in p
            .sections
            .iter()
            .filter(|s| s.start >= part.start && s.start < part.end.max(part.start + 1))
        {
            rows.push(vec![
                String::new(),
                s.level.to_string(),
                format!(
                    "{}{}",
                    "  ".repeat(s.level.saturating_sub(1) as usize),
                    s.marker
                ),
                cut(&s.heading, 40),
                format!("{}-{}", s.start, s.end),
            ]);
        }
    }
    out.push_str(&table_of(&rows));
    out.push('\n');
    let mut rows = vec![vec![
        "类型".to_string(),
        "指标".into(),
        "数值".into(),
        "单位".into(),
        "度量".into(),
        "关系".into(),
        "方向".into(),
        "年度".into(),
        "原文".into(),
    ]];
    for f in &p.figures {
        let v = match f.value_max {
            Some(m) => format!("{}-{}", num(f.value), num(m)),
            None => num(f.value).to_string(),
        };
        rows.push(vec![
            f.kind.label().into(),
            cut(&f.indicator, 24),
            v,
            f.unit.to_string(),
            f.measure.label().into(),
            f.op.as_str().into(),
            f.direction
                .map(|d| d.label().to_string())
                .unwrap_or_else(|| "-".into()),
            f.year.map(|y| y.to_string()).unwrap_or_else(|| "-".into()),
            cut(&f.span.replace('\n', " "), 40),
        ]);
    }
    out.push_str(&table_of(&rows));
    if !p.diagnostics.is_empty() {
        out.push('\n');
        for d in &p.diagnostics {
            let _ = writeln!(out, "[{}-{}] {}", d.start, d.end, d.message);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_written_as_serde_json_writes_them() {
        for s in [
            "",
            "地区生产总值121.3亿元",
            "“十件实事”",
            "say \"yes\"",
            "a\\b",
            "line\nbreak\ttab\u{1}",
            "\u{7f}\u{2028}",
            "sixteen bytes ok\\ then a backslash past the first chunk",
            "past the first sixteen bytes, a quote: \"",
        ] {
            let mut out = b"\"".to_vec();
            put_str(&mut out, s);
            out.push(b'"');
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(s).unwrap()
            );
        }
    }
}
