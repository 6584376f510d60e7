//! Sending what the pass recorded: every pending delivery, each attempt logged as it
//! happens (so a crash mid-send leaves an honest log).

use crate::{App, Result};
use duban_db::deliveries;
use duban_notify::{Endpoint, Job, Message, Notifier, SmtpConfig, SmtpSecurity, Target};
use std::collections::HashMap;
use std::sync::Arc;

/// The most deliveries sent in one pass (the rest wait for the next one).
const BATCH: i64 = 500;

/// Sends every pending delivery; returns (sent, failed for good).
pub async fn send_pending(app: &App) -> Result<(usize, usize)> {
    let mut tx = app.db.read().await?;
    let pending = deliveries::pending(&mut tx, BATCH).await?;
    if pending.is_empty() {
        return Ok((0, 0));
    }
    let eps: HashMap<i64, deliveries::Endpoint> = deliveries::endpoints(&mut tx)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let relay = deliveries::smtp_relay(&mut tx).await?;
    drop(tx);
    let mut cfg = app.settings.notifier.clone();
    if let Some(r) = relay.filter(|r| r.enabled) {
        cfg.smtp = Some(SmtpConfig {
            host: r.host,
            port: u16::try_from(r.port).unwrap_or(25),
            security: if r.security == "starttls" {
                SmtpSecurity::StartTls
            } else {
                SmtpSecurity::None
            },
            username: r.username,
            password: r.password,
            from: r.from_addr,
        });
    }
    let clock = app.clock.clone();
    let notifier = Notifier::new(cfg)
        .map_err(crate::AppError::internal)?
        .with_clock(Arc::new(move || clock.now()));
    let mut jobs = Vec::new();
    let mut ids = Vec::new();
    let mut broken = Vec::new();
    for d in pending {
        let Some(ep) = d.endpoint_id.and_then(|id| eps.get(&id)) else {
            broken.push((d.id, "推送地址已删除".to_string()));
            continue;
        };
        match Target::from_config(&ep.channel, &ep.target, ep.secret.as_deref(), &ep.format) {
            Ok(target) => {
                ids.push(d.id);
                jobs.push(Job {
                    endpoint: Endpoint {
                        id: ep.id,
                        name: ep.name.clone(),
                        target,
                    },
                    message: Message {
                        id: d.delivery_key.clone(),
                        title: d.subject.clone(),
                        markdown: d.body.clone(),
                        text: d.body.clone(),
                    },
                });
            }
            Err(e) => broken.push((d.id, e.to_string())),
        }
    }
    let mut failed = 0;
    if !broken.is_empty() {
        let mut tx = app.begin().await?;
        for (id, err) in &broken {
            let a = deliveries::NewAttempt {
                delivery_id: *id,
                at: app.now(),
                ok: false,
                status_code: None,
                response: None,
                error: Some(err),
            };
            deliveries::add_attempt(&mut tx, &a, true).await?;
            failed += 1;
        }
        tx.commit().await?;
    }
    let (send, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let runner = tokio::spawn(async move { notifier.deliver_all(jobs, Some(send)).await });
    let mut sent = 0;
    while let Some(a) = rx.recv().await {
        let Some(&id) = ids.get(a.job) else { continue };
        let mut tx = app.begin().await?;
        let na = deliveries::NewAttempt {
            delivery_id: id,
            at: a.at,
            ok: a.ok,
            status_code: a.status.map(i64::from),
            response: a.response.as_deref(),
            error: a.error.as_deref(),
        };
        deliveries::add_attempt(&mut tx, &na, a.last).await?;
        tx.commit().await?;
        if a.ok {
            sent += 1;
        } else if a.last {
            failed += 1;
        }
    }
    let _ = runner.await;
    Ok((sent, failed))
}
