//! Imports: progress rows refused for each hole the probe found, limits, and failures that
//! change nothing.

use super::{add, draft};
use crate::{SEED, app, login_actor};
use duban_app::core::ItemKind;
use duban_app::core::{ReportState, Role};
use duban_app::progress::ReportInput;
use duban_app::progress_rows::{self, ImportContext, ItemRef};
use duban_app::{Actor, AppError, admin, auth, demo, import, items, progress};
use std::collections::HashMap;
use time::macros::date;

fn ctx_items() -> Vec<ItemRef> {
    vec![
        ItemRef {
            id: 1,
            kind: ItemKind::Target,
            assigned: true,
            lead_unit_id: Some(10),
            supporting_unit_ids: vec![11],
        },
        ItemRef {
            id: 2,
            kind: ItemKind::Task,
            assigned: false,
            lead_unit_id: None,
            supporting_unit_ids: vec![],
        },
    ]
}

fn check(csv: &str, existing: &HashMap<(i64, i64, String), ReportState>) -> Result<usize, String> {
    let table = duban_app::office::table::read("p.csv", csv.as_bytes()).unwrap();
    let items = ctx_items();
    let units = vec![
        (10, "区发改委".to_string()),
        (11, "区统计局".to_string()),
        (12, "区教育局".to_string()),
    ];
    let ctx = ImportContext {
        government: "山城区",
        plan_year: 2024,
        items: &items,
        units: &units,
        existing,
        today: date!(2024 - 06 - 20),
    };
    progress_rows::validate(&table, &ctx)
        .map(|rows| rows.len())
        .map_err(|errs| {
            errs.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        })
}

const HEAD: &str = "编号,单位,期间,累计完成值,进展情况\n";

#[test]
fn progress_rows_are_refused_for_each_hole_the_probe_found() {
    let none = HashMap::new();
    assert_eq!(
        check(
            &format!("{HEAD}1,区发改委,2024-05,3,好\n1,区统计局,2024-05,,配合\n"),
            &none
        ),
        Ok(2)
    );
    let cases = [
        (
            format!("{HEAD}1,区发改委,2024-05,3,好\n1,区发改委,2024-05,4,又报\n"),
            "第3行",
            "重复",
        ),
        (
            format!("{HEAD}1,区教育局,2024-05,3,好\n"),
            "第2行",
            "既不是牵头单位也不是配合单位",
        ),
        (
            format!("{HEAD}1,区发改委,2024-07,3,好\n"),
            "第2行",
            "尚未到来",
        ),
        (
            format!("{HEAD}2,区发改委,2024-05,,好\n"),
            "第2行",
            "尚未分解",
        ),
    ];
    for (csv, row, what) in cases {
        let e = check(&csv, &none).unwrap_err();
        assert!(e.contains(row) && e.contains(what), "{what}: {e}");
    }
    let mut in_review = HashMap::new();
    in_review.insert((1, 10, "2024-05".to_string()), ReportState::Submitted);
    let e = check(&format!("{HEAD}1,区发改委,2024-05,3,好\n"), &in_review).unwrap_err();
    assert!(e.contains("第2行") && e.contains("审核"), "{e}");
    in_review.insert((1, 10, "2024-05".to_string()), ReportState::Accepted);
    assert_eq!(
        check(&format!("{HEAD}1,区发改委,2024-05,3,好\n"), &in_review),
        Ok(1)
    );
}

#[tokio::test]
async fn progress_import_refuses_a_broken_quote_and_a_report_in_review_and_changes_nothing() {
    let (app, _t) = app().await;
    let info = demo::seed(&app).await.unwrap();
    let reporter = login_actor(&app, "rsj_tb").await;
    let r = draft(&app, &reporter, info.plan_id).await;
    progress::save(
        &app,
        &reporter,
        r.item_id,
        &ReportInput {
            period: r.period.clone(),
            progress: "推进中".into(),
            submit: true,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let cli = Actor::cli();
    let before = crate::counts(&app).await;
    let csv = format!("{HEAD}{},区人社局,{},9,导入覆盖\n", r.item_id, r.period);
    let e = progress::import_file(&app, &cli, "山城区", 2024, "p.csv", csv.as_bytes())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("审核"), "{e}");
    let csv = format!(
        "{HEAD}{},区人社局,2024-03,\"9,半截\n{},区人社局,2024-04,1,好\n",
        r.item_id, r.item_id
    );
    let e = progress::import_file(&app, &cli, "山城区", 2024, "p.csv", csv.as_bytes())
        .await
        .unwrap_err();
    assert!(
        e.to_string().contains("第2行") && e.to_string().contains("引号"),
        "{e}"
    );
    assert_eq!(crate::counts(&app).await, before);
    let (r2, _, _) = progress::report_detail(&app, &cli, r.id).await.unwrap();
    assert_eq!(r2.state, ReportState::Submitted);
}

#[tokio::test]
async fn future_periods_are_refused_when_saving() {
    let (app, _t) = app().await;
    let cli = Actor::cli();
    let next_year = app.today().year() + 1;
    let s = import::import_report(
        &app,
        &cli,
        "山城区",
        Some(next_year),
        "seed.txt",
        SEED.as_bytes(),
    )
    .await
    .unwrap();
    admin::add_unit(&app, &cli, "区人社局", None).await.unwrap();
    add(&app, "tb", Role::Reporter, Some("区人社局")).await;
    let unit = admin::units(&app).await.unwrap()[0].id;
    let list = items::list(&app, &cli, s.plan_id, false).await.unwrap();
    items::assign(
        &app,
        &cli,
        list[0].id,
        &items::AssignInput {
            lead_unit_id: unit,
            supporting_unit_ids: vec![],
            leader_user_id: None,
            leader_name: None,
            deadline: None,
            weight: None,
            cycle: None,
            milestones: None,
        },
    )
    .await
    .unwrap();
    let tb = auth::login(&app, "tb", "correct-horse-battery", None, None)
        .await
        .unwrap()
        .actor;
    let e = progress::save(
        &app,
        &tb,
        list[0].id,
        &ReportInput {
            period: format!("{next_year}-01"),
            progress: "提前填".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&e, AppError::BadInput(m) if m.contains("尚未到来")),
        "{e}"
    );
}

#[tokio::test]
async fn imports_have_size_and_item_limits() {
    let (mut app, _t) = app().await;
    let cli = Actor::cli();
    app.settings.max_items_per_plan = 5;
    let e = import::import_report(
        &app,
        &cli,
        "山城区",
        Some(2024),
        "seed.txt",
        SEED.as_bytes(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&e, AppError::BadInput(m) if m.contains("上限") && m.contains('5')),
        "{e}"
    );
    app.settings.max_items_per_plan = 5000;
    app.settings.max_upload_bytes = 100;
    let e = import::import_report(
        &app,
        &cli,
        "山城区",
        Some(2024),
        "seed.txt",
        SEED.as_bytes(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&e, AppError::BadInput(m) if m.contains("MB")),
        "{e}"
    );
    assert!(items::plans(&app).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_failed_attachment_leaves_no_file() {
    let (app, _t) = app().await;
    let info = demo::seed(&app).await.unwrap();
    let reporter = login_actor(&app, "rsj_tb").await;
    let r = draft(&app, &reporter, info.plan_id).await;
    let dir = app.data_dir.join("attachments");
    let files = || {
        std::fs::read_dir(&dir)
            .map(|d| d.filter_map(|e| e.ok()).count())
            .unwrap_or(0)
    };
    // An uploader id no user has: the row's foreign key fails, so the transaction does.
    let ghost = Actor {
        user_id: Some(987_654),
        ..reporter.clone()
    };
    assert!(
        progress::attach(&app, &ghost, r.id, "a.pdf", b"%PDF-1.4")
            .await
            .is_err()
    );
    assert_eq!(files(), 0, "no orphan file");
    let a = progress::attach(&app, &reporter, r.id, "a.pdf", b"%PDF-1.4")
        .await
        .unwrap();
    assert_eq!(files(), 1, "only the committed file, no temporary one");
    let (_, bytes) = progress::attachment_bytes(&app, &reporter, a.id)
        .await
        .unwrap();
    assert_eq!(bytes, b"%PDF-1.4");
}
