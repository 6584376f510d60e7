//! Register storage: projects and their monthly reports in the shared report flow,
//! proposals with proposers and supporting units, service items, indicator values and
//! target bindings.

use super::plan_fixture;
use duban_core::ReportState;
use duban_db::testing::{at, fresh};
use duban_db::{DbError, bindings, indicators, org, projects, proposals, reports, services};
use time::macros::date;

#[tokio::test]
async fn project_reports_share_the_report_flow_and_history() {
    let t = fresh().await;
    let (plan, item, _, lead) = plan_fixture(&t.db).await;
    let mut tx = t.db.begin(at()).await.unwrap();
    let g = org::government_by_name(&mut tx, "山城区")
        .await
        .unwrap()
        .unwrap();
    let fields = projects::ProjectFields {
        name: "三贤电子",
        lead_unit_id: Some(lead),
        level: Some("province"),
        over_100m: true,
        total_investment: 12.5,
        annual_plan_investment: Some(6.0),
        signed_on: Some(date!(2024 - 02 - 01)),
        ..Default::default()
    };
    let p = projects::insert(&mut tx, g.id, 2024, &fields)
        .await
        .unwrap();
    // The same name twice in a year is a conflict.
    assert!(matches!(
        projects::insert(&mut tx, g.id, 2024, &fields).await,
        Err(DbError::Conflict(_))
    ));
    tx.rollback().await.unwrap();
    let mut tx = t.db.begin(at()).await.unwrap();
    let p2 = projects::insert(&mut tx, g.id, 2024, &fields)
        .await
        .unwrap();
    assert!(p2 >= p);
    let mut ids = Vec::new();
    for (period, v) in [("2024-01", 0.5), ("2024-02", 1.5), ("2024-03", 2.5)] {
        let f = projects::ReportFields {
            value: Some(v),
            progress: "主体施工",
            problems: "",
            next_steps: "",
        };
        let id = projects::insert_report(&mut tx, p2, lead, period, &f, ReportState::Draft, None)
            .await
            .unwrap();
        reports::set_state(&mut tx, id, ReportState::Submitted, None, Some(false))
            .await
            .unwrap();
        reports::add_history(
            &mut tx,
            &reports::NewHistory {
                report_id: id,
                user_id: None,
                action: "submit",
                state_from: Some(ReportState::Draft),
                state_to: ReportState::Submitted,
                comment: None,
                snapshot: "{}".into(),
            },
        )
        .await
        .unwrap();
        ids.push(id);
    }
    for id in &ids[..2] {
        reports::set_state(&mut tx, *id, ReportState::Accepted, None, None)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    let mut tx = t.db.read().await.unwrap();
    let figs = projects::accepted_figures(&mut tx, g.id, 2024, "2024-12")
        .await
        .unwrap();
    assert_eq!(
        figs,
        vec![
            (p2, "2024-01".to_string(), 0.5),
            (p2, "2024-02".to_string(), 1.5)
        ]
    );
    assert_eq!(reports::history(&mut tx, ids[2]).await.unwrap().len(), 1);
    let r = projects::report(&mut tx, ids[2]).await.unwrap().unwrap();
    assert_eq!((r.state, r.value), (ReportState::Submitted, Some(2.5)));
    let queue = projects::reports_in_state(&mut tx, g.id, 2024, ReportState::Submitted, Some(lead))
        .await
        .unwrap();
    assert_eq!(queue.len(), 1);
    // Item reports of the plan do not see project reports.
    assert!(
        reports::for_plan_until(&mut tx, plan, "2024-12", None)
            .await
            .unwrap()
            .is_empty()
    );
    let list = projects::list(
        &mut tx,
        &projects::ProjectFilter {
            government_id: g.id,
            year: 2024,
            unit_id: Some(lead),
            level: Some("province"),
            stage: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].lead_unit_name.as_deref(), Some("区人社局"));
    let _ = item;
}

#[tokio::test]
async fn a_report_names_an_item_or_a_project_never_both_nor_neither() {
    let t = fresh().await;
    let (_, item, _, lead) = plan_fixture(&t.db).await;
    let mut tx = t.db.begin(at()).await.unwrap();
    let g = org::government_by_name(&mut tx, "山城区")
        .await
        .unwrap()
        .unwrap();
    let p = projects::insert(
        &mut tx,
        g.id,
        2024,
        &projects::ProjectFields {
            name: "x",
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let id = projects::insert_report(
        &mut tx,
        p,
        lead,
        "2024-01",
        &projects::ReportFields {
            value: None,
            progress: "",
            problems: "",
            next_steps: "",
        },
        ReportState::Draft,
        None,
    )
    .await
    .unwrap();
    let bad = with_item(&mut tx, id, item).await;
    assert!(bad.is_err(), "both item and project must be refused");
}

async fn with_item(tx: &mut duban_db::Tx, report: i64, item: i64) -> Result<(), DbError> {
    // Only reachable through SQL; the storage layer offers no way to do this.
    duban_db::testing::execute(
        tx,
        "UPDATE progress_reports SET item_id = $1 WHERE id = $2",
        &[item, report],
    )
    .await?;
    Ok(())
}

#[tokio::test]
async fn proposals_keep_proposers_units_and_settings() {
    let t = fresh().await;
    let (_, _, a, b) = plan_fixture(&t.db).await;
    let mut tx = t.db.begin(at()).await.unwrap();
    let g = org::government_by_name(&mut tx, "山城区")
        .await
        .unwrap()
        .unwrap();
    let id = proposals::insert(
        &mut tx,
        g.id,
        2024,
        &proposals::ProposalFields {
            source: "npc",
            at_session: true,
            session: "十一届三次",
            number: "12",
            title: "关于加快老旧小区改造的建议",
            lead_unit_id: Some(b),
            assigned_at: Some(date!(2024 - 01 - 31)),
            due_date: Some(date!(2024 - 04 - 30)),
            ..Default::default()
        },
        "assigned",
    )
    .await
    .unwrap();
    proposals::set_proposers(&mut tx, id, &["张三", "李四"])
        .await
        .unwrap();
    proposals::set_supporting(&mut tx, id, &[a]).await.unwrap();
    let ps = proposals::proposers(&mut tx, id).await.unwrap();
    proposals::rate(
        &mut tx,
        ps[1].id,
        Some("satisfied"),
        Some("basic"),
        Some(date!(2024 - 05 - 01)),
    )
    .await
    .unwrap();
    assert_eq!(
        proposals::set_opinion(&mut tx, id, a, "同意", date!(2024 - 03 - 01))
            .await
            .unwrap(),
        1
    );
    let mut row = proposals::get(&mut tx, id).await.unwrap().unwrap();
    row.state = "replied".into();
    row.category = Some("A".into());
    row.replied_at = Some(date!(2024 - 04 - 20));
    proposals::save_handling(&mut tx, &row).await.unwrap();
    proposals::set_settings(&mut tx, g.id, r#"{"a":1}"#, "{}")
        .await
        .unwrap();
    proposals::set_settings(&mut tx, g.id, r#"{"a":2}"#, "{}")
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = t.db.read().await.unwrap();
    let all = proposals::proposers_of_year(&mut tx, g.id, 2024)
        .await
        .unwrap();
    assert_eq!(
        all.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        ["张三", "李四"]
    );
    assert_eq!(all[1].result_rating.as_deref(), Some("basic"));
    let sup = proposals::supporting_of_year(&mut tx, g.id, 2024)
        .await
        .unwrap();
    assert_eq!((sup.len(), sup[0].opinion.as_deref()), (1, Some("同意")));
    // The supporting unit sees the item in its list; a third unit would not.
    let f = |u| proposals::ProposalFilter {
        government_id: g.id,
        year: 2024,
        unit_id: Some(u),
        ..Default::default()
    };
    assert_eq!(proposals::list(&mut tx, &f(a)).await.unwrap().len(), 1);
    assert_eq!(proposals::list(&mut tx, &f(-1)).await.unwrap().len(), 0);
    let got = proposals::get(&mut tx, id).await.unwrap().unwrap();
    assert_eq!(
        (got.state.as_str(), got.category.as_deref()),
        ("replied", Some("A"))
    );
    assert_eq!(
        proposals::settings(&mut tx, g.id).await.unwrap(),
        Some((r#"{"a":2}"#.to_string(), "{}".to_string()))
    );
}

#[tokio::test]
async fn services_indicators_and_bindings() {
    let t = fresh().await;
    let (plan, item, a, _) = plan_fixture(&t.db).await;
    let mut tx = t.db.begin(at()).await.unwrap();
    let g = org::government_by_name(&mut tx, "山城区")
        .await
        .unwrap()
        .unwrap();
    let s = services::insert(
        &mut tx,
        g.id,
        &services::ServiceFields {
            name: "食品经营许可",
            unit_id: Some(a),
            at_most_once: true,
            legal_days: Some(20),
            promised_days: Some(10),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    services::update(
        &mut tx,
        s,
        &services::ServiceFields {
            name: "食品经营许可",
            unit_id: Some(a),
            at_most_once: true,
            no_visit: true,
            legal_days: Some(20),
            promised_days: Some(10),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let i = indicators::ensure(
        &mut tx,
        g.id,
        "城镇新增就业",
        "人",
        "level",
        "monthly",
        None,
    )
    .await
    .unwrap();
    assert_eq!(
        indicators::ensure(
            &mut tx,
            g.id,
            "城镇新增就业",
            "人",
            "level",
            "quarterly",
            Some(a)
        )
        .await
        .unwrap(),
        i
    );
    indicators::set_value(&mut tx, i, "2024-05", 1500.0, "statistics", None, None)
        .await
        .unwrap();
    indicators::set_value(
        &mut tx,
        i,
        "2024-05",
        1600.0,
        "verified",
        Some("核实"),
        None,
    )
    .await
    .unwrap();
    indicators::set_value(&mut tx, i, "2024-06", 1900.0, "statistics", None, None)
        .await
        .unwrap();
    bindings::bind(&mut tx, item, r#"{"kind":"service_count"}"#, None, None)
        .await
        .unwrap();
    bindings::bind(&mut tx, item, r#"{"kind":"indicator"}"#, Some(i), None)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = t.db.read().await.unwrap();
    let list = services::list(&mut tx, g.id, Some(a)).await.unwrap();
    assert!(list[0].no_visit && list[0].unit_name.as_deref() == Some("区发改委"));
    let ind = indicators::get(&mut tx, i).await.unwrap().unwrap();
    assert_eq!(
        (ind.frequency.as_str(), ind.unit_id),
        ("quarterly", Some(a))
    );
    let vals = indicators::values_of_year(&mut tx, g.id, 2024)
        .await
        .unwrap();
    assert_eq!(
        vals.iter().map(|v| v.value).collect::<Vec<_>>(),
        [1600.0, 1900.0]
    );
    assert_eq!(vals[0].provenance, "verified");
    let b = bindings::for_plan(&mut tx, plan).await.unwrap();
    assert_eq!((b.len(), b[0].indicator_id), (1, Some(i)));
    drop(tx);
    let mut tx = t.db.begin(at()).await.unwrap();
    assert_eq!(bindings::unbind(&mut tx, item).await.unwrap(), 1);
    services::delete(&mut tx, s).await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = t.db.read().await.unwrap();
    assert!(bindings::get(&mut tx, item).await.unwrap().is_none());
    assert!(services::get(&mut tx, s).await.unwrap().is_none());
}

/// A database made before the registers keeps its progress reports and their history when
/// 0002 rebuilds the report table (SQLite) or relaxes it (PostgreSQL).
#[tokio::test]
async fn migration_0002_keeps_existing_reports_and_history() {
    let dir = tempfile::tempdir().unwrap();
    let url = duban_db::testing::fresh_url(dir.path()).await;
    let sub = if url.starts_with("postgres") {
        "postgres"
    } else {
        "sqlite"
    };
    let first = dir.path().join("first");
    std::fs::create_dir_all(&first).unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(sub)
        .join("0001_init.sql");
    std::fs::copy(&src, first.join("0001_init.sql")).unwrap();
    let m = sqlx::migrate::Migrator::new(first.as_path()).await.unwrap();
    let old_rows = [
        "INSERT INTO governments (id, name, level, created_at) VALUES (1, '山城区', 'district', '2024-01-01T00:00:00Z')",
        "INSERT INTO units (id, name, kind, created_at) VALUES (1, '区人社局', 'department', '2024-01-01T00:00:00Z')",
        "INSERT INTO plans (id, government_id, year, title, source_name, source_text, source_sha256, imported_at) \
         VALUES (1, 1, 2024, 't', 't', 't', 'x', '2024-01-01T00:00:00Z')",
        "INSERT INTO items (id, plan_id, seq, kind, title, text, created_at) VALUES (1, 1, 1, 'target', 't', 't', '2024-01-01T00:00:00Z')",
        "INSERT INTO progress_reports (id, item_id, unit_id, period, value, state, created_at, updated_at) \
         VALUES (1, 1, 1, '2024-01', 250, 'accepted', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')",
        "INSERT INTO report_history (id, report_id, at, action, state_to, snapshot) \
         VALUES (1, 1, '2024-01-01T00:00:00Z', 'accept', 'accepted', '{}')",
    ];
    if sub == "sqlite" {
        let pool = sqlx::SqlitePool::connect(&format!("{url}?mode=rwc"))
            .await
            .unwrap();
        m.run(&pool).await.unwrap();
        for q in old_rows {
            sqlx::query(q).execute(&pool).await.unwrap();
        }
        pool.close().await;
    } else {
        let pool = sqlx::PgPool::connect(&url).await.unwrap();
        m.run(&pool).await.unwrap();
        for q in old_rows {
            // PostgreSQL wants typed timestamps; the literals above cast implicitly.
            sqlx::query(q).execute(&pool).await.unwrap();
        }
        pool.close().await;
    }
    let db = duban_db::Db::open(&url).await.unwrap();
    let mut tx = db.read().await.unwrap();
    let r = reports::find(&mut tx, 1, 1, "2024-01")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(r.value, Some(250.0));
    assert_eq!(reports::history(&mut tx, 1).await.unwrap().len(), 1);
    drop(tx);
    // Foreign keys are on again after the rebuild.
    let mut tx = db.begin(at()).await.unwrap();
    let bad = reports::add_history(
        &mut tx,
        &reports::NewHistory {
            report_id: 999,
            user_id: None,
            action: "x",
            state_from: None,
            state_to: ReportState::Draft,
            comment: None,
            snapshot: "{}".into(),
        },
    )
    .await;
    assert!(bad.is_err(), "history of a missing report must be refused");
}
