//! Outbound messages: one row per message and endpoint, recorded BEFORE it is sent (so a
//! restart never sends it twice), each attempt with its response; and where messages go
//! (webhook endpoints, the SMTP relay).

use crate::{DbError, Result, Tx};
use serde::Serialize;
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Delivery {
    pub id: i64,
    pub delivery_key: String,
    pub endpoint_id: Option<i64>,
    /// wecom | dingtalk | email.
    pub channel: String,
    pub recipient: String,
    pub unit_id: Option<i64>,
    pub notice_id: Option<i64>,
    pub subject: String,
    pub body: String,
    /// pending | sent | failed.
    pub state: String,
    pub attempts: i64,
    pub created_at: OffsetDateTime,
    pub last_attempt_at: Option<OffsetDateTime>,
    pub sent_at: Option<OffsetDateTime>,
    pub last_error: Option<String>,
}

macro_rules! delivery_select {
    () => {
        "SELECT id, delivery_key, endpoint_id, channel, recipient, unit_id, notice_id, subject, body, state, \
         attempts, created_at, last_attempt_at, sent_at, last_error FROM deliveries"
    };
}

pub struct NewDelivery<'a> {
    /// Unique: the same message to the same endpoint is recorded once.
    pub key: &'a str,
    pub endpoint_id: Option<i64>,
    pub channel: &'a str,
    pub recipient: &'a str,
    pub unit_id: Option<i64>,
    pub notice_id: Option<i64>,
    pub subject: &'a str,
    pub body: &'a str,
}

/// Records a message to send; `None` if one with the key exists (do not send it again).
pub async fn record(tx: &mut Tx, d: &NewDelivery<'_>) -> Result<Option<i64>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_scalar::<_, i64>(
        "INSERT INTO deliveries (delivery_key, endpoint_id, channel, recipient, unit_id, notice_id, subject, body, \
         state, attempts, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', 0, $9) \
         ON CONFLICT (delivery_key) DO NOTHING RETURNING id"
    )
    .bind(d.key)
    .bind(d.endpoint_id)
    .bind(d.channel)
    .bind(d.recipient)
    .bind(d.unit_id)
    .bind(d.notice_id)
    .bind(d.subject)
    .bind(d.body)
    .bind(tx.at)
    .fetch_optional(c)
    .await?)
    })
}

pub async fn get(tx: &mut Tx, id: i64) -> Result<Option<Delivery>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, Delivery>(concat!(
        delivery_select!(),
        " WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(c)
    .await?))
}

/// Deliveries still pending (never sent, or every attempt so far failed), oldest first.
pub async fn pending(tx: &mut Tx, limit: i64) -> Result<Vec<Delivery>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, Delivery>(concat!(
        delivery_select!(),
        " WHERE state = 'pending' ORDER BY id LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(c)
    .await?))
}

/// The latest deliveries, newest first (the office's log).
pub async fn recent(tx: &mut Tx, limit: i64) -> Result<Vec<Delivery>> {
    with_conn!(tx, |c| Ok(sqlx::query_as::<_, Delivery>(concat!(
        delivery_select!(),
        " ORDER BY id DESC LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(c)
    .await?))
}

/// One attempt at sending, as the sender reported it.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Attempt {
    pub id: i64,
    pub delivery_id: i64,
    pub attempt: i64,
    pub at: OffsetDateTime,
    pub ok: bool,
    pub status_code: Option<i64>,
    pub response: Option<String>,
    pub error: Option<String>,
}

pub struct NewAttempt<'a> {
    pub delivery_id: i64,
    pub at: OffsetDateTime,
    pub ok: bool,
    pub status_code: Option<i64>,
    pub response: Option<&'a str>,
    pub error: Option<&'a str>,
}

/// The longest response text kept per attempt.
const MAX_RESPONSE_CHARS: usize = 2000;

fn clip(s: Option<&str>) -> Option<String> {
    s.map(|s| s.chars().take(MAX_RESPONSE_CHARS).collect())
}

/// Logs an attempt and updates the delivery: sent on success; failed when `give_up`
/// (the sender's last attempt); pending otherwise.
pub async fn add_attempt(tx: &mut Tx, a: &NewAttempt<'_>, give_up: bool) -> Result<()> {
    let state = if a.ok {
        "sent"
    } else if give_up {
        "failed"
    } else {
        "pending"
    };
    let error = clip(a.error);
    with_conn!(tx, |c| {
        let n: Option<i64> = sqlx::query_scalar(
            "UPDATE deliveries SET attempts = attempts + 1, last_attempt_at = $2, state = $3, \
             sent_at = CASE WHEN $4 THEN $2 ELSE sent_at END, last_error = $5 WHERE id = $1 RETURNING attempts",
        )
        .bind(a.delivery_id)
        .bind(a.at)
        .bind(state)
        .bind(a.ok)
        .bind(&error)
        .fetch_optional(&mut *c)
        .await?;
        let Some(n) = n else {
            return Err(DbError::NotFound);
        };
        sqlx::query(
            "INSERT INTO delivery_attempts (delivery_id, attempt, at, ok, status_code, response, error) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(a.delivery_id)
        .bind(n)
        .bind(a.at)
        .bind(a.ok)
        .bind(a.status_code)
        .bind(clip(a.response))
        .bind(&error)
        .execute(c)
        .await?;
        Ok(())
    })
}

pub async fn attempts(tx: &mut Tx, delivery_id: i64) -> Result<Vec<Attempt>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, Attempt>(
        "SELECT id, delivery_id, attempt, at, ok, status_code, response, error FROM delivery_attempts \
         WHERE delivery_id = $1 ORDER BY attempt"
    )
    .bind(delivery_id)
    .fetch_all(c)
    .await?)
    })
}

/// A webhook or e-mail endpoint.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Endpoint {
    pub id: i64,
    pub name: String,
    /// wecom | dingtalk | email.
    pub channel: String,
    /// The webhook URL, or e-mail addresses separated by commas.
    pub target: String,
    /// The 钉钉 加签 secret. Never shown back in full by the faces.
    #[serde(skip)]
    pub secret: Option<String>,
    /// markdown | text (robots).
    pub format: String,
    /// The unit whose group or mailbox it is; `None`: the office's own.
    pub unit_id: Option<i64>,
    pub enabled: bool,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    pub updated_by: Option<i64>,
}

pub struct EndpointInput<'a> {
    pub name: &'a str,
    pub channel: &'a str,
    pub target: &'a str,
    pub secret: Option<&'a str>,
    /// markdown | text.
    pub format: &'a str,
    pub unit_id: Option<i64>,
    pub enabled: bool,
    pub updated_by: Option<i64>,
}

pub async fn insert_endpoint(tx: &mut Tx, e: &EndpointInput<'_>) -> Result<i64> {
    let at = tx.at;
    with_conn!(tx, |c| {
        Ok(sqlx::query_scalar::<_, i64>(
        "INSERT INTO notify_endpoints (name, channel, target, secret, format, unit_id, enabled, created_at, \
         updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9) RETURNING id"
    )
    .bind(e.name)
    .bind(e.channel)
    .bind(e.target)
    .bind(e.secret)
    .bind(e.format)
    .bind(e.unit_id)
    .bind(e.enabled)
    .bind(at)
    .bind(e.updated_by)
    .fetch_one(c)
    .await?)
    })
}

pub async fn update_endpoint(tx: &mut Tx, id: i64, e: &EndpointInput<'_>) -> Result<()> {
    let n = with_conn!(tx, |c| {
        sqlx::query(
        "UPDATE notify_endpoints SET name = $2, channel = $3, target = $4, secret = $5, format = $6, \
         unit_id = $7, enabled = $8, updated_at = $9, updated_by = $10 WHERE id = $1"
    )
    .bind(id)
    .bind(e.name)
    .bind(e.channel)
    .bind(e.target)
    .bind(e.secret)
    .bind(e.format)
    .bind(e.unit_id)
    .bind(e.enabled)
    .bind(tx.at)
    .bind(e.updated_by)
    .execute(c)
    .await?
    .rows_affected()
    });
    if n == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

pub async fn delete_endpoint(tx: &mut Tx, id: i64) -> Result<()> {
    let n = with_conn!(tx, |c| sqlx::query(
        "DELETE FROM notify_endpoints WHERE id = $1"
    )
    .bind(id)
    .execute(c)
    .await?
    .rows_affected());
    if n == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// Every endpoint, the office's first, then by unit.
pub async fn endpoints(tx: &mut Tx) -> Result<Vec<Endpoint>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, Endpoint>(
        "SELECT id, name, channel, target, secret, format, unit_id, enabled, created_at, updated_at, updated_by \
         FROM notify_endpoints ORDER BY unit_id IS NOT NULL, unit_id, id"
    )
    .fetch_all(c)
    .await?)
    })
}

/// The intranet mail relay.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct SmtpRelay {
    pub host: String,
    pub port: i64,
    /// none | starttls.
    pub security: String,
    pub username: Option<String>,
    #[serde(skip)]
    pub password: Option<String>,
    pub from_addr: String,
    pub enabled: bool,
    pub updated_at: OffsetDateTime,
    pub updated_by: Option<i64>,
}

pub async fn smtp_relay(tx: &mut Tx) -> Result<Option<SmtpRelay>> {
    with_conn!(tx, |c| {
        Ok(sqlx::query_as::<_, SmtpRelay>(
        "SELECT host, port, security, username, password, from_addr, enabled, updated_at, updated_by \
         FROM smtp_relay WHERE id = 1"
    )
    .fetch_optional(c)
    .await?)
    })
}

pub struct SmtpInput<'a> {
    pub host: &'a str,
    pub port: i64,
    pub security: &'a str,
    pub username: Option<&'a str>,
    pub password: Option<&'a str>,
    pub from_addr: &'a str,
    pub enabled: bool,
    pub updated_by: Option<i64>,
}

pub async fn set_smtp_relay(tx: &mut Tx, s: &SmtpInput<'_>) -> Result<()> {
    with_conn!(tx, |c| {
        sqlx::query(
            "INSERT INTO smtp_relay (id, host, port, security, username, password, from_addr, enabled, updated_at, \
             updated_by) VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO UPDATE SET \
             host = excluded.host, port = excluded.port, security = excluded.security, username = excluded.username, \
             password = excluded.password, from_addr = excluded.from_addr, enabled = excluded.enabled, \
             updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        )
        .bind(s.host)
        .bind(s.port)
        .bind(s.security)
        .bind(s.username)
        .bind(s.password)
        .bind(s.from_addr)
        .bind(s.enabled)
        .bind(tx.at)
        .bind(s.updated_by)
        .execute(c)
        .await?;
        Ok(())
    })
}
