//! Property tests: never panics, spans agree with offsets, deterministic.

use proptest::prelude::*;

const ALPHABET: &[&str] = &[
    "0",
    "1",
    "2",
    "5",
    "9",
    ".",
    "１",
    "２",
    "．",
    "一",
    "二",
    "两",
    "三",
    "十",
    "百",
    "千",
    "万",
    "亿",
    "〇",
    "○",
    "零",
    "。",
    "，",
    "、",
    "；",
    "：",
    "%",
    "％",
    "‰",
    "（",
    "）",
    "(",
    ")",
    "“",
    "”",
    "《",
    "》",
    "[",
    "]",
    "年",
    "月",
    "日",
    "增长",
    "下降",
    "以上",
    "以内",
    "左右",
    "约",
    "预计",
    "力争",
    "分别",
    "城乡",
    "亿元",
    "万元",
    "个",
    "家",
    "人",
    "亩",
    "第",
    "是",
    "、",
    "\n",
    " ",
    "-",
    "—",
    "至",
    "余",
    "多",
    "率",
    "等",
    "和",
    "个百分点",
    "百分之",
    "分之",
    "?",
    "??",
    "IO(X)",
    "工作回顾",
    "目标任务",
    "重点工作",
    "政府自身建设",
    "牵头单位：",
    "配合单位：",
    "完成时限：",
    "一、",
    "（一）",
    "一是",
    "1.",
    "（1）",
    "地区生产总值",
    "G",
    "/",
    ":",
    "的",
    "项目",
    "总投资",
    "以上的",
    "占比",
    "满意率",
];

fn report_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..120).prop_map(|v| v.concat())
}

fn check(s: &str) {
    let p = duban_parse::parse(s);
    let chars: Vec<char> = s.chars().collect();
    for f in &p.figures {
        assert!(f.start <= f.end && f.end <= chars.len());
        let span: String = chars[f.start..f.end].iter().collect();
        assert_eq!(span, f.span);
        assert!(f.value.is_finite());
    }
    for x in &p.sections {
        assert!(x.start <= x.end && x.end <= chars.len());
    }
    for x in &p.sentences {
        assert!(x.start <= x.end && x.end <= chars.len());
    }
    for t in &p.tasks {
        assert!(t.start <= t.end && t.end <= chars.len());
        assert!(t.figures.iter().all(|&i| i < p.figures.len()));
    }
    assert_eq!(p, duban_parse::parse(s));
    let _ = duban_parse::output::jsonl(&p);
    let _ = duban_parse::output::table(&p);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn never_panics_on_any_string(s in any::<String>()) {
        check(&s);
    }

    #[test]
    fn never_panics_on_report_like_text(s in report_like()) {
        check(&s);
    }

    /// Report-like text cut into lines of one width (its wide chars only), so that it reads
    /// as hard-wrapped and its line breaks are left out of the scanners' table.
    #[test]
    fn never_panics_on_wrapped_text(
        parts in prop::collection::vec(report_like(), 8..16),
        page in 16usize..40,
    ) {
        let text: String = parts.concat();
        let chars: Vec<char> = text.chars().filter(|&c| !c.is_ascii()).collect();
        let lines: Vec<String> = chars.chunks(page).map(|l| l.iter().collect()).collect();
        check(&lines.join("\n"));
    }
}

#[test]
fn edge_cases() {
    for s in [
        "",
        "。",
        "1",
        "一",
        "万",
        "百分之",
        "三分之",
        "1/",
        "5至",
        "5-",
        "IO(",
        "?",
        "（",
        "一、",
        "\n\n\n",
        "0.0.0.0",
        "9999999999999999999999亿元",
    ] {
        check(s);
    }
}
