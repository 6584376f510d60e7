//! The checks of a progress import, row by row, as a pure function (no database, no clock)
//! so that tests and the fuzzer drive it directly. One bad row rejects the whole file.

use crate::RowError;
use duban_core::{ItemKind, Period, ReportState};
use duban_office::table::Table;
use std::collections::HashMap;
use time::Date;

/// Most rows an import takes: a year of monthly reports for a few hundred items.
pub const MAX_ROWS: usize = 50_000;

/// What an item of the plan allows.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemRef {
    pub id: i64,
    pub kind: ItemKind,
    pub assigned: bool,
    pub lead_unit_id: Option<i64>,
    pub supporting_unit_ids: Vec<i64>,
}

/// Everything the checks need to know about the plan and its reports.
pub struct ImportContext<'a> {
    pub government: &'a str,
    pub plan_year: i64,
    pub items: &'a [ItemRef],
    /// (id, name) of every unit.
    pub units: &'a [(i64, String)],
    /// The state of each existing report, keyed by (item, unit, period `YYYY-MM`).
    pub existing: &'a HashMap<(i64, i64, String), ReportState>,
    /// Periods after this date's month have not happened yet.
    pub today: Date,
}

/// A row that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidRow {
    pub item_id: i64,
    pub unit_id: i64,
    pub period: Period,
    pub is_task: bool,
    /// The unit supports rather than leads the item.
    pub is_contribution: bool,
    pub value: Option<f64>,
    pub progress: String,
    pub problems: String,
    pub next_steps: String,
    /// The report already exists (it is updated, not created).
    pub exists: bool,
}

const HEADER_HELP: &str = "表头应包含：编号、单位、期间、累计完成值、进展情况、存在问题、下步措施";

/// Checks every row; returns all rows or every problem found (each naming its row).
pub fn validate(table: &Table, ctx: &ImportContext<'_>) -> Result<Vec<ValidRow>, Vec<RowError>> {
    let col = |names: &[&str]| table.column(names);
    let (Some(c_id), Some(c_unit), Some(c_period)) = (
        col(&["编号", "事项编号", "id"]),
        col(&["单位", "填报单位", "责任单位"]),
        col(&["期间", "月份", "period"]),
    ) else {
        return Err(vec![RowError::new(1, None, HEADER_HELP)]);
    };
    if table.rows.len() > MAX_ROWS {
        return Err(vec![RowError::new(
            1,
            None,
            format!(
                "文件有 {} 行，超过一次导入的上限 {MAX_ROWS} 行，请分批导入",
                table.rows.len()
            ),
        )]);
    }
    let c_value = col(&["累计完成值", "累计完成", "完成值", "value"]);
    let c_progress = col(&["进展情况"]);
    let c_problems = col(&["存在问题"]);
    let c_next = col(&["下步措施", "下一步措施"]);
    let now = Period {
        year: ctx.today.year(),
        month: u8::from(ctx.today.month()),
    };
    let cell = |row: &[String], c: Option<usize>| {
        c.and_then(|c| row.get(c))
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    let (government, year) = (ctx.government, ctx.plan_year);
    let mut errors = Vec::new();
    let mut out = Vec::new();
    let mut seen: HashMap<(i64, i64, Period), usize> = HashMap::new();
    for (i, row) in table.rows.iter().enumerate() {
        let line = i + 2;
        let id_text = cell(row, Some(c_id));
        let Ok(item_id) = id_text.parse::<i64>() else {
            errors.push(RowError::new(
                line,
                None,
                format!("编号“{id_text}”不是数字"),
            ));
            continue;
        };
        let Some(item) = ctx.items.iter().find(|it| it.id == item_id) else {
            errors.push(RowError::new(
                line,
                None,
                format!("编号 {item_id} 不是{government}{year}年计划中的事项"),
            ));
            continue;
        };
        let unit_name = cell(row, Some(c_unit));
        // A blank 单位 is the item's lead unit, which is who reports.
        let unit_id = if unit_name.trim().is_empty() {
            let Some(lead) = item.lead_unit_id else {
                errors.push(RowError::new(
                    line,
                    Some("单位"),
                    format!("单位为空，且事项 {item_id} 尚未分解交办（没有牵头单位）"),
                ));
                continue;
            };
            lead
        } else {
            let Some((unit_id, _)) = ctx.units.iter().find(|(_, n)| *n == unit_name.trim()) else {
                errors.push(RowError::new(
                    line,
                    Some("单位"),
                    format!("单位“{}”不存在", unit_name.trim()),
                ));
                continue;
            };
            *unit_id
        };
        let period: Period = match cell(row, Some(c_period)).parse() {
            Ok(p) => p,
            Err(e) => {
                errors.push(RowError::new(line, None, format!("{e}")));
                continue;
            }
        };
        if i64::from(period.year) != year {
            errors.push(RowError::new(
                line,
                None,
                format!("期间 {period} 不在 {year} 年"),
            ));
            continue;
        }
        if period > now {
            errors.push(RowError::new(
                line,
                None,
                format!("期间 {period} 尚未到来，不能导入以后的进度"),
            ));
            continue;
        }
        let value_text = cell(row, c_value);
        let value = match value_text.trim_end_matches(['%', '％']) {
            "" => None,
            v => match v.replace(',', "").parse::<f64>() {
                Ok(n) if n.is_finite() => Some(n),
                _ => {
                    errors.push(RowError::new(
                        line,
                        None,
                        format!("累计完成值“{value_text}”不是数字"),
                    ));
                    continue;
                }
            },
        };
        if !item.assigned {
            errors.push(RowError::new(
                line,
                None,
                format!("事项 {item_id} 尚未分解交办"),
            ));
            continue;
        }
        let lead = item.lead_unit_id == Some(unit_id);
        if !lead && !item.supporting_unit_ids.contains(&unit_id) {
            errors.push(RowError::new(
                line,
                None,
                format!("“{unit_name}”既不是牵头单位也不是配合单位（事项 {item_id}）"),
            ));
            continue;
        }
        if let Some(first) = seen.insert((item_id, unit_id, period), line) {
            errors.push(RowError::new(
                line,
                None,
                format!(
                    "与第{first}行重复（同一事项 {item_id}、单位“{unit_name}”、期间 {period}）"
                ),
            ));
            continue;
        }
        let state = ctx.existing.get(&(item_id, unit_id, period.to_string()));
        if let Some(s @ (ReportState::Submitted | ReportState::Approved)) = state {
            errors.push(RowError::new(
                line,
                None,
                format!(
                    "“{unit_name}”{period}的报告正在审核中（{}），导入不能覆盖，请先办结或退回",
                    s.label()
                ),
            ));
            continue;
        }
        out.push(ValidRow {
            item_id,
            unit_id,
            period,
            is_task: item.kind == ItemKind::Task,
            is_contribution: !lead,
            value,
            progress: cell(row, c_progress),
            problems: cell(row, c_problems),
            next_steps: cell(row, c_next),
            exists: state.is_some(),
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(out)
}
