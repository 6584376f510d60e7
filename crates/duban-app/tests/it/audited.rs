//! `assert_audited`: every test that changes data says which audit record the change left.
//! And the 填报 form's one call: a report, its attachment and the submission in one
//! transaction with one audit record.

use super::{app, login_actor};
use duban_app::core::{Period, ReportState};
use duban_app::db::{AuditEntry, audit};
use duban_app::progress::ReportInput;
use duban_app::{Actor, App, demo, progress};

/// The newest audit record of `entity`, which must be `action`. Returns it for further
/// checks (the ids, the before and after).
pub async fn assert_audited(app: &App, action: &str, entity: &str) -> AuditEntry {
    let mut tx = app.db.read().await.unwrap();
    let recent = audit::recent(&mut tx, Some(entity), None, 1).await.unwrap();
    match recent.into_iter().next() {
        Some(e) if e.action == action => e,
        Some(e) => panic!(
            "the latest audit record of {entity} is {}, not {action}",
            e.action
        ),
        None => panic!("no audit record of {entity} (expected {action})"),
    }
}

async fn audit_count(app: &App) -> i64 {
    let mut tx = app.db.read().await.unwrap();
    audit::count(&mut tx).await.unwrap()
}

fn files(app: &App) -> Vec<String> {
    std::fs::read_dir(app.data_dir.join("attachments"))
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn a_report_with_its_attachment_is_one_transaction_and_one_audit_record() {
    let (app, _t) = app().await;
    let info = demo::seed(&app).await.unwrap();
    let reporter = login_actor(&app, "rsj_tb").await;
    let period = Period {
        year: 2024,
        month: 8,
    };
    let due = progress::due(&app, &reporter, info.plan_id, period)
        .await
        .unwrap();
    let item = due
        .iter()
        .find(|d| d.lead && d.report.is_none())
        .unwrap()
        .item
        .id;
    let mut input = ReportInput {
        period: period.to_string(),
        value: Some(2.0),
        submit: true,
        ..Default::default()
    };
    let before = audit_count(&app).await;
    // Submitting without 进展情况 fails: nothing of the post is kept, no draft, no file.
    let file = Some(("进展.pdf", b"%PDF-1.4 report".as_slice()));
    assert!(
        progress::save_with_file(&app, &reporter, item, &input, file)
            .await
            .is_err()
    );
    assert_eq!(audit_count(&app).await, before);
    assert!(files(&app).is_empty(), "{:?}", files(&app));
    let due = progress::due(&app, &reporter, info.plan_id, period)
        .await
        .unwrap();
    assert!(
        due.iter()
            .find(|d| d.item.id == item)
            .unwrap()
            .report
            .is_none()
    );
    // A user id nobody has: the transaction fails on its foreign keys, and leaves nothing.
    let ghost = Actor {
        user_id: Some(987_654),
        ..reporter.clone()
    };
    input.progress = "已完成前期手续".into();
    assert!(
        progress::save_with_file(&app, &ghost, item, &input, file)
            .await
            .is_err()
    );
    assert_eq!(audit_count(&app).await, before);
    assert!(files(&app).is_empty(), "{:?}", files(&app));
    // The real post: one audit record that names the attachment, one file, no temporary.
    let r = progress::save_with_file(&app, &reporter, item, &input, file)
        .await
        .unwrap();
    assert_eq!(r.state, ReportState::Submitted);
    assert_eq!(audit_count(&app).await, before + 1);
    let e = assert_audited(&app, "report_submit", "progress_report").await;
    assert_eq!(e.entity_id, Some(r.id));
    assert!(e.after_json.unwrap().contains("进展.pdf"));
    let stored = files(&app);
    assert_eq!(stored.len(), 1, "{stored:?}");
    assert!(!stored[0].ends_with(".part"), "{stored:?}");
    let (_, _, attachments) = progress::report_detail(&app, &reporter, r.id)
        .await
        .unwrap();
    assert_eq!(attachments.len(), 1);
    assert_eq!(attachments[0].file_name, "进展.pdf");
}
