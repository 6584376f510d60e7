//! Chasing (B6): reminders before a report is due, then the numbered ladder
//! 催办单 (blue) → 督办通知单 (orange) → named in the next 通报 → 约谈 (red).
//!
//! Everything here is pure: the caller passes today's date, the plan's [`ChaseConfig`],
//! what each unit owes ([`Obligation`]), the extension requests and the notices already
//! issued, and [`plan_day`] returns what is due today. Every action carries a stable key, so
//! the caller records the key before sending and a second run (after a restart, or on
//! another server) finds it recorded and sends nothing twice.

mod config;
mod extension;
mod number;
mod planner;

pub use config::{ChaseConfig, NumberPrefixes};
pub use extension::{
    Extension, ExtensionDecision, ExtensionError, effective_due, validate_request,
};
pub use number::{NoticeNumber, format_number};
pub use planner::{
    Cause, DayPlan, Digest, DigestLine, ExistingNotice, NoticeDraft, Obligation, ReminderStage,
    briefing_list, plan_day,
};

use crate::NoticeKind;
use crate::figure::text_enum;
use std::fmt;
use std::str::FromStr;

/// The colour of a 三色督查单 (三明): the level of a notice on the ladder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NoticeLevel {
    /// No colour: reminders and 交办单.
    Plain,
    /// 蓝: the first 催办.
    Blue,
    /// 橙: a 催办 ignored; a warning with a fixed 限期.
    Orange,
    /// 红: a 督办 ignored; leads to 约谈.
    Red,
}
text_enum!(NoticeLevel { Plain => "plain", "无"; Blue => "blue", "蓝色"; Orange => "orange", "橙色"; Red => "red", "红色"; });

impl NoticeLevel {
    /// The colour a notice of `kind` carries.
    pub const fn of(kind: NoticeKind) -> Self {
        match kind {
            NoticeKind::Reminder | NoticeKind::Assignment => Self::Plain,
            NoticeKind::Chase => Self::Blue,
            NoticeKind::Supervision => Self::Orange,
            NoticeKind::Interview => Self::Red,
        }
    }
}

/// The rung above `kind` on the ladder, if any.
pub const fn next_rung(kind: NoticeKind) -> Option<NoticeKind> {
    match kind {
        // 邓州's 三单: a 交办单 not done on time gets a 催办单.
        NoticeKind::Assignment => Some(NoticeKind::Chase),
        NoticeKind::Chase => Some(NoticeKind::Supervision),
        NoticeKind::Supervision => Some(NoticeKind::Interview),
        NoticeKind::Reminder | NoticeKind::Interview => None,
    }
}

#[cfg(test)]
mod tests;
