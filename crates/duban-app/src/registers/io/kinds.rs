//! The columns of each register, and reading/writing its rows.

use super::RegisterKind;
use super::cells::{Col, Columns, RowErrors, list};
use crate::registers::bindings::BindingProposal;
use crate::registers::{projects as rp, proposals as rq, services as rs};
use crate::{Actor, App, AppError, Result};
use duban_core::registers::indicators::Frequency;
use duban_core::registers::projects::ProjectLevel;
use duban_core::{Measure, Period, ProposalSource, Provenance};
use duban_db::{indicators, projects, proposals, services};
use duban_office::table::Table;
use serde::Serialize;
use std::collections::HashMap;

const fn c(name: &'static str, aliases: &'static [&'static str], required: bool) -> Col {
    Col {
        name,
        aliases,
        required,
    }
}

const PROJECTS: &[Col] = &[
    c("项目名称", &["名称", "项目"], true),
    c("建设内容", &["建设内容及规模", "主要建设内容"], false),
    c("牵头单位", &["责任单位", "牵头部门", "责任部门"], true),
    c("包抓领导", &["联系领导", "包抓联系领导", "责任领导"], false),
    c("项目级别", &["级别", "重点级别"], false),
    c("亿元以上", &["是否亿元以上"], false),
    c("总投资（亿元）", &["总投资"], true),
    c("年度计划投资（亿元）", &["年度计划投资", "年度计划"], false),
    c("签约日期", &["签约时间"], false),
    c("落地日期", &["落地时间"], false),
    c("开工日期", &["实际开工", "开工时间", "实际开工时间"], false),
    c("投产日期", &["竣工日期", "投产时间", "竣工投产"], false),
    c("计划开工日期", &["计划开工", "计划开工时间"], false),
    c("入统日期", &["入库日期", "入统时间"], false),
    c("招商活动", &["招商活动来源", "来源活动"], false),
    c("形象进度节点", &["形象进度"], false),
];

const PROPOSALS: &[Col] = &[
    c("类别", &["来源", "类型"], true),
    c("届次", &["届次会次", "会次"], false),
    c("会议期间", &["是否会议期间", "全会期间"], false),
    c("编号", &["案号", "建议号", "提案号", "序号"], true),
    c("标题", &["案由", "题目", "建议标题", "提案标题"], true),
    c("内容", &["主要内容"], false),
    c("提出人", &["领衔人", "代表", "委员", "提出者"], true),
    c("主办单位", &["承办单位", "牵头单位", "责任单位"], true),
    c("协办单位", &["配合单位", "会办单位"], false),
    c("交办日期", &["交办时间"], true),
    c("状态", &[], false),
    c("答复期限", &[], false),
    c("答复类别", &[], false),
];

const SERVICES: &[Col] = &[
    c("事项名称", &["名称", "服务事项"], true),
    c("事项编码", &["编码", "事项代码"], false),
    c(
        "实施部门",
        &["部门", "责任单位", "实施主体", "牵头单位"],
        true,
    ),
    c("事项类型", &["类型"], false),
    c("最多跑一次", &["是否最多跑一次"], false),
    c("不见面审批", &["是否不见面审批"], false),
    c("全程网办", &["是否全程网办"], false),
    c("一窗受理", &["是否一窗受理"], false),
    c("法定时限（工作日）", &["法定时限", "法定办结时限"], false),
    c("承诺时限（工作日）", &["承诺时限", "承诺办结时限"], false),
];

const INDICATORS: &[Col] = &[
    c("指标名称", &["指标"], true),
    c("计量单位", &["单位"], false),
    c("类型", &["指标类型"], false),
    c("频度", &["统计频度"], false),
    c("期间", &["月份", "统计期"], true),
    c("数值", &["值", "累计值", "累计"], true),
    c("来源", &["数据来源"], false),
    c("备注", &["说明"], false),
];

fn cols(kind: RegisterKind) -> &'static [Col] {
    match kind {
        RegisterKind::Projects => PROJECTS,
        RegisterKind::Proposals => PROPOSALS,
        RegisterKind::Services => SERVICES,
        RegisterKind::Indicators => INDICATORS,
    }
}

pub(super) fn header(kind: RegisterKind) -> Vec<&'static str> {
    cols(kind).iter().map(|c| c.name).collect()
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ImportSummary {
    pub created: usize,
    pub updated: usize,
    /// Targets whose indicator matches an imported series, for the office to confirm.
    pub proposed_bindings: Vec<BindingProposal>,
}

fn level_of(v: &str) -> Option<Option<ProjectLevel>> {
    match v {
        "" => Some(None),
        "省重点" | "省级" | "省" | "province" => Some(Some(ProjectLevel::Province)),
        "市重点" | "市级" | "市" | "city" => Some(Some(ProjectLevel::City)),
        "区重点" | "区级" | "区" | "县重点" | "县级" | "district" => {
            Some(Some(ProjectLevel::District))
        }
        _ => None,
    }
}

fn source_of(v: &str) -> Option<ProposalSource> {
    match v {
        "人大代表建议" | "人大建议" | "建议" | "人大" | "npc" => {
            Some(ProposalSource::Npc)
        }
        "政协提案" | "提案" | "政协" | "政协委员提案" | "cppcc" => {
            Some(ProposalSource::Cppcc)
        }
        _ => None,
    }
}

fn provenance_of(v: &str) -> Option<Provenance> {
    match v {
        "" | "统计局" | "统计部门" => Some(Provenance::Statistics),
        "部门报送" | "单位填报" => Some(Provenance::Reported),
        "督查核实" => Some(Provenance::Verified),
        "系统推算" | "推算" => Some(Provenance::Derived),
        other => other.parse().ok(),
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn import(
    app: &App,
    actor: &Actor,
    kind: RegisterKind,
    government_id: i64,
    year: i32,
    file_name: &str,
    table: &Table,
) -> Result<ImportSummary> {
    let cols = Columns::find(table, cols(kind)).map_err(AppError::BadInput)?;
    let mut tx = app.begin().await?;
    crate::access::require_government(&mut tx, actor, government_id).await?;
    // Unit names repeat across a city's governments: this government's units only.
    let units: HashMap<String, i64> = duban_db::city::units_in(&mut tx, government_id)
        .await?
        .into_iter()
        .map(|u| (u.name, u.id))
        .collect();
    let mut errors = Vec::new();
    let y = i64::from(year);
    let mut sum = ImportSummary::default();
    macro_rules! unit {
        ($e:expr, $col:expr, $v:expr) => {{
            let v: &str = $v;
            match units.get(v) {
                Some(id) => Some(*id),
                None => {
                    if !v.is_empty() {
                        $e.push($col, format!("单位“{v}”不存在"));
                    } else {
                        $e.push($col, "不能为空");
                    }
                    None
                }
            }
        }};
    }
    match kind {
        RegisterKind::Projects => {
            let existing: HashMap<String, i64> = projects::list(
                &mut tx,
                &projects::ProjectFilter {
                    government_id,
                    year: y,
                    ..Default::default()
                },
            )
            .await?
            .into_iter()
            .map(|p| (p.name, p.id))
            .collect();
            let mut rows = Vec::new();
            for (i, row) in table.rows.iter().enumerate() {
                let mut e = RowErrors {
                    line: i + 2,
                    out: &mut errors,
                };
                let g = |n| cols.get(row, n);
                let level = level_of(g("项目级别")).unwrap_or_else(|| {
                    e.push("项目级别", "应为省重点、市重点或区重点");
                    None
                });
                let over = g("亿元以上");
                let input = rp::ProjectInput {
                    name: e.required("项目名称", g("项目名称")),
                    content: g("建设内容").into(),
                    lead_unit_id: unit!(e, "牵头单位", g("牵头单位")),
                    leader_name: g("包抓领导").into(),
                    level,
                    over_100m: (!over.is_empty()).then(|| e.flag("亿元以上", over)),
                    total_investment: e
                        .number("总投资（亿元）", g("总投资（亿元）"))
                        .unwrap_or(0.0),
                    annual_plan_investment: e
                        .number("年度计划投资（亿元）", g("年度计划投资（亿元）")),
                    signed_on: e.date("签约日期", g("签约日期")),
                    landed_on: e.date("落地日期", g("落地日期")),
                    started_on: e.date("开工日期", g("开工日期")),
                    producing_on: e.date("投产日期", g("投产日期")),
                    planned_start: e.date("计划开工日期", g("计划开工日期")),
                    registered_on: e.date("入统日期", g("入统日期")),
                    campaign: g("招商活动").into(),
                    nodes: g("形象进度节点").into(),
                };
                match rp::check(&input) {
                    Ok(ch) => rows.push((input, ch)),
                    Err(err) => e.push("项目名称", err),
                }
            }
            if !errors.is_empty() {
                return Err(super::errors_message(&errors));
            }
            for (input, ch) in &rows {
                let f = rp::fields(input, ch, input.lead_unit_id);
                match existing.get(input.name.trim()) {
                    Some(id) => {
                        projects::update(&mut tx, *id, &f).await?;
                        sum.updated += 1;
                    }
                    None => {
                        projects::insert(&mut tx, government_id, y, &f).await?;
                        sum.created += 1;
                    }
                }
            }
        }
        RegisterKind::Proposals => {
            let existing: HashMap<(String, String), i64> = proposals::list(
                &mut tx,
                &proposals::ProposalFilter {
                    government_id,
                    year: y,
                    ..Default::default()
                },
            )
            .await?
            .into_iter()
            .map(|p| ((p.source, p.number), p.id))
            .collect();
            let mut rows = Vec::new();
            for (i, row) in table.rows.iter().enumerate() {
                let mut e = RowErrors {
                    line: i + 2,
                    out: &mut errors,
                };
                let g = |n| cols.get(row, n);
                let source = source_of(g("类别"));
                if source.is_none() {
                    e.push("类别", "应为“人大代表建议”或“政协提案”");
                }
                let session = g("会议期间");
                let supporting: Vec<i64> = list(g("协办单位"))
                    .iter()
                    .filter_map(|n| unit!(e, "协办单位", n))
                    .collect();
                let input = rq::ProposalInput {
                    source,
                    at_session: session.is_empty() || e.flag("会议期间", session),
                    session: g("届次").into(),
                    number: e.required("编号", g("编号")),
                    title: e.required("标题", g("标题")),
                    content: g("内容").into(),
                    proposers: list(g("提出人")),
                    lead_unit_id: unit!(e, "主办单位", g("主办单位")),
                    supporting_unit_ids: supporting,
                    assigned_at: e.date("交办日期", g("交办日期")),
                };
                if source.is_some() && input.lead_unit_id.is_some() && input.assigned_at.is_some() {
                    match rq::check(&input) {
                        Ok(ch) => rows.push((input, ch)),
                        Err(err) => e.push("提出人", err),
                    }
                } else if input.assigned_at.is_none() && g("交办日期").is_empty() {
                    e.push("交办日期", "不能为空");
                }
            }
            if !errors.is_empty() {
                return Err(super::errors_message(&errors));
            }
            for (input, ch) in &rows {
                match existing.get(&(ch.source.as_str().to_string(), ch.number.clone())) {
                    Some(id) => {
                        rq::update_in(&mut tx, *id, input, ch).await?;
                        sum.updated += 1;
                    }
                    None => {
                        rq::insert_checked(&mut tx, government_id, year, input, ch).await?;
                        sum.created += 1;
                    }
                }
            }
        }
        RegisterKind::Services => {
            let existing: HashMap<(String, Option<i64>), i64> =
                services::list(&mut tx, government_id, None)
                    .await?
                    .into_iter()
                    .map(|s| ((s.name, s.unit_id), s.id))
                    .collect();
            let mut rows = Vec::new();
            for (i, row) in table.rows.iter().enumerate() {
                let mut e = RowErrors {
                    line: i + 2,
                    out: &mut errors,
                };
                let g = |n| cols.get(row, n);
                let input = rs::ServiceInput {
                    code: g("事项编码").into(),
                    name: e.required("事项名称", g("事项名称")),
                    unit_id: unit!(e, "实施部门", g("实施部门")),
                    kind: g("事项类型").into(),
                    at_most_once: e.flag("最多跑一次", g("最多跑一次")),
                    no_visit: e.flag("不见面审批", g("不见面审批")),
                    fully_online: e.flag("全程网办", g("全程网办")),
                    one_window: e.flag("一窗受理", g("一窗受理")),
                    legal_days: e.days("法定时限（工作日）", g("法定时限（工作日）")),
                    promised_days: e.days("承诺时限（工作日）", g("承诺时限（工作日）")),
                };
                match rs::check(&input) {
                    Ok(ch) => rows.push((input, ch)),
                    Err(err) => e.push("承诺时限（工作日）", err),
                }
            }
            if !errors.is_empty() {
                return Err(super::errors_message(&errors));
            }
            for (input, ch) in &rows {
                let f = rs::fields(input, ch, input.unit_id);
                match existing.get(&(input.name.trim().to_string(), input.unit_id)) {
                    Some(id) => {
                        services::update(&mut tx, *id, &f).await?;
                        sum.updated += 1;
                    }
                    None => {
                        services::insert(&mut tx, government_id, &f).await?;
                        sum.created += 1;
                    }
                }
            }
        }
        RegisterKind::Indicators => {
            let mut rows = Vec::new();
            for (i, row) in table.rows.iter().enumerate() {
                let mut e = RowErrors {
                    line: i + 2,
                    out: &mut errors,
                };
                let g = |n| cols.get(row, n);
                let name = e.required("指标名称", g("指标名称"));
                let measure = match g("类型") {
                    "" => Measure::Level,
                    v => v.parse().unwrap_or_else(|_| {
                        e.push("类型", "应为总量、增速或比率");
                        Measure::Level
                    }),
                };
                let freq = match g("频度") {
                    "" => Frequency::Monthly,
                    v => v.parse().unwrap_or_else(|_| {
                        e.push("频度", "应为月度、季度或年度");
                        Frequency::Monthly
                    }),
                };
                let period = match g("期间").parse::<Period>() {
                    Ok(p) if p.year == year => Some(p),
                    Ok(p) => {
                        e.push("期间", format!("{p} 不在 {year} 年"));
                        None
                    }
                    Err(err) => {
                        e.push("期间", err);
                        None
                    }
                };
                let value = e.number("数值", g("数值"));
                if g("数值").is_empty() {
                    e.push("数值", "不能为空");
                }
                let prov = provenance_of(g("来源")).unwrap_or_else(|| {
                    e.push("来源", "应为统计部门、单位填报、督查核实或系统推算");
                    Provenance::Statistics
                });
                if let (Some(p), Some(v)) = (period, value) {
                    rows.push((
                        name,
                        g("计量单位").to_string(),
                        measure,
                        freq,
                        p,
                        v,
                        prov,
                        g("备注").to_string(),
                    ));
                }
            }
            if !errors.is_empty() {
                return Err(super::errors_message(&errors));
            }
            for (name, unit, measure, freq, p, v, prov, note) in &rows {
                let id = indicators::ensure(
                    &mut tx,
                    government_id,
                    name,
                    unit,
                    measure.as_str(),
                    freq.as_str(),
                    None,
                )
                .await?;
                let old = indicators::value(&mut tx, id, &p.to_string()).await?;
                indicators::set_value(
                    &mut tx,
                    id,
                    &p.to_string(),
                    *v,
                    prov.as_str(),
                    (!note.is_empty()).then_some(note.as_str()),
                    actor.user_id,
                )
                .await?;
                if old.is_some() {
                    sum.updated += 1;
                } else {
                    sum.created += 1;
                }
            }
            sum.proposed_bindings =
                crate::registers::bindings::propose(&mut tx, government_id).await?;
        }
    }
    actor
        .audit(
            &mut tx,
            &format!("import_{}", kind.as_str()),
            "government",
            Some(government_id),
            None,
            Some(serde_json::json!({ "file": file_name, "year": year, "created": sum.created, "updated": sum.updated })),
        )
        .await?;
    tx.commit().await?;
    Ok(sum)
}
