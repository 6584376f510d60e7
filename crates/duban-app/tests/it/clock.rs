//! The injectable clock: lateness and 未填报 follow the date the test sets.

use crate::{app, assert_audited, login_actor};
use duban_app::core::status::Status;
use duban_app::core::{Cycle, Period};
use duban_app::progress::ReportInput;
use duban_app::{FixedClock, demo, progress, status};
use std::sync::Arc;
use time::macros::date;

#[tokio::test]
async fn the_clock_decides_lateness_and_missing_reports() {
    let (app, _t) = app().await;
    let clock = Arc::new(FixedClock::on(date!(2024 - 08 - 01)));
    let app = app.with_clock(clock.clone());
    let info = demo::seed(&app).await.unwrap();
    let reporter = login_actor(&app, "rsj_tb").await;
    let supervisor = login_actor(&app, "duchashi").await;
    let august = Period {
        year: 2024,
        month: 8,
    };
    let due = progress::due(&app, &reporter, info.plan_id, august)
        .await
        .unwrap();
    let monthly: Vec<i64> = due
        .iter()
        .filter(|d| d.lead && d.report.is_none() && d.item.cycle() == Cycle::Monthly)
        .map(|d| d.item.id)
        .collect();
    assert!(monthly.len() >= 2, "the unit leads two monthly items");
    let (on_time, missing) = (monthly[0], monthly[1]);
    let submit = ReportInput {
        period: august.to_string(),
        value: Some(1.0),
        milestone_done: Some(true),
        progress: "按计划推进".into(),
        submit: true,
        ..Default::default()
    };
    let status_of = |item: i64| {
        let app = app.clone();
        let supervisor = supervisor.clone();
        async move {
            let (_, st) = status::compute(&app, &supervisor, info.plan_id, august, app.today())
                .await
                .unwrap();
            st.into_iter()
                .find(|s| s.item.id == item)
                .unwrap()
                .assessment
                .status
        }
    };

    // 1 August: nothing is due yet.
    let r = progress::save(&app, &reporter, on_time, &submit)
        .await
        .unwrap();
    assert!(!r.is_late, "submitted before the due day");
    assert_ne!(status_of(missing).await, Status::NotReported);

    // 10 September: August's due day has passed.
    clock.set_date(date!(2024 - 09 - 10));
    assert_eq!(app.today(), date!(2024 - 09 - 10));
    assert_eq!(status_of(missing).await, Status::NotReported);
    let r = progress::save(&app, &reporter, missing, &submit)
        .await
        .unwrap();
    assert!(r.is_late, "submitted after the due day");
    let e = assert_audited(&app, "report_submit", "progress_report").await;
    assert_eq!(e.entity_id, Some(r.id));
}
