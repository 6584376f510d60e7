//! Ranking units by score, with the change since the previous span (双亮牌: ranks and
//! their changes are published).

use super::UnitScore;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ranking {
    pub unit_id: i64,
    pub total: f64,
    /// 1 is best; equal totals share a rank (1, 1, 3).
    pub rank: u32,
    pub previous_rank: Option<u32>,
    /// Places gained since the previous span (negative: fell); `None` without one.
    pub change: Option<i64>,
}

fn ranks(scores: &[UnitScore]) -> Vec<(i64, f64, u32)> {
    let mut list: Vec<(i64, f64)> = scores.iter().map(|s| (s.unit_id, s.total)).collect();
    list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut out = Vec::with_capacity(list.len());
    let mut rank = 0;
    let mut last: Option<f64> = None;
    for (i, (u, t)) in list.into_iter().enumerate() {
        if last.is_none_or(|l| (l - t).abs() > 1e-9) {
            rank = i as u32 + 1;
            last = Some(t);
        }
        out.push((u, t, rank));
    }
    out
}

/// Ranks `current`, best first, with each unit's rank in `previous`.
pub fn rank(current: &[UnitScore], previous: &[UnitScore]) -> Vec<Ranking> {
    let before: HashMap<i64, u32> = ranks(previous)
        .into_iter()
        .map(|(u, _, r)| (u, r))
        .collect();
    ranks(current)
        .into_iter()
        .map(|(unit_id, total, rank)| {
            let previous_rank = before.get(&unit_id).copied();
            Ranking {
                unit_id,
                total,
                rank,
                previous_rank,
                change: previous_rank.map(|p| i64::from(p) - i64::from(rank)),
            }
        })
        .collect()
}
