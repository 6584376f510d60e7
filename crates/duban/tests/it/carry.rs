//! `duban carry-over` on the demo database: the dry run lists what would move, the real run
//! creates next year's plan with exactly those items, and a second run adds nothing.

use super::env;
use duban_app::{App, demo};

#[tokio::test]
async fn carry_over_creates_next_years_plan_once() {
    let e = env().await;
    {
        let db = duban_app::db::Db::open(&e.url).await.unwrap();
        let app = App::new(db, e.dir.path().to_path_buf());
        demo::seed(&app).await.unwrap();
        app.db.close().await;
    }
    let args = [
        "carry-over",
        "--government",
        "山城区",
        "--from-year",
        "2024",
    ];
    let dry = e.ok(&[&args[..], &["--dry-run"]].concat(), None);
    let listed = dry.lines().filter(|l| l.contains('\t')).count();
    assert!(listed > 0, "{dry}");
    assert!(
        dry.contains(&format!("将结转 {listed} 项（新建2025年计划）")),
        "{dry}"
    );
    // The dry run changed nothing.
    let err = e.err(&["items", "--government", "山城区", "--year", "2025"]);
    assert!(err.contains("2025"), "{err}");

    let out = e.ok(&args, None);
    assert!(
        out.contains(&format!(
            "已结转 {listed} 项到山城区2025年计划（2024年结转）"
        )),
        "{out}"
    );
    let items = e.ok(
        &[
            "items",
            "--government",
            "山城区",
            "--year",
            "2025",
            "--format",
            "csv",
        ],
        None,
    );
    assert_eq!(items.lines().count(), listed + 1, "{items}");

    let again = e.ok(&args, None);
    assert!(again.contains("已结转 0 项"), "{again}");
    let err = e.err(&[
        "carry-over",
        "--government",
        "无此区",
        "--from-year",
        "2024",
    ]);
    assert!(err.contains("无此区"), "{err}");
}
