//! The per-plan settings of the ladder. Stored as JSON with the plan; missing fields take
//! the defaults, so a plan saved before a new setting existed keeps working.

use crate::NoticeKind;
use crate::status::Status;
use serde::{Deserialize, Serialize};

/// Every step and delay of the ladder, configurable per plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChaseConfig {
    /// Days before the due date on which a unit gets a reminder digest (default 3 and 1).
    pub remind_days_before: Vec<u32>,
    /// Days after the due date on which an unreported item goes into an overdue digest
    /// (`None`: no overdue reminder).
    pub overdue_reminder_after: Option<u32>,
    /// Days after the due date on which an unreported item gets a 催办单 (`None`: never).
    pub chase_overdue_after: Option<u32>,
    /// Only reports due within this many days before today are chased automatically, so a
    /// plan that starts chasing mid-year is not flooded with slips for long-past months
    /// (`None`: no limit). A daily pass chases well within it.
    pub chase_within_days: Option<u32>,
    /// Statuses that earn a 催办单 once the period's report is accepted (欠进度, 严重滞后).
    pub chase_statuses: Vec<Status>,
    /// Whether supporting units are chased too (they always get reminders).
    pub chase_supporting_units: bool,
    /// 限期 of a 催办单, in days from issue.
    pub chase_answer_days: u32,
    /// Whether a 交办单 not answered within its 限期 gets a 催办单.
    pub escalate_assignments: bool,
    /// Whether an unanswered 催办 becomes a 督办通知单 after its 限期.
    pub supervision_enabled: bool,
    /// 限期 of a 督办通知单, in days from issue.
    pub supervision_answer_days: u32,
    /// Whether an unanswered 督办 leads to a 约谈.
    pub interview_enabled: bool,
    /// Days from issue by which a 约谈 is to take place.
    pub interview_days: u32,
    /// Whether 督办 items are listed by name in the next 通报.
    pub list_in_briefing: bool,
    /// A report submitted by the 限期 answers a 催办 issued for its absence.
    pub report_answers_overdue_chase: bool,
    /// 编号 prefixes, e.g. 山督催 for 山督催〔2024〕7号.
    pub prefixes: NumberPrefixes,
    /// The 要求 written on each kind of notice.
    pub chase_requirement: String,
    pub supervision_requirement: String,
    pub interview_requirement: String,
}

impl Default for ChaseConfig {
    fn default() -> Self {
        Self {
            remind_days_before: vec![3, 1],
            overdue_reminder_after: Some(1),
            chase_overdue_after: Some(1),
            chase_within_days: Some(30),
            chase_statuses: vec![Status::Behind, Status::SeriouslyBehind],
            chase_supporting_units: false,
            chase_answer_days: 5,
            escalate_assignments: true,
            supervision_enabled: true,
            supervision_answer_days: 3,
            interview_enabled: true,
            interview_days: 7,
            list_in_briefing: true,
            report_answers_overdue_chase: true,
            prefixes: NumberPrefixes::default(),
            chase_requirement: "请于限期内报送进展情况，说明原因并提出整改措施。".into(),
            supervision_requirement:
                "催办后仍未按期反馈，请于限期内书面说明原因、整改措施和完成时限。".into(),
            interview_requirement: "督办后仍未按期反馈，请单位主要负责同志按时参加约谈。".into(),
        }
    }
}

impl ChaseConfig {
    /// The 限期 (days from issue) of a notice of `kind`.
    pub fn answer_days(&self, kind: NoticeKind) -> u32 {
        match kind {
            NoticeKind::Chase | NoticeKind::Assignment => self.chase_answer_days,
            NoticeKind::Supervision => self.supervision_answer_days,
            NoticeKind::Interview => self.interview_days,
            NoticeKind::Reminder => 0,
        }
    }

    /// The 要求 of a notice of `kind`.
    pub fn requirement(&self, kind: NoticeKind) -> &str {
        match kind {
            NoticeKind::Supervision => &self.supervision_requirement,
            NoticeKind::Interview => &self.interview_requirement,
            _ => &self.chase_requirement,
        }
    }

    /// Reads a stored config; anything unreadable falls back to the defaults.
    pub fn from_json(s: Option<&str>) -> Self {
        s.and_then(|s| serde_json::from_str(s).ok())
            .unwrap_or_default()
    }
}

/// The 编号 prefix of each numbered kind. Defaults are neutral; an office sets its own
/// (山督交, 山督催, 山督办, 山督谈).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NumberPrefixes {
    pub assignment: String,
    pub chase: String,
    pub supervision: String,
    pub interview: String,
}

impl Default for NumberPrefixes {
    fn default() -> Self {
        Self {
            assignment: "督交".into(),
            chase: "督催".into(),
            supervision: "督办".into(),
            interview: "督谈".into(),
        }
    }
}

impl NumberPrefixes {
    /// The prefix of a numbered kind; reminders carry no number.
    pub fn of(&self, kind: NoticeKind) -> Option<&str> {
        match kind {
            NoticeKind::Reminder => None,
            NoticeKind::Assignment => Some(&self.assignment),
            NoticeKind::Chase => Some(&self.chase),
            NoticeKind::Supervision => Some(&self.supervision),
            NoticeKind::Interview => Some(&self.interview),
        }
    }
}
