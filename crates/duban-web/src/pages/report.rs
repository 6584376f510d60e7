//! 本期待报: the forms of what the actor's unit owes, saved or submitted with an attachment.

use super::views::*;
use super::{Flash, PageResult, PeriodUse, flash_text, no_plan, plan_ctx, render};
use crate::extract::{File, PageUser, Upload, chosen, opt_f64, text};
use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use axum_typed_multipart::TryFromMultipart;
use duban_app::core::ItemKind;
use duban_app::progress::ReportInput;
use duban_app::{App, AppError, progress};

pub fn routes() -> Router<App> {
    Router::new().route("/report", get(report_page)).route(
        "/report/{id}",
        post(report_submit).layer(DefaultBodyLimit::disable()),
    )
}

struct DueForm {
    item_id: i64,
    title: String,
    kind: &'static str,
    lead: bool,
    target: String,
    state: &'static str,
    return_comment: String,
    editable: bool,
    is_task: bool,
    done: bool,
    value_label: &'static str,
    unit: String,
    value: String,
    progress: String,
    problems: String,
    next_steps: String,
}

#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage {
    me: Me,
    unit: String,
    period: String,
    period_label: String,
    flash: String,
    forms: Vec<DueForm>,
}

async fn report_page(State(app): State<App>, user: PageUser, Query(f): Query<Flash>) -> PageResult {
    let a = &user.actor;
    let Some(ctx) = plan_ctx(
        &app,
        a,
        Some(&f.plan),
        Some(&f.period),
        PeriodUse::Reporting,
    )
    .await?
    else {
        return no_plan(Me::of(a));
    };
    let me = Me::of(a);
    let due = duban_app::views::due(&app, a, user.seen, ctx.plan.id, ctx.period).await?;
    let forms = due
        .iter()
        .map(|d| {
            // This period's report if any, else the last one to pre-fill from.
            let src = d.report.as_ref().or(d.previous.as_ref());
            DueForm {
                item_id: d.item.id,
                title: d.item.title.clone(),
                kind: d.item.kind.label(),
                lead: d.lead,
                target: target_text(&d.item),
                state: d
                    .report
                    .as_ref()
                    .map(|r| r.state.label())
                    .unwrap_or("未填报"),
                return_comment: d
                    .report
                    .as_ref()
                    .and_then(|r| r.return_comment.clone())
                    .filter(|_| {
                        d.report
                            .as_ref()
                            .is_some_and(|r| r.state == duban_app::core::ReportState::Returned)
                    })
                    .unwrap_or_default(),
                editable: d.report.as_ref().is_none_or(|r| r.state.is_editable()),
                is_task: d.item.kind == ItemKind::Task || d.item.value.is_none(),
                done: src.and_then(|r| r.milestone_done).unwrap_or(false),
                value_label: value_label(&d.item),
                unit: d.item.unit.clone().unwrap_or_default(),
                value: src.and_then(|r| r.value).map(num).unwrap_or_default(),
                progress: src.map(|r| r.progress.clone()).unwrap_or_default(),
                problems: src.map(|r| r.problems.clone()).unwrap_or_default(),
                next_steps: src.map(|r| r.next_steps.clone()).unwrap_or_default(),
            }
        })
        .collect();
    render(ReportPage {
        me,
        unit: a.unit_name.clone().unwrap_or_default(),
        period: ctx.period.to_string(),
        period_label: period_label(&ctx.period.to_string()),
        flash: flash_text(&f.ok),
        forms,
    })
}

/// What a report form sends.
#[derive(TryFromMultipart)]
struct ReportForm {
    action: Option<String>,
    period: Option<String>,
    value: Option<String>,
    milestone_done: Option<String>,
    progress: Option<String>,
    problems: Option<String>,
    next_steps: Option<String>,
    #[form_data(limit = "unlimited")]
    file: Option<File>,
}

async fn report_submit(
    State(app): State<App>,
    user: PageUser,
    Path(id): Path<i64>,
    req: axum::extract::Request,
) -> PageResult {
    // Decided before a byte of the body (with its attachment) is read.
    progress::may_report(&app, &user.actor, id).await?;
    let Upload(f) = Upload::<ReportForm>::read(req, &app)
        .await
        .map_err(AppError::from)?;
    // A file input left empty, or an empty file, adds no attachment.
    let file = chosen(f.file).filter(|(name, bytes)| !name.is_empty() && !bytes.is_empty());
    let get = |v: &Option<String>| text(v);
    let submit = get(&f.action) == "submit";
    let input = ReportInput {
        period: get(&f.period),
        value: opt_f64(&get(&f.value), "累计完成值")?,
        milestone_done: match get(&f.milestone_done).as_str() {
            "1" => Some(true),
            "0" => Some(false),
            _ => None,
        },
        progress: get(&f.progress),
        problems: get(&f.problems),
        next_steps: get(&f.next_steps),
        submit,
    };
    // One app call: the report, its attachment and the submission in one transaction.
    let file = file.as_ref().map(|(n, b)| (n.as_str(), b.as_slice()));
    progress::save_with_file(&app, &user.actor, id, &input, file).await?;
    let ok = if submit { "submit" } else { "save" };
    Ok(Redirect::to(&format!(
        "/report?period={}&ok={ok}#item-{id}",
        input.period
    ))
    .into_response())
}
