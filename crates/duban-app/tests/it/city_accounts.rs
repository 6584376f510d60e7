//! Accounts in a city: a district's administrator manages its own government's accounts and
//! no other's (another government's, or a city-level one, reads as a name nobody has).

use super::{app, login_actor};
use duban_app::core::Role;
use duban_app::{Actor, AppError, admin, items};

#[tokio::test]
async fn a_districts_administrator_manages_only_its_own_accounts() {
    let (app, _t) = app().await;
    super::city::build_city(&app, (2, 1, 10), (1, 1)).await;
    let g01 = login_actor(&app, "g01_dcs").await;
    let gov = items::latest_plan_for(&app, &g01)
        .await
        .unwrap()
        .unwrap()
        .government_id;
    // An administrator of the first district.
    let password = "District-Admin-2025!";
    let made = admin::add_user(
        &app,
        &Actor::cli(),
        admin::NewUser {
            username: "g01_admin",
            display_name: Some("区管理员"),
            role: Role::Admin,
            unit: None,
            password,
        },
    )
    .await
    .unwrap();
    let mut tx = app.begin().await.unwrap();
    duban_app::db::city::set_user_government(&mut tx, made.id, Some(gov), false)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let a = duban_app::auth::login(&app, "g01_admin", password, None, None)
        .await
        .unwrap()
        .actor;

    let missing = |r: Result<_, AppError>, who: &str| match r {
        Err(AppError::BadInput(m)) => assert!(m.contains("不存在"), "{who}: {m}"),
        other => panic!("{who}: expected 不存在, got {other:?}"),
    };
    for other in ["g02_fgw_tb", "city_dcs"] {
        missing(
            admin::set_password(&app, &a, other, "Taken-Over-2025!").await,
            other,
        );
        missing(admin::disable_user(&app, &a, other).await, other);
        missing(admin::unlock_user(&app, &a, other).await.map(|_| ()), other);
        missing(admin::delete_user(&app, &a, other).await, other);
        // The account is untouched: its own password still logs in.
        assert!(
            duban_app::auth::login(&app, other, duban_app::demo::DEMO_PASSWORD, None, None)
                .await
                .is_ok(),
            "{other} still logs in"
        );
    }
    // A name nobody has gets the same answer.
    missing(
        admin::disable_user(&app, &a, "nobody_at_all").await,
        "nobody",
    );
    // Its own government's accounts it manages.
    admin::disable_user(&app, &a, "g01_fgw_tb").await.unwrap();
    admin::enable_user(&app, &a, "g01_fgw_tb").await.unwrap();
    admin::set_password(&app, &a, "g01_fgw_tb", "Reset-By-Admin-2025!")
        .await
        .unwrap();
    assert!(
        duban_app::auth::login(&app, "g01_fgw_tb", "Reset-By-Admin-2025!", None, None)
            .await
            .is_ok()
    );
    // The decomposition's supporting units of another government's plan are not found.
    let city = login_actor(&app, "city_dcs").await;
    let other_plan = items::plans_for(&app, &city)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.government_id != gov)
        .unwrap();
    assert!(matches!(
        items::plan_supporting_units(&app, &g01, other_plan.id).await,
        Err(AppError::NotFound)
    ));
    // Nor can the other office name this government's leader as its item's 责任领导.
    let g02 = login_actor(&app, "g02_dcs").await;
    let b_item = items::list(&app, &g02, other_plan.id, false).await.unwrap()[0].clone();
    let b_unit = admin::units_for(&app, &g02).await.unwrap()[1].id;
    let a_leader = admin::leaders_in(&app, &g01, gov).await.unwrap()[0].id;
    let b_leader = admin::leaders_in(&app, &g02, other_plan.government_id)
        .await
        .unwrap()[0]
        .id;
    let input = |leader: i64| items::AssignInput {
        lead_unit_id: b_unit,
        supporting_unit_ids: vec![],
        leader_user_id: Some(leader),
        leader_name: None,
        deadline: None,
        weight: None,
        cycle: None,
        milestones: None,
    };
    match items::assign(&app, &g02, b_item.id, &input(a_leader)).await {
        Err(AppError::BadInput(m)) => assert!(m.contains("责任领导不存在"), "{m}"),
        other => panic!("another government's leader: {other:?}"),
    }
    let done = items::assign(&app, &g02, b_item.id, &input(b_leader))
        .await
        .unwrap();
    assert_eq!(done.leader_user_id, Some(b_leader));
}
