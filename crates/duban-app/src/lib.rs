//! duban's application layer: every action a person can take, shared by the web face and
//! the CLI. Each action receives the [`Actor`] (decided from the session or the command
//! line, never from ids the client sends), checks permissions here and nowhere else, and
//! writes its change and its audit record in one transaction.

mod error;

pub mod access;
pub mod admin;
pub mod auth;
pub mod dashboard;
pub mod demo;
pub mod import;
pub mod items;
pub mod progress;
pub mod registers;
pub mod status;

pub use duban_core as core;
pub use duban_db as db;
pub use error::{AppError, Result};

use duban_core::Role;
use duban_db::Db;
use serde::Serialize;
use std::path::PathBuf;

/// Tunable limits; the defaults suit a district.
#[derive(Debug, Clone)]
pub struct Settings {
    /// A session ends after this long without a request.
    pub session_idle_minutes: i64,
    /// Failed logins before an account is locked for `lockout_minutes`.
    pub lockout_after: i64,
    pub lockout_minutes: i64,
    /// Largest accepted attachment.
    pub max_attachment_bytes: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            session_idle_minutes: 8 * 60,
            lockout_after: 5,
            lockout_minutes: 15,
            max_attachment_bytes: 20 * 1024 * 1024,
        }
    }
}

/// The application: a database and a data directory (attachments live under it).
#[derive(Clone, Debug)]
pub struct App {
    pub db: Db,
    pub data_dir: PathBuf,
    pub settings: Settings,
}

impl App {
    pub fn new(db: Db, data_dir: PathBuf) -> Self {
        Self {
            db,
            data_dir,
            settings: Settings::default(),
        }
    }
}

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

    pub(crate) fn require_office(&self) -> Result<()> {
        if self.is_office() {
            Ok(())
        } else {
            Err(AppError::Forbidden(
                "只有督查室或系统管理员可以进行此操作".into(),
            ))
        }
    }

    pub(crate) fn require_admin(&self) -> Result<()> {
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

/// Today's date in China (UTC+8), which is what due dates mean.
pub fn today() -> time::Date {
    (time::OffsetDateTime::now_utc() + time::Duration::hours(8)).date()
}
