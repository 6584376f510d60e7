//! 事项 and 分解: an item, its detail, the assignment a supervisor sends.

use super::plans::PlanDto;
use super::reports::ReportDto;
use super::stamp;
use duban_app::core::{Cycle, ItemKind};
use duban_app::db::{Item, ItemAdjustment, Milestone};
use duban_app::items::{ItemDetail, MilestoneInput};
use serde::{Deserialize, Serialize};
use time::Date;
use utoipa::ToSchema;

/// A target (指标) or task (任务) with its assignment.
#[derive(Serialize, ToSchema)]
pub struct ItemDto {
    pub id: i64,
    pub plan_id: i64,
    pub section_id: Option<i64>,
    pub parent_id: Option<i64>,
    pub seq: i64,
    /// target | task
    #[schema(value_type = String)]
    pub kind: ItemKind,
    pub title: String,
    /// 报告原文中的句子
    pub text: String,
    pub indicator: Option<String>,
    pub value: Option<f64>,
    pub value_max: Option<f64>,
    pub unit: Option<String>,
    /// >= | <= | ~ | =
    pub op: Option<String>,
    /// level | growth | share
    pub measure: Option<String>,
    /// up | down
    pub direction: Option<String>,
    pub figure_year: Option<i64>,
    /// 在报告全文中的字符位置
    pub start_char: Option<i64>,
    pub end_char: Option<i64>,
    /// 目标是否调整过
    pub adjusted: bool,
    pub section_heading: Option<String>,
    pub assignment_id: Option<i64>,
    pub lead_unit_id: Option<i64>,
    pub lead_unit_name: Option<String>,
    pub leader_name: Option<String>,
    pub leader_user_id: Option<i64>,
    /// 完成时限
    pub deadline: Option<Date>,
    pub weight: Option<f64>,
    /// monthly | quarterly | halfyearly | yearly；未分解时为空
    pub cycle: Option<String>,
}

impl From<Item> for ItemDto {
    fn from(i: Item) -> Self {
        Self {
            id: i.id,
            plan_id: i.plan_id,
            section_id: i.section_id,
            parent_id: i.parent_id,
            seq: i.seq,
            kind: i.kind,
            title: i.title,
            text: i.text,
            indicator: i.indicator,
            value: i.value,
            value_max: i.value_max,
            unit: i.unit,
            op: i.op.map(|o| o.to_string()),
            measure: i.measure.map(|m| m.to_string()),
            direction: i.direction.map(|d| d.to_string()),
            figure_year: i.figure_year,
            start_char: i.start_char,
            end_char: i.end_char,
            adjusted: i.adjusted,
            section_heading: i.section_heading,
            assignment_id: i.assignment_id,
            lead_unit_id: i.lead_unit_id,
            lead_unit_name: i.lead_unit_name,
            leader_name: i.leader_name,
            leader_user_id: i.leader_user_id,
            deadline: i.deadline,
            weight: i.weight,
            cycle: i.cycle.map(|c| c.to_string()),
        }
    }
}

/// A unit named by id and name.
#[derive(Serialize, ToSchema)]
pub struct UnitRefDto {
    pub id: i64,
    pub name: String,
}

/// A planned milestone (节点) of a task.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct MilestoneDto {
    /// YYYY-MM
    pub period: String,
    pub planned_value: Option<f64>,
    pub description: Option<String>,
    #[serde(default)]
    pub is_final: bool,
}

impl From<Milestone> for MilestoneDto {
    fn from(m: Milestone) -> Self {
        Self {
            period: m.period,
            planned_value: m.planned_value,
            description: m.description,
            is_final: m.is_final,
        }
    }
}

impl From<MilestoneDto> for MilestoneInput {
    fn from(m: MilestoneDto) -> Self {
        Self {
            period: m.period,
            planned_value: m.planned_value,
            description: m.description,
            is_final: m.is_final,
        }
    }
}

/// A change of a target (目标调整), with the old and new figures.
#[derive(Serialize, ToSchema)]
pub struct AdjustmentDto {
    pub id: i64,
    pub old_value: Option<f64>,
    pub old_value_max: Option<f64>,
    pub old_op: Option<String>,
    pub new_value: Option<f64>,
    pub new_value_max: Option<f64>,
    pub new_op: Option<String>,
    pub reason: String,
    pub adjusted_at: String,
    pub adjusted_by: Option<i64>,
}

impl From<ItemAdjustment> for AdjustmentDto {
    fn from(a: ItemAdjustment) -> Self {
        Self {
            id: a.id,
            old_value: a.old_value,
            old_value_max: a.old_value_max,
            old_op: a.old_op.map(|o| o.to_string()),
            new_value: a.new_value,
            new_value_max: a.new_value_max,
            new_op: a.new_op.map(|o| o.to_string()),
            reason: a.reason,
            adjusted_at: stamp::at(a.adjusted_at),
            adjusted_by: a.adjusted_by,
        }
    }
}

/// An item with its plan, 分解, milestones, adjustments, the reports the caller may see
/// and its sub-items.
#[derive(Serialize, ToSchema)]
pub struct ItemDetailDto {
    pub item: ItemDto,
    pub plan: PlanDto,
    pub supporting_units: Vec<UnitRefDto>,
    pub milestones: Vec<MilestoneDto>,
    pub adjustments: Vec<AdjustmentDto>,
    pub reports: Vec<ReportDto>,
    pub children: Vec<ItemDto>,
}

impl From<ItemDetail> for ItemDetailDto {
    fn from(d: ItemDetail) -> Self {
        Self {
            item: d.item.into(),
            plan: d.plan.into(),
            supporting_units: d
                .supporting_units
                .into_iter()
                .map(|(id, name)| UnitRefDto { id, name })
                .collect(),
            milestones: d.milestones.into_iter().map(Into::into).collect(),
            adjustments: d.adjustments.into_iter().map(Into::into).collect(),
            reports: d.reports.into_iter().map(Into::into).collect(),
            children: d.children.into_iter().map(Into::into).collect(),
        }
    }
}

/// What the supervisor decides for an item.
#[derive(Deserialize, ToSchema)]
pub struct AssignBody {
    pub lead_unit_id: i64,
    #[serde(default)]
    pub supporting_unit_ids: Vec<i64>,
    pub leader_user_id: Option<i64>,
    pub leader_name: Option<String>,
    /// 完成时限 YYYY-MM-DD
    pub deadline: Option<String>,
    pub weight: Option<f64>,
    /// monthly | quarterly | halfyearly | yearly
    #[schema(value_type = Option<String>)]
    pub cycle: Option<Cycle>,
    /// 节点：省略则保持不变
    pub milestones: Option<Vec<MilestoneDto>>,
}
