//! Reporting periods and cycles. A period is a calendar month of the plan year; quarterly
//! and half-yearly items report on the last month of their quarter or half.

use crate::figure::text_enum;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A month of a year, written `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Period {
    pub year: i32,
    /// 1..=12.
    pub month: u8,
}

/// A period that is not `YYYY-MM` with a month in 1..=12.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("期间格式应为 YYYY-MM（例如 2024-06），收到：{0}")]
pub struct BadPeriod(pub String);

impl Period {
    pub fn new(year: i32, month: u8) -> Result<Self, BadPeriod> {
        if (1..=12).contains(&month) && (1900..=2200).contains(&year) {
            Ok(Self { year, month })
        } else {
            Err(BadPeriod(format!("{year}-{month:02}")))
        }
    }

    /// 序时进度 by the calendar: months elapsed ÷ 12, as a fraction.
    pub fn time_progress(self) -> f64 {
        f64::from(self.month) / 12.0
    }

    pub fn next(self) -> Self {
        if self.month == 12 {
            Self {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Self {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn prev(self) -> Self {
        if self.month == 1 {
            Self {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Self {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// The months of `year` in order.
    pub fn months_of(year: i32) -> impl Iterator<Item = Period> {
        (1..=12).map(move |month| Period { year, month })
    }

    /// "1—6月" as a 通报 writes the span of the year to date.
    pub fn ytd_label(self) -> String {
        if self.month == 1 {
            "1月".to_string()
        } else {
            format!("1—{}月", self.month)
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for Period {
    type Err = BadPeriod;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let (y, m) = t
            .split_once(['-', '/', '.', '年'])
            .ok_or_else(|| BadPeriod(s.to_string()))?;
        let m = m.trim_end_matches('月');
        let year: i32 = y.trim().parse().map_err(|_| BadPeriod(s.to_string()))?;
        let month: u8 = m.trim().parse().map_err(|_| BadPeriod(s.to_string()))?;
        Period::new(year, month).map_err(|_| BadPeriod(s.to_string()))
    }
}

impl TryFrom<String> for Period {
    type Error = BadPeriod;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Period> for String {
    fn from(p: Period) -> String {
        p.to_string()
    }
}

/// How often an item reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Cycle {
    #[default]
    Monthly,
    Quarterly,
    HalfYearly,
    Yearly,
}
text_enum!(Cycle { Monthly => "monthly", "每月"; Quarterly => "quarterly", "每季度"; HalfYearly => "halfyearly", "每半年"; Yearly => "yearly", "每年"; });

impl Cycle {
    /// Whether an item on this cycle owes a report for `month`.
    pub const fn reports_in(self, month: u8) -> bool {
        match self {
            Self::Monthly => true,
            Self::Quarterly => month.is_multiple_of(3),
            Self::HalfYearly => month.is_multiple_of(6),
            Self::Yearly => month == 12,
        }
    }

    /// The period whose report is the latest one owed at or before `p`.
    pub fn latest_due_at(self, p: Period) -> Option<Period> {
        let mut q = p;
        for _ in 0..12 {
            if self.reports_in(q.month) && q.year == p.year {
                return Some(q);
            }
            if q.month == 1 {
                return None;
            }
            q = q.prev();
        }
        None
    }
}

/// The day of the month by which a period's report is due (e.g. the 25th), checked to
/// fall in 1..=28 so that every month has it.
pub fn clamp_due_day(day: u8) -> u8 {
    day.clamp(1, 28)
}

/// The due date of a period's report: day `due_day` of that month.
pub fn due_date(period: Period, due_day: i64) -> time::Date {
    let day = clamp_due_day(due_day.clamp(1, 28) as u8);
    let month = time::Month::try_from(period.month).unwrap_or(time::Month::January);
    time::Date::from_calendar_date(period.year, month, day).unwrap_or(time::Date::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_periods() {
        let p: Period = "2024-06".parse().unwrap();
        assert_eq!(
            p,
            Period {
                year: 2024,
                month: 6
            }
        );
        assert_eq!(p.to_string(), "2024-06");
        assert_eq!("2024年6月".parse::<Period>().unwrap(), p);
        assert!("2024-13".parse::<Period>().is_err());
        assert!("六月".parse::<Period>().is_err());
        assert_eq!(
            Period {
                year: 2024,
                month: 12
            }
            .next(),
            Period {
                year: 2025,
                month: 1
            }
        );
        assert_eq!(
            Period {
                year: 2024,
                month: 1
            }
            .prev(),
            Period {
                year: 2023,
                month: 12
            }
        );
        assert!((p.time_progress() - 0.5).abs() < 1e-12);
        assert_eq!(p.ytd_label(), "1—6月");
    }

    #[test]
    fn cycles_say_which_months_report() {
        let q = Cycle::Quarterly;
        assert!(!q.reports_in(5) && q.reports_in(6));
        assert_eq!(
            q.latest_due_at(Period {
                year: 2024,
                month: 5
            }),
            Some(Period {
                year: 2024,
                month: 3
            })
        );
        assert_eq!(
            q.latest_due_at(Period {
                year: 2024,
                month: 2
            }),
            None
        );
        assert_eq!(
            Cycle::HalfYearly.latest_due_at(Period {
                year: 2024,
                month: 11
            }),
            Some(Period {
                year: 2024,
                month: 6
            })
        );
        assert_eq!(
            Cycle::Monthly.latest_due_at(Period {
                year: 2024,
                month: 1
            }),
            Some(Period {
                year: 2024,
                month: 1
            })
        );
    }
}
