//! Issue 13: the data version the app's cache keys on, and the narrow queries the pages of
//! a city read (one plan's lead reports, one unit's reports, an item's trail).

use super::plan_fixture;
use duban_core::ReportState;
use duban_db::testing::{at, fresh};
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
    let mut tx = t.db.begin(at()).await.unwrap();
    record(&mut tx, "assign").await;
    record(&mut tx, "report_save").await;
    tx.commit().await.unwrap();
    // The snapshot taken before the change still reads the old version.
    assert_eq!(audit::version(&mut r).await.unwrap(), v0);
    drop(r);
    let mut r = t.db.read().await.unwrap();
    assert_eq!(audit::version(&mut r).await.unwrap(), v0 + 2);
    drop(r);
    let mut tx = t.db.begin(at()).await.unwrap();
    for a in ["login", "login_failed", "logout"] {
        record(&mut tx, a).await;
    }
    tx.commit().await.unwrap();
    let mut r = t.db.read().await.unwrap();
    assert_eq!(audit::version(&mut r).await.unwrap(), v0 + 2);
    drop(r);
    // A change rolled back leaves no trace in the version either.
    let mut tx = t.db.begin(at()).await.unwrap();
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
    let mut tx = t.db.begin(at()).await.unwrap();
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

#[tokio::test]
async fn ending_a_session_and_changing_an_inbox_move_the_personal_version_only() {
    use duban_db::{inbox, org, sessions};
    let t = fresh().await;
    let v = || duban_db::audit::versions(&t.db);
    let mut tx = t.db.begin(at()).await.unwrap();
    let u = org::insert_user(
        &mut tx,
        &org::NewUser {
            username: "p",
            display_name: "丙",
            password_hash: "h",
            role: duban_core::Role::Supervisor,
            unit_id: None,
        },
    )
    .await
    .unwrap();
    let later = at() + time::Duration::hours(1);
    sessions::create(&mut tx, "s1", u.id, later, None, None)
        .await
        .unwrap();
    sessions::create(&mut tx, "s2", u.id, later, None, None)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let v0 = v().await.unwrap();
    // Signing in and moving the idle deadline change nothing a kept session depends on.
    let mut tx = t.db.begin(at()).await.unwrap();
    sessions::touch(&mut tx, "s1", later + time::Duration::hours(1))
        .await
        .unwrap();
    assert_eq!(sessions::purge_expired(&mut tx).await.unwrap(), 0);
    tx.commit().await.unwrap();
    assert_eq!(v().await.unwrap(), v0);
    let mut last = v0;
    let mut tx = t.db.begin(at()).await.unwrap();
    sessions::delete(&mut tx, "s1").await.unwrap();
    tx.commit().await.unwrap();
    moved(&t, &mut last, v0.data, "a logout").await;
    let mut tx = t.db.begin(at()).await.unwrap();
    sessions::delete_for_user(&mut tx, u.id).await.unwrap();
    tx.commit().await.unwrap();
    moved(&t, &mut last, v0.data, "ending a user's sessions").await;
    let m = inbox::NewMessage {
        user_id: u.id,
        key: "k",
        kind: "digest",
        title: "题",
        body: "文",
        link: None,
        notice_id: None,
    };
    let mut tx = t.db.begin(at()).await.unwrap();
    let id = inbox::deliver(&mut tx, &m).await.unwrap().unwrap();
    tx.commit().await.unwrap();
    moved(&t, &mut last, v0.data, "a message").await;
    let mut tx = t.db.begin(at()).await.unwrap();
    assert!(inbox::mark_read(&mut tx, u.id, id).await.unwrap());
    tx.commit().await.unwrap();
    moved(&t, &mut last, v0.data, "reading it").await;
    // The same message again is not delivered, and moves nothing.
    let mut tx = t.db.begin(at()).await.unwrap();
    assert!(inbox::deliver(&mut tx, &m).await.unwrap().is_none());
    assert_eq!(inbox::mark_all_read(&mut tx, u.id).await.unwrap(), 0);
    tx.commit().await.unwrap();
    assert_eq!(duban_db::audit::versions(&t.db).await.unwrap(), last);
    // An audited change moves the data version and leaves the personal one.
    let mut tx = t.db.begin(at()).await.unwrap();
    record(&mut tx, "assign").await;
    tx.commit().await.unwrap();
    let now = duban_db::audit::versions(&t.db).await.unwrap();
    assert_eq!((now.data, now.personal), (v0.data + 1, last.personal));
}

async fn moved(
    t: &duban_db::testing::TestDb,
    last: &mut duban_db::audit::Versions,
    data: i64,
    what: &str,
) {
    let now = duban_db::audit::versions(&t.db).await.unwrap();
    assert!(
        now.personal > last.personal,
        "{what} moves the personal version"
    );
    assert_eq!(now.data, data, "{what} leaves the data version");
    *last = now;
}
