//! Chasing: the daily pass (reminders and the 催办 → 督办 ladder), answering and issuing
//! notices, extension requests, the inbox, outbound endpoints and unit scores.
//!
//! The pass follows the sequence documented in `duban_db::chase`: take the scheduler lease,
//! read the plan's inputs, plan the day with `duban_core::chase::plan_day`, record marks,
//! notices, inbox messages and pending deliveries in one transaction with the audit record,
//! then send what was recorded and log every attempt.

pub mod endpoints;
pub mod extensions;
pub mod inbox;
pub mod notice_list;
pub mod notices;
mod pass;
pub mod scores;
mod send;

pub use pass::{LEASE_NAME, PassReport, UnitPlan, lease_owner, run_pass, run_pass_as};
pub use send::send_pending;
