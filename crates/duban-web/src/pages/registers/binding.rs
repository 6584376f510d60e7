//! Binding a target to a register figure, on the item's page: the office picks the figure
//! (a project count or investment, completed investment of key projects, a proposal or
//! service rate, the service count, or an indicator series); the page then shows that the
//! target's progress comes from the register, and from where.

use crate::extract::{PageUser, field, opt_id};
use crate::pages::PageResult;
use crate::pages::views::Opt;
use axum::Router;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::post;
use duban_app::core::ProjectStage;
use duban_app::core::registers::binding::BoundFigure;
use duban_app::core::registers::projects::ProjectLevel;
use duban_app::db::Plan;
use duban_app::registers::bindings;
use duban_app::{Actor, App, AppError};
use serde_json::json;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/items/{id}/binding", post(bind))
        .route("/items/{id}/binding/delete", post(unbind))
}

/// The binding section of an item's page.
pub struct BindingView {
    /// Where the target's progress comes from, when bound.
    pub source: String,
    pub office: bool,
    pub kind_opts: Vec<Opt>,
    pub stage_opts: Vec<Opt>,
    pub level_opts: Vec<Opt>,
    pub proposal_rate_opts: Vec<Opt>,
    pub service_rate_opts: Vec<Opt>,
    pub indicator_opts: Vec<Opt>,
}

fn opts(all: &[(&str, &str)], cur: &str) -> Vec<Opt> {
    all.iter().map(|(v, l)| Opt::new(v, l, cur)).collect()
}

/// The section for a quantified target (`None` for tasks and targets without a value).
pub async fn view(
    app: &App,
    actor: &Actor,
    seen: Option<duban_app::Seen>,
    plan: &Plan,
    item: &duban_app::db::Item,
) -> Result<Option<BindingView>, AppError> {
    if item.kind != duban_app::core::ItemKind::Target || item.value.is_none() {
        return Ok(None);
    }
    let bound = duban_app::views::bindings(app, actor, seen, plan.id)
        .await?
        .iter()
        .find(|b| b.item_id == item.id)
        .cloned();
    let office = actor.abilities().manage;
    if bound.is_none() && !office {
        return Ok(None);
    }
    let kind = bound
        .as_ref()
        .and_then(|b| serde_json::to_value(&b.figure).ok())
        .and_then(|v| v["kind"].as_str().map(String::from))
        .unwrap_or_default();
    let indicator_opts = if office {
        let period = duban_app::core::Period {
            year: plan.year as i32,
            month: 12,
        };
        duban_app::views::indicator_series(app, actor, seen, plan.government_id, period)
            .await?
            .iter()
            .map(|s| {
                Opt::new(
                    s.indicator.id,
                    format!("{}（{}）", s.indicator.name, s.indicator.unit),
                    "",
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(Some(BindingView {
        source: bound.map(|b| b.source).unwrap_or_default(),
        office,
        kind_opts: opts(
            &[
                ("project_count", "项目个数"),
                ("project_investment", "项目总投资"),
                ("completed_investment", "重点项目完成投资"),
                ("proposal_rate", "建议提案办理率"),
                ("service_rate", "政务服务事项比率"),
                ("service_count", "政务服务事项数"),
                ("indicator", "经济运行指标"),
            ],
            &kind,
        ),
        stage_opts: ProjectStage::ALL
            .iter()
            .map(|s| Opt::new(s.as_str(), s.label(), "signed"))
            .collect(),
        level_opts: ProjectLevel::ALL
            .iter()
            .map(|s| Opt::new(s.as_str(), s.label(), ""))
            .collect(),
        proposal_rate_opts: opts(
            &[
                ("reply", "办复率"),
                ("close", "办结率"),
                ("work_satisfaction", "办理工作满意率"),
                ("result_satisfaction", "办理结果满意率"),
            ],
            "",
        ),
        service_rate_opts: opts(
            &[
                ("at_most_once", "最多跑一次比率"),
                ("no_visit", "不见面审批比率"),
                ("fully_online", "全程网办比率"),
                ("one_window", "一窗受理比率"),
            ],
            "",
        ),
        indicator_opts,
    }))
}

/// The figure the form names.
fn figure_of(form: &[(String, String)]) -> Result<BoundFigure, AppError> {
    let kind = field(form, "kind");
    let over = !field(form, "over_100m_only").is_empty();
    let v = match kind {
        "project_count" | "project_investment" => {
            json!({"kind": kind, "stage": field(form, "stage"), "over_100m_only": over})
        }
        "completed_investment" => json!({"kind": kind, "levels": form
            .iter()
            .filter(|(k, v)| k == "levels" && !v.is_empty())
            .map(|(_, v)| v.clone())
            .collect::<Vec<_>>()}),
        "proposal_rate" => json!({"kind": kind, "rate": field(form, "proposal_rate")}),
        "service_rate" => json!({"kind": kind, "rate": field(form, "service_rate")}),
        "service_count" => json!({"kind": kind}),
        "indicator" => json!({
            "kind": kind,
            "indicator_id": opt_id(field(form, "indicator_id"))?
                .ok_or_else(|| AppError::BadInput("请选择指标".into()))?,
            "field": if field(form, "field") == "growth" { "growth" } else { "level" },
        }),
        _ => return Err(AppError::BadInput("请选择绑定的台账数据".into())),
    };
    serde_json::from_value(v).map_err(|_| AppError::BadInput("绑定的台账数据不完整".into()))
}

async fn bind(
    State(app): State<App>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<Vec<(String, String)>>,
) -> PageResult {
    let a = &user.actor;
    duban_app::access::registers::require_office(a)?;
    let f = figure_of(&form)?;
    bindings::bind(&app, a, id, &f).await?;
    Ok(Redirect::to(&format!("/items/{id}?ok=bind#binding")).into_response())
}

async fn unbind(State(app): State<App>, user: PageUser, Path(id): Path<i64>) -> PageResult {
    bindings::unbind(&app, &user.actor, id).await?;
    Ok(Redirect::to(&format!("/items/{id}?ok=unbind#binding")).into_response())
}
