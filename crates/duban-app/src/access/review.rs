//! Who may move a report (an item's progress report or a project's monthly report) from
//! which state to which: one rule for both flows.

use crate::{Actor, AppError, Result};
use duban_core::{ReportState, Role};

/// A review decision on a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    /// The unit approver passes it up, or the supervisor accepts it.
    Approve,
    /// Back to the reporter with a comment.
    Return,
}

/// The one review transition of item and project reports alike: the unit's approver passes
/// a submitted report up or returns it; the office accepts an approved one or returns it.
/// A unit user of another unit is told the report does not exist.
pub fn transition(
    actor: &Actor,
    unit: i64,
    state: ReportState,
    d: Decision,
) -> Result<ReportState> {
    match (actor.role, state, d) {
        (Role::Approver, ReportState::Submitted, Decision::Approve)
            if actor.unit_id == Some(unit) =>
        {
            Ok(ReportState::Approved)
        }
        (Role::Approver, ReportState::Submitted, Decision::Return)
            if actor.unit_id == Some(unit) =>
        {
            Ok(ReportState::Returned)
        }
        (Role::Supervisor | Role::Admin, ReportState::Approved, Decision::Approve) => {
            Ok(ReportState::Accepted)
        }
        (
            Role::Supervisor | Role::Admin,
            ReportState::Approved | ReportState::Submitted | ReportState::Accepted,
            Decision::Return,
        ) => Ok(ReportState::Returned),
        (Role::Approver | Role::Reporter, _, _) if actor.unit_id != Some(unit) => {
            Err(AppError::NotFound)
        }
        (Role::Approver | Role::Supervisor | Role::Admin, s, _) => Err(AppError::Conflict(
            format!("报告当前状态为“{}”，不能进行此操作", s.label()),
        )),
        _ => Err(AppError::Forbidden("无权审核该报告".into())),
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
    fn approver_then_office_and_strangers_see_nothing() {
        use Decision::*;
        use ReportState::*;
        let apr = actor(Role::Approver, Some(7));
        assert_eq!(transition(&apr, 7, Submitted, Approve).unwrap(), Approved);
        assert_eq!(transition(&apr, 7, Submitted, Return).unwrap(), Returned);
        assert!(matches!(
            transition(&apr, 7, Approved, Approve),
            Err(AppError::Conflict(_))
        ));
        assert!(matches!(
            transition(&apr, 8, Submitted, Approve),
            Err(AppError::NotFound)
        ));
        let office = actor(Role::Supervisor, None);
        assert_eq!(transition(&office, 7, Approved, Approve).unwrap(), Accepted);
        assert_eq!(transition(&office, 7, Accepted, Return).unwrap(), Returned);
        assert!(matches!(
            transition(&office, 7, Submitted, Approve),
            Err(AppError::Conflict(_))
        ));
        let tb = actor(Role::Reporter, Some(7));
        assert!(matches!(
            transition(&tb, 7, Submitted, Approve),
            Err(AppError::Forbidden(_))
        ));
        assert!(matches!(
            transition(&tb, 8, Submitted, Approve),
            Err(AppError::NotFound)
        ));
        let leader = actor(Role::Leader, None);
        assert!(matches!(
            transition(&leader, 7, Approved, Approve),
            Err(AppError::Forbidden(_))
        ));
    }
}
