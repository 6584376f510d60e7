//! 考核 (B7): unit scores per month, quarter or year, from configurable rules, each point
//! traceable to the item and event that caused it (得分反查).
//!
//! A score starts at the base (100), and every deduction or bonus is one [`ScoreEntry`]
//! naming its item, its event and its reason; the base, and any cut to a floor or a bonus
//! cap, are entries too, so the entries always add up to the total.

mod events;
mod rank;

pub use events::{Adjustment, collect_events};
pub use rank::{Ranking, rank};

use crate::Period;
use crate::figure::text_enum;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

/// Points per event; stored per plan as JSON, missing fields take the defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScoringRules {
    pub base: f64,
    /// Deducted per report not made by its deadline.
    pub missing_report: f64,
    /// Deducted per report made after its deadline.
    pub late_report: f64,
    /// Deducted per item 欠进度 in an accepted report.
    pub behind: f64,
    /// Deducted per item 严重滞后 in an accepted report.
    pub seriously_behind: f64,
    /// Deducted per 催办单 not answered within its 限期.
    pub unanswered_chase: f64,
    /// Deducted per 督办通知单 not answered within its 限期.
    pub unanswered_supervision: f64,
    /// Deducted per 约谈.
    pub interview: f64,
    /// Added per item completed before its deadline.
    pub early_completion: f64,
    /// Multiply item events by the item's weight (assignments.weight).
    pub use_weights: bool,
    /// The lowest total (`None`: no floor).
    pub floor: Option<f64>,
    /// The most bonus points a unit can earn in one period (`None`: no cap).
    pub max_bonus: Option<f64>,
}

impl Default for ScoringRules {
    fn default() -> Self {
        Self {
            base: 100.0,
            missing_report: 5.0,
            late_report: 2.0,
            behind: 2.0,
            seriously_behind: 5.0,
            unanswered_chase: 3.0,
            unanswered_supervision: 5.0,
            interview: 10.0,
            early_completion: 2.0,
            use_weights: true,
            floor: Some(0.0),
            max_bonus: Some(10.0),
        }
    }
}

impl ScoringRules {
    /// Reads stored rules; anything unreadable falls back to the defaults.
    pub fn from_json(s: Option<&str>) -> Self {
        s.and_then(|s| serde_json::from_str(s).ok())
            .unwrap_or_default()
    }

    /// The signed points of one event, before weighting.
    pub fn points(&self, kind: &EventKind) -> f64 {
        match kind {
            EventKind::MissingReport => -self.missing_report,
            EventKind::LateReport { .. } => -self.late_report,
            EventKind::Behind => -self.behind,
            EventKind::SeriouslyBehind => -self.seriously_behind,
            EventKind::UnansweredChase => -self.unanswered_chase,
            EventKind::UnansweredSupervision => -self.unanswered_supervision,
            EventKind::Interview => -self.interview,
            EventKind::CompletedEarly { .. } => self.early_completion,
            EventKind::Manual { points } => *points,
        }
    }
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventKind {
    MissingReport,
    LateReport {
        days: i64,
    },
    Behind,
    SeriouslyBehind,
    UnansweredChase,
    UnansweredSupervision,
    Interview,
    CompletedEarly {
        days: i64,
    },
    /// A manual adjustment by the office (signed points, with its reason in `note`).
    Manual {
        points: f64,
    },
}

impl EventKind {
    /// The stable code (API, export).
    pub fn code(&self) -> &'static str {
        match self {
            Self::MissingReport => "missing_report",
            Self::LateReport { .. } => "late_report",
            Self::Behind => "behind",
            Self::SeriouslyBehind => "seriously_behind",
            Self::UnansweredChase => "unanswered_chase",
            Self::UnansweredSupervision => "unanswered_supervision",
            Self::Interview => "interview",
            Self::CompletedEarly { .. } => "completed_early",
            Self::Manual { .. } => "manual",
        }
    }

    fn reason(&self) -> String {
        match self {
            Self::MissingReport => "逾期未报送进度".into(),
            Self::LateReport { days } => format!("进度报送逾期{days}天"),
            Self::Behind => "欠进度".into(),
            Self::SeriouslyBehind => "严重滞后".into(),
            Self::UnansweredChase => "催办单逾期未反馈".into(),
            Self::UnansweredSupervision => "督办通知单逾期未反馈".into(),
            Self::Interview => "被约谈".into(),
            Self::CompletedEarly { days } => format!("提前{days}天完成"),
            Self::Manual { .. } => "人工调整".into(),
        }
    }
}

/// One event that earns or costs a unit points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreEvent {
    pub unit_id: i64,
    pub item_id: Option<i64>,
    /// The month the event counts in.
    pub period: Period,
    pub kind: EventKind,
    /// What the event points at: a notice id, an adjustment id (`None` for report events).
    pub source_id: Option<i64>,
    /// A detail for the reason: the item's title, a notice's number, an adjustment's reason.
    pub note: String,
}

/// What an entry of a score is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    Base,
    Event,
    /// Bonuses beyond the cap taken back.
    BonusCap,
    /// Raised to the floor.
    Floor,
}
text_enum!(EntryKind { Base => "base", "基础分"; Event => "event", "事件"; BonusCap => "bonus_cap", "加分封顶"; Floor => "floor", "最低分"; });

/// One line of 得分反查.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreEntry {
    pub entry: EntryKind,
    pub item_id: Option<i64>,
    /// The event (for `Event` entries).
    pub event: Option<ScoreEvent>,
    pub points: f64,
    pub reason: String,
}

/// A unit's score for one period, with the entries it decomposes into.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitScore {
    pub unit_id: i64,
    pub period: ScorePeriod,
    pub total: f64,
    pub entries: Vec<ScoreEntry>,
}

/// The span a score is computed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "span", rename_all = "snake_case")]
pub enum ScorePeriod {
    Month { year: i32, month: u8 },
    Quarter { year: i32, quarter: u8 },
    Year { year: i32 },
}

impl ScorePeriod {
    pub fn month(p: Period) -> Self {
        Self::Month {
            year: p.year,
            month: p.month,
        }
    }

    pub fn quarter_of(p: Period) -> Self {
        Self::Quarter {
            year: p.year,
            quarter: (p.month - 1) / 3 + 1,
        }
    }

    pub fn contains(self, p: Period) -> bool {
        match self {
            Self::Month { year, month } => p.year == year && p.month == month,
            Self::Quarter { year, quarter } => p.year == year && (p.month - 1) / 3 + 1 == quarter,
            Self::Year { year } => p.year == year,
        }
    }

    /// The span before this one, for the rank change.
    pub fn previous(self) -> Self {
        match self {
            Self::Month { year, month } => {
                let p = Period { year, month }.prev();
                Self::month(p)
            }
            Self::Quarter { year, quarter: 1 } => Self::Quarter {
                year: year - 1,
                quarter: 4,
            },
            Self::Quarter { year, quarter } => Self::Quarter {
                year,
                quarter: quarter - 1,
            },
            Self::Year { year } => Self::Year { year: year - 1 },
        }
    }

    /// The last month of the span (the one whose due date settles it).
    pub fn last_month(self) -> Period {
        match self {
            Self::Month { year, month } => Period { year, month },
            Self::Quarter { year, quarter } => Period {
                year,
                month: quarter.clamp(1, 4) * 3,
            },
            Self::Year { year } => Period { year, month: 12 },
        }
    }

    /// The stable key of the span: 2024-06, 2024-Q2, 2024.
    pub fn key(self) -> String {
        match self {
            Self::Month { year, month } => format!("{year:04}-{month:02}"),
            Self::Quarter { year, quarter } => format!("{year:04}-Q{quarter}"),
            Self::Year { year } => format!("{year:04}"),
        }
    }

    /// 2024年6月, 2024年第二季度, 2024年度.
    pub fn label(self) -> String {
        match self {
            Self::Month { year, month } => format!("{year}年{month}月"),
            Self::Quarter { year, quarter } => {
                let q = ["一", "二", "三", "四"][usize::from(quarter.clamp(1, 4) - 1)];
                format!("{year}年第{q}季度")
            }
            Self::Year { year } => format!("{year}年度"),
        }
    }
}

/// Scores every unit in `units` for `span` from the events (those outside the span are
/// ignored). `weights` gives an item's weight (1 when absent).
pub fn score_units(
    rules: &ScoringRules,
    span: ScorePeriod,
    units: &[i64],
    events: &[ScoreEvent],
    weights: &HashMap<i64, f64>,
) -> Vec<UnitScore> {
    units
        .iter()
        .map(|&u| {
            let mine: Vec<&ScoreEvent> = events
                .iter()
                .filter(|e| e.unit_id == u && span.contains(e.period))
                .collect();
            score_one(rules, span, u, &mine, weights)
        })
        .collect()
}

fn score_one(
    rules: &ScoringRules,
    span: ScorePeriod,
    unit_id: i64,
    events: &[&ScoreEvent],
    weights: &HashMap<i64, f64>,
) -> UnitScore {
    let mut entries = vec![ScoreEntry {
        entry: EntryKind::Base,
        item_id: None,
        event: None,
        points: rules.base,
        reason: EntryKind::Base.label().into(),
    }];
    let (mut deductions, mut bonuses) = (0.0, 0.0);
    for e in events {
        let weight = match (&e.kind, e.item_id) {
            (EventKind::Manual { .. }, _) | (_, None) => 1.0,
            (_, Some(i)) if rules.use_weights => weights.get(&i).copied().unwrap_or(1.0),
            _ => 1.0,
        };
        let points = rules.points(&e.kind) * weight;
        if !points.is_finite() || points == 0.0 {
            continue;
        }
        if points < 0.0 {
            deductions += points;
        } else {
            bonuses += points;
        }
        let mut reason = e.kind.reason();
        if !e.note.is_empty() {
            reason = format!("{reason}：{}", e.note);
        }
        if weight != 1.0 {
            reason.push_str(&format!("（权重{weight}）"));
        }
        entries.push(ScoreEntry {
            entry: EntryKind::Event,
            item_id: e.item_id,
            event: Some((*e).clone()),
            points,
            reason,
        });
    }
    let kept_bonus = match rules.max_bonus {
        Some(cap) if bonuses > cap => {
            entries.push(ScoreEntry {
                entry: EntryKind::BonusCap,
                item_id: None,
                event: None,
                points: cap - bonuses,
                reason: format!("加分超过上限{cap}分的部分不计"),
            });
            cap
        }
        _ => bonuses,
    };
    let raw = rules.base + deductions + kept_bonus;
    let total = match rules.floor {
        Some(f) if raw < f => {
            let sum: f64 = entries.iter().map(|e| e.points).sum();
            entries.push(ScoreEntry {
                entry: EntryKind::Floor,
                item_id: None,
                event: None,
                points: f - sum,
                reason: format!("最低为{f}分"),
            });
            f
        }
        _ => raw,
    };
    UnitScore {
        unit_id,
        period: span,
        total,
        entries,
    }
}

#[cfg(test)]
mod tests;
