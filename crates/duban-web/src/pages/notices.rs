//! 督办通知: the list of a plan's notices (提醒/交办单/催办单/督办通知单/约谈), a notice's
//! page with the unit's 签收 and answer form (反馈) and the office's 办结, its .docx, and the
//! office's hand-issued 单 for an item.

use super::views::*;
use super::{Flash, PageResult, flash_text, no_plan, page_plan, render};
use crate::extract::{
    File, MAX_UPLOAD_BODY, PageUser, Upload, UploadRejection, chosen, opt_id, parse_date, text,
};
use crate::respond::download;
use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use axum_typed_multipart::TryFromMultipart;
use duban_app::chase::notice_list::{self, NoticeFilter, NoticeState};
use duban_app::chase::notices::{self, AnswerUpload, HandNotice};
use duban_app::core::NoticeKind;
use duban_app::db::notices::NoticeRecord;
use duban_app::{App, AppError, admin};
use serde::Deserialize;

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

pub fn routes() -> Router<App> {
    Router::new()
        .route("/notices", get(list_page))
        .route("/notices/{id}", get(notice_page))
        .route(
            "/notices/{id}/answer",
            post(answer).layer(DefaultBodyLimit::max(MAX_UPLOAD_BODY)),
        )
        .route("/notices/{id}/receive", post(receive))
        .route("/notices/{id}/close", post(close))
        .route("/notices/{id}/docx", get(docx))
        .route("/notices/{id}/files/{file}", get(answer_file))
        .route("/items/{id}/notices", post(issue))
}

/// One line of a notice list or an item's timeline.
pub struct NoticeRow {
    pub id: i64,
    pub kind: &'static str,
    /// plain | blue | orange | red (the 三色 of the 单).
    pub level: &'static str,
    pub level_label: &'static str,
    pub number: String,
    pub item_id: i64,
    pub matter: String,
    pub unit: String,
    pub issued: String,
    /// The day the unit signed for it (签收), empty while it has not.
    pub received: String,
    pub due: String,
    pub state: &'static str,
    pub state_label: &'static str,
}

impl NoticeRow {
    pub fn of(n: &NoticeRecord, today: time::Date) -> Self {
        let st = NoticeState::of(n, today);
        Self {
            id: n.id,
            kind: n.kind.label(),
            level: n.level.as_str(),
            level_label: n.level.label(),
            number: n.number.clone().unwrap_or_default(),
            item_id: n.item_id.unwrap_or_default(),
            matter: n.matter.clone(),
            unit: n.unit_name.clone().unwrap_or_default(),
            issued: date(Some(n.issued_on.unwrap_or_else(|| n.issued_at.date()))),
            received: n.read_at.map(day_of).unwrap_or_default(),
            due: date(n.due_date),
            state: st.as_str(),
            state_label: st.label(),
        }
    }
}

#[derive(Template)]
#[template(path = "notices.html")]
struct ListPage {
    plan_id: i64,
    me: Me,
    rows: Vec<NoticeRow>,
    kind_opts: Vec<Opt>,
    state_opts: Vec<Opt>,
    unit_opts: Vec<Opt>,
}

#[derive(Deserialize, Default)]
struct ListQuery {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    state: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    plan: String,
}

async fn list_page(
    State(app): State<App>,
    user: PageUser,
    Query(q): Query<ListQuery>,
) -> PageResult {
    let a = &user.actor;
    let Some(plan) = page_plan(&app, a, &q.plan).await? else {
        return no_plan(Me::of(a));
    };
    let kind = match q.kind.as_str() {
        "" => None,
        k => Some(
            k.parse::<NoticeKind>()
                .map_err(|e| AppError::BadInput(e.to_string()))?,
        ),
    };
    let state = match q.state.as_str() {
        "" => None,
        s => Some(
            NoticeState::parse(s).ok_or_else(|| AppError::BadInput(format!("未知状态“{s}”")))?,
        ),
    };
    let filter = NoticeFilter {
        kind,
        state,
        unit_id: opt_id(q.unit.trim())?,
    };
    let today = app.today();
    let list = notice_list::list(&app, a, plan.id, &filter).await?;
    let mut kind_opts = vec![Opt::new("", "全部种类", &q.kind)];
    kind_opts.extend(
        NoticeKind::ALL
            .iter()
            .map(|k| Opt::new(k.as_str(), k.label(), &q.kind)),
    );
    let mut state_opts = vec![Opt::new("", "全部状态", &q.state)];
    state_opts.extend(
        NoticeState::ALL
            .iter()
            .map(|s| Opt::new(s.as_str(), s.label(), &q.state)),
    );
    let mut unit_opts = vec![Opt::new("", "全部单位", &q.unit)];
    if a.unit_id.is_none() {
        unit_opts.extend(
            admin::units_for(&app, a)
                .await?
                .iter()
                .filter(|u| u.government_id.is_none_or(|g| g == plan.government_id))
                .map(|u| Opt::new(u.id, &u.name, q.unit.trim())),
        );
    }
    render(ListPage {
        plan_id: plan.id,
        me: Me::of(a),
        rows: list.iter().map(|n| NoticeRow::of(n, today)).collect(),
        kind_opts,
        state_opts,
        unit_opts,
    })
}

/// An answer: when, what, and its attachments (id, file name).
struct AnswerView {
    at: String,
    body: String,
    files: Vec<(i64, String)>,
}

#[derive(Template)]
#[template(path = "notice.html")]
struct NoticePage {
    me: Me,
    flash: String,
    row: NoticeRow,
    requirement: String,
    responsible: String,
    period: String,
    close_comment: String,
    /// 签收: when and by whom, empty while unsigned.
    received: String,
    answers: Vec<AnswerView>,
    can_receive: bool,
    can_answer: bool,
    can_close: bool,
}

async fn notice_page(
    State(app): State<App>,
    user: PageUser,
    Path(id): Path<i64>,
    Query(f): Query<Flash>,
) -> PageResult {
    let a = &user.actor;
    let d = notices::get(&app, a, id).await?;
    let n = &d.notice;
    let st = NoticeState::of(n, app.today());
    let open = matches!(st, NoticeState::Open | NoticeState::Overdue);
    let answers = d
        .answers
        .iter()
        .map(|x| AnswerView {
            at: datetime(x.answered_at),
            body: x.body.clone(),
            files: d
                .files
                .iter()
                .filter(|f| f.answer_id == x.id)
                .map(|f| (f.id, f.file_name.clone()))
                .collect(),
        })
        .collect();
    render(NoticePage {
        me: Me::of(a),
        flash: match f.ok.as_str() {
            "answer" => "反馈已提交，本环节已办结".into(),
            "close" => "已办结".into(),
            "receive" => "已签收".into(),
            "issue" => "已签发，并已发送至责任单位".into(),
            other => flash_text(other),
        },
        requirement: n.requirement.clone(),
        responsible: n.responsible.clone().unwrap_or_else(|| "—".into()),
        period: n.period.as_deref().map(period_label).unwrap_or_default(),
        close_comment: n.close_comment.clone().unwrap_or_default(),
        received: n
            .read_at
            .map(|t| match &d.received_by {
                Some(who) => format!("{} {who}", datetime(t)),
                None => datetime(t),
            })
            .unwrap_or_default(),
        answers,
        // The button is offered to the addressed unit while unsigned; the app decides again.
        can_receive: n.read_at.is_none() && a.can_answer_notices() && a.unit_id == n.unit_id,
        // The form is offered to the addressed unit; the app decides again on submit.
        can_answer: open && a.can_answer_notices() && a.unit_id == n.unit_id,
        can_close: n.closed_at.is_none() && a.can_chase(),
        row: NoticeRow::of(n, app.today()),
    })
}

/// What the answer form sends: the text and up to three attachments.
#[derive(TryFromMultipart)]
struct AnswerForm {
    body: Option<String>,
    #[form_data(limit = "unlimited")]
    file: Option<File>,
    #[form_data(limit = "unlimited")]
    file2: Option<File>,
    #[form_data(limit = "unlimited")]
    file3: Option<File>,
}

async fn answer(
    State(app): State<App>,
    user: PageUser,
    Path(id): Path<i64>,
    up: Result<Upload<AnswerForm>, UploadRejection>,
) -> PageResult {
    let Upload(f) = up.map_err(AppError::from)?;
    let files: Vec<(String, Vec<u8>)> = [f.file, f.file2, f.file3]
        .into_iter()
        .filter_map(chosen)
        .collect();
    let uploads: Vec<AnswerUpload<'_>> = files
        .iter()
        .map(|(name, bytes)| AnswerUpload {
            file_name: name,
            content_type: "application/octet-stream",
            bytes,
        })
        .collect();
    notices::answer(&app, &user.actor, id, &text(&f.body), &uploads).await?;
    Ok(Redirect::to(&format!("/notices/{id}?ok=answer")).into_response())
}

async fn receive(State(app): State<App>, user: PageUser, Path(id): Path<i64>) -> PageResult {
    notices::receive(&app, &user.actor, id).await?;
    Ok(Redirect::to(&format!("/notices/{id}?ok=receive")).into_response())
}

#[derive(Deserialize)]
struct CloseForm {
    #[serde(default)]
    comment: String,
}

async fn close(
    State(app): State<App>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(f): Form<CloseForm>,
) -> PageResult {
    notices::close(&app, &user.actor, id, &f.comment).await?;
    Ok(Redirect::to(&format!("/notices/{id}?ok=close")).into_response())
}

async fn docx(State(app): State<App>, user: PageUser, Path(id): Path<i64>) -> PageResult {
    let (name, bytes) = notices::docx(&app, &user.actor, id).await?;
    Ok(download(DOCX, &name, bytes))
}

async fn answer_file(
    State(app): State<App>,
    user: PageUser,
    Path((id, file)): Path<(i64, i64)>,
) -> PageResult {
    let (f, bytes) = notice_list::answer_file(&app, &user.actor, id, file).await?;
    Ok(download(&f.content_type, &f.file_name, bytes))
}

#[derive(Deserialize)]
struct IssueForm {
    kind: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    matter: String,
    #[serde(default)]
    requirement: String,
    #[serde(default)]
    deadline: String,
}

async fn issue(
    State(app): State<App>,
    user: PageUser,
    Path(item_id): Path<i64>,
    Form(f): Form<IssueForm>,
) -> PageResult {
    let kind: NoticeKind = f
        .kind
        .parse()
        .map_err(|e: duban_app::core::UnknownCode| AppError::BadInput(e.to_string()))?;
    let deadline = match f.deadline.trim() {
        "" => None,
        d => Some(parse_date(d)?),
    };
    let rec = notices::issue_by_hand(
        &app,
        &user.actor,
        &HandNotice {
            kind,
            item_id,
            unit_id: opt_id(f.unit.trim())?,
            matter: &f.matter,
            requirement: &f.requirement,
            deadline,
        },
    )
    .await?;
    Ok(Redirect::to(&format!("/notices/{}?ok=issue", rec.id)).into_response())
}
