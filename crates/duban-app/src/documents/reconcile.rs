//! 对账 with next year's report: once the next year's report of the same government is
//! imported, the figures its review states for this year are set beside this plan's targets
//! (same indicator, measure and year) — planned, reported by units (accepted at December, or
//! the bound register), stated in the new report — and whether they agree.

use crate::{Actor, App, AppError, Result};
use duban_core::{ItemKind, Period};
use duban_db::{IndicatorValue, plans};
use serde::Serialize;

/// One target's three figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReconcileRow {
    pub item_id: i64,
    pub title: String,
    pub indicator: String,
    pub unit: String,
    pub planned: Option<f64>,
    pub reported: Option<f64>,
    pub stated: Option<f64>,
    /// `None` when one side is missing.
    pub agree: Option<bool>,
    /// "一致", "不一致（相差0.3）", "新报告未提及", "单位未报送".
    pub note: String,
}

/// Reported and stated agree within rounding: 0.05 or 0.5% of the stated value.
pub fn agrees(reported: f64, stated: f64) -> bool {
    (reported - stated).abs() <= 0.05_f64.max(stated.abs() * 0.005)
}

/// The new report's value for a target: same name (or one containing the other), same
/// measure and, when both say, the same unit; the December value of `year`.
pub fn stated_for<'a>(
    stated: &'a [IndicatorValue],
    year: i32,
    indicator: &str,
    measure: &str,
    unit: &str,
) -> Option<&'a IndicatorValue> {
    let period = format!("{year:04}-12");
    let fits = |v: &&IndicatorValue| {
        v.period == period
            && v.measure == measure
            && (unit.is_empty() || v.unit.is_empty() || v.unit == unit)
    };
    stated
        .iter()
        .filter(fits)
        .find(|v| v.name == indicator)
        .or_else(|| {
            stated
                .iter()
                .filter(fits)
                .find(|v| v.name.contains(indicator) || indicator.contains(v.name.as_str()))
        })
}

/// The plan's targets against the next year's report.
pub async fn reconcile(app: &App, actor: &Actor, plan_id: i64) -> Result<Vec<ReconcileRow>> {
    actor.require_drafts()?;
    let mut tx = app.db.read().await?;
    let plan = crate::access::visible_plan(&mut tx, actor, plan_id).await?;
    let next = plans::by_government_year(&mut tx, &plan.government_name, plan.year + 1)
        .await?
        .ok_or_else(|| {
            AppError::BadInput(format!(
                "尚未导入{}{}年政府工作报告，导入后才能与其回顾部分对账",
                plan.government_name,
                plan.year + 1
            ))
        })?;
    let stated = plans::plan_indicator_values(&mut tx, next.id).await?;
    drop(tx);
    let year = plan.year as i32;
    let (_, list) =
        crate::status::compute(app, actor, plan_id, Period { year, month: 12 }, app.today())
            .await?;
    Ok(list
        .into_iter()
        .filter(|s| s.item.kind == ItemKind::Target)
        .filter_map(|s| {
            let indicator = s.item.indicator.clone().filter(|i| !i.is_empty())?;
            let unit = s.item.unit.clone().unwrap_or_default();
            let measure = s.item.measure.map(|m| m.as_str()).unwrap_or_default();
            let st = stated_for(&stated, year, &indicator, measure, &unit).map(|v| v.value);
            let agree = match (s.value, st) {
                (Some(r), Some(t)) => Some(agrees(r, t)),
                _ => None,
            };
            let note = match (s.value, st, agree) {
                (_, None, _) => "新报告未提及".to_string(),
                (None, Some(_), _) => "单位未报送".to_string(),
                (_, _, Some(true)) => "一致".to_string(),
                (Some(r), Some(t), _) => {
                    format!("不一致（相差{}）", super::fmt_num((r - t).abs()))
                }
            };
            Some(ReconcileRow {
                item_id: s.item.id,
                title: s.item.title.clone(),
                indicator,
                unit,
                planned: s.item.value,
                reported: s.value,
                stated: st,
                agree,
                note,
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(name: &str, measure: &str, unit: &str, period: &str, value: f64) -> IndicatorValue {
        IndicatorValue {
            id: 1,
            indicator_id: 1,
            name: name.into(),
            unit: unit.into(),
            measure: measure.into(),
            period: period.into(),
            value,
            op: "=".into(),
            provenance: "report".into(),
            start_char: None,
            end_char: None,
        }
    }

    #[test]
    fn matches_name_measure_unit_and_year() {
        let s = vec![
            v("地区生产总值", "level", "亿元", "2023-12", 121.3),
            v("地区生产总值", "growth", "%", "2023-12", 5.2),
            v("城镇新增就业", "level", "人", "2022-12", 3500.0),
        ];
        let g = stated_for(&s, 2023, "地区生产总值", "growth", "%").unwrap();
        assert_eq!(g.value, 5.2);
        assert_eq!(
            stated_for(&s, 2023, "生产总值", "level", "亿元")
                .unwrap()
                .value,
            121.3
        );
        assert!(stated_for(&s, 2023, "城镇新增就业", "level", "人").is_none());
        assert!(stated_for(&s, 2023, "地区生产总值", "level", "%").is_none());
    }

    #[test]
    fn agreement_allows_rounding_only() {
        assert!(agrees(5.2, 5.2));
        assert!(agrees(121.34, 121.3));
        assert!(!agrees(5.0, 5.2));
        assert!(agrees(3760.0, 3770.0));
        assert!(!agrees(3700.0, 3770.0));
    }
}
