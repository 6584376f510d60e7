//! Data-driven figure cases: every `tests/cases/*.txt` file holds sentences and the figures
//! they must give. A new phenomenon is a few lines in a case file, not a new test function.
//!
//! Format (one case per `>` line, blank lines and `#` comments between cases):
//!
//! ```text
//! # phenomenon: a counted thing is named with its action
//! > 今年共有12所乡村学校完成校舍改造。
//! = 12 所 level = 完成校舍改造的乡村学校
//! > 新建口袋公园与社区书屋。
//! = none
//! ```
//!
//! Each `=` line is one expected figure, in order: value, unit, measure, op, indicator
//! (`*` leaves a field unchecked). `= none` says the sentence gives no figure. The number of
//! `=` lines must equal the number of figures found.

use std::path::PathBuf;

fn measure(s: &str) -> Option<duban_parse::Measure> {
    use duban_parse::Measure::*;
    Some(match s {
        "level" => Level,
        "growth" => Growth,
        "share" => Share,
        _ => return None,
    })
}

fn op(s: &str) -> Option<duban_parse::Op> {
    use duban_parse::Op::*;
    Some(match s {
        "=" => Exactly,
        ">=" => AtLeast,
        "<=" => AtMost,
        "~" => About,
        _ => return None,
    })
}

struct Case {
    file: String,
    line: usize,
    input: String,
    expected: Vec<Vec<String>>,
    none: bool,
}

fn load() -> Vec<Case> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases"));
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/cases exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for f in files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&f).unwrap();
        for (n, line) in text.lines().enumerate() {
            if let Some(input) = line.strip_prefix("> ") {
                cases.push(Case {
                    file: name.clone(),
                    line: n + 1,
                    input: input.replace("\\n", "\n"),
                    expected: Vec::new(),
                    none: false,
                });
            } else if let Some(exp) = line.strip_prefix("= ") {
                let c = cases.last_mut().expect("an = line follows a > line");
                if exp.trim() == "none" {
                    c.none = true;
                } else {
                    c.expected
                        .push(exp.split_whitespace().map(str::to_string).collect());
                }
            }
        }
    }
    cases
}

#[test]
fn case_files() {
    let cases = load();
    assert!(cases.len() >= 20, "only {} cases read", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        assert!(
            c.none || !c.expected.is_empty(),
            "{}:{} has no = line",
            c.file,
            c.line
        );
        let p = duban_parse::parse(&c.input);
        let got: Vec<String> = p
            .figures
            .iter()
            .map(|f| {
                format!(
                    "{} {} {:?} {:?} {}",
                    f.value, f.unit, f.measure, f.op, f.indicator
                )
            })
            .collect();
        let mut ok = got.len() == c.expected.len();
        for (f, e) in p.figures.iter().zip(&c.expected) {
            let field = |i: usize| e.get(i).map(String::as_str).unwrap_or("*");
            let check = |i: usize, good: bool| field(i) == "*" || good;
            ok &= check(
                0,
                field(0)
                    .parse::<f64>()
                    .is_ok_and(|v| (v - f.value).abs() <= 1e-9 * v.abs().max(1.0)),
            );
            ok &= check(1, field(1) == f.unit);
            ok &= check(2, measure(field(2)) == Some(f.measure));
            ok &= check(3, op(field(3)) == Some(f.op));
            ok &= check(4, field(4) == f.indicator);
        }
        if !ok {
            failures.push(format!(
                "{}:{}  {}\n    expected {:?}\n    got      {:?}",
                c.file, c.line, c.input, c.expected, got
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
