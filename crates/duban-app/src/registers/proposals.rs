//! 建议提案办理: register and 交办, wrong-assignee return and reassignment, extension with
//! the office's approval, supporting units' opinions, the reply with its category and
//! letter, each proposer's feedback, and 不满意 → 重新办理.

use super::{MAX_NAME, MAX_TEXT, load_settings, optional, required, snap};
use crate::access::registers as access;
use crate::{Actor, App, AppError, Result};
use duban_core::ProposalSource;
use duban_core::registers::proposals::{
    ClockRules, Feedback, ProposalClock, ProposalFacts, ProposalState, Rating, ReplyCategory,
    after_feedback, check_extension, check_return, clock, state_after_reply,
};
use duban_db::proposals::{self as db, Proposal, Proposer, SupportingUnit};
use duban_db::{Tx, org};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use time::Date;

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
async fn check_units(tx: &mut Tx, ids: impl IntoIterator<Item = i64>) -> Result<()> {
    for id in ids {
        if org::unit(tx, id).await?.is_none() {
            return Err(AppError::BadInput(format!("单位 {id} 不存在")));
        }
    }
    Ok(())
}

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
    let mut tx = app.db.begin().await?;
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
    check_units(
        tx,
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
    let mut tx = app.db.begin().await?;
    let before = db::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
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
    check_units(
        tx,
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

/// Loads an item for a handling step and saves the changed row with its audit record.
async fn handle(
    app: &App,
    actor: &Actor,
    id: i64,
    action: &str,
    step: impl FnOnce(&super::RegisterSettings, &mut Proposal, &[SupportingUnit]) -> Result<()>,
) -> Result<ProposalDetail> {
    handle_with(app, actor, id, action, None, step).await
}

/// [`handle`], optionally also replacing the supporting units (`(all units to check,
/// supporting units)`) in the same transaction.
async fn handle_with(
    app: &App,
    actor: &Actor,
    id: i64,
    action: &str,
    units: Option<(&[i64], &[i64])>,
    step: impl FnOnce(&super::RegisterSettings, &mut Proposal, &[SupportingUnit]) -> Result<()>,
) -> Result<ProposalDetail> {
    let mut tx = app.db.begin().await?;
    let (before, sup) = load_visible(&mut tx, actor, id).await?;
    if let Some((check, support)) = units {
        check_units(&mut tx, check.iter().copied()).await?;
        db::set_supporting(&mut tx, id, support).await?;
    }
    let settings = load_settings(&mut tx, before.government_id).await?;
    let mut p = before.clone();
    step(&settings, &mut p, &sup)?;
    db::save_handling(&mut tx, &p).await?;
    if action == "proposal_reply" {
        // A new reply asks every proposer for new feedback.
        db::clear_ratings(&mut tx, id).await?;
    }
    actor
        .audit(
            &mut tx,
            action,
            "proposal",
            Some(id),
            snap(&before),
            snap(&p),
        )
        .await?;
    tx.commit().await?;
    get(app, actor, id).await
}

fn state_of(p: &Proposal) -> ProposalState {
    p.state.parse().unwrap_or(ProposalState::Assigned)
}

/// The lead unit says the item is not its own and returns it (within the set working days).
pub async fn return_item(
    app: &App,
    actor: &Actor,
    id: i64,
    reason: &str,
    today: Date,
) -> Result<ProposalDetail> {
    let reason = required("退回理由", reason, MAX_TEXT)?;
    handle(app, actor, id, "proposal_return", |s, p, _| {
        access::require_own_unit(actor, p.lead_unit_id)?;
        if state_of(p) != ProposalState::Assigned {
            return Err(AppError::Conflict("只有办理中的建议提案可以退回".into()));
        }
        let rules = rules_for(s, p);
        let assigned = p
            .assigned_at
            .ok_or_else(|| AppError::Conflict("尚未交办".into()))?;
        let c = clock(&rules, &s.calendar, assigned, p.extended_to);
        check_return(&rules, &c, today).map_err(|e| AppError::Conflict(e.to_string()))?;
        p.state = ProposalState::Returned.as_str().into();
        p.returned_at = Some(today);
        p.return_reason = Some(reason);
        Ok(())
    })
    .await
}

/// The office reassigns a returned (or any open) item: a new 交办 date and clock.
pub async fn reassign(
    app: &App,
    actor: &Actor,
    id: i64,
    lead_unit_id: i64,
    supporting_unit_ids: &[i64],
    today: Date,
) -> Result<ProposalDetail> {
    access::require_office(actor)?;
    if supporting_unit_ids.contains(&lead_unit_id) {
        return Err(AppError::BadInput("主办单位不能同时是协办单位".into()));
    }
    let units: Vec<i64> = std::iter::once(lead_unit_id)
        .chain(supporting_unit_ids.iter().copied())
        .collect();
    handle_with(
        app,
        actor,
        id,
        "proposal_reassign",
        Some((&units, supporting_unit_ids)),
        |s, p, _| {
            if !state_of(p).owes_reply() && state_of(p) != ProposalState::Returned {
                return Err(AppError::Conflict("已答复的建议提案不能改办".into()));
            }
            p.lead_unit_id = Some(lead_unit_id);
            p.assigned_at = Some(today);
            p.extended_to = None;
            p.extension_reason = None;
            p.due_date = Some(clock(&rules_for(s, p), &s.calendar, today, None).due_on);
            p.state = ProposalState::Assigned.as_str().into();
            Ok(())
        },
    )
    .await
}

/// The office approves an extension to `new_due` (at most the set months after 交办).
pub async fn extend(
    app: &App,
    actor: &Actor,
    id: i64,
    new_due: Date,
    reason: &str,
) -> Result<ProposalDetail> {
    access::require_office(actor)?;
    let reason = required("延期理由", reason, MAX_TEXT)?;
    handle(app, actor, id, "proposal_extend", |s, p, _| {
        if state_of(p) != ProposalState::Assigned {
            return Err(AppError::Conflict("只有办理中的建议提案可以延期".into()));
        }
        let rules = rules_for(s, p);
        let assigned = p
            .assigned_at
            .ok_or_else(|| AppError::Conflict("尚未交办".into()))?;
        let c = clock(&rules, &s.calendar, assigned, p.extended_to);
        check_extension(&rules, &c, new_due).map_err(|e| AppError::BadInput(e.to_string()))?;
        p.extended_to = Some(new_due);
        p.due_date = Some(new_due);
        p.extension_reason = Some(reason);
        Ok(())
    })
    .await
}

/// A supporting unit sends its opinion to the lead unit.
pub async fn opinion(
    app: &App,
    actor: &Actor,
    id: i64,
    text: &str,
    today: Date,
) -> Result<ProposalDetail> {
    let text = required("协办意见", text, MAX_TEXT)?;
    let mut tx = app.db.begin().await?;
    let (p, sup) = load_visible(&mut tx, actor, id).await?;
    let unit = actor
        .unit_id
        .filter(|u| actor.role.is_unit_role() && sup.iter().any(|s| s.unit_id == *u));
    let Some(unit) = unit else {
        return Err(AppError::Forbidden("只有协办单位可以提交协办意见".into()));
    };
    db::set_opinion(&mut tx, p.id, unit, &text, today).await?;
    actor
        .audit(
            &mut tx,
            "proposal_opinion",
            "proposal",
            Some(id),
            None,
            Some(serde_json::json!({ "unit": unit, "opinion": text })),
        )
        .await?;
    tx.commit().await?;
    get(app, actor, id).await
}

/// The reply letter as uploaded.
pub struct Letter<'a> {
    pub file_name: &'a str,
    pub bytes: &'a [u8],
}

const LETTER_TYPES: &[&str] = &["pdf", "docx", "doc", "ofd", "wps"];

/// The lead unit replies with a category (and the letter); B/C go under 跟踪办理.
pub async fn reply(
    app: &App,
    actor: &Actor,
    id: i64,
    category: ReplyCategory,
    text: &str,
    letter: Option<Letter<'_>>,
    today: Date,
) -> Result<ProposalDetail> {
    let text = optional("答复内容", text, 20_000)?;
    let stored = match &letter {
        Some(l) => Some(store_letter(app, id, l).await?),
        None => None,
    };
    handle(app, actor, id, "proposal_reply", |_, p, _| {
        access::require_own_unit(actor, p.lead_unit_id)?;
        if !state_of(p).owes_reply() && state_of(p) != ProposalState::Tracking {
            return Err(AppError::Conflict(format!(
                "当前状态为“{}”，不能答复",
                state_of(p).label()
            )));
        }
        p.state = state_after_reply(category).as_str().into();
        p.category = Some(category.as_str().into());
        p.replied_at = Some(today);
        p.reply_text = text;
        if let (Some(l), Some(s)) = (&letter, stored) {
            p.reply_letter_name = Some(l.file_name.to_string());
            p.reply_letter_stored = Some(s);
        }
        Ok(())
    })
    .await
}

async fn store_letter(app: &App, id: i64, l: &Letter<'_>) -> Result<String> {
    if l.bytes.is_empty() || l.bytes.len() > app.settings.max_attachment_bytes {
        return Err(AppError::BadInput("答复函为空或过大".into()));
    }
    let base = l.file_name.rsplit(['/', '\\']).next().unwrap_or("");
    let ext = base
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if !LETTER_TYPES.contains(&ext.as_str()) {
        return Err(AppError::BadInput(
            "答复函应为 pdf、docx、doc、ofd 或 wps 文件".into(),
        ));
    }
    use sha2::Digest;
    let sha = hex::encode(sha2::Sha256::digest(l.bytes));
    let stored = format!("proposal-{id}-{}.{ext}", &sha[..16]);
    let dir = app.data_dir.join("attachments");
    tokio::fs::create_dir_all(&dir)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    tokio::fs::write(dir.join(&stored), l.bytes)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(stored)
}

/// The office records one proposer's feedback. A 不满意 reopens the item (重新办理) with
/// a new deadline; all satisfied closes it (B/C stay under 跟踪办理).
pub async fn feedback(
    app: &App,
    actor: &Actor,
    id: i64,
    proposer_id: i64,
    work: Rating,
    result: Rating,
    today: Date,
) -> Result<ProposalDetail> {
    access::require_office(actor)?;
    let mut tx = app.db.begin().await?;
    let before = db::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let state = state_of(&before);
    if !state.is_answered() {
        return Err(AppError::Conflict("尚未答复，不能反馈意见".into()));
    }
    let category: ReplyCategory = before
        .category
        .as_deref()
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| AppError::Conflict("答复缺少类别".into()))?;
    let mut proposers = db::proposers(&mut tx, id).await?;
    let Some(me) = proposers.iter_mut().find(|p| p.id == proposer_id) else {
        return Err(AppError::NotFound);
    };
    me.work_rating = Some(work.as_str().into());
    me.result_rating = Some(result.as_str().into());
    db::rate(
        &mut tx,
        proposer_id,
        Some(work.as_str()),
        Some(result.as_str()),
        Some(today),
    )
    .await?;
    let fb: Vec<Feedback> = proposers.iter().map(feedback_of).collect();
    let settings = load_settings(&mut tx, before.government_id).await?;
    let (next, redo_due) = after_feedback(&rules_for(&settings, &before), category, &fb, today);
    let mut p = before.clone();
    p.state = next.as_str().into();
    if let Some(d) = redo_due {
        p.due_date = Some(d);
        p.redo_count += 1;
    }
    db::save_handling(&mut tx, &p).await?;
    actor
        .audit(
            &mut tx,
            "proposal_feedback",
            "proposal",
            Some(id),
            snap(&before),
            Some(serde_json::json!({ "proposer": proposer_id, "work": work, "result": result, "state": next, "due": p.due_date })),
        )
        .await?;
    tx.commit().await?;
    get(app, actor, id).await
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

/// The reply letter of an item the actor may see: (file name, bytes).
pub async fn reply_letter(app: &App, actor: &Actor, id: i64) -> Result<(String, Vec<u8>)> {
    let mut tx = app.db.read().await?;
    let (p, _) = load_visible(&mut tx, actor, id).await?;
    let (Some(name), Some(stored)) = (p.reply_letter_name, p.reply_letter_stored) else {
        return Err(AppError::NotFound);
    };
    let bytes = tokio::fs::read(app.data_dir.join("attachments").join(&stored))
        .await
        .map_err(|_| AppError::NotFound)?;
    Ok((name, bytes))
}
