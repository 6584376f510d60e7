//! Status and light row by row on both sides of every threshold of the four target kinds
//! (level, growth, ceiling, share), with their explanations and a planned curve.

use super::*;

#[test]
fn level_bands_on_both_sides_of_every_threshold() {
    // Target 1000, June: 序时 50%, so diff = value/10 − 50.
    check(
        &level(1000.0),
        &[
            ("completion exactly 100%", 6, val(1000.0), Completed, G),
            ("completion just below 100%", 6, val(999.9), Ahead, G),
            ("diff exactly +10", 6, val(600.0), Ahead, G),
            ("diff +9.99", 6, val(599.9), OnTrack, G),
            ("diff exactly 0", 6, val(500.0), OnTrack, G),
            ("diff -0.01", 6, val(499.9), Behind, Y),
            ("diff exactly -30", 6, val(200.0), Behind, Y),
            ("diff -30.01", 6, val(199.9), SeriouslyBehind, R),
            ("negative cumulative", 6, val(-5.0), SeriouslyBehind, R),
            ("December, 99.99%", 12, val(999.9), Behind, Y),
            ("December, 100%", 12, val(1000.0), Completed, G),
            // January: 序时 8.333…%, not a decimal; 183.34 is just over +10.
            ("January ahead", 1, val(183.34), Ahead, G),
            ("January on track", 1, val(183.33), OnTrack, G),
        ],
    );
}

#[test]
fn level_explanation_matches_the_briefing_style() {
    let a = assess(&level(3760.0), p(6), &val(2130.0), &DEF());
    assert_eq!(
        a.explanation,
        "累计完成2130人，占目标56.6%，序时进度50.0%，超序时6.6个百分点"
    );
    assert_eq!(a.time_progress, Some(50.0));
    assert!((a.completion.unwrap() - 56.648_936_170).abs() < 1e-6);
    let a = assess(&level(1000.0), p(6), &val(499.9), &DEF());
    assert_eq!(
        a.explanation,
        "累计完成499.9人，占目标50.0%，序时进度50.0%，低于序时0.01个百分点"
    );
    let a = assess(&level(1000.0), p(6), &val(500.0), &DEF());
    assert!(a.explanation.ends_with("与序时持平"), "{}", a.explanation);
    let r = rule(Target::Level {
        value: 80.0,
        unit: "亿元".into(),
    });
    let a = assess(&r, p(10), &val(100.512), &DEF());
    assert_eq!(
        a.explanation,
        "累计完成100.512亿元，占目标125.6%，已完成年度目标"
    );
}

#[test]
fn planned_curve_overrides_the_linear_default() {
    // 450 of 1000 in June: linear 序时 50% → −5 (欠进度).
    let mut curve = [None; 12];
    let mut r = level(1000.0);
    let cases = [
        (None, Behind, 50.0),
        (Some(0.4), OnTrack, 40.0),
        (Some(0.35), Ahead, 35.0),
        (Some(0.8), SeriouslyBehind, 80.0),
        (Some(f64::NAN), Behind, 50.0),
        (Some(1.5), SeriouslyBehind, 100.0),
        (Some(-1.0), Ahead, 0.0),
    ];
    for (june, want, tp) in cases {
        curve[5] = june;
        curve[6] = Some(0.9); // other months never leak into June
        r.planned_curve = Some(curve);
        let a = assess(&r, p(6), &val(450.0), &DEF());
        assert_eq!(
            (a.status, a.time_progress),
            (want, Some(tp)),
            "{june:?}: {a:?}"
        );
    }
    curve[5] = Some(0.4);
    r.planned_curve = Some(curve);
    let a = assess(&r, p(6), &val(450.0), &DEF());
    assert!(
        a.explanation.contains("序时进度（按年度计划）40.0%"),
        "{}",
        a.explanation
    );
}

#[test]
fn growth_up_and_down_on_both_sides_of_every_threshold() {
    check(
        &growth(6.0, Direction::Up),
        &[
            ("up t+2 exactly", 6, val(8.0), Ahead, G),
            ("up just below t+2", 6, val(7.99), OnTrack, G),
            ("up t exactly", 6, val(6.0), OnTrack, G),
            ("up just below t", 6, val(5.99), Behind, Y),
            ("up t-2 exactly", 6, val(4.0), Behind, Y),
            ("up just below t-2", 6, val(3.99), SeriouslyBehind, R),
            ("up December at t", 12, val(6.0), Completed, G),
            ("up December above t+2", 12, val(9.0), Completed, G),
            ("up December below t", 12, val(5.99), Behind, Y),
        ],
    );
    // Within t−2 but negative: the g < 0 rule makes it serious.
    check(
        &growth(1.0, Direction::Up),
        &[
            ("up small target, g 0", 6, val(0.0), Behind, Y),
            ("up small target, g<0", 6, val(-0.5), SeriouslyBehind, R),
        ],
    );
    check(
        &growth(3.0, Direction::Down),
        &[
            ("down t+2 exactly", 6, val(5.0), Ahead, G),
            ("down just below t+2", 6, val(4.99), OnTrack, G),
            ("down t exactly", 6, val(3.0), OnTrack, G),
            ("down just below t", 6, val(2.99), Behind, Y),
            ("down t-2 exactly", 6, val(1.0), Behind, Y),
            ("down just below t-2", 6, val(0.99), SeriouslyBehind, R),
            ("down December at t", 12, val(3.0), Completed, G),
            ("down December short", 12, val(2.99), Behind, Y),
        ],
    );
    check(
        &growth(1.0, Direction::Down),
        &[
            ("down rose instead", 6, val(-0.5), SeriouslyBehind, R),
            ("down flat", 6, val(0.0), Behind, Y),
        ],
    );
}

#[test]
fn growth_explanations() {
    let a = assess(&growth(6.0, Direction::Up), p(6), &val(5.1), &DEF());
    assert_eq!(
        a.explanation,
        "累计增长5.1%，目标增长6%，低于目标0.9个百分点"
    );
    assert_eq!(a.diff, Some(-0.9));
    assert_eq!(a.time_progress, None);
    let a = assess(&growth(6.0, Direction::Up), p(6), &val(-1.2), &DEF());
    assert_eq!(
        a.explanation,
        "累计下降1.2%，目标增长6%，低于目标7.2个百分点（负增长）"
    );
    let a = assess(&growth(3.0, Direction::Down), p(6), &val(-0.5), &DEF());
    assert_eq!(
        a.explanation,
        "累计上升0.5%，目标下降3%，降幅低于目标3.5个百分点（不降反升）"
    );
    let a = assess(&growth(3.0, Direction::Down), p(12), &val(3.2), &DEF());
    assert_eq!(
        a.explanation,
        "累计下降3.2%，目标下降3%，降幅超过目标0.2个百分点，完成年度目标"
    );
}

#[test]
fn ceiling_on_both_sides_of_every_threshold() {
    check(
        &ceiling(4.5),
        &[
            ("below cap", 6, val(4.2), OnTrack, G),
            ("at cap", 6, val(4.5), OnTrack, G),
            ("just above cap", 6, val(4.51), Behind, Y),
            ("exactly 1.1c", 6, val(4.95), Behind, Y),
            ("just above 1.1c", 6, val(4.96), SeriouslyBehind, R),
            ("December at cap", 12, val(4.5), Completed, G),
            ("December above cap", 12, val(4.6), Behind, Y),
        ],
    );
    check(
        &ceiling(0.0),
        &[
            ("zero cap met", 6, val(0.0), OnTrack, G),
            (
                "zero cap exceeded: no band",
                6,
                val(0.01),
                SeriouslyBehind,
                R,
            ),
        ],
    );
    check(
        &ceiling(-10.0),
        &[
            ("negative cap within band", 6, val(-9.0), Behind, Y),
            ("negative cap beyond band", 6, val(-8.9), SeriouslyBehind, R),
        ],
    );
    let a = assess(&ceiling(4.5), p(6), &val(4.2), &DEF());
    assert_eq!(a.explanation, "当前值4.2%，控制目标4.5%以内");
    let a = assess(&ceiling(4.5), p(6), &val(4.7), &DEF());
    assert_eq!(
        a.explanation,
        "当前值4.7%，控制目标4.5%以内，高出0.2个百分点"
    );
}

#[test]
fn share_on_both_sides_of_every_threshold() {
    // Target 90%: diff = (v/90 − 1) × 100.
    check(
        &share(90.0),
        &[
            ("ratio 110%", 6, val(99.0), Ahead, G),
            ("ratio just below 110%", 6, val(98.99), OnTrack, G),
            ("at target before December", 6, val(90.0), OnTrack, G),
            ("just below target", 6, val(89.99), Behind, Y),
            ("ratio exactly 70%", 6, val(63.0), Behind, Y),
            ("ratio just below 70%", 6, val(62.99), SeriouslyBehind, R),
            ("December at target", 12, val(90.0), Completed, G),
            ("December above target", 12, val(99.0), Completed, G),
            ("December just below", 12, val(89.99), Behind, Y),
        ],
    );
    let a = assess(&share(90.0), p(6), &val(63.0), &DEF());
    assert_eq!(
        a.explanation,
        "当前值63%，目标90%，为目标值的70.0%，未达到目标"
    );
    let numbers = (a.completion, a.diff, a.time_progress);
    assert_eq!(numbers, (Some(70.0), Some(-30.0), None));
}
