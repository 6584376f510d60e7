//! 重点项目: the list (paged, by level, stage, unit), entry and editing, and a project's
//! page with its stage dates, light, monthly investment history and the monthly report
//! through draft → submitted → approved → accepted.

use super::form::{Field, FormPage, opt_date, refused};
use super::{PER_PAGE, Pager, Scope, opt_pct, page_no, period_of, scope, unit_opts, yi};
use crate::extract::{PageUser, field, opt_f64, opt_id};
use crate::pages::views::{Me, Opt, date, datetime, period_label};
use crate::pages::{PageResult, render};
use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use duban_app::access::registers as access;
use duban_app::core::registers::projects::ProjectLevel;
use duban_app::core::{ProjectStage, ReportState};
use duban_app::db::projects::Project;
use duban_app::progress::Decision;
use duban_app::registers::projects::{
    self, ProjectInput, ProjectQuery, ProjectReportInput, ProjectRow,
};
use duban_app::{Actor, App, AppError};
use serde::Deserialize;

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
    let scope = scope(&app, &q.g, &q.year).await?;
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
        page_no(&q.page),
        PER_PAGE,
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
        unit_opts: if a.unit_scope().is_none() {
            unit_opts(&app, opt_id(q.unit.trim())?).await?
        } else {
            Vec::new()
        },
        rows: p.rows.iter().map(line).collect(),
        pager: Pager::of(&p, &base),
        can_create: access::can_create(a),
        office: a.is_office(),
        scope,
    })
}

async fn fields_of(app: &App, p: Option<&Project>) -> Result<Vec<Field>, AppError> {
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
            unit_opts(app, p.and_then(|p| p.lead_unit_id))
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
    let scope = scope(&app, &q.g, &q.year).await?;
    let action = format!("/registers/projects?{}", scope.query());
    let f = fields_of(&app, None).await?;
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
    let scope = scope(&app, &q.g, &q.year).await?;
    let result = match input_of(&form) {
        Ok(i) => projects::create(&app, a, scope.government_id, scope.year, &i).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(p) => Ok(Redirect::to(&format!("/registers/projects/{}?ok=save", p.id)).into_response()),
        Err(e) => {
            let action = format!("/registers/projects?{}", scope.query());
            let f = fields_of(&app, None).await?;
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
    let scope = scope(&app, &p.government_id.to_string(), &p.year.to_string()).await?;
    let f = fields_of(&app, Some(&p)).await?;
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
            let scope = scope(&app, &p.government_id.to_string(), &p.year.to_string()).await?;
            let f = fields_of(&app, Some(&p)).await?;
            let action = format!("/registers/projects/{id}");
            refused(
                form_page(a, &scope, format!("修改项目：{}", p.name), action, f),
                e,
                &form,
            )
        }
    }
}

/// A monthly report as shown on the project's page.
struct ReportView {
    id: i64,
    period: String,
    value: String,
    state: &'static str,
    progress: String,
    problems: String,
    next_steps: String,
    return_comment: String,
    history: Vec<String>,
    /// approve / accept offered to this actor.
    review: &'static str,
}

#[derive(Template)]
#[template(path = "registers/project.html")]
struct DetailPage {
    me: Me,
    p: Project,
    l: Line,
    stages: Vec<(&'static str, String)>,
    planned_start: String,
    registered_on: String,
    nodes: Vec<String>,
    reports: Vec<ReportView>,
    editable: bool,
    can_report: bool,
    report_period: String,
    report_value: String,
    flash: &'static str,
    scope_query: String,
}

#[derive(Deserialize, Default)]
struct DetailQuery {
    #[serde(default)]
    period: String,
    #[serde(default)]
    ok: String,
}

async fn detail(
    State(app): State<App>,
    user: PageUser,
    Path(id): Path<i64>,
    Query(q): Query<DetailQuery>,
) -> PageResult {
    let a = &user.actor;
    let head = projects::get(&app, a, id).await?.project;
    let period = period_of(&app, head.year as i32, &q.period)?;
    let page = projects::page(&app, a, id, period, app.today()).await?;
    let p = page.detail.project.clone();
    let own = access::is_own_unit(a, p.lead_unit_id);
    let reports = page
        .detail
        .reports
        .iter()
        .rev()
        .map(|r| {
            let history = page
                .history
                .iter()
                .find(|(rid, _)| *rid == r.id)
                .map(|(_, h)| {
                    h.iter()
                        .map(|h| {
                            format!(
                                "{} {} {}{}",
                                datetime(h.at),
                                h.user_name.clone().unwrap_or_default(),
                                h.action,
                                h.comment
                                    .as_deref()
                                    .map(|c| format!("：{c}"))
                                    .unwrap_or_default()
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let review = match r.state {
                ReportState::Submitted if own && me_approver(a) => "approve",
                ReportState::Approved if a.is_office() => "accept",
                ReportState::Submitted if a.is_office() => "return",
                _ => "",
            };
            ReportView {
                id: r.id,
                period: period_label(&r.period),
                value: r.value.map(yi).unwrap_or_else(|| "—".into()),
                state: r.state.label(),
                progress: r.progress.clone(),
                problems: r.problems.clone(),
                next_steps: r.next_steps.clone(),
                return_comment: r.return_comment.clone().unwrap_or_default(),
                history,
                review,
            }
        })
        .collect();
    render(DetailPage {
        me: Me::of(a),
        l: line(&page.row),
        stages: vec![
            ("签约", date(p.signed_on)),
            ("落地", date(p.landed_on)),
            ("开工", date(p.started_on)),
            ("投产/竣工", date(p.producing_on)),
        ],
        planned_start: date(p.planned_start),
        registered_on: date(p.registered_on),
        nodes: p
            .nodes
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect(),
        reports,
        editable: access::can_edit(a, p.lead_unit_id),
        can_report: own,
        report_period: period.to_string(),
        report_value: String::new(),
        flash: match q.ok.as_str() {
            "save" => "已保存",
            "submit" => "月报已提交审核",
            "review" => "审核意见已保存",
            _ => "",
        },
        scope_query: format!("g={}&year={}", p.government_id, p.year),
        p,
    })
}

fn me_approver(a: &Actor) -> bool {
    a.abilities().approve
}

async fn save_report(
    State(app): State<App>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<Vec<(String, String)>>,
) -> PageResult {
    let a = &user.actor;
    let submit = field(&form, "submit") == "1";
    let input = ProjectReportInput {
        period: field(&form, "period").into(),
        completed: opt_f64(field(&form, "completed"), "累计完成投资")?,
        progress: field(&form, "progress").into(),
        problems: field(&form, "problems").into(),
        next_steps: field(&form, "next_steps").into(),
        submit,
    };
    projects::save_report(&app, a, id, &input).await?;
    let ok = if submit { "submit" } else { "save" };
    Ok(Redirect::to(&format!("/registers/projects/{id}?ok={ok}")).into_response())
}

async fn review(
    State(app): State<App>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<Vec<(String, String)>>,
) -> PageResult {
    let a = &user.actor;
    let decision = match field(&form, "decision") {
        "approve" => Decision::Approve,
        "return" => Decision::Return,
        other => return Err(AppError::BadInput(format!("审核意见“{other}”无效")).into()),
    };
    let r = projects::review_report(&app, a, id, decision, field(&form, "comment")).await?;
    Ok(Redirect::to(&format!("/registers/projects/{}?ok=review", r.project_id)).into_response())
}
