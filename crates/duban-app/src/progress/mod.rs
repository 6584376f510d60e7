//! Progress reports: what a unit owes this period, filling and submitting, the two-step
//! approval (unit approver, then the supervisor), returns with comments, and the import of
//! progress collected the old way (CSV/Excel).

use crate::access::{filter_for, visible_item, visible_report};
use crate::{Actor, App, AppError, Result};
use duban_core::period::due_date;
use duban_core::{Period, ReportState};
use duban_db::{Item, ProgressReport, items, plans, reports};
use serde::{Deserialize, Serialize};
use time::Date;

pub(crate) mod attachments;
mod import;
mod review;
pub mod trail;

pub use attachments::{attach, attachment_bytes, may_attach, may_report, save_with_file};
pub use import::{ProgressImport, import_file};
pub use review::{Decision, queue, review};
pub(crate) use review::{decide, record_review};

/// One line of "本期待报": an item the actor's unit owes a report on.
#[derive(Debug, Clone, Serialize)]
pub struct DueItem {
    pub item: Item,
    /// Whether the unit leads (true) or supports (false) the item.
    pub lead: bool,
    pub report: Option<ProgressReport>,
    /// The unit's previous report, to pre-fill the form (最多报一次).
    pub previous: Option<ProgressReport>,
}

/// What the actor's unit owes for `period` on a plan.
pub async fn due(app: &App, actor: &Actor, plan_id: i64, period: Period) -> Result<Vec<DueItem>> {
    let unit = actor
        .unit_id
        .filter(|_| actor.role.is_unit_role())
        .ok_or_else(|| AppError::Forbidden("只有单位填报员和审核人有本期待报事项".into()))?;
    let mut tx = app.db.read().await?;
    crate::access::require_plan(&mut tx, actor, plan_id).await?;
    let list = items::list(&mut tx, &filter_for(actor, plan_id)).await?;
    let ps = period.to_string();
    let mine = reports::unit_until(&mut tx, plan_id, unit, &ps).await?;
    let mut by_item: std::collections::HashMap<i64, Vec<&ProgressReport>> = Default::default();
    for r in &mine {
        by_item.entry(r.item_id).or_default().push(r);
    }
    // A bound target's progress comes from its register: nobody fills a form for it.
    let bound: std::collections::HashSet<i64> = duban_db::bindings::for_plan(&mut tx, plan_id)
        .await?
        .into_iter()
        .map(|b| b.item_id)
        .collect();
    let mut out = Vec::new();
    for item in list
        .into_iter()
        .filter(|i| i.assignment_id.is_some() && !bound.contains(&i.id))
    {
        if !item.cycle().reports_in(period.month) {
            continue;
        }
        let mine = by_item.get(&item.id).map(Vec::as_slice).unwrap_or(&[]);
        let report = mine.iter().find(|r| r.period == ps).map(|r| (*r).clone());
        let previous = mine
            .iter()
            .rev()
            .find(|r| r.period < ps)
            .map(|r| (*r).clone());
        out.push(DueItem {
            lead: item.lead_unit_id == Some(unit),
            item,
            report,
            previous,
        });
    }
    Ok(out)
}

/// The content of a report as a unit fills it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ReportInput {
    pub period: String,
    /// Year-to-date cumulative value (a growth target: YTD growth in %; a ceiling or share
    /// target: the current rate).
    pub value: Option<f64>,
    /// For tasks: whether this period's milestone is done.
    pub milestone_done: Option<bool>,
    #[serde(default)]
    pub progress: String,
    #[serde(default)]
    pub problems: String,
    #[serde(default)]
    pub next_steps: String,
    /// Submit to the approver right away instead of keeping a draft.
    #[serde(default)]
    pub submit: bool,
}

pub(super) fn snapshot(r: &ProgressReport) -> String {
    serde_json::json!({
        "value": r.value, "milestone_done": r.milestone_done, "progress": r.progress,
        "problems": r.problems, "next_steps": r.next_steps, "state": r.state, "version": r.version,
    })
    .to_string()
}

const MAX_TEXT: usize = 5000;

/// Saves (and optionally submits) the actor's unit's report on an item for a period.
pub async fn save(
    app: &App,
    actor: &Actor,
    item_id: i64,
    input: &ReportInput,
) -> Result<ProgressReport> {
    let mut tx = app.begin().await?;
    let saved = save_in(&mut tx, app, actor, item_id, input).await?;
    saved.audit(&mut tx, actor, None).await?;
    tx.commit().await?;
    Ok(saved.after)
}

/// A report saved in a transaction not yet committed, with what its audit record needs.
pub(crate) struct Saved {
    pub existing: Option<ProgressReport>,
    pub after: ProgressReport,
    pub action: &'static str,
}

impl Saved {
    /// The one audit record of the save, with what else joined it (an attachment).
    pub(crate) async fn audit(
        &self,
        tx: &mut duban_db::Tx,
        actor: &Actor,
        extra: Option<(&str, serde_json::Value)>,
    ) -> Result<()> {
        let mut after: serde_json::Value =
            serde_json::from_str(&snapshot(&self.after)).unwrap_or_default();
        if let (Some((k, v)), Some(m)) = (extra, after.as_object_mut()) {
            m.insert(k.to_string(), v);
        }
        actor
            .audit(
                tx,
                &format!("report_{}", self.action),
                "progress_report",
                Some(self.after.id),
                self.existing
                    .as_ref()
                    .map(|r| serde_json::from_str(&snapshot(r)).unwrap_or_default()),
                Some(after),
            )
            .await?;
        Ok(())
    }
}

/// [`save`] inside `tx`, without the audit record and the commit.
pub(crate) async fn save_in(
    tx: &mut duban_db::Tx,
    app: &App,
    actor: &Actor,
    item_id: i64,
    input: &ReportInput,
) -> Result<Saved> {
    let today = app.today();
    if !actor.writes_reports() {
        return Err(AppError::Forbidden("只有单位填报员可以填报进度".into()));
    }
    let unit = actor
        .unit_id
        .ok_or_else(|| AppError::Forbidden("账户未关联单位".into()))?;
    let period: Period = input
        .period
        .parse()
        .map_err(|e: duban_core::period::BadPeriod| AppError::BadInput(e.to_string()))?;
    if input.value.is_some_and(|v| !v.is_finite()) {
        return Err(AppError::BadInput("累计完成值应为数字".into()));
    }
    for (name, text) in [
        ("进展情况", &input.progress),
        ("存在问题", &input.problems),
        ("下步措施", &input.next_steps),
    ] {
        if text.chars().count() > MAX_TEXT {
            return Err(AppError::BadInput(format!("{name}不能超过 {MAX_TEXT} 字")));
        }
    }
    if input.submit && input.progress.trim().is_empty() {
        return Err(AppError::BadInput("提交前请填写进展情况".into()));
    }
    let item = visible_item(tx, actor, item_id).await?;
    if item.assignment_id.is_none() {
        return Err(AppError::BadInput("该事项尚未分解交办，暂不能填报".into()));
    }
    let plan = plans::get(tx, item.plan_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if i64::from(period.year) != plan.year {
        return Err(AppError::BadInput(format!(
            "期间 {period} 不在计划年度 {} 内",
            plan.year
        )));
    }
    let this_month = Period {
        year: today.year(),
        month: u8::from(today.month()),
    };
    if period > this_month {
        return Err(AppError::BadInput(format!(
            "期间 {period} 尚未到来，不能填报以后的进度"
        )));
    }
    let fields = reports::ReportFields {
        value: input.value,
        milestone_done: input.milestone_done,
        progress: input.progress.trim(),
        problems: input.problems.trim(),
        next_steps: input.next_steps.trim(),
    };
    let existing = reports::find(tx, item_id, unit, &period.to_string()).await?;
    let (id, from) = match &existing {
        Some(r) if !r.state.is_editable() => {
            return Err(AppError::Conflict(format!(
                "本期报告当前状态为“{}”，不能修改",
                r.state.label()
            )));
        }
        Some(r) => {
            reports::update_fields(tx, r.id, &fields).await?;
            (r.id, Some(r.state))
        }
        None => {
            let id = reports::insert(
                tx,
                &reports::NewReport {
                    item_id,
                    unit_id: unit,
                    period: &period.to_string(),
                    fields,
                    state: ReportState::Draft,
                    is_late: false,
                    is_contribution: item.lead_unit_id != Some(unit),
                    provenance: duban_core::Provenance::Reported.as_str(),
                    created_by: actor.user_id,
                },
            )
            .await?;
            (id, None)
        }
    };
    let to = if input.submit {
        let late = app.today() > due_date(period, plan.due_day);
        reports::set_state(tx, id, ReportState::Submitted, None, Some(late)).await?;
        ReportState::Submitted
    } else {
        if from == Some(ReportState::Returned) {
            reports::set_state(tx, id, ReportState::Draft, None, None).await?;
        }
        ReportState::Draft
    };
    let after = reports::get(tx, id).await?.ok_or(AppError::NotFound)?;
    let action = if input.submit { "submit" } else { "save" };
    reports::add_history(
        tx,
        &reports::NewHistory {
            report_id: id,
            user_id: actor.user_id,
            action,
            state_from: from,
            state_to: to,
            comment: None,
            snapshot: snapshot(&after),
        },
    )
    .await?;
    Ok(Saved {
        existing,
        after,
        action,
    })
}

pub async fn report_detail(
    app: &App,
    actor: &Actor,
    report_id: i64,
) -> Result<(
    ProgressReport,
    Vec<duban_db::ReportHistory>,
    Vec<duban_db::Attachment>,
)> {
    let mut tx = app.db.read().await?;
    let r = visible_report(&mut tx, actor, report_id).await?;
    let h = reports::history(&mut tx, r.id).await?;
    let a = reports::attachments(&mut tx, r.id).await?;
    Ok((r, h, a))
}

/// The period units report for now, and the period a dashboard shows by default.
///
/// Within the plan year: this month, and the dashboard shows it once its due date has
/// passed (the previous month before that). For a past year: the latest month with reports,
/// and for the dashboard the latest month whose reports are mostly (80%) accepted.
pub async fn default_periods(
    app: &App,
    plan: &duban_db::Plan,
    today: Date,
) -> Result<(Period, Period)> {
    default_periods_at(app, plan, today, None).await
}

/// [`default_periods`] for a request that read `seen` first (its kept counts are used
/// without a query).
pub async fn default_periods_at(
    app: &App,
    plan: &duban_db::Plan,
    today: Date,
    seen: Option<crate::Seen>,
) -> Result<(Period, Period)> {
    let year = plan.year as i32;
    let first = Period { year, month: 1 };
    if today.year() == year {
        let now = Period {
            year,
            month: u8::from(today.month()),
        };
        let dash = if today > due_date(now, plan.due_day) || now.month == 1 {
            now
        } else {
            now.prev()
        };
        return Ok((now, dash));
    }
    if today.year() < year {
        return Ok((first, first));
    }
    let key = crate::cache::Key::PeriodCounts { plan_id: plan.id };
    let kept = seen.and_then(|s| app.cache.get::<Vec<(String, i64, i64)>>(&key, s.data));
    let counts = match kept {
        Some(hit) => hit,
        None => {
            let mut tx = app.db.read().await?;
            let version = match seen {
                Some(s) => s.data,
                None => duban_db::audit::version(&mut tx).await?,
            };
            match app.cache.get::<Vec<(String, i64, i64)>>(&key, version) {
                Some(hit) => hit,
                None => {
                    let c = std::sync::Arc::new(reports::period_counts(&mut tx, plan.id).await?);
                    app.cache.put(key, version, c.clone());
                    c
                }
            }
        }
    };
    let parse = |p: &str| p.parse::<Period>().ok().filter(|p| p.year == year);
    let latest = counts
        .iter()
        .rev()
        .find_map(|(p, _, _)| parse(p))
        .unwrap_or(Period { year, month: 12 });
    let settled = counts
        .iter()
        .rev()
        .filter(|(_, total, accepted)| *accepted * 10 >= *total * 8 && *total > 0)
        .find_map(|(p, _, _)| parse(p))
        .unwrap_or(latest);
    Ok((latest, settled))
}
