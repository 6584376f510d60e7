//! The registers' request and response shapes. Request bodies deserialize straight into the
//! app's input types; the `*Doc` structs document those types (and the larger responses)
//! for the OpenAPI document, field for field.
#![allow(dead_code)] // the *Doc structs exist for the schema only

use axum_typed_multipart::TryFromMultipart;
use duban_app::core::registers::proposals::Rating;
use duban_app::progress::Decision;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::extract::File;

mod responses;
pub use responses::*;

/// Which government and year a register request is about.
#[derive(Debug, Deserialize, IntoParams)]
pub struct ScopeParams {
    /// 政府名称，例如 山城区；缺省为第一个政府
    pub government: Option<String>,
    /// 年份；缺省为今年
    pub year: Option<i32>,
}

/// Filters of the project list.
#[derive(Debug, Deserialize, IntoParams)]
pub struct ProjectParams {
    pub government: Option<String>,
    pub year: Option<i32>,
    /// province | city | district
    pub level: Option<String>,
    /// signed | landed | started | producing
    pub stage: Option<String>,
    /// 牵头单位编号
    pub unit_id: Option<i64>,
    /// YYYY-MM：完成投资截至的月份；缺省为该年12月或本月
    pub period: Option<String>,
}

/// Filters of the proposal list.
#[derive(Debug, Deserialize, IntoParams)]
pub struct ProposalParams {
    pub government: Option<String>,
    pub year: Option<i32>,
    /// npc（人大代表建议）| cppcc（政协提案）
    pub source: Option<String>,
    /// assigned | returned | replied | tracking | redo | closed …
    pub state: Option<String>,
}

/// A government, year and period (the summary, indicator values).
#[derive(Debug, Deserialize, IntoParams)]
pub struct PeriodScope {
    pub government: Option<String>,
    pub year: Option<i32>,
    /// YYYY-MM；缺省为该年12月（今年则为本月）
    pub period: Option<String>,
}

/// Which register a file holds.
#[derive(Debug, Deserialize, IntoParams)]
pub struct FileParams {
    /// projects | proposals | services | indicators
    pub kind: String,
    pub government: Option<String>,
    pub year: Option<i32>,
}

/// Documents `registers::projects::ProjectInput` (money in 亿元, dates YYYY-MM-DD).
#[derive(ToSchema)]
pub struct ProjectDoc {
    name: String,
    /// 建设内容
    content: Option<String>,
    /// 牵头单位编号（单位用户只能为本单位）
    lead_unit_id: Option<i64>,
    /// 包抓/联系领导
    leader_name: Option<String>,
    /// province | city | district
    level: Option<String>,
    /// 亿元以上；缺省时按总投资≥1亿元判断
    over_100m: Option<bool>,
    total_investment: f64,
    annual_plan_investment: Option<f64>,
    signed_on: Option<String>,
    landed_on: Option<String>,
    started_on: Option<String>,
    producing_on: Option<String>,
    planned_start: Option<String>,
    /// 入统/入库日期
    registered_on: Option<String>,
    /// 招商活动
    campaign: Option<String>,
    /// 形象进度节点，每行一个（如“2024-06 结构封顶”）
    nodes: Option<String>,
}

/// Documents `registers::projects::ProjectReportInput`.
#[derive(ToSchema)]
pub struct ProjectReportDoc {
    /// YYYY-MM
    period: String,
    /// 1—N月累计完成投资，亿元
    completed: Option<f64>,
    progress: Option<String>,
    problems: Option<String>,
    next_steps: Option<String>,
    /// true 提交审核；false 保存草稿
    submit: Option<bool>,
}

/// A decision on a submitted (审核) or approved (督查室验收) monthly report.
#[derive(Deserialize, ToSchema)]
pub struct DecisionBody {
    /// approve | return
    #[schema(value_type = String, example = "approve")]
    pub decision: Decision,
    #[serde(default)]
    pub comment: String,
}

/// Documents `registers::proposals::ProposalInput`. Giving `assigned_at` is the 交办.
#[derive(ToSchema)]
pub struct ProposalDoc {
    /// npc | cppcc
    source: String,
    /// 会议期间提出（true）或闭会期间
    at_session: Option<bool>,
    /// 届次/会次，如 十一届三次
    session: Option<String>,
    number: String,
    title: String,
    content: Option<String>,
    /// 领衔及附议代表/委员，每人分别答复、评价
    proposers: Vec<String>,
    /// 主办单位
    lead_unit_id: Option<i64>,
    /// 会办单位
    supporting_unit_ids: Option<Vec<i64>>,
    /// 交办日期 YYYY-MM-DD
    assigned_at: Option<String>,
}

/// 退回：承办单位认为不属于本单位职责（交办后规定工作日内）。
#[derive(Deserialize, ToSchema)]
pub struct ReturnBody {
    pub reason: String,
}

/// 重新交办（督查室）。
#[derive(Deserialize, ToSchema)]
pub struct ReassignBody {
    pub lead_unit_id: i64,
    #[serde(default)]
    pub supporting_unit_ids: Vec<i64>,
}

/// 延期（督查室批准，不超过上限）。
#[derive(Deserialize, ToSchema)]
pub struct ExtendBody {
    /// 新的答复期限 YYYY-MM-DD
    #[schema(value_type = String, example = "2024-08-31")]
    pub new_due: time::Date,
    pub reason: String,
}

/// 会办意见（会办单位）。
#[derive(Deserialize, ToSchema)]
pub struct OpinionBody {
    pub text: String,
}

/// 代表/委员对办理工作和办理结果的评价（督查室录入）。
#[derive(Deserialize, ToSchema)]
pub struct FeedbackBody {
    pub proposer_id: i64,
    /// satisfied | basic | unsatisfied
    #[schema(value_type = String, example = "satisfied")]
    pub work: Rating,
    #[schema(value_type = String, example = "satisfied")]
    pub result: Rating,
}

/// The multipart form of a reply.
#[derive(ToSchema)]
pub struct ReplyUpload {
    /// 答复类别：A | B | C | D
    category: String,
    /// 答复内容
    text: Option<String>,
    /// 答复函（pdf、docx、doc、ofd、wps）
    #[schema(value_type = Option<String>, format = Binary)]
    file: Option<Vec<u8>>,
}

/// What the reply form sends.
#[derive(TryFromMultipart)]
pub struct ReplyForm {
    pub category: Option<String>,
    pub text: Option<String>,
    #[form_data(limit = "unlimited")]
    pub file: Option<File>,
}

/// Documents `registers::services::ServiceInput` (时限 in working days).
#[derive(ToSchema)]
pub struct ServiceDoc {
    code: Option<String>,
    name: String,
    /// 实施部门
    unit_id: Option<i64>,
    /// 事项类型（行政许可、公共服务……）
    kind: Option<String>,
    at_most_once: Option<bool>,
    /// 不见面审批
    no_visit: Option<bool>,
    /// 全程网办
    fully_online: Option<bool>,
    one_window: Option<bool>,
    legal_days: Option<i64>,
    promised_days: Option<i64>,
}

/// Documents `registers::indicators::IndicatorInput`.
#[derive(ToSchema)]
pub struct IndicatorDoc {
    name: String,
    /// 计量单位，如 亿元、%、人
    unit: String,
    /// level（总量）| growth（增速）| share（比重）
    measure: String,
    /// monthly | quarterly
    frequency: Option<String>,
    /// 报送部门
    unit_id: Option<i64>,
}

/// Documents `registers::indicators::ValueInput`.
#[derive(ToSchema)]
pub struct ValueDoc {
    /// YYYY-MM（季度数据取季末月）
    period: String,
    value: f64,
    /// statistics（统计部门）| reported（部门报送）| verified（督查核实）| derived
    provenance: String,
    note: Option<String>,
}

/// Documents `core::registers::binding::BoundFigure`: `{"kind": …, …}`.
#[derive(ToSchema)]
pub struct BindingDoc {
    /// project_count | project_investment | completed_investment | proposal_rate |
    /// service_rate | service_count | indicator
    kind: String,
    /// project_count / project_investment：signed | landed | started | producing
    stage: Option<String>,
    /// project_count / project_investment：只计亿元以上
    over_100m_only: Option<bool>,
    /// completed_investment：province | city | district（空为全部）
    levels: Option<Vec<String>>,
    /// proposal_rate：reply | close | work_satisfaction | result_satisfaction；
    /// service_rate：at_most_once | no_visit | fully_online | one_window
    rate: Option<String>,
    /// indicator：指标编号
    indicator_id: Option<i64>,
    /// indicator：level | growth
    field: Option<String>,
}

/// The multipart form of a register import.
#[derive(ToSchema)]
pub struct RegisterUpload {
    /// projects | proposals | services | indicators
    kind: String,
    government: Option<String>,
    year: Option<i32>,
    /// .xlsx 或 .csv（UTF-8/GBK），表头可用常见别名
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// What the import form sends.
#[derive(TryFromMultipart)]
pub struct RegisterForm {
    pub kind: Option<String>,
    pub government: Option<String>,
    pub year: Option<String>,
    #[form_data(limit = "unlimited")]
    pub file: Option<File>,
}

/// Documents `registers::io::ImportSummary`.
#[derive(ToSchema)]
pub struct ImportSummaryDoc {
    created: i64,
    updated: i64,
    /// 指标名称匹配的目标，建议绑定（督查室确认）
    proposed_bindings: Vec<BindingProposalDoc>,
}

/// One stage of the project funnel.
#[derive(ToSchema)]
pub struct StageDoc {
    /// signed | landed | started | producing
    stage: String,
    count: i64,
    /// 总投资，亿元
    investment: f64,
    count_over_100m: i64,
    investment_over_100m: f64,
}

/// The 招商 funnel of a year up to a period.
#[derive(ToSchema)]
pub struct FunnelDoc {
    period: String,
    stages: Vec<StageDoc>,
    /// 开工率 %
    start_rate: Option<f64>,
    /// 履约率 %
    fulfil_rate: Option<f64>,
    /// 投产率 %
    production_rate: Option<f64>,
}

/// Completed investment against the annual plan and 序时.
#[derive(ToSchema)]
pub struct InvestmentDoc {
    period: String,
    projects: i64,
    /// 年度计划投资，亿元
    annual_plan: f64,
    /// 1—N月完成投资，亿元
    completed: f64,
    /// 占年度计划 %
    share_of_plan: Option<f64>,
    /// 序时进度 %
    time_progress: f64,
    /// 与序时之差，百分点
    diff: Option<f64>,
    explanation: String,
}

/// Documents `registers::summary::RegisterSummary`.
#[derive(ToSchema)]
pub struct SummaryDoc {
    government_id: i64,
    year: i32,
    /// YYYY-MM
    period: String,
    funnel: FunnelDoc,
    /// 省市重点项目完成投资
    key_investment: InvestmentDoc,
    /// 全部项目完成投资
    all_investment: InvestmentDoc,
    /// 项目亮灯：green / yellow / red 个数
    project_lights: LightCountsDoc,
    /// 黄灯、红灯项目及原因
    flagged_projects: Vec<FlaggedProjectDoc>,
    /// 建议提案：total、npc、cppcc、reply_rate（办复率）、close_rate（办结率）、
    /// work_satisfaction、result_satisfaction、categories、overdue、due_soon
    proposals: ProposalStatsDoc,
    /// 政务服务事项：total、at_most_once_rate、no_visit_rate、fully_online_rate …
    services: ServiceStatsDoc,
    /// 如“缩短审批时间5至10个工作日”
    services_saved: Option<String>,
    /// 各指标的数值序列与最新值
    indicators: Vec<SeriesDoc>,
    /// 可直接写入通报的句子
    sentences: Vec<String>,
}
