//! E-mail through the intranet relay (lettre on tokio). Plain SMTP by default, as intranet
//! relays usually are; STARTTLS when configured (needs the `tls` feature).

use crate::{Message, NotifyError};
use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::extension::ClientId;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use serde::{Deserialize, Serialize};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    /// Plain SMTP (a trusted intranet relay).
    #[default]
    None,
    /// Upgrade with STARTTLS, and refuse to send if the relay cannot.
    StartTls,
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub username: Option<String>,
    pub password: Option<String>,
    /// The sender, e.g. `督查室 <duban@gov.local>`.
    pub from: String,
}

impl std::fmt::Debug for SmtpConfig {
    // The password stays out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("username", &self.username)
            .field("from", &self.from)
            .finish_non_exhaustive()
    }
}

/// A Message-ID from a delivery key: characters outside a safe set are written as `=XX`
/// so that distinct keys stay distinct.
fn message_id(id: &str) -> String {
    let mut s = String::with_capacity(id.len() + 8);
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.' {
            s.push(b as char);
        } else {
            s.push_str(&format!("={b:02X}"));
        }
    }
    format!("<{s}@duban>")
}

fn transport(
    cfg: &SmtpConfig,
    timeout: Duration,
) -> Result<AsyncSmtpTransport<Tokio1Executor>, NotifyError> {
    let builder = match cfg.security {
        SmtpSecurity::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&cfg.host),
        SmtpSecurity::StartTls => starttls(&cfg.host)?,
    };
    let mut builder = builder
        .port(cfg.port)
        .timeout(Some(timeout))
        .hello_name(ClientId::Domain("duban".into()));
    if let (Some(u), Some(p)) = (&cfg.username, &cfg.password) {
        builder = builder.credentials(Credentials::new(u.clone(), p.clone()));
    }
    Ok(builder.build())
}

#[cfg(feature = "tls")]
fn starttls(host: &str) -> Result<lettre::transport::smtp::AsyncSmtpTransportBuilder, NotifyError> {
    use lettre::transport::smtp::client::{Tls, TlsParameters};
    let tls = TlsParameters::new(host.into()).map_err(|e| NotifyError::Smtp(e.to_string()))?;
    Ok(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host).tls(Tls::Required(tls)))
}

#[cfg(not(feature = "tls"))]
fn starttls(
    _host: &str,
) -> Result<lettre::transport::smtp::AsyncSmtpTransportBuilder, NotifyError> {
    Err(NotifyError::NoTls)
}

/// Sends one e-mail to `to`; returns the relay's answer ("250 …").
pub(crate) async fn send(
    cfg: &SmtpConfig,
    to: &[String],
    m: &Message,
    timeout: Duration,
) -> Result<String, NotifyError> {
    let from = cfg
        .from
        .parse()
        .map_err(|_| NotifyError::BadAddress(cfg.from.clone()))?;
    let mut b = lettre::Message::builder()
        .from(from)
        .subject(m.title.clone())
        .message_id(Some(message_id(&m.id)))
        .header(ContentType::TEXT_PLAIN);
    if to.is_empty() {
        return Err(NotifyError::BadAddress("（无收件人）".into()));
    }
    for t in to {
        b = b.to(t
            .trim()
            .parse()
            .map_err(|_| NotifyError::BadAddress(t.clone()))?);
    }
    let mail = b
        .body(m.text.clone())
        .map_err(|e| NotifyError::Smtp(e.to_string()))?;
    let t = transport(cfg, timeout)?;
    let resp = t
        .send(mail)
        .await
        .map_err(|e| NotifyError::Smtp(e.to_string()))?;
    Ok(format!(
        "{} {}",
        resp.code(),
        resp.message().collect::<Vec<_>>().join(" ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_ids_keep_distinct_keys_distinct() {
        assert_eq!(
            message_id("digest/1/2024-06-22"),
            "<digest=2F1=2F2024-06-22@duban>"
        );
        assert_ne!(message_id("a/b"), message_id("a.b"));
    }
}
