//! 结转 (issue 13): the link from a carried item to last year's, and the plan a user chose.

use super::plan_fixture;
use duban_core::{Cycle, ItemKind, Role};
use duban_db::testing::{at, fresh};
use duban_db::{DbError, carry, items, org, plans};

#[tokio::test]
async fn a_carried_item_links_back_once_and_a_users_choice_is_kept() {
    let t = fresh().await;
    let (old_plan, old_item, _, _) = plan_fixture(&t.db).await;
    let mut tx = t.db.begin(at()).await.unwrap();
    let old = plans::get(&mut tx, old_plan).await.unwrap().unwrap();
    let new_plan = plans::insert(
        &mut tx,
        &plans::NewPlan {
            government_id: old.government_id,
            year: 2025,
            title: "2025年（结转）",
            source_name: "结转",
            source_text: "",
            source_sha256: "",
            review_year: None,
            due_day: 25,
            default_cycle: Cycle::Monthly,
            parse_diagnostics: None,
            imported_by: None,
        },
    )
    .await
    .unwrap();
    let new_item = items::insert(
        &mut tx,
        &items::NewItem {
            plan_id: new_plan,
            section_id: None,
            parent_id: None,
            seq: 1,
            kind: ItemKind::Target,
            title: "城镇新增就业",
            text: "城镇新增就业3000人以上。",
            indicator: None,
            value: Some(3000.0),
            value_max: None,
            unit: Some("人"),
            op: None,
            measure: None,
            direction: None,
            figure_year: None,
            start_char: None,
            end_char: None,
        },
    )
    .await
    .unwrap();
    assert!(carry::in_plan(&mut tx, new_plan).await.unwrap().is_empty());
    carry::link(&mut tx, new_item, old_item, None)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = t.db.begin(at()).await.unwrap();
    assert_eq!(
        carry::in_plan(&mut tx, new_plan).await.unwrap(),
        vec![(new_item, old_item)]
    );
    assert!(carry::in_plan(&mut tx, old_plan).await.unwrap().is_empty());
    assert_eq!(
        carry::source_of(&mut tx, new_item).await.unwrap(),
        Some(old_item)
    );
    assert_eq!(carry::source_of(&mut tx, old_item).await.unwrap(), None);
    assert_eq!(
        carry::carried_between(&mut tx, old_plan, new_plan)
            .await
            .unwrap(),
        vec![old_item]
    );
    assert!(
        carry::carried_between(&mut tx, new_plan, old_plan)
            .await
            .unwrap()
            .is_empty()
    );
    // An item is carried at most once.
    assert!(
        carry::link(&mut tx, new_item, old_item, None)
            .await
            .is_err()
    );
    drop(tx);

    let mut tx = t.db.begin(at()).await.unwrap();
    let u = org::insert_user(
        &mut tx,
        &org::NewUser {
            username: "dcs",
            display_name: "督查室",
            password_hash: "h",
            role: Role::Supervisor,
            unit_id: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(carry::chosen_plan(&mut tx, u.id).await.unwrap(), None);
    carry::set_chosen_plan(&mut tx, u.id, Some(old_plan))
        .await
        .unwrap();
    assert_eq!(
        carry::chosen_plan(&mut tx, u.id).await.unwrap(),
        Some(old_plan)
    );
    carry::set_chosen_plan(&mut tx, u.id, None).await.unwrap();
    assert_eq!(carry::chosen_plan(&mut tx, u.id).await.unwrap(), None);
    assert!(matches!(
        carry::set_chosen_plan(&mut tx, 9999, Some(old_plan)).await,
        Err(DbError::NotFound)
    ));
    assert_eq!(carry::chosen_plan(&mut tx, 9999).await.unwrap(), None);
}
