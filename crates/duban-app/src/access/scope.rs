//! Which governments an actor sees (issue 13). A district user sees only its own
//! government's plans, items, reports, units, users and registers; a city-level user
//! (市督查室, 市领导) and the administrator at the command line see every government. Rows of
//! another government look exactly like missing ones.

use crate::{Actor, AppError, Result};
use duban_db::{Plan, Tx, city, org, plans};

/// The governments an actor sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Every government (city level, or the command line).
    All,
    /// One government only.
    Government(i64),
}

impl Scope {
    pub fn allows(self, government_id: i64) -> bool {
        match self {
            Scope::All => true,
            Scope::Government(g) => g == government_id,
        }
    }

    /// The one government a listing is limited to (`None`: every government).
    pub fn government(self) -> Option<i64> {
        match self {
            Scope::All => None,
            Scope::Government(g) => Some(g),
        }
    }

    pub fn is_city(self) -> bool {
        self == Scope::All
    }
}

/// The actor's scope, read from the user's row (one primary-key lookup): never from ids the
/// client sends. A user bound to no government and not city-level sees nothing; that only
/// happens before a fresh database's first government exists, when there is nothing to see.
pub async fn scope(tx: &mut Tx, actor: &Actor) -> Result<Scope> {
    let Some(user_id) = actor.user_id else {
        return Ok(Scope::All);
    };
    Ok(match city::user_scope(tx, user_id).await? {
        Some((_, true)) => Scope::All,
        Some((Some(g), false)) => Scope::Government(g),
        _ => Scope::Government(-1),
    })
}

/// Fails with NotFound unless the actor sees `government_id`.
pub async fn require_government(tx: &mut Tx, actor: &Actor, government_id: i64) -> Result<()> {
    if scope(tx, actor).await?.allows(government_id) {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The units the office names on a record (an entry's lead, a notice's addressee, a score
/// adjustment's unit) must exist and belong to the record's government: another
/// government's unit reads as a missing one.
pub async fn require_units(
    tx: &mut Tx,
    government_id: i64,
    ids: impl IntoIterator<Item = i64>,
) -> Result<()> {
    for id in ids {
        match org::unit(tx, id).await? {
            Some(u) if u.government_id.is_none_or(|g| g == government_id) => {}
            _ => return Err(AppError::BadInput(format!("单位 {id} 不存在"))),
        }
    }
    Ok(())
}

/// A notice (or other record) of `plan`, when it has one; one without a plan belongs to
/// no district and is seen at the city level only.
pub async fn require_plan_of(tx: &mut Tx, actor: &Actor, plan_id: Option<i64>) -> Result<()> {
    match plan_id {
        Some(p) => require_plan(tx, actor, p).await,
        None if scope(tx, actor).await?.is_city() => Ok(()),
        None => Err(AppError::NotFound),
    }
}

/// Fails with Forbidden unless the actor works at the city level.
pub async fn require_city(tx: &mut Tx, actor: &Actor) -> Result<()> {
    if scope(tx, actor).await?.is_city() {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "只有市级督查室和市领导可以查看全市汇总".into(),
        ))
    }
}

/// A plan the actor may see; another government's plan is not found.
pub async fn visible_plan(tx: &mut Tx, actor: &Actor, plan_id: i64) -> Result<Plan> {
    let plan = plans::get(tx, plan_id).await?.ok_or(AppError::NotFound)?;
    require_government(tx, actor, plan.government_id).await?;
    Ok(plan)
}

/// Fails with NotFound unless the plan exists and the actor sees its government.
pub async fn require_plan(tx: &mut Tx, actor: &Actor, plan_id: i64) -> Result<()> {
    let g = city::plan_government(tx, plan_id)
        .await?
        .ok_or(AppError::NotFound)?;
    require_government(tx, actor, g).await
}

/// The plans the actor sees, newest year first: filtered on the government in SQL.
pub async fn plans_for(tx: &mut Tx, actor: &Actor) -> Result<Vec<Plan>> {
    Ok(match scope(tx, actor).await? {
        Scope::All => plans::list(tx).await?,
        Scope::Government(g) => city::plans_in(tx, g).await?,
    })
}

/// 结转: only a 督查室 (or the administrator) that sees the government starts its new year's
/// plan from the previous one; another government's plan is not found, a unit user refused.
pub async fn require_carry_over(tx: &mut Tx, actor: &Actor, government_id: i64) -> Result<()> {
    if !actor.is_office() {
        return Err(AppError::Forbidden(
            "只有本级政府督查室可以结转上年未完成事项".into(),
        ));
    }
    require_government(tx, actor, government_id).await
}

/// Whether a face offers 结转 to the actor at all (the action checks the government again).
pub fn can_carry_over(actor: &Actor) -> bool {
    actor.is_office()
}
