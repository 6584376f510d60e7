//! Results computed from the data, kept while the data is unchanged (issue 13: a city's
//! dashboards and roll-up are read far more often than anything changes).
//!
//! Every audited change adds one to the data version in its own transaction
//! (`duban_db::audit::version`). A computation reads the version first in its read snapshot
//! and keys its result on it; the next request whose snapshot reads the same version gets
//! the same result without the queries. A newer version empties the cache, so nothing
//! stale is ever served and memory stays bounded by the number of keys read between two
//! changes (capped). Permission checks are never cached: callers check, then look up.

use duban_core::Period;
use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use time::Date;

/// What a cached result is of. Every input a result depends on is in its key (the day it
/// is judged on and the unit an actor is limited to included).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Key {
    /// `status::compute` of a plan at a period.
    Status {
        plan_id: i64,
        period: Period,
        today: Date,
        unit: Option<i64>,
    },
    /// `registers::summary::summary` of a government and year.
    Registers {
        government_id: i64,
        year: i32,
        period: Period,
        today: Date,
        unit: Option<i64>,
    },
    /// Reports per period of a plan (the default periods).
    PeriodCounts { plan_id: i64 },
    /// The city roll-up of a year.
    City {
        year: Option<i64>,
        period: Option<Period>,
        today: Date,
        unit: Option<i64>,
    },
}

/// A result of every key a busy city reads between two changes fits (20 governments ×
/// a few keys each); past that the cache starts over rather than grow.
const MAX_ENTRIES: usize = 512;

type Value = Arc<dyn Any + Send + Sync>;

#[derive(Default)]
pub struct Cache {
    inner: Mutex<Inner>,
    /// One computation per key at a time (see [`Cache::flight`]).
    flights: Mutex<HashMap<Key, Arc<tokio::sync::Mutex<()>>>>,
}

#[derive(Default)]
struct Inner {
    /// The version the entries were computed at; None before the first.
    version: Option<i64>,
    entries: HashMap<Key, Value>,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.inner.lock().map(|g| g.entries.len()).unwrap_or(0);
        f.debug_struct("Cache").field("entries", &n).finish()
    }
}

impl Cache {
    /// The result for `key` computed at `version`, if kept.
    pub(crate) fn get<T: Any + Send + Sync>(&self, key: &Key, version: i64) -> Option<Arc<T>> {
        let g = self.inner.lock().ok()?;
        if g.version != Some(version) {
            return None;
        }
        g.entries.get(key)?.clone().downcast::<T>().ok()
    }

    /// The lock a computation of `key` holds, so that many requests missing at once (right
    /// after a change) wait for one computation instead of each doing it. Hold it only with
    /// no database connection open: the computation needs its own.
    pub(crate) fn flight(&self, key: &Key) -> Arc<tokio::sync::Mutex<()>> {
        let mut f = self.flights.lock().unwrap_or_else(|e| e.into_inner());
        if f.len() >= MAX_ENTRIES {
            f.retain(|_, m| Arc::strong_count(m) > 1);
        }
        f.entry(key.clone()).or_default().clone()
    }

    /// Keeps `value`, computed in a snapshot that read `version`. A result of an older
    /// version than the kept ones is dropped; a newer one replaces them all.
    pub(crate) fn put<T: Any + Send + Sync>(&self, key: Key, version: i64, value: Arc<T>) {
        let Ok(mut g) = self.inner.lock() else {
            return;
        };
        match g.version {
            Some(v) if v > version => return,
            Some(v) if v == version => {}
            _ => {
                g.entries.clear();
                g.version = Some(version);
            }
        }
        if g.entries.len() >= MAX_ENTRIES {
            g.entries.clear();
        }
        g.entries.insert(key, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(plan_id: i64) -> Key {
        Key::PeriodCounts { plan_id }
    }

    #[test]
    fn a_result_is_served_only_at_its_version_and_a_newer_one_empties_the_cache() {
        let c = Cache::default();
        assert!(c.get::<i32>(&key(1), 0).is_none());
        c.put(key(1), 5, Arc::new(10_i32));
        assert_eq!(c.get::<i32>(&key(1), 5).as_deref(), Some(&10));
        assert!(c.get::<i32>(&key(1), 6).is_none(), "a newer version misses");
        assert!(c.get::<i32>(&key(2), 5).is_none(), "another key misses");
        assert!(c.get::<String>(&key(1), 5).is_none(), "another type misses");
        // An older snapshot's result is not kept over newer ones.
        c.put(key(2), 4, Arc::new(1_i32));
        assert!(c.get::<i32>(&key(2), 4).is_none());
        // A newer one replaces everything.
        c.put(key(2), 6, Arc::new(2_i32));
        assert!(c.get::<i32>(&key(1), 5).is_none());
        assert_eq!(c.get::<i32>(&key(2), 6).as_deref(), Some(&2));
    }

    #[tokio::test]
    async fn requests_for_one_key_share_one_flight() {
        let c = Cache::default();
        let a = c.flight(&key(1));
        let held = a.lock().await;
        assert!(c.flight(&key(1)).try_lock().is_err(), "the same key waits");
        assert!(c.flight(&key(2)).try_lock().is_ok(), "another key does not");
        drop(held);
        assert!(c.flight(&key(1)).try_lock().is_ok());
    }

    #[test]
    fn the_cache_starts_over_instead_of_growing_past_its_cap() {
        let c = Cache::default();
        for i in 0..(MAX_ENTRIES as i64 + 3) {
            c.put(key(i), 1, Arc::new(i));
        }
        let n = c.inner.lock().map(|g| g.entries.len()).unwrap_or(0);
        assert!(n <= MAX_ENTRIES && n > 0);
        let last = MAX_ENTRIES as i64 + 2;
        assert_eq!(c.get::<i64>(&key(last), 1).as_deref(), Some(&last));
    }
}
