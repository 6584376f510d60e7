//! Another government's registers and plans: invisible to a district's office, whatever id
//! it sends, and unchangeable.

use super::{LAST, build_city};
use crate::{app, login_actor};
use duban_app::demo::city::DISTRICTS;
use duban_app::registers::projects::ProjectQuery;
use duban_app::{AppError, admin, items, registers};

/// Register entries of another government look missing to a district's 督查室, whatever id
/// it sends; the office names only its own government's units on an entry.
#[tokio::test]
async fn registers_are_scoped_per_government() {
    use duban_app::registers::{projects::ProjectInput, services::ServiceInput};
    let (app, _t) = app().await;
    build_city(&app, (2, 1, 10), (2, 2)).await;
    let today = time::Date::from_calendar_date(2025, time::Month::July, 15).unwrap();
    let city_user = login_actor(&app, "city_dcs").await;
    let district = login_actor(&app, "g01_dcs").await;

    let govs = registers::governments(&app, &district).await.unwrap();
    assert_eq!(govs.len(), 1);
    assert_eq!(govs[0].name, DISTRICTS[0]);
    // The city level sees both districts (and the city's own government).
    let seen: Vec<String> = registers::governments(&app, &city_user)
        .await
        .unwrap()
        .into_iter()
        .map(|g| g.name)
        .collect();
    assert!(
        DISTRICTS[..2].iter().all(|d| seen.iter().any(|s| s == d)),
        "{seen:?}"
    );
    let own = govs[0].id;
    let other = registers::government_id(&app, &city_user, DISTRICTS[1])
        .await
        .unwrap();
    assert!(matches!(
        registers::government_id(&app, &district, DISTRICTS[1]).await,
        Err(AppError::BadInput(_))
    ));
    let units = admin::units_for(&app, &city_user).await.unwrap();
    let unit_in = |g: i64| {
        units
            .iter()
            .find(|u| u.government_id == Some(g))
            .unwrap()
            .id
    };

    // The city's office registers a service in district 2; district 1 cannot reach it.
    let input = ServiceInput {
        name: "测试服务事项".into(),
        unit_id: Some(unit_in(other)),
        ..Default::default()
    };
    let foreign = registers::services::create(&app, &city_user, other, &input)
        .await
        .unwrap();
    assert!(matches!(
        registers::services::get(&app, &district, foreign.id).await,
        Err(AppError::NotFound)
    ));
    let mut changed = input.clone();
    changed.name = "改名".into();
    assert!(matches!(
        registers::services::update(&app, &district, foreign.id, &changed).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        registers::services::delete(&app, &district, foreign.id).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        registers::services::create(&app, &district, other, &input).await,
        Err(AppError::NotFound)
    ));
    assert_eq!(
        registers::services::get(&app, &city_user, foreign.id)
            .await
            .unwrap(),
        foreign
    );

    // Its own entries name its own units only: another government's unit, or one that
    // does not exist, is refused and nothing is written.
    for bad in [unit_in(other), i64::MAX - 1] {
        let i = ServiceInput {
            name: "本区事项".into(),
            unit_id: Some(bad),
            ..Default::default()
        };
        assert!(matches!(
            registers::services::create(&app, &district, own, &i).await,
            Err(AppError::BadInput(_))
        ));
        let p = ProjectInput {
            name: "本区项目".into(),
            lead_unit_id: Some(bad),
            total_investment: 1.0,
            ..Default::default()
        };
        assert!(matches!(
            registers::projects::create(&app, &district, own, 2025, &p).await,
            Err(AppError::BadInput(_))
        ));
        let mut moved = input.clone();
        moved.unit_id = Some(bad);
        let mine = registers::services::create(
            &app,
            &district,
            own,
            &ServiceInput {
                name: format!("本区事项{bad}"),
                unit_id: Some(unit_in(own)),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert!(matches!(
            registers::services::update(&app, &district, mine.id, &moved).await,
            Err(AppError::BadInput(_))
        ));
        assert_eq!(
            registers::services::get(&app, &district, mine.id)
                .await
                .unwrap(),
            mine
        );
    }
    assert!(
        registers::services::list(&app, &district, own)
            .await
            .unwrap()
            .iter()
            .all(|s| s.government_id == own)
    );

    // Projects and proposals of district 2, by id.
    let q = ProjectQuery::default();
    let project = registers::projects::list(&app, &city_user, other, 2025, &q, LAST, today)
        .await
        .unwrap()[0]
        .project
        .clone();
    assert!(matches!(
        registers::projects::get(&app, &district, project.id).await,
        Err(AppError::NotFound)
    ));
    let pq = registers::proposals::ProposalQuery::default();
    let proposal = registers::proposals::list(&app, &city_user, other, 2025, &pq)
        .await
        .unwrap()[0]
        .clone();
    assert!(matches!(
        registers::proposals::get(&app, &district, proposal.id).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        registers::settings(&app, &district, other).await,
        Err(AppError::NotFound)
    ));

    // Chasing and documents of district 2's plan, by its id.
    let other_plan = items::plans_for(&app, &city_user)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.government_id == other)
        .unwrap();
    let f = duban_app::chase::notice_list::NoticeFilter::default();
    let span = duban_app::core::scoring::ScorePeriod::Year { year: 2025 };
    assert!(matches!(
        duban_app::chase::notice_list::list(&app, &district, other_plan.id, &f).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        duban_app::chase::extensions::list(&app, &district, other_plan.id, false).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        duban_app::chase::scores::board(&app, &district, other_plan.id, span).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        duban_app::documents::export::decomposition_xlsx(&app, &district, other_plan.id).await,
        Err(AppError::NotFound)
    ));
    assert!(
        duban_app::chase::scores::board(&app, &city_user, other_plan.id, span)
            .await
            .is_ok()
    );
    // The units offered when assigning are the plan's own government's.
    let offered = admin::units_in(&app, &city_user, other).await.unwrap();
    assert!(offered.iter().all(|u| u.government_id == Some(other)));
    assert!(matches!(
        admin::units_in(&app, &district, other).await,
        Err(AppError::NotFound)
    ));
}

/// Changes are scoped too: another government's 督查室 cannot assign, adjust or configure a
/// plan it does not see, nor give its own items another government's units.
#[tokio::test]
async fn another_governments_office_changes_nothing_of_it() {
    let (app, _t) = app().await;
    build_city(&app, (2, 1, 10), (1, 1)).await;
    let a = login_actor(&app, "g01_dcs").await;
    let b = login_actor(&app, "g02_dcs").await;
    let a_plan = items::latest_plan_for(&app, &a).await.unwrap().unwrap();
    let b_plan = items::latest_plan_for(&app, &b).await.unwrap().unwrap();
    let a_item = &items::list(&app, &a, a_plan.id, false).await.unwrap()[0];
    let b_item = &items::list(&app, &b, b_plan.id, false).await.unwrap()[0];
    let a_unit = admin::units_for(&app, &a).await.unwrap()[0].id;
    let b_unit = admin::units_for(&app, &b).await.unwrap()[0].id;
    let input = |lead: i64| items::AssignInput {
        lead_unit_id: lead,
        supporting_unit_ids: vec![],
        leader_user_id: None,
        leader_name: None,
        deadline: None,
        weight: None,
        cycle: None,
        milestones: None,
    };
    assert!(matches!(
        items::assign(&app, &b, a_item.id, &input(b_unit)).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        items::assign(&app, &b, b_item.id, &input(a_unit)).await,
        Err(AppError::BadInput(_))
    ));
    let mut with_a_support = input(b_unit);
    with_a_support.supporting_unit_ids = vec![a_unit];
    assert!(matches!(
        items::assign(&app, &b, b_item.id, &with_a_support).await,
        Err(AppError::BadInput(_))
    ));
    assert!(
        items::assign(&app, &b, b_item.id, &input(b_unit))
            .await
            .is_ok()
    );
    assert!(matches!(
        items::adjust(&app, &b, a_item.id, 1.0, "跨区调整").await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        items::plan_settings(&app, &b, a_plan.id).await,
        Err(AppError::NotFound)
    ));
    let s = items::plan_settings(&app, &a, a_plan.id).await.unwrap();
    assert!(matches!(
        items::set_plan_settings(&app, &b, a_plan.id, &s).await,
        Err(AppError::NotFound)
    ));
    // The unchanged item of A still has its own lead unit.
    let after = items::detail(&app, &a, a_item.id).await.unwrap();
    assert_eq!(after.item.lead_unit_id, a_item.lead_unit_id);

    // Chasing: A's notices, extensions and scores are not found by B's office.
    use duban_app::chase::{extensions, notice_list, notices, scores};
    use duban_app::core::NoticeKind;
    use duban_app::core::scoring::ScorePeriod;
    let n = notices::issue_by_hand(
        &app,
        &a,
        &notices::HandNotice {
            kind: NoticeKind::Chase,
            item_id: a_item.id,
            unit_id: None,
            matter: "",
            requirement: "",
            deadline: None,
        },
    )
    .await
    .unwrap();
    assert!(notices::get(&app, &a, n.id).await.is_ok());
    assert!(matches!(
        notices::get(&app, &b, n.id).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        notices::close(&app, &b, n.id, "跨区").await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        notices::issue_by_hand(
            &app,
            &b,
            &notices::HandNotice {
                kind: NoticeKind::Chase,
                item_id: a_item.id,
                unit_id: None,
                matter: "",
                requirement: "",
                deadline: None,
            },
        )
        .await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        notices::for_unit(&app, &b, a_unit, false).await,
        Err(AppError::NotFound)
    ));
    let f = notice_list::NoticeFilter::default();
    assert_eq!(
        notice_list::list(&app, &a, a_plan.id, &f)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(matches!(
        notice_list::list(&app, &b, a_plan.id, &f).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        extensions::list(&app, &b, a_plan.id, false).await,
        Err(AppError::NotFound)
    ));
    let year = ScorePeriod::Year { year: 2025 };
    assert!(scores::board(&app, &a, a_plan.id, year).await.is_ok());
    assert!(matches!(
        scores::board(&app, &b, a_plan.id, year).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        scores::adjust(&app, &b, a_plan.id, a_unit, None, LAST, 1.0, "跨区").await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        scores::adjust(&app, &b, b_plan.id, a_unit, None, LAST, 1.0, "跨区").await,
        Err(AppError::BadInput(_))
    ));

    // Registers by id: A's project and proposal are not found by B, nor A's item's binding.
    let today = time::Date::from_calendar_date(2025, time::Month::July, 15).unwrap();
    let a_gov = a_plan.government_id;
    let project =
        registers::projects::list(&app, &a, a_gov, 2025, &ProjectQuery::default(), LAST, today)
            .await
            .unwrap()[0]
            .project
            .id;
    assert!(registers::projects::get(&app, &a, project).await.is_ok());
    assert!(matches!(
        registers::projects::get(&app, &b, project).await,
        Err(AppError::NotFound)
    ));
    let pq = registers::proposals::ProposalQuery::default();
    let proposal = registers::proposals::list(&app, &a, a_gov, 2025, &pq)
        .await
        .unwrap()[0]
        .id;
    assert!(registers::proposals::get(&app, &a, proposal).await.is_ok());
    assert!(matches!(
        registers::proposals::get(&app, &b, proposal).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        registers::bindings::unbind(&app, &b, a_item.id).await,
        Err(AppError::NotFound)
    ));
}
