//! 消息推送: the administrator's 企业微信/钉钉 robots and e-mail endpoints (add, enable or
//! disable, delete) and the delivery log with each endpoint's responses.

use super::views::*;
use super::{PageResult, render};
use crate::extract::{PageUser, opt_id};
use askama::Template;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use duban_app::chase::endpoints::{self, EndpointForm};
use duban_app::{App, admin};
use serde::Deserialize;
use std::collections::HashMap;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/endpoints", get(page).post(create))
        .route("/endpoints/{id}/toggle", post(toggle))
        .route("/endpoints/{id}/delete", post(delete))
}

struct EndpointView {
    id: i64,
    name: String,
    channel: &'static str,
    target: String,
    unit: String,
    enabled: bool,
    signed: bool,
}

struct DeliveryView {
    at: String,
    channel: &'static str,
    recipient: String,
    subject: String,
    state: String,
    attempts: i64,
    error: String,
}

#[derive(Template)]
#[template(path = "endpoints.html")]
struct EndpointsPage {
    me: Me,
    flash: String,
    endpoints: Vec<EndpointView>,
    deliveries: Vec<DeliveryView>,
    unit_opts: Vec<Opt>,
}

fn channel_label(c: &str) -> &'static str {
    match c {
        "wecom" => "企业微信机器人",
        "dingtalk" => "钉钉机器人",
        "email" => "电子邮件",
        _ => "其他",
    }
}

/// A webhook address holds its key: show only its start.
fn masked(target: &str) -> String {
    let keep: String = target.chars().take(40).collect();
    if keep.len() < target.len() {
        format!("{keep}…")
    } else {
        keep
    }
}

#[derive(Deserialize, Default)]
struct OkQuery {
    #[serde(default)]
    ok: String,
}

async fn page(State(app): State<App>, user: PageUser, Query(q): Query<OkQuery>) -> PageResult {
    let a = &user.actor;
    let list = endpoints::list(&app, a).await?;
    let log = endpoints::log(&app, a, 100).await?;
    let units: HashMap<i64, String> = admin::units(&app)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let mut unit_opts = vec![Opt::new("", "（督查室：所有督办通知）", "")];
    unit_opts.extend(units.iter().map(|(id, n)| Opt::new(id, n, "")));
    unit_opts[1..].sort_by(|x, y| x.label.cmp(&y.label));
    render(EndpointsPage {
        me: Me::of(a),
        flash: match q.ok.as_str() {
            "create" => "已添加".into(),
            "toggle" => "已更新".into(),
            "delete" => "已删除".into(),
            _ => String::new(),
        },
        endpoints: list
            .iter()
            .map(|e| EndpointView {
                id: e.id,
                name: e.name.clone(),
                channel: channel_label(&e.channel),
                target: masked(&e.target),
                unit: e
                    .unit_id
                    .and_then(|u| units.get(&u).cloned())
                    .unwrap_or_else(|| "督查室".into()),
                enabled: e.enabled,
                signed: e.secret.is_some(),
            })
            .collect(),
        deliveries: log
            .iter()
            .map(|d| DeliveryView {
                at: datetime(d.last_attempt_at.unwrap_or(d.created_at)),
                channel: channel_label(&d.channel),
                recipient: masked(&d.recipient),
                subject: d.subject.clone(),
                state: match d.state.as_str() {
                    "sent" => "已送达".into(),
                    "pending" => "待发送".into(),
                    "failed" => "失败".into(),
                    other => other.to_string(),
                },
                attempts: d.attempts,
                error: d.last_error.clone().unwrap_or_default(),
            })
            .collect(),
        unit_opts,
    })
}

#[derive(Deserialize)]
struct CreateForm {
    name: String,
    channel: String,
    target: String,
    #[serde(default)]
    secret: String,
    #[serde(default)]
    format: String,
    #[serde(default)]
    unit: String,
}

async fn create(State(app): State<App>, user: PageUser, Form(f): Form<CreateForm>) -> PageResult {
    let secret = f.secret.trim();
    let format = if f.format.is_empty() {
        "markdown"
    } else {
        f.format.as_str()
    };
    endpoints::create(
        &app,
        &user.actor,
        &EndpointForm {
            name: &f.name,
            channel: f.channel.trim(),
            target: &f.target,
            secret: (!secret.is_empty()).then_some(secret),
            format,
            unit_id: opt_id(f.unit.trim())?,
            enabled: true,
        },
    )
    .await?;
    Ok(Redirect::to("/endpoints?ok=create").into_response())
}

async fn toggle(State(app): State<App>, user: PageUser, Path(id): Path<i64>) -> PageResult {
    let a = &user.actor;
    let e = endpoints::list(&app, a)
        .await?
        .into_iter()
        .find(|e| e.id == id)
        .ok_or(duban_app::AppError::NotFound)?;
    endpoints::update(
        &app,
        a,
        id,
        &EndpointForm {
            name: &e.name,
            channel: &e.channel,
            target: &e.target,
            // None keeps the stored secret (the list only says whether there is one).
            secret: None,
            format: &e.format,
            unit_id: e.unit_id,
            enabled: !e.enabled,
        },
    )
    .await?;
    Ok(Redirect::to("/endpoints?ok=toggle").into_response())
}

async fn delete(State(app): State<App>, user: PageUser, Path(id): Path<i64>) -> PageResult {
    endpoints::delete(&app, &user.actor, id).await?;
    Ok(Redirect::to("/endpoints?ok=delete").into_response())
}
