//! duban's application layer: every action a person can take, shared by the web face and
//! the CLI. Each action receives the [`Actor`] (decided from the session or the command
//! line, never from ids the client sends), checks permissions here and nowhere else, and
//! writes its change and its audit record in one transaction.

#![forbid(unsafe_code)]

mod clock;
mod error;

pub mod access;
pub mod admin;
pub mod auth;
pub mod chase;
pub mod dashboard;
pub mod demo;
pub mod documents;
pub mod import;
pub mod items;
pub mod progress;
pub mod registers;
pub mod status;

pub use access::Actor;
pub use clock::{Clock, FixedClock, SystemClock};
pub use duban_core as core;
pub use duban_db as db;
pub use error::{AppError, ROWS_SHOWN, Result, RowError, rows_head};

use duban_db::Db;
use std::path::PathBuf;
use std::sync::Arc;

/// Tunable limits; the defaults suit a district.
#[derive(Debug, Clone)]
pub struct Settings {
    /// A session ends after this long without a request.
    pub session_idle_minutes: i64,
    /// Failed logins before an account is locked for `lockout_minutes`.
    pub lockout_after: i64,
    pub lockout_minutes: i64,
    /// Largest accepted attachment.
    pub max_attachment_bytes: usize,
    /// Outbound delivery: retries, timeouts, concurrency (the relay comes from the database).
    pub notifier: duban_notify::NotifierConfig,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            session_idle_minutes: 8 * 60,
            lockout_after: 5,
            lockout_minutes: 15,
            max_attachment_bytes: 20 * 1024 * 1024,
            notifier: duban_notify::NotifierConfig::default(),
        }
    }
}

/// The application: a database and a data directory (attachments live under it).
#[derive(Clone, Debug)]
pub struct App {
    pub db: Db,
    pub data_dir: PathBuf,
    pub settings: Settings,
    /// Where "now" comes from: the system clock, or one a test sets.
    pub clock: Arc<dyn Clock>,
}

impl App {
    pub fn new(db: Db, data_dir: PathBuf) -> Self {
        Self {
            db,
            data_dir,
            settings: Settings::default(),
            clock: Arc::new(SystemClock),
        }
    }

    /// The same application reading time from `clock`.
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// The current instant.
    pub fn now(&self) -> time::OffsetDateTime {
        self.clock.now()
    }

    /// Today's date in China (UTC+8), which is what due dates mean.
    pub fn today(&self) -> time::Date {
        (self.clock.now() + time::Duration::hours(8)).date()
    }
}
