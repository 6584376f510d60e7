//! The city roll-up's response shape, documented field for field for the OpenAPI document
//! (the handler sends `duban_app::city::CityRollup`).
#![allow(dead_code)] // the *Doc structs exist for the schema only

use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Deserialize, IntoParams)]
pub struct CityParams {
    /// 年度；缺省为有计划的最近年度
    pub year: Option<i64>,
    /// YYYY-MM：各地统一按此月份评价；缺省为各地最近结算月份
    pub period: Option<String>,
}

#[derive(ToSchema)]
pub struct StatusCountDoc {
    /// 状态代码（completed, ahead, on_track, behind, seriously_behind, not_reported, not_started, adjusted）
    status: String,
    label: String,
    count: usize,
    /// 占全部事项的百分比
    share: f64,
}

#[derive(ToSchema)]
pub struct CountsDoc {
    total: usize,
    by_status: Vec<StatusCountDoc>,
    green: usize,
    yellow: usize,
    red: usize,
    /// 黄灯和红灯事项（欠进度、严重滞后、未填报）
    lagging: usize,
    /// 滞后占比（%）
    lagging_share: f64,
    /// 绿灯率（%），排名依据
    green_share: f64,
}

#[derive(ToSchema)]
pub struct RegisterFiguresDoc {
    /// 有年度投资计划的项目数
    projects: usize,
    /// 省市重点项目投资完成占年度计划（%）
    key_investment_share: Option<f64>,
    project_green: usize,
    project_yellow: usize,
    project_red: usize,
    proposals: usize,
    /// 办复率（%）
    proposal_reply_rate: Option<f64>,
}

#[derive(ToSchema)]
pub struct CityRowDoc {
    government_id: i64,
    government: String,
    /// 该地区本年度计划编号：/dashboard?plan= 可进入该地区仪表盘
    plan_id: i64,
    plan_title: String,
    period: String,
    counts: CountsDoc,
    registers: RegisterFiguresDoc,
    /// 名次（1 为绿灯率最高，并列同名次）
    rank: usize,
}

#[derive(ToSchema)]
pub struct CityRollupDoc {
    year: i64,
    /// 有计划的全部年度，最新在前
    years: Vec<i64>,
    rows: Vec<CityRowDoc>,
    totals: CountsDoc,
}
