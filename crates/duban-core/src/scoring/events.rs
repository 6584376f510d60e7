//! Score events from what the chase pass already knows: the reports owed (against the
//! deadline in force — an approved extension moves it, anything else does not), the
//! notices and their answers, and the office's manual adjustments.

use super::{EventKind, ScoreEvent};
use crate::chase::{ExistingNotice, Extension, Obligation, effective_due};
use crate::status::Status;
use crate::{NoticeKind, Period, ReportState};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use time::{Date, Month};

/// A manual adjustment by the office, with its reason (audited by the app).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Adjustment {
    pub id: i64,
    pub unit_id: i64,
    pub item_id: Option<i64>,
    pub period: Period,
    /// Signed: positive adds, negative deducts.
    pub points: f64,
    pub reason: String,
}

fn month_of(d: Date) -> Period {
    Period {
        year: d.year(),
        month: u8::from(d.month()),
    }
}

/// Every score event known on `today`. Only lead units are scored on reports;
/// `item_deadlines` holds each item's 完成时限 (year end when absent), for finishing early.
pub fn collect_events(
    today: Date,
    obligations: &[Obligation],
    extensions: &[Extension],
    notices: &[ExistingNotice],
    item_deadlines: &HashMap<i64, Date>,
    adjustments: &[Adjustment],
) -> Vec<ScoreEvent> {
    let mut out = Vec::new();
    let mut completed: HashSet<(i64, i64)> = HashSet::new();
    let mut sorted: Vec<&Obligation> = obligations.iter().filter(|o| o.lead).collect();
    sorted.sort_by_key(|o| (o.period, o.item_id, o.unit_id));
    for o in sorted {
        let ext: Vec<&Extension> = extensions
            .iter()
            .filter(|e| (e.item_id, e.unit_id, e.period) == (o.item_id, o.unit_id, o.period))
            .collect();
        let due = effective_due(o.due, &ext);
        let event = |kind| ScoreEvent {
            unit_id: o.unit_id,
            item_id: Some(o.item_id),
            period: o.period,
            kind,
            source_id: None,
            note: o.item_title.clone(),
        };
        match (o.reported(), o.submitted_on) {
            (true, Some(on)) if on > due => out.push(event(EventKind::LateReport {
                days: (on - due).whole_days(),
            })),
            (false, _) if today > due => out.push(event(EventKind::MissingReport)),
            _ => {}
        }
        if o.report != Some(ReportState::Accepted) {
            continue;
        }
        match o.status {
            Some(Status::Behind) => out.push(event(EventKind::Behind)),
            Some(Status::SeriouslyBehind) => out.push(event(EventKind::SeriouslyBehind)),
            Some(Status::Completed) if completed.insert((o.item_id, o.unit_id)) => {
                let year_end =
                    Date::from_calendar_date(o.period.year, Month::December, 31).unwrap_or(o.due);
                let deadline = item_deadlines.get(&o.item_id).copied().unwrap_or(year_end);
                let on = o.submitted_on.unwrap_or(o.due);
                let days = (deadline - on).whole_days();
                if days > 0 {
                    out.push(event(EventKind::CompletedEarly { days }));
                }
            }
            _ => {}
        }
    }
    for n in notices {
        let Some(unit_id) = n.unit_id else { continue };
        let kind = match n.kind {
            NoticeKind::Chase => EventKind::UnansweredChase,
            NoticeKind::Supervision => EventKind::UnansweredSupervision,
            NoticeKind::Interview => {
                out.push(ScoreEvent {
                    unit_id,
                    item_id: n.item_id,
                    period: month_of(n.issued_on),
                    kind: EventKind::Interview,
                    source_id: Some(n.id),
                    note: n.number.clone().unwrap_or_else(|| n.matter.clone()),
                });
                continue;
            }
            NoticeKind::Reminder | NoticeKind::Assignment => continue,
        };
        let Some(deadline) = n.deadline else { continue };
        // Unanswered within the 限期: no answer, or one after it; a step the office
        // closed costs nothing.
        let late = n.answered_on.is_none_or(|a| a > deadline);
        if n.closed && n.answered_on.is_none() || !late || today <= deadline {
            continue;
        }
        out.push(ScoreEvent {
            unit_id,
            item_id: n.item_id,
            period: month_of(deadline),
            kind,
            source_id: Some(n.id),
            note: n.number.clone().unwrap_or_else(|| n.matter.clone()),
        });
    }
    for a in adjustments {
        out.push(ScoreEvent {
            unit_id: a.unit_id,
            item_id: a.item_id,
            period: a.period,
            kind: EventKind::Manual { points: a.points },
            source_id: Some(a.id),
            note: a.reason.clone(),
        });
    }
    out
}
