//! Properties of the status rules over any target, observation and thresholds.

use super::*;
use proptest::prelude::*;

fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        prop::num::f64::ANY,
        -200.0..200.0f64,
        (-2000i32..2000).prop_map(|x| f64::from(x) / 10.0),
        Just(0.0),
    ]
}

fn any_target() -> impl Strategy<Value = Target> {
    prop_oneof![
        any_f64().prop_map(|value| Target::Level {
            value,
            unit: "人".into()
        }),
        (any_f64(), any::<bool>()).prop_map(|(value, up)| Target::Growth {
            value,
            direction: if up { Direction::Up } else { Direction::Down },
        }),
        any_f64().prop_map(|value| Target::Ceiling {
            value,
            unit: "%".into()
        }),
        any_f64().prop_map(|value| Target::Share {
            value,
            unit: "%".into()
        }),
        Just(Target::Task),
    ]
}

fn any_obs() -> impl Strategy<Value = Observation> {
    prop_oneof![
        Just(Observation::NothingYet),
        Just(Observation::Missing {
            due: "2024-06-25".into()
        }),
        any_f64().prop_map(Observation::Value),
        (any::<bool>(), any::<bool>())
            .prop_map(|(done, is_final)| Observation::Milestone { done, is_final }),
    ]
}

fn any_thresholds() -> impl Strategy<Value = Thresholds> {
    prop_oneof![
        Just(Thresholds::default()),
        Just(Thresholds::yinchuan()),
        (
            any_f64(),
            any_f64(),
            any_f64(),
            any_f64(),
            any_f64(),
            any_f64()
        )
            .prop_map(|(a, b, s, g, c, y)| Thresholds {
                ahead_points: a,
                behind_points: b,
                serious_points: s,
                growth_band: g,
                ceiling_tolerance: c,
                yellow_from_points: y,
            }),
    ]
}

/// The light a status must have, whatever the thresholds; `None` where 银川-style
/// softening allows either green or yellow.
fn required_light(s: Status) -> Option<Light> {
    match s {
        Completed | Ahead | OnTrack => Some(Light::Green),
        SeriouslyBehind | NotReported => Some(Light::Red),
        NotStarted => Some(Light::None),
        Behind | Adjusted => None,
    }
}

proptest! {
    #[test]
    fn never_panics_and_stays_consistent(
        target in any_target(),
        curve in prop::option::of(prop::array::uniform12(prop::option::of(any_f64()))),
        adjusted in any::<bool>(),
        month in any::<u8>(),
        obs in any_obs(),
        th in any_thresholds(),
    ) {
        let r = ItemRule { target, planned_curve: curve, adjusted };
        let a = assess(&r, Period { year: 2024, month }, &obs, &th);
        prop_assert!(!a.explanation.is_empty() && !a.explanation.contains('\n'));
        prop_assert!(!a.explanation.contains("NaN") && !a.explanation.contains("inf"));
        for x in [a.completion, a.time_progress, a.diff].into_iter().flatten() {
            prop_assert!(x.is_finite());
        }
        let under = match a.status {
            Adjusted => {
                prop_assert!(adjusted);
                a.assessed_as.expect("adjusted carries its assessment")
            }
            s => {
                prop_assert_eq!(a.assessed_as, None);
                s
            }
        };
        prop_assert!(under != Adjusted);
        if let Some(l) = required_light(under) {
            prop_assert_eq!(a.light, l);
        } else {
            prop_assert!(a.light == Light::Yellow || a.light == Light::Green);
        }
        if th == Thresholds::default() && under == Behind {
            prop_assert_eq!(a.light, Light::Yellow);
        }
    }

    #[test]
    fn more_progress_never_worse_for_a_level_target(
        t in 0.001..1e7f64,
        a in -1e7..1e7f64,
        b in -1e7..1e7f64,
        month in 1u8..=12,
        yinchuan in any::<bool>(),
    ) {
        let th = if yinchuan { Thresholds::yinchuan() } else { Thresholds::default() };
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let r = level(t);
        let s_lo = assess(&r, p(month), &val(lo), &th).status;
        let s_hi = assess(&r, p(month), &val(hi), &th).status;
        prop_assert!(s_lo.progress_rank().unwrap() <= s_hi.progress_rank().unwrap(),
            "{lo} → {s_lo:?}, {hi} → {s_hi:?}");
    }

    #[test]
    fn light_matches_status_under_both_presets(
        v in -100.0..2000.0f64,
        month in 1u8..=12,
    ) {
        let r = level(1000.0);
        let a = assess(&r, p(month), &val(v), &Thresholds::default());
        let y = assess(&r, p(month), &val(v), &Thresholds::yinchuan());
        prop_assert_eq!(a.status, y.status);
        let want = |yellow_from: f64| match a.status {
            Behind if a.diff.unwrap() > -yellow_from => Light::Green,
            Behind => Light::Yellow,
            s => required_light(s).unwrap(),
        };
        prop_assert_eq!(a.light, want(0.0));
        prop_assert_eq!(y.light, want(10.0));
    }
}
