//! 状态: an item's status by rule, and the dashboard's counts.

use super::items::ItemDto;
use duban_app::core::status::{Assessment, Light, Status};
use duban_app::dashboard::{Dashboard, Group, StatusCount};
use duban_app::status::ItemStatus;
use serde::Serialize;
use utoipa::ToSchema;

/// How an item stands against 序时进度.
#[derive(Serialize, ToSchema)]
pub struct AssessmentDto {
    /// completed | ahead | on_track | behind | seriously_behind | not_reported | not_started | adjusted
    #[schema(value_type = String)]
    pub status: Status,
    /// 状态的中文名称
    pub status_label: String,
    /// 已调整事项按规则本应得到的状态
    #[schema(value_type = Option<String>)]
    pub assessed_as: Option<Status>,
    /// green | yellow | red | none
    #[schema(value_type = String)]
    pub light: Light,
    /// 完成率（%）
    pub completion: Option<f64>,
    /// 序时进度（%）
    pub time_progress: Option<f64>,
    /// 与序时进度或目标之差（百分点）
    pub diff: Option<f64>,
    /// 一句话说明状态如何得出
    pub explanation: String,
}

impl From<Assessment> for AssessmentDto {
    fn from(a: Assessment) -> Self {
        Self {
            status_label: a.status.label().to_string(),
            status: a.status,
            assessed_as: a.assessed_as,
            light: a.light,
            completion: a.completion,
            time_progress: a.time_progress,
            diff: a.diff,
            explanation: a.explanation,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ItemStatusDto {
    pub item: ItemDto,
    pub assessment: AssessmentDto,
    /// 评估所依据的期间（按事项的填报周期）
    pub assessed_period: Option<String>,
    /// 采用的已验收数值
    pub value: Option<f64>,
}

impl From<ItemStatus> for ItemStatusDto {
    fn from(s: ItemStatus) -> Self {
        Self {
            item: s.item.into(),
            assessment: s.assessment.into(),
            assessed_period: s.assessed_period,
            value: s.value,
        }
    }
}

/// Every visible item's status for one period.
#[derive(Serialize, ToSchema)]
pub struct StatusListDto {
    pub plan_id: i64,
    /// YYYY-MM
    pub period: String,
    pub items: Vec<ItemStatusDto>,
}

#[derive(Serialize, ToSchema)]
pub struct StatusCountDto {
    #[schema(value_type = String)]
    pub status: Status,
    pub label: String,
    pub count: usize,
    /// 占全部事项的百分比
    pub share: f64,
}

impl From<StatusCount> for StatusCountDto {
    fn from(c: StatusCount) -> Self {
        Self {
            status: c.status,
            label: c.label.to_string(),
            count: c.count,
            share: c.share,
        }
    }
}

/// Counts for a section, a unit or a leader.
#[derive(Serialize, ToSchema)]
pub struct GroupDto {
    pub name: String,
    pub id: Option<i64>,
    pub total: usize,
    pub green: usize,
    pub yellow: usize,
    pub red: usize,
    pub completed: usize,
    /// 亮灯事项中绿灯的百分比（排名依据）
    pub green_share: f64,
}

impl From<Group> for GroupDto {
    fn from(g: Group) -> Self {
        Self {
            name: g.name,
            id: g.id,
            total: g.total,
            green: g.green,
            yellow: g.yellow,
            red: g.red,
            completed: g.completed,
            green_share: g.green_share,
        }
    }
}

/// The figures of a 督查通报.
#[derive(Serialize, ToSchema)]
pub struct DashboardDto {
    pub plan_id: i64,
    pub plan_title: String,
    pub government: String,
    pub year: i64,
    pub period: String,
    pub total: usize,
    pub by_status: Vec<StatusCountDto>,
    pub green: usize,
    pub yellow: usize,
    pub red: usize,
    /// 达到序时进度的量化指标数
    pub targets_on_pace: usize,
    pub targets_assessed: usize,
    pub by_section: Vec<GroupDto>,
    pub by_unit: Vec<GroupDto>,
    pub by_leader: Vec<GroupDto>,
    /// 欠进度、严重滞后和未填报的事项，最差的在前
    pub lagging: Vec<ItemStatusDto>,
    /// 台账：本级政府本年度的项目、建议提案、政务服务与经济指标
    pub registers: RegisterSectionDto,
}

/// The dashboard's register section: the derived summary and the lights of bound targets.
#[derive(Serialize, ToSchema)]
pub struct RegisterSectionDto {
    #[schema(value_type = super::registers::SummaryDoc)]
    pub summary: duban_app::registers::summary::RegisterSummary,
    pub indicator_lights: Vec<IndicatorLightDto>,
}

/// A bound target's light, by the indicator series it reads.
#[derive(Serialize, ToSchema)]
pub struct IndicatorLightDto {
    pub indicator_id: i64,
    pub item_id: i64,
    /// green | yellow | red | none
    #[schema(value_type = String)]
    pub light: duban_app::core::status::Light,
    pub explanation: String,
}

impl From<duban_app::registers::dashboard::RegisterSection> for RegisterSectionDto {
    fn from(r: duban_app::registers::dashboard::RegisterSection) -> Self {
        Self {
            summary: r.summary,
            indicator_lights: r
                .indicator_lights
                .into_iter()
                .map(|l| IndicatorLightDto {
                    indicator_id: l.indicator_id,
                    item_id: l.item_id,
                    light: l.light,
                    explanation: l.explanation,
                })
                .collect(),
        }
    }
}

fn all<T, U: From<T>>(v: Vec<T>) -> Vec<U> {
    v.into_iter().map(U::from).collect()
}

impl From<Dashboard> for DashboardDto {
    fn from(d: Dashboard) -> Self {
        Self {
            plan_id: d.plan_id,
            plan_title: d.plan_title,
            government: d.government,
            year: d.year,
            period: d.period,
            total: d.total,
            by_status: all(d.by_status),
            green: d.green,
            yellow: d.yellow,
            red: d.red,
            targets_on_pace: d.targets_on_pace,
            targets_assessed: d.targets_assessed,
            by_section: all(d.by_section),
            by_unit: all(d.by_unit),
            by_leader: all(d.by_leader),
            lagging: all(d.lagging),
            registers: d.registers.into(),
        }
    }
}
