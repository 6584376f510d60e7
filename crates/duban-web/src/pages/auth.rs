//! 登录, 退出 and 修改密码.

use super::views::*;
use super::{PageResult, render};
use crate::error::PageError;
use crate::extract::{ClientInfo, PageUser};
use crate::session::{login_cookie, removal_cookie, safe_next};
use askama::Template;
use axum::Router;
use axum::extract::{Form, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use duban_app::{App, AppError, auth};
use serde::Deserialize;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/login", get(login_page))
        .route("/logout", post(logout))
        .route("/password", get(password_page).post(password_submit))
}

/// Only the POST /login route: it gets the rate limit.
pub fn login_routes() -> Router<App> {
    Router::new().route("/login", post(login_submit))
}

#[derive(Deserialize, Default)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

async fn login_page(Query(q): Query<NextQuery>) -> PageResult {
    render(LoginPage {
        error: String::new(),
        next: if safe_next(&q.next) {
            q.next
        } else {
            String::new()
        },
        username: String::new(),
    })
}

#[derive(Deserialize)]
pub struct LoginForm {
    username: String,
    password: String,
    #[serde(default)]
    next: String,
}

async fn login_submit(
    State(app): State<App>,
    client: ClientInfo,
    jar: CookieJar,
    Form(f): Form<LoginForm>,
) -> Response {
    match auth::login(
        &app,
        &f.username,
        &f.password,
        client.user_agent.as_deref(),
        client.ip.as_deref(),
    )
    .await
    {
        Ok(login) => {
            let to = if safe_next(&f.next) {
                f.next
            } else {
                "/".into()
            };
            (
                jar.add(login_cookie(login.token, client.https)),
                Redirect::to(&to),
            )
                .into_response()
        }
        Err(e) => {
            let status = match &e {
                AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
                AppError::Locked(_) => StatusCode::TOO_MANY_REQUESTS,
                _ => StatusCode::OK,
            };
            let page = LoginPage {
                // Internal errors are logged (once) by public_message.
                error: crate::error::public_message(&e),
                next: if safe_next(&f.next) {
                    f.next
                } else {
                    String::new()
                },
                username: f.username,
            };
            match page.render() {
                Ok(h) => (status, Html(h)).into_response(),
                Err(_) => status.into_response(),
            }
        }
    }
}

async fn logout(State(app): State<App>, jar: CookieJar) -> Response {
    if let Some(c) = jar.get(crate::COOKIE) {
        let _ = auth::logout(&app, c.value()).await;
    }
    (jar.remove(removal_cookie()), Redirect::to("/login")).into_response()
}

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage {
    me: Me,
    error: String,
}

async fn password_page(user: PageUser) -> PageResult {
    render(PasswordPage {
        me: Me::of(&user.actor),
        error: String::new(),
    })
}

#[derive(Deserialize)]
struct PasswordForm {
    old: String,
    new: String,
    new2: String,
}

async fn password_submit(
    State(app): State<App>,
    user: PageUser,
    jar: CookieJar,
    Form(f): Form<PasswordForm>,
) -> PageResult {
    let result = if f.new != f.new2 {
        Err(AppError::BadInput("两次输入的新密码不一致".into()))
    } else {
        auth::change_password(&app, &user.actor, &f.old, &f.new).await
    };
    match result {
        // Every session of the user ended: log in again with the new password.
        Ok(()) => Ok((jar.remove(removal_cookie()), Redirect::to("/login")).into_response()),
        Err(AppError::BadInput(m)) => render(PasswordPage {
            me: Me::of(&user.actor),
            error: m,
        }),
        Err(e) => Err(PageError::new(e)),
    }
}
