//! One chase pass over every plan for one day.

use crate::items::thresholds;
use crate::status::assess_item;
use crate::{Actor, App, Result};
use duban_core::chase::{DayPlan, plan_day};
use duban_core::period::due_date;
use duban_core::{Period, ReportState};
use duban_db::chase::{Inputs, Mark, inputs, record_mark};
use duban_db::{Tx, deliveries, inbox, lease, notices, org, plans};
use duban_notify::{NoticeView, digest_message, notice_message};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;
use time::{Date, Duration, UtcOffset};

/// The lease every server process competes for before a pass.
pub const LEASE_NAME: &str = "chase";

/// How long a lease lasts without renewal: a holder that dies is replaced after this.
const LEASE_TTL: Duration = Duration::minutes(5);

/// This process's name as a lease holder (random per process start).
pub fn lease_owner() -> &'static str {
    static OWNER: OnceLock<String> = OnceLock::new();
    OWNER.get_or_init(|| {
        let n: u64 = rand::random();
        format!("pid{}-{n:016x}", std::process::id())
    })
}

/// What one unit gets (or, in a dry run, would get) today.
#[derive(Debug, Clone, Default, Serialize)]
pub struct UnitPlan {
    pub unit_id: i64,
    pub unit_name: String,
    /// The digest's text, if the unit is reminded today.
    pub digest: Option<String>,
    /// The number of owed items in the digest.
    pub owed: usize,
    /// The notices issued to it ("催办单：事项").
    pub notices: Vec<String>,
}

/// What a pass did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PassReport {
    pub as_of: Option<Date>,
    pub dry_run: bool,
    /// Another process holds the lease: this one did nothing.
    pub lease_busy: bool,
    /// Per unit, ordered by unit id.
    pub units: Vec<UnitPlan>,
    pub notices_issued: usize,
    pub messages: usize,
    pub deliveries_sent: usize,
    pub deliveries_failed: usize,
}

/// Runs the pass for `as_of` as the system (the scheduler or `duban remind`).
pub async fn run_pass(app: &App, as_of: Date, dry_run: bool) -> Result<PassReport> {
    run_pass_as(app, &Actor::cli(), as_of, dry_run).await
}

/// Runs the pass; only the office (or the command line) may start one by hand.
pub async fn run_pass_as(
    app: &App,
    actor: &Actor,
    as_of: Date,
    dry_run: bool,
) -> Result<PassReport> {
    crate::access::chase::require_run_pass(actor)?;
    let mut report = PassReport {
        as_of: Some(as_of),
        dry_run,
        ..Default::default()
    };
    if !dry_run {
        let mut tx = app.begin().await?;
        let held =
            lease::try_acquire(&mut tx, LEASE_NAME, lease_owner(), app.now(), LEASE_TTL).await?;
        tx.commit().await?;
        if !held {
            report.lease_busy = true;
            return Ok(report);
        }
    }
    let result = all_plans(app, actor, as_of, dry_run, &mut report).await;
    if !dry_run {
        let sent = crate::chase::send_pending(app).await;
        let mut tx = app.begin().await?;
        lease::release(&mut tx, LEASE_NAME, lease_owner()).await?;
        tx.commit().await?;
        let (ok, failed) = sent?;
        report.deliveries_sent = ok;
        report.deliveries_failed = failed;
    }
    result?;
    Ok(report)
}

async fn all_plans(
    app: &App,
    actor: &Actor,
    as_of: Date,
    dry_run: bool,
    report: &mut PassReport,
) -> Result<()> {
    let mut tx = app.db.read().await?;
    let list = plans::list(&mut tx).await?;
    let units: HashMap<i64, String> = org::units(&mut tx)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    drop(tx);
    let until = Period {
        year: as_of.year(),
        month: u8::from(as_of.month()),
    };
    let mut per_unit: BTreeMap<i64, UnitPlan> = BTreeMap::new();
    for plan in list {
        // Plans of past years still owe nothing new; future plans owe nothing yet.
        if i64::from(as_of.year()) < plan.year {
            continue;
        }
        let mut tx = app.db.read().await?;
        let inp = inputs(&mut tx, plan.id, until).await?;
        drop(tx);
        let day = plan_for(&inp, until, as_of);
        let name = |u: i64| units.get(&u).cloned().unwrap_or_else(|| format!("单位{u}"));
        for d in &day.digests {
            let e = per_unit.entry(d.unit_id).or_insert_with(|| UnitPlan {
                unit_id: d.unit_id,
                unit_name: name(d.unit_id),
                ..Default::default()
            });
            e.owed += d.lines.len();
            let text = d.text(as_of);
            e.digest = Some(match e.digest.take() {
                Some(prev) => format!("{prev}\n{text}"),
                None => text,
            });
        }
        for n in &day.notices {
            if let Some(u) = n.unit_id {
                per_unit
                    .entry(u)
                    .or_insert_with(|| UnitPlan {
                        unit_id: u,
                        unit_name: name(u),
                        ..Default::default()
                    })
                    .notices
                    .push(format!("{}：{}", n.kind.label(), n.matter));
            }
        }
        if !dry_run && !day.is_empty() {
            record(app, actor, &inp, &day, &units, as_of, report).await?;
        }
    }
    report.units = per_unit.into_values().collect();
    Ok(())
}

/// Obligations with statuses by rule, then the planner.
fn plan_for(inp: &Inputs, until: Period, as_of: Date) -> DayPlan {
    let obligations = obligations(inp, until, as_of);
    plan_day(
        inp.plan.id,
        as_of,
        &inp.chase,
        &obligations,
        &inp.core_extensions(),
        &inp.existing_notices(),
        &inp.recorded,
    )
}

/// What each unit owes up to `until`, with the lead's status by rule once accepted.
pub(crate) fn obligations(
    inp: &Inputs,
    until: Period,
    as_of: Date,
) -> Vec<duban_core::chase::Obligation> {
    let th = thresholds(&inp.plan);
    let tz = UtcOffset::from_hms(8, 0, 0).unwrap_or(UtcOffset::UTC);
    let due_day = inp.plan.due_day;
    inp.obligations(
        until,
        tz,
        |p| due_date(p, due_day),
        |item, period| {
            let key = period.to_string();
            let reps: Vec<_> = inp
                .reports
                .iter()
                .filter(|r| {
                    r.item_id == item.id
                        && Some(r.unit_id) == item.lead_unit_id
                        && r.state == ReportState::Accepted
                        && r.period <= key
                })
                .collect();
            let ms: Vec<_> = inp
                .milestones
                .iter()
                .filter(|m| m.item_id == item.id)
                .collect();
            let s = assess_item(&inp.plan, &th, item.clone(), &reps, &ms, period, as_of);
            Some(s.assessment.status)
        },
    )
}

/// Where a digest sends the unit: 本期待报.
const DUE_PAGE: &str = "/report";

/// Records the day's digests and notices in one transaction with the audit record.
async fn record(
    app: &App,
    actor: &Actor,
    inp: &Inputs,
    day: &DayPlan,
    units: &HashMap<i64, String>,
    as_of: Date,
    report: &mut PassReport,
) -> Result<()> {
    let plan_id = inp.plan.id;
    let mut tx = app.begin().await?;
    let mut recipients: HashMap<i64, Vec<i64>> = HashMap::new();
    for (u, user) in inbox::unit_recipients(&mut tx).await? {
        recipients.entry(u).or_default().push(user);
    }
    let endpoints: Vec<deliveries::Endpoint> = deliveries::endpoints(&mut tx)
        .await?
        .into_iter()
        .filter(|e| e.enabled)
        .collect();
    let mut issued = Vec::new();
    let mut digests = 0;
    for d in &day.digests {
        let mark = Mark {
            key: &d.key,
            plan_id,
            unit_id: Some(d.unit_id),
            item_id: None,
            period: None,
            on: as_of,
        };
        if !record_mark(&mut tx, &mark).await? {
            continue;
        }
        for l in &d.lines {
            record_mark(
                &mut tx,
                &Mark {
                    key: &l.key,
                    plan_id,
                    unit_id: Some(d.unit_id),
                    item_id: Some(l.item_id),
                    period: Some(l.period),
                    on: as_of,
                },
            )
            .await?;
        }
        digests += 1;
        let unit_name = units.get(&d.unit_id).map(String::as_str).unwrap_or("");
        let msg = digest_message(&d.key, unit_name, d, as_of, &app.settings.link(DUE_PAGE));
        let body = d.text(as_of);
        for user in recipients.get(&d.unit_id).into_iter().flatten() {
            let m = inbox::NewMessage {
                user_id: *user,
                key: &d.key,
                kind: "digest",
                title: &msg.title,
                body: &body,
                link: Some(DUE_PAGE),
                notice_id: None,
            };
            if inbox::deliver(&mut tx, &m).await?.is_some() {
                report.messages += 1;
            }
        }
        for ep in endpoints.iter().filter(|e| e.unit_id == Some(d.unit_id)) {
            queue(&mut tx, ep, &d.key, Some(d.unit_id), None, &msg).await?;
        }
    }
    for draft in &day.notices {
        let unit_name = draft
            .unit_id
            .and_then(|u| units.get(&u))
            .map(String::as_str);
        let issue = notices::Issue {
            plan_id,
            draft,
            prefix: inp.chase.prefixes.of(draft.kind),
            unit_name,
            issued_by: actor.user_id,
        };
        let Some(n) = notices::issue(&mut tx, &issue).await? else {
            continue;
        };
        issued.push(n.id);
        let path = format!("/notices/{}", n.id);
        let key = format!("notice/{}", n.id);
        let msg = notice_message(
            &key,
            &NoticeView {
                kind: n.kind,
                level: n.level,
                number: n.number.as_deref(),
                matter: &n.matter,
                requirement: &n.requirement,
                unit_name: unit_name.unwrap_or(""),
                responsible: n.responsible.as_deref(),
                deadline: n.due_date,
                link: &app.settings.link(&path),
            },
        );
        deliver_notice(&mut tx, &n, &msg, &recipients, &endpoints, report).await?;
    }
    report.notices_issued += issued.len();
    actor
        .audit(
            &mut tx,
            "chase_pass",
            "plan",
            Some(plan_id),
            None,
            Some(serde_json::json!({
                "as_of": as_of.to_string(),
                "digests": digests,
                "notices": issued,
            })),
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// A notice's inbox messages (the unit's users) and pending deliveries (the unit's
/// endpoints and the office's own).
pub(crate) async fn deliver_notice(
    tx: &mut Tx,
    n: &notices::NoticeRecord,
    msg: &duban_notify::Message,
    recipients: &HashMap<i64, Vec<i64>>,
    endpoints: &[deliveries::Endpoint],
    report: &mut PassReport,
) -> Result<()> {
    let key = format!("notice/{}", n.id);
    let path = format!("/notices/{}", n.id);
    if let Some(u) = n.unit_id {
        for user in recipients.get(&u).into_iter().flatten() {
            let m = inbox::NewMessage {
                user_id: *user,
                key: &key,
                kind: "notice",
                title: &msg.title,
                body: &msg.text,
                link: Some(&path),
                notice_id: Some(n.id),
            };
            if inbox::deliver(tx, &m).await?.is_some() {
                report.messages += 1;
            }
        }
    }
    for ep in endpoints
        .iter()
        .filter(|e| e.unit_id.is_none() || e.unit_id == n.unit_id)
    {
        queue(tx, ep, &key, n.unit_id, Some(n.id), msg).await?;
    }
    Ok(())
}

/// Records one message to one endpoint (sent after the commit).
async fn queue(
    tx: &mut Tx,
    ep: &deliveries::Endpoint,
    key: &str,
    unit_id: Option<i64>,
    notice_id: Option<i64>,
    msg: &duban_notify::Message,
) -> Result<()> {
    let body = if ep.format == "text" {
        &msg.text
    } else {
        &msg.markdown
    };
    let key = format!("{key}/ep{}", ep.id);
    deliveries::record(
        tx,
        &deliveries::NewDelivery {
            key: &key,
            endpoint_id: Some(ep.id),
            channel: &ep.channel,
            recipient: &ep.target,
            unit_id,
            notice_id,
            subject: &msg.title,
            body,
        },
    )
    .await?;
    Ok(())
}
