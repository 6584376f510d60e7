//! Issue 13: the data version the app's cache keys on, and the narrow queries the pages of
//! a city read (one plan's lead reports, one unit's reports, an item's trail).

use super::plan_fixture;
use duban_core::ReportState;
use duban_db::testing::fresh;
use duban_db::{Tx, audit, reports};

async fn record(tx: &mut Tx, action: &str) {
    audit::record(
        tx,
        audit::Record {
            user_id: None,
            actor: "测试",
            action,
            entity: "item",
            entity_id: None,
            before: None,
            after: None,
        },
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn every_audited_change_but_signing_in_and_out_moves_the_version_and_a_snapshot_keeps_its_own()
 {
    let t = fresh().await;
    let mut r = t.db.read().await.unwrap();
    let v0 = audit::version(&mut r).await.unwrap();
    let mut tx = t.db.begin().await.unwrap();
    record(&mut tx, "assign").await;
    record(&mut tx, "report_save").await;
    tx.commit().await.unwrap();
    // The snapshot taken before the change still reads the old version.
    assert_eq!(audit::version(&mut r).await.unwrap(), v0);
    drop(r);
    let mut r = t.db.read().await.unwrap();
    assert_eq!(audit::version(&mut r).await.unwrap(), v0 + 2);
    drop(r);
    let mut tx = t.db.begin().await.unwrap();
    for a in ["login", "login_failed", "logout"] {
        record(&mut tx, a).await;
    }
    tx.commit().await.unwrap();
    let mut r = t.db.read().await.unwrap();
    assert_eq!(audit::version(&mut r).await.unwrap(), v0 + 2);
    drop(r);
    // A change rolled back leaves no trace in the version either.
    let mut tx = t.db.begin().await.unwrap();
    record(&mut tx, "assign").await;
    drop(tx);
    let mut r = t.db.read().await.unwrap();
    assert_eq!(audit::version(&mut r).await.unwrap(), v0 + 2);
}

async fn report(tx: &mut Tx, item: i64, unit: i64, period: &str, state: ReportState) -> i64 {
    let id = reports::insert(
        tx,
        &reports::NewReport {
            item_id: item,
            unit_id: unit,
            period,
            fields: reports::ReportFields {
                value: Some(1.0),
                milestone_done: None,
                progress: "推进中",
                problems: "",
                next_steps: "",
            },
            state,
            is_late: false,
            is_contribution: false,
            provenance: "reported",
            created_by: None,
        },
    )
    .await
    .unwrap();
    reports::add_history(
        tx,
        &reports::NewHistory {
            report_id: id,
            user_id: None,
            action: "save",
            state_from: None,
            state_to: state,
            comment: None,
            snapshot: "{}".into(),
        },
    )
    .await
    .unwrap();
    id
}

#[tokio::test]
async fn status_reads_only_the_lead_units_accepted_reports_and_a_unit_only_its_own() {
    let t = fresh().await;
    let (plan, item, support, lead) = plan_fixture(&t.db).await;
    let mut tx = t.db.begin().await.unwrap();
    let l1 = report(&mut tx, item, lead, "2024-01", ReportState::Accepted).await;
    let l2 = report(&mut tx, item, lead, "2024-02", ReportState::Draft).await;
    let l3 = report(&mut tx, item, lead, "2024-03", ReportState::Accepted).await;
    let s1 = report(&mut tx, item, support, "2024-01", ReportState::Accepted).await;
    let s2 = report(&mut tx, item, support, "2024-02", ReportState::Submitted).await;
    tx.commit().await.unwrap();
    let mut r = t.db.read().await.unwrap();
    let ids = |v: Vec<duban_db::ProgressReport>| v.into_iter().map(|r| r.id).collect::<Vec<_>>();
    assert_eq!(
        ids(reports::lead_accepted_until(&mut r, plan, "2024-02")
            .await
            .unwrap()),
        vec![l1]
    );
    assert_eq!(
        ids(reports::lead_accepted_until(&mut r, plan, "2024-12")
            .await
            .unwrap()),
        vec![l1, l3]
    );
    assert!(
        reports::lead_accepted_until(&mut r, plan + 1000, "2024-12")
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        ids(reports::unit_until(&mut r, plan, support, "2024-12")
            .await
            .unwrap()),
        vec![s1, s2]
    );
    assert_eq!(
        ids(reports::unit_until(&mut r, plan, lead, "2024-02")
            .await
            .unwrap()),
        vec![l1, l2]
    );
    // The item's trail: every report's history, grouped by report.
    let h = reports::history_of_item(&mut r, item).await.unwrap();
    let mut of: Vec<i64> = h.iter().map(|h| h.report_id).collect();
    of.dedup();
    let mut all = vec![l1, l2, l3, s1, s2];
    all.sort();
    assert_eq!(of, all);
    assert!(
        reports::attachments_of_item(&mut r, item)
            .await
            .unwrap()
            .is_empty()
    );
}
