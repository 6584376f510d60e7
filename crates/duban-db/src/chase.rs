//! What the daily chase pass reads and records: the plan's ladder settings and scoring
//! rules, extension requests (延期申请), the keys of reminders already recorded, and all of
//! a plan's inputs in a constant number of queries.
//!
//! A pass, as the app runs it for one plan and day (inside the scheduler lease of
//! [`crate::lease`]):
//! 1. read: [`inputs`] → [`Inputs::obligations`], [`Inputs::core_extensions`],
//!    [`Inputs::existing_notices`], `recorded`;
//! 2. plan: `duban_core::chase::plan_day` gives the digests and notice drafts;
//! 3. record, in one write transaction with the audit record: [`record_mark`] for each
//!    digest key and line key (a `false` means another pass got there: skip it),
//!    [`crate::notices::issue`] for each draft (`None`: already issued), an inbox message
//!    per recipient ([`crate::inbox::deliver`]) and a pending row per outbound endpoint
//!    ([`crate::deliveries::record`]); commit;
//! 4. send the recorded deliveries and log each attempt
//!    ([`crate::deliveries::add_attempt`]).
//!
//! Nothing is sent that was not recorded first, and nothing recorded is planned again.

use crate::notices::{self, NoticeRecord};
use crate::{DbError, Item, Milestone, Plan, ProgressReport, Result, Tx, items, plans, reports};
use duban_core::Period;
use duban_core::chase::{ChaseConfig, ExistingNotice, Extension, ExtensionDecision, Obligation};
use duban_core::scoring::ScoringRules;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use time::{Date, OffsetDateTime};

/// The plan's ladder settings and scoring rules (defaults where none are stored).
pub async fn settings(tx: &mut Tx, plan_id: i64) -> Result<(ChaseConfig, ScoringRules)> {
    let row: Option<(Option<String>, Option<String>)> = with_conn!(tx, |c| {
        sqlx::query_as("SELECT chase_config, scoring_rules FROM plans WHERE id = $1")
            .bind(plan_id)
            .fetch_optional(c)
            .await?
    });
    let (chase, scoring) = row.ok_or(DbError::NotFound)?;
    Ok((
        ChaseConfig::from_json(chase.as_deref()),
        ScoringRules::from_json(scoring.as_deref()),
    ))
}

pub async fn set_chase_config(tx: &mut Tx, plan_id: i64, cfg: &ChaseConfig) -> Result<()> {
    let json = serde_json::to_string(cfg).map_err(|e| DbError::Unsupported(e.to_string()))?;
    set_column(tx, plan_id, "chase", json).await
}

pub async fn set_scoring_rules(tx: &mut Tx, plan_id: i64, rules: &ScoringRules) -> Result<()> {
    let json = serde_json::to_string(rules).map_err(|e| DbError::Unsupported(e.to_string()))?;
    set_column(tx, plan_id, "scoring", json).await
}

async fn set_column(tx: &mut Tx, plan_id: i64, which: &str, json: String) -> Result<()> {
    let sql = if which == "chase" {
        "UPDATE plans SET chase_config = $2 WHERE id = $1"
    } else {
        "UPDATE plans SET scoring_rules = $2 WHERE id = $1"
    };
    let n = with_conn!(tx, |c| sqlx::query(sql)
        .bind(plan_id)
        .bind(&json)
        .execute(c)
        .await?
        .rows_affected());
    if n == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// A stored 延期申请.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct ExtensionRow {
    pub id: i64,
    pub plan_id: i64,
    pub item_id: i64,
    pub unit_id: i64,
    pub period: String,
    pub old_due: Date,
    pub new_due: Date,
    pub reason: String,
    pub requested_on: Date,
    pub requested_at: OffsetDateTime,
    pub requested_by: Option<i64>,
    /// pending | approved | rejected.
    pub state: String,
    pub decided_on: Option<Date>,
    pub decided_at: Option<OffsetDateTime>,
    pub decided_by: Option<i64>,
    pub decision_comment: Option<String>,
}

impl ExtensionRow {
    /// The request as duban-core's rules see it (`None` if its period is unreadable).
    pub fn to_core(&self) -> Option<Extension> {
        let comment = self.decision_comment.clone().unwrap_or_default();
        let on = self.decided_on.unwrap_or(self.requested_on);
        Some(Extension {
            id: self.id,
            item_id: self.item_id,
            unit_id: self.unit_id,
            period: self.period.parse::<Period>().ok()?,
            requested_on: self.requested_on,
            old_due: self.old_due,
            new_due: self.new_due,
            reason: self.reason.clone(),
            decision: match self.state.as_str() {
                "approved" => ExtensionDecision::Approved { on, comment },
                "rejected" => ExtensionDecision::Rejected { on, comment },
                _ => ExtensionDecision::Pending,
            },
        })
    }
}

macro_rules! extension_select {
    () => {
        "SELECT id, plan_id, item_id, unit_id, period, old_due, new_due, reason, requested_on, requested_at, \
         requested_by, state, decided_on, decided_at, decided_by, decision_comment FROM extension_requests"
    };
}

pub struct NewExtension<'a> {
    pub plan_id: i64,
    pub item_id: i64,
    pub unit_id: i64,
    pub period: Period,
    pub old_due: Date,
    pub new_due: Date,
    pub reason: &'a str,
    pub requested_on: Date,
    pub requested_by: Option<i64>,
}

/// Stores a request (the app checks it first with `duban_core::chase::validate_request`).
/// A second pending request for the same item, unit and period is a [`DbError::Conflict`].
pub async fn request_extension(tx: &mut Tx, e: &NewExtension<'_>) -> Result<i64> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_scalar::<_, i64>(
        "INSERT INTO extension_requests (plan_id, item_id, unit_id, period, old_due, new_due, reason, requested_on, \
         requested_at, requested_by, state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending') RETURNING id"
    )
    .bind(e.plan_id)
    .bind(e.item_id)
    .bind(e.unit_id)
    .bind(e.period.to_string())
    .bind(e.old_due)
    .bind(e.new_due)
    .bind(e.reason)
    .bind(e.requested_on)
    .bind(tx.at)
    .bind(e.requested_by)
    .fetch_one(c)
    .await?)
    })
}

/// Approves or rejects a pending request. A request already decided is a
/// [`DbError::Conflict`]; an unknown one [`DbError::NotFound`].
pub async fn decide_extension(
    tx: &mut Tx,
    id: i64,
    approve: bool,
    on: Date,
    by: Option<i64>,
    comment: &str,
) -> Result<ExtensionRow> {
    let state = if approve { "approved" } else { "rejected" };
    let n = with_conn!(tx, |c| {
        sqlx::query(
        "UPDATE extension_requests SET state = $2, decided_on = $3, decided_at = $4, decided_by = $5, \
         decision_comment = $6 WHERE id = $1 AND state = 'pending'"
    )
    .bind(id)
    .bind(state)
    .bind(on)
    .bind(tx.at)
    .bind(by)
    .bind(comment)
    .execute(c)
    .await?
    .rows_affected()
    });
    let row = extension(tx, id).await?.ok_or(DbError::NotFound)?;
    if n == 0 {
        return Err(DbError::Conflict("延期申请已审批".into()));
    }
    Ok(row)
}

pub async fn extension(tx: &mut Tx, id: i64) -> Result<Option<ExtensionRow>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, ExtensionRow>(concat!(
        extension_select!(),
        " WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(c)
    .await?))
}

/// Every request of a plan, oldest first.
pub async fn extensions_for_plan(tx: &mut Tx, plan_id: i64) -> Result<Vec<ExtensionRow>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, ExtensionRow>(concat!(
        extension_select!(),
        " WHERE plan_id = $1 ORDER BY requested_on, id"
    ))
    .bind(plan_id)
    .fetch_all(c)
    .await?))
}

/// Pending requests of a plan (the office's queue).
pub async fn pending_extensions(tx: &mut Tx, plan_id: i64) -> Result<Vec<ExtensionRow>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, ExtensionRow>(concat!(
        extension_select!(),
        " WHERE plan_id = $1 AND state = 'pending' ORDER BY requested_on, id"
    ))
    .bind(plan_id)
    .fetch_all(c)
    .await?))
}

/// A reminder key the pass has recorded (a digest, or one line of it).
pub struct Mark<'a> {
    pub key: &'a str,
    pub plan_id: i64,
    pub unit_id: Option<i64>,
    pub item_id: Option<i64>,
    pub period: Option<Period>,
    pub on: Date,
}

/// Records a key; `false` if it was recorded already (by an earlier or concurrent pass),
/// in which case the caller must not send.
pub async fn record_mark(tx: &mut Tx, m: &Mark<'_>) -> Result<bool> {
    let n = with_conn!(tx, |c| {
        sqlx::query(
        "INSERT INTO chase_marks (mark_key, plan_id, unit_id, item_id, period, marked_on, marked_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (mark_key) DO NOTHING"
    )
    .bind(m.key)
    .bind(m.plan_id)
    .bind(m.unit_id)
    .bind(m.item_id)
    .bind(m.period.map(|p| p.to_string()))
    .bind(m.on)
    .bind(tx.at)
    .execute(c)
    .await?
    .rows_affected()
    });
    Ok(n == 1)
}

/// Every key recorded for a plan: reminder marks and the keys of issued notices.
pub async fn recorded_keys(tx: &mut Tx, plan_id: i64) -> Result<HashSet<String>> {
    let keys: Vec<String> = with_conn!(tx, |c| sqlx::query_scalar::<_, String>(
        "SELECT mark_key FROM chase_marks WHERE plan_id = $1 \
         UNION ALL SELECT chase_key FROM notices WHERE plan_id = $1 AND chase_key IS NOT NULL"
    )
    .bind(plan_id)
    .fetch_all(c)
    .await?);
    Ok(keys.into_iter().collect())
}

/// Everything the chase pass and the scores of a plan are computed from.
#[derive(Debug, Clone)]
pub struct Inputs {
    pub plan: Plan,
    pub chase: ChaseConfig,
    pub scoring: ScoringRules,
    /// The plan's items (with their assignment: lead unit, leader, deadline, weight, cycle).
    pub items: Vec<Item>,
    /// (item_id, unit_id, unit name) of every supporting unit.
    pub supporting: Vec<(i64, i64, String)>,
    /// Every report of the plan up to the period asked for, in every state.
    pub reports: Vec<ProgressReport>,
    pub milestones: Vec<Milestone>,
    pub extensions: Vec<ExtensionRow>,
    pub notices: Vec<NoticeRecord>,
    pub recorded: HashSet<String>,
}

/// Loads a plan's inputs in a fixed number of queries (nine), whatever its size.
pub async fn inputs(tx: &mut Tx, plan_id: i64, until: Period) -> Result<Inputs> {
    let plan = plans::get(tx, plan_id).await?.ok_or(DbError::NotFound)?;
    let (chase, scoring) = settings(tx, plan_id).await?;
    let items = items::list(
        tx,
        &items::ItemFilter {
            plan_id,
            ..Default::default()
        },
    )
    .await?;
    let supporting = items::supporting_units(tx, plan_id).await?;
    let reports = reports::for_plan_until(tx, plan_id, &until.to_string(), None).await?;
    let milestones = items::plan_milestones(tx, plan_id).await?;
    let extensions = extensions_for_plan(tx, plan_id).await?;
    let notices = notices::for_plan(tx, plan_id).await?;
    let recorded = recorded_keys(tx, plan_id).await?;
    Ok(Inputs {
        plan,
        chase,
        scoring,
        items,
        supporting,
        reports,
        milestones,
        extensions,
        notices,
        recorded,
    })
}

impl Inputs {
    /// What each unit owes on each assigned item for every period of the plan year up to
    /// `until` that the item's cycle reports in: the lead unit and every supporting unit.
    ///
    /// `due_of` gives a period's original due date (the app's due-date rule); `status_of`
    /// gives an item's status for a period whose lead report is accepted (the app applies
    /// the 序时 rules), or `None`; `tz` is the offset whose calendar day a submission counts
    /// on (UTC+8 in China).
    pub fn obligations(
        &self,
        until: Period,
        tz: time::UtcOffset,
        due_of: impl Fn(Period) -> Date,
        mut status_of: impl FnMut(&Item, Period) -> Option<duban_core::status::Status>,
    ) -> Vec<Obligation> {
        let year = self.plan.year as i32;
        let last = if until.year > year {
            12
        } else if until.year < year {
            0
        } else {
            until.month
        };
        let mut supporting: HashMap<i64, Vec<i64>> = HashMap::new();
        for (item, unit, _) in &self.supporting {
            supporting.entry(*item).or_default().push(*unit);
        }
        let reports: HashMap<(i64, i64, &str), &ProgressReport> = self
            .reports
            .iter()
            .map(|r| ((r.item_id, r.unit_id, r.period.as_str()), r))
            .collect();
        let mut out = Vec::new();
        for item in &self.items {
            let Some(lead) = item.lead_unit_id else {
                continue;
            };
            let cycle = item.cycle();
            let units = std::iter::once((lead, true)).chain(
                supporting
                    .get(&item.id)
                    .into_iter()
                    .flatten()
                    .filter(|u| **u != lead)
                    .map(|u| (*u, false)),
            );
            let units: Vec<(i64, bool)> = units.collect();
            for month in (1..=last).filter(|m| cycle.reports_in(*m)) {
                let period = Period { year, month };
                let key = period.to_string();
                for &(unit, is_lead) in &units {
                    let r = reports.get(&(item.id, unit, key.as_str()));
                    let state = r.map(|r| r.state);
                    let status = if is_lead && state == Some(duban_core::ReportState::Accepted) {
                        status_of(item, period)
                    } else {
                        None
                    };
                    out.push(Obligation {
                        item_id: item.id,
                        item_title: item.title.clone(),
                        unit_id: unit,
                        lead: is_lead,
                        period,
                        due: due_of(period),
                        report: state,
                        submitted_on: r
                            .and_then(|r| r.submitted_at)
                            .map(|t| t.to_offset(tz).date()),
                        status,
                        responsible: item.leader_name.clone(),
                    });
                }
            }
        }
        out
    }

    /// The plan's notices as the planner and the scoring rules see them.
    pub fn existing_notices(&self) -> Vec<ExistingNotice> {
        self.notices.iter().map(NoticeRecord::to_existing).collect()
    }

    /// The extension requests as duban-core's rules see them.
    pub fn core_extensions(&self) -> Vec<Extension> {
        self.extensions
            .iter()
            .filter_map(ExtensionRow::to_core)
            .collect()
    }

    /// Each assigned item's weight (assignments.weight).
    pub fn weights(&self) -> HashMap<i64, f64> {
        self.items
            .iter()
            .filter_map(|i| Some((i.id, i.weight?)))
            .collect()
    }

    /// Each assigned item's 完成时限, where one is set.
    pub fn item_deadlines(&self) -> HashMap<i64, Date> {
        self.items
            .iter()
            .filter_map(|i| Some((i.id, i.deadline?)))
            .collect()
    }

    /// The units that lead at least one item, in the order of their first item.
    pub fn lead_units(&self) -> Vec<i64> {
        let mut seen = HashSet::new();
        self.items
            .iter()
            .filter_map(|i| i.lead_unit_id)
            .filter(|u| seen.insert(*u))
            .collect()
    }
}
