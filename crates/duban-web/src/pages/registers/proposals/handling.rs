//! An item's page and its handling: return within the set working days, reassignment,
//! extension, supporting opinion, the reply with category and letter, each proposer's
//! feedback (不满意 → 重新办理).

use super::{source_label, state_label};
use crate::extract::{PageUser, Upload, UploadRejection, chosen, field, opt_id, text};
use crate::pages::registers::form::{ids, opt_date};
use crate::pages::registers::unit_opts;
use crate::pages::views::{Me, Opt, date};
use crate::pages::{PageResult, render};
use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use duban_app::access::registers as access;
use duban_app::core::registers::proposals::{Rating, ReplyCategory};
use duban_app::registers::proposals::{self, Letter, ProposalDetail};
use duban_app::{App, AppError};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "registers/proposal.html")]
struct DetailPage {
    me: Me,
    d: ProposalDetail,
    source: &'static str,
    state: &'static str,
    category: String,
    assigned: String,
    replied: String,
    due: String,
    support_due: String,
    return_by: String,
    max_due: String,
    proposers: Vec<(i64, String, &'static str, &'static str)>,
    office: bool,
    own: bool,
    supporter: bool,
    unit_opts: Vec<Opt>,
    category_opts: Vec<Opt>,
    rating_opts: Vec<Opt>,
    flash: bool,
    scope_query: String,
}

#[derive(Deserialize, Default)]
pub(super) struct DetailQuery {
    #[serde(default)]
    ok: String,
}

pub(super) async fn detail(
    State(app): State<App>,
    user: PageUser,
    Path(id): Path<i64>,
    Query(q): Query<DetailQuery>,
) -> PageResult {
    let a = &user.actor;
    let d = proposals::get(&app, a, id).await?;
    let p = &d.proposal;
    let rating = |r: &Option<String>| {
        r.as_deref()
            .and_then(|r| r.parse::<Rating>().ok())
            .map(|r| r.label())
            .unwrap_or("未评价")
    };
    let c = d.clock;
    render(DetailPage {
        me: Me::of(a),
        source: source_label(&p.source),
        state: state_label(&p.state),
        category: p
            .category
            .as_deref()
            .and_then(|c| c.parse::<ReplyCategory>().ok())
            .map(|c| format!("{}（{}）", c.label(), c.meaning()))
            .unwrap_or_default(),
        assigned: date(p.assigned_at),
        replied: date(p.replied_at),
        due: date(p.extended_to.or(p.due_date)),
        support_due: date(c.map(|c| c.support_due_on)),
        return_by: date(c.map(|c| c.return_by)),
        max_due: date(c.map(|c| c.max_due_on)),
        proposers: d
            .proposers
            .iter()
            .map(|x| {
                (
                    x.id,
                    x.name.clone(),
                    rating(&x.work_rating),
                    rating(&x.result_rating),
                )
            })
            .collect(),
        office: a.abilities().manage,
        own: access::is_own_unit(a, p.lead_unit_id),
        supporter: access::is_supporter(
            a,
            &d.supporting.iter().map(|s| s.unit_id).collect::<Vec<_>>(),
        ),
        unit_opts: unit_opts(&app, p.government_id, p.lead_unit_id).await?,
        category_opts: ReplyCategory::ALL
            .iter()
            .map(|c| Opt::new(c.as_str(), format!("{}：{}", c.label(), c.meaning()), ""))
            .collect(),
        rating_opts: Rating::ALL
            .iter()
            .map(|r| Opt::new(r.as_str(), r.label(), "satisfied"))
            .collect(),
        flash: !q.ok.is_empty(),
        scope_query: format!("g={}&year={}", p.government_id, p.year),
        d,
    })
}

/// One handling form posts here with `action` saying which.
pub(super) async fn handle(
    State(app): State<App>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<Vec<(String, String)>>,
) -> PageResult {
    let a = &user.actor;
    let today = app.today();
    let rating = |k: &str| -> Result<Rating, AppError> {
        field(&form, k)
            .parse()
            .map_err(|_| AppError::BadInput("请选择评价".into()))
    };
    match field(&form, "action") {
        "return" => proposals::return_item(&app, a, id, field(&form, "reason"), today).await?,
        "reassign" => {
            let lead = opt_id(field(&form, "lead_unit_id"))?
                .ok_or_else(|| AppError::BadInput("请选择主办单位".into()))?;
            proposals::reassign(&app, a, id, lead, &ids(&form, "supporting")?, today).await?
        }
        "extend" => {
            let due = opt_date(&form, "new_due")?
                .ok_or_else(|| AppError::BadInput("请填写新的答复期限".into()))?;
            proposals::extend(&app, a, id, due, field(&form, "reason")).await?
        }
        "opinion" => proposals::opinion(&app, a, id, field(&form, "text"), today).await?,
        "feedback" => {
            let who = opt_id(field(&form, "proposer_id"))?
                .ok_or_else(|| AppError::BadInput("请选择代表/委员".into()))?;
            proposals::feedback(&app, a, id, who, rating("work")?, rating("result")?, today).await?
        }
        other => return Err(AppError::BadInput(format!("未知的操作“{other}”")).into()),
    };
    Ok(Redirect::to(&format!("/registers/proposals/{id}?ok=1")).into_response())
}

/// What the reply form sends.
#[derive(axum_typed_multipart::TryFromMultipart)]
pub(super) struct ReplyForm {
    category: Option<String>,
    text: Option<String>,
    #[form_data(limit = "unlimited")]
    file: Option<crate::extract::File>,
}

pub(super) async fn reply(
    State(app): State<App>,
    user: PageUser,
    Path(id): Path<i64>,
    up: Result<Upload<ReplyForm>, UploadRejection>,
) -> PageResult {
    let Upload(f) = up.map_err(AppError::from)?;
    let cat = text(&f.category);
    let category: ReplyCategory = cat
        .parse()
        .map_err(|_| AppError::BadInput(format!("答复类别“{cat}”应为 A、B、C 或 D")))?;
    let file = chosen(f.file);
    let letter = file.as_ref().map(|(name, bytes)| Letter {
        file_name: name,
        bytes,
    });
    proposals::reply(
        &app,
        &user.actor,
        id,
        category,
        &text(&f.text),
        letter,
        app.today(),
    )
    .await?;
    Ok(Redirect::to(&format!("/registers/proposals/{id}?ok=1")).into_response())
}

pub(super) async fn letter(
    State(app): State<App>,
    user: PageUser,
    Path(id): Path<i64>,
) -> PageResult {
    let (name, bytes) = proposals::reply_letter(&app, &user.actor, id).await?;
    let kind = if name.to_ascii_lowercase().ends_with(".pdf") {
        "application/pdf"
    } else {
        "application/octet-stream"
    };
    Ok(crate::respond::download(kind, &name, bytes))
}
