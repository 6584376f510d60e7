//! Delivery with retries: each job is one message to one endpoint; jobs run concurrently,
//! each request under a timeout, and every attempt is reported.

use crate::dingtalk::signed_url;
use crate::email::{self, SmtpConfig};
use crate::message::{dingtalk_payload, wecom_payload};
use crate::target::{Job, Target};
use crate::{MESSAGE_ID_HEADER, NotifyError};
use serde::Serialize;
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;
use tokio::sync::{Semaphore, mpsc};

/// The wall clock used for 钉钉 timestamps and attempt times (tests and the app's clock
/// pass their own).
pub type Clock = Arc<dyn Fn() -> OffsetDateTime + Send + Sync>;

/// How often and how patiently to retry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all (at least 1).
    pub attempts: u32,
    /// The wait after the first failure; each further wait is `factor` times longer.
    pub first_delay: Duration,
    pub factor: u32,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            attempts: 4,
            first_delay: Duration::from_secs(5),
            factor: 3,
            max_delay: Duration::from_secs(300),
        }
    }
}

impl RetryPolicy {
    /// The wait after failed attempt `n` (1-based).
    pub fn delay_after(&self, n: u32) -> Duration {
        let mut d = self.first_delay;
        for _ in 1..n {
            d = d.saturating_mul(self.factor.max(1));
            if d >= self.max_delay {
                return self.max_delay;
            }
        }
        d.min(self.max_delay)
    }
}

#[derive(Debug, Clone)]
pub struct NotifierConfig {
    pub retry: RetryPolicy,
    /// Per request (HTTP) or per SMTP command.
    pub timeout: Duration,
    /// Jobs sent at the same time.
    pub concurrency: usize,
    pub smtp: Option<SmtpConfig>,
    /// An HTTP proxy for the robots, if the intranet reaches them through one. Without it no
    /// proxy is used, whatever the environment says.
    pub proxy: Option<String>,
}

impl Default for NotifierConfig {
    fn default() -> Self {
        Self {
            retry: RetryPolicy::default(),
            timeout: Duration::from_secs(10),
            concurrency: 8,
            smtp: None,
            proxy: None,
        }
    }
}

/// One attempt, for the delivery log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttemptReport {
    /// The job's index in the list given to [`Notifier::deliver_all`].
    pub job: usize,
    /// 1-based.
    pub attempt: u32,
    pub at: OffsetDateTime,
    pub ok: bool,
    /// The HTTP status (webhooks) or SMTP reply code (e-mail), when one came back.
    pub status: Option<u16>,
    /// The response body or the relay's answer, when one came back.
    pub response: Option<String>,
    pub error: Option<String>,
    /// No attempt follows this one (it succeeded, or the sender gives up).
    pub last: bool,
}

/// All attempts of one job.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeliveryReport {
    pub job: usize,
    pub endpoint_id: i64,
    pub message_id: String,
    pub delivered: bool,
    pub attempts: Vec<AttemptReport>,
}

struct Failure {
    status: Option<u16>,
    response: Option<String>,
    error: NotifyError,
    retry: bool,
}

struct Inner {
    http: reqwest::Client,
    cfg: NotifierConfig,
    clock: Clock,
}

/// Sends jobs; cheap to clone.
#[derive(Clone)]
pub struct Notifier {
    inner: Arc<Inner>,
}

impl Notifier {
    pub fn new(cfg: NotifierConfig) -> Result<Self, NotifyError> {
        let mut b = reqwest::Client::builder()
            .timeout(cfg.timeout)
            .connect_timeout(cfg.timeout);
        b = match &cfg.proxy {
            Some(p) => {
                b.proxy(reqwest::Proxy::all(p).map_err(|e| NotifyError::BadUrl(e.to_string()))?)
            }
            None => b.no_proxy(),
        };
        let http = b.build().map_err(|e| NotifyError::Http(e.to_string()))?;
        Ok(Self {
            inner: Arc::new(Inner {
                http,
                cfg,
                clock: Arc::new(OffsetDateTime::now_utc),
            }),
        })
    }

    /// Uses `clock` instead of the system clock.
    pub fn with_clock(self, clock: Clock) -> Self {
        let inner = Arc::try_unwrap(self.inner).unwrap_or_else(|a| Inner {
            http: a.http.clone(),
            cfg: a.cfg.clone(),
            clock: a.clock.clone(),
        });
        Self {
            inner: Arc::new(Inner { clock, ..inner }),
        }
    }

    /// Sends every job, at most `concurrency` at a time, each with its retries. Each attempt
    /// is also sent to `progress` as it happens (so the app can log it at once); the reports
    /// come back in the order of `jobs`.
    pub async fn deliver_all(
        &self,
        jobs: Vec<Job>,
        progress: Option<mpsc::UnboundedSender<AttemptReport>>,
    ) -> Vec<DeliveryReport> {
        let gate = Arc::new(Semaphore::new(self.inner.cfg.concurrency.max(1)));
        let mut set = tokio::task::JoinSet::new();
        let n = jobs.len();
        for (i, job) in jobs.into_iter().enumerate() {
            let me = self.clone();
            let gate = gate.clone();
            let progress = progress.clone();
            set.spawn(async move {
                // The semaphore is never closed, so acquiring only waits.
                let _permit = gate.acquire_owned().await.ok();
                me.deliver(i, &job, progress.as_ref()).await
            });
        }
        let mut out: Vec<Option<DeliveryReport>> = vec![None; n];
        while let Some(r) = set.join_next().await {
            if let Ok(r) = r {
                let i = r.job;
                out[i] = Some(r);
            }
        }
        out.into_iter().flatten().collect()
    }

    /// Sends one job with its retries.
    pub async fn deliver(
        &self,
        index: usize,
        job: &Job,
        progress: Option<&mpsc::UnboundedSender<AttemptReport>>,
    ) -> DeliveryReport {
        let policy = &self.inner.cfg.retry;
        let max = policy.attempts.max(1);
        let mut attempts = Vec::new();
        let mut delivered = false;
        for n in 1..=max {
            let at = (self.inner.clock)();
            let result = self.attempt(job, at).await;
            let (ok, status, response, error, retry) = match result {
                Ok((status, response)) => (true, status, Some(response), None, false),
                Err(f) => (
                    false,
                    f.status,
                    f.response,
                    Some(f.error.to_string()),
                    f.retry,
                ),
            };
            let last = ok || !retry || n == max;
            let report = AttemptReport {
                job: index,
                attempt: n,
                at,
                ok,
                status,
                response,
                error,
                last,
            };
            if let Some(p) = progress {
                // A dropped receiver only means nobody is listening.
                let _ = p.send(report.clone());
            }
            tracing::debug!(
                endpoint = job.endpoint.id,
                attempt = n,
                ok,
                "delivery attempt"
            );
            attempts.push(report);
            if ok {
                delivered = true;
                break;
            }
            if last {
                break;
            }
            tokio::time::sleep(policy.delay_after(n)).await;
        }
        DeliveryReport {
            job: index,
            endpoint_id: job.endpoint.id,
            message_id: job.message.id.clone(),
            delivered,
            attempts,
        }
    }

    async fn attempt(
        &self,
        job: &Job,
        at: OffsetDateTime,
    ) -> Result<(Option<u16>, String), Failure> {
        let m = &job.message;
        match &job.endpoint.target {
            Target::WeCom { url, format } => {
                let u = reqwest::Url::parse(url)
                    .map_err(|e| permanent(NotifyError::BadUrl(format!("{url}：{e}"))))?;
                self.post(u, &wecom_payload(m, *format), &m.id).await
            }
            Target::DingTalk {
                url,
                secret,
                format,
            } => {
                let u = match secret {
                    Some(s) => {
                        let ms = (at.unix_timestamp_nanos() / 1_000_000) as i64;
                        signed_url(url, s, ms).map_err(permanent)?
                    }
                    None => reqwest::Url::parse(url)
                        .map_err(|e| permanent(NotifyError::BadUrl(format!("{url}：{e}"))))?,
                };
                self.post(u, &dingtalk_payload(m, *format), &m.id).await
            }
            Target::Email { to } => {
                let cfg = self
                    .inner
                    .cfg
                    .smtp
                    .as_ref()
                    .ok_or_else(|| permanent(NotifyError::NoSmtp))?;
                let timeout = self.inner.cfg.timeout;
                // lettre's timeout is per command; this bounds the whole conversation.
                match tokio::time::timeout(timeout * 6, email::send(cfg, to, m, timeout)).await {
                    Ok(Ok(reply)) => Ok((reply.get(..3).and_then(|c| c.parse().ok()), reply)),
                    Ok(Err(e @ (NotifyError::BadAddress(_) | NotifyError::NoTls))) => {
                        Err(permanent(e))
                    }
                    Ok(Err(e)) => Err(Failure {
                        status: None,
                        response: None,
                        error: e,
                        retry: true,
                    }),
                    Err(_) => Err(Failure {
                        status: None,
                        response: None,
                        error: NotifyError::Smtp("超时".into()),
                        retry: true,
                    }),
                }
            }
        }
    }

    async fn post(
        &self,
        url: reqwest::Url,
        body: &serde_json::Value,
        id: &str,
    ) -> Result<(Option<u16>, String), Failure> {
        let resp = self
            .inner
            .http
            .post(url)
            .header(MESSAGE_ID_HEADER, id)
            .json(body)
            .send()
            .await
            .map_err(|e| Failure {
                status: None,
                response: None,
                error: NotifyError::Http(without_url(&e)),
                retry: true,
            })?;
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap_or_default();
        if !(200..300).contains(&status) {
            // Client errors other than timeouts and rate limits will not heal by retrying.
            let retry = status >= 500 || status == 408 || status == 429;
            return Err(Failure {
                status: Some(status),
                response: Some(text.clone()),
                error: NotifyError::Status {
                    status,
                    body: text.chars().take(200).collect(),
                },
                retry,
            });
        }
        // Both robots answer 200 with {"errcode":0,"errmsg":"ok"}; anything else is an error
        // (often a rate limit), worth another try.
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text)
            && let Some(code) = v.get("errcode").and_then(|c| c.as_i64())
            && code != 0
        {
            return Err(Failure {
                status: Some(status),
                response: Some(text.clone()),
                error: NotifyError::Robot {
                    code,
                    message: v
                        .get("errmsg")
                        .and_then(|m| m.as_str())
                        .unwrap_or("")
                        .to_string(),
                },
                retry: true,
            });
        }
        Ok((Some(status), text))
    }
}

fn permanent(error: NotifyError) -> Failure {
    Failure {
        status: None,
        response: None,
        error,
        retry: false,
    }
}

/// reqwest's error text, without the URL (which carries the robot's key or token).
fn without_url(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "超时"
    } else if e.is_connect() {
        "无法连接"
    } else {
        "请求出错"
    };
    let mut s = kind.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(inner) = src {
        s.push_str(&format!("：{inner}"));
        src = inner.source();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_grows_by_the_factor_up_to_the_cap() {
        let p = RetryPolicy {
            attempts: 6,
            first_delay: Duration::from_secs(2),
            factor: 3,
            max_delay: Duration::from_secs(30),
        };
        let d: Vec<u64> = (1..=5).map(|n| p.delay_after(n).as_secs()).collect();
        assert_eq!(d, vec![2, 6, 18, 30, 30]);
    }
}
