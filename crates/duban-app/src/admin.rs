//! Units and users: what an administrator sets up.

use crate::{Actor, App, AppError, Result, auth};
use duban_core::{Role, UnitKind};
use duban_db::{Unit, UserListing, org};

pub async fn add_unit(app: &App, actor: &Actor, name: &str, parent: Option<&str>) -> Result<Unit> {
    actor.require_admin()?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 64 {
        return Err(AppError::BadInput(
            "单位名称不能为空，且不超过 64 个字".into(),
        ));
    }
    let mut tx = app.begin().await?;
    // A district's administrator adds to its own government; the city level to the home one.
    let gov = crate::access::scope(&mut tx, actor).await?.government();
    if org::unit_by_name_in(&mut tx, gov, name).await?.is_some() {
        return Err(AppError::Conflict(format!("单位“{name}”已存在")));
    }
    let parent_id = match parent.map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => Some(
            org::unit_by_name_in(&mut tx, gov, p)
                .await?
                .ok_or_else(|| AppError::BadInput(format!("上级单位“{p}”不存在")))?
                .id,
        ),
        None => None,
    };
    let unit =
        org::insert_unit_in(&mut tx, gov, name, parent_id, UnitKind::from_name(name)).await?;
    actor
        .audit(
            &mut tx,
            "add_unit",
            "unit",
            Some(unit.id),
            None,
            Some(serde_json::to_value(&unit).unwrap_or_default()),
        )
        .await?;
    tx.commit().await?;
    Ok(unit)
}

pub struct NewUser<'a> {
    pub username: &'a str,
    pub display_name: Option<&'a str>,
    pub role: Role,
    pub unit: Option<&'a str>,
    pub password: &'a str,
}

pub async fn add_user(app: &App, actor: &Actor, u: NewUser<'_>) -> Result<UserListing> {
    actor.require_admin()?;
    let username = u.username.trim();
    let valid = !username.is_empty()
        && username.len() <= 64
        && username
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if !valid {
        return Err(AppError::BadInput(
            "用户名只能包含字母、数字、汉字和 _ - .，且不超过 64 个字符".into(),
        ));
    }
    if username.starts_with("deleted-") {
        return Err(AppError::BadInput(
            "用户名不能以 deleted- 开头（留作已删除用户）".into(),
        ));
    }
    auth::check_password_policy(u.password, username)?;
    // Only reporters and approvers act for a unit. Viewers read every unit's accepted
    // progress and leaders follow the items they are named on (分管), so a unit on them would
    // only suggest rights they do not have.
    let has_unit = u.unit.is_some_and(|s| !s.trim().is_empty());
    if has_unit && !u.role.is_unit_role() {
        return Err(AppError::BadInput(format!(
            "{}不关联单位（只有单位填报员和审核人属于单位），请去掉 --unit",
            u.role.label()
        )));
    }
    let hash = auth::hash_password(u.password).await?;
    let mut tx = app.begin().await?;
    if org::user_by_username(&mut tx, username).await?.is_some() {
        return Err(AppError::Conflict(format!("用户“{username}”已存在")));
    }
    let gov = crate::access::scope(&mut tx, actor).await?.government();
    let unit =
        match u.unit.map(str::trim).filter(|s| !s.is_empty()) {
            Some(name) => Some(org::unit_by_name_in(&mut tx, gov, name).await?.ok_or_else(
                || AppError::BadInput(format!("单位“{name}”不存在，请先用 duban unit add 添加")),
            )?),
            None => None,
        };
    if u.role.is_unit_role() && unit.is_none() {
        return Err(AppError::BadInput(format!(
            "{}必须属于一个单位（--unit）",
            u.role.label()
        )));
    }
    let display = u
        .display_name
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(username);
    let user = org::insert_user(
        &mut tx,
        &org::NewUser {
            username,
            display_name: display,
            password_hash: &hash,
            role: u.role,
            unit_id: unit.as_ref().map(|u| u.id),
        },
    )
    .await?;
    if let Some(g) = gov
        && user.government_id != Some(g)
    {
        duban_db::city::set_user_government(&mut tx, user.id, Some(g), false).await?;
    }
    let listing = UserListing {
        id: user.id,
        username: user.username.clone(),
        display_name: user.display_name.clone(),
        role: user.role,
        unit_id: user.unit_id,
        unit_name: unit.map(|u| u.name),
        active: true,
        last_login_at: None,
    };
    actor
        .audit(
            &mut tx,
            "add_user",
            "user",
            Some(user.id),
            None,
            Some(serde_json::to_value(&listing).unwrap_or_default()),
        )
        .await?;
    tx.commit().await?;
    Ok(listing)
}

/// An administrator sets a user's password (e.g. `duban user passwd`).
pub async fn set_password(app: &App, actor: &Actor, username: &str, password: &str) -> Result<()> {
    actor.require_admin()?;
    auth::check_password_policy(password, username.trim())?;
    let hash = auth::hash_password(password).await?;
    let mut tx = app.begin().await?;
    let user = user_named(&mut tx, actor, username).await?;
    org::set_password(&mut tx, user.id, &hash).await?;
    duban_db::sessions::delete_for_user(&mut tx, user.id).await?;
    // The administrator vouched for the account: its login locks go too.
    duban_db::logins::clear_all(&mut tx, &user.username).await?;
    actor
        .audit(&mut tx, "set_password", "user", Some(user.id), None, None)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The user list. The administrator sees every account; a supervisor sees the people it
/// works with — reporters, approvers and leaders with their names, roles and units — but no
/// administrator or supervisor accounts and nobody's last login.
pub async fn users(app: &App, actor: &Actor) -> Result<Vec<UserListing>> {
    actor.require_office()?;
    let mut tx = app.db.read().await?;
    let all = match crate::access::scope(&mut tx, actor).await?.government() {
        None => org::users(&mut tx).await?,
        Some(g) => duban_db::city::users_in(&mut tx, g).await?,
    };
    if actor.role == Role::Admin {
        return Ok(all);
    }
    Ok(all
        .into_iter()
        .filter(|u| matches!(u.role, Role::Reporter | Role::Approver | Role::Leader))
        .map(|u| UserListing {
            last_login_at: None,
            ..u
        })
        .collect())
}

/// The account an administrator acts on. A district's administrator manages its own
/// government's accounts only: another government's account, or a city-level one, reads as
/// missing (the same answer as a name nobody has, so nothing is revealed).
async fn user_named(
    tx: &mut duban_db::Tx,
    actor: &Actor,
    username: &str,
) -> Result<duban_db::User> {
    let missing = || AppError::BadInput(format!("用户“{}”不存在", username.trim()));
    let user = org::user_by_username(tx, username.trim())
        .await?
        .ok_or_else(missing)?;
    let visible = match crate::access::scope(tx, actor).await? {
        crate::access::Scope::All => true,
        crate::access::Scope::Government(g) => user.government_id == Some(g) && !user.city,
    };
    if visible { Ok(user) } else { Err(missing()) }
}

/// Disables a user: they cannot log in and every session of theirs ends now.
pub async fn disable_user(app: &App, actor: &Actor, username: &str) -> Result<()> {
    set_active(app, actor, username, false).await
}

pub async fn enable_user(app: &App, actor: &Actor, username: &str) -> Result<()> {
    set_active(app, actor, username, true).await
}

async fn set_active(app: &App, actor: &Actor, username: &str, active: bool) -> Result<()> {
    actor.require_admin()?;
    let mut tx = app.begin().await?;
    let user = user_named(&mut tx, actor, username).await?;
    if actor.user_id == Some(user.id) && !active {
        return Err(AppError::BadInput("不能停用自己的账户".into()));
    }
    if !org::set_active(&mut tx, user.id, active).await? {
        return Err(AppError::BadInput(format!("用户“{username}”已删除")));
    }
    if !active {
        duban_db::sessions::delete_for_user(&mut tx, user.id).await?;
    }
    actor
        .audit(
            &mut tx,
            if active {
                "enable_user"
            } else {
                "disable_user"
            },
            "user",
            Some(user.id),
            Some(serde_json::json!({ "active": user.active })),
            Some(serde_json::json!({ "active": active })),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes a user by anonymising the account: the row (and so the audit trail and report
/// history that point at it) stays, but name, login and password are gone and the username
/// is free again.
pub async fn delete_user(app: &App, actor: &Actor, username: &str) -> Result<()> {
    actor.require_admin()?;
    let mut tx = app.begin().await?;
    let user = user_named(&mut tx, actor, username).await?;
    if actor.user_id == Some(user.id) {
        return Err(AppError::BadInput("不能删除自己的账户".into()));
    }
    if org::is_deleted(&mut tx, user.id).await? {
        return Err(AppError::BadInput(format!("用户“{username}”已删除")));
    }
    duban_db::sessions::delete_for_user(&mut tx, user.id).await?;
    duban_db::logins::clear_all(&mut tx, &user.username).await?;
    org::anonymise(&mut tx, user.id).await?;
    actor
        .audit(
            &mut tx,
            "delete_user",
            "user",
            Some(user.id),
            Some(serde_json::json!({
                "username": user.username, "display_name": user.display_name,
                "role": user.role, "unit_id": user.unit_id,
            })),
            None,
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Lifts every login lock of a username (from every client address).
pub async fn unlock_user(app: &App, actor: &Actor, username: &str) -> Result<u64> {
    actor.require_admin()?;
    let mut tx = app.begin().await?;
    let user = user_named(&mut tx, actor, username).await?;
    let n = duban_db::logins::clear_all(&mut tx, &user.username).await?;
    org::unlock(&mut tx, user.id).await?;
    actor
        .audit(
            &mut tx,
            "unlock_user",
            "user",
            Some(user.id),
            None,
            Some(serde_json::json!({ "cleared_clients": n })),
        )
        .await?;
    tx.commit().await?;
    Ok(n)
}

const SELF_REVIEW: &str = "allow_self_review";

/// Whether the author of a report may also approve or accept it (off unless the
/// administrator turned it on, e.g. for a unit of one person).
pub async fn self_review_allowed(app: &App) -> Result<bool> {
    let mut tx = app.db.read().await?;
    self_review_allowed_in(&mut tx).await
}

pub(crate) async fn self_review_allowed_in(tx: &mut duban_db::Tx) -> Result<bool> {
    Ok(duban_db::settings::get(tx, SELF_REVIEW).await?.as_deref() == Some("true"))
}

/// The administrator allows or forbids authors reviewing their own reports; audited.
pub async fn set_self_review(app: &App, actor: &Actor, allowed: bool) -> Result<()> {
    actor.require_admin()?;
    let mut tx = app.begin().await?;
    let before = self_review_allowed_in(&mut tx).await?;
    duban_db::settings::set(
        &mut tx,
        SELF_REVIEW,
        if allowed { "true" } else { "false" },
        actor.user_id,
    )
    .await?;
    actor
        .audit(
            &mut tx,
            if allowed {
                "allow_self_review"
            } else {
                "forbid_self_review"
            },
            "system_setting",
            None,
            Some(serde_json::json!({ SELF_REVIEW: before })),
            Some(serde_json::json!({ SELF_REVIEW: allowed })),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Every unit (anyone logged in may see the list of units).
pub async fn units(app: &App) -> Result<Vec<Unit>> {
    let mut tx = app.db.read().await?;
    Ok(org::units(&mut tx).await?)
}

pub async fn leaders(app: &App) -> Result<Vec<UserListing>> {
    let mut tx = app.db.read().await?;
    Ok(org::leaders(&mut tx).await?)
}

/// The units of one government, for the choices on a form whose record the action checks
/// (unit names are no secret: anyone logged in may see the list of units).
pub async fn units_of_government(app: &App, government_id: i64) -> Result<Vec<Unit>> {
    let mut tx = app.db.read().await?;
    Ok(duban_db::city::units_in(&mut tx, government_id).await?)
}

/// The units of one government the actor sees (the choices when assigning its items).
pub async fn units_in(app: &App, actor: &Actor, government_id: i64) -> Result<Vec<Unit>> {
    let mut tx = app.db.read().await?;
    crate::access::require_government(&mut tx, actor, government_id).await?;
    Ok(duban_db::city::units_in(&mut tx, government_id).await?)
}

/// The 责任领导 of one government the actor sees.
pub async fn leaders_in(app: &App, actor: &Actor, government_id: i64) -> Result<Vec<UserListing>> {
    let mut tx = app.db.read().await?;
    crate::access::require_government(&mut tx, actor, government_id).await?;
    Ok(duban_db::city::leaders_in(&mut tx, government_id).await?)
}

/// The units the actor sees: its government's (every unit for the city level).
pub async fn units_for(app: &App, actor: &Actor) -> Result<Vec<Unit>> {
    let mut tx = app.db.read().await?;
    Ok(
        match crate::access::scope(&mut tx, actor).await?.government() {
            None => org::units(&mut tx).await?,
            Some(g) => duban_db::city::units_in(&mut tx, g).await?,
        },
    )
}

/// The 责任领导 of the actor's government (every one for the city level).
pub async fn leaders_for(app: &App, actor: &Actor) -> Result<Vec<UserListing>> {
    let mut tx = app.db.read().await?;
    Ok(
        match crate::access::scope(&mut tx, actor).await?.government() {
            None => org::leaders(&mut tx).await?,
            Some(g) => duban_db::city::leaders_in(&mut tx, g).await?,
        },
    )
}
