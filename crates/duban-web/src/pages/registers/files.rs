//! Register files on the web: the import page (upload .xlsx or .csv; every bad row named
//! by row and column, nothing written on error), the template and the export.

use super::{Scope, scope};
use crate::extract::{
    MAX_UPLOAD_BODY, PageUser, Upload, UploadRejection, opt_year, require_file, text,
};
use crate::pages::views::{Me, Opt};
use crate::pages::{PageResult, render, render_status};
use crate::respond::download;
use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use duban_app::access::registers as access;
use duban_app::registers::io::{self, ImportSummary, RegisterKind};
use duban_app::{App, AppError};
use serde::Deserialize;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

pub fn routes() -> Router<App> {
    Router::new()
        .route(
            "/registers/import",
            get(import_page)
                .post(import_submit)
                .layer(DefaultBodyLimit::max(MAX_UPLOAD_BODY)),
        )
        .route("/registers/template", get(template))
        .route("/registers/export", get(export))
}

#[derive(Deserialize, Default)]
struct FileQuery {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    g: String,
    #[serde(default)]
    year: String,
}

#[derive(Template)]
#[template(path = "registers/import.html")]
struct ImportPage {
    me: Me,
    scope: Scope,
    kind_opts: Vec<Opt>,
    result: Option<ImportSummary>,
    error_head: String,
    errors: Vec<String>,
}

fn kind_of(s: &str) -> Result<RegisterKind, AppError> {
    s.trim().parse()
}

fn view(me: Me, scope: Scope, kind: &str) -> ImportPage {
    ImportPage {
        me,
        scope,
        kind_opts: RegisterKind::ALL
            .iter()
            .map(|k| Opt::new(k.as_str(), k.label(), kind))
            .collect(),
        result: None,
        error_head: String::new(),
        errors: Vec::new(),
    }
}

async fn import_page(
    State(app): State<App>,
    user: PageUser,
    Query(q): Query<FileQuery>,
) -> PageResult {
    let a = &user.actor;
    access::require_office(a)?;
    let scope = scope(&app, &user.actor, &q.g, &q.year).await?;
    render(view(Me::of(a), scope, q.kind.trim()))
}

/// What the import form sends.
#[derive(axum_typed_multipart::TryFromMultipart)]
struct ImportForm {
    kind: Option<String>,
    g: Option<String>,
    year: Option<String>,
    #[form_data(limit = "unlimited")]
    file: Option<crate::extract::File>,
}

async fn import_submit(
    State(app): State<App>,
    user: PageUser,
    up: Result<Upload<ImportForm>, UploadRejection>,
) -> PageResult {
    let a = &user.actor;
    access::require_office(a)?;
    let Upload(f) = up.map_err(AppError::from)?;
    let kind_text = text(&f.kind);
    let year = opt_year(&text(&f.year))?
        .map(|y| y.to_string())
        .unwrap_or_default();
    let scope = scope(&app, &user.actor, &text(&f.g), &year).await?;
    let mut page = view(Me::of(a), scope.clone(), &kind_text);
    let result = async {
        let kind = kind_of(&kind_text)?;
        let (name, bytes) = require_file(f.file)?;
        io::import(
            &app,
            a,
            kind,
            scope.government_id,
            scope.year,
            &name,
            &bytes,
            app.today(),
        )
        .await
    }
    .await;
    match result {
        Ok(r) => {
            page.result = Some(r);
            render(page)
        }
        Err(AppError::BadInput(m)) => {
            // The app's message: a head line, then one line per bad row and column.
            let mut lines = m.lines().map(str::to_string);
            page.error_head = lines.next().unwrap_or_default();
            page.errors = lines.collect();
            render_status(StatusCode::BAD_REQUEST, page)
        }
        Err(AppError::Rows(rows)) => {
            page.error_head = duban_app::rows_head(&rows);
            page.errors = rows.iter().map(|r| r.to_string()).collect();
            render_status(StatusCode::BAD_REQUEST, page)
        }
        Err(e) => Err(e.into()),
    }
}

async fn template(_user: PageUser, Query(q): Query<FileQuery>) -> PageResult {
    let kind = kind_of(&q.kind)?;
    let name = format!("{}导入模板.xlsx", kind.label());
    Ok(download(XLSX, &name, io::template(kind)?))
}

async fn export(State(app): State<App>, user: PageUser, Query(q): Query<FileQuery>) -> PageResult {
    let kind = kind_of(&q.kind)?;
    let scope = scope(&app, &user.actor, &q.g, &q.year).await?;
    let bytes = io::export(&app, &user.actor, kind, scope.government_id, scope.year).await?;
    Ok(download(XLSX, &io::file_name(kind, scope.year), bytes))
}
