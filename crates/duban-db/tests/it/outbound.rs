//! Outbound storage: the inbox, the delivery log with its attempts, endpoints and the
//! relay, the scheduler lease, and score adjustments and snapshots.

use super::plan_fixture;
use duban_core::Period;
use duban_core::Role;
use duban_core::scoring::ScorePeriod;
use duban_db::testing::{at, fresh};
use duban_db::{Db, DbError, deliveries, inbox, lease, org, scores};
use time::Duration;

const JUNE: Period = Period {
    year: 2024,
    month: 6,
};

#[tokio::test]
async fn the_inbox_delivers_each_key_once_per_user_and_counts_unread() {
    let t = fresh().await;
    let (_, _, _, lead) = plan_fixture(&t.db).await;
    let mut tx = t.db.begin(at()).await.unwrap();
    let mk = |name: &'static str, role| org::NewUser {
        username: name,
        display_name: name,
        password_hash: "h",
        role,
        unit_id: Some(lead),
    };
    let a = org::insert_user(&mut tx, &mk("a", Role::Reporter))
        .await
        .unwrap();
    let b = org::insert_user(&mut tx, &mk("b", Role::Approver))
        .await
        .unwrap();
    org::insert_user(&mut tx, &mk("c", Role::Viewer))
        .await
        .unwrap();
    let recipients = inbox::unit_recipients(&mut tx).await.unwrap();
    assert_eq!(recipients, vec![(lead, a.id), (lead, b.id)]);
    let msg = |user_id| inbox::NewMessage {
        user_id,
        key: "digest/2/2024-06-22",
        kind: "digest",
        title: "本期待报提醒",
        body: "贵单位有1项进度待报送",
        link: Some("/due"),
        notice_id: None,
    };
    let first = inbox::deliver(&mut tx, &msg(a.id)).await.unwrap().unwrap();
    assert!(inbox::deliver(&mut tx, &msg(a.id)).await.unwrap().is_none());
    assert!(inbox::deliver(&mut tx, &msg(b.id)).await.unwrap().is_some());
    assert_eq!(inbox::unread_count(&mut tx, a.id).await.unwrap(), 1);
    assert!(
        !inbox::mark_read(&mut tx, b.id, first).await.unwrap(),
        "not b's message"
    );
    assert!(inbox::mark_read(&mut tx, a.id, first).await.unwrap());
    assert_eq!(inbox::unread_count(&mut tx, a.id).await.unwrap(), 0);
    assert_eq!(
        inbox::for_user(&mut tx, a.id, false, 10)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(
        inbox::for_user(&mut tx, a.id, true, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(inbox::mark_all_read(&mut tx, b.id).await.unwrap(), 1);
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn deliveries_are_recorded_before_sending_once_per_key_with_every_attempt() {
    let t = fresh().await;
    let (_, _, _, lead) = plan_fixture(&t.db).await;
    let mut tx = t.db.begin(at()).await.unwrap();
    let ep = deliveries::insert_endpoint(
        &mut tx,
        &deliveries::EndpointInput {
            name: "区人社局工作群",
            channel: "dingtalk",
            target: "http://127.0.0.1:9/robot/send?access_token=t",
            secret: Some("SECabc"),
            format: "markdown",
            unit_id: Some(lead),
            enabled: true,
            updated_by: None,
        },
    )
    .await
    .unwrap();
    let new = deliveries::NewDelivery {
        key: "digest/2/2024-06-22/endpoint/1",
        endpoint_id: Some(ep),
        channel: "dingtalk",
        recipient: "区人社局工作群",
        unit_id: Some(lead),
        notice_id: None,
        subject: "本期待报提醒",
        body: "{}",
    };
    let id = deliveries::record(&mut tx, &new).await.unwrap().unwrap();
    assert!(deliveries::record(&mut tx, &new).await.unwrap().is_none());
    tx.commit().await.unwrap();
    let mut tx = t.db.begin(at()).await.unwrap();
    assert_eq!(deliveries::pending(&mut tx, 10).await.unwrap().len(), 1);
    let at = at();
    for (ok, code, err) in [
        (false, Some(500), Some("服务器错误")),
        (false, None, Some("连接超时")),
        (true, Some(200), None),
    ] {
        deliveries::add_attempt(
            &mut tx,
            &deliveries::NewAttempt {
                delivery_id: id,
                at,
                ok,
                status_code: code,
                response: Some(r#"{"errcode":0}"#),
                error: err,
            },
            false,
        )
        .await
        .unwrap();
    }
    let d = deliveries::get(&mut tx, id).await.unwrap().unwrap();
    assert_eq!((d.state.as_str(), d.attempts), ("sent", 3));
    assert!(d.sent_at.is_some());
    let log = deliveries::attempts(&mut tx, id).await.unwrap();
    assert_eq!(
        log.iter()
            .map(|a| (a.attempt, a.ok, a.status_code))
            .collect::<Vec<_>>(),
        vec![
            (1, false, Some(500)),
            (2, false, None),
            (3, true, Some(200))
        ]
    );
    assert_eq!(log[1].error.as_deref(), Some("连接超时"));
    assert!(deliveries::pending(&mut tx, 10).await.unwrap().is_empty());
    assert_eq!(deliveries::recent(&mut tx, 10).await.unwrap().len(), 1);
    // A give-up attempt marks a delivery failed.
    let other = deliveries::record(&mut tx, &deliveries::NewDelivery { key: "k2", ..new })
        .await
        .unwrap()
        .unwrap();
    deliveries::add_attempt(
        &mut tx,
        &deliveries::NewAttempt {
            delivery_id: other,
            at,
            ok: false,
            status_code: None,
            response: None,
            error: Some("拒绝连接"),
        },
        true,
    )
    .await
    .unwrap();
    assert_eq!(
        deliveries::get(&mut tx, other)
            .await
            .unwrap()
            .unwrap()
            .state,
        "failed"
    );
    // Endpoints and the relay.
    let eps = deliveries::endpoints(&mut tx).await.unwrap();
    assert_eq!((eps.len(), eps[0].secret.as_deref()), (1, Some("SECabc")));
    assert!(deliveries::smtp_relay(&mut tx).await.unwrap().is_none());
    for host in ["mail.gov.local", "relay.gov.local"] {
        deliveries::set_smtp_relay(
            &mut tx,
            &deliveries::SmtpInput {
                host,
                port: 25,
                security: "starttls",
                username: None,
                password: None,
                from_addr: "duban@gov.local",
                enabled: true,
                updated_by: None,
            },
        )
        .await
        .unwrap();
    }
    assert_eq!(
        deliveries::smtp_relay(&mut tx).await.unwrap().unwrap().host,
        "relay.gov.local"
    );
    deliveries::delete_endpoint(&mut tx, ep).await.unwrap();
    assert!(matches!(
        deliveries::delete_endpoint(&mut tx, ep).await,
        Err(DbError::NotFound)
    ));
    tx.commit().await.unwrap();
}

async fn contend(db: &Db, owner: &str, at: time::OffsetDateTime) -> bool {
    let mut tx = db.begin(at).await.unwrap();
    let got = lease::try_acquire(&mut tx, "scheduler", owner, at, Duration::seconds(30))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    got
}

#[tokio::test]
async fn the_scheduler_lease_goes_to_exactly_one_contender_and_is_taken_over_when_expired() {
    let t = fresh().await;
    let at = at();
    for round in 0..5 {
        let name = format!("r{round}");
        let (na, nb) = (format!("{name}-a"), format!("{name}-b"));
        let (a, b) = tokio::join!(contend(&t.db, &na, at), contend(&t.db, &nb, at));
        // The lease is one row: only the first round is a free-for-all; later rounds find
        // the winner of round 0 still holding it.
        if round == 0 {
            assert!(a ^ b, "exactly one of two contenders gets it: {a} {b}");
        } else {
            assert!(!a && !b);
        }
    }
    let mut tx = t.db.read().await.unwrap();
    let (holder, _) = lease::holder(&mut tx, "scheduler").await.unwrap().unwrap();
    drop(tx);
    assert!(holder.starts_with("r0-"));
    // The holder renews; a rival gets nothing until the lease expires, then takes it over.
    assert!(contend(&t.db, &holder, at + Duration::seconds(10)).await);
    assert!(!contend(&t.db, "rival", at + Duration::seconds(39)).await);
    assert!(contend(&t.db, "rival", at + Duration::seconds(41)).await);
    assert!(
        !contend(&t.db, &holder, at + Duration::seconds(42)).await,
        "the old holder lost it"
    );
    let mut tx = t.db.begin(at).await.unwrap();
    assert!(!lease::release(&mut tx, "scheduler", &holder).await.unwrap());
    assert!(lease::release(&mut tx, "scheduler", "rival").await.unwrap());
    tx.commit().await.unwrap();
    assert!(
        contend(&t.db, &holder, at + Duration::seconds(43)).await,
        "free again after release"
    );
}

#[tokio::test]
async fn score_adjustments_and_snapshots_round_trip() {
    let t = fresh().await;
    let (plan, item, support, lead) = plan_fixture(&t.db).await;
    let mut tx = t.db.begin(at()).await.unwrap();
    let id = scores::add_adjustment(
        &mut tx,
        &scores::NewAdjustment {
            plan_id: plan,
            unit_id: lead,
            item_id: Some(item),
            period: JUNE,
            points: -1.5,
            reason: "材料不规范",
            created_by: None,
        },
    )
    .await
    .unwrap();
    let rows = scores::adjustments(&mut tx, plan).await.unwrap();
    let adj = rows[0].to_core().unwrap();
    assert_eq!(
        (adj.id, adj.points, adj.period, adj.reason.as_str()),
        (id, -1.5, JUNE, "材料不规范")
    );
    let span = ScorePeriod::month(JUNE).key();
    scores::save_snapshot(
        &mut tx,
        plan,
        &span,
        &[
            scores::SnapshotRow {
                unit_id: lead,
                total: 98.5,
                rank: 2,
                entries_json: "[]",
            },
            scores::SnapshotRow {
                unit_id: support,
                total: 100.0,
                rank: 1,
                entries_json: "[]",
            },
        ],
    )
    .await
    .unwrap();
    // Republishing replaces the span's rows.
    scores::save_snapshot(
        &mut tx,
        plan,
        &span,
        &[scores::SnapshotRow {
            unit_id: lead,
            total: 97.0,
            rank: 1,
            entries_json: "[{}]",
        }],
    )
    .await
    .unwrap();
    let snap = scores::snapshot(&mut tx, plan, "2024-06").await.unwrap();
    assert_eq!(
        snap.iter()
            .map(|s| (s.unit_id, s.total))
            .collect::<Vec<_>>(),
        vec![(lead, 97.0)]
    );
    assert_eq!(
        scores::delete_adjustment(&mut tx, id)
            .await
            .unwrap()
            .unwrap()
            .reason,
        "材料不规范"
    );
    assert!(scores::adjustments(&mut tx, plan).await.unwrap().is_empty());
    tx.commit().await.unwrap();
}
