//! Tests of the project rules with the figures of B4, B5 and the seed report.

use super::*;
use proptest::prelude::*;
use time::macros::date;

fn p(month: u8) -> Period {
    Period { year: 2024, month }
}

#[test]
fn investment_against_time_progress_reads_like_the_bulletin() {
    let a = ProjectFacts {
        annual_plan: Some(647.3),
        completed: vec![(p(9), 500.0), (p(10), 629.0)],
        ..Default::default()
    };
    let inv = investment(&[&a], p(10));
    assert_eq!(inv.completed, 629.0);
    assert!(
        inv.explanation
            .ends_with("占年度投资计划的97.2%，超过时间进度13.8个百分点"),
        "{}",
        inv.explanation
    );
    // The seed: 15 projects, 34.7亿元 done of a 28.6亿元 plan = 121.3%.
    let many: Vec<ProjectFacts> = (0..15)
        .map(|i| ProjectFacts {
            annual_plan: Some(if i == 0 { 28.6 - 14.0 * 1.9 } else { 1.9 }),
            completed: vec![(
                Period {
                    year: 2023,
                    month: 12,
                },
                if i == 0 { 34.7 - 14.0 * 2.3 } else { 2.3 },
            )],
            ..Default::default()
        })
        .collect();
    let refs: Vec<&ProjectFacts> = many.iter().collect();
    let inv = investment(
        &refs,
        Period {
            year: 2023,
            month: 12,
        },
    );
    assert_eq!(
        (inv.projects, inv.completed, inv.annual_plan),
        (15, 34.7, 28.6)
    );
    assert_eq!(pct_text(inv.share_of_plan.unwrap()), "121.3%");
    assert!(
        inv.explanation.contains("完成投资34.7亿元"),
        "{}",
        inv.explanation
    );
    // Behind: 4亿元 of 12 in June (33.3% vs 50%).
    let b = ProjectFacts {
        annual_plan: Some(12.0),
        completed: vec![(p(6), 4.0)],
        ..Default::default()
    };
    assert!(
        investment(&[&b], p(6))
            .explanation
            .ends_with("低于时间进度16.7个百分点")
    );
    // A later year's figures never count for an earlier period.
    assert_eq!(b.completed_until(p(5)), None);
}

#[test]
fn funnel_counts_each_stage_in_the_year() {
    let mk = |signed: Date, landed: Option<Date>, started: Option<Date>, inv: f64| ProjectFacts {
        over_100m: inv >= 1.0,
        total_investment: inv,
        signed_on: Some(signed),
        landed_on: landed,
        started_on: started,
        ..Default::default()
    };
    let list = vec![
        mk(
            date!(2024 - 01 - 10),
            Some(date!(2024 - 03 - 01)),
            Some(date!(2024 - 05 - 01)),
            5.0,
        ),
        mk(
            date!(2024 - 02 - 10),
            Some(date!(2024 - 07 - 01)),
            None,
            0.5,
        ),
        mk(date!(2024 - 06 - 30), None, None, 2.0),
        mk(
            date!(2023 - 12 - 31),
            Some(date!(2024 - 01 - 05)),
            None,
            3.0,
        ),
    ];
    let f = funnel(&list, p(6));
    let s = f.stage(ProjectStage::Signed);
    assert_eq!(
        (
            s.count,
            s.investment,
            s.count_over_100m,
            s.investment_over_100m
        ),
        (3, 7.5, 2, 7.0)
    );
    let l = f.stage(ProjectStage::Landed);
    assert_eq!((l.count, l.investment), (2, 8.0));
    assert_eq!(f.stage(ProjectStage::Started).count, 1);
    assert_eq!(f.fulfil_rate, Some(100.0 / 3.0));
    assert_eq!(f.production_rate, Some(0.0));
    assert_eq!(
        f.sentence(ProjectStage::Signed),
        "新签约项目3个、总投资7.5亿元"
    );
    let mut planned = list[0].clone();
    planned.planned_start = Some(date!(2024 - 04 - 01));
    let mut late = list[1].clone();
    late.planned_start = Some(date!(2024 - 05 - 01));
    assert_eq!(funnel(&[planned, late], p(6)).start_rate, Some(50.0));
}

#[test]
fn yinchuan_lights() {
    let base = ProjectFacts {
        planned_start: Some(date!(2024 - 03 - 10)),
        ..Default::default()
    };
    assert_eq!(
        project_light(&base, p(2), date!(2024 - 02 - 20)).light,
        Light::Green
    );
    assert_eq!(
        project_light(&base, p(3), date!(2024 - 03 - 25)).light,
        Light::Yellow
    );
    assert_eq!(
        project_light(&base, p(5), date!(2024 - 05 - 25)).light,
        Light::Yellow
    );
    let red = project_light(&base, p(6), date!(2024 - 06 - 01));
    assert_eq!(red.light, Light::Red, "{red:?}");
    assert!(red.reasons[0].contains("滞后3个月"));
    let started = ProjectFacts {
        started_on: Some(date!(2024 - 01 - 31)),
        ..Default::default()
    };
    assert_eq!(
        project_light(&started, p(2), date!(2024 - 02 - 28)).light,
        Light::Green
    );
    assert_eq!(
        project_light(&started, p(2), date!(2024 - 02 - 29)).light,
        Light::Yellow
    );
    assert_eq!(
        project_light(&started, p(3), date!(2024 - 03 - 31)).light,
        Light::Red
    );
    let mut registered = started.clone();
    registered.registered_on = Some(date!(2024 - 02 - 15));
    assert_eq!(
        project_light(&registered, p(3), date!(2024 - 03 - 31)).light,
        Light::Green
    );
    // 序时: June, 50%. 40% → 10 points below → yellow; 19% → 31 below → red; 41% green.
    let inv = |done: f64| ProjectFacts {
        annual_plan: Some(100.0),
        completed: vec![(p(6), done)],
        ..Default::default()
    };
    let at = date!(2024 - 06 - 30);
    assert_eq!(project_light(&inv(41.0), p(6), at).light, Light::Green);
    assert_eq!(project_light(&inv(40.0), p(6), at).light, Light::Yellow);
    assert_eq!(project_light(&inv(20.0), p(6), at).light, Light::Yellow);
    assert_eq!(project_light(&inv(19.0), p(6), at).light, Light::Red);
}

proptest! {
    #[test]
    fn funnel_sums_and_rates(invs in proptest::collection::vec(0.0f64..50.0, 0..40), month in 1u8..=12) {
        let list: Vec<ProjectFacts> = invs.iter().enumerate().map(|(i, v)| ProjectFacts {
            over_100m: *v >= 1.0,
            total_investment: *v,
            signed_on: Some(date!(2024 - 01 - 01) + time::Duration::days(i as i64 * 9)),
            landed_on: (i % 2 == 0).then(|| date!(2024 - 02 - 01) + time::Duration::days(i as i64 * 9)),
            ..Default::default()
        }).collect();
        let f = funnel(&list, p(month));
        let s = f.stage(ProjectStage::Signed);
        prop_assert!(s.count_over_100m <= s.count);
        prop_assert!(s.investment_over_100m <= s.investment + 1e-9);
        prop_assert!(f.stage(ProjectStage::Landed).count <= list.len());
        for r in [f.start_rate, f.fulfil_rate, f.production_rate].into_iter().flatten() {
            prop_assert!((0.0..=100.0).contains(&r));
        }
    }
}

proptest! {
    #[test]
    fn investment_is_the_sum_of_each_projects_latest_figure(
        rows in proptest::collection::vec((0.0f64..20.0, 0.0f64..30.0, 1u8..=12), 0..30),
        month in 1u8..=12,
    ) {
        let list: Vec<ProjectFacts> = rows.iter().map(|(plan, done, m)| ProjectFacts {
            annual_plan: Some(*plan),
            completed: vec![(p(*m), *done)],
            ..Default::default()
        }).collect();
        let refs: Vec<&ProjectFacts> = list.iter().collect();
        let inv = investment(&refs, p(month));
        let want: f64 = rows.iter().filter(|(_, _, m)| *m <= month).map(|(_, d, _)| d).sum();
        let plan: f64 = rows.iter().map(|(pl, _, _)| pl).sum();
        prop_assert!((inv.completed - want).abs() <= 0.006);
        prop_assert!((inv.annual_plan - plan).abs() <= 0.006);
        if let (Some(s), Some(d)) = (inv.share_of_plan, inv.diff) {
            prop_assert!(s >= 0.0);
            prop_assert!((d - (s - f64::from(month) * 100.0 / 12.0)).abs() < 1e-9);
        }
    }
}
