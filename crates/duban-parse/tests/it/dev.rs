//! Reads the labelled dev reports at run time (they are not shipped) and checks the
//! invariants and a floor on detection. Skips when the folder is absent, unless
//! `DUBAN_DEV_DATA=required` (set by `scripts/test` when the data is there) says it must be
//! found: then a missing folder fails the test instead of passing it silently.
//! `DUBAN_DEV_DIR` overrides where the folder is looked for.

use std::path::PathBuf;

fn dev_dir() -> Option<PathBuf> {
    // DUBAN_DEV_DIR points elsewhere (another checkout's data, or a missing folder to check
    // that a required run fails).
    let d = std::env::var_os("DUBAN_DEV_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../../shared/data/dev"
            ))
        });
    let required = std::env::var("DUBAN_DEV_DATA").is_ok_and(|v| v == "required");
    if d.join("reports").is_dir() && d.join("gold").is_dir() {
        Some(d)
    } else if required {
        panic!(
            "DUBAN_DEV_DATA=required but the dev data is not at {}",
            d.display()
        );
    } else {
        eprintln!("dev data not found at {}; skipping", d.display());
        None
    }
}

fn report_text(path: &std::path::Path) -> String {
    let t = std::fs::read_to_string(path).unwrap_or_default();
    if t.starts_with("# source:") {
        t.split_once('\n')
            .map(|x| x.1.to_string())
            .unwrap_or_default()
    } else {
        t
    }
}

#[test]
fn dev_reports_parse_with_valid_spans_and_most_gold_found() {
    let Some(dir) = dev_dir() else { return };
    let mut gold_total = 0usize;
    let mut found = 0usize;
    let mut entries: Vec<_> = std::fs::read_dir(dir.join("reports"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.extension().and_then(|e| e.to_str()) != Some("txt") {
            continue;
        }
        let text = report_text(&path);
        let chars: Vec<char> = text.chars().collect();
        let p = duban_parse::parse(&text);
        for f in &p.figures {
            let s: String = chars[f.start..f.end].iter().collect();
            assert_eq!(s, f.span, "{}", path.display());
        }
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let gold = std::fs::read_to_string(dir.join("gold").join(format!("{name}.jsonl")))
            .unwrap_or_default();
        for line in gold.lines().filter(|l| !l.trim().is_empty()) {
            let g: serde_json::Value = serde_json::from_str(line).unwrap();
            gold_total += 1;
            let span = g["span"].as_str().unwrap_or_default();
            let value = g["value"].as_f64().unwrap_or(f64::NAN);
            let unit = g["unit"].as_str().unwrap_or_default();
            let hit = p.figures.iter().any(|f| {
                (f.value - value).abs() <= 1e-6 * value.abs().max(1.0) && f.unit == unit && {
                    let occ: Vec<usize> = text
                        .match_indices(span)
                        .map(|(b, _)| text[..b].chars().count())
                        .collect();
                    let n = span.chars().count();
                    occ.iter().any(|&o| f.start < o + n && o < f.end)
                }
            });
            found += hit as usize;
        }
    }
    assert!(
        gold_total > 0 && found as f64 / gold_total as f64 >= 0.95,
        "recall {found}/{gold_total}"
    );
}
