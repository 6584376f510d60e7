//! The registers' response shapes for the OpenAPI document, field for field as the app's
//! types serialize (dates `YYYY-MM-DD`, periods `YYYY-MM`, times as text, codes as text).

use utoipa::ToSchema;

/// A government registers are kept for.
#[derive(ToSchema)]
pub struct GovernmentDoc {
    id: i64,
    name: String,
    /// district | county | city …
    level: String,
    created_at: String,
}

/// A key project as stored (money in 亿元).
#[derive(ToSchema)]
pub struct ProjectOut {
    id: i64,
    government_id: i64,
    year: i64,
    name: String,
    content: String,
    lead_unit_id: Option<i64>,
    lead_unit_name: Option<String>,
    leader_name: String,
    /// province | city | district
    level: Option<String>,
    over_100m: bool,
    total_investment: f64,
    annual_plan_investment: Option<f64>,
    /// signed | landed | started | producing
    stage: Option<String>,
    signed_on: Option<String>,
    landed_on: Option<String>,
    started_on: Option<String>,
    producing_on: Option<String>,
    planned_start: Option<String>,
    registered_on: Option<String>,
    campaign: String,
    nodes: String,
    created_at: String,
    updated_at: String,
}

/// A project's light (B5) and why.
#[derive(ToSchema)]
pub struct ProjectLightDoc {
    /// green | yellow | red | none
    light: String,
    reasons: Vec<String>,
}

/// A line of the project list.
#[derive(ToSchema)]
pub struct ProjectRowDoc {
    project: ProjectOut,
    /// 累计完成投资（已验收月报），亿元
    completed: Option<f64>,
    /// 占年度计划 %
    share_of_plan: Option<f64>,
    light: ProjectLightDoc,
}

/// A project's monthly report (the progress flow's states).
#[derive(ToSchema)]
pub struct ProjectReportOut {
    id: i64,
    project_id: i64,
    unit_id: i64,
    /// YYYY-MM
    period: String,
    /// 1—N月累计完成投资，亿元
    value: Option<f64>,
    progress: String,
    problems: String,
    next_steps: String,
    /// draft | submitted | approved | accepted | returned
    state: String,
    return_comment: Option<String>,
    version: i64,
    created_by: Option<i64>,
    updated_at: String,
}

/// A project with every monthly report.
#[derive(ToSchema)]
pub struct ProjectDetailDoc {
    project: ProjectOut,
    reports: Vec<ProjectReportOut>,
}

/// One step of a report's history.
#[derive(ToSchema)]
pub struct ReportHistoryDoc {
    id: i64,
    report_id: i64,
    at: String,
    user_id: Option<i64>,
    user_name: Option<String>,
    /// save | submit | approve | accept | return
    action: String,
    state_from: Option<String>,
    state_to: String,
    comment: Option<String>,
    /// 当时的报告内容（JSON 文本）
    snapshot: String,
}

/// A proposal as stored.
#[derive(ToSchema)]
pub struct ProposalOut {
    id: i64,
    government_id: i64,
    year: i64,
    /// npc | cppcc
    source: String,
    at_session: bool,
    session: String,
    number: String,
    title: String,
    content: String,
    lead_unit_id: Option<i64>,
    lead_unit_name: Option<String>,
    assigned_at: Option<String>,
    due_date: Option<String>,
    extended_to: Option<String>,
    extension_reason: Option<String>,
    returned_at: Option<String>,
    return_reason: Option<String>,
    /// assigned | returned | replied | tracking | redo | closed
    state: String,
    /// A | B | C | D
    category: Option<String>,
    replied_at: Option<String>,
    reply_text: String,
    reply_letter_name: Option<String>,
    reply_letter_stored: Option<String>,
    redo_count: i64,
    updated_at: String,
}

/// A proposer and the ratings given.
#[derive(ToSchema)]
pub struct ProposerDoc {
    id: i64,
    proposal_id: i64,
    seq: i64,
    name: String,
    /// satisfied | basic | unsatisfied
    work_rating: Option<String>,
    result_rating: Option<String>,
    rated_at: Option<String>,
}

/// A supporting unit and its opinion.
#[derive(ToSchema)]
pub struct SupportingUnitDoc {
    proposal_id: i64,
    unit_id: i64,
    unit_name: String,
    opinion: Option<String>,
    opinion_at: Option<String>,
}

/// The dates that follow from the 交办 date.
#[derive(ToSchema)]
pub struct ProposalClockDoc {
    assigned_on: String,
    /// 答复期限（已延期则为延期后的）
    due_on: String,
    /// 会办意见期限
    support_due_on: String,
    /// 退回期限
    return_by: String,
    /// 延期上限
    max_due_on: String,
}

/// A proposal with its proposers, supporting units and clock.
#[derive(ToSchema)]
pub struct ProposalDetailDoc {
    proposal: ProposalOut,
    proposers: Vec<ProposerDoc>,
    supporting: Vec<SupportingUnitDoc>,
    clock: Option<ProposalClockDoc>,
}

/// A service item (时限 in working days).
#[derive(ToSchema)]
pub struct ServiceOut {
    id: i64,
    government_id: i64,
    code: String,
    name: String,
    unit_id: Option<i64>,
    unit_name: Option<String>,
    kind: String,
    at_most_once: bool,
    no_visit: bool,
    fully_online: bool,
    one_window: bool,
    legal_days: Option<i64>,
    promised_days: Option<i64>,
    updated_at: String,
}

/// What a delete removed.
#[derive(ToSchema)]
pub struct DeletedDoc {
    deleted: i64,
}

/// What an unbind released.
#[derive(ToSchema)]
pub struct UnboundDoc {
    unbound: i64,
}

/// An indicator series.
#[derive(ToSchema)]
pub struct IndicatorOut {
    id: i64,
    government_id: i64,
    name: String,
    unit: String,
    /// level | growth | share
    measure: String,
    /// monthly | quarterly
    frequency: String,
    /// 报送部门
    unit_id: Option<i64>,
}

/// One value of a series, with its provenance and who entered it.
#[derive(ToSchema)]
pub struct SeriesValueDoc {
    id: i64,
    indicator_id: i64,
    period: String,
    value: f64,
    /// statistics | reported | verified | derived
    provenance: String,
    note: Option<String>,
    recorded_at: String,
    recorded_by: Option<i64>,
    recorded_by_name: Option<String>,
}

/// The value used for a period and its lag.
#[derive(ToSchema)]
pub struct LatestDoc {
    period: String,
    value: f64,
    provenance: String,
    /// 数据期与判定期相差的月数
    lag_months: u8,
    /// 如“统计数据滞后一个月，按1—5月数据判定”
    note: Option<String>,
}

/// A series with the year's values and the latest one.
#[derive(ToSchema)]
pub struct SeriesDoc {
    indicator: IndicatorOut,
    values: Vec<SeriesValueDoc>,
    latest: Option<LatestDoc>,
}

/// A target bound to a register figure.
#[derive(ToSchema)]
pub struct BoundItemDoc {
    item_id: i64,
    figure: super::BindingDoc,
    /// 数据来源，如“重点项目台账：签约亿元以上项目个数”
    source: String,
}

/// A binding the import proposes (the indicator's name matches the target's).
#[derive(ToSchema)]
pub struct BindingProposalDoc {
    item_id: i64,
    item_title: String,
    indicator_id: i64,
    indicator_name: String,
    figure: super::BindingDoc,
}

/// Project lights: how many of each.
#[derive(ToSchema)]
pub struct LightCountsDoc {
    green: i64,
    yellow: i64,
    red: i64,
}

/// A yellow or red project and why.
#[derive(ToSchema)]
pub struct FlaggedProjectDoc {
    id: i64,
    name: String,
    light: String,
    reasons: Vec<String>,
}

/// A reply category's share.
#[derive(ToSchema)]
pub struct CategoryShareDoc {
    /// A | B | C | D
    category: String,
    count: i64,
    share: Option<f64>,
}

/// An item whose reply is owed, with its deadline.
#[derive(ToSchema)]
pub struct DueEntryDoc {
    id: i64,
    unit_id: Option<i64>,
    due_on: String,
    /// 逾期天数（逾期清单）或剩余天数（即将到期清单）
    days: i64,
}

/// The proposal figures.
#[derive(ToSchema)]
pub struct ProposalStatsDoc {
    total: i64,
    npc: i64,
    cppcc: i64,
    answered: i64,
    closed: i64,
    /// 办复率 %
    reply_rate: Option<f64>,
    /// 办结率 %
    close_rate: Option<f64>,
    /// 办理工作满意率 %
    work_satisfaction: Option<f64>,
    /// 办理结果满意率 %
    result_satisfaction: Option<f64>,
    categories: Vec<CategoryShareDoc>,
    overdue: Vec<DueEntryDoc>,
    due_soon: Vec<DueEntryDoc>,
}

/// The service-item figures.
#[derive(ToSchema)]
pub struct ServiceStatsDoc {
    total: i64,
    at_most_once: i64,
    no_visit: i64,
    fully_online: i64,
    one_window: i64,
    at_most_once_rate: Option<f64>,
    no_visit_rate: Option<f64>,
    fully_online_rate: Option<f64>,
    one_window_rate: Option<f64>,
    /// 缩短的工作日（最少、最多）
    saved_min: Option<i64>,
    saved_max: Option<i64>,
}
