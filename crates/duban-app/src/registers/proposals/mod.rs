//! 建议提案办理: register and 交办, wrong-assignee return and reassignment, extension with
//! the office's approval, supporting units' opinions, the reply with its category and
//! letter, each proposer's feedback, and 不满意 → 重新办理.

use super::{MAX_NAME, MAX_TEXT, load_settings, optional, required, snap};
use crate::access::registers as access;
use crate::{Actor, App, AppError, Result};
use duban_core::ProposalSource;
use duban_core::registers::calendar::WorkCalendar;
use duban_core::registers::proposals::{
    ClockRules, Feedback, ProposalClock, ProposalFacts, ProposalState, clock,
};
use duban_db::Tx;
use duban_db::proposals::{self as db, Proposal, Proposer, SupportingUnit};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use time::Date;

mod handling;
use handling::state_of;
pub use handling::*;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProposalInput {
    pub source: Option<ProposalSource>,
    /// Made at the 会议/全会 (true) or between sessions.
    #[serde(default = "yes")]
    pub at_session: bool,
    /// 届次/会次, e.g. 十一届三次.
    #[serde(default)]
    pub session: String,
    pub number: String,
    pub title: String,
    #[serde(default)]
    pub content: String,
    /// Each proposer gets a reply and rates it.
    pub proposers: Vec<String>,
    pub lead_unit_id: Option<i64>,
    #[serde(default)]
    pub supporting_unit_ids: Vec<i64>,
    /// 交办 date.
    pub assigned_at: Option<Date>,
}

fn yes() -> bool {
    true
}

pub(crate) fn rules_for(s: &super::RegisterSettings, p: &Proposal) -> ClockRules {
    let source = p.source.parse().unwrap_or(ProposalSource::Npc);
    s.clocks.rules(source, p.at_session)
}

pub(crate) struct CheckedInput {
    pub source: ProposalSource,
    pub session: String,
    pub number: String,
    pub title: String,
    pub content: String,
    pub proposers: Vec<String>,
}

pub(crate) fn check(p: &ProposalInput) -> Result<CheckedInput> {
    let source = p
        .source
        .ok_or_else(|| AppError::BadInput("请选择类别（人大代表建议或政协提案）".into()))?;
    let proposers: Vec<String> = p
        .proposers
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if proposers.is_empty() {
        return Err(AppError::BadInput("请填写提出人（代表或委员）".into()));
    }
    if proposers.len() > 100 || proposers.iter().any(|s| s.chars().count() > 50) {
        return Err(AppError::BadInput("提出人过多或姓名过长".into()));
    }
    if p.lead_unit_id.is_none() || p.assigned_at.is_none() {
        return Err(AppError::BadInput("请填写主办单位和交办日期".into()));
    }
    if p.supporting_unit_ids
        .contains(&p.lead_unit_id.unwrap_or(-1))
    {
        return Err(AppError::BadInput("主办单位不能同时是协办单位".into()));
    }
    Ok(CheckedInput {
        source,
        session: optional("届次", &p.session, MAX_NAME)?,
        number: required("编号", &p.number, 50)?,
        title: required("标题", &p.title, MAX_NAME)?,
        content: optional("内容", &p.content, MAX_TEXT)?,
        proposers,
    })
}

/// Checks the units exist (ids from a form are not trusted).
#[derive(Debug, Clone, Serialize)]
pub struct ProposalDetail {
    pub proposal: Proposal,
    pub proposers: Vec<Proposer>,
    pub supporting: Vec<SupportingUnit>,
    pub clock: Option<ProposalClock>,
}

async fn load_visible(
    tx: &mut Tx,
    actor: &Actor,
    id: i64,
) -> Result<(Proposal, Vec<SupportingUnit>)> {
    let p = db::get(tx, id).await?.ok_or(AppError::NotFound)?;
    crate::access::require_government(tx, actor, p.government_id).await?;
    let sup = db::supporting(tx, id).await?;
    let ids: Vec<i64> = sup.iter().map(|s| s.unit_id).collect();
    access::require_read(actor, p.lead_unit_id, &ids)?;
    Ok((p, sup))
}

pub async fn get(app: &App, actor: &Actor, id: i64) -> Result<ProposalDetail> {
    let mut tx = app.db.read().await?;
    let (proposal, supporting) = load_visible(&mut tx, actor, id).await?;
    let settings = load_settings(&mut tx, proposal.government_id).await?;
    let proposers = db::proposers(&mut tx, id).await?;
    let clock = proposal.assigned_at.map(|a| {
        clock(
            &rules_for(&settings, &proposal),
            &settings.calendar,
            a,
            proposal.extended_to,
        )
    });
    Ok(ProposalDetail {
        proposal,
        proposers,
        supporting,
        clock,
    })
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ProposalQuery {
    pub source: Option<ProposalSource>,
    pub state: Option<ProposalState>,
}

pub async fn list(
    app: &App,
    actor: &Actor,
    government_id: i64,
    year: i32,
    q: &ProposalQuery,
) -> Result<Vec<Proposal>> {
    let mut tx = app.db.read().await?;
    crate::access::require_government(&mut tx, actor, government_id).await?;
    Ok(db::list(
        &mut tx,
        &db::ProposalFilter {
            government_id,
            year: i64::from(year),
            source: q.source.map(|s| s.as_str()),
            state: q.state.map(|s| s.as_str()),
            unit_id: access::read_scope(actor),
        },
    )
    .await?)
}

/// Days a deadline counts as near (the summary's due-soon list uses the same).
pub const DUE_SOON_DAYS: i64 = 15;

/// A line of the proposal list with its clock marks.
#[derive(Debug, Clone, Serialize)]
pub struct ProposalRow {
    pub proposal: Proposal,
    /// The deadline in force (an extension's, else the original).
    pub due_on: Option<Date>,
    /// Working days from today to the deadline, while a reply is owed.
    pub working_days_left: Option<u32>,
    pub overdue: bool,
    pub due_soon: bool,
}

fn row_of(p: Proposal, calendar: &WorkCalendar, today: Date) -> ProposalRow {
    let due_on = p.extended_to.or(p.due_date);
    let owes = p
        .state
        .parse::<ProposalState>()
        .is_ok_and(|s| s.owes_reply());
    let (left, overdue, soon) = match due_on.filter(|_| owes) {
        Some(d) if d < today => (Some(0), true, false),
        Some(d) => (
            Some(calendar.working_days_between(today, d)),
            false,
            (d - today).whole_days() <= DUE_SOON_DAYS,
        ),
        None => (None, false, false),
    };
    ProposalRow {
        proposal: p,
        due_on,
        working_days_left: left,
        overdue,
        due_soon: soon,
    }
}

/// One page of [`list`].
pub async fn list_page(
    app: &App,
    actor: &Actor,
    government_id: i64,
    year: i32,
    q: &ProposalQuery,
    req: super::PageReq,
    today: Date,
) -> Result<super::Paged<ProposalRow>> {
    let (page, per, offset) = super::page_window(req);
    let mut tx = app.db.read().await?;
    crate::access::require_government(&mut tx, actor, government_id).await?;
    let (rows, total) = db::list_page(
        &mut tx,
        &db::ProposalFilter {
            government_id,
            year: i64::from(year),
            source: q.source.map(|s| s.as_str()),
            state: q.state.map(|s| s.as_str()),
            unit_id: access::read_scope(actor),
        },
        per,
        offset,
    )
    .await?;
    let calendar = load_settings(&mut tx, government_id).await?.calendar;
    let rows = rows
        .into_iter()
        .map(|p| row_of(p, &calendar, today))
        .collect();
    Ok(super::Paged {
        rows,
        total,
        page,
        per_page: per,
    })
}

/// Registers an item and assigns it (交办) to its lead and supporting units. Office only.
pub async fn create(
    app: &App,
    actor: &Actor,
    government_id: i64,
    year: i32,
    input: &ProposalInput,
) -> Result<ProposalDetail> {
    access::require_office(actor)?;
    let c = check(input)?;
    let mut tx = app.begin().await?;
    crate::access::require_government(&mut tx, actor, government_id).await?;
    let id = insert_checked(&mut tx, government_id, year, input, &c).await?;
    let after = db::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    actor
        .audit(
            &mut tx,
            "proposal_assign",
            "proposal",
            Some(id),
            None,
            snap(&after),
        )
        .await?;
    tx.commit().await?;
    get(app, actor, id).await
}

pub(crate) async fn insert_checked(
    tx: &mut Tx,
    government_id: i64,
    year: i32,
    input: &ProposalInput,
    c: &CheckedInput,
) -> Result<i64> {
    access::require_units(
        tx,
        government_id,
        input
            .lead_unit_id
            .into_iter()
            .chain(input.supporting_unit_ids.iter().copied()),
    )
    .await?;
    let settings = load_settings(tx, government_id).await?;
    let rules = settings.clocks.rules(c.source, input.at_session);
    let due = input
        .assigned_at
        .map(|a| clock(&rules, &settings.calendar, a, None).due_on);
    let id = db::insert(
        tx,
        government_id,
        i64::from(year),
        &db::ProposalFields {
            source: c.source.as_str(),
            at_session: input.at_session,
            session: &c.session,
            number: &c.number,
            title: &c.title,
            content: &c.content,
            lead_unit_id: input.lead_unit_id,
            assigned_at: input.assigned_at,
            due_date: due,
        },
        ProposalState::Assigned.as_str(),
    )
    .await?;
    let names: Vec<&str> = c.proposers.iter().map(String::as_str).collect();
    db::set_proposers(tx, id, &names).await?;
    db::set_supporting(tx, id, &input.supporting_unit_ids).await?;
    Ok(id)
}

/// Edits an item's registered fields (office). The deadline follows a changed 交办 date
/// unless an extension set it.
pub async fn update(
    app: &App,
    actor: &Actor,
    id: i64,
    input: &ProposalInput,
) -> Result<ProposalDetail> {
    access::require_office(actor)?;
    let c = check(input)?;
    let mut tx = app.begin().await?;
    let before = db::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    crate::access::require_government(&mut tx, actor, before.government_id).await?;
    update_in(&mut tx, id, input, &c).await?;
    let after = db::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    actor
        .audit(
            &mut tx,
            "proposal_update",
            "proposal",
            Some(id),
            snap(&before),
            snap(&after),
        )
        .await?;
    tx.commit().await?;
    get(app, actor, id).await
}

/// Writes an edit of an item's registered fields inside `tx`.
pub(crate) async fn update_in(
    tx: &mut Tx,
    id: i64,
    input: &ProposalInput,
    c: &CheckedInput,
) -> Result<()> {
    let before = db::get(tx, id).await?.ok_or(AppError::NotFound)?;
    access::require_units(
        tx,
        before.government_id,
        input
            .lead_unit_id
            .into_iter()
            .chain(input.supporting_unit_ids.iter().copied()),
    )
    .await?;
    let settings = load_settings(tx, before.government_id).await?;
    let rules = settings.clocks.rules(c.source, input.at_session);
    let due = if before.state == ProposalState::Redo.as_str() {
        before.due_date
    } else {
        input
            .assigned_at
            .map(|a| clock(&rules, &settings.calendar, a, before.extended_to).due_on)
    };
    db::update_fields(
        tx,
        id,
        &db::ProposalFields {
            source: c.source.as_str(),
            at_session: input.at_session,
            session: &c.session,
            number: &c.number,
            title: &c.title,
            content: &c.content,
            lead_unit_id: input.lead_unit_id,
            assigned_at: input.assigned_at,
            due_date: due,
        },
    )
    .await?;
    let old: Vec<String> = db::proposers(tx, id)
        .await?
        .into_iter()
        .map(|p| p.name)
        .collect();
    if old != c.proposers {
        let names: Vec<&str> = c.proposers.iter().map(String::as_str).collect();
        db::set_proposers(tx, id, &names).await?;
    }
    db::set_supporting(tx, id, &input.supporting_unit_ids).await?;
    Ok(())
}

pub(crate) fn feedback_of(p: &Proposer) -> Feedback {
    Feedback {
        work: p.work_rating.as_deref().and_then(|r| r.parse().ok()),
        result: p.result_rating.as_deref().and_then(|r| r.parse().ok()),
    }
}

/// The rules' view of every item of a government's year visible to `unit` (None: all),
/// in a constant number of queries.
pub(crate) async fn load_facts(
    tx: &mut Tx,
    government_id: i64,
    year: i64,
    unit: Option<i64>,
) -> Result<Vec<ProposalFacts>> {
    let list = db::list(
        tx,
        &db::ProposalFilter {
            government_id,
            year,
            unit_id: unit,
            ..Default::default()
        },
    )
    .await?;
    let mut by: HashMap<i64, Vec<Feedback>> = HashMap::new();
    for p in db::proposers_of_year(tx, government_id, year).await? {
        by.entry(p.proposal_id).or_default().push(feedback_of(&p));
    }
    Ok(list
        .iter()
        .map(|p| ProposalFacts {
            id: p.id,
            source: p.source.parse().unwrap_or(ProposalSource::Npc),
            unit_id: p.lead_unit_id,
            state: state_of(p),
            due_on: p.due_date,
            category: p.category.as_deref().and_then(|c| c.parse().ok()),
            feedback: by.remove(&p.id).unwrap_or_default(),
        })
        .collect())
}
