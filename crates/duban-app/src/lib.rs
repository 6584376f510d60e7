//! duban's application layer: every action a person can take, shared by the web face and
//! the CLI. Each action receives the [`Actor`] (decided from the session or the command
//! line, never from ids the client sends), checks permissions here and nowhere else, and
//! writes its change and its audit record in one transaction.

#![forbid(unsafe_code)]

mod cache;
mod clock;
mod error;

pub mod access;
pub mod admin;
pub mod auth;
pub mod carry;
pub mod chase;
pub mod city;
pub mod dashboard;
pub mod demo;
pub mod documents;
pub mod import;
pub mod items;
pub mod plan_choice;
pub mod progress;
pub mod progress_rows;
pub mod registers;
pub mod status;
pub mod views;

pub use access::Actor;
pub use cache::{Seen, seen};
pub use clock::{Clock, FixedClock, SystemClock};
pub use duban_core as core;
pub use duban_db as db;
pub use duban_office as office;
pub use error::{AppError, Internal, ROWS_SHOWN, Result, RowError, rows_head};

use duban_db::Db;
use std::path::PathBuf;
use std::sync::Arc;

/// Tunable limits; the defaults suit a district.
#[derive(Debug, Clone)]
pub struct Settings {
    /// A session ends after this long without a request.
    pub session_idle_minutes: i64,
    /// … and at the latest this long after the login, however busy (absolute lifetime).
    pub session_absolute_hours: i64,
    /// Failed logins from one client address before that address is locked out of the
    /// account for `lockout_minutes`; each further lock lasts twice as long (up to a day).
    pub lockout_after: i64,
    pub lockout_minutes: i64,
    /// Largest accepted attachment.
    pub max_attachment_bytes: usize,
    /// Outbound delivery: retries, timeouts, concurrency (the relay comes from the database).
    pub notifier: duban_notify::NotifierConfig,
    /// Largest file accepted for import, on the web and at the command line
    /// (`max_upload_mb` in the configuration).
    pub max_upload_bytes: usize,
    /// Sanity limit of targets and tasks in one plan: a real work report has a few hundred.
    pub max_items_per_plan: usize,
    /// Reverse proxies whose `X-Forwarded-For` / `X-Forwarded-Proto` are believed
    /// (addresses or CIDR blocks, `trusted_proxies` in the configuration).
    pub trusted_proxies: Vec<String>,
    /// Where people open duban (`http://host[:port]`, no trailing slash): links in digests
    /// and webhooks are made absolute with it; `None` leaves them relative.
    pub base_url: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            session_idle_minutes: 8 * 60,
            session_absolute_hours: 12,
            lockout_after: 5,
            lockout_minutes: 15,
            max_attachment_bytes: 20 * 1024 * 1024,
            notifier: duban_notify::NotifierConfig::default(),
            max_upload_bytes: 20 * 1024 * 1024,
            max_items_per_plan: 5000,
            trusted_proxies: Vec::new(),
            base_url: None,
        }
    }
}

impl Settings {
    /// `path` (starting with `/`) as the link a message carries.
    pub fn link(&self, path: &str) -> String {
        match &self.base_url {
            Some(base) => format!("{}{path}", base.trim_end_matches('/')),
            None => path.to_string(),
        }
    }

    /// Whether `addr` is one of the trusted proxies (an exact address or inside a CIDR block).
    pub fn is_trusted_proxy(&self, addr: std::net::IpAddr) -> bool {
        self.trusted_proxies.iter().any(|p| cidr_contains(p, addr))
    }
}

/// `spec` is an address (`10.0.0.1`, `::1`) or a block (`10.0.0.0/8`); IPv4-mapped IPv6
/// peers count as IPv4.
pub fn cidr_contains(spec: &str, addr: std::net::IpAddr) -> bool {
    use std::net::IpAddr;
    let norm = |a: IpAddr| match a {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(a),
        v4 => v4,
    };
    let (net, bits) = match spec.trim().split_once('/') {
        Some((n, b)) => (n, b.parse::<u32>().ok()),
        None => (spec.trim(), None),
    };
    let (Ok(net), addr) = (net.parse::<IpAddr>().map(norm), norm(addr)) else {
        return false;
    };
    match (net, addr) {
        (IpAddr::V4(n), IpAddr::V4(a)) => {
            let b = bits.unwrap_or(32);
            b <= 32 && (b == 0 || (u32::from(n) ^ u32::from(a)) >> (32 - b) == 0)
        }
        (IpAddr::V6(n), IpAddr::V6(a)) => {
            let b = bits.unwrap_or(128);
            b <= 128 && (b == 0 || (u128::from(n) ^ u128::from(a)) >> (128 - b) == 0)
        }
        _ => false,
    }
}

/// Whether `spec` is a valid `trusted_proxies` entry (checked when the configuration loads).
pub fn valid_proxy_spec(spec: &str) -> bool {
    let (net, bits) = match spec.trim().split_once('/') {
        Some((n, b)) => (n, Some(b)),
        None => (spec.trim(), None),
    };
    match net.parse::<std::net::IpAddr>() {
        Ok(a) => bits.is_none_or(|b| {
            b.parse::<u32>()
                .is_ok_and(|b| b <= if a.is_ipv4() { 32 } else { 128 })
        }),
        Err(_) => false,
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
    /// Computed results kept while the data version is unchanged (shared by clones).
    pub(crate) cache: Arc<cache::Cache>,
}

impl App {
    pub fn new(db: Db, data_dir: PathBuf) -> Self {
        Self {
            db,
            data_dir,
            settings: Settings::default(),
            clock: Arc::new(SystemClock),
            cache: Arc::default(),
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

    /// Starts a write transaction that stamps its rows with the clock's time.
    pub async fn begin(&self) -> Result<duban_db::Tx, duban_db::DbError> {
        self.db.begin(self.now()).await
    }

    /// Today's date in China (UTC+8), which is what due dates mean.
    pub fn today(&self) -> time::Date {
        (self.clock.now() + time::Duration::hours(8)).date()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_absolute_only_with_a_base_url() {
        let mut s = Settings::default();
        assert_eq!(s.link("/report"), "/report");
        s.base_url = Some("http://duban.gov.local/".into());
        assert_eq!(s.link("/notices/7"), "http://duban.gov.local/notices/7");
    }

    #[test]
    fn trusted_proxies_match_addresses_and_blocks() {
        let s = Settings {
            trusted_proxies: vec!["10.0.0.0/8".into(), "192.168.1.5".into(), "::1".into()],
            ..Settings::default()
        };
        let ip = |t: &str| t.parse::<std::net::IpAddr>().unwrap();
        assert!(s.is_trusted_proxy(ip("10.200.3.4")));
        assert!(s.is_trusted_proxy(ip("::ffff:10.1.1.1")));
        assert!(s.is_trusted_proxy(ip("192.168.1.5")));
        assert!(s.is_trusted_proxy(ip("::1")));
        assert!(!s.is_trusted_proxy(ip("192.168.1.6")));
        assert!(!s.is_trusted_proxy(ip("11.0.0.1")));
        assert!(valid_proxy_spec("10.0.0.0/8") && valid_proxy_spec("fe80::/10"));
        assert!(!valid_proxy_spec("10.0.0.0/33") && !valid_proxy_spec("proxy.local"));
    }
}
