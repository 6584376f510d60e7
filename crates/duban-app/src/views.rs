//! The read pages' models kept at the counters a request read first (issue 13): a page
//! asked again while nothing changed is rendered from memory, for each viewer anew (the
//! header, the CSRF token and the name differ; nothing rendered is shared).
//!
//! Every model is keyed on every input it depends on: the plan or item, the period, the
//! day judged on, and the viewer's role, unit and governments ([`Viewer`]). What an actor
//! may see follows from exactly those inputs and the data (`access`: the plan's government
//! in the actor's scope, the unit's part in an item), so a model kept under a key was
//! allowed to whoever has that key at that version; a refusal is never kept. Without
//! counters (a request that changes something, the command line) each model is computed
//! afresh, with its usual checks.

use crate::access::Scope;
use crate::cache::{Key, Page, Viewer, kept};
use crate::items::{ItemDetail, ItemStatus, PlanOverview};
use crate::progress::DueItem;
use crate::progress::trail::ReportTrails;
use crate::{Actor, App, Result, Seen};
use duban_core::{Period, Role};
use duban_db::Unit;
use std::collections::HashMap;
use std::sync::Arc;
use time::Date;

/// The viewer of `actor` at `seen`: its scope comes with the plans it sees (kept too).
async fn viewer(app: &App, actor: &Actor, seen: Seen) -> Result<Viewer> {
    let choice = crate::plan_choice::choice_at(app, actor, seen).await?;
    Ok(Viewer {
        role: actor.role,
        unit: actor.unit_scope(),
        scope: choice.scope,
    })
}

fn key(page: Page, id: i64, period: Option<Period>, today: Date, v: Viewer) -> Key {
    Key::Page {
        page,
        id,
        period,
        today,
        viewer: v,
        user: None,
    }
}

/// `compute` kept under its page and id for the actor's viewer (afresh without counters).
async fn per_viewer<T, F>(
    app: &App,
    actor: &Actor,
    seen: Option<Seen>,
    (page, id, period): (Page, i64, Option<Period>),
    compute: F,
) -> Result<Arc<T>>
where
    T: std::any::Any + Send + Sync,
    F: std::future::Future<Output = Result<T>>,
{
    let Some(at) = seen else {
        return compute.await.map(Arc::new);
    };
    let v = viewer(app, actor, at).await?;
    kept(app, key(page, id, period, Date::MIN, v), seen, compute).await
}

/// The statuses of a plan's items the actor sees (`status::compute`), shared rather than
/// copied on every request.
pub async fn statuses(
    app: &App,
    actor: &Actor,
    seen: Option<Seen>,
    plan_id: i64,
    period: Period,
    today: Date,
) -> Result<Arc<Vec<ItemStatus>>> {
    let Some(at) = seen else {
        return Ok(Arc::new(
            crate::status::compute(app, actor, plan_id, period, today)
                .await?
                .1,
        ));
    };
    let k = key(
        Page::Statuses,
        plan_id,
        Some(period),
        today,
        viewer(app, actor, at).await?,
    );
    kept(app, k, seen, async {
        Ok(crate::status::compute(app, actor, plan_id, period, today)
            .await?
            .1)
    })
    .await
}

/// What the item list shows of a plan: its sections and items, their statuses, the items
/// carried from the year before, the units to filter by.
#[derive(Debug)]
pub struct ItemList {
    pub overview: PlanOverview,
    pub statuses: Arc<Vec<ItemStatus>>,
    /// Item → the item it was carried over from.
    pub carried: HashMap<i64, i64>,
    pub units: Vec<Unit>,
}

pub async fn item_list(
    app: &App,
    actor: &Actor,
    seen: Option<Seen>,
    plan_id: i64,
    period: Period,
    today: Date,
) -> Result<Arc<ItemList>> {
    let compute = async {
        let overview = crate::items::overview(app, actor, plan_id).await?;
        Ok(ItemList {
            statuses: statuses(app, actor, seen, plan_id, period, today).await?,
            carried: crate::carry::carried_in(app, actor, plan_id).await?,
            units: crate::admin::units_for(app, actor).await?,
            overview,
        })
    };
    let Some(at) = seen else {
        return compute.await.map(Arc::new);
    };
    let k = key(
        Page::ItemList,
        plan_id,
        Some(period),
        today,
        viewer(app, actor, at).await?,
    );
    kept(app, k, seen, compute).await
}

/// What an item's page shows of it, beside its plan's statuses: the item with its reports,
/// their histories and attachments, and the item it was carried over from.
#[derive(Debug)]
pub struct ItemView {
    pub detail: ItemDetail,
    pub trails: ReportTrails,
    pub carried_from: Option<i64>,
}

pub async fn item(
    app: &App,
    actor: &Actor,
    seen: Option<Seen>,
    item_id: i64,
) -> Result<Arc<ItemView>> {
    let compute = async {
        // The detail checks that the actor sees the item; the rest reads no further.
        let detail = crate::items::detail(app, actor, item_id).await?;
        Ok(ItemView {
            trails: crate::progress::trail::of_item(app, actor, item_id).await?,
            carried_from: crate::carry::source_of(app, actor, item_id).await?,
            detail,
        })
    };
    let Some(at) = seen else {
        return compute.await.map(Arc::new);
    };
    let v = viewer(app, actor, at).await?;
    // The day does not change what the item shows (its status comes from `statuses`).
    let k = key(Page::Item, item_id, None, Date::MIN, v);
    kept(app, k, seen, compute).await
}

/// The text of a plan's report, kept once per plan (every item page shows its part).
pub async fn source_text(
    app: &App,
    actor: &Actor,
    seen: Option<Seen>,
    plan_id: i64,
) -> Result<Arc<String>> {
    let Some(at) = seen else {
        return crate::items::source_text(app, plan_id).await.map(Arc::new);
    };
    // Only a plan the actor sees (as `items::detail` checked before).
    crate::plan_choice::choice_at(app, actor, at)
        .await?
        .pick(Some(plan_id))?;
    let k = Key::Page {
        page: Page::SourceText,
        id: plan_id,
        period: None,
        today: Date::MIN,
        viewer: Viewer {
            role: Role::Admin,
            unit: None,
            scope: Scope::All,
        },
        user: None,
    };
    kept(app, k, seen, crate::items::source_text(app, plan_id)).await
}

/// 本期待报 of the actor's unit (`progress::due`).
pub async fn due(
    app: &App,
    actor: &Actor,
    seen: Option<Seen>,
    plan_id: i64,
    period: Period,
) -> Result<Arc<Vec<DueItem>>> {
    let compute = crate::progress::due(app, actor, plan_id, period);
    let Some(at) = seen else {
        return compute.await.map(Arc::new);
    };
    let v = viewer(app, actor, at).await?;
    kept(
        app,
        key(Page::Due, plan_id, Some(period), app.today(), v),
        seen,
        compute,
    )
    .await
}

/// The dashboard (`dashboard::build`), for the actor's role, unit and governments (and the
/// leader, for 我分管的).
pub async fn dashboard(
    app: &App,
    actor: &Actor,
    seen: Option<Seen>,
    plan_id: i64,
    period: Period,
    today: Date,
    mine_only: bool,
) -> Result<Arc<crate::dashboard::Dashboard>> {
    let compute = crate::dashboard::build(app, actor, plan_id, period, today, mine_only);
    let Some(at) = seen else {
        return compute.await.map(Arc::new);
    };
    let v = viewer(app, actor, at).await?;
    let mine = actor.own_items_only(mine_only);
    let mut k = key(Page::Dashboard, plan_id, Some(period), today, v);
    if let Key::Page { user, .. } = &mut k {
        *user = actor.user_id.filter(|_| mine);
    }
    kept(app, k, seen, compute).await
}

/// The units the actor sees (`admin::units_for`), kept per governments seen.
pub async fn units_for(app: &App, actor: &Actor, seen: Option<Seen>) -> Result<Arc<Vec<Unit>>> {
    per_scope(
        app,
        actor,
        seen,
        Page::Units,
        crate::admin::units_for(app, actor),
    )
    .await
}

/// The 责任领导 the actor sees (`admin::leaders_for`), kept per governments seen.
pub async fn leaders_for(
    app: &App,
    actor: &Actor,
    seen: Option<Seen>,
) -> Result<Arc<Vec<duban_db::UserListing>>> {
    per_scope(
        app,
        actor,
        seen,
        Page::Leaders,
        crate::admin::leaders_for(app, actor),
    )
    .await
}

/// `compute` kept under `page` for the governments the actor sees only: the lists depend
/// on nothing else of the viewer (afresh without counters).
async fn per_scope<T, F>(
    app: &App,
    actor: &Actor,
    seen: Option<Seen>,
    page: Page,
    compute: F,
) -> Result<Arc<T>>
where
    T: std::any::Any + Send + Sync,
    F: std::future::Future<Output = Result<T>>,
{
    let Some(at) = seen else {
        return compute.await.map(Arc::new);
    };
    let k = key(page, 0, None, Date::MIN, scope_only(app, actor, at).await?);
    kept(app, k, seen, compute).await
}

/// The units of a government (`admin::units_of_government`: names on a dashboard whose
/// plan the caller checked).
pub async fn units_of_government(
    app: &App,
    seen: Option<Seen>,
    government_id: i64,
) -> Result<Arc<Vec<Unit>>> {
    let k = key(
        Page::Units,
        government_id,
        None,
        Date::MIN,
        Viewer {
            role: Role::Admin,
            unit: None,
            scope: Scope::Government(government_id),
        },
    );
    kept(
        app,
        k,
        seen,
        crate::admin::units_of_government(app, government_id),
    )
    .await
}

/// A viewer that differs only by the governments it sees.
async fn scope_only(app: &App, actor: &Actor, seen: Seen) -> Result<Viewer> {
    Ok(Viewer {
        role: Role::Admin,
        unit: None,
        scope: viewer(app, actor, seen).await?.scope,
    })
}

/// The targets of a plan bound to a register (`registers::bindings::list`).
pub async fn bindings(
    app: &App,
    actor: &Actor,
    seen: Option<Seen>,
    plan_id: i64,
) -> Result<Arc<Vec<crate::registers::bindings::BoundItem>>> {
    per_viewer(
        app,
        actor,
        seen,
        (Page::Bindings, plan_id, None),
        crate::registers::bindings::list(app, actor, plan_id),
    )
    .await
}

/// A government's indicator series at a period (`registers::indicators::series`).
pub async fn indicator_series(
    app: &App,
    actor: &Actor,
    seen: Option<Seen>,
    government_id: i64,
    period: Period,
) -> Result<Arc<Vec<crate::registers::indicators::Series>>> {
    per_viewer(
        app,
        actor,
        seen,
        (Page::Indicators, government_id, Some(period)),
        crate::registers::indicators::series(app, actor, government_id, period),
    )
    .await
}

/// A plan's 延期申请 the actor sees (`chase::extensions::list`, all of them).
pub async fn extensions(
    app: &App,
    actor: &Actor,
    seen: Option<Seen>,
    plan_id: i64,
) -> Result<Arc<Vec<duban_db::chase::ExtensionRow>>> {
    per_viewer(
        app,
        actor,
        seen,
        (Page::Extensions, plan_id, None),
        crate::chase::extensions::list(app, actor, plan_id, false),
    )
    .await
}

/// An item's notices the actor sees, oldest first (`chase::notices::timeline`). Every
/// change of a notice (issue, answer, close, a pass) is audited, so the data version
/// covers it.
pub async fn timeline(
    app: &App,
    actor: &Actor,
    seen: Option<Seen>,
    item_id: i64,
) -> Result<Arc<Vec<duban_db::notices::NoticeRecord>>> {
    per_viewer(
        app,
        actor,
        seen,
        (Page::Timeline, item_id, None),
        crate::chase::notices::timeline(app, actor, item_id),
    )
    .await
}
