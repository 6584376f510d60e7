//! Who may take which office document. The 分解表 and 落实情况表 show what the actor may see
//! anyway (a unit its own items), so every signed-in role may download them; the 督查通报 and
//! the 年度工作回顾 are the office's drafts about every unit, read by the office, leaders and
//! viewers but not handed to one unit about the others.

use crate::{Actor, AppError, Result};
use duban_core::Role;

impl Actor {
    /// Whether the actor may download the 通报 and the review drafts.
    pub fn reads_drafts(&self) -> bool {
        self.is_office() || matches!(self.role, Role::Leader | Role::Viewer)
    }

    pub fn require_drafts(&self) -> Result<()> {
        if self.reads_drafts() {
            Ok(())
        } else {
            Err(AppError::Forbidden(
                "督查通报和年度工作回顾只提供给督查室、领导和只读用户".into(),
            ))
        }
    }

    /// Whether the actor may import a report or a 分解表 (the office).
    pub fn imports_documents(&self) -> bool {
        self.can_import()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role) -> Actor {
        Actor {
            role,
            unit_id: Some(1),
            ..Actor::cli()
        }
    }

    #[test]
    fn drafts_go_to_office_leaders_and_viewers_only() {
        for (role, ok) in [
            (Role::Admin, true),
            (Role::Supervisor, true),
            (Role::Leader, true),
            (Role::Viewer, true),
            (Role::Reporter, false),
            (Role::Approver, false),
        ] {
            assert_eq!(actor(role).reads_drafts(), ok, "{role:?}");
            assert_eq!(actor(role).require_drafts().is_ok(), ok);
        }
        assert!(!actor(Role::Leader).imports_documents());
        assert!(actor(Role::Supervisor).imports_documents());
    }
}
