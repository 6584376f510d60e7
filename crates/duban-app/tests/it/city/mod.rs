//! Issue 13: a small city (3 governments × 2 years) from the city data set. A district user
//! sees only its government, a city user sees all, unit names repeat across governments,
//! and the roll-up's counts are the sums of the districts' dashboards; registers and changes
//! scoped per government in [`scoping`].

mod scoping;

use crate::{app, login_actor};
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
