//! Parse throughput over a ≈10 MB corpus built by repeating the dev reports (read at run
//! time from ../shared; falls back to the shipped seed example), measured two ways: the
//! whole corpus as one text, and report by report (how `duban import` meets them).

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::{Duration, Instant};

// The allocator the duban binary runs with, so that the figure is the product's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn reports() -> Vec<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let dev = format!("{root}/../shared/data/dev/reports");
    let mut texts: Vec<String> = Vec::new();
    if let Ok(rd) = std::fs::read_dir(&dev) {
        let mut paths: Vec<_> = rd.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if let Ok(t) = std::fs::read_to_string(&p) {
                let t = if t.starts_with("# source:") {
                    t.split_once('\n')
                        .map(|x| x.1.to_string())
                        .unwrap_or_default()
                } else {
                    t
                };
                texts.push(t);
            }
        }
    }
    if texts.is_empty() {
        texts.push(
            std::fs::read_to_string(format!("{root}/examples/reports/shancheng_2024.txt"))
                .expect("seed report"),
        );
    }
    texts
}

/// The reports repeated in order until they reach ≈10 MB.
fn corpus(texts: &[String]) -> Vec<&str> {
    let mut out = Vec::new();
    let mut bytes = 0;
    while bytes < 10_000_000 {
        for t in texts {
            out.push(t.as_str());
            bytes += t.len() + 1;
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let texts = reports();
    let docs = corpus(&texts);
    let whole = docs.join("\n");
    let chars = whole.chars().count() as u64;
    let by_report = || {
        for d in &docs {
            black_box(duban_parse::parse(black_box(d)));
        }
    };
    let mut g = c.benchmark_group("parse");
    // One run per sample: a shared machine's stalls then spoil single samples, which the
    // median below leaves out, instead of every batch.
    g.sampling_mode(SamplingMode::Flat);
    g.sample_size(20);
    g.measurement_time(Duration::from_secs(4));
    g.throughput(Throughput::Elements(chars));
    g.bench_function("corpus_10mb", |b| {
        b.iter(|| black_box(duban_parse::parse(black_box(&whole))))
    });
    g.bench_function("corpus_10mb_by_report", |b| b.iter(by_report));
    g.finish();
    eprintln!(
        "corpus: {} reports, {} bytes, {} chars (throughput above is in chars/s)",
        docs.len(),
        whole.len(),
        chars
    );
    // The median of single runs, robust to the stalls of a shared machine.
    for (name, run) in [
        (
            "corpus_10mb",
            &(|| {
                black_box(duban_parse::parse(black_box(&whole)));
            }) as &dyn Fn(),
        ),
        ("corpus_10mb_by_report", &by_report as &dyn Fn()),
    ] {
        let mut times: Vec<f64> = (0..25)
            .map(|_| {
                let t = Instant::now();
                run();
                t.elapsed().as_secs_f64()
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        eprintln!(
            "{name}: median of 25 runs {:.1} ms = {:.1} M chars/s (best {:.1} M chars/s)",
            median * 1e3,
            chars as f64 / median / 1e6,
            chars as f64 / times[0] / 1e6
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
