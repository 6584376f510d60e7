//! The plan being looked at (issue 13): the header's chooser, which remembers the choice,
//! and shareable links `/g/{government}/{year}/{page…}` that name a plan by government and
//! year and open the page on it (another government's plan is not found).

use super::PageResult;
use crate::extract::PageUser;
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use axum_extra::extract::Form;
use duban_app::{App, AppError, plan_choice};
use serde::Deserialize;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/plan", post(choose))
        .route("/g/{government}/{year}", get(shared_root))
        .route("/g/{government}/{year}/{*page}", get(shared))
}

#[derive(Deserialize)]
struct ChooseForm {
    #[serde(default)]
    plan: String,
    #[serde(default)]
    back: String,
}

/// Remembers the chosen plan and goes back to the page the chooser was on, which now shows
/// it (the menu's links need no `?plan=`).
async fn choose(State(app): State<App>, user: PageUser, Form(f): Form<ChooseForm>) -> PageResult {
    let id: i64 = f
        .plan
        .trim()
        .parse()
        .map_err(|_| AppError::BadInput("请选择计划".into()))?;
    plan_choice::remember_plan(&app, &user.actor, id).await?;
    Ok(Redirect::to(&local_path(&f.back)).into_response())
}

async fn shared_root(
    State(app): State<App>,
    user: PageUser,
    Path((government, year)): Path<(String, String)>,
    RawQuery(q): RawQuery,
) -> PageResult {
    open(&app, &user, &government, &year, "", q.as_deref()).await
}

async fn shared(
    State(app): State<App>,
    user: PageUser,
    Path((government, year, page)): Path<(String, String, String)>,
    RawQuery(q): RawQuery,
) -> PageResult {
    open(&app, &user, &government, &year, &page, q.as_deref()).await
}

/// Resolves the government and year to a plan the user sees and opens the page on it with
/// `?plan=ID` (the page's own query kept, an old `plan=` dropped).
async fn open(
    app: &App,
    user: &PageUser,
    government: &str,
    year: &str,
    page: &str,
    query: Option<&str>,
) -> PageResult {
    let year: i64 = year.trim().parse().map_err(|_| AppError::NotFound)?;
    let plan = plan_choice::plan_named_for(app, &user.actor, government, year).await?;
    let mut target = local_path(page);
    target.push_str(&format!("?plan={}", plan.id));
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        if pair != "plan" && !pair.starts_with("plan=") {
            target.push('&');
            target.push_str(pair);
        }
    }
    Ok(Redirect::to(&target).into_response())
}

/// A path on this site: leading slashes folded into one (never `//host`), no scheme, printable
/// ASCII only (it becomes a header), at most 300 characters; anything else goes to the start
/// page.
fn local_path(p: &str) -> String {
    let p = p.trim().trim_start_matches(['/', '\\']);
    if p.len() > 300
        || p.contains("://")
        || p.contains('\\')
        || !p.chars().all(|c| c.is_ascii_graphic())
    {
        return "/".into();
    }
    format!("/{p}")
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path("/items"), "/items");
        assert_eq!(local_path("dashboard"), "/dashboard");
        assert_eq!(local_path("//evil.example/x"), "/evil.example/x");
        assert_eq!(local_path("/\\evil.example"), "/evil.example");
        assert_eq!(local_path("http://evil.example"), "/");
        assert_eq!(local_path(""), "/");
    }
}
