use crate::{Measure, Op, parse};

fn figs(s: &str) -> Vec<(f64, String, Measure, Op, String)> {
    parse(s)
        .figures
        .into_iter()
        .map(|f| {
            (
                f.value,
                f.unit.into_owned(),
                f.measure,
                f.op,
                f.indicator.into_owned(),
            )
        })
        .collect()
}

#[test]
fn growth_and_level() {
    let f = figs("全年实现粮食产量88.5万吨，同比增长2.1%。");
    assert_eq!(f.len(), 2);
    assert_eq!(f[0].0, 885000.0);
    assert_eq!(f[0].1, "吨");
    assert_eq!(f[1].2, Measure::Growth);
    assert_eq!(f[1].4, "粮食产量");
}

#[test]
fn currency_keeps_multiplier() {
    let f = figs("实现税收收入12.6亿元，引进资金3500余万元。");
    assert_eq!((f[0].0, f[0].1.as_str()), (12.6, "亿元"));
    assert_eq!(
        (f[1].0, f[1].1.as_str(), f[1].3),
        (3500.0, "万元", Op::AtLeast)
    );
}

#[test]
fn qualifiers() {
    let f = figs("今年新增就业岗位八千个以上，失业率控制在4%以内，物价涨幅3%左右。");
    assert_eq!((f[0].0, f[0].3), (8000.0, Op::AtLeast));
    assert_eq!((f[1].0, f[1].2, f[1].3), (4.0, Measure::Share, Op::AtMost));
    assert_eq!((f[2].2, f[2].3), (Measure::Growth, Op::About));
}

#[test]
fn skips_dates_ordinals_and_quotes() {
    assert!(figs("2023年3月5日，第十二届会议在“12345”平台召开，连续5年排名第2位。").is_empty());
}

#[test]
fn fenbie_lists() {
    let f = figs("城乡居民收入分别增长5.1%、6.3%以上。");
    assert_eq!(f.len(), 2);
    assert_eq!(f[0].4, "城镇居民收入");
    assert_eq!(f[1].4, "农村居民收入");
    assert!(
        f.iter()
            .all(|x| x.3 == Op::AtLeast && x.2 == Measure::Growth)
    );
}

#[test]
fn ranges_and_fractions() {
    let p = parse("办理时限压缩3至5个工作日，占全省三分之一。");
    assert_eq!(p.figures[0].value_max, Some(5.0));
    assert_eq!(p.figures[1].unit, "fraction");
    assert_eq!(p.figures[1].value, 0.3333);
}

/// 力争 covers the figures after it up to the next semicolon or the sentence end (the labeling
/// guide: "力争 covers its own clause (up to ；/。)"), not the ones before it.
#[test]
fn lizheng_covers_up_to_the_semicolon() {
    let f = figs("今年目标：进口增长3%，外贸总额力争增长6%，新增就业3000人；新增企业20家。");
    assert_eq!(f[0].3, Op::Exactly);
    assert_eq!(f[1].3, Op::About);
    assert_eq!(f[2].3, Op::About);
    assert_eq!(f[3].3, Op::Exactly);
}

#[test]
fn jun_lists_give_one_figure_per_name() {
    let f = figs("城镇居民收入和农民收入均增长6%左右。");
    assert_eq!(f.len(), 2);
    assert_eq!(f[1].4, "农民收入");
    assert!(f.iter().all(|x| x.2 == Measure::Growth && x.3 == Op::About));
}

#[test]
fn traditional_script_is_read() {
    let f = figs("新增停車位500個以上，糧食產量1.3萬億斤。");
    assert_eq!(
        (f[0].0, f[0].1.as_str(), f[0].3),
        (500.0, "个", Op::AtLeast)
    );
    assert_eq!((f[1].0, f[1].1.as_str()), (1.3e12, "斤"));
}

#[test]
fn skips_names_ranks_and_attributes() {
    let f = figs(
        "建设总投资5亿元的物流园项目，年产10万吨饲料，在全市12个县中排名第一，残疾人两项补贴800万元。",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, 800.0);
}

#[test]
fn list_restatements_are_skipped() {
    assert!(figs("推动电子信息、装备制造、生物医药三大产业和物流、文旅两个板块发展。").is_empty());
    assert_eq!(figs("培育龙头企业、专精特新企业等3家。").len(), 1);
}

#[test]
fn class_sizes_and_policy_packages_are_skipped() {
    assert!(
        figs("改造30户以上传统村寨，落实稳增长15条，建设总投资9亿元的抽水蓄能电站。").is_empty()
    );
    let f = figs("全市八大类36项民生实事全部完成，新建3人制篮球场6个。");
    assert_eq!(f.len(), 3, "{f:?}");
    assert_eq!(
        (f[0].0, f[0].1.as_str(), f[0].4.as_str()),
        (8.0, "大类", "民生实事")
    );
    assert_eq!((f[1].0, f[1].4.as_str()), (36.0, "民生实事"));
    assert_eq!(f[2].0, 6.0);
}

#[test]
fn tense_word_lists_start_with_different_chars() {
    // default_kind counts start positions; that counts each word only if no two words
    // of a list share a first char.
    for list in [super::PAST_WORDS, super::FUTURE_WORDS] {
        let mut firsts: Vec<char> = list.iter().filter_map(|w| w.chars().next()).collect();
        firsts.sort_unstable();
        firsts.dedup();
        assert_eq!(firsts.len(), list.len());
    }
}

/// A text titled as a list of commitments holds targets of the title's year, even when its
/// items say 完成; a title reporting the list's results does not.
#[test]
fn commitment_title_gives_targets() {
    let p = parse("2031年全县十项民生实事\n一、完成农村改厕800户。\n二、完成危房改造90户。\n");
    assert!(
        p.figures
            .iter()
            .filter(|f| f.unit == "户")
            .all(|f| f.kind == crate::FigureKind::Target && f.year == Some(2031))
    );
    let p = parse("2031年全县民生实事完成情况\n一、完成农村改厕800户。\n二、完成危房改造90户。\n");
    assert!(
        p.figures
            .iter()
            .filter(|f| f.unit == "户")
            .all(|f| f.kind == crate::FigureKind::Actual)
    );
}

#[test]
fn five_year_figures_have_no_year() {
    let text = "2026年政府工作报告\n一、2025年工作回顾\n\
                “十四五”时期，全县地区生产总值年均增长6.5%。\n\
                2021年是“十四五”开局之年，地区生产总值增长8%。\n";
    let years: Vec<Option<i32>> = parse(text).figures.iter().map(|f| f.year).collect();
    // The period's figure has none; an annual figure beside the period's name keeps its year.
    assert_eq!(years.len(), 2);
    assert_eq!(years[0], None);
    assert!(years[1].is_some());
}

#[test]
fn a_year_given_with_the_figure_wins() {
    let text = "2026年政府工作报告\n一、2025年工作回顾\n\
                地区生产总值从2020年的240亿元增长到320亿元。\n\
                二、2026年工作安排\n到2030年城镇化率达到65%。\n";
    let years: Vec<Option<i32>> = parse(text).figures.iter().map(|f| f.year).collect();
    assert_eq!(years, vec![Some(2020), Some(2025), Some(2030)]);
}
