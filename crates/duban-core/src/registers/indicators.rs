//! 经济运行指标: a named series with level and year-to-date growth per month or quarter,
//! provenance on every value, and the lagged publication rule (assess the latest period
//! that has data and say so).

use crate::figure::text_enum;
use crate::model::Provenance;
use crate::period::Period;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// How often a series is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Frequency {
    #[default]
    Monthly,
    Quarterly,
    Yearly,
}
text_enum!(Frequency { Monthly => "monthly", "月度"; Quarterly => "quarterly", "季度"; Yearly => "yearly", "年度"; });

/// One value of a series: the level (year to date, or the current rate) and/or the
/// year-to-date growth in %.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SeriesValue {
    pub period: Period,
    pub level: Option<f64>,
    pub growth: Option<f64>,
    pub provenance: Provenance,
}

/// Which number of a series a target or a dashboard reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum SeriesField {
    #[default]
    Level,
    Growth,
}

/// The value used for a period, and how far behind the period it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Latest {
    pub period: Period,
    pub value: f64,
    pub provenance: Provenance,
    /// Months between the data's period and the period assessed.
    pub lag_months: u8,
    /// "统计数据滞后一个月，按1—5月数据判定" when the data lags.
    pub note: Option<String>,
}

fn cn_count(n: u8) -> String {
    const D: [&str; 11] = [
        "零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十",
    ];
    match n {
        0..=10 => D[usize::from(n)].to_string(),
        11 => "十一".into(),
        _ => n.to_string(),
    }
}

/// The latest value of `field` in `period`'s year at or before `period`.
pub fn latest(values: &[SeriesValue], period: Period, field: SeriesField) -> Option<Latest> {
    let v = values
        .iter()
        .filter(|v| v.period.year == period.year && v.period <= period)
        .filter_map(|v| {
            let x = match field {
                SeriesField::Level => v.level,
                SeriesField::Growth => v.growth,
            };
            x.filter(|x| x.is_finite()).map(|x| (v, x))
        })
        .max_by_key(|(v, _)| v.period)?;
    let (v, x) = v;
    let lag = period.month.saturating_sub(v.period.month);
    Some(Latest {
        period: v.period,
        value: x,
        provenance: v.provenance,
        lag_months: lag,
        note: (lag > 0).then(|| {
            format!(
                "统计数据滞后{}个月，按{}数据判定",
                cn_count(lag),
                v.period.ytd_label()
            )
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(month: u8, level: Option<f64>, growth: Option<f64>) -> SeriesValue {
        SeriesValue {
            period: Period { year: 2024, month },
            level,
            growth,
            provenance: Provenance::Statistics,
        }
    }

    #[test]
    fn lagged_series_are_assessed_on_the_latest_data() {
        let s = vec![
            v(4, Some(40.0), Some(5.1)),
            v(5, Some(52.0), None),
            v(3, Some(30.0), Some(5.0)),
        ];
        let june = Period {
            year: 2024,
            month: 6,
        };
        let l = latest(&s, june, SeriesField::Level).unwrap();
        assert_eq!((l.period.month, l.value, l.lag_months), (5, 52.0, 1));
        assert_eq!(
            l.note.as_deref(),
            Some("统计数据滞后一个月，按1—5月数据判定")
        );
        let g = latest(&s, june, SeriesField::Growth).unwrap();
        assert_eq!(
            g.note.as_deref(),
            Some("统计数据滞后两个月，按1—4月数据判定")
        );
        let may = latest(
            &s,
            Period {
                year: 2024,
                month: 5,
            },
            SeriesField::Level,
        )
        .unwrap();
        assert_eq!(may.note, None);
        assert!(
            latest(
                &s,
                Period {
                    year: 2025,
                    month: 1
                },
                SeriesField::Level
            )
            .is_none()
        );
        assert!(
            latest(
                &s,
                Period {
                    year: 2024,
                    month: 2
                },
                SeriesField::Level
            )
            .is_none()
        );
    }
}
