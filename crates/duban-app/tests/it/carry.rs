//! 结转 (issue 13): a new year's plan from the previous one. On a small city: what carries
//! (everything not 已完成 at the end of the year), with its units and leader; what does not;
//! who may; the audit record; a second pass adds nothing; and the remembered plan choice.

use super::{app, assert_audited, login_actor};
use duban_app::core::status::Status;
use duban_app::demo::city::DISTRICTS;
use duban_app::{AppError, carry, items, plan_choice};
use std::collections::HashMap;

async fn small_city() -> (duban_app::App, duban_app::db::testing::TestDb) {
    let (app, t) = app().await;
    super::city::build_city(&app, (2, 2, 30), (2, 2)).await;
    (app, t)
}

#[tokio::test]
async fn unfinished_items_carry_over_with_their_assignments_and_finished_ones_stay() {
    let (app, _t) = small_city().await;
    let office = login_actor(&app, "g01_dcs").await;
    let other_office = login_actor(&app, "g02_dcs").await;
    let reporter = login_actor(&app, "g01_fgw_tb").await;
    let own = items::plans_for(&app, &office).await.unwrap();
    let y2024 = own.iter().find(|p| p.year == 2024).unwrap().clone();
    let y2025 = own.iter().find(|p| p.year == 2025).unwrap().clone();
    assert_eq!(y2024.government_name, DISTRICTS[0]);

    // Who may: another government's 督查室 does not even find the plan; a unit user of the
    // same government is refused.
    assert!(matches!(
        carry::preview(&app, &other_office, y2024.id).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        carry::carry_over(&app, &other_office, y2024.id).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        carry::carry_over(&app, &reporter, y2024.id).await,
        Err(AppError::Forbidden(_))
    ));

    // The preview: every item of 2024 is either carried or finished.
    let p = carry::preview(&app, &office, y2024.id).await.unwrap();
    let all = items::list(&app, &office, y2024.id, false).await.unwrap();
    assert_eq!(p.carry.len() + p.finished, all.len());
    assert!(!p.carry.is_empty(), "nothing to carry");
    assert!(p.finished > 0, "the demo finishes some items");
    assert!(
        p.carry
            .iter()
            .all(|s| s.assessment.status != Status::Completed)
    );
    assert_eq!(p.into.as_ref().map(|x| x.id), Some(y2025.id));
    assert_eq!(p.already, 0);

    let before_2025 = items::list(&app, &office, y2025.id, false)
        .await
        .unwrap()
        .len();
    let out = carry::carry_over(&app, &office, y2024.id).await.unwrap();
    assert!(!out.created);
    assert_eq!(out.plan.id, y2025.id);
    assert_eq!(out.carried.len(), p.carry.len());
    let audit = assert_audited(&app, "carry_over", "plan").await;
    assert_eq!(audit.entity_id, Some(y2025.id));

    // Each carried item: same text, lead and supporting units and leader, linked back.
    let after: Vec<_> = items::list(&app, &office, y2025.id, false).await.unwrap();
    assert_eq!(after.len(), before_2025 + out.carried.len());
    let links = carry::carried_in(&app, &office, y2025.id).await.unwrap();
    assert_eq!(links.len(), out.carried.len());
    let old: HashMap<i64, _> = all.iter().map(|i| (i.id, i)).collect();
    let finished: Vec<i64> = all
        .iter()
        .map(|i| i.id)
        .filter(|id| !p.carry.iter().any(|s| s.item.id == *id))
        .collect();
    for (from, to) in &out.carried {
        assert_eq!(links.get(to), Some(from));
        assert!(!finished.contains(from));
        let (o, n) = (
            old[from],
            after
                .iter()
                .find(|i| i.id == *to)
                .expect("carried item listed"),
        );
        assert_eq!((&n.title, n.kind, n.value), (&o.title, o.kind, o.value));
        assert_eq!(n.lead_unit_id, o.lead_unit_id);
        assert_eq!(n.leader_name, o.leader_name);
        assert_eq!(n.leader_user_id, o.leader_user_id);
        let d_old = items::detail(&app, &office, *from).await.unwrap();
        let d_new = items::detail(&app, &office, *to).await.unwrap();
        assert_eq!(d_new.supporting_units, d_old.supporting_units);
        assert_eq!(
            carry::source_of(&app, &office, *to).await.unwrap(),
            Some(*from)
        );
    }
    // Finished items stay behind.
    assert!(finished.iter().all(|f| !links.values().any(|v| v == f)));

    // A second pass finds everything carried and adds nothing.
    let again = carry::preview(&app, &office, y2024.id).await.unwrap();
    assert!(again.carry.is_empty());
    assert_eq!(again.already, out.carried.len());
    let second = carry::carry_over(&app, &office, y2024.id).await.unwrap();
    assert!(second.carried.is_empty());
    assert_eq!(
        items::list(&app, &office, y2025.id, false)
            .await
            .unwrap()
            .len(),
        after.len()
    );

    // Carrying 2025 creates the 2026 plan, which the district then sees.
    let out = carry::carry_over(&app, &office, y2025.id).await.unwrap();
    assert!(out.created);
    assert_eq!(
        (out.plan.year, out.plan.government_id),
        (2026, y2025.government_id)
    );
    assert!(!out.carried.is_empty());
    assert_eq!(
        items::latest_plan_for(&app, &office)
            .await
            .unwrap()
            .map(|p| p.id),
        Some(out.plan.id)
    );
    assert!(matches!(
        items::plan_for(&app, &other_office, out.plan.id).await,
        Err(AppError::NotFound)
    ));
    assert_audited(&app, "carry_over", "plan").await;
}

#[tokio::test]
async fn a_remembered_plan_is_checked_again_on_every_use() {
    let (app, _t) = small_city().await;
    let city = login_actor(&app, "city_dcs").await;
    let district = login_actor(&app, "g01_dcs").await;
    let all = items::plans_for(&app, &city).await.unwrap();
    let own_2024 = all
        .iter()
        .find(|p| p.government_name == DISTRICTS[0] && p.year == 2024)
        .unwrap();
    let foreign = all
        .iter()
        .find(|p| p.government_name == DISTRICTS[1] && p.year == 2025)
        .unwrap();

    // Without a choice, the newest plan the user sees.
    let newest = items::latest_plan_for(&app, &district).await.unwrap();
    assert_eq!(
        plan_choice::current_plan_for(&app, &district)
            .await
            .unwrap()
            .map(|p| p.id),
        newest.map(|p| p.id)
    );
    // A district user cannot choose another government's plan.
    assert!(matches!(
        plan_choice::remember_plan(&app, &district, foreign.id).await,
        Err(AppError::NotFound)
    ));
    plan_choice::remember_plan(&app, &district, own_2024.id)
        .await
        .unwrap();
    assert_audited(&app, "choose_plan", "user").await;
    assert_eq!(
        plan_choice::current_plan_for(&app, &district)
            .await
            .unwrap()
            .map(|p| p.id),
        Some(own_2024.id)
    );
    // The city user remembers another government's plan; the same stored choice is
    // ignored for a user who does not see it (moved to another government).
    plan_choice::remember_plan(&app, &city, foreign.id)
        .await
        .unwrap();
    assert_eq!(
        plan_choice::current_plan_for(&app, &city)
            .await
            .unwrap()
            .map(|p| p.id),
        Some(foreign.id)
    );
    {
        let mut tx = app.begin().await.unwrap();
        duban_app::db::carry::set_chosen_plan(&mut tx, district.user_id.unwrap(), Some(foreign.id))
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
    let current = plan_choice::current_plan_for(&app, &district)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(current.government_name, DISTRICTS[0]);
    let (list, default) = plan_choice::chooser(&app, &district).await.unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(default, Some(current.id));

    // Shareable names: the district's own plan by name and year; another's is not found.
    assert_eq!(
        plan_choice::plan_named_for(&app, &district, DISTRICTS[0], 2024)
            .await
            .unwrap()
            .id,
        own_2024.id
    );
    assert!(matches!(
        plan_choice::plan_named_for(&app, &district, DISTRICTS[1], 2025).await,
        Err(AppError::NotFound)
    ));
    assert_eq!(
        plan_choice::plan_named_for(&app, &city, DISTRICTS[1], 2025)
            .await
            .unwrap()
            .id,
        foreign.id
    );
}
