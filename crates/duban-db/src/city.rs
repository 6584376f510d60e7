//! Many governments on one database (issue 13): the queries that list one government's
//! rows, the scope of a user, and the per-government figures of the city roll-up. Every
//! listing filters on the government in SQL, on an index.

use crate::{Government, Plan, Result, Tx, Unit, UserListing};

/// Where a user belongs: their government (None before a fresh database's first one) and
/// whether they work at the city level.
pub async fn user_scope(tx: &mut Tx, user_id: i64) -> Result<Option<(Option<i64>, bool)>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, (Option<i64>, bool)>(
        "SELECT government_id, city FROM users WHERE id = $1"
    )
    .bind(user_id)
    .fetch_optional(c)
    .await?))
}

/// Moves a user to a government, or to the city level (`government_id` None, `city`).
pub async fn set_user_government(
    tx: &mut Tx,
    user_id: i64,
    government_id: Option<i64>,
    city: bool,
) -> Result<()> {
    with_conn!(tx, |c| {
        let r = sqlx::query("UPDATE users SET government_id = $1, city = $2 WHERE id = $3")
            .bind(government_id)
            .bind(city)
            .bind(user_id)
            .execute(c)
            .await?;
        if r.rows_affected() == 0 {
            return Err(crate::DbError::NotFound);
        }
        Ok(())
    })
}

pub async fn government(tx: &mut Tx, id: i64) -> Result<Option<Government>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, Government>(
        "SELECT id, name, level, created_at FROM governments WHERE id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await?))
}

/// The government a plan belongs to.
pub async fn plan_government(tx: &mut Tx, plan_id: i64) -> Result<Option<i64>> {
    with_conn!(tx, |c| Ok(sqlx::query_scalar::<_, i64>(
        "SELECT government_id FROM plans WHERE id = $1"
    )
    .bind(plan_id)
    .fetch_optional(c)
    .await?))
}

/// The government of the plan an item belongs to.
pub async fn item_government(tx: &mut Tx, item_id: i64) -> Result<Option<i64>> {
    with_conn!(tx, |c| Ok(sqlx::query_scalar::<_, i64>(
        "SELECT p.government_id FROM items i JOIN plans p ON p.id = i.plan_id WHERE i.id = $1"
    )
    .bind(item_id)
    .fetch_optional(c)
    .await?))
}

/// A government's units in the office's order (index `units_government`).
pub async fn units_in(tx: &mut Tx, government_id: i64) -> Result<Vec<Unit>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, Unit>(
        "SELECT id, government_id, name, parent_id, kind, seq, active FROM units \
         WHERE government_id = $1 ORDER BY seq, id"
    )
    .bind(government_id)
    .fetch_all(c)
    .await?))
}

/// A government's users (index `users_government`); city-level users are not listed.
pub async fn users_in(tx: &mut Tx, government_id: i64) -> Result<Vec<UserListing>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, UserListing>(
        "SELECT u.id, u.username, u.display_name, u.role, u.unit_id, n.name AS unit_name, u.active, u.last_login_at \
         FROM users u LEFT JOIN units n ON n.id = u.unit_id \
         WHERE u.government_id = $1 AND u.deleted_at IS NULL ORDER BY u.id"
    )
    .bind(government_id)
    .fetch_all(c)
    .await?)
    })
}

/// A government's 责任领导 (role leader), for assignment forms.
pub async fn leaders_in(tx: &mut Tx, government_id: i64) -> Result<Vec<UserListing>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, UserListing>(
        "SELECT u.id, u.username, u.display_name, u.role, u.unit_id, n.name AS unit_name, u.active, u.last_login_at \
         FROM users u LEFT JOIN units n ON n.id = u.unit_id \
         WHERE u.government_id = $1 AND u.role = 'leader' AND u.active ORDER BY u.id"
    )
    .bind(government_id)
    .fetch_all(c)
    .await?)
    })
}

macro_rules! plan_select {
    () => {
        "SELECT p.id, p.government_id, g.name AS government_name, p.year, p.title, p.source_name, \
         p.source_sha256, p.review_year, p.due_day, p.default_cycle, p.thresholds, p.parse_diagnostics, \
         p.imported_at FROM plans p JOIN governments g ON g.id = p.government_id"
    };
}

/// A government's plans, newest year first (the UNIQUE (government_id, year) index).
pub async fn plans_in(tx: &mut Tx, government_id: i64) -> Result<Vec<Plan>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, Plan>(concat!(
        plan_select!(),
        " WHERE p.government_id = $1 ORDER BY p.year DESC, p.id"
    ))
    .bind(government_id)
    .fetch_all(c)
    .await?))
}

/// The plans of one year across governments, in the governments' order (index `plans_year`).
pub async fn plans_of_year(tx: &mut Tx, year: i64) -> Result<Vec<Plan>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, Plan>(concat!(
        plan_select!(),
        " WHERE p.year = $1 ORDER BY g.id"
    ))
    .bind(year)
    .fetch_all(c)
    .await?))
}

/// The years any plan exists for, newest first.
pub async fn plan_years(tx: &mut Tx) -> Result<Vec<i64>> {
    with_conn!(tx, |c| Ok(sqlx::query_scalar::<_, i64>(
        "SELECT DISTINCT year FROM plans ORDER BY year DESC"
    )
    .fetch_all(c)
    .await?))
}
