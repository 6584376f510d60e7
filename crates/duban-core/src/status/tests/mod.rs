//! Status and light by example: the thresholds of each target kind in [`bands`], the other
//! states (tasks, missing reports, adjusted items, invalid targets) and presets here,
//! properties in [`props`].

use super::*;

mod bands;
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
