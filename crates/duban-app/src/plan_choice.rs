//! Which plan a person is looking at (issue 13): the plan chosen in the header is remembered
//! per user and checked against the user's access every time it is used, so a choice made
//! before a move to another government, or of a plan since gone, falls back to the newest
//! plan the user sees. Shareable links name a plan by government and year.

use crate::access::{plans_for, visible_plan};
use crate::{Actor, App, AppError, Result};
use duban_db::{Plan, carry, plans};

/// The plan pages show when none is asked for: the one the user chose last, if they still
/// see it, else the newest they see (any government's for the city level).
pub async fn current_plan_for(app: &App, actor: &Actor) -> Result<Option<Plan>> {
    let mut tx = app.db.read().await?;
    if let Some(user) = actor.user_id
        && let Some(id) = carry::chosen_plan(&mut tx, user).await?
    {
        match visible_plan(&mut tx, actor, id).await {
            Ok(plan) => return Ok(Some(plan)),
            Err(AppError::NotFound) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(plans_for(&mut tx, actor).await?.into_iter().next())
}

/// Remembers the plan the user chose (one they see; another government's is not found).
pub async fn remember_plan(app: &App, actor: &Actor, plan_id: i64) -> Result<Plan> {
    let Some(user) = actor.user_id else {
        return Err(AppError::BadInput("命令行没有可记住的计划选择".into()));
    };
    let mut tx = app.begin().await?;
    let plan = visible_plan(&mut tx, actor, plan_id).await?;
    let before = carry::chosen_plan(&mut tx, user).await?;
    if before != Some(plan.id) {
        carry::set_chosen_plan(&mut tx, user, Some(plan.id)).await?;
        actor
            .audit(
                &mut tx,
                "choose_plan",
                "user",
                Some(user),
                Some(serde_json::json!({ "plan": before })),
                Some(serde_json::json!({ "plan": plan.id })),
            )
            .await?;
    }
    tx.commit().await?;
    Ok(plan)
}

/// The plan of a government (by name) and year, if the actor sees it: a plan of another
/// government is not found, exactly as a missing one.
pub async fn plan_named_for(app: &App, actor: &Actor, government: &str, year: i64) -> Result<Plan> {
    let name = government.trim();
    if name.is_empty() || name.chars().count() > 64 || !(1900..=2200).contains(&year) {
        return Err(AppError::NotFound);
    }
    let mut tx = app.db.read().await?;
    let plan = plans::by_government_year(&mut tx, name, year)
        .await?
        .ok_or(AppError::NotFound)?;
    visible_plan(&mut tx, actor, plan.id).await
}

/// What the header's chooser offers: the plans the actor sees (newest first) and the one
/// pages show when none is asked for. One read snapshot.
pub async fn chooser(app: &App, actor: &Actor) -> Result<(Vec<Plan>, Option<i64>)> {
    let mut tx = app.db.read().await?;
    let list = plans_for(&mut tx, actor).await?;
    let chosen = match actor.user_id {
        Some(user) => carry::chosen_plan(&mut tx, user).await?,
        None => None,
    };
    // The list holds exactly the plans the actor sees: a remembered plan outside it is
    // ignored.
    let default = chosen
        .filter(|id| list.iter().any(|p| p.id == *id))
        .or(list.first().map(|p| p.id));
    Ok((list, default))
}

/// What the header's chooser offers, kept for a request that read `seen` first: the plans a
/// user sees follow from audited data only (plans, the user's government, the remembered
/// choice), so the list is the actor's own scope as of those counters.
#[derive(Debug, Clone)]
pub struct Choice {
    /// The plans the actor sees, newest first.
    pub plans: Vec<Plan>,
    /// The plan pages show when none is asked for.
    pub default: Option<i64>,
    /// The governments the actor sees (what the list was filtered on).
    pub(crate) scope: crate::access::Scope,
}

impl Choice {
    /// The newest plan the actor sees (what the API shows when none is asked for).
    pub fn newest(&self) -> Option<Plan> {
        self.plans.first().cloned()
    }

    /// The plan a page shows: `asked` if the actor sees it (another government's plan, or
    /// none, is not found, as `access::visible_plan` says), else the default.
    pub fn pick(&self, asked: Option<i64>) -> Result<Option<Plan>> {
        match asked {
            Some(id) => self
                .plans
                .iter()
                .find(|p| p.id == id)
                .cloned()
                .map(Some)
                .ok_or(AppError::NotFound),
            None => Ok(self
                .default
                .and_then(|id| self.plans.iter().find(|p| p.id == id))
                .cloned()),
        }
    }
}

/// [`chooser`] kept per user at `seen`.
pub async fn choice_at(
    app: &App,
    actor: &Actor,
    seen: crate::Seen,
) -> Result<std::sync::Arc<Choice>> {
    let key = actor
        .user_id
        .map(|user_id| crate::cache::PersonalKey::Chooser { user_id });
    if let Some(k) = &key
        && let Some(hit) = app.cache.get_personal::<Choice>(k, seen)
    {
        return Ok(hit);
    }
    let scope = {
        let mut tx = app.db.read().await?;
        crate::access::scope(&mut tx, actor).await?
    };
    let (plans, default) = chooser(app, actor).await?;
    let choice = std::sync::Arc::new(Choice {
        plans,
        default,
        scope,
    });
    if let Some(k) = key {
        app.cache.put_personal(k, seen, choice.clone());
    }
    Ok(choice)
}
