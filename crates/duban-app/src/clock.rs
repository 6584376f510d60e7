//! Where the application reads the time. Nothing below the faces calls the system clock
//! directly, so that tests (and the chasing scheduler) can set the date.

use std::fmt::Debug;
use std::sync::Mutex;
use time::OffsetDateTime;

pub trait Clock: Send + Sync + Debug {
    fn now(&self) -> OffsetDateTime;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

/// A clock that stands still until it is set; for tests.
#[derive(Debug)]
pub struct FixedClock(Mutex<OffsetDateTime>);

impl FixedClock {
    pub fn new(at: OffsetDateTime) -> Self {
        Self(Mutex::new(at))
    }

    /// Noon in China (UTC+8) of `date`.
    pub fn on(date: time::Date) -> Self {
        Self::new(noon(date))
    }

    pub fn set(&self, at: OffsetDateTime) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = at;
    }

    pub fn set_date(&self, date: time::Date) {
        self.set(noon(date));
    }
}

fn noon(date: time::Date) -> OffsetDateTime {
    date.with_hms(4, 0, 0)
        .unwrap_or(date.midnight())
        .assume_utc()
}

impl Clock for FixedClock {
    fn now(&self) -> OffsetDateTime {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}
