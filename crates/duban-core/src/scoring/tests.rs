use super::*;
use crate::chase::{Cause, ExistingNotice, Extension, ExtensionDecision, Obligation};
use crate::status::Status;
use crate::{NoticeKind, ReportState};
use proptest::prelude::*;
use time::Date;
use time::macros::date;

const JUNE: Period = Period {
    year: 2024,
    month: 6,
};

fn owe(item: i64, unit: i64) -> Obligation {
    Obligation {
        item_id: item,
        item_title: format!("事项{item}"),
        unit_id: unit,
        lead: true,
        period: JUNE,
        due: date!(2024 - 06 - 25),
        report: None,
        submitted_on: None,
        status: None,
        responsible: None,
    }
}

fn june(events: &[ScoreEvent], units: &[i64]) -> Vec<UnitScore> {
    score_units(
        &ScoringRules::default(),
        ScorePeriod::month(JUNE),
        units,
        events,
        &HashMap::new(),
    )
}

fn events(
    today: Date,
    obs: &[Obligation],
    ext: &[Extension],
    n: &[ExistingNotice],
) -> Vec<ScoreEvent> {
    collect_events(today, obs, ext, n, &HashMap::new(), &[])
}

fn sum(s: &UnitScore) -> f64 {
    s.entries.iter().map(|e| e.points).sum()
}

#[test]
fn a_missing_report_costs_points_a_timely_one_nothing_a_late_one_less() {
    let mut late = owe(2, 10);
    late.report = Some(ReportState::Submitted);
    late.submitted_on = Some(date!(2024 - 06 - 28));
    let mut timely = owe(3, 10);
    timely.report = Some(ReportState::Accepted);
    timely.submitted_on = Some(date!(2024 - 06 - 20));
    timely.status = Some(Status::OnTrack);
    let ev = events(date!(2024 - 06 - 30), &[owe(1, 10), late, timely], &[], &[]);
    let kinds: Vec<_> = ev.iter().map(|e| (e.item_id, e.kind.clone())).collect();
    assert_eq!(
        kinds,
        vec![
            (Some(1), EventKind::MissingReport),
            (Some(2), EventKind::LateReport { days: 3 })
        ]
    );
    let s = &june(&ev, &[10])[0];
    assert_eq!(s.total, 100.0 - 5.0 - 2.0);
    assert_eq!(sum(s), s.total);
    assert_eq!(s.entries[1].reason, "逾期未报送进度：事项1");
    // Before the due date nothing is missing yet.
    assert!(events(date!(2024 - 06 - 25), &[owe(1, 10)], &[], &[]).is_empty());
}

#[test]
fn lagging_items_cost_points_by_weight() {
    let mut a = owe(1, 10);
    a.report = Some(ReportState::Accepted);
    a.status = Some(Status::Behind);
    let mut b = owe(2, 10);
    b.report = Some(ReportState::Accepted);
    b.status = Some(Status::SeriouslyBehind);
    let ev = events(date!(2024 - 06 - 30), &[a, b], &[], &[]);
    let weights = HashMap::from([(2, 2.0)]);
    let s = &score_units(
        &ScoringRules::default(),
        ScorePeriod::month(JUNE),
        &[10],
        &ev,
        &weights,
    )[0];
    assert_eq!(s.total, 100.0 - 2.0 - 10.0);
    assert!(s.entries[2].reason.contains("权重2"), "{:?}", s.entries);
    let no_weights = ScoringRules {
        use_weights: false,
        ..ScoringRules::default()
    };
    let s = &score_units(&no_weights, ScorePeriod::month(JUNE), &[10], &ev, &weights)[0];
    assert_eq!(s.total, 100.0 - 2.0 - 5.0);
}

#[test]
fn an_extension_rejected_scores_against_the_original_deadline_approved_against_the_new() {
    let mut o = owe(1, 10);
    o.report = Some(ReportState::Submitted);
    o.submitted_on = Some(date!(2024 - 07 - 05));
    let mut e = Extension {
        id: 1,
        item_id: 1,
        unit_id: 10,
        period: JUNE,
        requested_on: date!(2024 - 06 - 20),
        old_due: o.due,
        new_due: date!(2024 - 07 - 10),
        reason: "等待统计数据".into(),
        decision: ExtensionDecision::Rejected {
            on: date!(2024 - 06 - 22),
            comment: "不同意".into(),
        },
    };
    let today = date!(2024 - 07 - 31);
    let rejected = events(
        today,
        std::slice::from_ref(&o),
        std::slice::from_ref(&e),
        &[],
    );
    assert_eq!(rejected[0].kind, EventKind::LateReport { days: 10 });
    e.decision = ExtensionDecision::Approved {
        on: date!(2024 - 06 - 22),
        comment: "同意".into(),
    };
    assert!(events(today, &[o.clone()], &[e.clone()], &[]).is_empty());
    // Without a report at all: missing only after the moved deadline.
    let none = owe(1, 10);
    assert!(
        events(
            date!(2024 - 07 - 10),
            std::slice::from_ref(&none),
            std::slice::from_ref(&e),
            &[]
        )
        .is_empty()
    );
    assert_eq!(
        events(date!(2024 - 07 - 11), &[none], &[e], &[])[0].kind,
        EventKind::MissingReport
    );
}

fn notice(id: i64, kind: NoticeKind, answered: Option<Date>, closed: bool) -> ExistingNotice {
    ExistingNotice {
        id,
        kind,
        cause: Cause::Overdue,
        item_id: Some(1),
        unit_id: Some(10),
        period: Some(JUNE),
        parent_id: None,
        number: Some(format!("山督催〔2024〕{id}号")),
        matter: "事项1".into(),
        responsible: None,
        issued_on: date!(2024 - 06 - 10),
        deadline: Some(date!(2024 - 06 - 15)),
        answered_on: answered,
        closed,
    }
}

#[test]
fn unanswered_notices_cost_points_answered_and_closed_ones_do_not() {
    let list = [
        notice(1, NoticeKind::Chase, None, false),
        notice(2, NoticeKind::Chase, Some(date!(2024 - 06 - 14)), false),
        notice(3, NoticeKind::Chase, None, true),
        notice(
            4,
            NoticeKind::Supervision,
            Some(date!(2024 - 06 - 20)),
            false,
        ),
        notice(5, NoticeKind::Interview, None, false),
    ];
    let ev = events(date!(2024 - 06 - 30), &[], &[], &list);
    let got: Vec<_> = ev.iter().map(|e| (e.source_id, e.kind.clone())).collect();
    assert_eq!(
        got,
        vec![
            (Some(1), EventKind::UnansweredChase),
            (Some(4), EventKind::UnansweredSupervision),
            (Some(5), EventKind::Interview),
        ]
    );
    let s = &june(&ev, &[10])[0];
    assert_eq!(s.total, 100.0 - 3.0 - 5.0 - 10.0);
    assert!(s.entries[1].reason.contains("山督催〔2024〕1号"));
    // Within the 限期 nothing yet.
    assert!(events(date!(2024 - 06 - 15), &[], &[], &list[..1]).is_empty());
}

#[test]
fn finishing_early_earns_a_bonus_once_and_manual_adjustments_carry_their_reason() {
    let mut a = owe(1, 10);
    a.report = Some(ReportState::Accepted);
    a.status = Some(Status::Completed);
    a.submitted_on = Some(date!(2024 - 06 - 20));
    let mut later = a.clone();
    later.period = Period {
        year: 2024,
        month: 7,
    };
    let deadlines = HashMap::from([(1, date!(2024 - 09 - 30))]);
    let adj = [Adjustment {
        id: 9,
        unit_id: 10,
        item_id: None,
        period: JUNE,
        points: -1.5,
        reason: "材料报送不规范".into(),
    }];
    let ev = collect_events(
        date!(2024 - 07 - 31),
        &[a, later],
        &[],
        &[],
        &deadlines,
        &adj,
    );
    assert_eq!(
        ev.iter().map(|e| e.kind.code()).collect::<Vec<_>>(),
        vec!["completed_early", "manual"]
    );
    assert_eq!(ev[0].kind, EventKind::CompletedEarly { days: 102 });
    let s = &june(&ev, &[10])[0];
    assert_eq!(s.total, 100.0 + 2.0 - 1.5);
    assert_eq!(s.entries[2].reason, "人工调整：材料报送不规范");
    assert_eq!(s.entries[2].event.as_ref().unwrap().source_id, Some(9));
}

#[test]
fn the_floor_and_the_bonus_cap_are_entries_too() {
    let ev: Vec<ScoreEvent> = (0..30)
        .map(|i| ScoreEvent {
            unit_id: 10,
            item_id: Some(i),
            period: JUNE,
            kind: EventKind::MissingReport,
            source_id: None,
            note: String::new(),
        })
        .collect();
    let s = &june(&ev, &[10])[0];
    assert_eq!(s.total, 0.0);
    assert_eq!(s.entries.last().unwrap().entry, EntryKind::Floor);
    assert_eq!(sum(s), 0.0);
    let bonus: Vec<ScoreEvent> = (0..8)
        .map(|i| ScoreEvent {
            kind: EventKind::CompletedEarly { days: 10 },
            ..ev[i].clone()
        })
        .collect();
    let s = &june(&bonus, &[10])[0];
    assert_eq!(s.total, 110.0);
    assert_eq!(s.entries.last().unwrap().entry, EntryKind::BonusCap);
}

#[test]
fn spans_contain_their_months_and_events_outside_are_ignored() {
    let q2 = ScorePeriod::quarter_of(JUNE);
    assert_eq!(
        q2,
        ScorePeriod::Quarter {
            year: 2024,
            quarter: 2
        }
    );
    assert!(
        q2.contains(Period {
            year: 2024,
            month: 4
        }) && !q2.contains(Period {
            year: 2024,
            month: 7
        })
    );
    assert_eq!(
        q2.previous(),
        ScorePeriod::Quarter {
            year: 2024,
            quarter: 1
        }
    );
    assert_eq!(
        ScorePeriod::Quarter {
            year: 2024,
            quarter: 1
        }
        .previous(),
        ScorePeriod::Quarter {
            year: 2023,
            quarter: 4
        }
    );
    assert_eq!(
        ScorePeriod::month(Period {
            year: 2024,
            month: 1
        })
        .previous(),
        ScorePeriod::month(Period {
            year: 2023,
            month: 12
        })
    );
    assert_eq!(q2.label(), "2024年第二季度");
    assert_eq!(q2.key(), "2024-Q2");
    assert_eq!(ScorePeriod::month(JUNE).key(), "2024-06");
    assert_eq!(q2.last_month(), JUNE);
    let ev = events(date!(2024 - 06 - 30), &[owe(1, 10)], &[], &[]);
    let may = score_units(
        &ScoringRules::default(),
        ScorePeriod::month(Period {
            year: 2024,
            month: 5,
        }),
        &[10],
        &ev,
        &HashMap::new(),
    );
    assert_eq!(may[0].total, 100.0);
    let year = score_units(
        &ScoringRules::default(),
        ScorePeriod::Year { year: 2024 },
        &[10],
        &ev,
        &HashMap::new(),
    );
    assert_eq!(year[0].total, 95.0);
}

#[test]
fn ranks_share_ties_and_show_the_change() {
    let s = |unit_id, total| UnitScore {
        unit_id,
        period: ScorePeriod::month(JUNE),
        total,
        entries: Vec::new(),
    };
    let now = [s(1, 90.0), s(2, 100.0), s(3, 90.0), s(4, 80.0)];
    let before = [s(1, 100.0), s(2, 90.0), s(3, 80.0)];
    let r = rank(&now, &before);
    let got: Vec<_> = r.iter().map(|r| (r.unit_id, r.rank, r.change)).collect();
    assert_eq!(
        got,
        vec![
            (2, 1, Some(1)),
            (1, 2, Some(-1)),
            (3, 2, Some(1)),
            (4, 4, None)
        ]
    );
}

fn any_kind() -> impl Strategy<Value = EventKind> {
    prop_oneof![
        Just(EventKind::MissingReport),
        (0i64..60).prop_map(|days| EventKind::LateReport { days }),
        Just(EventKind::Behind),
        Just(EventKind::SeriouslyBehind),
        Just(EventKind::UnansweredChase),
        Just(EventKind::UnansweredSupervision),
        Just(EventKind::Interview),
        (1i64..200).prop_map(|days| EventKind::CompletedEarly { days }),
        (-50.0f64..50.0).prop_map(|points| EventKind::Manual { points }),
    ]
}

fn any_rules() -> impl Strategy<Value = ScoringRules> {
    (
        (50.0f64..150.0, 0.0f64..20.0, 0.0f64..20.0, 0.0f64..20.0),
        (0.0f64..20.0, 0.0f64..20.0, any::<bool>()),
        (
            proptest::option::of(-20.0f64..60.0),
            proptest::option::of(0.0f64..30.0),
        ),
    )
        .prop_map(
            |((base, missing, late, behind), (serious, bonus, use_weights), (floor, max_bonus))| {
                ScoringRules {
                    base,
                    missing_report: missing,
                    late_report: late,
                    behind,
                    seriously_behind: serious,
                    early_completion: bonus,
                    use_weights,
                    floor,
                    max_bonus,
                    ..ScoringRules::default()
                }
            },
        )
}

proptest! {
    #[test]
    fn the_entries_add_up_to_the_total(
        rules in any_rules(),
        raw in proptest::collection::vec((1i64..4, proptest::option::of(1i64..8), 1u8..13, any_kind()), 0..60),
        weights in proptest::collection::hash_map(1i64..8, 0.0f64..5.0, 0..8),
        month in 1u8..13,
        span_kind in 0u8..3,
    ) {
        let events: Vec<ScoreEvent> = raw
            .into_iter()
            .map(|(unit_id, item_id, m, kind)| ScoreEvent {
                unit_id,
                item_id,
                period: Period { year: 2024, month: m },
                kind,
                source_id: None,
                note: String::new(),
            })
            .collect();
        let p = Period { year: 2024, month };
        let span = match span_kind {
            0 => ScorePeriod::month(p),
            1 => ScorePeriod::quarter_of(p),
            _ => ScorePeriod::Year { year: 2024 },
        };
        for s in score_units(&rules, span, &[1, 2, 3], &events, &weights) {
            let parts = sum(&s);
            prop_assert!((parts - s.total).abs() < 1e-6, "{} vs {}: {:?}", parts, s.total, s.entries);
            if let Some(f) = rules.floor {
                prop_assert!(s.total >= f - 1e-9);
            }
            let counted = events.iter().filter(|e| e.unit_id == s.unit_id && span.contains(e.period)).count();
            let listed = s.entries.iter().filter(|e| e.entry == EntryKind::Event).count();
            prop_assert!(listed <= counted);
            prop_assert!(s.entries.iter().filter(|e| e.entry == EntryKind::Event).all(|e| e.event.as_ref().is_some_and(|ev| ev.unit_id == s.unit_id && span.contains(ev.period))));
        }
    }
}
