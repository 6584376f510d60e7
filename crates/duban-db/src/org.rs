//! Governments, units and users.

use crate::{Government, Result, Tx, Unit, User, UserListing};
use duban_core::{GovLevel, Role, UnitKind};
use time::OffsetDateTime;

pub async fn government_by_name(tx: &mut Tx, name: &str) -> Result<Option<Government>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, Government>(
        "SELECT id, name, level, created_at FROM governments WHERE name = $1"
    )
    .bind(name)
    .fetch_optional(c)
    .await?))
}

/// Finds a government by name or creates it.
pub async fn ensure_government(tx: &mut Tx, name: &str, level: GovLevel) -> Result<Government> {
    if let Some(g) = government_by_name(tx, name).await? {
        return Ok(g);
    }
    let first = governments(tx).await?.is_empty();
    let g = with_conn!(tx, |c| sqlx::query_as::<_, Government>(
        "INSERT INTO governments (name, level, created_at) VALUES ($1, $2, $3) \
         RETURNING id, name, level, created_at"
    )
    .bind(name)
    .bind(level.as_str())
    .bind(tx.at)
    .fetch_one(c)
    .await?);
    if first {
        // A district sets up units and users before its first report names the
        // government: they belong to it (city-level users stay above every government).
        with_conn!(tx, |c| {
            sqlx::query("UPDATE units SET government_id = $1 WHERE government_id IS NULL")
                .bind(g.id)
                .execute(&mut *c)
                .await?;
            sqlx::query(
                "UPDATE users SET government_id = $1 WHERE government_id IS NULL AND NOT city",
            )
            .bind(g.id)
            .execute(&mut *c)
            .await?;
        });
    }
    Ok(g)
}

pub async fn governments(tx: &mut Tx) -> Result<Vec<Government>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, Government>(
        "SELECT id, name, level, created_at FROM governments ORDER BY id"
    )
    .fetch_all(c)
    .await?))
}

/// Adds a unit to the home government (the lowest id: the only one of a district's
/// database). A city adds units with [`insert_unit_in`].
pub async fn insert_unit(
    tx: &mut Tx,
    name: &str,
    parent_id: Option<i64>,
    kind: UnitKind,
) -> Result<Unit> {
    insert_unit_in(tx, None, name, parent_id, kind).await
}

/// Adds a unit to `government_id` (None: the home government). `seq` continues the
/// government's own order.
pub async fn insert_unit_in(
    tx: &mut Tx,
    government_id: Option<i64>,
    name: &str,
    parent_id: Option<i64>,
    kind: UnitKind,
) -> Result<Unit> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, Unit>(
        "WITH g AS (SELECT COALESCE($1, (SELECT MIN(id) FROM governments)) AS id) \
         INSERT INTO units (government_id, name, parent_id, kind, seq, active, created_at) \
         SELECT g.id, $2, $3, $4, \
         (SELECT COALESCE(MAX(u.seq), 0) + 1 FROM units u WHERE COALESCE(u.government_id, 0) = COALESCE(g.id, 0)), \
         TRUE, $5 FROM g \
         RETURNING id, government_id, name, parent_id, kind, seq, active"
    )
    .bind(government_id)
    .bind(name)
    .bind(parent_id)
    .bind(kind.as_str())
    .bind(tx.at)
    .fetch_one(c)
    .await?)
    })
}

/// A unit of the home government by name. A city looks up with [`unit_by_name_in`].
pub async fn unit_by_name(tx: &mut Tx, name: &str) -> Result<Option<Unit>> {
    unit_by_name_in(tx, None, name).await
}

/// A unit of `government_id` (None: the home government) by name.
pub async fn unit_by_name_in(
    tx: &mut Tx,
    government_id: Option<i64>,
    name: &str,
) -> Result<Option<Unit>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, Unit>(
        "SELECT id, government_id, name, parent_id, kind, seq, active FROM units \
         WHERE COALESCE(government_id, 0) = COALESCE($1, (SELECT MIN(id) FROM governments), 0) \
         AND name = $2"
    )
    .bind(government_id)
    .bind(name)
    .fetch_optional(c)
    .await?))
}

pub async fn unit(tx: &mut Tx, id: i64) -> Result<Option<Unit>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, Unit>(
        "SELECT id, government_id, name, parent_id, kind, seq, active FROM units WHERE id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await?))
}

/// All units in the office's order.
pub async fn units(tx: &mut Tx) -> Result<Vec<Unit>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, Unit>(
        "SELECT id, government_id, name, parent_id, kind, seq, active FROM units ORDER BY seq, id"
    )
    .fetch_all(c)
    .await?))
}

pub struct NewUser<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub unit_id: Option<i64>,
}

pub async fn insert_user(tx: &mut Tx, u: &NewUser<'_>) -> Result<User> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, User>(
        "INSERT INTO users (username, display_name, password_hash, role, unit_id, active, failed_logins, created_at, government_id) \
         VALUES ($1, $2, $3, $4, $5, TRUE, 0, $6, \
         COALESCE((SELECT government_id FROM units WHERE id = $5), (SELECT MIN(id) FROM governments))) \
         RETURNING id, username, display_name, password_hash, role, unit_id, phone, active, \
         failed_logins, locked_until, last_login_at, created_at, government_id, city"
    )
    .bind(u.username)
    .bind(u.display_name)
    .bind(u.password_hash)
    .bind(u.role.as_str())
    .bind(u.unit_id)
    .bind(tx.at)
    .fetch_one(c)
    .await?)
    })
}

pub async fn user_by_username(tx: &mut Tx, username: &str) -> Result<Option<User>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, User>(
        "SELECT id, username, display_name, password_hash, role, unit_id, phone, active, \
         failed_logins, locked_until, last_login_at, created_at, government_id, city FROM users WHERE username = $1"
    )
    .bind(username)
    .fetch_optional(c)
    .await?)
    })
}

pub async fn user(tx: &mut Tx, id: i64) -> Result<Option<User>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, User>(
        "SELECT id, username, display_name, password_hash, role, unit_id, phone, active, \
         failed_logins, locked_until, last_login_at, created_at, government_id, city FROM users WHERE id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await?)
    })
}

pub async fn users(tx: &mut Tx) -> Result<Vec<UserListing>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, UserListing>(
        "SELECT u.id, u.username, u.display_name, u.role, u.unit_id, n.name AS unit_name, u.active, u.last_login_at \
         FROM users u LEFT JOIN units n ON n.id = u.unit_id WHERE u.deleted_at IS NULL ORDER BY u.id"
    )
    .fetch_all(c)
    .await?)
    })
}

/// Users who can be a 责任领导 (role leader), for assignment forms.
pub async fn leaders(tx: &mut Tx) -> Result<Vec<UserListing>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, UserListing>(
        "SELECT u.id, u.username, u.display_name, u.role, u.unit_id, n.name AS unit_name, u.active, u.last_login_at \
         FROM users u LEFT JOIN units n ON n.id = u.unit_id WHERE u.role = 'leader' AND u.active ORDER BY u.id"
    )
    .fetch_all(c)
    .await?)
    })
}

pub async fn set_password(tx: &mut Tx, user_id: i64, hash: &str) -> Result<()> {
    with_conn!(tx, |c| {
        let r = sqlx::query(
            "UPDATE users SET password_hash = $1, failed_logins = 0, locked_until = NULL WHERE id = $2",
        )
        .bind(hash)
        .bind(user_id)
        .execute(c)
        .await?;
        if r.rows_affected() == 0 {
            return Err(crate::DbError::NotFound);
        }
        Ok(())
    })
}

/// Records a failed login; locks the account until `lock_until` when given.
pub async fn login_failed(
    tx: &mut Tx,
    user_id: i64,
    lock_until: Option<OffsetDateTime>,
) -> Result<()> {
    with_conn!(tx, |c| {
        sqlx::query(
            "UPDATE users SET failed_logins = failed_logins + 1, locked_until = $1 WHERE id = $2",
        )
        .bind(lock_until)
        .bind(user_id)
        .execute(c)
        .await?;
        Ok(())
    })
}

pub async fn login_succeeded(tx: &mut Tx, user_id: i64) -> Result<()> {
    with_conn!(tx, |c| {
        sqlx::query(
            "UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = $1 WHERE id = $2",
        )
        .bind(tx.at)
        .bind(user_id)
        .execute(c)
        .await?;
        Ok(())
    })
}

pub async fn count_users(tx: &mut Tx) -> Result<i64> {
    with_conn!(tx, |c| Ok(sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM users"
    )
    .fetch_one(c)
    .await?))
}

/// Enables or disables a user; returns whether a (not deleted) user was changed.
pub async fn set_active(tx: &mut Tx, user_id: i64, active: bool) -> Result<bool> {
    with_conn!(tx, |c| {
        let r = sqlx::query("UPDATE users SET active = $1 WHERE id = $2 AND deleted_at IS NULL")
            .bind(active)
            .bind(user_id)
            .execute(c)
            .await?;
        Ok(r.rows_affected() > 0)
    })
}

/// Deletes a user by anonymising the row: the id stays, so the audit trail and the report
/// history keep pointing at it, but name, login and password are gone for good.
pub async fn anonymise(tx: &mut Tx, user_id: i64) -> Result<()> {
    with_conn!(tx, |c| {
        sqlx::query(
            "UPDATE users SET username = $1, display_name = $2, password_hash = '!', phone = NULL, \
             active = FALSE, failed_logins = 0, locked_until = NULL, deleted_at = $3 WHERE id = $4",
        )
        .bind(format!("deleted-{user_id}"))
        .bind(format!("已删除用户{user_id}"))
        .bind(tx.at)
        .bind(user_id)
        .execute(c)
        .await?;
        Ok(())
    })
}

pub async fn is_deleted(tx: &mut Tx, user_id: i64) -> Result<bool> {
    with_conn!(tx, |c| Ok(sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM users WHERE id = $1 AND deleted_at IS NOT NULL"
    )
    .bind(user_id)
    .fetch_one(c)
    .await?
        > 0))
}

/// Clears the account-wide failure counter (the per-client ones live in `logins`).
pub async fn unlock(tx: &mut Tx, user_id: i64) -> Result<()> {
    with_conn!(tx, |c| {
        sqlx::query("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1")
            .bind(user_id)
            .execute(c)
            .await?;
        Ok(())
    })
}
