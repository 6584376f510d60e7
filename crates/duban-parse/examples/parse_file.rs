//! Prints a report's figures as JSON lines (the scorer's format).
//! Usage: `parse_file PATH` or `parse_file -` for stdin; `--format json|table|jsonl`;
//! `--tasks item|sentence` (one task per plan item, the default, or per sentence).

use std::io::Read;

// The allocator the duban binary runs with (see the bench).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let mut format = "jsonl".to_string();
    let mut repeat = 0usize;
    let mut options = duban_parse::ParseOptions::default();
    while let Some(a) = args.next() {
        if a == "--time" {
            repeat = args.next().and_then(|n| n.parse().ok()).unwrap_or(5);
        } else if a == "--tasks" {
            if args.next().as_deref() == Some("sentence") {
                options.tasks = duban_parse::TaskGranularity::Sentence;
            }
        } else if a == "--format" {
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
    if repeat > 0 {
        // Quick throughput check without criterion: best of N runs.
        let chars = text.chars().count() as f64;
        let mut best = f64::MAX;
        for _ in 0..repeat {
            let t = std::time::Instant::now();
            std::hint::black_box(duban_parse::parse_with(&text, &options));
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "{chars} chars, best {best:.4}s, {:.1} M chars/s",
            chars / best / 1e6
        );
        return;
    }
    let p = duban_parse::parse_with(&text, &options);
    let out = match format.as_str() {
        "json" => duban_parse::output::json(&p),
        "table" => duban_parse::output::table(&p),
        _ => duban_parse::output::jsonl(&p),
    };
    print!("{out}");
}
