//! Chasing over the API: notices and their answers, extension requests, the inbox and the
//! score board with 得分反查. Each response is built from the app's record by a `From`, so
//! what is sent is exactly what the OpenAPI document describes.

use duban_app::chase::notice_list::NoticeState;
use duban_app::chase::notices::NoticeDetail;
use duban_app::chase::scores::{ScoreBoard, ScoreRow};
use duban_app::core::scoring::ScoreEntry;
use duban_app::db::chase::ExtensionRow;
use duban_app::db::inbox::Message;
use duban_app::db::notices::NoticeRecord;
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::{IntoParams, ToSchema};

fn day(d: Option<Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// A notice (提醒、交办单、催办单、督办通知单、约谈).
#[derive(Debug, Serialize, ToSchema)]
pub struct NoticeDoc {
    pub id: i64,
    pub plan_id: Option<i64>,
    pub item_id: Option<i64>,
    pub unit_id: Option<i64>,
    /// reminder | assignment | chase | supervision | interview
    pub kind: String,
    /// 种类（中文）
    pub kind_label: String,
    /// plain | blue | orange | red（三色督查单）
    pub level: String,
    /// 编号，例如 山督催〔2024〕7号
    pub number: Option<String>,
    /// 事项
    pub matter: String,
    /// 要求
    pub requirement: String,
    /// 责任单位
    pub unit_name: Option<String>,
    /// 责任人
    pub responsible: Option<String>,
    /// 期间 YYYY-MM
    pub period: Option<String>,
    /// 时限 YYYY-MM-DD
    pub due_date: Option<String>,
    /// 签发日期 YYYY-MM-DD
    pub issued_on: String,
    /// open | overdue | answered | closed
    pub state: String,
    pub state_label: String,
    /// 签收时间（RFC 3339）；未签收时为空
    pub read_at: Option<String>,
    /// 反馈日期 YYYY-MM-DD
    pub answered_on: Option<String>,
    /// 办结意见
    pub close_comment: Option<String>,
}

impl NoticeDoc {
    pub fn of(n: &NoticeRecord, today: Date) -> Self {
        let st = NoticeState::of(n, today);
        Self {
            id: n.id,
            plan_id: n.plan_id,
            item_id: n.item_id,
            unit_id: n.unit_id,
            kind: n.kind.as_str().into(),
            kind_label: n.kind.label().into(),
            level: n.level.as_str().into(),
            number: n.number.clone(),
            matter: n.matter.clone(),
            requirement: n.requirement.clone(),
            unit_name: n.unit_name.clone(),
            responsible: n.responsible.clone(),
            period: n.period.clone(),
            due_date: day(n.due_date),
            issued_on: n
                .issued_on
                .unwrap_or_else(|| n.issued_at.date())
                .to_string(),
            state: st.as_str().into(),
            state_label: st.label().into(),
            read_at: n.read_at.and_then(|t| {
                t.format(&time::format_description::well_known::Rfc3339)
                    .ok()
            }),
            answered_on: day(n.answered_on),
            close_comment: n.close_comment.clone(),
        }
    }
}

/// An attachment of an answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct AnswerFileDoc {
    pub id: i64,
    pub file_name: String,
    pub size_bytes: i64,
    /// 下载地址
    pub href: String,
}

/// A unit's answer (反馈).
#[derive(Debug, Serialize, ToSchema)]
pub struct AnswerDoc {
    pub id: i64,
    pub body: String,
    pub answered_on: String,
    pub files: Vec<AnswerFileDoc>,
}

/// A notice with its answers.
#[derive(Debug, Serialize, ToSchema)]
pub struct NoticeDetailDoc {
    pub notice: NoticeDoc,
    /// 签收人
    pub received_by: Option<String>,
    pub answers: Vec<AnswerDoc>,
}

impl NoticeDetailDoc {
    pub fn of(d: &NoticeDetail, today: Date) -> Self {
        Self {
            notice: NoticeDoc::of(&d.notice, today),
            received_by: d.received_by.clone(),
            answers: d
                .answers
                .iter()
                .map(|a| AnswerDoc {
                    id: a.id,
                    body: a.body.clone(),
                    answered_on: a.answered_on.to_string(),
                    files: d
                        .files
                        .iter()
                        .filter(|f| f.answer_id == a.id)
                        .map(|f| AnswerFileDoc {
                            id: f.id,
                            file_name: f.file_name.clone(),
                            size_bytes: f.size_bytes,
                            href: format!("/notices/{}/files/{}", d.notice.id, f.id),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// Filters of the notice list.
#[derive(Debug, Deserialize, IntoParams)]
pub struct NoticeParams {
    /// 计划编号；缺省为最新计划
    pub plan_id: Option<i64>,
    /// reminder | assignment | chase | supervision | interview
    pub kind: Option<String>,
    /// open | overdue | answered | closed
    pub state: Option<String>,
    /// 责任单位编号
    pub unit_id: Option<i64>,
}

/// 反馈 over the API (text only; attachments through the page's form).
#[derive(Debug, Deserialize, ToSchema)]
pub struct AnswerBody {
    /// 办理情况
    pub text: String,
}

/// A 单 the office issues by hand.
#[derive(Debug, Deserialize, ToSchema)]
pub struct IssueBody {
    /// assignment | chase | supervision
    pub kind: String,
    pub item_id: i64,
    /// 责任单位编号；缺省为牵头单位
    pub unit_id: Option<i64>,
    /// 事项；缺省为事项名称（领导批示可写在此）
    #[serde(default)]
    pub matter: String,
    /// 要求；缺省按计划设置
    #[serde(default)]
    pub requirement: String,
    /// 时限 YYYY-MM-DD；缺省按计划设置
    pub deadline: Option<String>,
}

/// An extension request (延期申请).
#[derive(Debug, Serialize, ToSchema)]
pub struct ExtensionDoc {
    pub id: i64,
    pub plan_id: i64,
    pub item_id: i64,
    pub unit_id: i64,
    /// 期间 YYYY-MM
    pub period: String,
    /// 原时限 YYYY-MM-DD
    pub old_due: String,
    /// 申请延至 YYYY-MM-DD
    pub new_due: String,
    pub reason: String,
    /// pending | approved | rejected
    pub state: String,
    pub requested_on: String,
    pub decided_on: Option<String>,
    pub decision_comment: Option<String>,
}

impl From<&ExtensionRow> for ExtensionDoc {
    fn from(e: &ExtensionRow) -> Self {
        Self {
            id: e.id,
            plan_id: e.plan_id,
            item_id: e.item_id,
            unit_id: e.unit_id,
            period: e.period.clone(),
            old_due: e.old_due.to_string(),
            new_due: e.new_due.to_string(),
            reason: e.reason.clone(),
            state: e.state.clone(),
            requested_on: e.requested_on.to_string(),
            decided_on: day(e.decided_on),
            decision_comment: e.decision_comment.clone(),
        }
    }
}

/// Filters of the extension list.
#[derive(Debug, Deserialize, IntoParams)]
pub struct ExtensionParams {
    pub plan_id: Option<i64>,
    /// true：只列待审批的
    #[serde(default)]
    pub pending: bool,
}

/// A unit's request.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ExtensionBody {
    pub item_id: i64,
    /// 期间 YYYY-MM
    pub period: String,
    /// 申请延至 YYYY-MM-DD（须晚于原时限，且在原时限前申请）
    pub new_due: String,
    pub reason: String,
}

/// The office's decision.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ExtensionDecisionBody {
    pub approve: bool,
    #[serde(default)]
    pub comment: String,
}

/// A message of the inbox.
#[derive(Debug, Serialize, ToSchema)]
pub struct MessageDoc {
    pub id: i64,
    /// digest | notice
    pub kind: String,
    pub title: String,
    pub body: String,
    /// 站内链接（相对路径）
    pub link: Option<String>,
    pub notice_id: Option<i64>,
    /// RFC 3339
    pub created_at: String,
    pub read: bool,
}

impl From<&Message> for MessageDoc {
    fn from(m: &Message) -> Self {
        Self {
            id: m.id,
            kind: m.kind.clone(),
            title: m.title.clone(),
            body: m.body.clone(),
            link: m.link.clone(),
            notice_id: m.notice_id,
            created_at: m
                .created_at
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            read: m.read_at.is_some(),
        }
    }
}

/// The caller's inbox.
#[derive(Debug, Serialize, ToSchema)]
pub struct InboxDoc {
    pub unread: i64,
    pub messages: Vec<MessageDoc>,
}

/// One line of 得分反查.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScoreEntryDoc {
    /// base | event | bonus_cap | floor
    pub entry: String,
    pub entry_label: String,
    pub item_id: Option<i64>,
    /// missing_report | late_report | behind | seriously_behind | unanswered_chase |
    /// unanswered_supervision | interview | completed_early | manual
    pub event: Option<String>,
    /// 事件所在月份 YYYY-MM
    pub event_period: Option<String>,
    pub points: f64,
    pub reason: String,
}

impl From<&ScoreEntry> for ScoreEntryDoc {
    fn from(e: &ScoreEntry) -> Self {
        Self {
            entry: e.entry.as_str().into(),
            entry_label: e.entry.label().into(),
            item_id: e.item_id,
            event: e.event.as_ref().map(|v| v.kind.code().into()),
            event_period: e.event.as_ref().map(|v| v.period.to_string()),
            points: e.points,
            reason: e.reason.clone(),
        }
    }
}

/// A unit's score, rank and entries (the entries add up to the total).
#[derive(Debug, Serialize, ToSchema)]
pub struct ScoreRowDoc {
    pub unit_id: i64,
    pub unit_name: String,
    pub total: f64,
    pub rank: u32,
    pub previous_rank: Option<u32>,
    /// 名次变化：正数为上升
    pub change: Option<i64>,
    /// 得分反查（无权查看明细时为空）
    pub entries: Vec<ScoreEntryDoc>,
}

impl From<&ScoreRow> for ScoreRowDoc {
    fn from(r: &ScoreRow) -> Self {
        Self {
            unit_id: r.unit_id,
            unit_name: r.unit_name.clone(),
            total: r.total,
            rank: r.rank,
            previous_rank: r.previous_rank,
            change: r.change,
            entries: r.entries.iter().map(Into::into).collect(),
        }
    }
}

/// The ranking of a span.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScoreBoardDoc {
    pub plan_id: i64,
    /// 2024-06 | 2024-Q2 | 2024
    pub span: String,
    pub span_label: String,
    pub rows: Vec<ScoreRowDoc>,
}

impl From<&ScoreBoard> for ScoreBoardDoc {
    fn from(b: &ScoreBoard) -> Self {
        Self {
            plan_id: b.plan_id,
            span: b.span_key.clone(),
            span_label: b.span_label.clone(),
            rows: b.rows.iter().map(Into::into).collect(),
        }
    }
}

/// Which span the scores are for.
#[derive(Debug, Deserialize, IntoParams)]
pub struct SpanParams {
    pub plan_id: Option<i64>,
    /// 2024-06（月）、2024-Q2（季度）或 2024（年度）；缺省为计划年度
    pub span: Option<String>,
}
