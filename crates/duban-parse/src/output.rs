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

/// Writes `v` as JSON (strings escaped, numbers as serde_json writes them).
fn put<W: io::Write, T: Serialize + ?Sized>(out: &mut W, v: &T) -> io::Result<()> {
    serde_json::to_writer(out, v).map_err(io::Error::from)
}

/// Writes `s` as a JSON string. Report text almost never holds a char that needs escaping
/// (a control char, `"` or `\\`), so the whole string is checked at once, which the compiler
/// vectorises, and only a string that needs it goes through serde_json's escaping, byte by
/// byte; the output is the same either way.
fn put_str<W: io::Write>(out: &mut W, s: &str) -> io::Result<()> {
    let plain = s
        .bytes()
        .fold(true, |ok, b| ok & (b >= 0x20 && b != b'"' && b != b'\\'));
    if !plain {
        return put(out, s);
    }
    out.write_all(b"\"")?;
    out.write_all(s.as_bytes())?;
    out.write_all(b"\"")
}

/// One figure line, fields in the scorer's order. The keys are written as they are (they
/// need no escaping) and each value by serde_json: a whole report has tens of thousands of
/// lines, and serialising a struct field by field cost twice as much.
fn figure_line<W: io::Write>(p: &Parsed, f: &Figure, out: &mut W) -> io::Result<()> {
    out.write_all(b"{\"kind\":")?;
    put_str(out, f.kind.as_str())?;
    out.write_all(b",\"span\":")?;
    put_str(out, &f.span)?;
    out.write_all(b",\"indicator\":")?;
    put_str(out, &f.indicator)?;
    out.write_all(b",\"value\":")?;
    put(out, &num(f.value))?;
    if let Some(m) = f.value_max {
        out.write_all(b",\"value_max\":")?;
        put(out, &num(m))?;
    }
    out.write_all(b",\"unit\":")?;
    put_str(out, &f.unit)?;
    out.write_all(b",\"measure\":")?;
    put_str(out, f.measure.as_str())?;
    out.write_all(b",\"op\":")?;
    put_str(out, f.op.as_str())?;
    if let Some(d) = f.direction {
        out.write_all(b",\"direction\":")?;
        put_str(out, d.as_str())?;
    }
    if let Some(y) = f.year {
        out.write_all(b",\"year\":")?;
        put(out, &y)?;
    }
    out.write_all(b",\"start\":")?;
    put(out, &f.start)?;
    out.write_all(b",\"end\":")?;
    put(out, &f.end)?;
    if let Some(s) = f.section.and_then(|i| p.sections.get(i)) {
        out.write_all(b",\"section\":")?;
        put_str(out, &s.heading)?;
    }
    out.write_all(b"}\n")
}

/// Writes one JSON object per figure, one per line, with the scorer's fields (plus
/// `section`), straight to `out`: a whole report's lines are megabytes, which then need no
/// buffer of their own nor a UTF-8 check of it.
pub fn write_jsonl<W: io::Write>(p: &Parsed, out: &mut W) -> io::Result<()> {
    p.figures.iter().try_for_each(|f| figure_line(p, f, out))
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
        ] {
            let mut out = Vec::new();
            put_str(&mut out, s).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(s).unwrap()
            );
        }
    }
}
