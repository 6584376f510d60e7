//! Delivery against local receivers on 127.0.0.1: both robot formats, 钉钉's signature
//! checked by the receiver, retries that deliver once, a failing endpoint that holds up
//! nothing, and e-mail into a small SMTP sink.

mod receiver;
mod smtp;

use duban_notify::{
    AttemptReport, Endpoint, Format, Job, Message, Notifier, NotifierConfig, RetryPolicy,
    SmtpConfig, SmtpSecurity, Target,
};
use std::time::Duration;

fn quick(attempts: u32) -> NotifierConfig {
    NotifierConfig {
        retry: RetryPolicy {
            attempts,
            first_delay: Duration::from_millis(10),
            factor: 2,
            max_delay: Duration::from_millis(50),
        },
        timeout: Duration::from_millis(500),
        ..NotifierConfig::default()
    }
}

fn message(id: &str) -> Message {
    Message {
        id: id.into(),
        title: "区人社局：1项进度待报送".into(),
        markdown: "### 区人社局：1项进度待报送\n1. 城镇新增就业（2024-06，6月25日截止，还有3天）"
            .into(),
        text: "区人社局：1项进度待报送\n1. 城镇新增就业（2024-06，6月25日截止，还有3天）".into(),
    }
}

fn job(id: i64, target: Target, msg: &str) -> Job {
    Job {
        endpoint: Endpoint {
            id,
            name: format!("群{id}"),
            target,
        },
        message: message(msg),
    }
}

#[tokio::test]
async fn both_robot_formats_arrive_and_the_receiver_verifies_the_dingtalk_signature() {
    let r = receiver::start().await;
    let n = Notifier::new(quick(2)).unwrap();
    let jobs = vec![
        job(
            1,
            Target::WeCom {
                url: r.url("/wecom?key=k1"),
                format: Format::Markdown,
            },
            "m1",
        ),
        job(
            2,
            Target::WeCom {
                url: r.url("/wecom?key=k1"),
                format: Format::Text,
            },
            "m2",
        ),
        job(
            3,
            Target::DingTalk {
                url: r.url("/ding?access_token=t"),
                secret: Some(receiver::SECRET.into()),
                format: Format::Markdown,
            },
            "m3",
        ),
        job(
            4,
            Target::DingTalk {
                url: r.url("/ding?access_token=t"),
                secret: Some("SECwrong".into()),
                format: Format::Text,
            },
            "m4",
        ),
    ];
    let reports = n.deliver_all(jobs, None).await;
    assert_eq!(
        reports.iter().map(|r| r.delivered).collect::<Vec<_>>(),
        vec![true, true, true, false]
    );
    let got = r.state.lock().unwrap().clone();
    let wecom: Vec<_> = got
        .wecom
        .iter()
        .map(|(id, v)| (id.as_str(), v["msgtype"].as_str().unwrap()))
        .collect();
    assert_eq!(wecom.len(), 2);
    assert!(
        wecom.contains(&("m1", "markdown")) && wecom.contains(&("m2", "text")),
        "{wecom:?}"
    );
    let md = got.wecom.iter().find(|(id, _)| id == "m1").unwrap();
    assert!(
        md.1["markdown"]["content"]
            .as_str()
            .unwrap()
            .contains("城镇新增就业")
    );
    assert_eq!(got.dingtalk_ok.len(), 1);
    assert_eq!(got.dingtalk_ok[0].0, "m3");
    assert_eq!(
        got.dingtalk_ok[0].1["markdown"]["title"],
        "区人社局：1项进度待报送"
    );
    assert_eq!(
        got.dingtalk_rejected, 2,
        "the wrong secret is refused on every attempt"
    );
    let bad = &reports[3];
    assert_eq!(bad.attempts.len(), 2);
    assert!(
        bad.attempts[1].error.as_deref().unwrap().contains("310000"),
        "{:?}",
        bad.attempts
    );
    assert!(bad.attempts[1].last && bad.attempts[1].status == Some(200));
}

#[tokio::test]
async fn a_receiver_that_fails_twice_then_succeeds_gets_the_message_once() {
    let r = receiver::start().await;
    let n = Notifier::new(quick(5)).unwrap();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let reports = n
        .deliver_all(
            vec![job(
                7,
                Target::WeCom {
                    url: r.url("/flaky"),
                    format: Format::Markdown,
                },
                "digest/2/2024-06-22/endpoint/7",
            )],
            Some(tx),
        )
        .await;
    let rep = &reports[0];
    assert!(rep.delivered);
    assert_eq!(
        rep.attempts
            .iter()
            .map(|a| (a.attempt, a.ok, a.status))
            .collect::<Vec<_>>(),
        vec![
            (1, false, Some(500)),
            (2, false, Some(500)),
            (3, true, Some(200))
        ]
    );
    let mut live: Vec<AttemptReport> = Vec::new();
    while let Ok(a) = rx.try_recv() {
        live.push(a);
    }
    assert_eq!(
        live, rep.attempts,
        "every attempt was also reported as it happened"
    );
    assert_eq!(
        live.iter().map(|a| a.last).collect::<Vec<_>>(),
        vec![false, false, true]
    );
    let s = r.state.lock().unwrap();
    assert_eq!(s.flaky_hits, 3, "no attempt after the success");
    assert_eq!(
        s.flaky_accepted,
        vec!["digest/2/2024-06-22/endpoint/7".to_string()]
    );
}

#[tokio::test]
async fn a_failing_endpoint_holds_up_no_other() {
    let r = receiver::start().await;
    let refused = receiver::closed_port().await;
    let n = Notifier::new(NotifierConfig {
        concurrency: 1,
        ..quick(2)
    })
    .unwrap();
    let jobs = vec![
        job(
            1,
            Target::WeCom {
                url: r.url("/hang"),
                format: Format::Text,
            },
            "a",
        ),
        job(
            2,
            Target::DingTalk {
                url: format!("http://127.0.0.1:{refused}/robot"),
                secret: None,
                format: Format::Text,
            },
            "b",
        ),
        job(
            3,
            Target::WeCom {
                url: r.url("/wecom"),
                format: Format::Text,
            },
            "c",
        ),
        job(
            4,
            Target::WeCom {
                url: r.url("/missing"),
                format: Format::Text,
            },
            "d",
        ),
        job(
            5,
            Target::WeCom {
                url: "not a url".into(),
                format: Format::Text,
            },
            "e",
        ),
    ];
    let reports = n.deliver_all(jobs, None).await;
    assert_eq!(reports.len(), 5);
    assert_eq!(
        reports.iter().map(|r| r.delivered).collect::<Vec<_>>(),
        vec![false, false, true, false, false]
    );
    let errors: Vec<&str> = reports
        .iter()
        .map(|r| r.attempts.last().unwrap().error.as_deref().unwrap_or(""))
        .collect();
    assert!(errors[0].contains("超时"), "{errors:?}");
    assert!(errors[1].contains("无法连接"), "{errors:?}");
    assert_eq!(reports[0].attempts.len(), 2);
    assert_eq!(reports[2].attempts.len(), 1);
    // A 404 and a bad URL will not heal: one attempt each.
    assert_eq!(
        (reports[3].attempts.len(), reports[3].attempts[0].status),
        (1, Some(404))
    );
    assert_eq!(reports[4].attempts.len(), 1);
    assert!(
        !errors[1].contains("127.0.0.1"),
        "the URL (with its token) stays out of the log: {}",
        errors[1]
    );
}

#[tokio::test]
async fn an_email_reaches_the_smtp_sink() {
    let sink = smtp::start().await;
    let cfg = NotifierConfig {
        smtp: Some(SmtpConfig {
            host: "127.0.0.1".into(),
            port: sink.port,
            security: SmtpSecurity::None,
            username: None,
            password: None,
            from: "督查室 <duban@gov.local>".into(),
        }),
        ..quick(2)
    };
    let n = Notifier::new(cfg).unwrap();
    let reports = n
        .deliver_all(
            vec![job(
                9,
                Target::Email {
                    to: vec!["renshe@gov.local".into(), "zhang@gov.local".into()],
                },
                "digest/2/2024-06-22/mail",
            )],
            None,
        )
        .await;
    assert!(reports[0].delivered, "{:?}", reports[0].attempts);
    assert_eq!(reports[0].attempts[0].status, Some(250));
    let mails = sink.mails.lock().unwrap().clone();
    assert_eq!(mails.len(), 1);
    let m = &mails[0];
    assert_eq!(m.from, "duban@gov.local");
    assert_eq!(
        m.to,
        vec![
            "renshe@gov.local".to_string(),
            "zhang@gov.local".to_string()
        ]
    );
    assert!(
        m.data
            .contains("Message-ID: <digest=2F2=2F2024-06-22=2Fmail@duban>"),
        "{}",
        m.data
    );
    let body = smtp::decoded_body(&m.data);
    assert!(
        body.contains("城镇新增就业（2024-06，6月25日截止，还有3天）"),
        "{body}"
    );
}

#[tokio::test]
async fn email_without_a_relay_or_tls_fails_at_once_with_a_reason() {
    let n = Notifier::new(quick(3)).unwrap();
    let r = n
        .deliver_all(
            vec![job(
                1,
                Target::Email {
                    to: vec!["a@gov.local".into()],
                },
                "x",
            )],
            None,
        )
        .await;
    assert_eq!(r[0].attempts.len(), 1);
    assert!(
        r[0].attempts[0]
            .error
            .as_deref()
            .unwrap()
            .contains("未配置邮件服务器")
    );
    let bad = NotifierConfig {
        smtp: Some(SmtpConfig {
            host: "127.0.0.1".into(),
            port: 1,
            security: SmtpSecurity::None,
            username: None,
            password: None,
            from: "not an address".into(),
        }),
        ..quick(3)
    };
    let r = Notifier::new(bad)
        .unwrap()
        .deliver_all(
            vec![job(
                1,
                Target::Email {
                    to: vec!["a@gov.local".into()],
                },
                "x",
            )],
            None,
        )
        .await;
    assert_eq!(r[0].attempts.len(), 1);
    assert!(
        r[0].attempts[0]
            .error
            .as_deref()
            .unwrap()
            .contains("邮件地址无效")
    );
}

#[cfg(not(feature = "tls"))]
#[tokio::test]
async fn starttls_without_the_tls_feature_is_refused_clearly() {
    let cfg = NotifierConfig {
        smtp: Some(SmtpConfig {
            host: "127.0.0.1".into(),
            port: 1,
            security: SmtpSecurity::StartTls,
            username: None,
            password: None,
            from: "duban@gov.local".into(),
        }),
        ..quick(3)
    };
    let r = Notifier::new(cfg)
        .unwrap()
        .deliver_all(
            vec![job(
                1,
                Target::Email {
                    to: vec!["a@gov.local".into()],
                },
                "x",
            )],
            None,
        )
        .await;
    assert_eq!(r[0].attempts.len(), 1);
    assert!(r[0].attempts[0].error.as_deref().unwrap().contains("TLS"));
}
