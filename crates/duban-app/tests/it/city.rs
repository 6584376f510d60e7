//! Issue 13: a small city (3 governments × 2 years) from the city data set. A district user
//! sees only its government, a city user sees all, unit names repeat across governments,
//! and the roll-up's counts are the sums of the districts' dashboards.

use super::{app, login_actor};
use duban_app::core::Period;
use duban_app::demo::city::{CityInfo, CityScale, DISTRICTS, build};
use duban_app::registers::projects::ProjectQuery;
use duban_app::{AppError, admin, city, dashboard, items, registers};

const LAST: Period = Period {
    year: 2025,
    month: 6,
};

/// A small city for a test: (governments, years, items a plan) and (projects, proposals)
/// a government and year, with reports until [`LAST`].
pub(crate) async fn build_city(
    app: &duban_app::App,
    (governments, years, items_per_plan): (usize, usize, usize),
    (projects, proposals): (usize, usize),
) -> CityInfo {
    let scale = CityScale {
        governments,
        years,
        items_per_plan,
        projects,
        proposals,
    };
    build(app, scale, LAST).await.unwrap()
}

#[tokio::test]
async fn a_small_city_is_scoped_per_government_and_rolls_up() {
    let (app, _t) = app().await;
    let info = build_city(&app, (3, 2, 60), (6, 4)).await;
    assert_eq!((info.governments, info.plans), (3, 6));
    assert_eq!(info.items, 6 * 60);
    assert_eq!((info.projects, info.proposals), (36, 24));
    assert!(info.reports > info.items * 6, "{}", info.reports);
    let today = time::Date::from_calendar_date(2025, time::Month::July, 15).unwrap();

    let city_user = login_actor(&app, "city_dcs").await;
    let district = login_actor(&app, "g01_dcs").await;
    let reporter = login_actor(&app, "g02_fgw_tb").await;

    // Plans: the district sees its two, the city all six.
    let own = items::plans_for(&app, &district).await.unwrap();
    assert_eq!(own.len(), 2);
    assert!(own.iter().all(|p| p.government_name == DISTRICTS[0]));
    let all = items::plans_for(&app, &city_user).await.unwrap();
    assert_eq!(all.len(), 6);
    let other_plan = all
        .iter()
        .find(|p| p.government_name == DISTRICTS[1] && p.year == 2025)
        .unwrap();
    let own_plan = own.iter().find(|p| p.year == 2025).unwrap();
    assert_eq!(
        items::latest_plan_for(&app, &district)
            .await
            .unwrap()
            .map(|p| p.id),
        Some(own_plan.id)
    );

    // Another government's plan, items, dashboard and registers are not found.
    assert!(matches!(
        items::plan_for(&app, &district, other_plan.id).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        items::list(&app, &district, other_plan.id, false).await,
        Err(AppError::NotFound)
    ));
    let foreign_item = items::list(&app, &city_user, other_plan.id, false)
        .await
        .unwrap()[0]
        .id;
    assert!(matches!(
        items::detail(&app, &district, foreign_item).await,
        Err(AppError::NotFound)
    ));
    assert!(items::detail(&app, &city_user, foreign_item).await.is_ok());
    assert!(matches!(
        dashboard::build(&app, &district, other_plan.id, LAST, today, false).await,
        Err(AppError::NotFound)
    ));
    let q = ProjectQuery::default();
    assert!(matches!(
        registers::projects::list(
            &app,
            &district,
            other_plan.government_id,
            2025,
            &q,
            LAST,
            today
        )
        .await,
        Err(AppError::NotFound)
    ));
    let own_projects = registers::projects::list(
        &app,
        &district,
        own_plan.government_id,
        2025,
        &q,
        LAST,
        today,
    )
    .await
    .unwrap();
    assert_eq!(own_projects.len(), 6);
    // A unit user of district 2 reports on its own plan only.
    assert!(
        duban_app::progress::due(&app, &reporter, other_plan.id, LAST)
            .await
            .is_ok()
    );
    assert!(matches!(
        duban_app::progress::due(&app, &reporter, own_plan.id, LAST).await,
        Err(AppError::NotFound)
    ));

    // Units and users: the district sees its own; names repeat across governments.
    let own_units = admin::units_for(&app, &district).await.unwrap();
    assert_eq!(own_units.len(), duban_app::demo::UNITS.len());
    assert!(
        own_units
            .iter()
            .all(|u| u.government_id == Some(own_plan.government_id))
    );
    let every_unit = admin::units_for(&app, &city_user).await.unwrap();
    let fgw: Vec<_> = every_unit.iter().filter(|u| u.name == "区发改委").collect();
    assert_eq!(fgw.len(), 3);
    let govs: std::collections::HashSet<_> = fgw.iter().map(|u| u.government_id).collect();
    assert_eq!(govs.len(), 3);
    let users = admin::users(&app, &district).await.unwrap();
    assert!(!users.is_empty());
    assert!(users.iter().all(|u| u.username.starts_with("g01_")));

    // The roll-up: city users only; its counts are the sums of the district dashboards.
    assert!(matches!(
        city::rollup(&app, &district, Some(2025), Some(LAST), today).await,
        Err(AppError::Forbidden(_))
    ));
    let r = city::rollup(&app, &city_user, Some(2025), Some(LAST), today)
        .await
        .unwrap();
    assert_eq!(r.year, 2025);
    assert_eq!(r.years, vec![2025, 2024]);
    assert_eq!(r.rows.len(), 3);
    let mut ranks: Vec<usize> = r.rows.iter().map(|row| row.rank).collect();
    ranks.sort();
    assert_eq!(ranks[0], 1);
    let (mut total, mut green, mut yellow, mut red) = (0, 0, 0, 0);
    let mut by_status = vec![0usize; r.totals.by_status.len()];
    for row in &r.rows {
        // The district's own supervisor gets the same dashboard as the city sees.
        let sup = login_actor(
            &app,
            &format!(
                "g{:02}_dcs",
                1 + DISTRICTS.iter().position(|d| *d == row.government).unwrap()
            ),
        )
        .await;
        let d = dashboard::build(&app, &sup, row.plan_id, LAST, today, false)
            .await
            .unwrap();
        assert_eq!(
            (
                row.counts.total,
                row.counts.green,
                row.counts.yellow,
                row.counts.red
            ),
            (d.total, d.green, d.yellow, d.red)
        );
        assert_eq!(row.counts.lagging, d.lagging.len());
        for (i, s) in d.by_status.iter().enumerate() {
            assert_eq!(row.counts.by_status[i].count, s.count);
            by_status[i] += s.count;
        }
        assert_eq!(row.registers.proposals, 4);
        total += d.total;
        green += d.green;
        yellow += d.yellow;
        red += d.red;
    }
    assert_eq!(total, 180);
    assert_eq!(
        (
            r.totals.total,
            r.totals.green,
            r.totals.yellow,
            r.totals.red
        ),
        (total, green, yellow, red)
    );
    let sums: Vec<usize> = r.totals.by_status.iter().map(|s| s.count).collect();
    assert_eq!(sums, by_status);
    assert!(r.totals.lagging > 0 && r.totals.green > 0, "{:?}", r.totals);
}

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
