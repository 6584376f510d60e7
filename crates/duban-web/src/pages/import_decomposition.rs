//! 导入分解表 in the browser: the upload is read as a dry run and shown — each row with the
//! item it matched (by 序号 or by text, with the similarity), the units that do not exist yet,
//! the row errors — and applied only when the office confirms. The confirmation posts the same
//! bytes back (carried in the page), so what is applied is what was previewed; the app applies
//! it all or nothing and creates the listed units.

use super::views::Me;
use super::{PageResult, PeriodUse, plan_ctx, render, render_status};
use crate::error::PageError;
use crate::extract::{File, MAX_UPLOAD_BODY, PageUser, Upload, UploadRejection, require_file};
use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Form, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum_typed_multipart::TryFromMultipart;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use duban_app::documents::decomposition::{self, Match, Options, Preview};
use duban_app::{App, AppError};
use serde::Deserialize;

pub fn routes() -> Router<App> {
    Router::new()
        .route(
            "/import/decomposition",
            get(page)
                .post(preview)
                .layer(DefaultBodyLimit::max(MAX_UPLOAD_BODY)),
        )
        .route(
            "/import/decomposition/confirm",
            // Base64 is 4/3 of the file.
            post(confirm).layer(DefaultBodyLimit::max(MAX_UPLOAD_BODY / 3 * 4 + 4096)),
        )
}

#[derive(TryFromMultipart)]
struct UploadForm {
    #[form_data(limit = "unlimited")]
    file: Option<File>,
}

#[derive(Deserialize)]
struct ConfirmForm {
    file_name: String,
    content: String,
}

/// One previewed row as the page shows it.
struct Row {
    row: u32,
    content: String,
    matched: String,
    lead_unit: String,
    supporting: String,
    deadline: String,
}

#[derive(Template)]
#[template(path = "import_decomposition.html")]
struct DecompositionPage {
    me: Me,
    plan_title: String,
    error: String,
    errors: Vec<String>,
    rows: Vec<Row>,
    unknown_units: Vec<String>,
    /// Set after a preview without errors: the form that applies it.
    file_name: String,
    content: String,
    applied: Option<(usize, usize, usize)>,
}

impl DecompositionPage {
    fn new(user: &PageUser, plan_title: String) -> Self {
        Self {
            me: Me::of(&user.actor),
            plan_title,
            error: String::new(),
            errors: vec![],
            rows: vec![],
            unknown_units: vec![],
            file_name: String::new(),
            content: String::new(),
            applied: None,
        }
    }

    fn show(&mut self, p: &Preview) {
        self.rows = p
            .rows
            .iter()
            .map(|r| Row {
                row: r.row,
                content: r.content.clone(),
                matched: match &r.matched {
                    Match::Number { item_id } => format!(
                        "按序号对应事项 {item_id}：{}",
                        r.item_title.clone().unwrap_or_default()
                    ),
                    Match::Text { item_id, score } => format!(
                        "按内容对应事项 {item_id}（相似度 {:.0}%）：{}",
                        score * 100.0,
                        r.item_title.clone().unwrap_or_default()
                    ),
                    Match::New => "新建事项".into(),
                },
                lead_unit: r.lead_unit.clone(),
                supporting: r.supporting_units.join("、"),
                deadline: r
                    .deadline
                    .map(|d| format!("{}年{}月{}日", d.year(), u8::from(d.month()), d.day()))
                    .unwrap_or_default(),
            })
            .collect();
        self.unknown_units = p.unknown_units.clone();
        self.errors = p
            .errors
            .iter()
            .take(duban_app::ROWS_SHOWN)
            .map(|e| e.to_string())
            .collect();
        let more = p.errors.len().saturating_sub(duban_app::ROWS_SHOWN);
        if more > 0 {
            self.errors.push(format!("……另有 {more} 处"));
        }
    }
}

async fn plan(app: &App, user: &PageUser) -> Result<duban_app::db::Plan, PageError> {
    user.actor.require_decompose()?;
    Ok(plan_ctx(app, None, PeriodUse::Status)
        .await?
        .ok_or_else(|| AppError::BadInput("系统中还没有导入政府工作报告，请先导入报告".into()))?
        .plan)
}

async fn page(State(app): State<App>, user: PageUser) -> PageResult {
    let plan = plan(&app, &user).await?;
    render(DecompositionPage::new(&user, plan.title))
}

/// The app's refusal shown on the form (400/409); anything else is an error page.
fn shown(e: AppError, page: &mut DecompositionPage) -> Result<StatusCode, PageError> {
    let status = match &e {
        AppError::BadInput(_) | AppError::Rows(_) => StatusCode::BAD_REQUEST,
        AppError::Conflict(_) => StatusCode::CONFLICT,
        _ => return Err(e.into()),
    };
    if let AppError::Rows(rows) = &e {
        page.error = duban_app::rows_head(rows);
        page.errors = rows
            .iter()
            .take(duban_app::ROWS_SHOWN)
            .map(|r| r.to_string())
            .collect();
    } else {
        page.error = e.to_string();
    }
    Ok(status)
}

async fn preview(
    State(app): State<App>,
    user: PageUser,
    up: Result<Upload<UploadForm>, UploadRejection>,
) -> PageResult {
    let plan = plan(&app, &user).await?;
    let mut page = DecompositionPage::new(&user, plan.title.clone());
    let result = async {
        let Upload(f) = up.map_err(AppError::from)?;
        let (name, bytes) = require_file(f.file)?;
        let opts = Options {
            dry_run: true,
            create_units: false,
        };
        let p = decomposition::import(&app, &user.actor, plan.id, &name, &bytes, opts).await?;
        Ok::<_, AppError>((name, bytes, p))
    }
    .await;
    match result {
        Ok((name, bytes, p)) => {
            page.show(&p);
            if p.errors.is_empty() {
                page.file_name = name;
                page.content = STANDARD.encode(&bytes);
                render(page)
            } else {
                page.error = format!("分解表有 {} 处错误，未做任何更改", p.errors.len());
                render_status(StatusCode::BAD_REQUEST, page)
            }
        }
        Err(e) => {
            let status = shown(e, &mut page)?;
            render_status(status, page)
        }
    }
}

async fn confirm(State(app): State<App>, user: PageUser, Form(f): Form<ConfirmForm>) -> PageResult {
    let plan = plan(&app, &user).await?;
    let mut page = DecompositionPage::new(&user, plan.title.clone());
    let result = async {
        let bytes = STANDARD
            .decode(f.content.trim())
            .map_err(|_| AppError::BadInput("确认内容已损坏，请重新上传分解表".into()))?;
        // The units were listed in the preview the office confirmed.
        let opts = Options {
            dry_run: false,
            create_units: true,
        };
        decomposition::import(&app, &user.actor, plan.id, &f.file_name, &bytes, opts).await
    }
    .await;
    match result {
        Ok(p) => {
            page.show(&p);
            page.applied = Some((p.rows.len(), p.matched(), p.created()));
            render(page)
        }
        Err(e) => {
            let status = shown(e, &mut page)?;
            render_status(status, page)
        }
    }
}
