//! `duban remind` on the demo database, and two `duban serve` processes on one PostgreSQL
//! database running the scheduler: each notice and message exists once.

use super::{env, s};
use duban_app::chase::run_pass;
use duban_app::{App, FixedClock, demo};
use std::collections::HashSet;
use std::process::{Command, Stdio};
use std::sync::Arc;
use time::macros::date;

#[tokio::test]
async fn remind_dry_run_on_the_demo_prints_one_digest_per_unit() {
    let e = env().await;
    e.ok(&["demo", "--no-serve"], None);
    let db = e.dir.path().join("demo").join("duban.db");
    let url = format!("sqlite://{}", s(&db));
    let args = [
        "--database-url",
        &url,
        "remind",
        "--as-of",
        "2024-07-28",
        "--dry-run",
    ];
    let out = e.ok(&args, None);
    let units: Vec<&str> = out.lines().filter(|l| l.starts_with('【')).collect();
    assert!(units.len() >= 2, "{out}");
    let unique: HashSet<&&str> = units.iter().collect();
    assert_eq!(unique.len(), units.len(), "one block per unit: {out}");
    let digests = out.lines().filter(|l| l.contains("贵单位有")).count();
    assert!(digests >= 2 && digests <= units.len(), "{out}");
    assert!(out.contains("将发送"), "{out}");
    // A dry run records nothing: the same again.
    assert_eq!(e.ok(&args, None), out);
    assert!(
        e.err(&["--database-url", &url, "remind", "--as-of", "28/07/2024"])
            .contains("YYYY-MM-DD")
    );
}

#[tokio::test]
async fn two_servers_on_one_postgres_send_each_notice_once() {
    if std::env::var("DUBAN_TEST_BACKEND").as_deref() != Ok("postgres") {
        eprintln!("skipped: needs DUBAN_TEST_BACKEND=postgres");
        return;
    }
    let e = env().await;
    let db = duban_app::db::Db::open(&e.url).await.unwrap();
    let app = App::new(db, e.dir.path().to_path_buf())
        .with_clock(Arc::new(FixedClock::on(date!(2024 - 07 - 28))));
    demo::seed(&app).await.unwrap();
    let expected = run_pass(&app, app.today(), true).await.unwrap();
    let want: usize = expected.units.iter().map(|u| u.notices.len()).sum();
    assert!(want > 0);
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_duban"))
            .args(["serve", "--listen", "127.0.0.1:0"])
            .env("DUBAN_DATA_DIR", e.dir.path())
            .env("DUBAN_DATABASE_URL", &e.url)
            .env("DUBAN_REMIND_INTERVAL", "1")
            .env("DUBAN_TEST_AS_OF", "2024-07-28")
            .env_remove("DUBAN_CONFIG")
            .env_remove("DUBAN_LISTEN")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let (mut a, mut b) = (spawn(), spawn());
    let notices = || async {
        let mut tx = app.db.read().await.unwrap();
        let plans = duban_app::db::plans::list(&mut tx).await.unwrap();
        duban_app::db::notices::for_plan(&mut tx, plans[0].id)
            .await
            .unwrap()
    };
    // Wait (bounded) until the pass has run, then let both servers run a few more passes.
    for _ in 0..120 {
        if notices().await.len() >= want {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let _ = a.kill();
    let _ = b.kill();
    let _ = a.wait();
    let _ = b.wait();
    let list = notices().await;
    assert_eq!(list.len(), want, "each notice once");
    let keys: HashSet<_> = list.iter().map(|n| n.chase_key.clone()).collect();
    assert_eq!(keys.len(), list.len());
    let mut tx = app.db.read().await.unwrap();
    for (_, user) in duban_app::db::inbox::unit_recipients(&mut tx)
        .await
        .unwrap()
    {
        let msgs = duban_app::db::inbox::for_user(&mut tx, user, false, 10_000)
            .await
            .unwrap();
        let digests = msgs.iter().filter(|m| m.kind == "digest").count();
        assert!(digests <= 1, "one digest per user and day");
        let keys: HashSet<_> = msgs.iter().map(|m| &m.msg_key).collect();
        assert_eq!(keys.len(), msgs.len());
    }
}
