//! 计划设置: a plan's due day, default cycle and status thresholds.

use super::views::{Me, Opt, num};
use super::{PageResult, no_plan, render, render_status};
use crate::error::PageError;
use crate::extract::PageUser;
use askama::Template;
use axum::Router;
use axum::extract::{Form, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use duban_app::core::Cycle;
use duban_app::core::status::Thresholds;
use duban_app::items::PlanSettings;
use duban_app::{App, AppError, items};
use serde::Deserialize;

pub fn routes() -> Router<App> {
    Router::new().route("/settings", get(settings_page).post(settings_submit))
}

/// A failed save: the form again with the app's message (400/409), or an error page for
/// what the form cannot fix (403, 500).
fn form_error(e: AppError) -> Result<(StatusCode, String), PageError> {
    match e {
        AppError::BadInput(m) => Ok((StatusCode::BAD_REQUEST, m)),
        AppError::Conflict(m) => Ok((StatusCode::CONFLICT, m)),
        other => Err(other.into()),
    }
}

/// One threshold input: name, label, value, step, one line of explanation.
struct Field {
    name: &'static str,
    label: &'static str,
    value: String,
    step: &'static str,
    help: &'static str,
}

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    me: Me,
    plan_id: i64,
    plan_title: String,
    plan_opts: Vec<Opt>,
    flash: String,
    error: String,
    due_day: String,
    cycle_opts: Vec<Opt>,
    fields: Vec<Field>,
}

fn threshold_fields(t: &Thresholds) -> Vec<Field> {
    vec![
        Field {
            name: "ahead_points",
            label: "超进度阈值（百分点）",
            value: num(t.ahead_points),
            step: "any",
            help: "完成进度比序时进度快这么多个百分点及以上，判为“超进度”。",
        },
        Field {
            name: "behind_points",
            label: "欠进度阈值（百分点）",
            value: num(t.behind_points),
            step: "any",
            help: "完成进度与序时进度之差低于此值即为“欠进度”（0 表示落后即欠进度）。",
        },
        Field {
            name: "serious_points",
            label: "严重滞后阈值（百分点）",
            value: num(t.serious_points),
            step: "any",
            help: "落后序时进度超过这么多个百分点，判为“严重滞后”（红灯）。",
        },
        Field {
            name: "growth_band",
            label: "增速容差（百分点）",
            value: num(t.growth_band),
            step: "any",
            help: "增速类目标：累计增幅在目标上下这么多个百分点之内算“达进度”。",
        },
        Field {
            name: "ceiling_tolerance",
            label: "上限容差（比例）",
            value: num(t.ceiling_tolerance),
            step: "any",
            help: "“控制在…以内”的目标：超出上限不到这个比例（0.1 即 10%）为欠进度，更多为严重滞后。",
        },
        Field {
            name: "yellow_from_points",
            label: "黄灯起点（百分点）",
            value: num(t.yellow_from_points),
            step: "any",
            help: "欠进度但落后不足这么多个百分点时仍亮绿灯（银川为 10；0 表示欠进度即亮黄灯）。",
        },
    ]
}

#[derive(Deserialize, Default)]
struct SettingsQuery {
    #[serde(default)]
    plan: String,
    #[serde(default)]
    ok: String,
}

fn settings_view(
    me: Me,
    plan: &duban_app::db::Plan,
    plans: &[duban_app::db::Plan],
    due_day: String,
    cycle: &str,
    fields: Vec<Field>,
) -> SettingsPage {
    SettingsPage {
        me,
        plan_id: plan.id,
        plan_title: plan.title.clone(),
        plan_opts: plans
            .iter()
            .map(|p| {
                Opt::new(
                    p.id,
                    format!("{} {}年", p.government_name, p.year),
                    &plan.id.to_string(),
                )
            })
            .collect(),
        flash: String::new(),
        error: String::new(),
        due_day,
        cycle_opts: Cycle::ALL
            .iter()
            .map(|c| Opt::new(c.as_str(), c.label(), cycle))
            .collect(),
        fields,
    }
}

async fn settings_page(
    State(app): State<App>,
    user: PageUser,
    Query(q): Query<SettingsQuery>,
) -> PageResult {
    let a = &user.actor;
    a.require_import()?;
    let Some(plan) = super::page_plan(&app, a, &q.plan).await? else {
        return no_plan(Me::of(a));
    };
    let s = items::plan_settings(&app, a, plan.id).await?;
    let plans = items::plans_for(&app, a).await?;
    let mut page = settings_view(
        Me::of(a),
        &plan,
        &plans,
        s.due_day.to_string(),
        s.default_cycle.as_str(),
        threshold_fields(&s.thresholds),
    );
    if !q.ok.is_empty() {
        page.flash = "计划设置已保存，状态已按新阈值重新计算".into();
    }
    render(page)
}

async fn settings_submit(
    State(app): State<App>,
    user: PageUser,
    Form(form): Form<Vec<(String, String)>>,
) -> PageResult {
    let a = &user.actor;
    let get = |k: &str| {
        form.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let Some(plan) = super::page_plan(&app, a, &get("plan_id")).await? else {
        return Err(AppError::NotFound.into());
    };
    let result = async {
        let number = |k: &str, what: &str| -> Result<f64, AppError> {
            let v = get(k);
            v.parse::<f64>()
                .map_err(|_| AppError::BadInput(format!("{what}“{v}”不是数字")))
        };
        let due_day = get("due_day");
        let due_day: i64 = due_day
            .parse()
            .map_err(|_| AppError::BadInput(format!("报送截止日“{due_day}”应为 1 到 28 的整数")))?;
        let default_cycle: Cycle = get("default_cycle")
            .parse()
            .map_err(|_| AppError::BadInput("请选择默认填报周期".into()))?;
        let thresholds = match get("preset").as_str() {
            "default" => Thresholds::default(),
            "yinchuan" => Thresholds::yinchuan(),
            _ => Thresholds {
                ahead_points: number("ahead_points", "超进度阈值")?,
                behind_points: number("behind_points", "欠进度阈值")?,
                serious_points: number("serious_points", "严重滞后阈值")?,
                growth_band: number("growth_band", "增速容差")?,
                ceiling_tolerance: number("ceiling_tolerance", "上限容差")?,
                yellow_from_points: number("yellow_from_points", "黄灯起点")?,
            },
        };
        items::set_plan_settings(
            &app,
            a,
            plan.id,
            &PlanSettings {
                due_day,
                default_cycle,
                thresholds,
            },
        )
        .await
    }
    .await;
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/settings?plan={}&ok=1", plan.id)).into_response()),
        Err(e) => {
            let (status, message) = form_error(e)?;
            let plans = items::plans_for(&app, a).await?;
            // The form again as it was sent, with the message.
            let mut fields = threshold_fields(&Thresholds::default());
            for f in &mut fields {
                f.value = get(f.name);
            }
            let mut page = settings_view(
                Me::of(a),
                &plan,
                &plans,
                get("due_day"),
                &get("default_cycle"),
                fields,
            );
            page.error = message;
            render_status(status, page)
        }
    }
}
