//! Permissions on chasing: notices, answers, extensions, endpoints and scores. A unit user
//! sees and answers only its own unit's notices (others' look missing); the office issues
//! notices, decides extensions and adjusts scores; the administrator sets endpoints.

use crate::{Actor, AppError, Result};
use duban_core::Role;

/// Starting a pass by hand: the office (or the command line).
pub fn require_run_pass(actor: &Actor) -> Result<()> {
    actor.require_office()
}

/// May the actor read a notice addressed to `unit`?
pub fn require_read_notice(actor: &Actor, unit: Option<i64>) -> Result<()> {
    match actor.unit_scope() {
        None => Ok(()),
        Some(u) if unit == Some(u) => Ok(()),
        Some(_) => Err(AppError::NotFound),
    }
}

/// Answering (反馈): the addressed unit's reporter or approver.
pub fn require_answer(actor: &Actor, unit: Option<i64>) -> Result<()> {
    require_addressed(actor, unit, "只有被督办单位的填报员或审核人可以反馈")
}

/// The addressed unit's reporter or approver; others of other units do not see the notice.
fn require_addressed(actor: &Actor, unit: Option<i64>, refusal: &str) -> Result<()> {
    require_read_notice(actor, unit)?;
    match (actor.role, actor.unit_id) {
        (Role::Reporter | Role::Approver, Some(u)) if unit == Some(u) => Ok(()),
        _ => Err(AppError::Forbidden(refusal.into())),
    }
}

/// 签收 (acknowledging a 单): the same people as answering it.
pub fn require_receive(actor: &Actor, unit: Option<i64>) -> Result<()> {
    require_addressed(actor, unit, "只有被督办单位的填报员或审核人可以签收")
}

/// Issuing a 单 by hand, closing a step, deciding an extension, adjusting a score.
pub fn require_office(actor: &Actor) -> Result<()> {
    actor.require_office()
}

/// Requesting an extension: the unit's own reporter or approver.
pub fn require_request_extension(actor: &Actor, unit: i64) -> Result<()> {
    match (actor.role, actor.unit_id) {
        (Role::Reporter | Role::Approver, Some(u)) if u == unit => Ok(()),
        (Role::Reporter | Role::Approver, _) => Err(AppError::NotFound),
        _ => Err(AppError::Forbidden(
            "只有责任单位的填报员或审核人可以申请延期".into(),
        )),
    }
}

/// The unit an extension request is made for: the actor's own, if the actor may ask.
pub fn extension_unit(actor: &Actor) -> Result<i64> {
    let unit = actor
        .unit_id
        .ok_or_else(|| AppError::Forbidden("只有责任单位的填报员或审核人可以申请延期".into()))?;
    require_request_extension(actor, unit)?;
    Ok(unit)
}

/// Configuring webhook and e-mail endpoints: the system administrator.
pub fn require_endpoints(actor: &Actor) -> Result<()> {
    actor.require_admin()
}

/// Scores: everyone signed in reads the ranking (双亮牌 publishes it); a unit user's
/// drill-down is limited to its own unit.
pub fn require_score_detail(actor: &Actor, unit: i64) -> Result<()> {
    match actor.unit_scope() {
        Some(u) if u != unit => Err(AppError::NotFound),
        _ => Ok(()),
    }
}

impl Actor {
    /// Whether the actor issues 单 and decides extensions (the office).
    pub fn can_chase(&self) -> bool {
        self.is_office()
    }

    /// Whether the actor answers notices and requests extensions for its unit.
    pub fn can_answer_notices(&self) -> bool {
        matches!(self.role, Role::Reporter | Role::Approver) && self.unit_id.is_some()
    }

    /// Whether the actor configures outbound endpoints.
    pub fn can_configure_endpoints(&self) -> bool {
        self.role == Role::Admin
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
    fn only_the_addressed_unit_answers() {
        assert!(require_answer(&actor(Role::Reporter, Some(1)), Some(1)).is_ok());
        assert!(matches!(
            require_answer(&actor(Role::Reporter, Some(2)), Some(1)),
            Err(AppError::NotFound)
        ));
        assert!(matches!(
            require_answer(&actor(Role::Supervisor, None), Some(1)),
            Err(AppError::Forbidden(_))
        ));
        assert!(require_read_notice(&actor(Role::Leader, None), Some(1)).is_ok());
        assert!(require_receive(&actor(Role::Approver, Some(1)), Some(1)).is_ok());
        assert!(matches!(
            require_receive(&actor(Role::Approver, Some(2)), Some(1)),
            Err(AppError::NotFound)
        ));
        assert!(matches!(
            require_receive(&actor(Role::Leader, None), Some(1)),
            Err(AppError::Forbidden(_))
        ));
    }

    #[test]
    fn extensions_and_endpoints() {
        assert!(require_request_extension(&actor(Role::Approver, Some(3)), 3).is_ok());
        assert!(require_request_extension(&actor(Role::Supervisor, None), 3).is_err());
        assert!(matches!(
            extension_unit(&actor(Role::Leader, None)),
            Err(AppError::Forbidden(_))
        ));
        assert_eq!(extension_unit(&actor(Role::Reporter, Some(4))).unwrap(), 4);
        assert!(require_endpoints(&actor(Role::Admin, None)).is_ok());
        assert!(require_endpoints(&actor(Role::Supervisor, None)).is_err());
        assert!(require_score_detail(&actor(Role::Reporter, Some(2)), 3).is_err());
        assert!(require_score_detail(&actor(Role::Viewer, None), 3).is_ok());
    }
}
