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
    /// A read page's model (`views`) of a plan or an item, for what of the viewer it
    /// depends on and, for a leader's 我分管的, the leader.
    Page {
        page: Page,
        id: i64,
        period: Option<Period>,
        today: Date,
        viewer: Viewer,
        user: Option<i64>,
    },
    /// The city roll-up of a year.
    City {
        year: Option<i64>,
        period: Option<Period>,
        today: Date,
        unit: Option<i64>,
    },
}

/// What of an actor a page model depends on (`views`): what it may see follows from these
/// and the data alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Viewer {
    pub role: duban_core::Role,
    pub unit: Option<i64>,
    pub scope: crate::access::Scope,
}

/// Which page model a [`Key::Page`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Page {
    Dashboard,
    Statuses,
    ItemList,
    Item,
    SourceText,
    Due,
    Units,
    Leaders,
    Bindings,
    Indicators,
    Extensions,
    Timeline,
}

/// What a person's request reads before its page: kept on both counters ([`Seen`]), since
/// sessions and inboxes change without moving the data version.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum PersonalKey {
    /// The session of a token (by its hash) and the actor behind it.
    Session { token_hash: String },
    /// A user's unread inbox messages.
    Unread { user_id: i64 },
    /// The plans a user sees and the one pages show by default.
    Chooser { user_id: i64 },
}

/// The counters a request read once, before anything else (`duban_app::seen`): a result
/// kept at these counters is served to it, one computed later is kept at them (it holds at
/// least the changes they count, so it is never older than its key).
pub type Seen = duban_db::audit::Versions;

/// A result of every key a busy city reads between two changes fits (20 governments ×
/// a few keys each, and the people signed in); past that the store starts over rather
/// than grow.
const MAX_ENTRIES: usize = 512;

type Value = Arc<dyn Any + Send + Sync>;

/// A counter a store is kept at: the data version, or both counters.
trait Stamp: Copy + PartialEq {
    /// Whether `self` was read before `other` (some change counted by `other` is missing).
    fn older_than(self, other: Self) -> bool;
}

impl Stamp for i64 {
    fn older_than(self, other: Self) -> bool {
        self < other
    }
}

impl Stamp for Seen {
    fn older_than(self, other: Self) -> bool {
        self.data < other.data || self.personal < other.personal
    }
}

struct Store<K, V> {
    /// The counter the entries were computed at; None before the first.
    version: Option<V>,
    entries: HashMap<K, Value>,
}

impl<K, V> Default for Store<K, V> {
    fn default() -> Self {
        Self {
            version: None,
            entries: HashMap::new(),
        }
    }
}

impl<K: Eq + std::hash::Hash, V: Stamp> Store<K, V> {
    fn get<T: Any + Send + Sync>(&self, key: &K, version: V) -> Option<Arc<T>> {
        if self.version != Some(version) {
            return None;
        }
        self.entries.get(key)?.clone().downcast::<T>().ok()
    }

    fn put(&mut self, key: K, version: V, value: Value) {
        match self.version {
            Some(v) if version.older_than(v) => return,
            Some(v) if v == version => {}
            _ => {
                self.entries.clear();
                self.version = Some(version);
            }
        }
        if self.entries.len() >= MAX_ENTRIES {
            self.entries.clear();
        }
        self.entries.insert(key, value);
    }
}

#[derive(Default)]
pub struct Cache {
    inner: Mutex<Store<Key, i64>>,
    personal: Mutex<Store<PersonalKey, Seen>>,
    /// One computation per key at a time (see [`Cache::flight`]).
    flights: Mutex<HashMap<Key, Arc<tokio::sync::Mutex<()>>>>,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.inner.lock().map(|g| g.entries.len()).unwrap_or(0);
        let p = self.personal.lock().map(|g| g.entries.len()).unwrap_or(0);
        f.debug_struct("Cache")
            .field("entries", &n)
            .field("personal", &p)
            .finish()
    }
}

impl Cache {
    /// The result for `key` computed at `version`, if kept.
    pub(crate) fn get<T: Any + Send + Sync>(&self, key: &Key, version: i64) -> Option<Arc<T>> {
        self.inner.lock().ok()?.get(key, version)
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

    /// Keeps `value`, computed in a snapshot that read `version` (or later). A result of an
    /// older version than the kept ones is dropped; a newer one replaces them all.
    pub(crate) fn put<T: Any + Send + Sync>(&self, key: Key, version: i64, value: Arc<T>) {
        if let Ok(mut g) = self.inner.lock() {
            g.put(key, version, value);
        }
    }

    /// [`Cache::get`] of a person's entry, kept at both counters.
    pub(crate) fn get_personal<T: Any + Send + Sync>(
        &self,
        key: &PersonalKey,
        seen: Seen,
    ) -> Option<Arc<T>> {
        self.personal.lock().ok()?.get(key, seen)
    }

    /// [`Cache::put`] of a person's entry.
    pub(crate) fn put_personal<T: Any + Send + Sync>(
        &self,
        key: PersonalKey,
        seen: Seen,
        value: Arc<T>,
    ) {
        if let Ok(mut g) = self.personal.lock() {
            g.put(key, seen, value);
        }
    }
}

/// The result of `compute` for `key`, kept at the data version the request read first
/// (`seen`); computed afresh, and not kept, without one. The caller checks permissions
/// before.
pub(crate) async fn kept<T, F>(
    app: &crate::App,
    key: Key,
    seen: Option<Seen>,
    compute: F,
) -> crate::Result<Arc<T>>
where
    T: Any + Send + Sync,
    F: std::future::Future<Output = crate::Result<T>>,
{
    let Some(seen) = seen else {
        return compute.await.map(Arc::new);
    };
    app.cache.kept(key, seen.data, compute).await
}

impl Cache {
    /// The result for `key` at `version`, computed by `compute` on a miss. Requests that
    /// miss at once (every reader right after a change, or when a load starts) wait for
    /// one computation instead of each doing it: 64 at once on the item page of the city
    /// set spent 375 ms at p99 on computing it 64 times. The callers hold no database
    /// connection here, so the one computing can open its own; keys nest (a page's model
    /// reads the statuses) but never in a circle.
    pub(crate) async fn kept<T, F>(
        &self,
        key: Key,
        version: i64,
        compute: F,
    ) -> crate::Result<Arc<T>>
    where
        T: Any + Send + Sync,
        F: std::future::Future<Output = crate::Result<T>>,
    {
        if let Some(hit) = self.get::<T>(&key, version) {
            return Ok(hit);
        }
        let flight = self.flight(&key);
        let _one = flight.lock().await;
        if let Some(hit) = self.get::<T>(&key, version) {
            return Ok(hit);
        }
        let value = Arc::new(compute.await?);
        self.put(key, version, value.clone());
        Ok(value)
    }
}

/// The counters now, in one statement: what a request reads first (see [`Seen`]).
pub async fn seen(app: &crate::App) -> crate::Result<Seen> {
    Ok(duban_db::audit::versions(&app.db).await?)
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

    #[test]
    fn a_personal_entry_is_served_only_while_both_counters_read_the_same() {
        let c = Cache::default();
        let k = PersonalKey::Unread { user_id: 1 };
        let at = |data, personal| Seen { data, personal };
        c.put_personal(k.clone(), at(3, 7), Arc::new(2_i64));
        assert_eq!(c.get_personal::<i64>(&k, at(3, 7)).as_deref(), Some(&2));
        assert!(
            c.get_personal::<i64>(&k, at(3, 8)).is_none(),
            "an inbox or session change"
        );
        assert!(
            c.get_personal::<i64>(&k, at(4, 7)).is_none(),
            "an audited change"
        );
        // A result read before a change that another request already saw is not kept.
        c.put_personal(k.clone(), at(3, 8), Arc::new(1_i64));
        c.put_personal(k.clone(), at(3, 7), Arc::new(2_i64));
        assert!(c.get_personal::<i64>(&k, at(3, 7)).is_none());
        assert_eq!(c.get_personal::<i64>(&k, at(3, 8)).as_deref(), Some(&1));
        // The data store is apart: a personal change leaves it.
        c.put(key(1), 3, Arc::new(5_i32));
        c.put_personal(k.clone(), at(3, 9), Arc::new(0_i64));
        assert_eq!(c.get::<i32>(&key(1), 3).as_deref(), Some(&5));
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

    #[tokio::test]
    async fn requests_that_miss_at_once_compute_once_and_all_get_the_result() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let c = Arc::new(Cache::default());
        let runs = Arc::new(AtomicUsize::new(0));
        let mut all = Vec::new();
        for _ in 0..8 {
            let (c, runs) = (c.clone(), runs.clone());
            all.push(tokio::spawn(async move {
                c.kept(key(1), 3, async {
                    runs.fetch_add(1, Ordering::SeqCst);
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                    Ok(42_i64)
                })
                .await
            }));
        }
        for h in all {
            assert_eq!(*h.await.unwrap().unwrap(), 42);
        }
        assert_eq!(
            runs.load(Ordering::SeqCst),
            1,
            "one computation for eight misses"
        );
        // A newer version computes again; an error is not kept.
        let again = c.kept(key(1), 4, async { Ok(7_i64) }).await.unwrap();
        assert_eq!(*again, 7);
        let failed = c
            .kept::<i64, _>(key(2), 4, async { Err(crate::AppError::NotFound) })
            .await;
        assert!(failed.is_err());
        assert_eq!(*c.kept(key(2), 4, async { Ok(1_i64) }).await.unwrap(), 1);
    }

    #[test]
    fn the_cache_starts_over_instead_of_growing_past_its_cap() {
        let c = Cache::default();
        for i in 0..(MAX_ENTRIES as i64 + 3) {
            c.put(key(i), 1, Arc::new(i));
        }
        let n = c.inner.lock().map(|g| g.entries.len()).unwrap_or(0);
        assert!(n <= MAX_ENTRIES && n > 0);
        let seen = Seen {
            data: 1,
            personal: 1,
        };
        for i in 0..(MAX_ENTRIES as i64 + 3) {
            c.put_personal(PersonalKey::Unread { user_id: i }, seen, Arc::new(i));
        }
        let n = c.personal.lock().map(|g| g.entries.len()).unwrap_or(0);
        assert!(n <= MAX_ENTRIES && n > 0);
        let last = MAX_ENTRIES as i64 + 2;
        assert_eq!(c.get::<i64>(&key(last), 1).as_deref(), Some(&last));
    }
}
