//! 政务服务事项: the catalogue (paged, by name), entry, editing and removal.

use super::form::{Field, FormPage, checked, opt_int, refused};
use super::{PER_PAGE, Pager, Scope, page_no, scope, unit_opts};
use crate::extract::{PageUser, field, opt_id};
use crate::pages::views::Me;
use crate::pages::{PageResult, render};
use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use duban_app::access::registers as access;
use duban_app::db::services::ServiceItem;
use duban_app::registers::services::{self, ServiceInput};
use duban_app::{Actor, App, AppError};
use serde::Deserialize;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/registers/services", get(list).post(create))
        .route("/registers/services/new", get(new_form))
        .route("/registers/services/{id}", post(update))
        .route("/registers/services/{id}/edit", get(edit_form))
        .route("/registers/services/{id}/delete", post(delete))
}

#[derive(Deserialize, Default)]
struct ListQuery {
    #[serde(default)]
    g: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    page: String,
    #[serde(default)]
    ok: String,
}

struct Row {
    s: ServiceItem,
    editable: bool,
    days: String,
}

#[derive(Template)]
#[template(path = "registers/services.html")]
struct ListPage {
    me: Me,
    scope: Scope,
    q: String,
    rows: Vec<Row>,
    pager: Pager,
    can_create: bool,
    office: bool,
    flash: &'static str,
}

async fn list(State(app): State<App>, user: PageUser, Query(q): Query<ListQuery>) -> PageResult {
    let a = &user.actor;
    let scope = scope(&app, &user.actor, &q.g, &q.year).await?;
    let p = services::list_page(
        &app,
        a,
        scope.government_id,
        Some(&q.q),
        duban_app::registers::PageReq {
            page: page_no(&q.page),
            per_page: PER_PAGE,
        },
    )
    .await?;
    let base = format!(
        "/registers/services?{}&q={}&",
        scope.query(),
        crate::session::urlencode(q.q.trim())
    );
    let pager = Pager::of(&p, &base);
    render(ListPage {
        me: Me::of(a),
        q: q.q.trim().to_string(),
        rows: p
            .rows
            .into_iter()
            .map(|s| Row {
                editable: access::can_edit(a, s.unit_id),
                days: match (s.legal_days, s.promised_days) {
                    (Some(l), Some(p)) => format!("{l} / {p}"),
                    (Some(l), None) => format!("{l} / —"),
                    (None, Some(p)) => format!("— / {p}"),
                    (None, None) => "—".into(),
                },
                s,
            })
            .collect(),
        pager,
        can_create: access::can_create(a),
        office: a.abilities().manage,
        flash: match q.ok.as_str() {
            "save" => "事项已保存",
            "delete" => "事项已删除",
            _ => "",
        },
        scope,
    })
}

async fn fields_of(
    app: &App,
    government_id: i64,
    s: Option<&ServiceItem>,
) -> Result<Vec<Field>, AppError> {
    let b = |f: fn(&ServiceItem) -> bool| s.is_some_and(f);
    let days = |v: Option<i64>| v.map(|d| d.to_string()).unwrap_or_default();
    Ok(vec![
        Field::text(
            "name",
            "事项名称",
            s.map(|s| s.name.clone()).unwrap_or_default(),
        )
        .required(),
        Field::text(
            "code",
            "事项编码",
            s.map(|s| s.code.clone()).unwrap_or_default(),
        ),
        Field::select(
            "unit_id",
            "实施部门",
            unit_opts(app, government_id, s.and_then(|s| s.unit_id))
                .await
                .map_err(|e| e.err)?,
        )
        .help("单位用户只能登记本部门的事项"),
        Field::text(
            "kind",
            "事项类型",
            s.map(|s| s.kind.clone()).unwrap_or_default(),
        )
        .help("如 行政许可、公共服务"),
        Field::check("at_most_once", "最多跑一次", b(|s| s.at_most_once)),
        Field::check("no_visit", "不见面审批", b(|s| s.no_visit)),
        Field::check("fully_online", "全程网办", b(|s| s.fully_online)),
        Field::check("one_window", "一窗受理", b(|s| s.one_window)),
        Field::number(
            "legal_days",
            "法定时限（工作日）",
            days(s.and_then(|s| s.legal_days)),
        ),
        Field::number(
            "promised_days",
            "承诺时限（工作日）",
            days(s.and_then(|s| s.promised_days)),
        )
        .help("不能长于法定时限"),
    ])
}

fn input_of(form: &[(String, String)]) -> Result<ServiceInput, AppError> {
    Ok(ServiceInput {
        code: field(form, "code").into(),
        name: field(form, "name").into(),
        unit_id: opt_id(field(form, "unit_id"))?,
        kind: field(form, "kind").into(),
        at_most_once: checked(form, "at_most_once"),
        no_visit: checked(form, "no_visit"),
        fully_online: checked(form, "fully_online"),
        one_window: checked(form, "one_window"),
        legal_days: opt_int(form, "legal_days", "法定时限")?,
        promised_days: opt_int(form, "promised_days", "承诺时限")?,
    })
}

fn page(a: &Actor, scope: &Scope, title: String, action: String, fields: Vec<Field>) -> FormPage {
    FormPage {
        me: Me::of(a),
        title,
        back: format!("/registers/services?{}", scope.query()),
        back_label: "政务服务事项",
        action,
        error: String::new(),
        fields,
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
    let action = format!("/registers/services?{}", scope.query());
    render(page(
        a,
        &scope,
        "登记政务服务事项".into(),
        action,
        fields_of(&app, scope.government_id, None).await?,
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
        Ok(input) => services::create(&app, a, scope.government_id, &input).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(
            Redirect::to(&format!("/registers/services?{}&ok=save", scope.query())).into_response(),
        ),
        Err(e) => {
            let action = format!("/registers/services?{}", scope.query());
            let p = page(
                a,
                &scope,
                "登记政务服务事项".into(),
                action,
                fields_of(&app, scope.government_id, None).await?,
            );
            refused(p, e, &form)
        }
    }
}

async fn edit_form(State(app): State<App>, user: PageUser, Path(id): Path<i64>) -> PageResult {
    let a = &user.actor;
    let s = services::get(&app, a, id).await?;
    if !access::can_edit(a, s.unit_id) {
        return Err(AppError::Forbidden("只读账户不能修改台账".into()).into());
    }
    let scope = scope(&app, &user.actor, &s.government_id.to_string(), "").await?;
    render(page(
        a,
        &scope,
        format!("修改事项：{}", s.name),
        format!("/registers/services/{id}"),
        fields_of(&app, scope.government_id, Some(&s)).await?,
    ))
}

async fn update(
    State(app): State<App>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<Vec<(String, String)>>,
) -> PageResult {
    let a = &user.actor;
    let s = services::get(&app, a, id).await?;
    let scope = scope(&app, &user.actor, &s.government_id.to_string(), "").await?;
    let result = match input_of(&form) {
        Ok(input) => services::update(&app, a, id, &input).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(
            Redirect::to(&format!("/registers/services?{}&ok=save", scope.query())).into_response(),
        ),
        Err(e) => {
            let p = page(
                a,
                &scope,
                format!("修改事项：{}", s.name),
                format!("/registers/services/{id}"),
                fields_of(&app, scope.government_id, Some(&s)).await?,
            );
            refused(p, e, &form)
        }
    }
}

async fn delete(State(app): State<App>, user: PageUser, Path(id): Path<i64>) -> PageResult {
    let a = &user.actor;
    let s = services::get(&app, a, id).await?;
    services::delete(&app, a, id).await?;
    let scope = scope(&app, &user.actor, &s.government_id.to_string(), "").await?;
    Ok(Redirect::to(&format!("/registers/services?{}&ok=delete", scope.query())).into_response())
}
