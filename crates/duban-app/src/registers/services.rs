//! 政务服务事项目录: entry and editing by the department (or the office).

use super::{MAX_NAME, optional, required, snap};
use crate::access::registers as access;
use crate::{Actor, App, AppError, Result};
use duban_core::registers::services::ServiceFacts;
use duban_db::services::{self as db, ServiceItem};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ServiceInput {
    #[serde(default)]
    pub code: String,
    pub name: String,
    pub unit_id: Option<i64>,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub at_most_once: bool,
    #[serde(default)]
    pub no_visit: bool,
    #[serde(default)]
    pub fully_online: bool,
    #[serde(default)]
    pub one_window: bool,
    /// 法定时限, working days.
    pub legal_days: Option<i64>,
    /// 承诺时限, working days.
    pub promised_days: Option<i64>,
}

pub(crate) struct Checked {
    code: String,
    name: String,
    kind: String,
}

pub(crate) fn check(s: &ServiceInput) -> Result<Checked> {
    for (label, d) in [("法定时限", s.legal_days), ("承诺时限", s.promised_days)] {
        if d.is_some_and(|d| !(0..=3650).contains(&d)) {
            return Err(AppError::BadInput(format!("{label}应为0—3650个工作日")));
        }
    }
    if let (Some(l), Some(p)) = (s.legal_days, s.promised_days)
        && p > l
    {
        return Err(AppError::BadInput(format!(
            "承诺时限{p}个工作日长于法定时限{l}个工作日"
        )));
    }
    Ok(Checked {
        code: optional("事项编码", &s.code, 100)?,
        name: required("事项名称", &s.name, MAX_NAME)?,
        kind: optional("事项类型", &s.kind, 50)?,
    })
}

pub(crate) fn fields<'a>(
    s: &'a ServiceInput,
    c: &'a Checked,
    unit: Option<i64>,
) -> db::ServiceFields<'a> {
    db::ServiceFields {
        code: &c.code,
        name: &c.name,
        unit_id: unit,
        kind: &c.kind,
        at_most_once: s.at_most_once,
        no_visit: s.no_visit,
        fully_online: s.fully_online,
        one_window: s.one_window,
        legal_days: s.legal_days,
        promised_days: s.promised_days,
    }
}

pub(crate) fn facts(s: &ServiceItem) -> ServiceFacts {
    let days = |d: Option<i64>| d.and_then(|d| u32::try_from(d).ok());
    ServiceFacts {
        at_most_once: s.at_most_once,
        no_visit: s.no_visit,
        fully_online: s.fully_online,
        one_window: s.one_window,
        legal_days: days(s.legal_days),
        promised_days: days(s.promised_days),
    }
}

pub async fn list(app: &App, actor: &Actor, government_id: i64) -> Result<Vec<ServiceItem>> {
    let mut tx = app.db.read().await?;
    crate::access::require_government(&mut tx, actor, government_id).await?;
    Ok(db::list(&mut tx, government_id, access::read_scope(actor)).await?)
}

/// One page of [`list`], optionally only names containing `name`.
pub async fn list_page(
    app: &App,
    actor: &Actor,
    government_id: i64,
    name: Option<&str>,
    req: super::PageReq,
) -> Result<super::Paged<ServiceItem>> {
    let (page, per, offset) = super::page_window(req);
    let name = name.map(str::trim).filter(|n| !n.is_empty());
    let mut tx = app.db.read().await?;
    crate::access::require_government(&mut tx, actor, government_id).await?;
    let (rows, total) = db::list_page(
        &mut tx,
        government_id,
        access::read_scope(actor),
        name,
        per,
        offset,
    )
    .await?;
    Ok(super::Paged {
        rows,
        total,
        page,
        per_page: per,
    })
}

pub async fn get(app: &App, actor: &Actor, id: i64) -> Result<ServiceItem> {
    let mut tx = app.db.read().await?;
    let s = db::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    crate::access::require_government(&mut tx, actor, s.government_id).await?;
    access::require_read(actor, s.unit_id, &[])?;
    Ok(s)
}

pub async fn create(
    app: &App,
    actor: &Actor,
    government_id: i64,
    input: &ServiceInput,
) -> Result<ServiceItem> {
    let unit = access::owner_for_new(actor, input.unit_id)?;
    let c = check(input)?;
    let mut tx = app.begin().await?;
    crate::access::require_government(&mut tx, actor, government_id).await?;
    access::require_units(&mut tx, government_id, unit).await?;
    let id = db::insert(&mut tx, government_id, &fields(input, &c, unit)).await?;
    let after = db::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    actor
        .audit(
            &mut tx,
            "service_create",
            "service_item",
            Some(id),
            None,
            snap(&after),
        )
        .await?;
    tx.commit().await?;
    Ok(after)
}

pub async fn update(
    app: &App,
    actor: &Actor,
    id: i64,
    input: &ServiceInput,
) -> Result<ServiceItem> {
    let c = check(input)?;
    let mut tx = app.begin().await?;
    let before = db::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    crate::access::require_government(&mut tx, actor, before.government_id).await?;
    access::require_edit(actor, before.unit_id)?;
    let unit = if actor.is_office() {
        input.unit_id
    } else {
        before.unit_id
    };
    access::require_units(&mut tx, before.government_id, unit).await?;
    db::update(&mut tx, id, &fields(input, &c, unit)).await?;
    let after = db::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    actor
        .audit(
            &mut tx,
            "service_update",
            "service_item",
            Some(id),
            snap(&before),
            snap(&after),
        )
        .await?;
    tx.commit().await?;
    Ok(after)
}

pub async fn delete(app: &App, actor: &Actor, id: i64) -> Result<()> {
    let mut tx = app.begin().await?;
    let before = db::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    crate::access::require_government(&mut tx, actor, before.government_id).await?;
    access::require_edit(actor, before.unit_id)?;
    db::delete(&mut tx, id).await?;
    actor
        .audit(
            &mut tx,
            "service_delete",
            "service_item",
            Some(id),
            snap(&before),
            None,
        )
        .await?;
    tx.commit().await?;
    Ok(())
}
