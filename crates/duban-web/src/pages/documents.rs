//! Office documents as downloads: the 分解表 and 落实情况表 (.xlsx, what the actor may see), the
//! 督查通报 of a period (.docx) and the 年度工作回顾 (.docx or .md). duban-app decides who may take
//! which and builds the bytes; this only picks the plan and period and names the file.

use super::{PageResult, PeriodUse, plan_ctx};
use crate::error::PageError;
use crate::extract::PageUser;
use crate::respond::download;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use duban_app::documents::{brief, export, review};
use duban_app::{App, AppError};
use serde::Deserialize;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

pub fn routes() -> Router<App> {
    Router::new()
        .route("/documents/decomposition.xlsx", get(decomposition))
        .route("/documents/progress.xlsx", get(progress))
        .route("/documents/brief.docx", get(brief_docx))
        .route("/documents/review.docx", get(review_docx))
        .route("/documents/review.md", get(review_md))
}

#[derive(Deserialize, Default)]
struct DocQuery {
    #[serde(default)]
    period: String,
    #[serde(default)]
    plan: String,
    #[serde(default)]
    per_unit: String,
    #[serde(default)]
    number: String,
    #[serde(default)]
    year: String,
}

fn no_plan() -> PageError {
    AppError::BadInput("系统中还没有导入政府工作报告".into()).into()
}

async fn decomposition(
    State(app): State<App>,
    user: PageUser,
    Query(q): Query<DocQuery>,
) -> PageResult {
    let ctx = plan_ctx(&app, &user.actor, Some(&q.plan), None, PeriodUse::Status)
        .await?
        .ok_or_else(no_plan)?;
    let (name, bytes) = export::decomposition_xlsx(&app, &user.actor, ctx.plan.id).await?;
    Ok(download(XLSX, &name, bytes))
}

async fn progress(State(app): State<App>, user: PageUser, Query(q): Query<DocQuery>) -> PageResult {
    let ctx = plan_ctx(
        &app,
        &user.actor,
        Some(&q.plan),
        Some(&q.period),
        PeriodUse::Status,
    )
    .await?
    .ok_or_else(no_plan)?;
    let per_unit = !q.per_unit.is_empty();
    let (name, bytes) =
        export::progress_xlsx(&app, &user.actor, ctx.plan.id, ctx.period, per_unit).await?;
    Ok(download(XLSX, &name, bytes))
}

async fn brief_docx(
    State(app): State<App>,
    user: PageUser,
    Query(q): Query<DocQuery>,
) -> PageResult {
    // Refused before any work, and before saying whether a plan exists.
    user.actor.require_drafts()?;
    let ctx = plan_ctx(
        &app,
        &user.actor,
        Some(&q.plan),
        Some(&q.period),
        PeriodUse::Status,
    )
    .await?
    .ok_or_else(no_plan)?;
    let number = match q.number.trim() {
        "" => None,
        n => Some(
            n.parse::<u32>()
                .ok()
                .filter(|n| (1..=999).contains(n))
                .ok_or_else(|| AppError::BadInput(format!("期号“{n}”应为 1—999 的整数")))?,
        ),
    };
    let (name, bytes) =
        brief::brief_docx(&app, &user.actor, ctx.plan.id, ctx.period, number).await?;
    Ok(download(DOCX, &name, bytes))
}

/// The review asked for: `?year=` or the year the latest plan's report reviews.
async fn the_review(app: &App, user: &PageUser, q: &DocQuery) -> Result<review::Review, PageError> {
    user.actor.require_drafts()?;
    let plan = super::page_plan(app, &user.actor, &q.plan)
        .await?
        .ok_or_else(no_plan)?;
    let year = match q.year.trim() {
        "" => plan.review_year.unwrap_or(plan.year - 1) as i32,
        y => y
            .parse::<i32>()
            .ok()
            .filter(|y| (1990..=2100).contains(y))
            .ok_or_else(|| AppError::BadInput(format!("年份“{y}”不合理")))?,
    };
    Ok(review::review(app, &user.actor, Some(&plan.government_name), year).await?)
}

async fn review_docx(
    State(app): State<App>,
    user: PageUser,
    Query(q): Query<DocQuery>,
) -> PageResult {
    let r = the_review(&app, &user, &q).await?;
    let bytes = r.docx(app.today())?;
    Ok(download(DOCX, &format!("{}.docx", r.file_stem()), bytes))
}

async fn review_md(
    State(app): State<App>,
    user: PageUser,
    Query(q): Query<DocQuery>,
) -> PageResult {
    let r = the_review(&app, &user, &q).await?;
    let text = r.markdown(app.today());
    Ok(download(
        "text/markdown; charset=utf-8",
        &format!("{}.md", r.file_stem()),
        text.into_bytes(),
    ))
}
