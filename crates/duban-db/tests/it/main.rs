//! Storage tests. Every test runs on the backend the run selects (SQLite by default,
//! PostgreSQL with DUBAN_TEST_BACKEND=postgres), so the whole suite runs on both.

use duban_core::{Cycle, GovLevel, ItemKind, PartKind, ReportState, UnitKind};
use duban_db::testing::{at, backend, fresh};
use duban_db::{Backend, Db, DbError, items, org, plans, reports};

mod accounts;
mod carry;
mod chasing;
mod city;
mod outbound;
mod performance;
mod registers;

async fn plan_fixture(db: &Db) -> (i64, i64, i64, i64) {
    let mut tx = db.begin(at()).await.unwrap();
    let g = org::ensure_government(&mut tx, "山城区", GovLevel::District)
        .await
        .unwrap();
    let a = org::insert_unit(&mut tx, "区发改委", None, UnitKind::Department)
        .await
        .unwrap();
    let b = org::insert_unit(&mut tx, "区人社局", None, UnitKind::Department)
        .await
        .unwrap();
    let plan = plans::insert(
        &mut tx,
        &plans::NewPlan {
            government_id: g.id,
            year: 2024,
            title: "测试计划",
            source_name: "t.txt",
            source_text: "一、目标\n城镇新增就业3000人以上。",
            source_sha256: "x",
            review_year: Some(2023),
            due_day: 25,
            default_cycle: Cycle::Monthly,
            parse_diagnostics: None,
            imported_by: None,
        },
    )
    .await
    .unwrap();
    let s = plans::insert_section(
        &mut tx,
        &plans::NewSection {
            plan_id: plan,
            parent_id: None,
            seq: 0,
            level: 1,
            marker: "一、",
            heading: "目标",
            part: PartKind::Goals,
            start_char: 0,
            end_char: 5,
        },
    )
    .await
    .unwrap();
    let item = items::insert(
        &mut tx,
        &items::NewItem {
            plan_id: plan,
            section_id: Some(s),
            parent_id: None,
            seq: 1,
            kind: ItemKind::Target,
            title: "城镇新增就业",
            text: "城镇新增就业3000人以上。",
            indicator: Some("城镇新增就业"),
            value: Some(3000.0),
            value_max: None,
            unit: Some("人"),
            op: Some(">="),
            measure: Some("level"),
            direction: None,
            figure_year: Some(2024),
            start_char: Some(5),
            end_char: Some(16),
        },
    )
    .await
    .unwrap();
    items::set_assignment(
        &mut tx,
        item,
        &items::AssignmentInput {
            lead_unit_id: b.id,
            supporting_unit_ids: &[a.id],
            leader_name: Some("张华"),
            leader_user_id: None,
            deadline: None,
            weight: 1.0,
            cycle: Cycle::Monthly,
            note: None,
            updated_by: None,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    (plan, item, a.id, b.id)
}

#[tokio::test]
async fn migration_sets_agree_and_both_schemas_have_the_same_columns() {
    assert_eq!(
        Db::migration_versions(Backend::Sqlite),
        Db::migration_versions(Backend::Postgres)
    );
    let t = fresh().await;
    let cols = t.db.schema_columns().await.unwrap();
    assert!(
        cols.iter()
            .any(|(t, c)| t == "progress_reports" && c == "next_steps")
    );
    if backend() == Backend::Postgres {
        // Compare the live PostgreSQL schema with a live SQLite one.
        let dir = tempfile::tempdir().unwrap();
        let lite = Db::open(&format!("sqlite://{}", dir.path().join("x.db").display()))
            .await
            .unwrap();
        assert_eq!(cols, lite.schema_columns().await.unwrap());
    }
}

#[tokio::test]
async fn items_are_filtered_by_the_units_taking_part() {
    let t = fresh().await;
    let (plan, item, support, lead) = plan_fixture(&t.db).await;
    let mut tx = t.db.begin(at()).await.unwrap();
    let other = org::insert_unit(&mut tx, "红旗街道", None, UnitKind::Township)
        .await
        .unwrap();
    for (unit, expect) in [
        (Some(lead), 1),
        (Some(support), 1),
        (Some(other.id), 0),
        (None, 1),
    ] {
        let got = items::list(
            &mut tx,
            &items::ItemFilter {
                plan_id: plan,
                unit_id: unit,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(got.len(), expect, "unit {unit:?}");
    }
    assert!(
        items::unit_takes_part(&mut tx, item, support)
            .await
            .unwrap()
    );
    assert!(
        !items::unit_takes_part(&mut tx, item, other.id)
            .await
            .unwrap()
    );
    let got = items::get(&mut tx, item).await.unwrap().unwrap();
    assert_eq!(got.lead_unit_name.as_deref(), Some("区人社局"));
    assert_eq!(got.section_heading.as_deref(), Some("目标"));
    assert_eq!(got.value, Some(3000.0));
    assert_eq!(
        items::supporting_units_of(&mut tx, item).await.unwrap(),
        vec![(support, "区发改委".to_string())]
    );
}

#[tokio::test]
async fn unique_violations_are_conflicts_and_rollback_leaves_nothing() {
    let t = fresh().await;
    plan_fixture(&t.db).await;
    let mut tx = t.db.begin(at()).await.unwrap();
    let err = org::insert_unit(&mut tx, "区发改委", None, UnitKind::Department)
        .await
        .unwrap_err();
    assert!(matches!(err, DbError::Conflict(_)), "{err:?}");
    drop(tx);
    let mut tx = t.db.begin(at()).await.unwrap();
    org::insert_unit(&mut tx, "临时单位", None, UnitKind::Other)
        .await
        .unwrap();
    tx.rollback().await.unwrap();
    let mut tx = t.db.read().await.unwrap();
    assert!(
        org::unit_by_name(&mut tx, "临时单位")
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(org::units(&mut tx).await.unwrap().len(), 2);
}

#[tokio::test]
async fn reports_keep_state_history_and_period_order() {
    let t = fresh().await;
    let (plan, item, _, lead) = plan_fixture(&t.db).await;
    let mut tx = t.db.begin(at()).await.unwrap();
    for (p, v) in [("2024-02", 600.0), ("2024-01", 250.0), ("2024-03", 900.0)] {
        let id = reports::insert(
            &mut tx,
            &reports::NewReport {
                item_id: item,
                unit_id: lead,
                period: p,
                fields: reports::ReportFields {
                    value: Some(v),
                    milestone_done: None,
                    progress: "推进中",
                    problems: "",
                    next_steps: "",
                },
                state: ReportState::Draft,
                is_late: false,
                is_contribution: false,
                provenance: "reported",
                created_by: None,
            },
        )
        .await
        .unwrap();
        reports::set_state(&mut tx, id, ReportState::Accepted, None, Some(false))
            .await
            .unwrap();
        reports::add_history(
            &mut tx,
            &reports::NewHistory {
                report_id: id,
                user_id: None,
                action: "accept",
                state_from: Some(ReportState::Draft),
                state_to: ReportState::Accepted,
                comment: None,
                snapshot: "{}".into(),
            },
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let mut tx = t.db.read().await.unwrap();
    let until_feb = reports::for_plan_until(&mut tx, plan, "2024-02", Some(ReportState::Accepted))
        .await
        .unwrap();
    assert_eq!(
        until_feb
            .iter()
            .map(|r| r.period.as_str())
            .collect::<Vec<_>>(),
        vec!["2024-01", "2024-02"]
    );
    assert!(
        until_feb
            .iter()
            .all(|r| r.accepted_at.is_some() && r.unit_name == "区人社局")
    );
    let r = reports::find(&mut tx, item, lead, "2024-03")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(r.value, Some(900.0));
    assert_eq!(reports::history(&mut tx, r.id).await.unwrap().len(), 1);
    assert!(
        reports::in_state(&mut tx, plan, ReportState::Submitted, None)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn backup_copies_sqlite_and_refuses_postgres() {
    let t = fresh().await;
    plan_fixture(&t.db).await;
    let dest = t.dir.path().join("copy.db");
    match backend() {
        Backend::Sqlite => {
            t.db.backup(&dest).await.unwrap();
            let copy = Db::open(&format!("sqlite://{}", dest.display()))
                .await
                .unwrap();
            let mut tx = copy.read().await.unwrap();
            assert_eq!(org::units(&mut tx).await.unwrap().len(), 2);
            // A second backup to the same file is refused rather than overwriting it.
            assert!(t.db.backup(&dest).await.is_err());
        }
        Backend::Postgres => {
            let err = t.db.backup(&dest).await.unwrap_err();
            assert!(err.to_string().contains("pg_dump"), "{err}");
        }
    }
}

#[tokio::test]
async fn adjustments_keep_the_old_value() {
    let t = fresh().await;
    let (_, item, _, _) = plan_fixture(&t.db).await;
    let mut tx = t.db.begin(at()).await.unwrap();
    let before = items::get(&mut tx, item).await.unwrap().unwrap();
    items::adjust(
        &mut tx,
        &before,
        Some(3500.0),
        None,
        Some(duban_core::Op::AtLeast),
        "年中调整",
        None,
    )
    .await
    .unwrap();
    let after = items::get(&mut tx, item).await.unwrap().unwrap();
    assert!(after.adjusted);
    assert_eq!(after.value, Some(3500.0));
    let adj = items::adjustments(&mut tx, item).await.unwrap();
    assert_eq!(
        (adj[0].old_value, adj[0].new_value),
        (Some(3000.0), Some(3500.0))
    );
    assert_eq!(adj[0].new_op, Some(duban_core::Op::AtLeast));
}

/// `Db::read` is one snapshot: a write committed after the read began (and after its
/// first read) is not seen by the reads that follow in the same transaction.
#[tokio::test]
async fn a_read_transaction_is_a_snapshot() {
    let t = fresh().await;
    let mut r = t.db.read().await.unwrap();
    let before = org::units(&mut r).await.unwrap().len();

    let mut w = t.db.begin(at()).await.unwrap();
    org::insert_unit(&mut w, "区统计局", None, UnitKind::Department)
        .await
        .unwrap();
    w.commit().await.unwrap();

    assert_eq!(org::units(&mut r).await.unwrap().len(), before);
    drop(r);
    let mut r2 = t.db.read().await.unwrap();
    assert_eq!(org::units(&mut r2).await.unwrap().len(), before + 1);
}

/// Typed columns: a code nobody knows and thresholds that do not parse fail the read, and
/// are never taken for a default.
#[tokio::test]
async fn a_bad_code_or_bad_json_in_a_row_is_an_error() {
    let t = fresh().await;
    let (plan, item, _, _) = plan_fixture(&t.db).await;
    let mut tx = t.db.begin(at()).await.unwrap();
    let th = duban_core::status::Thresholds::yinchuan();
    let json = serde_json::to_string(&th).unwrap();
    plans::set_settings(&mut tx, plan, 20, Cycle::Monthly, Some(&json))
        .await
        .unwrap();
    let p = plans::get(&mut tx, plan).await.unwrap().unwrap();
    assert_eq!(p.thresholds.map(|j| j.0), Some(th));
    plans::set_settings(
        &mut tx,
        plan,
        20,
        Cycle::Monthly,
        Some("{\"ahead_points\": \"many\""),
    )
    .await
    .unwrap();
    assert!(matches!(
        plans::get(&mut tx, plan).await,
        Err(DbError::Sqlx(_))
    ));
    plans::set_settings(&mut tx, plan, 20, Cycle::Monthly, None)
        .await
        .unwrap();
    assert!(
        plans::get(&mut tx, plan)
            .await
            .unwrap()
            .unwrap()
            .thresholds
            .is_none()
    );
    // A code written by hand that no enum has.
    let bogus = "UPDATE items SET op = 'sometimes' WHERE id = $1";
    duban_db::testing::execute(&mut tx, bogus, &[item])
        .await
        .unwrap();
    let err = items::get(&mut tx, item).await.unwrap_err();
    assert!(err.to_string().contains("sometimes"), "{err}");
}
