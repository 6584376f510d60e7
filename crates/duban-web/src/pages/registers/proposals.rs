//! 建议提案: the list with its clocks (due date, working days left, overdue / due soon),
//! entry (the 交办) and editing, and an item's page with its handling: return within the
//! set working days, reassignment, extension, supporting opinion, the reply with category
//! and letter, each proposer's feedback (不满意 → 重新办理).

use super::form::{Field, FormPage, ids, opt_date, refused};
use super::{PER_PAGE, Pager, Scope, page_no, scope, unit_opts};
use crate::extract::{PageUser, field, opt_id};
use crate::pages::views::{Me, Opt, date};
use crate::pages::{PageResult, render};
use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use duban_app::access::registers as access;
use duban_app::core::ProposalSource;
use duban_app::core::registers::proposals::ProposalState;
use duban_app::registers::proposals::{self, ProposalDetail, ProposalInput, ProposalQuery};
use duban_app::{Actor, App, AppError};
use serde::Deserialize;

mod handling;
use handling::{detail, handle, letter, reply};

pub fn routes() -> Router<App> {
    let p = |s: &str| format!("/registers/proposals/{{id}}/{s}");
    Router::new()
        .route("/registers/proposals", get(list).post(create))
        .route("/registers/proposals/new", get(new_form))
        .route("/registers/proposals/{id}", get(detail).post(update))
        .route(&p("edit"), get(edit_form))
        .route(&p("handle"), post(handle))
        .route(
            &p("reply"),
            post(reply).layer(DefaultBodyLimit::max(crate::extract::MAX_UPLOAD_BODY)),
        )
        .route(&p("letter"), get(letter))
}

#[derive(Deserialize, Default)]
struct ListQuery {
    #[serde(default)]
    g: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    state: String,
    #[serde(default)]
    page: String,
}

struct Line {
    id: i64,
    source: &'static str,
    number: String,
    title: String,
    unit: String,
    state: &'static str,
    category: String,
    due: String,
    left: String,
    mark: &'static str,
}

#[derive(Template)]
#[template(path = "registers/proposals.html")]
struct ListPage {
    me: Me,
    scope: Scope,
    source_opts: Vec<Opt>,
    state_opts: Vec<Opt>,
    rows: Vec<Line>,
    pager: Pager,
    office: bool,
}

fn code<T: std::str::FromStr>(s: &str, what: &str) -> Result<Option<T>, AppError> {
    match s.trim() {
        "" => Ok(None),
        v => v
            .parse()
            .map(Some)
            .map_err(|_| AppError::BadInput(format!("{what}“{v}”无效"))),
    }
}

fn state_label(s: &str) -> &'static str {
    s.parse::<ProposalState>().map(|s| s.label()).unwrap_or("—")
}

fn source_label(s: &str) -> &'static str {
    s.parse::<ProposalSource>()
        .map(|s| s.label())
        .unwrap_or("—")
}

async fn list(State(app): State<App>, user: PageUser, Query(q): Query<ListQuery>) -> PageResult {
    let a = &user.actor;
    let scope = scope(&app, &user.actor, &q.g, &q.year).await?;
    let query = ProposalQuery {
        source: code(&q.source, "类别")?,
        state: code(&q.state, "状态")?,
    };
    let p = proposals::list_page(
        &app,
        a,
        scope.government_id,
        scope.year,
        &query,
        duban_app::registers::PageReq {
            page: page_no(&q.page),
            per_page: PER_PAGE,
        },
        app.today(),
    )
    .await?;
    let base = format!(
        "/registers/proposals?{}&source={}&state={}&",
        scope.query(),
        q.source.trim(),
        q.state.trim()
    );
    render(ListPage {
        me: Me::of(a),
        source_opts: ProposalSource::ALL
            .iter()
            .map(|s| Opt::new(s.as_str(), s.label(), q.source.trim()))
            .collect(),
        state_opts: ProposalState::ALL
            .iter()
            .map(|s| Opt::new(s.as_str(), s.label(), q.state.trim()))
            .collect(),
        rows: p
            .rows
            .iter()
            .map(|r| Line {
                id: r.proposal.id,
                source: source_label(&r.proposal.source),
                number: r.proposal.number.clone(),
                title: r.proposal.title.clone(),
                unit: r
                    .proposal
                    .lead_unit_name
                    .clone()
                    .unwrap_or_else(|| "—".into()),
                state: state_label(&r.proposal.state),
                category: r.proposal.category.clone().unwrap_or_default(),
                due: date(r.due_on),
                left: match r.working_days_left {
                    Some(_) if r.overdue => "已逾期".into(),
                    Some(d) => format!("{d}个工作日"),
                    None => "—".into(),
                },
                mark: if r.overdue {
                    "red"
                } else if r.due_soon {
                    "yellow"
                } else {
                    ""
                },
            })
            .collect(),
        pager: Pager::of(&p, &base),
        office: a.abilities().manage,
        scope,
    })
}

async fn fields_of(
    app: &App,
    government_id: i64,
    d: Option<&ProposalDetail>,
) -> Result<Vec<Field>, AppError> {
    let p = d.map(|d| &d.proposal);
    let t = |f: fn(&duban_app::db::proposals::Proposal) -> &String| {
        p.map(|p| f(p).clone()).unwrap_or_default()
    };
    let source = p.map(|p| p.source.clone()).unwrap_or_default();
    let sup: Vec<String> = d
        .map(|d| d.supporting.iter().map(|s| s.unit_id.to_string()).collect())
        .unwrap_or_default();
    let mut support = unit_opts(app, government_id, None)
        .await
        .map_err(|e| e.err)?;
    for o in &mut support {
        o.selected = sup.contains(&o.value);
    }
    Ok(vec![
        Field::select(
            "source",
            "类别",
            ProposalSource::ALL
                .iter()
                .map(|s| Opt::new(s.as_str(), s.label(), &source))
                .collect(),
        )
        .required(),
        Field::check(
            "at_session",
            "会议期间提出（人大会议/政协全会）",
            p.is_none_or(|p| p.at_session),
        ),
        Field::text("session", "届次/会次", t(|p| &p.session)).help("如 十一届三次"),
        Field::text("number", "编号", t(|p| &p.number)).required(),
        Field::text("title", "标题", t(|p| &p.title)).required(),
        Field::area("content", "内容", t(|p| &p.content)),
        Field::area(
            "proposers",
            "代表/委员",
            d.map(|d| {
                d.proposers
                    .iter()
                    .map(|x| x.name.as_str())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default(),
        )
        .required()
        .help("每行一人，领衔在前；每人分别答复、评价"),
        Field::select(
            "lead_unit_id",
            "主办单位",
            unit_opts(app, government_id, p.and_then(|p| p.lead_unit_id))
                .await
                .map_err(|e| e.err)?,
        ),
        Field::multi("supporting", "会办单位", support),
        Field::date("assigned_at", "交办日期", p.and_then(|p| p.assigned_at))
            .help("填写交办日期即交办，答复期限自动计算"),
    ])
}

fn input_of(form: &[(String, String)]) -> Result<ProposalInput, AppError> {
    Ok(ProposalInput {
        source: code(field(form, "source"), "类别")?,
        at_session: super::form::checked(form, "at_session"),
        session: field(form, "session").into(),
        number: field(form, "number").into(),
        title: field(form, "title").into(),
        content: field(form, "content").into(),
        proposers: field(form, "proposers")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect(),
        lead_unit_id: opt_id(field(form, "lead_unit_id"))?,
        supporting_unit_ids: ids(form, "supporting")?,
        assigned_at: opt_date(form, "assigned_at")?,
    })
}

fn form_page(a: &Actor, scope: &Scope, title: String, action: String, f: Vec<Field>) -> FormPage {
    FormPage {
        me: Me::of(a),
        title,
        back: format!("/registers/proposals?{}", scope.query()),
        back_label: "建议提案",
        action,
        error: String::new(),
        fields: f,
    }
}

async fn new_form(
    State(app): State<App>,
    user: PageUser,
    Query(q): Query<super::ScopeQuery>,
) -> PageResult {
    let a = &user.actor;
    access::require_office(a)?;
    let scope = scope(&app, &user.actor, &q.g, &q.year).await?;
    let action = format!("/registers/proposals?{}", scope.query());
    let f = fields_of(&app, scope.government_id, None).await?;
    render(form_page(a, &scope, "登记建议提案".into(), action, f))
}

async fn create(
    State(app): State<App>,
    user: PageUser,
    Query(q): Query<super::ScopeQuery>,
    Form(form): Form<Vec<(String, String)>>,
) -> PageResult {
    let a = &user.actor;
    let scope = scope(&app, &user.actor, &q.g, &q.year).await?;
    let result = match input_of(&form) {
        Ok(i) => proposals::create(&app, a, scope.government_id, scope.year, &i).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(d) => Ok(
            Redirect::to(&format!("/registers/proposals/{}?ok=1", d.proposal.id)).into_response(),
        ),
        Err(e) => {
            let action = format!("/registers/proposals?{}", scope.query());
            let f = fields_of(&app, scope.government_id, None).await?;
            refused(
                form_page(a, &scope, "登记建议提案".into(), action, f),
                e,
                &form,
            )
        }
    }
}

async fn edit_form(State(app): State<App>, user: PageUser, Path(id): Path<i64>) -> PageResult {
    let a = &user.actor;
    access::require_office(a)?;
    let d = proposals::get(&app, a, id).await?;
    let scope = scope(
        &app,
        &user.actor,
        &d.proposal.government_id.to_string(),
        &d.proposal.year.to_string(),
    )
    .await?;
    let f = fields_of(&app, scope.government_id, Some(&d)).await?;
    let title = format!("修改：{}", d.proposal.title);
    render(form_page(
        a,
        &scope,
        title,
        format!("/registers/proposals/{id}"),
        f,
    ))
}

async fn update(
    State(app): State<App>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<Vec<(String, String)>>,
) -> PageResult {
    let a = &user.actor;
    let d = proposals::get(&app, a, id).await?;
    let result = match input_of(&form) {
        Ok(i) => proposals::update(&app, a, id, &i).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/registers/proposals/{id}?ok=1")).into_response()),
        Err(e) => {
            let scope = scope(
                &app,
                &user.actor,
                &d.proposal.government_id.to_string(),
                &d.proposal.year.to_string(),
            )
            .await?;
            let f = fields_of(&app, scope.government_id, Some(&d)).await?;
            let title = format!("修改：{}", d.proposal.title);
            refused(
                form_page(a, &scope, title, format!("/registers/proposals/{id}"), f),
                e,
                &form,
            )
        }
    }
}
