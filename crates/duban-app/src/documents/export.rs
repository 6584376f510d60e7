//! The 分解表 and the 落实情况表 out, as .xlsx. Each shows what the actor may see of the plan
//! (the office and leaders all of it, a unit its own items), so the same visibility rules as
//! the pages apply.

use crate::access::filter_for;
use crate::{Actor, App, AppError, Result};
use duban_core::{Period, ReportState};
use duban_db::{items, reports};
use duban_office::decomposition::{DecompositionRow, write_decomposition};
use duban_office::progress_sheet::{ProgressRow, ProgressSheet, write_progress_sheet};

/// The plan's 任务分解表: 序号 is the item's 编号, so the file imports back onto the same items.
pub async fn decomposition_xlsx(
    app: &App,
    actor: &Actor,
    plan_id: i64,
) -> Result<(String, Vec<u8>)> {
    let mut tx = app.db.read().await?;
    let plan = crate::access::visible_plan(&mut tx, actor, plan_id).await?;
    let mut list = items::list(&mut tx, &filter_for(actor, plan_id)).await?;
    // Once decomposition has begun the table is what was assigned (a row without a lead unit
    // would not import back); before that it is every item, as a form to fill in.
    if list.iter().any(|i| i.lead_unit_id.is_some()) {
        list.retain(|i| i.lead_unit_id.is_some());
    }
    let supporting = items::supporting_units(&mut tx, plan_id).await?;
    drop(tx);
    let rows: Vec<DecompositionRow> = list
        .iter()
        .map(|i| {
            let mut r = DecompositionRow::item(
                &i.id.to_string(),
                if i.text.is_empty() { &i.title } else { &i.text },
            );
            r.target = target_text(i);
            r.leader = i.leader_name.clone().unwrap_or_default();
            r.lead_unit = i.lead_unit_name.clone();
            r.supporting_units = supporting
                .iter()
                .filter(|(item, _, _)| *item == i.id)
                .map(|(_, _, name)| name.clone())
                .collect();
            r.deadline = i
                .deadline
                .map(|d| format!("{}年{}月{}日", d.year(), u8::from(d.month()), d.day()))
                .unwrap_or_default();
            r
        })
        .collect();
    let title = format!(
        "{}{}年政府工作报告重点任务分解表",
        plan.government_name, plan.year
    );
    let bytes = write_decomposition(&title, &rows).map_err(AppError::internal)?;
    Ok((format!("{title}.xlsx"), bytes))
}

/// The period's 落实情况表.
pub async fn progress_xlsx(
    app: &App,
    actor: &Actor,
    plan_id: i64,
    period: Period,
    sheet_per_unit: bool,
) -> Result<(String, Vec<u8>)> {
    let (plan, rows) = progress_rows(app, actor, plan_id, period).await?;
    let title = progress_title(&plan, period);
    let bytes = write_progress_sheet(&ProgressSheet {
        title: title.clone(),
        rows: rows.into_iter().map(|(_, r)| r).collect(),
        sheet_per_unit,
    })
    .map_err(AppError::internal)?;
    Ok((format!("{title}.xlsx"), bytes))
}

/// "山城区2024年政府工作报告重点任务落实情况表（1—6月）".
pub fn progress_title(plan: &duban_db::Plan, period: Period) -> String {
    format!(
        "{}{}年政府工作报告重点任务落实情况表（1—{}月）",
        plan.government_name, plan.year, period.month
    )
}

/// The 落实情况表's rows with the status each came from: every item the actor may see, its
/// assessment for `period` and the lead unit's latest accepted 进展情况.
pub async fn progress_rows(
    app: &App,
    actor: &Actor,
    plan_id: i64,
    period: Period,
) -> Result<(
    duban_db::Plan,
    Vec<(crate::status::ItemStatus, ProgressRow)>,
)> {
    let (plan, list) = crate::status::compute(app, actor, plan_id, period, app.today()).await?;
    let mut tx = app.db.read().await?;
    let accepted = reports::for_plan_until(
        &mut tx,
        plan_id,
        &period.to_string(),
        Some(ReportState::Accepted),
    )
    .await?;
    drop(tx);
    let rows = list
        .into_iter()
        .map(|s| {
            let latest = accepted
                .iter()
                .filter(|r| r.item_id == s.item.id && Some(r.unit_id) == s.item.lead_unit_id)
                .max_by(|a, b| a.period.cmp(&b.period));
            let a = &s.assessment;
            let row = ProgressRow {
                number: s.item.id.to_string(),
                content: s.item.title.clone(),
                lead_unit: s.item.lead_unit_name.clone().unwrap_or_default(),
                time_progress: a.time_progress.map(|v| v / 100.0),
                figure: s
                    .value
                    .map(|v| {
                        format!(
                            "累计完成{}{}",
                            crate::documents::fmt_num(v),
                            s.item.unit.clone().unwrap_or_default()
                        )
                    })
                    .unwrap_or_default(),
                completion: a.completion.map(|v| v / 100.0),
                status: a.status,
                light: a.light,
                progress: latest.map(|r| r.progress.clone()).unwrap_or_default(),
            };
            (s, row)
        })
        .collect();
    Ok((plan, rows))
}

/// A target as the table's 量化指标 column states it ("地区生产总值增长6%").
fn target_text(i: &duban_db::Item) -> String {
    let Some(v) = i.value else {
        return String::new();
    };
    let mut s = i.indicator.clone().unwrap_or_default();
    s.push_str(&crate::documents::fmt_num(v));
    if let Some(m) = i.value_max {
        s.push('—');
        s.push_str(&crate::documents::fmt_num(m));
    }
    s.push_str(i.unit.as_deref().unwrap_or(""));
    s
}
