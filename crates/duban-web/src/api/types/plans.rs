//! 计划: a plan and its reporting settings.

use super::stamp;
use duban_app::core::Cycle;
use duban_app::core::status::Thresholds;
use duban_app::db::Plan;
use duban_app::items::PlanSettings;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An annual plan imported from a 政府工作报告.
#[derive(Serialize, ToSchema)]
pub struct PlanDto {
    pub id: i64,
    pub government_id: i64,
    pub government_name: String,
    pub year: i64,
    pub title: String,
    /// 导入时的文件名
    pub source_name: String,
    pub source_sha256: String,
    /// 报告回顾部分所述年份
    pub review_year: Option<i64>,
    /// 每月报送截止日
    pub due_day: i64,
    /// monthly | quarterly | halfyearly | yearly
    #[schema(value_type = String)]
    pub default_cycle: Cycle,
    /// 导入时间（RFC 3339）
    pub imported_at: String,
}

impl From<Plan> for PlanDto {
    fn from(p: Plan) -> Self {
        Self {
            id: p.id,
            government_id: p.government_id,
            government_name: p.government_name,
            year: p.year,
            title: p.title,
            source_name: p.source_name,
            source_sha256: p.source_sha256,
            review_year: p.review_year,
            due_day: p.due_day,
            default_cycle: p.default_cycle,
            imported_at: stamp::at(p.imported_at),
        }
    }
}

/// A plan's settings: read, and written back whole by PUT.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct SettingsDto {
    /// 每月报送截止日（1–28）
    pub due_day: i64,
    /// 默认填报周期：monthly | quarterly | halfyearly | yearly
    #[schema(value_type = String)]
    pub default_cycle: Cycle,
    pub thresholds: ThresholdsDto,
}

/// The status thresholds (percentage points unless noted).
#[derive(Serialize, Deserialize, ToSchema)]
pub struct ThresholdsDto {
    /// 超进度阈值：比序时进度快这么多个百分点即“超进度”
    pub ahead_points: f64,
    /// 欠进度阈值：低于序时进度这么多个百分点以下即“欠进度”
    pub behind_points: f64,
    /// 严重滞后阈值：落后序时进度超过这么多个百分点即“严重滞后”
    pub serious_points: f64,
    /// 增速容差：增速目标上下这么多个百分点之内算“达进度”
    pub growth_band: f64,
    /// 上限容差：上限目标超出上限的比例（0.1 = 10%）以内为“欠进度”，以上为“严重滞后”
    pub ceiling_tolerance: f64,
    /// 黄灯起点：欠进度但落后不足这么多个百分点时仍亮绿灯（0 = 欠进度即黄灯）
    pub yellow_from_points: f64,
}

impl From<PlanSettings> for SettingsDto {
    fn from(s: PlanSettings) -> Self {
        let t = s.thresholds;
        Self {
            due_day: s.due_day,
            default_cycle: s.default_cycle,
            thresholds: ThresholdsDto {
                ahead_points: t.ahead_points,
                behind_points: t.behind_points,
                serious_points: t.serious_points,
                growth_band: t.growth_band,
                ceiling_tolerance: t.ceiling_tolerance,
                yellow_from_points: t.yellow_from_points,
            },
        }
    }
}

impl From<SettingsDto> for PlanSettings {
    fn from(s: SettingsDto) -> Self {
        let t = s.thresholds;
        Self {
            due_day: s.due_day,
            default_cycle: s.default_cycle,
            thresholds: Thresholds {
                ahead_points: t.ahead_points,
                behind_points: t.behind_points,
                serious_points: t.serious_points,
                growth_band: t.growth_band,
                ceiling_tolerance: t.ceiling_tolerance,
                yellow_from_points: t.yellow_from_points,
            },
        }
    }
}
