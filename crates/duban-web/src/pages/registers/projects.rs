//! 重点项目: the list (paged, by level, stage, unit), entry and editing, and a project's
//! page with its stage dates, light, monthly investment history and the monthly report
//! through draft → submitted → approved → accepted.

use super::form::{Field, FormPage, opt_date, refused};
use super::{PER_PAGE, Pager, Scope, opt_pct, page_no, period_of, scope, unit_opts, yi};
use crate::extract::{PageUser, field, opt_f64, opt_id};
use crate::pages::views::{Me, Opt, period_label};
use crate::pages::{PageResult, render};
use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use duban_app::access::registers as access;
use duban_app::core::ProjectStage;
use duban_app::core::registers::projects::ProjectLevel;
use duban_app::db::projects::Project;
use duban_app::registers::projects::{self, ProjectInput, ProjectQuery, ProjectRow};
use duban_app::{Actor, App, AppError};
use serde::Deserialize;

mod report;
use report::{detail, review, save_report};

pub fn routes() -> Router<App> {
    Router::new()
        .route("/registers/projects", get(list).post(create))
        .route("/registers/projects/new", get(new_form))
        .route("/registers/projects/{id}", get(detail).post(update))
        .route("/registers/projects/{id}/edit", get(edit_form))
        .route("/registers/projects/{id}/report", post(save_report))
        .route("/registers/project-reports/{id}/review", post(review))
}

#[derive(Deserialize, Default)]
struct ListQuery {
    #[serde(default)]
    g: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    stage: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    period: String,
    #[serde(default)]
    page: String,
}

/// A line of the list as shown.
struct Line {
    id: i64,
    name: String,
    unit: String,
    level: &'static str,
    stage: &'static str,
    total: String,
    plan: String,
    completed: String,
    share: String,
    light: &'static str,
    reasons: String,
}

fn line(r: &ProjectRow) -> Line {
    let p = &r.project;
    Line {
        id: p.id,
        name: p.name.clone(),
        unit: p.lead_unit_name.clone().unwrap_or_else(|| "—".into()),
        level: level_label(p),
        stage: stage_label(p),
        total: yi(p.total_investment),
        plan: p
            .annual_plan_investment
            .map(yi)
            .unwrap_or_else(|| "—".into()),
        completed: r.completed.map(yi).unwrap_or_else(|| "—".into()),
        share: opt_pct(r.share_of_plan),
        light: r.light.light.as_str(),
        reasons: r.light.reasons.join("；"),
    }
}

fn level_label(p: &Project) -> &'static str {
    p.level
        .as_deref()
        .and_then(|l| l.parse::<ProjectLevel>().ok())
        .map(|l| l.label())
        .unwrap_or("—")
}

fn stage_label(p: &Project) -> &'static str {
    p.stage
        .as_deref()
        .and_then(|l| l.parse::<ProjectStage>().ok())
        .map(|l| l.label())
        .unwrap_or("未签约")
}

#[derive(Template)]
#[template(path = "registers/projects.html")]
struct ListPage {
    me: Me,
    scope: Scope,
    period: String,
    period_label: String,
    level_opts: Vec<Opt>,
    stage_opts: Vec<Opt>,
    unit_opts: Vec<Opt>,
    rows: Vec<Line>,
    pager: Pager,
    can_create: bool,
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

async fn list(State(app): State<App>, user: PageUser, Query(q): Query<ListQuery>) -> PageResult {
    let a = &user.actor;
    let scope = scope(&app, &user.actor, &q.g, &q.year).await?;
    let period = period_of(&app, scope.year, &q.period)?;
    let query = ProjectQuery {
        level: code(&q.level, "级别")?,
        stage: code(&q.stage, "阶段")?,
        unit_id: opt_id(q.unit.trim())?,
    };
    let p = projects::list_page(
        &app,
        a,
        scope.government_id,
        scope.year,
        &query,
        period,
        app.today(),
        duban_app::registers::PageReq {
            page: page_no(&q.page),
            per_page: PER_PAGE,
        },
    )
    .await?;
    let base = format!(
        "/registers/projects?{}&level={}&stage={}&unit={}&period={}&",
        scope.query(),
        q.level.trim(),
        q.stage.trim(),
        q.unit.trim(),
        period
    );
    render(ListPage {
        me: Me::of(a),
        period: period.to_string(),
        period_label: period_label(&period.to_string()),
        level_opts: ProjectLevel::ALL
            .iter()
            .map(|l| Opt::new(l.as_str(), l.label(), q.level.trim()))
            .collect(),
        stage_opts: ProjectStage::ALL
            .iter()
            .map(|l| Opt::new(l.as_str(), l.label(), q.stage.trim()))
            .collect(),
        unit_opts: if access::read_scope(a).is_none() {
            unit_opts(&app, scope.government_id, opt_id(q.unit.trim())?).await?
        } else {
            Vec::new()
        },
        rows: p.rows.iter().map(line).collect(),
        pager: Pager::of(&p, &base),
        can_create: access::can_create(a),
        office: a.abilities().manage,
        scope,
    })
}

async fn fields_of(
    app: &App,
    government_id: i64,
    p: Option<&Project>,
) -> Result<Vec<Field>, AppError> {
    let t = |f: fn(&Project) -> &String| p.map(|p| f(p).clone()).unwrap_or_default();
    let d = |f: fn(&Project) -> Option<time::Date>| p.and_then(f);
    let level = p.and_then(|p| p.level.clone()).unwrap_or_default();
    let n = |v: Option<f64>| v.map(crate::pages::views::num).unwrap_or_default();
    Ok(vec![
        Field::text("name", "项目名称", t(|p| &p.name)).required(),
        Field::area("content", "建设内容", t(|p| &p.content)),
        Field::select(
            "lead_unit_id",
            "牵头单位",
            unit_opts(app, government_id, p.and_then(|p| p.lead_unit_id))
                .await
                .map_err(|e| e.err)?,
        )
        .help("单位用户只能登记本单位牵头的项目"),
        Field::text("leader_name", "包抓/联系领导", t(|p| &p.leader_name)),
        Field::select(
            "level",
            "项目级别",
            ProjectLevel::ALL
                .iter()
                .map(|l| Opt::new(l.as_str(), l.label(), &level))
                .collect(),
        ),
        Field::number(
            "total_investment",
            "总投资（亿元）",
            n(p.map(|p| p.total_investment)),
        )
        .required(),
        Field::number(
            "annual_plan_investment",
            "年度计划投资（亿元）",
            n(p.and_then(|p| p.annual_plan_investment)),
        ),
        Field::date("signed_on", "签约日期", d(|p| p.signed_on)),
        Field::date("landed_on", "落地日期", d(|p| p.landed_on)),
        Field::date("planned_start", "计划开工日期", d(|p| p.planned_start)),
        Field::date("started_on", "实际开工日期", d(|p| p.started_on)),
        Field::date("producing_on", "投产/竣工日期", d(|p| p.producing_on)),
        Field::date("registered_on", "入统/入库日期", d(|p| p.registered_on)),
        Field::text("campaign", "招商活动", t(|p| &p.campaign)),
        Field::area("nodes", "形象进度节点", t(|p| &p.nodes))
            .help("每行一个，如“2024-06 结构封顶”"),
    ])
}

fn input_of(form: &[(String, String)]) -> Result<ProjectInput, AppError> {
    Ok(ProjectInput {
        name: field(form, "name").into(),
        content: field(form, "content").into(),
        lead_unit_id: opt_id(field(form, "lead_unit_id"))?,
        leader_name: field(form, "leader_name").into(),
        level: code(field(form, "level"), "级别")?,
        over_100m: None,
        total_investment: opt_f64(field(form, "total_investment"), "总投资")?
            .ok_or_else(|| AppError::BadInput("请填写总投资".into()))?,
        annual_plan_investment: opt_f64(field(form, "annual_plan_investment"), "年度计划投资")?,
        signed_on: opt_date(form, "signed_on")?,
        landed_on: opt_date(form, "landed_on")?,
        started_on: opt_date(form, "started_on")?,
        producing_on: opt_date(form, "producing_on")?,
        planned_start: opt_date(form, "planned_start")?,
        registered_on: opt_date(form, "registered_on")?,
        campaign: field(form, "campaign").into(),
        nodes: field(form, "nodes").into(),
    })
}

fn form_page(a: &Actor, scope: &Scope, title: String, action: String, f: Vec<Field>) -> FormPage {
    FormPage {
        me: Me::of(a),
        title,
        back: format!("/registers/projects?{}", scope.query()),
        back_label: "重点项目",
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
    if !access::can_create(a) {
        return Err(AppError::Forbidden("无权登记台账".into()).into());
    }
    let scope = scope(&app, &user.actor, &q.g, &q.year).await?;
    let action = format!("/registers/projects?{}", scope.query());
    let f = fields_of(&app, scope.government_id, None).await?;
    render(form_page(
        a,
        &scope,
        format!("登记{}年重点项目", scope.year),
        action,
        f,
    ))
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
        Ok(i) => projects::create(&app, a, scope.government_id, scope.year, &i).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(p) => Ok(Redirect::to(&format!("/registers/projects/{}?ok=save", p.id)).into_response()),
        Err(e) => {
            let action = format!("/registers/projects?{}", scope.query());
            let f = fields_of(&app, scope.government_id, None).await?;
            let title = format!("登记{}年重点项目", scope.year);
            refused(form_page(a, &scope, title, action, f), e, &form)
        }
    }
}

async fn edit_form(State(app): State<App>, user: PageUser, Path(id): Path<i64>) -> PageResult {
    let a = &user.actor;
    let p = projects::get(&app, a, id).await?.project;
    if !access::can_edit(a, p.lead_unit_id) {
        return Err(AppError::Forbidden("只读账户不能修改台账".into()).into());
    }
    let scope = scope(
        &app,
        &user.actor,
        &p.government_id.to_string(),
        &p.year.to_string(),
    )
    .await?;
    let f = fields_of(&app, scope.government_id, Some(&p)).await?;
    let action = format!("/registers/projects/{id}");
    render(form_page(
        a,
        &scope,
        format!("修改项目：{}", p.name),
        action,
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
    let p = projects::get(&app, a, id).await?.project;
    let result = match input_of(&form) {
        Ok(i) => projects::update(&app, a, id, &i).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/registers/projects/{id}?ok=save")).into_response()),
        Err(e) => {
            let scope = scope(
                &app,
                &user.actor,
                &p.government_id.to_string(),
                &p.year.to_string(),
            )
            .await?;
            let f = fields_of(&app, scope.government_id, Some(&p)).await?;
            let action = format!("/registers/projects/{id}");
            refused(
                form_page(a, &scope, format!("修改项目：{}", p.name), action, f),
                e,
                &form,
            )
        }
    }
}
