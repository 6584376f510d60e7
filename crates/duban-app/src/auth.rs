//! Passwords (Argon2id via password-auth), logins with per-account lockout, and sessions
//! stored in the database so that several server processes can share them.

use crate::{Actor, App, AppError, Result};
use duban_db::{org, sessions};
use rand::RngCore;
use sha2::{Digest, Sha256};
use time::Duration;

/// Hashes a password on a blocking thread (Argon2 is deliberately slow).
pub async fn hash_password(password: &str) -> Result<String> {
    check_password_strength(password)?;
    let p = password.to_string();
    tokio::task::spawn_blocking(move || password_auth::generate_hash(p))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))
}

async fn verify(password: &str, hash: &str) -> bool {
    let (p, h) = (password.to_string(), hash.to_string());
    tokio::task::spawn_blocking(move || password_auth::verify_password(p, &h).is_ok())
        .await
        .unwrap_or(false)
}

pub fn check_password_strength(password: &str) -> Result<()> {
    if password.chars().count() < 8 {
        return Err(AppError::BadInput("密码至少需要 8 个字符".into()));
    }
    Ok(())
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A logged-in session: the cookie token (given to the browser once) and who it is.
#[derive(Debug, Clone)]
pub struct Login {
    pub token: String,
    pub actor: Actor,
}

/// Checks a username and password; on success opens a session.
pub async fn login(
    app: &App,
    username: &str,
    password: &str,
    user_agent: Option<&str>,
    ip: Option<&str>,
) -> Result<Login> {
    let wrong = || AppError::InvalidCredentials;
    let mut tx = app.db.begin().await?;
    let Some(user) = org::user_by_username(&mut tx, username.trim()).await? else {
        // Spend the same time as a real check so that usernames cannot be probed by timing.
        let _ = verify(password, dummy_hash().await).await;
        return Err(wrong());
    };
    let now = app.now();
    if let Some(until) = user.locked_until
        && until > now
    {
        let minutes = ((until - now).whole_seconds() + 59) / 60;
        return Err(AppError::Locked(minutes.max(1)));
    }
    if !user.active {
        return Err(AppError::Forbidden("该账户已停用，请联系系统管理员".into()));
    }
    if !verify(password, &user.password_hash).await {
        let failures = user.failed_logins + 1;
        let lock = (failures >= app.settings.lockout_after)
            .then(|| now + Duration::minutes(app.settings.lockout_minutes));
        org::login_failed(&mut tx, user.id, lock).await?;
        duban_db::audit::record(
            &mut tx,
            duban_db::audit::Record {
                user_id: Some(user.id),
                actor: &user.display_name,
                action: "login_failed",
                entity: "user",
                entity_id: Some(user.id),
                before: None,
                after: Some(serde_json::json!({ "failed_logins": failures, "locked": lock.is_some(), "ip": ip })),
            },
        )
        .await?;
        tx.commit().await?;
        return Err(wrong());
    }
    let mut raw = [0u8; 32];
    rand::rng().fill_bytes(&mut raw);
    let token = hex::encode(raw);
    let expires = now + Duration::minutes(app.settings.session_idle_minutes);
    sessions::create(
        &mut tx,
        &token_hash(&token),
        user.id,
        expires,
        user_agent,
        ip,
    )
    .await?;
    org::login_succeeded(&mut tx, user.id).await?;
    let actor = actor_of(&mut tx, &user).await?;
    actor
        .audit(
            &mut tx,
            "login",
            "user",
            Some(user.id),
            None,
            Some(serde_json::json!({ "ip": ip })),
        )
        .await?;
    tx.commit().await?;
    Ok(Login { token, actor })
}

async fn actor_of(tx: &mut duban_db::Tx, user: &duban_db::User) -> Result<Actor> {
    let unit_name = match user.unit_id {
        Some(id) => org::unit(tx, id).await?.map(|u| u.name),
        None => None,
    };
    Ok(Actor {
        user_id: Some(user.id),
        username: user.username.clone(),
        display_name: user.display_name.clone(),
        role: user.role,
        unit_id: user.unit_id,
        unit_name,
    })
}

/// The actor behind a session token, extending the session's idle deadline.
pub async fn actor_for_token(app: &App, token: &str) -> Result<Actor> {
    let hash = token_hash(token);
    let mut tx = app.db.begin().await?;
    let Some(s) = sessions::get(&mut tx, &hash).await? else {
        return Err(AppError::Unauthenticated);
    };
    let now = app.now();
    if s.expires_at < now {
        sessions::delete(&mut tx, &hash).await?;
        tx.commit().await?;
        return Err(AppError::Unauthenticated);
    }
    let Some(user) = org::user(&mut tx, s.user_id).await? else {
        return Err(AppError::Unauthenticated);
    };
    if !user.active {
        return Err(AppError::Unauthenticated);
    }
    // Touch at most once a minute: most requests then need no write.
    if now - s.last_seen_at > Duration::minutes(1) {
        sessions::touch(
            &mut tx,
            &hash,
            now + Duration::minutes(app.settings.session_idle_minutes),
        )
        .await?;
    }
    let actor = actor_of(&mut tx, &user).await?;
    tx.commit().await?;
    Ok(actor)
}

pub async fn logout(app: &App, token: &str) -> Result<()> {
    let mut tx = app.db.begin().await?;
    let hash = token_hash(token);
    if let Some(s) = sessions::get(&mut tx, &hash).await? {
        sessions::delete(&mut tx, &hash).await?;
        duban_db::audit::record(
            &mut tx,
            duban_db::audit::Record {
                user_id: Some(s.user_id),
                actor: "",
                action: "logout",
                entity: "user",
                entity_id: Some(s.user_id),
                before: None,
                after: None,
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A user changes their own password; every other session of theirs ends.
pub async fn change_password(app: &App, actor: &Actor, old: &str, new: &str) -> Result<()> {
    let user_id = actor.user_id.ok_or(AppError::Unauthenticated)?;
    let hash = hash_password(new).await?;
    let mut tx = app.db.begin().await?;
    let user = org::user(&mut tx, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !verify(old, &user.password_hash).await {
        return Err(AppError::BadInput("原密码不正确".into()));
    }
    org::set_password(&mut tx, user_id, &hash).await?;
    duban_db::sessions::delete_for_user(&mut tx, user_id).await?;
    actor
        .audit(
            &mut tx,
            "change_password",
            "user",
            Some(user_id),
            None,
            None,
        )
        .await?;
    tx.commit().await?;
    Ok(())
}

/// A real Argon2id hash of a random string, checked against when the user is unknown.
async fn dummy_hash() -> &'static str {
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DUMMY
        .get_or_init(|| async {
            tokio::task::spawn_blocking(|| password_auth::generate_hash("duban-no-such-user"))
                .await
                .unwrap_or_default()
        })
        .await
}
