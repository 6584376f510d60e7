//! Chasing with the clock set: reminders and notices once each (also after a restart), one
//! digest per unit, the ladder, extensions and scores, webhooks to a local receiver.

mod ladder;
mod receiver;
mod webhooks;

use crate::app;
use duban_app::chase::run_pass;
use duban_app::db::testing::TestDb;
use duban_app::{App, FixedClock, demo};
use std::collections::HashSet;
use std::sync::Arc;
use time::Date;
use time::macros::date;

/// The demo database with the clock on `day`.
pub(crate) async fn demo_on(day: Date) -> (App, Arc<FixedClock>, demo::DemoInfo, TestDb) {
    let (app, t) = app().await;
    let clock = Arc::new(FixedClock::on(day));
    let app = app.with_clock(clock.clone());
    let info = demo::seed(&app).await.unwrap();
    (app, clock, info, t)
}

async fn count(app: &App, sql_table: &str) -> i64 {
    // Row counts through the app's own reads: notices of every unit, inbox of every user.
    let mut tx = app.db.read().await.unwrap();
    match sql_table {
        "notices" => {
            let plans = duban_app::db::plans::list(&mut tx).await.unwrap();
            let mut n = 0;
            for p in plans {
                n += duban_app::db::notices::for_plan(&mut tx, p.id)
                    .await
                    .unwrap()
                    .len() as i64;
            }
            n
        }
        _ => {
            let mut n = 0;
            for (_, user) in duban_app::db::inbox::unit_recipients(&mut tx)
                .await
                .unwrap()
            {
                n += duban_app::db::inbox::for_user(&mut tx, user, false, 10_000)
                    .await
                    .unwrap()
                    .len() as i64;
            }
            n
        }
    }
}

#[tokio::test]
async fn reminders_and_notices_come_once_also_after_a_restart() {
    let (app, _clock, _info, t) = demo_on(date!(2024 - 07 - 28)).await;
    let dry = run_pass(&app, app.today(), true).await.unwrap();
    assert!(!dry.units.is_empty(), "units owe on 28 July");
    assert_eq!(count(&app, "notices").await, 0, "a dry run records nothing");
    assert_eq!(count(&app, "inbox").await, 0);

    let first = run_pass(&app, app.today(), false).await.unwrap();
    assert!(!first.lease_busy);
    assert_eq!(
        first.units.len(),
        dry.units.len(),
        "the dry run said who gets what"
    );
    // One digest per unit per send, listing all its owed items.
    let units: HashSet<i64> = first.units.iter().map(|u| u.unit_id).collect();
    assert_eq!(units.len(), first.units.len());
    for u in &first.units {
        if let Some(d) = &u.digest {
            assert!(
                d.contains(&format!("贵单位有{}项进度待报送", u.owed)),
                "{d}"
            );
        }
    }
    let notices = count(&app, "notices").await;
    let messages = count(&app, "inbox").await;
    assert!(notices > 0 && messages > 0);
    assert_eq!(first.notices_issued as i64, notices);

    let again = run_pass(&app, app.today(), false).await.unwrap();
    assert!(again.units.is_empty(), "nothing twice: {:?}", again.units);
    // A restart: a new App on the same database.
    let restarted = App::new(t.db.clone(), t.dir.path().to_path_buf())
        .with_clock(Arc::new(FixedClock::on(date!(2024 - 07 - 28))));
    let third = run_pass(&restarted, restarted.today(), false)
        .await
        .unwrap();
    assert!(third.units.is_empty());
    assert_eq!(count(&app, "notices").await, notices);
    assert_eq!(count(&app, "inbox").await, messages);
}

#[tokio::test]
async fn reminders_appear_on_their_days() {
    // Default: 3 and 1 days before the 25th.
    let (app, clock, _info, _t) = demo_on(date!(2024 - 08 - 21)).await;
    let r = run_pass(&app, app.today(), false).await.unwrap();
    let before: usize = r.units.iter().filter(|u| u.digest.is_some()).count();
    clock.set_date(date!(2024 - 08 - 22));
    let r22 = run_pass(&app, app.today(), false).await.unwrap();
    let on22 = r22.units.iter().filter(|u| u.digest.is_some()).count();
    assert!(
        on22 > 0,
        "3 days before the due date every owing unit is reminded"
    );
    let r22b = run_pass(&app, app.today(), false).await.unwrap();
    assert!(r22b.units.iter().all(|u| u.digest.is_none()), "once a day");
    clock.set_date(date!(2024 - 08 - 23));
    let r23 = run_pass(&app, app.today(), false).await.unwrap();
    assert!(
        r23.units.iter().all(|u| u.digest.is_none()),
        "no reminder on a day without one"
    );
    clock.set_date(date!(2024 - 08 - 24));
    let r24 = run_pass(&app, app.today(), false).await.unwrap();
    assert!(r24.units.iter().any(|u| u.digest.is_some()), "1 day before");
    let _ = before;
}

/// The demo's lagging months are history: a pass chases only what falls inside the plan's
/// chase window (30 days after a due date by default), not every past month.
#[tokio::test]
async fn the_demo_is_chased_only_inside_the_chase_window() {
    let (app, _clock, _info, _t) = demo_on(date!(2024 - 07 - 28)).await;
    let day = run_pass(&app, app.today(), true).await.unwrap();
    let chased: Vec<&String> = day.units.iter().flat_map(|u| &u.notices).collect();
    assert!(!chased.is_empty());
    for n in &chased {
        assert!(
            n.contains("2024-07 期") || n.contains("2024-06 期"),
            "a notice outside the window: {n}"
        );
    }
    // Long after the plan's year, nothing is chased at all (a server started today on
    // the demo database must not flood the units).
    let late = run_pass(&app, date!(2025 - 03 - 01), true).await.unwrap();
    let n: usize = late.units.iter().map(|u| u.notices.len()).sum();
    assert_eq!(n, 0, "{:?}", late.units);
}
