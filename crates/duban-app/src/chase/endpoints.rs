//! Outbound endpoints (企业微信/钉钉 robots, e-mail) and the delivery log: the
//! administrator's settings. Secrets are stored but never handed back to the faces.

use crate::access::chase as access;
use crate::{Actor, App, AppError, Result};
use duban_db::deliveries::{self as db, Delivery, Endpoint, EndpointInput};
use duban_notify::Target;

/// What the administrator enters for an endpoint.
pub struct EndpointForm<'a> {
    pub name: &'a str,
    /// wecom | dingtalk | email.
    pub channel: &'a str,
    pub target: &'a str,
    /// The 钉钉 加签 secret; `None` on an update keeps the stored one.
    pub secret: Option<&'a str>,
    /// markdown | text.
    pub format: &'a str,
    pub unit_id: Option<i64>,
    pub enabled: bool,
}

fn check(f: &EndpointForm<'_>) -> Result<()> {
    if f.name.trim().is_empty() || f.name.chars().count() > 100 {
        return Err(AppError::BadInput("请填写名称（不超过100字）".into()));
    }
    if f.target.len() > 2000 {
        return Err(AppError::BadInput("地址过长".into()));
    }
    if !matches!(f.format, "markdown" | "text") {
        return Err(AppError::BadInput("格式只能是 markdown 或 text".into()));
    }
    Target::from_config(f.channel, f.target, f.secret, f.format)
        .map_err(|e| AppError::BadInput(e.to_string()))?;
    Ok(())
}

/// Endpoints with their secrets blanked.
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<Endpoint>> {
    access::require_endpoints(actor)?;
    let mut tx = app.db.read().await?;
    let mut list = db::endpoints(&mut tx).await?;
    for e in &mut list {
        e.secret = e.secret.as_ref().map(|_| "******".into());
    }
    Ok(list)
}

pub async fn create(app: &App, actor: &Actor, f: &EndpointForm<'_>) -> Result<i64> {
    access::require_endpoints(actor)?;
    check(f)?;
    let mut tx = app.begin().await?;
    let id = db::insert_endpoint(&mut tx, &input(f, f.secret, actor)).await?;
    actor
        .audit(
            &mut tx,
            "endpoint_create",
            "notify_endpoint",
            Some(id),
            None,
            Some(snap(f)),
        )
        .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update(app: &App, actor: &Actor, id: i64, f: &EndpointForm<'_>) -> Result<()> {
    access::require_endpoints(actor)?;
    let mut tx = app.begin().await?;
    let old = db::endpoints(&mut tx)
        .await?
        .into_iter()
        .find(|e| e.id == id)
        .ok_or(AppError::NotFound)?;
    let secret = f.secret.or(old.secret.as_deref());
    check(&EndpointForm { secret, ..*f })?;
    db::update_endpoint(&mut tx, id, &input(f, secret, actor)).await?;
    actor
        .audit(
            &mut tx,
            "endpoint_update",
            "notify_endpoint",
            Some(id),
            None,
            Some(snap(f)),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn delete(app: &App, actor: &Actor, id: i64) -> Result<()> {
    access::require_endpoints(actor)?;
    let mut tx = app.begin().await?;
    db::delete_endpoint(&mut tx, id).await?;
    actor
        .audit(
            &mut tx,
            "endpoint_delete",
            "notify_endpoint",
            Some(id),
            None,
            None,
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The latest deliveries (the log the administrator checks).
pub async fn log(app: &App, actor: &Actor, limit: i64) -> Result<Vec<Delivery>> {
    access::require_endpoints(actor)?;
    let mut tx = app.db.read().await?;
    Ok(db::recent(&mut tx, limit.clamp(1, 500)).await?)
}

fn input<'a>(f: &EndpointForm<'a>, secret: Option<&'a str>, actor: &Actor) -> EndpointInput<'a> {
    EndpointInput {
        name: f.name.trim(),
        channel: f.channel,
        target: f.target.trim(),
        secret,
        format: f.format,
        unit_id: f.unit_id,
        enabled: f.enabled,
        updated_by: actor.user_id,
    }
}

fn snap(f: &EndpointForm<'_>) -> serde_json::Value {
    serde_json::json!({
        "name": f.name, "channel": f.channel, "target": f.target, "format": f.format,
        "unit_id": f.unit_id, "enabled": f.enabled, "secret_set": f.secret.is_some(),
    })
}
