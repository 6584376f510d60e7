//! The office's imports: 导入报告 and 导入进度. Uploads are handed to duban-app as they
//! are; the result or the app's message is shown on the page.

use super::views::Me;
use super::{PageResult, render, render_status};
use crate::error::PageError;
use crate::extract::{File, PageUser, Upload, opt_year, require_file, text};
use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum_typed_multipart::TryFromMultipart;
use duban_app::import::ImportSummary;
use duban_app::progress::ProgressImport;
use duban_app::{App, AppError, import, progress};

// The uploads' size limit is the app's, applied by Upload::read.
pub fn routes() -> Router<App> {
    Router::new()
        .route(
            "/import",
            get(import_page)
                .post(import_submit)
                .layer(DefaultBodyLimit::disable()),
        )
        .route(
            "/import/progress",
            get(progress_page)
                .post(progress_submit)
                .layer(DefaultBodyLimit::disable()),
        )
}

/// What both import forms send: the file, the government and the year.
#[derive(TryFromMultipart)]
struct UploadForm {
    #[form_data(limit = "unlimited")]
    file: Option<File>,
    government: Option<String>,
    year: Option<String>,
}

/// A failed import: the page again with the app's message (400/409), or an error page
/// for what the form cannot fix (403, 500).
fn form_error(e: AppError) -> Result<(StatusCode, String), PageError> {
    match e {
        AppError::BadInput(m) => Ok((StatusCode::BAD_REQUEST, m)),
        AppError::Conflict(m) => Ok((StatusCode::CONFLICT, m)),
        e @ AppError::Rows(_) => Ok((StatusCode::BAD_REQUEST, e.to_string())),
        other => Err(other.into()),
    }
}

/// The government and year the forms start with: the plan the user is looking at.
async fn defaults(app: &App, actor: &duban_app::Actor) -> Result<(String, String), PageError> {
    Ok(
        match duban_app::plan_choice::current_plan_for(app, actor).await? {
            Some(p) => (p.government_name, p.year.to_string()),
            None => (String::new(), String::new()),
        },
    )
}

#[derive(Template)]
#[template(path = "import.html")]
struct ImportPage {
    me: Me,
    government: String,
    year: String,
    error: String,
    summary: Option<ImportSummary>,
}

async fn import_page(State(app): State<App>, user: PageUser) -> PageResult {
    user.actor.require_import()?;
    let (government, _) = defaults(&app, &user.actor).await?;
    render(ImportPage {
        me: Me::of(&user.actor),
        government,
        year: String::new(),
        error: String::new(),
        summary: None,
    })
}

async fn import_submit(
    State(app): State<App>,
    user: PageUser,
    req: axum::extract::Request,
) -> PageResult {
    let a = &user.actor;
    // Decided before a byte of the body is read.
    a.require_import()?;
    let mut page = ImportPage {
        me: Me::of(a),
        government: String::new(),
        year: String::new(),
        error: String::new(),
        summary: None,
    };
    let result = async {
        let Upload(f) = Upload::<UploadForm>::read(req, &app)
            .await
            .map_err(AppError::from)?;
        page.government = text(&f.government);
        page.year = text(&f.year);
        let year = opt_year(&page.year)?;
        let (name, bytes) = require_file(f.file)?;
        import::import_report(&app, a, &page.government, year, &name, &bytes).await
    }
    .await;
    match result {
        Ok(s) => {
            page.summary = Some(s);
            render(page)
        }
        Err(e) => {
            let (status, message) = form_error(e)?;
            page.error = message;
            render_status(status, page)
        }
    }
}

#[derive(Template)]
#[template(path = "import_progress.html")]
struct ProgressPage {
    me: Me,
    government: String,
    year: String,
    /// The app's message (its first line when it lists rows).
    error_head: String,
    /// The rows it lists, one per line of the message.
    errors: Vec<String>,
    result: Option<ProgressImport>,
}

async fn progress_page(State(app): State<App>, user: PageUser) -> PageResult {
    user.actor.require_import()?;
    let (government, year) = defaults(&app, &user.actor).await?;
    render(ProgressPage {
        me: Me::of(&user.actor),
        government,
        year,
        error_head: String::new(),
        errors: vec![],
        result: None,
    })
}

async fn progress_submit(
    State(app): State<App>,
    user: PageUser,
    req: axum::extract::Request,
) -> PageResult {
    let a = &user.actor;
    // Decided before a byte of the body is read.
    a.require_import()?;
    let mut page = ProgressPage {
        me: Me::of(a),
        government: String::new(),
        year: String::new(),
        error_head: String::new(),
        errors: vec![],
        result: None,
    };
    let result = async {
        let Upload(f) = Upload::<UploadForm>::read(req, &app)
            .await
            .map_err(AppError::from)?;
        page.government = text(&f.government);
        page.year = text(&f.year);
        let year =
            opt_year(&page.year)?.ok_or_else(|| AppError::BadInput("请填写计划年份".into()))?;
        let (name, bytes) = require_file(f.file)?;
        progress::import_file(&app, a, &page.government, year, &name, &bytes).await
    }
    .await;
    match result {
        Ok(r) => {
            page.result = Some(r);
            render(page)
        }
        // The bad rows, one per line under the head line.
        Err(AppError::Rows(rows)) => {
            page.error_head = duban_app::rows_head(&rows);
            page.errors = rows
                .iter()
                .take(duban_app::ROWS_SHOWN)
                .map(|r| r.to_string())
                .collect();
            let more = rows.len().saturating_sub(duban_app::ROWS_SHOWN);
            if more > 0 {
                page.errors.push(format!("……另有 {more} 处"));
            }
            render_status(StatusCode::BAD_REQUEST, page)
        }
        Err(e) => {
            let (status, message) = form_error(e)?;
            page.error_head = format!("导入失败，未做任何更改：{message}");
            render_status(status, page)
        }
    }
}
