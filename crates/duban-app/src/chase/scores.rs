//! Unit scores (考核) per month, quarter or year: ranked with the rank change since the
//! previous span, each total decomposed into its entries (得分反查); the office's manual
//! adjustments (audited); the .xlsx export.

use super::pass::obligations;
use crate::access::chase as access;
use crate::{Actor, App, AppError, Result};
use duban_core::Period;
use duban_core::scoring::{ScoreEntry, ScorePeriod, UnitScore, collect_events, rank, score_units};
use duban_db::chase::inputs;
use duban_db::scores::{self as db, NewAdjustment};
use serde::Serialize;
use std::collections::HashMap;

/// Reads a span key: 2024-06 (月), 2024-Q2 (季度) or 2024 (年度).
pub fn parse_span(s: &str) -> Result<ScorePeriod> {
    let s = s.trim();
    let bad = || AppError::BadInput(format!("考核期间“{s}”格式应为 2024-06、2024-Q2 或 2024"));
    if let Some((y, q)) = s.split_once("-Q") {
        let quarter: u8 = q
            .parse()
            .ok()
            .filter(|q| (1..=4).contains(q))
            .ok_or_else(bad)?;
        return Ok(ScorePeriod::Quarter {
            year: y.parse().map_err(|_| bad())?,
            quarter,
        });
    }
    if s.contains('-') {
        return s
            .parse::<Period>()
            .map(ScorePeriod::month)
            .map_err(|_| bad());
    }
    s.parse::<i32>()
        .ok()
        .filter(|y| (2000..=2100).contains(y))
        .map(|year| ScorePeriod::Year { year })
        .ok_or_else(bad)
}

/// One unit's line on the scores page.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreRow {
    pub unit_id: i64,
    pub unit_name: String,
    pub total: f64,
    pub rank: u32,
    pub previous_rank: Option<u32>,
    pub change: Option<i64>,
    /// 得分反查: the entries add up to `total` (empty where the actor may not drill down).
    pub entries: Vec<ScoreEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScoreBoard {
    /// The span's key (2024-06, 2024-Q2, 2024).
    pub span_key: String,
    pub plan_id: i64,
    pub span: ScorePeriod,
    pub span_label: String,
    pub rows: Vec<ScoreRow>,
}

async fn scores_for(app: &App, plan_id: i64, spans: &[ScorePeriod]) -> Result<Vec<Vec<UnitScore>>> {
    let today = app.today();
    let last = spans
        .iter()
        .map(|s| s.last_month())
        .max()
        .ok_or(AppError::NotFound)?;
    let mut tx = app.db.read().await?;
    let inp = inputs(&mut tx, plan_id, last).await?;
    let adjustments: Vec<_> = db::adjustments(&mut tx, plan_id)
        .await?
        .iter()
        .filter_map(|a| a.to_core())
        .collect();
    drop(tx);
    let obl = obligations(&inp, last, today);
    let events = collect_events(
        today,
        &obl,
        &inp.core_extensions(),
        &inp.existing_notices(),
        &inp.item_deadlines(),
        &adjustments,
    );
    let units = inp.lead_units();
    let weights = inp.weights();
    Ok(spans
        .iter()
        .map(|s| score_units(&inp.scoring, *s, &units, &events, &weights))
        .collect())
}

/// The ranking of `span`, with the previous span's ranks; a unit user's drill-down shows
/// only its own unit's entries.
pub async fn board(
    app: &App,
    actor: &Actor,
    plan_id: i64,
    span: ScorePeriod,
) -> Result<ScoreBoard> {
    let mut tx = app.db.read().await?;
    let plan = crate::access::visible_plan(&mut tx, actor, plan_id).await?;
    // The plan's own government's units, not the whole city's.
    let names: HashMap<i64, String> = duban_db::city::units_in(&mut tx, plan.government_id)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    drop(tx);
    let both = scores_for(app, plan_id, &[span, span.previous()]).await?;
    let (now, before) = (&both[0], &both[1]);
    let by_unit: HashMap<i64, &UnitScore> = now.iter().map(|s| (s.unit_id, s)).collect();
    let rows = rank(now, before)
        .into_iter()
        .map(|r| ScoreRow {
            unit_id: r.unit_id,
            unit_name: names.get(&r.unit_id).cloned().unwrap_or_default(),
            total: r.total,
            rank: r.rank,
            previous_rank: r.previous_rank,
            change: r.change,
            entries: if access::require_score_detail(actor, r.unit_id).is_ok() {
                by_unit
                    .get(&r.unit_id)
                    .map(|s| s.entries.clone())
                    .unwrap_or_default()
            } else {
                Vec::new()
            },
        })
        .collect();
    Ok(ScoreBoard {
        span_key: span.key(),
        plan_id,
        span,
        span_label: span.label(),
        rows,
    })
}

/// One unit's score with its entries (得分反查).
pub async fn unit_detail(
    app: &App,
    actor: &Actor,
    plan_id: i64,
    span: ScorePeriod,
    unit_id: i64,
) -> Result<ScoreRow> {
    access::require_score_detail(actor, unit_id)?;
    board(app, actor, plan_id, span)
        .await?
        .rows
        .into_iter()
        .find(|r| r.unit_id == unit_id)
        .ok_or(AppError::NotFound)
}

/// The office adds a manual adjustment (positive adds, negative deducts) with a reason.
#[allow(clippy::too_many_arguments)]
pub async fn adjust(
    app: &App,
    actor: &Actor,
    plan_id: i64,
    unit_id: i64,
    item_id: Option<i64>,
    period: Period,
    points: f64,
    reason: &str,
) -> Result<i64> {
    access::require_office(actor)?;
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(AppError::BadInput("请填写调整理由（不超过500字）".into()));
    }
    if !points.is_finite() || points == 0.0 || points.abs() > 100.0 {
        return Err(AppError::BadInput(
            "调整分值须在 -100 到 100 之间且不为 0".into(),
        ));
    }
    let mut tx = app.begin().await?;
    let plan = crate::access::visible_plan(&mut tx, actor, plan_id).await?;
    crate::access::require_units(&mut tx, plan.government_id, [unit_id]).await?;
    if let Some(item) = item_id {
        let i = crate::access::visible_item(&mut tx, actor, item).await?;
        if i.plan_id != plan_id {
            return Err(AppError::BadInput("事项不属于该计划".into()));
        }
    }
    let id = db::add_adjustment(
        &mut tx,
        &NewAdjustment {
            plan_id,
            unit_id,
            item_id,
            period,
            points,
            reason,
            created_by: actor.user_id,
        },
    )
    .await?;
    actor
        .audit(
            &mut tx,
            "score_adjust",
            "score_adjustment",
            Some(id),
            None,
            Some(serde_json::json!({
                "unit_id": unit_id, "item_id": item_id, "period": period.to_string(),
                "points": points, "reason": reason,
            })),
        )
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// The ranking and every entry as an .xlsx: (file name, bytes).
pub async fn export_xlsx(
    app: &App,
    actor: &Actor,
    plan_id: i64,
    span: ScorePeriod,
) -> Result<(String, Vec<u8>)> {
    let b = board(app, actor, plan_id, span).await?;
    let header = ["排名", "单位", "总分", "排名变化", "得分项", "分值", "原因"];
    let mut rows = Vec::new();
    for r in &b.rows {
        let change = match r.change {
            Some(c) if c > 0 => format!("上升{c}位"),
            Some(c) if c < 0 => format!("下降{}位", -c),
            Some(_) => "持平".into(),
            None => "—".into(),
        };
        rows.push(vec![
            r.rank.to_string(),
            r.unit_name.clone(),
            format!("{}", r.total),
            change,
            "合计".into(),
            format!("{}", r.total),
            String::new(),
        ]);
        for e in &r.entries {
            rows.push(vec![
                String::new(),
                r.unit_name.clone(),
                String::new(),
                String::new(),
                e.entry.label().to_string(),
                format!("{}", e.points),
                e.reason.clone(),
            ]);
        }
    }
    let bytes =
        duban_office::table::write_xlsx("考核得分", &header, &rows).map_err(AppError::internal)?;
    Ok((format!("考核得分_{}.xlsx", b.span_label), bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_read_as_keys() {
        for k in ["2024-06", "2024-Q2", "2024"] {
            assert_eq!(parse_span(k).unwrap().key(), k);
        }
        for bad in ["2024-Q5", "24", "2024-13", "x"] {
            assert!(parse_span(bad).is_err(), "{bad}");
        }
    }
}
