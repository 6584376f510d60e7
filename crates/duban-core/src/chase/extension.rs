//! 延期申请 (B6): a unit asks for a new deadline before the old one passes; the office
//! approves or rejects it. Without approval everything is assessed, chased and scored
//! against the original deadline; with approval, against the new one.

use crate::Period;
use serde::{Deserialize, Serialize};
use time::Date;

/// What the office decided on a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum ExtensionDecision {
    Pending,
    Approved { on: Date, comment: String },
    Rejected { on: Date, comment: String },
}

/// One request for one item, unit and period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    pub id: i64,
    pub item_id: i64,
    pub unit_id: i64,
    pub period: Period,
    pub requested_on: Date,
    /// The deadline in force when the request was made.
    pub old_due: Date,
    pub new_due: Date,
    pub reason: String,
    pub decision: ExtensionDecision,
}

impl Extension {
    pub fn is_approved(&self) -> bool {
        matches!(self.decision, ExtensionDecision::Approved { .. })
    }
}

/// Why a request is refused before the office sees it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtensionError {
    #[error("原期限 {0} 已过，不能再申请延期")]
    TooLate(Date),
    #[error("新期限应晚于原期限 {0}")]
    NotLater(Date),
    #[error("请填写延期理由")]
    NoReason,
    #[error("该事项已有待审批的延期申请")]
    AlreadyPending,
    #[error("延期申请已审批，不能重复审批")]
    AlreadyDecided,
}

/// Checks a new request made on `today` against the deadline now in force.
pub fn validate_request(
    today: Date,
    current_due: Date,
    new_due: Date,
    reason: &str,
    others: &[Extension],
) -> Result<(), ExtensionError> {
    if today > current_due {
        return Err(ExtensionError::TooLate(current_due));
    }
    if new_due <= current_due {
        return Err(ExtensionError::NotLater(current_due));
    }
    if reason.trim().is_empty() {
        return Err(ExtensionError::NoReason);
    }
    if others
        .iter()
        .any(|e| e.decision == ExtensionDecision::Pending)
    {
        return Err(ExtensionError::AlreadyPending);
    }
    Ok(())
}

/// The deadline in force for one item, unit and period: the original one moved by each
/// approved request that was made in time, in the order they were requested. Requests made
/// after the deadline then in force, pending and rejected ones change nothing.
pub fn effective_due(original: Date, extensions: &[&Extension]) -> Date {
    let mut list: Vec<&&Extension> = extensions.iter().filter(|e| e.is_approved()).collect();
    list.sort_by_key(|e| (e.requested_on, e.id));
    let mut due = original;
    for e in list {
        if e.requested_on <= due && e.new_due > due {
            due = e.new_due;
        }
    }
    due
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Duration;
    use time::macros::date;

    const DUE: Date = date!(2024 - 06 - 25);

    fn ext(new_due: Date, requested_on: Date, decision: ExtensionDecision) -> Extension {
        Extension {
            id: 1,
            item_id: 1,
            unit_id: 10,
            period: Period {
                year: 2024,
                month: 6,
            },
            requested_on,
            old_due: DUE,
            new_due,
            reason: "项目审批延后".into(),
            decision,
        }
    }

    #[test]
    fn extensions_must_be_asked_in_time_with_a_reason() {
        let d = DUE;
        assert_eq!(
            validate_request(d + Duration::days(1), d, date!(2024 - 07 - 10), "x", &[]),
            Err(ExtensionError::TooLate(d))
        );
        assert_eq!(
            validate_request(d, d, d, "x", &[]),
            Err(ExtensionError::NotLater(d))
        );
        assert_eq!(
            validate_request(d, d, date!(2024 - 07 - 10), "  ", &[]),
            Err(ExtensionError::NoReason)
        );
        let pending = ext(date!(2024 - 07 - 10), d, ExtensionDecision::Pending);
        assert_eq!(
            validate_request(d, d, date!(2024 - 07 - 10), "x", &[pending]),
            Err(ExtensionError::AlreadyPending)
        );
        assert!(validate_request(d, d, date!(2024 - 07 - 10), "原因", &[]).is_ok());
        // An approval of a request made after the deadline (bad data) moves nothing.
        let late = ext(
            date!(2024 - 07 - 10),
            date!(2024 - 06 - 26),
            ExtensionDecision::Approved {
                on: date!(2024 - 06 - 27),
                comment: String::new(),
            },
        );
        assert_eq!(effective_due(d, &[&late]), d);
    }
}
