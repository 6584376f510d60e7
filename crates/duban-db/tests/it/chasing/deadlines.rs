//! Deadlines: extension requests decided once, reminder marks, and the obligations and
//! scores a plan's stored inputs give.

use super::{JUNE, chase_draft, issue};
use crate::plan_fixture;
use duban_core::Period;
use duban_core::chase::{ChaseConfig, ExtensionDecision, Obligation, effective_due, plan_day};
use duban_core::scoring::{ScorePeriod, ScoringRules};
use duban_db::testing::{at, fresh};
use duban_db::{DbError, chase};
use std::collections::HashSet;
use time::Date;
use time::macros::date;

#[tokio::test]
async fn extension_requests_are_decided_once_and_move_the_deadline_only_when_approved() {
    let t = fresh().await;
    let (plan, item, _, lead) = plan_fixture(&t.db).await;
    let req = |reason| chase::NewExtension {
        plan_id: plan,
        item_id: item,
        unit_id: lead,
        period: JUNE,
        old_due: date!(2024 - 06 - 25),
        new_due: date!(2024 - 07 - 10),
        reason,
        requested_on: date!(2024 - 06 - 20),
        requested_by: None,
    };
    let mut tx = t.db.begin(at()).await.unwrap();
    let id = chase::request_extension(&mut tx, &req("等待统计数据"))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = t.db.begin(at()).await.unwrap();
    assert!(matches!(
        chase::request_extension(&mut tx, &req("再次申请")).await,
        Err(DbError::Conflict(_))
    ));
    drop(tx);
    let mut tx = t.db.begin(at()).await.unwrap();
    assert_eq!(
        chase::pending_extensions(&mut tx, plan)
            .await
            .unwrap()
            .len(),
        1
    );
    let row = chase::decide_extension(
        &mut tx,
        id,
        false,
        date!(2024 - 06 - 21),
        None,
        "理由不充分",
    )
    .await
    .unwrap();
    assert_eq!(row.state, "rejected");
    assert!(matches!(
        chase::decide_extension(&mut tx, id, true, date!(2024 - 06 - 21), None, "").await,
        Err(DbError::Conflict(_))
    ));
    let rejected = row.to_core().unwrap();
    assert!(matches!(
        rejected.decision,
        ExtensionDecision::Rejected { .. }
    ));
    assert_eq!(
        effective_due(date!(2024 - 06 - 25), &[&rejected]),
        date!(2024 - 06 - 25)
    );
    // A new request after the rejection, approved.
    let id2 = chase::request_extension(&mut tx, &req("项目审批延后"))
        .await
        .unwrap();
    let approved = chase::decide_extension(&mut tx, id2, true, date!(2024 - 06 - 22), None, "同意")
        .await
        .unwrap()
        .to_core()
        .unwrap();
    assert_eq!(
        effective_due(date!(2024 - 06 - 25), &[&rejected, &approved]),
        date!(2024 - 07 - 10)
    );
    assert!(matches!(
        chase::decide_extension(&mut tx, 9999, true, date!(2024 - 06 - 22), None, "").await,
        Err(DbError::NotFound)
    ));
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn reminder_marks_are_recorded_once_and_the_inputs_load_in_one_go() {
    let t = fresh().await;
    let (plan, item, _, lead) = plan_fixture(&t.db).await;
    issue(
        &t.db,
        plan,
        &chase_draft("chase/x", item, lead, date!(2024 - 06 - 26)),
        "山督催",
    )
    .await
    .unwrap();
    let mark = chase::Mark {
        key: "digest/1/2024-06-22",
        plan_id: plan,
        unit_id: Some(lead),
        item_id: None,
        period: Some(JUNE),
        on: date!(2024 - 06 - 22),
    };
    let mut tx = t.db.begin(at()).await.unwrap();
    assert!(chase::record_mark(&mut tx, &mark).await.unwrap());
    assert!(!chase::record_mark(&mut tx, &mark).await.unwrap());
    let cfg = ChaseConfig {
        prefixes: duban_core::chase::NumberPrefixes {
            chase: "山督催".into(),
            ..Default::default()
        },
        ..ChaseConfig::default()
    };
    chase::set_chase_config(&mut tx, plan, &cfg).await.unwrap();
    chase::set_scoring_rules(
        &mut tx,
        plan,
        &ScoringRules {
            base: 90.0,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut tx = t.db.read().await.unwrap();
    let inputs = chase::inputs(&mut tx, plan, JUNE).await.unwrap();
    assert_eq!(
        inputs.recorded,
        HashSet::from(["digest/1/2024-06-22".to_string(), "chase/x".to_string()])
    );
    assert_eq!(inputs.chase, cfg);
    assert_eq!(inputs.scoring.base, 90.0);
    assert_eq!(
        (
            inputs.items.len(),
            inputs.supporting.len(),
            inputs.notices.len()
        ),
        (1, 1, 1)
    );
    assert_eq!(inputs.plan.id, plan);
    // The planner skips what is recorded: the obligation's chase key is new, so it is due.
    let o = Obligation {
        item_id: item,
        item_title: "城镇新增就业".into(),
        unit_id: lead,
        lead: true,
        period: JUNE,
        due: date!(2024 - 06 - 25),
        report: None,
        submitted_on: None,
        status: None,
        responsible: None,
    };
    let existing: Vec<_> = inputs.notices.iter().map(|n| n.to_existing()).collect();
    let day = plan_day(
        plan,
        date!(2024 - 06 - 26),
        &inputs.chase,
        &[o],
        &[],
        &existing,
        &inputs.recorded,
    );
    assert!(
        day.notices.is_empty(),
        "the stored chase covers the item and period: {day:?}"
    );
}

fn due_25(p: Period) -> Date {
    Date::from_calendar_date(p.year, time::Month::try_from(p.month).unwrap(), 25).unwrap()
}

#[tokio::test]
async fn obligations_from_storage_follow_the_cycle_and_an_extension_moves_the_score_only_when_approved()
 {
    use duban_core::ReportState;
    use duban_core::scoring::{collect_events, score_units};
    use duban_core::status::Status;
    let t = fresh().await;
    let (plan, item, support, lead) = plan_fixture(&t.db).await;
    let mut tx = t.db.begin(at()).await.unwrap();
    for (p, state) in [
        ("2024-01", ReportState::Accepted),
        ("2024-02", ReportState::Accepted),
        ("2024-03", ReportState::Accepted),
        ("2024-04", ReportState::Accepted),
        ("2024-05", ReportState::Accepted),
    ] {
        let id = duban_db::reports::insert(
            &mut tx,
            &duban_db::reports::NewReport {
                item_id: item,
                unit_id: lead,
                period: p,
                fields: duban_db::reports::ReportFields {
                    value: Some(100.0),
                    milestone_done: None,
                    progress: "推进中",
                    problems: "",
                    next_steps: "",
                },
                state: ReportState::Draft,
                is_late: false,
                is_contribution: false,
                provenance: "reported",
                created_by: None,
            },
        )
        .await
        .unwrap();
        duban_db::reports::set_state(&mut tx, id, ReportState::Submitted, None, Some(false))
            .await
            .unwrap();
        duban_db::reports::set_state(&mut tx, id, state, None, Some(false))
            .await
            .unwrap();
    }
    let ext = chase::request_extension(
        &mut tx,
        &chase::NewExtension {
            plan_id: plan,
            item_id: item,
            unit_id: lead,
            period: JUNE,
            old_due: due_25(JUNE),
            new_due: date!(2024 - 07 - 10),
            reason: "等待统计数据",
            requested_on: date!(2024 - 06 - 20),
            requested_by: None,
        },
    )
    .await
    .unwrap();
    chase::decide_extension(&mut tx, ext, false, date!(2024 - 06 - 21), None, "不同意")
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let score_june = |inputs: &chase::Inputs| {
        let obligations = inputs.obligations(
            JUNE,
            time::UtcOffset::from_hms(8, 0, 0).unwrap(),
            due_25,
            |_, p| (p.month == 5).then_some(Status::Behind),
        );
        let events = collect_events(
            date!(2024 - 07 - 05),
            &obligations,
            &inputs.core_extensions(),
            &inputs.existing_notices(),
            &inputs.item_deadlines(),
            &[],
        );
        let scores = score_units(
            &inputs.scoring,
            ScorePeriod::month(JUNE),
            &inputs.lead_units(),
            &events,
            &inputs.weights(),
        );
        (obligations, scores)
    };
    let mut tx = t.db.read().await.unwrap();
    let inputs = chase::inputs(&mut tx, plan, JUNE).await.unwrap();
    drop(tx);
    let (obligations, scores) = score_june(&inputs);
    assert_eq!(
        obligations.len(),
        12,
        "six months, lead and supporting unit"
    );
    let june_lead = obligations
        .iter()
        .find(|o| o.period == JUNE && o.lead)
        .unwrap();
    assert_eq!(
        (
            june_lead.unit_id,
            june_lead.report,
            june_lead.responsible.as_deref()
        ),
        (lead, None, Some("张华"))
    );
    let may = obligations
        .iter()
        .find(|o| o.period.month == 5 && o.lead)
        .unwrap();
    assert_eq!(
        (may.report, may.status),
        (Some(ReportState::Accepted), Some(Status::Behind))
    );
    assert!(may.submitted_on.is_some());
    assert!(
        obligations
            .iter()
            .filter(|o| !o.lead)
            .all(|o| o.unit_id == support && o.status.is_none())
    );
    assert_eq!(scores.len(), 1);
    assert_eq!(
        scores[0].total, 95.0,
        "rejected: June is missing against 25 June: {:?}",
        scores[0].entries
    );

    let mut tx = t.db.begin(at()).await.unwrap();
    let ext2 = chase::request_extension(
        &mut tx,
        &chase::NewExtension {
            plan_id: plan,
            item_id: item,
            unit_id: lead,
            period: JUNE,
            old_due: due_25(JUNE),
            new_due: date!(2024 - 07 - 10),
            reason: "补充说明",
            requested_on: date!(2024 - 06 - 22),
            requested_by: None,
        },
    )
    .await
    .unwrap();
    chase::decide_extension(&mut tx, ext2, true, date!(2024 - 06 - 23), None, "同意")
        .await
        .unwrap();
    let inputs = chase::inputs(&mut tx, plan, JUNE).await.unwrap();
    tx.commit().await.unwrap();
    let (_, scores) = score_june(&inputs);
    assert_eq!(
        scores[0].total, 100.0,
        "approved: due 10 July, not missing on 5 July: {:?}",
        scores[0].entries
    );
}
