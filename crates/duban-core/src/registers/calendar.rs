//! Calendar arithmetic for register clocks: months added the way 办理 rules count them
//! (31 Jan + 1 month = the last day of February) and working days that skip weekends,
//! a holiday list and count 调休 make-up Saturdays/Sundays as working days.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use time::{Date, Month, Weekday};

fn last_day(year: i32, month: Month) -> u8 {
    time::util::days_in_month(month, year)
}

/// `d` moved by `n` calendar months (negative: back). A day that the target month lacks
/// becomes that month's last day. Saturates at the calendar's limits instead of panicking.
pub fn add_months(d: Date, n: i32) -> Date {
    let m0 = d.year() as i64 * 12 + i64::from(u8::from(d.month())) - 1 + i64::from(n);
    let year = m0.div_euclid(12).clamp(-9999, 9999) as i32;
    let month = Month::try_from((m0.rem_euclid(12) + 1) as u8).unwrap_or(Month::January);
    let day = d.day().min(last_day(year, month));
    Date::from_calendar_date(year, month, day).unwrap_or(d)
}

/// Whole calendar months from `from` to `to` (0 when `to` is before `from + 1 month`).
pub fn months_between(from: Date, to: Date) -> i32 {
    if to <= from {
        return 0;
    }
    let mut n = (to.year() - from.year()) * 12 + i32::from(u8::from(to.month()))
        - i32::from(u8::from(from.month()));
    while n > 0 && add_months(from, n) > to {
        n -= 1;
    }
    n.max(0)
}

/// The last day of `d`'s month.
pub fn month_end(year: i32, month: u8) -> Date {
    let m = Month::try_from(month.clamp(1, 12)).unwrap_or(Month::December);
    Date::from_calendar_date(year, m, last_day(year, m)).unwrap_or(Date::MAX)
}

/// Which days are working days: Monday–Friday, minus `holidays`, plus `workdays` (调休).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkCalendar {
    #[serde(default)]
    pub holidays: BTreeSet<Date>,
    /// Weekend days that are working days (调休上班).
    #[serde(default)]
    pub workdays: BTreeSet<Date>,
}

impl WorkCalendar {
    pub fn is_workday(&self, d: Date) -> bool {
        if self.workdays.contains(&d) {
            return true;
        }
        !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) && !self.holidays.contains(&d)
    }

    /// The date `n` working days after `d` (`d` itself not counted). `n = 0` gives `d`.
    pub fn add_working_days(&self, d: Date, n: u32) -> Date {
        let mut day = d;
        let mut left = n;
        // A year of holidays cannot hold more than 366 consecutive days off.
        let mut guard = 0u32;
        while left > 0 && guard < n.saturating_mul(7).saturating_add(400) {
            match day.next_day() {
                Some(next) => day = next,
                None => return day,
            }
            if self.is_workday(day) {
                left -= 1;
            }
            guard += 1;
        }
        day
    }

    /// Working days after `from` up to and including `to`.
    pub fn working_days_between(&self, from: Date, to: Date) -> u32 {
        let mut n = 0;
        let mut d = from;
        while d < to {
            match d.next_day() {
                Some(next) => d = next,
                None => break,
            }
            if self.is_workday(d) {
                n += 1;
            }
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn months_clamp_to_month_end_and_leap_years() {
        assert_eq!(add_months(date!(2024 - 01 - 31), 1), date!(2024 - 02 - 29));
        assert_eq!(add_months(date!(2023 - 01 - 31), 1), date!(2023 - 02 - 28));
        assert_eq!(add_months(date!(2023 - 11 - 30), 3), date!(2024 - 02 - 29));
        assert_eq!(add_months(date!(2024 - 03 - 15), 3), date!(2024 - 06 - 15));
        assert_eq!(add_months(date!(2024 - 10 - 31), 3), date!(2025 - 01 - 31));
        assert_eq!(add_months(date!(2024 - 05 - 31), -1), date!(2024 - 04 - 30));
        assert_eq!(add_months(date!(2024 - 02 - 29), 12), date!(2025 - 02 - 28));
        assert_eq!(
            months_between(date!(2024 - 01 - 31), date!(2024 - 02 - 29)),
            1
        );
        assert_eq!(
            months_between(date!(2024 - 01 - 31), date!(2024 - 02 - 28)),
            0
        );
        assert_eq!(
            months_between(date!(2024 - 03 - 01), date!(2024 - 06 - 30)),
            3
        );
    }

    #[test]
    fn working_days_skip_weekends_holidays_and_count_make_up_days() {
        let cal = WorkCalendar::default();
        // Friday 2024-03-01 + 5 working days = Friday 2024-03-08.
        assert_eq!(
            cal.add_working_days(date!(2024 - 03 - 01), 5),
            date!(2024 - 03 - 08)
        );
        // 2024 劳动节: 5月1–5日 off, Sunday 4月28日 and Saturday 5月11日 worked.
        let mut cal = WorkCalendar::default();
        for d in 1..=5 {
            cal.holidays
                .insert(Date::from_calendar_date(2024, Month::May, d).unwrap());
        }
        cal.workdays.insert(date!(2024 - 04 - 28));
        cal.workdays.insert(date!(2024 - 05 - 11));
        // Friday 4月26日 + 1 → Sunday 4月28日 (调休); + 2 → Monday 4月29日.
        assert_eq!(
            cal.add_working_days(date!(2024 - 04 - 26), 1),
            date!(2024 - 04 - 28)
        );
        // Tuesday 4月30日 + 5: 5月6,7,8,9,10 → Friday 5月10日.
        assert_eq!(
            cal.add_working_days(date!(2024 - 04 - 30), 5),
            date!(2024 - 05 - 10)
        );
        assert_eq!(
            cal.working_days_between(date!(2024 - 04 - 30), date!(2024 - 05 - 10)),
            5
        );
        assert!(!cal.is_workday(date!(2024 - 05 - 01)));
        assert!(cal.is_workday(date!(2024 - 05 - 11)));
    }

    proptest! {
        #[test]
        fn add_months_never_panics_and_lands_in_the_right_month(
            y in 1900i32..2200, m in 1u8..=12, d in 1u8..=31, n in -240i32..240
        ) {
            let month = Month::try_from(m).unwrap();
            let day = d.min(last_day(y, month));
            let start = Date::from_calendar_date(y, month, day).unwrap();
            let out = add_months(start, n);
            let want = (y * 12 + i32::from(m) - 1 + n).rem_euclid(12) + 1;
            prop_assert_eq!(i32::from(u8::from(out.month())), want);
            prop_assert!(out.day() <= start.day());
        }

        #[test]
        fn working_days_are_counted_back(n in 0u32..60, off in 0i64..700) {
            let cal = WorkCalendar::default();
            let start = date!(2024 - 01 - 01) + time::Duration::days(off);
            let end = cal.add_working_days(start, n);
            prop_assert_eq!(cal.working_days_between(start, end), n);
        }
    }
}
