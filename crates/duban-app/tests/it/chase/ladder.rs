//! The ladder (an answered 催办 stays closed, an unanswered one becomes a 督办 after its
//! 限期), extensions in the score, and scores that decompose into their entries.

use super::demo_on;
use crate::login_actor;
use duban_app::chase::{extensions, notices, run_pass, scores};
use duban_app::core::scoring::{EventKind, ScorePeriod};
use duban_app::core::{NoticeKind, Period};
use duban_app::{AppError, progress};
use time::Duration;
use time::macros::date;

#[tokio::test]
async fn an_answered_chase_stays_closed_an_unanswered_one_escalates() {
    let (app, clock, _info, _t) = demo_on(date!(2024 - 07 - 28)).await;
    run_pass(&app, app.today(), false).await.unwrap();
    let reporter = login_actor(&app, "rsj_tb").await;
    let other = login_actor(&app, "fgw_tb").await;
    let unit = reporter.unit_id.unwrap();
    let list = notices::for_unit(&app, &reporter, unit, true)
        .await
        .unwrap();
    let chases: Vec<_> = list
        .iter()
        .filter(|n| n.kind == NoticeKind::Chase)
        .collect();
    assert!(chases.len() >= 2, "the unit got 催办单: {}", list.len());
    let (answered, silent) = (chases[0], chases[1]);
    assert!(
        answered
            .number
            .as_deref()
            .unwrap_or("")
            .contains("〔2024〕")
    );
    // Another unit cannot see or answer it.
    assert!(matches!(
        notices::answer(&app, &other, answered.id, "x", &[]).await,
        Err(AppError::NotFound)
    ));
    let file = notices::AnswerUpload {
        file_name: "说明.txt",
        content_type: "text/plain",
        bytes: "已整改".as_bytes(),
    };
    let d = notices::answer(&app, &reporter, answered.id, "已报送并说明原因", &[file])
        .await
        .unwrap();
    assert_eq!(d.answers.len(), 1);
    assert_eq!(d.files.len(), 1);
    assert!(d.notice.answered_on.is_some());

    let deadline = silent.due_date.unwrap();
    clock.set_date(deadline);
    run_pass(&app, app.today(), false).await.unwrap();
    let sup = |app: duban_app::App, parent: i64| async move {
        let mut tx = app.db.read().await.unwrap();
        let plan = duban_app::db::plans::list(&mut tx).await.unwrap()[0].id;
        duban_app::db::notices::for_plan(&mut tx, plan)
            .await
            .unwrap()
            .into_iter()
            .filter(|n| n.kind == NoticeKind::Supervision && n.parent_id == Some(parent))
            .count()
    };
    assert_eq!(
        sup(app.clone(), silent.id).await,
        0,
        "not before its 限期 passes"
    );
    clock.set_date(deadline + Duration::days(1));
    run_pass(&app, app.today(), false).await.unwrap();
    run_pass(&app, app.today(), false).await.unwrap();
    assert_eq!(sup(app.clone(), silent.id).await, 1, "unanswered: one 督办");
    assert_eq!(sup(app.clone(), answered.id).await, 0, "answered: none");
}

#[tokio::test]
async fn the_addressed_unit_signs_for_a_notice_once_at_the_clock_time() {
    let (app, clock, _info, _t) = demo_on(date!(2024 - 07 - 28)).await;
    run_pass(&app, app.today(), false).await.unwrap();
    let reporter = login_actor(&app, "rsj_tb").await;
    let approver_elsewhere = login_actor(&app, "fgw_sh").await;
    let office = login_actor(&app, "duchashi").await;
    let unit = reporter.unit_id.unwrap();
    let n = notices::for_unit(&app, &reporter, unit, true)
        .await
        .unwrap()[0]
        .clone();
    assert!(n.read_at.is_none());
    // Neither another unit nor the office signs for it.
    assert!(matches!(
        notices::receive(&app, &approver_elsewhere, n.id).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        notices::receive(&app, &office, n.id).await,
        Err(AppError::Forbidden(_))
    ));
    let signed_at = app.now();
    let d = notices::receive(&app, &reporter, n.id).await.unwrap();
    assert_eq!(d.notice.read_at, Some(signed_at));
    assert_eq!(d.notice.read_by, reporter.user_id);
    assert_eq!(
        d.received_by.as_deref(),
        Some(reporter.display_name.as_str())
    );
    assert!(
        d.notice.answered_on.is_none(),
        "signing for it does not answer it"
    );
    let audited = |app: duban_app::App| async move {
        let mut tx = app.db.read().await.unwrap();
        duban_app::db::audit::recent(&mut tx, Some("notice"), Some(n.id), 50)
            .await
            .unwrap()
            .iter()
            .filter(|e| e.action == "notice_receive")
            .count()
    };
    assert_eq!(audited(app.clone()).await, 1);
    // Signing again the next day keeps the first signature and records nothing.
    clock.set_date(date!(2024 - 07 - 29));
    let again = notices::receive(&app, &reporter, n.id).await.unwrap();
    assert_eq!(again.notice.read_at, Some(signed_at));
    assert_eq!(audited(app.clone()).await, 1);
    // The office reads who signed on the notice.
    let seen = notices::get(&app, &office, n.id).await.unwrap();
    assert_eq!(seen.received_by, d.received_by);
}

#[tokio::test]
async fn the_rows_a_change_writes_carry_the_clock_time_not_the_machine_time() {
    // The clock stands in 2024; the machine's clock does not. Whatever a change stamps (the
    // notice's issue time, its signature, the audit record) is the clock's instant.
    let (app, clock, _info, _t) = demo_on(date!(2024 - 07 - 28)).await;
    run_pass(&app, app.today(), false).await.unwrap();
    let issued = app.now();
    let reporter = login_actor(&app, "rsj_tb").await;
    let n = notices::for_unit(&app, &reporter, reporter.unit_id.unwrap(), true)
        .await
        .unwrap()[0]
        .clone();
    assert_eq!(n.issued_at, issued);
    clock.set_date(date!(2024 - 07 - 30));
    notices::receive(&app, &reporter, n.id).await.unwrap();
    let mut tx = app.db.read().await.unwrap();
    let entries = duban_app::db::audit::recent(&mut tx, Some("notice"), Some(n.id), 50)
        .await
        .unwrap();
    let signed = entries
        .iter()
        .find(|e| e.action == "notice_receive")
        .expect("the signature is audited");
    assert_eq!(signed.at, app.now());
    assert!(
        entries.iter().all(|e| e.at.year() == 2024),
        "no stamp from the machine's clock: {:?}",
        entries.iter().map(|e| e.at).collect::<Vec<_>>()
    );
}

/// Requests an extension of an August report to 10 September, decides it, and returns
/// whether the unit's August score still counts the report missing on 30 August.
async fn missing_after_decision(approve: bool) -> bool {
    let (app, clock, info, _t) = demo_on(date!(2024 - 08 - 20)).await;
    let reporter = login_actor(&app, "rsj_tb").await;
    let office = login_actor(&app, "duchashi").await;
    let august = Period {
        year: 2024,
        month: 8,
    };
    let due = progress::due(&app, &reporter, info.plan_id, august)
        .await
        .unwrap();
    let item = due
        .iter()
        .find(|d| d.lead && d.report.is_none())
        .expect("an August report owed")
        .item
        .id;
    // Only the unit asks; the office decides.
    assert!(
        extensions::request(&app, &office, item, august, date!(2024 - 09 - 10), "x")
            .await
            .is_err()
    );
    let e = extensions::request(
        &app,
        &reporter,
        item,
        august,
        date!(2024 - 09 - 10),
        "数据口径调整",
    )
    .await
    .unwrap();
    assert!(
        extensions::decide(&app, &reporter, e.id, true, "")
            .await
            .is_err()
    );
    extensions::decide(&app, &office, e.id, approve, "同意")
        .await
        .unwrap();
    clock.set_date(date!(2024 - 08 - 30));
    let row = scores::unit_detail(
        &app,
        &office,
        info.plan_id,
        ScorePeriod::month(august),
        reporter.unit_id.unwrap(),
    )
    .await
    .unwrap();
    row.entries.iter().any(|e| {
        e.item_id == Some(item)
            && e.event
                .as_ref()
                .is_some_and(|ev| ev.kind == EventKind::MissingReport)
    })
}

#[tokio::test]
async fn a_rejected_extension_keeps_the_deadline_an_approved_one_moves_it() {
    assert!(
        missing_after_decision(false).await,
        "rejected: still missing"
    );
    assert!(!missing_after_decision(true).await, "approved: not yet due");
}

#[tokio::test]
async fn each_score_decomposes_into_entries_that_add_up() {
    let (app, _clock, info, _t) = demo_on(date!(2024 - 07 - 28)).await;
    run_pass(&app, app.today(), false).await.unwrap();
    let office = login_actor(&app, "duchashi").await;
    let reporter = login_actor(&app, "rsj_tb").await;
    let q2 = ScorePeriod::Quarter {
        year: 2024,
        quarter: 2,
    };
    let unit = reporter.unit_id.unwrap();
    let id = scores::adjust(
        &app,
        &office,
        info.plan_id,
        unit,
        None,
        Period {
            year: 2024,
            month: 5,
        },
        2.5,
        "主动报送典型经验",
    )
    .await
    .unwrap();
    assert!(id > 0);
    assert!(
        scores::adjust(
            &app,
            &reporter,
            info.plan_id,
            unit,
            None,
            Period {
                year: 2024,
                month: 5
            },
            1.0,
            "x"
        )
        .await
        .is_err(),
        "only the office adjusts"
    );
    let b = scores::board(&app, &office, info.plan_id, q2)
        .await
        .unwrap();
    assert!(b.rows.len() > 1);
    for r in &b.rows {
        let sum: f64 = r.entries.iter().map(|e| e.points).sum();
        assert!(
            (sum - r.total).abs() < 1e-6,
            "{}: {sum} vs {}",
            r.unit_name,
            r.total
        );
    }
    let mine = b.rows.iter().find(|r| r.unit_id == unit).unwrap();
    assert!(
        mine.entries
            .iter()
            .any(|e| e.reason.contains("主动报送典型经验"))
    );
    // A unit user sees the ranking but only its own drill-down.
    let theirs = scores::board(&app, &reporter, info.plan_id, q2)
        .await
        .unwrap();
    assert!(
        theirs
            .rows
            .iter()
            .all(|r| r.unit_id == unit || r.entries.is_empty())
    );
    let (name, bytes) = scores::export_xlsx(&app, &office, info.plan_id, q2)
        .await
        .unwrap();
    assert!(name.ends_with(".xlsx") && bytes.starts_with(b"PK"));
}
