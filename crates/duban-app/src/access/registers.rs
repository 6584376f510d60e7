//! Permissions on register entries. A unit user (填报员/审核人) reads and edits only its own
//! unit's entries (and reads the proposals it supports); the office (督查室, admin) reads
//! and edits all; leaders and viewers read all. Entries another unit owns look exactly like
//! missing ones, so ids reveal nothing.

pub use super::scope::require_units;
use crate::{Actor, AppError, Result};
use duban_core::Role;

/// The unit a list is limited to (`None`: every entry).
pub fn read_scope(actor: &Actor) -> Option<i64> {
    actor.unit_scope()
}

/// May the actor see an entry owned by `owner` (and supported by `supporters`)?
pub fn require_read(actor: &Actor, owner: Option<i64>, supporters: &[i64]) -> Result<()> {
    match actor.unit_scope() {
        None => Ok(()),
        Some(u) if owner == Some(u) || supporters.contains(&u) => Ok(()),
        Some(_) => Err(AppError::NotFound),
    }
}

/// May the actor change an entry owned by `owner`? The office may change any; a unit user
/// only its own unit's (others' are not found).
pub fn require_edit(actor: &Actor, owner: Option<i64>) -> Result<()> {
    if actor.is_office() {
        return Ok(());
    }
    match (actor.role, actor.unit_scope()) {
        (Role::Reporter | Role::Approver, Some(u)) if owner == Some(u) => Ok(()),
        (Role::Reporter | Role::Approver, _) => Err(AppError::NotFound),
        _ => Err(AppError::Forbidden("只读账户不能修改台账".into())),
    }
}

/// Whether pages should offer the actor to change an entry owned by `owner` (the same
/// rule as [`require_edit`]; the action checks again).
pub fn can_edit(actor: &Actor, owner: Option<i64>) -> bool {
    require_edit(actor, owner).is_ok()
}

/// Whether pages should offer the actor to register new entries (any unit user, the
/// office); for proposals and indicators only the office registers.
pub fn can_create(actor: &Actor) -> bool {
    owner_for_new(actor, None).is_ok()
}

/// Whether the actor is the lead unit's own user (replies, monthly reports, returns).
pub fn is_own_unit(actor: &Actor, owner: Option<i64>) -> bool {
    require_own_unit(actor, owner).is_ok()
}

/// Whether the actor's unit is one of an item's supporting units (会办意见).
pub fn is_supporter(actor: &Actor, supporters: &[i64]) -> bool {
    actor.unit_id.is_some_and(|u| supporters.contains(&u))
}

/// The unit a new entry may belong to: the office chooses any; a unit user only its own.
pub fn owner_for_new(actor: &Actor, wanted: Option<i64>) -> Result<Option<i64>> {
    if actor.is_office() {
        return Ok(wanted);
    }
    match (actor.role, actor.unit_id) {
        (Role::Reporter | Role::Approver, Some(u)) if wanted.is_none_or(|w| w == u) => Ok(Some(u)),
        (Role::Reporter | Role::Approver, Some(_)) => {
            Err(AppError::Forbidden("只能为本单位登记台账".into()))
        }
        _ => Err(AppError::Forbidden("无权登记台账".into())),
    }
}

/// Actions only the office takes: 交办, reassign, approve an extension, bind targets,
/// import.
pub fn require_office(actor: &Actor) -> Result<()> {
    actor.require_office()
}

/// The lead unit's own users reply to and report on their entries.
pub fn require_own_unit(actor: &Actor, owner: Option<i64>) -> Result<i64> {
    match (actor.role, actor.unit_id) {
        (Role::Reporter | Role::Approver, Some(u)) if owner == Some(u) => Ok(u),
        (Role::Reporter | Role::Approver, _) => Err(AppError::NotFound),
        _ => Err(AppError::Forbidden(
            "只有承办单位的填报员或审核人可以进行此操作".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role, unit: Option<i64>) -> Actor {
        Actor {
            user_id: Some(1),
            username: "u".into(),
            display_name: "u".into(),
            role,
            unit_id: unit,
            unit_name: None,
        }
    }

    #[test]
    fn units_see_and_change_only_their_own() {
        let mine = actor(Role::Reporter, Some(7));
        assert!(require_read(&mine, Some(7), &[]).is_ok());
        assert!(require_read(&mine, Some(8), &[7]).is_ok());
        assert!(matches!(
            require_read(&mine, Some(8), &[]),
            Err(AppError::NotFound)
        ));
        assert!(require_edit(&mine, Some(7)).is_ok());
        assert!(matches!(
            require_edit(&mine, Some(8)),
            Err(AppError::NotFound)
        ));
        assert_eq!(owner_for_new(&mine, None).unwrap(), Some(7));
        assert!(owner_for_new(&mine, Some(8)).is_err());
        let leader = actor(Role::Leader, None);
        assert!(require_read(&leader, Some(8), &[]).is_ok());
        assert!(matches!(
            require_edit(&leader, Some(8)),
            Err(AppError::Forbidden(_))
        ));
        let office = actor(Role::Supervisor, None);
        assert!(require_edit(&office, Some(8)).is_ok() && require_office(&office).is_ok());
        assert!(require_own_unit(&office, Some(8)).is_err());
        let orphan = actor(Role::Approver, None);
        assert!(require_read(&orphan, None, &[]).is_err());
    }
}
