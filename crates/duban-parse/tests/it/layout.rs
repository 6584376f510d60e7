//! Property: the layout a copy of a report picks up on its way (lines hard-wrapped at a
//! page width, as text copied out of a PDF; a space set between a number and its words, as
//! web pages and PDF copies have it) changes none of the seed report's figures or tasks, and
//! every offset still points into the changed text.

use duban_parse::parse;
use proptest::prelude::*;

fn seed() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/reports/shancheng_2024.txt"
    ))
    .expect("seed report ships with the project")
}

/// Every line cut at `page` columns (ASCII one column, everything else two).
fn wrap(text: &str, page: usize) -> String {
    let mut out = String::new();
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        let mut w = 0;
        for ch in line.chars() {
            let cw = if ch.is_ascii() { 1 } else { 2 };
            if w + cw > page {
                out.push('\n');
                w = 0;
            }
            out.push(ch);
            w += cw;
        }
    }
    out
}

/// A space between every number and the ideograph or % next to it, where `pick` says so.
fn space_numbers(text: &str, pick: u64) -> String {
    let cs: Vec<char> = text.chars().collect();
    let ideo = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let mut out = String::new();
    for (i, &ch) in cs.iter().enumerate() {
        out.push(ch);
        if let Some(&next) = cs.get(i + 1) {
            let joint = ch.is_ascii_digit() && (ideo(next) || next == '%')
                || ideo(ch) && next.is_ascii_digit();
            if joint && pick >> (i % 64) & 1 == 1 {
                out.push(' ');
            }
        }
    }
    out
}

type Key = (String, String, u64, String, String, String, Option<i32>);

/// What a reader takes from the parse: the figures and the tasks, without offsets.
fn read(text: &str) -> (Vec<Key>, Vec<String>) {
    let p = parse(text);
    let chars: Vec<char> = text.chars().collect();
    for f in &p.figures {
        let span: String = chars[f.start..f.end].iter().collect();
        assert_eq!(span, f.span, "a figure's offsets give its span");
    }
    for t in &p.tasks {
        let at: String = chars[t.start..t.end]
            .iter()
            .filter(|c| !c.is_whitespace())
            .collect();
        let own: String = t.text.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(at, own, "a task's offsets give its text");
    }
    let figures = p
        .figures
        .iter()
        .map(|f| {
            (
                f.indicator.to_string(),
                f.unit.to_string(),
                f.value.to_bits(),
                format!("{:?}", f.measure),
                format!("{:?}", f.op),
                format!("{:?}", f.kind),
                f.year,
            )
        })
        .collect();
    let tasks = p
        .tasks
        .iter()
        .map(|t| t.text.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    (figures, tasks)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn hard_wrapped_lines_read_as_their_paragraphs(page in 40usize..120) {
        let text = seed();
        let clean = read(&text);
        prop_assert!(clean.0.len() > 30);
        prop_assert_eq!(read(&wrap(&text, page)), clean, "page width {}", page);
    }

    #[test]
    fn spaces_beside_numbers_change_nothing(pick in any::<u64>()) {
        let text = seed();
        prop_assert_eq!(read(&space_numbers(&text, pick)), read(&text));
    }
}
