//! Who may do what: the [`Actor`], the `require_*` checks every action starts with, which
//! items and reports an actor may see, and the questions faces ask before showing a menu
//! entry or a form. Faces never compare roles themselves; they ask here.

pub mod chase;
pub mod documents;
pub mod registers;
pub mod review;
pub mod scope;

pub use scope::{
    Scope, can_carry_over, plans_for, require_carry_over, require_government, require_plan,
    require_plan_of, require_units, scope, visible_plan,
};

use crate::{AppError, Result};
use duban_core::{ReportState, Role};
use duban_db::{Item, ProgressReport, items, reports};
use serde::Serialize;

/// Who is acting: a logged-in user, or the administrator at the command line.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
}

impl Actor {
    /// The administrator running `duban` on the server.
    pub fn cli() -> Self {
        Self {
            user_id: None,
            username: "cli".into(),
            display_name: "命令行".into(),
            role: Role::Admin,
            unit_id: None,
            unit_name: None,
        }
    }

    /// Admin and supervisor: change plans, assignments and reviews across all units.
    pub fn is_office(&self) -> bool {
        self.role.is_office()
    }

    /// The unit whose items this actor is limited to, if any.
    pub fn unit_scope(&self) -> Option<i64> {
        if self.role.is_unit_role() {
            // A unit user without a unit sees nothing: use an id no unit has.
            Some(self.unit_id.unwrap_or(-1))
        } else {
            None
        }
    }

    pub fn require_office(&self) -> Result<()> {
        if self.is_office() {
            Ok(())
        } else {
            Err(AppError::Forbidden(
                "只有督查室或系统管理员可以进行此操作".into(),
            ))
        }
    }

    pub fn require_admin(&self) -> Result<()> {
        if self.role == Role::Admin {
            Ok(())
        } else {
            Err(AppError::Forbidden("只有系统管理员可以进行此操作".into()))
        }
    }

    pub(crate) async fn audit(
        &self,
        tx: &mut duban_db::Tx,
        action: &str,
        entity: &str,
        entity_id: Option<i64>,
        before: Option<serde_json::Value>,
        after: Option<serde_json::Value>,
    ) -> Result<()> {
        duban_db::audit::record(
            tx,
            duban_db::audit::Record {
                user_id: self.user_id,
                actor: &self.display_name,
                action,
                entity,
                entity_id,
                before,
                after,
            },
        )
        .await?;
        Ok(())
    }
}

/// The filter that limits an actor to what they may see.
pub fn filter_for(actor: &Actor, plan_id: i64) -> items::ItemFilter {
    items::ItemFilter {
        plan_id,
        unit_id: actor.unit_scope(),
        ..Default::default()
    }
}

/// Loads an item if the actor may see it; otherwise NotFound, exactly as if it did not
/// exist, so ids of other units' items reveal nothing.
pub async fn visible_item(tx: &mut duban_db::Tx, actor: &Actor, item_id: i64) -> Result<Item> {
    let item = items::get(tx, item_id).await?.ok_or(AppError::NotFound)?;
    require_plan(tx, actor, item.plan_id).await?;
    if let Some(unit) = actor.unit_scope()
        && !items::unit_takes_part(tx, item_id, unit).await?
    {
        return Err(AppError::NotFound);
    }
    Ok(item)
}

/// Loads a report the actor may see (own unit for unit users).
pub async fn visible_report(
    tx: &mut duban_db::Tx,
    actor: &Actor,
    report_id: i64,
) -> Result<ProgressReport> {
    let r = reports::get(tx, report_id)
        .await?
        .ok_or(AppError::NotFound)?;
    visible_item(tx, actor, r.item_id).await?;
    if let Some(unit) = actor.unit_scope()
        && r.unit_id != unit
        && r.state != ReportState::Accepted
    {
        return Err(AppError::NotFound);
    }
    Ok(r)
}

/// What a face may offer an actor: menu entries and the parts of pages they may use. The
/// app checks every action again; this only keeps faces from offering what would fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Abilities {
    /// Decompose, import, change plan settings, manage users and units (the office).
    pub manage: bool,
    /// Add users of every role (the system administrator).
    pub administer: bool,
    /// Fill in progress reports for the actor's unit.
    pub report: bool,
    /// Approve the actor's unit's reports before the office sees them.
    pub approve: bool,
    /// Review reports at all (approver or office).
    pub review: bool,
    /// Narrow lists to the items the actor is 分管 leader of.
    pub own_items: bool,
    /// Starts on the dashboard rather than the work queue (leaders and viewers).
    pub dashboard_first: bool,
}

impl Actor {
    pub fn abilities(&self) -> Abilities {
        Abilities {
            manage: self.is_office(),
            administer: self.role == Role::Admin,
            report: self.role.is_unit_role(),
            approve: self.role == Role::Approver,
            review: self.can_review(),
            own_items: self.role == Role::Leader,
            dashboard_first: matches!(self.role, Role::Leader | Role::Viewer),
        }
    }

    /// Whether the actor reviews reports (a unit approver or the office).
    pub fn can_review(&self) -> bool {
        self.is_office() || self.role == Role::Approver
    }

    /// Whether the actor's approval of a report is its acceptance (the office's 验收).
    pub fn accepts_reports(&self) -> bool {
        self.is_office()
    }

    /// Whether the actor decomposes items to units (the office).
    pub fn can_decompose(&self) -> bool {
        self.is_office()
    }

    /// Whether the actor imports reports and progress and sets plan settings (the office).
    pub fn can_import(&self) -> bool {
        self.is_office()
    }

    /// Whether the actor's pages default to the period units report on now (unit users)
    /// rather than the settled one.
    pub fn reports_now(&self) -> bool {
        self.role.is_unit_role()
    }

    /// Whether a list asked for "mine" is narrowed to the actor's own 分管 items: only
    /// leaders have own items; for everyone else the request is ignored.
    pub fn own_items_only(&self, asked: bool) -> bool {
        asked && self.role == Role::Leader
    }

    pub fn require_review(&self) -> Result<()> {
        if self.can_review() {
            Ok(())
        } else {
            Err(AppError::Forbidden("只有审核人和督查室可以审核报告".into()))
        }
    }

    pub fn require_decompose(&self) -> Result<()> {
        if self.can_decompose() {
            Ok(())
        } else {
            Err(AppError::Forbidden(
                "只有督查室或系统管理员可以分解任务".into(),
            ))
        }
    }

    pub fn require_import(&self) -> Result<()> {
        self.require_office()
    }

    /// Whether the actor writes its unit's reports and their attachments (reporters and
    /// approvers; leaders and viewers only read, whatever unit they may be linked to).
    pub fn writes_reports(&self) -> bool {
        self.role.is_unit_role()
    }
}
