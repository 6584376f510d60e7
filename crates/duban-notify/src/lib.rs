//! Outbound delivery of duban's reminders and notices: the 企业微信 group robot, the 钉钉
//! custom robot (with its signed mode) and SMTP e-mail through an intranet relay.
//!
//! Nothing here touches the database: the app records each delivery BEFORE calling
//! [`Notifier::deliver_all`], and logs every [`AttemptReport`] it gets back. Each message is
//! retried with exponential back-off ([`RetryPolicy`]); every request has a timeout and the
//! endpoints are served concurrently, so a failing endpoint never holds up the others.
//! Every request carries the message id in the [`MESSAGE_ID_HEADER`] header (and e-mails
//! in their Message-ID), so a receiver can drop a copy it has already accepted.

mod compose;
mod dingtalk;
mod email;
mod message;
mod send;
mod target;

pub use compose::{NoticeView, digest_message, notice_message};
pub use dingtalk::{sign, signed_url};
pub use email::{SmtpConfig, SmtpSecurity};
pub use message::{Format, Message, dingtalk_payload, wecom_payload};
pub use send::{AttemptReport, Clock, DeliveryReport, Notifier, NotifierConfig, RetryPolicy};
pub use target::{Endpoint, Job, Target};

/// The header that names a message; the same message retried carries the same id.
pub const MESSAGE_ID_HEADER: &str = "X-Duban-Message-Id";

/// Why an attempt failed (its text goes into the delivery log).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotifyError {
    #[error("地址无效：{0}")]
    BadUrl(String),
    #[error("请求失败：{0}")]
    Http(String),
    #[error("接收方返回 HTTP {status}：{body}")]
    Status { status: u16, body: String },
    #[error("接收方返回错误码 {code}：{message}")]
    Robot { code: i64, message: String },
    #[error("邮件发送失败：{0}")]
    Smtp(String),
    #[error("邮件地址无效：{0}")]
    BadAddress(String),
    #[error("未配置邮件服务器")]
    NoSmtp,
    #[error("本程序未启用 TLS（编译时需开启 tls 功能），不能使用 STARTTLS 或 https")]
    NoTls,
}
