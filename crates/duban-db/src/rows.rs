//! Rows as the application sees them. Code columns decode straight into duban-core's enums
//! (the `sqlx` feature of duban-core); an unknown code fails the query rather than
//! becoming a default.

use duban_core::{
    Cycle, Direction, GovLevel, ItemKind, Measure, NoticeKind, Op, PartKind, ReportState, Role,
    UnitKind,
};
use serde::Serialize;
use time::{Date, OffsetDateTime};

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Government {
    pub id: i64,
    pub name: String,
    pub level: GovLevel,
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Unit {
    pub id: i64,
    /// The government the unit belongs to (None only before a fresh database's first one).
    pub government_id: Option<i64>,
    pub name: String,
    pub parent_id: Option<i64>,
    pub kind: UnitKind,
    pub seq: i64,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    #[serde(skip)]
    pub password_hash: String,
    pub role: Role,
    pub unit_id: Option<i64>,
    pub phone: Option<String>,
    pub active: bool,
    pub failed_logins: i64,
    pub locked_until: Option<OffsetDateTime>,
    pub last_login_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
    /// The government the user works for; None for city-level users (and before a fresh
    /// database's first government).
    pub government_id: Option<i64>,
    /// A city-level user (市督查室, 市领导): sees every government below.
    pub city: bool,
}

/// A user with the name of their unit, for lists.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct UserListing {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub active: bool,
    pub last_login_at: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Plan {
    pub id: i64,
    pub government_id: i64,
    pub government_name: String,
    pub year: i64,
    pub title: String,
    pub source_name: String,
    pub source_sha256: String,
    pub review_year: Option<i64>,
    pub due_day: i64,
    pub default_cycle: Cycle,
    /// The plan's status thresholds; `None`: the defaults.
    pub thresholds: Option<crate::JsonText<duban_core::status::Thresholds>>,
    pub parse_diagnostics: Option<String>,
    pub imported_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Section {
    pub id: i64,
    pub plan_id: i64,
    pub parent_id: Option<i64>,
    pub seq: i64,
    pub level: i64,
    pub marker: String,
    pub heading: String,
    pub part: PartKind,
    pub start_char: i64,
    pub end_char: i64,
}

/// A target or task with its assignment, as lists and status computations need it.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Item {
    pub id: i64,
    pub plan_id: i64,
    pub section_id: Option<i64>,
    pub parent_id: Option<i64>,
    pub seq: i64,
    pub kind: ItemKind,
    pub title: String,
    pub text: String,
    pub indicator: Option<String>,
    pub value: Option<f64>,
    pub value_max: Option<f64>,
    pub unit: Option<String>,
    pub op: Option<Op>,
    pub measure: Option<Measure>,
    pub direction: Option<Direction>,
    pub figure_year: Option<i64>,
    pub start_char: Option<i64>,
    pub end_char: Option<i64>,
    pub adjusted: bool,
    pub section_heading: Option<String>,
    pub assignment_id: Option<i64>,
    pub lead_unit_id: Option<i64>,
    pub lead_unit_name: Option<String>,
    pub leader_name: Option<String>,
    pub leader_user_id: Option<i64>,
    pub deadline: Option<Date>,
    pub weight: Option<f64>,
    /// The reporting cycle of the assignment; `None` before the item is assigned.
    pub cycle: Option<Cycle>,
}

impl Item {
    // Accessors kept for callers written when these columns were text.
    pub fn op(&self) -> Option<Op> {
        self.op
    }
    pub fn measure(&self) -> Option<Measure> {
        self.measure
    }
    pub fn direction(&self) -> Option<Direction> {
        self.direction
    }
    /// The reporting cycle, monthly for an item not assigned yet.
    pub fn cycle(&self) -> Cycle {
        self.cycle.unwrap_or_default()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct ItemAdjustment {
    pub id: i64,
    pub item_id: i64,
    pub old_value: Option<f64>,
    pub old_value_max: Option<f64>,
    pub old_op: Option<Op>,
    pub new_value: Option<f64>,
    pub new_value_max: Option<f64>,
    pub new_op: Option<Op>,
    pub reason: String,
    pub adjusted_at: OffsetDateTime,
    pub adjusted_by: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Milestone {
    pub id: i64,
    pub item_id: i64,
    pub period: String,
    pub planned_value: Option<f64>,
    pub description: Option<String>,
    pub is_final: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct ProgressReport {
    pub id: i64,
    pub item_id: i64,
    pub unit_id: i64,
    pub unit_name: String,
    pub period: String,
    pub value: Option<f64>,
    pub milestone_done: Option<bool>,
    pub progress: String,
    pub problems: String,
    pub next_steps: String,
    pub state: ReportState,
    pub is_late: bool,
    pub is_contribution: bool,
    pub provenance: String,
    pub return_comment: Option<String>,
    pub version: i64,
    pub created_by: Option<i64>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    pub submitted_at: Option<OffsetDateTime>,
    pub approved_at: Option<OffsetDateTime>,
    pub accepted_at: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct ReportHistory {
    pub id: i64,
    pub report_id: i64,
    pub at: OffsetDateTime,
    pub user_id: Option<i64>,
    pub user_name: Option<String>,
    pub action: String,
    pub state_from: Option<String>,
    pub state_to: String,
    pub comment: Option<String>,
    pub snapshot: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Attachment {
    pub id: i64,
    pub report_id: i64,
    pub file_name: String,
    pub stored_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_by: Option<i64>,
    pub uploaded_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Notice {
    pub id: i64,
    pub plan_id: Option<i64>,
    pub item_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub kind: NoticeKind,
    pub number: Option<String>,
    pub title: String,
    pub body: String,
    pub period: Option<String>,
    pub due_date: Option<Date>,
    pub issued_at: OffsetDateTime,
    pub issued_by: Option<i64>,
    pub resolved_at: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct AuditEntry {
    pub id: i64,
    pub at: OffsetDateTime,
    pub user_id: Option<i64>,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct IndicatorValue {
    pub id: i64,
    pub indicator_id: i64,
    pub name: String,
    pub unit: String,
    pub measure: String,
    pub period: String,
    pub value: f64,
    pub op: String,
    pub provenance: String,
    pub start_char: Option<i64>,
    pub end_char: Option<i64>,
}
