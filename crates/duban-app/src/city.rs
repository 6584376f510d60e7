//! The city roll-up (issue 13): for a city-level user, one row per government with a plan
//! of the year — counts per status and light, the lagging share, the register figures and
//! the ranking — each row naming the plan, so that a face can link down to that district's
//! own dashboard. The numbers are the districts' dashboards' numbers: the same status
//! computation per plan, summed.

use crate::access::scope::require_city;
use crate::cache::Key;
use crate::dashboard::StatusCount;
use crate::{Actor, App, AppError, Result};
use duban_core::Period;
use duban_core::status::{Light, Status};
use serde::Serialize;
use time::Date;

/// Counts per status and light over a set of items.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Counts {
    pub total: usize,
    pub by_status: Vec<StatusCount>,
    pub green: usize,
    pub yellow: usize,
    pub red: usize,
    /// Yellow and red items (欠进度, 严重滞后, 未填报): the dashboard's lagging list.
    pub lagging: usize,
    /// Lagging items among all, in percent.
    pub lagging_share: f64,
    /// Green items among those with a light, in percent (the ranking key).
    pub green_share: f64,
}

impl Counts {
    fn of(statuses: &[(Status, Light)]) -> Self {
        let mut c = Counts::empty();
        for &(st, light) in statuses {
            c.add_one(st, light);
        }
        c.finish();
        c
    }

    fn empty() -> Self {
        Counts {
            total: 0,
            by_status: Status::ALL
                .iter()
                .map(|st| StatusCount {
                    status: *st,
                    label: st.label(),
                    count: 0,
                    share: 0.0,
                })
                .collect(),
            green: 0,
            yellow: 0,
            red: 0,
            lagging: 0,
            lagging_share: 0.0,
            green_share: 0.0,
        }
    }

    fn add_one(&mut self, st: Status, light: Light) {
        self.total += 1;
        if let Some(s) = self.by_status.iter_mut().find(|s| s.status == st) {
            s.count += 1;
        }
        match light {
            Light::Green => self.green += 1,
            Light::Yellow => self.yellow += 1,
            Light::Red => self.red += 1,
            _ => {}
        }
    }

    fn add(&mut self, o: &Counts) {
        self.total += o.total;
        for (a, b) in self.by_status.iter_mut().zip(&o.by_status) {
            a.count += b.count;
        }
        self.green += o.green;
        self.yellow += o.yellow;
        self.red += o.red;
    }

    fn finish(&mut self) {
        let pct = |n: usize, d: usize| {
            if d == 0 {
                0.0
            } else {
                n as f64 * 100.0 / d as f64
            }
        };
        for s in &mut self.by_status {
            s.share = pct(s.count, self.total);
        }
        self.lagging = self.yellow + self.red;
        self.lagging_share = pct(self.lagging, self.total);
        self.green_share = pct(self.green, self.green + self.yellow + self.red);
    }
}

/// A government's register figures for the year (from `registers::summary`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RegisterFigures {
    /// Projects with an annual investment plan.
    pub projects: usize,
    /// 省市重点项目 completed investment ÷ annual plan, in percent.
    pub key_investment_share: Option<f64>,
    pub project_green: usize,
    pub project_yellow: usize,
    pub project_red: usize,
    pub proposals: usize,
    /// 办复率, in percent.
    pub proposal_reply_rate: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CityRow {
    pub government_id: i64,
    pub government: String,
    pub plan_id: i64,
    pub plan_title: String,
    /// The period the row is judged for (the district's settled month unless asked).
    pub period: String,
    pub counts: Counts,
    pub registers: RegisterFigures,
    /// 1 = best green share; ties share a rank.
    pub rank: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct CityRollup {
    pub year: i64,
    /// Every year some plan exists for, newest first (for the year chooser).
    pub years: Vec<i64>,
    pub rows: Vec<CityRow>,
    pub totals: Counts,
}

/// The roll-up of `year` (default: the newest year with plans) for a city-level actor.
/// `period` judges every district at that month; by default each at its settled month.
pub async fn rollup(
    app: &App,
    actor: &Actor,
    year: Option<i64>,
    period: Option<Period>,
    today: Date,
) -> Result<CityRollup> {
    let asked = (year, period);
    let (years, plans, version) = {
        let mut tx = app.db.read().await?;
        // First read of the snapshot: the roll-up is kept for this version (see `cache`).
        let version = duban_db::audit::version(&mut tx).await?;
        require_city(&mut tx, actor).await?;
        let years = duban_db::city::plan_years(&mut tx).await?;
        let year = year.or(years.first().copied()).unwrap_or(0);
        (
            years,
            duban_db::city::plans_of_year(&mut tx, year).await?,
            version,
        )
    };
    let key = Key::City {
        year: asked.0,
        period: asked.1,
        today,
        unit: actor.unit_scope(),
    };
    // After a change every city user misses at once: one computes, the others wait for it
    // (no connection is held while waiting).
    let kept = app.cache.kept(key, version, async {
        let year = year.or(years.first().copied()).unwrap_or(0);
        if let Some(p) = period
            && i64::from(p.year) != year
        {
            return Err(AppError::BadInput(format!("期间 {p} 不在 {year} 年内")));
        }
        let mut rows = Vec::with_capacity(plans.len());
        let mut totals = Counts::empty();
        for plan in plans {
            let period = match period {
                Some(p) => p,
                None => crate::progress::default_periods(app, &plan, today).await?.1,
            };
            let (_, statuses) = crate::status::compute(app, actor, plan.id, period, today).await?;
            let pairs: Vec<(Status, Light)> = statuses
                .iter()
                .map(|s| (s.assessment.status, s.assessment.light))
                .collect();
            let counts = Counts::of(&pairs);
            totals.add(&counts);
            let reg = crate::registers::summary::summary(
                app,
                actor,
                plan.government_id,
                plan.year as i32,
                period,
                today,
            )
            .await?;
            rows.push(CityRow {
                government_id: plan.government_id,
                government: plan.government_name.clone(),
                plan_id: plan.id,
                plan_title: plan.title.clone(),
                period: period.to_string(),
                counts,
                registers: RegisterFigures {
                    projects: reg.all_investment.projects,
                    key_investment_share: reg.key_investment.share_of_plan,
                    project_green: reg.project_lights.green,
                    project_yellow: reg.project_lights.yellow,
                    project_red: reg.project_lights.red,
                    proposals: reg.proposals.total,
                    proposal_reply_rate: reg.proposals.reply_rate,
                },
                rank: 0,
            });
        }
        totals.finish();
        rank(&mut rows);
        Ok(CityRollup {
            year,
            years,
            rows,
            totals,
        })
    });
    Ok(kept.await?.as_ref().clone())
}

/// Orders rows by green share (then fewer lagging, then name) and numbers them; equal
/// shares and lagging counts share a rank.
fn rank(rows: &mut [CityRow]) {
    rows.sort_by(|a, b| {
        b.counts
            .green_share
            .total_cmp(&a.counts.green_share)
            .then(a.counts.lagging.cmp(&b.counts.lagging))
            .then(a.government.cmp(&b.government))
    });
    let mut prev: Option<(f64, usize, usize)> = None;
    for (i, r) in rows.iter_mut().enumerate() {
        let key = (r.counts.green_share, r.counts.lagging);
        r.rank = match prev {
            Some((s, l, rank)) if s == key.0 && l == key.1 => rank,
            _ => i + 1,
        };
        prev = Some((key.0, key.1, r.rank));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_and_shares_follow() {
        let a = Counts::of(&[
            (Status::Completed, Light::Green),
            (Status::Behind, Light::Yellow),
            (Status::NotReported, Light::Red),
            (Status::NotStarted, Light::None),
        ]);
        assert_eq!(
            (a.total, a.green, a.yellow, a.red, a.lagging),
            (4, 1, 1, 1, 2)
        );
        assert_eq!(a.lagging_share, 50.0);
        assert!((a.green_share - 100.0 / 3.0).abs() < 1e-9);
        let mut t = Counts::empty();
        t.add(&a);
        t.add(&a);
        t.finish();
        assert_eq!((t.total, t.lagging), (8, 4));
        let done = t.by_status.iter().find(|s| s.status == Status::Completed);
        assert_eq!(done.map(|s| s.count), Some(2));
    }
}
