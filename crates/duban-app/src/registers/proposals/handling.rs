//! The handling steps of an item after 交办: return and reassignment, extension,
//! supporting units' opinions, the reply and its letter, and each proposer's feedback.

use super::{ProposalDetail, feedback_of, get, load_visible, rules_for};
use crate::access::registers as access;
use crate::registers::{MAX_TEXT, load_settings, optional, required, snap};
use crate::{Actor, App, AppError, Result};
use duban_core::registers::proposals::{
    Feedback, ProposalState, Rating, ReplyCategory, after_feedback, check_extension, check_return,
    clock, state_after_reply,
};
use duban_db::proposals::{self as db, Proposal, SupportingUnit};
use time::Date;

/// Loads an item for a handling step and saves the changed row with its audit record.
async fn handle(
    app: &App,
    actor: &Actor,
    id: i64,
    action: &str,
    step: impl FnOnce(
        &crate::registers::RegisterSettings,
        &mut Proposal,
        &[SupportingUnit],
    ) -> Result<()>,
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
    step: impl FnOnce(
        &crate::registers::RegisterSettings,
        &mut Proposal,
        &[SupportingUnit],
    ) -> Result<()>,
) -> Result<ProposalDetail> {
    let mut tx = app.begin().await?;
    let (before, sup) = load_visible(&mut tx, actor, id).await?;
    if let Some((check, support)) = units {
        access::require_units(&mut tx, before.government_id, check.iter().copied()).await?;
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

pub(super) fn state_of(p: &Proposal) -> ProposalState {
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
    let mut tx = app.begin().await?;
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
    // The letter goes to a temporary name first and takes its real name only once the
    // reply is committed; a refused or failed reply leaves no file behind.
    let staged = match &letter {
        Some(l) => Some(stage_letter(app, id, l).await?),
        None => None,
    };
    let stored = staged.as_ref().map(|s| s.name.clone());
    let done = handle(app, actor, id, "proposal_reply", |_, p, _| {
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
    .await;
    if let Some(s) = staged {
        match &done {
            Ok(_) => tokio::fs::rename(&s.temp, &s.path)
                .await
                .map_err(|e| AppError::internal_in("答复函保存失败", e))?,
            Err(_) => {
                let _ = tokio::fs::remove_file(&s.temp).await;
            }
        }
    }
    done
}

/// A letter written under a temporary name, to be renamed to `path` after the commit.
struct Staged {
    name: String,
    temp: std::path::PathBuf,
    path: std::path::PathBuf,
}

async fn stage_letter(app: &App, id: i64, l: &Letter<'_>) -> Result<Staged> {
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
        .map_err(AppError::internal)?;
    let temp = dir.join(format!(".{stored}.{:016x}.part", rand::random::<u64>()));
    tokio::fs::write(&temp, l.bytes)
        .await
        .map_err(AppError::internal)?;
    Ok(Staged {
        path: dir.join(&stored),
        name: stored,
        temp,
    })
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
    let mut tx = app.begin().await?;
    let before = db::get(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    crate::access::require_government(&mut tx, actor, before.government_id).await?;
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
