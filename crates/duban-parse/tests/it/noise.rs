//! Property: noise that real copies of reports carry (line breaks, `??`, footnote markers,
//! full-width/ASCII punctuation swaps), inserted anywhere in a figure's sentence outside the
//! number and its unit, leaves the figure's value and unit unchanged.

use proptest::prelude::*;

const LEADS: &[&str] = &["", "全年", "今年", "去年全县", "预计"];
const INDICATORS: &[&str] = &[
    "地区生产总值",
    "一般公共预算收入",
    "城镇新增就业",
    "粮食产量",
    "社会消费品零售总额",
    "居民人均可支配收入",
    "规模以上工业增加值",
];
const VERBS: &[&str] = &["达到", "完成", "增长", "实现", "为", ""];
/// Units written right after the number; the value is the number as written for all of them.
const UNITS: &[&str] = &[
    "亿元",
    "万元",
    "%",
    "人",
    "吨",
    "个",
    "亩",
    "个百分点",
    "元/月",
    "平米",
    "根",
    "成",
];
const QUALS: &[&str] = &["", "以上", "左右", "以内"];
const TAILS: &[&str] = &["", "，工作扎实推进", "，位居前列", "，稳中有进"];

/// One noise insertion: its text and its position as a fraction of the sentence.
#[derive(Debug, Clone)]
enum Noise {
    Insert(&'static str, usize),
    Swap(usize),
}

fn noise() -> impl Strategy<Value = Noise> {
    prop_oneof![
        (
            prop::sample::select(&["\n", "??", "[1]", "[12]", " ", "\r\n"][..]),
            0usize..64
        )
            .prop_map(|(t, p)| Noise::Insert(t, p)),
        (0usize..64).prop_map(Noise::Swap),
    ]
}

/// Full-width and ASCII forms of the same punctuation.
fn swapped(ch: char) -> Option<char> {
    Some(match ch {
        '，' => ',',
        ',' => '，',
        '：' => ':',
        ':' => '：',
        '；' => ';',
        ';' => '；',
        '（' => '(',
        '(' => '（',
        '）' => ')',
        ')' => '）',
        '％' => '%',
        _ => return None,
    })
}

fn figure_value(text: &str, value: f64, unit: &str) -> bool {
    duban_parse::parse(text)
        .figures
        .iter()
        .any(|f| f.unit == unit && (f.value - value).abs() <= 1e-9 * value.abs().max(1.0))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn noise_keeps_value_and_unit(
        lead in prop::sample::select(LEADS),
        ind in prop::sample::select(INDICATORS),
        verb in prop::sample::select(VERBS),
        int in 1u32..100_000,
        frac in prop::option::of(1u32..100),
        unit in prop::sample::select(UNITS),
        qual in prop::sample::select(QUALS),
        tail in prop::sample::select(TAILS),
        noises in prop::collection::vec(noise(), 1..4),
    ) {
        let number = match frac {
            Some(f) => format!("{int}.{f:02}"),
            None => int.to_string(),
        };
        let value: f64 = number.parse().unwrap();
        let head: Vec<char> = format!("{lead}{ind}{verb}").chars().collect();
        let rest: Vec<char> = format!("{qual}{tail}。").chars().collect();
        let figure: Vec<char> = format!("{number}{unit}").chars().collect();
        let clean: String = head.iter().chain(&figure).chain(&rest).collect();
        prop_assert!(figure_value(&clean, value, unit), "clean sentence lost its figure: {clean}");

        // Noise goes into the text before the number and after the unit, never inside them.
        let mut head = head;
        let mut rest = rest;
        for n in &noises {
            match *n {
                Noise::Insert(t, p) => {
                    let slots = head.len() + rest.len() + 1;
                    let at = p % slots;
                    let ins: Vec<char> = t.chars().collect();
                    if at <= head.len() {
                        // Up to right before the number (达到[1]12亿元 must still read 12).
                        head.splice(at..at, ins);
                    } else {
                        let at = at - head.len() - 1;
                        rest.splice(at..at, ins);
                    }
                }
                Noise::Swap(p) => {
                    let all = head.len() + rest.len();
                    if all == 0 {
                        continue;
                    }
                    let at = p % all;
                    let slot = if at < head.len() { &mut head[at] } else { &mut rest[at - head.len()] };
                    if let Some(s) = swapped(*slot) {
                        *slot = s;
                    }
                }
            }
        }
        let noisy: String = head.iter().chain(&figure).chain(&rest).collect();
        prop_assert!(
            figure_value(&noisy, value, unit),
            "noise changed the figure {number}{unit}: {clean:?} → {noisy:?}"
        );
    }
}
