//! 填报 and 审核: a progress report, what a unit sends, what a reviewer decides.

use super::stamp;
use duban_app::core::ReportState;
use duban_app::db::ProgressReport;
use duban_app::progress::{Decision, ReportInput};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One unit's report on one item for one period.
#[derive(Serialize, ToSchema)]
pub struct ReportDto {
    pub id: i64,
    pub item_id: i64,
    pub unit_id: i64,
    pub unit_name: String,
    /// YYYY-MM
    pub period: String,
    pub value: Option<f64>,
    pub milestone_done: Option<bool>,
    pub progress: String,
    pub problems: String,
    pub next_steps: String,
    /// draft | submitted | returned | approved | accepted
    #[schema(value_type = String)]
    pub state: ReportState,
    /// 状态的中文名称
    pub state_label: String,
    /// 逾期提交
    pub is_late: bool,
    /// 配合单位的报告
    pub is_contribution: bool,
    /// 来源：web、import 等
    pub provenance: String,
    pub return_comment: Option<String>,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
    pub submitted_at: Option<String>,
    pub approved_at: Option<String>,
    pub accepted_at: Option<String>,
}

impl From<ProgressReport> for ReportDto {
    fn from(r: ProgressReport) -> Self {
        Self {
            id: r.id,
            item_id: r.item_id,
            unit_id: r.unit_id,
            unit_name: r.unit_name,
            period: r.period,
            value: r.value,
            milestone_done: r.milestone_done,
            progress: r.progress,
            problems: r.problems,
            next_steps: r.next_steps,
            state_label: r.state.label().to_string(),
            state: r.state,
            is_late: r.is_late,
            is_contribution: r.is_contribution,
            provenance: r.provenance,
            return_comment: r.return_comment,
            version: r.version,
            created_at: stamp::at(r.created_at),
            updated_at: stamp::at(r.updated_at),
            submitted_at: stamp::opt(r.submitted_at),
            approved_at: stamp::opt(r.approved_at),
            accepted_at: stamp::opt(r.accepted_at),
        }
    }
}

/// A report as the unit fills it.
#[derive(Deserialize, ToSchema)]
pub struct ReportBody {
    /// YYYY-MM
    pub period: String,
    /// 累计完成值（增速目标为累计增幅%，比率/上限目标为当前值）
    pub value: Option<f64>,
    /// 任务：本期节点是否完成
    pub milestone_done: Option<bool>,
    #[serde(default)]
    pub progress: String,
    #[serde(default)]
    pub problems: String,
    #[serde(default)]
    pub next_steps: String,
    /// true 提交审核；false 保存草稿
    #[serde(default)]
    pub submit: bool,
}

impl From<ReportBody> for ReportInput {
    fn from(b: ReportBody) -> Self {
        Self {
            period: b.period,
            value: b.value,
            milestone_done: b.milestone_done,
            progress: b.progress,
            problems: b.problems,
            next_steps: b.next_steps,
            submit: b.submit,
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct ReviewBody {
    /// approve | return
    #[schema(value_type = String, example = "approve")]
    pub decision: Decision,
    #[serde(default)]
    pub comment: String,
}
