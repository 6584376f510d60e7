//! Webhooks reach a local receiver in both robot formats; the 钉钉 signature is verified by
//! the receiver; a receiver that fails twice then succeeds gets each message once.

use super::demo_on;
use super::receiver::start;
use crate::login_actor;
use duban_app::Actor;
use duban_app::chase::endpoints::{self, EndpointForm};
use duban_app::chase::run_pass;
use duban_notify::RetryPolicy;
use std::collections::HashSet;
use std::time::Duration;
use time::macros::date;

#[tokio::test]
async fn webhooks_reach_both_robots_once_with_retries_and_signature() {
    let (mut app, _clock, _info, _t) = demo_on(date!(2024 - 07 - 28)).await;
    app.settings.notifier.retry = RetryPolicy {
        attempts: 4,
        first_delay: Duration::from_millis(10),
        factor: 1,
        max_delay: Duration::from_millis(10),
    };
    let unit = login_actor(&app, "rsj_tb").await.unit_id;
    let wecom = start(2).await;
    let ding = start(0).await;
    let admin = Actor::cli();
    let secret = "SECtest123";
    endpoints::create(
        &app,
        &admin,
        &EndpointForm {
            name: "人社局企业微信群",
            channel: "wecom",
            target: &wecom.url,
            secret: None,
            format: "markdown",
            unit_id: unit,
            enabled: true,
        },
    )
    .await
    .unwrap();
    endpoints::create(
        &app,
        &admin,
        &EndpointForm {
            name: "人社局钉钉群",
            channel: "dingtalk",
            target: &ding.url,
            secret: Some(secret),
            format: "text",
            unit_id: unit,
            enabled: true,
        },
    )
    .await
    .unwrap();
    // Only the administrator configures endpoints.
    let office = login_actor(&app, "duchashi").await;
    assert!(endpoints::list(&app, &office).await.is_err());

    let r = run_pass(&app, app.today(), false).await.unwrap();
    assert_eq!(r.deliveries_failed, 0, "{r:?}");
    let wecom_hits = wecom.hits.lock().unwrap().clone();
    let ding_hits = ding.hits.lock().unwrap().clone();
    let delivered = |hits: &[super::receiver::Hit]| {
        let ok: Vec<&str> = hits
            .iter()
            .filter(|h| h.ok)
            .map(|h| h.message_id.as_str())
            .collect();
        let unique: HashSet<&str> = ok.iter().copied().collect();
        assert_eq!(ok.len(), unique.len(), "each message accepted once");
        ok.len()
    };
    let n = delivered(&wecom_hits);
    assert!(n > 1, "a digest and notices");
    assert_eq!(wecom_hits.iter().filter(|h| !h.ok).count(), 2);
    assert_eq!(
        delivered(&ding_hits),
        n,
        "both robots get the same messages"
    );
    assert_eq!(r.deliveries_sent, 2 * n);
    for h in &wecom_hits {
        let v: serde_json::Value = serde_json::from_str(&h.body).unwrap();
        assert_eq!(v["msgtype"], "markdown", "{}", h.body);
    }
    for h in &ding_hits {
        let v: serde_json::Value = serde_json::from_str(&h.body).unwrap();
        assert_eq!(v["msgtype"], "text", "{}", h.body);
        let u = reqwest::Url::parse(&format!("http://x{}", h.target)).unwrap();
        let q: std::collections::HashMap<String, String> = u.query_pairs().into_owned().collect();
        let ts: i64 = q["timestamp"].parse().unwrap();
        assert_eq!(
            q["sign"],
            duban_notify::sign(secret, ts),
            "signature verified"
        );
    }
    // The log holds every attempt; a second pass sends nothing again.
    let log = endpoints::log(&app, &admin, 500).await.unwrap();
    assert!(log.iter().all(|d| d.state == "sent"));
    let wecom_attempts: i64 = log
        .iter()
        .filter(|d| d.channel == "wecom")
        .map(|d| d.attempts)
        .sum();
    assert_eq!(
        wecom_attempts,
        n as i64 + 2,
        "two failures retried, then sent"
    );
    run_pass(&app, app.today(), false).await.unwrap();
    assert_eq!(wecom.hits.lock().unwrap().len(), wecom_hits.len());
}
