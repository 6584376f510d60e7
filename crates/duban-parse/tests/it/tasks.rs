//! Scores the tasks against the dev set's task labels, read at run time (they are not
//! shipped), as the labels' guide scores them: a task belongs to the item holding at least
//! half of its chars. Skips when the folder is absent, unless `DUBAN_DEV_DATA=1` says it
//! must be there.

use std::path::PathBuf;

fn dev_dir() -> Option<PathBuf> {
    let d = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/dev"
    ));
    if d.join("tasks").is_dir() {
        return Some(d);
    }
    assert!(
        std::env::var("DUBAN_DEV_DATA").as_deref() != Ok("1"),
        "DUBAN_DEV_DATA=1 but no task labels at {}",
        d.display()
    );
    eprintln!("task labels not found at {}; skipping", d.display());
    None
}

fn report_text(path: &std::path::Path) -> String {
    let t = std::fs::read_to_string(path).unwrap_or_default();
    match t.split_once('\n') {
        Some((first, rest)) if first.starts_with("# source:") => rest.to_string(),
        _ => t,
    }
}

/// (predicted, belonging, items, items hit) over every labeled report.
fn score(granularity: duban_parse::TaskGranularity) -> Option<(usize, usize, usize, usize)> {
    let dir = dev_dir()?;
    let mut names: Vec<_> = std::fs::read_dir(dir.join("tasks"))
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    names.sort();
    let mut tot = (0, 0, 0, 0);
    for labels in names {
        let stem = labels.file_stem()?.to_string_lossy().to_string();
        let text = report_text(&dir.join("reports").join(format!("{stem}.txt")));
        let chars: Vec<char> = text.chars().collect();
        let items: Vec<(usize, usize)> = std::fs::read_to_string(&labels)
            .ok()?
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let g: serde_json::Value = serde_json::from_str(l).expect("label line");
                let span = g["span"].as_str().unwrap_or_default();
                let b = text.find(span).expect("label span in the text");
                let s = text[..b].chars().count();
                (s, s + span.chars().count())
            })
            .collect();
        let opts = duban_parse::ParseOptions { tasks: granularity };
        let p = duban_parse::parse_with(&text, &opts);
        let mut hit = vec![false; items.len()];
        for t in &p.tasks {
            assert!(
                t.start < t.end && t.end <= chars.len(),
                "{stem}: {}",
                t.text
            );
            let best = items
                .iter()
                .enumerate()
                .map(|(k, &(a, b))| (t.end.min(b).saturating_sub(t.start.max(a)), k))
                .max();
            tot.0 += 1;
            if let Some((o, k)) = best
                && o > 0
                && o * 2 >= t.end - t.start
            {
                tot.1 += 1;
                hit[k] = true;
            }
        }
        tot.2 += items.len();
        tot.3 += hit.iter().filter(|&&h| h).count();
    }
    Some(tot)
}

#[test]
fn dev_tasks_are_the_items_one_each() {
    let Some((pred, ok, items, hit)) = score(duban_parse::TaskGranularity::Item) else {
        return;
    };
    let (p, r) = (ok as f64 / pred as f64, hit as f64 / items as f64);
    let per_item = ok as f64 / hit as f64;
    assert!(p >= 0.97 && r >= 0.97, "precision {p:.3} recall {r:.3}");
    assert!(per_item <= 1.2, "{per_item:.2} tasks per item");
}

#[test]
fn dev_tasks_by_sentence_stay_inside_the_items() {
    let Some((pred, ok, items, hit)) = score(duban_parse::TaskGranularity::Sentence) else {
        return;
    };
    let (p, r) = (ok as f64 / pred as f64, hit as f64 / items as f64);
    assert!(p >= 0.97 && r >= 0.97, "precision {p:.3} recall {r:.3}");
    assert!(
        ok > items * 2,
        "sentences are finer than items: {ok} for {items}"
    );
}

mod invariants {
    use duban_parse::{ParseOptions, TaskGranularity, parse_with};
    use proptest::prelude::*;

    /// Pieces of a plan's layout: markers, headings, stops, cues the task rules read.
    const PIECES: &[&str] = &[
        "\n",
        "\n\n",
        "。",
        "；",
        "，",
        "：",
        "！",
        "?",
        "一、",
        "（一）",
        "(二)",
        "一是",
        "二是",
        "三是",
        "1.",
        "2.",
        "（1）",
        "（2）",
        "①",
        "②",
        "⑩",
        "第一，",
        "第二，",
        "——",
        "●",
        "各位代表，",
        "让我们",
        "今年是",
        "之年",
        "主要预期目标是：",
        "总体要求",
        "民生实事",
        "此外，",
        "牵头单位：",
        "县发改局",
        "完成时限：",
        "2026年",
        "工作安排",
        "重点工作",
        "工作回顾",
        "加强政府自身建设",
        "新开工项目30个",
        "增长6%",
        "完成投资50亿元",
        "扩大有效投资",
        "推动消费回暖",
        "  ",
        "|",
    ];

    fn plan_like() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|v| v.concat())
    }

    fn check(s: &str) {
        let n = s.chars().count();
        let items = parse_with(s, &ParseOptions::default());
        let sentences = parse_with(
            s,
            &ParseOptions {
                tasks: TaskGranularity::Sentence,
            },
        );
        for p in [&items, &sentences] {
            let mut owner = vec![None; p.figures.len()];
            let mut last_end = 0;
            for (k, t) in p.tasks.iter().enumerate() {
                assert!(t.start < t.end && t.end <= n, "{s:?}: {t:?}");
                assert!(t.start >= last_end, "tasks overlap in {s:?}");
                last_end = t.end;
                for &f in &t.figures {
                    let fig = &p.figures[f];
                    assert!(fig.start < t.end && t.start < fig.end, "{s:?}");
                    assert!(
                        owner[f].replace(k).is_none(),
                        "a figure in two tasks: {s:?}"
                    );
                }
            }
        }
        // Splitting only cuts items: each sentence task lies inside an item, or is an item.
        for t in &sentences.tasks {
            assert!(
                items
                    .tasks
                    .iter()
                    .any(|i| i.start <= t.start && t.end <= i.end),
                "{s:?}: {}",
                t.text
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1500))]

        #[test]
        fn tasks_are_ordered_disjoint_and_own_their_figures(s in plan_like()) {
            check(&s);
        }
    }
}
