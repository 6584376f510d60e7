//! The in-app inbox: every user reads only their own messages.

use crate::{Actor, App, AppError, Result};
use duban_db::inbox::{self, Message};

/// The most messages a page shows.
pub const PAGE: i64 = 200;

fn me(actor: &Actor) -> Result<i64> {
    actor.user_id.ok_or(AppError::Unauthenticated)
}

pub async fn list(app: &App, actor: &Actor, unread_only: bool) -> Result<Vec<Message>> {
    let id = me(actor)?;
    let mut tx = app.db.read().await?;
    Ok(inbox::for_user(&mut tx, id, unread_only, PAGE).await?)
}

/// The header's unread count: one cheap query (0 for the command line).
pub async fn unread_count(app: &App, actor: &Actor) -> Result<i64> {
    let Some(id) = actor.user_id else {
        return Ok(0);
    };
    let mut tx = app.db.read().await?;
    Ok(inbox::unread_count(&mut tx, id).await?)
}

/// [`unread_count`] for a request that read `seen` first: kept until an inbox changes
/// (which moves the personal version) or anything audited does.
pub async fn unread_count_at(app: &App, actor: &Actor, seen: crate::Seen) -> Result<i64> {
    let Some(user_id) = actor.user_id else {
        return Ok(0);
    };
    let key = crate::cache::PersonalKey::Unread { user_id };
    if let Some(n) = app.cache.get_personal::<i64>(&key, seen) {
        return Ok(*n);
    }
    let n = unread_count(app, actor).await?;
    app.cache.put_personal(key, seen, std::sync::Arc::new(n));
    Ok(n)
}

/// Marks one of the actor's messages read; another user's message is not found.
pub async fn mark_read(app: &App, actor: &Actor, message_id: i64) -> Result<()> {
    let id = me(actor)?;
    let mut tx = app.begin().await?;
    if !inbox::mark_read(&mut tx, id, message_id).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(())
}

pub async fn mark_all_read(app: &App, actor: &Actor) -> Result<u64> {
    let id = me(actor)?;
    let mut tx = app.begin().await?;
    let n = inbox::mark_all_read(&mut tx, id).await?;
    tx.commit().await?;
    Ok(n)
}
