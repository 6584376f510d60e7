//! Economic indicator series: definition (office), values with provenance (office, or the
//! department the series is assigned to, as 部门报送), and the series with latest values.

use super::{MAX_NAME, optional, required, snap};
use crate::access::registers as access;
use crate::{Actor, App, AppError, Result};
use duban_core::registers::indicators::{Frequency, Latest, SeriesField, SeriesValue, latest};
use duban_core::{Measure, Period, Provenance};
use duban_db::indicators::{self as db, Indicator};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorInput {
    pub name: String,
    pub unit: String,
    pub measure: Measure,
    #[serde(default)]
    pub frequency: Frequency,
    /// The department that reports it (None: the statistics office via the 督查室).
    pub unit_id: Option<i64>,
}

pub async fn define(
    app: &App,
    actor: &Actor,
    government_id: i64,
    input: &IndicatorInput,
) -> Result<Indicator> {
    access::require_office(actor)?;
    let name = required("指标名称", &input.name, MAX_NAME)?;
    let unit = optional("计量单位", &input.unit, 20)?;
    let mut tx = app.begin().await?;
    crate::access::require_government(&mut tx, actor, government_id).await?;
    access::require_units(&mut tx, government_id, input.unit_id).await?;
    let id = db::ensure(
        &mut tx,
        government_id,
        &name,
        &unit,
        input.measure.as_str(),
        input.frequency.as_str(),
        input.unit_id,
    )
    .await?;
    let after = db::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    actor
        .audit(
            &mut tx,
            "indicator_define",
            "indicator",
            Some(id),
            None,
            snap(&after),
        )
        .await?;
    tx.commit().await?;
    Ok(after)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueInput {
    pub period: String,
    pub value: f64,
    pub provenance: Provenance,
    #[serde(default)]
    pub note: String,
}

/// Records a value. A department's users record their own series only, always as 单位填报.
pub async fn set_value(
    app: &App,
    actor: &Actor,
    indicator_id: i64,
    v: &ValueInput,
) -> Result<db::SeriesValue> {
    let period: Period = v
        .period
        .parse()
        .map_err(|e: duban_core::period::BadPeriod| AppError::BadInput(e.to_string()))?;
    if !v.value.is_finite() || v.value.abs() > 1e12 {
        return Err(AppError::BadInput("指标数值应为数字".into()));
    }
    let note = optional("备注", &v.note, 500)?;
    let mut tx = app.begin().await?;
    let ind = db::get(&mut tx, indicator_id)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::access::require_government(&mut tx, actor, ind.government_id).await?;
    access::require_edit(actor, ind.unit_id)?;
    let provenance = if actor.is_office() {
        v.provenance
    } else {
        Provenance::Reported
    };
    if ind.frequency == Frequency::Quarterly.as_str() && !period.month.is_multiple_of(3) {
        return Err(AppError::BadInput(format!(
            "季度指标“{}”只能填季末月份（3、6、9、12月）",
            ind.name
        )));
    }
    let before = db::value(&mut tx, indicator_id, &period.to_string()).await?;
    db::set_value(
        &mut tx,
        indicator_id,
        &period.to_string(),
        v.value,
        provenance.as_str(),
        (!note.is_empty()).then_some(note.as_str()),
        actor.user_id,
    )
    .await?;
    let after = db::value(&mut tx, indicator_id, &period.to_string())
        .await?
        .ok_or(AppError::NotFound)?;
    actor
        .audit(
            &mut tx,
            "indicator_value",
            "indicator",
            Some(indicator_id),
            before.as_ref().and_then(snap),
            snap(&after),
        )
        .await?;
    tx.commit().await?;
    Ok(after)
}

/// A series with its values of the year and the latest one at the period.
#[derive(Debug, Clone, Serialize)]
pub struct Series {
    pub indicator: Indicator,
    pub values: Vec<db::SeriesValue>,
    pub latest: Option<Latest>,
}

pub(crate) fn core_values(ind: &Indicator, values: &[&db::SeriesValue]) -> Vec<SeriesValue> {
    let growth = ind.measure == Measure::Growth.as_str();
    values
        .iter()
        .filter_map(|v| {
            Some(SeriesValue {
                period: v.period.parse().ok()?,
                level: (!growth).then_some(v.value),
                growth: growth.then_some(v.value),
                provenance: v.provenance.parse().unwrap_or(Provenance::Reported),
            })
        })
        .collect()
}

pub(crate) fn field_of(ind: &Indicator) -> SeriesField {
    if ind.measure == Measure::Growth.as_str() {
        SeriesField::Growth
    } else {
        SeriesField::Level
    }
}

/// Every series the actor may see with the year's values, in two queries.
pub async fn series(
    app: &App,
    actor: &Actor,
    government_id: i64,
    period: Period,
) -> Result<Vec<Series>> {
    let mut tx = app.db.read().await?;
    crate::access::require_government(&mut tx, actor, government_id).await?;
    let list = db::list(&mut tx, government_id).await?;
    let values = db::values_of_year(&mut tx, government_id, i64::from(period.year)).await?;
    Ok(list
        .into_iter()
        .filter(|i| access::require_read(actor, i.unit_id, &[]).is_ok())
        .map(|indicator| {
            let mine: Vec<&db::SeriesValue> = values
                .iter()
                .filter(|v| v.indicator_id == indicator.id)
                .collect();
            let latest = latest(
                &core_values(&indicator, &mine),
                period,
                field_of(&indicator),
            );
            Series {
                values: mine.into_iter().cloned().collect(),
                latest,
                indicator,
            }
        })
        .collect())
}
