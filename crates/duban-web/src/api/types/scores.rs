//! 考核得分: the ranking with rank change and each unit's entries (得分反查).

use duban_app::chase::scores::{ScoreBoard, ScoreRow};
use duban_app::core::scoring::{EventKind, ScoreEntry, ScoreEvent, ScorePeriod};
use serde::Serialize;
use utoipa::ToSchema;

/// The span a score is for.
#[derive(Serialize, ToSchema)]
pub struct SpanDto {
    /// month | quarter | year
    pub span: String,
    pub year: i32,
    pub month: Option<u8>,
    pub quarter: Option<u8>,
}

impl From<ScorePeriod> for SpanDto {
    fn from(p: ScorePeriod) -> Self {
        let (span, year, month, quarter) = match p {
            ScorePeriod::Month { year, month } => ("month", year, Some(month), None),
            ScorePeriod::Quarter { year, quarter } => ("quarter", year, None, Some(quarter)),
            ScorePeriod::Year { year } => ("year", year, None, None),
        };
        Self {
            span: span.into(),
            year,
            month,
            quarter,
        }
    }
}

/// The event an entry comes from.
#[derive(Serialize, ToSchema)]
pub struct ScoreEventDto {
    /// YYYY-MM
    pub period: String,
    /// missing_report | late_report | behind | seriously_behind | unanswered_chase |
    /// unanswered_supervision | interview | completed_early | manual
    pub kind: String,
    /// 逾期或提前的天数（late_report、completed_early）
    pub days: Option<i64>,
    /// 督查室手动调整的分值（manual）
    pub points: Option<f64>,
    pub source_id: Option<i64>,
    pub note: String,
}

impl From<ScoreEvent> for ScoreEventDto {
    fn from(e: ScoreEvent) -> Self {
        let (days, points) = match e.kind {
            EventKind::LateReport { days } | EventKind::CompletedEarly { days } => {
                (Some(days), None)
            }
            EventKind::Manual { points } => (None, Some(points)),
            _ => (None, None),
        };
        Self {
            period: e.period.to_string(),
            kind: e.kind.code().to_string(),
            days,
            points,
            source_id: e.source_id,
            note: e.note,
        }
    }
}

/// One line of 得分反查.
#[derive(Serialize, ToSchema)]
pub struct ScoreEntryDto {
    /// base | event | bonus_cap | floor
    pub entry: String,
    pub item_id: Option<i64>,
    pub event: Option<ScoreEventDto>,
    pub points: f64,
    pub reason: String,
}

impl From<ScoreEntry> for ScoreEntryDto {
    fn from(e: ScoreEntry) -> Self {
        Self {
            entry: e.entry.to_string(),
            item_id: e.item_id,
            event: e.event.map(Into::into),
            points: e.points,
            reason: e.reason,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ScoreRowDto {
    pub unit_id: i64,
    pub unit_name: String,
    pub total: f64,
    /// 1 为第一；同分同名次
    pub rank: u32,
    pub previous_rank: Option<u32>,
    /// 比上期上升的名次（负数为下降）
    pub change: Option<i64>,
    /// 得分明细，合计等于 total（无权查看明细时为空）
    pub entries: Vec<ScoreEntryDto>,
}

impl From<ScoreRow> for ScoreRowDto {
    fn from(r: ScoreRow) -> Self {
        Self {
            unit_id: r.unit_id,
            unit_name: r.unit_name,
            total: r.total,
            rank: r.rank,
            previous_rank: r.previous_rank,
            change: r.change,
            entries: r.entries.into_iter().map(Into::into).collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ScoreBoardDto {
    pub plan_id: i64,
    pub span: SpanDto,
    /// 例如 2024年第二季度
    pub span_label: String,
    pub rows: Vec<ScoreRowDto>,
}

impl From<ScoreBoard> for ScoreBoardDto {
    fn from(b: ScoreBoard) -> Self {
        Self {
            plan_id: b.plan_id,
            span: b.span.into(),
            span_label: b.span_label,
            rows: b.rows.into_iter().map(Into::into).collect(),
        }
    }
}
