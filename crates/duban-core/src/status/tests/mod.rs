//! Status and light by example, row by row on both sides of every threshold; properties in
//! [`props`].

use super::*;

mod props;

const DEF: fn() -> Thresholds = Thresholds::default;

fn p(month: u8) -> Period {
    Period { year: 2024, month }
}
fn rule(target: Target) -> ItemRule {
    ItemRule {
        target,
        planned_curve: None,
        adjusted: false,
    }
}
fn level(t: f64) -> ItemRule {
    rule(Target::Level {
        value: t,
        unit: "人".into(),
    })
}
fn growth(t: f64, direction: Direction) -> ItemRule {
    rule(Target::Growth {
        value: t,
        direction,
    })
}
fn ceiling(c: f64) -> ItemRule {
    rule(Target::Ceiling {
        value: c,
        unit: "%".into(),
    })
}
fn share(t: f64) -> ItemRule {
    rule(Target::Share {
        value: t,
        unit: "%".into(),
    })
}
fn val(v: f64) -> Observation {
    Observation::Value(v)
}

use Status::*;

use Light::{Green as G, None as NoLight, Red as R, Yellow as Y};

/// Runs `(case, month, observation, status, light)` rows against one rule under the
/// default thresholds.
fn check(r: &ItemRule, rows: &[(&str, u8, Observation, Status, Light)]) {
    for (name, m, obs, want, light) in rows {
        let a = assess(r, p(*m), obs, &DEF());
        assert_eq!((a.status, a.light), (*want, *light), "{name}: {a:?}");
        let one_line = !a.explanation.is_empty() && !a.explanation.contains('\n');
        assert!(one_line, "{name}");
    }
}

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

#[test]
fn tasks_by_milestone_and_by_image_progress() {
    let ms = |done, is_final| Observation::Milestone { done, is_final };
    check(
        &rule(Target::Task),
        &[
            ("milestone done", 6, ms(true, false), OnTrack, G),
            ("milestone not done", 6, ms(false, false), Behind, Y),
            ("final milestone done", 12, ms(true, true), Completed, G),
            ("final milestone not done", 12, ms(false, true), Behind, Y),
            ("形象进度 60% in June", 6, val(60.0), Ahead, G),
            ("形象进度 45% in June", 6, val(45.0), Behind, Y),
            ("形象进度 100%", 6, val(100.0), Completed, G),
        ],
    );
    check(
        &level(100.0),
        &[("milestone on a level item", 6, ms(true, false), OnTrack, G)],
    );
    let a = assess(&rule(Target::Task), p(6), &ms(true, false), &DEF());
    assert_eq!(a.explanation, "本期节点已完成");
    let a = assess(&rule(Target::Task), p(6), &val(45.0), &DEF());
    assert_eq!(
        a.explanation,
        "形象进度45%，序时进度50.0%，低于序时5.0个百分点"
    );
}

#[test]
fn missing_and_not_started() {
    let due = || Observation::Missing {
        due: "2024-06-25".into(),
    };
    check(
        &level(10.0),
        &[
            ("missing level", 6, due(), NotReported, R),
            (
                "nothing yet",
                1,
                Observation::NothingYet,
                NotStarted,
                NoLight,
            ),
            ("NaN value", 6, val(f64::NAN), NotReported, R),
        ],
    );
    check(
        &rule(Target::Task),
        &[("missing task", 6, due(), NotReported, R)],
    );
    check(
        &growth(6.0, Direction::Up),
        &[("infinite value", 6, val(f64::INFINITY), NotReported, R)],
    );
    let a = assess(&level(10.0), p(6), &due(), &DEF());
    assert_eq!(a.explanation, "截至2024-06-25未报送2024年6月进展");
}

#[test]
fn adjusted_keeps_the_assessed_status_and_its_light() {
    let mut r = level(1000.0);
    r.adjusted = true;
    for (v, under, light) in [
        (1000.0, Completed, Light::Green),
        (450.0, Behind, Light::Yellow),
        (100.0, SeriouslyBehind, Light::Red),
    ] {
        let a = assess(&r, p(6), &val(v), &DEF());
        assert_eq!(
            (a.status, a.assessed_as, a.light),
            (Adjusted, Some(under), light)
        );
        assert!(a.explanation.starts_with("目标已调整"), "{}", a.explanation);
    }
    // No report: nothing was assessed against the new target, so 未填报 shows through.
    let a = assess(
        &r,
        p(6),
        &Observation::Missing {
            due: "2024-06-25".into(),
        },
        &DEF(),
    );
    assert_eq!(
        (a.status, a.assessed_as, a.light),
        (NotReported, None, Light::Red)
    );
    let a = assess(&level(1000.0), p(6), &val(450.0), &DEF());
    assert_eq!(a.assessed_as, None);
}

#[test]
fn invalid_targets_do_not_divide() {
    let cases = [
        (level(0.0), 5.0, OnTrack),
        (level(0.0), -1.0, Behind),
        (level(-5.0), -5.0, OnTrack),
        (level(f64::NAN), 5.0, Behind),
        (level(f64::INFINITY), 5.0, Behind),
        (share(0.0), 1.0, OnTrack),
        (share(f64::NAN), 1.0, Behind),
        (growth(f64::NAN, Direction::Up), 1.0, Behind),
        (ceiling(f64::NEG_INFINITY), 1.0, Behind),
    ];
    for (r, v, want) in cases {
        for m in [6, 12] {
            let a = assess(&r, p(m), &val(v), &DEF());
            assert_eq!(a.status, want, "{r:?} {v}: {a:?}");
            assert!(a.explanation.contains("目标"), "{}", a.explanation);
            assert_eq!(a.completion, None);
        }
    }
    let a = assess(&level(0.0), p(6), &val(5.0), &DEF());
    assert_eq!(
        a.explanation,
        "累计完成5人，目标值0无法计算完成比例，当前值不低于目标"
    );
}

#[test]
fn light_presets() {
    let (d, y) = (Thresholds::default(), Thresholds::yinchuan());
    let cases = [
        (Behind, Some(-0.01), Light::Yellow, Light::Green),
        (Behind, Some(-5.0), Light::Yellow, Light::Green),
        (Behind, Some(-9.99), Light::Yellow, Light::Green),
        (Behind, Some(-10.0), Light::Yellow, Light::Yellow),
        (Behind, Some(-30.0), Light::Yellow, Light::Yellow),
        (Behind, None, Light::Yellow, Light::Yellow),
        (SeriouslyBehind, Some(-30.01), Light::Red, Light::Red),
        (OnTrack, Some(0.0), Light::Green, Light::Green),
        (Ahead, Some(10.0), Light::Green, Light::Green),
        (Completed, None, Light::Green, Light::Green),
        (NotReported, None, Light::Red, Light::Red),
        (NotStarted, None, Light::None, Light::None),
    ];
    for (s, diff, want_d, want_y) in cases {
        assert_eq!(light_for(s, diff, &d), want_d, "default {s:?} {diff:?}");
        assert_eq!(light_for(s, diff, &y), want_y, "银川 {s:?} {diff:?}");
    }
    // Through assess: 银川 softens level 欠进度 only, never a growth shortfall.
    let a = assess(&level(1000.0), p(6), &val(410.0), &y);
    assert_eq!((a.status, a.light), (Behind, Light::Green));
    let a = assess(&level(1000.0), p(6), &val(400.0), &y);
    assert_eq!((a.status, a.light), (Behind, Light::Yellow));
    let a = assess(&growth(6.0, Direction::Up), p(6), &val(5.0), &y);
    assert_eq!((a.status, a.light), (Behind, Light::Yellow));
    assert_eq!(y.serious_points, 30.0);
}

#[test]
fn from_figure_picks_the_target_kind() {
    use Direction::{Down, Up};
    use Measure::{Growth as Gr, Level as Lv, Share as Sh};
    use Op::{About, AtLeast, AtMost, Exactly};
    let lv = |value, unit: &str| Target::Level {
        value,
        unit: unit.into(),
    };
    let cap = |value, unit: &str| Target::Ceiling {
        value,
        unit: unit.into(),
    };
    let gr = |value, direction| Target::Growth { value, direction };
    let sh = |value| Target::Share {
        value,
        unit: "%".into(),
    };
    let cases = [
        ((Lv, AtLeast, None, Some(3760.0), "人"), lv(3760.0, "人")),
        ((Lv, About, None, Some(80.0), "亿元"), lv(80.0, "亿元")),
        ((Lv, AtMost, None, Some(5.0), "万吨"), cap(5.0, "万吨")),
        ((Gr, Exactly, None, Some(6.0), "%"), gr(6.0, Up)),
        ((Gr, About, Some(Down), Some(3.0), "%"), gr(3.0, Down)),
        ((Gr, AtMost, Some(Up), Some(3.0), ""), cap(3.0, "%")),
        ((Sh, AtMost, None, Some(4.5), "%"), cap(4.5, "%")),
        ((Sh, AtLeast, None, Some(95.0), "%"), sh(95.0)),
        ((Lv, AtLeast, None, None, "人"), Target::Task),
    ];
    for ((m, op, dir, v, unit), want) in cases {
        let got = ItemRule::from_figure(m, op, dir, v, unit);
        assert_eq!(got.target, want, "{m:?} {op:?} {v:?}");
        assert!(!got.adjusted && got.planned_curve.is_none());
    }
}

#[test]
fn out_of_range_month_is_clamped_not_a_panic() {
    let mut r = level(1000.0);
    r.planned_curve = Some([Some(0.5); 12]);
    for month in [0, 13, 255] {
        let a = assess(&r, Period { year: 2024, month }, &val(500.0), &DEF());
        assert_eq!(a.status, OnTrack);
    }
}

#[test]
fn number_formatting() {
    assert_eq!(num(2130.0), "2130");
    assert_eq!(num(121.30), "121.3");
    assert_eq!(num(-0.0), "0");
    assert_eq!(num(0.00001), "0");
    assert_eq!(pct(-0.04), "0.0%");
    assert_eq!(points(-0.004), "不足0.01");
    assert_eq!(Status::Adjusted.progress_rank(), None);
    let a = assess(&level(1e-300), p(6), &val(1e300), &DEF());
    assert_eq!((a.status, a.completion), (Completed, None));
    assert!(
        a.explanation
            .ends_with("人，占目标（数值溢出），已完成年度目标"),
        "{}",
        a.explanation
    );
}
