//! 用户与单位: users, units, password resets, the users' lifecycle (disable, enable,
//! delete by anonymising, unlock) and the self-review setting.

use super::views::*;
use super::{Flash, PageResult, flash_text, render};
use crate::extract::PageUser;
use askama::Template;
use axum::Router;
use axum::extract::{Form, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use duban_app::core::Role;
use duban_app::{App, AppError, admin};
use serde::Deserialize;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/admin", get(admin_page))
        .route("/admin/users", post(admin_add_user))
        .route("/admin/units", post(admin_add_unit))
        .route("/admin/password", post(admin_password))
        .route("/admin/lifecycle", post(admin_lifecycle))
        .route("/admin/self-review", post(admin_self_review))
}

#[derive(Template)]
#[template(path = "admin.html")]
struct AdminPage {
    me: Me,
    flash: String,
    users: Vec<(String, String, &'static str, String, &'static str, String)>,
    units: Vec<(i64, String, &'static str)>,
    roles: Vec<(&'static str, &'static str)>,
    self_review: bool,
}

async fn admin_page(State(app): State<App>, user: PageUser, Query(f): Query<Flash>) -> PageResult {
    let a = &user.actor;
    let users = admin::users(&app, a).await?;
    render(AdminPage {
        me: Me::of(a),
        flash: flash_text(&f.ok),
        users: users
            .iter()
            .map(|u| {
                (
                    u.username.clone(),
                    u.display_name.clone(),
                    u.role.label(),
                    u.unit_name.clone().unwrap_or_default(),
                    if u.active { "正常" } else { "停用" },
                    u.last_login_at.map(datetime).unwrap_or_else(|| "—".into()),
                )
            })
            .collect(),
        units: admin::units_for(&app, a)
            .await?
            .into_iter()
            .map(|u| (u.id, u.name, u.kind.label()))
            .collect(),
        roles: Role::ALL.iter().map(|r| (r.as_str(), r.label())).collect(),
        self_review: admin::self_review_allowed(&app).await?,
    })
}

#[derive(Deserialize)]
struct UserForm {
    username: String,
    #[serde(default)]
    display_name: String,
    role: String,
    #[serde(default)]
    unit: String,
    password: String,
}

async fn admin_add_user(
    State(app): State<App>,
    user: PageUser,
    Form(f): Form<UserForm>,
) -> PageResult {
    let role: Role = f
        .role
        .parse()
        .map_err(|e: duban_app::core::UnknownCode| AppError::BadInput(e.to_string()))?;
    admin::add_user(
        &app,
        &user.actor,
        admin::NewUser {
            username: &f.username,
            display_name: Some(&f.display_name),
            role,
            unit: Some(&f.unit),
            password: &f.password,
        },
    )
    .await?;
    Ok(Redirect::to("/admin?ok=user").into_response())
}

#[derive(Deserialize)]
struct UnitForm {
    name: String,
    #[serde(default)]
    parent: String,
}

async fn admin_add_unit(
    State(app): State<App>,
    user: PageUser,
    Form(f): Form<UnitForm>,
) -> PageResult {
    admin::add_unit(&app, &user.actor, &f.name, Some(&f.parent)).await?;
    Ok(Redirect::to("/admin?ok=unit").into_response())
}

#[derive(Deserialize)]
struct ResetForm {
    username: String,
    password: String,
}

async fn admin_password(
    State(app): State<App>,
    user: PageUser,
    Form(f): Form<ResetForm>,
) -> PageResult {
    admin::set_password(&app, &user.actor, &f.username, &f.password).await?;
    Ok(Redirect::to("/admin?ok=password").into_response())
}

#[derive(Deserialize)]
struct LifecycleForm {
    username: String,
    action: String,
}

/// 停用 / 启用 / 删除 / 解除锁定 of one account; the app checks the role and audits.
async fn admin_lifecycle(
    State(app): State<App>,
    user: PageUser,
    Form(f): Form<LifecycleForm>,
) -> PageResult {
    let a = &user.actor;
    let name = f.username.trim();
    let ok = match f.action.as_str() {
        "disable" => admin::disable_user(&app, a, name).await.map(|_| "disable"),
        "enable" => admin::enable_user(&app, a, name).await.map(|_| "enable"),
        "delete" => admin::delete_user(&app, a, name).await.map(|_| "delete"),
        "unlock" => admin::unlock_user(&app, a, name).await.map(|_| "unlock"),
        other => Err(AppError::BadInput(format!("未知操作“{other}”"))),
    }?;
    Ok(Redirect::to(&format!("/admin?ok={ok}")).into_response())
}

#[derive(Deserialize)]
struct SelfReviewForm {
    #[serde(default)]
    allowed: String,
}

async fn admin_self_review(
    State(app): State<App>,
    user: PageUser,
    Form(f): Form<SelfReviewForm>,
) -> PageResult {
    let allowed = f.allowed == "1";
    admin::set_self_review(&app, &user.actor, allowed).await?;
    let ok = if allowed {
        "self_review_on"
    } else {
        "self_review_off"
    };
    Ok(Redirect::to(&format!("/admin?ok={ok}")).into_response())
}
