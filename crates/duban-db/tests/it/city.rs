//! Issue 13: a single-government database from before migration 0005 moves forward with
//! every row kept, and afterwards two governments can have units of the same name.

use duban_core::{GovLevel, UnitKind};
use duban_db::testing::{at, at_version, exec, table_counts};
use duban_db::{DbError, city, org};

/// A district's database as migration 0004 left it: units, users, a plan with items,
/// assignments, reports and their history, registers, a notice, a session, audit records.
const OLD_DISTRICT: &str = "
INSERT INTO governments (id, name, level, created_at) VALUES (1, '山城区', 'district', '2024-01-02T00:00:00Z');
INSERT INTO units (id, name, parent_id, kind, seq, active, created_at) VALUES
  (1, '区发改委', NULL, 'department', 1, TRUE, '2024-01-02T00:00:00Z'),
  (2, '区人社局', NULL, 'department', 2, TRUE, '2024-01-02T00:00:00Z'),
  (3, '区人社局就业中心', 2, 'other', 3, FALSE, '2024-01-02T00:00:00Z');
INSERT INTO users (id, username, display_name, password_hash, role, unit_id, active, failed_logins, created_at) VALUES
  (1, 'admin', '管理员', 'h', 'admin', NULL, TRUE, 0, '2024-01-02T00:00:00Z'),
  (2, 'fgw', '发改委填报人', 'h', 'reporter', 1, TRUE, 2, '2024-01-02T00:00:00Z'),
  (3, 'rsj', '人社局审核人', 'h', 'approver', 2, FALSE, 0, '2024-01-02T00:00:00Z');
INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES
  ('t1', 2, '2024-01-02T00:00:00Z', '2024-01-02T00:00:00Z', '2024-01-03T00:00:00Z');
INSERT INTO plans (id, government_id, year, title, source_name, source_text, source_sha256, imported_at, imported_by) VALUES
  (1, 1, 2024, '山城区2024年政府工作报告', 'r.txt', '城镇新增就业3000人以上。', 'x', '2024-01-02T00:00:00Z', 1);
INSERT INTO sections (id, plan_id, seq, level, marker, heading, part, start_char, end_char) VALUES
  (1, 1, 1, 1, '一、', '目标', 'goals', 0, 12);
INSERT INTO items (id, plan_id, section_id, seq, kind, title, text, value, unit, created_at) VALUES
  (1, 1, 1, 1, 'target', '城镇新增就业', '城镇新增就业3000人以上。', 3000, '人', '2024-01-02T00:00:00Z'),
  (2, 1, 1, 2, 'task', '建设产业园', '建设产业园。', NULL, NULL, '2024-01-02T00:00:00Z');
INSERT INTO assignments (id, item_id, lead_unit_id, leader_name, weight, cycle, updated_at) VALUES
  (1, 1, 2, '张三', 1, 'monthly', '2024-01-02T00:00:00Z'),
  (2, 2, 1, NULL, 2, 'quarterly', '2024-01-02T00:00:00Z');
INSERT INTO assignment_units (assignment_id, unit_id) VALUES (1, 1), (2, 3);
INSERT INTO progress_reports (id, item_id, unit_id, period, value, progress, state, created_by, created_at, updated_at) VALUES
  (1, 1, 2, '2024-06', 1500, '已新增就业1500人', 'accepted', 3, '2024-07-01T00:00:00Z', '2024-07-01T00:00:00Z'),
  (2, 2, 1, '2024-06', NULL, '已开工', 'draft', 2, '2024-07-01T00:00:00Z', '2024-07-01T00:00:00Z');
INSERT INTO report_history (id, report_id, at, user_id, action, state_to, snapshot) VALUES
  (1, 1, '2024-07-01T00:00:00Z', 3, 'accept', 'accepted', '{}');
INSERT INTO projects (id, government_id, year, name, lead_unit_id, total_investment, created_at, updated_at) VALUES
  (1, 1, 2024, '产业园一期', 1, 12.5, '2024-01-02T00:00:00Z', '2024-01-02T00:00:00Z');
INSERT INTO notices (id, plan_id, item_id, unit_id, kind, title, issued_at) VALUES
  (1, 1, 2, 1, 'reminder', '请按时填报', '2024-07-20T00:00:00Z');
INSERT INTO audit_log (id, at, user_id, actor, action, entity, entity_id) VALUES
  (1, '2024-01-02T00:00:00Z', 1, '管理员', 'import', 'plan', 1),
  (2, '2024-07-01T00:00:00Z', 3, '人社局审核人', 'accept', 'report', 1);
";

#[tokio::test]
async fn migration_0005_moves_a_single_government_database_forward_with_every_row_kept() {
    let t = at_version(4).await;
    exec(&t.db, OLD_DISTRICT).await;
    if duban_db::testing::backend() == duban_db::Backend::Postgres {
        // The fixture gives ids itself; move the identity sequences past them.
        exec(
            &t.db,
            "SELECT setval(pg_get_serial_sequence('governments', 'id'), 10); \
             SELECT setval(pg_get_serial_sequence('units', 'id'), 10);",
        )
        .await;
    }
    let before = table_counts(&t.db).await;
    assert!(
        before
            .iter()
            .any(|(t, n)| t == "progress_reports" && *n == 2)
    );

    t.db.migrate().await.unwrap();
    // Every table of before still has every row (0005 adds no table; later migrations do,
    // such as 0007's data version).
    let after: Vec<_> = table_counts(&t.db)
        .await
        .into_iter()
        .filter(|(t, _)| before.iter().any(|(b, _)| b == t))
        .collect();
    assert_eq!(before, after);

    let mut tx = t.db.begin(at()).await.unwrap();
    let units = org::units(&mut tx).await.unwrap();
    let names: Vec<(i64, &str, Option<i64>, bool)> = units
        .iter()
        .map(|u| (u.id, u.name.as_str(), u.parent_id, u.active))
        .collect();
    assert_eq!(
        names,
        vec![
            (1, "区发改委", None, true),
            (2, "区人社局", None, true),
            (3, "区人社局就业中心", Some(2), false)
        ]
    );
    assert!(units.iter().all(|u| u.government_id == Some(1)));
    for (id, name) in [(2, "fgw"), (3, "rsj")] {
        let u = org::user_by_username(&mut tx, name).await.unwrap().unwrap();
        assert_eq!((u.id, u.government_id, u.city), (id, Some(1), false));
    }
    let fgw = org::user_by_username(&mut tx, "fgw")
        .await
        .unwrap()
        .unwrap();
    assert_eq!((fgw.unit_id, fgw.failed_logins), (Some(1), 2));
    assert_eq!(
        city::user_scope(&mut tx, 1).await.unwrap(),
        Some((Some(1), false))
    );
    // References into the rebuilt units table still resolve.
    let sup = duban_db::items::supporting_units_of(&mut tx, 2)
        .await
        .unwrap();
    assert_eq!(sup, vec![(3, "区人社局就业中心".to_string())]);
    let r = duban_db::reports::get(&mut tx, 1).await.unwrap().unwrap();
    assert_eq!((r.unit_id, r.value), (2, Some(1500.0)));
    assert_eq!(city::item_government(&mut tx, 2).await.unwrap(), Some(1));

    // Names are unique within a government, not across them.
    let other = org::ensure_government(&mut tx, "水城区", GovLevel::District)
        .await
        .unwrap();
    let twin = org::insert_unit_in(
        &mut tx,
        Some(other.id),
        "区发改委",
        None,
        UnitKind::Department,
    )
    .await
    .unwrap();
    assert_eq!((twin.government_id, twin.seq), (Some(other.id), 1));
    let found = org::unit_by_name_in(&mut tx, Some(other.id), "区发改委")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, twin.id);
    assert_eq!(
        org::unit_by_name(&mut tx, "区发改委")
            .await
            .unwrap()
            .unwrap()
            .id,
        1
    );
    assert_eq!(city::units_in(&mut tx, other.id).await.unwrap().len(), 1);
    assert_eq!(city::units_in(&mut tx, 1).await.unwrap().len(), 3);
    tx.commit().await.unwrap();

    let mut tx = t.db.begin(at()).await.unwrap();
    let err = org::insert_unit_in(
        &mut tx,
        Some(other.id),
        "区发改委",
        None,
        UnitKind::Department,
    )
    .await
    .unwrap_err();
    assert!(matches!(err, DbError::Conflict(_)), "{err:?}");
}

#[tokio::test]
async fn the_first_government_takes_the_units_and_users_set_up_before_it() {
    let t = duban_db::testing::fresh().await;
    let mut tx = t.db.begin(at()).await.unwrap();
    let u = org::insert_unit(&mut tx, "区发改委", None, UnitKind::Department)
        .await
        .unwrap();
    assert_eq!(u.government_id, None);
    let g = org::ensure_government(&mut tx, "山城区", GovLevel::District)
        .await
        .unwrap();
    assert_eq!(
        org::unit(&mut tx, u.id)
            .await
            .unwrap()
            .unwrap()
            .government_id,
        Some(g.id)
    );
    let g2 = org::ensure_government(&mut tx, "水城区", GovLevel::District)
        .await
        .unwrap();
    // A second government takes nothing; new units default to the home government.
    let v = org::insert_unit(&mut tx, "区人社局", None, UnitKind::Department)
        .await
        .unwrap();
    assert_eq!(v.government_id, Some(g.id));
    assert!(city::units_in(&mut tx, g2.id).await.unwrap().is_empty());
}
