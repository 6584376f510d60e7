//! Passwords (Argon2id via password-auth) and their policy, logins with lockout per account
//! and client address, and sessions
//! stored in the database so that several server processes can share them.

use crate::{Actor, App, AppError, Result};
use duban_db::{logins, org, sessions};
use rand::RngCore;
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

/// Hashes a password on a blocking thread (Argon2 is deliberately slow). The policy is
/// checked by the caller ([`check_password_policy`]), which knows the username.
/// Argon2id holds about 19 MB and a core for each hash: at most as many at once as there
/// are cores, so that a burst of logins queues instead of holding memory for every one.
static HASHING: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
    tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
});

pub async fn hash_password(password: &str) -> Result<String> {
    let p = password.to_string();
    let _turn = HASHING.acquire().await.map_err(AppError::internal)?;
    tokio::task::spawn_blocking(move || password_auth::generate_hash(p))
        .await
        .map_err(AppError::internal)
}

async fn verify(password: &str, hash: &str) -> bool {
    let (p, h) = (password.to_string(), hash.to_string());
    let Ok(_turn) = HASHING.acquire().await else {
        return false;
    };
    tokio::task::spawn_blocking(move || password_auth::verify_password(p, &h).is_ok())
        .await
        .unwrap_or(false)
}

/// Minimum length of a password, in characters.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Passwords people choose first (the most common of the public leak lists, plus the
/// pinyin and keyboard patterns usual in Chinese offices), compared in lower case.
const COMMON_PASSWORDS: &[&str] = &[
    "1234567890",
    "12345678910",
    "123456789a",
    "a123456789",
    "0123456789",
    "9876543210",
    "1111111111",
    "0000000000",
    "1234512345",
    "1122334455",
    "1qaz2wsx3edc",
    "qwertyuiop",
    "qwerty123456",
    "qwe123456789",
    "asdfghjkl1",
    "zxcvbnm123",
    "password12",
    "password123",
    "password1234",
    "passw0rd123",
    "p@ssw0rd123",
    "p@ssword123",
    "iloveyou12",
    "abc1234567",
    "abcd123456",
    "abcdefghij",
    "aa12345678",
    "qq12345678",
    "woaini1314",
    "woaini520",
    "5201314520",
    "1314520520",
    "admin12345",
    "admin123456",
    "administrator",
    "root123456",
    "test123456",
    "welcome123",
    "letmein123",
    "changeme123",
    "1q2w3e4r5t",
    "q1w2e3r4t5",
    "1q2w3e4r5t6y",
    "zaq12wsxcde",
    "88888888888",
    "6666666666",
    "9999999999",
    "1234567890a",
    "a1234567890",
    "12345qwert",
    "qwert12345",
    "wang123456",
    "zhang123456",
    "li12345678",
    "duban12345",
    "duban123456",
    "gov1234567",
    "zhengfu123",
    "dcs1234567",
    "123456789abc",
];

/// A password must have at least [`MIN_PASSWORD_CHARS`] characters, not be a common one
/// (nor a run like `1234567890`, nor mostly one character), and not contain the username.
pub fn check_password_policy(password: &str, username: &str) -> Result<()> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AppError::BadInput(format!(
            "密码至少需要 {MIN_PASSWORD_CHARS} 个字符"
        )));
    }
    let lower = password.to_lowercase();
    let user = username.trim().to_lowercase();
    // The username inside the password (`wang123456`) is the first thing anyone tries.
    if user.chars().count() >= 3 && lower.contains(&user) {
        return Err(AppError::BadInput("密码不能与用户名相同或相近".into()));
    }
    let distinct: std::collections::HashSet<char> = lower.chars().collect();
    if COMMON_PASSWORDS.contains(&lower.as_str()) || distinct.len() < 4 || is_run(&lower) {
        return Err(AppError::BadInput(
            "密码过于常见或过于简单，请换一个更难猜的密码（可用几个词组合）".into(),
        ));
    }
    Ok(())
}

/// Ascending or descending runs of digits or letters (`1234567890`, `abcdefghijk`).
fn is_run(s: &str) -> bool {
    let b: Vec<u32> = s.chars().map(u32::from).collect();
    b.windows(2).all(|w| w[1] == w[0] + 1) || b.windows(2).all(|w| w[0] == w[1] + 1)
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

/// Why a login failed; recorded in the audit log, never shown.
fn reason_text(
    user: Option<&duban_db::User>,
    locked: bool,
    verified: bool,
) -> Option<&'static str> {
    match user {
        None => Some("unknown_user"),
        Some(_) if locked => Some("locked"),
        Some(u) if !u.active => Some("disabled"),
        Some(_) if !verified => Some("wrong_password"),
        Some(_) => None,
    }
}

/// The counter of a username and client after one more failure: it restarts once the last
/// lock has run out (or, without a lock, after a quiet `lockout_minutes`); each lock doubles
/// the previous one, and a quiet day forgets the locks.
fn next_failure(
    app: &App,
    old: Option<&logins::LoginFailure>,
    username: &str,
    client: &str,
    now: OffsetDateTime,
) -> logins::LoginFailure {
    let window = Duration::minutes(app.settings.lockout_minutes);
    let (mut failures, mut locks) = match old {
        Some(f) => {
            let expired = match f.locked_until {
                Some(t) => t <= now,
                None => now - f.last_failed_at > window,
            };
            let quiet = now - f.last_failed_at > Duration::days(1);
            (
                if expired { 0 } else { f.failures },
                if quiet { 0 } else { f.locks },
            )
        }
        None => (0, 0),
    };
    let still_locked = old.and_then(|f| f.locked_until).filter(|t| *t > now);
    let mut locked_until = still_locked;
    if still_locked.is_none() {
        failures += 1;
        if failures >= app.settings.lockout_after.max(1) {
            let factor = 1i64 << locks.clamp(0, 10);
            let minutes = (app.settings.lockout_minutes * factor).min(24 * 60);
            locked_until = Some(now + Duration::minutes(minutes));
            locks += 1;
        }
    }
    logins::LoginFailure {
        username: username.to_string(),
        client: client.to_string(),
        failures,
        locks,
        last_failed_at: now,
        locked_until,
    }
}

/// Checks a username and password; on success opens a session. `ip` is the client address
/// (the peer, or what a trusted proxy forwarded): failures are counted per username AND
/// address, so failures from one place never lock the account elsewhere.
///
/// Every failure — unknown user, wrong password, locked, disabled — gives the same
/// [`AppError::InvalidCredentials`] after the same work (one Argon2 check, one short write);
/// the reason is in the audit log. The slow password check runs between a read and a short
/// write transaction, never inside a write (SQLite has one writer).
pub async fn login(
    app: &App,
    username: &str,
    password: &str,
    user_agent: Option<&str>,
    ip: Option<&str>,
) -> Result<Login> {
    let name: String = username.trim().chars().take(64).collect();
    let client = ip.unwrap_or("-").chars().take(64).collect::<String>();
    let (user, failure) = {
        let mut tx = app.db.read().await?;
        let user = org::user_by_username(&mut tx, &name).await?;
        let failure = logins::get(&mut tx, &name, &client).await?;
        tx.rollback().await?;
        (user, failure)
    };
    // Unknown (and deleted) users are checked against a real hash of the same cost.
    let hash = match &user {
        Some(u) if u.password_hash.starts_with("$argon2") => u.password_hash.as_str(),
        _ => dummy_hash().await,
    };
    let verified = verify(password, hash).await;
    let now = app.now();
    let locked = failure
        .as_ref()
        .and_then(|f| f.locked_until)
        .is_some_and(|t| t > now);
    let mut tx = app.begin().await?;
    if let Some(reason) = reason_text(user.as_ref(), locked, verified) {
        let next = next_failure(app, failure.as_ref(), &name, &client, now);
        logins::purge_stale(&mut tx, now - Duration::days(1)).await?;
        logins::put(&mut tx, &next).await?;
        if let Some(u) = &user {
            org::login_failed(&mut tx, u.id, None).await?;
        }
        duban_db::audit::record(
            &mut tx,
            duban_db::audit::Record {
                user_id: user.as_ref().map(|u| u.id),
                actor: user.as_ref().map_or(name.as_str(), |u| u.display_name.as_str()),
                action: "login_failed",
                entity: "user",
                entity_id: user.as_ref().map(|u| u.id),
                before: None,
                after: Some(serde_json::json!({
                    "reason": reason, "username": name, "ip": ip,
                    "failures": next.failures, "locked_until": next.locked_until.map(|t| t.to_string()),
                })),
            },
        )
        .await?;
        tx.commit().await?;
        return Err(AppError::InvalidCredentials);
    }
    let Some(user) = user else {
        return Err(AppError::InvalidCredentials);
    };
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
    logins::clear(&mut tx, &name, &client).await?;
    sessions::purge_expired(&mut tx).await?;
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
    // Only unit roles act for a unit (accounts made before that rule may carry one).
    let unit_id = user.unit_id.filter(|_| user.role.is_unit_role());
    let unit_name = match unit_id {
        Some(id) => org::unit(tx, id).await?.map(|u| u.name),
        None => None,
    };
    Ok(Actor {
        user_id: Some(user.id),
        username: user.username.clone(),
        display_name: user.display_name.clone(),
        role: user.role,
        unit_id,
        unit_name,
    })
}

/// The actor behind a session token. A session ends after `session_idle_minutes` without a
/// request and `session_absolute_hours` after the login. Checking needs only a read; the
/// idle deadline moves at most once a minute, so most requests never wait for the writer.
pub async fn actor_for_token(app: &App, token: &str) -> Result<Actor> {
    let seen = crate::seen(app).await?;
    actor_for_token_at(app, token, seen).await
}

/// A session as kept in memory: the deadlines are checked against the app clock on every
/// request, exactly as the database row would be.
struct KeptSession {
    actor: Actor,
    created_at: OffsetDateTime,
    last_seen_at: OffsetDateTime,
    expires_at: OffsetDateTime,
}

/// [`actor_for_token`] for a request that read `seen` first: while neither counter moved
/// (a logout, a password change, a deactivation, any session deleted moves one), the
/// session and actor come from memory. A session that looks expired in memory is read
/// again (another server may have moved its deadline); one that is past its deadline
/// there too fails.
pub async fn actor_for_token_at(app: &App, token: &str, seen: crate::Seen) -> Result<Actor> {
    let hash = token_hash(token);
    let now = app.now();
    let key = crate::cache::PersonalKey::Session {
        token_hash: hash.clone(),
    };
    if let Some(k) = app.cache.get_personal::<KeptSession>(&key, seen) {
        let absolute_end = k.created_at + Duration::hours(app.settings.session_absolute_hours);
        if k.expires_at >= now && absolute_end > now {
            if now - k.last_seen_at > Duration::minutes(1) {
                let expires_at =
                    (now + Duration::minutes(app.settings.session_idle_minutes)).min(absolute_end);
                let mut w = app.begin().await?;
                sessions::touch(&mut w, &hash, expires_at).await?;
                w.commit().await?;
                // Kept after the write, so that memory never runs ahead of the row.
                app.cache.put_personal(
                    key,
                    seen,
                    std::sync::Arc::new(KeptSession {
                        actor: k.actor.clone(),
                        created_at: k.created_at,
                        last_seen_at: now,
                        expires_at,
                    }),
                );
            }
            return Ok(k.actor.clone());
        }
    }
    let mut tx = app.db.read().await?;
    let Some(s) = sessions::get(&mut tx, &hash).await? else {
        return Err(AppError::Unauthenticated);
    };
    let absolute_end = s.created_at + Duration::hours(app.settings.session_absolute_hours);
    if s.expires_at < now || absolute_end <= now {
        tx.rollback().await?;
        let mut w = app.begin().await?;
        sessions::delete(&mut w, &hash).await?;
        w.commit().await?;
        return Err(AppError::Unauthenticated);
    }
    let Some(user) = org::user(&mut tx, s.user_id).await? else {
        return Err(AppError::Unauthenticated);
    };
    if !user.active {
        return Err(AppError::Unauthenticated);
    }
    let actor = actor_of(&mut tx, &user).await?;
    tx.rollback().await?;
    let mut kept = KeptSession {
        actor: actor.clone(),
        created_at: s.created_at,
        last_seen_at: s.last_seen_at,
        expires_at: s.expires_at,
    };
    if now - s.last_seen_at > Duration::minutes(1) {
        kept.expires_at =
            (now + Duration::minutes(app.settings.session_idle_minutes)).min(absolute_end);
        kept.last_seen_at = now;
        let mut w = app.begin().await?;
        sessions::touch(&mut w, &hash, kept.expires_at).await?;
        w.commit().await?;
    }
    app.cache.put_personal(key, seen, std::sync::Arc::new(kept));
    Ok(actor)
}

pub async fn logout(app: &App, token: &str) -> Result<()> {
    let mut tx = app.begin().await?;
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
    check_password_policy(new, &actor.username)?;
    let hash = hash_password(new).await?;
    // Verify outside the write transaction (Argon2 is slow; SQLite has one writer).
    let mut tx = app.db.read().await?;
    let user = org::user(&mut tx, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    tx.rollback().await?;
    if !verify(old, &user.password_hash).await {
        return Err(AppError::BadInput("原密码不正确".into()));
    }
    let mut tx = app.begin().await?;
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
