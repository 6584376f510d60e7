//! 经济运行指标: each series with the year's values, where each value came from and who
//! entered it, the latest value with its lag; the office defines series, the reporting
//! department (or the office) enters values.

use super::form::{Field, FormPage, refused};
use super::{Scope, period_of, scope, unit_opts};
use crate::extract::{PageUser, field, opt_f64, opt_id};
use crate::pages::views::{Me, Opt, datetime, num, period_label};
use crate::pages::{PageResult, render};
use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use duban_app::access::registers as access;
use duban_app::core::registers::indicators::Frequency;
use duban_app::core::{Measure, Provenance};
use duban_app::registers::indicators::{self, IndicatorInput, ValueInput};
use duban_app::{Actor, App, AppError};
use serde::Deserialize;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/registers/indicators", get(list).post(define))
        .route("/registers/indicators/new", get(new_form))
        .route("/registers/indicators/{id}/values", post(set_value))
}

#[derive(Deserialize, Default)]
struct ListQuery {
    #[serde(default)]
    g: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    period: String,
    #[serde(default)]
    ok: String,
}

struct Line {
    id: i64,
    name: String,
    unit: String,
    measure: &'static str,
    frequency: &'static str,
    latest: String,
    lag: String,
    /// (期间, 数值, 来源, 录入)
    values: Vec<(String, String, &'static str, String)>,
    editable: bool,
}

#[derive(Template)]
#[template(path = "registers/indicators.html")]
struct ListPage {
    me: Me,
    scope: Scope,
    period: String,
    period_label: String,
    rows: Vec<Line>,
    office: bool,
    provenance_opts: Vec<Opt>,
    flash: bool,
}

fn label<T: std::str::FromStr>(s: &str, f: fn(&T) -> &'static str) -> &'static str {
    s.parse::<T>().map(|v| f(&v)).unwrap_or("—")
}

async fn list(State(app): State<App>, user: PageUser, Query(q): Query<ListQuery>) -> PageResult {
    let a = &user.actor;
    let scope = scope(&app, &user.actor, &q.g, &q.year).await?;
    let period = period_of(&app, scope.year, &q.period)?;
    let series = indicators::series(&app, a, scope.government_id, period).await?;
    let rows = series
        .into_iter()
        .map(|s| {
            let i = &s.indicator;
            let unit = i.unit.clone();
            Line {
                id: i.id,
                name: i.name.clone(),
                measure: label::<Measure>(&i.measure, |m| m.label()),
                frequency: label::<Frequency>(&i.frequency, |m| m.label()),
                latest: s
                    .latest
                    .as_ref()
                    .map(|l| {
                        format!(
                            "{}{}（{}，{}）",
                            num(l.value),
                            unit,
                            period_label(&l.period.to_string()),
                            l.provenance.label()
                        )
                    })
                    .unwrap_or_else(|| "—".into()),
                lag: s
                    .latest
                    .as_ref()
                    .and_then(|l| l.note.clone())
                    .unwrap_or_default(),
                values: s
                    .values
                    .iter()
                    .map(|v| {
                        (
                            period_label(&v.period),
                            format!("{}{}", num(v.value), unit),
                            label::<Provenance>(&v.provenance, |p| p.label()),
                            format!(
                                "{} {}",
                                v.recorded_by_name.clone().unwrap_or_default(),
                                datetime(v.recorded_at)
                            ),
                        )
                    })
                    .collect(),
                editable: access::can_edit(a, i.unit_id),
                unit,
            }
        })
        .collect();
    render(ListPage {
        me: Me::of(a),
        period: period.to_string(),
        period_label: period_label(&period.to_string()),
        rows,
        office: a.abilities().manage,
        provenance_opts: [
            Provenance::Statistics,
            Provenance::Reported,
            Provenance::Verified,
            Provenance::Derived,
        ]
        .iter()
        .map(|p| Opt::new(p.as_str(), p.label(), "statistics"))
        .collect(),
        flash: !q.ok.is_empty(),
        scope,
    })
}

async fn fields(app: &App, government_id: i64) -> Result<Vec<Field>, AppError> {
    let opts = |all: &[(&'static str, &'static str)]| {
        all.iter()
            .map(|(v, l)| Opt::new(v, l, ""))
            .collect::<Vec<_>>()
    };
    Ok(vec![
        Field::text("name", "指标名称", "").required(),
        Field::text("unit", "计量单位", "")
            .required()
            .help("如 亿元、%、人"),
        Field::select(
            "measure",
            "类型",
            opts(&[("level", "总量"), ("growth", "增速"), ("share", "比重")]),
        )
        .required(),
        Field::select(
            "frequency",
            "频度",
            opts(&[("monthly", "月度"), ("quarterly", "季度")]),
        )
        .required(),
        Field::select(
            "unit_id",
            "报送部门",
            unit_opts(app, government_id, None)
                .await
                .map_err(|e| e.err)?,
        ),
    ])
}

fn form_page(a: &Actor, scope: &Scope, f: Vec<Field>) -> FormPage {
    FormPage {
        me: Me::of(a),
        title: "定义经济运行指标".into(),
        back: format!("/registers/indicators?{}", scope.query()),
        back_label: "经济运行指标",
        action: format!("/registers/indicators?{}", scope.query()),
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
    render(form_page(
        a,
        &scope,
        fields(&app, scope.government_id).await?,
    ))
}

fn code<T: std::str::FromStr>(s: &str, what: &str) -> Result<T, AppError> {
    s.parse()
        .map_err(|_| AppError::BadInput(format!("请选择{what}")))
}

async fn define(
    State(app): State<App>,
    user: PageUser,
    Query(q): Query<super::ScopeQuery>,
    Form(form): Form<Vec<(String, String)>>,
) -> PageResult {
    let a = &user.actor;
    let scope = scope(&app, &user.actor, &q.g, &q.year).await?;
    let input = (|| -> Result<IndicatorInput, AppError> {
        Ok(IndicatorInput {
            name: field(&form, "name").into(),
            unit: field(&form, "unit").into(),
            measure: code(field(&form, "measure"), "类型")?,
            frequency: code(field(&form, "frequency"), "频度")?,
            unit_id: opt_id(field(&form, "unit_id"))?,
        })
    })();
    let result = match input {
        Ok(i) => indicators::define(&app, a, scope.government_id, &i).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(
            Redirect::to(&format!("/registers/indicators?{}&ok=1", scope.query())).into_response(),
        ),
        Err(e) => refused(
            form_page(a, &scope, fields(&app, scope.government_id).await?),
            e,
            &form,
        ),
    }
}

async fn set_value(
    State(app): State<App>,
    user: PageUser,
    Path(id): Path<i64>,
    Query(q): Query<super::ScopeQuery>,
    Form(form): Form<Vec<(String, String)>>,
) -> PageResult {
    let a = &user.actor;
    let scope = scope(&app, &user.actor, &q.g, &q.year).await?;
    let input = ValueInput {
        period: field(&form, "period").into(),
        value: opt_f64(field(&form, "value"), "数值")?
            .ok_or_else(|| AppError::BadInput("请填写数值".into()))?,
        provenance: field(&form, "provenance")
            .parse()
            .unwrap_or(Provenance::Reported),
        note: field(&form, "note").into(),
    };
    indicators::set_value(&app, a, id, &input).await?;
    Ok(Redirect::to(&format!("/registers/indicators?{}&ok=1", scope.query())).into_response())
}
