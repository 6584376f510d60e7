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
    let mut tx = app.db.begin().await?;
    if org::unit_by_name(&mut tx, name).await?.is_some() {
        return Err(AppError::Conflict(format!("单位“{name}”已存在")));
    }
    let parent_id = match parent.map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => Some(
            org::unit_by_name(&mut tx, p)
                .await?
                .ok_or_else(|| AppError::BadInput(format!("上级单位“{p}”不存在")))?
                .id,
        ),
        None => None,
    };
    let unit = org::insert_unit(&mut tx, name, parent_id, UnitKind::from_name(name)).await?;
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
    let hash = auth::hash_password(u.password).await?;
    let mut tx = app.db.begin().await?;
    if org::user_by_username(&mut tx, username).await?.is_some() {
        return Err(AppError::Conflict(format!("用户“{username}”已存在")));
    }
    let unit = match u.unit.map(str::trim).filter(|s| !s.is_empty()) {
        Some(name) => Some(org::unit_by_name(&mut tx, name).await?.ok_or_else(|| {
            AppError::BadInput(format!("单位“{name}”不存在，请先用 duban unit add 添加"))
        })?),
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
    let hash = auth::hash_password(password).await?;
    let mut tx = app.db.begin().await?;
    let user = org::user_by_username(&mut tx, username.trim())
        .await?
        .ok_or_else(|| AppError::BadInput(format!("用户“{username}”不存在")))?;
    org::set_password(&mut tx, user.id, &hash).await?;
    duban_db::sessions::delete_for_user(&mut tx, user.id).await?;
    actor
        .audit(&mut tx, "set_password", "user", Some(user.id), None, None)
        .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn users(app: &App, actor: &Actor) -> Result<Vec<UserListing>> {
    actor.require_office()?;
    let mut tx = app.db.read().await?;
    Ok(org::users(&mut tx).await?)
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
