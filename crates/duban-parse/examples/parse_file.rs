//! Prints a report's figures as JSON lines (the scorer's format).
//! Usage: `parse_file PATH` or `parse_file -` for stdin; `--format json|table|jsonl`.

use std::io::Read;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let mut format = "jsonl".to_string();
    while let Some(a) = args.next() {
        if a == "--format" {
            format = args.next().unwrap_or_default();
        } else {
            path = Some(a);
        }
    }
    let path = path.unwrap_or_else(|| "-".into());
    let mut text = String::new();
    let read = if path == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(&path).map(|t| text = t)
    };
    if let Err(e) = read {
        eprintln!("cannot read {path}: {e}");
        std::process::exit(2);
    }
    let p = duban_parse::parse(&text);
    let out = match format.as_str() {
        "json" => duban_parse::output::json(&p),
        "table" => duban_parse::output::table(&p),
        _ => duban_parse::output::jsonl(&p),
    };
    print!("{out}");
}
